// libFuzzer target for what `feed sync` reads from a CSAF provider: ROLIE
// feeds and changes.csv. Neither may crash; each returns changes or a
// ParseError.
#include <string>
#include <string_view>

#include "vuln/sync_internal.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)soupkeeper::vuln::ParseRolieFeed("https://example.com/csaf/feed.json", bytes);
  (void)soupkeeper::vuln::ParseChangesCsv("https://example.com/csaf/", bytes);
  return 0;
}
