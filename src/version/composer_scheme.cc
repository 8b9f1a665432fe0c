// The "composer" scheme: Composer (Packagist) versions, normalized as
// Composer\Semver\VersionParser::normalize() does and ordered as PHP's
// version_compare() orders normalized versions, which is what Composer's
// constraints do.
//
// Normalization: trim; drop an inline alias ("1.0.x-dev as 1.0.0") and a
// stability flag ("@beta"); master, trunk and default become dev-master...;
// "dev-*" is a branch and kept as written; drop build metadata ("+..."); then
//   v?N(.N)?(.N)?(.N)?  (first number at most 5 digits), padded to 4 numbers,
//   or a date version (YYYY[sep]MM...) with every non-digit turned into '.',
//   followed by [._-]? stability (stable, beta|b, RC, alpha|a, patch|pl|p)
//   with optional numbers, then [.-]?dev:
//   "1.0" -> "1.0.0.0", "v2.1-b2" -> "2.1.0.0-beta2", "1.0.0RC1-dev" ->
//   "1.0.0.0-RC1-dev", "1.0pl1" -> "1.0.0.0-patch1";
// else a numeric branch ending in dev: "1.x-dev" -> "1.9999999.9999999.9999999-dev".
// Anything else is not a Composer version.
//
// Order: version_compare() of the normalized texts: numbers by value (here
// exactly, where PHP would saturate past 2^63), stability words dev < alpha <
// beta < RC < a number < patch; a trailing word ranks against "#" (the
// number's rank), so 1.0-dev < 1.0 < 1.0-patch1. Branches ("dev-foo") are not
// ordered by Composer at all; here they rank below every numbered version
// and among themselves by bytes, equal only when identical (as Composer's
// constraints treat them). Canonical() is the normalized text.
#include <algorithm>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "core/text.h"
#include "version/scheme_support.h"
#include "version/schemes.h"

namespace soupkeeper::version {
namespace {

using internal::InlineVector;
using internal::IsDigit;
using internal::Sign;
using internal::Span;

// Ranks of version_compare()'s special forms; a number has rank kNumber.
constexpr int kUnknownWord = -1;
constexpr int kNumber = 4;

int WordRank(std::string_view w) {
  // version_compare() matches these as prefixes, case-sensitively, in order.
  static constexpr std::pair<std::string_view, int> kForms[] = {
      {"dev", 0}, {"alpha", 1}, {"a", 1}, {"beta", 2}, {"b", 2},
      {"RC", 3},  {"rc", 3},    {"#", 4}, {"pl", 5},   {"p", 5}};
  for (const auto& [name, rank] : kForms) {
    if (w.substr(0, name.size()) == name) return rank;
  }
  return kUnknownWord;
}

struct Element {
  Span number;  // when rank == kNumber: digits
  int rank = kNumber;
};

struct ComposerVersion : ParsedVersion {
  std::string text;  // the normalized version
  bool branch = false;
  InlineVector<Element, 8> elements;
};

// The stability modifier "[._-]?(?:(word)((?:[.-]?\d+)*+)?)?([.-]?dev)?$"
// (case-insensitive) matched against all of `s`, with the regular
// expression's order of attempts.
struct Modifier {
  std::string_view word;     // empty when absent
  std::string_view numbers;  // the ((?:[.-]?\d+)*) part
  bool dev = false;
};

std::optional<Modifier> MatchModifier(std::string_view s) {
  static constexpr std::string_view kWords[] = {"stable", "beta",  "b",  "RC", "alpha",
                                                "a",      "patch", "pl", "p"};
  auto is_sep = [](char c) { return c == '.' || c == '_' || c == '-'; };
  for (size_t sep : {size_t{1}, size_t{0}}) {
    if (sep == 1 && (s.empty() || !is_sep(s[0]))) continue;
    std::string_view rest = s.substr(sep);
    // Each word in turn, then no word at all.
    for (size_t w = 0; w <= std::size(kWords); ++w) {
      Modifier m;
      std::string_view r = rest;
      if (w < std::size(kWords)) {
        if (!text::StartsWithIgnoreAsciiCase(r, kWords[w])) continue;
        m.word = r.substr(0, kWords[w].size());
        r.remove_prefix(kWords[w].size());
        // Possessive: as many [.-]?\d+ as there are.
        size_t i = 0;
        while (true) {
          size_t j = i;
          if (j < r.size() && (r[j] == '.' || r[j] == '-')) ++j;
          size_t k = j;
          while (k < r.size() && IsDigit(r[k])) ++k;
          if (k == j) break;
          i = k;
        }
        m.numbers = r.substr(0, i);
        r.remove_prefix(i);
      }
      if (r.empty()) return m;
      for (size_t dsep : {size_t{1}, size_t{0}}) {
        if (dsep == 1 && r[0] != '.' && r[0] != '-') continue;
        if (text::EqualsIgnoreAsciiCase(r.substr(dsep), "dev")) {
          m.dev = true;
          return m;
        }
      }
    }
  }
  return std::nullopt;
}

// The ends of the date pattern \d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3})?
// at the start of `s`, longest first.
std::vector<size_t> DateEnds(std::string_view s) {
  std::vector<size_t> ends;
  auto digits_at = [&](size_t i, size_t n) {
    if (i + n > s.size()) return false;
    for (size_t k = 0; k < n; ++k) {
      if (!IsDigit(s[i + k])) return false;
    }
    return true;
  };
  auto is_sep = [](char c) { return c == '.' || c == ':' || c == '-'; };
  if (!digits_at(0, 4)) return ends;
  // Breadth over the {1,6} pairs, then the optional tail.
  std::vector<size_t> frontier = {4};
  for (int rep = 1; rep <= 6; ++rep) {
    std::vector<size_t> next;
    for (size_t p : frontier) {
      for (size_t sep : {size_t{1}, size_t{0}}) {
        if (sep == 1 && (p >= s.size() || !is_sep(s[p]))) continue;
        if (digits_at(p + sep, 2)) next.push_back(p + sep + 2);
      }
    }
    for (size_t p : next) {
      ends.push_back(p);
      for (size_t sep : {size_t{1}, size_t{0}}) {
        if (sep == 1 && (p >= s.size() || !is_sep(s[p]))) continue;
        for (size_t n = 1; n <= 3; ++n) {
          if (digits_at(p + sep, n)) ends.push_back(p + sep + n);
        }
      }
    }
    frontier = std::move(next);
  }
  std::sort(ends.begin(), ends.end(), std::greater<>());
  ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
  return ends;
}

std::string ExpandStability(std::string_view word) {
  std::string w = text::ToAsciiLower(word);
  if (w == "a") return "alpha";
  if (w == "b") return "beta";
  if (w == "p" || w == "pl") return "patch";
  if (w == "rc") return "RC";
  return w;
}

// Appends the modifier to `version` as VersionParser::normalize does.
std::string WithModifier(std::string version, const Modifier& m) {
  if (!m.word.empty()) {
    if (m.word == "stable") return version;
    version += '-';
    version += ExpandStability(m.word);
    std::string_view n = m.numbers;
    while (!n.empty() && (n[0] == '.' || n[0] == '-')) n.remove_prefix(1);
    version += n;
  }
  if (m.dev) version += "-dev";
  return version;
}

bool IsPhpSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0' || c == '\x0B';
}

// VersionParser::normalizeBranch for a numeric branch name, or nullopt.
std::optional<std::string> NumericBranch(std::string_view name) {
  while (!name.empty() && IsPhpSpace(name.front())) name.remove_prefix(1);
  while (!name.empty() && IsPhpSpace(name.back())) name.remove_suffix(1);
  if (!name.empty() && (name[0] == 'v' || name[0] == 'V')) name.remove_prefix(1);
  std::string out;
  size_t i = 0;
  int parts = 0;
  while (true) {
    size_t start = i;
    if (parts > 0 && i < name.size() && (name[i] == 'x' || name[i] == 'X' || name[i] == '*')) {
      ++i;
      out += "9999999";
    } else {
      while (i < name.size() && IsDigit(name[i])) ++i;
      if (i == start) return std::nullopt;
      out += name.substr(start, i - start);
    }
    ++parts;
    if (i == name.size()) break;
    if (name[i] != '.' || parts == 4) return std::nullopt;
    out += '.';
    ++i;
  }
  for (; parts < 4; ++parts) out += ".9999999";
  return out + "-dev";
}

// VersionParser::normalize(), or nullopt for an invalid version.
std::optional<std::string> Normalize(std::string_view v) {
  while (!v.empty() && IsPhpSpace(v.front())) v.remove_prefix(1);
  while (!v.empty() && IsPhpSpace(v.back())) v.remove_suffix(1);
  // Inline alias "A as B": A.
  if (size_t as = v.find(" as "); as != std::string_view::npos) {
    std::string_view a = v.substr(0, as);
    std::string_view b = v.substr(as + 4);
    while (!b.empty() && b.front() == ' ') b.remove_prefix(1);
    auto plain = [](std::string_view s) {
      return !s.empty() && s.find_first_of(", \t\n\r\f\v") == std::string_view::npos;
    };
    while (!a.empty() && a.back() == ' ') a.remove_suffix(1);
    if (plain(a) && plain(b)) v = a;
  }
  // Stability flag.
  if (size_t at = v.rfind('@'); at != std::string_view::npos) {
    std::string_view flag = v.substr(at + 1);
    for (std::string_view s : {"stable", "RC", "beta", "alpha", "dev"}) {
      if (text::EqualsIgnoreAsciiCase(flag, s)) {
        v = v.substr(0, at);
        break;
      }
    }
  }
  if (v == "master" || v == "trunk" || v == "default") return "dev-" + std::string(v);
  if (text::StartsWithIgnoreAsciiCase(v, "dev-")) return "dev-" + std::string(v.substr(4));
  // Build metadata: "^([^,\s+]++)\+[^\s]++$".
  if (size_t plus = v.find('+'); plus != std::string_view::npos && plus > 0) {
    std::string_view head = v.substr(0, plus);
    std::string_view tail = v.substr(plus + 1);
    if (head.find_first_of(", \t\n\r\f\v") == std::string_view::npos && !tail.empty() &&
        tail.find_first_of(" \t\n\r\f\v") == std::string_view::npos) {
      v = head;
    }
  }
  std::string_view body = v;
  if (!body.empty() && (body[0] == 'v' || body[0] == 'V')) body.remove_prefix(1);

  // Classical: (\d{1,5})(\.\d++)?(\.\d++)?(\.\d++)? then the modifier.
  {
    size_t i = 0;
    while (i < body.size() && IsDigit(body[i])) ++i;
    if (i >= 1 && i <= 5) {
      std::string version(body.substr(0, i));
      int parts = 1;
      while (parts < 4 && i + 1 < body.size() && body[i] == '.' && IsDigit(body[i + 1])) {
        size_t start = i;
        ++i;
        while (i < body.size() && IsDigit(body[i])) ++i;
        version += body.substr(start, i - start);
        ++parts;
      }
      if (auto m = MatchModifier(body.substr(i))) {
        for (; parts < 4; ++parts) version += ".0";
        return WithModifier(std::move(version), *m);
      }
    }
  }
  // Date versions.
  for (size_t end : DateEnds(body)) {
    if (auto m = MatchModifier(body.substr(end))) {
      std::string version(body.substr(0, end));
      for (char& c : version) {
        if (!IsDigit(c)) c = '.';
      }
      return WithModifier(std::move(version), *m);
    }
  }
  // Numeric branches: "(.*?)[.-]?dev$".
  if (v.size() >= 3 && text::EqualsIgnoreAsciiCase(v.substr(v.size() - 3), "dev")) {
    std::string_view name = v.substr(0, v.size() - 3);
    if (!name.empty() && (name.back() == '.' || name.back() == '-')) name.remove_suffix(1);
    if (auto b = NumericBranch(name)) return b;
  }
  return std::nullopt;
}

class ComposerScheme : public VersionScheme {
 public:
  std::string_view Name() const override { return "composer"; }
  std::string_view Description() const override {
    return "Composer / Packagist: VersionParser normalization, version_compare() order";
  }

  Result<std::unique_ptr<ParsedVersion>> Parse(std::string_view input) const override {
    std::optional<std::string> normalized = Normalize(input);
    if (!normalized) {
      return internal::VersionError(
          "composer", input,
          "not a Composer version (expected e.g. 1.2.3, v1.2.3-beta2, 1.0.x-dev or dev-main)");
    }
    auto v = std::make_unique<ComposerVersion>();
    v->text = std::move(*normalized);
    v->branch = v->text.starts_with("dev-");
    if (!v->branch) Split(*v);
    return std::unique_ptr<ParsedVersion>(std::move(v));
  }

  int Compare(const ParsedVersion& pa, const ParsedVersion& pb) const override {
    const auto& a = internal::As<ComposerVersion>(pa);
    const auto& b = internal::As<ComposerVersion>(pb);
    if (a.branch || b.branch) {
      if (a.branch != b.branch) return a.branch ? -1 : 1;
      return internal::CompareBytes(a.text, b.text);
    }
    size_t n = std::min(a.elements.size(), b.elements.size());
    for (size_t k = 0; k < n; ++k) {
      if (int c = CompareElements(a.text, a.elements[k], b.text, b.elements[k])) return c;
    }
    // The longer one: a further number ranks above, a word against "#".
    if (a.elements.size() > n)
      return a.elements[n].rank == kNumber ? 1 : Sign(a.elements[n].rank - 4);
    if (b.elements.size() > n)
      return b.elements[n].rank == kNumber ? -1 : Sign(4 - b.elements[n].rank);
    return 0;
  }

  std::string Canonical(const ParsedVersion& v) const override {
    return internal::As<ComposerVersion>(v).text;
  }

 private:
  static int CompareElements(std::string_view at, const Element& a, std::string_view bt,
                             const Element& b) {
    if (a.rank == kNumber && b.rank == kNumber) {
      return internal::CompareDecimal(a.number.In(at), b.number.In(bt));
    }
    return Sign(a.rank - b.rank);
  }

  // php_canonicalize_version() and the split on '.': runs of digits and of
  // other characters, separated by '.', '-', '_' and '+'.
  static void Split(ComposerVersion& v) {
    const std::string& t = v.text;
    size_t i = 0;
    while (i < t.size()) {
      size_t start = i;
      if (IsDigit(t[i])) {
        while (i < t.size() && IsDigit(t[i])) ++i;
        v.elements.push_back({internal::MakeSpan(start, i - start), kNumber});
      } else if (internal::IsAlpha(t[i])) {
        while (i < t.size() && internal::IsAlpha(t[i])) ++i;
        v.elements.push_back({Span{}, WordRank(std::string_view(t).substr(start, i - start))});
      } else {
        ++i;
      }
    }
  }
};

}  // namespace

std::unique_ptr<VersionScheme> NewComposerScheme() { return std::make_unique<ComposerScheme>(); }

}  // namespace soupkeeper::version
