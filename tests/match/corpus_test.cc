// Conformance against real advisories of the corpus: a PyPA (PYSEC) and a Go
// (GO-) record, matched against purls built at an affected and at the fixed
// version, with the answers the advisories state.
#include "support/corpus.h"

#include <gtest/gtest.h>

#include <iostream>

#include "soupkeeper/match.h"

namespace soupkeeper::match {
namespace {

Knowledge Load(const std::string& text, const std::string& name) {
  Knowledge kb;
  CollectingSink sink;
  const vuln::FeedImporter* osv = vuln::ImporterByName("osv");
  Status s = osv->Decode(
      text, name,
      [&](vuln::Vulnerability&& v) {
        v.provenance.source = "osv";
        v.provenance.source_id = v.id;
        std::string id = v.id;
        for (const std::string& a : v.aliases) {
          if (a.rfind("CVE-", 0) == 0) id = a;
        }
        kb.Add({std::move(v), id});
        return Status::Ok();
      },
      sink);
  EXPECT_TRUE(s.ok()) << s.message();
  return kb;
}

std::vector<Finding> MatchPurls(const Knowledge& kb, const std::vector<std::string>& purls) {
  sbom::Document doc;
  for (const std::string& p : purls) {
    sbom::Component c;
    c.ref = p;
    c.name = p;
    c.purl = p;
    doc.components.push_back(c);
  }
  CollectingSink sink;
  std::vector<ComponentView> views = PrepareComponents(doc, sink);
  return MatchComponents(views, kb).findings;
}

TEST(MatchCorpus, PysecUrllib3) {
  SK_REQUIRE_CORPUS(root);
  auto file = root / "osv/pypa-advisory-database/vulns/urllib3/PYSEC-2021-108.yaml";
  Knowledge kb = Load(testing::ReadFileOrFail(file), file.string());
  ASSERT_EQ(kb.records.size(), 1u);
  // "urllib3 before 1.26.5": 1.26.4 affected, 1.26.5 fixed (its GIT range is
  // not needed to answer).
  auto findings = MatchPurls(
      kb, {"pkg:pypi/urllib3@1.26.4", "pkg:pypi/urllib3@1.26.5", "pkg:pypi/URLLib3@1.25.11"});
  std::cout << "PYSEC-2021-108: " << findings.size() << " findings for 3 purls\n";
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].component_ref, "pkg:pypi/urllib3@1.26.4");
  EXPECT_EQ(findings[0].vulnerability, "CVE-2021-33503");
  EXPECT_EQ(findings[0].status, "affected");
  EXPECT_EQ(findings[1].component_ref, "pkg:pypi/URLLib3@1.25.11");  // PEP 503 name
}

TEST(MatchCorpus, GoYamlV2) {
  SK_REQUIRE_CORPUS(root);
  auto file = root / "osv/golang-vulndb/data/osv/GO-2022-0956.json";
  Knowledge kb = Load(testing::ReadFileOrFail(file), file.string());
  ASSERT_EQ(kb.records.size(), 1u);
  // gopkg.in/yaml.v2: introduced 0, fixed 2.2.4 (SEMVER).
  auto findings =
      MatchPurls(kb, {"pkg:golang/gopkg.in/yaml.v2@v2.2.3", "pkg:golang/gopkg.in/yaml.v2@v2.2.4"});
  std::cout << "GO-2022-0956: " << findings.size() << " findings for 2 purls\n";
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].component_ref, "pkg:golang/gopkg.in/yaml.v2@v2.2.3");
  EXPECT_EQ(findings[0].vulnerability, "CVE-2022-3064");
  EXPECT_EQ(findings[0].fixed_versions, std::vector<std::string>{"2.2.4"});
}

}  // namespace
}  // namespace soupkeeper::match
