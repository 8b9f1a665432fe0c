// libFuzzer target for the SOUP list XLSX reader (zip through libarchive,
// shared strings and the first sheet through pugixml): arbitrary bytes parse
// or fail cleanly, and every parsed row is as wide as the header. Any
// failure aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "soupkeeper/inventory.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto table = soupkeeper::inventory::ParseXlsx(bytes, "fuzz.xlsx");
  if (!table.ok()) return 0;
  for (const auto& row : table->rows) {
    if (row.size() != table->columns.size()) std::abort();
  }
  return 0;
}
