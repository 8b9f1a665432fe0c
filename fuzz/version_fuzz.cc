// Fuzzes every registered version scheme: the first byte picks the scheme,
// the rest splits at '\n' into up to three versions. Parsing must not crash;
// for versions that parse, comparison must be reflexive, antisymmetric and
// transitive, and canonical text that parses must name an equal version.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "soupkeeper/version.h"

namespace {

int Sign(int v) { return (v > 0) - (v < 0); }

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using soupkeeper::version::AllSchemes;
  using soupkeeper::version::ParsedVersion;
  if (size == 0) return 0;
  const auto& schemes = AllSchemes();
  if (schemes.empty()) return 0;
  const auto& scheme = *schemes[data[0] % schemes.size()];
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);

  std::vector<std::unique_ptr<ParsedVersion>> parsed;
  for (int k = 0; k < 3 && !rest.empty(); ++k) {
    size_t nl = rest.find('\n');
    std::string_view text = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    auto p = scheme.Parse(text);
    if (!p.ok()) {
      Check(!p.status().message().empty());
      continue;
    }
    Check(scheme.Compare(**p, **p) == 0);
    // Canonical text need not parse again (RubyGems' to_s of "1--a" is
    // "1.pre..pre.a", which Gem::Version refuses), but when it does it must
    // name the same version.
    // Composer's normalize() is not idempotent either: the date version
    // "1444-44rc51" normalizes to "1444.44-RC51", which reads as classical.
    auto again = scheme.Parse(scheme.Canonical(**p));
    Check(!again.ok() || scheme.Name() == "composer" || scheme.Compare(**p, **again) == 0);
    parsed.push_back(std::move(*p));
  }
  for (size_t i = 0; i < parsed.size(); ++i) {
    for (size_t j = 0; j < parsed.size(); ++j) {
      Check(Sign(scheme.Compare(*parsed[i], *parsed[j])) ==
            -Sign(scheme.Compare(*parsed[j], *parsed[i])));
    }
  }
  // Conan's own order is not transitive (an integer item meets a string item
  // as text: 9 < 10, 10 < "10a", "10a" < 9), and the conan scheme keeps it.
  if (parsed.size() == 3 && scheme.Name() != "conan") {
    int ab = Sign(scheme.Compare(*parsed[0], *parsed[1]));
    int bc = Sign(scheme.Compare(*parsed[1], *parsed[2]));
    int ac = Sign(scheme.Compare(*parsed[0], *parsed[2]));
    if (ab <= 0 && bc <= 0) Check(ac <= 0 && (ac < 0 || (ab == 0 && bc == 0)));
    if (ab >= 0 && bc >= 0) Check(ac >= 0 && (ac > 0 || (ab == 0 && bc == 0)));
  }
  return 0;
}
