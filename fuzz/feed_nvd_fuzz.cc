// libFuzzer target for the NVD CVE API 2.0 JSON importer (see feed_fuzz.h).
#include "feed_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return soupkeeper::fuzz::FuzzImporter("nvd", data, size);
}
