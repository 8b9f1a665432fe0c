// SPDX 3.0 JSON-LD (the compact "@graph" serialization of the 3.0.1 JSON
// schema): validated and mapped into the normalized model.
//
// Checked, with JSON pointers: the @context names an SPDX 3.0 context;
// @graph is an array of objects with a known `type`; every element has a
// unique spdxId and a creationInfo; CreationInfo has specVersion (3.0.x),
// created (date-time) and a non-empty createdBy; relationships have from, a
// non-empty `to` and a relationshipType of the vocabulary; the enumerations
// of hash algorithms, external identifier types, software purposes, support
// levels, lifecycle scopes and completeness; license expressions. Properties
// of classes soupkeeper does not map are not checked one by one (the schema
// has about 300 properties): see docs/parts/spdx.md. CycloneDX properties
// in an extension_CdxPropertiesExtension (as soupkeeper's SPDX 3 encoder
// writes them) come back as properties.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "sbom/cdx_rules.h"
#include "sbom/list_scratch.h"
#include "sbom/spdx_decoders.h"
#include "soupkeeper/license_expression.h"

namespace soupkeeper::sbom::spdx {
namespace {

using cdx::Reporter;

// Every class of the SPDX 3.0.1 JSON schema that may stand in @graph.
const std::set<std::string_view>& KnownTypes() {
  static const std::set<std::string_view> kTypes = {
      "Annotation",
      "Bom",
      "Bundle",
      "CreationInfo",
      "Organization",
      "Person",
      "Relationship",
      "LifecycleScopedRelationship",
      "SoftwareAgent",
      "Agent",
      "SpdxDocument",
      "Tool",
      "IndividualElement",
      "ai_AIPackage",
      "build_Build",
      "dataset_DatasetPackage",
      "expandedlicensing_ConjunctiveLicenseSet",
      "expandedlicensing_CustomLicense",
      "expandedlicensing_CustomLicenseAddition",
      "expandedlicensing_DisjunctiveLicenseSet",
      "expandedlicensing_IndividualLicensingInfo",
      "expandedlicensing_ListedLicense",
      "expandedlicensing_ListedLicenseException",
      "expandedlicensing_OrLaterOperator",
      "expandedlicensing_WithAdditionOperator",
      "extension_CdxPropertiesExtension",
      "security_CvssV2VulnAssessmentRelationship",
      "security_CvssV3VulnAssessmentRelationship",
      "security_CvssV4VulnAssessmentRelationship",
      "security_EpssVulnAssessmentRelationship",
      "security_ExploitCatalogVulnAssessmentRelationship",
      "security_SsvcVulnAssessmentRelationship",
      "security_VexAffectedVulnAssessmentRelationship",
      "security_VexFixedVulnAssessmentRelationship",
      "security_VexNotAffectedVulnAssessmentRelationship",
      "security_VexUnderInvestigationVulnAssessmentRelationship",
      "security_Vulnerability",
      "simplelicensing_LicenseExpression",
      "simplelicensing_SimpleLicensingText",
      "software_File",
      "software_Package",
      "software_Sbom",
      "software_Snippet",
  };
  return kTypes;
}

const std::set<std::string_view> kRelationshipTypes = {"affects",
                                                       "amendedBy",
                                                       "ancestorOf",
                                                       "availableFrom",
                                                       "configures",
                                                       "contains",
                                                       "coordinatedBy",
                                                       "copiedTo",
                                                       "delegatedTo",
                                                       "dependsOn",
                                                       "descendantOf",
                                                       "describes",
                                                       "doesNotAffect",
                                                       "expandsTo",
                                                       "exploitCreatedBy",
                                                       "fixedBy",
                                                       "fixedIn",
                                                       "foundBy",
                                                       "generates",
                                                       "hasAddedFile",
                                                       "hasAssessmentFor",
                                                       "hasAssociatedVulnerability",
                                                       "hasConcludedLicense",
                                                       "hasDataFile",
                                                       "hasDeclaredLicense",
                                                       "hasDeletedFile",
                                                       "hasDependencyManifest",
                                                       "hasDistributionArtifact",
                                                       "hasDocumentation",
                                                       "hasDynamicLink",
                                                       "hasEvidence",
                                                       "hasExample",
                                                       "hasHost",
                                                       "hasInput",
                                                       "hasMetadata",
                                                       "hasOptionalComponent",
                                                       "hasOptionalDependency",
                                                       "hasOutput",
                                                       "hasPrerequisite",
                                                       "hasProvidedDependency",
                                                       "hasRequirement",
                                                       "hasSpecification",
                                                       "hasStaticLink",
                                                       "hasTest",
                                                       "hasTestCase",
                                                       "hasVariant",
                                                       "invokedBy",
                                                       "modifiedBy",
                                                       "other",
                                                       "packagedBy",
                                                       "patchedBy",
                                                       "publishedBy",
                                                       "reportedBy",
                                                       "republishedBy",
                                                       "serializedInArtifact",
                                                       "testedOn",
                                                       "trainedOn",
                                                       "underInvestigationFor",
                                                       "usesTool"};
const std::set<std::string_view> kHashAlgorithms = {
    "adler32",       "blake2b256", "blake2b384", "blake2b512", "blake3", "crystalsDilithium",
    "crystalsKyber", "falcon",     "md2",        "md4",        "md5",    "md6",
    "other",         "sha1",       "sha224",     "sha256",     "sha384", "sha3_224",
    "sha3_256",      "sha3_384",   "sha3_512",   "sha512"};
const std::set<std::string_view> kIdentifierTypes = {
    "cpe22",      "cpe23",         "cve",   "email", "gitoid",   "other",
    "packageUrl", "securityOther", "swhid", "swid",  "urlScheme"};
const std::set<std::string_view> kPurposes = {
    "application", "archive",         "bom",       "configuration",   "container", "data",
    "device",      "deviceDriver",    "diskImage", "documentation",   "evidence",  "executable",
    "file",        "filesystemImage", "firmware",  "framework",       "install",   "library",
    "manifest",    "model",           "module",    "operatingSystem", "other",     "patch",
    "platform",    "requirement",     "source",    "specification",   "test"};
const std::set<std::string_view> kSupportLevels = {"deployed",       "development", "endOfSupport",
                                                   "limitedSupport", "noAssertion", "noSupport",
                                                   "support"};
const std::set<std::string_view> kScopes = {"build", "design",  "development",
                                            "other", "runtime", "test"};
const std::set<std::string_view> kCompleteness = {"complete", "incomplete", "noAssertion"};

std::string OneOf(const std::set<std::string_view>& values) {
  std::string out;
  for (std::string_view v : values) {
    if (!out.empty()) out += ", ";
    out += v;
  }
  return out;
}

bool IsPackageType(std::string_view t) {
  return t == "software_Package" || t == "ai_AIPackage" || t == "dataset_DatasetPackage";
}
bool IsRelationshipType(std::string_view t) {
  return t == "Relationship" || t == "LifecycleScopedRelationship" ||
         (t.rfind("security_", 0) == 0 && t.find("Relationship") != std::string_view::npos);
}

// ^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-prerelease)?(\+build)?$, loosely
// on the suffixes.
bool IsSemver(std::string_view s) {
  int parts = 0;
  size_t i = 0;
  while (parts < 3) {
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start || (s[start] == '0' && i - start > 1)) return false;
    ++parts;
    if (parts < 3) {
      if (i >= s.size() || s[i] != '.') return false;
      ++i;
    }
  }
  return i == s.size() || s[i] == '-' || s[i] == '+';
}

class Rules3 {
 public:
  explicit Rules3(Reporter& r) : r_(r) {}
  Result<Document> Run(const Node& root);

 private:
  static std::string_view Str(const Node& obj, std::string_view key) {
    const Node* n = obj.Get(key);
    return n && n->is_string() ? std::string_view(n->text) : std::string_view();
  }
  void Error(const std::string& ptr, const std::string& msg) { r_.Error(ptr, msg); }
  void Warning(const std::string& ptr, const std::string& msg) { r_.Warning(ptr, msg); }

  // A property that must be a string when present; returns it.
  std::string_view String(const Node& obj, std::string_view key, const std::string& ptr,
                          bool required = false) {
    const Node* n = obj.Get(key);
    if (n == nullptr) {
      if (required) {
        Error(ptr, "missing required property '" + std::string(key) + "' of " +
                       std::string(Str(obj, "type")));
      }
      return {};
    }
    if (!n->is_string()) {
      Error(ptr + "/" + PointerToken(key),
            "expected a string, not " + std::string(KindName(n->kind)));
      return {};
    }
    return n->text;
  }
  // A property that must be an array (of strings when `strings`).
  const Node* Array(const Node& obj, std::string_view key, const std::string& ptr, bool strings,
                    bool required = false, bool non_empty = false) {
    const Node* n = obj.Get(key);
    if (n == nullptr) {
      if (required) {
        Error(ptr, "missing required property '" + std::string(key) + "' of " +
                       std::string(Str(obj, "type")));
      }
      return nullptr;
    }
    std::string p = ptr + "/" + PointerToken(key);
    if (!n->is_array()) {
      Error(p, "expected an array, not " + std::string(KindName(n->kind)));
      return nullptr;
    }
    if (non_empty && n->items.empty()) Error(p, "needs at least one item");
    for (size_t i = 0; i < n->items.size(); ++i) {
      const Node& item = n->items[i];
      if (strings ? !item.is_string() : !item.is_object()) {
        Error(p + "/" + std::to_string(i), std::string("expected ") +
                                               (strings ? "a string" : "an object") + ", not " +
                                               std::string(KindName(item.kind)));
        return nullptr;
      }
    }
    return n;
  }
  void Enum(std::string_view value, const std::set<std::string_view>& values, std::string_view what,
            const std::string& ptr) {
    if (!value.empty() && values.count(value) == 0) {
      Error(ptr, "'" + std::string(value) + "' is not one of " + OneOf(values) + " (" +
                     std::string(what) + ", SPDX 3.0)");
    }
  }
  void Date(const Node& obj, std::string_view key, const std::string& ptr) {
    std::string_view v = String(obj, key, ptr);
    if (!v.empty() && !cdx::IsDateTime(v)) {
      Error(ptr + "/" + std::string(key), "'" + std::string(v) + "' is not a date-time");
    }
  }

  void CreationInfo(const Node& ci, const std::string& ptr);
  void CheckElement(const Node& e, const std::string& ptr);
  // Reads package or file `e` into `c` (its lists are kept when this
  // returns).
  void Package(const Node& e, const std::string& ptr, Component& c);
  std::string AgentName(std::string_view id) const {
    auto it = ids_.find(id);
    if (it == ids_.end()) return std::string(id);
    std::string_view name = Str(*it->second, "name");
    return name.empty() ? std::string(id) : std::string(name);
  }
  // CycloneDX properties of an extension_CdxPropertiesExtension.
  // The extension properties of `e` into props[first...].
  void ExtensionProperties(const Node& e, std::vector<Property>& props, size_t first = 0);
  void LicenseTo(Component& c, std::string_view target, std::string_view acknowledgement,
                 const std::string& ptr);

  Reporter& r_;
  std::string spec_version_;
  // spdxId / @id -> the first element of that id; the keys view the
  // tree's text.
  std::unordered_map<std::string_view, const Node*> ids_;
  Document* doc_ = nullptr;  // the document being mapped (pass 2)
  // `text` kept in the document's arena.
  Text K(std::string_view text) { return doc_->Keep(text); }
  // The lists being built (see list_scratch.h).
  ListBuilder<ExternalReference, sbom::Hash, Property> lists_;
  std::vector<bool> duplicate_;  // @graph items that repeat an earlier id
};

void Rules3::CreationInfo(const Node& ci, const std::string& ptr) {
  std::string_view v = String(ci, "specVersion", ptr, true);
  if (!v.empty()) {
    if (!IsSemver(v)) {
      Error(ptr + "/specVersion", "'" + std::string(v) + "' is not a semantic version");
    } else if (v.rfind("3.0.", 0) != 0) {
      Error(ptr + "/specVersion", "SPDX " + std::string(v) + " is not supported (3.0 is)");
    } else if (spec_version_.empty()) {
      spec_version_ = v;
    }
  }
  if (ci.Get("created") == nullptr) {
    Error(ptr, "missing required property 'created' of CreationInfo");
  }
  Date(ci, "created", ptr);
  Array(ci, "createdBy", ptr, true, true, true);
  Array(ci, "createdUsing", ptr, true);
}

void Rules3::CheckElement(const Node& e, const std::string& ptr) {
  std::string_view type = Str(e, "type");
  if (const Node* ci = e.Get("creationInfo")) {
    if (ci->is_object()) {
      CreationInfo(*ci, ptr + "/creationInfo");
    } else if (!ci->is_string()) {
      Error(ptr + "/creationInfo", "expected a CreationInfo object or reference");
    }
  } else {
    Error(ptr, "missing required property 'creationInfo' of " + std::string(type));
  }
  String(e, "name", ptr);
  if (const Node* ids = Array(e, "externalIdentifier", ptr, false)) {
    for (size_t i = 0; i < ids->items.size(); ++i) {
      std::string p = ptr + "/externalIdentifier/" + std::to_string(i);
      const Node& x = ids->items[i];
      Enum(String(x, "externalIdentifierType", p, true), kIdentifierTypes,
           "external identifier type", p + "/externalIdentifierType");
      String(x, "identifier", p, true);
    }
  }
  if (const Node* hashes = Array(e, "verifiedUsing", ptr, false)) {
    for (size_t i = 0; i < hashes->items.size(); ++i) {
      std::string p = ptr + "/verifiedUsing/" + std::to_string(i);
      const Node& h = hashes->items[i];
      if (Str(h, "type") != "Hash") continue;
      Enum(String(h, "algorithm", p, true), kHashAlgorithms, "hash algorithm", p + "/algorithm");
      String(h, "hashValue", p, true);
    }
  }
  if (IsRelationshipType(type)) {
    String(e, "from", ptr, true);
    Array(e, "to", ptr, true, true, true);
    Enum(String(e, "relationshipType", ptr, true), kRelationshipTypes, "relationship type",
         ptr + "/relationshipType");
    Enum(String(e, "completeness", ptr), kCompleteness, "relationship completeness",
         ptr + "/completeness");
    if (type == "LifecycleScopedRelationship") {
      Enum(String(e, "scope", ptr), kScopes, "lifecycle scope", ptr + "/scope");
    }
  }
  if (IsPackageType(type) || type == "software_File" || type == "software_Snippet") {
    Enum(String(e, "software_primaryPurpose", ptr), kPurposes, "software purpose",
         ptr + "/software_primaryPurpose");
    if (const Node* more = Array(e, "software_additionalPurpose", ptr, true)) {
      for (size_t i = 0; i < more->items.size(); ++i) {
        Enum(more->items[i].text, kPurposes, "software purpose",
             ptr + "/software_additionalPurpose/" + std::to_string(i));
      }
    }
    if (const Node* levels = Array(e, "supportLevel", ptr, true)) {
      for (size_t i = 0; i < levels->items.size(); ++i) {
        Enum(levels->items[i].text, kSupportLevels, "support level",
             ptr + "/supportLevel/" + std::to_string(i));
      }
    }
    for (std::string_view key : {"builtTime", "releaseTime", "validUntilTime"}) Date(e, key, ptr);
    String(e, "suppliedBy", ptr);
    Array(e, "originatedBy", ptr, true);
  }
  if (type == "simplelicensing_LicenseExpression") {
    std::string_view text = String(e, "simplelicensing_licenseExpression", ptr, true);
    if (!text.empty()) {
      Result<ParsedLicenseExpression> parsed = ParseLicenseExpression(text);
      std::string p = ptr + "/simplelicensing_licenseExpression";
      if (!parsed.ok()) {
        Error(p, parsed.status().message());
      } else {
        for (const std::string& id : parsed->unknown_licenses) {
          Warning(p, "'" + id + "' is not on the SPDX license list of this build");
        }
      }
    }
  }
}

void Rules3::Package(const Node& e, const std::string& ptr, Component& c) {
  ListInto<ExternalReference> out_refs = lists_.Into(&c.external_references);
  ListInto<sbom::Hash> out_hashes = lists_.Into(&c.hashes);
  ListInto<Property> out_properties = lists_.Into(&c.properties);
  c.location = K(ptr);
  c.ref = K(Str(e, "spdxId"));
  c.name = K(Str(e, "name"));
  std::string_view type = Str(e, "type");
  c.version = K(Str(e, "software_packageVersion"));
  c.description = K(Str(e, "description"));
  if (c.description.empty()) c.description = K(Str(e, "summary"));
  if (std::string_view s = Str(e, "suppliedBy"); !s.empty()) {
    Organization o;
    o.name = K(AgentName(s));
    c.supplier = std::move(o);
  }
  if (const Node* by = e.Get("originatedBy"); by && by->is_array()) {
    std::string author;
    for (const Node& a : by->items) {
      if (!a.is_string()) continue;
      if (!author.empty()) author += ", ";
      author += AgentName(a.text);
    }
    c.author = K(author);
  }
  c.purl = K(Str(e, "software_packageUrl"));
  if (std::string_view copyright = Str(e, "software_copyrightText"); copyright != "NOASSERTION") {
    c.copyright = K(copyright);
  }
  std::string_view download = Str(e, "software_downloadLocation");
  if (!download.empty()) out_refs->push_back({"distribution", K(download), "", {}});
  std::string_view home = Str(e, "software_homePage");
  if (!home.empty()) out_refs->push_back({"website", K(home), "", {}});
  if (const Node* ids = e.Get("externalIdentifier"); ids && ids->is_array()) {
    for (const Node& x : ids->items) {
      std::string_view t = Str(x, "externalIdentifierType"), id = Str(x, "identifier");
      if (t == "packageUrl" && c.purl.empty()) {
        c.purl = K(id);
      } else if ((t == "cpe23" || t == "cpe22") && c.cpe.empty()) {
        c.cpe = K(id);
      } else if (t == "swid" && c.swid_tag_id.empty()) {
        c.swid_tag_id = K(id);
      } else if (t == "swhid") {
        lists_.Append(&c.swhids, K(id));
      } else if (t == "gitoid") {
        lists_.Append(&c.omnibor_ids, K(id));
      } else {
        out_refs->push_back({K(t), K(id), K(Str(x, "comment")), {}});
      }
    }
  }
  if (const Node* refs = e.Get("externalRef"); refs && refs->is_array()) {
    for (const Node& x : refs->items) {
      const Node* locators = x.Get("locator");
      if (locators == nullptr || !locators->is_array()) continue;
      for (const Node& l : locators->items) {
        if (l.is_string()) {
          out_refs->push_back({K(Str(x, "externalRefType")), K(l.text), K(Str(x, "comment")), {}});
        }
      }
    }
  }
  if (const Node* hashes = e.Get("verifiedUsing"); hashes && hashes->is_array()) {
    for (const Node& h : hashes->items) {
      if (Str(h, "type") == "Hash") {
        out_hashes->push_back({K(Str(h, "algorithm")), K(Str(h, "hashValue"))});
      }
    }
  }
  static const std::map<std::string_view, std::string_view> kTypes = {
      {"application", "application"},
      {"framework", "framework"},
      {"library", "library"},
      {"container", "container"},
      {"platform", "platform"},
      {"operatingSystem", "operating-system"},
      {"device", "device"},
      {"deviceDriver", "device-driver"},
      {"firmware", "firmware"},
      {"file", "file"},
      {"model", "machine-learning-model"},
      {"data", "data"}};
  std::string_view purpose = Str(e, "software_primaryPurpose");
  if (auto it = kTypes.find(purpose); it != kTypes.end()) c.type = Text::View(it->second);
  if (c.type.empty() && type == "software_File") c.type = "file";
  if (!purpose.empty()) out_properties->push_back({"spdx:primaryPackagePurpose", K(purpose)});
  // The same names as SPDX 2.3, so the inventory reads support data alike.
  for (auto [key, name] :
       {std::pair<std::string_view, std::string_view>{"releaseTime", "spdx:releaseDate"},
        {"builtTime", "spdx:builtDate"},
        {"validUntilTime", "spdx:validUntilDate"}}) {
    std::string_view v = Str(e, key);
    if (!v.empty()) out_properties->push_back({Text::View(name), K(v)});
    // Where the FDA's end-of-support date is read from, whatever the format.
    if (!v.empty() && key == "validUntilTime") {
      out_properties->push_back({Text::View(kFdaEndOfSupportDate), K(v.substr(0, 10))});
    }
  }
  if (const Node* levels = e.Get("supportLevel"); levels && levels->is_array()) {
    for (const Node& l : levels->items) {
      if (!l.is_string()) continue;
      const Text level = K(l.text);
      out_properties->push_back({"spdx:supportLevel", level});
      out_properties->push_back({Text::View(kFdaLevelOfSupport), level});
    }
  }
  ExtensionProperties(e, *out_properties.get(), out_properties.first());
}

void Rules3::ExtensionProperties(const Node& e, std::vector<Property>& props, size_t first) {
  const Node* ext = e.Get("extension");
  if (ext == nullptr || !ext->is_array()) return;
  // The cdx:fda properties read from validUntilTime and supportLevel above:
  // an extension property of the same name is the source's own wording and
  // replaces the one read (once), rather than repeating it.
  std::vector<size_t> read;
  for (size_t i = first; i < props.size(); ++i) {
    if (props[i].name == kFdaEndOfSupportDate || props[i].name == kFdaLevelOfSupport) {
      read.push_back(i);
    }
  }
  for (const Node& x : ext->items) {
    if (Str(x, "type") != "extension_CdxPropertiesExtension") continue;
    const Node* entries = x.Get("extension_cdxProperty");
    if (entries == nullptr || !entries->is_array()) continue;
    for (const Node& p : entries->items) {
      Property prop{K(Str(p, "extension_cdxPropName")), K(Str(p, "extension_cdxPropValue"))};
      if (prop.name.empty()) continue;
      auto same = std::find_if(read.begin(), read.end(),
                               [&](size_t i) { return props[i].name == prop.name; });
      if (same != read.end()) {
        props[*same].value = prop.value;
        read.erase(same);
      } else {
        props.push_back(prop);
      }
    }
  }
}

void Rules3::LicenseTo(Component& c, std::string_view target, std::string_view acknowledgement,
                       const std::string& ptr) {
  constexpr std::string_view kListed = "https://spdx.org/licenses/";
  auto it = ids_.find(target);
  std::string text;
  if (it != ids_.end()) {
    const Node& l = *it->second;
    std::string_view type = Str(l, "type");
    if (type == "simplelicensing_LicenseExpression") {
      text = Str(l, "simplelicensing_licenseExpression");
    } else {
      std::string_view name = Str(l, "name");
      lists_.Append(&c.licenses, {License::Kind::kName, K(name.empty() ? target : name),
                                  K(acknowledgement), ""});
      return;
    }
  } else if (target.rfind(kListed, 0) == 0) {
    text = target.substr(kListed.size());
    if (text == "NoAssertionLicense") return;
    if (text == "NoneLicense") {
      lists_.Append(&c.licenses, {License::Kind::kName, "NONE", K(acknowledgement), ""});
      return;
    }
  } else {
    Warning(ptr, "license '" + std::string(target) + "' names no element of this document");
    return;
  }
  Result<ParsedLicenseExpression> e = ParseLicenseExpression(text);
  if (!e.ok()) return;  // reported where the expression is
  lists_.Append(&c.licenses, {e->single_listed_id ? License::Kind::kId : License::Kind::kExpression,
                              K(e->canonical), K(acknowledgement), ""});
}

Result<Document> Rules3::Run(const Node& root) {
  if (!root.is_object()) {
    Error("/", "an SPDX 3 document is a JSON object, not " + std::string(KindName(root.kind)));
    return r_.ToStatus();
  }
  const Node* context = root.Get("@context");
  bool context_ok = false;
  if (context && context->is_string()) {
    context_ok = context->text.find("spdx.org/rdf/3.0") != std::string::npos;
  } else if (context && context->is_array()) {
    for (const Node& c : context->items) {
      if (c.is_string() && c.text.find("spdx.org/rdf/3.0") != std::string::npos) context_ok = true;
    }
  }
  if (!context_ok) {
    Error("/@context",
          "the @context must name the SPDX 3.0 context "
          "(https://spdx.org/rdf/3.0.1/spdx-context.jsonld)");
  }
  const Node* graph = root.Get("@graph");
  if (graph == nullptr || !graph->is_array()) {
    Error(graph ? "/@graph" : "/", graph ? "@graph must be an array" : "missing required '@graph'");
    return r_.ToStatus();
  }
  for (const Member& m : root.members) {
    if (m.key != "@context" && m.key != "@graph") {
      Error("/" + PointerToken(m.key),
            "unknown property '" + std::string(m.key) + "' beside @context and @graph");
    }
  }
  // Pass 1: index and check every element.
  duplicate_.assign(graph->items.size(), false);
  ids_.reserve(graph->items.size());
  for (size_t i = 0; i < graph->items.size(); ++i) {
    const Node& e = graph->items[i];
    std::string ptr = "/@graph/" + std::to_string(i);
    if (!e.is_object()) {
      Error(ptr, "expected an object, not " + std::string(KindName(e.kind)));
      continue;
    }
    std::string_view type = String(e, "type", ptr, true);
    if (type.empty()) continue;
    if (KnownTypes().count(type) == 0) {
      Error(ptr + "/type", "'" + std::string(type) + "' is not an SPDX 3.0 class");
      continue;
    }
    std::string_view id;
    if (type == "CreationInfo") {
      id = String(e, "@id", ptr, true);
      CreationInfo(e, ptr);
    } else {
      id = String(e, "spdxId", ptr, true);
      CheckElement(e, ptr);
    }
    if (id.empty()) continue;
    auto [it, fresh] = ids_.emplace(id, &e);
    if (!fresh) {
      // JSON-LD merges node objects with one @id into one node; a repeated
      // identical element is the same element. A different one is merged
      // by JSON-LD too, but soupkeeper keeps the first and says so.
      duplicate_[i] = true;
      if (!SameValue(*it->second, e)) {
        const size_t first = static_cast<size_t>(it->second - graph->items.data());
        Warning(ptr, "element '" + std::string(id) + "' repeats /@graph/" + std::to_string(first) +
                         " with other properties; the first is kept");
      }
    }
  }
  if (spec_version_.empty() && r_.error_count() == 0) {
    Error("/@graph", "no CreationInfo gives the specVersion");
  }
  SK_RETURN_IF_ERROR(r_.ToStatus());
  // Pass 2: map.
  Document doc;
  doc_ = &doc;
  lists_.Use(*doc.arena);
  doc.format = Format::kSpdxJsonLd;
  doc.spec_version = K("SPDX-" + spec_version_);
  std::vector<std::string> roots;
  for (size_t i = 0; i < graph->items.size(); ++i) {
    const Node& e = graph->items[i];
    std::string_view type = Str(e, "type");
    if (type == "SpdxDocument" && doc.serial_number.empty()) {
      doc.serial_number = K(Str(e, "spdxId"));
      doc.name = K(Str(e, "name"));
      doc.data_license = K(Str(e, "dataLicense"));
      ExtensionProperties(e, doc.properties);
      if (const Node* r = e.Get("rootElement"); r && r->is_array()) {
        for (const Node& x : r->items) {
          if (x.is_string()) roots.emplace_back(x.text);
        }
      }
      std::string_view ci = Str(e, "creationInfo");
      if (auto it = ids_.find(ci); it != ids_.end()) {
        const Node& info = *it->second;
        doc.timestamp = K(Str(info, "created"));
        if (const Node* by = info.Get("createdBy"); by && by->is_array()) {
          for (const Node& a : by->items) {
            doc.creators.push_back(K(a.text));
            doc.authors.push_back({K(AgentName(a.text)), "", ""});
          }
        }
        if (const Node* using_ = info.Get("createdUsing"); using_ && using_->is_array()) {
          for (const Node& t : using_->items) {
            doc.creators.push_back(K(t.text));
            doc.tools.push_back({"", K(AgentName(t.text)), ""});
          }
        }
      }
    }
  }
  // A root that is an Sbom or Bom stands for its own roots.
  std::vector<std::string> described;
  std::unordered_set<std::string> boms;
  for (const std::string& r : roots) {
    auto it = ids_.find(r);
    std::string_view type = it == ids_.end() ? "" : Str(*it->second, "type");
    if (type == "software_Sbom" || type == "Bom" || type == "Bundle") {
      boms.insert(r);
      if (const Node* rr = it->second->Get("rootElement"); rr && rr->is_array()) {
        for (const Node& x : rr->items) {
          if (x.is_string()) described.emplace_back(x.text);
        }
      }
    } else {
      described.push_back(r);
    }
  }
  bool has_packages = false;
  for (const Node& e : graph->items) has_packages = has_packages || IsPackageType(Str(e, "type"));
  std::unordered_set<std::string> described_set(described.begin(), described.end());
  std::unordered_map<std::string_view, size_t> index;  // spdxId -> component
  index.reserve(graph->items.size());
  for (size_t i = 0; i < graph->items.size(); ++i) {
    if (duplicate_[i]) continue;
    const Node& e = graph->items[i];
    std::string_view type = Str(e, "type");
    std::string ptr = "/@graph/" + std::to_string(i);
    if (IsPackageType(type) ||
        (type == "software_File" &&
         (!has_packages || described_set.count(std::string(Str(e, "spdxId")))))) {
      index.emplace(Str(e, "spdxId"), doc.components.size());
      Package(e, ptr, doc.components.emplace_back());
    } else if (type == "software_File") {
      ++doc.file_count;
    } else if (type == "software_Snippet") {
      ++doc.snippet_count;
    } else if (type == "Annotation") {
      Annotation a{K(AgentName(Str(e, "creationInfo"))), "", K(Str(e, "annotationType")),
                   K(Str(e, "statement"))};
      std::string_view subject = Str(e, "subject");
      if (auto it = index.find(subject); it != index.end()) {
        lists_.Append(&doc.components[it->second].annotations, a);
      } else {
        doc.annotations.push_back(std::move(a));
      }
    }
  }
  // Relationships.
  DependencyBuilder deps;
  for (size_t i = 0; i < graph->items.size(); ++i) {
    if (duplicate_[i]) continue;
    const Node& e = graph->items[i];
    if (!IsRelationshipType(Str(e, "type"))) continue;
    std::string ptr = "/@graph/" + std::to_string(i);
    const Text from = K(Str(e, "from"));
    std::string_view type = Str(e, "relationshipType");
    const Node* to = e.Get("to");
    if (to == nullptr || !to->is_array()) continue;
    for (const Node& t : to->items) {
      const Text target = K(t.text);
      doc.relationships.push_back({from, K(type), target, K(Str(e, "comment"))});
      // The document (or its Sbom) describing an element makes it a root;
      // one element describing another does not.
      if (type == "describes" && (from == doc.serial_number || boms.count(from))) {
        described.push_back(target);
      }
      auto f = index.find(from);
      auto g = index.find(target);
      if (type == "hasConcludedLicense" || type == "hasDeclaredLicense") {
        if (f != index.end()) {
          LicenseTo(doc.components[f->second], target,
                    type == "hasConcludedLicense" ? "concluded" : "declared", ptr);
        }
        continue;
      }
      if (f == index.end() || g == index.end()) continue;
      if (type == "contains") {
        Component& child = doc.components[g->second];
        if (child.parent_ref.empty() && from != target) child.parent_ref = from;
      } else if (type == "dependsOn" || type == "hasOptionalDependency" ||
                 type == "hasProvidedDependency") {
        deps.Add(f->second, g->second);
      }
    }
  }
  for (const Relationship& rel : doc.relationships) {
    for (const Text ref : {rel.from, rel.to}) {
      if (ids_.count(ref) == 0 && !ref.starts_with("https://spdx.org/licenses/")) {
        Warning("", "relationship names '" + ref + "', no element of this document");
      }
    }
  }
  doc.dependencies = deps.Take(doc.components, *doc.arena);
  {
    std::unordered_set<std::string_view> seen;
    for (const std::string& d : described) {
      if (seen.insert(d).second) doc.describes.push_back(K(d));
    }
  }
  std::string subject_ref;
  if (doc.describes.size() == 1 && index.count(doc.describes[0])) subject_ref = doc.describes[0];
  PlaceSubject(doc, subject_ref);
  cdx::CheckIdentifiers(doc, r_);
  return doc;
}

}  // namespace

Result<Document> DecodeJsonLd(std::string_view bytes, const std::string& source_name,
                              DiagnosticSink& sink) {
  Reporter reporter(source_name, sink);
  if (!Prepare(bytes, "SPDX JSON-LD", reporter)) return reporter.ToStatus();
  TextStore store;
  Result<Node> root = ParseJson(bytes, store);
  if (!root.ok()) {
    ReportParseError(reporter, root.status().message());
    return reporter.ToStatus();
  }
  Rules3 rules(reporter);
  return rules.Run(*root);
}

}  // namespace soupkeeper::sbom::spdx
