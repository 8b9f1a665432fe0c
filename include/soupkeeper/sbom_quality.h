// SBOM quality: element sets ("profiles") checked per component and per
// document, with a coverage score per profile.
//
// A profile is one table of document-level and component-level elements,
// each with its source and whether it is required or recommended
// (REGULATORY.md §4; docs/parts/sbom-quality.md lists every row):
//   ntia  NTIA "The Minimum Elements for a Software Bill of Materials"
//         (July 2021): the seven data fields required; Known Unknowns and
//         the primary component recommended.
//   fda   NTIA plus the FDA premarket guidance §V.A.4(b): level of support
//         and end-of-support date per component (a cdx:fda:justification
//         property stands in for a missing one, as the guidance allows a
//         justification); component hash and license recommended (NTIA
//         Framing baseline attributes, which FDA reviewers ask for).
//   cisa  CISA "2025 Minimum Elements for an SBOM" (public-comment draft,
//         22 Aug 2025): adds Component Hash, License, Tool Name and
//         Generation Context, all required.
//   bsi   BSI TR-03183-2 v2.1.0: creator with email or URL, SBOM-URI,
//         filename, SHA-512 hash, executable / archive / structured
//         properties, concluded licence, URIs.
// Coverage is the share of required element slots that are filled:
// (components × required component elements + required document elements).
//
// Example:
//   const sbom::QualityProfile* p = sbom::FindQualityProfile("bsi");
//   sbom::QualityReport q = sbom::AssessQuality(doc, *p);
//   if (q.coverage_percent < 95.0) ...
#ifndef SOUPKEEPER_SBOM_QUALITY_H_
#define SOUPKEEPER_SBOM_QUALITY_H_

#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/sbom.h"

namespace soupkeeper::sbom {

// What is looked at in the document for an element (one test each; the
// profiles name them under their own words).
enum class QualityCheck {
  // document
  kAuthor,             // authors, manufacturer, supplier or tools
  kTimestamp,          // metadata.timestamp / creationInfo.created
  kKnownUnknowns,      // compositions
  kPrimary,            // metadata.component
  kToolName,           // metadata.tools / "Tool:" creators
  kGenerationContext,  // metadata.lifecycles
  kCreatorContact,     // an author with email, or manufacturer / supplier with URL or email
  kSbomUri,            // serialNumber / documentNamespace
  // component
  kSupplier,  // supplier name
  kName,
  kVersion,
  kIdentifier,               // purl, CPE, SWID tag, OmniBOR id or SWHID
  kDependency,               // in the dependency graph or nested
  kLevelOfSupport,           // cdx:fda:level-of-support (or justified)
  kEndOfSupport,             // cdx:fda:end-of-support-date (or justified)
  kHash,                     // any hash
  kLicense,                  // any license
  kComponentCreatorContact,  // supplier / manufacturer URL or contact email, author email
  kFilename,                 // property bsi:component:filename
  kSha512,                   // a SHA-512 hash of the component or its distribution reference
  kExecutable,               // property bsi:component:executable
  kArchive,                  // property bsi:component:archive
  kStructured,               // property bsi:component:structured
  kConcludedLicense,         // a license with acknowledgement "concluded"
  kDeclaredLicense,          // a license with acknowledgement "declared"
  kSourceUri,                // externalReference vcs or source-distribution
  kDeployableUri,            // externalReference distribution
};

// One element of a profile.
struct QualityElement {
  std::string_view id;      // stable key for JSON: "supplier", "end-of-support", ...
  std::string_view name;    // the name the source document uses
  std::string_view source;  // "NTIA", "FDA", "CISA 2025 draft", "BSI TR-03183-2", ...
  bool required;            // false: recommended, not counted in coverage
  QualityCheck check;
};

struct QualityProfile {
  std::string_view id;                    // "ntia", "fda", "cisa", "bsi"
  std::string_view title;                 // the source document, for reports
  std::vector<QualityElement> document;   // in report order
  std::vector<QualityElement> component;  // in report order
};

// Every profile, in the order ntia, fda, cisa, bsi.
const std::vector<QualityProfile>& QualityProfiles();
// nullptr when `id` names no profile.
const QualityProfile* FindQualityProfile(std::string_view id);
// The default profile (fda: soupkeeper is a medical-device tool).
const QualityProfile& DefaultQualityProfile();

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
  const QualityProfile* profile = nullptr;
  std::vector<DocumentCheck> document;
  std::vector<ComponentQuality> components;  // the subject first, when there is one
  std::vector<ElementSummary> summary;       // one per component element
  size_t complete_components = 0;            // no required element missing
  double coverage_percent = 100;
};

QualityReport AssessQuality(const Document& doc, const QualityProfile& profile);
// The default profile.
QualityReport AssessQuality(const Document& doc);

}  // namespace soupkeeper::sbom

#endif  // SOUPKEEPER_SBOM_QUALITY_H_
