// The maven scheme against Maven's documented version order (POM reference,
// "Version Order Specification") and the cases of Maven's own
// ComparableVersionTest (MNG-5568, MNG-6572, MNG-6964, MNG-7644), worked
// through ComparableVersion's algorithm by hand.
#include <gtest/gtest.h>

#include "version/scheme_test_support.h"

namespace soupkeeper::version::testing {
namespace {

TEST(MavenScheme, QualifierOrder) {
  ExpectAscending("maven", {"1-alpha2snapshot",
                            "1-alpha2",
                            "1-alpha-123",
                            "1-beta-2",
                            "1-beta123",
                            "1-m2",
                            "1-m11",
                            "1-rc",
                            "1-cr2",
                            "1-rc123",
                            "1-SNAPSHOT",
                            "1",
                            "1-sp",
                            "1-sp2",
                            "1-sp123",
                            "1-abc",
                            "1-def",
                            "1-pom-1",
                            "1-1-snapshot",
                            "1-1",
                            "1-2",
                            "1-123"});
}

TEST(MavenScheme, NumberOrder) {
  ExpectAscending("maven",
                  {"2.0",    "2.0.a", "2-1",     "2.0.2", "2.0.123", "2.1.0", "2.1-a",  "2.1b",
                   "2.1-c",  "2.1-1", "2.1.0.1", "2.2",   "2.123",   "11.a2", "11.a11", "11.b2",
                   "11.b11", "11.m2", "11.m11",  "11",    "11.a",    "11b",   "11c",    "11m"});
}

TEST(MavenScheme, Equalities) {
  for (const char* v :
       {"1.0", "1.0.0", "1-0", "1.0-0", "1.ga", "1-GA", "1.final", "1-release", "1.0.0-FINAL"}) {
    ExpectSame("maven", "1", v);
  }
  ExpectSame("maven", "1a", "1-a");
  ExpectSame("maven", "1a", "1.0-a");
  ExpectSame("maven", "1x", "1.0.0-x");
  ExpectSame("maven", "1cr", "1rc");
  ExpectSame("maven", "1m3", "1milestone3");
  ExpectSame("maven", "1a1", "1-alpha-1");
  ExpectSame("maven", "1b2", "1-BETA-2");
  ExpectSame("maven", "1.0-RC1", "1.0.rc1");  // MNG-7644: .X1 reads as -X1
  ExpectSame("maven", "007", "7");
}

TEST(MavenScheme, ShorthandsNeedADigit) {
  // "a" alone is an unknown qualifier (after every known one), not alpha.
  ExpectAscending("maven", {"1-alpha", "1-sp", "1-a"});
  ExpectAscending("maven", {"1-a1", "1-b1", "1-m1", "1-rc1"});
}

TEST(MavenScheme, MavenIssueCases) {
  ExpectAscending("maven", {"6.1.0rc3", "6.1.0", "6.1H.5-beta"});   // MNG-5568
  ExpectAscending("maven", {"6.1.0rc3", "6.1H.5-beta"});            // MNG-5568
  ExpectAscending("maven", {"20190126.230843", "1234567890.12345",  // MNG-6572
                            "123456789012345.1H.5-beta", "12345678901234567890.1H.5-beta"});
  ExpectAscending("maven", {"1-0.alpha", "1"});  // MNG-6964
  ExpectAscending("maven", {"1-0.beta", "1"});
  ExpectAscending("maven", {"1-0.alpha", "1-0.beta"});
  ExpectAscending("maven", {"1.0.0.X1", "1.0.0-X2"});  // MNG-7644
  ExpectAscending("maven", {"1.0.RC2", "1.0-RC3", "1.0.1"});
}

TEST(MavenScheme, CyclicLikeMaven) {
  // ComparableVersion is not transitive: "0-SNAPSHOT" reads as [[snapshot]],
  // a list (above any qualifier) whose snapshot is below the release. This
  // scheme reproduces the cycle rather than invent an order Maven lacks.
  ExpectAscending("maven", {"latest", "0-SNAPSHOT"});
  ExpectAscending("maven", {"0", "latest"});
  ExpectAscending("maven", {"0-SNAPSHOT", "0"});
}

TEST(MavenScheme, Canonical) {
  EXPECT_EQ(Canonical("maven", "1.0.0-FINAL"), "1");
  EXPECT_EQ(Canonical("maven", "1.0-RC1"), "1-rc-1");
  EXPECT_EQ(Canonical("maven", "1.0.RC1"), "1-rc-1");
  EXPECT_EQ(Canonical("maven", "1-SNAPSHOT"), "1-snapshot");
  EXPECT_EQ(Canonical("maven", "2.1.0-cr2"), "2.1-rc-2");
  EXPECT_EQ(Canonical("maven", "1a1"), "1-alpha-1");
  EXPECT_EQ(Canonical("maven", "1.0.0.0"), "1");
  EXPECT_EQ(Canonical("maven", "01.002"), "1.2");
  EXPECT_EQ(Canonical("maven", "1..2"), "1.0.2");
  // Where getCanonical() loses structure ("1-alpha", "1", "1..1", "1.x"),
  // the canonical text keeps it, so that it reads back as the same version.
  EXPECT_EQ(Canonical("maven", "1-0.alpha"), "1-0-alpha");
  ExpectAscending("maven", {"1-alpha", "1-0.alpha"});  // a sub-list beats a qualifier
  EXPECT_EQ(Canonical("maven", "0-SNAPSHOT"), "0-snapshot");
  EXPECT_EQ(Canonical("maven", "ga.1"), "ga.1");
  EXPECT_EQ(Canonical("maven", "1.FINAL.1"), "1.ga.1");
  EXPECT_EQ(Canonical("maven", "1.x-0"), "1.x.");
  EXPECT_EQ(Canonical("maven", "ga.0"), "0");
  ExpectAscending("maven", {"1.x-0", "1.x"});
  EXPECT_EQ(Canonical("maven", "1.2.3-sp-1"), "1.2.3-sp-1");
}

TEST(MavenScheme, ParseErrors) {
  EXPECT_EQ(ParseError("maven", ""), "invalid maven version '': empty version");
  EXPECT_EQ(ParseError("maven", "1.0 beta"),
            "invalid maven version '1.0 beta': space, control or non-ASCII character at offset 3");
  EXPECT_NE(ParseError("maven", "1.0-\xc3\xa9"), "");
  EXPECT_EQ(ParseError("maven", "-"), "");  // Maven reads it as 0
  ExpectSame("maven", "-", "0");
}

}  // namespace
}  // namespace soupkeeper::version::testing
