// Differential fuzz target: the fast reader of block-style YAML against
// yaml-cpp. Whenever the fast reader reads an input, yaml-cpp must read it
// too, to the same tree node for node (kinds, text, plain flags, lines of
// nodes and keys); otherwise the target traps, naming the first difference.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "sbom/spdx_tree.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using soupkeeper::sbom::spdx::Node;
  using soupkeeper::sbom::spdx::TextStore;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  TextStore fast_store;
  std::optional<Node> fast = soupkeeper::sbom::spdx::ReadBlockYaml(bytes, fast_store);
  if (!fast.has_value()) return 0;
  TextStore slow_store;
  auto slow = soupkeeper::sbom::spdx::ParseYamlCpp(bytes, slow_store);
  if (!slow.ok()) {
    std::fprintf(stderr, "the fast reader read what yaml-cpp rejects: %s\n",
                 slow.status().message().c_str());
    __builtin_trap();
  }
  const std::string difference = soupkeeper::sbom::spdx::TreeDifference(*fast, *slow);
  if (!difference.empty()) {
    std::fprintf(stderr, "the trees differ at %s\n", difference.c_str());
    __builtin_trap();
  }
  return 0;
}
