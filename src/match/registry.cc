// The one place where matchers are registered, in evaluation order.
#include "match/matchers.h"

namespace soupkeeper::match {

const std::vector<std::unique_ptr<Matcher>>& BuiltinMatchers() {
  static const auto* matchers = [] {
    auto* v = new std::vector<std::unique_ptr<Matcher>>();
    v->push_back(NewEcosystemMatcher());
    v->push_back(NewDistroMatcher());
    v->push_back(NewCsafMatcher());
    v->push_back(NewCpeMatcher());
    v->push_back(NewDerivedCpeMatcher());
    return v;
  }();
  return *matchers;
}

}  // namespace soupkeeper::match
