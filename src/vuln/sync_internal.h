// Shared between the feed source configuration and the sync: the sync state
// row of a source.
#ifndef SOUPKEEPER_SRC_VULN_SYNC_INTERNAL_H_
#define SOUPKEEPER_SRC_VULN_SYNC_INTERNAL_H_

#include <string_view>

#include "soupkeeper/feed_sync.h"

namespace soupkeeper::vuln {

// Replaced by each of an OSV source's ecosystems in its URL.
inline constexpr std::string_view kEcosystemPlaceholder = "<ECOSYSTEM>";

// The state of `source`; a source never synced gets an empty cursor.
Result<SyncState> ReadSyncState(store::Txn& txn, std::string_view source);
// Inserts or updates the state row and audits it ("feed.sync").
Status WriteSyncState(store::Txn& txn, const SyncState& state);

}  // namespace soupkeeper::vuln

#endif  // SOUPKEEPER_SRC_VULN_SYNC_INTERNAL_H_
