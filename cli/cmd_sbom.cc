// `soupkeeper sbom validate FILE` and `soupkeeper sbom show FILE`.
//
// The format and spec version are detected from the bytes (SbomDecoder::
// Identify). validate prints one line on success
//   sbom.json: valid CycloneDX 1.6 JSON, 42 components
// and exits 2 with the first error on stderr when the document is invalid
//   soupkeeper: sbom.json: /components/3/hashes/0/alg: 'SHA-999' is not one of ...
// With --format json it prints one object with every error and warning:
//   {"file":..., "valid":false, "format":..., "specVersion":..., "components":N,
//    "errors":[{"location":..., "message":...}], "warnings":[...]}
// Warnings (dangling dependency refs, unparsable purls) go to stderr in text
// mode and never change the exit code.
//
// show prints the normalized document (sbom::ToJson).
//
// convert writes the document in another format (sbom::SbomEncoder) to
// stdout or --out; what the target cannot hold is listed on stderr as
// warnings. quality reports the NTIA / FDA minimum elements
// (sbom_quality.h); diff compares two documents (sbom_diff.h).
#include <iostream>
#include <memory>
#include <string>

#include "command.h"
#include "soupkeeper/env.h"
#include "soupkeeper/sbom.h"

namespace soupkeeper::cli {
namespace {

nlohmann::ordered_json DiagnosticsJson(const std::vector<Diagnostic>& diags, Severity severity) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Diagnostic& d : diags) {
    if (d.severity != severity) continue;
    out.push_back({{"location", d.location}, {"message", d.message}});
  }
  return out;
}

void PrintWarnings(const std::vector<Diagnostic>& diags) {
  for (const Diagnostic& d : diags) {
    if (d.severity == Severity::kWarning) std::cerr << "warning: " << d.ToString() << "\n";
  }
}

int RunValidate(Context& ctx, const std::string& file) {
  Result<std::string> bytes = Env::Default()->ReadFile(file);
  if (!bytes.ok()) return Fail(bytes.status());
  CollectingSink sink;
  Result<sbom::Document> doc = sbom::Decode(*bytes, file, sink);
  std::vector<Diagnostic> diags = sink.Take();
  if (ctx.json()) {
    nlohmann::ordered_json out;
    out["file"] = file;
    out["valid"] = doc.ok();
    if (doc.ok()) {
      out["format"] = sbom::FormatName(doc->format);
      out["specVersion"] = doc->spec_version;
      out["components"] = doc->components.size();
    }
    nlohmann::ordered_json errors = DiagnosticsJson(diags, Severity::kError);
    if (!doc.ok() && errors.empty()) {
      // Not an SBOM at all: the decoder never ran.
      errors.push_back({{"location", ""}, {"message", doc.status().message()}});
    }
    out["errors"] = std::move(errors);
    out["warnings"] = DiagnosticsJson(diags, Severity::kWarning);
    std::cout << out.dump(2) << "\n";
    return doc.ok() ? kExitOk : ExitCodeFor(doc.status());
  }
  PrintWarnings(diags);
  if (!doc.ok()) return Fail(doc.status());
  std::cout << file << ": valid " << sbom::DescribeFormat(*doc) << ", " << doc->components.size()
            << (doc->components.size() == 1 ? " component" : " components") << "\n";
  return kExitOk;
}

// Reads and decodes one SBOM file, printing its warnings to stderr.
Result<sbom::Document> Load(const std::string& file) {
  Result<std::string> bytes = Env::Default()->ReadFile(file);
  if (!bytes.ok()) return bytes.status();
  CollectingSink sink;
  Result<sbom::Document> doc = sbom::Decode(*bytes, file, sink);
  PrintWarnings(sink.Take());
  return doc;
}

int RunShow(const std::string& file) {
  Result<sbom::Document> doc = Load(file);
  if (!doc.ok()) return Fail(doc.status());
  std::cout << sbom::ToJson(*doc) << "\n";
  return kExitOk;
}

struct ConvertArgs {
  std::string file;
  std::string to;
  std::string spec_version;
  std::string out;
};

int RunConvert(const ConvertArgs& args) {
  const sbom::SbomEncoder* encoder = sbom::FindEncoder(args.to);
  if (encoder == nullptr) {
    return Fail(InvalidArgument("--to: '" + args.to +
                                "' is not one of cyclonedx-json, cyclonedx-xml, spdx-json, "
                                "spdx-tv"));
  }
  Result<sbom::Document> doc = Load(args.file);
  if (!doc.ok()) return Fail(doc.status());
  CollectingSink sink;
  Result<std::string> text = encoder->Encode(*doc, {args.spec_version}, sink);
  if (!text.ok()) return Fail(text.status().WithContext("--spec-version"));
  for (const Diagnostic& d : sink.Take()) {
    std::cerr << "warning: " << args.file << ": not carried into " << d.ToString() << "\n";
  }
  if (args.out.empty()) {
    std::cout << *text;
    return kExitOk;
  }
  Status written = Env::Default()->WriteFile(args.out, *text);
  if (!written.ok()) return Fail(written);
  return kExitOk;
}

}  // namespace

void AddSbomCommands(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand(
      "sbom", "SBOM documents: read CycloneDX 1.2-1.7 JSON and XML; write CycloneDX and SPDX 2.3");
  group->require_subcommand(1);

  auto* validate = group->add_subcommand(
      "validate", "Check an SBOM against the rules of its format and spec version");
  auto validate_file = std::make_shared<std::string>();
  validate->add_option("FILE", *validate_file, "The SBOM file")->required();
  validate->callback([&ctx, validate_file] {
    ctx.action = [&ctx, validate_file] { return RunValidate(ctx, *validate_file); };
  });

  auto* show = group->add_subcommand("show", "Print the normalized SBOM as JSON");
  auto show_file = std::make_shared<std::string>();
  show->add_option("FILE", *show_file, "The SBOM file")->required();
  show->callback([&ctx, show_file] { ctx.action = [show_file] { return RunShow(*show_file); }; });

  auto* convert = group->add_subcommand(
      "convert", "Write an SBOM in another format (deterministic; losses listed on stderr)");
  auto convert_args = std::make_shared<ConvertArgs>();
  convert->add_option("FILE", convert_args->file, "The SBOM file")->required();
  convert->add_option("--to", convert_args->to, "cyclonedx-json|cyclonedx-xml|spdx-json|spdx-tv")
      ->required();
  convert->add_option("--spec-version", convert_args->spec_version,
                      "Spec version to write: CycloneDX 1.5, 1.6 (default) or 1.7; SPDX 2.3");
  convert->add_option("--out", convert_args->out, "Write to this file instead of stdout");
  convert->callback(
      [&ctx, convert_args] { ctx.action = [convert_args] { return RunConvert(*convert_args); }; });
}

}  // namespace soupkeeper::cli
