// The demo's steps, one function each, in the order a user would work.
#include "demo_steps.h"

#include "soupkeeper/product.h"
#include "soupkeeper/store.h"

namespace soupkeeper::cli {
namespace {

Status ShowVersion(DemoRun& run) {
  run.out << "soupkeeper " SOUPKEEPER_VERSION "\n";
  return Status::Ok();
}

// Opens the workspace database, adds the sample product through the audit
// trail and verifies the trail.
Status AddProductAndVerifyLog(DemoRun& run) {
  const std::string db = (run.workspace / "soupkeeper.db").string();
  SK_ASSIGN_OR_RETURN(auto store, store::Store::Open(db, Env::Default()));
  run.out << "opened " << db << " (" << store->dialect() << ", schema version "
          << store->schema_version() << ")\n";
  product::Product p;
  p.name = "infusion-pump-controller";
  p.description = "Controller software of a fictional volumetric infusion pump";
  p.intended_use = "Controls the delivery rate of IV fluids in a fictional infusion pump";
  p.review_cadence_days = 30;
  SK_ASSIGN_OR_RETURN(product::Product added,
                      product::Add(*store, {run.ctx.actor, "demo sample product"}, p));
  run.out << "added product " << added.name << " (review every " << added.review_cadence_days
          << " days) as " << run.ctx.actor << "\n";
  SK_ASSIGN_OR_RETURN(store::VerifyReport report, store->Verify(std::nullopt));
  if (!report.ok()) return Internal("demo: audit trail broken: " + report.problems[0].message);
  run.out << "audit trail intact: " << report.events << " events, head " << report.head_seq << " "
          << report.head_hash << "\n";
  return Status::Ok();
}

}  // namespace

const std::vector<DemoStep>& DemoSteps() {
  static const std::vector<DemoStep> steps = {
      {"soupkeeper version", ShowVersion},
      {"a product and its audit trail", AddProductAndVerifyLog},
  };
  return steps;
}

}  // namespace soupkeeper::cli
