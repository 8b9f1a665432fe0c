// The conan scheme against Conan 2's documented version rules ("Version
// ranges" / conans.model.version), with cases worked by hand.
#include <gtest/gtest.h>

#include "version/scheme_test_support.h"

namespace soupkeeper::version::testing {
namespace {

TEST(ConanScheme, Ordering) {
  ExpectAscending("conan",
                  {"1.0-pre", "1.0", "1.0+b1", "1.0+b2", "1.0.1", "1.1", "1.10", "1.a", "2"});
  ExpectSame("conan", "1", "1.0.0");
  ExpectSame("conan", "1.0-pre.1.0", "1-pre.1");
  ExpectSame("conan", "1.0_0", "1.00");               // Python's int() reads 0_0 as 0
  ExpectAscending("conan", {"1.0-a.-1", "1.0-a.1"});  // a sign is part of int()
  // "1.-1" splits at its first '-': the prerelease "1" of items (1, "").
  ExpectAscending("conan", {"1.0", "1.-1"});
  // An integer against a string compares as text: "10" < "9a".
  ExpectAscending("conan", {"1.10", "1.9a"});
  // The build is ignored when one side is a prerelease.
  ExpectAscending("conan", {"1.0-pre+z", "1.0+a"});
  EXPECT_EQ(Canonical("conan", "1.0_0-pre"), "1.0_0-pre");
  EXPECT_NE(ParseError("conan", ""), "");
}

}  // namespace
}  // namespace soupkeeper::version::testing
