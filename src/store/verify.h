// The audit trail's read side, shared by store.cc and verify.cc: reading
// events and audited rows, and checking them (`soupkeeper log verify`).
#ifndef SOUPKEEPER_SRC_STORE_VERIFY_H_
#define SOUPKEEPER_SRC_STORE_VERIFY_H_

#include <optional>
#include <vector>

#include "soupkeeper/store.h"
#include "store/connection.h"

namespace soupkeeper::store {

// An audit_events row selected with the columns in declaration order.
Result<AuditEvent> EventFromRow(const Row& row);
// The events matching `filter`, in seq order.
Result<std::vector<AuditEvent>> ReadEvents(Connection& conn, const EventFilter& filter);
// The state of an audited row as the trail records it: column -> value, all
// columns but `entity` and `audit_seq`.
nlohmann::json RowState(const Rows& rows, const Row& row);

// Checks the whole trail inside the caller's read transaction and fills
// `report`; a failing Status only when the database cannot be read.
Status VerifyTrail(Connection& conn, const std::optional<Anchor>& anchor, VerifyReport* report);

}  // namespace soupkeeper::store

#endif  // SOUPKEEPER_SRC_STORE_VERIFY_H_
