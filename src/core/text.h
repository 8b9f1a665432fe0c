// Small text helpers shared by the parsers of several concepts.
#ifndef SOUPKEEPER_SRC_CORE_TEXT_H_
#define SOUPKEEPER_SRC_CORE_TEXT_H_

#include <string_view>
#include <vector>

#include "soupkeeper/status.h"

namespace soupkeeper::text {

// Splits on runs of spaces and tabs; no empty pieces.
std::vector<std::string_view> SplitWhitespace(std::string_view s);

// kInvalidArgument unless `date` is YYYY-MM-DD and a real calendar day, e.g.
//   "invalid release date '2026-02-30': day 30 does not exist (expected YYYY-MM-DD)"
// (`what` names the field).
Status ValidateDate(std::string_view what, std::string_view date);

}  // namespace soupkeeper::text

#endif  // SOUPKEEPER_SRC_CORE_TEXT_H_
