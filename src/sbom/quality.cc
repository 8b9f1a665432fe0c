// NTIA minimum elements and FDA SBOM expectations; see sbom_quality.h.
#include <unordered_set>

#include "soupkeeper/sbom_quality.h"

namespace soupkeeper::sbom {
namespace {

enum ComponentElementIndex {
  kSupplier,
  kName,
  kVersion,
  kIdentifier,
  kDependency,
  kLevelOfSupport,
  kEndOfSupport,
  kHash,
  kLicense,
};

const std::vector<QualityElement> kComponentElements = {
    {"supplier", "Supplier Name", "NTIA", true},
    {"name", "Component Name", "NTIA", true},
    {"version", "Version of the Component", "NTIA", true},
    {"identifier", "Other Unique Identifiers", "NTIA", true},
    {"dependency", "Dependency Relationship", "NTIA", true},
    {"level-of-support", "level of support", "FDA", true},
    {"end-of-support", "end-of-support date", "FDA", true},
    {"hash", "component hash", "NTIA Framing / CISA", false},
    {"license", "license", "NTIA Framing / CISA", false},
};

enum DocumentElementIndex { kAuthor, kTimestamp, kKnownUnknowns, kPrimary };

const std::vector<QualityElement> kDocumentElements = {
    {"author", "Author of SBOM Data", "NTIA", true},
    {"timestamp", "Timestamp", "NTIA", true},
    {"known-unknowns", "Known Unknowns (compositions)", "NTIA", false},
    {"primary-component", "primary component", "NTIA", false},
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

std::string DocumentAuthor(const Document& doc) {
  if (!doc.authors.empty()) return "metadata.authors";
  if (doc.manufacturer && !doc.manufacturer->name.empty()) return "metadata.manufacturer";
  if (doc.supplier && !doc.supplier->name.empty()) return "metadata.supplier";
  if (!doc.tools.empty()) return "metadata.tools";
  return "";
}

}  // namespace

const std::vector<QualityElement>& ComponentElements() { return kComponentElements; }
const std::vector<QualityElement>& DocumentElements() { return kDocumentElements; }

QualityReport AssessQuality(const Document& doc) {
  QualityReport r;
  std::string author = DocumentAuthor(doc);
  r.document.push_back({&kDocumentElements[kAuthor], !author.empty(),
                        author.empty() ? "no authors, manufacturer, supplier or tools" : author});
  r.document.push_back({&kDocumentElements[kTimestamp], !doc.timestamp.empty(),
                        doc.timestamp.empty() ? "no timestamp" : doc.timestamp});
  std::string aggregates;
  for (const Composition& c : doc.compositions) {
    aggregates += (aggregates.empty() ? "" : ", ") + c.aggregate;
  }
  r.document.push_back({&kDocumentElements[kKnownUnknowns], !doc.compositions.empty(),
                        doc.compositions.empty() ? "no compositions" : aggregates});
  r.document.push_back({&kDocumentElements[kPrimary], doc.subject.has_value(),
                        doc.subject ? doc.subject->name : "no metadata.component"});

  // Refs that take part in the dependency graph, either side of an edge.
  std::unordered_set<std::string_view> in_graph;
  for (const Dependency& d : doc.dependencies) {
    in_graph.insert(d.ref);
    for (const std::string& to : d.depends_on) in_graph.insert(to);
  }
  std::vector<const Component*> all;
  if (doc.subject) all.push_back(&*doc.subject);
  for (const Component& c : doc.components) all.push_back(&c);
  r.summary.reserve(kComponentElements.size());
  for (const QualityElement& e : kComponentElements) r.summary.push_back({&e, 0, 0, 100});
  size_t required_slots = 0, required_present = 0;
  for (size_t k = 0; k < all.size(); ++k) {
    const Component& c = *all[k];
    ComponentQuality q;
    q.is_subject = doc.subject && k == 0;
    q.index = q.is_subject ? -1 : static_cast<int>(k - (doc.subject ? 1 : 0));
    q.ref = c.ref;
    q.name = c.name;
    q.version = c.version;
    bool present[9];
    present[kSupplier] = c.supplier && !c.supplier->name.empty();
    present[kName] = !c.name.empty();
    present[kVersion] = !c.version.empty();
    present[kIdentifier] = !c.purl.empty() || !c.cpe.empty() || !c.swid_tag_id.empty() ||
                           !c.omnibor_ids.empty() || !c.swhids.empty();
    // Nesting is a relationship too ("X is included in Y").
    present[kDependency] = (!c.ref.empty() && in_graph.count(c.ref) > 0) || c.parent_index >= 0 ||
                           c.parent_index == -2;
    present[kLevelOfSupport] = HasProperty(c, kFdaLevelOfSupport);
    present[kEndOfSupport] = HasProperty(c, kFdaEndOfSupportDate);
    present[kHash] = !c.hashes.empty();
    present[kLicense] = !c.licenses.empty();
    if (!present[kLevelOfSupport] && Justified(c, kFdaLevelOfSupport)) {
      present[kLevelOfSupport] = true;
      q.justified.push_back(&kComponentElements[kLevelOfSupport]);
    }
    if (!present[kEndOfSupport] && Justified(c, kFdaEndOfSupportDate)) {
      present[kEndOfSupport] = true;
      q.justified.push_back(&kComponentElements[kEndOfSupport]);
    }
    bool complete = true;
    for (size_t e = 0; e < kComponentElements.size(); ++e) {
      ++r.summary[e].total;
      if (present[e]) ++r.summary[e].present;
      if (!present[e]) q.missing.push_back(&kComponentElements[e]);
      if (kComponentElements[e].required) {
        ++required_slots;
        if (present[e]) {
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
