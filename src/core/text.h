// Small text helpers shared by the parsers of several concepts.
#ifndef SOUPKEEPER_SRC_CORE_TEXT_H_
#define SOUPKEEPER_SRC_CORE_TEXT_H_

#include <string_view>
#include <vector>

#include "soupkeeper/status.h"

namespace soupkeeper::text {

// Splits on runs of spaces and tabs; no empty pieces.
std::vector<std::string_view> SplitWhitespace(std::string_view s);

}  // namespace soupkeeper::text

#endif  // SOUPKEEPER_SRC_CORE_TEXT_H_
