// `soupkeeper findings list|show|refresh|due`: the findings kept per release
// and the clocks of their triage (triage.h).
//
// `release add` evaluates a new release and `feed import` re-evaluates every
// monitored release (only what the imported changes concern); `findings
// refresh` does it on demand (`--full` re-matches every component).
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>
#include <string>

#include "command.h"
#include "soupkeeper/findings.h"
#include "soupkeeper/triage.h"
#include "soupkeeper/vex.h"

namespace soupkeeper::cli {
namespace {

struct ListOptions {
  findings::Filter filter;
  std::string state;  // a triage state, "untriaged", or "" for all
  bool overdue = false;
  std::string policy;  // YAML policy file, "" for the defaults
};

struct DueOptions {
  std::string as_of;  // YYYY-MM-DD, "" for today
  std::string policy;
};

Result<triage::Policy> PolicyOf(const std::string& path) {
  if (path.empty()) return triage::Policy();
  return triage::LoadPolicy(Env::Default(), path);
}

std::string Today() { return FormatTime(Env::Default()->Now()).substr(0, 10); }

struct RefreshOptions {
  std::string product;
  std::string version;
  bool full = false;
  std::string reason;
};

std::string SeverityText(const findings::StoredFinding& f) {
  if (!f.score) return "-";
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << *f.score << " " << f.rating;
  return out.str();
}

int RunList(const Context& ctx, const ListOptions& o) {
  auto store = OpenStore(ctx, "findings list");
  if (!store.ok()) return Fail(store.status());
  auto found = findings::List(**store, o.filter);
  if (!found.ok()) return Fail(found.status().WithContext("findings list"));
  if (!o.state.empty() && o.state != "untriaged") {
    Status known = std::find(triage::States().begin(), triage::States().end(), o.state) !=
                           triage::States().end()
                       ? Status::Ok()
                       : InvalidArgument("findings list: unknown triage state '" + o.state +
                                         "' (allowed: untriaged, in_triage, exploitable, "
                                         "resolved, resolved_with_pedigree, false_positive, "
                                         "not_affected)");
    if (!known.ok()) return Fail(known);
  }
  auto states = triage::StatesOf(**store, *found);
  if (!states.ok()) return Fail(states.status().WithContext("findings list"));
  std::set<int64_t> overdue;
  if (o.overdue) {
    auto policy = PolicyOf(o.policy);
    if (!policy.ok()) return Fail(policy.status());
    auto due = triage::Due(**store, *policy, Today());
    if (!due.ok()) return Fail(due.status().WithContext("findings list"));
    for (const auto& item : *due) {
      if (item.overdue) overdue.insert(item.finding_id);
    }
  }
  std::vector<std::pair<const findings::StoredFinding*, std::string>> shown;
  for (size_t i = 0; i < found->size(); ++i) {
    if (!o.state.empty() && (*states)[i] != o.state) continue;
    if (o.overdue && !overdue.count((*found)[i].id)) continue;
    shown.emplace_back(&(*found)[i], (*states)[i]);
  }
  if (ctx.json()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [f, state] : shown) {
      out.push_back(findings::ToJson(*f));
      out.back()["triage_state"] = state;
    }
    PrintJsonLine(out);
    return kExitOk;
  }
  std::vector<std::vector<std::string>> rows = {{"ID", "PRODUCT", "RELEASE", "COMPONENT",
                                                 "VULNERABILITY", "SEVERITY", "KEV", "STATUS",
                                                 "TRIAGE", "FIRST SEEN", "WITHDRAWN"}};
  for (const auto& [f, state] : shown) {
    rows.push_back({std::to_string(f->id), f->product, f->release,
                    f->component_name + "@" + f->component_version, f->vulnerability,
                    SeverityText(*f), f->kev ? "yes" : "-", f->status, state, f->first_seen,
                    f->withdrawn_at.value_or("-")});
  }
  PrintTable(rows);
  std::cout << shown.size() << " findings\n";
  return kExitOk;
}

int RunShow(const Context& ctx, int64_t id) {
  auto store = OpenStore(ctx, "findings show");
  if (!store.ok()) return Fail(store.status());
  auto f = findings::Get(**store, id);
  if (!f.ok()) return Fail(f.status());
  auto history = findings::History(**store, id);
  if (!history.ok()) return Fail(history.status());
  auto supplier = vex::StatementsFor(**store, id);
  if (!supplier.ok()) return Fail(supplier.status());
  if (ctx.json()) {
    nlohmann::json out = findings::ToJson(*f);
    out["history"] = nlohmann::json::array();
    for (const auto& c : *history) out["history"].push_back(findings::ToJson(c));
    out["supplier_statements"] = nlohmann::json::array();
    for (const auto& s : *supplier) out["supplier_statements"].push_back(vex::ToJson(s));
    PrintJsonLine(out);
    return kExitOk;
  }
  std::cout << "finding " << f->id << ": " << f->vulnerability << " in " << f->component_name << "@"
            << f->component_version << " of " << f->product << " " << f->release << "\n"
            << "status:      " << f->status << (f->open() ? "" : " (withdrawn)") << ", confidence "
            << f->confidence << "\n"
            << "severity:    " << SeverityText(*f) << (f->kev ? ", in CISA KEV" : "") << "\n";
  if (!f->purl.empty()) std::cout << "purl:        " << f->purl << "\n";
  if (!f->cpe.empty()) std::cout << "cpe:         " << f->cpe << "\n";
  if (f->detail.contains("summary")) {
    std::cout << "summary:     " << f->detail["summary"].get<std::string>() << "\n";
  }
  std::cout << "first seen:  " << f->first_seen << "\nlast seen:   " << f->last_seen << "\n";
  if (f->withdrawn_at) std::cout << "withdrawn:   " << *f->withdrawn_at << "\n";
  for (const auto& e : f->detail.value("evidence", nlohmann::json::array())) {
    std::cout << "evidence:    " << e.value("matcher", "") << " " << e.value("source", "") << ":"
              << e.value("record_id", "") << " " << e.value("verdict", "") << ": "
              << e.value("reason", "") << "\n";
  }
  for (const auto& c : *history) {
    std::cout << "history:     " << c.at << " " << c.change
              << (c.cause_at.empty() ? "" : " (record changed " + c.cause_at + ")") << "\n";
  }
  for (const auto& s : *supplier) {
    std::cout << "supplier:    " << s.supplier << " says " << s.state
              << (s.justification.empty() ? "" : " (" + s.justification + ")")
              << (s.detail.empty() ? "" : ": " + s.detail) << " [" << s.source_format << " "
              << s.document_id << s.pointer << ", imported " << s.imported_at << "]\n";
  }
  return kExitOk;
}

void PrintEvaluations(const Context& ctx, const std::vector<findings::Evaluation>& evaluations) {
  if (ctx.json()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : evaluations) out.push_back(findings::ToJson(e));
    PrintJsonLine(out);
    return;
  }
  for (const auto& e : evaluations) std::cout << "findings: " << findings::Summary(e) << "\n";
}

int RunRefresh(const Context& ctx, const RefreshOptions& o) {
  auto store = OpenStore(ctx, "findings refresh");
  if (!store.ok()) return Fail(store.status());
  findings::EvaluateOptions options{o.full};
  store::Author author{ctx.actor, o.reason};
  auto done = triage::Monitor(**store, author, o.product, o.version, options);
  if (!done.ok()) return Fail(done.status().WithContext("findings refresh"));
  PrintEvaluations(ctx, *done);
  return kExitOk;
}

int RunDue(const Context& ctx, const DueOptions& o) {
  auto store = OpenStore(ctx, "findings due");
  if (!store.ok()) return Fail(store.status());
  auto policy = PolicyOf(o.policy);
  if (!policy.ok()) return Fail(policy.status());
  const std::string as_of = o.as_of.empty() ? Today() : o.as_of;
  auto due = triage::Due(**store, *policy, as_of);
  if (!due.ok()) return Fail(due.status().WithContext("findings due"));
  size_t overdue = std::count_if(due->begin(), due->end(), [](const auto& i) { return i.overdue; });
  if (ctx.json()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : *due) out.push_back(triage::ToJson(item));
    PrintJsonLine(out);
  } else {
    std::vector<std::vector<std::string>> rows = {{"DUE", "CLOCK", "FINDING", "PRODUCT", "RELEASE",
                                                   "COMPONENT", "VULNERABILITY", "SEVERITY",
                                                   "AWARE", "STATE"}};
    for (const auto& i : *due) {
      rows.push_back({i.due, i.clock, std::to_string(i.finding_id), i.product, i.release,
                      i.component, i.vulnerability, i.rating.empty() ? "-" : i.rating, i.aware,
                      i.overdue ? "overdue" : "due"});
    }
    PrintTable(rows);
    std::cout << due->size() << " open clocks, " << overdue << " overdue as of " << as_of << "\n";
  }
  return overdue == 0 ? kExitOk : kExitCheckFailed;
}

}  // namespace

void AddFindingsCommands(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand("findings", "Findings per release: list, show, refresh, due");
  group->require_subcommand(1);

  auto list_opts = std::make_shared<ListOptions>();
  auto* list = group->add_subcommand("list", "The findings of stored releases");
  list->add_option("--product", list_opts->filter.product, "Only this product");
  list->add_option("--release", list_opts->filter.release, "Only this release (needs --product)");
  list->add_option("--status", list_opts->filter.status, "open (default), withdrawn or all");
  list->add_option("--severity", list_opts->filter.min_rating,
                   "Only findings rated at least low|medium|high|critical");
  list->add_flag("--kev", list_opts->filter.kev_only, "Only findings in CISA KEV");
  list->add_option("--since", list_opts->filter.since,
                   "Only findings new (or restored) at or after TIME (RFC 3339 UTC)")
      ->type_name("TIME");
  list->add_option("--state", list_opts->state, "Only findings in this triage state, or untriaged");
  list->add_flag("--overdue", list_opts->overdue, "Only findings with an overdue clock");
  list->add_option("--policy", list_opts->policy, "Triage deadline policy (YAML) for --overdue");
  list->callback(
      [&ctx, list_opts] { ctx.action = [&ctx, list_opts] { return RunList(ctx, *list_opts); }; });

  auto id = std::make_shared<int64_t>(0);
  auto* show = group->add_subcommand("show", "One finding with its evidence and history");
  show->add_option("ID", *id, "The finding's id (from `findings list`)")->required();
  show->callback([&ctx, id] { ctx.action = [&ctx, id] { return RunShow(ctx, *id); }; });

  auto due_opts = std::make_shared<DueOptions>();
  auto* due = group->add_subcommand(
      "due", "Open triage, communication and remediation clocks (exit 1 when any is overdue)");
  due->add_option("--as-of", due_opts->as_of, "Date (YYYY-MM-DD; default today)");
  due->add_option("--policy", due_opts->policy, "Triage deadline policy (YAML)");
  due->callback(
      [&ctx, due_opts] { ctx.action = [&ctx, due_opts] { return RunDue(ctx, *due_opts); }; });

  auto refresh_opts = std::make_shared<RefreshOptions>();
  auto* refresh = group->add_subcommand(
      "refresh", "Re-evaluate the findings of every monitored release (or of one product/release)");
  refresh->add_option("PRODUCT", refresh_opts->product, "Only this product's releases");
  refresh->add_option("VERSION", refresh_opts->version, "Only this release");
  refresh->add_flag("--full", refresh_opts->full,
                    "Re-match every component, not only those changed records concern");
  refresh->add_option("--reason", refresh_opts->reason, "Why (recorded in the audit trail)");
  refresh->callback([&ctx, refresh_opts] {
    ctx.action = [&ctx, refresh_opts] { return RunRefresh(ctx, *refresh_opts); };
  });
}

}  // namespace soupkeeper::cli
