// The supplier model without the store: enum names, validation, the clause
// checklist and its text forms, the responsibility matrix entries, JSON, and
// the MissingClauses check.
#include <algorithm>
#include <charconv>

#include "soupkeeper/env.h"
#include "supplier/internal.h"

namespace soupkeeper::supplier {
namespace {

constexpr std::array<std::string_view, 4> kKindNames = {"open-source-project", "commercial-vendor",
                                                        "custom-developer", "cloud-provider"};
constexpr std::array<std::string_view, 3> kClauseStateNames = {"present", "absent", "partial"};
constexpr std::array<std::string_view, 3> kPartyNames = {"provider", "manufacturer", "shared"};
constexpr std::array<std::string_view, 3> kVerdictNames = {"acceptable", "conditional",
                                                           "unacceptable"};
constexpr std::array<std::string_view, 5> kEvidenceKindNames = {"sbom", "vex", "security-notes",
                                                                "test-report", "certificate"};

constexpr std::string_view kNotificationTime = "vulnerability-notification-time";
constexpr std::string_view kPatchSla = "patch-sla-by-severity";
constexpr std::string_view kEndOfSupportNotice = "end-of-support-notice-period";
constexpr int kMaxSlaDays = 3650;

bool TakesDuration(std::string_view key) {
  return key == kNotificationTime || key == kEndOfSupportNotice;
}

// "<N>h", "<N>d", "<N>w" or "<N>mo" with N 1..999999.
bool IsDuration(std::string_view v) {
  size_t digits = 0;
  while (digits < v.size() && v[digits] >= '0' && v[digits] <= '9') ++digits;
  if (digits == 0 || digits > 6 || v[0] == '0') return false;
  std::string_view unit = v.substr(digits);
  return unit == "h" || unit == "d" || unit == "w" || unit == "mo";
}

// "critical=7,high=30" -> {critical: 7, high: 30}.
Result<std::map<std::string, int>> ParseSla(std::string_view text) {
  std::map<std::string, int> sla;
  while (!text.empty()) {
    size_t comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      return InvalidArgument("patch-sla-by-severity: '" + std::string(item) +
                             "' is not SEVERITY=DAYS (e.g. critical=7,high=30,medium=90,low=180)");
    }
    std::string severity(item.substr(0, eq));
    SK_ASSIGN_OR_RETURN(int days,
                        ParseSlaDays("patch-sla-by-severity " + severity, item.substr(eq + 1)));
    if (!sla.emplace(severity, days).second) {
      return InvalidArgument("patch-sla-by-severity: severity '" + severity + "' is given twice");
    }
  }
  return sla;
}

// "KEY=REST" split at the first '='; kInvalidArgument "<what> '<text>' is
// not <form>" when there is none.
Result<std::pair<std::string, std::string_view>> SplitAssignment(std::string_view text,
                                                                 std::string_view what,
                                                                 std::string_view form) {
  size_t eq = text.find('=');
  if (eq == std::string_view::npos) {
    return InvalidArgument(std::string(what) + " '" + std::string(text) + "' is not " +
                           std::string(form));
  }
  return std::pair<std::string, std::string_view>(text.substr(0, eq), text.substr(eq + 1));
}

bool IsHost(std::string_view host) {
  if (host.empty()) return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == ':' || c == '[' || c == ']';
  });
}

bool IsEmail(std::string_view s) {
  size_t at = s.find('@');
  if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  std::string_view domain = s.substr(at + 1);
  return domain.find('.') != std::string_view::npos && IsHost(domain) && domain.front() != '.' &&
         domain.back() != '.' &&
         std::none_of(s.begin(), s.begin() + at, [](char c) { return c == ' '; });
}

}  // namespace

Result<int> ParseSlaDays(std::string_view what, std::string_view text) {
  int days = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), days);
  if (ec != std::errc() || end != text.data() + text.size() || days < 1 || days > kMaxSlaDays) {
    return InvalidArgument(std::string(what) + ": '" + std::string(text) +
                           "' is not a number of days from 1 to " + std::to_string(kMaxSlaDays));
  }
  return days;
}

std::string_view KindName(Kind kind) { return kKindNames[static_cast<size_t>(kind)]; }
Result<Kind> ParseKind(std::string_view text) {
  return ParseEnum<Kind>("supplier kind", text, kKindNames);
}
std::string_view ClauseStateName(ClauseState state) {
  return kClauseStateNames[static_cast<size_t>(state)];
}
Result<ClauseState> ParseClauseState(std::string_view text) {
  return ParseEnum<ClauseState>("clause state", text, kClauseStateNames);
}
std::string_view PartyName(Party party) { return kPartyNames[static_cast<size_t>(party)]; }
Result<Party> ParseParty(std::string_view text) {
  return ParseEnum<Party>("responsible party", text, kPartyNames);
}
std::string_view VerdictName(Verdict result) { return kVerdictNames[static_cast<size_t>(result)]; }
Result<Verdict> ParseVerdict(std::string_view text) {
  return ParseEnum<Verdict>("evaluation result", text, kVerdictNames);
}
std::string_view EvidenceKindName(EvidenceKind kind) {
  return kEvidenceKindNames[static_cast<size_t>(kind)];
}
Result<EvidenceKind> ParseEvidenceKind(std::string_view text) {
  return ParseEnum<EvidenceKind>("evidence kind", text, kEvidenceKindNames);
}

const std::vector<std::string>& ClauseKeys() {
  static const std::vector<std::string> keys = {"requirements-communicated",
                                                "lifecycle-activities-required",
                                                std::string(kNotificationTime),
                                                std::string(kPatchSla),
                                                "sbom-and-vex-per-release",
                                                "change-notification-before-implementation",
                                                "disclosure-contact",
                                                std::string(kEndOfSupportNotice),
                                                "right-to-audit",
                                                "escrow"};
  return keys;
}

const std::vector<std::string>& DefaultRequiredClauses() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> k = ClauseKeys();
    k.erase(std::remove(k.begin(), k.end(), "escrow"), k.end());
    return k;
  }();
  return keys;
}

const std::vector<std::string>& Severities() {
  static const std::vector<std::string> s = {"critical", "high", "medium", "low"};
  return s;
}

const std::vector<std::string>& CommonAreas() {
  static const std::vector<std::string> a = {
      "patching",           "backup",  "identity",         "logging",
      "encryption-at-rest", "network", "incident-response"};
  return a;
}

std::string EntityOf(std::string_view name) { return "supplier:" + std::string(name); }

Status ValidateText(std::string_view field, std::string_view text) {
  SK_RETURN_IF_ERROR(store::CanonicalJson(std::string(text)).status().WithContext(field));
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) {
      return InvalidArgument(std::string(field) + ": control characters are not allowed");
    }
  }
  return Status::Ok();
}

Status ValidateName(std::string_view name) {
  SK_RETURN_IF_ERROR(ValidateText("supplier name", name));
  if (name.empty()) return InvalidArgument("supplier name is empty");
  if (name.size() > 200) return InvalidArgument("supplier name is longer than 200 characters");
  if (name.front() == ' ' || name.back() == ' ') {
    return InvalidArgument("supplier name '" + std::string(name) + "' begins or ends with a space");
  }
  return Status::Ok();
}

Status ValidateUrl(std::string_view field, std::string_view url) {
  if (url.empty()) return Status::Ok();
  SK_RETURN_IF_ERROR(ValidateText(field, url));
  std::string_view rest = url;
  if (rest.starts_with("https://")) {
    rest.remove_prefix(8);
  } else if (rest.starts_with("http://")) {
    rest.remove_prefix(7);
  } else {
    return InvalidArgument(std::string(field) + ": '" + std::string(url) +
                           "' is not an http:// or https:// URL");
  }
  std::string_view host = rest.substr(0, rest.find_first_of("/?#"));
  if (!IsHost(host) || url.find(' ') != std::string_view::npos) {
    return InvalidArgument(std::string(field) + ": '" + std::string(url) +
                           "' is not a valid URL (host missing or spaces in it)");
  }
  return Status::Ok();
}

Status ValidateContact(std::string_view contact) {
  if (contact.empty()) return Status::Ok();
  if (contact.starts_with("http://") || contact.starts_with("https://")) {
    return ValidateUrl("security contact", contact);
  }
  std::string_view email = contact;
  if (email.starts_with("mailto:")) email.remove_prefix(7);
  if (!IsEmail(email)) {
    return InvalidArgument("security contact: '" + std::string(contact) +
                           "' is neither an email address nor an http(s) URL");
  }
  return Status::Ok();
}

Status ValidateSupplier(const Supplier& s) {
  SK_RETURN_IF_ERROR(ValidateName(s.name));
  SK_RETURN_IF_ERROR(ValidateContact(s.security_contact));
  SK_RETURN_IF_ERROR(ValidateUrl("advisory URL", s.advisory_url));
  return ValidateUrl("website", s.website);
}

Status ValidateClause(const Clause& c) {
  if (std::find(ClauseKeys().begin(), ClauseKeys().end(), c.key) == ClauseKeys().end()) {
    std::string allowed;
    for (const std::string& k : ClauseKeys()) allowed += (allowed.empty() ? "" : ", ") + k;
    return InvalidArgument("unknown clause '" + c.key + "' (allowed: " + allowed + ")");
  }
  auto bad = [&](const std::string& why) {
    return InvalidArgument("clause " + c.key + ": " + why);
  };
  SK_RETURN_IF_ERROR(ValidateText("clause " + c.key + " section", c.section));
  if (TakesDuration(c.key)) {
    if (!c.patch_sla_days.empty()) return bad("takes a duration, not days per severity");
    if (c.state == ClauseState::kAbsent && !c.value.empty())
      return bad("an absent clause has no value");
    if (c.state == ClauseState::kPresent && c.value.empty()) {
      return bad("a present clause needs its value, a duration such as 72h, 5d, 2w or 6mo");
    }
    if (!c.value.empty() && !IsDuration(c.value)) {
      return bad("'" + c.value + "' is not a duration (<N>h, <N>d, <N>w or <N>mo, e.g. 72h)");
    }
    return Status::Ok();
  }
  if (!c.value.empty()) return bad("takes no value, got '" + c.value + "'");
  if (c.key != kPatchSla) {
    if (!c.patch_sla_days.empty()) return bad("takes no days per severity");
    return Status::Ok();
  }
  for (const auto& [severity, days] : c.patch_sla_days) {
    if (std::find(Severities().begin(), Severities().end(), severity) == Severities().end()) {
      return bad("unknown severity '" + severity + "' (allowed: critical, high, medium, low)");
    }
    if (days < 1 || days > kMaxSlaDays) {
      return bad(severity + ": " + std::to_string(days) + " is not a number of days from 1 to " +
                 std::to_string(kMaxSlaDays));
    }
  }
  if (c.state == ClauseState::kAbsent && !c.patch_sla_days.empty()) {
    return bad("an absent clause has no days per severity");
  }
  if (c.state == ClauseState::kPresent) {
    for (const std::string& severity : Severities()) {
      if (!c.patch_sla_days.contains(severity)) {
        return bad(
            "a present clause needs days for every severity (critical, high, medium, "
            "low); " +
            severity + " is missing");
      }
    }
  }
  return Status::Ok();
}

Result<Clause> ParseClause(std::string_view text) {
  SK_ASSIGN_OR_RETURN(
      auto split, SplitAssignment(text, "clause", "KEY=present|absent|partial[:VALUE][@SECTION]"));
  Clause c;
  c.key = split.first;
  std::string_view rest = split.second;
  size_t at = rest.rfind('@');
  if (at != std::string_view::npos) {
    c.section = std::string(rest.substr(at + 1));
    rest = rest.substr(0, at);
  }
  size_t colon = rest.find(':');
  Result<ClauseState> state = ParseClauseState(rest.substr(0, colon));
  if (!state.ok()) return state.status().WithContext("clause " + c.key);
  c.state = *state;
  if (colon != std::string_view::npos) {
    std::string_view value = rest.substr(colon + 1);
    if (c.key == kPatchSla) {
      SK_ASSIGN_OR_RETURN(c.patch_sla_days, ParseSla(value));
    } else {
      c.value = std::string(value);
    }
  }
  SK_RETURN_IF_ERROR(ValidateClause(c));
  return c;
}

std::string DescribeClause(const Clause& c) {
  std::string out(ClauseStateName(c.state));
  if (!c.value.empty()) out += " " + c.value;
  if (!c.patch_sla_days.empty()) {
    std::string sla;
    for (const std::string& severity : Severities()) {
      auto it = c.patch_sla_days.find(severity);
      if (it == c.patch_sla_days.end()) continue;
      sla += (sla.empty() ? "" : ",") + severity + "=" + std::to_string(it->second);
    }
    out += " " + sla;
  }
  if (!c.section.empty()) out += " @" + c.section;
  return out;
}

std::vector<Clause> SortedClauses(std::vector<Clause> clauses) {
  auto rank = [](const Clause& c) {
    return std::find(ClauseKeys().begin(), ClauseKeys().end(), c.key) - ClauseKeys().begin();
  };
  std::stable_sort(clauses.begin(), clauses.end(),
                   [&](const Clause& a, const Clause& b) { return rank(a) < rank(b); });
  return clauses;
}

Status ValidateAgreement(const Agreement& a) {
  if (a.document_id.empty()) return InvalidArgument("agreement: the document id (--ref) is empty");
  SK_RETURN_IF_ERROR(ValidateText("agreement document id", a.document_id));
  SK_RETURN_IF_ERROR(ValidateDate("agreement signing date", a.signed_on));
  if (a.valid_until) {
    SK_RETURN_IF_ERROR(ValidateDate("agreement valid-until date", *a.valid_until));
    if (*a.valid_until < a.signed_on) {
      return InvalidArgument("agreement: valid until " + *a.valid_until +
                             " is before it was signed (" + a.signed_on + ")");
    }
  }
  for (const Clause& c : a.clauses) SK_RETURN_IF_ERROR(ValidateClause(c));
  return RefuseRepeats("clause", a.clauses, [](const Clause& c) { return c.key; });
}

Status ValidateResponsibility(const Responsibility& r) {
  bool ok = !r.area.empty() && r.area.front() != '-';
  for (char c : r.area) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  if (!ok) {
    return InvalidArgument("responsibility area '" + r.area +
                           "' must match [a-z0-9][a-z0-9-]* (e.g. patching, backup, identity, "
                           "logging, encryption-at-rest, network, incident-response)");
  }
  return ValidateText("responsibility " + r.area + " note", r.note);
}

Result<Responsibility> ParseResponsibility(std::string_view text) {
  SK_ASSIGN_OR_RETURN(auto split, SplitAssignment(text, "responsibility",
                                                  "AREA=provider|manufacturer|shared[:NOTE]"));
  Responsibility r;
  r.area = split.first;
  std::string_view rest = split.second;
  size_t colon = rest.find(':');
  Result<Party> party = ParseParty(rest.substr(0, colon));
  if (!party.ok()) return party.status().WithContext("responsibility " + r.area);
  r.party = *party;
  if (colon != std::string_view::npos) r.note = std::string(rest.substr(colon + 1));
  SK_RETURN_IF_ERROR(ValidateResponsibility(r));
  return r;
}

std::string MissingClause::ToString() const {
  return key + ": " + why + (section.empty() ? "" : " (@" + section + ")");
}

std::vector<MissingClause> MissingClauses(const Supplier& supplier,
                                          const std::vector<std::string>& required_clauses) {
  std::vector<MissingClause> missing;
  if (supplier.kind != Kind::kCustomDeveloper) return missing;
  for (const std::string& key : required_clauses) {
    if (!supplier.agreement) {
      missing.push_back({key, "no quality agreement", ""});
      continue;
    }
    const auto& clauses = supplier.agreement->clauses;
    auto it =
        std::find_if(clauses.begin(), clauses.end(), [&](const Clause& c) { return c.key == key; });
    if (it == clauses.end()) {
      missing.push_back({key, "not recorded", ""});
    } else if (it->state != ClauseState::kPresent) {
      missing.push_back({key, std::string(ClauseStateName(it->state)), it->section});
    }
  }
  return missing;
}

nlohmann::json ToJson(const Clause& c) {
  nlohmann::json sla = nlohmann::json::object();
  for (const auto& [severity, days] : c.patch_sla_days) sla[severity] = days;
  return {{"key", c.key},
          {"state", ClauseStateName(c.state)},
          {"value", c.value},
          {"patch_sla_days", sla},
          {"section", c.section}};
}

std::string ClausesText(const std::vector<Clause>& clauses) {
  nlohmann::json all = nlohmann::json::array();
  for (const Clause& c : clauses) all.push_back(ToJson(c));
  return store::CanonicalJson(all).value_or("[]");
}

Result<std::vector<Clause>> ClausesFromText(const std::string& text) {
  auto bad = [&] { return Corruption("supplier_agreements.clauses: not a clause list: " + text); };
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return bad();
  std::vector<Clause> clauses;
  for (const auto& e : j) {
    if (!e.is_object() || !e.value("key", nlohmann::json()).is_string() ||
        !e.value("state", nlohmann::json()).is_string() ||
        !e.value("value", nlohmann::json()).is_string() ||
        !e.value("section", nlohmann::json()).is_string() ||
        !e.value("patch_sla_days", nlohmann::json()).is_object()) {
      return bad();
    }
    Clause c;
    c.key = e["key"].get<std::string>();
    Result<ClauseState> state = ParseClauseState(e["state"].get<std::string>());
    if (!state.ok()) return bad();
    c.state = *state;
    c.value = e["value"].get<std::string>();
    c.section = e["section"].get<std::string>();
    for (const auto& [severity, days] : e["patch_sla_days"].items()) {
      if (!days.is_number_integer()) return bad();
      c.patch_sla_days[severity] = days.get<int>();
    }
    clauses.push_back(std::move(c));
  }
  return clauses;
}

nlohmann::json ToJson(const Agreement& a) {
  nlohmann::json clauses = nlohmann::json::array();
  for (const Clause& c : a.clauses) clauses.push_back(ToJson(c));
  return {{"document_id", a.document_id},
          {"signed_on", a.signed_on},
          {"valid_until", a.valid_until ? nlohmann::json(*a.valid_until) : nlohmann::json()},
          {"clauses", clauses},
          {"recorded_at", a.recorded_at}};
}

nlohmann::json ToJson(const Responsibility& r) {
  return {{"area", r.area},
          {"party", PartyName(r.party)},
          {"note", r.note},
          {"updated_at", r.updated_at}};
}

nlohmann::json ToJson(const Evaluation& e) {
  return {{"number", e.number},
          {"date", e.date},
          {"evaluator", e.evaluator},
          {"result", VerdictName(e.result)},
          {"notes", e.notes},
          {"next_due", e.next_due},
          {"recorded_at", e.recorded_at}};
}

nlohmann::json ToJson(const Evidence& e) {
  return {{"number", e.number},          {"product", e.product},
          {"release", e.release},        {"kind", EvidenceKindName(e.kind)},
          {"reference", e.reference},    {"received", e.received},
          {"file_name", e.file_name},    {"file_sha256", e.file_sha256},
          {"recorded_at", e.recorded_at}};
}

nlohmann::json ToJson(const Supplier& s) {
  nlohmann::json responsibilities = nlohmann::json::array();
  for (const auto& r : s.responsibilities) responsibilities.push_back(ToJson(r));
  nlohmann::json evaluations = nlohmann::json::array();
  for (const auto& e : s.evaluations) evaluations.push_back(ToJson(e));
  nlohmann::json evidence = nlohmann::json::array();
  for (const auto& e : s.evidence) evidence.push_back(ToJson(e));
  return {{"name", s.name},
          {"kind", KindName(s.kind)},
          {"security_contact", s.security_contact},
          {"advisory_url", s.advisory_url},
          {"website", s.website},
          {"created_at", s.created_at},
          {"updated_at", s.updated_at},
          {"agreement", s.agreement ? ToJson(*s.agreement) : nlohmann::json()},
          {"responsibilities", responsibilities},
          {"evaluations", evaluations},
          {"evidence", evidence}};
}

nlohmann::json ToJson(const DueEvaluation& d) {
  return {{"supplier", d.supplier},
          {"next_due", d.next_due ? nlohmann::json(*d.next_due) : nlohmann::json()},
          {"last_result",
           d.last_result ? nlohmann::json(VerdictName(*d.last_result)) : nlohmann::json()}};
}

nlohmann::json ToJson(const MissingClause& m) {
  return {{"key", m.key}, {"why", m.why}, {"section", m.section}};
}

}  // namespace soupkeeper::supplier
