// CycloneDX JSON decoder (spec versions 1.2-1.7).
//
// simdjson parses the bytes into its DOM; one walk over the tree then checks
// the rules of the document's spec version (cdx_rules.h: required properties,
// enumerations, patterns, formats, additionalProperties:false, unique
// bom-refs) and fills the normalized model at the same time. The walk keeps
// the JSON pointer of where it is as a stack of keys and indices and formats
// it only when it reports something, so a valid document costs no string
// building beyond the copies the Document must own.
//
// Parts of the document outside the model (formulation, annotations,
// declarations, model cards, cryptographic properties, ...) are only scanned
// for bom-refs; their inner structure is not validated.
#include <simdjson.h>

#include <optional>
#include <string>
#include <vector>

#include "sbom/cdx_decoders.h"
#include "sbom/cdx_rules.h"
#include "sbom/list_scratch.h"

namespace soupkeeper::sbom {
namespace {

namespace dom = simdjson::dom;
using dom::element_type;

std::string_view TypeName(const dom::element& e) {
  switch (e.type()) {
    case element_type::ARRAY:
      return "an array";
    case element_type::OBJECT:
      return "an object";
    case element_type::INT64:
    case element_type::UINT64:
      return "an integer";
    case element_type::DOUBLE:
      return "a number";
    case element_type::STRING:
      return "a string";
    case element_type::BOOL:
      return "a boolean";
    case element_type::NULL_VALUE:
      return "null";
  }
  return "a value";
}

// Appends `key` to a JSON pointer, escaping '~' and '/' (RFC 6901).
void AppendPointerToken(std::string* out, std::string_view key) {
  out->push_back('/');
  for (char c : key) {
    if (c == '~') {
      *out += "~0";
    } else if (c == '/') {
      *out += "~1";
    } else {
      out->push_back(c);
    }
  }
}

class JsonWalker {
 public:
  JsonWalker(int minor, cdx::Reporter& reporter, Document& doc, size_t size_hint)
      // About one bom-ref per few hundred bytes in generated SBOMs.
      : minor_(minor), r_(reporter), doc_(doc), refs_(size_hint / 512) {
    lists_.Use(*doc.arena);
  }

  void Bom(const dom::object& root);
  const cdx::ViewSet& refs() const { return refs_; }

 private:
  struct Step {
    std::string_view key;
    size_t index;
    bool is_index;
  };
  // Pushes one pointer step for the lifetime of the guard.
  class At {
   public:
    At(JsonWalker* w, std::string_view key) : w_(w) { w_->Push(key, 0, false); }
    At(JsonWalker* w, size_t index) : w_(w) { w_->Push({}, index, true); }
    ~At() { --w_->depth_; }
    At(const At&) = delete;
    At& operator=(const At&) = delete;

   private:
    JsonWalker* w_;
  };

  // Field by field: copying a whole Step built a moment before stalls on
  // store forwarding.
  void Push(std::string_view key, size_t index, bool is_index) {
    if (depth_ == path_.size()) [[unlikely]] {
      path_.resize(2 * depth_ + 16);
    }
    Step& s = path_[depth_++];
    s.key = key;
    s.index = index;
    s.is_index = is_index;
  }

  std::string Pointer() const {
    std::string p;
    for (size_t i = 0; i < depth_; ++i) {
      const Step& s = path_[i];
      if (s.is_index) {
        p += '/';
        p += std::to_string(s.index);
      } else {
        AppendPointerToken(&p, s.key);
      }
    }
    return p.empty() ? "/" : p;
  }
  void Error(std::string message) { r_.Error(Pointer(), std::move(message)); }
  std::string Version() const { return "CycloneDX 1." + std::to_string(minor_); }
  void Unknown(std::string_view key, std::string_view where) {
    Error("property '" + std::string(key) + "' is not allowed in " + std::string(where) + " (" +
          Version() + ")");
  }
  void Missing(std::string_view key, std::string_view where) {
    Error("missing required property '" + std::string(key) + "' of " + std::string(where));
  }
  bool Since(int minor) const { return minor_ >= minor; }

  // Typed access: report and return false on a type mismatch.
  bool Object(const dom::element& e, dom::object* out) {
    if (e.get(*out) == simdjson::SUCCESS) return true;
    Error("expected an object, got " + std::string(TypeName(e)));
    return false;
  }
  bool Array(const dom::element& e, dom::array* out) {
    if (e.get(*out) == simdjson::SUCCESS) return true;
    Error("expected an array, got " + std::string(TypeName(e)));
    return false;
  }
  bool View(const dom::element& e, std::string_view* out) {
    if (e.get(*out) == simdjson::SUCCESS) return true;
    Error("expected a string, got " + std::string(TypeName(e)));
    return false;
  }
  void Str(const dom::element& e, Text* out) {
    std::string_view v;
    if (View(e, &v)) *out = doc_.Keep(v);
  }
  void Bool(const dom::element& e) {
    if (e.type() != element_type::BOOL)
      Error("expected a boolean, got " + std::string(TypeName(e)));
  }
  void Enum(const dom::element& e, const cdx::EnumDef& def, Text* out = nullptr) {
    std::string_view v;
    if (!View(e, &v)) return;
    if (!cdx::InEnum(def, v, minor_)) {
      Error(cdx::EnumMessage(def, v, minor_));
      return;
    }
    if (out != nullptr) *out = doc_.Keep(v);
  }
  // A string that must pass `valid` (cdx::NotA names it otherwise).
  void Checked(const dom::element& e, bool (*valid)(std::string_view), std::string_view what,
               Text* out) {
    std::string_view v;
    if (!View(e, &v)) return;
    if (!valid(v)) {
      Error(cdx::NotA(v, what));
      return;
    }
    if (out != nullptr) *out = doc_.Keep(v);
  }
  void DateTime(const dom::element& e, Text* out = nullptr) {
    Checked(e, cdx::IsDateTime, "an RFC 3339 date-time", out);
  }
  void Iri(const dom::element& e, Text* out = nullptr) {
    Checked(e, cdx::IsIriReference, "an IRI reference", out);
  }
  void Email(const dom::element& e, Text* out) {
    // The 1.2 and 1.3 schemas have no format on contact e-mails.
    Checked(
        e, Since(4) ? cdx::IsEmail : [](std::string_view) { return true; }, "an e-mail address",
        out);
  }
  void StringArray(const dom::element& e, std::vector<Text>* out, bool unique) {
    dom::array a;
    if (!Array(e, &a)) return;
    cdx::UniqueViews seen;
    size_t i = 0;
    for (dom::element item : a) {
      At at(this, i++);
      std::string_view v;
      if (!View(item, &v)) continue;
      if (unique && !seen.Insert(v)) {
        Error("duplicate item '" + std::string(v) + "' (items must be unique)");
      }
      if (out != nullptr) out->push_back(doc_.Keep(v));
    }
  }
  // Applies `fn(field)` to each field of an object, with its key pushed;
  // false (and reported) when `e` is not an object.
  template <typename Fn>
  bool Fields(const dom::element& e, Fn fn) {
    dom::object o;
    if (!Object(e, &o)) return false;
    for (dom::key_value_pair f : o) {
      At at(this, f.key);
      fn(f);
    }
    return true;
  }
  // Applies `fn(element)` to each item of an array, with its index pushed.
  template <typename Fn>
  void Each(const dom::element& e, Fn fn) {
    dom::array a;
    if (!Array(e, &a)) return;
    size_t i = 0;
    for (dom::element item : a) {
      At at(this, i++);
      fn(item);
    }
  }

  // refType: registers a bom-ref, which must be unique in the document.
  void BomRef(const dom::element& e, Text* out = nullptr);
  // refType used as a reference (not a definition).
  void RefValue(const dom::element& e, Text* out);
  // Everything not modelled: only bom-refs are collected.
  void Opaque(const dom::element& e);

  void Metadata(const dom::element& e);
  void Tools(const dom::element& e);
  void LegacyTool(const dom::element& e, Tool* out);
  void Lifecycle(const dom::element& e);
  // `out` may be null (validation only, e.g. pedigree ancestors). Children
  // are added to doc_.components with `self_index` as their parent index
  // when `collect` is true; when `self_index` >= 0, `out` is
  // doc_.components[self_index] and is looked up again after they are added.
  void ComponentBody(const dom::element& e, Component* out, int self_index, bool collect);
  // Components are decoded in place in doc_.components. `parent_ref` is the
  // parent's bom-ref when the parent is not one of them (the subject); else
  // it is read from doc_.components[parent_index].
  void Components(const dom::element& e, const Text* parent_ref, int parent_index, bool collect);
  void Organization(const dom::element& e, sbom::Organization* out);
  void Contact(const dom::element& e, sbom::Contact* out);
  void PostalAddress(const dom::element& e);
  void Hash(const dom::element& e, sbom::Hash* out);
  void Hashes(const dom::element& e, std::vector<sbom::Hash>* out);
  void Licenses(const dom::element& e, std::vector<License>* out);
  void LicenseObject(const dom::element& e, License* out);
  void Attachment(const dom::element& e);
  void Swid(const dom::element& e, Text* tag_id);
  void ExternalReferences(const dom::element& e, std::vector<ExternalReference>* out);
  void Properties(const dom::element& e, std::vector<Property>* out);
  void Pedigree(const dom::element& e);
  void Commit(const dom::element& e);
  void IdentifiableAction(const dom::element& e);
  void Patch(const dom::element& e);
  void Issue(const dom::element& e);
  void Evidence(const dom::element& e);
  void Services(const dom::element& e);
  void ServiceData(const dom::element& e);
  void Dependencies(const dom::element& e);
  void Compositions(const dom::element& e);
  void Vulnerabilities(const dom::element& e);
  void Citation(const dom::element& e);

  const int minor_;
  cdx::Reporter& r_;
  Document& doc_;
  // The lists being built (see list_scratch.h).
  ListBuilder<sbom::Hash, sbom::License, sbom::ExternalReference, sbom::Property, sbom::Contact,
              Text>
      lists_;
  // The pointer is path_[0, depth_): steps are pushed and popped once per
  // JSON value, so the storage only grows and is never freed in between.
  std::vector<Step> path_;
  size_t depth_ = 0;
  cdx::ViewSet refs_;
};

void JsonWalker::BomRef(const dom::element& e, Text* out) {
  std::string_view v;
  if (!View(e, &v)) return;
  if (v.empty()) {
    // refType has minLength 1 since 1.5; before, an empty bom-ref is
    // allowed and identifies nothing.
    if (Since(5)) Error("bom-ref must not be empty");
    return;
  }
  if (!refs_.Insert(v)) {
    Error("duplicate bom-ref '" + std::string(v) + "' (every bom-ref must be unique)");
  }
  if (out != nullptr) *out = doc_.Keep(v);
}

void JsonWalker::RefValue(const dom::element& e, Text* out) {
  std::string_view v;
  if (!View(e, &v)) return;
  if (v.empty() && Since(5)) {
    Error("reference must not be empty");
    return;
  }
  if (out != nullptr) *out = doc_.Keep(v);
}

void JsonWalker::Opaque(const dom::element& e) {
  if (e.type() == element_type::OBJECT) {
    dom::object o;
    if (e.get(o) != simdjson::SUCCESS) return;
    for (dom::key_value_pair f : o) {
      if (f.key == "bom-ref" && f.value.type() == element_type::STRING) {
        // Collected for reference checks only: the JSON schema cannot
        // express uniqueness, and the specification's own valid examples
        // repeat bom-refs inside formulation.
        std::string_view ref;
        if (f.value.get(ref) == simdjson::SUCCESS && !ref.empty()) refs_.Insert(ref);
      } else if (f.value.type() == element_type::OBJECT || f.value.type() == element_type::ARRAY) {
        At at(this, f.key);
        Opaque(f.value);
      }
    }
  } else if (e.type() == element_type::ARRAY) {
    dom::array a;
    if (e.get(a) != simdjson::SUCCESS) return;
    size_t i = 0;
    for (dom::element item : a) {
      At at(this, i++);
      if (item.type() == element_type::OBJECT || item.type() == element_type::ARRAY) Opaque(item);
    }
  }
}

void JsonWalker::Bom(const dom::object& root) {
  bool has_format = false, has_spec = false, has_version = false;
  for (dom::key_value_pair f : root) {
    std::string_view k = f.key;
    const dom::element& v = f.value;
    At at(this, k);
    if (k == "bomFormat") {
      has_format = true;
      std::string_view s;
      if (View(v, &s) && s != "CycloneDX") Error("'" + std::string(s) + "' is not 'CycloneDX'");
    } else if (k == "specVersion") {
      has_spec = true;  // checked by the decoder before the walk
    } else if (k == "$schema") {
      std::string_view s;
      View(v, &s);
    } else if (k == "serialNumber") {
      std::string_view s;
      if (View(v, &s)) {
        if (!cdx::IsSerialNumber(s)) {
          Error("'" + std::string(s) +
                "' is not a serial number of the form urn:uuid:<RFC 4122 UUID>");
        } else {
          doc_.serial_number = doc_.Keep(s);
        }
      }
    } else if (k == "version") {
      has_version = true;
      if (v.type() != element_type::INT64 && v.type() != element_type::UINT64) {
        Error("expected an integer, got " + std::string(TypeName(v)));
      } else if (v.type() == element_type::UINT64 ||
                 v.get_int64().value_unsafe() > std::numeric_limits<int>::max()) {
        Error("version is too large");
      } else {
        int64_t n = v.get_int64().value_unsafe();
        if (n < 1 && Since(5)) {
          Error("version must be at least 1, got " + std::to_string(n));
        } else {
          doc_.version = static_cast<int>(n);
        }
      }
    } else if (k == "metadata") {
      Metadata(v);
    } else if (k == "components") {
      Components(v, nullptr, -1, true);
    } else if (k == "services") {
      Services(v);
    } else if (k == "externalReferences") {
      ExternalReferences(v, nullptr);
    } else if (k == "dependencies") {
      Dependencies(v);
    } else if (k == "compositions" && Since(3)) {
      Compositions(v);
    } else if (k == "vulnerabilities" && Since(4)) {
      Vulnerabilities(v);
    } else if (k == "signature" && Since(4)) {
      Opaque(v);
    } else if ((k == "annotations" || k == "formulation") && Since(5)) {
      dom::array a;
      if (Array(v, &a)) Opaque(v);
    } else if (k == "properties" && Since(5)) {
      Properties(v, &doc_.properties);
    } else if ((k == "declarations" || k == "definitions") && Since(6)) {
      dom::object o;
      if (Object(v, &o)) Opaque(v);
    } else if (k == "citations" && Since(7)) {
      Each(v, [&](const dom::element& c) { Citation(c); });
    } else {
      Unknown(k, "the BOM");
    }
  }
  if (!has_format) Missing("bomFormat", "the BOM");
  if (!has_spec) Missing("specVersion", "the BOM");
  if (!has_version && !Since(5)) Missing("version", "the BOM");
}

void JsonWalker::Metadata(const dom::element& e) {
  dom::object o;
  if (!Object(e, &o)) return;
  for (dom::key_value_pair f : o) {
    std::string_view k = f.key;
    const dom::element& v = f.value;
    At at(this, k);
    if (k == "timestamp") {
      DateTime(v, &doc_.timestamp);
    } else if (k == "tools") {
      Tools(v);
    } else if (k == "authors") {
      Each(v, [&](const dom::element& a) { Contact(a, &doc_.authors.emplace_back()); });
    } else if (k == "component") {
      Component c;
      c.location = doc_.Keep(Pointer());
      ComponentBody(v, &c, -2, true);
      doc_.subject = std::move(c);
    } else if (k == "manufacture") {
      Organization(v, &doc_.manufacturer.emplace());
    } else if (k == "manufacturer" && Since(6)) {
      Organization(v, &doc_.manufacturer.emplace());
    } else if (k == "supplier") {
      Organization(v, &doc_.supplier.emplace());
    } else if (k == "licenses" && Since(3)) {
      Licenses(v, nullptr);
    } else if (k == "properties" && Since(3)) {
      Properties(v, &doc_.properties);
    } else if (k == "lifecycles" && Since(5)) {
      Each(v, [&](const dom::element& l) { Lifecycle(l); });
    } else if (k == "distributionConstraints" && Since(7)) {
      Fields(v, [&](const dom::key_value_pair& g) {
        if (g.key == "tlp") {
          Enum(g.value, cdx::kTlp);
        } else {
          Unknown(g.key, "distributionConstraints");
        }
      });
    } else {
      Unknown(k, "metadata");
    }
  }
}

void JsonWalker::Tools(const dom::element& e) {
  if (e.type() == element_type::ARRAY || !Since(5)) {
    Each(e, [&](const dom::element& t) { LegacyTool(t, &doc_.tools.emplace_back()); });
    return;
  }
  // 1.5+: {components: [...], services: [...]}.
  Fields(e, [&](const dom::key_value_pair& f) {
    if (f.key == "components") {
      Each(f.value, [&](const dom::element& c) {
        Component tool;
        ComponentBody(c, &tool, -3, false);
        Text vendor = tool.group;
        if (vendor.empty() && tool.supplier) vendor = tool.supplier->name;
        if (vendor.empty() && tool.author.empty() && !tool.authors.empty()) {
          vendor = tool.authors.front().name;
        }
        if (vendor.empty()) vendor = tool.author;
        doc_.tools.push_back(Tool{vendor, tool.name, tool.version});
      });
    } else if (f.key == "services") {
      Services(f.value);
    } else {
      Unknown(f.key, "tools");
    }
  });
}

void JsonWalker::LegacyTool(const dom::element& e, Tool* out) {
  Fields(e, [&](const dom::key_value_pair& f) {
    if (f.key == "vendor") {
      Str(f.value, &out->vendor);
    } else if (f.key == "name") {
      Str(f.value, &out->name);
    } else if (f.key == "version") {
      Str(f.value, &out->version);
    } else if (f.key == "hashes") {
      Hashes(f.value, nullptr);
    } else if (f.key == "externalReferences" && Since(4)) {
      ExternalReferences(f.value, nullptr);
    } else {
      Unknown(f.key, "tool");
    }
  });
}

void JsonWalker::Lifecycle(const dom::element& e) {
  dom::object o;
  if (!Object(e, &o)) return;
  // oneOf: {phase: enum} or {name, description}.
  dom::element phase, name;
  bool has_phase = o["phase"].get(phase) == simdjson::SUCCESS;
  bool has_name = o["name"].get(name) == simdjson::SUCCESS;
  if (has_phase == has_name) {
    Error(has_phase ? "a lifecycle has either 'phase' or 'name', not both"
                    : "a lifecycle needs 'phase' or 'name'");
    return;
  }
  for (dom::key_value_pair f : o) {
    At at(this, f.key);
    if (has_phase && f.key == "phase") {
      Enum(f.value, cdx::kLifecyclePhase, &doc_.lifecycle_phases.emplace_back());
    } else if (has_name && f.key == "name") {
      Str(f.value, &doc_.lifecycle_phases.emplace_back());
    } else if (has_name && f.key == "description") {
      std::string_view s;
      View(f.value, &s);
    } else {
      Unknown(f.key, "lifecycle");
    }
  }
}

void JsonWalker::Components(const dom::element& e, const Text* parent_ref, int parent_index,
                            bool collect) {
  dom::array all;
  if (collect && doc_.components.empty() && e.get(all) == simdjson::SUCCESS) {
    doc_.components.reserve(doc_.components.size() + all.size());
  }
  Each(e, [&](const dom::element& item) {
    if (!collect) {
      ComponentBody(item, nullptr, -1, false);
      return;
    }
    const int index = static_cast<int>(doc_.components.size());
    Component& c = doc_.components.emplace_back();
    c.location = doc_.Keep(Pointer());
    c.parent_index = parent_index;
    if (parent_ref != nullptr) {
      c.parent_ref = *parent_ref;
    } else if (parent_index >= 0) {
      c.parent_ref = doc_.components[parent_index].ref;
    }
    ComponentBody(item, &c, index, true);
  });
}

void JsonWalker::ComponentBody(const dom::element& e, Component* out, int self_index,
                               bool collect) {
  dom::object o;
  if (!Object(e, &o)) return;
  std::optional<Component> scratch;
  Component* c = out != nullptr ? out : &scratch.emplace();
  bool has_type = false, has_name = false, has_version = false, has_range = false;
  int is_external = -1;  // -1 absent, 0 false, 1 true
  for (dom::key_value_pair f : o) {
    std::string_view k = f.key;
    const dom::element& v = f.value;
    At at(this, k);
    if (Text Component::*text = cdx::ComponentTextField(k)) {
      Str(v, &(c->*text));
    } else if (k == "type") {
      has_type = true;
      Enum(v, cdx::kComponentType, &c->type);
    } else if (k == "name") {
      has_name = true;
      Str(v, &c->name);
    } else if (k == "version") {
      has_version = true;
      Str(v, &c->version);
      if (Since(6) && c->version.size() > 1024) Error("version is longer than 1024 characters");
    } else if (k == "bom-ref") {
      BomRef(v, &c->ref);
    } else if (k == "hashes") {
      Hashes(v, lists_.Into(&c->hashes));
    } else if (k == "licenses") {
      Licenses(v, lists_.Into(&c->licenses));
    } else if (k == "scope") {
      Enum(v, cdx::kScope, &c->scope);
    } else if (k == "externalReferences") {
      ExternalReferences(v, lists_.Into(&c->external_references));
    } else if (k == "properties" && Since(3)) {
      Properties(v, lists_.Into(&c->properties));
    } else if (k == "supplier") {
      Organization(v, &c->supplier.emplace());
    } else if (k == "components") {
      // The subject is not in doc_.components; its bom-ref stays put.
      Components(v, self_index >= 0 ? nullptr : &c->ref, self_index, collect);
      // Adding the children may have moved this component.
      if (self_index >= 0 && collect) c = &doc_.components[self_index];
    } else if (k == "mime-type") {
      std::string_view s;
      if (View(v, &s) && !cdx::IsMimeType(s)) {
        Error("'" + std::string(s) + "' is not a media type of the form type/subtype");
      }
    } else if (k == "swid") {
      Swid(v, &c->swid_tag_id);
    } else if (k == "modified") {
      Bool(v);
    } else if (k == "pedigree") {
      Pedigree(v);
    } else if (k == "evidence" && Since(3)) {
      Evidence(v);
    } else if ((k == "releaseNotes" || k == "signature") && Since(4)) {
      Opaque(v);
    } else if ((k == "modelCard" || k == "data") && Since(5)) {
      Opaque(v);
    } else if (k == "manufacturer" && Since(6)) {
      Organization(v, nullptr);
    } else if (k == "authors" && Since(6)) {
      ListInto<sbom::Contact> authors = lists_.Into(&c->authors);
      Each(v, [&](const dom::element& a) { Contact(a, &authors->emplace_back()); });
    } else if (k == "omniborId" && Since(6)) {
      StringArray(v, lists_.Into(&c->omnibor_ids), false);
    } else if (k == "swhid" && Since(6)) {
      StringArray(v, lists_.Into(&c->swhids), false);
    } else if (k == "cryptoProperties" && Since(6)) {
      Opaque(v);
    } else if (k == "tags" && Since(6)) {
      StringArray(v, nullptr, false);
    } else if (k == "versionRange" && Since(7)) {
      has_range = true;
      std::string_view s;
      if (View(v, &s) && (s.empty() || s.size() > 4096)) {
        Error("versionRange must have 1 to 4096 characters");
      }
    } else if (k == "isExternal" && Since(7)) {
      Bool(v);
      if (v.type() == element_type::BOOL) is_external = v.get_bool().value_unsafe() ? 1 : 0;
    } else if (k == "patentAssertions" && Since(7)) {
      Opaque(v);
    } else {
      Unknown(k, "a component");
    }
  }
  if (!has_type) Missing("type", "a component");
  if (!has_name) Missing("name", "a component");
  if (!has_version && !Since(4)) Missing("version", "a component");
  if (has_version && has_range)
    Error("a component has either 'version' or 'versionRange', not both");
  if (has_range && is_external != 1) {
    Error("'versionRange' is allowed only on external components (isExternal: true)");
  }
}

void JsonWalker::Organization(const dom::element& e, sbom::Organization* out) {
  sbom::Organization scratch;
  sbom::Organization& org = out != nullptr ? *out : scratch;
  Fields(e, [&](const dom::key_value_pair& f) {
    if (f.key == "name") {
      Str(f.value, &org.name);
    } else if (f.key == "url") {
      ListInto<Text> urls = lists_.Into(&org.urls);
      Each(f.value, [&](const dom::element& u) {
        // 1.2 leaves the url items untyped.
        if (Since(3)) {
          Iri(u, &urls->emplace_back());
        } else {
          Str(u, &urls->emplace_back());
        }
      });
    } else if (f.key == "contact") {
      ListInto<sbom::Contact> contacts = lists_.Into(&org.contacts);
      Each(f.value, [&](const dom::element& c) { Contact(c, &contacts->emplace_back()); });
    } else if (f.key == "bom-ref" && Since(5)) {
      BomRef(f.value);
    } else if (f.key == "address" && Since(6)) {
      PostalAddress(f.value);
    } else {
      Unknown(f.key, "an organizational entity");
    }
  });
}

void JsonWalker::Contact(const dom::element& e, sbom::Contact* out) {
  Fields(e, [&](const dom::key_value_pair& f) {
    if (f.key == "name") {
      Str(f.value, &out->name);
    } else if (f.key == "email") {
      Email(f.value, &out->email);
    } else if (f.key == "phone") {
      Str(f.value, &out->phone);
    } else if (f.key == "bom-ref" && Since(5)) {
      BomRef(f.value);
    } else {
      Unknown(f.key, "an organizational contact");
    }
  });
}

void JsonWalker::PostalAddress(const dom::element& e) {
  Fields(e, [&](const dom::key_value_pair& f) {
    std::string_view k = f.key;
    std::string_view s;
    if (k == "bom-ref") {
      BomRef(f.value);
    } else if (k == "country" || k == "region" || k == "locality" || k == "postOfficeBoxNumber" ||
               k == "postalCode" || k == "streetAddress") {
      View(f.value, &s);
    } else {
      Unknown(k, "a postal address");
    }
  });
}

void JsonWalker::Hash(const dom::element& e, sbom::Hash* out) {
  bool has_alg = false, has_content = false;
  const bool is_object = Fields(e, [&](const dom::key_value_pair& f) {
    if (f.key == "alg") {
      has_alg = true;
      Enum(f.value, cdx::kHashAlg, out != nullptr ? &out->alg : nullptr);
    } else if (f.key == "content") {
      has_content = true;
      std::string_view s;
      if (!View(f.value, &s)) return;
      if (!cdx::IsHashContent(s)) {
        Error("'" + std::string(s) +
              "' is not a hash value (32, 40, 64, 96 or 128 hexadecimal digits)");
      } else if (out != nullptr) {
        out->value = doc_.Keep(s);
      }
    } else {
      Unknown(f.key, "a hash");
    }
  });
  if (!is_object) return;
  if (!has_alg) Missing("alg", "a hash");
  if (!has_content) Missing("content", "a hash");
}

void JsonWalker::Hashes(const dom::element& e, std::vector<sbom::Hash>* out) {
  Each(e, [&](const dom::element& h) {
    if (out == nullptr) {
      Hash(h, nullptr);
    } else {
      Hash(h, &out->emplace_back());
    }
  });
}

void JsonWalker::Licenses(const dom::element& e, std::vector<License>* out) {
  std::vector<License> scratch;
  std::vector<License>& list = out != nullptr ? *out : scratch;
  dom::array a;
  if (!Array(e, &a)) return;
  size_t i = 0, expressions = 0, licenses = 0;
  for (dom::element item : a) {
    At at(this, i++);
    dom::object o;
    if (!Object(item, &o)) continue;
    dom::element tmp;
    bool has_license = o["license"].get(tmp) == simdjson::SUCCESS;
    bool has_expression = o["expression"].get(tmp) == simdjson::SUCCESS;
    if (has_license == has_expression) {
      Error(has_license ? "a license choice has either 'license' or 'expression', not both"
                        : "a license choice needs 'license' or 'expression'");
      continue;
    }
    License lic;
    if (has_expression) {
      ++expressions;
      lic.kind = License::Kind::kExpression;
    } else {
      ++licenses;
    }
    for (dom::key_value_pair f : o) {
      At at2(this, f.key);
      std::string_view k = f.key;
      if (k == "license" && has_license) {
        LicenseObject(f.value, &lic);
      } else if (k == "expression" && has_expression) {
        Str(f.value, &lic.value);
      } else if (has_expression && Since(5) && k == "bom-ref") {
        BomRef(f.value);
      } else if (has_expression && Since(6) && k == "acknowledgement") {
        Enum(f.value, cdx::kLicenseAcknowledgement, &lic.acknowledgement);
      } else if (has_expression && Since(7) && (k == "expressionDetails" || k == "licensing")) {
        Opaque(f.value);
      } else if (has_expression && Since(7) && k == "properties") {
        Properties(f.value, nullptr);
      } else {
        Unknown(k, "a license choice");
      }
    }
    list.push_back(std::move(lic));
  }
  // In 1.5 and 1.6 the choice is the whole array: licenses, or one
  // expression; 1.7 makes it a choice per item again.
  if (Since(5) && !Since(7) && expressions > 0 && (expressions > 1 || licenses > 0)) {
    Error("licenses holds either license objects or exactly one expression (" +
          std::to_string(licenses) + " licenses and " + std::to_string(expressions) +
          " expressions)");
  }
}

void JsonWalker::LicenseObject(const dom::element& e, License* out) {
  bool has_id = false, has_name = false;
  const bool is_object = Fields(e, [&](const dom::key_value_pair& f) {
    std::string_view k = f.key;
    if (k == "id") {
      has_id = true;
      std::string_view s;
      if (!View(f.value, &s)) return;
      if (!cdx::IsSpdxLicenseId(s)) {
        Error("'" + std::string(s) + "' is not an SPDX license identifier");
      }
      out->kind = License::Kind::kId;
      out->value = doc_.Keep(s);
    } else if (k == "name") {
      has_name = true;
      out->kind = License::Kind::kName;
      Str(f.value, &out->value);
    } else if (k == "text") {
      Attachment(f.value);
    } else if (k == "url") {
      Iri(f.value, &out->url);
    } else if (k == "bom-ref" && Since(5)) {
      BomRef(f.value);
    } else if (k == "licensing" && Since(5)) {
      Opaque(f.value);
    } else if (k == "properties" && Since(5)) {
      Properties(f.value, nullptr);
    } else if (k == "acknowledgement" && Since(6)) {
      Enum(f.value, cdx::kLicenseAcknowledgement, &out->acknowledgement);
    } else {
      Unknown(k, "a license");
    }
  });
  if (!is_object) return;
  if (has_id && has_name) Error("a license has either 'id' or 'name', not both");
  if (!has_id && !has_name) Error("a license needs 'id' or 'name'");
}

void JsonWalker::Attachment(const dom::element& e) {
  bool has_content = false;
  const bool is_object = Fields(e, [&](const dom::key_value_pair& f) {
    std::string_view s;
    if (f.key == "contentType") {
      View(f.value, &s);
    } else if (f.key == "encoding") {
      Enum(f.value, cdx::kEncoding);
    } else if (f.key == "content") {
      has_content = true;
      View(f.value, &s);
    } else {
      Unknown(f.key, "an attachment");
    }
  });
  if (!is_object) return;
  if (!has_content) Missing("content", "an attachment");
}

void JsonWalker::Swid(const dom::element& e, Text* tag_id) {
  bool has_tag = false, has_name = false;
  const bool is_object = Fields(e, [&](const dom::key_value_pair& f) {
    std::string_view k = f.key;
    std::string_view s;
    if (k == "tagId") {
      has_tag = true;
      Str(f.value, tag_id);
    } else if (k == "name") {
      has_name = true;
      View(f.value, &s);
    } else if (k == "version") {
      View(f.value, &s);
    } else if (k == "tagVersion") {
      if (f.value.type() != element_type::INT64 && f.value.type() != element_type::UINT64) {
        Error("expected an integer, got " + std::string(TypeName(f.value)));
      }
    } else if (k == "patch") {
      Bool(f.value);
    } else if (k == "text") {
      Attachment(f.value);
    } else if (k == "url") {
      Iri(f.value);
    } else {
      Unknown(k, "a SWID tag");
    }
  });
  if (!is_object) return;
  if (!has_tag) Missing("tagId", "a SWID tag");
  if (!has_name) Missing("name", "a SWID tag");
}

void JsonWalker::ExternalReferences(const dom::element& e, std::vector<ExternalReference>* out) {
  Each(e, [&](const dom::element& item) {
    ExternalReference ref;
    bool has_url = false, has_type = false;
    const bool is_object = Fields(item, [&](const dom::key_value_pair& f) {
      if (f.key == "url") {
        has_url = true;
        Iri(f.value, &ref.url);
      } else if (f.key == "type") {
        has_type = true;
        Enum(f.value, cdx::kExternalReferenceType, &ref.type);
      } else if (f.key == "comment") {
        Str(f.value, &ref.comment);
      } else if (f.key == "hashes" && Since(3)) {
        Hashes(f.value, lists_.Into(&ref.hashes));
      } else if (f.key == "properties" && Since(7)) {
        Properties(f.value, nullptr);
      } else {
        Unknown(f.key, "an external reference");
      }
    });
    if (!is_object) return;
    if (!has_url) Missing("url", "an external reference");
    if (!has_type) Missing("type", "an external reference");
    if (out != nullptr) out->push_back(std::move(ref));
  });
}

void JsonWalker::Properties(const dom::element& e, std::vector<Property>* out) {
  Each(e, [&](const dom::element& item) {
    Property p;
    bool has_name = false;
    const bool is_object = Fields(item, [&](const dom::key_value_pair& f) {
      if (f.key == "name") {
        has_name = true;
        Str(f.value, &p.name);
      } else if (f.key == "value") {
        Str(f.value, &p.value);
      } else if (Since(6)) {
        Unknown(f.key, "a property");
      }
    });
    if (!is_object) return;
    // Since 1.6 a property must be named and holds nothing else.
    if (!has_name && Since(6)) Missing("name", "a property");
    if (out != nullptr) out->push_back(std::move(p));
  });
}

void JsonWalker::Pedigree(const dom::element& e) {
  Fields(e, [&](const dom::key_value_pair& f) {
    std::string_view k = f.key;
    if (k == "ancestors" || k == "descendants" || k == "variants") {
      Components(f.value, nullptr, -1, false);
    } else if (k == "commits") {
      Each(f.value, [&](const dom::element& c) { Commit(c); });
    } else if (k == "patches") {
      Each(f.value, [&](const dom::element& p) { Patch(p); });
    } else if (k == "notes") {
      std::string_view s;
      View(f.value, &s);
    } else {
      Unknown(k, "a pedigree");
    }
  });
}

void JsonWalker::Commit(const dom::element& e) {
  Fields(e, [&](const dom::key_value_pair& f) {
    std::string_view s;
    if (f.key == "uid" || f.key == "message") {
      View(f.value, &s);
    } else if (f.key == "url") {
      Iri(f.value);
    } else if (f.key == "author" || f.key == "committer") {
      IdentifiableAction(f.value);
    } else {
      Unknown(f.key, "a commit");
    }
  });
}

void JsonWalker::IdentifiableAction(const dom::element& e) {
  Fields(e, [&](const dom::key_value_pair& f) {
    Text scratch;
    if (f.key == "timestamp") {
      DateTime(f.value);
    } else if (f.key == "name") {
      Str(f.value, &scratch);
    } else if (f.key == "email") {
      std::string_view s;
      if (View(f.value, &s) && !cdx::IsEmail(s)) {
        Error("'" + std::string(s) + "' is not an e-mail address");
      }
    } else {
      Unknown(f.key, "an identifiable action");
    }
  });
}

void JsonWalker::Patch(const dom::element& e) {
  bool has_type = false;
  const bool is_object = Fields(e, [&](const dom::key_value_pair& f) {
    if (f.key == "type") {
      has_type = true;
      Enum(f.value, cdx::kPatchType);
    } else if (f.key == "diff") {
      Fields(f.value, [&](const dom::key_value_pair& g) {
        if (g.key == "text") {
          Attachment(g.value);
        } else if (g.key == "url") {
          Iri(g.value);
        } else {
          Unknown(g.key, "a diff");
        }
      });
    } else if (f.key == "resolves") {
      Each(f.value, [&](const dom::element& i) { Issue(i); });
    } else {
      Unknown(f.key, "a patch");
    }
  });
  if (!is_object) return;
  if (!has_type) Missing("type", "a patch");
}

void JsonWalker::Issue(const dom::element& e) {
  bool has_type = false;
  const bool is_object = Fields(e, [&](const dom::key_value_pair& f) {
    std::string_view k = f.key;
    std::string_view s;
    if (k == "type") {
      has_type = true;
      Enum(f.value, cdx::kIssueType);
    } else if (k == "id" || k == "name" || k == "description") {
      View(f.value, &s);
    } else if (k == "source") {
      Fields(f.value, [&](const dom::key_value_pair& g) {
        if (g.key == "name") {
          View(g.value, &s);
        } else if (g.key == "url") {
          Iri(g.value);
        } else {
          Unknown(g.key, "an issue source");
        }
      });
    } else if (k == "references") {
      Each(f.value, [&](const dom::element& r) { Iri(r); });
    } else {
      Unknown(k, "an issue");
    }
  });
  if (!is_object) return;
  if (!has_type) Missing("type", "an issue");
}

void JsonWalker::Evidence(const dom::element& e) {
  Fields(e, [&](const dom::key_value_pair& f) {
    std::string_view k = f.key;
    if (k == "licenses") {
      Licenses(f.value, nullptr);
    } else if (k == "copyright") {
      Each(f.value, [&](const dom::element& c) {
        bool has_text = false;
        const bool is_object = Fields(c, [&](const dom::key_value_pair& g) {
          std::string_view s;
          if (g.key == "text") {
            has_text = true;
            View(g.value, &s);
          } else {
            Unknown(g.key, "a copyright");
          }
        });
        if (!is_object) return;
        if (!has_text) Missing("text", "a copyright");
      });
    } else if ((k == "identity" || k == "occurrences" || k == "callstack") && Since(5)) {
      Opaque(f.value);
    } else {
      Unknown(k, "component evidence");
    }
  });
}

void JsonWalker::Services(const dom::element& e) {
  Each(e, [&](const dom::element& item) {
    ++doc_.service_count;
    bool has_name = false;
    const bool is_object = Fields(item, [&](const dom::key_value_pair& f) {
      std::string_view k = f.key;
      std::string_view s;
      if (k == "bom-ref") {
        BomRef(f.value);
      } else if (k == "provider") {
        Organization(f.value, nullptr);
      } else if (k == "name") {
        has_name = true;
        View(f.value, &s);
      } else if (k == "group" || k == "version" || k == "description" ||
                 (k == "trustZone" && Since(5))) {
        View(f.value, &s);
      } else if (k == "endpoints") {
        Each(f.value, [&](const dom::element& u) { Iri(u); });
      } else if (k == "authenticated" || k == "x-trust-boundary") {
        Bool(f.value);
      } else if (k == "data") {
        Each(f.value, [&](const dom::element& d) { ServiceData(d); });
      } else if (k == "licenses") {
        Licenses(f.value, nullptr);
      } else if (k == "externalReferences") {
        ExternalReferences(f.value, nullptr);
      } else if (k == "services") {
        Services(f.value);
      } else if (k == "properties" && Since(3)) {
        Properties(f.value, nullptr);
      } else if ((k == "releaseNotes" || k == "signature") && Since(4)) {
        Opaque(f.value);
      } else if (k == "tags" && Since(6)) {
        StringArray(f.value, nullptr, false);
      } else if (k == "patentAssertions" && Since(7)) {
        Opaque(f.value);
      } else {
        Unknown(k, "a service");
      }
    });
    if (!is_object) return;
    if (!has_name) Missing("name", "a service");
  });
}

void JsonWalker::ServiceData(const dom::element& e) {
  bool has_flow = false, has_class = false;
  const bool is_object = Fields(e, [&](const dom::key_value_pair& f) {
    std::string_view k = f.key;
    std::string_view s;
    if (k == "flow") {
      has_flow = true;
      Enum(f.value, cdx::kDataFlow);
    } else if (k == "classification") {
      has_class = true;
      View(f.value, &s);
    } else if ((k == "name" || k == "description") && Since(5)) {
      View(f.value, &s);
    } else if ((k == "governance" || k == "source" || k == "destination") && Since(5)) {
      Opaque(f.value);
    } else {
      Unknown(k, "service data");
    }
  });
  if (!is_object) return;
  if (!has_flow) Missing("flow", "service data");
  if (!has_class) Missing("classification", "service data");
}

void JsonWalker::Dependencies(const dom::element& e) {
  Each(e, [&](const dom::element& item) {
    Dependency d;
    bool has_ref = false;
    const bool is_object = Fields(item, [&](const dom::key_value_pair& f) {
      if (f.key == "ref") {
        has_ref = true;
        RefValue(f.value, &d.ref);
      } else if (f.key == "dependsOn") {
        dom::array a;
        if (!Array(f.value, &a)) return;
        cdx::UniqueViews seen;
        ListInto<Text> depends_on = lists_.Into(&d.depends_on);
        size_t i = 0;
        for (dom::element to : a) {
          At at2(this, i++);
          std::string_view s;
          if (!View(to, &s)) continue;
          if (s.empty() && Since(5)) {
            Error("reference must not be empty");
          } else if (!seen.Insert(s)) {
            Error("duplicate item '" + std::string(s) + "' (items must be unique)");
          } else {
            depends_on->push_back(doc_.Keep(s));
          }
        }
      } else if (f.key == "provides" && Since(6)) {
        StringArray(f.value, nullptr, true);
      } else {
        Unknown(f.key, "a dependency");
      }
    });
    if (!is_object) return;
    if (!has_ref) Missing("ref", "a dependency");
    doc_.dependencies.push_back(std::move(d));
  });
}

void JsonWalker::Compositions(const dom::element& e) {
  Each(e, [&](const dom::element& item) {
    Composition comp;
    bool has_aggregate = false;
    const bool is_object = Fields(item, [&](const dom::key_value_pair& f) {
      std::string_view k = f.key;
      if (k == "aggregate") {
        has_aggregate = true;
        Enum(f.value, cdx::kAggregate, &comp.aggregate);
      } else if (k == "assemblies") {
        StringArray(f.value, lists_.Into(&comp.assemblies), true);
      } else if (k == "dependencies") {
        StringArray(f.value, lists_.Into(&comp.dependencies), true);
      } else if (k == "signature" && Since(4)) {
        Opaque(f.value);
      } else if (k == "bom-ref" && Since(5)) {
        BomRef(f.value);
      } else if (k == "vulnerabilities" && Since(5)) {
        StringArray(f.value, nullptr, true);
      } else {
        Unknown(k, "a composition");
      }
    });
    if (!is_object) return;
    if (!has_aggregate) Missing("aggregate", "a composition");
    doc_.compositions.push_back(std::move(comp));
  });
}

void JsonWalker::Vulnerabilities(const dom::element& e) {
  dom::array a;
  if (!Array(e, &a)) return;
  doc_.vulnerability_count = a.size();
  doc_.vulnerabilities_raw = doc_.Keep(simdjson::minify(e));
  // Collect the bom-refs (unique across the document); the records are kept
  // as raw JSON for triage.
  Opaque(e);
}

void JsonWalker::Citation(const dom::element& e) {
  bool has_pointers = false, has_expressions = false, has_timestamp = false;
  bool has_attributed = false, has_process = false;
  const bool is_object = Fields(e, [&](const dom::key_value_pair& f) {
    std::string_view k = f.key;
    Text scratch;
    if (k == "bom-ref") {
      BomRef(f.value);
    } else if (k == "pointers" || k == "expressions") {
      (k == "pointers" ? has_pointers : has_expressions) = true;
      dom::array a;
      if (Array(f.value, &a) && a.size() == 0) Error("must have at least one item");
      StringArray(f.value, nullptr, false);
    } else if (k == "timestamp") {
      has_timestamp = true;
      DateTime(f.value);
    } else if (k == "attributedTo" || k == "process") {
      (k == "attributedTo" ? has_attributed : has_process) = true;
      RefValue(f.value, &scratch);
    } else if (k == "note") {
      Str(f.value, &scratch);
    } else if (k == "signature") {
      Opaque(f.value);
    } else {
      Unknown(k, "a citation");
    }
  });
  if (!is_object) return;
  if (!has_timestamp) Missing("timestamp", "a citation");
  if (!has_attributed && !has_process) Error("a citation needs 'attributedTo' or 'process'");
  if (has_pointers == has_expressions) {
    Error(has_pointers ? "a citation has either 'pointers' or 'expressions', not both"
                       : "a citation needs 'pointers' or 'expressions'");
  }
}

class CycloneDxJsonDecoder final : public SbomDecoder {
 public:
  std::string_view Name() const override { return "cyclonedx-json"; }

  bool Identify(std::string_view bytes) const override {
    // The "bomFormat" key is CycloneDX's own (its value is checked by
    // Decode); it is normally a first key.
    return cdx::Sniff(bytes, '{', "\"bomFormat\"");
  }

  Result<Document> Decode(std::string_view bytes, const std::string& source_name,
                          DiagnosticSink& sink) const override {
    return cdx::DecodeJson(bytes, source_name, sink);
  }
};

}  // namespace

namespace cdx {

std::string_view StripUtf8Bom(std::string_view bytes) {
  if (bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xEF &&
      static_cast<unsigned char>(bytes[1]) == 0xBB &&
      static_cast<unsigned char>(bytes[2]) == 0xBF) {
    bytes.remove_prefix(3);
  }
  return bytes;
}

Result<Document> DecodeJson(std::string_view bytes, const std::string& source_name,
                            DiagnosticSink& sink) {
  Reporter reporter(source_name, sink);
  bytes = StripUtf8Bom(bytes);
  if (!CheckInput(bytes, "UTF-16 text; CycloneDX JSON must be UTF-8", reporter)) {
    return reporter.ToStatus();
  }
  // One parser per thread, reused: its buffers (a few times the document
  // size) are kept for the next document unless they grew past 64 MiB.
  thread_local dom::parser parser;
  if (parser.allocate(bytes.size(), kMaxDepth) != simdjson::SUCCESS) {
    return Internal(source_name + ": cannot allocate the JSON parser");
  }
  struct Shrink {
    ~Shrink() {
      if (parser.capacity() > (size_t{64} << 20)) parser = dom::parser();
    }
  } shrink;
  dom::element root;
  // The parser copies the bytes into its own padded buffer, reused like the
  // rest of it.
  simdjson::error_code err = parser.parse(bytes.data(), bytes.size()).get(root);
  if (err != simdjson::SUCCESS) {
    std::string what = simdjson::error_message(err);
    if (err == simdjson::DEPTH_ERROR) {
      what = "nesting deeper than " + std::to_string(kMaxDepth) + " levels";
    }
    reporter.Error("", "not valid JSON: " + what);
    return reporter.ToStatus();
  }
  if (root.type() != element_type::OBJECT) {
    reporter.Error("/",
                   "a CycloneDX document is a JSON object, not " + std::string(TypeName(root)));
    return reporter.ToStatus();
  }
  dom::object obj;
  if (root.get(obj) != simdjson::SUCCESS) return Internal(source_name + ": JSON root");
  dom::element spec;
  std::string_view spec_text;
  if (obj["specVersion"].get(spec) != simdjson::SUCCESS) {
    reporter.Error("/", "missing required property 'specVersion' of the BOM");
    return reporter.ToStatus();
  }
  if (spec.get_string().get(spec_text) != simdjson::SUCCESS) {
    reporter.Error("/specVersion", "expected a string");
    return reporter.ToStatus();
  }
  int minor = ParseSpecVersion(spec_text);
  if (minor < 0) {
    if (IsVersionNumber(spec_text)) {
      reporter.Error("/specVersion",
                     "CycloneDX " + std::string(spec_text) + " is not supported (1.2 to 1.7 are)");
      return Status(StatusCode::kUnsupported, reporter.ToStatus().message());
    }
    reporter.Error("/specVersion", "'" + std::string(spec_text) + "' is not a CycloneDX version");
    return reporter.ToStatus();
  }
  Document doc;
  doc.format = Format::kCycloneDxJson;
  doc.spec_version = doc.Keep(spec_text);
  JsonWalker walker(minor, reporter, doc, bytes.size());
  walker.Bom(obj);
  SK_RETURN_IF_ERROR(reporter.ToStatus());
  CheckReferences(doc, walker.refs(), reporter,
                  [](size_t i) { return "/dependencies/" + std::to_string(i); });
  CheckIdentifiers(doc, reporter);
  CheckLicenseExpressions(doc, reporter);
  return doc;
}

}  // namespace cdx

std::unique_ptr<SbomDecoder> NewCycloneDxJsonDecoder() {
  return std::make_unique<CycloneDxJsonDecoder>();
}

}  // namespace soupkeeper::sbom
