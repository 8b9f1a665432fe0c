// Products: the medical-device software products whose records soupkeeper
// keeps. A product is identified by its name; every change goes through the
// store's audit trail (actions "product.add" and "product.update", entity
// "product:<name>").
//
// Example:
//   product::Product p;
//   p.name = "infusion-pump-controller";
//   p.description = "Controller software of a (fictional) infusion pump";
//   SK_ASSIGN_OR_RETURN(product::Product added, product::Add(*store, {"alice", ""}, p));
//   SK_ASSIGN_OR_RETURN(auto all, product::List(*store));
#ifndef SOUPKEEPER_PRODUCT_H_
#define SOUPKEEPER_PRODUCT_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/status.h"
#include "soupkeeper/store.h"

namespace soupkeeper::product {

inline constexpr int kDefaultReviewCadenceDays = 30;
inline constexpr int kMaxReviewCadenceDays = 3650;

struct Product {
  std::string name;                  // unique identity, [a-z0-9][a-z0-9._-]*
  std::string description;           // free text, may be empty
  std::string intended_use;          // free text, may be empty
  std::string intended_environment;  // where it is used (e.g. "hospital ICU network"), may be empty
  bool cyber_device = false;         // a "cyber device" under FD&C Act section 524B
  std::vector<std::string> owners;   // who answers for its records; unique, non-empty names
  int review_cadence_days = kDefaultReviewCadenceDays;  // 1..kMaxReviewCadenceDays
  std::string created_at;                               // RFC 3339 UTC, set by the store
  std::string updated_at;                               // RFC 3339 UTC, set by the store
};

// The fields `Update` changes; unset fields keep their value.
struct ProductChanges {
  std::optional<std::string> description;
  std::optional<std::string> intended_use;
  std::optional<std::string> intended_environment;
  std::optional<bool> cyber_device;
  std::optional<std::vector<std::string>> owners;  // replaces the whole list
  std::optional<int> review_cadence_days;
  bool empty() const {
    return !description && !intended_use && !intended_environment && !cyber_device && !owners &&
           !review_cadence_days;
  }
};

// The audit trail's name of a product: "product:<name>".
std::string EntityOf(std::string_view name);

// kInvalidArgument unless `name` matches [a-z0-9][a-z0-9._-]*; the message
// names the first offending character and its offset.
Status ValidateName(std::string_view name);

// Adds a product (created_at and updated_at are the transaction's time).
// kAlreadyExists when the name is taken; kInvalidArgument for a bad name,
// cadence, an empty or repeated owner, or text that is not UTF-8.
Result<Product> Add(store::Store& store, const store::Author& author, const Product& product);
// Products written before schema version 2 read back with an empty intended
// environment, cyber_device false and no owners until they are updated.

// Changes a product. kNotFound for an unknown name; kInvalidArgument when
// `changes` is empty or a value is invalid.
Result<Product> Update(store::Store& store, const store::Author& author, std::string_view name,
                       const ProductChanges& changes);
// The product as a JSON object with the keys of the struct, as the CLI and
// the server print it.
nlohmann::json ToJson(const Product& product);

// One product; kNotFound for an unknown name.
Result<Product> Get(store::Store& store, std::string_view name);
// All products, sorted by name.
Result<std::vector<Product>> List(store::Store& store);

}  // namespace soupkeeper::product

#endif  // SOUPKEEPER_PRODUCT_H_
