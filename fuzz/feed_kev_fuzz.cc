// libFuzzer target for the CISA KEV catalog importer (see feed_fuzz.h).
#include "feed_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return soupkeeper::fuzz::FuzzImporter("kev", data, size);
}
