// Per-type purl rules: one table row per registered purl type.
//
// The rows transcribe package-url/purl-spec types/*-definition.json: namespace
// requirement, which components are case-insensitive (canonical form lower
// case), required qualifiers, and a few name rules that need code (see
// NameRule). tests/purl/type_rules_test.cc checks the table against the
// definition files of the corpus, so the two cannot drift apart silently.
// Private to src/purl.
#ifndef SOUPKEEPER_SRC_PURL_TYPE_RULES_H_
#define SOUPKEEPER_SRC_PURL_TYPE_RULES_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "soupkeeper/purl.h"

namespace soupkeeper::purl::internal {

enum class Requirement { kOptional, kRequired, kProhibited };

// Type-specific rules that a flag cannot express.
enum class NameRule {
  kNone,
  kPypi,             // '_' becomes '-'
  kPub,              // every character but [a-z0-9_] becomes '_'
  kCpan,             // no "::" in the name (a module, not a distribution);
                     // the namespace (CPAN author id) is upper case
  kChromeExtension,  // name ^[a-p]{32}$, version ^\d+(\.\d+){0,3}$
  kMlflow,           // name lower-cased when the registry is Databricks
  kGit,              // namespace is the host (one segment); the name is the
                     // repository path and may hold '/'
};

struct TypeRule {
  std::string_view type;
  Requirement namespace_requirement;
  bool namespace_lower;  // namespace case-insensitive: canonical lower case
  bool name_lower;
  bool version_lower;
  bool subpath_lower;
  std::string_view required_qualifier;  // "" when none
  NameRule name_rule;
};

// All rows, sorted by type.
std::span<const TypeRule> TypeRules();

// The row for a lower-case type, or nullptr for a type without a definition.
const TypeRule* FindTypeRule(std::string_view type);

// Which component a rule violation concerns, so the caller can say where.
enum class Component { kType, kNamespace, kName, kVersion, kQualifiers, kSubpath };

struct Violation {
  Component component;
  std::string message;  // e.g. "type 'swift' requires a namespace"
};

// Applies `rule` (may be nullptr) to the decoded components of `p` in place:
// case folding and name rules, then the checks. Idempotent.
std::optional<Violation> ApplyTypeRule(const TypeRule* rule, Purl* p);

}  // namespace soupkeeper::purl::internal

#endif  // SOUPKEEPER_SRC_PURL_TYPE_RULES_H_
