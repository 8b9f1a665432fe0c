// SBOM differences; see sbom_diff.h.
#include <algorithm>
#include <map>
#include <set>

#include "sbom/encode_support.h"
#include "soupkeeper/purl.h"
#include "soupkeeper/sbom_diff.h"
#include "soupkeeper/version.h"

namespace soupkeeper::sbom {
namespace {

std::vector<const Component*> AllComponents(const Document& doc) {
  std::vector<const Component*> all;
  if (doc.subject) all.push_back(&*doc.subject);
  for (const Component& c : doc.components) all.push_back(&c);
  return all;
}

std::set<std::string> LicenseSet(const Component& c) {
  std::set<std::string> s;
  for (const License& l : c.licenses) s.insert(l.value);
  return s;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return s;
}

std::set<std::pair<std::string, std::string>> HashSet(const Component& c) {
  std::set<std::pair<std::string, std::string>> s;
  for (const Hash& h : c.hashes) {
    std::string alg = encode::CdxHashAlg(h.alg);
    s.emplace(alg.empty() ? h.alg : alg, Lower(h.value));
  }
  return s;
}

std::string SupplierName(const Component& c) { return c.supplier ? c.supplier->name : ""; }

VersionChange CompareVersions(const Component& a, const Component& b) {
  if (a.version == b.version) return VersionChange::kSame;
  Result<purl::Purl> p = purl::Parse(b.purl.empty() ? a.purl : b.purl, purl::ParseMode::kLenient);
  if (!p.ok()) return VersionChange::kChanged;
  const version::VersionScheme* scheme = version::SchemeForPurlType(p->type);
  if (scheme == nullptr) return VersionChange::kChanged;
  Result<int> c = scheme->CompareText(a.version, b.version);
  if (!c.ok()) return VersionChange::kChanged;
  if (*c < 0) return VersionChange::kUpgraded;
  if (*c > 0) return VersionChange::kDowngraded;
  // Different text, equal in the ecosystem's order ("1.0" and "1.0.0"):
  // neither newer nor older, but not the same record either.
  return VersionChange::kChanged;
}

}  // namespace

std::string_view VersionChangeName(VersionChange c) {
  switch (c) {
    case VersionChange::kSame:
      return "same";
    case VersionChange::kUpgraded:
      return "upgraded";
    case VersionChange::kDowngraded:
      return "downgraded";
    case VersionChange::kChanged:
      return "changed";
  }
  return "changed";
}

std::string IdentityKey(const Component& c) {
  if (!c.purl.empty()) {
    Result<purl::Purl> p = purl::Parse(c.purl, purl::ParseMode::kLenient);
    if (p.ok()) return purl::WithoutVersion(*p);
  }
  return c.group.empty() ? c.name : c.group + "/" + c.name;
}

SbomDiff Diff(const Document& a, const Document& b) {
  SbomDiff d;
  std::vector<const Component*> as = AllComponents(a), bs = AllComponents(b);
  // Identity -> indices in bs, in order; a B component is taken once.
  std::map<std::string, std::vector<size_t>> b_by_key;
  std::vector<std::string> b_keys(bs.size());
  for (size_t i = 0; i < bs.size(); ++i) {
    b_keys[i] = IdentityKey(*bs[i]);
    b_by_key[b_keys[i]].push_back(i);
  }
  std::vector<bool> b_taken(bs.size(), false);
  std::vector<int> match(as.size(), -1);
  std::vector<std::string> a_keys(as.size());
  for (size_t i = 0; i < as.size(); ++i) a_keys[i] = IdentityKey(*as[i]);
  // Equal versions first, then the rest in order.
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 0; i < as.size(); ++i) {
      if (match[i] >= 0) continue;
      auto it = b_by_key.find(a_keys[i]);
      if (it == b_by_key.end()) continue;
      for (size_t j : it->second) {
        if (b_taken[j] || (pass == 0 && bs[j]->version != as[i]->version)) continue;
        match[i] = static_cast<int>(j);
        b_taken[j] = true;
        break;
      }
    }
  }
  for (size_t i = 0; i < as.size(); ++i) {
    if (match[i] < 0) {
      d.removed.push_back(*as[i]);
      continue;
    }
    const Component& before = *as[i];
    const Component& after = *bs[match[i]];
    ComponentChange c;
    c.version = CompareVersions(before, after);
    c.supplier_changed = SupplierName(before) != SupplierName(after);
    c.licenses_changed = LicenseSet(before) != LicenseSet(after);
    c.hashes_changed = HashSet(before) != HashSet(after);
    if (c.version == VersionChange::kSame && !c.supplier_changed && !c.licenses_changed &&
        !c.hashes_changed) {
      ++d.unchanged;
      continue;
    }
    c.key = a_keys[i];
    c.before = before;
    c.after = after;
    d.changed.push_back(std::move(c));
  }
  for (size_t j = 0; j < bs.size(); ++j) {
    if (!b_taken[j]) d.added.push_back(*bs[j]);
  }
  return d;
}

}  // namespace soupkeeper::sbom
