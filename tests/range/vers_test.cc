// Unit tests of vers parsing, validation, normalization and containment.
// Expected values are worked out by hand from vers-spec's text (clause 5 and
// "How to parse and validate VERS"), using the "semver" and "pypi" schemes.
#include <gtest/gtest.h>

#include "soupkeeper/range.h"

namespace soupkeeper::range {
namespace {

VersRange MustParse(std::string_view text) {
  auto r = VersRange::Parse(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().message();
  return r.ok() ? *std::move(r) : *VersRange::Parse("vers:semver/*");
}

bool In(const VersRange& r, std::string_view v) {
  auto in = r.Contains(v);
  EXPECT_TRUE(in.ok()) << v << ": " << in.status().message();
  return in.ok() && *in;
}

TEST(Vers, ParsesCanonical) {
  VersRange r = MustParse("vers:semver/1.2.3|>=2.0.0|!=4.0.0|<5.0.0");
  EXPECT_EQ(r.type(), "semver");
  EXPECT_EQ(r.scheme().Name(), "semver");
  ASSERT_EQ(r.constraints().size(), 4u);
  EXPECT_EQ(r.constraints()[0], (Constraint{Comparator::kEqual, "1.2.3"}));
  EXPECT_EQ(r.constraints()[2], (Constraint{Comparator::kNotEqual, "4.0.0"}));
  EXPECT_EQ(r.constraints()[3], (Constraint{Comparator::kLess, "5.0.0"}));
  EXPECT_EQ(r.ToString(), "vers:semver/1.2.3|>=2.0.0|!=4.0.0|<5.0.0");
}

TEST(Vers, StrictErrorsNameThePlace) {
  struct Case {
    const char* text;
    const char* message;
  } cases[] = {
      {"vers:semver/>=1.0.0| <2.0.0", "whitespace is not permitted at offset 20"},
      {"vers:semver/|>=1.0.0", "leading pipe is not permitted at offset 12"},
      {"vers:semver/>=1.0.0|", "trailing pipe is not permitted at offset 19"},
      {"vers:semver/>=1.0.0||<2.0.0", "consecutive pipes are not permitted at offset 20"},
      {"vers:semver/>=2.0.0|<1.0.0", "constraints are not sorted by version at offset 20"},
      {"vers:semver/=1.0.0", "'=' is not permitted"},
      {"vers:semver/>=1.0.0|<=1.0.0", "version '1.0.0' occurs more than once at offset 20"},
      {"vers:semver/<1.0.0|<2.0.0", "'<' cannot follow '<' at offset 19"},
      {"vers:semver/1.0.0|<2.0.0", "'<' cannot follow '=' at offset 18"},
      {"vers:semver/>1.0.0|>=2.0.0", "'>=' cannot follow '>' at offset 19"},
      {"vers:semver/*|1.0.0", "'*' must be the only constraint"},
      {"vers:semver/1.0%2G0", "invalid percent-encoding in version at offset 15"},
      {"vers:semver/1.0.0-a%2b", "percent-encoding in version is not canonical at offset 19"},
      {"vers:semver/1.0.0-%41", "percent-encoding in version is not canonical at offset 18"},
      {"VERS:semver/1.0.0", "URI scheme must be 'vers' at offset 0"},
      {"vers:SemVer/1.0.0", "versioning scheme must be lowercase at offset 5"},
      {"vers:semver", "missing '/' after the versioning scheme"},
      {"vers:semver/", "no version constraints at offset 12"},
      {"vers:semver/>=", "empty version at offset 14"},
      {"vers:semver/1.0", "at offset 12"},  // the semver scheme refuses "1.0"
  };
  for (const Case& c : cases) {
    auto r = VersRange::Parse(c.text);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.status().code(), StatusCode::kParseError) << c.text;
    EXPECT_NE(r.status().message().find(c.message), std::string::npos)
        << c.text << " -> " << r.status().message();
    EXPECT_EQ(r.status().message().rfind("invalid vers '", 0), 0u) << r.status().message();
  }
}

TEST(Vers, UnknownSchemeIsNamed) {
  auto r = VersRange::Parse("vers:nosuchscheme/1.0");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("unknown versioning scheme 'nosuchscheme' at offset 5"),
            std::string::npos);
}

TEST(Vers, PercentEncodingRoundTrips) {
  // '|' inside a version must be encoded; the parser decodes it once.
  VersRange r = MustParse("vers:generic/1%7C2|3%2520");
  ASSERT_EQ(r.constraints().size(), 2u);
  EXPECT_EQ(r.constraints()[0].version, "1|2");
  EXPECT_EQ(r.constraints()[1].version, "3%20");
  EXPECT_EQ(r.ToString(), "vers:generic/1%7C2|3%2520");
}

TEST(Vers, LenientRepairsAndSorts) {
  auto r = VersRange::ParseLenient(" VERS:SemVer/ <2.0.0 | =1.0.0 || >=1.5.0 |");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->ToString(), "vers:semver/1.0.0|>=1.5.0|<2.0.0");
  // Duplicates are kept as written; ties sort by comparator text.
  auto d = VersRange::ParseLenient("vers:semver/>=1.0.0|<1.0.0|>=1.0.0");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->ToString(), "vers:semver/<1.0.0|>=1.0.0|>=1.0.0");
  EXPECT_FALSE(VersRange::ParseLenient("vers:semver/1.0.0|*").ok());
  EXPECT_FALSE(VersRange::ParseLenient("purl:semver/1.0.0").ok());
}

TEST(Vers, ContainmentFollowsTheSpecAlgorithm) {
  VersRange r = MustParse("vers:semver/1.0.0|>=2.0.0|!=2.5.0|<3.0.0|>4.0.0");
  EXPECT_FALSE(In(r, "0.9.0"));
  EXPECT_TRUE(In(r, "1.0.0"));
  EXPECT_FALSE(In(r, "1.5.0"));
  EXPECT_TRUE(In(r, "2.0.0"));
  EXPECT_TRUE(In(r, "2.4.9"));
  EXPECT_FALSE(In(r, "2.5.0"));
  EXPECT_TRUE(In(r, "2.9.9"));
  EXPECT_FALSE(In(r, "3.0.0"));
  EXPECT_FALSE(In(r, "4.0.0"));
  EXPECT_TRUE(In(r, "4.0.1"));
  EXPECT_TRUE(In(r, "99.0.0"));
  // Prereleases order below their release under semver.
  EXPECT_TRUE(In(r, "3.0.0-rc.1"));
  // A lone '<' counts from the bottom; a lone '>' up to the top.
  EXPECT_TRUE(In(MustParse("vers:semver/<1.0.0"), "0.0.1"));
  EXPECT_FALSE(In(MustParse("vers:semver/<1.0.0"), "1.0.0"));
  EXPECT_TRUE(In(MustParse("vers:semver/>1.0.0"), "1.0.1"));
  // Only '!=': every version but those.
  VersRange ne = MustParse("vers:semver/!=1.0.0|!=2.0.0");
  EXPECT_TRUE(In(ne, "1.5.0"));
  EXPECT_FALSE(In(ne, "2.0.0"));
  EXPECT_TRUE(In(MustParse("vers:semver/*"), "0.0.0"));
}

TEST(Vers, ContainmentUsesTheSchemeEquality) {
  // PEP 440: 1.0 == 1.0.0, 1.0rc1 < 1.0.
  VersRange r = MustParse("vers:pypi/>=1.0|<2.0");
  EXPECT_TRUE(In(r, "1.0.0"));
  EXPECT_FALSE(In(r, "1.0rc1"));
  EXPECT_TRUE(In(r, "1.9.post1"));
  EXPECT_FALSE(In(r, "2"));
  auto bad = r.Contains("not a version!");
  EXPECT_FALSE(bad.ok());
}

TEST(Vers, NormalizeSimplifies) {
  auto canon = [](std::string_view text) {
    auto r = VersRange::ParseLenient(text);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? r->Canonical() : "";
  };
  // Already canonical stays as it is.
  EXPECT_EQ(canon("vers:semver/1.0.0|>=2.0.0|!=2.5.0|<3.0.0"),
            "vers:semver/1.0.0|>=2.0.0|!=2.5.0|<3.0.0");
  // An equality inside an interval is redundant.
  EXPECT_EQ(canon("vers:semver/>=1.0.0|1.5.0|<2.0.0"), "vers:semver/>=1.0.0|<2.0.0");
  // An equality at an open bound closes it.
  EXPECT_EQ(canon("vers:semver/>1.0.0|1.0.0|<2.0.0|2.0.0"), "vers:semver/>=1.0.0|<=2.0.0");
  // A '!=' outside the range is redundant.
  EXPECT_EQ(canon("vers:semver/>=2.0.0|!=1.0.0"), "vers:semver/>=2.0.0");
  // Everything.
  EXPECT_EQ(canon("vers:semver/<=1.0.0|>1.0.0"), "vers:semver/*");
  EXPECT_EQ(canon("vers:semver/*"), "vers:semver/*");
  // pypi 1.0 == 1.0.0: one bound, written as its first constraint in sorted
  // order (ties by comparator text, so the bare "1.0.0" before ">=1.0").
  EXPECT_EQ(canon("vers:pypi/>=1.0|1.0.0|<2"), "vers:pypi/>=1.0.0|<2");
}

TEST(Vers, NormalizeKeepsMembership) {
  VersRange r = *VersRange::ParseLenient("vers:semver/>=1.0.0|1.5.0|<2.0.0|3.0.0|!=2.5.0");
  VersRange n = r.Normalize();
  for (const char* v : {"0.1.0", "1.0.0", "1.5.0", "1.9.9", "2.0.0", "2.5.0", "3.0.0", "4.0.0"}) {
    EXPECT_EQ(In(r, v), In(n, v)) << v;
  }
  // The canonical text parses strictly to the same canonical text.
  auto again = VersRange::Parse(n.ToString());
  ASSERT_TRUE(again.ok()) << n.ToString() << ": " << again.status().message();
  EXPECT_EQ(again->Canonical(), n.ToString());
}

TEST(Vers, BuildFromConstraints) {
  auto r = VersRange::Build("semver",
                            {{Comparator::kLess, "2.0.0"}, {Comparator::kGreaterEqual, "1.0.0"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->ToString(), "vers:semver/>=1.0.0|<2.0.0");
  EXPECT_FALSE(VersRange::Build("semver", {}).ok());
  EXPECT_FALSE(VersRange::Build("nosuch", {{Comparator::kEqual, "1"}}).ok());
}

TEST(Vers, SchemeForVersType) {
  ASSERT_NE(SchemeForVersType("npm"), nullptr);
  EXPECT_EQ(SchemeForVersType("npm")->Name(), "npm");
  EXPECT_EQ(SchemeForVersType("pypi")->Name(), "pypi");
  EXPECT_EQ(SchemeForVersType("nginx")->Name(), "semver");
  EXPECT_EQ(SchemeForVersType("no-such-type"), nullptr);
}

}  // namespace
}  // namespace soupkeeper::range
