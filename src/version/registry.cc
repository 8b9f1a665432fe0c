// The registry of version schemes and the tables that map purl types and OSV
// ecosystems to them. Adding an ecosystem: one scheme file, one line in
// kFactories, and its rows in the two tables below.
#include <algorithm>
#include <string>

#include "version/schemes.h"

namespace soupkeeper::version {
namespace {

using Factory = std::unique_ptr<VersionScheme> (*)();

// Every built-in scheme, in the order `version` commands list them.
constexpr Factory kFactories[] = {
    nullptr,  // placeholder removed when the first scheme lands
};

struct Alias {
  std::string_view alias;
  std::string_view scheme;
};

// purl type -> scheme name (purl types whose name is a scheme name map to it
// without a row here).
constexpr Alias kPurlTypes[] = {
    {"golang", "golang"},     {"cargo", "cargo"},    {"gem", "gem"},         {"nuget", "nuget"},
    {"composer", "composer"}, {"conan", "conan"},    {"alpine", "apk"},      {"apk", "apk"},
    {"hex", "semver"},        {"pub", "pub"},        {"hackage", "hackage"}, {"cran", "cran"},
    {"alpm", "alpm"},         {"github", "generic"},
};

// OSV ecosystem (before any ':') -> scheme name.
constexpr Alias kOsvEcosystems[] = {
    {"npm", "npm"},         {"PyPI", "pypi"},          {"Maven", "maven"},
    {"Go", "golang"},       {"crates.io", "cargo"},    {"RubyGems", "gem"},
    {"NuGet", "nuget"},     {"Packagist", "composer"}, {"Pub", "pub"},
    {"Hex", "semver"},      {"Hackage", "hackage"},    {"CRAN", "cran"},
    {"Debian", "deb"},      {"Ubuntu", "deb"},         {"Alpine", "apk"},
    {"Chainguard", "apk"},  {"Wolfi", "apk"},          {"Red Hat", "rpm"},
    {"Rocky Linux", "rpm"}, {"AlmaLinux", "rpm"},      {"SUSE", "rpm"},
    {"openSUSE", "rpm"},    {"Photon OS", "rpm"},      {"Mageia", "rpm"},
    {"openEuler", "rpm"},   {"ConanCenter", "conan"},  {"Bitnami", "semver"},
    {"SwiftURL", "semver"}, {"GHC", "semver"},
};

std::vector<std::unique_ptr<VersionScheme>> MakeSchemes() {
  std::vector<std::unique_ptr<VersionScheme>> out;
  for (Factory f : kFactories) {
    if (f != nullptr) out.push_back(f());
  }
  return out;
}

const std::vector<std::unique_ptr<VersionScheme>>& Owned() {
  static const auto* schemes = new std::vector<std::unique_ptr<VersionScheme>>(MakeSchemes());
  return *schemes;
}

const VersionScheme* Lookup(const Alias* table, size_t n, std::string_view key) {
  for (size_t i = 0; i < n; ++i) {
    if (table[i].alias == key) return FindScheme(table[i].scheme);
  }
  return nullptr;
}

}  // namespace

Result<int> VersionScheme::CompareText(std::string_view a, std::string_view b) const {
  SK_ASSIGN_OR_RETURN(auto pa, Parse(a));
  SK_ASSIGN_OR_RETURN(auto pb, Parse(b));
  return Compare(*pa, *pb);
}

const std::vector<const VersionScheme*>& AllSchemes() {
  static const auto* all = [] {
    auto* v = new std::vector<const VersionScheme*>();
    for (const auto& s : Owned()) v->push_back(s.get());
    return v;
  }();
  return *all;
}

const VersionScheme* FindScheme(std::string_view name) {
  for (const VersionScheme* s : AllSchemes()) {
    if (s->Name() == name) return s;
  }
  return nullptr;
}

const VersionScheme* SchemeForPurlType(std::string_view purl_type) {
  if (const VersionScheme* s = Lookup(kPurlTypes, std::size(kPurlTypes), purl_type)) return s;
  return FindScheme(purl_type);
}

const VersionScheme* SchemeForOsvEcosystem(std::string_view ecosystem) {
  std::string_view base = ecosystem.substr(0, ecosystem.find(':'));
  return Lookup(kOsvEcosystems, std::size(kOsvEcosystems), base);
}

}  // namespace soupkeeper::version
