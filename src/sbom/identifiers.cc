// Checks of the package identifiers a document carries as text.
//
// CycloneDX and SPDX keep purl and CPE as plain strings (their schemas do not
// check them); the purl and cpe libraries do. A component whose identifier
// does not parse is reported as a warning with its location: the document
// stays valid and the text is kept as written, but matching against
// vulnerability feeds cannot use it.
#include "sbom/cdx_rules.h"
#include "soupkeeper/cpe.h"
#include "soupkeeper/purl.h"

namespace soupkeeper::sbom::cdx {
namespace {

void CheckComponent(const Component& c, Reporter& reporter) {
  if (!c.purl.empty()) {
    // Lenient: third-party data with upper-case qualifier keys is still
    // usable once normalized.
    Result<purl::Purl> p = purl::Parse(c.purl, purl::ParseMode::kLenient);
    if (!p.ok()) reporter.Warning(c.location, "purl: " + p.status().message());
  }
  if (!c.cpe.empty()) {
    Result<cpe::Wfn> w = cpe::Parse(c.cpe);
    if (!w.ok()) reporter.Warning(c.location, "cpe: " + w.status().message());
  }
}

}  // namespace

void CheckIdentifiers(const Document& doc, Reporter& reporter) {
  if (doc.subject) CheckComponent(*doc.subject, reporter);
  for (const Component& c : doc.components) CheckComponent(c, reporter);
}

}  // namespace soupkeeper::sbom::cdx
