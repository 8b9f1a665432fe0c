// CSAF 2.0 importer (security advisories, the VEX profile, and any other
// category with vulnerabilities): one record per element of
// `vulnerabilities[]`, source id "<tracking id>/<cve or index>". The product
// tree (branches to any depth, full_product_names and relationships) gives
// every product id its name and product identification helpers (purl, cpe);
// each product_status list becomes per-product statuses. Scores (cvss_v2,
// cvss_v3), CWE, notes, references, remediations and VEX flags are kept.
//
// The record hash is over the whole advisory (minified), because a record's
// products come from the document's shared product tree. An advisory with
// exactly one CVE gives its tracking id (e.g. ICSMA-24-123-01) as an alias of
// that CVE; one that covers several CVEs does not, since an alias names one
// vulnerability.
#include <map>

#include "soupkeeper/hash.h"
#include "vuln/importers.h"
#include "vuln/json_support.h"

namespace soupkeeper::vuln {
namespace {

struct ProductInfo {
  std::string name, purl, cpe;
};

using ProductMap = std::map<std::string, ProductInfo>;

void ReadFullProductName(Reader& r, const Node& p, ProductMap& products) {
  std::string id = r.Str(p, "product_id", true);
  ProductInfo& info = products[id];
  info.name = r.Str(p, "name", true);
  if (std::optional<Node> h = r.Member(p, "product_identification_helper")) {
    info.purl = r.Str(*h, "purl");
    info.cpe = r.Str(*h, "cpe");
  }
}

void ReadBranches(Reader& r, const Node& parent, ProductMap& products, int depth) {
  if (depth > 30) {
    r.Fail(parent, "branches nested more than 30 deep");
    return;
  }
  for (const Node& b : r.Arr(parent, "branches")) {
    if (std::optional<Node> p = r.Member(b, "product")) ReadFullProductName(r, *p, products);
    ReadBranches(r, b, products, depth + 1);
    if (!r.ok()) return;
  }
}

ProductMap ReadProductTree(Reader& r, const Node& root) {
  ProductMap products;
  std::optional<Node> tree = r.Member(root, "product_tree");
  if (!tree) return products;
  ReadBranches(r, *tree, products, 0);
  for (const Node& p : r.Arr(*tree, "full_product_names")) ReadFullProductName(r, p, products);
  for (const Node& rel : r.Arr(*tree, "relationships")) {
    if (std::optional<Node> p = r.Member(rel, "full_product_name", true)) {
      ReadFullProductName(r, *p, products);
    }
  }
  return products;
}

constexpr std::string_view kStatusKeys[] = {
    "first_affected",     "first_fixed",   "fixed",       "known_affected",
    "known_not_affected", "last_affected", "recommended", "under_investigation",
};

void DecodeVulnerability(Reader& r, const Node& vn, const ProductMap& products,
                         const std::string& publisher, Vulnerability& v) {
  v.id = r.Str(vn, "cve");
  if (v.id.empty()) {
    std::vector<Node> ids = r.Arr(vn, "ids");
    if (!ids.empty()) v.id = r.Str(ids[0], "text", true);
  }
  v.summary = r.Str(vn, "title");
  for (const Node& note : r.Arr(vn, "notes")) {
    std::string category = r.Str(note, "category", true);
    std::string text = r.Str(note, "text", true);
    if ((category == "description" || category == "summary") && v.details.empty()) {
      v.details = text;
    }
  }
  if (std::optional<Node> cwe = r.Member(vn, "cwe")) AddUnique(v.cwes, r.Str(*cwe, "id", true));
  for (const Node& s : r.Arr(vn, "scores")) {
    for (const auto& [key, type] :
         {std::pair<std::string_view, std::string_view>{"cvss_v3", "CVSS_V3"},
          {"cvss_v2", "CVSS_V2"}}) {
      std::optional<Node> c = r.Member(s, key);
      if (!c) continue;
      SeverityScore sev;
      sev.type = std::string(type);
      sev.vector = r.Str(*c, "vectorString", true);
      sev.published_score = r.Num(*c, "baseScore");
      sev.source = publisher;
      ScoreSeverity(sev);
      v.severities.push_back(std::move(sev));
    }
    r.Arr(s, "products", true);
  }
  if (std::optional<Node> status = r.Member(vn, "product_status")) {
    for (std::string_view key : kStatusKeys) {
      for (const Node& pid : r.Arr(*status, key)) {
        ProductStatus ps;
        ps.product_id = r.AsString(pid);
        ps.status = std::string(key);
        auto it = products.find(ps.product_id);
        if (r.ok() && it == products.end()) {
          r.Fail(pid, "product id \"" + ps.product_id + "\" is not in the product tree");
        }
        if (!r.ok()) return;
        ps.name = it->second.name;
        ps.purl = it->second.purl;
        ps.cpe = it->second.cpe;
        v.products.push_back(std::move(ps));
      }
    }
  }
  for (const Node& rem : r.Arr(vn, "remediations")) {
    Remediation out;
    out.category = r.Str(rem, "category", true);
    out.details = r.Str(rem, "details", true);
    out.url = r.Str(rem, "url");
    out.product_ids = r.Strings(rem, "product_ids");
    v.remediations.push_back(std::move(out));
  }
  for (const Node& f : r.Arr(vn, "flags")) {
    Flag out;
    out.label = r.Str(f, "label", true);
    out.product_ids = r.Strings(f, "product_ids");
    v.flags.push_back(std::move(out));
  }
  for (const Node& ref : r.Arr(vn, "references")) {
    Reference out;
    out.url = r.Str(ref, "url", true);
    out.type = r.Str(ref, "category");
    v.references.push_back(std::move(out));
  }
}

class CsafImporter final : public FeedImporter {
 public:
  std::string_view Name() const override { return "csaf"; }

  bool Identify(std::string_view bytes) const override {
    std::string_view head = Head(bytes, 65536);
    return !head.empty() && head[0] == '{' && HasKey(head, "csaf_version") &&
           HasKey(head, "document");
  }

  Status Decode(std::string_view bytes, const std::string& source_name, const RecordFn& emit,
                DiagnosticSink& sink) const override {
    dom::parser parser;
    dom::element root;
    SK_RETURN_IF_ERROR(ParseJson(parser, bytes, source_name, &root));
    Node top = Node::Root(root);
    Reader doc_reader;
    std::optional<Node> doc = doc_reader.Member(top, "document", true);
    std::string version, tracking_id, published, modified, status, publisher;
    if (doc) {
      version = doc_reader.Str(*doc, "csaf_version", true);
      if (std::optional<Node> pub = doc_reader.Member(*doc, "publisher", true)) {
        publisher = doc_reader.Str(*pub, "name", true);
      }
      if (std::optional<Node> t = doc_reader.Member(*doc, "tracking", true)) {
        tracking_id = doc_reader.Str(*t, "id", true);
        published = doc_reader.Time(*t, "initial_release_date", true);
        modified = doc_reader.Time(*t, "current_release_date", true);
        status = doc_reader.Str(*t, "status", true);
      }
    }
    if (doc_reader.ok() && version != "2.0") {
      doc_reader.Fail(*doc, "csaf_version \"" + version + "\" is not supported (only 2.0)");
    }
    ProductMap products = ReadProductTree(doc_reader, top);
    std::vector<Node> vulns = doc_reader.Arr(top, "vulnerabilities");
    if (!doc_reader.ok()) {
      return ParseError(source_name + ": " + doc_reader.pointer() + ": " + doc_reader.problem());
    }
    const std::string hash = RecordHash(root);
    size_t cves = 0;
    for (const Node& vn : vulns) {
      dom::element cve;
      if (vn.e.is_object() && vn.e.at_key("cve").get(cve) == simdjson::SUCCESS) ++cves;
    }
    for (const Node& vn : vulns) {
      Reader r;
      Vulnerability v;
      DecodeVulnerability(r, vn, products, publisher, v);
      if (r.ok() && v.id.empty()) {
        v.id = vulns.size() == 1 ? tracking_id : tracking_id + "/" + std::to_string(vn.index);
      }
      if (!r.ok()) {
        ReportRecordProblem(sink, source_name, tracking_id + (v.id.empty() ? "" : "/" + v.id), r);
        continue;
      }
      if (cves == 1 && vulns.size() == 1 && v.id != tracking_id) v.aliases.push_back(tracking_id);
      v.advisory_id = tracking_id;
      v.published = published;
      v.modified = modified;
      v.status = status;
      v.provenance.source = "csaf";
      v.provenance.source_id = tracking_id + "/" + v.id;
      v.provenance.source_modified = modified;
      v.provenance.location = source_name + "#" + vn.Pointer();
      v.provenance.sha256 = hash;
      SK_RETURN_IF_ERROR(emit(std::move(v)));
    }
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<FeedImporter> NewCsafImporter() { return std::make_unique<CsafImporter>(); }

}  // namespace soupkeeper::vuln
