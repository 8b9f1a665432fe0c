// The gem scheme against Gem::Version's documentation (rubygems
// lib/rubygems/version.rb: "How Software Changes" and prerelease rules).
#include <gtest/gtest.h>

#include "version/scheme_test_support.h"

namespace soupkeeper::version::testing {
namespace {

TEST(GemScheme, Ordering) {
  // Gem::Version's documented example: 1.0.a.2 < 1.0.b1 < 1.0 < 1.0.1.
  ExpectAscending("gem", {"1.0.a.2", "1.0.b1", "1.0", "1.0.1"});
  ExpectAscending("gem", {"1.0.a9", "1.0.a10"});
  ExpectAscending("gem", {"2.0.0.rc1", "2.0.0.rc2", "2.0.0"});
  ExpectSame("gem", "1.0", "1.0.0");
  ExpectSame("gem", "1.0.a2", "1.0.a.2");
  ExpectSame("gem", "1.0-rc1", "1.0.pre.rc1");
  ExpectSame("gem", "", "0");
  ExpectAscending("gem", {"1.0.B", "1.0.a"});  // strings compare by bytes
  ExpectAscending("gem", {"10000000000000000000000", "10000000000000000000001"});
}

TEST(GemScheme, TextAndErrors) {
  EXPECT_EQ(Canonical("gem", " 1.0-rc1 "), "1.0.pre.rc1");
  EXPECT_EQ(Canonical("gem", ""), "0");
  EXPECT_EQ(ParseError("gem", "1beta"),
            "invalid gem version '1beta': malformed version number: unexpected 'beta' at offset 1");
  EXPECT_NE(ParseError("gem", "a.1"), "");
  EXPECT_NE(ParseError("gem", "1..0"), "");
  EXPECT_NE(ParseError("gem", "1.0 beta"), "");
}

}  // namespace
}  // namespace soupkeeper::version::testing
