// Version ranges: vers (package-url/vers-spec), native ecosystem ranges, OSV
// `affected[].ranges` and NVD cpeMatch bounds, all decided with the ordering
// of one VersionScheme.
//
// A VersRange holds a vers type (e.g. "npm"), its VersionScheme and its
// constraints sorted by version. Its bounds are parsed once, when the range is
// built, into a membership table over the sorted distinct bound versions: for
// every bound, whether the bound itself and the open stretch after it belong
// to the range, plus whether the stretch below the first bound does.
// Contains() parses nothing but the candidate and binary-searches the bounds,
// so a 10-interval range answers in about five comparisons.
//
// The membership table is the vers-spec containment algorithm ("How to parse
// and validate VERS", "Checking if a version is contained within a range")
// evaluated once for every bound and every stretch between bounds, with two
// completions the spec leaves open: a lone '<'/'<=' (or '>'/'>=') constraint
// also counts as the first (or last) of its pair list, and a range made only
// of '!=' constraints holds every version but those.
//
// Example:
//   SK_ASSIGN_OR_RETURN(VersRange r, VersRange::Parse("vers:npm/>=1.0.0|<2.0.0"));
//   Result<bool> in = r.Contains("1.4.2");                 // *in == true
//   r.Canonical();                                          // "vers:npm/>=1.0.0|<2.0.0"
//   SK_ASSIGN_OR_RETURN(NativeRange n, ParseNative("npm", "^1.2.0 || 1.x"));
//   n.ToVers()->Canonical();                     // "vers:npm/>=1.0.0|<2.0.0-0"
#ifndef SOUPKEEPER_RANGE_H_
#define SOUPKEEPER_RANGE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/status.h"
#include "soupkeeper/version.h"

namespace soupkeeper::range {

// A vers comparator. kEqual is the bare version ("1.2.3"); kAny is "*".
enum class Comparator : uint8_t {
  kEqual,
  kNotEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kAny,
};

// The comparator as vers writes it: "" for kEqual, "!=", "<", "<=", ">", ">=",
// "*".
std::string_view ComparatorText(Comparator c);

// One vers constraint. `version` is the decoded text (no percent-encoding);
// empty for kAny.
struct Constraint {
  Comparator comparator = Comparator::kEqual;
  std::string version;

  bool operator==(const Constraint&) const = default;
};

// The VersionScheme that orders versions of a vers type: a scheme of that
// name, else the scheme of the purl type of that name (so "alpine" is "apk"),
// else "debian" -> deb and "nginx" -> semver (nginx versions are three
// numbers). nullptr when none is registered.
const version::VersionScheme* SchemeForVersType(std::string_view vers_type);

class VersRange {
 public:
  // Parses a vers that must already be canonical, as vers-spec requires of a
  // parser: lowercase "vers:" and type, no ASCII whitespace, no leading,
  // trailing or doubled '|', no "=" comparator, '*' alone, valid uppercase
  // percent-encoding of exactly the characters that need it (space > < = ! *
  // | %), versions the scheme can parse, sorted by version, each version once,
  // and the comparator sequence of vers-spec §5.4 (ignoring '!=', an equality
  // is followed only by an equality, '>' or '>='; ignoring equalities too, '<'
  // and '>' kinds alternate). Errors are kParseError naming the place, e.g.
  //   "invalid vers 'vers:npm/>=2|<1': constraints are not sorted by version
  //    at offset 13"
  // An unregistered type is kInvalidArgument ("unknown versioning scheme").
  static Result<VersRange> Parse(std::string_view text);

  // Reads a vers as found in the wild: ASCII whitespace is dropped, scheme and
  // type are lowercased, empty constraints (leading, trailing, doubled '|')
  // are skipped, "=1.0" is read as "1.0", lowercase percent-encoding is
  // accepted; constraints are then sorted by version (ties by comparator
  // text), keeping duplicates and any comparator sequence, as the vers-spec
  // "validate" and "containment" suites expect. Still refused: a wrong URI
  // scheme, an empty constraint list, '*' with other constraints, invalid
  // percent-encoding and versions the scheme cannot parse.
  static Result<VersRange> ParseLenient(std::string_view text);

  // Builds a range from decoded constraints with ParseLenient's rules.
  static Result<VersRange> Build(std::string_view vers_type, std::vector<Constraint> constraints);

  const std::string& type() const { return type_; }
  const version::VersionScheme& scheme() const { return *scheme_; }
  // The constraints, sorted by version.
  const std::vector<Constraint>& constraints() const { return constraints_; }

  // "vers:<type>/<constraints>" with the constraints as held, percent-encoded.
  std::string ToString() const;
  // The simplest range with the same membership, in canonical form: each
  // bound once, redundant constraints dropped, "*" for every version. Bounds
  // keep the text of the first constraint at their version, in sorted order.
  VersRange Normalize() const;
  // Normalize().ToString().
  std::string Canonical() const;

  // True when `v`, parsed by scheme(), lies in the range.
  bool Contains(const version::ParsedVersion& v) const;
  // Parses `version` with scheme() and tests it.
  Result<bool> Contains(std::string_view version) const;
  // True when the range holds every version ("*" or equivalent).
  bool IsAll() const;

 private:
  friend class MembershipBuilder;
  VersRange() = default;

  std::string type_;
  const version::VersionScheme* scheme_ = nullptr;
  std::vector<Constraint> constraints_;
  // Distinct bound versions in ascending order; `members_` has 2n+1 entries:
  // members_[2k+1] is bound k itself, members_[2k] the stretch just below it,
  // members_[2n] the stretch above the last bound.
  std::vector<std::shared_ptr<const version::ParsedVersion>> bounds_;
  std::vector<std::string> bound_texts_;  // the text each bound was first written as
  std::vector<uint8_t> members_;
};

// A native ecosystem range read into a union of alternatives, each the
// intersection of its constraints (npm "a b || c" is [[a, b], [c]]).
struct NativeRange {
  std::string type;  // vers type
  std::vector<std::vector<Constraint>> alternatives;

  // The constraints of every alternative as one list sorted by version (ties
  // by comparator text), duplicates kept: the form in which univers and the
  // vers-spec from_native suite write a converted range. When alternatives
  // overlap or are out of order this flat list is not a valid vers and does
  // not mean the union; use ToVers() for meaning.
  Result<std::string> FlatVers() const;
  // The union as a canonical vers. kInvalidArgument when the union is empty
  // (vers cannot write an empty range) or a bound does not parse.
  Result<VersRange> ToVers() const;
};

// Reads a native range of an ecosystem, named by its vers type:
//   npm      node-semver ranges: comparators, x-ranges (1.x, 1.2.*, *),
//            ~ ^ hyphen ranges, '||', partial versions desugared as
//            node-semver does (<=1.2 is <1.3.0-0);
//   pypi     PEP 440 specifier sets (comma AND, '||' OR as GitLab writes):
//            == != < <= > >= ~= ===, ==1.* and !=1.*;
//   gem      RubyGems requirements: = != < <= > >= ~> (comma AND, '||' OR);
//   nuget, maven  interval notation: [1.0,2.0) (1.0,) [1.0] and bare
//            versions (NuGet: minimum; Maven: soft requirement, read as
//            that version), comma-separated Maven interval lists as OR;
//   composer Composer constraints: ' ' or ',' AND, '|' or '||' OR, ~ ^,
//            wildcards, hyphen ranges, stability flags;
//   golang   GitLab-style comparators with optional 'v';
//   conan    Conan 2 ranges: comparators, ~ ^, '*', '||', options after ',';
//   openssl  comma-separated list of affected versions;
//   nginx    nginx advisory lists: "1.1.4-1.2.8", "1.2.9+" (a stable,
//            even-minor, branch ends at its next minor), plain versions.
// Versions are written as the ecosystem normalizes them where it does
// (npm partial versions completed, PEP 440 canonical form, leading 'v'
// dropped for golang and composer). kParseError names the offset.
Result<NativeRange> ParseNative(std::string_view vers_type, std::string_view native);

// ---- OSV ----------------------------------------------------------------

// Outcome of a question that cannot always be answered.
enum class Verdict : uint8_t { kAffected, kNotAffected, kNotEvaluable };
std::string_view VerdictName(Verdict v);  // "affected", "not_affected", "not_evaluable"

struct Evaluation {
  Verdict verdict = Verdict::kNotEvaluable;
  std::string reason;  // why it is not evaluable, or which range/version matched
};

// One OSV event: exactly one of its fields is set in OSV data; `kind` says
// which.
struct OsvEvent {
  enum class Kind : uint8_t { kIntroduced, kFixed, kLastAffected, kLimit };
  Kind kind = Kind::kIntroduced;
  std::string version;  // "0" for introduced means "from the beginning"
};

// The OSV name of an event kind ("introduced", "fixed", "last_affected",
// "limit") and back (nullopt for another name).
std::string_view OsvEventKindName(OsvEvent::Kind kind);
std::optional<OsvEvent::Kind> OsvEventKindFromName(std::string_view name);

struct OsvRange {
  std::string type;  // "SEMVER", "ECOSYSTEM", "GIT"
  std::vector<OsvEvent> events;
};

// One element of OSV `affected[]`, reduced to what decides membership.
struct OsvAffected {
  std::string ecosystem;  // "PyPI", "Go", "crates.io", "Debian:12"...
  std::vector<OsvRange> ranges;
  std::vector<std::string> versions;  // explicit affected versions
};

// Decides whether `version` is affected, following the OSV schema's
// evaluation algorithm: a version listed in `versions` is affected (same
// text, ignoring ASCII case where the ecosystem's scheme reads versions so,
// VersionScheme::IgnoresAsciiCase, as PyPI's does; or equal under the
// ecosystem's scheme); then each SEMVER or ECOSYSTEM range, its events
// sorted by version ("0" lowest), affects a version when the last event at
// or below it is `introduced`, stopping at a `fixed` or `limit` (exclusive)
// and after a `last_affected` (inclusive). SEMVER ranges are ordered by the
// "semver" scheme (a leading 'v' is dropped), ECOSYSTEM ranges by the
// ecosystem's scheme. GIT ranges, unknown range types, ecosystems
// without a registered scheme and unparsable versions make the answer
// kNotEvaluable with the reason, unless another range or the versions list
// already says kAffected. Never a silent yes or no.
Evaluation EvaluateOsv(const OsvAffected& affected, std::string_view version);

// EvaluateOsv of one `affected` for many versions: its ranges are built once.
// `affected` must outlive the evaluator.
class OsvEvaluator {
 public:
  explicit OsvEvaluator(const OsvAffected& affected);
  Evaluation Evaluate(std::string_view version) const;

 private:
  const OsvAffected* affected_;
  std::vector<Result<VersRange>> ranges_;  // per affected_->ranges
};

// The VersRange equivalent to one SEMVER or ECOSYSTEM range (the union of
// its introduced..fixed / ..last_affected intervals), for display and
// storage. kUnsupported for GIT ranges or unknown ecosystems.
Result<VersRange> OsvRangeToVers(std::string_view ecosystem, const OsvRange& range);

// ---- NVD ----------------------------------------------------------------

// The bounds of one NVD cpeMatch: the version in its criteria (the 6th CPE
// field; "*" or "-" mean "any"/"not applicable") and the optional
// versionStart/End Including/Excluding.
struct CpeMatchBounds {
  std::string criteria_version;  // "*", "-", or a version
  std::string start_including, start_excluding;
  std::string end_including, end_excluding;
};

// The range of a cpeMatch as a vers of `vers_type` (default "generic": NVD
// names no ecosystem; callers that know the product's ecosystem pass it).
// No bounds and criteria "*" give "*"; a concrete criteria version without
// bounds gives that version; "-" gives kUnsupported (not applicable: no
// version is meant). kInvalidArgument when both Including and Excluding of
// one side are set.
Result<VersRange> CpeMatchToVers(const CpeMatchBounds& bounds,
                                 std::string_view vers_type = "generic");

// Evaluates a cpeMatch for `version` with CpeMatchToVers's range: a tri-state
// answer, kNotEvaluable when the bounds or the version do not parse under the
// scheme, or the criteria version is "-".
// `version` against a range built by CpeMatchToVers (kNotEvaluable with the
// reason when it was not built or `version` does not parse), as
// EvaluateCpeMatch judges it.
Evaluation EvaluateIn(const Result<VersRange>& range, std::string_view version);
Evaluation EvaluateCpeMatch(const CpeMatchBounds& bounds, std::string_view version,
                            std::string_view vers_type = "generic");

}  // namespace soupkeeper::range

#endif  // SOUPKEEPER_RANGE_H_
