// `soupkeeper feed import|status|show|sync`: the vulnerability knowledge base.
//
// `feed import PATH...` imports files, folders and archives in one batch and
// prints per source: read, new, changed, unchanged, withdrawn, errors. Every
// rejected file or record is one line on stderr naming the file and the
// place; the good records are committed and the exit code is 2 when anything
// was rejected. `feed status` shows per source the record counts, the last
// import, the newest modified time and whether the source is stale against
// the cadence. `feed show ID` prints every source's record of a
// vulnerability (by any of its ids) and its history.
//
// `feed source add|list|remove` configures online sources and `feed sync
// [SOURCE...]` fetches them (docs/parts/feed-sync.md): one summary line per
// source on stdout, a progress bar on stderr only when it is a terminal, and
// findings re-evaluated as after an import. Exit 3 when a source failed.
// `--notify` on import and sync then runs the notification pass of `notify
// run` (docs/parts/notifications.md): exit 1 when a delivery failed.
#include <unistd.h>

#include <iomanip>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "command.h"
#include "soupkeeper/diagnostics.h"
#include "soupkeeper/env.h"
#include "soupkeeper/feed_sync.h"
#include "soupkeeper/findings.h"
#include "soupkeeper/notify.h"
#include "soupkeeper/store.h"
#include "soupkeeper/triage.h"
#include "soupkeeper/vuln.h"

namespace soupkeeper::cli {
namespace {

// Prints each diagnostic on stderr as it comes.
class StderrSink final : public DiagnosticSink {
 public:
  void Report(Diagnostic d) override {
    std::cerr << "soupkeeper: " << SeverityName(d.severity) << ": " << d.ToString() << "\n";
  }
};

// Continuous re-evaluation after new feed data: every monitored release, only
// what changed.
Result<std::vector<findings::Evaluation>> Reevaluate(store::Store& store,
                                                     const store::Author& author) {
  auto evaluations = triage::Monitor(store, author, "", "", {});
  if (!evaluations.ok()) return evaluations.status().WithContext("re-evaluating findings");
  return evaluations;
}

nlohmann::json FindingsJson(const std::vector<findings::Evaluation>& evaluations) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : evaluations) out.push_back(findings::ToJson(e));
  return out;
}

void PrintFindings(const std::vector<findings::Evaluation>& evaluations) {
  for (const auto& e : evaluations) {
    if (e.mode != "unchanged") std::cout << "findings: " << findings::Summary(e) << "\n";
  }
}

// --notify: the notification pass after the re-evaluation (every webhook
// target, clocks of today under the default policy). One line per target on
// stderr, so stdout keeps the command's own output; `json` gets the
// deliveries. False when a delivery failed.
Result<bool> NotifyPass(store::Store& store, const store::Author& author, nlohmann::json& json) {
  SK_ASSIGN_OR_RETURN(notify::RunReport report,
                      notify::Run(store, Env::Default(), author, notify::RunOptions()));
  json = nlohmann::json::array();
  for (const auto& d : report.deliveries) {
    json.push_back(notify::ToJson(d));
    std::cerr << "notify: " << notify::Line(d) << "\n";
  }
  return !report.failed();
}

struct ImportOptions {
  std::vector<std::string> paths;
  std::string reason;
  bool notify = false;
};

int RunImport(const Context& ctx, const ImportOptions& o) {
  auto store = OpenStore(ctx, "feed import");
  if (!store.ok()) return Fail(store.status());
  StderrSink sink;
  auto report = vuln::ImportPaths(**store, Env::Default(), o.paths, {ctx.actor, o.reason}, sink);
  if (!report.ok()) return Fail(report.status());
  auto evaluations = Reevaluate(**store, {ctx.actor, o.reason});
  if (!evaluations.ok()) return Fail(evaluations.status());
  nlohmann::json notifications;
  Result<bool> delivered = true;
  if (o.notify) delivered = NotifyPass(**store, {ctx.actor, o.reason}, notifications);
  if (!delivered.ok()) return Fail(delivered.status().WithContext("feed import --notify"));
  if (ctx.json()) {
    nlohmann::json out = report->ToJson();
    out["findings"] = FindingsJson(*evaluations);
    if (o.notify) out["notifications"] = notifications;
    PrintJsonLine(out);
  } else {
    std::cout << std::left << std::setw(8) << "source" << std::right << std::setw(10) << "read"
              << std::setw(10) << "new" << std::setw(10) << "changed" << std::setw(11)
              << "unchanged" << std::setw(11) << "withdrawn" << std::setw(8) << "errors"
              << "\n";
    for (const auto& [source, c] : report->sources) {
      std::cout << std::left << std::setw(8) << source << std::right << std::setw(10) << c.read
                << std::setw(10) << c.added << std::setw(10) << c.changed << std::setw(11)
                << c.unchanged << std::setw(11) << c.withdrawn << std::setw(8) << c.errors << "\n";
    }
    std::cout << report->files << " files read, " << report->file_errors << " files rejected\n";
    PrintFindings(*evaluations);
  }
  if (report->errors() > 0) return kExitBadInput;
  return *delivered ? kExitOk : kExitCheckFailed;
}

Result<std::map<std::string, nlohmann::json>> SyncsByKind(store::Store& store);

int RunStatus(const Context& ctx, int cadence_days) {
  auto store = OpenStore(ctx, "feed status");
  if (!store.ok()) return Fail(store.status());
  if (cadence_days <= 0) return Fail(InvalidArgument("feed status: --cadence must be at least 1"));
  auto status =
      vuln::FeedStatus(**store, Env::Default()->Now(), std::chrono::hours(24) * cadence_days);
  if (!status.ok()) return Fail(status.status());
  auto syncs = SyncsByKind(**store);
  if (!syncs.ok()) return Fail(syncs.status());
  if (ctx.json()) {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& s : *status) {
      all.push_back(
          {{"source", s.source},
           {"records", s.records},
           {"withdrawn", s.withdrawn},
           {"last_import",
            s.last_import.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.last_import)},
           {"newest_modified", s.newest_modified.empty() ? nlohmann::json(nullptr)
                                                         : nlohmann::json(s.newest_modified)},
           {"age_seconds",
            s.age_seconds < 0 ? nlohmann::json(nullptr) : nlohmann::json(s.age_seconds)},
           {"cadence_days", cadence_days},
           {"stale", s.stale},
           {"syncs", (*syncs)[s.source]}});
    }
    PrintJsonLine(all);
    return kExitOk;
  }
  for (const auto& s : *status) {
    std::cout << std::left << std::setw(6) << s.source << std::right << std::setw(9) << s.records
              << " records  " << std::setw(7) << s.withdrawn << " withdrawn  last import "
              << (s.last_import.empty() ? "never" : s.last_import) << "  newest modified "
              << (s.newest_modified.empty() ? "-" : s.newest_modified) << "  "
              << (s.stale ? "STALE" : "fresh") << "\n";
    for (const auto& sync : (*syncs)[s.source]) {
      std::cout << "  sync " << sync["name"].get<std::string>() << ": last "
                << (sync["last_attempt_at"].is_null() ? "never"
                                                      : sync["last_attempt_at"].get<std::string>())
                << "  " << (sync["result"].is_null() ? "-" : sync["result"].get<std::string>())
                << "  cursor " << sync["cursor"].dump() << "\n";
    }
  }
  return kExitOk;
}

// Per kind: the configured sources with their last sync, as JSON objects
// {name, url, last_attempt_at, last_success_at, result, message, cursor}.
Result<std::map<std::string, nlohmann::json>> SyncsByKind(store::Store& store) {
  SK_ASSIGN_OR_RETURN(auto sources, vuln::ListFeedSources(store));
  SK_ASSIGN_OR_RETURN(auto states, vuln::SyncStates(store));
  std::map<std::string, nlohmann::json> out;
  for (const auto& src : sources) {
    nlohmann::json j = {{"name", src.name},
                        {"url", src.url},
                        {"last_attempt_at", nullptr},
                        {"last_success_at", nullptr},
                        {"result", nullptr},
                        {"message", ""},
                        {"cursor", nlohmann::json::object()}};
    for (const auto& st : states) {
      if (st.source != src.name) continue;
      j["last_attempt_at"] = st.last_attempt_at;
      if (!st.last_success_at.empty()) j["last_success_at"] = st.last_success_at;
      j["result"] = st.result;
      j["message"] = st.message;
      j["cursor"] = st.cursor;
    }
    if (!out[src.kind].is_array()) out[src.kind] = nlohmann::json::array();
    out[src.kind].push_back(std::move(j));
  }
  for (const auto& importer : vuln::BuiltinImporters()) {
    auto& list = out[std::string(importer->Name())];
    if (!list.is_array()) list = nlohmann::json::array();
  }
  return out;
}

int RunShow(const Context& ctx, const std::string& id) {
  auto store = OpenStore(ctx, "feed show");
  if (!store.ok()) return Fail(store.status());
  auto identity = vuln::ResolveIdentity(**store, id);
  if (!identity.ok()) return Fail(identity.status());
  auto records = vuln::RecordsOf(**store, *identity);
  if (!records.ok()) return Fail(records.status());
  auto history = vuln::HistoryOf(**store, *identity);
  if (!history.ok()) return Fail(history.status());
  nlohmann::json h = nlohmann::json::array();
  for (const auto& e : *history) {
    h.push_back({{"at", e.at},
                 {"batch", e.batch},
                 {"source", e.source},
                 {"source_id", e.source_id},
                 {"change", e.change},
                 {"fields", e.fields}});
  }
  nlohmann::json out = {{"id", *identity}, {"records", *records}, {"history", h}};
  if (ctx.json()) {
    PrintJsonLine(out);
  } else {
    std::cout << out.dump(2) << "\n";
  }
  return kExitOk;
}

// A progress bar on stderr, redrawn in place; only used on a terminal.
void DrawProgress(const vuln::SyncProgress& p) {
  std::cerr << "\r" << p.source << " [";
  constexpr int kWidth = 30;
  const int filled = p.total > 0 ? static_cast<int>(kWidth * std::min(p.done, p.total) / p.total)
                                 : static_cast<int>(p.done % (kWidth + 1));
  std::cerr << std::string(filled, '#') << std::string(kWidth - filled, ' ') << "] " << p.done;
  if (p.total > 0) std::cerr << "/" << p.total;
  std::cerr << "  " << p.bytes / 1024 << " KiB" << std::flush;
}

struct SyncCliOptions {
  std::vector<std::string> sources;
  std::string reason;
  bool notify = false;
};

int RunSync(const Context& ctx, const SyncCliOptions& o) {
  auto store = OpenStore(ctx, "feed sync");
  if (!store.ok()) return Fail(store.status());
  auto sources = vuln::ListFeedSources(**store);
  if (!sources.ok()) return Fail(sources.status());
  std::vector<vuln::FeedSource> chosen;
  for (const std::string& name : o.sources) {
    auto it = std::find_if(sources->begin(), sources->end(),
                           [&](const vuln::FeedSource& s) { return s.name == name; });
    if (it == sources->end()) {
      return Fail(
          NotFound("feed sync: no feed source '" + name + "' (see `soupkeeper feed source list`)"));
    }
    chosen.push_back(*it);
  }
  if (o.sources.empty()) chosen = *sources;
  if (chosen.empty()) {
    return Fail(
        FailedPrecondition("feed sync: no online feed sources are configured; add one with "
                           "`soupkeeper feed source add "
                           "NAME --kind nvd|osv|kev|csaf|epss`"));
  }
  const store::Author author{ctx.actor, o.reason};
  vuln::SyncOptions options;
  const bool tty = ::isatty(STDERR_FILENO) == 1;
  if (tty) options.progress = DrawProgress;
  StderrSink sink;
  nlohmann::json summaries = nlohmann::json::array();
  bool failed = false;
  for (const auto& source : chosen) {
    auto summary = vuln::SyncSource(**store, Env::Default(), source, author, options, sink);
    if (tty) std::cerr << "\r\033[K" << std::flush;
    if (!summary.ok()) return Fail(summary.status());
    failed = failed || summary->result == "failed";
    if (ctx.json()) {
      summaries.push_back(summary->ToJson());
    } else {
      std::cout << summary->Line() << "\n";
    }
  }
  auto evaluations = Reevaluate(**store, author);
  if (!evaluations.ok()) return Fail(evaluations.status());
  nlohmann::json notifications;
  Result<bool> delivered = true;
  if (o.notify) delivered = NotifyPass(**store, author, notifications);
  if (!delivered.ok()) return Fail(delivered.status().WithContext("feed sync --notify"));
  if (ctx.json()) {
    nlohmann::json out = {{"sources", summaries}, {"findings", FindingsJson(*evaluations)}};
    if (o.notify) out["notifications"] = notifications;
    PrintJsonLine(out);
  } else {
    PrintFindings(*evaluations);
  }
  if (failed) return kExitOtherError;
  return *delivered ? kExitOk : kExitCheckFailed;
}

nlohmann::json SourceJson(const vuln::FeedSource& s) {
  return {{"name", s.name},
          {"kind", s.kind},
          {"url", s.url},
          {"api_key_env", s.api_key_env},
          {"ecosystems", s.ecosystems},
          {"created_at", s.created_at}};
}

void AddSourceCommands(CLI::App& feed, Context& ctx) {
  auto* source = feed.add_subcommand("source", "Online feed sources for `feed sync`");
  source->require_subcommand(1);

  struct AddOptions {
    vuln::FeedSource source;
    std::string reason;
  };
  auto add_opts = std::make_shared<AddOptions>();
  auto* add =
      source->add_subcommand("add", "Configure a source (the API key stays in its variable)");
  add->add_option("NAME", add_opts->source.name, "Source name (a-z, 0-9, . _ -)")->required();
  add->add_option("--kind", add_opts->source.kind, "nvd, osv, kev, csaf or epss")->required();
  add->add_option("--url", add_opts->source.url,
                  "URL (default: the public one of the kind; CSAF: provider-metadata.json)");
  add->add_option("--api-key-env", add_opts->source.api_key_env,
                  "Environment variable holding the API key (NVD: sent as header apiKey)")
      ->type_name("VAR");
  add->add_option("--ecosystem", add_opts->source.ecosystems, "OSV ecosystem (repeatable)")
      ->type_name("E");
  add->add_option("--reason", add_opts->reason, "Why, for the audit trail");
  add->callback([&ctx, add_opts] {
    ctx.action = [&ctx, add_opts] {
      auto store = OpenStore(ctx, "feed source add");
      if (!store.ok()) return Fail(store.status());
      Status s = vuln::AddFeedSource(**store, add_opts->source, {ctx.actor, add_opts->reason});
      if (!s.ok()) return Fail(s.WithContext("feed source add"));
      auto sources = vuln::ListFeedSources(**store);
      if (!sources.ok()) return Fail(sources.status());
      for (const auto& src : *sources) {
        if (src.name != add_opts->source.name) continue;
        if (ctx.json()) {
          PrintJsonLine(SourceJson(src));
        } else {
          std::cout << "added feed source " << src.name << " (" << src.kind << ") " << src.url
                    << "\n";
        }
      }
      return kExitOk;
    };
  });

  auto* list = source->add_subcommand("list", "The configured sources");
  list->callback([&ctx] {
    ctx.action = [&ctx] {
      auto store = OpenStore(ctx, "feed source list");
      if (!store.ok()) return Fail(store.status());
      auto sources = vuln::ListFeedSources(**store);
      if (!sources.ok()) return Fail(sources.status());
      nlohmann::json all = nlohmann::json::array();
      for (const auto& src : *sources) {
        all.push_back(SourceJson(src));
        if (ctx.json()) continue;
        std::cout << std::left << std::setw(16) << src.name << std::setw(6) << src.kind << src.url;
        if (!src.api_key_env.empty()) std::cout << "  key from $" << src.api_key_env;
        for (const auto& e : src.ecosystems) std::cout << "  " << e;
        std::cout << "\n";
      }
      if (ctx.json()) PrintJsonLine(all);
      return kExitOk;
    };
  });

  struct RemoveOptions {
    std::string name, reason;
  };
  auto rm_opts = std::make_shared<RemoveOptions>();
  auto* rm = source->add_subcommand("remove", "Remove a source and its sync state (records stay)");
  rm->add_option("NAME", rm_opts->name, "Source name")->required();
  rm->add_option("--reason", rm_opts->reason, "Why, for the audit trail");
  rm->callback([&ctx, rm_opts] {
    ctx.action = [&ctx, rm_opts] {
      auto store = OpenStore(ctx, "feed source remove");
      if (!store.ok()) return Fail(store.status());
      Status s = vuln::RemoveFeedSource(**store, rm_opts->name, {ctx.actor, rm_opts->reason});
      if (!s.ok()) return Fail(s.WithContext("feed source remove"));
      if (ctx.json()) {
        PrintJsonLine({{"removed", rm_opts->name}});
      } else {
        std::cout << "removed feed source " << rm_opts->name << "\n";
      }
      return kExitOk;
    };
  });
}

}  // namespace

void AddFeedCommands(CLI::App& app, Context& ctx) {
  auto* feed = app.add_subcommand("feed", "Vulnerability feeds: import, status, sync");
  feed->require_subcommand(1);

  auto import_opts = std::make_shared<ImportOptions>();
  auto* import = feed->add_subcommand(
      "import", "Import feed files, folders or archives (.gz, .zip, .tar.gz); format detected");
  import->add_option("PATH", import_opts->paths, "Files or folders")->required();
  import->add_option("--reason", import_opts->reason, "Why, for the audit trail");
  import->add_flag("--notify", import_opts->notify,
                   "Then deliver pending notifications (`notify run`; exit 1 when one failed)");
  import->callback([&ctx, import_opts] {
    ctx.action = [&ctx, import_opts] { return RunImport(ctx, *import_opts);
};
}  // namespace soupkeeper::cli
);

auto cadence = std::make_shared<int>(1);
auto* status = feed->add_subcommand("status", "Per source: records, last import, staleness");
status->add_option("--cadence", *cadence, "Days after which a source is stale (default 1)")
    ->type_name("DAYS");
status->callback([&ctx, cadence] {
  ctx.action = [&ctx, cadence] { return RunStatus(ctx, *cadence); };
});

auto show_id = std::make_shared<std::string>();
auto* show = feed->add_subcommand("show", "Every source's record of a vulnerability");
show->add_option("ID", *show_id, "CVE, GHSA, OSV or advisory id (any alias)")->required();
show->callback([&ctx, show_id] {
  ctx.action = [&ctx, show_id] { return RunShow(ctx, *show_id); };
});

auto sync_opts = std::make_shared<SyncCliOptions>();
auto* sync = feed->add_subcommand("sync", "Fetch configured online sources (all, or those named)");
sync->add_option("SOURCE", sync_opts->sources, "Source names (default: all)");
sync->add_option("--reason", sync_opts->reason, "Why, for the audit trail");
sync->add_flag("--notify", sync_opts->notify,
               "Then deliver pending notifications (`notify run`; exit 1 when one failed)");
sync->callback([&ctx, sync_opts] {
  ctx.action = [&ctx, sync_opts] { return RunSync(ctx, *sync_opts); };
});
AddSourceCommands(*feed, ctx);
}

}  // namespace soupkeeper::cli
