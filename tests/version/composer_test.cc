// The composer scheme against Composer's documentation ("Versions and
// constraints", stabilities) and composer/semver's VersionParserTest cases.
#include <gtest/gtest.h>

#include "version/scheme_test_support.h"

namespace soupkeeper::version::testing {
namespace {

TEST(ComposerScheme, Normalization) {
  // composer/semver VersionParserTest::successfulNormalizedVersions.
  EXPECT_EQ(Canonical("composer", "1.0.0"), "1.0.0.0");
  EXPECT_EQ(Canonical("composer", "1.2.3.4"), "1.2.3.4");
  EXPECT_EQ(Canonical("composer", "1.0.0RC1dev"), "1.0.0.0-RC1-dev");
  EXPECT_EQ(Canonical("composer", "1.0.0-rC15-dev"), "1.0.0.0-RC15-dev");
  EXPECT_EQ(Canonical("composer", "1.0.0.RC.15-dev"), "1.0.0.0-RC15-dev");
  EXPECT_EQ(Canonical("composer", "1.0.0-rc1"), "1.0.0.0-RC1");
  EXPECT_EQ(Canonical("composer", "1.0.0.pl3-dev"), "1.0.0.0-patch3-dev");
  EXPECT_EQ(Canonical("composer", "1.0-dev"), "1.0.0.0-dev");
  EXPECT_EQ(Canonical("composer", "0"), "0.0.0.0");
  EXPECT_EQ(Canonical("composer", "10.4.13-beta"), "10.4.13.0-beta");
  EXPECT_EQ(Canonical("composer", "10.4.13beta2"), "10.4.13.0-beta2");
  EXPECT_EQ(Canonical("composer", "10.4.13beta.2"), "10.4.13.0-beta2");
  EXPECT_EQ(Canonical("composer", "v1.13.11-beta.0"), "1.13.11.0-beta0");
  EXPECT_EQ(Canonical("composer", "10.4.13-b"), "10.4.13.0-beta");
  EXPECT_EQ(Canonical("composer", "10.4.13-b5"), "10.4.13.0-beta5");
  EXPECT_EQ(Canonical("composer", "v1.0.0"), "1.0.0.0");
  EXPECT_EQ(Canonical("composer", "v20100102"), "20100102");
  EXPECT_EQ(Canonical("composer", "2010.01"), "2010.01.0.0");
  EXPECT_EQ(Canonical("composer", "123456.1"), "123456.1");  // a date version
  EXPECT_EQ(Canonical("composer", "2010.01.02"), "2010.01.02.0");
  EXPECT_EQ(Canonical("composer", "2010-01-02"), "2010.01.02");
  EXPECT_EQ(Canonical("composer", "2010-01-02.5"), "2010.01.02.5");
  EXPECT_EQ(Canonical("composer", "20100102-203040"), "20100102.203040");
  EXPECT_EQ(Canonical("composer", "20100102203040-p1"), "20100102203040-patch1");
  EXPECT_EQ(Canonical("composer", "dev-master"), "dev-master");
  EXPECT_EQ(Canonical("composer", "master"), "dev-master");
  EXPECT_EQ(Canonical("composer", "dev-feature-foo"), "dev-feature-foo");
  EXPECT_EQ(Canonical("composer", "1.x-dev"), "1.9999999.9999999.9999999-dev");
  EXPECT_EQ(Canonical("composer", "1.0.x-dev"), "1.0.9999999.9999999-dev");
  EXPECT_EQ(Canonical("composer", "1.0.0+foo"), "1.0.0.0");
  EXPECT_EQ(Canonical("composer", "1.0.0-alpha.3.1+foo/-bar"), "1.0.0.0-alpha3.1");
  EXPECT_EQ(Canonical("composer", "1.0.0-stable"), "1.0.0.0");
  EXPECT_EQ(Canonical("composer", "1.0 as 2.0"), "1.0.0.0");
  EXPECT_EQ(Canonical("composer", "1.0@beta"), "1.0.0.0");
}

TEST(ComposerScheme, Ordering) {
  // Stabilities: dev < alpha < beta < RC < stable < patch.
  ExpectAscending("composer",
                  {"dev-main", "1.0.0-dev", "1.0.0-alpha1", "1.0.0-beta1", "1.0.0-beta2",
                   "1.0.0-RC1", "1.0.0", "1.0.0-patch1", "1.0.1", "1.0.x-dev", "1.1.0"});
  ExpectSame("composer", "1.0", "1.0.0.0");
  ExpectSame("composer", "v1.0.0", "1.0.0");
  ExpectSame("composer", "1.0.0-b2", "1.0.0-BETA2");
  ExpectAscending("composer", {"dev-bar", "dev-foo"});  // branches: by bytes
  ExpectAscending("composer", {"1.0.0-alpha1-dev", "1.0.0-alpha1"});
}

TEST(ComposerScheme, Invalid) {
  // composer/semver VersionParserTest::failingNormalizedVersions.
  for (const char* v : {"", "a", "1.0.0-meh", "1.0.0.0.0", "1.0.0+foo bar", "feature-foo",
                        "1234567.1", "1.0.0-alpha..1"}) {
    EXPECT_NE(ParseError("composer", v), "") << v;
  }
  EXPECT_EQ(ParseError("composer", "1.0.0-meh"),
            "invalid composer version '1.0.0-meh': not a Composer version (expected e.g. 1.2.3, "
            "v1.2.3-beta2, 1.0.x-dev or dev-main)");
}

}  // namespace
}  // namespace soupkeeper::version::testing
