// The apk scheme against apk-package(5) (the version grammar and suffix
// order) and apk-tools 2.x's version.c (get_token/next_token and
// apk_version_compare), worked by hand.
#include <gtest/gtest.h>

#include "version/scheme_test_support.h"

namespace soupkeeper::version::testing {
namespace {

TEST(ApkScheme, SuffixOrder) {
  ExpectAscending("apk", {"1.1_alpha", "1.1_beta", "1.1_pre", "1.1_rc", "1.1", "1.1_cvs", "1.1_svn",
                          "1.1_git", "1.1_hg", "1.1_p"});
  ExpectAscending("apk", {"1.0_rc", "1.0_rc1", "1.0_rc2", "1.0_rc10"});
  ExpectAscending("apk", {"1.0_alpha_p1", "1.0_alpha_p2", "1.0_beta"});
}

TEST(ApkScheme, TokensInGrammarOrder) {
  // At the first difference in kind, the kind that comes earlier in the
  // grammar wins, except a pre-release suffix, which loses.
  ExpectAscending("apk", {"1.1_rc1", "1.1", "1.1-r1", "1.1_p1", "1.1a", "1.1.1"});
  ExpectAscending("apk", {"1.0-r1", "1.0-r2", "1.0-r10"});
  ExpectAscending("apk", {"1.0a", "1.0b", "1.0z"});
  ExpectAscending("apk", {"1.9", "2.0_alpha"});
  ExpectAscending("apk", {"5.1_p1-r2", "5.1p1-r0", "5.1p2-r0", "5.2"});  // letter + digits
  ExpectSame("apk", "1.0-r", "1.0-r0");
}

TEST(ApkScheme, ZeroComponentQuirk) {
  // After an all-zero component apk expects a number, reads none, and then
  // meets the suffix as a later token kind, so the suffixed version wins.
  ExpectAscending("apk", {"1.0", "1.0_rc1"});
  ExpectAscending("apk", {"2.00", "2.00_alpha"});
  // With a revision after it, the suffix is met where apk checks for one.
  ExpectAscending("apk", {"2.0_rc1-r0", "2.0-r0"});
}

TEST(ApkScheme, Numbers) {
  ExpectAscending("apk", {"1.2", "1.9", "1.10"});
  // After '.', leading zeros count as minus their number, then the rest of
  // the digits is a number of its own.
  ExpectAscending("apk", {"1.01", "1.1"});
  ExpectAscending("apk", {"1.00", "1.0"});
  ExpectAscending("apk", {"1.002", "1.0015"});
  ExpectSame("apk", "01.0", "1.0");  // the first number is always a number
  ExpectAscending("apk", {"1.18446744073709551615", "1.18446744073709551616"});
  ExpectAscending("apk", {"1.999999999999999999", "1.18446744073709551616"});
}

TEST(ApkScheme, CanonicalAndErrors) {
  EXPECT_EQ(Canonical("apk", "1.2.3_rc1-r4"), "1.2.3_rc1-r4");
  EXPECT_EQ(ParseError("apk", ""), "invalid apk version '': empty version");
  EXPECT_EQ(ParseError("apk", "1.0-1"),
            "invalid apk version '1.0-1': invalid token '-1' at offset 3");
  EXPECT_EQ(ParseError("apk", "1.0_foo"),
            "invalid apk version '1.0_foo': invalid token '_foo' at offset 3");
  EXPECT_EQ(ParseError("apk", "1.0A"), "invalid apk version '1.0A': invalid token 'A' at offset 3");
  EXPECT_EQ(ParseError("apk", "1.0a.1"),
            "invalid apk version '1.0a.1': invalid token '.1' at offset 4");
  EXPECT_EQ(ParseError("apk", "1.0bc"),
            "invalid apk version '1.0bc': invalid token 'c' at offset 4");
  EXPECT_EQ(ParseError("apk", "1.0~abc"),
            "invalid apk version '1.0~abc': invalid token '~abc' at offset 3");
  EXPECT_EQ(ParseError("apk", "1.0_rc1-r3"), "");
}

TEST(ApkScheme, UpstreamDropsThePackageRelease) {
  EXPECT_EQ(Upstream("apk", "1.1.1o-r0"), "1.1.1o");
  EXPECT_EQ(Upstream("apk", "1.0"), "1.0");
  // Suffixes are upstream's, pre-releases and patches alike.
  EXPECT_EQ(Upstream("apk", "1.0_p1-r2"), "1.0_p1");
  EXPECT_EQ(Upstream("apk", "1.0_rc1"), "1.0_rc1");
  EXPECT_EQ(Upstream("apk", "2.4.57_git20230401-r10"), "2.4.57_git20230401");
  EXPECT_EQ(Upstream("apk", "5.1p1-r3"), "5.1p1");
  EXPECT_EQ(Upstream("apk", "1.0-1"),
            "error: invalid apk version '1.0-1': invalid token '-1' at offset 3");
}

TEST(Upstream, NoneForSchemesWithoutPackagingParts) {
  EXPECT_EQ(Upstream("semver", "1.0.0-rc.1"), "(none)");
  EXPECT_EQ(Upstream("pypi", "1.0.post1"), "(none)");
  EXPECT_EQ(Upstream("openssl", "1.1.1o"), "(none)");
}

}  // namespace
}  // namespace soupkeeper::version::testing
