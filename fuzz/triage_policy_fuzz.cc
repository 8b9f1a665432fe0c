// Fuzz target: the triage policy YAML parser (triage::ParsePolicy) on
// arbitrary bytes. It must return a policy of positive day counts or a
// Status naming the file, never crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "soupkeeper/triage.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto parsed = soupkeeper::triage::ParsePolicy(bytes, "fuzz.yaml");
  if (!parsed.ok()) {
    if (!parsed.status().message().starts_with("fuzz.yaml: ")) std::abort();
    return 0;
  }
  const soupkeeper::triage::Policy& p = *parsed;
  for (int days : {p.critical, p.high, p.medium, p.low, p.unrated, p.kev, p.communicate_days,
                   p.remediate_days}) {
    if (days <= 0) std::abort();
  }
  return 0;
}
