// `soupkeeper config ...` end to end, on every backend, with certificates made
// at run time relative to the real clock (the binary reads the real time).
#include <gtest/gtest.h>

#include <fstream>

#include "config/cert_fixtures.h"
#include "soupkeeper/hash.h"
#include "store/backends.h"
#include "support/corpus.h"

namespace soupkeeper::testing {
namespace {

namespace fs = std::filesystem;

class ConfigCliTest : public BackendTest {
 protected:
  CliResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", uri_, "--actor", "alice"});
    return RunCli(args);
  }

  std::string Write(const std::string& name, const std::string& bytes) {
    fs::path p = dir_.path() / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }

  void AddRelease() {
    ASSERT_EQ(Run({"product", "add", "pump"}).exit_code, 0);
    CliResult r =
        Run({"release", "add", "pump", "2.3.0", "--sbom",
             (fs::path(SOUPKEEPER_SOURCE_DIR) / "demo" / "infusion-pump-controller-2.3.0.cdx.json")
                 .string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  size_t EventCount() {
    CliResult r = Run({"--format", "json", "log", "show"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out)["events"].size();
  }

  const time_t now_ = std::time(nullptr);
  Key ca_key_ = EcKey();
  Key leaf_key_ = RsaKey();
  Cert ca_ =
      MakeCert("Pump Root CA", ca_key_.get(), 0x1001, now_ - 86400, now_ + 3650 * 86400L, true);
  Cert leaf_ = MakeCert("pump.example", leaf_key_.get(), 0x2a, now_ - 86400, now_ + 20 * 86400L,
                        false, ca_.get(), ca_key_.get());
};

TEST_P(ConfigCliTest, AddListShowJson) {
  AddRelease();
  const std::string chain = CertPem(leaf_.get()) + CertPem(ca_.get());
  const std::string file = Write("server.pem", chain);
  const std::string der = Write("ca.der", CertDer(ca_.get()));
  CliResult r = Run({"config", "add", "pump", "2.3.0", file, der, "--reason", "TLS"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("added certificate server.pem to release pump 2.3.0: path server.pem, " +
                       std::to_string(chain.size()) + " bytes, sha256 " + Sha256Hex(chain) +
                       ", 2 certificates, expires "),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("added certificate ca.der"), std::string::npos);

  r = Run({"--format", "json", "config", "show", "pump", "2.3.0", "server.pem"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["kind"], "certificate");
  EXPECT_EQ(j["sha256"], Sha256Hex(chain));
  ASSERT_EQ(j["certificates"].size(), 2u);
  EXPECT_EQ(j["certificates"][0]["subject"], "CN=pump.example");
  EXPECT_EQ(j["certificates"][0]["serial"], "2a");
  EXPECT_EQ(j["certificates"][0]["sha256"], Sha256Hex(CertDer(leaf_.get())));
  EXPECT_EQ(j["certificates"][0]["key"]["bits"], 2048);
  EXPECT_EQ(j["certificates"][1]["ca"], true);

  r = Run({"config", "show", "pump", "2.3.0", "ca.der"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  key:         EC 256 P-256\n  self-signed: yes\n  CA:          yes\n"),
            std::string::npos)
      << r.out;

  r = Run({"config", "add", "pump", "2.3.0", file});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: release pump 2.3.0 already has a configuration item 'server.pem' (give "
            "another with --name)\n");
  r = Run({"config", "show", "pump", "2.3.0", "nope"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "soupkeeper: release pump 2.3.0 has no configuration item 'nope'\n");
}

TEST_P(ConfigCliTest, PrivateKeysAreRefusedAndNothingIsStored) {
  AddRelease();
  const size_t before = EventCount();
  const std::string cert = Write("ok.pem", CertPem(ca_.get()));
  const std::string pkcs8 = Pkcs8Pem(leaf_key_.get());
  const std::string key = Write("server.key", pkcs8);
  // The good file first: the refusal of the second stores neither.
  CliResult r = Run({"config", "add", "pump", "2.3.0", cert, key, "--kind", "other"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "soupkeeper: " + key +
                       ": contains a PEM \"PRIVATE KEY\" block (line 1); private key material is "
                       "never recorded (nothing was stored)\n");
  EXPECT_EQ(r.out, "");
  const std::string p12 = Write("pump.p12", Pkcs12Der(leaf_key_.get(), leaf_.get()));
  r = Run({"config", "add", "pump", "2.3.0", p12});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("contains a PKCS#12 file"), std::string::npos);
  EXPECT_EQ(EventCount(), before);
  r = Run({"--format", "json", "config", "list", "pump", "2.3.0"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(r.out)["items"].size(), 0u);
  // No trace of the key in the trail.
  r = Run({"--format", "json", "log", "show"});
  const std::string body = pkcs8.substr(28, 40);
  EXPECT_EQ(r.out.find(body), std::string::npos);
  EXPECT_EQ(r.out.find(Sha256Hex(pkcs8)), std::string::npos);
}

TEST_P(ConfigCliTest, ExpiringVerifyAndServices) {
  AddRelease();
  const std::string chain = CertPem(leaf_.get()) + CertPem(ca_.get());
  Write("src/server.pem", chain);
  Write("src/sshd_config", "PermitRootLogin no\n");
  CliResult r = Run({"config", "add", "pump", "2.3.0", (dir_.path() / "src/server.pem").string(),
                     "--path", "etc/ssl/server.pem"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Run({"config", "add", "pump", "2.3.0", (dir_.path() / "src/sshd_config").string(), "--kind",
           "hardening", "--path", "etc/ssh/sshd_config"});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  r = Run({"config", "expiring", "--within", "10"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "no certificate expires within 10 days or before its release's planned end "
            "of support\n");
  r = Run({"config", "expiring"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("pump 2.3.0  server.pem  CN=pump.example  not after "), std::string::npos);
  EXPECT_NE(r.out.find("(19 days left)"), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "soupkeeper: 1 certificate needs attention\n");
  // Support planned beyond the CA's ten years: it is reported too.
  ASSERT_EQ(Run({"config", "support-until", "pump", "2.3.0", "2099-12-31"}).exit_code, 0);
  r = Run({"--format", "json", "config", "expiring", "--product", "pump"});
  EXPECT_EQ(r.exit_code, 1);
  nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["certificates"].size(), 2u);
  EXPECT_EQ(j["certificates"][1]["certificate"]["subject"], "CN=Pump Root CA");
  EXPECT_EQ(j["certificates"][1]["before_end_of_support"], "2099-12-31");
  EXPECT_EQ(j["certificates"][1]["within_horizon"], false);

  Write("root/etc/ssl/server.pem", chain);
  Write("root/etc/ssh/sshd_config", "PermitRootLogin no\n");
  const std::string root = (dir_.path() / "root").string();
  r = Run({"config", "verify", "pump", "2.3.0", "--root", root});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "unchanged  etc/ssl/server.pem\nunchanged  etc/ssh/sshd_config\nno drift: 2 files as "
            "recorded\n");

  Write("root/etc/ssl/extra.pem", "not recorded");
  r = Run({"config", "verify", "pump", "2.3.0", "--root", root, "--new"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out,
            "unchanged  etc/ssl/server.pem\nunchanged  etc/ssh/sshd_config\nnew        "
            "etc/ssl/extra.pem\n");

  ASSERT_EQ(Run({"config", "service", "pump", "2.3.0", "--service", "auth", "--api-version", "v2",
                 "--provider", "Azure"})
                .exit_code,
            0);
  r = Run(
      {"config", "service-observe", "pump", "2.3.0", "--service", "auth", "--api-version", "v3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "observed service auth of release pump 2.3.0: API v3 differs from the "
            "declared v2\n");
  Write("root/etc/ssh/sshd_config", "PermitRootLogin yes\n");
  fs::remove(dir_.path() / "root/etc/ssl/server.pem");
  r = Run({"config", "verify", "pump", "2.3.0", "--root", root});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out,
            "missing    etc/ssl/server.pem\nchanged    etc/ssh/sshd_config\ndrift      service "
            "auth: declared API v2, observed v3\n");
  EXPECT_EQ(r.err,
            "soupkeeper: 3 differences from the recorded configuration of release pump 2.3.0\n");
  r = Run({"config", "list", "pump", "2.3.0"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("service auth  Azure  api v2  observed v3  DRIFT\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("planned end of support: 2099-12-31\n"), std::string::npos);

  // Frozen: the baseline takes no more items.
  ASSERT_EQ(Run({"release", "freeze", "pump", "2.3.0", "--no-gate", "--reason", "no SOUP records"})
                .exit_code,
            0);
  r = Run({"config", "add", "pump", "2.3.0", (dir_.path() / "src/sshd_config").string(), "--name",
           "again"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: release pump 2.3.0 is released and its baseline is immutable: "
            "configuration items are added only to a draft release (add a new release, or record "
            "a correction with `release erratum`)\n");
  r = Run({"log", "verify"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

SK_INSTANTIATE_BACKENDS(ConfigCliTest);

}  // namespace
}  // namespace soupkeeper::testing
