// The gentoo scheme against the Package Manager Specification, section 3.2
// (version syntax) and algorithms 3.1 to 3.7, worked by hand.
#include <gtest/gtest.h>

#include "version/scheme_test_support.h"

namespace soupkeeper::version::testing {
namespace {

TEST(GentooScheme, Suffixes) {
  ExpectAscending("gentoo", {"1.0_alpha", "1.0_beta", "1.0_pre", "1.0_rc", "1.0", "1.0-r1", "1.0_p",
                             "1.0_p1", "1.0a", "1.0.1"});
  ExpectAscending("gentoo", {"1.0_alpha_beta", "1.0_alpha", "1.0_alpha_p1", "1.0_beta"});
  ExpectSame("gentoo", "1.0_p", "1.0_p0");
  ExpectSame("gentoo", "1.0", "1.0-r0");
}

TEST(GentooScheme, Numbers) {
  ExpectAscending("gentoo", {"0", "0.0", "1", "1.0", "1.0.0", "1.1", "1.10", "2"});
  // Algorithm 3.3: a leading zero makes both strings, trailing zeros dropped.
  ExpectAscending("gentoo", {"1.01", "1.1"});
  ExpectSame("gentoo", "1.010", "1.01");
  ExpectSame("gentoo", "1.0", "1.00");
  ExpectAscending("gentoo", {"1.001", "1.01"});
  ExpectAscending("gentoo", {"99999999999999999999", "100000000000000000000"});
}

TEST(GentooScheme, ParseErrors) {
  EXPECT_EQ(ParseError("gentoo", ""), "invalid gentoo version '': empty version");
  EXPECT_EQ(ParseError("gentoo", "a"),
            "invalid gentoo version 'a': a version must start with a digit at offset 0");
  EXPECT_EQ(ParseError("gentoo", "1.0-r"),
            "invalid gentoo version '1.0-r': '-r' must be followed by digits at offset 3");
  EXPECT_EQ(
      ParseError("gentoo", "1.0_foo"),
      "invalid gentoo version '1.0_foo': unknown suffix (expected _alpha, _beta, _pre, _rc or "
      "_p) at offset 3");
  EXPECT_EQ(ParseError("gentoo", "1.0A"),
            "invalid gentoo version '1.0A': unexpected 'A' at offset 3");
  EXPECT_EQ(ParseError("gentoo", "1.0-1"),
            "invalid gentoo version '1.0-1': unexpected '-1' at offset 3");
  EXPECT_EQ(ParseError("gentoo", "1."), "invalid gentoo version '1.': unexpected '.' at offset 1");
  EXPECT_EQ(Canonical("gentoo", "1.2.3b_rc1_p2-r3"), "1.2.3b_rc1_p2-r3");
}

}  // namespace
}  // namespace soupkeeper::version::testing
