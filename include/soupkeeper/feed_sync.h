// Online feed sources: configuration (`feed source add|list|remove`) and
// `feed sync`, which fetches each configured source over HTTP and imports what
// it got through the importers of vuln.h (incremental, with provenance, one
// transaction per imported unit).
//
// Promises:
//  - An API key is never stored: a source names the environment variable that
//    holds it; the sync state keeps at most its SHA-256 fingerprint.
//  - NVD (CVE API 2.0): pages of `page_size` (2,000) with startIndex, windows
//    lastModStartDate..lastModEndDate of at most 120 days from the last
//    successful sync mark (the first sync is a full one), at most 5 requests
//    per 30 s without a key and 50 with one (header `apiKey`). Each page is
//    imported in its own transaction together with the cursor (window and
//    next startIndex), so an interrupted sync resumes at the next page.
//  - OSV zip exports, KEV JSON, EPSS CSV(.gz): conditional GET with the
//    stored ETag / Last-Modified; a 304 downloads and changes nothing.
//  - CSAF: provider-metadata.json, then each distribution's ROLIE feeds
//    (entries updated after the feed's mark) or directory_url/changes.csv
//    (rows changed after the mark); the advisories of one feed are imported
//    in one transaction with the new mark.
//  - 403, 429, 5xx and transport failures (timeouts) are retried with
//    exponential backoff; other statuses fail the source. A failed sync
//    records its result and message and keeps the cursor of what was done.
//  - Waiting goes through SyncOptions::sleep and time through Env::Now(), so
//    tests run the limiter and the backoff on a fake clock.
//
// Example:
//   SK_RETURN_IF_ERROR(vuln::AddFeedSource(*store, {"nvd", "nvd", "", "NVD_API_KEY", {}}, author));
//   SK_ASSIGN_OR_RETURN(auto sources, vuln::ListFeedSources(*store));
//   SK_ASSIGN_OR_RETURN(vuln::SyncSummary s,
//                       vuln::SyncSource(*store, env, sources[0], author, {}, sink));
#ifndef SOUPKEEPER_FEED_SYNC_H_
#define SOUPKEEPER_FEED_SYNC_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "soupkeeper/diagnostics.h"
#include "soupkeeper/env.h"
#include "soupkeeper/status.h"
#include "soupkeeper/store.h"
#include "soupkeeper/vuln.h"

namespace soupkeeper::vuln {

struct FeedSource {
  std::string name;
  std::string kind;                     // "nvd", "osv", "kev", "csaf", "epss"
  std::string url;                      // "" for the kind's default (DefaultFeedUrl)
  std::string api_key_env;              // variable holding the API key, or ""
  std::vector<std::string> ecosystems;  // OSV: replaces <ECOSYSTEM> in the URL
  std::string created_at;               // set by the store
};

// The public URL of a kind: NVD https://services.nvd.nist.gov/rest/json/cves/2.0,
// OSV https://osv-vulnerabilities.storage.googleapis.com/<ECOSYSTEM>/all.zip,
// KEV https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json,
// EPSS https://epss.cyentia.com/epss_scores-current.csv.gz; CSAF has none ("").
std::string DefaultFeedUrl(std::string_view kind);

// Adds a source (name [a-z0-9._-], kind known, URL http(s), OSV with a
// <ECOSYSTEM> URL needs ecosystems). AlreadyExists when the name is taken.
Status AddFeedSource(store::Store& store, FeedSource source, const store::Author& author);
// Removes a source and its sync state (imported records stay). NotFound.
Status RemoveFeedSource(store::Store& store, std::string_view name, const store::Author& author);
// All sources, by name.
Result<std::vector<FeedSource>> ListFeedSources(store::Store& store);

// The sync state of a source.
struct SyncState {
  std::string source;
  nlohmann::json cursor = nlohmann::json::object();
  std::string last_attempt_at;
  std::string last_success_at;  // "" when never
  std::string result;           // "ok", "not-modified", "in-progress", "failed"
  std::string message;
  nlohmann::json summary = nlohmann::json::object();  // SyncSummary::ToJson
  std::string api_key_sha256;                         // "" when no key was used
};

// The states of all sources that were synced at least once, by source.
Result<std::vector<SyncState>> SyncStates(store::Store& store);

struct SyncProgress {
  std::string source;
  int64_t done = 0;   // units done (pages, files, advisories)
  int64_t total = 0;  // 0 when not known yet
  int64_t bytes = 0;
};

struct SyncOptions {
  // Waits (rate limit, backoff); the default sleeps the thread.
  std::function<void(std::chrono::milliseconds)> sleep;
  std::function<void(const SyncProgress&)> progress;  // may be empty
  int nvd_page_size = 2000;
  int max_attempts = 6;                       // per request
  std::chrono::milliseconds backoff{2000};    // first retry delay, doubled each time
  std::chrono::milliseconds timeout{120000};  // per request
};

struct SyncSummary {
  std::string source;
  std::string kind;
  std::string result;  // as SyncState::result
  std::string message;
  int64_t requests = 0;
  int64_t bytes = 0;
  int64_t added = 0, changed = 0, unchanged = 0, errors = 0;
  int64_t duration_ms = 0;
  nlohmann::json ToJson() const;
  // "nvd: 3 requests, 812 bytes, 5 new, 0 changed, 0 unchanged, 0 errors, 0.2 s (ok)"
  std::string Line() const;
};

// Syncs one source. Errors of the source (HTTP, bad responses) are recorded
// in its state and returned in the summary with result "failed"; the Result
// fails only when the store does.
Result<SyncSummary> SyncSource(store::Store& store, Env* env, const FeedSource& source,
                               const store::Author& author, const SyncOptions& options,
                               DiagnosticSink& sink);

}  // namespace soupkeeper::vuln

#endif  // SOUPKEEPER_FEED_SYNC_H_
