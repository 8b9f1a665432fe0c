// OSV `affected[]` and NVD cpeMatch bounds, turned into VersRanges and
// evaluated with them.
//
// An OSV range's events become intervals by walking them in version order
// exactly as the OSV schema's evaluation algorithm walks them (an
// `introduced` opens, `fixed` closes before, `last_affected` closes after,
// `limit` caps everything at or above it), so a range is parsed once and then
// answers by binary search like any other VersRange.
#include <algorithm>

#include "core/text.h"
#include "range/membership.h"

namespace soupkeeper::range {
namespace {

using Alternatives = std::vector<std::vector<Constraint>>;

// Ties sort in this order, which is also the order the OSV algorithm would
// apply them for a version above the tie.
int KindRank(OsvEvent::Kind k) {
  switch (k) {
    case OsvEvent::Kind::kIntroduced:
      return 0;
    case OsvEvent::Kind::kLastAffected:
      return 1;
    case OsvEvent::Kind::kFixed:
      return 2;
    case OsvEvent::Kind::kLimit:
      return 3;
  }
  return 4;
}

Result<VersRange> UnionOf(const version::VersionScheme& scheme, const Alternatives& alternatives) {
  std::vector<std::vector<ParsedConstraint>> parsed;
  for (const auto& alt : alternatives) {
    SK_ASSIGN_OR_RETURN(auto items, MembershipBuilder::ParseAll(scheme, alt));
    parsed.push_back(std::move(items));
  }
  return MembershipBuilder::FromUnion(std::string(scheme.Name()), scheme, parsed);
}

Result<const version::VersionScheme*> OsvScheme(std::string_view ecosystem, std::string_view type) {
  if (type == "SEMVER") return version::FindScheme("semver");
  if (type != "ECOSYSTEM") {
    return Unsupported(type == "GIT"
                           ? std::string("GIT ranges name commits, not versions; they cannot be "
                                         "evaluated against a version")
                           : "unknown OSV range type '" + std::string(type) + "'");
  }
  const version::VersionScheme* s = version::SchemeForOsvEcosystem(ecosystem);
  if (s == nullptr) {
    return Unsupported("no version scheme registered for OSV ecosystem '" + std::string(ecosystem) +
                       "'");
  }
  return s;
}

std::string OsvVersionText(std::string_view type, std::string_view v) {
  if (type == "SEMVER" && !v.empty() && v.front() == 'v') v.remove_prefix(1);
  return std::string(v);
}

// The range without the emptiness check (an OSV range may hold nothing, e.g.
// introduced and fixed at the same version).
Result<VersRange> OsvRangeMembership(std::string_view ecosystem, const OsvRange& range) {
  SK_ASSIGN_OR_RETURN(const version::VersionScheme* scheme, OsvScheme(ecosystem, range.type));
  if (scheme == nullptr) return Unsupported("the \"semver\" scheme is not registered");
  struct Item {
    OsvEvent::Kind kind;
    std::string text;
    std::shared_ptr<const version::ParsedVersion> parsed;  // null: introduced "0"
  };
  std::vector<Item> items;
  for (const OsvEvent& e : range.events) {
    Item it{e.kind, OsvVersionText(range.type, e.version), nullptr};
    if (!(e.kind == OsvEvent::Kind::kIntroduced && e.version == "0")) {
      auto parsed = scheme->Parse(it.text);
      if (!parsed.ok()) {
        return InvalidArgument("OSV event version: " + parsed.status().message());
      }
      it.parsed = std::move(*parsed);
    }
    items.push_back(std::move(it));
  }
  std::stable_sort(items.begin(), items.end(), [&](const Item& a, const Item& b) {
    if (!a.parsed || !b.parsed) return !a.parsed && b.parsed;
    int c = scheme->Compare(*a.parsed, *b.parsed);
    return c != 0 ? c < 0 : KindRank(a.kind) < KindRank(b.kind);
  });
  Alternatives intervals;
  std::vector<Constraint> open;  // the lower bound of the open interval, if any
  bool is_open = false;
  const Item* limit = nullptr;
  for (const Item& it : items) {
    switch (it.kind) {
      case OsvEvent::Kind::kIntroduced:
        if (!is_open) {
          open.clear();
          if (it.parsed) open.push_back({Comparator::kGreaterEqual, it.text});
          is_open = true;
        }
        break;
      case OsvEvent::Kind::kFixed:
      case OsvEvent::Kind::kLastAffected:
        if (is_open) {
          open.push_back(
              {it.kind == OsvEvent::Kind::kFixed ? Comparator::kLess : Comparator::kLessEqual,
               it.text});
          intervals.push_back(std::move(open));
          open.clear();
          is_open = false;
        }
        break;
      case OsvEvent::Kind::kLimit:
        if (!limit) limit = &it;  // sorted: the first is the lowest
        break;
    }
  }
  if (is_open)
    intervals.push_back(open.empty() ? std::vector<Constraint>{{Comparator::kAny, ""}}
                                     : std::move(open));
  if (limit) {
    for (auto& alt : intervals) alt.push_back({Comparator::kLess, limit->text});
  }
  if (intervals.empty()) {
    // Nothing affected: an impossible interval keeps the scheme's type.
    return MembershipBuilder::FromUnion(std::string(scheme->Name()), *scheme, {});
  }
  return UnionOf(*scheme, intervals);
}

void AddReason(std::string& reasons, std::string_view r) {
  if (!reasons.empty()) reasons += "; ";
  reasons += r;
}

}  // namespace

std::string_view OsvEventKindName(OsvEvent::Kind kind) {
  switch (kind) {
    case OsvEvent::Kind::kIntroduced:
      return "introduced";
    case OsvEvent::Kind::kFixed:
      return "fixed";
    case OsvEvent::Kind::kLastAffected:
      return "last_affected";
    case OsvEvent::Kind::kLimit:
      return "limit";
  }
  return "introduced";
}

std::optional<OsvEvent::Kind> OsvEventKindFromName(std::string_view name) {
  for (auto kind : {OsvEvent::Kind::kIntroduced, OsvEvent::Kind::kFixed,
                    OsvEvent::Kind::kLastAffected, OsvEvent::Kind::kLimit}) {
    if (OsvEventKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

std::string_view VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kAffected:
      return "affected";
    case Verdict::kNotAffected:
      return "not_affected";
    case Verdict::kNotEvaluable:
      return "not_evaluable";
  }
  return "not_evaluable";
}

Result<VersRange> OsvRangeToVers(std::string_view ecosystem, const OsvRange& range) {
  SK_ASSIGN_OR_RETURN(VersRange r, OsvRangeMembership(ecosystem, range));
  if (MembershipBuilder::IsEmpty(r)) {
    return InvalidArgument("the OSV range affects no version; vers cannot write it");
  }
  return r;
}

OsvEvaluator::OsvEvaluator(const OsvAffected& affected) : affected_(&affected) {
  for (const OsvRange& range : affected.ranges) {
    ranges_.push_back(OsvRangeMembership(affected.ecosystem, range));
  }
}

Evaluation OsvEvaluator::Evaluate(std::string_view version) const {
  const OsvAffected& affected = *affected_;
  const version::VersionScheme* eco_scheme = version::SchemeForOsvEcosystem(affected.ecosystem);
  // Schemes that read versions case-insensitively (PyPI's PEP 440) do so
  // also for the legacy texts they cannot parse ("2013-01-21T20:33:09+0100").
  const bool any_case = eco_scheme != nullptr && eco_scheme->IgnoresAsciiCase();
  for (const std::string& listed : affected.versions) {
    bool same = listed == version || (any_case && text::EqualsIgnoreAsciiCase(listed, version));
    if (!same && eco_scheme != nullptr) {
      Result<int> c = eco_scheme->CompareText(listed, version);
      same = c.ok() && *c == 0;
    }
    if (same) return {Verdict::kAffected, "listed in versions as '" + listed + "'"};
  }
  std::string not_evaluable;
  auto where = [&](size_t i) {
    return "ranges[" + std::to_string(i) + "] (" + affected.ranges[i].type + "): ";
  };
  for (size_t i = 0; i < affected.ranges.size(); ++i) {
    const Result<VersRange>& r = ranges_[i];
    if (!r.ok()) {
      AddReason(not_evaluable, where(i) + r.status().message());
      continue;
    }
    auto parsed = r->scheme().Parse(OsvVersionText(affected.ranges[i].type, version));
    if (!parsed.ok()) {
      AddReason(not_evaluable, where(i) + parsed.status().message());
      continue;
    }
    if (r->Contains(**parsed))
      return {Verdict::kAffected, where(i) + "contains " + std::string(version)};
  }
  if (!not_evaluable.empty()) return {Verdict::kNotEvaluable, not_evaluable};
  return {Verdict::kNotAffected, ""};
}

Evaluation EvaluateOsv(const OsvAffected& affected, std::string_view version) {
  return OsvEvaluator(affected).Evaluate(version);
}

Result<VersRange> CpeMatchToVers(const CpeMatchBounds& b, std::string_view vers_type) {
  const version::VersionScheme* scheme = SchemeForVersType(vers_type);
  if (scheme == nullptr) {
    return InvalidArgument("unknown versioning scheme '" + std::string(vers_type) + "'");
  }
  if (!b.start_including.empty() && !b.start_excluding.empty()) {
    return InvalidArgument("cpeMatch has both versionStartIncluding and versionStartExcluding");
  }
  if (!b.end_including.empty() && !b.end_excluding.empty()) {
    return InvalidArgument("cpeMatch has both versionEndIncluding and versionEndExcluding");
  }
  if (b.criteria_version == "-") {
    return Unsupported(
        "the cpeMatch criteria version is '-' (not applicable): no version is meant");
  }
  std::vector<Constraint> conj;
  if (!b.criteria_version.empty() && b.criteria_version != "*") {
    conj.push_back({Comparator::kEqual, b.criteria_version});
  }
  if (!b.start_including.empty()) conj.push_back({Comparator::kGreaterEqual, b.start_including});
  if (!b.start_excluding.empty()) conj.push_back({Comparator::kGreater, b.start_excluding});
  if (!b.end_including.empty()) conj.push_back({Comparator::kLessEqual, b.end_including});
  if (!b.end_excluding.empty()) conj.push_back({Comparator::kLess, b.end_excluding});
  if (conj.empty()) conj.push_back({Comparator::kAny, ""});
  SK_ASSIGN_OR_RETURN(VersRange r, UnionOf(*scheme, {conj}));
  if (MembershipBuilder::IsEmpty(r)) return InvalidArgument("the cpeMatch bounds hold no version");
  return r;
}

Evaluation EvaluateCpeMatch(const CpeMatchBounds& bounds, std::string_view version,
                            std::string_view vers_type) {
  return EvaluateIn(CpeMatchToVers(bounds, vers_type), version);
}

Evaluation EvaluateIn(const Result<VersRange>& r, std::string_view version) {
  if (!r.ok()) return {Verdict::kNotEvaluable, r.status().message()};
  Result<bool> in = r->Contains(version);
  if (!in.ok()) return {Verdict::kNotEvaluable, in.status().message()};
  if (*in) return {Verdict::kAffected, "within " + r->Canonical()};
  return {Verdict::kNotAffected, ""};
}

}  // namespace soupkeeper::range
