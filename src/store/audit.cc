// The audit trail's serializations: canonical JSON, the event hash and the
// SEQ:HASH anchor syntax. docs/parts/store-audit.md restates them so that an
// auditor can re-compute the chain with other tools.
#include <charconv>

#include "soupkeeper/hash.h"
#include "soupkeeper/store.h"

namespace soupkeeper::store {

Result<std::string> CanonicalJson(const nlohmann::json& value) {
  // nlohmann::json keeps object keys in a std::map, so dump() writes them
  // sorted by their bytes; -1 means no whitespace, false keeps UTF-8 as is.
  try {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
  } catch (const nlohmann::json::exception&) {
    return InvalidArgument("text is not valid UTF-8");
  }
}

std::string AuditEventHash(const AuditEvent& e) {
  nlohmann::json fields = {e.seq, e.time, e.actor, e.action, e.entity, e.digest, e.prev_hash};
  // Text read back from a tampered database may be invalid UTF-8; replacing it
  // still yields a hash, which then does not match.
  return Sha256Hex(fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string AuditEvent::Reason() const {
  nlohmann::json parsed = nlohmann::json::parse(change, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) return "";
  auto it = parsed.find("reason");
  return it != parsed.end() && it->is_string() ? it->get<std::string>() : "";
}

Result<Anchor> Anchor::Parse(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return InvalidArgument("invalid anchor '" + std::string(text) + "': " + std::string(why) +
                           " (expected SEQ:HASH as printed by `soupkeeper log show`)");
  };
  size_t colon = text.find(':');
  if (colon == std::string_view::npos) return bad("missing ':'");
  Anchor anchor;
  std::string_view seq = text.substr(0, colon);
  auto [end, ec] = std::from_chars(seq.data(), seq.data() + seq.size(), anchor.seq);
  if (seq.empty() || ec != std::errc() || end != seq.data() + seq.size() || anchor.seq < 1) {
    return bad("SEQ must be a positive integer");
  }
  anchor.hash = std::string(text.substr(colon + 1));
  bool hex = anchor.hash.size() == 64;
  for (char c : anchor.hash) hex = hex && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  if (!hex) return bad("HASH must be 64 lower-case hexadecimal digits");
  return anchor;
}

}  // namespace soupkeeper::store
