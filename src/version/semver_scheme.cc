// The "semver" scheme: Semantic Versioning 2.0.0 (https://semver.org).
//
// Strict grammar (no 'v' prefix, no leading zeros, MAJOR.MINOR.PATCH all
// present), numbers of any size. Precedence follows §11: build metadata is
// ignored, so 1.0.0+a == 1.0.0+b; Canonical() keeps it.
#include "version/schemes.h"
#include "version/semver_common.h"

namespace soupkeeper::version {
namespace {

using internal::SemverVersion;

constexpr internal::SemverSyntax kSyntax{.scheme = "semver", .unlimited_numbers = true};

class SemverScheme : public VersionScheme {
 public:
  std::string_view Name() const override { return "semver"; }
  std::string_view Description() const override {
    return "Semantic Versioning 2.0.0 precedence (build metadata ignored)";
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
    return std::string(internal::As<SemverVersion>(v).text);
  }
};

}  // namespace

std::unique_ptr<VersionScheme> NewSemverScheme() { return std::make_unique<SemverScheme>(); }

}  // namespace soupkeeper::version
