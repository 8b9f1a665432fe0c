// The "deb" scheme: Debian package versions ordered as dpkg orders them
// (lib/dpkg/version.c dpkg_version_compare, lib/dpkg/parsehelp.c
// parseversion), for purl type "deb" and the OSV ecosystems Debian and Ubuntu.
//
// A version is [epoch:]upstream[-revision]. The epoch is everything before the
// first ':' and must be a number (dpkg reads it with strtol, so a leading '+'
// or "-0" is accepted); the revision is everything after the last '-'.
// Versions compare by epoch, then upstream, then revision, each part with
// dpkg's verrevcmp: alternating runs of non-digits (compared character by
// character, '~' before the end before letters before everything else) and
// digits (compared by value). A missing revision reads as "" and equals "0".
//
// Validation follows dpkg exactly: what dpkg refuses (empty version, embedded
// spaces, a bad epoch, an empty upstream or revision) is a parse error; what
// dpkg only warns about and still compares (an upstream that does not start
// with a digit, characters outside [A-Za-z0-9.+~-:]) is accepted, since
// `dpkg --compare-versions` orders such versions and so must we. A NUL byte,
// which dpkg could never see, is an error. Canonical(): dpkg's own rendering,
// epoch only when non-zero ("0:1.0-1" -> "1.0-1", "+1:2" -> "1:2") or when
// the upstream holds a ':' ("0:1:2" stays).
#include <climits>
#include <cstring>
#include <new>

#include "version/scheme_support.h"
#include "version/schemes.h"

namespace soupkeeper::version {
namespace {

using internal::Span;

constexpr std::string_view kScheme = "deb";

// A parsed version and its text in one allocation: the text follows the
// object (parsing is on the hot path of matching).
struct DebVersion final : ParsedVersion {
  uint32_t epoch = 0;
  uint32_t size = 0;
  Span upstream;
  Span revision;

  std::string_view text() const { return {reinterpret_cast<const char*>(this + 1), size}; }

  static std::unique_ptr<DebVersion> Make(std::string_view t) {
    auto* v = new (::operator new(sizeof(DebVersion) + t.size())) DebVersion();
    std::memcpy(reinterpret_cast<char*>(v + 1), t.data(), t.size());
    v->size = static_cast<uint32_t>(t.size());
    return std::unique_ptr<DebVersion>(v);
  }
  static void operator delete(void* p) { ::operator delete(p); }
};

// dpkg's order(): digits 0, letters their code, '~' -1, the end 0, anything
// else its code + 256. dpkg reads `char` as signed, so a byte >= 0x80 lands
// at (byte - 256) + 256, i.e. at its unsigned value.
int Order(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  auto c = static_cast<unsigned char>(s[i]);
  if (internal::IsDigit(static_cast<char>(c))) return 0;
  if (internal::IsAlpha(static_cast<char>(c))) return c;
  if (c == '~') return -1;
  return c < 0x80 ? c + 256 : c;
}

bool DigitAt(std::string_view s, size_t i) { return i < s.size() && internal::IsDigit(s[i]); }

// dpkg's verrevcmp.
int VerRevCmp(std::string_view a, std::string_view b) {
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() || j < b.size()) {
    while ((i < a.size() && !internal::IsDigit(a[i])) ||
           (j < b.size() && !internal::IsDigit(b[j]))) {
      int ac = Order(a, i);
      int bc = Order(b, j);
      if (ac != bc) return internal::Sign(ac - bc);
      ++i;
      ++j;
    }
    while (i < a.size() && a[i] == '0') ++i;
    while (j < b.size() && b[j] == '0') ++j;
    int first_diff = 0;
    while (DigitAt(a, i) && DigitAt(b, j)) {
      if (first_diff == 0) first_diff = a[i] - b[j];
      ++i;
      ++j;
    }
    if (DigitAt(a, i)) return 1;
    if (DigitAt(b, j)) return -1;
    if (first_diff != 0) return internal::Sign(first_diff);
  }
  return 0;
}

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

class DebScheme : public VersionScheme {
 public:
  std::string_view Name() const override { return kScheme; }
  std::string_view Description() const override {
    return "Debian/Ubuntu: [epoch:]upstream[-revision] ordered as dpkg --compare-versions";
  }

  Result<std::unique_ptr<ParsedVersion>> Parse(std::string_view input) const override {
    auto err = [&](const std::string& problem) {
      return internal::VersionError(kScheme, input, problem);
    };
    size_t nul = input.find('\0');
    if (nul != std::string_view::npos) return err("NUL byte at offset " + std::to_string(nul));
    // dpkg trims leading blanks and trailing white space; any other white
    // space is an error.
    size_t begin = 0;
    while (begin < input.size() && IsBlank(input[begin])) ++begin;
    size_t end = begin;
    while (end < input.size() && !internal::IsSpace(input[end])) ++end;
    for (size_t k = end; k < input.size(); ++k) {
      if (!internal::IsSpace(input[k]))
        return err("embedded space at offset " + std::to_string(end));
    }
    if (begin == end) return err("empty version");

    std::string_view t = input.substr(begin, end - begin);
    auto v = DebVersion::Make(t);
    size_t colon = t.find(':');
    size_t rest = 0;
    if (colon != std::string_view::npos) {
      // strtol: optional sign, then digits that must reach the colon.
      size_t k = 0;
      bool negative = false;
      if (k < colon && (t[k] == '+' || t[k] == '-')) negative = t[k++] == '-';
      size_t digits = k;
      while (k < colon && internal::IsDigit(t[k])) ++k;
      if (k == digits) {
        return err(colon == 0 ? "empty epoch before ':' at offset " + std::to_string(begin)
                              : "epoch '" + std::string(t.substr(0, colon)) + "' is not a number");
      }
      if (k != colon) {
        return err("epoch '" + std::string(t.substr(0, colon)) + "' is not a number");
      }
      std::string_view number = t.substr(digits, colon - digits);
      bool zero = internal::StripLeadingZeros(number) == "0";
      if (negative && !zero) return err("negative epoch '" + std::string(t.substr(0, colon)) + "'");
      if (!internal::DecimalAtMost(number, INT_MAX)) {
        return err("epoch '" + std::string(number) + "' is greater than " +
                   std::to_string(INT_MAX));
      }
      for (char c : internal::StripLeadingZeros(number)) v->epoch = v->epoch * 10 + (c - '0');
      if (colon + 1 == t.size()) {
        return err("nothing after ':' at offset " + std::to_string(begin + colon));
      }
      rest = colon + 1;
    }
    size_t hyphen = t.rfind('-');
    size_t up_end = t.size();
    if (hyphen != std::string_view::npos && hyphen >= rest) {
      if (hyphen + 1 == t.size()) {
        return err("empty revision after '-' at offset " + std::to_string(begin + hyphen));
      }
      up_end = hyphen;
    }
    if (up_end == rest) return err("empty upstream version");
    v->upstream = internal::MakeSpan(rest, up_end - rest);
    if (up_end < t.size()) v->revision = internal::MakeSpan(up_end + 1, t.size() - up_end - 1);
    return std::unique_ptr<ParsedVersion>(std::move(v));
  }

  int Compare(const ParsedVersion& pa, const ParsedVersion& pb) const override {
    const auto& a = internal::As<DebVersion>(pa);
    const auto& b = internal::As<DebVersion>(pb);
    if (a.epoch != b.epoch) return a.epoch < b.epoch ? -1 : 1;
    if (int c = VerRevCmp(a.upstream.In(a.text()), b.upstream.In(b.text()))) return c;
    return VerRevCmp(a.revision.In(a.text()), b.revision.In(b.text()));
  }

  std::string Canonical(const ParsedVersion& pv) const override {
    const auto& v = internal::As<DebVersion>(pv);
    std::string out;
    std::string_view upstream = v.upstream.In(v.text());
    // Epoch 0 is left out, unless the upstream's own ':' would then read
    // as an epoch.
    if (v.epoch != 0 || upstream.find(':') != std::string_view::npos) {
      out = std::to_string(v.epoch) + ":";
    }
    out += upstream;
    if (!v.revision.empty()) {
      out += '-';
      out += v.revision.In(v.text());
    }
    return out;
  }

  std::optional<std::string_view> Upstream(const ParsedVersion& pv) const override {
    const auto& v = internal::As<DebVersion>(pv);
    return v.upstream.In(v.text());
  }
};

}  // namespace

std::unique_ptr<VersionScheme> NewDebScheme() { return std::make_unique<DebScheme>(); }

}  // namespace soupkeeper::version
