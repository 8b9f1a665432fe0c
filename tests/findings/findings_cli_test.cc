// `soupkeeper findings` end to end on the demo data: `release add` evaluates,
// `feed import` re-evaluates, `findings list|show|refresh`, bad options (2),
// and `log verify` catching a tampered finding row (1).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "store/connection.h"
#include "support/corpus.h"

namespace soupkeeper::testing {
namespace {

using nlohmann::json;

const std::string kSource = SOUPKEEPER_SOURCE_DIR;

class FindingsCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (dir_.path() / "sk.db").string();
    ASSERT_EQ(Run({"product", "add", "pump"}).exit_code, 0);
  }
  CliResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_});
    return RunCli(args);
  }
  CliResult AddRelease(const std::string& version) {
    return Run({"release", "add", "pump", version, "--sbom",
                kSource + "/demo/infusion-pump-controller-" + version + ".cdx.json"});
  }
  TempDir dir_;
  std::string db_;
};

TEST_F(FindingsCliTest, ImportReevaluatesStoredReleases) {
  CliResult added = AddRelease("2.3.0");
  ASSERT_EQ(added.exit_code, 0) << added.err;
  // Nothing known yet: an empty first evaluation.
  EXPECT_NE(added.out.find("findings: pump 2.3.0: 0 new, 0 withdrawn, 0 changed, 0 restored, 0 "
                           "newly in KEV (full); 0 open, 0 withdrawn"),
            std::string::npos)
      << added.out;
  CliResult imported = Run({"feed", "import", kSource + "/demo/advisories"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("findings: pump 2.3.0: 6 new, 0 withdrawn"), std::string::npos)
      << imported.out;

  CliResult list = Run({"--format", "json", "findings", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  json found = json::parse(list.out);
  // The demo's six known answers (the same as `scan` gives for this SBOM).
  std::set<std::pair<std::string, std::string>> got;
  for (const json& f : found) {
    got.emplace(f["component"]["bom_ref"].get<std::string>(),
                f["vulnerability"].get<std::string>());
  }
  EXPECT_EQ(got, (std::set<std::pair<std::string, std::string>>{
                     {"fw-openssl", "CVE-2014-0160"},
                     {"fw-zlib", "CVE-2022-37434"},
                     {"fw-libwebp", "CVE-2023-4863"},
                     {"gw-log4j", "CVE-2021-44228"},
                     {"ui-lodash", "CVE-2021-23337"},
                     {"tool-urllib3", "CVE-2021-33503"},
                 }));
  CliResult kev = Run({"--format", "json", "findings", "list", "--kev"});
  ASSERT_EQ(kev.exit_code, 0);
  EXPECT_EQ(json::parse(kev.out).size(), 3u);  // Heartbleed, libwebp, Log4Shell
  CliResult critical = Run({"findings", "list", "--severity", "critical"});
  ASSERT_EQ(critical.exit_code, 0);
  EXPECT_NE(critical.out.find("2 findings"), std::string::npos) << critical.out;

  // A second release is evaluated against what is known when it is added.
  CliResult second = AddRelease("2.4.0");
  ASSERT_EQ(second.exit_code, 0) << second.err;
  CliResult again = Run({"feed", "import", kSource + "/demo/advisories"});
  ASSERT_EQ(again.exit_code, 0);
  EXPECT_EQ(again.out.find("findings:"), std::string::npos) << "nothing changed:\n" << again.out;

  // 2.4.0 upgrades OpenSSL to 3.0.13 and zlib to 1.3.1 and drops libwebp; the
  // other affected components are unchanged (worked out from the two SBOMs).
  CliResult diff = Run({"release", "diff", "pump", "2.3.0", "2.4.0"});
  ASSERT_EQ(diff.exit_code, 0) << diff.err;
  EXPECT_NE(diff.out.find("fixed       CVE-2014-0160 (high, KEV) openssl@1.0.1f\n"
                          "fixed       CVE-2022-37434 (critical) zlib@1.2.11\n"
                          "fixed       CVE-2023-4863 (high, KEV) libwebp@1.3.1\n"
                          "3 fixed, 0 new, 3 remaining vulnerabilities\n"),
            std::string::npos)
      << diff.out;
  CliResult back = Run({"--format", "json", "release", "diff", "pump", "2.4.0", "2.3.0"});
  ASSERT_EQ(back.exit_code, 0) << back.err;
  json vulns = json::parse(back.out)["vulnerabilities"];
  EXPECT_EQ(vulns["new"].size(), 3u);
  EXPECT_TRUE(vulns["fixed"].empty());
  EXPECT_EQ(vulns["remaining"].size(), 3u);

  int64_t id = found[0]["id"];
  CliResult show = Run({"findings", "show", std::to_string(id)});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("evidence:"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("history:"), std::string::npos) << show.out;
  CliResult refresh = Run({"findings", "refresh", "pump", "2.3.0", "--full"});
  ASSERT_EQ(refresh.exit_code, 0) << refresh.err;
  EXPECT_NE(refresh.out.find("findings: pump 2.3.0: 0 new, 0 withdrawn, 0 changed"),
            std::string::npos)
      << refresh.out;
  EXPECT_EQ(Run({"log", "verify"}).exit_code, 0);
}

TEST_F(FindingsCliTest, BadInputAndTampering) {
  CliResult bad = Run({"findings", "list", "--status", "closed"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("allowed: open, withdrawn, all"), std::string::npos) << bad.err;
  EXPECT_EQ(Run({"findings", "show", "77"}).exit_code, 2);
  EXPECT_EQ(Run({"findings", "list", "--product", "nope"}).exit_code, 2);
  EXPECT_EQ(Run({"findings", "refresh", "pump", "9.9"}).exit_code, 2);

  ASSERT_EQ(AddRelease("2.3.0").exit_code, 0);
  ASSERT_EQ(Run({"feed", "import", kSource + "/demo/advisories"}).exit_code, 0);
  ASSERT_EQ(Run({"log", "verify"}).exit_code, 0);
  // A finding hidden behind soupkeeper's back.
  auto raw = store::OpenConnection(db_);
  ASSERT_TRUE(raw.ok()) << raw.status().message();
  ASSERT_TRUE((*raw)
                  ->ExecScript("UPDATE findings SET withdrawn_at = '2026-01-01T00:00:00Z' "
                               "WHERE vulnerability = 'CVE-2021-44228'")
                  .ok());
  CliResult verify = Run({"--format", "json", "log", "verify"});
  EXPECT_EQ(verify.exit_code, 1) << verify.out;
  json report = json::parse(verify.out);
  EXPECT_EQ(report["intact"], false);
  ASSERT_EQ(report["problems"].size(), 1u);
  EXPECT_EQ(report["problems"][0]["kind"], "findings_changed");
}

}  // namespace
}  // namespace soupkeeper::testing
