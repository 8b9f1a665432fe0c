// Name matching (7696 §6): attribute comparison and the name-level relations.
//
// Values were checked and measured when parsed (ValueShape), so comparing is
// a few branches and, for a source with wildcards, one case-insensitive scan
// of the target; nothing here allocates.
#include "core/text.h"
#include "cpe/internal.h"
#include "soupkeeper/cpe.h"

namespace soupkeeper::cpe {
namespace {

// compare_strings: `source` has wildcards only at its ends (its shape says
// how many), `target` has none. The source's body must occur in the target,
// starting on a character boundary, with at most `lead` characters before it
// (any number for '*') and at most `trail` after it. Scanning the positions
// left to right and giving up once too many characters precede the body is
// the spec's loop, counted in characters rather than bytes.
Relation CompareStrings(const Value& source, const Value& target) {
  const int32_t lead = ValueAccess::lead(source);
  const int32_t trail = ValueAccess::trail(source);
  if (lead == 0 && trail == 0) return Relation::kDisjoint;  // and not equal
  const std::string_view body = ValueAccess::body(source);
  const size_t body_chars = ValueAccess::body_chars(source);
  const std::string_view t = target.wfn();
  const size_t t_chars = ValueAccess::chars(target);
  size_t pos = 0;    // byte offset of the current character in t
  size_t index = 0;  // its index in characters
  while (index + body_chars <= t_chars) {
    if (lead >= 0 && index > static_cast<size_t>(lead)) break;
    if (text::EqualsIgnoreAsciiCase(t.substr(pos, body.size()), body)) {
      const size_t leftover = t_chars - index - body_chars;
      if (trail < 0 || leftover <= static_cast<size_t>(trail)) return Relation::kSuperset;
    }
    if (pos >= t.size()) break;
    pos += t[pos] == '\\' ? 2 : 1;
    ++index;
  }
  return Relation::kDisjoint;
}

}  // namespace

std::string_view RelationName(Relation r) {
  switch (r) {
    case Relation::kSuperset:
      return "SUPERSET";
    case Relation::kSubset:
      return "SUBSET";
    case Relation::kEqual:
      return "EQUAL";
    case Relation::kDisjoint:
      return "DISJOINT";
    case Relation::kUndefined:
      return "UNDEFINED";
  }
  return "UNDEFINED";
}

Relation CompareValues(const Value& source, const Value& target) {
  if (target.is_string() && target.has_wildcards()) return Relation::kUndefined;
  if (source.kind() == target.kind() &&
      (!source.is_string() || text::EqualsIgnoreAsciiCase(source.wfn(), target.wfn()))) {
    return Relation::kEqual;
  }
  if (source.is_any()) return Relation::kSuperset;
  if (target.is_any()) return Relation::kSubset;
  if (source.is_na() || target.is_na()) return Relation::kDisjoint;
  return CompareStrings(source, target);
}

std::array<Relation, kAttributeCount> CompareWfns(const Wfn& source, const Wfn& target) {
  std::array<Relation, kAttributeCount> out;
  for (size_t i = 0; i < kAttributeCount; ++i) {
    const auto a = static_cast<Attribute>(i);
    out[i] = CompareValues(source.Get(a), target.Get(a));
  }
  return out;
}

bool IsDisjoint(const Wfn& source, const Wfn& target) {
  for (size_t i = 0; i < kAttributeCount; ++i) {
    const auto a = static_cast<Attribute>(i);
    if (CompareValues(source.Get(a), target.Get(a)) == Relation::kDisjoint) return true;
  }
  return false;
}

bool IsEqual(const Wfn& source, const Wfn& target) {
  for (size_t i = 0; i < kAttributeCount; ++i) {
    const auto a = static_cast<Attribute>(i);
    if (CompareValues(source.Get(a), target.Get(a)) != Relation::kEqual) return false;
  }
  return true;
}

bool IsSubset(const Wfn& source, const Wfn& target) {
  for (size_t i = 0; i < kAttributeCount; ++i) {
    const auto a = static_cast<Attribute>(i);
    Relation r = CompareValues(source.Get(a), target.Get(a));
    if (r != Relation::kSubset && r != Relation::kEqual) return false;
  }
  return true;
}

bool IsSuperset(const Wfn& source, const Wfn& target) {
  for (size_t i = 0; i < kAttributeCount; ++i) {
    const auto a = static_cast<Attribute>(i);
    Relation r = CompareValues(source.Get(a), target.Get(a));
    if (r != Relation::kSuperset && r != Relation::kEqual) return false;
  }
  return true;
}

bool Matches(const Wfn& pattern, const Wfn& target) { return IsSuperset(pattern, target); }

}  // namespace soupkeeper::cpe
