// The "openssl" scheme: OpenSSL release versions, ordered as univers orders
// them (univers.versions.OpensslVersion), for vers' "openssl" scheme.
//
// Two version families:
//   legacy  0.9.1 to 1.1.1 with letter releases: 1.0.1, 1.0.1a ... 1.0.1z,
//           1.0.2za ... (major.minor.build then lower-case letters). univers
//           compares (major, minor, build) by value, then the letters as a
//           string ("z" < "za" < "zb").
//   modern  3.0.0 and later, semantic versions (major >= 3, three numbers,
//           optional -prerelease and +build), ordered by SemVer 2.0.
// Every legacy version sorts before every modern one.
//
// Pre-releases of the legacy family ("1.0.0-beta1", "1.1.1-pre9") sort before
// their release, as OpenSSL itself numbers them (OPENSSL_VERSION_NUMBER); univers
// would sort them after it, which is wrong and not in its test data.
// Anything else, including 2.x (only ever the FIPS module's numbering), is a
// parse error. Canonical(): the text as given.
#include <algorithm>

#include "version/scheme_support.h"
#include "version/schemes.h"

namespace soupkeeper::version {
namespace {

using internal::Span;

constexpr std::string_view kScheme = "openssl";

// The legacy series univers knows.
constexpr std::string_view kLegacySeries[] = {"0.9.1", "0.9.2", "0.9.3", "0.9.4", "0.9.5",
                                              "0.9.6", "0.9.7", "0.9.8", "1.0.0", "1.0.1",
                                              "1.0.2", "1.1.0", "1.1.1"};

enum PreKind : uint8_t { kAlpha, kBeta, kPre, kRelease };

struct OpensslVersion : ParsedVersion {
  std::string text;
  bool modern = false;
  Span numbers[3];
  // legacy
  Span letters;
  PreKind pre = kRelease;
  Span pre_number;
  // modern: SemVer pre-release identifiers
  internal::InlineVector<Span, 4> prerelease;
};

bool ParseNumber(std::string_view t, size_t* i, Span* out) {
  size_t start = *i;
  while (*i < t.size() && internal::IsDigit(t[*i])) ++*i;
  // No leading zeros (SemVer; no OpenSSL release has any).
  if (*i == start || (t[start] == '0' && *i - start > 1)) {
    *i = start;
    return false;
  }
  *out = internal::MakeSpan(start, *i - start);
  return true;
}

// SemVer 2.0 precedence of pre-release identifiers (empty list = release).
int ComparePrerelease(std::string_view at, const OpensslVersion& a, std::string_view bt,
                      const OpensslVersion& b) {
  if (a.prerelease.empty() || b.prerelease.empty()) {
    if (a.prerelease.empty() && b.prerelease.empty()) return 0;
    return a.prerelease.empty() ? 1 : -1;
  }
  size_t n = std::min(a.prerelease.size(), b.prerelease.size());
  for (size_t k = 0; k < n; ++k) {
    std::string_view x = a.prerelease[k].In(at);
    std::string_view y = b.prerelease[k].In(bt);
    bool xn = internal::AllDigits(x);
    bool yn = internal::AllDigits(y);
    int c = xn && yn ? internal::CompareDecimal(x, y)
            : xn     ? -1
            : yn     ? 1
                     : internal::CompareBytes(x, y);
    if (c != 0) return c;
  }
  return internal::Sign(static_cast<int>(a.prerelease.size()) -
                        static_cast<int>(b.prerelease.size()));
}

class OpensslScheme : public VersionScheme {
 public:
  std::string_view Name() const override { return kScheme; }
  std::string_view Description() const override {
    return "OpenSSL: legacy letter releases (1.0.2u, 1.1.1w) before SemVer releases (3.x)";
  }

  Result<std::unique_ptr<ParsedVersion>> Parse(std::string_view input) const override {
    auto err = [&](const std::string& problem) {
      return internal::VersionError(kScheme, input, problem);
    };
    if (input.empty()) return err("empty version");
    auto v = std::make_unique<OpensslVersion>();
    v->text.assign(input);
    std::string_view t = v->text;
    size_t i = 0;
    for (int k = 0; k < 3; ++k) {
      if (k > 0) {
        if (i >= t.size() || t[i] != '.') return internal::UnexpectedAt(kScheme, input, i);
        ++i;
      }
      if (!ParseNumber(t, &i, &v->numbers[k])) {
        return err("expected a number without leading zeros at offset " + std::to_string(i));
      }
    }
    std::string_view major = v->numbers[0].In(t);
    if (internal::CompareDecimal(major, "3") >= 0) {
      v->modern = true;
      return ParseSemverTail(input, i, std::move(v));
    }
    std::string_view series = t.substr(0, v->numbers[2].off + 1);
    if (std::find(std::begin(kLegacySeries), std::end(kLegacySeries), series) ==
            std::end(kLegacySeries) ||
        v->numbers[2].len != 1) {
      return err(
          "not an OpenSSL release: expected 0.9.1 to 1.1.1 with letters, or 3.0.0 and later");
    }
    size_t start = i;
    while (i < t.size() && t[i] >= 'a' && t[i] <= 'z') ++i;
    v->letters = internal::MakeSpan(start, i - start);
    if (i < t.size() && t[i] == '-' && v->letters.empty()) {
      constexpr std::string_view kTags[] = {"alpha", "beta", "pre"};
      size_t at = i++;
      for (int k = 0; k < 3; ++k) {
        if (t.substr(i, kTags[k].size()) == kTags[k]) {
          v->pre = static_cast<PreKind>(k);
          i += kTags[k].size();
          break;
        }
      }
      if (v->pre == kRelease || !ParseNumber(t, &i, &v->pre_number)) {
        return err("expected -alphaN, -betaN or -preN at offset " + std::to_string(at));
      }
    }
    if (i < t.size()) return internal::UnexpectedAt(kScheme, input, i);
    return std::unique_ptr<ParsedVersion>(std::move(v));
  }

  int Compare(const ParsedVersion& pa, const ParsedVersion& pb) const override {
    const auto& a = internal::As<OpensslVersion>(pa);
    const auto& b = internal::As<OpensslVersion>(pb);
    if (a.modern != b.modern) return a.modern ? 1 : -1;
    for (int k = 0; k < 3; ++k) {
      if (int c = internal::CompareDecimal(a.numbers[k].In(a.text), b.numbers[k].In(b.text))) {
        return c;
      }
    }
    if (a.modern) return ComparePrerelease(a.text, a, b.text, b);
    if (a.pre != b.pre) return a.pre < b.pre ? -1 : 1;
    if (a.pre != kRelease) {
      return internal::CompareDecimal(a.pre_number.In(a.text), b.pre_number.In(b.text));
    }
    return internal::CompareBytes(a.letters.In(a.text), b.letters.In(b.text));
  }

  std::string Canonical(const ParsedVersion& v) const override {
    return internal::As<OpensslVersion>(v).text;
  }

 private:
  // The SemVer rest of a modern version after its three numbers.
  static Result<std::unique_ptr<ParsedVersion>> ParseSemverTail(std::string_view input, size_t i,
                                                                std::unique_ptr<OpensslVersion> v) {
    std::string_view t = v->text;
    auto identifiers = [&](bool pre) -> Status {
      do {
        size_t start = ++i;
        while (i < t.size() && (internal::IsAlnum(t[i]) || t[i] == '-')) ++i;
        std::string_view id = t.substr(start, i - start);
        if (id.empty()) {
          return internal::VersionError(kScheme, input,
                                        "empty identifier at offset " + std::to_string(start));
        }
        if (pre && id.size() > 1 && id[0] == '0' && internal::AllDigits(id)) {
          return internal::VersionError(kScheme, input,
                                        "leading zero at offset " + std::to_string(start));
        }
        if (pre) v->prerelease.push_back(internal::MakeSpan(start, id.size()));
      } while (i < t.size() && t[i] == '.');
      return Status::Ok();
    };
    if (i < t.size() && t[i] == '-') SK_RETURN_IF_ERROR(identifiers(true));
    if (i < t.size() && t[i] == '+') SK_RETURN_IF_ERROR(identifiers(false));
    if (i < t.size()) return internal::UnexpectedAt(kScheme, input, i);
    return std::unique_ptr<ParsedVersion>(std::move(v));
  }
};

}  // namespace

std::unique_ptr<VersionScheme> NewOpensslScheme() { return std::make_unique<OpensslScheme>(); }

}  // namespace soupkeeper::version
