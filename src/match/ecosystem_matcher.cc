// The "ecosystem" matcher: purl-typed components (npm, PyPI, Maven, Go, ...)
// against OSV and CVE 5 affected data, by OSV ecosystem + package name and by
// package purl.
#include "match/internal.h"
#include "match/matchers.h"

namespace soupkeeper::match {
namespace {

class EcosystemMatcher final : public Matcher {
 public:
  std::string_view Name() const override { return "ecosystem"; }
  bool IsEcosystem() const override { return true; }

  // The distro matcher judges the same entries under the same keys.
  void RecordKeys(const vuln::Vulnerability& v, std::vector<IndexEntry>& entries) const override {
    for (const vuln::PackageAffected& a : v.affected) {
      std::optional<VersionBounds> bounds = internal::AffectedBounds(a);
      if (!a.ecosystem.empty() && !a.name.empty())
        entries.push_back({internal::OsvKey(a.ecosystem, a.name), bounds});
      if (a.purl.empty()) continue;
      auto p = purl::Parse(a.purl, purl::ParseMode::kLenient);
      if (p.ok()) entries.push_back({internal::PurlKey(*p), bounds});
    }
  }

  bool MatchesBeyondKeys(const vuln::Vulnerability&) const override { return false; }

  void ComponentKeys(const ComponentView& c, std::vector<std::string>& keys) const override {
    if (!c.purl) return;
    std::string_view eco = OsvEcosystemForPurlType(c.purl->type);
    if (eco.empty()) return;
    keys.push_back(internal::OsvKey(eco, OsvPackageName(*c.purl)));
    keys.push_back(internal::PurlKey(*c.purl));
  }

  void ProbeVersions(const ComponentView& c, VersionProbe& probe) const override {
    if (c.purl && !OsvEcosystemForPurlType(c.purl->type).empty()) {
      probe.osv.push_back(internal::ComponentVersion(c));
    }
  }

  void Match(const ComponentView& c, const Record& record, const MatchContext&,
             std::vector<Evidence>& out, std::vector<std::string>& fixed) const override {
    if (!c.purl) return;
    std::string_view eco = OsvEcosystemForPurlType(c.purl->type);
    if (eco.empty()) return;
    std::string version = internal::ComponentVersion(c);
    nlohmann::json fields = {{"purl", c.component->purl}, {"version", version}};
    internal::EvaluateAffected(record, {std::string(eco)}, OsvPackageName(*c.purl),
                               internal::PurlKey(*c.purl), version, Name(), fields, out, fixed);
  }
};

}  // namespace

std::unique_ptr<Matcher> NewEcosystemMatcher() { return std::make_unique<EcosystemMatcher>(); }

}  // namespace soupkeeper::match
