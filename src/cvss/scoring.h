// The per-version scoring functions behind Calculate() (score.cc).
#ifndef SOUPKEEPER_SRC_CVSS_SCORING_H_
#define SOUPKEEPER_SRC_CVSS_SCORING_H_

#include "cvss/metrics.h"
#include "soupkeeper/cvss.h"

namespace soupkeeper::cvss {

// The value index of `metric` in `vector`, or its Not Defined index when
// absent.
inline int ValueOrNotDefined(const Vector& vector, int metric) {
  int v = VectorAccess::ValuesOf(vector)[metric];
  return v >= 0 ? v : DefinitionOf(vector.version()).metrics[metric].not_defined;
}

// Each fills base, temporal and environmental (2.0, 3.x) or base and
// nomenclature (4.0) of a Scores whose version and has_*_metrics are set.
void ScoreV2(const Vector& vector, Scores& scores);
void ScoreV3(const Vector& vector, Scores& scores);
void ScoreV4(const Vector& vector, Scores& scores);

// A score from a count of tenths, rated for `version`.
Score ScoreFromTenths(Version version, int64_t tenths);

}  // namespace soupkeeper::cvss

#endif  // SOUPKEEPER_SRC_CVSS_SCORING_H_
