// End-to-end tests of `soupkeeper version compare|sort|schemes`.
#include <gtest/gtest.h>

#include "support/corpus.h"

namespace soupkeeper::version {
namespace {

using soupkeeper::testing::RunCli;

TEST(VersionCli, Compare) {
  EXPECT_EQ(RunCli({"version", "compare", "pypi", "1.0rc1", "1.0"}).out, "<\n");
  EXPECT_EQ(RunCli({"version", "compare", "npm", "v1.2.3", "1.2.3"}).out, "=\n");
  EXPECT_EQ(RunCli({"version", "compare", "golang", "v1.10.0", "v1.9.0"}).out, ">\n");
  // A purl type resolves to its scheme.
  EXPECT_EQ(RunCli({"version", "compare", "github", "r10", "r9"}).out, ">\n");
  auto r = RunCli({"--format", "json", "version", "compare", "nuget", "1.0", "1.0.0.0"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "{\"a\":\"1.0\",\"b\":\"1.0.0.0\",\"result\":\"=\",\"scheme\":\"nuget\"}\n");
}

TEST(VersionCli, CompareErrors) {
  auto r = RunCli({"version", "compare", "pypi", "1.0", "1.0-foo"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "soupkeeper: invalid pypi version '1.0-foo': unexpected 'foo' at offset 4\n");
  r = RunCli({"version", "compare", "nosuch", "1", "2"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown ecosystem 'nosuch'"), std::string::npos);
  EXPECT_EQ(RunCli({"version", "compare", "pypi", "1.0"}).exit_code, 2);
}

TEST(VersionCli, SortIsAscendingAndStable) {
  auto r = RunCli({"version", "sort", "pypi"}, "1.0\n1.0.post1\n1.0rc1\n1.0.0\n1.0.dev0\n0.9\n");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "0.9\n1.0.dev0\n1.0rc1\n1.0\n1.0.0\n1.0.post1\n");
  r = RunCli({"version", "sort", "golang"}, "1.2.0\nv1.10.0\nv1.2.0\n");
  EXPECT_EQ(r.out, "1.2.0\nv1.2.0\nv1.10.0\n");
}

TEST(VersionCli, SortNamesTheBadLine) {
  auto r = RunCli({"version", "sort", "semver"}, "1.0.0\n2.0.0\nv3\n");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "soupkeeper: stdin:3: invalid semver version 'v3': expected the major version "
            "number, found 'v' at offset 0\n");
}

TEST(VersionCli, Schemes) {
  auto r = RunCli({"version", "schemes"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* name : {"semver\t", "npm\t", "cargo\t", "pypi\t", "golang\t", "nuget\t", "gem\t",
                           "composer\t", "conan\t", "pub\t", "hackage\t", "cran\t", "generic\t"}) {
    EXPECT_NE(("\n" + r.out).find(std::string("\n") + name), std::string::npos) << name;
  }
}

}  // namespace
}  // namespace soupkeeper::version
