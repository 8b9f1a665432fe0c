// `soupkeeper cpe`: CPE 2.3 names from the command line.
//
//   soupkeeper cpe match PATTERN CPE   prints "true" or "false": PATTERN is a
//                                      superset of or equal to CPE (NISTIR 7696)
//   soupkeeper cpe parse CPE...        one JSON object a line: the eleven
//                                      attributes and both bindings
//
// Either binding is accepted ("cpe:2.3:..." or "cpe:/..."). In `parse` output
// an attribute is "*" for ANY, "-" for NA, else its value with the quoting
// removed ("8.0.6001", "g++"); "fs" and "uri" give the exact bindings.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "command.h"
#include "soupkeeper/cpe.h"

namespace soupkeeper::cli {
namespace {

int RunMatch(const std::string& pattern_text, const std::string& target_text) {
  auto pattern = cpe::Parse(pattern_text);
  if (!pattern.ok()) return Fail(pattern.status());
  auto target = cpe::Parse(target_text);
  if (!target.ok()) return Fail(target.status());
  std::cout << (cpe::Matches(*pattern, *target) ? "true" : "false") << "\n";
  return kExitOk;
}

int RunParse(const std::vector<std::string>& names) {
  for (const std::string& text : names) {
    auto wfn = cpe::Parse(text);
    if (!wfn.ok()) return Fail(wfn.status());
    nlohmann::json out;
    for (size_t i = 0; i < cpe::kAttributeCount; ++i) {
      const auto a = static_cast<cpe::Attribute>(i);
      out[std::string(cpe::AttributeName(a))] = wfn->Get(a).Unquoted();
    }
    out["fs"] = wfn->ToFormattedString();
    out["uri"] = wfn->ToUri();
    PrintJsonLine(out);
  }
  return kExitOk;
}

}  // namespace

void AddCpeCommands(CLI::App& app, Context& ctx) {
  auto* group =
      app.add_subcommand("cpe", "CPE 2.3 names: parse, bind and match (NISTIR 7695/7696)");
  group->require_subcommand(1);

  auto* match = group->add_subcommand(
      "match", "Print true if PATTERN matches CPE (PATTERN is a superset of or equal to CPE)");
  auto pattern = std::make_shared<std::string>();
  auto target = std::make_shared<std::string>();
  match
      ->add_option("PATTERN", *pattern,
                   "The criteria, e.g. cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*")
      ->required();
  match
      ->add_option("CPE", *target,
                   "The name tested, e.g. cpe:2.3:a:openssl:openssl:3.0.7:*:*:*:*:*:*:*")
      ->required();
  match->callback([&ctx, pattern, target] {
    ctx.action = [pattern, target] { return RunMatch(*pattern, *target); };
  });

  auto* parse = group->add_subcommand(
      "parse",
      "Print each CPE as JSON: the eleven attributes (\"*\" ANY, \"-\" NA) and its fs and uri "
      "bindings");
  auto names = std::make_shared<std::vector<std::string>>();
  parse->add_option("CPE", *names, "Formatted strings (cpe:2.3:...) or URIs (cpe:/...)")
      ->required();
  parse->callback([&ctx, names] { ctx.action = [names] { return RunParse(*names); }; });
}

}  // namespace soupkeeper::cli
