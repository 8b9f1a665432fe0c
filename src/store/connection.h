// The SQL connection layer under the Store: one small interface, one file per
// backend (sqlite_connection.cc, postgres_connection.cc).
//
// Everything above this interface (transactions, the audit trail, migrations,
// verification, domain repositories) is written once in portable SQL with `?`
// placeholders; a backend only runs statements, maps its types to Value and its
// errors to Status, and answers the few questions whose SQL differs by dialect
// (which tables exist, whether the transaction changed data). Error messages
// start with the database's display name (passwords redacted).
#ifndef SOUPKEEPER_SRC_STORE_CONNECTION_H_
#define SOUPKEEPER_SRC_STORE_CONNECTION_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/status.h"
#include "soupkeeper/store.h"

namespace soupkeeper::store {

class Connection {
 public:
  virtual ~Connection() = default;

  // "sqlite" or "postgresql", the schema/ folder of this backend.
  virtual std::string_view dialect() const = 0;
  // The path or redacted URI, as used in messages.
  virtual const std::string& name() const = 0;

  // A transaction that excludes other writers (SQLite BEGIN IMMEDIATE, in WAL
  // mode; PostgreSQL BEGIN plus a transaction-scoped advisory lock).
  virtual Status BeginWrite() = 0;
  // A transaction that reads one consistent snapshot.
  virtual Status BeginRead() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // Runs one statement with `?` placeholders bound to `params`; rows of a
  // statement that returns none are empty.
  virtual Result<Rows> Query(std::string_view sql, const std::vector<Value>& params) = 0;
  // Runs a script of several statements without parameters (migrations).
  virtual Status ExecScript(std::string_view sql) = 0;

  // Whether the current transaction has changed any data so far.
  virtual Result<bool> ChangedData() = 0;
  // Names of the tables of the database (PostgreSQL: of the current schema),
  // sorted; internal tables of the engine are left out.
  virtual Result<std::vector<std::string>> TableNames() = 0;
};

// Opens a SQLite file, creating it when missing; reads nothing yet.
Result<std::unique_ptr<Connection>> OpenSqlite(const std::string& path);
// Connects to PostgreSQL with a libpq URI (postgresql:// or postgres://).
Result<std::unique_ptr<Connection>> OpenPostgres(const std::string& uri);
// Chooses the backend by the URI's scheme (see Store::Open).
Result<std::unique_ptr<Connection>> OpenConnection(std::string_view uri);

// Rewrites `?` placeholders to $1, $2, ... outside string literals, quoted
// identifiers and comments (PostgreSQL's parameter syntax).
std::string NumberPlaceholders(std::string_view sql);

// `message` with every password written in `uri` replaced by "***", for
// messages of a driver that may quote the URI back.
std::string ScrubPasswords(std::string_view message, std::string_view uri);

// True for a plain SQL identifier ([a-z_][a-z0-9_]*), safe to splice into SQL.
bool IsPlainIdentifier(std::string_view name);

}  // namespace soupkeeper::store

#endif  // SOUPKEEPER_SRC_STORE_CONNECTION_H_
