// The package universe and the SBOMs of the scale timings, shared by
// bench/scale_gen (which writes the advisories and SBOMs) and
// bench/portfolio_setup (which stores thousands of releases): package p of
// ecosystem e has the OSV name OsvName(e, p) and the purl Purl(e, p, version);
// the CPE-only C library p is cpe:2.3:a:vendor<p>:product<p>.
#ifndef SOUPKEEPER_BENCH_SCALE_SBOM_H_
#define SOUPKEEPER_BENCH_SCALE_SBOM_H_

#include <random>
#include <sstream>
#include <string>

namespace scale {

inline constexpr const char* kEcosystems[] = {"npm", "PyPI", "Maven", "Go"};

inline std::string Num(long long i) { return std::to_string(i); }

inline std::string OsvName(int e, int p) {
  switch (e) {
    case 0:
      return "scale-pkg-" + Num(p);
    case 1:
      return "scale-py-" + Num(p);
    case 2:
      return "org.scale:lib-" + Num(p);
    default:
      return "example.com/scale/mod" + Num(p);
  }
}

inline std::string Purl(int e, int p, const std::string& version) {
  switch (e) {
    case 0:
      return "pkg:npm/scale-pkg-" + Num(p) + "@" + version;
    case 1:
      return "pkg:pypi/scale-py-" + Num(p) + "@" + version;
    case 2:
      return "pkg:maven/org.scale/lib-" + Num(p) + "@" + version;
    default:
      return "pkg:golang/example.com/scale/mod" + Num(p) + "@v" + version;
  }
}

// A CycloneDX 1.6 SBOM of `components` components: a quarter each npm, PyPI,
// Maven and CPE-only C libraries, packages and versions (M.m.0) drawn from
// `seed`. `variant` > 0 gives a later release of the same product: every
// twentieth component (shifted by the variant) has another minor version.
// `serial` makes the serial number.
inline std::string SbomText(int components, int packages, unsigned seed, int variant,
                            long long serial) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> pkg(0, packages - 1), major(0, 9), minor(0, 9);
  std::ostringstream s;
  s << R"({"bomFormat":"CycloneDX","specVersion":"1.6","serialNumber":"urn:uuid:5ca1e000-0000-4000-8000-)"
    << Num(100000000000LL + serial)
    << R"(","version":1,"metadata":{"timestamp":"2025-06-01T00:00:00Z",)"
    << R"("component":{"type":"firmware","bom-ref":"root","name":"scale-device","version":"1.0"}},)"
    << R"("components":[)";
  for (int j = 0; j < components; ++j) {
    const int e = j % 4;
    const int p = pkg(rng);
    const int mj = major(rng);
    int mn = minor(rng);
    if (variant > 0 && (j + variant) % 20 == 0) mn = (mn + variant) % 10;
    const std::string v = Num(mj) + "." + Num(mn) + ".0";
    if (j > 0) s << ",";
    s << R"({"type":"library","bom-ref":"c)" << j << R"(",)";
    if (e == 3) {  // an embedded C library known only by its CPE
      s << R"("name":"product)" << p << R"(","version":")" << v << R"(","supplier":{"name":"vendor)"
        << p << R"("},"cpe":"cpe:2.3:a:vendor)" << p << ":product" << p << ":" << v
        << R"(:*:*:*:*:*:*:*"})";
      continue;
    }
    const std::string purl = Purl(e, p, v);
    const size_t at = purl.rfind('@');
    const size_t slash = purl.rfind('/', at);
    s << R"("name":")" << purl.substr(slash + 1, at - slash - 1) << R"(","version":")" << v
      << R"(","purl":")" << purl << R"("})";
  }
  s << "]}";
  return s.str();
}

}  // namespace scale

#endif  // SOUPKEEPER_BENCH_SCALE_SBOM_H_
