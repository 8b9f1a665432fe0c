// The "generic" scheme: a documented fallback for versions of no known
// ecosystem (purl type "generic", "github", ...).
//
// A version is a non-empty text of printable ASCII without spaces, holding at
// least one letter or digit. It reads as a list of tokens: runs of ASCII
// digits (numbers) and runs of ASCII letters (words); every other character
// only separates tokens. Tokens compare in order: numbers by value (leading
// zeros ignored), words by bytes (so case-sensitively, "B" < "a"), a word
// below a number (1.0a < 1.0.1). When one list ends first, the longer version
// ranks higher if its next token is a number (1.0 < 1.0.1) and lower if it is
// a word (1.0rc1 < 1.0), like dpkg without epochs or '~'. Separators carry no
// weight, so 1.0 == 1-0 == 1_0. Canonical(): the text as given.
#include <algorithm>

#include "version/scheme_support.h"
#include "version/schemes.h"

namespace soupkeeper::version {
namespace {

using internal::InlineVector;
using internal::Span;

struct Token {
  Span text;
  bool number = false;
};

struct GenericVersion : ParsedVersion {
  std::string text;
  InlineVector<Token, 6> tokens;
};

class GenericScheme : public VersionScheme {
 public:
  std::string_view Name() const override { return "generic"; }
  std::string_view Description() const override {
    return "Fallback: digit runs by value and letter runs by bytes, separators ignored";
  }

  Result<std::unique_ptr<ParsedVersion>> Parse(std::string_view input) const override {
    if (input.empty()) return internal::VersionError("generic", input, "empty version");
    auto v = std::make_unique<GenericVersion>();
    v->text.assign(input);
    const std::string& t = v->text;
    for (size_t i = 0; i < t.size();) {
      char c = t[i];
      if (c <= ' ' || c > '~') {
        return internal::VersionError(
            "generic", input, "space or non-printable character at offset " + std::to_string(i));
      }
      size_t start = i;
      if (internal::IsDigit(c)) {
        while (i < t.size() && internal::IsDigit(t[i])) ++i;
        std::string_view d =
            internal::StripLeadingZeros(std::string_view(t).substr(start, i - start));
        v->tokens.push_back({internal::MakeSpan(i - d.size(), d.size()), true});
      } else if (internal::IsAlpha(c)) {
        while (i < t.size() && internal::IsAlpha(t[i])) ++i;
        v->tokens.push_back({internal::MakeSpan(start, i - start), false});
      } else {
        ++i;
      }
    }
    if (v->tokens.empty()) {
      return internal::VersionError("generic", input, "no letter or digit");
    }
    return std::unique_ptr<ParsedVersion>(std::move(v));
  }

  int Compare(const ParsedVersion& pa, const ParsedVersion& pb) const override {
    const auto& a = internal::As<GenericVersion>(pa);
    const auto& b = internal::As<GenericVersion>(pb);
    size_t n = std::min(a.tokens.size(), b.tokens.size());
    for (size_t k = 0; k < n; ++k) {
      const Token& x = a.tokens[k];
      const Token& y = b.tokens[k];
      if (x.number != y.number) return x.number ? 1 : -1;
      std::string_view xs = x.text.In(a.text);
      std::string_view ys = y.text.In(b.text);
      int c = x.number ? internal::CompareDecimal(xs, ys) : internal::CompareBytes(xs, ys);
      if (c != 0) return c;
    }
    if (a.tokens.size() > n) return a.tokens[n].number ? 1 : -1;
    if (b.tokens.size() > n) return b.tokens[n].number ? -1 : 1;
    return 0;
  }

  std::string Canonical(const ParsedVersion& v) const override {
    return internal::As<GenericVersion>(v).text;
  }
};

}  // namespace

std::unique_ptr<VersionScheme> NewGenericScheme() { return std::make_unique<GenericScheme>(); }

}  // namespace soupkeeper::version
