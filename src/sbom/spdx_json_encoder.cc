// SPDX 2.3 JSON encoder: serializes spdx::BuildSpdx with the keys of every
// object in the order the SPDX 2.3 JSON schema lists its properties.
#include <nlohmann/json.hpp>

#include "sbom/spdx_writer.h"

namespace soupkeeper::sbom {
namespace {

using nlohmann::ordered_json;

void PutString(ordered_json& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}

ordered_json AnnotationsJson(const std::vector<spdx::Annotation>& annotations,
                             const std::string& date) {
  ordered_json a = ordered_json::array();
  for (const spdx::Annotation& x : annotations) {
    a.push_back({{"annotationDate", date},
                 {"annotationType", "OTHER"},
                 {"annotator", spdx::kTool},
                 {"comment", x.comment}});
  }
  return a;
}

ordered_json PackageJson(const spdx::Package& p, const std::string& date) {
  ordered_json j = ordered_json::object();
  j["SPDXID"] = p.id;
  if (!p.annotations.empty()) j["annotations"] = AnnotationsJson(p.annotations, date);
  if (!p.checksums.empty()) {
    ordered_json a = ordered_json::array();
    for (const spdx::Checksum& c : p.checksums) {
      a.push_back({{"algorithm", c.algorithm}, {"checksumValue", c.value}});
    }
    j["checksums"] = std::move(a);
  }
  PutString(j, "copyrightText", p.copyright);
  PutString(j, "description", p.description);
  j["downloadLocation"] = p.download_location;
  if (!p.external_refs.empty()) {
    ordered_json a = ordered_json::array();
    for (const spdx::ExternalRef& r : p.external_refs) {
      ordered_json rj = ordered_json::object();
      PutString(rj, "comment", r.comment);
      rj["referenceCategory"] = r.category;
      rj["referenceLocator"] = r.locator;
      rj["referenceType"] = r.type;
      a.push_back(std::move(rj));
    }
    j["externalRefs"] = std::move(a);
  }
  j["filesAnalyzed"] = false;
  PutString(j, "homepage", p.homepage);
  PutString(j, "licenseConcluded", p.license_concluded);
  PutString(j, "licenseDeclared", p.license_declared);
  j["name"] = p.name;
  if (!p.originators.empty()) j["originator"] = p.originators.front().Text();
  PutString(j, "primaryPackagePurpose", p.primary_purpose);
  if (p.supplier) j["supplier"] = p.supplier->Text();
  PutString(j, "validUntilDate", p.valid_until);
  PutString(j, "versionInfo", p.version);
  return j;
}

class SpdxJsonEncoder final : public SbomEncoder {
 public:
  std::string_view Name() const override { return "spdx-json"; }
  Format format() const override { return Format::kSpdxJson; }
  std::vector<std::string_view> SpecVersions() const override { return {"2.3"}; }

  Result<std::string> Encode(const Document& doc, const EncodeOptions& options,
                             DiagnosticSink& sink) const override {
    SK_RETURN_IF_ERROR(spdx::CheckSpecVersion(options.spec_version));
    encode::LossLog log("SPDX 2.3 JSON");
    spdx::Doc d = spdx::BuildSpdx(doc, spdx::Version::k23, log);
    ordered_json j = ordered_json::object();
    j["SPDXID"] = "SPDXRef-DOCUMENT";
    if (!d.annotations.empty()) j["annotations"] = AnnotationsJson(d.annotations, d.created);
    ordered_json ci = ordered_json::object();
    PutString(ci, "comment", d.creation_comment);
    ci["created"] = d.created;
    ordered_json creators = ordered_json::array();
    for (const spdx::Agent& c : d.creators) creators.push_back(c.Text());
    ci["creators"] = std::move(creators);
    j["creationInfo"] = std::move(ci);
    j["dataLicense"] = "CC0-1.0";
    if (!d.extracted_licenses.empty()) {
      ordered_json a = ordered_json::array();
      for (const spdx::ExtractedLicense& l : d.extracted_licenses) {
        a.push_back({{"extractedText", l.text}, {"licenseId", l.id}, {"name", l.name}});
      }
      j["hasExtractedLicensingInfos"] = std::move(a);
    }
    j["name"] = d.name;
    j["spdxVersion"] = "SPDX-2.3";
    j["documentNamespace"] = d.namespace_uri;
    ordered_json packages = ordered_json::array();
    for (const spdx::Package& p : d.packages) packages.push_back(PackageJson(p, d.created));
    j["packages"] = std::move(packages);
    if (!d.relationships.empty()) {
      ordered_json a = ordered_json::array();
      for (const spdx::Relationship& r : d.relationships) {
        a.push_back({{"spdxElementId", r.from},
                     {"relatedSpdxElement", r.to},
                     {"relationshipType", r.type}});
      }
      j["relationships"] = std::move(a);
    }
    log.Flush(sink);
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
};

}  // namespace

std::unique_ptr<SbomEncoder> NewSpdxJsonEncoder() { return std::make_unique<SpdxJsonEncoder>(); }

}  // namespace soupkeeper::sbom
