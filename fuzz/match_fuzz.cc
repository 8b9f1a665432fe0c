// Fuzzes the matcher on outside input: the bytes are decoded as a CycloneDX
// SBOM (JSON or XML), as an OSV record and as stored index bounds; the
// record's components are then matched against the record and judged
// against the bounds. Nothing may crash, and a scan of any decoded SBOM
// against any decoded record must finish.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "soupkeeper/match.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace soupkeeper;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  CollectingSink sink;
  match::Knowledge kb;
  if (const vuln::FeedImporter* osv = vuln::ImporterByName("osv")) {
    (void)osv->Decode(
        bytes, "fuzz",
        [&](vuln::Vulnerability&& v) {
          std::string id = v.id;
          kb.Add({std::move(v), id});
          return Status::Ok();
        },
        sink);
  }
  // Round trip through the stored forms: the record, and its index bounds
  // (what the index writes it must read back).
  std::vector<match::VersionBounds> bounds;
  for (const match::Record& r : kb.records) {
    (void)vuln::DecodeRecord(vuln::EncodeRecord(r.v));
    for (const match::IndexEntry& e : match::IndexEntries(r.v)) {
      if (!e.bounds) continue;
      std::optional<std::string> text = match::EncodeBounds(*e.bounds);
      if (!text) continue;
      auto read = match::DecodeBounds(*text);
      if (!read.ok()) __builtin_trap();
      bounds.push_back(std::move(*read));
    }
  }
  if (auto raw = match::DecodeBounds(bytes); raw.ok()) bounds.push_back(std::move(*raw));
  auto doc = sbom::Decode(bytes, "fuzz", sink);
  if (doc.ok()) {
    std::vector<match::ComponentView> views = match::PrepareComponents(*doc, sink);
    for (const match::VersionBounds& b : bounds) {
      match::PreparedBounds prepared(b);
      for (const match::ComponentView& v : views)
        (void)prepared.MayConcern(match::ProbeComponent(v));
    }
    match::ScanResult result = match::MatchComponents(views, kb);
    match::ReportInput in{&*doc, "fuzz", &result, "2026-01-01T00:00:00Z", "0"};
    for (std::string_view f : match::ReportFormats()) (void)match::RenderReport(f, in);
  }
  return 0;
}
