// The rpm scheme against rpm's documented rpmvercmp rules (rpm.org "RPM
// version comparison", the ~ and ^ operators of rpm 4.10 and 4.15) and its
// epoch:version-release handling (rpmverCmp), worked by hand.
#include <gtest/gtest.h>

#include "version/scheme_test_support.h"

namespace soupkeeper::version::testing {
namespace {

TEST(RpmScheme, Segments) {
  ExpectAscending("rpm", {"1.0", "1.0a", "1.0.1", "1.1", "1.10", "2"});
  ExpectAscending("rpm", {"a", "b", "1"});  // a digit run beats a letter run
  ExpectAscending("rpm", {"1.0a", "1.0b", "1.0ba"});
  ExpectSame("rpm", "1.0", "1_0");   // separators only separate
  ExpectSame("rpm", "1.0", "1.0.");  // trailing separators do not count
  ExpectSame("rpm", "1.01", "1.1");
  ExpectSame("rpm", "+", "_");
}

TEST(RpmScheme, TildeAndCaret) {
  ExpectAscending("rpm", {"1.0~rc1", "1.0~rc2", "1.0", "1.0^git1", "1.0^git2", "1.0.1"});
  ExpectAscending("rpm", {"1.0~rc1~git1", "1.0~rc1", "1.0~rc1^git1"});
  ExpectAscending("rpm", {"1.0^git1~pre", "1.0^git1"});
  ExpectAscending("rpm", {"1.0^", "1.0.0"});
}

TEST(RpmScheme, EpochVersionRelease) {
  ExpectAscending("rpm", {"2.0", "1:1.0", "2:0.1"});
  ExpectSame("rpm", "0:1.0", "1.0");
  ExpectSame("rpm", ":1.0", "1.0");  // an empty epoch is 0
  ExpectAscending("rpm", {"1.0-1", "1.0-2", "1.0-10", "1.0.1-1"});
  ExpectAscending("rpm", {"1.0-1.el8", "1.0-1.el9"});
  // A missing release sorts before any release, even an empty one.
  ExpectAscending("rpm", {"1.0", "1.0-", "1.0-0", "1.0-5"});
  ExpectAscending("rpm", {"1:1.0", "1:1.0-1"});
  ExpectAscending("rpm", {"-1", "1"});  // version "" release "1" vs version "1"
  ExpectAscending("rpm", {"0", "1:"});  // epoch 1, empty version
}

TEST(RpmScheme, CanonicalAndErrors) {
  EXPECT_EQ(Canonical("rpm", "0:1.0-1"), "1.0-1");
  EXPECT_EQ(Canonical("rpm", "007:1.0-1.el9"), "7:1.0-1.el9");
  EXPECT_EQ(Canonical("rpm", "1.0"), "1.0");
  EXPECT_EQ(ParseError("rpm", ""), "invalid rpm version '': empty version");
  EXPECT_EQ(ParseError("rpm", "1.0 -1"),
            "invalid rpm version '1.0 -1': space or control character at offset 3");
  EXPECT_EQ(Canonical("rpm", "1.0-"), "1.0-");
  EXPECT_EQ(Canonical("rpm", "0:-1"), "0:-1");  // the version is empty
  EXPECT_EQ(Canonical("rpm", "0:2:3"), "0:2:3");
}

TEST(RpmScheme, UpstreamIsTheVersionOfTheEvr) {
  EXPECT_EQ(Upstream("rpm", "1.1.1k-7.el8_6"), "1.1.1k");
  EXPECT_EQ(Upstream("rpm", "1:1.1.1k-7.el8_6"), "1.1.1k");
  EXPECT_EQ(Upstream("rpm", "1.0"), "1.0");   // no release
  EXPECT_EQ(Upstream("rpm", "1.0-"), "1.0");  // an empty release
  EXPECT_EQ(Upstream("rpm", "1:"), "");       // an empty version, which rpm accepts
  // The release is after the last '-'.
  EXPECT_EQ(Upstream("rpm", "2.0-rc1-3"), "2.0-rc1");
  // parseEVR: the epoch is the leading digits when ':' follows them, so a
  // later ':' is the version's and "a:" is no epoch.
  EXPECT_EQ(Upstream("rpm", "1:2.0:3-4"), "2.0:3");
  EXPECT_EQ(Upstream("rpm", "a:1.0-1"), "a:1.0");
}

}  // namespace
}  // namespace soupkeeper::version::testing
