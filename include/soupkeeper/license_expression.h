// SPDX license expressions (SPDX 2.3 Annex D, SPDX 3.0 Annex B): parse,
// validate and normalize.
//
// Grammar, with precedence from tightest: "+", WITH, AND, OR; parentheses
// group. Operators are recognized in any case ("and", "Or") and written back
// upper-case. Identifiers are idstrings ([A-Za-z0-9.-]+, plus an optional
// trailing "+"); "LicenseRef-x" and "DocumentRef-y:LicenseRef-x" name
// licenses outside the list, "AdditionRef-x" exceptions outside it (SPDX 3).
//
// Identifiers are checked against the SPDX license and exception lists
// generated at build time from Debian's node-spdx-license-ids and
// node-spdx-exceptions packages, case-insensitively as the spec says. An id
// missing from those lists is not an error (the lists grow; the packages may
// be older than the document): it is returned in `unknown_licenses` /
// `unknown_exceptions` for the caller to warn about. A syntax error is.
//
// Example:
//   Result<sbom::ParsedLicenseExpression> e =
//       sbom::ParseLicenseExpression("mit or (Apache-2.0 WITH LLVM-exception)");
//   e->canonical == "MIT OR (Apache-2.0 WITH LLVM-exception)"
#ifndef SOUPKEEPER_LICENSE_EXPRESSION_H_
#define SOUPKEEPER_LICENSE_EXPRESSION_H_

#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/status.h"

namespace soupkeeper::sbom {

struct LicenseExpression {
  enum class Kind {
    kLicense,  // a license id or LicenseRef, `id`, `or_later` for "+"
    kWith,     // operands[0] WITH `exception`
    kAnd,      // operands (two or more)
    kOr,       // operands (two or more)
  };
  Kind kind = Kind::kLicense;
  std::string id;  // listed ids in the list's spelling; refs as written
  bool or_later = false;
  std::string exception;
  std::vector<LicenseExpression> operands;
};

struct ParsedLicenseExpression {
  LicenseExpression tree;
  // The expression written back: listed ids in the list's case, operators
  // upper-case, single spaces, parentheses only where precedence needs them.
  std::string canonical;
  std::vector<std::string> unknown_licenses;    // ids as written, not in the list
  std::vector<std::string> unknown_exceptions;  // exception ids not in the list
  std::vector<std::string> deprecated;          // deprecated license ids used
  // True when the expression is one listed license id (no operator, no "+").
  bool single_listed_id = false;
};

// ParseError saying what is wrong and at which character (1-based column).
Result<ParsedLicenseExpression> ParseLicenseExpression(std::string_view text);

// The list spelling of a license / exception id, matched case-insensitively;
// "" when the id is not listed. Deprecated ids count as listed licenses.
std::string_view ListedLicenseId(std::string_view id);
std::string_view ListedExceptionId(std::string_view id);
bool IsDeprecatedLicenseId(std::string_view id);

}  // namespace soupkeeper::sbom

#endif  // SOUPKEEPER_LICENSE_EXPRESSION_H_
