// scale_gen: writes a knowledge base and SBOMs at the scale of issues 5 and 6
// for the end-to-end timings of bench/scale.sh (docs/parts/scale.md).
//
//   scale_gen DIR [--nvd N] [--osv N] [--csaf N] [--changed N] [--revision R] [--packages N]
//             [--sbom K,K,...]
//
// Writes, deterministically (fixed seed):
//  - DIR/nvd/page-NNNN.json: NVD CVE API 2.0 response pages of 2,000 records,
//    each record shaped like a real analysed CVE (two descriptions, CVSS 3.1
//    and 2.0 metrics, a weakness, a configuration of an OR node with eight
//    cpeMatch entries, some with version bounds, 30 tagged references), about
//    7.4 KB each, as real records average;
//  - DIR/nvd-changed/page-NNNN.json: the first --changed records (default
//    2,000) as changed later (newer lastModified, another description), for
//    the incremental update; --revision R (default 1) for a second or later
//    change;
//  - DIR/osv/<ecosystem>.zip: one OSV file per record, as the osv.dev
//    ecosystem exports are (npm, PyPI, Maven, Go), with aliases, details, a
//    CVSS vector, a SEMVER or ECOSYSTEM range and references;
//  - DIR/csaf/<id>.json: --csaf CSAF 2.0 advisories (default 10,000) of a
//    vendor's packages, each for one CVE of the NVD set (CsafDocument);
//  - DIR/sbom-K.cdx.json: CycloneDX 1.6 SBOMs of K components: a quarter
//    each npm, PyPI, Maven and CPE-only C libraries, drawn from the same
//    package universe as the advisories, versions random, so a realistic
//    share of components lies inside some advisory's range.
// Package universe: --packages names per ecosystem (default 20,000); record i
// affects package i / 4 mod packages of ecosystem i mod 4 (OSV) or product
// i mod packages (NVD), versions [m.0.0, m.4.2) with m = i mod 7.
#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "scale_records.h"
#include "scale_sbom.h"

namespace {

namespace fs = std::filesystem;

struct Options {
  fs::path dir;
  int nvd = 400000;
  int osv = 500000;
  int csaf = 10000;
  int packages = 20000;
  int changed = 2000;
  int revision = 1;  // of the changed records
  std::vector<int> sboms = {1000, 10000, 50000};
};

using scale::kEcosystems;
using scale::Num;
using scale::NvdRecord;
using scale::OsvName;
using scale::OsvRecord;
using scale::Purl;

// A CSAF 2.0 security advisory shaped like a vendor's (CISA ICS, Siemens):
// document notes and a revision history, a product tree of vendor, product
// name and five product versions identified by purl, one vulnerability (a
// CVE also in the NVD set) with notes, a CVSS 3.1 score, known_affected and
// fixed product statuses, two remediations and six references; about 7 KB.
std::string CsafDocument(int i, int packages) {
  const int e = i % 3;
  const int p = (i * 7 + 3) % packages;
  const int m = i % 7;
  const std::string id = "SCALE-SA-2025-" + Num(100000 + i);
  const std::string cve = "CVE-2025-" + Num(100000 + i);
  const std::string name = OsvName(e, p);
  std::string branches, affected, fixed;
  for (int v = 0; v < 5; ++v) {
    const std::string version = Num(m) + "." + (v < 4 ? Num(v) + ".0" : "4.2");
    const std::string pid = "CSAFPID-" + Num(v + 1);
    if (v > 0) branches += ",";
    branches += R"({"category":"product_version","name":")" + version + R"(","product":{"name":")" +
                name + " " + version + R"(","product_id":")" + pid +
                R"(","product_identification_helper":{"purl":")" + Purl(e, p, version) + R"("}}})";
    std::string& list = v < 4 ? affected : fixed;
    if (!list.empty()) list += ",";
    list += "\"" + pid + "\"";
  }
  std::string refs;
  for (int r = 0; r < 6; ++r) {
    if (r > 0) refs += ",";
    refs += R"({"category":"external","summary":"advisory )" + Num(r) +
            R"(","url":"https://vendor.example.com/security/)" + id + "/" + Num(r) + R"("})";
  }
  return R"({"document":{"category":"csaf_security_advisory","csaf_version":"2.0",)"
         R"("distribution":{"tlp":{"label":"WHITE","url":"https://www.first.org/tlp/"}},)"
         R"("lang":"en-US","notes":[{"category":"legal_disclaimer","title":"Legal Notice","text":")" +
         std::string(900, 'l') + R"("},{"category":"summary","title":"Risk evaluation","text":")" +
         std::string(500, 'r') +
         R"("}],"publisher":{"category":"vendor","name":"Scale Vendor",)"
         R"("namespace":"https://vendor.example.com"},"title":"Scale Vendor )" +
         name + R"(","tracking":{"id":")" + id +
         R"(","initial_release_date":"2025-01-02T03:04:05.000Z",)"
         R"("current_release_date":"2025-03-04T05:06:07.000Z","status":"final","version":"3",)"
         R"("revision_history":[{"date":"2025-01-02T03:04:05.000Z","number":"1","summary":"Initial release"},)"
         R"({"date":"2025-02-03T04:05:06.000Z","number":"2","summary":"Added fixed versions"},)"
         R"({"date":"2025-03-04T05:06:07.000Z","number":"3","summary":"Updated mitigations"}],)"
         R"("generator":{"engine":{"name":"scale_gen","version":"1"}}}},)"
         R"("product_tree":{"branches":[{"category":"vendor","name":"Scale Vendor","branches":[)"
         R"({"category":"product_name","name":")" +
         name + R"(","branches":[)" + branches +
         R"(]}]}]},)"
         R"("vulnerabilities":[{"cve":")" +
         cve +
         R"(","cwe":{"id":"CWE-787","name":"Out-of-bounds Write"},)"
         R"("notes":[{"category":"summary","title":"Vulnerability summary","text":")" +
         std::string(700, 'v') +
         R"("}],"scores":[{"cvss_v3":{"version":"3.1","vectorString":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",)"
         R"("baseScore":9.8,"baseSeverity":"CRITICAL"},"products":[)" +
         affected + R"(]}],"product_status":{"known_affected":[)" + affected + R"(],"fixed":[)" +
         fixed + R"(]},"remediations":[{"category":"vendor_fix","details":")" +
         std::string(400, 'f') + R"(","product_ids":[)" + affected +
         R"(]},{"category":"mitigation","details":")" + std::string(600, 'g') +
         R"(","product_ids":[)" + affected + R"(]}],"references":[)" + refs + "]}]}";
}

bool WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

// NVD API pages of records [0, count) of `revision` under DIR/folder.
bool WriteNvd(const Options& o, const std::string& folder, int count, int revision) {
  fs::create_directories(o.dir / folder);
  constexpr int kPage = 2000;
  for (int start = 0; start < count; start += kPage) {
    const int n = std::min(kPage, count - start);
    std::string s = R"({"resultsPerPage":)" + Num(n) + R"(,"startIndex":)" + Num(start) +
                    R"(,"totalResults":)" + Num(count) +
                    R"(,"format":"NVD_CVE","version":"2.0","timestamp":"2025-06-01T00:00:00.000",)"
                    R"("vulnerabilities":[)";
    for (int i = start; i < start + n; ++i) {
      if (i > start) s += ",";
      s += NvdRecord(i, o.packages, revision);
    }
    s += "]}";
    char name[32];
    std::snprintf(name, sizeof name, "page-%04d.json", start / kPage);
    if (!WriteFile(o.dir / folder / name, s)) return false;
  }
  return true;
}

bool WriteOsv(const Options& o) {
  fs::create_directories(o.dir / "osv");
  for (int e = 0; e < 4; ++e) {
    const std::string path = (o.dir / "osv" / (std::string(kEcosystems[e]) + ".zip")).string();
    archive* a = archive_write_new();
    archive_write_set_format_zip(a);
    if (archive_write_open_filename(a, path.c_str()) != ARCHIVE_OK) return false;
    archive_entry* entry = archive_entry_new();
    for (int i = e; i < o.osv; i += 4) {
      const std::string text = OsvRecord(i, o.packages);
      archive_entry_clear(entry);
      archive_entry_set_pathname(entry, ("GHSA-scal-" + Num(1000000 + i) + ".json").c_str());
      archive_entry_set_size(entry, static_cast<la_int64_t>(text.size()));
      archive_entry_set_filetype(entry, AE_IFREG);
      archive_entry_set_perm(entry, 0644);
      if (archive_write_header(a, entry) != ARCHIVE_OK ||
          archive_write_data(a, text.data(), text.size()) < 0) {
        return false;
      }
    }
    archive_entry_free(entry);
    if (archive_write_close(a) != ARCHIVE_OK) return false;
    archive_write_free(a);
  }
  return true;
}

// DIR/csaf/<id>.json, one advisory per file as a provider's directory has them.
bool WriteCsaf(const Options& o) {
  fs::create_directories(o.dir / "csaf");
  for (int i = 0; i < o.csaf; ++i) {
    const std::string name = "scale-sa-2025-" + Num(100000 + i) + ".json";
    if (!WriteFile(o.dir / "csaf" / name, CsafDocument(i, o.packages))) return false;
  }
  return true;
}

bool WriteSbom(const Options& o, int components) {
  return WriteFile(o.dir / ("sbom-" + Num(components) + ".cdx.json"),
                   scale::SbomText(components, o.packages, components, 0, components));
}

int Usage() {
  std::cerr << "usage: scale_gen DIR [--nvd N] [--osv N] [--csaf N] [--changed N] [--revision R] "
               "[--packages N] "
               "[--sbom K,K,...]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage();
  Options o;
  o.dir = argv[1];
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--nvd") {
      o.nvd = std::atoi(value.c_str());
    } else if (flag == "--osv") {
      o.osv = std::atoi(value.c_str());
    } else if (flag == "--csaf") {
      o.csaf = std::atoi(value.c_str());
    } else if (flag == "--revision") {
      o.revision = std::clamp(std::atoi(value.c_str()), 1, 5);
    } else if (flag == "--changed") {
      o.changed = std::atoi(value.c_str());
    } else if (flag == "--packages") {
      o.packages = std::max(1, std::atoi(value.c_str()));
    } else if (flag == "--sbom") {
      o.sboms.clear();
      std::stringstream list(value);
      for (std::string k; std::getline(list, k, ',');) o.sboms.push_back(std::atoi(k.c_str()));
    } else {
      return Usage();
    }
  }
  if ((argc - 2) % 2 != 0) return Usage();
  fs::create_directories(o.dir);
  if (!WriteNvd(o, "nvd", o.nvd, 0) ||
      !WriteNvd(o, "nvd-changed", std::min(o.changed, o.nvd), o.revision) || !WriteOsv(o) ||
      !WriteCsaf(o)) {
    std::cerr << "scale_gen: cannot write under " << o.dir << "\n";
    return 3;
  }
  for (int k : o.sboms) {
    if (!WriteSbom(o, k)) {
      std::cerr << "scale_gen: cannot write the SBOM of " << k << " components\n";
      return 3;
    }
  }
  std::cout << "wrote " << o.nvd << " NVD records, " << o.osv << " OSV records, " << o.csaf
            << " CSAF advisories and " << o.sboms.size() << " SBOMs under " << o.dir << "\n";
  return 0;
}
