// The SPDX writers' shared mapping from the model.
//
// BuildSpdx maps a Document once into the SPDX elements (a document with
// packages, relationships and extracted licenses); the SPDX 2.3 JSON and
// tag-value encoders only serialize it, so both carry exactly the same
// information. The SPDX 3.0 JSON-LD encoder serializes the same mapping,
// made for 3.0 (every originator, 3.0 package purposes), as 3.0 elements.
#ifndef SOUPKEEPER_SRC_SBOM_SPDX_WRITER_H_
#define SOUPKEEPER_SRC_SBOM_SPDX_WRITER_H_

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sbom/encode_support.h"
#include "soupkeeper/sbom.h"

namespace soupkeeper::sbom {

std::unique_ptr<SbomEncoder> NewSpdxJsonEncoder();
std::unique_ptr<SbomEncoder> NewSpdxTagValueEncoder();
std::unique_ptr<SbomEncoder> NewSpdx3JsonLdEncoder();

namespace spdx {

struct Checksum {
  std::string algorithm;  // SPDX spelling: "SHA256"
  std::string value;      // lower-case hex
};

struct ExternalRef {
  std::string category;  // "PACKAGE-MANAGER", "SECURITY", "PERSISTENT-ID", "OTHER"
  std::string type;      // "purl", "cpe23Type", "swid", ...
  std::string locator;
  std::string comment;
};

struct Annotation {
  std::string comment;  // "<property name>: <value>"
};

// A person, organization or tool.
struct Agent {
  std::string kind;  // "Person", "Organization", "Tool"
  std::string name;
  std::string email;
  // The SPDX 2.3 text: "Person: name (email)", "Tool: name".
  std::string Text() const;
};

struct Package {
  std::string id;  // SPDXRef-...
  std::string name;
  std::string version;
  std::optional<Agent> supplier;   // an Organization
  std::vector<Agent> originators;  // Persons; one at most for 2.3
  std::string download_location = "NOASSERTION";
  std::string homepage;
  std::vector<Checksum> checksums;
  std::string license_concluded;
  std::string license_declared;
  std::string copyright;
  std::string description;
  std::vector<ExternalRef> external_refs;
  std::string primary_purpose;  // in the version's spelling: "LIBRARY" (2.3), "library" (3.0)
  std::string valid_until;      // YYYY-MM-DDThh:mm:ssZ
  std::vector<Annotation> annotations;
};

struct Relationship {
  std::string from;
  std::string type;  // "DESCRIBES", "CONTAINS", "DEPENDS_ON"
  std::string to;
};

struct ExtractedLicense {
  std::string id;  // LicenseRef-...
  std::string name;
  std::string text;
};

struct Doc {
  std::string name;
  std::string namespace_uri;
  std::string created;          // YYYY-MM-DDThh:mm:ssZ
  std::vector<Agent> creators;  // people, organizations, then tools (soupkeeper last)
  std::string creation_comment;
  std::vector<Annotation> annotations;  // on the document
  std::vector<Package> packages;
  std::vector<Relationship> relationships;
  std::vector<ExtractedLicense> extracted_licenses;
};

// The annotator and tool creator soupkeeper writes.
inline constexpr const char* kTool = "Tool: soupkeeper";

// `text` with every character outside [A-Za-z0-9.-] (the SPDX idstring)
// replaced by '-'.
std::string IdText(std::string_view text);

// Gives out SPDX identifiers (SPDXRef-..., LicenseRef-...) unique in the
// document.
class IdPool {
 public:
  IdPool();
  // prefix + IdText(basis) ("unnamed" when empty), with "-2", "-3"... when
  // taken.
  std::string Take(const std::string& prefix, std::string_view basis);
  // Marks an identifier the source itself uses; false when it was taken.
  bool Use(const std::string& id);

 private:
  std::set<std::string> used_;
};

enum class Version { k23, k30 };

// Maps `doc` for SPDX `version`; what the version cannot hold goes to `log`.
Doc BuildSpdx(const Document& doc, Version version, encode::LossLog& log);

// "2.3" (or "") is the one version written; InvalidArgument otherwise.
Status CheckSpecVersion(const std::string& spec_version);

}  // namespace spdx
}  // namespace soupkeeper::sbom

#endif  // SOUPKEEPER_SRC_SBOM_SPDX_WRITER_H_
