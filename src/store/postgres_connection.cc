// The PostgreSQL backend of the connection layer (libpq).
//
// The URI is checked with PQconninfoParse before connecting, so a malformed
// URI is bad input (kInvalidArgument) while an unreachable server is a
// database error. Parameters travel as text (integers typed int8, the rest
// left for the server to infer), results come back as text and are typed by
// column type: integer columns become int64_t, everything else text. Writers
// are serialized by a transaction-scoped advisory lock, so the audit trail's
// next seq is computed by one writer at a time.
#include <libpq-fe.h>

#include <cstdlib>

#include "store/connection.h"

namespace soupkeeper::store {
namespace {

// The advisory lock key that serializes soupkeeper writers ("soup").
constexpr const char* kWriteLockSql = "SELECT pg_advisory_xact_lock(1936684400)";
// Type OIDs (pg_type.h) read back as integers.
constexpr Oid kBoolOid = 16, kByteaOid = 17, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23,
              kOidOid = 26;

// libpq messages span lines ("...failed: Connection refused\n\tIs the server
// running...?\n"); one line of text for the user.
std::string OneLine(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == '\n' || c == '\t' || c == '\r' || c == ' ') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

class PostgresConnection final : public Connection {
 public:
  PostgresConnection(PGconn* conn, std::string uri)
      : conn_(conn), uri_(std::move(uri)), name_(RedactUri(uri_)) {}
  ~PostgresConnection() override { PQfinish(conn_); }

  std::string_view dialect() const override { return "postgresql"; }
  const std::string& name() const override { return name_; }

  Status BeginWrite() override {
    SK_RETURN_IF_ERROR(Query("BEGIN ISOLATION LEVEL READ COMMITTED", {}));
    Status s = Query(kWriteLockSql, {}).status();
    if (!s.ok()) Rollback().IgnoreError();
    return s;
  }
  Status BeginRead() override {
    return Query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", {}).status();
  }
  Status Commit() override { return Query("COMMIT", {}).status(); }
  Status Rollback() override {
    if (PQtransactionStatus(conn_) == PQTRANS_IDLE) return Status::Ok();
    return Query("ROLLBACK", {}).status();
  }

  Result<Rows> Query(std::string_view sql, const std::vector<Value>& params) override;
  Status ExecScript(std::string_view sql) override {
    PGresult* res = PQexec(conn_, std::string(sql).c_str());
    Status s = Check(res);
    PQclear(res);
    return s;
  }

  Result<bool> ChangedData() override {
    // A transaction gets an id only when it first writes.
    SK_ASSIGN_OR_RETURN(Rows rows, Query("SELECT txid_current_if_assigned() IS NOT NULL", {}));
    SK_ASSIGN_OR_RETURN(int64_t assigned, rows.rows.at(0).Int(0));
    return assigned != 0;
  }
  Result<std::vector<std::string>> TableNames() override {
    SK_ASSIGN_OR_RETURN(Rows rows, Query("SELECT table_name::text FROM information_schema.tables "
                                         "WHERE table_schema = current_schema() AND "
                                         "table_type = 'BASE TABLE' ORDER BY 1",
                                         {}));
    std::vector<std::string> names;
    for (const Row& row : rows.rows) {
      SK_ASSIGN_OR_RETURN(std::string name, row.Text(0));
      names.push_back(std::move(name));
    }
    return names;
  }

 private:
  // Ok for a successful result, else the server's message naming the database.
  Status Check(PGresult* res) const {
    ExecStatusType st = PQresultStatus(res);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) {
      return Status::Ok();
    }
    const char* primary =
        res != nullptr ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    return DatabaseError(
        name_ + ": " +
        ScrubPasswords(OneLine(primary != nullptr ? primary : PQerrorMessage(conn_)), uri_));
  }

  PGconn* conn_;
  std::string uri_;
  std::string name_;
};

Result<Rows> PostgresConnection::Query(std::string_view sql, const std::vector<Value>& params) {
  std::string text = NumberPlaceholders(sql);
  std::vector<Oid> types;
  std::vector<std::string> storage;
  std::vector<const char*> values;
  std::vector<int> lengths, formats;  // bytes go in binary format, the rest as text
  storage.reserve(params.size());
  for (const Value& v : params) {
    lengths.push_back(0);
    formats.push_back(0);
    if (const int64_t* i = std::get_if<int64_t>(&v)) {
      types.push_back(kInt8Oid);
      storage.push_back(std::to_string(*i));
      values.push_back(storage.back().c_str());
    } else if (const std::string* s = std::get_if<std::string>(&v)) {
      types.push_back(0);
      storage.push_back(*s);
      values.push_back(storage.back().c_str());
    } else if (const Bytes* b = std::get_if<Bytes>(&v)) {
      types.push_back(kByteaOid);
      values.push_back(b->data.data());
      lengths.back() = static_cast<int>(b->data.size());
      formats.back() = 1;
    } else {
      types.push_back(0);
      values.push_back(nullptr);
    }
  }
  PGresult* res = PQexecParams(conn_, text.c_str(), static_cast<int>(params.size()), types.data(),
                               values.data(), lengths.data(), formats.data(), 0);
  std::unique_ptr<PGresult, void (*)(PGresult*)> guard(res, PQclear);
  SK_RETURN_IF_ERROR(Check(res));
  auto columns = std::make_shared<std::vector<std::string>>();
  int ncol = PQnfields(res);
  std::vector<Oid> column_types;
  for (int c = 0; c < ncol; ++c) {
    columns->push_back(PQfname(res, c));
    column_types.push_back(PQftype(res, c));
  }
  Rows rows{columns, {}};
  int nrow = PQntuples(res);
  rows.rows.reserve(nrow);
  for (int r = 0; r < nrow; ++r) {
    std::vector<Value> row;
    row.reserve(ncol);
    for (int c = 0; c < ncol; ++c) {
      if (PQgetisnull(res, r, c)) {
        row.emplace_back(nullptr);
        continue;
      }
      const char* v = PQgetvalue(res, r, c);
      Oid t = column_types[c];
      if (t == kBoolOid) {
        row.emplace_back(int64_t{v[0] == 't' ? 1 : 0});
      } else if (t == kInt8Oid || t == kInt4Oid || t == kInt2Oid || t == kOidOid) {
        row.emplace_back(static_cast<int64_t>(std::strtoll(v, nullptr, 10)));
      } else if (t == kByteaOid) {
        size_t size = 0;
        unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(v), &size);
        if (raw == nullptr) return DatabaseError(name_ + ": cannot read a bytea value");
        row.emplace_back(Bytes{std::string(reinterpret_cast<const char*>(raw), size)});
        PQfreemem(raw);
      } else {
        row.emplace_back(std::string(v, static_cast<size_t>(PQgetlength(res, r, c))));
      }
    }
    rows.rows.emplace_back(columns, std::move(row));
  }
  return rows;
}

void IgnoreNotice(void*, const char*) {}

}  // namespace

Result<std::unique_ptr<Connection>> OpenPostgres(const std::string& uri) {
  const std::string name = RedactUri(uri);
  auto scrub = [&](const char* message) {
    return ScrubPasswords(OneLine(message != nullptr ? message : ""), uri);
  };
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(uri.c_str(), &parse_error);
  if (options == nullptr) {
    std::string message = scrub(parse_error != nullptr ? parse_error : "out of memory");
    PQfreemem(parse_error);
    return InvalidArgument(name + ": invalid PostgreSQL URI: " + message);
  }
  PQconninfoFree(options);
  // A default connect timeout, which the URI's own connect_timeout overrides.
  const char* keywords[] = {"connect_timeout", "dbname", nullptr};
  const char* values[] = {"10", uri.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (conn == nullptr) return DatabaseError(name + ": cannot connect: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = scrub(PQerrorMessage(conn));
    PQfinish(conn);
    return DatabaseError(name + ": cannot connect: " + message);
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  return std::unique_ptr<Connection>(std::make_unique<PostgresConnection>(conn, uri));
}

}  // namespace soupkeeper::store
