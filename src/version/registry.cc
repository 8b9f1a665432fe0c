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
    NewSemverScheme,   NewNpmScheme,           NewCargoScheme,    NewPypiScheme,   NewGolangScheme,
    NewNugetScheme,    NewGemScheme,           NewComposerScheme, NewConanScheme,  NewPubScheme,
    NewHackageScheme,  NewCranScheme,          NewGenericScheme,  NewMavenScheme,  NewDebScheme,
    NewRpmScheme,      NewApkScheme,           NewAlpmScheme,     NewGentooScheme, NewOpensslScheme,
    NewDatetimeScheme, NewLexicographicScheme,
};

struct Alias {
  std::string_view alias;
  std::string_view scheme;
};

// purl type -> scheme name (purl types whose name is a scheme name map to it
// without a row here).
constexpr Alias kPurlTypes[] = {
    {"golang", "golang"},     {"cargo", "cargo"},    {"gem", "gem"},           {"nuget", "nuget"},
    {"composer", "composer"}, {"conan", "conan"},    {"alpine", "apk"},        {"apk", "apk"},
    {"hex", "semver"},        {"pub", "pub"},        {"hackage", "hackage"},   {"cran", "cran"},
    {"alpm", "alpm"},         {"github", "generic"}, {"bitbucket", "generic"}, {"swift", "semver"},
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
    {"SwiftURL", "semver"}, {"GHC", "hackage"},        {"Bioconductor", "cran"},
    {"MinimOS", "apk"},
};

std::vector<std::unique_ptr<VersionScheme>> MakeSchemes() {
  std::vector<std::unique_ptr<VersionScheme>> out;
  for (Factory f : kFactories) out.push_back(f());
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

std::optional<std::string_view> VersionScheme::Upstream(const ParsedVersion&) const {
  return std::nullopt;
}

std::vector<size_t> VersionScheme::SortedOrder(
    const std::vector<const ParsedVersion*>& versions) const {
  std::vector<size_t> order(versions.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<size_t> merged(order.size());
  for (size_t width = 1; width < order.size(); width *= 2) {
    for (size_t lo = 0; lo < order.size(); lo += 2 * width) {
      size_t mid = std::min(lo + width, order.size());
      size_t hi = std::min(lo + 2 * width, order.size());
      size_t a = lo, b = mid, out = lo;
      while (a < mid && b < hi) {
        // Take from the right run only when strictly smaller: stable.
        bool right = Compare(*versions[order[b]], *versions[order[a]]) < 0;
        merged[out++] = right ? order[b++] : order[a++];
      }
      while (a < mid) merged[out++] = order[a++];
      while (b < hi) merged[out++] = order[b++];
    }
    order.swap(merged);
  }
  return order;
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
