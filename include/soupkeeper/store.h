// The store: soupkeeper's database, its schema and its audit trail.
//
// One Store class over two backends: SQLite (an embedded file, the default)
// and PostgreSQL (libpq), chosen by the URI given to Store::Open. The Store is
// written once on top of a small SQL connection layer (src/store/); domain
// code (products, later releases, SOUP items...) reads and writes through a
// Txn, a transaction that speaks portable SQL with `?` placeholders.
//
// Promises:
//  - Open applies the checked-in schema migrations (schema/<dialect>/NNN_*.sql)
//    in one transaction and records each version in table schema_version. A
//    database written by a newer soupkeeper, a file that is not a database, a
//    malformed URI or an unreachable server fails with one line naming the
//    database (passwords redacted) and writes nothing.
//  - Every Write transaction that changes data appends at least one
//    AuditEvent in the same transaction; one that changed data without
//    calling Txn::Audit is rolled back with kInternal. Events form a SHA-256
//    hash chain (see AuditEventHash) and the audit_events table is append-only
//    in the database (triggers).
//  - Each audited row (a table with columns `entity` and `audit_seq`) carries
//    the seq of the event that last changed it, so Verify also detects deleted
//    newest events and rows changed behind the trail's back.
//
// Example:
//   SK_ASSIGN_OR_RETURN(auto store, store::Store::Open("soupkeeper.db", Env::Default()));
//   SK_RETURN_IF_ERROR(store->Write({"alice", "initial entry"}, [&](store::Txn& txn) {
//     SK_RETURN_IF_ERROR(txn.Exec("INSERT INTO products (...) VALUES (?, ...)", {name, ...}));
//     return txn.Audit("product.add", "products", "product:" + name, nullptr).status();
//   }));
//   SK_ASSIGN_OR_RETURN(store::VerifyReport report, store->Verify(std::nullopt));
#ifndef SOUPKEEPER_STORE_H_
#define SOUPKEEPER_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "soupkeeper/env.h"
#include "soupkeeper/status.h"

namespace soupkeeper::store {

// Binary data: a BLOB in SQLite, bytea in PostgreSQL (e.g. the compressed
// record JSON of vuln_records.data).
struct Bytes {
  std::string data;
  friend bool operator==(const Bytes&, const Bytes&) = default;
};

// A SQL value: NULL, a 64-bit integer, UTF-8 text or bytes. The schema uses no
// other types, so rows read back identically on both backends.
using Value = std::variant<std::nullptr_t, int64_t, std::string, Bytes>;

// A nullable text value.
inline Value NullableText(const std::optional<std::string>& s) {
  return s ? Value(*s) : Value(nullptr);
}

// One result row. Accessors fail with kCorruption when the stored value has
// another type than the schema promises (e.g. a row edited by hand).
class Row {
 public:
  Row(std::shared_ptr<const std::vector<std::string>> columns, std::vector<Value> values)
      : columns_(std::move(columns)), values_(std::move(values)) {}
  size_t size() const { return values_.size(); }
  const Value& operator[](size_t i) const { return values_[i]; }
  bool IsNull(size_t i) const { return std::holds_alternative<std::nullptr_t>(values_[i]); }
  Result<int64_t> Int(size_t i) const;
  Result<std::string> Text(size_t i) const;
  // Text, or nullopt for NULL.
  Result<std::optional<std::string>> OptionalText(size_t i) const;

 private:
  std::shared_ptr<const std::vector<std::string>> columns_;  // names, for messages
  std::vector<Value> values_;
};

// The rows of a query, with their column names.
struct Rows {
  std::shared_ptr<const std::vector<std::string>> columns;
  std::vector<Row> rows;
  bool empty() const { return rows.empty(); }
  size_t size() const { return rows.size(); }
};

// The hash that precedes the first event.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// One entry of the audit trail.
struct AuditEvent {
  int64_t seq = 0;        // 1, 2, 3... without gaps
  std::string time;       // RFC 3339 UTC, from Env::Now() when the transaction began
  std::string actor;      // who made the change
  std::string action;     // e.g. "product.add"
  std::string entity;     // e.g. "product:infusion-pump-controller"
  std::string change;     // canonical JSON, see AuditChange below
  std::string digest;     // SHA-256 (hex) of `change`
  std::string prev_hash;  // `hash` of event seq-1, or kGenesisHash
  std::string hash;       // AuditEventHash(*this)

  // The reason recorded in `change`, or "" when none was given.
  std::string Reason() const;
};

// The canonical JSON text of a change: an object with the keys
//   "after"  - the audited row after the change (column -> value, without
//              `entity` and `audit_seq`), or null when the row was deleted
//   "before" - the row before the change, or null when it was created
//   "reason" - the reason given by the actor, or null
//   "table"  - the table of the row
// serialized with keys sorted by their bytes, no whitespace, UTF-8 unescaped,
// integers as integers (RFC 8785 for the values soupkeeper writes). Fails with
// kInvalidArgument when a text is not valid UTF-8.
Result<std::string> CanonicalJson(const nlohmann::json& value);

// The hash of an event: lower-case hex SHA-256 of the canonical JSON array
//   [seq, time, actor, action, entity, digest, prev_hash]
// e.g. [1,"2026-01-02T03:04:05Z","alice","product.add","product:x","<64 hex>","000...0"].
std::string AuditEventHash(const AuditEvent& event);

// A head of the chain recorded elsewhere ("SEQ:HASH"), checked by Verify.
struct Anchor {
  int64_t seq = 0;
  std::string hash;
  // Parses "SEQ:HASH" (SEQ a positive integer, HASH 64 lower-case hex digits).
  static Result<Anchor> Parse(std::string_view text);
};

// One thing wrong with the trail.
struct Problem {
  // "gap", "broken_link", "edited_change", "edited_event", "bad_change",
  // "missing_event", "wrong_entity", "newer_event", "row_changed",
  // "missing_row", "anchor".
  std::string kind;
  std::string message;  // one line, e.g. "event 3: prev_hash does not match ..."
};

struct VerifyReport {
  int64_t events = 0;  // events read
  int64_t head_seq = 0;
  std::string head_hash = std::string(kGenesisHash);
  std::vector<Problem> problems;
  bool ok() const { return problems.empty(); }
};

// Who makes a change, and why (the reason may be empty).
struct Author {
  std::string actor;
  std::string reason;
};

class Connection;

// A transaction, given to the function passed to Store::Write or Store::Read.
// SQL uses `?` placeholders on both backends.
class Txn {
 public:
  Txn(const Txn&) = delete;
  Txn& operator=(const Txn&) = delete;

  // Runs a statement that returns no rows.
  Status Exec(std::string_view sql, const std::vector<Value>& params = {});
  // Runs a query.
  Result<Rows> Query(std::string_view sql, const std::vector<Value>& params = {});
  // Runs `sql_prefix` followed by "(?, ?, ...)" over `values`, 200 at a
  // time, calling `row` for each row; `leading` binds the placeholders of
  // `sql_prefix` itself. E.g. QueryIn("SELECT ... WHERE id IN ", ids, fn).
  Status QueryIn(const std::string& sql_prefix, const std::vector<std::string>& values,
                 const std::function<Status(const Row&)>& row,
                 const std::vector<Value>& leading = {});

  // The audited row of `table` whose entity column is `entity`, as the JSON
  // object the trail records (column -> value), or null when there is none.
  Result<nlohmann::json> State(std::string_view table, std::string_view entity);

  // Records the change of the row of `table` named `entity`, whose state
  // before the change was `before` (from State(); null for a new row):
  // stamps the row's audit_seq, reads its new state and appends the event.
  // Returns the event's seq. Only in Write transactions.
  Result<int64_t> Audit(std::string_view action, std::string_view table, std::string_view entity,
                        const nlohmann::json& before);

  // The time of this transaction (Env::Now() when it began), RFC 3339 UTC.
  const std::string& time() const { return time_; }
  bool writable() const { return author_ != nullptr; }
  int audit_count() const { return audit_count_; }

 private:
  friend class Store;
  Txn(Connection* conn, const Author* author, std::string time)
      : conn_(conn), author_(author), time_(std::move(time)) {}

  Connection* conn_;
  const Author* author_;  // null in read transactions
  std::string time_;
  int audit_count_ = 0;
  std::optional<std::pair<int64_t, std::string>> head_;  // seq, hash
};

struct EventFilter {
  std::string entity;  // only events about this entity; "" for all
  size_t limit = 0;    // only the newest `limit` events; 0 for all
};

class Store {
 public:
  // Opens (creating if needed) and migrates the database named by `uri`:
  // "postgresql://..." or "postgres://..." (libpq URI) selects PostgreSQL; any
  // other text without a "scheme://" prefix is a SQLite file path. Errors:
  // kInvalidArgument (malformed or unsupported URI), kCorruption (not a
  // database), kFailedPrecondition (a database of something else),
  // kUnsupported (newer schema), kDatabaseError (cannot open or connect).
  static Result<std::unique_ptr<Store>> Open(std::string_view uri, Env* env);
  ~Store();

  // Runs `fn` in a write transaction (exclusive among writers) and commits
  // when it returns Ok; rolls back otherwise, or when data changed but no
  // event was audited (kInternal).
  Status Write(const Author& author, const std::function<Status(Txn&)>& fn);
  // Runs `fn` in a read transaction (one consistent snapshot); always rolled
  // back, and kInternal if `fn` changed data.
  Status Read(const std::function<Status(Txn&)>& fn);

  // Events in seq order (the newest `limit` when set).
  Result<std::vector<AuditEvent>> Events(const EventFilter& filter);
  // Checks the whole trail: the hash chain, every audited row against the
  // event at its audit_seq, and the optional anchor.
  Result<VerifyReport> Verify(const std::optional<Anchor>& anchor);

  // The database as shown to users: the path, or the URI with any password
  // replaced by "***".
  const std::string& name() const { return name_; }
  // "sqlite" or "postgresql" (the schema/ folder of the backend).
  std::string_view dialect() const;
  int schema_version() const { return schema_version_; }

 private:
  Store(std::unique_ptr<Connection> conn, Env* env, std::string name);
  Status Migrate();
  Status RunTxn(const Author* author, const std::function<Status(Txn&)>& fn);

  std::unique_ptr<Connection> conn_;
  Env* env_;
  std::string name_;
  int schema_version_ = 0;
};

// The newest schema version this build knows for `dialect`.
int LatestSchemaVersion(std::string_view dialect);

// `uri` with a password (userinfo or "password=" parameter) replaced by "***".
std::string RedactUri(std::string_view uri);

}  // namespace soupkeeper::store

#endif  // SOUPKEEPER_STORE_H_
