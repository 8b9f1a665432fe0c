// Fuzz target: the SPDX 3.0 JSON-LD decoder on arbitrary bytes. It must return a
// document or a Status, never crash, hang or read out of bounds; a decoded
// document must also survive ToJson.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sbom/spdx_decoders.h"
#include "soupkeeper/sbom.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  soupkeeper::NullSink sink;
  auto doc = soupkeeper::sbom::spdx::DecodeJsonLd(bytes, "fuzz", sink);
  if (doc.ok()) (void)soupkeeper::sbom::ToJson(*doc);
  return 0;
}
