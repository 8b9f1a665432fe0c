// Internal to src/range: shared pieces of the native range readers (one file
// per ecosystem family, native_*.cc, dispatched from native.cc).
#ifndef SOUPKEEPER_SRC_RANGE_NATIVE_SUPPORT_H_
#define SOUPKEEPER_SRC_RANGE_NATIVE_SUPPORT_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"
#include "soupkeeper/range.h"

namespace soupkeeper::range::native {

// An intersection of constraints, and a union of those.
using Conjunction = std::vector<Constraint>;
using Disjunction = std::vector<Conjunction>;

std::string_view Trim(std::string_view s);
// Splits on every occurrence of `sep` (kept pieces may be empty).
std::vector<std::string_view> Split(std::string_view s, std::string_view sep);
using text::SplitWhitespace;
bool IsDigit(char c);
bool AllDigits(std::string_view s);

// "<native> at offset N: <what>" as a kParseError for ecosystem `type`.
Status NativeError(std::string_view type, std::string_view native, size_t offset,
                   std::string_view what);
// Offset of `part` (a view into `whole`) in `whole`.
size_t OffsetIn(std::string_view whole, std::string_view part);

// Every combination of one conjunction from each factor, concatenated (AND
// distributed over OR).
Disjunction Distribute(const std::vector<Disjunction>& factors);

Constraint Make(Comparator c, std::string version);

// Readers, each for the grammar named in range.h.
Result<Disjunction> ReadNpm(std::string_view native);
Result<Disjunction> ReadPypi(std::string_view native);
Result<Disjunction> ReadGem(std::string_view native);
Result<Disjunction> ReadInterval(std::string_view type, std::string_view native);
Result<Disjunction> ReadComposer(std::string_view native);
Result<Disjunction> ReadGolang(std::string_view native);
Result<Disjunction> ReadConan(std::string_view native);
Result<Disjunction> ReadOpenssl(std::string_view native);
Result<Disjunction> ReadNginx(std::string_view native);

}  // namespace soupkeeper::range::native

#endif  // SOUPKEEPER_SRC_RANGE_NATIVE_SUPPORT_H_
