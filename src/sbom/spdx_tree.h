// A small document tree the SPDX decoders share: SPDX 2 JSON, YAML and
// tag-value are each read into it, then one set of rules (spdx2_rules.cc)
// validates and maps it; SPDX 3 JSON-LD is read into it too.
//
// Nodes view their text (strings, keys) rather than own it: in the input
// bytes (tag-value, YAML), in the JSON parser (JSON), or in a TextStore the
// reader fills (YAML's decoded escapes and yaml-cpp's text; numbers), which
// must outlive the tree.
//
// Each node keeps the line it came from (YAML and tag-value; 0 for JSON) so
// errors can name the place in the form the reader expects: a JSON pointer
// for JSON, "line N, /pointer" for YAML, "line N" for tag-value.
#ifndef SOUPKEEPER_SRC_SBOM_SPDX_TREE_H_
#define SOUPKEEPER_SRC_SBOM_SPDX_TREE_H_

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/sbom_text.h"
#include "soupkeeper/status.h"

namespace soupkeeper::sbom::spdx {

// Deepest nesting a reader follows (bounded recursion).
inline constexpr int kMaxDepth = 128;

struct Node;

// Copies of text that a tree views, kept until the store goes: blocks that
// are filled in turn, so a document of many strings costs a few
// allocations.
class TextStore {
 public:
  TextStore() = default;
  TextStore(const TextStore&) = delete;
  TextStore& operator=(const TextStore&) = delete;
  ~TextStore();

  std::string_view Keep(std::string_view text) { return arena_.Keep(text); }

 private:
  friend Result<Node> ParseJson(std::string_view bytes, TextStore& store);
  // ParseJson's tree views this thread's JSON parser, which the store
  // frees for the next tree (and shrinks when it grew large).
  bool views_json_parser_ = false;
  Arena arena_;
};

struct Member;

// The members are ordered for size (72 bytes): a document has a node per
// value, so the tree's size is most of a decode's peak memory.
struct Node {
  enum class Kind : uint8_t { kNull, kBool, kInt, kNumber, kString, kArray, kObject };
  // The text of a string, or of a number as written. YAML plain scalars
  // keep their text whatever type they resolve to (`plain` is then true).
  std::string_view text;
  std::vector<Member> members;  // kObject, in document order
  std::vector<Node> items;      // kArray
  int line = 0;                 // 1-based; 0 when unknown
  Kind kind = Kind::kNull;
  bool boolean = false;
  bool plain = false;

  // Inline (below) for the literal keys the rules look up.
  const Node* Get(std::string_view key) const;
  // Appends a member (no duplicate check); `key` must outlive the tree.
  Node& Add(std::string_view key);
  bool is_string() const { return kind == Kind::kString; }
  bool is_object() const { return kind == Kind::kObject; }
  bool is_array() const { return kind == Kind::kArray; }
};

struct Member {
  std::string_view key;
  Node value;
  int line = 0;  // of the key
};

// The first and the last sizeof(Word) bytes of p and q, n >= sizeof(Word)
// long, are equal: all n bytes when n <= 2 * sizeof(Word).
template <typename Word>
[[gnu::always_inline]] inline bool SameEnds(const char* p, const char* q, size_t n) {
  Word p0, q0, p1, q1;
  std::memcpy(&p0, p, sizeof(Word));
  std::memcpy(&q0, q, sizeof(Word));
  std::memcpy(&p1, p + n - sizeof(Word), sizeof(Word));
  std::memcpy(&q1, q + n - sizeof(Word), sizeof(Word));
  return p0 == q0 && p1 == q1;
}

// a == b, inline for up to 16 bytes (the hot key and enumeration
// comparisons are short; string_view's operator== calls compare(), and
// memcmp is a call). Always inlined, so that a literal's length is known
// where it is compared.
[[gnu::always_inline]] inline bool SameText(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  if (n > 16) return std::memcmp(p, q, n) == 0;
  if (n >= 8) return SameEnds<uint64_t>(p, q, n);
  if (n >= 4) return SameEnds<uint32_t>(p, q, n);
  for (size_t i = 0; i < n; ++i) {
    if (p[i] != q[i]) return false;
  }
  return true;
}

inline const Node* Node::Get(std::string_view key) const {
  for (const Member& m : members) {
    if (SameText(m.key, key)) return &m.value;
  }
  return nullptr;
}

// True when both hold the same value (lines aside; members in order).
bool SameValue(const Node& a, const Node& b);

// "object", "array", "string", ... for messages.
std::string_view KindName(Node::Kind kind);

// JSON pointer escaping of one reference token ("~" -> "~0", "/" -> "~1").
std::string PointerToken(std::string_view key);

// Parses JSON (simdjson) into a tree whose strings and keys are views into
// this thread's parser until `store` goes (numbers are kept in `store`).
// While one such tree lives, another ParseJson on the thread uses a parser
// of its own and copies the text into its store. ParseError "not valid
// JSON: ...".
Result<Node> ParseJson(std::string_view bytes, TextStore& store);
// Parses YAML into a tree whose text views `bytes` or is kept in `store`
// (both must outlive the tree): ReadBlockYaml's tree when it reads the
// text, else ParseYamlCpp's.
Result<Node> ParseYaml(std::string_view bytes, TextStore& store);
// Parses YAML with yaml-cpp; ParseError "line N: ..." on a syntax error.
// Alias expansion is bounded.
Result<Node> ParseYamlCpp(std::string_view bytes, TextStore& store);
// The fast reader of block-style YAML (spdx_yaml.cc): the tree
// ParseYamlCpp makes of `bytes` (its text views `bytes`, or `store` where
// escapes were decoded), or nullopt when they are outside the subset it
// reads (then ParseYamlCpp decides).
std::optional<Node> ReadBlockYaml(std::string_view bytes, TextStore& store);
// The YAML 1.2 core schema resolution of a plain scalar's `text` (sets
// kind, boolean and plain).
void ResolvePlain(Node& n);
// Where two trees first differ (kinds, text, plain flags, lines, keys), as
// "/pointer: what"; "" when they are the same. For the YAML readers'
// differential tests.
std::string TreeDifference(const Node& a, const Node& b);

// Empty when `bytes` is valid UTF-8, else "invalid UTF-8 at byte N".
std::string CheckUtf8(std::string_view bytes);

}  // namespace soupkeeper::sbom::spdx

#endif  // SOUPKEEPER_SRC_SBOM_SPDX_TREE_H_
