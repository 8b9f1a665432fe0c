// `soupkeeper notify target add|list|remove`, `notify run` and `notify
// digest`: notifications of new KEV and critical findings and of overdue
// reviews and clocks (docs/parts/notifications.md).
//
// `notify run` posts what is pending to each webhook target and, with
// --digest FILE|-, writes the digest (text, or the payload JSON with --format
// json); each delivery is recorded so a re-run sends nothing new. It prints
// one line per target and exits 1 when a delivery failed (recorded, retried
// on the next run). --dry-run sends and records nothing. `notify digest`
// prints what is pending for the digest without recording it.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "command.h"
#include "soupkeeper/env.h"
#include "soupkeeper/notify.h"
#include "soupkeeper/triage.h"

namespace soupkeeper::cli {
namespace {

struct RunCliOptions {
  std::string digest;  // "" none, "-" stdout, else a file
  bool dry_run = false;
  std::string policy, as_of, reason;
};

int RunNotify(const Context& ctx, const RunCliOptions& o, const char* command) {
  auto store = OpenStore(ctx, command);
  if (!store.ok()) return Fail(store.status());
  notify::RunOptions options;
  options.as_of = o.as_of;
  options.dry_run = o.dry_run;
  if (!o.policy.empty()) {
    auto policy = triage::LoadPolicy(Env::Default(), o.policy);
    if (!policy.ok()) return Fail(policy.status());
    options.policy = *policy;
  }
  nlohmann::json digest_json;  // the digest for stdout in JSON mode
  if (!o.digest.empty()) {
    options.digest = [&](const std::vector<notify::Event>& events,
                         const nlohmann::json& payload) -> Status {
      const std::string text =
          ctx.json() ? payload.dump(2) + "\n"
                     : notify::DigestText(events, payload["as_of"].get<std::string>());
      if (o.digest != "-") return Env::Default()->WriteFile(o.digest, text);
      if (ctx.json()) {
        digest_json = payload;
      } else {
        std::cout << text;
      }
      return Status::Ok();
    };
  }
  auto report = notify::Run(**store, Env::Default(), {ctx.actor, o.reason}, options);
  if (!report.ok()) return Fail(report.status().WithContext(command));
  if (ctx.json()) {
    nlohmann::json deliveries = nlohmann::json::array();
    for (const auto& d : report->deliveries) deliveries.push_back(notify::ToJson(d));
    nlohmann::json out = {{"as_of", report->as_of}, {"at", report->at}, {"deliveries", deliveries}};
    if (!digest_json.is_null()) out["digest"] = digest_json;
    PrintJsonLine(out);
  } else if (o.digest != "-" || std::string(command) != "notify digest") {
    for (const auto& d : report->deliveries) {
      if (d.target == notify::kDigestTarget && o.digest == "-") continue;
      std::cout << notify::Line(d) << "\n";
    }
  }
  for (const auto& d : report->deliveries) {
    if (d.status == "failed") {
      std::cerr << "soupkeeper: " << command << ": delivery to '" << d.target
                << "' failed (recorded; retried on the next run): " << d.message << "\n";
    }
  }
  return report->failed() ? kExitCheckFailed : kExitOk;
}

void AddTargetCommands(CLI::App& group, Context& ctx) {
  auto* target = group.add_subcommand("target", "Webhook targets of `notify run`");
  target->require_subcommand(1);

  struct AddOptions {
    notify::Target target;
    std::string reason;
  };
  auto add_opts = std::make_shared<AddOptions>();
  auto* add = target->add_subcommand("add", "Add a webhook (the secret stays in its variable)");
  add->add_option("NAME", add_opts->target.name, "Target name (a-z, 0-9, . _ -)")->required();
  add->add_option("--webhook", add_opts->target.url, "URL the JSON payload is POSTed to")
      ->required();
  add->add_option("--secret-env", add_opts->target.secret_env,
                  "Environment variable holding the HMAC-SHA256 signing secret")
      ->type_name("VAR");
  add->add_option("--events", add_opts->target.events,
                  "Event kinds: kev, critical, review-overdue, clock-overdue (default: all)")
      ->delimiter(',')
      ->type_name("KIND,...");
  add->add_option("--reason", add_opts->reason, "Why, for the audit trail");
  add->callback([&ctx, add_opts] {
    ctx.action = [&ctx, add_opts] {
      auto store = OpenStore(ctx, "notify target add");
      if (!store.ok()) return Fail(store.status());
      Status s = notify::AddTarget(**store, add_opts->target, {ctx.actor, add_opts->reason});
      if (!s.ok()) return Fail(s.WithContext("notify target add"));
      auto targets = notify::ListTargets(**store);
      if (!targets.ok()) return Fail(targets.status());
      for (const auto& t : *targets) {
        if (t.name != add_opts->target.name) continue;
        if (ctx.json()) {
          PrintJsonLine(notify::ToJson(t));
        } else {
          std::cout << "added notify target " << t.name << " " << t.url << "\n";
        }
      }
      return kExitOk;
    };
  });

  auto* list = target->add_subcommand("list", "The configured targets");
  list->callback([&ctx] {
    ctx.action = [&ctx] {
      auto store = OpenStore(ctx, "notify target list");
      if (!store.ok()) return Fail(store.status());
      auto targets = notify::ListTargets(**store);
      if (!targets.ok()) return Fail(targets.status());
      nlohmann::json all = nlohmann::json::array();
      std::vector<std::vector<std::string>> rows = {{"NAME", "URL", "SECRET", "EVENTS"}};
      for (const auto& t : *targets) {
        all.push_back(notify::ToJson(t));
        std::string events;
        for (const auto& e : all.back()["events"])
          events += (events.empty() ? "" : ",") + e.get<std::string>();
        rows.push_back({t.name, t.url, t.secret_env.empty() ? "-" : "$" + t.secret_env, events});
      }
      if (ctx.json()) {
        PrintJsonLine(all);
      } else {
        PrintTable(rows);
      }
      return kExitOk;
    };
  });

  struct RemoveOptions {
    std::string name, reason;
  };
  auto rm_opts = std::make_shared<RemoveOptions>();
  auto* rm = target->add_subcommand("remove", "Remove a target (its delivery records stay)");
  rm->add_option("NAME", rm_opts->name, "Target name")->required();
  rm->add_option("--reason", rm_opts->reason, "Why, for the audit trail");
  rm->callback([&ctx, rm_opts] {
    ctx.action = [&ctx, rm_opts] {
      auto store = OpenStore(ctx, "notify target remove");
      if (!store.ok()) return Fail(store.status());
      Status s = notify::RemoveTarget(**store, rm_opts->name, {ctx.actor, rm_opts->reason});
      if (!s.ok()) return Fail(s.WithContext("notify target remove"));
      if (ctx.json()) {
        PrintJsonLine({{"removed", rm_opts->name}});
      } else {
        std::cout << "removed notify target " << rm_opts->name << "\n";
      }
      return kExitOk;
    };
  });
}

void AddClockOptions(CLI::App* cmd, RunCliOptions& o) {
  cmd->add_option("--policy", o.policy,
                  "Triage deadline policy (YAML), as `findings due --policy`");
  cmd->add_option("--as-of", o.as_of, "Date the clocks are read at (YYYY-MM-DD; default today)");
}

}  // namespace

void AddNotifyCommands(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand(
      "notify", "Notifications of KEV and critical findings, overdue reviews and clocks");
  group->require_subcommand(1);
  AddTargetCommands(*group, ctx);

  auto run_opts = std::make_shared<RunCliOptions>();
  auto* run = group->add_subcommand(
      "run", "Deliver pending events to every webhook (exit 1 when a delivery failed)");
  run->add_option("--digest", run_opts->digest, "Also write the digest to FILE, or - for stdout")
      ->type_name("FILE|-");
  run->add_flag("--dry-run", run_opts->dry_run, "Show what is pending; send and record nothing");
  AddClockOptions(run, *run_opts);
  run->add_option("--reason", run_opts->reason, "Why, for the audit trail");
  run->callback([&ctx, run_opts] {
    ctx.action = [&ctx, run_opts] { return RunNotify(ctx, *run_opts, "notify run"); };
  });

  auto digest_opts = std::make_shared<RunCliOptions>();
  auto* digest = group->add_subcommand(
      "digest", "Print the events pending for the digest (nothing sent or recorded)");
  AddClockOptions(digest, *digest_opts);
  digest->callback([&ctx, digest_opts] {
    ctx.action = [&ctx, digest_opts] {
      RunCliOptions o = *digest_opts;
      o.digest = "-";
      o.dry_run = true;
      return RunNotify(ctx, o, "notify digest");
    };
  });
}

}  // namespace soupkeeper::cli
