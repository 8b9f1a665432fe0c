// CycloneDX JSON encoder (1.5, 1.6 default, 1.7), and the mapping from the
// model to a CycloneDX tree that the XML encoder shares.
//
// Every value written is checked against the rules of the target version
// (cdx_rules.h) the way the decoder checks them, so what is written decodes
// again; a value the target cannot hold is left out (or, for enumerations,
// replaced by the target's catch-all) and counted in the loss log.
#include <set>
#include <string>

#include "sbom/cdx_encoders.h"
#include "sbom/cdx_rules.h"

namespace soupkeeper::sbom {
namespace cdx {
namespace {

using nlohmann::ordered_json;

class TreeBuilder {
 public:
  TreeBuilder(const Document& doc, int minor, encode::LossLog& log)
      : doc_(doc), minor_(minor), log_(log), tree_(encode::BuildTree(doc)) {}

  ordered_json Build();

 private:
  bool Since(int minor) const { return minor_ >= minor; }
  void Lost(const std::string& what, const std::string& why) { log_.Add(what, why); }
  std::string Target() const { return "CycloneDX 1." + std::to_string(minor_); }

  ordered_json ComponentJson(const Component& c, const std::vector<size_t>& children);
  ordered_json ComponentList(const std::vector<size_t>& indices);
  ordered_json OrganizationJson(const sbom::Organization& o, const char* what);
  ordered_json ContactJson(const Contact& c, const char* what);
  ordered_json HashesJson(std::span<const Hash> hashes, const char* what);
  ordered_json LicensesJson(std::span<const License> licenses);
  ordered_json ExternalReferencesJson(std::span<const ExternalReference> refs);
  ordered_json PropertiesJson(std::span<const Property> props);
  ordered_json MetadataJson();

  const Document& doc_;
  const int minor_;
  encode::LossLog& log_;
  const encode::Tree tree_;
};

void PutString(ordered_json& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}

// The list without repeated items, first occurrences kept (CycloneDX JSON
// wants unique items; an XML source may repeat a ref).
std::vector<std::string> Unique(std::span<const Text> items) {
  std::vector<std::string> out;
  std::set<std::string_view> seen;
  for (const Text& s : items) {
    if (seen.insert(s).second) out.push_back(s);
  }
  return out;
}

ordered_json TreeBuilder::ContactJson(const Contact& c, const char* what) {
  ordered_json j = ordered_json::object();
  PutString(j, "name", c.name);
  if (!c.email.empty()) {
    if (cdx::IsEmail(c.email)) {
      j["email"] = c.email;
    } else {
      Lost(std::string(what) + " e-mail", "not an e-mail address, left out");
    }
  }
  PutString(j, "phone", c.phone);
  return j;
}

ordered_json TreeBuilder::OrganizationJson(const sbom::Organization& o, const char* what) {
  ordered_json j = ordered_json::object();
  PutString(j, "name", o.name);
  ordered_json urls = ordered_json::array();
  for (const Text& u : o.urls) {
    if (cdx::IsIriReference(u)) {
      urls.push_back(u);
    } else {
      Lost(std::string(what) + " url", "not an IRI reference, left out");
    }
  }
  if (!urls.empty()) j["url"] = std::move(urls);
  if (!o.contacts.empty()) {
    ordered_json a = ordered_json::array();
    for (const Contact& c : o.contacts) a.push_back(ContactJson(c, what));
    j["contact"] = std::move(a);
  }
  return j;
}

ordered_json TreeBuilder::HashesJson(std::span<const Hash> hashes, const char* what) {
  ordered_json a = ordered_json::array();
  for (const Hash& h : hashes) {
    std::string alg = encode::CdxHashAlg(h.alg);
    if (alg.empty() || !cdx::InEnum(cdx::kHashAlg, alg, minor_)) {
      Lost(std::string(what) + " hash " + h.alg, "no such algorithm in " + Target());
      continue;
    }
    // CycloneDX content is hex; SPDX writes lower case, CycloneDX either.
    if (!cdx::IsHashContent(h.value)) {
      Lost(std::string(what) + " hash " + h.alg, "value is not 32-128 hex digits, left out");
      continue;
    }
    a.push_back({{"alg", alg}, {"content", h.value}});
  }
  return a;
}

// One license entry in 1.5-1.7 form: {"license": {...}} or {"expression"}.
ordered_json LicenseChoice(const License& l, bool acknowledge) {
  ordered_json j = ordered_json::object();
  if (l.kind == License::Kind::kExpression ||
      (l.kind == License::Kind::kId && !cdx::IsSpdxLicenseId(l.value))) {
    // Ids outside the SPDX list (LicenseRef-..., from SPDX) are valid SPDX
    // expressions.
    j["expression"] = l.value;
    if (acknowledge && !l.acknowledgement.empty()) j["acknowledgement"] = l.acknowledgement;
    return j;
  }
  ordered_json lic = ordered_json::object();
  if (acknowledge && !l.acknowledgement.empty()) lic["acknowledgement"] = l.acknowledgement;
  lic[l.kind == License::Kind::kId ? "id" : "name"] = l.value;
  if (!l.url.empty() && cdx::IsIriReference(l.url)) lic["url"] = l.url;
  j["license"] = std::move(lic);
  return j;
}

bool IsExpressionChoice(const License& l) {
  return l.kind == License::Kind::kExpression ||
         (l.kind == License::Kind::kId && !cdx::IsSpdxLicenseId(l.value));
}

ordered_json TreeBuilder::LicensesJson(std::span<const License> licenses) {
  ordered_json a = ordered_json::array();
  const bool acknowledge = Since(6);
  size_t expressions = 0;
  for (const License& l : licenses) {
    if (IsExpressionChoice(l)) ++expressions;
    if (!acknowledge && !l.acknowledgement.empty()) {
      Lost("license acknowledgement", "no place before CycloneDX 1.6");
    }
  }
  // 1.5 and 1.6: license objects, or exactly one expression. A mix becomes
  // one expression joining every part with AND; names cannot be part of an
  // expression.
  if (!Since(7) && expressions > 0 && licenses.size() > 1) {
    std::string expr;
    Text ack;
    bool same_ack = true;
    for (size_t i = 0; i < licenses.size(); ++i) {
      const License& l = licenses[i];
      if (l.kind == License::Kind::kName) {
        Lost("license name '" + l.value + "'", "cannot join an SPDX expression in " + Target());
        continue;
      }
      if (!expr.empty()) expr += " AND ";
      bool compound = l.value.find(' ') != std::string::npos;
      expr += compound ? "(" + l.value + ")" : l.value;
      if (i == 0) {
        ack = l.acknowledgement;
      } else if (l.acknowledgement != ack) {
        same_ack = false;
      }
    }
    if (expr.empty()) return a;
    Arena arena;  // the joined expression's text, for this call
    License joined{License::Kind::kExpression, arena.Keep(expr), same_ack ? ack : Text(), ""};
    if (!same_ack) Lost("license acknowledgement", "differs between the joined licenses");
    a.push_back(LicenseChoice(joined, acknowledge));
    return a;
  }
  for (const License& l : licenses) a.push_back(LicenseChoice(l, acknowledge));
  return a;
}

ordered_json TreeBuilder::ExternalReferencesJson(std::span<const ExternalReference> refs) {
  ordered_json a = ordered_json::array();
  for (const ExternalReference& r : refs) {
    if (!cdx::IsIriReference(r.url)) {
      Lost("external reference", "url '" + r.url + "' is not an IRI reference");
      continue;
    }
    ordered_json j = ordered_json::object();
    std::string type = r.type;
    if (!cdx::InEnum(cdx::kExternalReferenceType, type, minor_)) {
      Lost("external reference type '" + type + "'", "written as 'other'");
      type = "other";
    }
    j["type"] = type;
    j["url"] = r.url;
    PutString(j, "comment", r.comment);
    ordered_json hashes = HashesJson(r.hashes, "external reference");
    if (!hashes.empty()) j["hashes"] = std::move(hashes);
    a.push_back(std::move(j));
  }
  return a;
}

ordered_json TreeBuilder::PropertiesJson(std::span<const Property> props) {
  ordered_json a = ordered_json::array();
  for (const Property& p : props) a.push_back({{"name", p.name}, {"value", p.value}});
  return a;
}

ordered_json TreeBuilder::ComponentJson(const Component& c, const std::vector<size_t>& children) {
  ordered_json j = ordered_json::object();
  std::string type = c.type;
  if (type.empty()) {
    Lost("component without a type", "written as 'library'");
    type = "library";
  } else if (!cdx::InEnum(cdx::kComponentType, type, minor_)) {
    Lost("component type '" + type + "'", "not in " + Target() + ", written as 'library'");
    type = "library";
  }
  j["type"] = type;
  PutString(j, "bom-ref", c.ref);
  if (c.supplier) j["supplier"] = OrganizationJson(*c.supplier, "supplier");
  std::string author = c.author;
  if (!c.authors.empty()) {
    if (Since(6)) {
      ordered_json a = ordered_json::array();
      for (const Contact& x : c.authors) a.push_back(ContactJson(x, "author"));
      j["authors"] = std::move(a);
    } else if (author.empty()) {
      // Before 1.6 a component has one free-text author.
      for (const Contact& x : c.authors) {
        if (x.name.empty()) continue;
        if (!author.empty()) author += ", ";
        author += x.name;
      }
    } else {
      Lost("component authors", "no place before CycloneDX 1.6 beside 'author'");
    }
  }
  PutString(j, "author", author);
  PutString(j, "publisher", c.publisher);
  PutString(j, "group", c.group);
  j["name"] = c.name;
  if (!c.version.empty()) {
    if (Since(6) && c.version.size() > 1024) {
      Lost("component version", "longer than 1024 characters, left out");
    } else {
      j["version"] = c.version;
    }
  }
  PutString(j, "description", c.description);
  if (!c.scope.empty()) {
    if (cdx::InEnum(cdx::kScope, c.scope, minor_)) {
      j["scope"] = c.scope;
    } else {
      Lost("component scope '" + c.scope + "'", "not a CycloneDX scope");
    }
  }
  ordered_json hashes = HashesJson(c.hashes, "component");
  if (!hashes.empty()) j["hashes"] = std::move(hashes);
  ordered_json licenses = LicensesJson(c.licenses);
  if (!licenses.empty()) j["licenses"] = std::move(licenses);
  PutString(j, "copyright", c.copyright);
  PutString(j, "cpe", c.cpe);
  PutString(j, "purl", c.purl);
  if (Since(6)) {
    if (!c.omnibor_ids.empty()) j["omniborId"] = c.omnibor_ids;
    if (!c.swhids.empty()) j["swhid"] = c.swhids;
  } else if (!c.omnibor_ids.empty() || !c.swhids.empty()) {
    Lost("OmniBOR id or SWHID", "no place before CycloneDX 1.6");
  }
  if (!c.swid_tag_id.empty()) {
    // The model keeps the tag id; the tag's required name is the component's.
    j["swid"] = {{"tagId", c.swid_tag_id}, {"name", c.name}};
  }
  ordered_json refs = ExternalReferencesJson(c.external_references);
  if (!refs.empty()) j["externalReferences"] = std::move(refs);
  if (!c.properties.empty()) j["properties"] = PropertiesJson(c.properties);
  if (!children.empty()) j["components"] = ComponentList(children);
  return j;
}

ordered_json TreeBuilder::ComponentList(const std::vector<size_t>& indices) {
  ordered_json a = ordered_json::array();
  for (size_t i : indices) a.push_back(ComponentJson(doc_.components[i], tree_.children[i]));
  return a;
}

ordered_json TreeBuilder::MetadataJson() {
  ordered_json m = ordered_json::object();
  if (!doc_.timestamp.empty()) {
    if (cdx::IsDateTime(doc_.timestamp)) {
      m["timestamp"] = doc_.timestamp;
    } else {
      Lost("document timestamp '" + doc_.timestamp + "'", "not an RFC 3339 date-time");
    }
  }
  if (!doc_.lifecycle_phases.empty()) {
    ordered_json a = ordered_json::array();
    for (const Text& phase : doc_.lifecycle_phases) {
      if (cdx::InEnum(cdx::kLifecyclePhase, phase, minor_)) {
        a.push_back({{"phase", phase}});
      } else {
        a.push_back({{"name", phase}});
      }
    }
    m["lifecycles"] = std::move(a);
  }
  if (!doc_.tools.empty()) {
    ordered_json a = ordered_json::array();
    for (const Tool& t : doc_.tools) {
      ordered_json tj = {{"type", "application"}};
      if (!t.vendor.empty()) tj["supplier"] = {{"name", t.vendor}};
      tj["name"] = t.name;
      PutString(tj, "version", t.version);
      a.push_back(std::move(tj));
    }
    m["tools"] = {{"components", std::move(a)}};
  }
  if (!doc_.authors.empty()) {
    ordered_json a = ordered_json::array();
    for (const Contact& c : doc_.authors) a.push_back(ContactJson(c, "document author"));
    m["authors"] = std::move(a);
  }
  if (doc_.subject) m["component"] = ComponentJson(*doc_.subject, tree_.subject_children);
  if (doc_.manufacturer) {
    // "manufacture" is the 1.5 name, deprecated by 1.6's "manufacturer".
    m[Since(6) ? "manufacturer" : "manufacture"] =
        OrganizationJson(*doc_.manufacturer, "manufacturer");
  }
  if (doc_.supplier) m["supplier"] = OrganizationJson(*doc_.supplier, "supplier");
  if (!doc_.properties.empty()) m["properties"] = PropertiesJson(doc_.properties);
  return m;
}

ordered_json TreeBuilder::Build() {
  ordered_json bom = ordered_json::object();
  bom["bomFormat"] = "CycloneDX";
  bom["specVersion"] = "1." + std::to_string(minor_);
  if (cdx::IsSerialNumber(doc_.serial_number)) {
    bom["serialNumber"] = doc_.serial_number;
  } else {
    // An SPDX namespace, or nothing: a UUID derived from it, or from the
    // content when there is none.
    std::string basis = doc_.serial_number.empty() ? encode::ContentHash(doc_) : doc_.serial_number;
    bom["serialNumber"] = "urn:uuid:" + encode::DerivedUuid(basis);
  }
  int version = doc_.version;
  if (version < 1) {
    Lost("BOM version " + std::to_string(version), "written as 1 (the least allowed)");
    version = 1;
  }
  bom["version"] = version;
  ordered_json metadata = MetadataJson();
  if (!metadata.empty()) bom["metadata"] = std::move(metadata);
  bom["components"] = ComponentList(tree_.top);
  ordered_json deps = ordered_json::array();
  for (const Dependency& d : doc_.dependencies) {
    if (d.ref.empty()) {
      Lost("dependency without a ref", "left out");
      continue;
    }
    ordered_json dj = {{"ref", d.ref}};
    if (!d.depends_on.empty()) dj["dependsOn"] = Unique(d.depends_on);
    deps.push_back(std::move(dj));
  }
  if (!deps.empty()) bom["dependencies"] = std::move(deps);
  ordered_json comps = ordered_json::array();
  for (const Composition& c : doc_.compositions) {
    if (!cdx::InEnum(cdx::kAggregate, c.aggregate, minor_)) {
      Lost("composition aggregate '" + c.aggregate + "'", "left out");
      continue;
    }
    ordered_json cj = {{"aggregate", c.aggregate}};
    if (!c.assemblies.empty()) cj["assemblies"] = Unique(c.assemblies);
    if (!c.dependencies.empty()) cj["dependencies"] = Unique(c.dependencies);
    comps.push_back(std::move(cj));
  }
  if (!comps.empty()) bom["compositions"] = std::move(comps);
  if (doc_.service_count > 0) {
    Lost("service", "services are not part of the model, left out");
  }
  return bom;
}

}  // namespace

Result<int> EncodeMinor(std::string_view spec_version) {
  if (spec_version.empty()) return 6;
  if (spec_version == "1.5" || spec_version == "1.6" || spec_version == "1.7") {
    return spec_version[2] - '0';
  }
  return InvalidArgument("CycloneDX " + std::string(spec_version) +
                         " cannot be written (1.5, 1.6 or 1.7 can)");
}

nlohmann::ordered_json BuildCdxTree(const Document& doc, int minor, encode::LossLog& log) {
  return TreeBuilder(doc, minor, log).Build();
}

bool CarryVulnerabilities(const Document& doc, Format format, int minor, encode::LossLog& log) {
  if (doc.vulnerabilities_raw.empty()) return false;
  int source_minor = ParseSpecVersion(doc.spec_version);
  if (doc.format == format && source_minor > 0 && source_minor <= minor) return true;
  log.Add("embedded vulnerability",
          "carried only into the same CycloneDX encoding at the same or a later version, left out");
  return false;
}

}  // namespace cdx

namespace {

class CycloneDxJsonEncoder final : public SbomEncoder {
 public:
  std::string_view Name() const override { return "cyclonedx-json"; }
  Format format() const override { return Format::kCycloneDxJson; }
  std::vector<std::string_view> SpecVersions() const override { return {"1.6", "1.5", "1.7"}; }

  Result<std::string> Encode(const Document& doc, const EncodeOptions& options,
                             DiagnosticSink& sink) const override {
    SK_ASSIGN_OR_RETURN(int minor, cdx::EncodeMinor(options.spec_version));
    encode::LossLog log("CycloneDX 1." + std::to_string(minor) + " JSON");
    nlohmann::ordered_json bom = cdx::BuildCdxTree(doc, minor, log);
    if (cdx::CarryVulnerabilities(doc, format(), minor, log)) {
      nlohmann::ordered_json v = nlohmann::ordered_json::parse(doc.vulnerabilities_raw, nullptr,
                                                               /*allow_exceptions=*/false);
      if (v.is_array()) {
        bom["vulnerabilities"] = std::move(v);
      } else {
        log.Add("embedded vulnerability", "kept text is not a JSON array, left out");
      }
    }
    log.Flush(sink);
    return bom.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
};

}  // namespace

std::unique_ptr<SbomEncoder> NewCycloneDxJsonEncoder() {
  return std::make_unique<CycloneDxJsonEncoder>();
}

}  // namespace soupkeeper::sbom
