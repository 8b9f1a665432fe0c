// Calculate(): dispatch to the version's equations, and the severity scales.
#include "cvss/scoring.h"

namespace soupkeeper::cvss {

std::string_view RatingName(Rating rating) {
  switch (rating) {
    case Rating::kNone:
      return "None";
    case Rating::kLow:
      return "Low";
    case Rating::kMedium:
      return "Medium";
    case Rating::kHigh:
      return "High";
    case Rating::kCritical:
      break;
  }
  return "Critical";
}

Rating RatingFor(Version version, double score) {
  // Scores carry one decimal, so compare in tenths to stay off binary edges.
  int64_t tenths = static_cast<int64_t>(score * 10 + (score < 0 ? -0.5 : 0.5));
  if (version == Version::kV2_0) {
    if (tenths < 40) return Rating::kLow;
    return tenths < 70 ? Rating::kMedium : Rating::kHigh;
  }
  if (tenths <= 0) return Rating::kNone;
  if (tenths < 40) return Rating::kLow;
  if (tenths < 70) return Rating::kMedium;
  return tenths < 90 ? Rating::kHigh : Rating::kCritical;
}

std::string_view NomenclatureName(Nomenclature nomenclature) {
  switch (nomenclature) {
    case Nomenclature::kBase:
      return "CVSS-B";
    case Nomenclature::kBaseThreat:
      return "CVSS-BT";
    case Nomenclature::kBaseEnvironmental:
      return "CVSS-BE";
    case Nomenclature::kBaseThreatEnvironmental:
      break;
  }
  return "CVSS-BTE";
}

Score ScoreFromTenths(Version version, int64_t tenths) {
  double value = static_cast<double>(tenths) / 10.0;
  return Score{value, RatingFor(version, value)};
}

Scores Calculate(const Vector& vector) {
  Scores scores;
  scores.version = vector.version();
  scores.has_temporal_metrics = HasDefinedMetric(
      vector, vector.version() == Version::kV4_0 ? Group::kThreat : Group::kTemporal);
  scores.has_environmental_metrics = HasDefinedMetric(vector, Group::kEnvironmental);
  switch (vector.version()) {
    case Version::kV2_0:
      ScoreV2(vector, scores);
      break;
    case Version::kV3_0:
    case Version::kV3_1:
      ScoreV3(vector, scores);
      break;
    case Version::kV4_0:
      ScoreV4(vector, scores);
      break;
  }
  return scores;
}

Result<Scores> ParseAndCalculate(std::string_view text) {
  SK_ASSIGN_OR_RETURN(Vector vector, Parse(text));
  return Calculate(vector);
}

}  // namespace soupkeeper::cvss
