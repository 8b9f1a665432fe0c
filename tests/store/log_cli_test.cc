// `soupkeeper log show|verify` end to end, and every bad-database case of the
// CLI: exact exit codes and messages, nothing written.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "store/backends.h"
#include "support/corpus.h"

namespace soupkeeper::testing {
namespace {

namespace fs = std::filesystem;

class LogCliTest : public BackendTest {
 protected:
  CliResult Run(std::vector<std::string> args, const std::vector<std::string>& env = {}) {
    args.insert(args.begin(), {"--db", uri_});
    return RunCli(args, "", env);
  }
  // Adds products a and b as alice, then updates a as bob with a reason.
  void ThreeEvents() {
    ASSERT_EQ(Run({"--actor", "alice", "product", "add", "a"}).exit_code, 0);
    ASSERT_EQ(Run({"product", "add", "b"}, {"SOUPKEEPER_ACTOR=carol"}).exit_code, 0);
    ASSERT_EQ(Run({"--actor", "bob", "product", "update", "a", "--description", "new", "--reason",
                   "clarify"})
                  .exit_code,
              0);
  }
  std::string HashOf(int64_t seq) {
    auto s = OpenStore();
    return s->Events({})->at(seq - 1).hash;
  }
};

const char kTime[] = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?Z";

TEST_P(LogCliTest, ShowPrintsEventsAndHead) {
  ThreeEvents();
  CliResult r = Run({"log", "show"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string t = kTime;
  EXPECT_TRUE(
      std::regex_match(r.out, std::regex("1  " + t + "  alice  product\\.add  product:a\n" + "2  " +
                                         t + "  carol  product\\.add  product:b\n" + "3  " + t +
                                         "  bob  product\\.update  product:a  reason: clarify\n" +
                                         "head 3:" + HashOf(3) + "\n")))
      << r.out;

  r = Run({"log", "show", "--entity", "product:a", "--limit", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::regex_match(
      r.out, std::regex("3  " + t + "  bob  product\\.update  product:a  reason: clarify\nhead 3:" +
                        HashOf(3) + "\n")))
      << r.out;

  r = Run({"--format", "json", "log", "show", "--limit", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["events"].size(), 2u);
  EXPECT_EQ(j["events"][0]["seq"], 2);
  EXPECT_EQ(j["events"][1]["change"]["reason"], "clarify");
  EXPECT_EQ(j["events"][1]["change"]["before"]["description"], "");
  EXPECT_EQ(j["events"][1]["change"]["after"]["description"], "new");
  EXPECT_EQ(j["events"][1]["prev_hash"], HashOf(2));
  EXPECT_EQ(j["head"]["seq"], 3);
  EXPECT_EQ(j["head"]["hash"], HashOf(3));

  r = Run({"log", "show", "--limit", "0"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST_P(LogCliTest, VerifyIntactAndWithAnchor) {
  ThreeEvents();
  CliResult r = Run({"log", "verify"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "audit trail intact: 3 events, head 3 " + HashOf(3) + "\n");
  EXPECT_EQ(r.err, "");

  r = Run({"log", "verify", "--anchor", "2:" + HashOf(2)});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;

  r = Run({"log", "verify", "--anchor", "2:" + HashOf(1)});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out,
            "anchor 2: the trail has hash " + HashOf(2) + ", not the recorded " + HashOf(1) + "\n");
  EXPECT_EQ(r.err, "soupkeeper: " + store::RedactUri(uri_) +
                       ": audit trail broken: 1 problem(s) in 3 events\n");

  r = Run({"log", "verify", "--anchor", "two:abc"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: log verify --anchor: invalid anchor 'two:abc': SEQ must be a positive "
            "integer (expected SEQ:HASH as printed by `soupkeeper log show`)\n");

  r = Run({"--format", "json", "log", "verify"});
  EXPECT_EQ(r.exit_code, 0);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["intact"], true);
  EXPECT_EQ(j["events"], 3);
  EXPECT_EQ(j["head"]["hash"], HashOf(3));
  EXPECT_TRUE(j["problems"].empty());
}

TEST_P(LogCliTest, VerifyReportsTampering) {
  ThreeEvents();
  Attack(DropGuardsSql() +
         "DELETE FROM audit_events WHERE seq = 3; UPDATE products SET intended_use = 'x' "
         "WHERE name = 'b';");
  CliResult r = Run({"log", "verify"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out,
            "product:a: the row was last changed by event 3, which is not in the trail "
            "(deleted?)\n"
            "product:b: the row differs from the state recorded by event 2 in intended_use "
            "(changed outside the audit trail)\n");
  EXPECT_EQ(r.err, "soupkeeper: " + store::RedactUri(uri_) +
                       ": audit trail broken: 2 problem(s) in 2 events\n");
  r = Run({"--format", "json", "log", "verify"});
  EXPECT_EQ(r.exit_code, 1);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["intact"], false);
  ASSERT_EQ(j["problems"].size(), 2u);
  EXPECT_EQ(j["problems"][0]["kind"], "missing_event");
  EXPECT_EQ(j["problems"][1]["kind"], "row_changed");
}

TEST_P(LogCliTest, NewerSchemaIsRefused) {
  OpenStore();
  Attack("INSERT INTO schema_version (version, applied_at) VALUES (999, '2030-01-01T00:00:00Z')");
  CliResult r = Run({"product", "add", "x"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "soupkeeper: " + store::RedactUri(uri_) +
                       ": database schema version 999 is newer than this soupkeeper supports (" +
                       std::to_string(store::LatestSchemaVersion(
                           GetParam() == Backend::kSqlite ? "sqlite" : "postgresql")) +
                       "); upgrade soupkeeper\n");
  auto rows = Raw()->Query("SELECT COUNT(*) FROM products", {});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows->rows[0].Int(0), 0);
}

SK_INSTANTIATE_BACKENDS(LogCliTest);

TEST(LogCli, EmptyTrail) {
  TempDir dir;
  const std::string db = (dir.path() / "soupkeeper.db").string();
  CliResult r = RunCli({"--db", db, "log", "verify"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "audit trail intact: 0 events, head 0 " + std::string(64, '0') + "\n");
  r = RunCli({"--db", db, "log", "show"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "head 0:" + std::string(64, '0') + "\n");
}

TEST(LogCli, DatabaseFromEnvironment) {
  TempDir dir;
  const std::string db = (dir.path() / "env.db").string();
  CliResult r = RunCli({"--actor", "alice", "product", "add", "x"}, "", {"SOUPKEEPER_DB=" + db});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(db));
}

TEST(LogCli, GarbageFileIsRejectedAndUntouched) {
  TempDir dir;
  const std::string db = (dir.path() / "soupkeeper.db").string();
  const std::string garbage = "just some notes, not a database\n";
  std::ofstream(db, std::ios::binary) << garbage;
  for (const std::vector<std::string>& cmd : {std::vector<std::string>{"log", "verify"},
                                              {"log", "show"},
                                              {"product", "list"},
                                              {"product", "add", "x"}}) {
    std::vector<std::string> args = {"--db", db};
    args.insert(args.end(), cmd.begin(), cmd.end());
    CliResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, 3) << cmd[0] << " " << cmd[1];
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err,
              "soupkeeper: " + db + ": file is not a database (not a readable SQLite database)\n");
  }
  EXPECT_EQ(ReadFileOrFail(db), garbage);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

TEST(LogCli, UnopenableDatabase) {
  TempDir dir;
  CliResult r = RunCli({"--db", dir.path().string(), "log", "verify"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "soupkeeper: " + dir.path().string() + ": unable to open database file\n");
}

TEST(LogCli, ForeignSqliteDatabaseIsRefused) {
  TempDir dir;
  const std::string db = (dir.path() / "other.db").string();
  {
    auto raw = store::OpenConnection(db);
    ASSERT_TRUE(raw.ok());
    ASSERT_TRUE((*raw)->ExecScript("CREATE TABLE notes (body TEXT)").ok());
  }
  const std::string before = ReadFileOrFail(db);
  CliResult r = RunCli({"--db", db, "product", "add", "x"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "soupkeeper: " + db +
                       ": not a soupkeeper database (it has tables but no schema_version table); "
                       "refusing to change it\n");
  EXPECT_EQ(ReadFileOrFail(db), before);
}

TEST(LogCli, MalformedUris) {
  CliResult r = RunCli({"--db", "mysql://root:hunter2@localhost/sk", "log", "verify"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: mysql://root:***@localhost/sk: unsupported database URI scheme 'mysql' "
            "(use a SQLite file path or postgresql://...)\n");
  r = RunCli({"--db", "postgresql://alice:hunter2@db.example/sk?colour=blue", "product", "list"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: postgresql://alice:***@db.example/sk?colour=blue: invalid PostgreSQL "
            "URI: invalid URI query parameter: \"colour\"\n");
}

TEST(LogCli, UnreachablePostgresIsExit3WithoutPassword) {
  CliResult r = RunCli(
      {"--db", "postgresql://alice:hunter2@127.0.0.1:1/sk?connect_timeout=5", "product", "list"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("soupkeeper: postgresql://alice:***@127.0.0.1:1/sk?connect_timeout=5: "
                        "cannot connect: ",
                        0),
            0u)
      << r.err;
  EXPECT_EQ(r.err.find("hunter2"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

}  // namespace
}  // namespace soupkeeper::testing
