// `soupkeeper version`: compare and sort versions under an ecosystem's
// ordering, and list the version schemes.
//
//   soupkeeper version compare ECOSYSTEM A B   prints <, = or >
//   soupkeeper version sort ECOSYSTEM          sorts stdin's lines ascending
//   soupkeeper version schemes                 lists the schemes
//
// ECOSYSTEM is a scheme name ("semver", "pypi", ...) or a purl type ("alpine",
// "github", ...). An invalid version exits 2 naming it (and its line on
// stdin for `sort`).
#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "command.h"
#include "soupkeeper/version.h"

namespace soupkeeper::cli {
namespace {

Result<const version::VersionScheme*> ResolveScheme(const std::string& ecosystem) {
  if (const version::VersionScheme* s = version::SchemeForPurlType(ecosystem)) return s;
  if (const version::VersionScheme* s = version::FindScheme(ecosystem)) return s;
  return InvalidArgument("unknown ecosystem '" + ecosystem +
                         "' (see `soupkeeper version schemes`)");
}

int RunCompare(Context& ctx, const std::string& ecosystem, const std::string& a,
               const std::string& b) {
  auto scheme = ResolveScheme(ecosystem);
  if (!scheme.ok()) return Fail(scheme.status());
  auto pa = (*scheme)->Parse(a);
  if (!pa.ok()) return Fail(pa.status());
  auto pb = (*scheme)->Parse(b);
  if (!pb.ok()) return Fail(pb.status());
  int c = (*scheme)->Compare(**pa, **pb);
  const char* symbol = c < 0 ? "<" : c > 0 ? ">" : "=";
  if (ctx.json()) {
    PrintJsonLine(
        {{"scheme", std::string((*scheme)->Name())}, {"a", a}, {"b", b}, {"result", symbol}});
  } else {
    std::cout << symbol << "\n";
  }
  return kExitOk;
}

int RunSort(Context& ctx, const std::string& ecosystem) {
  auto scheme = ResolveScheme(ecosystem);
  if (!scheme.ok()) return Fail(scheme.status());
  struct Entry {
    std::string text;
    std::unique_ptr<version::ParsedVersion> parsed;
  };
  std::vector<Entry> entries;
  std::string line;
  for (size_t number = 1; std::getline(std::cin, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    auto parsed = (*scheme)->Parse(line);
    if (!parsed.ok()) return Fail(parsed.status().WithContext("stdin:" + std::to_string(number)));
    entries.push_back({line, std::move(*parsed)});
  }
  std::vector<const version::ParsedVersion*> parsed;
  for (const Entry& e : entries) parsed.push_back(e.parsed.get());
  std::vector<std::string> sorted;
  for (size_t i : (*scheme)->SortedOrder(parsed)) sorted.push_back(entries[i].text);
  if (ctx.json()) {
    nlohmann::json list = nlohmann::json::array();
    for (const std::string& text : sorted) list.push_back(text);
    PrintJsonLine({{"scheme", std::string((*scheme)->Name())}, {"versions", list}});
  } else {
    for (const std::string& text : sorted) std::cout << text << "\n";
  }
  return kExitOk;
}

int RunSchemes(Context& ctx) {
  for (const version::VersionScheme* s : version::AllSchemes()) {
    if (ctx.json()) {
      PrintJsonLine(
          {{"name", std::string(s->Name())}, {"description", std::string(s->Description())}});
    } else {
      std::cout << s->Name() << "\t" << s->Description() << "\n";
    }
  }
  return kExitOk;
}

}  // namespace

void AddVersionCommands(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand("version", "Compare and sort versions under an ecosystem");
  group->require_subcommand(1);

  auto* compare = group->add_subcommand("compare", "Print <, = or > for two versions");
  auto args = std::make_shared<std::vector<std::string>>(3);
  compare->add_option("ecosystem", (*args)[0], "Scheme name or purl type (e.g. pypi, npm, deb)")
      ->required();
  compare->add_option("a", (*args)[1], "First version")->required();
  compare->add_option("b", (*args)[2], "Second version")->required();
  compare->callback([&ctx, args] {
    ctx.action = [&ctx, args] { return RunCompare(ctx, (*args)[0], (*args)[1], (*args)[2]); };
  });

  auto* sort = group->add_subcommand("sort", "Sort the versions on stdin (one a line) ascending");
  auto ecosystem = std::make_shared<std::string>();
  sort->add_option("ecosystem", *ecosystem, "Scheme name or purl type")->required();
  sort->callback(
      [&ctx, ecosystem] { ctx.action = [&ctx, ecosystem] { return RunSort(ctx, *ecosystem); }; });

  auto* schemes = group->add_subcommand("schemes", "List the version schemes");
  schemes->callback([&ctx] { ctx.action = [&ctx] { return RunSchemes(ctx); }; });
}

}  // namespace soupkeeper::cli
