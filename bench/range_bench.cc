// Benchmarks of vers containment: one version tested against a range of ten
// intervals (twenty bounds), with and without parsing the candidate, and the
// cost of parsing such a range once.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "soupkeeper/range.h"

namespace {

using soupkeeper::range::VersRange;

// vers:<type>/>=1.0.0|<1.0.5|>=2.0.0|<2.0.5|... ten intervals.
std::string TenIntervals(const std::string& type) {
  std::string s = "vers:" + type + "/";
  for (int i = 1; i <= 10; ++i) {
    if (i > 1) s += "|";
    s += ">=" + std::to_string(i) + ".0.0|<" + std::to_string(i) + ".0.5";
  }
  return s;
}

// Candidates spread over and between the intervals.
std::vector<std::string> Candidates() {
  std::vector<std::string> out;
  for (int i = 0; i <= 11; ++i) {
    for (int p : {0, 3, 7}) out.push_back(std::to_string(i) + ".0." + std::to_string(p));
  }
  return out;
}

void BM_ContainsWithParse(benchmark::State& state, const std::string& type) {
  VersRange r = *VersRange::Parse(TenIntervals(type));
  std::vector<std::string> candidates = Candidates();
  size_t i = 0, hits = 0;
  for (auto _ : state) {
    auto in = r.Contains(candidates[i++ % candidates.size()]);
    hits += in.ok() && *in;
  }
  benchmark::DoNotOptimize(hits);
}

void BM_ContainsParsed(benchmark::State& state, const std::string& type) {
  VersRange r = *VersRange::Parse(TenIntervals(type));
  std::vector<std::unique_ptr<soupkeeper::version::ParsedVersion>> parsed;
  for (const std::string& c : Candidates()) parsed.push_back(*r.scheme().Parse(c));
  size_t i = 0, hits = 0;
  for (auto _ : state) hits += r.Contains(*parsed[i++ % parsed.size()]);
  benchmark::DoNotOptimize(hits);
}

void BM_ParseRange(benchmark::State& state, const std::string& type) {
  std::string text = TenIntervals(type);
  for (auto _ : state) benchmark::DoNotOptimize(VersRange::Parse(text));
}

BENCHMARK_CAPTURE(BM_ContainsWithParse, semver, std::string("semver"));
BENCHMARK_CAPTURE(BM_ContainsWithParse, npm, std::string("npm"));
BENCHMARK_CAPTURE(BM_ContainsWithParse, pypi, std::string("pypi"));
BENCHMARK_CAPTURE(BM_ContainsWithParse, generic, std::string("generic"));
BENCHMARK_CAPTURE(BM_ContainsParsed, semver, std::string("semver"));
BENCHMARK_CAPTURE(BM_ContainsParsed, pypi, std::string("pypi"));
BENCHMARK_CAPTURE(BM_ParseRange, semver, std::string("semver"));
BENCHMARK_CAPTURE(BM_ParseRange, pypi, std::string("pypi"));

}  // namespace

BENCHMARK_MAIN();
