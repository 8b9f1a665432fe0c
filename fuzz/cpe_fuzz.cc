// libFuzzer target for the CPE bindings: arbitrary bytes are unbound as a
// formatted string and as a URI. Whatever parses must bind and unbind again to
// the same name (the URI trip lower-cases), the two bindings must convert into
// each other, and a name must match itself. Any failure aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "soupkeeper/cpe.h"

namespace {

using soupkeeper::cpe::Wfn;

void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckRoundTrips(const Wfn& wfn) {
  auto fs = soupkeeper::cpe::ParseFormattedString(wfn.ToFormattedString());
  Check(fs.ok() && *fs == wfn);
  const Wfn lower = wfn.Lowercased();
  auto uri = soupkeeper::cpe::ParseUri(wfn.ToUri());
  Check(uri.ok() && *uri == lower);
  Check(uri->ToUri() == lower.ToUri());
  auto converted = soupkeeper::cpe::UriToFormattedString(wfn.ToUri());
  Check(converted.ok() && *converted == lower.ToFormattedString());
  // A name without wildcards is equal to (and so matches) itself, ignoring
  // case; with wildcards the comparison is UNDEFINED somewhere, so neither.
  bool wildcards = false;
  for (size_t i = 0; i < soupkeeper::cpe::kAttributeCount; ++i) {
    wildcards |= wfn.Get(static_cast<soupkeeper::cpe::Attribute>(i)).has_wildcards();
  }
  Check(soupkeeper::cpe::IsEqual(wfn, lower) == !wildcards);
  Check(soupkeeper::cpe::Matches(wfn, lower) == !wildcards);
  Check(!soupkeeper::cpe::IsDisjoint(wfn, wfn));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // The input as it is, and behind each prefix so that the fuzzer spends its
  // time in the fields rather than on finding the prefixes.
  if (auto any = soupkeeper::cpe::Parse(input); any.ok()) CheckRoundTrips(*any);
  if (auto fs = soupkeeper::cpe::ParseFormattedString("cpe:2.3:" + std::string(input)); fs.ok()) {
    CheckRoundTrips(*fs);
  }
  if (auto uri = soupkeeper::cpe::ParseUri("cpe:/" + std::string(input)); uri.ok()) {
    CheckRoundTrips(*uri);
  }
  return 0;
}
