// Conformance against real advisories of the corpus: a PyPA (PYSEC) and a Go
// (GO-) record, matched against purls built at an affected and at the fixed
// version, with the answers the advisories state; and every OSV record of the
// corpus with an explicit `versions` list: each listed version matches
// (recall), while the fixed versions and a version just below each
// `introduced` do not (docs/matching.md, "Accuracy").
#include "support/corpus.h"

#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <regex>
#include <sstream>

#include "soupkeeper/match.h"
#include "soupkeeper/version.h"

namespace soupkeeper::match {
namespace {

// Decodes an OSV document into `kb` (identity: the CVE alias, else the id).
Status Decode(const std::string& text, const std::string& name, Knowledge& kb,
              DiagnosticSink& sink) {
  const vuln::FeedImporter* osv = vuln::ImporterByName("osv");
  return osv->Decode(
      text, name,
      [&](vuln::Vulnerability&& v) {
        v.provenance.source = "osv";
        v.provenance.source_id = v.id;
        std::string id = v.id;
        for (const std::string& a : v.aliases) {
          if (a.rfind("CVE-", 0) == 0) id = a;
        }
        kb.Add({std::move(v), id});
        return Status::Ok();
      },
      sink);
}

Knowledge Load(const std::string& text, const std::string& name) {
  Knowledge kb;
  CollectingSink sink;
  Status s = Decode(text, name, kb, sink);
  EXPECT_TRUE(s.ok()) << s.message();
  return kb;
}

std::vector<Finding> MatchPurls(const Knowledge& kb, const std::vector<std::string>& purls) {
  sbom::Document doc;
  for (const std::string& p : purls) {
    sbom::Component c;
    c.ref = doc.Keep(p);
    c.name = doc.Keep(p);
    c.purl = doc.Keep(p);
    doc.components.push_back(c);
  }
  CollectingSink sink;
  std::vector<ComponentView> views = PrepareComponents(doc, sink);
  return MatchComponents(views, kb).findings;
}

TEST(MatchCorpus, PysecUrllib3) {
  SK_REQUIRE_CORPUS(root);
  auto file = root / "osv/pypa-advisory-database/vulns/urllib3/PYSEC-2021-108.yaml";
  Knowledge kb = Load(testing::ReadFileOrFail(file), file.string());
  ASSERT_EQ(kb.records.size(), 1u);
  // "urllib3 before 1.26.5": 1.26.4 affected, 1.26.5 fixed (its GIT range is
  // not needed to answer).
  auto findings = MatchPurls(
      kb, {"pkg:pypi/urllib3@1.26.4", "pkg:pypi/urllib3@1.26.5", "pkg:pypi/URLLib3@1.25.11"});
  std::cout << "PYSEC-2021-108: " << findings.size() << " findings for 3 purls\n";
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].component_ref, "pkg:pypi/urllib3@1.26.4");
  EXPECT_EQ(findings[0].vulnerability, "CVE-2021-33503");
  EXPECT_EQ(findings[0].status, "affected");
  EXPECT_EQ(findings[1].component_ref, "pkg:pypi/URLLib3@1.25.11");  // PEP 503 name
}

TEST(MatchCorpus, GoYamlV2) {
  SK_REQUIRE_CORPUS(root);
  auto file = root / "osv/golang-vulndb/data/osv/GO-2022-0956.json";
  Knowledge kb = Load(testing::ReadFileOrFail(file), file.string());
  ASSERT_EQ(kb.records.size(), 1u);
  // gopkg.in/yaml.v2: introduced 0, fixed 2.2.4 (SEMVER).
  auto findings =
      MatchPurls(kb, {"pkg:golang/gopkg.in/yaml.v2@v2.2.3", "pkg:golang/gopkg.in/yaml.v2@v2.2.4"});
  std::cout << "GO-2022-0956: " << findings.size() << " findings for 2 purls\n";
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].component_ref, "pkg:golang/gopkg.in/yaml.v2@v2.2.3");
  EXPECT_EQ(findings[0].vulnerability, "CVE-2022-3064");
  EXPECT_EQ(findings[0].fixed_versions, std::vector<std::string>{"2.2.4"});
}

// ---- OSV `versions` lists ------------------------------------------------

// The purl of an OSV package at `version` (the purl type from the one table,
// the OSV name split as the purl spec's type rules say), or "".
std::string PurlOf(std::string_view type, const std::string& name, const std::string& version) {
  purl::Purl p;
  p.type = std::string(type);
  p.name = name;
  p.version = version;
  const size_t colon = name.find(':');
  const size_t slash = name.rfind('/');
  if (type == "maven" && colon != std::string::npos) {
    p.namespace_ = name.substr(0, colon);
    p.name = name.substr(colon + 1);
  } else if ((type == "npm" || type == "golang" || type == "composer" || type == "github" ||
              type == "swift") &&
             slash != std::string::npos) {
    p.namespace_ = name.substr(0, slash);
    p.name = name.substr(slash + 1);
  }
  Result<purl::Purl> built = purl::Build(std::move(p));
  return built.ok() ? purl::ToString(*built) : "";
}

// A version just below `introduced` that the scheme orders directly before
// it, or "" where none can be written without knowing the releases: PEP 440
// "X.dev0" and RubyGems "X.a" (pre-releases of X) for a plain release X.
std::string JustBelow(const std::string& ecosystem, const std::string& introduced) {
  static const std::regex kRelease("[0-9]+(\\.[0-9]+)*");
  if (!std::regex_match(introduced, kRelease)) return "";
  if (ecosystem == "PyPI") return introduced + ".dev0";
  if (ecosystem == "RubyGems") return introduced + ".a";
  return "";
}

// The test's own reading of one SEMVER/ECOSYSTEM range (OSV schema,
// "Evaluation"), independent of range::EvaluateOsv: is `v` inside? nullopt
// when a version does not parse.
std::optional<bool> InsideRange(const version::VersionScheme& scheme, const range::OsvRange& r,
                                const std::string& v) {
  std::vector<range::OsvEvent> events = r.events;
  for (const range::OsvEvent& e : events) {
    if (e.version != "0" && !scheme.CompareText(e.version, v).ok()) return std::nullopt;
  }
  auto cmp = [&](const std::string& a, const std::string& b) {
    if (a == "0" || b == "0") return a == b ? 0 : a == "0" ? -1 : 1;
    return *scheme.CompareText(a, b);
  };
  std::stable_sort(events.begin(), events.end(),
                   [&](const auto& a, const auto& b) { return cmp(a.version, b.version) < 0; });
  bool inside = false;
  for (const range::OsvEvent& e : events) {
    const int c = cmp(e.version, v);
    if (e.kind == range::OsvEvent::Kind::kIntroduced && c <= 0) inside = true;
    if ((e.kind == range::OsvEvent::Kind::kFixed || e.kind == range::OsvEvent::Kind::kLimit) &&
        c <= 0)
      inside = false;
    if (e.kind == range::OsvEvent::Kind::kLastAffected && c < 0) inside = false;
  }
  return inside;
}

// Is `v` affected by any entry of `rec` for (ecosystem, name) by the test's
// reading: listed (same text or equal under the scheme) or inside a range.
// nullopt when it cannot tell.
std::optional<bool> AffectedByRecord(const vuln::Vulnerability& rec,
                                     const vuln::PackageAffected& pkg, const std::string& v) {
  const version::VersionScheme* scheme = version::SchemeForOsvEcosystem(pkg.ecosystem);
  if (scheme == nullptr) return std::nullopt;
  for (const vuln::PackageAffected& a : rec.affected) {
    if (a.ecosystem != pkg.ecosystem || a.name != pkg.name) continue;
    for (const std::string& listed : a.ranges.versions) {
      Result<int> c = scheme->CompareText(listed, v);
      if (listed == v || (c.ok() && *c == 0)) return true;
    }
    for (const range::OsvRange& r : a.ranges.ranges) {
      if (r.type != "ECOSYSTEM" && r.type != "SEMVER") continue;
      std::optional<bool> in = InsideRange(*scheme, r, v);
      if (!in) return std::nullopt;
      if (*in) return true;
    }
  }
  return false;
}

struct Tally {
  int records = 0, entries = 0, versions = 0, matched = 0;
  int outside = 0, outside_matched = 0, outside_skipped = 0;
};

TEST(MatchCorpus, OsvVersionsLists) {
  SK_REQUIRE_CORPUS(root);
  std::vector<std::filesystem::path> files = testing::FilesBelow(root / "osv", ".json");
  for (const auto& f : testing::FilesBelow(root / "osv", ".yaml")) files.push_back(f);
  std::map<std::string, Tally> tally;  // by ecosystem
  int not_osv = 0, no_purl_type = 0, withdrawn = 0;
  std::vector<std::string> not_importable, misses, false_matches;
  const size_t stride = testing::CorpusStride();
  for (size_t i = 0; i < files.size(); i += stride) {
    const std::filesystem::path& file = files[i];
    const std::string text = testing::ReadFileOrFail(file);
    const vuln::FeedImporter* importer = vuln::FindImporter(text);
    if (importer == nullptr || importer->Name() != "osv") {
      ++not_osv;
      continue;
    }
    Knowledge kb;
    CollectingSink sink;
    Status decoded = Decode(text, file.string(), kb, sink);
    if (!decoded.ok() || sink.error_count() > 0) {
      not_importable.push_back(decoded.ok() ? sink.Take()[0].ToString() : decoded.message());
      continue;
    }
    for (const Record& rec : kb.records) {
      // One component per listed version ("v<entry>/<i>") and per version
      // just outside ("o<entry>/<i>").
      std::vector<std::string> purls, refs, outside_purls, outside_refs;
      std::vector<std::string> ecosystems, outside_ecosystems;
      bool counted = false;
      for (size_t e = 0; e < rec.v.affected.size(); ++e) {
        const vuln::PackageAffected& a = rec.v.affected[e];
        if (a.ecosystem.empty() || a.name.empty() || a.ranges.versions.empty()) continue;
        const std::string_view type = PurlTypeForOsvEcosystem(a.ecosystem);
        if (type.empty()) {
          ++no_purl_type;
          continue;
        }
        if (!rec.v.withdrawn.empty()) {
          ++withdrawn;  // gives no findings by design (docs/matching.md, rule 3)
          continue;
        }
        Tally& t = tally[a.ecosystem];
        if (!counted) ++t.records;
        counted = true;
        ++t.entries;
        for (const std::string& v : a.ranges.versions) {
          ++t.versions;
          purls.push_back(PurlOf(type, a.name, v));
          refs.push_back(rec.v.id + " " + a.name + "@" + v);
          ecosystems.push_back(a.ecosystem);
        }
        std::vector<std::string> candidates;
        for (const range::OsvRange& r : a.ranges.ranges) {
          if (r.type != "ECOSYSTEM" && r.type != "SEMVER") continue;
          for (const range::OsvEvent& ev : r.events) {
            if (ev.kind == range::OsvEvent::Kind::kFixed) candidates.push_back(ev.version);
            if (ev.kind == range::OsvEvent::Kind::kIntroduced && ev.version != "0") {
              std::string below = JustBelow(a.ecosystem, ev.version);
              if (!below.empty()) candidates.push_back(below);
            }
          }
        }
        for (const std::string& v : candidates) {
          std::optional<bool> affected = AffectedByRecord(rec.v, a, v);
          if (!affected || *affected) {
            ++t.outside_skipped;  // listed or inside another range: not "outside"
            continue;
          }
          ++t.outside;
          outside_purls.push_back(PurlOf(type, a.name, v));
          outside_refs.push_back(rec.v.id + " " + a.name + "@" + v);
          outside_ecosystems.push_back(a.ecosystem);
        }
      }
      if (purls.empty() && outside_purls.empty()) continue;
      std::vector<std::string> all = purls;
      all.insert(all.end(), outside_purls.begin(), outside_purls.end());
      sbom::Document doc;
      for (size_t i = 0; i < all.size(); ++i) {
        sbom::Component c;
        c.ref = doc.Keep(std::to_string(i));
        c.name = doc.Keep(all[i]);
        c.purl = doc.Keep(all[i]);
        doc.components.push_back(c);
      }
      Knowledge one;
      one.Add(rec);
      CollectingSink prep;
      std::vector<ComponentView> views = PrepareComponents(doc, prep);
      std::vector<std::string> status(all.size());
      for (const Finding& f : MatchComponents(views, one).findings) {
        status[f.component_index] = f.status;
      }
      for (size_t i = 0; i < purls.size(); ++i) {
        if (status[i] == "affected") {
          ++tally[ecosystems[i]].matched;
        } else {
          misses.push_back(refs[i] + " (" + (purls[i].empty() ? "no purl" : purls[i]) +
                           "): " + (status[i].empty() ? "no finding" : status[i]));
        }
      }
      for (size_t i = 0; i < outside_purls.size(); ++i) {
        const std::string& s = status[purls.size() + i];
        if (!s.empty()) {
          ++tally[outside_ecosystems[i]].outside_matched;
          false_matches.push_back(outside_refs[i] + ": " + s);
        }
      }
    }
  }
  std::cout << "OSV files: " << files.size() << " (" << not_osv << " not OSV, "
            << not_importable.size() << " not importable); affected entries with versions but "
            << "no purl type: " << no_purl_type << ", withdrawn: " << withdrawn << "\n";
  for (const auto& [eco, t] : tally) {
    std::cout << eco << ": " << t.records << " records, " << t.entries << " entries, " << t.versions
              << " listed versions, " << t.matched << " matched (recall "
              << (t.versions ? 100.0 * t.matched / t.versions : 0) << "%); " << t.outside
              << " versions just outside checked, " << t.outside_matched << " matched, "
              << t.outside_skipped << " candidates inside another range or listed\n";
  }
  for (const std::string& m : not_importable) std::cout << "not importable: " << m << "\n";
  for (const std::string& m : misses) std::cout << "miss: " << m << "\n";
  for (const std::string& m : false_matches) std::cout << "matched outside: " << m << "\n";
  EXPECT_FALSE(tally.empty());
  EXPECT_TRUE(misses.empty());
  EXPECT_TRUE(false_matches.empty());
}

// The components a record's bounds are tested with: for each OSV entry with
// a purl type, the package at every version the entry names (listed, event
// versions, just below each introduced) and at a few others; for each
// vulnerable cpeMatch, its CPE at every version its bounds name and at a few
// others.
std::vector<std::string> ProbeVersionsOf(const std::vector<std::string>& named,
                                         const std::string& ecosystem) {
  std::vector<std::string> out = named;
  for (const std::string& v : named) {
    std::string below = JustBelow(ecosystem, v);
    if (!below.empty()) out.push_back(below);
  }
  for (const char* v : {"0", "0.0.1", "1.0.0", "2.5", "99999.0.0"}) out.push_back(v);
  return out;
}

sbom::Document ProbeComponents(const vuln::Vulnerability& v) {
  sbom::Document doc;
  auto add = [&](const std::string& purl, const std::string& cpe) {
    sbom::Component c;
    c.ref = doc.Keep(std::to_string(doc.components.size()));
    c.name = doc.Keep(purl.empty() ? cpe : purl);
    c.purl = doc.Keep(purl);
    c.cpe = doc.Keep(cpe);
    doc.components.push_back(c);
  };
  for (const vuln::PackageAffected& a : v.affected) {
    const std::string_view type = PurlTypeForOsvEcosystem(a.ecosystem);
    if (type.empty() || a.name.empty()) continue;
    std::vector<std::string> named = a.ranges.versions;
    for (const range::OsvRange& r : a.ranges.ranges) {
      for (const range::OsvEvent& e : r.events) named.push_back(e.version);
    }
    for (const std::string& version : ProbeVersionsOf(named, a.ecosystem)) {
      std::string purl = PurlOf(type, a.name, version);
      if (!purl.empty()) add(purl, "");
    }
  }
  for (const vuln::Configuration& config : v.configurations) {
    for (const vuln::ConfigNode& node : config.nodes) {
      for (const vuln::CpeMatch& m : node.matches) {
        const range::CpeMatchBounds& b = m.bounds;
        std::vector<std::string> named;
        for (const std::string* s :
             {&b.start_including, &b.start_excluding, &b.end_including, &b.end_excluding}) {
          if (!s->empty()) named.push_back(*s);
        }
        // cpe:2.3:part:vendor:product:version:...: the criteria at each version.
        std::vector<std::string> fields;
        std::stringstream in(m.criteria);
        for (std::string f; std::getline(in, f, ':');) fields.push_back(f);
        if (fields.size() != 13) continue;
        if (fields[5] != "*" && fields[5] != "-") named.push_back(fields[5]);
        for (const std::string& version : ProbeVersionsOf(named, "")) {
          fields[5] = version;
          std::string cpe;
          for (const std::string& f : fields) cpe += (cpe.empty() ? "" : ":") + f;
          add("", cpe);
        }
      }
    }
  }
  return doc;
}

struct BoundsTally {
  int records = 0, components = 0, findings = 0, ruled_out = 0;
  std::vector<std::string> lost;  // findings whose record the bounds ruled out
};

// Tests one record: every component with a finding of it must reach it
// under a key whose stored bounds (written and read back as the index does)
// do not rule the component's version out.
void CheckBounds(const Record& rec, BoundsTally& t) {
  sbom::Document doc = ProbeComponents(rec.v);
  if (doc.components.empty()) return;
  std::map<std::string, std::optional<VersionBounds>> stored;
  for (const IndexEntry& e : IndexEntries(rec.v)) {
    std::optional<VersionBounds>& b = stored[e.key];
    if (!e.bounds) continue;
    std::optional<std::string> text = EncodeBounds(*e.bounds);
    if (!text) continue;
    Result<VersionBounds> read = DecodeBounds(*text);
    ASSERT_TRUE(read.ok()) << rec.v.id << ": " << *text << ": " << read.status().message();
    b = *read;
  }
  Knowledge one;
  one.Add(rec);
  CollectingSink prep;
  std::vector<ComponentView> views = PrepareComponents(doc, prep);
  std::vector<bool> found(views.size());
  for (const Finding& f : MatchComponents(views, one).findings) found[f.component_index] = true;
  ++t.records;
  for (size_t i = 0; i < views.size(); ++i) {
    ++t.components;
    const VersionProbe probe = ProbeComponent(views[i]);
    bool may = false, reached = false;
    for (const std::string& k : ComponentKeys(views[i])) {
      auto it = stored.find(k);
      if (it == stored.end()) continue;
      reached = true;
      if (!it->second || PreparedBounds(*it->second).MayConcern(probe)) may = true;
    }
    if (found[i]) ++t.findings;
    if (reached && !may) ++t.ruled_out;
    if (found[i] && !may) {
      t.lost.push_back(rec.v.id + ": " + doc.components[i].name);
    }
  }
}

// The version bounds of the index (docs/matching.md, "Version pre-filter")
// never keep a scan from a finding: every OSV record of the corpus and every
// NVD record (every CorpusStride()th under the sanitizers), probed at the
// versions they name and around them.
TEST(MatchCorpus, IndexBoundsNeverRuleOutAFinding) {
  SK_REQUIRE_CORPUS(root);
  BoundsTally osv, nvd;
  const size_t stride = testing::CorpusStride();
  std::vector<std::filesystem::path> files = testing::FilesBelow(root / "osv", ".json");
  for (size_t i = 0; i < files.size(); i += stride) {
    const std::string text = testing::ReadFileOrFail(files[i]);
    const vuln::FeedImporter* importer = vuln::FindImporter(text);
    if (importer == nullptr || importer->Name() != "osv") continue;
    Knowledge kb;
    CollectingSink sink;
    if (!Decode(text, files[i].string(), kb, sink).ok()) continue;
    for (const Record& rec : kb.records) CheckBounds(rec, osv);
  }
  size_t nvd_seen = 0;
  for (const auto& file : testing::FilesBelow(root / "nvd", ".json")) {
    const std::string text = testing::ReadFileOrFail(file);
    const vuln::FeedImporter* importer = vuln::FindImporter(text);
    if (importer == nullptr || importer->Name() != "nvd") continue;
    CollectingSink sink;
    Status s = importer->Decode(
        text, file.string(),
        [&](vuln::Vulnerability&& v) {
          if (nvd_seen++ % stride != 0) return Status::Ok();
          v.provenance.source = "nvd";
          v.provenance.source_id = v.id;
          std::string id = v.id;
          CheckBounds({std::move(v), id}, nvd);
          return Status::Ok();
        },
        sink);
    EXPECT_TRUE(s.ok()) << file << ": " << s.message();
  }
  for (const auto& [name, t] :
       {std::pair<const char*, const BoundsTally&>{"OSV", osv}, {"NVD", nvd}}) {
    std::cout << name << ": " << t.records << " records, " << t.components << " probe components, "
              << t.findings << " with a finding, " << t.ruled_out << " ruled out by the bounds, "
              << t.lost.size() << " findings lost\n";
    for (const std::string& m : t.lost) std::cout << "lost: " << m << "\n";
    EXPECT_TRUE(t.lost.empty());
    // The bounds do rule out versions (else the test proves nothing).
    EXPECT_GT(t.findings, 0);
    EXPECT_GT(t.ruled_out, 0);
  }
}

}  // namespace
}  // namespace soupkeeper::match
