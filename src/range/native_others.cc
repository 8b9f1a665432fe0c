// Native range readers for PEP 440 specifier sets, RubyGems requirements,
// NuGet and Maven interval notation, Composer constraints, GitLab's Go
// ranges, Conan 2 ranges, and the OpenSSL and nginx advisory lists. The
// grammars are summarized in range.h; comments here say where a reader
// departs from a plain comparator reading, and why.
#include <algorithm>

#include "range/native_support.h"
#include "soupkeeper/version.h"

namespace soupkeeper::range::native {
namespace {

// Reads "op version" words: a word that is only an operator takes the next
// word as its version ("> = 1.0" is not supported, ">= 1.0" is).
struct OpVersion {
  std::string_view op;
  std::string_view version;
};

Result<std::vector<OpVersion>> ReadOps(std::string_view type, std::string_view native,
                                       std::string_view s,
                                       std::initializer_list<std::string_view> ops) {
  std::vector<OpVersion> out;
  std::vector<std::string_view> words = SplitWhitespace(s);
  for (size_t i = 0; i < words.size(); ++i) {
    std::string_view w = words[i];
    std::string_view op;
    for (std::string_view candidate : ops) {
      if (w.starts_with(candidate)) {
        op = candidate;
        break;
      }
    }
    std::string_view v = w.substr(op.size());
    if (v.empty()) {
      if (op.empty() || i + 1 >= words.size()) {
        return NativeError(type, native, OffsetIn(native, w), "operator without a version");
      }
      v = words[++i];
    }
    out.push_back({op, v});
  }
  return out;
}

Result<Comparator> PlainComparator(std::string_view type, std::string_view native,
                                   std::string_view op) {
  if (op.empty() || op == "=" || op == "==") return Comparator::kEqual;
  if (op == "!=" || op == "<>") return Comparator::kNotEqual;
  if (op == "<") return Comparator::kLess;
  if (op == "<=") return Comparator::kLessEqual;
  if (op == ">") return Comparator::kGreater;
  if (op == ">=") return Comparator::kGreaterEqual;
  return NativeError(type, native, OffsetIn(native, op),
                     "unsupported operator '" + std::string(op) + "'");
}

// Numbers of a dotted release ("1.2.3" -> {1,2,3} as text); empty when any
// part is not a number.
std::vector<std::string> Numbers(std::string_view s) {
  std::vector<std::string> out;
  for (std::string_view part : Split(s, ".")) {
    if (!AllDigits(part)) return {};
    size_t z = part.find_first_not_of('0');
    out.push_back(z == std::string_view::npos ? "0" : std::string(part.substr(z)));
  }
  return out;
}

std::string Join(const std::vector<std::string>& parts, size_t n) {
  std::string out;
  for (size_t i = 0; i < n && i < parts.size(); ++i) {
    if (i) out += '.';
    out += parts[i];
  }
  return out;
}

std::string Increment(std::string n) {
  int i = static_cast<int>(n.size()) - 1;
  while (i >= 0 && n[i] == '9') n[i--] = '0';
  if (i < 0) return "1" + n;
  ++n[i];
  return n;
}

// parts[0..keep-2] then parts[keep-1]+1, padded with zeros to `width`.
std::string Bump(const std::vector<std::string>& parts, size_t keep, size_t width) {
  std::vector<std::string> out(parts.begin(), parts.begin() + keep);
  out.back() = Increment(out.back());
  while (out.size() < width) out.push_back("0");
  return Join(out, out.size());
}

// ---- PEP 440 ---------------------------------------------------------------

constexpr std::string_view kPypi = "pypi";

// PEP 440 canonical form when the pypi scheme reads the version.
Result<std::string> PypiText(std::string_view native, std::string_view v) {
  const version::VersionScheme* s = version::FindScheme("pypi");
  if (s == nullptr) return std::string(v);
  auto parsed = s->Parse(v);
  if (!parsed.ok()) {
    return NativeError(kPypi, native, OffsetIn(native, v), parsed.status().message());
  }
  return s->Canonical(**parsed);
}

// "[N!]a.b.c" of a prefix match or a ~= operand: epoch text and numbers.
Result<std::pair<std::string, std::vector<std::string>>> PypiRelease(std::string_view native,
                                                                     std::string_view v) {
  std::string epoch;
  size_t bang = v.find('!');
  if (bang != std::string_view::npos) {
    epoch.assign(v.substr(0, bang + 1));
    v.remove_prefix(bang + 1);
  }
  size_t end = 0;
  while (end < v.size() && (IsDigit(v[end]) || v[end] == '.')) ++end;
  std::string_view release = v.substr(0, end);
  while (!release.empty() && release.back() == '.') release.remove_suffix(1);
  std::vector<std::string> nums = Numbers(release);
  if (nums.empty()) return NativeError(kPypi, native, OffsetIn(native, v), "no release number");
  return std::make_pair(epoch, nums);
}

Result<Disjunction> PypiSpecifier(std::string_view native, std::string_view spec) {
  std::string_view op;
  for (std::string_view candidate : {"===", "==", "!=", "~=", "<=", ">=", "<", ">"}) {
    if (spec.starts_with(candidate)) {
      op = candidate;
      break;
    }
  }
  std::string_view v = Trim(spec.substr(op.size()));
  if (v.empty()) return NativeError(kPypi, native, OffsetIn(native, spec), "missing version");
  if (op == "===") {
    // Arbitrary equality compares text; the closest vers reading is equality.
    return Disjunction{{Make(Comparator::kEqual, std::string(v))}};
  }
  if ((op == "==" || op == "!=") && v.ends_with(".*")) {
    // Prefix match: every version of the release prefix, dev releases first.
    SK_ASSIGN_OR_RETURN(auto rel, PypiRelease(native, v.substr(0, v.size() - 2)));
    std::string low = rel.first + Join(rel.second, rel.second.size()) + ".dev0";
    std::string high = rel.first + Bump(rel.second, rel.second.size(), 0) + ".dev0";
    if (op == "==") {
      return Disjunction{{Make(Comparator::kGreaterEqual, low), Make(Comparator::kLess, high)}};
    }
    return Disjunction{{Make(Comparator::kLess, low)}, {Make(Comparator::kGreaterEqual, high)}};
  }
  SK_ASSIGN_OR_RETURN(std::string text, PypiText(native, v));
  if (op == "~=") {
    SK_ASSIGN_OR_RETURN(auto rel, PypiRelease(native, v));
    if (rel.second.size() < 2) {
      return NativeError(kPypi, native, OffsetIn(native, v), "~= needs at least two numbers");
    }
    std::string high = rel.first + Bump(rel.second, rel.second.size() - 1, 0) + ".dev0";
    return Disjunction{{Make(Comparator::kGreaterEqual, text), Make(Comparator::kLess, high)}};
  }
  SK_ASSIGN_OR_RETURN(Comparator c, PlainComparator(kPypi, native, op));
  return Disjunction{{Make(c, text)}};
}

// ---- Composer ---------------------------------------------------------------

constexpr std::string_view kComposer = "composer";

bool IsDateVersion(std::string_view v) {
  return v.size() >= 10 && AllDigits(v.substr(0, 4)) && (v[4] == '-' || v[4] == '.') &&
         AllDigits(v.substr(5, 2)) && (v[7] == '-' || v[7] == '.') && AllDigits(v.substr(8, 2));
}

// Composer version text for vers: no 'v', leading zeros dropped, at least
// three numbers, '-' before a stability suffix ("v2.1" -> "2.1.0",
// "3.0.0RC4" -> "3.0.0-RC4"). Date versions stay as written.
std::string ComposerText(std::string_view v) {
  if (!v.empty() && (v.front() == 'v' || v.front() == 'V')) v.remove_prefix(1);
  if (IsDateVersion(v)) return std::string(v);
  size_t end = 0;
  while (end < v.size() && (IsDigit(v[end]) || v[end] == '.')) ++end;
  std::string_view head = v.substr(0, end);
  while (!head.empty() && head.back() == '.') head.remove_suffix(1);
  std::string_view tail = v.substr(head.size());
  std::vector<std::string> nums = Numbers(head);
  if (nums.empty()) return std::string(v);
  while (nums.size() < 3) nums.push_back("0");
  std::string out = Join(nums, nums.size());
  if (!tail.empty() && tail.front() != '-' && tail.front() != '+') {
    if (tail.front() == '.') tail.remove_prefix(1);
    out += '-';
  }
  return out + std::string(tail);
}

Result<Conjunction> ComposerPrimitive(std::string_view native, std::string_view op,
                                      std::string_view v) {
  std::string_view bare = v;
  if (!bare.empty() && (bare.front() == 'v' || bare.front() == 'V')) bare.remove_prefix(1);
  size_t at = bare.find('@');  // stability flag: not part of the version
  if (at != std::string_view::npos) bare = bare.substr(0, at);
  if (bare == "*") return Conjunction{Make(Comparator::kAny, "")};
  if (op == "~" || op == "^") {
    std::vector<std::string> nums = Numbers(bare.substr(0, bare.find_first_not_of("0123456789.")));
    if (nums.empty()) {
      return NativeError(kComposer, native, OffsetIn(native, v), "invalid version");
    }
    size_t keep;
    if (op == "~") {
      keep = nums.size() <= 1 ? 1 : nums.size() - 1;
    } else {
      keep = 1;
      while (keep < nums.size() && nums[keep - 1] == "0") ++keep;
    }
    return Conjunction{Make(Comparator::kGreaterEqual, ComposerText(bare)),
                       Make(Comparator::kLess, Bump(nums, keep, 3) + "-dev")};
  }
  // Wildcards: 1.2.* and 1.2.x cover the 1.2 series, dev releases included.
  if (bare.ends_with(".*") || bare.ends_with(".x") || bare.ends_with(".X")) {
    std::vector<std::string> nums = Numbers(bare.substr(0, bare.size() - 2));
    if (nums.empty() || !op.empty()) {
      return NativeError(kComposer, native, OffsetIn(native, v), "invalid wildcard");
    }
    std::vector<std::string> low = nums;
    while (low.size() < 3) low.push_back("0");
    return Conjunction{Make(Comparator::kGreaterEqual, Join(low, low.size()) + "-dev"),
                       Make(Comparator::kLess, Bump(nums, nums.size(), 3) + "-dev")};
  }
  SK_ASSIGN_OR_RETURN(Comparator c, PlainComparator(kComposer, native, op));
  return Conjunction{Make(c, ComposerText(bare))};
}

// ---- Conan ------------------------------------------------------------------

constexpr std::string_view kConan = "conan";

// Conan's Version.upper_bound(index): the item at `index` incremented, the
// rest dropped, and '-' so that no prerelease of it is included.
Result<std::string> ConanUpper(std::string_view native, std::string_view v, bool caret) {
  std::string_view main = v.substr(0, v.find_first_of("-+"));
  std::vector<std::string_view> items = Split(main, ".");
  size_t index;
  if (caret) {
    index = 0;
    while (index + 1 < items.size() && items[index] == "0") ++index;
  } else {
    index = items.size() > 1 ? 1 : 0;
  }
  std::vector<std::string> nums;
  for (size_t i = 0; i <= index; ++i) {
    if (!AllDigits(items[i])) {
      return NativeError(kConan, native, OffsetIn(native, v),
                         "non-numeric item in '" + std::string(v) + "'");
    }
    nums.emplace_back(items[i]);
  }
  nums.back() = Increment(nums.back());
  return Join(nums, nums.size()) + "-";
}

}  // namespace

Result<Disjunction> ReadPypi(std::string_view native) {
  Disjunction out;
  for (std::string_view alt : Split(native, "||")) {
    if (Trim(alt).empty()) continue;  // GitLab data sometimes ends with "||"
    std::vector<Disjunction> factors;
    for (std::string_view spec : Split(alt, ",")) {
      spec = Trim(spec);
      if (spec.empty())
        return NativeError(kPypi, native, OffsetIn(native, spec), "empty specifier");
      SK_ASSIGN_OR_RETURN(Disjunction d, PypiSpecifier(native, spec));
      factors.push_back(std::move(d));
    }
    for (Conjunction& c : Distribute(factors)) out.push_back(std::move(c));
  }
  if (out.empty()) return NativeError(kPypi, native, 0, "no specifier");
  return out;
}

Result<Disjunction> ReadGem(std::string_view native) {
  constexpr std::string_view kGem = "gem";
  Disjunction out;
  for (std::string_view alt : Split(native, "||")) {
    Conjunction conj;
    for (std::string_view piece : Split(alt, ",")) {
      SK_ASSIGN_OR_RETURN(auto ops,
                          ReadOps(kGem, native, piece, {"~>", ">=", "<=", "!=", ">", "<", "="}));
      for (const OpVersion& ov : ops) {
        if (ov.op == "~>") {
          // Gem::Version#bump: drop the prerelease (from the first letter),
          // then the last number unless it is the only one, then add one.
          std::string_view v = ov.version;
          size_t letter = v.find_first_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-");
          std::string_view release = v.substr(0, letter);
          while (!release.empty() && release.back() == '.') release.remove_suffix(1);
          std::vector<std::string> nums = Numbers(release);
          if (nums.empty()) {
            return NativeError(kGem, native, OffsetIn(native, v), "invalid version for ~>");
          }
          size_t keep = nums.size() > 1 ? nums.size() - 1 : 1;
          conj.push_back(Make(Comparator::kGreaterEqual, std::string(v)));
          conj.push_back(Make(Comparator::kLess, Bump(nums, keep, 0)));
          continue;
        }
        SK_ASSIGN_OR_RETURN(Comparator c, PlainComparator(kGem, native, ov.op));
        conj.push_back(Make(c, std::string(ov.version)));
      }
    }
    if (conj.empty()) return NativeError(kGem, native, OffsetIn(native, alt), "empty requirement");
    out.push_back(std::move(conj));
  }
  return out;
}

Result<Disjunction> ReadInterval(std::string_view type, std::string_view native) {
  std::string_view s = Trim(native);
  if (s.empty()) return NativeError(type, native, 0, "empty range");
  if (s.front() != '[' && s.front() != '(') {
    // A bare version: NuGet's minimum version; Maven's soft requirement,
    // which names that one version.
    Comparator c = type == "nuget" ? Comparator::kGreaterEqual : Comparator::kEqual;
    return Disjunction{{Make(c, std::string(s))}};
  }
  Disjunction out;
  size_t i = 0;
  while (i < s.size()) {
    size_t open = i;
    if (s[open] != '[' && s[open] != '(') {
      return NativeError(type, native, OffsetIn(native, s) + open, "expected '[' or '('");
    }
    size_t close = s.find_first_of("])", open);
    if (close == std::string_view::npos) {
      return NativeError(type, native, OffsetIn(native, s) + open, "unclosed interval");
    }
    std::vector<std::string_view> parts = Split(s.substr(open + 1, close - open - 1), ",");
    bool low_incl = s[open] == '[', high_incl = s[close] == ']';
    Conjunction conj;
    if (parts.size() == 1) {
      std::string_view v = Trim(parts[0]);
      if (!low_incl || !high_incl || v.empty()) {
        return NativeError(type, native, OffsetIn(native, s) + open,
                           "a one-version interval must be [version]");
      }
      conj.push_back(Make(Comparator::kEqual, std::string(v)));
    } else if (parts.size() == 2) {
      std::string_view lo = Trim(parts[0]), hi = Trim(parts[1]);
      if (!lo.empty()) {
        conj.push_back(
            Make(low_incl ? Comparator::kGreaterEqual : Comparator::kGreater, std::string(lo)));
      }
      if (!hi.empty()) {
        conj.push_back(
            Make(high_incl ? Comparator::kLessEqual : Comparator::kLess, std::string(hi)));
      }
      if (conj.empty()) conj.push_back(Make(Comparator::kAny, ""));
    } else {
      return NativeError(type, native, OffsetIn(native, s) + open,
                         "an interval has at most two versions");
    }
    out.push_back(std::move(conj));
    i = close + 1;
    while (i < s.size() && (s[i] == ' ' || s[i] == ',')) ++i;
    if (i < s.size() && type != "maven") {
      return NativeError(type, native, OffsetIn(native, s) + i, "NuGet allows one interval");
    }
  }
  return out;
}

Result<Disjunction> ReadComposer(std::string_view native) {
  Disjunction out;
  for (std::string_view alt : Split(native, "|")) {
    if (Trim(alt).empty()) continue;  // the second '|' of "||"
    Conjunction conj;
    for (std::string_view piece : Split(alt, ",")) {
      std::vector<std::string_view> words = SplitWhitespace(piece);
      if (words.size() == 3 && words[1] == "-") {  // hyphen range "1.0 - 2.0"
        conj.push_back(Make(Comparator::kGreaterEqual, ComposerText(words[0])));
        conj.push_back(Make(Comparator::kLessEqual, ComposerText(words[2])));
        continue;
      }
      SK_ASSIGN_OR_RETURN(auto ops,
                          ReadOps(kComposer, native, piece,
                                  {">=", "<=", "!=", "<>", "==", "=", "<", ">", "~", "^"}));
      for (const OpVersion& ov : ops) {
        SK_ASSIGN_OR_RETURN(Conjunction c, ComposerPrimitive(native, ov.op, ov.version));
        conj.insert(conj.end(), c.begin(), c.end());
      }
    }
    if (conj.empty()) {
      return NativeError(kComposer, native, OffsetIn(native, alt), "empty constraint");
    }
    out.push_back(std::move(conj));
  }
  if (out.empty()) return NativeError(kComposer, native, 0, "empty constraint");
  return out;
}

Result<Disjunction> ReadGolang(std::string_view native) {
  constexpr std::string_view kGo = "golang";
  Disjunction out;
  for (std::string_view alt : Split(native, "||")) {
    SK_ASSIGN_OR_RETURN(auto ops, ReadOps(kGo, native, alt, {">=", "<=", "==", ">", "<", "="}));
    if (ops.empty()) return NativeError(kGo, native, OffsetIn(native, alt), "empty range");
    Conjunction conj;
    for (const OpVersion& ov : ops) {
      SK_ASSIGN_OR_RETURN(Comparator c, PlainComparator(kGo, native, ov.op));
      std::string_view v = ov.version;
      if (!v.empty() && v.front() == 'v') v.remove_prefix(1);
      std::string text(v);
      // Go's vMAJOR and vMAJOR.MINOR shorthands.
      std::vector<std::string> nums = Numbers(v);
      if (!nums.empty()) {
        while (nums.size() < 3) nums.push_back("0");
        text = Join(nums, nums.size());
      }
      conj.push_back(Make(c, text));
    }
    out.push_back(std::move(conj));
  }
  return out;
}

Result<Disjunction> ReadConan(std::string_view native) {
  // Options ("include_prerelease=True") follow a ',' and do not change the
  // bounds.
  std::string_view s = native.substr(0, native.find(','));
  Disjunction out;
  if (Trim(s).empty()) return out;
  for (std::string_view alt : Split(s, "||")) {
    SK_ASSIGN_OR_RETURN(auto ops,
                        ReadOps(kConan, native, alt, {">=", "<=", ">", "<", "=", "~", "^"}));
    if (ops.empty()) return NativeError(kConan, native, OffsetIn(native, alt), "empty range");
    Conjunction conj;
    for (const OpVersion& ov : ops) {
      std::string_view v = ov.version;
      // A trailing '-' only asks to include prereleases.
      if (v.size() > 1 && v.back() == '-') v.remove_suffix(1);
      if (v == "*" || v == "*-") {
        conj.push_back(Make(Comparator::kGreaterEqual, "0.0.0"));
      } else if (ov.op == "~" || ov.op == "^") {
        SK_ASSIGN_OR_RETURN(std::string upper, ConanUpper(native, v, ov.op == "^"));
        conj.push_back(Make(Comparator::kGreaterEqual, std::string(v)));
        conj.push_back(Make(Comparator::kLess, upper));
      } else {
        SK_ASSIGN_OR_RETURN(Comparator c, PlainComparator(kConan, native, ov.op));
        conj.push_back(Make(c, std::string(v)));
      }
    }
    out.push_back(std::move(conj));
  }
  return out;
}

Result<Disjunction> ReadOpenssl(std::string_view native) {
  Disjunction out;
  for (std::string_view v : Split(native, ",")) {
    v = Trim(v);
    if (v.empty()) return NativeError("openssl", native, OffsetIn(native, v), "empty version");
    out.push_back({Make(Comparator::kEqual, std::string(v))});
  }
  return out;
}

Result<Disjunction> ReadNginx(std::string_view native) {
  constexpr std::string_view kNginx = "nginx";
  Disjunction out;
  for (std::string_view item : Split(native, ",")) {
    item = Trim(item);
    if (item.empty()) return NativeError(kNginx, native, OffsetIn(native, item), "empty item");
    size_t dash = item.find('-');
    if (dash != std::string_view::npos) {
      out.push_back({Make(Comparator::kGreaterEqual, std::string(item.substr(0, dash))),
                     Make(Comparator::kLessEqual, std::string(item.substr(dash + 1)))});
    } else if (item.back() == '+') {
      // "1.4.1+": fixed from 1.4.1 on its branch; a stable branch (even
      // minor) ends at the next minor, the mainline (odd) does not end.
      std::string_view v = item.substr(0, item.size() - 1);
      std::vector<std::string> nums = Numbers(v);
      if (nums.size() != 3) {
        return NativeError(kNginx, native, OffsetIn(native, item), "expected MAJOR.MINOR.PATCH+");
      }
      Conjunction conj{Make(Comparator::kGreaterEqual, std::string(v))};
      if ((nums[1].back() - '0') % 2 == 0) {
        conj.push_back(Make(Comparator::kLess, Bump(nums, 2, 3)));
      }
      out.push_back(std::move(conj));
    } else {
      out.push_back({Make(Comparator::kEqual, std::string(item))});
    }
  }
  return out;
}

}  // namespace soupkeeper::range::native
