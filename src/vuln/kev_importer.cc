// CISA Known Exploited Vulnerabilities catalog importer (the catalog JSON:
// title, catalogVersion, dateReleased, count, vulnerabilities[]). Each entry
// becomes a "kev" record for its CVE with dateAdded, dueDate,
// knownRansomwareCampaignUse, requiredAction and CWEs. The catalog's `count`
// must equal the number of entries, so a truncated download is caught.
#include "vuln/importers.h"
#include "vuln/json_support.h"

namespace soupkeeper::vuln {
namespace {

bool IsDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return NormalizeTime(s).has_value();  // also a real month and day
}

class KevImporter final : public FeedImporter {
 public:
  std::string_view Name() const override { return "kev"; }

  bool Identify(std::string_view bytes) const override {
    std::string_view head = Head(bytes, 4096);
    return !head.empty() && head[0] == '{' && HasKey(head, "catalogVersion");
  }

  Status Decode(std::string_view bytes, const std::string& source_name, const RecordFn& emit,
                DiagnosticSink& sink) const override {
    dom::parser parser;
    dom::element root;
    SK_RETURN_IF_ERROR(ParseJson(parser, bytes, source_name, &root));
    Node top = Node::Root(root);
    Reader outer;
    std::string version = outer.Str(top, "catalogVersion", true);
    outer.Time(top, "dateReleased");  // checked, not kept
    std::optional<double> count = outer.Num(top, "count");
    std::vector<Node> entries = outer.Arr(top, "vulnerabilities", true);
    if (outer.ok() && count && static_cast<size_t>(*count) != entries.size()) {
      outer.Fail(top, "count is " + std::to_string(static_cast<int64_t>(*count)) + " but " +
                          std::to_string(entries.size()) + " vulnerabilities are listed");
    }
    if (!outer.ok()) {
      return ParseError(source_name + ": " + outer.pointer() + ": " + outer.problem());
    }
    for (const Node& e : entries) {
      Reader r;
      Vulnerability v;
      Kev k;
      v.id = r.Str(e, "cveID", true);
      k.date_added = r.Str(e, "dateAdded", true);
      k.due_date = r.Str(e, "dueDate", true);
      k.known_ransomware_campaign_use = r.Str(e, "knownRansomwareCampaignUse");
      k.required_action = r.Str(e, "requiredAction", true);
      k.vendor_project = r.Str(e, "vendorProject");
      k.product = r.Str(e, "product");
      k.vulnerability_name = r.Str(e, "vulnerabilityName");
      k.notes = r.Str(e, "notes");
      k.catalog_version = version;
      v.summary = k.vulnerability_name;
      v.details = r.Str(e, "shortDescription");
      for (std::string& c : r.Strings(e, "cwes")) AddUnique(v.cwes, std::move(c));
      if (r.ok() && v.id.rfind("CVE-", 0) != 0) {
        r.Fail(*r.Member(e, "cveID"), "not a CVE id: \"" + v.id + "\"");
      }
      for (const char* key : {"dateAdded", "dueDate"}) {
        std::string d = r.Str(e, key);
        if (r.ok() && !IsDate(d))
          r.Fail(*r.Member(e, key), "not a date (YYYY-MM-DD): \"" + d + "\"");
      }
      if (!r.ok()) {
        ReportRecordProblem(sink, source_name, v.id, r);
        continue;
      }
      v.kev = std::move(k);
      v.provenance.source = "kev";
      v.provenance.source_id = v.id;
      v.provenance.source_modified = *NormalizeTime(v.kev->date_added);
      v.provenance.location = source_name + "#" + e.Pointer();
      v.provenance.sha256 = RecordHash(e.e);
      SK_RETURN_IF_ERROR(emit(std::move(v)));
    }
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<FeedImporter> NewKevImporter() { return std::make_unique<KevImporter>(); }

}  // namespace soupkeeper::vuln
