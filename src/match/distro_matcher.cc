// The "distro" matcher: deb, rpm and apk purls whose distro qualifier names a
// release, against the OSV records of that release ("Debian:12",
// "Alpine:v3.19"), by binary package and by source package (qualifier
// `upstream` or `source`, "name" or "name@version"). Distribution advisories
// are written per source package, so the source name usually decides.
#include "match/internal.h"
#include "match/matchers.h"

namespace soupkeeper::match {
namespace {

struct Package {
  std::string name, version, role;  // role "binary" or "source"
};

std::vector<Package> Packages(const ComponentView& c) {
  std::vector<Package> out;
  if (!c.purl) return out;
  const purl::Purl& p = *c.purl;
  std::string version = internal::ComponentVersion(c);
  out.push_back({p.name, version, "binary"});
  for (const char* key : {"upstream", "source"}) {
    const std::string* q = p.FindQualifier(key);
    if (q == nullptr) continue;
    size_t at = q->find('@');
    std::string name = q->substr(0, at);
    std::string v = at == std::string::npos ? version : q->substr(at + 1);
    if (!name.empty() && name != p.name) out.push_back({name, v, "source"});
    break;
  }
  return out;
}

class DistroMatcher final : public Matcher {
 public:
  std::string_view Name() const override { return "distro"; }
  bool IsEcosystem() const override { return true; }

  // The ecosystem matcher indexes every "osv:<ecosystem>:<name>" already,
  // with the bounds this one judges too.
  void RecordKeys(const vuln::Vulnerability&, std::vector<IndexEntry>&) const override {}
  bool MatchesBeyondKeys(const vuln::Vulnerability&) const override { return false; }

  void ComponentKeys(const ComponentView& c, std::vector<std::string>& keys) const override {
    if (!c.purl) return;
    for (const std::string& eco : DistroEcosystems(*c.purl)) {
      for (const Package& pkg : Packages(c)) keys.push_back(internal::OsvKey(eco, pkg.name));
    }
  }

  void ProbeVersions(const ComponentView& c, VersionProbe& probe) const override {
    if (!c.purl || DistroEcosystems(*c.purl).empty()) return;
    for (const Package& pkg : Packages(c)) probe.osv.push_back(pkg.version);
  }

  void Match(const ComponentView& c, const Record& record, const MatchContext&,
             std::vector<Evidence>& out, std::vector<std::string>& fixed) const override {
    if (!c.purl) return;
    std::vector<std::string> ecosystems = DistroEcosystems(*c.purl);
    if (ecosystems.empty()) return;
    const std::string* distro = c.purl->FindQualifier("distro");
    for (const Package& pkg : Packages(c)) {
      nlohmann::json fields = {{"purl", c.component->purl},       {"package", pkg.name},
                               {"package_role", pkg.role},        {"version", pkg.version},
                               {"distro", distro ? *distro : ""}, {"ecosystems", ecosystems}};
      internal::EvaluateAffected(record, ecosystems, pkg.name, "", pkg.version, Name(), fields, out,
                                 fixed);
    }
  }
};

}  // namespace

std::unique_ptr<Matcher> NewDistroMatcher() { return std::make_unique<DistroMatcher>(); }

}  // namespace soupkeeper::match
