// The SOUP inventory (IEC 81001-5-1 4.3, 5.2.3 with ISH1:2025; IEC 62304
// SOUP; FDA premarket V.A.4): one Item per package, one Version per version
// of it, pre-adoption Assessments and SecurityRisks.
//
// Identity: an item is keyed by the canonical purl without version,
// qualifiers and subpath (purl::WithoutVersion, "pkg:deb/debian/curl"), the
// same identity release diffs use. A component without a parsable purl is
// keyed "name:[GROUP/]NAME", followed by " supplier:SUPPLIER" when the SBOM
// names a supplier (two suppliers' "libfoo" are two items).
//
// Categories nest as ISH1 says: maintained ⊂ supported ⊂ required (every
// maintained item is also supported, every supported item also required). A
// clause that names a category therefore also covers the categories nested
// in it: 5.2.3 (named for required) binds all three, 6.3.1 (supported) binds
// supported and maintained, 6.3.2/6.3.3 (maintained) bind maintained only.
// One category is stored per item; Satisfies(category, duty) answers
// whether its items owe a duty. Internal terms map to the three through the
// category map. A downgrade (maintained -> supported or required,
// supported -> required) opens a re-evaluation record, closed by the next
// assessment of the item.
//
// Promises: every change is one audited transaction (actions "soup.add",
// "soup.update", "soup-version.add", "soup-version.update",
// "soup.category", "soup.reevaluation.open", "soup.reevaluation.close",
// "soup.category-map.add", "soup.assess", "soup.risk.add"; entities
// "soup:<key>", "soup:<key>@<version>", "soup-category:<key>#<n>",
// "soup-reevaluation:<key>#<n>", "soup-category-map:<term>",
// "soup-assessment:<key>#<n>", "soup-risk:<key>#<n>"). History, assessments
// and risks are append-only (triggers). Bad input writes nothing.
//
// Example:
//   SK_ASSIGN_OR_RETURN(inventory::SyncReport r,
//                       inventory::FromRelease(*store, author, "pump", "2.3.0", sink));
//   inventory::ItemChanges c;  c.category = "required";
//   SK_RETURN_IF_ERROR(inventory::Update(*store, {"alice", "EOS"}, "pkg:generic/zlib",
//   c).status());
#ifndef SOUPKEEPER_INVENTORY_H_
#define SOUPKEEPER_INVENTORY_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "soupkeeper/diagnostics.h"
#include "soupkeeper/release.h"
#include "soupkeeper/sbom.h"
#include "soupkeeper/status.h"
#include "soupkeeper/store.h"

namespace soupkeeper::inventory {

// --- Categories -------------------------------------------------------------

enum class Category { kMaintained, kSupported, kRequired };

// "maintained", "supported", "required".
std::string_view CategoryName(Category c);
// The inverse of CategoryName (exact), else kInvalidArgument.
Result<Category> ParseCategory(std::string_view name);
// True for maintained -> supported/required and supported -> required.
bool IsDowngrade(Category from, Category to);

// The clauses of ISH1 Table 1 that depend on the category.
enum class Duty {
  kClassification,       // 4.3
  kSecurityRisk,         // 5.2.3
  kUpdateDocumentation,  // 6.3.1
  kUpdateDelivery,       // 6.3.2
  kUpdateIntegrity,      // 6.3.3
};
// Whether items of `category` owe `duty` (Table 1 with the nesting).
bool Satisfies(Category category, Duty duty);

// "device", "app", "cloud", "update-server".
bool IsPlace(std::string_view place);

// --- Items and versions -----------------------------------------------------

struct Item {
  std::string key;                   // the identity (see above)
  std::string name;                  // for people: "[GROUP/]NAME" of the first component seen
  std::string purl;                  // the purl without version, "" when none
  std::optional<Category> category;  // unset until classified
  std::string category_term;         // as given (an internal term or the canonical name)
  std::string supplier;              // supplier name (suppliers are kept elsewhere)
  bool custom_developed = false;
  bool security_impact = false;
  std::string purpose;
  std::vector<std::string> runs_on;  // sorted places
  std::string created_at;
  std::string updated_at;
};

// "actively-maintained", "no-longer-maintained", "abandoned", "unknown".
bool IsSupportLevel(std::string_view level);

struct Version {
  std::string item_key;
  std::string version;
  std::string support_level;                       // "" when not known yet
  std::string support_justification;               // required for "unknown"
  std::optional<std::string> end_of_support;       // YYYY-MM-DD
  std::string end_of_support_justification;        // when there is no date
  std::string support_source;                      // where the support information came from
  std::optional<std::string> support_date;         // when it was obtained, YYYY-MM-DD
  std::optional<std::string> anomaly_review_date;  // 62304 7.1.2: anomaly list reviewed
  std::string anomaly_reviewer;
  std::string created_at;
  std::string updated_at;
};

// The fields Update changes; unset ones keep their value.
struct ItemChanges {
  std::optional<std::string> category;  // canonical name or a mapped internal term
  std::optional<std::string> supplier;
  std::optional<bool> custom_developed;
  std::optional<bool> security_impact;
  std::optional<std::string> purpose;
  std::optional<std::vector<std::string>> runs_on;  // replaces the list
  bool empty() const {
    return !category && !supplier && !custom_developed && !security_impact && !purpose && !runs_on;
  }
};

struct VersionChanges {
  std::optional<std::string> support_level;
  std::optional<std::string> support_justification;
  std::optional<std::string> end_of_support;  // "" clears
  std::optional<std::string> end_of_support_justification;
  std::optional<std::string> support_source;
  std::optional<std::string> support_date;
  std::optional<std::string> anomaly_review_date;
  std::optional<std::string> anomaly_reviewer;
  bool empty() const {
    return !support_level && !support_justification && !end_of_support &&
           !end_of_support_justification && !support_source && !support_date &&
           !anomaly_review_date && !anomaly_reviewer;
  }
};

struct CategoryChange {
  int64_t number = 0;
  std::optional<Category> from;
  Category to = Category::kMaintained;
  std::string term;
  std::string reason;
  std::string changed_at;
};

struct Reevaluation {
  std::string item_key;
  int64_t number = 0;
  Category from = Category::kMaintained;
  Category to = Category::kRequired;
  std::string opened_at;
  std::optional<std::string> closed_at;
  std::string closed_by;  // "soup-assessment:<key>#<n>", "" while open
};

// The key of a normalized SBOM component (see Identity above).
std::string KeyOf(const release::SnapshotComponent& component);

// Adds an item with no versions (for lists kept by hand). kAlreadyExists
// for a known key; kInvalidArgument for an empty key or name, a bad place.
Result<Item> Add(store::Store& store, const store::Author& author, const Item& item);

// Changes an item. A category change is recorded in the history with the
// author's reason (required: kInvalidArgument without one) and a downgrade
// opens a re-evaluation. kNotFound for an unknown item or category term.
Result<Item> Update(store::Store& store, const store::Author& author, std::string_view key,
                    const ItemChanges& changes);

// Adds a version of a known item, or changes its support fields. Rules: a
// level of "unknown" needs a support justification; an end-of-support date
// or its justification; dates are YYYY-MM-DD.
Result<Version> SetVersion(store::Store& store, const store::Author& author, std::string_view key,
                           std::string_view version, const VersionChanges& changes);

Result<Item> Get(store::Store& store, std::string_view key);
Result<std::vector<Version>> Versions(store::Store& store, std::string_view key);
Result<std::vector<CategoryChange>> CategoryHistory(store::Store& store, std::string_view key);
// The re-evaluations of an item (all items when `key` is empty).
Result<std::vector<Reevaluation>> Reevaluations(store::Store& store, std::string_view key = {},
                                                bool open_only = false);

// --- The category map -------------------------------------------------------

// Maps an internal term (not one of the three names) to a category.
// kAlreadyExists when the term is mapped already.
Status MapCategory(store::Store& store, const store::Author& author, std::string_view term,
                   Category canonical);
// Term -> category, sorted by term.
Result<std::vector<std::pair<std::string, Category>>> CategoryMap(store::Store& store);

// --- Sync from a release ----------------------------------------------------

struct SyncReport {
  int64_t components = 0;
  int64_t items_added = 0;
  int64_t versions_added = 0;
  int64_t versions_updated = 0;   // support fields filled from the SBOM
  std::vector<std::string> keys;  // of the release's components, sorted, unique
};

// Builds or updates items and versions from a stored release's components
// in one transaction. New items get no category. Support data comes from
// the SBOM's cdx:fda properties (level-of-support, end-of-support-date,
// justification; SPDX validUntilDate arrives as end-of-support-date) and
// fills only fields still empty; its source is "sbom:<sha256> (PRODUCT
// VERSION)", its date the transaction's. Unknown level texts are warnings.
Result<SyncReport> FromRelease(store::Store& store, const store::Author& author,
                               std::string_view product, std::string_view version,
                               DiagnosticSink& sink);

// The cdx:fda properties of a version, as FromRelease reads them, for
// writing back into an SBOM: level-of-support (the SBOM's spelling with
// spaces), end-of-support-date, and justification lines
// "cdx:fda:end-of-support-date: ..." / "cdx:fda:level-of-support: ...".
// Their text is kept in `doc`'s arena.
std::vector<sbom::Property> SupportProperties(const Version& version, sbom::Document& doc);

// Writes the inventory's support data back into a document for export: each
// component whose item version is in the inventory with support data gets
// SupportProperties in place of its level-of-support, end-of-support-date
// and justification properties. Returns how many components were changed.
Result<int64_t> ApplySupport(store::Store& store, sbom::Document& doc);

// --- Listing ---------------------------------------------------------------

struct ListFilter {
  std::string product;  // with `release`: only the items of that release
  std::string release;
  std::string category;              // a canonical name, or "unset"
  bool missing_disposition = false;  // no security risk recorded
  bool needs_reevaluation = false;   // an open re-evaluation
};
Result<std::vector<Item>> List(store::Store& store, const ListFilter& filter);

// --- Assessments --------------------------------------------------------------

// The four criteria of a pre-adoption assessment (REGULATORY.md 8.1).
inline constexpr std::string_view kCriteria[] = {"maintenance-activity", "security-history",
                                                 "supplier-security-commitment", "license"};

struct Criterion {
  std::string criterion;
  std::string result;  // "pass", "fail", "n/a"
  std::string note;
};

// What the knowledge base knew of the version when it was assessed.
struct VulnerabilitySnapshot {
  int64_t total = 0;  // affected findings
  int64_t kev = 0;
  int64_t critical = 0;
  std::vector<std::string> ids;  // sorted
};

struct Assessment {
  std::string item_key;
  int64_t number = 0;
  std::string version;
  std::string decision;  // "approved", "approved-with-conditions", "rejected"
  std::string rationale;
  std::string conditions;  // required for approved-with-conditions
  std::string assessor;
  std::string approver;
  std::string date;                 // YYYY-MM-DD
  std::vector<Criterion> criteria;  // each of kCriteria once, in that order
  VulnerabilitySnapshot vulnerabilities;
  std::string created_at;
};

// Records an assessment: matches purl@version (or name/version) against the
// knowledge base (match::Scan, which may refresh the index as its own
// audited write) for the snapshot, adds the version when it is not in the
// inventory yet, and closes the item's open re-evaluations. Fields of
// `assessment` other than number, vulnerabilities and created_at are input.
Result<Assessment> Assess(store::Store& store, const store::Author& author,
                          const Assessment& assessment, DiagnosticSink& sink);
// The assessments of an item (all when `key` is empty), by item then number.
Result<std::vector<Assessment>> Assessments(store::Store& store, std::string_view key = {});

// --- Security risks -----------------------------------------------------------

struct Control {
  std::string requirement;   // security requirement id
  std::string verification;  // the test or verification record
};

struct SecurityRisk {
  std::string item_key;
  int64_t number = 0;
  std::string threat;
  // "acceptable", "controlled", "transferred", "not-used-vulnerably".
  std::string disposition;
  std::vector<Control> controls;  // >= 1 when controlled
  std::string residual;
  std::string hazard;   // ISO 14971 hazard reference
  std::string doc_ref;  // required when transferred (the user documentation)
  std::string accepted_by;
  std::string created_at;
};

Result<SecurityRisk> AddRisk(store::Store& store, const store::Author& author,
                             const SecurityRisk& risk);
Result<std::vector<SecurityRisk>> Risks(store::Store& store, std::string_view key);

// --- Hand-kept SOUP lists: CSV, YAML, XLSX -------------------------------------
//
// One row per item version (an item without versions: one row with an empty
// version), in the columns of kListColumns, as docs/parts/inventory.md
// documents. Booleans are "yes"/"no", runs_on is ";"-separated, dates
// YYYY-MM-DD, category a canonical name or a mapped term ("" for unset).
// Export then import gives the same records (and the same export).

inline constexpr std::string_view kListColumns[] = {"key",
                                                    "name",
                                                    "purl",
                                                    "category",
                                                    "supplier",
                                                    "custom_developed",
                                                    "security_impact",
                                                    "purpose",
                                                    "runs_on",
                                                    "version",
                                                    "support_level",
                                                    "support_justification",
                                                    "end_of_support",
                                                    "end_of_support_justification",
                                                    "support_source",
                                                    "support_date",
                                                    "anomaly_review_date",
                                                    "anomaly_reviewer"};

// A sheet of text cells with a header row. `first_row` numbers the first
// data row as people see it (2 in CSV and XLSX, where row 1 is the header;
// 1 in YAML, where it is the entry number).
struct ListTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // each as wide as `columns`
  int64_t first_row = 2;
  std::string row_word = "row";  // "row" or "entry" in messages
};

// The whole inventory, items by key, versions in creation order.
Result<ListTable> ExportTable(store::Store& store);

// RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote,
// CR or LF quoted (quotes doubled). Reading accepts LF line ends too.
std::string ToCsv(const ListTable& table);
// A YAML sequence of mappings (column -> text), keys in column order.
std::string ToYaml(const ListTable& table);
// Writes an .xlsx workbook (one sheet, "SOUP") with libxlsxwriter.
Status WriteXlsx(const ListTable& table, const std::string& path);

// Parse errors name `source` and the line (CSV), the entry (YAML) or the
// part and cell (XLSX).
Result<ListTable> ParseCsv(std::string_view bytes, const std::string& source);
Result<ListTable> ParseYaml(std::string_view bytes, const std::string& source);
// Reads xl/sharedStrings.xml and xl/worksheets/sheet1.xml of the zip.
Result<ListTable> ParseXlsx(std::string_view bytes, const std::string& source);

struct ImportError {
  int64_t row = 0;     // as ListTable numbers rows; 0 for the header
  std::string column;  // "" when the row as a whole is wrong
  std::string message;
  // "<row word> N, column C: message".
  std::string ToString(const std::string& row_word) const;
};

struct ImportReport {
  int64_t rows = 0;
  int64_t imported = 0;  // rows written
  std::vector<ImportError> errors;
};

// Checks every row (unknown column, bad date, unknown category or support
// level, bad yes/no, ...) and, when there are no errors or `partial` is set,
// writes the good rows in one transaction: items are added or updated
// (category changes recorded with the author's reason), versions set. With
// errors and without `partial` nothing is written. An unknown column is an
// error of the header (row 0) and stops the import.
Result<ImportReport> Import(store::Store& store, const store::Author& author,
                            const ListTable& table, bool partial);

// --- Release diff --------------------------------------------------------------

// release::DiffComponents of two releases' components plus one attribute the
// SBOM does not carry: the item's category ("maintained", "supported",
// "required"; "" when unclassified) as it stood when each release was frozen
// (its current category for a release still in draft), read from the
// category history. So `release diff` shows "category" changes of the
// components both releases ship, e.g.
//   "category    pkg:generic/openssl 3.0.13: supported -> required".
Result<release::ComponentDiff> DiffReleases(store::Store& store, const release::Release& before,
                                            const std::vector<release::SnapshotComponent>& ca,
                                            const release::Release& after,
                                            const std::vector<release::SnapshotComponent>& cb);

// --- JSON -----------------------------------------------------------------------

nlohmann::json ToJson(const Item& item);
nlohmann::json ToJson(const Version& version);
nlohmann::json ToJson(const CategoryChange& change);
nlohmann::json ToJson(const Reevaluation& reevaluation);
nlohmann::json ToJson(const Assessment& assessment);
nlohmann::json ToJson(const SecurityRisk& risk);
nlohmann::json ToJson(const SyncReport& report);

}  // namespace soupkeeper::inventory

#endif  // SOUPKEEPER_INVENTORY_H_
