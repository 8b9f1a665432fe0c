// Real SBOMs: every CycloneDX document under real-sboms/ decodes, and no
// component is lost.
//
// Which files are CycloneDX, and how many components each holds, is decided
// here without the decoders: nlohmann::json for JSON (an object whose
// bomFormat is "CycloneDX") and pugixml for XML (a root in a
// http://cyclonedx.org/schema/bom/ namespace), counting component entries
// recursively under /components and /metadata/component/components
// (pedigree and tool components are not components of the product).
// Files that are not CycloneDX must not be taken for it.
#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "soupkeeper/sbom.h"
#include "support/corpus.h"

namespace soupkeeper::sbom {
namespace {

namespace fs = std::filesystem;

// CycloneDX documents that are not decoded: file name -> the expected error.
const std::map<std::string, std::string> kInvalid = {
    // 1.2 strict schema: a license needs an id or a name; 138 licenses have
    // only a url, and one id is "NOASSERTION" (an SPDX document value, not an
    // SPDX license identifier).
    {"obsidian-sailboat-sbom-cdx.json",
     "obsidian-sailboat-sbom-cdx.json: /components/0/licenses/0/license: a license needs 'id' or "
     "'name' (and 138 more errors)"},
    // CycloneDX 1.1 XML, older than the versions supported.
    {"auditjs-bom.xml", "auditjs-bom.xml: line 1: CycloneDX 1.1 is not supported (1.2 to 1.7 are)"},
    {"jake-bom.xml", "jake-bom.xml: line 1: CycloneDX 1.1 is not supported (1.2 to 1.7 are)"},
};

size_t CountJson(const nlohmann::json& components) {
  if (!components.is_array()) return 0;
  size_t n = 0;
  for (const nlohmann::json& c : components) {
    ++n;
    if (c.is_object() && c.contains("components")) n += CountJson(c["components"]);
  }
  return n;
}

size_t CountXml(const pugi::xml_node& components) {
  size_t n = 0;
  for (pugi::xml_node c : components.children("component")) {
    n += 1 + CountXml(c.child("components"));
  }
  return n;
}

// The expected component count, or nullopt when the file is not CycloneDX.
std::optional<size_t> IndependentCount(const std::string& bytes) {
  nlohmann::json j = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (!j.is_discarded()) {
    if (!j.is_object() || j.value("bomFormat", "") != "CycloneDX") return std::nullopt;
    size_t n = CountJson(j.value("components", nlohmann::json::array()));
    if (j.contains("metadata") && j["metadata"].contains("component")) {
      n += CountJson(j["metadata"]["component"].value("components", nlohmann::json::array()));
    }
    return n;
  }
  pugi::xml_document xml;
  if (!xml.load_buffer(bytes.data(), bytes.size())) return std::nullopt;
  pugi::xml_node bom = xml.document_element();
  if (std::string(bom.name()) != "bom" ||
      std::string(bom.attribute("xmlns").value()).rfind("http://cyclonedx.org/schema/bom/", 0) !=
          0) {
    return std::nullopt;
  }
  return CountXml(bom.child("components")) +
         CountXml(bom.child("metadata").child("component").child("components"));
}

TEST(RealSboms, EveryCycloneDxDocumentDecodesWithoutLoss) {
  SK_REQUIRE_CORPUS(root);
  int cyclonedx = 0, decoded = 0, other = 0;
  size_t components = 0;
  for (const fs::path& file : testing::FilesBelow(root / "real-sboms", "")) {
    const std::string name = file.filename().string();
    if (name.size() > 3 &&
        (name.substr(name.size() - 3) == ".md" || name.substr(name.size() - 4) == ".csv")) {
      continue;
    }
    const std::string bytes = testing::ReadFileOrFail(file);
    std::optional<size_t> expected = IndependentCount(bytes);
    CollectingSink sink;
    const SbomDecoder* decoder = FindDecoder(bytes);
    if (!expected) {
      ++other;
      // Not CycloneDX: no CycloneDX decoder may claim it, or it must fail.
      if (decoder != nullptr && decoder->Name().rfind("cyclonedx", 0) == 0) {
        EXPECT_FALSE(decoder->Decode(bytes, name, sink).ok()) << name;
      }
      continue;
    }
    ++cyclonedx;
    ASSERT_NE(decoder, nullptr) << name << ": not identified";
    Result<Document> doc = decoder->Decode(bytes, name, sink);
    auto invalid = kInvalid.find(name);
    if (invalid != kInvalid.end()) {
      ASSERT_FALSE(doc.ok()) << name;
      EXPECT_EQ(doc.status().message(), invalid->second);
      continue;
    }
    if (!doc.ok()) {
      ADD_FAILURE() << doc.status().message();
      continue;
    }
    ++decoded;
    size_t got = doc->components.size();
    EXPECT_EQ(got, *expected) << name;
    components += got;
    size_t warnings = sink.size();
    std::cout << "  " << name << ": " << DescribeFormat(*doc) << ", " << got << " components, "
              << doc->dependencies.size() << " dependency entries, " << warnings << " warnings\n";
  }
  std::cout << "real SBOMs: " << cyclonedx << " CycloneDX documents, " << decoded << " decoded, "
            << kInvalid.size() << " known invalid, " << components << " components; " << other
            << " other files\n";
  EXPECT_GE(cyclonedx, 30);
}

}  // namespace
}  // namespace soupkeeper::sbom
