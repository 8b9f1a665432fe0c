// Helpers every SBOM encoder shares: the loss log, hash algorithm names
// across formats, and identifiers derived from content.
#ifndef SOUPKEEPER_SRC_SBOM_ENCODE_SUPPORT_H_
#define SOUPKEEPER_SRC_SBOM_ENCODE_SUPPORT_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/diagnostics.h"
#include "soupkeeper/sbom.h"

namespace soupkeeper::sbom::encode {

// Counts what an encoding could not carry, by kind, and reports one warning
// per kind ("3 components: scope has no place in SPDX 2.3") in a stable
// order when flushed.
class LossLog {
 public:
  explicit LossLog(std::string target) : target_(std::move(target)) {}
  // `what` names the kind, e.g. "component scope"; `why` says what happened.
  void Add(const std::string& what, const std::string& why);
  // Reports every kind to `sink` as a warning with source `target`.
  void Flush(DiagnosticSink& sink) const;

 private:
  std::string target_;
  std::map<std::string, size_t> counts_;  // "what: why" -> count
};

// The hash algorithm in CycloneDX spelling ("SHA-256", "SHA3-256",
// "BLAKE2b-256", "MD5"), from any spelling (SPDX 2 "SHA256", SPDX 3
// "sha256", "sha3_256", "blake2b256" too); "" when
// CycloneDX has no such algorithm (SPDX SHA224, MD2, MD4, MD6, ADLER32).
std::string CdxHashAlg(std::string_view alg);
// The hash algorithm in SPDX 2.3 spelling ("SHA256"), from either spelling;
// "" when SPDX 2.3 has no such algorithm (CycloneDX Streebog-256/512).
std::string SpdxHashAlg(std::string_view alg);

// A lower-case RFC 4122 UUID derived from `text`: the first 128 bits of its
// SHA-256 with the version nibble set to 8 (RFC 9562 custom) and the RFC 4122
// variant. The same text always gives the same UUID.
std::string DerivedUuid(std::string_view text);

// The SHA-256 of the normalized document (sbom::ToJson, compact): the content
// hash that derived identifiers are made from.
std::string ContentHash(const Document& doc);

// Index lists of each component's children, from Component::parent_index:
// top (-1), the subject's (-2) and per component index, in document order.
struct Tree {
  std::vector<size_t> top;
  std::vector<size_t> subject_children;
  std::vector<std::vector<size_t>> children;
};
Tree BuildTree(const Document& doc);

// The value of the first property named `name`, or nullptr.
const Text* FindProperty(std::span<const Property> props, std::string_view name);

}  // namespace soupkeeper::sbom::encode

#endif  // SOUPKEEPER_SRC_SBOM_ENCODE_SUPPORT_H_
