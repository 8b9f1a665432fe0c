// Fuzz target: the supplier YAML import parser (supplier::ParseImport) on
// arbitrary bytes. It must return suppliers or a Status naming the file,
// never crash, hang or read out of bounds. Whatever it accepts must be valid
// as the store would take it, and its clause checklist must survive the
// canonical JSON form the store keeps (ClausesText / ClausesFromText).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "soupkeeper/supplier.h"
#include "supplier/internal.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace sp = soupkeeper::supplier;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto parsed = sp::ParseImport(bytes, "fuzz.yaml");
  if (!parsed.ok()) {
    Check(parsed.status().message().starts_with("fuzz.yaml: "));
    return 0;
  }
  for (const sp::ImportedSupplier& item : *parsed) {
    Check(item.line >= 1);
    Check(sp::ValidateSupplier(item.supplier).ok());
    (void)sp::ToJson(item.supplier);
    if (!item.agreement) continue;
    Check(sp::ValidateAgreement(*item.agreement).ok());
    auto back = sp::ClausesFromText(sp::ClausesText(item.agreement->clauses));
    Check(back.ok() && back->size() == item.agreement->clauses.size());
    for (size_t i = 0; i < back->size(); ++i) {
      Check(sp::DescribeClause((*back)[i]) == sp::DescribeClause(item.agreement->clauses[i]));
    }
  }
  return 0;
}
