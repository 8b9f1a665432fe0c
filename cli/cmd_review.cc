// `soupkeeper review start|show|defer|complete|due|list`: periodic reviews of
// a product's findings, advisories and feeds (IEC 81001-5-1 §6.2.1).
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "command.h"
#include "soupkeeper/triage.h"

namespace soupkeeper::cli {
namespace {

struct ReviewOptions {
  std::string product;
  std::vector<int64_t> ids;
  std::string until, reviewer, notes, as_of, reason;
};

void PrintReview(const triage::Review& r) {
  std::cout << "review " << r.number << " of " << r.product << ": " << r.status << ", started "
            << r.started_at << ", changes since " << (r.since.empty() ? "the beginning" : r.since)
            << "\n";
  const nlohmann::json& c = r.contents;
  for (const auto& f : c.value("findings", nlohmann::json::array())) {
    std::string changes;
    for (const auto& ch : f["changes"]) {
      changes += (changes.empty() ? "" : ", ") + ch.value("change", "");
    }
    std::cout << "  finding " << f.value("finding_id", int64_t{0}) << ": "
              << f.value("vulnerability", "") << " in " << f.value("component", "") << " ("
              << f.value("release", "") << "): " << changes << "\n";
  }
  for (const auto& a : c.value("advisories", nlohmann::json::array())) {
    std::cout << "  advisory " << a.value("identity", "") << ": " << a.value("source", "") << ":"
              << a.value("source_id", "") << " " << a.value("change", "") << " "
              << a.value("at", "") << "\n";
  }
  for (const auto& k : c.value("kev", nlohmann::json::array())) {
    std::cout << "  KEV " << k.value("cve", "") << " added " << k.value("date_added", "") << "\n";
  }
  for (const auto& s : c.value("feeds", nlohmann::json::array())) {
    std::cout << "  feed " << s.value("source", "") << ": last import "
              << s.value("last_import", "") << ", newest modified "
              << s.value("newest_modified", "") << (s.value("stale", false) ? " (stale)" : "")
              << "\n";
  }
  for (const auto& d : r.deferrals) {
    std::cout << "  deferred finding " << d.finding_id << " until " << d.until << ": " << d.reason
              << " (" << d.actor << ")\n";
  }
  if (r.status == "completed") {
    std::cout << "  completed " << r.completed_at << " by " << r.reviewer
              << (r.notes.empty() ? "" : ": " + r.notes) << "; next due " << r.next_due << "\n";
  }
}

int Print(const Context& ctx, const Result<triage::Review>& r, std::string_view command) {
  if (!r.ok()) return Fail(r.status().WithContext(command));
  if (ctx.json()) {
    PrintJsonLine(triage::ToJson(*r));
  } else {
    PrintReview(*r);
  }
  return kExitOk;
}

int RunStart(const Context& ctx, const ReviewOptions& o) {
  auto store = OpenStore(ctx, "review start");
  if (!store.ok()) return Fail(store.status());
  return Print(ctx, triage::StartReview(**store, {ctx.actor, o.reason}, o.product), "review start");
}

int RunShow(const Context& ctx, const ReviewOptions& o) {
  auto store = OpenStore(ctx, "review show");
  if (!store.ok()) return Fail(store.status());
  return Print(ctx, triage::ShowReview(**store, o.product), "review show");
}

int RunDefer(const Context& ctx, const ReviewOptions& o) {
  auto store = OpenStore(ctx, "review defer");
  if (!store.ok()) return Fail(store.status());
  return Print(ctx,
               triage::DeferInReview(**store, {ctx.actor, o.reason}, o.product, o.ids, o.until),
               "review defer");
}

int RunComplete(const Context& ctx, const ReviewOptions& o) {
  auto store = OpenStore(ctx, "review complete");
  if (!store.ok()) return Fail(store.status());
  // Undecided findings are a failed check (exit 1), not bad usage.
  auto open = triage::ShowReview(**store, o.product);
  if (open.ok() && open->status == "open") {
    auto undecided = triage::Undecided(**store, *open);
    if (!undecided.ok()) return Fail(undecided.status().WithContext("review complete"));
    if (!undecided->empty()) {
      std::string ids;
      for (int64_t id : *undecided) ids += (ids.empty() ? "" : ", ") + std::to_string(id);
      std::cerr << "soupkeeper: review complete: review " << open->number << " of " << o.product
                << ": findings without a triage decision or deferral: " << ids << "\n";
      return kExitCheckFailed;
    }
  }
  auto done =
      triage::CompleteReview(**store, {ctx.actor, o.reason}, o.product, o.reviewer, o.notes);
  return Print(ctx, done, "review complete");
}

int RunList(const Context& ctx, const ReviewOptions& o) {
  auto store = OpenStore(ctx, "review list");
  if (!store.ok()) return Fail(store.status());
  auto reviews = triage::ListReviews(**store, o.product);
  if (!reviews.ok()) return Fail(reviews.status().WithContext("review list"));
  if (ctx.json()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : *reviews) out.push_back(triage::ToJson(r));
    PrintJsonLine(out);
    return kExitOk;
  }
  std::vector<std::vector<std::string>> rows = {
      {"NUMBER", "STATUS", "STARTED", "COMPLETED", "REVIEWER", "FINDINGS", "NEXT DUE"}};
  for (const auto& r : *reviews) {
    rows.push_back({std::to_string(r.number), r.status, r.started_at,
                    r.completed_at.empty() ? "-" : r.completed_at,
                    r.reviewer.empty() ? "-" : r.reviewer, std::to_string(r.finding_ids().size()),
                    r.next_due.empty() ? "-" : r.next_due});
  }
  PrintTable(rows);
  std::cout << reviews->size() << " reviews\n";
  return kExitOk;
}

int RunDue(const Context& ctx, const ReviewOptions& o) {
  auto store = OpenStore(ctx, "review due");
  if (!store.ok()) return Fail(store.status());
  std::string as_of = o.as_of.empty() ? FormatTime(Env::Default()->Now()).substr(0, 10) : o.as_of;
  auto due = triage::ReviewsDue(**store, as_of);
  if (!due.ok()) return Fail(due.status().WithContext("review due"));
  if (ctx.json()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& d : *due) out.push_back(triage::ToJson(d));
    PrintJsonLine(out);
  } else {
    for (const auto& d : *due) {
      std::cout << d.product << ": "
                << (d.last_completed.empty()
                        ? "never reviewed"
                        : "last review " + d.last_completed + ", due " + d.next_due)
                << (d.overdue ? " (overdue)" : "") << "\n";
    }
    std::cout << due->size() << " products due for review as of " << as_of << "\n";
  }
  return due->empty() ? kExitOk : kExitCheckFailed;
}

CLI::App* Product(CLI::App* cmd, ReviewOptions& o) {
  cmd->add_option("PRODUCT", o.product, "The product")->required();
  return cmd;
}

}  // namespace

void AddReviewCommands(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand("review", "Periodic reviews of a product (IEC 81001-5-1 6.2.1)");
  group->require_subcommand(1);
  auto o = std::make_shared<ReviewOptions>();
  auto bind = [&ctx, o](CLI::App* cmd, int (*run)(const Context&, const ReviewOptions&)) {
    cmd->callback([&ctx, o, run] { ctx.action = [&ctx, o, run] { return run(ctx, *o); }; });
  };

  auto* start = Product(group->add_subcommand("start", "Open a review of what changed"), *o);
  start->add_option("--reason", o->reason, "Why (recorded in the audit trail)");
  bind(start, RunStart);
  bind(Product(group->add_subcommand("show", "The open (else the latest) review"), *o), RunShow);

  auto* defer = Product(group->add_subcommand("defer", "Defer findings of the open review"), *o);
  defer->add_option("FINDING_ID", o->ids, "Finding ids")->required();
  defer->add_option("--until", o->until, "Until when (YYYY-MM-DD)")->required();
  defer->add_option("--reason", o->reason, "Why (required)")->required();
  bind(defer, RunDefer);

  auto* complete = Product(group->add_subcommand("complete", "Complete the open review"), *o);
  complete->add_option("--reviewer", o->reviewer, "Who reviewed")->required();
  complete->add_option("--notes", o->notes, "Review notes");
  complete->add_option("--reason", o->reason, "Why (recorded in the audit trail)");
  bind(complete, RunComplete);

  bind(Product(group->add_subcommand("list", "The reviews of a product"), *o), RunList);

  auto* due = group->add_subcommand("due", "Products whose next review is due (exit 1 when any)");
  due->add_option("--as-of", o->as_of, "Date (YYYY-MM-DD; default today)");
  bind(due, RunDue);
}

}  // namespace soupkeeper::cli
