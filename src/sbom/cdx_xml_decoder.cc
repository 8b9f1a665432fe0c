// CycloneDX XML decoder (spec versions 1.2-1.7).
//
// pugixml parses the document; one walk over the elements checks the rules
// of the XSD of the document's namespace (http://cyclonedx.org/schema/bom/1.x)
// and fills the normalized model. What the walk enforces, as the XSD does:
// the known child elements of each modelled element (elements of other
// namespaces are extension points and skipped), single occurrence of
// single-valued elements, required elements and attributes, enumerations,
// patterns, xs:dateTime / xs:boolean / xs:integer values, and bom-ref
// uniqueness over every element (the XSD's xs:unique on .//@bom-ref). What it
// does not: the order of elements inside an xs:sequence. Unknown unprefixed
// attributes are allowed (the XSD has xs:anyAttribute on its types).
//
// Errors name the line of the element.
#include <simdjson.h>

#include <algorithm>
#include <pugixml.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "sbom/cdx_decoders.h"
#include "sbom/cdx_rules.h"
#include "sbom/list_scratch.h"

namespace soupkeeper::sbom {
namespace {

constexpr std::string_view kNamespacePrefix = "http://cyclonedx.org/schema/bom/";

std::string_view Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// Tracks which single-valued children an element already had.
class Seen {
 public:
  // False when `name` was seen before.
  bool Add(std::string_view name) {
    if (std::find(names_.begin(), names_.end(), name) != names_.end()) return false;
    names_.push_back(name);
    return true;
  }
  bool Has(std::string_view name) const {
    return std::find(names_.begin(), names_.end(), name) != names_.end();
  }

 private:
  std::vector<std::string_view> names_;
};

class XmlWalker {
 public:
  XmlWalker(int minor, std::string_view prefix, std::string_view ns, std::string_view text,
            cdx::Reporter& reporter, Document& doc)
      : minor_(minor), prefix_(prefix), ns_(ns), text_(text), r_(reporter), doc_(doc) {
    lists_.Use(*doc.arena);
  }

  void Bom(const pugi::xml_node& root);
  const cdx::ViewSet& refs() const { return refs_; }
  std::string Line(const pugi::xml_node& n);

 private:
  std::string Version() const { return "CycloneDX 1." + std::to_string(minor_); }
  bool Since(int minor) const { return minor_ >= minor; }
  void Error(const pugi::xml_node& n, std::string message) {
    r_.Error(Line(n), std::move(message));
  }

  // The local name of a CycloneDX element; empty for an element of another
  // namespace (an extension) and for non-elements.
  std::string_view Local(const pugi::xml_node& n) const {
    if (n.type() != pugi::node_element) return {};
    std::string_view name = n.name();
    if (!prefix_.empty()) {
      if (name.size() <= prefix_.size() + 1 || name.substr(0, prefix_.size()) != prefix_ ||
          name[prefix_.size()] != ':') {
        return {};
      }
      return name.substr(prefix_.size() + 1);
    }
    if (name.find(':') != std::string_view::npos) return {};
    pugi::xml_attribute xmlns = n.attribute("xmlns");
    if (xmlns && ns_ != xmlns.value()) return {};
    return name;
  }
  // Reports a child element that the parent does not allow.
  void Unknown(const pugi::xml_node& n, std::string_view local, std::string_view where) {
    Error(n, "element <" + std::string(local) + "> is not allowed in " + std::string(where) + " (" +
                 Version() + ")");
  }
  // Single-valued child: reports a repetition.
  bool Once(Seen& seen, const pugi::xml_node& n, std::string_view local) {
    if (seen.Add(local)) return true;
    Error(n, "element <" + std::string(local) + "> may appear only once here");
    return false;
  }
  // Calls fn(child, local name) for each child element of the CycloneDX
  // namespace (extensions and non-elements are skipped).
  template <typename Fn>
  void EachChild(const pugi::xml_node& n, Fn fn) {
    for (pugi::xml_node c : n.children()) {
      std::string_view l = Local(c);
      if (!l.empty()) fn(c, l);
    }
  }
  // As EachChild for an element whose children are single-valued: a repeated
  // child is reported and skipped. Returns the names seen, for the checks of
  // required children.
  template <typename Fn>
  Seen EachOnce(const pugi::xml_node& n, Fn fn) {
    Seen seen;
    EachChild(n, [&](const pugi::xml_node& c, std::string_view l) {
      if (Once(seen, c, l)) fn(c, l);
    });
    return seen;
  }
  // A list element: every child must be an <item>; calls fn(child) for each.
  template <typename Fn>
  void EachItem(const pugi::xml_node& n, std::string_view item, Fn fn) {
    EachChild(n, [&](const pugi::xml_node& c, std::string_view l) {
      if (l == item) {
        fn(c);
      } else {
        Unknown(c, l, "<" + std::string(Local(n)) + ">");
      }
    });
  }
  void Missing(const pugi::xml_node& n, std::string_view what, std::string_view where) {
    Error(n, "missing required " + std::string(what) + " of " + std::string(where));
  }

  std::string_view TextOf(const pugi::xml_node& n) { return Trim(n.text().get()); }
  // Checks that an element holds no child elements of its own namespace.
  void Simple(const pugi::xml_node& n) {
    EachChild(n, [&](const pugi::xml_node& c, std::string_view l) {
      Unknown(c, l, "<" + std::string(Local(n)) + ">");
    });
  }
  void TextInto(const pugi::xml_node& n, Text* out) {
    Simple(n);
    if (out != nullptr) *out = doc_.Keep(TextOf(n));
  }
  void Enum(const pugi::xml_node& n, std::string_view value, const cdx::EnumDef& def, Text* out) {
    if (!cdx::InEnum(def, value, minor_)) {
      Error(n, cdx::EnumMessage(def, value, minor_));
      return;
    }
    if (out != nullptr) *out = doc_.Keep(value);
  }
  void Bool(const pugi::xml_node& n, std::string_view v) {
    if (v != "true" && v != "false" && v != "1" && v != "0") {
      Error(n, "'" + std::string(v) + "' is not an xs:boolean");
    }
  }
  // Simple content that must pass `valid` (cdx::NotA names it otherwise).
  void Checked(const pugi::xml_node& n, bool (*valid)(std::string_view), std::string_view what,
               Text* out) {
    Simple(n);
    std::string_view v = TextOf(n);
    if (!valid(v)) {
      Error(n, cdx::NotA(v, what));
      return;
    }
    if (out != nullptr) *out = doc_.Keep(v);
  }
  void DateTime(const pugi::xml_node& n, Text* out) {
    Checked(n, cdx::IsXsdDateTime, "an xs:dateTime", out);
  }
  void Uri(const pugi::xml_node& n, Text* out) {
    Checked(n, cdx::IsIriReference, "an xs:anyURI", out);
  }
  void BomRefAttr(const pugi::xml_node& n, Text* out);
  // Everything not modelled: children are skipped, bom-refs collected.
  void Opaque(const pugi::xml_node& n, int depth);

  void Metadata(const pugi::xml_node& n);
  void Tools(const pugi::xml_node& n);
  void LegacyTool(const pugi::xml_node& n, Tool* out);
  void Components(const pugi::xml_node& n, const Text* parent_ref, int parent_index, bool collect,
                  int depth);
  void ComponentBody(const pugi::xml_node& n, Component* out, int self_index, bool collect,
                     int depth);
  void Organization(const pugi::xml_node& n, sbom::Organization* out);
  void Contact(const pugi::xml_node& n, sbom::Contact* out);
  void Hashes(const pugi::xml_node& n, std::vector<sbom::Hash>* out);
  void Licenses(const pugi::xml_node& n, std::vector<License>* out);
  void LicenseElement(const pugi::xml_node& n, License* out);
  void Attachment(const pugi::xml_node& n);
  void Swid(const pugi::xml_node& n, Text* tag_id);
  void ExternalReferences(const pugi::xml_node& n, std::vector<ExternalReference>* out);
  void Properties(const pugi::xml_node& n, std::vector<Property>* out);
  void Pedigree(const pugi::xml_node& n, int depth);
  void Commit(const pugi::xml_node& n);
  void IdentifiableAction(const pugi::xml_node& n);
  void Patch(const pugi::xml_node& n);
  void Issue(const pugi::xml_node& n);
  void Evidence(const pugi::xml_node& n);
  void Services(const pugi::xml_node& n, int depth);
  void Dependencies(const pugi::xml_node& n);
  void Compositions(const pugi::xml_node& n);
  void RefList(const pugi::xml_node& n, std::string_view item, std::vector<Text>* out);
  void Citations(const pugi::xml_node& n);

  const int minor_;
  const std::string_view prefix_;
  const std::string_view ns_;
  const std::string_view text_;
  cdx::Reporter& r_;
  Document& doc_;
  // The lists being built (see list_scratch.h).
  ListBuilder<sbom::Hash, sbom::License, sbom::ExternalReference, sbom::Property, sbom::Contact,
              Text>
      lists_;
  cdx::ViewSet refs_;
  std::vector<size_t> line_starts_;  // built on the first message
};

std::string XmlWalker::Line(const pugi::xml_node& n) {
  if (line_starts_.empty()) {
    line_starts_.push_back(0);
    for (size_t i = 0; i < text_.size(); ++i) {
      if (text_[i] == '\n') line_starts_.push_back(i + 1);
    }
  }
  ptrdiff_t offset = n.offset_debug();
  if (offset < 0) return "";
  size_t line =
      std::upper_bound(line_starts_.begin(), line_starts_.end(), static_cast<size_t>(offset)) -
      line_starts_.begin();
  return "line " + std::to_string(line);
}

void XmlWalker::BomRefAttr(const pugi::xml_node& n, Text* out) {
  pugi::xml_attribute a = n.attribute("bom-ref");
  if (!a) return;
  std::string_view v = a.value();
  if (v.empty()) {
    // refType has minLength 1 in every XSD version.
    Error(n, "bom-ref must not be empty");
    return;
  }
  if (!refs_.Insert(v)) {
    Error(n, "duplicate bom-ref '" + std::string(v) + "' (every bom-ref must be unique)");
  }
  if (out != nullptr) *out = doc_.Keep(v);
}

void XmlWalker::Opaque(const pugi::xml_node& n, int depth) {
  if (depth > cdx::kMaxDepth) {
    Error(n, "elements nested deeper than " + std::to_string(cdx::kMaxDepth) + " levels");
    return;
  }
  for (pugi::xml_node c : n.children()) {
    if (c.type() != pugi::node_element) continue;
    if (!Local(c).empty()) BomRefAttr(c, nullptr);
    Opaque(c, depth + 1);
  }
}

void XmlWalker::Bom(const pugi::xml_node& root) {
  pugi::xml_attribute version = root.attribute("version");
  if (version) {
    std::string_view v = Trim(version.value());
    bool digits =
        !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || v.size() > 9) {
      Error(root, "version '" + std::string(v) + "' is not a non-negative integer");
    } else if (std::stoi(std::string(v)) < 1 && Since(5)) {
      Error(root, "version must be at least 1 (xs:positiveInteger)");
    } else {
      doc_.version = std::stoi(std::string(v));
    }
  }
  pugi::xml_attribute serial = root.attribute("serialNumber");
  if (serial) {
    if (!cdx::IsSerialNumber(serial.value())) {
      Error(root, "'" + std::string(serial.value()) +
                      "' is not a serial number of the form urn:uuid:<RFC 4122 UUID>");
    } else {
      doc_.serial_number = doc_.Keep(serial.value());
    }
  }
  EachOnce(root, [&](const pugi::xml_node& c, std::string_view l) {
    if (l == "metadata") {
      Metadata(c);
    } else if (l == "components") {
      Components(c, nullptr, -1, true, 1);
    } else if (l == "services") {
      Services(c, 1);
    } else if (l == "externalReferences") {
      ExternalReferences(c, nullptr);
    } else if (l == "dependencies") {
      Dependencies(c);
    } else if (l == "compositions" && Since(3)) {
      Compositions(c);
    } else if (l == "properties" && Since(5)) {
      Properties(c, &doc_.properties);
    } else if (l == "vulnerabilities" && Since(4)) {
      for (pugi::xml_node v : c.children()) {
        if (!Local(v).empty()) ++doc_.vulnerability_count;
      }
      std::ostringstream raw;
      c.print(raw, "", pugi::format_raw);
      doc_.vulnerabilities_raw = doc_.Keep(raw.str());
      BomRefAttr(c, nullptr);
      Opaque(c, 1);
    } else if ((l == "annotations" || l == "formulation") && Since(5)) {
      Opaque(c, 1);
    } else if ((l == "declarations" || l == "definitions") && Since(6)) {
      Opaque(c, 1);
    } else if (l == "citations" && Since(7)) {
      Citations(c);
    } else {
      Unknown(c, l, "<bom>");
    }
  });
}

void XmlWalker::Metadata(const pugi::xml_node& n) {
  EachOnce(n, [&](const pugi::xml_node& c, std::string_view l) {
    if (l == "timestamp") {
      DateTime(c, &doc_.timestamp);
    } else if (l == "tools") {
      Tools(c);
    } else if (l == "authors") {
      EachItem(c, "author",
               [&](const pugi::xml_node& a) { Contact(a, &doc_.authors.emplace_back()); });
    } else if (l == "component") {
      Component comp;
      comp.location = doc_.Keep(Line(c));
      ComponentBody(c, &comp, -2, true, 2);
      doc_.subject = std::move(comp);
    } else if (l == "manufacture" || (l == "manufacturer" && Since(6))) {
      Organization(c, &doc_.manufacturer.emplace());
    } else if (l == "supplier") {
      Organization(c, &doc_.supplier.emplace());
    } else if (l == "licenses" && Since(3)) {
      Licenses(c, nullptr);
    } else if (l == "properties" && Since(3)) {
      Properties(c, &doc_.properties);
    } else if (l == "lifecycles" && Since(5)) {
      EachItem(c, "lifecycle", [&](const pugi::xml_node& lc) {
        pugi::xml_node phase, name;
        for (pugi::xml_node p : lc.children()) {
          std::string_view pl = Local(p);
          if (pl == "phase" && !phase) {
            phase = p;
          } else if (pl == "name" && !name) {
            name = p;
          } else if (pl != "description" && !pl.empty()) {
            Unknown(p, pl, "<lifecycle>");
          }
        }
        if (bool(phase) == bool(name)) {
          Error(lc, phase ? "a lifecycle has either <phase> or <name>, not both"
                          : "a lifecycle needs <phase> or <name>");
        } else if (phase) {
          Enum(phase, TextOf(phase), cdx::kLifecyclePhase, &doc_.lifecycle_phases.emplace_back());
        } else {
          doc_.lifecycle_phases.push_back(doc_.Keep(TextOf(name)));
        }
      });
    } else if (l == "distributionConstraints" && Since(7)) {
      EachItem(c, "tlp", [&](const pugi::xml_node& d) { Enum(d, TextOf(d), cdx::kTlp, nullptr); });
    } else {
      Unknown(c, l, "<metadata>");
    }
  });
}

void XmlWalker::Tools(const pugi::xml_node& n) {
  EachChild(n, [&](const pugi::xml_node& c, std::string_view l) {
    if (l == "tool") {
      LegacyTool(c, &doc_.tools.emplace_back());
    } else if (l == "components" && Since(5)) {
      EachItem(c, "component", [&](const pugi::xml_node& tc) {
        Component tool;
        ComponentBody(tc, &tool, -3, false, 3);
        Text vendor = tool.group;
        if (vendor.empty() && tool.supplier) vendor = tool.supplier->name;
        if (vendor.empty()) vendor = tool.author;
        doc_.tools.push_back(Tool{vendor, tool.name, tool.version});
      });
    } else if (l == "services" && Since(5)) {
      Services(c, 3);
    } else {
      Unknown(c, l, "<tools>");
    }
  });
}

void XmlWalker::LegacyTool(const pugi::xml_node& n, Tool* out) {
  EachOnce(n, [&](const pugi::xml_node& c, std::string_view l) {
    if (l == "vendor") {
      TextInto(c, &out->vendor);
    } else if (l == "name") {
      TextInto(c, &out->name);
    } else if (l == "version") {
      TextInto(c, &out->version);
    } else if (l == "hashes") {
      Hashes(c, nullptr);
    } else if (l == "externalReferences" && Since(4)) {
      ExternalReferences(c, nullptr);
    } else {
      Unknown(c, l, "<tool>");
    }
  });
}

void XmlWalker::Components(const pugi::xml_node& n, const Text* parent_ref, int parent_index,
                           bool collect, int depth) {
  EachItem(n, "component", [&](const pugi::xml_node& c) {
    if (!collect) {
      ComponentBody(c, nullptr, -1, false, depth + 1);
      return;
    }
    int index = static_cast<int>(doc_.components.size());
    doc_.components.emplace_back();
    Component comp;
    comp.location = doc_.Keep(Line(c));
    comp.parent_index = parent_index;
    if (parent_ref != nullptr) comp.parent_ref = *parent_ref;
    ComponentBody(c, &comp, index, true, depth + 1);
    doc_.components[index] = std::move(comp);
  });
}

void XmlWalker::ComponentBody(const pugi::xml_node& n, Component* out, int self_index, bool collect,
                              int depth) {
  if (depth > cdx::kMaxDepth) {
    Error(n, "components nested deeper than " + std::to_string(cdx::kMaxDepth) + " levels");
    return;
  }
  Component scratch;
  Component& c = out != nullptr ? *out : scratch;
  pugi::xml_attribute type = n.attribute("type");
  if (!type) {
    Missing(n, "attribute 'type'", "a component");
  } else {
    Enum(n, type.value(), cdx::kComponentType, &c.type);
  }
  if (pugi::xml_attribute mime = n.attribute("mime-type"); mime && !cdx::IsMimeType(mime.value())) {
    Error(n, "'" + std::string(mime.value()) + "' is not a media type of the form type/subtype");
  }
  BomRefAttr(n, &c.ref);
  int is_external = -1;
  if (pugi::xml_attribute ext = n.attribute("isExternal"); ext && Since(7)) {
    std::string_view v = Trim(ext.value());
    Bool(n, v);
    is_external = (v == "true" || v == "1") ? 1 : 0;
  }
  Seen seen;
  EachChild(n, [&](const pugi::xml_node& ch, std::string_view l) {
    bool repeatable = (l == "omniborId" || l == "swhid") && Since(6);
    repeatable = repeatable || (l == "data" && Since(5));
    if (!repeatable && !Once(seen, ch, l)) return;
    if (Text Component::*text = cdx::ComponentTextField(l)) {
      TextInto(ch, &(c.*text));
    } else if (l == "name") {
      TextInto(ch, &c.name);
    } else if (l == "version") {
      TextInto(ch, &c.version);
      if (Since(6) && c.version.size() > 1024) Error(ch, "version is longer than 1024 characters");
    } else if (l == "hashes") {
      Hashes(ch, lists_.Into(&c.hashes));
    } else if (l == "licenses") {
      Licenses(ch, lists_.Into(&c.licenses));
    } else if (l == "scope") {
      Simple(ch);
      Enum(ch, TextOf(ch), cdx::kScope, &c.scope);
    } else if (l == "externalReferences") {
      ExternalReferences(ch, lists_.Into(&c.external_references));
    } else if (l == "properties" && Since(3)) {
      Properties(ch, lists_.Into(&c.properties));
    } else if (l == "supplier") {
      Organization(ch, &c.supplier.emplace());
    } else if (l == "components") {
      Components(ch, &c.ref, self_index, collect, depth + 1);
    } else if (l == "swid") {
      Swid(ch, &c.swid_tag_id);
    } else if (l == "modified") {
      Simple(ch);
      Bool(ch, TextOf(ch));
    } else if (l == "pedigree") {
      Pedigree(ch, depth + 1);
    } else if (l == "evidence" && Since(3)) {
      Evidence(ch);
    } else if ((l == "releaseNotes" || (l == "signature")) && Since(4)) {
      BomRefAttr(ch, nullptr);
      Opaque(ch, depth + 1);
    } else if ((l == "modelCard" || l == "data") && Since(5)) {
      BomRefAttr(ch, nullptr);
      Opaque(ch, depth + 1);
    } else if (l == "manufacturer" && Since(6)) {
      Organization(ch, nullptr);
    } else if (l == "authors" && Since(6)) {
      ListInto<sbom::Contact> authors = lists_.Into(&c.authors);
      EachItem(ch, "author",
               [&](const pugi::xml_node& a) { Contact(a, &authors->emplace_back()); });
    } else if (l == "omniborId" && Since(6)) {
      Text id;
      TextInto(ch, &id);
      lists_.Append(&c.omnibor_ids, id);
    } else if (l == "swhid" && Since(6)) {
      Text id;
      TextInto(ch, &id);
      lists_.Append(&c.swhids, id);
    } else if ((l == "cryptoProperties" || l == "tags") && Since(6)) {
      Opaque(ch, depth + 1);
    } else if (l == "versionRange" && Since(7)) {
      Text range;
      TextInto(ch, &range);
      if (range.empty() || range.size() > 4096) {
        Error(ch, "versionRange must have 1 to 4096 characters");
      }
    } else if (l == "patentAssertions" && Since(7)) {
      Opaque(ch, depth + 1);
    } else {
      Unknown(ch, l, "<component>");
    }
  });
  if (!seen.Has("name")) Missing(n, "element <name>", "a component");
  if (!seen.Has("version") && !Since(4)) Missing(n, "element <version>", "a component");
  if (seen.Has("version") && seen.Has("versionRange")) {
    Error(n, "a component has either <version> or <versionRange>, not both");
  }
  if (seen.Has("versionRange") && is_external != 1) {
    Error(n, "<versionRange> is allowed only on external components (isExternal=\"true\")");
  }
}

void XmlWalker::Organization(const pugi::xml_node& n, sbom::Organization* out) {
  sbom::Organization scratch;
  sbom::Organization& org = out != nullptr ? *out : scratch;
  if (Since(5)) BomRefAttr(n, nullptr);
  Seen seen;
  ListInto<Text> urls = lists_.Into(&org.urls);
  ListInto<sbom::Contact> contacts = lists_.Into(&org.contacts);
  EachChild(n, [&](const pugi::xml_node& c, std::string_view l) {
    if (l == "url") {
      Uri(c, &urls->emplace_back());
    } else if (l == "contact") {
      Contact(c, &contacts->emplace_back());
    } else if (!Once(seen, c, l)) {
      return;
    } else if (l == "name") {
      TextInto(c, &org.name);
    } else if (l == "address" && Since(6)) {
      BomRefAttr(c, nullptr);
      EachChild(c, [&](const pugi::xml_node& a, std::string_view al) {
        if (al == "country" || al == "region" || al == "locality" || al == "postOfficeBoxNumber" ||
            al == "postalCode" || al == "streetAddress") {
          Simple(a);
        } else {
          Unknown(a, al, "<address>");
        }
      });
    } else {
      Unknown(c, l, "an organizational entity");
    }
  });
}

void XmlWalker::Contact(const pugi::xml_node& n, sbom::Contact* out) {
  if (Since(5)) BomRefAttr(n, nullptr);
  Seen seen;
  EachChild(n, [&](const pugi::xml_node& c, std::string_view l) {
    // 1.2 lets email and phone repeat; the model keeps the first.
    bool repeatable = !Since(3) && (l == "email" || l == "phone");
    bool first = seen.Add(l);
    if (!first && !repeatable) {
      Error(c, "element <" + std::string(l) + "> may appear only once here");
      return;
    }
    Text* target = nullptr;
    if (l == "name") {
      target = &out->name;
    } else if (l == "email") {
      target = &out->email;
    } else if (l == "phone") {
      target = &out->phone;
    } else {
      Unknown(c, l, "an organizational contact");
      return;
    }
    TextInto(c, first ? target : nullptr);
  });
}

void XmlWalker::Hashes(const pugi::xml_node& n, std::vector<sbom::Hash>* out) {
  EachItem(n, "hash", [&](const pugi::xml_node& c) {
    sbom::Hash h;
    pugi::xml_attribute alg = c.attribute("alg");
    if (!alg) {
      Missing(c, "attribute 'alg'", "a hash");
    } else {
      Enum(c, alg.value(), cdx::kHashAlg, &h.alg);
    }
    Simple(c);
    std::string_view v = TextOf(c);
    if (!cdx::IsHashContent(v)) {
      Error(c, "'" + std::string(v) +
                   "' is not a hash value (32, 40, 64, 96 or 128 hexadecimal digits)");
    } else {
      h.value = doc_.Keep(v);
    }
    if (out != nullptr) out->push_back(std::move(h));
  });
}

void XmlWalker::Licenses(const pugi::xml_node& n, std::vector<License>* out) {
  std::vector<License> scratch;
  std::vector<License>& list = out != nullptr ? *out : scratch;
  size_t licenses = 0, expressions = 0;
  EachChild(n, [&](const pugi::xml_node& c, std::string_view l) {
    License lic;
    if (l == "license") {
      ++licenses;
      LicenseElement(c, &lic);
    } else if (l == "expression") {
      ++expressions;
      lic.kind = License::Kind::kExpression;
      TextInto(c, &lic.value);
      if (Since(5)) BomRefAttr(c, nullptr);
      if (pugi::xml_attribute ack = c.attribute("acknowledgement"); ack && Since(6)) {
        Enum(c, ack.value(), cdx::kLicenseAcknowledgement, &lic.acknowledgement);
      }
    } else if (l == "expression-detailed" && Since(7)) {
      lic.kind = License::Kind::kExpression;
      pugi::xml_attribute expr = c.attribute("expression");
      if (!expr) {
        Missing(c, "attribute 'expression'", "<expression-detailed>");
      } else {
        lic.value = doc_.Keep(Trim(expr.value()));
      }
      BomRefAttr(c, nullptr);
      if (pugi::xml_attribute ack = c.attribute("acknowledgement")) {
        Enum(c, ack.value(), cdx::kLicenseAcknowledgement, &lic.acknowledgement);
      }
      Opaque(c, 1);
    } else {
      Unknown(c, l, "<licenses>");
      return;
    }
    list.push_back(std::move(lic));
  });
  // Up to 1.6 an xs:choice of any number of <license> or one <expression>;
  // 1.7 allows any mix.
  if (!Since(7) && expressions > 0 && (expressions > 1 || licenses > 0)) {
    Error(n, "<licenses> holds either <license> elements or exactly one <expression> (" +
                 std::to_string(licenses) + " licenses and " + std::to_string(expressions) +
                 " expressions)");
  }
}

void XmlWalker::LicenseElement(const pugi::xml_node& n, License* out) {
  if (Since(5)) BomRefAttr(n, nullptr);
  if (pugi::xml_attribute ack = n.attribute("acknowledgement"); ack && Since(6)) {
    Enum(n, ack.value(), cdx::kLicenseAcknowledgement, &out->acknowledgement);
  }
  Seen seen = EachOnce(n, [&](const pugi::xml_node& c, std::string_view l) {
    if (l == "id") {
      Simple(c);
      std::string_view v = TextOf(c);
      if (!cdx::IsSpdxLicenseId(v)) {
        Error(c, "'" + std::string(v) + "' is not an SPDX license identifier");
      }
      out->kind = License::Kind::kId;
      out->value = doc_.Keep(v);
    } else if (l == "name") {
      out->kind = License::Kind::kName;
      TextInto(c, &out->value);
    } else if (l == "text") {
      Attachment(c);
    } else if (l == "url") {
      Uri(c, &out->url);
    } else if (l == "licensing" && Since(5)) {
      Opaque(c, 1);
    } else if (l == "properties" && Since(5)) {
      Properties(c, nullptr);
    } else {
      Unknown(c, l, "<license>");
    }
  });
  if (seen.Has("id") && seen.Has("name")) Error(n, "a license has either <id> or <name>, not both");
  if (!seen.Has("id") && !seen.Has("name")) Error(n, "a license needs <id> or <name>");
}

void XmlWalker::Attachment(const pugi::xml_node& n) {
  Simple(n);
  if (pugi::xml_attribute enc = n.attribute("encoding")) {
    Enum(n, enc.value(), cdx::kEncoding, nullptr);
  }
}

void XmlWalker::Swid(const pugi::xml_node& n, Text* tag_id) {
  pugi::xml_attribute tag = n.attribute("tagId");
  if (!tag) {
    Missing(n, "attribute 'tagId'", "a SWID tag");
  } else {
    *tag_id = doc_.Keep(tag.value());
  }
  if (!n.attribute("name")) Missing(n, "attribute 'name'", "a SWID tag");
  if (pugi::xml_attribute tv = n.attribute("tagVersion")) {
    std::string_view v = Trim(tv.value());
    std::string_view digits = !v.empty() && (v[0] == '-' || v[0] == '+') ? v.substr(1) : v;
    bool ok = !digits.empty() && std::all_of(digits.begin(), digits.end(),
                                             [](char ch) { return ch >= '0' && ch <= '9'; });
    if (!ok) Error(n, "tagVersion '" + std::string(v) + "' is not an xs:integer");
  }
  if (pugi::xml_attribute p = n.attribute("patch")) Bool(n, Trim(p.value()));
  EachOnce(n, [&](const pugi::xml_node& c, std::string_view l) {
    if (l == "text") {
      Attachment(c);
    } else if (l == "url") {
      Uri(c, nullptr);
    } else {
      Unknown(c, l, "<swid>");
    }
  });
}

void XmlWalker::ExternalReferences(const pugi::xml_node& n, std::vector<ExternalReference>* out) {
  EachItem(n, "reference", [&](const pugi::xml_node& c) {
    ExternalReference ref;
    pugi::xml_attribute type = c.attribute("type");
    if (!type) {
      Missing(c, "attribute 'type'", "an external reference");
    } else {
      Enum(c, type.value(), cdx::kExternalReferenceType, &ref.type);
    }
    Seen seen = EachOnce(c, [&](const pugi::xml_node& r, std::string_view rl) {
      if (rl == "url") {
        Uri(r, &ref.url);
      } else if (rl == "comment") {
        TextInto(r, &ref.comment);
      } else if (rl == "hashes" && Since(3)) {
        Hashes(r, lists_.Into(&ref.hashes));
      } else if (rl == "properties" && Since(7)) {
        Properties(r, nullptr);
      } else {
        Unknown(r, rl, "<reference>");
      }
    });
    if (!seen.Has("url")) Missing(c, "element <url>", "an external reference");
    if (out != nullptr) out->push_back(std::move(ref));
  });
}

void XmlWalker::Properties(const pugi::xml_node& n, std::vector<Property>* out) {
  EachItem(n, "property", [&](const pugi::xml_node& c) {
    Property p;
    pugi::xml_attribute name = c.attribute("name");
    if (!name) {
      Missing(c, "attribute 'name'", "a property");
    } else {
      p.name = doc_.Keep(name.value());
    }
    Simple(c);
    p.value = doc_.Keep(c.text().get());  // xs:string: whitespace is kept
    if (out != nullptr) out->push_back(std::move(p));
  });
}

void XmlWalker::Pedigree(const pugi::xml_node& n, int depth) {
  EachOnce(n, [&](const pugi::xml_node& c, std::string_view l) {
    if (l == "ancestors" || l == "descendants" || l == "variants") {
      Components(c, nullptr, -1, false, depth + 1);
    } else if (l == "commits") {
      EachItem(c, "commit", [&](const pugi::xml_node& x) { Commit(x); });
    } else if (l == "patches") {
      EachItem(c, "patch", [&](const pugi::xml_node& x) { Patch(x); });
    } else if (l == "notes") {
      Simple(c);
    } else {
      Unknown(c, l, "<pedigree>");
    }
  });
}

void XmlWalker::Commit(const pugi::xml_node& n) {
  EachOnce(n, [&](const pugi::xml_node& c, std::string_view l) {
    if (l == "uid" || l == "message") {
      Simple(c);
    } else if (l == "url") {
      Uri(c, nullptr);
    } else if (l == "author" || l == "committer") {
      IdentifiableAction(c);
    } else {
      Unknown(c, l, "<commit>");
    }
  });
}

void XmlWalker::IdentifiableAction(const pugi::xml_node& n) {
  EachOnce(n, [&](const pugi::xml_node& c, std::string_view l) {
    if (l == "timestamp") {
      DateTime(c, nullptr);
    } else if (l == "name" || l == "email") {
      Simple(c);
    } else {
      Unknown(c, l, "<" + std::string(Local(n)) + ">");
    }
  });
}

void XmlWalker::Patch(const pugi::xml_node& n) {
  pugi::xml_attribute type = n.attribute("type");
  if (!type) {
    Missing(n, "attribute 'type'", "a patch");
  } else {
    Enum(n, type.value(), cdx::kPatchType, nullptr);
  }
  EachOnce(n, [&](const pugi::xml_node& c, std::string_view l) {
    if (l == "diff") {
      EachOnce(c, [&](const pugi::xml_node& d, std::string_view dl) {
        if (dl == "text") {
          Attachment(d);
        } else if (dl == "url") {
          Uri(d, nullptr);
        } else {
          Unknown(d, dl, "<diff>");
        }
      });
    } else if (l == "resolves") {
      EachItem(c, "issue", [&](const pugi::xml_node& i) { Issue(i); });
    } else {
      Unknown(c, l, "<patch>");
    }
  });
}

void XmlWalker::Issue(const pugi::xml_node& n) {
  pugi::xml_attribute type = n.attribute("type");
  if (!type) {
    Missing(n, "attribute 'type'", "an issue");
  } else {
    Enum(n, type.value(), cdx::kIssueType, nullptr);
  }
  EachOnce(n, [&](const pugi::xml_node& c, std::string_view l) {
    if (l == "id" || l == "name" || l == "description") {
      Simple(c);
    } else if (l == "source") {
      EachOnce(c, [&](const pugi::xml_node& s, std::string_view sl) {
        if (sl == "name") {
          Simple(s);
        } else if (sl == "url") {
          Uri(s, nullptr);
        } else {
          Unknown(s, sl, "<source>");
        }
      });
    } else if (l == "references") {
      EachItem(c, "url", [&](const pugi::xml_node& u) { Uri(u, nullptr); });
    } else {
      Unknown(c, l, "<issue>");
    }
  });
}

void XmlWalker::Evidence(const pugi::xml_node& n) {
  Seen seen;
  EachChild(n, [&](const pugi::xml_node& c, std::string_view l) {
    bool repeatable = l == "identity" && Since(6);
    if (!repeatable && !Once(seen, c, l)) return;
    if (l == "licenses") {
      Licenses(c, nullptr);
    } else if (l == "copyright") {
      EachItem(c, "text", [&](const pugi::xml_node& t) { Simple(t); });
    } else if ((l == "identity" || l == "occurrences" || l == "callstack") && Since(5)) {
      BomRefAttr(c, nullptr);
      Opaque(c, 1);
    } else {
      Unknown(c, l, "<evidence>");
    }
  });
}

void XmlWalker::Services(const pugi::xml_node& n, int depth) {
  if (depth > cdx::kMaxDepth) {
    Error(n, "services nested deeper than " + std::to_string(cdx::kMaxDepth) + " levels");
    return;
  }
  EachItem(n, "service", [&](const pugi::xml_node& s) {
    ++doc_.service_count;
    BomRefAttr(s, nullptr);
    Seen seen = EachOnce(s, [&](const pugi::xml_node& c, std::string_view l) {
      if (l == "provider") {
        Organization(c, nullptr);
      } else if (l == "name" || l == "group" || l == "version" || l == "description" ||
                 (l == "trustZone" && Since(5))) {
        Simple(c);
      } else if (l == "endpoints") {
        EachItem(c, "endpoint", [&](const pugi::xml_node& e) { Uri(e, nullptr); });
      } else if (l == "authenticated" || l == "x-trust-boundary") {
        Simple(c);
        Bool(c, TextOf(c));
      } else if (l == "data") {
        EachChild(c, [&](const pugi::xml_node& d, std::string_view dl) {
          if (dl == "classification") {
            pugi::xml_attribute flow = d.attribute("flow");
            if (!flow) {
              Missing(d, "attribute 'flow'", "a data classification");
            } else {
              Enum(d, flow.value(), cdx::kDataFlow, nullptr);
            }
            Simple(d);
          } else if (dl == "dataflow" && Since(5)) {
            Opaque(d, depth + 1);
          } else {
            Unknown(d, dl, "<data>");
          }
        });
      } else if (l == "licenses") {
        Licenses(c, nullptr);
      } else if (l == "externalReferences") {
        ExternalReferences(c, nullptr);
      } else if (l == "services") {
        Services(c, depth + 1);
      } else if (l == "properties" && Since(3)) {
        Properties(c, nullptr);
      } else if ((l == "releaseNotes" || l == "signature") && Since(4)) {
        Opaque(c, depth + 1);
      } else if (l == "tags" && Since(6)) {
        Opaque(c, depth + 1);
      } else if (l == "patentAssertions" && Since(7)) {
        Opaque(c, depth + 1);
      } else {
        Unknown(c, l, "<service>");
      }
    });
    if (!seen.Has("name")) Missing(s, "element <name>", "a service");
  });
}

void XmlWalker::Dependencies(const pugi::xml_node& n) {
  EachItem(n, "dependency", [&](const pugi::xml_node& c) {
    Dependency d;
    pugi::xml_attribute ref = c.attribute("ref");
    if (!ref) {
      Missing(c, "attribute 'ref'", "a dependency");
    } else if (*ref.value() == '\0') {
      Error(c, "reference must not be empty");
    } else {
      d.ref = doc_.Keep(ref.value());
    }
    cdx::UniqueViews seen;
    {
      ListInto<Text> depends_on = lists_.Into(&d.depends_on);
      EachChild(c, [&](const pugi::xml_node& to, std::string_view tl) {
        if (tl == "provides" && Since(6)) {
          if (!to.attribute("ref")) Missing(to, "attribute 'ref'", "<provides>");
          return;
        }
        if (tl != "dependency") {
          Unknown(to, tl, "<dependency>");
          return;
        }
        // A nested dependency names what the outer one depends on; further
        // nesting is not part of the graph in any version.
        pugi::xml_attribute to_ref = to.attribute("ref");
        if (!to_ref) {
          Missing(to, "attribute 'ref'", "a dependency");
        } else if (*to_ref.value() == '\0') {
          Error(to, "reference must not be empty");
        } else if (seen.Insert(to_ref.value())) {
          depends_on->push_back(doc_.Keep(to_ref.value()));
        }
        for (pugi::xml_node deeper : to.children()) {
          std::string_view dl = Local(deeper);
          if (!dl.empty()) Unknown(deeper, dl, "a nested <dependency>");
        }
      });
    }  // d.depends_on is kept
    doc_.dependencies.push_back(d);
  });
}

void XmlWalker::RefList(const pugi::xml_node& n, std::string_view item, std::vector<Text>* out) {
  EachChild(n, [&](const pugi::xml_node& c, std::string_view l) {
    if (l != item) {
      Unknown(c, l, "<" + std::string(Local(n)) + ">");
      return;
    }
    pugi::xml_attribute ref = c.attribute("ref");
    if (!ref) {
      Missing(c, "attribute 'ref'", "<" + std::string(item) + ">");
    } else if (out != nullptr) {
      out->push_back(doc_.Keep(ref.value()));
    }
  });
}

void XmlWalker::Compositions(const pugi::xml_node& n) {
  EachItem(n, "composition", [&](const pugi::xml_node& c) {
    Composition comp;
    if (Since(5)) BomRefAttr(c, nullptr);
    Seen seen = EachOnce(c, [&](const pugi::xml_node& x, std::string_view xl) {
      if (xl == "aggregate") {
        Simple(x);
        Enum(x, TextOf(x), cdx::kAggregate, &comp.aggregate);
      } else if (xl == "assemblies") {
        RefList(x, "assembly", lists_.Into(&comp.assemblies));
      } else if (xl == "dependencies") {
        RefList(x, "dependency", lists_.Into(&comp.dependencies));
      } else if (xl == "vulnerabilities" && Since(5)) {
        RefList(x, "vulnerability", nullptr);
      } else if (xl == "signature" && Since(4)) {
        Opaque(x, 1);
      } else {
        Unknown(x, xl, "<composition>");
      }
    });
    if (!seen.Has("aggregate")) Missing(c, "element <aggregate>", "a composition");
    doc_.compositions.push_back(std::move(comp));
  });
}

void XmlWalker::Citations(const pugi::xml_node& n) {
  EachItem(n, "citation", [&](const pugi::xml_node& c) {
    BomRefAttr(c, nullptr);
    Seen seen = EachOnce(c, [&](const pugi::xml_node& x, std::string_view xl) {
      if (xl == "pointers" || xl == "expressions") {
        std::string_view item = xl == "pointers" ? "pointer" : "expression";
        size_t count = 0;
        EachChild(x, [&](const pugi::xml_node& p, std::string_view pl) {
          if (pl == item) {
            ++count;
            Simple(p);
          } else {
            Unknown(p, pl, "<" + std::string(xl) + ">");
          }
        });
        if (count == 0)
          Error(x, "<" + std::string(xl) + "> needs at least one <" + std::string(item) + ">");
      } else if (xl == "timestamp") {
        DateTime(x, nullptr);
      } else if (xl == "attributedTo" || xl == "process" || xl == "note") {
        Simple(x);
      } else if (xl == "signature") {
        Opaque(x, 1);
      } else {
        Unknown(x, xl, "<citation>");
      }
    });
    if (!seen.Has("timestamp")) Missing(c, "element <timestamp>", "a citation");
    if (!seen.Has("attributedTo") && !seen.Has("process")) {
      Error(c, "a citation needs <attributedTo> or <process>");
    }
    if (seen.Has("pointers") == seen.Has("expressions")) {
      Error(c, seen.Has("pointers") ? "a citation has either <pointers> or <expressions>, not both"
                                    : "a citation needs <pointers> or <expressions>");
    }
  });
}

class CycloneDxXmlDecoder final : public SbomDecoder {
 public:
  std::string_view Name() const override { return "cyclonedx-xml"; }

  bool Identify(std::string_view bytes) const override {
    return cdx::Sniff(bytes, '<', kNamespacePrefix);
  }

  Result<Document> Decode(Input input, const std::string& source_name,
                          DiagnosticSink& sink) const override {
    return cdx::DecodeXml(input.bytes, source_name, sink);
  }
};

}  // namespace

namespace cdx {

Result<Document> DecodeXml(std::string_view bytes, const std::string& source_name,
                           DiagnosticSink& sink) {
  Reporter reporter(source_name, sink);
  std::string_view text = StripUtf8Bom(bytes);
  if (!CheckInput(text, "UTF-16 text; soupkeeper reads CycloneDX XML in UTF-8", reporter)) {
    return reporter.ToStatus();
  }
  if (!simdjson::validate_utf8(text.data(), text.size())) {
    reporter.Error("", "not valid UTF-8");
    return reporter.ToStatus();
  }
  pugi::xml_document xml;
  pugi::xml_parse_result parsed =
      xml.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single,
                      pugi::encoding_utf8);
  if (!parsed) {
    size_t line = 1 + std::count(text.begin(),
                                 text.begin() + std::min<size_t>(parsed.offset, text.size()), '\n');
    reporter.Error("line " + std::to_string(line),
                   std::string("not well-formed XML: ") + parsed.description());
    return reporter.ToStatus();
  }
  pugi::xml_node root = xml.document_element();
  std::string_view root_name = root.name();
  std::string_view prefix;
  if (size_t colon = root_name.find(':'); colon != std::string_view::npos) {
    prefix = root_name.substr(0, colon);
    root_name = root_name.substr(colon + 1);
  }
  std::string xmlns_attr = prefix.empty() ? "xmlns" : "xmlns:" + std::string(prefix);
  std::string_view ns = root.attribute(xmlns_attr.c_str()).value();
  if (root_name != "bom") {
    reporter.Error("line 1", "the root element is <" + std::string(root.name()) + ">, not <bom>");
    return reporter.ToStatus();
  }
  int minor = -1;
  if (ns.substr(0, kNamespacePrefix.size()) == kNamespacePrefix) {
    minor = ParseSpecVersion(ns.substr(kNamespacePrefix.size()));
  }
  if (minor < 0 && ns.substr(0, kNamespacePrefix.size()) == kNamespacePrefix &&
      IsVersionNumber(ns.substr(kNamespacePrefix.size()))) {
    reporter.Error("line 1", "CycloneDX " + std::string(ns.substr(kNamespacePrefix.size())) +
                                 " is not supported (1.2 to 1.7 are)");
    return Status(StatusCode::kUnsupported, reporter.ToStatus().message());
  }
  if (minor < 0) {
    reporter.Error("line 1", "namespace '" + std::string(ns) +
                                 "' is not a CycloneDX 1.2 to 1.7 namespace (" +
                                 std::string(kNamespacePrefix) + "1.x)");
    return reporter.ToStatus();
  }
  Document doc;
  doc.format = Format::kCycloneDxXml;
  doc.spec_version = doc.Keep(ns.substr(kNamespacePrefix.size()));
  XmlWalker walker(minor, prefix, ns, text, reporter, doc);
  walker.Bom(root);
  SK_RETURN_IF_ERROR(reporter.ToStatus());
  // Dependency locations: the line of the i-th <dependency> element.
  std::vector<pugi::xml_node> dep_nodes;
  for (pugi::xml_node c : root.children()) {
    std::string_view name = c.name();
    if (name.size() >= 12 && name.substr(name.size() - 12) == "dependencies") {
      for (pugi::xml_node d : c.children()) {
        if (d.type() == pugi::node_element) dep_nodes.push_back(d);
      }
    }
  }
  CheckReferences(doc, walker.refs(), reporter, [&](size_t i) {
    return i < dep_nodes.size() ? walker.Line(dep_nodes[i]) : std::string();
  });
  CheckIdentifiers(doc, reporter);
  CheckLicenseExpressions(doc, reporter);
  return doc;
}

}  // namespace cdx

std::unique_ptr<SbomDecoder> NewCycloneDxXmlDecoder() {
  return std::make_unique<CycloneDxXmlDecoder>();
}

}  // namespace soupkeeper::sbom
