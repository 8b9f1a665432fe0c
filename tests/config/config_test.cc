// Configuration items: reading certificates, keys and other files (with
// certificates made at run time), the refusal of private key material, and
// on every store backend the draft-only rule (library and triggers), expiry,
// file drift, cloud services and the audit trail.
#include <gtest/gtest.h>

#include "config/cert_fixtures.h"
#include "soupkeeper/config_item.h"
#include "soupkeeper/hash.h"
#include "soupkeeper/product.h"
#include "soupkeeper/release.h"
#include "store/backends.h"

namespace soupkeeper::testing {
namespace {

constexpr time_t kNow = 1772600767;  // TestTime(): 2026-03-04T05:06:07Z
constexpr time_t kDay = 86400;

// A CA (EC P-256), a server certificate it issued (RSA 2048, 30 days left)
// and an expired self-signed Ed25519 certificate.
struct Pki {
  Key ca_key = EcKey();
  Key leaf_key = RsaKey();
  Key ed_key = Ed25519Key();
  Cert ca = MakeCert("Pump Root CA", ca_key.get(), 0x1001, kNow - kDay, kNow + 400 * kDay, true);
  Cert leaf = MakeCert("pump.example", leaf_key.get(), 0xabcdef, kNow - kDay, kNow + 30 * kDay,
                       false, ca.get(), ca_key.get());
  Cert expired = MakeCert("old device", ed_key.get(), 7, kNow - 400 * kDay, kNow - 2 * kDay, false);
};

Pki& Shared() {
  static Pki* pki = new Pki();
  return *pki;
}

config::FileFacts Facts(const std::string& bytes, std::optional<config::Kind> kind = {}) {
  auto f = config::Inspect(bytes, "file.pem", kind);
  EXPECT_TRUE(f.ok()) << f.status().message();
  return f.ok() ? *f : config::FileFacts{};
}

TEST(Inspect, ChainPemInFileOrder) {
  Pki& p = Shared();
  const std::string chain = CertPem(p.leaf.get()) + CertPem(p.ca.get());
  config::FileFacts f = Facts(chain);
  EXPECT_EQ(f.kind, config::Kind::kCertificate);
  EXPECT_EQ(f.sha256, Sha256Hex(chain));
  EXPECT_EQ(f.size_bytes, static_cast<int64_t>(chain.size()));
  ASSERT_EQ(f.certificates.size(), 2u);
  const config::CertificateInfo& leaf = f.certificates[0];
  EXPECT_EQ(leaf.subject, "CN=pump.example");
  EXPECT_EQ(leaf.issuer, "CN=Pump Root CA");
  EXPECT_EQ(leaf.serial, "abcdef");
  EXPECT_EQ(leaf.sha256, Sha256Hex(CertDer(p.leaf.get())));
  EXPECT_EQ(leaf.not_before, "2026-03-03T05:06:07Z");
  EXPECT_EQ(leaf.not_after, "2026-04-03T05:06:07Z");
  EXPECT_EQ(leaf.key.type, "RSA");
  EXPECT_EQ(leaf.key.bits, 2048);
  EXPECT_EQ(leaf.key.curve, "");
  EXPECT_EQ(leaf.key.sha256, Sha256Hex(PublicDer(p.leaf_key.get())));
  EXPECT_FALSE(leaf.self_signed);
  EXPECT_FALSE(leaf.ca);
  const config::CertificateInfo& ca = f.certificates[1];
  EXPECT_EQ(ca.subject, "CN=Pump Root CA");
  EXPECT_EQ(ca.serial, "1001");
  EXPECT_EQ(ca.not_after, "2027-04-08T05:06:07Z");
  EXPECT_EQ(ca.key.type, "EC");
  EXPECT_EQ(ca.key.bits, 256);
  EXPECT_EQ(ca.key.curve, "P-256");
  EXPECT_TRUE(ca.self_signed);
  EXPECT_TRUE(ca.ca);
}

TEST(Inspect, DerCertificateAndEd25519) {
  Pki& p = Shared();
  config::FileFacts f = Facts(CertDer(p.expired.get()));
  EXPECT_EQ(f.kind, config::Kind::kCertificate);
  ASSERT_EQ(f.certificates.size(), 1u);
  EXPECT_EQ(f.certificates[0].key.type, "Ed25519");
  EXPECT_EQ(f.certificates[0].key.bits, 0);
  EXPECT_EQ(f.certificates[0].serial, "07");  // whole bytes, as `openssl x509 -serial`
  EXPECT_EQ(f.certificates[0].not_after, "2026-03-02T05:06:07Z");
  EXPECT_TRUE(f.certificates[0].self_signed);
}

TEST(Inspect, PublicKeysPemAndDer) {
  Pki& p = Shared();
  for (const std::string& bytes : {PublicPem(p.ca_key.get()), PublicDer(p.ca_key.get())}) {
    config::FileFacts f = Facts(bytes);
    EXPECT_EQ(f.kind, config::Kind::kPublicKey);
    ASSERT_TRUE(f.public_key.has_value());
    EXPECT_EQ(f.public_key->type, "EC");
    EXPECT_EQ(f.public_key->curve, "P-256");
    EXPECT_EQ(f.public_key->sha256, Sha256Hex(PublicDer(p.ca_key.get())));
    EXPECT_TRUE(f.certificates.empty());
  }
}

TEST(Inspect, OtherFilesAndExplicitKinds) {
  config::FileFacts f = Facts("PermitRootLogin no\n");
  EXPECT_EQ(f.kind, config::Kind::kOther);
  EXPECT_EQ(f.sha256, Sha256Hex("PermitRootLogin no\n"));
  f = Facts("PermitRootLogin no\n", config::Kind::kHardening);
  EXPECT_EQ(f.kind, config::Kind::kHardening);
  // A policy that embeds a certificate is fingerprinted, not decoded.
  f = Facts(CertPem(Shared().ca.get()), config::Kind::kPolicy);
  EXPECT_EQ(f.kind, config::Kind::kPolicy);
  EXPECT_TRUE(f.certificates.empty());

  auto bad = config::Inspect("hello\n", "notes.txt", config::Kind::kCertificate);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "notes.txt: no X.509 certificate found (expected PEM CERTIFICATE blocks or a DER "
            "certificate)");
  bad = config::Inspect("x\n-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n",
                        "broken.pem", std::nullopt);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "broken.pem: PEM block 1 (line 2, CERTIFICATE): not valid PEM (base64)");
  bad = config::Inspect("k", "k", config::Kind::kPublicKey);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(config::ParseKind("secret").status().message(),
            "unknown configuration item kind 'secret' (expected certificate, public-key, policy, "
            "acl, hardening or other)");
}

TEST(Inspect, RefusesEveryKindOfPrivateKey) {
  Pki& p = Shared();
  struct Case {
    std::string name;
    std::string bytes;
    std::string found;
  };
  const std::string cert = CertPem(p.leaf.get());
  const std::vector<Case> cases = {
      {"pkcs8.pem", Pkcs8Pem(p.leaf_key.get()), "a PEM \"PRIVATE KEY\" block (line 1)"},
      {"rsa.pem", TraditionalPem(p.leaf_key.get()), "a PEM \"RSA PRIVATE KEY\" block (line 1)"},
      {"ec.pem", TraditionalPem(p.ca_key.get()), "a PEM \"EC PRIVATE KEY\" block (line 1)"},
      {"enc.pem", EncryptedPem(p.ca_key.get()), "a PEM \"ENCRYPTED PRIVATE KEY\" block (line 1)"},
      {"id_ed25519", OpenSshPem(), "a PEM \"OPENSSH PRIVATE KEY\" block (line 1)"},
      // A key bundled after its certificate: the line of the key block.
      {"bundle.pem", cert + Pkcs8Pem(p.ed_key.get()),
       "a PEM \"PRIVATE KEY\" block (line " +
           std::to_string(std::count(cert.begin(), cert.end(), '\n') + 1) + ")"},
      {"pump.p12", Pkcs12Der(p.leaf_key.get(), p.leaf.get()), "a PKCS#12 file"},
      {"key.der", Pkcs8Der(p.leaf_key.get()), "a DER PKCS#8 private key"},
      {"key.enc.der", EncryptedPkcs8Der(p.ca_key.get()), "a DER encrypted PKCS#8 private key"},
      {"rsa.der", TraditionalDer(p.leaf_key.get()), "a DER private key"},
      {"pump.ppk", "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n", "a PuTTY private key"},
  };
  for (const Case& c : cases) {
    for (std::optional<config::Kind> kind :
         {std::optional<config::Kind>{}, std::optional<config::Kind>{config::Kind::kOther}}) {
      auto r = config::Inspect(c.bytes, c.name, kind);
      ASSERT_FALSE(r.ok()) << c.name;
      EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
      EXPECT_EQ(r.status().message(),
                c.name + ": contains " + c.found +
                    "; private key material is never recorded (nothing was stored)")
          << c.name;
    }
  }
}

class ConfigTest : public BackendTest {
 protected:
  std::unique_ptr<store::Store> StoreWithRelease() {
    auto s = OpenStore();
    product::Product p;
    p.name = "pump";
    EXPECT_TRUE(product::Add(*s, {"alice", ""}, p).ok());
    release::NewRelease r;
    r.product = "pump";
    r.version = "2.3.0";
    r.sbom_bytes = ReadFileOrFail(std::filesystem::path(SOUPKEEPER_SOURCE_DIR) / "demo" /
                                  "infusion-pump-controller-2.3.0.cdx.json");
    r.sbom_source = "pump.cdx.json";
    CollectingSink sink;
    EXPECT_TRUE(release::Add(*s, {"alice", ""}, r, sink).ok());
    return s;
  }

  std::vector<config::NewItem> Items() {
    Pki& p = Shared();
    return {
        {"server.pem", "etc/ssl/server.pem", Facts(CertPem(p.leaf.get()) + CertPem(p.ca.get()))},
        {"old.der", "etc/ssl/old.der", Facts(CertDer(p.expired.get()))},
        {"sshd_config", "etc/ssh/sshd_config",
         Facts("PermitRootLogin no\n", config::Kind::kHardening)}};
  }

  int64_t Count(const std::string& table) {
    auto rows = Raw()->Query("SELECT COUNT(*) FROM " + table, {});
    EXPECT_TRUE(rows.ok());
    return *rows->rows[0].Int(0);
  }
};

TEST_P(ConfigTest, AddsListsAndAudits) {
  auto s = StoreWithRelease();
  auto added = config::Add(*s, {"alice", "release 2.3.0 certificates"}, "pump", "2.3.0", Items());
  ASSERT_TRUE(added.ok()) << added.status().message();
  ASSERT_EQ(added->size(), 3u);
  auto item = config::Get(*s, "pump", "2.3.0", "server.pem");
  ASSERT_TRUE(item.ok()) << item.status().message();
  EXPECT_EQ(item->path, "etc/ssl/server.pem");
  EXPECT_EQ(item->facts.kind, config::Kind::kCertificate);
  ASSERT_EQ(item->facts.certificates.size(), 2u);
  EXPECT_EQ(item->facts.certificates[1].key.curve, "P-256");
  EXPECT_TRUE(item->facts.certificates[1].ca);
  EXPECT_EQ(item->expires_at, "2026-04-03T05:06:07Z");  // the earliest of the chain
  EXPECT_EQ(item->created_at, "2026-03-04T05:06:07Z");
  auto list = config::List(*s, "pump", "2.3.0");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ((*list)[0].name, "old.der");  // by name
  EXPECT_EQ((*list)[2].facts.kind, config::Kind::kHardening);
  EXPECT_FALSE((*list)[2].expires_at.has_value());

  auto events = s->Events({"config:pump@2.3.0/server.pem", 0});
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].action, "config.add");
  EXPECT_EQ((*events)[0].actor, "alice");
  EXPECT_EQ((*events)[0].Reason(), "release 2.3.0 certificates");
  auto report = s->Verify(std::nullopt);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problems[0].message;
}

TEST_P(ConfigTest, ErrorsWriteNothing) {
  auto s = StoreWithRelease();
  std::vector<config::NewItem> items = Items();
  items.push_back(items[0]);  // the same name twice
  auto r = config::Add(*s, {"alice", ""}, "pump", "2.3.0", items);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(r.status().message(),
            "release pump 2.3.0 already has a configuration item 'server.pem' (give another with "
            "--name)");
  EXPECT_EQ(Count("config_items"), 0);
  items = Items();
  items[1].path = "../etc/passwd";
  r = config::Add(*s, {"alice", ""}, "pump", "2.3.0", items);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "invalid path '../etc/passwd': has an empty, '.' or '..' part (expected a relative "
            "install path such as etc/ssl/ca.pem)");
  items[1].path = "/etc/passwd";
  EXPECT_EQ(config::Add(*s, {"alice", ""}, "pump", "2.3.0", items).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Count("config_items"), 0);
  EXPECT_EQ(config::Add(*s, {"alice", ""}, "pump", "9.9", Items()).status().message(),
            "product 'pump' has no release '9.9'");
  EXPECT_EQ(config::Add(*s, {"alice", ""}, "ventilator", "1", Items()).status().message(),
            "no product named 'ventilator'");
}

TEST_P(ConfigTest, ReleasedBaselineIsImmutable) {
  auto s = StoreWithRelease();
  ASSERT_TRUE(config::Add(*s, {"alice", ""}, "pump", "2.3.0", {Items()[0]}).ok());
  ASSERT_TRUE(config::DeclareService(*s, {"alice", ""}, "pump", "2.3.0", "auth", "v2", "").ok());
  ASSERT_TRUE(release::Freeze(*s, {"alice", ""}, "pump", "2.3.0").ok());
  auto r = config::Add(*s, {"alice", ""}, "pump", "2.3.0", {Items()[1]});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(r.status().message(),
            "release pump 2.3.0 is released and its baseline is immutable: configuration items "
            "are added only to a draft release (add a new release, or record a correction with "
            "`release erratum`)");
  EXPECT_EQ(
      config::DeclareService(*s, {"alice", ""}, "pump", "2.3.0", "dns", "1", "").status().code(),
      StatusCode::kFailedPrecondition);
  // Observations and the support plan are not part of the baseline.
  EXPECT_TRUE(config::ObserveService(*s, {"alice", ""}, "pump", "2.3.0", "auth", "v2").ok());
  EXPECT_TRUE(config::SetSupportUntil(*s, {"alice", ""}, "pump", "2.3.0", "2030-01-01").ok());

  // The database refuses what the library refuses.
  auto raw = Raw();
  EXPECT_FALSE(raw->ExecScript("UPDATE config_items SET sha256 = 'x'").ok());
  EXPECT_FALSE(raw->ExecScript("DELETE FROM config_items").ok());
  EXPECT_FALSE(raw->ExecScript("UPDATE config_services SET api_version = 'v9'").ok());
  EXPECT_FALSE(raw->ExecScript("DELETE FROM config_service_observations").ok());
  EXPECT_FALSE(
      raw->ExecScript("INSERT INTO config_items (product, version, name, entity, kind, path, "
                      "sha256, size_bytes, details, created_at) VALUES ('pump', '2.3.0', 'x', "
                      "'config:pump@2.3.0/x', 'other', 'x', 'aa', 1, '{}', 't')")
          .ok());
  EXPECT_EQ(Count("config_items"), 1);
  auto report = s->Verify(std::nullopt);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok());
}

TEST_P(ConfigTest, ExpiringWithinHorizonAndBeforeEndOfSupport) {
  auto s = StoreWithRelease();
  ASSERT_TRUE(config::Add(*s, {"alice", ""}, "pump", "2.3.0", Items()).ok());
  const TimePoint now = TestTime();
  auto e = config::Expiring(*s, "pump", now, 90);
  ASSERT_TRUE(e.ok()) << e.status().message();
  ASSERT_EQ(e->size(), 2u);  // the expired one, then the leaf; the CA has 400 days
  EXPECT_EQ((*e)[0].certificate.subject, "CN=old device");
  EXPECT_EQ((*e)[0].days_left, -2);
  EXPECT_EQ((*e)[1].certificate.subject, "CN=pump.example");
  EXPECT_EQ((*e)[1].item, "server.pem");
  EXPECT_EQ((*e)[1].days_left, 30);
  EXPECT_TRUE((*e)[1].within_horizon);
  EXPECT_FALSE((*e)[1].support_until.has_value());
  e = config::Expiring(*s, "pump", now, 10);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->size(), 1u);

  // Supported until 2028: the CA (expiring 2027-04-08) needs attention too.
  ASSERT_TRUE(config::SetSupportUntil(*s, {"alice", "plan"}, "pump", "2.3.0", "2028-01-01").ok());
  e = config::Expiring(*s, "", now, 10);
  ASSERT_TRUE(e.ok());
  ASSERT_EQ(e->size(), 3u);
  EXPECT_EQ((*e)[2].certificate.subject, "CN=Pump Root CA");
  EXPECT_FALSE((*e)[2].within_horizon);
  EXPECT_EQ((*e)[2].support_until, "2028-01-01");
  EXPECT_EQ((*e)[2].days_left, 400);
  // A changed plan is audited, as an update of the same entity.
  ASSERT_TRUE(
      config::SetSupportUntil(*s, {"alice", "shorter"}, "pump", "2.3.0", "2026-12-31").ok());
  auto until = config::SupportUntil(*s, "pump", "2.3.0");
  ASSERT_TRUE(until.ok());
  EXPECT_EQ(*until, "2026-12-31");
  auto events = s->Events({"support-plan:pump@2.3.0", 0});
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->size(), 2u);
  EXPECT_EQ(config::SetSupportUntil(*s, {"alice", ""}, "pump", "2.3.0", "2026-02-30").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(config::Expiring(*s, "ventilator", now, 90).status().code(), StatusCode::kNotFound);
}

TEST_P(ConfigTest, VerifyFilesReportsDrift) {
  auto s = StoreWithRelease();
  ASSERT_TRUE(config::Add(*s, {"alice", ""}, "pump", "2.3.0", Items()).ok());
  MemEnv disk(TestTime());
  Pki& p = Shared();
  ASSERT_TRUE(
      disk.WriteFile("/root/etc/ssl/server.pem", CertPem(p.leaf.get()) + CertPem(p.ca.get())).ok());
  ASSERT_TRUE(disk.WriteFile("/root/etc/ssh/sshd_config", "PermitRootLogin yes\n").ok());
  auto checks = config::VerifyFiles(*s, disk, "pump", "2.3.0", "/root");
  ASSERT_TRUE(checks.ok()) << checks.status().message();
  ASSERT_EQ(checks->size(), 3u);
  EXPECT_EQ((*checks)[0].path, "etc/ssl/old.der");
  EXPECT_EQ((*checks)[0].state, "missing");
  EXPECT_EQ((*checks)[0].found_sha256, "");
  EXPECT_EQ((*checks)[1].path, "etc/ssl/server.pem");
  EXPECT_EQ((*checks)[1].state, "unchanged");
  EXPECT_EQ((*checks)[2].state, "changed");
  EXPECT_EQ((*checks)[2].recorded_sha256, Sha256Hex("PermitRootLogin no\n"));
  EXPECT_EQ((*checks)[2].found_sha256, Sha256Hex("PermitRootLogin yes\n"));

  // --new: unrecorded files beside the items (not in other folders).
  ASSERT_TRUE(disk.WriteFile("/root/etc/ssl/rogue-ca.pem", "x").ok());
  ASSERT_TRUE(disk.WriteFile("/root/etc/hosts", "y").ok());
  checks = config::VerifyFiles(*s, disk, "pump", "2.3.0", "/root", true);
  ASSERT_TRUE(checks.ok()) << checks.status().message();
  ASSERT_EQ(checks->size(), 4u);
  EXPECT_EQ((*checks)[3].path, "etc/ssl/rogue-ca.pem");
  EXPECT_EQ((*checks)[3].state, "new");
  EXPECT_EQ((*checks)[3].name, "");
  EXPECT_EQ((*checks)[3].found_sha256, Sha256Hex("x"));
}

TEST_P(ConfigTest, ServiceDrift) {
  auto s = StoreWithRelease();
  auto d =
      config::DeclareService(*s, {"alice", ""}, "pump", "2.3.0", "auth", "2024-05-01", "Azure AD");
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_FALSE(d->drift());
  EXPECT_EQ(d->observations, 0);
  EXPECT_EQ(
      config::DeclareService(*s, {"alice", ""}, "pump", "2.3.0", "auth", "x", "").status().code(),
      StatusCode::kAlreadyExists);
  auto o = config::ObserveService(*s, {"bob", ""}, "pump", "2.3.0", "auth", "2024-05-01");
  ASSERT_TRUE(o.ok());
  EXPECT_FALSE(o->drift());
  o = config::ObserveService(*s, {"bob", "monitoring"}, "pump", "2.3.0", "auth", "2025-01-01");
  ASSERT_TRUE(o.ok());
  EXPECT_TRUE(o->drift());
  EXPECT_EQ(o->observations, 2);
  EXPECT_EQ(o->observed_api_version, "2025-01-01");
  auto all = config::Services(*s, "pump", "2.3.0");
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].provider, "Azure AD");
  EXPECT_TRUE((*all)[0].drift());
  EXPECT_EQ(config::ObserveService(*s, {"bob", ""}, "pump", "2.3.0", "dns", "1").status().message(),
            "release pump 2.3.0 declares no service 'dns' (declare it with `config service`)");
  auto events = s->Events({"service-observation:pump@2.3.0/auth#2", 0});
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].action, "config.service-observe");
  auto report = s->Verify(std::nullopt);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok());
}

SK_INSTANTIATE_BACKENDS(ConfigTest);

}  // namespace
}  // namespace soupkeeper::testing
