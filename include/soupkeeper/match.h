// Matching: which components of an SBOM are affected by which vulnerabilities
// of the knowledge base, with the evidence for every answer.
//
// A Matcher is a plug-in for one kind of component identity (src/match/, one
// file each, listed in BuiltinMatchers()):
//   "ecosystem"   purl-typed components against OSV / CVE 5 affected data
//                 (purl type -> OSV ecosystem in one table, the ecosystem's
//                 version scheme, range::EvaluateOsv);
//   "distro"      deb/rpm/apk purls whose distro qualifier names a release
//                 ("Debian:12", "Alpine:v3.19"), binary and source package;
//   "cpe"         components with a CPE against NVD configurations;
//   "derived-cpe" components with neither purl nor CPE: CPE candidates from
//                 name and supplier, every finding marked low confidence;
//   "csaf"        CSAF product status by purl, CPE, or product name+version.
// Each matcher says which index keys a record is found under (RecordKeys)
// and which keys a component is looked up under (ComponentKeys), then judges
// a record against a component (Match). The knowledge base keeps the keys in
// table match_index (schema 004), refreshed from vuln_records by
// RefreshIndex.
//
// Precision rules (docs/matching.md):
//  - one Finding per (component, vulnerability identity), all the records
//    that agree as its evidence;
//  - ecosystem data wins over CPE: when an ecosystem record of the identity
//    covers the component's package, a CPE finding is dropped and kept as
//    corroboration in the evidence, whatever the ecosystem verdict;
//  - withdrawn records give no findings (the scan counts them);
//  - not-evaluable answers (GIT ranges, unparsable versions, unknown
//    schemes) are findings with status "not_evaluable", never a guess;
//  - the severity of a finding is the highest CVSS base score any source of
//    the identity published, with that source named; KEV and EPSS attach.
//
// Example:
//   SK_ASSIGN_OR_RETURN(sbom::Document doc, sbom::Decode(bytes, "sbom.json", sink));
//   SK_ASSIGN_OR_RETURN(match::ScanResult r, match::Scan(*store, doc, author, sink));
//   for (const match::Finding& f : r.findings) Print(f.component_ref, f.vulnerability);
#ifndef SOUPKEEPER_MATCH_H_
#define SOUPKEEPER_MATCH_H_

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/diagnostics.h"
#include "soupkeeper/purl.h"
#include "soupkeeper/range.h"
#include "soupkeeper/sbom.h"
#include "soupkeeper/status.h"
#include "soupkeeper/store.h"
#include "soupkeeper/vuln.h"

namespace soupkeeper::match {

enum class Confidence : uint8_t { kHigh, kMedium, kLow };
std::string_view ConfidenceName(Confidence c);  // "high", "medium", "low"

// One record's say about one component.
struct Evidence {
  std::string matcher;    // "ecosystem", "distro", "cpe", "derived-cpe", "csaf"
  std::string source;     // "osv", "cve5", "nvd", "csaf"
  std::string record_id;  // the record's source id (GHSA-..., CVE-..., ICSA-...)
  std::string verdict;    // "affected", "not_affected", "not_evaluable", "under_investigation"
  std::string reason;     // one line: which range/version/criteria decided, or why not
  // The rule that matched: {"kind": "osv-range", "ecosystem", "package",
  // "type", "events": [...]} | {"kind": "osv-versions", "version"} |
  // {"kind": "cpe-configuration", "criteria", "bounds", "operator",
  // "platforms": [...], "platform": "present"|"unknown"} | {"kind":
  // "csaf-product", "product_id", "status", "by"}.
  nlohmann::json rule;
  // The component fields the matcher used: {"purl": ..., "version": ...}.
  nlohmann::json component_fields;
};

struct Severity {
  double score = 0;
  std::string rating;  // "none".."critical"
  std::string vector;
  std::string source;  // "nvd (nvd@nist.gov)", "osv (GitHub)": record source and scorer
  std::string record_id;
};

struct Finding {
  size_t component_index = 0;  // into the scanned components
  std::string component_ref;   // bom-ref, or "" when the component has none
  std::string component_name, component_version;
  std::string purl, cpe;             // the component's identifiers as written ("" when absent)
  std::string vulnerability;         // the identity (CVE id when any source names one)
  std::vector<std::string> aliases;  // every id of the identity, sorted
  std::string status;                // "affected", "not_evaluable", "under_investigation"
  Confidence confidence = Confidence::kHigh;
  bool derived_cpe = false;  // found through a CPE derived from name/supplier
  std::string summary;
  std::optional<Severity> severity;
  std::optional<vuln::Kev> kev;
  std::optional<vuln::Epss> epss;
  std::vector<std::string> fixed_versions;  // from the deciding ranges, when they say
  std::vector<Evidence> evidence;           // the records that decided, matcher order
  std::vector<Evidence> corroboration;      // CPE findings dropped for ecosystem data
};

// The finding as JSON (what `scan --format json` prints per finding).
nlohmann::json ToJson(const Finding& f);

// A component prepared for matching: the purl parsed, CPEs read.
struct ComponentView {
  size_t index = 0;
  const sbom::Component* component = nullptr;
  std::optional<purl::Purl> purl;
  std::string cpe;                        // declared CPE (formatted string), or ""
  std::vector<std::string> derived_cpes;  // candidates when neither purl nor CPE
};

// A record as the matchers see it: the source's view and its identity.
struct Record {
  vuln::Vulnerability v;
  std::string identity;
};

// What a record says, under one index key, of the versions it can concern:
// the OSV affected entries a matcher evaluates a component's version against
// (their ranges; a `versions` list reduced to one range from its lowest to
// its highest version) and the NVD cpeMatch bounds. A scan reads a record
// for a component only when the component's version is not ruled out by the
// bounds of a key that reaches it (docs/matching.md, "Version pre-filter").
struct VersionBounds {
  std::vector<range::OsvAffected> osv;     // judged by range::EvaluateOsv
  std::vector<range::CpeMatchBounds> cpe;  // judged by range::EvaluateCpeMatch
};

// An index key of a record with its bounds; nullopt rules out no version.
struct IndexEntry {
  std::string key;
  std::optional<VersionBounds> bounds;
};

// The versions the matchers evaluate a component at, for VersionBounds.
struct VersionProbe {
  bool any = false;              // a match may not depend on the version
  std::vector<std::string> osv;  // against OSV ranges
  struct Cpe {
    std::string version, vers_type;  // a CPE candidate's version and ordering
  };
  std::vector<Cpe> cpe;  // against cpeMatch bounds
};

// What the matchers may ask about the rest of the knowledge base and the
// SBOM (platform CPEs for NVD running-on configurations).
struct MatchContext {
  std::vector<ComponentView> components;  // all components of the SBOM
};

class Matcher {
 public:
  virtual ~Matcher() = default;
  virtual std::string_view Name() const = 0;
  // Ecosystem data (wins over CPE data for the same package and identity).
  virtual bool IsEcosystem() const = 0;
  // The index keys a record is found under by this matcher, each with the
  // bounds Match evaluates a component's version against under that key.
  // Bounds must never rule out a version Match could judge other than
  // "not_affected" (nullopt when the matcher cannot say).
  virtual void RecordKeys(const vuln::Vulnerability& v, std::vector<IndexEntry>& entries) const = 0;
  // True when Match may judge `v` other than "not_affected" for a component
  // that reaches it under none of the keys RecordKeys gives for that part of
  // `v` (a CPE with wildcards, a CSAF product): no bounds of `v` hold then.
  virtual bool MatchesBeyondKeys(const vuln::Vulnerability& v) const = 0;
  // The keys a component is looked up under (nothing when the matcher does
  // not apply to it).
  virtual void ComponentKeys(const ComponentView& c, std::vector<std::string>& keys) const = 0;
  // Adds the versions Match evaluates `c` at to `probe`.
  virtual void ProbeVersions(const ComponentView& c, VersionProbe& probe) const = 0;
  // Judges `record` for `c`: appends one Evidence per affected entry,
  // configuration or product that concerns the component (verdict
  // "not_affected" included: it tells that ecosystem data covers the package).
  virtual void Match(const ComponentView& c, const Record& record, const MatchContext& ctx,
                     std::vector<Evidence>& out, std::vector<std::string>& fixed) const = 0;
};

// The built-in matchers in evaluation order (src/match/registry.cc).
const std::vector<std::unique_ptr<Matcher>>& BuiltinMatchers();

// Every index entry of a record over all matchers, sorted by key, one per
// key: the bounds of all matchers merged, none when a matcher gives none for
// the key, and none at all for a withdrawn record (a scan counts those) or
// one a matcher matches beyond its keys.
std::vector<IndexEntry> IndexEntries(const vuln::Vulnerability& v);
// The keys of IndexEntries.
std::vector<std::string> IndexKeys(const vuln::Vulnerability& v);
// The versions every matcher evaluates `c` at.
VersionProbe ProbeComponent(const ComponentView& c);
// Bounds ready to test many components: their ranges are built once (a scan
// keeps them by stored text) and judged by range::OsvEvaluator and
// range::EvaluateIn, as the matchers judge them.
class PreparedBounds {
 public:
  explicit PreparedBounds(VersionBounds bounds);
  PreparedBounds(const PreparedBounds&) = delete;
  PreparedBounds& operator=(const PreparedBounds&) = delete;
  // False when the bounds rule out every version of `probe`: then no matcher
  // judges the record other than "not_affected" for the component under the
  // key the bounds belong to.
  bool MayConcern(const VersionProbe& probe) const;

 private:
  VersionBounds bounds_;
  std::vector<range::OsvEvaluator> osv_;  // per bounds_.osv
  // Per bounds_.cpe, its range by vers type, built when first asked for.
  mutable std::vector<std::map<std::string, Result<range::VersRange>, std::less<>>> cpe_;
};
// The stored form of bounds (match_index.bounds): nullopt when a version or
// ecosystem holds a character the form separates with (store none then).
std::optional<std::string> EncodeBounds(const VersionBounds& bounds);
Result<VersionBounds> DecodeBounds(std::string_view text);
// The keys a component is looked up under (every matcher's), sorted, once
// each: a record can match it only if they share one.
std::vector<std::string> ComponentKeys(const ComponentView& c);

// The OSV ecosystem of a purl type ("pypi" -> "PyPI"), or "" (the one table,
// src/match/ecosystems.cc). Distro types (deb, rpm, apk) go through
// DistroEcosystem.
std::string_view OsvEcosystemForPurlType(std::string_view purl_type);
// The inverse of OsvEcosystemForPurlType over the same table ("PyPI" ->
// "pypi"), or "" for an ecosystem without a purl type there.
std::string_view PurlTypeForOsvEcosystem(std::string_view ecosystem);
// The OSV package name of a purl in its ecosystem (Maven "group:artifact",
// Go "namespace/name", npm "@scope/name", PyPI normalized).
std::string OsvPackageName(const purl::Purl& p);
// The OSV ecosystems (with release) of a distro purl: deb with
// distro=debian-12 or bookworm -> {"Debian:12"}; apk with distro=3.19.1 or
// alpine-3.19 -> {"Alpine:v3.19"}; ubuntu-22.04 -> {"Ubuntu:22.04:LTS",
// "Ubuntu:22.04"}; rpm almalinux-9 / rocky-9. Empty when the release is not
// known (no finding is guessed then; the scan warns).
std::vector<std::string> DistroEcosystems(const purl::Purl& p);

// The in-memory view of the part of the knowledge base a scan needs.
struct Knowledge {
  std::vector<Record> records;
  std::multimap<std::string, size_t> by_key;                // index key -> records[i]
  std::map<std::string, std::vector<size_t>> by_identity;   // identity -> records[i]
  std::map<std::string, std::vector<std::string>> aliases;  // identity -> ids
  std::map<std::string, vuln::Kev> kev;                     // CVE id
  std::map<std::string, vuln::Epss> epss;                   // CVE id
  // Adds a record under the keys IndexKeys gives.
  void Add(Record r);
  // Adds a record under `keys` (those of its index keys that lookups will ask
  // for; none for a record reached only through its identity).
  void Add(Record r, const std::vector<std::string>& keys);
};

struct ScanStats {
  int64_t components = 0;
  int64_t components_matched = 0;           // with at least one finding
  int64_t components_without_identity = 0;  // neither purl, CPE nor a derived CPE
  int64_t records_considered = 0;
  int64_t withdrawn_skipped = 0;  // withdrawn records found under a key
  int64_t not_evaluable = 0;      // findings with status not_evaluable
  int64_t cpe_dropped_for_ecosystem = 0;
  // Every count is a sum over components: stats of disjoint component sets add.
  ScanStats& operator+=(const ScanStats& o) {
    components += o.components;
    components_matched += o.components_matched;
    components_without_identity += o.components_without_identity;
    records_considered += o.records_considered;
    withdrawn_skipped += o.withdrawn_skipped;
    not_evaluable += o.not_evaluable;
    cpe_dropped_for_ecosystem += o.cpe_dropped_for_ecosystem;
    return *this;
  }
};

struct ScanResult {
  std::vector<Finding> findings;  // by component index, then identity
  ScanStats stats;
};

// Prepares the components of a document (the subject excluded). Problems
// (an unparsable purl or CPE) go to `sink` as warnings naming the component's
// place; the component is still matched by its other identifiers.
std::vector<ComponentView> PrepareComponents(const sbom::Document& doc, DiagnosticSink& sink);

// Matches prepared components against `kb`. Pure: no store. `context` is the
// whole SBOM, whose CPEs NVD running-on configurations look for (default:
// `components` themselves).
ScanResult MatchComponents(const std::vector<ComponentView>& components, const Knowledge& kb,
                           const std::vector<ComponentView>* context = nullptr);

// Matches `components` against the knowledge base in the store; the index
// must be fresh (RefreshIndex). A chunk of components at a time: what the
// chunk needs (the records under its keys, every record of those identities,
// aliases, KEV, EPSS) is read in one read transaction, matched and dropped,
// so memory follows the chunk, not the SBOM. Findings by component index.
Result<ScanResult> MatchInStore(store::Store& store, const std::vector<ComponentView>& components);

struct IndexReport {
  int64_t reindexed = 0;  // records re-indexed in this refresh
  int64_t keys = 0;       // index rows written in this refresh
  bool was_stale = false;
  std::string mark;  // newest vuln_records.updated_at indexed
};

// True when vuln_records holds records the index has not seen.
Result<bool> IndexIsStale(store::Store& store);
// Brings match_index up to date with vuln_records in one audited write
// transaction (action "match.index", entity "match-index"): the records
// whose updated_at is at or after the mark are re-indexed. Does nothing (no
// transaction, no event) when the index is fresh. Call it after an import;
// Scan calls it itself when the index is stale.
Result<IndexReport> RefreshIndex(store::Store& store, const store::Author& author);

// The whole stateless scan: refreshes a stale index (audited as `author`),
// prepares the components, loads the knowledge and matches.
Result<ScanResult> Scan(store::Store& store, const sbom::Document& doc, const store::Author& author,
                        DiagnosticSink& sink);

// --- Continuous re-evaluation ---

// A finding whose vulnerability's records changed.
struct Delta {
  // "new", "withdrawn", or "kept" (found before and after; `finding` is the
  // new evaluation, which may or may not differ from the previous one)
  std::string change;
  std::string at;  // the vuln_history time of the change that caused it
  Finding finding;
};

// The record changes and the records of the changed identities a
// re-evaluation read, kept for the next one of the same pass
// (findings::EvaluateAll re-evaluates every release after a feed import, and
// the releases mostly share the same changes). The history is used again for
// a mark at or after the one it was read from while vuln_history has no newer
// entry; the records only for the same changed identities up to the same
// newest entry, so records changed in between are read afresh.
struct ChangedKnowledge {
  struct Change {
    std::string at;        // vuln_history.at
    std::string identity;  // the record's identity now
  };
  std::optional<std::string> history_since;  // the mark `history` was read from, once read
  std::vector<Change> history;
  // The last answer of ChangedSince and its mark, valid while `history` is.
  std::optional<std::string> changed_since;
  std::map<std::string, std::string> changed;
  std::optional<int64_t> index_fresh_at;  // the newest history entry the index was refreshed at
  std::set<std::string> identities;       // those whose records `kb` holds
  int64_t newest_history_id = 0;
  Knowledge kb;
};

// The identities whose records changed since `since` (vuln_history.at >=
// since), each with the time of its newest change, after bringing a stale
// index up to date (audited as `author`; not looked at again while
// vuln_history has no newer entry); `cache` is left holding the
// history and the records of those identities (kb: every index key of
// them), read only when it does not hold them already. The answer is
// `cache.changed`, worked out again only for another mark or history.
Result<const std::map<std::string, std::string>*> ChangedSince(store::Store& store,
                                                               const store::Author& author,
                                                               std::string_view since,
                                                               ChangedKnowledge& cache);

// The match keys of stored releases' components (table release_match_keys,
// schema 016), so that a pass over the portfolio goes from the changed
// records to the components they concern without decoding every SBOM.
// StoreReleaseKeys writes the keys of `components` (ComponentKeys, by
// component index) in the caller's write transaction; ReleaseKeysStored tells
// whether a release's keys are stored (a release evaluated before schema 016
// has none until its next evaluation stores them).
Status StoreReleaseKeys(store::Txn& txn, std::string_view product, std::string_view version,
                        const std::vector<ComponentView>& components);
Result<bool> ReleaseKeysStored(store::Txn& txn, std::string_view product, std::string_view version);
// (product, version) -> indexes of the components carrying a key.
using ReleaseKeyHits = std::map<std::pair<std::string, std::string>, std::set<size_t>>;
// The stored releases' components whose keys any record of `kb` is indexed
// under (kb.by_key).
Result<ReleaseKeyHits> ReleasesReached(store::Store& store, const Knowledge& kb);

// Re-matches only the (package, version) pairs of `components` that the
// records changed since `since` (vuln_history.at >= since) concern: the
// findings before (from `previous`) and after are compared per (component,
// identity) and returned (new, withdrawn, kept) with the time of the newest
// history entry of the identity. `previous` is the finding list kept from
// the last evaluation of the same components; only its component_index and
// vulnerability are read. Only the changed identities' records are read (a
// finding of an identity depends on that identity's records alone), from
// `cache` when it holds them; `cache` (may be null) is left holding them.
// `key_hits`, when given, are the indexes of the components whose keys
// (ComponentKeys) reach a changed record, as the caller stored them; else
// they are worked out from `components`.
Result<std::vector<Delta>> Reevaluate(store::Store& store, const store::Author& author,
                                      const std::vector<ComponentView>& components,
                                      const std::vector<Finding>& previous, std::string_view since,
                                      ChangedKnowledge* cache = nullptr,
                                      const std::set<size_t>* key_hits = nullptr);

// --- Reports ---

// A triage analysis of one finding in the CycloneDX 1.6 vocabulary (state,
// justification, responses, detail), with `properties` (name, value) that
// only CycloneDX carries. The VEX writers map it to OpenVEX and CSAF
// (docs/parts/vex.md).
struct Analysis {
  std::string state = "in_triage";
  std::string justification;
  std::vector<std::string> responses;
  std::string detail;
  std::vector<std::pair<std::string, std::string>> properties;
};

// What a scan report is about.
struct ReportInput {
  const sbom::Document* doc = nullptr;
  std::string sbom_name;  // the SBOM file as given (SARIF artifact, messages)
  const ScanResult* result = nullptr;
  std::string generated_at;  // RFC 3339 UTC
  std::string tool_version;  // soupkeeper's version
  // One analysis per finding of `result` (same order), or null: every
  // finding in_triage, as `scan` reports them. With analyses the VEX
  // writers report each finding's state; CycloneDX groups the findings of a
  // vulnerability that share an analysis.
  const std::vector<Analysis>* analyses = nullptr;
  // What made the report: "scan" or "vex export"; names the OpenVEX author
  // and CSAF publisher ("soupkeeper <kind>") and the CSAF tracking id.
  std::string kind = "scan";
};

// The OpenVEX status of a CycloneDX analysis state ("under_investigation",
// "affected", "fixed", "not_affected") and the OpenVEX / CSAF justification
// label of a CycloneDX justification ("" when it has none).
std::string OpenVexStatus(std::string_view state);
std::string OpenVexJustification(const Analysis& analysis);

// The output formats of `soupkeeper scan`, in this order: "table", "json",
// "sarif" (SARIF 2.1.0), "cyclonedx-vex" (CycloneDX 1.6 VEX, affects as
// BOM-Links urn:cdx:<serial>/<version>#<bom-ref>), "openvex" (OpenVEX
// 0.2.0), "csaf" (CSAF 2.0, VEX profile).
const std::vector<std::string_view>& ReportFormats();

// Renders the findings in `format`. Identifiers (document ids, serial
// numbers) derive from the SBOM and the findings, so the same input gives
// the same bytes. kInvalidArgument for an unknown format.
Result<std::string> RenderReport(std::string_view format, const ReportInput& in);

// The rank of a --fail-on threshold: "low" 1, "medium" 2, "high" 3,
// "critical" 4, "kev" (any affected finding in KEV); kInvalidArgument else.
// FailOnReached: true when an affected finding reaches it (a finding without
// a CVSS score reaches none of the score thresholds).
Result<bool> FailOnReached(std::string_view threshold, const ScanResult& result);

}  // namespace soupkeeper::match

#endif  // SOUPKEEPER_MATCH_H_
