// Shared inside the supplier library: validation, the enum tables, and the
// writes that `Import` runs inside its single transaction.
#ifndef SOUPKEEPER_SRC_SUPPLIER_INTERNAL_H_
#define SOUPKEEPER_SRC_SUPPLIER_INTERNAL_H_

#include <array>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/supplier.h"

namespace soupkeeper::supplier {

// "a, b, c", for messages that name the allowed values.
template <size_t N>
std::string JoinNames(const std::array<std::string_view, N>& names) {
  std::string out;
  for (std::string_view n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

// The enum value whose name (names[i] names value i) is `text`;
// kInvalidArgument "unknown <what> 'x' (allowed: a, b, c)" otherwise.
template <typename E, size_t N>
Result<E> ParseEnum(std::string_view what, std::string_view text,
                    const std::array<std::string_view, N>& names) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<E>(i);
  }
  return InvalidArgument("unknown " + std::string(what) + " '" + std::string(text) +
                         "' (allowed: " + JoinNames(names) + ")");
}

// kInvalidArgument "<what> <key> is given twice" for the first key (by
// `key_of`) that `items` repeat.
template <typename T, typename KeyOf>
Status RefuseRepeats(std::string_view what, const std::vector<T>& items, KeyOf key_of) {
  std::set<std::string> seen;
  for (const T& item : items) {
    std::string key = key_of(item);
    if (!seen.insert(key).second) {
      return InvalidArgument(std::string(what) + " " + key + " is given twice");
    }
  }
  return Status::Ok();
}

// kInvalidArgument naming `field` when `text` is not valid UTF-8 or holds a
// control character.
Status ValidateText(std::string_view field, std::string_view text);
// Ok for "" or an http(s) URL with a host and no spaces.
Status ValidateUrl(std::string_view field, std::string_view url);
// Ok for "", an http(s) URL, or an email address (optionally "mailto:").
Status ValidateContact(std::string_view contact);
// Checks a supplier's own fields (not what is attached to it).
Status ValidateSupplier(const Supplier& supplier);
Status ValidateAgreement(const Agreement& agreement);
Status ValidateResponsibility(const Responsibility& responsibility);

// A patch SLA of 1..3650 days written as decimal text; `what` names it in
// the message.
Result<int> ParseSlaDays(std::string_view what, std::string_view text);

// Canonical JSON array of the clauses, and back (kCorruption when malformed).
std::string ClausesText(const std::vector<Clause>& clauses);
Result<std::vector<Clause>> ClausesFromText(const std::string& text);
// The clauses sorted into ClauseKeys() order.
std::vector<Clause> SortedClauses(std::vector<Clause> clauses);

// Writes inside a transaction (validation already done by the caller).
Status AddIn(store::Txn& txn, const Supplier& supplier);
Status SetAgreementIn(store::Txn& txn, std::string_view name, const Agreement& agreement);
Status SetResponsibilitiesIn(store::Txn& txn, std::string_view name,
                             const std::vector<Responsibility>& areas);

}  // namespace soupkeeper::supplier

#endif  // SOUPKEEPER_SRC_SUPPLIER_INTERNAL_H_
