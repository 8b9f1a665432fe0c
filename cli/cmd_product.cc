// `soupkeeper product add|list|show|update`: the products whose records are
// kept. Changes go through the audit trail as ctx.actor, with an optional
// --reason. Text output is for people; `--format json` prints one JSON value
// (a product object, or an array of them for `list`) on one line.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "command.h"
#include "soupkeeper/env.h"
#include "soupkeeper/product.h"
#include "soupkeeper/store.h"

namespace soupkeeper::cli {
namespace {

// Options shared by `add` and `update`; the Option pointers tell which were
// given.
struct ProductOptions {
  std::string name;
  std::string description;
  std::string intended_use;
  std::string intended_environment;
  bool cyber_device = false;
  std::vector<std::string> owners;
  int review_cadence_days = product::kDefaultReviewCadenceDays;
  std::string reason;
  CLI::Option* description_opt = nullptr;
  CLI::Option* intended_use_opt = nullptr;
  CLI::Option* cadence_opt = nullptr;
  CLI::Option* environment_opt = nullptr;
  CLI::Option* cyber_opt = nullptr;
  CLI::Option* owner_opt = nullptr;
};

void AddFieldOptions(CLI::App* cmd, ProductOptions& o) {
  cmd->add_option("NAME", o.name, "Product name: [a-z0-9][a-z0-9._-]*")->required();
  o.description_opt = cmd->add_option("--description", o.description, "What the product is");
  o.intended_use_opt =
      cmd->add_option("--intended-use", o.intended_use, "The product's intended use");
  o.environment_opt = cmd->add_option("--intended-environment", o.intended_environment,
                                      "Where the product is used (e.g. hospital network)");
  o.cyber_opt = cmd->add_option("--cyber-device", o.cyber_device,
                                "Whether it is a cyber device (FD&C Act 524B): true or false")
                    ->type_name("BOOL");
  o.owner_opt = cmd->add_option("--owner", o.owners,
                                "Who answers for its records (repeat for several; on update the "
                                "list given replaces the old one)")
                    ->type_name("NAME");
  o.cadence_opt = cmd->add_option("--review-cadence", o.review_cadence_days,
                                  "Days between monitoring reviews (default 30)")
                      ->type_name("DAYS");
  cmd->add_option("--reason", o.reason, "Why the change is made, for the audit trail");
}

std::string JoinOwners(const std::vector<std::string>& owners) {
  std::string out;
  for (const std::string& o : owners) out += (out.empty() ? "" : ", ") + o;
  return out;
}

void PrintProduct(const Context& ctx, const product::Product& p) {
  if (ctx.json()) {
    PrintJsonLine(product::ToJson(p));
    return;
  }
  std::cout << "name:            " << p.name << "\n"
            << "description:     " << p.description << "\n"
            << "intended use:    " << p.intended_use << "\n"
            << "environment:     " << p.intended_environment << "\n"
            << "cyber device:    " << (p.cyber_device ? "yes" : "no") << "\n"
            << "owners:          " << JoinOwners(p.owners) << "\n"
            << "review cadence:  " << p.review_cadence_days << " days\n"
            << "created:         " << p.created_at << "\n"
            << "updated:         " << p.updated_at << "\n";
}

int RunAdd(const Context& ctx, const ProductOptions& o) {
  auto store = OpenStore(ctx, "product add");
  if (!store.ok()) return Fail(store.status());
  product::Product p;
  p.name = o.name;
  p.description = o.description;
  p.intended_use = o.intended_use;
  p.intended_environment = o.intended_environment;
  p.cyber_device = o.cyber_device;
  p.owners = o.owners;
  p.review_cadence_days = o.review_cadence_days;
  auto added = product::Add(**store, {ctx.actor, o.reason}, p);
  if (!added.ok()) return Fail(added.status());
  if (ctx.json()) {
    PrintJsonLine(product::ToJson(*added));
  } else {
    std::cout << "added product " << added->name << "\n";
  }
  return kExitOk;
}

int RunUpdate(const Context& ctx, const ProductOptions& o) {
  auto store = OpenStore(ctx, "product update");
  if (!store.ok()) return Fail(store.status());
  product::ProductChanges changes;
  if (o.description_opt->count() > 0) changes.description = o.description;
  if (o.intended_use_opt->count() > 0) changes.intended_use = o.intended_use;
  if (o.cadence_opt->count() > 0) changes.review_cadence_days = o.review_cadence_days;
  if (o.environment_opt->count() > 0) changes.intended_environment = o.intended_environment;
  if (o.cyber_opt->count() > 0) changes.cyber_device = o.cyber_device;
  if (o.owner_opt->count() > 0) changes.owners = o.owners;
  auto updated = product::Update(**store, {ctx.actor, o.reason}, o.name, changes);
  if (!updated.ok()) return Fail(updated.status());
  if (ctx.json()) {
    PrintJsonLine(product::ToJson(*updated));
  } else {
    std::cout << "updated product " << updated->name << "\n";
  }
  return kExitOk;
}

int RunShow(const Context& ctx, const std::string& name) {
  auto store = OpenStore(ctx, "product show");
  if (!store.ok()) return Fail(store.status());
  auto p = product::Get(**store, name);
  if (!p.ok()) return Fail(p.status());
  PrintProduct(ctx, *p);
  return kExitOk;
}

int RunList(const Context& ctx) {
  auto store = OpenStore(ctx, "product list");
  if (!store.ok()) return Fail(store.status());
  auto products = product::List(**store);
  if (!products.ok()) return Fail(products.status());
  if (ctx.json()) {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& p : *products) all.push_back(product::ToJson(p));
    PrintJsonLine(all);
    return kExitOk;
  }
  for (const auto& p : *products) {
    std::cout << p.name << "  every " << p.review_cadence_days << " days  " << p.description
              << "\n";
  }
  if (products->empty()) std::cout << "no products\n";
  return kExitOk;
}

}  // namespace

void AddProductCommands(CLI::App& app, Context& ctx) {
  auto* product = app.add_subcommand(
      "product", "Products: the medical-device software whose security records are kept");
  product->require_subcommand(1);

  auto add_opts = std::make_shared<ProductOptions>();
  auto* add = product->add_subcommand("add", "Add a product");
  AddFieldOptions(add, *add_opts);
  add->callback(
      [&ctx, add_opts] { ctx.action = [&ctx, add_opts] { return RunAdd(ctx, *add_opts); }; });

  auto update_opts = std::make_shared<ProductOptions>();
  auto* update = product->add_subcommand("update",
                                         "Change a product's description, intended use or "
                                         "environment, cyber-device flag, owners or review "
                                         "cadence");
  AddFieldOptions(update, *update_opts);
  update->callback([&ctx, update_opts] {
    ctx.action = [&ctx, update_opts] { return RunUpdate(ctx, *update_opts); };
  });

  auto show_name = std::make_shared<std::string>();
  auto* show = product->add_subcommand("show", "Show one product");
  show->add_option("NAME", *show_name, "Product name")->required();
  show->callback(
      [&ctx, show_name] { ctx.action = [&ctx, show_name] { return RunShow(ctx, *show_name); }; });

  auto* list = product->add_subcommand("list", "List the products");
  list->callback([&ctx] { ctx.action = [&ctx] { return RunList(ctx); }; });
}

}  // namespace soupkeeper::cli
