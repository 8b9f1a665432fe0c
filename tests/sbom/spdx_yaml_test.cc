// The fast reader of block-style YAML against yaml-cpp: on every input it
// reads, its tree must equal the one ParseYamlCpp makes, node for node
// (kinds, text, plain flags, lines of nodes and keys); inputs outside its
// subset it must leave to yaml-cpp. Hand-written snippets for each construct
// and edge, then every YAML file of the corpus.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "sbom/spdx_tree.h"
#include "support/corpus.h"

namespace soupkeeper::sbom::spdx {
namespace {

// The fast reader reads `yaml`, and its tree is yaml-cpp's.
void ExpectSameTree(const std::string& yaml) {
  SCOPED_TRACE(yaml);
  TextStore fast_store;
  std::optional<Node> fast = ReadBlockYaml(yaml, fast_store);
  ASSERT_TRUE(fast.has_value()) << "the fast reader gave up";
  TextStore slow_store;
  Result<Node> slow = ParseYamlCpp(yaml, slow_store);
  ASSERT_TRUE(slow.ok()) << slow.status().message();
  EXPECT_EQ(TreeDifference(*fast, *slow), "");
}

// The fast reader leaves `yaml` to yaml-cpp.
void ExpectFallback(const std::string& yaml) {
  TextStore store;
  EXPECT_FALSE(ReadBlockYaml(yaml, store).has_value()) << yaml;
}

TEST(SpdxYamlFast, MappingsAndScalars) {
  ExpectSameTree("a: 1\nb: two\nc: \"three\"\nd: 'four'\n");
  ExpectSameTree("spdxVersion: SPDX-2.3\ndataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\n");
  ExpectSameTree("a: 1");              // no final line break
  ExpectSameTree("  a: 1\n  b: 2\n");  // a root mapping not at column 0
  ExpectSameTree("a : 1\nb  :   2   \n");
  ExpectSameTree("\"quoted key\": 1\n'single key': 2\n\"k\" : 3\n\"\": 4\n");
  ExpectSameTree("a: 1\na: 2\n");  // duplicate keys: both, in order
  ExpectSameTree("scalar\n");
  ExpectSameTree("\"a document that is a string\"\n");
}

TEST(SpdxYamlFast, EmptyValuesAreMarkedAtTheNextToken) {
  ExpectSameTree("a:\nb: 1\n");
  ExpectSameTree("a:");
  ExpectSameTree("a:\n");
  ExpectSameTree("a:\n\n# c\n\n");
  ExpectSameTree("a:   \n   \n");
  ExpectSameTree("a: # comment\nb:\n");
  ExpectSameTree("x:\n  a:\n  b:\nc:\n");
  ExpectSameTree("a: 1\nb:\n  \n  # x\n");
  ExpectSameTree("---\na:\n...\n");
  ExpectSameTree("-\n-\n- \n-");
  ExpectSameTree("a: \"\"\nb: ''\n");
}

TEST(SpdxYamlFast, NestedBlocks) {
  ExpectSameTree("a:\n  b:\n    c: 1\n  d: 2\ne: 3\n");
  ExpectSameTree(
      "a:\n  - x\n  - y\nb:\n- 1\n- 2\nc: 3\n");  // sequences under a key, indented or not
  ExpectSameTree("- a: 1\n  b: 2\n- c: 3\n-   d: 4\n    e: 5\n");
  ExpectSameTree("- - a\n  - b\n- - - c\n");
  ExpectSameTree("- a:\n  - x\n  - y\n  b: 1\n");
  ExpectSameTree("-\n  a: 1\n-\n  - x\n");
  ExpectSameTree("a:\n  scalar on its own line\nb: 1\n");
  ExpectSameTree(
      "packages:\n- SPDXID: SPDXRef-1\n  checksums:\n  - algorithm: SHA1\n    checksumValue: "
      "abc\n  externalRefs:\n    - referenceType: purl\n      referenceLocator: "
      "pkg:npm/a@1\n  name: a\nrelationships:\n- spdxElementId: SPDXRef-DOCUMENT\n");
}

TEST(SpdxYamlFast, PlainScalarsResolveByTheCoreSchema) {
  ExpectSameTree(
      "a: NOASSERTION\nb: true\nc: False\nd: 1.0\ne: ~\nf: null\ng: NULL\nh: -12\ni: +3\nj: "
      "0x1F\nk: 1e3\nl: .inf\nm: yes\n");
  ExpectSameTree("a: -x\nb: --\nc: ...\nd: ---\n");
  ExpectSameTree("- true\n- ~\n- 7\n- '7'\n- \"true\"\n");
}

TEST(SpdxYamlFast, CommentsAndIndicatorsInsideScalars) {
  ExpectSameTree("# head\na: x # comment\nb: a#b\nc: \"x # y\"\nd: 'a#b' # c\n# tail\n");
  ExpectSameTree("url: https://example.com:8080/x?y=1#frag\nt: 2010-01-29T18:30:22Z\n");
  ExpectSameTree("a: x,y[z]{w}\nb: a,b\n");
  ExpectSameTree("a: text with 'quotes' and \"double\"\nb: x:y\nc: x :y\n");
  ExpectSameTree("\"a: b\": 1\n'c # d': 2\nhttp://x: 3\n");
}

TEST(SpdxYamlFast, QuotedScalars) {
  ExpectSameTree(
      R"(a: "line\nbreak \u00e9 \"q\" \\ \/ \t \x41 \xe9 \u20AC \0 \e \a \b \v \f \r end")"
      "\n");
  ExpectSameTree("a: 'it''s ''x'''\nb: ''''\nc: 'a\"b\\n'\n");
  ExpectSameTree("a: \"tab\there\"\nb: 'tab\there'\n");
  // Long strings as Jackson writes them: escaped line breaks.
  ExpectSameTree("a: \"first\\\n    \\ second\\nthird\\\n    \\ fourth\"\nb: 1\n");
  ExpectSameTree("- \"x\\\r\n   y\"\n-   \"p\\\n     q\"\n- k: \"r\\\n    s\"\n");
  ExpectSameTree("a:\n  b: \"x\\\n y\"\n  c: 1\n");  // less indented than b
  ExpectSameTree("- k: \"t\\\n  u\"\n- \"v\\\n  w\"\n");
  ExpectSameTree("a: \"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"\nb: caf\xc3\xa9\n");
}

// Long double-quoted strings are scanned 8 bytes at a time: each special
// byte at each place of a word.
TEST(SpdxYamlFast, QuotedScalarsScannedByWords) {
  for (const std::string special : {"\\\"", "\\n", "\t", "\xc3\xa9", "\x7f", "\x01", "\""}) {
    for (size_t at = 0; at <= 17; ++at) {
      std::string text = "0123456789abcdefghij";
      text.insert(at, special);
      const std::string yaml = "k: \"" + text + "\"\n";
      if (special == "\x7f" || special == "\x01" || special == "\"") {
        ExpectFallback(yaml);  // a control; a quote ends the scalar before text
      } else {
        ExpectSameTree(yaml);
      }
    }
  }
}

TEST(SpdxYamlFast, LineEndsMarkersAndBom) {
  ExpectSameTree("a: 1\r\nb:\r\n  - x  \r\n  - \"y\" \r\nc: 'z'\r\n");
  ExpectSameTree(
      "\xEF\xBB\xBF"
      "a: 1\nb: 2\n");
  ExpectSameTree("--- \na: 1\n");
  ExpectSameTree("# c\n\n--- # start\na: 1\n... # end\n# after\n\n");
  ExpectSameTree("a: 1   \nb: 2 # a\ttab in a comment\n");
}

TEST(SpdxYamlFast, ValuesOfHandWorkedTrees) {
  // Independently of yaml-cpp: the kinds, text and lines worked out by hand.
  TextStore store;
  std::optional<Node> root =
      ReadBlockYaml("a: \"caf\\u00e9\"\nb:\n  - 'it''s'\n  -\nc: ~\nd: 12\ne: x#y # c\n", store);
  ASSERT_TRUE(root.has_value());
  ASSERT_EQ(root->members.size(), 5u);
  EXPECT_EQ(root->members[0].value.text, "caf\xc3\xa9");
  EXPECT_EQ(root->members[0].value.kind, Node::Kind::kString);
  EXPECT_FALSE(root->members[0].value.plain);
  const Node& b = root->members[1].value;
  ASSERT_EQ(b.kind, Node::Kind::kArray);
  EXPECT_EQ(b.line, 3);
  ASSERT_EQ(b.items.size(), 2u);
  EXPECT_EQ(b.items[0].text, "it's");
  EXPECT_EQ(b.items[1].kind, Node::Kind::kNull);
  EXPECT_EQ(b.items[1].line, 5);  // the next token, "c"
  EXPECT_EQ(root->members[2].value.kind, Node::Kind::kNull);
  EXPECT_EQ(root->members[2].value.text, "");
  EXPECT_EQ(root->members[3].value.kind, Node::Kind::kInt);
  EXPECT_EQ(root->members[3].value.text, "12");
  EXPECT_EQ(root->members[4].value.text, "x#y");
  EXPECT_EQ(root->members[4].line, 7);
}

TEST(SpdxYamlFast, LeavesEverythingElseToYamlCpp) {
  for (const char* yaml : {
           "",
           "# only a comment\n",
           "a: [1, 2]\n",
           "a: {b: 1}\n",
           "a: &x 1\nb: *x\n",
           "a: !!str 1\n",
           "a: |\n  text\n",
           "a: >\n  text\n",
           "a: plain\n  continued\n",
           "a: \"quoted\n  continued\"\n",
           "a: 'single\n  continued'\n",
           "a: \"escaped\\\nnot indented\"\n",
           "a: \"escaped\\\n\n  after a blank line\"\n",
           "\"a multi-line\\\n  key\": 1\n",
           "? complex\n: key\n",
           "%YAML 1.2\n---\na: 1\n",
           "a: 1\n---\nb: 2\n",
           "a: 1\n...\nb: 2\n",
           "a:\n\tb: 1\n",
           "a:\tb\n",
           "a: 1\n - b\n",
           "a: 1\n  b: 2\n",
           "a: b: c\n",
           "a: x:\n",
           "a: - b\n",
           "a: -\n",
           "a: 1\n- b\n",
           "- a\nb: 1\n",
           "~: 1\n",
           "null: 1\n",
           "<<: 1\n",
           "a: \"\\ud800\"\n",
           "a: \"\\U0001F600\"\n",
           "a: \"\\N\"\n",
           "a: \"x\" y\n",
           "a: \"x\"#c\n",
           "a: 1\rb: 2\n",
           "a: \"\xff\"\n",
           "a: x\xc2\x85y\n",
           "a: \"\xe2\x80\xa8\"\n",
       }) {
    ExpectFallback(yaml);
  }
  // NULs (yaml-cpp may take the text for UTF-16 or UTF-32), in a value or a
  // comment.
  ExpectFallback(std::string("a: \"\0\"\n", 7));
  ExpectFallback(std::string("#\0\0\0\x7fx\nc: 1\n", 12));
  ExpectFallback("a: " + std::string(2000, 'x') + "\n" + std::string(1001, 'k') + ": 1\n");
}

// Nesting: n mappings, one in another, the innermost value (a null) at
// depth n. Up to kMaxDepth both readers give the tree; one more and the
// fast reader leaves it to yaml-cpp's path, which reports it.
std::string Nested(int n) {
  std::string yaml;
  for (int i = 0; i < n; ++i) yaml += std::string(static_cast<size_t>(i), ' ') + "a:\n";
  return yaml;
}

TEST(SpdxYamlFast, NestingUpToTheReadersDepth) {
  ExpectSameTree(Nested(kMaxDepth));
  ExpectFallback(Nested(kMaxDepth + 1));
  TextStore store;
  Result<Node> parsed = ParseYaml(Nested(kMaxDepth + 1), store);
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("nesting deeper than"), std::string::npos);
}

TEST(SpdxYamlFast, FallbackErrorsAreYamlCpps) {
  TextStore store;
  Result<Node> parsed = ParseYaml("a: b: c\n", store);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "line 1: not valid YAML: illegal map value");
}

// Every YAML file of the corpus: where the fast reader reads it, the tree is
// yaml-cpp's. The SPDX examples are read through ParseYaml to the same tree.
TEST(SpdxYamlFast, CorpusFilesGiveYamlCppsTree) {
  SK_REQUIRE_CORPUS(root);
  size_t files = 0;
  size_t read_fast = 0;
  std::vector<std::filesystem::path> paths = ::soupkeeper::testing::FilesBelow(root, ".yaml");
  for (const auto& path : ::soupkeeper::testing::FilesBelow(root, ".yml")) paths.push_back(path);
  for (const std::filesystem::path& path : paths) {
    const std::string bytes = ::soupkeeper::testing::ReadFileOrFail(path);
    ++files;
    TextStore slow_store;
    Result<Node> slow = ParseYamlCpp(bytes, slow_store);
    TextStore fast_store;
    std::optional<Node> fast = ReadBlockYaml(bytes, fast_store);
    // The SPDX examples are in the subset (as the java tools write them).
    const bool spdx = path.string().find("/spdx/") != std::string::npos;
    EXPECT_TRUE(fast.has_value() || !spdx) << path;
    if (fast.has_value()) {
      ++read_fast;
      ASSERT_TRUE(slow.ok()) << path << ": " << slow.status().message();
      EXPECT_EQ(TreeDifference(*fast, *slow), "") << path;
    }
    TextStore store;
    Result<Node> parsed = ParseYaml(bytes, store);
    ASSERT_EQ(parsed.ok(), slow.ok()) << path;
    if (parsed.ok()) {
      EXPECT_EQ(TreeDifference(*parsed, *slow), "") << path;
    } else {
      EXPECT_EQ(parsed.status().message(), slow.status().message()) << path;
    }
  }
  std::cout << "YAML files: " << files << ", read by the fast reader: " << read_fast << "\n";
  EXPECT_GT(files, 1000u);
  EXPECT_GE(read_fast, 50u);  // most of the rest have block scalars (|, >)
}

}  // namespace
}  // namespace soupkeeper::sbom::spdx
