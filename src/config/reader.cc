// Reading configuration files with OpenSSL 3: PEM blocks and DER
// certificates and public keys, and the refusal of private key material.
// Nothing here keeps or prints the bytes of a private key: messages name the
// file, the PEM label or the DER structure, and the line.
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <ctime>
#include <memory>

#include "config/internal.h"
#include "core/text.h"
#include "soupkeeper/hash.h"

namespace soupkeeper::config {
namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

constexpr Kind kKinds[] = {Kind::kCertificate, Kind::kPublicKey, Kind::kPolicy,
                           Kind::kAcl,         Kind::kHardening, Kind::kOther};

// One "-----BEGIN LABEL-----" ... "-----END LABEL-----" block.
struct PemBlock {
  std::string label;
  size_t line = 0;        // of the BEGIN line, 1-based
  std::string_view text;  // from BEGIN to the end of the END line; empty without an END
};

std::vector<PemBlock> PemBlocks(std::string_view bytes) {
  std::vector<PemBlock> blocks;
  size_t line = 0;
  size_t pos = 0;
  PemBlock* open = nullptr;
  size_t open_start = 0;
  while (pos < bytes.size()) {
    size_t end = bytes.find('\n', pos);
    size_t next = end == std::string_view::npos ? bytes.size() : end + 1;
    std::string_view l = bytes.substr(pos, next - pos);
    ++line;
    while (!l.empty() && (l.back() == '\n' || l.back() == '\r' || l.back() == ' ')) {
      l.remove_suffix(1);
    }
    constexpr std::string_view kBegin = "-----BEGIN ", kEnd = "-----END ", kDashes = "-----";
    if (l.starts_with(kBegin) && l.ends_with(kDashes) && l.size() >= kBegin.size() + 5) {
      blocks.push_back(
          {std::string(l.substr(kBegin.size(), l.size() - kBegin.size() - 5)), line, {}});
      open = &blocks.back();
      open_start = pos;
    } else if (open != nullptr && l.starts_with(kEnd) && l.ends_with(kDashes) &&
               l.substr(kEnd.size(), l.size() - kEnd.size() - 5) == open->label) {
      open->text = bytes.substr(open_start, next - open_start);
      open = nullptr;
    }
    pos = next;
  }
  return blocks;
}

// The DER bytes of one PEM block; nullopt when it does not decode.
std::optional<std::string> PemDer(std::string_view text) {
  BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
  char* name = nullptr;
  char* header = nullptr;
  unsigned char* data = nullptr;
  long len = 0;
  std::optional<std::string> der;
  if (bio && PEM_read_bio(bio.get(), &name, &header, &data, &len) == 1) {
    der.emplace(reinterpret_cast<const char*>(data), static_cast<size_t>(len));
  }
  OPENSSL_free(name);
  OPENSSL_free(header);
  OPENSSL_free(data);
  ERR_clear_error();
  return der;
}

// True when all of `der` parses with `d2i`.
template <typename T, typename D2i, typename Free>
bool IsWhole(std::string_view der, D2i d2i, Free free_fn) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  T* v = d2i(nullptr, &p, static_cast<long>(der.size()));
  ERR_clear_error();
  bool whole = v != nullptr && p == reinterpret_cast<const unsigned char*>(der.data()) + der.size();
  if (v != nullptr) free_fn(v);
  return whole;
}

EVP_PKEY* D2iAutoPrivateKey(EVP_PKEY** out, const unsigned char** p, long len) {
  return d2i_AutoPrivateKey(out, p, len);
}

// What private key structure `der` is, or "" when none.
std::string PrivateDer(std::string_view der) {
  if (der.empty() || static_cast<unsigned char>(der[0]) != 0x30) return "";
  if (IsWhole<PKCS12>(der, d2i_PKCS12, PKCS12_free)) return "a PKCS#12 file";
  if (IsWhole<X509_SIG>(der, d2i_X509_SIG, X509_SIG_free)) {
    return "a DER encrypted PKCS#8 private key";
  }
  if (IsWhole<PKCS8_PRIV_KEY_INFO>(der, d2i_PKCS8_PRIV_KEY_INFO, PKCS8_PRIV_KEY_INFO_free)) {
    return "a DER PKCS#8 private key";
  }
  if (IsWhole<EVP_PKEY>(der, D2iAutoPrivateKey, EVP_PKEY_free)) return "a DER private key";
  return "";
}

X509Ptr WholeCertificate(std::string_view der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  X509Ptr x(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  ERR_clear_error();
  if (p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) x.reset();
  return x;
}

PkeyPtr WholePublicKey(std::string_view der, bool pkcs1_rsa) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  PkeyPtr k(pkcs1_rsa ? d2i_PublicKey(EVP_PKEY_RSA, nullptr, &p, static_cast<long>(der.size()))
                      : d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size())));
  ERR_clear_error();
  if (p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) k.reset();
  return k;
}

std::string BioText(BIO* bio) {
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  return n > 0 ? std::string(data, static_cast<size_t>(n)) : std::string();
}

std::string NameText(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  // RFC 2253 escapes bytes above 0x7f, so the text is ASCII.
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253);
  return BioText(bio.get());
}

std::string SerialText(const ASN1_INTEGER* serial) {
  BIGNUM* bn = ASN1_INTEGER_to_BN(serial, nullptr);
  if (bn == nullptr) return "";
  char* hex = BN_bn2hex(bn);
  std::string out = hex != nullptr ? hex : "";
  OPENSSL_free(hex);
  BN_free(bn);
  text::AsciiLowerInPlace(&out);
  return out;
}

std::string TimeText(const ASN1_TIME* t) {
  std::tm tm{};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return "";
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string Der(int n, unsigned char* der) {
  std::string out = n > 0 ? std::string(reinterpret_cast<char*>(der), static_cast<size_t>(n)) : "";
  OPENSSL_free(der);
  return out;
}

KeyInfo KeyOf(EVP_PKEY* key) {
  KeyInfo info;
  unsigned char* der = nullptr;
  int n = i2d_PUBKEY(key, &der);
  info.sha256 = Sha256Hex(Der(n, der));
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
      info.type = "RSA";
      break;
    case EVP_PKEY_RSA_PSS:
      info.type = "RSA-PSS";
      break;
    case EVP_PKEY_DSA:
      info.type = "DSA";
      break;
    case EVP_PKEY_EC: {
      info.type = "EC";
      char group[80] = {};
      size_t len = 0;
      if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                         &len) == 1) {
        const char* nist = EC_curve_nid2nist(OBJ_txt2nid(group));
        info.curve = nist != nullptr ? nist : group;
      }
      break;
    }
    case EVP_PKEY_ED25519:
      info.type = "Ed25519";
      break;
    case EVP_PKEY_ED448:
      info.type = "Ed448";
      break;
    default: {
      const char* name = EVP_PKEY_get0_type_name(key);
      info.type = name != nullptr ? name : "unknown";
    }
  }
  if (info.type != "Ed25519" && info.type != "Ed448") info.bits = EVP_PKEY_get_bits(key);
  ERR_clear_error();
  return info;
}

CertificateInfo CertificateOf(X509* x) {
  CertificateInfo c;
  c.subject = NameText(X509_get_subject_name(x));
  c.issuer = NameText(X509_get_issuer_name(x));
  c.serial = SerialText(X509_get0_serialNumber(x));
  unsigned char* der = nullptr;
  int n = i2d_X509(x, &der);
  c.sha256 = Sha256Hex(Der(n, der));
  c.not_before = TimeText(X509_get0_notBefore(x));
  c.not_after = TimeText(X509_get0_notAfter(x));
  if (EVP_PKEY* key = X509_get0_pubkey(x); key != nullptr) c.key = KeyOf(key);
  c.self_signed = X509_self_signed(x, 1) == 1;
  c.ca = (X509_get_extension_flags(x) & EXFLAG_CA) != 0;
  ERR_clear_error();
  return c;
}

bool IsCertificateLabel(std::string_view label) {
  return label == "CERTIFICATE" || label == "X509 CERTIFICATE" || label == "TRUSTED CERTIFICATE";
}

bool IsPublicKeyLabel(std::string_view label) {
  return label == "PUBLIC KEY" || label == "RSA PUBLIC KEY";
}

Status Refuse(std::string_view source, const std::string& what) {
  return InvalidArgument(std::string(source) + ": contains " + what +
                         "; private key material is never recorded (nothing was stored)");
}

}  // namespace

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kCertificate:
      return "certificate";
    case Kind::kPublicKey:
      return "public-key";
    case Kind::kPolicy:
      return "policy";
    case Kind::kAcl:
      return "acl";
    case Kind::kHardening:
      return "hardening";
    case Kind::kOther:
      return "other";
  }
  return "other";
}

Result<Kind> ParseKind(std::string_view name) {
  for (Kind k : kKinds) {
    if (KindName(k) == name) return k;
  }
  return InvalidArgument("unknown configuration item kind '" + std::string(name) +
                         "' (expected certificate, public-key, policy, acl, hardening or other)");
}

Result<FileFacts> Inspect(std::string_view bytes, std::string_view source,
                          std::optional<Kind> kind) {
  const std::vector<PemBlock> blocks = PemBlocks(bytes);
  // Private key material first, whatever the kind.
  for (const PemBlock& b : blocks) {
    if (b.label.find("PRIVATE KEY") != std::string::npos) {
      return Refuse(source,
                    "a PEM \"" + b.label + "\" block (line " + std::to_string(b.line) + ")");
    }
  }
  if (bytes.starts_with("PuTTY-User-Key-File-") ||
      bytes.find("\nPuTTY-User-Key-File-") != std::string_view::npos) {
    return Refuse(source, "a PuTTY private key");
  }
  if (blocks.empty()) {
    if (std::string what = PrivateDer(bytes); !what.empty()) return Refuse(source, what);
  }

  FileFacts facts;
  facts.sha256 = Sha256Hex(bytes);
  facts.size_bytes = static_cast<int64_t>(bytes.size());
  const bool want_cert = !kind || *kind == Kind::kCertificate;
  const bool want_key = !kind || *kind == Kind::kPublicKey;
  size_t index = 0;
  for (const PemBlock& b : blocks) {
    ++index;
    const bool cert = IsCertificateLabel(b.label), key = IsPublicKeyLabel(b.label);
    if (!(cert && want_cert) && !(key && want_key)) continue;
    auto bad = [&](const std::string& why) {
      return InvalidArgument(std::string(source) + ": PEM block " + std::to_string(index) +
                             " (line " + std::to_string(b.line) + ", " + b.label + "): " + why);
    };
    if (b.text.empty()) return bad("no END line");
    std::optional<std::string> der = PemDer(b.text);
    if (!der) return bad("not valid PEM (base64)");
    if (cert) {
      // A TRUSTED CERTIFICATE carries trust settings after the certificate.
      const unsigned char* p = reinterpret_cast<const unsigned char*>(der->data());
      X509Ptr x(b.label == "TRUSTED CERTIFICATE"
                    ? d2i_X509_AUX(nullptr, &p, static_cast<long>(der->size()))
                    : WholeCertificate(*der).release());
      ERR_clear_error();
      if (!x) return bad("not a valid X.509 certificate");
      facts.certificates.push_back(CertificateOf(x.get()));
    } else {
      PkeyPtr k = WholePublicKey(*der, b.label == "RSA PUBLIC KEY");
      if (!k) return bad("not a valid public key");
      if (facts.public_key) return bad("a second public key (one key a file)");
      facts.public_key = KeyOf(k.get());
    }
  }
  if (blocks.empty() && (want_cert || want_key)) {
    if (X509Ptr x = want_cert ? WholeCertificate(bytes) : nullptr; x) {
      facts.certificates.push_back(CertificateOf(x.get()));
    } else if (PkeyPtr k = want_key ? WholePublicKey(bytes, false) : nullptr; k) {
      facts.public_key = KeyOf(k.get());
    }
  }

  if (!kind) {
    facts.kind = !facts.certificates.empty() ? Kind::kCertificate
                 : facts.public_key          ? Kind::kPublicKey
                                             : Kind::kOther;
  } else {
    facts.kind = *kind;
  }
  if (facts.kind == Kind::kCertificate && facts.certificates.empty()) {
    return InvalidArgument(std::string(source) +
                           ": no X.509 certificate found (expected PEM CERTIFICATE blocks or a "
                           "DER certificate)");
  }
  if (facts.kind == Kind::kPublicKey && !facts.public_key) {
    return InvalidArgument(std::string(source) +
                           ": no public key found (expected a PEM PUBLIC KEY block or DER "
                           "SubjectPublicKeyInfo)");
  }
  if (facts.kind == Kind::kCertificate) facts.public_key.reset();
  return facts;
}

nlohmann::json ToJson(const KeyInfo& key) {
  return {{"type", key.type}, {"bits", key.bits}, {"curve", key.curve}, {"sha256", key.sha256}};
}

nlohmann::json ToJson(const CertificateInfo& c) {
  return {{"subject", c.subject}, {"issuer", c.issuer},           {"serial", c.serial},
          {"sha256", c.sha256},   {"not_before", c.not_before},   {"not_after", c.not_after},
          {"key", ToJson(c.key)}, {"self_signed", c.self_signed}, {"ca", c.ca}};
}

nlohmann::json DetailsJson(const FileFacts& facts) {
  nlohmann::json out = nlohmann::json::object();
  if (facts.kind == Kind::kCertificate) {
    out["certificates"] = nlohmann::json::array();
    for (const CertificateInfo& c : facts.certificates) out["certificates"].push_back(ToJson(c));
  }
  if (facts.public_key) out["public_key"] = ToJson(*facts.public_key);
  return out;
}

Status DetailsFromJson(std::string_view text, FileFacts* facts) {
  auto corrupt = [&](const std::string& why) { return Corruption("config_items.details: " + why); };
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return corrupt("not a JSON object");
  auto key_of = [](const nlohmann::json& k) {
    return KeyInfo{k.value("type", ""), k.value("bits", int64_t{0}), k.value("curve", ""),
                   k.value("sha256", "")};
  };
  try {
    if (j.contains("certificates")) {
      for (const nlohmann::json& c : j.at("certificates")) {
        CertificateInfo info;
        info.subject = c.at("subject").get<std::string>();
        info.issuer = c.at("issuer").get<std::string>();
        info.serial = c.at("serial").get<std::string>();
        info.sha256 = c.at("sha256").get<std::string>();
        info.not_before = c.at("not_before").get<std::string>();
        info.not_after = c.at("not_after").get<std::string>();
        info.key = key_of(c.at("key"));
        info.self_signed = c.at("self_signed").get<bool>();
        info.ca = c.at("ca").get<bool>();
        facts->certificates.push_back(std::move(info));
      }
    }
    if (j.contains("public_key")) facts->public_key = key_of(j.at("public_key"));
  } catch (const nlohmann::json::exception& e) {
    return corrupt(e.what());
  }
  return Status::Ok();
}

}  // namespace soupkeeper::config
