// Throughput of the CycloneDX JSON and XML decoders on a generated SBOM of
// 50,000 components with a dependency graph, next to simdjson's raw DOM parse
// of the same JSON bytes (the floor any DOM-based decoder pays) and
// pugixml's raw parse of the XML; and the peak memory of one decode.
//
//   build-bench/bench/sbom_bench --benchmark_min_time=2
//
// BM_DecodeVsRawParse times both in the same iterations and reports
// raw_over_decode: the share of simdjson's parse speed the decoder keeps.
// The BM_PeakMemory* benchmarks run first, in a process that has decoded
// nothing yet, so the decoder's reused parser buffers are counted.
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <chrono>
#include <pugixml.hpp>
#include <string>

#include "peak_memory.h"
#include "sbom/cdx_decoders.h"
#include "soupkeeper/sbom.h"

namespace {

constexpr int kComponents = 50000;

// A CycloneDX 1.6 SBOM: each component has a bom-ref, group, name, version,
// purl, a SHA-256 hash, a license id, an external reference and an FDA
// property; each depends on up to three later components.
const std::string& GeneratedSbom() {
  static const std::string* doc = [] {
    auto* s = new std::string;
    s->reserve(size_t{kComponents} * 600);
    *s += R"({"bomFormat":"CycloneDX","specVersion":"1.6",)"
          R"("serialNumber":"urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79","version":1,)"
          R"("metadata":{"timestamp":"2024-05-01T10:00:00Z","component":{"type":"device",)"
          R"("name":"pump","version":"4.0","bom-ref":"root"}},"components":[)";
    for (int i = 0; i < kComponents; ++i) {
      std::string n = std::to_string(i);
      if (i > 0) *s += ',';
      *s +=
          R"({"type":"library","bom-ref":"c)" + n + R"(","group":"org.example.g)" +
          std::to_string(i % 97) + R"(","name":"lib)" + n + R"(","version":"1.)" +
          std::to_string(i % 13) + R"(.0","purl":"pkg:maven/org.example.g)" +
          std::to_string(i % 97) + "/lib" + n + "@1." + std::to_string(i % 13) +
          R"(.0","hashes":[{"alg":"SHA-256","content":"f498a8ff2dd007e29c2074f5e4b01a9a01775c3ff3aeaf6906ea503bc5791b7b"}],)"
          R"("licenses":[{"license":{"id":"Apache-2.0"}}],)"
          R"("externalReferences":[{"type":"vcs","url":"https://example.org/lib)" +
          n + R"(.git"}],"properties":[{"name":"cdx:fda:levelOfSupport","value":"supported"}]})";
    }
    *s += R"(],"dependencies":[{"ref":"root","dependsOn":["c0"]})";
    for (int i = 0; i < kComponents; ++i) {
      *s += R"(,{"ref":"c)" + std::to_string(i) + R"(","dependsOn":[)";
      for (int k = 1; k <= 3 && i + k < kComponents; ++k) {
        if (k > 1) *s += ',';
        *s += "\"c" + std::to_string(i + k * 7 < kComponents ? i + k * 7 : i + k) + "\"";
      }
      *s += "]}";
    }
    *s += "]}";
    // Room after the bytes, as Env::ReadFile leaves it (DecodeInPlace).
    if (s->capacity() - s->size() < soupkeeper::sbom::kInputPadding) {
      s->reserve(s->size() + soupkeeper::sbom::kInputPadding);
    }
    return s;
  }();
  return *doc;
}

// The same SBOM as CycloneDX 1.6 XML, written by the XML encoder.
const std::string& GeneratedXmlSbom() {
  static const std::string* doc = [] {
    soupkeeper::NullSink sink;
    auto decoded = soupkeeper::sbom::cdx::DecodeJson(GeneratedSbom(), "bench", sink);
    const soupkeeper::sbom::SbomEncoder* xml = soupkeeper::sbom::FindEncoder("cyclonedx-xml");
    auto text = xml->Encode(*decoded, {"1.6"}, sink);
    return new std::string(std::move(*text));
  }();
  return *doc;
}

using DecodeFn = soupkeeper::Result<soupkeeper::sbom::Document> (*)(std::string_view,
                                                                    const std::string&,
                                                                    soupkeeper::DiagnosticSink&);

// CycloneDX JSON as the CLI decodes a file: in place, as GeneratedSbom has
// room after its bytes.
soupkeeper::Result<soupkeeper::sbom::Document> DecodeInPlace(std::string_view bytes,
                                                             const std::string& name,
                                                             soupkeeper::DiagnosticSink& sink) {
  return soupkeeper::sbom::cdx::DecodeJson(bytes, name, sink, soupkeeper::sbom::kInputPadding);
}

// CycloneDX JSON from bytes without room after them: the decoder copies them.
soupkeeper::Result<soupkeeper::sbom::Document> DecodeCopy(std::string_view bytes,
                                                          const std::string& name,
                                                          soupkeeper::DiagnosticSink& sink) {
  return soupkeeper::sbom::cdx::DecodeJson(bytes, name, sink);
}

// One decode of `bytes`; an error on the benchmark unless every component
// arrived.
void DecodeOnce(benchmark::State& state, DecodeFn decode, const std::string& bytes) {
  soupkeeper::NullSink sink;
  auto doc = decode(bytes, "bench", sink);
  if (!doc.ok() || doc->components.size() != kComponents) state.SkipWithError("decode");
  benchmark::DoNotOptimize(doc);
}

void Throughput(benchmark::State& state, size_t bytes) {
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
}

void BM_PeakMemoryCycloneDxJson(benchmark::State& state) {
  const std::string& bytes = GeneratedSbom();
  soupkeeper::bench::MeasurePeak(state, bytes.size(),
                                 [&] { DecodeOnce(state, DecodeInPlace, bytes); });
}
BENCHMARK(BM_PeakMemoryCycloneDxJson)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_PeakMemoryCycloneDxJsonCopy(benchmark::State& state) {
  const std::string& bytes = GeneratedSbom();
  soupkeeper::bench::MeasurePeak(state, bytes.size(),
                                 [&] { DecodeOnce(state, DecodeCopy, bytes); });
}
BENCHMARK(BM_PeakMemoryCycloneDxJsonCopy)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_PeakMemoryCycloneDxXml(benchmark::State& state) {
  const std::string& bytes = GeneratedXmlSbom();
  soupkeeper::bench::MeasurePeak(
      state, bytes.size(), [&] { DecodeOnce(state, soupkeeper::sbom::cdx::DecodeXml, bytes); });
}
BENCHMARK(BM_PeakMemoryCycloneDxXml)->Iterations(1)->Unit(benchmark::kMillisecond);

// simdjson's DOM parse of `bytes`, the padded copy included.
void RawParse(benchmark::State& state, simdjson::dom::parser& parser, const std::string& bytes) {
  simdjson::padded_string padded(bytes);
  simdjson::dom::element root;
  if (parser.parse(padded).get(root) != simdjson::SUCCESS) state.SkipWithError("parse");
  benchmark::DoNotOptimize(root);
}

void BM_SimdjsonRawParse(benchmark::State& state) {
  const std::string& bytes = GeneratedSbom();
  simdjson::dom::parser parser;
  for (auto _ : state) RawParse(state, parser, bytes);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes.size()));
}
BENCHMARK(BM_SimdjsonRawParse)->Unit(benchmark::kMillisecond);

// The floors of any decoder into today's model, to see how far the decoder
// is from each:
// - simdjson On-Demand looking at every key and value of the document once
//   (strings unescaped), what an On-Demand decoder pays before validating
//   and copying anything;
// - the model alone: a copy of the decoded Document, made and destroyed
//   (its allocations, first touch and frees), what any decoder pays after.
bool WalkOnDemand(simdjson::ondemand::value value, size_t& strings) {
  namespace od = simdjson::ondemand;
  od::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS) return false;
  switch (type) {
    case od::json_type::object: {
      od::object o;
      if (value.get_object().get(o) != simdjson::SUCCESS) return false;
      for (auto field : o) {
        std::string_view key;
        od::value v;
        if (field.unescaped_key().get(key) != simdjson::SUCCESS ||
            field.value().get(v) != simdjson::SUCCESS || !WalkOnDemand(v, strings)) {
          return false;
        }
      }
      return true;
    }
    case od::json_type::array: {
      od::array a;
      if (value.get_array().get(a) != simdjson::SUCCESS) return false;
      for (auto item : a) {
        od::value v;
        if (item.get(v) != simdjson::SUCCESS || !WalkOnDemand(v, strings)) return false;
      }
      return true;
    }
    case od::json_type::string: {
      std::string_view text;
      ++strings;
      return value.get_string().get(text) == simdjson::SUCCESS;
    }
    case od::json_type::number: {
      double d;
      return value.get_double().get(d) == simdjson::SUCCESS;
    }
    case od::json_type::boolean: {
      bool b;
      return value.get_bool().get(b) == simdjson::SUCCESS;
    }
    case od::json_type::null:
      return value.is_null();
  }
  return false;
}

// One On-Demand walk of `bytes` (padded copy included, as the decoder's).
void OnDemandWalkOnce(benchmark::State& state, simdjson::ondemand::parser& parser,
                      const std::string& bytes) {
  simdjson::padded_string padded(bytes);
  simdjson::ondemand::document doc;
  simdjson::ondemand::value root;
  size_t strings = 0;
  if (parser.iterate(padded).get(doc) != simdjson::SUCCESS ||
      doc.get_value().get(root) != simdjson::SUCCESS || !WalkOnDemand(root, strings)) {
    state.SkipWithError("on-demand walk");
  }
  benchmark::DoNotOptimize(strings);
}

void BM_OnDemandWalk(benchmark::State& state) {
  const std::string& bytes = GeneratedSbom();
  simdjson::ondemand::parser parser;
  for (auto _ : state) OnDemandWalkOnce(state, parser, bytes);
  Throughput(state, bytes.size());
}
BENCHMARK(BM_OnDemandWalk)->Unit(benchmark::kMillisecond);

void BM_PeakMemoryOnDemandWalk(benchmark::State& state) {
  const std::string& bytes = GeneratedSbom();
  soupkeeper::bench::MeasurePeak(state, bytes.size(), [&] {
    simdjson::ondemand::parser parser;
    OnDemandWalkOnce(state, parser, bytes);
  });
}
BENCHMARK(BM_PeakMemoryOnDemandWalk)->Iterations(1)->Unit(benchmark::kMillisecond);

const soupkeeper::sbom::Document& DecodedSbom() {
  static const soupkeeper::sbom::Document* doc = [] {
    soupkeeper::NullSink sink;
    auto decoded = soupkeeper::sbom::cdx::DecodeJson(GeneratedSbom(), "bench", sink);
    return new soupkeeper::sbom::Document(std::move(*decoded));
  }();
  return *doc;
}

void BM_ModelCopy(benchmark::State& state) {
  const soupkeeper::sbom::Document& decoded = DecodedSbom();
  for (auto _ : state) {
    soupkeeper::sbom::Document copy = decoded;
    benchmark::DoNotOptimize(copy);
  }
  Throughput(state, GeneratedSbom().size());
}
BENCHMARK(BM_ModelCopy)->Unit(benchmark::kMillisecond);

void BM_PeakMemoryModel(benchmark::State& state) {
  const soupkeeper::sbom::Document& decoded = DecodedSbom();
  soupkeeper::bench::MeasurePeak(state, GeneratedSbom().size(), [&] {
    soupkeeper::sbom::Document copy = decoded;
    benchmark::DoNotOptimize(copy);
  });
}
BENCHMARK(BM_PeakMemoryModel)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_DecodeCycloneDxJson(benchmark::State& state) {
  const std::string& bytes = GeneratedSbom();
  for (auto _ : state) DecodeOnce(state, DecodeInPlace, bytes);
  Throughput(state, bytes.size());
}
BENCHMARK(BM_DecodeCycloneDxJson)->Unit(benchmark::kMillisecond);

void BM_DecodeCycloneDxJsonCopy(benchmark::State& state) {
  const std::string& bytes = GeneratedSbom();
  for (auto _ : state) DecodeOnce(state, DecodeCopy, bytes);
  Throughput(state, bytes.size());
}
BENCHMARK(BM_DecodeCycloneDxJsonCopy)->Unit(benchmark::kMillisecond);

void BM_PugixmlRawParse(benchmark::State& state) {
  const std::string& bytes = GeneratedXmlSbom();
  for (auto _ : state) {
    pugi::xml_document xml;
    if (!xml.load_buffer(bytes.data(), bytes.size())) state.SkipWithError("parse");
    benchmark::DoNotOptimize(xml);
  }
  Throughput(state, bytes.size());
}
BENCHMARK(BM_PugixmlRawParse)->Unit(benchmark::kMillisecond);

void BM_DecodeCycloneDxXml(benchmark::State& state) {
  const std::string& bytes = GeneratedXmlSbom();
  for (auto _ : state) DecodeOnce(state, soupkeeper::sbom::cdx::DecodeXml, bytes);
  Throughput(state, bytes.size());
}
BENCHMARK(BM_DecodeCycloneDxXml)->Unit(benchmark::kMillisecond);

void BM_DecodeVsRawParse(benchmark::State& state) {
  using Clock = std::chrono::steady_clock;
  const std::string& bytes = GeneratedSbom();
  simdjson::dom::parser parser;
  double raw_s = 0, decode_s = 0;
  for (auto _ : state) {
    auto t0 = Clock::now();
    RawParse(state, parser, bytes);
    auto t1 = Clock::now();
    DecodeOnce(state, DecodeInPlace, bytes);
    auto t2 = Clock::now();
    raw_s += std::chrono::duration<double>(t1 - t0).count();
    decode_s += std::chrono::duration<double>(t2 - t1).count();
  }
  const double mb = static_cast<double>(bytes.size()) * state.iterations() / 1e6;
  state.counters["raw_MB_per_s"] = mb / raw_s;
  state.counters["decode_MB_per_s"] = mb / decode_s;
  state.counters["raw_over_decode"] = raw_s / decode_s;
}
BENCHMARK(BM_DecodeVsRawParse)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
