// SBOM documents: the normalized model every format decodes into, and the
// decoder plug-in interface.
//
// A Document is what soupkeeper keeps of an SBOM, whatever format it came in
// (CycloneDX 1.2-1.7 JSON or XML; SPDX 2.2 / 2.3 JSON, YAML or tag-value,
// and 2.1 read with the 2.2 rules; SPDX 3.0 JSON-LD): document metadata, the components flattened
// into one list (a nested component keeps the bom-ref of its parent), the dependency graph,
// compositions, and embedded vulnerabilities kept as raw text for later
// triage. Identifiers such as purl and CPE stay as the text the document
// holds; the purl and cpe libraries interpret them.
//
// A Document owns all of its data: the bytes it was decoded from may be freed
// afterwards. Its text fields are sbom::Text and a component's lists are
// sbom::List, immutable views into the Document's arena (sbom_text.h), which
// hold a 50,000-component document in a few blocks instead of some 700,000
// heap strings and vectors. Read a Text as std::string_view (or copy it into
// a std::string) and a List like a const std::vector (or copy it with
// vector()); set them with Document::Keep(text) (a string literal needs
// none) and Document::KeepList(items). They are valid while the Document
// (or a copy of it, which shares the arena) lives.
//
// Decoders are plug-ins: a cheap Identify() sniff, then Decode(), which checks
// the document against the rules of its format and spec version (required
// fields, enumerations, patterns, formats, unknown properties, unique
// bom-refs). Every violation is reported to the DiagnosticSink as an error
// with its place (a JSON pointer such as "/components/3/hashes/0/alg", or
// "line N" for XML and tag-value, "line N, /pointer" for YAML); Decode then fails with the first of
// them. Problems that do not make a document invalid (a dependency naming an unknown bom-ref) are
// reported as warnings and decoding succeeds. SPDX 2 decoders also read documents that violate
// the spec only where every package stays identifiable (a package without downloadLocation, a
// file without checksums, an SPDXID not of the SPDXRef- form): each kind is one warning marked
// Diagnostic::deviation, with its count and first place, and decoding succeeds; such a document
// is readable but not valid (`sbom validate` exits 1). CycloneDX decoders tolerate nothing.
//
// Example:
//   CollectingSink sink;
//   Result<sbom::Document> doc = sbom::Decode(bytes, "sbom.json", sink);
//   if (!doc.ok()) return doc.status();  // "sbom.json: /components/0: ..."
//   for (const sbom::Component& c : doc->components) Use(c.purl);
//   doc->components[0].version = doc->Keep(new_version);  // a runtime string
//   doc->components[0].scope = "required";                // a literal
//   std::vector<sbom::Hash> hashes = doc->components[0].hashes.vector();
//   hashes.push_back({"SHA-256", doc->Keep(digest)});
//   doc->components[0].hashes = doc->KeepList(hashes);
#ifndef SOUPKEEPER_SBOM_H_
#define SOUPKEEPER_SBOM_H_

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/diagnostics.h"
#include "soupkeeper/sbom_text.h"
#include "soupkeeper/status.h"

namespace soupkeeper::sbom {

// The serialization an SBOM came in.
enum class Format {
  kCycloneDxJson,
  kCycloneDxXml,
  kSpdxJson,
  kSpdxTagValue,
  kSpdxYaml,    // SPDX 2.2 / 2.3 YAML
  kSpdxJsonLd,  // SPDX 3.0 JSON-LD
};

// "CycloneDX JSON", "CycloneDX XML", "SPDX JSON", "SPDX tag-value",
// "SPDX YAML", "SPDX JSON-LD".
std::string_view FormatName(Format format);
// The family alone: "CycloneDX" or "SPDX".
std::string_view FormatFamily(Format format);
// Family, spec version and encoding, e.g. "CycloneDX 1.6 JSON", "SPDX 2.3 JSON".
struct Document;
std::string DescribeFormat(const Document& doc);

struct Hash {
  Text alg;    // as written: "SHA-256", "SHA1" (SPDX), ...
  Text value;  // as written (CycloneDX: hex)
};

// A name/value pair. CycloneDX properties, including the FDA taxonomy
// ("cdx:fda:*"); SPDX annotations may map here too.
struct Property {
  Text name;
  Text value;
};

struct Contact {
  Text name;
  Text email;
  Text phone;
};

// An organization: supplier, manufacturer, tool vendor.
struct Organization {
  Text name;
  List<Text> urls;
  List<Contact> contacts;
};

// One license statement, kept as text for now.
struct License {
  enum class Kind { kId, kName, kExpression };
  Kind kind = Kind::kId;
  Text value;            // SPDX id, free-text name, or SPDX expression
  Text acknowledgement;  // "declared" / "concluded" (CycloneDX 1.6+), else ""
  Text url;
};

struct ExternalReference {
  Text type;  // "vcs", "website", "distribution", ...
  Text url;
  Text comment;
  List<Hash> hashes;
};

// A tool that produced the document (CycloneDX metadata.tools, in either the
// legacy or the 1.5+ components/services form; SPDX creators "Tool:").
struct Tool {
  Text vendor;  // vendor, group or manufacturer name
  Text name;
  Text version;
};

// An SPDX annotation (2.x annotations and reviews, 3.0 Annotation elements).
struct Annotation {
  Text annotator;  // as written: "Person: Jane (jane@example.com)"
  Text date;       // as written
  Text type;       // "REVIEW", "OTHER" (3.0: "review", "other")
  Text comment;
};

// An SPDX relationship as written: `from` <type> `to`, e.g.
// "SPDXRef-a" DEPENDS_ON "SPDXRef-b". `to` may be "NONE" or "NOASSERTION".
// The dependency graph (Document::dependencies) is derived from these.
struct Relationship {
  Text from;
  Text type;  // SPDX 2 spelling ("DEPENDS_ON"); SPDX 3 as written ("dependsOn")
  Text to;
  Text comment;
};

struct Component {
  Text ref;   // CycloneDX bom-ref or SPDX SPDXID; may be empty
  Text type;  // CycloneDX component type ("library", "application", ...)
  Text group;
  Text name;
  Text version;  // may be empty (CycloneDX 1.4+ makes it optional)
  Text description;
  std::optional<Organization> supplier;
  Text author;            // CycloneDX legacy author, SPDX originator
  List<Contact> authors;  // CycloneDX 1.6+ authors
  Text publisher;
  Text purl;         // text as written; parse with purl::Parse
  Text cpe;          // text as written; parse with the cpe library
  Text swid_tag_id;  // SWID tagId
  List<Text> omnibor_ids;
  List<Text> swhids;
  List<Hash> hashes;
  List<License> licenses;
  Text copyright;
  Text scope;  // "required", "optional", "excluded" or "" when absent
  List<ExternalReference> external_references;
  List<Property> properties;
  List<Annotation> annotations;  // SPDX
  // Nesting, flattened: the bom-ref of the containing component ("" at the
  // top level or when the parent has no bom-ref) and its index in
  // Document::components (-1 at the top level; -2 for children of the
  // metadata component, which is kept apart in Document::subject).
  Text parent_ref;
  int parent_index = -1;
  // Where the component is in the source: a JSON pointer or "line N".
  Text location;
};

// One node of the dependency graph: `ref` depends on each of `depends_on`.
struct Dependency {
  Text ref;
  List<Text> depends_on;
};

// A CycloneDX composition: how complete the listed assemblies and
// dependencies are.
struct Composition {
  Text aggregate;  // "complete", "incomplete", ...
  List<Text> assemblies;
  List<Text> dependencies;
};

struct Document {
  // Holds the Document's text. A copy of the Document shares it (the text
  // is immutable), so copying copies the structure only; text a copy keeps
  // goes into the same arena, so copies are not for writers on different
  // threads.
  std::shared_ptr<Arena> arena = std::make_shared<Arena>();
  // `text` kept in the arena, as long as the Document or a copy lives.
  Text Keep(std::string_view text) { return arena->Keep(text); }
  // `items` copied into the arena.
  template <typename T>
  List<T> KeepList(std::span<const T> items) {
    return arena->KeepList(items);
  }
  template <typename T>
  List<T> KeepList(const std::vector<T>& items) {
    return arena->KeepList(items);
  }
  template <typename T>
  List<T> KeepList(std::initializer_list<T> items) {
    return arena->KeepList(std::span<const T>(items.begin(), items.size()));
  }
  Format format = Format::kCycloneDxJson;
  Text spec_version;   // "1.6", "SPDX-2.3"
  Text serial_number;  // CycloneDX serialNumber / SPDX documentNamespace
  int version = 1;     // CycloneDX BOM version (1 when absent)
  Text timestamp;      // as written (RFC 3339), "" when absent
  std::vector<Contact> authors;
  std::vector<Tool> tools;
  std::vector<Text> lifecycle_phases;        // "build", "operations", or custom names
  std::optional<Organization> supplier;      // metadata.supplier
  std::optional<Organization> manufacturer;  // metadata.manufacturer (or manufacture)
  // What the SBOM describes (CycloneDX metadata.component). Its nested
  // components are in `components` with parent_index -2.
  std::optional<Component> subject;
  std::vector<Component> components;
  std::vector<Dependency> dependencies;
  std::vector<Composition> compositions;
  std::vector<Property> properties;  // metadata properties and top-level properties
  // Embedded vulnerabilities, as written: a JSON array (CycloneDX JSON) or the
  // <vulnerabilities> element (CycloneDX XML); "" when there are none.
  Text vulnerabilities_raw;
  size_t vulnerability_count = 0;
  size_t service_count = 0;  // services, nested ones included
  // SPDX only (empty for CycloneDX):
  Text name;                                // document name
  Text data_license;                        // "CC0-1.0"
  std::vector<Text> creators;               // as written: "Tool: syft-0.50.0"
  std::vector<Text> describes;              // SPDXIDs the document describes
  std::vector<Relationship> relationships;  // every relationship, as written
  std::vector<Annotation> annotations;      // annotations of the document itself
  size_t file_count = 0;                    // SPDX files that are not components
  size_t snippet_count = 0;
};

// The normalized document as one JSON object (what `soupkeeper sbom show`
// prints). Keys are stable; empty fields are left out.
std::string ToJson(const Document& doc, bool pretty = true);

// The bytes of one document, for a decoder. `readable_past_end` counts the
// bytes after them that may be read (their values are never used): with
// kInputPadding or more, the CycloneDX JSON decoder parses the bytes in place
// instead of in a padded copy of the whole document. A std::string's spare
// capacity counts, so a file read with room to spare (Env::ReadFile) is
// decoded without that copy.
inline constexpr size_t kInputPadding = 64;
struct Input {
  Input(std::string_view b) : bytes(b) {}  // NOLINT(google-explicit-constructor)
  Input(const char* b) : bytes(b) {}       // NOLINT(google-explicit-constructor)
  Input(const std::string& s)              // NOLINT(google-explicit-constructor)
      : bytes(s), readable_past_end(s.capacity() - s.size()) {}

  std::string_view bytes;
  size_t readable_past_end = 0;
};

// A decoder for one serialization. Implementations are stateless and
// thread-safe.
class SbomDecoder {
 public:
  virtual ~SbomDecoder() = default;
  // Stable name: "cyclonedx-json", "cyclonedx-xml", "spdx-json", "spdx-yaml",
  // "spdx-tag-value", "spdx3-jsonld".
  virtual std::string_view Name() const = 0;
  // A cheap sniff of the first bytes; true when Decode is the one to try.
  virtual bool Identify(std::string_view bytes) const = 0;
  // Decodes and validates. `source_name` names the input in messages.
  virtual Result<Document> Decode(Input input, const std::string& source_name,
                                  DiagnosticSink& sink) const = 0;
};

// The built-in decoders, in the order Identify is tried. The one place where
// decoders are registered (src/sbom/registry.cc).
const std::vector<std::unique_ptr<SbomDecoder>>& BuiltinDecoders();

// The first built-in decoder whose Identify accepts `bytes`, or nullptr.
const SbomDecoder* FindDecoder(std::string_view bytes);

// Picks the decoder with FindDecoder and decodes. ParseError naming the
// source when no decoder recognizes the bytes.
Result<Document> Decode(Input input, const std::string& source_name, DiagnosticSink& sink);

// Property names of the CycloneDX property taxonomy that soupkeeper reads and
// writes (cdx:fda, the FDA premarket namespace; REGULATORY.md §4.4). SPDX
// decoders put an SPDX 2.3 validUntilDate into kFdaEndOfSupportDate and an
// SPDX 3 supportLevel into kFdaLevelOfSupport, so every format meets in the
// same place.
inline constexpr std::string_view kFdaLevelOfSupport = "cdx:fda:level-of-support";
inline constexpr std::string_view kFdaEndOfSupportDate = "cdx:fda:end-of-support-date";
inline constexpr std::string_view kFdaEndOfLifeDate = "cdx:fda:end-of-life-date";
inline constexpr std::string_view kFdaJustification = "cdx:fda:justification";

// Options of one encoding.
struct EncodeOptions {
  // The spec version to write ("1.5", "1.6", "1.7" for CycloneDX; "2.3" for
  // SPDX 2, "3.0.1" for SPDX 3); empty for the encoder's default (the first of SpecVersions()).
  std::string spec_version;
};

// An encoder for one serialization. Implementations are stateless and
// thread-safe. Output is deterministic: the same Document and options give
// the same bytes (stable key and element order, no clock read; fields a
// format requires and the document lacks are derived from its content, see
// docs/parts/sbom-writers.md). Information the target format has no place
// for is reported to the sink as one warning per kind with its count; the
// encoding still succeeds.
//
// Example:
//   const SbomEncoder* enc = sbom::FindEncoder("spdx-json");
//   Result<std::string> text = enc->Encode(doc, {}, sink);
class SbomEncoder {
 public:
  virtual ~SbomEncoder() = default;
  // Stable name: "cyclonedx-json", "cyclonedx-xml", "spdx-json", "spdx-tv",
  // "spdx3-jsonld".
  virtual std::string_view Name() const = 0;
  virtual Format format() const = 0;
  // The spec versions it writes; the first is the default.
  virtual std::vector<std::string_view> SpecVersions() const = 0;
  // InvalidArgument for a spec version it does not write.
  virtual Result<std::string> Encode(const Document& doc, const EncodeOptions& options,
                                     DiagnosticSink& sink) const = 0;
};

// The built-in encoders; the one place where they are registered
// (src/sbom/registry.cc).
const std::vector<std::unique_ptr<SbomEncoder>>& BuiltinEncoders();
// The built-in encoder with that Name(), or nullptr.
const SbomEncoder* FindEncoder(std::string_view name);

}  // namespace soupkeeper::sbom

#endif  // SOUPKEEPER_SBOM_H_
