// The "golang" scheme: Go module versions, ordered as golang.org/x/mod/semver
// orders them.
//
// Grammar of semver.IsValid: vMAJOR[.MINOR[.PATCH[-PRERELEASE][+BUILD]]],
// no leading zeros, numbers of any size; vMAJOR and vMAJOR.MINOR are
// shorthands for vMAJOR.0.0 and vMAJOR.MINOR.0. The leading 'v' is optional
// here because OSV's Go ecosystem data writes versions without it ("1.2.3").
// Pseudo-versions (v0.0.0-20191109021931-daa7c04131f5) are prereleases and
// order as such. Build metadata, including +incompatible, is ignored for
// ordering; Canonical() is module.CanonicalVersion: 'v', three numbers, the
// prerelease, and +incompatible when present ("1.2" -> "v1.2.0").
#include "version/schemes.h"
#include "version/semver_common.h"

namespace soupkeeper::version {
namespace {

using internal::SemverVersion;

constexpr internal::SemverSyntax kSyntax{
    .scheme = "golang", .optional_v = true, .go_shorthand = true, .unlimited_numbers = true};

class GolangScheme : public VersionScheme {
 public:
  std::string_view Name() const override { return "golang"; }
  std::string_view Description() const override {
    return "Go modules (golang.org/x/mod/semver); the leading 'v' is optional";
  }
  Result<std::unique_ptr<ParsedVersion>> Parse(std::string_view text) const override {
    return internal::ParseSemver(text, kSyntax);
  }
  int Compare(const ParsedVersion& a, const ParsedVersion& b) const override {
    return internal::CompareSemverPrecedence(internal::As<SemverVersion>(a),
                                             internal::As<SemverVersion>(b));
  }
  Result<int> CompareText(std::string_view a, std::string_view b) const override {
    return internal::CompareSemverText(a, b, kSyntax, internal::CompareSemverPrecedence);
  }
  std::string Canonical(const ParsedVersion& v) const override {
    const auto& s = internal::As<SemverVersion>(v);
    std::string out = "v" + internal::SemverText(s, /*build=*/false);
    if (s.build.size() == 1 && s.build[0].In(s.text) == "incompatible") out += "+incompatible";
    return out;
  }
};

}  // namespace

std::unique_ptr<VersionScheme> NewGolangScheme() { return std::make_unique<GolangScheme>(); }

}  // namespace soupkeeper::version
