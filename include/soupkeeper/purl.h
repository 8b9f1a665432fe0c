// Package URLs (purl, ECMA-427): parse, build from components, canonical form.
//
// A purl names one software package across ecosystems:
//
//   pkg:type/namespace/name@version?qualifiers#subpath
//   pkg:npm/%40angular/animation@12.3.1
//   pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie
//
// A Purl value always holds *decoded* components (no percent-encoding) in
// their normalized form: the type lower-cased, each type's case and name rules
// applied (pypi "Django_package" becomes "django-package"), qualifiers sorted
// by key with empty values dropped, empty and "."/".." path segments dropped.
// Two purls that name the same thing therefore compare equal with ==, and
// ToString() gives the one canonical string for them.
//
// The type rules follow the purl-spec type definitions (types/*-definition.json
// of package-url/purl-spec): which types require or forbid a namespace, which
// components are case-insensitive, per-type name rules (pypi, pub, cpan,
// chrome-extension, mlflow, git) and required qualifiers (julia uuid, swid
// tag_id). Types without a definition are accepted with the general rules only.
// Lower-casing applies to ASCII letters; other characters are kept as given.
//
// Example:
//   SK_ASSIGN_OR_RETURN(purl::Purl p, purl::Parse("pkg:PYPI/Django_package@1.11"));
//   p.name;                  // "django-package"
//   purl::ToString(p);       // "pkg:pypi/django-package@1.11"
//   purl::WithoutVersion(p); // "pkg:pypi/django-package"
#ifndef SOUPKEEPER_PURL_H_
#define SOUPKEEPER_PURL_H_

#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/status.h"

namespace soupkeeper::purl {

// One qualifier: a lower-case key (letters, digits, '.', '-', '_', starting
// with a letter) and its decoded, non-empty value.
struct Qualifier {
  std::string key;
  std::string value;

  bool operator==(const Qualifier&) const = default;
};

// The decoded, normalized components of a purl. An empty string means the
// component is absent (the spec treats an empty namespace, version or subpath
// as no component at all). `name` and `type` are never empty in a Purl that
// Parse or Build returned.
struct Purl {
  std::string type;                   // lower-case ASCII, e.g. "maven"
  std::string namespace_;             // segments joined by '/', e.g. "org.apache.commons"
  std::string name;                   // e.g. "commons-io"; for type git, the repository
                                      // path "owner/repo" (the namespace is the host)
  std::string version;                // opaque, e.g. "1:2.4.47-2+b1"
  std::vector<Qualifier> qualifiers;  // sorted by key, keys unique
  std::string subpath;                // segments joined by '/', e.g. "api/v1"

  // The value of qualifier `key`, or nullptr when there is none.
  const std::string* FindQualifier(std::string_view key) const;

  bool operator==(const Purl&) const = default;
};

// How Parse treats input that breaks a "shall" of ECMA-427 in a way that can
// be repaired without guessing.
enum class ParseMode {
  // Conformance: an upper-case qualifier key ("?Arch=i386") is an error, as
  // the spec requires lower-case keys. Use for checking what others produced.
  kStrict,
  // Normalization: upper-case qualifier keys are lower-cased (the purl-spec
  // test suite's "recommended" behaviour). Use for ingesting third-party data.
  kLenient,
};

// Parses a purl string. Accepts what the spec's parsing rules accept and
// normalizes it: "pkg://Maven/..." (slashes after the scheme, any case of
// type), unencoded characters that the canonical form encodes ("@babel/core",
// "?url=https://x/y"), "%3A" for ':'. Fails with kParseError and a message
// naming the input and the byte offset of the problem, e.g.
//   "invalid purl 'pkg:npm/%zz': bad percent-encoding at offset 8"
//   "invalid purl 'pkg:swift/Alamofire@5.4.3': type 'swift' requires a
//    namespace at offset 10"
// Percent-decoded components must be valid UTF-8; control characters
// (U+0000-U+001F, U+007F) must be percent-encoded.
Result<Purl> Parse(std::string_view text, ParseMode mode = ParseMode::kStrict);

// Same as Parse, into `*out` (which is overwritten, its buffers reused): for
// loops that parse many purls without allocating for each. On failure `*out`
// holds unspecified (but valid) contents.
Status ParseInto(std::string_view text, Purl* out, ParseMode mode = ParseMode::kStrict);

// Validates and normalizes decoded components, as an SBOM gives them (name,
// group, version fields) or as a caller assembles them, into a Purl. Applies
// the same rules as Parse: `namespace_` and `subpath` are split on '/' (empty,
// and for the subpath "." and "..", segments dropped), qualifier keys are
// lower-cased and checked, empty qualifier values dropped, qualifiers sorted,
// type rules applied. Fails with kInvalidArgument naming the component, e.g.
//   "invalid purl components: name is required"
// Duplicate keys (also after lower-casing) are an error.
Result<Purl> Build(Purl components);

// The canonical string of a Purl from Parse or Build: "pkg:", the type, then
// each present component percent-encoded (everything but ASCII letters,
// digits, ".-_~" and ':' is encoded, as %XX with upper-case hex digits).
// Parse(ToString(p)) == p for every p that Parse or Build returned.
std::string ToString(const Purl& purl);

// The identity of the package without a particular release or artifact of
// it: the canonical "pkg:type/namespace/name", with version, qualifiers and
// subpath left out (they select a release, a build or a file of the package,
// not a different package). soupkeeper keys SOUP items by this string, so all
// versions of one component share one inventory entry:
//   WithoutVersion(Parse("pkg:deb/debian/curl@7.50.3-1?arch=i386"))
//     == "pkg:deb/debian/curl"
std::string WithoutVersion(const Purl& purl);

}  // namespace soupkeeper::purl

#endif  // SOUPKEEPER_PURL_H_
