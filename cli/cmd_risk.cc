// `soupkeeper risk add ITEM ...` and `risk list ITEM`: the security risks of
// SOUP items (IEC 81001-5-1 5.2.3) with their disposition, compensating
// controls (security requirement id = verification reference), residual
// risk, ISO 14971 hazard link and acceptance. `--format json` prints one
// JSON value.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "command.h"
#include "soupkeeper/inventory.h"

namespace soupkeeper::cli {
namespace {

struct RiskOptions {
  inventory::SecurityRisk r;
  std::vector<std::string> controls;  // REQ-ID=VERIFICATION-REF
  std::string reason;
};

int RunAdd(const Context& ctx, RiskOptions o) {
  for (const std::string& c : o.controls) {
    size_t eq = c.find('=');
    if (eq == std::string::npos) {
      return Fail(
          InvalidArgument("risk add: --control '" + c + "' is not REQ-ID=VERIFICATION-REF"));
    }
    o.r.controls.push_back({c.substr(0, eq), c.substr(eq + 1)});
  }
  auto store = OpenStore(ctx, "risk add");
  if (!store.ok()) return Fail(store.status());
  auto added = inventory::AddRisk(**store, {ctx.actor, o.reason}, o.r);
  if (!added.ok()) return Fail(added.status());
  if (ctx.json()) {
    PrintJsonLine(inventory::ToJson(*added));
  } else {
    std::cout << "added security risk #" << added->number << " of " << added->item_key << " ("
              << added->disposition << ")\n";
  }
  return kExitOk;
}

int RunList(const Context& ctx, const std::string& key) {
  auto store = OpenStore(ctx, "risk list");
  if (!store.ok()) return Fail(store.status());
  auto risks = inventory::Risks(**store, key);
  if (!risks.ok()) return Fail(risks.status());
  if (ctx.json()) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& r : *risks) j.push_back(inventory::ToJson(r));
    PrintJsonLine(j);
    return kExitOk;
  }
  for (const auto& r : *risks) {
    std::cout << "#" << r.number << "  " << r.disposition << "  " << r.threat << "\n";
    for (const auto& c : r.controls) {
      std::cout << "    control " << c.requirement << " verified by " << c.verification << "\n";
    }
    if (!r.residual.empty()) std::cout << "    residual: " << r.residual << "\n";
    if (!r.hazard.empty()) std::cout << "    hazard: " << r.hazard << "\n";
    if (!r.doc_ref.empty()) std::cout << "    documented in: " << r.doc_ref << "\n";
    std::cout << "    accepted by " << r.accepted_by << " at " << r.created_at << "\n";
  }
  if (risks->empty()) std::cout << "no security risks recorded for " << key << "\n";
  return kExitOk;
}

}  // namespace

void AddRiskCommands(CLI::App& app, Context& ctx) {
  auto* risk = app.add_subcommand("risk", "Security risks of SOUP items and their disposition");
  risk->require_subcommand(1);

  auto o = std::make_shared<RiskOptions>();
  auto* add = risk->add_subcommand("add", "Record a security risk of an item");
  add->add_option("ITEM", o->r.item_key, "Item key")->required();
  add->add_option("--threat", o->r.threat, "The threat")->required();
  add->add_option("--disposition", o->r.disposition,
                  "acceptable, controlled, transferred or not-used-vulnerably")
      ->required();
  add->add_option("--control", o->controls,
                  "A compensating control: REQ-ID=VERIFICATION-REF (repeat)")
      ->type_name("REQ=REF");
  add->add_option("--residual", o->r.residual, "Residual-risk statement");
  add->add_option("--hazard", o->r.hazard, "ISO 14971 hazard reference");
  add->add_option("--doc-ref", o->r.doc_ref, "User documentation reference (for transferred)");
  add->add_option("--accepted-by", o->r.accepted_by, "Who accepted the residual risk")->required();
  add->add_option("--reason", o->reason, "Why, for the audit trail");
  add->callback([&ctx, o] { ctx.action = [&ctx, o] { return RunAdd(ctx, *o); }; });

  auto key = std::make_shared<std::string>();
  auto* list = risk->add_subcommand("list", "List the security risks of an item");
  list->add_option("ITEM", *key, "Item key")->required();
  list->callback([&ctx, key] { ctx.action = [&ctx, key] { return RunList(ctx, *key); }; });
}

}  // namespace soupkeeper::cli
