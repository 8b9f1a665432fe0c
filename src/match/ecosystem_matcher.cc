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

  void RecordKeys(const vuln::Vulnerability& v, std::vector<std::string>& keys) const override {
    for (const vuln::PackageAffected& a : v.affected) {
      if (!a.ecosystem.empty() && !a.name.empty())
        keys.push_back(internal::OsvKey(a.ecosystem, a.name));
      if (a.purl.empty()) continue;
      auto p = purl::Parse(a.purl, purl::ParseMode::kLenient);
      if (p.ok()) keys.push_back(internal::PurlKey(*p));
    }
  }

  void ComponentKeys(const ComponentView& c, std::vector<std::string>& keys) const override {
    if (!c.purl) return;
    std::string_view eco = OsvEcosystemForPurlType(c.purl->type);
    if (eco.empty()) return;
    keys.push_back(internal::OsvKey(eco, OsvPackageName(*c.purl)));
    keys.push_back(internal::PurlKey(*c.purl));
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
