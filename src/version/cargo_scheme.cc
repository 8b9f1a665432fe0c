// The "cargo" scheme: the Rust semver crate (semver::Version), which Cargo
// and crates.io use.
//
// Strict SemVer grammar with numbers up to 2^64-1. Ordering is the crate's
// Ord: SemVer precedence, then build metadata as a tie-break (identifier by
// identifier; numeric identifiers first and by value, then by length so that
// 1 < 01; alphanumeric ones by bytes; fewer identifiers first; none at all
// lowest). So unlike "semver", 1.0.0 < 1.0.0+build here.
#include "version/schemes.h"
#include "version/semver_common.h"

namespace soupkeeper::version {
namespace {

using internal::SemverVersion;

constexpr internal::SemverSyntax kSyntax{.scheme = "cargo"};

// Precedence, then build metadata breaks ties (the crate's Ord).
int CargoOrder(const SemverVersion& x, const SemverVersion& y) {
  if (int c = internal::CompareSemverPrecedence(x, y)) return c;
  return internal::CompareCargoBuild(x, y);
}

class CargoScheme : public VersionScheme {
 public:
  std::string_view Name() const override { return "cargo"; }
  std::string_view Description() const override {
    return "Cargo / crates.io (Rust semver crate): SemVer, build metadata breaks ties";
  }
  Result<std::unique_ptr<ParsedVersion>> Parse(std::string_view text) const override {
    return internal::ParseSemver(text, kSyntax);
  }
  int Compare(const ParsedVersion& a, const ParsedVersion& b) const override {
    return CargoOrder(internal::As<SemverVersion>(a), internal::As<SemverVersion>(b));
  }
  Result<int> CompareText(std::string_view a, std::string_view b) const override {
    return internal::CompareSemverText(a, b, kSyntax, CargoOrder);
  }
  std::string Canonical(const ParsedVersion& v) const override {
    return std::string(internal::As<SemverVersion>(v).text);
  }
};

}  // namespace

std::unique_ptr<VersionScheme> NewCargoScheme() { return std::make_unique<CargoScheme>(); }

}  // namespace soupkeeper::version
