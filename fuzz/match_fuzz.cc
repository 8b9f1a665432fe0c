// Fuzzes the matcher on outside input: the bytes are decoded as a CycloneDX
// SBOM (JSON or XML) and as an OSV record; the record's components are then
// matched against the record. Nothing may crash, and a scan of any decoded
// SBOM against any decoded record must finish.
#include <cstddef>
#include <cstdint>
#include <string>

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
  // Round trip through the stored form.
  for (const match::Record& r : kb.records) (void)vuln::DecodeRecord(vuln::EncodeRecord(r.v));
  auto doc = sbom::Decode(bytes, "fuzz", sink);
  if (doc.ok()) {
    std::vector<match::ComponentView> views = match::PrepareComponents(*doc, sink);
    match::ScanResult result = match::MatchComponents(views, kb);
    match::ReportInput in{&*doc, "fuzz", &result, "2026-01-01T00:00:00Z", "0"};
    for (std::string_view f : match::ReportFormats()) (void)match::RenderReport(f, in);
  }
  return 0;
}
