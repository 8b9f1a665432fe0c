// Notifications: new KEV and critical findings, overdue reviews and overdue
// clocks, posted to webhooks (signed JSON) and written as a digest (text or
// JSON) (issue 9 item 5; see docs/parts/notifications.md).
//
// Promises:
//  - Events (Events): "kev" for every open finding in CISA KEV, "critical"
//    for every open finding rated critical, "review-overdue" for every
//    product whose review is overdue (triage::ReviewsDue), "clock-overdue" for
//    every overdue clock (triage::Due: triage deadline, 30-day customer
//    communication, 60-day remediation). Each has a stable key:
//    "kev:<finding>", "critical:<finding>", "review-overdue:<product>@<due or
//    never>", "clock-overdue:<clock>:<finding>@<due>", so an overdue item is
//    notified again only when its due date changes.
//  - Each event is delivered once per target: a delivery is recorded per
//    (target, key) in notify_deliveries (audited, action "notify.sent" or
//    "notify.failed", entity "notify:<target>/<key>"); a re-run sends nothing
//    new. A failed delivery is recorded as failed, never as sent, and is
//    retried on the next run.
//  - Webhooks get one HTTP POST per run of the payload (Payload, schema
//    "soupkeeper-notification/1") with the events pending for them. With a
//    secret, the body is signed with HMAC-SHA256 in header
//    X-Soupkeeper-Signature: sha256=<lower-case hex>. The secret is read from
//    the environment variable the target names and never stored; a delivery
//    keeps its SHA-256 fingerprint. Connection errors and 5xx are retried
//    with exponential backoff (RunOptions::max_attempts, backoff); any other
//    status but 2xx fails the delivery at once.
//  - The digest is the pseudo-target "digest" (all event kinds), recorded
//    like a webhook once RunOptions::digest has written it.
//
// Example:
//   SK_RETURN_IF_ERROR(notify::AddTarget(*store, {"ops", url, "SK_HOOK_TOKEN", {"kev"}}, author));
//   notify::RunOptions o;
//   o.as_of = "2026-03-04";
//   SK_ASSIGN_OR_RETURN(notify::RunReport report, notify::Run(*store, env, author, o));
#ifndef SOUPKEEPER_NOTIFY_H_
#define SOUPKEEPER_NOTIFY_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/env.h"
#include "soupkeeper/status.h"
#include "soupkeeper/store.h"
#include "soupkeeper/triage.h"

namespace soupkeeper::notify {

// "kev", "critical", "review-overdue", "clock-overdue".
const std::vector<std::string>& EventKinds();

// The payload's schema name and version.
inline constexpr char kPayloadSchema[] = "soupkeeper-notification/1";
// The name of the digest pseudo-target (not allowed for a webhook).
inline constexpr char kDigestTarget[] = "digest";

struct Target {
  std::string name;                 // [a-z0-9._-], 1..64, not "digest"
  std::string url;                  // http:// or https://
  std::string secret_env;           // variable holding the signing secret, or ""
  std::vector<std::string> events;  // kinds; empty for all
  std::string created_at;           // set by the store
};

// Adds a webhook target. kInvalidArgument for a bad name, URL, variable name
// or event kind (naming the allowed ones); kAlreadyExists when taken.
Status AddTarget(store::Store& store, Target target, const store::Author& author);
// Removes a target; its delivery records stay. kNotFound.
Status RemoveTarget(store::Store& store, std::string_view name, const store::Author& author);
// All targets, by name.
Result<std::vector<Target>> ListTargets(store::Store& store);

struct Event {
  std::string key, kind;
  int64_t finding_id = 0;  // 0 for review-overdue
  std::string product, release, component, vulnerability;
  std::string rating;  // "" unscored
  std::optional<double> score;
  bool kev = false;
  std::string clock;  // clock-overdue: "triage", "communicate", "remediate"
  std::string aware;  // clock-overdue
  std::string due;    // overdue events: YYYY-MM-DD; "" for a never-reviewed product
};

// The events at `as_of` (YYYY-MM-DD) under the deadline `policy`: kev and
// critical by finding id, then review-overdue by product, then clock-overdue
// by due date (as triage::Due).
Result<std::vector<Event>> Events(store::Store& store, const triage::Policy& policy,
                                  std::string_view as_of);

struct RunOptions {
  std::string as_of;  // YYYY-MM-DD; "" for the date of Env::Now()
  triage::Policy policy;
  bool dry_run = false;  // nothing sent, nothing recorded
  // When set, the digest pseudo-target is delivered too: called with its
  // pending events and payload (also when there are none, and in a dry run);
  // an error stops the run before the digest's events are recorded.
  std::function<Status(const std::vector<Event>&, const nlohmann::json&)> digest;
  std::function<void(std::chrono::milliseconds)> sleep;  // default sleeps
  int max_attempts = 3;                                  // per webhook delivery
  std::chrono::milliseconds backoff{1000};               // first retry delay, doubled each time
  std::chrono::milliseconds timeout{10000};              // per request
};

struct Delivery {
  std::string target;
  std::vector<Event> events;  // what was pending for the target
  // "sent", "failed", "pending" (dry run), "nothing" (no pending event).
  std::string status;
  int attempts = 0;
  int http_status = 0;     // of the last attempt, 0 without a response
  std::string message;     // why it failed
  nlohmann::json payload;  // the document sent (or that would be)
};

struct RunReport {
  std::string as_of, at;
  std::vector<Delivery> deliveries;  // webhooks by name, then the digest
  bool failed() const;
};

// Delivers what is pending (see above). Failed deliveries are recorded and
// reported in the report; the Result fails only for bad options or when the
// store does.
Result<RunReport> Run(store::Store& store, Env* env, const store::Author& author,
                      const RunOptions& options);

// The payload posted to `target`: {"schema", "soupkeeper_version",
// "generated_at", "as_of", "target", "events": [ToJson(Event)...]}.
nlohmann::json Payload(std::string_view target, const std::vector<Event>& events,
                       std::string_view generated_at, std::string_view as_of);
// Lower-case hex HMAC-SHA256 of `body` with `secret`.
std::string HmacSha256Hex(std::string_view secret, std::string_view body);

// The human-readable digest: a heading line
// "soupkeeper notifications as of 2026-03-04: 3 events", then one line per
// event, its label padded to 20 columns:
//   "KEV                 CVE-2014-0160 (high, KEV) in openssl@1.0.1f of pump 2.3.0, finding 1"
//   "triage overdue      CVE-2014-0160 (high, KEV) in ... of pump 2.3.0, finding 1, due 2026-03-11"
//   "review overdue      pump: never reviewed" (or "review was due 2026-05-01")
std::string DigestText(const std::vector<Event>& events, std::string_view as_of);

// "ops: sent 5 events (1 attempt, HTTP 200)", "ops: nothing new",
// "ops: 2 events pending (dry run)", "ops: FAILED 3 events: <message>"; a
// digest delivery has no attempts: "digest: sent 6 events".
std::string Line(const Delivery& delivery);

nlohmann::json ToJson(const Event& event);
nlohmann::json ToJson(const Target& target);
nlohmann::json ToJson(const Delivery& delivery);

}  // namespace soupkeeper::notify

#endif  // SOUPKEEPER_NOTIFY_H_
