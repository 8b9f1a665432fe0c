// The lexicographic scheme: Unicode code point (UTF-8 byte) order with no
// normalization, and RFC 3629's definition of well-formed UTF-8.
#include <gtest/gtest.h>

#include "version/scheme_test_support.h"

namespace soupkeeper::version::testing {
namespace {

TEST(LexicographicScheme, ByteOrder) {
  ExpectAscending("lexicographic", {"A", "Z", "a", "aa", "b"});
  ExpectAscending("lexicographic", {"1.10", "1.9"});            // no numeric reading
  ExpectAscending("lexicographic", {"e\xcc\x81", "\xc3\xa9"});  // e + U+0301 < U+00E9
  ExpectAscending("lexicographic", {"z", "\xc3\xa4", "\xe2\x82\xac", "\xf0\x9f\x98\x80"});
  ExpectSame("lexicographic", "1.0", "1.0");
}

TEST(LexicographicScheme, ParseErrors) {
  EXPECT_EQ(ParseError("lexicographic", ""), "invalid lexicographic version '': empty version");
  EXPECT_EQ(ParseError("lexicographic", "a\xff"),
            "invalid lexicographic version 'a\xff': invalid UTF-8 at offset 1");
  EXPECT_NE(ParseError("lexicographic", "\xc0\x80"), "");          // overlong
  EXPECT_NE(ParseError("lexicographic", "\xed\xa0\x80"), "");      // surrogate
  EXPECT_NE(ParseError("lexicographic", "\xf4\x90\x80\x80"), "");  // above U+10FFFF
  EXPECT_NE(ParseError("lexicographic", "\xc3"), "");              // truncated
  EXPECT_EQ(Canonical("lexicographic", "R\xc3\xa9lease"), "R\xc3\xa9lease");
}

}  // namespace
}  // namespace soupkeeper::version::testing
