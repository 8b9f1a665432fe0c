// Notification targets (table notify_targets), events, deliveries (table
// notify_deliveries) and the payload; see soupkeeper/notify.h.
#include "soupkeeper/notify.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "soupkeeper/findings.h"
#include "soupkeeper/hash.h"
#include "soupkeeper/http.h"

namespace soupkeeper::notify {
namespace {

using nlohmann::json;
using store::Txn;

bool NameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

bool VariableChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

Status ValidateTarget(const Target& t) {
  const std::string what = "notify target '" + t.name + "'";
  if (t.name.empty() || t.name.size() > 64 ||
      !std::all_of(t.name.begin(), t.name.end(), NameChar)) {
    return InvalidArgument("notify target name '" + t.name +
                           "': use 1 to 64 of a-z, 0-9, '.', '_', '-'");
  }
  if (t.name == kDigestTarget) {
    return InvalidArgument("notify target name 'digest' is reserved for `notify run --digest`");
  }
  if (t.url.rfind("http://", 0) != 0 && t.url.rfind("https://", 0) != 0) {
    return InvalidArgument(what + ": URL '" + t.url + "' must start with http:// or https://");
  }
  if (!std::all_of(t.secret_env.begin(), t.secret_env.end(), VariableChar)) {
    return InvalidArgument(what + ": --secret-env '" + t.secret_env +
                           "' is not an environment variable name");
  }
  std::set<std::string> seen;
  for (const auto& e : t.events) {
    if (std::find(EventKinds().begin(), EventKinds().end(), e) == EventKinds().end()) {
      return InvalidArgument(what + ": unknown event '" + e + "' (allowed: " + Join(EventKinds()) +
                             ")");
    }
    if (!seen.insert(e).second) return InvalidArgument(what + ": event '" + e + "' given twice");
  }
  return Status::Ok();
}

bool Wants(const Target& t, const std::string& kind) {
  return t.events.empty() || std::find(t.events.begin(), t.events.end(), kind) != t.events.end();
}

Event FindingEvent(const std::string& kind, const findings::StoredFinding& f) {
  Event e;
  e.kind = kind;
  e.key = kind + ":" + std::to_string(f.id);
  e.finding_id = f.id;
  e.product = f.product;
  e.release = f.release;
  e.component = f.component_name + "@" + f.component_version;
  e.vulnerability = f.vulnerability;
  e.rating = f.rating;
  e.score = f.score;
  e.kev = f.kev;
  return e;
}

// The keys already delivered to `target`.
Result<std::set<std::string>> Sent(store::Store& store, const std::string& target) {
  std::set<std::string> out;
  SK_RETURN_IF_ERROR(store.Read([&](Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(
        store::Rows rows,
        txn.Query("SELECT event_key FROM notify_deliveries WHERE target = ? AND status = 'sent'",
                  {target}));
    for (const store::Row& row : rows.rows) {
      SK_ASSIGN_OR_RETURN(std::string key, row.Text(0));
      out.insert(std::move(key));
    }
    return Status::Ok();
  }));
  return out;
}

// Records the outcome of one delivery for each of its events.
Status Record(store::Store& store, const store::Author& author, const Delivery& d,
              const std::string& body, const std::string& secret_sha256) {
  const bool sent = d.status == "sent";
  return store.Write(author, [&](Txn& txn) -> Status {
    for (const Event& e : d.events) {
      const std::string entity = "notify:" + d.target + "/" + e.key;
      SK_ASSIGN_OR_RETURN(json before, txn.State("notify_deliveries", entity));
      const int64_t attempts =
          (before.is_null() ? 0 : before.value("attempts", int64_t{0})) + d.attempts;
      const store::Value secret =
          secret_sha256.empty() ? store::Value(nullptr) : store::Value(secret_sha256);
      const store::Value sent_at = sent ? store::Value(txn.time()) : store::Value(nullptr);
      if (before.is_null()) {
        SK_RETURN_IF_ERROR(txn.Exec(
            "INSERT INTO notify_deliveries (target, event_key, entity, kind, status, attempts, "
            "last_attempt_at, sent_at, message, payload_sha256, secret_sha256) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {d.target, e.key, entity, e.kind, d.status, attempts, txn.time(), sent_at, d.message,
             Sha256Hex(body), secret}));
      } else {
        SK_RETURN_IF_ERROR(txn.Exec(
            "UPDATE notify_deliveries SET status = ?, attempts = ?, last_attempt_at = ?, "
            "sent_at = ?, message = ?, payload_sha256 = ?, secret_sha256 = ? WHERE entity = ?",
            {d.status, attempts, txn.time(), sent_at, d.message, Sha256Hex(body), secret, entity}));
      }
      SK_RETURN_IF_ERROR(
          txn.Audit(sent ? "notify.sent" : "notify.failed", "notify_deliveries", entity, before)
              .status());
    }
    return Status::Ok();
  });
}

bool Retryable(int status) { return status >= 500; }

// Posts `body` to the target with retries; fills attempts, http_status,
// status and message of `d`.
void Post(const Target& target, const std::string& body, const std::string& secret,
          const RunOptions& options, Delivery& d) {
  HttpRequest request;
  request.url = target.url;
  request.timeout = options.timeout;
  request.headers["Content-Type"] = "application/json";
  request.headers["X-Soupkeeper-Schema"] = kPayloadSchema;
  if (!target.secret_env.empty()) {
    request.headers["X-Soupkeeper-Signature"] = "sha256=" + HmacSha256Hex(secret, body);
  }
  auto sleep = options.sleep ? options.sleep : [](std::chrono::milliseconds ms) {
    std::this_thread::sleep_for(ms);
  };
  std::chrono::milliseconds backoff = options.backoff;
  std::string last;
  for (d.attempts = 1; d.attempts <= options.max_attempts; ++d.attempts) {
    if (d.attempts > 1) {
      sleep(backoff);
      backoff *= 2;
    }
    Result<HttpResponse> r = HttpPost(request, body);
    d.http_status = r.ok() ? r->status : 0;
    if (r.ok() && r->status >= 200 && r->status < 300) {
      d.status = "sent";
      return;
    }
    // A transport error names the URL already.
    last = r.ok() ? target.url + ": HTTP " + std::to_string(r->status) : r.status().message();
    if (r.ok() && !Retryable(r->status)) break;
  }
  d.attempts = std::min(d.attempts, options.max_attempts);
  d.status = "failed";
  d.message = "POST " + last + " after " + std::to_string(d.attempts) +
              (d.attempts == 1 ? " attempt" : " attempts");
}

std::string EventCount(size_t n) { return std::to_string(n) + (n == 1 ? " event" : " events"); }

}  // namespace

const std::vector<std::string>& EventKinds() {
  static const std::vector<std::string> kinds = {"kev", "critical", "review-overdue",
                                                 "clock-overdue"};
  return kinds;
}

Status AddTarget(store::Store& store, Target target, const store::Author& author) {
  SK_RETURN_IF_ERROR(ValidateTarget(target));
  return store.Write(author, [&](Txn& txn) -> Status {
    const std::string entity = "notify-target:" + target.name;
    SK_ASSIGN_OR_RETURN(json before, txn.State("notify_targets", entity));
    if (!before.is_null()) {
      return AlreadyExists("notify target '" + target.name + "' already exists");
    }
    SK_RETURN_IF_ERROR(
        txn.Exec("INSERT INTO notify_targets (name, entity, url, secret_env, events, created_at) "
                 "VALUES (?, ?, ?, ?, ?, ?)",
                 {target.name, entity, target.url, target.secret_env, json(target.events).dump(),
                  txn.time()}));
    return txn.Audit("notify.target.add", "notify_targets", entity, before).status();
  });
}

Status RemoveTarget(store::Store& store, std::string_view name, const store::Author& author) {
  return store.Write(author, [&](Txn& txn) -> Status {
    const std::string entity = "notify-target:" + std::string(name);
    SK_ASSIGN_OR_RETURN(json before, txn.State("notify_targets", entity));
    if (before.is_null()) {
      return NotFound("notify target '" + std::string(name) + "' does not exist");
    }
    SK_RETURN_IF_ERROR(txn.Exec("DELETE FROM notify_targets WHERE name = ?", {std::string(name)}));
    return txn.Audit("notify.target.remove", "notify_targets", entity, before).status();
  });
}

Result<std::vector<Target>> ListTargets(store::Store& store) {
  std::vector<Target> out;
  SK_RETURN_IF_ERROR(store.Read([&](Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(store::Rows rows,
                        txn.Query("SELECT name, url, secret_env, events, created_at "
                                  "FROM notify_targets ORDER BY name"));
    for (const store::Row& row : rows.rows) {
      Target t;
      SK_ASSIGN_OR_RETURN(t.name, row.Text(0));
      SK_ASSIGN_OR_RETURN(t.url, row.Text(1));
      SK_ASSIGN_OR_RETURN(t.secret_env, row.Text(2));
      SK_ASSIGN_OR_RETURN(std::string events, row.Text(3));
      json parsed = json::parse(events, nullptr, false);
      if (!parsed.is_array()) {
        return Corruption("notify target '" + t.name + "': events is not a JSON array");
      }
      for (const auto& e : parsed) t.events.push_back(e.is_string() ? e.get<std::string>() : "");
      SK_ASSIGN_OR_RETURN(t.created_at, row.Text(4));
      out.push_back(std::move(t));
    }
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<Event>> Events(store::Store& store, const triage::Policy& policy,
                                  std::string_view as_of) {
  SK_RETURN_IF_ERROR(ValidateDate("date", as_of));
  SK_ASSIGN_OR_RETURN(auto open, findings::List(store, {}));
  std::sort(open.begin(), open.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  std::vector<Event> out;
  for (const auto& f : open) {
    if (f.kev) out.push_back(FindingEvent("kev", f));
  }
  for (const auto& f : open) {
    if (f.rating == "critical") out.push_back(FindingEvent("critical", f));
  }
  SK_ASSIGN_OR_RETURN(auto reviews, triage::ReviewsDue(store, as_of));
  for (const auto& r : reviews) {
    if (!r.overdue) continue;
    Event e;
    e.kind = "review-overdue";
    e.product = r.product;
    e.due = r.next_due;
    e.key = e.kind + ":" + r.product + "@" + (r.next_due.empty() ? "never" : r.next_due);
    out.push_back(std::move(e));
  }
  SK_ASSIGN_OR_RETURN(auto due, triage::Due(store, policy, as_of));
  std::map<int64_t, const findings::StoredFinding*> by_id;
  for (const auto& f : open) by_id[f.id] = &f;
  for (const auto& item : due) {
    if (!item.overdue) continue;
    Event e;
    e.kind = "clock-overdue";
    e.key = e.kind + ":" + item.clock + ":" + std::to_string(item.finding_id) + "@" + item.due;
    e.finding_id = item.finding_id;
    e.product = item.product;
    e.release = item.release;
    e.component = item.component;
    e.vulnerability = item.vulnerability;
    e.rating = item.rating;
    if (auto it = by_id.find(item.finding_id); it != by_id.end()) {
      e.score = it->second->score;
      e.kev = it->second->kev;
    }
    e.clock = item.clock;
    e.aware = item.aware;
    e.due = item.due;
    out.push_back(std::move(e));
  }
  return out;
}

bool RunReport::failed() const {
  return std::any_of(deliveries.begin(), deliveries.end(),
                     [](const Delivery& d) { return d.status == "failed"; });
}

Result<RunReport> Run(store::Store& store, Env* env, const store::Author& author,
                      const RunOptions& options) {
  RunReport report;
  report.at = FormatTime(std::chrono::floor<std::chrono::seconds>(env->Now()));
  report.as_of = options.as_of.empty() ? report.at.substr(0, 10) : options.as_of;
  if (options.max_attempts < 1) return InvalidArgument("notify: max_attempts must be at least 1");
  SK_ASSIGN_OR_RETURN(std::vector<Event> events, Events(store, options.policy, report.as_of));
  SK_ASSIGN_OR_RETURN(std::vector<Target> targets, ListTargets(store));
  if (options.digest) targets.push_back({kDigestTarget, "", "", {}, ""});
  for (const Target& target : targets) {
    SK_ASSIGN_OR_RETURN(std::set<std::string> sent, Sent(store, target.name));
    Delivery d;
    d.target = target.name;
    for (const Event& e : events) {
      if (Wants(target, e.kind) && !sent.count(e.key)) d.events.push_back(e);
    }
    d.payload = Payload(target.name, d.events, report.at, report.as_of);
    const std::string body = d.payload.dump();
    if (target.name == kDigestTarget) SK_RETURN_IF_ERROR(options.digest(d.events, d.payload));
    if (d.events.empty()) {
      d.status = "nothing";
    } else if (options.dry_run) {
      d.status = "pending";
    } else if (target.name == kDigestTarget) {
      d.status = "sent";
      SK_RETURN_IF_ERROR(Record(store, author, d, body, ""));
    } else {
      std::string secret;
      if (!target.secret_env.empty()) {
        std::optional<std::string> value = env->GetVariable(target.secret_env);
        if (!value || value->empty()) {
          d.status = "failed";
          d.message = "the signing secret variable $" + target.secret_env + " is not set";
        } else {
          secret = *value;
        }
      }
      if (d.status.empty()) Post(target, body, secret, options, d);
      SK_RETURN_IF_ERROR(Record(store, author, d, body, secret.empty() ? "" : Sha256Hex(secret)));
    }
    report.deliveries.push_back(std::move(d));
  }
  return report;
}

json Payload(std::string_view target, const std::vector<Event>& events,
             std::string_view generated_at, std::string_view as_of) {
  json list = json::array();
  for (const Event& e : events) list.push_back(ToJson(e));
  return {{"schema", kPayloadSchema},
          {"soupkeeper_version", SOUPKEEPER_VERSION},
          {"generated_at", generated_at},
          {"as_of", as_of},
          {"target", target},
          {"events", list}};
}

std::string HmacSha256Hex(std::string_view secret, std::string_view body) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac, &len);
  std::string out;
  char hex[3];
  for (unsigned int i = 0; i < len; ++i) {
    std::snprintf(hex, sizeof(hex), "%02x", mac[i]);
    out += hex;
  }
  return out;
}

std::string DigestText(const std::vector<Event>& events, std::string_view as_of) {
  std::ostringstream out;
  out << "soupkeeper notifications as of " << as_of << ": " << EventCount(events.size()) << "\n";
  for (const Event& e : events) {
    // The label column: "KEV", "critical", "<clock> overdue", "review overdue".
    std::string label = e.kind == "kev"              ? "KEV"
                        : e.kind == "critical"       ? "critical"
                        : e.kind == "review-overdue" ? "review overdue"
                                                     : e.clock + " overdue";
    out << label << std::string(label.size() < 20 ? 20 - label.size() : 1, ' ');
    if (e.kind == "review-overdue") {
      out << e.product << ": " << (e.due.empty() ? "never reviewed" : "review was due " + e.due)
          << "\n";
      continue;
    }
    std::string severity = e.rating.empty() ? "unscored" : e.rating;
    if (e.kev) severity += ", KEV";
    out << e.vulnerability << " (" << severity << ") in " << e.component << " of " << e.product
        << " " << e.release << ", finding " << e.finding_id;
    if (e.kind == "clock-overdue") out << ", due " << e.due;
    out << "\n";
  }
  return out.str();
}

std::string Line(const Delivery& d) {
  std::string line = d.target + ": ";
  if (d.status == "nothing") return line + "nothing new";
  if (d.status == "pending") return line + EventCount(d.events.size()) + " pending (dry run)";
  if (d.status == "failed")
    return line + "FAILED " + EventCount(d.events.size()) + ": " + d.message;
  line += "sent " + EventCount(d.events.size());
  if (d.attempts > 0) {
    line += " (" + std::to_string(d.attempts) + (d.attempts == 1 ? " attempt" : " attempts") +
            ", HTTP " + std::to_string(d.http_status) + ")";
  }
  return line;
}

json ToJson(const Event& e) {
  json out = {{"key", e.key}, {"kind", e.kind}, {"product", e.product}};
  if (e.kind == "review-overdue") {
    out["review_due"] = e.due.empty() ? json(nullptr) : json(e.due);
    return out;
  }
  out["release"] = e.release;
  out["finding_id"] = e.finding_id;
  out["component"] = e.component;
  out["vulnerability"] = e.vulnerability;
  out["severity"] = e.rating.empty() ? json(nullptr) : json(e.rating);
  out["score"] = e.score ? json(*e.score) : json(nullptr);
  out["kev"] = e.kev;
  if (e.kind == "clock-overdue") {
    out["clock"] = e.clock;
    out["aware"] = e.aware;
    out["due"] = e.due;
  }
  return out;
}

json ToJson(const Target& t) {
  return {{"name", t.name},
          {"url", t.url},
          {"secret_env", t.secret_env},
          {"events", t.events.empty() ? EventKinds() : t.events},
          {"created_at", t.created_at}};
}

json ToJson(const Delivery& d) {
  json keys = json::array();
  for (const Event& e : d.events) keys.push_back(e.key);
  return {{"target", d.target},     {"status", d.status},           {"events", keys},
          {"attempts", d.attempts}, {"http_status", d.http_status}, {"message", d.message}};
}

}  // namespace soupkeeper::notify
