// Triage decisions, clocks and reviews on SQLite and PostgreSQL: the SSVC
// supplier table, validation, one decision covering every release shipping
// the component version (also later ones), versions, the 30/60-day clocks
// and triage deadlines, and the review cycle.
#include "soupkeeper/triage.h"

#include <gtest/gtest.h>

#include <string>

#include "soupkeeper/product.h"
#include "soupkeeper/release.h"
#include "soupkeeper/vuln.h"
#include "store/backends.h"

namespace soupkeeper::triage {
namespace {

using testing::BackendTest;

constexpr char kOsv[] = R"({"id": "GHSA-aaaa-bbbb-cccc", "modified": "2026-01-02T00:00:00Z",
  "aliases": ["CVE-2026-0001"], "summary": "s", "affected": [{"package": {"ecosystem": "npm",
  "name": "left-pad"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"},
  {"fixed": "2.0.0"}]}]}]})";

constexpr char kSbom[] = R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
  "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
  "components": [{"type": "library", "bom-ref": "left-pad", "name": "left-pad",
  "version": "1.1.0", "purl": "pkg:npm/left-pad@1.1.0"}]})";

TEST(SsvcTest, SupplierTable) {
  // Rows 1, 18, 27, 11 and 36 of the SSVC 2.0 supplier tree.
  EXPECT_EQ(*SsvcPriority({"none", "laborious", "partial", "negligible"}), "defer");
  EXPECT_EQ(*SsvcPriority({"public-poc", "efficient", "partial", "marginal"}), "immediate");
  EXPECT_EQ(*SsvcPriority({"active", "laborious", "total", "negligible"}), "out-of-cycle");
  EXPECT_EQ(*SsvcPriority({"none", "super-effective", "total", "negligible"}), "out-of-cycle");
  EXPECT_EQ(*SsvcPriority({"active", "super-effective", "total", "catastrophic"}), "immediate");
  EXPECT_EQ(*SsvcPriority({"none", "laborious", "total", "negligible"}), "scheduled");
  auto bad = SsvcPriority({"poc", "laborious", "total", "negligible"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "unknown SSVC exploitation 'poc' (allowed: none, public-poc, active)");
}

TEST(ClockTest, AddDays) {
  EXPECT_EQ(*AddDays("2026-01-10", 30), "2026-02-09");
  EXPECT_EQ(*AddDays("2026-01-10", 60), "2026-03-11");
  EXPECT_EQ(*AddDays("2024-02-28", 1), "2024-02-29");
  EXPECT_FALSE(AddDays("2026-02-30", 1).ok());
}

class TriageTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    store_ = OpenStore();
    ASSERT_NE(store_, nullptr);
    product::Product p;
    p.name = "pump";
    p.review_cadence_days = 90;
    ASSERT_TRUE(product::Add(*store_, author_, p).ok());
    ASSERT_TRUE(env_.WriteFile("/osv.json", kOsv).ok());
    CollectingSink sink;
    ASSERT_TRUE(vuln::ImportPaths(*store_, &env_, {"/osv.json"}, author_, sink).ok());
    AddRelease("1.0");
  }
  void AddRelease(const std::string& version) {
    release::NewRelease r{};
    r.product = "pump";
    r.version = version;
    r.sbom_bytes = kSbom;
    r.sbom_source = "pump.cdx.json";
    CollectingSink sink;
    ASSERT_TRUE(release::Add(*store_, author_, r, sink).ok());
    auto e = findings::Evaluate(*store_, author_, "pump", version, {});
    ASSERT_TRUE(e.ok()) << e.status().message();
  }
  std::vector<findings::StoredFinding> All() {
    auto r = findings::List(*store_, {.status = "all"});
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : std::vector<findings::StoredFinding>();
  }
  Request NotAffected(int64_t id) {
    Request r;
    r.finding_ids = {id};
    r.state = "not_affected";
    r.justification = "code_not_reachable";
    r.detail = "padding is never called with user input";
    return r;
  }
  std::unique_ptr<store::Store> store_;
  store::Author author_{"alice", "test"};
};

TEST_P(TriageTest, RefusesBadInputAndStoresNothing) {
  int64_t id = All().at(0).id;
  Request r = NotAffected(id);
  r.justification = "";
  auto refused = Decide(*store_, author_, r);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("needs a justification (allowed: code_not_present"),
            std::string::npos)
      << refused.status().message();
  r = NotAffected(id);
  r.responses = {"patch"};
  refused = Decide(*store_, author_, r);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(),
            "unknown response 'patch' (allowed: can_not_fix, will_not_fix, update, rollback, "
            "workaround_available)");
  r = NotAffected(id);
  r.state = "fixed";
  EXPECT_EQ(Decide(*store_, author_, r).status().code(), StatusCode::kInvalidArgument);
  r = NotAffected(id);
  r.environmental_vector = "CVSS:3.1/AV:X";
  EXPECT_FALSE(Decide(*store_, author_, r).ok());
  r = NotAffected(999);
  EXPECT_EQ(Decide(*store_, author_, r).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(Decisions(*store_)->empty());
}

TEST_P(TriageTest, OneDecisionCoversEveryReleaseAndIsVersioned) {
  std::vector<findings::StoredFinding> found = All();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(IdentityOf(found[0]), "pkg:npm/left-pad");
  EXPECT_EQ(*StatesOf(*store_, found), std::vector<std::string>{"untriaged"});
  Request r = NotAffected(found[0].id);
  r.ssvc = Ssvc{"none", "laborious", "partial", "negligible"};
  // Base 9.8 critical; in the device context only adjacent network, no
  // integrity or availability requirement: the 3.1 environmental score of
  // AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MAV:A/IR:L/AR:L is 7.8 (ModifiedImpact 6.42 x 0.7719
  // = 4.956, exploitability 2.835).
  r.environmental_vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MAV:A/IR:L/AR:L";
  auto decided = Decide(*store_, author_, r);
  ASSERT_TRUE(decided.ok()) << decided.status().message();
  ASSERT_EQ(decided->size(), 1u);
  const Decision& d = (*decided)[0];
  EXPECT_EQ(d.entity, "triage:pkg:npm/left-pad@1.1.0/CVE-2026-0001");
  EXPECT_EQ(d.version, 1);
  EXPECT_EQ(d.ssvc_priority, "defer");
  EXPECT_EQ(d.aware, "2026-03-04");  // first seen of the finding (TestTime)
  ASSERT_TRUE(d.environmental_score.has_value());
  EXPECT_DOUBLE_EQ(*d.environmental_score, 7.8);
  EXPECT_EQ(d.environmental_rating, "high");
  ASSERT_EQ(d.covers.size(), 1u);
  EXPECT_EQ(d.covers[0].release, "1.0");

  // A later release shipping the same component version: covered too.
  AddRelease("1.1");
  found = All();
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(*StatesOf(*store_, found), (std::vector<std::string>{"not_affected", "not_affected"}));
  EXPECT_EQ(*Sync(*store_, author_), 1);
  EXPECT_EQ(*Sync(*store_, author_), 0);
  auto current = DecisionFor(*store_, found[1]);
  ASSERT_TRUE(current.ok() && current->has_value());
  ASSERT_EQ((*current)->covers.size(), 2u);
  EXPECT_EQ((*current)->covers[1].release, "1.1");

  // A new version of the decision; the history keeps both.
  env_.Advance(std::chrono::minutes(5));
  Request again;
  again.finding_ids = {found[0].id, found[1].id};
  again.state = "exploitable";
  again.responses = {"update", "workaround_available"};
  again.detail = "reachable after all";
  decided = Decide(*store_, {"bob", "new analysis"}, again);
  ASSERT_TRUE(decided.ok()) << decided.status().message();
  ASSERT_EQ(decided->size(), 1u);  // both findings share the key
  EXPECT_EQ((*decided)[0].version, 2);
  EXPECT_EQ((*decided)[0].covers.size(), 2u);
  auto history = HistoryFor(*store_, found[0]);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].state, "not_affected");
  EXPECT_EQ((*history)[0].actor, "alice");
  EXPECT_EQ((*history)[1].state, "exploitable");
  EXPECT_EQ((*history)[1].actor, "bob");
  EXPECT_EQ((*history)[1].reason, "new analysis");
  auto verify = store_->Verify(std::nullopt);
  ASSERT_TRUE(verify.ok());
  EXPECT_TRUE(verify->ok()) << verify->problems[0].message;
}

TEST_P(TriageTest, MonitorEvaluatesThenCoversWithDecisions) {
  ASSERT_TRUE(Decide(*store_, author_, NotAffected(All().at(0).id)).ok());
  release::NewRelease r{};
  r.product = "pump";
  r.version = "1.1";
  r.sbom_bytes = kSbom;
  r.sbom_source = "pump.cdx.json";
  CollectingSink sink;
  ASSERT_TRUE(release::Add(*store_, author_, r, sink).ok());
  // The new release's first (full) evaluation, and the decision on
  // left-pad@1.1.0 now covers its finding as well.
  auto evaluations = Monitor(*store_, author_, "pump", "1.1", {});
  ASSERT_TRUE(evaluations.ok()) << evaluations.status().message();
  ASSERT_EQ(evaluations->size(), 1u);
  EXPECT_EQ((*evaluations)[0].mode, "full");
  EXPECT_EQ((*evaluations)[0].count("new"), 1);
  auto current = DecisionFor(*store_, All().at(1));
  ASSERT_TRUE(current.ok() && current->has_value());
  ASSERT_EQ((*current)->covers.size(), 2u);
  EXPECT_EQ((*current)->covers[1].release, "1.1");
  EXPECT_EQ(*Sync(*store_, author_), 0);  // nothing left to cover
  // Every monitored release, in creation order: no new findings.
  evaluations = Monitor(*store_, author_, "", "", {});
  ASSERT_TRUE(evaluations.ok());
  ASSERT_EQ(evaluations->size(), 2u);
  EXPECT_EQ((*evaluations)[0].release, "1.0");
  EXPECT_EQ((*evaluations)[1].count("new"), 0);
  EXPECT_EQ(Monitor(*store_, author_, "pump", "9.9", {}).status().code(), StatusCode::kNotFound);
}

TEST_P(TriageTest, Clocks) {
  std::vector<findings::StoredFinding> found = All();
  // Untriaged, unrated: 30 days from first seen 2026-03-04.
  auto due = Due(*store_, Policy(), "2026-04-03");
  ASSERT_TRUE(due.ok()) << due.status().message();
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].clock, "triage");
  EXPECT_EQ((*due)[0].due, "2026-04-03");
  EXPECT_FALSE((*due)[0].overdue);
  EXPECT_TRUE((*Due(*store_, Policy(), "2026-04-04"))[0].overdue);
  Policy strict;
  strict.unrated = 7;
  EXPECT_EQ((*Due(*store_, strict, "2026-03-01"))[0].due, "2026-03-11");

  // Uncontrolled risk, aware 2026-01-10: tell customers by 2026-02-09,
  // remediate by 2026-03-11.
  Request r;
  r.finding_ids = {found[0].id};
  r.state = "exploitable";
  r.detail = "d";
  r.fda_risk = "uncontrolled";
  r.fda_rationale = "could alter infusion rate";
  r.hazard = "HAZ-12";
  r.aware = "2026-01-10";
  ASSERT_TRUE(Decide(*store_, author_, r).ok());
  due = Due(*store_, Policy(), "2026-02-10");
  ASSERT_EQ(due->size(), 2u);
  EXPECT_EQ((*due)[0].clock, "communicate");
  EXPECT_EQ((*due)[0].due, "2026-02-09");
  EXPECT_TRUE((*due)[0].overdue);
  EXPECT_EQ((*due)[1].clock, "remediate");
  EXPECT_EQ((*due)[1].due, "2026-03-11");
  EXPECT_FALSE((*due)[1].overdue);
  r.communicated = "2026-02-01";
  ASSERT_TRUE(Decide(*store_, author_, r).ok());
  due = Due(*store_, Policy(), "2026-02-10");
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].clock, "remediate");
  r.state = "resolved";
  ASSERT_TRUE(Decide(*store_, author_, r).ok());
  EXPECT_TRUE(Due(*store_, Policy(), "2026-12-31")->empty());
}

TEST_P(TriageTest, Policy) {
  ASSERT_TRUE(
      env_.WriteFile("/p.yaml", "triage_days:\n  unrated: 3\n  kev: 2\nremediate_days: 45\n").ok());
  auto p = LoadPolicy(&env_, "/p.yaml");
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->unrated, 3);
  EXPECT_EQ(p->kev, 2);
  EXPECT_EQ(p->remediate_days, 45);
  EXPECT_EQ(p->critical, 7);
  ASSERT_TRUE(env_.WriteFile("/bad.yaml", "triage_days:\n  severe: 3\n").ok());
  auto bad = LoadPolicy(&env_, "/bad.yaml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "/bad.yaml: line 2: unknown key triage_days.severe (allowed: critical, high, medium, "
            "low, unrated, kev)");
  ASSERT_TRUE(env_.WriteFile("/neg.yaml", "communicate_days: -1\n").ok());
  EXPECT_FALSE(LoadPolicy(&env_, "/neg.yaml").ok());
}

TEST_P(TriageTest, ReviewCycle) {
  auto due = ReviewsDue(*store_, "2026-03-04");
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 1u);  // never reviewed, has a release
  EXPECT_TRUE((*due)[0].overdue);

  auto started = StartReview(*store_, author_, "pump");
  ASSERT_TRUE(started.ok()) << started.status().message();
  EXPECT_EQ(started->number, 1);
  int64_t id = All().at(0).id;
  EXPECT_EQ(started->finding_ids(), std::vector<int64_t>{id});
  ASSERT_EQ(started->contents["advisories"].size(), 1u);
  EXPECT_EQ(started->contents["advisories"][0]["identity"], "CVE-2026-0001");
  EXPECT_EQ(StartReview(*store_, author_, "pump").status().code(), StatusCode::kFailedPrecondition);

  auto refused = CompleteReview(*store_, author_, "pump", "carol", "");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("without a triage decision or deferral: " +
                                            std::to_string(id)),
            std::string::npos)
      << refused.status().message();
  EXPECT_FALSE(DeferInReview(*store_, author_, "pump", {id + 100}, "2026-04-01").ok());
  ASSERT_TRUE(DeferInReview(*store_, author_, "pump", {id}, "2026-04-01").ok());
  auto done = CompleteReview(*store_, author_, "pump", "carol", "all quiet");
  ASSERT_TRUE(done.ok()) << done.status().message();
  EXPECT_EQ(done->next_due, "2026-06-02");  // 2026-03-04 + 90 days
  EXPECT_EQ(done->covered[0]["decision"], "deferred until 2026-04-01");
  // Every known source is listed; only OSV has records.
  bool osv = false;
  for (const auto& s : done->sources) {
    if (s["source"] != "osv") continue;
    osv = true;
    EXPECT_EQ(s["newest_modified"], "2026-01-02T00:00:00Z");
  }
  EXPECT_TRUE(osv) << done->sources.dump();

  EXPECT_TRUE(ReviewsDue(*store_, "2026-06-01")->empty());
  due = ReviewsDue(*store_, "2026-06-03");
  ASSERT_EQ(due->size(), 1u);
  EXPECT_TRUE((*due)[0].overdue);

  // The next review only sees what changed since.
  env_.Advance(std::chrono::hours(1));
  auto second = StartReview(*store_, author_, "pump");
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_EQ(second->number, 2);
  EXPECT_EQ(second->since, started->started_at);
  EXPECT_TRUE(second->finding_ids().empty());
  ASSERT_TRUE(CompleteReview(*store_, author_, "pump", "carol", "").ok());
  EXPECT_EQ(ListReviews(*store_, "pump")->size(), 2u);
  auto verify = store_->Verify(std::nullopt);
  ASSERT_TRUE(verify.ok());
  EXPECT_TRUE(verify->ok()) << verify->problems[0].message;
}

SK_INSTANTIATE_BACKENDS(TriageTest);

}  // namespace
}  // namespace soupkeeper::triage
