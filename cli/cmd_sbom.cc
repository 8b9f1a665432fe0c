// `soupkeeper sbom validate FILE` and `soupkeeper sbom show FILE`.
//
// The format and spec version are detected from the bytes (SbomDecoder::
// Identify). validate prints one line on success
//   sbom.json: valid CycloneDX 1.6 JSON, 42 components
//   app.spdx: valid SPDX 2.3 tag-value, 17 components
// and exits 2 with the first error on stderr when the document is invalid
//   soupkeeper: sbom.json: /components/3/hashes/0/alg: 'SHA-999' is not one of ...
// A document that violates its spec only in ways the decoder tolerates
// (Diagnostic::deviation: a required field missing, an SPDXID of the wrong
// form; it is read, and `release add` takes it) is not valid: each
// deviation goes to stderr as a warning, and validate prints
//   trivy.json: not valid SPDX 2.2 JSON (2 kinds of spec violation tolerated), read: 17 components
// and exits 1 (a check ran and failed).
// With --format json it prints one object with every error, deviation and
// warning:
//   {"file":..., "valid":false, "readable":true, "format":..., "specVersion":...,
//    "components":N, "errors":[{"location":..., "message":...}], "deviations":[...],
//    "warnings":[...]}
// Other warnings (dangling dependency refs, unparsable purls) go to stderr in
// text mode and never change the exit code.
//
// show prints the normalized document (sbom::ToJson).
//
// convert writes the document in another format (sbom::SbomEncoder) to
// stdout or --out; what the target cannot hold is listed on stderr as
// warnings. quality scores the minimum elements of one profile or all
// (sbom_quality.h); diff compares two documents (sbom_diff.h).
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "command.h"
#include "soupkeeper/env.h"
#include "soupkeeper/release.h"
#include "soupkeeper/sbom.h"
#include "soupkeeper/sbom_quality.h"

namespace soupkeeper::cli {
namespace {

// The diagnostics of one severity, deviations (always warnings) apart.
nlohmann::ordered_json DiagnosticsJson(const std::vector<Diagnostic>& diags, Severity severity,
                                       bool deviations) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Diagnostic& d : diags) {
    if (d.severity != severity || d.deviation != deviations) continue;
    out.push_back({{"location", d.location}, {"message", d.message}});
  }
  return out;
}

int RunValidate(Context& ctx, const std::string& file) {
  Result<std::string> bytes = Env::Default()->ReadFile(file);
  if (!bytes.ok()) return Fail(bytes.status());
  CollectingSink sink;
  Result<sbom::Document> doc = sbom::Decode(*bytes, file, sink);
  std::vector<Diagnostic> diags = sink.Take();
  const auto deviations = static_cast<size_t>(
      std::count_if(diags.begin(), diags.end(), [](const Diagnostic& d) { return d.deviation; }));
  const int exit_code = !doc.ok()        ? ExitCodeFor(doc.status())
                        : deviations > 0 ? kExitCheckFailed
                                         : kExitOk;
  if (ctx.json()) {
    nlohmann::ordered_json out;
    out["file"] = file;
    out["valid"] = doc.ok() && deviations == 0;
    out["readable"] = doc.ok();
    if (doc.ok()) {
      out["format"] = sbom::FormatName(doc->format);
      out["specVersion"] = doc->spec_version;
      out["components"] = doc->components.size();
    }
    nlohmann::ordered_json errors = DiagnosticsJson(diags, Severity::kError, false);
    if (!doc.ok() && errors.empty()) {
      // Not an SBOM at all: the decoder never ran.
      errors.push_back({{"location", ""}, {"message", doc.status().message()}});
    }
    out["errors"] = std::move(errors);
    out["deviations"] = DiagnosticsJson(diags, Severity::kWarning, true);
    out["warnings"] = DiagnosticsJson(diags, Severity::kWarning, false);
    std::cout << out.dump(2) << "\n";
    return exit_code;
  }
  PrintWarnings(diags);
  if (!doc.ok()) return Fail(doc.status());
  const size_t n = doc->components.size();
  const std::string components = std::to_string(n) + (n == 1 ? " component" : " components");
  if (deviations > 0) {
    std::cout << file << ": not valid " << sbom::DescribeFormat(*doc) << " (" << deviations
              << (deviations == 1 ? " kind" : " kinds")
              << " of spec violation tolerated), read: " << components << "\n";
  } else {
    std::cout << file << ": valid " << sbom::DescribeFormat(*doc) << ", " << components << "\n";
  }
  return exit_code;
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

}  // namespace

std::string EncoderNames(std::string_view separator) {
  std::string names;
  for (const auto& e : sbom::BuiltinEncoders()) {
    if (!names.empty()) names += separator;
    names += e->Name();
  }
  return names;
}

Result<const sbom::SbomEncoder*> EncoderNamed(const std::string& name) {
  const sbom::SbomEncoder* encoder = sbom::FindEncoder(name);
  if (encoder == nullptr) {
    return InvalidArgument("--to: '" + name + "' is not one of " + EncoderNames(", "));
  }
  return encoder;
}

namespace {

int RunConvert(const ConvertArgs& args) {
  Result<const sbom::SbomEncoder*> found = EncoderNamed(args.to);
  if (!found.ok()) return Fail(found.status());
  const sbom::SbomEncoder* encoder = *found;
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

std::string Percent(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", p);
  return buf;
}

// "Supplier Name (NTIA)", "license (NTIA Framing / CISA, recommended)".
std::string ElementLabel(const sbom::QualityElement& e) {
  return std::string(e.name) + " (" + std::string(e.source) + (e.required ? "" : ", recommended") +
         ")";
}

std::string ComponentLabel(const std::string& name, const std::string& version) {
  return version.empty() ? name : name + " " + version;
}

nlohmann::ordered_json ElementIds(const std::vector<const sbom::QualityElement*>& elements,
                                  bool required) {
  nlohmann::ordered_json a = nlohmann::ordered_json::array();
  for (const sbom::QualityElement* e : elements) {
    if (e->required == required) a.push_back(e->id);
  }
  return a;
}

struct QualityArgs {
  std::string file;
  std::string profile = std::string(sbom::DefaultQualityProfile().id);  // or "all"
  double fail_under = -1;
};

// One "below" line on stderr per profile under --fail-under; true when any.
bool BelowThreshold(const QualityArgs& args, const std::vector<sbom::QualityReport>& reports) {
  bool below = false;
  for (const sbom::QualityReport& q : reports) {
    if (args.fail_under < 0 || q.coverage_percent >= args.fail_under) continue;
    std::cerr << "soupkeeper: " << args.file << ": profile " << q.profile->id << " coverage "
              << Percent(q.coverage_percent) << " is below " << Percent(args.fail_under) << "\n";
    below = true;
  }
  return below;
}

// --profile all: one score line per profile.
int RunQualityAll(Context& ctx, const QualityArgs& args, const sbom::Document& doc) {
  std::vector<sbom::QualityReport> reports;
  for (const sbom::QualityProfile& p : sbom::QualityProfiles()) {
    reports.push_back(sbom::AssessQuality(doc, p));
  }
  if (ctx.json()) {
    nlohmann::ordered_json out;
    out["file"] = args.file;
    out["format"] = sbom::DescribeFormat(doc);
    nlohmann::ordered_json profiles = nlohmann::ordered_json::array();
    for (const sbom::QualityReport& q : reports) {
      profiles.push_back({{"profile", q.profile->id},
                          {"title", q.profile->title},
                          {"components", q.components.size()},
                          {"completeComponents", q.complete_components},
                          {"coveragePercent", q.coverage_percent}});
    }
    out["profiles"] = std::move(profiles);
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << args.file << ": " << sbom::DescribeFormat(doc) << ", "
              << reports.front().components.size() << " components checked\n";
    for (const sbom::QualityReport& q : reports) {
      std::string id(q.profile->id);
      id.resize(std::max<size_t>(id.size(), 5), ' ');
      std::cout << "  " << id << " coverage " << Percent(q.coverage_percent) << "; "
                << q.complete_components << " of " << q.components.size()
                << " components complete  (" << q.profile->title << ")\n";
    }
  }
  return BelowThreshold(args, reports) ? kExitCheckFailed : kExitOk;
}

int RunQuality(Context& ctx, const QualityArgs& args) {
  Result<sbom::Document> doc = Load(args.file);
  if (!doc.ok()) return Fail(doc.status());
  if (args.profile == "all") return RunQualityAll(ctx, args, *doc);
  const sbom::QualityProfile* profile = sbom::FindQualityProfile(args.profile);
  if (profile == nullptr) {  // the option's IsMember check keeps this out
    std::cerr << "soupkeeper: unknown quality profile '" << args.profile << "'\n";
    return kExitBadInput;
  }
  sbom::QualityReport q = sbom::AssessQuality(*doc, *profile);
  if (ctx.json()) {
    nlohmann::ordered_json out;
    out["file"] = args.file;
    out["format"] = sbom::DescribeFormat(*doc);
    out["profile"] = profile->id;
    out["profileTitle"] = profile->title;
    nlohmann::ordered_json docs = nlohmann::ordered_json::array();
    for (const sbom::DocumentCheck& d : q.document) {
      docs.push_back({{"element", d.element->id},
                      {"name", d.element->name},
                      {"source", d.element->source},
                      {"required", d.element->required},
                      {"present", d.present},
                      {"detail", d.detail}});
    }
    out["document"] = std::move(docs);
    nlohmann::ordered_json comps = nlohmann::ordered_json::array();
    for (const sbom::ComponentQuality& c : q.components) {
      nlohmann::ordered_json cj;
      if (c.is_subject) {
        cj["subject"] = true;
      } else {
        cj["index"] = c.index;
      }
      cj["ref"] = c.ref;
      cj["name"] = c.name;
      cj["version"] = c.version;
      cj["missing"] = ElementIds(c.missing, true);
      cj["missingRecommended"] = ElementIds(c.missing, false);
      cj["justified"] = ElementIds(c.justified, true);
      comps.push_back(std::move(cj));
    }
    out["components"] = std::move(comps);
    nlohmann::ordered_json elements = nlohmann::ordered_json::array();
    for (const sbom::ElementSummary& s : q.summary) {
      elements.push_back({{"element", s.element->id},
                          {"name", s.element->name},
                          {"source", s.element->source},
                          {"required", s.element->required},
                          {"present", s.present},
                          {"total", s.total},
                          {"percent", s.percent}});
    }
    out["summary"] = {{"elements", std::move(elements)},
                      {"components", q.components.size()},
                      {"completeComponents", q.complete_components},
                      {"coveragePercent", q.coverage_percent}};
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << args.file << ": " << sbom::DescribeFormat(*doc) << ", " << q.components.size()
              << " components checked\n";
    std::cout << "profile " << profile->id << ": " << profile->title << "\n";
    std::cout << "document\n";
    for (const sbom::DocumentCheck& d : q.document) {
      std::cout << "  " << (d.present ? "present  " : "MISSING  ") << ElementLabel(*d.element)
                << ": " << d.detail << "\n";
    }
    size_t listed = 0;
    for (const sbom::ComponentQuality& c : q.components) {
      if (c.missing.empty()) continue;
      if (listed++ == 0) {
        std::cout << "components with missing elements (recommended ones in brackets)\n";
      }
      std::string required, recommended;
      for (const sbom::QualityElement* e : c.missing) {
        std::string& list = e->required ? required : recommended;
        list += (list.empty() ? "" : ", ") + std::string(e->name);
      }
      std::string label = ComponentLabel(c.name, c.version) + (c.is_subject ? " (primary)" : "");
      std::cout << "  " << label << ": " << (required.empty() ? "-" : required);
      if (!recommended.empty()) std::cout << " [" << recommended << "]";
      std::cout << "\n";
    }
    if (listed == 0) std::cout << "every component has every element\n";
    std::cout << "summary\n";
    for (const sbom::ElementSummary& s : q.summary) {
      std::string label = ElementLabel(*s.element);
      label.resize(std::max<size_t>(label.size(), 50), ' ');
      std::cout << "  " << label << " " << s.present << "/" << s.total << "  " << Percent(s.percent)
                << "\n";
    }
    std::cout << "coverage " << Percent(q.coverage_percent) << " of required elements; "
              << q.complete_components << " of " << q.components.size() << " components complete\n";
  }
  return BelowThreshold(args, {q}) ? kExitCheckFailed : kExitOk;
}

// The same component diff as `release diff` (release::DiffComponents), on
// two documents.
int RunDiff(Context& ctx, const std::string& file_a, const std::string& file_b) {
  Result<sbom::Document> a = Load(file_a);
  if (!a.ok()) return Fail(a.status());
  Result<sbom::Document> b = Load(file_b);
  if (!b.ok()) return Fail(b.status());
  release::ComponentDiff d =
      release::DiffComponents(release::ComponentsOf(*a), release::ComponentsOf(*b));
  if (ctx.json()) {
    nlohmann::json out = release::ToJson(d);
    out["a"] = file_a;
    out["b"] = file_b;
    PrintJsonLine(out);
    return kExitOk;
  }
  for (const std::string& line : release::DiffLines(d)) std::cout << line << "\n";
  std::cout << release::DiffSummary(d) << "\n";
  return kExitOk;
}

}  // namespace

void AddSbomCommands(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand(
      "sbom",
      "SBOM documents: read CycloneDX 1.2-1.7 JSON and XML, SPDX 2.2/2.3 JSON, YAML and tag-value, "
      "SPDX 3.0 JSON-LD; write CycloneDX and SPDX 2.3");
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
  convert->add_option("--to", convert_args->to, EncoderNames("|"))->required();
  convert->add_option(
      "--spec-version", convert_args->spec_version,
      "Spec version to write: CycloneDX 1.5, 1.6 (default) or 1.7; SPDX 2.3; SPDX 3.0.1");
  convert->add_option("--out", convert_args->out, "Write to this file instead of stdout");
  convert->callback(
      [&ctx, convert_args] { ctx.action = [convert_args] { return RunConvert(*convert_args); }; });

  auto* quality = group->add_subcommand(
      "quality",
      "SBOM minimum elements per component and document, scored per profile (NTIA, FDA, CISA, "
      "BSI)");
  auto quality_args = std::make_shared<QualityArgs>();
  quality->add_option("FILE", quality_args->file, "The SBOM file")->required();
  std::vector<std::string> profile_ids;
  for (const sbom::QualityProfile& p : sbom::QualityProfiles()) profile_ids.emplace_back(p.id);
  profile_ids.emplace_back("all");
  quality
      ->add_option("--profile", quality_args->profile,
                   "Element set: ntia, fda (default), cisa, bsi, or all for every profile's score")
      ->check(CLI::IsMember(profile_ids));
  quality
      ->add_option(
          "--fail-under", quality_args->fail_under,
          "Exit 1 when the coverage of required elements of the chosen profile(s) is below "
          "PERCENT")
      ->type_name("PERCENT")
      ->check(CLI::Range(0.0, 100.0));
  quality->callback([&ctx, quality_args] {
    ctx.action = [&ctx, quality_args] { return RunQuality(ctx, *quality_args); };
  });

  auto* diff = group->add_subcommand(
      "diff", "Components added, removed and changed (version, supplier, licenses, hashes)");
  auto diff_files = std::make_shared<std::pair<std::string, std::string>>();
  diff->add_option("A", diff_files->first, "The older SBOM")->required();
  diff->add_option("B", diff_files->second, "The newer SBOM")->required();
  diff->callback([&ctx, diff_files] {
    ctx.action = [&ctx, diff_files] { return RunDiff(ctx, diff_files->first, diff_files->second); };
  });
}

}  // namespace soupkeeper::cli
