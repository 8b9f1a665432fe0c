// The "nuget" scheme: NuGet.Versioning's NuGetVersion (NuGetVersion.TryParse
// and VersionComparer.Default).
//
// Grammar: surrounding whitespace, then 1 to 4 dot-separated numbers (each at
// most 2147483647, leading zeros allowed), optional '-' and dot-separated
// release labels ([0-9A-Za-z-]+, a numeric label without leading zeros),
// optional '+' and metadata ([0-9A-Za-z-]+ parts, leading zeros allowed).
// Missing numbers are 0, so 1.0 == 1.0.0.0. Order: the four numbers; a
// release above its prereleases; labels one by one, a label that .NET's
// Int32.TryParse reads as a number below any other, numbers by value, other
// labels case-insensitively; more labels rank higher. Metadata is ignored.
// Canonical() is ToNormalizedString(): "1.01.0.0-Beta+m" -> "1.1.0-Beta+m".
#include <algorithm>

#include "core/text.h"
#include "version/scheme_support.h"
#include "version/schemes.h"

namespace soupkeeper::version {
namespace {

using internal::InlineVector;
using internal::IsDigit;
using internal::Sign;
using internal::Span;

struct NugetVersion : ParsedVersion {
  std::string text;  // input without surrounding whitespace
  uint32_t numbers[4] = {0, 0, 0, 0};
  InlineVector<Span, 3> labels;
  Span metadata;
  bool has_metadata = false;
};

bool IsPartChar(char c) { return internal::IsAlnum(c) || c == '-'; }

// Int32.TryParse on a label (which only has [0-9A-Za-z-] characters).
bool LabelAsInt(std::string_view s, int64_t* out) {
  bool negative = !s.empty() && s[0] == '-';
  std::string_view digits = negative ? s.substr(1) : s;
  if (!internal::AllDigits(digits)) return false;
  if (!internal::DecimalAtMost(digits, negative ? 2147483648u : 2147483647u)) return false;
  int64_t v = 0;
  for (char c : internal::StripLeadingZeros(digits)) v = v * 10 + (c - '0');
  *out = negative ? -v : v;
  return true;
}

int CompareLabel(std::string_view a, std::string_view b) {
  int64_t x = 0;
  int64_t y = 0;
  bool xn = LabelAsInt(a, &x);
  bool yn = LabelAsInt(b, &y);
  if (xn && yn) return Sign(x - y);
  if (xn != yn) return xn ? -1 : 1;
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    char ca = text::AsciiLower(a[i]);
    char cb = text::AsciiLower(b[i]);
    if (ca != cb) return ca < cb ? -1 : 1;
  }
  return Sign(static_cast<long>(a.size()) - static_cast<long>(b.size()));
}

class NugetScheme : public VersionScheme {
 public:
  std::string_view Name() const override { return "nuget"; }
  std::string_view Description() const override {
    return "NuGet (NuGet.Versioning): SemVer 2.0 with up to 4 numbers, case-insensitive labels";
  }

  Result<std::unique_ptr<ParsedVersion>> Parse(std::string_view input) const override {
    size_t begin = 0;
    std::string_view trimmed = internal::TrimSpace(input, &begin);
    auto v = std::make_unique<NugetVersion>();
    v->text.assign(trimmed);
    const std::string& t = v->text;
    auto fail = [&](const std::string& problem, size_t at) {
      return internal::VersionError("nuget", input,
                                    problem + " at offset " + std::to_string(begin + at));
    };
    if (t.empty()) return internal::VersionError("nuget", input, "empty version");

    size_t i = 0;
    int count = 0;
    while (true) {
      size_t start = i;
      while (i < t.size() && IsDigit(t[i])) ++i;
      if (i == start) {
        return fail(i < t.size() ? std::string("expected a number, found '") + t[i] + "'"
                                 : std::string("expected a number"),
                    i);
      }
      std::string_view digits = std::string_view(t).substr(start, i - start);
      if (!internal::DecimalAtMost(digits, 2147483647u)) {
        return fail("version number larger than 2147483647", start);
      }
      uint32_t n = 0;
      for (char c : internal::StripLeadingZeros(digits)) n = n * 10 + (c - '0');
      v->numbers[count++] = n;
      if (i < t.size() && t[i] == '.') {
        if (count == 4) return fail("more than 4 version numbers", i);
        ++i;
        continue;
      }
      break;
    }
    if (i < t.size() && t[i] == '-') {
      ++i;
      while (true) {
        size_t start = i;
        while (i < t.size() && IsPartChar(t[i])) ++i;
        std::string_view label = std::string_view(t).substr(start, i - start);
        if (label.empty()) return fail("empty release label", start);
        if (label.size() > 1 && label[0] == '0' && internal::AllDigits(label)) {
          return fail("leading zero in numeric release label", start);
        }
        v->labels.push_back(internal::MakeSpan(start, label.size()));
        if (i < t.size() && t[i] == '.') {
          ++i;
          continue;
        }
        break;
      }
    }
    if (i < t.size() && t[i] == '+') {
      size_t start = ++i;
      while (true) {
        size_t part = i;
        while (i < t.size() && IsPartChar(t[i])) ++i;
        if (i == part) return fail("empty metadata part", part);
        if (i < t.size() && t[i] == '.') {
          ++i;
          continue;
        }
        break;
      }
      v->has_metadata = true;
      v->metadata = internal::MakeSpan(start, i - start);
    }
    if (i < t.size()) {
      return fail("unexpected '" + std::string(std::string_view(t).substr(i)) + "'", i);
    }
    return std::unique_ptr<ParsedVersion>(std::move(v));
  }

  int Compare(const ParsedVersion& pa, const ParsedVersion& pb) const override {
    const auto& a = internal::As<NugetVersion>(pa);
    const auto& b = internal::As<NugetVersion>(pb);
    for (int k = 0; k < 4; ++k) {
      if (a.numbers[k] != b.numbers[k]) return a.numbers[k] < b.numbers[k] ? -1 : 1;
    }
    if (a.labels.empty() || b.labels.empty()) {
      return Sign(int(a.labels.empty()) - int(b.labels.empty()));
    }
    size_t n = std::min(a.labels.size(), b.labels.size());
    for (size_t k = 0; k < n; ++k) {
      if (int c = CompareLabel(a.labels[k].In(a.text), b.labels[k].In(b.text))) return c;
    }
    return Sign(static_cast<long>(a.labels.size()) - static_cast<long>(b.labels.size()));
  }

  std::string Canonical(const ParsedVersion& pv) const override {
    const auto& v = internal::As<NugetVersion>(pv);
    std::string out = std::to_string(v.numbers[0]) + "." + std::to_string(v.numbers[1]) + "." +
                      std::to_string(v.numbers[2]);
    if (v.numbers[3] > 0) out += "." + std::to_string(v.numbers[3]);
    for (size_t k = 0; k < v.labels.size(); ++k) {
      out += k == 0 ? '-' : '.';
      out.append(v.labels[k].In(v.text));
    }
    if (v.has_metadata) out.append("+").append(v.metadata.In(v.text));
    return out;
  }
};

}  // namespace

std::unique_ptr<VersionScheme> NewNugetScheme() { return std::make_unique<NugetScheme>(); }

}  // namespace soupkeeper::version
