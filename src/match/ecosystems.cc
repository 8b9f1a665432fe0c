// The one table from purl types to OSV ecosystems, the distro qualifier to
// OSV ecosystem-with-release mapping, and the OSV evaluation shared by the
// ecosystem and distro matchers.
#include <algorithm>
#include <cctype>
#include <utility>

#include "core/text.h"
#include "match/internal.h"
#include "soupkeeper/range.h"
#include "soupkeeper/version.h"

namespace soupkeeper::match {
namespace {

// purl type -> OSV ecosystem (https://ossf.github.io/osv-schema/#affectedpackage-field).
constexpr std::pair<std::string_view, std::string_view> kPurlToOsv[] = {
    {"npm", "npm"},           {"pypi", "PyPI"},          {"maven", "Maven"},
    {"golang", "Go"},         {"cargo", "crates.io"},    {"gem", "RubyGems"},
    {"nuget", "NuGet"},       {"composer", "Packagist"}, {"hex", "Hex"},
    {"pub", "Pub"},           {"hackage", "Hackage"},    {"cran", "CRAN"},
    {"conan", "ConanCenter"}, {"swift", "SwiftURL"},     {"github", "GitHub Actions"},
    {"bitnami", "Bitnami"},
};

// How an OSV ecosystem's package names compare. The OSV schema's
// ecosystems.json defines one normalization: PyPI's `name` is the PEP 503
// normalized name. An ecosystem without a row compares names as written; one
// whose names are normalized too declares it with a row (and, if needed, a
// rule below).
enum class NameRule { kPep503 };
constexpr std::pair<std::string_view, NameRule> kOsvNameRules[] = {
    {"PyPI", NameRule::kPep503},
};

// PEP 503: lower case, runs of '-', '_' and '.' as one '-'.
std::string Pep503Name(std::string_view name) {
  std::string out;
  for (char c : name) {
    char l = text::AsciiLower(c);
    if (l == '_' || l == '.' || l == '-') {
      if (out.empty() || out.back() != '-') out += '-';
    } else {
      out += l;
    }
  }
  return out;
}

// Debian and Ubuntu code names -> release numbers.
constexpr std::pair<std::string_view, std::string_view> kDebianCodenames[] = {
    {"jessie", "8"},    {"stretch", "9"},   {"buster", "10"},
    {"bullseye", "11"}, {"bookworm", "12"}, {"trixie", "13"},
};
constexpr std::pair<std::string_view, std::string_view> kUbuntuCodenames[] = {
    {"xenial", "16.04"}, {"bionic", "18.04"}, {"focal", "20.04"},
    {"jammy", "22.04"},  {"noble", "24.04"},
};

std::string_view Find(const std::pair<std::string_view, std::string_view>* table, size_t n,
                      std::string_view key) {
  for (size_t i = 0; i < n; ++i) {
    if (table[i].first == key) return table[i].second;
  }
  return {};
}

// "debian-12.4" -> "12.4"; "12" -> "12"; "bookworm" -> "bookworm".
std::string StripPrefix(std::string value, std::string_view prefix) {
  if (value.rfind(prefix, 0) == 0) value = value.substr(prefix.size());
  if (!value.empty() && (value[0] == '-' || value[0] == '_')) value = value.substr(1);
  return value;
}

// The first `parts` dot-separated numbers of `v` ("3.19.1", 2 -> "3.19"), or
// "" when they are not numbers.
std::string LeadingNumbers(const std::string& v, int parts) {
  std::string out;
  int seen = 0;
  size_t i = 0;
  while (seen < parts) {
    size_t j = i;
    while (j < v.size() && std::isdigit(static_cast<unsigned char>(v[j]))) ++j;
    if (j == i) return "";
    if (!out.empty()) out += '.';
    out += v.substr(i, j - i);
    ++seen;
    if (seen == parts) break;
    if (j >= v.size() || v[j] != '.') return seen >= 1 && parts == 1 ? out : "";
    i = j + 1;
  }
  return out;
}

}  // namespace

std::string_view OsvEcosystemForPurlType(std::string_view purl_type) {
  return Find(kPurlToOsv, std::size(kPurlToOsv), purl_type);
}

std::string_view PurlTypeForOsvEcosystem(std::string_view ecosystem) {
  for (const auto& [type, eco] : kPurlToOsv) {
    if (eco == ecosystem) return type;
  }
  return {};
}

std::string OsvPackageName(const purl::Purl& p) {
  std::string name;
  if (p.type == "maven") {
    name = p.namespace_ + ":" + p.name;
  } else if (!p.namespace_.empty() &&
             (p.type == "npm" || p.type == "golang" || p.type == "composer" || p.type == "github" ||
              p.type == "swift")) {
    name = p.namespace_ + "/" + p.name;
  } else {
    name = p.name;
  }
  return internal::NormalizeOsvName(OsvEcosystemForPurlType(p.type), name);
}

std::vector<std::string> DistroEcosystems(const purl::Purl& p) {
  std::vector<std::string> out;
  const std::string* distro = p.FindQualifier("distro");
  std::string d = distro ? text::ToAsciiLower(*distro) : "";
  std::string ns = text::ToAsciiLower(p.namespace_);
  if (p.type == "deb") {
    if (d.empty()) return out;
    if (ns == "ubuntu" || d.rfind("ubuntu", 0) == 0) {
      std::string rel = StripPrefix(d, "ubuntu");
      std::string_view named = Find(kUbuntuCodenames, std::size(kUbuntuCodenames), rel);
      std::string num = named.empty() ? LeadingNumbers(rel, 2) : std::string(named);
      if (num.empty()) return out;
      out.push_back("Ubuntu:" + num + ":LTS");
      out.push_back("Ubuntu:" + num);
      return out;
    }
    if (ns == "debian" || d.rfind("debian", 0) == 0) {
      std::string rel = StripPrefix(d, "debian");
      std::string_view named = Find(kDebianCodenames, std::size(kDebianCodenames), rel);
      std::string num = named.empty() ? LeadingNumbers(rel, 1) : std::string(named);
      if (!num.empty()) out.push_back("Debian:" + num);
    }
    return out;
  }
  if (p.type == "apk") {
    if (d.empty()) return out;
    std::string base = ns == "wolfi" ? "Wolfi" : ns == "chainguard" ? "Chainguard" : "Alpine";
    if (base != "Alpine") {
      out.push_back(base);  // rolling distributions: no release in the ecosystem
      return out;
    }
    std::string rel = StripPrefix(d, "alpine");
    if (!rel.empty() && rel[0] == 'v') rel = rel.substr(1);
    std::string num = LeadingNumbers(rel, 2);
    if (!num.empty()) out.push_back("Alpine:v" + num);
    return out;
  }
  if (p.type == "rpm") {
    if (d.empty()) return out;
    struct RpmDistro {
      std::string_view prefix, ecosystem;
    };
    static constexpr RpmDistro kRpm[] = {
        {"almalinux", "AlmaLinux"}, {"alma", "AlmaLinux"},      {"rocky", "Rocky Linux"},
        {"mageia", "Mageia"},       {"openeuler", "openEuler"},
    };
    for (const RpmDistro& r : kRpm) {
      if (d.rfind(r.prefix, 0) != 0 && ns != r.prefix) continue;
      std::string num = LeadingNumbers(StripPrefix(d, r.prefix), 1);
      if (!num.empty()) out.push_back(std::string(r.ecosystem) + ":" + num);
      return out;
    }
  }
  return out;
}

namespace internal {

std::string NormalizeOsvName(std::string_view ecosystem, std::string_view name) {
  for (const auto& [eco, rule] : kOsvNameRules) {
    if (eco != ecosystem) continue;
    switch (rule) {
      case NameRule::kPep503:
        return Pep503Name(name);
    }
  }
  return std::string(name);
}

std::string OsvKey(std::string_view ecosystem, std::string_view name) {
  return "osv:" + std::string(ecosystem) + ":" + NormalizeOsvName(ecosystem, name);
}

std::string PurlKey(const purl::Purl& p) { return "purl:" + purl::WithoutVersion(p); }

std::string CpeKey(std::string_view vendor, std::string_view product) {
  return "cpe:" + text::ToAsciiLower(vendor) + ":" + text::ToAsciiLower(product);
}

std::string ComponentVersion(const ComponentView& c) {
  if (c.purl && !c.purl->version.empty()) return c.purl->version;
  return c.component ? c.component->version : "";
}

nlohmann::json RangeRule(const vuln::PackageAffected& a, size_t range_index) {
  const range::OsvRange& r = a.ranges.ranges[range_index];
  nlohmann::json events = nlohmann::json::array();
  for (const range::OsvEvent& e : r.events) {
    events.push_back({{std::string(range::OsvEventKindName(e.kind)), e.version}});
  }
  nlohmann::json rule = {{"kind", "osv-range"},
                         {"ecosystem", a.ecosystem},
                         {"package", a.name},
                         {"type", r.type},
                         {"events", events}};
  if (range_index < a.range_repos.size() && !a.range_repos[range_index].empty()) {
    rule["repo"] = a.range_repos[range_index];
  }
  auto vers = range::OsvRangeToVers(a.ranges.ecosystem, r);
  if (vers.ok()) rule["vers"] = vers->Canonical();
  return rule;
}

namespace {

// The ranges EvaluateAffected judges `a` by, with its purl when it has one
// that parses.
range::OsvAffected JudgedRanges(const vuln::PackageAffected& a, std::optional<purl::Purl>& p) {
  range::OsvAffected ranges = a.ranges;
  if (!a.purl.empty()) {
    auto parsed = purl::Parse(a.purl, purl::ParseMode::kLenient);
    if (parsed.ok()) {
      p = std::move(*parsed);
      if (ranges.ecosystem.empty()) ranges.ecosystem = OsvEcosystemForPurlType(p->type);
    }
  }
  return ranges;
}

}  // namespace

std::optional<VersionBounds> AffectedBounds(const vuln::PackageAffected& a) {
  std::optional<purl::Purl> p;
  range::OsvAffected ranges = JudgedRanges(a, p);
  if (!ranges.versions.empty()) {
    // A version equal to a listed one under the scheme lies between the
    // lowest and the highest listed.
    const version::VersionScheme* scheme = version::SchemeForOsvEcosystem(ranges.ecosystem);
    if (scheme == nullptr) return std::nullopt;
    const std::string* low = &ranges.versions[0];
    const std::string* high = low;
    for (const std::string& v : ranges.versions) {
      Result<int> below = scheme->CompareText(v, *low);
      Result<int> above = scheme->CompareText(v, *high);
      if (!below.ok() || !above.ok()) return std::nullopt;
      if (*below < 0) low = &v;
      if (*above > 0) high = &v;
    }
    range::OsvRange hull{"ECOSYSTEM",
                         {{range::OsvEvent::Kind::kIntroduced, *low},
                          {range::OsvEvent::Kind::kLastAffected, *high}}};
    ranges.ranges.push_back(std::move(hull));
    ranges.versions.clear();
  }
  return VersionBounds{{std::move(ranges)}, {}};
}

void EvaluateAffected(const Record& record, const std::vector<std::string>& ecosystems,
                      const std::string& name, const std::string& purl_key,
                      const std::string& version, std::string_view matcher,
                      const nlohmann::json& fields, std::vector<Evidence>& out,
                      std::vector<std::string>& fixed) {
  for (const vuln::PackageAffected& a : record.v.affected) {
    bool by_name =
        !a.name.empty() &&
        std::find(ecosystems.begin(), ecosystems.end(), a.ecosystem) != ecosystems.end() &&
        NormalizeOsvName(a.ecosystem, a.name) == name;
    std::optional<purl::Purl> p;
    range::OsvAffected ranges = JudgedRanges(a, p);
    bool by_purl = p && !purl_key.empty() && PurlKey(*p) == purl_key;
    if (!by_name && !by_purl) continue;
    Evidence e;
    e.matcher = matcher;
    e.source = record.v.provenance.source;
    e.record_id =
        record.v.provenance.source_id.empty() ? record.v.id : record.v.provenance.source_id;
    e.component_fields = fields;
    range::Evaluation whole = range::EvaluateOsv(ranges, version);
    if (whole.verdict == range::Verdict::kNotEvaluable) {
      // A GIT range speaks of commits; a component with a version is decided
      // by the entry's SEMVER/ECOSYSTEM ranges when they give an answer.
      range::OsvAffected versioned{ranges.ecosystem, {}, ranges.versions};
      bool had_git = false;
      for (const range::OsvRange& r : ranges.ranges) {
        if (r.type == "GIT") {
          had_git = true;
        } else {
          versioned.ranges.push_back(r);
        }
      }
      if (had_git && !versioned.ranges.empty()) {
        range::Evaluation by_version = range::EvaluateOsv(versioned, version);
        if (by_version.verdict != range::Verdict::kNotEvaluable) {
          whole = by_version;
          whole.reason += "; GIT ranges not evaluated (the component has a version, not a commit)";
        }
      }
    }
    e.verdict = std::string(range::VerdictName(whole.verdict));
    e.reason = whole.reason;
    // The deciding rule: the listed version, else the first range that
    // affects (or cannot be evaluated, or, for "not affected", all ranges).
    nlohmann::json rule;
    if (whole.verdict == range::Verdict::kAffected) {
      for (size_t i = 0; i < ranges.ranges.size() && rule.is_null(); ++i) {
        range::OsvAffected one{ranges.ecosystem, {ranges.ranges[i]}, {}};
        if (range::EvaluateOsv(one, version).verdict == range::Verdict::kAffected) {
          rule = RangeRule(a, i);
          for (const range::OsvEvent& ev : ranges.ranges[i].events) {
            if (ev.kind == range::OsvEvent::Kind::kFixed) fixed.push_back(ev.version);
          }
        }
      }
      if (rule.is_null()) {
        rule = {{"kind", "osv-versions"},
                {"ecosystem", a.ecosystem},
                {"package", a.name},
                {"version", version}};
      }
    } else {
      nlohmann::json all = nlohmann::json::array();
      for (size_t i = 0; i < ranges.ranges.size(); ++i) all.push_back(RangeRule(a, i));
      rule = {{"kind", "osv-affected"},
              {"ecosystem", a.ecosystem},
              {"package", a.name},
              {"ranges", all},
              {"versions_listed", a.ranges.versions.size()}};
    }
    if (by_purl && !by_name) rule["by"] = "purl";
    e.rule = std::move(rule);
    out.push_back(std::move(e));
  }
}

}  // namespace internal
}  // namespace soupkeeper::match
