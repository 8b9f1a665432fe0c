// Fuzz target: the CycloneDX JSON decoder on arbitrary bytes. It must return a
// document or a Status, never crash, hang or read out of bounds; a decoded
// document must also survive ToJson. The bytes are decoded in place, with
// exactly kInputPadding bytes of room after them (as the CLI does), and from
// a copy of their own.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

#include "sbom/cdx_decoders.h"
#include "soupkeeper/sbom.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::unique_ptr<char[]> padded(new char[size + soupkeeper::sbom::kInputPadding]);
  std::memcpy(padded.get(), data, size);
  soupkeeper::NullSink sink;
  auto in_place = soupkeeper::sbom::cdx::DecodeJson(std::string_view(padded.get(), size), "fuzz",
                                                    sink, soupkeeper::sbom::kInputPadding);
  auto copied = soupkeeper::sbom::cdx::DecodeJson(bytes, "fuzz", sink);
  // Whatever the room after the bytes held, the outcome is the same.
  if (in_place.ok() != copied.ok()) __builtin_trap();
  if (copied.ok()) (void)soupkeeper::sbom::ToJson(*copied);
  return 0;
}
