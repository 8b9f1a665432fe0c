// The SPDX 2.2 / 2.3 JSON and YAML decoders: read into the shared tree, then
// the SPDX 2 rules (spdx2_rules.cc).
#include <string>

#include "sbom/cdx_decoders.h"
#include "sbom/cdx_rules.h"
#include "sbom/spdx_decoders.h"

namespace soupkeeper::sbom {
namespace spdx {
namespace {

// The first 64 KiB, where a sniff looks.
std::string_view Head(std::string_view bytes) { return bytes.substr(0, 64 * 1024); }

// True when some line of `head` starts with `key`.
bool HasLineStartingWith(std::string_view head, std::string_view key) {
  size_t pos = 0;
  while (pos < head.size()) {
    if (head.compare(pos, key.size(), key) == 0) return true;
    size_t nl = head.find_first_of("\r\n", pos);
    if (nl == std::string_view::npos) return false;
    pos = nl + 1;
  }
  return false;
}

bool StartsWithBrace(std::string_view bytes) {
  size_t i = bytes.find_first_not_of(" \t\r\n");
  return i != std::string_view::npos && bytes[i] == '{';
}

}  // namespace

// Splits "line N: message" into the place and the message.
void ReportParseError(cdx::Reporter& reporter, const std::string& message) {
  if (message.rfind("line ", 0) == 0) {
    size_t colon = message.find(": ");
    if (colon != std::string::npos) {
      reporter.Error(message.substr(0, colon), message.substr(colon + 2));
      return;
    }
  }
  reporter.Error("", message);
}

// The checks every SPDX reader makes before parsing: byte order mark,
// UTF-16, size, UTF-8. Returns false (after reporting) when the bytes are
// unusable.
bool Prepare(std::string_view& bytes, std::string_view what, cdx::Reporter& reporter) {
  bytes = cdx::StripUtf8Bom(bytes);
  if (bytes.size() >= 2 &&
      ((bytes[0] == '\xFE' && bytes[1] == '\xFF') || (bytes[0] == '\xFF' && bytes[1] == '\xFE'))) {
    reporter.Error("", "UTF-16 text; " + std::string(what) + " must be UTF-8");
    return false;
  }
  if (bytes.size() > cdx::kMaxDocumentBytes) {
    reporter.Error("", "document of " + std::to_string(bytes.size()) +
                           " bytes is larger than the limit of " +
                           std::to_string(cdx::kMaxDocumentBytes) + " bytes");
    return false;
  }
  std::string bad = CheckUtf8(bytes);
  if (!bad.empty()) {
    reporter.Error("", bad + "; " + std::string(what) + " must be UTF-8");
    return false;
  }
  return true;
}

Result<Document> DecodeJson(std::string_view bytes, const std::string& source_name,
                            DiagnosticSink& sink) {
  cdx::Reporter reporter(source_name, sink);
  if (!Prepare(bytes, "SPDX JSON", reporter)) return reporter.ToStatus();
  TextStore store;
  Result<Node> root = ParseJson(bytes, store);
  if (!root.ok()) {
    ReportParseError(reporter, root.status().message());
    return reporter.ToStatus();
  }
  SK_ASSIGN_OR_RETURN(Document doc,
                      DecodeSpdx2(std::move(*root), Syntax::kJson, source_name, sink));
  doc.format = Format::kSpdxJson;
  return doc;
}

Result<Document> DecodeYaml(std::string_view bytes, const std::string& source_name,
                            DiagnosticSink& sink) {
  cdx::Reporter reporter(source_name, sink);
  if (!Prepare(bytes, "SPDX YAML", reporter)) return reporter.ToStatus();
  TextStore store;
  Result<Node> root = ParseYaml(bytes, store);
  if (!root.ok()) {
    ReportParseError(reporter, root.status().message());
    return reporter.ToStatus();
  }
  SK_ASSIGN_OR_RETURN(Document doc,
                      DecodeSpdx2(std::move(*root), Syntax::kYaml, source_name, sink));
  doc.format = Format::kSpdxYaml;
  return doc;
}

}  // namespace spdx

namespace {

class SpdxJsonDecoder final : public SbomDecoder {
 public:
  std::string_view Name() const override { return "spdx-json"; }
  bool Identify(std::string_view bytes) const override {
    bytes = cdx::StripUtf8Bom(bytes);
    if (!spdx::StartsWithBrace(bytes)) return false;
    std::string_view head = spdx::Head(bytes);
    // Serializers that sort keys put spdxVersion after packages and files;
    // an SPDXRef- identifier in the head then tells.
    return (head.find("\"spdxVersion\"") != std::string_view::npos ||
            head.find("\"SPDXRef-") != std::string_view::npos) &&
           head.find("\"bomFormat\"") == std::string_view::npos &&
           head.find("\"@context\"") == std::string_view::npos;
  }
  Result<Document> Decode(Input input, const std::string& source_name,
                          DiagnosticSink& sink) const override {
    return spdx::DecodeJson(input.bytes, source_name, sink);
  }
};

class SpdxYamlDecoder final : public SbomDecoder {
 public:
  std::string_view Name() const override { return "spdx-yaml"; }
  bool Identify(std::string_view bytes) const override {
    bytes = cdx::StripUtf8Bom(bytes);
    if (spdx::StartsWithBrace(bytes)) return false;
    std::string_view head = spdx::Head(bytes);
    return spdx::HasLineStartingWith(head, "spdxVersion:") ||
           spdx::HasLineStartingWith(head, "\"spdxVersion\":") ||
           spdx::HasLineStartingWith(head, "'spdxVersion':");
  }
  Result<Document> Decode(Input input, const std::string& source_name,
                          DiagnosticSink& sink) const override {
    return spdx::DecodeYaml(input.bytes, source_name, sink);
  }
};

class SpdxTagValueDecoder final : public SbomDecoder {
 public:
  std::string_view Name() const override { return "spdx-tag-value"; }
  bool Identify(std::string_view bytes) const override {
    bytes = cdx::StripUtf8Bom(bytes);
    return spdx::HasLineStartingWith(spdx::Head(bytes), "SPDXVersion:");
  }
  Result<Document> Decode(Input input, const std::string& source_name,
                          DiagnosticSink& sink) const override {
    return spdx::DecodeTagValue(input.bytes, source_name, sink);
  }
};

class Spdx3JsonLdDecoder final : public SbomDecoder {
 public:
  std::string_view Name() const override { return "spdx3-jsonld"; }
  bool Identify(std::string_view bytes) const override {
    bytes = cdx::StripUtf8Bom(bytes);
    if (!spdx::StartsWithBrace(bytes)) return false;
    std::string_view head = spdx::Head(bytes);
    return head.find("\"@context\"") != std::string_view::npos &&
           head.find("spdx.org/rdf/3.") != std::string_view::npos;
  }
  Result<Document> Decode(Input input, const std::string& source_name,
                          DiagnosticSink& sink) const override {
    return spdx::DecodeJsonLd(input.bytes, source_name, sink);
  }
};

}  // namespace

std::unique_ptr<SbomDecoder> NewSpdxJsonDecoder() { return std::make_unique<SpdxJsonDecoder>(); }
std::unique_ptr<SbomDecoder> NewSpdxYamlDecoder() { return std::make_unique<SpdxYamlDecoder>(); }
std::unique_ptr<SbomDecoder> NewSpdxTagValueDecoder() {
  return std::make_unique<SpdxTagValueDecoder>();
}
std::unique_ptr<SbomDecoder> NewSpdx3JsonLdDecoder() {
  return std::make_unique<Spdx3JsonLdDecoder>();
}

}  // namespace soupkeeper::sbom
