// The Vulnerability model: its JSON form, severity scoring, platforms.
#include <cmath>

#include "core/text.h"
#include "soupkeeper/cvss.h"
#include "soupkeeper/vuln.h"
#include "vuln/record_form.h"

namespace soupkeeper::vuln {
namespace {

using nlohmann::json;

void PutText(json& o, const char* key, const std::string& v) {
  if (!v.empty()) o[key] = v;
}

void PutList(json& o, const char* key, const std::vector<std::string>& v) {
  if (!v.empty()) o[key] = v;
}

// Minified JSON text (from simdjson, so valid) as a JSON value.
void PutRawJson(json& o, const char* key, const std::string& text) {
  if (text.empty()) return;
  json v = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!v.is_discarded()) o[key] = std::move(v);
}

json SeverityJson(const SeverityScore& s) {
  json o = json::object();
  PutText(o, "type", s.type);
  PutText(o, "version", s.version);
  PutText(o, "vector", s.vector);
  PutText(o, "source", s.source);
  PutText(o, "kind", s.kind);
  if (s.base_score) o["base_score"] = OneDecimal(*s.base_score);
  PutText(o, "rating", s.rating);
  if (s.published_score) o["published_score"] = OneDecimal(*s.published_score);
  PutText(o, "problem", s.problem);
  return o;
}

json AffectedJson(const PackageAffected& a) {
  json o = json::object();
  PutText(o, "ecosystem", a.ecosystem);
  PutText(o, "name", a.name);
  PutText(o, "purl", a.purl);
  json ranges = json::array();
  for (size_t i = 0; i < a.ranges.ranges.size(); ++i) {
    const range::OsvRange& r = a.ranges.ranges[i];
    json events = json::array();
    for (const range::OsvEvent& e : r.events) {
      events.push_back({{std::string(range::OsvEventKindName(e.kind)), e.version}});
    }
    json jr = {{"type", r.type}, {"events", events}};
    if (i < a.range_repos.size() && !a.range_repos[i].empty()) jr["repo"] = a.range_repos[i];
    ranges.push_back(std::move(jr));
  }
  if (!ranges.empty()) o["ranges"] = ranges;
  PutList(o, "versions", a.ranges.versions);
  PutRawJson(o, "ecosystem_specific", a.ecosystem_specific);
  PutRawJson(o, "database_specific", a.database_specific);
  return o;
}

json MatchJson(const CpeMatch& m) {
  json o = {{"vulnerable", m.vulnerable}, {"criteria", m.criteria}};
  PutText(o, "match_criteria_id", m.match_criteria_id);
  PutText(o, "version_start_including", m.bounds.start_including);
  PutText(o, "version_start_excluding", m.bounds.start_excluding);
  PutText(o, "version_end_including", m.bounds.end_including);
  PutText(o, "version_end_excluding", m.bounds.end_excluding);
  return o;
}

json ConfigurationJson(const Configuration& c) {
  json nodes = json::array();
  for (const ConfigNode& n : c.nodes) {
    json matches = json::array();
    for (const CpeMatch& m : n.matches) matches.push_back(MatchJson(m));
    nodes.push_back({{"operator", n.op}, {"negate", n.negate}, {"cpe_match", matches}});
  }
  json o = {{"operator", c.op}, {"negate", c.negate}, {"nodes", nodes}};
  std::vector<std::string> platforms = Platforms(c);
  if (!platforms.empty()) o["platforms"] = platforms;
  return o;
}

}  // namespace

double OneDecimal(double d) { return std::round(d * 10.0) / 10.0; }

std::vector<std::string> Platforms(const Configuration& config) {
  std::vector<std::string> out;
  if (config.op != "AND") return out;
  bool any_vulnerable = false;
  for (const ConfigNode& n : config.nodes) {
    for (const CpeMatch& m : n.matches) any_vulnerable |= m.vulnerable;
  }
  if (!any_vulnerable) return out;
  for (const ConfigNode& n : config.nodes) {
    for (const CpeMatch& m : n.matches) {
      if (!m.vulnerable) out.push_back(m.criteria);
    }
  }
  return out;
}

void ScoreSeverity(SeverityScore& severity) {
  Result<cvss::Scores> scores = cvss::ParseAndCalculate(severity.vector);
  if (!scores.ok()) {
    severity.problem = scores.status().message();
    return;
  }
  severity.version = std::string(cvss::VersionName(scores->version));
  severity.base_score = scores->base.value;
  std::string rating(cvss::RatingName(scores->base.rating));
  text::AsciiLowerInPlace(&rating);
  severity.rating = rating;
  severity.problem.clear();
}

nlohmann::json ToJson(const Vulnerability& v) {
  json o = json::object();
  o["id"] = v.id;
  PutList(o, "aliases", v.aliases);
  PutList(o, "related", v.related);
  PutText(o, "summary", v.summary);
  PutText(o, "details", v.details);
  PutText(o, "published", v.published);
  PutText(o, "modified", v.modified);
  PutText(o, "withdrawn", v.withdrawn);
  PutText(o, "status", v.status);
  if (!v.severities.empty()) {
    json a = json::array();
    for (const SeverityScore& s : v.severities) a.push_back(SeverityJson(s));
    o["severities"] = a;
  }
  PutList(o, "cwes", v.cwes);
  if (!v.references.empty()) {
    json a = json::array();
    for (const Reference& r : v.references) {
      json jr = {{"url", r.url}};
      PutText(jr, "type", r.type);
      PutList(jr, "tags", r.tags);
      a.push_back(std::move(jr));
    }
    o["references"] = a;
  }
  if (!v.affected.empty()) {
    json a = json::array();
    for (const PackageAffected& p : v.affected) a.push_back(AffectedJson(p));
    o["affected"] = a;
  }
  if (!v.configurations.empty()) {
    json a = json::array();
    for (const Configuration& c : v.configurations) a.push_back(ConfigurationJson(c));
    o["configurations"] = a;
  }
  if (!v.products.empty()) {
    json a = json::array();
    for (const ProductStatus& p : v.products) {
      json jp = {{"product_id", p.product_id}, {"status", p.status}};
      PutText(jp, "name", p.name);
      PutText(jp, "purl", p.purl);
      PutText(jp, "cpe", p.cpe);
      a.push_back(std::move(jp));
    }
    o["products"] = a;
  }
  if (!v.remediations.empty()) {
    json a = json::array();
    for (const Remediation& r : v.remediations) {
      json jr = {{"category", r.category}};
      PutText(jr, "details", r.details);
      PutText(jr, "url", r.url);
      PutList(jr, "product_ids", r.product_ids);
      a.push_back(std::move(jr));
    }
    o["remediations"] = a;
  }
  if (!v.flags.empty()) {
    json a = json::array();
    for (const Flag& f : v.flags) a.push_back({{"label", f.label}, {"product_ids", f.product_ids}});
    o["flags"] = a;
  }
  PutText(o, "advisory_id", v.advisory_id);
  PutRawJson(o, "database_specific", v.database_specific);
  if (v.kev) {
    json k = json::object();
    PutText(k, "date_added", v.kev->date_added);
    PutText(k, "due_date", v.kev->due_date);
    PutText(k, "known_ransomware_campaign_use", v.kev->known_ransomware_campaign_use);
    PutText(k, "required_action", v.kev->required_action);
    PutText(k, "vendor_project", v.kev->vendor_project);
    PutText(k, "product", v.kev->product);
    PutText(k, "vulnerability_name", v.kev->vulnerability_name);
    PutText(k, "notes", v.kev->notes);
    PutText(k, "catalog_version", v.kev->catalog_version);
    o["kev"] = k;
  }
  if (v.epss) {
    o["epss"] = {{"score", v.epss->score},
                 {"percentile", v.epss->percentile},
                 {"date", v.epss->date},
                 {"model_version", v.epss->model_version}};
  }
  json p = json::object();
  PutText(p, "source", v.provenance.source);
  PutText(p, "source_id", v.provenance.source_id);
  PutText(p, "location", v.provenance.location);
  PutText(p, "fetched_at", v.provenance.fetched_at);
  PutText(p, "imported_at", v.provenance.imported_at);
  PutText(p, "source_modified", v.provenance.source_modified);
  PutText(p, "sha256", v.provenance.sha256);
  o["provenance"] = p;
  return o;
}

}  // namespace soupkeeper::vuln
