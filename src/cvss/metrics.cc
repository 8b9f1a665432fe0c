// Metric tables of CVSS 2.0 (FIRST CVSS v2 Complete Guide, section 2), 3.0
// and 3.1 (specification section 6, Table 15) and 4.0 (specification section
// 7, Table 23). Base metrics have no Not Defined value; every other metric
// does ("ND" in 2.0, "X" later).
#include "cvss/metrics.h"

namespace soupkeeper::cvss {
namespace {

constexpr MetricDef kV2Metrics[] = {
    {"AV", Group::kBase, {"L", "A", "N"}, 3, -1},
    {"AC", Group::kBase, {"H", "M", "L"}, 3, -1},
    {"Au", Group::kBase, {"M", "S", "N"}, 3, -1},
    {"C", Group::kBase, {"N", "P", "C"}, 3, -1},
    {"I", Group::kBase, {"N", "P", "C"}, 3, -1},
    {"A", Group::kBase, {"N", "P", "C"}, 3, -1},
    {"E", Group::kTemporal, {"U", "POC", "F", "H", "ND"}, 5, 4},
    {"RL", Group::kTemporal, {"OF", "TF", "W", "U", "ND"}, 5, 4},
    {"RC", Group::kTemporal, {"UC", "UR", "C", "ND"}, 4, 3},
    {"CDP", Group::kEnvironmental, {"N", "L", "LM", "MH", "H", "ND"}, 6, 5},
    {"TD", Group::kEnvironmental, {"N", "L", "M", "H", "ND"}, 5, 4},
    {"CR", Group::kEnvironmental, {"L", "M", "H", "ND"}, 4, 3},
    {"IR", Group::kEnvironmental, {"L", "M", "H", "ND"}, 4, 3},
    {"AR", Group::kEnvironmental, {"L", "M", "H", "ND"}, 4, 3},
};
static_assert(std::size(kV2Metrics) == v2::kCount);

constexpr MetricDef kV3Metrics[] = {
    {"AV", Group::kBase, {"N", "A", "L", "P"}, 4, -1},
    {"AC", Group::kBase, {"L", "H"}, 2, -1},
    {"PR", Group::kBase, {"N", "L", "H"}, 3, -1},
    {"UI", Group::kBase, {"N", "R"}, 2, -1},
    {"S", Group::kBase, {"U", "C"}, 2, -1},
    {"C", Group::kBase, {"H", "L", "N"}, 3, -1},
    {"I", Group::kBase, {"H", "L", "N"}, 3, -1},
    {"A", Group::kBase, {"H", "L", "N"}, 3, -1},
    {"E", Group::kTemporal, {"X", "U", "P", "F", "H"}, 5, 0},
    {"RL", Group::kTemporal, {"X", "O", "T", "W", "U"}, 5, 0},
    {"RC", Group::kTemporal, {"X", "U", "R", "C"}, 4, 0},
    {"CR", Group::kEnvironmental, {"X", "L", "M", "H"}, 4, 0},
    {"IR", Group::kEnvironmental, {"X", "L", "M", "H"}, 4, 0},
    {"AR", Group::kEnvironmental, {"X", "L", "M", "H"}, 4, 0},
    // The modified Base metrics list "X" first, then the Base metric's
    // values in the same order, so value index - 1 is the Base value index.
    {"MAV", Group::kEnvironmental, {"X", "N", "A", "L", "P"}, 5, 0},
    {"MAC", Group::kEnvironmental, {"X", "L", "H"}, 3, 0},
    {"MPR", Group::kEnvironmental, {"X", "N", "L", "H"}, 4, 0},
    {"MUI", Group::kEnvironmental, {"X", "N", "R"}, 3, 0},
    {"MS", Group::kEnvironmental, {"X", "U", "C"}, 3, 0},
    {"MC", Group::kEnvironmental, {"X", "H", "L", "N"}, 4, 0},
    {"MI", Group::kEnvironmental, {"X", "H", "L", "N"}, 4, 0},
    {"MA", Group::kEnvironmental, {"X", "H", "L", "N"}, 4, 0},
};
static_assert(std::size(kV3Metrics) == v3::kCount);

constexpr MetricDef kV4Metrics[] = {
    {"AV", Group::kBase, {"N", "A", "L", "P"}, 4, -1},
    {"AC", Group::kBase, {"L", "H"}, 2, -1},
    {"AT", Group::kBase, {"N", "P"}, 2, -1},
    {"PR", Group::kBase, {"N", "L", "H"}, 3, -1},
    {"UI", Group::kBase, {"N", "P", "A"}, 3, -1},
    {"VC", Group::kBase, {"H", "L", "N"}, 3, -1},
    {"VI", Group::kBase, {"H", "L", "N"}, 3, -1},
    {"VA", Group::kBase, {"H", "L", "N"}, 3, -1},
    {"SC", Group::kBase, {"H", "L", "N"}, 3, -1},
    {"SI", Group::kBase, {"H", "L", "N"}, 3, -1},
    {"SA", Group::kBase, {"H", "L", "N"}, 3, -1},
    {"E", Group::kThreat, {"X", "A", "P", "U"}, 4, 0},
    {"CR", Group::kEnvironmental, {"X", "H", "M", "L"}, 4, 0},
    {"IR", Group::kEnvironmental, {"X", "H", "M", "L"}, 4, 0},
    {"AR", Group::kEnvironmental, {"X", "H", "M", "L"}, 4, 0},
    {"MAV", Group::kEnvironmental, {"X", "N", "A", "L", "P"}, 5, 0},
    {"MAC", Group::kEnvironmental, {"X", "L", "H"}, 3, 0},
    {"MAT", Group::kEnvironmental, {"X", "N", "P"}, 3, 0},
    {"MPR", Group::kEnvironmental, {"X", "N", "L", "H"}, 4, 0},
    {"MUI", Group::kEnvironmental, {"X", "N", "P", "A"}, 4, 0},
    {"MVC", Group::kEnvironmental, {"X", "H", "L", "N"}, 4, 0},
    {"MVI", Group::kEnvironmental, {"X", "H", "L", "N"}, 4, 0},
    {"MVA", Group::kEnvironmental, {"X", "H", "L", "N"}, 4, 0},
    {"MSC", Group::kEnvironmental, {"X", "H", "L", "N"}, 4, 0},
    {"MSI", Group::kEnvironmental, {"X", "S", "H", "L", "N"}, 5, 0},
    {"MSA", Group::kEnvironmental, {"X", "S", "H", "L", "N"}, 5, 0},
    {"S", Group::kSupplemental, {"X", "N", "P"}, 3, 0},
    {"AU", Group::kSupplemental, {"X", "N", "Y"}, 3, 0},
    {"R", Group::kSupplemental, {"X", "A", "U", "I"}, 4, 0},
    {"V", Group::kSupplemental, {"X", "D", "C"}, 3, 0},
    {"RE", Group::kSupplemental, {"X", "L", "M", "H"}, 4, 0},
    {"U", Group::kSupplemental, {"X", "Clear", "Green", "Amber", "Red"}, 5, 0},
};
static_assert(std::size(kV4Metrics) == v4::kCount);
static_assert(v4::kCount <= Vector::kMaxMetrics);

constexpr VersionDef kV2{kV2Metrics, false};
constexpr VersionDef kV3{kV3Metrics, false};
constexpr VersionDef kV4{kV4Metrics, true};

}  // namespace

const VersionDef& DefinitionOf(Version version) {
  switch (version) {
    case Version::kV2_0:
      return kV2;
    case Version::kV3_0:
    case Version::kV3_1:
      return kV3;
    case Version::kV4_0:
      break;
  }
  return kV4;
}

bool HasDefinedMetric(const Vector& vector, Group group) {
  const VersionDef& def = DefinitionOf(vector.version());
  const VectorAccess::Values& values = VectorAccess::ValuesOf(vector);
  for (size_t i = 0; i < def.metrics.size(); ++i) {
    const MetricDef& m = def.metrics[i];
    if (m.group == group && values[i] >= 0 && values[i] != m.not_defined) return true;
  }
  return false;
}

}  // namespace soupkeeper::cvss
