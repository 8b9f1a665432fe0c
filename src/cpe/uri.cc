// The URI binding (7695 §6.1): bind_to_URI and unbind_URI.
//
// "cpe:/" and up to seven colon-separated components (CPE 2.2). Empty is ANY,
// '-' is NA; '-', '.' and '_' appear as they are, other punctuation
// percent-encoded, the wildcards '?' and '*' as %01 and %02. The four
// extended attributes are packed into the edition component as
// "~edition~sw_edition~target_sw~target_hw~other".
#include "core/text.h"
#include "cpe/internal.h"
#include "soupkeeper/cpe.h"

namespace soupkeeper::cpe {
namespace {

constexpr size_t kUriComponents = 7;
constexpr char kHex[] = "0123456789abcdef";

// pct_encode for a quoted character; '-' and '.' pass without encoding.
void AppendPctEncoded(char c, std::string* out) {
  if (c == '-' || c == '.') {
    *out += c;
    return;
  }
  *out += '%';
  *out += kHex[(static_cast<unsigned char>(c) >> 4) & 0xf];
  *out += kHex[static_cast<unsigned char>(c) & 0xf];
}

// bind_value_for_URI and transform_for_uri.
std::string BindValue(const Value& v) {
  if (v.is_any()) return "";
  if (v.is_na()) return "-";
  const std::string& s = v.wfn();
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (IsAsciiAlnum(c) || c == '_') {
      out += c;
    } else if (c == '\\') {
      AppendPctEncoded(s[++i], &out);  // a well-formed value never ends with '\'
    } else if (c == '?') {
      out += "%01";
    } else if (c == '*') {
      out += "%02";
    }
  }
  return out;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = text::AsciiLower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// The characters a decoded percent-encoding may stand for (7695 Figure 6-2):
// the printable punctuation other than '-', '.' and '_'.
bool IsEncodable(int c) {
  return c > 0x20 && c < 0x7f && !IsAsciiAlnum(static_cast<char>(c)) && c != '-' && c != '.' &&
         c != '_';
}

// decode: component `s` at `offset` of `uri`, for attribute `a`.
Result<Value> Decode(std::string_view uri, Attribute a, size_t offset, std::string_view s) {
  if (s.empty()) return Value::Any();
  if (s == "-") return Value::Na();
  std::string wfn;
  wfn.reserve(s.size() + 8);
  bool embedded = false;
  const size_t n = s.size();
  for (size_t idx = 0; idx < n;) {
    char c = text::AsciiLower(s[idx]);
    if (c == '.' || c == '-' || c == '~') {
      wfn += '\\';
      wfn += c;
      ++idx;
      embedded = true;
      continue;
    }
    if (IsAsciiAlnum(c) || c == '_') {
      wfn += c;
      ++idx;
      embedded = true;
      continue;
    }
    if (c != '%') {
      return InvalidCpeAt(uri, a, offset + idx,
                          c > 0x20 && c < 0x7f
                              ? std::string("'") + c + "' must be percent-encoded in a URI"
                              : std::string("only printable ASCII is allowed in a URI"));
    }
    int hi = idx + 1 < n ? HexDigit(s[idx + 1]) : -1;
    int lo = idx + 2 < n ? HexDigit(s[idx + 2]) : -1;
    if (hi < 0 || lo < 0) {
      return InvalidCpeAt(uri, a, offset + idx, "'%' must be followed by two hex digits");
    }
    const int code = hi * 16 + lo;
    if (code == 0x01) {
      // A '?' is legal at either end, or in a run that starts at the
      // beginning (nothing but %01 before it) or reaches the end.
      if (idx == 0 || idx == n - 3 || (!embedded && s.substr(idx - 3, 3) == "%01") ||
          (embedded && n >= idx + 6 && s.substr(idx + 3, 3) == "%01")) {
        wfn += '?';
        idx += 3;
        continue;
      }
      return InvalidCpeAt(uri, a, offset + idx,
                          "%01 ('?') is allowed only in a run at the start or the end of a value");
    }
    if (code == 0x02) {
      if (idx != 0 && idx != n - 3) {
        return InvalidCpeAt(uri, a, offset + idx,
                            "%02 ('*') is allowed only at the start or the end of a value");
      }
      wfn += '*';
    } else if (IsEncodable(code)) {
      wfn += '\\';
      wfn += static_cast<char>(code);
    } else {
      return InvalidCpeAt(
          uri, a, offset + idx,
          "percent-encoded form '" + std::string(s.substr(idx, 3)) + "' is not allowed");
    }
    idx += 3;
    embedded = true;
  }
  // The pseudo-code's checks let a few ill-formed values through ("%02"
  // alone, "%02%02", "-%02"); the value-string rules catch them.
  ValueShape shape;
  if (auto err = ScanValue(wfn, ValueSyntax::kWfn, &shape)) {
    return InvalidCpeAt(uri, a, offset, err->message);
  }
  Value v = ValueAccess::FromScanned(std::move(wfn), shape);
  if (auto err = CheckAttribute(a, v)) return InvalidCpeAt(uri, a, offset, *err);
  return v;
}

}  // namespace

std::string Wfn::ToUri() const {
  std::string uri = "cpe:/";
  for (Attribute a :
       {Attribute::kPart, Attribute::kVendor, Attribute::kProduct, Attribute::kVersion,
        Attribute::kUpdate, Attribute::kEdition, Attribute::kLanguage}) {
    if (a == Attribute::kEdition) {
      // pack: the extended attributes ride in the edition when any is set.
      std::string ed = BindValue(Get(Attribute::kEdition));
      std::string sw_ed = BindValue(Get(Attribute::kSwEdition));
      std::string t_sw = BindValue(Get(Attribute::kTargetSw));
      std::string t_hw = BindValue(Get(Attribute::kTargetHw));
      std::string oth = BindValue(Get(Attribute::kOther));
      if (sw_ed.empty() && t_sw.empty() && t_hw.empty() && oth.empty()) {
        uri += ed;
      } else {
        uri += '~' + ed + '~' + sw_ed + '~' + t_sw + '~' + t_hw + '~' + oth;
      }
    } else {
      uri += BindValue(Get(a));
    }
    uri += ':';
  }
  while (uri.back() == ':') uri.pop_back();  // trim; "cpe:/" has no trailing ':'
  return uri;
}

Result<Wfn> ParseUri(std::string_view uri) {
  constexpr std::string_view kPrefix = "cpe:/";
  if (!text::StartsWithIgnoreAsciiCase(uri, kPrefix)) {
    return InvalidCpe(uri, "a URI starts with 'cpe:/'");
  }
  // get_comp_uri: components 1..7 after the prefix; missing ones are empty.
  std::string_view comps[kUriComponents];
  size_t offsets[kUriComponents];
  size_t count = 0;
  size_t start = kPrefix.size();
  for (size_t i = start; i <= uri.size(); ++i) {
    if (i < uri.size() && uri[i] != ':') continue;
    if (count == kUriComponents) {
      return InvalidCpe(uri, "expected at most 7 components after 'cpe:/', found more");
    }
    comps[count] = uri.substr(start, i - start);
    offsets[count] = start;
    ++count;
    start = i + 1;
  }
  for (size_t i = count; i < kUriComponents; ++i) offsets[i] = uri.size();

  constexpr Attribute kOrder[kUriComponents] = {
      Attribute::kPart,   Attribute::kVendor,  Attribute::kProduct,  Attribute::kVersion,
      Attribute::kUpdate, Attribute::kEdition, Attribute::kLanguage,
  };
  Wfn wfn;
  for (size_t i = 0; i < kUriComponents; ++i) {
    std::string_view v = comps[i];
    if (kOrder[i] == Attribute::kEdition && !v.empty() && v[0] == '~') {
      // unpack: five fields after the leading '~'.
      constexpr Attribute kPacked[5] = {Attribute::kEdition, Attribute::kSwEdition,
                                        Attribute::kTargetSw, Attribute::kTargetHw,
                                        Attribute::kOther};
      size_t field_start = 1;
      for (size_t f = 0; f < 5; ++f) {
        size_t end = f < 4 ? v.find('~', field_start) : v.size();
        if (end == std::string_view::npos || (f == 4 && v.find('~', field_start) != v.npos)) {
          return InvalidCpeAt(uri, Attribute::kEdition, offsets[i],
                              "a packed edition has five fields: ~edition~sw_edition~target_sw~"
                              "target_hw~other");
        }
        SK_ASSIGN_OR_RETURN(Value value, Decode(uri, kPacked[f], offsets[i] + field_start,
                                                v.substr(field_start, end - field_start)));
        SK_RETURN_IF_ERROR(wfn.Set(kPacked[f], std::move(value)));
        field_start = end + 1;
      }
      continue;
    }
    SK_ASSIGN_OR_RETURN(Value value, Decode(uri, kOrder[i], offsets[i], v));
    SK_RETURN_IF_ERROR(wfn.Set(kOrder[i], std::move(value)));
  }
  return wfn;
}

}  // namespace soupkeeper::cpe
