// CPE benchmarks: parsing both bindings, binding back, and matching
// pre-parsed names (the inner loop of CPE-based vulnerability matching).
// Figures go to docs/parts/cpe-performance.md.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "soupkeeper/cpe.h"

namespace {

using soupkeeper::cpe::Wfn;

// Names in the shape NVD data has them: dictionary names and criteria.
const std::vector<std::string>& Names() {
  static const std::vector<std::string> names = {
      "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*",
      "cpe:2.3:a:nodejs:node.js:16.13.0:*:*:*:lts:*:*:*",
      "cpe:2.3:o:linux:linux_kernel:5.10.120:*:*:*:*:*:*:*",
      R"(cpe:2.3:a:themeisle:wp_maintenance_mode_\&_coming_soon:2.4.4:*:*:*:*:wordpress:*:*)",
      R"(cpe:2.3:h:cisco:adaptive_security_appliance:7.0\(4\):*:*:*:*:*:*:*)",
      "cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*",
      "cpe:2.3:o:microsoft:windows_10:1809:*:*:*:*:*:x64:*",
      "cpe:2.3:a:apache:http_server:2.4.54:*:*:*:*:*:*:*",
  };
  return names;
}

std::vector<Wfn> ParseAll(const std::vector<std::string>& texts) {
  std::vector<Wfn> out;
  for (const std::string& t : texts) out.push_back(*soupkeeper::cpe::Parse(t));
  return out;
}

void BM_ParseFormattedString(benchmark::State& state) {
  const auto& names = Names();
  size_t i = 0;
  for (auto _ : state) {
    auto wfn = soupkeeper::cpe::ParseFormattedString(names[i++ % names.size()]);
    benchmark::DoNotOptimize(wfn);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseFormattedString);

void BM_ParseUri(benchmark::State& state) {
  std::vector<std::string> uris;
  for (const Wfn& w : ParseAll(Names())) uris.push_back(w.ToUri());
  size_t i = 0;
  for (auto _ : state) {
    auto wfn = soupkeeper::cpe::ParseUri(uris[i++ % uris.size()]);
    benchmark::DoNotOptimize(wfn);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseUri);

void BM_BindFormattedString(benchmark::State& state) {
  const std::vector<Wfn> wfns = ParseAll(Names());
  size_t i = 0;
  for (auto _ : state) {
    std::string fs = wfns[i++ % wfns.size()].ToFormattedString();
    benchmark::DoNotOptimize(fs);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BindFormattedString);

// Every criteria against every name, as a scan of one component's CPE
// against an NVD-sized list of criteria does. Mostly early DISJOINT exits.
void BM_MatchCrossProduct(benchmark::State& state) {
  const std::vector<Wfn> targets = ParseAll(Names());
  const std::vector<Wfn> criteria = ParseAll({
      "cpe:2.3:a:microsoft:internet_explorer:*:*:*:*:*:*:*:*",
      "cpe:2.3:a:nodejs:node.js:*:*:*:*:lts:*:*:*",
      "cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*",
      "cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*",
      "cpe:2.3:o:microsoft:windows_10:-:*:*:*:*:*:*:*",
      "cpe:2.3:a:apache:http_server:*:*:*:*:*:*:*:*",
  });
  size_t hits = 0;
  for (auto _ : state) {
    for (const Wfn& c : criteria) {
      for (const Wfn& t : targets) hits += soupkeeper::cpe::Matches(c, t);
    }
  }
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(state.iterations() * criteria.size() * targets.size());
}
BENCHMARK(BM_MatchCrossProduct);

// A criteria that matches: all eleven attributes compared.
void BM_MatchHit(benchmark::State& state) {
  const Wfn criteria = *soupkeeper::cpe::Parse("cpe:2.3:a:nodejs:node.js:*:*:*:*:lts:*:*:*");
  const Wfn target = *soupkeeper::cpe::Parse("cpe:2.3:a:nodejs:node.js:16.13.0:*:*:*:lts:*:*:*");
  for (auto _ : state) benchmark::DoNotOptimize(soupkeeper::cpe::Matches(criteria, target));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MatchHit);

// A wildcard pattern: compare_strings scans the target.
void BM_MatchWildcard(benchmark::State& state) {
  const Wfn pattern =
      *soupkeeper::cpe::Parse("cpe:2.3:a:microsoft:internet_explorer:8.*:*:*:*:*:*:*:*");
  const Wfn target =
      *soupkeeper::cpe::Parse("cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*");
  for (auto _ : state) benchmark::DoNotOptimize(soupkeeper::cpe::Matches(pattern, target));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MatchWildcard);

}  // namespace

BENCHMARK_MAIN();
