// `soupkeeper triage FINDING_ID... --state STATE --detail TEXT [...]`: records
// one triage decision per (component identity, component version,
// vulnerability) key of the given findings; `triage FINDING_ID --history`
// shows the versions of the decision covering a finding.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "command.h"
#include "soupkeeper/triage.h"

namespace soupkeeper::cli {
namespace {

struct TriageOptions {
  std::vector<int64_t> ids;
  triage::Request request;
  std::string exploitation, utility, technical_impact, safety_impact;
  bool history = false;
  std::string reason;
};

void PrintDecision(const triage::Decision& d) {
  std::cout << "decision " << d.entity << " v" << d.version << ": " << d.state
            << (d.justification.empty() ? "" : " (" + d.justification + ")") << "\n";
  if (!d.responses.empty()) {
    std::string joined;
    for (const std::string& r : d.responses) joined += (joined.empty() ? "" : ", ") + r;
    std::cout << "  responses:   " << joined << "\n";
  }
  std::cout << "  detail:      " << d.detail << "\n";
  if (!d.risk_accepted_by.empty()) {
    std::cout << "  risk:        accepted by " << d.risk_accepted_by << " until " << d.risk_expires
              << "\n";
  }
  if (!d.fda_risk.empty()) {
    std::cout << "  FDA risk:    " << d.fda_risk << ": " << d.fda_rationale
              << (d.hazard.empty() ? "" : " (hazard " + d.hazard + ")") << "\n";
  }
  if (d.ssvc) {
    std::cout << "  SSVC:        " << d.ssvc_priority << " (exploitation " << d.ssvc->exploitation
              << ", utility " << d.ssvc->utility << ", technical impact "
              << d.ssvc->technical_impact << ", safety impact " << d.ssvc->safety_impact << ")\n";
  }
  if (!d.environmental_vector.empty()) {
    char score[16];
    std::snprintf(score, sizeof score, "%.1f", d.environmental_score.value_or(0.0));
    std::cout << "  device CVSS: " << score << " " << d.environmental_rating << " "
              << d.environmental_vector << "\n";
  }
  std::cout << "  aware:       " << d.aware << "\n";
  if (!d.communicated.empty()) std::cout << "  communicated: " << d.communicated << "\n";
  std::cout << "  decided:     " << d.decided_at << " by " << d.actor
            << (d.reason.empty() ? "" : " (" + d.reason + ")") << "\n";
  for (const triage::Covered& c : d.covers) {
    std::cout << "  covers:      finding " << c.finding_id << " (" << c.product << " " << c.release
              << ")\n";
  }
}

int RunHistory(const Context& ctx, const TriageOptions& o) {
  auto store = OpenStore(ctx, "triage");
  if (!store.ok()) return Fail(store.status());
  if (o.ids.size() != 1) return Fail(InvalidArgument("triage --history takes one finding id"));
  auto f = findings::Get(**store, o.ids[0]);
  if (!f.ok()) return Fail(f.status());
  auto history = triage::HistoryFor(**store, *f);
  if (!history.ok()) return Fail(history.status());
  if (ctx.json()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& d : *history) out.push_back(triage::ToJson(d));
    PrintJsonLine(out);
    return kExitOk;
  }
  if (history->empty()) std::cout << "finding " << f->id << ": untriaged\n";
  for (const auto& d : *history) PrintDecision(d);
  return kExitOk;
}

int RunTriage(const Context& ctx, TriageOptions o) {
  if (o.history) return RunHistory(ctx, o);
  auto store = OpenStore(ctx, "triage");
  if (!store.ok()) return Fail(store.status());
  o.request.finding_ids = o.ids;
  bool any_ssvc = !o.exploitation.empty() || !o.utility.empty() || !o.technical_impact.empty() ||
                  !o.safety_impact.empty();
  if (any_ssvc) {
    if (o.exploitation.empty() || o.utility.empty() || o.technical_impact.empty() ||
        o.safety_impact.empty()) {
      return Fail(
          InvalidArgument("triage: SSVC needs all of --ssvc-exploitation, --ssvc-utility, "
                          "--ssvc-technical-impact and --ssvc-safety-impact"));
    }
    o.request.ssvc = triage::Ssvc{o.exploitation, o.utility, o.technical_impact, o.safety_impact};
  }
  auto decided = triage::Decide(**store, {ctx.actor, o.reason}, o.request);
  if (!decided.ok()) return Fail(decided.status().WithContext("triage"));
  if (ctx.json()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& d : *decided) out.push_back(triage::ToJson(d));
    PrintJsonLine(out);
    return kExitOk;
  }
  for (const auto& d : *decided) PrintDecision(d);
  return kExitOk;
}

}  // namespace

void AddTriageCommands(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<TriageOptions>();
  auto* cmd =
      app.add_subcommand("triage",
                         "Record a triage decision for findings (one per component version and "
                         "vulnerability, for every release shipping it)");
  cmd->add_option("FINDING_ID", o->ids, "Finding ids (from `findings list`)")->required();
  cmd->add_option("--state", o->request.state,
                  "in_triage|exploitable|resolved|resolved_with_pedigree|false_positive|"
                  "not_affected");
  cmd->add_option("--justification", o->request.justification,
                  "Why not affected (CycloneDX 1.6), required for not_affected");
  cmd->add_option("--response", o->request.responses,
                  "can_not_fix|will_not_fix|update|rollback|workaround_available (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--detail", o->request.detail, "What was found out");
  cmd->add_option("--risk-accepted-by", o->request.risk_accepted_by, "Who accepts the risk");
  cmd->add_option("--risk-expires", o->request.risk_expires, "Until when (YYYY-MM-DD)");
  cmd->add_option("--fda-risk", o->request.fda_risk, "controlled|uncontrolled");
  cmd->add_option("--fda-rationale", o->request.fda_rationale, "Why the risk is (un)controlled");
  cmd->add_option("--hazard", o->request.hazard, "ISO 14971 hazard reference");
  cmd->add_option("--ssvc-exploitation", o->exploitation, "none|public-poc|active");
  cmd->add_option("--ssvc-utility", o->utility, "laborious|efficient|super-effective");
  cmd->add_option("--ssvc-technical-impact", o->technical_impact, "partial|total");
  cmd->add_option("--ssvc-safety-impact", o->safety_impact,
                  "negligible|marginal|critical|catastrophic");
  cmd->add_option("--environmental-vector", o->request.environmental_vector,
                  "Device-context CVSS vector (e.g. CVSS:3.1/...)");
  cmd->add_option("--aware", o->request.aware,
                  "Awareness date (YYYY-MM-DD; default: first seen of the earliest finding)");
  cmd->add_option("--communicated", o->request.communicated,
                  "Date customers were told (YYYY-MM-DD; closes the communication clock)");
  cmd->add_flag("--history", o->history, "Show the versions of the decision covering a finding");
  cmd->add_option("--reason", o->reason, "Why (recorded in the audit trail)");
  cmd->callback([&ctx, o] { ctx.action = [&ctx, o] { return RunTriage(ctx, *o); }; });
}

}  // namespace soupkeeper::cli
