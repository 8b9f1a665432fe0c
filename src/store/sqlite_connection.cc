// The SQLite backend of the connection layer.
//
// One database file, opened read-write (created when missing) with foreign keys
// on and a busy timeout. Nothing is read or written on open: the first query
// finds out whether the file is a database at all, so a garbage file is
// reported without being touched. Write-ahead logging is switched on lazily by
// the first write transaction, after the store has decided the database is
// one it may write.
//
// Prepared statements are kept per SQL text for the life of the connection
// (the domain code runs the same few statements once per record), reset after
// every run so that none holds a read lock between queries; SQLite prepares a
// kept statement again by itself when a migration changes the schema.
#include <sqlite3.h>

#include <functional>
#include <unordered_map>

#include "store/connection.h"

namespace soupkeeper::store {
namespace {

constexpr int kBusyTimeoutMs = 10000;
// More distinct statements than this (SQL built with a varying number of
// placeholders) empties the cache rather than letting it grow without bound.
constexpr size_t kMaxCachedStatements = 512;

struct SqlHash {
  using is_transparent = void;
  size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
};

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(sqlite3* db, std::string path) : db_(db), name_(std::move(path)) {}
  ~SqliteConnection() override {
    ClearStatements();
    sqlite3_close_v2(db_);
  }

  std::string_view dialect() const override { return "sqlite"; }
  const std::string& name() const override { return name_; }

  Status BeginWrite() override {
    if (!wal_) {
      SK_RETURN_IF_ERROR(Query("PRAGMA journal_mode = WAL", {}));
      wal_ = true;
    }
    return Begin("BEGIN IMMEDIATE");
  }
  Status BeginRead() override { return Begin("BEGIN DEFERRED"); }
  Status Commit() override { return Query("COMMIT", {}).status(); }
  Status Rollback() override {
    // A failed statement may already have ended the transaction.
    if (sqlite3_get_autocommit(db_) != 0) return Status::Ok();
    return Query("ROLLBACK", {}).status();
  }

  Result<Rows> Query(std::string_view sql, const std::vector<Value>& params) override;
  Status ExecScript(std::string_view sql) override {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &err);
    std::string message = err != nullptr ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    return rc == SQLITE_OK ? Status::Ok() : Error(rc, message);
  }

  Result<bool> ChangedData() override { return sqlite3_total_changes64(db_) != changes_at_begin_; }
  Result<std::vector<std::string>> TableNames() override {
    SK_ASSIGN_OR_RETURN(Rows rows, Query("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                         "name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
                                         {}));
    std::vector<std::string> names;
    for (const Row& row : rows.rows) {
      SK_ASSIGN_OR_RETURN(std::string name, row.Text(0));
      names.push_back(std::move(name));
    }
    return names;
  }

 private:
  Status Begin(const char* sql) {
    SK_RETURN_IF_ERROR(Query(sql, {}));
    changes_at_begin_ = sqlite3_total_changes64(db_);
    return Status::Ok();
  }

  Status Error(int rc, const std::string& message) const {
    std::string text = name_ + ": " + message;
    int primary = rc & 0xff;
    if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT) {
      return Corruption(text + " (not a readable SQLite database)");
    }
    return DatabaseError(text);
  }
  Status LastError(int rc) const { return Error(rc, sqlite3_errmsg(db_)); }

  // The kept statement for `sql`, prepared on first use; nullptr (with Ok)
  // for a text without a statement (only white space or comments).
  Result<sqlite3_stmt*> Statement(std::string_view sql);
  void ClearStatements() {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    statements_.clear();
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> statements_;
  std::string name_;
  bool wal_ = false;
  sqlite3_int64 changes_at_begin_ = 0;
};

Result<sqlite3_stmt*> SqliteConnection::Statement(std::string_view sql) {
  if (auto it = statements_.find(sql); it != statements_.end()) return it->second;
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, &tail);
  if (rc != SQLITE_OK) return LastError(rc);
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(stmt, sqlite3_finalize);
  if (stmt == nullptr) return nullptr;
  for (const char* p = tail; p < sql.data() + sql.size(); ++p) {
    if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r' && *p != ';') {
      return Internal(name_ + ": more than one statement in one query: " + std::string(sql));
    }
  }
  if (statements_.size() >= kMaxCachedStatements) ClearStatements();
  statements_.emplace(std::string(sql), stmt);
  return guard.release();
}

Result<Rows> SqliteConnection::Query(std::string_view sql, const std::vector<Value>& params) {
  SK_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Statement(sql));
  if (stmt == nullptr) return Rows{std::make_shared<std::vector<std::string>>(), {}};
  // Reset (ending the statement's read of the database) however this run ends.
  std::unique_ptr<sqlite3_stmt, void (*)(sqlite3_stmt*)> reset(stmt, [](sqlite3_stmt* s) {
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
  });
  if (static_cast<size_t>(sqlite3_bind_parameter_count(stmt)) != params.size()) {
    return Internal(name_ + ": statement has " +
                    std::to_string(sqlite3_bind_parameter_count(stmt)) + " placeholders but " +
                    std::to_string(params.size()) + " values were given: " + std::string(sql));
  }
  int rc = SQLITE_OK;
  for (size_t i = 0; i < params.size(); ++i) {
    int index = static_cast<int>(i) + 1;
    if (const int64_t* v = std::get_if<int64_t>(&params[i])) {
      rc = sqlite3_bind_int64(stmt, index, *v);
    } else if (const std::string* s = std::get_if<std::string>(&params[i])) {
      rc = sqlite3_bind_text64(stmt, index, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
    } else if (const Bytes* b = std::get_if<Bytes>(&params[i])) {
      rc = sqlite3_bind_blob64(stmt, index, b->data.data(), b->data.size(), SQLITE_STATIC);
    } else {
      rc = sqlite3_bind_null(stmt, index);
    }
    if (rc != SQLITE_OK) return LastError(rc);
  }
  auto columns = std::make_shared<std::vector<std::string>>();
  int ncol = sqlite3_column_count(stmt);
  for (int c = 0; c < ncol; ++c) columns->push_back(sqlite3_column_name(stmt, c));
  Rows rows{columns, {}};
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    std::vector<Value> values;
    values.reserve(ncol);
    for (int c = 0; c < ncol; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_NULL:
          values.emplace_back(nullptr);
          break;
        case SQLITE_INTEGER:
          values.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, c)));
          break;
        case SQLITE_BLOB: {
          const char* data = static_cast<const char*>(sqlite3_column_blob(stmt, c));
          size_t size = static_cast<size_t>(sqlite3_column_bytes(stmt, c));
          values.emplace_back(Bytes{size == 0 ? std::string() : std::string(data, size)});
          break;
        }
        default: {  // text, and the rarer real as its text
          const char* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          size_t size = static_cast<size_t>(sqlite3_column_bytes(stmt, c));
          values.emplace_back(size == 0 ? std::string() : std::string(data, size));
        }
      }
    }
    rows.rows.emplace_back(columns, std::move(values));
  }
  if (rc != SQLITE_DONE) return LastError(rc);
  return rows;
}

}  // namespace

Result<std::unique_ptr<Connection>> OpenSqlite(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return DatabaseError(path + ": " + message);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  auto conn = std::make_unique<SqliteConnection>(db, path);
  SK_RETURN_IF_ERROR(conn->Query("PRAGMA foreign_keys = ON", {}));
  // 16 KiB pages for a new database (an existing one keeps its own): rows of
  // about 1 KB, as compressed vulnerability records are, left a fifth of
  // each 4 KiB page unused; the full NVD + OSV knowledge base is 7% smaller.
  SK_RETURN_IF_ERROR(conn->Query("PRAGMA page_size = 16384", {}));
  // A page cache of 64 MiB rather than 2: a large import transaction keeps its
  // index pages in memory instead of spilling them to the log again and again
  // (durability is unchanged: dirty pages are written and synced at commit as
  // before).
  SK_RETURN_IF_ERROR(conn->Query("PRAGMA cache_size = -65536", {}));
  return std::unique_ptr<Connection>(std::move(conn));
}

}  // namespace soupkeeper::store
