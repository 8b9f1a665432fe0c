// Conformance against the real corpora (../shared/data: osv, nvd, kev, csaf,
// cvelist): every file is imported or rejected with a reason; the record
// counts equal counts made here independently from the files; spot checks of
// facts read by hand from the files.
#include "support/corpus.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "soupkeeper/vuln.h"

namespace soupkeeper::vuln {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

size_t CountFiles(const fs::path& dir, const std::string& prefix, const std::string& suffix) {
  size_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && name.size() >= suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      ++n;
    }
  }
  return n;
}

struct Imported {
  ImportReport report;
  std::vector<Diagnostic> diagnostics;
};

Imported ImportInto(store::Store& store, const std::vector<std::string>& paths) {
  CollectingSink sink;
  auto r = ImportPaths(store, Env::Default(), paths, {"corpus-test", ""}, sink);
  EXPECT_TRUE(r.ok()) << r.status().message();
  Imported out;
  if (r.ok()) out.report = *r;
  out.diagnostics = sink.Take();
  return out;
}

std::unique_ptr<store::Store> NewStore(const TempDir& dir) {
  auto s = store::Store::Open((dir.path() / "kb.db").string(), Env::Default());
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? std::move(*s) : nullptr;
}

TEST(FeedCorpus, RecordCountsEqualIndependentCounts) {
  SK_REQUIRE_CORPUS(root);
  struct Case {
    std::string path, source;
    size_t expected;         // records
    size_t other_files = 0;  // files that are not feed data (README, LICENSE, indexes...)
  };
  const fs::path osv = root / "osv";
  std::vector<Case> cases = {
      {(osv / "golang-vulndb/data/osv").string(), "osv",
       CountFiles(osv / "golang-vulndb/data/osv", "GO-", ".json")},
      {(osv / "rustsec-advisory-db/osv-branch/crates").string(), "osv",
       CountFiles(osv / "rustsec-advisory-db/osv-branch/crates", "RUSTSEC-", ".json")},
      {(osv / "pypa-advisory-database/vulns").string(), "osv",
       CountFiles(osv / "pypa-advisory-database/vulns", "PYSEC-", ".yaml")},
      {(root / "cvelist/vulnrichment").string(), "cve5",
       CountFiles(root / "cvelist/vulnrichment", "CVE-", ".json")},
      {(root / "nvd/nvd-go-api-responses/cves-1999.json").string(), "nvd", 200},
      {(root / "nvd/nvd-go-api-responses/cves-2023.json").string(), "nvd", 200},
      {(root / "nvd/vunnel/full-page.json").string(), "nvd", 38},
  };
  // KEV: the catalog's own count.
  {
    std::ifstream in(root / "kev/known_exploited_vulnerabilities.json");
    nlohmann::json kev = nlohmann::json::parse(in);
    cases.push_back({(root / "kev/known_exploited_vulnerabilities.json").string(), "kev",
                     kev["vulnerabilities"].size()});
    EXPECT_EQ(kev["count"], 1404);
  }
  // CSAF: every vulnerabilities[] element of the 144 ICSMA advisories.
  {
    size_t n = 0, files = 0;
    for (const auto& e : fs::recursive_directory_iterator(root / "csaf/cisagov-csaf")) {
      std::string name = e.path().filename().string();
      if (!e.is_regular_file() || name.rfind("icsma-", 0) != 0 || e.path().extension() != ".json") {
        continue;
      }
      std::ifstream in(e.path());
      n += nlohmann::json::parse(in)["vulnerabilities"].size();
      ++files;
    }
    EXPECT_EQ(files, 144u);
    std::cout << "[ corpus ] ICSMA advisories: " << files << " files, " << n
              << " vulnerabilities\n";
    cases.push_back({(root / "csaf/cisagov-csaf/csaf_files/OT/white").string(), "csaf", 0});
    for (const auto& e :
         fs::recursive_directory_iterator(root / "csaf/cisagov-csaf/csaf_files/OT/white")) {
      if (!e.is_regular_file()) continue;
      if (e.path().extension() != ".json") {
        ++cases.back().other_files;
        continue;
      }
      std::ifstream in(e.path());
      cases.back().expected += nlohmann::json::parse(in)["vulnerabilities"].size();
    }
  }
  for (Case& c : cases) {
    if (c.source != "csaf" && fs::is_directory(c.path)) {
      size_t all = CountFiles(c.path, "", "");
      c.other_files =
          all - (c.source == "cve5"                         ? CountFiles(c.path, "CVE-", ".json")
                 : c.path.find("pypa") != std::string::npos ? CountFiles(c.path, "PYSEC-", ".yaml")
                 : c.path.find("golang") != std::string::npos
                     ? CountFiles(c.path, "GO-", ".json")
                     : CountFiles(c.path, "RUSTSEC-", ".json"));
    }
    TempDir dir;
    auto store = NewStore(dir);
    ASSERT_NE(store, nullptr);
    Imported got = ImportInto(*store, {c.path});
    const ImportCounts& counts = got.report.sources[c.source];
    std::cout << "[ corpus ] " << c.path << ": " << c.source << " read " << counts.read << ", new "
              << counts.added << ", errors " << counts.errors << ", files rejected "
              << got.report.file_errors << "\n";
    EXPECT_EQ(counts.read, static_cast<int64_t>(c.expected)) << c.path;
    EXPECT_EQ(counts.errors, 0) << c.path;
    EXPECT_EQ(got.report.file_errors, static_cast<int64_t>(c.other_files)) << c.path;
    for (const Diagnostic& d : got.diagnostics) {
      if (d.severity == Severity::kError &&
          d.message.find("not a recognized vulnerability feed") == std::string::npos) {
        ADD_FAILURE() << d.ToString();
      }
    }
  }
}

class FeedCorpusAll : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto root = testing::CorpusRoot();
    if (!root) return;
    dir_ = new TempDir();
    store_ = NewStore(*dir_).release();
    std::vector<std::string> paths;
    for (const char* p : {"osv", "nvd", "kev", "csaf", "cvelist"}) {
      paths.push_back((*root / p).string());
    }
    all_ = new Imported(ImportInto(*store_, paths));
  }
  static void TearDownTestSuite() {
    delete all_;
    delete store_;
    delete dir_;
  }
  static TempDir* dir_;
  static store::Store* store_;
  static Imported* all_;
};
TempDir* FeedCorpusAll::dir_ = nullptr;
store::Store* FeedCorpusAll::store_ = nullptr;
Imported* FeedCorpusAll::all_ = nullptr;

TEST_F(FeedCorpusAll, EveryFileImportsOrIsRejectedWithAReason) {
  SK_REQUIRE_CORPUS(root);
  ASSERT_NE(all_, nullptr);
  size_t files = 0;
  for (const char* p : {"osv", "nvd", "kev", "csaf", "cvelist"}) {
    for (const auto& e : fs::recursive_directory_iterator(root / p)) files += e.is_regular_file();
  }
  EXPECT_EQ(all_->report.files, static_cast<int64_t>(files));
  std::map<std::string, int> reasons;
  for (const Diagnostic& d : all_->diagnostics) {
    if (d.severity != Severity::kError) continue;
    EXPECT_FALSE(d.source.empty() && d.message.find(root.string()) == std::string::npos)
        << "error without a file: " << d.ToString();
    std::string reason = d.message;
    size_t colon = reason.rfind(": ");
    ++reasons[colon == std::string::npos ? reason : reason.substr(colon + 2, 60)];
  }
  for (const auto& [source, c] : all_->report.sources) {
    std::cout << "[ corpus ] " << source << ": read " << c.read << ", new " << c.added
              << ", changed " << c.changed << ", unchanged " << c.unchanged << ", withdrawn "
              << c.withdrawn << ", errors " << c.errors << "\n";
  }
  std::cout << "[ corpus ] files " << all_->report.files << ", rejected "
            << all_->report.file_errors << "\n";
  for (const auto& [reason, n] : reasons)
    std::cout << "[ corpus ]   " << n << " x " << reason << "\n";
  // Whole-corpus floors (the exact per-feed counts are in the test above).
  EXPECT_GE(all_->report.sources["osv"].read, 5800);
  EXPECT_EQ(all_->report.sources["kev"].read, 1404);
  EXPECT_GE(all_->report.sources["nvd"].read, 500);
  EXPECT_GE(all_->report.sources["csaf"].read, 1000);
  EXPECT_GE(all_->report.sources["cve5"].read, 500);
}

nlohmann::json RecordFrom(store::Store& store, const std::string& id, const std::string& source) {
  auto identity = ResolveIdentity(store, id);
  EXPECT_TRUE(identity.ok()) << id << ": " << identity.status().message();
  if (!identity.ok()) return nullptr;
  auto records = RecordsOf(store, *identity);
  EXPECT_TRUE(records.ok());
  for (const auto& r : *records) {
    if (r["provenance"]["source"] == source && r["id"] == id) return r;
  }
  ADD_FAILURE() << "no " << source << " record " << id;
  return nullptr;
}

TEST_F(FeedCorpusAll, SpotChecks) {
  SK_REQUIRE_CORPUS(root);
  ASSERT_NE(store_, nullptr);
  // KEV: the newest entry of catalog 2025.08.25.
  nlohmann::json kev = RecordFrom(*store_, "CVE-2025-48384", "kev");
  EXPECT_EQ(kev["kev"]["date_added"], "2025-08-25");
  EXPECT_EQ(kev["kev"]["due_date"], "2025-09-15");
  EXPECT_EQ(kev["kev"]["known_ransomware_campaign_use"], "Unknown");
  // NVD: CVE-2024-3094 (xz), NVD's primary CVSS 3.1 vector, scored 10.0.
  nlohmann::json nvd = RecordFrom(*store_, "CVE-2024-3094", "nvd");
  bool found = false;
  for (const auto& s : nvd["severities"]) {
    if (s["source"] == "nvd@nist.gov" && s["kind"] == "Primary" && s["version"] == "3.1") {
      EXPECT_EQ(s["vector"], "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");
      EXPECT_EQ(s["base_score"], 10.0);
      EXPECT_EQ(s["rating"], "critical");
      found = true;
    }
  }
  EXPECT_TRUE(found);
  // GHSA aliases: GHSA-29qj-rvv6-qrmv is CVE-2020-10688.
  EXPECT_EQ(ResolveIdentity(*store_, "GHSA-29qj-rvv6-qrmv").value_or(""), "CVE-2020-10688");
  // An OSV record's ranges: GO-2020-0001, gin before 1.6.0, aliases a CVE and a GHSA.
  EXPECT_EQ(ResolveIdentity(*store_, "GO-2020-0001").value_or(""), "CVE-2020-36567");
  EXPECT_EQ(ResolveIdentity(*store_, "GHSA-6vm3-jj99-7229").value_or(""), "CVE-2020-36567");
  nlohmann::json go = RecordFrom(*store_, "GO-2020-0001", "osv");
  EXPECT_EQ(go["affected"][0]["name"], "github.com/gin-gonic/gin");
  EXPECT_EQ(go["affected"][0]["ranges"][0]["type"], "SEMVER");
  EXPECT_EQ(go["affected"][0]["ranges"][0]["events"][1]["fixed"], "1.6.0");
  // An ICSMA advisory's products: ICSMA-17-009-01A, St. Jude Medical Merlin@home.
  EXPECT_EQ(ResolveIdentity(*store_, "ICSMA-17-009-01A").value_or(""), "CVE-2017-5149");
  nlohmann::json icsma = RecordFrom(*store_, "CVE-2017-5149", "csaf");
  ASSERT_EQ(icsma["products"].size(), 3u);
  EXPECT_EQ(icsma["products"][0]["name"],
            "Inductive models EX1100: versions prior to Version 8.2.2");
  EXPECT_EQ(icsma["products"][0]["status"], "known_affected");
  EXPECT_EQ(icsma["advisory_id"], "ICSMA-17-009-01A");
  // NVD Rejected becomes withdrawn (vulnerablecode's rejected fixture).
  auto status = FeedStatus(*store_, Env::Default()->Now(), std::chrono::hours(24));
  ASSERT_TRUE(status.ok());
  for (const auto& s : *status) {
    if (s.source == "nvd") {
      EXPECT_GT(s.withdrawn, 0);
    }
  }
}

}  // namespace
}  // namespace soupkeeper::vuln
