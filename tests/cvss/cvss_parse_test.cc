// Vector parsing: accepted forms, strict validation with exact messages, and
// re-serialization.
#include <gtest/gtest.h>

#include <string>

#include "soupkeeper/cvss.h"

namespace soupkeeper::cvss {
namespace {

std::string ErrorOf(std::string_view text) {
  auto v = Parse(text);
  if (v.ok()) return "ok";
  EXPECT_EQ(v.status().code(), StatusCode::kParseError) << text;
  return v.status().message();
}

TEST(CvssParse, Versions) {
  EXPECT_EQ(Parse("AV:N/AC:L/Au:N/C:P/I:N/A:N")->version(), Version::kV2_0);
  EXPECT_EQ(Parse("(AV:N/AC:L/Au:N/C:P/I:N/A:N)")->version(), Version::kV2_0);
  EXPECT_EQ(Parse("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N")->version(), Version::kV3_0);
  EXPECT_EQ(Parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N")->version(), Version::kV3_1);
  EXPECT_EQ(Parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N")->version(),
            Version::kV4_0);
}

TEST(CvssParse, Get) {
  auto v = Parse("(AV:N/AC:L/Au:S/C:P/I:N/A:N/E:POC/CDP:LM)");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->Get("Au"), "S");
  EXPECT_EQ(v->Get("E"), "POC");
  EXPECT_EQ(v->Get("CDP"), "LM");
  EXPECT_EQ(v->Get("RL"), "");  // absent
  EXPECT_EQ(v->Get("AU"), "");  // not a 2.0 metric (case-sensitive)
  auto v4 = Parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N/U:Amber");
  ASSERT_TRUE(v4.ok());
  EXPECT_EQ(v4->Get("U"), "Amber");
}

TEST(CvssParse, AllMetricsOfEachVersion) {
  EXPECT_TRUE(Parse("AV:A/AC:H/Au:M/C:C/I:C/A:C/E:H/RL:TF/RC:UR/CDP:MH/TD:M/CR:H/IR:L/AR:ND").ok());
  EXPECT_TRUE(Parse("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:C/C:L/I:L/A:L/E:F/RL:W/RC:R/CR:L/IR:M/AR:H/"
                    "MAV:A/MAC:H/MPR:L/MUI:R/MS:U/MC:N/MI:H/MA:X")
                  .ok());
  EXPECT_TRUE(Parse("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:L/VA:L/SC:L/SI:L/SA:L/E:P/CR:M/"
                    "IR:L/AR:X/MAV:A/MAC:H/MAT:P/MPR:L/MUI:P/MVC:N/MVI:H/MVA:L/MSC:N/MSI:S/MSA:S/"
                    "S:P/AU:Y/R:I/V:C/RE:H/U:Red")
                  .ok());
}

TEST(CvssParse, Version3AcceptsAnyOrder) {
  auto v = Parse("CVSS:3.0/S:U/AV:N/AC:L/PR:H/UI:N/C:L/I:L/A:N/E:F/RL:X");
  ASSERT_TRUE(v.ok()) << v.status().message();
  EXPECT_EQ(v->ToString(), "CVSS:3.0/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:N/E:F/RL:X");
  auto w = Parse("CVSS:3.0/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:N/E:F/RL:X");
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(*v, *w);
}

TEST(CvssParse, ToString) {
  EXPECT_EQ(Parse("(AV:N/AC:L/Au:N/C:P/I:N/A:N)")->ToString(), "AV:N/AC:L/Au:N/C:P/I:N/A:N");
  EXPECT_EQ(Parse("AV:N/AC:L/Au:N/C:P/I:N/A:N/TD:ND/E:U")->ToString(),
            "AV:N/AC:L/Au:N/C:P/I:N/A:N/E:U/TD:ND");
  const std::string v4 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N/E:X";
  EXPECT_EQ(Parse(v4)->ToString(), v4);
}

TEST(CvssParse, NotDefinedValuesCountForEquality) {
  EXPECT_FALSE(*Parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N/E:X") ==
               *Parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"));
}

TEST(CvssParse, Errors) {
  EXPECT_EQ(ErrorOf(""), "CVSS vector: empty");
  EXPECT_EQ(ErrorOf("CVSS:3.2/AV:N"),
            "CVSS vector: offset 5: unsupported CVSS version \"3.2\" (expected 3.0, 3.1 or 4.0; "
            "2.0 vectors have no prefix)");
  EXPECT_EQ(ErrorOf("CVSS:3.1"), "CVSS vector: offset 8: no metrics after \"CVSS:3.1\"");
  EXPECT_EQ(ErrorOf("CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"),
            "CVSS vector: offset 12: AV: unknown value \"Q\" (expected N, A, L or P)");
  EXPECT_EQ(ErrorOf("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N/AV:L"),
            "CVSS vector: offset 45: AV: metric given twice (first at offset 9)");
  EXPECT_EQ(ErrorOf("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N"),
            "CVSS vector: offset 40: missing mandatory Base metric(s) A of CVSS v3.1");
  EXPECT_EQ(ErrorOf("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N/"),
            "CVSS vector: offset 45: empty metric (a stray \"/\")");
  EXPECT_EQ(ErrorOf("CVSS:3.1/AV:N//AC:L"), "CVSS vector: offset 14: empty metric (a stray \"/\")");
  EXPECT_EQ(ErrorOf("CVSS:3.1/AVN/AC:L"), "CVSS vector: offset 9: \"AVN\" is not METRIC:VALUE");
  EXPECT_EQ(ErrorOf("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N/E:POC"),
            "CVSS vector: offset 47: E: unknown value \"POC\" (expected X, U, P, F or H)");
  EXPECT_EQ(ErrorOf("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N/Au:N"),
            "CVSS vector: offset 45: unknown metric \"Au\" for CVSS v3.1");
  // Values are case-sensitive.
  EXPECT_EQ(ErrorOf("CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"),
            "CVSS vector: offset 12: AV: unknown value \"n\" (expected N, A, L or P)");
  EXPECT_EQ(ErrorOf(" CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"),
            "CVSS vector: offset 0: unknown metric \" CVSS\" for CVSS v2.0");
}

TEST(CvssParse, Version2Errors) {
  EXPECT_EQ(ErrorOf("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"),
            "CVSS vector: offset 10: unknown metric \"PR\" for CVSS v2.0 (CVSS v3 vectors start "
            "with \"CVSS:3.0/\" or \"CVSS:3.1/\")");
  EXPECT_EQ(ErrorOf("(AV:N/AC:L/Au:N/C:P/I:N/A:N"),
            "CVSS vector: offset 0: \"(\" without a closing \")\" at the end");
  EXPECT_EQ(ErrorOf("AV:N/AC:L/Au:N/C:P/I:N/A:N)"),
            "CVSS vector: offset 26: \")\" without an opening \"(\"");
  EXPECT_EQ(ErrorOf("(AV:N/AC:L/Au:X/C:P/I:N/A:N)"),
            "CVSS vector: offset 14: Au: unknown value \"X\" (expected M, S or N)");
  EXPECT_EQ(ErrorOf("AV:N/AC:L/C:P/I:N/A:N/E:X"),
            "CVSS vector: offset 24: E: unknown value \"X\" (expected U, POC, F, H or ND)");
  EXPECT_EQ(ErrorOf("AV:N/AC:L/C:P/I:N/A:N"),
            "CVSS vector: offset 21: missing mandatory Base metric(s) Au of CVSS v2.0");
  EXPECT_EQ(ErrorOf("()"), "CVSS vector: offset 1: empty metric (a stray \"/\")");
}

TEST(CvssParse, Version4Errors) {
  // The specification fixes the order of CVSS v4.0 metrics.
  EXPECT_EQ(ErrorOf("CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N"),
            "CVSS vector: offset 14: AV: out of order; CVSS v4.0 requires it before AC");
  EXPECT_EQ(ErrorOf("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N/CR:H/E:A"),
            "CVSS vector: offset 69: E: out of order; CVSS v4.0 requires it before CR");
  EXPECT_EQ(ErrorOf("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:S/SA:N"),
            "CVSS vector: offset 57: SI: unknown value \"S\" (expected H, L or N)");
  EXPECT_EQ(ErrorOf("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N/U:clear"),
            "CVSS vector: offset 66: U: unknown value \"clear\" (expected X, Clear, Green, Amber "
            "or Red)");
  EXPECT_EQ(ErrorOf("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N"),
            "CVSS vector: offset 48: missing mandatory Base metric(s) SC, SI, SA of CVSS v4.0");
  EXPECT_EQ(ErrorOf("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N/SA:N"),
            "CVSS vector: offset 64: SA: metric given twice (first at offset 59)");
  EXPECT_EQ(ErrorOf("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N/MS:U"),
            "CVSS vector: offset 64: unknown metric \"MS\" for CVSS v4.0");
}

}  // namespace
}  // namespace soupkeeper::cvss
