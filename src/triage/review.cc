// Periodic reviews of a product (IEC 81001-5-1 §6.2.1): what changed since
// the last completed review, deferrals, completion, due dates.
#include <algorithm>
#include <map>
#include <set>

#include "soupkeeper/product.h"
#include "soupkeeper/release.h"
#include "soupkeeper/triage.h"
#include "soupkeeper/vuln.h"

namespace soupkeeper::triage {
namespace {

using nlohmann::json;
using store::Value;

constexpr std::string_view kColumns =
    "entity, product, number, status, since, started_at, contents, deferrals, completed_at, "
    "reviewer, notes, sources, covered, next_due";

Result<json> ParsedColumn(const store::Row& row, size_t i, const std::string& entity) {
  SK_ASSIGN_OR_RETURN(std::optional<std::string> text, row.OptionalText(i));
  if (!text) return json();
  json parsed = json::parse(*text, nullptr, false);
  if (parsed.is_discarded()) return Corruption(entity + ": stored JSON is broken");
  return parsed;
}

Result<Review> FromRow(const store::Row& row) {
  Review r;
  SK_ASSIGN_OR_RETURN(r.entity, row.Text(0));
  SK_ASSIGN_OR_RETURN(r.product, row.Text(1));
  SK_ASSIGN_OR_RETURN(r.number, row.Int(2));
  SK_ASSIGN_OR_RETURN(r.status, row.Text(3));
  SK_ASSIGN_OR_RETURN(r.since, row.Text(4));
  SK_ASSIGN_OR_RETURN(r.started_at, row.Text(5));
  SK_ASSIGN_OR_RETURN(r.contents, ParsedColumn(row, 6, r.entity));
  SK_ASSIGN_OR_RETURN(json deferrals, ParsedColumn(row, 7, r.entity));
  for (const json& d : deferrals) {
    r.deferrals.push_back({d.value("finding_id", int64_t{0}), d.value("until", ""),
                           d.value("reason", ""), d.value("actor", ""), d.value("at", "")});
  }
  SK_ASSIGN_OR_RETURN(std::optional<std::string> completed, row.OptionalText(8));
  SK_ASSIGN_OR_RETURN(std::optional<std::string> reviewer, row.OptionalText(9));
  SK_ASSIGN_OR_RETURN(std::optional<std::string> notes, row.OptionalText(10));
  r.completed_at = completed.value_or("");
  r.reviewer = reviewer.value_or("");
  r.notes = notes.value_or("");
  SK_ASSIGN_OR_RETURN(r.sources, ParsedColumn(row, 11, r.entity));
  SK_ASSIGN_OR_RETURN(r.covered, ParsedColumn(row, 12, r.entity));
  SK_ASSIGN_OR_RETURN(std::optional<std::string> next_due, row.OptionalText(13));
  r.next_due = next_due.value_or("");
  return r;
}

Result<std::vector<Review>> ReviewsIn(store::Txn& txn, std::string_view product,
                                      std::string_view extra = "") {
  SK_ASSIGN_OR_RETURN(store::Rows rows, txn.Query("SELECT " + std::string(kColumns) +
                                                      " FROM reviews WHERE product = ? " +
                                                      std::string(extra) + " ORDER BY number",
                                                  {std::string(product)}));
  std::vector<Review> out;
  for (const store::Row& row : rows.rows) {
    SK_ASSIGN_OR_RETURN(Review r, FromRow(row));
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<Review>> ReviewsOf(store::Store& store, std::string_view product,
                                      std::string_view extra = "") {
  SK_RETURN_IF_ERROR(product::Get(store, product).status());
  std::vector<Review> out;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(out, ReviewsIn(txn, product, extra));
    return Status::Ok();
  }));
  return out;
}

Result<Review> OpenReview(store::Store& store, std::string_view product) {
  SK_ASSIGN_OR_RETURN(std::vector<Review> open, ReviewsOf(store, product, "AND status = 'open'"));
  if (open.empty()) {
    return FailedPrecondition("product " + std::string(product) +
                              " has no open review (review start " + std::string(product) + ")");
  }
  return open[0];
}

std::string Canonical(const json& value) {
  Result<std::string> text = store::CanonicalJson(value);
  return text.ok() ? *text : value.dump();
}

json DeferralsJson(const std::vector<Deferral>& deferrals) {
  json out = json::array();
  for (const Deferral& d : deferrals) {
    out.push_back({{"finding_id", d.finding_id},
                   {"until", d.until},
                   {"reason", d.reason},
                   {"actor", d.actor},
                   {"at", d.at}});
  }
  return out;
}

json FeedsJson(const std::vector<vuln::SourceStatus>& feeds) {
  json out = json::array();
  for (const vuln::SourceStatus& s : feeds) {
    out.push_back({{"source", s.source},
                   {"records", s.records},
                   {"withdrawn", s.withdrawn},
                   {"last_import", s.last_import},
                   {"newest_modified", s.newest_modified},
                   {"stale", s.stale}});
  }
  return out;
}

// The feed cadence a review judges staleness by.
constexpr int kFeedCadenceDays = 1;

Result<std::vector<vuln::SourceStatus>> Feeds(store::Store& store, Env* env) {
  return vuln::FeedStatus(store, env->Now(), std::chrono::hours(24) * kFeedCadenceDays);
}

// What changed for `product` after `since` ("" for everything).
Result<json> Gather(store::Store& store, std::string_view product, const std::string& since) {
  SK_ASSIGN_OR_RETURN(std::vector<findings::StoredFinding> all,
                      findings::List(store, {.product = std::string(product), .status = "all"}));
  std::map<int64_t, const findings::StoredFinding*> by_id;
  std::set<std::string> vulnerabilities;
  for (const findings::StoredFinding& f : all) {
    by_id[f.id] = &f;
    vulnerabilities.insert(f.vulnerability);
    for (const json& a : f.detail.value("aliases", json::array())) {
      if (a.is_string()) vulnerabilities.insert(a.get<std::string>());
    }
  }
  json out = {{"findings", json::array()}, {"advisories", json::array()}, {"kev", json::array()}};
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(store::Rows changes,
                        txn.Query("SELECT c.finding_id, c.change, c.at FROM finding_changes c "
                                  "JOIN findings f ON f.id = c.finding_id WHERE f.product = ? "
                                  "AND c.at > ? ORDER BY c.finding_id, c.id",
                                  {std::string(product), since}));
    std::map<int64_t, json> changed;
    for (const store::Row& row : changes.rows) {
      SK_ASSIGN_OR_RETURN(int64_t id, row.Int(0));
      SK_ASSIGN_OR_RETURN(std::string change, row.Text(1));
      SK_ASSIGN_OR_RETURN(std::string at, row.Text(2));
      changed[id].push_back({{"change", change}, {"at", at}});
    }
    for (const auto& [id, list] : changed) {
      const findings::StoredFinding& f = *by_id.at(id);
      out["findings"].push_back({{"finding_id", id},
                                 {"release", f.release},
                                 {"component", f.component_name + "@" + f.component_version},
                                 {"vulnerability", f.vulnerability},
                                 {"open", f.open()},
                                 {"changes", list}});
    }
    SK_ASSIGN_OR_RETURN(store::Rows history,
                        txn.Query("SELECT vuln_id, source, source_id, change, at FROM "
                                  "vuln_history WHERE at > ? ORDER BY id",
                                  {since}));
    for (const store::Row& row : history.rows) {
      SK_ASSIGN_OR_RETURN(std::string identity, row.Text(0));
      if (!vulnerabilities.count(identity)) continue;
      SK_ASSIGN_OR_RETURN(std::string source, row.Text(1));
      SK_ASSIGN_OR_RETURN(std::string source_id, row.Text(2));
      SK_ASSIGN_OR_RETURN(std::string change, row.Text(3));
      SK_ASSIGN_OR_RETURN(std::string at, row.Text(4));
      out["advisories"].push_back({{"identity", identity},
                                   {"source", source},
                                   {"source_id", source_id},
                                   {"change", change},
                                   {"at", at}});
    }
    SK_ASSIGN_OR_RETURN(store::Rows kev,
                        txn.Query("SELECT cve_id, date_added, updated_at FROM vuln_kev WHERE "
                                  "updated_at > ? ORDER BY cve_id",
                                  {since}));
    for (const store::Row& row : kev.rows) {
      SK_ASSIGN_OR_RETURN(std::string cve, row.Text(0));
      if (!vulnerabilities.count(cve)) continue;
      SK_ASSIGN_OR_RETURN(std::string added, row.Text(1));
      SK_ASSIGN_OR_RETURN(std::string updated, row.Text(2));
      out["kev"].push_back({{"cve", cve}, {"date_added", added}, {"updated_at", updated}});
    }
    return Status::Ok();
  }));
  return out;
}

Status UpdateReview(store::Txn& txn, const std::string& action, const Review& r,
                    const std::string& sql, const std::vector<Value>& params) {
  SK_ASSIGN_OR_RETURN(json before, txn.State("reviews", r.entity));
  SK_RETURN_IF_ERROR(txn.Exec(sql, params));
  return txn.Audit(action, "reviews", r.entity, before).status();
}

}  // namespace

std::vector<int64_t> Review::finding_ids() const {
  std::vector<int64_t> out;
  for (const json& f : contents.value("findings", json::array())) {
    out.push_back(f.value("finding_id", int64_t{0}));
  }
  return out;
}

Result<Review> StartReview(store::Store& store, const store::Author& author,
                           std::string_view product) {
  SK_ASSIGN_OR_RETURN(std::vector<Review> reviews, ReviewsOf(store, product));
  std::string since;
  for (const Review& r : reviews) {
    if (r.status == "open") {
      return FailedPrecondition("product " + std::string(product) + " already has review " +
                                std::to_string(r.number) + " open (started " + r.started_at + ")");
    }
    since = r.started_at;  // what it gathered reaches up to its start
  }
  SK_ASSIGN_OR_RETURN(json contents, Gather(store, product, since));
  SK_ASSIGN_OR_RETURN(std::vector<vuln::SourceStatus> feeds, Feeds(store, Env::Default()));
  contents["feeds"] = FeedsJson(feeds);
  Review r;
  r.product = std::string(product);
  r.number = static_cast<int64_t>(reviews.size()) + 1;
  r.entity = "review:" + r.product + "#" + std::to_string(r.number);
  r.status = "open";
  r.since = since;
  r.contents = contents;
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    r.started_at = txn.time();
    SK_RETURN_IF_ERROR(
        txn.Exec("INSERT INTO reviews (entity, product, number, status, since, started_at, "
                 "contents, deferrals) VALUES (?, ?, ?, 'open', ?, ?, ?, '[]')",
                 {r.entity, r.product, r.number, r.since, r.started_at, Canonical(contents)}));
    return txn.Audit("review.start", "reviews", r.entity, nullptr).status();
  }));
  return r;
}

Result<Review> ShowReview(store::Store& store, std::string_view product) {
  SK_ASSIGN_OR_RETURN(std::vector<Review> reviews, ReviewsOf(store, product));
  if (reviews.empty()) return NotFound("product " + std::string(product) + " has no review");
  for (const Review& r : reviews) {
    if (r.status == "open") return r;
  }
  return reviews.back();
}

Result<Review> DeferInReview(store::Store& store, const store::Author& author,
                             std::string_view product, const std::vector<int64_t>& finding_ids,
                             std::string_view until) {
  SK_RETURN_IF_ERROR(ValidateDate("deferral date", until));
  if (author.reason.empty()) return InvalidArgument("a deferral needs a reason (--reason)");
  if (finding_ids.empty()) return InvalidArgument("no finding ids given");
  SK_ASSIGN_OR_RETURN(Review r, OpenReview(store, product));
  std::vector<int64_t> included = r.finding_ids();
  for (int64_t id : finding_ids) {
    if (std::find(included.begin(), included.end(), id) == included.end()) {
      return InvalidArgument("finding " + std::to_string(id) + " is not part of review " +
                             std::to_string(r.number) + " of " + r.product);
    }
  }
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    for (int64_t id : finding_ids) {
      r.deferrals.push_back({id, std::string(until), author.reason, author.actor, txn.time()});
    }
    return UpdateReview(txn, "review.defer", r, "UPDATE reviews SET deferrals = ? WHERE entity = ?",
                        {Canonical(DeferralsJson(r.deferrals)), r.entity});
  }));
  return r;
}

Result<std::vector<int64_t>> Undecided(store::Store& store, const Review& review) {
  std::set<int64_t> deferred;
  for (const Deferral& d : review.deferrals) deferred.insert(d.finding_id);
  std::vector<findings::StoredFinding> included;
  for (int64_t id : review.finding_ids()) {
    if (deferred.count(id)) continue;
    SK_ASSIGN_OR_RETURN(findings::StoredFinding f, findings::Get(store, id));
    included.push_back(std::move(f));
  }
  SK_ASSIGN_OR_RETURN(std::vector<std::string> states, StatesOf(store, included));
  std::vector<int64_t> out;
  for (size_t i = 0; i < included.size(); ++i) {
    if (states[i] == "untriaged") out.push_back(included[i].id);
  }
  return out;
}

Result<Review> CompleteReview(store::Store& store, const store::Author& author,
                              std::string_view product, std::string_view reviewer,
                              std::string_view notes) {
  if (reviewer.empty()) return InvalidArgument("a review needs a reviewer (--reviewer NAME)");
  SK_ASSIGN_OR_RETURN(Review r, OpenReview(store, product));
  SK_ASSIGN_OR_RETURN(std::vector<int64_t> undecided, Undecided(store, r));
  if (!undecided.empty()) {
    std::string ids;
    for (int64_t id : undecided) ids += (ids.empty() ? "" : ", ") + std::to_string(id);
    return FailedPrecondition("review " + std::to_string(r.number) + " of " + r.product +
                              ": findings without a triage decision or deferral: " + ids);
  }
  SK_ASSIGN_OR_RETURN(product::Product p, product::Get(store, product));
  std::map<int64_t, std::string> deferred;
  for (const Deferral& d : r.deferrals) deferred[d.finding_id] = "deferred until " + d.until;
  std::vector<findings::StoredFinding> included;
  for (int64_t id : r.finding_ids()) {
    SK_ASSIGN_OR_RETURN(findings::StoredFinding f, findings::Get(store, id));
    included.push_back(std::move(f));
  }
  SK_ASSIGN_OR_RETURN(std::vector<std::string> states, StatesOf(store, included));
  r.covered = json::array();
  for (size_t i = 0; i < included.size(); ++i) {
    auto it = deferred.find(included[i].id);
    r.covered.push_back({{"finding_id", included[i].id},
                         {"decision", it != deferred.end() ? it->second : states[i]}});
  }
  SK_ASSIGN_OR_RETURN(std::vector<vuln::SourceStatus> feeds, Feeds(store, Env::Default()));
  r.sources = json::array();
  for (const vuln::SourceStatus& s : feeds) {
    r.sources.push_back({{"source", s.source},
                         {"newest_modified", s.newest_modified},
                         {"last_import", s.last_import}});
  }
  r.reviewer = std::string(reviewer);
  r.notes = std::string(notes);
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    r.status = "completed";
    r.completed_at = txn.time();
    SK_ASSIGN_OR_RETURN(r.next_due, AddDays(r.completed_at.substr(0, 10), p.review_cadence_days));
    return UpdateReview(txn, "review.complete", r,
                        "UPDATE reviews SET status = 'completed', completed_at = ?, reviewer = ?, "
                        "notes = ?, sources = ?, covered = ?, next_due = ? WHERE entity = ?",
                        {r.completed_at, r.reviewer, r.notes, Canonical(r.sources),
                         Canonical(r.covered), r.next_due, r.entity});
  }));
  return r;
}

Result<std::vector<Review>> ListReviews(store::Store& store, std::string_view product) {
  return ReviewsOf(store, product);
}

Result<std::vector<ReviewDue>> ReviewsDue(store::Store& store, std::string_view as_of) {
  SK_RETURN_IF_ERROR(ValidateDate("as-of date", as_of));
  SK_ASSIGN_OR_RETURN(std::vector<product::Product> products, product::List(store));
  std::vector<ReviewDue> out;
  for (const product::Product& p : products) {
    SK_ASSIGN_OR_RETURN(std::vector<release::Release> releases, release::List(store, p.name));
    if (releases.empty()) continue;
    SK_ASSIGN_OR_RETURN(std::vector<Review> reviews,
                        ReviewsOf(store, p.name, "AND status = 'completed'"));
    ReviewDue due{p.name, "", "", true};
    if (!reviews.empty()) {
      due.last_completed = reviews.back().completed_at;
      due.next_due = reviews.back().next_due;
      if (due.next_due > as_of) continue;
      due.overdue = std::string(as_of) > due.next_due;
    }
    out.push_back(std::move(due));
  }
  return out;
}

json ToJson(const Review& r) {
  json out = {{"entity", r.entity},     {"product", r.product},
              {"number", r.number},     {"status", r.status},
              {"since", r.since},       {"started_at", r.started_at},
              {"contents", r.contents}, {"deferrals", DeferralsJson(r.deferrals)}};
  if (r.status == "completed") {
    out["completed_at"] = r.completed_at;
    out["reviewer"] = r.reviewer;
    out["notes"] = r.notes;
    out["sources"] = r.sources;
    out["covered"] = r.covered;
    out["next_due"] = r.next_due;
  }
  return out;
}

json ToJson(const ReviewDue& d) {
  return {{"product", d.product},
          {"last_completed", d.last_completed},
          {"next_due", d.next_due},
          {"overdue", d.overdue}};
}

}  // namespace soupkeeper::triage
