// The SemVer-family parser and precedence rules; see semver_common.h.
#include "version/semver_common.h"

#include <algorithm>
#include <cstring>
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

// The end of the digits at t[i...].
size_t ScanDigits(std::string_view t, size_t i) {
  while (i < t.size() && IsDigit(t[i])) ++i;
  return i;
}

// Why the number of `what` at t[start, end) is refused: missing, or with a
// leading zero.
std::string NumberProblem(std::string_view t, const char* what, size_t start, size_t end) {
  if (end > start) return std::string("leading zero in the ") + what + " version number at offset ";
  std::string problem = std::string("expected the ") + what + " version number";
  if (start < t.size()) problem += std::string(", found '") + t[start] + "'";
  return problem + " at offset ";
}

// Compares numbers without leading zeros (the core numbers as parsed).
int CompareStripped(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return Sign(std::memcmp(a.data(), b.data(), a.size()));
}

int CompareIdentifiers(std::string_view at, const SemverIdentifier& a, std::string_view bt,
                       const SemverIdentifier& b) {
  if (a.numeric && b.numeric) return CompareDecimal(a.text.In(at), b.text.In(bt));
  if (a.numeric) return -1;
  if (b.numeric) return 1;
  return CompareBytes(a.text.In(at), b.text.In(bt));
}

}  // namespace

Status ParseSemverInto(std::string_view input, const SemverSyntax& syn, bool copy,
                       SemverVersion* v) {
  size_t begin = 0;
  std::string_view kept = input;
  if (syn.npm_loose) {
    // node-semver trims, and refuses more than 256 characters.
    kept = TrimSpace(input, &begin);
    if (input.size() > 256) {
      return VersionError(syn.scheme, input, "longer than 256 characters");
    }
  }
  if (copy) {
    v->storage.assign(kept);
    v->text = v->storage;
  } else {
    v->text = kept;
  }
  const std::string_view t = v->text;
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

  // The problem found by number() or dot(), built only when there is one.
  std::string problem;
  size_t problem_at = 0;
  auto number = [&](const char* what, Span* out) -> bool {
    size_t start = i;
    i = ScanDigits(t, i);
    if (i == start || (!syn.npm_loose && i - start > 1 && t[start] == '0')) {
      problem = NumberProblem(t, what, start, i);
      problem_at = start;
      return false;
    }
    std::string_view s = StripLeadingZeros(t.substr(start, i - start));
    *out = MakeSpan(i - s.size(), s.size());
    return true;
  };
  auto dot = [&](const char* after) -> bool {
    if (i < t.size() && t[i] == '.') {
      ++i;
      return true;
    }
    problem = std::string("expected '.' after the ") + after + " version number at offset ";
    problem_at = i;
    return false;
  };
  // Go's shorthands: vMAJOR == vMAJOR.0.0, vMAJOR.MINOR == vMAJOR.MINOR.0.
  auto complete = [&](std::string_view zeros) {
    v->storage = std::string(t).append(zeros);
    v->text = v->storage;
    v->patch = MakeSpan(v->text.size() - 1, 1);
    if (zeros.size() > 2) v->minor = MakeSpan(v->text.size() - 3, 1);
    return Status::Ok();
  };

  if (!number("major", &v->major)) return fail(problem, problem_at);
  if (syn.go_shorthand && i == t.size()) return complete(".0.0");
  if (!dot("major") || !number("minor", &v->minor)) return fail(problem, problem_at);
  if (syn.go_shorthand && i == t.size()) return complete(".0");
  if (!dot("minor")) return fail(problem, problem_at);
  size_t patch_start = i;
  if (!number("patch", &v->patch)) return fail(problem, problem_at);

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
  problem = tail(i, &bad);
  if (!problem.empty() && syn.npm_loose) {
    // As node-semver's regular expression backtracks, the patch number may
    // leave its last digits to a prerelease ("1.2.30.1v" is 1.2.3-0.1v).
    for (size_t e = i - 1; e > patch_start; --e) {
      size_t ignored = 0;
      if (tail(e, &ignored).empty()) {
        std::string_view s = StripLeadingZeros(t.substr(patch_start, e - patch_start));
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
  return Status::Ok();
}

Result<std::unique_ptr<ParsedVersion>> ParseSemver(std::string_view text,
                                                   const SemverSyntax& syntax) {
  auto v = std::make_unique<SemverVersion>();
  SK_RETURN_IF_ERROR(ParseSemverInto(text, syntax, /*copy=*/true, v.get()));
  return std::unique_ptr<ParsedVersion>(std::move(v));
}

Result<int> CompareSemverText(std::string_view a, std::string_view b, const SemverSyntax& syntax,
                              int (*compare)(const SemverVersion&, const SemverVersion&)) {
  SemverVersion x;
  SemverVersion y;
  SK_RETURN_IF_ERROR(ParseSemverInto(a, syntax, /*copy=*/false, &x));
  SK_RETURN_IF_ERROR(ParseSemverInto(b, syntax, /*copy=*/false, &y));
  return compare(x, y);
}

int CompareSemverPrecedence(const SemverVersion& a, const SemverVersion& b) {
  const std::string_view at = a.text;
  const std::string_view bt = b.text;
  if (int c = CompareStripped(a.major.In(at), b.major.In(bt))) return c;
  if (int c = CompareStripped(a.minor.In(at), b.minor.In(bt))) return c;
  if (int c = CompareStripped(a.patch.In(at), b.patch.In(bt))) return c;
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
