// Findings per release on the store: evaluation (full and incremental), the
// findings, finding_evaluations and finding_changes tables, listing and the
// digest check.
#include "soupkeeper/findings.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "soupkeeper/hash.h"
#include "soupkeeper/release.h"
#include "soupkeeper/sbom.h"

namespace soupkeeper::findings {
namespace {

using nlohmann::json;
using store::Value;

// The columns of a finding row. An open finding was last seen by the
// release's last evaluation: the last_seen it is listed with is that
// evaluation's time, which the evaluation row holds, so an evaluation does
// not write the findings it sees unchanged. The stored column (selected
// last) keeps the time the row was last written, and is what the digest
// covers; a withdrawn finding is listed with it.
constexpr std::string_view kColumns =
    "id, product, release_version, component_ordinal, component_ref, component_name, "
    "component_version, purl, cpe, vulnerability, status, confidence, severity_score, "
    "severity_rating, kev, detail, first_seen, COALESCE(CASE WHEN withdrawn_at IS NULL THEN "
    "(SELECT e.evaluated_at FROM finding_evaluations e WHERE e.product = findings.product AND "
    "e.release_version = findings.release_version) END, last_seen), withdrawn_at, last_seen";

std::string EntityOf(std::string_view product, std::string_view version) {
  return "findings:" + std::string(product) + "@" + std::string(version);
}

// The stored text of a score: the JSON number as nlohmann writes it.
std::string ScoreText(double score) { return json(score).dump(); }

// A finding row as stored, its detail left as the stored canonical JSON text
// (store::CanonicalJson): evaluations and the digest check need it parsed only
// where a finding's evidence changed.
struct Row {
  StoredFinding f;  // f.detail is null
  std::string detail;
  std::string stored_last_seen;  // the column (f.last_seen is as listed)
};

Result<Row> FromRow(const store::Row& row) {
  Row out;
  StoredFinding& f = out.f;
  SK_ASSIGN_OR_RETURN(f.id, row.Int(0));
  SK_ASSIGN_OR_RETURN(f.product, row.Text(1));
  SK_ASSIGN_OR_RETURN(f.release, row.Text(2));
  SK_ASSIGN_OR_RETURN(f.component_ordinal, row.Int(3));
  SK_ASSIGN_OR_RETURN(f.component_ref, row.Text(4));
  SK_ASSIGN_OR_RETURN(f.component_name, row.Text(5));
  SK_ASSIGN_OR_RETURN(f.component_version, row.Text(6));
  SK_ASSIGN_OR_RETURN(f.purl, row.Text(7));
  SK_ASSIGN_OR_RETURN(f.cpe, row.Text(8));
  SK_ASSIGN_OR_RETURN(f.vulnerability, row.Text(9));
  SK_ASSIGN_OR_RETURN(f.status, row.Text(10));
  SK_ASSIGN_OR_RETURN(f.confidence, row.Text(11));
  SK_ASSIGN_OR_RETURN(std::optional<std::string> score, row.OptionalText(12));
  if (score) f.score = std::strtod(score->c_str(), nullptr);
  SK_ASSIGN_OR_RETURN(f.rating, row.Text(13));
  SK_ASSIGN_OR_RETURN(int64_t kev, row.Int(14));
  f.kev = kev != 0;
  SK_ASSIGN_OR_RETURN(out.detail, row.Text(15));
  SK_ASSIGN_OR_RETURN(f.first_seen, row.Text(16));
  SK_ASSIGN_OR_RETURN(f.last_seen, row.Text(17));
  SK_ASSIGN_OR_RETURN(f.withdrawn_at, row.OptionalText(18));
  SK_ASSIGN_OR_RETURN(out.stored_last_seen, row.Text(19));
  return out;
}

Result<json> ParseDetail(const Row& row) {
  json detail = json::parse(row.detail, nullptr, /*allow_exceptions=*/false);
  if (detail.is_discarded()) {
    return Corruption("finding " + std::to_string(row.f.id) + ": stored detail is not JSON");
  }
  return detail;
}

Result<std::vector<Row>> QueryRows(store::Txn& txn, const std::string& where,
                                   const std::vector<Value>& params) {
  SK_ASSIGN_OR_RETURN(store::Rows rows,
                      txn.Query("SELECT " + std::string(kColumns) + " FROM findings " + where +
                                    " ORDER BY product, release_version, component_ordinal, "
                                    "vulnerability",
                                params));
  std::vector<Row> out;
  out.reserve(rows.size());
  for (const store::Row& row : rows.rows) {
    SK_ASSIGN_OR_RETURN(Row f, FromRow(row));
    out.push_back(std::move(f));
  }
  return out;
}

// The findings with their details parsed (listing, `findings show`).
Result<std::vector<StoredFinding>> QueryFindings(store::Txn& txn, const std::string& where,
                                                 const std::vector<Value>& params) {
  SK_ASSIGN_OR_RETURN(std::vector<Row> rows, QueryRows(txn, where, params));
  std::vector<StoredFinding> out;
  out.reserve(rows.size());
  for (Row& row : rows) {
    SK_ASSIGN_OR_RETURN(row.f.detail, ParseDetail(row));
    out.push_back(std::move(row.f));
  }
  return out;
}

Result<std::vector<Row>> ReleaseRowsIn(store::Txn& txn, std::string_view product,
                                       std::string_view version) {
  return QueryRows(txn, "WHERE product = ? AND release_version = ?",
                   {std::string(product), std::string(version)});
}

// Appends `text` as a JSON string, as nlohmann's dump writes it: plain
// printable ASCII as it is (ids, states, times), anything else through dump.
void AppendJsonString(std::string_view text, std::string* out) {
  bool plain = std::all_of(text.begin(), text.end(),
                           [](char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; });
  if (!plain) {
    *out += json(text).dump(-1, ' ', false, json::error_handler_t::replace);
    return;
  }
  *out += '"';
  *out += text;
  *out += '"';
}

// FindingsDigest of finding rows as stored, their details given as canonical
// JSON texts: the text goes into the digested array as it is, which is what
// dumping the parsed detail writes again (store::CanonicalJson is that dump).
// The other values are written as dump writes them, without building the
// array (an evaluation digests every finding of the release).
std::string DigestOf(const std::vector<Row>& rows) {
  std::vector<const Row*> sorted;
  sorted.reserve(rows.size());
  for (const Row& row : rows) sorted.push_back(&row);
  std::sort(sorted.begin(), sorted.end(),
            [](const Row* a, const Row* b) { return a->f.id < b->f.id; });
  std::string text = "[";
  for (const Row* row : sorted) {
    const StoredFinding& f = row->f;
    if (text.size() > 1) text += ',';
    text += '[';
    text += std::to_string(f.id);
    text += ',';
    text += std::to_string(f.component_ordinal);
    for (const std::string* s : {&f.vulnerability, &f.status, &f.confidence}) {
      text += ',';
      AppendJsonString(*s, &text);
    }
    text += ',';
    if (f.score) {
      AppendJsonString(ScoreText(*f.score), &text);
    } else {
      text += "null";
    }
    text += ',';
    AppendJsonString(f.rating, &text);
    text += f.kev ? ",true," : ",false,";
    text += row->detail;
    for (const std::string* s : {&f.first_seen, &row->stored_last_seen}) {
      text += ',';
      AppendJsonString(*s, &text);
    }
    text += ',';
    if (f.withdrawn_at) {
      AppendJsonString(*f.withdrawn_at, &text);
    } else {
      text += "null";
    }
    text += ']';
  }
  text += ']';
  return Sha256Hex(text);
}

// What the last evaluation of a release left in its finding_evaluations row.
struct Mark {
  std::string evaluated_at;  // record changes from then on concern the release
  int64_t open = 0, withdrawn = 0;
};

// The mark of the release's last evaluation, if any.
Result<std::optional<Mark>> MarkIn(store::Txn& txn, std::string_view product,
                                   std::string_view version) {
  SK_ASSIGN_OR_RETURN(store::Rows rows,
                      txn.Query("SELECT evaluated_at, open_count, withdrawn_count FROM "
                                "finding_evaluations WHERE entity = ?",
                                {EntityOf(product, version)}));
  if (rows.empty()) return std::optional<Mark>();
  Mark m;
  SK_ASSIGN_OR_RETURN(m.evaluated_at, rows.rows[0].Text(0));
  SK_ASSIGN_OR_RETURN(m.open, rows.rows[0].Int(1));
  SK_ASSIGN_OR_RETURN(m.withdrawn, rows.rows[0].Int(2));
  return std::optional<Mark>(std::move(m));
}

// An open finding as match::Reevaluate reads it (component and identity),
// from the columns component_ordinal, vulnerability, component_name and
// component_version at `at`.
Result<match::Finding> OpenKey(const store::Row& row, size_t at) {
  match::Finding m;
  SK_ASSIGN_OR_RETURN(int64_t ordinal, row.Int(at));
  m.component_index = static_cast<size_t>(ordinal);
  SK_ASSIGN_OR_RETURN(m.vulnerability, row.Text(at + 1));
  SK_ASSIGN_OR_RETURN(m.component_name, row.Text(at + 2));
  SK_ASSIGN_OR_RETURN(m.component_version, row.Text(at + 3));
  return m;
}

// The open findings of a release, without their rows' other columns.
Result<std::vector<match::Finding>> OpenKeysIn(store::Txn& txn, std::string_view product,
                                               std::string_view version) {
  SK_ASSIGN_OR_RETURN(store::Rows rows,
                      txn.Query("SELECT component_ordinal, vulnerability, component_name, "
                                "component_version FROM findings WHERE product = ? AND "
                                "release_version = ? AND withdrawn_at IS NULL ORDER BY "
                                "component_ordinal, vulnerability",
                                {std::string(product), std::string(version)}));
  std::vector<match::Finding> out;
  for (const store::Row& row : rows.rows) {
    SK_ASSIGN_OR_RETURN(match::Finding m, OpenKey(row, 0));
    out.push_back(std::move(m));
  }
  return out;
}

using ByRelease = std::map<std::pair<std::string, std::string>, std::vector<match::Finding>>;

// The open findings of `identities` in every release, by release (product,
// version), each release's in (component, identity) order: all that an
// incremental evaluation of changes to those identities compares against
// (match::Reevaluate looks at no other finding).
Result<ByRelease> OpenKeysOf(store::Store& store, const std::set<std::string>& identities) {
  ByRelease out;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    return txn.QueryIn(
        "SELECT product, release_version, component_ordinal, vulnerability, component_name, "
        "component_version FROM findings WHERE withdrawn_at IS NULL AND vulnerability IN ",
        std::vector<std::string>(identities.begin(), identities.end()),
        [&](const store::Row& row) -> Status {
          SK_ASSIGN_OR_RETURN(std::string product, row.Text(0));
          SK_ASSIGN_OR_RETURN(std::string version, row.Text(1));
          SK_ASSIGN_OR_RETURN(match::Finding m, OpenKey(row, 2));
          out[{std::move(product), std::move(version)}].push_back(std::move(m));
          return Status::Ok();
        });
  }));
  for (auto& [release, list] : out) {
    std::sort(list.begin(), list.end(), [](const match::Finding& a, const match::Finding& b) {
      return std::tie(a.component_index, a.vulnerability) <
             std::tie(b.component_index, b.vulnerability);
    });
  }
  return out;
}

// The CVE ids a finding names (its identity and its detail's aliases).
Result<std::vector<std::string>> CveIdsOf(const Row& row) {
  std::set<std::string> ids;
  if (row.f.vulnerability.rfind("CVE-", 0) == 0) ids.insert(row.f.vulnerability);
  SK_ASSIGN_OR_RETURN(json detail, ParseDetail(row));
  if (detail.contains("aliases") && detail["aliases"].is_array()) {
    for (const json& a : detail["aliases"]) {
      if (a.is_string() && a.get<std::string>().rfind("CVE-", 0) == 0) ids.insert(a);
    }
  }
  return std::vector<std::string>(ids.begin(), ids.end());
}

// What changed in the knowledge base since a mark, whatever the release.
struct Pending {
  bool history = false;                  // record changes
  std::vector<std::string> kev_changed;  // CVE ids whose KEV entry changed, sorted
};

Result<Pending> PendingSince(store::Store& store, const std::string& since) {
  Pending p;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(store::Rows h,
                        txn.Query("SELECT 1 FROM vuln_history WHERE at >= ? LIMIT 1", {since}));
    p.history = !h.empty();
    SK_ASSIGN_OR_RETURN(store::Rows kev,
                        txn.Query("SELECT cve_id FROM vuln_kev WHERE updated_at >= ?", {since}));
    for (const store::Row& row : kev.rows) {
      SK_ASSIGN_OR_RETURN(std::string cve, row.Text(0));
      p.kev_changed.push_back(std::move(cve));
    }
    return Status::Ok();
  }));
  std::sort(p.kev_changed.begin(), p.kev_changed.end());
  return p;
}

// True when a KEV entry of `kev_changed` concerns an open finding of `rows`
// (whose details are parsed for their aliases only then).
Result<bool> KevConcerns(const std::vector<Row>& rows,
                         const std::vector<std::string>& kev_changed) {
  if (kev_changed.empty()) return false;
  for (const Row& row : rows) {
    if (!row.f.open()) continue;
    SK_ASSIGN_OR_RETURN(std::vector<std::string> cves, CveIdsOf(row));
    for (const std::string& cve : cves) {
      if (std::binary_search(kev_changed.begin(), kev_changed.end(), cve)) return true;
    }
  }
  return false;
}

// The detail without its EPSS data, which changes daily and is no change of
// the finding.
json Comparable(json detail) {
  if (detail.is_object()) detail.erase("epss");
  return detail;
}

// The finding an evaluation found, as its row holds it (detail as given).
void SetFinding(const match::Finding& f, std::string detail, Row* row) {
  StoredFinding& s = row->f;
  s.component_ordinal = static_cast<int64_t>(f.component_index);
  s.component_ref = f.component_ref;
  s.component_name = f.component_name;
  s.component_version = f.component_version;
  s.purl = f.purl;
  s.cpe = f.cpe;
  s.vulnerability = f.vulnerability;
  s.status = f.status;
  s.confidence = std::string(match::ConfidenceName(f.confidence));
  s.score = f.severity ? std::optional<double>(f.severity->score) : std::nullopt;
  s.rating = f.severity ? f.severity->rating : std::string();
  s.kev = f.kev.has_value();
  row->detail = std::move(detail);
}

std::vector<Value> FindingValues(const Row& row) {
  const StoredFinding& s = row.f;
  return {s.component_ref,
          s.component_name,
          s.component_version,
          s.purl,
          s.cpe,
          s.vulnerability,
          s.status,
          s.confidence,
          s.score ? Value(ScoreText(*s.score)) : Value(nullptr),
          s.rating,
          int64_t{s.kev ? 1 : 0},
          row.detail};
}

constexpr std::string_view kUpdateFinding =
    "UPDATE findings SET component_ref = ?, component_name = ?, component_version = ?, purl = ?, "
    "cpe = ?, vulnerability = ?, status = ?, confidence = ?, severity_score = ?, "
    "severity_rating = ?, kev = ?, detail = ?, last_seen = ?, withdrawn_at = NULL WHERE id = ?";

// Writes the deltas of one evaluation in the caller's write transaction and
// audits it. `deltas` hold "new"/"kept" for findings the evaluation found and
// "withdrawn" for findings it no longer finds; each is compared with its
// stored row, whose detail is parsed only when the new one differs from it.
// When no row was written, the counts and the digest stay as recorded;
// else the release's rows are read again for them. `keys_of`, when given,
// are the release's components, whose match keys are stored with the
// evaluation.
Status Apply(store::Txn& txn, std::string_view product, std::string_view version,
             const std::vector<match::Delta>& deltas,
             const std::vector<match::ComponentView>* keys_of, Evaluation* e) {
  if (keys_of) SK_RETURN_IF_ERROR(match::StoreReleaseKeys(txn, product, version, *keys_of));
  const std::string now = txn.time();
  const std::string p(product), v(version);
  const std::string entity = EntityOf(product, version);
  SK_ASSIGN_OR_RETURN(json before, txn.State("finding_evaluations", entity));

  struct Pend {
    int64_t id;
    std::string change, cause_at, vulnerability, component;
  };
  std::vector<Pend> changes;
  bool wrote = false;
  for (const match::Delta& d : deltas) {
    const match::Finding& f = d.finding;
    const int64_t ordinal = static_cast<int64_t>(f.component_index);
    SK_ASSIGN_OR_RETURN(std::vector<Row> found,
                        QueryRows(txn,
                                  "WHERE product = ? AND release_version = ? AND "
                                  "component_ordinal = ? AND vulnerability = ?",
                                  {p, v, ordinal, f.vulnerability}));
    const std::string component = f.component_name + "@" + f.component_version;
    if (d.change == "withdrawn") {
      if (found.empty() || !found[0].f.open()) continue;
      const StoredFinding& old = found[0].f;
      // It was last seen by the evaluation before this one.
      SK_RETURN_IF_ERROR(
          txn.Exec("UPDATE findings SET withdrawn_at = ?, last_seen = ? WHERE id = ?",
                   {now, old.last_seen, old.id}));
      wrote = true;
      changes.push_back({old.id, "withdrawn", d.at, f.vulnerability, component});
      continue;
    }
    json detail_json = match::ToJson(f);
    SK_ASSIGN_OR_RETURN(std::string detail, store::CanonicalJson(detail_json));
    Row now_row;
    SetFinding(f, std::move(detail), &now_row);
    std::vector<Value> values = FindingValues(now_row);
    if (found.empty()) {
      std::vector<Value> params = {p, v, ordinal};
      params.insert(params.end(), values.begin(), values.end());
      params.push_back(now);
      params.push_back(now);
      SK_ASSIGN_OR_RETURN(
          store::Rows inserted,
          txn.Query("INSERT INTO findings (product, release_version, component_ordinal, "
                    "component_ref, component_name, component_version, purl, cpe, "
                    "vulnerability, status, confidence, severity_score, severity_rating, kev, "
                    "detail, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    "?, ?, ?, ?, ?) RETURNING id",
                    params));
      SK_ASSIGN_OR_RETURN(int64_t id, inserted.rows.at(0).Int(0));
      wrote = true;
      changes.push_back({id, "new", d.at, f.vulnerability, component});
      continue;
    }
    const Row& old = found[0];
    std::string change;
    if (!old.f.open()) {
      change = "restored";
    } else if (old.detail == now_row.detail) {
      continue;  // the same finding, seen by this evaluation
    } else {
      SK_ASSIGN_OR_RETURN(json old_detail, ParseDetail(old));
      if (Comparable(old_detail) != Comparable(detail_json)) {
        change = !old.f.kev && f.kev ? "kev" : "changed";
      } else if (old_detail == detail_json) {
        continue;
      }
    }
    values.push_back(now);
    values.push_back(old.f.id);
    SK_RETURN_IF_ERROR(txn.Exec(kUpdateFinding, values));
    wrote = true;
    if (!change.empty()) changes.push_back({old.f.id, change, d.at, f.vulnerability, component});
  }

  e->at = now;
  std::string digest;
  if (wrote || !before.is_object()) {
    SK_ASSIGN_OR_RETURN(std::vector<Row> rows, ReleaseRowsIn(txn, product, version));
    e->open = e->withdrawn = 0;
    for (const Row& row : rows) ++(row.f.open() ? e->open : e->withdrawn);
    digest = DigestOf(rows);
  } else {
    e->open = before.value("open_count", int64_t{0});
    e->withdrawn = before.value("withdrawn_count", int64_t{0});
    digest = before.value("findings_sha256", "");
  }
  std::vector<Value> state = {now, e->mode, e->open, e->withdrawn, digest};
  if (before.is_null()) {
    state.insert(state.begin(), {entity, p, v});
    SK_RETURN_IF_ERROR(
        txn.Exec("INSERT INTO finding_evaluations (entity, product, release_version, "
                 "evaluated_at, mode, open_count, withdrawn_count, findings_sha256) VALUES (?, ?, "
                 "?, ?, ?, ?, ?, ?)",
                 state));
  } else {
    state.push_back(entity);
    SK_RETURN_IF_ERROR(
        txn.Exec("UPDATE finding_evaluations SET evaluated_at = ?, mode = ?, open_count = ?, "
                 "withdrawn_count = ?, findings_sha256 = ? WHERE entity = ?",
                 state));
  }
  SK_ASSIGN_OR_RETURN(int64_t seq,
                      txn.Audit("findings.evaluate", "finding_evaluations", entity, before));
  for (const Pend& c : changes) {
    SK_RETURN_IF_ERROR(
        txn.Exec("INSERT INTO finding_changes (finding_id, at, cause_at, change, event_seq) "
                 "VALUES (?, ?, ?, ?, ?)",
                 {c.id, now, c.cause_at, c.change, seq}));
    e->changes.push_back({c.id, c.change, now, c.cause_at, c.vulnerability, c.component});
  }
  return Status::Ok();
}

// What a pass over the monitored releases (EvaluateAll) keeps from one
// release to the next: the changed records, the components of stored
// releases their keys reach and the open findings of their identities.
struct Pass {
  match::ChangedKnowledge changed;
  // The changed identities `hits` and `open` were worked out for.
  std::optional<std::set<std::string>> hits_for;
  match::ReleaseKeyHits hits;
  ByRelease open;
};

// The deltas of a full evaluation: every finding now found, and the open
// findings (`previous`) no longer found.
std::vector<match::Delta> FullDeltas(const std::vector<match::Finding>& previous,
                                     const match::ScanResult& now) {
  std::set<std::pair<size_t, std::string>> found;
  std::vector<match::Delta> out;
  for (const match::Finding& f : now.findings) {
    found.insert({f.component_index, f.vulnerability});
    out.push_back({"kept", "", f});
  }
  for (const match::Finding& f : previous) {
    if (!found.count({f.component_index, f.vulnerability})) out.push_back({"withdrawn", "", f});
  }
  return out;
}

Result<std::string> CheckedRating(std::string_view rating) {
  static const std::vector<std::string_view> kRatings = {"", "low", "medium", "high", "critical"};
  auto it = std::find(kRatings.begin(), kRatings.end(), rating);
  if (it == kRatings.end()) {
    return InvalidArgument("unknown severity '" + std::string(rating) +
                           "' (allowed: low, medium, high, critical)");
  }
  return std::string(rating);
}

int RatingRank(std::string_view rating) {
  if (rating == "low") return 1;
  if (rating == "medium") return 2;
  if (rating == "high") return 3;
  if (rating == "critical") return 4;
  return 0;
}

// Evaluate, with the changed records of an incremental evaluation and the
// releases they concern kept in `pass` (may be null) for the next release of
// the same pass.
Result<Evaluation> EvaluateWith(store::Store& store, const store::Author& author,
                                std::string_view product, std::string_view version,
                                const EvaluateOptions& options, DiagnosticSink* sink, Pass* pass) {
  Evaluation e{std::string(product), std::string(version), "full", "", 0, 0, {}};
  SK_ASSIGN_OR_RETURN(release::Release r, release::Get(store, product, version));
  std::optional<Mark> mark;
  bool keyed = false;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(mark, MarkIn(txn, product, version));
    SK_ASSIGN_OR_RETURN(keyed, match::ReleaseKeysStored(txn, product, version));
    return Status::Ok();
  }));
  bool full = options.full || !mark;
  std::set<size_t> hits;
  Pass local;  // a release evaluated alone
  Pass& p = pass ? *pass : local;
  match::ChangedKnowledge& changed_knowledge = p.changed;
  bool concerned = true;  // may a record change concern a component
  // The open findings the evaluation compares against: all of the
  // release's, or, when the stored keys tell the components the changes
  // reach, those of the changed identities (all that match::Reevaluate
  // looks at).
  std::vector<match::Finding> previous;
  bool previous_read = false;
  if (!full) {
    SK_ASSIGN_OR_RETURN(Pending pending, PendingSince(store, mark->evaluated_at));
    bool kev = false;
    if (!pending.kev_changed.empty()) {
      std::vector<Row> existing;
      SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
        SK_ASSIGN_OR_RETURN(existing, ReleaseRowsIn(txn, product, version));
        return Status::Ok();
      }));
      SK_ASSIGN_OR_RETURN(kev, KevConcerns(existing, pending.kev_changed));
    }
    if (!pending.history && !kev) {
      e.mode = "unchanged";
      e.at = mark->evaluated_at;
      e.open = mark->open;
      e.withdrawn = mark->withdrawn;
      return e;
    }
    // A KEV entry carries no record history; re-match everything then.
    full = kev;
    if (!full && keyed) {
      // The stored keys tell which components the changed records reach; a
      // release they do not reach, with no finding of a changed identity,
      // has nothing to match.
      SK_ASSIGN_OR_RETURN(
          auto changed, match::ChangedSince(store, author, mark->evaluated_at, changed_knowledge));
      if (p.hits_for != changed_knowledge.identities) {
        SK_ASSIGN_OR_RETURN(p.hits, match::ReleasesReached(store, changed_knowledge.kb));
        SK_ASSIGN_OR_RETURN(p.open, OpenKeysOf(store, changed_knowledge.identities));
        p.hits_for = changed_knowledge.identities;
      }
      if (auto it = p.hits.find({r.product, r.version}); it != p.hits.end()) hits = it->second;
      if (auto it = p.open.find({r.product, r.version}); it != p.open.end()) previous = it->second;
      previous_read = true;
      concerned = !changed->empty() && (!hits.empty() || !previous.empty());
    }
  }
  std::vector<match::Delta> deltas;
  sbom::Document doc;  // what `components` point into
  std::vector<match::ComponentView> components;
  if (concerned) {
    if (!previous_read) {
      SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
        SK_ASSIGN_OR_RETURN(previous, OpenKeysIn(txn, product, version));
        return Status::Ok();
      }));
    }
    SK_ASSIGN_OR_RETURN(std::string bytes, release::OriginalSbom(store, product, version));
    NullSink null_sink;
    DiagnosticSink& diagnostics = sink ? *sink : null_sink;
    SK_ASSIGN_OR_RETURN(
        doc, sbom::Decode(bytes, "stored SBOM of " + r.product + " " + r.version, diagnostics));
    components = match::PrepareComponents(doc, diagnostics);
    if (full) {
      SK_RETURN_IF_ERROR(match::RefreshIndex(store, author).status());
      SK_ASSIGN_OR_RETURN(match::ScanResult now, match::MatchInStore(store, components));
      deltas = FullDeltas(previous, now);
    } else {
      SK_ASSIGN_OR_RETURN(deltas,
                          match::Reevaluate(store, author, components, previous, mark->evaluated_at,
                                            &changed_knowledge, keyed ? &hits : nullptr));
    }
  }
  if (!full) e.mode = "incremental";
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) {
    return Apply(txn, product, version, deltas, keyed ? nullptr : &components, &e);
  }));
  return e;
}

}  // namespace

int64_t Evaluation::count(std::string_view change) const {
  return std::count_if(changes.begin(), changes.end(),
                       [&](const Change& c) { return c.change == change; });
}

Result<Evaluation> Evaluate(store::Store& store, const store::Author& author,
                            std::string_view product, std::string_view version,
                            const EvaluateOptions& options, DiagnosticSink* sink) {
  return EvaluateWith(store, author, product, version, options, sink, nullptr);
}

Result<std::vector<Evaluation>> EvaluateAll(store::Store& store, const store::Author& author,
                                            std::string_view product,
                                            const EvaluateOptions& options) {
  SK_ASSIGN_OR_RETURN(std::vector<release::Release> releases, release::List(store, product));
  std::vector<Evaluation> out;
  Pass pass;  // the records of one feed import and the releases they reach, read once
  for (const release::Release& r : releases) {
    if (r.status == release::ReleaseStatus::kRetired) continue;
    SK_ASSIGN_OR_RETURN(Evaluation e,
                        EvaluateWith(store, author, r.product, r.version, options, nullptr, &pass));
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::vector<StoredFinding>> List(store::Store& store, const Filter& filter) {
  if (filter.status != "open" && filter.status != "withdrawn" && filter.status != "all") {
    return InvalidArgument("unknown finding status '" + filter.status +
                           "' (allowed: open, withdrawn, all)");
  }
  SK_ASSIGN_OR_RETURN(std::string min_rating, CheckedRating(filter.min_rating));
  if (!filter.release.empty() && filter.product.empty()) {
    return InvalidArgument("a release filter needs a product");
  }
  std::string where = "WHERE 1 = 1";
  std::vector<Value> params;
  if (!filter.product.empty()) {
    where += " AND product = ?";
    params.push_back(filter.product);
  }
  if (!filter.release.empty()) {
    where += " AND release_version = ?";
    params.push_back(filter.release);
  }
  if (filter.status == "open") where += " AND withdrawn_at IS NULL";
  if (filter.status == "withdrawn") where += " AND withdrawn_at IS NOT NULL";
  if (filter.kev_only) where += " AND kev = 1";
  if (!filter.vulnerability.empty()) {
    where += " AND vulnerability = ?";
    params.push_back(filter.vulnerability);
  }
  if (!filter.since.empty()) {
    where +=
        " AND id IN (SELECT finding_id FROM finding_changes WHERE at >= ? AND change IN ('new', "
        "'restored'))";
    params.push_back(filter.since);
  }
  if (!filter.release.empty()) {
    SK_RETURN_IF_ERROR(release::Get(store, filter.product, filter.release).status());
  } else if (!filter.product.empty()) {
    SK_RETURN_IF_ERROR(release::List(store, filter.product).status());
  }
  std::vector<StoredFinding> out;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(out, QueryFindings(txn, where, params));
    return Status::Ok();
  }));
  if (!min_rating.empty()) {
    std::erase_if(
        out, [&](const StoredFinding& f) { return RatingRank(f.rating) < RatingRank(min_rating); });
  }
  return out;
}

Result<StoredFinding> Get(store::Store& store, int64_t id) {
  std::vector<StoredFinding> found;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(found, QueryFindings(txn, "WHERE id = ?", {id}));
    return Status::Ok();
  }));
  if (found.empty()) return NotFound("no finding with id " + std::to_string(id));
  return found[0];
}

Result<std::vector<Change>> History(store::Store& store, int64_t id) {
  SK_ASSIGN_OR_RETURN(StoredFinding f, Get(store, id));
  std::vector<Change> out;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(store::Rows rows,
                        txn.Query("SELECT change, at, cause_at FROM finding_changes WHERE "
                                  "finding_id = ? ORDER BY id",
                                  {id}));
    for (const store::Row& row : rows.rows) {
      Change c{id, "", "", "", f.vulnerability, f.component_name + "@" + f.component_version};
      SK_ASSIGN_OR_RETURN(c.change, row.Text(0));
      SK_ASSIGN_OR_RETURN(c.at, row.Text(1));
      SK_ASSIGN_OR_RETURN(c.cause_at, row.Text(2));
      out.push_back(std::move(c));
    }
    return Status::Ok();
  }));
  return out;
}

std::string FindingsDigest(const std::vector<StoredFinding>& findings) {
  std::vector<Row> rows;
  rows.reserve(findings.size());
  for (const StoredFinding& f : findings) {
    rows.push_back({f, f.detail.dump(-1, ' ', false, json::error_handler_t::replace), f.last_seen});
  }
  return DigestOf(rows);
}

Result<std::vector<store::Problem>> CheckFindings(store::Store& store) {
  std::vector<store::Problem> problems;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(store::Rows rows,
                        txn.Query("SELECT product, release_version, findings_sha256 FROM "
                                  "finding_evaluations ORDER BY product, release_version"));
    for (const store::Row& row : rows.rows) {
      SK_ASSIGN_OR_RETURN(std::string product, row.Text(0));
      SK_ASSIGN_OR_RETURN(std::string version, row.Text(1));
      SK_ASSIGN_OR_RETURN(std::string recorded, row.Text(2));
      SK_ASSIGN_OR_RETURN(std::vector<Row> found, ReleaseRowsIn(txn, product, version));
      std::string actual = DigestOf(found);
      if (actual != recorded) {
        problems.push_back({"findings_changed", EntityOf(product, version) +
                                                    ": the finding rows hash to " + actual +
                                                    ", the last evaluation recorded " + recorded +
                                                    " (changed outside soupkeeper)"});
      }
    }
    return Status::Ok();
  }));
  return problems;
}

Result<VulnerabilityDiff> Compare(store::Store& store, std::string_view product,
                                  std::string_view before, std::string_view after) {
  SK_RETURN_IF_ERROR(release::Get(store, product, before).status());
  SK_RETURN_IF_ERROR(release::Get(store, product, after).status());
  VulnerabilityDiff d;
  std::map<std::string, VulnerabilityChange> by_id;
  std::map<std::string, std::pair<bool, bool>> sides;  // id -> (before, after)
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    for (bool is_after : {false, true}) {
      std::string_view version = is_after ? after : before;
      SK_ASSIGN_OR_RETURN(std::optional<Mark> mark, MarkIn(txn, product, version));
      (is_after ? d.evaluated_after : d.evaluated_before) = mark.has_value();
      SK_ASSIGN_OR_RETURN(std::vector<Row> found, ReleaseRowsIn(txn, product, version));
      for (const Row& row : found) {
        const StoredFinding& f = row.f;
        if (!f.open()) continue;
        VulnerabilityChange& c = by_id[f.vulnerability];
        c.vulnerability = f.vulnerability;
        if (RatingRank(f.rating) > RatingRank(c.rating)) c.rating = f.rating;
        c.kev |= f.kev;
        (is_after ? c.after : c.before).push_back(f.component_name + "@" + f.component_version);
        (is_after ? sides[f.vulnerability].second : sides[f.vulnerability].first) = true;
      }
    }
    return Status::Ok();
  }));
  for (auto& [id, c] : by_id) {
    auto [was, is] = sides[id];
    (was && is ? d.remaining : was ? d.fixed : d.newly).push_back(std::move(c));
  }
  return d;
}

json ToJson(const VulnerabilityDiff& d) {
  auto list = [](const std::vector<VulnerabilityChange>& changes) {
    json out = json::array();
    for (const VulnerabilityChange& c : changes) {
      out.push_back({{"vulnerability", c.vulnerability},
                     {"rating", c.rating},
                     {"kev", c.kev},
                     {"before", c.before},
                     {"after", c.after}});
    }
    return out;
  };
  return {{"fixed", list(d.fixed)},
          {"new", list(d.newly)},
          {"remaining", list(d.remaining)},
          {"evaluated", {{"before", d.evaluated_before}, {"after", d.evaluated_after}}}};
}

std::vector<std::string> DiffLines(const VulnerabilityDiff& d) {
  std::vector<std::string> out;
  auto join = [](const std::vector<std::string>& items) {
    std::string s;
    for (const std::string& i : items) s += (s.empty() ? "" : ", ") + i;
    return s;
  };
  auto line = [&](const char* label, const VulnerabilityChange& c,
                  const std::vector<std::string>& components) {
    std::string tags = c.rating.empty() ? "unscored" : c.rating;
    if (c.kev) tags += ", KEV";
    out.push_back(std::string(label) + c.vulnerability + " (" + tags + ") " + join(components));
  };
  for (const VulnerabilityChange& c : d.fixed) line("fixed       ", c, c.before);
  for (const VulnerabilityChange& c : d.newly) line("new         ", c, c.after);
  out.push_back(std::to_string(d.fixed.size()) + " fixed, " + std::to_string(d.newly.size()) +
                " new, " + std::to_string(d.remaining.size()) + " remaining vulnerabilities" +
                (d.evaluated_before && d.evaluated_after
                     ? ""
                     : " (a release has not been evaluated: run `findings refresh`)"));
  return out;
}

json ToJson(const StoredFinding& f) {
  return {{"id", f.id},
          {"product", f.product},
          {"release", f.release},
          {"component",
           {{"ordinal", f.component_ordinal},
            {"bom_ref", f.component_ref},
            {"name", f.component_name},
            {"version", f.component_version},
            {"purl", f.purl},
            {"cpe", f.cpe}}},
          {"vulnerability", f.vulnerability},
          {"status", f.status},
          {"confidence", f.confidence},
          {"score", f.score ? json(*f.score) : json()},
          {"rating", f.rating},
          {"kev", f.kev},
          {"first_seen", f.first_seen},
          {"last_seen", f.last_seen},
          {"withdrawn_at", f.withdrawn_at ? json(*f.withdrawn_at) : json()},
          {"detail", f.detail}};
}

json ToJson(const Change& c) {
  return {{"finding", c.finding_id},
          {"change", c.change},
          {"at", c.at},
          {"cause_at", c.cause_at},
          {"vulnerability", c.vulnerability},
          {"component", c.component}};
}

json ToJson(const Evaluation& e) {
  json changes = json::array();
  for (const Change& c : e.changes) changes.push_back(ToJson(c));
  return {{"product", e.product}, {"release", e.release},     {"mode", e.mode},    {"at", e.at},
          {"open", e.open},       {"withdrawn", e.withdrawn}, {"changes", changes}};
}

std::string Summary(const Evaluation& e) {
  std::string out = e.product + " " + e.release + ": ";
  if (e.mode == "unchanged") {
    out += "no knowledge-base change since " + e.at;
  } else {
    out += std::to_string(e.count("new")) + " new, " + std::to_string(e.count("withdrawn")) +
           " withdrawn, " + std::to_string(e.count("changed")) + " changed, " +
           std::to_string(e.count("restored")) + " restored, " + std::to_string(e.count("kev")) +
           " newly in KEV (" + e.mode + ")";
  }
  return out + "; " + std::to_string(e.open) + " open, " + std::to_string(e.withdrawn) +
         " withdrawn";
}

}  // namespace soupkeeper::findings
