// VEX export and import (IEC 81001-5-1 §6.2.1, §5.8.2; FDA 524B; see
// docs/parts/vex.md).
//
// Export: the open findings of one release with their triage decisions as
// CycloneDX 1.6 VEX, OpenVEX 0.2.0 or CSAF 2.0 (VEX profile), written by the
// same writers as `scan` (match::RenderReport with one match::Analysis per
// finding). A finding without a decision is in_triage (OpenVEX and CSAF:
// under_investigation). CycloneDX affects are BOM-Links
// urn:cdx:<serial>/<version>#<bom-ref> to the release's stored SBOM, so a
// CycloneDX export needs a stored CycloneDX SBOM with a urn:uuid serial
// number (kFailedPrecondition otherwise, naming OpenVEX and CSAF as the
// formats that need none). The bytes depend only on the store and
// `generated_at`: the timestamps and the document id / serial number /
// tracking id (derived from the time and the findings) change per export.
//
// Import: a supplier's VEX document in any of the three formats (detected
// from its content) is parsed into statements; each statement applies to
// the stored open findings whose vulnerability identity is the statement's
// vulnerability or one of its aliases (vuln::ResolveIdentity) and whose
// component the statement's product names (purl, with or without version;
// CPE; or name and version). Every (statement, finding) pair is recorded in
// vex_statements with its source (file SHA-256, format, document id,
// supplier), audited (action "vex.import"), in one transaction. Supplier
// statements never change a manufacturer's triage decision: they are kept
// beside the finding (StatementsFor) for the manufacturer to weigh.
// Bad input (malformed JSON, unknown status or justification, a missing
// required field) is kInvalidArgument naming the file and the JSON pointer,
// with nothing stored; statements that match no finding are reported, not
// an error.
//
// Example:
//   SK_ASSIGN_OR_RETURN(std::string doc,
//                       vex::Export(*store, "pump", "2.3.0", "openvex", now, SOUPKEEPER_VERSION));
//   SK_ASSIGN_OR_RETURN(vex::ImportResult r,
//                       vex::Import(*store, author, bytes, "acme.openvex.json", {}));
#ifndef SOUPKEEPER_VEX_H_
#define SOUPKEEPER_VEX_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/findings.h"
#include "soupkeeper/match.h"
#include "soupkeeper/status.h"
#include "soupkeeper/store.h"
#include "soupkeeper/triage.h"

namespace soupkeeper::vex {

// "cyclonedx", "openvex", "csaf".
const std::vector<std::string>& Formats();

// The analysis a finding is exported with: its decision's state,
// justification, responses and detail, and the manufacturer-only fields as
// CycloneDX properties "soupkeeper:<field>"; in_triage without a decision.
match::Analysis AnalysisOf(const findings::StoredFinding& finding,
                           const std::optional<triage::Decision>& decision);

// The release's open findings as a VEX document in `format` (see above).
// kInvalidArgument for an unknown format, kNotFound for an unknown release.
Result<std::string> Export(store::Store& store, std::string_view product, std::string_view version,
                           std::string_view format, const std::string& generated_at,
                           const std::string& tool_version);

// A product a statement names.
struct Product {
  std::string purl, cpe, name, version;
};

// One statement of a VEX document in the CycloneDX analysis vocabulary.
struct Statement {
  std::string pointer;  // JSON pointer of the statement in the document
  std::string vulnerability;
  std::vector<std::string> aliases;
  std::string state, justification, detail;
  std::vector<Product> products;
};

struct Document {
  std::string format;    // "cyclonedx", "openvex", "csaf"
  std::string id;        // serialNumber, @id or tracking id
  std::string supplier;  // the author / publisher the document names, or ""
  std::vector<Statement> statements;
};

// Parses a VEX document; `name` names the file in messages.
Result<Document> Parse(std::string_view bytes, const std::string& name);

struct ImportOptions {
  std::string product;   // only findings of this product ("" for all)
  std::string supplier;  // overrides the document's author / publisher
};

struct Applied {
  std::string pointer;
  int64_t finding_id = 0;
  std::string product, release, component, vulnerability, state;
};

struct ImportResult {
  std::string file, sha256, format, document_id, supplier;
  int64_t statements = 0;
  std::vector<Applied> applied;
  std::vector<Statement> unmatched;  // statements that apply to no finding
};

// Imports a supplier's VEX document (see above). kAlreadyExists when a
// document with the same SHA-256 was imported before; kInvalidArgument
// when it names no supplier and none is given.
Result<ImportResult> Import(store::Store& store, const store::Author& author,
                            std::string_view bytes, const std::string& name,
                            const ImportOptions& options);

// A recorded supplier statement.
struct SupplierStatement {
  int64_t finding_id = 0;
  std::string vulnerability, state, justification, detail;
  std::string supplier, source_sha256, source_format, document_id, pointer, imported_at;
};

// The supplier statements recorded for a finding, oldest first.
Result<std::vector<SupplierStatement>> StatementsFor(store::Store& store, int64_t finding_id);

nlohmann::json ToJson(const ImportResult& result);
nlohmann::json ToJson(const SupplierStatement& statement);

}  // namespace soupkeeper::vex

#endif  // SOUPKEEPER_VEX_H_
