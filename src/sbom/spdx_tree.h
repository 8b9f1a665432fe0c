// A small document tree the SPDX decoders share: SPDX 2 JSON, YAML and
// tag-value are each read into it, then one set of rules (spdx2_rules.cc)
// validates and maps it; SPDX 3 JSON-LD is read into it too.
//
// Each node keeps the line it came from (YAML and tag-value; 0 for JSON) so
// errors can name the place in the form the reader expects: a JSON pointer
// for JSON, "line N, /pointer" for YAML, "line N" for tag-value.
#ifndef SOUPKEEPER_SRC_SBOM_SPDX_TREE_H_
#define SOUPKEEPER_SRC_SBOM_SPDX_TREE_H_

#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/status.h"

namespace soupkeeper::sbom::spdx {

// Deepest nesting a reader follows (bounded recursion).
inline constexpr int kMaxDepth = 128;

struct Member;

struct Node {
  enum class Kind { kNull, kBool, kInt, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  // The text of a string, or of a number as written. YAML plain scalars
  // keep their text whatever type they resolve to (`plain` is then true).
  std::string text;
  bool plain = false;
  std::vector<Member> members;  // kObject, in document order
  std::vector<Node> items;      // kArray
  int line = 0;                 // 1-based; 0 when unknown

  const Node* Get(std::string_view key) const;
  Node& Add(std::string key);  // appends a member (no duplicate check)
  bool is_string() const { return kind == Kind::kString; }
  bool is_object() const { return kind == Kind::kObject; }
  bool is_array() const { return kind == Kind::kArray; }
};

struct Member {
  std::string key;
  Node value;
  int line = 0;  // of the key
};

// True when both hold the same value (lines aside; members in order).
bool SameValue(const Node& a, const Node& b);

// "object", "array", "string", ... for messages.
std::string_view KindName(Node::Kind kind);

// JSON pointer escaping of one reference token ("~" -> "~0", "/" -> "~1").
std::string PointerToken(std::string_view key);

// Parses JSON (simdjson) into a tree. ParseError "not valid JSON: ...".
Result<Node> ParseJson(std::string_view bytes);
// Parses YAML (yaml-cpp) into a tree; ParseError "line N: ..." on a syntax
// error. Alias expansion is bounded.
Result<Node> ParseYaml(std::string_view bytes);

// Empty when `bytes` is valid UTF-8, else "invalid UTF-8 at byte N".
std::string CheckUtf8(std::string_view bytes);

}  // namespace soupkeeper::sbom::spdx

#endif  // SOUPKEEPER_SRC_SBOM_SPDX_TREE_H_
