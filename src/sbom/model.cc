// The normalized SBOM model: format names and the JSON form that
// `soupkeeper sbom show` prints.
#include <nlohmann/json.hpp>

#include "sbom/text_json.h"
#include "soupkeeper/sbom.h"

namespace soupkeeper::sbom {
namespace {

using nlohmann::ordered_json;

void PutString(ordered_json& j, const char* key, std::string_view value) {
  if (!value.empty()) j[key] = value;
}

ordered_json ContactJson(const Contact& c) {
  ordered_json j = ordered_json::object();
  PutString(j, "name", c.name);
  PutString(j, "email", c.email);
  PutString(j, "phone", c.phone);
  return j;
}

ordered_json OrganizationJson(const Organization& o) {
  ordered_json j = ordered_json::object();
  PutString(j, "name", o.name);
  if (!o.urls.empty()) j["urls"] = o.urls;
  if (!o.contacts.empty()) {
    ordered_json contacts = ordered_json::array();
    for (const Contact& c : o.contacts) contacts.push_back(ContactJson(c));
    j["contacts"] = std::move(contacts);
  }
  return j;
}

ordered_json HashesJson(std::span<const Hash> hashes) {
  ordered_json a = ordered_json::array();
  for (const Hash& h : hashes) a.push_back({{"alg", h.alg}, {"value", h.value}});
  return a;
}

ordered_json PropertiesJson(std::span<const Property> props) {
  ordered_json a = ordered_json::array();
  for (const Property& p : props) a.push_back({{"name", p.name}, {"value", p.value}});
  return a;
}

std::string_view LicenseKindName(License::Kind kind) {
  switch (kind) {
    case License::Kind::kId:
      return "id";
    case License::Kind::kName:
      return "name";
    case License::Kind::kExpression:
      return "expression";
  }
  return "id";
}

ordered_json AnnotationsJson(std::span<const Annotation> annotations) {
  ordered_json a = ordered_json::array();
  for (const Annotation& x : annotations) {
    ordered_json j = ordered_json::object();
    PutString(j, "annotator", x.annotator);
    PutString(j, "date", x.date);
    PutString(j, "type", x.type);
    PutString(j, "comment", x.comment);
    a.push_back(std::move(j));
  }
  return a;
}

ordered_json ComponentJson(const Component& c) {
  ordered_json j = ordered_json::object();
  PutString(j, "ref", c.ref);
  PutString(j, "type", c.type);
  PutString(j, "group", c.group);
  PutString(j, "name", c.name);
  PutString(j, "version", c.version);
  PutString(j, "description", c.description);
  if (c.supplier) j["supplier"] = OrganizationJson(*c.supplier);
  PutString(j, "author", c.author);
  if (!c.authors.empty()) {
    ordered_json a = ordered_json::array();
    for (const Contact& x : c.authors) a.push_back(ContactJson(x));
    j["authors"] = std::move(a);
  }
  PutString(j, "publisher", c.publisher);
  PutString(j, "purl", c.purl);
  PutString(j, "cpe", c.cpe);
  PutString(j, "swidTagId", c.swid_tag_id);
  if (!c.omnibor_ids.empty()) j["omniborIds"] = c.omnibor_ids;
  if (!c.swhids.empty()) j["swhids"] = c.swhids;
  if (!c.hashes.empty()) j["hashes"] = HashesJson(c.hashes);
  if (!c.licenses.empty()) {
    ordered_json a = ordered_json::array();
    for (const License& l : c.licenses) {
      ordered_json lj = {{std::string(LicenseKindName(l.kind)), l.value}};
      PutString(lj, "acknowledgement", l.acknowledgement);
      PutString(lj, "url", l.url);
      a.push_back(std::move(lj));
    }
    j["licenses"] = std::move(a);
  }
  PutString(j, "copyright", c.copyright);
  PutString(j, "scope", c.scope);
  if (!c.external_references.empty()) {
    ordered_json a = ordered_json::array();
    for (const ExternalReference& r : c.external_references) {
      ordered_json rj = {{"type", r.type}, {"url", r.url}};
      PutString(rj, "comment", r.comment);
      if (!r.hashes.empty()) rj["hashes"] = HashesJson(r.hashes);
      a.push_back(std::move(rj));
    }
    j["externalReferences"] = std::move(a);
  }
  if (!c.properties.empty()) j["properties"] = PropertiesJson(c.properties);
  if (!c.annotations.empty()) j["annotations"] = AnnotationsJson(c.annotations);
  PutString(j, "parentRef", c.parent_ref);
  if (c.parent_index >= 0) j["parentIndex"] = c.parent_index;
  PutString(j, "location", c.location);
  return j;
}

}  // namespace

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kCycloneDxJson:
      return "CycloneDX JSON";
    case Format::kCycloneDxXml:
      return "CycloneDX XML";
    case Format::kSpdxJson:
      return "SPDX JSON";
    case Format::kSpdxTagValue:
      return "SPDX tag-value";
    case Format::kSpdxYaml:
      return "SPDX YAML";
    case Format::kSpdxJsonLd:
      return "SPDX JSON-LD";
  }
  return "unknown";
}

std::string_view FormatFamily(Format format) {
  switch (format) {
    case Format::kCycloneDxJson:
    case Format::kCycloneDxXml:
      return "CycloneDX";
    case Format::kSpdxJson:
    case Format::kSpdxTagValue:
    case Format::kSpdxYaml:
    case Format::kSpdxJsonLd:
      return "SPDX";
  }
  return "unknown";
}

std::string DescribeFormat(const Document& doc) {
  std::string_view version = doc.spec_version;
  if (version.rfind("SPDX-", 0) == 0) version.remove_prefix(5);
  std::string_view name = FormatName(doc.format);
  std::string_view family = FormatFamily(doc.format);
  // FormatName is "<family> <encoding>".
  return std::string(family) + " " + std::string(version) + std::string(name.substr(family.size()));
}

std::string ToJson(const Document& doc, bool pretty) {
  ordered_json j = ordered_json::object();
  j["format"] = FormatName(doc.format);
  j["specVersion"] = doc.spec_version;
  PutString(j, "serialNumber", doc.serial_number);
  j["version"] = doc.version;
  PutString(j, "timestamp", doc.timestamp);
  PutString(j, "name", doc.name);
  PutString(j, "dataLicense", doc.data_license);
  if (!doc.creators.empty()) j["creators"] = doc.creators;
  if (!doc.authors.empty()) {
    ordered_json a = ordered_json::array();
    for (const Contact& c : doc.authors) a.push_back(ContactJson(c));
    j["authors"] = std::move(a);
  }
  if (!doc.tools.empty()) {
    ordered_json a = ordered_json::array();
    for (const Tool& t : doc.tools) {
      ordered_json tj = ordered_json::object();
      PutString(tj, "vendor", t.vendor);
      PutString(tj, "name", t.name);
      PutString(tj, "version", t.version);
      a.push_back(std::move(tj));
    }
    j["tools"] = std::move(a);
  }
  if (!doc.lifecycle_phases.empty()) j["lifecyclePhases"] = doc.lifecycle_phases;
  if (doc.supplier) j["supplier"] = OrganizationJson(*doc.supplier);
  if (doc.manufacturer) j["manufacturer"] = OrganizationJson(*doc.manufacturer);
  if (doc.subject) j["subject"] = ComponentJson(*doc.subject);
  ordered_json comps = ordered_json::array();
  for (const Component& c : doc.components) comps.push_back(ComponentJson(c));
  j["components"] = std::move(comps);
  ordered_json deps = ordered_json::array();
  for (const Dependency& d : doc.dependencies) {
    deps.push_back({{"ref", d.ref}, {"dependsOn", d.depends_on}});
  }
  j["dependencies"] = std::move(deps);
  if (!doc.compositions.empty()) {
    ordered_json a = ordered_json::array();
    for (const Composition& c : doc.compositions) {
      a.push_back({{"aggregate", c.aggregate},
                   {"assemblies", c.assemblies},
                   {"dependencies", c.dependencies}});
    }
    j["compositions"] = std::move(a);
  }
  if (!doc.properties.empty()) j["properties"] = PropertiesJson(doc.properties);
  if (!doc.describes.empty()) j["describes"] = doc.describes;
  if (!doc.relationships.empty()) {
    ordered_json a = ordered_json::array();
    for (const Relationship& r : doc.relationships) {
      ordered_json rj = {{"from", r.from}, {"type", r.type}, {"to", r.to}};
      PutString(rj, "comment", r.comment);
      a.push_back(std::move(rj));
    }
    j["relationships"] = std::move(a);
  }
  if (!doc.annotations.empty()) j["annotations"] = AnnotationsJson(doc.annotations);
  if (doc.file_count > 0) j["fileCount"] = doc.file_count;
  if (doc.snippet_count > 0) j["snippetCount"] = doc.snippet_count;
  if (doc.service_count > 0) j["serviceCount"] = doc.service_count;
  if (doc.vulnerability_count > 0) j["vulnerabilityCount"] = doc.vulnerability_count;
  // Invalid UTF-8 cannot reach here (both decoders check it), but replace
  // rather than throw all the same.
  return j.dump(pretty ? 2 : -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace soupkeeper::sbom
