// The semver, npm, cargo and golang schemes against SemVer 2.0.0 §9-11,
// node-semver's loose grammar, the Rust semver crate's Ord and
// golang.org/x/mod/semver, with examples taken from those documents.
#include <gtest/gtest.h>

#include "version/scheme_test_support.h"

namespace soupkeeper::version::testing {
namespace {

TEST(SemverScheme, PrecedenceFromTheSpecification) {
  // SemVer 2.0.0 §11.4's example, and §11.2.
  ExpectAscending("semver",
                  {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                   "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1"});
  // §10: build metadata does not take part in precedence.
  ExpectSame("semver", "1.0.0+20130313144700", "1.0.0+exp.sha.5114f85");
  // Numbers of any size (the specification sets no limit).
  ExpectAscending("semver", {"18446744073709551615.0.0", "18446744073709551616.0.0"});
  EXPECT_EQ(Canonical("semver", "1.0.0-beta+exp.sha.5114f85"), "1.0.0-beta+exp.sha.5114f85");
}

TEST(SemverScheme, RefusesWhatTheGrammarRefuses) {
  EXPECT_EQ(ParseError("semver", "v1.2.3"),
            "invalid semver version 'v1.2.3': expected the major version number, found 'v' at "
            "offset 0");
  EXPECT_EQ(
      ParseError("semver", "01.2.3"),
      "invalid semver version '01.2.3': leading zero in the major version number at offset 0");
  EXPECT_EQ(
      ParseError("semver", "1.2"),
      "invalid semver version '1.2': expected '.' after the minor version number at offset 3");
  EXPECT_EQ(ParseError("semver", "1.2.3-01"),
            "invalid semver version '1.2.3-01': leading zero in numeric prerelease identifier at "
            "offset 6");
  EXPECT_EQ(ParseError("semver", "1.2.3-a..b"),
            "invalid semver version '1.2.3-a..b': empty prerelease identifier at offset 8");
  EXPECT_EQ(ParseError("semver", "1.2.3+a_b"),
            "invalid semver version '1.2.3+a_b': invalid character '_' in build at offset 7");
  EXPECT_NE(ParseError("semver", ""), "");
  EXPECT_EQ(ParseError("semver", "1.2.3-0a.01b+001"), "");  // alphanumerics may start with 0
}

TEST(NpmScheme, LooseGrammarOfNodeSemver) {
  ExpectSame("npm", "1.2.3", " =v1.2.3 ");
  ExpectSame("npm", "1.2.3", "v=  1.2.3");
  ExpectSame("npm", "01.02.03", "1.2.3");
  ExpectSame("npm", "1.2.3beta", "1.2.3-beta");  // the '-' is optional
  ExpectSame("npm", "1.2.3-01", "1.2.3-1");
  EXPECT_EQ(Canonical("npm", "=v1.02.3-01+b"), "1.2.3-1+b");
  // The patch number leaves digits to a prerelease, as the regexp backtracks.
  EXPECT_EQ(Canonical("npm", "1.2.30.1v"), "1.2.3-0.1v");
  EXPECT_EQ(Canonical("npm", "1.2.3-"), "1.2.3--");
  EXPECT_NE(ParseError("npm", "1.2"), "");
  EXPECT_NE(ParseError("npm", "V1.2.3"), "");  // only lower-case v
  EXPECT_NE(ParseError("npm", "1.2.3.4"), "");
  EXPECT_EQ(ParseError("npm", "9007199254740992.0.0"),
            "invalid npm version '9007199254740992.0.0': the major version number is larger than "
            "9007199254740991 at offset 0");
  EXPECT_EQ(ParseError("npm", "9007199254740991.0.0"), "");
  EXPECT_NE(ParseError("npm", std::string(257, '1')), "");
  ExpectAscending("npm", {"1.2.3-alpha.9", "1.2.3-alpha.10", "1.2.3-alpha.a", "1.2.3"});
  ExpectSame("npm", "1.2.3+a", "1.2.3+b");  // semver.compare ignores the build
}

TEST(CargoScheme, OrdOfTheSemverCrate) {
  ExpectAscending("cargo", {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0"});
  // Build metadata breaks ties: none lowest, numeric before alphanumeric, by
  // value then length (the crate's comments: 0 < 00 < 1 < 01 < 001 < 2 < 10).
  ExpectAscending("cargo", {"1.0.0", "1.0.0+0", "1.0.0+00", "1.0.0+1", "1.0.0+01", "1.0.0+001",
                            "1.0.0+2", "1.0.0+10", "1.0.0+a", "1.0.0+a.0", "1.0.0+b"});
  ExpectAscending("cargo", {"1.0.0-rc.1+z", "1.0.0+a"});  // precedence first
  EXPECT_NE(ParseError("cargo", "v1.0.0"), "");
  EXPECT_EQ(ParseError("cargo", "18446744073709551616.0.0"),
            "invalid cargo version '18446744073709551616.0.0': the major version number is "
            "larger than 18446744073709551615 at offset 0");
  EXPECT_EQ(ParseError("cargo", "18446744073709551615.0.0"), "");
}

TEST(GolangScheme, ModuleVersions) {
  ExpectAscending(
      "golang", {"v0.0.0-20191109021931-daa7c04131f5", "v0.0.0", "v0.1.0-alpha", "v0.1.0", "v1.2.3",
                 "v1.10.0", "v2.0.0-20200101000000-abcdefabcdef", "v2.0.0+incompatible"});
  ExpectSame("golang", "v1", "v1.0.0");
  ExpectSame("golang", "v1.2", "v1.2.0");
  ExpectSame("golang", "1.2.3", "v1.2.3");  // OSV writes Go versions without 'v'
  ExpectSame("golang", "v2.0.0+incompatible", "v2.0.0");
  EXPECT_EQ(Canonical("golang", "1.2"), "v1.2.0");
  EXPECT_EQ(Canonical("golang", "v2.0.0+incompatible"), "v2.0.0+incompatible");
  EXPECT_EQ(Canonical("golang", "v1.2.3+meta"), "v1.2.3");
  EXPECT_NE(ParseError("golang", "v1.2-pre"), "");  // shorthands take no suffix
  EXPECT_NE(ParseError("golang", "v1.02.3"), "");
  EXPECT_NE(ParseError("golang", "v1.2.3-01"), "");
  ExpectAscending("golang", {"v99999999999999999999.0.0", "v100000000000000000000.0.0"});
}

}  // namespace
}  // namespace soupkeeper::version::testing
