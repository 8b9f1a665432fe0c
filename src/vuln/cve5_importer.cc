// CVE JSON 5.x importer (CVE Program records, e.g. cvelistV5 and CISA's
// vulnrichment): cveMetadata gives id, state and dates (state REJECTED makes
// the record withdrawn at dateRejected, else dateUpdated); the CNA container
// and every ADP container give descriptions, metrics (cvssV2_0, cvssV3_0,
// cvssV3_1, cvssV4_0; source = the container's provider shortName, kind
// "cna" or "adp"), problem types (CWE ids), references and affected
// products. Each affected entry keeps its raw JSON (vendor, product,
// defaultStatus, cpes...) and its versions become OSV-style ranges: an
// affected version with lessThan is introduced..fixed, with lessThanOrEqual
// introduced..last_affected, without either a listed version.
#include "vuln/importers.h"
#include "vuln/json_support.h"

namespace soupkeeper::vuln {
namespace {

constexpr std::pair<std::string_view, std::string_view> kMetrics[] = {
    {"cvssV4_0", "CVSS_V4"},
    {"cvssV3_1", "CVSS_V3"},
    {"cvssV3_0", "CVSS_V3"},
    {"cvssV2_0", "CVSS_V2"},
};

void ReadAffected(Reader& r, const Node& a, Vulnerability& v) {
  PackageAffected pa;
  pa.name = r.Str(a, "packageName");
  if (pa.name.empty()) {
    std::string vendor = r.Str(a, "vendor"), product = r.Str(a, "product");
    pa.name = vendor.empty() ? product : vendor + "/" + product;
  }
  pa.ecosystem = r.Str(a, "collectionURL");
  pa.ranges.ecosystem = pa.ecosystem;
  for (const Node& ver : r.Arr(a, "versions")) {
    std::string version = r.Str(ver, "version", true);
    std::string status = r.Str(ver, "status", true);
    std::string type = r.Str(ver, "versionType");
    std::string less = r.Str(ver, "lessThan");
    std::string less_eq = r.Str(ver, "lessThanOrEqual");
    if (!r.ok()) return;
    if (status != "affected" && status != "unaffected" && status != "unknown") {
      r.Fail(ver, "status must be affected, unaffected or unknown, not \"" + status + "\"");
      return;
    }
    if (status != "affected") continue;
    if (less.empty() && less_eq.empty()) {
      pa.ranges.versions.push_back(version);
      continue;
    }
    range::OsvRange rg;
    rg.type = type == "semver" ? "SEMVER" : type == "git" ? "GIT" : "ECOSYSTEM";
    rg.events.push_back(
        {range::OsvEvent::Kind::kIntroduced, version == "*" || version == "0" ? "0" : version});
    if (!less.empty() && less != "*") {
      rg.events.push_back({range::OsvEvent::Kind::kFixed, less});
    } else if (!less_eq.empty() && less_eq != "*") {
      rg.events.push_back({range::OsvEvent::Kind::kLastAffected, less_eq});
    }
    pa.ranges.ranges.push_back(std::move(rg));
    pa.range_repos.push_back(type == "git" ? r.Str(a, "repo") : "");
  }
  pa.database_specific = simdjson::minify(a.e);
  v.affected.push_back(std::move(pa));
}

void ReadContainer(Reader& r, const Node& c, std::string_view kind, Vulnerability& v) {
  std::string provider;
  if (std::optional<Node> pm = r.Member(c, "providerMetadata")) {
    provider = r.Str(*pm, "shortName");
  }
  if (v.summary.empty()) v.summary = r.Str(c, "title");
  for (const Node& d : r.Arr(c, "descriptions")) {
    std::string lang = r.Str(d, "lang");
    if (v.details.empty() && (lang == "en" || lang.rfind("en-", 0) == 0)) {
      v.details = r.Str(d, "value", true);
    }
  }
  for (const Node& m : r.Arr(c, "metrics")) {
    for (const auto& [key, type] : kMetrics) {
      std::optional<Node> data = r.Member(m, key);
      if (!data) continue;
      SeverityScore s;
      s.type = std::string(type);
      s.vector = r.Str(*data, "vectorString", true);
      s.published_score = r.Num(*data, "baseScore");
      s.source = provider;
      s.kind = std::string(kind);
      if (!r.ok()) return;
      ScoreSeverity(s);
      v.severities.push_back(std::move(s));
    }
  }
  for (const Node& p : r.Arr(c, "problemTypes")) {
    for (const Node& d : r.Arr(p, "descriptions")) AddUnique(v.cwes, r.Str(d, "cweId"));
  }
  for (const Node& ref : r.Arr(c, "references")) {
    Reference out;
    out.url = r.Str(ref, "url", true);
    out.tags = r.Strings(ref, "tags");
    v.references.push_back(std::move(out));
  }
  for (const Node& a : r.Arr(c, "affected")) ReadAffected(r, a, v);
}

void DecodeRecord(Reader& r, const Node& rec, Vulnerability& v) {
  std::string version = r.Str(rec, "dataVersion", true);
  if (r.ok() && version.rfind("5.", 0) != 0) {
    r.Fail(*r.Member(rec, "dataVersion"), "dataVersion \"" + version + "\" is not 5.x");
  }
  std::optional<Node> meta = r.Member(rec, "cveMetadata", true);
  if (!meta) return;
  v.id = r.Str(*meta, "cveId", true);
  v.status = r.Str(*meta, "state", true);
  v.published = r.Time(*meta, "datePublished");
  v.modified = r.Time(*meta, "dateUpdated");
  std::string rejected = r.Time(*meta, "dateRejected");
  if (v.status == "REJECTED") v.withdrawn = !rejected.empty() ? rejected : v.modified;
  if (v.modified.empty()) v.modified = !rejected.empty() ? rejected : v.published;
  std::optional<Node> containers = r.Member(rec, "containers", true);
  if (!containers) return;
  if (std::optional<Node> cna = r.Member(*containers, "cna", true)) {
    ReadContainer(r, *cna, "cna", v);
    if (v.details.empty()) {
      for (const Node& d : r.Arr(*cna, "rejectedReasons")) {
        if (v.details.empty()) v.details = r.Str(d, "value");
      }
    }
  }
  for (const Node& adp : r.Arr(*containers, "adp")) ReadContainer(r, adp, "adp", v);
  v.provenance.source = "cve5";
  v.provenance.source_id = v.id;
  v.provenance.source_modified = v.modified;
  v.provenance.sha256 = RecordHash(rec.e);
}

class Cve5Importer final : public FeedImporter {
 public:
  std::string_view Name() const override { return "cve5"; }

  bool Identify(std::string_view bytes) const override {
    std::string_view head = Head(bytes, 65536);
    return !head.empty() && (head[0] == '{' || head[0] == '[') && HasKey(head, "cveMetadata") &&
           HasKey(head, "dataVersion");
  }

  Status Decode(std::string_view bytes, const std::string& source_name, const RecordFn& emit,
                DiagnosticSink& sink) const override {
    return DecodeEach(bytes, source_name, emit, sink, DecodeRecord);
  }
};

}  // namespace

std::unique_ptr<FeedImporter> NewCve5Importer() { return std::make_unique<Cve5Importer>(); }

}  // namespace soupkeeper::vuln
