// The SPDX decoders on hand-written documents: the mapping into the model
// (worked out by hand from the SPDX 2.3 spec), the same document in JSON,
// YAML and tag-value giving the same model, SPDX 3.0 JSON-LD, and bad
// inputs with their messages and places.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "sbom/spdx_decoders.h"
#include "soupkeeper/sbom.h"

namespace soupkeeper::sbom {
namespace {

const char kJson[] = R"sk({
  "spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT",
  "name": "app", "documentNamespace": "https://example.com/spdx/app-1.0",
  "creationInfo": {"created": "2024-01-02T03:04:05Z", "licenseListVersion": "3.22",
    "creators": ["Tool: syft-0.50.0", "Organization: ACME (sbom@acme.example)", "Person: Jane Doe"]
}
,
  "packages": [
    {"SPDXID": "SPDXRef-app", "name": "app", "versionInfo": "1.0", "downloadLocation": "NOASSERTION",
     "supplier": "Organization: ACME (sbom@acme.example)", "licenseConcluded": "NOASSERTION",
     "licenseDeclared": "MIT", "copyrightText": "NOASSERTION", "primaryPackagePurpose": "APPLICATION"},
    {"SPDXID": "SPDXRef-zlib", "name": "zlib", "versionInfo": "1.3",
     "downloadLocation": "https://zlib.net/zlib-1.3.tar.gz",
     "supplier": "Person: Mark Adler (madler@alumni.caltech.edu)", "originator": "Organization: zlib project",
     "checksums": [{"algorithm": "SHA256", "checksumValue": "ff0ba4c292013dbc27530b3a81e1f9a813cd39de01ca5e0f8bf355702efa593e"}],
     "licenseConcluded": "Zlib", "licenseDeclared": "zlib",
     "copyrightText": "Copyright (C) 1995-2023 Jean-loup Gailly and Mark Adler",
     "externalRefs": [
       {"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:generic/zlib@1.3"},
       {"referenceCategory": "SECURITY", "referenceType": "cpe23Type", "referenceLocator": "cpe:2.3:a:zlib:zlib:1.3:*:*:*:*:*:*:*"},
       {"referenceCategory": "SECURITY", "referenceType": "advisory", "referenceLocator": "https://nvd.nist.gov/vuln/detail/CVE-2022-37434"}],
     "validUntilDate": "2030-01-01T00:00:00Z",
     "annotations": [{"annotator": "Person: Jane Doe", "annotationDate": "2024-01-03T00:00:00Z",
                      "annotationType": "REVIEW", "comment": "checked"}]},
    {"SPDXID": "SPDXRef-openssl", "name": "openssl", "versionInfo": "3.0.13", "downloadLocation": "NONE",
     "licenseConcluded": "Apache-2.0 OR (MIT AND LicenseRef-x)", "copyrightText": "NONE"}],
  "hasExtractedLicensingInfos": [{"licenseId": "LicenseRef-x", "extractedText": "x"}],
  "relationships": [
    {"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-app"},
    {"spdxElementId": "SPDXRef-app", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-zlib"},
    {"spdxElementId": "SPDXRef-openssl", "relationshipType": "DEPENDENCY_OF", "relatedSpdxElement": "SPDXRef-app"},
    {"spdxElementId": "SPDXRef-app", "relationshipType": "CONTAINS", "relatedSpdxElement": "SPDXRef-zlib"},
    {"spdxElementId": "SPDXRef-zlib", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "NONE"}]
})sk";

const char kYaml[] = R"sk(spdxVersion: SPDX-2.3
dataLicense: CC0-1.0
SPDXID: SPDXRef-DOCUMENT
name: app
documentNamespace: https://example.com/spdx/app-1.0
creationInfo:
  created: "2024-01-02T03:04:05Z"
  licenseListVersion: "3.22"
  creators:
    - "Tool: syft-0.50.0"
    - "Organization: ACME (sbom@acme.example)"
    - "Person: Jane Doe"
packages:
  - SPDXID: SPDXRef-app
    name: app
    versionInfo: "1.0"
    downloadLocation: NOASSERTION
    supplier: "Organization: ACME (sbom@acme.example)"
    licenseConcluded: NOASSERTION
    licenseDeclared: MIT
    copyrightText: NOASSERTION
    primaryPackagePurpose: APPLICATION
  - SPDXID: SPDXRef-zlib
    name: zlib
    versionInfo: "1.3"
    downloadLocation: https://zlib.net/zlib-1.3.tar.gz
    supplier: "Person: Mark Adler (madler@alumni.caltech.edu)"
    originator: "Organization: zlib project"
    checksums:
      - algorithm: SHA256
        checksumValue: ff0ba4c292013dbc27530b3a81e1f9a813cd39de01ca5e0f8bf355702efa593e
    licenseConcluded: Zlib
    licenseDeclared: zlib
    copyrightText: Copyright (C) 1995-2023 Jean-loup Gailly and Mark Adler
    externalRefs:
      - referenceCategory: PACKAGE-MANAGER
        referenceType: purl
        referenceLocator: pkg:generic/zlib@1.3
      - referenceCategory: SECURITY
        referenceType: cpe23Type
        referenceLocator: cpe:2.3:a:zlib:zlib:1.3:*:*:*:*:*:*:*
      - referenceCategory: SECURITY
        referenceType: advisory
        referenceLocator: https://nvd.nist.gov/vuln/detail/CVE-2022-37434
    validUntilDate: "2030-01-01T00:00:00Z"
    annotations:
      - annotator: "Person: Jane Doe"
        annotationDate: "2024-01-03T00:00:00Z"
        annotationType: REVIEW
        comment: checked
  - SPDXID: SPDXRef-openssl
    name: openssl
    versionInfo: 3.0.13
    downloadLocation: NONE
    licenseConcluded: Apache-2.0 OR (MIT AND LicenseRef-x)
    copyrightText: NONE
hasExtractedLicensingInfos:
  - licenseId: LicenseRef-x
    extractedText: x
relationships:
  - spdxElementId: SPDXRef-DOCUMENT
    relationshipType: DESCRIBES
    relatedSpdxElement: SPDXRef-app
  - spdxElementId: SPDXRef-app
    relationshipType: DEPENDS_ON
    relatedSpdxElement: SPDXRef-zlib
  - spdxElementId: SPDXRef-openssl
    relationshipType: DEPENDENCY_OF
    relatedSpdxElement: SPDXRef-app
  - spdxElementId: SPDXRef-app
    relationshipType: CONTAINS
    relatedSpdxElement: SPDXRef-zlib
  - spdxElementId: SPDXRef-zlib
    relationshipType: DEPENDS_ON
    relatedSpdxElement: NONE
)sk";

const char kTagValue[] = R"sk(SPDXVersion: SPDX-2.3
DataLicense: CC0-1.0
SPDXID: SPDXRef-DOCUMENT
DocumentName: app
DocumentNamespace: https://example.com/spdx/app-1.0
## Creation Information
Creator: Tool: syft-0.50.0
Creator: Organization: ACME (sbom@acme.example)
Creator: Person: Jane Doe
Created: 2024-01-02T03:04:05Z
LicenseListVersion: 3.22

PackageName: app
SPDXID: SPDXRef-app
PackageVersion: 1.0
PackageDownloadLocation: NOASSERTION
PackageSupplier: Organization: ACME (sbom@acme.example)
PackageLicenseConcluded: NOASSERTION
PackageLicenseDeclared: MIT
PackageCopyrightText: NOASSERTION
PrimaryPackagePurpose: APPLICATION

PackageName: zlib
SPDXID: SPDXRef-zlib
PackageVersion: 1.3
PackageDownloadLocation: https://zlib.net/zlib-1.3.tar.gz
PackageSupplier: Person: Mark Adler (madler@alumni.caltech.edu)
PackageOriginator: Organization: zlib project
PackageChecksum: SHA256: ff0ba4c292013dbc27530b3a81e1f9a813cd39de01ca5e0f8bf355702efa593e
PackageLicenseConcluded: Zlib
PackageLicenseDeclared: zlib
PackageCopyrightText: <text>Copyright (C) 1995-2023 Jean-loup Gailly and Mark Adler</text>
ExternalRef: PACKAGE-MANAGER purl pkg:generic/zlib@1.3
ExternalRef: SECURITY cpe23Type cpe:2.3:a:zlib:zlib:1.3:*:*:*:*:*:*:*
ExternalRef: SECURITY advisory https://nvd.nist.gov/vuln/detail/CVE-2022-37434
ValidUntilDate: 2030-01-01T00:00:00Z

PackageName: openssl
SPDXID: SPDXRef-openssl
PackageVersion: 3.0.13
PackageDownloadLocation: NONE
PackageLicenseConcluded: Apache-2.0 OR (MIT AND LicenseRef-x)
PackageCopyrightText: NONE

LicenseID: LicenseRef-x
ExtractedText: <text>x</text>

Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-app
Relationship: SPDXRef-app DEPENDS_ON SPDXRef-zlib
Relationship: SPDXRef-openssl DEPENDENCY_OF SPDXRef-app
Relationship: SPDXRef-app CONTAINS SPDXRef-zlib
Relationship: SPDXRef-zlib DEPENDS_ON NONE

Annotator: Person: Jane Doe
AnnotationDate: 2024-01-03T00:00:00Z
AnnotationType: REVIEW
SPDXREF: SPDXRef-zlib
AnnotationComment: checked
)sk";

Document DecodeOk(Result<Document> doc) {
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return doc.ok() ? std::move(*doc) : Document{};
}

void ExpectTheKnownModel(const Document& doc) {
  EXPECT_EQ(doc.spec_version, "SPDX-2.3");
  EXPECT_EQ(doc.serial_number, "https://example.com/spdx/app-1.0");
  EXPECT_EQ(doc.name, "app");
  EXPECT_EQ(doc.data_license, "CC0-1.0");
  EXPECT_EQ(doc.timestamp, "2024-01-02T03:04:05Z");
  ASSERT_EQ(doc.tools.size(), 1u);
  EXPECT_EQ(doc.tools[0].name, "syft");
  EXPECT_EQ(doc.tools[0].version, "0.50.0");
  ASSERT_EQ(doc.authors.size(), 2u);
  EXPECT_EQ(doc.authors[0].name, "ACME");
  EXPECT_EQ(doc.authors[0].email, "sbom@acme.example");
  EXPECT_EQ(doc.authors[1].name, "Jane Doe");
  EXPECT_EQ(doc.creators.size(), 3u);
  EXPECT_EQ(doc.describes, std::vector<Text>{"SPDXRef-app"});
  // The described package is the subject, kept apart as CycloneDX's
  // metadata.component is.
  ASSERT_TRUE(doc.subject.has_value());
  EXPECT_EQ(doc.subject->ref, "SPDXRef-app");
  EXPECT_EQ(doc.subject->type, "application");
  ASSERT_TRUE(doc.subject->supplier.has_value());
  EXPECT_EQ(doc.subject->supplier->name, "ACME");
  ASSERT_EQ(doc.subject->supplier->contacts.size(), 1u);
  EXPECT_EQ(doc.subject->supplier->contacts[0].email, "sbom@acme.example");
  ASSERT_EQ(doc.subject->licenses.size(), 1u);  // NOASSERTION gives none
  EXPECT_EQ(doc.subject->licenses[0].kind, License::Kind::kId);
  EXPECT_EQ(doc.subject->licenses[0].value, "MIT");
  EXPECT_EQ(doc.subject->licenses[0].acknowledgement, "declared");
  EXPECT_EQ(doc.subject->copyright, "");
  EXPECT_TRUE(doc.subject->external_references.empty());  // NOASSERTION download

  ASSERT_EQ(doc.components.size(), 2u);
  const Component& zlib = doc.components[0];
  EXPECT_EQ(zlib.ref, "SPDXRef-zlib");
  EXPECT_EQ(zlib.name, "zlib");
  EXPECT_EQ(zlib.version, "1.3");
  ASSERT_TRUE(zlib.supplier.has_value());
  EXPECT_EQ(zlib.supplier->name, "Mark Adler");
  ASSERT_EQ(zlib.supplier->contacts.size(), 1u);
  EXPECT_EQ(zlib.supplier->contacts[0].email, "madler@alumni.caltech.edu");
  EXPECT_EQ(zlib.author, "zlib project");
  ASSERT_EQ(zlib.hashes.size(), 1u);
  EXPECT_EQ(zlib.hashes[0].alg, "SHA256");
  ASSERT_EQ(zlib.licenses.size(), 2u);
  EXPECT_EQ(zlib.licenses[0].value, "Zlib");
  EXPECT_EQ(zlib.licenses[0].acknowledgement, "concluded");
  EXPECT_EQ(zlib.licenses[1].value, "Zlib");  // "zlib" in the list's spelling
  EXPECT_EQ(zlib.licenses[1].acknowledgement, "declared");
  EXPECT_EQ(zlib.copyright, "Copyright (C) 1995-2023 Jean-loup Gailly and Mark Adler");
  EXPECT_EQ(zlib.purl, "pkg:generic/zlib@1.3");
  EXPECT_EQ(zlib.cpe, "cpe:2.3:a:zlib:zlib:1.3:*:*:*:*:*:*:*");
  ASSERT_EQ(zlib.external_references.size(), 2u);
  EXPECT_EQ(zlib.external_references[0].type, "distribution");
  EXPECT_EQ(zlib.external_references[0].url, "https://zlib.net/zlib-1.3.tar.gz");
  EXPECT_EQ(zlib.external_references[1].type, "advisory");
  // validUntilDate as written, and as the FDA end-of-support date (a date).
  ASSERT_EQ(zlib.properties.size(), 2u);
  EXPECT_EQ(zlib.properties[0].name, "spdx:validUntilDate");
  EXPECT_EQ(zlib.properties[0].value, "2030-01-01T00:00:00Z");
  EXPECT_EQ(zlib.properties[1].name, "cdx:fda:end-of-support-date");
  EXPECT_EQ(zlib.properties[1].value, "2030-01-01");
  ASSERT_EQ(zlib.annotations.size(), 1u);
  EXPECT_EQ(zlib.annotations[0].type, "REVIEW");
  EXPECT_EQ(zlib.annotations[0].comment, "checked");
  EXPECT_EQ(zlib.parent_ref, "SPDXRef-app");  // app CONTAINS zlib
  EXPECT_EQ(zlib.parent_index, -2);           // the subject

  const Component& openssl = doc.components[1];
  ASSERT_EQ(openssl.licenses.size(), 1u);
  EXPECT_EQ(openssl.licenses[0].kind, License::Kind::kExpression);
  EXPECT_EQ(openssl.licenses[0].value, "Apache-2.0 OR MIT AND LicenseRef-x");
  EXPECT_EQ(openssl.copyright, "NONE");  // kept as stated
  EXPECT_TRUE(openssl.external_references.empty());
  EXPECT_EQ(openssl.parent_index, -1);

  // DEPENDS_ON a->b, DEPENDENCY_OF reversed; NONE gives no edge.
  ASSERT_EQ(doc.dependencies.size(), 1u);
  EXPECT_EQ(doc.dependencies[0].ref, "SPDXRef-app");
  EXPECT_EQ(doc.dependencies[0].depends_on, (std::vector<Text>{"SPDXRef-zlib", "SPDXRef-openssl"}));
  ASSERT_EQ(doc.relationships.size(), 5u);
  EXPECT_EQ(doc.relationships[2].from, "SPDXRef-openssl");
  EXPECT_EQ(doc.relationships[2].type, "DEPENDENCY_OF");
  EXPECT_EQ(doc.relationships[4].to, "NONE");
}

// The model without the format and the source places, for comparing
// encodings.
std::string Comparable(Document doc) {
  doc.format = Format::kSpdxJson;
  if (doc.subject) doc.subject->location = {};
  for (Component& c : doc.components) c.location = {};
  return ToJson(doc);
}

TEST(SpdxDecode, JsonMapsToTheModel) {
  CollectingSink sink;
  Document doc = DecodeOk(spdx::DecodeJson(kJson, "app.spdx.json", sink));
  ExpectTheKnownModel(doc);
  EXPECT_EQ(doc.format, Format::kSpdxJson);
  EXPECT_EQ(DescribeFormat(doc), "SPDX 2.3 JSON");
  EXPECT_EQ(doc.components[0].location, "/packages/1");
  EXPECT_EQ(sink.size(), 0u);
}

TEST(SpdxDecode, YamlMapsToTheSameModel) {
  CollectingSink sink;
  Document doc = DecodeOk(spdx::DecodeYaml(kYaml, "app.spdx.yaml", sink));
  ExpectTheKnownModel(doc);
  EXPECT_EQ(DescribeFormat(doc), "SPDX 2.3 YAML");
  EXPECT_EQ(doc.components[0].location, "line 23, /packages/1");
  NullSink null;
  EXPECT_EQ(Comparable(doc), Comparable(DecodeOk(spdx::DecodeJson(kJson, "j", null))));
}

TEST(SpdxDecode, TagValueMapsToTheSameModel) {
  CollectingSink sink;
  Document doc = DecodeOk(spdx::DecodeTagValue(kTagValue, "app.spdx", sink));
  ExpectTheKnownModel(doc);
  EXPECT_EQ(DescribeFormat(doc), "SPDX 2.3 tag-value");
  EXPECT_EQ(doc.components[0].location, "line 23");
  NullSink null;
  EXPECT_EQ(Comparable(doc), Comparable(DecodeOk(spdx::DecodeJson(kJson, "j", null))));
}

TEST(SpdxDecode, RegistryDetectsEachEncoding) {
  EXPECT_EQ(FindDecoder(kJson)->Name(), "spdx-json");
  EXPECT_EQ(FindDecoder(kYaml)->Name(), "spdx-yaml");
  EXPECT_EQ(FindDecoder(kTagValue)->Name(), "spdx-tag-value");
  EXPECT_EQ(FindDecoder("\xEF\xBB\xBF" + std::string(kTagValue))->Name(), "spdx-tag-value");
  EXPECT_EQ(
      FindDecoder(R"({"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": []})")
          ->Name(),
      "spdx3-jsonld");
  EXPECT_EQ(FindDecoder(R"({"bomFormat": "CycloneDX", "spdxVersion": "x"})")->Name(),
            "cyclonedx-json");
}

TEST(SpdxDecode, TagValueMultiLineTextAndLineNumbers) {
  std::string tv = std::string(kTagValue) +
                   "PackageName: extra\n"                    // line 59
                   "SPDXID: SPDXRef-extra\n"                 // 60
                   "PackageDescription: <text>first line\n"  // 61
                   "second line\n"                           // 62
                   "third</text>\n"                          // 63
                   "PackageDownloadLocation: NONE\n"         // 64
                   "PackageChecksum: SHA1: xyz\n";           // 65
  CollectingSink sink;
  Result<Document> doc = spdx::DecodeTagValue(tv, "app.spdx", sink);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(),
            "app.spdx: line 65: PackageChecksum: SHA1 value 'xyz' is not hexadecimal");
  tv.resize(tv.rfind("PackageChecksum"));
  Document ok = DecodeOk(spdx::DecodeTagValue(tv, "app.spdx", sink));
  ASSERT_EQ(ok.components.size(), 3u);
  EXPECT_EQ(ok.components[2].description, "first line\nsecond line\nthird");
  EXPECT_EQ(ok.components[2].location, "line 59");
}

std::string FirstError(Result<Document> doc) {
  return doc.ok() ? "(decoded)" : doc.status().message();
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

TEST(SpdxDecode, JsonErrorsCarryAPointer) {
  NullSink sink;
  auto decode = [&](const std::string& text) {
    return FirstError(spdx::DecodeJson(text, "d.json", sink));
  };
  EXPECT_EQ(
      decode(Replace(kJson, R"("algorithm": "SHA256")", R"("algorithm": "SHA-256")")),
      "d.json: /packages/1/checksums/0/algorithm: 'SHA-256' is not one of SHA1, SHA224, "
      "SHA256, SHA384, SHA512, MD2, MD4, MD5, MD6, SHA3-256, SHA3-384, SHA3-512, "
      "BLAKE2b-256, BLAKE2b-384, BLAKE2b-512, BLAKE3, ADLER32 (checksum algorithm, SPDX 2.3)");
  EXPECT_EQ(decode(Replace(kJson, R"("name": "openssl", )", "")),
            "d.json: /packages/2: missing required 'name' of the package SPDXRef-openssl");
  // An SPDXID of another form is tolerated (SpdxDecode.TolerantReading)
  // unless it is ambiguous: white space, ':', a keyword.
  EXPECT_EQ(decode(Replace(kJson, R"("SPDXID": "SPDXRef-openssl")", R"("SPDXID": "openssl 1")")),
            "d.json: /packages/2/SPDXID: 'SPDXID' must be SPDXRef- followed by letters, digits, "
            "'.' or '-', not 'openssl 1'");
  EXPECT_EQ(decode(Replace(kJson, R"("SPDXID": "SPDXRef-openssl")", R"("SPDXID": "NONE")")),
            "d.json: /packages/2/SPDXID: 'SPDXID' must be SPDXRef- followed by letters, digits, "
            "'.' or '-', not 'NONE'");
  // An empty SPDXID names nothing: an error, not a package read silently.
  EXPECT_EQ(decode(Replace(kJson, R"("SPDXID": "SPDXRef-openssl")", R"("SPDXID": "")")),
            "d.json: /packages/2/SPDXID: 'SPDXID' must be SPDXRef- followed by letters, digits, "
            "'.' or '-', not ''");
  EXPECT_EQ(decode(Replace(kJson, R"("SPDXID": "SPDXRef-openssl")", R"("SPDXID": "SPDXRef-zlib")")),
            "d.json: /packages/2/SPDXID: duplicate SPDXID 'SPDXRef-zlib'");
  EXPECT_EQ(
      decode(Replace(kJson, R"("copyrightText": "NONE")", R"("copyright": "NONE")")),
      "d.json: /packages/2/copyright: unknown property 'copyright' of the package (SPDX 2.3)");
  EXPECT_EQ(
      decode(Replace(kJson, R"("created": "2024-01-02T03:04:05Z")", R"("created": "2024-01-02")")),
      "d.json: /creationInfo/created: 'created' must be a date and time "
      "YYYY-MM-DDThh:mm:ssZ, not '2024-01-02'");
  EXPECT_EQ(decode(Replace(kJson, R"("spdxVersion": "SPDX-2.3")", R"("spdxVersion": "SPDX-2.0")")),
            "d.json: /spdxVersion: 2.0 is not supported (SPDX 2.1 to 2.3 are)");
  // A package is the document's own, never tolerated at the top level.
  EXPECT_EQ(decode(Replace(kJson, R"("packages": [)", R"("package": [)")),
            "d.json: /package: unknown property 'package' of the document (SPDX 2.3)");
  EXPECT_EQ(decode(R"({"spdxVersion": "SPDX-2.3")"),
            "d.json: not valid JSON: " + std::string("The JSON document has an "
                                                     "improper structure: missing "
                                                     "or superfluous commas, "
                                                     "braces, missing keys, etc."));
  EXPECT_EQ(decode("\xFF\xFE{}"), "d.json: UTF-16 text; SPDX JSON must be UTF-8");
  // 2.2 requires licenseConcluded, licenseDeclared and copyrightText.
  EXPECT_EQ(decode(Replace(Replace(kJson, "SPDX-2.3", "SPDX-2.2"),
                           R"("primaryPackagePurpose": "APPLICATION")", R"("summary": "s")")),
            "d.json: /packages/1/validUntilDate: unknown property 'validUntilDate' of the package "
            "(SPDX 2.2)");
}

TEST(SpdxDecode, JsonWarningsDoNotFail) {
  CollectingSink sink;
  std::string text =
      Replace(kJson, R"("licenseDeclared": "MIT")", R"("licenseDeclared": "MIT-Fantasy-1.0")");
  text =
      Replace(text, R"("relatedSpdxElement": "NONE")", R"("relatedSpdxElement": "SPDXRef-gone")");
  // A supplier without the Person: / Organization: form (a clause of the
  // spec the schema does not check) is kept as the name, with a warning.
  text = Replace(text, R"x("supplier": "Person: Mark Adler (madler@alumni.caltech.edu)")x",
                 R"("supplier": "Mark Adler")");
  Document doc = DecodeOk(spdx::DecodeJson(text, "d.json", sink));
  std::vector<Diagnostic> diags = sink.Take();
  ASSERT_EQ(diags.size(), 3u);
  EXPECT_EQ(diags[1].ToString(),
            "d.json: /packages/1/supplier: 'supplier' should be 'Person: name (email)', "
            "'Organization: name (email)' or NOASSERTION, not 'Mark Adler'; kept as the name");
  EXPECT_EQ(doc.components[0].supplier->name, "Mark Adler");
  diags.erase(diags.begin() + 1);
  EXPECT_EQ(diags[0].ToString(),
            "d.json: /packages/0/licenseDeclared: 'licenseDeclared': 'MIT-Fantasy-1.0' is not on "
            "the SPDX license list of this build (a newer list may have it; use LicenseRef- for "
            "other licenses)");
  EXPECT_EQ(diags[1].ToString(),
            "d.json: /relationships/4: relationship names 'SPDXRef-gone', no element of this "
            "document");
  EXPECT_EQ(doc.subject->licenses[0].value, "MIT-Fantasy-1.0");
}

// Deviations that leave every package identifiable are read, each kind
// reported once as a tolerated deviation with its count and first place
// (docs/parts/spdx.md, "Tolerated deviations").
std::vector<std::string> Deviations(CollectingSink& sink) {
  std::vector<std::string> out;
  for (const Diagnostic& d : sink.Take()) {
    EXPECT_EQ(d.severity, Severity::kWarning) << d.ToString();
    if (d.deviation) out.push_back(d.ToString());
  }
  return out;
}

TEST(SpdxDecode, TolerantReading) {
  std::string text = Replace(kJson, R"("downloadLocation": "NOASSERTION",)", "");
  text = Replace(text, R"("downloadLocation": "NONE",)", "");
  text = Replace(text, R"("created": "2024-01-02T03:04:05Z", )", "");
  text = Replace(text, R"("SPDXID": "SPDXRef-openssl")", R"("SPDXID": "SPDXRef-openssl/3")");
  text = Replace(text, R"("spdxElementId": "SPDXRef-openssl")",
                 R"("spdxElementId": "SPDXRef-openssl/3")");
  text = Replace(text, "MIT AND LicenseRef-x)", "MIT AND)");
  text = Replace(text, R"("relationshipType": "CONTAINS")", R"("relationshipType": "CONTAIN")");
  text =
      Replace(text, R"("copyrightText": "NONE")", R"("copyrightText": "NONE", "hasFiles": null)");
  text = Replace(text, R"("hasExtractedLicensingInfos")",
                 R"("files": [{"SPDXID": "SPDXRef-f", "fileName": "./a", "name": "a"}],
  "hasExtractedLicensingInfos")");
  CollectingSink sink;
  Document doc = DecodeOk(spdx::DecodeJson(text, "d.json", sink));
  // In the order the kinds are met: the schema pass in document order,
  // then the elements' identifiers and license fields.
  EXPECT_EQ(Deviations(sink),
            (std::vector<std::string>{
                "d.json: /creationInfo: spec violation tolerated: 1 creationInfo lacks 'created' "
                "(required by SPDX 2.3; read without a creation time)",
                "d.json: /packages/0: spec violation tolerated: 2 packages lack "
                "'downloadLocation' (required by SPDX 2.3; read as NOASSERTION); the first here",
                "d.json: /packages/2/hasFiles: spec violation tolerated: 1 package has 'hasFiles' "
                "null; read as absent",
                "d.json: /files/0: spec violation tolerated: 1 file lacks 'checksums' (required "
                "by SPDX 2.3; read without checksums)",
                "d.json: /files/0/name: spec violation tolerated: 1 file has the unknown "
                "property 'name' (SPDX 2.3); ignored",
                "d.json: /relationships/3/relationshipType: spec violation tolerated: 1 "
                "relationship type is not one of the spec's types; kept as written, without "
                "meaning ('CONTAIN')",
                "d.json: /packages/2/SPDXID: spec violation tolerated: 1 package SPDXID is not "
                "SPDXRef- followed by letters, digits, '.' or '-'; kept as written "
                "('SPDXRef-openssl/3')",
                "d.json: /packages/2/licenseConcluded: spec violation tolerated: 1 "
                "'licenseConcluded' value is not a license expression; kept as a license name "
                "(invalid license expression 'Apache-2.0 OR (MIT AND)': expected a license before "
                "')' (column 23))"}));
  EXPECT_EQ(doc.timestamp, "");
  ASSERT_EQ(doc.components.size(), 2u);  // zlib, openssl; app is the subject
  EXPECT_EQ(doc.components[1].ref, "SPDXRef-openssl/3");
  EXPECT_EQ(doc.relationships[3].type, "CONTAIN");
  EXPECT_EQ(doc.components[0].parent_ref, "");  // no CONTAINS: zlib is not nested
  ASSERT_EQ(doc.components[1].licenses.size(), 1u);
  EXPECT_EQ(doc.components[1].licenses[0].kind, License::Kind::kName);
  EXPECT_EQ(doc.components[1].licenses[0].value, "Apache-2.0 OR (MIT AND)");
  EXPECT_TRUE(doc.components[1].external_references.empty());
  // The relationship names the element as written: the edge is kept.
  ASSERT_EQ(doc.dependencies.size(), 1u);
  EXPECT_EQ(doc.dependencies[0].depends_on,
            (std::vector<Text>{"SPDXRef-zlib", "SPDXRef-openssl/3"}));

  // Tag-value: the tag name and the line of the package; an enumeration
  // value in another case is read in the spec's spelling.
  text = Replace(kTagValue, "PackageDownloadLocation: NONE\n", "");
  text = Replace(text, "PackageChecksum: SHA256:", "PackageChecksum: sha256:");
  text = Replace(text, "SPDXRef-app DEPENDS_ON", "SPDXRef-app depends_on");
  EXPECT_TRUE(spdx::DecodeTagValue(text, "d.spdx", sink).ok());
  EXPECT_EQ(Deviations(sink),
            (std::vector<std::string>{
                "d.spdx: line 29: spec violation tolerated: 1 checksum algorithm is not in the "
                "spec's case; read as SHA256 ('sha256')",
                "d.spdx: line 38: spec violation tolerated: 1 package lacks "
                "PackageDownloadLocation (required by SPDX 2.3; read as NOASSERTION)",
                "d.spdx: line 48: spec violation tolerated: 1 relationship type is not in the "
                "spec's case; read as DEPENDS_ON ('depends_on')"}));

  // A relationship naming an element that does not exist in a form other
  // than SPDXRef- stays an error.
  text = Replace(kJson, R"("spdxElementId": "SPDXRef-openssl")", R"("spdxElementId": "openssl")");
  Result<Document> bad = spdx::DecodeJson(text, "d.json", sink);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "d.json: /relationships/2/spdxElementId: relationship element 'openssl' must be "
            "SPDXRef-<id> or DocumentRef-<id>:SPDXRef-<id>");
  sink.Take();

  // SPDX 2.1 is read with the 2.2 rules: a plain warning, not a deviation.
  text = Replace(Replace(kJson, "SPDX-2.3", "SPDX-2.1"),
                 R"("primaryPackagePurpose": "APPLICATION")", R"("summary": "s")");
  text = Replace(text, R"("validUntilDate": "2030-01-01T00:00:00Z",)", "");
  doc = DecodeOk(spdx::DecodeJson(text, "d.json", sink));
  EXPECT_EQ(doc.spec_version, "SPDX-2.1");
  std::vector<Diagnostic> diags = sink.Take();
  ASSERT_FALSE(diags.empty());
  EXPECT_EQ(diags[0].ToString(),
            "d.json: /spdxVersion: SPDX 2.1 is read and checked with the SPDX 2.2 rules (2.2 "
            "only added to 2.1)");
  EXPECT_FALSE(diags[0].deviation);
}

TEST(SpdxDecode, APurlLocatorThatIsNoPurlIsNotTakenForOne) {
  CollectingSink sink;
  std::string text = Replace(kJson, R"("referenceLocator": "pkg:generic/zlib@1.3")",
                             R"("referenceLocator": "https://github.com/madler/zlib")");
  Document doc = DecodeOk(spdx::DecodeJson(text, "d.json", sink));
  std::vector<Diagnostic> diags = sink.Take();
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].ToString(),
            "d.json: /packages/1/externalRefs/0/referenceLocator: 'externalRefs': purl "
            "locator 'https://github.com/madler/zlib' is not a package URL; kept as an 'other' "
            "reference");
  const Component& zlib = doc.components[0];
  EXPECT_EQ(zlib.purl, "");
  auto other = std::find_if(zlib.external_references.begin(), zlib.external_references.end(),
                            [](const ExternalReference& r) { return r.type == "other"; });
  ASSERT_NE(other, zlib.external_references.end());
  EXPECT_EQ(other->url, "https://github.com/madler/zlib");
}

// Files are components only when described (the document has a package);
// nesting and dependency edges join components only, whichever kind: a
// file that is no component, and a snippet, give none.
TEST(SpdxDecode, GraphJoinsFileComponentsOnly) {
  const char kDoc[] = R"sk({
  "spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT",
  "name": "fw", "documentNamespace": "https://example.com/spdx/fw-1",
  "creationInfo": {"created": "2024-01-02T03:04:05Z", "creators": ["Tool: gen-1"]},
  "packages": [{"SPDXID": "SPDXRef-pkg", "name": "pkg", "downloadLocation": "NOASSERTION"}],
  "files": [
    {"SPDXID": "SPDXRef-f1", "fileName": "./f1",
     "checksums": [{"algorithm": "SHA1", "checksumValue": "0123456789abcdef0123456789abcdef01234567"}]},
    {"SPDXID": "SPDXRef-f2", "fileName": "./f2",
     "checksums": [{"algorithm": "SHA1", "checksumValue": "0123456789abcdef0123456789abcdef01234567"}]},
    {"SPDXID": "SPDXRef-f3", "fileName": "./f3",
     "checksums": [{"algorithm": "SHA1", "checksumValue": "0123456789abcdef0123456789abcdef01234567"}]}],
  "snippets": [{"SPDXID": "SPDXRef-s1", "name": "s", "snippetFromFile": "SPDXRef-f2",
    "ranges": [{"startPointer": {"reference": "SPDXRef-f2", "offset": 1},
                "endPointer": {"reference": "SPDXRef-f2", "offset": 2}}]}],
  "relationships": [)sk";
  // (element, type, related element), written as SPDX JSON relationships.
  const char* const kRelationships[][3] = {
      {"DOCUMENT", "DESCRIBES", "f1"},  {"DOCUMENT", "DESCRIBES", "f3"},
      {"DOCUMENT", "DESCRIBES", "pkg"}, {"f3", "CONTAINED_BY", "f1"},
      {"pkg", "CONTAINS", "f2"},        {"f1", "DEPENDS_ON", "f2"},
      {"f1", "DEPENDS_ON", "f3"},       {"pkg", "DEPENDENCY_OF", "f3"},
      {"s1", "DEPENDS_ON", "pkg"}};
  std::string text = kDoc;
  for (const auto& [from, type, to] : kRelationships) {
    text += std::string(text.back() == '[' ? "" : ",") + R"({"spdxElementId": "SPDXRef-)" + from +
            R"(", "relationshipType": ")" + type + R"(", "relatedSpdxElement": "SPDXRef-)" + to +
            "\"}";
  }
  text += "]}";
  NullSink sink;
  Document doc = DecodeOk(spdx::DecodeJson(text, "fw.json", sink));
  ASSERT_EQ(doc.components.size(), 3u);  // three described: no subject
  EXPECT_EQ(doc.components[0].ref, "SPDXRef-pkg");
  EXPECT_EQ(doc.components[1].ref, "SPDXRef-f1");
  EXPECT_EQ(doc.components[2].ref, "SPDXRef-f3");
  EXPECT_EQ(doc.file_count, 1u);  // f2
  EXPECT_EQ(doc.snippet_count, 1u);
  EXPECT_EQ(doc.components[0].parent_ref, "");  // f2, which it contains, is no component
  EXPECT_EQ(doc.components[1].parent_ref, "");
  EXPECT_EQ(doc.components[2].parent_ref, "SPDXRef-f1");
  EXPECT_EQ(doc.components[2].parent_index, 1);
  ASSERT_EQ(doc.dependencies.size(), 2u);
  EXPECT_EQ(doc.dependencies[0].ref, "SPDXRef-f1");
  EXPECT_EQ(doc.dependencies[0].depends_on, std::vector<Text>{"SPDXRef-f3"});
  EXPECT_EQ(doc.dependencies[1].ref, "SPDXRef-f3");  // pkg DEPENDENCY_OF f3, reversed
  EXPECT_EQ(doc.dependencies[1].depends_on, std::vector<Text>{"SPDXRef-pkg"});
}

TEST(SpdxDecode, YamlErrorsCarryALine) {
  NullSink sink;
  auto decode = [&](const std::string& text) {
    return FirstError(spdx::DecodeYaml(text, "d.yaml", sink));
  };
  EXPECT_EQ(decode(Replace(kYaml, "algorithm: SHA256", "algorithm: SHA-256")).substr(0, 84),
            "d.yaml: line 30, /packages/1/checksums/0/algorithm: 'SHA-256' is not one of SHA1, SH");
  EXPECT_EQ(decode(Replace(kYaml, "    name: openssl\n", "")),
            "d.yaml: line 51, /packages/2: missing required 'name' of the package "
            "SPDXRef-openssl");
  EXPECT_EQ(decode(Replace(kYaml, "creators:\n", "creators: [\n")).substr(0, 33),
            "d.yaml: line 10: not valid YAML: ");
  // A block where a string belongs.
  EXPECT_EQ(decode(Replace(kYaml, "    name: openssl\n", "    name:\n      - openssl\n")),
            "d.yaml: line 53, /packages/2/name: 'name' must be a string, not array");
}

TEST(SpdxDecode, YamlAliasBombIsBounded) {
  std::string bomb = "spdxVersion: SPDX-2.3\na: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'k'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? ", *" : "*") + prev;
    bomb += "]\n";
    prev = c;
  }
  NullSink sink;
  std::string err = FirstError(spdx::DecodeYaml(bomb, "bomb.yaml", sink));
  EXPECT_NE(err.find("YAML aliases expand to more nodes than the document can hold"),
            std::string::npos)
      << err;
}

TEST(SpdxDecode, TagValueErrorsCarryALine) {
  NullSink sink;
  auto decode = [&](const std::string& text) {
    return FirstError(spdx::DecodeTagValue(text, "d.spdx", sink));
  };
  EXPECT_EQ(decode(Replace(kTagValue, "PackageVersion: 1.3\n",
                           "PackageVersion: 1.3\nPackageVersion: 1.4\n")),
            "d.spdx: line 26: PackageVersion given twice for the same package");
  EXPECT_EQ(decode(Replace(kTagValue, "ExternalRef: SECURITY advisory", "ExternalRef: SECURITY")),
            "d.spdx: line 35: ExternalRef 'SECURITY "
            "https://nvd.nist.gov/vuln/detail/CVE-2022-37434' must be 'CATEGORY TYPE LOCATOR' "
            "(three words)");
  EXPECT_EQ(
      decode(Replace(kTagValue, "PackageSupplier: Person: Mark", "PackageSuplier: Person: Mark")),
      "d.spdx: line 27: unknown tag 'PackageSuplier'");
  EXPECT_EQ(decode(Replace(kTagValue, "SPDXREF: SPDXRef-zlib\n", "")),
            "d.spdx: line 54: annotation without SPDXREF (the element it annotates)");
  EXPECT_EQ(decode(Replace(kTagValue, "ExtractedText: <text>x</text>", "ExtractedText: <text>x")),
            "d.spdx: line 46: ExtractedText: <text> is not closed by </text>");
  EXPECT_EQ(decode(Replace(kTagValue, "PackageName: app\n", "")).substr(0, 63),
            "d.spdx: line 13: SPDXID given twice for the same document (and ");
  // An SPDXID error names the SPDXID's own line, empty or malformed.
  EXPECT_EQ(decode(Replace(kTagValue, "SPDXID: SPDXRef-openssl\n", "SPDXID: openssl 1\n")),
            "d.spdx: line 39: SPDXID must be SPDXRef- followed by letters, digits, '.' or '-', "
            "not 'openssl 1'");
  EXPECT_EQ(decode(Replace(kTagValue, "SPDXID: SPDXRef-openssl\n", "SPDXID: \n")),
            "d.spdx: line 39: SPDXID must be SPDXRef- followed by letters, digits, '.' or '-', "
            "not ''");
  EXPECT_EQ(decode("SPDXVersion: SPDX-2.3\nthis is not a tag line\n"),
            "d.spdx: line 2: expected 'Tag: value', not 'this is not a tag line'");
}

const char kJsonLd[] = R"sk({
  "@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",
  "@graph": [
    {"type": "CreationInfo", "@id": "_:ci", "specVersion": "3.0.1",
     "created": "2024-03-06T00:00:00Z", "createdBy": ["urn:acme"], "createdUsing": ["urn:tool"]},
    {"type": "Organization", "spdxId": "urn:acme", "name": "ACME", "creationInfo": "_:ci"},
    {"type": "Tool", "spdxId": "urn:tool", "name": "builder", "creationInfo": "_:ci"},
    {"type": "SpdxDocument", "spdxId": "urn:doc", "creationInfo": "_:ci", "name": "app-sbom",
     "rootElement": ["urn:sbom"]},
    {"type": "software_Sbom", "spdxId": "urn:sbom", "creationInfo": "_:ci", "rootElement": ["urn:app"]},
    {"type": "software_Package", "spdxId": "urn:app", "creationInfo": "_:ci", "name": "app",
     "software_packageVersion": "1.0", "software_primaryPurpose": "application", "suppliedBy": "urn:acme"},
    {"type": "software_Package", "spdxId": "urn:zlib", "creationInfo": "_:ci", "name": "zlib",
     "software_packageVersion": "1.3",
     "externalIdentifier": [{"type": "ExternalIdentifier", "externalIdentifierType": "packageUrl",
                             "identifier": "pkg:generic/zlib@1.3"},
                            {"type": "ExternalIdentifier", "externalIdentifierType": "cpe23",
                             "identifier": "cpe:2.3:a:zlib:zlib:1.3:*:*:*:*:*:*:*"}],
     "verifiedUsing": [{"type": "Hash", "algorithm": "sha256",
                        "hashValue": "ff0ba4c292013dbc27530b3a81e1f9a813cd39de01ca5e0f8bf355702efa593e"}],
     "supportLevel": ["limitedSupport"], "validUntilTime": "2030-01-01T00:00:00Z"},
    {"type": "simplelicensing_LicenseExpression", "spdxId": "urn:lic", "creationInfo": "_:ci",
     "simplelicensing_licenseExpression": "zlib"},
    {"type": "Relationship", "spdxId": "urn:r1", "creationInfo": "_:ci", "from": "urn:app",
     "relationshipType": "dependsOn", "to": ["urn:zlib"]},
    {"type": "Relationship", "spdxId": "urn:r2", "creationInfo": "_:ci", "from": "urn:zlib",
     "relationshipType": "hasDeclaredLicense", "to": ["urn:lic"]},
    {"type": "Relationship", "spdxId": "urn:r3", "creationInfo": "_:ci", "from": "urn:app",
     "relationshipType": "hasConcludedLicense", "to": ["https://spdx.org/licenses/MIT"]}
  ]
})sk";

TEST(SpdxDecode, JsonLdMapsToTheModel) {
  CollectingSink sink;
  Document doc = DecodeOk(spdx::DecodeJsonLd(kJsonLd, "app.spdx3.json", sink));
  EXPECT_EQ(sink.size(), 0u);
  EXPECT_EQ(DescribeFormat(doc), "SPDX 3.0.1 JSON-LD");
  EXPECT_EQ(doc.serial_number, "urn:doc");
  EXPECT_EQ(doc.timestamp, "2024-03-06T00:00:00Z");
  ASSERT_EQ(doc.authors.size(), 1u);
  EXPECT_EQ(doc.authors[0].name, "ACME");
  ASSERT_EQ(doc.tools.size(), 1u);
  EXPECT_EQ(doc.tools[0].name, "builder");
  ASSERT_TRUE(doc.subject.has_value());  // through the Sbom's rootElement
  EXPECT_EQ(doc.subject->ref, "urn:app");
  EXPECT_EQ(doc.subject->type, "application");
  EXPECT_EQ(doc.subject->supplier->name, "ACME");
  ASSERT_EQ(doc.subject->licenses.size(), 1u);
  EXPECT_EQ(doc.subject->licenses[0].value, "MIT");
  EXPECT_EQ(doc.subject->licenses[0].acknowledgement, "concluded");
  ASSERT_EQ(doc.components.size(), 1u);
  const Component& zlib = doc.components[0];
  EXPECT_EQ(zlib.purl, "pkg:generic/zlib@1.3");
  EXPECT_EQ(zlib.cpe, "cpe:2.3:a:zlib:zlib:1.3:*:*:*:*:*:*:*");
  ASSERT_EQ(zlib.hashes.size(), 1u);
  EXPECT_EQ(zlib.hashes[0].alg, "sha256");
  ASSERT_EQ(zlib.licenses.size(), 1u);
  EXPECT_EQ(zlib.licenses[0].value, "Zlib");
  EXPECT_EQ(zlib.licenses[0].acknowledgement, "declared");
  ASSERT_EQ(zlib.properties.size(), 4u);
  EXPECT_EQ(zlib.properties[0].name, "spdx:validUntilDate");
  EXPECT_EQ(zlib.properties[1].name, "cdx:fda:end-of-support-date");
  EXPECT_EQ(zlib.properties[2].name, "spdx:supportLevel");
  EXPECT_EQ(zlib.properties[2].value, "limitedSupport");
  EXPECT_EQ(zlib.properties[3].name, "cdx:fda:level-of-support");
  EXPECT_EQ(zlib.properties[3].value, "limitedSupport");
  ASSERT_EQ(doc.dependencies.size(), 1u);
  EXPECT_EQ(doc.dependencies[0].ref, "urn:app");
  EXPECT_EQ(doc.dependencies[0].depends_on, std::vector<Text>{"urn:zlib"});
  EXPECT_EQ(doc.relationships.size(), 3u);
}

TEST(SpdxDecode, JsonLdErrorsCarryAPointer) {
  NullSink sink;
  auto decode = [&](const std::string& text) {
    return FirstError(spdx::DecodeJsonLd(text, "d.json", sink));
  };
  EXPECT_EQ(decode(Replace(kJsonLd, R"("relationshipType": "dependsOn")",
                           R"("relationshipType": "dependOn")"))
                .substr(0, 74),
            "d.json: /@graph/8/relationshipType: 'dependOn' is not one of affects, amen");
  EXPECT_EQ(decode(Replace(kJsonLd, R"("algorithm": "sha256")", R"("algorithm": "SHA256")"))
                .substr(0, 68),
            "d.json: /@graph/6/verifiedUsing/0/algorithm: 'SHA256' is not one of ");
  EXPECT_EQ(decode(Replace(kJsonLd, R"("to": ["urn:zlib"])", R"("to": [])")),
            "d.json: /@graph/8/to: needs at least one item");
  EXPECT_EQ(decode(Replace(kJsonLd, R"("type": "Tool")", R"("type": "Gadget")")),
            "d.json: /@graph/2/type: 'Gadget' is not an SPDX 3.0 class");
  // JSON-LD merges nodes with one id: a repeat is a warning, the first kept.
  CollectingSink warnings;
  Result<Document> merged = spdx::DecodeJsonLd(
      Replace(kJsonLd, R"("spdxId": "urn:zlib")", R"("spdxId": "urn:app")"), "d.json", warnings);
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  std::vector<Diagnostic> diags = warnings.Take();
  ASSERT_GE(diags.size(), 1u);
  EXPECT_EQ(diags[0].ToString(),
            "d.json: /@graph/6: element 'urn:app' repeats /@graph/5 with other properties; the "
            "first is kept");
  EXPECT_EQ(merged->components.size(), 0u);  // only app, the subject
  EXPECT_EQ(merged->subject->name, "app");
  EXPECT_EQ(decode(Replace(kJsonLd, R"("specVersion": "3.0.1")", R"("specVersion": "2.3")")),
            "d.json: /@graph/0/specVersion: '2.3' is not a semantic version");
  EXPECT_EQ(decode(Replace(kJsonLd, R"("simplelicensing_licenseExpression": "zlib")",
                           R"("simplelicensing_licenseExpression": "zlib AND")")),
            "d.json: /@graph/7/simplelicensing_licenseExpression: invalid license expression "
            "'zlib AND': expected a license after 'AND' (column 9)");
  EXPECT_EQ(decode(Replace(kJsonLd, R"("supportLevel": ["limitedSupport"])",
                           R"("supportLevel": ["eol"])"))
                .substr(0, 62),
            "d.json: /@graph/6/supportLevel/0: 'eol' is not one of deployed");
}

}  // namespace
}  // namespace soupkeeper::sbom
