// Suppliers on the store: the suppliers table and the tables of what is
// attached to a supplier (agreement, responsibility matrix, evaluations,
// evidence), each change audited.
#include <algorithm>

#include "soupkeeper/env.h"
#include "supplier/internal.h"

namespace soupkeeper::supplier {
namespace {

constexpr std::string_view kColumns =
    "name, kind, security_contact, advisory_url, website, created_at, updated_at";

std::string Quoted(std::string_view name) { return "'" + std::string(name) + "'"; }

// An enum column read back; kCorruption when the text is not a known name.
template <typename E>
Result<E> EnumColumn(const store::Row& row, size_t i, Result<E> (*parse)(std::string_view)) {
  SK_ASSIGN_OR_RETURN(std::string text, row.Text(i));
  Result<E> value = parse(text);
  if (!value.ok()) return Corruption("stored value '" + text + "' is not allowed here");
  return value;
}

Result<Supplier> SupplierFromRow(const store::Row& row) {
  Supplier s;
  SK_ASSIGN_OR_RETURN(s.name, row.Text(0));
  SK_ASSIGN_OR_RETURN(s.kind, EnumColumn<Kind>(row, 1, ParseKind));
  SK_ASSIGN_OR_RETURN(s.security_contact, row.Text(2));
  SK_ASSIGN_OR_RETURN(s.advisory_url, row.Text(3));
  SK_ASSIGN_OR_RETURN(s.website, row.Text(4));
  SK_ASSIGN_OR_RETURN(s.created_at, row.Text(5));
  SK_ASSIGN_OR_RETURN(s.updated_at, row.Text(6));
  return s;
}

Status LoadAttached(store::Txn& txn, Supplier& s) {
  const std::vector<store::Value> key = {s.name};
  SK_ASSIGN_OR_RETURN(store::Rows agreements,
                      txn.Query("SELECT document_id, signed_on, valid_until, clauses, recorded_at "
                                "FROM supplier_agreements WHERE supplier = ?",
                                key));
  for (const store::Row& row : agreements.rows) {
    Agreement a;
    SK_ASSIGN_OR_RETURN(a.document_id, row.Text(0));
    SK_ASSIGN_OR_RETURN(a.signed_on, row.Text(1));
    if (!row.IsNull(2)) {
      SK_ASSIGN_OR_RETURN(std::string until, row.Text(2));
      a.valid_until = until;
    }
    SK_ASSIGN_OR_RETURN(std::string clauses, row.Text(3));
    SK_ASSIGN_OR_RETURN(a.clauses, ClausesFromText(clauses));
    SK_ASSIGN_OR_RETURN(a.recorded_at, row.Text(4));
    s.agreement = std::move(a);
  }
  SK_ASSIGN_OR_RETURN(store::Rows areas, txn.Query("SELECT area, party, note, updated_at FROM "
                                                   "supplier_responsibilities WHERE supplier = ?",
                                                   key));
  for (const store::Row& row : areas.rows) {
    Responsibility r;
    SK_ASSIGN_OR_RETURN(r.area, row.Text(0));
    SK_ASSIGN_OR_RETURN(r.party, EnumColumn<Party>(row, 1, ParseParty));
    SK_ASSIGN_OR_RETURN(r.note, row.Text(2));
    SK_ASSIGN_OR_RETURN(r.updated_at, row.Text(3));
    s.responsibilities.push_back(std::move(r));
  }
  std::sort(s.responsibilities.begin(), s.responsibilities.end(),
            [](const Responsibility& a, const Responsibility& b) { return a.area < b.area; });
  SK_ASSIGN_OR_RETURN(store::Rows evaluations,
                      txn.Query("SELECT number, evaluated_on, evaluator, result, notes, next_due, "
                                "recorded_at FROM supplier_evaluations WHERE supplier = ? "
                                "ORDER BY number",
                                key));
  for (const store::Row& row : evaluations.rows) {
    Evaluation e;
    SK_ASSIGN_OR_RETURN(e.number, row.Int(0));
    SK_ASSIGN_OR_RETURN(e.date, row.Text(1));
    SK_ASSIGN_OR_RETURN(e.evaluator, row.Text(2));
    SK_ASSIGN_OR_RETURN(e.result, EnumColumn<Verdict>(row, 3, ParseVerdict));
    SK_ASSIGN_OR_RETURN(e.notes, row.Text(4));
    SK_ASSIGN_OR_RETURN(e.next_due, row.Text(5));
    SK_ASSIGN_OR_RETURN(e.recorded_at, row.Text(6));
    s.evaluations.push_back(std::move(e));
  }
  SK_ASSIGN_OR_RETURN(store::Rows evidence,
                      txn.Query("SELECT number, product, release_version, kind, reference, "
                                "received_on, file_name, file_sha256, recorded_at FROM "
                                "supplier_evidence WHERE supplier = ? ORDER BY number",
                                key));
  for (const store::Row& row : evidence.rows) {
    Evidence e;
    SK_ASSIGN_OR_RETURN(e.number, row.Int(0));
    SK_ASSIGN_OR_RETURN(e.product, row.Text(1));
    SK_ASSIGN_OR_RETURN(e.release, row.Text(2));
    SK_ASSIGN_OR_RETURN(e.kind, EnumColumn<EvidenceKind>(row, 3, ParseEvidenceKind));
    SK_ASSIGN_OR_RETURN(e.reference, row.Text(4));
    SK_ASSIGN_OR_RETURN(e.received, row.Text(5));
    SK_ASSIGN_OR_RETURN(e.file_name, row.Text(6));
    SK_ASSIGN_OR_RETURN(e.file_sha256, row.Text(7));
    SK_ASSIGN_OR_RETURN(e.recorded_at, row.Text(8));
    s.evidence.push_back(std::move(e));
  }
  return Status::Ok();
}

Result<Supplier> GetIn(store::Txn& txn, std::string_view name) {
  SK_ASSIGN_OR_RETURN(store::Rows rows, txn.Query("SELECT " + std::string(kColumns) +
                                                      " FROM suppliers WHERE name = ?",
                                                  {std::string(name)}));
  if (rows.empty()) return NotFound("no supplier named " + Quoted(name));
  SK_ASSIGN_OR_RETURN(Supplier s, SupplierFromRow(rows.rows[0]));
  SK_RETURN_IF_ERROR(LoadAttached(txn, s));
  return s;
}

// The next record number of `table` for the supplier.
Result<int64_t> NextNumber(store::Txn& txn, std::string_view table, std::string_view name) {
  SK_ASSIGN_OR_RETURN(store::Rows rows, txn.Query("SELECT MAX(number) FROM " + std::string(table) +
                                                      " WHERE supplier = ?",
                                                  {std::string(name)}));
  if (rows.empty() || rows.rows[0].IsNull(0)) return int64_t{1};
  SK_ASSIGN_OR_RETURN(int64_t max, rows.rows[0].Int(0));
  return max + 1;
}

// Runs `fn` on the named supplier inside a write transaction and returns the
// supplier as it is afterwards.
Result<Supplier> WriteSupplier(store::Store& store, const store::Author& author,
                               std::string_view name,
                               const std::function<Status(store::Txn&, const Supplier&)>& fn) {
  Supplier after;
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(Supplier before, GetIn(txn, name));
    SK_RETURN_IF_ERROR(fn(txn, before));
    SK_ASSIGN_OR_RETURN(after, GetIn(txn, name));
    return Status::Ok();
  }));
  return after;
}

Status ValidateEvaluation(const Evaluation& e) {
  SK_RETURN_IF_ERROR(ValidateDate("evaluation date", e.date));
  SK_RETURN_IF_ERROR(ValidateDate("re-evaluation due date", e.next_due));
  if (e.next_due < e.date) {
    return InvalidArgument("re-evaluation due date " + e.next_due +
                           " is before the evaluation date " + e.date);
  }
  if (e.evaluator.empty()) return InvalidArgument("evaluation: the evaluator is empty");
  SK_RETURN_IF_ERROR(ValidateText("evaluator", e.evaluator));
  return ValidateText("evaluation notes", e.notes);
}

Status ValidateEvidence(const Evidence& e) {
  if (e.product.empty()) return InvalidArgument("evidence: the product is empty");
  if (e.release.empty()) return InvalidArgument("evidence: the release version is empty");
  if (e.reference.empty()) return InvalidArgument("evidence: the reference is empty");
  SK_RETURN_IF_ERROR(ValidateText("evidence product", e.product));
  SK_RETURN_IF_ERROR(ValidateText("evidence release", e.release));
  SK_RETURN_IF_ERROR(ValidateText("evidence reference", e.reference));
  SK_RETURN_IF_ERROR(ValidateText("evidence file name", e.file_name));
  SK_RETURN_IF_ERROR(ValidateDate("evidence received date", e.received));
  bool hex = e.file_sha256.size() == 64 &&
             std::all_of(e.file_sha256.begin(), e.file_sha256.end(),
                         [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
  if (!e.file_sha256.empty() && !hex) {
    return InvalidArgument("evidence: file SHA-256 '" + e.file_sha256 +
                           "' is not 64 lower-case hex digits");
  }
  if (e.file_sha256.empty() != e.file_name.empty()) {
    return InvalidArgument("evidence: a file needs both its name and its SHA-256");
  }
  return Status::Ok();
}

}  // namespace

Status AddIn(store::Txn& txn, const Supplier& s) {
  const std::string entity = EntityOf(s.name);
  SK_ASSIGN_OR_RETURN(nlohmann::json before, txn.State("suppliers", entity));
  if (!before.is_null()) return AlreadyExists("supplier " + Quoted(s.name) + " already exists");
  SK_RETURN_IF_ERROR(txn.Exec("INSERT INTO suppliers (" + std::string(kColumns) +
                                  ", entity) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                              {s.name, std::string(KindName(s.kind)), s.security_contact,
                               s.advisory_url, s.website, txn.time(), txn.time(), entity}));
  return txn.Audit("supplier.add", "suppliers", entity, before).status();
}

Status SetAgreementIn(store::Txn& txn, std::string_view name, const Agreement& a) {
  const std::string entity = "agreement:" + std::string(name);
  SK_ASSIGN_OR_RETURN(nlohmann::json before, txn.State("supplier_agreements", entity));
  if (!before.is_null()) {
    SK_RETURN_IF_ERROR(
        txn.Exec("DELETE FROM supplier_agreements WHERE supplier = ?", {std::string(name)}));
  }
  SK_RETURN_IF_ERROR(txn.Exec(
      "INSERT INTO supplier_agreements (supplier, entity, document_id, signed_on, valid_until, "
      "clauses, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {std::string(name), entity, a.document_id, a.signed_on, store::NullableText(a.valid_until),
       ClausesText(SortedClauses(a.clauses)), txn.time()}));
  return txn.Audit("supplier.agreement", "supplier_agreements", entity, before).status();
}

Status SetResponsibilitiesIn(store::Txn& txn, std::string_view name,
                             const std::vector<Responsibility>& areas) {
  for (const Responsibility& r : areas) {
    const std::string entity = "responsibility:" + std::string(name) + "/" + r.area;
    SK_ASSIGN_OR_RETURN(nlohmann::json before, txn.State("supplier_responsibilities", entity));
    if (before.is_null()) {
      SK_RETURN_IF_ERROR(
          txn.Exec("INSERT INTO supplier_responsibilities (supplier, area, entity, party, note, "
                   "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                   {std::string(name), r.area, entity, std::string(PartyName(r.party)), r.note,
                    txn.time()}));
    } else {
      SK_RETURN_IF_ERROR(txn.Exec(
          "UPDATE supplier_responsibilities SET party = ?, note = ?, updated_at = ? WHERE "
          "supplier = ? AND area = ?",
          {std::string(PartyName(r.party)), r.note, txn.time(), std::string(name), r.area}));
    }
    SK_RETURN_IF_ERROR(
        txn.Audit("supplier.responsibility", "supplier_responsibilities", entity, before).status());
  }
  return Status::Ok();
}

Result<Supplier> Add(store::Store& store, const store::Author& author, const Supplier& supplier) {
  SK_RETURN_IF_ERROR(ValidateSupplier(supplier));
  Supplier added;
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    SK_RETURN_IF_ERROR(AddIn(txn, supplier));
    SK_ASSIGN_OR_RETURN(added, GetIn(txn, supplier.name));
    return Status::Ok();
  }));
  return added;
}

Result<Supplier> Update(store::Store& store, const store::Author& author, std::string_view name,
                        const SupplierChanges& changes) {
  if (changes.empty()) {
    return InvalidArgument("supplier update " + std::string(name) +
                           ": nothing to change (give a kind, contact, advisory URL or website)");
  }
  return WriteSupplier(store, author, name, [&](store::Txn& txn, const Supplier& current) {
    Supplier next = current;
    if (changes.kind) next.kind = *changes.kind;
    if (changes.security_contact) next.security_contact = *changes.security_contact;
    if (changes.advisory_url) next.advisory_url = *changes.advisory_url;
    if (changes.website) next.website = *changes.website;
    SK_RETURN_IF_ERROR(ValidateSupplier(next));
    const std::string entity = EntityOf(name);
    SK_ASSIGN_OR_RETURN(nlohmann::json before, txn.State("suppliers", entity));
    SK_RETURN_IF_ERROR(txn.Exec(
        "UPDATE suppliers SET kind = ?, security_contact = ?, advisory_url = ?, website = ?, "
        "updated_at = ? WHERE name = ?",
        {std::string(KindName(next.kind)), next.security_contact, next.advisory_url, next.website,
         txn.time(), std::string(name)}));
    return txn.Audit("supplier.update", "suppliers", entity, before).status();
  });
}

Result<Supplier> SetAgreement(store::Store& store, const store::Author& author,
                              std::string_view name, const Agreement& agreement) {
  SK_RETURN_IF_ERROR(ValidateAgreement(agreement));
  return WriteSupplier(store, author, name, [&](store::Txn& txn, const Supplier&) {
    return SetAgreementIn(txn, name, agreement);
  });
}

Result<Supplier> SetResponsibilities(store::Store& store, const store::Author& author,
                                     std::string_view name,
                                     const std::vector<Responsibility>& areas) {
  if (areas.empty()) return InvalidArgument("supplier responsibility: no area given");
  for (const Responsibility& r : areas) SK_RETURN_IF_ERROR(ValidateResponsibility(r));
  SK_RETURN_IF_ERROR(
      RefuseRepeats("responsibility area", areas, [](const Responsibility& r) { return r.area; }));
  return WriteSupplier(store, author, name, [&](store::Txn& txn, const Supplier& s) {
    if (s.kind != Kind::kCloudProvider) {
      return FailedPrecondition("supplier " + Quoted(name) + " is of kind " +
                                std::string(KindName(s.kind)) +
                                "; a shared-responsibility matrix is kept for cloud providers "
                                "only (change its kind with `supplier update --kind`)");
    }
    return SetResponsibilitiesIn(txn, name, areas);
  });
}

Result<Evaluation> Evaluate(store::Store& store, const store::Author& author, std::string_view name,
                            const Evaluation& evaluation) {
  SK_RETURN_IF_ERROR(ValidateEvaluation(evaluation));
  SK_ASSIGN_OR_RETURN(
      Supplier after, WriteSupplier(store, author, name, [&](store::Txn& txn, const Supplier&) {
        SK_ASSIGN_OR_RETURN(int64_t number, NextNumber(txn, "supplier_evaluations", name));
        const std::string entity = "evaluation:" + std::string(name) + "#" + std::to_string(number);
        SK_RETURN_IF_ERROR(txn.Exec(
            "INSERT INTO supplier_evaluations (supplier, number, entity, evaluated_on, "
            "evaluator, result, notes, next_due, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {std::string(name), number, entity, evaluation.date, evaluation.evaluator,
             std::string(VerdictName(evaluation.result)), evaluation.notes, evaluation.next_due,
             txn.time()}));
        return txn.Audit("supplier.evaluate", "supplier_evaluations", entity, nullptr).status();
      }));
  return after.evaluations.back();
}

Result<Evidence> AddEvidence(store::Store& store, const store::Author& author,
                             std::string_view name, const Evidence& evidence) {
  SK_RETURN_IF_ERROR(ValidateEvidence(evidence));
  SK_ASSIGN_OR_RETURN(
      Supplier after, WriteSupplier(store, author, name, [&](store::Txn& txn, const Supplier&) {
        SK_ASSIGN_OR_RETURN(int64_t number, NextNumber(txn, "supplier_evidence", name));
        const std::string entity = "evidence:" + std::string(name) + "#" + std::to_string(number);
        SK_RETURN_IF_ERROR(txn.Exec(
            "INSERT INTO supplier_evidence (supplier, number, entity, product, release_version, "
            "kind, reference, received_on, file_name, file_sha256, recorded_at) VALUES (?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {std::string(name), number, entity, evidence.product, evidence.release,
             std::string(EvidenceKindName(evidence.kind)), evidence.reference, evidence.received,
             evidence.file_name, evidence.file_sha256, txn.time()}));
        return txn.Audit("supplier.evidence", "supplier_evidence", entity, nullptr).status();
      }));
  return after.evidence.back();
}

Result<Supplier> Get(store::Store& store, std::string_view name) {
  Supplier found;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(found, GetIn(txn, name));
    return Status::Ok();
  }));
  return found;
}

Result<std::vector<Supplier>> List(store::Store& store) {
  std::vector<Supplier> suppliers;
  SK_RETURN_IF_ERROR(store.Read([&](store::Txn& txn) -> Status {
    SK_ASSIGN_OR_RETURN(store::Rows rows,
                        txn.Query("SELECT " + std::string(kColumns) + " FROM suppliers"));
    for (const store::Row& row : rows.rows) {
      SK_ASSIGN_OR_RETURN(Supplier s, SupplierFromRow(row));
      SK_RETURN_IF_ERROR(LoadAttached(txn, s));
      suppliers.push_back(std::move(s));
    }
    return Status::Ok();
  }));
  // Sorted here rather than by ORDER BY, whose collation differs by backend.
  std::sort(suppliers.begin(), suppliers.end(),
            [](const Supplier& a, const Supplier& b) { return a.name < b.name; });
  return suppliers;
}

const Evaluation* NewestEvaluation(const Supplier& supplier) {
  const Evaluation* newest = nullptr;
  for (const Evaluation& e : supplier.evaluations) {
    if (newest == nullptr || e.date >= newest->date) newest = &e;
  }
  return newest;
}

Result<std::vector<DueEvaluation>> Due(store::Store& store, std::string_view as_of) {
  SK_RETURN_IF_ERROR(ValidateDate("as-of date", as_of));
  SK_ASSIGN_OR_RETURN(std::vector<Supplier> suppliers, List(store));
  std::vector<DueEvaluation> due;
  for (const Supplier& s : suppliers) {
    const Evaluation* newest = NewestEvaluation(s);
    if (newest == nullptr) {
      due.push_back({s.name, std::nullopt, std::nullopt});
    } else if (newest->next_due < as_of) {
      due.push_back({s.name, newest->next_due, newest->result});
    }
  }
  std::stable_sort(due.begin(), due.end(), [](const DueEvaluation& a, const DueEvaluation& b) {
    return a.next_due.value_or("") < b.next_due.value_or("");
  });
  return due;
}

}  // namespace soupkeeper::supplier
