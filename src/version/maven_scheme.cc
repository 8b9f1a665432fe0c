// The "maven" scheme: Maven versions ordered exactly as Maven 3.9's
// org.apache.maven.artifact.versioning.ComparableVersion orders them, for
// purl type "maven" and the OSV ecosystem Maven.
//
// ComparableVersion lower-cases the text and reads it as nested lists of
// items. '.' separates items; '-' starts a sub-list; a switch between digits
// and letters also starts a sub-list, and a qualifier after digits and '.'
// is moved into a sub-list too ("1.0.RC1" reads as "1-rc-1"). Numbers compare
// by value. Qualifiers order alpha < beta < milestone < rc = cr < snapshot <
// "" = ga = final = release < sp < any other word (those by bytes); "a", "b"
// and "m" directly followed by a digit mean alpha, beta and milestone. A
// number beats a sub-list, which beats a qualifier. When one list ends first,
// its missing items compare as "null": 0, "" or an empty list, so trailing
// zeros and release qualifiers (after normalization removes them) do not
// count: 1 = 1.0 = 1-0 = 1.ga, 1-rc < 1, 1-sp > 1.
//
// ComparableVersion never refuses a text; this scheme refuses an empty text
// and any byte outside printable ASCII (Maven lower-cases and compares
// non-ASCII letters with Java's Unicode rules, which are not reproduced here,
// so such versions are refused rather than misordered).
//
// Canonical(): ComparableVersion.getCanonical(), e.g. "1.0.0-FINAL" -> "1",
// "1.0-RC1" -> "1-rc-1", except where getCanonical()'s text would read back
// as a different version: a null item kept before a leading sub-list prints
// as "0" ("0-SNAPSHOT" -> "0-snapshot", not "snapshot"), a kept release
// qualifier as "ga" ("1.ga.1", not "1..1"), and a final qualifier that
// follows other items of its list gets a trailing '.' ("1.x-0" -> "1.x.").
//
// Representation: every sub-list is the last item of its parent list (a new
// list is only ever appended to the current one), so the nesting is a chain.
// Items are kept flat in text order; a kSub item ends its list and means "the
// rest is my last item, a sub-list". Comparison then walks both chains
// without recursion.
#include "core/text.h"
#include "version/scheme_support.h"
#include "version/schemes.h"

namespace soupkeeper::version {
namespace {

using internal::Span;

constexpr std::string_view kScheme = "maven";

enum Kind : uint8_t { kNumber, kString, kSub };

// Qualifier ranks (ComparableVersion.StringItem.QUALIFIERS); kRelease is "".
enum Rank : uint8_t {
  kAlpha,
  kBeta,
  kMilestone,
  kRc,
  kSnapshot,
  kRelease,
  kSp,
  kOther,
};

struct Item {
  Span text;  // number without leading zeros; qualifier as written (lower case)
  Kind kind = kNumber;
  Rank rank = kOther;
  bool removed = false;  // dropped by normalization
};

using Items = internal::InlineVector<Item, 10>;

struct MavenVersion : ParsedVersion {
  std::string text;  // lower-cased input
  Items items;
};

Rank RankOf(std::string_view q, bool followed_by_digit) {
  if (followed_by_digit && q.size() == 1) {
    if (q[0] == 'a') return kAlpha;
    if (q[0] == 'b') return kBeta;
    if (q[0] == 'm') return kMilestone;
  }
  if (q == "alpha") return kAlpha;
  if (q == "beta") return kBeta;
  if (q == "milestone") return kMilestone;
  if (q == "rc" || q == "cr") return kRc;
  if (q == "snapshot") return kSnapshot;
  if (q.empty() || q == "ga" || q == "final" || q == "release") return kRelease;
  if (q == "sp") return kSp;
  return kOther;
}

// The name a known qualifier is printed with by Canonical().
std::string_view RankName(Rank r) {
  switch (r) {
    case kAlpha:
      return "alpha";
    case kBeta:
      return "beta";
    case kMilestone:
      return "milestone";
    case kRc:
      return "rc";
    case kSnapshot:
      return "snapshot";
    case kRelease:
      return "ga";  // see Canonical()
    case kSp:
      return "sp";
    case kOther:
      break;
  }
  return "";
}

class Parser {
 public:
  Parser(std::string_view t, Items* out) : t_(t), out_(out) {}

  void Run() {
    bool is_digit = false;
    size_t start = 0;
    size_t list_start = 0;  // index in out_ of the current list's first item
    for (size_t i = 0; i < t_.size(); ++i) {
      char c = t_[i];
      if (c == '.' || c == '-') {
        if (i == start) {
          AddZero();
        } else {
          AddItem(is_digit, start, i, false);
        }
        start = i + 1;
        if (c == '-') NewList(&list_start);
      } else if (internal::IsDigit(c)) {
        if (!is_digit && i > start) {
          // 1.0.0.X1 < 1.0.0-X2: treat .X as -X for any string qualifier X.
          if (out_->size() > list_start) NewList(&list_start);
          AddItem(false, start, i, true);
          start = i;
          NewList(&list_start);
        }
        is_digit = true;
      } else {
        if (is_digit && i > start) {
          AddItem(true, start, i, false);
          start = i;
          NewList(&list_start);
        }
        is_digit = false;
      }
    }
    if (t_.size() > start) {
      if (!is_digit && out_->size() > list_start) NewList(&list_start);
      AddItem(is_digit, start, t_.size(), false);
    }
  }

 private:
  void AddZero() { out_->push_back(Item{Span{}, kNumber, kOther, false}); }

  void AddItem(bool digits, size_t begin, size_t end, bool followed_by_digit) {
    std::string_view s = t_.substr(begin, end - begin);
    if (digits) {
      std::string_view d = internal::StripLeadingZeros(s);
      out_->push_back(Item{internal::MakeSpan(end - d.size(), d.size()), kNumber, kOther, false});
    } else {
      out_->push_back(Item{internal::MakeSpan(begin, end - begin), kString,
                           RankOf(s, followed_by_digit), false});
    }
  }

  void NewList(size_t* list_start) {
    out_->push_back(Item{Span{}, kSub, kOther, false});
    *list_start = out_->size();
  }

  std::string_view t_;
  Items* out_;
};

// The digits of a number item ("0" for the zero put in for an empty item).
std::string_view Digits(std::string_view text, const Item& it) {
  return it.text.empty() ? std::string_view("0") : it.text.In(text);
}

// An item Maven treats as null: 0, a release qualifier ("", ga, final,
// release), an empty list.
bool ScalarIsNull(std::string_view text, const Item& it) {
  if (it.kind == kNumber) return Digits(text, it) == "0";
  return it.rank == kRelease;
}

// ListItem.normalize() on every list, innermost first: drop trailing null
// items, looking through a non-empty sub-list at the end.
void Normalize(std::string_view text, Items* items) {
  size_t end = items->size();  // end of the list being normalized
  bool inner_empty = true;     // the list after it (if any) is empty
  bool has_inner = false;
  while (true) {
    // The current list starts after the previous kSub (or at 0).
    size_t begin = end;
    while (begin > 0 && (*items)[begin - 1].kind != kSub) --begin;
    // Its items are [begin, end); the kSub at `end` (if any) is its last item.
    bool any_left = false;
    bool trimming = true;
    if (has_inner) {
      Item& sub = (*items)[end];
      if (inner_empty) {
        sub.removed = true;
      } else {
        any_left = true;
      }
    }
    for (size_t k = end; k-- > begin;) {
      Item& it = (*items)[k];
      if (trimming && ScalarIsNull(text, it)) {
        it.removed = true;
      } else {
        trimming = false;
        any_left = true;
      }
    }
    if (begin == 0) break;
    inner_empty = !any_left;
    has_inner = true;
    end = begin - 1;
  }
}

void Compact(Items* items) {
  size_t w = 0;
  for (size_t r = 0; r < items->size(); ++r) {
    if (!(*items)[r].removed) (*items)[w++] = (*items)[r];
  }
  while (items->size() > w) items->pop_back();
}

// Compares the qualifiers of two string items.
int CompareStrings(std::string_view at, const Item& a, std::string_view bt, const Item& b) {
  if (a.rank != b.rank) return a.rank < b.rank ? -1 : 1;
  if (a.rank != kOther) return 0;
  return internal::CompareBytes(a.text.In(at), b.text.In(bt));
}

// Item.compareTo(null) of a list starting at items[p], and of everything it
// nests (ListItem compares all its items with null, MNG-6964).
int CompareListWithNull(std::string_view text, const Items& items, size_t p) {
  for (; p < items.size(); ++p) {
    const Item& it = items[p];
    // A kSub adds nothing: its sub-list's items follow.
    if (it.kind != kSub && !ScalarIsNull(text, it)) {
      return it.kind == kNumber || it.rank > kRelease ? 1 : -1;
    }
  }
  return 0;
}

int CompareVersions(const MavenVersion& a, const MavenVersion& b) {
  std::string_view at = a.text;
  std::string_view bt = b.text;
  size_t i = 0;
  size_t j = 0;
  while (true) {
    bool a_end = i >= a.items.size();
    bool b_end = j >= b.items.size();
    if (a_end && b_end) return 0;
    if (a_end) return -CompareListWithNull(bt, b.items, j);
    if (b_end) return CompareListWithNull(at, a.items, i);
    const Item& x = a.items[i];
    const Item& y = b.items[j];
    if (x.kind == kSub && y.kind == kSub) {
      // Both lists end here with a sub-list each: compare those.
      ++i;
      ++j;
      continue;
    }
    if (x.kind == kSub) {
      // A sub-list is the last item of its list; it is below a number and
      // above a qualifier.
      return y.kind == kNumber ? -1 : 1;
    }
    if (y.kind == kSub) return x.kind == kNumber ? 1 : -1;
    if (x.kind != y.kind) return x.kind == kNumber ? 1 : -1;
    int c = x.kind == kNumber ? internal::CompareDecimal(Digits(at, x), Digits(bt, y))
                              : CompareStrings(at, x, bt, y);
    if (c != 0) return c;
    ++i;
    ++j;
  }
}

class MavenScheme : public VersionScheme {
 public:
  std::string_view Name() const override { return kScheme; }
  std::string_view Description() const override {
    return "Maven: ordered as Maven 3.9 ComparableVersion";
  }

  Result<std::unique_ptr<ParsedVersion>> Parse(std::string_view input) const override {
    if (input.empty()) return internal::VersionError(kScheme, input, "empty version");
    auto v = std::make_unique<MavenVersion>();
    v->text.resize(input.size());
    for (size_t k = 0; k < input.size(); ++k) {
      char c = input[k];
      if (c < '!' || c > '~') {
        return internal::VersionError(
            kScheme, input, "space, control or non-ASCII character at offset " + std::to_string(k));
      }
      v->text[k] = text::AsciiLower(c);
    }
    Parser(v->text, &v->items).Run();
    Normalize(v->text, &v->items);
    Compact(&v->items);
    return std::unique_ptr<ParsedVersion>(std::move(v));
  }

  int Compare(const ParsedVersion& a, const ParsedVersion& b) const override {
    return CompareVersions(internal::As<MavenVersion>(a), internal::As<MavenVersion>(b));
  }

  std::string Canonical(const ParsedVersion& pv) const override {
    const auto& v = internal::As<MavenVersion>(pv);
    std::string out;
    size_t list_start = 0;  // where the current list's text starts in `out`
    bool last_string_not_first = false;
    for (const Item& it : v.items) {
      if (it.kind == kSub) {
        // getCanonical() prints nothing for a null item before a sub-list,
        // which would lose a level of nesting: keep it as "0".
        if (out.size() == list_start) out += '0';
        out += '-';
        list_start = out.size();
        last_string_not_first = false;
        continue;
      }
      last_string_not_first = it.kind == kString && out.size() > list_start;
      if (out.size() > list_start) out += '.';
      if (it.kind == kNumber) {
        out += Digits(v.text, it);
      } else if (it.rank == kOther) {
        out += it.text.In(v.text);
      } else {
        // A release qualifier kept because something follows it prints as
        // "ga", not as getCanonical()'s "", which would not read back.
        out += RankName(it.rank);
      }
    }
    // A final qualifier after other items of its list would read back as a
    // sub-list ("1.x" is 1-x); a trailing '.' keeps it in the list.
    if (last_string_not_first) out += '.';
    // Everything was null ("0", "ga.0"): getCanonical() gives "", which is
    // not a version; "0" reads back as the same empty list.
    if (out.empty()) out = "0";
    return out;
  }
};

}  // namespace

std::unique_ptr<VersionScheme> NewMavenScheme() { return std::make_unique<MavenScheme>(); }

}  // namespace soupkeeper::version
