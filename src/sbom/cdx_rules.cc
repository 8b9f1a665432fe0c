// CycloneDX enumerations, patterns and formats; see cdx_rules.h.
//
// Values and the version that introduced each were read from the
// bom-1.x.schema.json files (1.2 and 1.3: the -strict variants) and the
// matching XSDs of the CycloneDX specification repository.
#include "sbom/cdx_rules.h"

#include <array>
#include <iterator>

#include "sbom/cdx_decoders.h"

namespace soupkeeper::sbom::cdx {
namespace {

constexpr EnumValue kComponentTypeValues[] = {
    {"application", 2},
    {"framework", 2},
    {"library", 2},
    {"container", 2},
    {"platform", 5},
    {"operating-system", 2},
    {"device", 2},
    {"device-driver", 5},
    {"firmware", 2},
    {"file", 2},
    {"machine-learning-model", 5},
    {"data", 5},
    {"cryptographic-asset", 6},
};
constexpr EnumValue kHashAlgValues[] = {
    {"MD5", 2},          {"SHA-1", 2},        {"SHA-256", 2},     {"SHA-384", 2},
    {"SHA-512", 2},      {"SHA3-256", 2},     {"SHA3-384", 2},    {"SHA3-512", 2},
    {"BLAKE2b-256", 2},  {"BLAKE2b-384", 2},  {"BLAKE2b-512", 2}, {"BLAKE3", 2},
    {"Streebog-256", 7}, {"Streebog-512", 7},
};
constexpr EnumValue kScopeValues[] = {{"required", 2}, {"optional", 2}, {"excluded", 2}};
constexpr EnumValue kExternalReferenceTypeValues[] = {
    {"vcs", 2},
    {"issue-tracker", 2},
    {"website", 2},
    {"advisories", 2},
    {"bom", 2},
    {"mailing-list", 2},
    {"social", 2},
    {"chat", 2},
    {"documentation", 2},
    {"support", 2},
    {"source-distribution", 6},
    {"distribution", 2},
    {"distribution-intake", 5},
    {"license", 2},
    {"build-meta", 2},
    {"build-system", 2},
    {"release-notes", 4},
    {"security-contact", 5},
    {"model-card", 5},
    {"log", 5},
    {"configuration", 5},
    {"evidence", 5},
    {"formulation", 5},
    {"attestation", 5},
    {"threat-model", 5},
    {"adversary-model", 5},
    {"risk-assessment", 5},
    {"vulnerability-assertion", 5},
    {"exploitability-statement", 5},
    {"pentest-report", 5},
    {"static-analysis-report", 5},
    {"dynamic-analysis-report", 5},
    {"runtime-analysis-report", 5},
    {"component-analysis-report", 5},
    {"maturity-report", 5},
    {"certification-report", 5},
    {"codified-infrastructure", 5},
    {"quality-metrics", 5},
    {"poam", 5},
    {"electronic-signature", 6},
    {"digital-signature", 6},
    {"rfc-9116", 6},
    {"patent", 7},
    {"patent-family", 7},
    {"patent-assertion", 7},
    {"citation", 7},
    {"other", 2},
};
constexpr EnumValue kIssueTypeValues[] = {{"defect", 2}, {"enhancement", 2}, {"security", 2}};
constexpr EnumValue kPatchTypeValues[] = {
    {"unofficial", 2}, {"monkey", 2}, {"backport", 2}, {"cherry-pick", 2}};
constexpr EnumValue kDataFlowValues[] = {
    {"inbound", 2}, {"outbound", 2}, {"bi-directional", 2}, {"unknown", 2}};
constexpr EnumValue kAggregateValues[] = {
    {"complete", 3},
    {"incomplete", 3},
    {"incomplete_first_party_only", 3},
    {"incomplete_first_party_proprietary_only", 5},
    {"incomplete_first_party_opensource_only", 5},
    {"incomplete_third_party_only", 3},
    {"incomplete_third_party_proprietary_only", 5},
    {"incomplete_third_party_opensource_only", 5},
    {"unknown", 3},
    {"not_specified", 3},
};
constexpr EnumValue kLifecyclePhaseValues[] = {
    {"design", 5},     {"pre-build", 5}, {"build", 5},        {"post-build", 5},
    {"operations", 5}, {"discovery", 5}, {"decommission", 5},
};
constexpr EnumValue kLicenseAcknowledgementValues[] = {{"declared", 6}, {"concluded", 6}};
constexpr EnumValue kTlpValues[] = {
    {"CLEAR", 7}, {"GREEN", 7}, {"AMBER", 7}, {"AMBER_AND_STRICT", 7}, {"RED", 7}};
constexpr EnumValue kEncodingValues[] = {{"base64", 2}};

constexpr bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool IsLowerHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `n` digits at s[*i] into *out.
bool Digits(std::string_view s, size_t* i, int n, int* out) {
  int v = 0;
  for (int k = 0; k < n; ++k) {
    if (*i >= s.size() || !IsDigit(s[*i])) return false;
    v = v * 10 + (s[*i] - '0');
    ++*i;
  }
  *out = v;
  return true;
}

bool Expect(std::string_view s, size_t* i, char c) {
  if (*i >= s.size() || s[*i] != c) return false;
  ++*i;
  return true;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Date, 'T', time and fraction; leaves *i after them.
bool DateTimeBody(std::string_view s, size_t* i) {
  int year, month, day, hour, minute, second;
  if (!Digits(s, i, 4, &year) || !Expect(s, i, '-') || !Digits(s, i, 2, &month) ||
      !Expect(s, i, '-') || !Digits(s, i, 2, &day)) {
    return false;
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  if (day > kDays[month - 1] + (month == 2 && IsLeap(year) ? 1 : 0)) return false;
  if (*i >= s.size() || (s[*i] != 'T' && s[*i] != 't')) return false;
  ++*i;
  if (!Digits(s, i, 2, &hour) || !Expect(s, i, ':') || !Digits(s, i, 2, &minute) ||
      !Expect(s, i, ':') || !Digits(s, i, 2, &second)) {
    return false;
  }
  if (hour > 23 || minute > 59 || second > 60) return false;
  if (*i < s.size() && s[*i] == '.') {
    ++*i;
    size_t start = *i;
    while (*i < s.size() && IsDigit(s[*i])) ++*i;
    if (*i == start) return false;
  }
  return true;
}

// 'Z' or +hh:mm / -hh:mm, then the end of the string.
bool TimeZone(std::string_view s, size_t i) {
  if (i >= s.size()) return false;
  if (s[i] == 'Z' || s[i] == 'z') return i + 1 == s.size();
  if (s[i] != '+' && s[i] != '-') return false;
  ++i;
  int hh, mm;
  if (!Digits(s, &i, 2, &hh) || !Expect(s, &i, ':') || !Digits(s, &i, 2, &mm)) return false;
  return hh <= 23 && mm <= 59 && i == s.size();
}

}  // namespace

#define SK_ENUM_DEF(name, what, values) const EnumDef name = {what, values, std::size(values)}
SK_ENUM_DEF(kComponentType, "component type", kComponentTypeValues);
SK_ENUM_DEF(kHashAlg, "hash algorithm", kHashAlgValues);
SK_ENUM_DEF(kScope, "scope", kScopeValues);
SK_ENUM_DEF(kExternalReferenceType, "external reference type", kExternalReferenceTypeValues);
SK_ENUM_DEF(kIssueType, "issue type", kIssueTypeValues);
SK_ENUM_DEF(kPatchType, "patch type", kPatchTypeValues);
SK_ENUM_DEF(kDataFlow, "data flow", kDataFlowValues);
SK_ENUM_DEF(kAggregate, "aggregate", kAggregateValues);
SK_ENUM_DEF(kLifecyclePhase, "lifecycle phase", kLifecyclePhaseValues);
SK_ENUM_DEF(kLicenseAcknowledgement, "license acknowledgement", kLicenseAcknowledgementValues);
SK_ENUM_DEF(kTlp, "TLP classification", kTlpValues);
SK_ENUM_DEF(kEncoding, "encoding", kEncodingValues);
#undef SK_ENUM_DEF

bool Sniff(std::string_view bytes, char first, std::string_view marker) {
  bytes = StripUtf8Bom(bytes);
  size_t i = bytes.find_first_not_of(" \t\r\n");
  if (i == std::string_view::npos || bytes[i] != first) return false;
  return bytes.substr(0, 64 * 1024).find(marker) != std::string_view::npos;
}

bool CheckInput(std::string_view text, std::string_view utf16_message, Reporter& reporter) {
  if (text.size() >= 2 &&
      ((text[0] == '\xFE' && text[1] == '\xFF') || (text[0] == '\xFF' && text[1] == '\xFE'))) {
    reporter.Error("", std::string(utf16_message));
    return false;
  }
  if (text.size() > kMaxDocumentBytes) {
    reporter.Error("", "document of " + std::to_string(text.size()) +
                           " bytes is larger than the limit of " +
                           std::to_string(kMaxDocumentBytes) + " bytes");
    return false;
  }
  return true;
}

std::string NotA(std::string_view value, std::string_view what) {
  return "'" + std::string(value) + "' is not " + std::string(what);
}

Text Component::*ComponentTextField(std::string_view name) {
  static constexpr std::pair<std::string_view, Text Component::*> kFields[] = {
      {"group", &Component::group},
      {"purl", &Component::purl},
      {"cpe", &Component::cpe},
      {"description", &Component::description},
      {"author", &Component::author},
      {"publisher", &Component::publisher},
      {"copyright", &Component::copyright},
  };
  for (const auto& [n, field] : kFields) {
    if (n == name) return field;
  }
  return nullptr;
}

int ParseSpecVersion(std::string_view text) {
  if (text.size() != 3 || text[0] != '1' || text[1] != '.' || !IsDigit(text[2])) return -1;
  int minor = text[2] - '0';
  return minor >= kMinMinor && minor <= kMaxMinor ? minor : -1;
}

bool IsVersionNumber(std::string_view text) {
  size_t dot = text.find('.');
  if (dot == 0 || dot == std::string_view::npos || dot + 1 == text.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i != dot && !IsDigit(text[i])) return false;
  }
  return true;
}

bool InEnum(const EnumDef& def, std::string_view value, int minor) {
  for (size_t i = 0; i < def.size; ++i) {
    if (def.values[i].value == value) return def.values[i].since <= minor;
  }
  return false;
}

std::string EnumMessage(const EnumDef& def, std::string_view value, int minor) {
  std::string msg = "'" + std::string(value) + "' is not one of ";
  bool first = true;
  for (size_t i = 0; i < def.size; ++i) {
    if (def.values[i].since > minor) continue;
    if (!first) msg += ", ";
    msg += def.values[i].value;
    first = false;
  }
  msg += " (" + std::string(def.what) + ", CycloneDX 1." + std::to_string(minor) + ")";
  return msg;
}

bool IsHashContent(std::string_view s) {
  size_t n = s.size();
  if (n != 32 && n != 40 && n != 64 && n != 96 && n != 128) return false;
  // A table instead of IsHex: every component has hashes, so this runs on
  // megabytes of hex digits.
  static constexpr auto kHex = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c) t[c] = IsHex(static_cast<char>(c));
    return t;
  }();
  bool all = true;
  for (char c : s) all &= kHex[static_cast<unsigned char>(c)];
  return all;
}

bool IsSerialNumber(std::string_view s) {
  constexpr std::string_view kPrefix = "urn:uuid:";
  if (s.size() != kPrefix.size() + 36 || s.substr(0, kPrefix.size()) != kPrefix) return false;
  std::string_view u = s.substr(kPrefix.size());
  for (size_t i = 0; i < u.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? u[i] != '-' : !IsLowerHex(u[i])) return false;
  }
  return true;
}

bool IsDateTime(std::string_view s) {
  size_t i = 0;
  return DateTimeBody(s, &i) && TimeZone(s, i);
}

bool IsXsdDateTime(std::string_view s) {
  size_t i = 0;
  if (!DateTimeBody(s, &i)) return false;
  return i == s.size() || TimeZone(s, i);
}

bool IsIriReference(std::string_view s) {
  for (unsigned char c : s) {
    if (c <= 0x20 || c == 0x7f) return false;
  }
  return true;
}

bool IsEmail(std::string_view s) {
  size_t at = s.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == s.size()) return false;
  for (unsigned char c : s) {
    if (c <= 0x20 || c == 0x7f) return false;
  }
  return true;
}

bool IsMimeType(std::string_view s) {
  size_t slash = s.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == s.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (i == slash) continue;
    bool ok = (c >= 'a' && c <= 'z') || IsDigit(c) || c == '-' || c == '+' || c == '.';
    if (!ok) return false;
  }
  return true;
}

void Reporter::Error(std::string location, std::string message) {
  Diagnostic d{Severity::kError, source_, std::move(location), std::move(message)};
  if (error_count_++ == 0) first_error_ = d.ToString();
  sink_.Report(std::move(d));
}

void Reporter::Warning(std::string location, std::string message) {
  sink_.Report(Diagnostic{Severity::kWarning, source_, std::move(location), std::move(message)});
}

void Reporter::Deviation(std::string location, std::string message) {
  sink_.Report(Diagnostic{Severity::kWarning, source_, std::move(location),
                          "spec violation tolerated: " + std::move(message), true});
}

Status Reporter::ToStatus() const {
  if (error_count_ == 0) return Status::Ok();
  std::string msg = first_error_;
  if (error_count_ > 1) msg += " (and " + std::to_string(error_count_ - 1) + " more errors)";
  return ParseError(std::move(msg));
}

ViewSet::ViewSet(size_t expected) {
  if (expected == 0) return;
  size_t capacity = 16;
  while (capacity < 2 * expected) capacity *= 2;
  slots_.resize(capacity);
}

uint64_t ViewSet::Tag(std::string_view v) {
  return std::hash<std::string_view>()(v) | (uint64_t{1} << 63);
}

size_t ViewSet::Find(std::string_view v, uint64_t tag) const {
  const size_t mask = slots_.size() - 1;
  size_t i = static_cast<size_t>(tag) & mask;
  while (slots_[i].tag != 0 && (slots_[i].tag != tag || slots_[i].key != v)) i = (i + 1) & mask;
  return i;
}

void ViewSet::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 16 : 2 * old.size(), Slot{});
  for (const Slot& s : old) {
    if (s.tag != 0) slots_[Find(s.key, s.tag)] = s;
  }
}

bool ViewSet::Insert(std::string_view v) {
  if (2 * (size_ + 1) > slots_.size()) Grow();
  const uint64_t tag = Tag(v);
  Slot& slot = slots_[Find(v, tag)];
  if (slot.tag != 0) return false;
  slot = Slot{v, tag};
  ++size_;
  return true;
}

bool ViewSet::Contains(std::string_view v) const {
  if (size_ == 0) return false;
  return slots_[Find(v, Tag(v))].tag != 0;
}

std::vector<bool> ViewSet::ContainsEach(const std::vector<std::string_view>& keys) const {
  std::vector<bool> found(keys.size());
  if (size_ == 0) return found;
  // A pipeline of kAhead lookups: key i's slot is fetched kAhead steps before
  // it is probed, and the text the slot points to kAhead / 2 steps before.
  constexpr size_t kAhead = 16;
  const size_t mask = slots_.size() - 1;
  std::vector<uint64_t> tags(keys.size());
  for (size_t i = 0; i < keys.size() + kAhead; ++i) {
    if (i < keys.size()) {
      tags[i] = Tag(keys[i]);
      __builtin_prefetch(&slots_[tags[i] & mask]);
    }
    if (i >= kAhead / 2 && i - kAhead / 2 < keys.size()) {
      __builtin_prefetch(slots_[tags[i - kAhead / 2] & mask].key.data());
    }
    if (i >= kAhead && i - kAhead < keys.size()) {
      const size_t k = i - kAhead;
      found[k] = slots_[Find(keys[k], tags[k])].tag != 0;
    }
  }
  return found;
}

bool UniqueViews::Insert(std::string_view v) {
  if (set_.size() > 0) return set_.Insert(v);
  for (std::string_view x : small_) {
    if (x == v) return false;
  }
  small_.push_back(v);
  if (small_.size() > 16) {
    for (std::string_view x : small_) set_.Insert(x);
  }
  return true;
}

void CheckReferences(const Document& doc, const ViewSet& refs, Reporter& reporter,
                     const std::function<std::string(size_t)>& dependency_location) {
  std::vector<std::string_view> names;
  for (const Dependency& d : doc.dependencies) {
    names.push_back(d.ref);
    names.insert(names.end(), d.depends_on.begin(), d.depends_on.end());
  }
  const std::vector<bool> in_document = refs.ContainsEach(names);
  size_t at = 0;
  auto known = [&](std::string_view ref) {
    // BOM-Links ("urn:cdx:...") point into other documents.
    return in_document[at++] || ref.rfind("urn:cdx:", 0) == 0;
  };
  for (size_t i = 0; i < doc.dependencies.size(); ++i) {
    const Dependency& d = doc.dependencies[i];
    if (!known(d.ref)) {
      reporter.Warning(dependency_location(i),
                       "dependency ref '" + d.ref + "' names no bom-ref of this document");
    }
    for (const Text& to : d.depends_on) {
      if (!known(to)) {
        reporter.Warning(dependency_location(i), "dependsOn '" + to + "' of '" + d.ref +
                                                     "' names no bom-ref of this document");
      }
    }
  }
}

}  // namespace soupkeeper::sbom::cdx
