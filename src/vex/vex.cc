// VEX export (the scan writers with triage analyses) and import of a
// supplier's CycloneDX, OpenVEX or CSAF VEX (see include/soupkeeper/vex.h).
#include "soupkeeper/vex.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "core/text.h"
#include "soupkeeper/hash.h"
#include "soupkeeper/release.h"
#include "soupkeeper/sbom.h"
#include "soupkeeper/vuln.h"

namespace soupkeeper::vex {
namespace {

using nlohmann::json;

// --- Export ---

match::Finding ToFinding(const findings::StoredFinding& s) {
  match::Finding f;
  f.component_index = static_cast<size_t>(s.component_ordinal);
  f.component_ref = s.component_ref;
  f.component_name = s.component_name;
  f.component_version = s.component_version;
  f.purl = s.purl;
  f.cpe = s.cpe;
  f.vulnerability = s.vulnerability;
  f.status = s.status;
  f.confidence = s.confidence == "low"      ? match::Confidence::kLow
                 : s.confidence == "medium" ? match::Confidence::kMedium
                                            : match::Confidence::kHigh;
  const json& d = s.detail;
  f.aliases = d.value("aliases", std::vector<std::string>());
  f.summary = d.value("summary", "");
  f.fixed_versions = d.value("fixed_versions", std::vector<std::string>());
  if (d.contains("severity") && d["severity"].is_object()) {
    const json& v = d["severity"];
    f.severity =
        match::Severity{v.value("score", 0.0), v.value("rating", ""), v.value("vector", ""),
                        v.value("source", ""), v.value("record_id", "")};
  }
  if (d.contains("kev") && d["kev"].is_object()) {
    f.kev = vuln::Kev{};
    f.kev->date_added = d["kev"].value("date_added", "");
  }
  if (d.contains("epss") && d["epss"].is_object()) {
    f.epss = vuln::Epss{};
    f.epss->score = d["epss"].value("score", 0.0);
  }
  return f;
}

// --- Import: reading ---

Status Bad(const std::string& name, const std::string& pointer, const std::string& what) {
  return InvalidArgument(name + ": " + (pointer.empty() ? "/" : pointer) + ": " + what);
}

std::string Joined(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

// A reader of one document: the file name for messages and typed access by
// JSON pointer.
struct Reader {
  const std::string& name;
  Status Need(const json& o, const std::string& at, const char* key, json::value_t type) const {
    if (!o.is_object() || !o.contains(key))
      return Bad(name, at, "missing \"" + std::string(key) + "\"");
    if (o[key].type() != type) {
      return Bad(name, at + "/" + key,
                 std::string("must be ") + (type == json::value_t::string  ? "a string"
                                            : type == json::value_t::array ? "an array"
                                                                           : "an object"));
    }
    return Status::Ok();
  }
  Result<std::string> Text(const json& o, const std::string& at, const char* key) const {
    SK_RETURN_IF_ERROR(Need(o, at, key, json::value_t::string));
    return o[key].get<std::string>();
  }
  // The string at key, "" when absent; an error when present but not a string.
  Result<std::string> Optional(const json& o, const std::string& at, const char* key) const {
    if (!o.is_object() || !o.contains(key)) return std::string();
    return Text(o, at, key);
  }
  Result<const json*> Array(const json& o, const std::string& at, const char* key) const {
    SK_RETURN_IF_ERROR(Need(o, at, key, json::value_t::array));
    return &o[key];
  }
  Status OneOf(const std::string& value, const std::vector<std::string>& allowed,
               const std::string& at, const std::string& what) const {
    if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return Status::Ok();
    return Bad(name, at, "unknown " + what + " '" + value + "' (allowed: " + Joined(allowed) + ")");
  }
};

const std::vector<std::string>& OpenVexStatuses() {
  static const std::vector<std::string> v = {"not_affected", "affected", "fixed",
                                             "under_investigation"};
  return v;
}

const std::vector<std::string>& Labels() {
  static const std::vector<std::string> v = {
      "component_not_present", "vulnerable_code_not_present", "vulnerable_code_not_in_execute_path",
      "vulnerable_code_cannot_be_controlled_by_adversary", "inline_mitigations_already_exist"};
  return v;
}

// The CycloneDX state of an OpenVEX status.
std::string StateOf(const std::string& status) {
  if (status == "affected") return "exploitable";
  if (status == "fixed") return "resolved";
  if (status == "not_affected") return "not_affected";
  return "in_triage";
}

// The CycloneDX justification of an OpenVEX / CSAF label.
std::string JustificationOf(const std::string& label) {
  if (label == "component_not_present" || label == "vulnerable_code_not_present") {
    return "code_not_present";
  }
  if (label == "vulnerable_code_not_in_execute_path") return "code_not_reachable";
  if (label == "vulnerable_code_cannot_be_controlled_by_adversary") return "requires_environment";
  if (label == "inline_mitigations_already_exist") return "protected_by_mitigating_control";
  return "";
}

Product ProductFromId(const std::string& id) {
  Product p;
  if (id.rfind("pkg:", 0) == 0)
    p.purl = id;
  else if (id.rfind("cpe:", 0) == 0)
    p.cpe = id;
  else
    p.name = id;
  return p;
}

Result<Document> ParseCycloneDx(const json& doc, const Reader& r) {
  Document out{"cyclonedx", doc.value("serialNumber", ""), "", {}};
  const json& meta = doc.value("metadata", json::object());
  for (const char* who : {"supplier", "manufacturer"}) {
    if (out.supplier.empty() && meta.contains(who) && meta[who].is_object()) {
      out.supplier = meta[who].value("name", "");
    }
  }
  // bom-ref -> the component it names.
  std::map<std::string, Product> by_ref;
  std::function<void(const json&)> walk = [&](const json& list) {
    if (!list.is_array()) return;
    for (const json& c : list) {
      if (!c.is_object()) continue;
      if (c.contains("bom-ref") && c["bom-ref"].is_string()) {
        by_ref[c["bom-ref"]] = {c.value("purl", ""), c.value("cpe", ""), c.value("name", ""),
                                c.value("version", "")};
      }
      if (c.contains("components")) walk(c["components"]);
    }
  };
  if (meta.contains("component")) walk(json::array({meta["component"]}));
  if (doc.contains("components")) walk(doc["components"]);
  SK_ASSIGN_OR_RETURN(const json* vulns, r.Array(doc, "", "vulnerabilities"));
  for (size_t i = 0; i < vulns->size(); ++i) {
    const json& v = (*vulns)[i];
    std::string at = "/vulnerabilities/" + std::to_string(i);
    Statement s;
    s.pointer = at;
    SK_ASSIGN_OR_RETURN(s.vulnerability, r.Text(v, at, "id"));
    if (s.vulnerability.empty()) return Bad(r.name, at + "/id", "must not be empty");
    if (v.contains("references") && v["references"].is_array()) {
      for (const json& ref : v["references"]) {
        if (ref.is_object() && ref.contains("id") && ref["id"].is_string())
          s.aliases.push_back(ref["id"]);
      }
    }
    SK_RETURN_IF_ERROR(r.Need(v, at, "analysis", json::value_t::object));
    const json& a = v["analysis"];
    SK_ASSIGN_OR_RETURN(s.state, r.Text(a, at + "/analysis", "state"));
    SK_RETURN_IF_ERROR(r.OneOf(s.state, triage::States(), at + "/analysis/state", "state"));
    SK_ASSIGN_OR_RETURN(s.justification, r.Optional(a, at + "/analysis", "justification"));
    if (!s.justification.empty()) {
      SK_RETURN_IF_ERROR(r.OneOf(s.justification, triage::Justifications(),
                                 at + "/analysis/justification", "justification"));
    }
    SK_ASSIGN_OR_RETURN(s.detail, r.Optional(a, at + "/analysis", "detail"));
    SK_ASSIGN_OR_RETURN(const json* affects, r.Array(v, at, "affects"));
    for (size_t j = 0; j < affects->size(); ++j) {
      SK_ASSIGN_OR_RETURN(std::string ref,
                          r.Text((*affects)[j], at + "/affects/" + std::to_string(j), "ref"));
      std::string local = ref.rfind("urn:cdx:", 0) == 0 && ref.find('#') != std::string::npos
                              ? ref.substr(ref.find('#') + 1)
                              : ref;
      auto it = by_ref.find(local);
      s.products.push_back(it != by_ref.end() ? it->second : ProductFromId(local));
    }
    out.statements.push_back(std::move(s));
  }
  return out;
}

Result<Document> ParseOpenVex(const json& doc, const Reader& r) {
  Document out{"openvex", "", "", {}};
  SK_ASSIGN_OR_RETURN(out.id, r.Text(doc, "", "@id"));
  SK_ASSIGN_OR_RETURN(out.supplier, r.Text(doc, "", "author"));
  SK_ASSIGN_OR_RETURN(const json* statements, r.Array(doc, "", "statements"));
  for (size_t i = 0; i < statements->size(); ++i) {
    const json& st = (*statements)[i];
    std::string at = "/statements/" + std::to_string(i);
    Statement s;
    s.pointer = at;
    // OpenVEX 0.0.1 names the vulnerability by a string, 0.2.0 by an object.
    if (st.is_object() && st.contains("vulnerability") && st["vulnerability"].is_string()) {
      s.vulnerability = st["vulnerability"];
    } else {
      SK_RETURN_IF_ERROR(r.Need(st, at, "vulnerability", json::value_t::object));
      const json& v = st["vulnerability"];
      SK_ASSIGN_OR_RETURN(s.vulnerability, r.Text(v, at + "/vulnerability", "name"));
      if (v.contains("aliases") && v["aliases"].is_array()) {
        for (const json& a : v["aliases"]) {
          if (a.is_string()) s.aliases.push_back(a);
        }
      }
    }
    if (s.vulnerability.empty()) return Bad(r.name, at + "/vulnerability", "must not be empty");
    SK_ASSIGN_OR_RETURN(std::string status, r.Text(st, at, "status"));
    SK_RETURN_IF_ERROR(r.OneOf(status, OpenVexStatuses(), at + "/status", "status"));
    s.state = StateOf(status);
    SK_ASSIGN_OR_RETURN(std::string label, r.Optional(st, at, "justification"));
    if (!label.empty()) {
      SK_RETURN_IF_ERROR(r.OneOf(label, Labels(), at + "/justification", "justification"));
      s.justification = JustificationOf(label);
    }
    for (const char* key : {"impact_statement", "action_statement", "status_notes"}) {
      SK_ASSIGN_OR_RETURN(std::string text, r.Optional(st, at, key));
      if (s.detail.empty()) s.detail = text;
    }
    SK_ASSIGN_OR_RETURN(const json* products, r.Array(st, at, "products"));
    for (size_t j = 0; j < products->size(); ++j) {
      const json& p = (*products)[j];
      std::string pat = at + "/products/" + std::to_string(j);
      if (p.is_string()) {  // OpenVEX 0.0.1
        s.products.push_back(ProductFromId(p));
        continue;
      }
      SK_ASSIGN_OR_RETURN(std::string id, r.Text(p, pat, "@id"));
      Product product = ProductFromId(id);
      if (p.contains("identifiers") && p["identifiers"].is_object()) {
        const json& ids = p["identifiers"];
        if (ids.contains("purl") && ids["purl"].is_string()) product.purl = ids["purl"];
        for (const char* cpe : {"cpe23", "cpe22"}) {
          if (ids.contains(cpe) && ids[cpe].is_string()) product.cpe = ids[cpe];
        }
      }
      s.products.push_back(product);
    }
    out.statements.push_back(std::move(s));
  }
  return out;
}

Result<Document> ParseCsaf(const json& doc, const Reader& r) {
  Document out{"csaf", "", "", {}};
  const json& d = doc["document"];
  SK_RETURN_IF_ERROR(r.Need(d, "/document", "tracking", json::value_t::object));
  SK_ASSIGN_OR_RETURN(out.id, r.Text(d["tracking"], "/document/tracking", "id"));
  SK_RETURN_IF_ERROR(r.Need(d, "/document", "publisher", json::value_t::object));
  SK_ASSIGN_OR_RETURN(out.supplier, r.Text(d["publisher"], "/document/publisher", "name"));
  // product_id -> the product its full product name identifies.
  std::map<std::string, Product> products;
  std::function<void(const json&)> walk = [&](const json& node) {
    if (node.is_array()) {
      for (const json& x : node) walk(x);
      return;
    }
    if (!node.is_object()) return;
    if (node.contains("product_id") && node["product_id"].is_string()) {
      Product p;
      p.name = node.value("name", "");
      if (node.contains("product_identification_helper") &&
          node["product_identification_helper"].is_object()) {
        const json& h = node["product_identification_helper"];
        p.purl = h.value("purl", "");
        p.cpe = h.value("cpe", "");
      }
      products[node["product_id"]] = p;
    }
    for (const char* key :
         {"branches", "full_product_names", "product", "full_product_name", "relationships"}) {
      if (node.contains(key)) walk(node[key]);
    }
  };
  if (doc.contains("product_tree")) walk(doc["product_tree"]);
  SK_ASSIGN_OR_RETURN(const json* vulns, r.Array(doc, "", "vulnerabilities"));
  static const std::vector<std::pair<std::string, std::string>> kStatus = {
      {"known_affected", "exploitable"},
      {"first_affected", "exploitable"},
      {"last_affected", "exploitable"},
      {"known_not_affected", "not_affected"},
      {"fixed", "resolved"},
      {"first_fixed", "resolved"},
      {"under_investigation", "in_triage"}};
  for (size_t i = 0; i < vulns->size(); ++i) {
    const json& v = (*vulns)[i];
    std::string at = "/vulnerabilities/" + std::to_string(i);
    std::string id = v.is_object() ? v.value("cve", "") : "";
    std::vector<std::string> aliases;
    if (v.is_object() && v.contains("ids") && v["ids"].is_array()) {
      for (const json& x : v["ids"]) {
        if (x.is_object() && x.contains("text") && x["text"].is_string())
          aliases.push_back(x["text"]);
      }
    }
    if (id.empty() && !aliases.empty()) id = aliases[0];
    if (id.empty()) return Bad(r.name, at, "missing \"cve\" and \"ids\"");
    // product_id -> label / impact details.
    std::map<std::string, std::string> label_of, detail_of;
    for (const char* key : {"flags", "threats"}) {
      if (!v.contains(key) || !v[key].is_array()) continue;
      for (size_t k = 0; k < v[key].size(); ++k) {
        const json& x = v[key][k];
        std::string xat = at + "/" + key + "/" + std::to_string(k);
        std::string text;
        if (std::string(key) == "flags") {
          SK_ASSIGN_OR_RETURN(text, r.Text(x, xat, "label"));
          SK_RETURN_IF_ERROR(r.OneOf(text, Labels(), xat + "/label", "flag label"));
        } else {
          if (x.value("category", "") != "impact") continue;
          SK_ASSIGN_OR_RETURN(text, r.Text(x, xat, "details"));
        }
        if (x.contains("product_ids") && x["product_ids"].is_array()) {
          for (const json& pid : x["product_ids"]) {
            if (pid.is_string()) (std::string(key) == "flags" ? label_of : detail_of)[pid] = text;
          }
        }
      }
    }
    SK_RETURN_IF_ERROR(r.Need(v, at, "product_status", json::value_t::object));
    for (const auto& [category, state] : kStatus) {
      const json& ps = v["product_status"];
      if (!ps.contains(category)) continue;
      std::string sat = at + "/product_status/" + category;
      if (!ps[category].is_array()) return Bad(r.name, sat, "must be an array");
      // One statement per product, so that each keeps its own flag and impact.
      for (size_t j = 0; j < ps[category].size(); ++j) {
        const json& pid = ps[category][j];
        std::string pat = sat + "/" + std::to_string(j);
        if (!pid.is_string()) return Bad(r.name, pat, "must be a string");
        auto it = products.find(pid);
        if (it == products.end()) {
          return Bad(r.name, pat,
                     "product '" + pid.get<std::string>() + "' is not in the product tree");
        }
        Statement s;
        s.pointer = pat;
        s.vulnerability = id;
        s.aliases = aliases;
        s.state = state;
        s.justification = JustificationOf(label_of[pid]);
        s.detail = detail_of[pid];
        s.products = {it->second};
        out.statements.push_back(std::move(s));
      }
    }
  }
  return out;
}

// --- Import: matching ---

// A purl without qualifiers and subpath; `versionless` drops the version.
std::string PurlBase(const std::string& purl, bool versionless) {
  std::string p = purl.substr(0, purl.find_first_of("?#"));
  size_t slash = p.rfind('/');
  size_t at = p.rfind('@');
  if (versionless && at != std::string::npos && (slash == std::string::npos || at > slash)) {
    p = p.substr(0, at);
  }
  return p;
}

bool HasVersion(const std::string& purl) {
  std::string p = PurlBase(purl, false);
  return p != PurlBase(purl, true);
}

bool Names(const Product& p, const findings::StoredFinding& f) {
  if (!p.purl.empty() && !f.purl.empty()) {
    return HasVersion(p.purl) ? PurlBase(p.purl, false) == PurlBase(f.purl, false)
                              : PurlBase(p.purl, true) == PurlBase(f.purl, true);
  }
  if (!p.cpe.empty() && !f.cpe.empty()) return text::EqualsIgnoreAsciiCase(p.cpe, f.cpe);
  if (!p.name.empty()) {
    return (text::EqualsIgnoreAsciiCase(p.name, f.component_name) || p.name == f.component_ref) &&
           (p.version.empty() || p.version == f.component_version);
  }
  return false;
}

// The vulnerability identities a statement names (unknown ids stand for
// themselves).
Result<std::set<std::string>> IdentitiesOf(store::Store& store, const Statement& s) {
  std::set<std::string> out;
  std::vector<std::string> ids = s.aliases;
  ids.push_back(s.vulnerability);
  for (const std::string& id : ids) {
    auto identity = vuln::ResolveIdentity(store, id);
    if (identity.ok()) {
      out.insert(*identity);
    } else if (identity.status().code() == StatusCode::kNotFound) {
      out.insert(id);
    } else {
      return identity.status();
    }
  }
  return out;
}

}  // namespace

const std::vector<std::string>& Formats() {
  static const std::vector<std::string> formats = {"cyclonedx", "openvex", "csaf"};
  return formats;
}

match::Analysis AnalysisOf(const findings::StoredFinding& finding,
                           const std::optional<triage::Decision>& decision) {
  match::Analysis a;
  if (!decision) {
    a.detail = finding.status == "affected" ? "matched by soupkeeper; not yet triaged"
                                            : "soupkeeper could not evaluate the affected ranges";
    return a;
  }
  const triage::Decision& d = *decision;
  a.state = d.state;
  a.justification = d.justification;
  a.responses = d.responses;
  a.detail = d.detail;
  auto add = [&](const char* name, const std::string& value) {
    if (!value.empty()) a.properties.emplace_back(std::string("soupkeeper:") + name, value);
  };
  add("decided_at", d.decided_at);
  add("decided_by", d.actor);
  add("fda_risk", d.fda_risk);
  add("fda_rationale", d.fda_rationale);
  add("hazard", d.hazard);
  add("ssvc_priority", d.ssvc_priority);
  add("risk_accepted_by", d.risk_accepted_by);
  add("risk_expires", d.risk_expires);
  add("environmental_vector", d.environmental_vector);
  return a;
}

Result<std::string> Export(store::Store& store, std::string_view product, std::string_view version,
                           std::string_view format, const std::string& generated_at,
                           const std::string& tool_version) {
  const auto& formats = Formats();
  if (std::find(formats.begin(), formats.end(), format) == formats.end()) {
    return InvalidArgument("vex export: --format must be cyclonedx, openvex or csaf, not \"" +
                           std::string(format) + "\"");
  }
  SK_ASSIGN_OR_RETURN(std::string bytes, release::OriginalSbom(store, product, version));
  std::string name = std::string(product) + " " + std::string(version);
  CollectingSink sink;
  SK_ASSIGN_OR_RETURN(sbom::Document doc, sbom::Decode(bytes, "stored SBOM of " + name, sink));
  if (format == "cyclonedx" && doc.serial_number.rfind("urn:uuid:", 0) != 0) {
    return FailedPrecondition(
        "vex export: the stored SBOM of " + name + " (" +
        std::string(sbom::FormatName(doc.format)) +
        ") has no CycloneDX urn:uuid serial number, which a CycloneDX VEX BOM-Link needs; use "
        "--format openvex or csaf");
  }
  SK_ASSIGN_OR_RETURN(auto stored, findings::List(store, {.product = std::string(product),
                                                          .release = std::string(version)}));
  match::ScanResult result;
  std::vector<match::Analysis> analyses;
  for (const findings::StoredFinding& f : stored) {
    SK_ASSIGN_OR_RETURN(auto decision, triage::DecisionFor(store, f));
    result.findings.push_back(ToFinding(f));
    analyses.push_back(AnalysisOf(f, decision));
  }
  match::ReportInput in{&doc, name, &result, generated_at, tool_version, &analyses, "vex export"};
  return match::RenderReport(format == "cyclonedx" ? "cyclonedx-vex" : format, in);
}

Result<Document> Parse(std::string_view bytes, const std::string& name) {
  json doc;
  try {
    doc = json::parse(bytes);
  } catch (const json::parse_error& e) {
    return InvalidArgument(name + ": not valid JSON at byte " + std::to_string(e.byte));
  } catch (const json::out_of_range&) {  // a number too large for a double
    return InvalidArgument(name + ": not valid JSON: a number is out of range");
  }
  Reader r{name};
  if (!doc.is_object()) return Bad(name, "", "must be a JSON object");
  // The typed reads above name the place; an optional member of an
  // unexpected type that they skim over ends here.
  try {
    if (doc.contains("@context") && doc["@context"].is_string() &&
        doc["@context"].get<std::string>().rfind("https://openvex.dev/ns", 0) == 0) {
      return ParseOpenVex(doc, r);
    }
    if (doc.value("bomFormat", json()) == "CycloneDX") return ParseCycloneDx(doc, r);
    if (doc.contains("document") && doc["document"].is_object() &&
        doc["document"].contains("csaf_version")) {
      return ParseCsaf(doc, r);
    }
  } catch (const json::exception& e) {
    return Bad(name, "", std::string("unexpected value: ") + e.what());
  }
  return Bad(name, "", "not a CycloneDX, OpenVEX or CSAF document");
}

Result<ImportResult> Import(store::Store& store, const store::Author& author,
                            std::string_view bytes, const std::string& name,
                            const ImportOptions& options) {
  SK_ASSIGN_OR_RETURN(Document doc, Parse(bytes, name));
  ImportResult out;
  out.file = name;
  out.sha256 = Sha256Hex(bytes);
  out.format = doc.format;
  out.document_id = doc.id;
  out.supplier = !options.supplier.empty() ? options.supplier : doc.supplier;
  out.statements = static_cast<int64_t>(doc.statements.size());
  if (out.supplier.empty()) {
    return InvalidArgument(name + ": names no supplier (author or publisher); give --supplier");
  }
  SK_ASSIGN_OR_RETURN(auto open, findings::List(store, {.product = options.product}));
  std::vector<std::pair<size_t, const findings::StoredFinding*>> pairs;
  for (size_t i = 0; i < doc.statements.size(); ++i) {
    const Statement& s = doc.statements[i];
    SK_ASSIGN_OR_RETURN(std::set<std::string> identities, IdentitiesOf(store, s));
    bool any = false;
    for (const findings::StoredFinding& f : open) {
      if (!identities.count(f.vulnerability)) continue;
      bool named = std::any_of(s.products.begin(), s.products.end(),
                               [&](const Product& p) { return Names(p, f); });
      if (!named) continue;
      pairs.emplace_back(i, &f);
      any = true;
    }
    if (!any) out.unmatched.push_back(s);
  }
  if (pairs.empty()) return out;  // nothing to record
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    out.applied.clear();
    SK_ASSIGN_OR_RETURN(
        store::Rows seen,
        txn.Query("SELECT entity FROM vex_statements WHERE source_sha256 = ?", {out.sha256}));
    if (!seen.empty()) {
      return AlreadyExists(name + ": this document (SHA-256 " + out.sha256 +
                           ") was imported before");
    }
    for (const auto& [i, f] : pairs) {
      const Statement& s = doc.statements[i];
      std::string entity =
          "vex:" + out.sha256 + "/" + std::to_string(i) + "/" + std::to_string(f->id);
      SK_ASSIGN_OR_RETURN(json before, txn.State("vex_statements", entity));
      SK_RETURN_IF_ERROR(txn.Exec(
          "INSERT INTO vex_statements (entity, finding_id, vulnerability, state, justification, "
          "detail, supplier, source_sha256, source_format, document_id, statement_pointer, "
          "imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {entity, f->id, f->vulnerability, s.state, s.justification, s.detail, out.supplier,
           out.sha256, out.format, out.document_id, s.pointer, txn.time()}));
      SK_RETURN_IF_ERROR(txn.Audit("vex.import", "vex_statements", entity, before).status());
      out.applied.push_back({s.pointer, f->id, f->product, f->release,
                             f->component_name + "@" + f->component_version, f->vulnerability,
                             s.state});
    }
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<SupplierStatement>> StatementsFor(store::Store& store, int64_t finding_id) {
  std::vector<SupplierStatement> out;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(
        store::Rows rows,
        txn.Query("SELECT vulnerability, state, justification, detail, supplier, source_sha256, "
                  "source_format, document_id, statement_pointer, imported_at FROM "
                  "vex_statements WHERE finding_id = ? ORDER BY audit_seq",
                  {finding_id}));
    for (const store::Row& row : rows.rows) {
      SupplierStatement s;
      s.finding_id = finding_id;
      std::string* fields[] = {&s.vulnerability, &s.state,         &s.justification, &s.detail,
                               &s.supplier,      &s.source_sha256, &s.source_format, &s.document_id,
                               &s.pointer,       &s.imported_at};
      for (int i = 0; i < 10; ++i) {
        SK_ASSIGN_OR_RETURN(*fields[i], row.Text(i));
      }
      out.push_back(std::move(s));
    }
    return Status::Ok();
  }));
  return out;
}

json ToJson(const SupplierStatement& s) {
  return {{"finding_id", s.finding_id},
          {"vulnerability", s.vulnerability},
          {"state", s.state},
          {"justification", s.justification},
          {"detail", s.detail},
          {"supplier", s.supplier},
          {"source_sha256", s.source_sha256},
          {"source_format", s.source_format},
          {"document_id", s.document_id},
          {"pointer", s.pointer},
          {"imported_at", s.imported_at}};
}

json ToJson(const ImportResult& r) {
  json applied = json::array(), unmatched = json::array();
  for (const Applied& a : r.applied) {
    applied.push_back({{"pointer", a.pointer},
                       {"finding_id", a.finding_id},
                       {"product", a.product},
                       {"release", a.release},
                       {"component", a.component},
                       {"vulnerability", a.vulnerability},
                       {"state", a.state}});
  }
  for (const Statement& s : r.unmatched) {
    json products = json::array();
    for (const Product& p : s.products) {
      products.push_back(!p.purl.empty() ? p.purl : !p.cpe.empty() ? p.cpe : p.name);
    }
    unmatched.push_back({{"pointer", s.pointer},
                         {"vulnerability", s.vulnerability},
                         {"state", s.state},
                         {"products", products}});
  }
  return {{"file", r.file},         {"sha256", r.sha256},
          {"format", r.format},     {"document_id", r.document_id},
          {"supplier", r.supplier}, {"statements", r.statements},
          {"applied", applied},     {"unmatched", unmatched}};
}

}  // namespace soupkeeper::vex
