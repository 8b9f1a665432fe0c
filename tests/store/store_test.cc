// The store suite, run on every backend: migrations, transactions, the audit
// trail's serialization, append-only enforcement, and `log verify` against
// each kind of tampering (an attacker with SQL access drops the guards first).
#include "soupkeeper/store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "soupkeeper/hash.h"
#include "soupkeeper/product.h"
#include "store/backends.h"

namespace soupkeeper::testing {
namespace {

using store::AuditEvent;
using store::Author;
using store::Txn;

constexpr char kT0[] = "2026-03-04T05:06:07Z";

class StoreTest : public BackendTest {
 protected:
  // Adds products a, b, c (events 1, 2, 3) and updates a (event 4).
  std::unique_ptr<store::Store> FourEvents() {
    auto s = OpenStore();
    for (const char* name : {"a", "b", "c"}) {
      product::Product p;
      p.name = name;
      p.description = std::string("product ") + name;
      EXPECT_TRUE(product::Add(*s, {"alice", ""}, p).ok());
    }
    env_.Advance(std::chrono::seconds(60));
    product::ProductChanges ch;
    ch.description = "product a, revised";
    EXPECT_TRUE(product::Update(*s, {"bob", "typo"}, "a", ch).ok());
    return s;
  }

  std::vector<store::Problem> Problems(store::Store& s,
                                       const std::optional<store::Anchor>& anchor = std::nullopt) {
    auto report = s.Verify(anchor);
    EXPECT_TRUE(report.ok()) << report.status().message();
    return report.ok() ? report->problems : std::vector<store::Problem>{};
  }

  static std::string Describe(const std::vector<store::Problem>& problems) {
    std::string out;
    for (const auto& p : problems) out += p.kind + ": " + p.message + "\n";
    return out;
  }

  // Forges the event that would follow the head, with a correct digest and
  // hash: what an attacker who knows the scheme can append.
  std::string ForgedEventSql(store::Store& s, const std::string& entity,
                             const std::string& change) {
    auto events = s.Events({});
    EXPECT_TRUE(events.ok());
    AuditEvent e;
    e.seq = events->back().seq + 1;
    e.time = "2026-03-04T06:00:00Z";
    e.actor = "mallory";
    e.action = "product.update";
    e.entity = entity;
    e.change = change;
    e.digest = Sha256Hex(change);
    e.prev_hash = events->back().hash;
    e.hash = store::AuditEventHash(e);
    return "INSERT INTO audit_events (seq, time, actor, action, entity, change, digest, "
           "prev_hash, hash) VALUES (" +
           std::to_string(e.seq) + ", '" + e.time + "', 'mallory', 'product.update', '" + entity +
           "', '" + change + "', '" + e.digest + "', '" + e.prev_hash + "', '" + e.hash + "');";
  }
};

TEST_P(StoreTest, OpenAppliesSchemaOnceAndRecordsVersion) {
  {
    auto s = OpenStore();
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->schema_version(), store::LatestSchemaVersion(s->dialect()));
    EXPECT_GE(s->schema_version(), 2);
    EXPECT_EQ(s->dialect(), GetParam() == Backend::kSqlite ? "sqlite" : "postgresql");
  }
  env_.Advance(std::chrono::hours(1));
  auto again = OpenStore();  // reopening migrates nothing
  ASSERT_NE(again, nullptr);
  auto rows = Raw()->Query("SELECT version, applied_at FROM schema_version ORDER BY version", {});
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  // Every migration once, all applied by the first open.
  const int latest = store::LatestSchemaVersion(again->dialect());
  ASSERT_EQ(rows->size(), static_cast<size_t>(latest));
  for (int v = 1; v <= latest; ++v) {
    EXPECT_EQ(*rows->rows[v - 1].Int(0), v);
    EXPECT_EQ(*rows->rows[v - 1].Text(1), kT0);
  }
  if (GetParam() == Backend::kSqlite) {
    // The store's own connection settings.
    auto raw = Raw();
    auto mode = raw->Query("PRAGMA journal_mode", {});
    ASSERT_TRUE(mode.ok());
    EXPECT_EQ(*mode->rows[0].Text(0), "wal");
    auto fk = raw->Query("PRAGMA foreign_keys", {});
    ASSERT_TRUE(fk.ok());
    EXPECT_EQ(*fk->rows[0].Int(0), 1);
  }
}

TEST_P(StoreTest, TwoStoresOnOneDatabaseShareOneChain) {
  auto first = OpenStore();
  auto second = OpenStore();
  for (int i = 0; i < 6; ++i) {
    product::Product p;
    p.name = "p" + std::to_string(i);
    ASSERT_TRUE(product::Add(i % 2 == 0 ? *first : *second, {"alice", ""}, p).ok()) << i;
  }
  auto report = second->Verify(std::nullopt);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok());
  EXPECT_EQ(report->events, 6);
}

TEST_P(StoreTest, NewerSchemaIsRefusedAndNothingIsWritten) {
  OpenStore();
  Attack("INSERT INTO schema_version (version, applied_at) VALUES (999, '2030-01-01T00:00:00Z')");
  std::string before;
  if (GetParam() == Backend::kSqlite) before = ReadFileOrFail(uri_);
  auto s = store::Store::Open(uri_, &env_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(s.status().message(),
            store::RedactUri(uri_) +
                ": database schema version 999 is newer than this soupkeeper supports (" +
                std::to_string(store::LatestSchemaVersion(
                    GetParam() == Backend::kSqlite ? "sqlite" : "postgresql")) +
                "); upgrade soupkeeper");
  if (GetParam() == Backend::kSqlite) {
    EXPECT_EQ(ReadFileOrFail(uri_), before);
  }
  auto rows = Raw()->Query("SELECT COUNT(*) FROM schema_version", {});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(
      *rows->rows[0].Int(0),
      store::LatestSchemaVersion(GetParam() == Backend::kSqlite ? "sqlite" : "postgresql") + 1);
}

TEST_P(StoreTest, ForeignDatabaseIsRefused) {
  Attack("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
  auto s = store::Store::Open(uri_, &env_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.status().message(), store::RedactUri(uri_) +
                                      ": not a soupkeeper database (it has tables but no "
                                      "schema_version table); refusing to change it");
  auto tables = Raw()->TableNames();
  ASSERT_TRUE(tables.ok());
  EXPECT_EQ(*tables, std::vector<std::string>{"notes"});
}

TEST_P(StoreTest, FirstEventFollowsTheDocumentedSerialization) {
  auto s = OpenStore();
  product::Product p;
  p.name = "a";
  p.description = "first";
  ASSERT_TRUE(product::Add(*s, {"alice", ""}, p).ok());
  auto events = s->Events({});
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  const AuditEvent& e = (*events)[0];
  EXPECT_EQ(e.seq, 1);
  EXPECT_EQ(e.time, kT0);
  EXPECT_EQ(e.actor, "alice");
  EXPECT_EQ(e.action, "product.add");
  EXPECT_EQ(e.entity, "product:a");
  // Written by hand from the documented canonical form.
  EXPECT_EQ(e.change, R"({"after":{"created_at":"2026-03-04T05:06:07Z","cyber_device":0,)"
                      R"("description":"first","intended_environment":"","intended_use":"",)"
                      R"("name":"a","owners":"[]","review_cadence_days":30,)"
                      R"("updated_at":"2026-03-04T05:06:07Z"},"before":null,"reason":null,)"
                      R"("table":"products"})");
  // sha256sum of the text above, and of
  // [1,"2026-03-04T05:06:07Z","alice","product.add","product:a","<digest>","<64 zeros>"].
  EXPECT_EQ(e.digest, "c5b9e3d39b7d58edc10861de8228baf4fd87b14953d3f8dbef957debbbcab24a");
  EXPECT_EQ(e.prev_hash, std::string(64, '0'));
  EXPECT_EQ(e.hash, "b3252e312b29da16026f5414260b81178a26fe313414ced561c7c42f37ee3c74");
  EXPECT_EQ(e.Reason(), "");
}

TEST_P(StoreTest, EventsChainAndRecordBeforeAfterAndReason) {
  auto s = FourEvents();
  auto events = s->Events({});
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 4u);
  for (size_t i = 1; i < events->size(); ++i) {
    EXPECT_EQ((*events)[i].seq, static_cast<int64_t>(i + 1));
    EXPECT_EQ((*events)[i].prev_hash, (*events)[i - 1].hash);
    EXPECT_EQ((*events)[i].hash, store::AuditEventHash((*events)[i]));
  }
  const AuditEvent& upd = (*events)[3];
  EXPECT_EQ(upd.actor, "bob");
  EXPECT_EQ(upd.action, "product.update");
  EXPECT_EQ(upd.time, "2026-03-04T05:07:07Z");
  EXPECT_EQ(upd.Reason(), "typo");
  auto change = nlohmann::json::parse(upd.change);
  EXPECT_EQ(change["before"]["description"], "product a");
  EXPECT_EQ(change["after"]["description"], "product a, revised");
  EXPECT_EQ(change["after"]["updated_at"], "2026-03-04T05:07:07Z");
  EXPECT_EQ(change["after"]["created_at"], kT0);

  auto for_a = s->Events({"product:a", 0});
  ASSERT_TRUE(for_a.ok());
  ASSERT_EQ(for_a->size(), 2u);
  EXPECT_EQ((*for_a)[0].seq, 1);
  EXPECT_EQ((*for_a)[1].seq, 4);
  auto newest = s->Events({"", 2});
  ASSERT_TRUE(newest.ok());
  ASSERT_EQ(newest->size(), 2u);
  EXPECT_EQ((*newest)[0].seq, 3);
  EXPECT_EQ((*newest)[1].seq, 4);
  // Each row carries the seq of its last change.
  auto rows = Raw()->Query("SELECT name, audit_seq FROM products WHERE name IN ('a', 'c')", {});
  ASSERT_TRUE(rows.ok());
  for (const auto& row : rows->rows) {
    EXPECT_EQ(*row.Int(1), *row.Text(0) == "a" ? 4 : 3);
  }
}

TEST_P(StoreTest, MutationWithoutAuditEventRefusesToCommit) {
  auto s = OpenStore();
  Status st = s->Write({"alice", ""}, [](Txn& txn) {
    return txn.Exec(
        "INSERT INTO products (name, entity, description, intended_use, review_cadence_days, "
        "created_at, updated_at) VALUES ('x', 'product:x', '', '', 30, ?, ?)",
        {txn.time(), txn.time()});
  });
  EXPECT_EQ(st.code(), StatusCode::kInternal);
  EXPECT_EQ(st.message(), store::RedactUri(uri_) +
                              ": a transaction changed the database without an audit event; "
                              "rolled back");
  auto count = Raw()->Query("SELECT COUNT(*) FROM products", {});
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count->rows[0].Int(0), 0);
}

TEST_P(StoreTest, ReadTransactionsCannotWrite) {
  auto s = OpenStore();
  Status st = s->Read([](Txn& txn) {
    return txn.Exec(
        "INSERT INTO products (name, entity, description, intended_use, review_cadence_days, "
        "created_at, updated_at) VALUES ('x', 'product:x', '', '', 30, '', '')");
  });
  EXPECT_FALSE(st.ok());
  st =
      s->Read([](Txn& txn) { return txn.Audit("x.y", "products", "product:x", nullptr).status(); });
  EXPECT_EQ(st.code(), StatusCode::kInternal);
  auto count = Raw()->Query("SELECT COUNT(*) FROM products", {});
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count->rows[0].Int(0), 0);
}

TEST_P(StoreTest, FailedTransactionLeavesNoTrace) {
  auto s = OpenStore();
  Status st = s->Write({"alice", ""}, [](Txn& txn) -> Status {
    SK_RETURN_IF_ERROR(txn.Exec(
        "INSERT INTO products (name, entity, description, intended_use, review_cadence_days, "
        "created_at, updated_at) VALUES ('x', 'product:x', '', '', 30, ?, ?)",
        {txn.time(), txn.time()}));
    SK_RETURN_IF_ERROR(txn.Audit("product.add", "products", "product:x", nullptr));
    return FailedPrecondition("changed my mind");
  });
  EXPECT_EQ(st.message(), "changed my mind");
  auto events = s->Events({});
  ASSERT_TRUE(events.ok());
  EXPECT_TRUE(events->empty());
  auto count = Raw()->Query("SELECT COUNT(*) FROM products", {});
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count->rows[0].Int(0), 0);
}

TEST_P(StoreTest, AuditEventsAreAppendOnly) {
  auto s = FourEvents();
  for (const char* sql : {"UPDATE audit_events SET actor = 'mallory' WHERE seq = 2",
                          "DELETE FROM audit_events WHERE seq = 4"}) {
    auto raw = Raw();
    Status st = raw->ExecScript(sql);
    EXPECT_FALSE(st.ok()) << sql;
    EXPECT_NE(st.message().find("audit_events is append-only"), std::string::npos) << st.message();
  }
  if (GetParam() == Backend::kPostgres) {
    Status st = Raw()->ExecScript("TRUNCATE audit_events");
    EXPECT_NE(st.message().find("audit_events is append-only"), std::string::npos);
  }
  EXPECT_TRUE(Problems(*s).empty());
}

TEST_P(StoreTest, VerifyIntactTrail) {
  auto s = FourEvents();
  auto report = s->Verify(std::nullopt);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << Describe(report->problems);
  EXPECT_EQ(report->events, 4);
  EXPECT_EQ(report->head_seq, 4);
  auto events = s->Events({});
  EXPECT_EQ(report->head_hash, events->back().hash);
}

TEST_P(StoreTest, VerifyDetectsEditedEventRow) {
  auto s = FourEvents();
  Attack(DropGuardsSql() + "UPDATE audit_events SET actor = 'mallory' WHERE seq = 2;");
  auto problems = Problems(*s);
  ASSERT_EQ(problems.size(), 1u) << Describe(problems);
  EXPECT_EQ(problems[0].kind, "edited_event");
  EXPECT_EQ(problems[0].message, "event 2: hash does not match the event's fields (edited)");
}

TEST_P(StoreTest, VerifyDetectsEditedChange) {
  auto s = FourEvents();
  auto events = s->Events({});
  std::string change = (*events)[2].change;  // event 3, product c
  change.replace(change.find("product c"), 9, "product z");
  Attack(DropGuardsSql() + "UPDATE audit_events SET change = '" + change + "' WHERE seq = 3;");
  auto problems = Problems(*s);
  ASSERT_EQ(problems.size(), 2u) << Describe(problems);
  EXPECT_EQ(problems[0].kind, "edited_change");
  EXPECT_EQ(problems[0].message, "event 3: change does not match its digest (edited)");
  EXPECT_EQ(problems[1].kind, "row_changed");
  EXPECT_EQ(problems[1].message,
            "product:c: the row differs from the state recorded by event 3 in description "
            "(changed outside the audit trail)");
}

TEST_P(StoreTest, VerifyDetectsBrokenLink) {
  // The attacker edits event 2 and re-computes its hash: event 2 looks fine,
  // but event 3 no longer links to it.
  auto s = FourEvents();
  auto events = s->Events({});
  AuditEvent e = (*events)[1];
  e.actor = "mallory";
  e.hash = store::AuditEventHash(e);
  Attack(DropGuardsSql() + "UPDATE audit_events SET actor = 'mallory', hash = '" + e.hash +
         "' WHERE seq = 2;");
  auto problems = Problems(*s);
  ASSERT_EQ(problems.size(), 1u) << Describe(problems);
  EXPECT_EQ(problems[0].kind, "broken_link");
  EXPECT_EQ(problems[0].message, "event 3: prev_hash does not match the hash of event 2");
}

TEST_P(StoreTest, VerifyDetectsDeletedEventInTheMiddle) {
  auto s = FourEvents();
  Attack(DropGuardsSql() + "DELETE FROM audit_events WHERE seq = 2;");
  auto problems = Problems(*s);
  ASSERT_EQ(problems.size(), 3u) << Describe(problems);
  EXPECT_EQ(problems[0].kind, "gap");
  EXPECT_EQ(problems[0].message, "event 2 is missing (deleted)");
  EXPECT_EQ(problems[1].kind, "broken_link");
  EXPECT_EQ(problems[1].message, "event 3: prev_hash does not match the hash of event 1");
  EXPECT_EQ(problems[2].kind, "missing_event");
  EXPECT_EQ(problems[2].message,
            "product:b: the row was last changed by event 2, which is not in the trail "
            "(deleted?)");
}

TEST_P(StoreTest, VerifyDetectsDeletedNewestEvent) {
  auto s = FourEvents();
  Attack(DropGuardsSql() + "DELETE FROM audit_events WHERE seq = 4;");
  auto problems = Problems(*s);
  ASSERT_EQ(problems.size(), 1u) << Describe(problems);
  EXPECT_EQ(problems[0].kind, "missing_event");
  EXPECT_EQ(problems[0].message,
            "product:a: the row was last changed by event 4, which is not in the trail "
            "(deleted?)");
}

TEST_P(StoreTest, VerifyDetectsInsertedEventAboutExistingRow) {
  auto s = FourEvents();
  Attack(DropGuardsSql() +
         ForgedEventSql(*s, "product:b",
                        R"({"after":null,"before":null,"reason":null,"table":"products"})"));
  auto problems = Problems(*s);
  ASSERT_EQ(problems.size(), 1u) << Describe(problems);
  EXPECT_EQ(problems[0].kind, "newer_event");
  EXPECT_EQ(problems[0].message,
            "product:b: event 5 changed it after event 2, but the row still carries event 2 "
            "(event inserted, or row restored outside the trail)");
}

TEST_P(StoreTest, VerifyDetectsInsertedEventAboutNoRow) {
  auto s = FourEvents();
  Attack(DropGuardsSql() + ForgedEventSql(*s, "product:ghost",
                                          R"({"after":{"name":"ghost"},"before":null,)"
                                          R"("reason":null,"table":"products"})"));
  auto problems = Problems(*s);
  ASSERT_EQ(problems.size(), 1u) << Describe(problems);
  EXPECT_EQ(problems[0].kind, "missing_row");
  EXPECT_EQ(problems[0].message,
            "product:ghost: event 5 records the row, but it does not exist (deleted outside the "
            "audit trail, or event inserted)");
}

TEST_P(StoreTest, VerifyDetectsRowChangedBehindTheTrail) {
  auto s = FourEvents();
  Attack("UPDATE products SET review_cadence_days = 365, intended_use = 'x' WHERE name = 'b'");
  auto problems = Problems(*s);
  ASSERT_EQ(problems.size(), 1u) << Describe(problems);
  EXPECT_EQ(problems[0].kind, "row_changed");
  EXPECT_EQ(problems[0].message,
            "product:b: the row differs from the state recorded by event 2 in intended_use, "
            "review_cadence_days (changed outside the audit trail)");
}

TEST_P(StoreTest, VerifyChecksAnchor) {
  auto s = FourEvents();
  auto events = s->Events({});
  const std::string hash3 = (*events)[2].hash;
  EXPECT_TRUE(Problems(*s, store::Anchor{3, hash3}).empty());

  auto problems = Problems(*s, store::Anchor{3, std::string(64, 'a')});
  ASSERT_EQ(problems.size(), 1u) << Describe(problems);
  EXPECT_EQ(problems[0].kind, "anchor");
  EXPECT_EQ(problems[0].message,
            "anchor 3: the trail has hash " + hash3 + ", not the recorded " + std::string(64, 'a'));

  problems = Problems(*s, store::Anchor{9, hash3});
  ASSERT_EQ(problems.size(), 1u) << Describe(problems);
  EXPECT_EQ(problems[0].message,
            "anchor 9: the trail ends at event 4 (events deleted from the end?)");
}

TEST_P(StoreTest, AnchorCatchesATruncatedAndRestoredTail) {
  // Deleting the newest event and restoring the row it changed leaves a
  // consistent-looking trail; only a head recorded elsewhere shows it.
  auto s = FourEvents();
  auto events = s->Events({});
  const store::Anchor head{4, (*events)[3].hash};
  Attack(DropGuardsSql() +
         "DELETE FROM audit_events WHERE seq = 4; UPDATE products SET description = 'product a', "
         "updated_at = '" +
         std::string(kT0) + "', audit_seq = 1 WHERE name = 'a';");
  EXPECT_TRUE(Problems(*s).empty()) << Describe(Problems(*s));
  auto problems = Problems(*s, head);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message,
            "anchor 4: the trail ends at event 3 (events deleted from the end?)");
}

TEST_P(StoreTest, EmptyTrailIsIntactAtGenesis) {
  auto s = OpenStore();
  auto report = s->Verify(std::nullopt);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok());
  EXPECT_EQ(report->events, 0);
  EXPECT_EQ(report->head_seq, 0);
  EXPECT_EQ(report->head_hash, std::string(64, '0'));
}

TEST_P(StoreTest, TextRoundTripsExactly) {
  auto s = OpenStore();
  product::Product p;
  p.name = "quotes";
  p.description = "it's a \"quoted\" ? placeholder -- not a comment; ünïcödé 🙂\n2nd line";
  ASSERT_TRUE(product::Add(*s, {"o'brien", ""}, p).ok());
  auto got = product::Get(*s, "quotes");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->description, p.description);
  auto events = s->Events({});
  EXPECT_EQ(events->at(0).actor, "o'brien");
  EXPECT_TRUE(Problems(*s).empty());
}

TEST_P(StoreTest, BytesRoundTripExactly) {
  auto s = OpenStore();
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);  // NUL, invalid UTF-8 and all
  for (const std::string& data : {all, std::string(), std::string("\\x41")}) {
    ASSERT_TRUE(
        s->Read([&](store::Txn& txn) -> Status {
           SK_ASSIGN_OR_RETURN(store::Rows rows, txn.Query("SELECT ?", {store::Bytes{data}}));
           const auto* got = std::get_if<store::Bytes>(&rows.rows.at(0)[0]);
           EXPECT_NE(got, nullptr);
           if (got != nullptr) {
             EXPECT_EQ(got->data, data);
           }
           auto text = rows.rows.at(0).Text(0);
           EXPECT_FALSE(text.ok());
           EXPECT_NE(text.status().message().find("expected text, found bytes"), std::string::npos)
               << text.status().message();
           return Status::Ok();
         }).ok());
  }
}

SK_INSTANTIATE_BACKENDS(StoreTest);

}  // namespace
}  // namespace soupkeeper::testing
