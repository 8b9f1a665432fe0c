// Helpers shared by the files of the inventory library.
#ifndef SOUPKEEPER_SRC_INVENTORY_INTERNAL_H_
#define SOUPKEEPER_SRC_INVENTORY_INTERNAL_H_

#include <string>
#include <string_view>

#include "soupkeeper/inventory.h"

namespace soupkeeper::inventory::internal {

// "soup:<key>" and "soup:<key>@<version>".
std::string ItemEntity(std::string_view key);
std::string VersionEntity(std::string_view key, std::string_view version);

// The item in a transaction; kNotFound naming the key.
Result<Item> GetItemIn(store::Txn& txn, std::string_view key);
// Whether the version row exists.
Result<bool> HasVersionIn(store::Txn& txn, std::string_view key, std::string_view version);
// Inserts an empty version row (no support data yet) and audits it.
Status AddVersionIn(store::Txn& txn, std::string_view key, std::string_view version);
// 1 + the highest `number` of `table` for the item.
Result<int64_t> NextNumber(store::Txn& txn, std::string_view table, std::string_view key);

// The library's operations inside a caller's transaction (for import).
Status CheckItem(const Item& item);
Status CheckVersion(const Version& version);
Status AddItem(store::Txn& txn, const Item& item);
Result<Item> UpdateIn(store::Txn& txn, const store::Author& author, std::string_view key,
                      const ItemChanges& changes);
Result<Version> SetVersionIn(store::Txn& txn, std::string_view key, std::string_view version,
                             const VersionChanges& changes);
Result<Version> GetVersionIn(store::Txn& txn, std::string_view key, std::string_view version);

// Texts must be valid UTF-8 (store::CanonicalJson); the error names `field`.
Status ValidateText(std::string_view field, const std::string& text);
// The canonical JSON text of `value` (already validated).
std::string JsonText(const nlohmann::json& value);
// Parses a JSON column; kCorruption naming the table and column.
Result<nlohmann::json> ParseJsonColumn(std::string_view column, const std::string& text);

}  // namespace soupkeeper::inventory::internal

#endif  // SOUPKEEPER_SRC_INVENTORY_INTERNAL_H_
