// The SPDX decoders, for the registry (registry.cc) and for callers that know
// the format already (tests, fuzz targets).
//
// SPDX 2.2 / 2.3 JSON, YAML and tag-value are read into one tree
// (spdx_tree.h) and checked by one set of rules (spdx2_rules.cc) with the
// semantics of the SPDX JSON schema of the version and of the spec's
// clauses the schema does not express (SPDXRef- identifiers, dates, license
// expressions, supplier and creator forms). SPDX 3.0 JSON-LD has its own
// rules (spdx3_decoder.cc).
#ifndef SOUPKEEPER_SRC_SBOM_SPDX_DECODERS_H_
#define SOUPKEEPER_SRC_SBOM_SPDX_DECODERS_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sbom/cdx_rules.h"
#include "sbom/spdx_tree.h"
#include "soupkeeper/sbom.h"

namespace soupkeeper::sbom {

std::unique_ptr<SbomDecoder> NewSpdxJsonDecoder();
std::unique_ptr<SbomDecoder> NewSpdxYamlDecoder();
std::unique_ptr<SbomDecoder> NewSpdxTagValueDecoder();
std::unique_ptr<SbomDecoder> NewSpdx3JsonLdDecoder();

namespace spdx {

Result<Document> DecodeJson(std::string_view bytes, const std::string& source_name,
                            DiagnosticSink& sink);
Result<Document> DecodeYaml(std::string_view bytes, const std::string& source_name,
                            DiagnosticSink& sink);
Result<Document> DecodeTagValue(std::string_view bytes, const std::string& source_name,
                                DiagnosticSink& sink);
Result<Document> DecodeJsonLd(std::string_view bytes, const std::string& source_name,
                              DiagnosticSink& sink);

// The checks every SPDX reader makes before parsing: byte order mark
// (stripped), UTF-16, size, UTF-8. False, after reporting, when the bytes are
// unusable. `what` names the format in messages ("SPDX JSON").
bool Prepare(std::string_view& bytes, std::string_view what, cdx::Reporter& reporter);
// Reports a reader's ParseError, splitting "line N: message" into place and
// message.
void ReportParseError(cdx::Reporter& reporter, const std::string& message);

// How a tree was written, for the places in messages.
enum class Syntax { kJson, kYaml, kTagValue };

// Validates an SPDX 2.2 / 2.3 document tree and maps it to the model; the
// tree is freed once mapped, before the dependency graph is built.
Result<Document> DecodeSpdx2(Node root, Syntax syntax, const std::string& source_name,
                             DiagnosticSink& sink);

// The tag-value tag that holds a JSON field of an SPDX 2 object ("package",
// "versionInfo" -> "PackageVersion"); "" when there is none.
std::string_view TagForField(std::string_view object, std::string_view field);

// Parses a creator / supplier / originator value: "Person: Jane Doe
// (jane@example.com)", "Organization: ACME ()", "Tool: syft-0.50.0". False
// when the text has none of the prefixes `allowed` lists.
struct Actor {
  std::string kind;  // "Person", "Organization", "Tool"
  std::string name;
  std::string email;
};
bool ParseActor(std::string_view text, Actor* out);

// SPDX 2 relationship types whose direction runs from the related element to
// the one naming it ("a DEPENDENCY_OF b" means b depends on a).
bool IsReverseDependency(std::string_view type);

// The dependency graph from edges between components, given by their
// positions in Document::components: in order of first appearance, each
// edge once.
class DependencyBuilder {
 public:
  void Add(size_t from, size_t to) { edges_.emplace_back(from, to); }
  // The graph, named by the refs of `components` (those Add was given),
  // its lists kept in `arena`.
  std::vector<Dependency> Take(const std::vector<Component>& components, Arena& arena);

 private:
  static constexpr size_t kNone = static_cast<size_t>(-1);
  // As added; Take groups them by their source (one array, not a list per
  // source that grows edge by edge).
  std::vector<std::pair<size_t, size_t>> edges_;
};

// Moves the component whose ref is `subject_ref` (none when empty) out of
// doc.components into doc.subject, then sets every component's parent_index
// from its parent_ref (-2 for the subject).
void PlaceSubject(Document& doc, const std::string& subject_ref);

}  // namespace spdx
}  // namespace soupkeeper::sbom

#endif  // SOUPKEEPER_SRC_SBOM_SPDX_DECODERS_H_
