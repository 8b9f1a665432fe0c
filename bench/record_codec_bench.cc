// The stored record codec per record, old path against new, on one record of
// each scale_gen shape (an NVD CVE with 8 cpeMatch entries and 30 references,
// about 7.4 KB of feed JSON; an OSV advisory with one range) as the importers
// decode it:
//  - encode: ToJson, erase "provenance", dump with the replace handler (the
//    store's write before) against EncodeRecord;
//  - decode: nlohmann's parse of the stored text alone (the first half of the
//    read before, which then walked the tree in match::RecordFromJson,
//    leaving out the references as RecordFields::kMatching does) against
//    DecodeRecord, all fields and for matching; and the floors of simdjson's DOM parse and of an
//    On-Demand walk of every value of the same text, to show how much of
//    DecodeRecord the DOM parse is (the choice of DOM over On-Demand).
// Results in docs/parts/feeds-performance.md.
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <nlohmann/json.hpp>
#include <string>

#include "scale_records.h"
#include "soupkeeper/vuln.h"

namespace {

using namespace soupkeeper;
using nlohmann::json;

vuln::Vulnerability Decoded(const std::string& bytes) {
  vuln::Vulnerability out;
  NullSink sink;
  const vuln::FeedImporter* importer = vuln::FindImporter(bytes);
  if (importer == nullptr) return out;
  (void)importer->Decode(
      bytes, "bench",
      [&](vuln::Vulnerability&& v) {
        out = std::move(v);
        return Status::Ok();
      },
      sink);
  return out;
}

const vuln::Vulnerability& Record(bool nvd) {
  static const vuln::Vulnerability* nvd_record = new vuln::Vulnerability(
      Decoded(R"({"resultsPerPage":1,"startIndex":0,"totalResults":1,"format":"NVD_CVE",)"
              R"("version":"2.0","timestamp":"2025-03-01T00:00:00.000","vulnerabilities":[)" +
              scale::NvdRecord(7, 20000, 0) + "]}"));
  static const vuln::Vulnerability* osv_record =
      new vuln::Vulnerability(Decoded(scale::OsvRecord(7, 20000)));
  return nvd ? *nvd_record : *osv_record;
}

void BM_EncodeNlohmann(benchmark::State& state, bool nvd) {
  const vuln::Vulnerability& v = Record(nvd);
  for (auto _ : state) {
    json data = vuln::ToJson(v);
    data.erase("provenance");
    std::string text = data.dump(-1, ' ', false, json::error_handler_t::replace);
    benchmark::DoNotOptimize(text);
  }
  state.counters["bytes"] = static_cast<double>(vuln::EncodeRecord(v).size());
}

void BM_EncodeRecord(benchmark::State& state, bool nvd) {
  const vuln::Vulnerability& v = Record(nvd);
  if (v.id.empty()) state.SkipWithError("no record");
  for (auto _ : state) {
    std::string text = vuln::EncodeRecord(v);
    benchmark::DoNotOptimize(text);
  }
}

void BM_ParseNlohmann(benchmark::State& state, bool nvd) {
  const std::string text = vuln::EncodeRecord(Record(nvd));
  for (auto _ : state) {
    json j = json::parse(text);
    benchmark::DoNotOptimize(j);
  }
}

void BM_DecodeRecord(benchmark::State& state, bool nvd, vuln::RecordFields fields) {
  const std::string text = vuln::EncodeRecord(Record(nvd));
  for (auto _ : state) {
    Result<vuln::Vulnerability> v = vuln::DecodeRecord(text, fields);
    if (!v.ok()) state.SkipWithError(v.status().message().c_str());
    benchmark::DoNotOptimize(v);
  }
}

void BM_DomParseOnly(benchmark::State& state, bool nvd) {
  const std::string text = vuln::EncodeRecord(Record(nvd));
  simdjson::dom::parser parser;
  for (auto _ : state) {
    simdjson::dom::element root;
    if (parser.parse(text).get(root) != simdjson::SUCCESS) state.SkipWithError("parse");
    benchmark::DoNotOptimize(root);
  }
}

// Visits every value (strings read, numbers and booleans parsed).
size_t Walk(simdjson::ondemand::value v) {
  size_t n = 1;
  switch (v.type().value_unsafe()) {
    case simdjson::ondemand::json_type::object:
      for (auto field : v.get_object().value_unsafe()) {
        simdjson::ondemand::field f = field.value_unsafe();
        n += Walk(f.value());
      }
      break;
    case simdjson::ondemand::json_type::array:
      for (auto element : v.get_array().value_unsafe()) n += Walk(element.value_unsafe());
      break;
    case simdjson::ondemand::json_type::string:
      n += v.get_string().value_unsafe().size();
      break;
    case simdjson::ondemand::json_type::number:
      n += static_cast<size_t>(v.get_double().value_unsafe());
      break;
    case simdjson::ondemand::json_type::boolean:
      n += v.get_bool().value_unsafe();
      break;
    case simdjson::ondemand::json_type::null:
      break;
  }
  return n;
}

void BM_OnDemandWalkOnly(benchmark::State& state, bool nvd) {
  const simdjson::padded_string text(vuln::EncodeRecord(Record(nvd)));
  simdjson::ondemand::parser parser;
  for (auto _ : state) {
    simdjson::ondemand::document doc = parser.iterate(text).value_unsafe();
    simdjson::ondemand::value root = doc.get_value().value_unsafe();
    benchmark::DoNotOptimize(Walk(root));
  }
}

BENCHMARK_CAPTURE(BM_EncodeNlohmann, nvd, true);
BENCHMARK_CAPTURE(BM_EncodeRecord, nvd, true);
BENCHMARK_CAPTURE(BM_ParseNlohmann, nvd, true);
BENCHMARK_CAPTURE(BM_DecodeRecord, nvd_all, true, vuln::RecordFields::kAll);
BENCHMARK_CAPTURE(BM_DecodeRecord, nvd_matching, true, vuln::RecordFields::kMatching);
BENCHMARK_CAPTURE(BM_DomParseOnly, nvd, true);
BENCHMARK_CAPTURE(BM_OnDemandWalkOnly, nvd, true);
BENCHMARK_CAPTURE(BM_EncodeNlohmann, osv, false);
BENCHMARK_CAPTURE(BM_EncodeRecord, osv, false);
BENCHMARK_CAPTURE(BM_ParseNlohmann, osv, false);
BENCHMARK_CAPTURE(BM_DecodeRecord, osv_all, false, vuln::RecordFields::kAll);
BENCHMARK_CAPTURE(BM_DecodeRecord, osv_matching, false, vuln::RecordFields::kMatching);
BENCHMARK_CAPTURE(BM_DomParseOnly, osv, false);
BENCHMARK_CAPTURE(BM_OnDemandWalkOnly, osv, false);

}  // namespace

BENCHMARK_MAIN();
