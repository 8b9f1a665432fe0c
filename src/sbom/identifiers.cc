// Checks of the package identifiers a document carries as text.
//
// CycloneDX and SPDX keep purl and CPE as plain strings (their schemas do not
// check them); the purl and cpe libraries do. A component whose identifier
// does not parse is reported as a warning with its location: the document
// stays valid and the text is kept as written, but matching against
// vulnerability feeds cannot use it.
//
// A CycloneDX license.expression must be an SPDX license expression (the
// schemas type it as a plain string); one that does not parse, or names an
// id missing from the SPDX lists of this build, is a warning likewise.
#include "sbom/cdx_rules.h"
#include "soupkeeper/cpe.h"
#include "soupkeeper/license_expression.h"
#include "soupkeeper/purl.h"

namespace soupkeeper::sbom::cdx {
namespace {

// `scratch` is reused from one component to the next, so a document's purls
// are checked without allocating for each.
void CheckComponent(const Component& c, bool check_purl, purl::Purl& scratch, Reporter& reporter) {
  if (check_purl && !c.purl.empty()) {
    // Lenient: third-party data with upper-case qualifier keys is still
    // usable once normalized.
    Status s = purl::ParseInto(c.purl, &scratch, purl::ParseMode::kLenient);
    if (!s.ok()) reporter.Warning(c.location.str(), "purl: " + s.message());
  }
  if (!c.cpe.empty()) {
    Result<cpe::Wfn> w = cpe::Parse(c.cpe);
    if (!w.ok()) reporter.Warning(c.location.str(), "cpe: " + w.status().message());
  }
}

void CheckComponentLicenses(const Component& c, Reporter& reporter) {
  for (const License& l : c.licenses) {
    if (l.kind != License::Kind::kExpression) continue;
    Result<ParsedLicenseExpression> e = ParseLicenseExpression(l.value);
    if (!e.ok()) {
      reporter.Warning(c.location.str(), "license expression: " + e.status().message());
      continue;
    }
    for (const std::string& id : e->unknown_licenses) {
      reporter.Warning(c.location.str(), "license expression '" + l.value + "': '" + id +
                                             "' is not on the SPDX license list of this build");
    }
    for (const std::string& id : e->unknown_exceptions) {
      reporter.Warning(c.location.str(), "license expression '" + l.value + "': '" + id +
                                             "' is not on the SPDX exception list of this build");
    }
  }
}

}  // namespace

void CheckLicenseExpressions(const Document& doc, Reporter& reporter) {
  if (doc.subject) CheckComponentLicenses(*doc.subject, reporter);
  for (const Component& c : doc.components) CheckComponentLicenses(c, reporter);
}

void CheckIdentifiers(const Document& doc, Reporter& reporter, bool check_purls) {
  purl::Purl scratch;
  if (doc.subject) CheckComponent(*doc.subject, check_purls, scratch, reporter);
  for (const Component& c : doc.components) CheckComponent(c, check_purls, scratch, reporter);
}

}  // namespace soupkeeper::sbom::cdx
