// Cost of the version schemes: ParseAndCompare parses two versions and
// compares them, as a range check on a fresh version does; CompareParsed
// compares versions parsed beforehand, as a range's bounds are. Figures go to
// docs/parts/version-performance.md and version-b-performance.md.
#include <benchmark/benchmark.h>

#include <memory>
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

BENCHMARK_CAPTURE(CompareParsed, pypi, "pypi", kPypi);
BENCHMARK_CAPTURE(ParseAndCompare, maven, "maven", kMaven);
BENCHMARK_CAPTURE(ParseAndCompare, deb, "deb", kDeb);
BENCHMARK_CAPTURE(ParseAndCompare, rpm, "rpm", kRpm);
BENCHMARK_CAPTURE(ParseAndCompare, apk, "apk", kApk);
BENCHMARK_CAPTURE(CompareParsed, maven, "maven", kMaven);
BENCHMARK_CAPTURE(CompareParsed, deb, "deb", kDeb);

}  // namespace

BENCHMARK_MAIN();
