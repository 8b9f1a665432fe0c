// `feed sync` against a local HTTP server on loopback (never the internet),
// on SQLite and PostgreSQL: NVD paging, 120-day windows, backoff after 429,
// resume after an interruption, the rate limit on a fake clock, the API key
// as header and never stored; conditional GET (KEV, EPSS), OSV zip exports,
// CSAF ROLIE feeds and changes.csv; source configuration; the CLI.
#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "soupkeeper/feed_sync.h"
#include "soupkeeper/hash.h"
#include "store/backends.h"
#include "support/corpus.h"

namespace soupkeeper::vuln {
namespace {

using nlohmann::json;
using testing::BackendTest;

struct Seen {
  std::string path;
  std::map<std::string, std::string> params;
  std::map<std::string, std::string> headers;
};

// An HTTP server on 127.0.0.1; handlers are added before Start().
class Server {
 public:
  ~Server() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }
  httplib::Server& http() { return server_; }
  void Start() {
    server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response&) {
      Seen s{req.path, {}, {}};
      for (const auto& [k, v] : req.params) s.params[k] = v;
      for (const auto& [k, v] : req.headers) s.headers[k] = v;
      std::lock_guard<std::mutex> lock(mu_);
      seen_.push_back(std::move(s));
      return httplib::Server::HandlerResponse::Unhandled;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  std::vector<Seen> TakeSeen() {
    std::lock_guard<std::mutex> lock(mu_);
    return std::exchange(seen_, {});
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<Seen> seen_;
};

std::string CveId(int64_t n) {
  std::string digits = std::to_string(n);
  return "CVE-2024-" + std::string(4 - std::min<size_t>(4, digits.size()), '0') + digits;
}

// A CVE API 2.0 page of CVE-2024-<start+1>.. of `count` records.
std::string NvdPage(int64_t total, int64_t start, int64_t count) {
  json vulns = json::array();
  for (int64_t i = start; i < start + count && i < total; ++i) {
    vulns.push_back(
        {{"cve",
          {{"id", CveId(i + 1)},
           {"sourceIdentifier", "cve@mitre.org"},
           {"published", "2024-01-01T00:00:00.000"},
           {"lastModified", "2024-01-05T00:00:00.000"},
           {"vulnStatus", "Analyzed"},
           {"descriptions", {{{"lang", "en"}, {"value", "record " + std::to_string(i + 1)}}}}}}});
  }
  return json{{"resultsPerPage", vulns.size()},
              {"startIndex", start},
              {"totalResults", total},
              {"format", "NVD_CVE"},
              {"version", "2.0"},
              {"timestamp", "2024-01-06T00:00:00.000"},
              {"vulnerabilities", vulns}}
      .dump();
}

// Serves /nvd with `total` records; `fail` decides per startIndex and call
// whether to answer with that status instead (0: answer normally).
void ServeNvd(Server& server, int64_t total, std::function<int(int64_t, int)> fail = nullptr) {
  auto calls = std::make_shared<std::map<int64_t, int>>();
  server.http().Get("/nvd", [=](const httplib::Request& req, httplib::Response& res) {
    int64_t start = std::stoll(req.get_param_value("startIndex"));
    int64_t per = std::stoll(req.get_param_value("resultsPerPage"));
    int call = (*calls)[start]++;
    int status = fail ? fail(start, call) : 0;
    if (status != 0) {
      res.status = status;
      return;
    }
    res.set_content(NvdPage(total, start, per), "application/json");
  });
}

std::string Kev(const std::string& version) {
  return R"({"title": "CISA Catalog of Known Exploited Vulnerabilities", "catalogVersion": ")" +
         version + R"(", "dateReleased": "2025-08-25T17:04:19.9796Z", "count": 1,
  "vulnerabilities": [{"cveID": "CVE-2024-0001", "vendorProject": "Acme", "product": "Pump",
    "vulnerabilityName": "Acme Pump overflow", "dateAdded": "2025-08-25",
    "shortDescription": "d", "requiredAction": "Apply updates.", "dueDate": "2025-09-15",
    "knownRansomwareCampaignUse": "Unknown", "notes": "", "cwes": []}]})";
}

std::string OsvRecord(const std::string& id) {
  return R"({"id": ")" + id + R"(", "modified": "2024-02-01T00:00:00Z", "summary": "s",
    "affected": [{"package": {"ecosystem": "PyPI", "name": "demo"},
      "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.2"}]}]}]})";
}

std::string Zip(const std::map<std::string, std::string>& files) {
  std::string out(1 << 20, '\0');
  size_t used = 0;
  archive* a = archive_write_new();
  archive_write_set_format(a, ARCHIVE_FORMAT_ZIP);
  EXPECT_EQ(archive_write_open_memory(a, out.data(), out.size(), &used), ARCHIVE_OK);
  for (const auto& [name, data] : files) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    EXPECT_EQ(archive_write_header(a, e), ARCHIVE_OK);
    archive_write_data(a, data.data(), data.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  out.resize(used);
  return out;
}

class FeedSyncTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    store_ = OpenStore();
    ASSERT_NE(store_, nullptr);
    options_.sleep = [this](std::chrono::milliseconds d) {
      slept_.push_back(d);
      env_.Advance(d);
    };
    options_.nvd_page_size = 2;
    options_.max_attempts = 3;
  }

  void Add(FeedSource s) {
    Status st = AddFeedSource(*store_, s, {"tester", "sync test"});
    ASSERT_TRUE(st.ok()) << st.message();
  }

  FeedSource Source(const std::string& name) {
    auto sources = ListFeedSources(*store_);
    EXPECT_TRUE(sources.ok());
    for (const auto& s : *sources) {
      if (s.name == name) return s;
    }
    ADD_FAILURE() << "no source " << name;
    return {};
  }

  SyncSummary Sync(const std::string& name) {
    CollectingSink sink;
    auto r = SyncSource(*store_, &env_, Source(name), {"tester", "sync test"}, options_, sink);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : SyncSummary();
  }

  SyncState State(const std::string& name) {
    auto states = SyncStates(*store_);
    EXPECT_TRUE(states.ok());
    for (const auto& s : *states) {
      if (s.source == name) return s;
    }
    ADD_FAILURE() << "no state for " << name;
    return {};
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

  std::vector<int64_t> StartIndexes(const std::vector<Seen>& seen) {
    std::vector<int64_t> out;
    for (const auto& s : seen) out.push_back(std::stoll(s.params.at("startIndex")));
    return out;
  }

  Server server_;
  std::unique_ptr<store::Store> store_;
  SyncOptions options_;
  std::vector<std::chrono::milliseconds> slept_;
};

TEST_P(FeedSyncTest, NvdFullSyncPagesThroughThreePages) {
  ServeNvd(server_, 5);
  server_.Start();
  Add({"nvd", "nvd", server_.Url("/nvd"), "", {}, ""});
  SyncSummary s = Sync("nvd");
  EXPECT_EQ(s.result, "ok") << s.message;
  EXPECT_EQ(s.requests, 3);
  EXPECT_EQ(s.added, 5);
  auto seen = server_.TakeSeen();
  EXPECT_EQ(StartIndexes(seen), (std::vector<int64_t>{0, 2, 4}));
  for (const auto& r : seen) {
    EXPECT_EQ(r.params.at("resultsPerPage"), "2");
    EXPECT_EQ(r.params.count("lastModStartDate"), 0u) << "the first sync is a full one";
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM vuln_records WHERE source = 'nvd'"), 5);
  SyncState st = State("nvd");
  EXPECT_EQ(st.result, "ok");
  EXPECT_EQ(st.cursor, json({{"mark", "2026-03-04T05:06:07Z"}}));
  EXPECT_EQ(st.last_success_at, "2026-03-04T05:06:07Z");
}

TEST_P(FeedSyncTest, NvdIncrementalSyncUsesWindowsOfAtMost120Days) {
  ServeNvd(server_, 0);
  server_.Start();
  Add({"nvd", "nvd", server_.Url("/nvd"), "", {}, ""});
  EXPECT_EQ(Sync("nvd").result, "ok");
  server_.TakeSeen();
  env_.Advance(std::chrono::hours(24 * 200));
  SyncSummary s = Sync("nvd");
  EXPECT_EQ(s.result, "ok") << s.message;
  auto seen = server_.TakeSeen();
  ASSERT_EQ(seen.size(), 2u);
  // 2026-03-04 + 120 days = 2026-07-02; + 200 days = 2026-09-20.
  EXPECT_EQ(seen[0].params.at("lastModStartDate"), "2026-03-04T05:06:07.000+00:00");
  EXPECT_EQ(seen[0].params.at("lastModEndDate"), "2026-07-02T05:06:07.000+00:00");
  EXPECT_EQ(seen[1].params.at("lastModStartDate"), "2026-07-02T05:06:07.000+00:00");
  EXPECT_EQ(seen[1].params.at("lastModEndDate"), "2026-09-20T05:06:07.000+00:00");
  EXPECT_EQ(State("nvd").cursor, json({{"mark", "2026-09-20T05:06:07Z"}}));
}

TEST_P(FeedSyncTest, NvdRetriesAfter429WithBackoff) {
  ServeNvd(server_, 1, [](int64_t, int call) { return call < 2 ? 429 : 0; });
  server_.Start();
  Add({"nvd", "nvd", server_.Url("/nvd"), "", {}, ""});
  SyncSummary s = Sync("nvd");
  EXPECT_EQ(s.result, "ok") << s.message;
  EXPECT_EQ(s.requests, 3);
  EXPECT_EQ(s.added, 1);
  // 2 s, then doubled.
  EXPECT_EQ(slept_, (std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(2000),
                                                            std::chrono::milliseconds(4000)}));
}

TEST_P(FeedSyncTest, NvdGivesUpAfterMaxAttemptsAndRecordsTheFailure) {
  ServeNvd(server_, 1, [](int64_t, int) { return 503; });
  server_.Start();
  Add({"nvd", "nvd", server_.Url("/nvd"), "", {}, ""});
  SyncSummary s = Sync("nvd");
  EXPECT_EQ(s.result, "failed");
  EXPECT_EQ(s.requests, 3);
  EXPECT_NE(s.message.find("HTTP 503 after 3 attempts"), std::string::npos) << s.message;
  SyncState st = State("nvd");
  EXPECT_EQ(st.result, "failed");
  EXPECT_EQ(st.last_success_at, "");
}

TEST_P(FeedSyncTest, NvdResumesAfterAnInterruptionWithoutRefetchingDonePages) {
  bool broken = true;
  ServeNvd(server_, 6, [&broken](int64_t start, int) { return broken && start == 4 ? 500 : 0; });
  server_.Start();
  Add({"nvd", "nvd", server_.Url("/nvd"), "", {}, ""});
  SyncSummary s = Sync("nvd");
  EXPECT_EQ(s.result, "failed");
  EXPECT_EQ(s.added, 4);
  EXPECT_EQ(StartIndexes(server_.TakeSeen()), (std::vector<int64_t>{0, 2, 4, 4, 4}));
  EXPECT_EQ(State("nvd").cursor["window"]["index"], 4);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM vuln_records WHERE source = 'nvd'"), 4);
  broken = false;
  s = Sync("nvd");
  EXPECT_EQ(s.result, "ok") << s.message;
  EXPECT_EQ(s.added, 2);
  EXPECT_EQ(StartIndexes(server_.TakeSeen()), (std::vector<int64_t>{4}));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM vuln_records WHERE source = 'nvd'"), 6);
  // The mark is the time the interrupted sync began.
  EXPECT_EQ(State("nvd").cursor, json({{"mark", "2026-03-04T05:06:07Z"}}));
}

TEST_P(FeedSyncTest, NvdRateLimitWithoutKeyIsFiveRequestsPer30Seconds) {
  std::vector<TimePoint> at;
  std::mutex mu;
  server_.http().Get("/nvd", [&](const httplib::Request& req, httplib::Response& res) {
    {
      std::lock_guard<std::mutex> lock(mu);
      at.push_back(env_.Now());
    }
    res.set_content(NvdPage(7, std::stoll(req.get_param_value("startIndex")), 1), "text/json");
  });
  server_.Start();
  options_.nvd_page_size = 1;
  Add({"nvd", "nvd", server_.Url("/nvd"), "", {}, ""});
  SyncSummary s = Sync("nvd");
  EXPECT_EQ(s.result, "ok") << s.message;
  ASSERT_EQ(at.size(), 7u);
  // Requests 1-5 at once; the 6th and 7th 30 s after the 1st and 2nd.
  EXPECT_EQ(at[4], at[0]);
  EXPECT_EQ(at[5] - at[0], std::chrono::seconds(30));
  EXPECT_EQ(at[6] - at[1], std::chrono::seconds(30));
  EXPECT_EQ(slept_, (std::vector<std::chrono::milliseconds>{std::chrono::seconds(30)}));
}

TEST_P(FeedSyncTest, ApiKeyIsSentAsHeaderAndNeverStored) {
  const std::string key = "f3b2c1d0-5e6f-4a1b-9c8d-7e6f5a4b3c2d";
  env_.SetVariable("NVD_API_KEY", key);
  ServeNvd(server_, 7);
  server_.Start();
  options_.nvd_page_size = 1;
  Add({"nvd", "nvd", server_.Url("/nvd"), "NVD_API_KEY", {}, ""});
  SyncSummary s = Sync("nvd");
  EXPECT_EQ(s.result, "ok") << s.message;
  auto seen = server_.TakeSeen();
  ASSERT_EQ(seen.size(), 7u);
  for (const auto& r : seen) EXPECT_EQ(r.headers.at("apiKey"), key);
  EXPECT_TRUE(slept_.empty()) << "50 requests per 30 s with a key";
  EXPECT_EQ(State("nvd").api_key_sha256, Sha256Hex(key));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE change LIKE '%" + key + "%'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM feed_sync_state WHERE cursor LIKE '%" + key +
                  "%' OR summary LIKE '%" + key + "%' OR message LIKE '%" + key + "%'"),
            0);
  if (GetParam() == testing::Backend::kSqlite) {
    store_.reset();
    for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
      std::string bytes = testing::ReadFileOrFail(entry.path());
      EXPECT_EQ(bytes.find(key), std::string::npos) << entry.path();
      EXPECT_NE(bytes.find("NVD_API_KEY"), std::string::npos) << "the variable name is stored";
    }
  }
}

TEST_P(FeedSyncTest, MissingApiKeyVariableFailsTheSourceWithoutRequests) {
  ServeNvd(server_, 1);
  server_.Start();
  Add({"nvd", "nvd", server_.Url("/nvd"), "NVD_API_KEY", {}, ""});
  SyncSummary s = Sync("nvd");
  EXPECT_EQ(s.result, "failed");
  EXPECT_EQ(s.message, "the API key variable NVD_API_KEY is not set");
  EXPECT_EQ(s.requests, 0);
}

TEST_P(FeedSyncTest, KevConditionalGetWithEtagSkipsAnUnchangedFile) {
  server_.http().Get("/kev.json", [](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("If-None-Match") == "\"v1\"") {
      res.status = 304;
      return;
    }
    res.set_header("ETag", "\"v1\"");
    res.set_content(Kev("2025.08.25"), "application/json");
  });
  server_.Start();
  Add({"kev", "kev", server_.Url("/kev.json"), "", {}, ""});
  SyncSummary s = Sync("kev");
  EXPECT_EQ(s.result, "ok") << s.message;
  EXPECT_EQ(s.added, 1);
  EXPECT_GT(s.bytes, 0);
  EXPECT_EQ(server_.TakeSeen()[0].headers.count("If-None-Match"), 0u);
  s = Sync("kev");
  EXPECT_EQ(s.result, "not-modified");
  EXPECT_EQ(s.requests, 1);
  EXPECT_EQ(s.bytes, 0);
  EXPECT_EQ(s.added + s.changed + s.unchanged, 0);
  EXPECT_EQ(server_.TakeSeen()[0].headers.at("If-None-Match"), "\"v1\"");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM vuln_kev"), 1);
}

TEST_P(FeedSyncTest, EpssConditionalGetWithLastModified) {
  const std::string stamp = "Tue, 01 Dec 2026 00:00:00 GMT";
  server_.http().Get("/epss.csv", [&](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("If-Modified-Since") == stamp) {
      res.status = 304;
      return;
    }
    res.set_header("Last-Modified", stamp);
    res.set_content(
        "#model_version:v2025.03.14,score_date:2026-12-01T00:00:00+0000\n"
        "cve,epss,percentile\nCVE-2024-0001,0.00043,0.11\nCVE-2024-0002,0.9,0.99\n",
        "text/csv");
  });
  server_.Start();
  Add({"epss", "epss", server_.Url("/epss.csv"), "", {}, ""});
  SyncSummary s = Sync("epss");
  EXPECT_EQ(s.result, "ok") << s.message;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM vuln_epss"), 2);
  EXPECT_EQ(State("epss").cursor["files"][server_.Url("/epss.csv")]["last_modified"], stamp);
  EXPECT_EQ(Sync("epss").result, "not-modified");
}

TEST_P(FeedSyncTest, OsvEcosystemZipExportIsImportedPerEcosystem) {
  const std::string zip = Zip({{"PYSEC-2024-1.json", OsvRecord("PYSEC-2024-1")},
                               {"PYSEC-2024-2.json", OsvRecord("PYSEC-2024-2")}});
  server_.http().Get("/PyPI/all.zip", [&](const httplib::Request&, httplib::Response& res) {
    res.set_header("ETag", "\"z1\"");
    res.set_content(zip, "application/zip");
  });
  server_.Start();
  Add({"osv-pypi", "osv", server_.Url("/<ECOSYSTEM>/all.zip"), "", {"PyPI"}, ""});
  SyncSummary s = Sync("osv-pypi");
  EXPECT_EQ(s.result, "ok") << s.message;
  EXPECT_EQ(s.added, 2);
  EXPECT_EQ(server_.TakeSeen()[0].path, "/PyPI/all.zip");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM vuln_records WHERE source = 'osv'"), 2);
}

class CsafSyncTest : public FeedSyncTest {
 protected:
  void ServeAdvisories() {
    auto root = testing::CorpusRoot();
    ASSERT_TRUE(root.has_value());
    auto dir = *root / "csaf/cisagov-csaf/csaf_files/OT/white/2019";
    for (const std::string name : {"icsma-19-190-01.json", "icsma-19-318-01.json"}) {
      std::string body = testing::ReadFileOrFail(dir / name);
      server_.http().Get("/csaf/2019/" + name,
                         [body](const httplib::Request&, httplib::Response& res) {
                           res.set_content(body, "application/json");
                         });
    }
  }
  std::vector<std::string> Paths() {
    std::vector<std::string> out;
    for (const auto& s : server_.TakeSeen()) out.push_back(s.path);
    return out;
  }
};

TEST_P(CsafSyncTest, RolieFeedImportsOnlyEntriesUpdatedSinceTheLastSync) {
  SK_REQUIRE_CORPUS(root);
  ServeAdvisories();
  std::string second_updated = "2019-11-14T00:00:00Z";
  server_.http().Get("/.well-known/csaf/provider-metadata.json", [this](const httplib::Request&,
                                                                        httplib::Response& res) {
    json meta = {
        {"canonical_url", server_.Url("/provider-metadata.json")},
        {"distributions",
         {{{"rolie",
            {{"feeds",
              {{{"tlp_label", "WHITE"}, {"url", server_.Url("/csaf/feed-white.json")}}}}}}}}}};
    res.set_content(meta.dump(), "application/json");
  });
  server_.http().Get("/csaf/feed-white.json", [&](const httplib::Request&, httplib::Response& res) {
    json entries = {
        {{"id", "ICSMA-19-190-01"},
         {"updated", "2019-07-09T00:00:00Z"},
         {"content",
          {{"type", "application/json"}, {"src", server_.Url("/csaf/2019/icsma-19-190-01.json")}}}},
        {{"id", "ICSMA-19-318-01"},
         {"updated", second_updated},
         {"content", {{"type", "application/json"}, {"src", "2019/icsma-19-318-01.json"}}}}};
    res.set_content(json{{"feed", {{"id", "white"}, {"entry", entries}}}}.dump(),
                    "application/json");
  });
  server_.Start();
  Add({"cisa", "csaf", server_.Url("/.well-known/csaf/provider-metadata.json"), "", {}, ""});
  SyncSummary s = Sync("cisa");
  EXPECT_EQ(s.result, "ok") << s.message;
  EXPECT_EQ(s.requests, 4);
  EXPECT_GT(s.added, 0);
  EXPECT_EQ(Paths(), (std::vector<std::string>{
                         "/.well-known/csaf/provider-metadata.json", "/csaf/feed-white.json",
                         "/csaf/2019/icsma-19-190-01.json", "/csaf/2019/icsma-19-318-01.json"}));
  // Nothing new: only the metadata and the feed.
  s = Sync("cisa");
  EXPECT_EQ(s.result, "not-modified");
  EXPECT_EQ(s.requests, 2);
  Paths();
  second_updated = "2019-12-01T00:00:00Z";
  s = Sync("cisa");
  EXPECT_EQ(s.result, "ok") << s.message;
  EXPECT_EQ(Paths().back(), "/csaf/2019/icsma-19-318-01.json");
  EXPECT_EQ(s.requests, 3);
  EXPECT_EQ(State("cisa").cursor["marks"][server_.Url("/csaf/feed-white.json")],
            "2019-12-01T00:00:00Z");
}

TEST_P(CsafSyncTest, DirectoryChangesCsvImportsOnlyRowsChangedSinceTheLastSync) {
  SK_REQUIRE_CORPUS(root);
  ServeAdvisories();
  std::string changes =
      "\"2019/icsma-19-318-01.json\",\"2019-11-14T00:00:00Z\"\n"
      "\"2019/icsma-19-190-01.json\",\"2019-07-09T00:00:00Z\"\n";
  server_.http().Get(
      "/provider-metadata.json", [this](const httplib::Request&, httplib::Response& res) {
        json meta = {{"distributions", {{{"directory_url", server_.Url("/csaf/")}}}}};
        res.set_content(meta.dump(), "application/json");
      });
  server_.http().Get("/csaf/changes.csv", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(changes, "text/csv");
  });
  server_.Start();
  Add({"dir", "csaf", server_.Url("/provider-metadata.json"), "", {}, ""});
  SyncSummary s = Sync("dir");
  EXPECT_EQ(s.result, "ok") << s.message;
  EXPECT_EQ(s.requests, 4);
  Paths();
  changes = "\"2019/icsma-19-190-01.json\",\"2020-01-02T00:00:00Z\"\n" + changes;
  s = Sync("dir");
  EXPECT_EQ(s.result, "ok") << s.message;
  EXPECT_EQ(Paths(), (std::vector<std::string>{"/provider-metadata.json", "/csaf/changes.csv",
                                               "/csaf/2019/icsma-19-190-01.json"}));
  EXPECT_EQ(s.added + s.changed, 0);
  EXPECT_GT(s.unchanged, 0);
}

TEST_P(FeedSyncTest, SourceConfigurationIsValidatedAndAudited) {
  EXPECT_EQ(AddFeedSource(*store_, {"Bad Name", "kev", "", "", {}, ""}, {"t", ""}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(AddFeedSource(*store_, {"x", "rss", "", "", {}, ""}, {"t", ""}).message(),
            "feed source 'x': kind 'rss' is not one of nvd, osv, kev, csaf, epss");
  EXPECT_EQ(AddFeedSource(*store_, {"osv", "osv", "", "", {}, ""}, {"t", ""}).message(),
            "feed source 'osv': the URL contains <ECOSYSTEM>; give at least one --ecosystem "
            "(e.g. PyPI, npm, Go)");
  EXPECT_EQ(AddFeedSource(*store_, {"c", "csaf", "", "", {}, ""}, {"t", ""}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(AddFeedSource(*store_, {"k", "kev", "", "KEY-1", {}, ""}, {"t", ""}).code(),
            StatusCode::kInvalidArgument);
  Add({"kev", "kev", "", "", {}, ""});
  EXPECT_EQ(Source("kev").url,
            "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json");
  EXPECT_EQ(AddFeedSource(*store_, {"kev", "kev", "", "", {}, ""}, {"t", ""}).code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'feed.source.add'"), 1);
  EXPECT_TRUE(RemoveFeedSource(*store_, "kev", {"t", "gone"}).ok());
  EXPECT_EQ(RemoveFeedSource(*store_, "kev", {"t", ""}).code(), StatusCode::kNotFound);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM feed_sources"), 0);
  auto verify = store_->Verify(std::nullopt);
  ASSERT_TRUE(verify.ok());
  EXPECT_TRUE(verify->ok());
}

SK_INSTANTIATE_BACKENDS(FeedSyncTest);
SK_INSTANTIATE_BACKENDS(CsafSyncTest);

TEST(FeedSyncCli, SourceAddSyncStatus) {
  Server server;
  server.http().Get("/kev.json", [](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("If-None-Match") == "\"v1\"") {
      res.status = 304;
      return;
    }
    res.set_header("ETag", "\"v1\"");
    res.set_content(Kev("2025.08.25"), "application/json");
  });
  server.Start();
  testing::TempDir dir;
  const std::string db = (dir.path() / "sk.db").string();
  auto r = testing::RunCli({"--db", db, "feed", "sync"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("feed sync: no online feed sources are configured"), std::string::npos)
      << r.err;
  r = testing::RunCli({"--db", db, "feed", "source", "add", "kev", "--kind", "kev", "--url",
                       server.Url("/kev.json")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "added feed source kev (kev) " + server.Url("/kev.json") + "\n");
  r = testing::RunCli({"--db", db, "feed", "source", "add", "x", "--kind", "nope"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  r = testing::RunCli({"--db", db, "feed", "sync", "kev"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("kev: 1 request, ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find(" bytes, 1 new, 0 changed, 0 unchanged, 0 errors, "), std::string::npos)
      << r.out;
  EXPECT_EQ(r.err, "") << "no progress bar when stderr is not a terminal";
  r = testing::RunCli({"--db", db, "--format", "json", "feed", "sync"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto j = json::parse(r.out);
  EXPECT_EQ(j["sources"][0]["result"], "not-modified");
  r = testing::RunCli({"--db", db, "feed", "status"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  sync kev: last "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("not-modified  cursor {\"files\":{\"" + server.Url("/kev.json") +
                       "\":{\"etag\":\"\\\"v1\\\"\"}}}"),
            std::string::npos)
      << r.out;
  r = testing::RunCli({"--db", db, "feed", "sync", "nope"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

}  // namespace
}  // namespace soupkeeper::vuln
