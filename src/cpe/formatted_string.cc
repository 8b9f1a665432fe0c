// The formatted string binding (7695 §6.2): bind_to_fs and unbind_fs.
//
// "cpe:2.3:" and eleven colon-separated fields; a colon quoted with '\' is
// part of a value. '*' alone is ANY, '-' alone is NA; in values '-' and '.'
// appear unquoted, every other non-alphanumeric character quoted.
#include <vector>

#include "core/text.h"
#include "cpe/internal.h"
#include "soupkeeper/cpe.h"

namespace soupkeeper::cpe {
namespace {

constexpr std::string_view kPrefix = "cpe:2.3:";
constexpr size_t kComponents = 13;  // "cpe", "2.3" and the eleven attributes

// process_quoted_chars: the WFN value with the quoting of '.', '-' and '_'
// dropped.
void AppendBoundValue(const Value& v, std::string* out) {
  if (v.is_any()) {
    *out += '*';
    return;
  }
  if (v.is_na()) {
    *out += '-';
    return;
  }
  const std::string& s = v.wfn();
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      *out += s[i];
      continue;
    }
    char next = s[i + 1];  // a well-formed value never ends with '\'
    if (next != '.' && next != '-' && next != '_') *out += '\\';
    *out += next;
    ++i;
  }
}

// unbind_value_fs for a field at `offset` of `fs`, checked to give a
// well-formed WFN value.
Result<Value> UnbindValue(std::string_view fs, Attribute a, size_t offset, std::string_view field) {
  if (field == "*") return Value::Any();
  if (field == "-") return Value::Na();
  ValueShape shape;
  if (auto err = ScanValue(field, ValueSyntax::kFormattedString, &shape)) {
    return InvalidCpeAt(fs, a, offset + err->offset, err->message);
  }
  // add_quoting: of the characters a field may hold unquoted, '-' and '.'
  // are the ones a WFN quotes.
  std::string wfn;
  wfn.reserve(field.size() + 8);
  for (size_t i = 0; i < field.size(); ++i) {
    char c = field[i];
    if (c == '\\') {
      wfn += c;
      wfn += field[++i];
      continue;
    }
    if (c == '-' || c == '.') wfn += '\\';
    wfn += c;
  }
  if (auto err = ScanValue(wfn, ValueSyntax::kWfn, &shape)) {
    return Internal("CPE binding out of step: " + err->message);
  }
  return ValueAccess::FromScanned(std::move(wfn), shape);
}

}  // namespace

std::string Wfn::ToFormattedString() const {
  std::string fs(kPrefix);
  for (size_t i = 0; i < kAttributeCount; ++i) {
    if (i > 0) fs += ':';
    AppendBoundValue(values_[i], &fs);
  }
  return fs;
}

Result<Wfn> ParseFormattedString(std::string_view fs) {
  if (!text::StartsWithIgnoreAsciiCase(fs, kPrefix)) {
    return InvalidCpe(fs, "a formatted string starts with 'cpe:2.3:'");
  }
  // get_comp_fs: fields end at colons that are not quoted.
  size_t starts[kComponents + 1];
  size_t count = 0;
  size_t start = 0;
  for (size_t i = 0; i < fs.size(); ++i) {
    if (fs[i] == '\\') {
      ++i;  // the quoted character, even a colon
    } else if (fs[i] == ':') {
      if (count < kComponents) starts[count] = start;
      ++count;
      start = i + 1;
    }
  }
  if (count < kComponents) starts[count] = start;
  ++count;
  if (count != kComponents) {
    return InvalidCpe(fs, "expected " + std::to_string(kComponents) + " components, found " +
                              std::to_string(count));
  }
  starts[kComponents] = fs.size() + 1;
  Wfn wfn;
  for (size_t i = 0; i < kAttributeCount; ++i) {
    const auto a = static_cast<Attribute>(i);
    const size_t begin = starts[i + 2];
    std::string_view field = fs.substr(begin, starts[i + 3] - 1 - begin);
    SK_ASSIGN_OR_RETURN(Value v, UnbindValue(fs, a, begin, field));
    if (auto err = CheckAttribute(a, v)) return InvalidCpeAt(fs, a, begin, *err);
    SK_RETURN_IF_ERROR(wfn.Set(a, std::move(v)));
  }
  return wfn;
}

Result<std::string> UriToFormattedString(std::string_view uri) {
  SK_ASSIGN_OR_RETURN(Wfn wfn, ParseUri(uri));
  return wfn.ToFormattedString();
}

Result<std::string> FormattedStringToUri(std::string_view fs) {
  SK_ASSIGN_OR_RETURN(Wfn wfn, ParseFormattedString(fs));
  return wfn.ToUri();
}

Result<Wfn> Parse(std::string_view text) {
  if (text::StartsWithIgnoreAsciiCase(text, kPrefix)) return ParseFormattedString(text);
  if (text::StartsWithIgnoreAsciiCase(text, "cpe:/")) return ParseUri(text);
  return InvalidCpe(text, "expected a formatted string 'cpe:2.3:...' or a URI 'cpe:/...'");
}

}  // namespace soupkeeper::cpe
