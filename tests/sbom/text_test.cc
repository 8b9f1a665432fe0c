// sbom::Text, List and Arena (sbom_text.h): text and lists kept in blocks,
// compared and printed like strings.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "soupkeeper/sbom_text.h"

namespace soupkeeper::sbom {
namespace {

TEST(TextTest, LiteralsAndEmpty) {
  constexpr Text lib = "library";
  static_assert(lib.size() == 7);
  EXPECT_EQ(lib, "library");
  EXPECT_EQ(std::string_view(lib), "library");
  const Text none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none, "");
  EXPECT_NE(none.data(), nullptr);  // a view of "" is still a C string
}

TEST(TextTest, KeptTextOutlivesItsSource) {
  Arena arena;
  Text kept;
  {
    std::string source = "pkg:npm/lodash@4.17.21";
    kept = arena.Keep(source);
    source.assign(source.size(), 'x');
  }
  EXPECT_EQ(kept, "pkg:npm/lodash@4.17.21");
  EXPECT_EQ(kept.size(), 22u);
  EXPECT_TRUE(arena.Keep("").empty());
}

TEST(TextTest, ComparesPrintsAndConcatenatesLikeAString) {
  Arena arena;
  const Text a = arena.Keep("abc");
  const Text b = arena.Keep(std::string("abd"));
  EXPECT_TRUE(a < b);
  EXPECT_TRUE(a == std::string("abc"));
  EXPECT_TRUE("abc" == a);
  EXPECT_TRUE(a != b);
  EXPECT_TRUE(a == Text::View(std::string_view("abcdef", 3)));
  EXPECT_EQ(a.find('b'), 1u);
  EXPECT_EQ(a.substr(1), "bc");
  EXPECT_TRUE(a.starts_with("ab"));
  EXPECT_EQ("x-" + a, "x-abc");
  EXPECT_EQ(std::string("y-") + a, "y-abc");
  EXPECT_EQ(a + "-z", "abc-z");
  std::ostringstream out;
  out << a << "|" << b;
  EXPECT_EQ(out.str(), "abc|abd");
  std::map<Text, int> ordered{{b, 2}, {a, 1}};
  EXPECT_EQ(ordered.begin()->first, "abc");
  std::unordered_set<Text> set{a, arena.Keep("abc")};
  EXPECT_EQ(set.size(), 1u);
}

struct Pair {
  Text name;
  Text value;
};

TEST(ArenaTest, ListsKeepTheirItemsAndAlignment) {
  Arena arena;
  const Text odd = arena.Keep("x");  // leaves the next free byte unaligned
  std::vector<Pair> pairs;
  for (int i = 0; i < 100; ++i) {
    pairs.push_back({arena.Keep("n" + std::to_string(i)), arena.Keep(std::to_string(i * i))});
  }
  const List<Pair> list = arena.KeepList(pairs);
  pairs.clear();
  pairs.shrink_to_fit();
  ASSERT_EQ(list.size(), 100u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(list.data()) % alignof(Pair), 0u);
  for (size_t i = 0; i < list.size(); ++i) {
    EXPECT_EQ(list[i].name, "n" + std::to_string(i));
    EXPECT_EQ(list[i].value, std::to_string(i * i));
  }
  size_t n = 0;
  for (const Pair& p : list) n += p.value.size();
  EXPECT_GT(n, 100u);
  EXPECT_EQ(odd, "x");
  EXPECT_TRUE(arena.KeepList(std::vector<Pair>{}).empty());
}

TEST(ArenaTest, ManyAndLargeTextsStayIntact) {
  // Crosses block sizes (4 KiB doubling to 1 MiB) and one text larger than
  // any block.
  Arena arena;
  std::vector<Text> texts;
  for (int i = 0; i < 200000; ++i) texts.push_back(arena.Keep("component-" + std::to_string(i)));
  const std::string big(3 << 20, 'b');
  const Text large = arena.Keep(big);
  for (int i = 0; i < 200000; i += 997) EXPECT_EQ(texts[i], "component-" + std::to_string(i));
  EXPECT_EQ(large.size(), big.size());
  EXPECT_EQ(large, big);
  EXPECT_GE(arena.capacity(), big.size());
  EXPECT_LT(arena.capacity(), 2 * (big.size() + 200000 * 17));
}

// Arenas destroyed hand their full blocks to the next ones of the thread:
// several Arenas alive at once, made and destroyed in turn, each keep their
// own text (a block handed out twice would mix them).
TEST(ArenaTest, ReusedBlocksServeOneArenaEach) {
  auto fill = [](Arena& arena, char tag) {
    std::vector<Text> texts;
    for (int i = 0; i < 40000; ++i) {
      texts.push_back(arena.Keep(std::string(100, tag) + std::to_string(i)));  // 4 MiB
    }
    return texts;
  };
  auto intact = [](const std::vector<Text>& texts, char tag) {
    for (size_t i = 0; i < texts.size(); ++i) {
      if (texts[i] != std::string(100, tag) + std::to_string(i)) return false;
    }
    return true;
  };
  auto first = std::make_unique<Arena>();
  std::vector<Text> a = fill(*first, 'a');
  first.reset();  // its blocks go to the cache
  Arena second, third;
  std::vector<Text> b = fill(second, 'b');
  std::vector<Text> c = fill(third, 'c');
  EXPECT_TRUE(intact(b, 'b'));
  EXPECT_TRUE(intact(c, 'c'));
  // And in another thread, with Arenas made here and destroyed there.
  auto moved = std::make_unique<Arena>();
  fill(*moved, 'd');
  std::thread([&] {
    moved.reset();
    Arena fourth;
    std::vector<Text> e = fill(fourth, 'e');
    EXPECT_TRUE(intact(e, 'e'));
  }).join();
  EXPECT_TRUE(intact(b, 'b'));
  EXPECT_TRUE(intact(c, 'c'));
}

}  // namespace
}  // namespace soupkeeper::sbom
