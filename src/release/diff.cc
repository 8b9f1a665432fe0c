// The component diff shared by `release diff` and `release verify`: match by
// identity, pair versions, order them by the ecosystem's scheme, compare the
// attributes of each pair.
#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "core/text.h"
#include "soupkeeper/purl.h"
#include "soupkeeper/release.h"
#include "soupkeeper/version.h"

namespace soupkeeper::release {
namespace {

// The version scheme of a component: its purl type's, else generic.
const version::VersionScheme* SchemeOf(const SnapshotComponent& c) {
  if (!c.purl.empty()) {
    Result<purl::Purl> p = purl::Parse(c.purl);
    if (p.ok()) {
      if (const version::VersionScheme* s = version::SchemeForPurlType(p->type)) return s;
    }
  }
  return version::FindScheme("generic");
}

// <0, 0, >0, or nullopt when the scheme cannot order the two.
std::optional<int> CompareVersions(const SnapshotComponent& a, const SnapshotComponent& b) {
  if (a.version == b.version) return 0;
  const version::VersionScheme* scheme = SchemeOf(b);
  if (scheme == nullptr) return std::nullopt;
  Result<int> c = scheme->CompareText(a.version, b.version);
  if (!c.ok()) return std::nullopt;
  return *c;
}

// Sorted, comma-separated "alg:value" (alg upper-case without '-', value
// lower-case), so "SHA-256" and "SHA256" compare equal.
std::string HashesText(const SnapshotComponent& c) {
  std::set<std::string> items;
  for (const auto& [alg, value] : c.hashes) {
    std::string a;
    for (char ch : alg) {
      if (ch == '-' || ch == '_') continue;
      a += text::AsciiUpper(ch);
    }
    items.insert(a + ":" + text::ToAsciiLower(value));
  }
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

std::string LicensesText(const SnapshotComponent& c) {
  std::set<std::string> items;
  for (const auto& l : c.licenses) items.insert(l.second);
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

void CompareAttributes(const std::string& identity, const SnapshotComponent& a,
                       const SnapshotComponent& b, const PairAttributes& extra, ComponentDiff* diff,
                       bool* changed) {
  auto add = [&](std::string attribute, std::string before, std::string after) {
    if (before == after) return;
    diff->attributes.push_back(
        {identity, b.version, std::move(attribute), std::move(before), std::move(after)});
    *changed = true;
  };
  add("supplier", a.supplier, b.supplier);
  add("licenses", LicensesText(a), LicensesText(b));
  if (a.version == b.version) {
    add("hashes", HashesText(a), HashesText(b));
    add("cpe", a.cpe, b.cpe);
  }
  add("scope", a.scope, b.scope);
  if (extra) {
    for (ExtraAttribute& e : extra(a, b)) {
      add(std::move(e.attribute), std::move(e.before), std::move(e.after));
    }
  }
}

// Orders one identity's leftovers by version (scheme order, text as the
// tie-break for pairs the scheme cannot order).
void SortByVersion(std::vector<const SnapshotComponent*>& v) {
  std::stable_sort(v.begin(), v.end(), [](const SnapshotComponent* a, const SnapshotComponent* b) {
    std::optional<int> c = CompareVersions(*a, *b);
    if (c && *c != 0) return *c < 0;
    return a->version < b->version;
  });
}

}  // namespace

std::string IdentityOf(const SnapshotComponent& c) {
  if (!c.purl.empty()) {
    Result<purl::Purl> p = purl::Parse(c.purl);
    if (p.ok()) return purl::WithoutVersion(*p);
  }
  return c.group.empty() ? "name:" + c.name : "name:" + c.group + "/" + c.name;
}

ComponentDiff DiffComponents(const std::vector<SnapshotComponent>& before,
                             const std::vector<SnapshotComponent>& after,
                             const PairAttributes& extra) {
  std::map<std::string,
           std::pair<std::vector<const SnapshotComponent*>, std::vector<const SnapshotComponent*>>>
      by_identity;
  for (const SnapshotComponent& c : before) by_identity[IdentityOf(c)].first.push_back(&c);
  for (const SnapshotComponent& c : after) by_identity[IdentityOf(c)].second.push_back(&c);

  ComponentDiff diff;
  for (auto& [identity, sides] : by_identity) {
    auto& [old_side, new_side] = sides;
    // Equal versions pair first.
    std::vector<const SnapshotComponent*> old_left, new_left;
    std::vector<bool> new_used(new_side.size(), false);
    for (const SnapshotComponent* a : old_side) {
      bool paired = false;
      for (size_t j = 0; j < new_side.size(); ++j) {
        if (new_used[j] || new_side[j]->version != a->version) continue;
        new_used[j] = true;
        bool changed = false;
        CompareAttributes(identity, *a, *new_side[j], extra, &diff, &changed);
        if (!changed) ++diff.unchanged;
        paired = true;
        break;
      }
      if (!paired) old_left.push_back(a);
    }
    for (size_t j = 0; j < new_side.size(); ++j) {
      if (!new_used[j]) new_left.push_back(new_side[j]);
    }
    // The rest pair in version order; what is left over is added or removed.
    SortByVersion(old_left);
    SortByVersion(new_left);
    size_t pairs = std::min(old_left.size(), new_left.size());
    for (size_t i = 0; i < pairs; ++i) {
      const SnapshotComponent& a = *old_left[i];
      const SnapshotComponent& b = *new_left[i];
      std::optional<int> c = CompareVersions(a, b);
      std::string direction = !c       ? "changed"
                              : *c < 0 ? "upgraded"
                              : *c > 0 ? "downgraded"
                                       : "changed";
      diff.versions.push_back({identity, direction, a, b});
      bool changed = true;
      CompareAttributes(identity, a, b, extra, &diff, &changed);
    }
    for (size_t i = pairs; i < old_left.size(); ++i) diff.removed.push_back(*old_left[i]);
    for (size_t i = pairs; i < new_left.size(); ++i) diff.added.push_back(*new_left[i]);
  }
  return diff;
}

nlohmann::json ToJson(const ComponentDiff& diff) {
  auto brief = [](const SnapshotComponent& c) {
    return nlohmann::json{{"identity", IdentityOf(c)},
                          {"name", c.name},
                          {"group", c.group},
                          {"version", c.version},
                          {"purl", c.purl},
                          {"supplier", c.supplier},
                          {"ref", c.ref}};
  };
  nlohmann::json out = {
      {"added", nlohmann::json::array()},    {"removed", nlohmann::json::array()},
      {"upgraded", nlohmann::json::array()}, {"downgraded", nlohmann::json::array()},
      {"changed", nlohmann::json::array()},  {"attributes", nlohmann::json::array()}};
  for (const SnapshotComponent& c : diff.added) out["added"].push_back(brief(c));
  for (const SnapshotComponent& c : diff.removed) out["removed"].push_back(brief(c));
  for (const VersionChange& v : diff.versions) {
    out[v.direction].push_back({{"identity", v.identity},
                                {"name", v.after.name},
                                {"before", v.before.version},
                                {"after", v.after.version}});
  }
  for (const AttributeChange& a : diff.attributes) {
    out["attributes"].push_back({{"identity", a.identity},
                                 {"version", a.version},
                                 {"attribute", a.attribute},
                                 {"before", a.before},
                                 {"after", a.after}});
  }
  out["summary"] = {{"added", out["added"].size()},       {"removed", out["removed"].size()},
                    {"upgraded", out["upgraded"].size()}, {"downgraded", out["downgraded"].size()},
                    {"changed", out["changed"].size()},   {"attributes", out["attributes"].size()},
                    {"unchanged", diff.unchanged}};
  return out;
}

std::vector<std::string> DiffLines(const ComponentDiff& d) {
  std::vector<std::string> lines;
  auto shown = [](const std::string& s) { return s.empty() ? std::string("-") : s; };
  auto line = [&](std::string kind, const std::string& text) {
    kind.resize(std::max<size_t>(kind.size() + 2, 12), ' ');
    lines.push_back(kind + text);
  };
  for (const auto& c : d.added) line("added", IdentityOf(c) + " " + shown(c.version));
  for (const auto& c : d.removed) line("removed", IdentityOf(c) + " " + shown(c.version));
  for (const auto& v : d.versions) {
    line(v.direction, v.identity + " " + shown(v.before.version) + " -> " + shown(v.after.version));
  }
  for (const auto& a : d.attributes) {
    line(a.attribute,
         a.identity + " " + shown(a.version) + ": " + shown(a.before) + " -> " + shown(a.after));
  }
  return lines;
}

std::string DiffSummary(const ComponentDiff& d) {
  size_t up = 0, down = 0, other = 0;
  for (const auto& v : d.versions) {
    (v.direction == "upgraded" ? up : v.direction == "downgraded" ? down : other) += 1;
  }
  return std::to_string(d.added.size()) + " added, " + std::to_string(d.removed.size()) +
         " removed, " + std::to_string(up) + " upgraded, " + std::to_string(down) +
         " downgraded, " + std::to_string(other) + " other version changes, " +
         std::to_string(d.attributes.size()) + " attribute changes, " +
         std::to_string(d.unchanged) + " unchanged";
}

}  // namespace soupkeeper::release
