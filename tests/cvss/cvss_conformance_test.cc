// Conformance with the RedHatProductSecurity/cvss test vectors (corpus
// cvss/redhat-cvss/tests). Line formats:
//   2.0, 3.x: "VECTOR - (base, temporal, environmental)", where 2.0 writes
//             "None" for a score the vector has no metrics for and 3.x always
//             gives all three, computed with Not Defined metrics;
//   4.0:      "VECTOR - (score,)" or "VECTOR - score".
// Every vector of every file must give its expected scores.
#include <gtest/gtest.h>

#include <charconv>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "soupkeeper/cvss.h"
#include "support/corpus.h"

namespace soupkeeper::cvss {
namespace {

struct Case {
  int line = 0;
  std::string vector;
  std::vector<std::optional<double>> expected;  // nullopt for "None"
};

std::optional<double> ParseNumber(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  if (s == "None") return std::nullopt;
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  EXPECT_TRUE(ec == std::errc() && ptr == s.data() + s.size()) << "bad number '" << s << "'";
  return v;
}

std::vector<Case> ReadCases(const std::filesystem::path& file) {
  std::vector<Case> cases;
  std::istringstream in(testing::ReadFileOrFail(file));
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    size_t sep = line.find(" - ");
    EXPECT_NE(sep, std::string::npos) << file << ":" << n;
    if (sep == std::string::npos) continue;
    Case c{n, line.substr(0, sep), {}};
    std::string_view rest = std::string_view(line).substr(sep + 3);
    if (rest.starts_with("(")) rest = rest.substr(1, rest.size() - 2);  // strip "(" ")"
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      std::string_view item = rest.substr(0, comma);
      if (!item.empty()) c.expected.push_back(ParseNumber(item));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

// Compares one case; returns "" when it passes, else what differed.
std::string Check(const Case& c, Version version, std::optional<Nomenclature> nomenclature) {
  auto vector = Parse(c.vector);
  if (!vector.ok()) return "parse error: " + vector.status().message();
  if (vector->version() != version) return "wrong version";
  Scores s = Calculate(*vector);
  std::ostringstream diff;
  auto expect = [&](const char* what, std::optional<double> got, std::optional<double> want) {
    if (got != want) {
      diff << what << " " << (got ? std::to_string(*got) : "None") << " != expected "
           << (want ? std::to_string(*want) : "None") << "; ";
    }
  };
  if (version == Version::kV4_0) {
    if (c.expected.size() != 1) return "expected one score";
    expect("score", s.base.value, c.expected[0]);
    if (s.nomenclature != nomenclature) diff << "nomenclature; ";
    return diff.str();
  }
  if (c.expected.size() != 3) return "expected three scores";
  expect("base", s.base.value, c.expected[0]);
  if (version == Version::kV2_0) {
    // The 2.0 files give no Temporal / Environmental score without such metrics.
    expect("temporal", s.has_temporal_metrics ? std::optional(s.temporal->value) : std::nullopt,
           c.expected[1]);
    expect("environmental",
           s.has_environmental_metrics ? std::optional(s.environmental->value) : std::nullopt,
           c.expected[2]);
  } else {
    expect("temporal", s.temporal->value, c.expected[1]);
    expect("environmental", s.environmental->value, c.expected[2]);
  }
  return diff.str();
}

struct CorpusFile {
  const char* name;
  std::optional<Version> version;  // nullopt: 3.0 or 3.1 by prefix
  std::optional<Nomenclature> nomenclature;
  size_t expected_count;
};

TEST(CvssConformance, RedHatVectors) {
  SK_REQUIRE_CORPUS(root);
  const CorpusFile kFiles[] = {
      {"vectors_simple2", Version::kV2_0, {}, 729},
      {"vectors_calculator2", Version::kV2_0, {}, 5},
      {"vectors_cvsslib2", Version::kV2_0, {}, 24},
      {"vectors_simple3", Version::kV3_0, {}, 2592},
      {"vectors_simple31", Version::kV3_1, {}, 2592},
      {"vectors_calculator3", Version::kV3_0, {}, 2},
      {"vectors_cvsslib3", Version::kV3_0, {}, 29},
      {"vectors_simple4", Version::kV4_0, Nomenclature::kBase, 1058},
      {"vectors_threat4", Version::kV4_0, Nomenclature::kBaseThreat, 6},
      {"vectors_security4", Version::kV4_0, Nomenclature::kBaseEnvironmental, 54},
      {"vectors_supplemental4", Version::kV4_0, Nomenclature::kBase, 576},
  };
  size_t total = 0, total_passed = 0;
  for (const CorpusFile& f : kFiles) {
    std::vector<Case> cases = ReadCases(root / "cvss/redhat-cvss/tests" / f.name);
    EXPECT_EQ(cases.size(), f.expected_count) << f.name;
    size_t passed = 0;
    for (const Case& c : cases) {
      std::string diff = Check(c, *f.version, f.nomenclature);
      if (diff.empty()) {
        ++passed;
      } else {
        ADD_FAILURE() << f.name << ":" << c.line << ": " << c.vector << ": " << diff;
      }
    }
    std::cout << "cvss conformance: " << f.name << ": " << passed << "/" << cases.size()
              << " passed\n";
    total += cases.size();
    total_passed += passed;
  }
  std::cout << "cvss conformance: total: " << total_passed << "/" << total << " passed\n";
  EXPECT_EQ(total_passed, total);
}

// Re-serializing each corpus vector gives a string that parses back to an
// equal vector and the same scores.
TEST(CvssConformance, CorpusVectorsRoundTrip) {
  SK_REQUIRE_CORPUS(root);
  size_t n = 0;
  for (const auto& file : testing::FilesBelow(root / "cvss/redhat-cvss/tests", "")) {
    if (file.filename().string().rfind("vectors_", 0) != 0) continue;
    for (const Case& c : ReadCases(file)) {
      auto v = Parse(c.vector);
      ASSERT_TRUE(v.ok()) << c.vector;
      auto again = Parse(v->ToString());
      ASSERT_TRUE(again.ok()) << v->ToString() << ": " << again.status().message();
      EXPECT_EQ(*again, *v) << c.vector;
      EXPECT_EQ(Calculate(*again).base.value, Calculate(*v).base.value) << c.vector;
      ++n;
    }
  }
  EXPECT_EQ(n, 7667u);
}

}  // namespace
}  // namespace soupkeeper::cvss
