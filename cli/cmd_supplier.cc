// `soupkeeper supplier ...`: suppliers, their quality agreements, the
// shared-responsibility matrix of cloud providers, evaluations, evidence
// received, the clause check for custom developers, and YAML import. Changes
// go through the audit trail as ctx.actor with an optional --reason. Text
// output is for people; `--format json` prints one JSON value on one line.
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "command.h"
#include "soupkeeper/env.h"
#include "soupkeeper/hash.h"
#include "soupkeeper/supplier.h"

namespace soupkeeper::cli {
namespace {

namespace sp = supplier;

// Options of every supplier subcommand; each command uses some of them, and
// the Option pointers tell `update` which were given.
struct SupplierOptions {
  std::string name;
  std::string reason;
  // add / update
  std::string kind, contact, csaf_url, website;
  CLI::Option* kind_opt = nullptr;
  CLI::Option* contact_opt = nullptr;
  CLI::Option* csaf_opt = nullptr;
  CLI::Option* website_opt = nullptr;
  // agreement
  std::string ref, signed_on, valid_until;
  std::vector<std::string> clauses;
  // responsibility
  std::vector<std::string> areas;
  // evaluate
  std::string result, evaluator, date, next_due, notes;
  // evidence
  std::string product, release, file, received;
  // due
  std::string as_of;
  // check
  std::vector<std::string> required;
  // import
  std::string path;
};

using Run = int (*)(const Context&, const SupplierOptions&);

// Adds subcommand `name` whose action runs `run` with its options.
CLI::App* AddCommand(CLI::App* group, Context& ctx, const char* name, const char* help, Run run,
                     const std::shared_ptr<SupplierOptions>& o) {
  auto* cmd = group->add_subcommand(name, help);
  cmd->callback([&ctx, o, run] { ctx.action = [&ctx, o, run] { return run(ctx, *o); }; });
  return cmd;
}

void AddName(CLI::App* cmd, SupplierOptions& o) {
  cmd->add_option("NAME", o.name, "Supplier name (unique; SOUP items refer to it)")->required();
}

void AddReason(CLI::App* cmd, SupplierOptions& o) {
  cmd->add_option("--reason", o.reason, "Why the change is made, for the audit trail");
}

void AddFieldOptions(CLI::App* cmd, SupplierOptions& o) {
  AddName(cmd, o);
  o.kind_opt = cmd->add_option("--kind", o.kind,
                               "open-source-project, commercial-vendor, custom-developer or "
                               "cloud-provider");
  o.contact_opt =
      cmd->add_option("--contact", o.contact, "Security contact: an email address or http(s) URL");
  o.csaf_opt = cmd->add_option("--csaf-url", o.csaf_url,
                               "CSAF provider-metadata URL or security advisory URL");
  o.website_opt = cmd->add_option("--website", o.website, "Website URL");
  AddReason(cmd, o);
}

std::string OrDash(const std::string& s) { return s.empty() ? "-" : s; }

std::string Today() { return FormatTime(Env::Default()->Now()).substr(0, 10); }

void PrintSupplier(const sp::Supplier& s) {
  std::cout << "name:              " << s.name << "\n"
            << "kind:              " << sp::KindName(s.kind) << "\n"
            << "security contact:  " << OrDash(s.security_contact) << "\n"
            << "advisory URL:      " << OrDash(s.advisory_url) << "\n"
            << "website:           " << OrDash(s.website) << "\n"
            << "created:           " << s.created_at << "\n"
            << "updated:           " << s.updated_at << "\n";
  if (!s.agreement) {
    std::cout << "agreement:         none\n";
  } else {
    const sp::Agreement& a = *s.agreement;
    std::cout << "agreement:         " << a.document_id << ", signed " << a.signed_on
              << ", valid until " << a.valid_until.value_or("-") << "\n";
    for (const std::string& key : sp::ClauseKeys()) {
      auto it = std::find_if(a.clauses.begin(), a.clauses.end(),
                             [&](const sp::Clause& c) { return c.key == key; });
      std::cout << "  " << std::left << std::setw(44) << key
                << (it == a.clauses.end() ? "not recorded" : sp::DescribeClause(*it)) << "\n";
    }
  }
  if (!s.responsibilities.empty()) std::cout << "responsibilities:\n";
  for (const sp::Responsibility& r : s.responsibilities) {
    std::cout << "  " << std::left << std::setw(20) << r.area;
    if (r.note.empty()) {
      std::cout << sp::PartyName(r.party) << "\n";
    } else {
      std::cout << std::setw(14) << sp::PartyName(r.party) << r.note << "\n";
    }
  }
  if (!s.evaluations.empty()) std::cout << "evaluations:\n";
  for (const sp::Evaluation& e : s.evaluations) {
    std::cout << "  #" << e.number << " " << e.date << " " << sp::VerdictName(e.result) << " by "
              << e.evaluator << ", next due " << e.next_due
              << (e.notes.empty() ? "" : ": " + e.notes) << "\n";
  }
  if (!s.evidence.empty()) std::cout << "evidence:\n";
  for (const sp::Evidence& e : s.evidence) {
    std::cout << "  #" << e.number << " " << e.product << " " << e.release << " "
              << sp::EvidenceKindName(e.kind) << " " << e.reference << ", received " << e.received;
    if (!e.file_name.empty()) std::cout << ", file " << e.file_name << " sha256 " << e.file_sha256;
    std::cout << "\n";
  }
}

// Prints the supplier after a change: JSON, or `done` for people.
int Changed(const Context& ctx, const sp::Supplier& s, const std::string& done) {
  if (ctx.json()) {
    PrintJsonLine(sp::ToJson(s));
  } else {
    std::cout << done << "\n";
  }
  return kExitOk;
}

int RunAdd(const Context& ctx, const SupplierOptions& o) {
  auto store = OpenStore(ctx, "supplier add");
  if (!store.ok()) return Fail(store.status());
  if (o.kind_opt->count() == 0) return Fail(InvalidArgument("supplier add: --kind is required"));
  auto kind = sp::ParseKind(o.kind);
  if (!kind.ok()) return Fail(kind.status());
  sp::Supplier s;
  s.name = o.name;
  s.kind = *kind;
  s.security_contact = o.contact;
  s.advisory_url = o.csaf_url;
  s.website = o.website;
  auto added = sp::Add(**store, {ctx.actor, o.reason}, s);
  if (!added.ok()) return Fail(added.status());
  return Changed(ctx, *added, "added supplier " + added->name);
}

int RunUpdate(const Context& ctx, const SupplierOptions& o) {
  auto store = OpenStore(ctx, "supplier update");
  if (!store.ok()) return Fail(store.status());
  sp::SupplierChanges changes;
  if (o.kind_opt->count() > 0) {
    auto kind = sp::ParseKind(o.kind);
    if (!kind.ok()) return Fail(kind.status());
    changes.kind = *kind;
  }
  if (o.contact_opt->count() > 0) changes.security_contact = o.contact;
  if (o.csaf_opt->count() > 0) changes.advisory_url = o.csaf_url;
  if (o.website_opt->count() > 0) changes.website = o.website;
  auto updated = sp::Update(**store, {ctx.actor, o.reason}, o.name, changes);
  if (!updated.ok()) return Fail(updated.status());
  return Changed(ctx, *updated, "updated supplier " + updated->name);
}

int RunList(const Context& ctx, const SupplierOptions&) {
  auto store = OpenStore(ctx, "supplier list");
  if (!store.ok()) return Fail(store.status());
  auto suppliers = sp::List(**store);
  if (!suppliers.ok()) return Fail(suppliers.status());
  if (ctx.json()) {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& s : *suppliers) all.push_back(sp::ToJson(s));
    PrintJsonLine(all);
    return kExitOk;
  }
  for (const auto& s : *suppliers) {
    const sp::Evaluation* newest = sp::NewestEvaluation(s);
    std::cout << s.name << "  " << sp::KindName(s.kind) << "  agreement "
              << (s.agreement ? s.agreement->document_id : "none") << "  "
              << (newest ? "re-evaluation due " + newest->next_due : "never evaluated") << "\n";
  }
  if (suppliers->empty()) std::cout << "no suppliers\n";
  return kExitOk;
}

int RunShow(const Context& ctx, const SupplierOptions& o) {
  auto store = OpenStore(ctx, "supplier show");
  if (!store.ok()) return Fail(store.status());
  auto s = sp::Get(**store, o.name);
  if (!s.ok()) return Fail(s.status());
  if (ctx.json()) {
    PrintJsonLine(sp::ToJson(*s));
  } else {
    PrintSupplier(*s);
  }
  return kExitOk;
}

int RunAgreement(const Context& ctx, const SupplierOptions& o) {
  auto store = OpenStore(ctx, "supplier agreement");
  if (!store.ok()) return Fail(store.status());
  sp::Agreement a;
  a.document_id = o.ref;
  a.signed_on = o.signed_on;
  if (!o.valid_until.empty()) a.valid_until = o.valid_until;
  for (const std::string& text : o.clauses) {
    auto clause = sp::ParseClause(text);
    if (!clause.ok()) return Fail(clause.status().WithContext("--clause " + text));
    a.clauses.push_back(*clause);
  }
  auto s = sp::SetAgreement(**store, {ctx.actor, o.reason}, o.name, a);
  if (!s.ok()) return Fail(s.status());
  return Changed(ctx, *s,
                 "recorded agreement " + o.ref + " of supplier " + o.name + " (" +
                     std::to_string(a.clauses.size()) + " clauses)");
}

int RunResponsibility(const Context& ctx, const SupplierOptions& o) {
  auto store = OpenStore(ctx, "supplier responsibility");
  if (!store.ok()) return Fail(store.status());
  std::vector<sp::Responsibility> areas;
  for (const std::string& text : o.areas) {
    auto r = sp::ParseResponsibility(text);
    if (!r.ok()) return Fail(r.status().WithContext("--area " + text));
    areas.push_back(*r);
  }
  auto s = sp::SetResponsibilities(**store, {ctx.actor, o.reason}, o.name, areas);
  if (!s.ok()) return Fail(s.status());
  return Changed(
      ctx, *s,
      "recorded " + std::to_string(areas.size()) + " responsibility areas of supplier " + o.name);
}

int RunEvaluate(const Context& ctx, const SupplierOptions& o) {
  auto store = OpenStore(ctx, "supplier evaluate");
  if (!store.ok()) return Fail(store.status());
  auto verdict = sp::ParseVerdict(o.result);
  if (!verdict.ok()) return Fail(verdict.status());
  sp::Evaluation e;
  e.date = o.date;
  e.evaluator = o.evaluator;
  e.result = *verdict;
  e.notes = o.notes;
  e.next_due = o.next_due;
  auto added = sp::Evaluate(**store, {ctx.actor, o.reason}, o.name, e);
  if (!added.ok()) return Fail(added.status());
  if (ctx.json()) {
    PrintJsonLine(sp::ToJson(*added));
  } else {
    std::cout << "recorded evaluation #" << added->number << " of supplier " << o.name << ": "
              << sp::VerdictName(added->result) << ", next due " << added->next_due << "\n";
  }
  return kExitOk;
}

int RunEvidence(const Context& ctx, const SupplierOptions& o) {
  auto store = OpenStore(ctx, "supplier evidence");
  if (!store.ok()) return Fail(store.status());
  auto kind = sp::ParseEvidenceKind(o.kind);
  if (!kind.ok()) return Fail(kind.status());
  sp::Evidence e;
  e.product = o.product;
  e.release = o.release;
  e.kind = *kind;
  e.reference = o.ref;
  e.received = o.received;
  if (!o.file.empty()) {
    auto bytes = Env::Default()->ReadFile(o.file);
    if (!bytes.ok()) return Fail(bytes.status());
    e.file_name = std::filesystem::path(o.file).filename().string();
    e.file_sha256 = Sha256Hex(*bytes);
  }
  auto added = sp::AddEvidence(**store, {ctx.actor, o.reason}, o.name, e);
  if (!added.ok()) return Fail(added.status());
  if (ctx.json()) {
    PrintJsonLine(sp::ToJson(*added));
  } else {
    std::cout << "recorded evidence #" << added->number << " of supplier " << o.name << ": "
              << added->product << " " << added->release << " " << sp::EvidenceKindName(added->kind)
              << (added->file_sha256.empty() ? "" : " sha256 " + added->file_sha256) << "\n";
  }
  return kExitOk;
}

int RunDue(const Context& ctx, const SupplierOptions& o) {
  auto store = OpenStore(ctx, "supplier due");
  if (!store.ok()) return Fail(store.status());
  const std::string as_of = o.as_of.empty() ? Today() : o.as_of;
  auto due = sp::Due(**store, as_of);
  if (!due.ok()) return Fail(due.status());
  if (ctx.json()) {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& d : *due) all.push_back(sp::ToJson(d));
    PrintJsonLine({{"as_of", as_of}, {"overdue", all}});
    return kExitOk;
  }
  for (const auto& d : *due) {
    if (!d.next_due) {
      std::cout << "never evaluated  " << d.supplier << "\n";
    } else {
      std::cout << "due " << *d.next_due << "   " << d.supplier << " (last result "
                << sp::VerdictName(*d.last_result) << ")\n";
    }
  }
  if (due->empty()) std::cout << "no re-evaluations overdue on " << as_of << "\n";
  return kExitOk;
}

int RunCheck(const Context& ctx, const SupplierOptions& o) {
  auto store = OpenStore(ctx, "supplier check");
  if (!store.ok()) return Fail(store.status());
  std::vector<std::string> required =
      o.required.empty() ? sp::DefaultRequiredClauses() : o.required;
  for (const std::string& key : required) {
    sp::Clause clause;
    clause.key = key;
    clause.state = sp::ClauseState::kAbsent;  // checks the key alone
    Status known = sp::ValidateClause(clause);
    if (!known.ok()) return Fail(known.WithContext("--require"));
  }
  auto s = sp::Get(**store, o.name);
  if (!s.ok()) return Fail(s.status());
  std::vector<sp::MissingClause> missing = sp::MissingClauses(*s, required);
  if (ctx.json()) {
    nlohmann::json m = nlohmann::json::array();
    for (const auto& c : missing) m.push_back(sp::ToJson(c));
    PrintJsonLine({{"supplier", s->name},
                   {"kind", sp::KindName(s->kind)},
                   {"required",
                    s->kind == sp::Kind::kCustomDeveloper ? required : std::vector<std::string>{}},
                   {"missing", m}});
  } else if (s->kind != sp::Kind::kCustomDeveloper) {
    std::cout << "supplier " << s->name << " is of kind " << sp::KindName(s->kind)
              << ": no agreement clauses are required\n";
  } else {
    for (const auto& c : missing) std::cout << c.ToString() << "\n";
    if (missing.empty()) {
      std::cout << "supplier " << s->name << ": all " << required.size()
                << " required clauses present\n";
    }
  }
  return missing.empty() ? kExitOk : kExitCheckFailed;
}

int RunImport(const Context& ctx, const SupplierOptions& o) {
  auto store = OpenStore(ctx, "supplier import");
  if (!store.ok()) return Fail(store.status());
  auto bytes = Env::Default()->ReadFile(o.path);
  if (!bytes.ok()) return Fail(bytes.status());
  auto count = sp::Import(**store, {ctx.actor, o.reason}, *bytes, o.path);
  if (!count.ok()) return Fail(count.status());
  if (ctx.json()) {
    PrintJsonLine({{"file", o.path}, {"suppliers", *count}});
  } else {
    std::cout << "imported " << *count << " suppliers from " << o.path << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddSupplierCommands(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand(
      "supplier",
      "Suppliers: quality agreements, responsibility matrices, evaluations, evidence (§4.1.5)");
  group->require_subcommand(1);

  auto o = std::make_shared<SupplierOptions>();
  AddFieldOptions(AddCommand(group, ctx, "add", "Add a supplier", RunAdd, o), *o);

  auto u = std::make_shared<SupplierOptions>();
  AddFieldOptions(
      AddCommand(group, ctx, "update", "Change a supplier's kind, contact, advisory URL or website",
                 RunUpdate, u),
      *u);

  AddCommand(group, ctx, "list", "List the suppliers", RunList, o);

  auto show = std::make_shared<SupplierOptions>();
  AddName(
      AddCommand(group, ctx, "show", "Show one supplier with everything attached", RunShow, show),
      *show);

  auto a = std::make_shared<SupplierOptions>();
  auto* agreement =
      AddCommand(group, ctx, "agreement", "Record (replace) the supplier's quality agreement",
                 RunAgreement, a);
  AddName(agreement, *a);
  agreement->add_option("--ref", a->ref, "Document id of the agreement")->required();
  agreement->add_option("--signed", a->signed_on, "Date signed, YYYY-MM-DD")->required();
  agreement->add_option("--valid-until", a->valid_until, "Last day it is valid, YYYY-MM-DD");
  agreement
      ->add_option("--clause", a->clauses,
                   "KEY=present|absent|partial[:VALUE][@SECTION], repeatable (keys: see docs)")
      ->type_name("CLAUSE");
  AddReason(agreement, *a);

  auto r = std::make_shared<SupplierOptions>();
  auto* resp = AddCommand(group, ctx, "responsibility",
                          "Set areas of a cloud provider's shared-responsibility matrix",
                          RunResponsibility, r);
  AddName(resp, *r);
  resp->add_option("--area", r->areas, "AREA=provider|manufacturer|shared[:NOTE], repeatable")
      ->required()
      ->type_name("AREA");
  AddReason(resp, *r);

  auto e = std::make_shared<SupplierOptions>();
  auto* evaluate = AddCommand(group, ctx, "evaluate", "Record an evaluation", RunEvaluate, e);
  AddName(evaluate, *e);
  evaluate->add_option("--result", e->result, "acceptable, conditional or unacceptable")
      ->required();
  evaluate->add_option("--evaluator", e->evaluator, "Who evaluated")->required();
  evaluate->add_option("--date", e->date, "Evaluation date, YYYY-MM-DD")->required();
  evaluate->add_option("--next-due", e->next_due, "Re-evaluation due date, YYYY-MM-DD")->required();
  evaluate->add_option("--notes", e->notes, "Findings, conditions");
  AddReason(evaluate, *e);

  auto v = std::make_shared<SupplierOptions>();
  auto* evidence =
      AddCommand(group, ctx, "evidence", "Record evidence received for a release", RunEvidence, v);
  AddName(evidence, *v);
  evidence->add_option("--product", v->product, "The supplier's product")->required();
  evidence->add_option("--release", v->release, "Its release version")->required();
  evidence->add_option("--kind", v->kind, "sbom, vex, security-notes, test-report or certificate")
      ->required();
  evidence->add_option("--ref", v->ref, "Document id or location")->required();
  evidence->add_option("--file", v->file,
                       "A file to fingerprint (only its name and SHA-256 are kept)");
  evidence->add_option("--received", v->received, "Date received, YYYY-MM-DD")->required();
  AddReason(evidence, *v);

  auto d = std::make_shared<SupplierOptions>();
  AddCommand(group, ctx, "due", "List suppliers whose re-evaluation is overdue", RunDue, d)
      ->add_option("--as-of", d->as_of, "Date to check against, YYYY-MM-DD (default today, UTC)");

  auto c = std::make_shared<SupplierOptions>();
  auto* check = AddCommand(group, ctx, "check",
                           "Exit 1 listing required clauses a custom developer's agreement lacks",
                           RunCheck, c);
  AddName(check, *c);
  check
      ->add_option("--require", c->required,
                   "A required clause key, repeatable (default: all but escrow)")
      ->type_name("KEY");

  auto i = std::make_shared<SupplierOptions>();
  auto* import = AddCommand(group, ctx, "import", "Add suppliers from a YAML file", RunImport, i);
  import->add_option("FILE", i->path, "YAML file (see docs/parts/suppliers.md)")->required();
  AddReason(import, *i);
}

}  // namespace soupkeeper::cli
