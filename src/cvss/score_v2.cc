// CVSS 2.0 scoring: the equations of the FIRST "A Complete Guide to the
// Common Vulnerability Scoring System Version 2.0", section 3.2, with the
// weights of section 3.2.1-3.2.3, in exact decimal arithmetic.
#include <algorithm>

#include "cvss/decimal.h"
#include "cvss/scoring.h"

namespace soupkeeper::cvss {
namespace {

using namespace v2;  // NOLINT: metric indexes

// Weights by value index (metrics.cc order); Not Defined last where defined.
constexpr Decimal kAccessVector[] = {{395, 3}, {646, 3}, {1, 0}};                   // L A N
constexpr Decimal kAccessComplexity[] = {{35, 2}, {61, 2}, {71, 2}};                // H M L
constexpr Decimal kAuthentication[] = {{45, 2}, {56, 2}, {704, 3}};                 // M S N
constexpr Decimal kImpact[] = {{0, 0}, {275, 3}, {660, 3}};                         // N P C
constexpr Decimal kExploitability[] = {{85, 2}, {90, 2}, {95, 2}, {1, 0}, {1, 0}};  // U POC F H ND
constexpr Decimal kRemediationLevel[] = {
    {87, 2}, {90, 2}, {95, 2}, {1, 0}, {1, 0}};                              // OF TF W U ND
constexpr Decimal kReportConfidence[] = {{90, 2}, {95, 2}, {1, 0}, {1, 0}};  // UC UR C ND
constexpr Decimal kCollateralDamage[] = {{0, 0}, {1, 1}, {3, 1},
                                         {4, 1}, {5, 1}, {0, 0}};  // N L LM MH H ND
constexpr Decimal kTargetDistribution[] = {{0, 0}, {25, 2}, {75, 2}, {1, 0}, {1, 0}};  // N L M H ND
constexpr Decimal kRequirement[] = {{5, 1}, {1, 0}, {151, 2}, {1, 0}};                 // L M H ND

// BaseScore = round_to_1_decimal(((0.6*Impact)+(0.4*Exploitability)-1.5)*f(Impact)),
// in tenths.
int64_t BaseEquation(Decimal impact, Decimal exploitability) {
  Decimal f = impact == Decimal() ? Decimal() : Decimal(1176, 3);
  return ((Decimal(6, 1) * impact + Decimal(4, 1) * exploitability - Decimal(15, 1)) * f)
      .RoundHalfUpTenths();
}

// TemporalScore = round_to_1_decimal(BaseScore*Exploitability*RemediationLevel*
// ReportConfidence), in tenths.
int64_t TemporalEquation(int64_t base_tenths, Decimal temporal_factor) {
  return (Decimal::FromTenths(base_tenths) * temporal_factor).RoundHalfUpTenths();
}

}  // namespace

void ScoreV2(const Vector& vector, Scores& scores) {
  auto v = [&vector](int metric) { return ValueOrNotDefined(vector, metric); };
  const Decimal one = Decimal::FromInt(1);
  const Decimal c = kImpact[v(kC)], i = kImpact[v(kI)], a = kImpact[v(kA)];
  const Decimal exploitability = Decimal::FromInt(20) * kAccessVector[v(kAV)] *
                                 kAccessComplexity[v(kAC)] * kAuthentication[v(kAu)];
  const Decimal temporal_factor =
      kExploitability[v(kE)] * kRemediationLevel[v(kRL)] * kReportConfidence[v(kRC)];

  // Impact = 10.41*(1-(1-ConfImpact)*(1-IntegImpact)*(1-AvailImpact))
  Decimal impact = Decimal(1041, 2) * (one - (one - c) * (one - i) * (one - a));
  int64_t base = std::max<int64_t>(0, BaseEquation(impact, exploitability));
  scores.base = ScoreFromTenths(Version::kV2_0, base);

  scores.temporal = ScoreFromTenths(Version::kV2_0, TemporalEquation(base, temporal_factor));
  // AdjustedImpact = min(10,10.41*(1-(1-ConfImpact*ConfReq)*(1-IntegImpact*IntegReq)
  //                  *(1-AvailImpact*AvailReq)))
  Decimal adjusted_impact = std::min(
      Decimal::FromInt(10), Decimal(1041, 2) * (one - (one - c * kRequirement[v(kCR)]) *
                                                          (one - i * kRequirement[v(kIR)]) *
                                                          (one - a * kRequirement[v(kAR)])));
  // AdjustedTemporal = TemporalScore recomputed with the BaseScore's Impact
  // sub-equation replaced with the AdjustedImpact equation.
  Decimal adjusted_temporal = Decimal::FromTenths(
      TemporalEquation(BaseEquation(adjusted_impact, exploitability), temporal_factor));
  // EnvironmentalScore = round_to_1_decimal((AdjustedTemporal+
  //   (10-AdjustedTemporal)*CollateralDamagePotential)*TargetDistribution)
  int64_t environmental = ((adjusted_temporal + (Decimal::FromInt(10) - adjusted_temporal) *
                                                    kCollateralDamage[v(kCDP)]) *
                           kTargetDistribution[v(kTD)])
                              .RoundHalfUpTenths();
  scores.environmental = ScoreFromTenths(Version::kV2_0, std::max<int64_t>(0, environmental));
}

}  // namespace soupkeeper::cvss
