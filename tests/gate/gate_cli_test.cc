// `soupkeeper gate` and the gate of `release freeze` end to end on every
// backend, with the demo release (10 components, none assessed).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "store/backends.h"
#include "support/corpus.h"

namespace soupkeeper::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kLog4jLine =
    "error[assessment-missing] log4j-core@2.14.1: no approved assessment of version 2.14.1 dated "
    "on or before ";

class GateCliTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_EQ(Run({"product", "add", "pump"}).exit_code, 0);
    CliResult r =
        Run({"release", "add", "pump", "2.3.0", "--sbom", Demo(), "--date", "2026-02-01"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_EQ(Run({"soup", "sync", "pump", "2.3.0"}).exit_code, 0);
  }

  static std::string Demo() {
    return (fs::path(SOUPKEEPER_SOURCE_DIR) / "demo" / "infusion-pump-controller-2.3.0.cdx.json")
        .string();
  }

  CliResult Run(std::vector<std::string> args, const std::vector<std::string>& env = {}) {
    args.insert(args.begin(), {"--db", uri_, "--actor", "alice"});
    return RunCli(args, "", env);
  }

  // A policy file: every rule off but assessment-missing at `severity`.
  std::string Policy(const std::string& severity) {
    std::string path = (dir_.path() / ("policy-" + severity + ".yaml")).string();
    std::ofstream(path) << "rules:\n  assessment-missing: " << severity
                        << "\n  category-missing: off\n  disposition-missing: off\n"
                           "  unsupported-without-controls: off\n  support-missing: off\n"
                           "  supplier-clauses: off\n  kev-unassessed: off\n"
                           "  reevaluation-open: off\n";
    return path;
  }

  static std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }
};

TEST_P(GateCliTest, TextFailsWithOneLinePerReason) {
  CliResult r =
      Run({"gate", "--product", "pump", "--release", "2.3.0", "--policy", Policy("error")});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 11u) << r.out;
  EXPECT_EQ(lines[5], kLog4jLine + "2026-02-01");
  EXPECT_EQ(lines[10], "gate failed: 10 components, 10 errors, 0 warnings (as of 2026-02-01)");

  r = Run({"gate", "--product", "pump", "--release", "2.3.0", "--policy", Policy("warning")},
          {"GITHUB_ACTIONS=true"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 21u) << r.out;
  EXPECT_EQ(lines[0],
            "warning[assessment-missing] openssl@1.0.1f: no approved assessment of version 1.0.1f "
            "dated on or before 2026-02-01");
  EXPECT_EQ(lines[1],
            "::warning title=soupkeeper gate (assessment-missing)::openssl@1.0.1f: no approved "
            "assessment of version 1.0.1f dated on or before 2026-02-01");
  EXPECT_EQ(lines[20], "gate passed: 10 components, 0 errors, 10 warnings (as of 2026-02-01)");

  r = Run({"gate", "--product", "pump", "--release", "2.3.0", "--policy", Policy("off")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "gate passed: 10 components, 0 errors, 0 warnings (as of 2026-02-01)\n");
}

TEST_P(GateCliTest, DefaultPolicyFailsOnEveryUnrecordedItem) {
  CliResult r = Run({"--format", "json", "gate", "--product", "pump", "--release", "2.3.0"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  json j = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  // Per component: assessment, category and disposition errors (30); and
  // openssl 1.0.1f is "no longer maintained" (its cdx:fda:level-of-support)
  // without compensating controls.
  EXPECT_EQ(j["summary"],
            json({{"components", 10}, {"errors", 31}, {"warnings", 0}, {"passed", false}}));
  EXPECT_EQ(j["results"][3]["message"],
            "version is no-longer-maintained; no security risk with compensating controls and a "
            "residual risk");
  EXPECT_EQ(j["as_of"], "2026-02-01");
  EXPECT_EQ(j["results"][0], json({{"rule", "assessment-missing"},
                                   {"severity", "error"},
                                   {"key", "pkg:generic/openssl"},
                                   {"component", "openssl@1.0.1f"},
                                   {"message",
                                    "no approved assessment of version 1.0.1f dated on or before "
                                    "2026-02-01"}}));
}

TEST_P(GateCliTest, Sarif) {
  CliResult r = Run({"--format", "sarif", "gate", "--product", "pump", "--release", "2.3.0",
                     "--policy", Policy("warning")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["version"], "2.1.0");
  const json& run = j["runs"][0];
  ASSERT_EQ(run["tool"]["driver"]["rules"].size(), 8u);
  EXPECT_EQ(run["tool"]["driver"]["rules"][6]["id"], "kev-unassessed");
  EXPECT_EQ(run["tool"]["driver"]["rules"][4]["defaultConfiguration"]["level"], "warning");
  ASSERT_EQ(run["results"].size(), 10u);
  EXPECT_EQ(run["results"][5]["ruleId"], "assessment-missing");
  EXPECT_EQ(run["results"][5]["level"], "warning");
  EXPECT_EQ(run["results"][5]["locations"][0]["logicalLocations"][0],
            json({{"name", "log4j-core@2.14.1"},
                  {"fullyQualifiedName", "pkg:maven/org.apache.logging.log4j/log4j-core"},
                  {"kind", "module"}}));
}

TEST_P(GateCliTest, SbomFileAndBadInput) {
  CliResult r = Run({"gate", "--sbom", Demo(), "--policy", Policy("error")});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(Lines(r.out).size(), 11u);

  std::string bad = (dir_.path() / "bad.yaml").string();
  std::ofstream(bad) << "rules:\n  assessment-missing: fatal\n";
  r = Run({"gate", "--product", "pump", "--release", "2.3.0", "--policy", bad});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "soupkeeper: " + bad +
                       ": line 2: assessment-missing: severity 'fatal' is not error, warning or "
                       "off\n");
  r = Run({"gate", "--product", "pump"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "soupkeeper: gate: give either --product and --release, or --sbom\n");
  r = Run({"--format", "csv", "gate", "--sbom", Demo()});
  EXPECT_EQ(r.exit_code, 2);
}

TEST_P(GateCliTest, FreezeIsRefusedWhenTheGateFails) {
  CliResult r = Run({"release", "freeze", "pump", "2.3.0", "--policy", Policy("error")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("release pump 2.3.0: gate failed: 10 components, 10 errors"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(kLog4jLine), std::string::npos) << r.err;
  EXPECT_NE(Run({"release", "show", "pump", "2.3.0"}).out.find("draft"), std::string::npos);

  r = Run({"release", "freeze", "pump", "2.3.0", "--no-gate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "soupkeeper: release freeze: --no-gate needs a --reason (it is recorded)\n");
  r = Run({"release", "freeze", "pump", "2.3.0", "--policy", Policy("off")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "release pump 2.3.0: draft -> released\n");
}

TEST_P(GateCliTest, NoGateRecordsTheReason) {
  CliResult r =
      Run({"release", "freeze", "pump", "2.3.0", "--no-gate", "--reason", "field emergency fix"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = Run({"--format", "json", "log", "show"});
  EXPECT_NE(r.out.find("gate skipped (--no-gate): field emergency fix"), std::string::npos)
      << r.out;
}

SK_INSTANTIATE_BACKENDS(GateCliTest);

}  // namespace
}  // namespace soupkeeper::testing
