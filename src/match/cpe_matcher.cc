// The "cpe" and "derived-cpe" matchers: components with a CPE (declared, or
// derived from name and supplier when the component has neither purl nor
// CPE) against NVD configurations.
//
// A configuration is evaluated in three-valued logic (affected, not
// affected, not evaluable) over its nodes (AND/OR, negate). A vulnerable
// cpeMatch is tested against the component: every attribute but the version
// must fit (an ANY attribute of the component fits anything), and the version
// must lie in the cpeMatch bounds (range::EvaluateCpeMatch, ordered by the
// component's scheme). A non-vulnerable cpeMatch of an AND configuration is a
// platform ("running on/with"), tested against the whole SBOM: "present" when
// a component's CPE fits it, "absent" when the SBOM declares CPEs of that
// part (a/o/h) and none fits, "unknown" otherwise. Present and unknown
// platforms let the configuration match; the evidence says which.
#include "core/text.h"
#include "match/internal.h"
#include "match/matchers.h"
#include "soupkeeper/cpe.h"
#include "soupkeeper/range.h"
#include "soupkeeper/version.h"

namespace soupkeeper::match {
namespace {

enum class Tri { kTrue, kFalse, kUnknown };

Tri And(Tri a, Tri b) {
  if (a == Tri::kFalse || b == Tri::kFalse) return Tri::kFalse;
  if (a == Tri::kUnknown || b == Tri::kUnknown) return Tri::kUnknown;
  return Tri::kTrue;
}
Tri Or(Tri a, Tri b) {
  if (a == Tri::kTrue || b == Tri::kTrue) return Tri::kTrue;
  if (a == Tri::kUnknown || b == Tri::kUnknown) return Tri::kUnknown;
  return Tri::kFalse;
}
Tri Not(Tri a) { return a == Tri::kTrue ? Tri::kFalse : a == Tri::kFalse ? Tri::kTrue : a; }

// The vers type whose ordering compares the component's versions.
std::string VersType(const ComponentView& c, const cpe::Wfn& target) {
  if (text::EqualsIgnoreAsciiCase(target.vendor().Unquoted(), "openssl") &&
      text::EqualsIgnoreAsciiCase(target.product().Unquoted(), "openssl")) {
    return "openssl";
  }
  if (c.purl && range::SchemeForVersType(c.purl->type) != nullptr) return c.purl->type;
  return "generic";
}

// Every attribute of `criteria` but the version fits `target`.
bool AttributesFit(const cpe::Wfn& criteria, const cpe::Wfn& target) {
  for (size_t i = 0; i < cpe::kAttributeCount; ++i) {
    auto a = static_cast<cpe::Attribute>(i);
    if (a == cpe::Attribute::kVersion) continue;
    const cpe::Value& t = target.Get(a);
    if (t.is_any()) continue;
    cpe::Relation r = cpe::CompareValues(criteria.Get(a), t);
    if (r != cpe::Relation::kSuperset && r != cpe::Relation::kEqual) return false;
  }
  return true;
}

// A vendor or product that fits only itself (no ANY, NA or wildcard): keys
// are built from those.
bool Plain(const cpe::Value& v) { return v.is_string() && !v.has_wildcards(); }

// True when `config` is false whatever its platforms whenever all of its
// vulnerable cpeMatches are: then it concerns a component only through a
// vulnerable cpeMatch whose bounds hold its version.
bool FalseWithoutVulnerable(const vuln::Configuration& config) {
  if (config.negate) return false;
  Tri whole = config.op == "AND" ? Tri::kTrue : Tri::kFalse;
  for (const vuln::ConfigNode& node : config.nodes) {
    if (node.negate) return false;
    Tri n = node.op == "AND" ? Tri::kTrue : Tri::kFalse;
    for (const vuln::CpeMatch& m : node.matches) {
      Tri t = m.vulnerable ? Tri::kFalse : Tri::kTrue;
      n = node.op == "AND" ? And(n, t) : Or(n, t);
    }
    whole = config.op == "AND" ? And(whole, n) : Or(whole, n);
  }
  return whole == Tri::kFalse;
}

// The bounds TestMatch evaluates `m` by; nullopt when every version fits
// (no bounds, criteria version ANY) or none is meant (NA, judged apart).
std::optional<VersionBounds> MatchBounds(const vuln::CpeMatch& m, const cpe::Wfn& criteria) {
  range::CpeMatchBounds b = m.bounds;
  bool no_bounds = b.start_including.empty() && b.start_excluding.empty() &&
                   b.end_including.empty() && b.end_excluding.empty();
  if (no_bounds && !criteria.version().is_string()) return std::nullopt;
  b.criteria_version = criteria.version().is_any() ? "" : criteria.version().Unquoted();
  return VersionBounds{{}, {std::move(b)}};
}

struct Candidate {
  cpe::Wfn wfn;
  std::string text;
  std::string version;
};

// One cpeMatch against one candidate CPE.
range::Evaluation TestMatch(const vuln::CpeMatch& m, const ComponentView& c,
                            const Candidate& cand) {
  auto criteria = cpe::Parse(m.criteria);
  if (!criteria.ok()) return {range::Verdict::kNotAffected, "criteria does not parse"};
  if (!AttributesFit(*criteria, cand.wfn)) return {range::Verdict::kNotAffected, "other product"};
  range::CpeMatchBounds bounds = m.bounds;
  bounds.criteria_version = criteria->version().Unquoted();
  bool no_bounds = bounds.start_including.empty() && bounds.start_excluding.empty() &&
                   bounds.end_including.empty() && bounds.end_excluding.empty();
  if (no_bounds && criteria->version().is_na()) {
    // "-": not applicable; only a name without a version fits.
    return cand.wfn.version().is_na()
               ? range::Evaluation{range::Verdict::kAffected, "version not applicable (-)"}
               : range::Evaluation{range::Verdict::kNotAffected, "criteria version is -"};
  }
  const std::string vers_type = VersType(c, cand.wfn);
  range::Evaluation e = range::EvaluateCpeMatch(bounds, cand.version, vers_type);
  if (e.verdict != range::Verdict::kNotEvaluable || !c.purl) return e;
  // A distribution's version ("1.1.1o-r0", "1:1.1.0l-1~deb9u3") that the
  // product's scheme cannot read: its upstream part (VersionScheme::Upstream
  // of the purl type's scheme: deb, rpm, apk and "alpine", older tools' name
  // of the apk type) decides when it lies outside the bounds (a
  // distribution's patches only remove flaws); inside, only the distribution
  // can say whether a fix was backported.
  const version::VersionScheme* distro = version::SchemeForPurlType(c.purl->type);
  if (distro == nullptr) return e;
  auto parsed = distro->Parse(cand.version);
  if (!parsed.ok()) return e;
  std::optional<std::string_view> upstream_part = distro->Upstream(**parsed);
  if (!upstream_part) return e;
  const std::string upstream(*upstream_part);
  range::Evaluation up = range::EvaluateCpeMatch(bounds, upstream, vers_type);
  if (up.verdict == range::Verdict::kNotAffected) {
    return {range::Verdict::kNotAffected,
            "upstream version " + upstream + " of " + cand.version + " is outside the bounds"};
  }
  if (up.verdict == range::Verdict::kAffected) {
    e.reason = "upstream version " + upstream + " of " + cand.version +
               " is within the bounds; whether the distribution backported the fix only its "
               "advisories say (" +
               e.reason + ")";
  }
  return e;
}

std::vector<Candidate> Candidates(const std::vector<std::string>& texts, const ComponentView& c) {
  std::vector<Candidate> out;
  for (const std::string& t : texts) {
    auto w = cpe::Parse(t);
    if (!w.ok()) continue;
    std::string version = w->version().is_string() ? w->version().Unquoted() : "";
    if (version.empty() || version == "*") version = internal::ComponentVersion(c);
    out.push_back({*w, t, version});
  }
  return out;
}

// Platform presence of `criteria` in the SBOM.
std::string PlatformState(const std::string& criteria_text, const MatchContext& ctx,
                          std::string* present_ref) {
  auto criteria = cpe::Parse(criteria_text);
  if (!criteria.ok()) return "unknown";
  bool part_declared = false;
  for (const ComponentView& other : ctx.components) {
    if (other.cpe.empty()) continue;
    auto w = cpe::Parse(other.cpe);
    if (!w.ok()) continue;
    if (w->part() == criteria->part()) part_declared = true;
    vuln::CpeMatch m;
    m.criteria = criteria_text;
    std::vector<Candidate> cands = Candidates({other.cpe}, other);
    if (!cands.empty() && TestMatch(m, other, cands[0]).verdict == range::Verdict::kAffected) {
      *present_ref = other.component->ref.empty() ? other.component->name : other.component->ref;
      return "present";
    }
  }
  return part_declared ? "absent" : "unknown";
}

class CpeMatcher final : public Matcher {
 public:
  explicit CpeMatcher(bool derived) : derived_(derived) {}
  std::string_view Name() const override { return derived_ ? "derived-cpe" : "cpe"; }
  bool IsEcosystem() const override { return false; }

  void RecordKeys(const vuln::Vulnerability& v, std::vector<IndexEntry>& entries) const override {
    if (derived_) return;  // the same keys as "cpe"
    for (const vuln::Configuration& config : v.configurations) {
      const bool bounded = FalseWithoutVulnerable(config);
      for (const vuln::ConfigNode& node : config.nodes) {
        for (const vuln::CpeMatch& m : node.matches) {
          if (!m.vulnerable) continue;
          auto w = cpe::Parse(m.criteria);
          if (!w.ok()) continue;
          entries.push_back({internal::CpeKey(w->vendor().Unquoted(), w->product().Unquoted()),
                             bounded ? MatchBounds(m, *w) : std::nullopt});
        }
      }
    }
  }

  // A vulnerable criteria whose vendor or product is not plain fits
  // components of other keys.
  bool MatchesBeyondKeys(const vuln::Vulnerability& v) const override {
    for (const vuln::Configuration& config : v.configurations) {
      for (const vuln::ConfigNode& node : config.nodes) {
        for (const vuln::CpeMatch& m : node.matches) {
          if (!m.vulnerable) continue;
          auto w = cpe::Parse(m.criteria);
          if (w.ok() && (!Plain(w->vendor()) || !Plain(w->product()))) return true;
        }
      }
    }
    return false;
  }

  void ComponentKeys(const ComponentView& c, std::vector<std::string>& keys) const override {
    for (const Candidate& cand : Candidates(Texts(c), c)) {
      keys.push_back(internal::CpeKey(cand.wfn.vendor().Unquoted(), cand.wfn.product().Unquoted()));
    }
  }

  // A candidate that is not plain fits criteria of other keys: any version.
  void ProbeVersions(const ComponentView& c, VersionProbe& probe) const override {
    for (const Candidate& cand : Candidates(Texts(c), c)) {
      if (Plain(cand.wfn.vendor()) && Plain(cand.wfn.product())) {
        probe.cpe.push_back({cand.version, VersType(c, cand.wfn)});
      } else {
        probe.any = true;
      }
    }
  }

  void Match(const ComponentView& c, const Record& record, const MatchContext& ctx,
             std::vector<Evidence>& out, std::vector<std::string>&) const override {
    std::vector<Candidate> cands = Candidates(Texts(c), c);
    for (const Candidate& cand : cands) {
      for (const vuln::Configuration& config : record.v.configurations) {
        Evaluate(c, cand, record, config, ctx, out);
      }
    }
  }

 private:
  std::vector<std::string> Texts(const ComponentView& c) const {
    if (derived_) return c.derived_cpes;
    if (c.cpe.empty()) return {};
    return {c.cpe};
  }

  void Evaluate(const ComponentView& c, const Candidate& cand, const Record& record,
                const vuln::Configuration& config, const MatchContext& ctx,
                std::vector<Evidence>& out) const {
    Tri whole = config.op == "AND" ? Tri::kTrue : Tri::kFalse;
    nlohmann::json deciding;  // the vulnerable cpeMatch that fit
    nlohmann::json platforms = nlohmann::json::array();
    std::string reason;
    bool concerns = false;  // a vulnerable cpeMatch names the component's product
    std::string platform_state;
    for (const vuln::ConfigNode& node : config.nodes) {
      Tri n = node.op == "AND" ? Tri::kTrue : Tri::kFalse;
      for (const vuln::CpeMatch& m : node.matches) {
        Tri t;
        if (m.vulnerable) {
          range::Evaluation e = TestMatch(m, c, cand);
          if (e.reason != "other product" && e.reason != "criteria does not parse") concerns = true;
          t = e.verdict == range::Verdict::kAffected      ? Tri::kTrue
              : e.verdict == range::Verdict::kNotAffected ? Tri::kFalse
                                                          : Tri::kUnknown;
          if (t != Tri::kFalse && deciding.is_null()) {
            deciding = {{"criteria", m.criteria},
                        {"vulnerable", true},
                        {"version_start_including", m.bounds.start_including},
                        {"version_start_excluding", m.bounds.start_excluding},
                        {"version_end_including", m.bounds.end_including},
                        {"version_end_excluding", m.bounds.end_excluding}};
            reason = e.reason;
          }
        } else {
          std::string ref;
          std::string state = PlatformState(m.criteria, ctx, &ref);
          nlohmann::json p = {{"criteria", m.criteria}, {"state", state}};
          if (!ref.empty()) p["component"] = ref;
          platforms.push_back(p);
          t = state == "absent" ? Tri::kFalse : Tri::kTrue;
          if (state == "present" || platform_state.empty()) platform_state = state;
        }
        n = node.op == "AND" ? And(n, t) : Or(n, t);
      }
      if (node.negate) n = Not(n);
      whole = config.op == "AND" ? And(whole, n) : Or(whole, n);
    }
    if (config.negate) whole = Not(whole);
    if (!concerns) return;
    Evidence e;
    e.matcher = Name();
    e.source = record.v.provenance.source;
    e.record_id =
        record.v.provenance.source_id.empty() ? record.v.id : record.v.provenance.source_id;
    e.verdict = whole == Tri::kTrue    ? "affected"
                : whole == Tri::kFalse ? "not_affected"
                                       : "not_evaluable";
    nlohmann::json rule = {{"kind", "cpe-configuration"}, {"operator", config.op}};
    if (config.negate) rule["negate"] = true;
    if (!deciding.is_null()) {
      for (auto it = deciding.begin(); it != deciding.end();) {
        if (it->is_string() && it->get<std::string>().empty()) {
          it = deciding.erase(it);
        } else {
          ++it;
        }
      }
      rule["match"] = deciding;
    }
    if (!platforms.empty()) {
      rule["platforms"] = platforms;
      rule["platform"] = platform_state;
      if (e.verdict != "not_affected") {
        reason += (reason.empty() ? "" : "; ") + std::string("platform ") + platform_state +
                  (platform_state == "unknown" ? " (the SBOM declares no CPE of its kind)"
                                               : " in the SBOM");
      }
    }
    e.reason = reason.empty() ? "no cpeMatch of the configuration fits" : reason;
    e.rule = std::move(rule);
    e.component_fields = {{derived_ ? "derived_cpe" : "cpe", cand.text}, {"version", cand.version}};
    if (derived_) {
      e.component_fields["name"] = c.component->name;
      if (c.component->supplier) e.component_fields["supplier"] = c.component->supplier->name;
    }
    out.push_back(std::move(e));
  }

  bool derived_;
};

}  // namespace

std::unique_ptr<Matcher> NewCpeMatcher() { return std::make_unique<CpeMatcher>(false); }
std::unique_ptr<Matcher> NewDerivedCpeMatcher() { return std::make_unique<CpeMatcher>(true); }

}  // namespace soupkeeper::match
