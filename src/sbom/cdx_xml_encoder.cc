// CycloneDX XML encoder (1.5, 1.6 default, 1.7).
//
// Walks the tree of cdx::BuildCdxTree, whose keys are in XSD element order,
// and writes it as elements of the http://cyclonedx.org/schema/bom/1.x
// namespace: the few JSON keys that are XML attributes become attributes,
// arrays become a wrapper element with one child per item (or repeated
// elements where the XSD has no wrapper), and the embedded vulnerabilities of
// an XML source are copied in as written.
#include <pugixml.hpp>
#include <sstream>
#include <string>

#include "sbom/cdx_encoders.h"

namespace soupkeeper::sbom {
namespace {

using nlohmann::ordered_json;

// Keys written as attributes of the element that holds them.
bool IsAttribute(std::string_view element, std::string_view key) {
  if (key == "bom-ref") return true;
  if (element == "component" || element == "reference") return key == "type";
  if (element == "hash") return key == "alg";
  if (element == "property") return key == "name";
  if (element == "dependency") return key == "ref";
  if (element == "license" || element == "expression") return key == "acknowledgement";
  if (element == "swid") return key == "tagId" || key == "name";
  return false;
}

// Keys that hold the element's text rather than a child.
bool IsText(std::string_view element, std::string_view key) {
  return (element == "hash" && key == "content") || (element == "property" && key == "value") ||
         (element == "expression" && key == "expression");
}

// Arrays written as repeated elements of the key's name, without a wrapper.
bool IsRepeated(std::string_view key) {
  return key == "url" || key == "contact" || key == "omniborId" || key == "swhid";
}

// The element name of one item of the array `key` inside `element`.
std::string_view ItemName(std::string_view element, std::string_view key) {
  if (key == "components") return "component";
  if (key == "hashes") return "hash";
  if (key == "externalReferences") return "reference";
  if (key == "properties") return "property";
  if (key == "authors") return "author";
  if (key == "lifecycles") return "lifecycle";
  if (key == "compositions") return "composition";
  if (key == "assemblies") return "assembly";
  if (key == "dependencies") return "dependency";  // in <bom> and <composition>
  (void)element;
  return "item";
}

std::string Scalar(const ordered_json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

void WriteElement(pugi::xml_node parent, std::string_view name, const ordered_json& value);

// The fields of an object into element `node` (named `name`).
void WriteFields(pugi::xml_node node, std::string_view name, const ordered_json& obj) {
  for (const auto& [key, v] : obj.items()) {
    if (IsAttribute(name, key)) {
      node.append_attribute(key.c_str()).set_value(Scalar(v).c_str());
    } else if (IsText(name, key)) {
      node.append_child(pugi::node_pcdata).set_value(Scalar(v).c_str());
    } else if (name == "dependency" && key == "dependsOn") {
      // <dependency ref="a"><dependency ref="b"/></dependency>
      for (const ordered_json& to : v) {
        node.append_child("dependency").append_attribute("ref").set_value(Scalar(to).c_str());
      }
    } else if (v.is_array() && IsRepeated(key)) {
      for (const ordered_json& item : v) WriteElement(node, key, item);
    } else if (v.is_array()) {
      pugi::xml_node wrapper = node.append_child(key.c_str());
      std::string_view item_name = ItemName(name, key);
      for (const ordered_json& item : v) {
        if (key == "licenses") {
          // {"license": {...}} or {"expression": ..., "acknowledgement": ...}
          if (item.contains("license")) {
            WriteElement(wrapper, "license", item["license"]);
          } else {
            WriteElement(wrapper, "expression", item);
          }
        } else if ((key == "assemblies" || (key == "dependencies" && name == "composition"))) {
          wrapper.append_child(std::string(item_name).c_str())
              .append_attribute("ref")
              .set_value(Scalar(item).c_str());
        } else {
          WriteElement(wrapper, item_name, item);
        }
      }
    } else {
      WriteElement(node, key, v);
    }
  }
}

void WriteElement(pugi::xml_node parent, std::string_view name, const ordered_json& value) {
  pugi::xml_node node = parent.append_child(std::string(name).c_str());
  if (value.is_object()) {
    WriteFields(node, name, value);
  } else {
    node.append_child(pugi::node_pcdata).set_value(Scalar(value).c_str());
  }
}

class CycloneDxXmlEncoder final : public SbomEncoder {
 public:
  std::string_view Name() const override { return "cyclonedx-xml"; }
  Format format() const override { return Format::kCycloneDxXml; }
  std::vector<std::string_view> SpecVersions() const override { return {"1.6", "1.5", "1.7"}; }

  Result<std::string> Encode(const Document& doc, const EncodeOptions& options,
                             DiagnosticSink& sink) const override {
    SK_ASSIGN_OR_RETURN(int minor, cdx::EncodeMinor(options.spec_version));
    encode::LossLog log("CycloneDX 1." + std::to_string(minor) + " XML");
    ordered_json bom = cdx::BuildCdxTree(doc, minor, log);
    pugi::xml_document xml;
    pugi::xml_node decl = xml.append_child(pugi::node_declaration);
    decl.append_attribute("version").set_value("1.0");
    decl.append_attribute("encoding").set_value("UTF-8");
    pugi::xml_node root = xml.append_child("bom");
    std::string ns = "http://cyclonedx.org/schema/bom/1." + std::to_string(minor);
    root.append_attribute("xmlns").set_value(ns.c_str());
    root.append_attribute("serialNumber").set_value(Scalar(bom["serialNumber"]).c_str());
    root.append_attribute("version").set_value(Scalar(bom["version"]).c_str());
    for (const auto& [key, v] : bom.items()) {
      if (key == "bomFormat" || key == "specVersion" || key == "serialNumber" || key == "version") {
        continue;
      }
      ordered_json one = ordered_json::object();
      one[key] = v;
      WriteFields(root, "bom", one);
    }
    if (cdx::CarryVulnerabilities(doc, format(), minor, log)) {
      pugi::xml_document fragment;
      if (fragment.load_buffer(doc.vulnerabilities_raw.data(), doc.vulnerabilities_raw.size(),
                               pugi::parse_default, pugi::encoding_utf8) &&
          std::string_view(fragment.document_element().name()) == "vulnerabilities") {
        root.append_copy(fragment.document_element());
      } else {
        log.Add("embedded vulnerability",
                "kept text is not an unprefixed <vulnerabilities> element, left out");
      }
    }
    log.Flush(sink);
    std::ostringstream out;
    xml.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
    return out.str();
  }
};

}  // namespace

std::unique_ptr<SbomEncoder> NewCycloneDxXmlEncoder() {
  return std::make_unique<CycloneDxXmlEncoder>();
}

}  // namespace soupkeeper::sbom
