// The generic fallback scheme, against the rules of
// docs/parts/version-schemes.md.
#include <gtest/gtest.h>

#include "version/scheme_test_support.h"

namespace soupkeeper::version::testing {
namespace {

TEST(GenericScheme, Ordering) {
  ExpectAscending("generic", {"1.0alpha", "1.0beta", "1.0rc1", "1.0", "1.0.1", "1.2", "1.10", "2"});
  ExpectSame("generic", "1.0", "1-0");
  ExpectSame("generic", "1.01", "1.1");
  ExpectAscending("generic", {"1.0B", "1.0a"});  // words by bytes
  ExpectAscending("generic", {"r9", "r10"});
  EXPECT_EQ(Canonical("generic", "Release_1.0"), "Release_1.0");
  EXPECT_EQ(ParseError("generic", "1.0 beta"),
            "invalid generic version '1.0 beta': space or non-printable character at offset 3");
  EXPECT_EQ(ParseError("generic", "..."), "invalid generic version '...': no letter or digit");
  EXPECT_NE(ParseError("generic", ""), "");
}

TEST(VersionRegistry, PurlTypesAndOsvEcosystems) {
  EXPECT_EQ(SchemeForPurlType("golang")->Name(), "golang");
  EXPECT_EQ(SchemeForPurlType("pypi")->Name(), "pypi");
  EXPECT_EQ(SchemeForPurlType("github")->Name(), "generic");
  EXPECT_EQ(SchemeForPurlType("hex")->Name(), "semver");
  EXPECT_EQ(SchemeForPurlType("no-such-type"), nullptr);
  EXPECT_EQ(SchemeForOsvEcosystem("PyPI")->Name(), "pypi");
  EXPECT_EQ(SchemeForOsvEcosystem("crates.io")->Name(), "cargo");
  EXPECT_EQ(SchemeForOsvEcosystem("Go")->Name(), "golang");
  EXPECT_EQ(SchemeForOsvEcosystem("Packagist")->Name(), "composer");
  EXPECT_EQ(SchemeForOsvEcosystem("Nope"), nullptr);
  for (const VersionScheme* s : AllSchemes()) {
    EXPECT_EQ(FindScheme(s->Name()), s);
    EXPECT_FALSE(s->Description().empty());
  }
}

}  // namespace
}  // namespace soupkeeper::version::testing
