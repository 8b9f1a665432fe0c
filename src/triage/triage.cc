// Triage decisions on the store (triage_decisions, triage_history,
// triage_coverage), the SSVC supplier table, the policy file and the clocks.
#include "soupkeeper/triage.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>

#include "core/text.h"
#include "soupkeeper/cvss.h"
#include "soupkeeper/purl.h"

namespace soupkeeper::triage {
namespace {

using nlohmann::json;
using store::Value;

std::string Joined(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

Status CheckOne(std::string_view what, const std::string& value,
                const std::vector<std::string>& allowed) {
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return Status::Ok();
  return InvalidArgument("unknown " + std::string(what) + " '" + value +
                         "' (allowed: " + Joined(allowed) + ")");
}

const std::vector<std::string> kExploitation = {"none", "public-poc", "active"};
const std::vector<std::string> kUtility = {"laborious", "efficient", "super-effective"};
const std::vector<std::string> kTechnicalImpact = {"partial", "total"};
const std::vector<std::string> kSafetyImpact = {"negligible", "marginal", "critical",
                                                "catastrophic"};
const std::vector<std::string> kFdaRisk = {"controlled", "uncontrolled"};

size_t IndexOf(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) - values.begin();
}

std::string EntityOf(const std::string& identity, const std::string& version,
                     const std::string& vulnerability) {
  return "triage:" + identity + "@" + version + "/" + vulnerability;
}

json SsvcJson(const Ssvc& s) {
  return {{"exploitation", s.exploitation},
          {"utility", s.utility},
          {"technical_impact", s.technical_impact},
          {"safety_impact", s.safety_impact}};
}

// The stored decision document (without coverage, actor and time, which have
// their own columns).
json DecisionDocument(const Decision& d) {
  json out = ToJson(d);
  for (const char* key : {"covers", "decided_at", "actor", "reason", "version", "entity"}) {
    out.erase(key);
  }
  return out;
}

Decision FromDocument(const json& doc) {
  Decision d;
  d.identity = doc.value("component_identity", "");
  d.component_version = doc.value("component_version", "");
  d.vulnerability = doc.value("vulnerability", "");
  d.entity = EntityOf(d.identity, d.component_version, d.vulnerability);
  d.state = doc.value("state", "");
  d.justification = doc.value("justification", "");
  d.responses = doc.value("responses", std::vector<std::string>());
  d.detail = doc.value("detail", "");
  d.risk_accepted_by = doc.value("risk_accepted_by", "");
  d.risk_expires = doc.value("risk_expires", "");
  d.fda_risk = doc.value("fda_risk", "");
  d.fda_rationale = doc.value("fda_rationale", "");
  d.hazard = doc.value("hazard", "");
  if (doc.contains("ssvc") && doc["ssvc"].is_object()) {
    const json& s = doc["ssvc"];
    d.ssvc = Ssvc{s.value("exploitation", ""), s.value("utility", ""),
                  s.value("technical_impact", ""), s.value("safety_impact", "")};
    d.ssvc_priority = s.value("priority", "");
  }
  if (doc.contains("environmental") && doc["environmental"].is_object()) {
    const json& e = doc["environmental"];
    d.environmental_vector = e.value("vector", "");
    d.environmental_score = e.value("score", 0.0);
    d.environmental_rating = e.value("rating", "");
  }
  d.aware = doc.value("aware", "");
  d.communicated = doc.value("communicated", "");
  return d;
}

Status CheckDate(std::string_view what, const std::string& date) {
  if (date.empty()) return Status::Ok();
  return ValidateDate(what, date);
}

// Validates a request and fills the decision fields that do not depend on
// the key.
Result<Decision> Validated(const Request& r) {
  Decision d;
  if (r.finding_ids.empty()) return InvalidArgument("no finding ids given");
  SK_RETURN_IF_ERROR(CheckOne("state", r.state, States()));
  if (!r.justification.empty()) {
    SK_RETURN_IF_ERROR(CheckOne("justification", r.justification, Justifications()));
  }
  if (r.state == "not_affected" && r.justification.empty()) {
    return InvalidArgument(
        "state not_affected needs a justification (allowed: " + Joined(Justifications()) + ")");
  }
  std::set<std::string> seen;
  for (const std::string& response : r.responses) {
    SK_RETURN_IF_ERROR(CheckOne("response", response, Responses()));
    if (!seen.insert(response).second) {
      return InvalidArgument("response '" + response + "' given twice");
    }
  }
  if (r.detail.empty()) return InvalidArgument("a decision needs a detail (--detail TEXT)");
  if (r.risk_accepted_by.empty() != r.risk_expires.empty()) {
    return InvalidArgument("a risk acceptance needs both an owner and an expiry date");
  }
  SK_RETURN_IF_ERROR(CheckDate("risk expiry date", r.risk_expires));
  SK_RETURN_IF_ERROR(CheckDate("awareness date", r.aware));
  SK_RETURN_IF_ERROR(CheckDate("communication date", r.communicated));
  if (!r.fda_risk.empty()) SK_RETURN_IF_ERROR(CheckOne("FDA risk", r.fda_risk, kFdaRisk));
  if (r.fda_risk.empty() && (!r.fda_rationale.empty() || !r.hazard.empty())) {
    return InvalidArgument(
        "an FDA rationale or hazard needs an FDA risk (controlled, uncontrolled)");
  }
  if (!r.fda_risk.empty() && r.fda_rationale.empty()) {
    return InvalidArgument("an FDA risk call needs a rationale");
  }
  if (r.ssvc) {
    SK_ASSIGN_OR_RETURN(d.ssvc_priority, SsvcPriority(*r.ssvc));
    d.ssvc = r.ssvc;
  }
  if (!r.environmental_vector.empty()) {
    SK_ASSIGN_OR_RETURN(cvss::Scores scores, cvss::ParseAndCalculate(r.environmental_vector));
    // 4.0 has one score of all the metrics the vector gives.
    cvss::Score score = scores.environmental.value_or(scores.base);
    d.environmental_vector = r.environmental_vector;
    d.environmental_score = score.value;
    // Lower-case, as findings rate.
    d.environmental_rating = std::string(cvss::RatingName(score.rating));
    text::AsciiLowerInPlace(&d.environmental_rating);
  }
  d.state = r.state;
  d.justification = r.justification;
  d.responses = r.responses;
  d.detail = r.detail;
  d.risk_accepted_by = r.risk_accepted_by;
  d.risk_expires = r.risk_expires;
  d.fda_risk = r.fda_risk;
  d.fda_rationale = r.fda_rationale;
  d.hazard = r.hazard;
  d.communicated = r.communicated;
  return d;
}

struct Row {
  Decision decision;
  int64_t covered = 0;
};

Result<std::optional<Row>> CurrentIn(store::Txn& txn, const std::string& entity) {
  SK_ASSIGN_OR_RETURN(
      store::Rows rows,
      txn.Query("SELECT version, decision, decided_at, covered FROM triage_decisions WHERE "
                "entity = ?",
                {entity}));
  if (rows.empty()) return std::optional<Row>();
  const store::Row& row = rows.rows[0];
  SK_ASSIGN_OR_RETURN(int64_t version, row.Int(0));
  SK_ASSIGN_OR_RETURN(std::string doc, row.Text(1));
  SK_ASSIGN_OR_RETURN(std::string decided_at, row.Text(2));
  SK_ASSIGN_OR_RETURN(int64_t covered, row.Int(3));
  json parsed = json::parse(doc, nullptr, false);
  if (parsed.is_discarded()) return Corruption("decision " + entity + ": stored JSON is broken");
  Row out{FromDocument(parsed), covered};
  out.decision.version = version;
  out.decision.decided_at = decided_at;
  return std::optional<Row>(std::move(out));
}

Status FillHistoryFields(store::Txn& txn, Decision* d) {
  SK_ASSIGN_OR_RETURN(store::Rows rows,
                      txn.Query("SELECT actor, reason FROM triage_history WHERE entity = ? AND "
                                "version = ?",
                                {d->entity, d->version}));
  if (!rows.empty()) {
    SK_ASSIGN_OR_RETURN(d->actor, rows.rows[0].Text(0));
    SK_ASSIGN_OR_RETURN(d->reason, rows.rows[0].Text(1));
  }
  SK_ASSIGN_OR_RETURN(store::Rows covered,
                      txn.Query("SELECT finding_id, product, release_version FROM "
                                "triage_coverage WHERE entity = ? AND version = ? ORDER BY "
                                "finding_id",
                                {d->entity, d->version}));
  d->covers.clear();
  for (const store::Row& row : covered.rows) {
    Covered c;
    SK_ASSIGN_OR_RETURN(c.finding_id, row.Int(0));
    SK_ASSIGN_OR_RETURN(c.product, row.Text(1));
    SK_ASSIGN_OR_RETURN(c.release, row.Text(2));
    d->covers.push_back(std::move(c));
  }
  return Status::Ok();
}

// The YYYY-MM-DD date of an RFC 3339 time.
std::string DateOf(const std::string& time) { return time.substr(0, 10); }

// The findings of each key (by entity), all statuses.
// The findings of `vulnerabilities` (of all vulnerabilities when null), by
// decision entity. A decision covers findings of its own vulnerability only,
// so the portfolio's other findings need not be read (2 million at 5,000
// releases).
Result<std::map<std::string, std::vector<findings::StoredFinding>>> FindingsByKey(
    store::Store& store, const std::set<std::string>* vulnerabilities) {
  std::vector<findings::StoredFinding> all;
  if (vulnerabilities == nullptr) {
    SK_ASSIGN_OR_RETURN(all, findings::List(store, {.status = "all"}));
  } else {
    for (const std::string& v : *vulnerabilities) {
      SK_ASSIGN_OR_RETURN(std::vector<findings::StoredFinding> of_v,
                          findings::List(store, {.status = "all", .vulnerability = v}));
      std::move(of_v.begin(), of_v.end(), std::back_inserter(all));
    }
  }
  std::map<std::string, std::vector<findings::StoredFinding>> out;
  for (findings::StoredFinding& f : all) {
    out[EntityOf(IdentityOf(f), f.component_version, f.vulnerability)].push_back(std::move(f));
  }
  return out;
}

// Inserts coverage rows for `found` that the decision version does not cover
// yet; returns how many.
Result<int64_t> CoverIn(store::Txn& txn, const std::string& entity, int64_t version,
                        const std::vector<findings::StoredFinding>& found) {
  SK_ASSIGN_OR_RETURN(
      store::Rows have,
      txn.Query("SELECT finding_id FROM triage_coverage WHERE entity = ? AND version = ?",
                {entity, version}));
  std::set<int64_t> covered;
  for (const store::Row& row : have.rows) {
    SK_ASSIGN_OR_RETURN(int64_t id, row.Int(0));
    covered.insert(id);
  }
  int64_t added = 0;
  for (const findings::StoredFinding& f : found) {
    if (covered.count(f.id)) continue;
    SK_RETURN_IF_ERROR(
        txn.Exec("INSERT INTO triage_coverage (entity, version, finding_id, product, "
                 "release_version, covered_at) VALUES (?, ?, ?, ?, ?, ?)",
                 {entity, version, f.id, f.product, f.release, txn.time()}));
    ++added;
  }
  return added;
}

std::string EarliestDate(const std::vector<findings::StoredFinding>& found) {
  std::string earliest;
  for (const findings::StoredFinding& f : found) {
    if (earliest.empty() || f.first_seen < earliest) earliest = f.first_seen;
  }
  return DateOf(earliest);
}

}  // namespace

const std::vector<std::string>& States() {
  static const std::vector<std::string> k = {"in_triage",      "exploitable",
                                             "resolved",       "resolved_with_pedigree",
                                             "false_positive", "not_affected"};
  return k;
}

const std::vector<std::string>& Justifications() {
  static const std::vector<std::string> k = {
      "code_not_present",     "code_not_reachable",     "requires_configuration",
      "requires_dependency",  "requires_environment",   "protected_by_compiler",
      "protected_at_runtime", "protected_at_perimeter", "protected_by_mitigating_control"};
  return k;
}

const std::vector<std::string>& Responses() {
  static const std::vector<std::string> k = {"can_not_fix", "will_not_fix", "update", "rollback",
                                             "workaround_available"};
  return k;
}

Result<std::string> SsvcPriority(const Ssvc& s) {
  SK_RETURN_IF_ERROR(CheckOne("SSVC exploitation", s.exploitation, kExploitation));
  SK_RETURN_IF_ERROR(CheckOne("SSVC utility", s.utility, kUtility));
  SK_RETURN_IF_ERROR(CheckOne("SSVC technical impact", s.technical_impact, kTechnicalImpact));
  SK_RETURN_IF_ERROR(CheckOne("SSVC safety impact", s.safety_impact, kSafetyImpact));
  // SSVC 2.0 supplier tree, rows in the order exploitation, utility,
  // technical impact, public safety impact (minimal, significant).
  static constexpr std::array<const char*, 36> kTable = {
      // none
      "defer", "scheduled", "scheduled", "out-of-cycle",            // laborious
      "scheduled", "out-of-cycle", "scheduled", "out-of-cycle",     // efficient
      "scheduled", "out-of-cycle", "out-of-cycle", "out-of-cycle",  // super-effective
      // public-poc
      "scheduled", "out-of-cycle", "scheduled", "immediate",     // laborious
      "scheduled", "immediate", "out-of-cycle", "immediate",     // efficient
      "out-of-cycle", "immediate", "out-of-cycle", "immediate",  // super-effective
      // active
      "out-of-cycle", "immediate", "out-of-cycle", "immediate",  // laborious
      "out-of-cycle", "immediate", "out-of-cycle", "immediate",  // efficient
      "immediate", "immediate", "immediate", "immediate",        // super-effective
  };
  size_t significant = s.safety_impact == "negligible" ? 0 : 1;
  size_t row = IndexOf(kExploitation, s.exploitation) * 12 + IndexOf(kUtility, s.utility) * 4 +
               IndexOf(kTechnicalImpact, s.technical_impact) * 2 + significant;
  return std::string(kTable[row]);
}

std::string IdentityOf(const findings::StoredFinding& f) {
  if (!f.purl.empty()) {
    auto parsed = purl::Parse(f.purl, purl::ParseMode::kLenient);
    if (parsed.ok()) return purl::WithoutVersion(*parsed);
  }
  return f.component_name;
}

Result<std::vector<Decision>> Decide(store::Store& store, const store::Author& author,
                                     const Request& request) {
  SK_ASSIGN_OR_RETURN(Decision base, Validated(request));
  // The keys of the given findings, in the order first named.
  std::vector<std::string> keys;
  std::map<std::string, Decision> by_key;
  for (int64_t id : request.finding_ids) {
    SK_ASSIGN_OR_RETURN(findings::StoredFinding f, findings::Get(store, id));
    Decision d = base;
    d.identity = IdentityOf(f);
    d.component_version = f.component_version;
    d.vulnerability = f.vulnerability;
    d.entity = EntityOf(d.identity, d.component_version, d.vulnerability);
    if (by_key.emplace(d.entity, d).second) keys.push_back(d.entity);
  }
  std::set<std::string> vulnerabilities;
  for (const auto& [entity, d] : by_key) vulnerabilities.insert(d.vulnerability);
  SK_ASSIGN_OR_RETURN(auto found, FindingsByKey(store, &vulnerabilities));
  std::vector<Decision> out;
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    out.clear();
    for (const std::string& entity : keys) {
      Decision d = by_key[entity];
      const std::vector<findings::StoredFinding>& of_key = found[entity];
      SK_ASSIGN_OR_RETURN(std::optional<Row> current, CurrentIn(txn, entity));
      d.version = current ? current->decision.version + 1 : 1;
      // Awareness is a fact: an earlier version's date stands unless given anew.
      d.aware = !request.aware.empty() ? request.aware
                : current              ? current->decision.aware
                                       : EarliestDate(of_key);
      d.decided_at = txn.time();
      d.actor = author.actor;
      d.reason = author.reason;
      SK_ASSIGN_OR_RETURN(std::string doc, store::CanonicalJson(DecisionDocument(d)));
      SK_ASSIGN_OR_RETURN(json before, txn.State("triage_decisions", entity));
      int64_t covered = static_cast<int64_t>(of_key.size());
      if (current) {
        SK_RETURN_IF_ERROR(
            txn.Exec("UPDATE triage_decisions SET version = ?, state = ?, decision = ?, "
                     "aware_at = ?, decided_at = ?, covered = ? WHERE entity = ?",
                     {d.version, d.state, doc, d.aware, d.decided_at, covered, entity}));
      } else {
        SK_RETURN_IF_ERROR(txn.Exec(
            "INSERT INTO triage_decisions (entity, component_identity, component_version, "
            "vulnerability, version, state, decision, aware_at, decided_at, covered) VALUES (?, "
            "?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {entity, d.identity, d.component_version, d.vulnerability, d.version, d.state, doc,
             d.aware, d.decided_at, covered}));
      }
      SK_ASSIGN_OR_RETURN(int64_t seq,
                          txn.Audit("triage.decide", "triage_decisions", entity, before));
      SK_RETURN_IF_ERROR(
          txn.Exec("INSERT INTO triage_history (entity, version, decision, decided_at, actor, "
                   "reason, event_seq) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   {entity, d.version, doc, d.decided_at, author.actor, author.reason, seq}));
      SK_RETURN_IF_ERROR(CoverIn(txn, entity, d.version, of_key).status());
      SK_RETURN_IF_ERROR(FillHistoryFields(txn, &d));
      out.push_back(std::move(d));
    }
    return Status::Ok();
  }));
  return out;
}

Result<std::optional<Decision>> DecisionFor(store::Store& store,
                                            const findings::StoredFinding& finding) {
  std::optional<Decision> out;
  const std::string entity =
      EntityOf(IdentityOf(finding), finding.component_version, finding.vulnerability);
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(std::optional<Row> row, CurrentIn(txn, entity));
    if (!row) return Status::Ok();
    SK_RETURN_IF_ERROR(FillHistoryFields(txn, &row->decision));
    out = std::move(row->decision);
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<Decision>> HistoryFor(store::Store& store,
                                         const findings::StoredFinding& finding) {
  std::vector<Decision> out;
  const std::string entity =
      EntityOf(IdentityOf(finding), finding.component_version, finding.vulnerability);
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(store::Rows rows,
                        txn.Query("SELECT version, decision, decided_at FROM triage_history "
                                  "WHERE entity = ? ORDER BY version",
                                  {entity}));
    for (const store::Row& row : rows.rows) {
      SK_ASSIGN_OR_RETURN(std::string doc, row.Text(1));
      json parsed = json::parse(doc, nullptr, false);
      if (parsed.is_discarded()) return Corruption("decision " + entity + ": broken history");
      Decision d = FromDocument(parsed);
      SK_ASSIGN_OR_RETURN(d.version, row.Int(0));
      SK_ASSIGN_OR_RETURN(d.decided_at, row.Text(2));
      SK_RETURN_IF_ERROR(FillHistoryFields(txn, &d));
      out.push_back(std::move(d));
    }
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<Decision>> Decisions(store::Store& store) {
  std::vector<Decision> out;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(store::Rows rows,
                        txn.Query("SELECT entity FROM triage_decisions ORDER BY entity"));
    for (const store::Row& row : rows.rows) {
      SK_ASSIGN_OR_RETURN(std::string entity, row.Text(0));
      SK_ASSIGN_OR_RETURN(std::optional<Row> current, CurrentIn(txn, entity));
      SK_RETURN_IF_ERROR(FillHistoryFields(txn, &current->decision));
      out.push_back(std::move(current->decision));
    }
    return Status::Ok();
  }));
  return out;
}

Result<int64_t> Sync(store::Store& store, const store::Author& author) {
  SK_ASSIGN_OR_RETURN(std::vector<Decision> decisions, Decisions(store));
  std::set<std::string> vulnerabilities;
  for (const Decision& d : decisions) vulnerabilities.insert(d.vulnerability);
  SK_ASSIGN_OR_RETURN(auto found, FindingsByKey(store, &vulnerabilities));
  std::vector<const Decision*> pending;
  for (const Decision& d : decisions) {
    if (found[d.entity].size() > d.covers.size()) pending.push_back(&d);
  }
  if (pending.empty()) return int64_t{0};
  int64_t total = 0;
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    total = 0;
    for (const Decision* d : pending) {
      SK_ASSIGN_OR_RETURN(int64_t added, CoverIn(txn, d->entity, d->version, found[d->entity]));
      if (added == 0) continue;
      total += added;
      SK_ASSIGN_OR_RETURN(json before, txn.State("triage_decisions", d->entity));
      SK_RETURN_IF_ERROR(txn.Exec("UPDATE triage_decisions SET covered = ? WHERE entity = ?",
                                  {static_cast<int64_t>(found[d->entity].size()), d->entity}));
      SK_RETURN_IF_ERROR(txn.Audit("triage.cover", "triage_decisions", d->entity, before).status());
    }
    return Status::Ok();
  }));
  return total;
}

int Policy::TriageDays(const findings::StoredFinding& f) const {
  int days = unrated;
  if (f.rating == "critical") days = critical;
  if (f.rating == "high") days = high;
  if (f.rating == "medium") days = medium;
  if (f.rating == "low" || f.rating == "none") days = low;
  return f.kev ? std::min(days, kev) : days;
}

namespace {

std::string At(const std::string& name, const YAML::Mark& mark) {
  return name + ": line " + std::to_string(mark.line + 1) + ": ";
}

Result<Policy> ParsePolicyNode(const YAML::Node& root, const std::string& name) {
  Policy p;
  if (!root.IsMap()) return InvalidArgument(name + ": expected a mapping at the top");
  auto days = [&](const YAML::Node& n, const std::string& key, int* out) -> Status {
    int value = 0;
    if (!n.IsScalar() || !YAML::convert<int>::decode(n, value) || value <= 0) {
      return InvalidArgument(At(name, n.Mark()) + key + " must be a positive number of days");
    }
    *out = value;
    return Status::Ok();
  };
  const std::map<std::string, int*> triage = {{"critical", &p.critical}, {"high", &p.high},
                                              {"medium", &p.medium},     {"low", &p.low},
                                              {"unrated", &p.unrated},   {"kev", &p.kev}};
  for (const auto& entry : root) {
    const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
    if (key == "communicate_days") {
      SK_RETURN_IF_ERROR(days(entry.second, key, &p.communicate_days));
    } else if (key == "remediate_days") {
      SK_RETURN_IF_ERROR(days(entry.second, key, &p.remediate_days));
    } else if (key == "triage_days" && entry.second.IsMap()) {
      for (const auto& t : entry.second) {
        const std::string day_key = t.first.IsScalar() ? t.first.Scalar() : "";
        auto it = triage.find(day_key);
        if (it == triage.end()) {
          return InvalidArgument(At(name, t.first.Mark()) + "unknown key triage_days." + day_key +
                                 " (allowed: critical, high, medium, low, unrated, kev)");
        }
        SK_RETURN_IF_ERROR(days(t.second, "triage_days." + day_key, it->second));
      }
    } else {
      return InvalidArgument(At(name, entry.first.Mark()) + "unknown key " + key +
                             " (allowed: triage_days (a mapping), communicate_days, "
                             "remediate_days)");
    }
  }
  return p;
}

}  // namespace

Result<Policy> ParsePolicy(std::string_view text, const std::string& name) {
  try {
    return ParsePolicyNode(YAML::Load(std::string(text)), name);
  } catch (const YAML::Exception& e) {
    return InvalidArgument(At(name, e.mark) + e.msg);
  }
}

Result<Policy> LoadPolicy(Env* env, const std::string& path) {
  SK_ASSIGN_OR_RETURN(std::string text, env->ReadFile(path));
  return ParsePolicy(text, path);
}

Result<std::string> AddDays(std::string_view date, int days) {
  SK_RETURN_IF_ERROR(ValidateDate("date", date));
  SK_ASSIGN_OR_RETURN(TimePoint t, ParseTime(date));
  return DateOf(FormatTime(t + std::chrono::hours(24) * days));
}

Result<std::vector<DueItem>> Due(store::Store& store, const Policy& policy,
                                 std::string_view as_of) {
  SK_RETURN_IF_ERROR(ValidateDate("as-of date", as_of));
  SK_ASSIGN_OR_RETURN(std::vector<Decision> decisions, Decisions(store));
  std::map<std::string, const Decision*> by_entity;
  for (const Decision& d : decisions) by_entity[d.entity] = &d;
  SK_ASSIGN_OR_RETURN(auto found, FindingsByKey(store, nullptr));
  std::vector<DueItem> out;
  for (const auto& [entity, of_key] : found) {
    auto it = by_entity.find(entity);
    const Decision* d = it == by_entity.end() ? nullptr : it->second;
    const std::string aware = d ? d->aware : EarliestDate(of_key);
    for (const findings::StoredFinding& f : of_key) {
      if (!f.open()) continue;
      DueItem base{"",
                   f.id,
                   f.product,
                   f.release,
                   f.component_name + "@" + f.component_version,
                   f.vulnerability,
                   f.rating,
                   aware,
                   "",
                   false};
      auto add = [&](std::string clock, int days) -> Status {
        DueItem item = base;
        item.clock = std::move(clock);
        SK_ASSIGN_OR_RETURN(item.due, AddDays(aware, days));
        item.overdue = std::string(as_of) > item.due;
        out.push_back(std::move(item));
        return Status::Ok();
      };
      if (!d) {
        SK_RETURN_IF_ERROR(add("triage", policy.TriageDays(f)));
        continue;
      }
      if (d->fda_risk != "uncontrolled") continue;
      if (d->communicated.empty()) SK_RETURN_IF_ERROR(add("communicate", policy.communicate_days));
      if (d->state != "resolved" && d->state != "resolved_with_pedigree") {
        SK_RETURN_IF_ERROR(add("remediate", policy.remediate_days));
      }
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const DueItem& a, const DueItem& b) {
    return std::tie(a.due, a.finding_id) < std::tie(b.due, b.finding_id);
  });
  return out;
}

Result<std::vector<std::string>> StatesOf(store::Store& store,
                                          const std::vector<findings::StoredFinding>& found) {
  SK_ASSIGN_OR_RETURN(std::vector<Decision> decisions, Decisions(store));
  std::map<std::string, std::string> state;
  for (const Decision& d : decisions) state[d.entity] = d.state;
  std::vector<std::string> out;
  for (const findings::StoredFinding& f : found) {
    auto it = state.find(EntityOf(IdentityOf(f), f.component_version, f.vulnerability));
    out.push_back(it == state.end() ? "untriaged" : it->second);
  }
  return out;
}

json ToJson(const Decision& d) {
  json out = {{"entity", d.entity},
              {"component_identity", d.identity},
              {"component_version", d.component_version},
              {"vulnerability", d.vulnerability},
              {"version", d.version},
              {"state", d.state},
              {"detail", d.detail},
              {"responses", d.responses},
              {"aware", d.aware},
              {"decided_at", d.decided_at},
              {"actor", d.actor},
              {"reason", d.reason}};
  if (!d.justification.empty()) out["justification"] = d.justification;
  if (!d.risk_accepted_by.empty()) {
    out["risk_accepted_by"] = d.risk_accepted_by;
    out["risk_expires"] = d.risk_expires;
  }
  if (!d.fda_risk.empty()) {
    out["fda_risk"] = d.fda_risk;
    out["fda_rationale"] = d.fda_rationale;
    if (!d.hazard.empty()) out["hazard"] = d.hazard;
  }
  if (d.ssvc) {
    out["ssvc"] = SsvcJson(*d.ssvc);
    out["ssvc"]["priority"] = d.ssvc_priority;
  }
  if (!d.environmental_vector.empty()) {
    out["environmental"] = {{"vector", d.environmental_vector},
                            {"score", d.environmental_score.value_or(0.0)},
                            {"rating", d.environmental_rating}};
  }
  if (!d.communicated.empty()) out["communicated"] = d.communicated;
  out["covers"] = json::array();
  for (const Covered& c : d.covers) {
    out["covers"].push_back(
        {{"finding_id", c.finding_id}, {"product", c.product}, {"release", c.release}});
  }
  return out;
}

json ToJson(const DueItem& i) {
  return {{"clock", i.clock},     {"finding_id", i.finding_id}, {"product", i.product},
          {"release", i.release}, {"component", i.component},   {"vulnerability", i.vulnerability},
          {"rating", i.rating},   {"aware", i.aware},           {"due", i.due},
          {"overdue", i.overdue}};
}

}  // namespace soupkeeper::triage
