// `soupkeeper vex export|import` end to end on the demo data, and schema
// validation of the export and of `scan --format cyclonedx-vex|openvex|csaf`
// against the corpus schemas (one python process per schema).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "support/corpus.h"

namespace soupkeeper::testing {
namespace {

using nlohmann::json;

const std::string kSource = SOUPKEEPER_SOURCE_DIR;
const std::string kSbom = kSource + "/demo/infusion-pump-controller-2.3.0.cdx.json";

class VexCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (dir_.path() / "sk.db").string();
    ASSERT_EQ(Run({"product", "add", "pump"}).exit_code, 0);
    ASSERT_EQ(Run({"release", "add", "pump", "2.3.0", "--sbom", kSbom}).exit_code, 0);
    ASSERT_EQ(Run({"feed", "import", kSource + "/demo/advisories"}).exit_code, 0);
    CliResult list = Run({"--format", "json", "findings", "list"});
    ASSERT_EQ(list.exit_code, 0) << list.err;
    for (const json& f : json::parse(list.out)) {
      if (f["vulnerability"] == "CVE-2014-0160")
        heartbleed_ = std::to_string(f["id"].get<int64_t>());
    }
    ASSERT_FALSE(heartbleed_.empty());
    CliResult t = Run({"triage", heartbleed_, "--state", "not_affected", "--justification",
                       "code_not_reachable", "--detail", "heartbeat extension compiled out"});
    ASSERT_EQ(t.exit_code, 0) << t.err;
  }
  CliResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_});
    return RunCli(args);
  }
  std::string Path(const std::string& name) { return (dir_.path() / name).string(); }
  TempDir dir_;
  std::string db_;
  std::string heartbleed_;
};

TEST_F(VexCliTest, ExportsTheDecisionInEachFormat) {
  CliResult cdx = Run({"vex", "export", "pump", "2.3.0", "--out", Path("x.cdx.json")});
  ASSERT_EQ(cdx.exit_code, 0) << cdx.err;
  json bom = json::parse(ReadFileOrFail(Path("x.cdx.json")));
  bool seen = false;
  for (const json& v : bom["vulnerabilities"]) {
    if (v["id"] != "CVE-2014-0160") continue;
    seen = true;
    EXPECT_EQ(v["analysis"]["state"], "not_affected");
    EXPECT_EQ(v["analysis"]["justification"], "code_not_reachable");
    // The demo SBOM: serialNumber urn:uuid:3e671687-..., version 1, openssl's bom-ref fw-openssl.
    EXPECT_EQ(v["affects"][0]["ref"], "urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#fw-openssl");
  }
  EXPECT_TRUE(seen);
  CliResult ov = Run({"--format", "openvex", "vex", "export", "pump", "2.3.0"});
  ASSERT_EQ(ov.exit_code, 0) << ov.err;
  json doc = json::parse(ov.out);
  for (const json& s : doc["statements"]) {
    if (s["vulnerability"]["name"] != "CVE-2014-0160") continue;
    EXPECT_EQ(s["status"], "not_affected");
    EXPECT_EQ(s["justification"], "vulnerable_code_not_in_execute_path");
    EXPECT_EQ(s["products"][0]["@id"], "pkg:generic/openssl@1.0.1f");
  }
  CliResult csaf = Run({"--format", "csaf", "vex", "export", "pump", "2.3.0"});
  ASSERT_EQ(csaf.exit_code, 0) << csaf.err;
  const json csaf_doc = json::parse(csaf.out);
  bool csaf_seen = false;
  for (const json& v : csaf_doc.at("vulnerabilities")) {
    if (v.value("cve", "") != "CVE-2014-0160") continue;
    csaf_seen = true;
    EXPECT_TRUE(v.at("product_status").contains("known_not_affected"));
    EXPECT_EQ(v.at("flags").at(0).at("label"), "vulnerable_code_not_in_execute_path");
  }
  EXPECT_TRUE(csaf_seen);
  CliResult bad = Run({"--format", "spdx", "vex", "export", "pump", "2.3.0"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--format must be cyclonedx, openvex or csaf"), std::string::npos);
}

TEST_F(VexCliTest, RefusesABomLinkWithoutASerialNumber) {
  CliResult spdx = RunCli({"sbom", "convert", kSbom, "--to", "spdx-json"});
  ASSERT_EQ(spdx.exit_code, 0) << spdx.err;
  std::ofstream(Path("pump.spdx.json")) << spdx.out;
  ASSERT_EQ(Run({"release", "add", "pump", "2.3.1", "--sbom", Path("pump.spdx.json")}).exit_code,
            0);
  CliResult r = Run({"vex", "export", "pump", "2.3.1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: vex export: the stored SBOM of pump 2.3.1 (SPDX JSON) has no CycloneDX "
            "urn:uuid serial number, which a CycloneDX VEX BOM-Link needs; use --format openvex "
            "or csaf\n");
  EXPECT_EQ(Run({"--format", "openvex", "vex", "export", "pump", "2.3.1"}).exit_code, 0);
}

TEST_F(VexCliTest, ExportAndScanOutputsValidate) {
  SK_REQUIRE_CORPUS(root);
  struct Case {
    const char* scan_format;
    const char* vex_format;
    std::string schema;
    std::vector<std::filesystem::path> refs;
  } cases[] = {
      {"cyclonedx-vex", "cyclonedx", "cyclonedx/spec/schema/bom-1.6.schema.json", {}},
      {"openvex", "openvex", "openvex/spec/openvex_json_schema.json", {}},
      {"csaf",
       "csaf",
       "csaf/oasis-csaf/csaf_2.0/json_schema/csaf_json_schema.json",
       {root / "csaf/oasis-csaf/csaf_2.0/referenced_schema/first"}},
  };
  for (const Case& c : cases) {
    std::string exported = Path(std::string("export.") + c.vex_format + ".json");
    std::string scanned = Path(std::string("scan.") + c.scan_format + ".json");
    ASSERT_EQ(Run({"--format", c.vex_format, "vex", "export", "pump", "2.3.0", "--out", exported})
                  .exit_code,
              0);
    ASSERT_EQ(Run({"--format", c.scan_format, "scan", kSbom, "-o", scanned}).exit_code, 0);
    CliResult r = ValidateJsonSchema(root / c.schema, {exported, scanned}, c.refs);
    EXPECT_EQ(r.exit_code, 0) << c.vex_format << "\n" << r.out << r.err;
    EXPECT_EQ(r.out, "ok " + exported + "\nok " + scanned + "\n");
  }
}

TEST_F(VexCliTest, ImportsASuppliersOpenVex) {
  std::ofstream(Path("acme.json")) << R"({"@context": "https://openvex.dev/ns/v0.2.0",
    "@id": "urn:acme:1", "author": "OpenSSL Project", "timestamp": "2026-01-01T00:00:00Z",
    "version": 1, "statements": [{"vulnerability": {"name": "CVE-2014-0160"},
    "products": [{"@id": "pkg:generic/openssl@1.0.1f"}], "status": "affected",
    "action_statement": "update to 1.0.1g"}, {"vulnerability": {"name": "CVE-2099-0001"},
    "products": [{"@id": "pkg:generic/openssl"}], "status": "fixed"}]})";
  CliResult r = Run({"--format", "json", "vex", "import", Path("acme.json")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json out = json::parse(r.out);
  EXPECT_EQ(out["supplier"], "OpenSSL Project");
  ASSERT_EQ(out["applied"].size(), 1u);
  EXPECT_EQ(std::to_string(out["applied"][0]["finding_id"].get<int64_t>()), heartbleed_);
  EXPECT_EQ(out["applied"][0]["state"], "exploitable");
  ASSERT_EQ(out["unmatched"].size(), 1u);
  EXPECT_EQ(out["unmatched"][0]["vulnerability"], "CVE-2099-0001");
  // Shown with the finding; the manufacturer's decision stays as it was.
  CliResult show = Run({"findings", "show", heartbleed_});
  EXPECT_NE(show.out.find("supplier:    OpenSSL Project says exploitable: update to 1.0.1g "
                          "[openvex urn:acme:1/statements/0, imported "),
            std::string::npos)
      << show.out;
  CliResult list = Run({"--format", "json", "findings", "list"});
  for (const json& f : json::parse(list.out)) {
    if (f["vulnerability"] == "CVE-2014-0160") {
      EXPECT_EQ(f["triage_state"], "not_affected") << f;
    }
  }

  std::ofstream(Path("bad.json")) << R"({"@context": "https://openvex.dev/ns/v0.2.0",
    "@id": "urn:acme:2", "author": "Acme", "statements": [{"vulnerability": {"name": "CVE-2014-0160"},
    "products": [{"@id": "pkg:generic/openssl@1.0.1f"}]}]})";
  CliResult bad = Run({"vex", "import", Path("bad.json")});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err, "soupkeeper: " + Path("bad.json") + ": /statements/0: missing \"status\"\n");
}

}  // namespace
}  // namespace soupkeeper::testing
