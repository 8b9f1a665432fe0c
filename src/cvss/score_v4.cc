// CVSS 4.0 scoring: the MacroVector method of specification section 8, as the
// FIRST reference calculator (cvss_score.js) implements it:
//   1. the effective value of every metric (Modified metric if set, else the
//      Base metric; E:X counts as A, CR/IR/AR:X as H);
//   2. the MacroVector EQ1..EQ6 and its score from the lookup table;
//   3. for each EQ, the score of the next lower MacroVector and the severity
//      distance of the vector from the highest-severity vector of its
//      MacroVector, relative to the EQ level's depth;
//   4. the MacroVector score minus the mean of the proportional distances,
//      rounded to one decimal.
// Arithmetic is binary floating point in the calculator's operation order, so
// results match it exactly, including the 10^-6 it adds before rounding.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include "cvss/scoring.h"
#include "cvss/v4_data.h"

namespace soupkeeper::cvss {
namespace {

using namespace v4;  // NOLINT: metric indexes

// The metrics of the severity distance, in the calculator's order.
enum Dist {
  kdAV,
  kdPR,
  kdUI,
  kdAC,
  kdAT,
  kdVC,
  kdVI,
  kdVA,
  kdSC,
  kdSI,
  kdSA,
  kdCR,
  kdIR,
  kdAR,
  kDistCount
};
constexpr std::string_view kDistKeys[kDistCount] = {"AV", "PR", "UI", "AC", "AT", "VC", "VI",
                                                    "VA", "SC", "SI", "SA", "CR", "IR", "AR"};
constexpr int kDistMetric[kDistCount] = {kAV, kPR, kUI, kAC, kAT, kVC, kVI,
                                         kVA, kSC, kSI, kSA, kCR, kIR, kAR};

// Severity level of a metric value (cvss_score.js *_levels); the higher, the
// less severe.
double Level(int dist, char value) {
  switch (dist) {
    case kdAV:
      return value == 'N' ? 0.0 : value == 'A' ? 0.1 : value == 'L' ? 0.2 : 0.3;
    case kdPR:
      return value == 'N' ? 0.0 : value == 'L' ? 0.1 : 0.2;
    case kdUI:
      return value == 'N' ? 0.0 : value == 'P' ? 0.1 : 0.2;
    case kdAC:
      return value == 'L' ? 0.0 : 0.1;
    case kdAT:
      return value == 'N' ? 0.0 : 0.1;
    case kdVC:
    case kdVI:
    case kdVA:
      return value == 'H' ? 0.0 : value == 'L' ? 0.1 : 0.2;
    case kdSC:
      return value == 'H' ? 0.1 : value == 'L' ? 0.2 : 0.3;
    case kdSI:
    case kdSA:
      return value == 'S' ? 0.0 : value == 'H' ? 0.1 : value == 'L' ? 0.2 : 0.3;
    default:  // CR, IR, AR
      return value == 'H' ? 0.0 : value == 'M' ? 0.1 : 0.2;
  }
}

// A highest-severity vector: levels of the metrics it sets.
using Levels = std::array<double, kDistCount>;

// The parsed tables of v4_macrovector_data.cc.
struct Tables {
  double score[3][2][3][3][3][2];
  std::vector<Levels> eq1[3], eq2[2], eq3eq6[3][2], eq4[3];
};

// Adds the levels of "AV:N/PR:N/UI:N" to `levels`.
void AddLevels(std::string_view partial, Levels& levels) {
  while (!partial.empty()) {
    size_t slash = partial.find('/');
    std::string_view field = partial.substr(0, slash);
    size_t colon = field.find(':');
    for (int d = 0; d < kDistCount; ++d) {
      if (kDistKeys[d] == field.substr(0, colon)) levels[d] = Level(d, field[colon + 1]);
    }
    partial = slash == std::string_view::npos ? std::string_view() : partial.substr(slash + 1);
  }
}

std::vector<Levels> ParseMaxes(const std::vector<std::string_view>& partials) {
  std::vector<Levels> out;
  for (std::string_view p : partials) {
    Levels levels{};
    AddLevels(p, levels);
    out.push_back(levels);
  }
  return out;
}

const Tables& GetTables() {
  static const Tables* tables = [] {
    auto* t = new Tables;
    double* flat = &t->score[0][0][0][0][0][0];
    std::fill(flat, flat + sizeof(t->score) / sizeof(double),
              std::numeric_limits<double>::quiet_NaN());
    for (size_t i = 0; i < v4data::kMacroVectorScoreCount; ++i) {
      std::string_view e = v4data::kMacroVectorScores[i].eqs;
      t->score[e[0] - '0'][e[1] - '0'][e[2] - '0'][e[3] - '0'][e[4] - '0'][e[5] - '0'] =
          v4data::kMacroVectorScores[i].score;
    }
    for (int i = 0; i < 3; ++i) {
      t->eq1[i] = ParseMaxes(v4data::kEq1Maxes[i]);
      t->eq4[i] = ParseMaxes(v4data::kEq4Maxes[i]);
      for (int j = 0; j < 2; ++j) t->eq3eq6[i][j] = ParseMaxes(v4data::kEq3Eq6Maxes[i][j]);
    }
    for (int i = 0; i < 2; ++i) t->eq2[i] = ParseMaxes(v4data::kEq2Maxes[i]);
    return t;
  }();
  return *tables;
}

// The table score of a MacroVector, NaN when it does not exist.
double Lookup(const Tables& t, int eq1, int eq2, int eq3, int eq4, int eq5, int eq6) {
  if (eq1 > 2 || eq2 > 1 || eq3 > 2 || eq4 > 2 || eq5 > 2 || eq6 > 1) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  return t.score[eq1][eq2][eq3][eq4][eq5][eq6];
}

}  // namespace

void ScoreV4(const Vector& vector, Scores& scores) {
  const VersionDef& def = DefinitionOf(Version::kV4_0);
  const VectorAccess::Values& values = VectorAccess::ValuesOf(vector);
  auto letter = [&](int metric) -> char {
    int v = values[metric];
    return v < 0 ? 'X' : def.metrics[metric].values[v][0];
  };
  // Effective value: the Modified metric (which follows its Base metric by
  // kMAV - kAV in the table) when defined.
  static_assert(kMSA - kSA == kMAV - kAV && kMAT - kAT == kMAV - kAV);
  auto m = [&](int metric) -> char {
    if (metric == kE) return letter(kE) == 'X' ? 'A' : letter(kE);
    if (metric == kCR || metric == kIR || metric == kAR) {
      return letter(metric) == 'X' ? 'H' : letter(metric);
    }
    char modified = letter(metric + (kMAV - kAV));
    return modified == 'X' ? letter(metric) : modified;
  };

  const bool threat = scores.has_temporal_metrics;
  const bool environmental = scores.has_environmental_metrics;
  scores.nomenclature =
      threat ? (environmental ? Nomenclature::kBaseThreatEnvironmental : Nomenclature::kBaseThreat)
             : (environmental ? Nomenclature::kBaseEnvironmental : Nomenclature::kBase);

  const char av = m(kAV), pr = m(kPR), ui = m(kUI), vc = m(kVC), vi = m(kVI), va = m(kVA);
  const char sc = m(kSC), si = m(kSI), sa = m(kSA);
  if (vc == 'N' && vi == 'N' && va == 'N' && sc == 'N' && si == 'N' && sa == 'N') {
    scores.base = ScoreFromTenths(Version::kV4_0, 0);
    return;
  }

  int eq1, eq2, eq3, eq4, eq5, eq6;  // the MacroVector
  // EQ1: 0 AV:N and PR:N and UI:N; 1 (AV:N or PR:N or UI:N) and not all three
  // and not AV:P; 2 otherwise.
  if (av == 'N' && pr == 'N' && ui == 'N') {
    eq1 = 0;
  } else if ((av == 'N' || pr == 'N' || ui == 'N') && av != 'P') {
    eq1 = 1;
  } else {
    eq1 = 2;
  }
  // EQ2: 0 AC:L and AT:N; 1 otherwise.
  eq2 = (m(kAC) == 'L' && m(kAT) == 'N') ? 0 : 1;
  // EQ3: 0 VC:H and VI:H; 1 VC:H or VI:H or VA:H; 2 otherwise.
  eq3 = (vc == 'H' && vi == 'H') ? 0 : (vc == 'H' || vi == 'H' || va == 'H') ? 1 : 2;
  // EQ4: 0 MSI:S or MSA:S; 1 SC:H or SI:H or SA:H; 2 otherwise.
  eq4 = (si == 'S' || sa == 'S') ? 0 : (sc == 'H' || si == 'H' || sa == 'H') ? 1 : 2;
  // EQ5: 0 E:A; 1 E:P; 2 E:U.
  const char e = m(kE);
  eq5 = e == 'A' ? 0 : e == 'P' ? 1 : 2;
  // EQ6: 0 (CR:H and VC:H) or (IR:H and VI:H) or (AR:H and VA:H); 1 otherwise.
  eq6 =
      ((m(kCR) == 'H' && vc == 'H') || (m(kIR) == 'H' && vi == 'H') || (m(kAR) == 'H' && va == 'H'))
          ? 0
          : 1;

  const Tables& t = GetTables();
  double value = t.score[eq1][eq2][eq3][eq4][eq5][eq6];

  // Scores of the next lower MacroVector of each EQ (NaN when none).
  double lower_eq1 = Lookup(t, eq1 + 1, eq2, eq3, eq4, eq5, eq6);
  double lower_eq2 = Lookup(t, eq1, eq2 + 1, eq3, eq4, eq5, eq6);
  double lower_eq3eq6;
  if (eq3 == 0 && eq6 == 0) {
    // 00 goes down to 01 or 10: take the higher.
    double left = Lookup(t, eq1, eq2, eq3, eq4, eq5, eq6 + 1);
    double right = Lookup(t, eq1, eq2, eq3 + 1, eq4, eq5, eq6);
    lower_eq3eq6 = left > right ? left : right;
  } else if (eq6 == 1) {
    lower_eq3eq6 = Lookup(t, eq1, eq2, eq3 + 1, eq4, eq5, eq6);  // 01->11, 11->21, 21->none
  } else {
    lower_eq3eq6 = Lookup(t, eq1, eq2, eq3, eq4, eq5, eq6 + 1);  // 10->11
  }
  double lower_eq4 = Lookup(t, eq1, eq2, eq3, eq4 + 1, eq5, eq6);
  double lower_eq5 = Lookup(t, eq1, eq2, eq3, eq4, eq5 + 1, eq6);

  // Severity distances from the first highest-severity vector of the
  // MacroVector that the vector does not exceed in any metric. (EQ5's
  // highest-severity vector is E itself, which has no distance.)
  Levels selected;
  for (int d = 0; d < kDistCount; ++d) selected[d] = Level(d, m(kDistMetric[d]));
  Levels distance{};
  auto find_max = [&] {
    for (const Levels& l1 : t.eq1[eq1]) {
      for (const Levels& l2 : t.eq2[eq2]) {
        for (const Levels& l36 : t.eq3eq6[eq3][eq6]) {
          for (const Levels& l4 : t.eq4[eq4]) {
            const Levels* owner[kDistCount] = {&l1,  &l1, &l1, &l2, &l2,  &l36, &l36,
                                               &l36, &l4, &l4, &l4, &l36, &l36, &l36};
            bool fits = true;
            for (int d = 0; d < kDistCount; ++d) {
              distance[d] = selected[d] - (*owner[d])[d];
              if (distance[d] < 0) fits = false;
            }
            if (fits) return;
          }
        }
      }
    }
    // None fits: the calculator goes on with the last one's distances.
  };
  find_max();
  const double current_eq1 = distance[kdAV] + distance[kdPR] + distance[kdUI];
  const double current_eq2 = distance[kdAC] + distance[kdAT];
  const double current_eq3eq6 = distance[kdVC] + distance[kdVI] + distance[kdVA] + distance[kdCR] +
                                distance[kdIR] + distance[kdAR];
  const double current_eq4 = distance[kdSC] + distance[kdSI] + distance[kdSA];

  const double step = 0.1;
  const double depth_eq1 = v4data::kEq1Depth[eq1] * step;
  const double depth_eq2 = v4data::kEq2Depth[eq2] * step;
  const double depth_eq3eq6 = v4data::kEq3Eq6Depth[eq3][eq6] * step;
  const double depth_eq4 = v4data::kEq4Depth[eq4] * step;

  // For each EQ with a lower MacroVector: the available distance (maximal
  // scoring difference) times the proportion of the depth the vector is away
  // from the highest-severity vector. EQ5 has depth 0 and contributes 0.
  int existing_lower = 0;
  double normalized[5] = {0, 0, 0, 0, 0};
  auto add = [&](int i, double lower, double proportion) {
    double available = value - lower;
    if (std::isnan(available)) return;
    ++existing_lower;
    normalized[i] = available * proportion;
  };
  add(0, lower_eq1, current_eq1 / depth_eq1);
  add(1, lower_eq2, current_eq2 / depth_eq2);
  add(2, lower_eq3eq6, current_eq3eq6 / depth_eq3eq6);
  add(3, lower_eq4, current_eq4 / depth_eq4);
  add(4, lower_eq5, 0);
  double mean =
      existing_lower == 0
          ? 0
          : (normalized[0] + normalized[1] + normalized[2] + normalized[3] + normalized[4]) /
                existing_lower;
  value -= mean;
  if (value < 0) value = 0.0;
  if (value > 10) value = 10.0;
  // Math.round((value + EPSILON) * 10) / 10 with EPSILON = 10^-6.
  scores.base =
      ScoreFromTenths(Version::kV4_0, static_cast<int64_t>(std::round((value + 1e-6) * 10)));
}

}  // namespace soupkeeper::cvss
