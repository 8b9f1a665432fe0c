// Opening the store for a command, with the --format check most commands share;
// printing a library's warnings.
#include <iostream>

#include "command.h"
#include "soupkeeper/env.h"

namespace soupkeeper::cli {

Status CheckTextOrJson(const Context& ctx, std::string_view command) {
  if (ctx.json() || ctx.format == "text") return Status::Ok();
  return InvalidArgument(std::string(command) + ": --format must be text or json, not \"" +
                         ctx.format + "\"");
}

Result<std::unique_ptr<store::Store>> OpenStore(const Context& ctx, std::string_view command) {
  SK_RETURN_IF_ERROR(CheckTextOrJson(ctx, command));
  return store::Store::Open(ctx.db, Env::Default());
}

void PrintWarnings(const std::vector<Diagnostic>& diags) {
  for (const Diagnostic& d : diags) {
    if (d.severity == Severity::kWarning) std::cerr << "warning: " << d.ToString() << "\n";
  }
}

}  // namespace soupkeeper::cli
