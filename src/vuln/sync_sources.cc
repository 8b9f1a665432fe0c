// Configured feed sources (table feed_sources) and their sync state (table
// feed_sync_state), both audited.
#include <algorithm>

#include "soupkeeper/feed_sync.h"
#include "vuln/sync_internal.h"

namespace soupkeeper::vuln {
namespace {

using nlohmann::json;
using store::Txn;

constexpr std::string_view kKinds[] = {"nvd", "osv", "kev", "csaf", "epss"};

Status ValidateSource(const FeedSource& s) {
  const std::string what = "feed source '" + s.name + "'";
  if (s.name.empty() || s.name.size() > 64 ||
      !std::all_of(s.name.begin(), s.name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
      })) {
    return InvalidArgument("feed source name '" + s.name +
                           "': use 1 to 64 of a-z, 0-9, '.', '_', '-'");
  }
  if (std::find(std::begin(kKinds), std::end(kKinds), s.kind) == std::end(kKinds)) {
    return InvalidArgument(what + ": kind '" + s.kind +
                           "' is not one of nvd, osv, kev, csaf, epss");
  }
  if (s.url.rfind("http://", 0) != 0 && s.url.rfind("https://", 0) != 0) {
    return InvalidArgument(
        what + ": URL '" + s.url + "' must start with http:// or https://" +
        (s.kind == "csaf" ? " (CSAF needs the provider-metadata.json URL)" : ""));
  }
  if (s.kind == "osv" && s.url.find(kEcosystemPlaceholder) != std::string::npos &&
      s.ecosystems.empty()) {
    return InvalidArgument(what + ": the URL contains " + std::string(kEcosystemPlaceholder) +
                           "; give at least one --ecosystem (e.g. PyPI, npm, Go)");
  }
  if (s.kind != "osv" && !s.ecosystems.empty()) {
    return InvalidArgument(what + ": --ecosystem applies to OSV sources only");
  }
  for (char c : s.api_key_env) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return InvalidArgument(what + ": --api-key-env '" + s.api_key_env +
                             "' is not an environment variable name");
    }
  }
  return Status::Ok();
}

}  // namespace

std::string DefaultFeedUrl(std::string_view kind) {
  if (kind == "nvd") return "https://services.nvd.nist.gov/rest/json/cves/2.0";
  if (kind == "osv") {
    return "https://osv-vulnerabilities.storage.googleapis.com/" +
           std::string(kEcosystemPlaceholder) + "/all.zip";
  }
  if (kind == "kev") {
    return "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json";
  }
  if (kind == "epss") return "https://epss.cyentia.com/epss_scores-current.csv.gz";
  return "";
}

Status AddFeedSource(store::Store& store, FeedSource source, const store::Author& author) {
  if (source.url.empty()) source.url = DefaultFeedUrl(source.kind);
  SK_RETURN_IF_ERROR(ValidateSource(source));
  return store.Write(author, [&](Txn& txn) -> Status {
    const std::string entity = "feed-source:" + source.name;
    SK_ASSIGN_OR_RETURN(json before, txn.State("feed_sources", entity));
    if (!before.is_null()) {
      return AlreadyExists("feed source '" + source.name + "' already exists");
    }
    SK_RETURN_IF_ERROR(txn.Exec(
        "INSERT INTO feed_sources (name, entity, kind, url, api_key_env, ecosystems, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        {source.name, entity, source.kind, source.url, source.api_key_env,
         json(source.ecosystems).dump(), txn.time()}));
    return txn.Audit("feed.source.add", "feed_sources", entity, before).status();
  });
}

Status RemoveFeedSource(store::Store& store, std::string_view name, const store::Author& author) {
  return store.Write(author, [&](Txn& txn) -> Status {
    const std::string entity = "feed-source:" + std::string(name);
    SK_ASSIGN_OR_RETURN(json before, txn.State("feed_sources", entity));
    if (before.is_null()) return NotFound("feed source '" + std::string(name) + "' does not exist");
    const std::string state_entity = "feed-sync:" + std::string(name);
    SK_ASSIGN_OR_RETURN(json state, txn.State("feed_sync_state", state_entity));
    if (!state.is_null()) {
      SK_RETURN_IF_ERROR(
          txn.Exec("DELETE FROM feed_sync_state WHERE source = ?", {std::string(name)}));
      SK_RETURN_IF_ERROR(
          txn.Audit("feed.sync.forget", "feed_sync_state", state_entity, state).status());
    }
    SK_RETURN_IF_ERROR(txn.Exec("DELETE FROM feed_sources WHERE name = ?", {std::string(name)}));
    return txn.Audit("feed.source.remove", "feed_sources", entity, before).status();
  });
}

Result<std::vector<FeedSource>> ListFeedSources(store::Store& store) {
  std::vector<FeedSource> out;
  SK_RETURN_IF_ERROR(store.Read([&](Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(store::Rows rows,
                        txn.Query("SELECT name, kind, url, api_key_env, ecosystems, created_at "
                                  "FROM feed_sources ORDER BY name"));
    for (const store::Row& row : rows.rows) {
      FeedSource s;
      SK_ASSIGN_OR_RETURN(s.name, row.Text(0));
      SK_ASSIGN_OR_RETURN(s.kind, row.Text(1));
      SK_ASSIGN_OR_RETURN(s.url, row.Text(2));
      SK_ASSIGN_OR_RETURN(s.api_key_env, row.Text(3));
      SK_ASSIGN_OR_RETURN(std::string ecosystems, row.Text(4));
      s.ecosystems = json::parse(ecosystems, nullptr, false).get<std::vector<std::string>>();
      SK_ASSIGN_OR_RETURN(s.created_at, row.Text(5));
      out.push_back(std::move(s));
    }
    return Status::Ok();
  }));
  return out;
}

Result<SyncState> ReadSyncState(Txn& txn, std::string_view source) {
  SyncState st;
  st.source = std::string(source);
  SK_ASSIGN_OR_RETURN(
      store::Rows rows,
      txn.Query("SELECT cursor, last_attempt_at, last_success_at, result, message, summary, "
                "api_key_sha256 FROM feed_sync_state WHERE source = ?",
                {std::string(source)}));
  if (rows.empty()) return st;
  const store::Row& row = rows.rows[0];
  SK_ASSIGN_OR_RETURN(std::string cursor, row.Text(0));
  st.cursor = json::parse(cursor, nullptr, false);
  if (!st.cursor.is_object()) {
    return Corruption("feed_sync_state of '" + st.source + "': cursor is not a JSON object");
  }
  SK_ASSIGN_OR_RETURN(st.last_attempt_at, row.Text(1));
  SK_ASSIGN_OR_RETURN(auto success, row.OptionalText(2));
  st.last_success_at = success.value_or("");
  SK_ASSIGN_OR_RETURN(st.result, row.Text(3));
  SK_ASSIGN_OR_RETURN(st.message, row.Text(4));
  SK_ASSIGN_OR_RETURN(std::string summary, row.Text(5));
  st.summary = json::parse(summary, nullptr, false);
  SK_ASSIGN_OR_RETURN(auto key, row.OptionalText(6));
  st.api_key_sha256 = key.value_or("");
  return st;
}

Status WriteSyncState(Txn& txn, const SyncState& st) {
  const std::string entity = "feed-sync:" + st.source;
  SK_ASSIGN_OR_RETURN(json before, txn.State("feed_sync_state", entity));
  std::vector<store::Value> values = {
      st.cursor.dump(),
      st.last_attempt_at,
      st.last_success_at.empty() ? store::Value(nullptr) : store::Value(st.last_success_at),
      st.result,
      st.message,
      st.summary.dump(),
      st.api_key_sha256.empty() ? store::Value(nullptr) : store::Value(st.api_key_sha256),
      st.source};
  if (before.is_null()) {
    values.push_back(entity);
    SK_RETURN_IF_ERROR(
        txn.Exec("INSERT INTO feed_sync_state (cursor, last_attempt_at, last_success_at, result, "
                 "message, summary, api_key_sha256, source, entity) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 values));
  } else {
    SK_RETURN_IF_ERROR(
        txn.Exec("UPDATE feed_sync_state SET cursor = ?, last_attempt_at = ?, last_success_at = ?, "
                 "result = ?, message = ?, summary = ?, api_key_sha256 = ? WHERE source = ?",
                 values));
  }
  return txn.Audit("feed.sync", "feed_sync_state", entity, before).status();
}

Result<std::vector<SyncState>> SyncStates(store::Store& store) {
  std::vector<SyncState> out;
  SK_RETURN_IF_ERROR(store.Read([&](Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(store::Rows rows,
                        txn.Query("SELECT source FROM feed_sync_state ORDER BY source"));
    for (const store::Row& row : rows.rows) {
      SK_ASSIGN_OR_RETURN(std::string source, row.Text(0));
      SK_ASSIGN_OR_RETURN(SyncState st, ReadSyncState(txn, source));
      out.push_back(std::move(st));
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace soupkeeper::vuln
