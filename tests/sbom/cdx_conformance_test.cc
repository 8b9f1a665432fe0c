// Conformance of the CycloneDX decoders with the specification's own test
// resources: every valid-* document of versions 1.2-1.7 decodes, every
// invalid-* document is rejected with an error that names its place.
//
// Counts per spec version and format are printed. Cases believed wrong are
// listed in kExceptions with the reason (also in docs/parts/sbom-conformance.md).
#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "sbom/cdx_decoders.h"
#include "soupkeeper/sbom.h"
#include "support/corpus.h"

namespace soupkeeper::sbom {
namespace {

namespace fs = std::filesystem;

// File name -> why its expected outcome is believed wrong. Empty: none.
const std::map<std::string, std::string> kExceptions = {};

struct Tally {
  int valid_total = 0, valid_ok = 0, invalid_total = 0, invalid_ok = 0;
};

bool StartsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

TEST(CycloneDxConformance, SpecTestResources) {
  SK_REQUIRE_CORPUS(root);
  const fs::path dir = root / "cyclonedx/spec/test-resources";
  std::map<std::string, Tally> tallies;  // "1.6 JSON"
  int failures = 0;
  const std::vector<std::string> versions = {"1.2", "1.3", "1.4", "1.5", "1.6", "1.7"};
  for (const std::string& version : versions) {
    for (const bool json : {true, false}) {
      const std::string ext = json ? ".json" : ".xml";
      for (const fs::path& file : testing::FilesBelow(dir / version, ext)) {
        const std::string name = file.filename().string();
        const bool valid = StartsWith(name, "valid-");
        if (!valid && !StartsWith(name, "invalid-")) continue;
        Tally& t = tallies[version + (json ? " JSON" : " XML")];
        const std::string bytes = testing::ReadFileOrFail(file);
        CollectingSink sink;
        const SbomDecoder* decoder = FindDecoder(bytes);
        ASSERT_NE(decoder, nullptr) << name << ": not identified";
        EXPECT_EQ(decoder->Name(), json ? "cyclonedx-json" : "cyclonedx-xml") << name;
        Result<Document> doc = decoder->Decode(bytes, name, sink);
        const bool excepted = kExceptions.count(name) > 0;
        if (valid) {
          ++t.valid_total;
          if (doc.ok()) {
            ++t.valid_ok;
            EXPECT_EQ(doc->spec_version, version) << name;
          } else if (!excepted) {
            ++failures;
            ADD_FAILURE() << name << " rejected: " << doc.status().message();
          }
        } else {
          ++t.invalid_total;
          if (!doc.ok()) {
            ++t.invalid_ok;
            // The reason names the place: a JSON pointer or an XML line.
            const std::string msg = doc.status().message();
            EXPECT_TRUE(msg.find(name + ": /") == 0 || msg.find(name + ": line ") == 0) << msg;
            std::vector<Diagnostic> diags = sink.Take();
            ASSERT_FALSE(diags.empty()) << name;
            EXPECT_EQ(diags.front().severity, Severity::kError) << name;
          } else if (!excepted) {
            ++failures;
            ADD_FAILURE() << name << " accepted";
          }
        }
      }
    }
  }
  std::cout << "CycloneDX spec test-resources (version format: valid accepted, invalid rejected)\n";
  for (const auto& [key, t] : tallies) {
    std::cout << "  " << key << ": valid " << t.valid_ok << "/" << t.valid_total << ", invalid "
              << t.invalid_ok << "/" << t.invalid_total << "\n";
  }
  std::cout << "  exceptions: " << kExceptions.size() << ", failures: " << failures << "\n";
  EXPECT_EQ(tallies.size(), 12u);
}

}  // namespace
}  // namespace soupkeeper::sbom
