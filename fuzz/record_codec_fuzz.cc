// Fuzzes the stored record reader on arbitrary bytes: vuln_records.data is
// outside input when a database is tampered with. Nothing may crash, and a
// record that DecodeRecord reads must encode to text that it reads again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "soupkeeper/vuln.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace soupkeeper;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Result<vuln::Vulnerability> v = vuln::DecodeRecord(bytes);
  if (!v.ok()) return 0;
  if (!vuln::DecodeRecord(vuln::EncodeRecord(*v)).ok()) std::abort();
  return 0;
}
