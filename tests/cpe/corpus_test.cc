// CPE conformance on real NVD data: every CPE name in the NVD corpus
// (../shared/data/nvd: NVD API 2.0 CVE, CPE dictionary and CPE Match responses,
// the legacy 1.1 feed, and the NVD fixtures of grype, vunnel, osv.dev,
// Dependency-Track and VulnerableCode) must parse, bind back to the same
// formatted string, and survive the trip through the URI binding. The CPE
// Match response also says which dictionary names NVD matched to each
// criteria; Matches() must agree on every one.
//
// The one CPE in the corpus believed malformed is listed in kKnownMalformed
// with its reason (and in docs/parts/cpe-conformance.md); it must fail with
// the listed message, so the list stays true.
#include "support/corpus.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "soupkeeper/cpe.h"

namespace soupkeeper::cpe {
namespace {

namespace fs = std::filesystem;

struct KnownMalformed {
  const char* file;  // below nvd/
  const char* cpe;
  const char* error;
  const char* reason;
};

const KnownMalformed kKnownMalformed[] = {
    {"grype-fixtures/grype/db/v6/build/transformers/nvd/testdata/invalid_cpe.json",
     "cpe:2.3:a:soap::lite_project:soap::lite:*:*:*:*:*:perl:*:*",
     "invalid CPE 'cpe:2.3:a:soap::lite_project:soap::lite:*:*:*:*:*:perl:*:*': "
     "expected 13 components, found 17",
     "grype's deliberately invalid fixture: the colons of 'soap::lite' are not quoted (NVD "
     "writes soap\\:\\:lite)"},
};

// Every string under a "cpeName", "criteria" or "cpe23Uri" key.
void CollectCpes(const nlohmann::json& j, std::vector<std::string>* out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if ((it.key() == "cpeName" || it.key() == "criteria" || it.key() == "cpe23Uri") &&
          it.value().is_string()) {
        out->push_back(it.value().get<std::string>());
      } else {
        CollectCpes(it.value(), out);
      }
    }
  } else if (j.is_array()) {
    for (const auto& e : j) CollectCpes(e, out);
  }
}

const KnownMalformed* FindKnown(const std::string& file, const std::string& cpe) {
  for (const KnownMalformed& k : kKnownMalformed) {
    if (file == k.file && cpe == k.cpe) return &k;
  }
  return nullptr;
}

TEST(CpeCorpus, EveryNvdCpeParsesAndRoundTrips) {
  SK_REQUIRE_CORPUS(root);
  const fs::path nvd = root / "nvd";
  size_t total = 0, parsed = 0, known = 0, files = 0;
  for (const fs::path& path : testing::FilesBelow(nvd, ".json")) {
    auto doc = nlohmann::json::parse(testing::ReadFileOrFail(path), nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << path;
    std::vector<std::string> cpes;
    CollectCpes(doc, &cpes);
    if (cpes.empty()) continue;
    ++files;
    const std::string rel = fs::relative(path, nvd).string();
    size_t file_parsed = 0;
    for (const std::string& text : cpes) {
      ++total;
      auto wfn = ParseFormattedString(text);
      if (const KnownMalformed* k = FindKnown(rel, text)) {
        ++known;
        EXPECT_FALSE(wfn.ok()) << rel << ": listed as malformed but parses: " << text;
        if (!wfn.ok()) {
          EXPECT_EQ(wfn.status().message(), k->error);
        }
        continue;
      }
      ASSERT_TRUE(wfn.ok()) << rel << ": " << wfn.status().message();
      ++file_parsed;
      // fs -> WFN -> fs gives the NVD string back (NVD writes the canonical
      // binding).
      EXPECT_EQ(wfn->ToFormattedString(), text) << rel;
      // WFN -> URI -> WFN gives the same name, lower-cased; and URI -> fs.
      const std::string uri = wfn->ToUri();
      auto back = ParseUri(uri);
      ASSERT_TRUE(back.ok()) << rel << ": " << text << " -> " << uri << ": "
                             << back.status().message();
      EXPECT_EQ(*back, wfn->Lowercased()) << rel << ": " << text << " -> " << uri;
      EXPECT_EQ(back->ToUri(), wfn->Lowercased().ToUri()) << rel << ": " << uri;
      // A name matches itself and is equal to itself.
      EXPECT_TRUE(IsEqual(*wfn, *back)) << rel << ": " << text;
    }
    parsed += file_parsed;
    std::cout << "  nvd/" << rel << ": " << file_parsed << "/" << cpes.size() << " parsed\n";
  }
  std::cout << "CPE corpus: " << files << " files, " << total << " CPE names, " << parsed
            << " parsed and round-tripped, " << known << " known malformed\n";
  EXPECT_EQ(known, std::size(kKnownMalformed));
  EXPECT_EQ(parsed + known, total);
  EXPECT_GT(total, 14000u);  // the corpus as described in SOURCES.md
}

// The NVD CPE Match API lists, for each criteria, the dictionary names NVD
// considers matched (before version ranges, which NVD applied separately).
TEST(CpeCorpus, NvdCpeMatchAgreesWithMatches) {
  SK_REQUIRE_CORPUS(root);
  const fs::path file = root / "nvd/nvd-go-api-responses/cpematch-CVE-2022-32223.json";
  auto doc = nlohmann::json::parse(testing::ReadFileOrFail(file), nullptr, false);
  ASSERT_FALSE(doc.is_discarded());
  size_t criteria_count = 0, pairs = 0;
  for (const auto& entry : doc.at("matchStrings")) {
    const auto& ms = entry.at("matchString");
    auto criteria = ParseFormattedString(ms.at("criteria").get<std::string>());
    ASSERT_TRUE(criteria.ok()) << criteria.status().message();
    ++criteria_count;
    for (const auto& m : ms.value("matches", nlohmann::json::array())) {
      auto name = ParseFormattedString(m.at("cpeName").get<std::string>());
      ASSERT_TRUE(name.ok()) << name.status().message();
      EXPECT_TRUE(Matches(*criteria, *name))
          << criteria->ToFormattedString() << " vs " << name->ToFormattedString();
      ++pairs;
    }
  }
  std::cout << "NVD cpematch: " << criteria_count << " criteria, " << pairs
            << " (criteria, matched name) pairs agree\n";
  EXPECT_EQ(criteria_count, 6u);
  EXPECT_EQ(pairs, 76u);
}

// The candidate path of version-range matching: every ANY-version criteria
// of cves-2023.json, with a concrete version put in by WithVersion, must
// match the candidate it gave.
TEST(CpeCorpus, CandidatesBuiltFromCriteriaMatchTheirCriteria) {
  SK_REQUIRE_CORPUS(root);
  const fs::path file = root / "nvd/nvd-go-api-responses/cves-2023.json";
  auto doc = nlohmann::json::parse(testing::ReadFileOrFail(file), nullptr, false);
  ASSERT_FALSE(doc.is_discarded());
  std::vector<std::string> criteria;
  CollectCpes(doc, &criteria);
  size_t built = 0;
  for (const std::string& text : criteria) {
    auto c = ParseFormattedString(text);
    ASSERT_TRUE(c.ok()) << c.status().message();
    if (!c->version().is_any()) continue;
    auto candidate = WithVersion(*c, "1.2.3-rc.1");
    ASSERT_TRUE(candidate.ok()) << candidate.status().message();
    EXPECT_TRUE(Matches(*c, *candidate)) << text;
    EXPECT_EQ(candidate->version().wfn(), R"(1\.2\.3\-rc\.1)");
    ++built;
  }
  std::cout << "cves-2023 criteria with ANY version: " << built << " candidates matched\n";
  EXPECT_GT(built, 0u);
}

}  // namespace
}  // namespace soupkeeper::cpe
