// Shared internals of the CPE library: the value-string scanner that both
// bindings and Value::FromWfn use, the matcher's access to a Value's
// precomputed shape, and the wording of parse errors.
#ifndef SOUPKEEPER_SRC_CPE_INTERNAL_H_
#define SOUPKEEPER_SRC_CPE_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "soupkeeper/cpe.h"

namespace soupkeeper::cpe {

// How a value string is written. In a WFN every character other than letters,
// digits and '_' is quoted; a formatted string also leaves '-' and '.'
// unquoted (7695 §6.2.1).
enum class ValueSyntax { kWfn, kFormattedString };

// Where the wildcards and the body of a value string are.
struct ValueShape {
  int32_t lead = 0;   // -1 for a leading '*', else the number of leading '?'
  int32_t trail = 0;  // -1 for a trailing '*', else the number of trailing '?'
  size_t body_begin = 0;
  size_t body_end = 0;
  size_t body_chars = 0;  // characters in the body, a quoted pair counting one
  size_t chars = 0;       // characters in the whole value
};

struct ValueError {
  size_t offset;  // byte offset in the scanned text
  std::string message;
};

// Checks that `text` is a well-formed value string (7695 Figure 5-1 plus the
// MUST NOTs of §5.3.2) in the given syntax, and fills `shape`.
std::optional<ValueError> ScanValue(std::string_view text, ValueSyntax syntax, ValueShape* shape);

// The per-attribute rules of 7695 §5.3.3 (part, language); nullopt when met.
std::optional<std::string> CheckAttribute(Attribute a, const Value& v);

// The matcher's and the parsers' view of a Value.
class ValueAccess {
 public:
  // A string value from WFN text already known to scan cleanly.
  static Value FromScanned(std::string text, const ValueShape& shape);
  // `v` with its text replaced by `text` of the same shape (e.g. lower-cased).
  static Value WithText(const Value& v, std::string text);
  static int32_t lead(const Value& v) { return v.lead_; }
  static int32_t trail(const Value& v) { return v.trail_; }
  static std::string_view body(const Value& v) {
    return std::string_view(v.text_).substr(v.body_begin_, v.body_end_ - v.body_begin_);
  }
  static uint32_t body_chars(const Value& v) { return v.body_chars_; }
  static uint32_t chars(const Value& v) { return v.chars_; }
};

// "invalid CPE '<input>': <detail>", the input shown printable and at most
// 200 bytes long.
Status InvalidCpe(std::string_view input, std::string_view detail);
// "invalid CPE '<input>': <attribute> at offset <offset>: <detail>".
Status InvalidCpeAt(std::string_view input, Attribute a, size_t offset, std::string_view detail);

inline bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace soupkeeper::cpe

#endif  // SOUPKEEPER_SRC_CPE_INTERNAL_H_
