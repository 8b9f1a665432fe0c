// The metric tables of every CVSS version: abbreviation, group and the values
// each specification defines, in the specification's order. The parser, the
// serializer and the scoring code all index into these tables, so a metric's
// position here is its index in Vector's value array and the value's position
// is the stored value index.
#ifndef SOUPKEEPER_SRC_CVSS_METRICS_H_
#define SOUPKEEPER_SRC_CVSS_METRICS_H_

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "soupkeeper/cvss.h"

namespace soupkeeper::cvss {

enum class Group { kBase, kTemporal, kThreat, kEnvironmental, kSupplemental };

struct MetricDef {
  std::string_view key;                    // "AV"
  Group group;                             //
  std::array<std::string_view, 6> values;  // the defined values, first `count`
  int count;                               //
  int not_defined;                         // index of "X" / "ND", -1 for Base metrics
};

struct VersionDef {
  std::span<const MetricDef> metrics;
  bool ordered;  // the specification requires the table's order (4.0)
};

const VersionDef& DefinitionOf(Version version);

// Metric indexes, in table order. Value indexes follow the `values` order of
// the table in metrics.cc; the scoring files rely on both.
namespace v2 {
enum Metric { kAV, kAC, kAu, kC, kI, kA, kE, kRL, kRC, kCDP, kTD, kCR, kIR, kAR, kCount };
}  // namespace v2
namespace v3 {
enum Metric {
  kAV,
  kAC,
  kPR,
  kUI,
  kS,
  kC,
  kI,
  kA,  // Base
  kE,
  kRL,
  kRC,  // Temporal
  kCR,
  kIR,
  kAR,
  kMAV,
  kMAC,
  kMPR,
  kMUI,
  kMS,
  kMC,
  kMI,
  kMA,  // Environmental
  kCount
};
}  // namespace v3
namespace v4 {
enum Metric {
  kAV,
  kAC,
  kAT,
  kPR,
  kUI,
  kVC,
  kVI,
  kVA,
  kSC,
  kSI,
  kSA,  // Base
  kE,   // Threat
  kCR,
  kIR,
  kAR,
  kMAV,
  kMAC,
  kMAT,
  kMPR,
  kMUI,
  kMVC,
  kMVI,
  kMVA,
  kMSC,  // Environmental
  kMSI,
  kMSA,  //
  kS,
  kAU,
  kR,
  kV,
  kRE,
  kU,  // Supplemental
  kCount
};
}  // namespace v4

// Read access to a Vector's value indexes for the scoring code.
class VectorAccess {
 public:
  using Values = std::array<int8_t, Vector::kMaxMetrics>;
  static const Values& ValuesOf(const Vector& vector) { return vector.values_; }
  static Vector Make(Version version, const Values& values) {
    Vector v;
    v.version_ = version;
    v.values_ = values;
    return v;
  }
};

// True when some metric of `group` is present with a value other than Not
// Defined.
bool HasDefinedMetric(const Vector& vector, Group group);

}  // namespace soupkeeper::cvss

#endif  // SOUPKEEPER_SRC_CVSS_METRICS_H_
