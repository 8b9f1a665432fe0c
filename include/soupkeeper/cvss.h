// CVSS vectors and scores: parsing and scoring of CVSS 2.0, 3.0, 3.1 and 4.0.
//
// Parse() reads a vector string and validates it strictly against its
// specification: the version prefix, every mandatory Base metric, each metric
// at most once, only the values the specification defines (case-sensitive),
// and, for CVSS 4.0, the metric order the specification prescribes. A
// rejected string yields StatusCode::kParseError with a message that names
// the byte offset and the metric, e.g.
//   "CVSS vector: offset 9: AV: unknown value \"Q\" (expected N, A, L or P)"
//
// Calculate() scores a parsed vector with the equations of its version:
//   - CVSS 2.0: Base, Temporal and Environmental equations of the FIRST
//     CVSS v2 Complete Guide, section 3.2, evaluated in exact decimal
//     arithmetic, rounded half up to one decimal.
//   - CVSS 3.0 and 3.1: the equations of specification section 7, evaluated
//     in exact decimal arithmetic, with each version's Roundup: 3.0 the
//     smallest one-decimal number not below the input, 3.1 the Appendix A
//     function (round to five decimals first). 3.1 also uses its changed
//     Modified Impact equation for a changed Modified Scope.
//   - CVSS 4.0: the MacroVector method of the FIRST reference calculator
//     (EQ1..EQ6, lookup table, severity distances, interpolation). One score
//     is computed from all metrics present; absent Threat and Environmental
//     metrics count as Not Defined (X). The nomenclature says which groups
//     were present: CVSS-B, CVSS-BT, CVSS-BE or CVSS-BTE.
// Scores are always within 0.0..10.0 and carry one decimal.
//
// Example:
//   SK_ASSIGN_OR_RETURN(cvss::Vector v,
//                       cvss::Parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"));
//   cvss::Scores s = cvss::Calculate(v);
//   // s.base.value == 7.5, s.base.rating == cvss::Rating::kHigh
#ifndef SOUPKEEPER_CVSS_H_
#define SOUPKEEPER_CVSS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "soupkeeper/status.h"

namespace soupkeeper::cvss {

enum class Version { kV2_0, kV3_0, kV3_1, kV4_0 };

// "2.0", "3.0", "3.1" or "4.0".
std::string_view VersionName(Version version);

// A parsed, valid CVSS vector. Two vectors compare equal when they have the
// same version and the same metric values (explicit Not Defined values such
// as "E:X" or "E:ND" are kept and count), whatever order they were written in.
class Vector {
 public:
  Version version() const { return version_; }

  // The value of `metric` as written ("N", "POC", "Clear"), or "" when the
  // vector does not contain the metric or `metric` is not a metric of this
  // version. Metric abbreviations are case-sensitive ("Au", not "AU", in 2.0).
  std::string_view Get(std::string_view metric) const;

  // The vector in its specification's order (which CVSS 4.0 requires and
  // 2.0 and 3.x prefer): "CVSS:3.1/AV:N/..." for 3.x and 4.0, the bare
  // "AV:N/AC:L/..." form for 2.0. Parse(ToString()) gives back an equal Vector.
  std::string ToString() const;

  friend bool operator==(const Vector&, const Vector&) = default;

  // Internal: the largest number of metrics any version defines.
  static constexpr int kMaxMetrics = 32;

 private:
  friend Result<Vector> Parse(std::string_view text);
  friend class VectorAccess;
  Vector() = default;  // vectors come from Parse() only

  Version version_ = Version::kV3_1;
  // Per metric of the version (in specification order): the index of its
  // value in the specification's value list, or -1 when absent.
  std::array<int8_t, kMaxMetrics> values_{};
};

// Parses a CVSS vector:
//   - 2.0: "AV:N/AC:L/Au:N/C:P/I:P/A:P", optionally in parentheses as NVD
//     writes it, with optional Temporal (E, RL, RC) and Environmental (CDP,
//     TD, CR, IR, AR) metrics in any order.
//   - 3.0 / 3.1: "CVSS:3.1/AV:N/...", Base metrics mandatory, Temporal and
//     Environmental (including the modified Base metrics) optional, in any
//     order.
//   - 4.0: "CVSS:4.0/AV:N/...", Base metrics mandatory, Threat,
//     Environmental and Supplemental optional, in the specification's order.
// No surrounding whitespace is accepted.
Result<Vector> Parse(std::string_view text);

// Qualitative severity rating.
enum class Rating { kNone, kLow, kMedium, kHigh, kCritical };

// "None", "Low", "Medium", "High" or "Critical".
std::string_view RatingName(Rating rating);

// The rating of `score` under `version`'s scale. 3.x and 4.0 (specification
// tables): None 0.0, Low 0.1-3.9, Medium 4.0-6.9, High 7.0-8.9, Critical
// 9.0-10.0. 2.0 (NVD): Low 0.0-3.9, Medium 4.0-6.9, High 7.0-10.0.
Rating RatingFor(Version version, double score);

// A score with one decimal (0.0..10.0) and its rating.
struct Score {
  double value = 0.0;
  Rating rating = Rating::kNone;
};

// Which CVSS 4.0 metric groups a score covers (specification section 1.3).
enum class Nomenclature { kBase, kBaseThreat, kBaseEnvironmental, kBaseThreatEnvironmental };

// "CVSS-B", "CVSS-BT", "CVSS-BE" or "CVSS-BTE".
std::string_view NomenclatureName(Nomenclature nomenclature);

struct Scores {
  Version version = Version::kV3_1;
  // 2.0 and 3.x: the Base score. 4.0: the one score of all metrics present,
  // named by `nomenclature`.
  Score base;
  // 2.0 and 3.x: the Temporal and Environmental scores, computed with every
  // metric the vector leaves out at Not Defined. Not set for 4.0. Note that
  // in 3.1 the Environmental score of a vector without Environmental metrics
  // can differ from its Base score (Scope Changed: 3.1's Modified Impact
  // equation differs from the Impact equation).
  std::optional<Score> temporal;
  std::optional<Score> environmental;
  // Whether the vector sets a Temporal (4.0: Threat) resp. Environmental
  // metric to a value other than Not Defined; tells which scores the vector
  // states, e.g. for display.
  bool has_temporal_metrics = false;
  bool has_environmental_metrics = false;
  // 4.0 only.
  std::optional<Nomenclature> nomenclature;
};

// Scores a parsed vector. Never fails.
Scores Calculate(const Vector& vector);

// Parse() then Calculate().
Result<Scores> ParseAndCalculate(std::string_view text);

}  // namespace soupkeeper::cvss

#endif  // SOUPKEEPER_CVSS_H_
