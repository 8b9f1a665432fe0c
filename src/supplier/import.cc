// `supplier import`: a YAML file of suppliers with their agreements and
// responsibility matrices, read with yaml-cpp. The file is parsed and checked
// completely before the store is touched; then everything is written in one
// transaction. Messages read "<source>: line N: <what>".
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "supplier/internal.h"

namespace soupkeeper::supplier {
namespace {

// yaml-cpp marks a node without a place (an empty document) as line -1.
int LineOf(const YAML::Node& n) { return std::max(1, n.Mark().line + 1); }

class Reader {
 public:
  explicit Reader(std::string_view source) : source_(source) {}

  Status Fail(int line, const std::string& what) const {
    return ParseError(source_ + ": line " + std::to_string(line) + ": " + what);
  }
  // A validation error of the library, placed at `line`.
  Status At(int line, const Status& status) const {
    if (status.ok()) return status;
    return Fail(line, status.message());
  }

  // The members of a mapping, each key checked against `allowed`.
  Result<std::vector<std::pair<std::string, YAML::Node>>> Members(
      const YAML::Node& map, std::string_view what, const std::vector<std::string_view>& allowed) {
    if (!map.IsMap()) return Fail(LineOf(map), std::string(what) + " must be a mapping");
    std::vector<std::pair<std::string, YAML::Node>> out;
    std::set<std::string> seen;
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (!it->first.IsScalar()) return Fail(LineOf(it->first), "a key must be a scalar");
      std::string key = it->first.Scalar();
      if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        std::string names;
        for (std::string_view a : allowed) names += (names.empty() ? "" : ", ") + std::string(a);
        return Fail(LineOf(it->first), "unknown key '" + key + "' in " + std::string(what) +
                                           " (allowed: " + names + ")");
      }
      if (!seen.insert(key).second) {
        return Fail(LineOf(it->first), "key '" + key + "' is given twice");
      }
      out.emplace_back(key, it->second);
    }
    return out;
  }

  Result<std::string> Text(const YAML::Node& n, std::string_view key) {
    if (!n.IsScalar()) {
      return Fail(LineOf(n), std::string(key) + ": expected a text value");
    }
    return n.Scalar();
  }

  Result<Clause> ReadClause(const std::string& key, const YAML::Node& node) {
    Clause c;
    c.key = key;
    SK_ASSIGN_OR_RETURN(auto members,
                        Members(node, "clause " + key, {"state", "value", "section", "sla"}));
    bool has_state = false;
    for (const auto& [k, v] : members) {
      if (k == "sla") {
        SK_ASSIGN_OR_RETURN(auto sla, Members(v, "sla", {}));
        for (const auto& [severity, days] : sla) {
          SK_ASSIGN_OR_RETURN(std::string text, Text(days, severity));
          Result<int> d = ParseSlaDays("patch-sla-by-severity " + severity, text);
          if (!d.ok()) return At(LineOf(days), d.status());
          c.patch_sla_days[severity] = *d;
        }
        continue;
      }
      SK_ASSIGN_OR_RETURN(std::string text, Text(v, k));
      if (k == "state") {
        Result<ClauseState> state = ParseClauseState(text);
        if (!state.ok()) return At(LineOf(v), state.status().WithContext("clause " + key));
        c.state = *state;
        has_state = true;
      } else if (k == "value") {
        c.value = text;
      } else {
        c.section = text;
      }
    }
    if (!has_state) return Fail(LineOf(node), "clause " + key + ": state is missing");
    SK_RETURN_IF_ERROR(At(LineOf(node), ValidateClause(c)));
    return c;
  }

  Result<Agreement> ReadAgreement(const YAML::Node& node) {
    Agreement a;
    SK_ASSIGN_OR_RETURN(auto members,
                        Members(node, "agreement", {"ref", "signed", "valid_until", "clauses"}));
    for (const auto& [k, v] : members) {
      if (k == "clauses") {
        SK_ASSIGN_OR_RETURN(auto clauses, Members(v, "clauses", {}));
        for (const auto& [key, clause] : clauses) {
          SK_ASSIGN_OR_RETURN(Clause c, ReadClause(key, clause));
          a.clauses.push_back(std::move(c));
        }
        continue;
      }
      SK_ASSIGN_OR_RETURN(std::string text, Text(v, k));
      if (k == "ref") a.document_id = text;
      if (k == "signed") a.signed_on = text;
      if (k == "valid_until") a.valid_until = text;
    }
    SK_RETURN_IF_ERROR(At(LineOf(node), ValidateAgreement(a)));
    return a;
  }

  Result<std::vector<Responsibility>> ReadResponsibilities(const YAML::Node& node) {
    std::vector<Responsibility> out;
    SK_ASSIGN_OR_RETURN(auto areas, Members(node, "responsibilities", {}));
    for (const auto& [area, v] : areas) {
      Responsibility r;
      r.area = area;
      std::string party;
      if (v.IsScalar()) {
        party = v.Scalar();
      } else {
        SK_ASSIGN_OR_RETURN(auto members, Members(v, "responsibility " + area, {"party", "note"}));
        for (const auto& [k, value] : members) {
          SK_ASSIGN_OR_RETURN(std::string text, Text(value, k));
          (k == "party" ? party : r.note) = text;
        }
      }
      Result<Party> p = ParseParty(party);
      if (!p.ok()) return At(LineOf(v), p.status().WithContext("responsibility " + area));
      r.party = *p;
      SK_RETURN_IF_ERROR(At(LineOf(v), ValidateResponsibility(r)));
      out.push_back(std::move(r));
    }
    return out;
  }

  Result<ImportedSupplier> ReadSupplier(const YAML::Node& node) {
    ImportedSupplier item;
    item.line = LineOf(node);
    Supplier& s = item.supplier;
    SK_ASSIGN_OR_RETURN(auto members, Members(node, "a supplier",
                                              {"name", "kind", "contact", "csaf_url", "website",
                                               "agreement", "responsibilities"}));
    bool has_name = false, has_kind = false;
    for (const auto& [k, v] : members) {
      if (k == "agreement") {
        SK_ASSIGN_OR_RETURN(item.agreement, ReadAgreement(v));
        continue;
      }
      if (k == "responsibilities") {
        SK_ASSIGN_OR_RETURN(item.responsibilities, ReadResponsibilities(v));
        continue;
      }
      SK_ASSIGN_OR_RETURN(std::string text, Text(v, k));
      if (k == "name") {
        s.name = text;
        has_name = true;
      } else if (k == "kind") {
        Result<Kind> kind = ParseKind(text);
        if (!kind.ok()) return At(LineOf(v), kind.status());
        s.kind = *kind;
        has_kind = true;
      } else if (k == "contact") {
        s.security_contact = text;
      } else if (k == "csaf_url") {
        s.advisory_url = text;
      } else {
        s.website = text;
      }
    }
    if (!has_name) return Fail(item.line, "a supplier needs a name");
    if (!has_kind) return Fail(item.line, "supplier '" + s.name + "' needs a kind");
    SK_RETURN_IF_ERROR(At(item.line, ValidateSupplier(s)));
    if (!item.responsibilities.empty() && s.kind != Kind::kCloudProvider) {
      return Fail(item.line, "supplier '" + s.name + "' is of kind " +
                                 std::string(KindName(s.kind)) +
                                 "; responsibilities are kept for cloud providers only");
    }
    return item;
  }

 private:
  std::string source_;
};

}  // namespace

Result<std::vector<ImportedSupplier>> ParseImport(std::string_view bytes, std::string_view source) {
  Reader reader(source);
  try {
    YAML::Node root = YAML::Load(std::string(bytes));
    if (!root.IsMap())
      return reader.Fail(LineOf(root), "the file must be a mapping with 'suppliers'");
    SK_ASSIGN_OR_RETURN(auto members, reader.Members(root, "the file", {"suppliers"}));
    if (members.empty()) return reader.Fail(1, "'suppliers' is missing");
    const YAML::Node& list = members[0].second;
    if (!list.IsSequence()) return reader.Fail(LineOf(list), "'suppliers' must be a list");
    std::vector<ImportedSupplier> out;
    std::set<std::string> names;
    for (const YAML::Node& item : list) {
      SK_ASSIGN_OR_RETURN(ImportedSupplier s, reader.ReadSupplier(item));
      if (!names.insert(s.supplier.name).second) {
        return reader.Fail(s.line, "supplier '" + s.supplier.name + "' is listed twice");
      }
      out.push_back(std::move(s));
    }
    return out;
  } catch (const YAML::Exception& e) {
    return reader.Fail(std::max(1, e.mark.line + 1), "not valid YAML: " + e.msg);
  } catch (const std::exception& e) {
    return ParseError(std::string(source) + ": not valid YAML: " + e.what());
  }
}

Result<size_t> Import(store::Store& store, const store::Author& author, std::string_view bytes,
                      std::string_view source) {
  SK_ASSIGN_OR_RETURN(std::vector<ImportedSupplier> items, ParseImport(bytes, source));
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    for (const ImportedSupplier& item : items) {
      const std::string place = std::string(source) + ": line " + std::to_string(item.line);
      SK_RETURN_IF_ERROR(AddIn(txn, item.supplier).WithContext(place));
      if (item.agreement) {
        SK_RETURN_IF_ERROR(SetAgreementIn(txn, item.supplier.name, *item.agreement));
      }
      SK_RETURN_IF_ERROR(SetResponsibilitiesIn(txn, item.supplier.name, item.responsibilities));
    }
    return Status::Ok();
  }));
  return items.size();
}

}  // namespace soupkeeper::supplier
