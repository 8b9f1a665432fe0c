// Scan throughput on generated data: 1,000 components (purl-typed npm, PyPI
// and Maven packages, and CPE-only libraries) against 50,000 records (40,000
// OSV records with SEMVER/ECOSYSTEM ranges, 10,000 NVD records with cpeMatch
// bounds), matched in memory (MatchComponents; the store read of
// MatchInStore is not included). Figures go to docs/matching.md.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "soupkeeper/match.h"

namespace {

using namespace soupkeeper;

constexpr int kPackages = 5000;  // distinct package names per ecosystem family

vuln::Vulnerability OsvRecord(int i) {
  static const char* kEco[] = {"npm", "PyPI", "Maven"};
  vuln::Vulnerability v;
  v.id = "GHSA-gen-" + std::to_string(i);
  v.aliases = {"CVE-2099-" + std::to_string(i)};
  v.provenance.source = "osv";
  v.provenance.source_id = v.id;
  int eco = i % 3;
  int pkg = (i / 3) % kPackages;
  vuln::PackageAffected a;
  a.ecosystem = kEco[eco];
  a.name = eco == 2 ? "org.gen:pkg" + std::to_string(pkg) : "pkg" + std::to_string(pkg);
  a.ranges.ecosystem = a.ecosystem;
  int major = i % 7;
  a.ranges.ranges.push_back({eco == 0 ? "SEMVER" : "ECOSYSTEM",
                             {{range::OsvEvent::Kind::kIntroduced, std::to_string(major) + ".0.0"},
                              {range::OsvEvent::Kind::kFixed, std::to_string(major) + ".4.2"}}});
  v.affected.push_back(a);
  vuln::SeverityScore s;
  s.vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
  vuln::ScoreSeverity(s);
  v.severities.push_back(s);
  return v;
}

vuln::Vulnerability NvdRecord(int i) {
  vuln::Vulnerability v;
  v.id = "CVE-2098-" + std::to_string(i);
  v.provenance.source = "nvd";
  v.provenance.source_id = v.id;
  vuln::Configuration c;
  vuln::ConfigNode n;
  vuln::CpeMatch m;
  m.criteria = "cpe:2.3:a:vendor" + std::to_string(i % 1000) + ":lib" + std::to_string(i % 1000) +
               ":*:*:*:*:*:*:*:*";
  m.bounds.start_including = std::to_string(i % 5) + ".0";
  m.bounds.end_excluding = std::to_string(i % 5) + ".9";
  n.matches.push_back(m);
  c.nodes.push_back(n);
  v.configurations.push_back(c);
  return v;
}

struct Fixture {
  match::Knowledge kb;
  sbom::Document doc;
  std::vector<match::ComponentView> views;
  Fixture() {
    for (int i = 0; i < 40000; ++i) {
      vuln::Vulnerability v = OsvRecord(i);
      std::string id = v.aliases[0];
      kb.aliases[id] = {id, v.id};
      kb.Add({std::move(v), id});
    }
    for (int i = 0; i < 10000; ++i) {
      vuln::Vulnerability v = NvdRecord(i);
      std::string id = v.id;
      kb.Add({std::move(v), id});
    }
    static const char* kType[] = {"npm", "pypi", "maven"};
    for (int i = 0; i < 1000; ++i) {
      sbom::Component c;
      c.ref = doc.Keep("c" + std::to_string(i));
      c.name = doc.Keep("pkg" + std::to_string(i * 5));
      c.version = doc.Keep(std::to_string(i % 7) + ".3.0");
      if (i % 4 == 3) {
        c.cpe =
            doc.Keep("cpe:2.3:a:vendor" + std::to_string(i % 1000) + ":lib" +
                     std::to_string(i % 1000) + ":" + std::to_string(i % 5) + ".5:*:*:*:*:*:*:*");
      } else {
        int t = i % 3;
        c.purl = doc.Keep(std::string("pkg:") + kType[t] + "/" + (t == 2 ? "org.gen/" : "") +
                          c.name + "@" + c.version);
      }
      doc.components.push_back(c);
    }
    soupkeeper::CollectingSink sink;
    views = match::PrepareComponents(doc, sink);
  }
};

void BM_Scan1000Components50kRecords(benchmark::State& state) {
  static Fixture f;
  size_t findings = 0;
  for (auto _ : state) {
    match::ScanResult r = match::MatchComponents(f.views, f.kb);
    findings = r.findings.size();
    benchmark::DoNotOptimize(r);
  }
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["components/s"] = benchmark::Counter(
      1000.0 * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Scan1000Components50kRecords)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
