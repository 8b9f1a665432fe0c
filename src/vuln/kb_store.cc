// The knowledge base in the store: importing batches of records, identities
// with merged aliases, history, KEV and EPSS tables, feed status.
//
// One import is one write transaction (a batch). Per record: a record whose
// (source, source_id) is stored with the same source-bytes hash changes
// nothing; a new or changed one is written with a vuln_history row saying
// which top-level fields changed (before and after). Per source touched, one
// feed_imports row is written and audited, its changes_digest the SHA-256 of
// the list of changes, so the audit trail names every batch and what it
// changed without one event per public record (see docs/parts/feeds.md).
//
// The inputs are read, decoded and encoded on a second thread while this one
// stores (core/pipeline.h), in the same order as one thread would.
#include <algorithm>
#include <atomic>
#include <charconv>
#include <memory>
#include <set>

#include "core/pipeline.h"
#include "soupkeeper/hash.h"
#include "soupkeeper/vuln.h"
#include "vuln/json_support.h"

namespace soupkeeper::vuln {
namespace {

using nlohmann::json;
using store::Txn;
using store::Value;

bool IsCve(std::string_view id) { return id.rfind("CVE-", 0) == 0; }

std::string FormatDouble(double d) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(d);
}

Value TextOrNull(const std::string& s) { return s.empty() ? Value(nullptr) : Value(s); }

// Top-level fields of `after` that differ from `before`, with both values.
json ChangedFields(const json& before, const json& after) {
  json out = json::object();
  std::set<std::string> keys;
  for (auto it = before.begin(); it != before.end(); ++it) keys.insert(it.key());
  for (auto it = after.begin(); it != after.end(); ++it) keys.insert(it.key());
  for (const std::string& k : keys) {
    json b = before.contains(k) ? before[k] : json(nullptr);
    json a = after.contains(k) ? after[k] : json(nullptr);
    if (b != a) out[k] = {{"before", b}, {"after", a}};
  }
  return out;
}

// A record handed to the writer (by the reading thread, which also frees it:
// see core/pipeline.cc), with its stored form once encoded. Either thread
// may encode it: the reading thread does while the writer is behind and
// storing what it reads (new or changed records), else the writer encodes
// the records it stores. NVD records cost the reader more to decode than the
// writer to store, OSV records about the same; a re-import of unchanged
// records encodes nothing.
struct ReadyRecord {
  Vulnerability v;
  bool encoded = false;
  std::string text;  // EncodeRecord(v)
  Value data;        // PackRecordData(text)
};

void Encode(ReadyRecord& r) {
  r.text = EncodeRecord(r.v);  // provenance is kept in columns
  r.data = PackRecordData(r.text);
  r.encoded = true;
}

class BatchWriter {
 public:
  BatchWriter(Txn& txn, DiagnosticSink& sink) : txn_(txn), sink_(sink) {}

  ImportCounts& Counts(const std::string& source) { return Batch(source).counts; }

  // Whether the last record stored was new or changed, so that the next is
  // worth encoding ahead; read by the reading thread.
  bool EncodeAhead() const { return encode_ahead_.load(std::memory_order_relaxed); }

  // Stores one record. Database failures are returned; a record that cannot
  // be stored for its content is reported and counted as an error.
  Status Put(ReadyRecord& r) {
    Vulnerability& v = r.v;
    const std::string source = v.provenance.source;
    SourceBatch& b = Batch(source);
    ++b.counts.read;
    if (v.provenance.source_id.empty()) v.provenance.source_id = v.id;
    if (v.id.empty()) {
      ++b.counts.errors;
      sink_.Report({Severity::kError, v.provenance.location, "", "record without an id; skipped"});
      return Status::Ok();
    }
    if (!v.provenance.source_modified.empty() &&
        v.provenance.source_modified > b.counts.newest_modified) {
      b.counts.newest_modified = v.provenance.source_modified;
    }
    if (v.provenance.fetched_at.empty()) v.provenance.fetched_at = txn_.time();
    if (source == "epss") return PutEpss(v, b);
    const bool encoded_before = r.encoded;
    Status s = PutRecord(r, b);
    // What this thread encoded, it frees (see core/pipeline.cc).
    if (!encoded_before && r.encoded) r.text = std::string(), r.data = Value();
    return s;
  }

  // Writes and audits one feed_imports row per source.
  Status Finish() {
    for (auto& [source, b] : batches_) {
      const ImportCounts& c = b.counts;
      SK_RETURN_IF_ERROR(txn_.Exec(
          "INSERT INTO feed_imports (entity, source, imported_at, read_count, new_count, "
          "changed_count, unchanged_count, withdrawn_count, error_count, newest_modified, "
          "changes_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {b.entity, source, txn_.time(), c.read, c.added, c.changed, c.unchanged, c.withdrawn,
           c.errors, TextOrNull(c.newest_modified), b.digest->FinishHex()}));
      SK_RETURN_IF_ERROR(txn_.Audit("feed.import", "feed_imports", b.entity, nullptr));
    }
    return Status::Ok();
  }

  std::map<std::string, ImportCounts> Report() const {
    std::map<std::string, ImportCounts> out;
    for (const auto& [source, b] : batches_) out[source] = b.counts;
    return out;
  }

 private:
  struct SourceBatch {
    ImportCounts counts;
    std::string entity;
    std::unique_ptr<Sha256> digest;
  };

  SourceBatch& Batch(const std::string& source) {
    auto it = batches_.find(source);
    if (it != batches_.end()) return it->second;
    SourceBatch& b = batches_[source];
    b.digest = std::make_unique<Sha256>();
    b.entity = "feed-import:" + source + ":" + txn_.time();
    // Two imports within one clock tick (tests' fixed clocks): number them.
    for (int n = 2;; ++n) {
      Result<store::Rows> rows =
          txn_.Query("SELECT 1 FROM feed_imports WHERE entity = ?", {b.entity});
      if (!rows.ok() || rows->empty()) break;
      b.entity = "feed-import:" + source + ":" + txn_.time() + "#" + std::to_string(n);
    }
    return b;
  }

  void Digest(SourceBatch& b, std::string_view change, const Vulnerability& v) {
    b.digest->Update(std::string(change) + "\t" + v.provenance.source_id + "\t" +
                     v.provenance.sha256 + "\n");
  }

  Status History(const SourceBatch& b, const Vulnerability& v, const std::string& identity,
                 std::string_view change, const json& fields, const std::string& old_sha,
                 const std::string& old_modified) {
    return txn_.Exec(
        "INSERT INTO vuln_history (at, batch, source, source_id, vuln_id, change, fields, "
        "old_sha256, new_sha256, old_modified, new_modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?)",
        {txn_.time(), b.entity, v.provenance.source, v.provenance.source_id, identity,
         std::string(change), fields.dump(-1, ' ', false, json::error_handler_t::replace),
         TextOrNull(old_sha), TextOrNull(v.provenance.sha256), TextOrNull(old_modified),
         TextOrNull(v.modified)});
  }

  // The identity of a record with ids `ids` (its own id first), creating it
  // or merging identities as docs/parts/feeds.md describes.
  Result<std::string> Identity(const SourceBatch& b, const Vulnerability& v) {
    std::vector<std::string> ids;
    AddUnique(ids, v.id);
    for (const std::string& a : v.aliases) AddUnique(ids, a);
    std::map<std::string, std::string> mapped;  // alias -> identity
    std::set<std::string> existing;
    for (const std::string& id : ids) {
      SK_ASSIGN_OR_RETURN(store::Rows rows,
                          txn_.Query("SELECT vuln_id FROM vuln_aliases WHERE alias = ?", {id}));
      if (rows.empty()) continue;
      SK_ASSIGN_OR_RETURN(std::string identity, rows.rows[0].Text(0));
      mapped[id] = identity;
      existing.insert(identity);
    }
    std::string target;
    bool created = false;
    auto cve_identity =
        std::find_if(existing.begin(), existing.end(), [](const auto& id) { return IsCve(id); });
    auto cve_id = std::find_if(ids.begin(), ids.end(), [](const auto& id) { return IsCve(id); });
    if (cve_identity != existing.end()) {
      target = *cve_identity;
    } else if (cve_id != ids.end() || existing.empty()) {
      // A new identity: named by the CVE when the record names one, so an
      // identity first seen as GO-... or GHSA-... becomes the CVE's.
      target = cve_id != ids.end() ? *cve_id : v.id;
      SK_RETURN_IF_ERROR(
          txn_.Exec("INSERT INTO vulnerabilities (id, created_at, updated_at) VALUES (?, ?, ?)",
                    {target, txn_.time(), txn_.time()}));
      created = true;
    } else if (mapped.count(v.id) != 0) {
      target = mapped[v.id];
    } else {
      target = *existing.begin();
    }
    {
      for (const std::string& other : existing) {
        if (other == target) continue;
        if (IsCve(other) && IsCve(target)) {
          // Two CVEs are two vulnerabilities even when one advisory lists
          // both; never merged.
          continue;
        }
        SK_RETURN_IF_ERROR(
            txn_.Exec("UPDATE vuln_aliases SET vuln_id = ? WHERE vuln_id = ?", {target, other}));
        SK_RETURN_IF_ERROR(
            txn_.Exec("UPDATE vuln_records SET vuln_id = ? WHERE vuln_id = ?", {target, other}));
        SK_RETURN_IF_ERROR(txn_.Exec("DELETE FROM vulnerabilities WHERE id = ?", {other}));
        SK_RETURN_IF_ERROR(History(b, v, target, "merged", json{{"merged", other}}, "", ""));
        for (auto& [alias, identity] : mapped) {
          if (identity == other) identity = target;
        }
      }
      if (!created) {  // a new identity already has this updated_at
        SK_RETURN_IF_ERROR(txn_.Exec("UPDATE vulnerabilities SET updated_at = ? WHERE id = ?",
                                     {txn_.time(), target}));
      }
    }
    for (const std::string& id : ids) {
      if (mapped.count(id) != 0) continue;
      SK_RETURN_IF_ERROR(
          txn_.Exec("INSERT INTO vuln_aliases (alias, vuln_id) VALUES (?, ?)", {id, target}));
    }
    return target;
  }

  Status PutRecord(ReadyRecord& r, SourceBatch& b) {
    Vulnerability& v = r.v;
    SK_ASSIGN_OR_RETURN(store::Rows rows,
                        txn_.Query("SELECT vuln_id, sha256, withdrawn, modified FROM "
                                   "vuln_records WHERE source = ? AND source_id = ?",
                                   {v.provenance.source, v.provenance.source_id}));
    const bool exists = !rows.empty();
    std::string old_sha, old_withdrawn, old_modified;
    if (exists) {
      const store::Row& row = rows.rows[0];
      SK_ASSIGN_OR_RETURN(old_sha, row.Text(1));
      if (!row.IsNull(2)) {
        SK_ASSIGN_OR_RETURN(old_withdrawn, row.Text(2));
      }
      if (!row.IsNull(3)) {
        SK_ASSIGN_OR_RETURN(old_modified, row.Text(3));
      }
      if (old_sha == v.provenance.sha256) {
        ++b.counts.unchanged;
        encode_ahead_.store(false, std::memory_order_relaxed);
        return Status::Ok();
      }
    }
    encode_ahead_.store(true, std::memory_order_relaxed);
    if (!r.encoded) Encode(r);
    SK_ASSIGN_OR_RETURN(std::string identity, Identity(b, v));
    if (!exists) {
      SK_RETURN_IF_ERROR(txn_.Exec(
          "INSERT INTO vuln_records (source, source_id, vuln_id, published, modified, "
          "withdrawn, status, sha256, location, fetched_at, imported_at, updated_at, batch, data) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {v.provenance.source, v.provenance.source_id, identity, TextOrNull(v.published),
           TextOrNull(v.modified), TextOrNull(v.withdrawn), TextOrNull(v.status),
           v.provenance.sha256, v.provenance.location, v.provenance.fetched_at, txn_.time(),
           txn_.time(), b.entity, r.data}));
      ++b.counts.added;
      if (!v.withdrawn.empty()) ++b.counts.withdrawn;
      SK_RETURN_IF_ERROR(History(b, v, identity, "new", json::object(), "", ""));
      Digest(b, "new", v);
    } else {
      // The stored form is read only now, before it is replaced: most of
      // the records a re-import reads are unchanged.
      SK_ASSIGN_OR_RETURN(store::Rows stored,
                          txn_.Query("SELECT data FROM vuln_records WHERE source = ? AND "
                                     "source_id = ?",
                                     {v.provenance.source, v.provenance.source_id}));
      SK_ASSIGN_OR_RETURN(std::string old_data, UnpackRecordData(stored.rows.at(0)[0]));
      SK_RETURN_IF_ERROR(txn_.Exec(
          "UPDATE vuln_records SET vuln_id = ?, published = ?, modified = ?, "
          "withdrawn = ?, status = ?, sha256 = ?, location = ?, fetched_at = ?, updated_at = ?, "
          "batch = ?, data = ? WHERE source = ? AND source_id = ?",
          {identity, TextOrNull(v.published), TextOrNull(v.modified), TextOrNull(v.withdrawn),
           TextOrNull(v.status), v.provenance.sha256, v.provenance.location,
           v.provenance.fetched_at, txn_.time(), b.entity, r.data, v.provenance.source,
           v.provenance.source_id}));
      json before = json::parse(old_data, nullptr, /*allow_exceptions=*/false);
      if (before.is_discarded()) before = json::object();
      std::string_view change = "changed";
      if (old_withdrawn.empty() && !v.withdrawn.empty()) {
        change = "withdrawn";
        ++b.counts.withdrawn;
      } else if (!old_withdrawn.empty() && v.withdrawn.empty()) {
        change = "restored";
      }
      ++b.counts.changed;
      SK_RETURN_IF_ERROR(History(b, v, identity, change, ChangedFields(before, json::parse(r.text)),
                                 old_sha, old_modified));
      Digest(b, change, v);
    }
    if (v.kev && v.provenance.source == "kev") {
      const Kev& k = *v.kev;
      SK_RETURN_IF_ERROR(txn_.Exec("DELETE FROM vuln_kev WHERE cve_id = ?", {v.id}));
      SK_RETURN_IF_ERROR(txn_.Exec(
          "INSERT INTO vuln_kev (cve_id, date_added, due_date, known_ransomware_campaign_use, "
          "required_action, vendor_project, product, vulnerability_name, catalog_version, "
          "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {v.id, k.date_added, k.due_date, k.known_ransomware_campaign_use, k.required_action,
           k.vendor_project, k.product, k.vulnerability_name, k.catalog_version, txn_.time()}));
    }
    return Status::Ok();
  }

  Status PutEpss(Vulnerability& v, SourceBatch& b) {
    const Epss& e = *v.epss;
    SK_ASSIGN_OR_RETURN(store::Rows rows,
                        txn_.Query("SELECT sha256 FROM vuln_epss WHERE cve_id = ?", {v.id}));
    if (!rows.empty()) {
      SK_ASSIGN_OR_RETURN(std::string old_sha, rows.rows[0].Text(0));
      if (old_sha == v.provenance.sha256) {
        ++b.counts.unchanged;
        return Status::Ok();
      }
      SK_RETURN_IF_ERROR(txn_.Exec(
          "UPDATE vuln_epss SET score = ?, percentile = ?, score_date = ?, model_version = ?, "
          "location = ?, sha256 = ?, updated_at = ?, batch = ? WHERE cve_id = ?",
          {FormatDouble(e.score), FormatDouble(e.percentile), e.date, e.model_version,
           v.provenance.location, v.provenance.sha256, txn_.time(), b.entity, v.id}));
      ++b.counts.changed;
      Digest(b, "changed", v);
      return Status::Ok();
    }
    SK_RETURN_IF_ERROR(txn_.Exec(
        "INSERT INTO vuln_epss (cve_id, score, percentile, score_date, model_version, location, "
        "sha256, updated_at, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {v.id, FormatDouble(e.score), FormatDouble(e.percentile), e.date, e.model_version,
         v.provenance.location, v.provenance.sha256, txn_.time(), b.entity}));
    ++b.counts.added;
    Digest(b, "new", v);
    return Status::Ok();
  }

  Txn& txn_;
  DiagnosticSink& sink_;
  std::map<std::string, SourceBatch> batches_;
  std::atomic<bool> encode_ahead_{true};
};

// Forwards diagnostics and counts the errors.
class CountingSink final : public DiagnosticSink {
 public:
  explicit CountingSink(DiagnosticSink& inner) : inner_(inner) {}
  void Report(Diagnostic d) override {
    if (d.severity == Severity::kError) ++errors_;
    inner_.Report(std::move(d));
  }
  int64_t errors() const { return errors_; }

 private:
  DiagnosticSink& inner_;
  int64_t errors_ = 0;
};

// A JSON schema document ("$schema": "...json-schema.org..."): its property
// names would fool the sniffs, and it is never feed data.
bool IsJsonSchema(std::string_view bytes) {
  std::string_view head = Head(bytes, 512);
  size_t pos = head.find("\"$schema\"");
  if (pos == std::string_view::npos) return false;
  size_t end = head.find_first_of(",}", pos);
  return head.substr(pos, end == std::string_view::npos ? end : end - pos)
             .find("json-schema.org") != std::string_view::npos;
}

// Why a file no importer takes is rejected, as precisely as its content
// allows.
std::string UnrecognizedReason(std::string_view bytes) {
  if (IsJsonSchema(bytes)) return "a JSON schema, not feed data";
  std::string_view head = bytes.substr(0, 65536);
  if (head.find("\"CVE_Items\"") != std::string_view::npos) {
    return "NVD 1.1 JSON feed: not supported (NVD retired it in 2023; use CVE API 2.0 data)";
  }
  const bool json_object = !Head(bytes, 1).empty() && Head(bytes, 1)[0] == '{';
  if (!json_object) {
    return "not a recognized vulnerability feed (OSV JSON/YAML, NVD CVE API 2.0, CVE JSON 5, "
           "CISA KEV, CSAF 2.0, EPSS CSV)";
  }
  if (head.find("\"cpes\"") != std::string_view::npos ||
      head.find("\"matchStrings\"") != std::string_view::npos ||
      head.find("\"cveChanges\"") != std::string_view::npos ||
      head.find("\"NVD_SOURCE\"") != std::string_view::npos) {
    return "an NVD API 2.0 response of another API (CPE, CPE match, change history or source), "
           "not CVE records";
  }
  return "not a recognized vulnerability feed (OSV JSON/YAML, NVD CVE API 2.0, CVE JSON 5, "
         "CISA KEV, CSAF 2.0, EPSS CSV)";
}

// The reading side of an import, on the pipeline's producer thread: reads
// and decodes the inputs (and encodes records ahead, see ReadyRecord),
// handing records, counts and diagnostics to the writer as pipeline tasks. `report`'s file counts
// are its own until the pipeline has finished.
class Producer {
 public:
  Producer(Pipeline& pipeline, BatchWriter& writer, DiagnosticSink& sink, ImportReport& report)
      : pipeline_(pipeline),
        writer_(writer),
        sink_(pipeline, sink),
        counting_(sink_),
        report_(report) {}

  DiagnosticSink& sink() { return sink_; }
  ImportReport& report() { return report_; }

  Status Put(Vulnerability&& v) {
    ReadyRecord r{std::move(v), false, {}, {}};
    if (r.v.provenance.source != "epss" && writer_.EncodeAhead() && pipeline_.Behind()) Encode(r);
    return pipeline_.Post(
        [&writer = writer_, r = std::move(r)]() mutable { return writer.Put(r); });
  }

  // One file (or archive member): the importer its bytes name decodes it; an
  // unrecognized file is reported and counted.
  Status File(const std::string& name, std::string_view bytes) {
    ++report_.files;
    const FeedImporter* importer = IsJsonSchema(bytes) ? nullptr : FindImporter(bytes);
    if (importer == nullptr) {
      ++report_.file_errors;
      sink_.Report({Severity::kError, name, "", UnrecognizedReason(bytes)});
      return Status::Ok();
    }
    int64_t errors_before = counting_.errors();
    Status decoded = importer->Decode(
        bytes, name, [&](Vulnerability&& v) { return Put(std::move(v)); }, counting_);
    if (!decoded.ok()) {
      if (decoded.code() != StatusCode::kParseError) return decoded;
      counting_.Report({Severity::kError, "", "", decoded.message()});
    }
    // Posted even when zero: a source whose every record failed still gets
    // its feed_imports row.
    return pipeline_.Post([&writer = writer_, source = std::string(importer->Name()),
                           errors = counting_.errors() - errors_before] {
      writer.Counts(source).errors += errors;
      return Status::Ok();
    });
  }

 private:
  Pipeline& pipeline_;
  BatchWriter& writer_;
  PipelineSink sink_;
  CountingSink counting_;
  ImportReport& report_;
};

Result<ImportReport> RunImport(store::Store& store, const store::Author& author,
                               DiagnosticSink& sink,
                               const std::function<Status(Producer&)>& produce,
                               const AfterImportFn& after = nullptr) {
  ImportReport report;
  SK_RETURN_IF_ERROR(store.Write(author, [&](Txn& txn) -> Status {
    report = ImportReport();
    BatchWriter writer(txn, sink);
    SK_RETURN_IF_ERROR(Pipeline::Run([&](Pipeline& pipeline) {
      Producer producer(pipeline, writer, sink, report);
      return produce(producer);
    }));
    SK_RETURN_IF_ERROR(writer.Finish());
    report.sources = writer.Report();
    if (after) SK_RETURN_IF_ERROR(after(txn, report));
    return Status::Ok();
  }));
  return report;
}

}  // namespace

int64_t ImportReport::errors() const {
  int64_t n = file_errors;
  for (const auto& [source, c] : sources) n += c.errors;
  return n;
}

nlohmann::json ImportReport::ToJson() const {
  json sources_json = json::object();
  for (const auto& [source, c] : sources) {
    sources_json[source] = {{"read", c.read},
                            {"new", c.added},
                            {"changed", c.changed},
                            {"unchanged", c.unchanged},
                            {"withdrawn", c.withdrawn},
                            {"errors", c.errors},
                            {"newest_modified", c.newest_modified}};
  }
  return {{"files", files}, {"file_errors", file_errors}, {"sources", sources_json}};
}

Result<ImportReport> ImportPaths(store::Store& store, Env* env,
                                 const std::vector<std::string>& paths, const store::Author& author,
                                 DiagnosticSink& sink) {
  return RunImport(store, author, sink, [&](Producer& producer) -> Status {
    CountingSink input_sink(producer.sink());
    for (const std::string& path : paths) {
      int64_t before = input_sink.errors();
      Status s = ReadInputs(
          env, path,
          [&](const std::string& name, std::string_view bytes) {
            return producer.File(name, bytes);
          },
          input_sink);
      producer.report().file_errors += input_sink.errors() - before;
      if (s.code() == StatusCode::kNotFound) {
        ++producer.report().file_errors;
        producer.sink().Report({Severity::kError, "", "", s.message()});
        continue;
      }
      SK_RETURN_IF_ERROR(s);
    }
    return Status::Ok();
  });
}

Result<ImportReport> ImportBuffers(store::Store& store, const std::vector<InputBuffer>& inputs,
                                   const store::Author& author, DiagnosticSink& sink,
                                   const AfterImportFn& after) {
  return RunImport(
      store, author, sink,
      [&](Producer& producer) -> Status {
        CountingSink input_sink(producer.sink());
        for (const InputBuffer& input : inputs) {
          SK_RETURN_IF_ERROR(ReadInputBytes(
              input.name, input.bytes,
              [&](const std::string& name, std::string_view bytes) {
                return producer.File(name, bytes);
              },
              input_sink));
        }
        producer.report().file_errors += input_sink.errors();
        return Status::Ok();
      },
      after);
}

Result<ImportReport> ImportRecords(store::Store& store, std::vector<Vulnerability> records,
                                   const store::Author& author, DiagnosticSink& sink) {
  return RunImport(store, author, sink, [&](Producer& producer) -> Status {
    for (Vulnerability& v : records) SK_RETURN_IF_ERROR(producer.Put(std::move(v)));
    return Status::Ok();
  });
}

Result<std::vector<SourceStatus>> FeedStatus(store::Store& store, TimePoint now,
                                             std::chrono::seconds cadence) {
  std::map<std::string, SourceStatus> by_source;
  for (const auto& importer : BuiltinImporters()) {
    by_source[std::string(importer->Name())].source = std::string(importer->Name());
  }
  SK_RETURN_IF_ERROR(store.Read([&](Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(
        store::Rows rows,
        txn.Query("SELECT source, COUNT(*), SUM(CASE WHEN withdrawn IS NULL THEN 0 ELSE 1 END), "
                  "MAX(modified) FROM vuln_records GROUP BY source",
                  {}));
    for (const store::Row& row : rows.rows) {
      SK_ASSIGN_OR_RETURN(std::string source, row.Text(0));
      SourceStatus& s = by_source[source];
      s.source = source;
      SK_ASSIGN_OR_RETURN(s.records, row.Int(1));
      SK_ASSIGN_OR_RETURN(s.withdrawn, row.Int(2));
      if (!row.IsNull(3)) {
        SK_ASSIGN_OR_RETURN(s.newest_modified, row.Text(3));
      }
    }
    SK_ASSIGN_OR_RETURN(rows, txn.Query("SELECT COUNT(*), MAX(score_date) FROM vuln_epss", {}));
    SourceStatus& epss = by_source["epss"];
    SK_ASSIGN_OR_RETURN(epss.records, rows.rows[0].Int(0));
    if (!rows.rows[0].IsNull(1)) {
      SK_ASSIGN_OR_RETURN(std::string date, rows.rows[0].Text(1));
      epss.newest_modified = NormalizeTime(date).value_or(date);
    }
    SK_ASSIGN_OR_RETURN(
        rows, txn.Query("SELECT source, MAX(imported_at) FROM feed_imports GROUP BY source", {}));
    for (const store::Row& row : rows.rows) {
      SK_ASSIGN_OR_RETURN(std::string source, row.Text(0));
      SourceStatus& s = by_source[source];
      s.source = source;
      SK_ASSIGN_OR_RETURN(s.last_import, row.Text(1));
    }
    return Status::Ok();
  }));
  std::vector<SourceStatus> out;
  for (auto& [source, s] : by_source) {
    if (!s.last_import.empty()) {
      Result<TimePoint> last = ParseTime(s.last_import);
      if (last.ok()) {
        auto age = std::chrono::duration_cast<std::chrono::seconds>(now - *last);
        s.age_seconds = age.count();
        s.stale = age > cadence;
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::string> ResolveIdentity(store::Store& store, std::string_view id_or_alias) {
  std::string identity;
  SK_RETURN_IF_ERROR(store.Read([&](Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(
        store::Rows rows,
        txn.Query("SELECT vuln_id FROM vuln_aliases WHERE alias = ?", {std::string(id_or_alias)}));
    if (rows.empty()) {
      return NotFound("no vulnerability with id or alias " + std::string(id_or_alias));
    }
    SK_ASSIGN_OR_RETURN(identity, rows.rows[0].Text(0));
    return Status::Ok();
  }));
  return identity;
}

Result<std::vector<nlohmann::json>> RecordsOf(store::Store& store, std::string_view identity) {
  std::vector<json> out;
  SK_RETURN_IF_ERROR(store.Read([&](Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(
        store::Rows rows,
        txn.Query("SELECT source, source_id, data, location, fetched_at, imported_at, "
                  "updated_at, modified, sha256, batch FROM vuln_records WHERE vuln_id = ? "
                  "ORDER BY source, source_id",
                  {std::string(identity)}));
    for (const store::Row& row : rows.rows) {
      SK_ASSIGN_OR_RETURN(std::string data, UnpackRecordData(row[2]));
      json j = json::parse(data, nullptr, /*allow_exceptions=*/false);
      if (j.is_discarded()) return Corruption("vuln_records: data is not JSON");
      json p = json::object();
      static constexpr const char* kKeys[] = {
          "source",     "source_id",       "data",   "location", "fetched_at", "imported_at",
          "updated_at", "source_modified", "sha256", "batch"};
      for (size_t i = 0; i < row.size(); ++i) {
        if (i == 2 || row.IsNull(i)) continue;
        SK_ASSIGN_OR_RETURN(std::string v, row.Text(i));
        p[kKeys[i]] = v;
      }
      j["provenance"] = p;
      out.push_back(std::move(j));
    }
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<HistoryEntry>> HistoryOf(store::Store& store, std::string_view identity) {
  std::vector<HistoryEntry> out;
  SK_RETURN_IF_ERROR(store.Read([&](Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(
        store::Rows rows,
        txn.Query("SELECT at, batch, source, source_id, vuln_id, change, fields, old_sha256, "
                  "new_sha256 FROM vuln_history WHERE vuln_id IN (SELECT alias FROM vuln_aliases "
                  "WHERE vuln_id = ?) ORDER BY id",
                  {std::string(identity)}));
    for (const store::Row& row : rows.rows) {
      HistoryEntry h;
      SK_ASSIGN_OR_RETURN(h.at, row.Text(0));
      SK_ASSIGN_OR_RETURN(h.batch, row.Text(1));
      SK_ASSIGN_OR_RETURN(h.source, row.Text(2));
      SK_ASSIGN_OR_RETURN(h.source_id, row.Text(3));
      SK_ASSIGN_OR_RETURN(h.identity, row.Text(4));
      SK_ASSIGN_OR_RETURN(h.change, row.Text(5));
      SK_ASSIGN_OR_RETURN(std::string fields, row.Text(6));
      h.fields = json::parse(fields, nullptr, /*allow_exceptions=*/false);
      if (!row.IsNull(7)) {
        SK_ASSIGN_OR_RETURN(h.old_sha256, row.Text(7));
      }
      if (!row.IsNull(8)) {
        SK_ASSIGN_OR_RETURN(h.new_sha256, row.Text(8));
      }
      out.push_back(std::move(h));
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace soupkeeper::vuln
