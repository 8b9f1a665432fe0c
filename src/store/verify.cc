// `log verify`: re-computes the audit trail and compares it with the rows.
//
// Checks, in order:
//  1. the chain: seqs 1..N without gaps, each prev_hash equal to the hash of
//     the event before (kGenesisHash for the first), each digest equal to the
//     SHA-256 of the change, each hash equal to AuditEventHash of the event;
//  2. the anchor, when given: the event at its seq exists and has its hash;
//  3. the rows: every row of every audited table (a table with columns
//     `entity` and `audit_seq`) names an existing event about that entity, no
//     newer event about the entity exists, and the row equals the state that
//     event recorded (a key the event lacks counts as NULL: a column added by
//     a later migration); every entity whose newest event records a row has
//     one.
// Step 3 is what catches deleted newest events and rows changed behind the
// trail's back, which a chain alone cannot see.
#include "store/verify.h"

#include <algorithm>
#include <map>
#include <set>

#include "soupkeeper/hash.h"

namespace soupkeeper::store {
namespace {

struct AuditedRow {
  std::string table;
  int64_t audit_seq = 0;
  nlohmann::json state;
};

// Tables with both an `entity` and an `audit_seq` column.
Result<std::vector<std::string>> AuditedTables(Connection& conn) {
  SK_ASSIGN_OR_RETURN(std::vector<std::string> tables, conn.TableNames());
  std::vector<std::string> audited;
  for (const std::string& table : tables) {
    if (!IsPlainIdentifier(table) || table == "audit_events") continue;
    SK_ASSIGN_OR_RETURN(Rows rows, conn.Query("SELECT * FROM " + table + " WHERE 1 = 0", {}));
    const auto& cols = *rows.columns;
    if (std::find(cols.begin(), cols.end(), "entity") != cols.end() &&
        std::find(cols.begin(), cols.end(), "audit_seq") != cols.end()) {
      audited.push_back(table);
    }
  }
  return audited;
}

// Names of the columns whose values differ between two row states.
std::string DifferingColumns(const nlohmann::json& recorded, const nlohmann::json& row) {
  std::set<std::string> keys;
  if (recorded.is_object()) {
    for (const auto& [k, v] : recorded.items()) keys.insert(k);
  }
  for (const auto& [k, v] : row.items()) keys.insert(k);
  std::string out;
  for (const std::string& k : keys) {
    bool same = recorded.is_object() && recorded.contains(k) && row.contains(k) &&
                recorded.at(k) == row.at(k);
    if (!same) out += (out.empty() ? "" : ", ") + k;
  }
  return out;
}

}  // namespace

Status VerifyTrail(Connection& conn, const std::optional<Anchor>& anchor, VerifyReport* report) {
  SK_ASSIGN_OR_RETURN(std::vector<AuditEvent> events, ReadEvents(conn, {}));
  auto problem = [&](std::string kind, std::string message) {
    report->problems.push_back({std::move(kind), std::move(message)});
  };

  // 1. The chain.
  std::map<int64_t, const AuditEvent*> by_seq;
  std::map<std::string, const AuditEvent*> newest;  // entity -> its newest event
  std::map<int64_t, nlohmann::json> changes;        // seq -> parsed change
  int64_t expected = 1;
  int64_t prev_seq = 0;  // 0 before the first event
  std::string prev_hash(kGenesisHash);
  for (const AuditEvent& e : events) {
    const std::string ev = "event " + std::to_string(e.seq);
    if (e.seq != expected) {
      problem("gap", e.seq == expected + 1
                         ? "event " + std::to_string(expected) + " is missing (deleted)"
                         : "events " + std::to_string(expected) + " to " +
                               std::to_string(e.seq - 1) + " are missing (deleted)");
    }
    if (e.prev_hash != prev_hash) {
      problem("broken_link", ev + ": prev_hash does not match the hash of " +
                                 (prev_seq == 0 ? std::string("the genesis (64 zeros)")
                                                : "event " + std::to_string(prev_seq)));
    }
    nlohmann::json change = nlohmann::json::parse(e.change, nullptr, false);
    if (Sha256Hex(e.change) != e.digest) {
      problem("edited_change", ev + ": change does not match its digest (edited)");
    } else if (!change.is_object()) {
      problem("bad_change", ev + ": change is not a JSON object");
    }
    if (AuditEventHash(e) != e.hash) {
      problem("edited_event", ev + ": hash does not match the event's fields (edited)");
    }
    by_seq[e.seq] = &e;
    newest[e.entity] = &e;
    changes[e.seq] = std::move(change);
    prev_hash = e.hash;
    prev_seq = e.seq;
    expected = e.seq + 1;
  }
  report->events = static_cast<int64_t>(events.size());
  if (!events.empty()) {
    report->head_seq = events.back().seq;
    report->head_hash = events.back().hash;
  }

  // 2. The anchor.
  if (anchor) {
    const std::string an = "anchor " + std::to_string(anchor->seq);
    auto it = by_seq.find(anchor->seq);
    if (anchor->seq > report->head_seq) {
      problem("anchor", an + ": the trail ends at event " + std::to_string(report->head_seq) +
                            " (events deleted from the end?)");
    } else if (it == by_seq.end()) {
      problem("anchor", an + ": event " + std::to_string(anchor->seq) + " is missing");
    } else if (it->second->hash != anchor->hash) {
      problem("anchor", an + ": the trail has hash " + it->second->hash + ", not the recorded " +
                            anchor->hash);
    }
  }

  // 3. The rows.
  SK_ASSIGN_OR_RETURN(std::vector<std::string> tables, AuditedTables(conn));
  std::map<std::string, AuditedRow> rows_by_entity;
  for (const std::string& table : tables) {
    SK_ASSIGN_OR_RETURN(Rows rows, conn.Query("SELECT * FROM " + table, {}));
    const auto& cols = *rows.columns;
    size_t entity_col = std::find(cols.begin(), cols.end(), "entity") - cols.begin();
    size_t seq_col = std::find(cols.begin(), cols.end(), "audit_seq") - cols.begin();
    for (const Row& row : rows.rows) {
      SK_ASSIGN_OR_RETURN(std::string entity, row.Text(entity_col));
      SK_ASSIGN_OR_RETURN(int64_t audit_seq, row.Int(seq_col));
      rows_by_entity[entity] = {table, audit_seq, RowState(rows, row)};
    }
  }
  for (const auto& [entity, row] : rows_by_entity) {
    const std::string seq = std::to_string(row.audit_seq);
    auto it = by_seq.find(row.audit_seq);
    if (it == by_seq.end()) {
      problem("missing_event", entity + ": the row was last changed by event " + seq +
                                   ", which is not in the trail (deleted?)");
      continue;
    }
    if (it->second->entity != entity) {
      problem("wrong_entity", entity + ": the row names event " + seq +
                                  " as its last change, but that event is about " +
                                  it->second->entity);
      continue;
    }
    const AuditEvent* latest = newest.at(entity);
    if (latest->seq != row.audit_seq) {
      problem("newer_event", entity + ": event " + std::to_string(latest->seq) +
                                 " changed it after event " + seq +
                                 ", but the row still carries event " + seq +
                                 " (event inserted, or row restored outside the trail)");
      continue;
    }
    const nlohmann::json& change = changes.at(row.audit_seq);
    nlohmann::json recorded =
        change.is_object() ? change.value("after", nlohmann::json()) : nullptr;
    // A column added by a later migration is NULL in rows written before it,
    // and the state recorded then has no such key: the two mean the same.
    nlohmann::json state = row.state;
    if (recorded.is_object()) {
      for (auto it = row.state.begin(); it != row.state.end(); ++it) {
        if (it.value().is_null() && !recorded.contains(it.key())) state.erase(it.key());
      }
    }
    if (recorded != state) {
      problem("row_changed", entity + ": the row differs from the state recorded by event " + seq +
                                 " in " + DifferingColumns(recorded, state) +
                                 " (changed outside the audit trail)");
    }
  }
  for (const auto& [entity, e] : newest) {
    const nlohmann::json& change = changes.at(e->seq);
    bool records_row =
        change.is_object() && change.contains("after") && !change.at("after").is_null();
    if (records_row && rows_by_entity.count(entity) == 0) {
      problem("missing_row", entity + ": event " + std::to_string(e->seq) +
                                 " records the row, but it does not exist (deleted outside the "
                                 "audit trail, or event inserted)");
    }
  }
  return Status::Ok();
}

}  // namespace soupkeeper::store
