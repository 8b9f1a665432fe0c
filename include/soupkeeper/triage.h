// Triage decisions on findings, their clocks, and periodic reviews
// (IEC 81001-5-1 §5.3, §6.2.1, §8; FDA 524B / postmarket cybersecurity
// guidance; see docs/parts/triage.md).
//
// Decisions:
//  - A decision uses the CycloneDX 1.6 analysis vocabulary (state,
//    justification, responses, detail) plus what no VEX format carries: risk
//    acceptance (owner, expiry), the FDA controlled/uncontrolled risk call
//    with rationale and ISO 14971 hazard reference, the CISA/CERT-CC SSVC
//    supplier decision inputs and outcome, and a device-context CVSS
//    environmental vector scored apart from the vendor's score.
//  - A decision is keyed by (component identity, component version,
//    vulnerability): identity is the purl without version, else the component
//    name. One decision therefore covers every release that ships that
//    component version, also releases added later: DecisionFor reads it by
//    key, and Sync records the coverage of findings that appeared after it.
//  - Decisions are versioned: each Decide writes version n+1 of the key's
//    audited row (entity "triage:<identity>@<version>/<vulnerability>", action
//    "triage.decide"), appends the version to triage_history and the covered
//    findings (with their releases) to triage_coverage, in one transaction.
//    Bad input is refused with nothing stored.
//
// Clocks (Due): the awareness date of a key is the first_seen date of its
// earliest finding, or the decision's `aware` date (which later versions
// keep unless given anew). Untriaged open findings
// must be triaged within Policy::TriageDays of awareness; a decision with
// uncontrolled risk must be communicated to customers within
// Policy::communicate_days and remediated within Policy::remediate_days.
//
// Reviews: StartReview gathers what changed after the start of the
// product's last completed review (what that review gathered); CompleteReview needs a decision or a
// deferral for every included finding.
//
// Example:
//   triage::Request r;
//   r.finding_ids = {12};
//   r.state = "not_affected";
//   r.justification = "code_not_reachable";
//   r.detail = "the TLS heartbeat extension is compiled out";
//   SK_ASSIGN_OR_RETURN(auto decisions, triage::Decide(*store, author, r));
#ifndef SOUPKEEPER_TRIAGE_H_
#define SOUPKEEPER_TRIAGE_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/env.h"
#include "soupkeeper/findings.h"
#include "soupkeeper/status.h"
#include "soupkeeper/store.h"

namespace soupkeeper::triage {

// The allowed values, in the order the messages name them.
const std::vector<std::string>& States();
const std::vector<std::string>& Justifications();
const std::vector<std::string>& Responses();

// SSVC supplier decision inputs (SSVC 2.0 supplier tree).
struct Ssvc {
  std::string exploitation;      // none | public-poc | active
  std::string utility;           // laborious | efficient | super-effective
  std::string technical_impact;  // partial | total
  std::string safety_impact;     // negligible | marginal | critical | catastrophic
};

// The supplier tree's outcome: "defer", "scheduled", "out-of-cycle" or
// "immediate" (the table in docs/parts/triage.md). Safety impact negligible
// is public safety impact "minimal", the others "significant".
// kInvalidArgument for an unknown value, naming the allowed ones.
Result<std::string> SsvcPriority(const Ssvc& ssvc);

struct Request {
  std::vector<int64_t> finding_ids;
  std::string state;
  std::string justification;                    // required for not_affected
  std::vector<std::string> responses;           // each once
  std::string detail;                           // required
  std::string risk_accepted_by, risk_expires;   // both or neither; YYYY-MM-DD
  std::string fda_risk, fda_rationale, hazard;  // controlled | uncontrolled
  std::optional<Ssvc> ssvc;                     // all four inputs or none
  std::string environmental_vector;             // CVSS vector or ""
  std::string aware;                            // YYYY-MM-DD or "" (earliest first_seen)
  std::string communicated;                     // YYYY-MM-DD customers were told, or ""
};

struct Covered {
  int64_t finding_id = 0;
  std::string product, release;
};

struct Decision {
  std::string entity;
  std::string identity, component_version, vulnerability;
  int64_t version = 0;
  std::string state, justification;
  std::vector<std::string> responses;
  std::string detail;
  std::string risk_accepted_by, risk_expires;
  std::string fda_risk, fda_rationale, hazard;
  std::optional<Ssvc> ssvc;
  std::string ssvc_priority;  // "" without SSVC inputs
  std::string environmental_vector;
  std::optional<double> environmental_score;
  std::string environmental_rating;
  std::string aware;  // YYYY-MM-DD
  std::string communicated;
  std::string decided_at, actor, reason;
  std::vector<Covered> covers;  // the findings this version covers
};

// The component identity of a finding: its purl without version, else its
// component name.
std::string IdentityOf(const findings::StoredFinding& finding);

// Records one decision per distinct key of the given findings (see above).
// kNotFound for an unknown finding id; kInvalidArgument for bad input.
Result<std::vector<Decision>> Decide(store::Store& store, const store::Author& author,
                                     const Request& request);

// The current decision covering a finding's key, if any.
Result<std::optional<Decision>> DecisionFor(store::Store& store,
                                            const findings::StoredFinding& finding);

// Every version of the decision covering a finding's key, oldest first.
Result<std::vector<Decision>> HistoryFor(store::Store& store,
                                         const findings::StoredFinding& finding);

// The current decision of every key, by entity.
Result<std::vector<Decision>> Decisions(store::Store& store);

// Records the coverage of findings that appeared after their key's decision
// (e.g. a new release). Returns how many findings were newly covered; writes
// nothing when none.
Result<int64_t> Sync(store::Store& store, const store::Author& author);

// Monitoring after the knowledge base or a release changed: evaluates the
// findings of every monitored release of `product` (all products when empty),
// or of the one release `version` when given (needs `product`), and then
// applies the triage decisions to the findings that appeared (Sync), so a
// known decision covers a new release's findings at once. Each evaluation is
// its own transaction (findings::Evaluate); an evaluation error is returned as
// Evaluate gives it, a Sync error with the context "applying triage decisions".
// Example: SK_ASSIGN_OR_RETURN(auto evaluations, triage::Monitor(*store, author, "", "", {}));
Result<std::vector<findings::Evaluation>> Monitor(store::Store& store, const store::Author& author,
                                                  std::string_view product,
                                                  std::string_view version,
                                                  const findings::EvaluateOptions& options);

// Deadlines in days.
struct Policy {
  int critical = 7, high = 14, medium = 30, low = 90;
  int unrated = 30;  // findings without a score
  int kev = 7;       // findings in CISA KEV (when shorter than the rating's)
  int communicate_days = 30, remediate_days = 60;
  int TriageDays(const findings::StoredFinding& finding) const;
};

// Reads a YAML policy file (docs/parts/triage.md): keys triage_days
// (critical, high, medium, low, unrated, kev), communicate_days,
// remediate_days; every value a positive integer. kInvalidArgument naming the
// file and key for bad content.
Result<Policy> LoadPolicy(Env* env, const std::string& path);
// The same on text; `name` names the file in messages.
Result<Policy> ParsePolicy(std::string_view text, const std::string& name);

struct DueItem {
  std::string clock;  // "triage", "communicate", "remediate"
  int64_t finding_id = 0;
  std::string product, release, component, vulnerability, rating;
  std::string aware, due;  // YYYY-MM-DD
  bool overdue = false;    // as_of is after due
};

// The open clocks at `as_of` (YYYY-MM-DD), by due date: open findings without
// a decision (triage clock) and decisions with uncontrolled risk
// (communication until `communicated` is set, remediation until the state is
// resolved or resolved_with_pedigree), one item per open finding.
Result<std::vector<DueItem>> Due(store::Store& store, const Policy& policy, std::string_view as_of);

// The triage state of each finding ("untriaged" without a decision), by id.
Result<std::vector<std::string>> StatesOf(store::Store& store,
                                          const std::vector<findings::StoredFinding>& findings);

// "YYYY-MM-DD" of date + days; kInvalidArgument for a bad date.
Result<std::string> AddDays(std::string_view date, int days);

nlohmann::json ToJson(const Decision& decision);
nlohmann::json ToJson(const DueItem& item);

// Reviews.
struct Deferral {
  int64_t finding_id = 0;
  std::string until, reason, actor, at;
};

struct Review {
  std::string entity;  // "review:<product>#<number>"
  std::string product;
  int64_t number = 0;
  std::string status;  // "open", "completed"
  std::string since;   // start of the previous completed review, "" for the first
  std::string started_at;
  // {"findings": [{id, release, component, vulnerability, changes: [...]}],
  //  "advisories": [{identity, source, source_id, change, at}],
  //  "kev": [{cve, date_added, updated_at}], "feeds": [FeedStatus...]}
  nlohmann::json contents;
  std::vector<Deferral> deferrals;
  std::string completed_at, reviewer, notes;
  nlohmann::json sources;  // [{source, newest_modified, last_import}] at completion
  nlohmann::json covered;  // [{finding_id, decision: state|"deferred"}]
  std::string next_due;    // YYYY-MM-DD
  std::vector<int64_t> finding_ids() const;
};

// Opens a review of `product`. kFailedPrecondition when one is open.
Result<Review> StartReview(store::Store& store, const store::Author& author,
                           std::string_view product);
// The open review, else the newest completed one; kNotFound when none.
Result<Review> ShowReview(store::Store& store, std::string_view product);
// Defers included findings of the open review until `until` (YYYY-MM-DD).
Result<Review> DeferInReview(store::Store& store, const store::Author& author,
                             std::string_view product, const std::vector<int64_t>& finding_ids,
                             std::string_view until);
// The included findings with neither a decision nor a deferral.
Result<std::vector<int64_t>> Undecided(store::Store& store, const Review& review);
// Completes the open review; kFailedPrecondition naming the undecided
// findings when any.
Result<Review> CompleteReview(store::Store& store, const store::Author& author,
                              std::string_view product, std::string_view reviewer,
                              std::string_view notes);
// Every review of a product, by number.
Result<std::vector<Review>> ListReviews(store::Store& store, std::string_view product);

struct ReviewDue {
  std::string product;
  std::string last_completed;  // "" when never reviewed
  std::string next_due;        // "" when never reviewed
  bool overdue = false;
};
// Products with releases whose next review is due at or before `as_of`
// (never reviewed ones always), by product.
Result<std::vector<ReviewDue>> ReviewsDue(store::Store& store, std::string_view as_of);

nlohmann::json ToJson(const Review& review);
nlohmann::json ToJson(const ReviewDue& due);

}  // namespace soupkeeper::triage

#endif  // SOUPKEEPER_TRIAGE_H_
