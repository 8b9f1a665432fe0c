// Fuzz target for vers parsing and native range conversion.
//
// Properties checked on every input: the parsers never crash; a vers the
// strict parser accepts is written back byte for byte; the canonical form of
// any parsed range parses strictly and is its own canonical form; and the
// canonical form holds the same versions as the range at every bound.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "soupkeeper/range.h"

namespace {

using soupkeeper::range::NativeRange;
using soupkeeper::range::ParseNative;
using soupkeeper::range::VersRange;

void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckCanonical(const VersRange& r) {
  VersRange n = r.Normalize();
  std::string canonical = n.ToString();
  auto again = VersRange::Parse(canonical);
  Check(again.ok());
  Check(again->Canonical() == canonical);
  for (const auto& c : r.constraints()) {
    if (c.version.empty()) continue;
    auto a = r.Contains(c.version);
    auto b = again->Contains(c.version);
    Check(a.ok() && b.ok() && *a == *b);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  static constexpr const char* kTypes[] = {"npm",    "pypi",  "gem",   "nuget", "composer",
                                           "golang", "conan", "nginx", "semver"};
  switch (data[0] % 3) {
    case 0: {
      auto strict = VersRange::Parse(text);
      if (strict.ok()) {
        Check(strict->ToString() == text);
        CheckCanonical(*strict);
      }
      break;
    }
    case 1: {
      auto lenient = VersRange::ParseLenient(text);
      if (lenient.ok()) CheckCanonical(*lenient);
      break;
    }
    default: {
      const char* type = kTypes[(data[0] / 3) % (sizeof(kTypes) / sizeof(kTypes[0]))];
      auto native = ParseNative(type, text);
      if (native.ok()) {
        (void)native->FlatVers();
        auto r = native->ToVers();
        if (r.ok()) CheckCanonical(*r);
      }
      break;
    }
  }
  return 0;
}
