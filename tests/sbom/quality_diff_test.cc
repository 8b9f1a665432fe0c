// sbom quality and sbom diff (release::DiffComponents on two documents) on
// small documents worked out by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "soupkeeper/release.h"
#include "soupkeeper/sbom.h"
#include "soupkeeper/sbom_quality.h"
#include "support/corpus.h"

namespace soupkeeper::sbom {
namespace {

Document Parse(const std::string& json) {
  NullSink sink;
  Result<Document> doc = Decode(json, "test.json", sink);
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return doc.ok() ? *doc : Document{};
}

// Three components:
//  a: everything (supplier, purl, in the graph, FDA properties, hash, license);
//  b: no supplier, no identifier, level of support only, end of support
//     justified, no hash, no license; in the graph only as a dependsOn target;
//  c: nested in a (relationship by nesting), no version, CPE only.
const char kQualityDoc[] = R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
 "metadata":{"tools":[{"name":"hand"}]},
 "components":[
  {"type":"library","bom-ref":"a","name":"a","version":"1","supplier":{"name":"A Inc"},
   "purl":"pkg:npm/a@1","hashes":[{"alg":"SHA-1","content":"a94a8fe5ccb19ba61c4c0873d391e987982fbbd3"}],
   "licenses":[{"license":{"id":"MIT"}}],
   "properties":[{"name":"cdx:fda:level-of-support","value":"actively maintained"},
                 {"name":"cdx:fda:end-of-support-date","value":"2030-01-01"}],
   "components":[{"type":"library","name":"c","supplier":{"name":"C"},
                  "cpe":"cpe:2.3:a:c:c:*:*:*:*:*:*:*:*"}]},
  {"type":"library","bom-ref":"b","name":"b","version":"2",
   "properties":[{"name":"cdx:fda:level-of-support","value":"abandoned"},
                 {"name":"cdx:fda:justification","value":"cdx:fda:end-of-support-date: abandoned upstream, no date"}]}],
 "dependencies":[{"ref":"a","dependsOn":["b"]}]})";

TEST(Quality, PerComponentAndDocument) {
  QualityReport q = AssessQuality(Parse(kQualityDoc));
  ASSERT_EQ(q.document.size(), 4u);
  EXPECT_TRUE(q.document[0].present);  // author: the tool
  EXPECT_EQ(q.document[0].detail, "metadata.tools");
  EXPECT_FALSE(q.document[1].present);  // no timestamp
  EXPECT_FALSE(q.document[2].present);  // no compositions
  EXPECT_FALSE(q.document[3].present);  // no metadata.component
  ASSERT_EQ(q.components.size(), 3u);
  auto ids = [](const std::vector<const QualityElement*>& v) {
    std::vector<std::string> out;
    for (const QualityElement* e : v) out.emplace_back(e->id);
    return out;
  };
  EXPECT_EQ(ids(q.components[0].missing), std::vector<std::string>{});
  // Document order: a, its child c, then b.
  EXPECT_EQ(q.components[1].name, "c");
  EXPECT_EQ(ids(q.components[1].missing),
            (std::vector<std::string>{"version", "level-of-support", "end-of-support", "hash",
                                      "license"}));
  EXPECT_EQ(q.components[2].name, "b");
  EXPECT_EQ(ids(q.components[2].missing),
            (std::vector<std::string>{"supplier", "identifier", "hash", "license"}));
  EXPECT_EQ(ids(q.components[2].justified), std::vector<std::string>{"end-of-support"});
  // Required slots: 3 x 7 + 2 = 23; missing: c 3, b 2, document timestamp 1.
  EXPECT_EQ(q.complete_components, 1u);
  EXPECT_DOUBLE_EQ(q.coverage_percent, 100.0 * 17 / 23);
  EXPECT_EQ(q.summary[0].present, 2u);  // supplier: a, c
  EXPECT_EQ(q.summary[0].total, 3u);
}

TEST(Quality, CliFailUnder) {
  testing::TempDir dir;
  std::string file = (dir.path() / "q.json").string();
  std::ofstream(file) << kQualityDoc;
  // 17/23 = 73.91%.
  testing::CliResult r = testing::RunCli({"sbom", "quality", file, "--fail-under", "73.9"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = testing::RunCli({"sbom", "quality", file, "--fail-under", "74.0"});
  EXPECT_EQ(r.exit_code, 1);
  // The message names the profile since profiles exist (fda is the default).
  EXPECT_EQ(r.err, "soupkeeper: " + file + ": profile fda coverage 73.9% is below 74.0%\n");
  r = testing::RunCli({"--format", "json", "sbom", "quality", file});
  EXPECT_EQ(r.exit_code, 0);
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["components"][2]["missing"], nlohmann::json({"supplier", "identifier"}));
  EXPECT_EQ(j["components"][2]["missingRecommended"], nlohmann::json({"hash", "license"}));
  EXPECT_EQ(j["summary"]["completeComponents"], 1);
}

std::vector<std::string> Ids(const std::vector<const QualityElement*>& v) {
  std::vector<std::string> out;
  for (const QualityElement* e : v) out.emplace_back(e->id);
  return out;
}

QualityReport Assess(const char* json, std::string_view profile) {
  const QualityProfile* p = FindQualityProfile(profile);
  EXPECT_NE(p, nullptr) << profile;
  return p ? AssessQuality(Parse(json), *p) : QualityReport{};
}

TEST(QualityProfiles, Tables) {
  std::vector<std::string> ids;
  for (const QualityProfile& p : QualityProfiles()) ids.emplace_back(p.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"ntia", "fda", "cisa", "bsi"}));
  EXPECT_EQ(DefaultQualityProfile().id, "fda");
  EXPECT_EQ(FindQualityProfile("spdx"), nullptr);
  // Element ids are unique within each profile's document and component lists.
  for (const QualityProfile& p : QualityProfiles()) {
    for (const auto* list : {&p.document, &p.component}) {
      std::set<std::string_view> seen;
      for (const QualityElement& e : *list) EXPECT_TRUE(seen.insert(e.id).second) << p.id << e.id;
    }
  }
}

// kQualityDoc per profile, counted by hand (components a, c, b; the document
// has a tool and nothing else).
TEST(QualityProfiles, NtiaScore) {
  QualityReport q = Assess(kQualityDoc, "ntia");
  EXPECT_EQ(q.profile->id, "ntia");
  // 3 x 5 + 2 = 17 slots; missing: c version, b supplier and identifier, timestamp.
  EXPECT_DOUBLE_EQ(q.coverage_percent, 100.0 * 13 / 17);
  EXPECT_EQ(q.complete_components, 1u);
  EXPECT_EQ(Ids(q.components[1].missing), std::vector<std::string>{"version"});
  EXPECT_EQ(Ids(q.components[2].missing), (std::vector<std::string>{"supplier", "identifier"}));
  EXPECT_TRUE(q.components[2].justified.empty());  // ntia has no support elements
}

TEST(QualityProfiles, FdaScoreIsTheDefault) {
  QualityReport q = Assess(kQualityDoc, "fda");
  EXPECT_DOUBLE_EQ(q.coverage_percent, 100.0 * 17 / 23);
  EXPECT_DOUBLE_EQ(AssessQuality(Parse(kQualityDoc)).coverage_percent, 100.0 * 17 / 23);
}

TEST(QualityProfiles, CisaScore) {
  QualityReport q = Assess(kQualityDoc, "cisa");
  // Components 3 x 7: a none missing; c version, hash, license; b supplier,
  // identifier, hash, license. Document 4: author (tool) and tool name present,
  // timestamp and generation context missing. 16 of 25.
  EXPECT_DOUBLE_EQ(q.coverage_percent, 64.0);
  EXPECT_EQ(q.complete_components, 1u);
  EXPECT_EQ(Ids(q.components[1].missing), (std::vector<std::string>{"version", "hash", "license"}));
  ASSERT_EQ(q.document.size(), 6u);
  EXPECT_EQ(q.document[2].element->id, "tool-name");
  EXPECT_TRUE(q.document[2].present);
  EXPECT_EQ(q.document[2].detail, "hand");
  EXPECT_FALSE(q.document[3].present);  // generation context
}

TEST(QualityProfiles, BsiScore) {
  QualityReport q = Assess(kQualityDoc, "bsi");
  // Components 3 x 10 required: a has name, version, dependency (3); c name,
  // nesting (2); b name, version, dependency (3). Document 4 required, none
  // (the tool is no creator with email or URL). 8 of 34.
  EXPECT_DOUBLE_EQ(q.coverage_percent, 100.0 * 8 / 34);
  EXPECT_EQ(q.complete_components, 0u);
  EXPECT_EQ(Ids(q.components[0].missing),
            (std::vector<std::string>{"creator", "filename", "distribution-license", "hash-sha512",
                                      "executable", "archive", "structured", "source-uri",
                                      "deployable-uri", "original-license"}));
}

// Everything BSI requires: creator with email, serialNumber, timestamp,
// compositions; the component's supplier has a URL, the BSI properties, a
// concluded licence and a SHA-512 on its distribution reference.
const char kBsiDoc[] = R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
 "serialNumber":"urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
 "metadata":{"timestamp":"2025-09-01T10:00:00Z",
  "authors":[{"name":"Jane","email":"jane@example.com"}]},
 "components":[
  {"type":"library","bom-ref":"z","name":"zlib","version":"1.3.1",
   "supplier":{"name":"zlib","url":["https://zlib.net"]},
   "licenses":[{"license":{"id":"Zlib","acknowledgement":"concluded"}}],
   "externalReferences":[{"type":"distribution","url":"https://zlib.net/zlib-1.3.1.tar.gz",
     "hashes":[{"alg":"SHA-512","content":"%s"}]},
     {"type":"vcs","url":"https://github.com/madler/zlib"}],
   "properties":[{"name":"bsi:component:filename","value":"zlib-1.3.1.tar.gz"},
                 {"name":"bsi:component:executable","value":"nonExecutable"},
                 {"name":"bsi:component:archive","value":"archive"},
                 {"name":"bsi:component:structured","value":"unstructured"}]}],
 "dependencies":[{"ref":"z","dependsOn":[]}],
 "compositions":[{"aggregate":"complete","assemblies":["z"]}]})";

std::string BsiDoc() {
  std::string doc = kBsiDoc;
  doc.replace(doc.find("%s"), 2, std::string(128, 'a'));
  return doc;
}

TEST(QualityProfiles, BsiComplete) {
  std::string doc = BsiDoc();
  QualityReport q = Assess(doc.c_str(), "bsi");
  EXPECT_DOUBLE_EQ(q.coverage_percent, 100.0);
  EXPECT_EQ(q.complete_components, 1u);
  EXPECT_EQ(q.document[0].detail, "metadata.authors");
  // Recommended: no purl/CPE, no declared licence.
  EXPECT_EQ(Ids(q.components[0].missing),
            (std::vector<std::string>{"identifier", "original-license"}));
  // CISA: no identifier, no component hash (the SHA-512 is on the distribution
  // reference), no tool, no lifecycles: 5 of 7 + 2 of 4 = 7 of 11.
  QualityReport c = Assess(doc.c_str(), "cisa");
  EXPECT_DOUBLE_EQ(c.coverage_percent, 100.0 * 7 / 11);
  EXPECT_EQ(Ids(c.components[0].missing), (std::vector<std::string>{"identifier", "hash"}));
}

// The SHA-512 element takes every format's spelling of the algorithm, and
// no other algorithm.
TEST(QualityProfiles, BsiSha512InEverySpelling) {
  const QualityProfile* bsi = FindQualityProfile("bsi");
  ASSERT_NE(bsi, nullptr);
  for (const char* alg : {"SHA-512", "SHA512", "sha512", "SHA-384", "SHA3-512", "sha3_512"}) {
    Document doc = Parse(BsiDoc());
    ASSERT_EQ(doc.components.size(), 1u);
    Component& c = doc.components[0];
    std::vector<ExternalReference> refs = c.external_references.vector();
    std::vector<Hash> hashes = refs[0].hashes.vector();
    hashes[0].alg = doc.Keep(alg);
    refs[0].hashes = doc.KeepList(hashes);
    c.external_references = doc.KeepList(refs);
    const std::vector<std::string> missing = Ids(AssessQuality(doc, *bsi).components[0].missing);
    const bool sha512 = std::string_view(alg).find("512") != std::string_view::npos &&
                        std::string_view(alg).find('3') == std::string_view::npos;
    EXPECT_EQ(std::count(missing.begin(), missing.end(), "hash-sha512"), sha512 ? 0 : 1) << alg;
  }
}

TEST(QualityProfiles, Cli) {
  testing::TempDir dir;
  std::string file = (dir.path() / "q.json").string();
  std::ofstream(file) << kQualityDoc;
  struct Case {
    const char* profile;
    const char* pass;  // highest threshold that passes
    const char* fail;
    const char* coverage;
  };
  // ntia 13/17 = 76.47%, fda 73.91%, cisa 64%, bsi 8/34 = 23.53%.
  for (const Case& c :
       {Case{"ntia", "76.4", "76.5", "76.5%"}, Case{"fda", "73.9", "74", "73.9%"},
        Case{"cisa", "64", "64.1", "64.0%"}, Case{"bsi", "23.5", "23.6", "23.5%"}}) {
    testing::CliResult r =
        testing::RunCli({"sbom", "quality", file, "--profile", c.profile, "--fail-under", c.pass});
    EXPECT_EQ(r.exit_code, 0) << c.profile << r.err;
    EXPECT_NE(r.out.find(std::string("profile ") + c.profile + ": "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(std::string("coverage ") + c.coverage + " of required"), std::string::npos)
        << r.out;
    r = testing::RunCli({"sbom", "quality", file, "--profile", c.profile, "--fail-under", c.fail});
    EXPECT_EQ(r.exit_code, 1) << c.profile;
    EXPECT_NE(r.err.find(std::string("profile ") + c.profile + " coverage " + c.coverage),
              std::string::npos)
        << r.err;
    r = testing::RunCli({"--format", "json", "sbom", "quality", file, "--profile", c.profile});
    ASSERT_EQ(r.exit_code, 0);
    nlohmann::json j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["profile"], c.profile);
  }
  // Default: fda, named in the report.
  testing::CliResult r = testing::RunCli({"sbom", "quality", file});
  EXPECT_NE(r.out.find("\nprofile fda: "), std::string::npos) << r.out;

  r = testing::RunCli({"sbom", "quality", file, "--profile", "iso"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--profile"), std::string::npos) << r.err;
}

TEST(QualityProfiles, CliAll) {
  testing::TempDir dir;
  std::string file = (dir.path() / "q.json").string();
  std::ofstream(file) << kQualityDoc;
  testing::CliResult r =
      testing::RunCli({"--format", "json", "sbom", "quality", file, "--profile", "all"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["profiles"].size(), 4u);
  EXPECT_EQ(j["profiles"][0]["profile"], "ntia");
  EXPECT_DOUBLE_EQ(j["profiles"][0]["coveragePercent"].get<double>(), 100.0 * 13 / 17);
  EXPECT_DOUBLE_EQ(j["profiles"][2]["coveragePercent"].get<double>(), 64.0);
  EXPECT_EQ(j["profiles"][3]["completeComponents"], 0);
  r = testing::RunCli({"sbom", "quality", file, "--profile", "all"});
  EXPECT_NE(r.out.find("  cisa  coverage 64.0%; 1 of 3 components complete"), std::string::npos)
      << r.out;
  // --fail-under 70: cisa and bsi are below, each named.
  r = testing::RunCli({"sbom", "quality", file, "--profile", "all", "--fail-under", "70"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "soupkeeper: " + file + ": profile cisa coverage 64.0% is below 70.0%\n" +
                       "soupkeeper: " + file + ": profile bsi coverage 23.5% is below 70.0%\n");
}

const char kOld[] = R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[
  {"type":"library","name":"lodash","version":"4.17.20","purl":"pkg:npm/lodash@4.17.20",
   "licenses":[{"license":{"id":"MIT"}}]},
  {"type":"library","name":"requests","version":"2.31.0","purl":"pkg:pypi/requests@2.31.0"},
  {"type":"library","name":"zlib","version":"1.3","purl":"pkg:generic/zlib@1.3",
   "supplier":{"name":"zlib"}},
  {"type":"library","group":"acme","name":"tool","version":"b"},
  {"type":"library","name":"gone","version":"1"},
  {"type":"library","name":"same","version":"1","hashes":[{"alg":"SHA-1","content":"A94A8FE5CCB19BA61C4C0873D391E987982FBBD3"}]}]})";

const char kNew[] = R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[
  {"type":"library","name":"same","version":"1","hashes":[{"alg":"SHA-1","content":"a94a8fe5ccb19ba61c4c0873d391e987982fbbd3"}]},
  {"type":"library","name":"lodash","version":"4.17.21","purl":"pkg:npm/lodash@4.17.21",
   "licenses":[{"license":{"id":"MIT"}}]},
  {"type":"library","name":"requests","version":"2.9.0","purl":"pkg:pypi/requests@2.9.0"},
  {"type":"library","name":"zlib","version":"1.3.1","purl":"pkg:generic/zlib@1.3.1",
   "supplier":{"name":"Jean-loup Gailly, Mark Adler"}},
  {"type":"library","group":"acme","name":"tool","version":"a",
   "licenses":[{"expression":"Apache-2.0 OR MIT"}]},
  {"type":"library","name":"new","version":"1"}]})";

release::ComponentDiff DiffOf(const char* a, const char* b) {
  return release::DiffComponents(release::ComponentsOf(Parse(a)), release::ComponentsOf(Parse(b)));
}

TEST(Diff, AddedRemovedChanged) {
  release::ComponentDiff d = DiffOf(kOld, kNew);
  ASSERT_EQ(d.added.size(), 1u);
  EXPECT_EQ(d.added[0].name, "new");
  ASSERT_EQ(d.removed.size(), 1u);
  EXPECT_EQ(d.removed[0].name, "gone");
  EXPECT_EQ(d.unchanged, 1u);  // "same": hash case does not matter
  ASSERT_EQ(d.versions.size(), 4u);
  std::map<std::string, std::string> direction;
  for (const release::VersionChange& v : d.versions) direction[v.identity] = v.direction;
  EXPECT_EQ(direction["pkg:npm/lodash"], "upgraded");
  // PEP 440: 2.9.0 < 2.31.0, so this is a downgrade (not text order).
  EXPECT_EQ(direction["pkg:pypi/requests"], "downgraded");
  // generic: the generic scheme orders 1.3 < 1.3.1.
  EXPECT_EQ(direction["pkg:generic/zlib"], "upgraded");
  // No purl: matched by group/name, ordered by the generic fallback (b > a).
  EXPECT_EQ(direction["name:acme/tool"], "downgraded");
  std::set<std::string> attributes;
  for (const release::AttributeChange& c : d.attributes) {
    attributes.insert(c.identity + " " + c.attribute);
  }
  EXPECT_EQ(attributes,
            (std::set<std::string>{"pkg:generic/zlib supplier", "name:acme/tool licenses"}));
}

TEST(Diff, RepeatedIdentityPairsEqualVersionsFirst) {
  const char a[] = R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[
    {"type":"library","name":"x","version":"1.0.0","purl":"pkg:npm/x@1.0.0"},
    {"type":"library","name":"x","version":"2.0.0","purl":"pkg:npm/x@2.0.0"}]})";
  const char b[] = R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[
    {"type":"library","name":"x","version":"2.0.0","purl":"pkg:npm/x@2.0.0"},
    {"type":"library","name":"x","version":"1.5.0","purl":"pkg:npm/x@1.5.0"}]})";
  release::ComponentDiff d = DiffOf(a, b);
  EXPECT_EQ(d.unchanged, 1u);
  ASSERT_EQ(d.versions.size(), 1u);
  EXPECT_EQ(d.versions[0].before.version, "1.0.0");
  EXPECT_EQ(d.versions[0].after.version, "1.5.0");
  EXPECT_EQ(d.versions[0].direction, "upgraded");
  EXPECT_TRUE(d.added.empty());
  EXPECT_TRUE(d.removed.empty());
}

TEST(Diff, CliTextAndJson) {
  testing::TempDir dir;
  std::string a = (dir.path() / "a.json").string(), b = (dir.path() / "b.json").string();
  std::ofstream(a) << kOld;
  std::ofstream(b) << kNew;
  testing::CliResult r = testing::RunCli({"sbom", "diff", a, b});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("upgraded    pkg:npm/lodash 4.17.20 -> 4.17.21\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("downgraded  pkg:pypi/requests 2.31.0 -> 2.9.0\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("1 added, 1 removed, 2 upgraded, 2 downgraded"), std::string::npos) << r.out;
  r = testing::RunCli({"--format", "json", "sbom", "diff", a, b});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["summary"]["added"], 1);
  EXPECT_EQ(j["summary"]["removed"], 1);
  EXPECT_EQ(j["summary"]["upgraded"], 2);
  EXPECT_EQ(j["summary"]["downgraded"], 2);
  EXPECT_EQ(j["summary"]["unchanged"], 1);
  EXPECT_EQ(j["a"], a);
}

TEST(Convert, CliWritesFileAndReportsLosses) {
  testing::TempDir dir;
  std::string in = (dir.path() / "a.json").string(), out = (dir.path() / "a.spdx").string();
  std::ofstream(in) << kOld;
  testing::CliResult r = testing::RunCli({"sbom", "convert", in, "--to", "spdx-tv", "--out", out});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "warning: " + in +
                       ": not carried into SPDX 2.3 tag-value: 1 x component group: no "
                       "SPDX 2.3 field (the purl keeps it)\n"
                       "warning: " +
                       in +
                       ": not carried into SPDX 2.3 tag-value: 1 x document timestamp: "
                       "none in the source, written as 1970-01-01T00:00:00Z\n");
  std::string text = testing::ReadFileOrFail(out);
  EXPECT_EQ(text.substr(0, 22), "SPDXVersion: SPDX-2.3\n");
  r = testing::RunCli({"sbom", "convert", in, "--to", "cyclonedx-yaml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: --to: 'cyclonedx-yaml' is not one of cyclonedx-json, cyclonedx-xml, "
            "spdx-json, spdx-tv, spdx3-jsonld\n");
  r = testing::RunCli({"sbom", "convert", in, "--to", "cyclonedx-json", "--spec-version", "1.4"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: --spec-version: CycloneDX 1.4 cannot be written (1.5, 1.6 or 1.7 can)\n");
}

TEST(Convert, CliWritesSpdx3JsonLd) {
  testing::TempDir dir;
  std::string in = (dir.path() / "a.json").string(), out = (dir.path() / "a.spdx3.json").string();
  std::ofstream(in) << kOld;
  testing::CliResult r =
      testing::RunCli({"sbom", "convert", in, "--to", "spdx3-jsonld", "--out", out});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "warning: " + in +
                       ": not carried into SPDX 3.0 JSON-LD: 1 x component group: no "
                       "SPDX 3.0 field (the purl keeps it)\n"
                       "warning: " +
                       in +
                       ": not carried into SPDX 3.0 JSON-LD: 1 x document timestamp: "
                       "none in the source, written as 1970-01-01T00:00:00Z\n");
  nlohmann::json j = nlohmann::json::parse(testing::ReadFileOrFail(out));
  EXPECT_EQ(j["@context"], "https://spdx.org/rdf/3.0.1/spdx-context.jsonld");
  // No bom-refs and no primary component: six top-level packages, which the
  // document describes, read back as six components.
  r = testing::RunCli({"sbom", "validate", out});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, out + ": valid SPDX 3.0.1 JSON-LD, 6 components\n");
  // stdout by default, the same bytes.
  r = testing::RunCli({"sbom", "convert", in, "--to", "spdx3-jsonld", "--spec-version", "3.0.1"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, testing::ReadFileOrFail(out));
  r = testing::RunCli({"sbom", "convert", in, "--to", "spdx3-jsonld", "--spec-version", "2.3"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: --spec-version: SPDX 2.3 cannot be written as JSON-LD (3.0.1 can)\n");
}

}  // namespace
}  // namespace soupkeeper::sbom
