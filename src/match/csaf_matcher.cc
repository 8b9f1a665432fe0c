// The "csaf" matcher: CSAF product status (known_affected, fixed, ...) for
// components identified by purl (same package and version), CPE (the
// product's CPE fits the component's), or product name + version (the CSAF
// full product name equals "<name> <version>", ASCII case-insensitive).
#include "core/text.h"
#include "match/internal.h"
#include "match/matchers.h"
#include "soupkeeper/cpe.h"

namespace soupkeeper::match {
namespace {

std::string NameKey(std::string_view name) { return "csaf-name:" + text::ToAsciiLower(name); }

std::string Verdict(const std::string& status) {
  if (status == "known_affected" || status == "first_affected" || status == "last_affected") {
    return "affected";
  }
  if (status == "under_investigation") return "under_investigation";
  return "not_affected";  // known_not_affected, fixed, first_fixed, last_fixed, recommended
}

std::vector<std::string> ComponentNames(const ComponentView& c) {
  std::vector<std::string> out;
  const sbom::Component& comp = *c.component;
  if (comp.version.empty()) return out;
  out.push_back(comp.name + " " + comp.version);
  if (comp.supplier && !comp.supplier->name.empty()) {
    out.push_back(comp.supplier->name + " " + comp.name + " " + comp.version);
  }
  return out;
}

class CsafMatcher final : public Matcher {
 public:
  std::string_view Name() const override { return "csaf"; }
  bool IsEcosystem() const override { return false; }

  // A product names its version in its own way (purl, CPE, full name): no
  // bounds.
  void RecordKeys(const vuln::Vulnerability& v, std::vector<IndexEntry>& entries) const override {
    for (const vuln::ProductStatus& p : v.products) {
      if (!p.purl.empty()) {
        auto u = purl::Parse(p.purl, purl::ParseMode::kLenient);
        if (u.ok()) entries.push_back({internal::PurlKey(*u), std::nullopt});
      }
      if (!p.cpe.empty()) {
        auto w = cpe::Parse(p.cpe);
        if (w.ok()) {
          entries.push_back(
              {internal::CpeKey(w->vendor().Unquoted(), w->product().Unquoted()), std::nullopt});
        }
      }
      if (!p.name.empty()) entries.push_back({NameKey(p.name), std::nullopt});
    }
  }

  // A product CPE with wildcards fits components of other keys.
  bool MatchesBeyondKeys(const vuln::Vulnerability& v) const override {
    return !v.products.empty();
  }

  void ComponentKeys(const ComponentView& c, std::vector<std::string>& keys) const override {
    if (c.purl) keys.push_back(internal::PurlKey(*c.purl));
    if (!c.cpe.empty()) {
      auto w = cpe::Parse(c.cpe);
      if (w.ok()) keys.push_back(internal::CpeKey(w->vendor().Unquoted(), w->product().Unquoted()));
    }
    for (const std::string& n : ComponentNames(c)) keys.push_back(NameKey(n));
  }

  void ProbeVersions(const ComponentView&, VersionProbe&) const override {}

  void Match(const ComponentView& c, const Record& record, const MatchContext&,
             std::vector<Evidence>& out, std::vector<std::string>&) const override {
    std::string version = internal::ComponentVersion(c);
    std::vector<std::string> names = ComponentNames(c);
    for (const vuln::ProductStatus& p : record.v.products) {
      std::string by;
      nlohmann::json fields;
      if (c.purl && !p.purl.empty()) {
        auto u = purl::Parse(p.purl, purl::ParseMode::kLenient);
        if (u.ok() && internal::PurlKey(*u) == internal::PurlKey(*c.purl) &&
            (u->version.empty() || u->version == version)) {
          by = "purl";
          fields = {{"purl", c.component->purl}};
        }
      }
      if (by.empty() && !c.cpe.empty() && !p.cpe.empty()) {
        auto pw = cpe::Parse(p.cpe);
        auto cw = cpe::Parse(c.cpe);
        if (pw.ok() && cw.ok() && cpe::Matches(*pw, *cw)) {
          by = "cpe";
          fields = {{"cpe", c.cpe}};
        }
      }
      if (by.empty() && !p.name.empty()) {
        for (const std::string& n : names) {
          if (text::EqualsIgnoreAsciiCase(n, p.name)) {
            by = "name";
            fields = {{"name", c.component->name}, {"version", c.component->version}};
          }
        }
      }
      if (by.empty()) continue;
      Evidence e;
      e.matcher = Name();
      e.source = record.v.provenance.source;
      e.record_id =
          record.v.advisory_id.empty() ? record.v.provenance.source_id : record.v.advisory_id;
      e.verdict = Verdict(p.status);
      e.reason = "CSAF product " + p.product_id + " (" + p.name + ") is " + p.status;
      e.rule = {{"kind", "csaf-product"},
                {"product_id", p.product_id},
                {"product_name", p.name},
                {"status", p.status},
                {"by", by}};
      for (const vuln::Flag& f : record.v.flags) {
        for (const std::string& id : f.product_ids) {
          if (id == p.product_id) e.rule["justification"] = f.label;
        }
      }
      e.component_fields = fields;
      out.push_back(std::move(e));
    }
  }
};

}  // namespace

std::unique_ptr<Matcher> NewCsafMatcher() { return std::make_unique<CsafMatcher>(); }

}  // namespace soupkeeper::match
