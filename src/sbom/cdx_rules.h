// CycloneDX rules shared by the JSON and XML decoders.
//
// The enumerations, patterns and formats of the CycloneDX 1.2-1.7 JSON
// schemas and XSDs, written as code: each enumeration value carries the
// minor spec version that introduced it, so one table serves every version.
// Spec versions are passed as their minor number (1.6 -> 6).
//
// Also the Report helper both decoders use to count errors and keep the first.
#ifndef SOUPKEEPER_SRC_SBOM_CDX_RULES_H_
#define SOUPKEEPER_SRC_SBOM_CDX_RULES_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/diagnostics.h"
#include "soupkeeper/sbom.h"
#include "soupkeeper/status.h"

namespace soupkeeper::sbom::cdx {

inline constexpr int kMinMinor = 2;  // CycloneDX 1.2
inline constexpr int kMaxMinor = 7;  // CycloneDX 1.7

// Deepest element nesting a decoder follows; deeper documents are rejected
// (bounded recursion, no stack overflow).
inline constexpr int kMaxDepth = 128;

// Largest document a decoder accepts.
inline constexpr size_t kMaxDocumentBytes = size_t{1} << 31;

// "1.6" -> 6; -1 when not a supported CycloneDX version.
int ParseSpecVersion(std::string_view text);
// True for "<digits>.<digits>": a CycloneDX version, supported or not.
bool IsVersionNumber(std::string_view text);

struct EnumValue {
  std::string_view value;
  int since;  // minor version that introduced the value
};

struct EnumDef {
  std::string_view what;  // "component type", for messages
  const EnumValue* values;
  size_t size;
};

// The enumerations.
extern const EnumDef kComponentType;
extern const EnumDef kHashAlg;
extern const EnumDef kScope;
extern const EnumDef kExternalReferenceType;
extern const EnumDef kIssueType;
extern const EnumDef kPatchType;
extern const EnumDef kDataFlow;
extern const EnumDef kAggregate;
extern const EnumDef kLifecyclePhase;
extern const EnumDef kLicenseAcknowledgement;
extern const EnumDef kTlp;
extern const EnumDef kEncoding;

bool InEnum(const EnumDef& def, std::string_view value, int minor);
// "'foo' is not one of application, framework, ..." (the values of `minor`).
std::string EnumMessage(const EnumDef& def, std::string_view value, int minor);

// hash-content: 32, 40, 64, 96 or 128 hex digits.
bool IsHashContent(std::string_view s);
// serialNumber: urn:uuid: and a lower-case RFC 4122 UUID.
bool IsSerialNumber(std::string_view s);
// RFC 3339 date-time (JSON format "date-time"): date, 'T', time, optional
// fraction, and a 'Z' or +hh:mm offset.
bool IsDateTime(std::string_view s);
// xs:dateTime: as above, but the time zone may be left out.
bool IsXsdDateTime(std::string_view s);
// iri-reference / xs:anyURI, checked as far as the validators that CycloneDX
// tests with do: no whitespace and no control characters.
bool IsIriReference(std::string_view s);
// idn-email: local part, '@', domain; no whitespace.
bool IsEmail(std::string_view s);
// mime-type pattern ^[-+a-z0-9.]+/[-+a-z0-9.]+$
bool IsMimeType(std::string_view s);
// SPDX license or exception identifier from the list CycloneDX references
// (spdx_ids.cc).
bool IsSpdxLicenseId(std::string_view id);
// That list (the license.id enum of CycloneDX's spdx.schema.json), sorted.
std::span<const std::string_view> CycloneDxSpdxIds();

// "'<value>' is not <what>", the message of a failed format check.
std::string NotA(std::string_view value, std::string_view what);

// The plain-text component fields the model keeps, by their CycloneDX name
// (the same in JSON and XML): group, purl, cpe, description, author,
// publisher, copyright. nullptr for any other name (name and version are
// required or checked, and handled by each decoder).
Text Component::*ComponentTextField(std::string_view name);

// Collects the outcome of one decode: every error goes to the sink, the
// first one becomes the Status.
class Reporter {
 public:
  Reporter(const std::string& source, DiagnosticSink& sink) : source_(source), sink_(sink) {}

  void Error(std::string location, std::string message);
  void Warning(std::string location, std::string message);
  // A tolerated deviation from the spec (Diagnostic::deviation): a warning
  // whose message starts "spec violation tolerated: ".
  void Deviation(std::string location, std::string message);

  size_t error_count() const { return error_count_; }
  // ParseError with the first error ("source: location: message"), or Ok.
  Status ToStatus() const;
  const std::string& source() const { return source_; }

 private:
  const std::string& source_;
  DiagnosticSink& sink_;
  size_t error_count_ = 0;
  std::string first_error_;
};

// A set of strings kept elsewhere (views into the parsed document), such as
// the bom-refs of a document: open addressing with linear probing in one
// flat array, so an insertion allocates nothing until the table grows.
class ViewSet {
 public:
  // Room for about `expected` strings before the first growth.
  explicit ViewSet(size_t expected = 0);
  // False when `v` was inserted before.
  bool Insert(std::string_view v);
  bool Contains(std::string_view v) const;
  // Contains() of each of `keys`, in order. Looks up many at a time, so the
  // cache misses of a large table overlap instead of following one another.
  std::vector<bool> ContainsEach(const std::vector<std::string_view>& keys) const;
  size_t size() const { return size_; }

 private:
  struct Slot {
    std::string_view key;
    uint64_t tag = 0;  // the hash with its top bit set; 0 for an empty slot
  };
  static uint64_t Tag(std::string_view v);
  // The slot holding `v`, or the empty slot where it belongs.
  size_t Find(std::string_view v, uint64_t tag) const;
  void Grow();

  std::vector<Slot> slots_;  // a power of two in size, at most half full
  size_t size_ = 0;
};

// Set of strings for uniqueItems checks: a linear scan while small (the
// usual case: a handful of dependsOn entries), a ViewSet beyond.
class UniqueViews {
 public:
  // False when `v` was inserted before.
  bool Insert(std::string_view v);

 private:
  std::vector<std::string_view> small_;
  ViewSet set_;
};

// Identify's sniff: after a UTF-8 byte order mark and white space the bytes
// start with `first`, and `marker` occurs in the first 64 KiB.
bool Sniff(std::string_view bytes, char first, std::string_view marker);

// The checks before parsing (`text` without its byte order mark): not UTF-16
// (reported as `utf16_message`), not larger than kMaxDocumentBytes. False
// after reporting the error.
bool CheckInput(std::string_view text, std::string_view utf16_message, Reporter& reporter);

// Dependency edges name bom-refs of the document (or BOM-Links into other
// documents); warns, without failing, for each name that is neither.
// `dependency_location(i)` gives the place of doc.dependencies[i].
void CheckReferences(const Document& doc, const ViewSet& refs, Reporter& reporter,
                     const std::function<std::string(size_t)>& dependency_location);

// Parses every component's purl (purl::Parse, lenient) and CPE (cpe::Parse)
// and warns, without failing, for each that does not parse (identifiers.cc).
// `check_purls` false skips the purls, for a decoder that keeps a purl only
// once it parsed.
void CheckIdentifiers(const Document& doc, Reporter& reporter, bool check_purls = true);

// Parses every license expression (ParseLicenseExpression) and warns, without
// failing, for each that does not parse or names an id missing from the SPDX
// lists (identifiers.cc). For CycloneDX, whose schemas leave
// license.expression a plain string.
void CheckLicenseExpressions(const Document& doc, Reporter& reporter);

}  // namespace soupkeeper::sbom::cdx

#endif  // SOUPKEEPER_SRC_SBOM_CDX_RULES_H_
