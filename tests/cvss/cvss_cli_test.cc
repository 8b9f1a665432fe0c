// `soupkeeper cvss score` end to end.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/corpus.h"

namespace soupkeeper::cvss {
namespace {

using soupkeeper::testing::RunCli;

TEST(CvssCli, ScoreV31Json) {
  auto r = RunCli({"cvss", "score", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out),
            nlohmann::json({{"version", "3.1"},
                            {"vector", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"},
                            {"base_score", 7.5},
                            {"base_severity", "High"}}));
}

TEST(CvssCli, ScoreV2WithTemporalAndEnvironmental) {
  auto r = RunCli(
      {"cvss", "score", "(AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:H)"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out),
            nlohmann::json(
                {{"version", "2.0"},
                 {"vector", "AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:H"},
                 {"base_score", 7.8},
                 {"base_severity", "High"},
                 {"temporal_score", 6.4},
                 {"temporal_severity", "Medium"},
                 {"environmental_score", 9.2},
                 {"environmental_severity", "High"}}));
}

TEST(CvssCli, ScoreV4Json) {
  auto r = RunCli(
      {"cvss", "score", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:U"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out),
            nlohmann::json(
                {{"version", "4.0"},
                 {"vector", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:U"},
                 {"score", 9.1},
                 {"severity", "Critical"},
                 {"nomenclature", "CVSS-BT"}}));
}

TEST(CvssCli, SeveralVectorsOneLineEach) {
  auto r = RunCli({"cvss", "score", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
                   "AV:N/AC:L/Au:N/C:P/I:N/A:N"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "{\"base_score\":10.0,\"base_severity\":\"Critical\",\"vector\":\"CVSS:3.1/AV:N/AC:L/"
            "PR:N/UI:N/S:C/C:H/I:H/A:H\",\"version\":\"3.1\"}\n"
            "{\"base_score\":5.0,\"base_severity\":\"Medium\",\"vector\":\"AV:N/AC:L/Au:N/C:P/"
            "I:N/A:N\",\"version\":\"2.0\"}\n");
}

TEST(CvssCli, TextFormat) {
  auto r = RunCli({"--format", "text", "cvss", "score",
                   "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/E:U/RL:O/RC:U"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // 10.0 x 0.91 x 0.95 x 0.92 = 7.9534 -> 8.0.
  EXPECT_EQ(r.out, "CVSS 3.1 base 10.0 Critical, temporal 8.0 High\n");
  r = RunCli({"cvss", "score", "--format", "text",
              "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "CVSS 4.0 CVSS-B 8.7 High\n");
}

TEST(CvssCli, InvalidVectorExits2) {
  auto r = RunCli({"cvss", "score", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
                   "CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "soupkeeper: CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N: CVSS vector: offset 12: "
            "AV: unknown value \"Q\" (expected N, A, L or P)\n");
}

TEST(CvssCli, BadFormatAndMissingVector) {
  auto r = RunCli({"--format", "table", "cvss", "score", "AV:N/AC:L/Au:N/C:P/I:N/A:N"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--format must be text or json"), std::string::npos) << r.err;
  r = RunCli({"cvss", "score"});
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace soupkeeper::cvss
