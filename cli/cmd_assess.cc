// `soupkeeper assess ITEM VERSION --decision ...`, `assess list [ITEM]`,
// `assess show ITEM NUMBER`: pre-adoption assessments of SOUP versions, each
// with the four criteria and a snapshot of the vulnerabilities the knowledge
// base knew for the version (KEV and critical counted). An assessment closes
// the item's open re-evaluations. `--format json` prints one JSON value.
#include <iostream>
#include <memory>
#include <string>

#include "command.h"
#include "soupkeeper/diagnostics.h"
#include "soupkeeper/inventory.h"

namespace soupkeeper::cli {
namespace {

struct AssessOptions {
  inventory::Assessment a;
  std::string criteria[std::size(inventory::kCriteria)];  // "RESULT[: NOTE]"
  std::string reason;
};

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  size_t e = s.find_last_not_of(" \t");
  return b == std::string_view::npos ? "" : std::string(s.substr(b, e - b + 1));
}

int RunAssess(const Context& ctx, AssessOptions o) {
  auto store = OpenStore(ctx, "assess");
  if (!store.ok()) return Fail(store.status());
  for (size_t i = 0; i < std::size(inventory::kCriteria); ++i) {
    if (o.criteria[i].empty()) continue;
    size_t colon = o.criteria[i].find(':');
    std::string note = colon == std::string::npos ? "" : Trim(o.criteria[i].substr(colon + 1));
    o.a.criteria.push_back(
        {std::string(inventory::kCriteria[i]), Trim(o.criteria[i].substr(0, colon)), note});
  }
  CollectingSink sink;
  auto added = inventory::Assess(**store, {ctx.actor, o.reason}, o.a, sink);
  PrintWarnings(sink.Take());
  if (!added.ok()) return Fail(added.status());
  if (ctx.json()) {
    PrintJsonLine(inventory::ToJson(*added));
  } else {
    std::cout << "assessment #" << added->number << " of " << added->item_key << " "
              << added->version << ": " << added->decision << " (" << added->vulnerabilities.total
              << " known vulnerabilities, " << added->vulnerabilities.kev << " KEV, "
              << added->vulnerabilities.critical << " critical)\n";
  }
  return kExitOk;
}

void PrintAssessment(const inventory::Assessment& a) {
  std::cout << "assessment:  " << a.item_key << " #" << a.number << "\n"
            << "version:     " << a.version << "\n"
            << "decision:    " << a.decision << "\n"
            << "rationale:   " << a.rationale << "\n"
            << "conditions:  " << (a.conditions.empty() ? "-" : a.conditions) << "\n"
            << "assessor:    " << a.assessor << "\n"
            << "approver:    " << a.approver << "\n"
            << "date:        " << a.date << "\n";
  for (const auto& c : a.criteria) {
    std::cout << "criterion:   " << c.criterion << " " << c.result
              << (c.note.empty() ? "" : ": " + c.note) << "\n";
  }
  std::cout << "known vulnerabilities: " << a.vulnerabilities.total << " (" << a.vulnerabilities.kev
            << " KEV, " << a.vulnerabilities.critical << " critical)";
  for (const auto& id : a.vulnerabilities.ids) std::cout << " " << id;
  std::cout << "\n";
}

int RunList(const Context& ctx, const std::string& key, int64_t number) {
  auto store = OpenStore(ctx, number > 0 ? "assess show" : "assess list");
  if (!store.ok()) return Fail(store.status());
  auto all = inventory::Assessments(**store, key);
  if (!all.ok()) return Fail(all.status());
  if (number > 0) {
    for (const auto& a : *all) {
      if (a.number != number) continue;
      if (ctx.json()) {
        PrintJsonLine(inventory::ToJson(a));
      } else {
        PrintAssessment(a);
      }
      return kExitOk;
    }
    return Fail(NotFound("SOUP item '" + key + "' has no assessment #" + std::to_string(number)));
  }
  if (ctx.json()) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& a : *all) j.push_back(inventory::ToJson(a));
    PrintJsonLine(j);
    return kExitOk;
  }
  for (const auto& a : *all) {
    std::cout << a.item_key << " #" << a.number << "  " << a.version << "  " << a.date << "  "
              << a.decision << "  " << a.vulnerabilities.total << " known vulnerabilities\n";
  }
  if (all->empty()) std::cout << "no assessments\n";
  return kExitOk;
}

}  // namespace

void AddAssessCommands(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<AssessOptions>();
  auto* assess = app.add_subcommand(
      "assess", "Record a pre-adoption assessment of a SOUP version (or: assess list|show)");
  assess->require_subcommand(0, 1);
  assess->add_option("ITEM", o->a.item_key, "Item key, e.g. pkg:generic/openssl");
  assess->add_option("VERSION", o->a.version, "The version assessed");
  assess->add_option("--decision", o->a.decision, "approved, approved-with-conditions or rejected");
  assess->add_option("--rationale", o->a.rationale, "Why");
  assess->add_option("--conditions", o->a.conditions, "The conditions of an approval");
  assess->add_option("--assessor", o->a.assessor, "Who assessed");
  assess->add_option("--approver", o->a.approver, "Who approved the decision");
  assess->add_option("--date", o->a.date, "Date of the assessment, YYYY-MM-DD");
  for (size_t i = 0; i < std::size(inventory::kCriteria); ++i) {
    assess
        ->add_option("--" + std::string(inventory::kCriteria[i]), o->criteria[i],
                     "pass, fail or n/a, then ': NOTE'")
        ->type_name("RESULT[:NOTE]");
  }
  assess->add_option("--reason", o->reason, "Why, for the audit trail");

  auto list_key = std::make_shared<std::string>();
  auto* list = assess->add_subcommand("list", "List assessments (of one item, or all)");
  list->add_option("ITEM", *list_key, "Item key");
  list->callback(
      [&ctx, list_key] { ctx.action = [&ctx, list_key] { return RunList(ctx, *list_key, 0); }; });

  auto show_key = std::make_shared<std::string>();
  auto show_number = std::make_shared<int64_t>(0);
  auto* show = assess->add_subcommand("show", "Show one assessment");
  show->add_option("ITEM", *show_key, "Item key")->required();
  show->add_option("NUMBER", *show_number, "Assessment number")
      ->required()
      ->check(CLI::PositiveNumber);
  show->callback([&ctx, show_key, show_number] {
    ctx.action = [&ctx, show_key, show_number] { return RunList(ctx, *show_key, *show_number); };
  });

  assess->callback([&ctx, assess, o] {
    if (!assess->get_subcommands().empty()) return;
    ctx.action = [&ctx, o] {
      if (o->a.item_key.empty() || o->a.version.empty()) {
        return Fail(InvalidArgument("assess: give ITEM and VERSION (or assess list|show)"));
      }
      return RunAssess(ctx, *o);
    };
  });
}

}  // namespace soupkeeper::cli
