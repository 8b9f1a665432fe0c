// The CycloneDX decoders, for the registry (registry.cc) and for callers that
// know the format already (tests, fuzz targets, benchmarks).
#ifndef SOUPKEEPER_SRC_SBOM_CDX_DECODERS_H_
#define SOUPKEEPER_SRC_SBOM_CDX_DECODERS_H_

#include <memory>
#include <string>
#include <string_view>

#include "soupkeeper/sbom.h"

namespace soupkeeper::sbom {

std::unique_ptr<SbomDecoder> NewCycloneDxJsonDecoder();
std::unique_ptr<SbomDecoder> NewCycloneDxXmlDecoder();

namespace cdx {

// The bytes without a leading UTF-8 byte order mark.
std::string_view StripUtf8Bom(std::string_view bytes);

// Decodes and validates CycloneDX JSON / XML 1.2-1.7 (see sbom.h, Decode).
// When at least kInputPadding bytes after `bytes` may be read
// (`readable_past_end`, as in sbom::Input), the JSON is parsed in place
// instead of in a padded copy.
Result<Document> DecodeJson(std::string_view bytes, const std::string& source_name,
                            DiagnosticSink& sink, size_t readable_past_end = 0);
Result<Document> DecodeXml(std::string_view bytes, const std::string& source_name,
                           DiagnosticSink& sink);

}  // namespace cdx
}  // namespace soupkeeper::sbom

#endif  // SOUPKEEPER_SRC_SBOM_CDX_DECODERS_H_
