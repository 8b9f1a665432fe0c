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
#include <iomanip>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "command.h"
#include "soupkeeper/diagnostics.h"
#include "soupkeeper/env.h"
#include "soupkeeper/findings.h"
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

struct ImportOptions {
  std::vector<std::string> paths;
  std::string reason;
};

int RunImport(const Context& ctx, const ImportOptions& o) {
  auto store = OpenStore(ctx, "feed import");
  if (!store.ok()) return Fail(store.status());
  StderrSink sink;
  auto report = vuln::ImportPaths(**store, Env::Default(), o.paths, {ctx.actor, o.reason}, sink);
  if (!report.ok()) return Fail(report.status());
  // Continuous re-evaluation: every monitored release, only what changed.
  auto evaluations = findings::EvaluateAll(**store, {ctx.actor, o.reason}, "", {});
  if (!evaluations.ok()) return Fail(evaluations.status().WithContext("re-evaluating findings"));
  auto covered = triage::Sync(**store, {ctx.actor, o.reason});
  if (!covered.ok()) return Fail(covered.status().WithContext("applying triage decisions"));
  if (ctx.json()) {
    nlohmann::json out = report->ToJson();
    out["findings"] = nlohmann::json::array();
    for (const auto& e : *evaluations) out["findings"].push_back(findings::ToJson(e));
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
    for (const auto& e : *evaluations) {
      if (e.mode != "unchanged") std::cout << "findings: " << findings::Summary(e) << "\n";
    }
  }
  return report->errors() > 0 ? kExitBadInput : kExitOk;
}

int RunStatus(const Context& ctx, int cadence_days) {
  auto store = OpenStore(ctx, "feed status");
  if (!store.ok()) return Fail(store.status());
  if (cadence_days <= 0) return Fail(InvalidArgument("feed status: --cadence must be at least 1"));
  auto status =
      vuln::FeedStatus(**store, Env::Default()->Now(), std::chrono::hours(24) * cadence_days);
  if (!status.ok()) return Fail(status.status());
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
           {"stale", s.stale}});
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
  }
  return kExitOk;
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

}  // namespace

void AddFeedCommands(CLI::App& app, Context& ctx) {
  auto* feed = app.add_subcommand("feed", "Vulnerability feeds: import, status, sync");
  feed->require_subcommand(1);

  auto import_opts = std::make_shared<ImportOptions>();
  auto* import = feed->add_subcommand(
      "import", "Import feed files, folders or archives (.gz, .zip, .tar.gz); format detected");
  import->add_option("PATH", import_opts->paths, "Files or folders")->required();
  import->add_option("--reason", import_opts->reason, "Why, for the audit trail");
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

auto* sync = feed->add_subcommand("sync", "Fetch configured online sources");
sync->callback([&ctx] {
  ctx.action = [] {
    return Fail(FailedPrecondition(
        "feed sync: no online feed sources are configured in this build; download the feeds "
        "and use `soupkeeper feed import PATH...`"));
  };
});
}

}  // namespace soupkeeper::cli
