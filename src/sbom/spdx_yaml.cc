// The fast reader of block-style YAML, the form SPDX tools write: block
// mappings ("key: value") and block sequences ("- "), plain, single- and
// double-quoted scalars on one line (a double-quoted one may go on at
// escaped line breaks), comments, a leading "---" and a
// trailing "...". It makes the tree ParseYaml's yaml-cpp path makes of the
// same text (kinds, text, plain flags, the lines of nodes and keys, which
// for an empty value is the line of the next token, as yaml-cpp marks it).
// Anything else (flow collections, anchors, aliases, tags, block scalars,
// other multi-line scalars, complex keys, directives, more documents, tabs,
// uncommon escapes or characters, any error) makes it give up, and
// ParseYaml runs yaml-cpp instead, so such inputs read, and fail, as before.
#include <cstdint>
#include <cstring>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "core/swar.h"
#include "sbom/spdx_tree.h"

namespace soupkeeper::sbom::spdx {
namespace {

// One scalar as written: its text (a view of the input, or of the
// reader's scratch string when escapes were decoded) and whether it was
// quoted.
struct Scalar {
  std::string_view text;
  bool quoted = false;
  bool decoded = false;     // text is in the scratch string
  bool multi_line = false;  // double-quoted, with escaped line breaks
};

bool IsNullText(std::string_view t) {
  return t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL";
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The bytes that end a run of ordinary text: in a plain scalar (a space
// may start a comment, a colon a value; controls, DEL and non-ASCII need a
// look), in a double-quoted one (the quote, an escape, controls but tab,
// DEL, non-ASCII).
struct ByteClasses {
  bool plain[256] = {};
  bool double_quoted[256] = {};
  constexpr ByteClasses() {
    for (int c = 0; c < 256; ++c) {
      const bool special = c < 0x20 || c >= 0x7F;
      plain[c] = special || c == ' ' || c == ':';
      double_quoted[c] = (special && c != '\t') || c == '"' || c == '\\';
    }
  }
};
constexpr ByteClasses kBytes;

// Whether one of the 8 bytes at q is in kBytes.double_quoted, or is a tab
// (which the byte loop then takes): the bytes below 0x20, from 0x7F, the
// quote and the backslash, tested a word at a time.
bool EndsDoubleQuotedRun8(const char* q) {
  const uint64_t v = swar::Load(q);
  return (swar::NonAscii(v) | swar::BytesBelow(v, 0x20) | swar::BytesEqual(v, '"') |
          swar::BytesEqual(v, '\\') | swar::BytesEqual(v, 0x7F)) != 0;
}

void AppendUtf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class BlockYamlReader {
 public:
  BlockYamlReader(std::string_view bytes, TextStore& store)
      : p_(bytes.data()),
        end_(bytes.data() + bytes.size()),
        line_start_(p_),
        budget_(bytes.size() * 2 + 1024),
        items_(kMaxDepth + 1),
        members_(kMaxDepth + 1),
        store_(store) {}

  // The document's tree, or false when the text is outside the subset.
  bool Read(Node& root) {
    if (end_ - p_ >= 3 && std::string_view(p_, 3) == "\xEF\xBB\xBF") {
      p_ += 3;
      line_start_ = p_;
    }
    if (!NextContent()) return false;
    if (at_end_) return false;  // an empty document: yaml-cpp's
    if (!ReadNode(root, indent_, 0)) return false;
    return at_end_;
  }

 private:
  static bool Blank(char c) { return c == ' ' || c == '\n' || c == '\r'; }

  bool AtBlankOrEnd(const char* q) const { return q == end_ || Blank(*q); }

  // "- " (or "-" at the end of a line) at p_.
  bool AtEntry() const { return *p_ == '-' && AtBlankOrEnd(p_ + 1); }

  // ':' followed by a space or the end of the line at q.
  bool AtValueIndicator(const char* q) const { return *q == ':' && AtBlankOrEnd(q + 1); }

  int Column() const { return static_cast<int>(p_ - line_start_); }

  void SkipSpaces() {
    while (p_ != end_ && *p_ == ' ') ++p_;
  }

  // Past a line break at p_ (false on a lone CR, which yaml-cpp takes for
  // one too).
  bool BreakLine() {
    if (*p_ == '\r') {
      if (p_ + 1 == end_ || p_[1] != '\n') return false;
      ++p_;
    }
    ++p_;
    ++line_;
    line_start_ = p_;
    return true;
  }

  // Past the rest of a comment, to the start of the next line. Its
  // characters are checked as a scalar's: a NUL, say, makes yaml-cpp take
  // the text for UTF-16 or UTF-32.
  bool SkipComment() {
    while (p_ != end_ && *p_ != '\n' && *p_ != '\r') {
      const unsigned char u = static_cast<unsigned char>(*p_);
      if ((u < 0x20 && u != '\t') || u == 0x7F) return false;
      if (u >= 0x80 && !PlainUnicode(p_, end_)) return false;
      ++p_;
    }
    return p_ == end_ || BreakLine();
  }

  // After a value: spaces, perhaps a comment, the end of the line; then to
  // the next content line.
  bool EndLine() {
    SkipSpaces();
    if (p_ == end_) return NextContent();
    if (*p_ == '#') {
      if (p_[-1] != ' ') return false;
      if (!SkipComment()) return false;
    } else if (*p_ == '\n' || *p_ == '\r') {
      if (!BreakLine()) return false;
    } else {
      return false;
    }
    return NextContent();
  }

  // From the start of a line to the first character of the next line with
  // content: indent_ is its column and line_ its line; or at_end_, line_
  // then being that of the end (or of "..."), where yaml-cpp marks the
  // empty value before it.
  bool NextContent() {
    for (;;) {
      SkipSpaces();
      if (p_ == end_) {
        at_end_ = true;
        return true;
      }
      const char c = *p_;
      if (c == '\n' || c == '\r') {
        if (!BreakLine()) return false;
      } else if (c == '#') {
        if (!SkipComment()) return false;
      } else if (c == '\t') {
        return false;
      } else {
        indent_ = Column();
        if (indent_ == 0 && end_ - p_ >= 3 && (c == '-' || c == '.') && p_[1] == c && p_[2] == c) {
          return DocumentMarker();
        }
        seen_content_ = true;
        return true;
      }
    }
  }

  // "---" before any content, or "..." with nothing after it but blank and
  // comment lines.
  bool DocumentMarker() {
    const bool start = *p_ == '-';
    const int marker_line = line_;
    p_ += 3;
    if (!AtBlankOrEnd(p_)) return false;
    if (start && seen_content_) return false;
    seen_content_ = true;
    if (!EndLine()) return false;
    if (start) return true;
    line_ = marker_line;
    return at_end_;
  }

  // A non-ASCII character at q, in a scalar: false for those yaml-cpp
  // might treat as other than text (C1 controls, NEL, the line and
  // paragraph separators, a byte order mark, U+FFFE / U+FFFF).
  static bool PlainUnicode(const char* q, const char* end) {
    const auto b = [&](int i) { return static_cast<unsigned char>(q[i]); };
    const auto n = end - q;
    if (b(0) == 0xC2) return n >= 2 && b(1) >= 0xA0;
    if (b(0) == 0xE2) return !(n >= 3 && b(1) == 0x80 && (b(2) == 0xA8 || b(2) == 0xA9));
    if (b(0) == 0xEF) {
      return !(n >= 3 && ((b(1) == 0xBB && b(2) == 0xBF) || (b(1) == 0xBF && b(2) >= 0xBE)));
    }
    return true;
  }

  // A scalar at p_; p_ ends just past it (past its last non-space
  // character when plain). Only a double-quoted one goes on to further
  // lines, and only at escaped line breaks ("\\" at the end of a line, as
  // Jackson writes long strings), to indented lines (yaml-cpp does not
  // check by how much; column 0 could be a document marker).
  bool ReadScalar(Scalar& s) {
    s.multi_line = false;
    const char c = *p_;
    if (c == '"') return ReadDoubleQuoted(s);
    if (c == '\'') return ReadSingleQuoted(s);
    switch (c) {
      case '?':
      case ':':
      case ',':
      case '[':
      case ']':
      case '{':
      case '}':
      case '#':
      case '&':
      case '*':
      case '!':
      case '|':
      case '>':
      case '%':
      case '@':
      case '`':
        return false;
      default:
        break;
    }
    const char* start = p_;
    const char* last = p_;  // past the last non-space character
    const char* q = p_;
    while (q != end_) {
      const unsigned char u = static_cast<unsigned char>(*q);
      if (!kBytes.plain[u]) {
        last = ++q;
        continue;
      }
      if (u == ' ') {
        if (q + 1 != end_ && q[1] == '#') break;
        ++q;
        continue;
      }
      if (u == '\n' || u == '\r') break;
      if (u == ':' && AtBlankOrEnd(q + 1)) break;
      if (u < 0x20 || u == 0x7F) return false;
      if (u >= 0x80 && !PlainUnicode(q, end_)) return false;
      ++q;
      last = q;
    }
    s.text = std::string_view(start, static_cast<size_t>(last - start));
    s.quoted = false;
    s.decoded = false;
    p_ = last;
    return true;
  }

  bool ReadSingleQuoted(Scalar& s) {
    const char* start = ++p_;
    bool escaped = false;
    for (;;) {
      if (p_ == end_) return false;
      const unsigned char u = static_cast<unsigned char>(*p_);
      if (u == '\'') {
        if (p_ + 1 != end_ && p_[1] == '\'') {
          escaped = true;
          p_ += 2;
          continue;
        }
        break;
      }
      if ((u < 0x20 && u != '\t') || u == 0x7F) return false;
      if (u >= 0x80 && !PlainUnicode(p_, end_)) return false;
      ++p_;
    }
    std::string_view raw(start, static_cast<size_t>(p_ - start));
    ++p_;
    s.quoted = true;
    s.decoded = escaped;
    if (!escaped) {
      s.text = raw;
      return true;
    }
    scratch_.clear();
    for (size_t i = 0; i < raw.size(); ++i) {
      scratch_ += raw[i];
      if (raw[i] == '\'') ++i;
    }
    s.text = scratch_;
    return true;
  }

  bool ReadDoubleQuoted(Scalar& s) {
    const char* start = ++p_;
    // The common case: no escapes, a view of the input.
    for (;;) {
      while (end_ - p_ >= 8 && !EndsDoubleQuotedRun8(p_)) p_ += 8;
      while (p_ != end_ && !kBytes.double_quoted[static_cast<unsigned char>(*p_)]) ++p_;
      if (p_ == end_) return false;
      const unsigned char u = static_cast<unsigned char>(*p_);
      if (u == '"') {
        s.text = std::string_view(start, static_cast<size_t>(p_ - start));
        s.quoted = true;
        s.decoded = false;
        ++p_;
        return true;
      }
      if (u == '\\') break;
      if ((u < 0x20 && u != '\t') || u == 0x7F) return false;
      if (u >= 0x80 && !PlainUnicode(p_, end_)) return false;
      ++p_;
    }
    scratch_.assign(start, p_);
    for (;;) {
      if (p_ == end_) return false;
      const unsigned char u = static_cast<unsigned char>(*p_);
      if (u == '"') break;
      if (u == '\\') {
        if (!Unescape(s)) return false;
        continue;
      }
      if ((u < 0x20 && u != '\t') || u == 0x7F) return false;
      if (u >= 0x80 && !PlainUnicode(p_, end_)) return false;
      scratch_ += *p_++;
    }
    ++p_;
    s.text = scratch_;
    s.quoted = true;
    s.decoded = true;
    return true;
  }

  // One escape at p_ ('\\') into scratch_: the common ones; \x and \u as
  // the UTF-8 of that code point (not a surrogate); an escaped line break,
  // with the next line's indentation, as nothing.
  bool Unescape(Scalar& s) {
    if (end_ - p_ < 2) return false;
    const char e = p_[1];
    p_ += 2;
    switch (e) {
      case '0':
        scratch_ += '\0';
        return true;
      case 'a':
        scratch_ += '\a';
        return true;
      case 'b':
        scratch_ += '\b';
        return true;
      case 't':
        scratch_ += '\t';
        return true;
      case 'n':
        scratch_ += '\n';
        return true;
      case 'v':
        scratch_ += '\v';
        return true;
      case 'f':
        scratch_ += '\f';
        return true;
      case 'r':
        scratch_ += '\r';
        return true;
      case 'e':
        scratch_ += '\x1B';
        return true;
      case ' ':
      case '"':
      case '/':
      case '\\':
        scratch_ += e;
        return true;
      case 'x':
      case 'u': {
        const int digits = e == 'x' ? 2 : 4;
        if (end_ - p_ < digits) return false;
        uint32_t cp = 0;
        for (int i = 0; i < digits; ++i) {
          const int h = HexValue(p_[i]);
          if (h < 0) return false;
          cp = cp * 16 + static_cast<uint32_t>(h);
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) return false;
        p_ += digits;
        AppendUtf8(cp, scratch_);
        return true;
      }
      case '\r':
        if (p_ == end_ || *p_ != '\n') return false;
        ++p_;
        [[fallthrough]];
      case '\n':
        ++line_;
        line_start_ = p_;
        SkipSpaces();
        if (Column() == 0 || p_ == end_ || *p_ == '\n' || *p_ == '\r' || *p_ == '\t') {
          return false;
        }
        s.multi_line = true;
        return true;
      default:
        return false;
    }
  }

  // The node's scalar value, as yaml-cpp's path resolves it: quoted is a
  // string; a plain "~", "null" (...) or empty one a null without text;
  // other plain ones by the core schema.
  void SetScalar(Node& out, const Scalar& s, int line) {
    out.line = line;
    if (s.quoted) {
      out.kind = Node::Kind::kString;
      out.text = Keep(s);
      return;
    }
    if (IsNullText(s.text)) {
      out.kind = Node::Kind::kNull;
      out.plain = true;
      return;
    }
    out.text = Keep(s);
    ResolvePlain(out);
  }

  // The text of `s` for the tree: a view of the input, or a copy in the
  // store of decoded text.
  std::string_view Keep(const Scalar& s) { return s.decoded ? store_.Keep(s.text) : s.text; }

  void SetNull(Node& out) {
    out.kind = Node::Kind::kNull;
    out.plain = true;
    out.line = line_;
  }

  // Counts a node at `depth`: false when deeper than the readers follow
  // (yaml-cpp's path then reports it) or past the node budget.
  bool TakeNode(int depth) {
    if (depth > kMaxDepth || budget_ == 0) return false;
    --budget_;
    return true;
  }

  // A node whose first character is at p_, column `col` (the start of a
  // line, or after "- ").
  bool ReadNode(Node& out, int col, int depth) {
    if (!TakeNode(depth)) return false;
    if (AtEntry()) return ReadSequence(out, col, depth);
    const int line = line_;
    Scalar s;
    if (!ReadScalar(s)) return false;
    SkipSpaces();
    if (p_ != end_ && AtValueIndicator(p_)) {
      return !s.multi_line && ReadMapping(out, col, depth, s, line);
    }
    SetScalar(out, s, line);
    return EndLine();
  }

  // A block sequence whose first "-" is at p_, column `col`. Its items are
  // gathered in the scratch vector of its depth, then moved to a vector of
  // their number (no growth in steps for each sequence and mapping).
  bool ReadSequence(Node& out, int col, int depth) {
    out.kind = Node::Kind::kArray;
    out.line = line_;
    std::vector<Node>& items = items_[static_cast<size_t>(depth)];
    items.clear();
    if (!ReadItems(items, col, depth)) return false;
    out.items.assign(std::make_move_iterator(items.begin()), std::make_move_iterator(items.end()));
    items.clear();
    return true;
  }

  bool ReadItems(std::vector<Node>& items, int col, int depth) {
    for (;;) {
      Node& item = items.emplace_back();
      ++p_;
      SkipSpaces();
      if (p_ == end_ || *p_ == '#' || *p_ == '\n' || *p_ == '\r') {
        if (!EndLine()) return false;
        if (!at_end_ && indent_ > col) {
          if (!ReadNode(item, indent_, depth + 1)) return false;
        } else {
          if (!TakeNode(depth + 1)) return false;
          SetNull(item);
        }
      } else if (!ReadNode(item, Column(), depth + 1)) {
        return false;
      }
      if (at_end_ || indent_ < col) return true;
      if (indent_ > col) return false;
      if (!AtEntry()) return true;  // the next key of an enclosing mapping
    }
  }

  // A block mapping at column `col` whose first key, `key` on line
  // `key_line`, has been read; p_ is at its ':'. Its members are gathered
  // as a sequence's items are.
  bool ReadMapping(Node& out, int col, int depth, const Scalar& key, int key_line) {
    out.kind = Node::Kind::kObject;
    out.line = key_line;
    std::vector<Member>& members = members_[static_cast<size_t>(depth)];
    members.clear();
    if (!ReadMembers(members, col, depth, key, key_line)) return false;
    out.members.assign(std::make_move_iterator(members.begin()),
                       std::make_move_iterator(members.end()));
    members.clear();
    return true;
  }

  bool ReadMembers(std::vector<Member>& members, int col, int depth, Scalar key, int key_line) {
    for (;;) {
      // yaml-cpp makes a key of "~" or "null" a null, which is no scalar
      // key; "<<" may be a merge; long keys are not simple keys.
      if (!key.quoted && (IsNullText(key.text) || key.text == "<<")) return false;
      if (key.text.size() > 1000) return false;
      Member& m = members.emplace_back();
      m.key = Keep(key);
      m.line = key_line;
      ++p_;  // ':'
      SkipSpaces();
      if (p_ == end_ || *p_ == '#' || *p_ == '\n' || *p_ == '\r') {
        if (!EndLine()) return false;
        if (!at_end_ && indent_ > col) {
          if (!ReadNode(m.value, indent_, depth + 1)) return false;
        } else if (!at_end_ && indent_ == col && AtEntry()) {
          if (!TakeNode(depth + 1)) return false;
          if (!ReadSequence(m.value, col, depth + 1)) return false;
        } else {
          if (!TakeNode(depth + 1)) return false;
          SetNull(m.value);
        }
      } else {
        // On the key's line only a scalar, and no second key.
        if (AtEntry()) return false;
        if (!TakeNode(depth + 1)) return false;
        const int line = line_;
        Scalar value;
        if (!ReadScalar(value)) return false;
        SkipSpaces();
        if (p_ != end_ && *p_ == ':') return false;
        SetScalar(m.value, value, line);
        if (!EndLine()) return false;
      }
      if (at_end_ || indent_ < col) return true;
      if (indent_ > col || AtEntry()) return false;
      key_line = line_;
      if (!ReadScalar(key) || key.multi_line) return false;
      SkipSpaces();
      if (p_ == end_ || !AtValueIndicator(p_)) return false;
    }
  }

  const char* p_;
  const char* end_;
  const char* line_start_;
  int line_ = 1;
  int indent_ = 0;
  bool at_end_ = false;
  bool seen_content_ = false;
  size_t budget_;  // of nodes, as yaml-cpp's path allows
  std::string scratch_;
  // By depth, the items and members of the sequence or mapping being read.
  std::vector<std::vector<Node>> items_;
  std::vector<std::vector<Member>> members_;
  TextStore& store_;
};

void Describe(std::string& out, const std::string& path, const char* what) {
  out = path.empty() ? std::string("/") : path;
  out += ": ";
  out += what;
}

void FirstDifference(const Node& a, const Node& b, const std::string& path, std::string& out) {
  if (a.kind != b.kind) return Describe(out, path, "kind");
  if (a.text != b.text) return Describe(out, path, "text");
  if (a.boolean != b.boolean) return Describe(out, path, "boolean");
  if (a.plain != b.plain) return Describe(out, path, "plain");
  if (a.line != b.line) return Describe(out, path, "line");
  if (a.members.size() != b.members.size()) return Describe(out, path, "member count");
  if (a.items.size() != b.items.size()) return Describe(out, path, "item count");
  for (size_t i = 0; i < a.members.size(); ++i) {
    const std::string child = path + "/" + PointerToken(a.members[i].key);
    if (a.members[i].key != b.members[i].key) return Describe(out, child, "key");
    if (a.members[i].line != b.members[i].line) return Describe(out, child, "key line");
    FirstDifference(a.members[i].value, b.members[i].value, child, out);
    if (!out.empty()) return;
  }
  for (size_t i = 0; i < a.items.size(); ++i) {
    FirstDifference(a.items[i], b.items[i], path + "/" + std::to_string(i), out);
    if (!out.empty()) return;
  }
}

}  // namespace

std::optional<Node> ReadBlockYaml(std::string_view bytes, TextStore& store) {
  if (!CheckUtf8(bytes).empty()) return std::nullopt;
  Node root;
  BlockYamlReader reader(bytes, store);
  if (!reader.Read(root)) return std::nullopt;
  return root;
}

Result<Node> ParseYaml(std::string_view bytes, TextStore& store) {
  if (std::optional<Node> root = ReadBlockYaml(bytes, store)) return std::move(*root);
  return ParseYamlCpp(bytes, store);
}

std::string TreeDifference(const Node& a, const Node& b) {
  std::string out;
  FirstDifference(a, b, "", out);
  return out;
}

}  // namespace soupkeeper::sbom::spdx
