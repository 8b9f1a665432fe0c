// SBOM quality: the NTIA minimum elements and the FDA premarket SBOM
// expectations, checked per component and per document.
//
// Element names are those of the NTIA report "The Minimum Elements for a
// Software Bill of Materials" (July 2021) and of the FDA premarket
// cybersecurity guidance §V.A.4(b) (REGULATORY.md §2.1, §4.1, §4.4):
//   per component, required: Supplier Name, Component Name, Version of the
//     Component, Other Unique Identifiers (purl, CPE, SWID tag, OmniBOR id
//     or SWHID), Dependency Relationship (NTIA); level of support and
//     end-of-support date (FDA; a cdx:fda:justification property stands in
//     for a missing one, as the guidance allows a justification);
//   per component, recommended: component hash and license (NTIA Framing
//     baseline attributes / CISA 2025 draft, which FDA reviewers ask for);
//   per document: Author of SBOM Data and Timestamp (NTIA, required);
//     Known Unknowns (compositions) and the primary component
//     (recommended).
// Coverage is the share of required element slots that are filled:
// (components × 7 + 2 document elements).
//
// Example:
//   sbom::QualityReport q = sbom::AssessQuality(doc);
//   if (q.coverage_percent < 95.0) ...
#ifndef SOUPKEEPER_SBOM_QUALITY_H_
#define SOUPKEEPER_SBOM_QUALITY_H_

#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/sbom.h"

namespace soupkeeper::sbom {

// One element that is checked.
struct QualityElement {
  std::string_view id;      // stable key for JSON: "supplier", "end-of-support", ...
  std::string_view name;    // the name the NTIA report or FDA guidance uses
  std::string_view source;  // "NTIA", "FDA", "NTIA Framing / CISA"
  bool required;            // false: recommended, not counted in coverage
};

// The per-component elements, in report order.
const std::vector<QualityElement>& ComponentElements();
// The per-document elements, in report order.
const std::vector<QualityElement>& DocumentElements();

struct DocumentCheck {
  const QualityElement* element;
  bool present;
  std::string detail;  // where it was found ("metadata.authors") or why missing
};

struct ComponentQuality {
  bool is_subject = false;  // the primary component (metadata.component)
  int index = -1;           // index in Document::components; -1 for the subject
  std::string ref, name, version;
  std::vector<const QualityElement*> missing;  // required and recommended, in order
  // Elements present only through a cdx:fda:justification property.
  std::vector<const QualityElement*> justified;
};

struct ElementSummary {
  const QualityElement* element;
  size_t present = 0;
  size_t total = 0;
  double percent = 0;  // 100 when total is 0
};

struct QualityReport {
  std::vector<DocumentCheck> document;
  std::vector<ComponentQuality> components;  // the subject first, when there is one
  std::vector<ElementSummary> summary;       // one per component element
  size_t complete_components = 0;            // no required element missing
  double coverage_percent = 100;
};

QualityReport AssessQuality(const Document& doc);

}  // namespace soupkeeper::sbom

#endif  // SOUPKEEPER_SBOM_QUALITY_H_
