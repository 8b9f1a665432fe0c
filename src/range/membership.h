// Internal to src/range: building a VersRange from parsed constraints.
//
// Every way of making a range (a vers string, a native range, OSV events, NVD
// bounds) ends here: constraints with their parsed versions go in, and the
// range comes out with its sorted distinct bounds and its membership table
// (see range.h). The table is the single source of truth; canonical
// constraints are written from it.
#ifndef SOUPKEEPER_SRC_RANGE_MEMBERSHIP_H_
#define SOUPKEEPER_SRC_RANGE_MEMBERSHIP_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/range.h"

namespace soupkeeper::range {

// A constraint with its version parsed by the range's scheme (null for '*').
struct ParsedConstraint {
  Constraint constraint;
  std::shared_ptr<const version::ParsedVersion> parsed;
};

class MembershipBuilder {
 public:
  // Parses every constraint's version with `scheme`; errors carry the
  // scheme's message.
  static Result<std::vector<ParsedConstraint>> ParseAll(const version::VersionScheme& scheme,
                                                        const std::vector<Constraint>& in);
  // Sorts by version, ties by comparator text (stable).
  static void Sort(const version::VersionScheme& scheme, std::vector<ParsedConstraint>& items);

  // A range holding `items` (sorted) whose membership follows the vers-spec
  // containment algorithm.
  static VersRange FromVers(std::string type, const version::VersionScheme& scheme,
                            std::vector<ParsedConstraint> items);

  // A range whose membership is the union over `alternatives` of the
  // intersection of each alternative's constraints (plain comparator
  // meaning: '<1' holds exactly the versions below 1). Constraints are the
  // canonical ones written from that membership.
  static VersRange FromUnion(std::string type, const version::VersionScheme& scheme,
                             const std::vector<std::vector<ParsedConstraint>>& alternatives);

  // True when no version is in the range (possible only for FromUnion).
  static bool IsEmpty(const VersRange& r);

 private:
  // Fills bounds_ (distinct, ascending) from sorted items; `bound_of[i]` is
  // the bound index of items[i].
  static void CollectBounds(const version::VersionScheme& scheme,
                            const std::vector<const ParsedConstraint*>& sorted, VersRange& r,
                            std::vector<std::string>& texts, std::vector<size_t>& bound_of);
  // Writes canonical constraints from r's table and drops bounds that no
  // constraint needs.
  static void WriteCanonical(VersRange& r, const std::vector<std::string>& texts);

  friend class VersRange;
};

}  // namespace soupkeeper::range

#endif  // SOUPKEEPER_SRC_RANGE_MEMBERSHIP_H_
