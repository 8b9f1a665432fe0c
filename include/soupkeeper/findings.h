// Findings per release: which vulnerabilities affect which component of which
// stored release, since when, and until when (IEC 81001-5-1 §6.2.1, §8).
//
// A StoredFinding is release × component × vulnerability identity, with the
// match evidence of the evaluation that last saw it (match::ToJson of the
// finding), first seen, last seen and withdrawn times. Findings are kept, never
// deleted: a finding that no longer matches (the advisory was withdrawn, its
// range now excludes the version) is marked withdrawn, and comes back
// ("restored") if a later evaluation finds it again.
//
// Evaluation:
//  - the first evaluation of a release matches all its components (full);
//  - later ones re-match only the components that the knowledge-base records
//    changed since the previous evaluation concern (match::Reevaluate), and
//    refresh the KEV data of the open findings (incremental). `full` forces a
//    complete match.
// Every evaluation is one audited write transaction (action
// "findings.evaluate", entity "findings:<product>@<version>", table
// finding_evaluations): the evaluation row holds the time, the counts, and the
// SHA-256 of the release's finding rows (FindingsDigest), which CheckFindings
// recomputes, so a finding row changed behind the trail's back is detected by
// `log verify`. Each change of a finding is also kept in finding_changes
// (new, changed, withdrawn, restored, kev) with the evaluation's event seq.
//
// Monitored releases: every release that is not retired (draft, released and
// end-of-support releases are still built or fielded).
//
// Example:
//   SK_ASSIGN_OR_RETURN(findings::Evaluation e,
//                       findings::Evaluate(*store, author, "pump", "2.3.0", {}));
//   SK_ASSIGN_OR_RETURN(auto open, findings::List(*store, {.product = "pump"}));
#ifndef SOUPKEEPER_FINDINGS_H_
#define SOUPKEEPER_FINDINGS_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/diagnostics.h"
#include "soupkeeper/match.h"
#include "soupkeeper/status.h"
#include "soupkeeper/store.h"

namespace soupkeeper::findings {

struct StoredFinding {
  int64_t id = 0;  // stable, what triage and `findings show` refer to
  std::string product;
  std::string release;  // the release version
  int64_t component_ordinal = 0;
  std::string component_ref, component_name, component_version, purl, cpe;
  std::string vulnerability;  // the identity (a CVE id when any source names one)
  std::string status;         // "affected", "not_evaluable", "under_investigation"
  std::string confidence;     // "high", "medium", "low"
  std::optional<double> score;
  std::string rating;  // "none".."critical", "" without a score
  bool kev = false;
  nlohmann::json detail;  // match::ToJson(finding) of the evaluation that last saw it
  // last_seen: of an open finding, its release's last evaluation; of a
  // withdrawn one, the last evaluation that saw it. The stored column of an
  // open finding keeps the time its row was last written (digested).
  std::string first_seen, last_seen;
  std::optional<std::string> withdrawn_at;
  bool open() const { return !withdrawn_at.has_value(); }
};

// One change of a finding made by an evaluation.
struct Change {
  int64_t finding_id = 0;
  std::string change;  // "new", "changed", "withdrawn", "restored", "kev"
  std::string at;      // the evaluation time
  // The import time of the record change that caused it (incremental
  // evaluations), else "".
  std::string cause_at;
  std::string vulnerability;
  std::string component;  // "name@version"
};

struct Evaluation {
  std::string product, release;
  std::string mode;  // "full", "incremental", or "unchanged" (nothing to do)
  std::string at;
  int64_t open = 0, withdrawn = 0;  // finding counts after the evaluation
  std::vector<Change> changes;
  int64_t count(std::string_view change) const;
};

struct EvaluateOptions {
  bool full = false;  // match every component, not only those changed records concern
};

// Evaluates one release (see above). kNotFound for an unknown release;
// kCorruption when its stored SBOM no longer matches its hash. Decoder
// warnings of the stored SBOM go to `sink` when given.
Result<Evaluation> Evaluate(store::Store& store, const store::Author& author,
                            std::string_view product, std::string_view version,
                            const EvaluateOptions& options, DiagnosticSink* sink = nullptr);

// Evaluates every monitored release of `product` (all products when empty),
// in product and creation order. A release whose evaluation mark is newer
// than every knowledge-base change gives mode "unchanged" and writes nothing.
Result<std::vector<Evaluation>> EvaluateAll(store::Store& store, const store::Author& author,
                                            std::string_view product,
                                            const EvaluateOptions& options);

struct Filter {
  std::string product{};        // "" for all
  std::string release{};        // "" for all (needs product)
  std::string status = "open";  // "open", "withdrawn" or "all"
  std::string min_rating{};     // "", "low", "medium", "high", "critical"
  bool kev_only = false;
  std::string since{};          // only findings first seen (or restored) at or after this time
  std::string vulnerability{};  // only findings of this identity; "" for all
};

// The findings matching `filter`, by product, release, component ordinal and
// vulnerability. kInvalidArgument for a bad status or rating (naming the
// allowed values), kNotFound for an unknown product or release.
Result<std::vector<StoredFinding>> List(store::Store& store, const Filter& filter);

// One finding; kNotFound when there is none with that id.
Result<StoredFinding> Get(store::Store& store, int64_t id);

// The changes of one finding, oldest first.
Result<std::vector<Change>> History(store::Store& store, int64_t id);

// Lower-case hex SHA-256 of the canonical JSON array of the findings (by id):
// [[id, ordinal, vulnerability, status, confidence, score|null, rating, kev,
//   detail, first_seen, last_seen, withdrawn_at|null], ...]. An evaluation
// records it over the release's rows as stored (last_seen as the column
// holds it), which CheckFindings recomputes.
std::string FindingsDigest(const std::vector<StoredFinding>& findings);

// Recomputes the digest of every evaluated release's finding rows and
// compares it with the one its audited evaluation row records. Problems of
// kind "findings_changed"; empty when all hold.
Result<std::vector<store::Problem>> CheckFindings(store::Store& store);

// The vulnerabilities of two releases of a product compared (for `release
// diff` and release notes): by vulnerability identity, over open findings.
struct VulnerabilityChange {
  std::string vulnerability;
  std::string rating;               // the highest rating on either side, "" unscored
  bool kev = false;                 // in KEV on either side
  std::vector<std::string> before;  // components "name@version" affected before
  std::vector<std::string> after;   // ... and after
};
struct VulnerabilityDiff {
  std::vector<VulnerabilityChange> fixed;                  // open before, none after
  std::vector<VulnerabilityChange> newly;                  // none before, open after
  std::vector<VulnerabilityChange> remaining;              // open on both sides
  bool evaluated_before = false, evaluated_after = false;  // have findings been evaluated
};
// kNotFound for an unknown release.
Result<VulnerabilityDiff> Compare(store::Store& store, std::string_view product,
                                  std::string_view before, std::string_view after);
nlohmann::json ToJson(const VulnerabilityDiff& diff);
// One line each: "fixed       CVE-2014-0160 (high, KEV) openssl@1.0.1f", then
// "new         ...", then the summary "2 fixed, 1 new, 3 remaining".
std::vector<std::string> DiffLines(const VulnerabilityDiff& diff);

nlohmann::json ToJson(const StoredFinding& finding);
nlohmann::json ToJson(const Change& change);
nlohmann::json ToJson(const Evaluation& evaluation);

// "pump 2.3.0: 2 new, 1 withdrawn, 0 changed, 0 restored, 0 newly in KEV (incremental);
//  6 open, 1 withdrawn", or "pump 2.3.0: no knowledge-base change since T; 6 open, 0 withdrawn"
std::string Summary(const Evaluation& evaluation);

}  // namespace soupkeeper::findings

#endif  // SOUPKEEPER_FINDINGS_H_
