// SPDX 2.2 / 2.3 rules over the shared tree: the JSON schema of each version
// (required properties, types, enumerations, no unknown properties) written
// as tables, the clauses of the spec the schema leaves out (SPDXRef-
// identifiers, date format, license expressions, actor forms, unique
// SPDXIDs, hex checksums), and the mapping into the normalized model.
#include <algorithm>
#include <bitset>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <map>
#include <span>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "core/text.h"
#include "sbom/cdx_rules.h"
#include "sbom/list_scratch.h"
#include "sbom/spdx_decoders.h"
#include "soupkeeper/license_expression.h"
#include "soupkeeper/purl.h"

namespace soupkeeper::sbom::spdx {
namespace {

using cdx::Reporter;

// ---------------------------------------------------------------------------
// The schema tables. `minor` is the SPDX 2 minor version (2 or 3).

struct Value {
  std::string_view value;
  int since;
};

constexpr Value kChecksumAlgorithms[] = {
    {"SHA1", 2},     {"SHA224", 2},   {"SHA256", 2},      {"SHA384", 2},      {"SHA512", 2},
    {"MD2", 2},      {"MD4", 2},      {"MD5", 2},         {"MD6", 2},         {"SHA3-256", 3},
    {"SHA3-384", 3}, {"SHA3-512", 3}, {"BLAKE2b-256", 3}, {"BLAKE2b-384", 3}, {"BLAKE2b-512", 3},
    {"BLAKE3", 3},   {"ADLER32", 3},
};
constexpr Value kAnnotationTypes[] = {{"REVIEW", 2}, {"OTHER", 2}};
constexpr Value kReferenceCategories[] = {{"SECURITY", 2},        {"PACKAGE-MANAGER", 2},
                                          {"PACKAGE_MANAGER", 2}, {"PERSISTENT-ID", 2},
                                          {"PERSISTENT_ID", 2},   {"OTHER", 2}};
constexpr Value kFileTypes[] = {{"SOURCE", 2},      {"BINARY", 2}, {"ARCHIVE", 2},
                                {"APPLICATION", 2}, {"AUDIO", 2},  {"IMAGE", 2},
                                {"TEXT", 2},        {"VIDEO", 2},  {"DOCUMENTATION", 2},
                                {"SPDX", 2},        {"OTHER", 2}};
constexpr Value kPurposes[] = {{"APPLICATION", 3}, {"FRAMEWORK", 3},        {"LIBRARY", 3},
                               {"CONTAINER", 3},   {"OPERATING_SYSTEM", 3}, {"DEVICE", 3},
                               {"FIRMWARE", 3},    {"SOURCE", 3},           {"ARCHIVE", 3},
                               {"FILE", 3},        {"INSTALL", 3},          {"OTHER", 3}};
constexpr Value kRelationshipTypes[] = {
    {"DESCRIBES", 2},
    {"DESCRIBED_BY", 2},
    {"CONTAINS", 2},
    {"CONTAINED_BY", 2},
    {"DEPENDS_ON", 2},
    {"DEPENDENCY_OF", 2},
    {"DEPENDENCY_MANIFEST_OF", 2},
    {"BUILD_DEPENDENCY_OF", 2},
    {"DEV_DEPENDENCY_OF", 2},
    {"OPTIONAL_DEPENDENCY_OF", 2},
    {"PROVIDED_DEPENDENCY_OF", 2},
    {"TEST_DEPENDENCY_OF", 2},
    {"RUNTIME_DEPENDENCY_OF", 2},
    {"EXAMPLE_OF", 2},
    {"GENERATES", 2},
    {"GENERATED_FROM", 2},
    {"ANCESTOR_OF", 2},
    {"DESCENDANT_OF", 2},
    {"VARIANT_OF", 2},
    {"DISTRIBUTION_ARTIFACT", 2},
    {"PATCH_FOR", 2},
    {"PATCH_APPLIED", 2},
    {"COPY_OF", 2},
    {"FILE_ADDED", 2},
    {"FILE_DELETED", 2},
    {"FILE_MODIFIED", 2},
    {"EXPANDED_FROM_ARCHIVE", 2},
    {"DYNAMIC_LINK", 2},
    {"STATIC_LINK", 2},
    {"DATA_FILE_OF", 2},
    {"TEST_CASE_OF", 2},
    {"BUILD_TOOL_OF", 2},
    {"DEV_TOOL_OF", 2},
    {"TEST_OF", 2},
    {"TEST_TOOL_OF", 2},
    {"DOCUMENTATION_OF", 2},
    {"OPTIONAL_COMPONENT_OF", 2},
    {"METAFILE_OF", 2},
    {"PACKAGE_OF", 2},
    {"AMENDS", 2},
    {"PREREQUISITE_FOR", 2},
    {"HAS_PREREQUISITE", 2},
    {"OTHER", 2},
    {"REQUIREMENT_DESCRIPTION_FOR", 3},
    {"SPECIFICATION_FOR", 3},
};

struct EnumSpec {
  std::string_view what;
  std::span<const Value> values;
};
constexpr EnumSpec kChecksumEnum{"checksum algorithm", kChecksumAlgorithms};
constexpr EnumSpec kAnnotationEnum{"annotation type", kAnnotationTypes};
constexpr EnumSpec kCategoryEnum{"external reference category", kReferenceCategories};
constexpr EnumSpec kFileTypeEnum{"file type", kFileTypes};
constexpr EnumSpec kPurposeEnum{"primary package purpose", kPurposes};
constexpr EnumSpec kRelationshipEnum{"relationship type", kRelationshipTypes};

enum class Type { kString, kBool, kInt, kObject, kStrings, kObjects };
// Which versions require a field.
enum Req : int { kOptional = 0, kReq22 = 1, kReq23 = 2, kRequired = 3 };

struct Spec;
struct Field {
  std::string_view name;
  Type type;
  int req = kOptional;
  int since = 2;  // first minor version with the field
  const Spec* spec = nullptr;
  const EnumSpec* values = nullptr;
  // For a required field whose absence leaves the element identifiable: how
  // it is read when missing, a tolerated deviation (docs/parts/spdx.md).
  // Empty: missing is an error.
  std::string_view if_missing = {};
};
struct Spec {
  std::string_view what;  // "package", for messages and the tag-value names
  std::span<const Field> fields;
  // Unknown properties are a tolerated deviation, ignored, rather than an
  // error: only where they cannot hide a package or its identity (files,
  // snippets).
  bool tolerate_unknown = false;
};

constexpr Field kChecksumFields[] = {
    {"algorithm", Type::kString, kRequired, 2, nullptr, &kChecksumEnum},
    {"checksumValue", Type::kString, kRequired},
};
constexpr Spec kChecksum{"checksum", kChecksumFields};
constexpr Field kAnnotationFields[] = {
    {"annotationDate", Type::kString, kRequired},
    {"annotationType", Type::kString, kRequired, 2, nullptr, &kAnnotationEnum},
    {"annotator", Type::kString, kRequired},
    {"comment", Type::kString, kRequired},
};
constexpr Spec kAnnotation{"annotation", kAnnotationFields};
constexpr Field kCreationFields[] = {
    {"comment", Type::kString},
    {"created", Type::kString, kRequired, 2, nullptr, nullptr, "read without a creation time"},
    {"creators", Type::kStrings, kRequired},
    {"licenseListVersion", Type::kString},
};
constexpr Spec kCreation{"creationInfo", kCreationFields};
constexpr Field kExternalDocFields[] = {
    {"checksum", Type::kObject, kRequired, 2, &kChecksum},
    {"externalDocumentId", Type::kString, kRequired},
    {"spdxDocument", Type::kString, kRequired},
};
constexpr Spec kExternalDoc{"externalDocumentRef", kExternalDocFields};
constexpr Field kCrossRefFields[] = {
    {"isLive", Type::kBool},           {"isValid", Type::kBool}, {"isWayBackLink", Type::kBool},
    {"match", Type::kString},          {"order", Type::kInt},    {"timestamp", Type::kString},
    {"url", Type::kString, kRequired},
};
constexpr Spec kCrossRef{"crossRef", kCrossRefFields};
constexpr Field kExtractedFields[] = {
    {"comment", Type::kString},
    {"crossRefs", Type::kObjects, kOptional, 2, &kCrossRef},
    {"extractedText", Type::kString, kRequired},
    {"licenseId", Type::kString, kRequired},
    {"name", Type::kString},
    {"seeAlsos", Type::kStrings},
};
constexpr Spec kExtracted{"license", kExtractedFields};
constexpr Field kReviewFields[] = {
    {"comment", Type::kString},
    {"reviewDate", Type::kString, kRequired},
    {"reviewer", Type::kString},
};
constexpr Spec kReview{"review", kReviewFields};
constexpr Field kExternalRefFields[] = {
    {"comment", Type::kString},
    {"referenceCategory", Type::kString, kRequired, 2, nullptr, &kCategoryEnum},
    {"referenceLocator", Type::kString, kRequired},
    {"referenceType", Type::kString, kRequired},
};
constexpr Spec kExternalRef{"externalRef", kExternalRefFields};
constexpr Field kVerificationFields[] = {
    {"packageVerificationCodeExcludedFiles", Type::kStrings},
    {"packageVerificationCodeValue", Type::kString, kRequired},
};
constexpr Spec kVerification{"packageVerificationCode", kVerificationFields};
constexpr Field kPackageFields[] = {
    {"SPDXID", Type::kString, kRequired},
    {"annotations", Type::kObjects, kOptional, 2, &kAnnotation},
    {"attributionTexts", Type::kStrings},
    {"builtDate", Type::kString, kOptional, 3},
    {"checksums", Type::kObjects, kOptional, 2, &kChecksum},
    {"comment", Type::kString},
    {"copyrightText", Type::kString, kReq22},
    {"description", Type::kString},
    {"downloadLocation", Type::kString, kRequired, 2, nullptr, nullptr, "read as NOASSERTION"},
    {"externalRefs", Type::kObjects, kOptional, 2, &kExternalRef},
    {"filesAnalyzed", Type::kBool},
    {"hasFiles", Type::kStrings},
    {"homepage", Type::kString},
    {"licenseComments", Type::kString},
    {"licenseConcluded", Type::kString, kReq22},
    {"licenseDeclared", Type::kString, kReq22},
    {"licenseInfoFromFiles", Type::kStrings},
    {"name", Type::kString, kRequired},
    {"originator", Type::kString},
    {"packageFileName", Type::kString},
    {"packageVerificationCode", Type::kObject, kOptional, 2, &kVerification},
    {"primaryPackagePurpose", Type::kString, kOptional, 3, nullptr, &kPurposeEnum},
    {"releaseDate", Type::kString, kOptional, 3},
    {"sourceInfo", Type::kString},
    {"summary", Type::kString},
    {"supplier", Type::kString},
    {"validUntilDate", Type::kString, kOptional, 3},
    {"versionInfo", Type::kString},
};
constexpr Spec kPackage{"package", kPackageFields};
constexpr Field kArtifactOfFields[] = {
    {"name", Type::kString}, {"homePage", Type::kString}, {"projectUri", Type::kString}};
constexpr Spec kArtifactOf{"artifactOf", kArtifactOfFields};
constexpr Field kFileFields[] = {
    {"SPDXID", Type::kString, kRequired},
    {"annotations", Type::kObjects, kOptional, 2, &kAnnotation},
    {"artifactOfs", Type::kObjects, kOptional, 2, &kArtifactOf},
    {"attributionTexts", Type::kStrings},
    {"checksums", Type::kObjects, kRequired, 2, &kChecksum, nullptr, "read without checksums"},
    {"comment", Type::kString},
    {"copyrightText", Type::kString, kReq22},
    {"fileContributors", Type::kStrings},
    {"fileDependencies", Type::kStrings},
    {"fileName", Type::kString, kRequired},
    {"fileTypes", Type::kStrings, kOptional, 2, nullptr, &kFileTypeEnum},
    {"licenseComments", Type::kString},
    {"licenseConcluded", Type::kString, kReq22},
    {"licenseInfoInFiles", Type::kStrings, kReq22},
    {"noticeText", Type::kString},
};
constexpr Spec kFile{"file", kFileFields, true};
constexpr Field kPointerFields[] = {
    {"reference", Type::kString, kRequired},
    {"offset", Type::kInt},
    {"lineNumber", Type::kInt},
};
constexpr Spec kPointer{"pointer", kPointerFields};
constexpr Field kRangeFields[] = {
    {"endPointer", Type::kObject, kRequired, 2, &kPointer},
    {"startPointer", Type::kObject, kRequired, 2, &kPointer},
};
constexpr Spec kRange{"range", kRangeFields};
constexpr Field kSnippetFields[] = {
    {"SPDXID", Type::kString, kRequired},
    {"annotations", Type::kObjects, kOptional, 2, &kAnnotation},
    {"attributionTexts", Type::kStrings},
    {"comment", Type::kString},
    {"copyrightText", Type::kString, kReq22},
    {"licenseComments", Type::kString},
    {"licenseConcluded", Type::kString, kReq22},
    {"licenseInfoInSnippets", Type::kStrings},
    {"name", Type::kString, kRequired},
    {"ranges", Type::kObjects, kRequired, 2, &kRange},
    {"snippetFromFile", Type::kString, kRequired},
};
constexpr Spec kSnippet{"snippet", kSnippetFields, true};
constexpr Field kRelationshipFields[] = {
    {"spdxElementId", Type::kString, kRequired},
    {"comment", Type::kString},
    {"relatedSpdxElement", Type::kString, kRequired},
    {"relationshipType", Type::kString, kRequired, 2, nullptr, &kRelationshipEnum},
};
constexpr Spec kRelationship{"relationship", kRelationshipFields};
constexpr Field kDocumentFields[] = {
    {"$schema", Type::kString, kOptional, 3},
    {"SPDXID", Type::kString, kRequired},
    {"annotations", Type::kObjects, kOptional, 2, &kAnnotation},
    {"comment", Type::kString},
    {"creationInfo", Type::kObject, kRequired, 2, &kCreation},
    {"dataLicense", Type::kString, kRequired},
    {"externalDocumentRefs", Type::kObjects, kOptional, 2, &kExternalDoc},
    {"hasExtractedLicensingInfos", Type::kObjects, kOptional, 2, &kExtracted},
    {"name", Type::kString, kRequired},
    {"revieweds", Type::kObjects, kOptional, 2, &kReview},
    {"spdxVersion", Type::kString, kRequired},
    {"documentNamespace", Type::kString, kReq23},
    {"documentDescribes", Type::kStrings},
    {"packages", Type::kObjects, kOptional, 2, &kPackage},
    {"files", Type::kObjects, kOptional, 2, &kFile},
    {"snippets", Type::kObjects, kOptional, 2, &kSnippet},
    {"relationships", Type::kObjects, kOptional, 2, &kRelationship},
};
constexpr Spec kDocument{"document", kDocumentFields};
// Check marks the fields an object has in a bitset of this size.
constexpr size_t kMaxFields = 32;
static_assert(
    std::max({std::size(kChecksumFields), std::size(kAnnotationFields), std::size(kCreationFields),
              std::size(kExternalDocFields), std::size(kCrossRefFields),
              std::size(kExtractedFields), std::size(kReviewFields), std::size(kExternalRefFields),
              std::size(kVerificationFields), std::size(kPackageFields),
              std::size(kArtifactOfFields), std::size(kFileFields), std::size(kPointerFields),
              std::size(kRangeFields), std::size(kSnippetFields), std::size(kRelationshipFields),
              std::size(kDocumentFields)}) <= kMaxFields);

// Tag-value names of the JSON fields, per object, for messages.
struct TagName {
  std::string_view object, field, tag;
};
constexpr TagName kTagNames[] = {
    {"document", "spdxVersion", "SPDXVersion"},
    {"document", "dataLicense", "DataLicense"},
    {"document", "SPDXID", "SPDXID"},
    {"document", "name", "DocumentName"},
    {"document", "documentNamespace", "DocumentNamespace"},
    {"document", "comment", "DocumentComment"},
    {"document", "externalDocumentRefs", "ExternalDocumentRef"},
    {"creationInfo", "created", "Created"},
    {"creationInfo", "creators", "Creator"},
    {"creationInfo", "comment", "CreatorComment"},
    {"creationInfo", "licenseListVersion", "LicenseListVersion"},
    {"package", "name", "PackageName"},
    {"package", "SPDXID", "SPDXID"},
    {"package", "versionInfo", "PackageVersion"},
    {"package", "packageFileName", "PackageFileName"},
    {"package", "supplier", "PackageSupplier"},
    {"package", "originator", "PackageOriginator"},
    {"package", "downloadLocation", "PackageDownloadLocation"},
    {"package", "filesAnalyzed", "FilesAnalyzed"},
    {"package", "packageVerificationCode", "PackageVerificationCode"},
    {"package", "checksums", "PackageChecksum"},
    {"package", "homepage", "PackageHomePage"},
    {"package", "sourceInfo", "PackageSourceInfo"},
    {"package", "licenseConcluded", "PackageLicenseConcluded"},
    {"package", "licenseInfoFromFiles", "PackageLicenseInfoFromFiles"},
    {"package", "licenseDeclared", "PackageLicenseDeclared"},
    {"package", "licenseComments", "PackageLicenseComments"},
    {"package", "copyrightText", "PackageCopyrightText"},
    {"package", "summary", "PackageSummary"},
    {"package", "description", "PackageDescription"},
    {"package", "comment", "PackageComment"},
    {"package", "externalRefs", "ExternalRef"},
    {"package", "attributionTexts", "PackageAttributionText"},
    {"package", "primaryPackagePurpose", "PrimaryPackagePurpose"},
    {"package", "releaseDate", "ReleaseDate"},
    {"package", "builtDate", "BuiltDate"},
    {"package", "validUntilDate", "ValidUntilDate"},
    {"externalRef", "comment", "ExternalRefComment"},
    {"file", "fileName", "FileName"},
    {"file", "SPDXID", "SPDXID"},
    {"file", "fileTypes", "FileType"},
    {"file", "checksums", "FileChecksum"},
    {"file", "licenseConcluded", "LicenseConcluded"},
    {"file", "licenseInfoInFiles", "LicenseInfoInFile"},
    {"file", "licenseComments", "LicenseComments"},
    {"file", "copyrightText", "FileCopyrightText"},
    {"file", "comment", "FileComment"},
    {"file", "noticeText", "FileNotice"},
    {"file", "fileContributors", "FileContributor"},
    {"file", "attributionTexts", "FileAttributionText"},
    {"file", "fileDependencies", "FileDependency"},
    {"snippet", "SPDXID", "SnippetSPDXID"},
    {"snippet", "snippetFromFile", "SnippetFromFileSPDXID"},
    {"snippet", "ranges", "SnippetByteRange"},
    {"snippet", "licenseConcluded", "SnippetLicenseConcluded"},
    {"snippet", "licenseInfoInSnippets", "LicenseInfoInSnippet"},
    {"snippet", "licenseComments", "SnippetLicenseComments"},
    {"snippet", "copyrightText", "SnippetCopyrightText"},
    {"snippet", "comment", "SnippetComment"},
    {"snippet", "name", "SnippetName"},
    {"snippet", "attributionTexts", "SnippetAttributionText"},
    {"license", "licenseId", "LicenseID"},
    {"license", "extractedText", "ExtractedText"},
    {"license", "name", "LicenseName"},
    {"license", "seeAlsos", "LicenseCrossReference"},
    {"license", "comment", "LicenseComment"},
    {"relationship", "comment", "RelationshipComment"},
    {"annotation", "annotator", "Annotator"},
    {"annotation", "annotationDate", "AnnotationDate"},
    {"annotation", "annotationType", "AnnotationType"},
    {"annotation", "comment", "AnnotationComment"},
    {"review", "reviewer", "Reviewer"},
    {"review", "reviewDate", "ReviewDate"},
    {"review", "comment", "ReviewComment"},
};

// ASCII classes (std::isalnum and std::isxdigit are calls, and depend on
// the locale).
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsXdigit(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool IsIdstring(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsAlnum(c) && c != '-' && c != '.') return false;
  }
  return true;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.starts_with(p); }

// A space, tab or line feed in `s` (find_first_of calls memchr per byte).
bool HasBlank(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n'; });
}

// "SPDXRef-<idstring>".
bool IsSpdxRef(std::string_view s) { return StartsWith(s, "SPDXRef-") && IsIdstring(s.substr(8)); }

// An SPDXID outside the spec's form that still identifies its element
// unambiguously: printable, without white space or ':' (which separates
// DocumentRef-x:SPDXRef-y), and not a keyword.
bool IsTolerableId(std::string_view s) {
  if (s.empty() || s == "NONE" || s == "NOASSERTION" || StartsWith(s, "DocumentRef-")) return false;
  for (char c : s) {
    if (c <= ' ' || c > '~' || c == ':') return false;
  }
  return true;
}
// An element of this document or "DocumentRef-<id>:SPDXRef-<id>".
bool IsElementRef(std::string_view s) {
  if (IsSpdxRef(s)) return true;
  if (!StartsWith(s, "DocumentRef-")) return false;
  size_t colon = s.find(':');
  return colon != std::string_view::npos && IsIdstring(s.substr(12, colon - 12)) &&
         IsSpdxRef(s.substr(colon + 1));
}

bool IsHex(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsXdigit(c)) return false;
  }
  return true;
}

size_t DigestHexLength(std::string_view alg) {
  static const std::map<std::string_view, size_t> kLengths = {
      {"SHA1", 40},        {"SHA224", 56},       {"SHA256", 64},    {"SHA384", 96},
      {"SHA512", 128},     {"MD2", 32},          {"MD4", 32},       {"MD5", 32},
      {"SHA3-256", 64},    {"SHA3-384", 96},     {"SHA3-512", 128}, {"BLAKE2b-256", 64},
      {"BLAKE2b-384", 96}, {"BLAKE2b-512", 128}, {"BLAKE3", 64},    {"ADLER32", 8},
  };
  auto it = kLengths.find(alg);
  return it == kLengths.end() ? 0 : it->second;
}

// The SPDXIDs of a document, each with the position of its component in
// Document::components (kNotComponent for the document, snippets and files
// that are not components): open addressing over a copy of the ids kept
// together, so a lookup (two per relationship) touches one slot and text
// that is likely in the cache, not a node of a hash set and the id where it
// stands in the document.
class IdTable {
 public:
  static constexpr int32_t kNotComponent = -1;

  // Adds `id` unless it is there; false when it was.
  bool Insert(std::string_view id, int32_t component) {
    if ((count_ + 1) * 2 > slots_.size()) Grow();
    const uint64_t h = Hash(id);
    Slot& s = Probe(id, h);
    if (s.tag != 0) return false;
    s = {Tag(h), static_cast<uint32_t>(text_.size()), static_cast<uint32_t>(id.size()), component};
    text_.append(id);
    ++count_;
    return true;
  }
  // True when `id` is there; `*component` is its component position
  // (kNotComponent also when absent).
  bool Find(std::string_view id, int32_t* component) const {
    const Slot* s = Find(id);
    *component = s == nullptr ? kNotComponent : s->component;
    return s != nullptr;
  }
  bool Contains(std::string_view id) const { return Find(id) != nullptr; }
  int32_t Component(std::string_view id) const {
    int32_t c;
    Find(id, &c);
    return c;
  }

 private:
  struct Slot {
    uint32_t tag = 0;               // high bits of the hash, never 0; 0: empty
    uint32_t offset = 0, size = 0;  // of the id in text_
    int32_t component = kNotComponent;
  };
  static uint64_t Hash(std::string_view id) { return std::hash<std::string_view>()(id); }
  static uint32_t Tag(uint64_t h) { return static_cast<uint32_t>(h >> 32) | 1; }
  // The slot of `id`, or the empty one where it would go.
  Slot& Probe(std::string_view id, uint64_t h) {
    const size_t mask = slots_.size() - 1;
    const uint32_t tag = Tag(h);
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.tag == 0 ||
          (s.tag == tag && SameText(std::string_view(text_.data() + s.offset, s.size), id))) {
        return s;
      }
    }
  }
  const Slot* Find(std::string_view id) const {
    if (slots_.empty()) return nullptr;
    const Slot& s = const_cast<IdTable*>(this)->Probe(id, Hash(id));
    return s.tag == 0 ? nullptr : &s;
  }
  void Grow() {
    std::vector<Slot> old(std::max<size_t>(1024, slots_.size() * 2));
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.tag == 0) continue;
      const std::string_view id(text_.data() + s.offset, s.size);
      Probe(id, Hash(id)) = s;
    }
  }

  std::vector<Slot> slots_;  // a power of two of them, at most half used
  size_t count_ = 0;
  std::string text_;  // the ids, one after another
};

class Rules {
 public:
  Rules(Syntax syntax, Reporter& reporter) : syntax_(syntax), r_(reporter) {}

  Result<Document> Run(Node root);

 private:
  // --- places and names ---------------------------------------------------
  std::string Place(const Node& n, const std::string& ptr) const {
    switch (syntax_) {
      case Syntax::kJson:
        return ptr.empty() ? "/" : ptr;
      case Syntax::kYaml:
        return n.line > 0 ? "line " + std::to_string(n.line) + ", " + (ptr.empty() ? "/" : ptr)
                          : (ptr.empty() ? "/" : ptr);
      case Syntax::kTagValue:
        return n.line > 0 ? "line " + std::to_string(n.line) : "";
    }
    return ptr;
  }
  std::string Name(std::string_view object, std::string_view field) const {
    if (syntax_ == Syntax::kTagValue) {
      std::string_view tag = TagForField(object, field);
      if (!tag.empty()) return std::string(tag);
    }
    return "'" + std::string(field) + "'";
  }
  void Error(const Node& n, const std::string& ptr, const std::string& msg) {
    r_.Error(Place(n, ptr), msg);
  }
  void Warning(const Node& n, const std::string& ptr, const std::string& msg) {
    r_.Warning(Place(n, ptr), msg);
  }
  // A tolerated deviation (Diagnostic::deviation): `noun` (singular)
  // `verb` `message`, e.g. "package" lacks "'downloadLocation' (...)".
  // Counted per noun and message; `example` (the first's value) is added
  // to the report.
  enum class Verb { kLacks, kHas, kIs };
  void Tolerate(const Node& n, const std::string& ptr, std::string_view noun, Verb verb,
                std::string message, std::string example = {}) {
    Tolerated& t = tolerated_[std::string(noun) + '\n' + message];
    if (t.count++ == 0) {
      t.order = tolerated_.size();
      t.place = Place(n, ptr);
      t.noun = noun;
      t.verb = verb;
      t.message = std::move(message);
      t.example = std::move(example);
    }
  }
  // In the order the kinds were first met.
  void ReportTolerated() {
    static constexpr std::string_view kSingular[] = {"lacks", "has", "is"};
    static constexpr std::string_view kPlural[] = {"lack", "have", "are"};
    std::vector<const Tolerated*> kinds;
    for (const auto& [key, t] : tolerated_) kinds.push_back(&t);
    std::sort(kinds.begin(), kinds.end(),
              [](const Tolerated* a, const Tolerated* b) { return a->order < b->order; });
    for (const Tolerated* kind : kinds) {
      const Tolerated& t = *kind;
      const bool one = t.count == 1;
      const auto v = static_cast<size_t>(t.verb);
      r_.Deviation(t.place, std::to_string(t.count) + " " + t.noun + (one ? " " : "s ") +
                                std::string(one ? kSingular[v] : kPlural[v]) + " " + t.message +
                                t.example + (one ? "" : "; the first here"));
    }
  }

  // --- schema -------------------------------------------------------------
  bool InEnum(const EnumSpec& e, std::string_view v) const {
    for (const Value& x : e.values) {
      if (x.since <= minor_ && SameText(x.value, v)) return true;
    }
    return false;
  }
  // The value of the enumeration that equals `v` but for case, else `v`.
  std::string_view Spelling(const EnumSpec& e, std::string_view v) const {
    for (const Value& x : e.values) {
      if (x.since <= minor_ && SameText(x.value, v)) return x.value;  // the usual case, cheaper
    }
    for (const Value& x : e.values) {
      if (x.since <= minor_ && text::EqualsIgnoreAsciiCase(x.value, v)) {
        return x.value;
      }
    }
    return v;
  }
  std::string EnumMessage(const EnumSpec& e, std::string_view v) const {
    std::string msg = "'" + std::string(v) + "' is not one of ";
    bool first = true;
    for (const Value& x : e.values) {
      if (x.since > minor_) continue;
      if (!first) msg += ", ";
      msg += x.value;
      first = false;
    }
    return msg + " (" + std::string(e.what) + ", SPDX 2." + std::to_string(minor_) + ")";
  }

  // String-typed fields accept YAML plain scalars of any type (see docs).
  bool IsStringLike(const Node& n) const {
    return n.kind == Node::Kind::kString ||
           (n.plain && n.kind != Node::Kind::kNull && syntax_ == Syntax::kYaml);
  }

  // A JSON pointer into the tree being checked, written out only when a
  // message needs it (most documents need none).
  struct Pointer {
    const Pointer* up = nullptr;  // nullptr: the root ("")
    bool is_index = false;
    std::string_view key;  // a member, or
    size_t index = 0;      // an array item
    Pointer Key(std::string_view k) const { return {this, false, k}; }
    Pointer Index(size_t i) const { return {this, true, {}, i}; }
    std::string str() const {
      if (up == nullptr) return "";
      return up->str() + "/" + (is_index ? std::to_string(index) : PointerToken(key));
    }
  };

  void CheckType(const Node& n, Type type, const Pointer& ptr, const Field& f, const Spec& spec) {
    auto expect = [&](bool ok, std::string_view what) {
      if (!ok) {
        Error(n, ptr.str(),
              Name(spec.what, f.name) + " must be " + std::string(what) + ", not " +
                  std::string(n.plain && n.kind == Node::Kind::kNull ? "empty" : KindName(n.kind)));
      }
      return ok;
    };
    switch (type) {
      case Type::kString:
        if (!expect(IsStringLike(n), "a string") || !f.values || InEnum(*f.values, n.text)) return;
        if (std::string_view spelled = Spelling(*f.values, n.text); spelled != n.text) {
          // "describes" (REUSE), "sha256" (sigs.k8s.io/bom): unambiguous.
          Tolerate(n, ptr.str(), f.values->what, Verb::kIs,
                   "not in the spec's case; read as " + std::string(spelled),
                   " ('" + std::string(n.text) + "')");
          return;
        }
        if (f.values == &kRelationshipEnum) {
          // Trivy (2022) writes "DESCRIBE": the relationship is kept as
          // written and gives no edge; the elements are untouched.
          Tolerate(n, ptr.str(), "relationship type", Verb::kIs,
                   "not one of the spec's types; kept as written, without meaning",
                   " ('" + std::string(n.text) + "')");
          return;
        }
        Error(n, ptr.str(), EnumMessage(*f.values, n.text));
        return;
      case Type::kBool:
        expect(n.kind == Node::Kind::kBool, "a boolean");
        return;
      case Type::kInt:
        expect(n.kind == Node::Kind::kInt, "an integer");
        return;
      case Type::kObject:
        if (expect(n.is_object(), "an object")) Check(n, *f.spec, ptr);
        return;
      case Type::kStrings:
      case Type::kObjects: {
        if (!expect(n.is_array(), "an array")) return;
        for (size_t i = 0; i < n.items.size(); ++i) {
          CheckType(n.items[i], type == Type::kStrings ? Type::kString : Type::kObject,
                    ptr.Index(i), f, spec);
        }
        return;
      }
    }
  }

  // The field of `spec` named `key`, whatever its version, or nullptr.
  // `key` is member `k` of its object; `hints` holds, for each k, the field
  // member k was last time: tools write every package's members in one
  // order, so that is tried first.
  static const Field* FindField(const Spec& spec, size_t k, std::string_view key,
                                std::vector<uint8_t>& hints) {
    if (k < hints.size() && hints[k] < spec.fields.size() &&
        SameText(spec.fields[hints[k]].name, key)) {
      return &spec.fields[hints[k]];
    }
    for (const Field& f : spec.fields) {
      if (!SameText(f.name, key)) continue;
      if (hints.size() <= k) hints.resize(k + 1, kMaxFields);
      hints[k] = static_cast<uint8_t>(&f - spec.fields.data());
      return &f;
    }
    return nullptr;
  }

  void Check(const Node& obj, const Spec& spec, const Pointer& ptr) {
    const int bit = minor_ == 2 ? kReq22 : kReq23;
    // Each member's field, found once; which fields are present.
    std::bitset<kMaxFields> present;
    const size_t base = fields_.size();  // this object's fields_, above those of its parents
    std::vector<uint8_t>& hints = field_hints_[&spec];
    for (size_t k = 0; k < obj.members.size(); ++k) {
      const Field* f = FindField(spec, k, obj.members[k].key, hints);
      if (f != nullptr) present.set(static_cast<size_t>(f - spec.fields.data()));
      fields_.push_back(f);
    }
    for (size_t k = 0; k < spec.fields.size(); ++k) {
      const Field& f = spec.fields[k];
      if (!(f.req & bit) || f.since > minor_ || present[k]) continue;
      if (f.req == kReq22) {
        // Required by the 2.2 schema, optional since 2.3: most 2.2 tools
        // leave these out (docs/parts/spdx.md).
        Tolerate(obj, ptr.str(), spec.what, Verb::kLacks,
                 Name(spec.what, f.name) +
                     " (required by SPDX 2.2, optional since 2.3; read as NOASSERTION)");
        continue;
      }
      if (!f.if_missing.empty()) {
        Tolerate(obj, ptr.str(), spec.what, Verb::kLacks,
                 Name(spec.what, f.name) + " (required by SPDX 2." + std::to_string(minor_) + "; " +
                     std::string(f.if_missing) + ")");
        continue;
      }
      Error(obj, ptr.str(),
            "missing required " + Name(spec.what, f.name) + " of the " + std::string(spec.what) +
                Describe(obj));
    }
    for (size_t k = 0; k < obj.members.size(); ++k) {
      const Member& m = obj.members[k];
      const Field* field = fields_[base + k];
      if (field != nullptr && field->since > minor_) field = nullptr;
      const Pointer child = ptr.Key(m.key);
      if (field == nullptr && spec.tolerate_unknown) {
        Tolerate(m.value.line > 0 ? m.value : obj, child.str(), spec.what, Verb::kHas,
                 "the unknown property '" + std::string(m.key) + "' (SPDX 2." +
                     std::to_string(minor_) + "); ignored");
        continue;
      }
      if (field != nullptr && m.value.kind == Node::Kind::kNull && !(field->req & bit)) {
        // "hasFiles": null (Microsoft sbom-tool): an optional field without a value.
        Tolerate(m.value.line > 0 ? m.value : obj, child.str(), spec.what, Verb::kHas,
                 Name(spec.what, field->name) + " null; read as absent");
        continue;
      }
      if (field == nullptr) {
        Error(m.value.line > 0 ? m.value : obj, child.str(),
              "unknown property '" + std::string(m.key) + "' of the " + std::string(spec.what) +
                  " (SPDX 2." + std::to_string(minor_) + ")");
        continue;
      }
      CheckType(m.value, field->type, child, *field, spec);
    }
    fields_.resize(base);
  }

  static std::string Describe(const Node& obj) {
    const Node* id = obj.Get("SPDXID");
    if (id && id->is_string()) return " " + std::string(id->text);
    return "";
  }

  // --- values -------------------------------------------------------------
  // The text of a string field, "" when absent or not a string.
  std::string_view Str(const Node& obj, std::string_view key) const {
    const Node* n = obj.Get(key);
    if (n == nullptr || !IsStringLike(*n)) return {};
    return n->text;
  }
  static bool IsNoAssertion(std::string_view s) { return s == "NOASSERTION"; }
  static bool IsNone(std::string_view s) { return s == "NONE"; }

  void CheckDate(const Node& obj, std::string_view key, const std::string& ptr,
                 std::string_view object) {
    const Node* n = obj.Get(key);
    if (n == nullptr || !IsStringLike(*n)) return;
    if (!cdx::IsDateTime(n->text)) {
      Error(*n, ptr + "/" + std::string(key),
            Name(object, key) + " must be a date and time YYYY-MM-DDThh:mm:ssZ, not '" +
                std::string(n->text) + "'");
    }
  }

  // A license field: NOASSERTION, NONE or an SPDX license expression.
  void License(const Node& obj, std::string_view key, const std::string& ptr,
               std::string_view object, std::string_view acknowledgement,
               std::vector<sbom::License>* out) {
    const Node* n = obj.Get(key);
    if (n == nullptr || !IsStringLike(*n)) return;
    LicenseText(*n, ptr, object, key, std::nullopt, acknowledgement, out);
  }
  // The license text `n` of `field` of `object` at `base`/`field`[/`index`].
  void LicenseText(const Node& n, const std::string& base, std::string_view object,
                   std::string_view field, std::optional<size_t> index,
                   std::string_view acknowledgement, std::vector<sbom::License>* out) {
    // The place and the name, written only for messages.
    auto ptr = [&] {
      std::string p = base + "/" + std::string(field);
      return index ? p + "/" + std::to_string(*index) : p;
    };
    auto name = [&] { return Name(object, field); };
    std::string_view text = n.text;
    if (IsNoAssertion(text)) return;
    if (IsNone(text)) {
      if (out) out->push_back({License::Kind::kName, "NONE", K(acknowledgement), ""});
      return;
    }
    const Result<ParsedLicenseExpression>& e = Parsed(text);
    if (!e.ok()) {
      // Trivy writes "GPL-2.0, LGPL-2.0": the statement is kept as written,
      // as a name, and never taken for an expression.
      Tolerate(n, ptr(), name() + " value", Verb::kIs,
               "not a license expression; kept as a license name",
               " (" + e.status().message() + ")");
      if (out) {
        out->push_back({License::Kind::kName, K(text), K(acknowledgement), ""});
      }
      return;
    }
    for (const std::string& id : e->unknown_licenses) {
      Warning(n, ptr(),
              name() + ": '" + id + "' is not on the SPDX license list of this build " +
                  "(a newer list may have it; use LicenseRef- for other licenses)");
    }
    for (const std::string& id : e->unknown_exceptions) {
      Warning(n, ptr(), name() + ": '" + id + "' is not on the SPDX exception list of this build");
    }
    std::vector<std::string_view> refs;
    CollectRefs(e->tree, &refs);
    if (!refs.empty()) {
      const std::string p = ptr();
      for (std::string_view ref : refs) used_refs_.push_back({std::string(ref), &n, p});
    }
    if (out) {
      out->push_back({e->single_listed_id ? License::Kind::kId : License::Kind::kExpression,
                      K(e->canonical), K(acknowledgement), ""});
    }
  }
  // Each distinct license text is parsed once (documents repeat a few).
  const Result<ParsedLicenseExpression>& Parsed(std::string_view text) {
    auto it = licenses_.find(text);
    if (it == licenses_.end()) it = licenses_.emplace(text, ParseLicenseExpression(text)).first;
    return it->second;
  }
  // The LicenseRef- ids of `e`, in order.
  static void CollectRefs(const LicenseExpression& e, std::vector<std::string_view>* refs) {
    if (e.kind == LicenseExpression::Kind::kLicense) {
      if (StartsWith(e.id, "LicenseRef-")) refs->push_back(e.id);
      return;
    }
    for (const LicenseExpression& o : e.operands) CollectRefs(o, refs);
  }

  // supplier / originator: "Person: ...", "Organization: ..." or NOASSERTION.
  std::optional<Actor> ActorField(const Node& obj, std::string_view key, const std::string& ptr,
                                  std::string_view object) {
    const Node* n = obj.Get(key);
    if (n == nullptr || !IsStringLike(*n) || IsNoAssertion(n->text)) return std::nullopt;
    Actor a;
    if (!ParseActor(n->text, &a) || a.kind == "Tool") {
      // The spec's form, which the schema does not check: a warning, and
      // the text is kept as the name.
      Warning(*n, ptr + "/" + std::string(key),
              Name(object, key) +
                  " should be 'Person: name (email)', 'Organization: name (email)' or "
                  "NOASSERTION, not '" +
                  std::string(n->text) + "'; kept as the name");
      return Actor{"", std::string(n->text), ""};
    }
    return a;
  }

  void Checksums(const Node& obj, const std::string& ptr, std::string_view object,
                 std::vector<Hash>* out) {
    const Node* list = obj.Get("checksums");
    if (list == nullptr || !list->is_array()) return;
    for (size_t i = 0; i < list->items.size(); ++i) {
      const Node& c = list->items[i];
      if (!c.is_object()) continue;
      std::string_view alg = Spelling(kChecksumEnum, Str(c, "algorithm")),
                       value = Str(c, "checksumValue");
      if (alg.empty() || value.empty()) continue;
      size_t want = DigestHexLength(alg);
      auto p = [&] { return ptr + "/checksums/" + std::to_string(i) + "/checksumValue"; };
      if (!IsHex(value)) {
        Error(c, p(),
              Name(object, "checksums") + ": " + std::string(alg) + " value '" +
                  std::string(value) + "' is not hexadecimal");
      } else if (want != 0 && value.size() != want) {
        Error(c, p(),
              Name(object, "checksums") + ": " + std::string(alg) + " value has " +
                  std::to_string(value.size()) + " hex digits, not " + std::to_string(want));
      }
      if (out) out->push_back({K(alg), K(value)});
    }
  }

  void Annotations(const Node& obj, const std::string& ptr, std::vector<Annotation>* out) {
    const Node* list = obj.Get("annotations");
    if (list == nullptr || !list->is_array()) return;
    for (size_t i = 0; i < list->items.size(); ++i) {
      const Node& a = list->items[i];
      if (!a.is_object()) continue;
      std::string p = ptr + "/annotations/" + std::to_string(i);
      CheckDate(a, "annotationDate", p, "annotation");
      std::string_view annotator = Str(a, "annotator");
      Actor actor;
      if (!annotator.empty() && !ParseActor(annotator, &actor)) {
        Warning(a, p + "/annotator",
                Name("annotation", "annotator") +
                    " should start with 'Person:', 'Organization:' or 'Tool:', not '" +
                    std::string(annotator) + "'");
      }
      out->push_back({K(annotator), K(Str(a, "annotationDate")),
                      K(Spelling(kAnnotationEnum, Str(a, "annotationType"))),
                      K(Str(a, "comment"))});
    }
  }

  // Checks the SPDXID of an element and records it; `component` is the
  // position the element takes in Document::components, or
  // IdTable::kNotComponent.
  void Element(const Node& obj, const std::string& ptr, std::string_view object,
               int32_t component) {
    // Absent or not a string: reported by the schema check. Empty: an
    // element nothing can name, an error like any other malformed id.
    const Node* given = obj.Get("SPDXID");
    if (given == nullptr || !IsStringLike(*given)) return;
    const std::string_view id = given->text;
    if (!IsSpdxRef(id) && !IsTolerableId(id)) {
      Error(*given, ptr + "/SPDXID",
            Name(object, "SPDXID") + " must be SPDXRef- followed by letters, digits, '.' or " +
                "'-', not '" + std::string(id) + "'");
      return;
    }
    if (!IsSpdxRef(id)) {
      // Still unique and unambiguous, so the element keeps its identity;
      // relationships may name it as written.
      Tolerate(*given, ptr + "/SPDXID", std::string(object) + " SPDXID", Verb::kIs,
               "not SPDXRef- followed by letters, digits, '.' or '-'; kept as written",
               " ('" + std::string(id) + "')");
    }
    if (!ids_.Insert(id, component)) {
      Error(*given, ptr + "/SPDXID", "duplicate SPDXID '" + std::string(id) + "'");
    }
  }

  // Reads package `p` into `c` (its lists are kept when this returns).
  void Package(const Node& p, const std::string& ptr, Component& c);
  void ExternalRefs(const Node& p, const std::string& ptr, Component& c,
                    std::vector<ExternalReference>* refs);
  void Relationships(const Node& root);
  void Finish(Document& doc);

  Syntax syntax_;
  Reporter& r_;
  int minor_ = 3;
  // SPDXIDs of the document's elements.
  IdTable ids_;
  // The component positions (or IdTable::kNotComponent) of the two ends of
  // each of doc_->relationships, for Finish.
  std::vector<std::pair<int32_t, int32_t>> ends_;
  // Check's field of each member, a stack of one entry per member of the
  // objects being checked.
  std::vector<const Field*> fields_;
  std::unordered_map<const Spec*, std::vector<uint8_t>> field_hints_;  // see FindField
  struct UsedRef {
    std::string id;
    const Node* node;
    std::string ptr;
  };
  std::vector<UsedRef> used_refs_;
  purl::Purl purl_;  // reused by ExternalRefs' purl checks
  // Parsed license texts (views into the tree).
  std::unordered_map<std::string_view, Result<ParsedLicenseExpression>> licenses_;
  Document* doc_ = nullptr;
  // `text` kept in the document's arena.
  Text K(std::string_view text) { return doc_->Keep(text); }
  // The lists being built (see list_scratch.h).
  ListBuilder<sbom::Hash, sbom::License, ExternalReference, Property, sbom::Annotation> lists_;
  // Tolerated deviations of one kind (object and rule): reported once, with
  // the count and the first place.
  struct Tolerated {
    size_t count = 0;
    size_t order = 0;  // kinds met before, plus one
    std::string place, noun, message, example;
    Verb verb = Verb::kLacks;
  };
  std::map<std::string, Tolerated> tolerated_;  // noun + message -> count, first place
};

void Rules::Package(const Node& p, const std::string& ptr, Component& c) {
  c.location = K(Place(p, ptr));
  Element(p, ptr, "package", static_cast<int32_t>(doc_->components.size() - 1));  // c is last
  c.ref = K(Str(p, "SPDXID"));
  c.name = K(Str(p, "name"));
  std::string_view version = Str(p, "versionInfo");
  if (!IsNoAssertion(version)) c.version = K(version);
  c.description = K(Str(p, "description"));
  if (c.description.empty()) c.description = K(Str(p, "summary"));
  if (std::optional<Actor> s = ActorField(p, "supplier", ptr, "package")) {
    Organization o;
    o.name = K(s->name);
    if (!s->email.empty() || s->kind == "Person") {
      const sbom::Contact contact{o.name, K(s->email), ""};
      o.contacts = doc_->KeepList(std::span<const sbom::Contact>(&contact, 1));
    }
    c.supplier = o;
  }
  if (std::optional<Actor> o = ActorField(p, "originator", ptr, "package")) {
    c.author = K(o->email.empty() ? o->name : o->name + " <" + o->email + ">");
  }
  ListInto<sbom::Hash> hashes = lists_.Into(&c.hashes);
  ListInto<sbom::License> licenses = lists_.Into(&c.licenses);
  ListInto<ExternalReference> refs = lists_.Into(&c.external_references);
  ListInto<Property> properties = lists_.Into(&c.properties);
  ListInto<sbom::Annotation> annotations = lists_.Into(&c.annotations);
  Checksums(p, ptr, "package", hashes);
  License(p, "licenseConcluded", ptr, "package", "concluded", licenses);
  License(p, "licenseDeclared", ptr, "package", "declared", licenses);
  if (const Node* files = p.Get("licenseInfoFromFiles"); files && files->is_array()) {
    for (size_t i = 0; i < files->items.size(); ++i) {
      if (!IsStringLike(files->items[i])) continue;
      LicenseText(files->items[i], ptr, "package", "licenseInfoFromFiles", i, "", nullptr);
    }
  }
  std::string_view copyright = Str(p, "copyrightText");
  if (!IsNoAssertion(copyright)) c.copyright = K(copyright);
  std::string_view download = Str(p, "downloadLocation");
  if (!download.empty() && !IsNone(download) && !IsNoAssertion(download)) {
    refs->push_back({"distribution", K(download), "", {}});
  }
  std::string_view homepage = Str(p, "homepage");
  if (!homepage.empty() && !IsNone(homepage) && !IsNoAssertion(homepage)) {
    refs->push_back({"website", K(homepage), "", {}});
  }
  ExternalRefs(p, ptr, c, refs);
  std::string_view purpose = Spelling(kPurposeEnum, Str(p, "primaryPackagePurpose"));
  static const std::map<std::string_view, std::string_view> kTypes = {
      {"APPLICATION", "application"},
      {"FRAMEWORK", "framework"},
      {"LIBRARY", "library"},
      {"CONTAINER", "container"},
      {"OPERATING_SYSTEM", "operating-system"},
      {"DEVICE", "device"},
      {"FIRMWARE", "firmware"},
      {"FILE", "file"}};
  if (auto it = kTypes.find(purpose); it != kTypes.end()) c.type = Text::View(it->second);
  if (!purpose.empty()) properties->push_back({"spdx:primaryPackagePurpose", K(purpose)});
  for (std::string_view key : {"releaseDate", "builtDate", "validUntilDate"}) {
    CheckDate(p, key, ptr, "package");
    std::string_view v = Str(p, key);
    if (!v.empty()) properties->push_back({K("spdx:" + std::string(key)), K(v)});
    // Where the FDA's end-of-support date is read from, whatever the format.
    if (!v.empty() && key == std::string_view("validUntilDate")) {
      properties->push_back({Text::View(kFdaEndOfSupportDate), K(v.substr(0, 10))});
    }
  }
  std::string_view file_name = Str(p, "packageFileName");
  if (!file_name.empty()) properties->push_back({"spdx:packageFileName", K(file_name)});
  if (const Node* fa = p.Get("filesAnalyzed"); fa && fa->kind == Node::Kind::kBool) {
    properties->push_back({"spdx:filesAnalyzed", fa->boolean ? Text("true") : Text("false")});
  }
  Annotations(p, ptr, annotations);
}

void Rules::ExternalRefs(const Node& p, const std::string& ptr, Component& c,
                         std::vector<ExternalReference>* refs) {
  const Node* list = p.Get("externalRefs");
  if (list == nullptr || !list->is_array()) return;
  std::string cpe22;
  for (size_t i = 0; i < list->items.size(); ++i) {
    const Node& x = list->items[i];
    if (!x.is_object()) continue;
    std::string_view category = Str(x, "referenceCategory"), type = Str(x, "referenceType"),
                     locator = Str(x, "referenceLocator"), comment = Str(x, "comment");
    if (HasBlank(locator)) {
      Error(x, ptr + "/externalRefs/" + std::to_string(i) + "/referenceLocator",
            Name("package", "externalRefs") + ": locator '" + std::string(locator) +
                "' must not contain whitespace");
    }
    if (type == "purl" && !purl::ParseInto(locator, &purl_, purl::ParseMode::kLenient).ok()) {
      // Tools write URLs here; a matcher must not take them for a package.
      Warning(x, ptr + "/externalRefs/" + std::to_string(i) + "/referenceLocator",
              Name("package", "externalRefs") + ": purl locator '" + std::string(locator) +
                  "' is not a package URL; kept as an 'other' reference");
      refs->push_back({"other", K(locator), "invalid purl locator", {}});
    } else if (type == "purl" && c.purl.empty()) {
      c.purl = K(locator);
    } else if (type == "cpe23Type" && c.cpe.empty()) {
      c.cpe = K(locator);
    } else if (type == "cpe22Type" && cpe22.empty()) {
      cpe22 = locator;
    } else if (type == "swid" && c.swid_tag_id.empty()) {
      c.swid_tag_id = K(locator);
    } else if (type == "swh") {
      lists_.Append(&c.swhids, K(locator));
    } else if (type == "gitoid") {
      lists_.Append(&c.omnibor_ids, K(locator));
    } else {
      refs->push_back({K(type), K(locator), K(comment), {}});
      (void)category;
    }
  }
  if (c.cpe.empty() && !cpe22.empty()) {
    c.cpe = K(cpe22);
  } else if (!cpe22.empty()) {
    refs->push_back({"cpe22Type", K(cpe22), "", {}});
  }
}

void Rules::Relationships(const Node& root) {
  const Node* list = root.Get("relationships");
  if (list == nullptr || !list->is_array()) return;
  const Pointer top, relationships = top.Key("relationships");
  doc_->relationships.reserve(doc_->relationships.size() + list->items.size());
  ends_.reserve(doc_->relationships.capacity());
  for (size_t i = 0; i < list->items.size(); ++i) {
    const Node& x = list->items[i];
    if (!x.is_object()) continue;
    const Pointer ptr = relationships.Index(i);
    std::string_view from = Str(x, "spdxElementId"), to = Str(x, "relatedSpdxElement"),
                     type = Str(x, "relationshipType");
    if (from.empty() || type.empty()) continue;
    int32_t from_component, to_component;
    const bool from_known = ids_.Find(from, &from_component),
               to_known = ids_.Find(to, &to_component);
    if (!from_known && !IsElementRef(from)) {
      Error(x, ptr.Key("spdxElementId").str(),
            "relationship element '" + std::string(from) +
                "' must be SPDXRef-<id> or DocumentRef-<id>:SPDXRef-<id>");
      continue;
    }
    if (!to_known && !IsElementRef(to) && !IsNone(to) && !IsNoAssertion(to)) {
      Error(x, ptr.Key("relatedSpdxElement").str(),
            "related element '" + std::string(to) +
                "' must be SPDXRef-<id>, DocumentRef-<id>:SPDXRef-<id>, NONE or NOASSERTION");
      continue;
    }
    for (auto [ref, known] : {std::pair{from, from_known}, std::pair{to, to_known}}) {
      if (!known && IsSpdxRef(ref)) {
        Warning(x, ptr.str(),
                "relationship names '" + std::string(ref) + "', no element of this document");
      }
    }
    Relationship& r = doc_->relationships.emplace_back();  // no temporary to move
    r.from = K(from);
    r.type = K(Spelling(kRelationshipEnum, type));
    r.to = K(to);
    r.comment = K(Str(x, "comment"));
    ends_.emplace_back(from_component, to_component);
  }
}

// Derives describes, subject, nesting and the dependency graph from the
// relationships.
void Rules::Finish(Document& doc) {
  const std::string& self = "SPDXRef-DOCUMENT";
  for (const Relationship& r : doc.relationships) {
    if (r.type == "DESCRIBES" && r.from == self) doc.describes.push_back(r.to);
    if (r.type == "DESCRIBED_BY" && r.to == self) doc.describes.push_back(r.from);
  }
  {
    std::unordered_set<std::string_view> seen;
    std::vector<Text> unique;
    for (Text d : doc.describes) {
      if (seen.insert(d).second) unique.push_back(d);
    }
    doc.describes = std::move(unique);
  }
  // Nesting: CONTAINS / CONTAINED_BY, the first container wins. The ends
  // of each relationship were looked up as it was read (ends_).
  for (size_t i = 0; i < doc.relationships.size(); ++i) {
    const Relationship& r = doc.relationships[i];
    std::string_view parent, child;
    int32_t parent_at, child_at;
    if (r.type == "CONTAINS") {
      parent = r.from, child = r.to;
      std::tie(parent_at, child_at) = ends_[i];
    } else if (r.type == "CONTAINED_BY") {
      parent = r.to, child = r.from;
      std::tie(child_at, parent_at) = ends_[i];
    } else {
      continue;
    }
    if (child_at == IdTable::kNotComponent || parent_at == IdTable::kNotComponent ||
        parent == child) {
      continue;
    }
    Component& comp = doc.components[static_cast<size_t>(child_at)];
    if (comp.parent_ref.empty()) comp.parent_ref = Text::View(parent);
  }
  // The subject: the one described component.
  std::string subject_ref;
  if (doc.describes.size() == 1 && ids_.Component(doc.describes[0]) != IdTable::kNotComponent) {
    subject_ref = doc.describes[0];
  }
  // Dependencies between components.
  DependencyBuilder deps;
  for (size_t i = 0; i < doc.relationships.size(); ++i) {
    const Relationship& r = doc.relationships[i];
    const bool reverse = IsReverseDependency(r.type);
    if (r.type != "DEPENDS_ON" && !reverse) continue;
    auto [from, to] = ends_[i];
    if (reverse) std::swap(from, to);
    if (from != IdTable::kNotComponent && to != IdTable::kNotComponent) {
      deps.Add(static_cast<size_t>(from), static_cast<size_t>(to));
    }
  }
  doc.dependencies = deps.Take(doc.components, *doc.arena);
  PlaceSubject(doc, subject_ref);
}

Result<Document> Rules::Run(Node root) {
  if (!root.is_object()) {
    Error(root, "", "an SPDX document is an object, not " + std::string(KindName(root.kind)));
    return r_.ToStatus();
  }
  std::string_view version = Str(root, "spdxVersion");
  const Node* version_node = root.Get("spdxVersion");
  if (version.empty()) {
    Error(root, "", "missing required " + Name("document", "spdxVersion") + " of the document");
    return r_.ToStatus();
  }
  if (version == "SPDX-2.2") {
    minor_ = 2;
  } else if (version == "SPDX-2.1") {
    // 2.2 only added to 2.1 (fields, relationship and reference types,
    // checksum algorithms, the JSON/YAML/XML encodings), so a 2.1 document
    // is read and checked with the 2.2 rules (docs/parts/spdx.md).
    minor_ = 2;
    Warning(*version_node, "/spdxVersion",
            "SPDX 2.1 is read and checked with the SPDX 2.2 rules (2.2 only added to 2.1)");
  } else if (version == "SPDX-2.3") {
    minor_ = 3;
  } else {
    Error(*version_node, "/spdxVersion",
          StartsWith(version, "SPDX-")
              ? std::string(version.substr(5)) + " is not supported (SPDX 2.1 to 2.3 are)"
              : "'" + std::string(version) + "' is not an SPDX version (SPDX-2.1 to SPDX-2.3)");
    Status s = r_.ToStatus();
    if (StartsWith(version, "SPDX-")) return Status(StatusCode::kUnsupported, s.message());
    return s;
  }
  Check(root, kDocument, Pointer{});
  Document doc;
  doc_ = &doc;
  lists_.Use(*doc.arena);
  doc.spec_version = K(version);
  doc.name = K(Str(root, "name"));
  doc.data_license = K(Str(root, "dataLicense"));
  doc.serial_number = K(Str(root, "documentNamespace"));
  if (std::string_view id = Str(root, "SPDXID"); !id.empty() && id != "SPDXRef-DOCUMENT") {
    Error(*root.Get("SPDXID"), "/SPDXID",
          Name("document", "SPDXID") + " of the document must be SPDXRef-DOCUMENT, not '" +
              std::string(id) + "'");
  }
  if (!doc.data_license.empty() && doc.data_license != "CC0-1.0") {
    Error(*root.Get("dataLicense"), "/dataLicense",
          Name("document", "dataLicense") + " must be CC0-1.0, not '" + doc.data_license + "'");
  }
  if (const Node* ns = root.Get("documentNamespace"); ns && IsStringLike(*ns) && ns->text.empty()) {
    Tolerate(*ns, "/documentNamespace", "document", Verb::kHas,
             "an empty " + Name("document", "documentNamespace") +
                 " (the spec requires an absolute URI); read without one");
  } else if (ns && IsStringLike(*ns)) {
    if (ns->text.find('#') != std::string::npos || HasBlank(ns->text) || ns->text.find(':') == 0 ||
        ns->text.find(':') == std::string::npos) {
      Error(*ns, "/documentNamespace",
            Name("document", "documentNamespace") + " must be an absolute URI without '#', not '" +
                std::string(ns->text) + "'");
    }
  }
  ids_.Insert("SPDXRef-DOCUMENT", IdTable::kNotComponent);
  if (const Node* ci = root.Get("creationInfo"); ci && ci->is_object()) {
    CheckDate(*ci, "created", "/creationInfo", "creationInfo");
    doc.timestamp = K(Str(*ci, "created"));
    if (const Node* creators = ci->Get("creators"); creators && creators->is_array()) {
      if (creators->items.empty()) {
        Error(*creators, "/creationInfo/creators", "creationInfo needs at least one creator");
      }
      for (size_t i = 0; i < creators->items.size(); ++i) {
        const Node& n = creators->items[i];
        if (!IsStringLike(n)) continue;
        doc.creators.push_back(K(n.text));
        Actor a;
        if (!ParseActor(n.text, &a)) {
          Error(n, "/creationInfo/creators/" + std::to_string(i),
                Name("creationInfo", "creators") +
                    " must start with 'Person:', 'Organization:' or 'Tool:', not '" +
                    std::string(n.text) + "'");
          continue;
        }
        if (a.kind == "Tool") {
          Tool t;
          size_t dash = a.name.rfind('-');
          if (dash != std::string::npos && dash + 1 < a.name.size() &&
              std::isdigit(static_cast<unsigned char>(a.name[dash + 1]))) {
            t.name = K(std::string_view(a.name).substr(0, dash));
            t.version = K(std::string_view(a.name).substr(dash + 1));
          } else {
            t.name = K(a.name);
          }
          doc.tools.push_back(std::move(t));
        } else {
          doc.authors.push_back({K(a.name), K(a.email), ""});
        }
      }
    }
    std::string_view llv = Str(*ci, "licenseListVersion");
    if (!llv.empty()) doc.properties.push_back({"spdx:licenseListVersion", K(llv)});
  }
  if (const Node* refs = root.Get("externalDocumentRefs"); refs && refs->is_array()) {
    for (size_t i = 0; i < refs->items.size(); ++i) {
      const Node& x = refs->items[i];
      if (!x.is_object()) continue;
      std::string_view id = Str(x, "externalDocumentId");
      std::string p = "/externalDocumentRefs/" + std::to_string(i);
      if (!id.empty() && !(StartsWith(id, "DocumentRef-") && IsIdstring(id.substr(12)))) {
        Error(x, p + "/externalDocumentId",
              "external document id '" + std::string(id) + "' must be DocumentRef-<id>");
      }
      if (const Node* cs = x.Get("checksum"); cs && cs->is_object()) {
        Node wrapper;
        wrapper.kind = Node::Kind::kObject;
        wrapper.line = x.line;
        Node& list = wrapper.Add("checksums");
        list.kind = Node::Kind::kArray;
        list.items.push_back(*cs);
        Checksums(wrapper, p + "/checksum", "externalDocumentRef", nullptr);
      }
    }
  }
  std::unordered_set<std::string> declared_refs;
  if (const Node* infos = root.Get("hasExtractedLicensingInfos"); infos && infos->is_array()) {
    for (size_t i = 0; i < infos->items.size(); ++i) {
      const Node& x = infos->items[i];
      if (!x.is_object()) continue;
      std::string_view id = Str(x, "licenseId");
      std::string p = "/hasExtractedLicensingInfos/" + std::to_string(i);
      if (!id.empty() && !(StartsWith(id, "LicenseRef-") && IsIdstring(id.substr(11)))) {
        Error(x, p + "/licenseId",
              Name("license", "licenseId") +
                  " must be LicenseRef- followed by letters, digits, '.' or '-', not '" +
                  std::string(id) + "'");
      }
      declared_refs.emplace(id);
    }
  }
  Annotations(root, "", &doc.annotations);
  if (const Node* reviews = root.Get("revieweds"); reviews && reviews->is_array()) {
    for (const Node& x : reviews->items) {
      if (!x.is_object()) continue;
      doc.annotations.push_back(
          {K(Str(x, "reviewer")), K(Str(x, "reviewDate")), "REVIEW", K(Str(x, "comment"))});
    }
  }
  // Packages are components; files are components when the document
  // describes them or has no packages; snippets are counted.
  std::unordered_set<std::string> described;
  if (const Node* d = root.Get("documentDescribes"); d && d->is_array()) {
    for (size_t i = 0; i < d->items.size(); ++i) {
      const Node& n = d->items[i];
      if (!IsStringLike(n)) continue;
      doc.describes.push_back(K(n.text));
      described.emplace(n.text);
    }
  }
  if (const Node* rels = root.Get("relationships"); rels && rels->is_array()) {
    for (const Node& x : rels->items) {
      if (!x.is_object()) continue;
      const std::string_view type = Spelling(kRelationshipEnum, Str(x, "relationshipType"));
      if (type == "DESCRIBES" && Str(x, "spdxElementId") == "SPDXRef-DOCUMENT") {
        described.emplace(Str(x, "relatedSpdxElement"));
      }
      if (type == "DESCRIBED_BY" && Str(x, "relatedSpdxElement") == "SPDXRef-DOCUMENT") {
        described.emplace(Str(x, "spdxElementId"));
      }
    }
  }
  const Node* packages = root.Get("packages");
  bool has_packages = packages && packages->is_array() && !packages->items.empty();
  if (packages && packages->is_array()) {
    doc.components.reserve(packages->items.size());
    for (size_t i = 0; i < packages->items.size(); ++i) {
      const Node& p = packages->items[i];
      if (!p.is_object()) continue;
      Package(p, "/packages/" + std::to_string(i), doc.components.emplace_back());
    }
  }
  if (const Node* files = root.Get("files"); files && files->is_array()) {
    for (size_t i = 0; i < files->items.size(); ++i) {
      const Node& f = files->items[i];
      if (!f.is_object()) continue;
      std::string ptr = "/files/" + std::to_string(i);
      Component c;
      c.ref = K(Str(f, "SPDXID"));
      const bool is_component = !has_packages || described.count(c.ref);
      Element(f, ptr, "file",
              is_component ? static_cast<int32_t>(doc.components.size()) : IdTable::kNotComponent);
      c.location = K(Place(f, ptr));
      c.type = "file";
      c.name = K(Str(f, "fileName"));
      Checksums(f, ptr, "file", lists_.Into(&c.hashes));
      License(f, "licenseConcluded", ptr, "file", "concluded", lists_.Into(&c.licenses));
      if (const Node* infos = f.Get("licenseInfoInFiles"); infos && infos->is_array()) {
        for (size_t j = 0; j < infos->items.size(); ++j) {
          if (!IsStringLike(infos->items[j])) continue;
          LicenseText(infos->items[j], ptr, "file", "licenseInfoInFiles", j, "", nullptr);
        }
      }
      std::string_view copyright = Str(f, "copyrightText");
      if (!IsNoAssertion(copyright)) c.copyright = K(copyright);
      Annotations(f, ptr, lists_.Into(&c.annotations));
      if (is_component) {
        doc.components.push_back(std::move(c));
      } else {
        ++doc.file_count;
      }
    }
  }
  if (const Node* snippets = root.Get("snippets"); snippets && snippets->is_array()) {
    for (size_t i = 0; i < snippets->items.size(); ++i) {
      const Node& s = snippets->items[i];
      if (!s.is_object()) continue;
      std::string ptr = "/snippets/" + std::to_string(i);
      Element(s, ptr, "snippet", IdTable::kNotComponent);
      License(s, "licenseConcluded", ptr, "snippet", "", nullptr);
      ++doc.snippet_count;
    }
  }
  // Described elements, now that every SPDXID is known (an element whose
  // SPDXID is of a tolerated form is named as written).
  if (const Node* d = root.Get("documentDescribes"); d && d->is_array()) {
    for (size_t i = 0; i < d->items.size(); ++i) {
      const Node& n = d->items[i];
      if (IsStringLike(n) && !IsElementRef(n.text) && !ids_.Contains(n.text)) {
        Error(n, "/documentDescribes/" + std::to_string(i),
              "described element '" + std::string(n.text) + "' must be SPDXRef-<id>");
      }
    }
  }
  // hasFiles: the package contains each file.
  if (packages && packages->is_array()) {
    for (const Node& p : packages->items) {
      if (!p.is_object()) continue;
      const Node* has = p.Get("hasFiles");
      if (has == nullptr || !has->is_array()) continue;
      for (const Node& f : has->items) {
        if (IsStringLike(f)) {
          doc.relationships.push_back({K(Str(p, "SPDXID")), "CONTAINS", K(f.text), ""});
          ends_.emplace_back(ids_.Component(Str(p, "SPDXID")), ids_.Component(f.text));
        }
      }
    }
  }
  Relationships(root);
  for (const UsedRef& u : used_refs_) {
    if (declared_refs.count(u.id) == 0) {
      Warning(*u.node, u.ptr, "'" + u.id + "' is not declared in hasExtractedLicensingInfos");
    }
  }
  ReportTolerated();
  SK_RETURN_IF_ERROR(r_.ToStatus());
  // Mapped: the tree goes before the graph is built (lower peak memory).
  used_refs_.clear();
  root = Node();
  Finish(doc);
  // ExternalRefs keeps a purl locator as the purl only once it parsed.
  cdx::CheckIdentifiers(doc, r_, /*check_purls=*/false);
  return doc;
}

}  // namespace

std::string_view TagForField(std::string_view object, std::string_view field) {
  for (const TagName& t : kTagNames) {
    if (t.object == object && t.field == field) return t.tag;
  }
  return {};
}

bool ParseActor(std::string_view text, Actor* out) {
  for (std::string_view kind : {"Person", "Organization", "Tool"}) {
    if (text.size() > kind.size() && StartsWith(text, kind) && text[kind.size()] == ':') {
      std::string_view rest = text.substr(kind.size() + 1);
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
      out->kind = kind;
      out->email.clear();
      if (kind != "Tool" && !rest.empty() && rest.back() == ')') {
        size_t open = rest.rfind('(');
        if (open != std::string_view::npos) {
          out->email = rest.substr(open + 1, rest.size() - open - 2);
          rest = rest.substr(0, open);
          while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
        }
      }
      out->name = rest;
      return true;
    }
  }
  return false;
}

bool IsReverseDependency(std::string_view type) {
  return type == "DEPENDENCY_OF" || type == "BUILD_DEPENDENCY_OF" || type == "DEV_DEPENDENCY_OF" ||
         type == "OPTIONAL_DEPENDENCY_OF" || type == "PROVIDED_DEPENDENCY_OF" ||
         type == "TEST_DEPENDENCY_OF" || type == "RUNTIME_DEPENDENCY_OF";
}

std::vector<Dependency> DependencyBuilder::Take(const std::vector<Component>& components,
                                                Arena& arena) {
  // The sources in order of first appearance (group g is from[g]) and the
  // number of edges of each.
  std::vector<size_t> group(components.size(), kNone), from, count;
  for (const auto& [f, t] : edges_) {
    if (group[f] == kNone) {
      group[f] = from.size();
      from.push_back(f);
      count.push_back(0);
    }
    ++count[group[f]];
  }
  // The targets, group after group, each group's in the order added.
  std::vector<size_t> begin(from.size() + 1, 0);
  for (size_t g = 0; g < from.size(); ++g) begin[g + 1] = begin[g] + count[g];
  std::vector<size_t> tos(edges_.size()), next(begin.begin(), begin.end() - 1);
  for (const auto& [f, t] : edges_) tos[next[group[f]]++] = t;
  edges_.clear();

  std::vector<Dependency> out(from.size());
  std::unordered_set<size_t> seen;  // for long lists; short ones are scanned
  std::vector<Text> to_refs;
  for (size_t g = 0; g < from.size(); ++g) {
    Dependency& d = out[g];
    d.ref = components[from[g]].ref;
    const size_t* first = tos.data() + begin[g];
    const size_t n = count[g];
    seen.clear();
    to_refs.clear();
    for (size_t i = 0; i < n; ++i) {
      const bool fresh = n <= 16 ? std::find(first, first + i, first[i]) == first + i
                                 : seen.insert(first[i]).second;
      if (fresh) to_refs.push_back(components[first[i]].ref);
    }
    d.depends_on = arena.KeepList(to_refs);
  }
  return out;
}

void PlaceSubject(Document& doc, const std::string& subject_ref) {
  if (!subject_ref.empty()) {
    for (size_t i = 0; i < doc.components.size(); ++i) {
      if (doc.components[i].ref != subject_ref) continue;
      doc.subject = std::move(doc.components[i]);
      doc.components.erase(doc.components.begin() + static_cast<std::ptrdiff_t>(i));
      break;
    }
  }
  if (std::none_of(doc.components.begin(), doc.components.end(),
                   [](const Component& c) { return !c.parent_ref.empty(); })) {
    return;
  }
  std::unordered_map<std::string, int> position;
  for (size_t i = 0; i < doc.components.size(); ++i) {
    position.emplace(doc.components[i].ref, static_cast<int>(i));
  }
  for (Component& c : doc.components) {
    if (c.parent_ref.empty()) continue;
    if (c.parent_ref == subject_ref) {
      c.parent_index = -2;
    } else if (auto it = position.find(c.parent_ref); it != position.end()) {
      c.parent_index = it->second;
    }
  }
}

Result<Document> DecodeSpdx2(Node root, Syntax syntax, const std::string& source_name,
                             DiagnosticSink& sink) {
  Reporter reporter(source_name, sink);
  Rules rules(syntax, reporter);
  return rules.Run(std::move(root));
}

}  // namespace soupkeeper::sbom::spdx
