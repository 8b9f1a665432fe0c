// The "gem" scheme: RubyGems' Gem::Version.
//
// Grammar (Gem::Version.correct?): surrounding whitespace, then
//   [0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?
// or nothing at all (a blank version is "0"). Every '-' reads as ".pre.".
// The version splits into segments, runs of digits (numbers) and runs of
// letters (strings); a string segment makes a prerelease. Order compares the
// canonical segments (trailing zeros dropped from the numeric head and from
// the rest) one by one, missing segments reading as 0: numbers by value,
// strings by bytes, a string below a number. Canonical() is Gem::Version#to_s
// ("1.0-rc1" -> "1.0.pre.rc1").
#include <algorithm>

#include "version/scheme_support.h"
#include "version/schemes.h"

namespace soupkeeper::version {
namespace {

using internal::InlineVector;
using internal::IsAlnum;
using internal::IsDigit;
using internal::Span;

struct Segment {
  Span text;  // digits with leading zeros stripped, or letters
  bool number = false;
};

struct GemVersion : ParsedVersion {
  std::string text;  // Gem::Version#to_s
  InlineVector<Segment, 6> canonical;
};

class GemScheme : public VersionScheme {
 public:
  std::string_view Name() const override { return "gem"; }
  std::string_view Description() const override {
    return "RubyGems (Gem::Version): numeric and string segments, strings make prereleases";
  }

  Result<std::unique_ptr<ParsedVersion>> Parse(std::string_view input) const override {
    size_t begin = 0;
    std::string_view s = internal::TrimSpace(input, &begin);
    SK_RETURN_IF_ERROR(Check(input, s, begin));

    auto v = std::make_unique<GemVersion>();
    if (s.empty()) {
      v->text = "0";
    } else {
      for (char c : s) {
        if (c == '-') {
          v->text += ".pre.";
        } else {
          v->text += c;
        }
      }
    }
    // Segments, then canonical segments: the numeric head and the rest, each
    // without trailing zeros.
    InlineVector<Segment, 8> segments;
    const std::string& t = v->text;
    for (size_t i = 0; i < t.size();) {
      size_t start = i;
      if (IsDigit(t[i])) {
        while (i < t.size() && IsDigit(t[i])) ++i;
        while (start + 1 < i && t[start] == '0') ++start;
        segments.push_back({internal::MakeSpan(start, i - start), true});
      } else if (internal::IsAlpha(t[i])) {
        while (i < t.size() && internal::IsAlpha(t[i])) ++i;
        segments.push_back({internal::MakeSpan(start, i - start), false});
      } else {
        ++i;
      }
    }
    size_t head = 0;
    while (head < segments.size() && segments[head].number) ++head;
    auto append_trimmed = [&](size_t from, size_t to) {
      while (to > from && IsZero(t, segments[to - 1])) --to;
      for (size_t k = from; k < to; ++k) v->canonical.push_back(segments[k]);
    };
    append_trimmed(0, head);
    append_trimmed(head, segments.size());
    return std::unique_ptr<ParsedVersion>(std::move(v));
  }

  int Compare(const ParsedVersion& pa, const ParsedVersion& pb) const override {
    const auto& a = internal::As<GemVersion>(pa);
    const auto& b = internal::As<GemVersion>(pb);
    size_t n = std::max(a.canonical.size(), b.canonical.size());
    static constexpr Segment kZero{};  // stands for a missing segment
    for (size_t k = 0; k < n; ++k) {
      bool ha = k < a.canonical.size();
      bool hb = k < b.canonical.size();
      const Segment& x = ha ? a.canonical[k] : kZero;
      const Segment& y = hb ? b.canonical[k] : kZero;
      bool xn = !ha || x.number;
      bool yn = !hb || y.number;
      std::string_view xs = ha ? x.text.In(a.text) : "0";
      std::string_view ys = hb ? y.text.In(b.text) : "0";
      if (xn != yn) return xn ? 1 : -1;  // a string segment ranks below a number
      int c = xn ? internal::CompareDecimal(xs, ys) : internal::CompareBytes(xs, ys);
      if (c != 0) return c;
    }
    return 0;
  }

  std::string Canonical(const ParsedVersion& v) const override {
    return internal::As<GemVersion>(v).text;
  }

 private:
  static bool IsZero(std::string_view t, const Segment& s) {
    return s.number && s.text.In(t) == "0";
  }

  // Gem::Version.correct? on the stripped text `s`, found at `offset`.
  static Status Check(std::string_view input, std::string_view s, size_t offset) {
    auto bad = [&](size_t i) {
      return internal::VersionError("gem", input,
                                    "malformed version number: unexpected '" +
                                        std::string(s.substr(i)) + "' at offset " +
                                        std::to_string(offset + i));
    };
    if (s.empty()) return Status::Ok();
    size_t i = 0;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i == 0) return bad(0);
    while (i < s.size() && s[i] == '.') {
      size_t start = ++i;
      while (i < s.size() && IsAlnum(s[i])) ++i;
      if (i == start) return bad(start - 1);
    }
    if (i < s.size() && s[i] == '-') {
      size_t start = ++i;
      auto part = [&] {
        size_t from = i;
        while (i < s.size() && (IsAlnum(s[i]) || s[i] == '-')) ++i;
        return i > from;
      };
      if (!part()) return bad(start - 1);
      while (i < s.size() && s[i] == '.') {
        start = ++i;
        if (!part()) return bad(start - 1);
      }
    }
    if (i < s.size()) return bad(i);
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<VersionScheme> NewGemScheme() { return std::make_unique<GemScheme>(); }

}  // namespace soupkeeper::version
