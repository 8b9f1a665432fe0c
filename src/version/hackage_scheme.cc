// The "hackage" scheme: Haskell package versions (the Package Versioning
// Policy's A.B.C...), ordered as osv-scalibr's semantic package orders the
// OSV Hackage ecosystem.
//
// Grammar: an optional 'v', then [0-9]+(\.[0-9]+)*. Order: numbers compared
// one by one with missing ones read as 0, then the version with more numbers
// ranks higher (1.0 < 1.0.0, as Data.Version orders them). Canonical(): the
// numbers without leading zeros, without the 'v'.
#include "version/scheme_support.h"
#include "version/schemes.h"

namespace soupkeeper::version {

std::unique_ptr<VersionScheme> NewHackageScheme() {
  return internal::NewNumberListScheme(
      {"hackage", "Hackage (Haskell PVP): dotted numbers, more numbers rank higher on a tie", ".",
       true});
}

}  // namespace soupkeeper::version
