// `soupkeeper soup sync|list|show|set|set-version|category-map|import|export`:
// the SOUP inventory (docs/parts/inventory.md). Changes go through the audit
// trail as ctx.actor with --reason (required for a category change).
// `--format json` prints one JSON value on one line.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "command.h"
#include "soupkeeper/diagnostics.h"
#include "soupkeeper/env.h"
#include "soupkeeper/inventory.h"
#include "soupkeeper/store.h"

namespace soupkeeper::cli {
namespace {

std::string OrDash(const std::string& s) { return s.empty() ? "-" : s; }
std::string OrDash(const std::optional<std::string>& s) { return s ? *s : "-"; }

std::string CategoryText(const inventory::Item& it) {
  if (!it.category) return "unset";
  std::string name(inventory::CategoryName(*it.category));
  return it.category_term == name || it.category_term.empty()
             ? name
             : name + " (" + it.category_term + ")";
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

struct SyncOptions {
  std::string product;
  std::string version;
  std::string reason;
};

int RunSync(const Context& ctx, const SyncOptions& o) {
  auto store = OpenStore(ctx, "soup sync");
  if (!store.ok()) return Fail(store.status());
  std::string reason =
      o.reason.empty() ? "sync from release " + o.product + " " + o.version : o.reason;
  CollectingSink sink;
  auto report = inventory::FromRelease(**store, {ctx.actor, reason}, o.product, o.version, sink);
  PrintWarnings(sink.Take());
  if (!report.ok()) return Fail(report.status());
  if (ctx.json()) {
    PrintJsonLine(inventory::ToJson(*report));
  } else {
    std::cout << "synced " << o.product << " " << o.version << ": " << report->components
              << " components, " << report->items_added << " new items, " << report->versions_added
              << " new versions, " << report->versions_updated
              << " versions updated from the SBOM\n";
  }
  return kExitOk;
}

int RunList(const Context& ctx, const inventory::ListFilter& f) {
  auto store = OpenStore(ctx, "soup list");
  if (!store.ok()) return Fail(store.status());
  auto items = inventory::List(**store, f);
  if (!items.ok()) return Fail(items.status());
  if (ctx.json()) {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& it : *items) all.push_back(inventory::ToJson(it));
    PrintJsonLine(all);
    return kExitOk;
  }
  for (const auto& it : *items) {
    std::cout << it.key << "  " << CategoryText(it) << "  supplier " << OrDash(it.supplier) << "\n";
  }
  if (items->empty()) std::cout << "no SOUP items\n";
  return kExitOk;
}

int RunShow(const Context& ctx, const std::string& key) {
  auto store = OpenStore(ctx, "soup show");
  if (!store.ok()) return Fail(store.status());
  auto item = inventory::Get(**store, key);
  if (!item.ok()) return Fail(item.status());
  auto versions = inventory::Versions(**store, key);
  if (!versions.ok()) return Fail(versions.status());
  auto history = inventory::CategoryHistory(**store, key);
  if (!history.ok()) return Fail(history.status());
  auto reevals = inventory::Reevaluations(**store, key);
  if (!reevals.ok()) return Fail(reevals.status());
  auto assessments = inventory::Assessments(**store, key);
  if (!assessments.ok()) return Fail(assessments.status());
  auto risks = inventory::Risks(**store, key);
  if (!risks.ok()) return Fail(risks.status());
  if (ctx.json()) {
    nlohmann::json j = inventory::ToJson(*item);
    auto array = [](const auto& v) {
      nlohmann::json a = nlohmann::json::array();
      for (const auto& x : v) a.push_back(inventory::ToJson(x));
      return a;
    };
    j["versions"] = array(*versions);
    j["category_history"] = array(*history);
    j["reevaluations"] = array(*reevals);
    j["assessments"] = array(*assessments);
    j["risks"] = array(*risks);
    PrintJsonLine(j);
    return kExitOk;
  }
  const inventory::Item& it = *item;
  std::cout << "item:              " << it.key << "\n"
            << "name:              " << it.name << "\n"
            << "category:          " << CategoryText(it) << "\n"
            << "supplier:          " << OrDash(it.supplier) << "\n"
            << "custom-developed:  " << (it.custom_developed ? "yes" : "no") << "\n"
            << "security impact:   " << (it.security_impact ? "yes" : "no") << "\n"
            << "purpose:           " << OrDash(it.purpose) << "\n"
            << "runs on:           " << OrDash(Join(it.runs_on)) << "\n";
  for (const auto& v : *versions) {
    std::cout << "version " << v.version << ": support " << OrDash(v.support_level)
              << ", end of support " << OrDash(v.end_of_support);
    if (!v.end_of_support_justification.empty()) {
      std::cout << " (" << v.end_of_support_justification << ")";
    }
    std::cout << ", source " << OrDash(v.support_source) << " " << OrDash(v.support_date)
              << ", anomaly list reviewed " << OrDash(v.anomaly_review_date) << " by "
              << OrDash(v.anomaly_reviewer) << "\n";
  }
  for (const auto& c : *history) {
    std::cout << "category change #" << c.number << " " << c.changed_at << ": "
              << (c.from ? std::string(inventory::CategoryName(*c.from)) : "unset") << " -> "
              << inventory::CategoryName(c.to) << " (" << c.reason << ")\n";
  }
  for (const auto& r : *reevals) {
    std::cout << "re-evaluation #" << r.number << " " << inventory::CategoryName(r.from) << " -> "
              << inventory::CategoryName(r.to) << ": "
              << (r.closed_at ? "closed by " + r.closed_by : std::string("open")) << "\n";
  }
  for (const auto& a : *assessments) {
    std::cout << "assessment #" << a.number << " " << a.version << " " << a.date << ": "
              << a.decision << " (" << a.vulnerabilities.total << " known vulnerabilities, "
              << a.vulnerabilities.kev << " KEV, " << a.vulnerabilities.critical << " critical)\n";
  }
  for (const auto& r : *risks) {
    std::cout << "risk #" << r.number << ": " << r.disposition << ": " << r.threat << "\n";
  }
  return kExitOk;
}

struct SetOptions {
  std::string key;
  std::string category;
  std::string supplier;
  bool custom_developed = false;
  bool security_impact = false;
  std::string purpose;
  std::vector<std::string> runs_on;
  std::string reason;
  CLI::Option* category_opt = nullptr;
  CLI::Option* supplier_opt = nullptr;
  CLI::Option* custom_opt = nullptr;
  CLI::Option* impact_opt = nullptr;
  CLI::Option* purpose_opt = nullptr;
  CLI::Option* runs_on_opt = nullptr;
};

int RunSet(const Context& ctx, const SetOptions& o) {
  auto store = OpenStore(ctx, "soup set");
  if (!store.ok()) return Fail(store.status());
  inventory::ItemChanges c;
  if (o.category_opt->count() > 0) c.category = o.category;
  if (o.supplier_opt->count() > 0) c.supplier = o.supplier;
  if (o.custom_opt->count() > 0) c.custom_developed = o.custom_developed;
  if (o.impact_opt->count() > 0) c.security_impact = o.security_impact;
  if (o.purpose_opt->count() > 0) c.purpose = o.purpose;
  if (o.runs_on_opt->count() > 0) c.runs_on = o.runs_on;
  auto updated = inventory::Update(**store, {ctx.actor, o.reason}, o.key, c);
  if (!updated.ok()) return Fail(updated.status());
  if (ctx.json()) {
    PrintJsonLine(inventory::ToJson(*updated));
  } else {
    std::cout << "updated SOUP item " << updated->key << " (category " << CategoryText(*updated)
              << ")\n";
  }
  return kExitOk;
}

struct SetVersionOptions {
  std::string key;
  std::string version;
  std::string reason;
  std::vector<std::pair<CLI::Option*, std::string>> values;  // in VersionChanges order
};

int RunSetVersion(const Context& ctx, const SetVersionOptions& o) {
  auto store = OpenStore(ctx, "soup set-version");
  if (!store.ok()) return Fail(store.status());
  inventory::VersionChanges c;
  std::optional<std::string>* fields[] = {&c.support_level,       &c.support_justification,
                                          &c.end_of_support,      &c.end_of_support_justification,
                                          &c.support_source,      &c.support_date,
                                          &c.anomaly_review_date, &c.anomaly_reviewer};
  for (size_t i = 0; i < o.values.size(); ++i) {
    if (o.values[i].first->count() > 0) *fields[i] = o.values[i].second;
  }
  auto v = inventory::SetVersion(**store, {ctx.actor, o.reason}, o.key, o.version, c);
  if (!v.ok()) return Fail(v.status());
  if (ctx.json()) {
    PrintJsonLine(inventory::ToJson(*v));
  } else {
    std::cout << "updated SOUP version " << v->item_key << " " << v->version << "\n";
  }
  return kExitOk;
}

struct MapOptions {
  std::string term;
  std::string canonical;
  std::string reason;
};

int RunMapAdd(const Context& ctx, const MapOptions& o) {
  auto store = OpenStore(ctx, "soup category-map add");
  if (!store.ok()) return Fail(store.status());
  auto canonical = inventory::ParseCategory(o.canonical);
  if (!canonical.ok()) return Fail(canonical.status());
  Status s = inventory::MapCategory(**store, {ctx.actor, o.reason}, o.term, *canonical);
  if (!s.ok()) return Fail(s);
  if (ctx.json()) {
    PrintJsonLine({{"term", o.term}, {"category", o.canonical}});
  } else {
    std::cout << "mapped category term " << o.term << " to " << o.canonical << "\n";
  }
  return kExitOk;
}

int RunMapList(const Context& ctx) {
  auto store = OpenStore(ctx, "soup category-map list");
  if (!store.ok()) return Fail(store.status());
  auto map = inventory::CategoryMap(**store);
  if (!map.ok()) return Fail(map.status());
  if (ctx.json()) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [term, c] : *map) j[term] = inventory::CategoryName(c);
    PrintJsonLine(j);
    return kExitOk;
  }
  for (const auto& [term, c] : *map)
    std::cout << term << " -> " << inventory::CategoryName(c) << "\n";
  if (map->empty()) std::cout << "no category terms mapped\n";
  return kExitOk;
}

struct ImportOptions {
  std::string file;
  bool partial = false;
  std::string reason;
};

// The file's format from its extension: csv, yaml/yml, xlsx.
std::string FormatOf(const std::string& path) {
  size_t dot = path.rfind('.');
  std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == "yml" ? "yaml" : ext;
}

int RunImport(const Context& ctx, const ImportOptions& o) {
  std::string format = FormatOf(o.file);
  Result<std::string> bytes = Env::Default()->ReadFile(o.file);
  if (!bytes.ok()) return Fail(bytes.status());
  Result<inventory::ListTable> table =
      format == "csv"    ? inventory::ParseCsv(*bytes, o.file)
      : format == "yaml" ? inventory::ParseYaml(*bytes, o.file)
      : format == "xlsx"
          ? inventory::ParseXlsx(*bytes, o.file)
          : Result<inventory::ListTable>(InvalidArgument("soup import: " + o.file +
                                                         ": expected a .csv, .yaml or .xlsx file"));
  if (!table.ok()) return Fail(table.status());
  auto store = OpenStore(ctx, "soup import");
  if (!store.ok()) return Fail(store.status());
  std::string reason = o.reason.empty() ? "import of " + o.file : o.reason;
  auto report = inventory::Import(**store, {ctx.actor, reason}, *table, o.partial);
  if (!report.ok()) return Fail(report.status());
  for (const auto& e : report->errors) {
    std::cerr << "soupkeeper: " << o.file << ": " << e.ToString(table->row_word) << "\n";
  }
  if (ctx.json()) {
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& e : report->errors) {
      errors.push_back({{"row", e.row}, {"column", e.column}, {"message", e.message}});
    }
    PrintJsonLine({{"rows", report->rows}, {"imported", report->imported}, {"errors", errors}});
  } else {
    std::cout << "imported " << report->imported << " of " << report->rows << " rows from "
              << o.file << "\n";
  }
  if (!report->errors.empty() && (!o.partial || report->imported == 0)) return kExitBadInput;
  return kExitOk;
}

struct ExportOptions {
  std::string to;
  std::string out;
};

int RunExport(const Context& ctx, const ExportOptions& o) {
  if (o.to != "csv" && o.to != "yaml" && o.to != "xlsx") {
    return Fail(
        InvalidArgument("soup export: --to must be csv, yaml or xlsx, not \"" + o.to + "\""));
  }
  auto store = OpenStore(ctx, "soup export");
  if (!store.ok()) return Fail(store.status());
  auto table = inventory::ExportTable(**store);
  if (!table.ok()) return Fail(table.status());
  Status s = o.to == "xlsx"
                 ? inventory::WriteXlsx(*table, o.out)
                 : Env::Default()->WriteFile(
                       o.out, o.to == "csv" ? inventory::ToCsv(*table) : inventory::ToYaml(*table));
  if (!s.ok()) return Fail(s);
  if (ctx.json()) {
    PrintJsonLine({{"rows", table->rows.size()}, {"file", o.out}, {"format", o.to}});
  } else {
    std::cout << "exported " << table->rows.size() << " rows to " << o.out << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddSoupCommands(CLI::App& app, Context& ctx) {
  auto* soup =
      app.add_subcommand("soup", "The SOUP inventory: items, versions, categories, support data");
  soup->require_subcommand(1);

  auto sync_opts = std::make_shared<SyncOptions>();
  auto* sync = soup->add_subcommand(
      "sync", "Build or update SOUP items and versions from a stored release's SBOM");
  sync->add_option("PRODUCT", sync_opts->product, "Product name")->required();
  sync->add_option("VERSION", sync_opts->version, "Release version")->required();
  sync->add_option("--reason", sync_opts->reason, "Why, for the audit trail");
  sync->callback(
      [&ctx, sync_opts] { ctx.action = [&ctx, sync_opts] { return RunSync(ctx, *sync_opts); }; });

  auto filter = std::make_shared<inventory::ListFilter>();
  auto* list = soup->add_subcommand("list", "List SOUP items");
  list->add_option("--product", filter->product, "Only the items of a release of this product");
  list->add_option("--release", filter->release, "The release version (with --product)");
  list->add_option("--category", filter->category, "maintained, supported, required or unset");
  list->add_flag("--missing-disposition", filter->missing_disposition,
                 "Only items without a security risk disposition");
  list->add_flag("--needs-reevaluation", filter->needs_reevaluation,
                 "Only items with an open re-evaluation (after a downgrade)");
  list->callback([&ctx, filter] { ctx.action = [&ctx, filter] { return RunList(ctx, *filter); }; });

  auto show_key = std::make_shared<std::string>();
  auto* show = soup->add_subcommand("show", "Show one SOUP item with its versions and records");
  show->add_option("ITEM", *show_key, "Item key, e.g. pkg:generic/openssl")->required();
  show->callback(
      [&ctx, show_key] { ctx.action = [&ctx, show_key] { return RunShow(ctx, *show_key); }; });

  auto set_opts = std::make_shared<SetOptions>();
  auto* set = soup->add_subcommand("set", "Change a SOUP item's category, supplier, flags, ...");
  set->add_option("ITEM", set_opts->key, "Item key")->required();
  set_opts->category_opt =
      set->add_option("--category", set_opts->category,
                      "maintained, supported, required or a mapped internal term");
  set_opts->supplier_opt = set->add_option("--supplier", set_opts->supplier, "Supplier name");
  set_opts->custom_opt = set->add_flag("--custom-developed,!--no-custom-developed",
                                       set_opts->custom_developed, "Developed for us (or not)");
  set_opts->impact_opt = set->add_flag("--security-impact,!--no-security-impact",
                                       set_opts->security_impact, "Has security impact (or not)");
  set_opts->purpose_opt = set->add_option("--purpose", set_opts->purpose, "What it is used for");
  set_opts->runs_on_opt =
      set->add_option("--runs-on", set_opts->runs_on,
                      "Where it runs: device, app, cloud, update-server (repeat; replaces)");
  set->add_option("--reason", set_opts->reason, "Why (required for a category change)");
  set->callback(
      [&ctx, set_opts] { ctx.action = [&ctx, set_opts] { return RunSet(ctx, *set_opts); }; });

  auto sv = std::make_shared<SetVersionOptions>();
  auto* set_version =
      soup->add_subcommand("set-version", "Add a version of an item or change its support data");
  set_version->add_option("ITEM", sv->key, "Item key")->required();
  set_version->add_option("VERSION", sv->version, "Version")->required();
  const char* names[][2] = {
      {"--support-level", "actively-maintained, no-longer-maintained, abandoned or unknown"},
      {"--support-justification", "Why the level is unknown"},
      {"--end-of-support", "End-of-support date YYYY-MM-DD (\"\" clears)"},
      {"--end-of-support-justification", "Why there is no end-of-support date"},
      {"--support-source", "Where the support information came from (URL, document)"},
      {"--support-date", "When the support information was obtained, YYYY-MM-DD"},
      {"--anomaly-review-date", "When the published anomaly list was reviewed, YYYY-MM-DD"},
      {"--anomaly-reviewer", "Who reviewed the anomaly list"}};
  sv->values.resize(std::size(names));
  for (size_t i = 0; i < std::size(names); ++i) {
    sv->values[i].first = set_version->add_option(names[i][0], sv->values[i].second, names[i][1]);
  }
  set_version->add_option("--reason", sv->reason, "Why, for the audit trail");
  set_version->callback(
      [&ctx, sv] { ctx.action = [&ctx, sv] { return RunSetVersion(ctx, *sv); }; });

  auto* map = soup->add_subcommand("category-map", "Internal category terms and their meaning");
  map->require_subcommand(1);
  auto map_opts = std::make_shared<MapOptions>();
  auto* map_add = map->add_subcommand("add", "Map an internal term to an ISH1 category");
  map_add->add_option("INTERNAL", map_opts->term, "The internal term")->required();
  map_add->add_option("CANONICAL", map_opts->canonical, "maintained, supported or required")
      ->required();
  map_add->add_option("--reason", map_opts->reason, "Why, for the audit trail");
  map_add->callback(
      [&ctx, map_opts] { ctx.action = [&ctx, map_opts] { return RunMapAdd(ctx, *map_opts); }; });
  auto* map_list = map->add_subcommand("list", "List the mapped terms");
  map_list->callback([&ctx] { ctx.action = [&ctx] { return RunMapList(ctx); }; });

  auto import_opts = std::make_shared<ImportOptions>();
  auto* import = soup->add_subcommand(
      "import", "Import a hand-kept SOUP list (.csv, .yaml or .xlsx; columns in the docs)");
  import->add_option("FILE", import_opts->file, "The list")->required();
  import->add_flag("--partial", import_opts->partial,
                   "Import the good rows even when others have errors");
  import->add_option("--reason", import_opts->reason, "Why, for the audit trail");
  import->callback([&ctx, import_opts] {
    ctx.action = [&ctx, import_opts] { return RunImport(ctx, *import_opts);
};
}  // namespace soupkeeper::cli
);

auto export_opts = std::make_shared<ExportOptions>();
auto* export_cmd = soup->add_subcommand("export", "Export the SOUP inventory as a list");
export_cmd->add_option("--to", export_opts->to, "csv, yaml or xlsx")->required();
export_cmd->add_option("--out", export_opts->out, "The file to write")->required();
export_cmd->callback([&ctx, export_opts] {
  ctx.action = [&ctx, export_opts] { return RunExport(ctx, *export_opts); };
});
}

}  // namespace soupkeeper::cli
