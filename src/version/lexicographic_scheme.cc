// The "lexicographic" scheme: versions ordered by their UTF-8 bytes, which is
// the order of their Unicode code points (vers' "lexicographic" scheme). No
// normalization, no case folding: "A" < "a", "e\u0301" < "\u00e9".
//
// A version is any non-empty, well-formed UTF-8 text (no overlong forms, no
// surrogates, nothing above U+10FFFF); a malformed byte sequence is a parse
// error naming its offset. Canonical(): the text as given.
#include "version/scheme_support.h"
#include "version/schemes.h"

namespace soupkeeper::version {
namespace {

constexpr std::string_view kScheme = "lexicographic";

struct LexVersion : ParsedVersion {
  std::string text;
};

// The length of the well-formed UTF-8 sequence at s[i], or 0 (RFC 3629
// section 4 syntax).
size_t Utf8SequenceAt(std::string_view s, size_t i) {
  auto byte = [&](size_t k) -> unsigned {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0x100;
  };
  auto in = [](unsigned b, unsigned lo, unsigned hi) { return b >= lo && b <= hi; };
  unsigned b0 = byte(0);
  if (b0 < 0x80) return 1;
  if (in(b0, 0xC2, 0xDF)) return in(byte(1), 0x80, 0xBF) ? 2 : 0;
  if (in(b0, 0xE0, 0xEF)) {
    unsigned lo = b0 == 0xE0 ? 0xA0 : 0x80;
    unsigned hi = b0 == 0xED ? 0x9F : 0xBF;
    return in(byte(1), lo, hi) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
  }
  if (in(b0, 0xF0, 0xF4)) {
    unsigned lo = b0 == 0xF0 ? 0x90 : 0x80;
    unsigned hi = b0 == 0xF4 ? 0x8F : 0xBF;
    return in(byte(1), lo, hi) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

class LexicographicScheme : public VersionScheme {
 public:
  std::string_view Name() const override { return kScheme; }
  std::string_view Description() const override {
    return "UTF-8 byte (code point) order, no normalization";
  }

  Result<std::unique_ptr<ParsedVersion>> Parse(std::string_view input) const override {
    if (input.empty()) return internal::VersionError(kScheme, input, "empty version");
    for (size_t i = 0; i < input.size();) {
      size_t n = Utf8SequenceAt(input, i);
      if (n == 0) {
        return internal::VersionError(kScheme, input,
                                      "invalid UTF-8 at offset " + std::to_string(i));
      }
      i += n;
    }
    auto v = std::make_unique<LexVersion>();
    v->text.assign(input);
    return std::unique_ptr<ParsedVersion>(std::move(v));
  }

  int Compare(const ParsedVersion& a, const ParsedVersion& b) const override {
    return internal::CompareBytes(internal::As<LexVersion>(a).text,
                                  internal::As<LexVersion>(b).text);
  }

  std::string Canonical(const ParsedVersion& v) const override {
    return internal::As<LexVersion>(v).text;
  }
};

}  // namespace

std::unique_ptr<VersionScheme> NewLexicographicScheme() {
  return std::make_unique<LexicographicScheme>();
}

}  // namespace soupkeeper::version
