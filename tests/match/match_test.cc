// Matching on hand-made SBOM components and records with answers worked out
// by hand: ranges, last_affected, versions lists, GIT, withdrawn records,
// distro releases, CPE configurations with platforms, ecosystem over CPE,
// derived CPEs, CSAF, severity, KEV and EPSS.
#include "soupkeeper/match.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace soupkeeper::match {
namespace {

// Decodes `text` with the named importer (the records exactly as a feed
// import would store them).
std::vector<vuln::Vulnerability> Decode(const char* importer, const std::string& text) {
  std::vector<vuln::Vulnerability> out;
  CollectingSink sink;
  const vuln::FeedImporter* imp = vuln::ImporterByName(importer);
  EXPECT_NE(imp, nullptr);
  Status s = imp->Decode(
      text, "test.json",
      [&](vuln::Vulnerability&& v) {
        v.provenance.source = importer;
        if (v.provenance.source_id.empty()) v.provenance.source_id = v.id;
        for (auto& sev : v.severities) vuln::ScoreSeverity(sev);
        out.push_back(std::move(v));
        return Status::Ok();
      },
      sink);
  EXPECT_TRUE(s.ok()) << s.message();
  EXPECT_TRUE(sink.Take().empty());
  return out;
}

// An OSV record for one package.
std::string Osv(const std::string& id, const std::string& alias, const std::string& ecosystem,
                const std::string& name, const std::string& ranges, const std::string& extra = "") {
  return R"({"id": ")" + id + R"(", "modified": "2024-01-01T00:00:00Z", "aliases": [)" +
         (alias.empty() ? "" : "\"" + alias + "\"") + R"(], "summary": "s )" + id +
         R"(", "affected": [{"package": {"ecosystem": ")" + ecosystem + R"(", "name": ")" + name +
         R"("}, )" + ranges + "}]" + extra + "}";
}

std::string Nvd(const std::string& id, const std::string& configurations,
                const std::string& vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") {
  return R"({"format": "NVD_CVE", "vulnerabilities": [{"cve": {"id": ")" + id +
         R"(", "sourceIdentifier": "x", "published": "2024-01-01T00:00:00.000",
    "lastModified": "2024-01-05T00:00:00.000", "vulnStatus": "Analyzed",
    "descriptions": [{"lang": "en", "value": "nvd )" +
         id + R"("}],
    "metrics": {"cvssMetricV31": [{"source": "nvd@nist.gov", "type": "Primary",
      "cvssData": {"version": "3.1", "vectorString": ")" +
         vector + R"("}}]},
    "configurations": )" +
         configurations + "}}]}";
}

std::string CpeOr(const std::string& criteria, const std::string& bounds) {
  return R"([{"nodes": [{"operator": "OR", "negate": false, "cpeMatch": [{"vulnerable": true,
    "criteria": ")" +
         criteria + "\", \"matchCriteriaId\": \"A\"" + bounds + "}]}]}]";
}

struct Sbom {
  sbom::Document doc;
  void Add(const std::string& ref, const std::string& name, const std::string& version,
           const std::string& purl, const std::string& cpe = "", const std::string& supplier = "") {
    sbom::Component c;
    c.ref = doc.Keep(ref);
    c.name = doc.Keep(name);
    c.version = doc.Keep(version);
    c.purl = doc.Keep(purl);
    c.cpe = doc.Keep(cpe);
    if (!supplier.empty()) c.supplier = sbom::Organization{doc.Keep(supplier), {}, {}};
    c.location = doc.Keep("/components/" + std::to_string(doc.components.size()));
    doc.components.push_back(c);
  }
};

class MatchTest : public ::testing::Test {
 protected:
  void AddRecords(const char* importer, const std::string& text, const std::string& identity = "") {
    for (vuln::Vulnerability& v : Decode(importer, text)) {
      std::string id = identity;
      if (id.empty()) {
        id = v.id;
        for (const std::string& a : v.aliases) {
          if (a.rfind("CVE-", 0) == 0) id = a;
        }
      }
      std::vector<std::string>& aliases = kb_.aliases[id];
      aliases.push_back(v.id);
      for (const std::string& a : v.aliases) aliases.push_back(a);
      std::sort(aliases.begin(), aliases.end());
      aliases.erase(std::unique(aliases.begin(), aliases.end()), aliases.end());
      kb_.Add({std::move(v), id});
    }
  }
  ScanResult Run() {
    CollectingSink sink;
    views_ = PrepareComponents(sbom_.doc, sink);
    diagnostics_ = sink.Take();
    return MatchComponents(views_, kb_);
  }
  // The single finding of `result` (fails when there is not exactly one).
  static const Finding& Only(const ScanResult& r) {
    EXPECT_EQ(r.findings.size(), 1u);
    static const Finding empty;
    return r.findings.empty() ? empty : r.findings[0];
  }

  Knowledge kb_;
  Sbom sbom_;
  std::vector<ComponentView> views_;
  std::vector<Diagnostic> diagnostics_;
};

constexpr char kRange[] =
    R"("ranges": [{"type": "SEMVER", "events": [{"introduced": "1.0.0"}, {"fixed": "1.2.0"}]}])";

TEST_F(MatchTest, InsideAndOutsideAnOsvRange) {
  AddRecords("osv", Osv("GHSA-aaaa-bbbb-cccc", "CVE-2024-0001", "npm", "left-pad", kRange));
  sbom_.Add("a", "left-pad", "1.1.9", "pkg:npm/left-pad@1.1.9");
  sbom_.Add("b", "left-pad", "1.2.0", "pkg:npm/left-pad@1.2.0");  // the fixed version
  sbom_.Add("c", "left-pad", "0.9.0", "pkg:npm/left-pad@0.9.0");  // before introduced
  sbom_.Add("d", "right-pad", "1.1.0", "pkg:npm/right-pad@1.1.0");
  ScanResult r = Run();
  const Finding& f = Only(r);
  EXPECT_EQ(f.component_ref, "a");
  EXPECT_EQ(f.vulnerability, "CVE-2024-0001");
  EXPECT_EQ(f.aliases, (std::vector<std::string>{"CVE-2024-0001", "GHSA-aaaa-bbbb-cccc"}));
  EXPECT_EQ(f.status, "affected");
  EXPECT_EQ(f.confidence, Confidence::kHigh);
  EXPECT_EQ(f.fixed_versions, std::vector<std::string>{"1.2.0"});
  ASSERT_EQ(f.evidence.size(), 1u);
  EXPECT_EQ(f.evidence[0].matcher, "ecosystem");
  EXPECT_EQ(f.evidence[0].record_id, "GHSA-aaaa-bbbb-cccc");
  EXPECT_EQ(f.evidence[0].rule["kind"], "osv-range");
  EXPECT_EQ(f.evidence[0].rule["events"][1]["fixed"], "1.2.0");
  EXPECT_EQ(f.evidence[0].rule["vers"], "vers:semver/>=1.0.0|<1.2.0");
  EXPECT_EQ(f.evidence[0].component_fields["purl"], "pkg:npm/left-pad@1.1.9");
  EXPECT_EQ(r.stats.components, 4);
  EXPECT_EQ(r.stats.components_matched, 1);
}

TEST_F(MatchTest, LastAffectedIsInclusive) {
  AddRecords("osv", Osv("PYSEC-2024-1", "", "PyPI", "Some_Pkg",
                        R"("ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"},
                            {"last_affected": "2.0"}]}])"));
  sbom_.Add("a", "some-pkg", "2.0", "pkg:pypi/some-pkg@2.0");  // PEP 503: same package
  sbom_.Add("b", "some-pkg", "2.0.post1", "pkg:pypi/some-pkg@2.0.post1");
  ScanResult r = Run();
  EXPECT_EQ(Only(r).component_ref, "a");
  EXPECT_EQ(Only(r).vulnerability, "PYSEC-2024-1");
}

TEST_F(MatchTest, VersionsListEntry) {
  AddRecords("osv",
             Osv("RUSTSEC-2024-0001", "", "crates.io", "smallvec", R"("versions": ["1.6.0"])"));
  sbom_.Add("a", "smallvec", "1.6.0", "pkg:cargo/smallvec@1.6.0");
  sbom_.Add("b", "smallvec", "1.6.1", "pkg:cargo/smallvec@1.6.1");
  ScanResult r = Run();
  const Finding& f = Only(r);
  EXPECT_EQ(f.component_ref, "a");
  EXPECT_EQ(f.evidence[0].rule["kind"], "osv-versions");
  EXPECT_EQ(f.evidence[0].rule["version"], "1.6.0");
}

// PYSEC-2019-102 lists Limnoria's legacy (non-PEP 440) versions such as
// "2013-01-21T20:33:09+0100"; the purl pypi type reads versions
// case-insensitively and normalizes them to lower case, so the listed text
// must be compared ignoring case (found by MatchCorpus.OsvVersionsLists).
TEST_F(MatchTest, Pysec2019102LegacyPypiVersionListedInAnotherCase) {
  AddRecords("osv", Osv("PYSEC-2019-102", "CVE-2019-19010", "PyPI", "limnoria",
                        R"("versions": ["2013-01-21T20:33:09+0100"])"));
  sbom_.Add("a", "limnoria", "2013-01-21T20:33:09+0100",
            "pkg:pypi/limnoria@2013-01-21T20:33:09%2B0100");
  sbom_.Add("b", "limnoria", "2013-01-21T20:33:10+0100",
            "pkg:pypi/limnoria@2013-01-21T20:33:10%2B0100");
  ScanResult r = Run();
  const Finding& f = Only(r);
  EXPECT_EQ(f.component_ref, "a");
  EXPECT_EQ(f.status, "affected");
  EXPECT_EQ(f.evidence[0].reason, "listed in versions as '2013-01-21T20:33:09+0100'");
}

// The OSV schema (ecosystems.json) defines PyPI's package name as the PEP 503
// normalized one, so a record's name matches in any spelling; no other
// ecosystem declares a normalization, so npm's names compare as written.
TEST_F(MatchTest, OsvPackageNamesCompareAsTheEcosystemDefines) {
  AddRecords("osv", Osv("PYSEC-0000-1", "", "PyPI", "Foo.Bar_Baz", kRange));
  AddRecords("osv", Osv("GHSA-nnnn-nnnn-nnnn", "", "npm", "Left-Pad", kRange));
  sbom_.Add("py", "foo-bar-baz", "1.1.0", "pkg:pypi/foo-bar-baz@1.1.0");
  sbom_.Add("npm", "left-pad", "1.1.0", "pkg:npm/left-pad@1.1.0");
  ScanResult r = Run();
  const Finding& f = Only(r);
  EXPECT_EQ(f.component_ref, "py");
  EXPECT_EQ(f.vulnerability, "PYSEC-0000-1");
}

TEST_F(MatchTest, GitRangeAloneIsNotEvaluable) {
  AddRecords("osv", Osv("OSV-2024-1", "", "Go", "example.com/mod",
                        R"("ranges": [{"type": "GIT", "repo": "https://example.com/mod",
                            "events": [{"introduced": "0"}, {"fixed": "abc123"}]}])"));
  sbom_.Add("a", "example.com/mod", "1.0.0", "pkg:golang/example.com/mod@1.0.0");
  ScanResult r = Run();
  const Finding& f = Only(r);
  EXPECT_EQ(f.status, "not_evaluable");
  EXPECT_EQ(f.evidence[0].verdict, "not_evaluable");
  EXPECT_EQ(r.stats.not_evaluable, 1);
}

TEST_F(MatchTest, GitRangeBesideAnEcosystemRangeDoesNotHideItsAnswer) {
  AddRecords("osv", Osv("PYSEC-2024-2", "", "PyPI", "pkg",
                        R"("ranges": [{"type": "GIT", "repo": "https://x/y", "events": [
                            {"introduced": "0"}, {"fixed": "abc"}]},
                          {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.5"}]}])"));
  sbom_.Add("a", "pkg", "1.4", "pkg:pypi/pkg@1.4");
  sbom_.Add("b", "pkg", "1.5", "pkg:pypi/pkg@1.5");
  ScanResult r = Run();
  const Finding& f = Only(r);
  EXPECT_EQ(f.component_ref, "a");
  EXPECT_EQ(f.status, "affected");
}

TEST_F(MatchTest, WithdrawnRecordGivesNoFinding) {
  AddRecords("osv", Osv("GHSA-wwww-wwww-wwww", "", "npm", "left-pad", kRange,
                        R"(, "withdrawn": "2024-02-01T00:00:00Z")"));
  sbom_.Add("a", "left-pad", "1.1.0", "pkg:npm/left-pad@1.1.0");
  ScanResult r = Run();
  EXPECT_TRUE(r.findings.empty());
  EXPECT_EQ(r.stats.withdrawn_skipped, 1);
}

TEST(DistroEcosystems, QualifiersMapToReleases) {
  auto eco = [](const char* p) { return DistroEcosystems(*purl::Parse(p)); };
  EXPECT_EQ(eco("pkg:deb/debian/curl@7.88.1-10?distro=debian-12"),
            std::vector<std::string>{"Debian:12"});
  EXPECT_EQ(eco("pkg:deb/debian/curl@7.88.1-10?distro=bookworm"),
            std::vector<std::string>{"Debian:12"});
  EXPECT_EQ(eco("pkg:deb/debian/curl@7.74.0-1.3?distro=debian-11.8"),
            std::vector<std::string>{"Debian:11"});
  EXPECT_EQ(eco("pkg:deb/ubuntu/curl@7.81.0?distro=ubuntu-22.04"),
            (std::vector<std::string>{"Ubuntu:22.04:LTS", "Ubuntu:22.04"}));
  EXPECT_EQ(eco("pkg:apk/alpine/busybox@1.36.1-r15?distro=3.19.1"),
            std::vector<std::string>{"Alpine:v3.19"});
  EXPECT_EQ(eco("pkg:apk/alpine/busybox@1.36.1-r15?distro=alpine-3.18"),
            std::vector<std::string>{"Alpine:v3.18"});
  EXPECT_EQ(eco("pkg:rpm/almalinux/openssl@3.0.7-1.el9?distro=almalinux-9"),
            std::vector<std::string>{"AlmaLinux:9"});
  EXPECT_TRUE(eco("pkg:deb/debian/curl@7.88.1-10").empty());  // release unknown: nothing guessed
}

TEST_F(MatchTest, DistroReleaseAndSourcePackage) {
  // Debian writes its advisories per source package (openssl), for one release.
  AddRecords("osv", Osv("DSA-5532-1", "CVE-2023-5363", "Debian:12", "openssl",
                        R"("ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"},
                            {"fixed": "3.0.11-1~deb12u2"}]}])"));
  AddRecords("osv", Osv("DLA-9999-1", "CVE-2023-5363", "Debian:11", "openssl",
                        R"("ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"},
                            {"fixed": "1.1.1w-0+deb11u1"}]}])"));
  sbom_.Add("bin", "libssl3", "3.0.11-1~deb12u1",
            "pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&distro=debian-12&upstream=openssl");
  sbom_.Add("fixed", "libssl3", "3.0.11-1~deb12u2",
            "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?distro=debian-12&upstream=openssl");
  sbom_.Add("norel", "libssl3", "3.0.11-1~deb12u1",
            "pkg:deb/debian/libssl3@3.0.11-1~deb12u1?upstream=openssl");
  ScanResult r = Run();
  const Finding& f = Only(r);
  EXPECT_EQ(f.component_ref, "bin");
  EXPECT_EQ(f.vulnerability, "CVE-2023-5363");
  ASSERT_EQ(f.evidence.size(), 1u);  // the Debian 11 record does not concern Debian 12
  EXPECT_EQ(f.evidence[0].matcher, "distro");
  EXPECT_EQ(f.evidence[0].record_id, "DSA-5532-1");
  EXPECT_EQ(f.evidence[0].component_fields["package_role"], "source");
  EXPECT_EQ(f.evidence[0].component_fields["package"], "openssl");
  // The component without a release is reported, not guessed.
  ASSERT_EQ(diagnostics_.size(), 1u);
  EXPECT_EQ(diagnostics_[0].location, "/components/2/purl");
}

TEST_F(MatchTest, AlpineRelease) {
  AddRecords("osv", Osv("ALPINE-CVE-2024-1", "", "Alpine:v3.19", "busybox",
                        R"("ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"},
                            {"fixed": "1.36.1-r16"}]}])"));
  sbom_.Add("a", "busybox", "1.36.1-r15", "pkg:apk/alpine/busybox@1.36.1-r15?distro=3.19.1");
  sbom_.Add("b", "busybox", "1.36.1-r15", "pkg:apk/alpine/busybox@1.36.1-r15?distro=3.18.4");
  ScanResult r = Run();
  EXPECT_EQ(Only(r).component_ref, "a");
}

constexpr char kAndPlatform[] = R"([{"operator": "AND", "nodes": [
  {"operator": "OR", "negate": false, "cpeMatch": [{"vulnerable": true,
    "criteria": "cpe:2.3:a:acme:gateway:*:*:*:*:*:*:*:*", "versionEndExcluding": "2.0",
    "matchCriteriaId": "A"}]},
  {"operator": "OR", "negate": false, "cpeMatch": [{"vulnerable": false,
    "criteria": "cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*", "matchCriteriaId": "B"}]}]}])";

TEST_F(MatchTest, AndConfigurationWithUnknownPlatformMatchesAndSaysSo) {
  AddRecords("nvd", Nvd("CVE-2024-1000", kAndPlatform));
  sbom_.Add("gw", "gateway", "1.5", "", "cpe:2.3:a:acme:gateway:1.5:*:*:*:*:*:*:*");
  ScanResult r = Run();
  const Finding& f = Only(r);
  EXPECT_EQ(f.status, "affected");
  EXPECT_EQ(f.confidence, Confidence::kMedium);
  EXPECT_EQ(f.evidence[0].rule["kind"], "cpe-configuration");
  EXPECT_EQ(f.evidence[0].rule["platform"], "unknown");
  EXPECT_EQ(f.evidence[0].rule["match"]["version_end_excluding"], "2.0");
  EXPECT_NE(f.evidence[0].reason.find("platform unknown"), std::string::npos);
}

TEST_F(MatchTest, AndConfigurationWithPlatformPresent) {
  AddRecords("nvd", Nvd("CVE-2024-1000", kAndPlatform));
  sbom_.Add("gw", "gateway", "1.5", "", "cpe:2.3:a:acme:gateway:1.5:*:*:*:*:*:*:*");
  sbom_.Add("os", "windows", "", "", "cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*");
  ScanResult r = Run();
  const Finding& f = Only(r);
  EXPECT_EQ(f.evidence[0].rule["platform"], "present");
  EXPECT_EQ(f.evidence[0].rule["platforms"][0]["component"], "os");
}

TEST_F(MatchTest, AndConfigurationWithOtherPlatformDoesNotMatch) {
  AddRecords("nvd", Nvd("CVE-2024-1000", kAndPlatform));
  sbom_.Add("gw", "gateway", "1.5", "", "cpe:2.3:a:acme:gateway:1.5:*:*:*:*:*:*:*");
  sbom_.Add("os", "linux", "6.1", "", "cpe:2.3:o:linux:linux_kernel:6.1:*:*:*:*:*:*:*");
  EXPECT_TRUE(Run().findings.empty());
}

TEST_F(MatchTest, CpeVersionBounds) {
  AddRecords("nvd", Nvd("CVE-2022-37434", CpeOr("cpe:2.3:a:zlib:zlib:*:*:*:*:*:*:*:*",
                                                R"(, "versionEndIncluding": "1.2.12")")));
  sbom_.Add("a", "zlib", "1.2.12", "", "cpe:2.3:a:zlib:zlib:1.2.12:*:*:*:*:*:*:*");
  sbom_.Add("b", "zlib", "1.2.13", "", "cpe:2.3:a:zlib:zlib:1.2.13:*:*:*:*:*:*:*");
  ScanResult r = Run();
  const Finding& f = Only(r);
  EXPECT_EQ(f.component_ref, "a");
  EXPECT_EQ(f.severity->score, 9.8);
  EXPECT_EQ(f.severity->source, "nvd (nvd@nist.gov)");
}

// NVD's bounds of CVE-2018-0735 (OpenSSL 1.1.0 to 1.1.0i) and CVE-2022-0778
// (1.1.0 to before 1.1.1n).
std::vector<std::string> OpensslCves() {
  return {Nvd("CVE-2018-0735", CpeOr("cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*",
                                     R"(, "versionStartIncluding": "1.1.0",
                                        "versionEndIncluding": "1.1.0i")")),
          Nvd("CVE-2022-0778", CpeOr("cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*",
                                     R"(, "versionStartIncluding": "1.1.0",
                                        "versionEndExcluding": "1.1.1n")"))};
}

// Found by the hand check of real SBOMs (docs/matching.md, Accuracy (c)):
// Alpine's openssl 1.1.1o-r0 against CVE-2018-0735 (OpenSSL 1.1.0 to
// 1.1.0i) was "not evaluable" because the openssl scheme cannot read "-r0";
// its upstream part 1.1.1o is outside, so it is not affected. Ubuntu's
// 1.1.1f-1ubuntu2.16 against CVE-2022-0778 (1.1.0 to before 1.1.1n) stays
// not evaluable: 1.1.1f is inside, and only Ubuntu knows its backports.
TEST_F(MatchTest, AlpineOpenssl111oR0IsOutsideCve20180735) {
  for (const std::string& cve : OpensslCves()) AddRecords("nvd", cve);
  sbom_.Add("alpine", "openssl", "1.1.1o-r0",
            "pkg:apk/alpine/openssl@1.1.1o-r0?arch=x86_64&distro=alpine-3.16.0",
            "cpe:2.3:a:openssl:openssl:1.1.1o-r0:*:*:*:*:*:*:*");
  sbom_.Add("syft", "openssl", "1.1.1o-r0",  // the older tools' purl type
            "pkg:alpine/openssl@1.1.1o-r0?arch=x86_64&upstream=openssl&distro=alpine-3.16.0",
            "cpe:2.3:a:openssl:openssl:1.1.1o-r0:*:*:*:*:*:*:*");
  sbom_.Add("ubuntu", "openssl", "1.1.1f-1ubuntu2.16",
            "pkg:deb/ubuntu/openssl@1.1.1f-1ubuntu2.16?arch=amd64&distro=ubuntu-20.04",
            "cpe:2.3:a:openssl:openssl:1.1.1f-1ubuntu2.16:*:*:*:*:*:*:*");
  ScanResult r = Run();
  const Finding& f = Only(r);
  EXPECT_EQ(f.component_ref, "ubuntu");
  EXPECT_EQ(f.vulnerability, "CVE-2022-0778");
  EXPECT_EQ(f.status, "not_evaluable");
  EXPECT_NE(f.evidence[0].reason.find("upstream version 1.1.1f of 1.1.1f-1ubuntu2.16 is within "
                                      "the bounds"),
            std::string::npos)
      << f.evidence[0].reason;
}

// The same for an rpm with an epoch (RHEL 8's openssl): 1.1.1k is outside
// CVE-2018-0735's bounds and inside CVE-2022-0778's.
TEST_F(MatchTest, RpmEpochAndReleaseAreNotUpstream) {
  for (const std::string& cve : OpensslCves()) AddRecords("nvd", cve);
  sbom_.Add("rhel", "openssl", "1:1.1.1k-7.el8_6",
            "pkg:rpm/redhat/openssl@1:1.1.1k-7.el8_6?arch=x86_64",
            "cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*");
  ScanResult r = Run();
  const Finding& f = Only(r);
  EXPECT_EQ(f.vulnerability, "CVE-2022-0778");
  EXPECT_EQ(f.status, "not_evaluable");
  EXPECT_NE(f.evidence[0].reason.find("upstream version 1.1.1k of 1:1.1.1k-7.el8_6 is within "
                                      "the bounds"),
            std::string::npos)
      << f.evidence[0].reason;
}

TEST_F(MatchTest, EcosystemDataWinsOverCpeForTheSameIdentity) {
  // OSV says 1.5 is fixed; NVD's CPE range (too broad) says affected.
  AddRecords("osv", Osv("GHSA-eeee-eeee-eeee", "CVE-2024-2000", "PyPI", "widget",
                        R"("ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"},
                            {"fixed": "1.4"}]}])"));
  AddRecords("nvd", Nvd("CVE-2024-2000", CpeOr("cpe:2.3:a:widget_project:widget:*:*:*:*:*:*:*:*",
                                               R"(, "versionEndExcluding": "2.0")")));
  sbom_.Add("fixed", "widget", "1.5", "pkg:pypi/widget@1.5",
            "cpe:2.3:a:widget_project:widget:1.5:*:*:*:*:*:*:*");
  sbom_.Add("old", "widget", "1.3", "pkg:pypi/widget@1.3",
            "cpe:2.3:a:widget_project:widget:1.3:*:*:*:*:*:*:*");
  ScanResult r = Run();
  const Finding& f = Only(r);
  EXPECT_EQ(f.component_ref, "old");
  EXPECT_EQ(f.evidence[0].matcher, "ecosystem");
  ASSERT_EQ(f.corroboration.size(), 1u);  // NVD agrees and is kept as corroboration
  EXPECT_EQ(f.corroboration[0].source, "nvd");
  EXPECT_EQ(r.stats.cpe_dropped_for_ecosystem, 2);
}

TEST_F(MatchTest, DerivedCpeIsLowConfidence) {
  AddRecords("nvd", Nvd("CVE-2022-37434", CpeOr("cpe:2.3:a:zlib:zlib:*:*:*:*:*:*:*:*",
                                                R"(, "versionEndIncluding": "1.2.12")")));
  sbom_.Add("z", "zlib", "1.2.11", "", "", "zlib project");
  ScanResult r = Run();
  const Finding& f = Only(r);
  EXPECT_TRUE(f.derived_cpe);
  EXPECT_EQ(f.confidence, Confidence::kLow);
  EXPECT_EQ(f.evidence[0].matcher, "derived-cpe");
  EXPECT_EQ(f.evidence[0].component_fields["derived_cpe"],
            "cpe:2.3:a:zlib:zlib:1.2.11:*:*:*:*:*:*:*");
}

TEST_F(MatchTest, CsafProductStatusByPurlAndName) {
  AddRecords("csaf", R"({"document": {"category": "csaf_vex", "csaf_version": "2.0",
    "publisher": {"category": "vendor", "name": "Acme", "namespace": "https://acme.example"},
    "title": "t", "tracking": {"id": "ACME-2024-1", "status": "final", "version": "1",
      "initial_release_date": "2024-01-01T00:00:00Z", "current_release_date": "2024-01-01T00:00:00Z",
      "revision_history": [{"date": "2024-01-01T00:00:00Z", "number": "1", "summary": "s"}]}},
    "product_tree": {"full_product_names": [
      {"product_id": "P1", "name": "Acme Lib 1.0", "product_identification_helper": {"purl": "pkg:npm/acme-lib@1.0.0"}},
      {"product_id": "P2", "name": "Acme Tool 3.1"}]},
    "vulnerabilities": [{"cve": "CVE-2024-3000", "product_status": {"known_affected": ["P1", "P2"]}}]})");
  sbom_.Add("lib", "acme-lib", "1.0.0", "pkg:npm/acme-lib@1.0.0");
  sbom_.Add("lib2", "acme-lib", "1.0.1", "pkg:npm/acme-lib@1.0.1");
  sbom_.Add("tool", "Acme Tool", "3.1", "");
  ScanResult r = Run();
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].component_ref, "lib");
  EXPECT_EQ(r.findings[0].evidence[0].rule["by"], "purl");
  EXPECT_EQ(r.findings[1].component_ref, "tool");
  EXPECT_EQ(r.findings[1].evidence[0].rule["by"], "name");
  EXPECT_EQ(r.findings[1].vulnerability, "CVE-2024-3000");
}

TEST_F(MatchTest, KevEpssAndHighestSeverityAttach) {
  AddRecords(
      "osv",
      Osv("GHSA-kkkk-kkkk-kkkk", "CVE-2024-4000", "npm", "left-pad", kRange,
          R"(, "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N"}])"));
  AddRecords("nvd", Nvd("CVE-2024-4000", "[]", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"));
  kb_.kev["CVE-2024-4000"] =
      vuln::Kev{"2024-05-01", "2024-05-22", "Unknown", "Apply updates", "", "", "", "", ""};
  kb_.epss["CVE-2024-4000"] = vuln::Epss{0.97, 0.999, "2024-06-01", "v2023.03.01"};
  sbom_.Add("a", "left-pad", "1.0.0", "pkg:npm/left-pad@1.0.0");
  ScanResult r = Run();
  const Finding& f = Only(r);
  ASSERT_TRUE(f.kev.has_value());
  EXPECT_EQ(f.kev->date_added, "2024-05-01");
  ASSERT_TRUE(f.epss.has_value());
  EXPECT_DOUBLE_EQ(f.epss->score, 0.97);
  ASSERT_TRUE(f.severity.has_value());
  EXPECT_DOUBLE_EQ(f.severity->score, 7.5);  // NVD's 7.5 over GitHub's 4.3
  EXPECT_EQ(f.severity->source, "nvd (nvd@nist.gov)");
  auto reached = FailOnReached("kev", ScanResult{{f}, {}});
  EXPECT_TRUE(*reached);
  EXPECT_TRUE(*FailOnReached("high", ScanResult{{f}, {}}));
  EXPECT_FALSE(*FailOnReached("critical", ScanResult{{f}, {}}));
  EXPECT_FALSE(FailOnReached("severe", ScanResult{}).ok());
}

// --- Version bounds of index entries (docs/matching.md, "Version pre-filter")

// The stored text of each index entry of the records in `text` (nullopt: no
// bounds), by key.
std::map<std::string, std::optional<std::string>> StoredBounds(const char* importer,
                                                               const std::string& text) {
  std::map<std::string, std::optional<std::string>> out;
  for (const vuln::Vulnerability& v : Decode(importer, text)) {
    for (const IndexEntry& e : IndexEntries(v)) {
      out[e.key] = e.bounds ? EncodeBounds(*e.bounds) : std::nullopt;
    }
  }
  return out;
}

TEST(IndexBounds, StoredFormRoundTrips) {
  VersionBounds b;
  b.osv.push_back(
      {"npm",
       {{"SEMVER",
         {{range::OsvEvent::Kind::kIntroduced, "3.0.0"}, {range::OsvEvent::Kind::kFixed, "3.4.2"}}},
        {"GIT", {{range::OsvEvent::Kind::kLastAffected, "abc"}}}},
       {}});
  b.cpe.push_back({"", "1.0", "", "", "2.0"});
  b.cpe.push_back({"5.1", "", "0.9", "6", ""});
  b.cpe.push_back({"", "1.0", "", "", "2.0"});  // written once
  std::optional<std::string> text = EncodeBounds(b);
  ASSERT_TRUE(text.has_value());
  EXPECT_EQ(*text, "onpm\tSi3.0.0,f3.4.2\tGlabc\ncs1.0\tE2.0\ncv5.1\tS0.9\te6");
  Result<VersionBounds> back = DecodeBounds(*text);
  ASSERT_TRUE(back.ok()) << back.status().message();
  ASSERT_EQ(back->osv.size(), 1u);
  EXPECT_EQ(back->osv[0].ecosystem, "npm");
  ASSERT_EQ(back->osv[0].ranges.size(), 2u);
  EXPECT_EQ(back->osv[0].ranges[1].type, "GIT");
  EXPECT_EQ(back->osv[0].ranges[0].events[1].kind, range::OsvEvent::Kind::kFixed);
  EXPECT_EQ(back->osv[0].ranges[0].events[1].version, "3.4.2");
  ASSERT_EQ(back->cpe.size(), 2u);
  EXPECT_EQ(back->cpe[1].criteria_version, "5.1");
  EXPECT_EQ(back->cpe[1].start_excluding, "0.9");
  EXPECT_EQ(back->cpe[1].end_including, "6");
  // A version with a separator is not written: the entry keeps no bounds.
  b.cpe[0].end_excluding = "2,0";
  EXPECT_FALSE(EncodeBounds(b).has_value());
  EXPECT_FALSE(DecodeBounds("x1.0").ok());
  EXPECT_FALSE(DecodeBounds("onpm\tQi1").ok());
  EXPECT_FALSE(DecodeBounds("cZ1").ok());
}

TEST(IndexBounds, OsvRangesAndAListedVersionsHull) {
  auto b = StoredBounds("osv", Osv("GHSA-aaaa-bbbb-cccc", "", "npm", "left-pad", kRange));
  EXPECT_EQ(b["osv:npm:left-pad"], "onpm\tSi1.0.0,f1.2.0");
  b = StoredBounds("osv", Osv("PYSEC-1", "", "PyPI", "Some_Pkg",
                              R"("versions": ["1.10", "1.2", "1.9.post1", "0.5"])"));
  // PEP 503 name; the list as one range from its lowest to its highest.
  EXPECT_EQ(b["osv:PyPI:some-pkg"], "oPyPI\tEi0.5,l1.10");
  // A listed version the scheme cannot read: no bounds.
  b = StoredBounds("osv",
                   Osv("PYSEC-2", "", "PyPI", "pkg", R"("versions": ["1.0", "not a version!"])"));
  EXPECT_EQ(b["osv:PyPI:pkg"], std::nullopt);
  // A withdrawn record: no bounds (a scan counts it under every key).
  b = StoredBounds("osv", Osv("GHSA-aaaa-bbbb-dddd", "", "npm", "left-pad", kRange,
                              R"(, "withdrawn": "2024-02-01T00:00:00Z")"));
  ASSERT_EQ(b.count("osv:npm:left-pad"), 1u);
  EXPECT_EQ(b["osv:npm:left-pad"], std::nullopt);
}

TEST(IndexBounds, CpeConfigurations) {
  auto b =
      StoredBounds("nvd", Nvd("CVE-2022-37434", CpeOr("cpe:2.3:a:zlib:zlib:*:*:*:*:*:*:*:*",
                                                      R"(, "versionEndIncluding": "1.2.12")")));
  EXPECT_EQ(b["cpe:zlib:zlib"], "ce1.2.12");
  // A platform in its own node of an AND configuration: bounds hold.
  b = StoredBounds("nvd", Nvd("CVE-2024-1000", kAndPlatform));
  EXPECT_EQ(b["cpe:acme:gateway"], "cE2.0");
  // A criteria version and no bounds: that version; "*": any version.
  b = StoredBounds("nvd", Nvd("CVE-2024-1001", CpeOr("cpe:2.3:a:acme:tool:4.1:*:*:*:*:*:*:*", "")));
  EXPECT_EQ(b["cpe:acme:tool"], "cv4.1");
  b = StoredBounds("nvd", Nvd("CVE-2024-1002", CpeOr("cpe:2.3:a:acme:tool:*:*:*:*:*:*:*:*", "")));
  ASSERT_EQ(b.count("cpe:acme:tool"), 1u);
  EXPECT_EQ(b["cpe:acme:tool"], std::nullopt);
  // A platform beside the vulnerable cpeMatch in one OR node makes the
  // configuration true whatever the version; a negated node too.
  const std::string mixed = R"([{"nodes": [{"operator": "OR", "negate": false, "cpeMatch": [
      {"vulnerable": true, "criteria": "cpe:2.3:a:acme:tool:*:*:*:*:*:*:*:*",
       "versionEndExcluding": "2.0", "matchCriteriaId": "A"},
      {"vulnerable": false, "criteria": "cpe:2.3:o:acme:os:-:*:*:*:*:*:*:*", "matchCriteriaId": "B"}]}]}])";
  b = StoredBounds("nvd", Nvd("CVE-2024-1003", mixed));
  ASSERT_EQ(b.count("cpe:acme:tool"), 1u);
  EXPECT_EQ(b["cpe:acme:tool"], std::nullopt);
  const std::string negated = R"([{"nodes": [{"operator": "OR", "negate": true, "cpeMatch": [
      {"vulnerable": true, "criteria": "cpe:2.3:a:acme:tool:*:*:*:*:*:*:*:*",
       "versionEndExcluding": "2.0", "matchCriteriaId": "A"}]}]}])";
  b = StoredBounds("nvd", Nvd("CVE-2024-1004", negated));
  EXPECT_EQ(b["cpe:acme:tool"], std::nullopt);
  // A criteria with a wildcard in its product fits components of other keys:
  // no bounds for any key of the record.
  const std::string wildcard = R"([{"nodes": [{"operator": "OR", "negate": false, "cpeMatch": [
      {"vulnerable": true, "criteria": "cpe:2.3:a:acme:tool:*:*:*:*:*:*:*:*",
       "versionEndExcluding": "2.0", "matchCriteriaId": "A"},
      {"vulnerable": true, "criteria": "cpe:2.3:a:acme:tool_*:*:*:*:*:*:*:*:*",
       "versionEndExcluding": "3.0", "matchCriteriaId": "B"}]}]}])";
  b = StoredBounds("nvd", Nvd("CVE-2024-1005", wildcard));
  ASSERT_EQ(b.count("cpe:acme:tool"), 1u);
  EXPECT_EQ(b["cpe:acme:tool"], std::nullopt);
}

TEST(IndexBounds, MayConcernJudgesAsTheMatchers) {
  Sbom sbom;
  sbom.Add("a", "left-pad", "1.1.9", "pkg:npm/left-pad@1.1.9");
  sbom.Add("b", "left-pad", "1.2.0", "pkg:npm/left-pad@1.2.0");
  sbom.Add("c", "zlib", "1.2.13", "", "cpe:2.3:a:zlib:zlib:1.2.13:*:*:*:*:*:*:*");
  sbom.Add("d", "zlib", "1.2.11", "", "cpe:2.3:a:zlib:zlib:1.2.11:*:*:*:*:*:*:*");
  sbom.Add("e", "zlib", "1.2.13", "", "cpe:2.3:a:*:zlib:1.2.13:*:*:*:*:*:*:*");
  CollectingSink sink;
  std::vector<ComponentView> views = PrepareComponents(sbom.doc, sink);
  VersionBounds osv;
  osv.osv.push_back({"npm",
                     {{"SEMVER",
                       {{range::OsvEvent::Kind::kIntroduced, "1.0.0"},
                        {range::OsvEvent::Kind::kFixed, "1.2.0"}}}},
                     {}});
  EXPECT_TRUE(PreparedBounds(osv).MayConcern(ProbeComponent(views[0])));
  EXPECT_FALSE(PreparedBounds(osv).MayConcern(ProbeComponent(views[1])));
  VersionBounds cpe;
  cpe.cpe.push_back({"", "", "", "1.2.12", ""});
  EXPECT_FALSE(PreparedBounds(cpe).MayConcern(ProbeComponent(views[2])));
  EXPECT_TRUE(PreparedBounds(cpe).MayConcern(ProbeComponent(views[3])));
  // A vendor ANY fits every vendor: no version is ruled out.
  EXPECT_TRUE(ProbeComponent(views[4]).any);
  EXPECT_TRUE(PreparedBounds(cpe).MayConcern(ProbeComponent(views[4])));
  // A version no scheme reads cannot be ruled out (the matcher says "not
  // evaluable").
  Sbom odd;
  odd.Add("f", "left-pad", "banana", "pkg:npm/left-pad@banana");
  views = PrepareComponents(odd.doc, sink);
  EXPECT_TRUE(PreparedBounds(osv).MayConcern(ProbeComponent(views[0])));
}

// The JSON report writes its findings on two threads and splices them in:
// the text is exactly nlohmann::json's dump(2) of the whole report, for no,
// one, and several findings.
TEST_F(MatchTest, JsonReportIsTheDumpOfTheWholeReport) {
  AddRecords("osv", Osv("GHSA-aaaa-bbbb-cccc", "CVE-2024-0001", "npm", "left-pad", kRange));
  AddRecords("nvd", Nvd("CVE-2022-37434", CpeOr("cpe:2.3:a:zlib:zlib:*:*:*:*:*:*:*:*",
                                                R"(, "versionEndIncluding": "1.2.12")")));
  sbom_.doc.serial_number = "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79";
  for (int i = 0; i < 3; ++i) {
    const std::string n = std::to_string(i);
    sbom_.Add("l" + n, "left-pad", "1.1." + n, "pkg:npm/left-pad@1.1." + n);
    sbom_.Add("z" + n, "zlib", "1.2." + n, "", "cpe:2.3:a:zlib:zlib:1.2." + n + ":*:*:*:*:*:*:*");
  }
  ScanResult all = Run();
  ASSERT_EQ(all.findings.size(), 6u);
  for (size_t n : {0u, 1u, 5u}) {
    ScanResult r = all;
    r.findings.resize(n);
    ReportInput in;
    in.doc = &sbom_.doc;
    in.sbom_name = "pump.cdx.json";
    in.result = &r;
    in.generated_at = "2026-12-06T00:00:00Z";
    nlohmann::json findings = nlohmann::json::array();
    for (const Finding& f : r.findings) findings.push_back(ToJson(f));
    nlohmann::json whole = {{"sbom",
                             {{"file", "pump.cdx.json"},
                              {"serial_number", sbom_.doc.serial_number},
                              {"version", sbom_.doc.version}}},
                            {"generated_at", "2026-12-06T00:00:00Z"},
                            {"stats",
                             {{"components", r.stats.components},
                              {"components_matched", r.stats.components_matched},
                              {"components_without_identity", r.stats.components_without_identity},
                              {"records_considered", r.stats.records_considered},
                              {"withdrawn_skipped", r.stats.withdrawn_skipped},
                              {"not_evaluable", r.stats.not_evaluable},
                              {"cpe_dropped_for_ecosystem", r.stats.cpe_dropped_for_ecosystem}}},
                            {"findings", findings}};
    Result<std::string> text = RenderReport("json", in);
    ASSERT_TRUE(text.ok());
    EXPECT_EQ(*text, whole.dump(2) + "\n") << n << " findings";
  }
}

TEST(PurlToOsv, OneTable) {
  EXPECT_EQ(OsvEcosystemForPurlType("pypi"), "PyPI");
  EXPECT_EQ(OsvEcosystemForPurlType("cargo"), "crates.io");
  EXPECT_EQ(OsvEcosystemForPurlType("golang"), "Go");
  EXPECT_EQ(OsvEcosystemForPurlType("generic"), "");
  EXPECT_EQ(PurlTypeForOsvEcosystem("PyPI"), "pypi");
  EXPECT_EQ(PurlTypeForOsvEcosystem("crates.io"), "cargo");
  EXPECT_EQ(PurlTypeForOsvEcosystem("Debian:12"), "");
  EXPECT_EQ(OsvPackageName(*purl::Parse("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")),
            "org.apache.logging.log4j:log4j-core");
  EXPECT_EQ(OsvPackageName(*purl::Parse("pkg:npm/%40babel/core@7.0.0")), "@babel/core");
  EXPECT_EQ(OsvPackageName(*purl::Parse("pkg:golang/golang.org/x/net@0.1.0")), "golang.org/x/net");
  // PEP 503: the purl keeps '.', the OSV name does not.
  EXPECT_EQ(OsvPackageName(*purl::Parse("pkg:pypi/Foo.Bar_Baz@1.0")), "foo-bar-baz");
}

}  // namespace
}  // namespace soupkeeper::match
