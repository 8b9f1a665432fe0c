// Round trips through the CycloneDX encoders: for every valid-* document of
// the CycloneDX specification's test resources 1.4-1.7 and every real
// CycloneDX SBOM of the corpus, decode(encode(doc)) passes our validating
// decoders and keeps every component.
//
// Written at the source's version or later (1.6, or 1.7 for 1.7 sources)
// nothing of the model may change: the normalized documents are compared
// whole, less the places in the source (locations), the format and spec
// version, and what the model does not carry across encodings (services;
// embedded vulnerabilities between JSON and XML). Written at 1.5 the
// identity fields of every component must stay.
#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sbom/cdx_rules.h"
#include "soupkeeper/sbom.h"
#include "support/corpus.h"

namespace soupkeeper::sbom {
namespace {

namespace fs = std::filesystem;

// The normalized document without what a re-encoding may change.
nlohmann::json Comparable(const Document& doc, bool same_encoding) {
  nlohmann::json j = nlohmann::json::parse(ToJson(doc, false));
  j.erase("format");
  j.erase("specVersion");
  j.erase("serviceCount");
  if (!same_encoding) j.erase("vulnerabilityCount");
  auto strip = [](nlohmann::json& c) { c.erase("location"); };
  if (j.contains("subject")) strip(j["subject"]);
  for (nlohmann::json& c : j["components"]) strip(c);
  return j;
}

// CycloneDX 1.5 and 1.6 allow license objects or exactly one expression
// (1.4 and 1.7 any list): a list with an expression and anything else is
// written as one expression, the parts joined with AND (sbom-writers.md).
void ExpectJoinedLicenses(nlohmann::json& component) {
  if (!component.contains("licenses")) return;
  const nlohmann::json& list = component["licenses"];
  bool has_expression = false;
  for (const nlohmann::json& l : list) has_expression |= l.contains("expression");
  if (!has_expression || list.size() < 2) return;
  std::string joined;
  for (const nlohmann::json& l : list) {
    std::string v = l.contains("expression") ? l["expression"].get<std::string>()
                                             : l.value("id", std::string());
    if (v.empty()) continue;  // names cannot join
    if (!joined.empty()) joined += " AND ";
    joined += v.find(' ') != std::string::npos ? "(" + v + ")" : v;
  }
  component["licenses"] = nlohmann::json::array({{{"expression", joined}}});
}

struct Identity {
  std::string ref, type, group, name, version, purl, cpe, swid;
  bool operator==(const Identity& o) const {
    return ref == o.ref && type == o.type && group == o.group && name == o.name &&
           version == o.version && purl == o.purl && cpe == o.cpe && swid == o.swid;
  }
};

Identity IdentityOf(const Component& c) {
  return {c.ref, c.type, c.group, c.name, c.version, c.purl, c.cpe, c.swid_tag_id};
}

std::map<std::string, std::string>& derived_serials() {
  static std::map<std::string, std::string> serials;
  return serials;
}

struct Tally {
  int documents = 0, encodings = 0, failures = 0;
  size_t components = 0;
};

// Encodes `doc` with `encoder` at `version`, decodes the result and checks it.
void Check(const Document& doc, const std::string& name, const std::string& encoder_name,
           const std::string& version, Tally& t) {
  const SbomEncoder* encoder = FindEncoder(encoder_name);
  ASSERT_NE(encoder, nullptr);
  ++t.encodings;
  const std::string what = name + " -> " + encoder_name + " " + version;
  NullSink losses;
  Result<std::string> text = encoder->Encode(doc, {version}, losses);
  ASSERT_TRUE(text.ok()) << what << ": " << text.status().message();
  CollectingSink sink;
  Result<Document> again = Decode(*text, what, sink);
  if (!again.ok()) {
    ++t.failures;
    ADD_FAILURE() << what << ": " << again.status().message() << "\n" << text->substr(0, 4000);
    return;
  }
  EXPECT_EQ(again->spec_version, version) << what;
  ASSERT_EQ(again->components.size(), doc.components.size()) << what;
  t.components += again->components.size();
  for (size_t i = 0; i < doc.components.size(); ++i) {
    Identity want = IdentityOf(doc.components[i]);
    Identity got = IdentityOf(again->components[i]);
    if (want.type.empty() ||
        !cdx::InEnum(cdx::kComponentType, want.type, cdx::ParseSpecVersion(version))) {
      want.type = "library";  // the documented fallback
    }
    if (!(got == want)) {
      ++t.failures;
      ADD_FAILURE() << what << ": component " << i << " changed identity";
    }
  }
  const bool lossless = cdx::ParseSpecVersion(version) >= cdx::ParseSpecVersion(doc.spec_version);
  if (lossless) {
    const bool same_encoding = again->format == doc.format;
    nlohmann::json want = Comparable(doc, same_encoding);
    nlohmann::json got = Comparable(*again, same_encoding);
    if (cdx::ParseSpecVersion(version) < 7) {
      if (want.contains("subject")) ExpectJoinedLicenses(want["subject"]);
      for (nlohmann::json& c : want["components"]) ExpectJoinedLicenses(c);
    }
    if (doc.serial_number.empty()) {
      // Derived from the content: present, well formed, and the same on
      // every encoding of the document.
      const std::string serial = again->serial_number;
      EXPECT_TRUE(cdx::IsSerialNumber(serial)) << what << ": " << serial;
      EXPECT_EQ(serial.substr(23, 1), "8") << what << ": version nibble of " << serial;
      auto [it, fresh] = derived_serials().emplace(name, serial);
      EXPECT_EQ(it->second, serial) << what << ": derived serial number differs between encodings";
      got.erase("serialNumber");
    }
    if (want != got) {
      ++t.failures;
      nlohmann::json patch = nlohmann::json::diff(want, got);
      ADD_FAILURE() << what << ": normalized document changed: " << patch.dump().substr(0, 2000);
    }
  }
}

void CheckAll(const Document& doc, const std::string& name, Tally& t) {
  ++t.documents;
  const std::string lossless = cdx::ParseSpecVersion(doc.spec_version) == 7 ? "1.7" : "1.6";
  for (const char* encoder : {"cyclonedx-json", "cyclonedx-xml"}) {
    Check(doc, name, encoder, lossless, t);
    Check(doc, name, encoder, "1.5", t);
  }
}

bool StartsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

TEST(CycloneDxRoundTrip, SpecValidDocuments) {
  SK_REQUIRE_CORPUS(root);
  Tally t;
  for (const std::string version : {"1.4", "1.5", "1.6", "1.7"}) {
    for (const fs::path& file :
         testing::FilesBelow(root / "cyclonedx/spec/test-resources" / version, "")) {
      const std::string name = file.filename().string();
      if (!StartsWith(name, "valid-")) continue;
      const std::string bytes = testing::ReadFileOrFail(file);
      NullSink sink;
      Result<Document> doc = Decode(bytes, name, sink);
      ASSERT_TRUE(doc.ok()) << doc.status().message();
      CheckAll(*doc, version + "/" + name, t);
    }
  }
  std::cout << "CycloneDX spec valid-* 1.4-1.7: " << t.documents << " documents, " << t.encodings
            << " encodings decoded again, " << t.components << " components compared, "
            << t.failures << " failures\n";
  EXPECT_GE(t.documents, 300);
  EXPECT_EQ(t.failures, 0);
}

TEST(CycloneDxRoundTrip, RealSboms) {
  SK_REQUIRE_CORPUS(root);
  Tally t;
  for (const fs::path& file : testing::FilesBelow(root / "real-sboms", "")) {
    const std::string bytes = testing::ReadFileOrFail(file);
    const SbomDecoder* decoder = FindDecoder(bytes);
    if (decoder == nullptr || decoder->Name().rfind("cyclonedx", 0) != 0) continue;
    NullSink sink;
    Result<Document> doc = decoder->Decode(bytes, file.filename().string(), sink);
    if (!doc.ok()) continue;  // the known invalid ones (real_sboms_test.cc)
    CheckAll(*doc, fs::relative(file, root / "real-sboms").string(), t);
  }
  std::cout << "real CycloneDX SBOMs: " << t.documents << " documents, " << t.encodings
            << " encodings decoded again, " << t.components << " components compared, "
            << t.failures << " failures\n";
  EXPECT_GE(t.documents, 27);  // 30 CycloneDX documents, 3 known invalid
  EXPECT_EQ(t.failures, 0);
}

}  // namespace
}  // namespace soupkeeper::sbom
