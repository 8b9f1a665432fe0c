// The built-in SBOM decoders and encoders: the one list each where a format
// is registered.
//
// Order matters only for Identify: a decoder whose sniff is more specific
// comes first. Adding a format: write src/sbom/<format>_decoder.cc (or
// _encoder.cc) with a New...Decoder() (New...Encoder()) factory and add one
// line here.
#include "sbom/cdx_decoders.h"
#include "sbom/cdx_encoders.h"
#include "sbom/spdx_decoders.h"
#include "sbom/spdx_writer.h"
#include "soupkeeper/sbom.h"

namespace soupkeeper::sbom {
namespace {

std::vector<std::unique_ptr<SbomDecoder>> RegisterBuiltinDecoders() {
  std::vector<std::unique_ptr<SbomDecoder>> decoders;
  decoders.push_back(NewCycloneDxJsonDecoder());
  decoders.push_back(NewCycloneDxXmlDecoder());
  decoders.push_back(NewSpdx3JsonLdDecoder());
  decoders.push_back(NewSpdxJsonDecoder());
  decoders.push_back(NewSpdxYamlDecoder());
  decoders.push_back(NewSpdxTagValueDecoder());
  return decoders;
}

std::vector<std::unique_ptr<SbomEncoder>> RegisterBuiltinEncoders() {
  std::vector<std::unique_ptr<SbomEncoder>> encoders;
  encoders.push_back(NewCycloneDxJsonEncoder());
  encoders.push_back(NewCycloneDxXmlEncoder());
  encoders.push_back(NewSpdxJsonEncoder());
  encoders.push_back(NewSpdxTagValueEncoder());
  encoders.push_back(NewSpdx3JsonLdEncoder());
  return encoders;
}

}  // namespace

const std::vector<std::unique_ptr<SbomEncoder>>& BuiltinEncoders() {
  static const auto* encoders =
      new std::vector<std::unique_ptr<SbomEncoder>>(RegisterBuiltinEncoders());
  return *encoders;
}

const SbomEncoder* FindEncoder(std::string_view name) {
  for (const auto& e : BuiltinEncoders()) {
    if (e->Name() == name) return e.get();
  }
  return nullptr;
}

const std::vector<std::unique_ptr<SbomDecoder>>& BuiltinDecoders() {
  static const auto* decoders =
      new std::vector<std::unique_ptr<SbomDecoder>>(RegisterBuiltinDecoders());
  return *decoders;
}

const SbomDecoder* FindDecoder(std::string_view bytes) {
  for (const auto& d : BuiltinDecoders()) {
    if (d->Identify(bytes)) return d.get();
  }
  return nullptr;
}

Result<Document> Decode(Input input, const std::string& source_name, DiagnosticSink& sink) {
  const SbomDecoder* decoder = FindDecoder(input.bytes);
  if (decoder == nullptr) {
    return ParseError(source_name +
                      ": not a recognized SBOM (supported: CycloneDX 1.2-1.7 JSON and XML; "
                      "SPDX 2.1-2.3 JSON, YAML and tag-value; SPDX 3.0 JSON-LD)");
  }
  return decoder->Decode(input, source_name, sink);
}

}  // namespace soupkeeper::sbom
