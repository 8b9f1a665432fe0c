// NVD CVE API 2.0 importer: API response pages (`vulnerabilities[].cve`),
// single `{"cve": {...}}` objects, bare cve objects, vunnel's wrapper
// (`{"identifier", "item": {"cve"}}`) and bundles (a JSON array of any of
// these). Metrics of every CVSS version keep their source and type
// (Primary/Secondary); configurations keep nodes, AND/OR, negate and each
// cpeMatch with its version bounds. vulnStatus "Rejected" makes the record
// withdrawn at its lastModified time. The cisaExploitAdd/ActionDue fields NVD
// copies from KEV become NVD's own view of the KEV data.
#include "vuln/importers.h"
#include "vuln/json_support.h"

namespace soupkeeper::vuln {
namespace {

constexpr std::pair<std::string_view, std::string_view> kMetricKeys[] = {
    {"cvssMetricV40", "CVSS_V4"},
    {"cvssMetricV31", "CVSS_V3"},
    {"cvssMetricV30", "CVSS_V3"},
    {"cvssMetricV2", "CVSS_V2"},
};

void ReadMetrics(Reader& r, const Node& cve, Vulnerability& v) {
  std::optional<Node> metrics = r.Member(cve, "metrics");
  if (!metrics) return;
  for (const auto& [key, type] : kMetricKeys) {
    for (const Node& m : r.Arr(*metrics, key)) {
      SeverityScore s;
      s.type = std::string(type);
      s.source = r.Str(m, "source");
      s.kind = r.Str(m, "type");
      std::optional<Node> data = r.Member(m, "cvssData", true);
      if (!data) return;
      s.vector = r.Str(*data, "vectorString", true);
      s.published_score = r.Num(*data, "baseScore");
      if (!r.ok()) return;
      ScoreSeverity(s);
      v.severities.push_back(std::move(s));
    }
  }
}

void ReadConfigurations(Reader& r, const Node& cve, Vulnerability& v) {
  for (const Node& c : r.Arr(cve, "configurations")) {
    Configuration config;
    std::string op = r.Str(c, "operator");
    if (!op.empty()) config.op = op;
    config.negate = r.Bool(c, "negate").value_or(false);
    for (const Node& n : r.Arr(c, "nodes", true)) {
      ConfigNode node;
      node.op = r.Str(n, "operator", true);
      node.negate = r.Bool(n, "negate").value_or(false);
      if (r.ok() && node.op != "AND" && node.op != "OR") {
        r.Fail(n, "operator must be AND or OR, not \"" + node.op + "\"");
      }
      for (const Node& m : r.Arr(n, "cpeMatch")) {
        CpeMatch match;
        std::optional<bool> vulnerable = r.Bool(m, "vulnerable");
        if (r.ok() && !vulnerable) r.Fail(m, "missing required property \"vulnerable\"");
        match.vulnerable = vulnerable.value_or(true);
        match.criteria = r.Str(m, "criteria", true);
        match.match_criteria_id = r.Str(m, "matchCriteriaId");
        match.bounds.start_including = r.Str(m, "versionStartIncluding");
        match.bounds.start_excluding = r.Str(m, "versionStartExcluding");
        match.bounds.end_including = r.Str(m, "versionEndIncluding");
        match.bounds.end_excluding = r.Str(m, "versionEndExcluding");
        // The criteria's version field (the sixth component of cpe:2.3:).
        size_t pos = 0;
        for (int i = 0; i < 5 && pos != std::string::npos; ++i) {
          pos = match.criteria.find(':', pos == 0 ? 0 : pos + 1);
        }
        if (pos != std::string::npos) {
          size_t end = match.criteria.find(':', pos + 1);
          match.bounds.criteria_version = match.criteria.substr(pos + 1, end - pos - 1);
        }
        node.matches.push_back(std::move(match));
      }
      if (!r.ok()) return;
      config.nodes.push_back(std::move(node));
    }
    if (!r.ok()) return;
    v.configurations.push_back(std::move(config));
  }
}

void DecodeCve(Reader& r, const Node& cve, Vulnerability& v) {
  if (!r.IsObject(cve)) return;
  v.id = r.Str(cve, "id", true);
  v.published = r.Time(cve, "published", true);
  v.modified = r.Time(cve, "lastModified", true);
  v.status = r.Str(cve, "vulnStatus");
  if (v.status == "Rejected") v.withdrawn = v.modified;
  for (const Node& d : r.Arr(cve, "descriptions")) {
    if (r.Str(d, "lang") == "en" && v.details.empty()) v.details = r.Str(d, "value", true);
  }
  ReadMetrics(r, cve, v);
  for (const Node& w : r.Arr(cve, "weaknesses")) {
    for (const Node& d : r.Arr(w, "description")) {
      std::string value = r.Str(d, "value");
      if (value.rfind("CWE-", 0) == 0) AddUnique(v.cwes, value);
    }
  }
  ReadConfigurations(r, cve, v);
  for (const Node& ref : r.Arr(cve, "references")) {
    Reference out;
    out.url = r.Str(ref, "url", true);
    out.tags = r.Strings(ref, "tags");
    v.references.push_back(std::move(out));
  }
  std::string kev_added = r.Str(cve, "cisaExploitAdd");
  if (!kev_added.empty()) {
    Kev k;
    k.date_added = kev_added;
    k.due_date = r.Str(cve, "cisaActionDue");
    k.required_action = r.Str(cve, "cisaRequiredAction");
    k.vulnerability_name = r.Str(cve, "cisaVulnerabilityName");
    v.kev = std::move(k);
  }
  v.provenance.source = "nvd";
  v.provenance.source_id = v.id;
  v.provenance.source_modified = v.modified;
  v.provenance.sha256 = RecordHash(cve.e);
}

// The cve object inside one element of a page, bundle or wrapper.
std::optional<Node> CveOf(Reader& r, const Node& item) {
  if (!r.IsObject(item)) return std::nullopt;
  if (std::optional<Node> cve = r.Member(item, "cve")) return cve;
  if (std::optional<Node> wrapped = r.Member(item, "item")) {
    // vunnel wrapper; keep the wrapper node alive through the reader.
    return r.Member(*r.Hold(*wrapped), "cve", true);
  }
  return item;  // a bare cve object
}

class NvdImporter final : public FeedImporter {
 public:
  std::string_view Name() const override { return "nvd"; }

  bool Identify(std::string_view bytes) const override {
    std::string_view head = Head(bytes, 65536);
    if (head.empty() || (head[0] != '{' && head[0] != '[')) return false;
    if (FindText(head, "\"NVD_CVE\"") != std::string_view::npos) return true;
    return HasKey(head, "vulnStatus") ||
           (HasKey(head, "sourceIdentifier") && HasKey(head, "lastModified"));
  }

  Status Decode(std::string_view bytes, const std::string& source_name, const RecordFn& emit,
                DiagnosticSink& sink) const override {
    dom::parser parser;
    dom::element root;
    SK_RETURN_IF_ERROR(ParseJson(parser, bytes, source_name, &root));
    Node top = Node::Root(root);
    Reader outer;
    std::vector<Node> items;
    if (root.is_array()) {
      items = outer.Elements(top);
    } else if (std::optional<Node> list = outer.Member(top, "vulnerabilities")) {
      items = outer.Elements(*outer.Hold(*list));
    } else {
      items.push_back(top);
    }
    if (!outer.ok()) {
      return ParseError(source_name + ": " + outer.pointer() + ": " + outer.problem());
    }
    for (const Node& item : items) {
      Reader r;
      Vulnerability v;
      std::optional<Node> cve = CveOf(r, item);
      if (cve) DecodeCve(r, *cve, v);
      if (!r.ok()) {
        ReportRecordProblem(sink, source_name, v.id, r);
        continue;
      }
      v.provenance.location = source_name + (item.parent == nullptr ? "" : "#" + item.Pointer());
      SK_RETURN_IF_ERROR(emit(std::move(v)));
    }
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<FeedImporter> NewNvdImporter() { return std::make_unique<NvdImporter>(); }

}  // namespace soupkeeper::vuln
