// The release gate: rules over the inventory, suppliers and findings.
#include "soupkeeper/gate.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "soupkeeper/config_item.h"
#include "soupkeeper/env.h"
#include "soupkeeper/inventory.h"
#include "soupkeeper/supplier.h"
#include "soupkeeper/triage.h"

namespace soupkeeper::gate {
namespace {

constexpr std::string_view kSeverityNames[] = {"off", "warning", "error"};

int LineOf(const YAML::Node& n) { return std::max(1, n.Mark().line + 1); }

Status PolicyError(const std::string& source, int line, const std::string& what) {
  return InvalidArgument(source + ": line " + std::to_string(line) + ": " + what);
}

std::string RuleIds() {
  std::string out;
  for (const Rule& r : Rules()) out += (out.empty() ? "" : ", ") + std::string(r.id);
  return out;
}

bool Approved(const inventory::Assessment& a) {
  return a.decision == "approved" || a.decision == "approved-with-conditions";
}

bool HasControls(const inventory::SecurityRisk& r) {
  return !r.controls.empty() && !r.residual.empty();
}

// Collects the violations of one component, dropping rules switched off.
class Checker {
 public:
  Checker(const Policy& policy, Report& report) : policy_(policy), report_(report) {}
  void Add(std::string_view rule, const std::string& key, const std::string& component,
           std::string message) {
    Severity s = policy_.Of(rule);
    if (s == Severity::kOff) return;
    report_.violations.push_back({std::string(rule), s, key, component, std::move(message)});
  }

 private:
  const Policy& policy_;
  Report& report_;
};

// Why a version owes compensating controls, "" when it does not.
std::string WhyUnsupported(const inventory::Item& item, const inventory::Version* version,
                           std::string_view as_of, std::string_view planned_end) {
  if (version != nullptr &&
      (version->support_level == "no-longer-maintained" || version->support_level == "abandoned")) {
    return "version is " + version->support_level;
  }
  if (version != nullptr && version->end_of_support && *version->end_of_support < as_of) {
    return "end of support " + *version->end_of_support + " is before " + std::string(as_of);
  }
  if (version != nullptr && version->end_of_support && *version->end_of_support < planned_end) {
    return "end of support " + *version->end_of_support +
           " is before the release's planned end of support " + std::string(planned_end);
  }
  if (item.category == inventory::Category::kRequired) return "item is in category required";
  return "";
}

Status CheckComponent(store::Store& store, const release::SnapshotComponent& c,
                      std::string_view as_of, std::string_view planned_end,
                      const std::vector<inventory::Reevaluation>& open, Checker& check) {
  const std::string key = inventory::KeyOf(c);
  const std::string who = c.name + "@" + c.version;
  auto item = inventory::Get(store, key);
  if (!item.ok() && item.status().code() != StatusCode::kNotFound) return item.status();
  std::vector<inventory::Assessment> assessments;
  if (item.ok()) {
    SK_ASSIGN_OR_RETURN(assessments, inventory::Assessments(store, key));
  }
  bool approved = std::any_of(assessments.begin(), assessments.end(), [&](const auto& a) {
    return a.version == c.version && Approved(a) && a.date <= as_of;
  });
  if (!approved) {
    check.Add("assessment-missing", key, who,
              "no approved assessment of version " + c.version + " dated on or before " +
                  std::string(as_of));
  }
  if (!item.ok()) {
    check.Add("category-missing", key, who, "not in the SOUP inventory (" + key + ")");
    return Status::Ok();
  }
  if (!item->category) check.Add("category-missing", key, who, "no risk-transfer category");
  SK_ASSIGN_OR_RETURN(std::vector<inventory::SecurityRisk> risks, inventory::Risks(store, key));
  if (risks.empty()) check.Add("disposition-missing", key, who, "no security risk disposition");
  SK_ASSIGN_OR_RETURN(std::vector<inventory::Version> versions, inventory::Versions(store, key));
  auto v = std::find_if(versions.begin(), versions.end(),
                        [&](const inventory::Version& x) { return x.version == c.version; });
  const inventory::Version* version = v == versions.end() ? nullptr : &*v;
  std::string why = WhyUnsupported(*item, version, as_of, planned_end);
  if (!why.empty() && std::none_of(risks.begin(), risks.end(), HasControls)) {
    check.Add("unsupported-without-controls", key, who,
              why + "; no security risk with compensating controls and a residual risk");
  }
  if (version == nullptr || version->support_level.empty()) {
    check.Add("support-missing", key, who, "no support level");
  } else if (!version->end_of_support && version->end_of_support_justification.empty()) {
    check.Add("support-missing", key, who, "no end-of-support date or justification");
  }
  if (item->custom_developed && item->security_impact) {
    auto s = item->supplier.empty() ? Result<supplier::Supplier>(NotFound("no supplier"))
                                    : supplier::Get(store, item->supplier);
    if (!s.ok() && s.status().code() != StatusCode::kNotFound) return s.status();
    if (!s.ok()) {
      check.Add("supplier-clauses", key, who,
                item->supplier.empty() ? "custom-developed with security impact, but no supplier"
                                       : "supplier '" + item->supplier + "' is unknown");
    } else {
      std::string missing;
      for (const auto& m : supplier::MissingClauses(*s)) {
        missing += (missing.empty() ? "" : "; ") + m.ToString();
      }
      if (!missing.empty()) {
        check.Add("supplier-clauses", key, who,
                  "supplier '" + item->supplier + "' lacks clauses: " + missing);
      }
    }
  }
  for (const auto& r : open) {
    if (r.item_key != key) continue;
    check.Add("reevaluation-open", key, who,
              "category re-evaluation #" + std::to_string(r.number) + " (" +
                  std::string(inventory::CategoryName(r.from)) + " -> " +
                  std::string(inventory::CategoryName(r.to)) + ") is open since " + r.opened_at);
  }
  return Status::Ok();
}

int64_t CountOf(const Report& report, Severity severity) {
  return std::count_if(report.violations.begin(), report.violations.end(),
                       [&](const Violation& v) { return v.severity == severity; });
}

std::string Plural(int64_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

}  // namespace

std::string_view SeverityName(Severity severity) {
  return kSeverityNames[static_cast<int>(severity)];
}

Result<Severity> ParseSeverity(std::string_view text) {
  for (int i = 0; i < 3; ++i) {
    if (text == kSeverityNames[i]) return static_cast<Severity>(i);
  }
  return InvalidArgument("severity '" + std::string(text) + "' is not error, warning or off");
}

const std::vector<Rule>& Rules() {
  static const std::vector<Rule> rules = {
      {"assessment-missing", Severity::kError,
       "Every SOUP version needs an approved pre-adoption assessment dated on or before the "
       "release date (IEC 81001-5-1 5.2.3 with ISH1:2025, IEC 62304 SOUP)."},
      {"category-missing", Severity::kError,
       "Every SOUP item needs a risk-transfer category: maintained, supported or required "
       "(ISH1:2025 4.3)."},
      {"disposition-missing", Severity::kError,
       "Every SOUP item needs a security risk disposition (ISH1:2025 5.2.3 binds all "
       "categories)."},
      {"unsupported-without-controls", Severity::kError,
       "A required item, or a version no longer maintained, abandoned or past its end of "
       "support, needs a security risk with compensating controls and a residual risk "
       "statement."},
      {"support-missing", Severity::kWarning,
       "Every SOUP version needs a support level and an end-of-support date or justification "
       "(FDA premarket guidance V.A.4)."},
      {"supplier-clauses", Severity::kError,
       "A custom-developed item with security impact needs a known supplier whose quality "
       "agreement has the required security clauses (IEC 81001-5-1 4.1.5)."},
      {"kev-unassessed", Severity::kError,
       "An open finding in CISA's Known Exploited Vulnerabilities catalog needs a triage "
       "decision before release (IEC 81001-5-1 6.2.1)."},
      {"reevaluation-open", Severity::kWarning,
       "A downgraded category opens a re-evaluation; it is closed by a new assessment."},
  };
  return rules;
}

Severity Policy::Of(std::string_view rule) const {
  if (auto it = severities.find(rule); it != severities.end()) return it->second;
  for (const Rule& r : Rules()) {
    if (r.id == rule) return r.default_severity;
  }
  return Severity::kOff;
}

Result<Policy> ParsePolicy(std::string_view bytes, const std::string& source) {
  Policy policy;
  try {
    YAML::Node root = YAML::Load(std::string(bytes));
    if (!root.IsMap()) return PolicyError(source, LineOf(root), "expected a mapping with 'rules'");
    for (const auto& top : root) {
      const std::string name = top.first.as<std::string>();
      if (name != "rules") {
        return PolicyError(source, LineOf(top.first),
                           "unknown key '" + name + "' (expected rules)");
      }
      if (!top.second.IsMap()) {
        return PolicyError(source, LineOf(top.second),
                           "rules: expected a mapping rule -> severity");
      }
      for (const auto& entry : top.second) {
        const std::string id = entry.first.as<std::string>();
        bool known =
            std::any_of(Rules().begin(), Rules().end(), [&](const Rule& r) { return r.id == id; });
        if (!known) {
          return PolicyError(source, LineOf(entry.first),
                             "unknown rule '" + id + "' (rules: " + RuleIds() + ")");
        }
        if (!entry.second.IsScalar()) {
          return PolicyError(source, LineOf(entry.second), id + ": expected error, warning or off");
        }
        auto severity = ParseSeverity(entry.second.as<std::string>());
        if (!severity.ok()) {
          return PolicyError(source, LineOf(entry.second), id + ": " + severity.status().message());
        }
        policy.severities[id] = *severity;
      }
    }
  } catch (const YAML::Exception& e) {
    return PolicyError(source, std::max(1, e.mark.line + 1), "not valid YAML: " + e.msg);
  }
  return policy;
}

Result<Policy> ReadPolicy(const std::string& path) {
  if (path.empty()) return Policy{};
  SK_ASSIGN_OR_RETURN(std::string bytes, Env::Default()->ReadFile(path));
  return ParsePolicy(bytes, path);
}

int64_t Report::errors() const { return CountOf(*this, Severity::kError); }
int64_t Report::warnings() const { return CountOf(*this, Severity::kWarning); }

Result<Report> Evaluate(store::Store& store,
                        const std::vector<release::SnapshotComponent>& components,
                        std::string_view as_of, std::string_view planned_end,
                        const std::vector<findings::StoredFinding>& kev, const Policy& policy) {
  SK_RETURN_IF_ERROR(ValidateDate("as-of date", as_of));
  Report report;
  report.as_of = std::string(as_of);
  report.components = static_cast<int64_t>(components.size());
  Checker check(policy, report);
  SK_ASSIGN_OR_RETURN(std::vector<inventory::Reevaluation> open,
                      inventory::Reevaluations(store, {}, /*open_only=*/true));
  for (const auto& c : components)
    SK_RETURN_IF_ERROR(CheckComponent(store, c, as_of, planned_end, open, check));
  // A KEV finding is assessed once its triage decision is more than
  // "in_triage".
  SK_ASSIGN_OR_RETURN(std::vector<std::string> states, triage::StatesOf(store, kev));
  for (size_t i = 0; i < kev.size(); ++i) {
    const findings::StoredFinding& f = kev[i];
    if (!f.kev || !f.open() || (states[i] != "untriaged" && states[i] != "in_triage")) continue;
    auto c = std::find_if(components.begin(), components.end(),
                          [&](const auto& x) { return x.ordinal == f.component_ordinal; });
    check.Add("kev-unassessed", c == components.end() ? f.purl : inventory::KeyOf(*c),
              f.component_name + "@" + f.component_version,
              f.vulnerability + " is in KEV and has no triage decision");
  }
  return report;
}

Result<Report> EvaluateRelease(store::Store& store, std::string_view product,
                               std::string_view version, const Policy& policy) {
  SK_ASSIGN_OR_RETURN(release::Release r, release::Get(store, product, version));
  SK_ASSIGN_OR_RETURN(release::SbomSnapshot snapshot, release::Snapshot(store, r.sbom_sha256));
  findings::Filter filter{.product = std::string(product), .release = std::string(version)};
  filter.kev_only = true;
  SK_ASSIGN_OR_RETURN(std::vector<findings::StoredFinding> kev, findings::List(store, filter));
  SK_ASSIGN_OR_RETURN(std::optional<std::string> planned_end,
                      config::SupportUntil(store, product, version));
  std::string as_of = r.release_date ? *r.release_date : r.created_at.substr(0, 10);
  return Evaluate(store, snapshot.components, as_of, planned_end.value_or(""), kev, policy);
}

release::FreezeGate FreezeGateOf(const Report& report) {
  return [report](store::Txn&, const release::Release& r) -> Status {
    if (report.errors() == 0) return Status::Ok();
    std::string message = "release " + r.product + " " + r.version + ": " + Summary(report);
    for (const std::string& line : TextLines(report, false)) message += "\n  " + line;
    return FailedPrecondition(message);
  };
}

std::vector<std::string> TextLines(const Report& report, bool github) {
  std::vector<std::string> lines;
  for (const Violation& v : report.violations) {
    const std::string severity(SeverityName(v.severity));
    lines.push_back(severity + "[" + v.rule + "] " + v.component + ": " + v.message);
    if (github) {
      lines.push_back("::" + severity + " title=soupkeeper gate (" + v.rule + ")::" + v.component +
                      ": " + v.message);
    }
  }
  return lines;
}

std::string Summary(const Report& report) {
  return std::string(report.errors() > 0 ? "gate failed: " : "gate passed: ") +
         Plural(report.components, "component") + ", " + Plural(report.errors(), "error") + ", " +
         Plural(report.warnings(), "warning") + " (as of " + report.as_of + ")";
}

nlohmann::json ToJson(const Report& report) {
  nlohmann::json results = nlohmann::json::array();
  for (const Violation& v : report.violations) {
    results.push_back({{"rule", v.rule},
                       {"severity", SeverityName(v.severity)},
                       {"key", v.key},
                       {"component", v.component},
                       {"message", v.message}});
  }
  return {{"as_of", report.as_of},
          {"results", results},
          {"summary",
           {{"components", report.components},
            {"errors", report.errors()},
            {"warnings", report.warnings()},
            {"passed", report.errors() == 0}}}};
}

nlohmann::json ToSarif(const Report& report, std::string_view tool_version) {
  nlohmann::json rules = nlohmann::json::array();
  for (const Rule& r : Rules()) {
    rules.push_back(
        {{"id", r.id},
         {"shortDescription", {{"text", r.help}}},
         {"help", {{"text", r.help}}},
         {"defaultConfiguration",
          {{"level",
            r.default_severity == Severity::kOff ? "none" : SeverityName(r.default_severity)}}}});
  }
  nlohmann::json results = nlohmann::json::array();
  for (const Violation& v : report.violations) {
    results.push_back(
        {{"ruleId", v.rule},
         {"level", SeverityName(v.severity)},
         {"message", {{"text", v.component + ": " + v.message}}},
         {"locations",
          {{{"logicalLocations",
             {{{"name", v.component}, {"fullyQualifiedName", v.key}, {"kind", "module"}}}}}}}});
  }
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs",
           {{{"tool",
              {{"driver",
                {{"name", "soupkeeper gate"},
                 {"version", tool_version},
                 {"informationUri", "https://github.com/soupkeeper/soupkeeper"},
                 {"rules", rules}}}}},
             {"results", results}}}}};
}

}  // namespace soupkeeper::gate
