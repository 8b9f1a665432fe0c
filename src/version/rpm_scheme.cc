// The "rpm" scheme: RPM package versions ordered as rpm 4.15 and later order
// them (rpmio/rpmvercmp.c rpmvercmp, lib/rpmver.c rpmverCmp), for the OSV
// ecosystems Red Hat, Rocky Linux, AlmaLinux, SUSE, openSUSE, Photon OS,
// Mageia and openEuler.
//
// A version is [epoch:]version[-release] (rpm's parseEVR: the epoch is the
// leading digits when a ':' follows them, the release is everything after the
// last '-'). Versions compare by epoch (missing = 0), then version, then
// release, each with rpmvercmp; as rpmverCmp (and rpm.vercmp, rpmdev-vercmp)
// does, a missing release sorts before any release ("1.0" < "1.0-1"), while
// an empty one ("1.0-") is present and sorts before "1.0-0".
//
// rpmvercmp splits a text into runs of ASCII digits and runs of ASCII
// letters; every other character only separates runs. '~' sorts before
// anything, even the end ("1.0~rc1" < "1.0"); '^' sorts after the end but
// before anything else ("1.0" < "1.0^git1" < "1.0.1"). Digit runs compare by
// value, letter runs by bytes, and a digit run beats a letter run.
//
// Parse errors: an empty text, white space or control characters (rpm spec
// tags cannot hold them). Like rpm, an empty version ("1:") or release
// ("1.0-") is accepted. Canonical(): epoch (without leading zeros; left out
// when zero unless the version is empty or holds a ':'), version and release
// as given.
#include "version/scheme_support.h"
#include "version/schemes.h"

namespace soupkeeper::version {
namespace {

constexpr std::string_view kScheme = "rpm";

struct RpmVersion : ParsedVersion {
  std::string text;
  internal::Evr evr;
};

bool At(std::string_view s, size_t i, char c) { return i < s.size() && s[i] == c; }

// rpmvercmp.
int RpmVerCmp(std::string_view a, std::string_view b) {
  if (a == b) return 0;
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() || j < b.size()) {
    while (i < a.size() && !internal::IsAlnum(a[i]) && a[i] != '~' && a[i] != '^') ++i;
    while (j < b.size() && !internal::IsAlnum(b[j]) && b[j] != '~' && b[j] != '^') ++j;
    // '~' sorts before everything else.
    if (At(a, i, '~') || At(b, j, '~')) {
      if (!At(a, i, '~')) return 1;
      if (!At(b, j, '~')) return -1;
      ++i;
      ++j;
      continue;
    }
    // '^' too, except that the end of a version sorts before it.
    if (At(a, i, '^') || At(b, j, '^')) {
      if (i >= a.size()) return -1;
      if (j >= b.size()) return 1;
      if (!At(a, i, '^')) return 1;
      if (!At(b, j, '^')) return -1;
      ++i;
      ++j;
      continue;
    }
    if (i >= a.size() || j >= b.size()) break;
    if (int c = internal::CompareVercmpRun(a, &i, b, &j)) return c;
  }
  if (i >= a.size() && j >= b.size()) return 0;
  return i >= a.size() ? -1 : 1;
}

class RpmScheme : public VersionScheme {
 public:
  std::string_view Name() const override { return kScheme; }
  std::string_view Description() const override {
    return "RPM: [epoch:]version[-release] ordered by rpmvercmp (rpm 4.15+, with ~ and ^)";
  }

  Result<std::unique_ptr<ParsedVersion>> Parse(std::string_view input) const override {
    auto v = std::make_unique<RpmVersion>();
    SK_ASSIGN_OR_RETURN(v->evr, internal::SplitEvr(kScheme, input));
    v->text.assign(input);
    return std::unique_ptr<ParsedVersion>(std::move(v));
  }

  int Compare(const ParsedVersion& pa, const ParsedVersion& pb) const override {
    const auto& a = internal::As<RpmVersion>(pa);
    const auto& b = internal::As<RpmVersion>(pb);
    if (int c = internal::CompareEpochs(a.text, a.evr, b.text, b.evr)) return c;
    if (int c = RpmVerCmp(a.evr.version.In(a.text), b.evr.version.In(b.text))) return c;
    if (a.evr.has_release != b.evr.has_release) return a.evr.has_release ? 1 : -1;
    return RpmVerCmp(a.evr.release.In(a.text), b.evr.release.In(b.text));
  }

  std::string Canonical(const ParsedVersion& pv) const override {
    const auto& v = internal::As<RpmVersion>(pv);
    return internal::EvrCanonical(v.text, v.evr);
  }

  std::optional<std::string_view> Upstream(const ParsedVersion& pv) const override {
    const auto& v = internal::As<RpmVersion>(pv);
    return v.evr.version.In(v.text);
  }
};

}  // namespace

std::unique_ptr<VersionScheme> NewRpmScheme() { return std::make_unique<RpmScheme>(); }

}  // namespace soupkeeper::version
