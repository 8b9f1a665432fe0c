// The "cran" scheme: R package versions (base::package_version), ordered as
// osv-scalibr's semantic package orders the OSV CRAN ecosystem.
//
// Grammar: [0-9]+([.-][0-9]+)*; '.' and '-' weigh the same (1.0-2 == 1.0.2).
// Order: numbers one by one with missing ones read as 0, then the version
// with more numbers ranks higher (0.1.0 < 0.1.0.0). Canonical(): the numbers
// without leading zeros joined by '.' (R's as.character(package_version)).
#include "version/scheme_support.h"
#include "version/schemes.h"

namespace soupkeeper::version {

std::unique_ptr<VersionScheme> NewCranScheme() {
  return internal::NewNumberListScheme(
      {"cran", "CRAN (R package_version): numbers separated by '.' or '-'", ".-", false});
}

}  // namespace soupkeeper::version
