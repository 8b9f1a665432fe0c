// The match index and scans through the store, on SQLite and PostgreSQL:
// the index follows imports (audited), scans read KEV and EPSS, and
// re-evaluation returns new and withdrawn findings, and its cache of changed
// records is used only for the same changes.
#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>

#include "soupkeeper/match.h"
#include "store/backends.h"
#include "store/schema_files.h"

namespace soupkeeper::match {
namespace {

using testing::BackendTest;

std::string Osv(const std::string& id, const std::string& alias, const std::string& name,
                const std::string& fixed, const std::string& modified) {
  return R"({"id": ")" + id + R"(", "modified": ")" + modified + R"(", "aliases": [")" + alias +
         R"("], "summary": "s", "affected": [{"package": {"ecosystem": "npm", "name": ")" + name +
         R"("}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": ")" +
         fixed + R"("}]}]}]})";
}

class MatchStoreTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    store_ = OpenStore();
    ASSERT_NE(store_, nullptr);
    for (const auto& [name, version] : std::vector<std::pair<std::string, std::string>>{
             {"left-pad", "1.1.0"}, {"right-pad", "2.0.0"}}) {
      sbom::Component c;
      c.ref = doc_.Keep(name);
      c.name = doc_.Keep(name);
      c.version = doc_.Keep(version);
      c.purl = doc_.Keep("pkg:npm/" + name + "@" + version);
      doc_.components.push_back(c);
    }
  }
  void Put(const std::string& path, const std::string& text) {
    ASSERT_TRUE(env_.WriteFile(path, text).ok());
  }
  void Import(const std::vector<std::string>& paths) {
    CollectingSink sink;
    auto r = vuln::ImportPaths(*store_, &env_, paths, {"tester", ""}, sink);
    ASSERT_TRUE(r.ok()) << r.status().message();
    ASSERT_EQ(r->errors(), 0);
  }
  ScanResult DoScan() {
    CollectingSink sink;
    auto r = Scan(*store_, doc_, {"tester", "scan"}, sink);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : ScanResult();
  }
  // GHSA-1111-1111-1111 (CVE-2024-0001): left-pad affected until `fixed`.
  void PutLeftPad(const std::string& fixed, const std::string& modified) {
    Put("/f/a.json", Osv("GHSA-1111-1111-1111", "CVE-2024-0001", "left-pad", fixed, modified));
  }
  // An hour later: the time from which later imports count as changes.
  std::string NextHour() {
    env_.Advance(std::chrono::hours(1));
    return FormatTime(env_.Now());
  }
  Result<std::vector<Delta>> Reeval(const ScanResult& before, const std::string& since,
                                    ChangedKnowledge* cache = nullptr) {
    CollectingSink sink;
    return Reevaluate(*store_, {"tester", ""}, PrepareComponents(doc_, sink), before.findings,
                      since, cache);
  }
  size_t IndexEvents() {
    auto events = store_->Events({"match-index", 0});
    EXPECT_TRUE(events.ok());
    return events.ok() ? events->size() : 0;
  }

  std::unique_ptr<store::Store> store_;
  sbom::Document doc_;
};

TEST_P(MatchStoreTest, IndexFollowsImportsAndIsAudited) {
  Put("/f/a.json",
      Osv("GHSA-1111-1111-1111", "CVE-2024-0001", "left-pad", "1.2.0", "2024-01-01T00:00:00Z"));
  Import({"/f"});
  auto stale = IndexIsStale(*store_);
  ASSERT_TRUE(stale.ok());
  EXPECT_TRUE(*stale);
  ScanResult first = DoScan();
  ASSERT_EQ(first.findings.size(), 1u);
  EXPECT_EQ(first.findings[0].component_ref, "left-pad");
  EXPECT_EQ(first.findings[0].vulnerability, "CVE-2024-0001");
  EXPECT_EQ(IndexEvents(), 1u);
  EXPECT_FALSE(*IndexIsStale(*store_));
  DoScan();  // fresh index: no new event
  EXPECT_EQ(IndexEvents(), 1u);

  // A record written later in the same second is still seen.
  Put("/g/b.json",
      Osv("GHSA-2222-2222-2222", "CVE-2024-0002", "right-pad", "3.0.0", "2024-01-02T00:00:00Z"));
  Import({"/g"});
  EXPECT_TRUE(*IndexIsStale(*store_));
  ScanResult second = DoScan();
  ASSERT_EQ(second.findings.size(), 2u);
  EXPECT_EQ(second.findings[1].vulnerability, "CVE-2024-0002");
  EXPECT_EQ(IndexEvents(), 2u);
  auto verify = store_->Verify(std::nullopt);
  ASSERT_TRUE(verify.ok());
  EXPECT_TRUE(verify->ok());
}

// The index keeps each record's version bounds under each key (schema 17 /
// 16): a scan reads a record only for components whose versions its bounds do
// not rule out, and still counts the others as considered. An index of the
// older form (no bounds) is rebuilt whole at the next refresh, audited, and
// finds the same.
TEST_P(MatchStoreTest, IndexBoundsRuleOutVersionsAndAnOlderIndexIsRebuilt) {
  PutLeftPad("1.0.0", "2024-01-01T00:00:00Z");  // left-pad 1.1.0 is not affected
  Put("/f/b.json",
      Osv("GHSA-2222-2222-2222", "CVE-2024-0002", "right-pad", "3.0.0", "2024-01-02T00:00:00Z"));
  Import({"/f"});
  auto bounds = [&](const std::string& key) {
    std::optional<std::string> out;
    EXPECT_TRUE(store_
                    ->Read([&](store::Txn& txn) -> Status {
                      SK_ASSIGN_OR_RETURN(
                          store::Rows rows,
                          txn.Query("SELECT bounds FROM match_index WHERE lookup_key = ?", {key}));
                      if (rows.size() != 1) return Internal("not one row");
                      SK_ASSIGN_OR_RETURN(out, rows.rows[0].OptionalText(0));
                      return Status::Ok();
                    })
                    .ok());
    return out;
  };
  ScanResult first = DoScan();
  ASSERT_EQ(first.findings.size(), 1u);
  EXPECT_EQ(first.findings[0].component_ref, "right-pad");
  EXPECT_EQ(first.stats.records_considered, 2);
  EXPECT_EQ(bounds("osv:npm:left-pad"), "onpm\tSi0,f1.0.0");
  EXPECT_EQ(bounds("osv:npm:right-pad"), "onpm\tSi0,f3.0.0");
  EXPECT_EQ(IndexEvents(), 1u);

  // As an index written before the bounds.
  {
    auto raw = Raw();
    ASSERT_NE(raw, nullptr);
    ASSERT_TRUE(
        raw->ExecScript("UPDATE match_index SET bounds = NULL; DELETE FROM match_index_form").ok());
  }
  EXPECT_TRUE(*IndexIsStale(*store_));
  ScanResult again = DoScan();
  ASSERT_EQ(again.findings.size(), 1u);
  EXPECT_EQ(again.findings[0].component_ref, "right-pad");
  EXPECT_EQ(again.stats.records_considered, 2);
  EXPECT_EQ(bounds("osv:npm:left-pad"), "onpm\tSi0,f1.0.0");
  EXPECT_EQ(IndexEvents(), 2u);
  EXPECT_FALSE(*IndexIsStale(*store_));
  auto verify = store_->Verify(std::nullopt);
  ASSERT_TRUE(verify.ok());
  EXPECT_TRUE(verify->ok());
}

// A scan reads the knowledge of 2,000 components at a time on a second
// thread while this one matches the chunk before (kb_index.cc): every
// component of a 5,000-component SBOM is matched against the records its own
// keys reach, whichever chunk it is in, and the findings come in component
// order.
TEST_P(MatchStoreTest, AScanInSeveralChunksFindsWhatEachComponentCarries) {
  for (int p = 0; p < 7; ++p) {
    const std::string n = std::to_string(p);
    Put("/f/" + n + ".json", Osv("GHSA-" + n + "000-0000-0000", "CVE-2024-100" + n, "pkg-" + n,
                                 "2.0.0", "2024-01-01T00:00:00Z"));
  }
  Import({"/f"});
  doc_.components.clear();
  constexpr size_t kComponents = 5000;
  for (size_t i = 0; i < kComponents; ++i) {
    sbom::Component c;
    c.ref = doc_.Keep("c" + std::to_string(i));
    c.name = doc_.Keep("pkg-" + std::to_string(i % 7));
    c.version = i % 3 == 0 ? sbom::Text("1.5.0") : sbom::Text("2.1.0");  // every third is affected
    c.purl = doc_.Keep("pkg:npm/" + c.name + "@" + c.version);
    doc_.components.push_back(c);
  }
  ScanResult r = DoScan();
  ASSERT_EQ(r.findings.size(), (kComponents + 2) / 3);
  EXPECT_EQ(r.stats.components, static_cast<int64_t>(kComponents));
  for (size_t k = 0; k < r.findings.size(); ++k) {
    const Finding& f = r.findings[k];
    ASSERT_EQ(f.component_index, 3 * k);
    EXPECT_EQ(f.vulnerability, "CVE-2024-100" + std::to_string(f.component_index % 7));
  }
}

TEST_P(MatchStoreTest, ARecordThatNamesAnotherPackageLeavesItsOldKeys) {
  Put("/f/a.json",
      Osv("GHSA-1111-1111-1111", "CVE-2024-0001", "left-pad", "1.2.0", "2024-01-01T00:00:00Z"));
  Import({"/f"});
  ASSERT_EQ(DoScan().findings.size(), 1u);
  // The advisory is corrected: right-pad, not left-pad, is affected.
  env_.Advance(std::chrono::hours(1));
  Put("/f/a.json",
      Osv("GHSA-1111-1111-1111", "CVE-2024-0001", "right-pad", "3.0.0", "2024-01-02T00:00:00Z"));
  Import({"/f"});
  ScanResult after = DoScan();
  ASSERT_EQ(after.findings.size(), 1u);
  EXPECT_EQ(after.findings[0].component_ref, "right-pad");
  std::vector<std::string> keys;
  std::string recorded;
  ASSERT_TRUE(store_
                  ->Read([&](store::Txn& txn) -> Status {
                    SK_ASSIGN_OR_RETURN(store::Rows rows,
                                        txn.Query("SELECT lookup_key FROM match_index WHERE "
                                                  "source_id = 'GHSA-1111-1111-1111'"));
                    for (const store::Row& row : rows.rows) keys.push_back(*row.Text(0));
                    SK_ASSIGN_OR_RETURN(store::Rows k,
                                        txn.Query("SELECT keys FROM match_keys WHERE "
                                                  "source_id = 'GHSA-1111-1111-1111'"));
                    if (!k.empty()) recorded = *k.rows[0].Text(0);
                    return Status::Ok();
                  })
                  .ok());
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys, std::vector<std::string>{"osv:npm:right-pad"});  // left-pad gone
  EXPECT_EQ(nlohmann::json::parse(recorded), nlohmann::json(keys));
}

// A knowledge base written before schema 14: record JSON as text, a
// `summary` column, match_index with an index by record and no match_keys.
// Migrating keeps every record readable and the index correct.
TEST_P(MatchStoreTest, ASchema13KnowledgeBaseMigratesAndReadsTheSame) {
  const std::string dialect = GetParam() == testing::Backend::kSqlite ? "sqlite" : "postgresql";
  // A fresh database, not the one SetUp opened (already at the latest schema).
  store_.reset();
  if (GetParam() == testing::Backend::kSqlite) {
    uri_ = (dir_.path() / "old.db").string();
  } else {
    ASSERT_TRUE(
        admin_->ExecScript("DROP SCHEMA " + schema_ + " CASCADE; CREATE SCHEMA " + schema_).ok());
  }
  {
    auto raw = Raw();
    ASSERT_NE(raw, nullptr);
    for (const store::SchemaFile& f : store::SchemaFiles()) {
      if (f.dialect != dialect || f.version > 13) continue;
      ASSERT_TRUE(raw->ExecScript(f.sql).ok()) << f.path;
      ASSERT_TRUE(raw->ExecScript("INSERT INTO schema_version (version, applied_at) VALUES (" +
                                  std::to_string(f.version) + ", '2026-01-01T00:00:00Z')")
                      .ok());
    }
    const std::string json =
        R"({"affected":[{"ecosystem":"npm","name":"left-pad","ranges":[{"events":)"
        R"([{"introduced":"0"},{"fixed":"1.2.0"}],"type":"SEMVER"}]}],)"
        R"("aliases":["CVE-2024-0001"],"id":"GHSA-1111-1111-1111","summary":"written by 13"})";
    ASSERT_TRUE(
        raw->ExecScript(
               "INSERT INTO vulnerabilities (id, created_at, updated_at) VALUES ('CVE-2024-0001', "
               "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'); "
               "INSERT INTO vuln_aliases (alias, vuln_id) VALUES ('CVE-2024-0001', "
               "'CVE-2024-0001'), ('GHSA-1111-1111-1111', 'CVE-2024-0001'); "
               "INSERT INTO vuln_records (source, source_id, vuln_id, summary, modified, sha256, "
               "location, fetched_at, imported_at, updated_at, batch, data) VALUES ('osv', "
               "'GHSA-1111-1111-1111', 'CVE-2024-0001', 'written by 13', '2024-01-01T00:00:00Z', "
               "'00', 'a.json', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', "
               "'2026-01-01T00:00:00Z', 'feed-import:osv:old', '" +
               json +
               "'); "
               // An index row the record no longer has: the re-index must drop it.
               "INSERT INTO match_index (lookup_key, source, source_id) VALUES "
               "('osv:npm:left-pad', 'osv', 'GHSA-1111-1111-1111'), "
               "('osv:npm:gone', 'osv', 'GHSA-1111-1111-1111');")
            .ok());
  }
  store_ = OpenStore();  // migrates to the latest schema
  ASSERT_NE(store_, nullptr);
  EXPECT_EQ(store_->schema_version(), store::LatestSchemaVersion(dialect));
  auto records = vuln::RecordsOf(*store_, "CVE-2024-0001");
  ASSERT_TRUE(records.ok()) << records.status().message();
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0]["summary"], "written by 13");
  ScanResult scan = DoScan();  // re-indexes the record through match_keys
  ASSERT_EQ(scan.findings.size(), 1u);
  EXPECT_EQ(scan.findings[0].component_ref, "left-pad");
  EXPECT_EQ(scan.findings[0].vulnerability, "CVE-2024-0001");
  int64_t gone = -1;
  ASSERT_TRUE(store_
                  ->Read([&](store::Txn& txn) -> Status {
                    SK_ASSIGN_OR_RETURN(store::Rows rows,
                                        txn.Query("SELECT COUNT(*) FROM match_index WHERE "
                                                  "lookup_key = 'osv:npm:gone'"));
                    SK_ASSIGN_OR_RETURN(gone, rows.rows[0].Int(0));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(gone, 0);
  // A changed record replaces the old text; its history compares with it.
  env_.Advance(std::chrono::hours(1));
  Put("/f/a.json",
      Osv("GHSA-1111-1111-1111", "CVE-2024-0001", "left-pad", "1.0.0", "2024-02-01T00:00:00Z"));
  Import({"/f"});
  EXPECT_TRUE(DoScan().findings.empty());  // fixed in 1.0.0 now: 1.1.0 is not affected
  auto history = vuln::HistoryOf(*store_, "CVE-2024-0001");
  ASSERT_TRUE(history.ok()) << history.status().message();
  ASSERT_FALSE(history->empty());
  EXPECT_EQ(history->back().change, "changed");
  EXPECT_EQ(history->back().fields["summary"]["before"], "written by 13");
  EXPECT_EQ(history->back().fields["summary"]["after"], "s");
}

TEST_P(MatchStoreTest, KevAndEpssFromTheStore) {
  Put("/f/a.json",
      Osv("GHSA-1111-1111-1111", "CVE-2024-0001", "left-pad", "1.2.0", "2024-01-01T00:00:00Z"));
  Put("/f/kev.json",
      R"({"title": "t", "catalogVersion": "2024.01.01", "dateReleased": "2024-01-01T00:00:00Z",
    "count": 1, "vulnerabilities": [{"cveID": "CVE-2024-0001", "vendorProject": "v", "product": "p",
    "vulnerabilityName": "n", "dateAdded": "2024-01-03", "shortDescription": "d",
    "requiredAction": "Apply updates per vendor instructions.", "dueDate": "2024-01-24",
    "knownRansomwareCampaignUse": "Unknown", "notes": ""}]})");
  Put("/f/epss.csv",
      "#model_version:v2023.03.01,score_date:2024-01-05T00:00:00+0000\n"
      "cve,epss,percentile\nCVE-2024-0001,0.12345,0.95\n");
  Import({"/f"});
  ScanResult r = DoScan();
  ASSERT_EQ(r.findings.size(), 1u);
  ASSERT_TRUE(r.findings[0].kev.has_value());
  EXPECT_EQ(r.findings[0].kev->date_added, "2024-01-03");
  EXPECT_EQ(r.findings[0].kev->due_date, "2024-01-24");
  ASSERT_TRUE(r.findings[0].epss.has_value());
  EXPECT_DOUBLE_EQ(r.findings[0].epss->score, 0.12345);
  EXPECT_TRUE(*FailOnReached("kev", r));
}

TEST_P(MatchStoreTest, ReevaluationReturnsNewAndWithdrawnFindings) {
  PutLeftPad("1.2.0", "2024-01-01T00:00:00Z");
  Put("/f/c.json",
      Osv("GHSA-3333-3333-3333", "CVE-2024-0003", "left-pad", "1.5.0", "2024-01-01T00:00:00Z"));
  Import({"/f"});
  ScanResult before = DoScan();
  ASSERT_EQ(before.findings.size(), 2u);

  std::string since = NextHour();
  // The advisory now says 1.1.0 is fixed; a new one concerns right-pad.
  PutLeftPad("1.1.0", "2024-02-01T00:00:00Z");
  Put("/f/b.json",
      Osv("GHSA-2222-2222-2222", "CVE-2024-0002", "right-pad", "3.0.0", "2024-02-01T00:00:00Z"));
  Import({"/f"});
  auto deltas = Reeval(before, since);
  ASSERT_TRUE(deltas.ok()) << deltas.status().message();
  ASSERT_EQ(deltas->size(), 2u);
  EXPECT_EQ((*deltas)[0].change, "new");
  EXPECT_EQ((*deltas)[0].finding.vulnerability, "CVE-2024-0002");
  EXPECT_EQ((*deltas)[0].finding.component_ref, "right-pad");
  EXPECT_EQ((*deltas)[0].at, since);
  EXPECT_EQ((*deltas)[1].change, "withdrawn");
  EXPECT_EQ((*deltas)[1].finding.vulnerability, "CVE-2024-0001");
  EXPECT_EQ((*deltas)[1].at, since);
  // CVE-2024-0003 did not change and is not reported.
}

TEST_P(MatchStoreTest, ReevaluationCacheIsReusedOnlyForTheSameChangesAndFilteredByEachMark) {
  PutLeftPad("1.2.0", "2024-01-01T00:00:00Z");
  Import({"/f"});
  ScanResult before = DoScan();
  ASSERT_EQ(before.findings.size(), 1u);
  std::string since = NextHour();
  PutLeftPad("1.1.0", "2024-02-01T00:00:00Z");
  Import({"/f"});
  ChangedKnowledge cache;
  auto first = Reeval(before, since, &cache);
  ASSERT_TRUE(first.ok()) << first.status().message();
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ((*first)[0].change, "withdrawn");
  EXPECT_EQ(cache.identities, std::set<std::string>{"CVE-2024-0001"});
  ASSERT_EQ(cache.kb.records.size(), 1u);

  ASSERT_TRUE(cache.history_since.has_value());
  EXPECT_EQ(cache.history_since, since);
  ASSERT_EQ(cache.history.size(), 1u);
  EXPECT_EQ(cache.history[0].identity, "CVE-2024-0001");

  // A second release with the same changes gets the same answer from the
  // cache.
  auto second = Reeval(before, since, &cache);
  ASSERT_TRUE(second.ok()) << second.status().message();
  ASSERT_EQ(second->size(), 1u);
  EXPECT_EQ((*second)[0].change, "withdrawn");

  // A release evaluated after the change: the history kept is filtered by
  // its mark, not read again, and nothing concerns it.
  auto none = Reeval(before, NextHour(), &cache);
  ASSERT_TRUE(none.ok()) << none.status().message();
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(cache.history_since, since);

  // A release with an earlier mark than the history kept: read again from it.
  auto earlier = Reeval(before, "2000-01-01T00:00:00Z", &cache);
  ASSERT_TRUE(earlier.ok()) << earlier.status().message();
  ASSERT_EQ(earlier->size(), 1u);
  EXPECT_EQ((*earlier)[0].change, "withdrawn");
  EXPECT_EQ(cache.history_since, "2000-01-01T00:00:00Z");
  EXPECT_EQ(cache.history.size(), 2u);  // the first import's entry too

  // The same identity changes again during the pass (1.1.0 affected again):
  // the cache is not used, the new record is read.
  NextHour();
  PutLeftPad("1.3.0", "2024-03-01T00:00:00Z");
  Import({"/f"});
  auto third = Reeval(before, since, &cache);
  ASSERT_TRUE(third.ok()) << third.status().message();
  ASSERT_EQ(third->size(), 1u);
  EXPECT_EQ((*third)[0].change, "kept");
  EXPECT_EQ((*third)[0].finding.component_ref, "left-pad");
}

SK_INSTANTIATE_BACKENDS(MatchStoreTest);

}  // namespace
}  // namespace soupkeeper::match
