// Content hashes. SHA-256 is the one digest soupkeeper records: SBOM bytes,
// feed records, configuration items and the audit chain all use it.
#ifndef SOUPKEEPER_HASH_H_
#define SOUPKEEPER_HASH_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace soupkeeper {

// Lower-case hex SHA-256 of `data` (64 characters).
std::string Sha256Hex(std::string_view data);

// Incremental SHA-256 for data that arrives in pieces.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::string_view data);
  // Lower-case hex digest; the object cannot be updated afterwards.
  std::string FinishHex();

 private:
  void* ctx_;  // EVP_MD_CTX
};

}  // namespace soupkeeper

#endif  // SOUPKEEPER_HASH_H_
