// The deb scheme against Debian Policy 5.6.12 ("Version") and dpkg's
// parseversion/verrevcmp rules, worked by hand.
#include <gtest/gtest.h>

#include "version/scheme_test_support.h"

namespace soupkeeper::version::testing {
namespace {

TEST(DebScheme, TildeSortsBeforeEverything) {
  // Policy's own example: ~~, ~~a, ~, the empty part, a.
  ExpectAscending("deb", {"1.0~~", "1.0~~a", "1.0~", "1.0", "1.0a"});
  ExpectAscending("deb", {"1.0~rc1", "1.0~rc2", "1.0", "1.0+b1", "1.0.1"});
}

TEST(DebScheme, NonDigitsAndDigitsAlternate) {
  ExpectAscending("deb", {"1.0", "1.0A+", "1.0a", "1.0a+", "1.0a.", "1.0.0"});
  ExpectAscending("deb", {"1.9", "1.10", "1.100"});
  ExpectAscending("deb", {"1.0Z", "1.0a"});  // letters by ASCII
  ExpectAscending("deb", {"1.0z", "1.0+"});  // letters before other characters
  ExpectSame("deb", "1.002", "1.2");         // numbers by value
}

TEST(DebScheme, EpochAndRevision) {
  ExpectAscending("deb", {"2.0", "1:0.1", "2:0.0.1"});
  ExpectSame("deb", "0:1.0", "1.0");
  ExpectSame("deb", "1.0", "1.0-0");
  ExpectAscending("deb", {"1.0-1", "1.0-1ubuntu1", "1.0-2", "1.0-10"});
  ExpectAscending("deb", {"1.0-1", "1.0.1-0"});  // upstream decides before revision
  // The revision is after the last hyphen; earlier ones belong to upstream.
  ExpectAscending("deb", {"1.0-beta-2", "1.0-beta-10"});
  ExpectSame("deb", "7:1.0", "07:1.0");
}

TEST(DebScheme, Canonical) {
  EXPECT_EQ(Canonical("deb", "0:1.0-1"), "1.0-1");
  EXPECT_EQ(Canonical("deb", "007:1.0"), "7:1.0");
  EXPECT_EQ(Canonical("deb", "+1:2.0"), "1:2.0");  // strtol accepts a sign
  EXPECT_EQ(Canonical("deb", "  1.0-1\n"), "1.0-1");
  EXPECT_EQ(Canonical("deb", "1:2.0:3-4"), "1:2.0:3-4");
  EXPECT_EQ(Canonical("deb", "0:2:3"), "0:2:3");  // dropping 0: would read 2 as the epoch
}

TEST(DebScheme, WhatDpkgRefuses) {
  EXPECT_EQ(ParseError("deb", ""), "invalid deb version '': empty version");
  EXPECT_EQ(ParseError("deb", "  "), "invalid deb version '  ': empty version");
  EXPECT_EQ(ParseError("deb", "1.0 1"), "invalid deb version '1.0 1': embedded space at offset 3");
  EXPECT_EQ(ParseError("deb", ":1.0"),
            "invalid deb version ':1.0': empty epoch before ':' at offset 0");
  EXPECT_EQ(ParseError("deb", "a:1.0"), "invalid deb version 'a:1.0': epoch 'a' is not a number");
  EXPECT_EQ(ParseError("deb", "1a:1.0"),
            "invalid deb version '1a:1.0': epoch '1a' is not a number");
  EXPECT_EQ(ParseError("deb", "-1:1.0"), "invalid deb version '-1:1.0': negative epoch '-1'");
  EXPECT_EQ(ParseError("deb", "2147483648:1"),
            "invalid deb version '2147483648:1': epoch '2147483648' is greater than 2147483647");
  EXPECT_EQ(ParseError("deb", "1:"), "invalid deb version '1:': nothing after ':' at offset 1");
  EXPECT_EQ(ParseError("deb", "1.0-"),
            "invalid deb version '1.0-': empty revision after '-' at offset 3");
  EXPECT_EQ(ParseError("deb", "-1"), "invalid deb version '-1': empty upstream version");
  EXPECT_EQ(ParseError("deb", "1:-1"), "invalid deb version '1:-1': empty upstream version");
  EXPECT_EQ(ParseError("deb", std::string("1.0\0x", 5)).substr(0, 19), "invalid deb version");
}

TEST(DebScheme, WhatDpkgOnlyWarnsAbout) {
  // dpkg warns ("version number does not start with digit", "invalid
  // character") but still compares these, so they parse.
  EXPECT_EQ(ParseError("deb", "abc"), "");
  EXPECT_EQ(ParseError("deb", "1.0_1"), "");
  EXPECT_EQ(ParseError("deb", "-0:1.0"), "");  // strtol reads -0 as 0
  ExpectAscending("deb", {"1.0", "a1.0"});     // a letter sorts after the end
}

TEST(DebScheme, UpstreamDropsEpochAndRevision) {
  EXPECT_EQ(Upstream("deb", "1.1.1f-1ubuntu2.16"), "1.1.1f");
  EXPECT_EQ(Upstream("deb", "1:1.1.0l-1~deb9u3"), "1.1.0l");
  EXPECT_EQ(Upstream("deb", "2:1.0"), "1.0");  // epoch, native package
  EXPECT_EQ(Upstream("deb", "1.0"), "1.0");    // neither
  EXPECT_EQ(Upstream("deb", "+1:2.0"), "2.0");
  // The revision is after the last hyphen; earlier ones are upstream's.
  EXPECT_EQ(Upstream("deb", "1.0-beta-2"), "1.0-beta");
  EXPECT_EQ(Upstream("deb", "1:2.0-rc1-3"), "2.0-rc1");
  // The epoch ends at the first ':'; later ones are upstream's.
  EXPECT_EQ(Upstream("deb", "1:2.0:3-4"), "2.0:3");
  EXPECT_EQ(Upstream("deb", "  1.0-1\n"), "1.0");  // dpkg's trimming
  EXPECT_EQ(Upstream("deb", "a:1.0-1"),
            "error: invalid deb version 'a:1.0-1': epoch 'a' is not a number");
}

}  // namespace
}  // namespace soupkeeper::version::testing
