// The demo's steps, one function each, in the order a user would work.
#include "demo_steps.h"

#include <filesystem>
#include <map>

#include "demo_files.h"
#include "soupkeeper/findings.h"
#include "soupkeeper/gate.h"
#include "soupkeeper/inventory.h"
#include "soupkeeper/match.h"
#include "soupkeeper/product.h"
#include "soupkeeper/release.h"
#include "soupkeeper/sbom.h"
#include "soupkeeper/store.h"
#include "soupkeeper/supplier.h"
#include "soupkeeper/triage.h"
#include "soupkeeper/vex.h"
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
  p.intended_environment = "Hospital wards and ICUs; gateway on the hospital clinical network";
  p.cyber_device = true;
  p.owners = {"product-security", "qa-ra"};
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

constexpr std::string_view kDemoProduct = "infusion-pump-controller";

Result<std::string> DemoSbom(std::string_view name) {
  for (const DemoFile& f : DemoFiles()) {
    if (f.name == name) return std::string(f.bytes);
  }
  return Internal("demo: the bundled file " + std::string(name) + " is missing from this build");
}

Result<std::unique_ptr<store::Store>> OpenWorkspace(DemoRun& run) {
  return store::Store::Open((run.workspace / "soupkeeper.db").string(), Env::Default());
}

Status AddDemoRelease(DemoRun& run, store::Store& store, const std::string& version,
                      const std::string& date, const std::optional<std::string>& previous) {
  const std::string file = "infusion-pump-controller-" + version + ".cdx.json";
  release::NewRelease r;
  r.product = std::string(kDemoProduct);
  r.version = version;
  SK_ASSIGN_OR_RETURN(r.sbom_bytes, DemoSbom(file));
  r.sbom_source = "demo/" + file;
  r.source_revision = "v" + version;
  r.build_id = "ci-" + version;
  r.release_date = date;
  r.previous_version = previous;
  CollectingSink sink;
  SK_ASSIGN_OR_RETURN(release::Release added,
                      release::Add(store, {run.ctx.actor, "demo release " + version}, r, sink));
  SK_ASSIGN_OR_RETURN(release::SbomSnapshot snap, release::Snapshot(store, added.sbom_sha256));
  run.out << "added release " << added.product << " " << added.version << " (draft) from "
          << r.sbom_source << ": " << snap.components.size() << " components, " << snap.format
          << " " << snap.spec_version << ", sha256 " << added.sbom_sha256 << "\n";
  SK_ASSIGN_OR_RETURN(
      release::Release frozen,
      release::Freeze(store, {run.ctx.actor, "demo: release approved"}, kDemoProduct, version));
  run.out << "froze release " << frozen.version << ": " << release::StatusName(frozen.status)
          << " since " << *frozen.frozen_at << "; its baseline is now immutable\n";
  return Status::Ok();
}

// Adds release 2.3.0 with the bundled SBOM, freezes it, shows it, and gets
// the exact bytes back.
Status AddFirstRelease(DemoRun& run) {
  SK_ASSIGN_OR_RETURN(auto store, OpenWorkspace(run));
  SK_RETURN_IF_ERROR(AddDemoRelease(run, *store, "2.3.0", "2026-10-05", std::nullopt));
  SK_ASSIGN_OR_RETURN(release::Release r, release::Get(*store, kDemoProduct, "2.3.0"));
  run.out << "release show " << kDemoProduct << " 2.3.0: " << release::StatusName(r.status)
          << ", source revision " << r.source_revision << ", build " << r.build_id << ", released "
          << r.release_date.value_or("-") << ", SBOM " << r.sbom_sha256 << "\n";
  SK_ASSIGN_OR_RETURN(std::string bytes, release::OriginalSbom(*store, kDemoProduct, "2.3.0"));
  SK_ASSIGN_OR_RETURN(std::string original, DemoSbom("infusion-pump-controller-2.3.0.cdx.json"));
  if (bytes != original) return Internal("demo: the stored SBOM differs from the bundled one");
  run.out << "release sbom gives back the original " << bytes.size()
          << " bytes (SHA-256 verified)\n";
  return Status::Ok();
}

// Adds 2.4.0 (OpenSSL and zlib upgraded, libwebp removed, cJSON added) and
// shows the component diff.
Status AddSecondReleaseAndDiff(DemoRun& run) {
  SK_ASSIGN_OR_RETURN(auto store, OpenWorkspace(run));
  SK_RETURN_IF_ERROR(AddDemoRelease(run, *store, "2.4.0", "2027-03-15", "2.3.0"));
  SK_ASSIGN_OR_RETURN(release::Release a, release::Get(*store, kDemoProduct, "2.3.0"));
  SK_ASSIGN_OR_RETURN(release::Release b, release::Get(*store, kDemoProduct, "2.4.0"));
  SK_ASSIGN_OR_RETURN(release::SbomSnapshot sa, release::Snapshot(*store, a.sbom_sha256));
  SK_ASSIGN_OR_RETURN(release::SbomSnapshot sb, release::Snapshot(*store, b.sbom_sha256));
  SK_ASSIGN_OR_RETURN(release::ComponentDiff diff,
                      inventory::DiffReleases(*store, a, sa.components, b, sb.components));
  run.out << "release diff " << kDemoProduct << " 2.3.0 2.4.0:\n";
  for (const std::string& line : release::DiffLines(diff)) run.out << "  " << line << "\n";
  run.out << "  " << release::DiffSummary(diff) << "\n";
  SK_ASSIGN_OR_RETURN(store::VerifyReport report, store->Verify(std::nullopt));
  SK_ASSIGN_OR_RETURN(std::vector<store::Problem> problems, release::CheckSnapshots(*store));
  if (!report.ok() || !problems.empty()) {
    return Internal("demo: audit trail broken: " +
                    (report.ok() ? problems[0].message : report.problems[0].message));
  }
  run.out << "audit trail intact: " << report.events << " events, head " << report.head_seq << " "
          << report.head_hash << "\n";
  return Status::Ok();
}

// Writes the hand-written advisories bundled from demo/advisories (OSV, NVD,
// KEV) and demo/csaf (CSAF) into the workspace's advisories folder and
// imports them into its knowledge base. The CSAF record has its own folder
// so that the tests importing demo/advisories keep their figures.
Status ImportDemoAdvisories(DemoRun& run) {
  SK_ASSIGN_OR_RETURN(auto store, OpenWorkspace(run));
  const std::filesystem::path dir = run.workspace / "advisories";
  SK_RETURN_IF_ERROR(Env::Default()->CreateDirectories(dir.string()));
  for (const DemoFile& f : DemoFiles()) {
    if (f.name.rfind("advisories/", 0) != 0 && f.name.rfind("csaf/", 0) != 0) continue;
    const std::string file = std::filesystem::path(f.name).filename().string();
    SK_RETURN_IF_ERROR(Env::Default()->WriteFile((dir / file).string(), f.bytes));
  }
  CollectingSink sink;
  SK_ASSIGN_OR_RETURN(vuln::ImportReport report,
                      vuln::ImportPaths(*store, Env::Default(), {dir.string()},
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
  const std::string path = "demo/infusion-pump-controller-2.3.0.cdx.json";
  SK_ASSIGN_OR_RETURN(auto store, OpenWorkspace(run));
  SK_ASSIGN_OR_RETURN(std::string bytes, DemoSbom("infusion-pump-controller-2.3.0.cdx.json"));
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

// Evaluates the findings of both stored releases (what `feed import` does
// after every import) and shows what 2.4.0 fixed.
Status EvaluateReleaseFindings(DemoRun& run) {
  SK_ASSIGN_OR_RETURN(auto store, OpenWorkspace(run));
  SK_ASSIGN_OR_RETURN(std::vector<findings::Evaluation> done,
                      findings::EvaluateAll(*store, {run.ctx.actor, "demo: monitoring"}, "", {}));
  for (const findings::Evaluation& e : done) run.out << findings::Summary(e) << "\n";
  SK_ASSIGN_OR_RETURN(findings::VulnerabilityDiff diff,
                      findings::Compare(*store, kDemoProduct, "2.3.0", "2.4.0"));
  run.out << "vulnerabilities 2.3.0 -> 2.4.0:\n";
  for (const std::string& line : findings::DiffLines(diff)) run.out << "  " << line << "\n";
  return Status::Ok();
}

// The demo's gate policy: the demo does not triage the open KEV findings of
// 2.3.0, so they are warnings here, not errors.
constexpr std::string_view kDemoGatePolicy = "rules:\n  kev-unassessed: warning\n";

Status Approve(DemoRun& run, store::Store& store, const std::string& key,
               const std::string& version, const std::string& date,
               const std::string& decision = "approved", const std::string& conditions = "") {
  inventory::Assessment a;
  a.item_key = key;
  a.version = version;
  a.decision = decision;
  a.rationale = decision == "rejected" ? "CVE-2021-44228 (Log4Shell) is exploited"
                                       : "maintained upstream, no open critical issue";
  a.conditions = conditions;
  a.assessor = run.ctx.actor;
  a.approver = "qa-ra";
  a.date = date;
  for (std::string_view c : inventory::kCriteria) {
    a.criteria.push_back({std::string(c), decision == "rejected" ? "fail" : "pass", ""});
  }
  NullSink sink;
  return inventory::Assess(store, {run.ctx.actor, "demo assessment"}, a, sink).status();
}

Status RunDemoGate(DemoRun& run, store::Store& store, const gate::Policy& policy) {
  SK_ASSIGN_OR_RETURN(gate::Report report,
                      gate::EvaluateRelease(store, kDemoProduct, "2.3.0", policy));
  run.out << "soupkeeper gate --product " << kDemoProduct
          << " --release 2.3.0 --policy gate.yaml\n";
  for (const std::string& line : gate::TextLines(report, false)) run.out << "  " << line << "\n";
  run.out << "  " << gate::Summary(report) << "\n";
  return Status::Ok();
}

// Syncs the inventory from 2.3.0, imports the bundled SOUP list and
// supplier, records dispositions and assessments, runs the gate (it fails),
// records the fixes and runs it again (it passes).
Status GateRelease(DemoRun& run) {
  SK_ASSIGN_OR_RETURN(auto store, OpenWorkspace(run));
  const store::Author author{run.ctx.actor, "demo: SOUP records"};
  NullSink sink;
  SK_ASSIGN_OR_RETURN(inventory::SyncReport sync,
                      inventory::FromRelease(*store, author, kDemoProduct, "2.3.0", sink));
  run.out << "soup sync: " << sync.items_added << " items, " << sync.versions_added
          << " versions with their support data from the SBOM\n";
  SK_ASSIGN_OR_RETURN(std::string suppliers, DemoSbom("suppliers.yaml"));
  SK_ASSIGN_OR_RETURN(size_t added,
                      supplier::Import(*store, author, suppliers, "demo/suppliers.yaml"));
  SK_ASSIGN_OR_RETURN(std::string csv, DemoSbom("soup-list.csv"));
  SK_ASSIGN_OR_RETURN(inventory::ListTable table, inventory::ParseCsv(csv, "demo/soup-list.csv"));
  SK_ASSIGN_OR_RETURN(inventory::ImportReport imported,
                      inventory::Import(*store, author, table, /*partial=*/false));
  run.out << "soup import demo/soup-list.csv: " << imported.imported
          << " items classified; supplier import demo/suppliers.yaml: " << added
          << " supplier with its quality agreement\n";
  for (const std::string& key : sync.keys) {
    inventory::SecurityRisk r;
    r.item_key = key;
    r.threat = "a published vulnerability of the component is exploited";
    r.disposition = "acceptable";
    r.accepted_by = "qa-ra";
    SK_RETURN_IF_ERROR(inventory::AddRisk(*store, author, r).status());
  }
  SK_ASSIGN_OR_RETURN(release::Release rel, release::Get(*store, kDemoProduct, "2.3.0"));
  SK_ASSIGN_OR_RETURN(release::SbomSnapshot snap, release::Snapshot(*store, rel.sbom_sha256));
  for (const release::SnapshotComponent& c : snap.components) {
    const bool log4j = c.name == "log4j-core";
    SK_RETURN_IF_ERROR(Approve(run, *store, inventory::KeyOf(c), c.version, "2026-09-15",
                               log4j ? "rejected" : "approved"));
  }
  run.out << "recorded " << sync.keys.size() << " security risk dispositions and "
          << snap.components.size() << " assessments (log4j-core 2.14.1 rejected)\n";
  const std::string policy_path = (run.workspace / "gate.yaml").string();
  SK_RETURN_IF_ERROR(Env::Default()->WriteFile(policy_path, kDemoGatePolicy));
  SK_ASSIGN_OR_RETURN(gate::Policy policy, gate::ParsePolicy(kDemoGatePolicy, policy_path));
  run.out << "wrote " << policy_path
          << " (kev-unassessed as a warning: the demo does not triage its KEV findings)\n";
  SK_RETURN_IF_ERROR(RunDemoGate(run, *store, policy));

  SK_RETURN_IF_ERROR(Approve(run, *store, "pkg:maven/org.apache.logging.log4j/log4j-core", "2.14.1",
                             "2026-10-01", "approved-with-conditions",
                             "message lookups disabled (log4j2.formatMsgNoLookups=true); "
                             "upgrade in 2.4.0"));
  inventory::SecurityRisk r;
  r.item_key = "pkg:generic/openssl";
  r.threat = "OpenSSL 1.0.1f is past its end of support; new TLS flaws stay unfixed";
  r.disposition = "controlled";
  r.controls = {{"SR-TLS-01", "TC-311"}, {"SR-NET-04", "TC-118"}};
  r.residual = "low: TLS only to the hospital gateway, heartbeat extension disabled";
  r.accepted_by = "qa-ra";
  SK_RETURN_IF_ERROR(inventory::AddRisk(*store, author, r).status());
  run.out << "fixed: log4j-core 2.14.1 approved with conditions; openssl risk controlled "
             "(SR-TLS-01, SR-NET-04; residual low)\n";
  return RunDemoGate(run, *store, policy);
}

// The open findings of the demo product with vulnerability `vulnerability`.
std::vector<int64_t> FindingIds(const std::vector<findings::StoredFinding>& open,
                                std::string_view vulnerability) {
  std::vector<int64_t> ids;
  for (const findings::StoredFinding& f : open) {
    if (f.vulnerability == vulnerability) ids.push_back(f.id);
  }
  return ids;
}

// Triage decisions on the findings of both releases (one decision per
// component version covers every release that ships it), then a monitoring
// review: it gathers the findings, defers one and is completed.
Status TriageAndReview(DemoRun& run) {
  SK_ASSIGN_OR_RETURN(auto store, OpenWorkspace(run));
  const store::Author author{run.ctx.actor, "demo: triage"};
  findings::Filter filter;
  filter.product = std::string(kDemoProduct);
  SK_ASSIGN_OR_RETURN(std::vector<findings::StoredFinding> open, findings::List(*store, filter));
  struct NotAffected {
    const char* vulnerability;
    const char* justification;
    const char* detail;
  };
  static constexpr NotAffected kNotAffected[] = {
      {"CVE-2014-0160", "code_not_present",
       "built with OPENSSL_NO_HEARTBEATS: the TLS heartbeat extension is not compiled in"},
      {"CVE-2023-4863", "code_not_reachable",
       "the display decodes only the PNG assets bundled in the firmware, never WebP"},
      {"CVE-2022-37434", "code_not_reachable",
       "inflateGetHeader() is never called, so the gzip extra field is not read"},
      {"CVE-2021-23337", "code_not_reachable", "the service UI never calls _.template()"},
      {"CVE-2021-43997", "code_not_present",
       "the controller runs the ARM_CM4F port without the MPU: xPortRaisePrivilege and the MPU "
       "wrappers are not compiled in"},
  };
  auto decide = [&](triage::Request r) -> Status {
    SK_ASSIGN_OR_RETURN(std::vector<triage::Decision> done, triage::Decide(*store, author, r));
    for (const triage::Decision& d : done) {
      run.out << "triage " << d.identity << "@" << d.component_version << " " << d.vulnerability
              << ": " << d.state << (d.justification.empty() ? "" : " (" + d.justification + ")")
              << (d.ssvc_priority.empty() ? "" : ", SSVC " + d.ssvc_priority)
              << (d.fda_risk.empty() ? "" : ", " + d.fda_risk + " risk") << "; covers "
              << d.covers.size() << " finding(s)\n";
    }
    return Status::Ok();
  };
  for (const NotAffected& n : kNotAffected) {
    triage::Request r;
    r.finding_ids = FindingIds(open, n.vulnerability);
    r.state = "not_affected";
    r.justification = n.justification;
    r.detail = n.detail;
    SK_RETURN_IF_ERROR(decide(r));
  }
  triage::Request log4shell;
  log4shell.finding_ids = FindingIds(open, "CVE-2021-44228");
  log4shell.state = "exploitable";
  log4shell.responses = {"workaround_available", "update"};
  log4shell.detail =
      "message lookups disabled (log4j2.formatMsgNoLookups=true) in the field; "
      "log4j-core 2.17.1 in the next release";
  log4shell.fda_risk = "controlled";
  log4shell.fda_rationale =
      "the workaround removes the JNDI lookup path and the service port is reachable only from "
      "the hospital network; no patient harm scenario remains open";
  log4shell.hazard = "HAZ-017 (infusion parameters changed by an attacker)";
  log4shell.ssvc = triage::Ssvc{"active", "super-effective", "total", "critical"};
  SK_RETURN_IF_ERROR(decide(log4shell));

  SK_ASSIGN_OR_RETURN(triage::Review review, triage::StartReview(*store, author, kDemoProduct));
  run.out << "review start " << kDemoProduct << ": review #" << review.number << " gathers "
          << review.finding_ids().size() << " findings, " << review.contents["advisories"].size()
          << " advisory records, " << review.contents["kev"].size() << " KEV entries and "
          << review.contents["feeds"].size() << " feed states\n";
  const std::string today = FormatTime(Env::Default()->Now()).substr(0, 10);
  SK_ASSIGN_OR_RETURN(std::string until, triage::AddDays(today, 30));
  const std::vector<int64_t> urllib3 = FindingIds(open, "CVE-2021-33503");
  SK_RETURN_IF_ERROR(triage::DeferInReview(*store, author, kDemoProduct, urllib3, until).status());
  run.out << "deferred " << urllib3.size() << " finding(s) of CVE-2021-33503 (urllib3 ReDoS) until "
          << until << "\n";
  SK_ASSIGN_OR_RETURN(
      triage::Review done,
      triage::CompleteReview(*store, author, kDemoProduct, "qa-ra",
                             "all findings decided or deferred; Log4Shell workaround verified"));
  run.out << "review #" << done.number << " completed by " << done.reviewer << ", "
          << done.covered.size() << " findings covered; next review due " << done.next_due << "\n";
  return Status::Ok();
}

// Exports the decisions on 2.3.0 as VEX in the three formats, for customers
// who hold the 2.3.0 SBOM (the CycloneDX one links to it by BOM-Link).
Status ExportVex(DemoRun& run) {
  SK_ASSIGN_OR_RETURN(auto store, OpenWorkspace(run));
  const std::string now = FormatTime(Env::Default()->Now());
  struct Output {
    const char* format;
    const char* file;
  };
  static constexpr Output kOutputs[] = {
      {"cyclonedx", "infusion-pump-controller-2.3.0.vex.cdx.json"},
      {"openvex", "infusion-pump-controller-2.3.0.openvex.json"},
      {"csaf", "infusion-pump-controller-2.3.0.csaf.json"},
  };
  for (const Output& o : kOutputs) {
    SK_ASSIGN_OR_RETURN(std::string text, vex::Export(*store, kDemoProduct, "2.3.0", o.format, now,
                                                      SOUPKEEPER_VERSION));
    const std::string path = (run.workspace / o.file).string();
    SK_RETURN_IF_ERROR(Env::Default()->WriteFile(path, text));
    run.out << "vex export " << kDemoProduct << " 2.3.0 --format " << o.format << " -> " << path
            << "\n";
    if (std::string_view(o.format) != "cyclonedx") continue;
    std::map<std::string, int> states;
    const nlohmann::json doc = nlohmann::json::parse(text);
    for (const nlohmann::json& v : doc.at("vulnerabilities")) {
      ++states[v.at("analysis").at("state").get<std::string>()];
    }
    run.out << "  " << doc.at("vulnerabilities").size() << " vulnerabilities:";
    for (const auto& [state, n] : states) run.out << " " << n << " " << state;
    run.out << "; affects " << doc["vulnerabilities"][0]["affects"][0]["ref"].get<std::string>()
            << " ...\n";
  }
  return Status::Ok();
}

}  // namespace

const std::vector<DemoStep>& DemoSteps() {
  static const std::vector<DemoStep> steps = {
      {"soupkeeper version", ShowVersion},
      {"a product and its audit trail", AddProductAndVerifyLog},
      {"release 2.3.0: an immutable SBOM baseline", AddFirstRelease},
      {"release 2.4.0 and what changed", AddSecondReleaseAndDiff},
      {"vulnerability advisories into the knowledge base", ImportDemoAdvisories},
      {"scan the release SBOM", ScanDemoSbom},
      {"findings kept per release", EvaluateReleaseFindings},
      {"the release gate: SOUP records before shipping", GateRelease},
      {"triage decisions and the monitoring review", TriageAndReview},
      {"VEX for the customers of 2.3.0", ExportVex},
  };
  return steps;
}

}  // namespace soupkeeper::cli
