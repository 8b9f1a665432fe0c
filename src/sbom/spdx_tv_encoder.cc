// SPDX 2.3 tag-value encoder: serializes spdx::BuildSpdx in the order of the
// SPDX 2.3 specification's clauses (document creation, packages with their
// annotations, relationships, other licensing information). Free text and
// any value with a line break is wrapped in <text>...</text>.
#include <string>

#include "sbom/spdx_writer.h"

namespace soupkeeper::sbom {
namespace {

class TagWriter {
 public:
  void Tag(const char* tag, const std::string& value) {
    if (value.empty()) return;
    if (value.find('\n') != std::string::npos || value.find('\r') != std::string::npos) {
      Text(tag, value);
      return;
    }
    out_ += tag;
    out_ += ": ";
    out_ += value;
    out_ += '\n';
  }
  // A free-text value.
  void Text(const char* tag, const std::string& value) {
    if (value.empty()) return;
    out_ += tag;
    out_ += ": <text>";
    // "</text>" cannot appear inside; the closest the format allows.
    std::string v = value;
    for (size_t at = v.find("</text>"); at != std::string::npos; at = v.find("</text>", at)) {
      v.replace(at, 7, "</ text>");
    }
    out_ += v;
    out_ += "</text>\n";
  }
  void Blank() { out_ += '\n'; }
  void Comment(const char* text) {
    out_ += "## ";
    out_ += text;
    out_ += '\n';
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

void Annotations(TagWriter& w, const std::vector<spdx::Annotation>& annotations,
                 const std::string& element, const std::string& date) {
  for (const spdx::Annotation& a : annotations) {
    w.Tag("Annotator", spdx::kTool);
    w.Tag("AnnotationDate", date);
    w.Tag("AnnotationType", "OTHER");
    w.Tag("SPDXREF", element);
    w.Text("AnnotationComment", a.comment);
  }
}

class SpdxTagValueEncoder final : public SbomEncoder {
 public:
  std::string_view Name() const override { return "spdx-tv"; }
  Format format() const override { return Format::kSpdxTagValue; }
  std::vector<std::string_view> SpecVersions() const override { return {"2.3"}; }

  Result<std::string> Encode(const Document& doc, const EncodeOptions& options,
                             DiagnosticSink& sink) const override {
    SK_RETURN_IF_ERROR(spdx::CheckSpecVersion(options.spec_version));
    encode::LossLog log("SPDX 2.3 tag-value");
    spdx::Doc d = spdx::BuildSpdx(doc, spdx::Version::k23, log);
    TagWriter w;
    w.Tag("SPDXVersion", "SPDX-2.3");
    w.Tag("DataLicense", "CC0-1.0");
    w.Tag("SPDXID", "SPDXRef-DOCUMENT");
    w.Tag("DocumentName", d.name);
    w.Tag("DocumentNamespace", d.namespace_uri);
    for (const spdx::Agent& c : d.creators) w.Tag("Creator", c.Text());
    w.Tag("Created", d.created);
    w.Text("CreatorComment", d.creation_comment);
    Annotations(w, d.annotations, "SPDXRef-DOCUMENT", d.created);
    for (const spdx::Package& p : d.packages) {
      w.Blank();
      w.Comment("Package");
      w.Tag("PackageName", p.name.empty() ? std::string("NOASSERTION") : p.name);
      w.Tag("SPDXID", p.id);
      w.Tag("PackageVersion", p.version);
      if (p.supplier) w.Tag("PackageSupplier", p.supplier->Text());
      if (!p.originators.empty()) w.Tag("PackageOriginator", p.originators.front().Text());
      w.Tag("PackageDownloadLocation", p.download_location);
      w.Tag("FilesAnalyzed", "false");
      for (const spdx::Checksum& c : p.checksums) {
        w.Tag("PackageChecksum", c.algorithm + ": " + c.value);
      }
      w.Tag("PackageHomePage", p.homepage);
      w.Tag("PackageLicenseConcluded", p.license_concluded);
      w.Tag("PackageLicenseDeclared", p.license_declared);
      w.Text("PackageCopyrightText", p.copyright);
      w.Text("PackageDescription", p.description);
      w.Tag("PrimaryPackagePurpose", p.primary_purpose);
      w.Tag("ValidUntilDate", p.valid_until);
      for (const spdx::ExternalRef& r : p.external_refs) {
        w.Tag("ExternalRef", r.category + " " + r.type + " " + r.locator);
        w.Text("ExternalRefComment", r.comment);
      }
      Annotations(w, p.annotations, p.id, d.created);
    }
    if (!d.relationships.empty()) {
      w.Blank();
      w.Comment("Relationships");
      for (const spdx::Relationship& r : d.relationships) {
        w.Tag("Relationship", r.from + " " + r.type + " " + r.to);
      }
    }
    for (const spdx::ExtractedLicense& l : d.extracted_licenses) {
      w.Blank();
      w.Tag("LicenseID", l.id);
      w.Text("ExtractedText", l.text);
      w.Tag("LicenseName", l.name);
    }
    log.Flush(sink);
    return w.Take();
  }
};

}  // namespace

std::unique_ptr<SbomEncoder> NewSpdxTagValueEncoder() {
  return std::make_unique<SpdxTagValueEncoder>();
}

}  // namespace soupkeeper::sbom
