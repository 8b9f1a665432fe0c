// `soupkeeper config add|list|show|expiring|verify|service|service-observe|
// support-until`: the security-relevant configuration items of a release
// (certificates, public keys, policies, ACLs, hardening files) and the cloud
// services it uses.
//
// `config add` reads every file before it writes anything; a file with
// private key material is refused (exit 2) and nothing is stored. Changes go
// through the audit trail as ctx.actor with an optional --reason. The checks
// `config expiring` and `config verify` exit 1 when they find something.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "command.h"
#include "soupkeeper/config_item.h"
#include "soupkeeper/env.h"

namespace soupkeeper::cli {
namespace {

struct Options {
  std::string product;
  std::string version;
  std::vector<std::string> files;  // add
  std::string kind;                // add
  std::string name;                // add --name, show NAME
  std::string path;                // add --path
  std::string root;                // verify
  std::string service;             // service, service-observe
  std::string api_version;
  std::string provider;
  std::string date;  // support-until
  std::string reason;
  int64_t within = 90;      // expiring
  bool report_new = false;  // verify --new
};

std::string OrNone(const std::optional<std::string>& s) { return s ? *s : "-"; }

std::string KeyText(const config::KeyInfo& k) {
  std::string out = k.type;
  if (k.bits > 0) out += " " + std::to_string(k.bits);
  if (!k.curve.empty()) out += " " + k.curve;
  return out;
}

int RunAdd(const Context& ctx, const Options& o) {
  if (o.files.size() > 1 && (!o.name.empty() || !o.path.empty())) {
    return Fail(InvalidArgument("config add: --name and --path need exactly one FILE"));
  }
  std::optional<config::Kind> kind;
  if (!o.kind.empty()) {
    Result<config::Kind> k = config::ParseKind(o.kind);
    if (!k.ok()) return Fail(k.status().WithContext("--kind"));
    kind = *k;
  }
  std::vector<config::NewItem> items;
  for (const std::string& file : o.files) {
    Result<std::string> bytes = Env::Default()->ReadFile(file);
    if (!bytes.ok()) return Fail(bytes.status());
    Result<config::FileFacts> facts = config::Inspect(*bytes, file, kind);
    if (!facts.ok()) return Fail(facts.status());
    const std::string base = std::filesystem::path(file).filename().string();
    items.push_back({o.name.empty() ? base : o.name, o.path.empty() ? base : o.path, *facts});
  }
  auto store = OpenStore(ctx, "config add");
  if (!store.ok()) return Fail(store.status());
  auto added = config::Add(**store, {ctx.actor, o.reason}, o.product, o.version, items);
  if (!added.ok()) return Fail(added.status());
  if (ctx.json()) {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& i : *added) all.push_back(config::ToJson(i));
    PrintJsonLine(all);
    return kExitOk;
  }
  for (const auto& i : *added) {
    std::cout << "added " << config::KindName(i.facts.kind) << " " << i.name << " to release "
              << i.product << " " << i.version << ": path " << i.path << ", " << i.facts.size_bytes
              << " bytes, sha256 " << i.facts.sha256;
    if (!i.facts.certificates.empty()) {
      std::cout << ", " << i.facts.certificates.size() << " certificate"
                << (i.facts.certificates.size() == 1 ? "" : "s") << ", expires "
                << OrNone(i.expires_at);
    }
    if (i.facts.public_key) std::cout << ", key " << KeyText(*i.facts.public_key);
    std::cout << "\n";
  }
  return kExitOk;
}

void PrintServices(const std::vector<config::Service>& services) {
  for (const auto& s : services) {
    std::cout << "service " << s.service << "  " << (s.provider.empty() ? "-" : s.provider)
              << "  api " << s.api_version << "  observed " << OrNone(s.observed_api_version)
              << (s.drift() ? "  DRIFT" : "") << "\n";
  }
}

int RunList(const Context& ctx, const Options& o) {
  auto store = OpenStore(ctx, "config list");
  if (!store.ok()) return Fail(store.status());
  auto items = config::List(**store, o.product, o.version);
  if (!items.ok()) return Fail(items.status());
  auto services = config::Services(**store, o.product, o.version);
  if (!services.ok()) return Fail(services.status());
  auto support = config::SupportUntil(**store, o.product, o.version);
  if (!support.ok()) return Fail(support.status());
  if (ctx.json()) {
    nlohmann::json out = {{"product", o.product},
                          {"version", o.version},
                          {"support_until", support->has_value() ? nlohmann::json(**support)
                                                                 : nlohmann::json(nullptr)},
                          {"items", nlohmann::json::array()},
                          {"services", nlohmann::json::array()}};
    for (const auto& i : *items) out["items"].push_back(config::ToJson(i));
    for (const auto& s : *services) out["services"].push_back(config::ToJson(s));
    PrintJsonLine(out);
    return kExitOk;
  }
  for (const auto& i : *items) {
    std::cout << i.name << "  " << config::KindName(i.facts.kind) << "  " << i.path << "  "
              << i.facts.sha256.substr(0, 12) << "  expires " << OrNone(i.expires_at) << "\n";
  }
  PrintServices(*services);
  if (items->empty() && services->empty()) std::cout << "no configuration items\n";
  if (*support) std::cout << "planned end of support: " << **support << "\n";
  return kExitOk;
}

int RunShow(const Context& ctx, const Options& o) {
  auto store = OpenStore(ctx, "config show");
  if (!store.ok()) return Fail(store.status());
  auto item = config::Get(**store, o.product, o.version, o.name);
  if (!item.ok()) return Fail(item.status());
  if (ctx.json()) {
    PrintJsonLine(config::ToJson(*item));
    return kExitOk;
  }
  std::cout << "name:        " << item->name << "\n"
            << "release:     " << item->product << " " << item->version << "\n"
            << "kind:        " << config::KindName(item->facts.kind) << "\n"
            << "path:        " << item->path << "\n"
            << "size:        " << item->facts.size_bytes << " bytes\n"
            << "sha256:      " << item->facts.sha256 << "\n"
            << "added:       " << item->created_at << "\n";
  if (item->facts.public_key) {
    std::cout << "key:         " << KeyText(*item->facts.public_key) << ", sha256 "
              << item->facts.public_key->sha256 << "\n";
  }
  size_t n = 0;
  for (const auto& c : item->facts.certificates) {
    std::cout << "certificate " << ++n << ":\n"
              << "  subject:     " << c.subject << "\n"
              << "  issuer:      " << c.issuer << "\n"
              << "  serial:      " << c.serial << "\n"
              << "  sha256:      " << c.sha256 << "\n"
              << "  not before:  " << c.not_before << "\n"
              << "  not after:   " << c.not_after << "\n"
              << "  key:         " << KeyText(c.key) << "\n"
              << "  self-signed: " << (c.self_signed ? "yes" : "no") << "\n"
              << "  CA:          " << (c.ca ? "yes" : "no") << "\n";
  }
  return kExitOk;
}

int RunExpiring(const Context& ctx, const Options& o) {
  if (o.within < 0) return Fail(InvalidArgument("--within: must be 0 or more days"));
  auto store = OpenStore(ctx, "config expiring");
  if (!store.ok()) return Fail(store.status());
  auto found = config::Expiring(**store, o.product, Env::Default()->Now(), o.within);
  if (!found.ok()) return Fail(found.status());
  if (ctx.json()) {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& e : *found) all.push_back(config::ToJson(e));
    PrintJsonLine({{"within_days", o.within}, {"certificates", all}});
    return found->empty() ? kExitOk : kExitCheckFailed;
  }
  for (const auto& e : *found) {
    std::cout << e.product << " " << e.version << "  " << e.item << "  " << e.certificate.subject
              << "  not after " << e.certificate.not_after << " ("
              << (e.days_left < 0 ? "expired " + std::to_string(-e.days_left) + " days ago"
                                  : std::to_string(e.days_left) + " days left")
              << ")";
    if (e.support_until) std::cout << "  before end of support " << *e.support_until;
    std::cout << "\n";
  }
  if (found->empty()) {
    std::cout << "no certificate expires within " << o.within
              << " days or before its release's planned end of support\n";
    return kExitOk;
  }
  std::cerr << "soupkeeper: " << found->size()
            << (found->size() == 1 ? " certificate needs" : " certificates need") << " attention\n";
  return kExitCheckFailed;
}

int RunVerify(const Context& ctx, const Options& o) {
  auto store = OpenStore(ctx, "config verify");
  if (!store.ok()) return Fail(store.status());
  auto checks =
      config::VerifyFiles(**store, *Env::Default(), o.product, o.version, o.root, o.report_new);
  if (!checks.ok()) return Fail(checks.status());
  auto services = config::Services(**store, o.product, o.version);
  if (!services.ok()) return Fail(services.status());
  size_t drift = 0;
  for (const auto& c : *checks) drift += c.state != "unchanged";
  for (const auto& s : *services) drift += s.drift();
  if (ctx.json()) {
    nlohmann::json files = nlohmann::json::array(), svc = nlohmann::json::array();
    for (const auto& c : *checks) files.push_back(config::ToJson(c));
    for (const auto& s : *services) svc.push_back(config::ToJson(s));
    PrintJsonLine({{"product", o.product},
                   {"version", o.version},
                   {"root", o.root},
                   {"files", files},
                   {"services", svc},
                   {"drift", drift}});
    return drift == 0 ? kExitOk : kExitCheckFailed;
  }
  for (const auto& c : *checks) {
    std::string state = c.state;
    state.resize(11, ' ');
    std::cout << state << c.path << "\n";
  }
  for (const auto& s : *services) {
    if (s.drift()) {
      std::cout << "drift      service " << s.service << ": declared API " << s.api_version
                << ", observed " << *s.observed_api_version << "\n";
    }
  }
  if (drift == 0) {
    std::cout << "no drift: " << checks->size() << " files as recorded\n";
    return kExitOk;
  }
  std::cerr << "soupkeeper: " << drift << " difference" << (drift == 1 ? "" : "s")
            << " from the recorded configuration of release " << o.product << " " << o.version
            << "\n";
  return kExitCheckFailed;
}

int RunService(const Context& ctx, const Options& o, bool observe) {
  auto store = OpenStore(ctx, observe ? "config service-observe" : "config service");
  if (!store.ok()) return Fail(store.status());
  const store::Author author{ctx.actor, o.reason};
  auto s = observe ? config::ObserveService(**store, author, o.product, o.version, o.service,
                                            o.api_version)
                   : config::DeclareService(**store, author, o.product, o.version, o.service,
                                            o.api_version, o.provider);
  if (!s.ok()) return Fail(s.status());
  if (ctx.json()) {
    PrintJsonLine(config::ToJson(*s));
    return kExitOk;
  }
  if (!observe) {
    std::cout << "declared service " << s->service << " of release " << s->product << " "
              << s->version << ": API " << s->api_version << "\n";
    return kExitOk;
  }
  std::cout << "observed service " << s->service << " of release " << s->product << " "
            << s->version << ": API " << *s->observed_api_version
            << (s->drift() ? " differs from the declared " + s->api_version : " as declared")
            << "\n";
  return kExitOk;
}

int RunSupportUntil(const Context& ctx, const Options& o) {
  auto store = OpenStore(ctx, "config support-until");
  if (!store.ok()) return Fail(store.status());
  Status s = config::SetSupportUntil(**store, {ctx.actor, o.reason}, o.product, o.version, o.date);
  if (!s.ok()) return Fail(s);
  if (ctx.json()) {
    PrintJsonLine({{"product", o.product}, {"version", o.version}, {"support_until", o.date}});
  } else {
    std::cout << "release " << o.product << " " << o.version << ": planned end of support "
              << o.date << "\n";
  }
  return kExitOk;
}

CLI::App* Command(CLI::App* group, Context& ctx, const char* name, const char* help,
                  std::shared_ptr<Options> o, int (*run)(const Context&, const Options&)) {
  auto* cmd = group->add_subcommand(name, help);
  cmd->callback([&ctx, o, run] { ctx.action = [&ctx, o, run] { return run(ctx, *o); }; });
  return cmd;
}

void AddTarget(CLI::App* cmd, Options& o) {
  cmd->add_option("PRODUCT", o.product, "Product name")->required();
  cmd->add_option("VERSION", o.version, "Release version")->required();
}

void AddReason(CLI::App* cmd, Options& o) {
  cmd->add_option("--reason", o.reason, "Why the change is made, for the audit trail");
}

}  // namespace

void AddConfigCommands(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand(
      "config",
      "Security-relevant configuration items of a release (certificates, keys, policies) and "
      "its cloud services");
  group->require_subcommand(1);

  auto add = std::make_shared<Options>();
  auto* add_cmd = Command(
      group, ctx, "add", "Record files of a draft release (private keys are refused)", add, RunAdd);
  AddTarget(add_cmd, *add);
  add_cmd->add_option("FILE", add->files, "Files to record")->required();
  add_cmd
      ->add_option("--kind", add->kind,
                   "certificate, public-key, policy, acl, hardening or other (default: detected)")
      ->type_name("KIND");
  add_cmd->add_option("--name", add->name, "Item name (default: the file name)");
  add_cmd->add_option("--path", add->path, "Install path (default: the file name)")
      ->type_name("INSTALL_PATH");
  AddReason(add_cmd, *add);

  auto list = std::make_shared<Options>();
  AddTarget(Command(group, ctx, "list", "List a release's items and services", list, RunList),
            *list);

  auto show = std::make_shared<Options>();
  auto* show_cmd = Command(group, ctx, "show", "Show one item", show, RunShow);
  AddTarget(show_cmd, *show);
  show_cmd->add_option("NAME", show->name, "Item name")->required();

  auto expiring = std::make_shared<Options>();
  auto* expiring_cmd = Command(
      group, ctx, "expiring",
      "Certificates expiring within DAYS or before their release's planned end of support (exit "
      "1 when any)",
      expiring, RunExpiring);
  expiring_cmd->add_option("--product", expiring->product, "Only this product");
  expiring_cmd->add_option("--within", expiring->within, "Horizon in days (default 90)")
      ->type_name("DAYS");

  auto verify = std::make_shared<Options>();
  auto* verify_cmd = Command(
      group, ctx, "verify",
      "Compare the files at DIR/path and the observed service versions with the records (exit 1 "
      "on drift)",
      verify, RunVerify);
  AddTarget(verify_cmd, *verify);
  verify_cmd->add_option("--root", verify->root, "Installed tree")->required()->type_name("DIR");
  verify_cmd->add_flag("--new", verify->report_new,
                       "Also list unrecorded files in the folders that hold items");

  auto service = std::make_shared<Options>();
  auto* service_cmd = Command(
      group, ctx, "service", "Declare a cloud service of a draft release and its API version",
      service, [](const Context& c, const Options& o) { return RunService(c, o, false); });
  auto observe = std::make_shared<Options>();
  auto* observe_cmd = Command(
      group, ctx, "service-observe", "Record the API version a declared service was seen to run",
      observe, [](const Context& c, const Options& o) { return RunService(c, o, true); });
  for (auto [cmd, o] : {std::pair{service_cmd, service}, std::pair{observe_cmd, observe}}) {
    AddTarget(cmd, *o);
    cmd->add_option("--service", o->service, "Service name")->required();
    cmd->add_option("--api-version", o->api_version, "API version")->required();
    AddReason(cmd, *o);
  }
  service_cmd->add_option("--provider", service->provider, "Who runs the service");

  auto support = std::make_shared<Options>();
  auto* support_cmd = Command(group, ctx, "support-until",
                              "Record a release's planned end of support (for `config expiring`)",
                              support, RunSupportUntil);
  AddTarget(support_cmd, *support);
  support_cmd->add_option("DATE", support->date, "YYYY-MM-DD")->required();
  AddReason(support_cmd, *support);
}

}  // namespace soupkeeper::cli
