// libFuzzer target for the OSV JSON and YAML importer (see feed_fuzz.h).
#include "feed_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return soupkeeper::fuzz::FuzzImporter("osv", data, size);
}
