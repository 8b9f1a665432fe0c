// Fuzz target: what the decoders accept, the encoders must write, and what
// the CycloneDX encoders write our decoders must accept again, with every
// component kept (the round-trip promise of docs/parts/sbom-writers.md).
// Also runs quality and diff (document against itself: nothing may change).
// Any broken promise aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "soupkeeper/release.h"
#include "soupkeeper/sbom.h"
#include "soupkeeper/sbom_quality.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace soupkeeper;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  NullSink sink;
  Result<sbom::Document> doc = sbom::Decode(bytes, "fuzz", sink);
  if (!doc.ok()) return 0;
  for (const auto& encoder : sbom::BuiltinEncoders()) {
    Result<std::string> text = encoder->Encode(*doc, {}, sink);
    if (!text.ok()) std::abort();
    if (sbom::FormatFamily(encoder->format()) != "CycloneDX") continue;
    Result<sbom::Document> again = sbom::Decode(*text, "fuzz-again", sink);
    if (!again.ok() || again->components.size() != doc->components.size()) std::abort();
  }
  for (const sbom::QualityProfile& p : sbom::QualityProfiles()) (void)sbom::AssessQuality(*doc, p);
  std::vector<release::SnapshotComponent> components = release::ComponentsOf(*doc);
  if (!release::DiffComponents(components, components).identical()) std::abort();
  return 0;
}
