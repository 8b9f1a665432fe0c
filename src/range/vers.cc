// vers: parsing (strict and lenient), writing and containment of
// package-url/vers-spec version range specifiers.
//
// Both parsers share one tokenizer; the strict one refuses anything a
// canonical vers cannot contain, the lenient one repairs what vers-spec's
// own "validate" and "containment" suites feed it (spaces, unsorted
// constraints, "=" prefixes). Membership is computed once, in
// membership.cc; Contains() is a binary search over the bounds.
#include <algorithm>

#include "core/text.h"
#include "range/membership.h"

namespace soupkeeper::range {
namespace {

// Characters a version must percent-encode (vers-spec §5.3.3.2), and space.
constexpr std::string_view kMustEncode = " ><=!*|%";

bool IsAsciiWhitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}
bool NeedsEncoding(unsigned char c) {
  return c < 0x21 || c > 0x7e || kMustEncode.find(static_cast<char>(c)) != std::string_view::npos;
}

Status VersError(std::string_view text, std::string_view what, size_t offset) {
  return ParseError("invalid vers '" + std::string(text) + "': " + std::string(what) +
                    " at offset " + std::to_string(offset));
}

struct RawConstraint {
  Constraint constraint;
  size_t offset;  // of the constraint in the input
};

struct RawVers {
  std::string type;
  size_t type_offset = 0;
  std::vector<RawConstraint> constraints;
};

// Decodes one version; `offset` is where it starts in `text`.
// The "datetime" type's own canonical rules (vers-spec datetime type
// definition) are checked here too: uppercase 'T' and 'Z', unencoded colons.
Result<std::string> DecodeVersion(std::string_view text, std::string_view type,
                                  std::string_view raw, size_t offset, bool strict) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    unsigned char c = raw[i];
    if (c == '%') {
      bool complete = i + 2 < raw.size();
      int hi = complete ? HexValue(raw[i + 1]) : -1;
      int lo = complete ? HexValue(raw[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        return VersError(text, "invalid percent-encoding in version", offset + i);
      }
      unsigned char decoded = static_cast<unsigned char>(hi * 16 + lo);
      bool lower_hex =
          (raw[i + 1] >= 'a' && raw[i + 1] <= 'f') || (raw[i + 2] >= 'a' && raw[i + 2] <= 'f');
      if (strict && !lower_hex && decoded == ':' && type == "datetime") {
        return VersError(text, "datetime time colons must be unencoded", offset + i);
      }
      if (strict && (lower_hex || !NeedsEncoding(decoded))) {
        return VersError(text, "percent-encoding in version is not canonical", offset + i);
      }
      out.push_back(static_cast<char>(decoded));
      i += 2;
      continue;
    }
    if (c < 0x21 || c > 0x7e) {
      return VersError(text, "non-printable or non-ASCII character in version", offset + i);
    }
    if (strict && NeedsEncoding(c)) {
      return VersError(text,
                       std::string("character '") + static_cast<char>(c) +
                           "' in version must be percent-encoded",
                       offset + i);
    }
    if (strict && type == "datetime" && (c == 't' || c == 'z')) {
      return VersError(text, "datetime must use uppercase T and Z", offset + i);
    }
    out.push_back(static_cast<char>(c));
  }
  return out;
}

// Splits a vers into type and decoded constraints. `text` is what errors
// quote; `s` is what is read (the lenient parser drops whitespace first, so
// its offsets count the remaining characters).
Result<RawVers> Tokenize(std::string_view text, std::string_view s, bool strict) {
  RawVers out;
  size_t colon = s.find(':');
  if (colon == std::string_view::npos) return VersError(text, "missing 'vers:' scheme", 0);
  std::string scheme(s.substr(0, colon));
  if (!strict) text::AsciiLowerInPlace(&scheme);
  if (scheme != "vers") return VersError(text, "URI scheme must be 'vers'", 0);
  size_t slash = s.find('/', colon + 1);
  if (slash == std::string_view::npos) {
    return VersError(text, "missing '/' after the versioning scheme", s.size());
  }
  out.type_offset = colon + 1;
  out.type.assign(s.substr(colon + 1, slash - colon - 1));
  if (!strict) text::AsciiLowerInPlace(&out.type);
  if (out.type.empty()) return VersError(text, "empty versioning scheme", out.type_offset);
  for (size_t i = 0; i < out.type.size(); ++i) {
    char c = out.type[i];
    bool ok = (c >= 'a' && c <= 'z') || (i > 0 && ((c >= '0' && c <= '9') || c == '.' || c == '-'));
    if (!ok) {
      return VersError(text,
                       (c >= 'A' && c <= 'Z') ? "versioning scheme must be lowercase"
                                              : "invalid character in versioning scheme",
                       out.type_offset + i);
    }
  }
  size_t start = slash + 1;
  std::string_view body = s.substr(start);
  if (body.empty()) return VersError(text, "no version constraints", start);
  if (strict) {
    if (body.front() == '|') return VersError(text, "leading pipe is not permitted", start);
    if (body.back() == '|') {
      return VersError(text, "trailing pipe is not permitted", start + body.size() - 1);
    }
  }
  size_t i = 0;
  while (i <= body.size()) {
    size_t end = body.find('|', i);
    if (end == std::string_view::npos) end = body.size();
    std::string_view seg = body.substr(i, end - i);
    size_t seg_offset = start + i;
    if (seg.empty()) {
      if (strict) return VersError(text, "consecutive pipes are not permitted", seg_offset);
    } else {
      RawConstraint rc{{}, seg_offset};
      size_t op_len = 0;
      if (seg.starts_with(">=")) {
        rc.constraint.comparator = Comparator::kGreaterEqual, op_len = 2;
      } else if (seg.starts_with("<=")) {
        rc.constraint.comparator = Comparator::kLessEqual, op_len = 2;
      } else if (seg.starts_with("!=")) {
        rc.constraint.comparator = Comparator::kNotEqual, op_len = 2;
      } else if (seg.starts_with("<")) {
        rc.constraint.comparator = Comparator::kLess, op_len = 1;
      } else if (seg.starts_with(">")) {
        rc.constraint.comparator = Comparator::kGreater, op_len = 1;
      } else if (seg.starts_with("=")) {
        if (strict) {
          return VersError(text, "'=' is not permitted: equality is written as a bare version",
                           seg_offset);
        }
        op_len = 1;
      } else if (seg.starts_with("*")) {
        if (seg != "*") return VersError(text, "'*' must not be followed by a version", seg_offset);
        rc.constraint.comparator = Comparator::kAny, op_len = 1;
      }
      if (rc.constraint.comparator != Comparator::kAny) {
        std::string_view raw = seg.substr(op_len);
        if (raw.empty()) return VersError(text, "empty version", seg_offset + op_len);
        SK_ASSIGN_OR_RETURN(rc.constraint.version,
                            DecodeVersion(text, out.type, raw, seg_offset + op_len, strict));
      }
      out.constraints.push_back(std::move(rc));
    }
    i = end + 1;
  }
  if (out.constraints.empty()) return VersError(text, "no version constraints", start);
  bool any = std::any_of(
      out.constraints.begin(), out.constraints.end(),
      [](const RawConstraint& rc) { return rc.constraint.comparator == Comparator::kAny; });
  if (any && out.constraints.size() > 1) {
    return VersError(text, "'*' must be the only constraint", start);
  }
  return out;
}

Result<const version::VersionScheme*> ResolveScheme(std::string_view text, const RawVers& raw) {
  const version::VersionScheme* scheme = SchemeForVersType(raw.type);
  if (scheme == nullptr) {
    return InvalidArgument("invalid vers '" + std::string(text) + "': unknown versioning scheme '" +
                           raw.type + "' at offset " + std::to_string(raw.type_offset));
  }
  return scheme;
}

Result<std::vector<ParsedConstraint>> ParseVersions(std::string_view text,
                                                    const version::VersionScheme& scheme,
                                                    const RawVers& raw) {
  std::vector<ParsedConstraint> items;
  for (const RawConstraint& rc : raw.constraints) {
    ParsedConstraint pc{rc.constraint, nullptr};
    if (rc.constraint.comparator != Comparator::kAny) {
      auto parsed = scheme.Parse(rc.constraint.version);
      if (!parsed.ok()) {
        return VersError(text, parsed.status().message(),
                         rc.offset + ComparatorText(rc.constraint.comparator).size());
      }
      pc.parsed = std::move(*parsed);
    }
    items.push_back(std::move(pc));
  }
  return items;
}

bool IsLess(Comparator c) { return c == Comparator::kLess || c == Comparator::kLessEqual; }

// vers-spec §5.4 on constraints in input order.
Status ValidateCanonical(std::string_view text, const version::VersionScheme& scheme,
                         const RawVers& raw, const std::vector<ParsedConstraint>& items) {
  for (size_t i = 1; i < items.size(); ++i) {
    int c = scheme.Compare(*items[i - 1].parsed, *items[i].parsed);
    if (c > 0)
      return VersError(text, "constraints are not sorted by version", raw.constraints[i].offset);
    if (c == 0) {
      return VersError(text, "version '" + items[i].constraint.version + "' occurs more than once",
                       raw.constraints[i].offset);
    }
  }
  // Ignoring '!=': an equality is followed only by an equality, '>' or '>='.
  // Ignoring '!=' and equalities: '<' kinds and '>' kinds alternate.
  const ParsedConstraint* prev = nullptr;
  const ParsedConstraint* prev_ranged = nullptr;
  for (size_t i = 0; i < items.size(); ++i) {
    Comparator c = items[i].constraint.comparator;
    if (c == Comparator::kNotEqual) continue;
    auto bad = [&](const ParsedConstraint* before) {
      std::string b(ComparatorText(before->constraint.comparator));
      std::string a(ComparatorText(c));
      return VersError(text,
                       "invalid constraint sequence: '" + (a.empty() ? "=" : a) +
                           "' cannot follow '" + (b.empty() ? "=" : b) + "'",
                       raw.constraints[i].offset);
    };
    if (prev && prev->constraint.comparator == Comparator::kEqual && IsLess(c)) return bad(prev);
    if (c != Comparator::kEqual) {
      if (prev_ranged && IsLess(prev_ranged->constraint.comparator) == IsLess(c)) {
        return bad(prev_ranged);
      }
      prev_ranged = &items[i];
    }
    prev = &items[i];
  }
  return Status::Ok();
}

void AppendEncoded(std::string& out, std::string_view version) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : version) {
    if (NeedsEncoding(c)) {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
}

}  // namespace

std::string_view ComparatorText(Comparator c) {
  switch (c) {
    case Comparator::kEqual:
      return "";
    case Comparator::kNotEqual:
      return "!=";
    case Comparator::kLess:
      return "<";
    case Comparator::kLessEqual:
      return "<=";
    case Comparator::kGreater:
      return ">";
    case Comparator::kGreaterEqual:
      return ">=";
    case Comparator::kAny:
      return "*";
  }
  return "";
}

const version::VersionScheme* SchemeForVersType(std::string_view vers_type) {
  if (const version::VersionScheme* s = version::FindScheme(vers_type)) return s;
  if (const version::VersionScheme* s = version::SchemeForPurlType(vers_type)) return s;
  if (vers_type == "debian") return version::FindScheme("deb");
  if (vers_type == "nginx") return version::FindScheme("semver");
  return nullptr;
}

Result<VersRange> VersRange::Parse(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (IsAsciiWhitespace(text[i])) return VersError(text, "whitespace is not permitted", i);
  }
  SK_ASSIGN_OR_RETURN(RawVers raw, Tokenize(text, text, /*strict=*/true));
  SK_ASSIGN_OR_RETURN(const version::VersionScheme* scheme, ResolveScheme(text, raw));
  SK_ASSIGN_OR_RETURN(auto items, ParseVersions(text, *scheme, raw));
  SK_RETURN_IF_ERROR(ValidateCanonical(text, *scheme, raw, items));
  return MembershipBuilder::FromVers(raw.type, *scheme, std::move(items));
}

Result<VersRange> VersRange::ParseLenient(std::string_view text) {
  std::string compact;
  for (char c : text) {
    if (!IsAsciiWhitespace(c)) compact.push_back(c);
  }
  SK_ASSIGN_OR_RETURN(RawVers raw, Tokenize(text, compact, /*strict=*/false));
  SK_ASSIGN_OR_RETURN(const version::VersionScheme* scheme, ResolveScheme(text, raw));
  SK_ASSIGN_OR_RETURN(auto items, ParseVersions(text, *scheme, raw));
  MembershipBuilder::Sort(*scheme, items);
  return MembershipBuilder::FromVers(raw.type, *scheme, std::move(items));
}

Result<VersRange> VersRange::Build(std::string_view vers_type,
                                   std::vector<Constraint> constraints) {
  const version::VersionScheme* scheme = SchemeForVersType(vers_type);
  if (scheme == nullptr) {
    return InvalidArgument("unknown versioning scheme '" + std::string(vers_type) + "'");
  }
  if (constraints.empty()) return InvalidArgument("a vers needs at least one constraint");
  for (const Constraint& c : constraints) {
    if (c.comparator == Comparator::kAny && constraints.size() > 1) {
      return InvalidArgument("'*' must be the only constraint");
    }
  }
  SK_ASSIGN_OR_RETURN(auto items, MembershipBuilder::ParseAll(*scheme, constraints));
  MembershipBuilder::Sort(*scheme, items);
  return MembershipBuilder::FromVers(std::string(vers_type), *scheme, std::move(items));
}

std::string VersRange::ToString() const {
  std::string out = "vers:" + type_ + "/";
  for (size_t i = 0; i < constraints_.size(); ++i) {
    if (i > 0) out.push_back('|');
    out += ComparatorText(constraints_[i].comparator);
    AppendEncoded(out, constraints_[i].version);
  }
  return out;
}

VersRange VersRange::Normalize() const {
  VersRange r = *this;
  MembershipBuilder::WriteCanonical(r, bound_texts_);
  return r;
}

std::string VersRange::Canonical() const { return Normalize().ToString(); }

bool VersRange::Contains(const version::ParsedVersion& v) const {
  size_t lo = 0, hi = bounds_.size();
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = scheme_->Compare(*bounds_[mid], v);
    if (c == 0) return members_[2 * mid + 1] != 0;
    if (c < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return members_[2 * lo] != 0;
}

Result<bool> VersRange::Contains(std::string_view version) const {
  SK_ASSIGN_OR_RETURN(auto parsed, scheme_->Parse(version));
  return Contains(*parsed);
}

bool VersRange::IsAll() const {
  return std::all_of(members_.begin(), members_.end(), [](uint8_t m) { return m != 0; });
}

}  // namespace soupkeeper::range
