// Shared encoder helpers; see encode_support.h.
#include "sbom/encode_support.h"

#include "core/text.h"
#include "soupkeeper/hash.h"

namespace soupkeeper::sbom::encode {
namespace {

struct AlgName {
  std::string_view cdx;
  std::string_view spdx;
};

// CycloneDX 1.7 hash-alg enum against the SPDX 2.3 checksum algorithm enum.
constexpr AlgName kAlgs[] = {
    {"MD5", "MD5"},
    {"SHA-1", "SHA1"},
    {"SHA-256", "SHA256"},
    {"SHA-384", "SHA384"},
    {"SHA-512", "SHA512"},
    {"SHA3-256", "SHA3-256"},
    {"SHA3-384", "SHA3-384"},
    {"SHA3-512", "SHA3-512"},
    {"BLAKE2b-256", "BLAKE2b-256"},
    {"BLAKE2b-384", "BLAKE2b-384"},
    {"BLAKE2b-512", "BLAKE2b-512"},
    {"BLAKE3", "BLAKE3"},
    {"Streebog-256", ""},
    {"Streebog-512", ""},
    {"", "SHA224"},
    {"", "MD2"},
    {"", "MD4"},
    {"", "MD6"},
    {"", "ADLER32"},
};

// Equal but for ASCII case, '-' and '_': "SHA3-256" and "sha3_256" (SPDX
// 3) name one algorithm, as do "BLAKE2b-256" and "blake2b256". Compares in
// place (encoders ask for every hash of every component).
bool SameAlg(std::string_view a, std::string_view b) {
  auto separator = [](char c) { return c == '-' || c == '_'; };
  size_t i = 0;
  size_t j = 0;
  while (true) {
    while (i < a.size() && separator(a[i])) ++i;
    while (j < b.size() && separator(b[j])) ++j;
    if (i == a.size() || j == b.size()) return i == a.size() && j == b.size();
    if (text::AsciiUpper(a[i++]) != text::AsciiUpper(b[j++])) return false;
  }
}

const AlgName* FindAlg(std::string_view alg) {
  for (const AlgName& a : kAlgs) {
    if ((!a.cdx.empty() && SameAlg(a.cdx, alg)) || (!a.spdx.empty() && SameAlg(a.spdx, alg))) {
      return &a;
    }
  }
  return nullptr;
}

}  // namespace

void LossLog::Add(const std::string& what, const std::string& why) { ++counts_[what + ": " + why]; }

void LossLog::Flush(DiagnosticSink& sink) const {
  for (const auto& [text, count] : counts_) {
    sink.Report(Diagnostic{Severity::kWarning, target_, "", std::to_string(count) + " x " + text});
  }
}

std::string CdxHashAlg(std::string_view alg) {
  const AlgName* a = FindAlg(alg);
  return a == nullptr ? "" : std::string(a->cdx);
}

std::string SpdxHashAlg(std::string_view alg) {
  const AlgName* a = FindAlg(alg);
  return a == nullptr ? "" : std::string(a->spdx);
}

std::string DerivedUuid(std::string_view text) {
  std::string h = Sha256Hex(text).substr(0, 32);
  h[12] = '8';
  static constexpr char kVariant[] = "89ab";
  h[16] = kVariant[(h[16] >= 'a' ? h[16] - 'a' + 10 : h[16] - '0') & 3];
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20, 12);
}

std::string ContentHash(const Document& doc) { return Sha256Hex(ToJson(doc, false)); }

Tree BuildTree(const Document& doc) {
  Tree t;
  t.children.resize(doc.components.size());
  for (size_t i = 0; i < doc.components.size(); ++i) {
    int p = doc.components[i].parent_index;
    if (p >= 0 && static_cast<size_t>(p) < doc.components.size() && static_cast<size_t>(p) < i) {
      t.children[p].push_back(i);
    } else if (p == -2 && doc.subject) {
      t.subject_children.push_back(i);
    } else {
      t.top.push_back(i);
    }
  }
  return t;
}

const Text* FindProperty(std::span<const Property> props, std::string_view name) {
  for (const Property& p : props) {
    if (p.name == name) return &p.value;
  }
  return nullptr;
}

}  // namespace soupkeeper::sbom::encode
