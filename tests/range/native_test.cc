// Unit tests of native range conversion. Expected values come from each
// ecosystem's documentation: node-semver's README ("Advanced Range Syntax"),
// PEP 440 ("Version specifiers"), RubyGems' pessimistic operator, NuGet's
// version ranges, Composer's "Writing Version Constraints", Conan 2's
// version ranges.
#include <gtest/gtest.h>

#include "soupkeeper/range.h"

namespace soupkeeper::range {
namespace {

std::string Canonical(std::string_view type, std::string_view native) {
  auto n = ParseNative(type, native);
  if (!n.ok()) return "error: " + n.status().message();
  auto r = n->ToVers();
  return r.ok() ? r->Canonical() : "error: " + r.status().message();
}

std::string Flat(std::string_view type, std::string_view native) {
  auto n = ParseNative(type, native);
  if (!n.ok()) return "error: " + n.status().message();
  auto f = n->FlatVers();
  return f.ok() ? *f : "error: " + f.status().message();
}

TEST(Native, NpmDesugarsAsNodeSemver) {
  EXPECT_EQ(Canonical("npm", "1.2.3"), "vers:npm/1.2.3");
  EXPECT_EQ(Canonical("npm", "=v1.2.3"), "vers:npm/1.2.3");
  EXPECT_EQ(Canonical("npm", "1.2.3 - 2.3.4"), "vers:npm/>=1.2.3|<=2.3.4");
  EXPECT_EQ(Canonical("npm", "1.2 - 2.3"), "vers:npm/>=1.2.0|<2.4.0-0");
  EXPECT_EQ(Canonical("npm", "1.x"), "vers:npm/>=1.0.0|<2.0.0-0");
  EXPECT_EQ(Canonical("npm", "1.2.*"), "vers:npm/>=1.2.0|<1.3.0-0");
  EXPECT_EQ(Canonical("npm", "*"), "vers:npm/*");
  EXPECT_EQ(Canonical("npm", ""), "vers:npm/*");
  EXPECT_EQ(Canonical("npm", "~1.2.3"), "vers:npm/>=1.2.3|<1.3.0-0");
  EXPECT_EQ(Canonical("npm", "~1"), "vers:npm/>=1.0.0|<2.0.0-0");
  EXPECT_EQ(Canonical("npm", "^1.2.3"), "vers:npm/>=1.2.3|<2.0.0-0");
  EXPECT_EQ(Canonical("npm", "^0.2.3"), "vers:npm/>=0.2.3|<0.3.0-0");
  EXPECT_EQ(Canonical("npm", "^0.0.3"), "vers:npm/>=0.0.3|<0.0.4-0");
  EXPECT_EQ(Canonical("npm", "^0.0"), "vers:npm/>=0.0.0|<0.1.0-0");
  EXPECT_EQ(Canonical("npm", "^1.2.3-beta.2"), "vers:npm/>=1.2.3-beta.2|<2.0.0-0");
  EXPECT_EQ(Canonical("npm", ">1.2"), "vers:npm/>=1.3.0");
  EXPECT_EQ(Canonical("npm", "<=1.2"), "vers:npm/<1.3.0-0");
  EXPECT_EQ(Canonical("npm", ">= 1.0.0 < 2.0.0"), "vers:npm/>=1.0.0|<2.0.0");
  // Union of overlapping alternatives.
  EXPECT_EQ(Canonical("npm", "^1.2.0 || 1.x"), "vers:npm/>=1.0.0|<2.0.0-0");
  // Prereleases of 2.0.0 satisfy neither side (node-semver keeps them out).
  EXPECT_EQ(Canonical("npm", "^1.2.0 || 2.x"), "vers:npm/>=1.2.0|<2.0.0-0|>=2.0.0|<3.0.0-0");
  EXPECT_EQ(Canonical("npm", "<1.0.0 || >=1.0.0"), "vers:npm/*");
  // The flat form keeps every constraint.
  EXPECT_EQ(Flat("npm", "<2.0.0 || <1.0.0"), "vers:npm/<1.0.0|<2.0.0");
  EXPECT_NE(Canonical("npm", "1.2.3.4").find("more than three numbers at offset 0"),
            std::string::npos);
  EXPECT_NE(Canonical("npm", ">=1.a").find("invalid version"), std::string::npos);
}

TEST(Native, PypiSpecifiers) {
  EXPECT_EQ(Canonical("pypi", ">= 1.0, < 2.0"), "vers:pypi/>=1.0|<2.0");
  EXPECT_EQ(Canonical("pypi", "~=2.2"), "vers:pypi/>=2.2|<3.dev0");
  EXPECT_EQ(Canonical("pypi", "~=1.4.5"), "vers:pypi/>=1.4.5|<1.5.dev0");
  EXPECT_EQ(Canonical("pypi", "==1.1.*"), "vers:pypi/>=1.1.dev0|<1.2.dev0");
  EXPECT_EQ(Canonical("pypi", "!=1.1.*"), "vers:pypi/<1.1.dev0|>=1.2.dev0");
  EXPECT_EQ(Canonical("pypi", ">=1.0,!=1.3.*,<2"), "vers:pypi/>=1.0|<1.3.dev0|>=1.4.dev0|<2");
  EXPECT_EQ(Canonical("pypi", "==1.0ALPHA"), "vers:pypi/1.0a0");
  EXPECT_EQ(Canonical("pypi", "<1.0||==2.0"), "vers:pypi/<1.0|2.0");
  EXPECT_NE(Canonical("pypi", "~=1").find("at least two numbers"), std::string::npos);
  EXPECT_NE(Canonical("pypi", ">=1.0,").find("empty specifier at offset 6"), std::string::npos);
}

TEST(Native, GemPessimistic) {
  EXPECT_EQ(Canonical("gem", "~> 2.0.8"), "vers:gem/>=2.0.8|<2.1");
  EXPECT_EQ(Canonical("gem", "~> 2.2"), "vers:gem/>=2.2|<3");
  EXPECT_EQ(Canonical("gem", "~> 1.0.0.beta"), "vers:gem/>=1.0.0.beta|<1.1");
  EXPECT_EQ(Canonical("gem", ">= 1.0, < 2"), "vers:gem/>=1.0|<2");
  EXPECT_EQ(Canonical("gem", "!= 1.5"), "vers:gem/!=1.5");
}

TEST(Native, Intervals) {
  EXPECT_EQ(Canonical("nuget", "[1.0, 2.0)"), "vers:nuget/>=1.0|<2.0");
  EXPECT_EQ(Canonical("nuget", "(1.0,)"), "vers:nuget/>1.0");
  EXPECT_EQ(Canonical("nuget", "(,1.0]"), "vers:nuget/<=1.0");
  EXPECT_EQ(Canonical("nuget", "[1.0]"), "vers:nuget/1.0");
  EXPECT_EQ(Canonical("nuget", "1.0"), "vers:nuget/>=1.0");
  EXPECT_NE(Canonical("nuget", "[1.0,2.0),[3.0,)").find("NuGet allows one interval at offset 10"),
            std::string::npos);
  EXPECT_NE(Canonical("nuget", "[1.0,2.0").find("unclosed interval at offset 0"),
            std::string::npos);
}

TEST(Native, Composer) {
  EXPECT_EQ(Canonical("composer", ">=1.0 <1.1 || >=1.2"), "vers:composer/>=1.0.0|<1.1.0|>=1.2.0");
  EXPECT_EQ(Canonical("composer", "~1.2"), "vers:composer/>=1.2.0|<2.0.0-dev");
  EXPECT_EQ(Canonical("composer", "~1.2.3"), "vers:composer/>=1.2.3|<1.3.0-dev");
  EXPECT_EQ(Canonical("composer", "^0.3"), "vers:composer/>=0.3.0|<0.4.0-dev");
  EXPECT_EQ(Canonical("composer", "1.0 - 2.0"), "vers:composer/>=1.0.0|<=2.0.0");
  EXPECT_EQ(Canonical("composer", ">=v5.2.45,<v5.4.22"), "vers:composer/>=5.2.45|<5.4.22");
  EXPECT_EQ(Canonical("composer", "<3.0.0RC4"), "vers:composer/<3.0.0-RC4");
}

TEST(Native, ConanGolangOpensslNginx) {
  EXPECT_EQ(Canonical("conan", "~2.5"), "vers:conan/>=2.5|<2.6-");
  EXPECT_EQ(Canonical("conan", "^0.1.2"), "vers:conan/>=0.1.2|<0.2-");
  EXPECT_EQ(Canonical("conan", ">1 <2.0 || ^3.2, include_prerelease=True"),
            "vers:conan/>1|<2.0|>=3.2|<4-");
  EXPECT_EQ(Canonical("golang", ">=v1.3.0 <v1.3.2 || =v2"), "vers:golang/>=1.3.0|<1.3.2|2.0.0");
  EXPECT_EQ(Flat("nginx", "1.5.0+, 1.4.1+"), "vers:nginx/>=1.4.1|<1.5.0|>=1.5.0");
  EXPECT_EQ(Canonical("nginx", "1.5.0+, 1.4.1+"), "vers:nginx/>=1.4.1");
  EXPECT_EQ(Canonical("nginx", "0.7.52-0.8.39"), "vers:nginx/>=0.7.52|<=0.8.39");
  EXPECT_NE(Canonical("cobol", "1").find("no native range syntax known for 'cobol'"),
            std::string::npos);
}

}  // namespace
}  // namespace soupkeeper::range
