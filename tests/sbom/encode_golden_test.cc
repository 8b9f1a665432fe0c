// Hand-worked outputs of the five encoders for one small document, from the
// mappings of docs/parts/sbom-writers.md: key and element order, derived
// fields, losses reported.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "sbom/encode_support.h"
#include "soupkeeper/sbom.h"

namespace soupkeeper::sbom {
namespace {

const char kSource[] = R"({"bomFormat":"CycloneDX","specVersion":"1.6",
 "serialNumber":"urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79","version":3,
 "metadata":{"timestamp":"2025-03-04T05:06:07+01:00",
   "tools":{"components":[{"type":"application","supplier":{"name":"Anchore"},"name":"syft","version":"1.0.0"}]},
   "component":{"type":"firmware","bom-ref":"fw","name":"pump-fw","version":"2.1"}},
 "components":[
   {"type":"library","bom-ref":"pkg:maven/org.acme/core@1.2?type=jar","group":"org.acme","name":"core",
    "version":"1.2","scope":"required","licenses":[{"license":{"name":"Acme License"}}],
    "cpe":"cpe:2.3:a:acme:core:1.2:*:*:*:*:*:*:*","purl":"pkg:maven/org.acme/core@1.2?type=jar",
    "hashes":[{"alg":"SHA-1","content":"A94A8FE5CCB19BA61C4C0873D391E987982FBBD3"}],
    "externalReferences":[{"type":"website","url":"https://acme.example"},
                          {"type":"vcs","url":"https://git.example/core.git","comment":"source"}],
    "properties":[{"name":"cdx:fda:level-of-support","value":"actively maintained"},
                  {"name":"cdx:fda:end-of-support-date","value":"2027-12-31"}],
    "components":[{"type":"file","bom-ref":"core-so","name":"core.so"}]}],
 "dependencies":[{"ref":"fw","dependsOn":["pkg:maven/org.acme/core@1.2?type=jar"]}]})";

Document Source() {
  NullSink sink;
  Result<Document> doc = Decode(kSource, "small.json", sink);
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return doc.ok() ? *doc : Document{};
}

std::string Encode(const std::string& encoder, std::vector<Diagnostic>* losses = nullptr,
                   const std::string& version = "") {
  CollectingSink sink;
  Result<std::string> text = FindEncoder(encoder)->Encode(Source(), {version}, sink);
  EXPECT_TRUE(text.ok()) << text.status().message();
  if (losses != nullptr) *losses = sink.Take();
  return text.ok() ? *text : "";
}

std::string Pretty(const char* compact) {
  return nlohmann::ordered_json::parse(compact).dump(2) + "\n";
}

TEST(EncodeGolden, CycloneDxJson) {
  std::vector<Diagnostic> losses;
  EXPECT_EQ(Encode("cyclonedx-json", &losses), Pretty(R"({
 "bomFormat":"CycloneDX","specVersion":"1.6",
 "serialNumber":"urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79","version":3,
 "metadata":{"timestamp":"2025-03-04T05:06:07+01:00",
   "tools":{"components":[{"type":"application","supplier":{"name":"Anchore"},"name":"syft","version":"1.0.0"}]},
   "component":{"type":"firmware","bom-ref":"fw","name":"pump-fw","version":"2.1"}},
 "components":[
   {"type":"library","bom-ref":"pkg:maven/org.acme/core@1.2?type=jar","group":"org.acme","name":"core",
    "version":"1.2","scope":"required",
    "hashes":[{"alg":"SHA-1","content":"A94A8FE5CCB19BA61C4C0873D391E987982FBBD3"}],
    "licenses":[{"license":{"name":"Acme License"}}],
    "cpe":"cpe:2.3:a:acme:core:1.2:*:*:*:*:*:*:*","purl":"pkg:maven/org.acme/core@1.2?type=jar",
    "externalReferences":[{"type":"website","url":"https://acme.example"},
                          {"type":"vcs","url":"https://git.example/core.git","comment":"source"}],
    "properties":[{"name":"cdx:fda:level-of-support","value":"actively maintained"},
                  {"name":"cdx:fda:end-of-support-date","value":"2027-12-31"}],
    "components":[{"type":"file","bom-ref":"core-so","name":"core.so"}]}],
 "dependencies":[{"ref":"fw","dependsOn":["pkg:maven/org.acme/core@1.2?type=jar"]}]})"));
  EXPECT_TRUE(losses.empty());
}

TEST(EncodeGolden, CycloneDxXml) {
  EXPECT_EQ(Encode("cyclonedx-xml"), R"(<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.6" serialNumber="urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79" version="3">
  <metadata>
    <timestamp>2025-03-04T05:06:07+01:00</timestamp>
    <tools>
      <components>
        <component type="application">
          <supplier>
            <name>Anchore</name>
          </supplier>
          <name>syft</name>
          <version>1.0.0</version>
        </component>
      </components>
    </tools>
    <component type="firmware" bom-ref="fw">
      <name>pump-fw</name>
      <version>2.1</version>
    </component>
  </metadata>
  <components>
    <component type="library" bom-ref="pkg:maven/org.acme/core@1.2?type=jar">
      <group>org.acme</group>
      <name>core</name>
      <version>1.2</version>
      <scope>required</scope>
      <hashes>
        <hash alg="SHA-1">A94A8FE5CCB19BA61C4C0873D391E987982FBBD3</hash>
      </hashes>
      <licenses>
        <license>
          <name>Acme License</name>
        </license>
      </licenses>
      <cpe>cpe:2.3:a:acme:core:1.2:*:*:*:*:*:*:*</cpe>
      <purl>pkg:maven/org.acme/core@1.2?type=jar</purl>
      <externalReferences>
        <reference type="website">
          <url>https://acme.example</url>
        </reference>
        <reference type="vcs">
          <url>https://git.example/core.git</url>
          <comment>source</comment>
        </reference>
      </externalReferences>
      <properties>
        <property name="cdx:fda:level-of-support">actively maintained</property>
        <property name="cdx:fda:end-of-support-date">2027-12-31</property>
      </properties>
      <components>
        <component type="file" bom-ref="core-so">
          <name>core.so</name>
        </component>
      </components>
    </component>
  </components>
  <dependencies>
    <dependency ref="fw">
      <dependency ref="pkg:maven/org.acme/core@1.2?type=jar" />
    </dependency>
  </dependencies>
</bom>
)");
}

TEST(EncodeGolden, SpdxJson) {
  std::vector<Diagnostic> losses;
  EXPECT_EQ(Encode("spdx-json", &losses), Pretty(R"({
 "SPDXID":"SPDXRef-DOCUMENT",
 "creationInfo":{"created":"2025-03-04T04:06:07Z","creators":["Tool: Anchore syft-1.0.0","Tool: soupkeeper"]},
 "dataLicense":"CC0-1.0",
 "hasExtractedLicensingInfos":[{"extractedText":"The source SBOM names this license 'Acme License' and does not give its text.",
   "licenseId":"LicenseRef-Acme-License","name":"Acme License"}],
 "name":"pump-fw 2.1",
 "spdxVersion":"SPDX-2.3",
 "documentNamespace":"urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/3",
 "packages":[
  {"SPDXID":"SPDXRef-fw","downloadLocation":"NOASSERTION","filesAnalyzed":false,"name":"pump-fw",
   "primaryPackagePurpose":"FIRMWARE","versionInfo":"2.1"},
  {"SPDXID":"SPDXRef-pkg-maven-org.acme-core-1.2-type-jar",
   "annotations":[{"annotationDate":"2025-03-04T04:06:07Z","annotationType":"OTHER","annotator":"Tool: soupkeeper",
     "comment":"cdx:fda:level-of-support: actively maintained"}],
   "checksums":[{"algorithm":"SHA1","checksumValue":"a94a8fe5ccb19ba61c4c0873d391e987982fbbd3"}],
   "downloadLocation":"NOASSERTION",
   "externalRefs":[
     {"referenceCategory":"PACKAGE-MANAGER","referenceLocator":"pkg:maven/org.acme/core@1.2?type=jar","referenceType":"purl"},
     {"referenceCategory":"SECURITY","referenceLocator":"cpe:2.3:a:acme:core:1.2:*:*:*:*:*:*:*","referenceType":"cpe23Type"},
     {"comment":"source","referenceCategory":"OTHER","referenceLocator":"https://git.example/core.git","referenceType":"vcs"}],
   "filesAnalyzed":false,"homepage":"https://acme.example","licenseDeclared":"LicenseRef-Acme-License",
   "name":"core","primaryPackagePurpose":"LIBRARY","validUntilDate":"2027-12-31T00:00:00Z","versionInfo":"1.2"},
  {"SPDXID":"SPDXRef-core-so","downloadLocation":"NOASSERTION","filesAnalyzed":false,"name":"core.so",
   "primaryPackagePurpose":"FILE"}],
 "relationships":[
  {"spdxElementId":"SPDXRef-DOCUMENT","relatedSpdxElement":"SPDXRef-fw","relationshipType":"DESCRIBES"},
  {"spdxElementId":"SPDXRef-pkg-maven-org.acme-core-1.2-type-jar","relatedSpdxElement":"SPDXRef-core-so","relationshipType":"CONTAINS"},
  {"spdxElementId":"SPDXRef-fw","relatedSpdxElement":"SPDXRef-pkg-maven-org.acme-core-1.2-type-jar","relationshipType":"DEPENDS_ON"}]})"));
  ASSERT_EQ(losses.size(), 2u);
  EXPECT_EQ(losses[0].ToString(),
            "SPDX 2.3 JSON: 1 x component group: no SPDX 2.3 field (the purl keeps it)");
  EXPECT_EQ(losses[1].ToString(), "SPDX 2.3 JSON: 1 x component scope: no SPDX 2.3 field");
}

TEST(EncodeGolden, SpdxTagValue) {
  EXPECT_EQ(Encode("spdx-tv"), R"(SPDXVersion: SPDX-2.3
DataLicense: CC0-1.0
SPDXID: SPDXRef-DOCUMENT
DocumentName: pump-fw 2.1
DocumentNamespace: urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/3
Creator: Tool: Anchore syft-1.0.0
Creator: Tool: soupkeeper
Created: 2025-03-04T04:06:07Z

## Package
PackageName: pump-fw
SPDXID: SPDXRef-fw
PackageVersion: 2.1
PackageDownloadLocation: NOASSERTION
FilesAnalyzed: false
PrimaryPackagePurpose: FIRMWARE

## Package
PackageName: core
SPDXID: SPDXRef-pkg-maven-org.acme-core-1.2-type-jar
PackageVersion: 1.2
PackageDownloadLocation: NOASSERTION
FilesAnalyzed: false
PackageChecksum: SHA1: a94a8fe5ccb19ba61c4c0873d391e987982fbbd3
PackageHomePage: https://acme.example
PackageLicenseDeclared: LicenseRef-Acme-License
PrimaryPackagePurpose: LIBRARY
ValidUntilDate: 2027-12-31T00:00:00Z
ExternalRef: PACKAGE-MANAGER purl pkg:maven/org.acme/core@1.2?type=jar
ExternalRef: SECURITY cpe23Type cpe:2.3:a:acme:core:1.2:*:*:*:*:*:*:*
ExternalRef: OTHER vcs https://git.example/core.git
ExternalRefComment: <text>source</text>
Annotator: Tool: soupkeeper
AnnotationDate: 2025-03-04T04:06:07Z
AnnotationType: OTHER
SPDXREF: SPDXRef-pkg-maven-org.acme-core-1.2-type-jar
AnnotationComment: <text>cdx:fda:level-of-support: actively maintained</text>

## Package
PackageName: core.so
SPDXID: SPDXRef-core-so
PackageDownloadLocation: NOASSERTION
FilesAnalyzed: false
PrimaryPackagePurpose: FILE

## Relationships
Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-fw
Relationship: SPDXRef-pkg-maven-org.acme-core-1.2-type-jar CONTAINS SPDXRef-core-so
Relationship: SPDXRef-fw DEPENDS_ON SPDXRef-pkg-maven-org.acme-core-1.2-type-jar

LicenseID: LicenseRef-Acme-License
ExtractedText: <text>The source SBOM names this license 'Acme License' and does not give its text.</text>
LicenseName: Acme License
)");
}

TEST(EncodeGolden, Spdx3JsonLd) {
  // Namespace: the BOM-Link of the serial number and version, as for SPDX
  // 2.3; element IRIs are namespace#local id, packages with their SPDX 2.3
  // SPDXID. No person or organization made the source: soupkeeper, the
  // software, is the creating agent; the tools are Tool elements.
  const std::string ns = "urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/3";
  const std::string core = ns + "#SPDXRef-pkg-maven-org.acme-core-1.2-type-jar";
  std::vector<Diagnostic> losses;
  nlohmann::ordered_json want = nlohmann::ordered_json::parse(R"({
 "@context":"https://spdx.org/rdf/3.0.1/spdx-context.jsonld",
 "@graph":[
  {"type":"CreationInfo","@id":"_:creationinfo","specVersion":"3.0.1","created":"2025-03-04T04:06:07Z",
   "createdBy":["NS#SoftwareAgent-soupkeeper"],
   "createdUsing":["NS#Tool-Anchore-syft-1.0.0","NS#Tool-soupkeeper"]},
  {"type":"Tool","spdxId":"NS#Tool-Anchore-syft-1.0.0","creationInfo":"_:creationinfo","name":"Anchore syft-1.0.0"},
  {"type":"Tool","spdxId":"NS#Tool-soupkeeper","creationInfo":"_:creationinfo","name":"soupkeeper"},
  {"type":"SoftwareAgent","spdxId":"NS#SoftwareAgent-soupkeeper","creationInfo":"_:creationinfo","name":"soupkeeper"},
  {"type":"SpdxDocument","spdxId":"NS","creationInfo":"_:creationinfo",
   "profileConformance":["core","software","simpleLicensing","extension"],"rootElement":["NS#SPDXRef-Sbom"],
   "element":["NS#Tool-Anchore-syft-1.0.0","NS#Tool-soupkeeper","NS#SoftwareAgent-soupkeeper","NS#SPDXRef-Sbom",
     "NS#SPDXRef-fw","CORE","NS#SPDXRef-core-so","NS#LicenseRef-Acme-License","NS#LicenseExpression-1",
     "NS#Relationship-1","NS#Relationship-2","NS#Relationship-3","NS#Relationship-4"]},
  {"type":"software_Sbom","spdxId":"NS#SPDXRef-Sbom","creationInfo":"_:creationinfo",
   "rootElement":["NS#SPDXRef-fw"],"element":["NS#SPDXRef-fw","CORE","NS#SPDXRef-core-so"]},
  {"type":"software_Package","spdxId":"NS#SPDXRef-fw","creationInfo":"_:creationinfo","name":"pump-fw",
   "software_packageVersion":"2.1","software_primaryPurpose":"firmware"},
  {"type":"software_Package","spdxId":"CORE","creationInfo":"_:creationinfo","name":"core",
   "software_packageVersion":"1.2",
   "verifiedUsing":[{"type":"Hash","algorithm":"sha1","hashValue":"a94a8fe5ccb19ba61c4c0873d391e987982fbbd3"}],
   "externalIdentifier":[{"type":"ExternalIdentifier","externalIdentifierType":"cpe23",
     "identifier":"cpe:2.3:a:acme:core:1.2:*:*:*:*:*:*:*"}],
   "externalRef":[{"type":"ExternalRef","externalRefType":"vcs","locator":["https://git.example/core.git"],
     "comment":"source"}],
   "software_packageUrl":"pkg:maven/org.acme/core@1.2?type=jar",
   "software_homePage":"https://acme.example","software_primaryPurpose":"library",
   "validUntilTime":"2027-12-31T00:00:00Z","supportLevel":["support"],
   "extension":[{"type":"extension_CdxPropertiesExtension","extension_cdxProperty":[
     {"type":"extension_CdxPropertyEntry","extension_cdxPropName":"cdx:fda:level-of-support",
      "extension_cdxPropValue":"actively maintained"},
     {"type":"extension_CdxPropertyEntry","extension_cdxPropName":"cdx:fda:end-of-support-date",
      "extension_cdxPropValue":"2027-12-31"}]}]},
  {"type":"software_Package","spdxId":"NS#SPDXRef-core-so","creationInfo":"_:creationinfo","name":"core.so",
   "software_primaryPurpose":"file"},
  {"type":"simplelicensing_SimpleLicensingText","spdxId":"NS#LicenseRef-Acme-License",
   "creationInfo":"_:creationinfo","name":"Acme License",
   "simplelicensing_licenseText":"The source SBOM names this license 'Acme License' and does not give its text."},
  {"type":"simplelicensing_LicenseExpression","spdxId":"NS#LicenseExpression-1","creationInfo":"_:creationinfo",
   "simplelicensing_licenseExpression":"LicenseRef-Acme-License",
   "simplelicensing_customIdToUri":[{"type":"DictionaryEntry","key":"LicenseRef-Acme-License",
     "value":"NS#LicenseRef-Acme-License"}]},
  {"type":"Relationship","spdxId":"NS#Relationship-1","creationInfo":"_:creationinfo","from":"CORE",
   "relationshipType":"hasDeclaredLicense","to":["NS#LicenseExpression-1"]},
  {"type":"Relationship","spdxId":"NS#Relationship-2","creationInfo":"_:creationinfo","from":"NS#SPDXRef-Sbom",
   "relationshipType":"describes","to":["NS#SPDXRef-fw"]},
  {"type":"Relationship","spdxId":"NS#Relationship-3","creationInfo":"_:creationinfo","from":"CORE",
   "relationshipType":"contains","to":["NS#SPDXRef-core-so"]},
  {"type":"Relationship","spdxId":"NS#Relationship-4","creationInfo":"_:creationinfo","from":"NS#SPDXRef-fw",
   "relationshipType":"dependsOn","to":["CORE"]}]})");
  std::string text = want.dump(2) + "\n";
  for (auto [from, to] : {std::pair<std::string, std::string>{"CORE", core}, {"NS", ns}}) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
      text.replace(at, from.size(), to);
      at += to.size();
    }
  }
  EXPECT_EQ(Encode("spdx3-jsonld", &losses), text);
  ASSERT_EQ(losses.size(), 2u);
  EXPECT_EQ(losses[0].ToString(),
            "SPDX 3.0 JSON-LD: 1 x component group: no SPDX 3.0 field (the purl keeps it)");
  EXPECT_EQ(losses[1].ToString(), "SPDX 3.0 JSON-LD: 1 x component scope: no SPDX 3.0 field");
}

TEST(EncodeGolden, Spdx3JsonLdReadsBack) {
  // The small document through SPDX 3 and the SPDX 3 decoder: what comes
  // back, worked out from the mapping.
  NullSink sink;
  Result<Document> back = Decode(Encode("spdx3-jsonld"), "small.spdx3.json", sink);
  ASSERT_TRUE(back.ok()) << back.status().message();
  const std::string ns = "urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/3";
  EXPECT_EQ(back->serial_number, ns);
  EXPECT_EQ(back->timestamp, "2025-03-04T04:06:07Z");
  ASSERT_TRUE(back->subject.has_value());
  EXPECT_EQ(back->subject->ref, ns + "#SPDXRef-fw");
  EXPECT_EQ(back->subject->type, "firmware");
  ASSERT_EQ(back->components.size(), 2u);
  const Component& core = back->components[0];
  EXPECT_EQ(core.ref, ns + "#SPDXRef-pkg-maven-org.acme-core-1.2-type-jar");
  EXPECT_EQ(core.group, "");  // no SPDX 3 field
  EXPECT_EQ(core.purl, "pkg:maven/org.acme/core@1.2?type=jar");
  EXPECT_EQ(core.cpe, "cpe:2.3:a:acme:core:1.2:*:*:*:*:*:*:*");
  ASSERT_EQ(core.licenses.size(), 1u);
  EXPECT_EQ(core.licenses[0].value, "LicenseRef-Acme-License");
  EXPECT_EQ(core.licenses[0].acknowledgement, "declared");
  ASSERT_EQ(core.hashes.size(), 1u);
  EXPECT_EQ(core.hashes[0].alg, "sha1");
  // The support data: read from validUntilTime and supportLevel, with the
  // source's own wording from the CycloneDX properties extension.
  EXPECT_EQ(*encode::FindProperty(core.properties, kFdaLevelOfSupport), "actively maintained");
  EXPECT_EQ(*encode::FindProperty(core.properties, kFdaEndOfSupportDate), "2027-12-31");
  EXPECT_EQ(*encode::FindProperty(core.properties, "spdx:supportLevel"), "support");
  EXPECT_EQ(*encode::FindProperty(core.properties, "spdx:validUntilDate"), "2027-12-31T00:00:00Z");
  size_t fda = 0;
  for (const Property& p : core.properties) fda += p.name.rfind("cdx:fda:", 0) == 0;
  EXPECT_EQ(fda, 2u);
  const Component& so = back->components[1];
  EXPECT_EQ(so.parent_ref, core.ref);
  EXPECT_EQ(so.parent_index, 0);
  ASSERT_EQ(back->dependencies.size(), 1u);
  EXPECT_EQ(back->dependencies[0].ref, back->subject->ref);
  EXPECT_EQ(back->dependencies[0].depends_on, std::vector<Text>{core.ref});
  ASSERT_EQ(back->tools.size(), 2u);
  EXPECT_EQ(back->tools[0].name, "Anchore syft-1.0.0");
  EXPECT_EQ(back->tools[1].name, "soupkeeper");
}

TEST(EncodeGolden, CycloneDx15ChangesWhatItCannotHold) {
  // 1.6-only fields of the model, written at 1.5.
  Document doc;
  doc.serial_number = "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79";
  doc.manufacturer = Organization{"Acme Medical", {}, {}};
  Component c;
  c.type = "cryptographic-asset";
  c.name = "key";
  c.authors = doc.KeepList({Contact{"Ann", "", ""}, Contact{"Bob", "", ""}});
  c.licenses = doc.KeepList({License{License::Kind::kId, "MIT", "declared", ""}});
  c.omnibor_ids = doc.KeepList<Text>({"gitoid:blob:sha1:261eeb9e9f8b2b4b0d119366dda99c6fd7d35c64"});
  doc.components.push_back(c);
  CollectingSink sink;
  Result<std::string> text = FindEncoder("cyclonedx-json")->Encode(doc, {"1.5"}, sink);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, Pretty(R"({"bomFormat":"CycloneDX","specVersion":"1.5",
    "serialNumber":"urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79","version":1,
    "metadata":{"manufacture":{"name":"Acme Medical"}},
    "components":[{"type":"library","author":"Ann, Bob","name":"key",
      "licenses":[{"license":{"id":"MIT"}}]}]})"));
  std::vector<Diagnostic> losses = sink.Take();
  ASSERT_EQ(losses.size(), 3u);
  EXPECT_EQ(losses[0].message, "1 x OmniBOR id or SWHID: no place before CycloneDX 1.6");
  EXPECT_EQ(losses[1].message,
            "1 x component type 'cryptographic-asset': not in CycloneDX 1.5, written as 'library'");
  EXPECT_EQ(losses[2].message, "1 x license acknowledgement: no place before CycloneDX 1.6");
}

TEST(EncodeGolden, UnknownSpecVersionIsRefused) {
  NullSink sink;
  Result<std::string> text = FindEncoder("cyclonedx-xml")->Encode(Source(), {"1.4"}, sink);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().message(), "CycloneDX 1.4 cannot be written (1.5, 1.6 or 1.7 can)");
  Result<std::string> spdx = FindEncoder("spdx-json")->Encode(Source(), {"2.2"}, sink);
  EXPECT_EQ(spdx.status().message(), "SPDX 2.2 cannot be written (2.3 can)");
  Result<std::string> spdx3 = FindEncoder("spdx3-jsonld")->Encode(Source(), {"2.3"}, sink);
  EXPECT_EQ(spdx3.status().message(), "SPDX 2.3 cannot be written as JSON-LD (3.0.1 can)");
}

TEST(EncodeGolden, SpdxAnnotationsAreSaidNotWritten) {
  Document doc;
  doc.format = Format::kSpdxJson;
  doc.serial_number = "https://example.com/spdx/app-1.0";
  doc.timestamp = "2024-01-02T03:04:05Z";
  doc.annotations.push_back({"Person: Jane", "2024-01-02T03:04:05Z", "REVIEW", "checked"});
  Component c;
  c.name = "zlib";
  c.annotations = doc.KeepList(
      {Annotation{"Person: Jane", "2024-01-02T03:04:05Z", "OTHER", "from the distro"}});
  doc.components.push_back(c);
  for (const char* encoder : {"spdx-json", "spdx3-jsonld"}) {
    CollectingSink sink;
    ASSERT_TRUE(FindEncoder(encoder)->Encode(doc, {}, sink).ok());
    std::vector<Diagnostic> losses = sink.Take();
    ASSERT_EQ(losses.size(), 1u) << encoder;
    EXPECT_EQ(losses[0].message, "2 x SPDX annotation: not written") << encoder;
  }
}

TEST(EncodeGolden, DerivedUuid) {
  // SHA-256("abc") = ba7816bf 8f01cfea 414140de 5dae2223 ...; version nibble
  // (13th digit) 8, variant digit (17th) 4 & 3 = 0 -> '8'.
  EXPECT_EQ(encode::DerivedUuid("abc"), "ba7816bf-8f01-8fea-8141-40de5dae2223");
}

TEST(EncodeGolden, NoTimestampIsSaidNotInvented) {
  Document doc;
  doc.components.push_back(Component{});
  doc.components[0].name = "x";
  CollectingSink sink;
  Result<std::string> text = FindEncoder("spdx-json")->Encode(doc, {}, sink);
  ASSERT_TRUE(text.ok());
  nlohmann::json j = nlohmann::json::parse(*text);
  EXPECT_EQ(j["creationInfo"]["created"], "1970-01-01T00:00:00Z");
  EXPECT_EQ(j["creationInfo"]["comment"],
            "The source SBOM gives no creation time; 1970-01-01T00:00:00Z stands for unknown.");
  const std::string ns = j["documentNamespace"];
  EXPECT_EQ(ns, "urn:uuid:" + encode::DerivedUuid(encode::ContentHash(doc)));
  EXPECT_EQ(j["name"], "SBOM " + ns.substr(9));
}

}  // namespace
}  // namespace soupkeeper::sbom
