// SPDX conformance against the corpus:
// - every SPDX 2.2 / 2.3 example of the spec (JSON, tag-value, YAML), the
//   SPDX 3.0.1 JSON-LD example and every document of spdx-examples is
//   accepted, with no package lost. RDF/XML (*.rdf.xml) and the SPDX XML
//   examples (*.spdx.xml) are out of scope: no decoder reads them.
// - every SPDX document under real-sboms is read with no package lost, or
//   rejected with the one precise error listed in kInvalid.
// - CycloneDX's own license.id enum (src/sbom/spdx_ids.cc) equals the enum of
//   the CycloneDX spdx.schema.json in the corpus.
//
// Packages are counted here without the decoders: nlohmann::json for JSON
// (the length of /packages; @graph elements of a package class for SPDX 3),
// yaml-cpp for YAML (the length of packages), and PackageName: lines for
// tag-value. SPDX files count as components when the document has no
// packages or describes them (see docs/parts/spdx.md); they are counted the
// same way.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "sbom/cdx_rules.h"
#include "soupkeeper/sbom.h"
#include "support/corpus.h"

namespace soupkeeper::sbom {
namespace {

namespace fs = std::filesystem;

struct Expected {
  std::string encoding;   // "json", "yaml", "tag-value", "json-ld"
  size_t components = 0;  // packages, plus files that count as components
  // SPDX 2: packages without a download location and files without a
  // checksum (both required by the spec; read as tolerated deviations).
  size_t no_download = 0;
  size_t no_checksums = 0;
};

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string StripBom(const std::string& s) {
  return s.rfind("\xEF\xBB\xBF", 0) == 0 ? s.substr(3) : s;
}

// Packages + files described (or all files when there are no packages).
size_t Count(size_t packages, const std::vector<std::string>& files,
             const std::set<std::string>& described) {
  if (packages == 0) return files.size();
  size_t n = packages;
  for (const std::string& f : files) n += described.count(f);
  return n;
}

std::optional<Expected> CountJson(const nlohmann::json& j) {
  if (!j.is_object()) return std::nullopt;
  if (j.contains("@graph")) {
    Expected e{"json-ld", 0};
    size_t packages = 0;
    std::vector<std::string> files;
    std::set<std::string> described;
    std::set<std::string> boms;
    std::map<std::string, std::vector<std::string>> roots;
    std::vector<std::string> doc_roots;
    std::string doc_id;
    std::vector<std::pair<std::string, nlohmann::json>> describes;
    for (const auto& el : j["@graph"]) {
      std::string type = el.value("type", "");
      std::string id = el.value("spdxId", "");
      if (type == "software_Package" || type == "ai_AIPackage" ||
          type == "dataset_DatasetPackage") {
        ++packages;
      } else if (type == "software_File") {
        files.push_back(id);
      }
      if (el.contains("rootElement")) {
        for (const auto& r : el["rootElement"]) roots[id].push_back(r.get<std::string>());
      }
      if (type == "SpdxDocument" && doc_id.empty()) doc_id = id;
      if (type == "SpdxDocument" && doc_roots.empty() && el.contains("rootElement")) {
        for (const auto& r : el["rootElement"]) doc_roots.push_back(r.get<std::string>());
      }
      if (type == "Relationship" && el.value("relationshipType", "") == "describes") {
        describes.emplace_back(el.value("from", ""), el["to"]);
      }
    }
    // The document's roots (an Sbom's roots for an Sbom), and what the
    // document or its Sbom describes.
    std::set<std::string> describers = {doc_id};
    for (const std::string& r : doc_roots) {
      if (roots.count(r)) {
        describers.insert(r);
        for (const std::string& x : roots[r]) described.insert(x);
      } else {
        described.insert(r);
      }
    }
    for (const auto& [from, to] : describes) {
      if (describers.count(from)) {
        for (const auto& t : to) described.insert(t.get<std::string>());
      }
    }
    e.components = Count(packages, files, described);
    return e;
  }
  if (!j.contains("spdxVersion")) return std::nullopt;
  Expected e{"json", 0};
  std::set<std::string> described;
  if (j.contains("documentDescribes")) {
    for (const auto& d : j["documentDescribes"]) described.insert(d.get<std::string>());
  }
  if (j.contains("relationships")) {
    for (const auto& r : j["relationships"]) {
      if (r.value("relationshipType", "") == "DESCRIBES" &&
          r.value("spdxElementId", "") == "SPDXRef-DOCUMENT") {
        described.insert(r.value("relatedSpdxElement", ""));
      }
    }
  }
  std::vector<std::string> files;
  if (j.contains("files")) {
    for (const auto& f : j["files"]) {
      files.push_back(f.value("SPDXID", ""));
      e.no_checksums += !f.contains("checksums");
    }
  }
  if (j.contains("packages")) {
    for (const auto& p : j["packages"]) e.no_download += !p.contains("downloadLocation");
  }
  e.components = Count(j.contains("packages") ? j["packages"].size() : 0, files, described);
  return e;
}

std::optional<Expected> CountYaml(const std::string& bytes) {
  YAML::Node y;
  try {
    y = YAML::Load(bytes);
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
  if (!y.IsMap() || !y["spdxVersion"]) return std::nullopt;
  Expected e{"yaml", 0};
  std::set<std::string> described;
  if (y["documentDescribes"]) {
    for (const auto& d : y["documentDescribes"]) described.insert(d.as<std::string>());
  }
  if (y["relationships"]) {
    for (const auto& r : y["relationships"]) {
      if (r["relationshipType"].as<std::string>() == "DESCRIBES" &&
          r["spdxElementId"].as<std::string>() == "SPDXRef-DOCUMENT") {
        described.insert(r["relatedSpdxElement"].as<std::string>());
      }
    }
  }
  std::vector<std::string> files;
  if (y["files"]) {
    for (const auto& f : y["files"]) {
      files.push_back(f["SPDXID"].as<std::string>());
      e.no_checksums += !f["checksums"];
    }
  }
  if (y["packages"]) {
    for (const auto& p : y["packages"]) e.no_download += !p["downloadLocation"];
  }
  e.components = Count(y["packages"] ? y["packages"].size() : 0, files, described);
  return e;
}

std::optional<Expected> CountTagValue(const std::string& bytes) {
  std::string text = bytes;
  for (char& c : text) {
    if (c == '\r') c = '\n';
  }
  std::istringstream in(text);
  std::string line;
  size_t packages = 0;
  bool spdx = false, in_file = false;
  std::vector<std::string> files;
  std::set<std::string> described;
  Expected e{"tag-value", 0};
  // The open package or file section, and whether it has its download
  // location or checksum.
  enum { kNone, kPackage, kFile } section = kNone;
  bool has = false;
  auto close = [&] {
    if (section == kPackage && !has) ++e.no_download;
    if (section == kFile && !has) ++e.no_checksums;
    section = kNone;
  };
  while (std::getline(in, line)) {
    if (line.rfind("SPDXVersion:", 0) == 0) spdx = true;
    if (line.rfind("PackageName:", 0) == 0 || line.rfind("FileName:", 0) == 0 ||
        line.rfind("SnippetSPDXID:", 0) == 0 || line.rfind("LicenseID:", 0) == 0) {
      close();
      has = false;
      if (line.rfind("PackageName:", 0) == 0) section = kPackage;
      if (line.rfind("FileName:", 0) == 0) section = kFile;
    }
    if (line.rfind("PackageDownloadLocation:", 0) == 0 || line.rfind("FileChecksum:", 0) == 0) {
      has = true;
    }
    if (line.rfind("PackageName:", 0) == 0) ++packages, in_file = false;
    if (line.rfind("FileName:", 0) == 0) in_file = true;
    if (line.rfind("SPDXID:", 0) == 0 && in_file) {
      std::istringstream w(line.substr(7));
      std::string id;
      w >> id;
      files.push_back(id);
      in_file = false;
    }
    if (line.rfind("Relationship:", 0) == 0) {
      std::istringstream w(line.substr(13));
      std::string a, type, b;
      w >> a >> type >> b;
      if (a == "SPDXRef-DOCUMENT" && type == "DESCRIBES") described.insert(b);
    }
  }
  close();
  if (!spdx) return std::nullopt;
  e.components = Count(packages, files, described);
  return e;
}

// The expected encoding and component count, or nullopt when not SPDX.
std::optional<Expected> IndependentCount(const std::string& raw) {
  std::string bytes = StripBom(raw);
  nlohmann::json j = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (!j.is_discarded()) return CountJson(j);
  if (bytes.find("\nSPDXVersion:") != std::string::npos || bytes.rfind("SPDXVersion:", 0) == 0) {
    return CountTagValue(bytes);
  }
  return CountYaml(bytes);
}

std::string EncodingOf(Format f) {
  switch (f) {
    case Format::kSpdxJson:
      return "json";
    case Format::kSpdxYaml:
      return "yaml";
    case Format::kSpdxTagValue:
      return "tag-value";
    case Format::kSpdxJsonLd:
      return "json-ld";
    default:
      return "cyclonedx";
  }
}

struct Tally {
  std::map<std::string, int> per_encoding;
  size_t components = 0;
  int with_deviations = 0;  // read with tolerated deviations
};

// Decodes one SPDX file and checks its component count; false on failure.
bool CheckFile(const fs::path& file, const Expected& want, Tally& tally, std::string* error) {
  const std::string bytes = testing::ReadFileOrFail(file);
  const std::string name = file.filename().string();
  CollectingSink sink;
  Result<Document> doc = Decode(bytes, name, sink);
  if (!doc.ok()) {
    *error = doc.status().message();
    return false;
  }
  EXPECT_EQ(EncodingOf(doc->format), want.encoding) << name;
  size_t got = doc->components.size() + (doc->subject ? 1 : 0);
  EXPECT_EQ(got, want.components) << name;
  tally.per_encoding[DescribeFormat(*doc)]++;
  tally.components += got;
  std::vector<std::string> deviations;
  size_t warnings = 0;
  for (const Diagnostic& d : sink.Take()) {
    EXPECT_EQ(d.severity, Severity::kWarning) << d.ToString();
    if (d.deviation) deviations.push_back(d.location + ": " + d.message);
    ++warnings;
  }
  // The two deviations real tools commit most, counted independently: one
  // report each, with the number of elements.
  const bool tv = want.encoding == "tag-value";
  auto expect_deviation = [&](size_t n, const std::string& noun, const std::string& field) {
    const std::string text = noun + (n == 1 ? " lacks " : "s lack ") + field + " (required";
    const std::string want_text = "spec violation tolerated: " + std::to_string(n) + " " + text;
    size_t found = 0, any = 0;
    for (const std::string& d : deviations) {
      found += d.find(want_text) != std::string::npos;
      any += d.find(field + " (required") != std::string::npos;
    }
    EXPECT_EQ(found, n > 0 ? 1u : 0u) << name << ": " << want_text;
    EXPECT_EQ(any, n > 0 ? 1u : 0u) << name << ": " << field;
  };
  expect_deviation(want.no_download, "package",
                   tv ? "PackageDownloadLocation" : "'downloadLocation'");
  expect_deviation(want.no_checksums, "file", tv ? "FileChecksum" : "'checksums'");
  if (!deviations.empty()) ++tally.with_deviations;
  std::cout << "  " << name << ": " << DescribeFormat(*doc) << ", " << got << " components ("
            << doc->file_count << " other files), " << doc->dependencies.size()
            << " dependency entries, " << doc->relationships.size() << " relationships, "
            << warnings << " warnings, " << deviations.size() << " tolerated deviations\n";
  for (const std::string& d : deviations) std::cout << "    " << d << "\n";
  return true;
}

TEST(SpdxConformance, EveryExampleIsAccepted) {
  SK_REQUIRE_CORPUS(root);
  Tally tally;
  int examples = 0, out_of_scope = 0;
  for (const fs::path& file : testing::FilesBelow(root / "spdx", "")) {
    const std::string name = file.filename().string();
    if (EndsWith(name, ".rdf.xml") || EndsWith(name, ".spdx.xml")) {
      ++out_of_scope;  // RDF/XML and SPDX XML: out of scope
      continue;
    }
    if (EndsWith(name, ".md") || name == "shas" || name == "spdx-context.jsonld" ||
        name == "spdx-json-schema.json" || name == "spdx-schema.json") {
      continue;
    }
    std::optional<Expected> want = IndependentCount(testing::ReadFileOrFail(file));
    ASSERT_TRUE(want.has_value()) << file << ": not an SPDX document?";
    ++examples;
    std::string error;
    if (!CheckFile(file, *want, tally, &error)) ADD_FAILURE() << error;
  }
  std::cout << "SPDX examples: " << examples << " documents, " << tally.components
            << " components;";
  for (const auto& [format, n] : tally.per_encoding) std::cout << " " << format << ": " << n << ";";
  std::cout << " " << out_of_scope << " RDF/XML and XML files out of scope\n";
  EXPECT_GE(examples, 60);
}

// SPDX documents under real-sboms that are rejected: file name -> the start
// of the expected error (the place and the reason; the count of further
// errors is left out). Each reason was checked in the file by hand. Every
// other SPDX document is read, some with tolerated deviations (printed;
// docs/parts/spdx.md): the 22 trivy image SBOMs and 2 trivy centos-7
// fixtures (no downloadLocation, no file checksums, "DESCRIBE", comma lists
// for licenses), sigs.k8s.io/bom (files with "name", "sha256", SPDXIDs
// without SPDXRef-), fatbom (no Created, SPDXIDs with '/', an empty
// namespace), Microsoft sbom-tool ("licenseInfoInFile", "hasFiles": null),
// usbutils (SPDX 2.1, "describes").
const std::map<std::string, std::string> kInvalid = {
    // syft (chronicle): 60 SPDXIDs are each given to several packages (372
    // in all; one Go module found in several binaries, with different
    // sourceInfo), so relationships cannot tell them apart.
    {"chronicle-sbom.spdx.json",
     "chronicle-sbom.spdx.json: /packages/27/SPDXID: duplicate SPDXID "
     "'SPDXRef-Package-go-module-github.com/Microsoft/go-winio-v0.4.16'"},
    // The text of a web page ("Contact Us Terms of Use ...") follows the JSON.
    {"powershell-2.2.6.spdx.json",
     "powershell-2.2.6.spdx.json: line 2765: text after the JSON document: 'Contact UsTerms of "
     "UsePrivacy Policy '"},
    // Hand-written: SPDXID before FileName / PackageName, so by the
    // tag-value grammar (those tags open an element) it is a second document
    // SPDXID; and all 17 files share SPDXRef-File, all 13 packages
    // SPDXRef-Package.
    {"vast-sbom.spdx", "vast-sbom.spdx: line 7: SPDXID given twice for the same document"},
};

TEST(SpdxConformance, EveryRealSpdxDocumentIsReadWithoutLoss) {
  SK_REQUIRE_CORPUS(root);
  Tally tally;
  int spdx = 0, decoded = 0, other = 0;
  for (const fs::path& file : testing::FilesBelow(root / "real-sboms", "")) {
    const std::string name = file.filename().string();
    if (EndsWith(name, ".md") || EndsWith(name, ".csv") || EndsWith(name, ".xml")) continue;
    const std::string bytes = testing::ReadFileOrFail(file);
    std::optional<Expected> want = IndependentCount(bytes);
    if (!want) {
      ++other;
      continue;
    }
    ++spdx;
    std::string error;
    bool ok = CheckFile(file, *want, tally, &error);
    auto invalid = kInvalid.find(name);
    if (invalid != kInvalid.end()) {
      EXPECT_FALSE(ok) << name;
      EXPECT_EQ(error.substr(0, invalid->second.size()), invalid->second);
      continue;
    }
    if (!ok) {
      ADD_FAILURE() << error;
      continue;
    }
    ++decoded;
  }
  std::cout << "real SPDX SBOMs: " << spdx << " documents, " << decoded << " decoded ("
            << tally.with_deviations << " with tolerated deviations), " << kInvalid.size()
            << " known invalid, " << tally.components << " components;";
  for (const auto& [format, n] : tally.per_encoding) std::cout << " " << format << ": " << n << ";";
  std::cout << " " << other << " other files\n";
  EXPECT_GE(spdx, 60);
  EXPECT_EQ(decoded + static_cast<int>(kInvalid.size()), spdx);
}

TEST(SpdxConformance, CycloneDxLicenseIdEnumMatchesItsSchema) {
  SK_REQUIRE_CORPUS(root);
  std::string text = testing::ReadFileOrFail(root / "cyclonedx/spec/schema/spdx.schema.json");
  nlohmann::json schema = nlohmann::json::parse(text);
  std::vector<std::string> want;
  for (const auto& id : schema["enum"]) want.push_back(id.get<std::string>());
  std::sort(want.begin(), want.end());
  std::span<const std::string_view> have = cdx::CycloneDxSpdxIds();
  std::vector<std::string> got(have.begin(), have.end());
  EXPECT_EQ(got, want);
  std::cout << "CycloneDX spdx.schema.json: " << want.size() << " ids, table: " << got.size()
            << "\n";
}

}  // namespace
}  // namespace soupkeeper::sbom
