// Fuzz target for CVSS parsing and scoring.
//
// The first byte picks the mode: even, the rest is parsed as a vector string;
// odd, the rest drives the construction of a vector that is valid by
// construction (version, then per metric: absent or one of its values), so
// scoring sees every metric combination. Either way, for every vector that
// parses: all scores lie in 0.0..10.0 with one decimal, and ToString()
// parses back to an equal vector with the same scores.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "cvss/metrics.h"
#include "soupkeeper/cvss.h"

namespace {

using soupkeeper::cvss::Scores;
using soupkeeper::cvss::Vector;

void Require(bool ok) {
  if (!ok) std::abort();
}

void CheckScore(const soupkeeper::cvss::Score& s) {
  Require(s.value >= 0.0 && s.value <= 10.0);
  Require(std::fabs(s.value * 10 - std::round(s.value * 10)) < 1e-9);
}

void CheckScores(const Scores& s) {
  CheckScore(s.base);
  Require(s.base.rating == soupkeeper::cvss::RatingFor(s.version, s.base.value));
  bool v4 = s.version == soupkeeper::cvss::Version::kV4_0;
  Require(s.temporal.has_value() != v4 && s.environmental.has_value() != v4);
  Require(s.nomenclature.has_value() == v4);
  for (const auto& o : {s.temporal, s.environmental}) {
    if (!o) continue;
    CheckScore(*o);
    Require(o->rating == soupkeeper::cvss::RatingFor(s.version, o->value));
  }
}

void CheckVector(const Vector& v) {
  Scores s = soupkeeper::cvss::Calculate(v);
  CheckScores(s);
  auto again = soupkeeper::cvss::Parse(v.ToString());
  Require(again.ok());
  Require(*again == v);
  Scores t = soupkeeper::cvss::Calculate(*again);
  Require(t.base.value == s.base.value);
  Require(t.temporal.has_value() == s.temporal.has_value());
  if (t.temporal) Require(t.temporal->value == s.temporal->value);
  if (t.environmental) Require(t.environmental->value == s.environmental->value);
}

// Builds a valid vector string from `data`.
std::string BuildVector(const uint8_t* data, size_t size) {
  using soupkeeper::cvss::Version;
  size_t pos = 0;
  auto next = [&]() -> uint8_t { return pos < size ? data[pos++] : 0; };
  constexpr Version kVersions[] = {Version::kV2_0, Version::kV3_0, Version::kV3_1, Version::kV4_0};
  Version version = kVersions[next() % 4];
  const auto& def = soupkeeper::cvss::DefinitionOf(version);
  std::string out;
  if (version != Version::kV2_0) {
    out = "CVSS:" + std::string(soupkeeper::cvss::VersionName(version));
  }
  for (const auto& m : def.metrics) {
    uint8_t b = next();
    bool base = m.group == soupkeeper::cvss::Group::kBase;
    if (!base && b % 2 == 0) continue;  // optional metric left out
    if (!out.empty()) out += '/';
    out += m.key;
    out += ':';
    out += m.values[(b / 2) % m.count];
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  if (data[0] % 2 == 0) {
    std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    auto v = soupkeeper::cvss::Parse(text);
    if (v.ok()) CheckVector(*v);
  } else {
    std::string text = BuildVector(data + 1, size - 1);
    auto v = soupkeeper::cvss::Parse(text);
    Require(v.ok());
    CheckVector(*v);
  }
  return 0;
}
