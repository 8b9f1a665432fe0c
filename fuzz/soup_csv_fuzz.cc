// libFuzzer target for the SOUP list CSV reader: arbitrary bytes parse or
// fail cleanly; whatever parses writes back to CSV that parses to the same
// table. Any failure aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "soupkeeper/inventory.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto table = soupkeeper::inventory::ParseCsv(bytes, "fuzz.csv");
  if (!table.ok()) return 0;
  auto again = soupkeeper::inventory::ParseCsv(soupkeeper::inventory::ToCsv(*table), "again.csv");
  if (!again.ok() || again->columns != table->columns || again->rows != table->rows) std::abort();
  return 0;
}
