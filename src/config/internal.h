// Shared inside src/config/: the details column (reader.cc) used by the store
// operations (config_item.cc).
#ifndef SOUPKEEPER_SRC_CONFIG_INTERNAL_H_
#define SOUPKEEPER_SRC_CONFIG_INTERNAL_H_

#include <nlohmann/json.hpp>
#include <string_view>

#include "soupkeeper/config_item.h"

namespace soupkeeper::config {

// {"certificates":[..]} for a certificate, {"public_key":{..}} for a public
// key, {} otherwise: what config_items.details holds.
nlohmann::json DetailsJson(const FileFacts& facts);
// Fills facts->certificates and facts->public_key from a details text;
// kCorruption when it is not what DetailsJson writes.
Status DetailsFromJson(std::string_view text, FileFacts* facts);

}  // namespace soupkeeper::config

#endif  // SOUPKEEPER_SRC_CONFIG_INTERNAL_H_
