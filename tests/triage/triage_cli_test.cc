// `soupkeeper triage`, `findings list --state/--overdue`, `findings due` and
// `review` end to end on the demo data.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "support/corpus.h"

namespace soupkeeper::testing {
namespace {

using nlohmann::json;

const std::string kSource = SOUPKEEPER_SOURCE_DIR;

class TriageCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (dir_.path() / "sk.db").string();
    ASSERT_EQ(Run({"product", "add", "pump"}).exit_code, 0);
    ASSERT_EQ(Run({"release", "add", "pump", "2.3.0", "--sbom",
                   kSource + "/demo/infusion-pump-controller-2.3.0.cdx.json"})
                  .exit_code,
              0);
    ASSERT_EQ(Run({"feed", "import", kSource + "/demo/advisories"}).exit_code, 0);
    CliResult list = Run({"--format", "json", "findings", "list"});
    ASSERT_EQ(list.exit_code, 0) << list.err;
    findings_ = json::parse(list.out);
    ASSERT_EQ(findings_.size(), 6u);
  }
  CliResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_});
    return RunCli(args);
  }
  std::string IdOf(const std::string& vulnerability) {
    for (const json& f : findings_) {
      if (f["vulnerability"] == vulnerability) return std::to_string(f["id"].get<int64_t>());
    }
    ADD_FAILURE() << vulnerability;
    return "0";
  }
  TempDir dir_;
  std::string db_;
  json findings_;
};

TEST_F(TriageCliTest, DecideAndFilter) {
  const std::string heartbleed = IdOf("CVE-2014-0160");
  CliResult bad = Run({"triage", heartbleed, "--state", "not_affected", "--detail", "x"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("needs a justification (allowed: code_not_present, code_not_reachable"),
            std::string::npos)
      << bad.err;
  bad = Run({"triage", heartbleed, "--state", "fixed", "--detail", "x"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("unknown state 'fixed' (allowed: in_triage, exploitable, resolved"),
            std::string::npos)
      << bad.err;
  bad = Run({"triage", heartbleed, "--state", "exploitable", "--detail", "x", "--ssvc-exploitation",
             "active"});
  EXPECT_EQ(bad.exit_code, 2);

  CliResult ok = Run({"triage",
                      heartbleed,
                      "--state",
                      "exploitable",
                      "--response",
                      "update",
                      "--detail",
                      "heartbeat reachable from the hospital network",
                      "--ssvc-exploitation",
                      "active",
                      "--ssvc-utility",
                      "efficient",
                      "--ssvc-technical-impact",
                      "total",
                      "--ssvc-safety-impact",
                      "critical",
                      "--fda-risk",
                      "uncontrolled",
                      "--fda-rationale",
                      "PHI disclosure",
                      "--hazard",
                      "HAZ-7",
                      "--aware",
                      "2026-01-10",
                      "--reason",
                      "triage"});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("v1: exploitable"), std::string::npos) << ok.out;
  // SSVC supplier row 32: active, efficient, total, significant.
  EXPECT_NE(ok.out.find("SSVC:        immediate"), std::string::npos) << ok.out;

  CliResult untriaged = Run({"findings", "list", "--state", "untriaged"});
  ASSERT_EQ(untriaged.exit_code, 0) << untriaged.err;
  EXPECT_NE(untriaged.out.find("5 findings"), std::string::npos) << untriaged.out;
  CliResult exploitable = Run({"--format", "json", "findings", "list", "--state", "exploitable"});
  ASSERT_EQ(exploitable.exit_code, 0);
  json e = json::parse(exploitable.out);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0]["vulnerability"], "CVE-2014-0160");
  EXPECT_EQ(e[0]["triage_state"], "exploitable");
  EXPECT_EQ(Run({"findings", "list", "--state", "closed"}).exit_code, 2);

  // Aware 2026-01-10: communicate by 2026-02-09, remediate by 2026-03-11.
  CliResult due = Run({"--format", "json", "findings", "due", "--as-of", "2026-02-10"});
  EXPECT_EQ(due.exit_code, 1) << due.err;
  json items = json::parse(due.out);
  ASSERT_GE(items.size(), 2u);
  EXPECT_EQ(items[0]["clock"], "communicate");
  EXPECT_EQ(items[0]["due"], "2026-02-09");
  EXPECT_EQ(items[0]["overdue"], true);
  EXPECT_EQ(items[1]["clock"], "remediate");
  EXPECT_EQ(items[1]["due"], "2026-03-11");
  EXPECT_EQ(items[1]["overdue"], false);

  CliResult history = Run({"--format", "json", "triage", heartbleed, "--history"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_EQ(json::parse(history.out).size(), 1u);
  EXPECT_EQ(Run({"log", "verify"}).exit_code, 0);
}

TEST_F(TriageCliTest, Reviews) {
  CliResult due = Run({"review", "due", "--as-of", "2026-01-01"});
  EXPECT_EQ(due.exit_code, 1);
  EXPECT_NE(due.out.find("pump: never reviewed"), std::string::npos) << due.out;
  CliResult start = Run({"review", "start", "pump"});
  ASSERT_EQ(start.exit_code, 0) << start.err;
  EXPECT_NE(start.out.find("review 1 of pump: open"), std::string::npos) << start.out;
  EXPECT_EQ(Run({"review", "start", "pump"}).exit_code, 2);
  CliResult refused = Run({"review", "complete", "pump", "--reviewer", "carol"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("findings without a triage decision or deferral: "), std::string::npos)
      << refused.err;
  std::vector<std::string> defer = {"review", "defer", "pump"};
  for (const json& f : findings_) defer.push_back(std::to_string(f["id"].get<int64_t>()));
  defer.insert(defer.end(), {"--until", "2026-12-31", "--reason", "next sprint"});
  ASSERT_EQ(Run(defer).exit_code, 0);
  CliResult done = Run({"--format", "json", "review", "complete", "pump", "--reviewer", "carol"});
  ASSERT_EQ(done.exit_code, 0) << done.err;
  json r = json::parse(done.out);
  EXPECT_EQ(r["status"], "completed");
  EXPECT_EQ(r["covered"].size(), 6u);
  CliResult list = Run({"review", "list", "pump"});
  ASSERT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find("1 reviews"), std::string::npos) << list.out;
  // Due again 30 days (the default cadence) after today.
  EXPECT_EQ(Run({"review", "due", "--as-of", "2000-01-01"}).exit_code, 0);
  EXPECT_EQ(Run({"review", "due", "--as-of", "2999-01-01"}).exit_code, 1);
  EXPECT_EQ(Run({"log", "verify"}).exit_code, 0);
}

}  // namespace
}  // namespace soupkeeper::testing
