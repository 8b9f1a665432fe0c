// Reading feed JSON with simdjson's DOM: a Node that knows its JSON pointer
// (built only when something is reported), and a Reader that records the
// first problem of a record so decoders read fields flat, without a Result
// per field, and check once per record.
#ifndef SOUPKEEPER_SRC_VULN_JSON_SUPPORT_H_
#define SOUPKEEPER_SRC_VULN_JSON_SUPPORT_H_

#include <simdjson.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/diagnostics.h"
#include "soupkeeper/status.h"
#include "soupkeeper/vuln.h"

namespace soupkeeper::vuln {

namespace dom = simdjson::dom;

// A JSON value and where it is. Children point at their parent, which must
// outlive them (decoders descend recursively, so it does).
struct Node {
  dom::element e;
  const Node* parent = nullptr;
  std::string_view key;  // when the parent is an object
  size_t index = 0;      // when the parent is an array
  bool in_array = false;

  // The root of a document.
  static Node Root(dom::element e) {
    Node n;
    n.e = e;
    return n;
  }

  // RFC 6901 pointer from the document root ("" for the root).
  std::string Pointer() const;
};

// Per-record reader: getters return an empty value after the first problem.
class Reader {
 public:
  bool ok() const { return problem_.empty(); }
  const std::string& pointer() const { return pointer_; }
  const std::string& problem() const { return problem_; }
  // Records a problem at `at` (only the first counts).
  void Fail(const Node& at, std::string message);

  // The member `key` of object `obj`, or nullopt when missing (or null).
  // `required` reports a missing member.
  std::optional<Node> Member(const Node& obj, std::string_view key, bool required = false);
  // A string member ("" when missing).
  std::string Str(const Node& obj, std::string_view key, bool required = false);
  // A string member normalized as an RFC 3339 UTC time ("" when missing).
  std::string Time(const Node& obj, std::string_view key, bool required = false);
  // A number member (strings holding a number are accepted: YAML input).
  std::optional<double> Num(const Node& obj, std::string_view key, bool required = false);
  // A boolean member (the strings "true"/"false" are accepted: YAML input).
  std::optional<bool> Bool(const Node& obj, std::string_view key);
  // The elements of an array member (empty when missing).
  std::vector<Node> Arr(const Node& obj, std::string_view key, bool required = false);
  // The elements of array `node` itself.
  std::vector<Node> Elements(const Node& node);
  // The members of object `node`, as (key, node) pairs.
  std::vector<Node> Members(const Node& node);
  // An array of strings.
  std::vector<std::string> Strings(const Node& obj, std::string_view key);
  // The string value of `node` itself.
  std::string AsString(const Node& node);
  // A copy of `node` that lives as long as this reader, for children that
  // must outlive the caller's copy.
  const Node* Hold(const Node& node);
  // Checks that `node` is an object.
  bool IsObject(const Node& node, bool report = true);

 private:
  std::string pointer_;
  std::string problem_;
  std::vector<std::unique_ptr<Node>> held_;  // array members whose elements point at them
};

// "an object", "a string"... for messages.
std::string_view TypeName(const dom::element& e);

// Normalizes a feed time ("2022-07-11T13:15:08.503", "2024-01-02Z",
// "2024-01-02") to RFC 3339 UTC; nullopt when it is not a time.
std::optional<std::string> NormalizeTime(std::string_view text);

// Parses a whole JSON document into `doc`, or ParseError
// "<source_name>: <what> (byte N)" naming the position when simdjson does.
Status ParseJson(dom::parser& parser, std::string_view bytes, const std::string& source_name,
                 dom::element* root);

// The shared loop of the one-record-per-element JSON importers: parses
// `bytes`, and for the root object, or each element of a root array, runs
// `decode` with a fresh Reader; a record with a problem is reported and
// skipped, the others get their location (the file, plus "#<pointer>" in an
// array) and go to `emit`.
using DecodeFn = std::function<void(Reader&, const Node&, Vulnerability&)>;
Status DecodeEach(std::string_view bytes, const std::string& source_name, const RecordFn& emit,
                  DiagnosticSink& sink, const DecodeFn& decode);

// Reports a record's problem to the sink (severity error) naming the record.
void ReportRecordProblem(DiagnosticSink& sink, const std::string& source_name,
                         std::string_view record_id, const Reader& reader);

// The first non-blank bytes (skipping a UTF-8 byte order mark), at most `n`.
std::string_view Head(std::string_view bytes, size_t n);

// True when `head` contains `"key"` followed by optional blanks and ':'.
bool HasKey(std::string_view head, std::string_view key);

// The position of `needle` in `text` at or after `from` (npos if absent),
// by glibc's memmem: string_view::find compares at every occurrence of the
// needle's first character, and Identify runs on every file of an import.
size_t FindText(std::string_view text, std::string_view needle, size_t from = 0);

// SHA-256 of the minified JSON of `e`: the record hash of JSON sources, so
// whitespace and the record's position in a bundle do not count.
std::string RecordHash(const dom::element& e);

// Appends `v` to `list` unless it is empty or already there.
void AddUnique(std::vector<std::string>& list, std::string v);

}  // namespace soupkeeper::vuln

#endif  // SOUPKEEPER_SRC_VULN_JSON_SUPPORT_H_
