// `soupkeeper purl parse PURL…`: package URLs from the command line.
//
// Prints one JSON object a line per purl, components decoded and normalized,
// absent components as null and the canonical string:
//   {"type":"npm","namespace":"@angular","name":"animation","version":"12.3.1",
//    "qualifiers":{},"subpath":null,"canonical":"pkg:npm/%40angular/animation@12.3.1"}
// The first invalid purl ends the run with its error on stderr (exit 2); the
// purls before it have been printed.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "command.h"
#include "soupkeeper/purl.h"

namespace soupkeeper::cli {
namespace {

struct PurlParseOptions {
  std::vector<std::string> purls;
  bool lenient = false;
};

nlohmann::ordered_json PurlJson(const purl::Purl& p) {
  auto or_null = [](const std::string& s) {
    return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
  };
  nlohmann::ordered_json qualifiers = nlohmann::ordered_json::object();
  for (const purl::Qualifier& q : p.qualifiers) qualifiers[q.key] = q.value;
  nlohmann::ordered_json out;
  out["type"] = p.type;
  out["namespace"] = or_null(p.namespace_);
  out["name"] = p.name;
  out["version"] = or_null(p.version);
  out["qualifiers"] = std::move(qualifiers);
  out["subpath"] = or_null(p.subpath);
  out["canonical"] = purl::ToString(p);
  return out;
}

int RunPurlParse(const PurlParseOptions& opts) {
  purl::ParseMode mode = opts.lenient ? purl::ParseMode::kLenient : purl::ParseMode::kStrict;
  for (const std::string& text : opts.purls) {
    Result<purl::Purl> p = purl::Parse(text, mode);
    if (!p.ok()) {
      std::cout.flush();
      return Fail(p.status());
    }
    std::cout << PurlJson(*p).dump() << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddPurlCommands(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand("purl", "Package URLs (purl, ECMA-427)");
  group->require_subcommand(1);

  auto opts = std::make_shared<PurlParseOptions>();
  auto* parse = group->add_subcommand(
      "parse", "Parse purls and print their components and canonical form, one JSON object a line");
  parse->add_option("PURL", opts->purls, "Package URLs, e.g. pkg:npm/%40angular/core@17.0.0")
      ->required();
  parse->add_flag("--lenient", opts->lenient,
                  "Lower-case upper-case qualifier keys instead of rejecting them (ECMA-427 "
                  "requires lower case)");
  parse->callback([&ctx, opts] { ctx.action = [opts] { return RunPurlParse(*opts); }; });
}

}  // namespace soupkeeper::cli
