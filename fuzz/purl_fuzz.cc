// libFuzzer target for purl::Parse (both modes) and purl::ToString.
//
// Invariants checked on every input that parses:
//  - the canonical string parses again (strictly: canonical keys are lower
//    case) to an equal Purl, and prints to the same string (a fixed point);
//  - Build on the parsed components gives the same Purl;
//  - WithoutVersion is a prefix of the canonical string.
// Errors must be kParseError. Any violation aborts, which libFuzzer reports.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "soupkeeper/purl.h"

namespace {

using soupkeeper::purl::ParseMode;
using soupkeeper::purl::Purl;

void Check(bool ok, const char* what, std::string_view input) {
  if (ok) return;
  std::fprintf(stderr, "purl fuzz invariant broken: %s\ninput: %.*s\n", what,
               static_cast<int>(input.size()), input.data());
  std::abort();
}

void CheckMode(std::string_view input, ParseMode mode) {
  soupkeeper::Result<Purl> p = soupkeeper::purl::Parse(input, mode);
  if (!p.ok()) {
    Check(p.status().code() == soupkeeper::StatusCode::kParseError, "error code", input);
    return;
  }
  std::string canonical = soupkeeper::purl::ToString(*p);
  soupkeeper::Result<Purl> again = soupkeeper::purl::Parse(canonical, ParseMode::kStrict);
  Check(again.ok(), "canonical string does not parse", input);
  Check(*again == *p, "canonical string parses to a different purl", input);
  Check(soupkeeper::purl::ToString(*again) == canonical, "canonical form is not a fixed point",
        input);
  soupkeeper::Result<Purl> built = soupkeeper::purl::Build(*p);
  Check(built.ok() && *built == *p, "Build of parsed components differs", input);
  Check(canonical.starts_with(soupkeeper::purl::WithoutVersion(*p)),
        "WithoutVersion is not a prefix of the canonical form", input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckMode(input, ParseMode::kStrict);
  CheckMode(input, ParseMode::kLenient);
  return 0;
}
