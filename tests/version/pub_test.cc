// The pub, hackage and cran schemes: osv-scalibr's orderings for the OSV
// Pub, Hackage and CRAN ecosystems, with cases worked by hand.
#include <gtest/gtest.h>

#include "version/scheme_test_support.h"

namespace soupkeeper::version::testing {
namespace {

TEST(PubScheme, Ordering) {
  ExpectAscending("pub", {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0", "1.0.0+1",
                          "1.0.0+10", "1.0.0+2", "1.0.0+a", "1.0.1"});
  ExpectSame("pub", "v1.2.3", "1.2.3");
  ExpectSame("pub", "1.2", "1.2.0");
  // Numbers past the third join the suffix, which makes a prerelease.
  ExpectAscending("pub", {"1.2.3.4", "1.2.3"});
  EXPECT_EQ(Canonical("pub", "v01.2.3.4-b"), "1.2.3-b.4");
  EXPECT_NE(ParseError("pub", "1.2.3 beta"), "");
  EXPECT_NE(ParseError("pub", "beta"), "");
}

TEST(HackageScheme, Ordering) {
  ExpectAscending("hackage", {"0.1", "0.1.0", "0.1.0.0", "0.2", "1.0", "1.10"});
  ExpectSame("hackage", "v1.2", "1.2");
  EXPECT_EQ(Canonical("hackage", "v01.2"), "1.2");
  EXPECT_EQ(ParseError("hackage", "1.2-beta"),
            "invalid hackage version '1.2-beta': unexpected '-beta' at offset 3");
  EXPECT_NE(ParseError("hackage", "1..2"), "");
}

TEST(CranScheme, Ordering) {
  ExpectAscending("cran", {"0.1-1", "0.1-4", "0.1.18", "1.0", "1.0-0", "1.0-1", "1.0.2"});
  ExpectSame("cran", "1.0-2", "1.0.2");
  EXPECT_EQ(Canonical("cran", "1.01-2"), "1.1.2");
  EXPECT_NE(ParseError("cran", "v1.0"), "");
  EXPECT_NE(ParseError("cran", "1.0-"), "");
}

}  // namespace
}  // namespace soupkeeper::version::testing
