// Shared between the feed source configuration and the sync: the sync state
// row of a source.
#ifndef SOUPKEEPER_SRC_VULN_SYNC_INTERNAL_H_
#define SOUPKEEPER_SRC_VULN_SYNC_INTERNAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/feed_sync.h"

namespace soupkeeper::vuln {

// Replaced by each of an OSV source's ecosystems in its URL.
inline constexpr std::string_view kEcosystemPlaceholder = "<ECOSYSTEM>";

// The state of `source`; a source never synced gets an empty cursor.
Result<SyncState> ReadSyncState(store::Txn& txn, std::string_view source);
// Inserts or updates the state row and audits it ("feed.sync").
Status WriteSyncState(store::Txn& txn, const SyncState& state);

// One advisory of a CSAF feed and when it last changed.
struct Change {
  std::string url;
  TimePoint updated;
};
using Changes = std::vector<Change>;

// The entries of a ROLIE feed (feed/entry[]/content/src and updated), their
// URLs resolved against the feed's folder. ParseError naming the entry.
Result<Changes> ParseRolieFeed(const std::string& feed_url, std::string_view body);
// The rows "path","time" of a CSAF directory's changes.csv, paths resolved
// against `directory_url`. ParseError naming the row.
Result<Changes> ParseChangesCsv(const std::string& directory_url, std::string_view body);

}  // namespace soupkeeper::vuln

#endif  // SOUPKEEPER_SRC_VULN_SYNC_INTERNAL_H_
