// `soupkeeper log show|verify`: the audit trail.
//
// `log show [--entity ENTITY] [--limit N]` prints events oldest first and
// then the head of the chain as "head SEQ:HASH", the form `log verify
// --anchor` takes, so users can record it elsewhere. `log verify` re-computes
// the chain and compares it with the stored rows, and re-hashes every stored
// SBOM snapshot (bytes and normalized components): exit 0 with "audit trail
// intact: N events, head SEQ HASH", or exit 1 with one line per problem.
#include <iostream>
#include <memory>
#include <string>

#include "command.h"
#include "soupkeeper/env.h"
#include "soupkeeper/findings.h"
#include "soupkeeper/release.h"
#include "soupkeeper/store.h"

namespace soupkeeper::cli {
namespace {

struct ShowOptions {
  std::string entity;
  size_t limit = 0;
};

nlohmann::json EventJson(const store::AuditEvent& e) {
  return {{"seq", e.seq},       {"time", e.time},
          {"actor", e.actor},   {"action", e.action},
          {"entity", e.entity}, {"change", nlohmann::json::parse(e.change, nullptr, false)},
          {"digest", e.digest}, {"prev_hash", e.prev_hash},
          {"hash", e.hash}};
}

int RunShow(const Context& ctx, const ShowOptions& o) {
  auto store = OpenStore(ctx, "log show");
  if (!store.ok()) return Fail(store.status());
  auto events = (*store)->Events({o.entity, o.limit});
  if (!events.ok()) return Fail(events.status());
  auto newest = (*store)->Events({"", 1});
  if (!newest.ok()) return Fail(newest.status());
  int64_t head_seq = newest->empty() ? 0 : newest->back().seq;
  std::string head_hash = newest->empty() ? std::string(store::kGenesisHash) : newest->back().hash;
  if (ctx.json()) {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& e : *events) all.push_back(EventJson(e));
    PrintJsonLine({{"events", all}, {"head", {{"seq", head_seq}, {"hash", head_hash}}}});
    return kExitOk;
  }
  for (const auto& e : *events) {
    std::cout << e.seq << "  " << e.time << "  " << e.actor << "  " << e.action << "  " << e.entity;
    std::string reason = e.Reason();
    if (!reason.empty()) std::cout << "  reason: " << reason;
    std::cout << "\n";
  }
  std::cout << "head " << head_seq << ":" << head_hash << "\n";
  return kExitOk;
}

int RunVerify(const Context& ctx, const std::string& anchor_text) {
  std::optional<store::Anchor> anchor;
  if (!anchor_text.empty()) {
    auto parsed = store::Anchor::Parse(anchor_text);
    if (!parsed.ok()) return Fail(parsed.status().WithContext("log verify --anchor"));
    anchor = *parsed;
  }
  auto store = OpenStore(ctx, "log verify");
  if (!store.ok()) return Fail(store.status());
  auto report = (*store)->Verify(anchor);
  if (!report.ok()) return Fail(report.status());
  // SBOM snapshots: their bytes and component rows are not audited row by
  // row; the audited snapshot row holds their digests, recomputed here.
  auto snapshots = release::CheckSnapshots(**store);
  if (!snapshots.ok()) return Fail(snapshots.status());
  report->problems.insert(report->problems.end(), snapshots->begin(), snapshots->end());
  // Finding rows: the audited evaluation row of each release holds their digest.
  auto findings = findings::CheckFindings(**store);
  if (!findings.ok()) return Fail(findings.status());
  report->problems.insert(report->problems.end(), findings->begin(), findings->end());
  if (ctx.json()) {
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& p : report->problems) {
      problems.push_back({{"kind", p.kind}, {"message", p.message}});
    }
    PrintJsonLine({{"intact", report->ok()},
                   {"events", report->events},
                   {"head", {{"seq", report->head_seq}, {"hash", report->head_hash}}},
                   {"problems", problems}});
  } else if (report->ok()) {
    std::cout << "audit trail intact: " << report->events << " events, head " << report->head_seq
              << " " << report->head_hash << "\n";
  } else {
    for (const auto& p : report->problems) std::cout << p.message << "\n";
    std::cerr << "soupkeeper: " << (*store)->name()
              << ": audit trail broken: " << report->problems.size() << " problem(s) in "
              << report->events << " events\n";
  }
  return report->ok() ? kExitOk : kExitCheckFailed;
}

}  // namespace

void AddLogCommands(CLI::App& app, Context& ctx) {
  auto* log = app.add_subcommand("log", "The audit trail: show events, verify the hash chain");
  log->require_subcommand(1);

  auto show_opts = std::make_shared<ShowOptions>();
  auto* show = log->add_subcommand("show", "Print audit events (oldest first) and the head");
  show->add_option("--entity", show_opts->entity,
                   "Only events about ENTITY, e.g. product:infusion-pump-controller");
  show->add_option("--limit", show_opts->limit, "Only the newest N events")
      ->type_name("N")
      ->check(CLI::PositiveNumber);
  show->callback(
      [&ctx, show_opts] { ctx.action = [&ctx, show_opts] { return RunShow(ctx, *show_opts); }; });

  auto anchor = std::make_shared<std::string>();
  auto* verify = log->add_subcommand(
      "verify", "Check the audit trail's hash chain and the rows it records (exit 1 if broken)");
  verify
      ->add_option("--anchor", *anchor,
                   "A head recorded elsewhere (SEQ:HASH from `log show`) the trail must contain")
      ->type_name("SEQ:HASH");
  verify->callback(
      [&ctx, anchor] { ctx.action = [&ctx, anchor] { return RunVerify(ctx, *anchor); }; });
}

}  // namespace soupkeeper::cli
