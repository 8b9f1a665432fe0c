// `soupkeeper vex export PRODUCT VERSION [--out FILE]`: the release's findings
// with their triage decisions as CycloneDX 1.6 VEX (--format cyclonedx, the
// default), OpenVEX 0.2.0 (openvex) or CSAF 2.0 VEX (csaf).
// `soupkeeper vex import FILE [--product P] [--supplier NAME]`: records a
// supplier's VEX statements beside the findings they apply to
// (docs/parts/vex.md). Exit 2 for bad input (file and JSON pointer named),
// nothing stored.
#include <iostream>
#include <memory>
#include <string>

#include "command.h"
#include "soupkeeper/env.h"
#include "soupkeeper/store.h"
#include "soupkeeper/vex.h"

namespace soupkeeper::cli {
namespace {

struct ExportOptions {
  std::string product, version, out;
};

struct ImportOptions {
  std::string file;
  vex::ImportOptions options;
  std::string reason;
};

int RunExport(const Context& ctx, const ExportOptions& o) {
  std::string format = ctx.format == "text" ? "cyclonedx" : ctx.format;
  Env* env = Env::Default();
  // Not OpenStore: --format names the VEX format here, not text or json.
  auto store = store::Store::Open(ctx.db, env);
  if (!store.ok()) return Fail(store.status());
  auto text = vex::Export(**store, o.product, o.version, format, FormatTime(env->Now()),
                          SOUPKEEPER_VERSION);
  if (!text.ok()) return Fail(text.status());
  if (o.out.empty()) {
    std::cout << *text;
    return kExitOk;
  }
  Status s = env->WriteFile(o.out, *text);
  return s.ok() ? kExitOk : Fail(s);
}

int RunImport(const Context& ctx, const ImportOptions& o) {
  Status format = CheckTextOrJson(ctx, "vex import");
  if (!format.ok()) return Fail(format);
  Env* env = Env::Default();
  auto bytes = env->ReadFile(o.file);
  if (!bytes.ok()) return Fail(bytes.status());
  auto store = OpenStore(ctx, "vex import");
  if (!store.ok()) return Fail(store.status());
  auto result = vex::Import(**store, {ctx.actor, o.reason}, *bytes, o.file, o.options);
  if (!result.ok()) return Fail(result.status());
  if (ctx.json()) {
    PrintJsonLine(vex::ToJson(*result));
    return kExitOk;
  }
  std::cout << o.file << ": " << result->format << " document " << result->document_id << " from "
            << result->supplier << ": " << result->statements << " statements, "
            << result->applied.size() << " applied to findings, " << result->unmatched.size()
            << " matched no finding\n";
  for (const vex::Applied& a : result->applied) {
    std::cout << "  finding " << a.finding_id << " (" << a.product << " " << a.release << ", "
              << a.component << ", " << a.vulnerability << "): supplier says " << a.state << "  ["
              << a.pointer << "]\n";
  }
  for (const vex::Statement& s : result->unmatched) {
    std::cout << "  no finding: " << s.vulnerability << " (" << s.state << ")  [" << s.pointer
              << "]\n";
  }
  return kExitOk;
}

}  // namespace

void AddVexCommands(CLI::App& app, Context& ctx) {
  auto* vex = app.add_subcommand("vex", "Export VEX for a release; import a supplier's VEX");
  vex->require_subcommand(1);
  auto e = std::make_shared<ExportOptions>();
  auto* exp = vex->add_subcommand(
      "export",
      "A release's findings with their triage decisions as VEX (--format cyclonedx (default), "
      "openvex or csaf)");
  exp->add_option("PRODUCT", e->product, "Product name")->required();
  exp->add_option("VERSION", e->version, "Release version")->required();
  exp->add_option("--out", e->out, "Write the document to FILE instead of stdout")
      ->type_name("FILE");
  exp->callback([&ctx, e] { ctx.action = [&ctx, e] { return RunExport(ctx, *e); }; });
  auto i = std::make_shared<ImportOptions>();
  auto* imp = vex->add_subcommand(
      "import",
      "Record a supplier's VEX statements (CycloneDX, OpenVEX or CSAF) with the findings");
  imp->add_option("FILE", i->file, "The supplier's VEX document")->required();
  imp->add_option("--product", i->options.product, "Apply only to findings of this product");
  imp->add_option("--supplier", i->options.supplier,
                  "Supplier name (default: the document's author or publisher)");
  imp->add_option("--reason", i->reason, "Why (recorded in the audit trail)");
  imp->callback([&ctx, i] { ctx.action = [&ctx, i] { return RunImport(ctx, *i); }; });
}

}  // namespace soupkeeper::cli
