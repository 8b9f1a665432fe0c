// Pre-adoption assessments (with the knowledge base's findings at the time)
// and security risks of SOUP items.
#include <algorithm>

#include "inventory/internal.h"
#include "soupkeeper/env.h"
#include "soupkeeper/inventory.h"
#include "soupkeeper/match.h"
#include "soupkeeper/purl.h"

namespace soupkeeper::inventory {
namespace {

using internal::JsonText;
using internal::ValidateText;

constexpr std::string_view kDecisions[] = {"approved", "approved-with-conditions", "rejected"};
constexpr std::string_view kResults[] = {"pass", "fail", "n/a"};
constexpr std::string_view kDispositions[] = {"acceptable", "controlled", "transferred",
                                              "not-used-vulnerably"};

template <size_t N>
bool OneOf(const std::string_view (&set)[N], std::string_view s) {
  return std::find(std::begin(set), std::end(set), s) != std::end(set);
}

Status Required(std::string_view what, const std::string& text) {
  if (text.empty()) return InvalidArgument(std::string(what) + " is required");
  return ValidateText(what, text);
}

// The criteria in kCriteria order; each exactly once.
Result<std::vector<Criterion>> CheckCriteria(const std::vector<Criterion>& given) {
  std::vector<Criterion> out;
  for (std::string_view name : kCriteria) {
    const Criterion* found = nullptr;
    for (const Criterion& c : given) {
      if (c.criterion != name) continue;
      if (found) return InvalidArgument("criterion " + std::string(name) + " is given twice");
      found = &c;
    }
    if (!found) {
      return InvalidArgument("criterion " + std::string(name) +
                             " is missing (give maintenance-activity, security-history, "
                             "supplier-security-commitment and license)");
    }
    if (!OneOf(kResults, found->result)) {
      return InvalidArgument("criterion " + std::string(name) + ": result '" + found->result +
                             "' is not pass, fail or n/a");
    }
    SK_RETURN_IF_ERROR(ValidateText("criterion " + std::string(name), found->note));
    out.push_back(*found);
  }
  for (const Criterion& c : given) {
    if (std::find(std::begin(kCriteria), std::end(kCriteria), c.criterion) == std::end(kCriteria)) {
      return InvalidArgument("unknown criterion '" + c.criterion + "'");
    }
  }
  return out;
}

Status ValidateAssessment(const Assessment& a) {
  if (!OneOf(kDecisions, a.decision)) {
    return InvalidArgument("decision '" + a.decision +
                           "' is not approved, approved-with-conditions or rejected");
  }
  SK_RETURN_IF_ERROR(Required("rationale", a.rationale));
  SK_RETURN_IF_ERROR(Required("assessor", a.assessor));
  SK_RETURN_IF_ERROR(Required("approver", a.approver));
  if (a.decision == "approved-with-conditions") {
    SK_RETURN_IF_ERROR(Required("conditions (for approved-with-conditions)", a.conditions));
  }
  SK_RETURN_IF_ERROR(ValidateText("conditions", a.conditions));
  SK_RETURN_IF_ERROR(ValidateDate("assessment date", a.date));
  return release::ValidateVersion(a.version);
}

// The affected findings of the knowledge base for the item at `version`.
Result<VulnerabilitySnapshot> KnownVulnerabilities(store::Store& store, const store::Author& author,
                                                   const Item& item, const std::string& version,
                                                   DiagnosticSink& sink) {
  sbom::Document doc;
  sbom::Component c;
  c.ref = doc.Keep(item.key + "@" + version);
  c.type = "library";
  c.name = doc.Keep(item.name);
  c.version = doc.Keep(version);
  if (!item.supplier.empty()) c.supplier = sbom::Organization{doc.Keep(item.supplier), {}, {}};
  if (!item.purl.empty()) {
    SK_ASSIGN_OR_RETURN(purl::Purl p, purl::Parse(item.purl));
    p.version = version;
    c.purl = doc.Keep(purl::ToString(p));
  }
  doc.components.push_back(std::move(c));
  SK_ASSIGN_OR_RETURN(
      match::ScanResult scan,
      match::Scan(store, doc, {author.actor, "match index refresh before assessment"}, sink));
  VulnerabilitySnapshot snap;
  for (const match::Finding& f : scan.findings) {
    if (f.status != "affected") continue;
    ++snap.total;
    if (f.kev) ++snap.kev;
    if (f.severity && f.severity->rating == "critical") ++snap.critical;
    snap.ids.push_back(f.vulnerability);
  }
  std::sort(snap.ids.begin(), snap.ids.end());
  return snap;
}

nlohmann::json SnapshotJson(const VulnerabilitySnapshot& s) {
  return {{"total", s.total}, {"kev", s.kev}, {"critical", s.critical}, {"ids", s.ids}};
}

nlohmann::json CriteriaJson(const std::vector<Criterion>& criteria) {
  nlohmann::json out = nlohmann::json::array();
  for (const Criterion& c : criteria) {
    out.push_back({{"criterion", c.criterion}, {"result", c.result}, {"note", c.note}});
  }
  return out;
}

nlohmann::json ControlsJson(const std::vector<Control>& controls) {
  nlohmann::json out = nlohmann::json::array();
  for (const Control& c : controls) {
    out.push_back({{"requirement", c.requirement}, {"verification", c.verification}});
  }
  return out;
}

Status CloseReevaluations(store::Txn& txn, const std::string& key, const std::string& by) {
  SK_ASSIGN_OR_RETURN(store::Rows rows,
                      txn.Query("SELECT entity FROM soup_reevaluations WHERE item_key = ? AND "
                                "closed_at IS NULL",
                                {key}));
  for (const store::Row& row : rows.rows) {
    SK_ASSIGN_OR_RETURN(std::string entity, row.Text(0));
    SK_ASSIGN_OR_RETURN(nlohmann::json before, txn.State("soup_reevaluations", entity));
    SK_RETURN_IF_ERROR(
        txn.Exec("UPDATE soup_reevaluations SET closed_at = ?, closed_by = ? WHERE entity = ?",
                 {txn.time(), by, entity}));
    SK_RETURN_IF_ERROR(
        txn.Audit("soup.reevaluation.close", "soup_reevaluations", entity, before).status());
  }
  return Status::Ok();
}

Result<Assessment> AssessmentFromRow(const store::Row& row) {
  Assessment a;
  SK_ASSIGN_OR_RETURN(a.item_key, row.Text(0));
  SK_ASSIGN_OR_RETURN(a.number, row.Int(1));
  SK_ASSIGN_OR_RETURN(a.version, row.Text(2));
  SK_ASSIGN_OR_RETURN(a.decision, row.Text(3));
  SK_ASSIGN_OR_RETURN(a.rationale, row.Text(4));
  SK_ASSIGN_OR_RETURN(a.conditions, row.Text(5));
  SK_ASSIGN_OR_RETURN(a.assessor, row.Text(6));
  SK_ASSIGN_OR_RETURN(a.approver, row.Text(7));
  SK_ASSIGN_OR_RETURN(a.date, row.Text(8));
  SK_ASSIGN_OR_RETURN(std::string criteria, row.Text(9));
  SK_ASSIGN_OR_RETURN(nlohmann::json cj,
                      internal::ParseJsonColumn("soup_assessments.criteria", criteria));
  for (const auto& c : cj) {
    a.criteria.push_back({c.value("criterion", ""), c.value("result", ""), c.value("note", "")});
  }
  SK_ASSIGN_OR_RETURN(std::string vulns, row.Text(10));
  SK_ASSIGN_OR_RETURN(nlohmann::json vj,
                      internal::ParseJsonColumn("soup_assessments.vulnerabilities", vulns));
  a.vulnerabilities.total = vj.value("total", int64_t{0});
  a.vulnerabilities.kev = vj.value("kev", int64_t{0});
  a.vulnerabilities.critical = vj.value("critical", int64_t{0});
  a.vulnerabilities.ids = vj.value("ids", std::vector<std::string>{});
  SK_ASSIGN_OR_RETURN(a.created_at, row.Text(11));
  return a;
}

}  // namespace

Result<Assessment> Assess(store::Store& store, const store::Author& author,
                          const Assessment& assessment, DiagnosticSink& sink) {
  SK_RETURN_IF_ERROR(ValidateAssessment(assessment));
  SK_ASSIGN_OR_RETURN(std::vector<Criterion> criteria, CheckCriteria(assessment.criteria));
  SK_ASSIGN_OR_RETURN(Item item, Get(store, assessment.item_key));
  SK_ASSIGN_OR_RETURN(VulnerabilitySnapshot snap,
                      KnownVulnerabilities(store, author, item, assessment.version, sink));
  Assessment out;
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    const std::string& key = assessment.item_key;
    SK_RETURN_IF_ERROR(internal::GetItemIn(txn, key).status());
    SK_ASSIGN_OR_RETURN(bool exists, internal::HasVersionIn(txn, key, assessment.version));
    if (!exists) SK_RETURN_IF_ERROR(internal::AddVersionIn(txn, key, assessment.version));
    SK_ASSIGN_OR_RETURN(int64_t n, internal::NextNumber(txn, "soup_assessments", key));
    const std::string entity = "soup-assessment:" + key + "#" + std::to_string(n);
    SK_RETURN_IF_ERROR(txn.Exec(
        "INSERT INTO soup_assessments (item_key, number, entity, version, decision, rationale, "
        "conditions, assessor, approver, assessed_on, criteria, vulnerabilities, kev_count, "
        "critical_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {key, n, entity, assessment.version, assessment.decision, assessment.rationale,
         assessment.conditions, assessment.assessor, assessment.approver, assessment.date,
         JsonText(CriteriaJson(criteria)), JsonText(SnapshotJson(snap)), snap.kev, snap.critical,
         txn.time()}));
    SK_RETURN_IF_ERROR(txn.Audit("soup.assess", "soup_assessments", entity, nullptr).status());
    SK_RETURN_IF_ERROR(CloseReevaluations(txn, key, entity));
    out = assessment;
    out.number = n;
    out.criteria = criteria;
    out.vulnerabilities = snap;
    out.created_at = txn.time();
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<Assessment>> Assessments(store::Store& store, std::string_view key) {
  std::vector<Assessment> out;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    std::string sql =
        "SELECT item_key, number, version, decision, rationale, conditions, assessor, approver, "
        "assessed_on, criteria, vulnerabilities, created_at FROM soup_assessments";
    std::vector<store::Value> params;
    if (!key.empty()) {
      SK_RETURN_IF_ERROR(internal::GetItemIn(txn, key).status());
      sql += " WHERE item_key = ?";
      params.emplace_back(std::string(key));
    }
    SK_ASSIGN_OR_RETURN(store::Rows rows, txn.Query(sql, params));
    for (const store::Row& row : rows.rows) {
      SK_ASSIGN_OR_RETURN(Assessment a, AssessmentFromRow(row));
      out.push_back(std::move(a));
    }
    return Status::Ok();
  }));
  std::sort(out.begin(), out.end(), [](const Assessment& a, const Assessment& b) {
    return a.item_key != b.item_key ? a.item_key < b.item_key : a.number < b.number;
  });
  return out;
}

Result<SecurityRisk> AddRisk(store::Store& store, const store::Author& author,
                             const SecurityRisk& risk) {
  if (!OneOf(kDispositions, risk.disposition)) {
    return InvalidArgument("disposition '" + risk.disposition +
                           "' is not acceptable, controlled, transferred or not-used-vulnerably");
  }
  SK_RETURN_IF_ERROR(Required("threat", risk.threat));
  SK_RETURN_IF_ERROR(Required("accepted by", risk.accepted_by));
  if (risk.disposition == "controlled" && risk.controls.empty()) {
    return InvalidArgument(
        "disposition controlled needs at least one control (--control REQ-ID=VERIFICATION-REF)");
  }
  if (risk.disposition == "transferred" && risk.doc_ref.empty()) {
    return InvalidArgument(
        "disposition transferred needs the user documentation that transfers it (--doc-ref)");
  }
  for (const Control& c : risk.controls) {
    if (c.requirement.empty() || c.verification.empty()) {
      return InvalidArgument("control '" + c.requirement + "=" + c.verification +
                             "': both the requirement id and the verification reference are "
                             "required");
    }
  }
  for (const std::string* t : {&risk.residual, &risk.hazard, &risk.doc_ref}) {
    SK_RETURN_IF_ERROR(ValidateText("security risk", *t));
  }
  SecurityRisk out;
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    SK_RETURN_IF_ERROR(internal::GetItemIn(txn, risk.item_key).status());
    SK_ASSIGN_OR_RETURN(int64_t n, internal::NextNumber(txn, "soup_risks", risk.item_key));
    const std::string entity = "soup-risk:" + risk.item_key + "#" + std::to_string(n);
    SK_RETURN_IF_ERROR(txn.Exec(
        "INSERT INTO soup_risks (item_key, number, entity, threat, disposition, controls, "
        "residual, hazard, doc_ref, accepted_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?)",
        {risk.item_key, n, entity, risk.threat, risk.disposition,
         JsonText(ControlsJson(risk.controls)), risk.residual, risk.hazard, risk.doc_ref,
         risk.accepted_by, txn.time()}));
    SK_RETURN_IF_ERROR(txn.Audit("soup.risk.add", "soup_risks", entity, nullptr).status());
    out = risk;
    out.number = n;
    out.created_at = txn.time();
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<SecurityRisk>> Risks(store::Store& store, std::string_view key) {
  std::vector<SecurityRisk> out;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_RETURN_IF_ERROR(internal::GetItemIn(txn, key).status());
    SK_ASSIGN_OR_RETURN(store::Rows rows,
                        txn.Query("SELECT number, threat, disposition, controls, residual, "
                                  "hazard, doc_ref, accepted_by, created_at FROM soup_risks "
                                  "WHERE item_key = ? ORDER BY number",
                                  {std::string(key)}));
    for (const store::Row& row : rows.rows) {
      SecurityRisk r;
      r.item_key = std::string(key);
      SK_ASSIGN_OR_RETURN(r.number, row.Int(0));
      SK_ASSIGN_OR_RETURN(r.threat, row.Text(1));
      SK_ASSIGN_OR_RETURN(r.disposition, row.Text(2));
      SK_ASSIGN_OR_RETURN(std::string controls, row.Text(3));
      SK_ASSIGN_OR_RETURN(nlohmann::json cj,
                          internal::ParseJsonColumn("soup_risks.controls", controls));
      for (const auto& c : cj) {
        r.controls.push_back({c.value("requirement", ""), c.value("verification", "")});
      }
      SK_ASSIGN_OR_RETURN(r.residual, row.Text(4));
      SK_ASSIGN_OR_RETURN(r.hazard, row.Text(5));
      SK_ASSIGN_OR_RETURN(r.doc_ref, row.Text(6));
      SK_ASSIGN_OR_RETURN(r.accepted_by, row.Text(7));
      SK_ASSIGN_OR_RETURN(r.created_at, row.Text(8));
      out.push_back(std::move(r));
    }
    return Status::Ok();
  }));
  return out;
}

nlohmann::json ToJson(const Assessment& a) {
  return {{"item", a.item_key},
          {"number", a.number},
          {"version", a.version},
          {"decision", a.decision},
          {"rationale", a.rationale},
          {"conditions", a.conditions},
          {"assessor", a.assessor},
          {"approver", a.approver},
          {"date", a.date},
          {"criteria", CriteriaJson(a.criteria)},
          {"vulnerabilities", SnapshotJson(a.vulnerabilities)},
          {"created_at", a.created_at}};
}

nlohmann::json ToJson(const SecurityRisk& r) {
  return {{"item", r.item_key},
          {"number", r.number},
          {"threat", r.threat},
          {"disposition", r.disposition},
          {"controls", ControlsJson(r.controls)},
          {"residual", r.residual},
          {"hazard", r.hazard},
          {"doc_ref", r.doc_ref},
          {"accepted_by", r.accepted_by},
          {"created_at", r.created_at}};
}

}  // namespace soupkeeper::inventory
