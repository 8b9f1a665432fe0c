// Character-level helpers for purls: percent-encoding as ECMA-427 defines it,
// and UTF-8 validation. Private to src/purl.
#ifndef SOUPKEEPER_SRC_PURL_ENCODING_H_
#define SOUPKEEPER_SRC_PURL_ENCODING_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace soupkeeper::purl::internal {

// True for the characters a canonical purl component keeps unencoded: ASCII
// letters and digits, the punctuation ".-_~" and the colon.
bool IsUnreserved(unsigned char c);

// Appends `s` to `out`, percent-encoding every byte that is not unreserved
// (upper-case hex digits, as RFC 3986 recommends).
void AppendPercentEncoded(std::string_view s, std::string* out);

// Appends the percent-decoding of `s` to `out`. On a '%' not followed by two
// hex digits, returns the index of that '%' in `s`; otherwise returns npos.
size_t AppendPercentDecoded(std::string_view s, std::string* out);

// True when `s` is well-formed UTF-8 (no overlong forms, no surrogates, no
// code points above U+10FFFF).
bool IsValidUtf8(std::string_view s);

}  // namespace soupkeeper::purl::internal

#endif  // SOUPKEEPER_SRC_PURL_ENCODING_H_
