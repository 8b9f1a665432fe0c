// CVSS parse and score throughput per version, on the vectors of
// docs/parts/cvss-performance.md (a Base-only and a fully specified vector
// per version).
#include <benchmark/benchmark.h>

#include "soupkeeper/cvss.h"

namespace {

constexpr const char* kVectors[] = {
    "AV:N/AC:L/Au:N/C:P/I:N/A:N",
    "(AV:A/AC:H/Au:S/C:N/I:P/A:P/E:POC/RL:OF/RC:C/CDP:LM/TD:M/CR:M/IR:L/AR:L)",
    "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:N",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:N/E:H/RL:O/RC:C/CR:H/IR:H/AR:H/MAV:N/MAC:L/"
    "MPR:L/MUI:N/MS:C/MC:H/MI:H/MA:H",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N",
    "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:L/VA:L/SC:L/SI:L/SA:L/E:P/CR:M/IR:L/AR:H/MAV:A/"
    "MAC:H/MAT:P/MPR:L/MUI:P/MVC:H/MVI:H/MVA:L/MSC:N/MSI:S/MSA:L/S:P/AU:Y/R:I/V:C/RE:H/U:Red",
};
constexpr const char* kNames[] = {"v2.0/base", "v2.0/full", "v3.0/base", "v3.1/base",
                                  "v3.1/full", "v4.0/base", "v4.0/full"};

void BM_Parse(benchmark::State& state) {
  const char* text = kVectors[state.range(0)];
  for (auto _ : state) {
    auto v = soupkeeper::cvss::Parse(text);
    benchmark::DoNotOptimize(v);
  }
  state.SetLabel(kNames[state.range(0)]);
  state.SetItemsProcessed(state.iterations());
}

void BM_Calculate(benchmark::State& state) {
  auto v = soupkeeper::cvss::Parse(kVectors[state.range(0)]);
  for (auto _ : state) {
    auto s = soupkeeper::cvss::Calculate(*v);
    benchmark::DoNotOptimize(s);
  }
  state.SetLabel(kNames[state.range(0)]);
  state.SetItemsProcessed(state.iterations());
}

void BM_ParseAndCalculate(benchmark::State& state) {
  const char* text = kVectors[state.range(0)];
  for (auto _ : state) {
    auto s = soupkeeper::cvss::ParseAndCalculate(text);
    benchmark::DoNotOptimize(s);
  }
  state.SetLabel(kNames[state.range(0)]);
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_Parse)->DenseRange(0, 6);
BENCHMARK(BM_Calculate)->DenseRange(0, 6);
BENCHMARK(BM_ParseAndCalculate)->DenseRange(0, 6);

}  // namespace

BENCHMARK_MAIN();
