// The pieces of a record's JSON form (vuln::ToJson, src/vuln/model.cc) that
// its direct writer and reader (src/vuln/record_codec.cc) share.
#ifndef SOUPKEEPER_SRC_VULN_RECORD_FORM_H_
#define SOUPKEEPER_SRC_VULN_RECORD_FORM_H_

#include <optional>
#include <string_view>

#include "soupkeeper/range.h"

namespace soupkeeper::vuln {

// A score with one decimal as the JSON number it is (no binary noise).
double OneDecimal(double d);

}  // namespace soupkeeper::vuln

#endif  // SOUPKEEPER_SRC_VULN_RECORD_FORM_H_
