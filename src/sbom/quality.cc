// SBOM quality profiles (NTIA, FDA, CISA 2025 draft, BSI TR-03183-2); see
// sbom_quality.h.
#include <initializer_list>
#include <optional>
#include <unordered_set>

#include "sbom/encode_support.h"
#include "soupkeeper/sbom_quality.h"

namespace soupkeeper::sbom {
namespace {

using C = QualityCheck;

constexpr std::string_view kNtia = "NTIA";
constexpr std::string_view kFda = "FDA";
constexpr std::string_view kFraming = "NTIA Framing / CISA";
constexpr std::string_view kCisa = "CISA 2025 draft";
constexpr std::string_view kBsi = "BSI TR-03183-2";

// The NTIA 2021 rows, shared by ntia and fda.
const std::vector<QualityElement> kNtiaDocument = {
    {"author", "Author of SBOM Data", kNtia, true, C::kAuthor},
    {"timestamp", "Timestamp", kNtia, true, C::kTimestamp},
    {"known-unknowns", "Known Unknowns (compositions)", kNtia, false, C::kKnownUnknowns},
    {"primary-component", "primary component", kNtia, false, C::kPrimary},
};
const std::vector<QualityElement> kNtiaComponent = {
    {"supplier", "Supplier Name", kNtia, true, C::kSupplier},
    {"name", "Component Name", kNtia, true, C::kName},
    {"version", "Version of the Component", kNtia, true, C::kVersion},
    {"identifier", "Other Unique Identifiers", kNtia, true, C::kIdentifier},
    {"dependency", "Dependency Relationship", kNtia, true, C::kDependency},
};

std::vector<QualityElement> Plus(std::vector<QualityElement> a,
                                 std::initializer_list<QualityElement> b) {
  a.insert(a.end(), b);
  return a;
}

const std::vector<QualityProfile> kProfiles = {
    {"ntia", "NTIA Minimum Elements for a Software Bill of Materials (July 2021)", kNtiaDocument,
     kNtiaComponent},
    {"fda", "NTIA minimum elements plus FDA premarket cybersecurity guidance V.A.4(b)",
     kNtiaDocument,
     Plus(kNtiaComponent, {{"level-of-support", "level of support", kFda, true, C::kLevelOfSupport},
                           {"end-of-support", "end-of-support date", kFda, true, C::kEndOfSupport},
                           {"hash", "component hash", kFraming, false, C::kHash},
                           {"license", "license", kFraming, false, C::kLicense}})},
    {"cisa",
     "CISA 2025 Minimum Elements for an SBOM (public-comment draft, 22 Aug 2025)",
     {{"author", "SBOM Author", kCisa, true, C::kAuthor},
      {"timestamp", "Timestamp", kCisa, true, C::kTimestamp},
      {"tool-name", "Tool Name", kCisa, true, C::kToolName},
      {"generation-context", "Generation Context", kCisa, true, C::kGenerationContext},
      {"known-unknowns", "Known Unknowns (compositions)", kCisa, false, C::kKnownUnknowns},
      {"primary-component", "primary component", kNtia, false, C::kPrimary}},
     {{"supplier", "Software Producer", kCisa, true, C::kSupplier},
      {"name", "Component Name", kCisa, true, C::kName},
      {"version", "Component Version", kCisa, true, C::kVersion},
      {"identifier", "Software Identifiers", kCisa, true, C::kIdentifier},
      {"hash", "Component Hash", kCisa, true, C::kHash},
      {"license", "License", kCisa, true, C::kLicense},
      {"dependency", "Dependency Relationship", kCisa, true, C::kDependency}}},
    {"bsi",
     "BSI TR-03183-2 v2.1.0 (20 Aug 2025)",
     {{"creator", "Creator of the SBOM (email or URL)", kBsi, true, C::kCreatorContact},
      {"timestamp", "Timestamp", kBsi, true, C::kTimestamp},
      {"sbom-uri", "SBOM-URI", kBsi, true, C::kSbomUri},
      {"known-unknowns", "completeness of dependencies (compositions)", kBsi, true,
       C::kKnownUnknowns},
      {"primary-component", "primary component", kNtia, false, C::kPrimary}},
     {{"creator", "Component creator (email or URL)", kBsi, true, C::kComponentCreatorContact},
      {"name", "Component name", kBsi, true, C::kName},
      {"version", "Component version", kBsi, true, C::kVersion},
      {"filename", "Filename of the component", kBsi, true, C::kFilename},
      {"dependency", "Dependencies on other components", kBsi, true, C::kDependency},
      {"distribution-license", "Distribution licences (concluded)", kBsi, true,
       C::kConcludedLicense},
      {"hash-sha512", "Hash value of the deployable component (SHA-512)", kBsi, true, C::kSha512},
      {"executable", "Executable property", kBsi, true, C::kExecutable},
      {"archive", "Archive property", kBsi, true, C::kArchive},
      {"structured", "Structured property", kBsi, true, C::kStructured},
      {"source-uri", "Source code URI", kBsi, false, C::kSourceUri},
      {"deployable-uri", "URI of the deployable form", kBsi, false, C::kDeployableUri},
      {"identifier", "Other unique identifiers", kBsi, false, C::kIdentifier},
      {"original-license", "Original licences (declared)", kBsi, false, C::kDeclaredLicense}}},
};

bool HasProperty(const Component& c, std::string_view name) {
  for (const Property& p : c.properties) {
    if (p.name == name && !p.value.empty()) return true;
  }
  return false;
}

// A cdx:fda:justification property whose value names `what` (the taxonomy
// writes "<property>: <reason>").
bool Justified(const Component& c, std::string_view what) {
  for (const Property& p : c.properties) {
    if (p.name == kFdaJustification && p.value.find(what) != std::string::npos) return true;
  }
  return false;
}

// "SHA-512", "SHA512", "sha512" (CycloneDX, SPDX 2 and SPDX 3 spellings).
bool IsSha512(const Hash& h) { return !h.value.empty() && encode::CdxHashAlg(h.alg) == "SHA-512"; }

bool HasLicense(const Component& c, std::string_view acknowledgement) {
  for (const License& l : c.licenses) {
    if (l.acknowledgement == acknowledgement) return true;
  }
  return false;
}

bool HasReference(const Component& c, std::initializer_list<std::string_view> types) {
  for (const ExternalReference& r : c.external_references) {
    if (r.url.empty()) continue;
    for (std::string_view t : types) {
      if (r.type == t) return true;
    }
  }
  return false;
}

bool OrganizationContact(const std::optional<Organization>& o) {
  if (!o) return false;
  if (!o->urls.empty()) return true;
  for (const Contact& c : o->contacts) {
    if (!c.email.empty()) return true;
  }
  return false;
}

bool ContactWithEmail(std::span<const Contact> contacts) {
  for (const Contact& c : contacts) {
    if (!c.email.empty()) return true;
  }
  return false;
}

std::string DocumentAuthor(const Document& doc) {
  if (!doc.authors.empty()) return "metadata.authors";
  if (doc.manufacturer && !doc.manufacturer->name.empty()) return "metadata.manufacturer";
  if (doc.supplier && !doc.supplier->name.empty()) return "metadata.supplier";
  if (!doc.tools.empty()) return "metadata.tools";
  return "";
}

template <typename Strings>
std::string Joined(const Strings& v) {
  std::string out;
  for (std::string_view s : v) (out += out.empty() ? "" : ", ") += s;
  return out;
}

DocumentCheck CheckDocument(const Document& doc, const QualityElement& e) {
  auto found = [&](bool present, std::string detail, std::string_view why_missing) {
    return DocumentCheck{&e, present, present ? std::move(detail) : std::string(why_missing)};
  };
  switch (e.check) {
    case C::kAuthor: {
      std::string author = DocumentAuthor(doc);
      return found(!author.empty(), author, "no authors, manufacturer, supplier or tools");
    }
    case C::kTimestamp:
      return found(!doc.timestamp.empty(), doc.timestamp, "no timestamp");
    case C::kKnownUnknowns: {
      std::vector<std::string> aggregates;
      for (const Composition& c : doc.compositions) aggregates.push_back(c.aggregate);
      return found(!doc.compositions.empty(), Joined(aggregates), "no compositions");
    }
    case C::kPrimary:
      return found(doc.subject.has_value(), doc.subject ? doc.subject->name : "",
                   "no metadata.component");
    case C::kToolName: {
      std::vector<std::string> names;
      for (const Tool& t : doc.tools) {
        if (!t.name.empty()) names.push_back(t.name);
      }
      return found(!names.empty(), Joined(names), "no tool with a name");
    }
    case C::kGenerationContext:
      return found(!doc.lifecycle_phases.empty(), Joined(doc.lifecycle_phases),
                   "no metadata.lifecycles");
    case C::kCreatorContact: {
      if (ContactWithEmail(doc.authors)) return found(true, "metadata.authors", "");
      if (OrganizationContact(doc.manufacturer)) return found(true, "metadata.manufacturer", "");
      if (OrganizationContact(doc.supplier)) return found(true, "metadata.supplier", "");
      return found(false, "",
                   "no author with email, no manufacturer or supplier with URL or email");
    }
    case C::kSbomUri:
      return found(!doc.serial_number.empty(), doc.serial_number,
                   "no serialNumber or documentNamespace");
    default:
      return found(false, "", "not a document element");
  }
}

struct ComponentFacts {
  const Component& c;
  bool in_graph;
};

bool CheckComponent(const ComponentFacts& f, QualityCheck check) {
  const Component& c = f.c;
  switch (check) {
    case C::kSupplier:
      return c.supplier && !c.supplier->name.empty();
    case C::kName:
      return !c.name.empty();
    case C::kVersion:
      return !c.version.empty();
    case C::kIdentifier:
      return !c.purl.empty() || !c.cpe.empty() || !c.swid_tag_id.empty() ||
             !c.omnibor_ids.empty() || !c.swhids.empty();
    case C::kDependency:
      // Nesting is a relationship too ("X is included in Y").
      return f.in_graph || c.parent_index >= 0 || c.parent_index == -2;
    case C::kLevelOfSupport:
      return HasProperty(c, kFdaLevelOfSupport);
    case C::kEndOfSupport:
      return HasProperty(c, kFdaEndOfSupportDate);
    case C::kHash:
      return !c.hashes.empty();
    case C::kLicense:
      return !c.licenses.empty();
    case C::kComponentCreatorContact:
      return OrganizationContact(c.supplier) || ContactWithEmail(c.authors);
    case C::kFilename:
      return HasProperty(c, "bsi:component:filename");
    case C::kSha512: {
      for (const Hash& h : c.hashes) {
        if (IsSha512(h)) return true;
      }
      for (const ExternalReference& r : c.external_references) {
        if (r.type != "distribution") continue;
        for (const Hash& h : r.hashes) {
          if (IsSha512(h)) return true;
        }
      }
      return false;
    }
    case C::kExecutable:
      return HasProperty(c, "bsi:component:executable");
    case C::kArchive:
      return HasProperty(c, "bsi:component:archive");
    case C::kStructured:
      return HasProperty(c, "bsi:component:structured");
    case C::kConcludedLicense:
      return HasLicense(c, "concluded");
    case C::kDeclaredLicense:
      return HasLicense(c, "declared");
    case C::kSourceUri:
      return HasReference(c, {"vcs", "source-distribution"});
    case C::kDeployableUri:
      return HasReference(c, {"distribution"});
    default:
      return false;
  }
}

// The FDA allows a justification in place of a missing support element.
std::string_view JustifiableProperty(QualityCheck check) {
  if (check == C::kLevelOfSupport) return kFdaLevelOfSupport;
  if (check == C::kEndOfSupport) return kFdaEndOfSupportDate;
  return {};
}

}  // namespace

const std::vector<QualityProfile>& QualityProfiles() { return kProfiles; }

const QualityProfile* FindQualityProfile(std::string_view id) {
  for (const QualityProfile& p : kProfiles) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

const QualityProfile& DefaultQualityProfile() { return *FindQualityProfile("fda"); }

QualityReport AssessQuality(const Document& doc) {
  return AssessQuality(doc, DefaultQualityProfile());
}

QualityReport AssessQuality(const Document& doc, const QualityProfile& profile) {
  QualityReport r;
  r.profile = &profile;
  for (const QualityElement& e : profile.document) r.document.push_back(CheckDocument(doc, e));

  // Refs that take part in the dependency graph, either side of an edge.
  std::unordered_set<std::string_view> in_graph;
  for (const Dependency& d : doc.dependencies) {
    in_graph.insert(d.ref);
    for (const Text& to : d.depends_on) in_graph.insert(to);
  }
  std::vector<const Component*> all;
  if (doc.subject) all.push_back(&*doc.subject);
  for (const Component& c : doc.components) all.push_back(&c);
  r.summary.reserve(profile.component.size());
  for (const QualityElement& e : profile.component) r.summary.push_back({&e, 0, 0, 100});
  size_t required_slots = 0, required_present = 0;
  for (size_t k = 0; k < all.size(); ++k) {
    const Component& c = *all[k];
    ComponentQuality q;
    q.is_subject = doc.subject && k == 0;
    q.index = q.is_subject ? -1 : static_cast<int>(k - (doc.subject ? 1 : 0));
    q.ref = c.ref;
    q.name = c.name;
    q.version = c.version;
    ComponentFacts facts{c, !c.ref.empty() && in_graph.count(c.ref) > 0};
    bool complete = true;
    for (size_t i = 0; i < profile.component.size(); ++i) {
      const QualityElement& e = profile.component[i];
      bool present = CheckComponent(facts, e.check);
      std::string_view justifiable = JustifiableProperty(e.check);
      if (!present && !justifiable.empty() && Justified(c, justifiable)) {
        present = true;
        q.justified.push_back(&e);
      }
      ++r.summary[i].total;
      if (present) {
        ++r.summary[i].present;
      } else {
        q.missing.push_back(&e);
      }
      if (e.required) {
        ++required_slots;
        if (present) {
          ++required_present;
        } else {
          complete = false;
        }
      }
    }
    if (complete) ++r.complete_components;
    r.components.push_back(std::move(q));
  }
  for (ElementSummary& s : r.summary) {
    s.percent = s.total == 0 ? 100.0 : 100.0 * static_cast<double>(s.present) / s.total;
  }
  for (const DocumentCheck& d : r.document) {
    if (!d.element->required) continue;
    ++required_slots;
    if (d.present) ++required_present;
  }
  r.coverage_percent =
      required_slots == 0 ? 100.0 : 100.0 * static_cast<double>(required_present) / required_slots;
  return r;
}

}  // namespace soupkeeper::sbom
