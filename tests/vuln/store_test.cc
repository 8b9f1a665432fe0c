// The knowledge base in the store, on SQLite and PostgreSQL: idempotent
// re-import, change history, withdrawal, alias merging, one audited batch per
// source, staleness.
#include <gtest/gtest.h>

#include <string>

#include "soupkeeper/vuln.h"
#include "store/backends.h"

namespace soupkeeper::vuln {
namespace {

using testing::BackendTest;

std::string Osv(const std::string& id, const std::string& aliases, const std::string& modified,
                const std::string& summary, const std::string& extra = "") {
  return R"({"id": ")" + id + R"(", "modified": ")" + modified + R"(", "aliases": [)" + aliases +
         R"(], "summary": ")" + summary + R"(")" + extra + "}";
}

std::string NvdCve(const std::string& id, const std::string& status) {
  return R"({"cve": {"id": ")" + id +
         R"(", "sourceIdentifier": "x", "published": "2024-01-01T00:00:00.000",
    "lastModified": "2024-01-05T00:00:00.000", "vulnStatus": ")" +
         status + R"(", "descriptions": [{"lang": "en", "value": "d"}]}})";
}

class FeedStoreTest : public BackendTest {
 protected:
  ImportReport Import(const std::vector<std::string>& paths) {
    CollectingSink sink;
    auto r = ImportPaths(*store_, &env_, paths, {"tester", ""}, sink);
    EXPECT_TRUE(r.ok()) << r.status().message();
    diagnostics_ = sink.Take();
    return r.ok() ? *r : ImportReport();
  }
  void Put(const std::string& path, const std::string& text) {
    ASSERT_TRUE(env_.WriteFile(path, text).ok());
  }
  int64_t Count(const std::string& sql) {
    int64_t n = -1;
    EXPECT_TRUE(store_
                    ->Read([&](store::Txn& txn) -> Status {
                      SK_ASSIGN_OR_RETURN(store::Rows rows, txn.Query(sql));
                      SK_ASSIGN_OR_RETURN(n, rows.rows[0].Int(0));
                      return Status::Ok();
                    })
                    .ok());
    return n;
  }
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    store_ = OpenStore();
    ASSERT_NE(store_, nullptr);
  }

  std::unique_ptr<store::Store> store_;
  std::vector<Diagnostic> diagnostics_;
};

TEST_P(FeedStoreTest, ReimportOfUnchangedRecordsChangesNothing) {
  Put("/f/a.json", Osv("GHSA-1", R"("CVE-2024-1")", "2024-01-01T00:00:00Z", "one"));
  Put("/f/b.json", Osv("GO-2024-2", "", "2024-01-02T00:00:00Z", "two"));
  ImportReport first = Import({"/f"});
  EXPECT_EQ(first.sources["osv"].read, 2);
  EXPECT_EQ(first.sources["osv"].added, 2);
  EXPECT_EQ(first.errors(), 0);
  int64_t history = Count("SELECT COUNT(*) FROM vuln_history");
  EXPECT_EQ(history, 2);

  env_.Advance(std::chrono::hours(1));
  ImportReport second = Import({"/f"});
  EXPECT_EQ(second.sources["osv"].read, 2);
  EXPECT_EQ(second.sources["osv"].added, 0);
  EXPECT_EQ(second.sources["osv"].changed, 0);
  EXPECT_EQ(second.sources["osv"].unchanged, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM vuln_history"), history);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM vuln_records"), 2);

  // One audited batch per import and source, and the trail verifies.
  auto events = store_->Events({});
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].action, "feed.import");
  EXPECT_EQ((*events)[0].entity, "feed-import:osv:2026-03-04T05:06:07Z");
  EXPECT_EQ((*events)[1].entity, "feed-import:osv:2026-03-04T06:06:07Z");
  auto verify = store_->Verify(std::nullopt);
  ASSERT_TRUE(verify.ok());
  EXPECT_TRUE(verify->ok()) << verify->problems[0].message;
}

// The import reads and encodes on a second thread (core/pipeline.h) and
// encodes ahead only while records are new or changed; a run of unchanged
// records followed by changed and new ones exercises both ways, and every
// record must come out as one thread would store it.
TEST_P(FeedStoreTest, ReimportMixingUnchangedChangedAndNewRecordsStoresEach) {
  constexpr int kRecords = 300;
  auto id = [](int i) { return "GO-2024-" + std::to_string(1000 + i); };
  auto file = [](int i) { return "/f/" + std::to_string(1000 + i) + ".json"; };
  for (int i = 0; i < kRecords; ++i) {
    Put(file(i), Osv(id(i), "", "2024-01-01T00:00:00Z", "summary " + std::to_string(i)));
  }
  ASSERT_EQ(Import({"/f"}).sources["osv"].added, kRecords);
  // Every third record from the middle on changes; 50 new records follow,
  // and a malformed file among them is reported in its place.
  for (int i = kRecords / 2; i < kRecords; i += 3) {
    Put(file(i), Osv(id(i), "", "2024-02-01T00:00:00Z", "changed " + std::to_string(i)));
  }
  for (int i = kRecords; i < kRecords + 50; ++i) {
    Put(file(i), Osv(id(i), "", "2024-02-01T00:00:00Z", "new " + std::to_string(i)));
  }
  Put(file(kRecords + 10) + "x", R"({"id": "GO-BAD", "modified": 7})");
  ImportReport r = Import({"/f"});
  EXPECT_EQ(r.sources["osv"].changed, 50);
  EXPECT_EQ(r.sources["osv"].added, 50);
  EXPECT_EQ(r.sources["osv"].unchanged, kRecords - 50);
  EXPECT_EQ(r.sources["osv"].errors, 1);
  ASSERT_EQ(diagnostics_.size(), 1u);
  EXPECT_EQ(diagnostics_[0].source, file(kRecords + 10) + "x");
  for (int i : {kRecords / 2, kRecords - 3, kRecords + 49}) {
    auto records = RecordsOf(*store_, id(i));
    ASSERT_TRUE(records.ok());
    ASSERT_EQ(records->size(), 1u);
    EXPECT_EQ((*records)[0]["summary"], (i < kRecords ? "changed " : "new ") + std::to_string(i));
  }
  auto history = HistoryOf(*store_, id(kRecords / 2));
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].fields["summary"]["before"], "summary " + std::to_string(kRecords / 2));
  EXPECT_EQ((*history)[1].fields["summary"]["after"], "changed " + std::to_string(kRecords / 2));
  auto verify = store_->Verify(std::nullopt);
  ASSERT_TRUE(verify.ok());
  EXPECT_TRUE(verify->ok());
}

TEST_P(FeedStoreTest, ChangedRecordKeepsHistory) {
  Put("/f/a.json", Osv("GHSA-1", "", "2024-01-01T00:00:00Z", "old summary"));
  Import({"/f/a.json"});
  Put("/f/a.json", Osv("GHSA-1", "", "2024-02-01T00:00:00Z", "new summary"));
  ImportReport r = Import({"/f/a.json"});
  EXPECT_EQ(r.sources["osv"].changed, 1);
  auto history = HistoryOf(*store_, "GHSA-1");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].change, "new");
  EXPECT_EQ((*history)[1].change, "changed");
  EXPECT_EQ((*history)[1].fields["summary"]["before"], "old summary");
  EXPECT_EQ((*history)[1].fields["summary"]["after"], "new summary");
  EXPECT_EQ((*history)[1].fields["modified"]["before"], "2024-01-01T00:00:00Z");
  EXPECT_FALSE((*history)[1].fields.contains("id"));
  EXPECT_NE((*history)[1].old_sha256, (*history)[1].new_sha256);
  auto records = RecordsOf(*store_, "GHSA-1");
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0]["summary"], "new summary");
}

TEST_P(FeedStoreTest, WithdrawnAndRejectedAreMarkedNotDeleted) {
  Put("/f/nvd.json", NvdCve("CVE-2024-9", "Analyzed"));
  Import({"/f"});
  Put("/f/nvd.json", NvdCve("CVE-2024-9", "Rejected"));
  ImportReport r = Import({"/f"});
  EXPECT_EQ(r.sources["nvd"].withdrawn, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM vuln_records WHERE withdrawn IS NOT NULL"), 1);
  auto history = HistoryOf(*store_, "CVE-2024-9");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].change, "withdrawn");
  auto status = FeedStatus(*store_, env_.Now(), std::chrono::hours(24));
  ASSERT_TRUE(status.ok());
  for (const auto& s : *status) {
    if (s.source == "nvd") {
      EXPECT_EQ(s.records, 1);
      EXPECT_EQ(s.withdrawn, 1);
    }
  }
  // The database refuses to delete a record.
  Status del = store_->Write({"x", ""},
                             [](store::Txn& txn) { return txn.Exec("DELETE FROM vuln_records"); });
  EXPECT_FALSE(del.ok());
}

TEST_P(FeedStoreTest, AliasesMergeIntoOneIdentity) {
  Put("/f/1.json", Osv("GO-2024-7", "", "2024-01-01T00:00:00Z", "go"));
  Import({"/f/1.json"});
  ASSERT_EQ(ResolveIdentity(*store_, "GO-2024-7").value_or(""), "GO-2024-7");
  // A GHSA naming both the GO id and a CVE joins all three under the CVE.
  Put("/f/2.json", Osv("GHSA-x", R"("GO-2024-7", "CVE-2024-7")", "2024-01-01T00:00:00Z", "gh"));
  Import({"/f/2.json"});
  Put("/f/3.json", NvdCve("CVE-2024-7", "Analyzed"));
  Import({"/f/3.json"});
  EXPECT_EQ(ResolveIdentity(*store_, "GO-2024-7").value_or(""), "CVE-2024-7");
  EXPECT_EQ(ResolveIdentity(*store_, "GHSA-x").value_or(""), "CVE-2024-7");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM vulnerabilities"), 1);
  auto records = RecordsOf(*store_, "CVE-2024-7");
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 3u);  // each source's own view kept
  EXPECT_EQ((*records)[0]["provenance"]["source"], "nvd");
  EXPECT_EQ((*records)[1]["id"], "GHSA-x");
  EXPECT_EQ((*records)[2]["id"], "GO-2024-7");
  EXPECT_EQ(ResolveIdentity(*store_, "CVE-0000-0").status().code(), StatusCode::kNotFound);
}

TEST_P(FeedStoreTest, TwoCvesAreNeverMerged) {
  Put("/f/a.json", NvdCve("CVE-2024-1", "Analyzed"));
  Put("/f/b.json", NvdCve("CVE-2024-2", "Analyzed"));
  Import({"/f"});
  Put("/g/x.json", Osv("GHSA-both", R"("CVE-2024-1", "CVE-2024-2")", "2024-01-01T00:00:00Z", "b"));
  Import({"/g"});
  EXPECT_EQ(ResolveIdentity(*store_, "CVE-2024-2").value_or(""), "CVE-2024-2");
  EXPECT_EQ(ResolveIdentity(*store_, "GHSA-both").value_or(""), "CVE-2024-1");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM vulnerabilities"), 2);
}

TEST_P(FeedStoreTest, BadFileIsReportedAndTheRestCommits) {
  Put("/f/a.json", Osv("GHSA-1", "", "2024-01-01T00:00:00Z", "one"));
  Put("/f/b.json", "{\"id\": \"GHSA-2\", \"modified\": ");
  Put("/f/c.txt", "hello");
  ImportReport r = Import({"/f", "/missing"});
  EXPECT_EQ(r.sources["osv"].added, 1);
  EXPECT_EQ(r.sources["osv"].errors, 1);
  EXPECT_EQ(r.file_errors, 2);  // c.txt and /missing
  ASSERT_EQ(diagnostics_.size(), 3u);
  EXPECT_EQ(diagnostics_[0].ToString().rfind("/f/b.json: not valid JSON: ", 0), 0u)
      << diagnostics_[0].ToString();
  EXPECT_EQ(diagnostics_[1].ToString(),
            "/f/c.txt: not a recognized vulnerability feed (OSV JSON/YAML, NVD CVE API 2.0, CVE "
            "JSON 5, CISA KEV, CSAF 2.0, EPSS CSV)");
  EXPECT_EQ(diagnostics_[2].ToString(), "/missing: no such file or folder");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM vuln_records"), 1);
}

TEST_P(FeedStoreTest, KevAndEpssTables) {
  Put("/f/kev.json", R"({"catalogVersion": "2025.01.01", "count": 1, "vulnerabilities": [
    {"cveID": "CVE-2021-44228", "vendorProject": "Apache", "product": "Log4j2",
     "vulnerabilityName": "Log4Shell", "dateAdded": "2021-12-10", "dueDate": "2021-12-24",
     "knownRansomwareCampaignUse": "Known", "requiredAction": "Apply updates."}]})");
  Put("/f/epss.csv",
      "#model_version:v2023.03.01,score_date:2023-03-22T00:00:00+0000\ncve,epss,percentile\n"
      "CVE-2021-44228,0.97565,0.99996\n");
  ImportReport r = Import({"/f"});
  EXPECT_EQ(r.sources["kev"].added, 1);
  EXPECT_EQ(r.sources["epss"].added, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM vuln_kev WHERE date_added = '2021-12-10' AND "
                  "known_ransomware_campaign_use = 'Known'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM vuln_epss WHERE score = '0.97565' AND percentile = "
                  "'0.99996' AND score_date = '2023-03-22'"),
            1);
  ImportReport again = Import({"/f"});
  EXPECT_EQ(again.sources["epss"].unchanged, 1);
  EXPECT_EQ(again.sources["kev"].unchanged, 1);
}

TEST_P(FeedStoreTest, StalenessFollowsTheCadence) {
  Put("/f/a.json", Osv("GHSA-1", "", "2024-01-01T00:00:00Z", "one"));
  Import({"/f"});
  auto fresh = FeedStatus(*store_, env_.Now() + std::chrono::hours(1), std::chrono::hours(24));
  auto stale = FeedStatus(*store_, env_.Now() + std::chrono::hours(25), std::chrono::hours(24));
  ASSERT_TRUE(fresh.ok());
  ASSERT_TRUE(stale.ok());
  for (size_t i = 0; i < fresh->size(); ++i) {
    const SourceStatus& f = (*fresh)[i];
    if (f.source == "osv") {
      EXPECT_FALSE(f.stale);
      EXPECT_EQ(f.age_seconds, 3600);
      EXPECT_EQ(f.records, 1);
      EXPECT_EQ(f.last_import, "2026-03-04T05:06:07Z");
      EXPECT_EQ(f.newest_modified, "2024-01-01T00:00:00Z");
      EXPECT_TRUE((*stale)[i].stale);
    } else {
      EXPECT_TRUE(f.stale) << f.source << " was never imported";
      EXPECT_EQ(f.last_import, "");
    }
  }
}

SK_INSTANTIATE_BACKENDS(FeedStoreTest);

}  // namespace
}  // namespace soupkeeper::vuln
