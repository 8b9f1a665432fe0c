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

// The OSV name of an event kind ("introduced", "fixed", "last_affected",
// "limit") and back (nullopt for another name).
std::string_view EventKindName(range::OsvEvent::Kind k);
std::optional<range::OsvEvent::Kind> EventKindFromName(std::string_view name);

}  // namespace soupkeeper::vuln

#endif  // SOUPKEEPER_SRC_VULN_RECORD_FORM_H_
