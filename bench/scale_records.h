// The advisory records of the scale timings, shared by bench/scale_gen (which
// writes them as feed files) and bench/record_codec_bench (which decodes one
// of each shape): NvdRecord is one NVD CVE API 2.0 vulnerabilities[] element,
// OsvRecord one OSV record, affecting the package universe of scale_sbom.h.
#ifndef SOUPKEEPER_BENCH_SCALE_RECORDS_H_
#define SOUPKEEPER_BENCH_SCALE_RECORDS_H_

#include <string>

#include "scale_sbom.h"

namespace scale {

// References of an NVD record: real records average about 7.5 KB, most of it
// references and configurations.
inline constexpr int kNvdReferences = 30;

// Revision 1 and later (at most 5) are the record as changed later (newer
// lastModified, other text).
inline std::string NvdRecord(int i, int packages, int revision) {
  const std::string id = "CVE-2025-" + Num(100000 + i);
  const std::string product = "product" + Num(i % packages);
  const std::string vendor = "vendor" + Num(i % packages);
  const int m = i % 7;
  std::string refs;
  for (int r = 0; r < kNvdReferences; ++r) {
    if (r > 0) refs += ",";
    refs += R"({"url":"https://)" + vendor + ".example.com/security/" + id + "/" + Num(r) +
            R"(","source":"cve@mitre.org","tags":["Vendor Advisory","Patch"]})";
  }
  auto cpe = [&](const std::string& prod, const std::string& bounds) {
    return R"({"vulnerable":true,"criteria":"cpe:2.3:a:)" + vendor + ":" + prod +
           R"(:*:*:*:*:*:*:*:*")" + bounds + R"(,"matchCriteriaId":"00000000-0000-0000-0000-)" +
           Num(100000000 + i) + R"("})";
  };
  return R"({"cve":{"id":")" + id +
         R"(","sourceIdentifier":"cve@mitre.org","published":"2025-01-02T03:04:05.678",)"
         R"("lastModified":")" +
         (revision == 0 ? "2025-02-03T04:05:06.789"
                        : "2025-" + std::string(6 + revision < 10 ? "0" : "") + Num(6 + revision) +
                              "-01T00:00:00.000") +
         R"(","vulnStatus":"Analyzed",)"
         R"("descriptions":[{"lang":"en","value":"A heap-based buffer overflow in )" +
         product + " " + std::string(560, static_cast<char>('e' + revision)) +
         R"("},{"lang":"es","value":")" + std::string(600, 's') +
         R"("}],"metrics":{"cvssMetricV31":[{"source":"nvd@nist.gov","type":"Primary",)"
         R"("cvssData":{"version":"3.1","vectorString":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",)"
         R"("attackVector":"NETWORK","attackComplexity":"LOW","privilegesRequired":"NONE",)"
         R"("userInteraction":"NONE","scope":"UNCHANGED","confidentialityImpact":"HIGH",)"
         R"("integrityImpact":"HIGH","availabilityImpact":"HIGH",)"
         R"("baseScore":9.8,"baseSeverity":"CRITICAL"},"exploitabilityScore":3.9,"impactScore":5.9}],)"
         R"("cvssMetricV2":[{"source":"nvd@nist.gov","type":"Primary","cvssData":{"version":"2.0",)"
         R"("vectorString":"AV:N/AC:L/Au:N/C:P/I:P/A:P","baseScore":7.5},"baseSeverity":"HIGH"}]},)"
         R"("weaknesses":[{"source":"nvd@nist.gov","type":"Primary","description":[{"lang":"en","value":"CWE-787"}]}],)"
         R"("configurations":[{"nodes":[{"operator":"OR","negate":false,"cpeMatch":[)" +
         cpe(product, R"(,"versionStartIncluding":")" + Num(m) +
                          R"(.0.0","versionEndExcluding":")" + Num(m) + R"(.4.2")") +
         "," + cpe(product + "_firmware", R"(,"versionEndIncluding":"2.0")") + "," +
         cpe(product + "_sdk", "") + "," + cpe(product + "_server", "") + "," +
         cpe(product + "_client", R"(,"versionEndExcluding":")" + Num(m) + R"(.9.0")") + "," +
         cpe(product + "_agent", R"(,"versionStartIncluding":"1.0","versionEndExcluding":"3.0")") +
         "," + cpe(product + "_gateway", "") + "," + cpe(product + "_console", "") +
         R"(]}]}],"references":[)" + refs + "]}}";
}

inline std::string OsvRecord(int i, int packages) {
  const int e = i % 4;
  const int p = (i / 4) % packages;
  const int m = i % 7;
  const std::string id = "GHSA-scal-" + Num(1000000 + i);
  const bool semver = e == 0 || e == 3;
  const std::string intro = semver ? Num(m) + ".0.0" : Num(m) + ".0";
  const std::string fixed = Num(m) + ".4.2";
  return R"({"schema_version":"1.6.0","id":")" + id +
         R"(","modified":"2025-05-06T07:08:09Z","published":"2025-01-02T03:04:05Z",)"
         R"("aliases":["CVE-2025-)" +
         Num(600000 + i) + R"("],"summary":"Prototype pollution in )" + OsvName(e, p) +
         R"(","details":")" + std::string(600, 'd') +
         R"(","severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H"}],)"
         R"("affected":[{"package":{"ecosystem":")" +
         kEcosystems[e] + R"(","name":")" + OsvName(e, p) + R"("},"ranges":[{"type":")" +
         (semver ? "SEMVER" : "ECOSYSTEM") + R"(","events":[{"introduced":")" + intro +
         R"("},{"fixed":")" + fixed +
         R"("}]}],"database_specific":{"source":"https://github.com/advisories"}}],)"
         R"("references":[{"type":"ADVISORY","url":"https://github.com/advisories/)" +
         id + R"("},{"type":"WEB","url":"https://example.com/issues/)" + Num(i) +
         R"("},{"type":"PACKAGE","url":"https://example.com/packages/)" + Num(p) +
         R"("}],"database_specific":{"cwe_ids":["CWE-1321"],"severity":"HIGH","github_reviewed":true}})";
}

}  // namespace scale

#endif  // SOUPKEEPER_BENCH_SCALE_RECORDS_H_
