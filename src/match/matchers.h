// The built-in matchers' constructors, one file each (listed in registry.cc).
#ifndef SOUPKEEPER_SRC_MATCH_MATCHERS_H_
#define SOUPKEEPER_SRC_MATCH_MATCHERS_H_

#include <memory>

#include "soupkeeper/match.h"

namespace soupkeeper::match {

std::unique_ptr<Matcher> NewEcosystemMatcher();
std::unique_ptr<Matcher> NewDistroMatcher();
std::unique_ptr<Matcher> NewCpeMatcher();
std::unique_ptr<Matcher> NewDerivedCpeMatcher();
std::unique_ptr<Matcher> NewCsafMatcher();

}  // namespace soupkeeper::match

#endif  // SOUPKEEPER_SRC_MATCH_MATCHERS_H_
