// SPDX 3.0.1 JSON-LD encoder: serializes spdx::BuildSpdx (made for 3.0) as
// the compact "@graph" form of the SPDX 3.0.1 JSON schema: one CreationInfo,
// the agents and tools, the SpdxDocument, one software_Sbom, a
// software_Package per component, license expressions and texts, and the
// relationships. Every spdxId is an IRI: the document namespace (as SPDX 2.3
// derives it) with "#" and a local id (the SPDX 2.3 SPDXID for packages);
// an SPDX 3 source keeps its own element IRIs. Elements are written in a
// fixed order with fixed key order, so the same document gives the same
// bytes. CycloneDX properties go into the CdxPropertiesExtension the SPDX 3
// extension profile defines for them; see docs/parts/sbom-writers.md.
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/text.h"
#include "sbom/spdx_writer.h"

namespace soupkeeper::sbom {
namespace {

using nlohmann::ordered_json;

constexpr const char* kContext = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld";
constexpr const char* kCreationInfo = "_:creationinfo";

void PutString(ordered_json& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}

using Names = std::map<std::string_view, std::string_view>;

// The value of `key` in `names`, "" when absent.
std::string_view Lookup(const Names& names, std::string_view key) {
  auto it = names.find(key);
  return it == names.end() ? std::string_view() : it->second;
}

// SPDX 2.3 checksum algorithm -> SPDX 3 HashAlgorithm ("SHA3-256" ->
// "sha3_256", "BLAKE2b-256" -> "blake2b256"); 3.0 has every 2.3 algorithm.
std::string HashAlgorithm(std::string_view spdx2) {
  std::string out;
  for (size_t i = 0; i < spdx2.size(); ++i) {
    char c = spdx2[i];
    if (c == '-') {
      if (out.rfind("sha3", 0) == 0) out += '_';
      continue;
    }
    out += text::AsciiLower(c);
  }
  return out;
}

// A CycloneDX external reference type -> SPDX 3 ExternalRefType; "" when
// 3.0 has no such type.
std::string_view ExternalRefType(std::string_view cdx) {
  static const Names kTypes = {
      {"advisories", "securityAdvisory"},
      {"build-meta", "buildMeta"},
      {"build-system", "buildSystem"},
      {"certification-report", "certificationReport"},
      {"chat", "chat"},
      {"component-analysis-report", "componentAnalysisReport"},
      {"documentation", "documentation"},
      {"distribution", "altDownloadLocation"},
      {"dynamic-analysis-report", "dynamicAnalysisReport"},
      {"exploitability-statement", "vulnerabilityExploitabilityAssessment"},
      {"issue-tracker", "issueTracker"},
      {"license", "license"},
      {"mailing-list", "mailingList"},
      {"other", "other"},
      {"pentest-report", "securityPenTestReport"},
      {"release-notes", "releaseNotes"},
      {"risk-assessment", "riskAssessment"},
      {"runtime-analysis-report", "runtimeAnalysisReport"},
      {"social", "socialMedia"},
      {"source-distribution", "sourceArtifact"},
      {"static-analysis-report", "staticAnalysisReport"},
      {"support", "support"},
      {"threat-model", "securityThreatModel"},
      {"adversary-model", "securityAdversaryModel"},
      {"vcs", "vcs"},
      {"vulnerability-assertion", "vulnerabilityDisclosureReport"},
      {"website", "altWebPage"},
  };
  return Lookup(kTypes, cdx);
}

// An SPDX 2.3 external reference type -> SPDX 3 ExternalIdentifierType (the
// component's purl has its own property, software_packageUrl; further purls
// are packageUrl identifiers).
std::string_view IdentifierType(std::string_view spdx2) {
  static const Names kTypes = {{"cpe23Type", "cpe23"}, {"cpe22Type", "cpe22"},
                               {"purl", "packageUrl"}, {"swid", "swid"},
                               {"swh", "swhid"},       {"gitoid", "gitoid"}};
  return Lookup(kTypes, spdx2);
}

// cdx:fda:level-of-support (the FDA's wording, as the inventory writes it,
// or an SPDX 3 source's SupportType) -> SPDX 3 SupportType; "" when it names
// none.
std::string_view SupportLevel(std::string_view fda) {
  static const Names kLevels = {{"actively maintained", "support"},
                                {"no longer maintained", "endOfSupport"},
                                {"abandoned", "noSupport"},
                                {"unknown", "noAssertion"},
                                {"deployed", "deployed"},
                                {"development", "development"},
                                {"endOfSupport", "endOfSupport"},
                                {"limitedSupport", "limitedSupport"},
                                {"noAssertion", "noAssertion"},
                                {"noSupport", "noSupport"},
                                {"support", "support"}};
  return Lookup(kLevels, fda);
}

std::string_view RelationshipType(std::string_view spdx2) {
  if (spdx2 == "DESCRIBES") return "describes";
  if (spdx2 == "CONTAINS") return "contains";
  return "dependsOn";  // the third the mapping writes
}

// An element IRI of an SPDX 3 source: "scheme:rest", no blank node, no space.
bool IsIri(std::string_view s) {
  if (s.rfind("_:", 0) == 0 || s.find(':') == std::string_view::npos || s.front() == ':') {
    return false;
  }
  for (unsigned char c : s) {
    if (c <= 0x20) return false;
  }
  return true;
}

class Writer {
 public:
  Writer(const Document& doc, spdx::Doc d, encode::LossLog& log)
      : doc_(doc), d_(std::move(d)), log_(log) {
    base_ = d_.namespace_uri.substr(0, d_.namespace_uri.find('#')) + "#";
  }
  std::string Write();

 private:
  std::string Local(const std::string& id) const { return base_ + id; }
  ordered_json Element(const char* type, const std::string& id) const {
    return {{"type", type}, {"spdxId", id}, {"creationInfo", kCreationInfo}};
  }
  void AddAgent(ordered_json element) { agents_json_.push_back(std::move(element)); }
  std::string Agent(const spdx::Agent& agent);
  std::string Tool(const std::string& name);
  std::string LicenseElement(const std::string& expression);
  void Relate(const std::string& from, std::string_view type, const std::vector<std::string>& to);
  ordered_json Package(const spdx::Package& p, const Component& c, const std::string& iri);
  // The properties as a CdxPropertiesExtension (the extension profile).
  void Extension(ordered_json& j, std::span<const Property> props);

  const Document& doc_;
  const spdx::Doc d_;
  encode::LossLog& log_;
  std::string base_;  // namespace + "#"
  spdx::IdPool local_ids_;
  std::map<std::string, std::string> agents_;    // agent text -> IRI
  std::map<std::string, std::string> tools_;     // tool name -> IRI
  std::map<std::string, std::string> licenses_;  // expression -> IRI
  std::map<std::string, std::string> texts_;     // LicenseRef- -> IRI of its text
  int relationships_ = 0;
  bool extension_ = false;                            // an extension was written
  ordered_json agents_json_ = ordered_json::array();  // agents and tools
  ordered_json tail_ = ordered_json::array();         // license and relationship elements
};

std::string Writer::Agent(const spdx::Agent& a) {
  const std::string text = a.Text();
  auto it = agents_.find(text);
  if (it != agents_.end()) return it->second;
  std::string iri = Local(local_ids_.Take(a.kind + "-", a.name));
  ordered_json j = Element(a.kind.c_str(), iri);
  j["name"] = a.name;
  if (!a.email.empty()) {
    j["externalIdentifier"] = ordered_json::array({{{"type", "ExternalIdentifier"},
                                                    {"externalIdentifierType", "email"},
                                                    {"identifier", a.email}}});
  }
  AddAgent(std::move(j));
  agents_.emplace(text, iri);
  return iri;
}

std::string Writer::Tool(const std::string& name) {
  auto it = tools_.find(name);
  if (it != tools_.end()) return it->second;
  std::string iri = Local(local_ids_.Take("Tool-", name));
  ordered_json j = Element("Tool", iri);
  j["name"] = name;
  AddAgent(std::move(j));
  tools_.emplace(name, iri);
  return iri;
}

std::string Writer::LicenseElement(const std::string& expression) {
  auto it = licenses_.find(expression);
  if (it != licenses_.end()) return it->second;
  std::string iri =
      Local(local_ids_.Take("LicenseExpression-", std::to_string(licenses_.size() + 1)));
  ordered_json j = Element("simplelicensing_LicenseExpression", iri);
  j["simplelicensing_licenseExpression"] = expression;
  ordered_json map = ordered_json::array();
  for (const auto& [ref, text_iri] : texts_) {
    size_t at = expression.find(ref);
    // A whole idstring, not part of a longer one.
    while (at != std::string::npos) {
      size_t end = at + ref.size();
      bool whole = (at == 0 || expression[at - 1] == ' ' || expression[at - 1] == '(') &&
                   (end == expression.size() || expression[end] == ' ' || expression[end] == ')');
      if (whole) {
        map.push_back({{"type", "DictionaryEntry"}, {"key", ref}, {"value", text_iri}});
        break;
      }
      at = expression.find(ref, end);
    }
  }
  if (!map.empty()) j["simplelicensing_customIdToUri"] = std::move(map);
  tail_.push_back(std::move(j));
  licenses_.emplace(expression, iri);
  return iri;
}

void Writer::Relate(const std::string& from, std::string_view type,
                    const std::vector<std::string>& to) {
  std::string iri = Local(local_ids_.Take("Relationship-", std::to_string(++relationships_)));
  ordered_json j = Element("Relationship", iri);
  j["from"] = from;
  j["relationshipType"] = std::string(type);
  j["to"] = to;
  tail_.push_back(std::move(j));
}

void Writer::Extension(ordered_json& j, std::span<const Property> props) {
  if (props.empty()) return;
  extension_ = true;
  ordered_json entries = ordered_json::array();
  for (const Property& p : props) {
    ordered_json e = {{"type", "extension_CdxPropertyEntry"}, {"extension_cdxPropName", p.name}};
    if (!p.value.empty()) e["extension_cdxPropValue"] = p.value;
    entries.push_back(std::move(e));
  }
  j["extension"] = ordered_json::array({{{"type", "extension_CdxPropertiesExtension"},
                                         {"extension_cdxProperty", std::move(entries)}}});
}

ordered_json Writer::Package(const spdx::Package& p, const Component& c, const std::string& iri) {
  ordered_json j = Element("software_Package", iri);
  PutString(j, "name", p.name);
  PutString(j, "software_packageVersion", p.version);
  PutString(j, "description", p.description);
  if (p.supplier) j["suppliedBy"] = Agent(*p.supplier);
  if (!p.originators.empty()) {
    ordered_json by = ordered_json::array();
    for (const spdx::Agent& o : p.originators) by.push_back(Agent(o));
    j["originatedBy"] = std::move(by);
  }
  if (!p.checksums.empty()) {
    ordered_json a = ordered_json::array();
    for (const spdx::Checksum& h : p.checksums) {
      a.push_back(
          {{"type", "Hash"}, {"algorithm", HashAlgorithm(h.algorithm)}, {"hashValue", h.value}});
    }
    j["verifiedUsing"] = std::move(a);
  }
  ordered_json ids = ordered_json::array(), refs = ordered_json::array();
  for (const spdx::ExternalRef& r : p.external_refs) {
    if (r.type == "purl" && r.locator == c.purl) continue;  // software_packageUrl
    std::string_view id_type = IdentifierType(r.type);
    if (!id_type.empty()) {
      ids.push_back({{"type", "ExternalIdentifier"},
                     {"externalIdentifierType", std::string(id_type)},
                     {"identifier", r.locator}});
      continue;
    }
    std::string_view ref_type = ExternalRefType(r.category == "SECURITY" ? "advisories" : r.type);
    if (ref_type.empty()) {
      log_.Add("external reference type '" + r.type + "'", "written as other");
      ref_type = "other";
    }
    ordered_json x = {{"type", "ExternalRef"},
                      {"externalRefType", std::string(ref_type)},
                      {"locator", ordered_json::array({r.locator})}};
    PutString(x, "comment", r.comment);
    refs.push_back(std::move(x));
  }
  if (!ids.empty()) j["externalIdentifier"] = std::move(ids);
  if (!refs.empty()) j["externalRef"] = std::move(refs);
  PutString(j, "software_packageUrl", c.purl);
  if (p.download_location != "NOASSERTION") j["software_downloadLocation"] = p.download_location;
  PutString(j, "software_homePage", p.homepage);
  PutString(j, "software_copyrightText", p.copyright);
  PutString(j, "software_primaryPurpose", p.primary_purpose);
  PutString(j, "validUntilTime", p.valid_until);
  if (const Text* level = encode::FindProperty(c.properties, kFdaLevelOfSupport)) {
    std::string_view spdx3 = SupportLevel(*level);
    if (!spdx3.empty()) {
      j["supportLevel"] = ordered_json::array({std::string(spdx3)});
    } else {
      log_.Add("level of support '" + *level + "'", "no SPDX 3.0 support type, kept as a property");
    }
  }
  Extension(j, c.properties);
  return j;
}

std::string Writer::Write() {
  // Creation: people and organizations create, tools are used.
  ordered_json created_by = ordered_json::array(), created_using = ordered_json::array();
  for (const spdx::Agent& c : d_.creators) {
    if (c.kind == "Tool") {
      created_using.push_back(Tool(c.name));
    } else {
      created_by.push_back(Agent(c));
    }
  }
  if (created_by.empty()) {
    // createdBy needs an Agent: soupkeeper, the software that wrote this.
    std::string iri = Local(local_ids_.Take("SoftwareAgent-", "soupkeeper"));
    ordered_json j = Element("SoftwareAgent", iri);
    j["name"] = "soupkeeper";
    AddAgent(std::move(j));
    created_by.push_back(iri);
  }
  ordered_json info = {{"type", "CreationInfo"}, {"@id", kCreationInfo}, {"specVersion", "3.0.1"}};
  info["created"] = d_.created;
  info["createdBy"] = std::move(created_by);
  if (!created_using.empty()) info["createdUsing"] = std::move(created_using);
  PutString(info, "comment", d_.creation_comment);

  // Package IRIs: an SPDX 3 source's own, else namespace#SPDXID.
  std::vector<std::string> iris;
  std::unordered_map<std::string, std::string> iri_of_id;
  std::set<std::string> taken;
  std::vector<const Component*> sources;
  if (doc_.subject) sources.push_back(&*doc_.subject);
  for (const Component& c : doc_.components) sources.push_back(&c);
  for (size_t i = 0; i < d_.packages.size(); ++i) {
    const std::string& ref = sources[i]->ref;
    std::string iri =
        doc_.format == Format::kSpdxJsonLd && IsIri(ref) ? ref : Local(d_.packages[i].id);
    if (!taken.insert(iri).second) {
      iri = Local(d_.packages[i].id);
      taken.insert(iri);
    }
    local_ids_.Use(d_.packages[i].id);
    iri_of_id.emplace(d_.packages[i].id, iri);
    iris.push_back(iri);
  }
  for (const spdx::ExtractedLicense& l : d_.extracted_licenses) {
    local_ids_.Use(l.id);
    texts_.emplace(l.id, Local(l.id));
  }

  const std::string sbom = Local(local_ids_.Take("SPDXRef-", "Sbom"));
  ordered_json packages = ordered_json::array();
  for (size_t i = 0; i < d_.packages.size(); ++i) {
    packages.push_back(Package(d_.packages[i], *sources[i], iris[i]));
  }
  for (const spdx::ExtractedLicense& l : d_.extracted_licenses) {
    ordered_json j = Element("simplelicensing_SimpleLicensingText", texts_[l.id]);
    j["name"] = l.name;
    j["simplelicensing_licenseText"] = l.text;
    tail_.push_back(std::move(j));
  }
  std::vector<std::string> roots;
  for (size_t i = 0; i < d_.packages.size(); ++i) {
    const spdx::Package& p = d_.packages[i];
    if (!p.license_declared.empty()) {
      Relate(iris[i], "hasDeclaredLicense", {LicenseElement(p.license_declared)});
    }
    if (!p.license_concluded.empty()) {
      Relate(iris[i], "hasConcludedLicense", {LicenseElement(p.license_concluded)});
    }
  }
  // The relationships in the mapping's order, consecutive ones from the
  // same element with the same type as one Relationship.
  for (size_t i = 0; i < d_.relationships.size();) {
    const spdx::Relationship& r = d_.relationships[i];
    const bool described = r.from == "SPDXRef-DOCUMENT";
    std::vector<std::string> to;
    size_t j = i;
    for (; j < d_.relationships.size() && d_.relationships[j].from == r.from &&
           d_.relationships[j].type == r.type;
         ++j) {
      to.push_back(iri_of_id.at(d_.relationships[j].to));
    }
    if (described) roots.insert(roots.end(), to.begin(), to.end());
    Relate(described ? sbom : iri_of_id.at(r.from), RelationshipType(r.type), to);
    i = j;
  }

  // The document and its Sbom, then the packages, licenses, relationships.
  ordered_json document = Element("SpdxDocument", d_.namespace_uri);
  PutString(document, "name", doc_.name);
  Extension(document, doc_.properties);
  document["profileConformance"] = {"core", "software", "simpleLicensing"};
  if (extension_) document["profileConformance"].push_back("extension");
  document["rootElement"] = ordered_json::array({sbom});
  ordered_json bom = Element("software_Sbom", sbom);
  bom["rootElement"] = roots;
  bom["element"] = iris;
  // The document holds every element but the CreationInfo and itself.
  ordered_json all = ordered_json::array();
  for (const ordered_json* part : {&agents_json_, &packages, &tail_}) {
    for (const ordered_json& e : *part) all.push_back(e["spdxId"]);
  }
  all.insert(all.begin() + static_cast<std::ptrdiff_t>(agents_json_.size()), sbom);
  document["element"] = std::move(all);
  ordered_json graph = ordered_json::array({std::move(info)});
  for (ordered_json& e : agents_json_) graph.push_back(std::move(e));
  graph.push_back(std::move(document));
  graph.push_back(std::move(bom));
  for (ordered_json& p : packages) graph.push_back(std::move(p));
  for (ordered_json& t : tail_) graph.push_back(std::move(t));
  ordered_json root = {{"@context", kContext}, {"@graph", std::move(graph)}};
  return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

class Spdx3JsonLdEncoder final : public SbomEncoder {
 public:
  std::string_view Name() const override { return "spdx3-jsonld"; }
  Format format() const override { return Format::kSpdxJsonLd; }
  std::vector<std::string_view> SpecVersions() const override { return {"3.0.1"}; }

  Result<std::string> Encode(const Document& doc, const EncodeOptions& options,
                             DiagnosticSink& sink) const override {
    const std::string& v = options.spec_version;
    if (!v.empty() && v != "3.0.1" && v != "3.0" && v != "SPDX-3.0.1") {
      return InvalidArgument("SPDX " + v + " cannot be written as JSON-LD (3.0.1 can)");
    }
    encode::LossLog log("SPDX 3.0 JSON-LD");
    Writer writer(doc, spdx::BuildSpdx(doc, spdx::Version::k30, log), log);
    std::string text = writer.Write();
    log.Flush(sink);
    return text;
  }
};

}  // namespace

std::unique_ptr<SbomEncoder> NewSpdx3JsonLdEncoder() {
  return std::make_unique<Spdx3JsonLdEncoder>();
}

}  // namespace soupkeeper::sbom
