// `soupkeeper release add|list|show|sbom|freeze|end-of-support|retire|erratum|
// verify|diff`: the configuration baselines of a product and their SBOMs.
//
// Changes go through the audit trail as ctx.actor, with an optional --reason.
// `release sbom` writes the exact stored bytes (checked against their SHA-256;
// exit 3 when they do not match). `release verify` and `release diff` exit 1
// when a difference is found (verify) and print the component differences;
// diff exits 0 whatever it finds. `release freeze` runs the gate
// (gate::EvaluateRelease, --policy FILE) and refuses with its reasons (exit 1)
// when it fails, unless --no-gate is given with a --reason, which is recorded.
// `--format json` prints one JSON value.
#include <iostream>
#include <memory>
#include <string>

#include "command.h"
#include "soupkeeper/env.h"
#include "soupkeeper/findings.h"
#include "soupkeeper/gate.h"
#include "soupkeeper/hash.h"
#include "soupkeeper/inventory.h"
#include "soupkeeper/release.h"
#include "soupkeeper/sbom.h"
#include "soupkeeper/store.h"
#include "soupkeeper/triage.h"

namespace soupkeeper::cli {
namespace {

struct AddOptions {
  std::string product;
  std::string version;
  std::string sbom;
  std::string commit;
  std::string build;
  std::string date;
  std::string previous;
  std::string reason;
};

struct TargetOptions {
  std::string product;
  std::string version;
  std::string reason;
  std::string note;  // erratum
  std::string sbom;  // verify
  std::string to;    // sbom --to
  bool normalized = false;
  std::string other;          // diff: the second version
  bool no_gate = false;       // freeze: skip the gate (needs --reason)
  std::string policy;         // freeze: the gate's policy file
  bool with_support = false;  // sbom: the inventory's support data written in
};

std::string OrNone(const std::optional<std::string>& s) { return s ? *s : "-"; }
std::string OrNone(const std::string& s) { return s.empty() ? "-" : s; }

int RunAdd(const Context& ctx, const AddOptions& o) {
  Result<std::string> bytes = Env::Default()->ReadFile(o.sbom);
  if (!bytes.ok()) return Fail(bytes.status());
  auto store = OpenStore(ctx, "release add");
  if (!store.ok()) return Fail(store.status());
  release::NewRelease r;
  r.product = o.product;
  r.version = o.version;
  r.sbom_bytes = std::move(*bytes);
  r.sbom_source = o.sbom;
  r.source_revision = o.commit;
  r.build_id = o.build;
  if (!o.date.empty()) r.release_date = o.date;
  if (!o.previous.empty()) r.previous_version = o.previous;
  CollectingSink sink;
  auto added = release::Add(**store, {ctx.actor, o.reason}, r, sink);
  PrintWarnings(sink.Take());
  if (!added.ok()) return Fail(added.status());
  // The new release's first findings, against the knowledge base as it is;
  // decisions on the same component versions cover them too.
  auto evaluations = triage::Monitor(**store, {ctx.actor, o.reason}, r.product, r.version, {});
  if (!evaluations.ok()) return Fail(evaluations.status());
  const findings::Evaluation& evaluation = evaluations->front();
  if (ctx.json()) {
    nlohmann::json out = release::ToJson(*added);
    out["findings"] = findings::ToJson(evaluation);
    PrintJsonLine(out);
    return kExitOk;
  }
  auto snapshot = release::Snapshot(**store, added->sbom_sha256);
  if (!snapshot.ok()) return Fail(snapshot.status());
  std::cout << "added release " << added->product << " " << added->version
            << " (draft): " << snapshot->components.size() << " components, " << snapshot->format
            << " " << snapshot->spec_version << ", sha256 " << added->sbom_sha256 << "\n"
            << "findings: " << findings::Summary(evaluation) << "\n";
  return kExitOk;
}

nlohmann::json SnapshotSummary(const release::SbomSnapshot& s) {
  return {{"sha256", s.sha256},
          {"format", s.format},
          {"spec_version", s.spec_version},
          {"size_bytes", s.size_bytes},
          {"components", s.components.size()},
          {"dependencies", s.dependencies.size()},
          {"components_sha256", s.components_sha256},
          {"stored_at", s.stored_at}};
}

int RunShow(const Context& ctx, const TargetOptions& o) {
  auto store = OpenStore(ctx, "release show");
  if (!store.ok()) return Fail(store.status());
  auto r = release::Get(**store, o.product, o.version);
  if (!r.ok()) return Fail(r.status());
  auto snapshot = release::Snapshot(**store, r->sbom_sha256);
  if (!snapshot.ok()) return Fail(snapshot.status());
  auto errata = release::Errata(**store, o.product, o.version);
  if (!errata.ok()) return Fail(errata.status());
  if (ctx.json()) {
    nlohmann::json out = release::ToJson(*r);
    out["sbom"] = SnapshotSummary(*snapshot);
    out["errata"] = nlohmann::json::array();
    for (const auto& e : *errata) out["errata"].push_back(release::ToJson(e));
    PrintJsonLine(out);
    return kExitOk;
  }
  std::cout << "product:          " << r->product << "\n"
            << "version:          " << r->version << "\n"
            << "status:           " << release::StatusName(r->status) << "\n"
            << "source revision:  " << OrNone(r->source_revision) << "\n"
            << "build id:         " << OrNone(r->build_id) << "\n"
            << "release date:     " << OrNone(r->release_date) << "\n"
            << "previous release: " << OrNone(r->previous_version) << "\n"
            << "sbom:             " << snapshot->format << " " << snapshot->spec_version << ", "
            << snapshot->size_bytes << " bytes, sha256 " << snapshot->sha256 << "\n"
            << "components:       " << snapshot->components.size() << " ("
            << snapshot->dependencies.size() << " dependency edges)\n"
            << "created:          " << r->created_at << "\n"
            << "frozen:           " << OrNone(r->frozen_at) << "\n"
            << "status changed:   " << r->status_changed_at << "\n";
  for (const auto& e : *errata) {
    std::cout << "erratum " << e.number << ":        " << e.created_at << "  " << e.note << "\n";
  }
  return kExitOk;
}

int RunList(const Context& ctx, const std::string& product) {
  auto store = OpenStore(ctx, "release list");
  if (!store.ok()) return Fail(store.status());
  auto releases = release::List(**store, product);
  if (!releases.ok()) return Fail(releases.status());
  if (ctx.json()) {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& r : *releases) all.push_back(release::ToJson(r));
    PrintJsonLine(all);
    return kExitOk;
  }
  for (const auto& r : *releases) {
    std::cout << r.product << "  " << r.version << "  " << release::StatusName(r.status) << "  "
              << OrNone(r.release_date) << "  sbom " << r.sbom_sha256.substr(0, 12) << "\n";
  }
  if (releases->empty()) std::cout << "no releases\n";
  return kExitOk;
}

int RunSbom(const Context& ctx, const TargetOptions& o) {
  const sbom::SbomEncoder* encoder = nullptr;
  if (!o.to.empty()) {
    Result<const sbom::SbomEncoder*> found = EncoderNamed(o.to);
    if (!found.ok()) return Fail(found.status());
    encoder = *found;
  }
  if (o.with_support && encoder == nullptr) {
    return Fail(InvalidArgument("release sbom: --with-support needs --to FORMAT"));
  }
  auto store = OpenStore(ctx, "release sbom");
  if (!store.ok()) return Fail(store.status());
  auto bytes = release::OriginalSbom(**store, o.product, o.version);
  if (!bytes.ok()) return Fail(bytes.status());
  if (!o.normalized && encoder == nullptr) {
    std::cout.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
    std::cout.flush();
    return std::cout.good() ? kExitOk
                            : Fail(IoError("release sbom: cannot write to standard output"));
  }
  CollectingSink sink;
  const std::string name = "stored SBOM of " + o.product + " " + o.version;
  auto doc = sbom::Decode(*bytes, name, sink);
  if (!doc.ok()) return Fail(doc.status());
  if (encoder == nullptr) {
    std::cout << sbom::ToJson(*doc) << "\n";
    return kExitOk;
  }
  sink.Take();  // the stored document's own warnings were shown when it was added
  if (o.with_support) {
    auto changed = inventory::ApplySupport(**store, *doc);
    if (!changed.ok()) return Fail(changed.status());
  }
  Result<std::string> text = encoder->Encode(*doc, {}, sink);
  if (!text.ok()) return Fail(text.status());
  for (const Diagnostic& d : sink.Take()) {
    std::cerr << "warning: " << name << ": not carried into " << d.ToString() << "\n";
  }
  std::cout << *text;
  return kExitOk;
}

int RunStatus(const Context& ctx, const TargetOptions& o, release::ReleaseStatus to) {
  const bool freeze = to == release::ReleaseStatus::kReleased;
  if (freeze && o.no_gate && o.reason.empty()) {
    return Fail(InvalidArgument("release freeze: --no-gate needs a --reason (it is recorded)"));
  }
  auto store = OpenStore(ctx, "release");
  if (!store.ok()) return Fail(store.status());
  auto before = release::Get(**store, o.product, o.version);
  if (!before.ok()) return Fail(before.status());
  store::Author author{ctx.actor, o.reason};
  release::FreezeGate freeze_gate;
  int64_t gate_errors = 0;
  if (freeze && o.no_gate) {
    author.reason = "gate skipped (--no-gate): " + o.reason;
  } else if (freeze && before->status == release::ReleaseStatus::kDraft) {
    auto policy = gate::ReadPolicy(o.policy);
    if (!policy.ok()) return Fail(policy.status());
    auto report = gate::EvaluateRelease(**store, o.product, o.version, *policy);
    if (!report.ok()) return Fail(report.status());
    gate_errors = report->errors();
    freeze_gate = gate::FreezeGateOf(*report);
  }
  Result<release::Release> after =
      freeze ? release::Freeze(**store, author, o.product, o.version, freeze_gate)
             : release::Advance(**store, author, o.product, o.version, to);
  if (!after.ok()) {
    Fail(after.status());
    return gate_errors > 0 ? kExitCheckFailed : ExitCodeFor(after.status());
  }
  if (ctx.json()) {
    PrintJsonLine(release::ToJson(*after));
  } else {
    std::cout << "release " << after->product << " " << after->version << ": "
              << release::StatusName(before->status) << " -> " << release::StatusName(after->status)
              << "\n";
  }
  return kExitOk;
}

int RunErratum(const Context& ctx, const TargetOptions& o) {
  auto store = OpenStore(ctx, "release erratum");
  if (!store.ok()) return Fail(store.status());
  auto e = release::AddErratum(**store, {ctx.actor, o.reason}, o.product, o.version, o.note);
  if (!e.ok()) return Fail(e.status());
  if (ctx.json()) {
    PrintJsonLine(release::ToJson(*e));
  } else {
    std::cout << "recorded erratum " << e->number << " of release " << e->product << " "
              << e->version << " (the baseline is unchanged)\n";
  }
  return kExitOk;
}

void PrintDiff(const release::ComponentDiff& d) {
  for (const std::string& line : release::DiffLines(d)) std::cout << line << "\n";
}

int RunDiff(const Context& ctx, const TargetOptions& o) {
  auto store = OpenStore(ctx, "release diff");
  if (!store.ok()) return Fail(store.status());
  auto a = release::Get(**store, o.product, o.version);
  if (!a.ok()) return Fail(a.status());
  auto b = release::Get(**store, o.product, o.other);
  if (!b.ok()) return Fail(b.status());
  auto sa = release::Snapshot(**store, a->sbom_sha256);
  if (!sa.ok()) return Fail(sa.status());
  auto sb = release::Snapshot(**store, b->sbom_sha256);
  if (!sb.ok()) return Fail(sb.status());
  auto d = inventory::DiffReleases(**store, *a, sa->components, *b, sb->components);
  if (!d.ok()) return Fail(d.status());
  auto vulns = findings::Compare(**store, o.product, o.version, o.other);
  if (!vulns.ok()) return Fail(vulns.status());
  if (ctx.json()) {
    nlohmann::json out = release::ToJson(*d);
    out["vulnerabilities"] = findings::ToJson(*vulns);
    out["product"] = o.product;
    out["from"] = o.version;
    out["to"] = o.other;
    PrintJsonLine(out);
    return kExitOk;
  }
  std::cout << "release diff " << o.product << " " << o.version << " -> " << o.other << "\n";
  PrintDiff(*d);
  std::cout << release::DiffSummary(*d) << "\n";
  for (const std::string& line : findings::DiffLines(*vulns)) std::cout << line << "\n";
  return kExitOk;
}

int RunVerify(const Context& ctx, const TargetOptions& o) {
  Result<std::string> bytes = Env::Default()->ReadFile(o.sbom);
  if (!bytes.ok()) return Fail(bytes.status());
  CollectingSink sink;
  Result<sbom::Document> doc = sbom::Decode(*bytes, o.sbom, sink);
  PrintWarnings(sink.Take());
  if (!doc.ok()) return Fail(doc.status());
  auto store = OpenStore(ctx, "release verify");
  if (!store.ok()) return Fail(store.status());
  auto r = release::Get(**store, o.product, o.version);
  if (!r.ok()) return Fail(r.status());
  auto problems = release::CheckSnapshots(**store, r->sbom_sha256);
  if (!problems.ok()) return Fail(problems.status());
  auto baseline = release::Snapshot(**store, r->sbom_sha256);
  if (!baseline.ok()) return Fail(baseline.status());
  release::ComponentDiff d =
      release::DiffComponents(baseline->components, release::ComponentsOf(*doc));
  const bool same = d.identical() && problems->empty();
  const std::string file_sha = Sha256Hex(*bytes);
  if (ctx.json()) {
    nlohmann::json p = nlohmann::json::array();
    for (const auto& pr : *problems) p.push_back({{"kind", pr.kind}, {"message", pr.message}});
    PrintJsonLine({{"product", o.product},
                   {"version", o.version},
                   {"file", o.sbom},
                   {"identical", same},
                   {"baseline_sha256", r->sbom_sha256},
                   {"file_sha256", file_sha},
                   {"same_bytes", file_sha == r->sbom_sha256},
                   {"baseline_problems", p},
                   {"diff", release::ToJson(d)}});
    return same ? kExitOk : kExitCheckFailed;
  }
  for (const auto& pr : *problems) std::cout << "baseline    " << pr.message << "\n";
  PrintDiff(d);
  if (same) {
    std::cout << o.sbom << " reproduces the baseline of release " << o.product << " " << o.version
              << ": " << baseline->components.size() << " components, same versions and hashes"
              << (file_sha == r->sbom_sha256 ? " (identical bytes)" : "") << "\n";
    return kExitOk;
  }
  std::cout << release::DiffSummary(d) << "\n";
  std::cerr << "soupkeeper: " << o.sbom << " does not reproduce the baseline of release "
            << o.product << " " << o.version
            << (problems->empty() ? "" : " (and the stored baseline fails its own checks)") << "\n";
  return kExitCheckFailed;
}

void AddTarget(CLI::App* cmd, TargetOptions& o) {
  cmd->add_option("PRODUCT", o.product, "Product name")->required();
  cmd->add_option("VERSION", o.version, "Release version")->required();
}

template <typename Fn>
void Bind(CLI::App* cmd, Context& ctx, std::shared_ptr<TargetOptions> o, Fn fn) {
  cmd->callback([&ctx, o, fn] { ctx.action = [&ctx, o, fn] { return fn(ctx, *o); }; });
}

}  // namespace

void AddReleaseCommands(CLI::App& app, Context& ctx) {
  auto* rel = app.add_subcommand(
      "release", "Releases: immutable configuration baselines of a product, each with its SBOM");
  rel->require_subcommand(1);

  auto add_opts = std::make_shared<AddOptions>();
  auto* add = rel->add_subcommand("add", "Add a draft release with its SBOM");
  add->add_option("PRODUCT", add_opts->product, "Product name")->required();
  add->add_option("VERSION", add_opts->version, "Release version")->required();
  add->add_option("--sbom", add_opts->sbom, "The release's SBOM (CycloneDX JSON or XML)")
      ->required()
      ->type_name("FILE");
  add->add_option("--commit", add_opts->commit, "Source revision (commit or tag)")
      ->type_name("SHA");
  add->add_option("--build", add_opts->build, "Build id")->type_name("ID");
  add->add_option("--date", add_opts->date, "Release date")->type_name("YYYY-MM-DD");
  add->add_option("--previous", add_opts->previous, "The previous release of the product")
      ->type_name("VERSION");
  add->add_option("--reason", add_opts->reason, "Why the change is made, for the audit trail");
  add->callback(
      [&ctx, add_opts] { ctx.action = [&ctx, add_opts] { return RunAdd(ctx, *add_opts); }; });

  auto list_product = std::make_shared<std::string>();
  auto* list = rel->add_subcommand("list", "List releases (of one product, or all)");
  list->add_option("PRODUCT", *list_product, "Product name");
  list->callback([&ctx, list_product] {
    ctx.action = [&ctx, list_product] { return RunList(ctx, *list_product); };
  });

  auto show = std::make_shared<TargetOptions>();
  auto* show_cmd = rel->add_subcommand("show", "Show one release");
  AddTarget(show_cmd, *show);
  Bind(show_cmd, ctx, show, RunShow);

  auto sbom = std::make_shared<TargetOptions>();
  auto* sbom_cmd = rel->add_subcommand(
      "sbom", "Write the release's SBOM: the exact original bytes, verified against the hash");
  AddTarget(sbom_cmd, *sbom);
  sbom_cmd->add_flag("--normalized", sbom->normalized,
                     "The normalized JSON (as `sbom show` prints) instead of the original bytes");
  sbom_cmd->add_option("--to", sbom->to, "Convert to FORMAT: " + EncoderNames(", "))
      ->type_name("FORMAT");
  sbom_cmd->add_flag("--with-support", sbom->with_support,
                     "With --to: write the SOUP inventory's support data (cdx:fda properties) "
                     "into the components");
  Bind(sbom_cmd, ctx, sbom, RunSbom);

  struct StatusCommand {
    const char* name;
    const char* help;
    release::ReleaseStatus to;
  };
  static const StatusCommand kStatusCommands[] = {
      {"freeze", "Release a draft: draft -> released (then immutable)",
       release::ReleaseStatus::kReleased},
      {"end-of-support", "released -> end-of-support", release::ReleaseStatus::kEndOfSupport},
      {"retire", "released or end-of-support -> retired", release::ReleaseStatus::kRetired},
  };
  for (const StatusCommand& sc : kStatusCommands) {
    auto o = std::make_shared<TargetOptions>();
    auto* cmd = rel->add_subcommand(sc.name, sc.help);
    AddTarget(cmd, *o);
    cmd->add_option("--reason", o->reason, "Why the change is made, for the audit trail");
    if (sc.to == release::ReleaseStatus::kReleased) {
      cmd->add_flag("--no-gate", o->no_gate,
                    "Freeze even when the gate fails (needs --reason, which is recorded)");
      cmd->add_option("--policy", o->policy, "The gate's YAML policy file")->type_name("FILE.yaml");
    }
    release::ReleaseStatus to = sc.to;
    Bind(cmd, ctx, o,
         [to](const Context& c, const TargetOptions& t) { return RunStatus(c, t, to); });
  }

  auto erratum = std::make_shared<TargetOptions>();
  auto* erratum_cmd = rel->add_subcommand(
      "erratum", "Record a correction of a released release (the baseline is unchanged)");
  AddTarget(erratum_cmd, *erratum);
  erratum_cmd->add_option("--note", erratum->note, "The correction")->required()->type_name("TEXT");
  erratum_cmd->add_option("--reason", erratum->reason, "Why, for the audit trail");
  Bind(erratum_cmd, ctx, erratum, RunErratum);

  auto verify = std::make_shared<TargetOptions>();
  auto* verify_cmd = rel->add_subcommand(
      "verify",
      "Compare a freshly generated SBOM of the tagged build with the stored baseline (exit 1 "
      "when they differ)");
  AddTarget(verify_cmd, *verify);
  verify_cmd->add_option("--sbom", verify->sbom, "The freshly generated SBOM")
      ->required()
      ->type_name("FILE");
  Bind(verify_cmd, ctx, verify, RunVerify);

  auto diff = std::make_shared<TargetOptions>();
  auto* diff_cmd = rel->add_subcommand(
      "diff", "Components added, removed, upgraded or downgraded between two releases");
  diff_cmd->add_option("PRODUCT", diff->product, "Product name")->required();
  diff_cmd->add_option("V1", diff->version, "The earlier release")->required();
  diff_cmd->add_option("V2", diff->other, "The later release")->required();
  Bind(diff_cmd, ctx, diff, RunDiff);
}

}  // namespace soupkeeper::cli
