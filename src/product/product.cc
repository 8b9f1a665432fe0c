// Products on the store: validation, the products table, audited changes.
#include "soupkeeper/product.h"

#include <algorithm>
#include <cstdio>

namespace soupkeeper::product {
namespace {

constexpr std::string_view kTable = "products";
constexpr std::string_view kColumns =
    "name, description, intended_use, review_cadence_days, created_at, updated_at, "
    "intended_environment, cyber_device, owners";

Status ValidateCadence(int days) {
  if (days >= 1 && days <= kMaxReviewCadenceDays) return Status::Ok();
  return InvalidArgument("review cadence must be 1 to " + std::to_string(kMaxReviewCadenceDays) +
                         " days, got " + std::to_string(days));
}

Status ValidateText(std::string_view field, const std::string& text) {
  return store::CanonicalJson(text).status().WithContext(field);
}

Status ValidateOwners(const std::vector<std::string>& owners) {
  for (size_t i = 0; i < owners.size(); ++i) {
    const std::string& o = owners[i];
    if (o.empty()) return InvalidArgument("owner " + std::to_string(i + 1) + ": empty name");
    SK_RETURN_IF_ERROR(ValidateText("owner " + std::to_string(i + 1), o));
    for (size_t j = 0; j < i; ++j) {
      if (owners[j] == o) return InvalidArgument("owner '" + o + "' is given twice");
    }
  }
  return Status::Ok();
}

// Owners are stored as a canonical JSON array of strings.
std::string OwnersText(const std::vector<std::string>& owners) {
  return store::CanonicalJson(owners).value_or("[]");
}

Result<std::vector<std::string>> OwnersFromText(const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> owners;
  if (!j.is_array()) return Corruption("products.owners: not a JSON array: " + text);
  for (const auto& o : j) {
    if (!o.is_string()) return Corruption("products.owners: not an array of strings: " + text);
    owners.push_back(o.get<std::string>());
  }
  return owners;
}

Status ValidateProduct(const Product& p) {
  SK_RETURN_IF_ERROR(ValidateText("description", p.description));
  SK_RETURN_IF_ERROR(ValidateText("intended use", p.intended_use));
  SK_RETURN_IF_ERROR(ValidateText("intended environment", p.intended_environment));
  SK_RETURN_IF_ERROR(ValidateOwners(p.owners));
  return ValidateCadence(p.review_cadence_days);
}

Result<Product> FromRow(const store::Row& row) {
  Product p;
  SK_ASSIGN_OR_RETURN(p.name, row.Text(0));
  SK_ASSIGN_OR_RETURN(p.description, row.Text(1));
  SK_ASSIGN_OR_RETURN(p.intended_use, row.Text(2));
  SK_ASSIGN_OR_RETURN(int64_t days, row.Int(3));
  p.review_cadence_days = static_cast<int>(days);
  SK_ASSIGN_OR_RETURN(p.created_at, row.Text(4));
  SK_ASSIGN_OR_RETURN(p.updated_at, row.Text(5));
  // NULL in rows written before schema version 2.
  if (!row.IsNull(6)) {
    SK_ASSIGN_OR_RETURN(p.intended_environment, row.Text(6));
  }
  if (!row.IsNull(7)) {
    SK_ASSIGN_OR_RETURN(int64_t cyber, row.Int(7));
    p.cyber_device = cyber != 0;
  }
  if (!row.IsNull(8)) {
    SK_ASSIGN_OR_RETURN(std::string owners, row.Text(8));
    SK_ASSIGN_OR_RETURN(p.owners, OwnersFromText(owners));
  }
  return p;
}

Result<Product> GetIn(store::Txn& txn, std::string_view name) {
  SK_ASSIGN_OR_RETURN(store::Rows rows,
                      txn.Query("SELECT " + std::string(kColumns) + " FROM products WHERE name = ?",
                                {std::string(name)}));
  if (rows.empty()) return NotFound("no product named '" + std::string(name) + "'");
  return FromRow(rows.rows[0]);
}

}  // namespace

std::string EntityOf(std::string_view name) { return "product:" + std::string(name); }

Status ValidateName(std::string_view name) {
  auto bad = [&](const std::string& why) {
    return InvalidArgument("invalid product name '" + std::string(name) + "': " + why +
                           " (expected [a-z0-9][a-z0-9._-]*)");
  };
  if (name.empty()) return bad("empty");
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              (i > 0 && (c == '.' || c == '_' || c == '-'));
    if (!ok) {
      char shown[8];
      if (c >= 0x21 && c <= 0x7e) {
        std::snprintf(shown, sizeof shown, "%c", c);
      } else {
        std::snprintf(shown, sizeof shown, "\\x%02x", static_cast<unsigned char>(c));
      }
      return bad("character '" + std::string(shown) + "' at offset " + std::to_string(i) +
                 " is not allowed");
    }
  }
  return Status::Ok();
}

nlohmann::json ToJson(const Product& p) {
  return {{"name", p.name},
          {"description", p.description},
          {"intended_use", p.intended_use},
          {"intended_environment", p.intended_environment},
          {"cyber_device", p.cyber_device},
          {"owners", p.owners},
          {"review_cadence_days", p.review_cadence_days},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}

Result<Product> Add(store::Store& store, const store::Author& author, const Product& product) {
  SK_RETURN_IF_ERROR(ValidateName(product.name));
  SK_RETURN_IF_ERROR(ValidateProduct(product));
  Product added;
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    const std::string entity = EntityOf(product.name);
    SK_ASSIGN_OR_RETURN(nlohmann::json before, txn.State(kTable, entity));
    if (!before.is_null()) {
      return AlreadyExists("product '" + product.name + "' already exists");
    }
    SK_RETURN_IF_ERROR(txn.Exec(
        "INSERT INTO products (" + std::string(kColumns) +
            ", entity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {product.name, product.description, product.intended_use,
         int64_t{product.review_cadence_days}, txn.time(), txn.time(), product.intended_environment,
         int64_t{product.cyber_device ? 1 : 0}, OwnersText(product.owners), entity}));
    SK_RETURN_IF_ERROR(txn.Audit("product.add", kTable, entity, before));
    SK_ASSIGN_OR_RETURN(added, GetIn(txn, product.name));
    return Status::Ok();
  }));
  return added;
}

Result<Product> Update(store::Store& store, const store::Author& author, std::string_view name,
                       const ProductChanges& changes) {
  if (changes.empty()) {
    return InvalidArgument("product update " + std::string(name) +
                           ": nothing to change (give a description, intended use, intended "
                           "environment, cyber-device flag, owners or review cadence)");
  }
  // The given values alone, checked before the database is touched.
  Product given;
  given.description = changes.description.value_or("");
  given.intended_use = changes.intended_use.value_or("");
  given.intended_environment = changes.intended_environment.value_or("");
  given.owners = changes.owners.value_or(std::vector<std::string>{});
  given.review_cadence_days = changes.review_cadence_days.value_or(kDefaultReviewCadenceDays);
  SK_RETURN_IF_ERROR(ValidateProduct(given));
  Product updated;
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(Product next, GetIn(txn, name));
    if (changes.description) next.description = *changes.description;
    if (changes.intended_use) next.intended_use = *changes.intended_use;
    if (changes.intended_environment) next.intended_environment = *changes.intended_environment;
    if (changes.cyber_device) next.cyber_device = *changes.cyber_device;
    if (changes.owners) next.owners = *changes.owners;
    if (changes.review_cadence_days) next.review_cadence_days = *changes.review_cadence_days;
    const std::string entity = EntityOf(name);
    SK_ASSIGN_OR_RETURN(nlohmann::json before, txn.State(kTable, entity));
    SK_RETURN_IF_ERROR(txn.Exec(
        "UPDATE products SET description = ?, intended_use = ?, review_cadence_days = ?, "
        "updated_at = ?, intended_environment = ?, cyber_device = ?, owners = ? WHERE name = ?",
        {next.description, next.intended_use, int64_t{next.review_cadence_days}, txn.time(),
         next.intended_environment, int64_t{next.cyber_device ? 1 : 0}, OwnersText(next.owners),
         std::string(name)}));
    SK_RETURN_IF_ERROR(txn.Audit("product.update", kTable, entity, before));
    SK_ASSIGN_OR_RETURN(updated, GetIn(txn, name));
    return Status::Ok();
  }));
  return updated;
}

Result<Product> Get(store::Store& store, std::string_view name) {
  Product found;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(found, GetIn(txn, name));
    return Status::Ok();
  }));
  return found;
}

Result<std::vector<Product>> List(store::Store& store) {
  std::vector<Product> products;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(store::Rows rows,
                        txn.Query("SELECT " + std::string(kColumns) + " FROM products"));
    for (const store::Row& row : rows.rows) {
      SK_ASSIGN_OR_RETURN(Product p, FromRow(row));
      products.push_back(std::move(p));
    }
    return Status::Ok();
  }));
  // Sorted here rather than by ORDER BY, whose collation differs by backend.
  std::sort(products.begin(), products.end(),
            [](const Product& a, const Product& b) { return a.name < b.name; });
  return products;
}

}  // namespace soupkeeper::product
