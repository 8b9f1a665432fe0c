// Membership tables: the vers-spec containment algorithm and plain
// union-of-intersections, both evaluated once per bound and per stretch
// between bounds, and canonical constraints written back from a table.
//
// Positions: with n distinct bounds b0 < ... < b(n-1), position 2k+1 is bound
// k itself and position 2k the open stretch just below it (2n: above all).
// A constraint on bound j compares with position p as p compares with 2j+1.
#include "range/membership.h"

#include <algorithm>

namespace soupkeeper::range {
namespace {

bool IsLessKind(Comparator c) { return c == Comparator::kLess || c == Comparator::kLessEqual; }
bool IsGreaterKind(Comparator c) {
  return c == Comparator::kGreater || c == Comparator::kGreaterEqual;
}

// Whether position p satisfies `c` on bound position q (both as above).
bool Satisfies(Comparator c, size_t p, size_t q) {
  switch (c) {
    case Comparator::kEqual:
      return p == q;
    case Comparator::kNotEqual:
      return p != q;
    case Comparator::kLess:
      return p < q;
    case Comparator::kLessEqual:
      return p <= q;
    case Comparator::kGreater:
      return p > q;
    case Comparator::kGreaterEqual:
      return p >= q;
    case Comparator::kAny:
      return true;
  }
  return false;
}

}  // namespace

Result<std::vector<ParsedConstraint>> MembershipBuilder::ParseAll(
    const version::VersionScheme& scheme, const std::vector<Constraint>& in) {
  std::vector<ParsedConstraint> out;
  out.reserve(in.size());
  for (const Constraint& c : in) {
    ParsedConstraint pc{c, nullptr};
    if (c.comparator != Comparator::kAny) {
      SK_ASSIGN_OR_RETURN(auto parsed, scheme.Parse(c.version));
      pc.parsed = std::move(parsed);
    }
    out.push_back(std::move(pc));
  }
  return out;
}

void MembershipBuilder::Sort(const version::VersionScheme& scheme,
                             std::vector<ParsedConstraint>& items) {
  std::stable_sort(
      items.begin(), items.end(), [&](const ParsedConstraint& a, const ParsedConstraint& b) {
        if (!a.parsed || !b.parsed) return !a.parsed && b.parsed;
        int c = scheme.Compare(*a.parsed, *b.parsed);
        if (c != 0) return c < 0;
        return ComparatorText(a.constraint.comparator) < ComparatorText(b.constraint.comparator);
      });
}

void MembershipBuilder::CollectBounds(const version::VersionScheme& scheme,
                                      const std::vector<const ParsedConstraint*>& sorted,
                                      VersRange& r, std::vector<std::string>& texts,
                                      std::vector<size_t>& bound_of) {
  bound_of.assign(sorted.size(), 0);
  for (size_t i = 0; i < sorted.size(); ++i) {
    const ParsedConstraint& pc = *sorted[i];
    if (!pc.parsed) continue;
    if (r.bounds_.empty() || scheme.Compare(*r.bounds_.back(), *pc.parsed) != 0) {
      r.bounds_.push_back(pc.parsed);
      texts.push_back(pc.constraint.version);
    }
    bound_of[i] = r.bounds_.size() - 1;
  }
}

VersRange MembershipBuilder::FromVers(std::string type, const version::VersionScheme& scheme,
                                      std::vector<ParsedConstraint> items) {
  VersRange r;
  r.type_ = std::move(type);
  r.scheme_ = &scheme;
  std::vector<const ParsedConstraint*> sorted;
  for (const auto& pc : items) sorted.push_back(&pc);
  std::vector<size_t> bound_of;
  CollectBounds(scheme, sorted, r, r.bound_texts_, bound_of);

  const size_t n = r.bounds_.size();
  bool any = false, has_equal = false;
  std::vector<size_t> ranged;  // indices of '<' '<=' '>' '>=' constraints, in order
  for (size_t i = 0; i < items.size(); ++i) {
    Comparator c = items[i].constraint.comparator;
    if (c == Comparator::kAny) any = true;
    if (c == Comparator::kEqual) has_equal = true;
    if (IsLessKind(c) || IsGreaterKind(c)) ranged.push_back(i);
  }
  r.members_.assign(2 * n + 1, 0);
  for (size_t p = 0; p <= 2 * n; ++p) {
    bool in = false;
    bool decided = false;
    if (any) {
      in = decided = true;
    }
    if (!decided && p % 2 == 1) {
      // A bound equal to a version of '=', '<=' or '>=' is in; of '!=' out.
      bool eq = false, ne = false;
      for (size_t i = 0; i < items.size(); ++i) {
        if (2 * bound_of[i] + 1 != p) continue;
        Comparator c = items[i].constraint.comparator;
        if (c == Comparator::kNotEqual) {
          ne = true;
        } else if (c == Comparator::kEqual || c == Comparator::kLessEqual ||
                   c == Comparator::kGreaterEqual) {
          eq = true;
        }
      }
      if (eq || ne) in = eq, decided = true;
    }
    if (!decided && ranged.empty()) {
      // Only '=' and '!=' constraints: a list of versions, or (only '!=')
      // every version but those.
      in = !has_equal;
      decided = true;
    }
    if (!decided) {
      auto pos = [&](size_t k) { return 2 * bound_of[ranged[k]] + 1; };
      auto cmp = [&](size_t k) { return items[ranged[k]].constraint.comparator; };
      if (IsLessKind(cmp(0)) && p < pos(0)) in = true;
      if (IsGreaterKind(cmp(ranged.size() - 1)) && p > pos(ranged.size() - 1)) in = true;
      for (size_t k = 0; !in && k + 1 < ranged.size(); ++k) {
        if (IsGreaterKind(cmp(k)) && IsLessKind(cmp(k + 1)) && pos(k) < p && p < pos(k + 1)) {
          in = true;
        }
      }
    }
    r.members_[p] = in ? 1 : 0;
  }
  r.constraints_.reserve(items.size());
  for (auto& pc : items) r.constraints_.push_back(std::move(pc.constraint));
  return r;
}

VersRange MembershipBuilder::FromUnion(
    std::string type, const version::VersionScheme& scheme,
    const std::vector<std::vector<ParsedConstraint>>& alternatives) {
  VersRange r;
  r.type_ = std::move(type);
  r.scheme_ = &scheme;
  std::vector<const ParsedConstraint*> all;
  for (const auto& alt : alternatives) {
    for (const auto& pc : alt) all.push_back(&pc);
  }
  std::stable_sort(all.begin(), all.end(),
                   [&](const ParsedConstraint* a, const ParsedConstraint* b) {
                     if (!a->parsed || !b->parsed) return !a->parsed && b->parsed;
                     return scheme.Compare(*a->parsed, *b->parsed) < 0;
                   });
  std::vector<std::string> texts;
  std::vector<size_t> bound_of;
  CollectBounds(scheme, all, r, texts, bound_of);
  // Bound position of each constraint, looked up by address.
  auto position = [&](const ParsedConstraint* pc) {
    size_t i = std::find(all.begin(), all.end(), pc) - all.begin();
    return 2 * bound_of[i] + 1;
  };
  const size_t n = r.bounds_.size();
  r.members_.assign(2 * n + 1, 0);
  std::vector<std::vector<size_t>> positions;
  for (const auto& alt : alternatives) {
    std::vector<size_t> ps;
    for (const auto& pc : alt) ps.push_back(pc.parsed ? position(&pc) : 0);
    positions.push_back(std::move(ps));
  }
  for (size_t p = 0; p <= 2 * n; ++p) {
    bool in = false;
    for (size_t a = 0; a < alternatives.size() && !in; ++a) {
      bool all_hold = true;
      for (size_t i = 0; i < alternatives[a].size() && all_hold; ++i) {
        all_hold = Satisfies(alternatives[a][i].constraint.comparator, p, positions[a][i]);
      }
      in = all_hold;
    }
    r.members_[p] = in ? 1 : 0;
  }
  r.bound_texts_ = std::move(texts);
  WriteCanonical(r, r.bound_texts_);
  return r;
}

bool MembershipBuilder::IsEmpty(const VersRange& r) {
  return std::all_of(r.members_.begin(), r.members_.end(), [](uint8_t m) { return m == 0; });
}

void MembershipBuilder::WriteCanonical(VersRange& r, const std::vector<std::string>& texts) {
  std::vector<Constraint> out;
  std::vector<std::shared_ptr<const version::ParsedVersion>> bounds;
  std::vector<std::string> kept_texts;
  std::vector<uint8_t> members{r.members_.empty() ? uint8_t{1} : r.members_[0]};
  const size_t n = r.bounds_.size();
  for (size_t k = 0; k < n; ++k) {
    bool below = r.members_[2 * k], at = r.members_[2 * k + 1], above = r.members_[2 * k + 2];
    Comparator c;
    if (below == at && at == above) continue;  // nothing changes at this bound
    if (!below && at && !above) {
      c = Comparator::kEqual;
    } else if (!below && !at && above) {
      c = Comparator::kGreater;
    } else if (!below && at && above) {
      c = Comparator::kGreaterEqual;
    } else if (below && !at && !above) {
      c = Comparator::kLess;
    } else if (below && at && !above) {
      c = Comparator::kLessEqual;
    } else {
      c = Comparator::kNotEqual;  // below && !at && above
    }
    out.push_back({c, texts[k]});
    bounds.push_back(r.bounds_[k]);
    kept_texts.push_back(texts[k]);
    members.push_back(at);
    members.push_back(above);
  }
  if (out.empty() && members[0]) out.push_back({Comparator::kAny, ""});
  r.constraints_ = std::move(out);
  r.bounds_ = std::move(bounds);
  r.bound_texts_ = std::move(kept_texts);
  r.members_ = std::move(members);
}

}  // namespace soupkeeper::range
