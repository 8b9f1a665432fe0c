// Name matching (NISTIR 7696): every row of the attribute comparison table
// (Table 6-2), the wildcard rules of compare_strings worked by hand, and the
// name-level relations CPE_DISJOINT / EQUAL / SUBSET / SUPERSET on whole names.
#include <gtest/gtest.h>

#include "cpe/wfn_notation.h"
#include "soupkeeper/cpe.h"

namespace soupkeeper::cpe {
namespace {

using testing::W;

// A value written as the spec writes it: ANY, NA, or a quoted WFN string.
Value V(std::string_view s) {
  if (s == "ANY") return Value::Any();
  if (s == "NA") return Value::Na();
  auto v = Value::FromWfn(s);
  EXPECT_TRUE(v.ok()) << s << ": " << v.status().message();
  return v.ok() ? *v : Value();
}

Wfn Fs(std::string_view fs) {
  auto w = ParseFormattedString(fs);
  EXPECT_TRUE(w.ok()) << w.status().message();
  return w.ok() ? *w : Wfn();
}

struct Row {
  int number;
  const char* source;
  const char* target;
  Relation expected;
};

// 7696 Table 6-2, one line per row ("i" and "k" are different strings, "m +
// wild cards" a string with unquoted wildcards). Row 14 has two outcomes.
TEST(CpeMatch, AttributeComparisonTable) {
  const Row rows[] = {
      {1, "ANY", "ANY", Relation::kEqual},         {2, "ANY", "NA", Relation::kSuperset},
      {3, "ANY", "foo", Relation::kSuperset},      {4, "ANY", "foo*", Relation::kUndefined},
      {5, "NA", "ANY", Relation::kSubset},         {6, "NA", "NA", Relation::kEqual},
      {7, "NA", "foo", Relation::kDisjoint},       {8, "NA", "?oo", Relation::kUndefined},
      {9, "foo", "foo", Relation::kEqual},         {10, "foo", "bar", Relation::kDisjoint},
      {11, "foo", "fo?", Relation::kUndefined},    {12, "foo", "NA", Relation::kDisjoint},
      {13, "foo", "ANY", Relation::kSubset},       {14, "foo*", "foobar", Relation::kSuperset},
      {14, "foo*", "barfoo", Relation::kDisjoint}, {15, "*bar", "ANY", Relation::kSubset},
      {16, "*bar", "NA", Relation::kDisjoint},     {17, "foo*", "foo*", Relation::kUndefined},
      {17, "*bar", "foo?", Relation::kUndefined},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(RelationName(CompareValues(V(row.source), V(row.target))), RelationName(row.expected))
        << "row " << row.number << ": " << row.source << " vs " << row.target;
  }
}

struct StringCase {
  const char* source;
  const char* target;
  bool superset;
};

// compare_strings on wildcard sources, worked by hand: '*' matches any run of
// characters, each '?' at most one, a quoted pair is one character, letters
// compare case-insensitively.
TEST(CpeMatch, WildcardStrings) {
  const StringCase cases[] = {
      {"foo*", "foo", true},
      {"foo*", R"(foo\.bar\-1)", true},
      {"*bar", "bar", true},
      {"*bar", "foobar", true},
      {"*bar", "barfoo", false},
      {"*oo*", "foobar", true},
      {"*x*", "foobar", false},
      {"foo?", "foo", true},
      {"foo?", "foox", true},
      {"foo?", "fooxy", false},
      {"foo??", "fooxy", true},
      {"?foo", "xfoo", true},
      {"?foo", "xyfoo", false},
      {"??foo", "xyfoo", true},
      {"?foo?", "xfoox", true},
      {"?foo?", "xfooxy", false},
      {R"(8\.?)", R"(8\.0)", true},
      {R"(8\.?)", R"(8\.10)", false},
      {R"(8\.*)", R"(8\.0\.6001)", true},
      {R"(8\.*)", R"(80\.1)", false},
      {R"(1?)", R"(1\.)", true},     // "\." is one character
      {R"(1?)", R"(1\.\.)", false},  // two characters after "1"
      {R"(1??)", R"(1\.\.)", true},
      {R"(*\.1)", R"(2\.0\.1)", true},
      {R"(*\.1)", R"(2\.0\.11)", false},
      {R"(\*?)", R"(\*x)", true},  // a quoted '*' is a plain character
      {R"(\*?)", R"(yx)", false},
      {"MICRO*", "microsoft", true},  // case-insensitive
      {"?", "x", true},
      {"?", "xy", false},
      {"??", "xy", true},
      {"*?", "anything", true},
  };
  for (const StringCase& c : cases) {
    EXPECT_EQ(RelationName(CompareValues(V(c.source), V(c.target))),
              RelationName(c.superset ? Relation::kSuperset : Relation::kDisjoint))
        << c.source << " vs " << c.target;
  }
  // Strings without wildcards: equal (ignoring case) or disjoint.
  EXPECT_EQ(CompareValues(V("Microsoft"), V("microsoft")), Relation::kEqual);
  EXPECT_EQ(CompareValues(V("foo"), V("foobar")), Relation::kDisjoint);
}

TEST(CpeMatch, NameLevelRelations) {
  // A concrete name and a pattern over it.
  const Wfn ie = W(R"(wfn:[part="a",vendor="microsoft",product="internet_explorer",)"
                   R"(version="8\.0\.6001",update="beta"])");
  const Wfn ie8 = W(R"(wfn:[part="a",vendor="microsoft",product="internet_explorer",)"
                    R"(version="8\.*",update="sp?"])");
  // Target with wildcards: UNDEFINED for version and update, so neither
  // subset, superset nor disjoint.
  auto rel = CompareWfns(ie, ie8);
  EXPECT_EQ(rel[static_cast<size_t>(Attribute::kVersion)], Relation::kUndefined);
  EXPECT_EQ(rel[static_cast<size_t>(Attribute::kUpdate)], Relation::kUndefined);
  EXPECT_EQ(rel[static_cast<size_t>(Attribute::kVendor)], Relation::kEqual);
  EXPECT_FALSE(IsDisjoint(ie, ie8));
  EXPECT_FALSE(IsEqual(ie, ie8));
  EXPECT_FALSE(IsSubset(ie, ie8));
  EXPECT_FALSE(IsSuperset(ie, ie8));
  // The pattern as source: the version matches, "sp?" does not match "beta".
  EXPECT_EQ(CompareValues(ie8.version(), ie.version()), Relation::kSuperset);
  EXPECT_EQ(CompareValues(ie8.update(), ie.update()), Relation::kDisjoint);
  EXPECT_TRUE(IsDisjoint(ie8, ie));
  EXPECT_FALSE(Matches(ie8, ie));

  // ANY against NA is a superset; a language against NA is disjoint.
  const Wfn adobe = W(R"(wfn:[part="a",vendor="adobe",product=ANY,version="9\.*",update=ANY,)"
                      R"(language="en\-us"])");
  const Wfn reader = W(R"(wfn:[part="a",vendor="adobe",product="reader",version="9\.3\.2",)"
                       R"(update=NA,language=NA])");
  rel = CompareWfns(adobe, reader);
  EXPECT_EQ(rel[static_cast<size_t>(Attribute::kProduct)], Relation::kSuperset);
  EXPECT_EQ(rel[static_cast<size_t>(Attribute::kVersion)], Relation::kSuperset);
  EXPECT_EQ(rel[static_cast<size_t>(Attribute::kUpdate)], Relation::kSuperset);
  EXPECT_EQ(rel[static_cast<size_t>(Attribute::kLanguage)], Relation::kDisjoint);
  EXPECT_TRUE(IsDisjoint(adobe, reader));
  EXPECT_FALSE(Matches(adobe, reader));
  Wfn reader_any_language = reader;
  ASSERT_TRUE(reader_any_language.Set(Attribute::kLanguage, Value::Any()).ok());
  // The target's ANY language is wider than "en-us": the pattern is then a
  // subset there, so no longer a superset of the whole name.
  EXPECT_FALSE(IsDisjoint(adobe, reader_any_language));
  EXPECT_FALSE(Matches(adobe, reader_any_language));
  Wfn adobe_any_language = adobe;
  ASSERT_TRUE(adobe_any_language.Set(Attribute::kLanguage, Value::Any()).ok());
  EXPECT_TRUE(Matches(adobe_any_language, reader));
  // The roles are not symmetric: with the pattern as target its wildcard
  // version is UNDEFINED, so the concrete name is not a subset of it.
  EXPECT_FALSE(IsSubset(reader, adobe_any_language));
  EXPECT_TRUE(IsSubset(reader, Wfn()));

  // Equal names, ignoring case; every name matches itself.
  EXPECT_TRUE(IsEqual(Fs("cpe:2.3:o:Linux:linux_kernel:5.10:*:*:*:*:*:*:*"),
                      Fs("cpe:2.3:o:linux:Linux_Kernel:5.10:*:*:*:*:*:*:*")));
  EXPECT_TRUE(Matches(ie, ie));
  // The empty WFN (all ANY) is a superset of every name.
  EXPECT_TRUE(Matches(Wfn(), ie));
  EXPECT_TRUE(IsSubset(ie, Wfn()));
}

TEST(CpeMatch, NvdCriteriaSemantics) {
  // NVD criteria carry ANY for "any version" and NA for "no version".
  const Wfn any_version = Fs("cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*");
  const Wfn no_version = Fs("cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*");
  EXPECT_TRUE(Matches(any_version, Fs("cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*")));
  EXPECT_TRUE(Matches(any_version, Fs("cpe:2.3:a:openssl:openssl:-:*:*:*:*:*:*:*")));
  EXPECT_FALSE(Matches(any_version, Fs("cpe:2.3:a:openbsd:openssh:8.0:*:*:*:*:*:*:*")));
  EXPECT_FALSE(Matches(any_version, Fs("cpe:2.3:o:openssl:openssl:1.0:*:*:*:*:*:*:*")));
  EXPECT_TRUE(Matches(no_version, Fs("cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:x64:*")));
  EXPECT_FALSE(Matches(no_version, Fs("cpe:2.3:o:microsoft:windows:10:*:*:*:*:*:*:*")));
  // A target that leaves an attribute ANY is wider than a criteria that
  // fixes it: not matched.
  EXPECT_FALSE(Matches(Fs("cpe:2.3:a:nodejs:node.js:*:*:*:*:lts:*:*:*"),
                       Fs("cpe:2.3:a:nodejs:node.js:16.13.0:*:*:*:*:*:*:*")));
  EXPECT_TRUE(Matches(Fs("cpe:2.3:a:nodejs:node.js:*:*:*:*:lts:*:*:*"),
                      Fs("cpe:2.3:a:nodejs:node.js:16.13.0:*:*:*:lts:*:*:*")));
}

}  // namespace
}  // namespace soupkeeper::cpe
