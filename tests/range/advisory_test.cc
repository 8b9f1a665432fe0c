// Unit tests of OSV range evaluation and NVD cpeMatch bounds. Expected
// verdicts follow the OSV schema's evaluation algorithm and the NVD CPE
// Match field definitions, worked out by hand.
#include <gtest/gtest.h>

#include "soupkeeper/range.h"

namespace soupkeeper::range {
namespace {

using Kind = OsvEvent::Kind;

OsvAffected PyPi(std::vector<OsvEvent> events, std::vector<std::string> versions = {}) {
  return OsvAffected{"PyPI", {OsvRange{"ECOSYSTEM", std::move(events)}}, std::move(versions)};
}

Verdict Eval(const OsvAffected& a, std::string_view v) { return EvaluateOsv(a, v).verdict; }

TEST(Osv, IntroducedFixed) {
  OsvAffected a = PyPi({{Kind::kIntroduced, "0"}, {Kind::kFixed, "1.2"}});
  EXPECT_EQ(Eval(a, "0.1"), Verdict::kAffected);
  EXPECT_EQ(Eval(a, "1.2rc1"), Verdict::kAffected);  // PEP 440: rc before release
  EXPECT_EQ(Eval(a, "1.2"), Verdict::kNotAffected);
  EXPECT_EQ(Eval(a, "1.2.0"), Verdict::kNotAffected);
  EXPECT_EQ(Eval(a, "2.0"), Verdict::kNotAffected);
}

TEST(Osv, EventsAreSortedAndSeveralIntervals) {
  // Written out of order on purpose: [1.0, 1.5) and [2.0, 2.3].
  OsvAffected a = PyPi({{Kind::kLastAffected, "2.3"},
                        {Kind::kIntroduced, "2.0"},
                        {Kind::kFixed, "1.5"},
                        {Kind::kIntroduced, "1.0"}});
  EXPECT_EQ(Eval(a, "0.9"), Verdict::kNotAffected);
  EXPECT_EQ(Eval(a, "1.0"), Verdict::kAffected);
  EXPECT_EQ(Eval(a, "1.4.9"), Verdict::kAffected);
  EXPECT_EQ(Eval(a, "1.5"), Verdict::kNotAffected);
  EXPECT_EQ(Eval(a, "1.9"), Verdict::kNotAffected);
  EXPECT_EQ(Eval(a, "2.3"), Verdict::kAffected);
  EXPECT_EQ(Eval(a, "2.3.post1"), Verdict::kNotAffected);
  auto vers = OsvRangeToVers("PyPI", a.ranges[0]);
  ASSERT_TRUE(vers.ok()) << vers.status().message();
  EXPECT_EQ(vers->Canonical(), "vers:pypi/>=1.0|<1.5|>=2.0|<=2.3");
}

TEST(Osv, OpenEndedAndLimit) {
  OsvAffected open = PyPi({{Kind::kIntroduced, "3.0"}});
  EXPECT_EQ(Eval(open, "99"), Verdict::kAffected);
  EXPECT_EQ(Eval(open, "2.9"), Verdict::kNotAffected);
  OsvAffected limited = PyPi({{Kind::kIntroduced, "0"}, {Kind::kLimit, "2.0"}});
  EXPECT_EQ(Eval(limited, "1.9"), Verdict::kAffected);
  EXPECT_EQ(Eval(limited, "2.0"), Verdict::kNotAffected);
  OsvAffected all = PyPi({{Kind::kIntroduced, "0"}});
  EXPECT_EQ(OsvRangeToVers("PyPI", all.ranges[0])->Canonical(), "vers:pypi/*");
}

TEST(Osv, VersionsListAndSeveralRanges) {
  OsvAffected a = PyPi({{Kind::kIntroduced, "1.0"}, {Kind::kFixed, "1.1"}}, {"0.5", "0.7"});
  a.ranges.push_back(OsvRange{"ECOSYSTEM", {{Kind::kIntroduced, "3.0"}, {Kind::kFixed, "3.1"}}});
  EXPECT_EQ(Eval(a, "0.5"), Verdict::kAffected);
  EXPECT_EQ(Eval(a, "0.7.0"), Verdict::kAffected);  // equal under PEP 440
  EXPECT_EQ(Eval(a, "0.6"), Verdict::kNotAffected);
  EXPECT_EQ(Eval(a, "3.0.5"), Verdict::kAffected);
  EXPECT_EQ(Eval(a, "2.0"), Verdict::kNotAffected);
}

// Listed texts equal but for case are one version only where the
// ecosystem's scheme reads versions ignoring case (PEP 440 for PyPI), also
// for legacy texts no scheme parses (PYSEC-2019-102's Limnoria versions).
TEST(Osv, ListedVersionsIgnoreCaseOnlyWhereTheSchemeDoes) {
  OsvAffected pypi{"PyPI", {}, {"2013-01-21T20:33:09+0100", "1.0RC1"}};
  EXPECT_EQ(Eval(pypi, "2013-01-21t20:33:09+0100"), Verdict::kAffected);
  EXPECT_EQ(Eval(pypi, "1.0rc1"), Verdict::kAffected);
  EXPECT_EQ(Eval(pypi, "2013-01-21t20:33:10+0100"), Verdict::kNotAffected);
  // SemVer pre-release identifiers compare case-sensitively.
  OsvAffected npm{"npm", {}, {"1.0.0-Beta"}};
  EXPECT_EQ(Eval(npm, "1.0.0-Beta"), Verdict::kAffected);
  EXPECT_EQ(Eval(npm, "1.0.0-beta"), Verdict::kNotAffected);
  // An unparsable Go text is compared as written.
  OsvAffected go{"Go", {}, {"LEGACY-1"}};
  EXPECT_EQ(Eval(go, "LEGACY-1"), Verdict::kAffected);
  EXPECT_EQ(Eval(go, "legacy-1"), Verdict::kNotAffected);
}

TEST(Osv, SemverType) {
  OsvAffected a{
      "Go", {OsvRange{"SEMVER", {{Kind::kIntroduced, "0"}, {Kind::kFixed, "1.2.3"}}}}, {}};
  EXPECT_EQ(Eval(a, "1.2.3-rc.1"), Verdict::kAffected);
  EXPECT_EQ(Eval(a, "v1.2.2"), Verdict::kAffected);
  EXPECT_EQ(Eval(a, "1.2.3"), Verdict::kNotAffected);
}

TEST(Osv, NeverSilentlyTrueOrFalse) {
  OsvAffected git{"", {OsvRange{"GIT", {{Kind::kIntroduced, "0"}, {Kind::kFixed, "abc123"}}}}, {}};
  Evaluation e = EvaluateOsv(git, "1.0.0");
  EXPECT_EQ(e.verdict, Verdict::kNotEvaluable);
  EXPECT_NE(e.reason.find("GIT ranges name commits"), std::string::npos) << e.reason;

  OsvAffected unknown{"NoSuchEcosystem", {OsvRange{"ECOSYSTEM", {{Kind::kIntroduced, "0"}}}}, {}};
  e = EvaluateOsv(unknown, "1.0");
  EXPECT_EQ(e.verdict, Verdict::kNotEvaluable);
  EXPECT_NE(e.reason.find("no version scheme registered for OSV ecosystem 'NoSuchEcosystem'"),
            std::string::npos);

  OsvAffected a = PyPi({{Kind::kIntroduced, "0"}, {Kind::kFixed, "1.0"}});
  e = EvaluateOsv(a, "not a version");
  EXPECT_EQ(e.verdict, Verdict::kNotEvaluable);
  EXPECT_NE(e.reason.find("ranges[0] (ECOSYSTEM)"), std::string::npos) << e.reason;

  // A GIT range beside an ECOSYSTEM range that matches: affected.
  a.ranges.push_back(git.ranges[0]);
  EXPECT_EQ(Eval(a, "0.5"), Verdict::kAffected);
  // ... and one that does not match: not evaluable, not "not affected".
  EXPECT_EQ(Eval(a, "1.5"), Verdict::kNotEvaluable);
  EXPECT_EQ(VerdictName(Verdict::kNotEvaluable), "not_evaluable");
}

TEST(Nvd, CpeMatchBounds) {
  CpeMatchBounds b;
  b.criteria_version = "*";
  b.start_including = "2.4.0";
  b.end_excluding = "2.4.50";
  auto r = CpeMatchToVers(b);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->Canonical(), "vers:generic/>=2.4.0|<2.4.50");
  EXPECT_EQ(EvaluateCpeMatch(b, "2.4.49").verdict, Verdict::kAffected);
  EXPECT_EQ(EvaluateCpeMatch(b, "2.4.50").verdict, Verdict::kNotAffected);
  EXPECT_EQ(EvaluateCpeMatch(b, "2.3.9").verdict, Verdict::kNotAffected);

  CpeMatchBounds exact{"1.1.1k", "", "", "", ""};
  EXPECT_EQ(CpeMatchToVers(exact)->Canonical(), "vers:generic/1.1.1k");
  EXPECT_EQ(EvaluateCpeMatch(exact, "1.1.1k").verdict, Verdict::kAffected);
  EXPECT_EQ(EvaluateCpeMatch(exact, "1.1.1l").verdict, Verdict::kNotAffected);

  CpeMatchBounds any{"*", "", "", "", ""};
  EXPECT_EQ(CpeMatchToVers(any)->Canonical(), "vers:generic/*");

  CpeMatchBounds na{"-", "", "", "", ""};
  EXPECT_EQ(EvaluateCpeMatch(na, "1.0").verdict, Verdict::kNotEvaluable);

  CpeMatchBounds both{"*", "1.0", "1.0", "", ""};
  EXPECT_EQ(CpeMatchToVers(both).status().code(), StatusCode::kInvalidArgument);

  // With a chosen scheme: semver orders prereleases below the release.
  CpeMatchBounds sem{"*", "", "", "", "2.0.0"};
  EXPECT_EQ(EvaluateCpeMatch(sem, "2.0.0-rc.1", "semver").verdict, Verdict::kAffected);
  EXPECT_EQ(EvaluateCpeMatch(sem, "2.0", "semver").verdict, Verdict::kNotEvaluable);
}

}  // namespace
}  // namespace soupkeeper::range
