// Binding and unbinding: the worked examples of NISTIR 7695 §6 and §7, copied
// from the spec, then the edges of each binding's syntax with the exact error
// messages.
#include <gtest/gtest.h>

#include <cstdio>

#include "cpe/wfn_notation.h"
#include "soupkeeper/cpe.h"

namespace soupkeeper::cpe {
namespace {

using testing::W;

std::string ErrorOf(const Result<Wfn>& r) {
  EXPECT_FALSE(r.ok()) << "parsed as " << r->ToString();
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), StatusCode::kParseError);
  return r.status().message();
}

// 7695 §6.1.2.4: binding a WFN to a URI.
TEST(CpeUriBinding, SpecExamples) {
  EXPECT_EQ(W(R"(wfn:[part="a",vendor="microsoft",product="internet_explorer",)"
              R"(version="8\.0\.6001",update="beta",edition=ANY])")
                .ToUri(),
            "cpe:/a:microsoft:internet_explorer:8.0.6001:beta");
  EXPECT_EQ(W(R"(wfn:[part="a",vendor="microsoft",product="internet_explorer",)"
              R"(version="8\.*",update="sp?"])")
                .ToUri(),
            "cpe:/a:microsoft:internet_explorer:8.%02:sp%01");
  EXPECT_EQ(W(R"(wfn:[part="a",vendor="hp",product="insight_diagnostics",)"
              R"(version="7\.4\.0\.1570",update=NA,)"
              R"(sw_edition="online",target_sw="win2003",target_hw="x64"])")
                .ToUri(),
            "cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~");
  EXPECT_EQ(W(R"(wfn:[part="a",vendor="hp",product="openview_network_manager",)"
              R"(version="7\.51",target_sw="linux"])")
                .ToUri(),
            "cpe:/a:hp:openview_network_manager:7.51::~~~linux~~");
  EXPECT_EQ(W(R"(wfn:[part="a",vendor="foo\\bar",product="big\$money_manager_2010",)"
              R"(sw_edition="special",target_sw="ipod_touch",target_hw="80gb"])")
                .ToUri(),
            "cpe:/a:foo%5cbar:big%24money_manager_2010:::~~special~ipod_touch~80gb~");
}

// 7695 §6.1.3.3: unbinding a URI to a WFN.
TEST(CpeUriUnbinding, SpecExamples) {
  EXPECT_EQ(*ParseUri("cpe:/a:microsoft:internet_explorer:8.0.6001:beta"),
            W(R"(wfn:[part="a",vendor="microsoft",product="internet_explorer",)"
              R"(version="8\.0\.6001",update="beta",edition=ANY,language=ANY])"));
  EXPECT_EQ(*ParseUri("cpe:/a:microsoft:internet_explorer:8.%2a:sp%3f"),
            W(R"(wfn:[part="a",vendor="microsoft",product="internet_explorer",)"
              R"(version="8\.\*",update="sp\?",edition=ANY,language=ANY])"));
  EXPECT_EQ(*ParseUri("cpe:/a:microsoft:internet_explorer:8.%02:sp%01"),
            W(R"(wfn:[part="a",vendor="microsoft",product="internet_explorer",)"
              R"(version="8\.*",update="sp?",edition=ANY,language=ANY])"));
  EXPECT_EQ(*ParseUri("cpe:/a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003~x64~"),
            W(R"(wfn:[part="a",vendor="hp",product="insight_diagnostics",)"
              R"(version="7\.4\.0\.1570",update=ANY,edition=ANY,)"
              R"(sw_edition="online",target_sw="win2003",target_hw="x64",)"
              R"(other=ANY,language=ANY])"));
  EXPECT_EQ(*ParseUri("cpe:/a:hp:openview_network_manager:7.51:-:~~~linux~~"),
            W(R"(wfn:[part="a",vendor="hp",product="openview_network_manager",)"
              R"(version="7\.51",update=NA,edition=ANY,sw_edition=ANY,)"
              R"(target_sw="linux",target_hw=ANY,other=ANY,language=ANY])"));
  // Example 6: %07 is not a legal percent-encoded form.
  EXPECT_EQ(ErrorOf(ParseUri("cpe:/a:foo%5cbar:big%24money_2010%07:::~~special~ipod_touch~80gb~")),
            "invalid CPE 'cpe:/a:foo%5cbar:big%24money_2010%07:::~~special~ipod_touch~80gb~': "
            "product at offset 33: percent-encoded form '%07' is not allowed");
  // Example 7: tildes, bare or encoded, are quoted in the WFN.
  EXPECT_EQ(*ParseUri("cpe:/a:foo~bar:big%7emoney_2010"),
            W(R"(wfn:[part="a",vendor="foo\~bar",product="big\~money_2010",)"
              R"(version=ANY,update=ANY,edition=ANY,language=ANY])"));
  // Example 8: %02 embedded in a value.
  EXPECT_EQ(ErrorOf(ParseUri("cpe:/a:foo:bar:12.%02.1234")),
            "invalid CPE 'cpe:/a:foo:bar:12.%02.1234': version at offset 18: "
            "%02 ('*') is allowed only at the start or the end of a value");
}

// 7695 §6.2.2.3: binding a WFN to a formatted string.
TEST(CpeFormattedStringBinding, SpecExamples) {
  EXPECT_EQ(W(R"(wfn:[part="a",vendor="microsoft",product="internet_explorer",)"
              R"(version="8\.0\.6001",update="beta",edition=ANY])")
                .ToFormattedString(),
            "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*");
  EXPECT_EQ(W(R"(wfn:[part="a",vendor="microsoft",product="internet_explorer",)"
              R"(version="8\.*",update="sp?",edition=ANY])")
                .ToFormattedString(),
            "cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*");
  EXPECT_EQ(W(R"(wfn:[part="a",vendor="microsoft",product="internet_explorer",)"
              R"(version="8\.\*",update="sp?"])")
                .ToFormattedString(),
            R"(cpe:2.3:a:microsoft:internet_explorer:8.\*:sp?:*:*:*:*:*:*)");
  EXPECT_EQ(W(R"(wfn:[part="a",vendor="hp",product="insight",)"
              R"(version="7\.4\.0\.1570",update=NA,)"
              R"(sw_edition="online",target_sw="win2003",target_hw="x64"])")
                .ToFormattedString(),
            "cpe:2.3:a:hp:insight:7.4.0.1570:-:*:*:online:win2003:x64:*");
  EXPECT_EQ(W(R"(wfn:[part="a",vendor="hp",product="openview_network_manager",)"
              R"(version="7\.51",target_sw="linux"])")
                .ToFormattedString(),
            "cpe:2.3:a:hp:openview_network_manager:7.51:*:*:*:*:linux:*:*");
  EXPECT_EQ(W(R"(wfn:[part="a",vendor="foo\\bar",product="big\$money_2010",)"
              R"(sw_edition="special",target_sw="ipod_touch",target_hw="80gb"])")
                .ToFormattedString(),
            R"(cpe:2.3:a:foo\\bar:big\$money_2010:*:*:*:*:special:ipod_touch:80gb:*)");
}

// 7695 §6.2.3.3: unbinding a formatted string to a WFN.
TEST(CpeFormattedStringUnbinding, SpecExamples) {
  EXPECT_EQ(
      *ParseFormattedString("cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*"),
      W(R"(wfn:[part="a",vendor="microsoft",product="internet_explorer",)"
        R"(version="8\.0\.6001",update="beta",edition=ANY,language=ANY,)"
        R"(sw_edition=ANY,target_sw=ANY,target_hw=ANY,other=ANY])"));
  EXPECT_EQ(*ParseFormattedString("cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*"),
            W(R"(wfn:[part="a",vendor="microsoft",product="internet_explorer",)"
              R"(version="8\.*",update="sp?",edition=ANY,language=ANY,)"
              R"(sw_edition=ANY,target_sw=ANY,target_hw=ANY,other=ANY])"));
  EXPECT_EQ(*ParseFormattedString("cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:"
                                  "win2003:x64:*"),
            W(R"(wfn:[part="a",vendor="hp",product="insight_diagnostics",)"
              R"(version="7\.4\.0\.1570",update=NA,edition=ANY,language=ANY,)"
              R"(sw_edition="online",target_sw="win2003",target_hw="x64",other=ANY])"));
  // The spec's counter-example has only twelve fields; with the thirteenth it
  // fails for the reason the spec gives, the embedded asterisk.
  EXPECT_EQ(
      ErrorOf(ParseFormattedString("cpe:2.3:a:hp:insight_diagnostics:7.4.*.1570:*:*:*:*:*:*")),
      "invalid CPE 'cpe:2.3:a:hp:insight_diagnostics:7.4.*.1570:*:*:*:*:*:*': "
      "expected 13 components, found 12");
  EXPECT_EQ(
      ErrorOf(ParseFormattedString("cpe:2.3:a:hp:insight_diagnostics:7.4.*.1570:*:*:*:*:*:*:*")),
      "invalid CPE 'cpe:2.3:a:hp:insight_diagnostics:7.4.*.1570:*:*:*:*:*:*:*': "
      "version at offset 37: unquoted '*' is allowed only at the start or the end of a value");
  EXPECT_EQ(*ParseFormattedString(
                R"(cpe:2.3:a:foo\\bar:big\$money:2010:*:*:*:special:ipod_touch:80gb:*)"),
            W(R"(wfn:[part="a",vendor="foo\\bar",product="big\$money",)"
              R"(version="2010",update=ANY,edition=ANY,language=ANY,)"
              R"(sw_edition="special",target_sw="ipod_touch",target_hw="80gb",other=ANY])"));
}

// 7695 §7: conversions between the bindings, round-trip safe.
TEST(CpeConversion, SpecExamplesRoundTrip) {
  EXPECT_EQ(
      *UriToFormattedString("cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~"),
      "cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*");
  EXPECT_EQ(
      *FormattedStringToUri("cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:"
                            "x64:*"),
      "cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~");
  EXPECT_EQ(*UriToFormattedString("cpe:/a:microsoft:internet_explorer:8.%02:sp%01"),
            "cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*");
  EXPECT_EQ(*FormattedStringToUri("cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*"),
            "cpe:/a:microsoft:internet_explorer:8.%02:sp%01");
  EXPECT_EQ(*FormattedStringToUri(
                R"(cpe:2.3:a:foo\\bar:big\$money_2010:*:*:*:*:special:ipod_touch:80gb:*)"),
            "cpe:/a:foo%5cbar:big%24money_2010:::~~special~ipod_touch~80gb~");
  EXPECT_EQ(*UriToFormattedString("cpe:/a:foo%5cbar:big%24money_2010:::~~special~ipod_touch~80gb~"),
            R"(cpe:2.3:a:foo\\bar:big\$money_2010:*:*:*:*:special:ipod_touch:80gb:*)");
}

TEST(CpeFormattedString, QuotingOfEachPunctuationCharacter) {
  // Every printable non-alphanumeric character: '-', '.' and '_' bind
  // unquoted; the others keep their '\' in the formatted string and become
  // %xx in the URI (Table 6-1).
  const std::string punctuation = "!\"#$%&'()+,/:;<=>@[\\]^`{|}~";
  for (char c : punctuation) {
    std::string fs = std::string("cpe:2.3:a:v:x\\") + c + "y:*:*:*:*:*:*:*:*";
    auto wfn = ParseFormattedString(fs);
    ASSERT_TRUE(wfn.ok()) << wfn.status().message();
    EXPECT_EQ(wfn->product().wfn(), std::string("x\\") + c + "y");
    EXPECT_EQ(wfn->ToFormattedString(), fs);
    char hex[4];
    std::snprintf(hex, sizeof hex, "%02x", static_cast<unsigned char>(c));
    EXPECT_EQ(wfn->ToUri(), std::string("cpe:/a:v:x%") + hex + "y");
    EXPECT_EQ(*ParseUri(wfn->ToUri()), *wfn);
  }
  auto wfn = ParseFormattedString("cpe:2.3:a:v:x-y.z_w:*:*:*:*:*:*:*:*");
  ASSERT_TRUE(wfn.ok());
  EXPECT_EQ(wfn->product().wfn(), R"(x\-y\.z_w)");
  EXPECT_EQ(wfn->ToUri(), "cpe:/a:v:x-y.z_w");
  // Quoted '-' and '.' are accepted and mean the same as unquoted ones.
  EXPECT_EQ(*ParseFormattedString(R"(cpe:2.3:a:v:x\-y\.z:*:*:*:*:*:*:*:*)"),
            *ParseFormattedString("cpe:2.3:a:v:x-y.z:*:*:*:*:*:*:*:*"));
  // A quoted colon does not end the field.
  EXPECT_EQ(ParseFormattedString(R"(cpe:2.3:a:amcharts:amcharts\:_charts:*:*:*:*:*:wordpress:*:*)")
                ->product()
                .wfn(),
            R"(amcharts\:_charts)");
}

TEST(CpeFormattedString, Errors) {
  EXPECT_EQ(ErrorOf(ParseFormattedString("cpe:2.3:a:vendor")),
            "invalid CPE 'cpe:2.3:a:vendor': expected 13 components, found 4");
  EXPECT_EQ(ErrorOf(ParseFormattedString("cpe:2.3:a:v:p:1:*:*:*:*:*:*:*:*")),
            "invalid CPE 'cpe:2.3:a:v:p:1:*:*:*:*:*:*:*:*': expected 13 components, found 14");
  EXPECT_EQ(ErrorOf(ParseFormattedString("cpe:/a:v")),
            "invalid CPE 'cpe:/a:v': a formatted string starts with 'cpe:2.3:'");
  EXPECT_EQ(ErrorOf(ParseFormattedString("cpe:2.3:x:v:p:*:*:*:*:*:*:*:*")),
            "invalid CPE 'cpe:2.3:x:v:p:*:*:*:*:*:*:*:*': part at offset 8: "
            "part must be 'a', 'o' or 'h'");
  EXPECT_EQ(ErrorOf(ParseFormattedString("cpe:2.3:a::p:*:*:*:*:*:*:*:*")),
            "invalid CPE 'cpe:2.3:a::p:*:*:*:*:*:*:*:*': vendor at offset 10: empty value");
  EXPECT_EQ(ErrorOf(ParseFormattedString("cpe:2.3:a:v:p:1.0:*:*:english:*:*:*:*")),
            "invalid CPE 'cpe:2.3:a:v:p:1.0:*:*:english:*:*:*:*': language at offset 22: "
            "language must be a language tag such as 'en' or 'en-us'");
  EXPECT_EQ(ErrorOf(ParseFormattedString("cpe:2.3:a:v:p!:*:*:*:*:*:*:*:*")),
            "invalid CPE 'cpe:2.3:a:v:p!:*:*:*:*:*:*:*:*': product at offset 13: "
            "'!' must be quoted as '\\!'");
  EXPECT_EQ(ErrorOf(ParseFormattedString("cpe:2.3:a:v:p q:*:*:*:*:*:*:*:*")),
            "invalid CPE 'cpe:2.3:a:v:p q:*:*:*:*:*:*:*:*': product at offset 13: "
            "byte 0x20 is not allowed (printable ASCII only, no spaces)");
  EXPECT_EQ(ErrorOf(ParseFormattedString("cpe:2.3:a:v:p:1.0:*:*:*:*:*:*:x\\")),
            "invalid CPE 'cpe:2.3:a:v:p:1.0:*:*:*:*:*:*:x\\': other at offset 31: "
            "'\\' at the end of the value quotes nothing");
  EXPECT_EQ(ErrorOf(ParseFormattedString("cpe:2.3:a:v:\\p:*:*:*:*:*:*:*:*")),
            "invalid CPE 'cpe:2.3:a:v:\\p:*:*:*:*:*:*:*:*': product at offset 13: "
            "'p' must not be quoted");
  EXPECT_EQ(ErrorOf(ParseFormattedString("cpe:2.3:a:v:p:1.0**:*:*:*:*:*:*:*")),
            "invalid CPE 'cpe:2.3:a:v:p:1.0**:*:*:*:*:*:*:*': version at offset 18: "
            "'*' must not be repeated");
  EXPECT_EQ(ErrorOf(ParseFormattedString("cpe:2.3:a:v:p:1?2:*:*:*:*:*:*:*")),
            "invalid CPE 'cpe:2.3:a:v:p:1?2:*:*:*:*:*:*:*': version at offset 15: "
            "unquoted '?' is allowed only in a run at the start or the end of a value");
  // A quoted hyphen alone is not a value (it would bind to NA in a URI).
  EXPECT_EQ(ErrorOf(ParseFormattedString("cpe:2.3:a:v:p:\\-:*:*:*:*:*:*:*")),
            "invalid CPE 'cpe:2.3:a:v:p:\\-:*:*:*:*:*:*:*': version at offset 14: "
            "a hyphen alone is not a value string (NA is written '-')");
  EXPECT_EQ(ErrorOf(Parse("pkg:npm/left-pad")),
            "invalid CPE 'pkg:npm/left-pad': expected a formatted string 'cpe:2.3:...' or a URI "
            "'cpe:/...'");
}

TEST(CpeUri, SyntaxEdges) {
  // Figure 6-1: every component may be missing.
  EXPECT_EQ(*ParseUri("cpe:/"), Wfn());
  EXPECT_EQ(ParseUri("cpe:/o")->ToFormattedString(), "cpe:2.3:o:*:*:*:*:*:*:*:*:*:*");
  // Letters are lower-cased; hex digits may be either case.
  EXPECT_EQ(ParseUri("cpe:/A:Microsoft:IE%2B%2b")->ToFormattedString(),
            R"(cpe:2.3:a:microsoft:ie\+\+:*:*:*:*:*:*:*:*)");
  // A run of %01 at the start or the end.
  EXPECT_EQ(ParseUri("cpe:/a:v:%01%01x%01")->product().wfn(), "??x?");
  EXPECT_EQ(ErrorOf(ParseUri("cpe:/a:v:x%01%01y")),
            "invalid CPE 'cpe:/a:v:x%01%01y': product at offset 13: "
            "%01 ('?') is allowed only in a run at the start or the end of a value");
  EXPECT_EQ(ErrorOf(ParseUri("cpe:/a:v:p:%02")),
            "invalid CPE 'cpe:/a:v:p:%02': version at offset 11: a lone '*' is not a value string");
  EXPECT_EQ(ErrorOf(ParseUri("cpe:/a:v:p:1:2:3:en:x")),
            "invalid CPE 'cpe:/a:v:p:1:2:3:en:x': expected at most 7 components after 'cpe:/', "
            "found more");
  EXPECT_EQ(ErrorOf(ParseUri("cpe:/a:v:p:1:2:~a~b~c")),
            "invalid CPE 'cpe:/a:v:p:1:2:~a~b~c': edition at offset 15: a packed edition has five "
            "fields: ~edition~sw_edition~target_sw~target_hw~other");
  EXPECT_EQ(ErrorOf(ParseUri("cpe:/a:v:p:1:2:~a~b~c~d~e~f")),
            "invalid CPE 'cpe:/a:v:p:1:2:~a~b~c~d~e~f': edition at offset 15: a packed edition has "
            "five fields: ~edition~sw_edition~target_sw~target_hw~other");
  EXPECT_EQ(ErrorOf(ParseUri("cpe:/a:v:p:1:2:~~~~x%07~")),
            "invalid CPE 'cpe:/a:v:p:1:2:~~~~x%07~': target_hw at offset 20: "
            "percent-encoded form '%07' is not allowed");
  EXPECT_EQ(
      ErrorOf(ParseUri("cpe:/a:v:p*")),
      "invalid CPE 'cpe:/a:v:p*': product at offset 10: '*' must be percent-encoded in a URI");
  EXPECT_EQ(ErrorOf(ParseUri("cpe:/a:v:p%2")),
            "invalid CPE 'cpe:/a:v:p%2': product at offset 10: '%' must be followed by two hex "
            "digits");
  // '-', '.' and '_' are never percent-encoded (Figure 6-2), so %2d is refused.
  EXPECT_EQ(ErrorOf(ParseUri("cpe:/a:v:p%2d")),
            "invalid CPE 'cpe:/a:v:p%2d': product at offset 10: percent-encoded form '%2d' is not "
            "allowed");
  EXPECT_EQ(ErrorOf(ParseUri("cpe:/q:v")),
            "invalid CPE 'cpe:/q:v': part at offset 5: part must be 'a', 'o' or 'h'");
  EXPECT_EQ(ParseUri("cpe:/a:v:p:1:2:3:en-us")->Get(Attribute::kLanguage).wfn(), R"(en\-us)");
}

TEST(CpeWfn, ValueStringsOfTheSpec) {
  // 7695 §5.3.2: the examples of allowable value strings.
  for (const char* ok :
       {R"(foo\-bar)", "Acrobat_Reader", R"(\"oh_my\!\")", R"(g\+\+)", R"(9\.?)", "sr*",
        R"(big\$money)", R"(foo\:bar)", R"(back\\slash_software)", R"(with_quoted\~tilde)",
        "*SOFT*", R"(8\.??)", R"(*8\.??)", "?", "??", R"(*\-)", R"(\-\-)"}) {
    auto v = Value::FromWfn(ok);
    EXPECT_TRUE(v.ok()) << ok << ": " << v.status().message();
  }
  // And what it forbids: an embedded special character, a lone or repeated
  // asterisk, unquoted punctuation, a quoted hyphen alone (Figure 5-1 also
  // rejects it before a trailing wildcard), quoted letters and '_'.
  for (const char* bad : {"", "*", "**", "***", "foo*bar", "fo?o", "a??b", "foo!", "a b", R"(\-)",
                          R"(\-*)", R"(\a)", R"(a\_)", "x\\", "é"}) {
    EXPECT_FALSE(Value::FromWfn(bad).ok()) << bad;
  }
  EXPECT_EQ(Value::FromWfn("foo*bar").status().message(),
            "invalid WFN value \"foo*bar\" at offset 3: unquoted '*' is allowed only at the start "
            "or the end of a value");
}

TEST(CpeWfn, NotationLowercasingAndUnquoting) {
  auto wfn = ParseFormattedString(R"(cpe:2.3:a:Microsoft:Visual_J\+\+:-:*:*:*:*:*:*:*)");
  ASSERT_TRUE(wfn.ok());
  EXPECT_EQ(wfn->ToString(),
            R"(wfn:[part="a",vendor="Microsoft",product="Visual_J\+\+",version=NA,update=ANY,)"
            R"(edition=ANY,language=ANY,sw_edition=ANY,target_sw=ANY,target_hw=ANY,other=ANY])");
  EXPECT_EQ(wfn->Lowercased().ToFormattedString(),
            R"(cpe:2.3:a:microsoft:visual_j\+\+:-:*:*:*:*:*:*:*)");
  EXPECT_EQ(wfn->product().Unquoted(), "Visual_J++");
  EXPECT_EQ(wfn->version().Unquoted(), "-");
  EXPECT_EQ(wfn->update().Unquoted(), "*");
  // The URI binding lower-cases on the way back in.
  EXPECT_EQ(*ParseUri(wfn->ToUri()), wfn->Lowercased());
}

TEST(CpeWfn, SetChecksPerAttributeRules) {
  Wfn wfn;
  EXPECT_TRUE(wfn.Set(Attribute::kPart, *Value::FromWfn("h")).ok());
  EXPECT_EQ(wfn.Set(Attribute::kPart, *Value::FromWfn("x")).message(),
            "invalid part \"x\": part must be 'a', 'o' or 'h'");
  EXPECT_EQ(wfn.part().wfn(), "h");
  EXPECT_TRUE(wfn.Set(Attribute::kLanguage, *Value::FromWfn(R"(es\-419)")).ok());
  EXPECT_FALSE(wfn.Set(Attribute::kLanguage, *Value::FromWfn("en?")).ok());
  EXPECT_FALSE(wfn.Set(Attribute::kLanguage, *Value::FromWfn(R"(en\-u)")).ok());
}

TEST(CpeWfn, WithVersionBuildsACandidate) {
  auto criteria = Parse("cpe:2.3:a:nodejs:node.js:*:*:*:*:lts:*:*:*");
  ASSERT_TRUE(criteria.ok());
  auto candidate = WithVersion(*criteria, "16.13.0");
  ASSERT_TRUE(candidate.ok());
  EXPECT_EQ(candidate->ToFormattedString(), "cpe:2.3:a:nodejs:node.js:16.13.0:*:*:*:lts:*:*:*");
  EXPECT_TRUE(Matches(*criteria, *candidate));
  candidate = WithVersion(*criteria, "7.0(8)", "sp1");
  ASSERT_TRUE(candidate.ok());
  EXPECT_EQ(candidate->ToFormattedString(),
            R"(cpe:2.3:a:nodejs:node.js:7.0\(8\):sp1:*:*:lts:*:*:*)");
  // A literal '*' is quoted: the candidate never holds a wildcard.
  EXPECT_EQ(WithVersion(*criteria, "1.*")->version().wfn(), R"(1\.\*)");
  EXPECT_EQ(WithVersion(*criteria, "").status().message(), "empty CPE value");
  EXPECT_EQ(WithVersion(*criteria, "1 2").status().message(),
            "CPE value \"1 2\": byte 0x20 is not allowed (printable ASCII only, no spaces)");
  EXPECT_FALSE(WithVersion(*criteria, "-").ok());
}

}  // namespace
}  // namespace soupkeeper::cpe
