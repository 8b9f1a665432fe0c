// The "conan" scheme: Conan 2's conans.model.version.Version.
//
// Any non-empty text is a Conan version. It splits at the last '+' into the
// main part and the build qualifier, the main part at its first '-' into the
// version and the prerelease qualifier, and each of the three at '.' into
// items. An item is an integer when Python's int() accepts it (surrounding
// whitespace, a sign, '_' between digits), else a string. Trailing zero
// items are ignored (1 == 1.0.0, 1.0-pre1.0 == 1-pre1).
//
// Order, item by item (a shorter list ranks lower when it is a prefix):
// integers by value, strings by code points, an integer against a string as
// the text of the integer against the string. A prerelease ranks below the
// same version without one; between two prereleases the prerelease items
// then the build decide; without prereleases the build decides, no build
// ranking lowest; the build is ignored when one side is a prerelease.
// Canonical() is the text as given (Conan keeps versions as written).
//
// Like Conan's, this order is not transitive when integer and string items
// meet (9 < 10 and 10 < 10a by value and text, yet 10a < 9 as text); it
// agrees with Conan on every pair, which is what range checks need.
#include <algorithm>

#include "version/scheme_support.h"
#include "version/schemes.h"

namespace soupkeeper::version {
namespace {

using internal::CompareBytes;
using internal::CompareDecimal;
using internal::InlineVector;
using internal::IsDigit;
using internal::Sign;
using internal::Span;

struct Item {
  Span text;  // an integer's digits without leading zeros, or the string
  bool integer = false;
  bool negative = false;  // integers below zero
};

struct Part {
  InlineVector<Item, 4> items;
  size_t nonzero = 0;  // items without the trailing zero integers
};

struct ConanVersion : ParsedVersion {
  std::string text;  // the input, then any integers rewritten without '_'
  size_t input_size = 0;
  Part main;
  bool has_pre = false;
  Part pre;
  bool has_build = false;
  Part build;
};

bool IsPythonSpace(char c) { return internal::IsSpace(c) || (c >= '\x1c' && c <= '\x1f'); }

// Python's int() on an ASCII item: the digits (underscores removed) and the
// sign, or false. Underscores must stand between digits.
bool PythonInt(std::string_view s, size_t* digits_begin, size_t* digits_end, bool* negative,
               bool* has_underscore) {
  size_t b = 0;
  size_t e = s.size();
  while (b < e && IsPythonSpace(s[b])) ++b;
  while (e > b && IsPythonSpace(s[e - 1])) --e;
  *negative = false;
  if (b < e && (s[b] == '+' || s[b] == '-')) {
    *negative = s[b] == '-';
    ++b;
  }
  if (b == e || !IsDigit(s[b]) || !IsDigit(s[e - 1])) return false;
  *has_underscore = false;
  for (size_t i = b; i < e; ++i) {
    if (s[i] == '_') {
      if (s[i - 1] == '_') return false;
      *has_underscore = true;
    } else if (!IsDigit(s[i])) {
      return false;
    }
  }
  *digits_begin = b;
  *digits_end = e;
  return true;
}

// Splits text[from, to) into items. Integers written with '_' are rewritten
// without it at the end of `text` so that every item is a plain span.
void SplitItems(std::string& text, size_t from, size_t to, Part* part) {
  size_t start = from;
  while (true) {
    size_t dot = text.find('.', start);
    size_t end = (dot == std::string::npos || dot > to) ? to : dot;
    std::string_view s = std::string_view(text).substr(start, end - start);
    Item item;
    size_t db = 0;
    size_t de = 0;
    bool underscore = false;
    if (PythonInt(s, &db, &de, &item.negative, &underscore)) {
      item.integer = true;
      size_t off = start + db;
      size_t len = de - db;
      if (underscore) {
        std::string digits;
        for (char c : s.substr(db, de - db)) {
          if (c != '_') digits += c;
        }
        off = text.size();
        len = digits.size();
        text += digits;
      }
      std::string_view d = std::string_view(text).substr(off, len);
      std::string_view stripped = internal::StripLeadingZeros(d);
      item.text = internal::MakeSpan(off + (len - stripped.size()), stripped.size());
      if (stripped == "0") item.negative = false;
    } else {
      item.text = internal::MakeSpan(start, end - start);
    }
    part->items.push_back(item);
    if (end == to) break;
    start = end + 1;
  }
  part->nonzero = part->items.size();
  while (part->nonzero > 0) {
    const Item& last = part->items[part->nonzero - 1];
    if (!last.integer || last.text.In(text) != "0") break;
    --part->nonzero;
  }
}

// The decimal text of an integer item, as Python's str(int) writes it,
// compared with a string item.
int CompareIntText(std::string_view t, const Item& n, std::string_view s) {
  if (n.negative) {
    if (s.empty()) return 1;
    if (s[0] != '-') return CompareBytes("-", s.substr(0, 1));
    s.remove_prefix(1);
  }
  return CompareBytes(n.text.In(t), s);
}

int CompareItem(std::string_view at, const Item& a, std::string_view bt, const Item& b) {
  if (a.integer && b.integer) {
    if (a.negative != b.negative) return a.negative ? -1 : 1;
    int c = CompareDecimal(a.text.In(at), b.text.In(bt));
    return a.negative ? -c : c;
  }
  if (!a.integer && !b.integer) return CompareBytes(a.text.In(at), b.text.In(bt));
  if (a.integer) return CompareIntText(at, a, b.text.In(bt));
  return -CompareIntText(bt, b, a.text.In(at));
}

int CompareParts(std::string_view at, const Part& a, std::string_view bt, const Part& b) {
  size_t n = std::min(a.nonzero, b.nonzero);
  for (size_t k = 0; k < n; ++k) {
    if (int c = CompareItem(at, a.items[k], bt, b.items[k])) return c;
  }
  return Sign(static_cast<long>(a.nonzero) - static_cast<long>(b.nonzero));
}

// An absent qualifier (Python's None) ranks below any present one.
int CompareOptional(std::string_view at, bool ha, const Part& a, std::string_view bt, bool hb,
                    const Part& b) {
  if (ha != hb) return ha ? 1 : -1;
  return ha ? CompareParts(at, a, bt, b) : 0;
}

class ConanScheme : public VersionScheme {
 public:
  std::string_view Name() const override { return "conan"; }
  std::string_view Description() const override {
    return "Conan 2 (conans.model.version.Version): dotted items, -prerelease, +build";
  }

  Result<std::unique_ptr<ParsedVersion>> Parse(std::string_view input) const override {
    if (input.empty()) return internal::VersionError("conan", input, "empty version");
    auto v = std::make_unique<ConanVersion>();
    v->text.assign(input);
    v->input_size = input.size();
    size_t end = input.size();
    size_t plus = input.rfind('+');
    size_t main_end = end;
    if (plus != std::string_view::npos) main_end = plus;
    size_t dash = input.substr(0, main_end).find('-');
    size_t version_end = dash == std::string_view::npos ? main_end : dash;
    SplitItems(v->text, 0, version_end, &v->main);
    if (dash != std::string_view::npos) {
      v->has_pre = true;
      SplitItems(v->text, dash + 1, main_end, &v->pre);
    }
    if (plus != std::string_view::npos) {
      v->has_build = true;
      SplitItems(v->text, plus + 1, end, &v->build);
    }
    return std::unique_ptr<ParsedVersion>(std::move(v));
  }

  int Compare(const ParsedVersion& pa, const ParsedVersion& pb) const override {
    const auto& a = internal::As<ConanVersion>(pa);
    const auto& b = internal::As<ConanVersion>(pb);
    std::string_view at = a.text;
    std::string_view bt = b.text;
    int c = CompareParts(at, a.main, bt, b.main);
    if (a.has_pre && b.has_pre) {
      if (c != 0) return c;
      if (int d = CompareParts(at, a.pre, bt, b.pre)) return d;
      return CompareOptional(at, a.has_build, a.build, bt, b.has_build, b.build);
    }
    if (a.has_pre != b.has_pre) {
      if (c != 0) return c;
      return a.has_pre ? -1 : 1;
    }
    if (c != 0) return c;
    return CompareOptional(at, a.has_build, a.build, bt, b.has_build, b.build);
  }

  std::string Canonical(const ParsedVersion& v) const override {
    const auto& c = internal::As<ConanVersion>(v);
    return c.text.substr(0, c.input_size);
  }
};

}  // namespace

std::unique_ptr<VersionScheme> NewConanScheme() { return std::make_unique<ConanScheme>(); }

}  // namespace soupkeeper::version
