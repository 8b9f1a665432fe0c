// Well-formed names (7695 §5): the value-string rules, Value and Wfn, the WFN
// notation, lower-casing, candidate building, and the wording of parse errors.
#include <cstdio>

#include "core/text.h"
#include "cpe/internal.h"
#include "soupkeeper/cpe.h"

namespace soupkeeper::cpe {
namespace {

constexpr std::string_view kAttributeNames[kAttributeCount] = {
    "part",     "vendor",     "product",   "version",   "update", "edition",
    "language", "sw_edition", "target_sw", "target_hw", "other",
};

bool IsPrintableAscii(char c) { return c > 0x20 && c < 0x7f; }

// Characters that may follow the escape in a value string: "\" and the
// specials and punctuation of Figure 5-1, i.e. printable ASCII except letters,
// digits and '_'.
bool IsQuotable(char c) { return IsPrintableAscii(c) && !IsAsciiAlnum(c) && c != '_'; }

std::string DescribeByte(char c) {
  if (IsPrintableAscii(c)) return std::string("'") + c + "'";
  char buf[16];
  std::snprintf(buf, sizeof buf, "byte 0x%02X", static_cast<unsigned char>(c));
  return buf;
}

// The input as shown in messages: printable, at most 200 bytes.
std::string ShowInput(std::string_view input) {
  constexpr size_t kMax = 200;
  std::string out;
  for (size_t i = 0; i < input.size() && i < kMax; ++i) {
    char c = input[i];
    if (c >= 0x20 && c < 0x7f) {
      out += c;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(c));
      out += buf;
    }
  }
  if (input.size() > kMax) out += "...";
  return out;
}

// A language tag as 7695 Figure 6-3 writes it, in WFN form: 2-3 letters,
// optionally "\-" and 2 letters or 3 digits.
bool IsLanguageTag(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && i < 3 && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')) ++i;
  if (i < 2) return false;
  if (i == s.size()) return true;
  if (s.substr(i, 2) != "\\-") return false;
  std::string_view region = s.substr(i + 2);
  auto all = [&](auto pred) {
    for (char c : region) {
      if (!pred(c)) return false;
    }
    return true;
  };
  if (region.size() == 2) return all([](char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; });
  if (region.size() == 3) return all([](char c) { return c >= '0' && c <= '9'; });
  return false;
}

}  // namespace

std::string_view AttributeName(Attribute a) { return kAttributeNames[static_cast<size_t>(a)]; }

std::optional<ValueError> ScanValue(std::string_view text, ValueSyntax syntax, ValueShape* shape) {
  const size_t n = text.size();
  if (n == 0) return ValueError{0, "empty value"};
  ValueShape s;
  size_t i = 0;
  // Leading wildcards: one '*' or a run of '?'.
  if (text[0] == '*') {
    s.lead = -1;
    i = 1;
  } else {
    while (i < n && text[i] == '?') ++i;
    s.lead = static_cast<int32_t>(i);
  }
  // The body: unreserved characters and quoted pairs.
  s.body_begin = i;
  bool starts_with_hyphen = false;
  while (i < n) {
    char c = text[i];
    if (c == '\\') {
      if (i + 1 >= n) return ValueError{i, "'\\' at the end of the value quotes nothing"};
      char q = text[i + 1];
      if (!IsQuotable(q)) {
        return ValueError{i + 1, IsPrintableAscii(q)
                                     ? DescribeByte(q) + " must not be quoted"
                                     : DescribeByte(q) + " is not allowed (printable ASCII only)"};
      }
      if (s.body_chars == 0) starts_with_hyphen = q == '-';
      i += 2;
    } else if (IsAsciiAlnum(c) || c == '_' ||
               (syntax == ValueSyntax::kFormattedString && (c == '-' || c == '.'))) {
      if (s.body_chars == 0) starts_with_hyphen = c == '-';
      ++i;
    } else {
      break;
    }
    ++s.body_chars;
  }
  s.body_end = i;
  // Trailing wildcards.
  if (i < n && text[i] == '*') {
    s.trail = -1;
    ++i;
  } else {
    size_t start = i;
    while (i < n && text[i] == '?') ++i;
    s.trail = static_cast<int32_t>(i - start);
  }
  if (i < n) {
    char c = text[i];
    if (c == '*' && text[i - 1] == '*') return ValueError{i, "'*' must not be repeated"};
    if (s.trail != 0) {
      // The wildcards after the body are followed by more text: they are
      // embedded, not trailing.
      return ValueError{s.body_end, text[s.body_end] == '*'
                                        ? "unquoted '*' is allowed only at the start or the end "
                                          "of a value"
                                        : "unquoted '?' is allowed only in a run at the start or "
                                          "the end of a value"};
    }
    if (IsQuotable(c)) {
      return ValueError{i, DescribeByte(c) + " must be quoted as '\\" + c + "'"};
    }
    return ValueError{i, DescribeByte(c) + " is not allowed (printable ASCII only, no spaces)"};
  }
  if (s.body_chars == 0) {
    if (s.lead == -1 && s.trail == -1) return ValueError{1, "'*' must not be repeated"};
    if (s.lead == -1 && s.trail == 0) return ValueError{0, "a lone '*' is not a value string"};
  } else if (s.lead == 0 && starts_with_hyphen && s.body_chars == 1) {
    // Figure 5-1: a body that starts with a quoted hyphen needs a second
    // character, so that no value binds to the lone '-' of NA.
    return ValueError{0, "a hyphen alone is not a value string (NA is written '-')"};
  }
  s.chars = s.body_chars + static_cast<size_t>(s.lead < 0 ? 1 : s.lead) +
            static_cast<size_t>(s.trail < 0 ? 1 : s.trail);
  *shape = s;
  return std::nullopt;
}

std::optional<std::string> CheckAttribute(Attribute a, const Value& v) {
  if (!v.is_string()) return std::nullopt;
  const std::string& t = v.wfn();
  if (a == Attribute::kPart) {
    if (t.size() == 1 && ((t[0] | 0x20) == 'a' || (t[0] | 0x20) == 'o' || (t[0] | 0x20) == 'h')) {
      return std::nullopt;
    }
    return "part must be 'a', 'o' or 'h'";
  }
  if (a == Attribute::kLanguage && !IsLanguageTag(t)) {
    return "language must be a language tag such as 'en' or 'en-us'";
  }
  return std::nullopt;
}

Value ValueAccess::FromScanned(std::string text, const ValueShape& shape) {
  Value v;
  v.kind_ = Value::Kind::kString;
  v.lead_ = shape.lead;
  v.trail_ = shape.trail;
  v.body_begin_ = static_cast<uint32_t>(shape.body_begin);
  v.body_end_ = static_cast<uint32_t>(shape.body_end);
  v.body_chars_ = static_cast<uint32_t>(shape.body_chars);
  v.chars_ = static_cast<uint32_t>(shape.chars);
  v.text_ = std::move(text);
  return v;
}

Value ValueAccess::WithText(const Value& v, std::string text) {
  Value out = v;
  out.text_ = std::move(text);
  return out;
}

Status InvalidCpe(std::string_view input, std::string_view detail) {
  return ParseError("invalid CPE '" + ShowInput(input) + "': " + std::string(detail));
}

Status InvalidCpeAt(std::string_view input, Attribute a, size_t offset, std::string_view detail) {
  return InvalidCpe(input, std::string(AttributeName(a)) + " at offset " + std::to_string(offset) +
                               ": " + std::string(detail));
}

Value Value::Na() {
  Value v;
  v.kind_ = Kind::kNa;
  return v;
}

Result<Value> Value::FromWfn(std::string_view wfn_text) {
  ValueShape shape;
  if (auto err = ScanValue(wfn_text, ValueSyntax::kWfn, &shape)) {
    return InvalidArgument("invalid WFN value \"" + ShowInput(wfn_text) + "\" at offset " +
                           std::to_string(err->offset) + ": " + err->message);
  }
  return ValueAccess::FromScanned(std::string(wfn_text), shape);
}

Result<Value> Value::FromLiteral(std::string_view literal) {
  if (literal.empty()) return InvalidArgument("empty CPE value");
  if (literal == "-") return InvalidArgument("a lone '-' is not a CPE value string (it means NA)");
  std::string text;
  text.reserve(literal.size() * 2);
  for (char c : literal) {
    if (!IsPrintableAscii(c)) {
      return InvalidArgument("CPE value \"" + ShowInput(literal) + "\": " + DescribeByte(c) +
                             " is not allowed (printable ASCII only, no spaces)");
    }
    if (!IsAsciiAlnum(c) && c != '_') text += '\\';
    text += c;
  }
  return FromWfn(text);
}

std::string Value::Unquoted() const {
  if (is_any()) return "*";
  if (is_na()) return "-";
  std::string out;
  out.reserve(text_.size());
  for (size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\\') ++i;  // a scanned value never ends with '\'
    out += text_[i];
  }
  return out;
}

Status Wfn::Set(Attribute a, Value v) {
  if (auto err = CheckAttribute(a, v)) {
    return InvalidArgument("invalid " + std::string(AttributeName(a)) + " \"" + v.wfn() +
                           "\": " + *err);
  }
  values_[static_cast<size_t>(a)] = std::move(v);
  return Status::Ok();
}

std::string Wfn::ToString() const {
  std::string out = "wfn:[";
  for (size_t i = 0; i < kAttributeCount; ++i) {
    if (i > 0) out += ',';
    out += AttributeName(static_cast<Attribute>(i));
    out += '=';
    const Value& v = values_[i];
    if (v.is_any()) {
      out += "ANY";
    } else if (v.is_na()) {
      out += "NA";
    } else {
      out += '"';
      out += v.wfn();
      out += '"';
    }
  }
  out += ']';
  return out;
}

Wfn Wfn::Lowercased() const {
  Wfn out = *this;
  for (Value& v : out.values_) {
    if (!v.is_string()) continue;
    v = ValueAccess::WithText(v, text::ToAsciiLower(v.wfn()));
  }
  return out;
}

Result<Wfn> WithVersion(const Wfn& criteria, std::string_view version,
                        std::optional<std::string_view> update) {
  Wfn out = criteria;
  SK_ASSIGN_OR_RETURN(Value v, Value::FromLiteral(version));
  SK_RETURN_IF_ERROR(out.Set(Attribute::kVersion, std::move(v)));
  if (update) {
    SK_ASSIGN_OR_RETURN(Value u, Value::FromLiteral(*update));
    SK_RETURN_IF_ERROR(out.Set(Attribute::kUpdate, std::move(u)));
  }
  return out;
}

}  // namespace soupkeeper::cpe
