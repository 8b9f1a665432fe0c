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

using internal::Span;

constexpr std::string_view kScheme = "rpm";

struct RpmVersion : ParsedVersion {
  std::string text;
  Span epoch;  // digits without leading zeros; empty when absent
  Span version;
  Span release;
  bool has_release = false;
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
    size_t si = i;
    size_t sj = j;
    bool is_num = internal::IsDigit(a[i]);
    if (is_num) {
      while (i < a.size() && internal::IsDigit(a[i])) ++i;
      while (j < b.size() && internal::IsDigit(b[j])) ++j;
    } else {
      while (i < a.size() && internal::IsAlpha(a[i])) ++i;
      while (j < b.size() && internal::IsAlpha(b[j])) ++j;
    }
    // Segments of different kinds: the numeric one is newer.
    if (sj == j) return is_num ? 1 : -1;
    std::string_view x = a.substr(si, i - si);
    std::string_view y = b.substr(sj, j - sj);
    int c = is_num ? internal::CompareDecimal(x, y) : internal::CompareBytes(x, y);
    if (c != 0) return c;
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
    auto err = [&](const std::string& problem) {
      return internal::VersionError(kScheme, input, problem);
    };
    if (input.empty()) return err("empty version");
    for (size_t k = 0; k < input.size(); ++k) {
      auto c = static_cast<unsigned char>(input[k]);
      if (c <= ' ' || c == 0x7f) {
        return err("space or control character at offset " + std::to_string(k));
      }
    }
    auto v = std::make_unique<RpmVersion>();
    v->text.assign(input);
    std::string_view t = v->text;
    size_t s = 0;
    while (s < t.size() && internal::IsDigit(t[s])) ++s;
    size_t vstart = 0;
    if (At(t, s, ':')) {
      std::string_view e = internal::StripLeadingZeros(t.substr(0, s));
      if (!e.empty() && e != "0") v->epoch = internal::MakeSpan(s - e.size(), e.size());
      vstart = s + 1;
    }
    size_t hyphen = t.rfind('-');
    size_t vend = t.size();
    if (hyphen != std::string_view::npos && hyphen >= s) {
      vend = hyphen;
      v->has_release = true;
      v->release = internal::MakeSpan(hyphen + 1, t.size() - hyphen - 1);
    }
    v->version = internal::MakeSpan(vstart, vend - vstart);
    return std::unique_ptr<ParsedVersion>(std::move(v));
  }

  int Compare(const ParsedVersion& pa, const ParsedVersion& pb) const override {
    const auto& a = internal::As<RpmVersion>(pa);
    const auto& b = internal::As<RpmVersion>(pb);
    std::string_view ea = a.epoch.empty() ? "0" : a.epoch.In(a.text);
    std::string_view eb = b.epoch.empty() ? "0" : b.epoch.In(b.text);
    if (int c = internal::CompareDecimal(ea, eb)) return c;
    if (int c = RpmVerCmp(a.version.In(a.text), b.version.In(b.text))) return c;
    if (a.has_release != b.has_release) return a.has_release ? 1 : -1;
    return RpmVerCmp(a.release.In(a.text), b.release.In(b.text));
  }

  std::string Canonical(const ParsedVersion& pv) const override {
    const auto& v = internal::As<RpmVersion>(pv);
    std::string out;
    std::string_view version = v.version.In(v.text);
    // A zero epoch is left out, unless the version would then read differently.
    if (!v.epoch.empty() || version.empty() || version.find(':') != std::string_view::npos) {
      out += v.epoch.empty() ? std::string_view("0") : v.epoch.In(v.text);
      out += ':';
    }
    out += version;
    if (v.has_release) {
      out += '-';
      out += v.release.In(v.text);
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<VersionScheme> NewRpmScheme() { return std::make_unique<RpmScheme>(); }

}  // namespace soupkeeper::version
