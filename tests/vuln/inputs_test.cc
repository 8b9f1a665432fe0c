// Inputs: folders, .gz, .zip and .tar.gz recognized by their bytes; and the
// feed CLI end to end.
#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>

#include "soupkeeper/vuln.h"
#include "support/corpus.h"

namespace soupkeeper::vuln {
namespace {

// Writes `files` into an in-memory archive of `format` with `filter`.
std::string MakeArchive(int format, int filter, const std::map<std::string, std::string>& files) {
  std::string out(1 << 20, '\0');
  size_t used = 0;
  archive* a = archive_write_new();
  archive_write_set_format(a, format);
  if (filter != ARCHIVE_FILTER_NONE) archive_write_add_filter(a, filter);
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

std::map<std::string, std::string> ReadAll(Env* env, const std::string& path,
                                           CollectingSink& sink) {
  std::map<std::string, std::string> got;
  Status s = ReadInputs(
      env, path,
      [&](const std::string& name, std::string_view bytes) {
        got[name] = std::string(bytes);
        return Status::Ok();
      },
      sink);
  EXPECT_TRUE(s.ok()) << s.message();
  return got;
}

TEST(Inputs, ArchivesAreRecognizedByContent) {
  MemEnv env(TimePoint{});
  std::map<std::string, std::string> files = {{"a/GO-1.json", "{\"x\":1}"}, {"b.json", "{}"}};
  ASSERT_TRUE(
      env.WriteFile("/in/feed.zip", MakeArchive(ARCHIVE_FORMAT_ZIP, ARCHIVE_FILTER_NONE, files))
          .ok());
  ASSERT_TRUE(env.WriteFile("/in/feed.tgz",
                            MakeArchive(ARCHIVE_FORMAT_TAR_USTAR, ARCHIVE_FILTER_GZIP, files))
                  .ok());
  ASSERT_TRUE(env.WriteFile("/in/plain.json", "{}").ok());
  CollectingSink sink;
  auto got = ReadAll(&env, "/in", sink);
  EXPECT_EQ(sink.size(), 0u);
  ASSERT_EQ(got.size(), 5u);
  EXPECT_EQ(got["/in/feed.zip!a/GO-1.json"], "{\"x\":1}");
  EXPECT_EQ(got["/in/feed.tgz!a/GO-1.json"], "{\"x\":1}");
  EXPECT_EQ(got["/in/feed.tgz!b.json"], "{}");
  EXPECT_EQ(got["/in/plain.json"], "{}");
}

TEST(Inputs, GzipOfOneFile) {
  // A raw .gz (no tar inside), written with libarchive's raw format.
  std::string gz;
  {
    std::string out(1 << 16, '\0');
    size_t used = 0;
    archive* a = archive_write_new();
    archive_write_set_format_raw(a);
    archive_write_add_filter_gzip(a);
    ASSERT_EQ(archive_write_open_memory(a, out.data(), out.size(), &used), ARCHIVE_OK);
    archive_entry* e = archive_entry_new();
    archive_entry_set_filetype(e, AE_IFREG);
    ASSERT_EQ(archive_write_header(a, e), ARCHIVE_OK);
    archive_write_data(a, "cve,epss,percentile\n", 20);
    archive_entry_free(e);
    archive_write_close(a);
    archive_write_free(a);
    out.resize(used);
    gz = out;
  }
  MemEnv env(TimePoint{});
  ASSERT_TRUE(env.WriteFile("/d/epss.csv.gz", gz).ok());
  CollectingSink sink;
  auto got = ReadAll(&env, "/d/epss.csv.gz", sink);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got.begin()->first, "/d/epss.csv.gz!epss.csv");
  EXPECT_EQ(got.begin()->second, "cve,epss,percentile\n");
}

TEST(Inputs, DamagedArchiveIsReported) {
  MemEnv env(TimePoint{});
  std::string zip = MakeArchive(ARCHIVE_FORMAT_TAR_USTAR, ARCHIVE_FILTER_GZIP,
                                {{"x.json", std::string(5000, 'x')}});
  ASSERT_TRUE(env.WriteFile("/d/t.tar.gz", zip.substr(0, zip.size() / 2)).ok());
  CollectingSink sink;
  ReadAll(&env, "/d/t.tar.gz", sink);
  ASSERT_GE(sink.size(), 1u);
  EXPECT_EQ(sink.Take()[0].source.rfind("/d/t.tar.gz", 0), 0u);
}

TEST(Inputs, MissingPathIsNotFound) {
  MemEnv env(TimePoint{});
  NullSink sink;
  Status s = ReadInputs(
      &env, "/nope", [](const std::string&, std::string_view) { return Status::Ok(); }, sink);
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "/nope: no such file or folder");
}

TEST(FeedCli, ImportStatusShowAndSync) {
  testing::TempDir dir;
  const std::string db = (dir.path() / "kb.db").string();
  const std::string feed = (dir.path() / "ghsa.json").string();
  {
    std::ofstream out(feed);
    out << R"({"id": "GHSA-q", "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-2024-42"]})";
  }
  auto r = testing::RunCli({"--db", db, "feed", "import", feed});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("osv              1         1         0          0          0       0"),
            std::string::npos)
      << r.out;
  r = testing::RunCli({"--db", db, "--format", "json", "feed", "import", feed});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["sources"]["osv"]["unchanged"], 1);
  r = testing::RunCli({"--db", db, "--format", "json", "feed", "status"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  bool osv = false;
  for (const auto& s : j) {
    if (s["source"] == "osv") {
      osv = true;
      EXPECT_EQ(s["records"], 1);
      EXPECT_EQ(s["stale"], false);
      EXPECT_EQ(s["cadence_days"], 1);
    }
  }
  EXPECT_TRUE(osv);
  r = testing::RunCli({"--db", db, "--format", "json", "feed", "show", "GHSA-q"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["id"], "CVE-2024-42");
  r = testing::RunCli({"--db", db, "feed", "import", (dir.path() / "none.json").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("none.json: no such file or folder"), std::string::npos) << r.err;
  r = testing::RunCli({"--db", db, "feed", "sync"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("feed sync: no online feed sources are configured"), std::string::npos);
  r = testing::RunCli({"--db", db, "log", "verify"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

}  // namespace
}  // namespace soupkeeper::vuln
