// The mapping from the model to SPDX 2.3 and 3.0; see spdx_writer.h and
// docs/parts/sbom-writers.md for every decision.
#include "sbom/spdx_writer.h"

#include <set>
#include <unordered_map>

#include "core/text.h"
#include "sbom/cdx_rules.h"
#include "soupkeeper/env.h"

namespace soupkeeper::sbom::spdx {
namespace {

bool IsIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-';
}

// An SPDX identifier as written in an SPDX source: "SPDXRef-" and idstring.
bool IsSpdxRef(std::string_view ref) {
  if (ref.size() <= 8 || ref.substr(0, 8) != "SPDXRef-") return false;
  for (char c : ref.substr(8)) {
    if (!IsIdChar(c)) return false;
  }
  return true;
}

// "YYYY-MM-DDThh:mm:ssZ" for an RFC 3339 date-time or a plain date; "" when
// it does not parse.
std::string SpdxTime(const std::string& text) {
  Result<TimePoint> t = ParseTime(text);
  if (!t.ok()) return "";
  auto secs = std::chrono::floor<std::chrono::seconds>(t->time_since_epoch());
  return FormatTime(TimePoint(std::chrono::duration_cast<TimePoint::duration>(secs)));
}

Agent OrganizationAgent(const Organization& o) {
  std::string email;
  for (const Contact& c : o.contacts) {
    if (!c.email.empty()) {
      email = c.email;
      break;
    }
  }
  return {"Organization", o.name, email};
}

// The package purpose of a CycloneDX component type in SPDX 2.3 and 3.0
// spelling; "" when the version has none.
std::string_view Purpose(std::string_view type, Version version) {
  struct Names {
    std::string_view cdx, spdx2, spdx3;
  };
  static constexpr Names kPurposes[] = {
      {"application", "APPLICATION", "application"},
      {"framework", "FRAMEWORK", "framework"},
      {"library", "LIBRARY", "library"},
      {"container", "CONTAINER", "container"},
      {"platform", "", "platform"},
      {"operating-system", "OPERATING_SYSTEM", "operatingSystem"},
      {"device", "DEVICE", "device"},
      {"device-driver", "", "deviceDriver"},
      {"firmware", "FIRMWARE", "firmware"},
      {"file", "FILE", "file"},
      {"machine-learning-model", "", "model"},
      {"data", "", "data"},
  };
  for (const Names& n : kPurposes) {
    if (n.cdx == type) return version == Version::k23 ? n.spdx2 : n.spdx3;
  }
  return "";
}

bool HasSpace(std::string_view s) {
  for (unsigned char c : s) {
    if (c <= 0x20) return true;
  }
  return false;
}

class Builder {
 public:
  Builder(const Document& doc, Version version, encode::LossLog& log)
      : doc_(doc),
        version_(version),
        target_(version == Version::k23 ? "SPDX 2.3" : "SPDX 3.0"),
        log_(log) {}
  Doc Build();

 private:
  void Lost(const std::string& what, const std::string& why) { log_.Add(what, why); }
  Package MakePackage(const Component& c, const std::string& id);
  std::string LicenseExpression(const std::vector<const License*>& parts);
  std::string ExtractedLicense(const std::string& name);
  void DeclareReferences(const std::string& expr);
  void Annotations(std::span<const Property> props, std::vector<Annotation>* out,
                   bool skip_end_of_support);

  const Document& doc_;
  const Version version_;
  const std::string target_;  // "SPDX 2.3", in messages
  encode::LossLog& log_;
  IdPool ids_;
  std::unordered_map<std::string, std::string> licenses_by_name_;
  std::set<std::string> declared_refs_;
  Doc out_;
};

std::string Builder::ExtractedLicense(const std::string& name) {
  auto it = licenses_by_name_.find(name);
  if (it != licenses_by_name_.end()) return it->second;
  std::string id = ids_.Take("LicenseRef-", name);
  declared_refs_.insert(id);
  out_.extracted_licenses.push_back(
      {id, name, "The source SBOM names this license '" + name + "' and does not give its text."});
  licenses_by_name_.emplace(name, id);
  return id;
}

void Builder::DeclareReferences(const std::string& expr) {
  // Every LicenseRef- an expression names must be declared in the document
  // (SPDX 2.3 clause 10.1); the source gives no text for them.
  constexpr std::string_view kPrefix = "LicenseRef-";
  for (size_t at = expr.find(kPrefix); at != std::string::npos; at = expr.find(kPrefix, at)) {
    size_t end = at + kPrefix.size();
    while (end < expr.size() && IsIdChar(expr[end])) ++end;
    std::string id = expr.substr(at, end - at);
    bool preceded_by_document_ref = at > 0 && expr[at - 1] == ':';
    if (!preceded_by_document_ref && declared_refs_.insert(id).second) {
      ids_.Use(id);
      out_.extracted_licenses.push_back(
          {id, id.substr(kPrefix.size()),
           "The source SBOM refers to " + id + " and does not give its text."});
    }
    at = end;
  }
}

std::string Builder::LicenseExpression(const std::vector<const License*>& parts) {
  std::string expr;
  for (const License* l : parts) {
    if (l->kind != License::Kind::kName) DeclareReferences(l->value);
    std::string term = l->kind == License::Kind::kName ? ExtractedLicense(l->value) : l->value;
    if (parts.size() > 1 && term.find(' ') != std::string::npos) term = "(" + term + ")";
    if (!expr.empty()) expr += " AND ";
    expr += term;
  }
  return expr;
}

void Builder::Annotations(std::span<const Property> props, std::vector<Annotation>* out,
                          bool skip_end_of_support) {
  for (const Property& p : props) {
    if (skip_end_of_support && p.name == kFdaEndOfSupportDate) continue;
    out->push_back({p.name + ": " + p.value});
  }
}

Package Builder::MakePackage(const Component& c, const std::string& id) {
  Package p;
  p.id = id;
  p.name = c.name;
  if (c.name.empty()) Lost("component without a name", "written with an empty PackageName");
  if (!c.group.empty()) Lost("component group", "no " + target_ + " field (the purl keeps it)");
  p.version = c.version;
  if (c.supplier) p.supplier = OrganizationAgent(*c.supplier);
  for (const Contact& a : c.authors) p.originators.push_back({"Person", a.name, a.email});
  if (!c.author.empty()) p.originators.push_back({"Person", c.author, ""});
  if (version_ == Version::k23 && p.originators.size() > 1) {
    Lost("component author", "SPDX 2.3 has one originator, the first author is kept");
    p.originators.resize(1);
  }
  if (!c.publisher.empty()) Lost("component publisher", "no " + target_ + " field");
  for (const Hash& h : c.hashes) {
    std::string alg = encode::SpdxHashAlg(h.alg);
    if (alg.empty()) {
      Lost("component hash " + h.alg, "no such " + target_ + " checksum algorithm");
    } else {
      p.checksums.push_back({alg, text::ToAsciiLower(h.value)});
    }
  }
  std::vector<const License*> declared, concluded;
  for (const License& l : c.licenses) {
    (l.acknowledgement == "concluded" ? concluded : declared).push_back(&l);
  }
  if (!declared.empty()) p.license_declared = LicenseExpression(declared);
  if (!concluded.empty()) p.license_concluded = LicenseExpression(concluded);
  p.copyright = c.copyright;
  p.description = c.description;
  if (!c.scope.empty()) Lost("component scope", "no " + target_ + " field");
  if (!c.annotations.empty()) Lost("SPDX annotation", "not written");
  if (!c.purl.empty()) p.external_refs.push_back({"PACKAGE-MANAGER", "purl", c.purl, ""});
  if (!c.cpe.empty()) {
    std::string type = c.cpe.rfind("cpe:2.3:", 0) == 0 ? "cpe23Type" : "cpe22Type";
    p.external_refs.push_back({"SECURITY", type, c.cpe, ""});
  }
  if (!c.swid_tag_id.empty()) {
    p.external_refs.push_back({"PERSISTENT-ID", "swid", c.swid_tag_id, ""});
  }
  for (const Text& s : c.swhids) p.external_refs.push_back({"PERSISTENT-ID", "swh", s, ""});
  for (const Text& g : c.omnibor_ids) {
    p.external_refs.push_back({"PERSISTENT-ID", "gitoid", g, ""});
  }
  for (const ExternalReference& r : c.external_references) {
    if (!r.hashes.empty()) Lost("external reference hash", "no " + target_ + " field");
    if (r.type == "distribution" && p.download_location == "NOASSERTION" && !HasSpace(r.url)) {
      p.download_location = r.url;
      continue;
    }
    if (r.type == "website" && p.homepage.empty() && !HasSpace(r.url)) {
      p.homepage = r.url;
      continue;
    }
    if (HasSpace(r.url) || r.url.empty() || HasSpace(r.type) || r.type.empty()) {
      Lost("external reference", "locator or type with white space");
      continue;
    }
    if (r.type == "advisories") {
      p.external_refs.push_back({"SECURITY", "advisory", r.url, r.comment});
    } else {
      p.external_refs.push_back({"OTHER", r.type, r.url, r.comment});
    }
  }
  p.primary_purpose = std::string(Purpose(c.type, version_));
  if (p.primary_purpose.empty() && !c.type.empty()) {
    p.primary_purpose = version_ == Version::k23 ? "OTHER" : "other";
    Lost("component type '" + c.type + "'", "written as package purpose " + p.primary_purpose);
  }
  const Text* eos = encode::FindProperty(c.properties, kFdaEndOfSupportDate);
  bool eos_mapped = false;
  if (eos != nullptr) {
    p.valid_until = SpdxTime(*eos);
    eos_mapped = !p.valid_until.empty();
    if (!eos_mapped) {
      Lost("end-of-support date '" + *eos + "'", "not a date, kept as an annotation only");
    }
  }
  Annotations(c.properties, &p.annotations, eos_mapped);
  return p;
}

Doc Builder::Build() {
  const std::string content_hash = encode::ContentHash(doc_);
  // Document identity.
  if (FormatFamily(doc_.format) == "SPDX" && !doc_.serial_number.empty()) {
    out_.namespace_uri = doc_.serial_number;
  } else if (cdx::IsSerialNumber(doc_.serial_number)) {
    // The CycloneDX BOM-Link of the source: urn:cdx:<uuid>/<version>.
    out_.namespace_uri =
        "urn:cdx:" + doc_.serial_number.substr(9) + "/" + std::to_string(doc_.version);
  } else {
    out_.namespace_uri = "urn:uuid:" + encode::DerivedUuid(content_hash);
  }
  if (doc_.subject && !doc_.subject->name.empty()) {
    out_.name = doc_.subject->name;
    if (!doc_.subject->version.empty()) out_.name += " " + doc_.subject->version;
  } else {
    out_.name = "SBOM " + encode::DerivedUuid(content_hash);
  }
  out_.created = doc_.timestamp.empty() ? "" : SpdxTime(doc_.timestamp);
  if (out_.created.empty()) {
    Lost("document timestamp", doc_.timestamp.empty()
                                   ? "none in the source, written as 1970-01-01T00:00:00Z"
                                   : "'" + doc_.timestamp +
                                         "' does not parse, written as "
                                         "1970-01-01T00:00:00Z");
    out_.created = "1970-01-01T00:00:00Z";
    out_.creation_comment =
        "The source SBOM gives no creation time; 1970-01-01T00:00:00Z stands for unknown.";
  }
  for (const Contact& a : doc_.authors) out_.creators.push_back({"Person", a.name, a.email});
  if (doc_.manufacturer) out_.creators.push_back(OrganizationAgent(*doc_.manufacturer));
  if (doc_.supplier) out_.creators.push_back(OrganizationAgent(*doc_.supplier));
  for (const Tool& t : doc_.tools) {
    std::string tool = t.vendor.empty() ? t.name : t.vendor + " " + t.name;
    if (!t.version.empty()) tool += "-" + t.version;
    out_.creators.push_back({"Tool", tool, ""});
  }
  out_.creators.push_back({"Tool", "soupkeeper", ""});
  if (!doc_.lifecycle_phases.empty()) {
    std::string phases;
    for (const Text& p : doc_.lifecycle_phases) phases += (phases.empty() ? "" : ", ") + p;
    if (!out_.creation_comment.empty()) out_.creation_comment += "\n";
    out_.creation_comment += "CycloneDX lifecycle phases: " + phases + ".";
  }
  Annotations(doc_.properties, &out_.annotations, false);
  if (!doc_.annotations.empty()) Lost("SPDX annotation", "not written");

  // Packages: the subject first, then the components in document order.
  std::unordered_map<std::string, std::string> id_of_ref;
  auto id_for = [&](const Component& c) {
    std::string id;
    if (IsSpdxRef(c.ref)) {
      id = ids_.Take("SPDXRef-", c.ref.substr(8));
    } else if (!c.ref.empty()) {
      id = ids_.Take("SPDXRef-", c.ref);
    } else {
      id = ids_.Take("SPDXRef-Package-", c.version.empty() ? c.name : c.name + "-" + c.version);
    }
    if (!c.ref.empty()) id_of_ref.emplace(c.ref, id);
    return id;
  };
  std::string subject_id;
  if (doc_.subject) {
    subject_id = id_for(*doc_.subject);
    out_.packages.push_back(MakePackage(*doc_.subject, subject_id));
  }
  std::vector<std::string> component_ids;
  for (const Component& c : doc_.components) {
    component_ids.push_back(id_for(c));
    out_.packages.push_back(MakePackage(c, component_ids.back()));
  }

  // What the document describes; nesting as CONTAINS; the dependency graph
  // as DEPENDS_ON in CycloneDX's direction (ref DEPENDS_ON each dependsOn).
  const encode::Tree tree = encode::BuildTree(doc_);
  if (doc_.subject) {
    out_.relationships.push_back({"SPDXRef-DOCUMENT", "DESCRIBES", subject_id});
  } else {
    for (size_t i : tree.top) {
      out_.relationships.push_back({"SPDXRef-DOCUMENT", "DESCRIBES", component_ids[i]});
    }
  }
  for (size_t i : tree.subject_children) {
    out_.relationships.push_back({subject_id, "CONTAINS", component_ids[i]});
  }
  for (size_t parent = 0; parent < tree.children.size(); ++parent) {
    for (size_t child : tree.children[parent]) {
      out_.relationships.push_back({component_ids[parent], "CONTAINS", component_ids[child]});
    }
  }
  for (const Dependency& d : doc_.dependencies) {
    auto from = id_of_ref.find(d.ref);
    for (const Text& to_ref : d.depends_on) {
      auto to = id_of_ref.find(to_ref);
      if (from == id_of_ref.end() || to == id_of_ref.end()) {
        Lost("dependency edge", "names a ref that is no component, left out");
        continue;
      }
      out_.relationships.push_back({from->second, "DEPENDS_ON", to->second});
    }
  }
  if (!doc_.compositions.empty()) Lost("composition", "no " + target_ + " element");
  if (doc_.service_count > 0) Lost("service", "services are not part of the model, left out");
  if (doc_.vulnerability_count > 0) {
    Lost("embedded vulnerability", version_ == Version::k23
                                       ? "SPDX 2.3 has no vulnerability element, left out"
                                       : "not written (VEX goes in a separate document)");
  }
  return std::move(out_);
}

}  // namespace

std::string Agent::Text() const {
  std::string s = kind + ": " + name;
  if (!email.empty()) s += " (" + email + ")";
  return s;
}

std::string IdText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) out.push_back(IsIdChar(c) ? c : '-');
  return out;
}

IdPool::IdPool() { used_.insert("SPDXRef-DOCUMENT"); }

std::string IdPool::Take(const std::string& prefix, std::string_view basis) {
  std::string base = prefix + (basis.empty() ? std::string("unnamed") : IdText(basis));
  std::string id = base;
  for (int n = 2; !used_.insert(id).second; ++n) id = base + "-" + std::to_string(n);
  return id;
}

bool IdPool::Use(const std::string& id) { return used_.insert(id).second; }

Doc BuildSpdx(const Document& doc, Version version, encode::LossLog& log) {
  return Builder(doc, version, log).Build();
}

Status CheckSpecVersion(const std::string& spec_version) {
  if (spec_version.empty() || spec_version == "2.3" || spec_version == "SPDX-2.3") {
    return Status::Ok();
  }
  return InvalidArgument("SPDX " + spec_version + " cannot be written (2.3 can)");
}

}  // namespace soupkeeper::sbom::spdx
