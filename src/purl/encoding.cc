// Percent-encoding, UTF-8 validation and ASCII case mapping for purls.
//
// ECMA-427 ("Character encoding") keeps ASCII letters, digits, ".-_~" and the
// colon unencoded and percent-encodes every other byte of the UTF-8 form.
// The lookup table makes encoding a single pass without branches per class.
#include "purl/encoding.h"

#include <array>
#include <cstdint>

namespace soupkeeper::purl::internal {
namespace {

constexpr std::array<bool, 256> MakeUnreservedTable() {
  std::array<bool, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = true;
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  for (char c : {'.', '-', '_', '~', ':'}) t[static_cast<unsigned char>(c)] = true;
  return t;
}
constexpr std::array<bool, 256> kUnreserved = MakeUnreservedTable();

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool IsUnreserved(unsigned char c) { return kUnreserved[c]; }

void AppendPercentEncoded(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (kUnreserved[c]) {
      out->push_back(ch);
    } else {
      char triplet[3] = {'%', kHex[c >> 4], kHex[c & 15]};
      out->append(triplet, 3);
    }
  }
}

size_t AppendPercentDecoded(std::string_view s, std::string* out) {
  size_t i = 0;
  while (i < s.size()) {
    size_t pct = s.find('%', i);
    if (pct == std::string_view::npos) {
      out->append(s.substr(i));
      break;
    }
    out->append(s.substr(i, pct - i));
    if (pct + 2 >= s.size()) return pct;  // truncated triplet
    int hi = HexValue(s[pct + 1]);
    int lo = HexValue(s[pct + 2]);
    if (hi < 0 || lo < 0) return pct;
    out->push_back(static_cast<char>(hi * 16 + lo));
    i = pct + 3;
  }
  return std::string_view::npos;
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;  // continuation byte, overlong 2-byte lead, or > U+10FFFF
    }
    if (n - i < len) return false;
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += len;
  }
  return true;
}

}  // namespace soupkeeper::purl::internal
