// Readers from JSON (simdjson DOM) and YAML (yaml-cpp) into spdx::Node
// (ParseYaml, which reads the common block-style YAML itself first, is in
// spdx_yaml.cc).
#include "sbom/spdx_tree.h"

#include <simdjson.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <optional>
#include <string>

namespace soupkeeper::sbom::spdx {
namespace {

// The JSON parser of this thread, reused from document to document (its
// buffers grow to the largest document, up to 64 MiB; see ~TextStore), and
// whether a tree views it now.
struct ThreadParser {
  simdjson::dom::parser parser;
  bool in_use = false;
};
ThreadParser& ThisThreadParser() {
  thread_local ThreadParser p;
  return p;
}

using simdjson::dom::element;
using simdjson::dom::element_type;

// `copy`: keep strings and keys in `store` rather than view the parser.
Status FromJson(element e, Node& out, TextStore& store, bool copy, int depth) {
  if (depth > kMaxDepth) {
    return ParseError("nesting deeper than " + std::to_string(kMaxDepth) + " levels");
  }
  switch (e.type()) {
    case element_type::OBJECT: {
      out.kind = Node::Kind::kObject;
      simdjson::dom::object object(e);
      out.members.reserve(object.size());
      for (auto field : object) {
        Node& child = out.Add(copy ? store.Keep(field.key) : field.key);
        SK_RETURN_IF_ERROR(FromJson(field.value, child, store, copy, depth + 1));
      }
      return Status::Ok();
    }
    case element_type::ARRAY: {
      out.kind = Node::Kind::kArray;
      simdjson::dom::array array(e);
      out.items.reserve(array.size());
      for (element item : array) {
        out.items.emplace_back();
        SK_RETURN_IF_ERROR(FromJson(item, out.items.back(), store, copy, depth + 1));
      }
      return Status::Ok();
    }
    case element_type::STRING:
      out.kind = Node::Kind::kString;
      out.text = copy ? store.Keep(std::string_view(e)) : std::string_view(e);
      return Status::Ok();
    case element_type::INT64:
      out.kind = Node::Kind::kInt;
      out.text = store.Keep(std::to_string(int64_t(e)));
      return Status::Ok();
    case element_type::UINT64:
      out.kind = Node::Kind::kInt;
      out.text = store.Keep(std::to_string(uint64_t(e)));
      return Status::Ok();
    case element_type::DOUBLE:
      out.kind = Node::Kind::kNumber;
      out.text = store.Keep(std::to_string(double(e)));
      return Status::Ok();
    case element_type::BOOL:
      out.kind = Node::Kind::kBool;
      out.boolean = bool(e);
      out.text = out.boolean ? "true" : "false";
      return Status::Ok();
    case element_type::NULL_VALUE:
      out.kind = Node::Kind::kNull;
      return Status::Ok();
  }
  return Status::Ok();
}

}  // namespace

void ResolvePlain(Node& n) {
  const std::string_view t = n.text;
  n.plain = true;
  if (t == "true" || t == "True" || t == "TRUE" || t == "false" || t == "False" || t == "FALSE") {
    n.kind = Node::Kind::kBool;
    n.boolean = t[0] == 't' || t[0] == 'T';
    return;
  }
  if (t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL") {
    n.kind = Node::Kind::kNull;
    return;
  }
  size_t i = (t[0] == '-' || t[0] == '+') ? 1 : 0;
  bool digits = i < t.size();
  for (size_t j = i; j < t.size(); ++j) digits = digits && t[j] >= '0' && t[j] <= '9';
  n.kind = digits ? Node::Kind::kInt : Node::Kind::kString;
}

namespace {

class YamlReader {
 public:
  YamlReader(size_t budget, TextStore& store) : budget_(budget), store_(store) {}

  Status Read(const YAML::Node& y, Node& out, int depth) {
    if (depth > kMaxDepth) {
      return ParseError("line " + std::to_string(y.Mark().line + 1) + ": nesting deeper than " +
                        std::to_string(kMaxDepth) + " levels");
    }
    if (budget_ == 0) {
      return ParseError("line " + std::to_string(y.Mark().line + 1) +
                        ": YAML aliases expand to more nodes than the document can hold");
    }
    --budget_;
    out.line = y.Mark().line + 1;
    switch (y.Type()) {
      case YAML::NodeType::Map:
        out.kind = Node::Kind::kObject;
        for (auto it = y.begin(); it != y.end(); ++it) {
          if (!it->first.IsScalar()) {
            return ParseError("line " + std::to_string(it->first.Mark().line + 1) +
                              ": a mapping key must be a scalar");
          }
          Member& m = out.members.emplace_back();
          m.key = store_.Keep(it->first.Scalar());
          m.line = it->first.Mark().line + 1;
          SK_RETURN_IF_ERROR(Read(it->second, m.value, depth + 1));
        }
        return Status::Ok();
      case YAML::NodeType::Sequence:
        out.kind = Node::Kind::kArray;
        for (const YAML::Node& item : y) {
          out.items.emplace_back();
          SK_RETURN_IF_ERROR(Read(item, out.items.back(), depth + 1));
        }
        return Status::Ok();
      case YAML::NodeType::Scalar:
        out.text = store_.Keep(y.Scalar());
        if (y.Tag() == "!") {
          out.kind = Node::Kind::kString;  // quoted
        } else {
          ResolvePlain(out);
        }
        return Status::Ok();
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        out.kind = Node::Kind::kNull;
        out.plain = true;
        return Status::Ok();
    }
    return Status::Ok();
  }

 private:
  size_t budget_;
  TextStore& store_;
};

}  // namespace

Node& Node::Add(std::string_view key) {
  Member& m = members.emplace_back();
  m.key = key;
  return m.value;
}

TextStore::~TextStore() {
  if (!views_json_parser_) return;
  ThreadParser& shared = ThisThreadParser();
  shared.in_use = false;
  if (shared.parser.capacity() > (size_t{64} << 20)) shared.parser = simdjson::dom::parser();
}

bool SameValue(const Node& a, const Node& b) {
  if (a.kind != b.kind || a.text != b.text || a.boolean != b.boolean ||
      a.members.size() != b.members.size() || a.items.size() != b.items.size()) {
    return false;
  }
  for (size_t i = 0; i < a.members.size(); ++i) {
    if (a.members[i].key != b.members[i].key ||
        !SameValue(a.members[i].value, b.members[i].value)) {
      return false;
    }
  }
  for (size_t i = 0; i < a.items.size(); ++i) {
    if (!SameValue(a.items[i], b.items[i])) return false;
  }
  return true;
}

std::string_view KindName(Node::Kind kind) {
  switch (kind) {
    case Node::Kind::kNull:
      return "null";
    case Node::Kind::kBool:
      return "boolean";
    case Node::Kind::kInt:
      return "integer";
    case Node::Kind::kNumber:
      return "number";
    case Node::Kind::kString:
      return "string";
    case Node::Kind::kArray:
      return "array";
    case Node::Kind::kObject:
      return "object";
  }
  return "value";
}

std::string PointerToken(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

// Just past the first top-level object or array of `bytes` (brackets
// counted outside strings), or npos when it does not close.
size_t EndOfFirstValue(std::string_view b) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < b.size(); ++i) {
    const char c = b[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth <= 0) {
      return depth == 0 ? i + 1 : std::string_view::npos;
    }
  }
  return std::string_view::npos;
}

// When `bytes` is a whole JSON document followed by other text, the error
// that names where that text starts ("line 2765: text after the JSON
// document: 'Contact Us...'"); else "".
std::string TrailingText(std::string_view bytes, simdjson::dom::parser& parser) {
  size_t end = EndOfFirstValue(bytes);
  if (end == std::string_view::npos) return "";
  size_t rest = bytes.find_first_not_of(" \t\r\n", end);
  if (rest == std::string_view::npos) return "";
  element ignored;
  if (parser.parse(simdjson::padded_string(bytes.substr(0, end))).get(ignored) !=
      simdjson::SUCCESS) {
    return "";
  }
  const auto line =
      1 + std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(rest), '\n');
  std::string_view text = bytes.substr(rest, 40);
  text = text.substr(0, text.find_first_of("\r\n"));
  return "line " + std::to_string(line) + ": text after the JSON document: '" + std::string(text) +
         "'";
}

}  // namespace

Result<Node> ParseJson(std::string_view bytes, TextStore& store) {
  // The thread's parser, unless another tree views it: then one for this
  // document, whose text the store keeps.
  ThreadParser& shared = ThisThreadParser();
  const bool own = shared.in_use;
  std::optional<simdjson::dom::parser> own_parser;
  if (own) {
    own_parser.emplace();
  } else {
    shared.in_use = true;
    store.views_json_parser_ = true;  // the store releases it
  }
  simdjson::dom::parser& parser = own ? *own_parser : shared.parser;
  if (parser.allocate(bytes.size(), kMaxDepth + 2) != simdjson::SUCCESS) {
    return Internal("cannot allocate the JSON parser");
  }
  element root;
  simdjson::error_code err;
  {
    // A padded copy of the input for the parse only (the DOM does not view
    // it; the parser's own copy would stay with the thread's parser).
    const simdjson::padded_string padded(bytes);
    err = parser.parse(padded).get(root);
  }
  if (err != simdjson::SUCCESS) {
    if (err == simdjson::DEPTH_ERROR) {
      return ParseError("not valid JSON: nesting deeper than " + std::to_string(kMaxDepth) +
                        " levels");
    }
    if (std::string trailing = TrailingText(bytes, parser); !trailing.empty()) {
      return ParseError(trailing);
    }
    return ParseError(std::string("not valid JSON: ") + simdjson::error_message(err));
  }
  Node out;
  SK_RETURN_IF_ERROR(FromJson(root, out, store, own, 0));
  return out;
}

Result<Node> ParseYamlCpp(std::string_view bytes, TextStore& store) {
  try {
    YAML::Node y = YAML::Load(std::string(bytes));
    Node out;
    // Aliases share nodes in yaml-cpp; expanding them is bounded by a node
    // budget proportional to the document size.
    YamlReader reader(bytes.size() * 2 + 1024, store);
    SK_RETURN_IF_ERROR(reader.Read(y, out, 0));
    return out;
  } catch (const YAML::Exception& e) {
    return ParseError("line " + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg);
  } catch (const std::exception& e) {
    return ParseError(std::string("not valid YAML: ") + e.what());
  }
}

std::string CheckUtf8(std::string_view bytes) {
  if (simdjson::validate_utf8(bytes.data(), bytes.size())) return "";
  // Find the first bad byte for the message.
  size_t i = 0;
  while (i < bytes.size()) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > bytes.size() || !simdjson::validate_utf8(bytes.data() + i, n)) {
      break;
    }
    i += n;
  }
  return "invalid UTF-8 at byte " + std::to_string(i);
}

}  // namespace soupkeeper::sbom::spdx
