// The release gate (IEC 81001-5-1 §4.1.5, §5.2.3 with ISH1:2025, §6.2.1;
// IEC 62304 SOUP; FDA premarket V.A.4): checks the components of a release
// (or of an SBOM) against the SOUP inventory, the suppliers and the findings,
// rule by rule, and says whether the release may ship.
//
// Rules (stable ids; each has a severity error|warning|off, set by a policy):
//   assessment-missing            error    no approved (or approved-with-conditions)
//                                          assessment of the version dated on or
//                                          before the release date
//   category-missing              error    no risk-transfer category (or not in the
//                                          inventory at all)
//   disposition-missing           error    no security risk disposition (5.2.3
//                                          binds every category)
//   unsupported-without-controls  error    a required item, a version that is
//                                          no-longer-maintained/abandoned or whose end
//                                          of support is before the release date (or
//                                          the release's planned end of support), without
//                                          a risk with compensating controls and a
//                                          residual risk statement
//   support-missing               warning  a version without support level, or
//                                          without end-of-support date or justification
//   supplier-clauses              error    a custom-developed, security-impact item
//                                          whose supplier is unknown or lacks required
//                                          clauses (supplier::MissingClauses)
//   kev-unassessed                error    an open KEV finding of the release without
//                                          a triage decision beyond in_triage
//   reevaluation-open             warning  an open category re-evaluation
//
// Promises: the gate only reads; it writes nothing. Violations come in the
// order of the components, then of Rules(); KEV violations last.
//
// Example:
//   SK_ASSIGN_OR_RETURN(gate::Policy policy, gate::ParsePolicy(bytes, "gate.yaml"));
//   SK_ASSIGN_OR_RETURN(gate::Report r, gate::EvaluateRelease(*store, "pump", "2.3.0", policy));
//   for (const auto& line : gate::TextLines(r, false)) std::cout << line << "\n";
//   return r.errors() > 0 ? 1 : 0;
#ifndef SOUPKEEPER_GATE_H_
#define SOUPKEEPER_GATE_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/findings.h"
#include "soupkeeper/release.h"
#include "soupkeeper/status.h"
#include "soupkeeper/store.h"

namespace soupkeeper::gate {

enum class Severity { kOff, kWarning, kError };
// "off", "warning", "error".
std::string_view SeverityName(Severity severity);
// The inverse of SeverityName, else kInvalidArgument naming the allowed values.
Result<Severity> ParseSeverity(std::string_view text);

struct Rule {
  std::string_view id;
  Severity default_severity;
  std::string_view help;  // one sentence: what it checks and why
};
// The rules, in the order above.
const std::vector<Rule>& Rules();

// Rule id -> severity; rules not named keep their default.
struct Policy {
  std::map<std::string, Severity, std::less<>> severities;
  Severity Of(std::string_view rule) const;
};

// A YAML policy file:
//   rules:
//     support-missing: error
//     reevaluation-open: off
// kInvalidArgument "<source>: line N: ..." for bad YAML, an unknown key or
// rule, or a bad severity.
Result<Policy> ParsePolicy(std::string_view bytes, const std::string& source);
// ParsePolicy of the file at `path` (Env::Default()); the defaults when
// `path` is empty.
Result<Policy> ReadPolicy(const std::string& path);

struct Violation {
  std::string rule;
  Severity severity = Severity::kError;
  std::string key;        // the inventory key of the item
  std::string component;  // "name@version"
  std::string message;
};

struct Report {
  std::string as_of;  // the date the rules were checked on, YYYY-MM-DD
  int64_t components = 0;
  std::vector<Violation> violations;  // without the rules switched off
  int64_t errors() const;
  int64_t warnings() const;
};

// Checks `components` against the records as of `as_of` (YYYY-MM-DD), with
// the release's planned end of support `planned_end` ("" when none), and
// the open KEV findings in `kev` (unassessed while their triage state is untriaged or in_triage; a
// finding is keyed as its component of `components` with the same ordinal, else by its purl).
Result<Report> Evaluate(store::Store& store,
                        const std::vector<release::SnapshotComponent>& components,
                        std::string_view as_of, std::string_view planned_end,
                        const std::vector<findings::StoredFinding>& kev, const Policy& policy);

// Evaluate for a stored release, as of its release date (else the date it
// was created), with its planned end of support (config::SupportUntil) and
// its open KEV findings. kNotFound for an unknown release.
Result<Report> EvaluateRelease(store::Store& store, std::string_view product,
                               std::string_view version, const Policy& policy);

// A release::FreezeGate refusing the freeze (kFailedPrecondition with the
// Summary and one TextLines line each) when `report` has errors. The report
// is made before the freeze transaction (the gate reads through the store).
release::FreezeGate FreezeGateOf(const Report& report);

// "error[rule] component: message" per violation; with `github` also the
// GitHub Actions annotation "::error title=soupkeeper gate (rule)::component: message".
std::vector<std::string> TextLines(const Report& report, bool github);
// "gate passed: 6 components, 0 errors, 1 warning" / "gate failed: ...".
std::string Summary(const Report& report);
// {"as_of":..,"results":[{rule,severity,key,component,message}..],
//  "summary":{"components":N,"errors":N,"warnings":N,"passed":bool}}
nlohmann::json ToJson(const Report& report);
// A SARIF 2.1.0 log: the rules with ids and help, results with level and a
// logical location naming the component.
nlohmann::json ToSarif(const Report& report, std::string_view tool_version);

}  // namespace soupkeeper::gate

#endif  // SOUPKEEPER_GATE_H_
