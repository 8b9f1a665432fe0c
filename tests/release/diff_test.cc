// The component diff on hand-made pairs with answers worked out by hand.
#include <gtest/gtest.h>

#include "release/sbom_fixtures.h"
#include "soupkeeper/release.h"

namespace soupkeeper::testing {
namespace {

using release::ComponentDiff;
using release::SnapshotComponent;

std::vector<SnapshotComponent> Components(const std::vector<FixtureComponent>& fixture) {
  CollectingSink sink;
  auto doc = sbom::Decode(CycloneDx(fixture), "fixture.json", sink);
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return doc.ok() ? release::ComponentsOf(*doc) : std::vector<SnapshotComponent>{};
}

std::vector<std::string> Versions(const ComponentDiff& d, const std::string& direction) {
  std::vector<std::string> out;
  for (const auto& v : d.versions) {
    if (v.direction == direction) {
      out.push_back(v.identity + " " + v.before.version + " -> " + v.after.version);
    }
  }
  return out;
}

std::vector<std::string> Identities(const std::vector<SnapshotComponent>& v) {
  std::vector<std::string> out;
  for (const auto& c : v) out.push_back(release::IdentityOf(c) + " " + c.version);
  return out;
}

TEST(ReleaseDiff, IdentityIsPurlWithoutVersionElseGroupAndName) {
  SnapshotComponent c;
  c.purl = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar";
  EXPECT_EQ(release::IdentityOf(c), "pkg:maven/org.apache.logging.log4j/log4j-core");
  c.purl = "";
  c.name = "pump-motor-control";
  EXPECT_EQ(release::IdentityOf(c), "name:pump-motor-control");
  c.group = "com.example";
  EXPECT_EQ(release::IdentityOf(c), "name:com.example/pump-motor-control");
  c.purl = "not a purl";
  EXPECT_EQ(release::IdentityOf(c), "name:com.example/pump-motor-control");
}

TEST(ReleaseDiff, IdenticalListsHaveNoDifferences) {
  auto a =
      Components({{"zlib", "1.3.1", "pkg:generic/zlib@1.3.1", Hex64('a'), "Zlib", "z", "", {}}});
  ComponentDiff d = release::DiffComponents(a, a);
  EXPECT_TRUE(d.identical());
  EXPECT_EQ(d.unchanged, 1u);
}

// 2.3.0 -> 2.4.0 of a pump: openssl and zlib upgraded (openssl across a
// major version), lodash downgraded, libwebp removed, cjson added, the
// supplier and license of requests changed, a hash of an unchanged version
// changed, a component without purl matched by name.
TEST(ReleaseDiff, KnownAnswer) {
  auto before = Components({
      {"openssl",
       "1.0.1f",
       "pkg:generic/openssl@1.0.1f",
       Hex64('1'),
       "OpenSSL",
       "OpenSSL SF",
       "",
       {}},
      {"zlib", "1.2.11", "pkg:generic/zlib@1.2.11", Hex64('2'), "Zlib", "zlib project", "", {}},
      {"libwebp", "1.3.1", "pkg:generic/libwebp@1.3.1", Hex64('3'), "BSD-3-Clause", "WebM", "", {}},
      {"lodash", "4.17.21", "pkg:npm/lodash@4.17.21", Hex64('4'), "MIT", "OpenJS", "", {}},
      {"requests", "2.31.0", "pkg:pypi/requests@2.31.0", Hex64('5'), "Apache-2.0", "PSF", "", {}},
      {"urllib3", "1.26.4", "pkg:pypi/urllib3@1.26.4", Hex64('6'), "MIT", "urllib3", "", {}},
      {"pump-motor-control", "4.1.0", "", Hex64('7'), "", "Meridian", "", {}},
  });
  auto after = Components({
      {"openssl",
       "3.0.13",
       "pkg:generic/openssl@3.0.13",
       Hex64('8'),
       "Apache-2.0",
       "OpenSSL SF",
       "",
       {}},
      {"zlib", "1.3.1", "pkg:generic/zlib@1.3.1", Hex64('9'), "Zlib", "zlib project", "", {}},
      {"lodash", "4.17.20", "pkg:npm/lodash@4.17.20", Hex64('4'), "MIT", "OpenJS", "", {}},
      {"requests",
       "2.31.0",
       "pkg:pypi/requests@2.31.0",
       Hex64('5'),
       "MIT",
       "Kenneth Reitz",
       "",
       {}},
      {"urllib3", "1.26.4", "pkg:pypi/urllib3@1.26.4", Hex64('f'), "MIT", "urllib3", "", {}},
      {"pump-motor-control", "4.1.0", "", Hex64('7'), "", "Meridian", "", {}},
      {"cjson", "1.7.18", "pkg:github/davegamble/cjson@1.7.18", Hex64('0'), "MIT", "cJSON", "", {}},
  });
  ComponentDiff d = release::DiffComponents(before, after);
  EXPECT_EQ(Identities(d.added), (std::vector<std::string>{"pkg:github/davegamble/cjson 1.7.18"}));
  EXPECT_EQ(Identities(d.removed), (std::vector<std::string>{"pkg:generic/libwebp 1.3.1"}));
  EXPECT_EQ(Versions(d, "upgraded"),
            (std::vector<std::string>{"pkg:generic/openssl 1.0.1f -> 3.0.13",
                                      "pkg:generic/zlib 1.2.11 -> 1.3.1"}));
  EXPECT_EQ(Versions(d, "downgraded"),
            (std::vector<std::string>{"pkg:npm/lodash 4.17.21 -> 4.17.20"}));
  EXPECT_TRUE(Versions(d, "changed").empty());
  std::vector<std::string> attrs;
  for (const auto& a : d.attributes) {
    attrs.push_back(a.identity + " " + a.attribute + ": " + a.before + " -> " + a.after);
  }
  EXPECT_EQ(attrs, (std::vector<std::string>{
                       "pkg:generic/openssl licenses: OpenSSL -> Apache-2.0",
                       "pkg:pypi/requests supplier: PSF -> Kenneth Reitz",
                       "pkg:pypi/requests licenses: Apache-2.0 -> MIT",
                       "pkg:pypi/urllib3 hashes: SHA256:" + Hex64('6') + " -> SHA256:" + Hex64('f'),
                   }));
  // lodash pairs without attribute changes, pump-motor-control too.
  EXPECT_EQ(d.unchanged, 1u);
  nlohmann::json j = release::ToJson(d);
  EXPECT_EQ(j["summary"],
            nlohmann::json::parse(R"({"added":1,"removed":1,"upgraded":2,"downgraded":1,
              "changed":0,"attributes":4,"unchanged":1})"));
  EXPECT_EQ(j["upgraded"][0], nlohmann::json::parse(R"({"identity":"pkg:generic/openssl",
              "name":"openssl","before":"1.0.1f","after":"3.0.13"})"));
}

// Maven's order is not the text's: 2.9 < 2.14; semver pre-releases sort
// before the release.
TEST(ReleaseDiff, VersionsFollowTheEcosystemOrder) {
  auto a = Components({
      {"log4j-core",
       "2.9.1",
       "pkg:maven/org.apache.logging.log4j/log4j-core@2.9.1",
       "",
       "",
       "",
       "org.apache.logging.log4j",
       {}},
      {"left-pad", "1.3.0", "pkg:npm/left-pad@1.3.0", "", "", "", "", {}},
  });
  auto b = Components({
      {"log4j-core",
       "2.14.1",
       "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
       "",
       "",
       "",
       "org.apache.logging.log4j",
       {}},
      {"left-pad", "1.3.0-rc.1", "pkg:npm/left-pad@1.3.0-rc.1", "", "", "", "", {}},
  });
  ComponentDiff d = release::DiffComponents(a, b);
  EXPECT_EQ(Versions(d, "upgraded"),
            (std::vector<std::string>{"pkg:maven/org.apache.logging.log4j/log4j-core 2.9.1 -> "
                                      "2.14.1"}));
  EXPECT_EQ(Versions(d, "downgraded"),
            (std::vector<std::string>{"pkg:npm/left-pad 1.3.0 -> 1.3.0-rc.1"}));
}

// Two versions of one package on each side (an npm tree): the common one
// pairs, the other two pair in order.
TEST(ReleaseDiff, SeveralVersionsOfOnePackage) {
  auto a = Components({
      {"ms", "2.0.0", "pkg:npm/ms@2.0.0", "", "", "", "", {}},
      {"ms", "2.1.2", "pkg:npm/ms@2.1.2", "", "", "", "", {}},
  });
  auto b = Components({
      {"ms", "2.1.3", "pkg:npm/ms@2.1.3", "", "", "", "", {}},
      {"ms", "2.0.0", "pkg:npm/ms@2.0.0", "", "", "", "", {}},
      {"ms", "3.0.0", "pkg:npm/ms@3.0.0", "", "", "", "", {}},
  });
  ComponentDiff d = release::DiffComponents(a, b);
  EXPECT_EQ(Versions(d, "upgraded"), (std::vector<std::string>{"pkg:npm/ms 2.1.2 -> 2.1.3"}));
  EXPECT_EQ(Identities(d.added), (std::vector<std::string>{"pkg:npm/ms 3.0.0"}));
  EXPECT_TRUE(d.removed.empty());
  EXPECT_EQ(d.unchanged, 1u);
}

TEST(ReleaseDiff, HashAlgorithmSpellingsCompareEqual) {
  SnapshotComponent a, b;
  a.name = b.name = "x";
  a.version = b.version = "1";
  a.hashes = {{"SHA-256", "ABCD"}};
  b.hashes = {{"SHA256", "abcd"}};
  EXPECT_TRUE(release::DiffComponents({a}, {b}).identical());
  b.hashes.push_back({"SHA-1", "ef"});
  ComponentDiff d = release::DiffComponents({a}, {b});
  ASSERT_EQ(d.attributes.size(), 1u);
  EXPECT_EQ(d.attributes[0].before, "SHA256:abcd");
  EXPECT_EQ(d.attributes[0].after, "SHA1:ef, SHA256:abcd");
}

}  // namespace
}  // namespace soupkeeper::testing
