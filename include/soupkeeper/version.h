// Version schemes: how each ecosystem orders its versions.
//
// Every decision "is version V inside this advisory's range" rests on the
// ordering of one ecosystem, so each ecosystem has its own VersionScheme
// plug-in with a stable Name() that is stored beside every range (as leveldb
// stores its comparator's name): data is never read under another ordering.
//
// A scheme parses a version once into an opaque ParsedVersion and compares
// parsed versions cheaply, so that a range's bounds are parsed once and a
// component's version is compared against many bounds.
//
// Example:
//   const VersionScheme* pypi = version::FindScheme("pypi");
//   Result<int> c = pypi->CompareText("1.0rc1", "1.0");   // *c < 0
//
// Schemes are registered explicitly in src/version/registry.cc, with the table
// that maps purl types and OSV ecosystem names to scheme names.
#ifndef SOUPKEEPER_VERSION_H_
#define SOUPKEEPER_VERSION_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/status.h"

namespace soupkeeper::version {

// A version parsed by one scheme. Only that scheme can read it.
class ParsedVersion {
 public:
  virtual ~ParsedVersion() = default;
};

class VersionScheme {
 public:
  virtual ~VersionScheme() = default;

  // Stable identifier, stored with data: "semver", "npm", "cargo", "pypi",
  // "maven", "golang", "nuget", "gem", "composer", "deb", "rpm", "apk",
  // "conan", "generic".
  virtual std::string_view Name() const = 0;
  // One line for `--help` and docs.
  virtual std::string_view Description() const = 0;

  // Parses a version. A ParseError names what is wrong and where, e.g.
  // "invalid pypi version '1.0-foo': unexpected 'foo' at offset 4".
  virtual Result<std::unique_ptr<ParsedVersion>> Parse(std::string_view text) const = 0;
  // Three-way comparison (<0, 0, >0) of two versions from this scheme's Parse.
  virtual int Compare(const ParsedVersion& a, const ParsedVersion& b) const = 0;
  // The canonical text of a parsed version (e.g. PEP 440 normal form).
  virtual std::string Canonical(const ParsedVersion& v) const = 0;
  // The upstream part of a distribution package's version, as written, for
  // the schemes whose versions add packaging parts to it: deb
  // [epoch:]upstream[-revision] (Debian Policy 5.6.12: the revision follows
  // the last '-', so "1:2.0-rc1-3" -> "2.0-rc1"), rpm [epoch:]version[-release]
  // (rpm's parseEVR) and apk version[-rN] (apk-tools; suffixes such as _p1
  // and _rc1 are upstream). A version without those parts is all upstream
  // ("1.0" -> "1.0"). nullopt for the other schemes (alpm's and gentoo's
  // packaging parts are not split off yet). The view is into `v`.
  virtual std::optional<std::string_view> Upstream(const ParsedVersion& v) const;

  // True when the ecosystem reads version texts ignoring ASCII case (pypi:
  // PEP 440, "all ascii letters should be interpreted case insensitively"),
  // so that two texts equal but for case are one version even where Parse
  // refuses them (the legacy versions an OSV `versions` list may hold).
  // False unless a scheme declares it.
  virtual bool IgnoresAsciiCase() const { return false; }

  // Parses both texts and compares them. A scheme may override it to parse
  // without allocating (the SemVer family parses on the stack).
  virtual Result<int> CompareText(std::string_view a, std::string_view b) const;

  // The order that sorts `versions` ascending, stable (equal versions keep
  // their order): result[k] is the index of the k-th smallest. A merge sort
  // that only ever compares in bounds, so it is safe for the intransitive
  // orders of Maven and pacman, where std::sort's precondition does not hold.
  std::vector<size_t> SortedOrder(const std::vector<const ParsedVersion*>& versions) const;
};

// The scheme with that Name(), or nullptr.
const VersionScheme* FindScheme(std::string_view name);
// The scheme for a purl type ("npm", "pypi", "maven", "deb", "alpine"...), or
// nullptr when the type has no known ordering.
const VersionScheme* SchemeForPurlType(std::string_view purl_type);
// The scheme for an OSV ecosystem name ("PyPI", "crates.io", "Debian:12",
// "Alpine:v3.19", "Red Hat"...; a ':' suffix is ignored), or nullptr.
const VersionScheme* SchemeForOsvEcosystem(std::string_view ecosystem);
// Every registered scheme, in registration order.
const std::vector<const VersionScheme*>& AllSchemes();

}  // namespace soupkeeper::version

#endif  // SOUPKEEPER_VERSION_H_
