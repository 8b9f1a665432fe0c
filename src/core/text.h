// Small text helpers shared by the parsers of several concepts: splitting on
// white space and ASCII case mapping and comparison. The case helpers touch
// only the letters A-Z and a-z, whatever the C locale, and leave every other
// byte (UTF-8 included) as it is.
#ifndef SOUPKEEPER_SRC_CORE_TEXT_H_
#define SOUPKEEPER_SRC_CORE_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/status.h"

namespace soupkeeper::text {

// Splits on runs of spaces and tabs; no empty pieces.
std::vector<std::string_view> SplitWhitespace(std::string_view s);
// The same into `out` (cleared first), for callers that reuse one vector.
void SplitWhitespace(std::string_view s, std::vector<std::string_view>* out);

inline char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
inline char AsciiUpper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; }
void AsciiLowerInPlace(std::string* s);
void AsciiUpperInPlace(std::string* s);
// Copies of `s` in ASCII lower or upper case.
std::string ToAsciiLower(std::string_view s);
std::string ToAsciiUpper(std::string_view s);
// Equality and prefix test ignoring ASCII case; allocate nothing.
bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b);
bool StartsWithIgnoreAsciiCase(std::string_view s, std::string_view prefix);

}  // namespace soupkeeper::text

#endif  // SOUPKEEPER_SRC_CORE_TEXT_H_
