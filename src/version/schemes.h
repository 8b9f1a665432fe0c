// Factories of the built-in version schemes, one per file in src/version/.
// Each is listed once in registry.cc; nothing registers itself.
#ifndef SOUPKEEPER_SRC_VERSION_SCHEMES_H_
#define SOUPKEEPER_SRC_VERSION_SCHEMES_H_

#include <memory>

#include "soupkeeper/version.h"

namespace soupkeeper::version {

// Add one line per scheme file: std::unique_ptr<VersionScheme> New<Name>Scheme();

}  // namespace soupkeeper::version

#endif  // SOUPKEEPER_SRC_VERSION_SCHEMES_H_
