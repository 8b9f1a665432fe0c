// End-to-end tests of `soupkeeper sbom validate` and `soupkeeper sbom show`.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "support/corpus.h"

namespace soupkeeper {
namespace {

using testing::RunCli;

std::string Write(const testing::TempDir& dir, const std::string& name, const std::string& text) {
  std::string path = (dir.path() / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

const char kValid[] = R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
  "components":[{"type":"library","name":"a","version":"1","bom-ref":"a"},
                {"type":"library","name":"b","version":"2","bom-ref":"b"}],
  "dependencies":[{"ref":"a","dependsOn":["b"]}]})";

const char kInvalid[] = R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
  "components":[{"type":"library","name":"a","hashes":[{"alg":"SHA-999","content":"3942447fac867ae5cdb3229b658f4d48"}]},
                {"type":"gadget","name":"b"}]})";

TEST(SbomCli, ValidateValid) {
  testing::TempDir dir;
  std::string file = Write(dir, "sbom.json", kValid);
  testing::CliResult r = RunCli({"sbom", "validate", file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, file + ": valid CycloneDX 1.6 JSON, 2 components\n");
  EXPECT_EQ(r.err, "");
}

TEST(SbomCli, ValidateInvalidNamesTheFirstError) {
  testing::TempDir dir;
  std::string file = Write(dir, "sbom.json", kInvalid);
  testing::CliResult r = RunCli({"sbom", "validate", file});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "soupkeeper: " + file +
                       ": /components/0/hashes/0/alg: 'SHA-999' is not one of MD5, SHA-1, "
                       "SHA-256, SHA-384, SHA-512, SHA3-256, SHA3-384, SHA3-512, BLAKE2b-256, "
                       "BLAKE2b-384, BLAKE2b-512, BLAKE3 (hash algorithm, CycloneDX 1.6) (and 1 "
                       "more errors)\n");
}

TEST(SbomCli, ValidateJsonListsAllErrors) {
  testing::TempDir dir;
  std::string file = Write(dir, "sbom.json", kInvalid);
  testing::CliResult r = RunCli({"--format", "json", "sbom", "validate", file});
  EXPECT_EQ(r.exit_code, 2);
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["file"], file);
  EXPECT_EQ(j["valid"], false);
  EXPECT_EQ(j["readable"], false);
  ASSERT_EQ(j["errors"].size(), 2u);
  EXPECT_EQ(j["errors"][0]["location"], "/components/0/hashes/0/alg");
  EXPECT_EQ(j["errors"][1]["location"], "/components/1/type");
  EXPECT_EQ(j["warnings"].size(), 0u);
}

TEST(SbomCli, ValidateXmlAndWarnings) {
  testing::TempDir dir;
  std::string file = Write(dir, "bom.xml",
                           "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\" version=\"1\">\n"
                           "<components><component type=\"library\" bom-ref=\"a\"><name>a</name>"
                           "</component></components>\n"
                           "<dependencies><dependency ref=\"a\"><dependency ref=\"zz\"/>"
                           "</dependency></dependencies>\n</bom>\n");
  testing::CliResult r = RunCli({"sbom", "validate", file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, file + ": valid CycloneDX 1.4 XML, 1 component\n");
  EXPECT_EQ(r.err, "warning: " + file +
                       ": line 3: dependsOn 'zz' of 'a' names no bom-ref of this document\n");
}

TEST(SbomCli, NotAnSbomAndMissingFile) {
  testing::TempDir dir;
  std::string file = Write(dir, "x.txt", "hello");
  testing::CliResult r = RunCli({"sbom", "validate", file});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "soupkeeper: " + file +
                       ": not a recognized SBOM (supported: CycloneDX 1.2-1.7 JSON and XML; SPDX "
                       "2.1-2.3 JSON, YAML and tag-value; SPDX 3.0 JSON-LD)\n");
  r = RunCli({"sbom", "show", (dir.path() / "missing.json").string()});
  EXPECT_EQ(r.exit_code, 2);  // NotFound
}

TEST(SbomCli, ShowPrintsTheNormalizedDocument) {
  testing::TempDir dir;
  std::string file = Write(dir, "sbom.json", kValid);
  testing::CliResult r = RunCli({"sbom", "show", file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["format"], "CycloneDX JSON");
  EXPECT_EQ(j["specVersion"], "1.6");
  ASSERT_EQ(j["components"].size(), 2u);
  EXPECT_EQ(j["components"][1]["name"], "b");
  EXPECT_EQ(j["dependencies"][0]["ref"], "a");
  EXPECT_EQ(j["dependencies"][0]["dependsOn"][0], "b");
}

const char kSpdxTagValue[] = R"(SPDXVersion: SPDX-2.3
DataLicense: CC0-1.0
SPDXID: SPDXRef-DOCUMENT
DocumentName: app
DocumentNamespace: https://example.com/app
Creator: Tool: hand
Created: 2024-01-02T03:04:05Z

PackageName: app
SPDXID: SPDXRef-app
PackageDownloadLocation: NONE

PackageName: zlib
SPDXID: SPDXRef-zlib
PackageVersion: 1.3
PackageDownloadLocation: NONE
ExternalRef: PACKAGE-MANAGER purl pkg:generic/zlib@1.3

PackageName: openssl
SPDXID: SPDXRef-openssl
PackageDownloadLocation: NONE

Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-app
Relationship: SPDXRef-zlib DEPENDENCY_OF SPDXRef-app
)";

TEST(SbomCli, SpdxTagValueValidateAndShow) {
  testing::TempDir dir;
  std::string file = Write(dir, "app.spdx", kSpdxTagValue);
  testing::CliResult r = RunCli({"sbom", "validate", file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // The described package is the subject; the other two are components.
  EXPECT_EQ(r.out, file + ": valid SPDX 2.3 tag-value, 2 components\n");
  EXPECT_EQ(r.err, "");
  r = RunCli({"sbom", "show", file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["format"], "SPDX tag-value");
  EXPECT_EQ(j["specVersion"], "SPDX-2.3");
  EXPECT_EQ(j["serialNumber"], "https://example.com/app");
  EXPECT_EQ(j["subject"]["ref"], "SPDXRef-app");
  EXPECT_EQ(j["components"][0]["purl"], "pkg:generic/zlib@1.3");
  // zlib DEPENDENCY_OF app: app depends on zlib.
  EXPECT_EQ(j["dependencies"][0]["ref"], "SPDXRef-app");
  EXPECT_EQ(j["dependencies"][0]["dependsOn"][0], "SPDXRef-zlib");
  EXPECT_EQ(j["describes"][0], "SPDXRef-app");
}

TEST(SbomCli, SpdxBadInputNamesFileAndPlace) {
  testing::TempDir dir;
  std::string tv = kSpdxTagValue;
  tv.replace(tv.find("PackageVersion: 1.3"), 19, "PackageVersion 1.3");
  std::string file = Write(dir, "bad.spdx", tv);
  testing::CliResult r = RunCli({"sbom", "validate", file});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "soupkeeper: " + file + ": line 15: expected 'Tag: value', not 'PackageVersion 1.3'\n");

  std::string json = Write(dir, "bad.spdx.json",
                           R"({"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0",
  "SPDXID": "SPDXRef-DOCUMENT", "name": "x", "documentNamespace": "https://example.com/x",
  "creationInfo": {"created": "2024-01-02T03:04:05Z", "creators": ["Tool: hand"]},
  "packages": [{"SPDXID": "SPDXRef-a", "name": "a", "downloadLocation": "NONE",
                "checksums": [{"algorithm": "SHA1", "checksumValue": "12"}]}]})");
  r = RunCli({"--format", "json", "sbom", "validate", json});
  EXPECT_EQ(r.exit_code, 2);
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["valid"], false);
  ASSERT_EQ(j["errors"].size(), 1u);
  EXPECT_EQ(j["errors"][0]["location"], "/packages/0/checksums/0/checksumValue");
  EXPECT_EQ(j["errors"][0]["message"], "'checksums': SHA1 value has 2 hex digits, not 40");

  std::string yaml = Write(dir, "bad.spdx.yaml",
                           "spdxVersion: SPDX-2.3\ndataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\n"
                           "name: x\ndocumentNamespace: https://example.com/x\ncreationInfo:\n"
                           "  created: 2024-01-02T03:04:05Z\n  creators: [\"Tool: hand\"]\n"
                           "packages:\n  - SPDXID: SPDXRef-a\n    downloadLocation: NONE\n");
  r = RunCli({"sbom", "validate", yaml});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "soupkeeper: " + yaml +
                       ": line 10, /packages/0: missing required 'name' of the package "
                       "SPDXRef-a\n");
}

// A document read with tolerated deviations is not valid: validate says so,
// lists each deviation, and exits 1; `sbom show` reads it.
TEST(SbomCli, SpdxToleratedDeviationIsNotValid) {
  testing::TempDir dir;
  std::string yaml = Write(dir, "loose.spdx.yaml",
                           "spdxVersion: SPDX-2.3\ndataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\n"
                           "name: x\ndocumentNamespace: https://example.com/x\ncreationInfo:\n"
                           "  created: 2024-01-02T03:04:05Z\n  creators: [\"Tool: hand\"]\n"
                           "packages:\n  - SPDXID: SPDXRef-a\n    name: a\n");
  testing::CliResult r = RunCli({"sbom", "validate", yaml});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, yaml +
                       ": not valid SPDX 2.3 YAML (1 kind of spec violation tolerated), read: 1 "
                       "component\n");
  EXPECT_EQ(r.err, "warning: " + yaml +
                       ": line 10, /packages/0: spec violation tolerated: 1 package lacks "
                       "'downloadLocation' (required by SPDX 2.3; read as NOASSERTION)\n");
  r = RunCli({"--format", "json", "sbom", "validate", yaml});
  EXPECT_EQ(r.exit_code, 1);
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["valid"], false);
  EXPECT_EQ(j["readable"], true);
  EXPECT_EQ(j["components"], 1);
  EXPECT_EQ(j["errors"].size(), 0u);
  ASSERT_EQ(j["deviations"].size(), 1u);
  EXPECT_EQ(j["deviations"][0]["location"], "line 10, /packages/0");
  EXPECT_EQ(j["warnings"].size(), 0u);
  r = RunCli({"sbom", "show", yaml});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["components"][0]["name"], "a");
}

TEST(SbomCli, SpdxCorpusExamplesValidate) {
  SK_REQUIRE_CORPUS(root);
  for (const char* rel :
       {"spdx/spec-2.3/SPDXJSONExample-v2.3.spdx.json", "spdx/spec-2.3/SPDXTagExample-v2.3.spdx",
        "spdx/spec-2.3/SPDXYAMLExample-2.3.spdx.yaml", "spdx/spec-3.0.1/package_sbom.json"}) {
    std::string file = (root / rel).string();
    testing::CliResult r = RunCli({"sbom", "validate", file});
    EXPECT_EQ(r.exit_code, 0) << file << ": " << r.err;
    EXPECT_EQ(r.out.rfind(file + ": valid SPDX ", 0), 0u) << r.out;
  }
}

}  // namespace
}  // namespace soupkeeper
