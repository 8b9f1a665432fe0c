// Hand-made CycloneDX 1.6 JSON documents for the release tests: each
// component written out field by field, so a test states its known answer
// next to its input.
#ifndef SOUPKEEPER_TESTS_RELEASE_SBOM_FIXTURES_H_
#define SOUPKEEPER_TESTS_RELEASE_SBOM_FIXTURES_H_

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/corpus.h"

namespace soupkeeper::testing {

struct FixtureComponent {
  std::string name;
  std::string version;
  std::string purl;                     // "" for none
  std::string sha256;                   // "" for none
  std::string license;                  // SPDX id, "" for none
  std::string supplier;                 // "" for none
  std::string group;                    // "" for none
  std::vector<std::string> depends_on;  // bom-refs ("name@version")
};

// A CycloneDX 1.6 JSON document; each component's bom-ref is "name@version".
inline std::string CycloneDx(const std::vector<FixtureComponent>& components) {
  nlohmann::ordered_json doc = {{"bomFormat", "CycloneDX"},
                                {"specVersion", "1.6"},
                                {"version", 1},
                                {"components", nlohmann::ordered_json::array()}};
  nlohmann::ordered_json deps = nlohmann::ordered_json::array();
  for (const FixtureComponent& c : components) {
    nlohmann::ordered_json j = {{"bom-ref", c.name + "@" + c.version}, {"type", "library"}};
    if (!c.supplier.empty()) j["supplier"] = {{"name", c.supplier}};
    if (!c.group.empty()) j["group"] = c.group;
    j["name"] = c.name;
    j["version"] = c.version;
    if (!c.sha256.empty()) {
      j["hashes"] = nlohmann::ordered_json::array({{{"alg", "SHA-256"}, {"content", c.sha256}}});
    }
    if (!c.license.empty()) {
      j["licenses"] = nlohmann::ordered_json::array({{{"license", {{"id", c.license}}}}});
    }
    if (!c.purl.empty()) j["purl"] = c.purl;
    doc["components"].push_back(j);
    if (!c.depends_on.empty())
      deps.push_back({{"ref", c.name + "@" + c.version}, {"dependsOn", c.depends_on}});
  }
  if (!deps.empty()) doc["dependencies"] = deps;
  return doc.dump(2) + "\n";
}

// 64 hex digits made of one repeated digit, for readable fake hashes.
inline std::string Hex64(char digit) { return std::string(64, digit); }

inline std::filesystem::path DemoSbomPath() {
  return std::filesystem::path(SOUPKEEPER_SOURCE_DIR) / "demo" /
         "infusion-pump-controller-2.3.0.cdx.json";
}

}  // namespace soupkeeper::testing

#endif  // SOUPKEEPER_TESTS_RELEASE_SBOM_FIXTURES_H_
