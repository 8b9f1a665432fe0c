// The match index in the store (schema 004) and the store side of a scan:
// RefreshIndex keeps match_index up to date with vuln_records, LoadKnowledge
// reads what a component list needs, Scan and Reevaluate put it together.
#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "core/pipeline.h"
#include "match/internal.h"

namespace soupkeeper::match {
namespace {

using nlohmann::json;
using store::Value;

constexpr std::string_view kEntity = "match-index";
// Components matched per knowledge load: the knowledge of 50,000 components
// at full NVD + OSV scale took 2.5 GB at once. With a chunk being read while
// the last is matched, 1,000 keep a 50,000-component scan at 700 MB (2,000:
// 860 MB) for about 7% more reading (records reached from two chunks are
// read twice).
constexpr size_t kComponentsPerLoad = 1000;

// The form of the index this code writes (table match_index_form): 2 has
// the version bounds of schema 17 (sqlite) / 16 (postgresql); an index of
// another form is rebuilt whole.
constexpr int64_t kFormat = 2;

struct Mark {
  bool present = false;
  std::string mark;
  int64_t at_mark = 0;
  bool current_form = false;
};

Result<Mark> ReadMark(store::Txn& txn) {
  SK_ASSIGN_OR_RETURN(store::Rows rows,
                      txn.Query("SELECT mark, at_mark FROM match_index_state WHERE entity = ?",
                                {std::string(kEntity)}));
  Mark m;
  if (rows.empty()) return m;
  m.present = true;
  SK_ASSIGN_OR_RETURN(m.mark, rows.rows[0].Text(0));
  SK_ASSIGN_OR_RETURN(m.at_mark, rows.rows[0].Int(1));
  SK_ASSIGN_OR_RETURN(store::Rows form, txn.Query("SELECT form FROM match_index_form"));
  if (form.size() == 1) {
    SK_ASSIGN_OR_RETURN(int64_t f, form.rows[0].Int(0));
    m.current_form = f == kFormat;
  }
  return m;
}

Result<int64_t> Count(store::Txn& txn, std::string_view sql, const std::vector<Value>& params) {
  SK_ASSIGN_OR_RETURN(store::Rows rows, txn.Query(sql, params));
  return rows.rows[0].Int(0);
}

Result<bool> Stale(store::Txn& txn) {
  SK_ASSIGN_OR_RETURN(Mark m, ReadMark(txn));
  if (!m.present || !m.current_form) {
    SK_ASSIGN_OR_RETURN(int64_t n, Count(txn, "SELECT COUNT(*) FROM vuln_records", {}));
    return n > 0;
  }
  SK_ASSIGN_OR_RETURN(
      int64_t newer,
      Count(txn, "SELECT COUNT(*) FROM vuln_records WHERE updated_at > ?", {m.mark}));
  if (newer > 0) return true;
  SK_ASSIGN_OR_RETURN(
      int64_t at, Count(txn, "SELECT COUNT(*) FROM vuln_records WHERE updated_at = ?", {m.mark}));
  return at != m.at_mark;
}

// A stored record's JSON text (vuln_records.data unpacked).
Result<std::string> StoredText(const std::string& source, const std::string& id,
                               const Value& stored) {
  auto text = vuln::UnpackRecordData(stored);
  if (!text.ok()) {
    return Corruption("vuln_records " + source + " " + id + ": " + text.status().message());
  }
  return text;
}

// A record for matching, from its stored JSON text.
Result<vuln::Vulnerability> DecodeStored(const std::string& source, const std::string& id,
                                         std::string_view text) {
  auto v = vuln::DecodeRecord(text, vuln::RecordFields::kMatching);
  if (!v.ok()) return Corruption("vuln_records " + source + " " + id + ": " + v.status().message());
  if (v->provenance.source.empty()) v->provenance.source = source;
  if (v->provenance.source_id.empty()) v->provenance.source_id = id;
  return v;
}

// What a knowledge load reads from the store, the records' JSON not yet
// decoded: a scan decodes them on the thread that matches (Build), while the
// other reads (and decompresses) the next chunk.
struct Fetched {
  struct Stored {
    std::string identity;
    std::string text;               // the stored JSON, unpacked
    std::vector<std::string> keys;  // empty when reached through its identity only
  };
  using RecordId = std::pair<std::string, std::string>;  // (source, source_id)
  std::map<RecordId, Stored> records;
  bool every_key = false;  // index each record under all its keys (no components given)
  // (component, record) pairs reached under the components' keys whose
  // record was not read: no bounds let it concern any component of the
  // load, nor those of a record of its identity (MatchComponents counts the
  // pairs of the records read).
  int64_t unread_pairs = 0;
  Knowledge kb;  // aliases, KEV and EPSS; no records yet
};

// The index rows under the components' keys: which records they reach, and
// which of those a component's version is not ruled out for by the bounds
// of the key it reaches them under.
struct Reached {
  std::map<Fetched::RecordId, std::vector<std::string>> keys;  // record -> keys
  std::map<std::string, std::vector<const Fetched::RecordId*>> by_key;
  std::map<std::string, std::vector<std::string>> wanted;  // source -> source_ids
};

// Bounds by stored text, prepared once per scan (records of one product
// share many); emptied when it grows past kMaxPrepared.
using PreparedCache = std::unordered_map<std::string, std::unique_ptr<PreparedBounds>>;
constexpr size_t kMaxPrepared = 100000;

Result<Reached> ReadIndex(store::Txn& txn, const std::vector<ComponentView>& components,
                          const std::vector<std::vector<std::string>>& component_keys,
                          PreparedCache& prepared) {
  std::map<std::string, std::vector<size_t>> by_key;  // key -> components
  for (size_t i = 0; i < components.size(); ++i) {
    for (const std::string& k : component_keys[i]) by_key[k].push_back(i);
  }
  std::vector<std::string> keys;
  for (const auto& [k, list] : by_key) keys.push_back(k);
  std::vector<std::optional<VersionProbe>> probes(components.size());
  std::set<Fetched::RecordId> wanted;
  Reached reached;
  SK_RETURN_IF_ERROR(txn.QueryIn(
      "SELECT lookup_key, source, source_id, bounds FROM match_index WHERE lookup_key IN ", keys,
      [&](const store::Row& row) -> Status {
        SK_ASSIGN_OR_RETURN(std::string key, row.Text(0));
        Fetched::RecordId id;
        SK_ASSIGN_OR_RETURN(id.first, row.Text(1));
        SK_ASSIGN_OR_RETURN(id.second, row.Text(2));
        SK_ASSIGN_OR_RETURN(std::optional<std::string> text, row.OptionalText(3));
        auto [it, added] = reached.keys.try_emplace(id);
        it->second.push_back(key);
        reached.by_key[key].push_back(&it->first);
        if (wanted.count(id)) return Status::Ok();
        bool concerns = !text;
        if (text) {
          std::unique_ptr<PreparedBounds>& bounds = prepared[*text];
          if (!bounds) {
            auto decoded = DecodeBounds(*text);
            if (!decoded.ok()) {
              prepared.erase(*text);
              return Corruption("match_index " + key + " " + id.first + " " + id.second +
                                ": bounds: " + decoded.status().message());
            }
            bounds = std::make_unique<PreparedBounds>(std::move(*decoded));
          }
          for (size_t i : by_key[key]) {
            if (!probes[i]) probes[i] = ProbeComponent(components[i]);
            if (bounds->MayConcern(*probes[i])) {
              concerns = true;
              break;
            }
          }
        }
        if (concerns) {
          reached.wanted[id.first].push_back(id.second);
          wanted.insert(std::move(id));
        }
        return Status::Ok();
      }));
  if (prepared.size() > kMaxPrepared) prepared.clear();
  return reached;
}

Result<Fetched> Fetch(store::Txn& txn, const std::vector<ComponentView>& components,
                      const std::set<std::string>& extra_identities, PreparedCache& prepared) {
  std::vector<std::vector<std::string>> component_keys;
  for (const ComponentView& c : components) component_keys.push_back(ComponentKeys(c));
  SK_ASSIGN_OR_RETURN(Reached reached, ReadIndex(txn, components, component_keys, prepared));
  // The identities of the records wanted, then every record of those
  // identities, each read once, with the keys it was reached under: those
  // are all of its keys a lookup by these components can ask for, so they
  // need not be computed again. The other sources' records of the same
  // vulnerabilities give their scores and the ecosystem data that outranks
  // a CPE finding.
  Fetched fetched;
  fetched.every_key = components.empty();
  std::set<std::string> identities = extra_identities;
  for (const auto& [source, source_ids] : reached.wanted) {
    SK_RETURN_IF_ERROR(txn.QueryIn(
        "SELECT vuln_id FROM vuln_records WHERE source = ? AND source_id IN ", source_ids,
        [&](const store::Row& row) -> Status {
          SK_ASSIGN_OR_RETURN(std::string identity, row.Text(0));
          identities.insert(std::move(identity));
          return Status::Ok();
        },
        {source}));
  }
  std::vector<std::string> ids(identities.begin(), identities.end());
  SK_RETURN_IF_ERROR(
      txn.QueryIn("SELECT source, source_id, vuln_id, data FROM vuln_records WHERE vuln_id IN ",
                  ids, [&](const store::Row& row) -> Status {
                    Fetched::RecordId id;
                    SK_ASSIGN_OR_RETURN(id.first, row.Text(0));
                    SK_ASSIGN_OR_RETURN(id.second, row.Text(1));
                    auto [it, added] = fetched.records.try_emplace(id);
                    if (!added) return Status::Ok();
                    SK_ASSIGN_OR_RETURN(it->second.identity, row.Text(2));
                    SK_ASSIGN_OR_RETURN(it->second.text, StoredText(id.first, id.second, row[3]));
                    if (auto k = reached.keys.find(id); k != reached.keys.end()) {
                      it->second.keys = std::move(k->second);
                    }
                    return Status::Ok();
                  }));
  for (const std::vector<std::string>& keys : component_keys) {
    std::vector<const Fetched::RecordId*> records;
    for (const std::string& k : keys) {
      if (auto it = reached.by_key.find(k); it != reached.by_key.end()) {
        records.insert(records.end(), it->second.begin(), it->second.end());
      }
    }
    std::sort(records.begin(), records.end());
    records.erase(std::unique(records.begin(), records.end()), records.end());
    for (const Fetched::RecordId* id : records) {
      if (!fetched.records.count(*id)) ++fetched.unread_pairs;
    }
  }
  Knowledge& kb = fetched.kb;
  std::vector<std::string> cves;
  SK_RETURN_IF_ERROR(txn.QueryIn("SELECT alias, vuln_id FROM vuln_aliases WHERE vuln_id IN ", ids,
                                 [&](const store::Row& row) -> Status {
                                   SK_ASSIGN_OR_RETURN(std::string alias, row.Text(0));
                                   SK_ASSIGN_OR_RETURN(std::string id, row.Text(1));
                                   if (alias.rfind("CVE-", 0) == 0) cves.push_back(alias);
                                   kb.aliases[id].push_back(std::move(alias));
                                   return Status::Ok();
                                 }));
  for (auto& [id, list] : kb.aliases) std::sort(list.begin(), list.end());
  SK_RETURN_IF_ERROR(txn.QueryIn(
      "SELECT cve_id, date_added, due_date, known_ransomware_campaign_use, required_action, "
      "vendor_project, product, vulnerability_name, catalog_version FROM vuln_kev WHERE cve_id IN ",
      cves, [&](const store::Row& row) -> Status {
        std::string f[9];
        for (size_t i = 0; i < 9; ++i) {
          SK_ASSIGN_OR_RETURN(f[i], row.Text(i));
        }
        kb.kev[f[0]] = vuln::Kev{f[1], f[2], f[3], f[4], f[5], f[6], f[7], "", f[8]};
        return Status::Ok();
      }));
  SK_RETURN_IF_ERROR(txn.QueryIn(
      "SELECT cve_id, score, percentile, score_date, model_version FROM vuln_epss WHERE cve_id IN ",
      cves, [&](const store::Row& row) -> Status {
        std::string f[5];
        for (size_t i = 0; i < 5; ++i) {
          SK_ASSIGN_OR_RETURN(f[i], row.Text(i));
        }
        vuln::Epss e;
        e.score = std::strtod(f[1].c_str(), nullptr);
        e.percentile = std::strtod(f[2].c_str(), nullptr);
        e.date = f[3];
        e.model_version = f[4];
        kb.epss[f[0]] = e;
        return Status::Ok();
      }));
  return fetched;
}

// The knowledge of what Fetch read, its records decoded and added in
// (source, source_id) order, so that nothing depends on the backend's row
// order.
Result<Knowledge> Build(Fetched&& f) {
  Knowledge kb = std::move(f.kb);
  for (auto& [id, stored] : f.records) {
    Record record;
    record.identity = std::move(stored.identity);
    SK_ASSIGN_OR_RETURN(record.v, DecodeStored(id.first, id.second, stored.text));
    // Without components (the records of given identities) every index key
    // of the record; with them, the keys it was reached under, if any.
    if (f.every_key) {
      kb.Add(std::move(record));
    } else {
      kb.Add(std::move(record), stored.keys);
    }
  }
  return kb;
}

Result<Knowledge> Load(store::Txn& txn, const std::vector<ComponentView>& components,
                       const std::set<std::string>& extra_identities) {
  PreparedCache prepared;
  SK_ASSIGN_OR_RETURN(Fetched f, Fetch(txn, components, extra_identities, prepared));
  return Build(std::move(f));
}

}  // namespace

Result<bool> IndexIsStale(store::Store& store) {
  bool stale = false;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(stale, Stale(txn));
    return Status::Ok();
  }));
  return stale;
}

Result<IndexReport> RefreshIndex(store::Store& store, const store::Author& author) {
  IndexReport report;
  SK_ASSIGN_OR_RETURN(report.was_stale, IndexIsStale(store));
  if (!report.was_stale) return report;
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(Mark m, ReadMark(txn));
    SK_ASSIGN_OR_RETURN(json before, txn.State("match_index_state", kEntity));
    // The keys of the records to index first, then their data a chunk at a
    // time per source: a full build at the scale of the whole NVD and OSV
    // holds one chunk of record JSON, not all of it (3.2 GB before).
    std::string sql = "SELECT source, source_id FROM vuln_records";
    std::vector<Value> params;
    if (m.present && m.current_form) {
      sql += " WHERE updated_at >= ?";
      params.push_back(m.mark);
    }
    sql += " ORDER BY source, source_id";
    std::map<std::string, std::vector<std::string>> ids_by_source;
    {
      SK_ASSIGN_OR_RETURN(store::Rows rows, txn.Query(sql, params));
      for (const store::Row& row : rows.rows) {
        SK_ASSIGN_OR_RETURN(std::string source, row.Text(0));
        SK_ASSIGN_OR_RETURN(std::string source_id, row.Text(1));
        ids_by_source[source].push_back(std::move(source_id));
      }
    }
    for (const auto& entry : ids_by_source) {
      const std::string& source = entry.first;  // a lambda cannot capture a structured binding
      SK_RETURN_IF_ERROR(txn.QueryIn(
          "SELECT r.source_id, r.data, k.keys FROM vuln_records r LEFT JOIN match_keys k ON "
          "k.source = r.source AND k.source_id = r.source_id WHERE r.source = ? AND "
          "r.source_id IN ",
          entry.second,
          [&](const store::Row& row) -> Status {
            SK_ASSIGN_OR_RETURN(std::string source_id, row.Text(0));
            SK_ASSIGN_OR_RETURN(std::string text, StoredText(source, source_id, row[1]));
            SK_ASSIGN_OR_RETURN(vuln::Vulnerability v, DecodeStored(source, source_id, text));
            // The keys it was indexed under last time go by their primary key.
            SK_ASSIGN_OR_RETURN(std::optional<std::string> old_keys, row.OptionalText(2));
            if (old_keys) {
              json old = json::parse(*old_keys, nullptr, /*allow_exceptions=*/false);
              if (!old.is_array()) {
                return Corruption("match_keys " + source + " " + source_id +
                                  ": keys are not a JSON array");
              }
              for (const json& key : old) {
                if (!key.is_string()) continue;
                SK_RETURN_IF_ERROR(
                    txn.Exec("DELETE FROM match_index WHERE lookup_key = ? AND source = ? AND "
                             "source_id = ?",
                             {key.get<std::string>(), source, source_id}));
              }
            }
            std::vector<std::string> keys;
            for (const IndexEntry& e : IndexEntries(v)) {
              std::optional<std::string> bounds;
              if (e.bounds) bounds = EncodeBounds(*e.bounds);
              SK_RETURN_IF_ERROR(txn.Exec(
                  "INSERT INTO match_index (lookup_key, source, source_id, bounds) VALUES (?, ?, "
                  "?, ?)",
                  {e.key, source, source_id, store::NullableText(bounds)}));
              keys.push_back(e.key);
              ++report.keys;
            }
            if (keys.empty()) {
              SK_RETURN_IF_ERROR(
                  txn.Exec("DELETE FROM match_keys WHERE source = ? AND source_id = ?",
                           {source, source_id}));
            } else {
              SK_RETURN_IF_ERROR(
                  txn.Exec("INSERT INTO match_keys (source, source_id, keys) VALUES (?, ?, ?) "
                           "ON CONFLICT (source, source_id) DO UPDATE SET keys = excluded.keys",
                           {source, source_id,
                            json(keys).dump(-1, ' ', false, json::error_handler_t::replace)}));
            }
            ++report.reindexed;
            return Status::Ok();
          },
          {source}));
    }
    SK_ASSIGN_OR_RETURN(store::Rows newest, txn.Query("SELECT MAX(updated_at) FROM vuln_records"));
    SK_ASSIGN_OR_RETURN(report.mark, newest.rows[0].Text(0));
    SK_ASSIGN_OR_RETURN(
        int64_t at_mark,
        Count(txn, "SELECT COUNT(*) FROM vuln_records WHERE updated_at = ?", {report.mark}));
    SK_ASSIGN_OR_RETURN(int64_t records, Count(txn, "SELECT COUNT(*) FROM vuln_records", {}));
    SK_ASSIGN_OR_RETURN(int64_t keys, Count(txn, "SELECT COUNT(*) FROM match_index", {}));
    if (m.present) {
      SK_RETURN_IF_ERROR(
          txn.Exec("UPDATE match_index_state SET mark = ?, at_mark = ?, records = ?, key_count = ? "
                   "WHERE entity = ?",
                   {report.mark, at_mark, records, keys, std::string(kEntity)}));
    } else {
      SK_RETURN_IF_ERROR(
          txn.Exec("INSERT INTO match_index_state (entity, mark, at_mark, records, key_count) "
                   "VALUES (?, ?, ?, ?, ?)",
                   {std::string(kEntity), report.mark, at_mark, records, keys}));
    }
    if (!m.current_form) {
      SK_RETURN_IF_ERROR(txn.Exec("DELETE FROM match_index_form"));
      SK_RETURN_IF_ERROR(txn.Exec("INSERT INTO match_index_form (form) VALUES (?)", {kFormat}));
    }
    return txn.Audit("match.index", "match_index_state", kEntity, before).status();
  }));
  return report;
}

Result<ScanResult> MatchInStore(store::Store& store, const std::vector<ComponentView>& components) {
  // A second thread reads the next chunk's records from the store (and
  // decompresses them) while this one decodes and matches the last, each
  // about half of a scan. One chunk waits at most, so two are in memory.
  struct Chunk {
    std::vector<ComponentView> components;
    Fetched fetched;
  };
  ScanResult out;
  PreparedCache prepared;  // the reading thread's
  SK_RETURN_IF_ERROR(
      Pipeline::Run({.batch_tasks = 1, .max_queued_batches = 1}, [&](Pipeline& pipeline) -> Status {
        for (size_t at = 0; at < components.size(); at += kComponentsPerLoad) {
          SK_RETURN_IF_ERROR(pipeline.WaitForRoom());
          const size_t end = std::min(components.size(), at + kComponentsPerLoad);
          auto chunk = std::make_shared<Chunk>();
          chunk->components.assign(components.begin() + static_cast<std::ptrdiff_t>(at),
                                   components.begin() + static_cast<std::ptrdiff_t>(end));
          SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
            SK_ASSIGN_OR_RETURN(chunk->fetched, Fetch(txn, chunk->components, {}, prepared));
            return Status::Ok();
          }));
          SK_RETURN_IF_ERROR(pipeline.Post([&out, &components, chunk]() -> Status {
            SK_ASSIGN_OR_RETURN(Knowledge kb, Build(std::move(chunk->fetched)));
            ScanResult part = MatchComponents(chunk->components, kb, &components);
            part.stats.records_considered += chunk->fetched.unread_pairs;
            std::move(part.findings.begin(), part.findings.end(), std::back_inserter(out.findings));
            out.stats += part.stats;
            return Status::Ok();
          }));
        }
        return Status::Ok();
      }));
  return out;
}

Result<ScanResult> Scan(store::Store& store, const sbom::Document& doc, const store::Author& author,
                        DiagnosticSink& sink) {
  SK_RETURN_IF_ERROR(RefreshIndex(store, author).status());
  std::vector<ComponentView> components = PrepareComponents(doc, sink);
  return MatchInStore(store, components);
}

Result<const std::map<std::string, std::string>*> ChangedSince(store::Store& store,
                                                               const store::Author& author,
                                                               std::string_view since,
                                                               ChangedKnowledge& known) {
  // Every write of a record leaves a vuln_history entry (which is how the
  // changes are found at all): while the history has no entry newer than
  // when this pass last brought the index up to date, the index is fresh.
  int64_t newest_id = 0;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(store::Rows newest,
                        txn.Query("SELECT COALESCE(MAX(id), 0) FROM vuln_history"));
    SK_ASSIGN_OR_RETURN(newest_id, newest.rows[0].Int(0));
    return Status::Ok();
  }));
  if (known.index_fresh_at != newest_id) {
    SK_RETURN_IF_ERROR(RefreshIndex(store, author).status());
    known.index_fresh_at = newest_id;
  }
  if (known.history_since && known.newest_history_id == newest_id &&
      std::string_view(*known.history_since) <= since && known.changed_since == since) {
    return &known.changed;  // the same history, the same mark
  }
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    if (!known.history_since || known.newest_history_id != newest_id ||
        std::string_view(*known.history_since) > since) {
      // No ORDER BY: it made SQLite scan the whole history in id order
      // instead of searching the index on `at` (0.2 s per release at full
      // scale).
      SK_ASSIGN_OR_RETURN(
          store::Rows rows,
          txn.Query("SELECT h.at, r.vuln_id FROM vuln_history h JOIN vuln_records r ON "
                    "r.source = h.source AND r.source_id = h.source_id WHERE h.at >= ?",
                    {std::string(since)}));
      known.history.clear();
      for (const store::Row& row : rows.rows) {
        ChangedKnowledge::Change c;
        SK_ASSIGN_OR_RETURN(c.at, row.Text(0));
        SK_ASSIGN_OR_RETURN(c.identity, row.Text(1));
        known.history.push_back(std::move(c));
      }
      known.history_since = std::string(since);
      if (known.newest_history_id != newest_id) known.identities.clear();  // records read afresh
      known.newest_history_id = newest_id;
    }
    known.changed.clear();
    known.changed_since = std::string(since);
    for (const ChangedKnowledge::Change& c : known.history) {
      if (std::string_view(c.at) < since) continue;
      std::string& newest_at = known.changed[c.identity];
      newest_at = std::max(newest_at, c.at);
    }
    if (known.changed.empty()) return Status::Ok();
    std::set<std::string> ids;
    for (const auto& [id, at] : known.changed) ids.insert(id);
    // `ids` is not empty, and `identities` was emptied when the history was
    // read afresh: the records are read again then.
    if (known.identities != ids) {
      SK_ASSIGN_OR_RETURN(known.kb, Load(txn, {}, ids));
      known.identities = std::move(ids);
    }
    return Status::Ok();
  }));
  return &known.changed;
}

Status StoreReleaseKeys(store::Txn& txn, std::string_view product, std::string_view version,
                        const std::vector<ComponentView>& components) {
  const std::string p(product), v(version);
  int64_t count = 0;
  for (const ComponentView& c : components) {
    for (const std::string& key : ComponentKeys(c)) {
      SK_RETURN_IF_ERROR(
          txn.Exec("INSERT INTO release_match_keys (lookup_key, product, release_version, "
                   "component_ordinal) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                   {key, p, v, static_cast<int64_t>(c.index)}));
      ++count;
    }
  }
  return txn.Exec(
      "INSERT INTO release_keyed (product, release_version, key_count) VALUES (?, ?, ?) ON "
      "CONFLICT DO NOTHING",
      {p, v, count});
}

Result<bool> ReleaseKeysStored(store::Txn& txn, std::string_view product,
                               std::string_view version) {
  SK_ASSIGN_OR_RETURN(
      store::Rows rows,
      txn.Query("SELECT 1 FROM release_keyed WHERE product = ? AND release_version = ?",
                {std::string(product), std::string(version)}));
  return !rows.empty();
}

Result<ReleaseKeyHits> ReleasesReached(store::Store& store, const Knowledge& kb) {
  std::vector<std::string> keys;
  for (const auto& [key, i] : kb.by_key) {
    if (keys.empty() || keys.back() != key) keys.push_back(key);  // by_key is sorted
  }
  ReleaseKeyHits hits;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    return txn.QueryIn(
        "SELECT product, release_version, component_ordinal FROM release_match_keys "
        "WHERE lookup_key IN ",
        keys, [&](const store::Row& row) -> Status {
          SK_ASSIGN_OR_RETURN(std::string product, row.Text(0));
          SK_ASSIGN_OR_RETURN(std::string version, row.Text(1));
          SK_ASSIGN_OR_RETURN(int64_t ordinal, row.Int(2));
          hits[{std::move(product), std::move(version)}].insert(static_cast<size_t>(ordinal));
          return Status::Ok();
        });
  }));
  return hits;
}

Result<std::vector<Delta>> Reevaluate(store::Store& store, const store::Author& author,
                                      const std::vector<ComponentView>& components,
                                      const std::vector<Finding>& previous, std::string_view since,
                                      ChangedKnowledge* cache, const std::set<size_t>* key_hits) {
  ChangedKnowledge local;
  ChangedKnowledge& known = cache ? *cache : local;
  SK_ASSIGN_OR_RETURN(auto changed_since, ChangedSince(store, author, since, known));
  const std::map<std::string, std::string>& changed = *changed_since;
  std::vector<Delta> out;
  if (changed.empty()) return out;
  // The components any changed record concerns: those whose keys reach a
  // changed identity, and those with a previous finding of one.
  std::set<size_t> wanted;
  for (const Finding& f : previous) {
    if (changed.count(f.vulnerability)) wanted.insert(f.component_index);
  }
  if (key_hits) {
    wanted.insert(key_hits->begin(), key_hits->end());
  } else {
    for (const ComponentView& c : components) {
      for (const std::string& k : ComponentKeys(c)) {
        if (known.kb.by_key.count(k)) wanted.insert(c.index);
      }
    }
  }
  std::vector<ComponentView> affected;
  for (const ComponentView& c : components) {
    if (wanted.count(c.index)) affected.push_back(c);
  }
  // Only the affected components are matched; every component is the
  // context of platform checks.
  ScanResult now = MatchComponents(affected, known.kb, &components);
  auto key = [](const Finding& f) { return std::make_pair(f.component_index, f.vulnerability); };
  std::map<std::pair<size_t, std::string>, const Finding*> before, after;
  for (const Finding& f : previous) {
    if (changed.count(f.vulnerability)) before[key(f)] = &f;
  }
  for (const Finding& f : now.findings) {
    if (changed.count(f.vulnerability)) after[key(f)] = &f;
  }
  for (const auto& [k, f] : after) {
    out.push_back({before.count(k) ? "kept" : "new", changed.at(k.second), *f});
  }
  for (const auto& [k, f] : before) {
    if (!after.count(k)) out.push_back({"withdrawn", changed.at(k.second), *f});
  }
  return out;
}

}  // namespace soupkeeper::match
