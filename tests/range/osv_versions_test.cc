// Real-data check of OSV range evaluation: in every advisory of the corpus
// (corpus osv/: JSON records with an `affected` array, and the PyPA
// database's YAML records) whose affected entry carries both SEMVER or
// ECOSYSTEM ranges and an explicit `versions` list, every listed version must
// fall inside the evaluated ranges (the list itself left out of the
// evaluation). Agreement is printed per ecosystem; misses must be in
// kKnownMisses, each with its reason (docs/parts/range-conformance.md).
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "soupkeeper/range.h"
#include "support/corpus.h"

namespace soupkeeper::range {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct KnownMiss {
  const char* id;       // advisory id
  const char* version;  // the listed version outside the ranges
  const char* reason;
};

#include "osv_known_misses.inc"

struct Advisory {
  std::string id;
  std::vector<OsvAffected> affected;
};

OsvEvent::Kind KindOf(const std::string& key, bool& ok) {
  ok = true;
  if (key == "introduced") return OsvEvent::Kind::kIntroduced;
  if (key == "fixed") return OsvEvent::Kind::kFixed;
  if (key == "last_affected") return OsvEvent::Kind::kLastAffected;
  if (key == "limit") return OsvEvent::Kind::kLimit;
  ok = false;
  return OsvEvent::Kind::kIntroduced;
}

std::optional<Advisory> FromJson(const json& doc) {
  if (!doc.is_object() || !doc.contains("affected") || !doc["affected"].is_array()) {
    return std::nullopt;
  }
  Advisory adv{doc.value("id", "?"), {}};
  for (const json& a : doc["affected"]) {
    OsvAffected out;
    if (a.contains("package") && a["package"].is_object()) {
      out.ecosystem = a["package"].value("ecosystem", "");
    }
    for (const json& r : a.value("ranges", json::array())) {
      OsvRange range{r.value("type", ""), {}};
      for (const json& e : r.value("events", json::array())) {
        for (const auto& [key, value] : e.items()) {
          bool ok;
          OsvEvent::Kind k = KindOf(key, ok);
          if (ok && value.is_string()) range.events.push_back({k, value.get<std::string>()});
        }
      }
      out.ranges.push_back(std::move(range));
    }
    for (const json& v : a.value("versions", json::array())) {
      if (v.is_string()) out.versions.push_back(v.get<std::string>());
    }
    adv.affected.push_back(std::move(out));
  }
  return adv;
}

// The PyPA database writes block-style YAML with a fixed layout:
//   affected:
//   - package:
//       ecosystem: PyPI
//     ranges:
//     - type: ECOSYSTEM
//       events:
//       - introduced: "0"
//     versions:
//     - 1.0
// This reads exactly that layout (plain or quoted scalars), nothing more.
std::string Scalar(std::string_view s) {
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front()) {
    return std::string(s.substr(1, s.size() - 2));
  }
  return std::string(s);
}

Advisory FromPypaYaml(const std::string& text) {
  Advisory adv;
  enum class Section { kNone, kAffected } section = Section::kNone;
  std::string list;  // "ranges" or "versions": the list being read
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    if (line[0] != ' ' && line[0] != '-') {
      section = line == "affected:" ? Section::kAffected : Section::kNone;
      if (line.starts_with("id: ")) adv.id = Scalar(line.substr(4));
      continue;
    }
    if (section != Section::kAffected) continue;
    if (line.starts_with("- package:")) {
      adv.affected.emplace_back();
      list.clear();
    } else if (adv.affected.empty()) {
      continue;
    }
    OsvAffected& a = adv.affected.back();
    if (line.starts_with("    ecosystem: ")) {
      a.ecosystem = Scalar(line.substr(15));
    } else if (line == "  ranges:" || line == "  versions:") {
      list = std::string(line.substr(2, line.size() - 3));
    } else if (list == "ranges" && line.starts_with("  - type: ")) {
      a.ranges.push_back({Scalar(line.substr(10)), {}});
    } else if (list == "ranges" && line.starts_with("    - ") && !a.ranges.empty()) {
      std::string_view kv = line.substr(6);  // an event: "introduced: 1.0"
      size_t colon = kv.find(": ");
      bool ok = false;
      if (colon != std::string_view::npos) {
        OsvEvent::Kind k = KindOf(std::string(kv.substr(0, colon)), ok);
        if (ok) a.ranges.back().events.push_back({k, Scalar(kv.substr(colon + 2))});
      }
    } else if (list == "versions" && line.starts_with("  - ")) {
      a.versions.push_back(Scalar(line.substr(4)));
    } else if (line.size() > 2 && line[2] != ' ' && line[2] != '-') {
      list.clear();  // another key of the affected entry
    }
  }
  return adv;
}

struct EcoTally {
  int entries = 0, versions = 0, inside = 0, outside = 0, not_evaluable = 0, known = 0;
};

TEST(OsvVersions, ListedVersionsFallInsideTheRanges) {
  SK_REQUIRE_CORPUS(root);
  std::vector<Advisory> advisories;
  int json_files = 0, yaml_files = 0;
  for (const fs::path& p : testing::FilesBelow(root / "osv", ".json")) {
    json doc = json::parse(testing::ReadFileOrFail(p), nullptr, /*allow_exceptions=*/false);
    if (auto adv = FromJson(doc)) {
      advisories.push_back(std::move(*adv));
      ++json_files;
    }
  }
  for (const fs::path& p : testing::FilesBelow(root / "osv/pypa-advisory-database", ".yaml")) {
    advisories.push_back(FromPypaYaml(testing::ReadFileOrFail(p)));
    ++yaml_files;
  }
  EXPECT_GE(yaml_files, 2600);

  std::map<std::string, EcoTally> tally;
  std::set<const KnownMiss*> used;
  for (const Advisory& adv : advisories) {
    for (const OsvAffected& a : adv.affected) {
      OsvAffected ranges_only{a.ecosystem, {}, {}};
      for (const OsvRange& r : a.ranges) {
        if (r.type == "SEMVER" || r.type == "ECOSYSTEM") ranges_only.ranges.push_back(r);
      }
      if (ranges_only.ranges.empty() || a.versions.empty()) continue;
      std::string eco = a.ecosystem.substr(0, a.ecosystem.find(':'));
      EcoTally& t = tally[eco];
      ++t.entries;
      for (const std::string& v : a.versions) {
        ++t.versions;
        Evaluation e = EvaluateOsv(ranges_only, v);
        if (e.verdict == Verdict::kAffected) {
          ++t.inside;
          continue;
        }
        const KnownMiss* known = nullptr;
        for (const KnownMiss& k : kKnownMisses) {
          if (adv.id == k.id && v == k.version) known = &k;
        }
        if (known) {
          ++t.known;
          used.insert(known);
          continue;
        }
        (e.verdict == Verdict::kNotAffected ? t.outside : t.not_evaluable)++;
        ADD_FAILURE() << adv.id << " (" << a.ecosystem << "): listed version '" << v << "' is "
                      << VerdictName(e.verdict) << (e.reason.empty() ? "" : ": " + e.reason);
      }
    }
  }
  std::cout << "OSV records read: " << json_files << " JSON, " << yaml_files << " YAML\n";
  std::cout << "listed versions inside the evaluated ranges, per ecosystem:\n";
  for (const auto& [eco, t] : tally) {
    std::cout << "  " << eco << ": " << t.entries << " affected entries, " << t.versions
              << " versions: " << t.inside << " inside, " << t.outside << " outside, "
              << t.not_evaluable << " not evaluable, " << t.known << " known misses\n";
  }
  for (const KnownMiss& k : kKnownMisses) {
    if (!used.count(&k)) ADD_FAILURE() << "known miss not seen: " << k.id << " " << k.version;
  }
}

}  // namespace
}  // namespace soupkeeper::range
