// SOUP items and versions on the store: identity, categories with their
// history and re-evaluations, the category map, sync from a release, lists.
#include "soupkeeper/inventory.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/text.h"
#include "inventory/internal.h"
#include "soupkeeper/env.h"
#include "soupkeeper/purl.h"

namespace soupkeeper::inventory {
namespace internal {

std::string ItemEntity(std::string_view key) { return "soup:" + std::string(key); }
std::string VersionEntity(std::string_view key, std::string_view version) {
  return ItemEntity(key) + "@" + std::string(version);
}

Status ValidateText(std::string_view field, const std::string& text) {
  return store::CanonicalJson(text).status().WithContext(field);
}

std::string JsonText(const nlohmann::json& value) {
  return store::CanonicalJson(value).value_or("null");
}

Result<nlohmann::json> ParseJsonColumn(std::string_view column, const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return Corruption(std::string(column) + ": not JSON: " + text);
  return j;
}

Result<int64_t> NextNumber(store::Txn& txn, std::string_view table, std::string_view key) {
  SK_ASSIGN_OR_RETURN(store::Rows rows, txn.Query("SELECT MAX(number) FROM " + std::string(table) +
                                                      " WHERE item_key = ?",
                                                  {std::string(key)}));
  if (rows.empty() || rows.rows[0].IsNull(0)) return 1;
  SK_ASSIGN_OR_RETURN(int64_t n, rows.rows[0].Int(0));
  return n + 1;
}

}  // namespace internal

namespace {

using internal::ItemEntity;
using internal::JsonText;
using internal::ValidateText;
using internal::VersionEntity;

constexpr std::string_view kItems = "soup_items";
constexpr std::string_view kVersions = "soup_versions";
constexpr std::string_view kItemColumns =
    "key, name, purl, category, category_term, supplier, custom_developed, security_impact, "
    "purpose, runs_on, created_at, updated_at";
constexpr std::string_view kVersionColumns =
    "item_key, version, support_level, support_justification, end_of_support, "
    "end_of_support_justification, support_source, support_date, anomaly_review_date, "
    "anomaly_reviewer, created_at, updated_at";

constexpr std::string_view kPlaces[] = {"device", "app", "cloud", "update-server"};
constexpr std::string_view kSupportLevels[] = {"actively-maintained", "no-longer-maintained",
                                               "abandoned", "unknown"};

Result<std::optional<std::string>> OptionalText(const store::Row& row, size_t i) {
  if (row.IsNull(i)) return std::optional<std::string>();
  SK_ASSIGN_OR_RETURN(std::string s, row.Text(i));
  return std::optional<std::string>(std::move(s));
}

Result<std::optional<Category>> OptionalCategory(const store::Row& row, size_t i) {
  SK_ASSIGN_OR_RETURN(std::optional<std::string> text, OptionalText(row, i));
  if (!text) return std::optional<Category>();
  Result<Category> c = ParseCategory(*text);
  if (!c.ok()) return Corruption("stored category '" + *text + "' is not a category");
  return std::optional<Category>(*c);
}

Result<Item> ItemFromRow(const store::Row& row) {
  Item it;
  SK_ASSIGN_OR_RETURN(it.key, row.Text(0));
  SK_ASSIGN_OR_RETURN(it.name, row.Text(1));
  SK_ASSIGN_OR_RETURN(it.purl, row.Text(2));
  SK_ASSIGN_OR_RETURN(it.category, OptionalCategory(row, 3));
  SK_ASSIGN_OR_RETURN(std::optional<std::string> term, OptionalText(row, 4));
  it.category_term = term.value_or("");
  SK_ASSIGN_OR_RETURN(it.supplier, row.Text(5));
  SK_ASSIGN_OR_RETURN(int64_t custom, row.Int(6));
  SK_ASSIGN_OR_RETURN(int64_t impact, row.Int(7));
  it.custom_developed = custom != 0;
  it.security_impact = impact != 0;
  SK_ASSIGN_OR_RETURN(it.purpose, row.Text(8));
  SK_ASSIGN_OR_RETURN(std::string runs_on, row.Text(9));
  SK_ASSIGN_OR_RETURN(nlohmann::json places,
                      internal::ParseJsonColumn("soup_items.runs_on", runs_on));
  for (const auto& p : places) {
    if (!p.is_string()) return Corruption("soup_items.runs_on: not strings: " + runs_on);
    it.runs_on.push_back(p.get<std::string>());
  }
  SK_ASSIGN_OR_RETURN(it.created_at, row.Text(10));
  SK_ASSIGN_OR_RETURN(it.updated_at, row.Text(11));
  return it;
}

Result<Version> VersionFromRow(const store::Row& row) {
  Version v;
  SK_ASSIGN_OR_RETURN(v.item_key, row.Text(0));
  SK_ASSIGN_OR_RETURN(v.version, row.Text(1));
  SK_ASSIGN_OR_RETURN(std::optional<std::string> level, OptionalText(row, 2));
  v.support_level = level.value_or("");
  SK_ASSIGN_OR_RETURN(v.support_justification, row.Text(3));
  SK_ASSIGN_OR_RETURN(v.end_of_support, OptionalText(row, 4));
  SK_ASSIGN_OR_RETURN(v.end_of_support_justification, row.Text(5));
  SK_ASSIGN_OR_RETURN(v.support_source, row.Text(6));
  SK_ASSIGN_OR_RETURN(v.support_date, OptionalText(row, 7));
  SK_ASSIGN_OR_RETURN(v.anomaly_review_date, OptionalText(row, 8));
  SK_ASSIGN_OR_RETURN(v.anomaly_reviewer, row.Text(9));
  SK_ASSIGN_OR_RETURN(v.created_at, row.Text(10));
  SK_ASSIGN_OR_RETURN(v.updated_at, row.Text(11));
  return v;
}

Status ValidatePlaces(const std::vector<std::string>& places) {
  for (const std::string& p : places) {
    if (!IsPlace(p)) {
      return InvalidArgument("unknown place '" + p +
                             "' (expected device, app, cloud or update-server)");
    }
  }
  return Status::Ok();
}

std::vector<std::string> SortedUnique(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

Status WriteItem(store::Txn& txn, const Item& it, bool insert) {
  std::optional<std::string> category;
  if (it.category) category = std::string(CategoryName(*it.category));
  std::optional<std::string> term;
  if (!it.category_term.empty()) term = it.category_term;
  std::vector<store::Value> values = {it.name,
                                      it.purl,
                                      store::NullableText(category),
                                      store::NullableText(term),
                                      it.supplier,
                                      int64_t{it.custom_developed ? 1 : 0},
                                      int64_t{it.security_impact ? 1 : 0},
                                      it.purpose,
                                      JsonText(SortedUnique(it.runs_on)),
                                      txn.time(),
                                      it.key};
  if (insert) {
    values.emplace_back(ItemEntity(it.key));
    values.emplace_back(txn.time());
    return txn.Exec(
        "INSERT INTO soup_items (name, purl, category, category_term, supplier, "
        "custom_developed, security_impact, purpose, runs_on, updated_at, key, entity, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        values);
  }
  return txn.Exec(
      "UPDATE soup_items SET name = ?, purl = ?, category = ?, category_term = ?, supplier = ?, "
      "custom_developed = ?, security_impact = ?, purpose = ?, runs_on = ?, updated_at = ? "
      "WHERE key = ?",
      values);
}

Status ValidateItem(const Item& it) {
  if (it.key.empty()) return InvalidArgument("SOUP item: empty key");
  if (it.name.empty()) return InvalidArgument("SOUP item " + it.key + ": empty name");
  SK_RETURN_IF_ERROR(ValidateText("key", it.key));
  SK_RETURN_IF_ERROR(ValidateText("name", it.name));
  SK_RETURN_IF_ERROR(ValidateText("supplier", it.supplier));
  SK_RETURN_IF_ERROR(ValidateText("purpose", it.purpose));
  return ValidatePlaces(it.runs_on);
}

Status AddItemIn(store::Txn& txn, const Item& item) {
  SK_ASSIGN_OR_RETURN(nlohmann::json before, txn.State(kItems, ItemEntity(item.key)));
  if (!before.is_null()) return AlreadyExists("SOUP item '" + item.key + "' already exists");
  SK_RETURN_IF_ERROR(WriteItem(txn, item, /*insert=*/true));
  return txn.Audit("soup.add", kItems, ItemEntity(item.key), before).status();
}

// The category a term names: one of the three names, else the map.
Result<Category> ResolveTerm(store::Txn& txn, const std::string& term) {
  Result<Category> c = ParseCategory(term);
  if (c.ok()) return c;
  SK_ASSIGN_OR_RETURN(store::Rows rows,
                      txn.Query("SELECT canonical FROM soup_category_map WHERE term = ?", {term}));
  if (rows.empty()) {
    return InvalidArgument("unknown category '" + term +
                           "' (expected maintained, supported, required or a term of the "
                           "category map)");
  }
  SK_ASSIGN_OR_RETURN(std::string canonical, rows.rows[0].Text(0));
  return ParseCategory(canonical);
}

// Records a category change and, for a downgrade, opens a re-evaluation.
Status RecordCategoryChange(store::Txn& txn, const store::Author& author, const Item& before,
                            Category to, const std::string& term) {
  SK_ASSIGN_OR_RETURN(int64_t n, internal::NextNumber(txn, "soup_category_changes", before.key));
  std::string entity = "soup-category:" + before.key + "#" + std::to_string(n);
  std::optional<std::string> from;
  if (before.category) from = std::string(CategoryName(*before.category));
  SK_RETURN_IF_ERROR(
      txn.Exec("INSERT INTO soup_category_changes (item_key, number, entity, from_category, "
               "to_category, term, reason, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               {before.key, n, entity, store::NullableText(from), std::string(CategoryName(to)),
                term, author.reason, txn.time()}));
  SK_RETURN_IF_ERROR(txn.Audit("soup.category", "soup_category_changes", entity, nullptr).status());
  if (!before.category || !IsDowngrade(*before.category, to)) return Status::Ok();
  SK_ASSIGN_OR_RETURN(int64_t r, internal::NextNumber(txn, "soup_reevaluations", before.key));
  std::string reeval = "soup-reevaluation:" + before.key + "#" + std::to_string(r);
  SK_RETURN_IF_ERROR(
      txn.Exec("INSERT INTO soup_reevaluations (item_key, number, entity, from_category, "
               "to_category, opened_at) VALUES (?, ?, ?, ?, ?, ?)",
               {before.key, r, reeval, *from, std::string(CategoryName(to)), txn.time()}));
  return txn.Audit("soup.reevaluation.open", "soup_reevaluations", reeval, nullptr).status();
}

Result<Version> GetVersionIn(store::Txn& txn, std::string_view key, std::string_view version) {
  SK_ASSIGN_OR_RETURN(store::Rows rows,
                      txn.Query("SELECT " + std::string(kVersionColumns) +
                                    " FROM soup_versions WHERE item_key = ? AND version = ?",
                                {std::string(key), std::string(version)}));
  if (rows.empty()) {
    return NotFound("SOUP item '" + std::string(key) + "' has no version '" + std::string(version) +
                    "'");
  }
  return VersionFromRow(rows.rows[0]);
}

Status ValidateVersion(const Version& v) {
  std::string where = "SOUP version " + v.item_key + " " + v.version;
  if (!v.support_level.empty() && !IsSupportLevel(v.support_level)) {
    return InvalidArgument(where + ": unknown support level '" + v.support_level +
                           "' (expected actively-maintained, no-longer-maintained, abandoned or "
                           "unknown)");
  }
  if (v.support_level == "unknown" && v.support_justification.empty()) {
    return InvalidArgument(where + ": support level unknown needs a justification");
  }
  if (v.end_of_support) {
    SK_RETURN_IF_ERROR(ValidateDate("end-of-support date", *v.end_of_support));
  }
  if (v.support_date) SK_RETURN_IF_ERROR(ValidateDate("support date", *v.support_date));
  if (v.anomaly_review_date) {
    SK_RETURN_IF_ERROR(ValidateDate("anomaly review date", *v.anomaly_review_date));
  }
  for (const std::string* t : {&v.support_justification, &v.end_of_support_justification,
                               &v.support_source, &v.anomaly_reviewer}) {
    SK_RETURN_IF_ERROR(ValidateText(where, *t));
  }
  return Status::Ok();
}

Status WriteVersion(store::Txn& txn, const Version& v) {
  std::optional<std::string> level;
  if (!v.support_level.empty()) level = v.support_level;
  return txn.Exec(
      "UPDATE soup_versions SET support_level = ?, support_justification = ?, end_of_support = ?, "
      "end_of_support_justification = ?, support_source = ?, support_date = ?, "
      "anomaly_review_date = ?, anomaly_reviewer = ?, updated_at = ? WHERE item_key = ? AND "
      "version = ?",
      {store::NullableText(level), v.support_justification, store::NullableText(v.end_of_support),
       v.end_of_support_justification, v.support_source, store::NullableText(v.support_date),
       store::NullableText(v.anomaly_review_date), v.anomaly_reviewer, txn.time(), v.item_key,
       v.version});
}

// Applies `changes` to `v`; "" for end_of_support and the dates clears them.
void Apply(const VersionChanges& c, Version& v) {
  auto date = [](const std::string& s) {
    return s.empty() ? std::optional<std::string>() : std::optional<std::string>(s);
  };
  if (c.support_level) v.support_level = *c.support_level;
  if (c.support_justification) v.support_justification = *c.support_justification;
  if (c.end_of_support) v.end_of_support = date(*c.end_of_support);
  if (c.end_of_support_justification) {
    v.end_of_support_justification = *c.end_of_support_justification;
  }
  if (c.support_source) v.support_source = *c.support_source;
  if (c.support_date) v.support_date = date(*c.support_date);
  if (c.anomaly_review_date) v.anomaly_review_date = date(*c.anomaly_review_date);
  if (c.anomaly_reviewer) v.anomaly_reviewer = *c.anomaly_reviewer;
}

Result<Version> SetVersionIn(store::Txn& txn, std::string_view key, std::string_view version,
                             const VersionChanges& changes) {
  SK_RETURN_IF_ERROR(internal::GetItemIn(txn, key).status());
  SK_ASSIGN_OR_RETURN(bool exists, internal::HasVersionIn(txn, key, version));
  if (!exists) SK_RETURN_IF_ERROR(internal::AddVersionIn(txn, key, version));
  SK_ASSIGN_OR_RETURN(Version v, GetVersionIn(txn, key, version));
  const nlohmann::json unchanged = ToJson(v);
  Apply(changes, v);
  SK_RETURN_IF_ERROR(ValidateVersion(v));
  if (ToJson(v) == unchanged) return v;
  const std::string entity = VersionEntity(key, version);
  SK_ASSIGN_OR_RETURN(nlohmann::json before, txn.State(kVersions, entity));
  SK_RETURN_IF_ERROR(WriteVersion(txn, v));
  SK_RETURN_IF_ERROR(txn.Audit("soup-version.update", kVersions, entity, before).status());
  return GetVersionIn(txn, key, version);
}

// The support fields a component's cdx:fda properties give.
VersionChanges SupportFromProperties(const sbom::Component& c, const std::string& where,
                                     DiagnosticSink& sink) {
  VersionChanges out;
  for (const sbom::Property& p : c.properties) {
    if (p.name == sbom::kFdaLevelOfSupport) {
      std::string level;
      for (char ch : p.value) {
        level += ch == ' ' || ch == '_' ? '-' : text::AsciiLower(ch);
      }
      if (IsSupportLevel(level)) {
        out.support_level = level;
      } else {
        sink.Report({Severity::kWarning, "", where,
                     "level of support '" + p.value + "' is not one soupkeeper knows; left unset"});
      }
    } else if (p.name == sbom::kFdaEndOfSupportDate) {
      // SPDX validUntilDate arrives as a date-time.
      std::string date(p.value.substr(0, 10));
      if (ValidateDate("end-of-support date", date).ok()) {
        out.end_of_support = date;
      } else {
        sink.Report({Severity::kWarning, "", where,
                     "end-of-support date '" + p.value + "' is not a date; left unset"});
      }
    } else if (p.name == sbom::kFdaJustification) {
      std::string_view v = p.value;
      std::string eos = std::string(sbom::kFdaEndOfSupportDate) + ": ";
      std::string los = std::string(sbom::kFdaLevelOfSupport) + ": ";
      if (v.starts_with(eos)) out.end_of_support_justification = std::string(v.substr(eos.size()));
      if (v.starts_with(los)) out.support_justification = std::string(v.substr(los.size()));
    }
  }
  return out;
}

// Only the fields of `from` that `v` has not set yet.
VersionChanges OnlyEmpty(const Version& v, VersionChanges from) {
  if (!v.support_level.empty()) from.support_level.reset();
  if (!v.support_justification.empty()) from.support_justification.reset();
  if (v.end_of_support) from.end_of_support.reset();
  if (!v.end_of_support_justification.empty()) from.end_of_support_justification.reset();
  return from;
}

}  // namespace

namespace internal {

Result<Item> GetItemIn(store::Txn& txn, std::string_view key) {
  SK_ASSIGN_OR_RETURN(store::Rows rows, txn.Query("SELECT " + std::string(kItemColumns) +
                                                      " FROM soup_items WHERE key = ?",
                                                  {std::string(key)}));
  if (rows.empty()) return NotFound("no SOUP item '" + std::string(key) + "'");
  return ItemFromRow(rows.rows[0]);
}

Result<bool> HasVersionIn(store::Txn& txn, std::string_view key, std::string_view version) {
  SK_ASSIGN_OR_RETURN(nlohmann::json state, txn.State(kVersions, VersionEntity(key, version)));
  return !state.is_null();
}

Status AddVersionIn(store::Txn& txn, std::string_view key, std::string_view version) {
  SK_RETURN_IF_ERROR(release::ValidateVersion(version));
  const std::string entity = VersionEntity(key, version);
  SK_RETURN_IF_ERROR(txn.Exec(
      "INSERT INTO soup_versions (item_key, version, entity, support_justification, "
      "end_of_support_justification, support_source, anomaly_reviewer, created_at, updated_at) "
      "VALUES (?, ?, ?, '', '', '', '', ?, ?)",
      {std::string(key), std::string(version), entity, txn.time(), txn.time()}));
  return txn.Audit("soup-version.add", kVersions, entity, nullptr).status();
}

Result<Item> UpdateIn(store::Txn& txn, const store::Author& author, std::string_view key,
                      const ItemChanges& changes) {
  SK_ASSIGN_OR_RETURN(Item before, GetItemIn(txn, key));
  Item next = before;
  std::optional<Category> to;
  if (changes.category) {
    SK_ASSIGN_OR_RETURN(to, ResolveTerm(txn, *changes.category));
    next.category = to;
    next.category_term = *changes.category;
  }
  if (changes.supplier) next.supplier = *changes.supplier;
  if (changes.custom_developed) next.custom_developed = *changes.custom_developed;
  if (changes.security_impact) next.security_impact = *changes.security_impact;
  if (changes.purpose) next.purpose = *changes.purpose;
  if (changes.runs_on) next.runs_on = SortedUnique(*changes.runs_on);
  SK_RETURN_IF_ERROR(ValidateItem(next));
  if (ToJson(next) == ToJson(before)) return before;  // nothing changes: nothing written
  const std::string entity = ItemEntity(key);
  SK_ASSIGN_OR_RETURN(nlohmann::json state, txn.State(kItems, entity));
  SK_RETURN_IF_ERROR(WriteItem(txn, next, /*insert=*/false));
  SK_RETURN_IF_ERROR(txn.Audit("soup.update", kItems, entity, state).status());
  if (to && (before.category != to || before.category_term != next.category_term)) {
    SK_RETURN_IF_ERROR(RecordCategoryChange(txn, author, before, *to, next.category_term));
  }
  return GetItemIn(txn, key);
}

Status CheckItem(const Item& item) { return ValidateItem(item); }
Status CheckVersion(const Version& version) { return ValidateVersion(version); }
Status AddItem(store::Txn& txn, const Item& item) { return AddItemIn(txn, item); }
Result<Version> SetVersionIn(store::Txn& txn, std::string_view key, std::string_view version,
                             const VersionChanges& changes) {
  return inventory::SetVersionIn(txn, key, version, changes);
}
Result<Version> GetVersionIn(store::Txn& txn, std::string_view key, std::string_view version) {
  return inventory::GetVersionIn(txn, key, version);
}

}  // namespace internal

std::string_view CategoryName(Category c) {
  switch (c) {
    case Category::kMaintained:
      return "maintained";
    case Category::kSupported:
      return "supported";
    case Category::kRequired:
      return "required";
  }
  return "required";
}

Result<Category> ParseCategory(std::string_view name) {
  for (Category c : {Category::kMaintained, Category::kSupported, Category::kRequired}) {
    if (CategoryName(c) == name) return c;
  }
  return InvalidArgument("unknown category '" + std::string(name) +
                         "' (expected maintained, supported or required)");
}

bool IsDowngrade(Category from, Category to) {
  return static_cast<int>(to) > static_cast<int>(from);
}

bool Satisfies(Category category, Duty duty) {
  // The category each clause of ISH1 Table 1 names; it covers the categories
  // nested in it (maintained ⊂ supported ⊂ required).
  Category named = Category::kRequired;
  switch (duty) {
    case Duty::kClassification:
    case Duty::kSecurityRisk:
      named = Category::kRequired;
      break;
    case Duty::kUpdateDocumentation:
      named = Category::kSupported;
      break;
    case Duty::kUpdateDelivery:
    case Duty::kUpdateIntegrity:
      named = Category::kMaintained;
      break;
  }
  return static_cast<int>(category) <= static_cast<int>(named);
}

bool IsPlace(std::string_view place) {
  return std::find(std::begin(kPlaces), std::end(kPlaces), place) != std::end(kPlaces);
}

bool IsSupportLevel(std::string_view level) {
  return std::find(std::begin(kSupportLevels), std::end(kSupportLevels), level) !=
         std::end(kSupportLevels);
}

std::string KeyOf(const release::SnapshotComponent& c) {
  std::string identity = release::IdentityOf(c);
  if (identity.starts_with("name:") && !c.supplier.empty()) identity += " supplier:" + c.supplier;
  return identity;
}

Result<Item> Add(store::Store& store, const store::Author& author, const Item& item) {
  SK_RETURN_IF_ERROR(ValidateItem(item));
  Item added;
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    Item it = item;
    it.category.reset();
    it.category_term.clear();
    SK_RETURN_IF_ERROR(AddItemIn(txn, it));
    if (!item.category_term.empty()) {
      SK_ASSIGN_OR_RETURN(Item before, internal::GetItemIn(txn, item.key));
      SK_ASSIGN_OR_RETURN(Category to, ResolveTerm(txn, item.category_term));
      it.category = to;
      it.category_term = item.category_term;
      SK_ASSIGN_OR_RETURN(nlohmann::json state, txn.State(kItems, ItemEntity(item.key)));
      SK_RETURN_IF_ERROR(WriteItem(txn, it, /*insert=*/false));
      SK_RETURN_IF_ERROR(txn.Audit("soup.update", kItems, ItemEntity(item.key), state).status());
      SK_RETURN_IF_ERROR(RecordCategoryChange(txn, author, before, to, item.category_term));
    }
    SK_ASSIGN_OR_RETURN(added, internal::GetItemIn(txn, item.key));
    return Status::Ok();
  }));
  return added;
}

Result<Item> Update(store::Store& store, const store::Author& author, std::string_view key,
                    const ItemChanges& changes) {
  if (changes.empty()) {
    return InvalidArgument("soup set " + std::string(key) +
                           ": nothing to change (give a category, supplier, flags, purpose or "
                           "places)");
  }
  if (changes.category && author.reason.empty()) {
    return InvalidArgument("soup set " + std::string(key) +
                           ": a category change needs a reason (--reason)");
  }
  Item updated;
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(updated, internal::UpdateIn(txn, author, key, changes));
    return Status::Ok();
  }));
  return updated;
}

Result<Version> SetVersion(store::Store& store, const store::Author& author, std::string_view key,
                           std::string_view version, const VersionChanges& changes) {
  if (changes.empty()) {
    return InvalidArgument("soup set-version " + std::string(key) + " " + std::string(version) +
                           ": nothing to change");
  }
  Version out;
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(out, SetVersionIn(txn, key, version, changes));
    return Status::Ok();
  }));
  return out;
}

Result<Item> Get(store::Store& store, std::string_view key) {
  Item found;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(found, internal::GetItemIn(txn, key));
    return Status::Ok();
  }));
  return found;
}

Result<std::vector<Version>> Versions(store::Store& store, std::string_view key) {
  std::vector<Version> out;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_RETURN_IF_ERROR(internal::GetItemIn(txn, key).status());
    SK_ASSIGN_OR_RETURN(store::Rows rows, txn.Query("SELECT " + std::string(kVersionColumns) +
                                                        " FROM soup_versions WHERE item_key = ?",
                                                    {std::string(key)}));
    for (const store::Row& row : rows.rows) {
      SK_ASSIGN_OR_RETURN(Version v, VersionFromRow(row));
      out.push_back(std::move(v));
    }
    return Status::Ok();
  }));
  std::sort(out.begin(), out.end(), [](const Version& a, const Version& b) {
    return a.created_at != b.created_at ? a.created_at < b.created_at : a.version < b.version;
  });
  return out;
}

Result<std::vector<CategoryChange>> CategoryHistory(store::Store& store, std::string_view key) {
  std::vector<CategoryChange> out;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_RETURN_IF_ERROR(internal::GetItemIn(txn, key).status());
    SK_ASSIGN_OR_RETURN(store::Rows rows,
                        txn.Query("SELECT number, from_category, to_category, term, reason, "
                                  "changed_at FROM soup_category_changes WHERE item_key = ? "
                                  "ORDER BY number",
                                  {std::string(key)}));
    for (const store::Row& row : rows.rows) {
      CategoryChange c;
      SK_ASSIGN_OR_RETURN(c.number, row.Int(0));
      SK_ASSIGN_OR_RETURN(c.from, OptionalCategory(row, 1));
      SK_ASSIGN_OR_RETURN(std::optional<Category> to, OptionalCategory(row, 2));
      c.to = to.value_or(Category::kRequired);
      SK_ASSIGN_OR_RETURN(c.term, row.Text(3));
      SK_ASSIGN_OR_RETURN(c.reason, row.Text(4));
      SK_ASSIGN_OR_RETURN(c.changed_at, row.Text(5));
      out.push_back(std::move(c));
    }
    return Status::Ok();
  }));
  return out;
}

namespace {

// Every classified item's category at `at` (a transaction time), or now when
// `at` is unset: the last change at or before it.
Result<std::map<std::string, std::string>> CategoriesAt(store::Txn& txn,
                                                        const std::optional<std::string>& at) {
  std::string sql = "SELECT item_key, to_category FROM soup_category_changes";
  std::vector<store::Value> params;
  if (at) {
    sql += " WHERE changed_at <= ?";
    params.emplace_back(*at);
  }
  SK_ASSIGN_OR_RETURN(store::Rows rows, txn.Query(sql + " ORDER BY item_key, number", params));
  std::map<std::string, std::string> out;
  for (const store::Row& row : rows.rows) {
    SK_ASSIGN_OR_RETURN(std::string key, row.Text(0));
    SK_ASSIGN_OR_RETURN(out[key], row.Text(1));
  }
  return out;
}

}  // namespace

Result<release::ComponentDiff> DiffReleases(store::Store& store, const release::Release& before,
                                            const std::vector<release::SnapshotComponent>& ca,
                                            const release::Release& after,
                                            const std::vector<release::SnapshotComponent>& cb) {
  std::map<std::string, std::string> then, now;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(then, CategoriesAt(txn, before.frozen_at));
    SK_ASSIGN_OR_RETURN(now, CategoriesAt(txn, after.frozen_at));
    return Status::Ok();
  }));
  auto of = [](const std::map<std::string, std::string>& m, const std::string& key) {
    auto it = m.find(key);
    return it == m.end() ? std::string() : it->second;
  };
  return release::DiffComponents(
      ca, cb, [&](const release::SnapshotComponent& a, const release::SnapshotComponent& b) {
        return std::vector<release::ExtraAttribute>{
            {"category", of(then, KeyOf(a)), of(now, KeyOf(b))}};
      });
}

Result<std::vector<Reevaluation>> Reevaluations(store::Store& store, std::string_view key,
                                                bool open_only) {
  std::vector<Reevaluation> out;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    std::string sql =
        "SELECT item_key, number, from_category, to_category, opened_at, closed_at, closed_by "
        "FROM soup_reevaluations WHERE 1 = 1";
    std::vector<store::Value> params;
    if (!key.empty()) {
      sql += " AND item_key = ?";
      params.emplace_back(std::string(key));
    }
    if (open_only) sql += " AND closed_at IS NULL";
    SK_ASSIGN_OR_RETURN(store::Rows rows, txn.Query(sql, params));
    for (const store::Row& row : rows.rows) {
      Reevaluation r;
      SK_ASSIGN_OR_RETURN(r.item_key, row.Text(0));
      SK_ASSIGN_OR_RETURN(r.number, row.Int(1));
      SK_ASSIGN_OR_RETURN(std::optional<Category> from, OptionalCategory(row, 2));
      SK_ASSIGN_OR_RETURN(std::optional<Category> to, OptionalCategory(row, 3));
      r.from = from.value_or(Category::kMaintained);
      r.to = to.value_or(Category::kRequired);
      SK_ASSIGN_OR_RETURN(r.opened_at, row.Text(4));
      SK_ASSIGN_OR_RETURN(r.closed_at, OptionalText(row, 5));
      SK_ASSIGN_OR_RETURN(std::optional<std::string> by, OptionalText(row, 6));
      r.closed_by = by.value_or("");
      out.push_back(std::move(r));
    }
    return Status::Ok();
  }));
  std::sort(out.begin(), out.end(), [](const Reevaluation& a, const Reevaluation& b) {
    return a.item_key != b.item_key ? a.item_key < b.item_key : a.number < b.number;
  });
  return out;
}

Status MapCategory(store::Store& store, const store::Author& author, std::string_view term,
                   Category canonical) {
  std::string t(term);
  if (t.empty()) return InvalidArgument("category map: empty term");
  if (ParseCategory(t).ok()) {
    return InvalidArgument("category map: '" + t + "' is a canonical category, not a term");
  }
  SK_RETURN_IF_ERROR(ValidateText("category term", t));
  return store.Write(author, [&](store::Txn& txn) -> Status {
    const std::string entity = "soup-category-map:" + t;
    SK_ASSIGN_OR_RETURN(nlohmann::json before, txn.State("soup_category_map", entity));
    if (!before.is_null()) {
      return AlreadyExists("category term '" + t + "' is mapped already");
    }
    SK_RETURN_IF_ERROR(txn.Exec(
        "INSERT INTO soup_category_map (term, entity, canonical, created_at) VALUES (?, ?, ?, ?)",
        {t, entity, std::string(CategoryName(canonical)), txn.time()}));
    return txn.Audit("soup.category-map.add", "soup_category_map", entity, before).status();
  });
}

Result<std::vector<std::pair<std::string, Category>>> CategoryMap(store::Store& store) {
  std::vector<std::pair<std::string, Category>> out;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(store::Rows rows,
                        txn.Query("SELECT term, canonical FROM soup_category_map"));
    for (const store::Row& row : rows.rows) {
      SK_ASSIGN_OR_RETURN(std::string term, row.Text(0));
      SK_ASSIGN_OR_RETURN(std::optional<Category> c, OptionalCategory(row, 1));
      out.emplace_back(std::move(term), c.value_or(Category::kRequired));
    }
    return Status::Ok();
  }));
  std::sort(out.begin(), out.end());
  return out;
}

Result<SyncReport> FromRelease(store::Store& store, const store::Author& author,
                               std::string_view product, std::string_view version,
                               DiagnosticSink& sink) {
  SK_ASSIGN_OR_RETURN(release::Release rel, release::Get(store, product, version));
  SK_ASSIGN_OR_RETURN(std::string bytes, release::OriginalSbom(store, product, version));
  const std::string source = "release " + std::string(product) + " " + std::string(version);
  SK_ASSIGN_OR_RETURN(sbom::Document doc, sbom::Decode(bytes, source, sink));
  std::vector<release::SnapshotComponent> components = release::ComponentsOf(doc);
  SyncReport report;
  report.components = static_cast<int64_t>(components.size());
  const std::string support_source =
      "sbom:" + rel.sbom_sha256 + " (" + std::string(product) + " " + std::string(version) + ")";
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    for (size_t i = 0; i < components.size(); ++i) {
      const release::SnapshotComponent& c = components[i];
      if (c.version.empty()) {
        sink.Report({Severity::kWarning, source, doc.components[i].location,
                     "component " + c.name + " has no version; its item is kept without one"});
      }
      Item item;
      item.key = KeyOf(c);
      item.name = c.group.empty() ? c.name : c.group + "/" + c.name;
      if (item.key.starts_with("pkg:")) item.purl = item.key;
      item.supplier = c.supplier;
      report.keys.push_back(item.key);
      if (!internal::GetItemIn(txn, item.key).ok()) {
        SK_RETURN_IF_ERROR(ValidateItem(item));
        SK_RETURN_IF_ERROR(AddItemIn(txn, item));
        ++report.items_added;
      }
      if (c.version.empty()) continue;
      SK_ASSIGN_OR_RETURN(bool exists, internal::HasVersionIn(txn, item.key, c.version));
      if (!exists) {
        SK_RETURN_IF_ERROR(internal::AddVersionIn(txn, item.key, c.version));
        ++report.versions_added;
      }
      SK_ASSIGN_OR_RETURN(Version v, GetVersionIn(txn, item.key, c.version));
      VersionChanges support =
          OnlyEmpty(v, SupportFromProperties(doc.components[i], doc.components[i].location, sink));
      if (support.empty()) continue;
      support.support_source = support_source;
      support.support_date = txn.time().substr(0, 10);
      SK_RETURN_IF_ERROR(SetVersionIn(txn, item.key, c.version, support).status());
      if (exists) ++report.versions_updated;
    }
    return Status::Ok();
  }));
  report.keys = SortedUnique(std::move(report.keys));
  return report;
}

std::vector<sbom::Property> SupportProperties(const Version& v, sbom::Document& doc) {
  using sbom::Text;
  std::vector<sbom::Property> out;
  if (!v.support_level.empty()) {
    std::string level = v.support_level;
    std::replace(level.begin(), level.end(), '-', ' ');
    out.push_back({Text::View(sbom::kFdaLevelOfSupport), doc.Keep(level)});
  }
  if (v.end_of_support) {
    out.push_back({Text::View(sbom::kFdaEndOfSupportDate), doc.Keep(*v.end_of_support)});
  }
  if (!v.end_of_support_justification.empty()) {
    out.push_back(
        {Text::View(sbom::kFdaJustification), doc.Keep(std::string(sbom::kFdaEndOfSupportDate) +
                                                       ": " + v.end_of_support_justification)});
  }
  if (!v.support_justification.empty()) {
    out.push_back(
        {Text::View(sbom::kFdaJustification),
         doc.Keep(std::string(sbom::kFdaLevelOfSupport) + ": " + v.support_justification)});
  }
  return out;
}

Result<int64_t> ApplySupport(store::Store& store, sbom::Document& doc) {
  std::vector<release::SnapshotComponent> components = release::ComponentsOf(doc);
  int64_t changed = 0;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    for (size_t i = 0; i < components.size(); ++i) {
      Result<Version> v = GetVersionIn(txn, KeyOf(components[i]), components[i].version);
      if (!v.ok()) continue;
      std::vector<sbom::Property> support = SupportProperties(*v, doc);
      if (support.empty()) continue;
      std::vector<sbom::Property> props = doc.components[i].properties.vector();
      std::erase_if(props, [](const sbom::Property& p) {
        return p.name == sbom::kFdaLevelOfSupport || p.name == sbom::kFdaEndOfSupportDate ||
               p.name == sbom::kFdaJustification;
      });
      props.insert(props.end(), support.begin(), support.end());
      doc.components[i].properties = doc.KeepList(props);
      ++changed;
    }
    return Status::Ok();
  }));
  return changed;
}

Result<std::vector<Item>> List(store::Store& store, const ListFilter& filter) {
  if (filter.product.empty() != filter.release.empty()) {
    return InvalidArgument("soup list: --product and --release go together");
  }
  if (!filter.category.empty() && filter.category != "unset") {
    SK_RETURN_IF_ERROR(ParseCategory(filter.category).status());
  }
  std::optional<std::set<std::string>> in_release;
  if (!filter.product.empty()) {
    SK_ASSIGN_OR_RETURN(release::Release rel, release::Get(store, filter.product, filter.release));
    SK_ASSIGN_OR_RETURN(release::SbomSnapshot snap, release::Snapshot(store, rel.sbom_sha256));
    in_release.emplace();
    for (const auto& c : snap.components) in_release->insert(KeyOf(c));
  }
  std::vector<Item> out;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    std::string sql = "SELECT " + std::string(kItemColumns) + " FROM soup_items WHERE 1 = 1";
    if (filter.missing_disposition) {
      sql += " AND NOT EXISTS (SELECT 1 FROM soup_risks r WHERE r.item_key = soup_items.key)";
    }
    if (filter.needs_reevaluation) {
      sql +=
          " AND EXISTS (SELECT 1 FROM soup_reevaluations e WHERE e.item_key = soup_items.key AND "
          "e.closed_at IS NULL)";
    }
    std::vector<store::Value> params;
    if (filter.category == "unset") {
      sql += " AND category IS NULL";
    } else if (!filter.category.empty()) {
      sql += " AND category = ?";
      params.emplace_back(filter.category);
    }
    SK_ASSIGN_OR_RETURN(store::Rows rows, txn.Query(sql, params));
    for (const store::Row& row : rows.rows) {
      SK_ASSIGN_OR_RETURN(Item it, ItemFromRow(row));
      if (in_release && !in_release->count(it.key)) continue;
      out.push_back(std::move(it));
    }
    return Status::Ok();
  }));
  std::sort(out.begin(), out.end(), [](const Item& a, const Item& b) { return a.key < b.key; });
  return out;
}

nlohmann::json ToJson(const Item& it) {
  nlohmann::json category = nullptr;
  if (it.category) category = CategoryName(*it.category);
  return {{"key", it.key},
          {"name", it.name},
          {"purl", it.purl},
          {"category", category},
          {"category_term", it.category_term},
          {"supplier", it.supplier},
          {"custom_developed", it.custom_developed},
          {"security_impact", it.security_impact},
          {"purpose", it.purpose},
          {"runs_on", it.runs_on},
          {"created_at", it.created_at},
          {"updated_at", it.updated_at}};
}

nlohmann::json ToJson(const Version& v) {
  auto opt = [](const std::optional<std::string>& s) {
    return s ? nlohmann::json(*s) : nlohmann::json(nullptr);
  };
  return {{"item", v.item_key},
          {"version", v.version},
          {"support_level", v.support_level},
          {"support_justification", v.support_justification},
          {"end_of_support", opt(v.end_of_support)},
          {"end_of_support_justification", v.end_of_support_justification},
          {"support_source", v.support_source},
          {"support_date", opt(v.support_date)},
          {"anomaly_review_date", opt(v.anomaly_review_date)},
          {"anomaly_reviewer", v.anomaly_reviewer},
          {"created_at", v.created_at},
          {"updated_at", v.updated_at}};
}

nlohmann::json ToJson(const CategoryChange& c) {
  nlohmann::json from = nullptr;
  if (c.from) from = CategoryName(*c.from);
  return {{"number", c.number}, {"from", from},       {"to", CategoryName(c.to)},
          {"term", c.term},     {"reason", c.reason}, {"changed_at", c.changed_at}};
}

nlohmann::json ToJson(const Reevaluation& r) {
  return {{"item", r.item_key},
          {"number", r.number},
          {"from", CategoryName(r.from)},
          {"to", CategoryName(r.to)},
          {"opened_at", r.opened_at},
          {"closed_at", r.closed_at ? nlohmann::json(*r.closed_at) : nlohmann::json(nullptr)},
          {"closed_by", r.closed_by}};
}

nlohmann::json ToJson(const SyncReport& r) {
  return {{"components", r.components},
          {"items_added", r.items_added},
          {"versions_added", r.versions_added},
          {"versions_updated", r.versions_updated},
          {"items", r.keys}};
}

}  // namespace soupkeeper::inventory
