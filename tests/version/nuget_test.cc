// The nuget scheme against NuGet's documentation ("Package versioning":
// normalized version numbers, pre-release versions, SemVer 2.0.0).
#include <gtest/gtest.h>

#include "version/scheme_test_support.h"

namespace soupkeeper::version::testing {
namespace {

TEST(NugetScheme, Ordering) {
  // The docs' pre-release example order.
  ExpectAscending("nuget", {"1.0.1-alpha", "1.0.1-beta", "1.0.1-rc", "1.0.1"});
  ExpectAscending("nuget", {"1.0.0", "1.0.0.1", "1.0.1"});
  ExpectAscending("nuget", {"1.0.0-alpha.2", "1.0.0-alpha.10", "1.0.0-alpha.a"});
  ExpectSame("nuget", "1.0.0-BETA", "1.0.0-beta");  // labels are case-insensitive
  ExpectSame("nuget", "1.0.0+build.1", "1.0.0+build.2");
  ExpectSame("nuget", "1.0", "1.0.0.0");
  ExpectSame("nuget", "1", "1.0.0");
  ExpectSame("nuget", "1.01.1", "1.1.1");
}

TEST(NugetScheme, NormalizedForm) {
  // "Normalized version numbers": leading zeros removed, a zero fourth part
  // omitted, metadata kept.
  EXPECT_EQ(Canonical("nuget", "1.0"), "1.0.0");
  EXPECT_EQ(Canonical("nuget", "1.01.1"), "1.1.1");
  EXPECT_EQ(Canonical("nuget", "1.00"), "1.0.0");
  EXPECT_EQ(Canonical("nuget", "1.0.0.0"), "1.0.0");
  EXPECT_EQ(Canonical("nuget", "1.0.0.1"), "1.0.0.1");
  EXPECT_EQ(Canonical("nuget", "1.0.0-Beta+Meta"), "1.0.0-Beta+Meta");
}

TEST(NugetScheme, Invalid) {
  EXPECT_EQ(ParseError("nuget", "1.0.0.0.0"),
            "invalid nuget version '1.0.0.0.0': more than 4 version numbers at offset 7");
  EXPECT_EQ(ParseError("nuget", "2147483648.0"),
            "invalid nuget version '2147483648.0': version number larger than 2147483647 at "
            "offset 0");
  EXPECT_NE(ParseError("nuget", "1.0.0-"), "");
  EXPECT_NE(ParseError("nuget", "1.0.0-01"), "");
  EXPECT_NE(ParseError("nuget", "1.0.0+"), "");
  EXPECT_NE(ParseError("nuget", "1.0.0-a_b"), "");
  EXPECT_EQ(ParseError("nuget", "1.0.0+01"), "");  // metadata may have leading zeros
}

}  // namespace
}  // namespace soupkeeper::version::testing
