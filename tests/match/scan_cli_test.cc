// `soupkeeper scan` end to end on the bundled demo advisories and SBOM: each
// output format's required structure, --fail-on exit codes, bad SBOMs (2)
// and database errors (3).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "support/corpus.h"

namespace soupkeeper::testing {
namespace {

using nlohmann::json;

const std::string kSource = SOUPKEEPER_SOURCE_DIR;
const std::string kSbom = kSource + "/demo/infusion-pump-controller-2.3.0.cdx.json";

class ScanCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (dir_.path() / "kb.db").string();
    CliResult r = RunCli({"--db", db_, "feed", "import", kSource + "/demo/advisories"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  CliResult Scan(const std::vector<std::string>& extra, const std::string& sbom = kSbom) {
    std::vector<std::string> args = {"--db", db_, "scan", sbom};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunCli(args);
  }
  json ScanJson(const std::string& format) {
    CliResult r = Scan({"--format", format});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    json j = json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.out;
    return j;
  }
  TempDir dir_;
  std::string db_;
};

// The demo's known answers: six findings (worked out from the advisories in
// demo/advisories and the SBOM's versions).
const std::set<std::pair<std::string, std::string>> kExpected = {
    {"fw-openssl", "CVE-2014-0160"}, {"fw-zlib", "CVE-2022-37434"},
    {"fw-libwebp", "CVE-2023-4863"}, {"gw-log4j", "CVE-2021-44228"},
    {"ui-lodash", "CVE-2021-23337"}, {"tool-urllib3", "CVE-2021-33503"},
};

TEST_F(ScanCliTest, TableIsTheTextDefault) {
  CliResult r = Scan({});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("COMPONENT"), std::string::npos);
  EXPECT_NE(r.out.find("log4j-core@2.14.1  CVE-2021-44228  10.0 critical  yes"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("6 findings (6 affected, 0 not evaluable) in 6 of 10 components"),
            std::string::npos)
      << r.out;
}

TEST_F(ScanCliTest, JsonFindingsWithEvidence) {
  json j = ScanJson("json");
  std::set<std::pair<std::string, std::string>> got;
  for (const json& f : j["findings"]) {
    got.insert(
        {f["component"]["bom_ref"].get<std::string>(), f["vulnerability"].get<std::string>()});
    EXPECT_FALSE(f["evidence"].empty());
    EXPECT_TRUE(f["evidence"][0].contains("rule"));
    EXPECT_TRUE(f["evidence"][0].contains("component_fields"));
  }
  EXPECT_EQ(got, kExpected);
  for (const json& f : j["findings"]) {
    if (f["vulnerability"] == "CVE-2021-44228") {
      EXPECT_EQ(f["evidence"][0]["matcher"], "ecosystem");
      EXPECT_EQ(f["corroboration"][0]["source"], "nvd");  // NVD's CPE finding, kept aside
      EXPECT_EQ(f["kev"]["date_added"], "2021-12-10");
      EXPECT_EQ(f["severity"]["score"], 10.0);
    }
    if (f["vulnerability"] == "CVE-2014-0160") {
      EXPECT_EQ(f["kev"]["date_added"], "2022-05-04");
      EXPECT_EQ(f["evidence"][0]["rule"]["match"]["version_end_excluding"], "1.0.1g");
    }
  }
  EXPECT_EQ(j["stats"]["components"], 10);
}

TEST_F(ScanCliTest, SarifRequiredStructure) {
  json s = ScanJson("sarif");
  EXPECT_EQ(s["version"], "2.1.0");
  ASSERT_EQ(s["runs"].size(), 1u);
  const json& run = s["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "soupkeeper");
  ASSERT_EQ(run["results"].size(), 6u);
  std::set<std::string> rules;
  for (const json& rule : run["tool"]["driver"]["rules"]) rules.insert(rule["id"]);
  for (const json& r : run["results"]) {
    EXPECT_TRUE(rules.count(r["ruleId"])) << r["ruleId"];
    EXPECT_TRUE(r["level"] == "error" || r["level"] == "warning" || r["level"] == "note");
    EXPECT_TRUE(r["message"]["text"].is_string());
    ASSERT_FALSE(r["locations"].empty());
    EXPECT_EQ(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], kSbom);
  }
}

TEST_F(ScanCliTest, CycloneDxVexLinksToTheScannedBom) {
  json b = ScanJson("cyclonedx-vex");
  EXPECT_EQ(b["bomFormat"], "CycloneDX");
  EXPECT_EQ(b["specVersion"], "1.6");
  EXPECT_EQ(b["serialNumber"].get<std::string>().rfind("urn:uuid:", 0), 0u);
  ASSERT_EQ(b["vulnerabilities"].size(), 6u);
  std::set<std::string> refs;
  for (const json& v : b["vulnerabilities"]) {
    EXPECT_TRUE(v["id"].is_string());
    EXPECT_TRUE(v["analysis"]["state"].is_string());
    for (const json& a : v["affects"]) refs.insert(a["ref"]);
  }
  EXPECT_TRUE(refs.count("urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#gw-log4j"));
  EXPECT_EQ(refs.size(), 6u);
}

TEST_F(ScanCliTest, OpenVexRequiredStructure) {
  json d = ScanJson("openvex");
  EXPECT_EQ(d["@context"], "https://openvex.dev/ns/v0.2.0");
  EXPECT_TRUE(d["@id"].is_string());
  EXPECT_TRUE(d["author"].is_string());
  EXPECT_TRUE(d["timestamp"].is_string());
  EXPECT_EQ(d["version"], 1);
  ASSERT_EQ(d["statements"].size(), 6u);
  for (const json& s : d["statements"]) {
    EXPECT_TRUE(s["vulnerability"]["name"].is_string());
    EXPECT_FALSE(s["products"].empty());
    EXPECT_EQ(s["status"], "affected");
    EXPECT_TRUE(s["action_statement"].is_string());  // required for "affected"
  }
}

TEST_F(ScanCliTest, CsafVexProfileRequiredStructure) {
  json d = ScanJson("csaf");
  EXPECT_EQ(d["document"]["category"], "csaf_vex");
  EXPECT_EQ(d["document"]["csaf_version"], "2.0");
  for (const char* k : {"category", "name", "namespace"}) {
    EXPECT_TRUE(d["document"]["publisher"][k].is_string()) << k;
  }
  const json& t = d["document"]["tracking"];
  for (const char* k :
       {"id", "status", "version", "initial_release_date", "current_release_date"}) {
    EXPECT_TRUE(t[k].is_string()) << k;
  }
  EXPECT_FALSE(t["revision_history"].empty());
  std::set<std::string> ids;
  for (const json& p : d["product_tree"]["full_product_names"]) ids.insert(p["product_id"]);
  ASSERT_EQ(d["vulnerabilities"].size(), 6u);
  for (const json& v : d["vulnerabilities"]) {
    EXPECT_TRUE(v.contains("cve") || v.contains("ids"));
    EXPECT_FALSE(v["notes"].empty());
    for (const json& id : v["product_status"]["known_affected"]) {
      EXPECT_TRUE(ids.count(id)) << id;
    }
    // VEX profile: every known_affected product has a remediation.
    EXPECT_FALSE(v["remediations"].empty());
  }
}

TEST_F(ScanCliTest, FailOnExitCodes) {
  EXPECT_EQ(Scan({"--fail-on", "critical"}).exit_code, 1);  // Log4Shell 10.0, zlib 9.8
  EXPECT_EQ(Scan({"--fail-on", "kev"}).exit_code, 1);
  // An SBOM with only lodash 4.17.21 (fixed): nothing reaches any threshold.
  std::string clean = (dir_.path() / "clean.cdx.json").string();
  std::ofstream(clean) << R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
    "components": [{"type": "library", "bom-ref": "l", "name": "lodash", "version": "4.17.21",
    "purl": "pkg:npm/lodash@4.17.21"}]})";
  CliResult r = Scan({"--fail-on", "low"}, clean);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("0 findings"), std::string::npos);
  EXPECT_EQ(Scan({"--fail-on", "severe"}).exit_code, 2);
}

TEST_F(ScanCliTest, BadSbomIsExitTwoWithFileAndPlace) {
  std::string bad = (dir_.path() / "bad.cdx.json").string();
  std::ofstream(bad) << R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
    "components": [{"type": "library", "version": "1.0"}]})";
  CliResult r = Scan({}, bad);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(bad), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/components/0"), std::string::npos) << r.err;
  EXPECT_EQ(Scan({}, (dir_.path() / "missing.json").string()).exit_code, 2);
}

TEST_F(ScanCliTest, DatabaseErrorIsExitThree) {
  std::string junk = (dir_.path() / "junk.db").string();
  std::ofstream(junk) << "this is not a database, just some bytes that are long enough to matter";
  CliResult r = RunCli({"--db", junk, "scan", kSbom});
  EXPECT_EQ(r.exit_code, 3) << r.err;
}

}  // namespace
}  // namespace soupkeeper::testing
