// `feed sync`: fetching configured sources over HTTP (Env::HttpGet, libcurl)
// with a rate limiter and retries, and importing what they return.
//
// One Syncer per source run. Every imported unit (an NVD page, a downloaded
// file, the advisories of one CSAF feed) is one ImportBuffers transaction
// that also writes the source's cursor, so the cursor never runs ahead of (or
// behind) the records it covers.
#include <algorithm>
#include <deque>
#include <set>
#include <sstream>
#include <thread>

#include "soupkeeper/feed_sync.h"
#include "soupkeeper/hash.h"
#include "vuln/sync_internal.h"

namespace soupkeeper::vuln {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

constexpr auto kNvdWindow = std::chrono::hours(24 * 120);
constexpr auto kNvdRatePeriod = std::chrono::seconds(30);

bool Retryable(int status) { return status == 403 || status == 429 || status >= 500; }

// Seconds of a Retry-After header given as a number, or 0.
int64_t RetryAfterSeconds(const HttpResponse& r) {
  auto it = r.headers.find("retry-after");
  if (it == r.headers.end() || it->second.empty()) return 0;
  if (!std::all_of(it->second.begin(), it->second.end(),
                   [](char c) { return c >= '0' && c <= '9'; }) ||
      it->second.size() > 6) {
    return 0;
  }
  return std::stoll(it->second);
}

// GETs with a sliding-window rate limit (requests per 30 s; 0 for none) and
// exponential backoff on retryable statuses and transport errors.
class Fetcher {
 public:
  Fetcher(Env* env, const SyncOptions& options, int per_period, SyncSummary& summary)
      : env_(env), options_(options), per_period_(per_period), summary_(summary) {}

  // The response of a 200 or 304; any other final status is an IoError.
  Result<HttpResponse> Get(const std::string& url, std::map<std::string, std::string> headers) {
    std::string last;
    for (int attempt = 0; attempt < options_.max_attempts; ++attempt) {
      if (attempt > 0) options_.sleep(backoff_);
      WaitForSlot();
      ++summary_.requests;
      Result<HttpResponse> r = env_->HttpGet({url, headers, options_.timeout});
      if (r.ok()) summary_.bytes += static_cast<int64_t>(r->body.size());
      if (r.ok() && !Retryable(r->status)) {
        if (r->status == 200 || r->status == 304) return r;
        return IoError("GET " + url + ": HTTP " + std::to_string(r->status));
      }
      last = r.ok() ? "HTTP " + std::to_string(r->status) : r.status().message();
      backoff_ = attempt == 0 ? options_.backoff : backoff_ * 2;
      if (r.ok()) {
        backoff_ = std::max<milliseconds>(backoff_, std::chrono::seconds(RetryAfterSeconds(*r)));
      }
    }
    return IoError("GET " + url + ": " + last + " after " + std::to_string(options_.max_attempts) +
                   " attempts");
  }

 private:
  void WaitForSlot() {
    if (per_period_ <= 0) return;
    TimePoint now = env_->Now();
    while (!sent_.empty() && now - sent_.front() >= kNvdRatePeriod) sent_.pop_front();
    if (static_cast<int>(sent_.size()) >= per_period_) {
      auto wait = std::chrono::ceil<milliseconds>(sent_.front() + kNvdRatePeriod - now);
      if (wait.count() > 0) options_.sleep(wait);
      sent_.pop_front();
      now = env_->Now();
    }
    sent_.push_back(now);
  }

  Env* env_;
  const SyncOptions& options_;
  int per_period_;
  SyncSummary& summary_;
  std::deque<TimePoint> sent_;
  milliseconds backoff_{0};
};

// NVD's date parameter: 2024-01-02T03:04:05.000+00:00 (the '+' encoded).
std::string NvdDate(TimePoint t) {
  std::string s = FormatTime(std::chrono::floor<std::chrono::seconds>(t));
  s.pop_back();  // 'Z'
  return s + ".000%2B00:00";
}

std::string Seconds(TimePoint t) { return FormatTime(std::chrono::floor<std::chrono::seconds>(t)); }

// The URL with `params` appended.
std::string WithQuery(const std::string& url, const std::string& params) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + params;
}

// `ref` resolved against the folder URL `dir` (absolute URLs as they are).
std::string Resolve(std::string dir, const std::string& ref) {
  if (ref.rfind("http://", 0) == 0 || ref.rfind("https://", 0) == 0) return ref;
  while (!dir.empty() && dir.back() == '/') dir.pop_back();
  std::string rel = ref;
  while (!rel.empty() && rel.front() == '/') rel.erase(0, 1);
  return dir + "/" + rel;
}

Result<json> ParseJson(const std::string& url, const std::string& body) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return ParseError(url + ": not a JSON object");
  return j;
}

}  // namespace

Result<Changes> ParseRolieFeed(const std::string& feed_url, std::string_view body) {
  json feed = json::parse(body, nullptr, false);
  if (feed.is_discarded() || !feed.is_object() || !feed["feed"].is_object() ||
      !feed["feed"]["entry"].is_array()) {
    return ParseError(feed_url + ": /feed/entry: not a ROLIE feed (no entry array)");
  }
  const json& entries = feed["feed"]["entry"];
  const std::string folder = feed_url.substr(0, feed_url.find_last_of('/'));
  Changes out;
  for (size_t i = 0; i < entries.size(); ++i) {
    const json& e = entries[i];
    const std::string where = feed_url + ": /feed/entry/" + std::to_string(i);
    const json* src = e.is_object() && e.contains("content") && e["content"].is_object() &&
                              e["content"].contains("src") && e["content"]["src"].is_string()
                          ? &e["content"]["src"]
                          : nullptr;
    if (src == nullptr || !e.contains("updated") || !e["updated"].is_string()) {
      return ParseError(where + ": needs content/src and updated");
    }
    Result<TimePoint> updated = ParseTime(e["updated"].get<std::string>());
    if (!updated.ok()) return ParseError(where + "/updated: " + updated.status().message());
    out.push_back({Resolve(folder, src->get<std::string>()), *updated});
  }
  return out;
}

Result<Changes> ParseChangesCsv(const std::string& directory_url, std::string_view body) {
  const std::string csv_url = Resolve(directory_url, "changes.csv");
  Changes out;
  std::istringstream in{std::string(body)};
  std::string line;
  auto unquote = [](std::string s) {
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
    return s;
  };
  for (int row = 1; std::getline(in, line); ++row) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const std::string where = csv_url + ": row " + std::to_string(row);
    size_t comma = line.find(',');
    if (comma == std::string::npos) return ParseError(where + ": expected \"path\",\"time\"");
    Result<TimePoint> t = ParseTime(unquote(line.substr(comma + 1)));
    if (!t.ok()) return ParseError(where + ": " + t.status().message());
    out.push_back({Resolve(directory_url, unquote(line.substr(0, comma))), *t});
  }
  return out;
}

namespace {

class Syncer {
 public:
  Syncer(store::Store& store, Env* env, const FeedSource& source, const store::Author& author,
         const SyncOptions& options, DiagnosticSink& sink, SyncSummary& summary, SyncState& state,
         std::map<std::string, std::string> headers, int per_period)
      : store_(store),
        env_(env),
        source_(source),
        author_(author),
        options_(options),
        sink_(sink),
        summary_(summary),
        state_(state),
        headers_(std::move(headers)),
        fetcher_(env, options, per_period, summary) {}

  Status Run() {
    if (source_.kind == "nvd") return SyncNvd();
    if (source_.kind == "csaf") return SyncCsaf();
    if (source_.kind == "osv" && source_.url.find(kEcosystemPlaceholder) != std::string::npos) {
      for (const std::string& e : source_.ecosystems) {
        std::string url = source_.url;
        url.replace(url.find(kEcosystemPlaceholder), kEcosystemPlaceholder.size(), e);
        SK_RETURN_IF_ERROR(SyncFile(url));
      }
      return Status::Ok();
    }
    return SyncFile(source_.url);
  }

 private:
  // Imports `inputs` and, in the same transaction, stores `cursor`.
  Status Import(const std::vector<InputBuffer>& inputs, const json& cursor) {
    SyncState next = state_;
    next.cursor = cursor;
    next.result = "in-progress";
    SK_ASSIGN_OR_RETURN(
        ImportReport report,
        ImportBuffers(store_, inputs, author_, sink_, [&](store::Txn& txn, const ImportReport&) {
          next.last_attempt_at = txn.time();
          return WriteSyncState(txn, next);
        }));
    state_ = std::move(next);
    for (const auto& [name, c] : report.sources) {
      summary_.added += c.added;
      summary_.changed += c.changed;
      summary_.unchanged += c.unchanged;
      summary_.errors += c.errors;
    }
    summary_.errors += report.file_errors;
    return Status::Ok();
  }

  // Stores `cursor` alone (nothing to import).
  Status SaveCursor(const json& cursor) {
    SyncState next = state_;
    next.cursor = cursor;
    next.result = "in-progress";
    SK_RETURN_IF_ERROR(store_.Write(author_, [&](store::Txn& txn) {
      next.last_attempt_at = txn.time();
      return WriteSyncState(txn, next);
    }));
    state_ = std::move(next);
    return Status::Ok();
  }

  void Progress(int64_t done, int64_t total) {
    if (options_.progress) options_.progress({source_.name, done, total, summary_.bytes});
  }

  // --- NVD ---

  // The cursor's window: {"start", "end"} (both null for a full sync),
  // "target" (the end of this sync) and "index" (the next startIndex).
  static json Window(const std::optional<TimePoint>& start, TimePoint target) {
    if (!start)
      return {{"start", nullptr}, {"end", nullptr}, {"target", Seconds(target)}, {"index", 0}};
    TimePoint end = std::min<TimePoint>(*start + kNvdWindow, target);
    return {{"start", Seconds(*start)},
            {"end", Seconds(end)},
            {"target", Seconds(target)},
            {"index", 0}};
  }

  Status SyncNvd() {
    not_modified_ = false;
    json cursor = state_.cursor;
    if (!cursor.contains("window")) {
      std::optional<TimePoint> mark;
      if (cursor.contains("mark")) {
        SK_ASSIGN_OR_RETURN(mark, ParseTime(cursor["mark"].get<std::string>()));
      }
      cursor["window"] = Window(mark, env_->Now());
    }
    int64_t pages = 0;
    while (cursor.contains("window")) {
      json& w = cursor["window"];
      const int64_t index = w["index"].get<int64_t>();
      std::string url =
          WithQuery(source_.url, "resultsPerPage=" + std::to_string(options_.nvd_page_size) +
                                     "&startIndex=" + std::to_string(index));
      if (!w["start"].is_null()) {
        SK_ASSIGN_OR_RETURN(TimePoint start, ParseTime(w["start"].get<std::string>()));
        SK_ASSIGN_OR_RETURN(TimePoint end, ParseTime(w["end"].get<std::string>()));
        url += "&lastModStartDate=" + NvdDate(start) + "&lastModEndDate=" + NvdDate(end);
      }
      SK_ASSIGN_OR_RETURN(HttpResponse resp, fetcher_.Get(url, headers_));
      SK_ASSIGN_OR_RETURN(json page, ParseJson(url, resp.body));
      if (!page["totalResults"].is_number_integer() || !page["vulnerabilities"].is_array()) {
        return ParseError(url + ": not a CVE API 2.0 response (totalResults, vulnerabilities)");
      }
      const int64_t total = page["totalResults"].get<int64_t>();
      const int64_t n = static_cast<int64_t>(page["vulnerabilities"].size());
      const int64_t next = index + n;
      json after = cursor;
      if (n > 0 && next < total) {
        after["window"]["index"] = next;
      } else if (!w["end"].is_null() && w["end"] != w["target"]) {
        SK_ASSIGN_OR_RETURN(TimePoint end, ParseTime(w["end"].get<std::string>()));
        SK_ASSIGN_OR_RETURN(TimePoint target, ParseTime(w["target"].get<std::string>()));
        after["window"] = Window(end, target);
      } else {
        after["mark"] = w["target"];
        after.erase("window");
      }
      if (n > 0) {
        SK_RETURN_IF_ERROR(Import({{url, std::move(resp.body)}}, after));
      } else {
        SK_RETURN_IF_ERROR(SaveCursor(after));
      }
      cursor = std::move(after);
      Progress(++pages, 0);
    }
    return Status::Ok();
  }

  // --- Single files with conditional GET (OSV zip, KEV, EPSS) ---

  Status SyncFile(const std::string& url) {
    json cursor = state_.cursor;
    json& validators = cursor["files"][url];
    std::map<std::string, std::string> headers = headers_;
    if (validators.contains("etag")) headers["If-None-Match"] = validators["etag"];
    if (validators.contains("last_modified")) {
      headers["If-Modified-Since"] = validators["last_modified"];
    }
    SK_ASSIGN_OR_RETURN(HttpResponse resp, fetcher_.Get(url, headers));
    if (resp.status == 304) {
      Progress(1, 1);
      return Status::Ok();
    }
    not_modified_ = false;
    validators = json::object();
    if (resp.headers.count("etag")) validators["etag"] = resp.headers["etag"];
    if (resp.headers.count("last-modified"))
      validators["last_modified"] = resp.headers["last-modified"];
    SK_RETURN_IF_ERROR(Import({{url, std::move(resp.body)}}, cursor));
    Progress(1, 1);
    return Status::Ok();
  }

  // --- CSAF ---

  Result<Changes> RolieChanges(const std::string& feed_url) {
    SK_ASSIGN_OR_RETURN(HttpResponse resp, fetcher_.Get(feed_url, headers_));
    return ParseRolieFeed(feed_url, resp.body);
  }

  Result<Changes> DirectoryChanges(const std::string& directory_url) {
    const std::string csv_url = Resolve(directory_url, "changes.csv");
    SK_ASSIGN_OR_RETURN(HttpResponse resp, fetcher_.Get(csv_url, headers_));
    return ParseChangesCsv(directory_url, resp.body);
  }

  // Fetches and imports the changes after the feed's mark; moves the mark.
  Status ImportChanges(const std::string& feed_key, const Changes& changes) {
    json cursor = state_.cursor;
    std::optional<TimePoint> mark;
    if (cursor["marks"].contains(feed_key)) {
      SK_ASSIGN_OR_RETURN(mark, ParseTime(cursor["marks"][feed_key].get<std::string>()));
    }
    std::vector<InputBuffer> inputs;
    std::optional<TimePoint> newest = mark;
    std::set<std::string> fetched;
    for (const auto& [url, updated] : changes) {
      if ((mark && updated <= *mark) || !fetched.insert(url).second) continue;
      SK_ASSIGN_OR_RETURN(HttpResponse resp, fetcher_.Get(url, headers_));
      inputs.push_back({url, std::move(resp.body)});
      if (!newest || updated > *newest) newest = updated;
      Progress(static_cast<int64_t>(inputs.size()), 0);
    }
    if (inputs.empty()) return Status::Ok();
    not_modified_ = false;
    cursor["marks"][feed_key] = FormatTime(*newest);
    return Import(inputs, cursor);
  }

  Status SyncCsaf() {
    SK_ASSIGN_OR_RETURN(HttpResponse resp, fetcher_.Get(source_.url, headers_));
    SK_ASSIGN_OR_RETURN(json meta, ParseJson(source_.url, resp.body));
    const json& distributions = meta["distributions"];
    if (!distributions.is_array()) {
      return ParseError(source_.url +
                        ": /distributions is not an array (not provider-metadata.json)");
    }
    for (const json& d : distributions) {
      if (d.contains("rolie")) {
        for (const json& f : d["rolie"]["feeds"]) {
          if (!f["url"].is_string()) return ParseError(source_.url + ": a ROLIE feed without url");
          const std::string feed_url = f["url"].get<std::string>();
          SK_ASSIGN_OR_RETURN(Changes changes, RolieChanges(feed_url));
          SK_RETURN_IF_ERROR(ImportChanges(feed_url, changes));
        }
      } else if (d["directory_url"].is_string()) {
        const std::string dir = d["directory_url"].get<std::string>();
        SK_ASSIGN_OR_RETURN(Changes changes, DirectoryChanges(dir));
        SK_RETURN_IF_ERROR(ImportChanges(dir, changes));
      }
    }
    return Status::Ok();
  }

 public:
  // No file was downloaded again and nothing was imported.
  bool not_modified() const { return not_modified_; }

 private:
  store::Store& store_;
  Env* env_;
  const FeedSource& source_;
  const store::Author& author_;
  const SyncOptions& options_;
  DiagnosticSink& sink_;
  SyncSummary& summary_;
  SyncState& state_;
  std::map<std::string, std::string> headers_;
  Fetcher fetcher_;
  bool not_modified_ = true;
};

bool IsStoreError(const Status& s) {
  return s.code() == StatusCode::kDatabaseError || s.code() == StatusCode::kCorruption ||
         s.code() == StatusCode::kInternal;
}

}  // namespace

nlohmann::json SyncSummary::ToJson() const {
  return {{"source", source},
          {"kind", kind},
          {"result", result},
          {"message", message},
          {"requests", requests},
          {"bytes", bytes},
          {"new", added},
          {"changed", changed},
          {"unchanged", unchanged},
          {"errors", errors},
          {"duration_ms", duration_ms}};
}

std::string SyncSummary::Line() const {
  char duration[32];
  std::snprintf(duration, sizeof duration, "%.1f s", static_cast<double>(duration_ms) / 1000.0);
  std::string line = source + ": " + std::to_string(requests) +
                     (requests == 1 ? " request, " : " requests, ") + std::to_string(bytes) +
                     " bytes, " + std::to_string(added) + " new, " + std::to_string(changed) +
                     " changed, " + std::to_string(unchanged) + " unchanged, " +
                     std::to_string(errors) + " errors, " + duration + " (" + result + ")";
  if (!message.empty()) line += ": " + message;
  return line;
}

Result<SyncSummary> SyncSource(store::Store& store, Env* env, const FeedSource& source,
                               const store::Author& author, const SyncOptions& given,
                               DiagnosticSink& sink) {
  SyncOptions options = given;
  if (!options.sleep) options.sleep = [](milliseconds d) { std::this_thread::sleep_for(d); };
  const TimePoint started = env->Now();
  SyncSummary summary;
  summary.source = source.name;
  summary.kind = source.kind;
  SyncState state;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(state, ReadSyncState(txn, source.name));
    return Status::Ok();
  }));
  std::map<std::string, std::string> headers;
  Status result = Status::Ok();
  state.api_key_sha256.clear();
  if (!source.api_key_env.empty()) {
    std::optional<std::string> key = env->GetVariable(source.api_key_env);
    if (!key || key->empty()) {
      result = FailedPrecondition("the API key variable " + source.api_key_env + " is not set");
    } else {
      headers["apiKey"] = *key;
      state.api_key_sha256 = Sha256Hex(*key);
    }
  }
  bool not_modified = false;
  if (result.ok()) {
    // NVD: 5 requests per 30 s without a key, 50 with one.
    const int per_period = source.kind != "nvd" ? 0 : headers.count("apiKey") ? 50 : 5;
    Syncer syncer(store, env, source, author, options, sink, summary, state, headers, per_period);
    result = syncer.Run();
    not_modified = syncer.not_modified();
  }
  if (IsStoreError(result)) return result;
  summary.result = !result.ok() ? "failed" : not_modified ? "not-modified" : "ok";
  summary.message = result.ok() ? "" : result.message();
  summary.duration_ms = std::chrono::duration_cast<milliseconds>(env->Now() - started).count();
  state.result = summary.result;
  state.message = summary.message;
  state.summary = summary.ToJson();
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) {
    state.last_attempt_at = txn.time();
    if (result.ok()) state.last_success_at = txn.time();
    return WriteSyncState(txn, state);
  }));
  return summary;
}

}  // namespace soupkeeper::vuln
