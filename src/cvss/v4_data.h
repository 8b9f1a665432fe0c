// The CVSS 4.0 MacroVector data (v4_macrovector_data.cc), used by score_v4.cc.
#ifndef SOUPKEEPER_SRC_CVSS_V4_DATA_H_
#define SOUPKEEPER_SRC_CVSS_V4_DATA_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace soupkeeper::cvss::v4data {

struct MacroVectorScore {
  std::string_view eqs;  // six digits EQ1..EQ6, e.g. "001021"
  double score;
};
extern const MacroVectorScore kMacroVectorScores[];
extern const size_t kMacroVectorScoreCount;

// Highest-severity partial vectors ("AV:N/PR:N/UI:N") per EQ level.
extern const std::vector<std::string_view> kEq1Maxes[3];
extern const std::vector<std::string_view> kEq2Maxes[2];
extern const std::vector<std::string_view> kEq3Eq6Maxes[3][2];
extern const std::vector<std::string_view> kEq4Maxes[3];

// Depth of each EQ level in steps of 0.1.
extern const int kEq1Depth[3];
extern const int kEq2Depth[2];
extern const int kEq3Eq6Depth[3][2];
extern const int kEq4Depth[3];

}  // namespace soupkeeper::cvss::v4data

#endif  // SOUPKEEPER_SRC_CVSS_V4_DATA_H_
