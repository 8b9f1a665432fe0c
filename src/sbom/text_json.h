// sbom::Text in nlohmann::json values: written as a JSON string.
#ifndef SOUPKEEPER_SRC_SBOM_TEXT_JSON_H_
#define SOUPKEEPER_SRC_SBOM_TEXT_JSON_H_

#include <nlohmann/json.hpp>
#include <string>

#include "soupkeeper/sbom_text.h"

namespace soupkeeper::sbom {

template <typename BasicJson>
void to_json(BasicJson& j, const Text& t) {  // NOLINT(readability-identifier-naming): ADL name
  j = std::string(t.view());
}

template <typename BasicJson, typename T>
void to_json(BasicJson& j, const List<T>& list) {  // NOLINT(readability-identifier-naming)
  j = BasicJson::array();
  for (const T& item : list) j.push_back(item);
}

}  // namespace soupkeeper::sbom

#endif  // SOUPKEEPER_SRC_SBOM_TEXT_JSON_H_
