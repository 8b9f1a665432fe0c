// Releases on the store: validation, the releases and release_errata tables,
// the forward-only status, audited changes. Snapshot rows are in snapshot.cc.
#include <algorithm>

#include "core/text.h"
#include "release/internal.h"
#include "soupkeeper/hash.h"
#include "soupkeeper/product.h"

namespace soupkeeper::release {
namespace {

constexpr std::string_view kTable = "releases";
constexpr std::string_view kColumns =
    "product, version, status, source_revision, build_id, release_date, previous_version, "
    "sbom_sha256, components_sha256, created_at, frozen_at, status_changed_at";

Result<Release> FromRow(const store::Row& row) {
  Release r;
  SK_ASSIGN_OR_RETURN(r.product, row.Text(0));
  SK_ASSIGN_OR_RETURN(r.version, row.Text(1));
  SK_ASSIGN_OR_RETURN(std::string status, row.Text(2));
  SK_ASSIGN_OR_RETURN(r.status, ParseStatus(status));
  SK_ASSIGN_OR_RETURN(r.source_revision, row.Text(3));
  SK_ASSIGN_OR_RETURN(r.build_id, row.Text(4));
  SK_ASSIGN_OR_RETURN(r.release_date, row.OptionalText(5));
  SK_ASSIGN_OR_RETURN(r.previous_version, row.OptionalText(6));
  SK_ASSIGN_OR_RETURN(r.sbom_sha256, row.Text(7));
  SK_ASSIGN_OR_RETURN(r.components_sha256, row.Text(8));
  SK_ASSIGN_OR_RETURN(r.created_at, row.Text(9));
  SK_ASSIGN_OR_RETURN(r.frozen_at, row.OptionalText(10));
  SK_ASSIGN_OR_RETURN(r.status_changed_at, row.Text(11));
  return r;
}

std::string Describe(std::string_view product, std::string_view version) {
  return "release " + std::string(product) + " " + std::string(version);
}

Result<Release> GetIn(store::Txn& txn, std::string_view product, std::string_view version) {
  SK_ASSIGN_OR_RETURN(store::Rows rows,
                      txn.Query("SELECT " + std::string(kColumns) +
                                    " FROM releases WHERE product = ? AND version = ?",
                                {std::string(product), std::string(version)}));
  if (rows.empty()) {
    SK_ASSIGN_OR_RETURN(store::Rows p, txn.Query("SELECT name FROM products WHERE name = ?",
                                                 {std::string(product)}));
    if (p.empty()) return NotFound("no product named '" + std::string(product) + "'");
    return NotFound("product '" + std::string(product) + "' has no release '" +
                    std::string(version) + "'");
  }
  return FromRow(rows.rows[0]);
}

Status ValidateFreeText(std::string_view field, const std::string& text) {
  return store::CanonicalJson(text).status().WithContext(field);
}

Result<Release> SetStatus(store::Store& store, const store::Author& author,
                          std::string_view product, std::string_view version, ReleaseStatus to,
                          const FreezeGate& gate) {
  Release updated;
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(Release current, GetIn(txn, product, version));
    const ReleaseStatus from = current.status;
    bool allowed = (from == ReleaseStatus::kDraft && to == ReleaseStatus::kReleased) ||
                   (from == ReleaseStatus::kReleased && to == ReleaseStatus::kEndOfSupport) ||
                   ((from == ReleaseStatus::kReleased || from == ReleaseStatus::kEndOfSupport) &&
                    to == ReleaseStatus::kRetired);
    if (from == to) {
      return FailedPrecondition(Describe(product, version) + " is already " +
                                std::string(StatusName(from)));
    }
    if (!allowed) {
      return FailedPrecondition(Describe(product, version) + " is " +
                                std::string(StatusName(from)) + "; it cannot become " +
                                std::string(StatusName(to)) +
                                " (status moves only forward: draft, released, end-of-support, "
                                "retired; a draft is frozen before it is retired)");
    }
    if (gate) SK_RETURN_IF_ERROR(gate(txn, current));
    const std::string entity = EntityOf(product, version);
    SK_ASSIGN_OR_RETURN(nlohmann::json before, txn.State(kTable, entity));
    std::string sql = "UPDATE releases SET status = ?, status_changed_at = ?";
    if (to == ReleaseStatus::kReleased) sql += ", frozen_at = ?";
    sql += " WHERE product = ? AND version = ?";
    std::vector<store::Value> params = {std::string(StatusName(to)), txn.time()};
    if (to == ReleaseStatus::kReleased) params.emplace_back(txn.time());
    params.emplace_back(std::string(product));
    params.emplace_back(std::string(version));
    SK_RETURN_IF_ERROR(txn.Exec(sql, params));
    std::string action = to == ReleaseStatus::kReleased  ? "release.freeze"
                         : to == ReleaseStatus::kRetired ? "release.retire"
                                                         : "release.end-of-support";
    SK_RETURN_IF_ERROR(txn.Audit(action, kTable, entity, before).status());
    SK_ASSIGN_OR_RETURN(updated, GetIn(txn, product, version));
    return Status::Ok();
  }));
  return updated;
}

nlohmann::json Nullable(const std::optional<std::string>& s) {
  if (!s) return nlohmann::json(nullptr);
  return nlohmann::json(*s);
}

}  // namespace

std::string_view StatusName(ReleaseStatus status) {
  switch (status) {
    case ReleaseStatus::kDraft:
      return "draft";
    case ReleaseStatus::kReleased:
      return "released";
    case ReleaseStatus::kEndOfSupport:
      return "end-of-support";
    case ReleaseStatus::kRetired:
      return "retired";
  }
  return "draft";
}

Result<ReleaseStatus> ParseStatus(std::string_view name) {
  for (ReleaseStatus s : {ReleaseStatus::kDraft, ReleaseStatus::kReleased,
                          ReleaseStatus::kEndOfSupport, ReleaseStatus::kRetired}) {
    if (StatusName(s) == name) return s;
  }
  return Corruption("releases.status: unknown status '" + std::string(name) + "'");
}

std::string EntityOf(std::string_view product, std::string_view version) {
  return "release:" + std::string(product) + "@" + std::string(version);
}

Status ValidateVersion(std::string_view version) {
  auto bad = [&](const std::string& why) {
    return InvalidArgument("invalid release version '" + std::string(version) + "': " + why +
                           " (expected 1 to 128 of [A-Za-z0-9._+~:-], starting with a letter "
                           "or digit)");
  };
  if (version.empty()) return bad("empty");
  if (version.size() > 128) return bad("longer than 128 characters");
  for (size_t i = 0; i < version.size(); ++i) {
    char c = version[i];
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    bool punct = c == '.' || c == '_' || c == '+' || c == '~' || c == ':' || c == '-';
    if (!alnum && !(i > 0 && punct)) {
      return bad("character at offset " + std::to_string(i) + " is not allowed");
    }
  }
  return Status::Ok();
}

nlohmann::json ToJson(const Release& r) {
  return {{"product", r.product},
          {"version", r.version},
          {"status", StatusName(r.status)},
          {"source_revision", r.source_revision},
          {"build_id", r.build_id},
          {"release_date", Nullable(r.release_date)},
          {"previous_version", Nullable(r.previous_version)},
          {"sbom_sha256", r.sbom_sha256},
          {"components_sha256", r.components_sha256},
          {"created_at", r.created_at},
          {"frozen_at", Nullable(r.frozen_at)},
          {"status_changed_at", r.status_changed_at}};
}

nlohmann::json ToJson(const Erratum& e) {
  return {{"product", e.product},
          {"version", e.version},
          {"number", e.number},
          {"note", e.note},
          {"created_at", e.created_at}};
}

Result<Release> Add(store::Store& store, const store::Author& author, const NewRelease& r,
                    DiagnosticSink& sink) {
  SK_RETURN_IF_ERROR(product::ValidateName(r.product));
  SK_RETURN_IF_ERROR(ValidateVersion(r.version));
  if (r.previous_version) {
    SK_RETURN_IF_ERROR(ValidateVersion(*r.previous_version).WithContext("previous version"));
    if (*r.previous_version == r.version) {
      return InvalidArgument(Describe(r.product, r.version) +
                             ": it cannot be its own previous "
                             "release");
    }
  }
  if (r.release_date) SK_RETURN_IF_ERROR(ValidateDate("release date", *r.release_date));
  SK_RETURN_IF_ERROR(ValidateFreeText("source revision", r.source_revision));
  SK_RETURN_IF_ERROR(ValidateFreeText("build id", r.build_id));
  // The bytes are kept as text; JSON and XML SBOMs soupkeeper decodes are
  // UTF-8 (a UTF-16 XML document is refused rather than re-encoded).
  if (r.sbom_bytes.find('\0') != std::string::npos || !store::CanonicalJson(r.sbom_bytes).ok()) {
    return InvalidArgument(r.sbom_source +
                           ": not UTF-8 text; soupkeeper keeps SBOMs as UTF-8 documents");
  }
  // Decoded before the transaction: a document that fails validation leaves
  // the store untouched.
  SK_ASSIGN_OR_RETURN(sbom::Document doc, sbom::Decode(r.sbom_bytes, r.sbom_source, sink));
  SbomSnapshot snapshot;
  snapshot.sha256 = Sha256Hex(r.sbom_bytes);
  snapshot.format = std::string(sbom::FormatName(doc.format));
  snapshot.spec_version = doc.spec_version;
  snapshot.size_bytes = static_cast<int64_t>(r.sbom_bytes.size());
  snapshot.components = ComponentsOf(doc);
  snapshot.dependencies = DependenciesOf(doc);
  snapshot.components_sha256 = ComponentsDigest(snapshot.components, snapshot.dependencies);

  Release added;
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(store::Rows p,
                        txn.Query("SELECT name FROM products WHERE name = ?", {r.product}));
    if (p.empty()) return NotFound("no product named '" + r.product + "'");
    const std::string entity = EntityOf(r.product, r.version);
    SK_ASSIGN_OR_RETURN(nlohmann::json before, txn.State(kTable, entity));
    if (!before.is_null()) {
      return AlreadyExists(Describe(r.product, r.version) +
                           " already exists (a stored release is never replaced; add a new "
                           "version)");
    }
    if (r.previous_version) {
      Result<Release> prev = GetIn(txn, r.product, *r.previous_version);
      if (!prev.ok()) return prev.status().WithContext("previous release");
    }
    SK_RETURN_IF_ERROR(PutSnapshotIn(txn, &snapshot, r.sbom_bytes));
    SK_RETURN_IF_ERROR(txn.Exec(
        "INSERT INTO releases (" + std::string(kColumns) +
            ", entity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {r.product, r.version, std::string(StatusName(ReleaseStatus::kDraft)), r.source_revision,
         r.build_id, store::NullableText(r.release_date), store::NullableText(r.previous_version),
         snapshot.sha256, snapshot.components_sha256, txn.time(), nullptr, txn.time(), entity}));
    SK_RETURN_IF_ERROR(txn.Audit("release.add", kTable, entity, before).status());
    SK_ASSIGN_OR_RETURN(added, GetIn(txn, r.product, r.version));
    return Status::Ok();
  }));
  return added;
}

Result<Release> Freeze(store::Store& store, const store::Author& author, std::string_view product,
                       std::string_view version, const FreezeGate& gate) {
  return SetStatus(store, author, product, version, ReleaseStatus::kReleased, gate);
}

Result<Release> Advance(store::Store& store, const store::Author& author, std::string_view product,
                        std::string_view version, ReleaseStatus to) {
  if (to == ReleaseStatus::kDraft || to == ReleaseStatus::kReleased) {
    return InvalidArgument(
        "Advance moves a release to end-of-support or retired; use Freeze to "
        "release a draft");
  }
  return SetStatus(store, author, product, version, to, nullptr);
}

Result<Erratum> AddErratum(store::Store& store, const store::Author& author,
                           std::string_view product, std::string_view version,
                           std::string_view note) {
  if (note.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return InvalidArgument("erratum of " + Describe(product, version) + ": the note is empty");
  }
  SK_RETURN_IF_ERROR(ValidateFreeText("erratum note", std::string(note)));
  Erratum added;
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(Release current, GetIn(txn, product, version));
    if (current.status == ReleaseStatus::kDraft) {
      return FailedPrecondition(Describe(product, version) +
                                " is a draft; errata record corrections of released releases "
                                "(add a corrected draft as a new version instead)");
    }
    SK_ASSIGN_OR_RETURN(store::Rows rows,
                        txn.Query("SELECT MAX(number) FROM release_errata WHERE product = ? AND "
                                  "version = ?",
                                  {std::string(product), std::string(version)}));
    int64_t number = 1;
    if (!rows.empty() && !rows.rows[0].IsNull(0)) {
      SK_ASSIGN_OR_RETURN(int64_t max, rows.rows[0].Int(0));
      number = max + 1;
    }
    const std::string entity = "erratum:" + std::string(product) + "@" + std::string(version) +
                               "#" + std::to_string(number);
    SK_RETURN_IF_ERROR(txn.Exec(
        "INSERT INTO release_errata (product, version, number, entity, note, created_at) VALUES "
        "(?, ?, ?, ?, ?, ?)",
        {std::string(product), std::string(version), number, entity, std::string(note),
         txn.time()}));
    SK_RETURN_IF_ERROR(txn.Audit("release.erratum", "release_errata", entity, nullptr).status());
    added = {std::string(product), std::string(version), number, std::string(note), txn.time()};
    return Status::Ok();
  }));
  return added;
}

Result<Release> Get(store::Store& store, std::string_view product, std::string_view version) {
  Release found;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(found, GetIn(txn, product, version));
    return Status::Ok();
  }));
  return found;
}

Result<std::vector<Release>> List(store::Store& store, std::string_view product) {
  std::vector<Release> releases;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    std::string sql = "SELECT " + std::string(kColumns) + " FROM releases";
    std::vector<store::Value> params;
    if (!product.empty()) {
      SK_ASSIGN_OR_RETURN(store::Rows p, txn.Query("SELECT name FROM products WHERE name = ?",
                                                   {std::string(product)}));
      if (p.empty()) return NotFound("no product named '" + std::string(product) + "'");
      sql += " WHERE product = ?";
      params.emplace_back(std::string(product));
    }
    SK_ASSIGN_OR_RETURN(store::Rows rows, txn.Query(sql, params));
    for (const store::Row& row : rows.rows) {
      SK_ASSIGN_OR_RETURN(Release r, FromRow(row));
      releases.push_back(std::move(r));
    }
    return Status::Ok();
  }));
  // Sorted here rather than by ORDER BY, whose collation differs by backend.
  std::sort(releases.begin(), releases.end(), [](const Release& a, const Release& b) {
    if (a.product != b.product) return a.product < b.product;
    if (a.created_at != b.created_at) return a.created_at < b.created_at;
    return a.version < b.version;
  });
  return releases;
}

Result<std::vector<Erratum>> Errata(store::Store& store, std::string_view product,
                                    std::string_view version) {
  std::vector<Erratum> errata;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_RETURN_IF_ERROR(GetIn(txn, product, version).status());
    SK_ASSIGN_OR_RETURN(store::Rows rows,
                        txn.Query("SELECT number, note, created_at FROM release_errata WHERE "
                                  "product = ? AND version = ? ORDER BY number",
                                  {std::string(product), std::string(version)}));
    for (const store::Row& row : rows.rows) {
      Erratum e{std::string(product), std::string(version), 0, "", ""};
      SK_ASSIGN_OR_RETURN(e.number, row.Int(0));
      SK_ASSIGN_OR_RETURN(e.note, row.Text(1));
      SK_ASSIGN_OR_RETURN(e.created_at, row.Text(2));
      errata.push_back(std::move(e));
    }
    return Status::Ok();
  }));
  return errata;
}

Result<std::string> OriginalSbom(store::Store& store, std::string_view product,
                                 std::string_view version) {
  std::string bytes;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(Release r, GetIn(txn, product, version));
    SK_ASSIGN_OR_RETURN(bytes, SnapshotBytesIn(txn, r.sbom_sha256));
    std::string actual = Sha256Hex(bytes);
    if (actual != r.sbom_sha256) {
      return Corruption("stored SBOM of " + Describe(product, version) +
                        " does not match its SHA-256: recorded " + r.sbom_sha256 +
                        ", the stored bytes hash to " + actual +
                        " (changed outside soupkeeper; not printed)");
    }
    return Status::Ok();
  }));
  return bytes;
}

}  // namespace soupkeeper::release
