// The pieces of the SPDX readers that keep them cheap: the TextStore and
// the JSON tree that views its text, the inline text comparison, the
// dependency graph builder, and the rules' field lookup, which starts where
// the previous object had each member and must still find members written
// in another order.
#include "sbom/spdx_tree.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "sbom/spdx_decoders.h"
#include "soupkeeper/sbom.h"

namespace soupkeeper::sbom::spdx {
namespace {

TEST(SpdxTextStore, KeepsCopiesAcrossBlocks) {
  TextStore store;
  std::vector<std::string_view> kept;
  std::vector<std::string> want;
  // 16 KiB, 32 KiB, ... blocks: these fill several, and one text is larger
  // than any block so far.
  for (int i = 0; i < 5000; ++i) {
    want.push_back("text-" + std::to_string(i) + std::string(static_cast<size_t>(i % 50), 'x'));
  }
  want.push_back(std::string(200000, 'y'));
  for (const std::string& w : want) {
    std::string copy = w;  // the store must not view its argument
    kept.push_back(store.Keep(copy));
  }
  ASSERT_EQ(kept.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(kept[i], want[i]) << i;
  EXPECT_TRUE(store.Keep("").empty());
}

TEST(SpdxJsonTree, ViewsStayValidWhileTheStoreLives) {
  TextStore store;
  Result<Node> a = ParseJson(R"({"k\u00e9y": "v\n1", "n": 12, "big": 1e300, "t": true})", store);
  ASSERT_TRUE(a.ok()) << a.status().message();
  ASSERT_EQ(a->members.size(), 4u);
  EXPECT_EQ(a->members[0].key, "k\xC3\xA9y");  // unescaped
  EXPECT_EQ(a->members[0].value.text, "v\n1");
  EXPECT_EQ(a->members[1].value.kind, Node::Kind::kInt);
  EXPECT_EQ(a->members[1].value.text, "12");
  EXPECT_EQ(a->members[2].value.kind, Node::Kind::kNumber);
  // std::to_string: the 301 digits of the double nearest 1e300, ".000000".
  EXPECT_EQ(a->members[2].value.text.size(), 301u + 7u);
  EXPECT_EQ(a->members[2].value.text.substr(0, 4), "1000");
  EXPECT_EQ(a->members[3].value.text, "true");
}

// The thread's parser serves one tree at a time; a second tree while the
// first lives gets a parser of its own, and neither sees the other's text.
TEST(SpdxJsonTree, TwoTreesAtOnceOnOneThread) {
  auto first = std::make_unique<TextStore>();
  Result<Node> a = ParseJson(R"({"name": "first", "list": ["a1", "a2"]})", *first);
  ASSERT_TRUE(a.ok());
  {
    TextStore second;
    Result<Node> b = ParseJson(R"({"other": "second document", "list": ["b1"]})", second);
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b->members[0].key, "other");
    EXPECT_EQ(b->members[0].value.text, "second document");
    EXPECT_EQ(b->members[1].value.items[0].text, "b1");
    // A bad document, with a third store, while both live.
    TextStore third;
    EXPECT_FALSE(ParseJson("{\"x\": ", third).ok());
  }
  EXPECT_EQ(a->members[0].key, "name");
  EXPECT_EQ(a->members[0].value.text, "first");
  EXPECT_EQ(a->members[1].value.items[1].text, "a2");
  // Once the first store goes, the thread's parser serves the next tree.
  a = Node();
  first.reset();
  TextStore fourth;
  Result<Node> c = ParseJson(R"(["c"])", fourth);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->items[0].text, "c");
}

// SameText compares short texts by overlapping word loads: every length up
// to 40, equal and differing at each position, against string_view's ==.
TEST(SpdxSameText, AgreesWithEqualityAtEveryLengthAndPosition) {
  for (size_t n = 0; n <= 40; ++n) {
    std::string a(n, 'a'), b(n, 'a');
    for (size_t i = 0; i < n; ++i) a[i] = b[i] = static_cast<char>('a' + i % 26);
    EXPECT_TRUE(SameText(a, b)) << n;
    EXPECT_FALSE(SameText(a, a + "x")) << n;
    for (size_t i = 0; i < n; ++i) {
      std::string c = b;
      c[i] = '#';
      EXPECT_FALSE(SameText(a, c)) << n << " " << i;
      EXPECT_FALSE(SameText(c, a)) << n << " " << i;
    }
  }
}

TEST(SpdxDependencyBuilder, EachEdgeOnceInOrderOfFirstAppearance) {
  std::vector<Component> components(3);
  Arena arena;
  components[0].ref = "a";
  components[1].ref = "b";
  components[2].ref = "c";
  DependencyBuilder deps;
  deps.Add(1, 2);  // b -> c
  deps.Add(0, 1);  // a -> b
  deps.Add(1, 0);  // b -> a
  deps.Add(1, 2);  // again
  deps.Add(0, 1);  // again
  deps.Add(0, 2);  // a -> c
  std::vector<Dependency> got = deps.Take(components, arena);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].ref, "b");
  EXPECT_EQ(got[0].depends_on, (std::vector<Text>{"c", "a"}));
  EXPECT_EQ(got[1].ref, "a");
  EXPECT_EQ(got[1].depends_on, (std::vector<Text>{"b", "c"}));
}

// A component with many dependencies (the builder then dedupes by hash,
// not by scanning): 40 edges to 20 components, each twice, in a shuffled
// order; the first appearance of each decides its place.
TEST(SpdxDependencyBuilder, ManyEdgesFromOneComponent) {
  std::vector<Component> components(21);
  Arena arena;
  for (size_t i = 0; i < components.size(); ++i) {
    components[i].ref = arena.Keep("c" + std::to_string(i));
  }
  DependencyBuilder deps;
  std::vector<std::string> want;
  for (size_t k = 0; k < 40; ++k) {
    const size_t to = 1 + (k * 7) % 20;  // 7 and 20 coprime: all of 1..20, then again
    deps.Add(0, to);
    if (k < 20) want.push_back("c" + std::to_string(to));
  }
  std::vector<Dependency> got = deps.Take(components, arena);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].ref, "c0");
  EXPECT_EQ(std::vector<std::string>(got[0].depends_on.begin(), got[0].depends_on.end()), want);
}

// Packages whose members come in different orders, one with a member the
// package spec lacks: every field is found whatever the previous package's
// order, and the unknown one is named at its own pointer.
TEST(SpdxRules, MembersInAnyOrderAreFound) {
  const std::string doc = R"({
    "spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT",
    "name": "d", "documentNamespace": "https://example.com/d",
    "creationInfo": {"created": "2024-01-01T00:00:00Z", "creators": ["Tool: t-1"]},
    "packages": [
      {"SPDXID": "SPDXRef-a", "name": "a", "versionInfo": "1", "downloadLocation": "NONE"},
      {"downloadLocation": "NONE", "versionInfo": "2", "name": "b", "SPDXID": "SPDXRef-b"},
      {"name": "c", "SPDXID": "SPDXRef-c", "versionInfo": "3", "downloadLocation": "NONE"},
      {"SPDXID": "SPDXRef-d", "nmae": "d", "versionInfo": "4", "downloadLocation": "NONE"}
    ]})";
  CollectingSink sink;
  Result<Document> d = DecodeJson(doc, "d.json", sink);
  ASSERT_FALSE(d.ok());
  std::vector<std::string> errors;
  for (const Diagnostic& x : sink.Take()) {
    if (x.severity == Severity::kError) errors.push_back(x.location + ": " + x.message);
  }
  EXPECT_EQ(errors, (std::vector<std::string>{
                        "/packages/3: missing required 'name' of the package SPDXRef-d",
                        "/packages/3/nmae: unknown property 'nmae' of the package (SPDX 2.3)"}));
  // Without the misspelling all four are read, each with its own fields.
  std::string fixed = doc;
  fixed.replace(fixed.find("nmae"), 4, "name");
  CollectingSink sink2;
  Result<Document> ok = DecodeJson(fixed, "d.json", sink2);
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  ASSERT_EQ(ok->components.size(), 4u);
  const char* names[] = {"a", "b", "c", "d"};
  const char* versions[] = {"1", "2", "3", "4"};
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(ok->components[i].name, names[i]);
    EXPECT_EQ(ok->components[i].version, versions[i]);
    EXPECT_EQ(ok->components[i].ref, std::string("SPDXRef-") + names[i]);
  }
}

}  // namespace
}  // namespace soupkeeper::sbom::spdx
