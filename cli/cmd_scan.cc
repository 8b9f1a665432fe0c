// `soupkeeper scan SBOM`: an SBOM in, findings out, against the knowledge base
// of --db. Stateless apart from the match index, which is refreshed (an
// audited "match.index" event) when feeds were imported since the last scan.
//
// --format table (default for text) | json | sarif | cyclonedx-vex | openvex
// | csaf; --fail-on low|medium|high|critical|kev exits 1 when an affected
// finding reaches the threshold. Exit 2 for a bad SBOM (the file and the
// place on stderr), 3 for database errors.
#include <iostream>
#include <memory>
#include <string>

#include "command.h"
#include "soupkeeper/diagnostics.h"
#include "soupkeeper/env.h"
#include "soupkeeper/match.h"
#include "soupkeeper/sbom.h"
#include "soupkeeper/store.h"

namespace soupkeeper::cli {
namespace {

struct ScanOptions {
  std::string sbom;
  std::string fail_on;
  std::string output;
};

int RunScan(const Context& ctx, const ScanOptions& o) {
  std::string format = ctx.format == "text" ? "table" : ctx.format;
  bool known = false;
  for (std::string_view f : match::ReportFormats()) known |= f == format;
  if (!known) {
    return Fail(InvalidArgument(
        "scan: --format must be table, json, sarif, cyclonedx-vex, openvex or csaf, not \"" +
        ctx.format + "\""));
  }
  if (!o.fail_on.empty()) {
    auto check = match::FailOnReached(o.fail_on, match::ScanResult());
    if (!check.ok()) return Fail(check.status());
  }
  Env* env = Env::Default();
  auto bytes = env->ReadFile(o.sbom);
  if (!bytes.ok()) return Fail(bytes.status());
  CollectingSink sink;
  auto doc = sbom::Decode(*bytes, o.sbom, sink);
  for (const Diagnostic& d : sink.Take()) {
    if (d.severity == Severity::kWarning) {
      std::cerr << "soupkeeper: warning: " << d.ToString() << "\n";
    }
  }
  if (!doc.ok()) return Fail(doc.status());
  auto store = store::Store::Open(ctx.db, env);
  if (!store.ok()) return Fail(store.status());
  CollectingSink scan_sink;
  auto result =
      match::Scan(**store, *doc, {ctx.actor, "match index refresh before scan"}, scan_sink);
  for (Diagnostic& d : scan_sink.Take()) {
    d.source = o.sbom;
    std::cerr << "soupkeeper: " << SeverityName(d.severity) << ": " << d.ToString() << "\n";
  }
  if (!result.ok()) return Fail(result.status());
  match::ReportInput in{&*doc, o.sbom, &*result, FormatTime(env->Now()), SOUPKEEPER_VERSION};
  auto text = match::RenderReport(format, in);
  if (!text.ok()) return Fail(text.status());
  if (o.output.empty()) {
    std::cout << *text;
  } else {
    Status s = env->WriteFile(o.output, *text);
    if (!s.ok()) return Fail(s);
  }
  if (!o.fail_on.empty()) {
    auto reached = match::FailOnReached(o.fail_on, *result);
    if (!reached.ok()) return Fail(reached.status());
    if (*reached) {
      std::cerr << "soupkeeper: scan: findings reach --fail-on " << o.fail_on << "\n";
      return kExitCheckFailed;
    }
  }
  return kExitOk;
}

}  // namespace

void AddScanCommands(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ScanOptions>();
  auto* scan = app.add_subcommand(
      "scan",
      "Match an SBOM against the knowledge base: findings as table, json, sarif, cyclonedx-vex, "
      "openvex or csaf (--format)");
  scan->add_option("SBOM", o->sbom, "CycloneDX JSON or XML file")->required();
  scan->add_option("--fail-on", o->fail_on,
                   "Exit 1 when an affected finding reaches low|medium|high|critical, or is in "
                   "KEV (kev)")
      ->type_name("LEVEL");
  scan->add_option("--output,-o", o->output, "Write the report to FILE instead of stdout")
      ->type_name("FILE");
  scan->callback([&ctx, o] { ctx.action = [&ctx, o] { return RunScan(ctx, *o); }; });
}

}  // namespace soupkeeper::cli
