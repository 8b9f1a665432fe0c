// Importer unit tests: hand-written records with answers worked out from the
// formats' specifications, and bad input with the exact place reported.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "soupkeeper/vuln.h"

namespace soupkeeper::vuln {
namespace {

struct Decoded {
  std::string importer;  // "" when none recognized the bytes
  Status status;
  std::vector<Vulnerability> records;
  std::vector<Diagnostic> diagnostics;
};

Decoded DecodeAll(std::string_view bytes, const std::string& name = "in.json") {
  Decoded d;
  const FeedImporter* importer = FindImporter(bytes);
  if (importer == nullptr) return d;
  d.importer = std::string(importer->Name());
  CollectingSink sink;
  d.status = importer->Decode(
      bytes, name,
      [&](Vulnerability&& v) {
        d.records.push_back(std::move(v));
        return Status::Ok();
      },
      sink);
  d.diagnostics = sink.Take();
  return d;
}

constexpr std::string_view kOsvJson = R"({
  "schema_version": "1.6.0",
  "id": "GHSA-aaaa-bbbb-cccc",
  "modified": "2024-02-03T04:05:06Z",
  "published": "2024-01-01T00:00:00Z",
  "aliases": ["CVE-2024-0001"],
  "summary": "Example",
  "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}],
  "affected": [{
    "package": {"ecosystem": "PyPI", "name": "example", "purl": "pkg:pypi/example"},
    "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.2.3"}]}],
    "versions": ["1.0", "1.1"]
  }],
  "references": [{"type": "WEB", "url": "https://example.com/a"}],
  "database_specific": {"cwe_ids": ["CWE-79"], "severity": "HIGH", "github_reviewed": true}
})";

TEST(OsvImporter, DecodesGhsaRecord) {
  Decoded d = DecodeAll(kOsvJson);
  ASSERT_EQ(d.importer, "osv");
  ASSERT_TRUE(d.status.ok()) << d.status.message();
  ASSERT_EQ(d.records.size(), 1u);
  const Vulnerability& v = d.records[0];
  EXPECT_EQ(v.id, "GHSA-aaaa-bbbb-cccc");
  EXPECT_EQ(v.aliases, std::vector<std::string>{"CVE-2024-0001"});
  EXPECT_EQ(v.modified, "2024-02-03T04:05:06Z");
  ASSERT_EQ(v.severities.size(), 1u);
  // AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N is 7.5 High (CVSS 3.1 section 7).
  EXPECT_EQ(v.severities[0].version, "3.1");
  EXPECT_DOUBLE_EQ(*v.severities[0].base_score, 7.5);
  EXPECT_EQ(v.severities[0].rating, "high");
  EXPECT_EQ(v.cwes, std::vector<std::string>{"CWE-79"});
  ASSERT_EQ(v.affected.size(), 1u);
  EXPECT_EQ(v.affected[0].purl, "pkg:pypi/example");
  ASSERT_EQ(v.affected[0].ranges.ranges.size(), 1u);
  EXPECT_EQ(v.affected[0].ranges.ranges[0].events[1].version, "1.2.3");
  // The kept ranges evaluate with the range library.
  EXPECT_EQ(range::EvaluateOsv(v.affected[0].ranges, "1.2.0").verdict, range::Verdict::kAffected);
  EXPECT_EQ(range::EvaluateOsv(v.affected[0].ranges, "1.2.3").verdict,
            range::Verdict::kNotAffected);
  EXPECT_EQ(ToJson(v)["database_specific"]["severity"], "HIGH");
  EXPECT_EQ(v.provenance.source, "osv");
  EXPECT_EQ(v.provenance.sha256.size(), 64u);
}

TEST(OsvImporter, HashIgnoresWhitespace) {
  std::string compact(kOsvJson);
  for (size_t pos; (pos = compact.find("\n  ")) != std::string::npos;) compact.replace(pos, 3, " ");
  Decoded a = DecodeAll(kOsvJson), b = DecodeAll(compact);
  ASSERT_EQ(a.records.size(), 1u);
  ASSERT_EQ(b.records.size(), 1u);
  EXPECT_EQ(a.records[0].provenance.sha256, b.records[0].provenance.sha256);
}

TEST(OsvImporter, DecodesYaml) {
  Decoded d = DecodeAll(
      "id: PYSEC-2020-1\nmodified: 2023-11-07T20:24:23.946863Z\naliases:\n- CVE-2020-1\n"
      "affected:\n- package:\n    ecosystem: PyPI\n    name: x\n  ranges:\n  - type: ECOSYSTEM\n"
      "    events:\n    - introduced: \"0\"\n    - fixed: 1.0\n",
      "x.yaml");
  ASSERT_EQ(d.importer, "osv");
  ASSERT_TRUE(d.status.ok()) << d.status.message();
  ASSERT_EQ(d.records.size(), 1u);
  EXPECT_EQ(d.records[0].modified, "2023-11-07T20:24:23.946863Z");
  EXPECT_EQ(d.records[0].affected[0].ranges.ranges[0].events[1].version, "1.0");
}

TEST(OsvImporter, YamlSyntaxErrorNamesLine) {
  Decoded d = DecodeAll("id: X\nmodified: 2024-01-01T00:00:00Z\naliases: [a\nb: c\n", "bad.yaml");
  ASSERT_EQ(d.importer, "osv");
  EXPECT_EQ(d.status.code(), StatusCode::kParseError);
  EXPECT_NE(d.status.message().find("bad.yaml: line "), std::string::npos) << d.status.message();
}

TEST(OsvImporter, BadRecordInDumpIsReportedAndSkipped) {
  Decoded d = DecodeAll(
      R"([{"id": "A-1", "modified": "2024-01-01T00:00:00Z"},
          {"id": "A-2", "modified": "2024-01-01T00:00:00Z",
           "affected": [{"ranges": [{"type": "SEMVER", "events": [{"introduced": "1", "fixed": "2"}]}]}]},
          {"id": "A-3", "modified": "yesterday"}])",
      "dump.json");
  ASSERT_TRUE(d.status.ok());
  ASSERT_EQ(d.records.size(), 1u);
  EXPECT_EQ(d.records[0].id, "A-1");
  ASSERT_EQ(d.diagnostics.size(), 2u);
  EXPECT_EQ(d.diagnostics[0].ToString(),
            "dump.json: /1/affected/0/ranges/0/events/0: A-2: an event must have exactly one of "
            "introduced, fixed, last_affected, limit (found 2); record skipped");
  EXPECT_EQ(d.diagnostics[1].ToString(),
            "dump.json: /2/modified: A-3: not a date-time: \"yesterday\"; record skipped");
}

constexpr std::string_view kNvdPage = R"({
  "resultsPerPage": 2, "startIndex": 0, "totalResults": 2, "format": "NVD_CVE", "version": "2.0",
  "vulnerabilities": [
    {"cve": {
      "id": "CVE-2023-0001", "sourceIdentifier": "psirt@example.com",
      "published": "2023-01-02T03:04:05.678", "lastModified": "2023-02-03T04:05:06.000",
      "vulnStatus": "Analyzed",
      "descriptions": [{"lang": "es", "value": "hola"}, {"lang": "en", "value": "An example."}],
      "metrics": {
        "cvssMetricV31": [{"source": "nvd@nist.gov", "type": "Primary",
          "cvssData": {"version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:H/A:N", "baseScore": 6.5}}],
        "cvssMetricV2": [{"source": "nvd@nist.gov", "type": "Primary",
          "cvssData": {"version": "2.0", "vectorString": "AV:N/AC:L/Au:N/C:P/I:P/A:P", "baseScore": 7.5}}]
      },
      "weaknesses": [{"source": "nvd@nist.gov", "type": "Primary",
                      "description": [{"lang": "en", "value": "CWE-352"}, {"lang": "en", "value": "NVD-CWE-Other"}]}],
      "configurations": [{"operator": "AND", "nodes": [
        {"operator": "OR", "negate": false, "cpeMatch": [
          {"vulnerable": true, "criteria": "cpe:2.3:a:acme:widget:*:*:*:*:*:*:*:*",
           "versionStartIncluding": "1.0", "versionEndExcluding": "2.4.5", "matchCriteriaId": "X"}]},
        {"operator": "OR", "negate": false, "cpeMatch": [
          {"vulnerable": false, "criteria": "cpe:2.3:o:linux:linux_kernel:-:*:*:*:*:*:*:*", "matchCriteriaId": "Y"}]}]}],
      "references": [{"url": "https://example.com", "source": "x", "tags": ["Patch"]}]
    }},
    {"cve": {"id": "CVE-2023-0002", "sourceIdentifier": "x", "published": "2023-01-01T00:00:00.000",
             "lastModified": "2023-03-01T00:00:00.000", "vulnStatus": "Rejected",
             "descriptions": [{"lang": "en", "value": "** REJECT **"}]}}
  ]})";

TEST(NvdImporter, DecodesPage) {
  Decoded d = DecodeAll(kNvdPage, "page.json");
  ASSERT_EQ(d.importer, "nvd");
  ASSERT_TRUE(d.status.ok()) << d.status.message();
  ASSERT_EQ(d.records.size(), 2u) << (d.diagnostics.empty() ? "" : d.diagnostics[0].ToString());
  const Vulnerability& v = d.records[0];
  EXPECT_EQ(v.id, "CVE-2023-0001");
  EXPECT_EQ(v.published, "2023-01-02T03:04:05.678000Z");  // FormatTime's form
  EXPECT_EQ(v.details, "An example.");
  EXPECT_EQ(v.cwes, std::vector<std::string>{"CWE-352"});
  ASSERT_EQ(v.severities.size(), 2u);
  // AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:H/A:N: 8.22*0.85*0.77*0.85*0.62 = 2.8351,
  // ISS = 0.56, impact 6.42*0.56 = 3.5952, roundup(6.4303) = 6.5.
  EXPECT_DOUBLE_EQ(*v.severities[0].base_score, 6.5);
  EXPECT_EQ(v.severities[0].kind, "Primary");
  EXPECT_EQ(v.severities[0].source, "nvd@nist.gov");
  EXPECT_EQ(v.severities[1].version, "2.0");
  EXPECT_DOUBLE_EQ(*v.severities[1].base_score, 7.5);
  ASSERT_EQ(v.configurations.size(), 1u);
  const Configuration& c = v.configurations[0];
  EXPECT_EQ(c.op, "AND");
  ASSERT_EQ(c.nodes.size(), 2u);
  EXPECT_EQ(c.nodes[0].matches[0].bounds.start_including, "1.0");
  EXPECT_EQ(c.nodes[0].matches[0].bounds.end_excluding, "2.4.5");
  EXPECT_EQ(c.nodes[0].matches[0].bounds.criteria_version, "*");
  EXPECT_EQ(Platforms(c), std::vector<std::string>{"cpe:2.3:o:linux:linux_kernel:-:*:*:*:*:*:*:*"});
  EXPECT_EQ(range::EvaluateCpeMatch(c.nodes[0].matches[0].bounds, "2.4.4").verdict,
            range::Verdict::kAffected);
  EXPECT_EQ(d.records[0].provenance.location, "page.json#/vulnerabilities/0");
  EXPECT_EQ(d.records[1].withdrawn, "2023-03-01T00:00:00Z");
  EXPECT_EQ(d.records[1].status, "Rejected");
}

TEST(NvdImporter, BadOperatorNamesPointer) {
  std::string page(kNvdPage);
  page.replace(page.find("\"operator\": \"OR\""), 16, "\"operator\": \"XOR\"");
  Decoded d = DecodeAll(page, "page.json");
  ASSERT_EQ(d.records.size(), 1u);
  ASSERT_EQ(d.diagnostics.size(), 1u);
  EXPECT_EQ(d.diagnostics[0].ToString(),
            "page.json: /vulnerabilities/0/cve/configurations/0/nodes/0: CVE-2023-0001: operator "
            "must be AND or OR, not \"XOR\"; record skipped");
}

TEST(NvdImporter, NotJsonIsOneError) {
  const FeedImporter* nvd = ImporterByName("nvd");
  ASSERT_NE(nvd, nullptr);
  NullSink sink;
  Status s = nvd->Decode(
      "{\"vulnStatus\": ", "x.json", [](Vulnerability&&) { return Status::Ok(); }, sink);
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_EQ(s.message().rfind("x.json: not valid JSON: ", 0), 0u) << s.message();
}

TEST(KevImporter, DecodesCatalog) {
  Decoded d = DecodeAll(R"({"title": "CISA Catalog", "catalogVersion": "2025.08.25",
    "dateReleased": "2025-08-25T17:04:19.9796Z", "count": 2, "vulnerabilities": [
    {"cveID": "CVE-2025-48384", "vendorProject": "Git", "product": "Git",
     "vulnerabilityName": "Git Link Following Vulnerability", "dateAdded": "2025-08-25",
     "shortDescription": "d", "requiredAction": "Apply mitigations", "dueDate": "2025-09-15",
     "knownRansomwareCampaignUse": "Unknown", "notes": "", "cwes": ["CWE-59", "CWE-436"]},
    {"cveID": "CVE-2025-1", "dateAdded": "2025-13-01", "dueDate": "2025-09-15", "requiredAction": "x"}]})",
                        "kev.json");
  ASSERT_EQ(d.importer, "kev");
  ASSERT_EQ(d.records.size(), 1u);
  const Vulnerability& v = d.records[0];
  EXPECT_EQ(v.id, "CVE-2025-48384");
  ASSERT_TRUE(v.kev.has_value());
  EXPECT_EQ(v.kev->date_added, "2025-08-25");
  EXPECT_EQ(v.kev->due_date, "2025-09-15");
  EXPECT_EQ(v.kev->known_ransomware_campaign_use, "Unknown");
  EXPECT_EQ(v.kev->catalog_version, "2025.08.25");
  EXPECT_EQ(v.cwes, (std::vector<std::string>{"CWE-59", "CWE-436"}));
  ASSERT_EQ(d.diagnostics.size(), 1u);
  EXPECT_EQ(d.diagnostics[0].ToString(),
            "kev.json: /vulnerabilities/1/dateAdded: CVE-2025-1: not a date (YYYY-MM-DD): "
            "\"2025-13-01\"; record skipped");
}

TEST(KevImporter, CountMismatchIsAnError) {
  Decoded d = DecodeAll(R"({"catalogVersion": "1", "count": 5, "vulnerabilities": []})", "k.json");
  EXPECT_EQ(d.status.message(), "k.json: /: count is 5 but 0 vulnerabilities are listed");
}

constexpr std::string_view kCsaf = R"({
  "document": {"category": "csaf_vex", "csaf_version": "2.0", "title": "t",
    "publisher": {"category": "vendor", "name": "Example Medical", "namespace": "https://example.com"},
    "tracking": {"id": "EXM-2024-001", "status": "final", "version": "1",
      "initial_release_date": "2024-01-01T00:00:00Z", "current_release_date": "2024-02-01T00:00:00Z",
      "revision_history": [{"date": "2024-01-01T00:00:00Z", "number": "1", "summary": "x"}]}},
  "product_tree": {"branches": [{"category": "vendor", "name": "Example", "branches": [
    {"category": "product_name", "name": "Pump", "branches": [
      {"category": "product_version", "name": "1.0", "product": {"name": "Pump 1.0", "product_id": "P1",
        "product_identification_helper": {"purl": "pkg:generic/example/pump@1.0",
                                          "cpe": "cpe:2.3:h:example:pump:1.0:*:*:*:*:*:*:*"}}},
      {"category": "product_version", "name": "2.0", "product": {"name": "Pump 2.0", "product_id": "P2"}}]}]}]},
  "vulnerabilities": [{"cve": "CVE-2024-1111", "cwe": {"id": "CWE-787", "name": "x"},
    "notes": [{"category": "description", "text": "Overflow."}],
    "product_status": {"known_affected": ["P1"], "fixed": ["P2"]},
    "scores": [{"cvss_v3": {"version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "baseScore": 9.8, "baseSeverity": "CRITICAL"}, "products": ["P1"]}],
    "remediations": [{"category": "vendor_fix", "details": "Update to 2.0", "product_ids": ["P1"]}],
    "flags": [{"label": "vulnerable_code_not_in_execute_path", "product_ids": ["P2"]}]}]
})";

TEST(CsafImporter, DecodesVexAdvisory) {
  Decoded d = DecodeAll(kCsaf, "exm.json");
  ASSERT_EQ(d.importer, "csaf");
  ASSERT_TRUE(d.status.ok()) << d.status.message();
  ASSERT_EQ(d.records.size(), 1u) << (d.diagnostics.empty() ? "" : d.diagnostics[0].ToString());
  const Vulnerability& v = d.records[0];
  EXPECT_EQ(v.id, "CVE-2024-1111");
  EXPECT_EQ(v.aliases, std::vector<std::string>{"EXM-2024-001"});
  EXPECT_EQ(v.provenance.source_id, "EXM-2024-001/CVE-2024-1111");
  EXPECT_EQ(v.modified, "2024-02-01T00:00:00Z");
  ASSERT_EQ(v.products.size(), 2u);
  EXPECT_EQ(v.products[0].status, "fixed");
  EXPECT_EQ(v.products[0].product_id, "P2");
  EXPECT_EQ(v.products[1].status, "known_affected");
  EXPECT_EQ(v.products[1].purl, "pkg:generic/example/pump@1.0");
  EXPECT_EQ(v.products[1].cpe, "cpe:2.3:h:example:pump:1.0:*:*:*:*:*:*:*");
  ASSERT_EQ(v.severities.size(), 1u);
  EXPECT_DOUBLE_EQ(*v.severities[0].base_score, 9.8);
  EXPECT_EQ(v.severities[0].source, "Example Medical");
  ASSERT_EQ(v.remediations.size(), 1u);
  EXPECT_EQ(v.remediations[0].category, "vendor_fix");
  ASSERT_EQ(v.flags.size(), 1u);
  EXPECT_EQ(v.flags[0].label, "vulnerable_code_not_in_execute_path");
  EXPECT_EQ(v.cwes, std::vector<std::string>{"CWE-787"});
}

TEST(CsafImporter, UnknownProductIdNamesPointer) {
  std::string doc(kCsaf);
  doc.replace(doc.find("\"fixed\": [\"P2\"]"), 15, "\"fixed\": [\"P9\"]");
  Decoded d = DecodeAll(doc, "exm.json");
  ASSERT_EQ(d.records.size(), 0u);
  ASSERT_EQ(d.diagnostics.size(), 1u);
  EXPECT_EQ(d.diagnostics[0].ToString(),
            "exm.json: /vulnerabilities/0/product_status/fixed/0: EXM-2024-001/CVE-2024-1111: "
            "product id \"P9\" is not in the product tree; record skipped");
}

TEST(EpssImporter, DecodesCsv) {
  Decoded d = DecodeAll(
      "#model_version:v2023.03.01,score_date:2023-03-22T00:00:00+0000\n"
      "cve,epss,percentile\nCVE-1999-0001,0.01141,0.82924\nCVE-1999-0002,1.5,0.1\n",
      "epss.csv");
  ASSERT_EQ(d.importer, "epss");
  ASSERT_EQ(d.records.size(), 1u);
  EXPECT_EQ(d.records[0].id, "CVE-1999-0001");
  EXPECT_DOUBLE_EQ(d.records[0].epss->score, 0.01141);
  EXPECT_DOUBLE_EQ(d.records[0].epss->percentile, 0.82924);
  EXPECT_EQ(d.records[0].epss->date, "2023-03-22");
  EXPECT_EQ(d.records[0].epss->model_version, "v2023.03.01");
  ASSERT_EQ(d.diagnostics.size(), 1u);
  EXPECT_EQ(d.diagnostics[0].ToString(),
            "epss.csv: line 4: CVE-1999-0002: epss and percentile must be numbers from 0 to 1; "
            "line skipped");
}

TEST(Cve5Importer, DecodesRecord) {
  Decoded d = DecodeAll(R"({"dataType": "CVE_RECORD", "dataVersion": "5.1",
    "cveMetadata": {"cveId": "CVE-2024-3094", "state": "PUBLISHED", "assignerShortName": "redhat",
                    "datePublished": "2024-03-29T16:51:12.588Z", "dateUpdated": "2024-08-01T00:00:00Z"},
    "containers": {
      "cna": {"providerMetadata": {"orgId": "x", "shortName": "redhat"}, "title": "xz backdoor",
        "descriptions": [{"lang": "en", "value": "Malicious code."}],
        "affected": [{"vendor": "tukaani", "product": "xz", "defaultStatus": "unaffected",
                      "versions": [{"version": "5.6.0", "status": "affected", "lessThan": "5.6.2", "versionType": "semver"}]}],
        "metrics": [{"cvssV3_1": {"version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "baseScore": 10.0}}],
        "problemTypes": [{"descriptions": [{"lang": "en", "cweId": "CWE-506", "description": "x", "type": "CWE"}]}],
        "references": [{"url": "https://example.com"}]},
      "adp": [{"providerMetadata": {"orgId": "y", "shortName": "CISA-ADP"},
               "metrics": [{"other": {"type": "ssvc", "content": {}}}]}]}})",
                        "cve.json");
  ASSERT_EQ(d.importer, "cve5");
  ASSERT_EQ(d.records.size(), 1u) << (d.diagnostics.empty() ? "" : d.diagnostics[0].ToString());
  const Vulnerability& v = d.records[0];
  EXPECT_EQ(v.id, "CVE-2024-3094");
  EXPECT_EQ(v.summary, "xz backdoor");
  ASSERT_EQ(v.severities.size(), 1u);
  EXPECT_DOUBLE_EQ(*v.severities[0].base_score, 10.0);
  EXPECT_EQ(v.severities[0].kind, "cna");
  EXPECT_EQ(v.severities[0].source, "redhat");
  EXPECT_EQ(v.cwes, std::vector<std::string>{"CWE-506"});
  ASSERT_EQ(v.affected.size(), 1u);
  EXPECT_EQ(v.affected[0].name, "tukaani/xz");
  ASSERT_EQ(v.affected[0].ranges.ranges.size(), 1u);
  EXPECT_EQ(v.affected[0].ranges.ranges[0].type, "SEMVER");
  EXPECT_EQ(range::EvaluateOsv(v.affected[0].ranges, "5.6.1").verdict, range::Verdict::kAffected);
  EXPECT_EQ(range::EvaluateOsv(v.affected[0].ranges, "5.6.2").verdict,
            range::Verdict::kNotAffected);
}

TEST(Identify, FormatComesFromContentNotName) {
  EXPECT_EQ(DecodeAll(kNvdPage, "osv.yaml").importer, "nvd");
  EXPECT_EQ(DecodeAll(kOsvJson, "nvd.json").importer, "osv");
  EXPECT_EQ(DecodeAll("# just a readme\n", "GHSA.json").importer, "");
}

}  // namespace
}  // namespace soupkeeper::vuln
