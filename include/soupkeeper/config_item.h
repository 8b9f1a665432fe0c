// Security-relevant configuration items of a release (IEC 81001-5-1 §8).
//
// A ConfigItem is one file shipped with a release: an X.509 certificate (or a
// chain of them in one PEM file), a public key, a policy, an ACL, a
// hardening file or another file, recorded with its install path, the SHA-256
// and size of its bytes and, for certificates and keys, what was read from
// them (subject, issuer, serial, SHA-256 fingerprint of the DER, validity, key
// type and size, self-signed, CA). Cloud services (SOUP delivered as a
// service) are declared per release with their API version; observations of
// the version a service actually runs are recorded and compared.
//
// Promises:
//  - Never the secret. A file holding private key material (a PEM block
//    whose label contains "PRIVATE KEY", e.g. "PRIVATE KEY", "RSA PRIVATE
//    KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "OPENSSH PRIVATE KEY";
//    a PuTTY key; a DER PKCS#12, PKCS#8 or traditional private key) is
//    refused with kInvalidArgument naming the file and what was found, and
//    nothing is stored: not the bytes, not a digest, not the audit trail.
//  - Items and services are part of the release's baseline: they are added
//    only to a draft release (kFailedPrecondition otherwise; corrections of
//    a released release go into a new release or an erratum) and never
//    change afterwards (triggers in schema/<dialect>/008_config_items.sql).
//    Observations are append-only; the planned end of support may change.
//  - Every change is audited: "config.add" (entity
//    "config:<product>@<version>/<name>"), "config.service"
//    ("service:<p>@<v>/<service>"), "config.service-observe"
//    ("service-observation:<p>@<v>/<service>#<n>"), "config.support-until"
//    ("support-plan:<p>@<v>").
//
// Example:
//   SK_ASSIGN_OR_RETURN(config::FileFacts facts, config::Inspect(bytes, "ca.pem", std::nullopt));
//   config::NewItem item{.name = "ca.pem", .path = "etc/ssl/ca.pem", .facts = facts};
//   SK_ASSIGN_OR_RETURN(auto added, config::Add(*store, author, "pump", "2.3.0", {item}));
//   SK_ASSIGN_OR_RETURN(auto soon, config::Expiring(*store, "pump", env->Now(), 90));
#ifndef SOUPKEEPER_CONFIG_ITEM_H_
#define SOUPKEEPER_CONFIG_ITEM_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/env.h"
#include "soupkeeper/status.h"
#include "soupkeeper/store.h"

namespace soupkeeper::config {

enum class Kind { kCertificate, kPublicKey, kPolicy, kAcl, kHardening, kOther };

// "certificate", "public-key", "policy", "acl", "hardening", "other".
std::string_view KindName(Kind kind);
// The inverse of KindName; kInvalidArgument naming the allowed kinds.
Result<Kind> ParseKind(std::string_view name);

// A public key: "RSA" (bits), "EC" (bits and curve, the NIST name such as
// "P-256" where there is one), "Ed25519", "Ed448", or OpenSSL's name.
struct KeyInfo {
  std::string type;
  int64_t bits = 0;    // 0 for Ed25519 / Ed448
  std::string curve;   // EC only
  std::string sha256;  // of the DER SubjectPublicKeyInfo, lower-case hex
};

struct CertificateInfo {
  std::string subject;  // RFC 2253
  std::string issuer;
  std::string serial;      // lower-case hex
  std::string sha256;      // fingerprint: SHA-256 of the DER, lower-case hex
  std::string not_before;  // "2026-01-02T03:04:05Z"
  std::string not_after;
  KeyInfo key;
  bool self_signed = false;  // issuer == subject and its own key verifies the signature
  bool ca = false;           // basicConstraints CA:TRUE
};

// What Inspect reads from one file.
struct FileFacts {
  Kind kind = Kind::kOther;
  std::string sha256;  // of the file's bytes
  int64_t size_bytes = 0;
  std::vector<CertificateInfo> certificates;  // kCertificate: in file order
  std::optional<KeyInfo> public_key;          // kPublicKey
};

// Reads a file's bytes. `kind` nullopt detects it: PEM CERTIFICATE blocks or
// a DER certificate -> certificate; a PEM PUBLIC KEY block or DER
// SubjectPublicKeyInfo -> public-key; anything else -> other. Errors
// (kInvalidArgument, naming `source`): private key material (see above);
// --kind certificate / public-key for a file without one; a PEM certificate
// or key block that does not decode ("<source>: PEM block 2 (line 31,
// CERTIFICATE): not a valid X.509 certificate").
Result<FileFacts> Inspect(std::string_view bytes, std::string_view source,
                          std::optional<Kind> kind);

struct ConfigItem {
  std::string product;
  std::string version;
  std::string name;
  std::string path;  // install path, relative
  FileFacts facts;
  std::optional<std::string> expires_at;  // earliest not_after of its certificates
  std::string created_at;
};

struct NewItem {
  std::string name;  // unique within the release
  std::string path;  // relative, without ".." (config verify reads ROOT/path)
  FileFacts facts;
};

// Adds items to a draft release, all in one transaction. kNotFound for an
// unknown product or release; kFailedPrecondition for a release that left
// draft; kAlreadyExists for a name the release has (or that repeats);
// kInvalidArgument for a bad name (1 to 200 characters, no '/' and no control
// characters) or path.
Result<std::vector<ConfigItem>> Add(store::Store& store, const store::Author& author,
                                    std::string_view product, std::string_view version,
                                    const std::vector<NewItem>& items);

// The items of a release, by name; kNotFound for an unknown release.
Result<std::vector<ConfigItem>> List(store::Store& store, std::string_view product,
                                     std::string_view version);
// One item; kNotFound when the release or the item is unknown.
Result<ConfigItem> Get(store::Store& store, std::string_view product, std::string_view version,
                       std::string_view name);

// Records (or changes) the planned end of support of a release, YYYY-MM-DD.
Status SetSupportUntil(store::Store& store, const store::Author& author, std::string_view product,
                       std::string_view version, std::string_view date);
// The planned end of support, nullopt when none is recorded.
Result<std::optional<std::string>> SupportUntil(store::Store& store, std::string_view product,
                                                std::string_view version);

// A certificate that needs attention.
struct ExpiringCertificate {
  std::string product;
  std::string version;
  std::string item;
  CertificateInfo certificate;
  int64_t days_left = 0;        // whole days from `now` to not_after (negative: expired)
  bool within_horizon = false;  // not_after before now + within_days
  std::optional<std::string> support_until;  // set when not_after is before it
};

// The certificates of the releases of `product` (all products when empty)
// that expire before now + `within_days`, or before their release's planned
// end of support; retired releases are left out. Sorted by not_after.
Result<std::vector<ExpiringCertificate>> Expiring(store::Store& store, std::string_view product,
                                                  TimePoint now, int64_t within_days);

// One item compared with the file on disk at ROOT/path, or a file found
// beside the items that is not recorded.
struct FileCheck {
  std::string name;  // "" for a new file
  std::string path;
  std::string state;            // "unchanged", "changed", "missing", "new"
  std::string recorded_sha256;  // "" for a new file
  std::string found_sha256;     // "" when missing
};

// Compares every item of a release with ROOT/path (read through `env`), by
// item name; with `report_new`, then lists the files (by path) in the folders
// that hold items which are not items themselves, as "new".
Result<std::vector<FileCheck>> VerifyFiles(store::Store& store, Env& env, std::string_view product,
                                           std::string_view version, const std::string& root,
                                           bool report_new = false);

// --- Cloud services --------------------------------------------------------

struct Service {
  std::string product;
  std::string version;
  std::string service;
  std::string provider;     // "" when not given
  std::string api_version;  // declared
  std::string created_at;
  // The newest observation, if any.
  std::optional<std::string> observed_api_version;
  std::optional<std::string> observed_at;
  int64_t observations = 0;
  bool drift() const { return observed_api_version && *observed_api_version != api_version; }
};

// Declares a service of a draft release (kFailedPrecondition otherwise;
// kAlreadyExists when declared). Names and versions: 1 to 200 characters
// without control characters.
Result<Service> DeclareService(store::Store& store, const store::Author& author,
                               std::string_view product, std::string_view version,
                               std::string_view service, std::string_view api_version,
                               std::string_view provider);
// Records the API version a declared service was seen to run (any release
// status); kNotFound when the service is not declared.
Result<Service> ObserveService(store::Store& store, const store::Author& author,
                               std::string_view product, std::string_view version,
                               std::string_view service, std::string_view observed_api_version);
// The services of a release, by name.
Result<std::vector<Service>> Services(store::Store& store, std::string_view product,
                                      std::string_view version);

nlohmann::json ToJson(const CertificateInfo& certificate);
nlohmann::json ToJson(const KeyInfo& key);
nlohmann::json ToJson(const ConfigItem& item);
nlohmann::json ToJson(const Service& service);
nlohmann::json ToJson(const ExpiringCertificate& expiring);
nlohmann::json ToJson(const FileCheck& check);

}  // namespace soupkeeper::config

#endif  // SOUPKEEPER_CONFIG_ITEM_H_
