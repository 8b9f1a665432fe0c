// Fuzz target: the gate's YAML policy parser (gate::ParsePolicy) on arbitrary
// bytes. It must return a policy or a Status naming the file and a line,
// never crash, hang or read out of bounds; a policy it accepts names only
// known rules.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "soupkeeper/gate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace gt = soupkeeper::gate;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto parsed = gt::ParsePolicy(bytes, "fuzz.yaml");
  if (!parsed.ok()) {
    if (!parsed.status().message().starts_with("fuzz.yaml: line ")) std::abort();
    return 0;
  }
  for (const auto& [id, severity] : parsed->severities) {
    bool known = false;
    for (const gt::Rule& r : gt::Rules()) known |= r.id == id;
    if (!known) std::abort();
  }
  return 0;
}
