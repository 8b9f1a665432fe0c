// The body shared by the feed importer fuzz targets (feed_<name>_fuzz.cc):
// arbitrary bytes go to one importer's Decode. It must never crash or throw,
// every record it emits must have an id, a source and a 64-digit hash, and
// the record's JSON form must serialize.
#ifndef SOUPKEEPER_FUZZ_FEED_FUZZ_H_
#define SOUPKEEPER_FUZZ_FEED_FUZZ_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "soupkeeper/vuln.h"

namespace soupkeeper::fuzz {

inline int FuzzImporter(std::string_view name, const uint8_t* data, size_t size) {
  const vuln::FeedImporter* importer = vuln::ImporterByName(name);
  if (importer == nullptr) std::abort();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  importer->Identify(input);
  NullSink sink;
  Status s = importer->Decode(
      input, "fuzz",
      [&](vuln::Vulnerability&& v) {
        if (v.id.empty() || v.provenance.source != name || v.provenance.sha256.size() != 64) {
          std::abort();
        }
        vuln::ToJson(v).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return Status::Ok();
      },
      sink);
  if (!s.ok() && s.code() != StatusCode::kParseError) std::abort();
  return 0;
}

}  // namespace soupkeeper::fuzz

#endif  // SOUPKEEPER_FUZZ_FEED_FUZZ_H_
