// Parsing, building and printing purls (ECMA-427 and the purl-spec "how to
// parse" and "how to build" procedures).
//
// Parse works right to left as the spec describes (subpath, qualifiers,
// scheme, type, version, name, namespace) on offsets into the input, decoding
// straight into the output strings, so a purl whose components fit the small
// string buffer parses without allocating. Build takes decoded components and
// shares the qualifier, type-name and type-rule code with Parse; the two
// differ only in where the components come from and how errors say where.
#include "soupkeeper/purl.h"

#include <string.h>  // memrchr

#include <algorithm>
#include <cstring>
#include <optional>
#include <utility>

#include "core/text.h"
#include "purl/encoding.h"
#include "purl/type_rules.h"

namespace soupkeeper::purl {
namespace {

using internal::Component;
using internal::TypeRule;
using internal::Violation;

constexpr size_t kNpos = std::string_view::npos;
constexpr size_t kMaxQuoted = 200;

const char* ComponentName(Component c) {
  switch (c) {
    case Component::kType:
      return "type";
    case Component::kNamespace:
      return "namespace";
    case Component::kName:
      return "name";
    case Component::kVersion:
      return "version";
    case Component::kQualifiers:
      return "qualifiers";
    case Component::kSubpath:
      return "subpath";
  }
  return "purl";
}

// The input as it appears inside an error message: control bytes escaped so
// the message stays on one line, long inputs cut.
std::string QuoteForMessage(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "'";
  for (size_t i = 0; i < text.size() && i < kMaxQuoted; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  if (text.size() > kMaxQuoted) out += "...";
  out += "'";
  return out;
}

// Type: ASCII letters, digits, '.', '-'; starts with a letter. Returns the
// index of the first offending character, or kNpos when `type` is valid.
size_t InvalidTypeCharAt(std::string_view type) {
  for (size_t i = 0; i < type.size(); ++i) {
    char c = type[i];
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    bool ok = letter || (i > 0 && ((c >= '0' && c <= '9') || c == '.' || c == '-'));
    if (!ok) return i;
  }
  return kNpos;
}

// Checks (and in lenient mode lower-cases) a qualifier key in place. Returns
// a description of the problem and its index in the key, or nullopt.
std::optional<std::pair<std::string, size_t>> CheckQualifierKey(std::string* key,
                                                                bool lower_case_keys) {
  if (key->empty()) return std::make_pair(std::string("empty qualifier key"), 0);
  for (size_t i = 0; i < key->size(); ++i) {
    char& c = (*key)[i];
    if (c >= 'A' && c <= 'Z') {
      if (!lower_case_keys) {
        return std::make_pair("qualifier key '" + *key + "' must be lower case", i);
      }
      c = text::AsciiLower(c);
    }
    bool letter = c >= 'a' && c <= 'z';
    bool ok = letter || (i > 0 && ((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_'));
    if (!ok) {
      std::string what = i == 0 ? "qualifier key '" + *key + "' must start with a letter"
                                : "qualifier key '" + *key + "' has a character other than " +
                                      "a-z, 0-9, '.', '-', '_'";
      return std::make_pair(std::move(what), i);
    }
  }
  return std::nullopt;
}

bool KeyLess(const Qualifier& a, const Qualifier& b) { return a.key < b.key; }

// Sorts the qualifiers by key; returns the first key that occurs twice.
std::optional<std::string> SortQualifiers(std::vector<Qualifier>* qualifiers) {
  if (!std::is_sorted(qualifiers->begin(), qualifiers->end(), KeyLess)) {
    std::sort(qualifiers->begin(), qualifiers->end(), KeyLess);
  }
  auto dup =
      std::adjacent_find(qualifiers->begin(), qualifiers->end(),
                         [](const Qualifier& a, const Qualifier& b) { return a.key == b.key; });
  if (dup != qualifiers->end()) return dup->key;
  return std::nullopt;
}

// Appends `segment` to the '/'-joined `path`.
void AppendSegment(std::string_view segment, std::string* path) {
  if (!path->empty()) path->push_back('/');
  path->append(segment);
}

class Parser {
 public:
  Parser(std::string_view text, ParseMode mode, Purl* out) : text_(text), mode_(mode), out_(out) {}

  Status Run();

 private:
  Status Fail(size_t offset, std::string_view what) const {
    return ParseError("invalid purl " + QuoteForMessage(text_) + ": " + std::string(what) +
                      " at offset " + std::to_string(offset));
  }

  // Percent-decodes text_[begin, end) onto the end of `*out`, checking the
  // escapes and that the decoded bytes are UTF-8.
  Status DecodeAppend(size_t begin, size_t end, Component what, std::string* out) const;
  // First index of `c` in text_[from, to), or `to`.
  size_t Find(char c, size_t from, size_t to) const {
    const void* hit = from < to ? std::memchr(text_.data() + from, c, to - from) : nullptr;
    return hit == nullptr ? to : static_cast<size_t>(static_cast<const char*>(hit) - text_.data());
  }
  // Last index of `c` in text_[from, to), or kNpos.
  size_t FindLast(char c, size_t from, size_t to) const {
    const void* hit = from < to ? memrchr(text_.data() + from, c, to - from) : nullptr;
    return hit == nullptr ? kNpos
                          : static_cast<size_t>(static_cast<const char*>(hit) - text_.data());
  }
  Status ParseSubpath(size_t begin, size_t end);
  Status ParseQualifiers(size_t begin, size_t end);
  Status ParsePath(size_t begin, size_t end, const TypeRule* rule);

  std::string_view text_;
  ParseMode mode_;
  Purl* out_;
  size_t offsets_[6] = {};  // where each Component starts, for messages
};

Status Parser::DecodeAppend(size_t begin, size_t end, Component what, std::string* out) const {
  std::string_view s = text_.substr(begin, end - begin);
  size_t old_size = out->size();
  size_t bad = internal::AppendPercentDecoded(s, out);
  if (bad != kNpos) return Fail(begin + bad, "bad percent-encoding");
  // ASCII needs no further check; most components are ASCII.
  bool ascii = std::all_of(out->begin() + static_cast<std::ptrdiff_t>(old_size), out->end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (!ascii && !internal::IsValidUtf8(std::string_view(*out).substr(old_size))) {
    return Fail(begin, std::string("invalid UTF-8 in ") + ComponentName(what));
  }
  return Status::Ok();
}

Status Parser::ParseSubpath(size_t begin, size_t end) {
  offsets_[static_cast<int>(Component::kSubpath)] = begin;
  std::string& subpath = out_->subpath;
  size_t pos = begin;
  while (pos <= end) {
    size_t seg_end = Find('/', pos, end);
    if (seg_end > pos) {
      size_t restore = subpath.size();
      if (!subpath.empty()) subpath.push_back('/');
      size_t seg_start = subpath.size();
      SK_RETURN_IF_ERROR(DecodeAppend(pos, seg_end, Component::kSubpath, &subpath));
      std::string_view seg = std::string_view(subpath).substr(seg_start);
      if (seg.find('/') != kNpos) return Fail(pos, "subpath segment holds an encoded '/'");
      if (seg == "." || seg == "..") subpath.resize(restore);
    }
    pos = seg_end + 1;
  }
  return Status::Ok();
}

Status Parser::ParseQualifiers(size_t begin, size_t end) {
  offsets_[static_cast<int>(Component::kQualifiers)] = begin;
  std::vector<Qualifier>& qualifiers = out_->qualifiers;
  size_t count = 0;  // reuses the strings of `qualifiers` left from an earlier parse
  qualifiers.reserve(1 + std::count(text_.begin() + static_cast<std::ptrdiff_t>(begin),
                                    text_.begin() + static_cast<std::ptrdiff_t>(end), '&'));
  size_t pos = begin;
  while (pos <= end) {
    size_t pair_end = Find('&', pos, end);
    if (pair_end > pos) {
      size_t eq = Find('=', pos, pair_end);
      if (eq == pair_end) return Fail(pos, "qualifier without '='");
      if (count == qualifiers.size()) qualifiers.emplace_back();
      Qualifier& q = qualifiers[count];
      q.key.assign(text_.substr(pos, eq - pos));
      if (auto bad = CheckQualifierKey(&q.key, mode_ == ParseMode::kLenient)) {
        return Fail(pos + bad->second, bad->first);
      }
      q.value.clear();
      SK_RETURN_IF_ERROR(DecodeAppend(eq + 1, pair_end, Component::kQualifiers, &q.value));
      if (!q.value.empty()) ++count;  // an empty value means no qualifier
    }
    pos = pair_end + 1;
  }
  qualifiers.resize(count);
  if (auto dup = SortQualifiers(&qualifiers)) {
    // Say where the key occurs the second time.
    int seen = 0;
    for (size_t p = begin; p < end;) {
      size_t pair_end = Find('&', p, end);
      std::string_view key = text_.substr(p, pair_end - p);
      key = key.substr(0, key.find('='));
      if (text::EqualsIgnoreAsciiCase(key, *dup) && ++seen == 2) {
        return Fail(p, "duplicate qualifier key '" + *dup + "'");
      }
      p = pair_end + 1;
    }
    return Fail(begin, "duplicate qualifier key '" + *dup + "'");
  }
  return Status::Ok();
}

// The part between "type/" and the version or the end: namespace and name.
Status Parser::ParsePath(size_t begin, size_t end, const TypeRule* rule) {
  // Trailing slashes do not count (the grammar's "name *'/'").
  while (end > begin && text_[end - 1] == '/') --end;
  while (begin < end && text_[begin] == '/') ++begin;
  size_t name_begin;
  if (rule != nullptr && rule->name_rule == internal::NameRule::kGit) {
    // git: the first segment is the host (namespace); the rest is the name.
    size_t slash = Find('/', begin, end);
    name_begin = slash == end ? begin : slash + 1;
    while (name_begin < end && text_[name_begin] == '/') ++name_begin;
  } else {
    size_t slash = FindLast('/', begin, end);
    name_begin = slash == kNpos ? begin : slash + 1;
  }
  offsets_[static_cast<int>(Component::kName)] = name_begin;
  offsets_[static_cast<int>(Component::kNamespace)] = begin;
  if (name_begin >= end) return Fail(name_begin, "name is required");

  // Namespace and (for git) name: '/'-separated segments, empty ones dropped.
  auto parse_segments = [this](size_t from, size_t to, Component what,
                               std::string* path) -> Status {
    size_t pos = from;
    while (pos < to) {
      size_t seg_end = Find('/', pos, to);
      if (seg_end > pos) {
        if (!path->empty()) path->push_back('/');
        size_t seg_start = path->size();
        SK_RETURN_IF_ERROR(DecodeAppend(pos, seg_end, what, path));
        if (path->find('/', seg_start) != std::string::npos) {
          return Fail(pos, std::string(ComponentName(what)) + " segment holds an encoded '/'");
        }
      }
      pos = seg_end + 1;
    }
    return Status::Ok();
  };
  if (name_begin > begin) {
    SK_RETURN_IF_ERROR(
        parse_segments(begin, name_begin - 1, Component::kNamespace, &out_->namespace_));
  }
  if (rule != nullptr && rule->name_rule == internal::NameRule::kGit) {
    return parse_segments(name_begin, end, Component::kName, &out_->name);
  }
  return DecodeAppend(name_begin, end, Component::kName, &out_->name);
}

Status Parser::Run() {
  out_->type.clear();
  out_->namespace_.clear();
  out_->name.clear();
  out_->version.clear();
  out_->subpath.clear();
  // One pass for control characters and the last '#', and the last '?'
  // before that '#' (the spec's "split once from right" on each).
  size_t hash = kNpos, question = kNpos, question_before_hash = kNpos;
  for (size_t i = 0; i < text_.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text_[i]);
    if (c <= '?') {
      if (c < 0x20) return Fail(i, "unencoded control character");
      if (c == '#') {
        hash = i;
        question_before_hash = question;
      } else if (c == '?') {
        question = i;
      }
    } else if (c == 0x7F) {
      return Fail(i, "unencoded control character");
    }
  }

  size_t end = text_.size();
  if (hash != kNpos) {
    SK_RETURN_IF_ERROR(ParseSubpath(hash + 1, end));
    end = hash;
    question = question_before_hash;
  }
  offsets_[static_cast<int>(Component::kQualifiers)] = end;
  if (size_t q = question; q != kNpos) {
    SK_RETURN_IF_ERROR(ParseQualifiers(q + 1, end));
    end = q;
  } else {
    out_->qualifiers.clear();
  }

  size_t colon = Find(':', 0, end);
  if (colon == end) return Fail(0, "missing 'pkg:' scheme");
  if (!text::EqualsIgnoreAsciiCase(text_.substr(0, colon), "pkg")) {
    return Fail(0, "scheme is not 'pkg'");
  }
  size_t pos = colon + 1;
  while (pos < end && text_[pos] == '/') ++pos;

  // Type, up to the next '/'.
  size_t type_end = Find('/', pos, end);
  offsets_[static_cast<int>(Component::kType)] = pos;
  if (type_end == pos) return Fail(pos, "type is required");
  if (size_t bad = InvalidTypeCharAt(text_.substr(pos, type_end - pos)); bad != kNpos) {
    return Fail(pos + bad, bad == 0 ? "type must start with an ASCII letter"
                                    : "type has a character other than ASCII letters, "
                                      "digits, '.', '-'");
  }
  out_->type.assign(text_.substr(pos, type_end - pos));
  text::AsciiLowerInPlace(&out_->type);
  if (type_end == end) return Fail(end, "name is required");
  pos = type_end + 1;

  // Version: after the last '@' that no '/' follows (an '@' followed by a
  // '/' belongs to a path segment, as in "pkg:npm/@babel/core").
  size_t at = FindLast('@', pos, end);
  if (at != kNpos && Find('/', at, end) == end) {
    // "name/@1.0": the '@' follows a '/', so the name before it is empty.
    if (text_[at - 1] == '/') return Fail(at, "name is required");
    offsets_[static_cast<int>(Component::kVersion)] = at + 1;
    SK_RETURN_IF_ERROR(DecodeAppend(at + 1, end, Component::kVersion, &out_->version));
    end = at;
  }

  const TypeRule* rule = internal::FindTypeRule(out_->type);
  SK_RETURN_IF_ERROR(ParsePath(pos, end, rule));
  if (std::optional<Violation> v = internal::ApplyTypeRule(rule, out_)) {
    return Fail(offsets_[static_cast<int>(v->component)], v->message);
  }
  return Status::Ok();
}

Status BuildError(std::string_view what) {
  return InvalidArgument("invalid purl components: " + std::string(what));
}

// Splits `path` on '/', drops empty segments (and "."/".." when `drop_dot_segments`
// is set) and joins the rest again.
std::string CleanPath(std::string_view path, bool drop_dot_segments) {
  std::string out;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t slash = path.find('/', pos);
    size_t seg_end = slash == kNpos ? path.size() : slash;
    std::string_view seg = path.substr(pos, seg_end - pos);
    bool dot = seg == "." || seg == "..";
    if (!seg.empty() && !(drop_dot_segments && dot)) AppendSegment(seg, &out);
    pos = seg_end + 1;
  }
  return out;
}

// Appends '/'-separated `path` with each segment percent-encoded.
void AppendEncodedPath(std::string_view path, std::string* out) {
  size_t pos = 0;
  while (true) {
    size_t slash = path.find('/', pos);
    internal::AppendPercentEncoded(path.substr(pos, slash - pos), out);
    if (slash == kNpos) break;
    out->push_back('/');
    pos = slash + 1;
  }
}

// "pkg:type/namespace/name", the start of every canonical string.
void AppendIdentity(const Purl& p, std::string* out) {
  out->append("pkg:");
  out->append(p.type);
  out->push_back('/');
  if (!p.namespace_.empty()) {
    AppendEncodedPath(p.namespace_, out);
    out->push_back('/');
  }
  const TypeRule* rule = internal::FindTypeRule(p.type);
  if (rule != nullptr && rule->name_rule == internal::NameRule::kGit) {
    AppendEncodedPath(p.name, out);  // the repository path keeps its '/'
  } else {
    internal::AppendPercentEncoded(p.name, out);
  }
}

}  // namespace

const std::string* Purl::FindQualifier(std::string_view key) const {
  for (const Qualifier& q : qualifiers) {
    if (q.key == key) return &q.value;
  }
  return nullptr;
}

Status ParseInto(std::string_view text, Purl* out, ParseMode mode) {
  return Parser(text, mode, out).Run();
}

Result<Purl> Parse(std::string_view text, ParseMode mode) {
  Purl p;
  SK_RETURN_IF_ERROR(ParseInto(text, &p, mode));
  return p;
}

Result<Purl> Build(Purl c) {
  if (c.type.empty()) return BuildError("type is required");
  if (size_t bad = InvalidTypeCharAt(c.type); bad != kNpos) {
    return BuildError("type '" + c.type +
                      "' must be ASCII letters, digits, '.', '-' and start "
                      "with a letter");
  }
  text::AsciiLowerInPlace(&c.type);
  const TypeRule* rule = internal::FindTypeRule(c.type);
  bool git = rule != nullptr && rule->name_rule == internal::NameRule::kGit;

  struct Field {
    Component component;
    std::string* value;
  };
  for (Field f : {Field{Component::kNamespace, &c.namespace_}, Field{Component::kName, &c.name},
                  Field{Component::kVersion, &c.version}, Field{Component::kSubpath, &c.subpath}}) {
    if (!internal::IsValidUtf8(*f.value)) {
      return BuildError(std::string(ComponentName(f.component)) + " is not valid UTF-8");
    }
  }
  c.namespace_ = CleanPath(c.namespace_, false);
  c.subpath = CleanPath(c.subpath, true);
  // The name may hold '/' (encoded as %2F), but leading and trailing slashes
  // are not significant; for git the name is a path like the namespace.
  if (git) {
    c.name = CleanPath(c.name, false);
  } else {
    size_t first = c.name.find_first_not_of('/');
    c.name = first == kNpos ? "" : c.name.substr(first, c.name.find_last_not_of('/') + 1 - first);
  }
  if (c.name.empty()) return BuildError("name is required");

  std::vector<Qualifier> kept;
  kept.reserve(c.qualifiers.size());
  for (Qualifier& q : c.qualifiers) {
    if (auto bad = CheckQualifierKey(&q.key, /*lower_case_keys=*/true))
      return BuildError(bad->first);
    if (!internal::IsValidUtf8(q.value)) {
      return BuildError("value of qualifier '" + q.key + "' is not valid UTF-8");
    }
    if (!q.value.empty()) kept.push_back(std::move(q));
  }
  c.qualifiers = std::move(kept);
  if (auto dup = SortQualifiers(&c.qualifiers)) {
    return BuildError("duplicate qualifier key '" + *dup + "'");
  }
  if (std::optional<Violation> v = internal::ApplyTypeRule(rule, &c)) {
    return BuildError(v->message);
  }
  return c;
}

std::string ToString(const Purl& purl) {
  std::string out;
  out.reserve(16 + purl.type.size() + purl.namespace_.size() + purl.name.size() +
              purl.version.size() + purl.subpath.size() + 16 * purl.qualifiers.size());
  AppendIdentity(purl, &out);
  if (!purl.version.empty()) {
    out.push_back('@');
    internal::AppendPercentEncoded(purl.version, &out);
  }
  char sep = '?';
  for (const Qualifier& q : purl.qualifiers) {
    out.push_back(sep);
    sep = '&';
    out.append(q.key);
    out.push_back('=');
    internal::AppendPercentEncoded(q.value, &out);
  }
  if (!purl.subpath.empty()) {
    out.push_back('#');
    AppendEncodedPath(purl.subpath, &out);
  }
  return out;
}

std::string WithoutVersion(const Purl& purl) {
  std::string out;
  AppendIdentity(purl, &out);
  return out;
}

}  // namespace soupkeeper::purl
