// VersionScheme::SortedOrder: ascending, stable, and in bounds even for an
// intransitive order (Maven's own cycle, found by the fuzzer).
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "soupkeeper/version.h"

namespace soupkeeper::version {
namespace {

std::vector<std::string> Sorted(const char* scheme_name, const std::vector<std::string>& texts) {
  const VersionScheme* scheme = FindScheme(scheme_name);
  EXPECT_NE(scheme, nullptr);
  std::vector<std::unique_ptr<ParsedVersion>> owned;
  std::vector<const ParsedVersion*> parsed;
  for (const std::string& t : texts) {
    auto p = scheme->Parse(t);
    EXPECT_TRUE(p.ok()) << t;
    owned.push_back(std::move(*p));
    parsed.push_back(owned.back().get());
  }
  std::vector<std::string> out;
  for (size_t i : scheme->SortedOrder(parsed)) out.push_back(texts[i]);
  return out;
}

TEST(SortedOrder, AscendingAndStable) {
  EXPECT_EQ(Sorted("deb", {"1:0.1", "2.0-1", "2.0~rc1-1", "1.0", "2.0-1"}),
            (std::vector<std::string>{"1.0", "2.0~rc1-1", "2.0-1", "2.0-1", "1:0.1"}));
  // Equal under npm (v prefix): the input order is kept.
  EXPECT_EQ(Sorted("npm", {"v1.0.0", "1.0.0", "0.1.0"}),
            (std::vector<std::string>{"0.1.0", "v1.0.0", "1.0.0"}));
  EXPECT_TRUE(Sorted("pypi", {}).empty());
}

TEST(SortedOrder, IntransitiveOrderGivesAPermutation) {
  // 1.00 > 1.0-0-RC1 > 1?.0q > 1.00 under Maven's ComparableVersion.
  std::vector<std::string> cycle = {"1.00", "1.0-0-RC1", "1?.0q", "1.00", "1.0-0-RC1", "1?.0q"};
  std::vector<std::string> out = Sorted("maven", cycle);
  std::sort(out.begin(), out.end());
  std::sort(cycle.begin(), cycle.end());
  EXPECT_EQ(out, cycle);
}

}  // namespace
}  // namespace soupkeeper::version
