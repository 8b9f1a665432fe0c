// Suppliers: who delivers the SOUP items of a product, and what they promised
// (IEC 81001-5-1 §4.1.5, ISO 13485 §7.4, FDA premarket guidance V.A.4).
//
// A Supplier is identified by its name (unique; SOUP items refer to it by
// name) and has a kind, a security contact, an advisory URL (a CSAF provider
// metadata URL or an advisory page) and a website. Attached to it:
//  - at most one current quality agreement: document id, date signed, valid
//    until, and a checklist of security clauses (ClauseKeys), each present,
//    absent or partial, with a value where the clause has one and the section
//    of the agreement that holds it. Recording an agreement replaces the
//    previous one (its text stays in the audit trail);
//  - for cloud providers, a shared-responsibility matrix: area (patching,
//    backup, ...) -> provider | manufacturer | shared, with a note;
//  - evaluations (append-only): date, evaluator, result, notes and the date
//    the next evaluation is due;
//  - evidence received (append-only): the supplier's product and release
//    version, kind, a reference, the date received and, when a file was
//    given, its name and SHA-256 (the file itself is not kept).
//
// Audit trail: "supplier.add" / "supplier.update" (entity "supplier:<name>"),
// "supplier.agreement" ("agreement:<name>"), "supplier.responsibility"
// ("responsibility:<name>/<area>"), "supplier.evaluate"
// ("evaluation:<name>#<n>"), "supplier.evidence" ("evidence:<name>#<n>").
// Every call validates all its input before it writes, and writes in one
// transaction: bad input stores nothing. Dates are YYYY-MM-DD; a bad enum
// value is refused with a message naming the allowed values.
//
// Example:
//   supplier::Supplier s;
//   s.name = "Acme Embedded GmbH";
//   s.kind = supplier::Kind::kCustomDeveloper;
//   SK_RETURN_IF_ERROR(supplier::Add(*store, author, s).status());
//   SK_ASSIGN_OR_RETURN(supplier::Clause c, supplier::ParseClause("right-to-audit=present@7.1"));
//   supplier::Agreement a;
//   a.document_id = "QA-17";
//   a.signed_on = "2026-01-15";
//   a.clauses = {c};
//   SK_RETURN_IF_ERROR(supplier::SetAgreement(*store, author, s.name, a).status());
//   SK_ASSIGN_OR_RETURN(supplier::Supplier got, supplier::Get(*store, s.name));
//   for (const auto& m : supplier::MissingClauses(got)) std::cout << m.ToString() << "\n";
#ifndef SOUPKEEPER_SUPPLIER_H_
#define SOUPKEEPER_SUPPLIER_H_

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/status.h"
#include "soupkeeper/store.h"

namespace soupkeeper::supplier {

enum class Kind { kOpenSourceProject, kCommercialVendor, kCustomDeveloper, kCloudProvider };
// "open-source-project", "commercial-vendor", "custom-developer", "cloud-provider".
std::string_view KindName(Kind kind);
// The inverse of KindName; kInvalidArgument naming the allowed values.
Result<Kind> ParseKind(std::string_view text);

// --- Quality agreement clauses -------------------------------------------

// The security clauses of the checklist, in this order:
//   requirements-communicated, lifecycle-activities-required,
//   vulnerability-notification-time (value: a duration),
//   patch-sla-by-severity (value: days per severity),
//   sbom-and-vex-per-release, change-notification-before-implementation,
//   disclosure-contact, end-of-support-notice-period (value: a duration),
//   right-to-audit, escrow.
const std::vector<std::string>& ClauseKeys();

// The clauses MissingClauses requires by default: all of ClauseKeys() but
// escrow (source escrow is a business decision, not a security control).
const std::vector<std::string>& DefaultRequiredClauses();

enum class ClauseState { kPresent, kAbsent, kPartial };
// "present", "absent", "partial".
std::string_view ClauseStateName(ClauseState state);
Result<ClauseState> ParseClauseState(std::string_view text);

// The patch SLA severities, in order: critical, high, medium, low.
const std::vector<std::string>& Severities();

struct Clause {
  std::string key;  // one of ClauseKeys()
  ClauseState state = ClauseState::kPresent;
  // vulnerability-notification-time and end-of-support-notice-period: a
  // duration "<N>h", "<N>d", "<N>w" or "<N>mo" (hours, days, weeks, months),
  // required when present; "" otherwise.
  std::string value;
  // patch-sla-by-severity: severity -> days. All four severities when
  // present; some when partial.
  std::map<std::string, int> patch_sla_days;
  std::string section;  // where the agreement says it, e.g. "§5.2"; may be empty
};

// Parses "KEY=STATE[:VALUE][@SECTION]" as `supplier agreement --clause`
// takes it, e.g. "vulnerability-notification-time=present:72h@4.2" or
// "patch-sla-by-severity=present:critical=7,high=30,medium=90,low=180@5".
// The result is checked as ValidateClause does.
Result<Clause> ParseClause(std::string_view text);
// kInvalidArgument for an unknown key, a value the clause does not take, a
// missing or malformed value, or an unknown severity; the message names the
// clause and the allowed values.
Status ValidateClause(const Clause& clause);
// "present 72h @4.2", "absent", "present critical=7,high=30,medium=90,low=180 @5".
std::string DescribeClause(const Clause& clause);

struct Agreement {
  std::string document_id;                 // e.g. "QA-2026-017"; not empty
  std::string signed_on;                   // YYYY-MM-DD
  std::optional<std::string> valid_until;  // YYYY-MM-DD, not before signed_on
  std::vector<Clause> clauses;             // each key at most once, kept in ClauseKeys() order
  std::string recorded_at;                 // set by the store
};

// --- Shared responsibility ---------------------------------------------------

enum class Party { kProvider, kManufacturer, kShared };
// "provider", "manufacturer", "shared".
std::string_view PartyName(Party party);
Result<Party> ParseParty(std::string_view text);

// Areas commonly covered; others are allowed when they match [a-z0-9][a-z0-9-]*.
//   patching, backup, identity, logging, encryption-at-rest, network, incident-response
const std::vector<std::string>& CommonAreas();

struct Responsibility {
  std::string area;
  Party party = Party::kShared;
  std::string note;
  std::string updated_at;  // set by the store
};

// Parses "AREA=provider|manufacturer|shared[:NOTE]".
Result<Responsibility> ParseResponsibility(std::string_view text);

// --- Evaluations and evidence --------------------------------------------------

enum class Verdict { kAcceptable, kConditional, kUnacceptable };
// "acceptable", "conditional", "unacceptable".
std::string_view VerdictName(Verdict result);
Result<Verdict> ParseVerdict(std::string_view text);

struct Evaluation {
  int64_t number = 0;  // 1, 2, ... per supplier; set by the store
  std::string date;    // YYYY-MM-DD
  std::string evaluator;
  Verdict result = Verdict::kAcceptable;
  std::string notes;
  std::string next_due;  // YYYY-MM-DD, not before date
  std::string recorded_at;
};

enum class EvidenceKind { kSbom, kVex, kSecurityNotes, kTestReport, kCertificate };
// "sbom", "vex", "security-notes", "test-report", "certificate".
std::string_view EvidenceKindName(EvidenceKind kind);
Result<EvidenceKind> ParseEvidenceKind(std::string_view text);

struct Evidence {
  int64_t number = 0;   // 1, 2, ... per supplier; set by the store
  std::string product;  // the supplier's product, e.g. "openssl"
  std::string release;  // its release version, e.g. "3.0.13"
  EvidenceKind kind = EvidenceKind::kSbom;
  std::string reference;  // document id or location
  std::string received;   // YYYY-MM-DD
  std::string file_name;  // "" when no file was given
  std::string file_sha256;
  std::string recorded_at;
};

// --- Suppliers -----------------------------------------------------------

struct Supplier {
  std::string name;  // 1..200 characters, no control characters, no outer spaces
  Kind kind = Kind::kOpenSourceProject;
  std::string security_contact;  // an email address or http(s) URL; may be empty
  std::string advisory_url;      // CSAF provider-metadata or advisory URL; may be empty
  std::string website;           // http(s) URL; may be empty
  std::string created_at;
  std::string updated_at;
  // Read back by Get and List; ignored by Add.
  std::optional<Agreement> agreement;
  std::vector<Responsibility> responsibilities;  // sorted by area
  std::vector<Evaluation> evaluations;           // by number
  std::vector<Evidence> evidence;                // by number
};

// The fields `Update` changes; unset fields keep their value ("" clears).
struct SupplierChanges {
  std::optional<Kind> kind;
  std::optional<std::string> security_contact;
  std::optional<std::string> advisory_url;
  std::optional<std::string> website;
  bool empty() const { return !kind && !security_contact && !advisory_url && !website; }
};

// "supplier:<name>".
std::string EntityOf(std::string_view name);
// kInvalidArgument for an empty, too long or badly spaced name.
Status ValidateName(std::string_view name);

// kAlreadyExists for a taken name; kInvalidArgument for a bad name, contact or URL.
Result<Supplier> Add(store::Store& store, const store::Author& author, const Supplier& supplier);
// kNotFound for an unknown name; kInvalidArgument for empty changes or bad values.
Result<Supplier> Update(store::Store& store, const store::Author& author, std::string_view name,
                        const SupplierChanges& changes);
// Records (replaces) the quality agreement. kInvalidArgument for a bad date,
// valid_until before signed_on, an empty document id, a bad or repeated clause.
Result<Supplier> SetAgreement(store::Store& store, const store::Author& author,
                              std::string_view name, const Agreement& agreement);
// Sets areas of the shared-responsibility matrix (others stay).
// kFailedPrecondition unless the supplier is a cloud provider.
Result<Supplier> SetResponsibilities(store::Store& store, const store::Author& author,
                                     std::string_view name,
                                     const std::vector<Responsibility>& areas);
// Appends an evaluation. kInvalidArgument for bad dates, next_due before
// date, or an empty evaluator.
Result<Evaluation> Evaluate(store::Store& store, const store::Author& author, std::string_view name,
                            const Evaluation& evaluation);
// Appends evidence. kInvalidArgument for an empty product, release or
// reference, a bad date, or a file_sha256 that is not 64 lower-case hex digits.
Result<Evidence> AddEvidence(store::Store& store, const store::Author& author,
                             std::string_view name, const Evidence& evidence);

// One supplier with everything attached; kNotFound for an unknown name.
Result<Supplier> Get(store::Store& store, std::string_view name);
// All suppliers, sorted by name.
Result<std::vector<Supplier>> List(store::Store& store);

// The supplier's newest evaluation by date (the later recorded one on a
// tie); null when it was never evaluated. Its next_due is when the supplier
// is due for re-evaluation.
const Evaluation* NewestEvaluation(const Supplier& supplier);

// A supplier whose re-evaluation is overdue on `as_of`: its newest
// evaluation's next_due is before as_of, or it was never evaluated.
struct DueEvaluation {
  std::string supplier;
  std::optional<std::string> next_due;  // nullopt: never evaluated
  std::optional<Verdict> last_result;
};
// Sorted by due date (never evaluated first), then name. kInvalidArgument
// for a bad as_of.
Result<std::vector<DueEvaluation>> Due(store::Store& store, std::string_view as_of);

// A required clause that the agreement does not fully contain.
struct MissingClause {
  std::string key;
  // "no quality agreement", "not recorded", "absent" or "partial".
  std::string why;
  std::string section;  // of an absent or partial clause, when recorded
  // "<key>: <why>[ (@section)]", e.g. "right-to-audit: absent (@7.1)".
  std::string ToString() const;
};

// The clauses of `required_clauses` (keys of ClauseKeys(); unknown keys are
// reported as "not recorded") that a custom-developer supplier's agreement
// lacks: not recorded, absent or only partial; every required clause when it
// has no agreement. Empty for suppliers of other kinds, for whom §4.1.5 asks
// no agreement. In the order of `required_clauses`.
std::vector<MissingClause> MissingClauses(
    const Supplier& supplier,
    const std::vector<std::string>& required_clauses = DefaultRequiredClauses());

// --- Import ------------------------------------------------------------------

// A YAML file of suppliers (docs/parts/suppliers.md "Import format"):
//   suppliers:
//     - name: Acme Embedded GmbH
//       kind: custom-developer
//       contact: psirt@acme.example
//       csaf_url: https://acme.example/.well-known/csaf/provider-metadata.json
//       website: https://acme.example
//       agreement:
//         ref: QA-2026-017
//         signed: 2026-01-15
//         valid_until: 2028-01-14
//         clauses:
//           vulnerability-notification-time: {state: present, value: 72h, section: "4.2"}
//           patch-sla-by-severity:
//             state: present
//             sla: {critical: 7, high: 30, medium: 90, low: 180}
//       responsibilities:
//         patching: {party: shared, note: provider patches the host}
// Parses and validates the whole file; errors read
// "<source>: line N: <what>". Nothing is touched in any store.
struct ImportedSupplier {
  int line = 0;  // of the list item
  Supplier supplier;
  std::optional<Agreement> agreement;
  std::vector<Responsibility> responsibilities;
};
Result<std::vector<ImportedSupplier>> ParseImport(std::string_view bytes, std::string_view source);
// ParseImport, then adds every supplier with its agreement and matrix in one
// transaction: on any error (e.g. "line 12: supplier 'X' already exists")
// nothing is stored. Returns the number of suppliers added.
Result<size_t> Import(store::Store& store, const store::Author& author, std::string_view bytes,
                      std::string_view source);

// --- JSON ----------------------------------------------------------------------

nlohmann::json ToJson(const Clause& clause);
nlohmann::json ToJson(const Agreement& agreement);
nlohmann::json ToJson(const Responsibility& responsibility);
nlohmann::json ToJson(const Evaluation& evaluation);
nlohmann::json ToJson(const Evidence& evidence);
// The supplier with "agreement" (null when none), "responsibilities",
// "evaluations" and "evidence".
nlohmann::json ToJson(const Supplier& supplier);
nlohmann::json ToJson(const DueEvaluation& due);
nlohmann::json ToJson(const MissingClause& missing);

}  // namespace soupkeeper::supplier

#endif  // SOUPKEEPER_SUPPLIER_H_
