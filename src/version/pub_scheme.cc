// The "pub" scheme: Dart pub package versions, ordered as osv-scalibr's
// semantic package orders the OSV Pub ecosystem.
//
// Grammar: an optional 'v', [0-9]+(\.[0-9]+)*, then an optional suffix that
// starts with '-' or '+' and holds [0-9A-Za-z.+-]. Numbers past the third
// join the suffix (osv-scalibr appends them, "1.2.3.4-b" reads as 1.2.3 with
// suffix "-b.4").
//
// Order: the three numbers (missing ones 0); then the prerelease, the suffix
// up to its first '+' without one leading '-': none ranks above any;
// otherwise identifiers one by one as SemVer does (numbers by value and below
// text, text by bytes, fewer first); then the build, the text after the
// first '+', by bytes (none lowest): 1.2.3+1 < 1.2.3+2 < 1.2.3+a.
// Canonical(): the three numbers without leading zeros and the suffix.
#include <algorithm>

#include "version/scheme_support.h"
#include "version/schemes.h"

namespace soupkeeper::version {
namespace {

using internal::CompareBytes;
using internal::CompareDecimal;
using internal::NumberList;
using internal::Sign;

struct PubVersion : ParsedVersion {
  std::string text;  // the input, then the moved numbers appended to the suffix
  NumberList numbers;
  std::string suffix;
};

bool IsSuffixChar(char c) { return internal::IsAlnum(c) || c == '.' || c == '+' || c == '-'; }

// Go's big.Int SetString(s, 10): an optional sign, then digits.
bool IsGoInteger(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  return internal::AllDigits(s);
}

int CompareGoIntegers(std::string_view a, std::string_view b) {
  auto negative = [](std::string_view& s) {
    bool neg = !s.empty() && s[0] == '-';
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
    return neg && internal::StripLeadingZeros(s) != "0";
  };
  bool na = negative(a);
  bool nb = negative(b);
  if (na != nb) return na ? -1 : 1;
  int c = CompareDecimal(a, b);
  return na ? -c : c;
}

int ComparePrerelease(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return Sign(int(a.empty()) - int(b.empty()));
  while (true) {
    size_t da = a.find('.');
    size_t db = b.find('.');
    std::string_view x = a.substr(0, da);
    std::string_view y = b.substr(0, db);
    bool xn = IsGoInteger(x);
    bool yn = IsGoInteger(y);
    int c = (xn && yn) ? CompareGoIntegers(x, y) : (xn != yn) ? (xn ? -1 : 1) : CompareBytes(x, y);
    if (c != 0) return c;
    if (da == std::string_view::npos || db == std::string_view::npos) {
      return Sign(int(da != std::string_view::npos) - int(db != std::string_view::npos));
    }
    a.remove_prefix(da + 1);
    b.remove_prefix(db + 1);
  }
}

class PubScheme : public VersionScheme {
 public:
  std::string_view Name() const override { return "pub"; }
  std::string_view Description() const override {
    return "Pub (Dart): SemVer-like, build metadata ordered as text";
  }

  Result<std::unique_ptr<ParsedVersion>> Parse(std::string_view input) const override {
    auto v = std::make_unique<PubVersion>();
    v->text.assign(input);
    size_t i = (!input.empty() && input[0] == 'v') ? 1 : 0;
    size_t end = internal::ParseNumberList(v->text, i, ".", &v->numbers);
    if (end == i) return internal::UnexpectedAt("pub", input, end);
    if (end < input.size()) {
      if (input[end] != '-' && input[end] != '+') return internal::UnexpectedAt("pub", input, end);
      for (size_t k = end; k < input.size(); ++k) {
        if (!IsSuffixChar(input[k])) return internal::UnexpectedAt("pub", input, k);
      }
      v->suffix.assign(input.substr(end));
    }
    for (size_t k = 3; k < v->numbers.size(); ++k) {
      v->suffix.append(".").append(v->numbers[k].In(v->text));
    }
    while (v->numbers.size() > 3) v->numbers.pop_back();
    return std::unique_ptr<ParsedVersion>(std::move(v));
  }

  int Compare(const ParsedVersion& pa, const ParsedVersion& pb) const override {
    const auto& a = internal::As<PubVersion>(pa);
    const auto& b = internal::As<PubVersion>(pb);
    if (int c = internal::ComparePadded(a.text, a.numbers, b.text, b.numbers)) return c;
    std::string_view sa = a.suffix;
    std::string_view sb = b.suffix;
    size_t pa_end = sa.find('+');
    size_t pb_end = sb.find('+');
    std::string_view pre_a = sa.substr(0, pa_end);
    std::string_view pre_b = sb.substr(0, pb_end);
    if (!pre_a.empty() && pre_a[0] == '-') pre_a.remove_prefix(1);
    if (!pre_b.empty() && pre_b[0] == '-') pre_b.remove_prefix(1);
    if (int c = ComparePrerelease(pre_a, pre_b)) return c;
    std::string_view build_a = pa_end == std::string_view::npos ? "" : sa.substr(pa_end + 1);
    std::string_view build_b = pb_end == std::string_view::npos ? "" : sb.substr(pb_end + 1);
    return CompareBytes(build_a, build_b);
  }

  std::string Canonical(const ParsedVersion& pv) const override {
    const auto& v = internal::As<PubVersion>(pv);
    std::string out;
    for (size_t k = 0; k < v.numbers.size(); ++k) {
      if (k > 0) out += '.';
      out.append(v.numbers[k].In(v.text));
    }
    return out + v.suffix;
  }
};

}  // namespace

std::unique_ptr<VersionScheme> NewPubScheme() { return std::make_unique<PubScheme>(); }

}  // namespace soupkeeper::version
