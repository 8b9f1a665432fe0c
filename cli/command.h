// The command-line shell: global options, the command table, output helpers.
//
// Each command group lives in one file (cmd_<group>.cc) and exposes one
// Add<Group>Commands function listed in the table in main.cc. A command parses
// its arguments with CLI11, then sets ctx.action; main runs the action once
// parsing succeeded and turns its Status into the exit code (exit_codes.cc is
// the only place that maps codes).
#ifndef SOUPKEEPER_CLI_COMMAND_H_
#define SOUPKEEPER_CLI_COMMAND_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <iosfwd>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/diagnostics.h"
#include "soupkeeper/status.h"
#include "soupkeeper/store.h"

namespace soupkeeper::sbom {
class SbomEncoder;
}

namespace soupkeeper::cli {

// Exit codes of DESIGN.md.
inline constexpr int kExitOk = 0;
inline constexpr int kExitCheckFailed = 1;  // a check ran and failed
inline constexpr int kExitBadInput = 2;     // bad usage or bad input
inline constexpr int kExitOtherError = 3;   // I/O, database, internal

// The names of the built-in SBOM encoders joined by `separator`
// ("cyclonedx-json|...|spdx3-jsonld"), for --to help texts.
std::string EncoderNames(std::string_view separator);
// The built-in SBOM encoder named `name` (--to), or InvalidArgument listing
// the names.
Result<const sbom::SbomEncoder*> EncoderNamed(const std::string& name);

// The exit code for a failed (or ok) status.
int ExitCodeFor(const Status& status);

struct Context {
  // Global options.
  std::string db;               // --db, else $SOUPKEEPER_DB, else soupkeeper.db
  std::string format = "text";  // --format text|json (commands may add more)
  std::string actor;            // --actor, else $SOUPKEEPER_ACTOR, else OS user

  // Set by the chosen command; returns the exit code (through Fail() for
  // errors).
  std::function<int()> action;

  bool json() const { return format == "json"; }
  // Resolves db and actor from the environment where options left them empty.
  void ResolveDefaults();
};

// Prints "soupkeeper: <message>" on stderr and returns ExitCodeFor(status).
int Fail(const Status& status);

// InvalidArgument unless --format is text or json (for commands with no other
// output formats); `command` names the command in the message.
Status CheckTextOrJson(const Context& ctx, std::string_view command);

// Checks --format as CheckTextOrJson does, then opens the store at --db.
Result<std::unique_ptr<store::Store>> OpenStore(const Context& ctx, std::string_view command);

// Prints the warnings among `diags` on stderr, "warning: <diagnostic>" each.
void PrintWarnings(const std::vector<Diagnostic>& diags);

// Writes one JSON value on a line of stdout.
void PrintJsonLine(const nlohmann::json& value);

// Writes rows (the first one the header) as columns aligned by two spaces.
void PrintTable(const std::vector<std::vector<std::string>>& rows);

// A command group: adds its subcommands to `app`.
struct CommandGroup {
  const char* name;
  void (*add)(CLI::App& app, Context& ctx);
};

void AddDemoCommands(CLI::App& app, Context& ctx);
void AddProductCommands(CLI::App& app, Context& ctx);
void AddLogCommands(CLI::App& app, Context& ctx);
void AddVersionCommands(CLI::App& app, Context& ctx);
void AddCvssCommands(CLI::App& app, Context& ctx);
void AddCpeCommands(CLI::App& app, Context& ctx);
void AddRangeCommands(CLI::App& app, Context& ctx);
void AddPurlCommands(CLI::App& app, Context& ctx);
void AddSbomCommands(CLI::App& app, Context& ctx);
void AddReleaseCommands(CLI::App& app, Context& ctx);
void AddFeedCommands(CLI::App& app, Context& ctx);
void AddScanCommands(CLI::App& app, Context& ctx);
void AddFindingsCommands(CLI::App& app, Context& ctx);
void AddSupplierCommands(CLI::App& app, Context& ctx);
void AddConfigCommands(CLI::App& app, Context& ctx);
void AddSoupCommands(CLI::App& app, Context& ctx);
void AddAssessCommands(CLI::App& app, Context& ctx);
void AddRiskCommands(CLI::App& app, Context& ctx);
void AddTriageCommands(CLI::App& app, Context& ctx);
void AddReviewCommands(CLI::App& app, Context& ctx);
void AddGateCommands(CLI::App& app, Context& ctx);
void AddVexCommands(CLI::App& app, Context& ctx);
void AddNotifyCommands(CLI::App& app, Context& ctx);

}  // namespace soupkeeper::cli

#endif  // SOUPKEEPER_CLI_COMMAND_H_
