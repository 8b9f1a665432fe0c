// The "alpm" scheme: Arch Linux package versions ordered as pacman's vercmp
// orders them (lib/libalpm/version.c alpm_pkg_vercmp), for purl type "alpm".
//
// A version is [epoch:]pkgver[-pkgrel], split as rpm splits it (the epoch is
// the leading digits when a ':' follows them, the release everything after
// the last '-'). Versions compare by epoch (missing = 0), pkgver, then pkgrel
// only when both have one ("1.5" equals "1.5-1").
//
// Each part compares with pacman's own rpmvercmp, an older cousin of rpm's
// without '~' and '^': runs of ASCII digits (by value) and ASCII letters (by
// bytes) separated by any other characters; a digit run beats a letter run;
// where the separators before two runs differ in length, the longer one wins
// ("1.0" < "1..0"); and at the end a leftover letter run loses to nothing
// ("1.5b" < "1.5") while any other leftover wins ("1.5" < "1.5.a").
//
// Parse errors: an empty text, white space or control characters, an empty
// pkgver or pkgrel, or one that starts or ends with a separator or has two
// in a row (pacman's order is not transitive there; makepkg never makes
// such versions). Canonical(): epoch (without leading
// zeros; left out when zero unless the pkgver holds a ':'), pkgver and pkgrel
// as given.
#include "version/scheme_support.h"
#include "version/schemes.h"

namespace soupkeeper::version {
namespace {

constexpr std::string_view kScheme = "alpm";

struct AlpmVersion : ParsedVersion {
  std::string text;
  internal::Evr evr;
};

// pacman's rpmvercmp.
int PacmanVerCmp(std::string_view a, std::string_view b) {
  if (a == b) return 0;
  size_t i = 0;
  size_t j = 0;
  size_t pi = 0;  // end of the previous segment
  size_t pj = 0;
  while (i < a.size() && j < b.size()) {
    while (i < a.size() && !internal::IsAlnum(a[i])) ++i;
    while (j < b.size() && !internal::IsAlnum(b[j])) ++j;
    if (i >= a.size() || j >= b.size()) break;
    // Separators of different lengths decide.
    if (i - pi != j - pj) return i - pi < j - pj ? -1 : 1;
    if (int c = internal::CompareVercmpRun(a, &i, b, &j)) return c;
    pi = i;
    pj = j;
  }
  bool a_done = i >= a.size();
  bool b_done = j >= b.size();
  if (a_done && b_done) return 0;
  // A leftover letter run never beats the end; anything else does.
  if ((a_done && !internal::IsAlpha(b[j])) || (!a_done && internal::IsAlpha(a[i]))) return -1;
  return 1;
}

// A pkgver or pkgrel, t[begin, end): starts and ends with a letter or digit
// and has no two separators in a row.
Status CheckPart(std::string_view t, std::string_view name, size_t begin, size_t end) {
  for (size_t k = begin; k < end; ++k) {
    if (internal::IsAlnum(t[k])) continue;
    std::string problem;
    if (k == begin) {
      problem = " must start with a letter or digit";
    } else if (k + 1 == end) {
      problem = " must end with a letter or digit";
    } else if (!internal::IsAlnum(t[k + 1])) {
      problem = " has two separators in a row";
    } else {
      continue;
    }
    return internal::VersionError(kScheme, t,
                                  std::string(name) + problem + " at offset " + std::to_string(k));
  }
  return Status::Ok();
}

class AlpmScheme : public VersionScheme {
 public:
  std::string_view Name() const override { return kScheme; }
  std::string_view Description() const override {
    return "Arch Linux: [epoch:]pkgver[-pkgrel] ordered as pacman's vercmp";
  }

  Result<std::unique_ptr<ParsedVersion>> Parse(std::string_view input) const override {
    auto v = std::make_unique<AlpmVersion>();
    SK_ASSIGN_OR_RETURN(v->evr, internal::SplitEvr(kScheme, input));
    const internal::Evr& evr = v->evr;
    size_t vend = evr.version.off + evr.version.len;
    if (evr.has_release && evr.release.empty()) {
      return internal::VersionError(kScheme, input,
                                    "empty pkgrel after '-' at offset " + std::to_string(vend));
    }
    if (evr.version.empty()) {
      return internal::VersionError(kScheme, input,
                                    "empty pkgver at offset " + std::to_string(evr.version.off));
    }
    // pacman's separator-length rule is not transitive where separators
    // lead, trail or follow each other (".R1" > "1..0" yet ".R1" < "+" <
    // "1..0"); with single separators between letters and digits it is, so
    // only such parts, which makepkg never produces, are accepted.
    SK_RETURN_IF_ERROR(CheckPart(input, "pkgver", evr.version.off, vend));
    if (evr.has_release) SK_RETURN_IF_ERROR(CheckPart(input, "pkgrel", vend + 1, input.size()));
    v->text.assign(input);
    return std::unique_ptr<ParsedVersion>(std::move(v));
  }

  int Compare(const ParsedVersion& pa, const ParsedVersion& pb) const override {
    const auto& a = internal::As<AlpmVersion>(pa);
    const auto& b = internal::As<AlpmVersion>(pb);
    if (int c = internal::CompareEpochs(a.text, a.evr, b.text, b.evr)) return c;
    if (int c = PacmanVerCmp(a.evr.version.In(a.text), b.evr.version.In(b.text))) return c;
    if (!a.evr.has_release || !b.evr.has_release) return 0;
    return PacmanVerCmp(a.evr.release.In(a.text), b.evr.release.In(b.text));
  }

  std::string Canonical(const ParsedVersion& pv) const override {
    const auto& v = internal::As<AlpmVersion>(pv);
    return internal::EvrCanonical(v.text, v.evr);
  }
};

}  // namespace

std::unique_ptr<VersionScheme> NewAlpmScheme() { return std::make_unique<AlpmScheme>(); }

}  // namespace soupkeeper::version
