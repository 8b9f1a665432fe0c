// The SOUP inventory on every store backend: identity and sync from a
// release (support data from cdx:fda properties), categories with history,
// downgrades opening re-evaluations that an assessment closes, the category
// map, version support rules, assessments with their vulnerability snapshot,
// security risks, list filters, append-only records and the audit trail.
#include "soupkeeper/inventory.h"

#include <gtest/gtest.h>

#include "soupkeeper/hash.h"
#include "soupkeeper/product.h"
#include "store/backends.h"

namespace soupkeeper::testing {
namespace {

using inventory::Category;
using inventory::Duty;

// Three components: zlib with a purl carrying a qualifier and support
// properties, a purl-less libfoo from ACME with justifications, and openssl.
constexpr const char* kSbom = R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
 "components":[
  {"bom-ref":"zlib","type":"library","name":"zlib","version":"1.3.1",
   "purl":"pkg:generic/zlib@1.3.1?download_url=https://zlib.net/zlib-1.3.1.tar.gz",
   "supplier":{"name":"zlib project"},
   "properties":[{"name":"cdx:fda:level-of-support","value":"actively maintained"},
                 {"name":"cdx:fda:end-of-support-date","value":"2030-06-30"}]},
  {"bom-ref":"libfoo","type":"library","name":"libfoo","version":"0.9",
   "supplier":{"name":"ACME"},
   "properties":[{"name":"cdx:fda:level-of-support","value":"abandoned"},
                 {"name":"cdx:fda:justification",
                  "value":"cdx:fda:end-of-support-date: abandoned upstream, no date"}]},
  {"bom-ref":"openssl","type":"library","name":"openssl","version":"3.0.13",
   "purl":"pkg:generic/openssl@3.0.13"}]})";

inventory::ListFilter Filter(std::string product, std::string release, std::string category = "",
                             bool missing_disposition = false, bool needs_reevaluation = false) {
  inventory::ListFilter f;
  f.product = std::move(product);
  f.release = std::move(release);
  f.category = std::move(category);
  f.missing_disposition = missing_disposition;
  f.needs_reevaluation = needs_reevaluation;
  return f;
}

class InventoryTest : public BackendTest {
 protected:
  std::unique_ptr<store::Store> Synced() {
    auto s = OpenStore();
    product::Product p;
    p.name = "pump";
    EXPECT_TRUE(product::Add(*s, {"alice", ""}, p).ok());
    Status added = AddRelease(*s, "1.0.0");
    EXPECT_TRUE(added.ok()) << added.message();
    CollectingSink sink;
    auto report = inventory::FromRelease(*s, {"alice", "sync"}, "pump", "1.0.0", sink);
    EXPECT_TRUE(report.ok()) << report.status().message();
    return s;
  }

  // A release of "pump" with kSbom.
  Status AddRelease(store::Store& s, const std::string& version) {
    release::NewRelease r;
    r.product = "pump";
    r.version = version;
    r.sbom_bytes = kSbom;
    r.sbom_source = "pump-" + version + ".cdx.json";
    CollectingSink sink;
    return release::Add(s, {"alice", ""}, r, sink).status();
  }

  Status SetCategory(store::Store& s, const std::string& key, const std::string& category) {
    inventory::ItemChanges c;
    c.category = category;
    return inventory::Update(s, {"alice", "classification"}, key, c).status();
  }

  inventory::Assessment Approved(const std::string& key, const std::string& version) {
    inventory::Assessment a;
    a.item_key = key;
    a.version = version;
    a.decision = "approved";
    a.rationale = "widely used, maintained";
    a.assessor = "bob";
    a.approver = "carol";
    a.date = "2026-03-01";
    for (std::string_view c : inventory::kCriteria)
      a.criteria.push_back({std::string(c), "pass", ""});
    return a;
  }

  int64_t EventCount(store::Store& s) {
    auto events = s.Events({});
    EXPECT_TRUE(events.ok());
    return static_cast<int64_t>(events->size());
  }
};

TEST_P(InventoryTest, SyncKeysItemsAndReadsSupportProperties) {
  auto s = Synced();
  auto items = inventory::List(*s, {});
  ASSERT_TRUE(items.ok()) << items.status().message();
  std::vector<std::string> keys;
  for (const auto& it : *items) {
    keys.push_back(it.key);
    EXPECT_FALSE(it.category.has_value()) << it.key;  // new items are unclassified
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"name:libfoo supplier:ACME", "pkg:generic/openssl",
                                            "pkg:generic/zlib"}));
  EXPECT_EQ((*items)[2].supplier, "zlib project");
  EXPECT_EQ((*items)[2].purl, "pkg:generic/zlib");

  const std::string sha = Sha256Hex(kSbom);
  auto zlib = inventory::Versions(*s, "pkg:generic/zlib");
  ASSERT_TRUE(zlib.ok());
  ASSERT_EQ(zlib->size(), 1u);
  EXPECT_EQ((*zlib)[0].version, "1.3.1");
  EXPECT_EQ((*zlib)[0].support_level, "actively-maintained");
  EXPECT_EQ((*zlib)[0].end_of_support, "2030-06-30");
  EXPECT_EQ((*zlib)[0].support_source, "sbom:" + sha + " (pump 1.0.0)");
  EXPECT_EQ((*zlib)[0].support_date, "2026-03-04");  // the test clock's day

  auto foo = inventory::Versions(*s, "name:libfoo supplier:ACME");
  ASSERT_TRUE(foo.ok());
  EXPECT_EQ((*foo)[0].support_level, "abandoned");
  EXPECT_FALSE((*foo)[0].end_of_support.has_value());
  EXPECT_EQ((*foo)[0].end_of_support_justification, "abandoned upstream, no date");
  // Written back as the same properties.
  sbom::Document doc;
  auto props = inventory::SupportProperties((*foo)[0], doc);
  ASSERT_EQ(props.size(), 2u);
  EXPECT_EQ(props[0].name, "cdx:fda:level-of-support");
  EXPECT_EQ(props[0].value, "abandoned");
  EXPECT_EQ(props[1].value, "cdx:fda:end-of-support-date: abandoned upstream, no date");

  auto openssl = inventory::Versions(*s, "pkg:generic/openssl");
  EXPECT_EQ((*openssl)[0].support_level, "");

  // A second sync adds nothing and writes nothing.
  const int64_t before = EventCount(*s);
  CollectingSink sink;
  auto again = inventory::FromRelease(*s, {"alice", "sync"}, "pump", "1.0.0", sink);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->items_added, 0);
  EXPECT_EQ(again->versions_added, 0);
  EXPECT_EQ(again->components, 3);
  EXPECT_EQ(EventCount(*s), before);
  auto report = s->Verify(std::nullopt);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok());
}

TEST_P(InventoryTest, SatisfiesFollowsTable1WithNesting) {
  // ISH1 Table 1: 4.3 and 5.2.3 bind all three; 6.3.1 supported and
  // maintained; 6.3.2 and 6.3.3 maintained only.
  for (Category c : {Category::kMaintained, Category::kSupported, Category::kRequired}) {
    EXPECT_TRUE(inventory::Satisfies(c, Duty::kClassification));
    EXPECT_TRUE(inventory::Satisfies(c, Duty::kSecurityRisk));
  }
  EXPECT_TRUE(inventory::Satisfies(Category::kMaintained, Duty::kUpdateDocumentation));
  EXPECT_TRUE(inventory::Satisfies(Category::kSupported, Duty::kUpdateDocumentation));
  EXPECT_FALSE(inventory::Satisfies(Category::kRequired, Duty::kUpdateDocumentation));
  EXPECT_TRUE(inventory::Satisfies(Category::kMaintained, Duty::kUpdateDelivery));
  EXPECT_FALSE(inventory::Satisfies(Category::kSupported, Duty::kUpdateDelivery));
  EXPECT_FALSE(inventory::Satisfies(Category::kRequired, Duty::kUpdateIntegrity));
  EXPECT_TRUE(inventory::IsDowngrade(Category::kMaintained, Category::kSupported));
  EXPECT_TRUE(inventory::IsDowngrade(Category::kMaintained, Category::kRequired));
  EXPECT_TRUE(inventory::IsDowngrade(Category::kSupported, Category::kRequired));
  EXPECT_FALSE(inventory::IsDowngrade(Category::kRequired, Category::kSupported));
  EXPECT_FALSE(inventory::IsDowngrade(Category::kSupported, Category::kSupported));
}

TEST_P(InventoryTest, DowngradeOpensReevaluationThatAnAssessmentCloses) {
  auto s = Synced();
  const std::string key = "pkg:generic/zlib";
  ASSERT_TRUE(SetCategory(*s, key, "maintained").ok());
  ASSERT_TRUE(SetCategory(*s, key, "supported").ok());   // M -> S: downgrade
  ASSERT_TRUE(SetCategory(*s, key, "maintained").ok());  // upgrade: none
  auto open = inventory::Reevaluations(*s, key, /*open_only=*/true);
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ((*open)[0].from, Category::kMaintained);
  EXPECT_EQ((*open)[0].to, Category::kSupported);
  auto listed = inventory::List(*s, Filter("", "", "", false, true));
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].key, key);

  auto history = inventory::CategoryHistory(*s, key);
  ASSERT_EQ(history->size(), 3u);
  EXPECT_FALSE((*history)[0].from.has_value());
  EXPECT_EQ((*history)[1].to, Category::kSupported);
  EXPECT_EQ((*history)[2].reason, "classification");

  CollectingSink sink;
  auto a = inventory::Assess(*s, {"bob", "re-evaluation"}, Approved(key, "1.3.1"), sink);
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->number, 1);
  auto all = inventory::Reevaluations(*s, key);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].closed_by, "soup-assessment:pkg:generic/zlib#1");
  EXPECT_EQ(inventory::List(*s, Filter("", "", "", false, true))->size(), 0u);
  auto report = s->Verify(std::nullopt);
  EXPECT_TRUE(report.ok() && report->ok());
}

TEST_P(InventoryTest, CategoryNeedsReasonAndAKnownTerm) {
  auto s = Synced();
  const std::string key = "pkg:generic/openssl";
  inventory::ItemChanges c;
  c.category = "maintained";
  auto no_reason = inventory::Update(*s, {"alice", ""}, key, c);
  EXPECT_EQ(no_reason.status().code(), StatusCode::kInvalidArgument);
  Status unknown = SetCategory(*s, key, "vendor-patched");
  EXPECT_EQ(unknown.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.message().find("unknown category 'vendor-patched'"), std::string::npos);
  EXPECT_FALSE(inventory::Get(*s, key)->category.has_value());

  ASSERT_TRUE(inventory::MapCategory(*s, {"alice", "procedure SOP-12"}, "vendor-patched",
                                     Category::kMaintained)
                  .ok());
  EXPECT_EQ(inventory::MapCategory(*s, {"alice", ""}, "vendor-patched", Category::kRequired).code(),
            StatusCode::kAlreadyExists);
  ASSERT_TRUE(SetCategory(*s, key, "vendor-patched").ok());
  auto it = inventory::Get(*s, key);
  EXPECT_EQ(it->category, Category::kMaintained);
  EXPECT_EQ(it->category_term, "vendor-patched");
  auto listed = inventory::List(*s, Filter("", "", "maintained"));
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(inventory::List(*s, Filter("", "", "unset"))->size(), 2u);
}

TEST_P(InventoryTest, VersionSupportRules) {
  auto s = Synced();
  const std::string key = "pkg:generic/openssl";
  inventory::VersionChanges unknown;
  unknown.support_level = "unknown";
  auto r = inventory::SetVersion(*s, {"alice", ""}, key, "3.0.13", unknown);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("needs a justification"), std::string::npos);
  inventory::VersionChanges bad_date;
  bad_date.end_of_support = "2026-02-30";
  r = inventory::SetVersion(*s, {"alice", ""}, key, "3.0.13", bad_date);
  EXPECT_EQ(r.status().message(),
            "invalid end-of-support date '2026-02-30': day 30 does not exist (expected "
            "YYYY-MM-DD)");
  inventory::VersionChanges good;
  good.support_level = "actively-maintained";
  good.end_of_support = "2026-09-07";
  good.support_source = "https://openssl-library.org/policies/releasestrat/";
  good.anomaly_review_date = "2026-03-01";
  good.anomaly_reviewer = "bob";
  r = inventory::SetVersion(*s, {"alice", ""}, key, "3.0.13", good);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->end_of_support, "2026-09-07");
  EXPECT_EQ(r->anomaly_reviewer, "bob");
  auto missing = inventory::SetVersion(*s, {"alice", ""}, "pkg:generic/none", "1", good);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST_P(InventoryTest, AssessmentValidatesAndSnapshotsKnownVulnerabilities) {
  auto s = OpenStore();
  CliResult imported = RunCli(
      {"--db", uri_, "feed", "import", std::string(SOUPKEEPER_SOURCE_DIR) + "/demo/advisories"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  inventory::Item log4j;
  log4j.key = "pkg:maven/org.apache.logging.log4j/log4j-core";
  log4j.purl = log4j.key;
  log4j.name = "org.apache.logging.log4j/log4j-core";
  ASSERT_TRUE(inventory::Add(*s, {"alice", "hand-kept list"}, log4j).ok());

  CollectingSink sink;
  inventory::Assessment a = Approved(log4j.key, "2.14.1");
  a.criteria.pop_back();
  auto r = inventory::Assess(*s, {"bob", ""}, a, sink);
  EXPECT_EQ(r.status().message(),
            "criterion license is missing (give maintenance-activity, security-history, "
            "supplier-security-commitment and license)");
  a = Approved(log4j.key, "2.14.1");
  a.decision = "approved-with-conditions";
  EXPECT_EQ(inventory::Assess(*s, {"bob", ""}, a, sink).status().code(),
            StatusCode::kInvalidArgument);
  a.decision = "rejected";
  a.criteria[1].result = "fail";
  a.criteria[1].note = "CVE-2021-44228 (Log4Shell)";
  r = inventory::Assess(*s, {"bob", ""}, a, sink);
  ASSERT_TRUE(r.ok()) << r.status().message();
  // demo/advisories: CVE-2021-44228 affects 2.14.1, CVSS 10.0, in KEV.
  EXPECT_EQ(r->vulnerabilities.total, 1);
  EXPECT_EQ(r->vulnerabilities.kev, 1);
  EXPECT_EQ(r->vulnerabilities.critical, 1);
  EXPECT_EQ(r->vulnerabilities.ids, std::vector<std::string>{"CVE-2021-44228"});

  auto stored = inventory::Assessments(*s, log4j.key);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ((*stored)[0].decision, "rejected");
  EXPECT_EQ((*stored)[0].criteria[1].note, "CVE-2021-44228 (Log4Shell)");
  EXPECT_EQ((*stored)[0].vulnerabilities.ids, std::vector<std::string>{"CVE-2021-44228"});
  // The version was added by the assessment (pre-adoption).
  EXPECT_EQ(inventory::Versions(*s, log4j.key)->size(), 1u);
  // Append-only in the database.
  auto raw = Raw();
  EXPECT_FALSE(raw->ExecScript("UPDATE soup_assessments SET decision = 'approved'").ok());
  EXPECT_FALSE(raw->ExecScript("DELETE FROM soup_assessments").ok());
}

TEST_P(InventoryTest, RiskDispositionRules) {
  auto s = Synced();
  const std::string key = "pkg:generic/zlib";
  inventory::SecurityRisk r;
  r.item_key = key;
  r.threat = "crafted deflate stream overflows the inflate buffer";
  r.disposition = "controlled";
  r.accepted_by = "carol";
  auto added = inventory::AddRisk(*s, {"alice", ""}, r);
  EXPECT_EQ(added.status().message(),
            "disposition controlled needs at least one control (--control "
            "REQ-ID=VERIFICATION-REF)");
  r.disposition = "transferred";
  EXPECT_NE(inventory::AddRisk(*s, {"alice", ""}, r).status().message().find("--doc-ref"),
            std::string::npos);
  r.disposition = "controlled";
  r.controls = {{"SR-17", "TC-204"}, {"SR-18", "TC-205"}};
  r.residual = "low";
  r.hazard = "HAZ-3.2";
  added = inventory::AddRisk(*s, {"alice", ""}, r);
  ASSERT_TRUE(added.ok()) << added.status().message();
  EXPECT_EQ(added->number, 1);
  auto risks = inventory::Risks(*s, key);
  ASSERT_EQ(risks->size(), 1u);
  EXPECT_EQ((*risks)[0].controls[1].verification, "TC-205");
  EXPECT_EQ((*risks)[0].hazard, "HAZ-3.2");
  auto missing = inventory::List(*s, Filter("", "", "", true));
  ASSERT_EQ(missing->size(), 2u);
  EXPECT_EQ((*missing)[0].key, "name:libfoo supplier:ACME");
  EXPECT_EQ((*missing)[1].key, "pkg:generic/openssl");
}

TEST_P(InventoryTest, ListByReleaseAndUnknownRelease) {
  auto s = Synced();
  inventory::Item extra;
  extra.key = "pkg:generic/busybox";
  extra.name = "busybox";
  extra.purl = extra.key;
  ASSERT_TRUE(inventory::Add(*s, {"alice", ""}, extra).ok());
  EXPECT_EQ(inventory::List(*s, {})->size(), 4u);
  EXPECT_EQ(inventory::List(*s, Filter("pump", "1.0.0"))->size(), 3u);
  EXPECT_EQ(inventory::List(*s, Filter("pump", "9.9")).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(inventory::Add(*s, {"alice", ""}, extra).status().code(), StatusCode::kAlreadyExists);
}

TEST_P(InventoryTest, ApplySupportWritesTheInventoryIntoADocument) {
  auto s = Synced();
  inventory::VersionChanges c;
  c.support_level = "no-longer-maintained";
  c.end_of_support = "2026-09-07";
  ASSERT_TRUE(inventory::SetVersion(*s, {"alice", ""}, "pkg:generic/openssl", "3.0.13", c).ok());
  c.end_of_support = "2029-01-01";  // replaces the SBOM's 2030-06-30
  c.support_level = "actively-maintained";
  ASSERT_TRUE(inventory::SetVersion(*s, {"alice", ""}, "pkg:generic/zlib", "1.3.1", c).ok());
  CollectingSink sink;
  auto doc = sbom::Decode(kSbom, "pump.cdx.json", sink);
  ASSERT_TRUE(doc.ok());
  auto changed = inventory::ApplySupport(*s, *doc);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(*changed, 3);  // zlib, libfoo (from its sync) and openssl
  auto props = [&](size_t i) {
    std::vector<std::string> out;
    for (const auto& p : doc->components[i].properties) out.push_back(p.name + "=" + p.value);
    return out;
  };
  EXPECT_EQ(props(0), (std::vector<std::string>{"cdx:fda:level-of-support=actively maintained",
                                                "cdx:fda:end-of-support-date=2029-01-01"}));
  EXPECT_EQ(props(2), (std::vector<std::string>{"cdx:fda:level-of-support=no longer maintained",
                                                "cdx:fda:end-of-support-date=2026-09-07"}));
}

// release diff's "category" attribute: each item's category as it stood when
// each release was frozen, the current one for a draft.
TEST_P(InventoryTest, DiffReleasesShowsCategoriesAtEachFreeze) {
  auto s = Synced();
  ASSERT_TRUE(SetCategory(*s, "pkg:generic/openssl", "supported").ok());
  ASSERT_TRUE(SetCategory(*s, "pkg:generic/zlib", "maintained").ok());
  env_.Advance(std::chrono::seconds(1));
  ASSERT_TRUE(release::Freeze(*s, {"alice", "1.0.0 ships"}, "pump", "1.0.0").ok());
  env_.Advance(std::chrono::seconds(1));
  // After 1.0.0 was frozen: openssl moves up to required; libfoo is classified.
  ASSERT_TRUE(SetCategory(*s, "pkg:generic/openssl", "required").ok());
  ASSERT_TRUE(SetCategory(*s, "name:libfoo supplier:ACME", "maintained").ok());
  ASSERT_TRUE(AddRelease(*s, "1.1.0").ok());

  auto a = release::Get(*s, "pump", "1.0.0");
  auto b = release::Get(*s, "pump", "1.1.0");
  ASSERT_TRUE(a.ok() && b.ok());
  auto sa = release::Snapshot(*s, a->sbom_sha256);
  auto sb = release::Snapshot(*s, b->sbom_sha256);
  ASSERT_TRUE(sa.ok() && sb.ok());
  auto d = inventory::DiffReleases(*s, *a, sa->components, *b, sb->components);
  ASSERT_TRUE(d.ok()) << d.status().message();
  // Same components, so only the categories differ; zlib kept "maintained".
  ASSERT_EQ(d->attributes.size(), 2u);
  EXPECT_EQ(d->attributes[0].identity, "name:libfoo");
  EXPECT_EQ(d->attributes[0].attribute, "category");
  EXPECT_EQ(d->attributes[0].before, "");
  EXPECT_EQ(d->attributes[0].after, "maintained");
  EXPECT_EQ(d->attributes[1].identity, "pkg:generic/openssl");
  EXPECT_EQ(d->attributes[1].version, "3.0.13");
  EXPECT_EQ(d->attributes[1].before, "supported");
  EXPECT_EQ(d->attributes[1].after, "required");
  EXPECT_EQ(d->unchanged, 1u);
  EXPECT_EQ(release::DiffLines(*d)[1],
            "category    pkg:generic/openssl 3.0.13: supported -> required");

  // A change after 1.1.0 was frozen does not alter the diff of the two.
  env_.Advance(std::chrono::seconds(1));
  ASSERT_TRUE(release::Freeze(*s, {"alice", "1.1.0 ships"}, "pump", "1.1.0").ok());
  env_.Advance(std::chrono::seconds(1));
  ASSERT_TRUE(SetCategory(*s, "pkg:generic/zlib", "required").ok());
  b = release::Get(*s, "pump", "1.1.0");
  ASSERT_TRUE(b.ok());
  d = inventory::DiffReleases(*s, *a, sa->components, *b, sb->components);
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->attributes.size(), 2u);
  EXPECT_EQ(d->unchanged, 1u);
}

SK_INSTANTIATE_BACKENDS(InventoryTest);

}  // namespace
}  // namespace soupkeeper::testing
