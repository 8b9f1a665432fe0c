// Releases on SQLite: adding a release with a 10,000-component SBOM (decode,
// normalize, store, audit), diffing two 10,000-component releases, and list
// and show with 5,000 releases stored (the issue's targets: 1 s, 200 ms,
// 100 ms). Results in docs/parts/releases.md.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "soupkeeper/env.h"
#include "soupkeeper/product.h"
#include "soupkeeper/release.h"

namespace soupkeeper {
namespace {

namespace fs = std::filesystem;

// A CycloneDX 1.6 document of `n` npm components; `bump` changes every tenth
// version so two documents differ.
std::string BigSbom(int n, int bump) {
  nlohmann::json doc = {{"bomFormat", "CycloneDX"}, {"specVersion", "1.6"}, {"version", 1}};
  nlohmann::json comps = nlohmann::json::array();
  for (int i = 0; i < n; ++i) {
    std::string name = "pkg" + std::to_string(i);
    std::string version = "1." + std::to_string(i % 10 == 0 ? bump : 0) + ".0";
    comps.push_back({{"bom-ref", name},
                     {"type", "library"},
                     {"name", name},
                     {"version", version},
                     {"supplier", {{"name", "supplier " + std::to_string(i % 50)}}},
                     {"licenses", {{{"license", {{"id", "MIT"}}}}}},
                     {"hashes", {{{"alg", "SHA-256"}, {"content", std::string(64, 'a')}}}},
                     {"purl", "pkg:npm/" + name + "@" + version}});
  }
  doc["components"] = comps;
  return doc.dump();
}

struct Fixture {
  fs::path dir;
  std::unique_ptr<store::Store> store;
  explicit Fixture(const std::string& tag) {
    dir = fs::temp_directory_path() / ("sk-release-bench-" + tag + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    store = std::move(*store::Store::Open((dir / "b.db").string(), Env::Default()));
    product::Product p;
    p.name = "pump";
    (void)product::Add(*store, {"bench", ""}, p);
  }
  ~Fixture() {
    store.reset();
    fs::remove_all(dir);
  }
  release::Release Add(const std::string& version, const std::string& bytes) {
    release::NewRelease r{"pump", version, bytes, "bench.json", "", "", {}, {}};
    NullSink sink;
    return *release::Add(*store, {"bench", ""}, r, sink);
  }
};

void BM_AddRelease10k(benchmark::State& state) {
  Fixture f("add");
  int i = 0;
  std::vector<std::string> docs;
  for (int k = 0; k < 64; ++k) docs.push_back(BigSbom(10000, k + 1));
  for (auto _ : state) {
    f.Add("1.0." + std::to_string(i), docs[i % docs.size()] + std::string(i / 64, ' '));
    ++i;
  }
}
BENCHMARK(BM_AddRelease10k)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_Diff10k(benchmark::State& state) {
  Fixture f("diff");
  release::Release a = f.Add("1", BigSbom(10000, 1));
  release::Release b = f.Add("2", BigSbom(10000, 2));
  for (auto _ : state) {
    auto sa = release::Snapshot(*f.store, a.sbom_sha256);
    auto sb = release::Snapshot(*f.store, b.sbom_sha256);
    release::ComponentDiff d = release::DiffComponents(sa->components, sb->components);
    benchmark::DoNotOptimize(d);
  }
}
BENCHMARK(BM_Diff10k)->Unit(benchmark::kMillisecond);

Fixture* Many() {
  static Fixture* f = [] {
    auto* fx = new Fixture("many");
    std::string doc = BigSbom(20, 1);
    for (int i = 0; i < 5000; ++i) fx->Add("1." + std::to_string(i), doc);
    return fx;
  }();
  return f;
}

void BM_List5000(benchmark::State& state) {
  Fixture* f = Many();
  for (auto _ : state) benchmark::DoNotOptimize(release::List(*f->store, "pump"));
}
BENCHMARK(BM_List5000)->Unit(benchmark::kMillisecond);

void BM_Show5000(benchmark::State& state) {
  Fixture* f = Many();
  for (auto _ : state) {
    auto r = release::Get(*f->store, "pump", "1.2500");
    benchmark::DoNotOptimize(release::Snapshot(*f->store, r->sbom_sha256));
    benchmark::DoNotOptimize(release::Errata(*f->store, "pump", "1.2500"));
  }
}
BENCHMARK(BM_Show5000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace soupkeeper

BENCHMARK_MAIN();
