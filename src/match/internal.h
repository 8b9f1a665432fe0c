// Shared helpers of the matchers (not public API).
#ifndef SOUPKEEPER_SRC_MATCH_INTERNAL_H_
#define SOUPKEEPER_SRC_MATCH_INTERNAL_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/match.h"

namespace soupkeeper::match::internal {

// The version a component is matched at: the purl's version, else the
// component's version field.
std::string ComponentVersion(const ComponentView& c);

// The OSV affected entry as JSON evidence: the range with its events.
nlohmann::json RangeRule(const vuln::PackageAffected& a, size_t range_index);

// Evaluates the affected entries of `record` whose ecosystem is one of
// `ecosystems` and whose package name is `name` (or whose purl names the
// package `purl_key`) at `version`, appending one Evidence per entry.
void EvaluateAffected(const Record& record, const std::vector<std::string>& ecosystems,
                      const std::string& name, const std::string& purl_key,
                      const std::string& version, std::string_view matcher,
                      const nlohmann::json& fields, std::vector<Evidence>& out,
                      std::vector<std::string>& fixed);

// The bounds EvaluateAffected judges an affected entry by: its ranges, the
// ecosystem taken from its purl's type when it names none, and its listed
// versions as one range from the lowest to the highest (nullopt when the
// ecosystem has no scheme to order them or one does not parse).
std::optional<VersionBounds> AffectedBounds(const vuln::PackageAffected& a);

// The key an OSV affected entry is indexed under: "osv:<ecosystem>:<name>".
std::string OsvKey(std::string_view ecosystem, std::string_view name);
// The key of a package purl without version: "purl:pkg:type/ns/name".
std::string PurlKey(const purl::Purl& p);
// "cpe:<vendor>:<product>" (lower case, as CPE matching is case-insensitive).
std::string CpeKey(std::string_view vendor, std::string_view product);

// The package name as `ecosystem` compares it: PyPI's normalized (PEP 503),
// as the OSV schema defines; other ecosystems' as written (the name rules
// table in ecosystems.cc).
std::string NormalizeOsvName(std::string_view ecosystem, std::string_view name);

}  // namespace soupkeeper::match::internal

#endif  // SOUPKEEPER_SRC_MATCH_INTERNAL_H_
