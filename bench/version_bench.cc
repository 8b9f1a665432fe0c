// Parse-and-compare cost of the version schemes: each iteration parses two
// versions and compares them, as a range check on a fresh version does.
#include <benchmark/benchmark.h>

#include <string>
#include <utility>
#include <vector>

#include "soupkeeper/version.h"

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

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

const Pairs kSemver = {{"1.2.3", "1.2.4"},
                       {"1.0.0-alpha.1", "1.0.0-alpha.beta"},
                       {"10.20.30", "10.20.30-rc.1+build.5"},
                       {"2.0.0", "1.99.99"}};
const Pairs kPypi = {
    {"1.0", "1.0.post1"}, {"2.31.0", "2.31.0rc1"}, {"1!2.0.dev3", "1.0a1"}, {"3.10.4", "3.9.18"}};
const Pairs kNpm = {{"v1.2.3", "1.2.4"}, {"1.0.0-beta.2", "1.0.0-beta.11"}};
const Pairs kGolang = {{"v0.0.0-20191109021931-daa7c04131f5", "v0.1.0"},
                       {"v2.0.0+incompatible", "v1.9.9"}};
const Pairs kNuget = {{"1.0.0.1", "1.0.0-beta"}, {"4.7.2", "4.7.10"}};
const Pairs kGem = {{"1.0.a.2", "1.0.b1"}, {"7.0.8.1", "7.1.0"}};
const Pairs kComposer = {{"v1.2.3", "1.2.3-RC1"}, {"5.4.0-beta2", "5.4.0"}};
const Pairs kConan = {{"1.2.3", "1.2.3-pre1"}, {"3.0.0+b1", "3.0.0"}};
const Pairs kGeneric = {{"1.2.3a", "1.2.3"}, {"r10", "r9"}};

BENCHMARK_CAPTURE(ParseAndCompare, semver, "semver", kSemver);
BENCHMARK_CAPTURE(ParseAndCompare, pypi, "pypi", kPypi);
BENCHMARK_CAPTURE(ParseAndCompare, npm, "npm", kNpm);
BENCHMARK_CAPTURE(ParseAndCompare, cargo, "cargo", kSemver);
BENCHMARK_CAPTURE(ParseAndCompare, golang, "golang", kGolang);
BENCHMARK_CAPTURE(ParseAndCompare, nuget, "nuget", kNuget);
BENCHMARK_CAPTURE(ParseAndCompare, gem, "gem", kGem);
BENCHMARK_CAPTURE(ParseAndCompare, composer, "composer", kComposer);
BENCHMARK_CAPTURE(ParseAndCompare, conan, "conan", kConan);
BENCHMARK_CAPTURE(ParseAndCompare, generic, "generic", kGeneric);

// Comparing already-parsed versions (a range's bounds are parsed once).
void CompareParsed(benchmark::State& state) {
  const auto* scheme = soupkeeper::version::FindScheme("pypi");
  auto a = scheme->Parse("2.31.0");
  auto b = scheme->Parse("2.31.0rc1");
  for (auto _ : state) benchmark::DoNotOptimize(scheme->Compare(**a, **b));
}
BENCHMARK(CompareParsed);

}  // namespace

BENCHMARK_MAIN();
