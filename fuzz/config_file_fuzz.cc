// libFuzzer target for the configuration file reader (config::Inspect):
// arbitrary bytes, with the kind detected and with each kind given. Whatever
// is accepted must carry the SHA-256 and size of the input, the kind asked
// for, at least one certificate for a certificate and a key for a public key,
// and details that serialize as canonical JSON (valid UTF-8). Any failure
// aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "config/internal.h"
#include "soupkeeper/config_item.h"
#include "soupkeeper/hash.h"
#include "soupkeeper/store.h"

namespace {

using soupkeeper::config::Kind;

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (std::optional<Kind> kind :
       {std::optional<Kind>{}, std::optional<Kind>{Kind::kCertificate},
        std::optional<Kind>{Kind::kPublicKey}, std::optional<Kind>{Kind::kOther}}) {
    auto facts = soupkeeper::config::Inspect(input, "fuzz", kind);
    if (!facts.ok()) continue;
    Check(facts->sha256 == soupkeeper::Sha256Hex(input));
    Check(facts->size_bytes == static_cast<int64_t>(size));
    Check(!kind || facts->kind == *kind);
    Check(facts->kind != Kind::kCertificate || !facts->certificates.empty());
    Check(facts->kind != Kind::kPublicKey || facts->public_key.has_value());
    auto text = soupkeeper::store::CanonicalJson(soupkeeper::config::DetailsJson(*facts));
    Check(text.ok());
    soupkeeper::config::FileFacts back;
    back.kind = facts->kind;
    Check(soupkeeper::config::DetailsFromJson(*text, &back).ok());
    Check(back.certificates.size() == facts->certificates.size());
  }
  return 0;
}
