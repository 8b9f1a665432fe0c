// End-to-end tests of `soupkeeper range ...` through the built binary.
#include <gtest/gtest.h>

#include "support/corpus.h"

namespace soupkeeper::range {
namespace {

using soupkeeper::testing::RunCli;

TEST(RangeCli, Contains) {
  auto r = RunCli({"range", "contains", "vers:pypi/>=1.0|<2.0", "1.5"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "true\n");
  r = RunCli({"range", "contains", "vers:pypi/>=1.0|<2.0", "2.0"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "false\n");
  r = RunCli({"range", "contains", "vers:npm/*", "0.0.1"});
  EXPECT_EQ(r.out, "true\n");
  r = RunCli({"--format", "json", "range", "contains", "vers:npm/1.0.0", "1.0.0"});
  EXPECT_EQ(r.out, "{\"contains\":true,\"range\":\"vers:npm/1.0.0\",\"version\":\"1.0.0\"}\n");
}

TEST(RangeCli, BadInputExitsTwoNamingThePlace) {
  auto r = RunCli({"range", "contains", "vers:npm/>=2.0.0|<1.0.0", "1.5.0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("constraints are not sorted by version at offset 17"), std::string::npos)
      << r.err;
  r = RunCli({"range", "contains", "vers:npm/>=1.0.0", "one"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("VERSION: "), std::string::npos) << r.err;
  r = RunCli({"range", "contains", "vers:npm/>=1.0.0"});
  EXPECT_EQ(r.exit_code, 2);
  // --lenient repairs what the strict parser refuses.
  r = RunCli({"range", "contains", "--lenient", "vers:npm/<2.0.0 | >=1.0.0", "1.5.0"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "true\n");
}

TEST(RangeCli, NormalizeAndFromNative) {
  auto r = RunCli({"range", "normalize", "vers:pypi/<2.0|>=1.0|1.5"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "vers:pypi/>=1.0|<2.0\n");
  r = RunCli({"range", "from-native", "npm", "^1.2.3 || 1.x"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "vers:npm/>=1.0.0|<2.0.0-0\n");
  r = RunCli({"range", "from-native", "--flat", "nginx", "1.5.0+, 1.4.1+"});
  EXPECT_EQ(r.out, "vers:nginx/>=1.4.1|<1.5.0|>=1.5.0\n");
  r = RunCli({"range", "from-native", "gem", "~> 2.0.8"});
  EXPECT_EQ(r.out, "vers:gem/>=2.0.8|<2.1\n");
  r = RunCli({"range", "from-native", "nuget", "[1.0,2.0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unclosed interval at offset 0"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace soupkeeper::range
