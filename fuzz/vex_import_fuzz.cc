// Fuzz target: the VEX document parser of `vex import` (vex::Parse) on
// arbitrary bytes. It must return statements in the CycloneDX analysis
// vocabulary, or a Status naming the file, never crash, hang or read out of
// bounds.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "soupkeeper/vex.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto parsed = soupkeeper::vex::Parse(bytes, "fuzz.json");
  if (!parsed.ok()) {
    if (!parsed.status().message().starts_with("fuzz.json: ")) std::abort();
    return 0;
  }
  const auto& states = soupkeeper::triage::States();
  for (const auto& s : parsed->statements) {
    if (std::find(states.begin(), states.end(), s.state) == states.end()) std::abort();
    if (s.vulnerability.empty() || s.pointer.empty()) std::abort();
  }
  return 0;
}
