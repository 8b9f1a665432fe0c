// Releases: the configuration baselines of a product (IEC 81001-5-1 §8).
//
// A Release is product + version with a status that only moves forward
// (draft -> released -> end-of-support -> retired), the source revision,
// build id, release date, the previous release, and exactly one SBOM
// snapshot. A SbomSnapshot is content-addressed: its key is the SHA-256 of
// the original SBOM bytes, which are kept exactly as given (two releases with
// the same bytes share one snapshot), with the format, spec version and the
// normalized components and dependency edges in tables.
//
// Immutability: once a release leaves draft its baseline (everything but its
// status) cannot change, and snapshots never change; this library refuses
// such changes with kFailedPrecondition, and triggers in the database refuse
// them too (schema/<dialect>/002_releases.sql). Corrections go into a new
// release or an erratum, which does not change the baseline.
//
// Audit trail: "release.add" (entity "release:<product>@<version>"),
// "sbom.store" (entity "sbom:<sha256>", once per distinct document),
// "release.freeze", "release.end-of-support", "release.retire" and
// "release.erratum" (entity "erratum:<product>@<version>#<n>"). Component
// rows and the bytes are not audited row by row: the audited snapshot row
// holds the SHA-256 of the bytes and of the normalized components
// (ComponentsDigest), which CheckSnapshots recomputes.
//
// Example:
//   release::NewRelease r{.product = "infusion-pump-controller", .version = "2.3.0"};
//   r.sbom_bytes = bytes;  r.sbom_source = "pump.cdx.json";
//   SK_ASSIGN_OR_RETURN(release::Release added, release::Add(*store, author, r, sink));
//   SK_RETURN_IF_ERROR(release::Freeze(*store, author, r.product, r.version).status());
//   SK_ASSIGN_OR_RETURN(std::string original, release::OriginalSbom(*store, r.product, r.version));
#ifndef SOUPKEEPER_RELEASE_H_
#define SOUPKEEPER_RELEASE_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/diagnostics.h"
#include "soupkeeper/sbom.h"
#include "soupkeeper/status.h"
#include "soupkeeper/store.h"

namespace soupkeeper::release {

enum class ReleaseStatus { kDraft, kReleased, kEndOfSupport, kRetired };

// "draft", "released", "end-of-support", "retired".
std::string_view StatusName(ReleaseStatus status);
// The inverse of StatusName; kCorruption for another text (a row edited by hand).
Result<ReleaseStatus> ParseStatus(std::string_view name);

// One normalized component of a snapshot. Texts are as the SBOM wrote them
// ("" when absent).
struct SnapshotComponent {
  int64_t ordinal = 0;  // position in the document's flattened component list
  std::string ref;      // bom-ref / SPDXID
  std::string type;
  std::string group;
  std::string name;
  std::string version;
  std::string purl;
  std::string cpe;
  std::string supplier;  // the supplier organization's name
  std::string scope;     // "required", "optional", "excluded" or ""
  std::vector<std::pair<std::string, std::string>> hashes;  // (alg, value) as written
  // (kind, value): kind "id", "name" or "expression".
  std::vector<std::pair<std::string, std::string>> licenses;
};

// `from` depends on `to` (bom-refs).
struct DependencyEdge {
  std::string from;
  std::string to;
  bool operator<(const DependencyEdge& o) const {
    return from != o.from ? from < o.from : to < o.to;
  }
  bool operator==(const DependencyEdge& o) const = default;
};

struct SbomSnapshot {
  std::string sha256;        // of the original bytes, lower-case hex
  std::string format;        // sbom::FormatName, e.g. "CycloneDX JSON"
  std::string spec_version;  // e.g. "1.6"
  int64_t size_bytes = 0;
  std::string components_sha256;  // ComponentsDigest(components, dependencies)
  std::string stored_at;          // RFC 3339 UTC
  std::vector<SnapshotComponent> components;
  std::vector<DependencyEdge> dependencies;  // sorted
};

struct Release {
  std::string product;
  std::string version;
  ReleaseStatus status = ReleaseStatus::kDraft;
  std::string source_revision;                  // commit or tag, "" when not given
  std::string build_id;                         // "" when not given
  std::optional<std::string> release_date;      // YYYY-MM-DD
  std::optional<std::string> previous_version;  // of the same product
  std::string sbom_sha256;
  std::string components_sha256;
  std::string created_at;
  std::optional<std::string> frozen_at;  // when it left draft
  std::string status_changed_at;
};

struct Erratum {
  std::string product;
  std::string version;
  int64_t number = 0;  // 1, 2, ... per release
  std::string note;
  std::string created_at;
};

// What `Add` needs.
struct NewRelease {
  std::string product;
  std::string version;
  std::string sbom_bytes;   // the SBOM document, exactly as it will be kept
  std::string sbom_source;  // names the document in messages, e.g. the file path
  std::string source_revision;
  std::string build_id;
  std::optional<std::string> release_date;
  std::optional<std::string> previous_version;
};

// "release:<product>@<version>".
std::string EntityOf(std::string_view product, std::string_view version);

// kInvalidArgument unless `version` is 1 to 128 characters of
// [A-Za-z0-9._+~:-], starting with a letter or digit.
Status ValidateVersion(std::string_view version);

// The normalized components and sorted, de-duplicated dependency edges of a
// decoded document (the metadata subject is not a component).
std::vector<SnapshotComponent> ComponentsOf(const sbom::Document& doc);
std::vector<DependencyEdge> DependenciesOf(const sbom::Document& doc);

// Lower-case hex SHA-256 of the canonical JSON
//   {"components":[{"cpe":..,"group":..,"hashes":[[alg,value]..],"licenses":[[kind,value]..],
//     "name":..,"ordinal":N,"purl":..,"ref":..,"scope":..,"supplier":..,"type":..,
//     "version":..}..], "dependencies":[[from,to]..]}
// (store::CanonicalJson). Stored with the snapshot and its releases.
std::string ComponentsDigest(const std::vector<SnapshotComponent>& components,
                             const std::vector<DependencyEdge>& dependencies);

// Adds a draft release: decodes and validates the SBOM (sbom::Decode; its
// errors, naming `sbom_source` and the place, are returned unchanged and
// nothing is written), stores the snapshot unless the same bytes are already
// stored, and the release, in one transaction. kNotFound for an unknown
// product or previous version; kAlreadyExists for a duplicate version;
// kInvalidArgument for a bad version, date, or bytes that are not UTF-8.
Result<Release> Add(store::Store& store, const store::Author& author, const NewRelease& release,
                    DiagnosticSink& sink);

// Called by Freeze inside its transaction before the release leaves draft;
// a failing Status stops the freeze. This is where the SOUP inventory gate
// (every component assessed and approved) plugs in.
using FreezeGate = std::function<Status(store::Txn& txn, const Release& release)>;

// draft -> released. kFailedPrecondition unless the release is a draft, or
// when `gate` fails (its Status is returned).
Result<Release> Freeze(store::Store& store, const store::Author& author, std::string_view product,
                       std::string_view version, const FreezeGate& gate = nullptr);
// released -> end-of-support, or released / end-of-support -> retired.
// kFailedPrecondition for any other move (a draft is never retired: it was
// never fielded).
Result<Release> Advance(store::Store& store, const store::Author& author, std::string_view product,
                        std::string_view version, ReleaseStatus to);

// Records a correction of a released (or later) release; the baseline stays
// as it is. kFailedPrecondition for a draft (change the draft instead: add a
// new version), kInvalidArgument for an empty note.
Result<Erratum> AddErratum(store::Store& store, const store::Author& author,
                           std::string_view product, std::string_view version,
                           std::string_view note);

// One release; kNotFound when the product or the version is unknown.
Result<Release> Get(store::Store& store, std::string_view product, std::string_view version);
// The releases of `product` (all products when empty), sorted by product,
// then by creation time and version. kNotFound for an unknown product.
Result<std::vector<Release>> List(store::Store& store, std::string_view product = {});
// The errata of one release, by number.
Result<std::vector<Erratum>> Errata(store::Store& store, std::string_view product,
                                    std::string_view version);
// The snapshot with its components; kNotFound when not stored.
Result<SbomSnapshot> Snapshot(store::Store& store, std::string_view sha256);

// The exact original SBOM bytes of a release, checked against their SHA-256:
// kCorruption ("stored SBOM of <p> <v> does not match its SHA-256 ...") when
// they do not match.
Result<std::string> OriginalSbom(store::Store& store, std::string_view product,
                                 std::string_view version);

// Recomputes every stored snapshot (or the one named by `sha256`): the
// SHA-256 and size of its bytes, its components digest from the component
// and edge rows, and each referring release's copy of both. Problems of kind
// "sbom_bytes", "sbom_components" or "release_sbom"; empty when all hold.
Result<std::vector<store::Problem>> CheckSnapshots(store::Store& store,
                                                   std::string_view sha256 = {});

nlohmann::json ToJson(const Release& release);
nlohmann::json ToJson(const Erratum& erratum);
nlohmann::json ToJson(const SnapshotComponent& component);

// --- Component diff -------------------------------------------------------
//
// Compares two component lists (of two releases, or a baseline and a freshly
// generated SBOM), so it serves `release diff`, `release verify` and later a
// document-level `sbom diff`. Components are matched by identity: the purl
// without version (purl::WithoutVersion: canonical type/namespace/name, as the
// SOUP inventory keys items), else "name:NAME" or "name:GROUP/NAME" for a
// component without a parsable purl. Within one identity, equal versions pair first;
// the rest pair in version order (ascending), and what is left over is added
// or removed. Versions are ordered by the purl type's scheme
// (version::SchemeForPurlType, else the generic scheme); a pair neither scheme
// can order is "changed".

struct VersionChange {
  std::string identity;
  std::string direction;  // "upgraded", "downgraded" or "changed"
  SnapshotComponent before;
  SnapshotComponent after;
};

// A change of one attribute of a matched pair: "supplier", "licenses",
// "hashes" (hashes only between equal versions), "cpe", "scope", and what a
// PairAttributes adds ("category" in inventory::DiffReleases).
struct AttributeChange {
  std::string identity;
  std::string version;  // the version after
  std::string attribute;
  std::string before;  // text; licenses and hashes as sorted, comma-separated lists
  std::string after;
};

struct ComponentDiff {
  std::vector<SnapshotComponent> added;
  std::vector<SnapshotComponent> removed;
  std::vector<VersionChange> versions;
  std::vector<AttributeChange> attributes;
  size_t unchanged = 0;  // pairs without any difference
  bool identical() const {
    return added.empty() && removed.empty() && versions.empty() && attributes.empty();
  }
};

// The identity used to match components (see above).
std::string IdentityOf(const SnapshotComponent& component);

// More attributes of a matched pair, kept outside the SBOM (the inventory's
// category, see inventory::DiffReleases): (attribute, before, after) triples;
// a triple with equal values is no change.
struct ExtraAttribute {
  std::string attribute;
  std::string before;
  std::string after;
};
using PairAttributes = std::function<std::vector<ExtraAttribute>(const SnapshotComponent& before,
                                                                 const SnapshotComponent& after)>;

ComponentDiff DiffComponents(const std::vector<SnapshotComponent>& before,
                             const std::vector<SnapshotComponent>& after,
                             const PairAttributes& extra = {});

// {"added":[component..],"removed":[..],"upgraded":[{identity,before,after}..],
//  "downgraded":[..],"changed":[..],"attributes":[{identity,version,attribute,before,after}..],
//  "summary":{"added":N,"removed":N,"upgraded":N,"downgraded":N,"changed":N,
//             "attributes":N,"unchanged":N}}
nlohmann::json ToJson(const ComponentDiff& diff);

// The differences for people, one line each: added, removed, version changes,
// then attribute changes, e.g.
//   "upgraded    pkg:generic/openssl 1.0.1f -> 3.0.13"
//   "licenses    pkg:generic/openssl 3.0.13: OpenSSL -> Apache-2.0"
// ("-" stands for an empty value).
std::vector<std::string> DiffLines(const ComponentDiff& diff);
// "1 added, 1 removed, 2 upgraded, 0 downgraded, 0 other version changes,
//  1 attribute changes, 6 unchanged"
std::string DiffSummary(const ComponentDiff& diff);

}  // namespace soupkeeper::release

#endif  // SOUPKEEPER_RELEASE_H_
