// Test certificates and keys made at run time with OpenSSL: RSA 2048, EC
// P-256 and Ed25519 keys, self-signed and CA-issued certificates with chosen
// serials and validity, and private key files of every kind config refuses.
#ifndef SOUPKEEPER_TESTS_CONFIG_CERT_FIXTURES_H_
#define SOUPKEEPER_TESTS_CONFIG_CERT_FIXTURES_H_

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <memory>
#include <string>

namespace soupkeeper::testing {

struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
using Key = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Cert = std::unique_ptr<X509, X509Free>;

inline Key RsaKey() { return Key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048})); }
inline Key EcKey() { return Key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")); }
inline Key Ed25519Key() { return Key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")); }

// A certificate for `cn` with `key`, signed by `issuer_key` as `issuer`
// (self-signed when issuer is null), valid from `not_before` to `not_after`
// (seconds since the epoch).
inline Cert MakeCert(const std::string& cn, EVP_PKEY* key, long serial, time_t not_before,
                     time_t not_after, bool ca, X509* issuer = nullptr,
                     EVP_PKEY* issuer_key = nullptr) {
  Cert x(X509_new());
  X509_set_version(x.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x.get()), serial);
  ASN1_TIME_set(X509_getm_notBefore(x.get()), not_before);
  ASN1_TIME_set(X509_getm_notAfter(x.get()), not_after);
  X509_set_pubkey(x.get(), key);
  X509_NAME* name = X509_get_subject_name(x.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(x.get(), issuer != nullptr ? X509_get_subject_name(issuer) : name);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer != nullptr ? issuer : x.get(), x.get(), nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, NID_basic_constraints,
                                            ca ? "critical,CA:TRUE" : "CA:FALSE");
  X509_add_ext(x.get(), ext, -1);
  X509_EXTENSION_free(ext);
  EVP_PKEY* signer = issuer_key != nullptr ? issuer_key : key;
  const bool pure = EVP_PKEY_get_base_id(signer) == EVP_PKEY_ED25519;
  X509_sign(x.get(), signer, pure ? nullptr : EVP_sha256());
  return x;
}

template <typename Fn>
std::string WriteBio(Fn fn) {
  BIO* bio = BIO_new(BIO_s_mem());
  fn(bio);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<size_t>(n));
  BIO_free(bio);
  return out;
}

inline std::string CertPem(X509* x) {
  return WriteBio([&](BIO* b) { PEM_write_bio_X509(b, x); });
}
inline std::string CertDer(X509* x) {
  return WriteBio([&](BIO* b) { i2d_X509_bio(b, x); });
}
inline std::string PublicPem(EVP_PKEY* k) {
  return WriteBio([&](BIO* b) { PEM_write_bio_PUBKEY(b, k); });
}
inline std::string PublicDer(EVP_PKEY* k) {
  return WriteBio([&](BIO* b) { i2d_PUBKEY_bio(b, k); });
}
// "-----BEGIN PRIVATE KEY-----"
inline std::string Pkcs8Pem(EVP_PKEY* k) {
  return WriteBio(
      [&](BIO* b) { PEM_write_bio_PKCS8PrivateKey(b, k, nullptr, nullptr, 0, nullptr, nullptr); });
}
// "-----BEGIN RSA PRIVATE KEY-----" / "-----BEGIN EC PRIVATE KEY-----"
inline std::string TraditionalPem(EVP_PKEY* k) {
  return WriteBio([&](BIO* b) {
    PEM_write_bio_PrivateKey_traditional(b, k, nullptr, nullptr, 0, nullptr, nullptr);
  });
}
// "-----BEGIN ENCRYPTED PRIVATE KEY-----"
inline std::string EncryptedPem(EVP_PKEY* k) {
  return WriteBio([&](BIO* b) {
    char pass[] = "secret";
    PEM_write_bio_PKCS8PrivateKey(b, k, EVP_aes_256_cbc(), pass, 6, nullptr, nullptr);
  });
}
inline std::string Pkcs8Der(EVP_PKEY* k) {
  return WriteBio(
      [&](BIO* b) { i2d_PKCS8PrivateKey_bio(b, k, nullptr, nullptr, 0, nullptr, nullptr); });
}
inline std::string EncryptedPkcs8Der(EVP_PKEY* k) {
  return WriteBio([&](BIO* b) {
    char pass[] = "secret";
    i2d_PKCS8PrivateKey_bio(b, k, EVP_aes_256_cbc(), pass, 6, nullptr, nullptr);
  });
}
inline std::string TraditionalDer(EVP_PKEY* k) {
  return WriteBio([&](BIO* b) { i2d_PrivateKey_bio(b, k); });
}
inline std::string Pkcs12Der(EVP_PKEY* k, X509* x) {
  PKCS12* p12 = PKCS12_create("secret", "pump", k, x, nullptr, 0, 0, 0, 0, 0);
  std::string out = WriteBio([&](BIO* b) { i2d_PKCS12_bio(b, p12); });
  PKCS12_free(p12);
  return out;
}
// An OpenSSH private key (the body need not be a real key: the label alone
// is refused).
inline std::string OpenSshPem() {
  return "-----BEGIN OPENSSH PRIVATE KEY-----\n"
         "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
         "-----END OPENSSH PRIVATE KEY-----\n";
}

}  // namespace soupkeeper::testing

#endif  // SOUPKEEPER_TESTS_CONFIG_CERT_FIXTURES_H_
