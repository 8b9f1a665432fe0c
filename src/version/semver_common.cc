// The SemVer-family parser and precedence rules; see semver_common.h.
#include "version/semver_common.h"

#include <algorithm>
#include <type_traits>
#include <utility>

namespace soupkeeper::version::internal {
namespace {

bool IsIdentifierChar(char c) { return IsAlnum(c) || c == '-'; }

// Parses dot-separated identifiers in t[from, to). On failure returns the
// problem and sets *bad to its offset in t.
template <typename Out>
std::string ParseIdentifiers(std::string_view t, size_t from, size_t to, bool prerelease,
                             bool allow_leading_zeros, Out* out, size_t* bad) {
  const char* what = prerelease ? "prerelease" : "build";
  size_t i = from;
  while (true) {
    size_t start = i;
    while (i < to && IsIdentifierChar(t[i])) ++i;
    if (i == start) {
      *bad = i;
      if (i < to && t[i] != '.') {
        return std::string("invalid character '") + t[i] + "' in " + what + " at offset ";
      }
      return std::string("empty ") + what + " identifier at offset ";
    }
    std::string_view id = t.substr(start, i - start);
    if constexpr (std::is_same_v<Out, InlineVector<SemverIdentifier, 4>>) {
      bool numeric = AllDigits(id);
      if (numeric && id.size() > 1 && id[0] == '0' && !allow_leading_zeros) {
        *bad = start;
        return std::string("leading zero in numeric ") + what + " identifier at offset ";
      }
      // node-semver keeps numeric identifiers of 2^53-1 and more as written.
      if (numeric && (!allow_leading_zeros || DecimalAtMost(id, (uint64_t{1} << 53) - 2))) {
        std::string_view s = StripLeadingZeros(id);
        out->push_back({MakeSpan(i - s.size(), s.size()), true});
      } else {
        out->push_back({MakeSpan(start, id.size()), numeric});
      }
    } else {
      out->push_back(MakeSpan(start, id.size()));
    }
    if (i == to) return "";
    if (t[i] != '.') {
      *bad = i;
      return std::string("invalid character '") + t[i] + "' in " + what + " at offset ";
    }
    ++i;
  }
}

int CompareIdentifiers(std::string_view at, const SemverIdentifier& a, std::string_view bt,
                       const SemverIdentifier& b) {
  if (a.numeric && b.numeric) return CompareDecimal(a.text.In(at), b.text.In(bt));
  if (a.numeric) return -1;
  if (b.numeric) return 1;
  return CompareBytes(a.text.In(at), b.text.In(bt));
}

}  // namespace

Result<std::unique_ptr<ParsedVersion>> ParseSemver(std::string_view input,
                                                   const SemverSyntax& syn) {
  auto v = std::make_unique<SemverVersion>();
  size_t begin = 0;
  std::string_view kept = input;
  if (syn.npm_loose) {
    // node-semver trims, and refuses more than 256 characters.
    kept = TrimSpace(input, &begin);
    if (input.size() > 256) {
      return VersionError(syn.scheme, input, "longer than 256 characters");
    }
  }
  v->text.assign(kept);
  const std::string& t = v->text;
  auto fail = [&](std::string problem, size_t at) {
    return VersionError(syn.scheme, input, problem + std::to_string(begin + at));
  };
  if (t.empty()) return VersionError(syn.scheme, input, "empty version");

  size_t i = 0;
  if (syn.npm_loose) {
    while (i < t.size() && (t[i] == 'v' || t[i] == '=' || IsSpace(t[i]))) ++i;
  } else if (syn.optional_v && t[0] == 'v') {
    i = 1;
  }

  auto number = [&](const char* what, Span* out) -> Status {
    size_t start = i;
    while (i < t.size() && IsDigit(t[i])) ++i;
    if (i == start) {
      if (start < t.size()) {
        return fail(std::string("expected the ") + what + " version number, found '" + t[start] +
                        "' at offset ",
                    start);
      }
      return fail(std::string("expected the ") + what + " version number at offset ", start);
    }
    std::string_view digits = std::string_view(t).substr(start, i - start);
    if (!syn.npm_loose && digits.size() > 1 && digits[0] == '0') {
      return fail(std::string("leading zero in the ") + what + " version number at offset ", start);
    }
    std::string_view s = StripLeadingZeros(digits);
    *out = MakeSpan(i - s.size(), s.size());
    return Status::Ok();
  };
  auto dot = [&](const char* after) -> Status {
    if (i < t.size() && t[i] == '.') {
      ++i;
      return Status::Ok();
    }
    return fail(std::string("expected '.' after the ") + after + " version number at offset ", i);
  };

  SK_RETURN_IF_ERROR(number("major", &v->major));
  if (syn.go_shorthand && i == t.size()) {  // vMAJOR == vMAJOR.0.0
    v->text += ".0.0";
    v->minor = MakeSpan(t.size() - 3, 1);
    v->patch = MakeSpan(t.size() - 1, 1);
    return std::unique_ptr<ParsedVersion>(std::move(v));
  }
  SK_RETURN_IF_ERROR(dot("major"));
  SK_RETURN_IF_ERROR(number("minor", &v->minor));
  if (syn.go_shorthand && i == t.size()) {  // vMAJOR.MINOR == vMAJOR.MINOR.0
    v->text += ".0";
    v->patch = MakeSpan(t.size() - 1, 1);
    return std::unique_ptr<ParsedVersion>(std::move(v));
  }
  SK_RETURN_IF_ERROR(dot("minor"));
  size_t patch_start = i;
  SK_RETURN_IF_ERROR(number("patch", &v->patch));

  // Prerelease and build from `from` on; returns the problem (and sets *bad).
  auto tail = [&](size_t from, size_t* bad) -> std::string {
    v->pre.clear();
    v->build.clear();
    size_t plus = t.find('+', from);
    size_t pre_end = plus == std::string::npos ? t.size() : plus;
    if (from < pre_end) {
      std::string problem;
      bool parsed = false;
      if (t[from] == '-') {
        problem = ParseIdentifiers(t, from + 1, pre_end, true, syn.npm_loose, &v->pre, bad);
        parsed = problem.empty();
      } else if (!syn.npm_loose) {
        *bad = from;
        return std::string("expected '-', '+' or the end, found '") + t[from] + "' at offset ";
      }
      if (!parsed && syn.npm_loose) {
        // node-semver's loose grammar makes the '-' optional; an identifier
        // may itself start with '-'.
        size_t first_bad = *bad;
        std::string first_problem = problem;
        v->pre.clear();
        problem = ParseIdentifiers(t, from, pre_end, true, true, &v->pre, bad);
        if (!problem.empty() && !first_problem.empty()) {
          problem = first_problem;
          *bad = first_bad;
        }
      }
      if (!problem.empty()) return problem;
    }
    if (plus == std::string::npos) return "";
    return ParseIdentifiers(t, plus + 1, t.size(), false, true, &v->build, bad);
  };
  size_t bad = 0;
  std::string problem = tail(i, &bad);
  if (!problem.empty() && syn.npm_loose) {
    // As node-semver's regular expression backtracks, the patch number may
    // leave its last digits to a prerelease ("1.2.30.1v" is 1.2.3-0.1v).
    for (size_t e = i - 1; e > patch_start; --e) {
      size_t ignored = 0;
      if (tail(e, &ignored).empty()) {
        std::string_view s =
            StripLeadingZeros(std::string_view(t).substr(patch_start, e - patch_start));
        v->patch = MakeSpan(e - s.size(), s.size());
        problem.clear();
        break;
      }
    }
  }
  if (!problem.empty()) return fail(problem, bad);
  if (!syn.unlimited_numbers) {
    for (auto [what, span] : {std::pair{"major", v->major}, std::pair{"minor", v->minor},
                              std::pair{"patch", v->patch}}) {
      if (!DecimalAtMost(span.In(t), syn.max_number)) {
        return fail(std::string("the ") + what + " version number is larger than " +
                        std::to_string(syn.max_number) + " at offset ",
                    span.off);
      }
    }
  }
  return std::unique_ptr<ParsedVersion>(std::move(v));
}

int CompareSemverPrecedence(const SemverVersion& a, const SemverVersion& b) {
  const std::string_view at = a.text;
  const std::string_view bt = b.text;
  if (int c = CompareDecimal(a.major.In(at), b.major.In(bt))) return c;
  if (int c = CompareDecimal(a.minor.In(at), b.minor.In(bt))) return c;
  if (int c = CompareDecimal(a.patch.In(at), b.patch.In(bt))) return c;
  // A version without prerelease ranks above its prereleases (§11.3).
  if (a.pre.empty() || b.pre.empty()) return Sign(int(a.pre.empty()) - int(b.pre.empty()));
  size_t n = std::min(a.pre.size(), b.pre.size());
  for (size_t k = 0; k < n; ++k) {
    if (int c = CompareIdentifiers(at, a.pre[k], bt, b.pre[k])) return c;
  }
  return Sign(static_cast<long>(a.pre.size()) - static_cast<long>(b.pre.size()));
}

int CompareCargoBuild(const SemverVersion& a, const SemverVersion& b) {
  size_t n = std::min(a.build.size(), b.build.size());
  for (size_t k = 0; k < n; ++k) {
    std::string_view x = a.build[k].In(a.text);
    std::string_view y = b.build[k].In(b.text);
    bool xd = AllDigits(x);
    bool yd = AllDigits(y);
    if (xd != yd) return xd ? -1 : 1;
    int c = xd ? CompareDecimal(x, y) : CompareBytes(x, y);
    if (c == 0 && xd) c = Sign(static_cast<long>(x.size()) - static_cast<long>(y.size()));
    if (c != 0) return c;
  }
  return Sign(static_cast<long>(a.build.size()) - static_cast<long>(b.build.size()));
}

std::string SemverText(const SemverVersion& v, bool build) {
  std::string_view t = v.text;
  std::string out;
  out.reserve(t.size());
  out.append(v.major.In(t)).append(".").append(v.minor.In(t)).append(".").append(v.patch.In(t));
  for (size_t k = 0; k < v.pre.size(); ++k) {
    out += k == 0 ? '-' : '.';
    out.append(v.pre[k].text.In(t));
  }
  if (build) {
    for (size_t k = 0; k < v.build.size(); ++k) {
      out += k == 0 ? '+' : '.';
      out.append(v.build[k].In(t));
    }
  }
  return out;
}

}  // namespace soupkeeper::version::internal
