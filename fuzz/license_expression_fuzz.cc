// Fuzz target: the SPDX license expression parser on arbitrary text. It must
// return a parse or a Status, never crash; a parsed expression's canonical
// form must parse again to the same canonical form.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "soupkeeper/license_expression.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto e = soupkeeper::sbom::ParseLicenseExpression(text);
  if (e.ok()) {
    auto again = soupkeeper::sbom::ParseLicenseExpression(e->canonical);
    if (!again.ok() || again->canonical != e->canonical) std::abort();
  }
  return 0;
}
