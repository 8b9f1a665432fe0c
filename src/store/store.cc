// The Store, written once over the connection layer: opening and migrating,
// transactions, and the audit trail's write side (Txn::Audit). The read side,
// verification, is in verify.cc.
#include "soupkeeper/store.h"

#include <algorithm>

#include "soupkeeper/hash.h"
#include "store/connection.h"
#include "store/schema_files.h"
#include "store/verify.h"

namespace soupkeeper::store {
namespace {

constexpr std::string_view kEventColumns =
    "seq, time, actor, action, entity, change, digest, prev_hash, hash";

// The schema version recorded in the database: 0 for an empty database.
Result<int> RecordedSchemaVersion(Connection& conn) {
  SK_ASSIGN_OR_RETURN(std::vector<std::string> tables, conn.TableNames());
  if (std::find(tables.begin(), tables.end(), "schema_version") == tables.end()) {
    if (tables.empty()) return 0;
    return FailedPrecondition(conn.name() +
                              ": not a soupkeeper database (it has tables but no schema_version "
                              "table); refusing to change it");
  }
  SK_ASSIGN_OR_RETURN(Rows rows, conn.Query("SELECT MAX(version) FROM schema_version", {}));
  if (rows.empty() || rows.rows[0].IsNull(0)) return 0;
  SK_ASSIGN_OR_RETURN(int64_t version, rows.rows[0].Int(0));
  return static_cast<int>(version);
}

Status CheckNotNewer(const Connection& conn, int version) {
  int latest = LatestSchemaVersion(conn.dialect());
  if (version <= latest) return Status::Ok();
  return Unsupported(conn.name() + ": database schema version " + std::to_string(version) +
                     " is newer than this soupkeeper supports (" + std::to_string(latest) +
                     "); upgrade soupkeeper");
}

}  // namespace

int LatestSchemaVersion(std::string_view dialect) {
  int latest = 0;
  for (const SchemaFile& f : SchemaFiles()) {
    if (f.dialect == dialect) latest = std::max(latest, f.version);
  }
  return latest;
}

Result<AuditEvent> EventFromRow(const Row& row) {
  AuditEvent e;
  SK_ASSIGN_OR_RETURN(e.seq, row.Int(0));
  SK_ASSIGN_OR_RETURN(e.time, row.Text(1));
  SK_ASSIGN_OR_RETURN(e.actor, row.Text(2));
  SK_ASSIGN_OR_RETURN(e.action, row.Text(3));
  SK_ASSIGN_OR_RETURN(e.entity, row.Text(4));
  SK_ASSIGN_OR_RETURN(e.change, row.Text(5));
  SK_ASSIGN_OR_RETURN(e.digest, row.Text(6));
  SK_ASSIGN_OR_RETURN(e.prev_hash, row.Text(7));
  SK_ASSIGN_OR_RETURN(e.hash, row.Text(8));
  return e;
}

Result<std::vector<AuditEvent>> ReadEvents(Connection& conn, const EventFilter& filter) {
  std::string sql = "SELECT " + std::string(kEventColumns) + " FROM audit_events";
  std::vector<Value> params;
  if (!filter.entity.empty()) {
    sql += " WHERE entity = ?";
    params.emplace_back(filter.entity);
  }
  if (filter.limit > 0) {
    sql += " ORDER BY seq DESC LIMIT ?";
    params.emplace_back(static_cast<int64_t>(filter.limit));
  } else {
    sql += " ORDER BY seq";
  }
  SK_ASSIGN_OR_RETURN(Rows rows, conn.Query(sql, params));
  std::vector<AuditEvent> events;
  events.reserve(rows.size());
  for (const Row& row : rows.rows) {
    SK_ASSIGN_OR_RETURN(AuditEvent e, EventFromRow(row));
    events.push_back(std::move(e));
  }
  if (filter.limit > 0) std::reverse(events.begin(), events.end());
  return events;
}

nlohmann::json RowState(const Rows& rows, const Row& row) {
  nlohmann::json state = nlohmann::json::object();
  for (size_t c = 0; c < row.size(); ++c) {
    const std::string& column = (*rows.columns)[c];
    if (column == "entity" || column == "audit_seq") continue;
    if (const int64_t* i = std::get_if<int64_t>(&row[c])) {
      state[column] = *i;
    } else if (const std::string* s = std::get_if<std::string>(&row[c])) {
      state[column] = *s;
    } else if (const Bytes* b = std::get_if<Bytes>(&row[c])) {
      state[column] = "sha256:" + Sha256Hex(b->data);  // bytes are kept as their digest
    } else {
      state[column] = nullptr;
    }
  }
  return state;
}

// --- Txn ---

Status Txn::Exec(std::string_view sql, const std::vector<Value>& params) {
  return conn_->Query(sql, params).status();
}

Result<Rows> Txn::Query(std::string_view sql, const std::vector<Value>& params) {
  return conn_->Query(sql, params);
}

Status Txn::QueryIn(const std::string& sql_prefix, const std::vector<std::string>& values,
                    const std::function<Status(const Row&)>& row,
                    const std::vector<Value>& leading) {
  constexpr size_t kChunk = 200;  // placeholders per IN list
  for (size_t at = 0; at < values.size(); at += kChunk) {
    const size_t n = std::min(kChunk, values.size() - at);
    std::vector<Value> params = leading;
    params.insert(params.end(), values.begin() + static_cast<std::ptrdiff_t>(at),
                  values.begin() + static_cast<std::ptrdiff_t>(at + n));
    std::string sql = sql_prefix + "(";
    for (size_t i = 0; i < n; ++i) sql += i ? ", ?" : "?";
    sql += ")";
    SK_ASSIGN_OR_RETURN(Rows rows, conn_->Query(sql, params));
    for (const Row& r : rows.rows) SK_RETURN_IF_ERROR(row(r));
  }
  return Status::Ok();
}

Result<nlohmann::json> Txn::State(std::string_view table, std::string_view entity) {
  if (!IsPlainIdentifier(table)) return Internal("invalid table name '" + std::string(table) + "'");
  SK_ASSIGN_OR_RETURN(Rows rows,
                      conn_->Query("SELECT * FROM " + std::string(table) + " WHERE entity = ?",
                                   {std::string(entity)}));
  if (rows.empty()) return nlohmann::json(nullptr);
  return RowState(rows, rows.rows[0]);
}

Result<int64_t> Txn::Audit(std::string_view action, std::string_view table, std::string_view entity,
                           const nlohmann::json& before) {
  if (author_ == nullptr) return Internal("Txn::Audit called in a read transaction");
  if (!IsPlainIdentifier(table)) return Internal("invalid table name '" + std::string(table) + "'");
  if (!head_) {
    SK_ASSIGN_OR_RETURN(
        Rows rows,
        conn_->Query("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1", {}));
    head_.emplace(0, std::string(kGenesisHash));
    if (!rows.empty()) {
      SK_ASSIGN_OR_RETURN(head_->first, rows.rows[0].Int(0));
      SK_ASSIGN_OR_RETURN(head_->second, rows.rows[0].Text(1));
    }
  }
  AuditEvent e;
  e.seq = head_->first + 1;
  e.time = time_;
  e.actor = author_->actor;
  e.action = std::string(action);
  e.entity = std::string(entity);
  e.prev_hash = head_->second;
  if (e.actor.empty()) return InvalidArgument("actor: empty (who makes the change?)");
  SK_RETURN_IF_ERROR(Exec("UPDATE " + std::string(table) + " SET audit_seq = ? WHERE entity = ?",
                          {e.seq, e.entity}));
  SK_ASSIGN_OR_RETURN(nlohmann::json after, State(table, entity));
  if (after.is_null() && before.is_null()) {
    return Internal("Txn::Audit: no row " + e.entity + " in " + std::string(table) +
                    " before or after the change");
  }
  nlohmann::json change = {{"after", after},
                           {"before", before},
                           {"reason", author_->reason.empty() ? nlohmann::json(nullptr)
                                                              : nlohmann::json(author_->reason)},
                           {"table", table}};
  SK_ASSIGN_OR_RETURN(e.change, CanonicalJson(change));
  // The hashed fields must be valid UTF-8 too, or the hash would not be
  // reproducible by other tools.
  SK_RETURN_IF_ERROR(CanonicalJson({e.actor, e.action, e.entity}).status());
  e.digest = Sha256Hex(e.change);
  e.hash = AuditEventHash(e);
  SK_RETURN_IF_ERROR(
      Exec("INSERT INTO audit_events (" + std::string(kEventColumns) +
               ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
           {e.seq, e.time, e.actor, e.action, e.entity, e.change, e.digest, e.prev_hash, e.hash}));
  head_.emplace(e.seq, e.hash);
  ++audit_count_;
  return e.seq;
}

// --- Store ---

Store::Store(std::unique_ptr<Connection> conn, Env* env, std::string name)
    : conn_(std::move(conn)), env_(env), name_(std::move(name)) {}

Store::~Store() = default;

std::string_view Store::dialect() const { return conn_->dialect(); }

Result<std::unique_ptr<Store>> Store::Open(std::string_view uri, Env* env) {
  SK_ASSIGN_OR_RETURN(std::unique_ptr<Connection> conn, OpenConnection(uri));
  std::string name = conn->name();
  std::unique_ptr<Store> store(new Store(std::move(conn), env, std::move(name)));
  SK_RETURN_IF_ERROR(store->Migrate());
  return store;
}

Status Store::Migrate() {
  // Look first in a read transaction, so that a database this build must not
  // touch (garbage, something else's, a newer schema) is left as it was.
  SK_RETURN_IF_ERROR(conn_->BeginRead());
  Result<int> recorded = RecordedSchemaVersion(*conn_);
  conn_->Rollback().IgnoreError();
  SK_RETURN_IF_ERROR(recorded);
  SK_RETURN_IF_ERROR(CheckNotNewer(*conn_, *recorded));
  schema_version_ = *recorded;
  if (schema_version_ == LatestSchemaVersion(conn_->dialect())) return Status::Ok();

  SK_RETURN_IF_ERROR(conn_->BeginWrite());
  Status s = [&]() -> Status {
    // Another process may have migrated between the look and the lock.
    SK_ASSIGN_OR_RETURN(int current, RecordedSchemaVersion(*conn_));
    SK_RETURN_IF_ERROR(CheckNotNewer(*conn_, current));
    const std::string now = FormatTime(env_->Now());
    for (const SchemaFile& f : SchemaFiles()) {
      if (f.dialect != conn_->dialect() || f.version <= current) continue;
      SK_RETURN_IF_ERROR(conn_->ExecScript(f.sql).WithContext(std::string(f.path)));
      SK_RETURN_IF_ERROR(
          conn_->Query("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                       {int64_t{f.version}, now}));
      current = f.version;
    }
    schema_version_ = current;
    return Status::Ok();
  }();
  if (!s.ok()) {
    conn_->Rollback().IgnoreError();
    return s;
  }
  return conn_->Commit();
}

Status Store::RunTxn(const Author* author, const std::function<Status(Txn&)>& fn) {
  Txn txn(conn_.get(), author, FormatTime(env_->Now()));
  SK_RETURN_IF_ERROR(author != nullptr ? conn_->BeginWrite() : conn_->BeginRead());
  Status s = fn(txn);
  if (s.ok()) {
    Result<bool> changed = conn_->ChangedData();
    if (!changed.ok()) {
      s = changed.status();
    } else if (*changed && author == nullptr) {
      s = Internal(name_ + ": a read transaction changed the database; rolled back");
    } else if (*changed && txn.audit_count() == 0) {
      s = Internal(name_ +
                   ": a transaction changed the database without an audit event; "
                   "rolled back");
    }
  }
  if (!s.ok() || author == nullptr) {
    Status r = conn_->Rollback();
    return s.ok() ? r : s;
  }
  return conn_->Commit();
}

Status Store::Write(const Author& author, const std::function<Status(Txn&)>& fn) {
  return RunTxn(&author, fn);
}

Status Store::Read(const std::function<Status(Txn&)>& fn) { return RunTxn(nullptr, fn); }

Result<std::vector<AuditEvent>> Store::Events(const EventFilter& filter) {
  std::vector<AuditEvent> events;
  SK_RETURN_IF_ERROR(Read([&](Txn&) -> Status {
    SK_ASSIGN_OR_RETURN(events, ReadEvents(*conn_, filter));
    return Status::Ok();
  }));
  return events;
}

Result<VerifyReport> Store::Verify(const std::optional<Anchor>& anchor) {
  VerifyReport report;
  SK_RETURN_IF_ERROR(Read([&](Txn&) { return VerifyTrail(*conn_, anchor, &report); }));
  return report;
}

}  // namespace soupkeeper::store
