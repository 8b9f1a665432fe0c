// Shared inside src/release/: snapshot rows (snapshot.cc) used by the release
// operations (release.cc).
#ifndef SOUPKEEPER_SRC_RELEASE_INTERNAL_H_
#define SOUPKEEPER_SRC_RELEASE_INTERNAL_H_

#include <string>
#include <string_view>

#include "soupkeeper/release.h"
#include "soupkeeper/store.h"

namespace soupkeeper::release {

// Stores `snapshot` (whose sha256 is that of `bytes`) with its bytes,
// components and edges, and audits it as "sbom.store", unless a snapshot with
// that sha256 exists already; then checks that the stored one has the same
// components digest (kCorruption otherwise) and writes nothing. Sets
// `snapshot->stored_at` to the stored snapshot's time.
Status PutSnapshotIn(store::Txn& txn, SbomSnapshot* snapshot, const std::string& bytes);

// The snapshot row (without components unless `with_components`); kNotFound
// when missing.
Result<SbomSnapshot> GetSnapshotIn(store::Txn& txn, std::string_view sha256, bool with_components);

// The stored bytes of a snapshot; kCorruption when the row is missing.
Result<std::string> SnapshotBytesIn(store::Txn& txn, std::string_view sha256);

}  // namespace soupkeeper::release

#endif  // SOUPKEEPER_SRC_RELEASE_INTERNAL_H_
