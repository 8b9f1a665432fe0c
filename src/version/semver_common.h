// The SemVer family shared by the semver, npm, cargo and golang schemes: one
// parser with the few switches in which those ecosystems differ, and the
// SemVer 2.0.0 precedence rules (§11) they all order by.
//
//   semver  strict SemVer 2.0.0, numbers of any size
//   npm     node-semver's loose grammar: leading [v=\s]*, leading zeros,
//           optional '-' before the prerelease, numbers <= 2^53-1
//   cargo   the Rust semver crate: strict, numbers <= 2^64-1, build metadata
//           breaks ties (the crate's Ord)
//   golang  golang.org/x/mod/semver: 'v' prefix (optional here, as OSV's Go
//           data omits it), vMAJOR and vMAJOR.MINOR shorthands
#ifndef SOUPKEEPER_SRC_VERSION_SEMVER_COMMON_H_
#define SOUPKEEPER_SRC_VERSION_SEMVER_COMMON_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "version/scheme_support.h"

namespace soupkeeper::version::internal {

struct SemverIdentifier {
  Span text;
  bool numeric = false;  // all ASCII digits
};

// A parsed SemVer-family version. Numeric spans have their leading zeros
// stripped (npm's loose grammar allows them). Neither copyable nor movable, so
// `text` may safely view `storage`.
struct SemverVersion : ParsedVersion {
  std::string storage;    // the text, when the version keeps its own copy
  std::string_view text;  // the input without surrounding whitespace
  Span major, minor, patch;
  InlineVector<SemverIdentifier, 4> pre;
  InlineVector<Span, 2> build;
};

// How one ecosystem spells SemVer.
struct SemverSyntax {
  std::string_view scheme;    // for error messages
  bool npm_loose = false;     // node-semver's loose grammar
  bool optional_v = false;    // an optional leading 'v'
  bool go_shorthand = false;  // vMAJOR and vMAJOR.MINOR with nothing after
  uint64_t max_number = UINT64_MAX;
  bool unlimited_numbers = false;  // numbers of any size (SemVer 2.0.0, Go)
};

// Parses `text` into *v. With `copy` v keeps its own copy of the text;
// without, v->text views `text` (except a completed Go shorthand), which must
// then outlive v.
Status ParseSemverInto(std::string_view text, const SemverSyntax& syntax, bool copy,
                       SemverVersion* v);
Result<std::unique_ptr<ParsedVersion>> ParseSemver(std::string_view text,
                                                   const SemverSyntax& syntax);
// Parses both texts on the stack, without allocating, and compares them with
// `compare`: VersionScheme::CompareText for the SemVer family.
Result<int> CompareSemverText(std::string_view a, std::string_view b, const SemverSyntax& syntax,
                              int (*compare)(const SemverVersion&, const SemverVersion&));
// SemVer 2.0.0 precedence: core numbers, then prerelease; build ignored.
int CompareSemverPrecedence(const SemverVersion& a, const SemverVersion& b);
// The Rust semver crate's order of build metadata (a tie-break after
// precedence): identifier by identifier, numeric before alphanumeric, numbers
// by value then by length (so 1 < 01), text by bytes, shorter first.
int CompareCargoBuild(const SemverVersion& a, const SemverVersion& b);

// "MAJOR.MINOR.PATCH[-PRE][+BUILD]" with numbers in decimal normal form.
// `build` false leaves the build metadata out.
std::string SemverText(const SemverVersion& v, bool build);

}  // namespace soupkeeper::version::internal

#endif  // SOUPKEEPER_SRC_VERSION_SEMVER_COMMON_H_
