// The pypi scheme against PEP 440's examples (summary of permitted suffixes
// and relative ordering; normalization section), checked by hand.
#include <gtest/gtest.h>

#include "version/scheme_test_support.h"

namespace soupkeeper::version::testing {
namespace {

TEST(PypiScheme, OrderingFromPep440) {
  // PEP 440, "Summary of permitted suffixes and relative ordering".
  ExpectAscending("pypi", {"1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12",
                           "1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456", "1.0b2.post345",
                           "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7", "1.0+5",
                           "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1"});
  ExpectAscending("pypi", {"1.0", "1!0.5"});  // epochs first
  ExpectSame("pypi", "1.0", "1.0.0.0");
  ExpectSame("pypi", "1.0+ubuntu-1", "1.0+ubuntu.1");
  ExpectAscending("pypi", {"1.0+a", "1.0+a.0", "1.0+0"});  // numbers above text in locals
}

TEST(PypiScheme, NormalizationFromPep440) {
  EXPECT_EQ(Canonical("pypi", "1.1RC1"), "1.1rc1");
  EXPECT_EQ(Canonical("pypi", "1.0alpha1"), "1.0a1");
  EXPECT_EQ(Canonical("pypi", "1.0c1"), "1.0rc1");
  EXPECT_EQ(Canonical("pypi", "1.0pre1"), "1.0rc1");
  EXPECT_EQ(Canonical("pypi", "1.0preview-2"), "1.0rc2");
  EXPECT_EQ(Canonical("pypi", "1.0-beta.3"), "1.0b3");
  EXPECT_EQ(Canonical("pypi", "1.0a"), "1.0a0");
  EXPECT_EQ(Canonical("pypi", "1.0-1"), "1.0.post1");
  EXPECT_EQ(Canonical("pypi", "1.0-r4"), "1.0.post4");
  EXPECT_EQ(Canonical("pypi", "1.0.rev"), "1.0.post0");
  EXPECT_EQ(Canonical("pypi", "1.0-dev2"), "1.0.dev2");
  EXPECT_EQ(Canonical("pypi", "1.0dev"), "1.0.dev0");
  EXPECT_EQ(Canonical("pypi", "v1.0"), "1.0");
  EXPECT_EQ(Canonical("pypi", "  1.0\n"), "1.0");
  EXPECT_EQ(Canonical("pypi", "1.0+ubuntu-1"), "1.0+ubuntu.1");
  EXPECT_EQ(Canonical("pypi", "1.0+Ubuntu_01"), "1.0+ubuntu.1");
  EXPECT_EQ(Canonical("pypi", "0!01.02"), "1.2");
  EXPECT_EQ(Canonical("pypi", "2!1.0"), "2!1.0");
  EXPECT_EQ(Canonical("pypi", "1.0a.post.dev"), "1.0a0.post0.dev0");
}

TEST(PypiScheme, OnlyPypiDeclaresCaseInsensitiveVersions) {
  // PEP 440: "All ascii letters should be interpreted case insensitively".
  ExpectSame("pypi", "1.0RC1", "1.0rc1");
  for (const VersionScheme* s : AllSchemes()) {
    EXPECT_EQ(s->IgnoresAsciiCase(), s->Name() == "pypi") << s->Name();
  }
}

TEST(PypiScheme, LegacyVersionsAreRefused) {
  EXPECT_EQ(ParseError("pypi", "1.0-foo"),
            "invalid pypi version '1.0-foo': unexpected 'foo' at offset 4");
  EXPECT_EQ(ParseError("pypi", "french toast"),
            "invalid pypi version 'french toast': unexpected 'french toast' at offset 0");
  EXPECT_EQ(ParseError("pypi", "1.0+"), "invalid pypi version '1.0+': unexpected end at offset 4");
  EXPECT_NE(ParseError("pypi", "1.0+a..b"), "");
  EXPECT_NE(ParseError("pypi", "1.0.dev1.post1"), "");  // post before dev only
  EXPECT_NE(ParseError("pypi", ""), "");
  EXPECT_EQ(ParseError("pypi", "99999999999999999999999.1"), "");
  ExpectAscending("pypi", {"99999999999999999999998", "99999999999999999999999"});
}

}  // namespace
}  // namespace soupkeeper::version::testing
