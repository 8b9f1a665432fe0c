// The alpm scheme against pacman's vercmp(8) manual (its ordering examples)
// and libalpm's version.c rules, worked by hand.
#include <gtest/gtest.h>

#include "version/scheme_test_support.h"

namespace soupkeeper::version::testing {
namespace {

TEST(AlpmScheme, ManualExamples) {
  // vercmp(8): 1.0a < 1.0b < 1.0beta < 1.0p < 1.0pre < 1.0rc < 1.0 < 1.0.a < 1.0.1
  ExpectAscending("alpm",
                  {"1.0a", "1.0b", "1.0beta", "1.0p", "1.0pre", "1.0rc", "1.0", "1.0.a", "1.0.1"});
  // vercmp(8): 1 < 1.0 < 1.1 < 1.1.1 < 1.2 < 2.0 < 3.0.0
  ExpectAscending("alpm", {"1", "1.0", "1.1", "1.1.1", "1.2", "2.0", "3.0.0"});
}

TEST(AlpmScheme, EpochAndRelease) {
  ExpectAscending("alpm", {"2.0", "1:1.0", "2:0.1"});
  ExpectSame("alpm", "0:1.0", "1.0");
  ExpectAscending("alpm", {"1.0-1", "1.0-2", "1.0.1-1"});
  ExpectSame("alpm", "1.0", "1.0-7");  // pkgrel only when both have one
  ExpectSame("alpm", "1.01", "1.1");
}

TEST(AlpmScheme, Separators) {
  ExpectSame("alpm", "1.0", "1_0");
  ExpectAscending("alpm", {"1a", "1.a"});  // a separator before a run counts
  // pacman's separator-length rule makes cycles where separators lead,
  // trail or repeat ("1.1" > "01+" > "1+.a1" > "1.1"), so those are refused.
  EXPECT_EQ(ParseError("alpm", "1..0"),
            "invalid alpm version '1..0': pkgver has two separators in a row at offset 1");
  EXPECT_EQ(ParseError("alpm", "1.0."),
            "invalid alpm version '1.0.': pkgver must end with a letter or digit at offset 3");
  EXPECT_EQ(ParseError("alpm", "1.0-1_"),
            "invalid alpm version '1.0-1_': pkgrel must end with a letter or digit at offset 5");
}

TEST(AlpmScheme, CanonicalAndErrors) {
  EXPECT_EQ(Canonical("alpm", "0:1.0-1"), "1.0-1");
  EXPECT_EQ(Canonical("alpm", "02:1.0-1"), "2:1.0-1");
  EXPECT_EQ(ParseError("alpm", ""), "invalid alpm version '': empty version");
  EXPECT_EQ(ParseError("alpm", "1.0\t"),
            "invalid alpm version '1.0\t': space or control character at offset 3");
  EXPECT_EQ(ParseError("alpm", "1.0-"),
            "invalid alpm version '1.0-': empty pkgrel after '-' at offset 3");
  EXPECT_EQ(ParseError("alpm", "2:-1"), "invalid alpm version '2:-1': empty pkgver at offset 2");
  EXPECT_EQ(ParseError("alpm", ".R1"),
            "invalid alpm version '.R1': pkgver must start with a letter or digit at offset 0");
  EXPECT_EQ(ParseError("alpm", "1.0-.1"),
            "invalid alpm version '1.0-.1': pkgrel must start with a letter or digit at offset 4");
  EXPECT_EQ(ParseError("alpm", "1:.1"),
            "invalid alpm version '1:.1': pkgver must start with a letter or digit at offset 2");
}

}  // namespace
}  // namespace soupkeeper::version::testing
