// The flat string sets of the CycloneDX decoders (cdx_rules.h): ViewSet
// (the bom-refs of a document) and UniqueViews (uniqueItems checks).
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "sbom/cdx_rules.h"

namespace soupkeeper::sbom::cdx {
namespace {

// Strings "r0" .. "r<n-1>", kept alive for the views.
std::vector<std::string> Names(int n, const std::string& prefix) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(prefix + std::to_string(i));
  return out;
}

TEST(ViewSetTest, EmptySetContainsNothing) {
  ViewSet set;
  EXPECT_EQ(set.size(), 0u);
  EXPECT_FALSE(set.Contains("a"));
  EXPECT_FALSE(set.Contains(""));
}

TEST(ViewSetTest, SecondInsertOfEqualTextFails) {
  ViewSet set;
  std::string a = "pkg:npm/a@1", a_copy = "pkg:npm/a@1";
  EXPECT_TRUE(set.Insert(a));
  EXPECT_FALSE(set.Insert(a_copy));  // equal text in another buffer
  EXPECT_TRUE(set.Insert("pkg:npm/a@2"));
  EXPECT_TRUE(set.Insert(""));
  EXPECT_FALSE(set.Insert(""));
  EXPECT_EQ(set.size(), 3u);
  EXPECT_TRUE(set.Contains("pkg:npm/a@1"));
  EXPECT_FALSE(set.Contains("pkg:npm/a@3"));
}

TEST(ViewSetTest, KeepsEveryStringThroughGrowth) {
  // Sized for 10 and filled with 5,000: the table grows many times.
  const std::vector<std::string> names = Names(5000, "r");
  ViewSet set(10);
  for (const std::string& n : names) ASSERT_TRUE(set.Insert(n)) << n;
  EXPECT_EQ(set.size(), 5000u);
  for (const std::string& n : names) {
    EXPECT_TRUE(set.Contains(n)) << n;
    EXPECT_FALSE(set.Insert(n)) << n;
  }
  for (const std::string& n : Names(5000, "s")) EXPECT_FALSE(set.Contains(n)) << n;
  EXPECT_FALSE(set.Contains("r5000"));
  EXPECT_EQ(set.size(), 5000u);
}

TEST(ViewSetTest, ContainsEachAnswersInOrder) {
  const std::vector<std::string> names = Names(3000, "r");
  ViewSet set;
  for (size_t i = 0; i < names.size(); i += 3) set.Insert(names[i]);
  // Shorter than, equal to and longer than the lookahead, hits and misses
  // mixed, repeats, the empty string.
  for (size_t n : {0u, 1u, 7u, 16u, 17u, 3000u}) {
    std::vector<std::string_view> keys(names.begin(), names.begin() + n);
    if (n > 0) keys.push_back(keys.front());
    keys.push_back("");
    const std::vector<bool> found = set.ContainsEach(keys);
    ASSERT_EQ(found.size(), keys.size()) << n;
    for (size_t i = 0; i < keys.size(); ++i) {
      EXPECT_EQ(found[i], set.Contains(keys[i])) << n << " " << keys[i];
      EXPECT_EQ(found[i], keys[i].size() > 1 && std::stoi(std::string(keys[i].substr(1))) % 3 == 0)
          << keys[i];
    }
  }
  EXPECT_EQ(ViewSet().ContainsEach({"a", "b"}), (std::vector<bool>{false, false}));
}

TEST(UniqueViewsTest, FindsDuplicatesBelowAndAboveTheLinearScan) {
  const std::vector<std::string> names = Names(40, "c");
  UniqueViews seen;
  for (int i = 0; i < 40; ++i) {
    ASSERT_TRUE(seen.Insert(names[i])) << i;
    // Every earlier item is a duplicate, whether in the scanned list or the
    // hash set.
    EXPECT_FALSE(seen.Insert(names[i / 2])) << i;
  }
  EXPECT_FALSE(seen.Insert("c0"));
  EXPECT_FALSE(seen.Insert("c39"));
  EXPECT_TRUE(seen.Insert("c40"));
}

}  // namespace
}  // namespace soupkeeper::sbom::cdx
