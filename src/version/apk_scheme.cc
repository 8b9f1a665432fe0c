// The "apk" scheme: Alpine Linux package versions ordered as apk-tools 2.x
// (src/version.c, the apk of Alpine's stable releases, as `apk version -t`
// answers) orders them, for purl types "apk" and "alpine" and the OSV
// ecosystems Alpine, Chainguard and Wolfi.
//
// apk reads a version as a stream of tokens, each kind allowed only after
// certain others (the Gentoo-like grammar
//   digits {.digits} [letter [digits]] {_suffix [digits]} [-r digits]
// with a lower-case letter and suffixes alpha, beta, pre, rc, cvs, svn, git,
// hg, p). A version apk_version_validate() refuses is a parse error here,
// naming the offset of the first bad token.
//
// Comparison walks both token streams while the kinds agree and the values
// are equal. Values: numbers by value (the first number always; a later one
// after '.' with leading zeros counts as minus the number of zeros, then its
// remaining digits form a new number: "1.01" < "1.1", "1.00" < "1.0");
// letters by code; suffixes alpha < beta < pre < rc < cvs < svn < git < hg <
// p. When the kinds differ, a pre-release suffix (alpha..rc) loses, and
// otherwise the version whose next token kind comes earlier wins: 1.1.1 >
// 1.1a > 1.1_p1 > 1.1-r1 > 1.1 > 1.1_rc1.
//
// Two apk 2.x behaviours are reproduced as they are: a component made only of
// zeros leaves apk expecting a number, so a suffix after it no longer counts
// as a pre-release when the other version ends there ("1.0_rc1" > "1.0",
// unlike "1.1_rc1" < "1.1" and "1.0_rc1-r0" < "1.0-r0"; apk-tools 3 changed
// this); and a letter may be followed by digits ("5.1p1", which
// apk-tools 3 refuses). apk reads numbers into an int (overflowing past
// 2^31); here numbers up to 18 digits compare exactly and longer ones above
// them, by value.
// Canonical(): the text as given.
#include "version/scheme_support.h"
#include "version/schemes.h"

namespace soupkeeper::version {
namespace {

using internal::Span;

constexpr std::string_view kScheme = "apk";

// apk's enum PARTS, in its order (the order decides comparisons).
enum TokenKind : int8_t {
  kInvalid = -1,
  kDigitOrZero,
  kDigit,
  kLetter,
  kSuffix,
  kSuffixNo,
  kRevisionNo,
  kEnd,
};

// A token value as apk's int holds it: a number, minus a count of leading
// zeros, a letter's code or a suffix's rank. Numbers of more than 18 digits,
// which apk's int cannot hold, are kept as digits and rank above all others.
struct Value {
  Span big;  // non-empty for a number of more than 18 digits
  int64_t small = 0;
};

// What one get_token() call returns, and the token kind it leaves behind.
struct Step {
  Value value;
  TokenKind next = kEnd;
};

struct ApkVersion : ParsedVersion {
  std::string text;
  internal::InlineVector<Step, 8> steps;
};

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

// apk's next_token(): the kind of the token at t[*i], consuming its
// introducer ('.', '_', "-r").
TokenKind NextToken(TokenKind type, std::string_view t, size_t* i) {
  TokenKind n = kInvalid;
  if (*i >= t.size()) {
    n = kEnd;
  } else if ((type == kDigit || type == kDigitOrZero) && IsLower(t[*i])) {
    n = kLetter;
  } else if (type == kLetter && internal::IsDigit(t[*i])) {
    n = kDigit;
  } else if (type == kSuffix && internal::IsDigit(t[*i])) {
    n = kSuffixNo;
  } else {
    switch (t[*i]) {
      case '.':
        n = kDigitOrZero;
        break;
      case '_':
        n = kSuffix;
        break;
      case '-':
        if (*i + 1 < t.size() && t[*i + 1] == 'r') {
          n = kRevisionNo;
          ++*i;
        }
        break;
      default:
        break;
    }
    ++*i;
  }
  if (n < type && !((n == kDigitOrZero && type == kDigit) || (n == kSuffix && type == kSuffixNo) ||
                    (n == kDigit && type == kLetter))) {
    n = kInvalid;
  }
  return n;
}

constexpr std::string_view kPreSuffixes[] = {"alpha", "beta", "pre", "rc"};
constexpr std::string_view kPostSuffixes[] = {"cvs", "svn", "git", "hg", "p"};

// apk's get_token(): the value of the token of kind *type at t[*i]; leaves
// the next token's kind in *type.
Value GetToken(TokenKind* type, std::string_view t, size_t* i) {
  Value v;
  if (*i >= t.size()) {
    *type = kEnd;
    return v;
  }
  size_t n = 0;
  TokenKind forced = kInvalid;
  std::string_view rest = t.substr(*i);
  switch (*type) {
    case kDigitOrZero:
      if (rest[0] == '0') {
        // Leading zeros count as minus their number; the digits after them
        // are read as a new number.
        while (n < rest.size() && rest[n] == '0') ++n;
        forced = kDigit;
        v.small = -static_cast<int64_t>(n);
        break;
      }
      [[fallthrough]];
    case kDigit:
    case kSuffixNo:
    case kRevisionNo:
      while (n < rest.size() && internal::IsDigit(rest[n])) ++n;
      if (std::string_view d = internal::StripLeadingZeros(rest.substr(0, n)); d.size() > 18) {
        v.big = internal::MakeSpan(*i + n - d.size(), d.size());
      } else {
        for (char c : d) v.small = v.small * 10 + (c - '0');
      }
      break;
    case kLetter:
      v.small = static_cast<unsigned char>(rest[0]);
      n = 1;
      break;
    case kSuffix: {
      bool found = false;
      for (int k = 0; k < 4 && !found; ++k) {
        if (rest.substr(0, kPreSuffixes[k].size()) == kPreSuffixes[k]) {
          n = kPreSuffixes[k].size();
          v.small = k - 4;
          found = true;
        }
      }
      for (int k = 0; k < 5 && !found; ++k) {
        if (rest.substr(0, kPostSuffixes[k].size()) == kPostSuffixes[k]) {
          n = kPostSuffixes[k].size();
          v.small = k;
          found = true;
        }
      }
      if (found) break;
      *type = kInvalid;
      v.small = -1;
      return v;
    }
    default:
      *type = kInvalid;
      v.small = -1;
      return v;
  }
  *i += n;
  if (*i >= t.size()) {
    *type = kEnd;
  } else if (forced != kInvalid) {
    *type = forced;
  } else {
    *type = NextToken(*type, t, i);
  }
  return v;
}

int CompareValues(std::string_view at, const Value& a, std::string_view bt, const Value& b) {
  if (!a.big.empty() || !b.big.empty()) {
    if (a.big.empty() || b.big.empty()) return a.big.empty() ? -1 : 1;
    return internal::CompareDecimal(a.big.In(at), b.big.In(bt));
  }
  return a.small == b.small ? 0 : (a.small < b.small ? -1 : 1);
}

class ApkScheme : public VersionScheme {
 public:
  std::string_view Name() const override { return kScheme; }
  std::string_view Description() const override {
    return "Alpine apk: digits{.digits}[letter]{_suffix[N]}[-rN] ordered as apk-tools 2.x";
  }

  Result<std::unique_ptr<ParsedVersion>> Parse(std::string_view input) const override {
    if (input.empty()) return internal::VersionError(kScheme, input, "empty version");
    auto v = std::make_unique<ApkVersion>();
    v->text.assign(input);
    std::string_view t = v->text;
    // apk_version_validate(), keeping every get_token() result.
    TokenKind type = kDigit;
    size_t i = 0;
    while (type != kEnd && type != kInvalid) {
      Step s;
      s.value = GetToken(&type, t, &i);
      s.next = type;
      v->steps.push_back(s);
    }
    if (type == kInvalid) {
      // Both ways of failing leave i just past the offending character (for
      // an unknown suffix, its '_').
      size_t where = i == 0 ? 0 : i - 1;
      return internal::VersionError(kScheme, input,
                                    "invalid token '" + std::string(t.substr(where)) +
                                        "' at offset " + std::to_string(where));
    }
    return std::unique_ptr<ParsedVersion>(std::move(v));
  }

  int Compare(const ParsedVersion& pa, const ParsedVersion& pb) const override {
    const auto& a = internal::As<ApkVersion>(pa);
    const auto& b = internal::As<ApkVersion>(pb);
    TokenKind at = kDigit;
    TokenKind bt = kDigit;
    int c = 0;
    size_t k = 0;
    // Both step lists end exactly when their kind reaches kEnd.
    while (at == bt && at != kEnd && c == 0) {
      c = CompareValues(a.text, a.steps[k].value, b.text, b.steps[k].value);
      at = a.steps[k].next;
      bt = b.steps[k].next;
      ++k;
    }
    if (c != 0) return c;
    if (at == bt) return 0;
    // The non-terminating version is greater unless its next token is a
    // pre-release suffix.
    if (at == kSuffix && a.steps[k].value.small < 0) return -1;
    if (bt == kSuffix && b.steps[k].value.small < 0) return 1;
    return at > bt ? -1 : 1;
  }

  std::string Canonical(const ParsedVersion& v) const override {
    return internal::As<ApkVersion>(v).text;
  }

  // The text before "-r": a valid version has no other '-'.
  std::optional<std::string_view> Upstream(const ParsedVersion& v) const override {
    std::string_view t = internal::As<ApkVersion>(v).text;
    return t.substr(0, t.find('-'));
  }
};

}  // namespace

std::unique_ptr<VersionScheme> NewApkScheme() { return std::make_unique<ApkScheme>(); }

}  // namespace soupkeeper::version
