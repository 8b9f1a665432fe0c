// Configuration items, cloud services and support plans on the store:
// validation, the draft-only rule, audited inserts, expiry and drift.
#include "soupkeeper/config_item.h"

#include <algorithm>
#include <set>

#include "config/internal.h"
#include "soupkeeper/hash.h"
#include "soupkeeper/release.h"

namespace soupkeeper::config {
namespace {

constexpr std::string_view kItems = "config_items";
constexpr std::string_view kServices = "config_services";
constexpr std::string_view kObservations = "config_service_observations";
constexpr std::string_view kPlans = "config_support_plans";
constexpr std::string_view kItemColumns =
    "product, version, name, kind, path, sha256, size_bytes, details, expires_at, created_at";

std::string Describe(std::string_view product, std::string_view version) {
  return "release " + std::string(product) + " " + std::string(version);
}

std::string Suffix(std::string_view product, std::string_view version) {
  return std::string(product) + "@" + std::string(version);
}

// kNotFound unless the product exists.
Status RequireProduct(store::Txn& txn, std::string_view product) {
  SK_ASSIGN_OR_RETURN(
      store::Rows p, txn.Query("SELECT name FROM products WHERE name = ?", {std::string(product)}));
  if (p.empty()) return NotFound("no product named '" + std::string(product) + "'");
  return Status::Ok();
}

// The status of a release; kNotFound naming the unknown product or version.
Result<release::ReleaseStatus> StatusIn(store::Txn& txn, std::string_view product,
                                        std::string_view version) {
  SK_ASSIGN_OR_RETURN(store::Rows rows,
                      txn.Query("SELECT status FROM releases WHERE product = ? AND version = ?",
                                {std::string(product), std::string(version)}));
  if (rows.empty()) {
    SK_RETURN_IF_ERROR(RequireProduct(txn, product));
    return NotFound("product '" + std::string(product) + "' has no release '" +
                    std::string(version) + "'");
  }
  SK_ASSIGN_OR_RETURN(std::string status, rows.rows[0].Text(0));
  return release::ParseStatus(status);
}

// Items and services belong to the baseline: only a draft takes them.
Status RequireDraft(store::Txn& txn, std::string_view product, std::string_view version,
                    std::string_view what) {
  SK_ASSIGN_OR_RETURN(release::ReleaseStatus status, StatusIn(txn, product, version));
  if (status == release::ReleaseStatus::kDraft) return Status::Ok();
  return FailedPrecondition(Describe(product, version) + " is " +
                            std::string(release::StatusName(status)) + " and its baseline is " +
                            "immutable: " + std::string(what) +
                            " only to a draft release (add a new release, or record a "
                            "correction with `release erratum`)");
}

// 1 to 200 characters of UTF-8 without control characters (and without '/'
// when `no_slash`).
Status ValidateText(std::string_view field, std::string_view text, bool no_slash) {
  auto bad = [&](const std::string& why) {
    return InvalidArgument("invalid " + std::string(field) + " '" + std::string(text) +
                           "': " + why);
  };
  if (text.empty()) return InvalidArgument("invalid " + std::string(field) + ": empty");
  if (text.size() > 200) return bad("longer than 200 characters");
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return InvalidArgument("invalid " + std::string(field) + ": contains a control character");
    }
    if (no_slash && c == '/') return bad("contains '/'");
  }
  return store::CanonicalJson(std::string(text)).status().WithContext(field);
}

// A relative path without "." or ".." parts, so ROOT/path stays below ROOT.
Status ValidatePath(std::string_view path) {
  SK_RETURN_IF_ERROR(ValidateText("path", path, false));
  auto bad = [&](const std::string& why) {
    return InvalidArgument("invalid path '" + std::string(path) + "': " + why +
                           " (expected a relative install path such as etc/ssl/ca.pem)");
  };
  if (path.front() == '/') return bad("absolute");
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = std::min(path.find('/', start), path.size());
    std::string_view part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return bad("has an empty, '.' or '..' part");
    start = end + 1;
  }
  return Status::Ok();
}

std::optional<std::string> EarliestExpiry(const FileFacts& facts) {
  std::optional<std::string> earliest;
  for (const CertificateInfo& c : facts.certificates) {
    if (!earliest || c.not_after < *earliest) earliest = c.not_after;
  }
  return earliest;
}

Result<ConfigItem> ItemFromRow(const store::Row& row) {
  ConfigItem item;
  SK_ASSIGN_OR_RETURN(item.product, row.Text(0));
  SK_ASSIGN_OR_RETURN(item.version, row.Text(1));
  SK_ASSIGN_OR_RETURN(item.name, row.Text(2));
  SK_ASSIGN_OR_RETURN(std::string kind, row.Text(3));
  Result<Kind> k = ParseKind(kind);
  if (!k.ok()) return Corruption("config_items.kind: " + k.status().message());
  item.facts.kind = *k;
  SK_ASSIGN_OR_RETURN(item.path, row.Text(4));
  SK_ASSIGN_OR_RETURN(item.facts.sha256, row.Text(5));
  SK_ASSIGN_OR_RETURN(item.facts.size_bytes, row.Int(6));
  SK_ASSIGN_OR_RETURN(std::string details, row.Text(7));
  SK_RETURN_IF_ERROR(DetailsFromJson(details, &item.facts));
  if (!row.IsNull(8)) {
    SK_ASSIGN_OR_RETURN(item.expires_at, row.Text(8));
  }
  SK_ASSIGN_OR_RETURN(item.created_at, row.Text(9));
  return item;
}

Result<std::vector<ConfigItem>> ItemsIn(store::Txn& txn, std::string_view product,
                                        std::string_view version) {
  SK_RETURN_IF_ERROR(StatusIn(txn, product, version).status());
  SK_ASSIGN_OR_RETURN(store::Rows rows,
                      txn.Query("SELECT " + std::string(kItemColumns) +
                                    " FROM config_items WHERE product = ? AND version = ? "
                                    "ORDER BY name",
                                {std::string(product), std::string(version)}));
  std::vector<ConfigItem> items;
  for (const store::Row& row : rows.rows) {
    SK_ASSIGN_OR_RETURN(ConfigItem item, ItemFromRow(row));
    items.push_back(std::move(item));
  }
  return items;
}

Result<std::vector<Service>> ServicesIn(store::Txn& txn, std::string_view product,
                                        std::string_view version, std::string_view only = {}) {
  SK_RETURN_IF_ERROR(StatusIn(txn, product, version).status());
  std::string sql =
      "SELECT service, provider, api_version, created_at FROM config_services "
      "WHERE product = ? AND version = ?";
  std::vector<store::Value> params = {std::string(product), std::string(version)};
  if (!only.empty()) {
    sql += " AND service = ?";
    params.emplace_back(std::string(only));
  }
  SK_ASSIGN_OR_RETURN(store::Rows rows, txn.Query(sql + " ORDER BY service", params));
  std::vector<Service> services;
  for (const store::Row& row : rows.rows) {
    Service s;
    s.product = product;
    s.version = version;
    SK_ASSIGN_OR_RETURN(s.service, row.Text(0));
    SK_ASSIGN_OR_RETURN(s.provider, row.Text(1));
    SK_ASSIGN_OR_RETURN(s.api_version, row.Text(2));
    SK_ASSIGN_OR_RETURN(s.created_at, row.Text(3));
    SK_ASSIGN_OR_RETURN(
        store::Rows obs,
        txn.Query("SELECT api_version, observed_at FROM config_service_observations "
                  "WHERE product = ? AND version = ? AND service = ? ORDER BY number DESC",
                  {std::string(product), std::string(version), s.service}));
    s.observations = static_cast<int64_t>(obs.size());
    if (!obs.empty()) {
      SK_ASSIGN_OR_RETURN(s.observed_api_version, obs.rows[0].Text(0));
      SK_ASSIGN_OR_RETURN(s.observed_at, obs.rows[0].Text(1));
    }
    services.push_back(std::move(s));
  }
  return services;
}

Result<Service> OneServiceIn(store::Txn& txn, std::string_view product, std::string_view version,
                             std::string_view service) {
  SK_ASSIGN_OR_RETURN(std::vector<Service> found, ServicesIn(txn, product, version, service));
  if (found.empty()) {
    return NotFound(Describe(product, version) + " declares no service '" + std::string(service) +
                    "' (declare it with `config service`)");
  }
  return found.front();
}

nlohmann::json Nullable(const std::optional<std::string>& s) {
  return s ? nlohmann::json(*s) : nlohmann::json(nullptr);
}

}  // namespace

Result<std::vector<ConfigItem>> Add(store::Store& store, const store::Author& author,
                                    std::string_view product, std::string_view version,
                                    const std::vector<NewItem>& items) {
  std::vector<ConfigItem> added;
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    SK_RETURN_IF_ERROR(RequireDraft(txn, product, version, "configuration items are added"));
    std::set<std::string> names;
    for (const NewItem& item : items) {
      SK_RETURN_IF_ERROR(ValidateText("configuration item name", item.name, true));
      SK_RETURN_IF_ERROR(ValidatePath(item.path));
      SK_ASSIGN_OR_RETURN(store::Rows existing,
                          txn.Query("SELECT name FROM config_items WHERE product = ? AND "
                                    "version = ? AND name = ?",
                                    {std::string(product), std::string(version), item.name}));
      if (!existing.empty() || !names.insert(item.name).second) {
        return AlreadyExists(Describe(product, version) + " already has a configuration item '" +
                             item.name + "' (give another with --name)");
      }
      SK_ASSIGN_OR_RETURN(std::string details, store::CanonicalJson(DetailsJson(item.facts)));
      SK_RETURN_IF_ERROR(txn.Exec(
          "INSERT INTO config_items (product, version, name, entity, kind, path, sha256, "
          "size_bytes, details, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {std::string(product), std::string(version), item.name,
           "config:" + Suffix(product, version) + "/" + item.name,
           std::string(KindName(item.facts.kind)), item.path, item.facts.sha256,
           item.facts.size_bytes, details, store::NullableText(EarliestExpiry(item.facts)),
           txn.time()}));
      SK_RETURN_IF_ERROR(txn.Audit("config.add", kItems,
                                   "config:" + Suffix(product, version) + "/" + item.name, nullptr)
                             .status());
    }
    SK_ASSIGN_OR_RETURN(std::vector<ConfigItem> all, ItemsIn(txn, product, version));
    for (ConfigItem& i : all) {
      if (names.count(i.name)) added.push_back(std::move(i));
    }
    return Status::Ok();
  }));
  return added;
}

Result<std::vector<ConfigItem>> List(store::Store& store, std::string_view product,
                                     std::string_view version) {
  std::vector<ConfigItem> items;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(items, ItemsIn(txn, product, version));
    return Status::Ok();
  }));
  return items;
}

Result<ConfigItem> Get(store::Store& store, std::string_view product, std::string_view version,
                       std::string_view name) {
  SK_ASSIGN_OR_RETURN(std::vector<ConfigItem> items, List(store, product, version));
  for (ConfigItem& i : items) {
    if (i.name == name) return std::move(i);
  }
  return NotFound(Describe(product, version) + " has no configuration item '" + std::string(name) +
                  "'");
}

Status SetSupportUntil(store::Store& store, const store::Author& author, std::string_view product,
                       std::string_view version, std::string_view date) {
  // A real calendar day: ParseTime rolls 2026-02-30 over into March.
  Result<TimePoint> day = ParseTime(date);
  if (date.size() != 10 || !day.ok() || FormatTime(*day).substr(0, 10) != date) {
    return InvalidArgument("invalid end-of-support date '" + std::string(date) +
                           "' (expected YYYY-MM-DD)");
  }
  return store.Write(author, [&](store::Txn& txn) -> Status {
    SK_RETURN_IF_ERROR(StatusIn(txn, product, version).status());
    const std::string entity = "support-plan:" + Suffix(product, version);
    SK_ASSIGN_OR_RETURN(nlohmann::json before, txn.State(kPlans, entity));
    if (before.is_null()) {
      SK_RETURN_IF_ERROR(txn.Exec(
          "INSERT INTO config_support_plans (product, version, entity, support_until, "
          "changed_at) VALUES (?, ?, ?, ?, ?)",
          {std::string(product), std::string(version), entity, std::string(date), txn.time()}));
    } else {
      SK_RETURN_IF_ERROR(txn.Exec(
          "UPDATE config_support_plans SET support_until = ?, changed_at = ? WHERE entity = ?",
          {std::string(date), txn.time(), entity}));
    }
    return txn.Audit("config.support-until", kPlans, entity, before).status();
  });
}

Result<std::optional<std::string>> SupportUntil(store::Store& store, std::string_view product,
                                                std::string_view version) {
  std::optional<std::string> date;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_RETURN_IF_ERROR(StatusIn(txn, product, version).status());
    SK_ASSIGN_OR_RETURN(store::Rows rows,
                        txn.Query("SELECT support_until FROM config_support_plans WHERE "
                                  "product = ? AND version = ?",
                                  {std::string(product), std::string(version)}));
    if (!rows.empty()) {
      SK_ASSIGN_OR_RETURN(date, rows.rows[0].Text(0));
    }
    return Status::Ok();
  }));
  return date;
}

Result<std::vector<ExpiringCertificate>> Expiring(store::Store& store, std::string_view product,
                                                  TimePoint now, int64_t within_days) {
  std::vector<ExpiringCertificate> out;
  const TimePoint horizon = now + std::chrono::hours(24 * within_days);
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    std::string sql =
        "SELECT " + std::string(kItemColumns) +
        ", (SELECT support_until FROM config_support_plans p WHERE p.product = i.product AND "
        "p.version = i.version) FROM config_items i WHERE kind = 'certificate' AND "
        "(SELECT status FROM releases r WHERE r.product = i.product AND r.version = i.version) "
        "<> 'retired'";
    std::vector<store::Value> params;
    if (!product.empty()) {
      SK_RETURN_IF_ERROR(RequireProduct(txn, product));
      sql += " AND product = ?";
      params.emplace_back(std::string(product));
    }
    SK_ASSIGN_OR_RETURN(store::Rows rows, txn.Query(sql, params));
    for (const store::Row& row : rows.rows) {
      SK_ASSIGN_OR_RETURN(ConfigItem item, ItemFromRow(row));
      std::optional<std::string> support;
      if (!row.IsNull(10)) {
        SK_ASSIGN_OR_RETURN(support, row.Text(10));
      }
      std::optional<TimePoint> support_end;
      if (support) {
        SK_ASSIGN_OR_RETURN(support_end, ParseTime(*support));
      }
      for (const CertificateInfo& c : item.facts.certificates) {
        Result<TimePoint> not_after = ParseTime(c.not_after);
        if (!not_after.ok()) return Corruption("config_items.details: " + c.not_after);
        ExpiringCertificate e;
        e.within_horizon = *not_after < horizon;
        if (support_end && *not_after < *support_end) e.support_until = support;
        if (!e.within_horizon && !e.support_until) continue;
        auto seconds = std::chrono::duration_cast<std::chrono::seconds>(*not_after - now).count();
        e.days_left = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
        e.product = item.product;
        e.version = item.version;
        e.item = item.name;
        e.certificate = c;
        out.push_back(std::move(e));
      }
    }
    return Status::Ok();
  }));
  std::sort(out.begin(), out.end(), [](const ExpiringCertificate& a, const ExpiringCertificate& b) {
    return std::tie(a.certificate.not_after, a.product, a.version, a.item, a.certificate.sha256) <
           std::tie(b.certificate.not_after, b.product, b.version, b.item, b.certificate.sha256);
  });
  return out;
}

Result<std::vector<FileCheck>> VerifyFiles(store::Store& store, Env& env, std::string_view product,
                                           std::string_view version, const std::string& root,
                                           bool report_new) {
  SK_ASSIGN_OR_RETURN(std::vector<ConfigItem> items, List(store, product, version));
  std::vector<FileCheck> checks;
  for (const ConfigItem& item : items) {
    FileCheck c{item.name, item.path, "missing", item.facts.sha256, ""};
    const std::string full = root + "/" + item.path;
    if (env.FileExists(full)) {
      SK_ASSIGN_OR_RETURN(std::string bytes, env.ReadFile(full));
      c.found_sha256 = Sha256Hex(bytes);
      c.state = c.found_sha256 == c.recorded_sha256 ? "unchanged" : "changed";
    }
    checks.push_back(std::move(c));
  }
  if (!report_new) return checks;
  std::set<std::string> recorded, folders;
  for (const ConfigItem& item : items) {
    recorded.insert(item.path);
    size_t slash = item.path.rfind('/');
    folders.insert(slash == std::string::npos ? "" : item.path.substr(0, slash + 1));
  }
  for (const std::string& folder : folders) {
    if (!env.IsDirectory(root + "/" + folder)) continue;
    SK_ASSIGN_OR_RETURN(std::vector<std::string> names, env.ListDirectory(root + "/" + folder));
    for (const std::string& name : names) {
      const std::string path = folder + name;
      if (recorded.count(path) || env.IsDirectory(root + "/" + path)) continue;
      SK_ASSIGN_OR_RETURN(std::string bytes, env.ReadFile(root + "/" + path));
      checks.push_back({"", path, "new", "", Sha256Hex(bytes)});
    }
  }
  return checks;
}

Result<Service> DeclareService(store::Store& store, const store::Author& author,
                               std::string_view product, std::string_view version,
                               std::string_view service, std::string_view api_version,
                               std::string_view provider) {
  SK_RETURN_IF_ERROR(ValidateText("service name", service, true));
  SK_RETURN_IF_ERROR(ValidateText("API version", api_version, false));
  if (!provider.empty()) SK_RETURN_IF_ERROR(ValidateText("provider", provider, false));
  Service declared;
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    SK_RETURN_IF_ERROR(RequireDraft(txn, product, version, "services are declared"));
    const std::string entity = "service:" + Suffix(product, version) + "/" + std::string(service);
    SK_ASSIGN_OR_RETURN(nlohmann::json before, txn.State(kServices, entity));
    if (!before.is_null()) {
      return AlreadyExists(Describe(product, version) + " already declares service '" +
                           std::string(service) + "'");
    }
    SK_RETURN_IF_ERROR(txn.Exec(
        "INSERT INTO config_services (product, version, service, entity, provider, api_version, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {std::string(product), std::string(version), std::string(service), entity,
         std::string(provider), std::string(api_version), txn.time()}));
    SK_RETURN_IF_ERROR(txn.Audit("config.service", kServices, entity, nullptr).status());
    SK_ASSIGN_OR_RETURN(declared, OneServiceIn(txn, product, version, service));
    return Status::Ok();
  }));
  return declared;
}

Result<Service> ObserveService(store::Store& store, const store::Author& author,
                               std::string_view product, std::string_view version,
                               std::string_view service, std::string_view observed_api_version) {
  SK_RETURN_IF_ERROR(ValidateText("API version", observed_api_version, false));
  Service observed;
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    SK_RETURN_IF_ERROR(OneServiceIn(txn, product, version, service).status());
    SK_ASSIGN_OR_RETURN(
        store::Rows rows,
        txn.Query("SELECT COUNT(*) FROM config_service_observations WHERE product = ? AND "
                  "version = ? AND service = ?",
                  {std::string(product), std::string(version), std::string(service)}));
    SK_ASSIGN_OR_RETURN(int64_t count, rows.rows[0].Int(0));
    const int64_t number = count + 1;
    const std::string entity = "service-observation:" + Suffix(product, version) + "/" +
                               std::string(service) + "#" + std::to_string(number);
    SK_RETURN_IF_ERROR(txn.Exec(
        "INSERT INTO config_service_observations (product, version, service, number, entity, "
        "api_version, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {std::string(product), std::string(version), std::string(service), number, entity,
         std::string(observed_api_version), txn.time()}));
    SK_RETURN_IF_ERROR(
        txn.Audit("config.service-observe", kObservations, entity, nullptr).status());
    SK_ASSIGN_OR_RETURN(observed, OneServiceIn(txn, product, version, service));
    return Status::Ok();
  }));
  return observed;
}

Result<std::vector<Service>> Services(store::Store& store, std::string_view product,
                                      std::string_view version) {
  std::vector<Service> services;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(services, ServicesIn(txn, product, version));
    return Status::Ok();
  }));
  return services;
}

nlohmann::json ToJson(const ConfigItem& item) {
  nlohmann::json out = DetailsJson(item.facts);
  out["product"] = item.product;
  out["version"] = item.version;
  out["name"] = item.name;
  out["kind"] = KindName(item.facts.kind);
  out["path"] = item.path;
  out["sha256"] = item.facts.sha256;
  out["size_bytes"] = item.facts.size_bytes;
  out["expires_at"] = Nullable(item.expires_at);
  out["created_at"] = item.created_at;
  return out;
}

nlohmann::json ToJson(const Service& s) {
  return {{"product", s.product},
          {"version", s.version},
          {"service", s.service},
          {"provider", s.provider},
          {"api_version", s.api_version},
          {"created_at", s.created_at},
          {"observed_api_version", Nullable(s.observed_api_version)},
          {"observed_at", Nullable(s.observed_at)},
          {"observations", s.observations},
          {"drift", s.drift()}};
}

nlohmann::json ToJson(const ExpiringCertificate& e) {
  return {{"product", e.product},
          {"version", e.version},
          {"item", e.item},
          {"certificate", ToJson(e.certificate)},
          {"days_left", e.days_left},
          {"within_horizon", e.within_horizon},
          {"before_end_of_support", Nullable(e.support_until)}};
}

nlohmann::json ToJson(const FileCheck& c) {
  return {{"name", c.name},
          {"path", c.path},
          {"state", c.state},
          {"recorded_sha256", c.recorded_sha256},
          {"found_sha256",
           c.found_sha256.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.found_sha256)}};
}

}  // namespace soupkeeper::config
