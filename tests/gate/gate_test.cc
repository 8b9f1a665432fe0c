// The release gate on every store backend: one hand-worked case per rule
// (it fails, then passes after the fix), default severities, the policy
// file, the output forms, and the freeze gate.
#include "soupkeeper/gate.h"

#include <gtest/gtest.h>

#include "soupkeeper/config_item.h"
#include "soupkeeper/inventory.h"
#include "soupkeeper/product.h"
#include "soupkeeper/supplier.h"
#include "store/backends.h"

namespace soupkeeper::testing {
namespace {

// zlib: fully supported; libfoo (no purl, from ACME): abandoned, no end of
// support date but a justification; openssl: end of support 2023-09-11 and
// no support level.
constexpr const char* kSbom = R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
 "components":[
  {"bom-ref":"zlib","type":"library","name":"zlib","version":"1.3.1",
   "purl":"pkg:generic/zlib@1.3.1",
   "properties":[{"name":"cdx:fda:level-of-support","value":"actively maintained"},
                 {"name":"cdx:fda:end-of-support-date","value":"2030-06-30"}]},
  {"bom-ref":"libfoo","type":"library","name":"libfoo","version":"0.9",
   "supplier":{"name":"ACME"},
   "properties":[{"name":"cdx:fda:level-of-support","value":"abandoned"},
                 {"name":"cdx:fda:justification",
                  "value":"cdx:fda:end-of-support-date: abandoned upstream, no date"}]},
  {"bom-ref":"openssl","type":"library","name":"openssl","version":"1.1.1w",
   "purl":"pkg:generic/openssl@1.1.1w",
   "properties":[{"name":"cdx:fda:end-of-support-date","value":"2023-09-11"}]}]})";

constexpr const char* kZlib = "pkg:generic/zlib";
constexpr const char* kLibfoo = "name:libfoo supplier:ACME";
constexpr const char* kOpenssl = "pkg:generic/openssl";

// Every rule off but `rule`, at severity error.
gate::Policy Only(std::string_view rule) {
  gate::Policy p;
  for (const gate::Rule& r : gate::Rules()) p.severities[std::string(r.id)] = gate::Severity::kOff;
  p.severities[std::string(rule)] = gate::Severity::kError;
  return p;
}

// "component: message" of each violation.
std::vector<std::string> Reasons(const gate::Report& r) {
  std::vector<std::string> out;
  for (const auto& v : r.violations) out.push_back(v.component + ": " + v.message);
  return out;
}

class GateTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    s_ = OpenStore();
    product::Product p;
    p.name = "pump";
    ASSERT_TRUE(product::Add(*s_, {"alice", ""}, p).ok());
    release::NewRelease r;
    r.product = "pump";
    r.version = "1.0.0";
    r.release_date = "2026-03-01";
    r.sbom_bytes = kSbom;
    r.sbom_source = "pump.cdx.json";
    CollectingSink sink;
    auto added = release::Add(*s_, {"alice", ""}, r, sink);
    ASSERT_TRUE(added.ok()) << added.status().message();
    auto synced = inventory::FromRelease(*s_, {"alice", "sync"}, "pump", "1.0.0", sink);
    ASSERT_TRUE(synced.ok()) << synced.status().message();
  }

  std::vector<std::string> Check(std::string_view rule) {
    auto r = gate::EvaluateRelease(*s_, "pump", "1.0.0", Only(rule));
    EXPECT_TRUE(r.ok()) << r.status().message();
    if (!r.ok()) return {};
    for (const auto& v : r->violations) EXPECT_EQ(v.rule, rule);
    return Reasons(*r);
  }

  void Assess(const std::string& key, const std::string& version, const std::string& date,
              const std::string& decision = "approved") {
    inventory::Assessment a;
    a.item_key = key;
    a.version = version;
    a.decision = decision;
    a.rationale = "reviewed";
    a.assessor = "bob";
    a.approver = "carol";
    a.date = date;
    for (std::string_view c : inventory::kCriteria)
      a.criteria.push_back({std::string(c), "pass", ""});
    CollectingSink sink;
    auto r = inventory::Assess(*s_, {"bob", ""}, a, sink);
    ASSERT_TRUE(r.ok()) << r.status().message();
  }

  void Risk(const std::string& key, const std::string& disposition,
            std::vector<inventory::Control> controls = {}, const std::string& residual = "") {
    inventory::SecurityRisk r;
    r.item_key = key;
    r.threat = "a known vulnerability is exploited";
    r.disposition = disposition;
    r.controls = std::move(controls);
    r.residual = residual;
    r.accepted_by = "carol";
    auto added = inventory::AddRisk(*s_, {"alice", ""}, r);
    ASSERT_TRUE(added.ok()) << added.status().message();
  }

  void SetCategory(const std::string& key, const std::string& category) {
    inventory::ItemChanges c;
    c.category = category;
    ASSERT_TRUE(inventory::Update(*s_, {"alice", "classification"}, key, c).ok());
  }

  std::unique_ptr<store::Store> s_;
};

TEST_P(GateTest, AssessmentMissingUntilApprovedOnOrBeforeTheReleaseDate) {
  const std::string msg = "no approved assessment of version ";
  const std::string on = " dated on or before 2026-03-01";
  EXPECT_EQ(Check("assessment-missing"),
            (std::vector<std::string>{"zlib@1.3.1: " + msg + "1.3.1" + on,
                                      "libfoo@0.9: " + msg + "0.9" + on,
                                      "openssl@1.1.1w: " + msg + "1.1.1w" + on}));
  Assess(kZlib, "1.3.1", "2026-03-02");              // after the release date
  Assess(kLibfoo, "0.9", "2026-02-01", "rejected");  // not approved
  Assess(kOpenssl, "1.1.1", "2026-02-01");           // another version
  EXPECT_EQ(Check("assessment-missing").size(), 3u);
  Assess(kZlib, "1.3.1", "2026-03-01");
  Assess(kOpenssl, "1.1.1w", "2026-02-01");
  EXPECT_EQ(Check("assessment-missing"),
            (std::vector<std::string>{"libfoo@0.9: " + msg + "0.9" + on}));
}

TEST_P(GateTest, CategoryMissingUntilClassified) {
  EXPECT_EQ(Check("category-missing"),
            (std::vector<std::string>{"zlib@1.3.1: no risk-transfer category",
                                      "libfoo@0.9: no risk-transfer category",
                                      "openssl@1.1.1w: no risk-transfer category"}));
  SetCategory(kZlib, "maintained");
  SetCategory(kLibfoo, "supported");
  SetCategory(kOpenssl, "required");
  EXPECT_TRUE(Check("category-missing").empty());
  // A component the inventory does not know.
  release::SnapshotComponent c;
  c.name = "curl";
  c.version = "8.5.0";
  c.purl = "pkg:generic/curl@8.5.0";
  auto r = gate::Evaluate(*s_, {c}, "2026-03-01", "", {}, Only("category-missing"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(Reasons(*r),
            std::vector<std::string>{"curl@8.5.0: not in the SOUP inventory (pkg:generic/curl)"});
}

TEST_P(GateTest, DispositionMissingUntilARiskIsRecorded) {
  EXPECT_EQ(Check("disposition-missing").size(), 3u);
  Risk(kZlib, "acceptable");
  Risk(kLibfoo, "not-used-vulnerably");
  EXPECT_EQ(Check("disposition-missing"),
            std::vector<std::string>{"openssl@1.1.1w: no security risk disposition"});
  Risk(kOpenssl, "acceptable");
  EXPECT_TRUE(Check("disposition-missing").empty());
}

TEST_P(GateTest, UnsupportedWithoutControlsUntilControlledWithAResidualRisk) {
  const std::string tail = "; no security risk with compensating controls and a residual risk";
  SetCategory(kZlib, "required");
  EXPECT_EQ(Check("unsupported-without-controls"),
            (std::vector<std::string>{
                "zlib@1.3.1: item is in category required" + tail,
                "libfoo@0.9: version is abandoned" + tail,
                "openssl@1.1.1w: end of support 2023-09-11 is before 2026-03-01" + tail}));
  Risk(kOpenssl, "acceptable");  // a disposition, but no controls
  Risk(kZlib, "controlled", {{"SR-1", "TC-1"}}, "low");
  Risk(kLibfoo, "controlled", {{"SR-2", "TC-2"}}, "low: input is validated first");
  EXPECT_EQ(Check("unsupported-without-controls"),
            std::vector<std::string>{"openssl@1.1.1w: end of support 2023-09-11 is before "
                                     "2026-03-01" +
                                     tail});
  Risk(kOpenssl, "controlled", {{"SR-3", "TC-3"}, {"SR-4", "TC-4"}}, "low: TLS 1.0 disabled");
  EXPECT_TRUE(Check("unsupported-without-controls").empty());
}

TEST_P(GateTest, EndOfSupportBeforeThePlannedEndOfTheRelease) {
  // zlib's end of support (2030-06-30) is after the release date but before
  // the planned end of support of the release.
  EXPECT_EQ(Check("unsupported-without-controls").size(), 2u);
  ASSERT_TRUE(config::SetSupportUntil(*s_, {"alice", ""}, "pump", "1.0.0", "2031-12-31").ok());
  auto reasons = Check("unsupported-without-controls");
  ASSERT_EQ(reasons.size(), 3u);
  EXPECT_EQ(reasons[0],
            "zlib@1.3.1: end of support 2030-06-30 is before the release's planned end of support "
            "2031-12-31; no security risk with compensating controls and a residual risk");
  Risk(kZlib, "controlled", {{"SR-1", "TC-1"}}, "low");
  EXPECT_EQ(Check("unsupported-without-controls").size(), 2u);
}

TEST_P(GateTest, SupportMissingUntilLevelAndEndOfSupportAreKnown) {
  EXPECT_EQ(Check("support-missing"), std::vector<std::string>{"openssl@1.1.1w: no support level"});
  inventory::VersionChanges v;
  v.support_level = "no-longer-maintained";
  ASSERT_TRUE(inventory::SetVersion(*s_, {"alice", ""}, kOpenssl, "1.1.1w", v).ok());
  EXPECT_TRUE(Check("support-missing").empty());
}

TEST_P(GateTest, SupplierClausesOfACustomDevelopedSecurityImpactItem) {
  EXPECT_TRUE(Check("supplier-clauses").empty());  // not custom-developed
  inventory::ItemChanges c;
  c.custom_developed = true;
  c.security_impact = true;
  ASSERT_TRUE(inventory::Update(*s_, {"alice", ""}, kLibfoo, c).ok());
  EXPECT_EQ(Check("supplier-clauses"),
            std::vector<std::string>{"libfoo@0.9: supplier 'ACME' is unknown"});
  supplier::Supplier acme;
  acme.name = "ACME";
  acme.kind = supplier::Kind::kCustomDeveloper;
  ASSERT_TRUE(supplier::Add(*s_, {"alice", ""}, acme).ok());
  supplier::Agreement a;
  a.document_id = "QA-1";
  a.signed_on = "2026-01-15";
  for (const std::string& key : supplier::DefaultRequiredClauses()) {
    if (key == "right-to-audit") continue;
    std::string text = key + "=present";
    if (key == "vulnerability-notification-time") text += ":72h";
    if (key == "end-of-support-notice-period") text += ":12mo";
    if (key == "patch-sla-by-severity") text += ":critical=7,high=30,medium=90,low=180";
    auto clause = supplier::ParseClause(text);
    ASSERT_TRUE(clause.ok()) << clause.status().message();
    a.clauses.push_back(*clause);
  }
  a.clauses.push_back(*supplier::ParseClause("right-to-audit=partial@7.1"));
  ASSERT_TRUE(supplier::SetAgreement(*s_, {"alice", ""}, "ACME", a).ok());
  EXPECT_EQ(Check("supplier-clauses"),
            std::vector<std::string>{
                "libfoo@0.9: supplier 'ACME' lacks clauses: right-to-audit: partial (@7.1)"});
  a.clauses.back() = *supplier::ParseClause("right-to-audit=present@7.1");
  ASSERT_TRUE(supplier::SetAgreement(*s_, {"alice", ""}, "ACME", a).ok());
  EXPECT_TRUE(Check("supplier-clauses").empty());
}

TEST_P(GateTest, KevFindingsWithoutTriageDecisionAreUnassessed) {
  findings::StoredFinding f;
  f.component_name = "openssl";
  f.component_version = "1.1.1w";
  f.purl = "pkg:generic/openssl@1.1.1w";
  f.vulnerability = "CVE-2014-0160";
  f.kev = true;
  auto r = gate::Evaluate(*s_, {}, "2026-03-01", "", {f}, Only("kev-unassessed"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(Reasons(*r), std::vector<std::string>{
                             "openssl@1.1.1w: CVE-2014-0160 is in KEV and has no triage decision"});
  f.withdrawn_at = "2026-03-02T00:00:00Z";
  r = gate::Evaluate(*s_, {}, "2026-03-01", "", {f}, Only("kev-unassessed"));
  EXPECT_TRUE(r->violations.empty());
  // The release has no findings evaluated: nothing to report.
  EXPECT_TRUE(Check("kev-unassessed").empty());
}

TEST_P(GateTest, ReevaluationOpenUntilTheNextAssessment) {
  SetCategory(kZlib, "maintained");
  SetCategory(kZlib, "required");  // a downgrade
  EXPECT_EQ(Check("reevaluation-open"),
            std::vector<std::string>{"zlib@1.3.1: category re-evaluation #1 (maintained -> "
                                     "required) is open since 2026-03-04T05:06:07Z"});
  Assess(kZlib, "1.3.1", "2026-03-01");
  EXPECT_TRUE(Check("reevaluation-open").empty());
}

TEST_P(GateTest, DefaultSeveritiesSummaryAndFreezeGate) {
  auto r = gate::EvaluateRelease(*s_, "pump", "1.0.0", {});
  ASSERT_TRUE(r.ok()) << r.status().message();
  // 3 assessment, 3 category, 3 disposition, 2 unsupported (libfoo, openssl)
  // errors; 1 support warning (openssl).
  EXPECT_EQ(r->errors(), 11);
  EXPECT_EQ(r->warnings(), 1);
  EXPECT_EQ(gate::Summary(*r),
            "gate failed: 3 components, 11 errors, 1 warning (as of 2026-03-01)");
  auto lines = gate::TextLines(*r, true);
  ASSERT_EQ(lines.size(), 24u);
  EXPECT_EQ(lines[0],
            "error[assessment-missing] zlib@1.3.1: no approved assessment of version 1.3.1 dated "
            "on or before 2026-03-01");
  EXPECT_EQ(lines[1],
            "::error title=soupkeeper gate (assessment-missing)::zlib@1.3.1: no approved "
            "assessment of version 1.3.1 dated on or before 2026-03-01");
  auto frozen = release::Freeze(*s_, {"alice", ""}, "pump", "1.0.0", gate::FreezeGateOf(*r));
  EXPECT_EQ(frozen.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(frozen.status().message().find("release pump 1.0.0: gate failed: 3 components"),
            std::string::npos);
  EXPECT_EQ(release::Get(*s_, "pump", "1.0.0")->status, release::ReleaseStatus::kDraft);
  gate::Report clean;
  clean.components = 3;
  frozen = release::Freeze(*s_, {"alice", ""}, "pump", "1.0.0", gate::FreezeGateOf(clean));
  ASSERT_TRUE(frozen.ok()) << frozen.status().message();
  EXPECT_EQ(frozen->status, release::ReleaseStatus::kReleased);
}

SK_INSTANTIATE_BACKENDS(GateTest);

TEST(GatePolicyTest, ParsesSeveritiesAndKeepsDefaults) {
  auto p = gate::ParsePolicy("rules:\n  support-missing: error\n  kev-unassessed: off\n", "g.yaml");
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->Of("support-missing"), gate::Severity::kError);
  EXPECT_EQ(p->Of("kev-unassessed"), gate::Severity::kOff);
  EXPECT_EQ(p->Of("reevaluation-open"), gate::Severity::kWarning);
  EXPECT_EQ(p->Of("assessment-missing"), gate::Severity::kError);
}

TEST(GatePolicyTest, ErrorsNameFileAndLine) {
  EXPECT_EQ(gate::ParsePolicy("rules:\n  support-missing: error\n  no-such-rule: off\n", "g.yaml")
                .status()
                .message(),
            "g.yaml: line 3: unknown rule 'no-such-rule' (rules: assessment-missing, "
            "category-missing, disposition-missing, unsupported-without-controls, "
            "support-missing, supplier-clauses, kev-unassessed, reevaluation-open)");
  EXPECT_EQ(gate::ParsePolicy("rules:\n\n  support-missing: fatal\n", "g.yaml").status().message(),
            "g.yaml: line 3: support-missing: severity 'fatal' is not error, warning or off");
  EXPECT_EQ(gate::ParsePolicy("rule:\n  a: b\n", "g.yaml").status().message(),
            "g.yaml: line 1: unknown key 'rule' (expected rules)");
  auto bad = gate::ParsePolicy("rules:\n  support-missing: [error\n", "g.yaml");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(bad.status().message().starts_with("g.yaml: line ")) << bad.status().message();
  EXPECT_NE(bad.status().message().find("not valid YAML"), std::string::npos);
}

}  // namespace
}  // namespace soupkeeper::testing
