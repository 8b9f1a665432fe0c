// `soupkeeper soup|assess|risk ...` end to end on every backend, with the
// demo release (demo/infusion-pump-controller-2.3.0.cdx.json, 10 components)
// and the demo advisories.
#include <gtest/gtest.h>

#include <fstream>

#include "store/backends.h"
#include "support/corpus.h"

namespace soupkeeper::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class InventoryCliTest : public BackendTest {
 protected:
  CliResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", uri_, "--actor", "alice"});
    return RunCli(args);
  }

  json Json(std::vector<std::string> args) {
    args.insert(args.begin(), {"--format", "json"});
    CliResult r = Run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out, nullptr, false);
  }

  void Synced() {
    const std::string demo =
        (fs::path(SOUPKEEPER_SOURCE_DIR) / "demo" / "infusion-pump-controller-2.3.0.cdx.json")
            .string();
    ASSERT_EQ(Run({"product", "add", "pump"}).exit_code, 0);
    CliResult r = Run({"release", "add", "pump", "2.3.0", "--sbom", demo});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = Run({"soup", "sync", "pump", "2.3.0"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out,
              "synced pump 2.3.0: 10 components, 10 new items, 10 new versions, 0 versions "
              "updated from the SBOM\n");
  }

  static constexpr const char* kLog4j = "pkg:maven/org.apache.logging.log4j/log4j-core";
};

TEST_P(InventoryCliTest, SyncListSetAndReevaluate) {
  Synced();
  json items =
      Json({"soup", "list", "--product", "pump", "--release", "2.3.0", "--category", "unset"});
  ASSERT_EQ(items.size(), 10u);
  EXPECT_EQ(items[0]["key"], "name:FreeRTOS-Kernel supplier:Amazon Web Services");

  CliResult r = Run({"soup", "set", "pkg:generic/zlib", "--category", "maintained"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: soup set pkg:generic/zlib: a category change needs a reason (--reason)\n");
  r = Run({"soup", "set", "pkg:generic/zlib", "--category", "maintained", "--supplier",
           "zlib project", "--security-impact", "--purpose", "compression of logs", "--runs-on",
           "device", "--runs-on", "update-server", "--reason", "initial classification"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "updated SOUP item pkg:generic/zlib (category maintained)\n");
  r = Run({"soup", "set", "pkg:generic/zlib", "--category", "required", "--reason",
           "upstream stopped security fixes for 1.2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Run({"soup", "list", "--needs-reevaluation"});
  EXPECT_EQ(r.out, "pkg:generic/zlib  required  supplier zlib project\n");

  json item = Json({"soup", "show", "pkg:generic/zlib"});
  EXPECT_EQ(item["category"], "required");
  EXPECT_EQ(item["runs_on"], json({"device", "update-server"}));
  EXPECT_EQ(item["security_impact"], true);
  EXPECT_EQ(item["custom_developed"], false);
  ASSERT_EQ(item["category_history"].size(), 2u);
  EXPECT_EQ(item["category_history"][1]["from"], "maintained");
  ASSERT_EQ(item["reevaluations"].size(), 1u);
  EXPECT_EQ(item["reevaluations"][0]["closed_at"], nullptr);

  r = Run({"soup", "set", "pkg:generic/zlib", "--runs-on", "toaster"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: unknown place 'toaster' (expected device, app, cloud or "
            "update-server)\n");

  r = Run({"soup", "category-map", "add", "vendor-patched", "maintained"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Run({"soup", "category-map", "list"});
  EXPECT_EQ(r.out, "vendor-patched -> maintained\n");
  r = Run({"soup", "set", "pkg:npm/lodash", "--category", "vendor-patched", "--reason", "SOP"});
  EXPECT_EQ(r.out, "updated SOUP item pkg:npm/lodash (category maintained (vendor-patched))\n");

  r = Run({"soup", "set-version", "pkg:generic/zlib", "1.2.11", "--support-level", "unknown"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: SOUP version pkg:generic/zlib 1.2.11: support level unknown needs a "
            "justification\n");
  r = Run({"soup", "set-version", "pkg:generic/zlib", "1.2.11", "--support-level",
           "no-longer-maintained", "--end-of-support", "2024-01-22", "--support-source",
           "https://zlib.net", "--support-date", "2026-03-01", "--anomaly-review-date",
           "2026-03-02", "--anomaly-reviewer", "bob"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json versions = Json({"soup", "show", "pkg:generic/zlib"})["versions"];
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_EQ(versions[0]["end_of_support"], "2024-01-22");
  EXPECT_EQ(versions[0]["anomaly_reviewer"], "bob");

  json log = Json({"log", "verify"});
  EXPECT_EQ(log["intact"], true) << log.dump();
}

TEST_P(InventoryCliTest, AssessWithVulnerabilitySnapshotThenRisk) {
  Synced();
  CliResult r = Run({"feed", "import", std::string(SOUPKEEPER_SOURCE_DIR) + "/demo/advisories"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> assess = {"assess",
                                     kLog4j,
                                     "2.14.1",
                                     "--decision",
                                     "rejected",
                                     "--rationale",
                                     "Log4Shell",
                                     "--assessor",
                                     "bob",
                                     "--approver",
                                     "carol",
                                     "--date",
                                     "2026-03-01",
                                     "--maintenance-activity",
                                     "pass: monthly releases",
                                     "--security-history",
                                     "fail: CVE-2021-44228",
                                     "--supplier-security-commitment",
                                     "pass",
                                     "--license",
                                     "pass: Apache-2.0"};
  r = Run(assess);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, std::string("assessment #1 of ") + kLog4j +
                       " 2.14.1: rejected (1 known vulnerabilities, 1 KEV, 1 critical)\n");
  json a = Json({"assess", "show", kLog4j, "1"});
  EXPECT_EQ(
      a["criteria"][1],
      json({{"criterion", "security-history"}, {"result", "fail"}, {"note", "CVE-2021-44228"}}));
  EXPECT_EQ(a["vulnerabilities"]["ids"], json({"CVE-2021-44228"}));
  EXPECT_EQ(Json({"assess", "list"}).size(), 1u);

  assess.erase(assess.end() - 2, assess.end());  // without --license
  r = Run(assess);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: criterion license is missing (give maintenance-activity, "
            "security-history, supplier-security-commitment and license)\n");

  r = Run({"risk", "add", kLog4j, "--threat", "JNDI lookup", "--disposition", "controlled",
           "--accepted-by", "carol"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: disposition controlled needs at least one control (--control "
            "REQ-ID=VERIFICATION-REF)\n");
  r = Run({"risk", "add", kLog4j, "--threat", "JNDI lookup", "--disposition", "transferred",
           "--accepted-by", "carol"});
  EXPECT_EQ(r.exit_code, 2);
  r = Run({"risk", "add", kLog4j, "--threat", "JNDI lookup", "--disposition", "controlled",
           "--control", "SR-12=TC-88", "--control", "SR-13=TC-89", "--residual",
           "low: lookups disabled", "--hazard", "HAZ-4.1", "--accepted-by", "carol"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, std::string("added security risk #1 of ") + kLog4j + " (controlled)\n");
  json risks = Json({"risk", "list", kLog4j});
  ASSERT_EQ(risks.size(), 1u);
  EXPECT_EQ(risks[0]["controls"][1], json({{"requirement", "SR-13"}, {"verification", "TC-89"}}));
  EXPECT_EQ(Json({"soup", "list", "--missing-disposition"}).size(), 9u);
  r = Run({"risk", "list", "pkg:generic/none"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "soupkeeper: no SOUP item 'pkg:generic/none'\n");
}

TEST_P(InventoryCliTest, ImportErrorsAndExportRoundTrip) {
  Synced();
  const std::string bad = (dir_.path() / "bad.csv").string();
  std::ofstream(bad) << "key,support_level\npkg:generic/x,sometimes\n";
  CliResult r = Run({"soup", "import", bad});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "soupkeeper: " + bad +
                       ": row 2, column support_level: unknown support level 'sometimes'\n");
  EXPECT_EQ(Json({"soup", "list"}).size(), 10u);

  for (const std::string format : {"csv", "yaml", "xlsx"}) {
    const std::string out = (dir_.path() / ("soup." + format)).string();
    r = Run({"soup", "export", "--to", format, "--out", out});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "exported 10 rows to " + out + "\n");
    r = Run({"soup", "import", out});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "imported 10 of 10 rows from " + out + "\n");
  }
  r = Run({"soup", "export", "--to", "pdf", "--out", "x.pdf"});
  EXPECT_EQ(r.exit_code, 2);
}

SK_INSTANTIATE_BACKENDS(InventoryCliTest);

}  // namespace
}  // namespace soupkeeper::testing
