// Parse and print throughput of purls on a realistic mix: npm scoped, maven
// with qualifiers, deb with distro/arch qualifiers, pypi (name normalized),
// golang with a long namespace, and an rpm with epoch. Target (see
// docs/parts/purl-performance.md): at least 2 million parses a second on one
// core.
#include <benchmark/benchmark.h>

#include <array>
#include <string_view>

#include "soupkeeper/purl.h"

namespace {

using soupkeeper::purl::Purl;

constexpr std::array<std::string_view, 8> kMix = {
    "pkg:npm/%40angular/animation@12.3.1",
    "pkg:npm/lodash@4.17.21",
    "pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?classifier=sources&type=jar",
    "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.2",
    "pkg:deb/debian/curl@7.74.0-1.3%2Bdeb11u7?arch=amd64&distro=debian-11",
    "pkg:pypi/Django_Rest_Framework@3.14.0",
    "pkg:golang/github.com/aws/aws-sdk-go-v2/service/s3@v1.40.0",
    "pkg:rpm/redhat/openssl@3.0.7-24.el9?arch=x86_64&epoch=1&distro=rhel-9.3",
};

// Parse into a fresh Purl each time, as most callers do.
void BM_PurlParse(benchmark::State& state) {
  size_t i = 0;
  for (auto _ : state) {
    auto p = soupkeeper::purl::Parse(kMix[i++ % kMix.size()]);
    benchmark::DoNotOptimize(p);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PurlParse);

// Parse into one reused Purl (bulk import loops): buffers are reused.
void BM_PurlParseInto(benchmark::State& state) {
  Purl p;
  size_t i = 0;
  for (auto _ : state) {
    auto s = soupkeeper::purl::ParseInto(kMix[i++ % kMix.size()], &p);
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(p);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PurlParseInto);

// Canonical string of an already parsed purl.
void BM_PurlToString(benchmark::State& state) {
  std::array<Purl, kMix.size()> parsed;
  for (size_t k = 0; k < kMix.size(); ++k) parsed[k] = *soupkeeper::purl::Parse(kMix[k]);
  size_t i = 0;
  for (auto _ : state) {
    std::string s = soupkeeper::purl::ToString(parsed[i++ % parsed.size()]);
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PurlToString);

}  // namespace

BENCHMARK_MAIN();
