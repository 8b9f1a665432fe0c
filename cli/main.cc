// soupkeeper: the command-line shell over the engine.
//
// Parses global options, hands the rest to the command groups of the table
// below, runs the chosen command and maps its outcome to the exit code.
#include <cstdlib>
#include <iostream>

#include "command.h"
#include "soupkeeper/env.h"

namespace soupkeeper::cli {
namespace {

// Every command group, in the order `soupkeeper --help` lists them.
constexpr CommandGroup kCommandGroups[] = {
    {"demo", AddDemoCommands},         {"product", AddProductCommands},
    {"log", AddLogCommands},           {"version", AddVersionCommands},
    {"cvss", AddCvssCommands},         {"cpe", AddCpeCommands},
    {"range", AddRangeCommands},       {"purl", AddPurlCommands},
    {"sbom", AddSbomCommands},         {"release", AddReleaseCommands},
    {"feed", AddFeedCommands},         {"scan", AddScanCommands},
    {"findings", AddFindingsCommands}, {"supplier", AddSupplierCommands},
    {"config", AddConfigCommands},     {"soup", AddSoupCommands},
    {"assess", AddAssessCommands},     {"risk", AddRiskCommands},
    {"triage", AddTriageCommands},     {"review", AddReviewCommands},
    {"gate", AddGateCommands},         {"vex", AddVexCommands},
    {"notify", AddNotifyCommands},
};

}  // namespace

void Context::ResolveDefaults() {
  Env* env = Env::Default();
  if (db.empty()) db = env->GetVariable("SOUPKEEPER_DB").value_or("soupkeeper.db");
  if (actor.empty()) {
    actor = env->GetVariable("SOUPKEEPER_ACTOR").value_or("");
    if (actor.empty()) actor = env->UserName();
  }
}

int Main(int argc, char** argv) {
  CLI::App app{
      "soupkeeper keeps the security records of the third-party software (SOUP) in medical-device "
      "software: SBOMs per release, SOUP inventory, suppliers, vulnerability monitoring, triage "
      "and release security documentation (IEC 81001-5-1, FDA 524B, EU MDR).",
      "soupkeeper"};
  app.require_subcommand(1);
  app.fallthrough();
  app.set_version_flag("--version", "soupkeeper " SOUPKEEPER_VERSION);
  Context ctx;
  app.add_option("--db", ctx.db,
                 "Database: a SQLite file (default soupkeeper.db or $SOUPKEEPER_DB) or "
                 "postgresql://user@host/dbname")
      ->type_name("URI");
  app.add_option("--format", ctx.format, "Output format")->type_name("FORMAT")->default_str("text");
  app.add_option("--actor", ctx.actor,
                 "Who makes the change, for the audit trail (default $SOUPKEEPER_ACTOR, else the "
                 "OS user)");
  for (const CommandGroup& group : kCommandGroups) group.add(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitBadInput;
  }
  ctx.ResolveDefaults();
  if (!ctx.action) {
    std::cerr << app.help();
    return kExitBadInput;
  }
  return ctx.action();
}

}  // namespace soupkeeper::cli

int main(int argc, char** argv) {
  // With TZ unset, glibc stats the zone file again on every mktime, and
  // libarchive calls mktime for every zip member: 11% of the CPU of importing
  // an osv.dev zip. Naming the same zone makes glibc read it once.
  setenv("TZ", ":/etc/localtime", /*overwrite=*/0);
  return soupkeeper::cli::Main(argc, argv);
}
