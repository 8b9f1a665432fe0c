// VEX export and import on SQLite and PostgreSQL: the export content of a
// triaged and an untriaged finding in the three formats (expectations worked
// out from the CycloneDX 1.6, OpenVEX 0.2.0 and CSAF 2.0 specifications),
// schema validation against the corpus schemas, and the import of each
// format applying to the right finding, with bad input storing nothing.
#include "soupkeeper/vex.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "soupkeeper/product.h"
#include "soupkeeper/release.h"
#include "soupkeeper/vuln.h"
#include "store/backends.h"
#include "support/corpus.h"

namespace soupkeeper::vex {
namespace {

using nlohmann::json;
using testing::BackendTest;

constexpr char kOsv1[] = R"({"id": "GHSA-aaaa-bbbb-cccc", "modified": "2026-01-02T00:00:00Z",
  "aliases": ["CVE-2026-0001"], "summary": "s1", "affected": [{"package": {"ecosystem": "npm",
  "name": "left-pad"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"},
  {"fixed": "2.0.0"}]}]}]})";
constexpr char kOsv2[] = R"({"id": "GHSA-dddd-eeee-ffff", "modified": "2026-01-02T00:00:00Z",
  "aliases": ["CVE-2026-0002"], "summary": "s2", "affected": [{"package": {"ecosystem": "npm",
  "name": "left-pad"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"},
  {"fixed": "3.0.0"}]}]}]})";

constexpr char kSbom[] = R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
  "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
  "components": [{"type": "library", "bom-ref": "left-pad", "name": "left-pad",
  "version": "1.1.0", "purl": "pkg:npm/left-pad@1.1.0"}]})";

const json* Find(const json& list, const char* key, const std::string& value) {
  for (const json& x : list) {
    if (x.value(key, "") == value) return &x;
  }
  return nullptr;
}

class VexTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    store_ = OpenStore();
    ASSERT_NE(store_, nullptr);
    product::Product p;
    p.name = "pump";
    ASSERT_TRUE(product::Add(*store_, author_, p).ok());
    ASSERT_TRUE(env_.WriteFile("/osv1.json", kOsv1).ok());
    ASSERT_TRUE(env_.WriteFile("/osv2.json", kOsv2).ok());
    CollectingSink sink;
    ASSERT_TRUE(
        vuln::ImportPaths(*store_, &env_, {"/osv1.json", "/osv2.json"}, author_, sink).ok());
    release::NewRelease r{};
    r.product = "pump";
    r.version = "1.0";
    r.sbom_bytes = kSbom;
    r.sbom_source = "pump.cdx.json";
    ASSERT_TRUE(release::Add(*store_, author_, r, sink).ok());
    ASSERT_TRUE(findings::Evaluate(*store_, author_, "pump", "1.0", {}).ok());
    auto all = findings::List(*store_, {});
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 2u);
    for (const auto& f : *all) (f.vulnerability == "CVE-2026-0001" ? one_ : two_) = f.id;
    triage::Request d;
    d.finding_ids = {one_};
    d.state = "not_affected";
    d.justification = "code_not_reachable";
    d.detail = "padding is never called with user input";
    d.fda_risk = "controlled";
    d.fda_rationale = "no path from the network";
    ASSERT_TRUE(triage::Decide(*store_, author_, d).ok());
  }
  json Exported(const std::string& format) {
    auto text = Export(*store_, "pump", "1.0", format, "2026-03-01T10:00:00Z", "0.1.0");
    EXPECT_TRUE(text.ok()) << text.status().message();
    return text.ok() ? json::parse(*text) : json();
  }
  Result<ImportResult> Imported(const std::string& text, const std::string& name = "s.json") {
    return Import(*store_, author_, text, name, {});
  }
  std::vector<SupplierStatement> Statements(int64_t id) {
    auto s = StatementsFor(*store_, id);
    EXPECT_TRUE(s.ok());
    return s.ok() ? *s : std::vector<SupplierStatement>();
  }
  std::unique_ptr<store::Store> store_;
  store::Author author_{"alice", "test"};
  int64_t one_ = 0, two_ = 0;
};

TEST_P(VexTest, CycloneDxCarriesDecisionsAndBomLinks) {
  json bom = Exported("cyclonedx");
  ASSERT_EQ(bom["vulnerabilities"].size(), 2u);
  const json* v1 = Find(bom["vulnerabilities"], "id", "CVE-2026-0001");
  ASSERT_NE(v1, nullptr);
  EXPECT_EQ((*v1)["analysis"]["state"], "not_affected");
  EXPECT_EQ((*v1)["analysis"]["justification"], "code_not_reachable");
  EXPECT_EQ((*v1)["analysis"]["detail"], "padding is never called with user input");
  EXPECT_EQ((*v1)["affects"][0]["ref"], "urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#left-pad");
  EXPECT_EQ((*v1)["affects"][0]["versions"][0]["status"], "unaffected");
  EXPECT_NE(Find((*v1)["properties"], "name", "soupkeeper:fda_risk"), nullptr);
  EXPECT_EQ((*Find((*v1)["properties"], "name", "soupkeeper:fda_risk"))["value"], "controlled");
  const json* v2 = Find(bom["vulnerabilities"], "id", "CVE-2026-0002");
  ASSERT_NE(v2, nullptr);
  EXPECT_EQ((*v2)["analysis"]["state"], "in_triage");
  EXPECT_EQ((*v2)["affects"][0]["versions"][0]["status"], "affected");
}

TEST_P(VexTest, OpenVexAndCsafMapTheVocabulary) {
  json ov = Exported("openvex");
  EXPECT_EQ(ov["@context"], "https://openvex.dev/ns/v0.2.0");
  ASSERT_EQ(ov["statements"].size(), 2u);
  const json& s1 = ov["statements"][0]["vulnerability"]["name"] == "CVE-2026-0001"
                       ? ov["statements"][0]
                       : ov["statements"][1];
  const json& s2 = &s1 == &ov["statements"][0] ? ov["statements"][1] : ov["statements"][0];
  EXPECT_EQ(s1["status"], "not_affected");
  EXPECT_EQ(s1["justification"], "vulnerable_code_not_in_execute_path");
  EXPECT_EQ(s1["impact_statement"], "padding is never called with user input");
  EXPECT_EQ(s1["products"][0]["@id"], "pkg:npm/left-pad@1.1.0");
  EXPECT_EQ(s1["vulnerability"]["aliases"], json::array({"GHSA-aaaa-bbbb-cccc"}));
  EXPECT_EQ(s2["status"], "under_investigation");

  json csaf = Exported("csaf");
  EXPECT_EQ(csaf["document"]["category"], "csaf_vex");
  EXPECT_EQ(csaf["product_tree"]["full_product_names"][0]["product_identification_helper"]["purl"],
            "pkg:npm/left-pad@1.1.0");
  const json* c1 = Find(csaf["vulnerabilities"], "cve", "CVE-2026-0001");
  ASSERT_NE(c1, nullptr);
  EXPECT_EQ((*c1)["product_status"], json({{"known_not_affected", {"CSAFPID-1"}}}));
  EXPECT_EQ((*c1)["flags"][0]["label"], "vulnerable_code_not_in_execute_path");
  EXPECT_EQ((*c1)["threats"][0]["category"], "impact");
  EXPECT_EQ((*c1)["threats"][0]["details"], "padding is never called with user input");
  const json* c2 = Find(csaf["vulnerabilities"], "cve", "CVE-2026-0002");
  ASSERT_NE(c2, nullptr);
  EXPECT_EQ((*c2)["product_status"], json({{"under_investigation", {"CSAFPID-1"}}}));
}

TEST_P(VexTest, ExportsValidateAgainstTheCorpusSchemas) {
  SK_REQUIRE_CORPUS(root);
  testing::TempDir dir;
  auto write = [&](const std::string& format) {
    auto path = dir.path() / (format + ".json");
    std::ofstream(path) << Exported(format).dump(2);
    return path;
  };
  struct Case {
    const char* format;
    std::string schema;
    std::vector<std::filesystem::path> refs;
  } cases[] = {
      {"cyclonedx", "cyclonedx/spec/schema/bom-1.6.schema.json", {}},
      {"openvex", "openvex/spec/openvex_json_schema.json", {}},
      {"csaf",
       "csaf/oasis-csaf/csaf_2.0/json_schema/csaf_json_schema.json",
       {root / "csaf/oasis-csaf/csaf_2.0/referenced_schema/first"}},
  };
  for (const Case& c : cases) {
    testing::CliResult r = testing::ValidateJsonSchema(root / c.schema, {write(c.format)}, c.refs);
    EXPECT_EQ(r.exit_code, 0) << c.format << "\n" << r.out << r.err;
  }
}

TEST_P(VexTest, ImportsOpenVexBesideTheDecision) {
  auto r = Imported(R"({"@context": "https://openvex.dev/ns/v0.2.0", "@id": "urn:acme:vex:1",
    "author": "Acme", "timestamp": "2026-01-01T00:00:00Z", "version": 1, "statements": [
    {"vulnerability": {"name": "GHSA-dddd-eeee-ffff"}, "products": [{"@id": "pkg:npm/left-pad"}],
     "status": "not_affected", "justification": "vulnerable_code_not_present"},
    {"vulnerability": {"name": "CVE-2026-0001"}, "products": [{"@id": "pkg:npm/other@1.0"}],
     "status": "affected", "action_statement": "update"}]})");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->format, "openvex");
  EXPECT_EQ(r->supplier, "Acme");
  ASSERT_EQ(r->applied.size(), 1u);
  EXPECT_EQ(r->applied[0].finding_id, two_);
  ASSERT_EQ(r->unmatched.size(), 1u);
  EXPECT_EQ(r->unmatched[0].pointer, "/statements/1");
  auto s = Statements(two_);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].state, "not_affected");
  EXPECT_EQ(s[0].justification, "code_not_present");
  EXPECT_EQ(s[0].supplier, "Acme");
  EXPECT_EQ(s[0].document_id, "urn:acme:vex:1");
  EXPECT_EQ(s[0].pointer, "/statements/0");
  // The supplier's word is kept beside the finding, never as a decision.
  auto f2 = findings::Get(*store_, two_);
  ASSERT_TRUE(f2.ok());
  EXPECT_FALSE(triage::DecisionFor(*store_, *f2)->has_value());
  auto again = Imported(R"({"@context": "https://openvex.dev/ns/v0.2.0", "@id": "urn:acme:vex:1",
    "author": "Acme", "timestamp": "2026-01-01T00:00:00Z", "version": 1, "statements": [
    {"vulnerability": {"name": "GHSA-dddd-eeee-ffff"}, "products": [{"@id": "pkg:npm/left-pad"}],
     "status": "not_affected", "justification": "vulnerable_code_not_present"},
    {"vulnerability": {"name": "CVE-2026-0001"}, "products": [{"@id": "pkg:npm/other@1.0"}],
     "status": "affected", "action_statement": "update"}]})");
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  // Evidence: a raw connection can neither change nor delete a statement.
  auto raw = Raw();
  ASSERT_NE(raw, nullptr);
  EXPECT_FALSE(raw->ExecScript("UPDATE vex_statements SET state = 'exploitable'").ok());
  EXPECT_FALSE(raw->ExecScript("DELETE FROM vex_statements").ok());
  EXPECT_EQ(Statements(two_).size(), 1u);
}

TEST_P(VexTest, ImportsCycloneDxAndCsaf) {
  auto cdx = Imported(R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
    "serialNumber": "urn:uuid:11111111-2222-4333-8444-555555555555",
    "metadata": {"supplier": {"name": "Acme"}},
    "components": [{"type": "library", "bom-ref": "lp", "name": "left-pad", "version": "1.1.0",
    "purl": "pkg:npm/left-pad@1.1.0"}],
    "vulnerabilities": [{"id": "GHSA-aaaa-bbbb-cccc", "analysis": {"state": "exploitable",
    "detail": "reachable"}, "affects": [{"ref": "urn:cdx:11111111-2222-4333-8444-555555555555/1#lp"}]}]})",
                      "acme.cdx.json");
  ASSERT_TRUE(cdx.ok()) << cdx.status().message();
  ASSERT_EQ(cdx->applied.size(), 1u);
  EXPECT_EQ(cdx->applied[0].finding_id, one_);
  EXPECT_EQ(Statements(one_).at(0).state, "exploitable");
  EXPECT_EQ(Statements(one_).at(0).source_format, "cyclonedx");

  auto csaf = Imported(R"({"document": {"category": "csaf_vex", "csaf_version": "2.0",
    "publisher": {"category": "vendor", "name": "Acme", "namespace": "https://acme.example"},
    "title": "t", "tracking": {"id": "ACME-2026-1"}},
    "product_tree": {"branches": [{"category": "vendor", "name": "acme", "branches": [
      {"category": "product_version", "name": "1.1.0", "product": {"product_id": "P9",
       "name": "left-pad 1.1.0", "product_identification_helper": {"purl": "pkg:npm/left-pad@1.1.0"}}}]}]},
    "vulnerabilities": [{"cve": "CVE-2026-0002", "product_status": {"known_not_affected": ["P9"]},
      "flags": [{"label": "component_not_present", "product_ids": ["P9"]}],
      "threats": [{"category": "impact", "details": "not built in", "product_ids": ["P9"]}]}]})",
                       "acme.csaf.json");
  ASSERT_TRUE(csaf.ok()) << csaf.status().message();
  ASSERT_EQ(csaf->applied.size(), 1u);
  EXPECT_EQ(csaf->applied[0].finding_id, two_);
  auto s = Statements(two_);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].state, "not_affected");
  EXPECT_EQ(s[0].justification, "code_not_present");
  EXPECT_EQ(s[0].detail, "not built in");
  EXPECT_EQ(s[0].document_id, "ACME-2026-1");
  EXPECT_EQ(s[0].pointer, "/vulnerabilities/0/product_status/known_not_affected/0");
}

TEST_P(VexTest, BadInputStoresNothing) {
  auto bad = Imported(R"({"@context": "https://openvex.dev/ns/v0.2.0", "@id": "x",
    "author": "Acme", "statements": [
    {"vulnerability": {"name": "CVE-2026-0002"}, "products": [{"@id": "pkg:npm/left-pad"}],
     "status": "not_affected", "justification": "vulnerable_code_not_present"},
    {"vulnerability": {"name": "CVE-2026-0001"}, "products": [{"@id": "pkg:npm/left-pad"}],
     "status": "bogus"}]})",
                      "bad.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "bad.json: /statements/1/status: unknown status 'bogus' (allowed: not_affected, "
            "affected, fixed, under_investigation)");
  EXPECT_TRUE(Statements(two_).empty());
  bad = Imported(R"({"bomFormat": "CycloneDX", "vulnerabilities": [{"id": "CVE-2026-0001",
    "affects": []}]})",
                 "bad.cdx.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "bad.cdx.json: /vulnerabilities/0: missing \"analysis\"");
  bad = Imported("{\"statements\": [", "broken.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "broken.json: not valid JSON at byte 17");
  // A number beyond a double's range (found by fuzz/vex_import_fuzz).
  bad = Imported("{\"version\": 1E400}", "huge.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "huge.json: not valid JSON: a number is out of range");
}

TEST(VexParse, CorpusOpenVexDocuments) {
  SK_REQUIRE_CORPUS(root);
  auto path = root / "openvex/spec/extracted-examples/spec-example-01.json";
  auto doc = Parse(testing::ReadFileOrFail(path), path.string());
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->format, "openvex");
  EXPECT_EQ(doc->supplier, "Wolfi J Inkinson");
  ASSERT_EQ(doc->statements.size(), 1u);
  EXPECT_EQ(doc->statements[0].vulnerability, "CVE-2023-12345");
  EXPECT_EQ(doc->statements[0].state, "resolved");
  EXPECT_EQ(doc->statements[0].products.at(1).purl, "pkg:apk/wolfi/git@2.39.0-r1?arch=x86_64");
  // The same statement in OpenVEX 0.0.1 (vulnerability and products as strings).
  path = root / "openvex/go-vex/pkg/vex/testdata/v0.0.1.json";
  doc = Parse(testing::ReadFileOrFail(path), path.string());
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->statements.size(), 1u);
  EXPECT_EQ(doc->statements[0].vulnerability, "CVE-2023-12345");
  EXPECT_EQ(doc->statements[0].state, "resolved");
  EXPECT_EQ(doc->statements[0].products.at(0).purl, "pkg:apk/wolfi/git@2.39.0-r1?arch=armv7");
}

SK_INSTANTIATE_BACKENDS(VexTest);

}  // namespace
}  // namespace soupkeeper::vex
