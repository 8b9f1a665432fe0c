// Components against the knowledge view: candidates by index key, each
// matcher's evidence, then the precision rules (one finding per component and
// identity, ecosystem over CPE, withdrawn records ignored, severity, KEV,
// EPSS). See docs/matching.md.
#include <algorithm>
#include <set>

#include "core/text.h"
#include "match/internal.h"
#include "soupkeeper/cpe.h"

namespace soupkeeper::match {
namespace {

using nlohmann::json;

json EvidenceJson(const Evidence& e) {
  json o = {{"matcher", e.matcher},
            {"source", e.source},
            {"record_id", e.record_id},
            {"verdict", e.verdict},
            {"reason", e.reason},
            {"rule", e.rule},
            {"component_fields", e.component_fields}};
  return o;
}

// CPE candidates for a component with neither purl nor CPE: the product is
// the name (lower case, spaces as '_'), the vendors the product itself, the
// supplier's first word and the group's last segment.
std::vector<std::string> DeriveCpes(const sbom::Component& c) {
  std::vector<std::string> out;
  if (c.name.empty() || c.version.empty()) return out;
  std::string product = text::ToAsciiLower(c.name);
  std::replace(product.begin(), product.end(), ' ', '_');
  std::vector<std::string> vendors = {product};
  if (c.supplier && !c.supplier->name.empty()) {
    std::string s = text::ToAsciiLower(c.supplier->name);
    vendors.push_back(s.substr(0, s.find(' ')));
  }
  if (!c.group.empty()) {
    std::string g = text::ToAsciiLower(c.group);
    size_t dot = g.find_last_of("./");
    vendors.push_back(dot == std::string::npos ? g : g.substr(dot + 1));
  }
  auto p = cpe::Value::FromLiteral(product);
  auto v = cpe::Value::FromLiteral(c.version);
  if (!p.ok() || !v.ok()) return out;
  std::set<std::string> seen;
  for (const std::string& vendor : vendors) {
    auto ven = cpe::Value::FromLiteral(vendor);
    if (vendor.empty() || !ven.ok() || !seen.insert(vendor).second) continue;
    cpe::Wfn w;
    if (!w.Set(cpe::Attribute::kPart, *cpe::Value::FromWfn("a")).ok()) continue;
    if (!w.Set(cpe::Attribute::kVendor, *ven).ok()) continue;
    if (!w.Set(cpe::Attribute::kProduct, *p).ok()) continue;
    if (!w.Set(cpe::Attribute::kVersion, *v).ok()) continue;
    out.push_back(w.ToFormattedString());
  }
  return out;
}

std::optional<Severity> HighestSeverity(const Knowledge& kb, const std::string& identity) {
  std::optional<Severity> best;
  auto it = kb.by_identity.find(identity);
  if (it == kb.by_identity.end()) return best;
  for (size_t i : it->second) {
    const vuln::Vulnerability& v = kb.records[i].v;
    if (!v.withdrawn.empty()) continue;
    for (const vuln::SeverityScore& s : v.severities) {
      if (!s.base_score) continue;
      if (best && *s.base_score <= best->score) continue;
      std::string who = v.provenance.source + (s.source.empty() ? "" : " (" + s.source + ")");
      best = Severity{*s.base_score, s.rating, s.vector, who,
                      v.provenance.source_id.empty() ? v.id : v.provenance.source_id};
    }
  }
  return best;
}

std::vector<std::string> CveIds(const Knowledge& kb, const std::string& identity) {
  std::vector<std::string> out;
  if (identity.rfind("CVE-", 0) == 0) out.push_back(identity);
  auto it = kb.aliases.find(identity);
  if (it != kb.aliases.end()) {
    for (const std::string& a : it->second) {
      if (a.rfind("CVE-", 0) == 0 && a != identity) out.push_back(a);
    }
  }
  return out;
}

bool Concerns(const Evidence& e) { return e.verdict != "not_affected"; }

}  // namespace

std::string_view ConfidenceName(Confidence c) {
  switch (c) {
    case Confidence::kHigh:
      return "high";
    case Confidence::kMedium:
      return "medium";
    case Confidence::kLow:
      return "low";
  }
  return "low";
}

json ToJson(const Finding& f) {
  json o = {{"component",
             {{"bom_ref", f.component_ref},
              {"name", f.component_name},
              {"version", f.component_version}}},
            {"vulnerability", f.vulnerability},
            {"aliases", f.aliases},
            {"status", f.status},
            {"confidence", std::string(ConfidenceName(f.confidence))},
            {"derived_cpe", f.derived_cpe}};
  if (!f.purl.empty()) o["component"]["purl"] = f.purl;
  if (!f.cpe.empty()) o["component"]["cpe"] = f.cpe;
  if (!f.summary.empty()) o["summary"] = f.summary;
  if (f.severity) {
    o["severity"] = {{"score", f.severity->score},
                     {"rating", f.severity->rating},
                     {"vector", f.severity->vector},
                     {"source", f.severity->source},
                     {"record_id", f.severity->record_id}};
  } else {
    o["severity"] = nullptr;
  }
  if (f.kev) {
    o["kev"] = {{"date_added", f.kev->date_added},
                {"due_date", f.kev->due_date},
                {"known_ransomware_campaign_use", f.kev->known_ransomware_campaign_use},
                {"required_action", f.kev->required_action}};
  } else {
    o["kev"] = nullptr;
  }
  if (f.epss) {
    o["epss"] = {
        {"score", f.epss->score}, {"percentile", f.epss->percentile}, {"date", f.epss->date}};
  } else {
    o["epss"] = nullptr;
  }
  o["fixed_versions"] = f.fixed_versions;
  json ev = json::array();
  for (const Evidence& e : f.evidence) ev.push_back(EvidenceJson(e));
  o["evidence"] = std::move(ev);
  json co = json::array();
  for (const Evidence& e : f.corroboration) co.push_back(EvidenceJson(e));
  if (!co.empty()) o["corroboration"] = std::move(co);
  return o;
}

std::vector<std::string> ComponentKeys(const ComponentView& c) {
  std::vector<std::string> keys;
  for (const auto& m : BuiltinMatchers()) m->ComponentKeys(c, keys);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

VersionProbe ProbeComponent(const ComponentView& c) {
  VersionProbe probe;
  for (const auto& m : BuiltinMatchers()) m->ProbeVersions(c, probe);
  return probe;
}

std::vector<IndexEntry> IndexEntries(const vuln::Vulnerability& v) {
  std::vector<IndexEntry> all;
  bool unbounded = !v.withdrawn.empty();
  for (const auto& m : BuiltinMatchers()) {
    m->RecordKeys(v, all);
    unbounded = unbounded || m->MatchesBeyondKeys(v);
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const IndexEntry& a, const IndexEntry& b) { return a.key < b.key; });
  std::vector<IndexEntry> out;
  for (IndexEntry& e : all) {
    if (out.empty() || out.back().key != e.key) {
      out.push_back(std::move(e));
    } else if (out.back().bounds && e.bounds) {
      VersionBounds& into = *out.back().bounds;
      for (range::OsvAffected& a : e.bounds->osv) into.osv.push_back(std::move(a));
      for (range::CpeMatchBounds& b : e.bounds->cpe) into.cpe.push_back(std::move(b));
    } else {
      out.back().bounds.reset();
    }
  }
  if (unbounded) {
    for (IndexEntry& e : out) e.bounds.reset();
  }
  return out;
}

std::vector<std::string> IndexKeys(const vuln::Vulnerability& v) {
  std::vector<std::string> keys;
  for (IndexEntry& e : IndexEntries(v)) keys.push_back(std::move(e.key));
  return keys;
}

void Knowledge::Add(Record r) {
  std::vector<std::string> keys = IndexKeys(r.v);
  Add(std::move(r), keys);
}

void Knowledge::Add(Record r, const std::vector<std::string>& keys) {
  size_t i = records.size();
  for (const std::string& k : keys) by_key.emplace(k, i);
  by_identity[r.identity].push_back(i);
  records.push_back(std::move(r));
}

std::vector<ComponentView> PrepareComponents(const sbom::Document& doc, DiagnosticSink& sink) {
  std::vector<ComponentView> out;
  for (size_t i = 0; i < doc.components.size(); ++i) {
    const sbom::Component& c = doc.components[i];
    ComponentView v;
    v.index = i;
    v.component = &c;
    if (!c.purl.empty()) {
      auto p = purl::Parse(c.purl, purl::ParseMode::kLenient);
      if (p.ok()) {
        v.purl = std::move(*p);
      } else {
        sink.Report({soupkeeper::Severity::kWarning, "", c.location + "/purl",
                     p.status().message() + "; the component is matched by its other identifiers"});
      }
    }
    if (!c.cpe.empty()) {
      auto w = cpe::Parse(c.cpe);
      if (w.ok()) {
        v.cpe = w->ToFormattedString();
      } else {
        sink.Report({soupkeeper::Severity::kWarning, "", c.location + "/cpe",
                     w.status().message() + "; the component is matched by its other identifiers"});
      }
    }
    bool ecosystem_purl = v.purl && v.purl->type != "generic";
    if (!ecosystem_purl && v.cpe.empty()) v.derived_cpes = DeriveCpes(c);
    if (v.purl && (v.purl->type == "deb" || v.purl->type == "rpm" || v.purl->type == "apk") &&
        DistroEcosystems(*v.purl).empty()) {
      sink.Report({soupkeeper::Severity::kWarning, "", c.location + "/purl",
                   c.purl + ": no distro release (qualifier distro) known; distribution "
                            "advisories are not matched for this component"});
    }
    out.push_back(std::move(v));
  }
  return out;
}

ScanResult MatchComponents(const std::vector<ComponentView>& components, const Knowledge& kb,
                           const std::vector<ComponentView>* context) {
  ScanResult result;
  MatchContext ctx{context ? *context : components};
  const auto& matchers = BuiltinMatchers();
  for (const ComponentView& c : components) {
    ++result.stats.components;
    std::vector<std::string> keys;
    for (const auto& m : matchers) m->ComponentKeys(c, keys);
    if (keys.empty()) ++result.stats.components_without_identity;
    std::set<size_t> candidates;
    for (const std::string& k : keys) {
      auto [lo, hi] = kb.by_key.equal_range(k);
      for (auto it = lo; it != hi; ++it) candidates.insert(it->second);
    }
    struct Acc {
      std::vector<Evidence> ecosystem, other, cpe;
      std::vector<std::string> fixed;
    };
    std::map<std::string, Acc> by_identity;
    for (size_t i : candidates) {
      const Record& r = kb.records[i];
      if (!r.v.withdrawn.empty()) {
        ++result.stats.withdrawn_skipped;
        continue;
      }
      ++result.stats.records_considered;
      Acc& acc = by_identity[r.identity];
      for (const auto& m : matchers) {
        std::vector<Evidence> ev;
        m->Match(c, r, ctx, ev, acc.fixed);
        auto& into = m->IsEcosystem()                                     ? acc.ecosystem
                     : (m->Name() == "cpe" || m->Name() == "derived-cpe") ? acc.cpe
                                                                          : acc.other;
        for (Evidence& e : ev) into.push_back(std::move(e));
      }
    }
    bool matched = false;
    for (auto& [identity, acc] : by_identity) {
      std::vector<Evidence> deciding = acc.ecosystem;
      for (Evidence& e : acc.other) deciding.push_back(e);
      Finding f;
      bool covered = !acc.ecosystem.empty();
      if (covered) {
        for (Evidence& e : acc.cpe) {
          if (Concerns(e)) f.corroboration.push_back(e);
        }
        if (!f.corroboration.empty()) ++result.stats.cpe_dropped_for_ecosystem;
      } else {
        for (Evidence& e : acc.cpe) deciding.push_back(e);
      }
      auto any = [&](const char* verdict) {
        return std::any_of(deciding.begin(), deciding.end(),
                           [&](const Evidence& e) { return e.verdict == verdict; });
      };
      if (any("affected")) {
        f.status = "affected";
      } else if (any("under_investigation")) {
        f.status = "under_investigation";
      } else if (any("not_evaluable")) {
        f.status = "not_evaluable";
      } else {
        continue;
      }
      // Evidence: the entries that concern the component, deciding ones first.
      std::stable_sort(deciding.begin(), deciding.end(), [&](const Evidence& a, const Evidence& b) {
        return (a.verdict == f.status) > (b.verdict == f.status);
      });
      f.evidence = std::move(deciding);
      bool high = false, medium = false;
      f.derived_cpe = true;
      for (const Evidence& e : f.evidence) {
        if (e.verdict != f.status) continue;
        if (e.matcher != "derived-cpe") f.derived_cpe = false;
        if (e.matcher == "cpe") medium = true;
        if (e.matcher == "ecosystem" || e.matcher == "distro" || e.matcher == "csaf") high = true;
      }
      f.confidence = high ? Confidence::kHigh : medium ? Confidence::kMedium : Confidence::kLow;
      f.component_index = c.index;
      f.component_ref = c.component->ref;
      f.component_name = c.component->name;
      f.component_version = internal::ComponentVersion(c);
      f.purl = c.component->purl;
      f.cpe = c.component->cpe;
      f.vulnerability = identity;
      if (auto a = kb.aliases.find(identity); a != kb.aliases.end()) f.aliases = a->second;
      if (f.aliases.empty()) f.aliases.push_back(identity);
      std::sort(f.aliases.begin(), f.aliases.end());
      // Summary: of a deciding record, else of any record of the identity.
      if (auto recs = kb.by_identity.find(identity); recs != kb.by_identity.end()) {
        for (size_t i : recs->second) {
          const vuln::Vulnerability& v = kb.records[i].v;
          if (!v.summary.empty() && v.provenance.source_id == f.evidence[0].record_id)
            f.summary = v.summary;
        }
        for (size_t i : recs->second) {
          if (f.summary.empty()) f.summary = kb.records[i].v.summary;
        }
      }
      f.severity = HighestSeverity(kb, identity);
      for (const std::string& cve : CveIds(kb, identity)) {
        if (!f.kev) {
          if (auto k = kb.kev.find(cve); k != kb.kev.end()) f.kev = k->second;
        }
        if (!f.epss) {
          if (auto e = kb.epss.find(cve); e != kb.epss.end()) f.epss = e->second;
        }
      }
      std::sort(acc.fixed.begin(), acc.fixed.end());
      acc.fixed.erase(std::unique(acc.fixed.begin(), acc.fixed.end()), acc.fixed.end());
      f.fixed_versions = acc.fixed;
      if (f.status == "not_evaluable") ++result.stats.not_evaluable;
      matched = true;
      result.findings.push_back(std::move(f));
    }
    if (matched) ++result.stats.components_matched;
  }
  return result;
}

}  // namespace soupkeeper::match
