// The CycloneDX encoders, for the registry (registry.cc).
//
// Both serializations share one mapping from the model: BuildCdxTree gives
// the document as a JSON tree whose keys follow the element order of the XSD
// (JSON does not care, and the XML encoder walks the tree in order).
#ifndef SOUPKEEPER_SRC_SBOM_CDX_ENCODERS_H_
#define SOUPKEEPER_SRC_SBOM_CDX_ENCODERS_H_

#include <memory>
#include <nlohmann/json.hpp>

#include "sbom/encode_support.h"
#include "soupkeeper/sbom.h"

namespace soupkeeper::sbom {

std::unique_ptr<SbomEncoder> NewCycloneDxJsonEncoder();
std::unique_ptr<SbomEncoder> NewCycloneDxXmlEncoder();

namespace cdx {

// "1.5".."1.7" (or "" for 1.6) -> minor; InvalidArgument otherwise.
Result<int> EncodeMinor(std::string_view spec_version);

// The CycloneDX 1.`minor` document for `doc`, without the embedded
// vulnerabilities (each encoder carries them within its own encoding only).
// Losses go to `log`.
nlohmann::ordered_json BuildCdxTree(const Document& doc, int minor, encode::LossLog& log);

// True when `doc` holds embedded vulnerabilities that a CycloneDX 1.`minor`
// document of `format` can carry as written (same encoding, not newer);
// otherwise logs their loss when there are any.
bool CarryVulnerabilities(const Document& doc, Format format, int minor, encode::LossLog& log);

}  // namespace cdx
}  // namespace soupkeeper::sbom

#endif  // SOUPKEEPER_SRC_SBOM_CDX_ENCODERS_H_
