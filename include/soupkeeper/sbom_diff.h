// Differences between two SBOMs: which components were added, removed or
// changed, for `sbom diff` and for release diffs.
//
// Components are matched by identity: the purl without version
// (purl::WithoutVersion: "pkg:type/namespace/name", so every release of one
// package shares it), else, for a component without a parsable purl, by
// group and name. When one identity occurs more than once on a side (two
// versions of one library in a tree), components of equal version are paired
// first, the rest in document order; what is left over is added or removed.
// A version change is "upgraded" or "downgraded" by the ordering of the purl
// type's ecosystem (version::SchemeForPurlType), "changed" when there is no
// ordering for the type, a version does not parse in it, or the two texts
// differ but are equal in the ordering ("1.0" and "1.0.0"). Supplier name,
// licenses (as a set of values) and hashes (as a set of algorithm and
// lower-case value, algorithm names unified across formats) are compared
// too.
//
// Example:
//   sbom::SbomDiff d = sbom::Diff(old_doc, new_doc);
//   for (const sbom::ComponentChange& c : d.changed) Print(c.key, c.version);
#ifndef SOUPKEEPER_SBOM_DIFF_H_
#define SOUPKEEPER_SBOM_DIFF_H_

#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/sbom.h"

namespace soupkeeper::sbom {

enum class VersionChange { kSame, kUpgraded, kDowngraded, kChanged };
// "same", "upgraded", "downgraded", "changed".
std::string_view VersionChangeName(VersionChange c);

struct ComponentChange {
  std::string key;  // the identity both sides share
  Component before;
  Component after;
  VersionChange version = VersionChange::kSame;
  bool supplier_changed = false;
  bool licenses_changed = false;
  bool hashes_changed = false;
};

struct SbomDiff {
  std::vector<Component> added;    // in B only, in B's order
  std::vector<Component> removed;  // in A only, in A's order
  std::vector<ComponentChange> changed;
  size_t unchanged = 0;
};

// The identity key of a component, as Diff matches it: the purl without
// version, else "group/name" (or "name").
std::string IdentityKey(const Component& c);

// A: the older document, B: the newer. The subjects (metadata.component) are
// compared as components too.
SbomDiff Diff(const Document& a, const Document& b);

}  // namespace soupkeeper::sbom

#endif  // SOUPKEEPER_SBOM_DIFF_H_
