// CVSS 3.0 and 3.1 scoring: the equations of specification section 7.1-7.3
// (identical in both versions except the 3.1 Modified Impact for a changed
// Modified Scope and the 3.1 Roundup of Appendix A), with the weights of
// section 7.4, in exact decimal arithmetic.
#include <algorithm>

#include "cvss/decimal.h"
#include "cvss/scoring.h"

namespace soupkeeper::cvss {
namespace {

using namespace v3;  // NOLINT: metric indexes

// Weights by value index (metrics.cc order).
constexpr Decimal kAttackVector[] = {{85, 2}, {62, 2}, {55, 2}, {2, 1}};              // N A L P
constexpr Decimal kAttackComplexity[] = {{77, 2}, {44, 2}};                           // L H
constexpr Decimal kPrivilegesUnchanged[] = {{85, 2}, {62, 2}, {27, 2}};               // N L H
constexpr Decimal kPrivilegesChanged[] = {{85, 2}, {68, 2}, {5, 1}};                  // N L H
constexpr Decimal kUserInteraction[] = {{85, 2}, {62, 2}};                            // N R
constexpr Decimal kImpact[] = {{56, 2}, {22, 2}, {0, 0}};                             // H L N
constexpr Decimal kExploitMaturity[] = {{1, 0}, {91, 2}, {94, 2}, {97, 2}, {1, 0}};   // X U P F H
constexpr Decimal kRemediationLevel[] = {{1, 0}, {95, 2}, {96, 2}, {97, 2}, {1, 0}};  // X O T W U
constexpr Decimal kReportConfidence[] = {{1, 0}, {92, 2}, {96, 2}, {1, 0}};           // X U R C
constexpr Decimal kRequirement[] = {{1, 0}, {5, 1}, {1, 0}, {15, 1}};                 // X L M H

constexpr int kScopeChanged = 1;  // value index of S:C (and of MS:C minus one)

// The value indexes of the (modified) Base metrics a sub-score uses.
struct Inputs {
  int av, ac, pr, ui, scope, c, i, a;
};

struct Equations {
  bool v31;
  int64_t Roundup(Decimal x) const { return v31 ? x.RoundUp31Tenths() : x.CeilTenths(); }

  // The Base score equation, shared with the Environmental equation for its
  // modified metrics: impact sub-score `impact` (ISS resp. MISS already
  // turned into Impact / ModifiedImpact), exploitability from `in`.
  int64_t Score(Decimal impact, const Inputs& in) const {
    if (impact <= Decimal()) return 0;
    const Decimal* privileges =
        in.scope == kScopeChanged ? kPrivilegesChanged : kPrivilegesUnchanged;
    Decimal exploitability = Decimal(822, 2) * kAttackVector[in.av] * kAttackComplexity[in.ac] *
                             privileges[in.pr] * kUserInteraction[in.ui];
    Decimal sum = impact + exploitability;
    if (in.scope == kScopeChanged) sum = Decimal(108, 2) * sum;
    return Roundup(std::min(sum, Decimal::FromInt(10)));
  }
};

}  // namespace

void ScoreV3(const Vector& vector, Scores& scores) {
  const Version version = vector.version();
  const Equations eq{version == Version::kV3_1};
  auto v = [&vector](int metric) { return ValueOrNotDefined(vector, metric); };
  // A modified metric's value, falling back to its Base metric when Not
  // Defined (value index 0; the others are the Base index plus one).
  auto modified = [&v](int metric, int base_metric) {
    int m = v(metric);
    return m == 0 ? v(base_metric) : m - 1;
  };
  const Decimal one = Decimal::FromInt(1);

  const Inputs base_in{v(kAV), v(kAC), v(kPR), v(kUI), v(kS), v(kC), v(kI), v(kA)};
  // ISS = 1 - [(1 - C) x (1 - I) x (1 - A)]
  Decimal iss =
      one - (one - kImpact[base_in.c]) * (one - kImpact[base_in.i]) * (one - kImpact[base_in.a]);
  // Unchanged: 6.42 x ISS; Changed: 7.52 x (ISS - 0.029) - 3.25 x (ISS - 0.02)^15
  Decimal impact = base_in.scope == kScopeChanged
                       ? Decimal(752, 2) * (iss - Decimal(29, 3)) -
                             Decimal(325, 2) * (iss - Decimal(2, 2)).Pow(15)
                       : Decimal(642, 2) * iss;
  int64_t base = eq.Score(impact, base_in);
  scores.base = ScoreFromTenths(version, base);

  const Decimal temporal_factor =
      kExploitMaturity[v(kE)] * kRemediationLevel[v(kRL)] * kReportConfidence[v(kRC)];
  scores.temporal =
      ScoreFromTenths(version, eq.Roundup(Decimal::FromTenths(base) * temporal_factor));
  const Inputs env_in{modified(kMAV, kAV), modified(kMAC, kAC), modified(kMPR, kPR),
                      modified(kMUI, kUI), modified(kMS, kS),   modified(kMC, kC),
                      modified(kMI, kI),   modified(kMA, kA)};
  // MISS = Minimum(1 - [(1 - CR x MC) x (1 - IR x MI) x (1 - AR x MA)], 0.915)
  Decimal miss = std::min(one - (one - kRequirement[v(kCR)] * kImpact[env_in.c]) *
                                    (one - kRequirement[v(kIR)] * kImpact[env_in.i]) *
                                    (one - kRequirement[v(kAR)] * kImpact[env_in.a]),
                          Decimal(915, 3));
  Decimal modified_impact;
  if (env_in.scope != kScopeChanged) {
    modified_impact = Decimal(642, 2) * miss;  // 6.42 x MISS
  } else if (eq.v31) {
    // 7.52 x (MISS - 0.029) - 3.25 x (MISS x 0.9731 - 0.02)^13
    modified_impact = Decimal(752, 2) * (miss - Decimal(29, 3)) -
                      Decimal(325, 2) * (miss * Decimal(9731, 4) - Decimal(2, 2)).Pow(13);
  } else {
    // 7.52 x (MISS - 0.029) - 3.25 x (MISS - 0.02)^15
    modified_impact = Decimal(752, 2) * (miss - Decimal(29, 3)) -
                      Decimal(325, 2) * (miss - Decimal(2, 2)).Pow(15);
  }
  // Roundup(Roundup(Minimum[(1.08 x) (MImpact + MExploitability), 10]) x E x RL x RC),
  // 0 when MImpact <= 0.
  int64_t modified_base = eq.Score(modified_impact, env_in);
  scores.environmental =
      ScoreFromTenths(version, eq.Roundup(Decimal::FromTenths(modified_base) * temporal_factor));
}

}  // namespace soupkeeper::cvss
