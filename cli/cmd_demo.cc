// `soupkeeper demo`: the whole job on bundled sample data in a fresh workspace.
//
// Each capability adds its steps here, so a new user sees everything that
// exists working end to end. The workspace (database, outputs) is kept and its
// path printed, so the user can run further commands against it.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "command.h"
#include "demo_steps.h"
#include "soupkeeper/env.h"

namespace soupkeeper::cli {
namespace {

namespace fs = std::filesystem;

Result<fs::path> MakeWorkspace(const std::string& requested) {
  std::error_code ec;
  if (!requested.empty()) {
    fs::path dir(requested);
    if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
      return InvalidArgument(requested + ": the demo workspace must be a new or empty folder");
    }
    fs::create_directories(dir, ec);
    if (ec) return IoError(requested + ": " + ec.message());
    return fs::absolute(dir);
  }
  std::string tmpl = (fs::temp_directory_path() / "soupkeeper-demo-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) return IoError(tmpl + ": cannot create");
  return fs::path(tmpl);
}

int RunDemo(Context& ctx, const std::string& workspace_arg) {
  auto workspace = MakeWorkspace(workspace_arg);
  if (!workspace.ok()) return Fail(workspace.status());
  DemoRun run{ctx, *workspace, std::cout};
  std::cout << "soupkeeper demo: workspace " << workspace->string() << "\n";
  for (const DemoStep& step : DemoSteps()) {
    std::cout << "\n== " << step.title << "\n";
    Status s = step.run(run);
    if (!s.ok()) {
      std::cout << "demo step failed: " << step.title << "\n";
      return Fail(s);
    }
  }
  std::cout << "\nDemo complete. Workspace: " << workspace->string() << "\n";
  return kExitOk;
}

}  // namespace

void AddDemoCommands(CLI::App& app, Context& ctx) {
  auto* demo =
      app.add_subcommand("demo", "Run the whole job on bundled sample data in a fresh workspace");
  auto workspace = std::make_shared<std::string>();
  demo->add_option("--workspace", *workspace,
                   "Folder for the demo's database and outputs (new or empty; default: a fresh "
                   "temporary folder)");
  demo->callback(
      [&ctx, workspace] { ctx.action = [&ctx, workspace] { return RunDemo(ctx, *workspace); }; });
}

}  // namespace soupkeeper::cli
