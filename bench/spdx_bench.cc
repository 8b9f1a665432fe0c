// Throughput of the SPDX 2.3 JSON and tag-value decoders on a generated
// document of 50,000 packages with a dependency graph, next to simdjson's raw
// DOM parse of the JSON bytes (the floor any DOM-based decoder pays); and
// the peak memory of one decode (those benchmarks run first, in a process
// that has decoded nothing yet).
//
//   build-bench/bench/spdx_bench --benchmark_min_time=2
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <nlohmann/json.hpp>
#include <string>

#include "peak_memory.h"
#include "sbom/spdx_decoders.h"
#include "soupkeeper/sbom.h"

namespace {

constexpr int kPackages = 50000;

// Package i: SPDXID, name, version, supplier, download location, a SHA-256
// checksum, concluded and declared licenses, copyright, a purl; it depends on
// up to three later packages.
std::string PackageName(int i) { return "lib" + std::to_string(i); }
std::string Version(int i) { return "1." + std::to_string(i % 13) + ".0"; }
constexpr const char* kSha256 = "f498a8ff2dd007e29c2074f5e4b01a9a01775c3ff3aeaf6906ea503bc5791b7b";

template <typename Edge>
void ForEachEdge(Edge edge) {
  for (int i = 0; i < kPackages; ++i) {
    for (int k = 1; k <= 3 && i + k < kPackages; ++k) {
      edge(i, i + k * 7 < kPackages ? i + k * 7 : i + k);
    }
  }
}

const std::string& JsonDocument() {
  static const std::string* doc = [] {
    auto* s = new std::string;
    s->reserve(size_t{kPackages} * 900);
    *s += R"({"spdxVersion":"SPDX-2.3","dataLicense":"CC0-1.0","SPDXID":"SPDXRef-DOCUMENT",)"
          R"("name":"pump-4.0","documentNamespace":"https://example.org/spdx/pump-4.0",)"
          R"("creationInfo":{"created":"2024-05-01T10:00:00Z","creators":["Tool: gen-1.0"]},)"
          R"("packages":[)";
    for (int i = 0; i < kPackages; ++i) {
      std::string n = std::to_string(i);
      if (i > 0) *s += ',';
      *s +=
          R"({"SPDXID":"SPDXRef-p)" + n + R"(","name":")" + PackageName(i) +
          R"(","versionInfo":")" + Version(i) +
          R"x(","supplier":"Organization: Example (dev@example.org)",)x"
          R"("downloadLocation":"https://example.org/lib)" +
          n + R"(.tar.gz","checksums":[{"algorithm":"SHA256","checksumValue":")" + kSha256 +
          R"("}],"licenseConcluded":"Apache-2.0","licenseDeclared":"Apache-2.0 OR MIT",)"
          R"("copyrightText":"Copyright Example","externalRefs":[{"referenceCategory":)"
          R"("PACKAGE-MANAGER","referenceType":"purl","referenceLocator":"pkg:maven/org.example/)" +
          PackageName(i) + "@" + Version(i) + R"("}]})";
    }
    *s += R"(],"relationships":[{"spdxElementId":"SPDXRef-DOCUMENT","relationshipType":)"
          R"("DESCRIBES","relatedSpdxElement":"SPDXRef-p0"})";
    ForEachEdge([&](int a, int b) {
      *s += R"(,{"spdxElementId":"SPDXRef-p)" + std::to_string(a) +
            R"(","relationshipType":"DEPENDS_ON","relatedSpdxElement":"SPDXRef-p)" +
            std::to_string(b) + R"("})";
    });
    *s += "]}";
    return s;
  }();
  return *doc;
}

const std::string& TagValueDocument() {
  static const std::string* doc = [] {
    auto* s = new std::string;
    s->reserve(size_t{kPackages} * 800);
    *s +=
        "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\n"
        "DocumentName: pump-4.0\nDocumentNamespace: https://example.org/spdx/pump-4.0\n"
        "Creator: Tool: gen-1.0\nCreated: 2024-05-01T10:00:00Z\n";
    for (int i = 0; i < kPackages; ++i) {
      std::string n = std::to_string(i);
      *s += "\nPackageName: " + PackageName(i) + "\nSPDXID: SPDXRef-p" + n +
            "\nPackageVersion: " + Version(i) +
            "\nPackageSupplier: Organization: Example (dev@example.org)"
            "\nPackageDownloadLocation: https://example.org/lib" +
            n + ".tar.gz\nPackageChecksum: SHA256: " + kSha256 +
            "\nPackageLicenseConcluded: Apache-2.0\nPackageLicenseDeclared: Apache-2.0 OR MIT"
            "\nPackageCopyrightText: <text>Copyright Example</text>"
            "\nExternalRef: PACKAGE-MANAGER purl pkg:maven/org.example/" +
            PackageName(i) + "@" + Version(i) + "\n";
    }
    *s += "\nRelationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-p0\n";
    ForEachEdge([&](int a, int b) {
      *s += "Relationship: SPDXRef-p" + std::to_string(a) + " DEPENDS_ON SPDXRef-p" +
            std::to_string(b) + "\n";
    });
    return s;
  }();
  return *doc;
}

void Report(benchmark::State& state, size_t bytes) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
}

using DecodeFn = soupkeeper::Result<soupkeeper::sbom::Document> (*)(std::string_view,
                                                                    const std::string&,
                                                                    soupkeeper::DiagnosticSink&);

// One decode of `doc`; an error on the benchmark unless every package but
// the described one arrived as a component.
void DecodeOnce(benchmark::State& state, DecodeFn decode, const std::string& doc) {
  soupkeeper::NullSink sink;
  auto d = decode(doc, "bench.spdx", sink);
  if (!d.ok() || d->components.size() != kPackages - 1) state.SkipWithError("decode failed");
  benchmark::DoNotOptimize(d);
}

void BM_PeakMemorySpdxJson(benchmark::State& state) {
  const std::string& doc = JsonDocument();
  soupkeeper::bench::MeasurePeak(
      state, doc.size(), [&] { DecodeOnce(state, soupkeeper::sbom::spdx::DecodeJson, doc); });
}
BENCHMARK(BM_PeakMemorySpdxJson)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_PeakMemorySpdxTagValue(benchmark::State& state) {
  const std::string& doc = TagValueDocument();
  soupkeeper::bench::MeasurePeak(
      state, doc.size(), [&] { DecodeOnce(state, soupkeeper::sbom::spdx::DecodeTagValue, doc); });
}
BENCHMARK(BM_PeakMemorySpdxTagValue)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_SpdxJsonDecode(benchmark::State& state) {
  const std::string& doc = JsonDocument();
  for (auto _ : state) DecodeOnce(state, soupkeeper::sbom::spdx::DecodeJson, doc);
  Report(state, doc.size());
}
BENCHMARK(BM_SpdxJsonDecode)->Unit(benchmark::kMillisecond);

void BM_SpdxJsonRawParse(benchmark::State& state) {
  const std::string& doc = JsonDocument();
  simdjson::dom::parser parser;
  simdjson::padded_string padded(doc);
  for (auto _ : state) {
    simdjson::dom::element root;
    if (parser.parse(padded).get(root) != simdjson::SUCCESS) state.SkipWithError("parse");
    benchmark::DoNotOptimize(root);
  }
  Report(state, doc.size());
}
BENCHMARK(BM_SpdxJsonRawParse)->Unit(benchmark::kMillisecond);

void BM_SpdxTagValueDecode(benchmark::State& state) {
  const std::string& doc = TagValueDocument();
  for (auto _ : state) DecodeOnce(state, soupkeeper::sbom::spdx::DecodeTagValue, doc);
  Report(state, doc.size());
}
BENCHMARK(BM_SpdxTagValueDecode)->Unit(benchmark::kMillisecond);

// The same document as block-style YAML (every string double-quoted, as
// JSON writes it), for the YAML decoder.
void AppendYaml(const nlohmann::json& j, size_t indent, std::string& out) {
  const std::string pad(indent, ' ');
  auto scalar_or_nested = [&](const nlohmann::json& v) {
    if (v.is_structured() && !v.empty()) {
      out += '\n';
      AppendYaml(v, indent + 2, out);
    } else {
      out += ' ';
      out += v.dump();
      out += '\n';
    }
  };
  if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      out += pad + key + ":";
      scalar_or_nested(value);
    }
  } else {
    for (const nlohmann::json& item : j) {
      out += pad + "-";
      scalar_or_nested(item);
    }
  }
}

const std::string& YamlDocument() {
  static const std::string* doc = [] {
    auto* s = new std::string;
    AppendYaml(nlohmann::json::parse(JsonDocument()), 0, *s);
    return s;
  }();
  return *doc;
}

// The same document as SPDX 3.0.1 JSON-LD, written by the SPDX 3 encoder.
const std::string& JsonLdDocument() {
  static const std::string* doc = [] {
    soupkeeper::NullSink sink;
    auto decoded = soupkeeper::sbom::spdx::DecodeJson(JsonDocument(), "bench.spdx.json", sink);
    auto text = soupkeeper::sbom::FindEncoder("spdx3-jsonld")->Encode(*decoded, {}, sink);
    return new std::string(std::move(*text));
  }();
  return *doc;
}

void BM_SpdxYamlDecode(benchmark::State& state) {
  const std::string& doc = YamlDocument();
  for (auto _ : state) DecodeOnce(state, soupkeeper::sbom::spdx::DecodeYaml, doc);
  Report(state, doc.size());
}
BENCHMARK(BM_SpdxYamlDecode)->Unit(benchmark::kMillisecond);

void BM_PeakMemorySpdxYaml(benchmark::State& state) {
  const std::string& doc = YamlDocument();
  soupkeeper::bench::MeasurePeak(
      state, doc.size(), [&] { DecodeOnce(state, soupkeeper::sbom::spdx::DecodeYaml, doc); });
}
BENCHMARK(BM_PeakMemorySpdxYaml)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_Spdx3JsonLdDecode(benchmark::State& state) {
  const std::string& doc = JsonLdDocument();
  for (auto _ : state) DecodeOnce(state, soupkeeper::sbom::spdx::DecodeJsonLd, doc);
  Report(state, doc.size());
}
BENCHMARK(BM_Spdx3JsonLdDecode)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
