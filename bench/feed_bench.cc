// Feed import throughput on generated data at realistic scale: 100,000 OSV
// records (one JSON array dump, shaped like osv.dev's: aliases, details,
// two affected packages with ranges and versions, references, a CVSS vector)
// and 20,000 NVD CVE API 2.0 records (one page, with metrics, weaknesses,
// configurations). Each is measured as simdjson's raw parse of the same bytes
// (the floor), decoding into the model, and a full import into a fresh SQLite
// store, then a re-import where nothing changed. Results in
// docs/parts/feeds-performance.md.
#include <benchmark/benchmark.h>
#include <simdjson.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "soupkeeper/vuln.h"

namespace {

using namespace soupkeeper;

std::string OsvDump(int n) {
  std::string s = "[";
  s.reserve(static_cast<size_t>(n) * 1400);
  for (int i = 0; i < n; ++i) {
    if (i > 0) s += ",";
    std::string id = std::to_string(i);
    s +=
        R"({"schema_version":"1.6.0","id":"GHSA-gen-)" + id +
        R"(","modified":"2024-05-06T07:08:09Z","published":"2023-01-02T03:04:05Z",)"
        R"("aliases":["CVE-2023-)" +
        id + R"("],"summary":"Generated advisory )" + id + R"(","details":")" +
        std::string(400, 'd') +
        R"(","severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H"}],)"
        R"("affected":[{"package":{"ecosystem":"npm","name":"pkg-)" +
        id + R"(","purl":"pkg:npm/pkg-)" + id +
        R"("},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"1.2.)" + id +
        R"("}]}],"database_specific":{"source":"gen"}},)"
        R"({"package":{"ecosystem":"PyPI","name":"py-)" +
        id +
        R"("},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"2.0"},{"fixed":"2.5"}]}],)"
        R"("versions":["2.0","2.1","2.2","2.3","2.4"]}],)"
        R"("references":[{"type":"ADVISORY","url":"https://example.com/a/)" +
        id + R"("},{"type":"WEB","url":"https://example.com/b/)" + id +
        R"("}],)"
        R"("database_specific":{"cwe_ids":["CWE-79"],"severity":"HIGH","github_reviewed":true}})";
  }
  return s + "]";
}

std::string NvdPage(int n) {
  std::string s = R"({"resultsPerPage":)" + std::to_string(n) +
                  R"(,"startIndex":0,"totalResults":)" + std::to_string(n) +
                  R"(,"format":"NVD_CVE","version":"2.0","vulnerabilities":[)";
  for (int i = 0; i < n; ++i) {
    if (i > 0) s += ",";
    std::string id = std::to_string(100000 + i);
    s +=
        R"({"cve":{"id":"CVE-2024-)" + id +
        R"(","sourceIdentifier":"cve@mitre.org","published":"2024-01-02T03:04:05.678",)"
        R"("lastModified":"2024-02-03T04:05:06.789","vulnStatus":"Analyzed",)"
        R"("descriptions":[{"lang":"en","value":")" +
        std::string(300, 'x') +
        R"("}],"metrics":{"cvssMetricV31":[{"source":"nvd@nist.gov","type":"Primary",)"
        R"("cvssData":{"version":"3.1","vectorString":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",)"
        R"("baseScore":9.8,"baseSeverity":"CRITICAL"},"exploitabilityScore":3.9,"impactScore":5.9}],)"
        R"("cvssMetricV2":[{"source":"nvd@nist.gov","type":"Primary","cvssData":{"version":"2.0",)"
        R"("vectorString":"AV:N/AC:L/Au:N/C:P/I:P/A:P","baseScore":7.5}}]},)"
        R"("weaknesses":[{"source":"nvd@nist.gov","type":"Primary","description":[{"lang":"en","value":"CWE-787"}]}],)"
        R"("configurations":[{"nodes":[{"operator":"OR","negate":false,"cpeMatch":[)"
        R"({"vulnerable":true,"criteria":"cpe:2.3:a:vendor:product)" +
        id +
        R"(:*:*:*:*:*:*:*:*","versionEndExcluding":"3.4.5","matchCriteriaId":"AAAA"},)"
        R"({"vulnerable":true,"criteria":"cpe:2.3:a:vendor:other:1.0:*:*:*:*:*:*:*","matchCriteriaId":"BBBB"}]}]}],)"
        R"("references":[{"url":"https://example.com/)" +
        id + R"(","source":"cve@mitre.org","tags":["Third Party Advisory"]}]}})";
  }
  return s + "]}";
}

const std::string& Data(bool osv) {
  static const std::string* osv_data = new std::string(OsvDump(100000));
  static const std::string* nvd_data = new std::string(NvdPage(20000));
  return osv ? *osv_data : *nvd_data;
}

int64_t Records(bool osv) { return osv ? 100000 : 20000; }

void BM_RawSimdjsonParse(benchmark::State& state, bool osv) {
  const std::string& data = Data(osv);
  simdjson::dom::parser parser;
  simdjson::padded_string padded(data);
  for (auto _ : state) {
    simdjson::dom::element root;
    if (parser.parse(padded).get(root) != simdjson::SUCCESS) state.SkipWithError("parse");
    benchmark::DoNotOptimize(root);
  }
  state.SetItemsProcessed(state.iterations() * Records(osv));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(data.size()));
}

void BM_Decode(benchmark::State& state, bool osv) {
  const std::string& data = Data(osv);
  const vuln::FeedImporter* importer = vuln::FindImporter(data);
  for (auto _ : state) {
    int64_t n = 0;
    NullSink sink;
    Status s = importer->Decode(
        data, "bench",
        [&](vuln::Vulnerability&&) {
          ++n;
          return Status::Ok();
        },
        sink);
    if (!s.ok() || n != Records(osv)) state.SkipWithError("decode");
  }
  state.SetItemsProcessed(state.iterations() * Records(osv));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(data.size()));
}

// A fresh SQLite store, a full import, then a re-import of the same bytes.
void BM_ImportSqlite(benchmark::State& state, bool osv, bool reimport) {
  const std::string& data = Data(osv);
  MemEnv env(TimePoint{});
  if (!env.WriteFile("/feed.json", data).ok()) state.SkipWithError("write");
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::path db =
        std::filesystem::temp_directory_path() / ("sk_feed_bench_" + std::to_string(getpid()));
    std::filesystem::remove(db);
    auto store = store::Store::Open(db.string(), &env);
    if (!store.ok()) state.SkipWithError(store.status().message().c_str());
    NullSink sink;
    if (reimport) {
      if (!vuln::ImportPaths(**store, &env, {"/feed.json"}, {"bench", ""}, sink).ok()) {
        state.SkipWithError("first import");
      }
    }
    state.ResumeTiming();
    auto r = vuln::ImportPaths(**store, &env, {"/feed.json"}, {"bench", ""}, sink);
    if (!r.ok()) state.SkipWithError(r.status().message().c_str());
    state.PauseTiming();
    store->reset();
    state.counters["db_bytes"] = static_cast<double>(std::filesystem::file_size(db));
    std::filesystem::remove(db);
    std::filesystem::remove(db.string() + "-wal");
    std::filesystem::remove(db.string() + "-shm");
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * Records(osv));
}

BENCHMARK_CAPTURE(BM_RawSimdjsonParse, osv_100k, true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Decode, osv_100k, true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ImportSqlite, osv_100k_new, true, false)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_ImportSqlite, osv_100k_unchanged, true, true)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_RawSimdjsonParse, nvd_20k, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Decode, nvd_20k, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ImportSqlite, nvd_20k_new, false, false)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
