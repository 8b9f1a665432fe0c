// Reads back the records the knowledge base stores (vuln::ToJson's form).
#include <nlohmann/json.hpp>

#include "soupkeeper/match.h"

namespace soupkeeper::match {
namespace {

using nlohmann::json;

std::string Text(const json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> List(const json& o, const char* key) {
  std::vector<std::string> out;
  auto it = o.find(key);
  if (it == o.end() || !it->is_array()) return out;
  for (const json& e : *it) {
    if (e.is_string()) out.push_back(e.get<std::string>());
  }
  return out;
}

const json& Array(const json& o, const char* key) {
  static const json empty = json::array();
  auto it = o.find(key);
  return it != o.end() && it->is_array() ? *it : empty;
}

std::optional<double> Number(const json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

Result<range::OsvEvent::Kind> EventKind(const std::string& name) {
  if (name == "introduced") return range::OsvEvent::Kind::kIntroduced;
  if (name == "fixed") return range::OsvEvent::Kind::kFixed;
  if (name == "last_affected") return range::OsvEvent::Kind::kLastAffected;
  if (name == "limit") return range::OsvEvent::Kind::kLimit;
  return Corruption("stored record: unknown OSV event '" + name + "'");
}

std::string Minified(const json& o, const char* key) {
  auto it = o.find(key);
  return it == o.end() ? std::string() : it->dump();
}

}  // namespace

Result<vuln::Vulnerability> RecordFromJson(const json& j) {
  if (!j.is_object()) return Corruption("stored record: not a JSON object");
  vuln::Vulnerability v;
  v.id = Text(j, "id");
  v.aliases = List(j, "aliases");
  v.related = List(j, "related");
  v.summary = Text(j, "summary");
  v.details = Text(j, "details");
  v.published = Text(j, "published");
  v.modified = Text(j, "modified");
  v.withdrawn = Text(j, "withdrawn");
  v.status = Text(j, "status");
  v.cwes = List(j, "cwes");
  v.advisory_id = Text(j, "advisory_id");
  for (const json& s : Array(j, "severities")) {
    vuln::SeverityScore score;
    score.type = Text(s, "type");
    score.version = Text(s, "version");
    score.vector = Text(s, "vector");
    score.source = Text(s, "source");
    score.kind = Text(s, "kind");
    score.base_score = Number(s, "base_score");
    score.rating = Text(s, "rating");
    score.published_score = Number(s, "published_score");
    score.problem = Text(s, "problem");
    v.severities.push_back(std::move(score));
  }
  for (const json& a : Array(j, "affected")) {
    vuln::PackageAffected p;
    p.ecosystem = Text(a, "ecosystem");
    p.name = Text(a, "name");
    p.purl = Text(a, "purl");
    p.ranges.ecosystem = p.ecosystem;
    for (const json& r : Array(a, "ranges")) {
      range::OsvRange osv;
      osv.type = Text(r, "type");
      for (const json& e : Array(r, "events")) {
        if (!e.is_object() || e.size() != 1 || !e.begin().value().is_string()) {
          return Corruption("stored record " + v.id + ": malformed OSV event " + e.dump());
        }
        SK_ASSIGN_OR_RETURN(range::OsvEvent::Kind kind, EventKind(e.begin().key()));
        osv.events.push_back({kind, e.begin().value().get<std::string>()});
      }
      p.ranges.ranges.push_back(std::move(osv));
      p.range_repos.push_back(Text(r, "repo"));
    }
    p.ranges.versions = List(a, "versions");
    p.ecosystem_specific = Minified(a, "ecosystem_specific");
    p.database_specific = Minified(a, "database_specific");
    v.affected.push_back(std::move(p));
  }
  for (const json& c : Array(j, "configurations")) {
    vuln::Configuration config;
    config.op = Text(c, "operator");
    config.negate = c.value("negate", false);
    for (const json& n : Array(c, "nodes")) {
      vuln::ConfigNode node;
      node.op = Text(n, "operator");
      node.negate = n.value("negate", false);
      for (const json& m : Array(n, "cpe_match")) {
        vuln::CpeMatch match;
        match.vulnerable = m.value("vulnerable", true);
        match.criteria = Text(m, "criteria");
        match.match_criteria_id = Text(m, "match_criteria_id");
        match.bounds.start_including = Text(m, "version_start_including");
        match.bounds.start_excluding = Text(m, "version_start_excluding");
        match.bounds.end_including = Text(m, "version_end_including");
        match.bounds.end_excluding = Text(m, "version_end_excluding");
        node.matches.push_back(std::move(match));
      }
      config.nodes.push_back(std::move(node));
    }
    v.configurations.push_back(std::move(config));
  }
  for (const json& p : Array(j, "products")) {
    v.products.push_back({Text(p, "product_id"), Text(p, "name"), Text(p, "purl"), Text(p, "cpe"),
                          Text(p, "status")});
  }
  for (const json& r : Array(j, "remediations")) {
    v.remediations.push_back(
        {Text(r, "category"), Text(r, "details"), Text(r, "url"), List(r, "product_ids")});
  }
  for (const json& f : Array(j, "flags"))
    v.flags.push_back({Text(f, "label"), List(f, "product_ids")});
  if (auto it = j.find("kev"); it != j.end() && it->is_object()) {
    const json& k = *it;
    v.kev = vuln::Kev{Text(k, "date_added"),
                      Text(k, "due_date"),
                      Text(k, "known_ransomware_campaign_use"),
                      Text(k, "required_action"),
                      Text(k, "vendor_project"),
                      Text(k, "product"),
                      Text(k, "vulnerability_name"),
                      Text(k, "notes"),
                      Text(k, "catalog_version")};
  }
  if (auto it = j.find("epss"); it != j.end() && it->is_object()) {
    v.epss = vuln::Epss{Number(*it, "score").value_or(0), Number(*it, "percentile").value_or(0),
                        Text(*it, "date"), Text(*it, "model_version")};
  }
  if (auto it = j.find("provenance"); it != j.end() && it->is_object()) {
    const json& p = *it;
    v.provenance = {Text(p, "source"),     Text(p, "source_id"),   Text(p, "location"),
                    Text(p, "fetched_at"), Text(p, "imported_at"), Text(p, "source_modified"),
                    Text(p, "sha256")};
  }
  return v;
}

}  // namespace soupkeeper::match
