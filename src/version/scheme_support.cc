// Helpers shared by the version scheme files; see scheme_support.h.
#include "version/scheme_support.h"

#include <cstring>

namespace soupkeeper::version::internal {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ToLower(a[i]) != ToLower(b[i])) return false;
  }
  return true;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

std::string_view StripLeadingZeros(std::string_view s) {
  size_t i = 0;
  while (i + 1 < s.size() && s[i] == '0') ++i;
  return s.substr(i);
}

int CompareDecimal(std::string_view a, std::string_view b) {
  a = StripLeadingZeros(a);
  b = StripLeadingZeros(b);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return Sign(std::memcmp(a.data(), b.data(), a.size()));
}

bool DecimalAtMost(std::string_view digits, uint64_t limit) {
  digits = StripLeadingZeros(digits);
  if (digits.size() > 20) return false;
  uint64_t v = 0;
  for (char c : digits) {
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) return false;
    v = v * 10 + d;
  }
  return v <= limit;
}

size_t ParseNumberList(std::string_view t, size_t i, std::string_view separators, NumberList* out) {
  while (i < t.size() && IsDigit(t[i])) {
    size_t start = i;
    while (i < t.size() && IsDigit(t[i])) ++i;
    std::string_view d = StripLeadingZeros(t.substr(start, i - start));
    out->push_back(MakeSpan(i - d.size(), d.size()));
    if (i + 1 < t.size() && separators.find(t[i]) != std::string_view::npos && IsDigit(t[i + 1])) {
      ++i;
    } else {
      break;
    }
  }
  return i;
}

int ComparePadded(std::string_view at, const NumberList& a, std::string_view bt,
                  const NumberList& b) {
  size_t n = a.size() > b.size() ? a.size() : b.size();
  for (size_t k = 0; k < n; ++k) {
    std::string_view x = k < a.size() ? a[k].In(at) : "0";
    std::string_view y = k < b.size() ? b[k].In(bt) : "0";
    if (int c = CompareDecimal(x, y)) return c;
  }
  return 0;
}

Status VersionError(std::string_view scheme, std::string_view text, std::string_view problem) {
  std::string m = "invalid ";
  m += scheme;
  m += " version '";
  m += text;
  m += "': ";
  m += problem;
  return ParseError(std::move(m));
}

Status UnexpectedAt(std::string_view scheme, std::string_view text, size_t offset) {
  if (offset >= text.size()) {
    return VersionError(scheme, text, "unexpected end at offset " + std::to_string(offset));
  }
  return VersionError(
      scheme, text,
      "unexpected '" + std::string(text.substr(offset)) + "' at offset " + std::to_string(offset));
}

}  // namespace soupkeeper::version::internal
