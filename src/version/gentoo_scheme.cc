// The "gentoo" scheme: Gentoo package versions as the Package Manager
// Specification defines them (PMS section 3.2, "Version specifications", and
// algorithms 3.1 to 3.7), for vers and univers' "gentoo" scheme.
//
// Grammar: digits {.digits} [letter] {_suffix [digits]} [-r digits], with a
// lower-case letter and suffixes alpha, beta, pre, rc, p. Anything else is a
// parse error naming the offset.
//
// Comparison (PMS algorithm 3.1): the first numbers by value; each later pair
// of numbers by value, unless either starts with '0', then both stripped of
// trailing zeros and compared as strings ("1.01" < "1.1", "1.0" == "1.00");
// when one version runs out of numbers first it is the smaller ("1.0" <
// "1.0.0", "0" != "0.0"). Then the letter (none < a < ... < z). Then the
// suffixes pairwise (alpha < beta < pre < rc < p, then their numbers by
// value, missing = 0); an extra suffix makes a version greater only when it
// is _p. Then the revision by value (missing = -r0). Numbers of any length
// compare exactly. Canonical(): the text as given.
#include <algorithm>

#include "version/scheme_support.h"
#include "version/schemes.h"

namespace soupkeeper::version {
namespace {

using internal::Span;

constexpr std::string_view kScheme = "gentoo";

enum SuffixKind : uint8_t { kAlpha, kBeta, kPre, kRc, kP };

struct Suffix {
  Span number;  // digits; empty when absent
  SuffixKind kind = kP;
};

struct GentooVersion : ParsedVersion {
  std::string text;
  internal::InlineVector<Span, 6> numbers;
  char letter = 0;  // 0 when absent
  internal::InlineVector<Suffix, 2> suffixes;
  Span revision;  // digits; empty when absent
};

std::string_view NumberOr0(std::string_view text, Span s) { return s.empty() ? "0" : s.In(text); }

std::string_view StripTrailingZeros(std::string_view s) {
  while (!s.empty() && s.back() == '0') s.remove_suffix(1);
  return s;
}

// PMS algorithm 3.2 for one pair of numbers after the first.
int CompareLaterNumbers(std::string_view a, std::string_view b) {
  if (a[0] == '0' || b[0] == '0') {
    return internal::CompareBytes(StripTrailingZeros(a), StripTrailingZeros(b));
  }
  return internal::CompareDecimal(a, b);
}

class GentooScheme : public VersionScheme {
 public:
  std::string_view Name() const override { return kScheme; }
  std::string_view Description() const override {
    return "Gentoo: digits{.digits}[letter]{_suffix[N]}[-rN] ordered by the PMS algorithm";
  }

  Result<std::unique_ptr<ParsedVersion>> Parse(std::string_view input) const override {
    if (input.empty()) return internal::VersionError(kScheme, input, "empty version");
    auto v = std::make_unique<GentooVersion>();
    v->text.assign(input);
    std::string_view t = v->text;
    size_t i = 0;
    auto digits = [&]() -> Span {
      size_t start = i;
      while (i < t.size() && internal::IsDigit(t[i])) ++i;
      return internal::MakeSpan(start, i - start);
    };
    while (true) {
      size_t at = i;
      Span n = digits();
      if (n.empty()) {
        return Error(input, at, at == 0 ? "a version must start with a digit" : "digits expected");
      }
      v->numbers.push_back(n);
      if (i + 1 < t.size() && t[i] == '.' && internal::IsDigit(t[i + 1])) {
        ++i;
        continue;
      }
      break;
    }
    if (i < t.size() && t[i] >= 'a' && t[i] <= 'z') v->letter = t[i++];
    while (i < t.size() && t[i] == '_') {
      size_t at = i++;
      constexpr std::string_view kNames[] = {"alpha", "beta", "pre", "rc", "p"};
      size_t start = i;
      while (i < t.size() && t[i] >= 'a' && t[i] <= 'z') ++i;
      std::string_view name = t.substr(start, i - start);
      auto found = std::find(std::begin(kNames), std::end(kNames), name);
      if (found == std::end(kNames)) {
        return Error(input, at, "unknown suffix (expected _alpha, _beta, _pre, _rc or _p)");
      }
      Suffix s;
      s.kind = static_cast<SuffixKind>(found - std::begin(kNames));
      s.number = digits();
      v->suffixes.push_back(s);
    }
    if (i + 1 < t.size() && t[i] == '-' && t[i + 1] == 'r') {
      size_t at = i;
      i += 2;
      v->revision = digits();
      if (v->revision.empty()) return Error(input, at, "'-r' must be followed by digits");
    }
    if (i < t.size()) return internal::UnexpectedAt(kScheme, input, i);
    return std::unique_ptr<ParsedVersion>(std::move(v));
  }

  int Compare(const ParsedVersion& pa, const ParsedVersion& pb) const override {
    const auto& a = internal::As<GentooVersion>(pa);
    const auto& b = internal::As<GentooVersion>(pb);
    std::string_view at = a.text;
    std::string_view bt = b.text;
    if (int c = internal::CompareDecimal(a.numbers[0].In(at), b.numbers[0].In(bt))) return c;
    size_t n = std::min(a.numbers.size(), b.numbers.size());
    for (size_t k = 1; k < n; ++k) {
      if (int c = CompareLaterNumbers(a.numbers[k].In(at), b.numbers[k].In(bt))) return c;
    }
    if (a.numbers.size() != b.numbers.size()) return a.numbers.size() < b.numbers.size() ? -1 : 1;
    if (a.letter != b.letter) return a.letter < b.letter ? -1 : 1;
    size_t s = std::min(a.suffixes.size(), b.suffixes.size());
    for (size_t k = 0; k < s; ++k) {
      const Suffix& x = a.suffixes[k];
      const Suffix& y = b.suffixes[k];
      if (x.kind != y.kind) return x.kind < y.kind ? -1 : 1;
      if (int c = internal::CompareDecimal(NumberOr0(at, x.number), NumberOr0(bt, y.number))) {
        return c;
      }
    }
    if (a.suffixes.size() > s) return a.suffixes[s].kind == kP ? 1 : -1;
    if (b.suffixes.size() > s) return b.suffixes[s].kind == kP ? -1 : 1;
    return internal::CompareDecimal(NumberOr0(at, a.revision), NumberOr0(bt, b.revision));
  }

  std::string Canonical(const ParsedVersion& v) const override {
    return internal::As<GentooVersion>(v).text;
  }

 private:
  static Status Error(std::string_view input, size_t offset, std::string_view what) {
    return internal::VersionError(kScheme, input,
                                  std::string(what) + " at offset " + std::to_string(offset));
  }
};

}  // namespace

std::unique_ptr<VersionScheme> NewGentooScheme() { return std::make_unique<GentooScheme>(); }

}  // namespace soupkeeper::version
