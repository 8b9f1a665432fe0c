// SPDX 2.3 output checked independently of the encoder:
//  - against the SPDX 2.3 JSON schema of the corpus (spdx-schema.json), by a
//    small checker of the keywords that schema uses (type, required,
//    properties, additionalProperties, items, enum, minItems);
//  - against the rules of the SPDX 2.3 specification the schema does not
//    state (clause numbers of the specification): SPDXID form (3.2, 7.2),
//    unique identifiers, relationships naming known elements (11), the
//    created and validUntilDate form (6.9, 7.27), the namespace as a URI
//    without '#' (6.5), lower-case hex checksums of the algorithm's length
//    (7.10), supplier/originator/creator agent syntax (6.8, 7.5, 7.6),
//    download location (7.7), external reference locators (7.21), every
//    LicenseRef declared (10.1);
//  - for every spec valid-* CycloneDX document 1.4-1.7 and every real
//    CycloneDX SBOM of the corpus.
// Tag-value output is checked line by line for its syntax and against the
// JSON output of the same document (same packages, relationships).
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "soupkeeper/sbom.h"
#include "support/corpus.h"

namespace soupkeeper::sbom {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

bool HasType(const json& v, const std::string& type) {
  if (type == "string") return v.is_string();
  if (type == "array") return v.is_array();
  if (type == "object") return v.is_object();
  if (type == "boolean") return v.is_boolean();
  if (type == "integer") return v.is_number_integer();
  if (type == "number") return v.is_number();
  return false;
}

// The keywords spdx-schema.json uses, applied to `v`.
void SchemaCheck(const json& schema, const json& v, const std::string& at,
                 std::vector<std::string>& errors) {
  if (schema.contains("type") && !HasType(v, schema["type"])) {
    errors.push_back(at + ": not of type " + schema["type"].get<std::string>());
    return;
  }
  if (schema.contains("enum")) {
    bool found = false;
    for (const json& e : schema["enum"]) found |= e == v;
    if (!found) errors.push_back(at + ": " + v.dump() + " not in the enum");
  }
  if (v.is_object()) {
    for (const json& r : schema.value("required", json::array())) {
      if (!v.contains(r.get<std::string>())) {
        errors.push_back(at + ": missing " + r.get<std::string>());
      }
    }
    const json props = schema.value("properties", json::object());
    for (const auto& [k, sub] : v.items()) {
      if (props.contains(k)) {
        SchemaCheck(props[k], sub, at + "/" + k, errors);
      } else if (schema.value("additionalProperties", true) == false) {
        errors.push_back(at + ": property " + k + " not allowed");
      }
    }
  }
  if (v.is_array()) {
    if (schema.contains("minItems") && v.size() < schema["minItems"].get<size_t>()) {
      errors.push_back(at + ": fewer items than minItems");
    }
    if (schema.contains("items")) {
      for (size_t i = 0; i < v.size(); ++i) {
        SchemaCheck(schema["items"], v[i], at + "/" + std::to_string(i), errors);
      }
    }
  }
}

size_t HexLength(const std::string& alg) {
  static const std::map<std::string, size_t> kLengths = {
      {"SHA1", 40},        {"SHA224", 56},       {"SHA256", 64},   {"SHA384", 96},
      {"SHA512", 128},     {"SHA3-256", 64},     {"SHA3-384", 96}, {"SHA3-512", 128},
      {"MD2", 32},         {"MD4", 32},          {"MD5", 32},      {"BLAKE2b-256", 64},
      {"BLAKE2b-384", 96}, {"BLAKE2b-512", 128}, {"ADLER32", 8}};
  auto it = kLengths.find(alg);
  return it == kLengths.end() ? 0 : it->second;  // BLAKE3, MD6: any length
}

// The specification's rules the schema does not state.
void SpecCheck(const json& d, std::vector<std::string>& errors) {
  const std::regex spdx_id("SPDXRef-[A-Za-z0-9.\\-]+");
  const std::regex time("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
  const std::regex agent("(Person|Organization): [^\\n]*( \\([^()\\n]*\\))?|NOASSERTION");
  const std::regex creator("(Person|Organization|Tool): .+");
  const std::regex hex("[0-9a-f]+");
  const std::regex license_ref("LicenseRef-[A-Za-z0-9.\\-]+");
  const std::regex uri("[A-Za-z][A-Za-z0-9+.\\-]*:[^\\s#]+");
  auto fail = [&](const std::string& m) { errors.push_back(m); };
  if (d.value("spdxVersion", "") != "SPDX-2.3") fail("spdxVersion");
  if (d.value("dataLicense", "") != "CC0-1.0") fail("dataLicense");
  if (d.value("SPDXID", "") != "SPDXRef-DOCUMENT") fail("document SPDXID");
  if (!std::regex_match(d.value("documentNamespace", ""), uri)) fail("documentNamespace");
  if (!std::regex_match(d["creationInfo"].value("created", ""), time)) fail("created");
  for (const json& c : d["creationInfo"]["creators"]) {
    if (!std::regex_match(c.get<std::string>(), creator)) fail("creator " + c.dump());
  }
  std::set<std::string> ids = {"SPDXRef-DOCUMENT"};
  std::set<std::string> declared_refs;
  for (const json& l : d.value("hasExtractedLicensingInfos", json::array())) {
    std::string id = l["licenseId"];
    if (!std::regex_match(id, license_ref)) fail("licenseId " + id);
    declared_refs.insert(id);
  }
  for (const json& p : d.value("packages", json::array())) {
    std::string id = p["SPDXID"];
    if (!std::regex_match(id, spdx_id)) fail("SPDXID " + id);
    if (!ids.insert(id).second) fail("duplicate SPDXID " + id);
    for (const char* key : {"supplier", "originator"}) {
      if (p.contains(key) && !std::regex_match(p[key].get<std::string>(), agent)) {
        fail(std::string(key) + " " + p[key].dump());
      }
    }
    std::string loc = p["downloadLocation"];
    if (loc != "NONE" && loc != "NOASSERTION" && (loc.empty() || loc.find(' ') != loc.npos)) {
      fail("downloadLocation " + loc);
    }
    if (p.contains("validUntilDate") &&
        !std::regex_match(p["validUntilDate"].get<std::string>(), time)) {
      fail("validUntilDate");
    }
    if (p.value("filesAnalyzed", true)) fail(id + ": filesAnalyzed without files");
    for (const json& c : p.value("checksums", json::array())) {
      std::string v = c["checksumValue"];
      size_t want = HexLength(c["algorithm"]);
      if (!std::regex_match(v, hex) || (want != 0 && v.size() != want)) {
        fail(id + ": checksum " + v);
      }
    }
    for (const json& r : p.value("externalRefs", json::array())) {
      std::string locator = r["referenceLocator"];
      if (locator.empty() || locator.find_first_of(" \t\n") != locator.npos) {
        fail(id + ": locator '" + locator + "'");
      }
      if (r["referenceType"] == "purl" && locator.rfind("pkg:", 0) != 0) fail("purl locator");
      if (r["referenceType"] == "cpe23Type" && locator.rfind("cpe:2.3:", 0) != 0) fail("cpe23");
    }
    for (const char* key : {"licenseConcluded", "licenseDeclared"}) {
      std::string expr = p.value(key, "");
      std::smatch m;
      for (auto it = std::sregex_iterator(expr.begin(), expr.end(), license_ref);
           it != std::sregex_iterator(); ++it) {
        if (!declared_refs.count(it->str())) fail(id + ": undeclared " + it->str());
      }
    }
  }
  bool describes = false;
  for (const json& r : d.value("relationships", json::array())) {
    for (const char* key : {"spdxElementId", "relatedSpdxElement"}) {
      if (!ids.count(r[key].get<std::string>())) fail("relationship names " + r[key].dump());
    }
    describes |= r["relationshipType"] == "DESCRIBES" && r["spdxElementId"] == "SPDXRef-DOCUMENT";
  }
  if (!describes && !d["packages"].empty()) fail("the document describes nothing");
}

// Tag-value syntax: every line is "Tag: value", a comment, blank, or inside
// <text>...</text>; returns the values of `tag` in order.
std::vector<std::string> TagValues(const std::string& tv, const std::string& tag,
                                   std::vector<std::string>& errors) {
  std::vector<std::string> values;
  std::istringstream in(tv);
  std::string line;
  bool in_text = false;
  while (std::getline(in, line)) {
    if (in_text) {
      in_text = line.find("</text>") == std::string::npos;
      continue;
    }
    if (line.empty() || line.rfind("##", 0) == 0) continue;
    // "Tag: value", the tag of ASCII letters.
    const size_t colon = line.find(": ");
    const bool letters = colon != 0 && colon != std::string::npos &&
                         std::all_of(line.begin(), line.begin() + colon, [](unsigned char c) {
                           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
                         });
    if (!letters) {
      errors.push_back("tag-value line: " + line);
      continue;
    }
    std::string value = line.substr(colon + 2);
    if (value.rfind("<text>", 0) == 0) in_text = value.find("</text>") == std::string::npos;
    if (line.compare(0, colon, tag) == 0) values.push_back(value);
  }
  return values;
}

struct Tally {
  int documents = 0, failures = 0;
  size_t packages = 0, relationships = 0;
};

void CheckDocument(const Document& doc, const std::string& name, const json& schema, Tally& t) {
  ++t.documents;
  NullSink losses;
  Result<std::string> text = FindEncoder("spdx-json")->Encode(doc, {}, losses);
  ASSERT_TRUE(text.ok()) << name;
  json d = json::parse(*text);
  std::vector<std::string> errors;
  SchemaCheck(schema, d, "", errors);
  SpecCheck(d, errors);
  EXPECT_EQ(d["packages"].size(), doc.components.size() + (doc.subject ? 1 : 0)) << name;
  Result<std::string> tv = FindEncoder("spdx-tv")->Encode(doc, {}, losses);
  ASSERT_TRUE(tv.ok()) << name;
  std::vector<std::string> ids = TagValues(*tv, "SPDXID", errors);
  std::vector<std::string> rels = TagValues(*tv, "Relationship", errors);
  if (ids.size() != d["packages"].size() + 1) errors.push_back("tag-value SPDXID count");
  for (size_t i = 0; i + 1 < ids.size() && i < d["packages"].size(); ++i) {
    if (ids[i + 1] != d["packages"][i]["SPDXID"]) errors.push_back("tag-value package order");
  }
  const json rj = d.value("relationships", json::array());
  if (rels.size() != rj.size()) errors.push_back("tag-value relationship count");
  for (size_t i = 0; i < rels.size() && i < rj.size(); ++i) {
    std::string want = rj[i]["spdxElementId"].get<std::string>() + " " +
                       rj[i]["relationshipType"].get<std::string>() + " " +
                       rj[i]["relatedSpdxElement"].get<std::string>();
    if (rels[i] != want) errors.push_back("tag-value relationship " + rels[i]);
  }
  t.packages += d["packages"].size();
  t.relationships += rj.size();
  if (!errors.empty()) {
    ++t.failures;
    std::string all;
    for (size_t i = 0; i < errors.size() && i < 10; ++i) all += "\n  " + errors[i];
    ADD_FAILURE() << name << ": " << errors.size() << " problems" << all;
  }
}

TEST(SpdxWriter, CorpusDocumentsFollowSchemaAndSpec) {
  SK_REQUIRE_CORPUS(root);
  const json schema = json::parse(testing::ReadFileOrFail(root / "spdx/spec-2.3/spdx-schema.json"));
  Tally t;
  std::vector<fs::path> files;
  for (const std::string version : {"1.4", "1.5", "1.6", "1.7"}) {
    for (const fs::path& f :
         testing::FilesBelow(root / "cyclonedx/spec/test-resources" / version, "")) {
      if (f.filename().string().rfind("valid-", 0) == 0) files.push_back(f);
    }
  }
  for (const fs::path& f : testing::FilesBelow(root / "real-sboms", "")) files.push_back(f);
  const size_t stride = testing::CorpusStride();
  for (size_t i = 0; i < files.size(); i += stride) {
    const fs::path& f = files[i];
    const std::string bytes = testing::ReadFileOrFail(f);
    const SbomDecoder* decoder = FindDecoder(bytes);
    if (decoder == nullptr) continue;
    NullSink sink;
    Result<Document> doc = decoder->Decode(bytes, f.string(), sink);
    if (!doc.ok()) continue;
    CheckDocument(*doc, f.string(), schema, t);
  }
  std::cout << "SPDX 2.3 JSON and tag-value written for " << t.documents
            << " documents: " << t.packages << " packages, " << t.relationships
            << " relationships, " << t.failures << " documents with problems\n";
  EXPECT_GE(t.documents, 370 / static_cast<int>(stride));
  EXPECT_EQ(t.failures, 0);
}

}  // namespace
}  // namespace soupkeeper::sbom
