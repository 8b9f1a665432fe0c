// The vulnerability knowledge base: the normalized Vulnerability model, the
// feed importers (one plug-in per format behind FeedImporter), reading inputs
// (files, folders, .gz, .zip, .tar.gz) and the store side (identities with
// merged aliases, per-source records with provenance, KEV, EPSS, history).
//
// Every source keeps its own view: a Vulnerability is what ONE source said
// about one vulnerability (its affected data, its scores). The store joins the
// views of all sources under one identity through their aliases (CVE, GHSA,
// PYSEC, GO, RUSTSEC, ICSMA...); see docs/parts/feeds.md for the merge rules.
//
// Example:
//   CollectingSink sink;
//   SK_ASSIGN_OR_RETURN(vuln::ImportReport report,
//                       vuln::ImportPaths(*store, env, {"nvd/", "kev.json"}, author, sink));
//   for (const auto& [source, c] : report.sources) printf("%s new %lld\n", ...);
#ifndef SOUPKEEPER_VULN_H_
#define SOUPKEEPER_VULN_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/diagnostics.h"
#include "soupkeeper/env.h"
#include "soupkeeper/range.h"
#include "soupkeeper/status.h"
#include "soupkeeper/store.h"

namespace soupkeeper::vuln {

// A CVSS score as a source published it. The vector is parsed and scored with
// the cvss library; a vector the library rejects is kept with `problem` set
// (sources publish malformed vectors; the record is still useful).
struct SeverityScore {
  std::string type;                  // "CVSS_V2", "CVSS_V3", "CVSS_V4" (OSV names)
  std::string version;               // "2.0", "3.0", "3.1", "4.0" (from the vector)
  std::string vector;                // as published
  std::string source;                // who scored: "nvd@nist.gov", "GitHub", a CNA...
  std::string kind;                  // NVD "Primary"/"Secondary", CVE 5 "cna"/"adp"; may be empty
  std::optional<double> base_score;  // computed from the vector
  std::string rating;                // "none".."critical", computed
  std::optional<double> published_score;  // the score the source wrote, if any
  std::string problem;                    // why the vector did not parse
};

struct Reference {
  std::string url;
  std::string type;               // OSV type, CSAF category; may be empty
  std::vector<std::string> tags;  // NVD tags
};

// OSV "affected" entry (also used for CVE 5 affected with a purl or package).
struct PackageAffected {
  std::string ecosystem;  // OSV ecosystem, e.g. "PyPI", "Debian:12"
  std::string name;
  std::string purl;                      // as given, may be empty
  range::OsvAffected ranges;             // ranges and versions, for range::EvaluateOsv
  std::vector<std::string> range_repos;  // per range of `ranges`: the GIT repo or ""
  std::string ecosystem_specific;        // minified JSON or ""
  std::string database_specific;         // minified JSON or ""
};

// NVD cpeMatch.
struct CpeMatch {
  bool vulnerable = true;
  std::string criteria;  // CPE 2.3 formatted string
  std::string match_criteria_id;
  range::CpeMatchBounds bounds;  // criteria version and the four bounds
};

// NVD configuration node: cpeMatch entries joined by OR or AND.
struct ConfigNode {
  std::string op = "OR";  // "OR" or "AND"
  bool negate = false;
  std::vector<CpeMatch> matches;
};

// NVD configuration: nodes joined by `op`. A configuration with op "AND" whose
// nodes mix vulnerable and non-vulnerable matches is the "running on / with"
// form: the non-vulnerable matches are platforms (see Platforms()).
struct Configuration {
  std::string op = "OR";
  bool negate = false;
  std::vector<ConfigNode> nodes;
};

// The non-vulnerable cpeMatch criteria of an AND configuration (the
// platforms the vulnerable software must run on or with).
std::vector<std::string> Platforms(const Configuration& config);

// One CSAF product with its status for this vulnerability.
struct ProductStatus {
  std::string product_id;
  std::string name;    // full product name from the product tree
  std::string purl;    // product identification helper, may be empty
  std::string cpe;     // product identification helper, may be empty
  std::string status;  // CSAF product_status key: "known_affected", "fixed", ...
};

struct Remediation {
  std::string category;  // "vendor_fix", "mitigation", "workaround", ...
  std::string details;
  std::string url;
  std::vector<std::string> product_ids;
};

// VEX flags and threats of CSAF (VEX profile): justification per product.
struct Flag {
  std::string label;  // e.g. "vulnerable_code_not_present"
  std::vector<std::string> product_ids;
};

// CISA Known Exploited Vulnerabilities catalog entry.
struct Kev {
  std::string date_added;                     // YYYY-MM-DD
  std::string due_date;                       // YYYY-MM-DD
  std::string known_ransomware_campaign_use;  // "Known" or "Unknown"
  std::string required_action;
  std::string vendor_project;
  std::string product;
  std::string vulnerability_name;
  std::string notes;
  std::string catalog_version;
};

// FIRST EPSS score of one CVE.
struct Epss {
  double score = 0;
  double percentile = 0;
  std::string date;  // score_date, YYYY-MM-DD
  std::string model_version;
};

// Where a record came from.
struct Provenance {
  std::string source;           // importer name: "osv", "nvd", "kev", "csaf", "epss", "cve5"
  std::string source_id;        // the record's id within its source
  std::string location;         // file (and member of an archive), with a JSON pointer for bundles
  std::string fetched_at;       // RFC 3339 UTC; the import time for local files
  std::string imported_at;      // RFC 3339 UTC, set by the store
  std::string source_modified;  // the source's own modified time, RFC 3339 UTC, or ""
  std::string sha256;           // of the record's source bytes (see docs/parts/feeds.md)
};

// What one source says about one vulnerability.
struct Vulnerability {
  std::string id;                    // the source's id: CVE-..., GHSA-..., ICSMA-...
  std::vector<std::string> aliases;  // other ids of the same vulnerability
  std::vector<std::string> related;  // related but distinct (OSV "related"); never merged
  std::string summary;
  std::string details;
  std::string published;  // RFC 3339 UTC or ""
  std::string modified;   // RFC 3339 UTC or ""
  std::string withdrawn;  // RFC 3339 UTC or "" (NVD Rejected: the lastModified time)
  std::string status;     // source status: NVD vulnStatus, CVE 5 state; may be empty
  std::vector<SeverityScore> severities;
  std::vector<std::string> cwes;  // "CWE-79"
  std::vector<Reference> references;
  std::vector<PackageAffected> affected;      // OSV, CVE 5
  std::vector<Configuration> configurations;  // NVD
  std::vector<ProductStatus> products;        // CSAF
  std::vector<Remediation> remediations;      // CSAF
  std::vector<Flag> flags;                    // CSAF VEX
  std::string advisory_id;                    // CSAF tracking id of the document
  std::string database_specific;              // OSV top-level database_specific, minified JSON
  std::optional<Kev> kev;
  std::optional<Epss> epss;
  Provenance provenance;
};

// The record as JSON (keys as in the struct; empty fields left out). This is
// what the store keeps per source and what `--format json` prints.
nlohmann::json ToJson(const Vulnerability& v);

// The stored form of a record (vuln_records.data): ToJson(v) without
// "provenance" (kept in columns), minified, keys sorted, ill-formed UTF-8
// replaced by U+FFFD. Byte for byte what
// `j = ToJson(v); j.erase("provenance"); j.dump(-1, ' ', false, replace)`
// writes, without building the tree (src/vuln/record_codec.cc).
std::string EncodeRecord(const Vulnerability& v);

// What DecodeRecord reads: every field, or what matching and its findings
// use, which leaves out `references`, `details`, `cwes`, `related`,
// `remediations` and the `database_specific` / `ecosystem_specific` JSON
// (most of an NVD record's size; a scan holds every record it reaches).
enum class RecordFields { kAll, kMatching };

// Reads a stored record back (ToJson's form; a "provenance" member is read
// when present). Not JSON, or a member of another type than ToJson writes, or
// a malformed OSV event: Corruption "stored record <id>: <pointer>: <why>".
Result<Vulnerability> DecodeRecord(std::string_view text, RecordFields fields = RecordFields::kAll);

// Fills severity.version, base_score and rating (or problem) from the vector.
void ScoreSeverity(SeverityScore& severity);

// Every decoded record goes to the callback; returning an error stops the
// decode with that error.
using RecordFn = std::function<Status(Vulnerability&&)>;

// One feed format.
class FeedImporter {
 public:
  virtual ~FeedImporter() = default;
  // Stable name, also the provenance source: "osv", "nvd", "kev", ...
  virtual std::string_view Name() const = 0;
  // A cheap sniff of the content (not the file name).
  virtual bool Identify(std::string_view bytes) const = 0;
  // Decodes every record of `bytes`. A malformed record is reported to `sink`
  // (severity error; source `source_name`, location its JSON pointer or line,
  // the message naming the record id when known) and skipped. A document that
  // cannot be read at all returns ParseError "<source_name>: <place>: <why>".
  virtual Status Decode(std::string_view bytes, const std::string& source_name,
                        const RecordFn& emit, DiagnosticSink& sink) const = 0;
};

// The built-in importers in the order Identify is tried (src/vuln/registry.cc).
const std::vector<std::unique_ptr<FeedImporter>>& BuiltinImporters();
// The first importer whose Identify accepts `bytes`, or nullptr.
const FeedImporter* FindImporter(std::string_view bytes);
// The importer named `name`, or nullptr.
const FeedImporter* ImporterByName(std::string_view name);

// --- Inputs ---

// Calls `fn(name, bytes)` for every file under `path`: a file, a folder
// (recursively, sorted), and the members of .gz, .zip, .tar and .tar.gz
// archives (recognized by their bytes, nested archives included). Names are
// "dir/file" and "archive.zip!member". A file or member that cannot be read is
// reported to `sink` and skipped; a path that does not exist is NotFound.
Status ReadInputs(Env* env, const std::string& path,
                  const std::function<Status(const std::string& name, std::string_view bytes)>& fn,
                  DiagnosticSink& sink);

// As ReadInputs, for bytes already in memory (a download) named `name`.
Status ReadInputBytes(
    const std::string& name, std::string_view bytes,
    const std::function<Status(const std::string& name, std::string_view bytes)>& fn,
    DiagnosticSink& sink);

// --- Store ---

// vuln_records.data: the record's JSON (ToJson without the provenance, which
// has columns of its own) compressed with zstd. PackRecordData gives the value
// to store; UnpackRecordData gives back the JSON text, also of rows written
// before schema 14 as plain text. A value that is neither is kCorruption.
store::Value PackRecordData(std::string_view json);
Result<std::string> UnpackRecordData(const store::Value& data);

struct ImportCounts {
  int64_t read = 0;       // records decoded
  int64_t added = 0;      // new records
  int64_t changed = 0;    // records whose source bytes changed
  int64_t unchanged = 0;  // same source bytes as stored
  int64_t withdrawn = 0;  // records that became withdrawn in this import
  int64_t errors = 0;     // records or files rejected
  std::string newest_modified;
};

struct ImportReport {
  std::map<std::string, ImportCounts> sources;  // by importer name
  int64_t files = 0;                            // files read
  int64_t file_errors = 0;  // files not read or recognized by any importer (reported)
  int64_t errors() const;
  nlohmann::json ToJson() const;
};

// Imports everything under `paths` in ONE write transaction: each record is
// stored under its identity (aliases merged), a record with the same source
// bytes hash as stored changes nothing, a changed one is updated and its
// change written to vuln_history. One feed_imports row and one audit event per
// source touched (entity "feed-import:<source>:<time>") record the batch.
// Bad files and records go to `sink` and count as errors; the rest commits.
Result<ImportReport> ImportPaths(store::Store& store, Env* env,
                                 const std::vector<std::string>& paths, const store::Author& author,
                                 DiagnosticSink& sink);

// Bytes to import (a download), named as a file would be.
struct InputBuffer {
  std::string name;
  std::string bytes;
};

// Runs in the import's transaction after the records are written (e.g. to
// record a sync cursor with the records it covers).
using AfterImportFn = std::function<Status(store::Txn&, const ImportReport&)>;

// Imports `inputs` (archives opened as ReadInputBytes does) in one
// transaction, as ImportPaths does, then runs `after` (if set) in it.
Result<ImportReport> ImportBuffers(store::Store& store, const std::vector<InputBuffer>& inputs,
                                   const store::Author& author, DiagnosticSink& sink,
                                   const AfterImportFn& after = nullptr);

// Imports already-decoded records in one transaction (as ImportPaths does).
Result<ImportReport> ImportRecords(store::Store& store, std::vector<Vulnerability> records,
                                   const store::Author& author, DiagnosticSink& sink);

struct SourceStatus {
  std::string source;
  int64_t records = 0;
  int64_t withdrawn = 0;
  std::string last_import;      // RFC 3339 UTC or ""
  std::string newest_modified;  // RFC 3339 UTC or ""
  bool stale = true;            // never imported, or last import older than the cadence
  int64_t age_seconds = -1;     // since the last import, -1 when never
};

// Per source: counts, last import, newest modified, staleness against
// `cadence` at `now`.
Result<std::vector<SourceStatus>> FeedStatus(store::Store& store, TimePoint now,
                                             std::chrono::seconds cadence);

// The identity (vulnerabilities.id) an id or alias belongs to, or NotFound.
Result<std::string> ResolveIdentity(store::Store& store, std::string_view id_or_alias);

// The stored records of an identity, one JSON object per source record
// (ToJson plus provenance), sorted by source and source id.
Result<std::vector<nlohmann::json>> RecordsOf(store::Store& store, std::string_view identity);

struct HistoryEntry {
  std::string at;
  std::string batch;  // feed-import entity
  std::string source, source_id, identity;
  std::string change;     // "new", "changed", "withdrawn", "restored", "merged"
  nlohmann::json fields;  // {field: {"before": ..., "after": ...}} for "changed"
  std::string old_sha256, new_sha256;
};

// History of an identity's records (oldest first), including the history
// written under identities merged into it.
Result<std::vector<HistoryEntry>> HistoryOf(store::Store& store, std::string_view identity);

}  // namespace soupkeeper::vuln

#endif  // SOUPKEEPER_VULN_H_
