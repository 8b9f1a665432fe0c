// The demo's steps, one function each, in the order a user would work.
#include "demo_steps.h"

#include "soupkeeper/match.h"
#include "soupkeeper/product.h"
#include "soupkeeper/sbom.h"
#include "soupkeeper/store.h"
#include "soupkeeper/vuln.h"

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

// The bundled demo data (demo/ of the source tree).
std::string DemoPath(const std::string& name) {
  return std::string(SOUPKEEPER_SOURCE_DIR "/demo/") + name;
}

// Imports the hand-written advisories of demo/advisories (OSV, NVD, KEV) into
// the workspace's knowledge base.
Status ImportDemoAdvisories(DemoRun& run) {
  const std::string db = (run.workspace / "soupkeeper.db").string();
  SK_ASSIGN_OR_RETURN(auto store, store::Store::Open(db, Env::Default()));
  CollectingSink sink;
  SK_ASSIGN_OR_RETURN(vuln::ImportReport report,
                      vuln::ImportPaths(*store, Env::Default(), {DemoPath("advisories")},
                                        {run.ctx.actor, "demo advisories"}, sink));
  for (const Diagnostic& d : sink.Take()) run.out << "  " << d.ToString() << "\n";
  if (report.errors() > 0) return Internal("demo: the bundled advisories did not import cleanly");
  for (const auto& [source, c] : report.sources) {
    run.out << "imported " << c.added << " " << source << " records\n";
  }
  SK_ASSIGN_OR_RETURN(match::IndexReport index,
                      match::RefreshIndex(*store, {run.ctx.actor, "demo: match index"}));
  run.out << "match index: " << index.reindexed << " records, " << index.keys << " keys\n";
  return Status::Ok();
}

// Scans the sample SBOM against them and prints the findings table.
Status ScanDemoSbom(DemoRun& run) {
  const std::string db = (run.workspace / "soupkeeper.db").string();
  const std::string path = DemoPath("infusion-pump-controller-2.3.0.cdx.json");
  SK_ASSIGN_OR_RETURN(auto store, store::Store::Open(db, Env::Default()));
  SK_ASSIGN_OR_RETURN(std::string bytes, Env::Default()->ReadFile(path));
  CollectingSink sink;
  SK_ASSIGN_OR_RETURN(sbom::Document doc, sbom::Decode(bytes, path, sink));
  SK_ASSIGN_OR_RETURN(match::ScanResult result,
                      match::Scan(*store, doc, {run.ctx.actor, "demo scan"}, sink));
  match::ReportInput in{&doc, path, &result, FormatTime(Env::Default()->Now()), SOUPKEEPER_VERSION};
  SK_ASSIGN_OR_RETURN(std::string table, match::RenderReport("table", in));
  run.out << "soupkeeper scan " << path << "\n" << table;
  const std::string sarif = (run.workspace / "findings.sarif").string();
  SK_ASSIGN_OR_RETURN(std::string sarif_text, match::RenderReport("sarif", in));
  SK_RETURN_IF_ERROR(Env::Default()->WriteFile(sarif, sarif_text));
  const std::string vex = (run.workspace / "findings.vex.cdx.json").string();
  SK_ASSIGN_OR_RETURN(std::string vex_text, match::RenderReport("cyclonedx-vex", in));
  SK_RETURN_IF_ERROR(Env::Default()->WriteFile(vex, vex_text));
  run.out << "wrote " << sarif << " and " << vex << "\n";
  return Status::Ok();
}

}  // namespace

const std::vector<DemoStep>& DemoSteps() {
  static const std::vector<DemoStep> steps = {
      {"soupkeeper version", ShowVersion},
      {"a product and its audit trail", AddProductAndVerifyLog},
      {"vulnerability advisories into the knowledge base", ImportDemoAdvisories},
      {"scan the release SBOM", ScanDemoSbom},
  };
  return steps;
}

}  // namespace soupkeeper::cli
