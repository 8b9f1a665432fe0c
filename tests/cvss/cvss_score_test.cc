// Known answers, each derived by hand from the specification's equations
// (weights and steps noted beside it), and the severity scales.
#include <gtest/gtest.h>

#include "soupkeeper/cvss.h"

namespace soupkeeper::cvss {
namespace {

Scores ScoresOf(std::string_view text) {
  auto s = ParseAndCalculate(text);
  EXPECT_TRUE(s.ok()) << text << ": " << s.status().message();
  return s.ok() ? *s : Scores{};
}

double Base(std::string_view text) { return ScoresOf(text).base.value; }

TEST(CvssV2, NvdHeartbleed) {
  // CVE-2014-0160 at NVD: Impact = 10.41 x 0.275 = 2.86275; Exploitability =
  // 20 x 1.0 x 0.71 x 0.704 = 9.9968; (0.6 x 2.86275 + 0.4 x 9.9968 - 1.5) x 1.176
  // = 4.9584... -> 5.0.
  Scores s = ScoresOf("(AV:N/AC:L/Au:N/C:P/I:N/A:N)");
  EXPECT_EQ(s.version, Version::kV2_0);
  EXPECT_EQ(s.base.value, 5.0);
  EXPECT_EQ(s.base.rating, Rating::kMedium);
  EXPECT_FALSE(s.has_temporal_metrics);
  EXPECT_FALSE(s.has_environmental_metrics);
  EXPECT_FALSE(s.nomenclature);
  // The equations with Not Defined metrics give back the Base score.
  EXPECT_EQ(s.temporal->value, 5.0);
  EXPECT_EQ(s.environmental->value, 5.0);
}

TEST(CvssV2, GuideExampleCve20020392) {
  // CVSS v2 guide, section 3.3.1 (Apache chunked encoding): Impact = 10.41 x
  // 0.66 = 6.8706; base (4.12236 + 3.99872 - 1.5) x 1.176 = 7.786 -> 7.8;
  // temporal 7.8 x 0.95 x 0.87 = 6.4467 -> 6.4.
  Scores s = ScoresOf("AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C");
  EXPECT_EQ(s.base.value, 7.8);
  ASSERT_TRUE(s.temporal);
  EXPECT_EQ(s.temporal->value, 6.4);
  EXPECT_TRUE(s.has_temporal_metrics);
  EXPECT_FALSE(s.has_environmental_metrics);
  // Environmental with CDP:H/TD:H/AR:H: AdjustedImpact = min(10, 10.41 x 0.9966)
  // = 10; adjusted base (6 + 3.99872 - 1.5) x 1.176 = 9.994 -> 10.0; adjusted
  // temporal 10 x 0.95 x 0.87 = 8.265 -> 8.3; (8.3 + 1.7 x 0.5) x 1.0 = 9.15 -> 9.2
  // (rounded half up on the exact decimal).
  s = ScoresOf("AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:H");
  ASSERT_TRUE(s.environmental);
  EXPECT_EQ(s.environmental->value, 9.2);
  EXPECT_EQ(s.environmental->rating, Rating::kHigh);
  // TD:N makes the Environmental score 0.
  s = ScoresOf("AV:N/AC:L/Au:N/C:N/I:N/A:C/TD:N");
  ASSERT_TRUE(s.environmental);
  EXPECT_EQ(s.environmental->value, 0.0);
}

TEST(CvssV2, NoImpactIsZeroAndLow) {
  Scores s = ScoresOf("AV:N/AC:L/Au:N/C:N/I:N/A:N");
  EXPECT_EQ(s.base.value, 0.0);
  EXPECT_EQ(s.base.rating, Rating::kLow);  // NVD's v2 scale starts Low at 0.0
}

TEST(CvssV2, NotDefinedOnlyHasNoTemporal) {
  Scores s = ScoresOf("AV:N/AC:L/Au:N/C:P/I:N/A:N/E:ND/RL:ND/RC:ND/CDP:ND");
  EXPECT_FALSE(s.has_temporal_metrics);
  EXPECT_FALSE(s.has_environmental_metrics);
}

TEST(CvssV3, Heartbleed31) {
  // ISS = 1 - 0.44 = 0.56; Impact = 6.42 x 0.56 = 3.5952; Exploitability =
  // 8.22 x 0.85 x 0.77 x 0.85 x 0.85 = 3.887042775; Roundup(7.482...) = 7.5.
  Scores s = ScoresOf("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N");
  EXPECT_EQ(s.version, Version::kV3_1);
  EXPECT_EQ(s.base.value, 7.5);
  EXPECT_EQ(s.base.rating, Rating::kHigh);
  EXPECT_FALSE(s.has_temporal_metrics);
  EXPECT_FALSE(s.has_environmental_metrics);
  EXPECT_EQ(s.temporal->value, 7.5);       // 7.5 x 1 x 1 x 1
  EXPECT_EQ(s.environmental->value, 7.5);  // scope unchanged: same equation as Base
}

TEST(CvssV3, Log4Shell) {
  // Scope changed: 1.08 x (Impact + Exploitability) > 10 -> 10.0.
  Scores s = ScoresOf("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");
  EXPECT_EQ(s.base.value, 10.0);
  EXPECT_EQ(s.base.rating, Rating::kCritical);
}

TEST(CvssV3, ScopeChangedPrivileges) {
  // PR:L weighs 0.68 under S:C: ISS = 1 - 0.44 x 0.78 x 1 = 0.6568; Impact =
  // 7.52 x 0.6278 - 3.25 x 0.6368^15 = 4.7191...; Exploitability = 8.22 x 0.85 x
  // 0.77 x 0.68 x 0.85 = 3.1096...; 1.08 x 7.8287... = 8.455 -> 8.5.
  EXPECT_EQ(Base("CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:L/A:N"), 8.5);
}

TEST(CvssV3, TemporalRoundupIsExact) {
  // 10.0 x 0.92 is exactly 9.2: Roundup gives 9.2 in both versions (binary
  // floating point, 9.2000000000000002, would give 9.3).
  for (const char* v : {"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/RC:U",
                        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/RC:U"}) {
    Scores s = ScoresOf(v);
    ASSERT_TRUE(s.temporal) << v;
    EXPECT_EQ(s.temporal->value, 9.2) << v;
    EXPECT_EQ(s.temporal->rating, Rating::kCritical) << v;
  }
}

TEST(CvssV3, ModifiedImpactDiffersBetween30And31) {
  // MISS = 1 - (1 - 0.56 x 0.5) x (1 - 0.56) = 0.6832. Base metrics otherwise
  // unchanged, scope changed.
  // 3.0: 7.52 x 0.6542 - 3.25 x 0.6632^15 = 4.91272...; + 3.887042775;
  //      x 1.08 = 9.5037... -> 9.6.
  // 3.1: 7.52 x 0.6542 - 3.25 x (0.6832 x 0.9731 - 0.02)^13 = 4.90875...;
  //      x 1.08 = 9.4994... -> 9.5.
  Scores s30 = ScoresOf("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:N/CR:L");
  Scores s31 = ScoresOf("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:N/CR:L");
  EXPECT_EQ(s30.base.value, 10.0);
  EXPECT_EQ(s31.base.value, 10.0);
  ASSERT_TRUE(s30.environmental);
  ASSERT_TRUE(s31.environmental);
  EXPECT_EQ(s30.environmental->value, 9.6);
  EXPECT_EQ(s31.environmental->value, 9.5);
  EXPECT_FALSE(s31.has_temporal_metrics);
  EXPECT_TRUE(s31.has_environmental_metrics);
}

TEST(CvssV3, Environmental31WithoutEnvironmentalMetrics) {
  // Base: ISS = 1 - 0.44^3 = 0.914816; Impact = 7.52 x 0.885816 - 3.25 x 0.894816^15
  // = 6.0477...; Exploitability 8.22 x 0.85 x 0.77 x 0.85 x 0.62 = 2.8353...;
  // 1.08 x 8.8830... = 9.594 -> 9.6.
  // Environmental: MISS = 0.914816; 3.1 Modified Impact = 7.52 x 0.885816 -
  // 3.25 x (0.914816 x 0.9731 - 0.02)^13 = 6.1280...; 1.08 x 8.9633... = 9.680 -> 9.7.
  Scores s = ScoresOf("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H");
  EXPECT_EQ(s.base.value, 9.6);
  EXPECT_EQ(s.environmental->value, 9.7);
  EXPECT_EQ(ScoresOf("CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H").environmental->value, 9.6);
}

TEST(CvssV3, EnvironmentalModifiedScopeAndZero) {
  // MC:N/MI:N/MA:N: Modified Impact 0 -> Environmental 0.0 (None).
  Scores s = ScoresOf("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MC:N/MI:N/MA:N");
  EXPECT_EQ(s.base.value, 9.8);
  ASSERT_TRUE(s.environmental);
  EXPECT_EQ(s.environmental->value, 0.0);
  EXPECT_EQ(s.environmental->rating, Rating::kNone);
  // E:U/RL:O/RC:U on 9.8: 9.8 x 0.91 x 0.95 x 0.92 = 7.794... -> 7.8.
  s = ScoresOf("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U");
  ASSERT_TRUE(s.temporal);
  EXPECT_EQ(s.temporal->value, 7.8);
  EXPECT_FALSE(s.has_environmental_metrics);
}

TEST(CvssV4, MacroVectorTableScores) {
  // MacroVector 000000 (score 10) at its highest-severity vector: distance 0.
  EXPECT_EQ(Base("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H"), 10.0);
  // 000200 = 9.3; the only non-zero distance is EQ4's, which has no lower
  // MacroVector, so it does not count.
  Scores s = ScoresOf("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
  EXPECT_EQ(s.base.value, 9.3);
  EXPECT_EQ(s.base.rating, Rating::kCritical);
  EXPECT_EQ(s.nomenclature, Nomenclature::kBase);
  EXPECT_FALSE(s.temporal);
  EXPECT_FALSE(s.environmental);
}

TEST(CvssV4, Interpolation) {
  // VC:H only: MacroVector 001200 = 8.8. Highest-severity vector
  // VC:H/VI:L/VA:H/CR:H/IR:H/AR:H gives EQ3+EQ6 distance 0.1 + 0.2 = 0.3 of
  // depth 0.8; lower MacroVector 001201 = 8.0, so (8.8 - 8.0) x 0.3 / 0.8 = 0.3.
  // EQ1, EQ2 and EQ5 have lower MacroVectors at distance 0; EQ4 has none.
  // 8.8 - 0.3 / 4 = 8.725 -> 8.7.
  EXPECT_EQ(Base("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N"), 8.7);
}

TEST(CvssV4, ThreatEnvironmentalNomenclature) {
  // E:U moves EQ5 to 2: MacroVector 000120 = 9.1, distance 0.
  Scores s = ScoresOf("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:U");
  EXPECT_EQ(s.base.value, 9.1);
  EXPECT_EQ(s.nomenclature, Nomenclature::kBaseThreat);
  // MSI:S moves EQ4 to 0: MacroVector 000000 = 10; every lower MacroVector is
  // 10 away by 0 (EQ4: 000100 = 10) or at distance 0.
  s = ScoresOf("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSI:S");
  EXPECT_EQ(s.base.value, 10.0);
  EXPECT_EQ(s.nomenclature, Nomenclature::kBaseEnvironmental);
  // No impact anywhere: 0.0 whatever else is set.
  s = ScoresOf("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/E:A/CR:H");
  EXPECT_EQ(s.base.value, 0.0);
  EXPECT_EQ(s.base.rating, Rating::kNone);
  EXPECT_EQ(s.nomenclature, Nomenclature::kBaseThreatEnvironmental);
  // Explicit X values are Not Defined; Supplemental metrics never count.
  s = ScoresOf("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/MAV:X/AU:Y");
  EXPECT_EQ(s.base.value, 9.3);
  EXPECT_EQ(s.nomenclature, Nomenclature::kBase);
}

TEST(CvssV4, ModifiedMetricsReplaceBase) {
  // MVC:H/MVI:H/MVA:H on a no-impact vector scores as the VC:H/VI:H/VA:H one
  // (000200 = 9.3), with CR/IR/AR:X counting as H.
  EXPECT_EQ(Base("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/MVC:H/MVI:H/"
                 "MVA:H"),
            9.3);
}

TEST(CvssRating, Bands) {
  EXPECT_EQ(RatingFor(Version::kV3_1, 0.0), Rating::kNone);
  EXPECT_EQ(RatingFor(Version::kV3_1, 0.1), Rating::kLow);
  EXPECT_EQ(RatingFor(Version::kV3_1, 3.9), Rating::kLow);
  EXPECT_EQ(RatingFor(Version::kV3_0, 4.0), Rating::kMedium);
  EXPECT_EQ(RatingFor(Version::kV3_1, 6.9), Rating::kMedium);
  EXPECT_EQ(RatingFor(Version::kV3_1, 7.0), Rating::kHigh);
  EXPECT_EQ(RatingFor(Version::kV4_0, 8.9), Rating::kHigh);
  EXPECT_EQ(RatingFor(Version::kV4_0, 9.0), Rating::kCritical);
  EXPECT_EQ(RatingFor(Version::kV4_0, 10.0), Rating::kCritical);
  EXPECT_EQ(RatingFor(Version::kV2_0, 0.0), Rating::kLow);
  EXPECT_EQ(RatingFor(Version::kV2_0, 3.9), Rating::kLow);
  EXPECT_EQ(RatingFor(Version::kV2_0, 4.0), Rating::kMedium);
  EXPECT_EQ(RatingFor(Version::kV2_0, 6.9), Rating::kMedium);
  EXPECT_EQ(RatingFor(Version::kV2_0, 7.0), Rating::kHigh);
  EXPECT_EQ(RatingFor(Version::kV2_0, 10.0), Rating::kHigh);
  EXPECT_EQ(RatingName(Rating::kCritical), "Critical");
  EXPECT_EQ(NomenclatureName(Nomenclature::kBaseThreatEnvironmental), "CVSS-BTE");
  EXPECT_EQ(VersionName(Version::kV3_0), "3.0");
}

}  // namespace
}  // namespace soupkeeper::cvss
