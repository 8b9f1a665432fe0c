// `soupkeeper release ...` end to end, on every backend.
#include <gtest/gtest.h>

#include <fstream>

#include "release/sbom_fixtures.h"
#include "soupkeeper/hash.h"
#include "store/backends.h"
#include "support/corpus.h"

namespace soupkeeper::testing {
namespace {

namespace fs = std::filesystem;

class ReleaseCliTest : public BackendTest {
 protected:
  CliResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", uri_, "--actor", "alice"});
    return RunCli(args);
  }

  std::string Demo(const std::string& version) {
    return (fs::path(SOUPKEEPER_SOURCE_DIR) / "demo" /
            ("infusion-pump-controller-" + version + ".cdx.json"))
        .string();
  }

  std::string Write(const std::string& name, const std::string& bytes) {
    fs::path p = dir_.path() / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }

  void AddProduct() {
    CliResult r = Run({"product", "add", "pump"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  size_t EventCount() {
    CliResult r = Run({"--format", "json", "log", "show"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out)["events"].size();
  }
};

TEST_P(ReleaseCliTest, AddShowFreezeAndExactBytes) {
  AddProduct();
  const std::string file = Demo("2.3.0");
  const std::string bytes = ReadFileOrFail(file);
  const std::string sha = Sha256Hex(bytes);
  CliResult r = Run({"release", "add", "pump", "2.3.0", "--sbom", file, "--commit", "a1b2c3",
                     "--build", "ci-881", "--date", "2026-10-05", "--reason", "release build"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The knowledge base is empty: the first evaluation finds nothing.
  EXPECT_EQ(r.out, "added release pump 2.3.0 (draft): 10 components, CycloneDX JSON 1.6, sha256 " +
                       sha +
                       "\nfindings: pump 2.3.0: 0 new, 0 withdrawn, 0 changed, 0 restored, 0 "
                       "newly in KEV (full); 0 open, 0 withdrawn\n");

  r = Run({"release", "sbom", "pump", "2.3.0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Sha256Hex(r.out), sha);
  EXPECT_EQ(r.out, bytes);

  r = Run({"release", "sbom", "pump", "2.3.0", "--normalized"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  CliResult show = RunCli({"sbom", "show", file});
  ASSERT_EQ(show.exit_code, 0);
  EXPECT_EQ(r.out, show.out);

  // --to: the stored document converted, as `sbom convert` converts the file.
  r = Run({"release", "sbom", "pump", "2.3.0", "--to", "spdx-json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  CliResult converted = RunCli({"sbom", "convert", file, "--to", "spdx-json"});
  ASSERT_EQ(converted.exit_code, 0);
  EXPECT_EQ(r.out, converted.out);
  EXPECT_NE(r.out.find("\"spdxVersion\": \"SPDX-2.3\""), std::string::npos);
  r = Run({"release", "sbom", "pump", "2.3.0", "--to", "spdx3-jsonld"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  converted = RunCli({"sbom", "convert", file, "--to", "spdx3-jsonld"});
  ASSERT_EQ(converted.exit_code, 0);
  EXPECT_EQ(r.out, converted.out);
  EXPECT_NE(r.out.find("\"specVersion\": \"3.0.1\""), std::string::npos);
  r = Run({"release", "sbom", "pump", "2.3.0", "--to", "pdf"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: --to: 'pdf' is not one of cyclonedx-json, cyclonedx-xml, spdx-json, "
            "spdx-tv, spdx3-jsonld\n");

  // The gate (tests/gate) is skipped: these tests keep no SOUP records.
  r = Run({"release", "freeze", "pump", "2.3.0", "--no-gate", "--reason", "QA sign-off"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "release pump 2.3.0: draft -> released\n");
  r = Run({"release", "freeze", "pump", "2.3.0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "soupkeeper: release pump 2.3.0 is already released\n");

  r = Run({"--format", "json", "release", "show", "pump", "2.3.0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["status"], "released");
  EXPECT_EQ(j["source_revision"], "a1b2c3");
  EXPECT_EQ(j["build_id"], "ci-881");
  EXPECT_EQ(j["release_date"], "2026-10-05");
  EXPECT_EQ(j["sbom_sha256"], sha);
  EXPECT_EQ(j["sbom"]["components"], 10);
  EXPECT_EQ(j["sbom"]["dependencies"], 12);
  EXPECT_EQ(j["sbom"]["size_bytes"], bytes.size());
  EXPECT_EQ(j["sbom"]["format"], "CycloneDX JSON");
  EXPECT_TRUE(j["frozen_at"].is_string());
  EXPECT_EQ(j["errata"], nlohmann::json::array());

  r = Run({"release", "erratum", "pump", "2.3.0", "--note", "build id should read ci-881b"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "recorded erratum 1 of release pump 2.3.0 (the baseline is unchanged)\n");

  r = Run({"release", "show", "pump", "2.3.0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("status:           released\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("build id:         ci-881\n"), std::string::npos);
  EXPECT_NE(r.out.find("sbom:             CycloneDX JSON 1.6, " + std::to_string(bytes.size()) +
                       " bytes, sha256 " + sha + "\n"),
            std::string::npos);
  EXPECT_NE(r.out.find("components:       10 (12 dependency edges)\n"), std::string::npos);
  EXPECT_NE(r.out.find("  build id should read ci-881b\n"), std::string::npos);

  r = Run({"release", "retire", "pump", "2.3.0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "release pump 2.3.0: released -> retired\n");

  r = Run({"release", "list", "pump"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "pump  2.3.0  retired  2026-10-05  sbom " + sha.substr(0, 12) + "\n");

  r = Run({"log", "verify"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  // product.add, sbom.store, release.add, findings.evaluate, freeze, erratum,
  // retire.
  EXPECT_EQ(EventCount(), 7u);
}

TEST_P(ReleaseCliTest, ErrorsAreExitTwoAndWriteNothing) {
  AddProduct();
  const std::string file = Demo("2.3.0");
  CliResult r = Run({"release", "add", "nope", "1.0", "--sbom", file});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "soupkeeper: no product named 'nope'\n");

  const std::string bad =
      Write("bad.cdx.json", R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
"components":[{"type":"library","name":"x","purl":"pkg:npm/x@1","hashes":[{"alg":"MD5","content":"zz"}]}]})");
  r = Run({"release", "add", "pump", "1.0", "--sbom", bad});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("soupkeeper: " + bad + ": /components/0/hashes/0/content: ", 0), 0u)
      << r.err;
  EXPECT_EQ(EventCount(), 1u);

  r = Run({"release", "add", "pump", "1.0", "--sbom", file, "--previous", "0.9"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "soupkeeper: previous release: product 'pump' has no release '0.9'\n");
  r = Run({"release", "add", "pump", "1.0", "--sbom", file, "--date", "05.10.2026"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: invalid release date '05.10.2026': not in the form YYYY-MM-DD "
            "(expected YYYY-MM-DD)\n");
  EXPECT_EQ(EventCount(), 1u);

  ASSERT_EQ(Run({"release", "add", "pump", "1.0", "--sbom", file}).exit_code, 0);
  r = Run({"release", "add", "pump", "1.0", "--sbom", file});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: release pump 1.0 already exists (a stored release is never replaced; "
            "add a new version)\n");
  r = Run({"release", "show", "pump", "2.0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "soupkeeper: product 'pump' has no release '2.0'\n");
  r = Run({"release", "erratum", "pump", "1.0", "--note", "x"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: release pump 1.0 is a draft; errata record corrections of released "
            "releases (add a corrected draft as a new version instead)\n");
  // product.add, sbom.store, release.add, findings.evaluate.
  EXPECT_EQ(EventCount(), 4u);
}

// A supplier's SBOM that breaks its spec only where every package stays
// identifiable is taken, each tolerated deviation on stderr; `sbom
// validate` still says it is not valid (docs/parts/spdx.md).
TEST_P(ReleaseCliTest, ToleratedDeviationsAreTakenWithWarnings) {
  AddProduct();
  const std::string file = Write("supplier.spdx.json", R"({"spdxVersion": "SPDX-2.3",
  "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT", "name": "x",
  "documentNamespace": "https://example.com/x",
  "creationInfo": {"created": "2024-01-02T03:04:05Z", "creators": ["Tool: hand"]},
  "packages": [{"SPDXID": "SPDXRef-zlib", "name": "zlib", "versionInfo": "1.3",
    "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                      "referenceLocator": "pkg:generic/zlib@1.3"}]}]})");
  CliResult r = Run({"release", "add", "pump", "1.0", "--sbom", file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "warning: " + file +
                       ": /packages/0: spec violation tolerated: 1 package lacks "
                       "'downloadLocation' (required by SPDX 2.3; read as NOASSERTION)\n");
  EXPECT_EQ(r.out.rfind("added release pump 1.0 (draft): 1 component", 0), 0u) << r.out;
  EXPECT_EQ(Run({"sbom", "validate", file}).exit_code, 1);
}

// The demo's 2.3.0 -> 2.4.0, worked out from the two files: OpenSSL
// 1.0.1f -> 3.0.13 (license OpenSSL -> Apache-2.0), zlib 1.2.11 -> 1.3.1,
// libwebp removed, cJSON added, seven components unchanged.
TEST_P(ReleaseCliTest, DiffOfTheDemoReleases) {
  AddProduct();
  ASSERT_EQ(Run({"release", "add", "pump", "2.3.0", "--sbom", Demo("2.3.0")}).exit_code, 0);
  ASSERT_EQ(Run({"release", "add", "pump", "2.4.0", "--sbom", Demo("2.4.0"), "--previous", "2.3.0"})
                .exit_code,
            0);
  CliResult r = Run({"release", "diff", "pump", "2.3.0", "2.4.0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "release diff pump 2.3.0 -> 2.4.0\n"
            "added       pkg:github/davegamble/cjson 1.7.18\n"
            "removed     pkg:generic/libwebp 1.3.1\n"
            "upgraded    pkg:generic/openssl 1.0.1f -> 3.0.13\n"
            "upgraded    pkg:generic/zlib 1.2.11 -> 1.3.1\n"
            "licenses    pkg:generic/openssl 3.0.13: OpenSSL -> Apache-2.0\n"
            "1 added, 1 removed, 2 upgraded, 0 downgraded, 0 other version changes, 1 attribute "
            "changes, 7 unchanged\n"
            "0 fixed, 0 new, 0 remaining vulnerabilities\n");
  r = Run({"--format", "json", "release", "diff", "pump", "2.4.0", "2.3.0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["summary"], nlohmann::json::parse(R"({"added":1,"removed":1,"upgraded":0,
            "downgraded":2,"changed":0,"attributes":1,"unchanged":7})"));
  EXPECT_EQ(j["added"][0]["identity"], "pkg:generic/libwebp");
  EXPECT_EQ(j["downgraded"][0]["before"], "3.0.13");
  EXPECT_EQ(j["downgraded"][0]["after"], "1.0.1f");
  r = Run({"release", "diff", "pump", "2.3.0", "9.9"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST_P(ReleaseCliTest, VerifyComparesAFreshSbomWithTheBaseline) {
  AddProduct();
  const std::string file = Demo("2.3.0");
  ASSERT_EQ(Run({"release", "add", "pump", "2.3.0", "--sbom", file}).exit_code, 0);
  CliResult r = Run({"release", "verify", "pump", "2.3.0", "--sbom", file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, file +
                       " reproduces the baseline of release pump 2.3.0: 10 components, same "
                       "versions and hashes (identical bytes)\n");

  // Same components in other bytes (no whitespace): still reproduced.
  const std::string compact =
      Write("compact.json", nlohmann::json::parse(ReadFileOrFail(file)).dump());
  r = Run({"release", "verify", "pump", "2.3.0", "--sbom", compact});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, compact +
                       " reproduces the baseline of release pump 2.3.0: 10 components, same "
                       "versions and hashes\n");

  // A rebuild with one hash and one version different.
  nlohmann::json doc = nlohmann::json::parse(ReadFileOrFail(file));
  doc["components"][1]["hashes"][0]["content"] = Hex64('0');  // zlib
  doc["components"][7]["version"] = "4.17.21";                // lodash
  doc["components"][7]["purl"] = "pkg:npm/lodash@4.17.21";
  const std::string rebuilt = Write("rebuilt.json", doc.dump(2));
  r = Run({"release", "verify", "pump", "2.3.0", "--sbom", rebuilt});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out,
            "upgraded    pkg:npm/lodash 4.17.20 -> 4.17.21\n"
            "hashes      pkg:generic/zlib 1.2.11: "
            "SHA256:bca083dfac2976da78f68957dcc80386c8457ae766c839dd73bd6cc2f93ef784 -> "
            "SHA256:" +
                Hex64('0') +
                "\n"
                "0 added, 0 removed, 1 upgraded, 0 downgraded, 0 other version changes, 1 "
                "attribute changes, 8 unchanged\n");
  EXPECT_EQ(r.err,
            "soupkeeper: " + rebuilt + " does not reproduce the baseline of release pump 2.3.0\n");
  r = Run({"--format", "json", "release", "verify", "pump", "2.3.0", "--sbom", rebuilt});
  EXPECT_EQ(r.exit_code, 1);
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_FALSE(j["identical"]);
  EXPECT_FALSE(j["same_bytes"]);
  EXPECT_EQ(j["diff"]["summary"]["upgraded"], 1);

  r = Run({"release", "verify", "pump", "2.3.0", "--sbom", Write("bad.json", "{}")});
  EXPECT_EQ(r.exit_code, 2);
}

TEST_P(ReleaseCliTest, ChangedBytesAreReportedBySbomVerifyAndLogVerify) {
  AddProduct();
  const std::string file = Demo("2.3.0");
  const std::string original = ReadFileOrFail(file);
  const std::string sha = Sha256Hex(original);
  ASSERT_EQ(Run({"release", "add", "pump", "2.3.0", "--sbom", file}).exit_code, 0);
  ASSERT_EQ(Run({"release", "freeze", "pump", "2.3.0", "--no-gate", "--reason", "no SOUP records"})
                .exit_code,
            0);
  Attack(GetParam() == Backend::kSqlite ? "DROP TRIGGER sbom_documents_no_update"
                                        : "DROP TRIGGER sbom_documents_guard ON sbom_documents");
  Attack("UPDATE sbom_documents SET content = replace(content, 'log4j-core', 'log4j-kore')");
  CliResult r = Run({"release", "sbom", "pump", "2.3.0"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("soupkeeper: stored SBOM of release pump 2.3.0 does not match its "
                        "SHA-256: recorded " +
                            sha + ", the stored bytes hash to ",
                        0),
            0u)
      << r.err;
  r = Run({"log", "verify"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out.rfind("sbom:" + sha + ": the stored bytes (" + std::to_string(original.size()) +
                            " bytes, SHA-256 ",
                        0),
            0u)
      << r.out;
  r = Run({"release", "verify", "pump", "2.3.0", "--sbom", file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out.rfind("baseline    sbom:" + sha + ": the stored bytes", 0), 0u) << r.out;
}

SK_INSTANTIATE_BACKENDS(ReleaseCliTest);

}  // namespace
}  // namespace soupkeeper::testing
