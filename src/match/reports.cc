// The output formats of a scan: table, JSON, SARIF 2.1.0, CycloneDX 1.6 VEX,
// OpenVEX 0.2.0 and CSAF 2.0 (VEX profile). Each writer takes the findings as
// they are; nothing is decided here.
#include <algorithm>
#include <future>
#include <iomanip>
#include <map>
#include <sstream>

#include "core/text.h"
#include "match/internal.h"
#include "soupkeeper/hash.h"

namespace soupkeeper::match {
namespace {

using nlohmann::json;

std::string Rating(const Finding& f) { return f.severity ? f.severity->rating : "unknown"; }

std::string ScoreText(const Finding& f) {
  if (!f.severity) return "-";
  std::ostringstream s;
  s << std::fixed << std::setprecision(1) << f.severity->score << " " << f.severity->rating;
  return s.str();
}

std::string ComponentLabel(const Finding& f) {
  return f.component_version.empty() ? f.component_name
                                     : f.component_name + "@" + f.component_version;
}

// A stable UUID (version 4 layout) from the bytes of `seed`.
std::string UuidFrom(std::string_view seed) {
  std::string h = Sha256Hex(seed);
  h[12] = '4';
  static constexpr char kVariant[] = "89ab";
  h[16] = kVariant[std::stoi(h.substr(16, 1), nullptr, 16) % 4];
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20, 12);
}

// Everything that identifies one report: the SBOM and the findings.
std::string Seed(const ReportInput& in) {
  std::string s =
      in.doc->serial_number + "/" + std::to_string(in.doc->version) + "/" + in.generated_at;
  for (const Finding& f : in.result->findings) s += "|" + f.component_ref + "," + f.vulnerability;
  return s;
}

std::string CvssMethod(const std::string& vector) {
  if (vector.rfind("CVSS:4", 0) == 0) return "CVSSv4";
  if (vector.rfind("CVSS:3.1", 0) == 0) return "CVSSv31";
  if (vector.rfind("CVSS:3", 0) == 0) return "CVSSv3";
  return "CVSSv2";
}

std::string Table(const ReportInput& in) {
  const ScanResult& r = *in.result;
  std::vector<std::vector<std::string>> rows = {{"COMPONENT", "VULNERABILITY", "SEVERITY", "KEV",
                                                 "EPSS", "STATUS", "CONFIDENCE", "MATCHED BY",
                                                 "FIXED IN"}};
  for (const Finding& f : r.findings) {
    std::string epss = "-";
    if (f.epss) {
      std::ostringstream s;
      s << std::fixed << std::setprecision(3) << f.epss->score;
      epss = s.str();
    }
    std::string by = f.evidence.empty() ? "-"
                                        : f.evidence[0].matcher + " " + f.evidence[0].source + ":" +
                                              f.evidence[0].record_id;
    if (f.derived_cpe) by += " (derived CPE)";
    std::string fixed;
    for (const std::string& v : f.fixed_versions) fixed += (fixed.empty() ? "" : ",") + v;
    rows.push_back({ComponentLabel(f), f.vulnerability, ScoreText(f), f.kev ? "yes" : "-", epss,
                    f.status, std::string(ConfidenceName(f.confidence)), by,
                    fixed.empty() ? "-" : fixed});
  }
  std::vector<size_t> width(rows[0].size(), 0);
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }
  std::ostringstream out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(width[i] - row[i].size() + 2, ' ');
    }
    out << line << "\n";
  }
  int64_t affected = 0;
  for (const Finding& f : r.findings) affected += f.status == "affected";
  out << r.findings.size() << " findings (" << affected << " affected, " << r.stats.not_evaluable
      << " not evaluable) in " << r.stats.components_matched << " of " << r.stats.components
      << " components; " << r.stats.components_without_identity
      << " components without purl, CPE or derivable CPE; " << r.stats.withdrawn_skipped
      << " withdrawn records ignored; " << r.stats.cpe_dropped_for_ecosystem
      << " CPE findings replaced by ecosystem data\n";
  return out.str();
}

json StatsJson(const ScanStats& s) {
  return {{"components", s.components},
          {"components_matched", s.components_matched},
          {"components_without_identity", s.components_without_identity},
          {"records_considered", s.records_considered},
          {"withdrawn_skipped", s.withdrawn_skipped},
          {"not_evaluable", s.not_evaluable},
          {"cpe_dropped_for_ecosystem", s.cpe_dropped_for_ecosystem}};
}

// The findings of [begin, end) as dump(2) writes them as elements of the
// report's "findings" array (4 spaces deeper), joined by ",\n".
std::string FindingsText(const std::vector<Finding>& findings, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    const std::string one = ToJson(findings[i]).dump(2);
    if (i > begin) out += ",\n";
    out += "    ";
    for (char c : one) {
      out += c;
      if (c == '\n') out += "    ";  // JSON strings hold no raw line feed
    }
  }
  return out;
}

// The report as json::dump(2) writes it, the findings written on two threads
// (a 50,000-component scan has 24,641 of them, 36 MB).
std::string Json(const ReportInput& in) {
  json o = {{"sbom",
             {{"file", in.sbom_name},
              {"serial_number", in.doc->serial_number},
              {"version", in.doc->version}}},
            {"generated_at", in.generated_at},
            {"stats", StatsJson(in.result->stats)},
            {"findings", json::array()}};
  std::string text = o.dump(2) + "\n";
  const std::vector<Finding>& findings = in.result->findings;
  if (findings.empty()) return text;
  // "findings" sorts first: the text begins {\n  "findings": [],
  const std::string empty = "\"findings\": []";
  const size_t at = text.find(empty);
  const size_t half = findings.size() / 2;
  auto second =
      std::async(std::launch::async, [&] { return FindingsText(findings, half, findings.size()); });
  std::string first = FindingsText(findings, 0, half);
  std::string rest = second.get();
  std::string out = text.substr(0, at) + "\"findings\": [\n";
  out.reserve(out.size() + first.size() + rest.size() + text.size());
  out += first;
  if (!first.empty()) out += ",\n";
  out += rest;
  out += "\n  ]";
  out.append(text, at + empty.size());
  return out;
}

std::string SarifLevel(const Finding& f) {
  if (f.status != "affected") return "note";
  std::string r = Rating(f);
  if (r == "critical" || r == "high" || f.kev) return "error";
  if (r == "medium" || r == "unknown") return "warning";
  return "note";
}

std::string Sarif(const ReportInput& in) {
  json rules = json::array();
  std::map<std::string, size_t> rule_index;
  json results = json::array();
  for (const Finding& f : in.result->findings) {
    auto [it, added] = rule_index.emplace(f.vulnerability, rules.size());
    if (added) {
      json rule = {
          {"id", f.vulnerability},
          {"shortDescription", {{"text", f.summary.empty() ? f.vulnerability : f.summary}}},
          {"properties", {{"tags", {"security", "vulnerability"}}}}};
      if (f.severity) {
        std::ostringstream s;
        s << std::fixed << std::setprecision(1) << f.severity->score;
        rule["properties"]["security-severity"] = s.str();
      }
      if (f.vulnerability.rfind("CVE-", 0) == 0) {
        rule["helpUri"] = "https://nvd.nist.gov/vuln/detail/" + f.vulnerability;
      }
      rules.push_back(rule);
    }
    json logical = {{"name", f.component_ref.empty() ? f.component_name : f.component_ref},
                    {"kind", "package"}};
    if (!f.purl.empty()) logical["fullyQualifiedName"] = f.purl;
    std::string msg = ComponentLabel(f) + " is " +
                      (f.status == "affected" ? "affected by " : f.status + " for ") +
                      f.vulnerability + " (" + ScoreText(f) + (f.kev ? ", in CISA KEV" : "") +
                      "): " + (f.evidence.empty() ? "" : f.evidence[0].reason);
    json result = {{"ruleId", f.vulnerability},
                   {"ruleIndex", it->second},
                   {"level", SarifLevel(f)},
                   {"message", {{"text", msg}}},
                   {"locations",
                    {{{"physicalLocation", {{"artifactLocation", {{"uri", in.sbom_name}}}}},
                      {"logicalLocations", {logical}}}}},
                   {"properties", ToJson(f)}};
    results.push_back(result);
  }
  json sarif = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                {"version", "2.1.0"},
                {"runs",
                 {{{"tool",
                    {{"driver",
                      {{"name", "soupkeeper"},
                       {"version", in.tool_version},
                       {"informationUri", "https://github.com/soupkeeper/soupkeeper"},
                       {"rules", rules}}}}},
                   {"artifacts", {{{"location", {{"uri", in.sbom_name}}}}}},
                   {"results", results}}}}};
  return sarif.dump(2) + "\n";
}

// The BOM-Link of a component of the scanned SBOM, or its bom-ref when the
// SBOM has no serial number.
std::string BomLink(const ReportInput& in, const std::string& ref) {
  std::string serial = in.doc->serial_number;
  if (serial.rfind("urn:uuid:", 0) == 0) serial = serial.substr(9);
  if (serial.empty()) return ref;
  return "urn:cdx:" + serial + "/" + std::to_string(in.doc->version) + "#" + ref;
}

const Analysis* AnalysisOf(const ReportInput& in, size_t i) {
  return in.analyses ? &(*in.analyses)[i] : nullptr;
}

std::string AnalysisKey(const Analysis* a) {
  if (!a) return "";
  json k = {a->state, a->justification, a->responses, a->detail, a->properties};
  return k.dump();
}

// Indices of the findings grouped by vulnerability (and analysis, when
// `by_analysis`), in first-seen order.
std::vector<std::vector<size_t>> Groups(const ReportInput& in, bool by_analysis) {
  std::vector<std::vector<size_t>> out;
  std::map<std::string, size_t> at;
  const auto& findings = in.result->findings;
  for (size_t i = 0; i < findings.size(); ++i) {
    std::string key = findings[i].vulnerability;
    if (by_analysis) key += "\n" + AnalysisKey(AnalysisOf(in, i));
    auto [it, added] = at.emplace(key, out.size());
    if (added) out.emplace_back();
    out[it->second].push_back(i);
  }
  return out;
}

std::string SourceUrl(const std::string& id) {
  if (id.rfind("CVE-", 0) == 0) return "https://nvd.nist.gov/vuln/detail/" + id;
  if (id.rfind("GHSA-", 0) == 0) return "https://github.com/advisories/" + id;
  return "https://osv.dev/vulnerability/" + id;
}

// The OpenVEX status of finding i: its analysis', else affected or (not
// evaluable) under_investigation.
std::string StatusOf(const ReportInput& in, size_t i) {
  if (const Analysis* a = AnalysisOf(in, i)) return OpenVexStatus(a->state);
  return in.result->findings[i].status == "affected" ? "affected" : "under_investigation";
}

std::string FixedText(const Finding& f) {
  std::string fixed;
  for (const std::string& v : f.fixed_versions) fixed += (fixed.empty() ? "" : ", ") + v;
  return fixed;
}

std::string CycloneDxVex(const ReportInput& in) {
  json vulns = json::array();
  for (const auto& group : Groups(in, true)) {
    const Finding& f = in.result->findings[group[0]];
    const Analysis* a = AnalysisOf(in, group[0]);
    json v = {{"bom-ref", "vuln-" + std::to_string(vulns.size() + 1)},
              {"id", f.vulnerability},
              {"source",
               {{"name", f.vulnerability.rfind("CVE-", 0) == 0 ? "NVD" : "OSV"},
                {"url", SourceUrl(f.vulnerability)}}}};
    json refs = json::array();
    for (const std::string& al : f.aliases) {
      if (al != f.vulnerability) refs.push_back({{"id", al}, {"source", {{"url", SourceUrl(al)}}}});
    }
    if (!refs.empty()) v["references"] = refs;
    if (f.severity) {
      json rating = {{"score", f.severity->score},
                     {"severity", f.severity->rating},
                     {"method", CvssMethod(f.severity->vector)},
                     {"vector", f.severity->vector},
                     {"source", {{"name", f.severity->source}}}};
      v["ratings"] = json::array({rating});
    }
    if (!f.summary.empty()) v["description"] = f.summary;
    json affects = json::array();
    bool any_affected = false;
    for (size_t i : group) {
      const Finding& g = in.result->findings[i];
      if (g.component_ref.empty()) continue;  // no bom-ref to link to
      any_affected |= g.status == "affected";
      std::string status = StatusOf(in, i);
      std::string version_status = status == "affected"              ? "affected"
                                   : status == "under_investigation" ? "unknown"
                                                                     : "unaffected";
      if (status == "under_investigation" && g.status == "affected") version_status = "affected";
      json versions =
          json::array({{{"version", g.component_version.empty() ? "unknown" : g.component_version},
                        {"status", version_status}}});
      affects.push_back({{"ref", BomLink(in, g.component_ref)}, {"versions", versions}});
    }
    v["affects"] = affects;
    if (a) {
      json analysis = {{"state", a->state}};
      if (!a->justification.empty()) analysis["justification"] = a->justification;
      if (!a->responses.empty()) analysis["response"] = a->responses;
      if (!a->detail.empty()) analysis["detail"] = a->detail;
      v["analysis"] = analysis;
    } else {
      v["analysis"] = {
          {"state", "in_triage"},
          {"detail", any_affected ? "matched by soupkeeper scan; not yet triaged"
                                  : "soupkeeper could not evaluate the affected ranges"}};
    }
    json props = json::array();
    if (f.kev)
      props.push_back({{"name", "soupkeeper:kev:date_added"}, {"value", f.kev->date_added}});
    if (f.epss)
      props.push_back({{"name", "soupkeeper:epss"}, {"value", std::to_string(f.epss->score)}});
    props.push_back(
        {{"name", "soupkeeper:confidence"}, {"value", std::string(ConfidenceName(f.confidence))}});
    if (a) {
      for (const auto& [name, value] : a->properties) {
        props.push_back({{"name", name}, {"value", value}});
      }
    }
    v["properties"] = props;
    vulns.push_back(v);
  }
  json bom = {
      {"bomFormat", "CycloneDX"},
      {"specVersion", "1.6"},
      {"serialNumber", "urn:uuid:" + UuidFrom("cdx-vex|" + Seed(in))},
      {"version", 1},
      {"metadata",
       {{"timestamp", in.generated_at},
        {"tools",
         {{"components",
           {{{"type", "application"}, {"name", "soupkeeper"}, {"version", in.tool_version}}}}}}}},
      {"vulnerabilities", vulns}};
  return bom.dump(2) + "\n";
}

json ProductOf(const ReportInput& in, const Finding& f) {
  json p = {{"@id", !f.purl.empty() ? f.purl
                                    : BomLink(in, f.component_ref.empty() ? f.component_name
                                                                          : f.component_ref)}};
  json ids = json::object();
  if (!f.purl.empty()) ids["purl"] = f.purl;
  if (!f.cpe.empty()) ids["cpe23"] = f.cpe;
  if (!ids.empty()) p["identifiers"] = ids;
  return p;
}

std::string OpenVex(const ReportInput& in) {
  json statements = json::array();
  for (const auto& group : Groups(in, true)) {
    const Finding& f = in.result->findings[group[0]];
    const Analysis* a = AnalysisOf(in, group[0]);
    for (std::string status : {"affected", "under_investigation", "not_affected", "fixed"}) {
      json products = json::array();
      for (size_t i : group) {
        if (StatusOf(in, i) == status) products.push_back(ProductOf(in, in.result->findings[i]));
      }
      if (products.empty()) continue;
      json vuln = {{"name", f.vulnerability}, {"@id", SourceUrl(f.vulnerability)}};
      json aliases = json::array();
      for (const std::string& al : f.aliases) {
        if (al != f.vulnerability) aliases.push_back(al);
      }
      if (!aliases.empty()) vuln["aliases"] = aliases;
      if (!f.summary.empty()) vuln["description"] = f.summary;
      json s = {{"vulnerability", vuln},
                {"products", products},
                {"status", status},
                {"timestamp", in.generated_at}};
      if (status == "affected") {
        std::string fixed = FixedText(f);
        s["action_statement"] = fixed.empty()
                                    ? "Triage the finding and plan a remediation"
                                    : "Update to a fixed version (" + fixed + ") or triage";
      } else if (status == "not_affected") {
        s["justification"] = OpenVexJustification(*a);
        s["impact_statement"] = a->detail;
      }
      if (a && !a->detail.empty() && status != "not_affected") {
        s["status_notes"] = a->detail;
      } else if (!a && status == "under_investigation") {
        s["status_notes"] = "soupkeeper could not evaluate the affected ranges for this version";
      }
      statements.push_back(s);
    }
  }
  json doc = {{"@context", "https://openvex.dev/ns/v0.2.0"},
              {"@id", "urn:uuid:" + UuidFrom("openvex|" + Seed(in))},
              {"author", "soupkeeper " + in.kind},
              {"role", "Document Creator"},
              {"timestamp", in.generated_at},
              {"version", 1},
              {"tooling", "soupkeeper " + in.tool_version},
              {"statements", statements}};
  return doc.dump(2) + "\n";
}

// The CSAF product status of an OpenVEX status.
std::string CsafStatus(const std::string& openvex_status) {
  if (openvex_status == "affected") return "known_affected";
  if (openvex_status == "not_affected") return "known_not_affected";
  return openvex_status;  // fixed, under_investigation
}

std::string Csaf(const ReportInput& in) {
  // One product per component that has a finding.
  std::map<size_t, std::string> product_ids;
  json names = json::array();
  for (const Finding& f : in.result->findings) {
    if (product_ids.count(f.component_index)) continue;
    std::string id = "CSAFPID-" + std::to_string(product_ids.size() + 1);
    product_ids[f.component_index] = id;
    json p = {{"product_id", id}, {"name", ComponentLabel(f)}};
    json helper = json::object();
    if (!f.purl.empty()) helper["purl"] = f.purl;
    if (!f.cpe.empty()) helper["cpe"] = f.cpe;
    if (!helper.empty()) p["product_identification_helper"] = helper;
    names.push_back(p);
  }
  json vulns = json::array();
  for (const auto& group : Groups(in, false)) {
    const Finding& f = in.result->findings[group[0]];
    json v = json::object();
    if (f.vulnerability.rfind("CVE-", 0) == 0) v["cve"] = f.vulnerability;
    json ids = json::array();
    for (const std::string& a : f.aliases) {
      if (a.rfind("CVE-", 0) != 0) {
        ids.push_back(
            {{"system_name", a.rfind("GHSA-", 0) == 0 ? "GitHub Advisory" : "OSV"}, {"text", a}});
      }
    }
    if (!ids.empty()) v["ids"] = ids;
    v["notes"] = json::array({{{"category", "description"},
                               {"text", f.summary.empty() ? f.vulnerability : f.summary},
                               {"title", "Summary"}}});
    std::map<std::string, json> by_status, by_label;
    json all = json::array(), threats = json::array();
    for (size_t i : group) {
      const std::string& id = product_ids[in.result->findings[i].component_index];
      std::string status = CsafStatus(StatusOf(in, i));
      by_status[status].push_back(id);
      all.push_back(id);
      const Analysis* a = AnalysisOf(in, i);
      if (!a) continue;
      if (status == "known_not_affected") by_label[OpenVexJustification(*a)].push_back(id);
      if (a->state != "in_triage" && !a->detail.empty()) {
        threats.push_back({{"category", "impact"}, {"details", a->detail}, {"product_ids", {id}}});
      }
    }
    json product_status = json::object();
    for (const auto& [status, list] : by_status) product_status[status] = list;
    v["product_status"] = product_status;
    if (!by_label.empty()) {
      json flags = json::array();
      for (const auto& [label, list] : by_label) {
        flags.push_back({{"label", label}, {"product_ids", list}});
      }
      v["flags"] = flags;
    }
    if (by_status.count("known_affected")) {
      std::string fixed = FixedText(f);
      v["remediations"] = json::array(
          {{{"category", fixed.empty() ? "none_available" : "vendor_fix"},
            {"details", fixed.empty() ? "No fixed version is named by the matched records; triage "
                                        "the finding"
                                      : "Update the component to a fixed version: " + fixed},
            {"product_ids", by_status["known_affected"]}}});
    }
    if (f.severity && f.severity->vector.rfind("CVSS:3", 0) == 0) {
      json cvss = {{"version", f.severity->vector.substr(5, 3)},
                   {"vectorString", f.severity->vector},
                   {"baseScore", f.severity->score},
                   {"baseSeverity", text::ToAsciiUpper(f.severity->rating)}};
      v["scores"] = json::array({{{"cvss_v3", cvss}, {"products", all}}});
    }
    if (f.kev) {
      threats.push_back({{"category", "exploit_status"},
                         {"details", "In the CISA Known Exploited Vulnerabilities catalog since " +
                                         f.kev->date_added},
                         {"date", f.kev->date_added + "T00:00:00Z"}});
    }
    if (!threats.empty()) v["threats"] = threats;
    vulns.push_back(v);
  }
  std::string tag = in.kind == "scan" ? "scan" : "vex";
  std::string tracking =
      "SK-" + text::ToAsciiUpper(tag) + "-" + UuidFrom("csaf|" + Seed(in)).substr(0, 8);
  std::string title =
      "soupkeeper " + in.kind + " of " +
      (in.doc->subject ? in.doc->subject->name + " " + in.doc->subject->version : in.sbom_name);
  json doc = {
      {"document",
       {{"category", "csaf_vex"},
        {"csaf_version", "2.0"},
        {"publisher",
         {{"category", "other"},
          {"name", "soupkeeper " + in.kind},
          {"namespace", "urn:soupkeeper:" + tag}}},
        {"title", title},
        {"tracking",
         {{"id", tracking},
          {"status", "interim"},
          {"version", "1"},
          {"initial_release_date", in.generated_at},
          {"current_release_date", in.generated_at},
          {"revision_history",
           {{{"date", in.generated_at},
             {"number", "1"},
             {"summary", "Findings of soupkeeper " + in.kind}}}},
          {"generator", {{"engine", {{"name", "soupkeeper"}, {"version", in.tool_version}}}}}}}}},
      {"product_tree", {{"full_product_names", names}}},
      {"vulnerabilities", vulns}};
  return doc.dump(2) + "\n";
}

}  // namespace

std::string OpenVexStatus(std::string_view state) {
  if (state == "exploitable") return "affected";
  if (state == "resolved" || state == "resolved_with_pedigree") return "fixed";
  if (state == "not_affected" || state == "false_positive") return "not_affected";
  return "under_investigation";
}

std::string OpenVexJustification(const Analysis& a) {
  const std::string& j = a.justification;
  if (a.state == "false_positive" || j == "code_not_present") return "vulnerable_code_not_present";
  if (j == "code_not_reachable" || j == "requires_dependency") {
    return "vulnerable_code_not_in_execute_path";
  }
  if (j == "requires_configuration" || j == "requires_environment") {
    return "vulnerable_code_cannot_be_controlled_by_adversary";
  }
  if (j.rfind("protected_", 0) == 0) return "inline_mitigations_already_exist";
  return "";
}

const std::vector<std::string_view>& ReportFormats() {
  static const std::vector<std::string_view> formats = {"table",         "json",    "sarif",
                                                        "cyclonedx-vex", "openvex", "csaf"};
  return formats;
}

Result<std::string> RenderReport(std::string_view format, const ReportInput& in) {
  if (format == "table") return Table(in);
  if (format == "json") return Json(in);
  if (format == "sarif") return Sarif(in);
  if (format == "cyclonedx-vex") return CycloneDxVex(in);
  if (format == "openvex") return OpenVex(in);
  if (format == "csaf") return Csaf(in);
  return InvalidArgument(
      "scan: --format must be table, json, sarif, cyclonedx-vex, openvex or csaf, not \"" +
      std::string(format) + "\"");
}

Result<bool> FailOnReached(std::string_view threshold, const ScanResult& result) {
  static constexpr std::pair<std::string_view, int> kRanks[] = {
      {"none", 0}, {"low", 1}, {"medium", 2}, {"high", 3}, {"critical", 4}};
  auto rank = [](std::string_view r) {
    for (const auto& [name, n] : kRanks) {
      if (name == r) return n;
    }
    return -1;
  };
  bool kev = threshold == "kev";
  int want = rank(threshold);
  if (!kev && want < 1) {
    return InvalidArgument("scan: --fail-on must be low, medium, high, critical or kev, not \"" +
                           std::string(threshold) + "\"");
  }
  for (const Finding& f : result.findings) {
    if (f.status != "affected") continue;
    if (kev ? f.kev.has_value() : (f.severity && rank(f.severity->rating) >= want)) return true;
  }
  return false;
}

}  // namespace soupkeeper::match
