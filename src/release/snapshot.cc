// SBOM snapshots on the store: normalizing a decoded document into component
// and edge rows, the components digest, storing a snapshot once per distinct
// byte string, reading it back, and re-checking what is stored.
#include <algorithm>
#include <map>
#include <set>

#include "release/internal.h"
#include "soupkeeper/hash.h"

namespace soupkeeper::release {
namespace {

constexpr std::string_view kComponentColumns =
    "ordinal, ref, type, group_name, name, version, purl, cpe, supplier, scope, hashes, licenses";
constexpr std::string_view kSnapshotColumns =
    "sha256, format, spec_version, size_bytes, components_sha256, stored_at, component_count, "
    "dependency_count";
// Rows per multi-row INSERT: fewer round trips (PostgreSQL) without nearing
// either backend's parameter limit (12 columns x 64 rows).
constexpr size_t kRowsPerInsert = 64;

std::string_view LicenseKind(sbom::License::Kind kind) {
  switch (kind) {
    case sbom::License::Kind::kId:
      return "id";
    case sbom::License::Kind::kName:
      return "name";
    case sbom::License::Kind::kExpression:
      return "expression";
  }
  return "id";
}

nlohmann::json PairsJson(const std::vector<std::pair<std::string, std::string>>& pairs) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [a, b] : pairs) out.push_back({a, b});
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> PairsFromText(std::string_view column,
                                                                       const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::pair<std::string, std::string>> out;
  bool ok = j.is_array();
  if (ok) {
    for (const auto& p : j) {
      if (!p.is_array() || p.size() != 2 || !p[0].is_string() || !p[1].is_string()) {
        ok = false;
        break;
      }
      out.emplace_back(p[0].get<std::string>(), p[1].get<std::string>());
    }
  }
  if (!ok) {
    return Corruption("sbom_components." + std::string(column) +
                      ": not a JSON array of [text, text] pairs: " + text);
  }
  return out;
}

// The canonical JSON text of `value`; the texts come from a decoded (UTF-8)
// document, so this cannot fail in practice.
Result<std::string> Canonical(const nlohmann::json& value) { return store::CanonicalJson(value); }

Result<SnapshotComponent> ComponentFromRow(const store::Row& row) {
  SnapshotComponent c;
  SK_ASSIGN_OR_RETURN(c.ordinal, row.Int(0));
  SK_ASSIGN_OR_RETURN(c.ref, row.Text(1));
  SK_ASSIGN_OR_RETURN(c.type, row.Text(2));
  SK_ASSIGN_OR_RETURN(c.group, row.Text(3));
  SK_ASSIGN_OR_RETURN(c.name, row.Text(4));
  SK_ASSIGN_OR_RETURN(c.version, row.Text(5));
  SK_ASSIGN_OR_RETURN(c.purl, row.Text(6));
  SK_ASSIGN_OR_RETURN(c.cpe, row.Text(7));
  SK_ASSIGN_OR_RETURN(c.supplier, row.Text(8));
  SK_ASSIGN_OR_RETURN(c.scope, row.Text(9));
  SK_ASSIGN_OR_RETURN(std::string hashes, row.Text(10));
  SK_ASSIGN_OR_RETURN(c.hashes, PairsFromText("hashes", hashes));
  SK_ASSIGN_OR_RETURN(std::string licenses, row.Text(11));
  SK_ASSIGN_OR_RETURN(c.licenses, PairsFromText("licenses", licenses));
  return c;
}

// Inserts `n_rows` rows of `columns` (comma-separated) from `values`, in
// statements of kRowsPerInsert rows.
Status InsertRows(store::Txn& txn, std::string_view table, std::string_view columns,
                  size_t n_columns, const std::vector<store::Value>& values) {
  const size_t n_rows = values.size() / n_columns;
  std::string one_row = "(";
  for (size_t i = 0; i < n_columns; ++i) one_row += i == 0 ? "?" : ", ?";
  one_row += ")";
  for (size_t start = 0; start < n_rows; start += kRowsPerInsert) {
    size_t end = std::min(n_rows, start + kRowsPerInsert);
    std::string sql =
        "INSERT INTO " + std::string(table) + " (" + std::string(columns) + ") VALUES ";
    for (size_t r = start; r < end; ++r) sql += (r == start ? "" : ", ") + one_row;
    std::vector<store::Value> params(values.begin() + start * n_columns,
                                     values.begin() + end * n_columns);
    SK_RETURN_IF_ERROR(txn.Exec(sql, params));
  }
  return Status::Ok();
}

Result<std::vector<SnapshotComponent>> ComponentsIn(store::Txn& txn, std::string_view sha256) {
  SK_ASSIGN_OR_RETURN(store::Rows rows,
                      txn.Query("SELECT " + std::string(kComponentColumns) +
                                    " FROM sbom_components WHERE sbom_sha256 = ? ORDER BY ordinal",
                                {std::string(sha256)}));
  std::vector<SnapshotComponent> out;
  out.reserve(rows.size());
  for (const store::Row& row : rows.rows) {
    SK_ASSIGN_OR_RETURN(SnapshotComponent c, ComponentFromRow(row));
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<DependencyEdge>> DependenciesIn(store::Txn& txn, std::string_view sha256) {
  SK_ASSIGN_OR_RETURN(
      store::Rows rows,
      txn.Query("SELECT from_ref, to_ref FROM sbom_dependencies WHERE sbom_sha256 = ?",
                {std::string(sha256)}));
  std::vector<DependencyEdge> out;
  out.reserve(rows.size());
  for (const store::Row& row : rows.rows) {
    DependencyEdge e;
    SK_ASSIGN_OR_RETURN(e.from, row.Text(0));
    SK_ASSIGN_OR_RETURN(e.to, row.Text(1));
    out.push_back(std::move(e));
  }
  // Sorted here rather than by ORDER BY, whose collation differs by backend.
  std::sort(out.begin(), out.end());
  return out;
}

Result<SbomSnapshot> SnapshotFromRow(const store::Row& row) {
  SbomSnapshot s;
  SK_ASSIGN_OR_RETURN(s.sha256, row.Text(0));
  SK_ASSIGN_OR_RETURN(s.format, row.Text(1));
  SK_ASSIGN_OR_RETURN(s.spec_version, row.Text(2));
  SK_ASSIGN_OR_RETURN(s.size_bytes, row.Int(3));
  SK_ASSIGN_OR_RETURN(s.components_sha256, row.Text(4));
  SK_ASSIGN_OR_RETURN(s.stored_at, row.Text(5));
  return s;
}

}  // namespace

std::vector<SnapshotComponent> ComponentsOf(const sbom::Document& doc) {
  std::vector<SnapshotComponent> out;
  out.reserve(doc.components.size());
  int64_t ordinal = 0;
  for (const sbom::Component& c : doc.components) {
    SnapshotComponent s;
    s.ordinal = ordinal++;
    s.ref = c.ref;
    s.type = c.type;
    s.group = c.group;
    s.name = c.name;
    s.version = c.version;
    s.purl = c.purl;
    s.cpe = c.cpe;
    s.supplier = c.supplier ? c.supplier->name : "";
    s.scope = c.scope;
    for (const sbom::Hash& h : c.hashes) s.hashes.emplace_back(h.alg, h.value);
    for (const sbom::License& l : c.licenses) {
      s.licenses.emplace_back(std::string(LicenseKind(l.kind)), l.value);
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<DependencyEdge> DependenciesOf(const sbom::Document& doc) {
  std::set<DependencyEdge> edges;
  for (const sbom::Dependency& d : doc.dependencies) {
    for (const sbom::Text to : d.depends_on) edges.insert({d.ref, to});
  }
  return {edges.begin(), edges.end()};
}

nlohmann::json ToJson(const SnapshotComponent& c) {
  return {{"ordinal", c.ordinal},
          {"ref", c.ref},
          {"type", c.type},
          {"group", c.group},
          {"name", c.name},
          {"version", c.version},
          {"purl", c.purl},
          {"cpe", c.cpe},
          {"supplier", c.supplier},
          {"scope", c.scope},
          {"hashes", PairsJson(c.hashes)},
          {"licenses", PairsJson(c.licenses)}};
}

std::string ComponentsDigest(const std::vector<SnapshotComponent>& components,
                             const std::vector<DependencyEdge>& dependencies) {
  nlohmann::json doc = {{"components", nlohmann::json::array()},
                        {"dependencies", nlohmann::json::array()}};
  for (const SnapshotComponent& c : components) doc["components"].push_back(ToJson(c));
  for (const DependencyEdge& e : dependencies) doc["dependencies"].push_back({e.from, e.to});
  // Texts read from a store or decoded from a document are UTF-8; a failure
  // here would be a bug, and hashing the error text makes any check fail.
  Result<std::string> text = Canonical(doc);
  return Sha256Hex(text.ok() ? *text : "invalid: " + text.status().message());
}

Status PutSnapshotIn(store::Txn& txn, SbomSnapshot* snapshot, const std::string& bytes) {
  const std::string entity = "sbom:" + snapshot->sha256;
  SK_ASSIGN_OR_RETURN(nlohmann::json before, txn.State("sbom_snapshots", entity));
  if (!before.is_null()) {
    SK_ASSIGN_OR_RETURN(SbomSnapshot stored, GetSnapshotIn(txn, snapshot->sha256, false));
    if (stored.components_sha256 != snapshot->components_sha256) {
      return Corruption("the stored snapshot sbom:" + snapshot->sha256 + " has components digest " +
                        stored.components_sha256 + ", but the same bytes decode to " +
                        snapshot->components_sha256 +
                        " (stored rows changed, or the decoder changed since it was stored)");
    }
    snapshot->stored_at = stored.stored_at;
    return Status::Ok();
  }
  snapshot->stored_at = txn.time();
  SK_RETURN_IF_ERROR(
      txn.Exec("INSERT INTO sbom_snapshots (" + std::string(kSnapshotColumns) +
                   ", entity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               {snapshot->sha256, snapshot->format, snapshot->spec_version, snapshot->size_bytes,
                snapshot->components_sha256, snapshot->stored_at,
                static_cast<int64_t>(snapshot->components.size()),
                static_cast<int64_t>(snapshot->dependencies.size()), entity}));
  SK_RETURN_IF_ERROR(txn.Exec("INSERT INTO sbom_documents (sha256, content) VALUES (?, ?)",
                              {snapshot->sha256, bytes}));
  std::vector<store::Value> values;
  values.reserve(snapshot->components.size() * 13);
  for (const SnapshotComponent& c : snapshot->components) {
    SK_ASSIGN_OR_RETURN(std::string hashes, Canonical(PairsJson(c.hashes)));
    SK_ASSIGN_OR_RETURN(std::string licenses, Canonical(PairsJson(c.licenses)));
    values.insert(values.end(), {snapshot->sha256, c.ordinal, c.ref, c.type, c.group, c.name,
                                 c.version, c.purl, c.cpe, c.supplier, c.scope, hashes, licenses});
  }
  SK_RETURN_IF_ERROR(InsertRows(txn, "sbom_components",
                                "sbom_sha256, " + std::string(kComponentColumns), 13, values));
  values.clear();
  for (const DependencyEdge& e : snapshot->dependencies) {
    values.insert(values.end(), {snapshot->sha256, e.from, e.to});
  }
  SK_RETURN_IF_ERROR(
      InsertRows(txn, "sbom_dependencies", "sbom_sha256, from_ref, to_ref", 3, values));
  return txn.Audit("sbom.store", "sbom_snapshots", entity, before).status();
}

Result<SbomSnapshot> GetSnapshotIn(store::Txn& txn, std::string_view sha256, bool with_components) {
  SK_ASSIGN_OR_RETURN(store::Rows rows, txn.Query("SELECT " + std::string(kSnapshotColumns) +
                                                      " FROM sbom_snapshots WHERE sha256 = ?",
                                                  {std::string(sha256)}));
  if (rows.empty()) return NotFound("no SBOM snapshot with SHA-256 " + std::string(sha256));
  SK_ASSIGN_OR_RETURN(SbomSnapshot s, SnapshotFromRow(rows.rows[0]));
  if (with_components) {
    SK_ASSIGN_OR_RETURN(s.components, ComponentsIn(txn, sha256));
    SK_ASSIGN_OR_RETURN(s.dependencies, DependenciesIn(txn, sha256));
  }
  return s;
}

Result<std::string> SnapshotBytesIn(store::Txn& txn, std::string_view sha256) {
  SK_ASSIGN_OR_RETURN(
      store::Rows rows,
      txn.Query("SELECT content FROM sbom_documents WHERE sha256 = ?", {std::string(sha256)}));
  if (rows.empty()) {
    return Corruption("the bytes of SBOM snapshot " + std::string(sha256) +
                      " are missing from the store");
  }
  return rows.rows[0].Text(0);
}

Result<SbomSnapshot> Snapshot(store::Store& store, std::string_view sha256) {
  SbomSnapshot found;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(found, GetSnapshotIn(txn, sha256, true));
    return Status::Ok();
  }));
  return found;
}

Result<std::vector<store::Problem>> CheckSnapshots(store::Store& store, std::string_view sha256) {
  std::vector<store::Problem> problems;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    std::string sql = "SELECT " + std::string(kSnapshotColumns) + " FROM sbom_snapshots";
    std::vector<store::Value> params;
    if (!sha256.empty()) {
      sql += " WHERE sha256 = ?";
      params.emplace_back(std::string(sha256));
    }
    SK_ASSIGN_OR_RETURN(store::Rows rows, txn.Query(sql, params));
    std::map<std::string, std::string> digests;  // sha256 -> components digest
    for (const store::Row& row : rows.rows) {
      SK_ASSIGN_OR_RETURN(SbomSnapshot s, SnapshotFromRow(row));
      SK_ASSIGN_OR_RETURN(int64_t component_count, row.Int(6));
      SK_ASSIGN_OR_RETURN(int64_t dependency_count, row.Int(7));
      digests[s.sha256] = s.components_sha256;
      const std::string name = "sbom:" + s.sha256;
      Result<std::string> bytes = SnapshotBytesIn(txn, s.sha256);
      if (!bytes.ok()) {
        problems.push_back({"sbom_bytes", name + ": " + bytes.status().message()});
      } else if (Sha256Hex(*bytes) != s.sha256 ||
                 static_cast<int64_t>(bytes->size()) != s.size_bytes) {
        problems.push_back({"sbom_bytes", name + ": the stored bytes (" +
                                              std::to_string(bytes->size()) + " bytes, SHA-256 " +
                                              Sha256Hex(*bytes) +
                                              ") do not match the snapshot's SHA-256 and size (" +
                                              std::to_string(s.size_bytes) + " bytes)"});
      }
      SK_ASSIGN_OR_RETURN(std::vector<SnapshotComponent> components, ComponentsIn(txn, s.sha256));
      SK_ASSIGN_OR_RETURN(std::vector<DependencyEdge> edges, DependenciesIn(txn, s.sha256));
      std::string digest = ComponentsDigest(components, edges);
      if (digest != s.components_sha256 ||
          static_cast<int64_t>(components.size()) != component_count ||
          static_cast<int64_t>(edges.size()) != dependency_count) {
        problems.push_back(
            {"sbom_components",
             name + ": the stored components (" + std::to_string(components.size()) +
                 ") and dependencies (" + std::to_string(edges.size()) +
                 ") do not match the snapshot's digest and counts (changed outside soupkeeper)"});
      }
    }
    std::string rsql = "SELECT entity, sbom_sha256, components_sha256 FROM releases";
    if (!sha256.empty()) rsql += " WHERE sbom_sha256 = ?";
    SK_ASSIGN_OR_RETURN(store::Rows releases, txn.Query(rsql, params));
    for (const store::Row& row : releases.rows) {
      SK_ASSIGN_OR_RETURN(std::string entity, row.Text(0));
      SK_ASSIGN_OR_RETURN(std::string sbom, row.Text(1));
      SK_ASSIGN_OR_RETURN(std::string digest, row.Text(2));
      auto it = digests.find(sbom);
      if (it == digests.end()) {
        problems.push_back(
            {"release_sbom", entity + ": its SBOM snapshot " + sbom + " is missing"});
      } else if (it->second != digest) {
        problems.push_back({"release_sbom", entity + ": its components digest " + digest +
                                                " differs from the snapshot's " + it->second});
      }
    }
    return Status::Ok();
  }));
  return problems;
}

}  // namespace soupkeeper::release
