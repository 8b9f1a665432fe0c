// CPE 2.3: well-formed names, their two bindings, and name matching.
//
// Implements NISTIR 7695 (CPE Naming 2.3) and NISTIR 7696 (CPE Name Matching
// 2.3). A CPE name is held as a well-formed name (Wfn): eleven attributes, each
// the logical value ANY, the logical value NA, or a value string written as the
// WFN writes it (non-alphanumeric characters quoted with '\', the wildcards '*'
// and '?' unquoted at either end). A Wfn is bound to and unbound from
//   - the formatted string  cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*
//   - the URI (CPE 2.2)     cpe:/a:microsoft:internet_explorer:8.0.6001:beta
// with the results the spec's pseudo-code gives (7695 §6, §7). Unbinding
// accepts exactly the inputs whose result is a well-formed name (7695 §5.3:
// the ABNF of Figure 5-1, the MUST NOTs of its prose, part a/o/h, language a
// language tag), and reports anything else as a ParseError naming the CPE, the
// attribute and the byte offset in the input, e.g.
//   invalid CPE 'cpe:2.3:a:vendor': expected 13 components, found 4
//   invalid CPE 'cpe:2.3:a:x:y:1.*.2:*:*:*:*:*:*:*': version at offset 16:
//       unquoted '*' is allowed only at the start or the end of a value
//
// Matching compares a source name with a target name attribute by attribute
// (7696 §6.1, Table 6-2) into SUPERSET, SUBSET, EQUAL, DISJOINT or UNDEFINED;
// value strings compare ASCII case-insensitively, as the spec lower-cases
// both sides. Matches(pattern, target) is what an NVD cpeMatch criteria does:
// the pattern is a superset of, or equal to, the target. Comparing never
// allocates: parse once, match many times.
//
// Example:
//   SK_ASSIGN_OR_RETURN(cpe::Wfn criteria,
//                       cpe::Parse("cpe:2.3:a:nodejs:node.js:*:*:*:*:lts:*:*:*"));
//   SK_ASSIGN_OR_RETURN(cpe::Wfn candidate, cpe::WithVersion(criteria, "16.13.0"));
//   bool hit = cpe::Matches(criteria, candidate);            // true
//   std::string fs = candidate.ToFormattedString();
//       // "cpe:2.3:a:nodejs:node.js:16.13.0:*:*:*:lts:*:*:*"
#ifndef SOUPKEEPER_CPE_H_
#define SOUPKEEPER_CPE_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "soupkeeper/status.h"

namespace soupkeeper::cpe {

// The eleven WFN attributes, in binding order (7695 §5.2).
enum class Attribute : uint8_t {
  kPart,
  kVendor,
  kProduct,
  kVersion,
  kUpdate,
  kEdition,
  kLanguage,
  kSwEdition,
  kTargetSw,
  kTargetHw,
  kOther,
};
inline constexpr size_t kAttributeCount = 11;

// The spec's name of an attribute: "part", "vendor", ..., "sw_edition",
// "target_sw", "target_hw", "other".
std::string_view AttributeName(Attribute a);

// One attribute value: ANY, NA, or a value string in WFN form.
class Value {
 public:
  enum class Kind : uint8_t { kAny, kNa, kString };

  // ANY (the default) and NA.
  Value() = default;
  static Value Any() { return Value(); }
  static Value Na();

  // A value string written as in a WFN, e.g. "8\.0\.6001", "sp?", "\*soft\*".
  // Fails (kInvalidArgument) unless it is a well-formed attribute-value string
  // (7695 §5.3.2): only letters, digits and '_' unquoted; any other printable
  // ASCII character quoted with '\'; unquoted '*' (one) or '?' (a run) only at
  // the start and/or end; not a lone '*', not "**", not a lone "\-".
  static Result<Value> FromWfn(std::string_view wfn_text);

  // A literal value, e.g. a version read from an SBOM: "1.2.3-rc1" becomes
  // "1\.2\.3\-rc1". Every character other than letters, digits and '_' is
  // quoted, so '*' and '?' are literal, never wildcards. Fails on an empty
  // string, on a lone "-" (use Na()), and on characters outside printable ASCII.
  static Result<Value> FromLiteral(std::string_view literal);

  Kind kind() const { return kind_; }
  bool is_any() const { return kind_ == Kind::kAny; }
  bool is_na() const { return kind_ == Kind::kNa; }
  bool is_string() const { return kind_ == Kind::kString; }

  // The value string in WFN form ("8\.0\.6001"); empty for ANY and NA.
  const std::string& wfn() const { return text_; }
  // The value with the quoting removed ("8.0.6001"); unquoted wildcards stay
  // as they are, so "8\.*" gives "8.*" and "8\.\*" gives "8.*" too (use wfn()
  // when the difference matters). "*" for ANY and "-" for NA.
  std::string Unquoted() const;
  // True when the value string has an unquoted '*' or '?'.
  bool has_wildcards() const { return lead_ != 0 || trail_ != 0; }

  // Exact comparison (case-sensitive); matching uses CompareValues instead.
  friend bool operator==(const Value& a, const Value& b) {
    return a.kind_ == b.kind_ && a.text_ == b.text_;
  }

 private:
  friend class ValueAccess;  // the matcher's view of the precomputed shape

  Kind kind_ = Kind::kAny;
  // The leading and trailing wildcards: -1 for '*', else the number of '?'.
  int32_t lead_ = 0;
  int32_t trail_ = 0;
  // The part between them: byte range in text_ and its length in characters
  // (a quoted pair counts as one).
  uint32_t body_begin_ = 0;
  uint32_t body_end_ = 0;
  uint32_t body_chars_ = 0;
  // Length of the whole value in characters.
  uint32_t chars_ = 0;
  std::string text_;
};

// A well-formed CPE name. Every attribute starts as ANY, so Wfn() is the name
// that matches everything.
class Wfn {
 public:
  Wfn() = default;

  const Value& Get(Attribute a) const { return values_[static_cast<size_t>(a)]; }
  // Sets an attribute. Fails (kInvalidArgument) when the value breaks the
  // per-attribute rules of 7695 §5.3.3: part must be "a", "o" or "h" (or
  // ANY/NA); language must be a language tag (2-3 letters, optionally "\-" and
  // 2 letters or 3 digits) without wildcards.
  Status Set(Attribute a, Value v);

  const Value& part() const { return Get(Attribute::kPart); }
  const Value& vendor() const { return Get(Attribute::kVendor); }
  const Value& product() const { return Get(Attribute::kProduct); }
  const Value& version() const { return Get(Attribute::kVersion); }
  const Value& update() const { return Get(Attribute::kUpdate); }

  // bind_to_fs (7695 §6.2.2): "cpe:2.3:" and all eleven attributes.
  std::string ToFormattedString() const;
  // bind_to_URI (7695 §6.1.2): "cpe:/" and seven components, the extended
  // attributes packed into the edition with '~', trailing colons trimmed.
  std::string ToUri() const;
  // The spec's notation, all eleven attributes:
  // wfn:[part="a",vendor="microsoft",...,edition=ANY,...,other=NA]
  std::string ToString() const;

  // A copy with every value string ASCII lower-cased, the form URI unbinding
  // gives (7695 §6.1.3) and matching compares.
  Wfn Lowercased() const;

  friend bool operator==(const Wfn& a, const Wfn& b) { return a.values_ == b.values_; }

 private:
  std::array<Value, kAttributeCount> values_;
};

// unbind_fs (7695 §6.2.3): a formatted string "cpe:2.3:...".
Result<Wfn> ParseFormattedString(std::string_view fs);
// unbind_URI (7695 §6.1.3): a URI "cpe:/..." (Figure 6-1 or 6-2 syntax).
// Letters are lower-cased, as the spec's decode does.
Result<Wfn> ParseUri(std::string_view uri);
// Either binding, told apart by its prefix ("cpe:2.3:" or "cpe:/").
Result<Wfn> Parse(std::string_view text);

// 7695 §7: conversions between the bindings through the WFN.
Result<std::string> UriToFormattedString(std::string_view uri);
Result<std::string> FormattedStringToUri(std::string_view fs);

// The set relation of a source value (or name) to a target (7696 §6.1).
enum class Relation : uint8_t { kSuperset, kSubset, kEqual, kDisjoint, kUndefined };
// "SUPERSET", "SUBSET", "EQUAL", "DISJOINT", "UNDEFINED".
std::string_view RelationName(Relation r);

// compare(source, target) of 7696 §6.1.2, i.e. Table 6-2: a target with
// wildcards is UNDEFINED; equal values are EQUAL; ANY is a SUPERSET of
// anything else (and anything else a SUBSET of ANY); NA against a different
// value is DISJOINT; a source string with wildcards is a SUPERSET of the
// target strings it matches and DISJOINT from the others; other different
// strings are DISJOINT. A leading or trailing '*' matches any run of
// characters; each leading or trailing '?' matches at most one character, as
// in the spec's compare_strings; a quoted pair counts as one character.
Relation CompareValues(const Value& source, const Value& target);
// compare_WFNs: the relation of every attribute, in Attribute order.
std::array<Relation, kAttributeCount> CompareWfns(const Wfn& source, const Wfn& target);

// The name-level functions of 7696 §6.2.
bool IsDisjoint(const Wfn& source, const Wfn& target);  // CPE_DISJOINT: any DISJOINT
bool IsEqual(const Wfn& source, const Wfn& target);     // CPE_EQUAL: all EQUAL
bool IsSubset(const Wfn& source, const Wfn& target);    // CPE_SUBSET: all SUBSET or EQUAL
bool IsSuperset(const Wfn& source, const Wfn& target);  // CPE_SUPERSET: all SUPERSET or EQUAL

// True when `pattern` is a superset of or equal to `target` (CPE_SUPERSET):
// what an NVD cpeMatch criteria tests against a product's CPE.
bool Matches(const Wfn& pattern, const Wfn& target);

// A candidate name built from a criteria: the criteria with its version (and,
// when given, its update) replaced by literal values (see Value::FromLiteral).
// Matching code uses it to test a component version against a criteria that
// carries a version range:
//   WithVersion(*Parse("cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*"), "1.1.1k")
//     -> cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*
Result<Wfn> WithVersion(const Wfn& criteria, std::string_view version,
                        std::optional<std::string_view> update = std::nullopt);

}  // namespace soupkeeper::cpe

#endif  // SOUPKEEPER_CPE_H_
