// node-semver ranges (https://github.com/npm/node-semver#ranges) to
// constraints, desugared as node-semver 7 desugars them: partial versions and
// x-ranges fill missing numbers, exclusive upper bounds are written with the
// lowest prerelease "-0" (<2.0.0-0) so that prereleases of the next version
// stay outside, as node-semver keeps them outside.
#include "range/native_support.h"

namespace soupkeeper::range::native {
namespace {

constexpr std::string_view kType = "npm";

// A partial version: up to three numbers (absent or wildcard from the first
// missing one on), then an optional prerelease and build.
struct Partial {
  int present = 0;  // how many numbers are given
  std::string nums[3];
  std::string tail;  // "-pre+build" as written
};

bool IsWildcard(std::string_view s) { return s == "x" || s == "X" || s == "*"; }

Result<Partial> ReadPartial(std::string_view native, std::string_view s) {
  size_t offset = OffsetIn(native, s);
  while (!s.empty() && (s.front() == 'v' || s.front() == 'V' || s.front() == '=')) {
    s.remove_prefix(1);
  }
  Partial p;
  if (s.empty() || IsWildcard(s)) return p;
  size_t tail_at = s.find_first_of("-+");
  std::string_view head = s.substr(0, tail_at);
  if (tail_at != std::string_view::npos) p.tail.assign(s.substr(tail_at));
  std::vector<std::string_view> parts = Split(head, ".");
  if (parts.size() > 3) return NativeError(kType, native, offset, "more than three numbers");
  bool wild = false;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (IsWildcard(parts[i])) {
      wild = true;
      continue;
    }
    if (wild || !AllDigits(parts[i])) {
      return NativeError(kType, native, offset, "invalid version '" + std::string(s) + "'");
    }
    size_t z = parts[i].find_first_not_of('0');
    p.nums[i] = z == std::string_view::npos ? "0" : std::string(parts[i].substr(z));
    p.present = static_cast<int>(i) + 1;
  }
  if (p.present < 3 && !p.tail.empty()) {
    return NativeError(kType, native, offset, "prerelease on a partial version");
  }
  return p;
}

std::string Increment(const std::string& n) {
  std::string s = n;
  int i = static_cast<int>(s.size()) - 1;
  while (i >= 0 && s[i] == '9') s[i--] = '0';
  if (i < 0) return "1" + s;
  ++s[i];
  return s;
}

// The version with missing numbers as 0.
std::string Low(const Partial& p) {
  std::string out;
  for (int i = 0; i < 3; ++i) {
    if (i) out += '.';
    out += i < p.present ? p.nums[i] : "0";
  }
  return out + p.tail;
}

// The first version past the partial's prefix of `keep` numbers, with the
// lowest prerelease "-0" when `lowest_pre`.
std::string BumpAt(const Partial& p, int keep, bool lowest_pre = true) {
  std::string out;
  for (int i = 0; i < 3; ++i) {
    if (i) out += '.';
    if (i < keep - 1) {
      out += p.nums[i];
    } else if (i == keep - 1) {
      out += Increment(p.present > i ? p.nums[i] : "0");
    } else {
      out += "0";
    }
  }
  return lowest_pre ? out + "-0" : out;
}

Result<Conjunction> Primitive(std::string_view native, std::string_view op, std::string_view v) {
  SK_ASSIGN_OR_RETURN(Partial p, ReadPartial(native, v));
  if (op == "~>") op = "~";
  if (p.present == 0) {
    // Any version; with '<' or '>' nothing (node-semver's <0.0.0-0).
    if (op == "<" || op == ">") return Conjunction{Make(Comparator::kLess, "0.0.0-0")};
    return Conjunction{Make(Comparator::kAny, "")};
  }
  bool full = p.present == 3;
  if (op.empty() || op == "=") {
    if (full) return Conjunction{Make(Comparator::kEqual, Low(p))};
    return Conjunction{Make(Comparator::kGreaterEqual, Low(p)),
                       Make(Comparator::kLess, BumpAt(p, p.present))};
  }
  if (op == "~") {
    int keep = p.present >= 2 ? 2 : 1;
    return Conjunction{Make(Comparator::kGreaterEqual, Low(p)),
                       Make(Comparator::kLess, BumpAt(p, keep))};
  }
  if (op == "^") {
    // Bump the first non-zero number among those given (the last given one
    // when all are zero, the next one past a 0.0 prefix of a partial).
    int keep = 1;
    if (p.nums[0] == "0" && p.present >= 2) {
      keep = 2;
      if (p.nums[1] == "0" && p.present == 3) keep = 3;
    }
    return Conjunction{Make(Comparator::kGreaterEqual, Low(p)),
                       Make(Comparator::kLess, BumpAt(p, keep))};
  }
  if (op == ">=") return Conjunction{Make(Comparator::kGreaterEqual, Low(p))};
  if (op == "<") return Conjunction{Make(Comparator::kLess, full ? Low(p) : Low(p) + "-0")};
  if (op == ">") {
    if (full) return Conjunction{Make(Comparator::kGreater, Low(p))};
    return Conjunction{Make(Comparator::kGreaterEqual, BumpAt(p, p.present, false))};
  }
  if (op == "<=") {
    if (full) return Conjunction{Make(Comparator::kLessEqual, Low(p))};
    return Conjunction{Make(Comparator::kLess, BumpAt(p, p.present))};
  }
  return NativeError(kType, native, OffsetIn(native, op), "unknown operator");
}

Result<Conjunction> ReadSet(std::string_view native, std::string_view set) {
  Conjunction out;
  std::vector<std::string_view> words = SplitWhitespace(set);
  // A hyphen range "A - B".
  if (words.size() == 3 && words[1] == "-") {
    SK_ASSIGN_OR_RETURN(Partial a, ReadPartial(native, words[0]));
    SK_ASSIGN_OR_RETURN(Partial b, ReadPartial(native, words[2]));
    if (a.present > 0) out.push_back(Make(Comparator::kGreaterEqual, Low(a)));
    if (b.present == 3) {
      out.push_back(Make(Comparator::kLessEqual, Low(b)));
    } else if (b.present > 0) {
      out.push_back(Make(Comparator::kLess, BumpAt(b, b.present)));
    }
    if (out.empty()) out.push_back(Make(Comparator::kAny, ""));
    return out;
  }
  for (size_t i = 0; i < words.size(); ++i) {
    std::string_view w = words[i];
    size_t op_len = 0;
    for (std::string_view op : {">=", "<=", "~>", ">", "<", "=", "~", "^"}) {
      if (w.starts_with(op)) {
        op_len = op.size();
        break;
      }
    }
    std::string_view op = w.substr(0, op_len);
    std::string_view v = w.substr(op_len);
    if (v.empty() && op_len > 0) {  // "> = 1.2" style: the version is the next word
      if (i + 1 >= words.size()) {
        return NativeError(kType, native, OffsetIn(native, w), "operator without a version");
      }
      v = words[++i];
    }
    SK_ASSIGN_OR_RETURN(Conjunction c, Primitive(native, op, v));
    out.insert(out.end(), c.begin(), c.end());
  }
  if (out.empty()) out.push_back(Make(Comparator::kAny, ""));
  return out;
}

}  // namespace

Result<Disjunction> ReadNpm(std::string_view native) {
  Disjunction out;
  for (std::string_view set : Split(native, "||")) {
    SK_ASSIGN_OR_RETURN(Conjunction c, ReadSet(native, Trim(set)));
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace soupkeeper::range::native
