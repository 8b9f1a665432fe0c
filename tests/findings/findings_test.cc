// Findings per release on SQLite and PostgreSQL: first evaluation, incremental
// re-evaluation (new, withdrawn, restored, changed, KEV), nothing written when
// nothing changed, filters, and the digest check of `log verify`.
#include "soupkeeper/findings.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "soupkeeper/hash.h"
#include "soupkeeper/product.h"
#include "soupkeeper/release.h"
#include "soupkeeper/vuln.h"
#include "store/backends.h"

namespace soupkeeper::findings {
namespace {

using testing::BackendTest;

// An npm advisory: `name` affected from 0 until `fixed`.
std::string Osv(const std::string& id, const std::string& alias, const std::string& name,
                const std::string& fixed, const std::string& modified,
                const std::string& extra = "") {
  return R"({"id": ")" + id + R"(", "modified": ")" + modified + R"(", "aliases": [")" + alias +
         R"("], "summary": "s", "affected": [{"package": {"ecosystem": "npm", "name": ")" + name +
         R"("}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": ")" +
         fixed + R"("}]}]}])" + extra + "}";
}

constexpr char kSbom[] = R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
  "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
  "components": [
    {"type": "library", "bom-ref": "left-pad", "name": "left-pad", "version": "1.1.0",
     "purl": "pkg:npm/left-pad@1.1.0"},
    {"type": "library", "bom-ref": "right-pad", "name": "right-pad", "version": "2.0.0",
     "purl": "pkg:npm/right-pad@2.0.0"}]})";

constexpr char kKev[] = R"({"title": "t", "catalogVersion": "2024.01.01",
  "dateReleased": "2024-01-01T00:00:00Z", "count": 1, "vulnerabilities": [{"cveID":
  "CVE-2024-0001", "vendorProject": "v", "product": "p", "vulnerabilityName": "n",
  "dateAdded": "2024-01-03", "shortDescription": "d", "requiredAction": "Apply updates.",
  "dueDate": "2024-01-24", "knownRansomwareCampaignUse": "Unknown", "notes": ""}]})";

class FindingsTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    store_ = OpenStore();
    ASSERT_NE(store_, nullptr);
    product::Product p;
    p.name = "pump";
    ASSERT_TRUE(product::Add(*store_, author_, p).ok());
    AddRelease("1.0");
  }
  void AddRelease(const std::string& version, const std::string& sbom = kSbom) {
    release::NewRelease r;
    r.product = "pump";
    r.version = version;
    r.sbom_bytes = sbom;
    r.sbom_source = "pump.cdx.json";
    CollectingSink sink;
    auto added = release::Add(*store_, author_, r, sink);
    ASSERT_TRUE(added.ok()) << added.status().message();
  }
  void Import(const std::string& path, const std::string& text) {
    ASSERT_TRUE(env_.WriteFile(path, text).ok());
    CollectingSink sink;
    auto r = vuln::ImportPaths(*store_, &env_, {path}, author_, sink);
    ASSERT_TRUE(r.ok()) << r.status().message();
    ASSERT_EQ(r->errors(), 0);
  }
  Evaluation Eval(const std::string& version = "1.0", bool full = false) {
    env_.Advance(std::chrono::minutes(1));
    auto e = Evaluate(*store_, author_, "pump", version, {full});
    EXPECT_TRUE(e.ok()) << e.status().message();
    return e.ok() ? *e : Evaluation();
  }
  std::vector<StoredFinding> Listed(Filter f = {}) {
    auto r = List(*store_, f);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : std::vector<StoredFinding>();
  }
  // The stored last_seen column of a finding.
  std::string StoredLastSeen(int64_t id) {
    auto rows = Raw()->Query("SELECT last_seen FROM findings WHERE id = ?", {id});
    EXPECT_TRUE(rows.ok() && rows->size() == 1);
    return rows.ok() && rows->size() == 1 ? rows->rows[0].Text(0).value() : "";
  }
  // The digest findings.h defines, worked out here from the release's finding
  // rows as stored.
  std::string ExpectedDigest(const std::string& version = "1.0") {
    std::vector<StoredFinding> all =
        Listed({.product = "pump", .release = version, .status = "all"});
    std::sort(all.begin(), all.end(),
              [](const StoredFinding& a, const StoredFinding& b) { return a.id < b.id; });
    nlohmann::json rows = nlohmann::json::array();
    for (StoredFinding& f : all) {
      f.last_seen = StoredLastSeen(f.id);
      rows.push_back(nlohmann::json::array(
          {f.id, f.component_ordinal, f.vulnerability, f.status, f.confidence,
           f.score ? nlohmann::json(nlohmann::json(*f.score).dump()) : nlohmann::json(), f.rating,
           f.kev, f.detail, f.first_seen, f.last_seen,
           f.withdrawn_at ? nlohmann::json(*f.withdrawn_at) : nlohmann::json()}));
    }
    EXPECT_EQ(FindingsDigest(all), Sha256Hex(rows.dump()));
    return Sha256Hex(rows.dump());
  }
  // What a finding says, without its id and times, by component and identity.
  std::vector<std::string> Said(const std::string& version) {
    std::vector<std::string> out;
    for (const StoredFinding& f :
         Listed({.product = "pump", .release = version, .status = "all"})) {
      nlohmann::json j = ToJson(f);
      for (const char* key : {"id", "release", "first_seen", "last_seen", "withdrawn_at"}) {
        j.erase(key);
      }
      j["open"] = f.open();
      out.push_back(j.dump());
    }
    return out;
  }
  // A column of the release's evaluation row, as stored.
  std::optional<std::string> EvaluationColumn(const std::string& column,
                                              const std::string& version = "1.0") {
    auto raw = Raw();
    auto rows = raw->Query("SELECT " + column + " FROM finding_evaluations WHERE entity = ?",
                           {"findings:pump@" + version});
    EXPECT_TRUE(rows.ok() && rows->size() == 1);
    return rows.ok() && rows->size() == 1 ? rows->rows[0].OptionalText(0).value()
                                          : std::optional<std::string>();
  }
  int64_t StoredKeys(const std::string& version) {
    auto raw = Raw();
    auto rows = raw->Query(
        "SELECT COUNT(*) FROM release_match_keys WHERE product = 'pump' AND release_version = ?",
        {version});
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? rows->rows[0].Int(0).value() : -1;
  }
  std::vector<Evaluation> EvalAll() {
    env_.Advance(std::chrono::minutes(1));
    auto all = EvaluateAll(*store_, author_, "pump", {});
    EXPECT_TRUE(all.ok()) << all.status().message();
    return all.ok() ? *all : std::vector<Evaluation>();
  }
  void ExpectVerified() {
    auto check = CheckFindings(*store_);
    ASSERT_TRUE(check.ok());
    EXPECT_TRUE(check->empty());
    auto verify = store_->Verify(std::nullopt);
    ASSERT_TRUE(verify.ok());
    EXPECT_TRUE(verify->ok());
    for (const auto& p : verify->problems) ADD_FAILURE() << p.kind << ": " << p.message;
  }
  // The digest the release's evaluation row records.
  std::string RecordedDigest(const std::string& version = "1.0") {
    auto raw = Raw();
    auto rows = raw->Query("SELECT findings_sha256 FROM finding_evaluations WHERE entity = ?",
                           {"findings:pump@" + version});
    EXPECT_TRUE(rows.ok() && rows->size() == 1);
    return rows.ok() && rows->size() == 1 ? rows->rows[0].Text(0).value() : "";
  }
  size_t EventCount() {
    auto events = store_->Events({});
    return events.ok() ? events->size() : 0;
  }

  store::Author author_{"tester", "test"};
  std::unique_ptr<store::Store> store_;
};

TEST_P(FindingsTest, FirstEvaluationIsFullAndFindsTheAffectedComponent) {
  Import("/f/a.json",
         Osv("GHSA-1111-1111-1111", "CVE-2024-0001", "left-pad", "1.2.0", "2024-01-01T00:00:00Z"));
  Evaluation e = Eval();
  EXPECT_EQ(e.mode, "full");
  EXPECT_EQ(e.open, 1);
  EXPECT_EQ(e.withdrawn, 0);
  ASSERT_EQ(e.changes.size(), 1u);
  EXPECT_EQ(e.changes[0].change, "new");
  EXPECT_EQ(e.changes[0].component, "left-pad@1.1.0");
  EXPECT_EQ(Summary(e),
            "pump 1.0: 1 new, 0 withdrawn, 0 changed, 0 restored, 0 newly in KEV (full); 1 open, "
            "0 withdrawn");

  std::vector<StoredFinding> open = Listed();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].vulnerability, "CVE-2024-0001");
  EXPECT_EQ(open[0].component_ordinal, 0);
  EXPECT_EQ(open[0].component_ref, "left-pad");
  EXPECT_EQ(open[0].purl, "pkg:npm/left-pad@1.1.0");
  EXPECT_EQ(open[0].status, "affected");
  EXPECT_EQ(open[0].confidence, "high");
  EXPECT_EQ(open[0].first_seen, e.at);
  EXPECT_EQ(open[0].last_seen, e.at);
  EXPECT_FALSE(open[0].kev);
  EXPECT_EQ(open[0].detail["evidence"][0]["record_id"], "GHSA-1111-1111-1111");
  EXPECT_EQ(open[0].detail["fixed_versions"], nlohmann::json::array({"1.2.0"}));
}

TEST_P(FindingsTest, NothingChangedWritesNothing) {
  Import("/f/a.json",
         Osv("GHSA-1111-1111-1111", "CVE-2024-0001", "left-pad", "1.2.0", "2024-01-01T00:00:00Z"));
  Evaluation first = Eval();
  size_t events = EventCount();
  Evaluation again = Eval();
  EXPECT_EQ(again.mode, "unchanged");
  EXPECT_EQ(again.at, first.at);
  EXPECT_EQ(again.open, 1);
  EXPECT_EQ(EventCount(), events);
  // The same bytes imported again change no record.
  Import("/f/a.json",
         Osv("GHSA-1111-1111-1111", "CVE-2024-0001", "left-pad", "1.2.0", "2024-01-01T00:00:00Z"));
  events = EventCount();
  EXPECT_EQ(Eval().mode, "unchanged");
  EXPECT_EQ(EventCount(), events);
}

TEST_P(FindingsTest, IncrementalEvaluationWithdrawsRestoresAndAdds) {
  Import("/f/a.json",
         Osv("GHSA-1111-1111-1111", "CVE-2024-0001", "left-pad", "1.2.0", "2024-01-01T00:00:00Z"));
  Evaluation first = Eval();
  ASSERT_EQ(first.open, 1);

  // The advisory now says 1.1.0 fixed it (left-pad 1.1.0 is not affected);
  // a new one concerns right-pad 2.0.0.
  env_.Advance(std::chrono::minutes(1));
  Import("/f/a.json",
         Osv("GHSA-1111-1111-1111", "CVE-2024-0001", "left-pad", "1.1.0", "2024-02-01T00:00:00Z"));
  Import("/f/b.json",
         Osv("GHSA-2222-2222-2222", "CVE-2024-0002", "right-pad", "3.0.0", "2024-02-01T00:00:00Z"));
  Evaluation second = Eval();
  EXPECT_EQ(second.mode, "incremental");
  EXPECT_EQ(second.count("new"), 1);
  EXPECT_EQ(second.count("withdrawn"), 1);
  EXPECT_EQ(second.open, 1);
  EXPECT_EQ(second.withdrawn, 1);
  std::vector<StoredFinding> withdrawn = Listed({.status = "withdrawn"});
  ASSERT_EQ(withdrawn.size(), 1u);
  EXPECT_EQ(withdrawn[0].vulnerability, "CVE-2024-0001");
  EXPECT_EQ(withdrawn[0].withdrawn_at, second.at);
  EXPECT_EQ(withdrawn[0].last_seen, first.at);
  std::vector<StoredFinding> open = Listed();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].vulnerability, "CVE-2024-0002");
  EXPECT_EQ(open[0].first_seen, second.at);
  // Only findings new since the second evaluation.
  EXPECT_EQ(Listed({.status = "all", .since = second.at}).size(), 1u);
  EXPECT_EQ(Listed({.status = "all"}).size(), 2u);

  // Back to the first range: the finding comes back with its id.
  env_.Advance(std::chrono::minutes(1));
  Import("/f/a.json",
         Osv("GHSA-1111-1111-1111", "CVE-2024-0001", "left-pad", "1.2.0", "2024-03-01T00:00:00Z"));
  Evaluation third = Eval();
  ASSERT_EQ(third.changes.size(), 1u);
  EXPECT_EQ(third.changes[0].change, "restored");
  EXPECT_EQ(third.changes[0].finding_id, withdrawn[0].id);
  EXPECT_EQ(third.open, 2);
  auto history = History(*store_, withdrawn[0].id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].change, "new");
  EXPECT_EQ((*history)[1].change, "withdrawn");
  EXPECT_EQ((*history)[2].change, "restored");
  EXPECT_EQ((*history)[2].at, third.at);
  EXPECT_FALSE((*history)[2].cause_at.empty());
}

TEST_P(FindingsTest, OpenFindingsAreLastSeenByTheLastEvaluationWithoutRewritingTheirRows) {
  Import("/f/a.json",
         Osv("GHSA-1111-1111-1111", "CVE-2024-0001", "left-pad", "1.2.0", "2024-01-01T00:00:00Z"));
  Evaluation first = Eval();
  // An advisory of the other component: the left-pad finding stays as it is.
  env_.Advance(std::chrono::minutes(1));
  Import("/f/b.json",
         Osv("GHSA-2222-2222-2222", "CVE-2024-0002", "right-pad", "3.0.0", "2024-02-01T00:00:00Z"));
  Evaluation second = Eval();
  ASSERT_EQ(second.mode, "incremental");
  ASSERT_EQ(second.changes.size(), 1u);
  EXPECT_EQ(second.changes[0].vulnerability, "CVE-2024-0002");

  std::vector<StoredFinding> open = Listed();
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].vulnerability, "CVE-2024-0001");
  EXPECT_EQ(open[0].first_seen, first.at);
  EXPECT_EQ(open[0].last_seen, second.at);
  EXPECT_EQ(open[1].last_seen, second.at);
  auto one = Get(*store_, open[0].id);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->last_seen, second.at);
  // Its row was not written again: the column keeps the time it was written,
  // and the digest covers the rows as stored.
  EXPECT_EQ(StoredLastSeen(open[0].id), first.at);
  EXPECT_EQ(RecordedDigest(), ExpectedDigest());
  auto check = CheckFindings(*store_);
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->empty());

  // Withdrawn later, it keeps the time of the last evaluation that saw it.
  env_.Advance(std::chrono::minutes(1));
  Import("/f/a.json",
         Osv("GHSA-1111-1111-1111", "CVE-2024-0001", "left-pad", "1.1.0", "2024-03-01T00:00:00Z"));
  Evaluation third = Eval();
  ASSERT_EQ(third.count("withdrawn"), 1);
  std::vector<StoredFinding> withdrawn = Listed({.status = "withdrawn"});
  ASSERT_EQ(withdrawn.size(), 1u);
  EXPECT_EQ(withdrawn[0].last_seen, second.at);
  EXPECT_EQ(withdrawn[0].withdrawn_at, third.at);
  EXPECT_EQ(Listed()[0].last_seen, third.at);
  check = CheckFindings(*store_);
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->empty());
}

TEST_P(FindingsTest, ChangedRecordAndKevAdditionAreChanges) {
  Import("/f/a.json",
         Osv("GHSA-1111-1111-1111", "CVE-2024-0001", "left-pad", "1.2.0", "2024-01-01T00:00:00Z"));
  Eval();
  // A severity appears: the finding stays, and changes.
  env_.Advance(std::chrono::minutes(1));
  Import("/f/a.json",
         Osv("GHSA-1111-1111-1111", "CVE-2024-0001", "left-pad", "1.2.0", "2024-02-01T00:00:00Z",
             R"(, "severity": [{"type": "CVSS_V3",
                "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}])"));
  Evaluation changed = Eval();
  ASSERT_EQ(changed.changes.size(), 1u);
  EXPECT_EQ(changed.changes[0].change, "changed");
  std::vector<StoredFinding> open = Listed();
  ASSERT_EQ(open.size(), 1u);
  ASSERT_TRUE(open[0].score.has_value());
  EXPECT_DOUBLE_EQ(*open[0].score, 9.8);
  EXPECT_EQ(open[0].rating, "critical");
  EXPECT_EQ(Listed({.min_rating = "critical"}).size(), 1u);
  EXPECT_TRUE(Listed({.kev_only = true}).empty());
  EXPECT_EQ(Listed({.vulnerability = "CVE-2024-0001"}).size(), 1u);
  EXPECT_TRUE(Listed({.vulnerability = "CVE-2024-0002"}).empty());

  // CISA adds it to KEV: no record history, still a change of the finding.
  env_.Advance(std::chrono::minutes(1));
  Import("/f/kev.json", kKev);
  Evaluation kev = Eval();
  EXPECT_EQ(kev.mode, "full");
  ASSERT_EQ(kev.changes.size(), 1u);
  EXPECT_EQ(kev.changes[0].change, "kev");
  ASSERT_EQ(Listed({.kev_only = true}).size(), 1u);
  EXPECT_EQ(Listed({.kev_only = true})[0].detail["kev"]["due_date"], "2024-01-24");
  // A scored finding in KEV (a number and `true` in the digested row).
  EXPECT_EQ(RecordedDigest(), ExpectedDigest());
}

// An SBOM of one component, center-pad 1.0.0.
constexpr char kOtherSbom[] = R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
  "serialNumber": "urn:uuid:0b7e0e2a-4f8e-4a55-9d7e-3d1f5b6c7a80",
  "components": [
    {"type": "library", "bom-ref": "center-pad", "name": "center-pad", "version": "1.0.0",
     "purl": "pkg:npm/center-pad@1.0.0"}]})";

TEST_P(FindingsTest, AReleaseTheChangesDoNotReachIsEvaluatedWithoutItsSbomAndVerifies) {
  AddRelease("2.0", kOtherSbom);
  Import("/f/a.json",
         Osv("GHSA-1111-1111-1111", "CVE-2024-0001", "left-pad", "1.2.0", "2024-01-01T00:00:00Z"));
  std::vector<Evaluation> first = EvalAll();
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[1].mode, "full");
  // The OSV, purl and CSAF name keys of each component.
  EXPECT_EQ(StoredKeys("1.0"), 6);
  EXPECT_EQ(StoredKeys("2.0"), 3);
  const std::optional<std::string> digest_2 = EvaluationColumn("findings_sha256", "2.0");

  // An advisory of right-pad: only release 1.0 carries it. Release 2.0's
  // stored SBOM is damaged: reading it would fail the pass.
  Import("/f/b.json",
         Osv("GHSA-2222-2222-2222", "CVE-2024-0002", "right-pad", "3.0.0", "2024-02-01T00:00:00Z"));
  const std::string unguard = GetParam() == testing::Backend::kSqlite
                                  ? "DROP TRIGGER sbom_documents_no_update; "
                                  : "DROP TRIGGER sbom_documents_guard ON sbom_documents; ";
  Attack(unguard +
         "UPDATE sbom_documents SET content = content || ' ' WHERE content LIKE '%center-pad%'");
  size_t events = EventCount();
  std::vector<Evaluation> second = EvalAll();
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].count("new"), 1);
  EXPECT_EQ(second[1].mode, "incremental");
  EXPECT_TRUE(second[1].changes.empty());
  EXPECT_EQ(second[1].open, 0);
  EXPECT_EQ(EvaluationColumn("evaluated_at", "2.0"), second[1].at);
  EXPECT_EQ(EvaluationColumn("findings_sha256", "2.0"), digest_2);
  EXPECT_EQ(EventCount(), events + 3);  // the index, release 1.0, release 2.0
  auto trail = store_->Events({"findings:pump@2.0", 1});
  ASSERT_TRUE(trail.ok());
  ASSERT_EQ(trail->size(), 1u);
  EXPECT_EQ((*trail)[0].action, "findings.evaluate");
  Attack("UPDATE sbom_documents SET content = rtrim(content) WHERE content LIKE '%center-pad%'");
  ExpectVerified();
  EXPECT_EQ(Evaluate(*store_, author_, "pump", "2.0", {}).value().mode, "unchanged");

  // An advisory of center-pad reaches release 2.0 from its last evaluation.
  Import("/f/c.json", Osv("GHSA-3333-3333-3333", "CVE-2024-0003", "center-pad", "2.0.0",
                          "2024-03-01T00:00:00Z"));
  std::vector<Evaluation> third = EvalAll();
  ASSERT_EQ(third.size(), 2u);
  EXPECT_TRUE(third[0].changes.empty());
  EXPECT_EQ(third[1].count("new"), 1);
  EXPECT_EQ(third[1].open, 1);
  EXPECT_EQ(RecordedDigest("2.0"), ExpectedDigest("2.0"));
  ExpectVerified();
}

TEST_P(FindingsTest, IncrementalEvaluationsEndAsAFullEvaluationWould) {
  Import("/f/a.json",
         Osv("GHSA-1111-1111-1111", "CVE-2024-0001", "left-pad", "1.2.0", "2024-01-01T00:00:00Z"));
  Eval();
  // The advisory changes its severity, another one appears, then the first
  // moves to a package the release does not have: reached through the
  // finding only (the release's keys no longer meet the record's).
  Import("/f/a.json",
         Osv("GHSA-1111-1111-1111", "CVE-2024-0001", "left-pad", "1.2.0", "2024-02-01T00:00:00Z",
             R"(, "severity": [{"type": "CVSS_V3",
                "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}])"));
  Import("/f/b.json",
         Osv("GHSA-2222-2222-2222", "CVE-2024-0002", "right-pad", "3.0.0", "2024-02-01T00:00:00Z"));
  Evaluation second = Eval();
  EXPECT_EQ(second.mode, "incremental");
  EXPECT_EQ(second.count("changed"), 1);
  EXPECT_EQ(second.count("new"), 1);
  env_.Advance(std::chrono::minutes(1));
  Import("/f/a.json",
         Osv("GHSA-1111-1111-1111", "CVE-2024-0001", "other-pad", "1.2.0", "2024-03-01T00:00:00Z"));
  Evaluation third = Eval();
  EXPECT_EQ(third.mode, "incremental");
  ASSERT_EQ(third.changes.size(), 1u);
  EXPECT_EQ(third.changes[0].change, "withdrawn");
  EXPECT_EQ(third.changes[0].vulnerability, "CVE-2024-0001");
  ExpectVerified();

  // The same SBOM evaluated fully now says the same.
  AddRelease("1.0-full");
  Evaluation full = Eval("1.0-full");
  EXPECT_EQ(full.mode, "full");
  std::vector<std::string> incremental = Said("1.0");
  ASSERT_EQ(incremental.size(), 2u);
  std::vector<std::string> fully = Said("1.0-full");
  fully.insert(fully.begin(), incremental[0]);  // a full evaluation has no withdrawn findings
  EXPECT_EQ(incremental, fully);
}

TEST_P(FindingsTest, AReleaseEvaluatedBeforeItsKeysWereStoredStoresThemAtItsNextEvaluation) {
  AddRelease("2.0", kOtherSbom);
  Import("/f/a.json",
         Osv("GHSA-1111-1111-1111", "CVE-2024-0001", "left-pad", "1.2.0", "2024-01-01T00:00:00Z"));
  EvalAll();
  // As a database evaluated before schema 16 (the key tables are not
  // audited: nothing else tells).
  Attack("DELETE FROM release_match_keys; DELETE FROM release_keyed");
  Import("/f/b.json",
         Osv("GHSA-2222-2222-2222", "CVE-2024-0002", "right-pad", "3.0.0", "2024-02-01T00:00:00Z"));
  std::vector<Evaluation> second = EvalAll();
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].count("new"), 1);
  // Evaluated as before (its components matched), and its keys stored.
  EXPECT_TRUE(second[1].changes.empty());
  EXPECT_EQ(EvaluationColumn("evaluated_at", "2.0"), second[1].at);
  EXPECT_EQ(StoredKeys("1.0"), 6);
  EXPECT_EQ(StoredKeys("2.0"), 3);
  ExpectVerified();
  Import("/f/b.json",
         Osv("GHSA-2222-2222-2222", "CVE-2024-0002", "right-pad", "3.1.0", "2024-03-01T00:00:00Z"));
  std::vector<Evaluation> third = EvalAll();
  ASSERT_EQ(third.size(), 2u);
  EXPECT_EQ(third[0].count("changed"), 1);
  EXPECT_EQ(EvaluationColumn("evaluated_at", "2.0"), third[1].at);
  ExpectVerified();
}

TEST_P(FindingsTest, ADatabaseOfSchema14MigratesVerifiesAndIsEvaluatedAsBefore) {
  Import("/f/a.json",
         Osv("GHSA-1111-1111-1111", "CVE-2024-0001", "left-pad", "1.2.0", "2024-01-01T00:00:00Z"));
  Evaluation first = Eval();
  // Back to schema 14: without the key tables and the index bounds (the
  // rows and events of a first evaluation are what schema 14 wrote).
  store_.reset();
  Attack(
      "DROP TABLE release_match_keys; DROP TABLE release_keyed; ALTER TABLE match_index DROP "
      "COLUMN bounds; DROP TABLE match_index_form; DELETE FROM schema_version WHERE version > "
      "14");
  store_ = OpenStore();  // migrates
  ASSERT_NE(store_, nullptr);
  EXPECT_EQ(store_->schema_version(),
            store::LatestSchemaVersion(GetParam() == testing::Backend::kSqlite ? "sqlite"
                                                                               : "postgresql"));
  ExpectVerified();
  EXPECT_EQ(StoredKeys("1.0"), 0);
  std::vector<StoredFinding> open = Listed();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].last_seen, first.at);

  // The next evaluation matches as before and stores the keys.
  Import("/f/b.json",
         Osv("GHSA-2222-2222-2222", "CVE-2024-0002", "right-pad", "3.0.0", "2024-02-01T00:00:00Z"));
  Evaluation second = Eval();
  EXPECT_EQ(second.mode, "incremental");
  EXPECT_EQ(second.count("new"), 1);
  EXPECT_EQ(StoredKeys("1.0"), 6);
  EXPECT_EQ(Listed()[0].last_seen, second.at);
  ExpectVerified();
}

TEST_P(FindingsTest, EvaluateAllSkipsRetiredReleases) {
  AddRelease("2.0");
  ASSERT_TRUE(release::Freeze(*store_, author_, "pump", "1.0").ok());
  ASSERT_TRUE(
      release::Advance(*store_, author_, "pump", "1.0", release::ReleaseStatus::kRetired).ok());
  Import("/f/a.json",
         Osv("GHSA-1111-1111-1111", "CVE-2024-0001", "left-pad", "1.2.0", "2024-01-01T00:00:00Z"));
  auto all = EvaluateAll(*store_, author_, "", {});
  ASSERT_TRUE(all.ok()) << all.status().message();
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].release, "2.0");
  EXPECT_EQ((*all)[0].open, 1);
  EXPECT_TRUE(Listed({.product = "pump", .release = "1.0"}).empty());
}

TEST_P(FindingsTest, BadFiltersAndUnknownTargets) {
  auto bad_status = List(*store_, {.status = "closed"});
  ASSERT_FALSE(bad_status.ok());
  EXPECT_EQ(bad_status.status().message(),
            "unknown finding status 'closed' (allowed: open, withdrawn, all)");
  auto bad_rating = List(*store_, {.min_rating = "severe"});
  ASSERT_FALSE(bad_rating.ok());
  EXPECT_EQ(bad_rating.status().message(),
            "unknown severity 'severe' (allowed: low, medium, high, critical)");
  EXPECT_EQ(List(*store_, {.product = "nope"}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(List(*store_, {.product = "pump", .release = "9.9"}).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(List(*store_, {.release = "1.0"}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Evaluate(*store_, author_, "pump", "9.9", {}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Get(*store_, 42).status().code(), StatusCode::kNotFound);
}

TEST_P(FindingsTest, TamperedFindingRowsAreDetected) {
  Import("/f/a.json",
         Osv("GHSA-1111-1111-1111", "CVE-2024-0001", "left-pad", "1.2.0", "2024-01-01T00:00:00Z"));
  Eval();
  auto clean = CheckFindings(*store_);
  ASSERT_TRUE(clean.ok());
  EXPECT_TRUE(clean->empty());
  auto verify = store_->Verify(std::nullopt);
  ASSERT_TRUE(verify.ok());
  EXPECT_TRUE(verify->ok());

  // Someone hides the finding behind soupkeeper's back.
  Attack("UPDATE findings SET withdrawn_at = '2026-03-04T06:00:00Z'");
  auto tampered = CheckFindings(*store_);
  ASSERT_TRUE(tampered.ok());
  ASSERT_EQ(tampered->size(), 1u);
  EXPECT_EQ((*tampered)[0].kind, "findings_changed");
  EXPECT_NE((*tampered)[0].message.find("findings:pump@1.0"), std::string::npos);
  // And the rows cannot be deleted.
  auto raw = Raw();
  ASSERT_NE(raw, nullptr);
  EXPECT_FALSE(raw->ExecScript("DELETE FROM findings").ok());
}

SK_INSTANTIATE_BACKENDS(FindingsTest);

}  // namespace
}  // namespace soupkeeper::findings
