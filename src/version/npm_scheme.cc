// The "npm" scheme: node-semver's version ordering (semver.compare) with its
// loose grammar (new SemVer(v, {loose: true})).
//
// Loose means: surrounding whitespace is trimmed; any run of 'v', '=' and
// whitespace may precede the version; numbers may have leading zeros; the
// '-' before the prerelease may be left out ("1.2.3beta"). Numbers above
// Number.MAX_SAFE_INTEGER (2^53-1) and texts over 256 characters are refused,
// as node-semver refuses them. Ordering ignores build metadata, as
// semver.compare does; Canonical() is node-semver's normal form with the
// build metadata kept ("=v1.02.3-01+b" -> "1.2.3-1+b").
#include "version/schemes.h"
#include "version/semver_common.h"

namespace soupkeeper::version {
namespace {

using internal::SemverVersion;

constexpr internal::SemverSyntax kSyntax{
    .scheme = "npm", .npm_loose = true, .max_number = (uint64_t{1} << 53) - 1};

class NpmScheme : public VersionScheme {
 public:
  std::string_view Name() const override { return "npm"; }
  std::string_view Description() const override {
    return "npm (node-semver): SemVer 2.0.0 with node-semver's loose parsing";
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
    return internal::SemverText(internal::As<SemverVersion>(v), /*build=*/true);
  }
};

}  // namespace

std::unique_ptr<VersionScheme> NewNpmScheme() { return std::make_unique<NpmScheme>(); }

}  // namespace soupkeeper::version
