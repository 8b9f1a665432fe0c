// `soupkeeper findings list|show|refresh`: the findings kept per release.
//
// `release add` evaluates a new release and `feed import` re-evaluates every
// monitored release (only what the imported changes concern); `findings
// refresh` does it on demand (`--full` re-matches every component).
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "command.h"
#include "soupkeeper/findings.h"

namespace soupkeeper::cli {
namespace {

struct ListOptions {
  findings::Filter filter;
};

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
  if (ctx.json()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& f : *found) out.push_back(findings::ToJson(f));
    PrintJsonLine(out);
    return kExitOk;
  }
  std::vector<std::vector<std::string>> rows = {{"ID", "PRODUCT", "RELEASE", "COMPONENT",
                                                 "VULNERABILITY", "SEVERITY", "KEV", "STATUS",
                                                 "FIRST SEEN", "WITHDRAWN"}};
  for (const auto& f : *found) {
    rows.push_back({std::to_string(f.id), f.product, f.release,
                    f.component_name + "@" + f.component_version, f.vulnerability, SeverityText(f),
                    f.kev ? "yes" : "-", f.status, f.first_seen, f.withdrawn_at.value_or("-")});
  }
  std::vector<size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - row[i].size() + 2, ' ');
    }
    std::cout << line << "\n";
  }
  std::cout << found->size() << " findings\n";
  return kExitOk;
}

int RunShow(const Context& ctx, int64_t id) {
  auto store = OpenStore(ctx, "findings show");
  if (!store.ok()) return Fail(store.status());
  auto f = findings::Get(**store, id);
  if (!f.ok()) return Fail(f.status());
  auto history = findings::History(**store, id);
  if (!history.ok()) return Fail(history.status());
  if (ctx.json()) {
    nlohmann::json out = findings::ToJson(*f);
    out["history"] = nlohmann::json::array();
    for (const auto& c : *history) out["history"].push_back(findings::ToJson(c));
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
  Result<std::vector<findings::Evaluation>> done = std::vector<findings::Evaluation>();
  if (o.version.empty()) {
    done = findings::EvaluateAll(**store, author, o.product, options);
  } else {
    auto one = findings::Evaluate(**store, author, o.product, o.version, options);
    if (one.ok()) {
      done->push_back(std::move(*one));
    } else {
      done = one.status();
    }
  }
  if (!done.ok()) return Fail(done.status().WithContext("findings refresh"));
  PrintEvaluations(ctx, *done);
  return kExitOk;
}

}  // namespace

void AddFindingsCommands(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand("findings", "Findings per release: list, show, refresh");
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
  list->callback(
      [&ctx, list_opts] { ctx.action = [&ctx, list_opts] { return RunList(ctx, *list_opts); }; });

  auto id = std::make_shared<int64_t>(0);
  auto* show = group->add_subcommand("show", "One finding with its evidence and history");
  show->add_option("ID", *id, "The finding's id (from `findings list`)")->required();
  show->callback([&ctx, id] { ctx.action = [&ctx, id] { return RunShow(ctx, *id); }; });

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
