// Parse-and-compare cost of the maven, deb, rpm and apk version schemes (and
// compare-only cost of maven and deb): each ParseAndCompare iteration parses
// two versions and compares them, as checking a fresh version against a
// range bound does. Figures go to docs/parts/version-b-performance.md.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "soupkeeper/version.h"

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

// Typical versions of each ecosystem, as OSV advisories and SBOMs carry them.
const Pairs kMaven = {{"2.17.1", "2.15.0"},
                      {"5.3.39", "6.0.0-M1"},
                      {"1.0.0-SNAPSHOT", "1.0.0"},
                      {"2.12.7.1", "2.13.0-rc1"},
                      {"9.4.53.v20231009", "9.4.52.v20230823"},
                      {"31.1-jre", "32.0.0-android"}};
const Pairs kDeb = {
    {"1.1.1n-0+deb11u5", "1.1.1w-0+deb11u1"},     {"2.36.1-8+deb11u1", "2.36.1-8"},
    {"1:2.2.4-1ubuntu1.4", "1:2.2.4-1ubuntu1.5"}, {"7.74.0-1.3+deb11u14", "7.88.1-10+deb12u5"},
    {"1.2.13.dfsg-1", "1:1.2.13.dfsg-1"},         {"3.0.11-1~deb12u2", "3.0.11-1"}};
const Pairs kRpm = {{"1:1.1.1k-7.el8_6", "1:1.1.1k-12.el8_9"},
                    {"2.28-225.el8", "2.28-236.el8_9.7"},
                    {"7.61.1-30.el8", "7.61.1-34.el8_10.2"},
                    {"0:3.0.7-27.el9", "1:3.0.7-27.el9"}};
const Pairs kApk = {{"3.1.4-r5", "3.1.4-r6"},
                    {"1.36.1-r15", "1.36.1-r29"},
                    {"8.5.0-r0", "8.5.0_rc1-r0"},
                    {"2.4.58_git20240101-r1", "2.4.58-r1"}};

void ParseAndCompare(benchmark::State& state, const char* scheme_name, const Pairs& pairs) {
  const auto* scheme = soupkeeper::version::FindScheme(scheme_name);
  if (scheme == nullptr) {
    state.SkipWithError("scheme not registered");
    return;
  }
  size_t i = 0;
  for (auto _ : state) {
    const auto& [a, b] = pairs[i++ % pairs.size()];
    auto c = scheme->CompareText(a, b);
    benchmark::DoNotOptimize(c);
  }
  state.SetItemsProcessed(state.iterations());
}

// Compare() alone on versions parsed beforehand (a range's bounds are parsed
// once and compared against many versions).
void CompareParsed(benchmark::State& state, const char* scheme_name, const Pairs& pairs) {
  const auto* scheme = soupkeeper::version::FindScheme(scheme_name);
  if (scheme == nullptr) {
    state.SkipWithError("scheme not registered");
    return;
  }
  std::vector<std::pair<std::unique_ptr<soupkeeper::version::ParsedVersion>,
                        std::unique_ptr<soupkeeper::version::ParsedVersion>>>
      parsed;
  for (const auto& [a, b] : pairs) {
    auto pa = scheme->Parse(a);
    auto pb = scheme->Parse(b);
    if (!pa.ok() || !pb.ok()) {
      state.SkipWithError("benchmark version does not parse");
      return;
    }
    parsed.emplace_back(std::move(*pa), std::move(*pb));
  }
  size_t i = 0;
  for (auto _ : state) {
    const auto& [a, b] = parsed[i++ % parsed.size()];
    benchmark::DoNotOptimize(scheme->Compare(*a, *b));
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK_CAPTURE(ParseAndCompare, maven, "maven", kMaven);
BENCHMARK_CAPTURE(ParseAndCompare, deb, "deb", kDeb);
BENCHMARK_CAPTURE(ParseAndCompare, rpm, "rpm", kRpm);
BENCHMARK_CAPTURE(ParseAndCompare, apk, "apk", kApk);
BENCHMARK_CAPTURE(CompareParsed, maven, "maven", kMaven);
BENCHMARK_CAPTURE(CompareParsed, deb, "deb", kDeb);

}  // namespace

BENCHMARK_MAIN();
