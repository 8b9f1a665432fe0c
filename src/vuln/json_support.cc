// The JSON reading helpers shared by the JSON importers.
#include "vuln/json_support.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "soupkeeper/hash.h"

namespace soupkeeper::vuln {

std::string Node::Pointer() const {
  std::vector<const Node*> chain;
  for (const Node* n = this; n != nullptr && n->parent != nullptr; n = n->parent) {
    chain.push_back(n);
  }
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    out.push_back('/');
    if ((*it)->in_array) {
      out += std::to_string((*it)->index);
      continue;
    }
    for (char c : (*it)->key) {
      if (c == '~') {
        out += "~0";
      } else if (c == '/') {
        out += "~1";
      } else {
        out.push_back(c);
      }
    }
  }
  return out;
}

std::string_view TypeName(const dom::element& e) {
  switch (e.type()) {
    case dom::element_type::ARRAY:
      return "an array";
    case dom::element_type::OBJECT:
      return "an object";
    case dom::element_type::INT64:
    case dom::element_type::UINT64:
      return "an integer";
    case dom::element_type::DOUBLE:
      return "a number";
    case dom::element_type::STRING:
      return "a string";
    case dom::element_type::BOOL:
      return "a boolean";
    case dom::element_type::NULL_VALUE:
      return "null";
  }
  return "a value";
}

void Reader::Fail(const Node& at, std::string message) {
  if (!problem_.empty()) return;
  pointer_ = at.Pointer();
  if (pointer_.empty()) pointer_ = "/";
  problem_ = std::move(message);
}

bool Reader::IsObject(const Node& node, bool report) {
  if (node.e.type() == dom::element_type::OBJECT) return true;
  if (report) Fail(node, "expected an object, found " + std::string(TypeName(node.e)));
  return false;
}

std::optional<Node> Reader::Member(const Node& obj, std::string_view key, bool required) {
  if (!ok()) return std::nullopt;
  dom::object o;
  if (obj.e.get(o) != simdjson::SUCCESS) {
    Fail(obj, "expected an object, found " + std::string(TypeName(obj.e)));
    return std::nullopt;
  }
  dom::element child;
  if (o.at_key(key).get(child) != simdjson::SUCCESS || child.is_null()) {
    if (required) Fail(obj, "missing required property \"" + std::string(key) + "\"");
    return std::nullopt;
  }
  Node n;
  n.e = child;
  n.parent = &obj;
  n.key = key;
  return n;
}

std::string Reader::AsString(const Node& node) {
  std::string_view s;
  if (node.e.get(s) == simdjson::SUCCESS) return std::string(s);
  Fail(node, "expected a string, found " + std::string(TypeName(node.e)));
  return {};
}

std::string Reader::Str(const Node& obj, std::string_view key, bool required) {
  std::optional<Node> n = Member(obj, key, required);
  if (!n) return {};
  std::string_view s;
  if (n->e.get(s) == simdjson::SUCCESS) return std::string(s);
  Fail(*n, "expected a string, found " + std::string(TypeName(n->e)));
  return {};
}

std::string Reader::Time(const Node& obj, std::string_view key, bool required) {
  std::optional<Node> n = Member(obj, key, required);
  if (!n) return {};
  std::string text = AsString(*n);
  if (!ok()) return {};
  std::optional<std::string> t = NormalizeTime(text);
  if (!t) {
    Fail(*n, "not a date-time: \"" + text + "\"");
    return {};
  }
  return *t;
}

std::optional<double> Reader::Num(const Node& obj, std::string_view key, bool required) {
  std::optional<Node> n = Member(obj, key, required);
  if (!n) return std::nullopt;
  double d = 0;
  if (n->e.get(d) == simdjson::SUCCESS) return d;
  std::string_view s;
  if (n->e.get(s) == simdjson::SUCCESS && !s.empty()) {
    std::string text(s);
    char* end = nullptr;
    d = std::strtod(text.c_str(), &end);
    if (end == text.c_str() + text.size()) return d;
  }
  Fail(*n, "expected a number, found " + std::string(TypeName(n->e)));
  return std::nullopt;
}

std::optional<bool> Reader::Bool(const Node& obj, std::string_view key) {
  std::optional<Node> n = Member(obj, key);
  if (!n) return std::nullopt;
  bool b = false;
  if (n->e.get(b) == simdjson::SUCCESS) return b;
  std::string_view s;
  if (n->e.get(s) == simdjson::SUCCESS && (s == "true" || s == "false")) return s == "true";
  Fail(*n, "expected a boolean, found " + std::string(TypeName(n->e)));
  return std::nullopt;
}

std::vector<Node> Reader::Elements(const Node& node) {
  std::vector<Node> out;
  if (!ok()) return out;
  dom::array a;
  if (node.e.get(a) != simdjson::SUCCESS) {
    Fail(node, "expected an array, found " + std::string(TypeName(node.e)));
    return out;
  }
  out.reserve(a.size());
  size_t i = 0;
  for (dom::element child : a) {
    Node n;
    n.e = child;
    n.parent = &node;
    n.index = i++;
    n.in_array = true;
    out.push_back(n);
  }
  return out;
}

std::vector<Node> Reader::Members(const Node& node) {
  std::vector<Node> out;
  if (!ok()) return out;
  dom::object o;
  if (node.e.get(o) != simdjson::SUCCESS) {
    Fail(node, "expected an object, found " + std::string(TypeName(node.e)));
    return out;
  }
  for (dom::key_value_pair kv : o) {
    Node n;
    n.e = kv.value;
    n.parent = &node;
    n.key = kv.key;
    out.push_back(n);
  }
  return out;
}

std::vector<Node> Reader::Arr(const Node& obj, std::string_view key, bool required) {
  std::optional<Node> n = Member(obj, key, required);
  if (!n) return {};
  // The elements point at the member node, which must outlive them.
  return Elements(*Hold(*n));
}

const Node* Reader::Hold(const Node& node) {
  held_.push_back(std::make_unique<Node>(node));
  return held_.back().get();
}

std::vector<std::string> Reader::Strings(const Node& obj, std::string_view key) {
  std::vector<std::string> out;
  for (const Node& n : Arr(obj, key)) {
    std::string s = AsString(n);
    if (!ok()) return {};
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<std::string> NormalizeTime(std::string_view text) {
  std::string t(text);
  // "2024-01-02Z" (a date with a zone letter) appears in some feeds.
  if (t.size() == 11 && t[10] == 'Z') t.pop_back();
  Result<TimePoint> tp = ParseTime(t);
  if (!tp.ok()) return std::nullopt;
  return FormatTime(*tp);
}

Status ParseJson(dom::parser& parser, std::string_view bytes, const std::string& source_name,
                 dom::element* root) {
  simdjson::padded_string padded(bytes);
  simdjson::error_code err = parser.parse(padded).get(*root);
  if (err != simdjson::SUCCESS) {
    return ParseError(source_name + ": not valid JSON: " + simdjson::error_message(err));
  }
  // The DOM refers to the parser's own copy of the bytes, so `padded` may go.
  return Status::Ok();
}

Status DecodeEach(std::string_view bytes, const std::string& source_name, const RecordFn& emit,
                  DiagnosticSink& sink, const DecodeFn& decode) {
  dom::parser parser;
  dom::element root;
  SK_RETURN_IF_ERROR(ParseJson(parser, bytes, source_name, &root));
  Node top = Node::Root(root);
  std::vector<Node> records;
  if (root.is_array()) {
    Reader outer;
    records = outer.Elements(top);
  } else {
    records.push_back(top);
  }
  for (const Node& rec : records) {
    Reader r;
    Vulnerability v;
    if (r.IsObject(rec)) decode(r, rec, v);
    if (!r.ok()) {
      ReportRecordProblem(sink, source_name, v.id, r);
      continue;
    }
    v.provenance.location = root.is_array() ? source_name + "#" + rec.Pointer() : source_name;
    SK_RETURN_IF_ERROR(emit(std::move(v)));
  }
  return Status::Ok();
}

void ReportRecordProblem(DiagnosticSink& sink, const std::string& source_name,
                         std::string_view record_id, const Reader& reader) {
  Diagnostic d;
  d.severity = Severity::kError;
  d.source = source_name;
  d.location = reader.pointer();
  d.message = (record_id.empty() ? std::string() : std::string(record_id) + ": ") +
              reader.problem() + "; record skipped";
  sink.Report(std::move(d));
}

std::string_view Head(std::string_view bytes, size_t n) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  size_t i = 0;
  while (i < bytes.size() &&
         (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t')) {
    ++i;
  }
  bytes.remove_prefix(i);
  return bytes.substr(0, n);
}

bool HasKey(std::string_view head, std::string_view key) {
  const std::string quoted = "\"" + std::string(key) + "\"";
  for (size_t pos = FindText(head, quoted); pos != std::string_view::npos;
       pos = FindText(head, quoted, pos + 1)) {
    size_t i = pos + quoted.size();
    while (i < head.size() &&
           (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r')) {
      ++i;
    }
    if (i < head.size() && head[i] == ':') return true;
  }
  return false;
}

std::string RecordHash(const dom::element& e) { return Sha256Hex(simdjson::minify(e)); }

size_t FindText(std::string_view text, std::string_view needle, size_t from) {
  if (from > text.size()) return std::string_view::npos;
  const void* at = memmem(text.data() + from, text.size() - from, needle.data(), needle.size());
  return at == nullptr ? std::string_view::npos
                       : static_cast<size_t>(static_cast<const char*>(at) - text.data());
}

void AddUnique(std::vector<std::string>& list, std::string v) {
  if (v.empty()) return;
  if (std::find(list.begin(), list.end(), v) == list.end()) list.push_back(std::move(v));
}

}  // namespace soupkeeper::vuln
