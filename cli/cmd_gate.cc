// `soupkeeper gate [--product P --release V | --sbom FILE] [--policy FILE.yaml]
// [--format text|json|sarif]`: checks the components of a stored release (or
// of an SBOM file, as of today) against the SOUP inventory, the suppliers and
// the findings (gate::Rules). Exit 1 when a rule of severity error fails,
// else 0 (warnings are printed). Text: one line per reason, then the
// summary; with $GITHUB_ACTIONS=true also GitHub Actions annotations.
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include "command.h"
#include "soupkeeper/env.h"
#include "soupkeeper/gate.h"
#include "soupkeeper/release.h"
#include "soupkeeper/sbom.h"

namespace soupkeeper::cli {
namespace {

struct GateOptions {
  std::string product;
  std::string release;
  std::string sbom;
  std::string policy;
};

Result<gate::Report> EvaluateSbom(store::Store& store, const std::string& path,
                                  const gate::Policy& policy) {
  Env* env = Env::Default();
  SK_ASSIGN_OR_RETURN(std::string bytes, env->ReadFile(path));
  CollectingSink sink;
  SK_ASSIGN_OR_RETURN(sbom::Document doc, sbom::Decode(bytes, path, sink));
  PrintWarnings(sink.Take());
  return gate::Evaluate(store, release::ComponentsOf(doc), FormatTime(env->Now()).substr(0, 10), "",
                        {}, policy);
}

int RunGate(const Context& ctx, const GateOptions& o) {
  if (ctx.format != "text" && ctx.format != "json" && ctx.format != "sarif") {
    return Fail(
        InvalidArgument("gate: --format must be text, json or sarif, not \"" + ctx.format + "\""));
  }
  if (o.sbom.empty() == (o.product.empty() || o.release.empty())) {
    return Fail(InvalidArgument("gate: give either --product and --release, or --sbom"));
  }
  auto policy = gate::ReadPolicy(o.policy);
  if (!policy.ok()) return Fail(policy.status());
  Context text_ctx = ctx;
  text_ctx.format = "text";
  auto store = OpenStore(text_ctx, "gate");
  if (!store.ok()) return Fail(store.status());
  auto report = o.sbom.empty() ? gate::EvaluateRelease(**store, o.product, o.release, *policy)
                               : EvaluateSbom(**store, o.sbom, *policy);
  if (!report.ok()) return Fail(report.status());
  if (ctx.format == "json") {
    PrintJsonLine(gate::ToJson(*report));
  } else if (ctx.format == "sarif") {
    std::cout << gate::ToSarif(*report, SOUPKEEPER_VERSION).dump(2) << "\n";
  } else {
    const char* gha = std::getenv("GITHUB_ACTIONS");
    bool github = gha != nullptr && std::string(gha) == "true";
    for (const std::string& line : gate::TextLines(*report, github)) std::cout << line << "\n";
    std::cout << gate::Summary(*report) << "\n";
  }
  return report->errors() > 0 ? kExitCheckFailed : kExitOk;
}

}  // namespace

void AddGateCommands(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<GateOptions>();
  auto* cmd = app.add_subcommand(
      "gate",
      "Check a release's (or an SBOM's) components against the SOUP records; exit 1 when a rule "
      "of severity error fails (--format text, json or sarif)");
  cmd->add_option("--product", o->product, "The product of the release")->type_name("PRODUCT");
  cmd->add_option("--release", o->release, "The release version")->type_name("VERSION");
  cmd->add_option("--sbom", o->sbom, "Check this SBOM file instead, as of today")
      ->type_name("FILE");
  cmd->add_option("--policy", o->policy, "YAML file of rule severities (error, warning, off)")
      ->type_name("FILE.yaml");
  cmd->callback([&ctx, o] { ctx.action = [&ctx, o] { return RunGate(ctx, *o); }; });
}

}  // namespace soupkeeper::cli
