// The CycloneDX decoders on hand-written documents: what lands in the model,
// and how bad input is reported (every expectation written from the spec).
#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>

#include "sbom/cdx_decoders.h"
#include "soupkeeper/sbom.h"

namespace soupkeeper::sbom {
namespace {

const char kJson[] = R"({
  "bomFormat": "CycloneDX",
  "specVersion": "1.6",
  "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
  "version": 3,
  "metadata": {
    "timestamp": "2024-05-01T10:00:00Z",
    "lifecycles": [{"phase": "build"}, {"name": "qa", "description": "our phase"}],
    "tools": {"components": [{"type": "application", "group": "acme", "name": "gen", "version": "2.1"}]},
    "authors": [{"name": "Ann", "email": "ann@example.com"}],
    "component": {"type": "device", "name": "infusion-pump", "version": "4.0", "bom-ref": "pump",
                  "components": [{"type": "firmware", "name": "boot", "bom-ref": "boot"}]},
    "supplier": {"name": "Acme Medical", "url": ["https://acme.example"]},
    "properties": [{"name": "cdx:fda:deviceClass", "value": "II"}]
  },
  "components": [
    {"type": "library", "bom-ref": "ssl", "group": "org.openssl", "name": "openssl",
     "version": "3.0.13", "scope": "required", "purl": "pkg:generic/openssl@3.0.13",
     "cpe": "cpe:2.3:a:openssl:openssl:3.0.13:*:*:*:*:*:*:*",
     "supplier": {"name": "OpenSSL Foundation"},
     "hashes": [{"alg": "SHA-256", "content": "f498a8ff2dd007e29c2074f5e4b01a9a01775c3ff3aeaf6906ea503bc5791b7b"}],
     "licenses": [{"license": {"id": "Apache-2.0", "acknowledgement": "declared"}}],
     "copyright": "Copyright OpenSSL",
     "omniborId": ["gitoid:blob:sha1:261eeb9e9f8b2b4b0d119366dda99c6fd7d35c64"],
     "swid": {"tagId": "swidgen-1", "name": "openssl"},
     "externalReferences": [{"type": "website", "url": "https://openssl.org"}],
     "properties": [{"name": "cdx:fda:levelOfSupport", "value": "supported"}],
     "components": [{"type": "file", "name": "libcrypto.so", "bom-ref": "crypto"}]},
    {"type": "library", "name": "zlib", "version": "1.3", "licenses": [{"expression": "Zlib OR MIT"}]}
  ],
  "dependencies": [{"ref": "pump", "dependsOn": ["ssl"]}, {"ref": "ssl", "dependsOn": ["crypto"]}],
  "compositions": [{"aggregate": "complete", "assemblies": ["ssl"]}],
  "vulnerabilities": [{"id": "CVE-2024-0001", "bom-ref": "v1"}]
})";

// The same document in XML.
const char kXml[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.6" serialNumber="urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79" version="3">
  <metadata>
    <timestamp>2024-05-01T10:00:00Z</timestamp>
    <lifecycles><lifecycle><phase>build</phase></lifecycle><lifecycle><name>qa</name><description>our phase</description></lifecycle></lifecycles>
    <tools><components><component type="application"><group>acme</group><name>gen</name><version>2.1</version></component></components></tools>
    <authors><author><name>Ann</name><email>ann@example.com</email></author></authors>
    <component type="device" bom-ref="pump"><name>infusion-pump</name><version>4.0</version>
      <components><component type="firmware" bom-ref="boot"><name>boot</name></component></components>
    </component>
    <supplier><name>Acme Medical</name><url>https://acme.example</url></supplier>
    <properties><property name="cdx:fda:deviceClass">II</property></properties>
  </metadata>
  <components>
    <component type="library" bom-ref="ssl">
      <supplier><name>OpenSSL Foundation</name></supplier>
      <group>org.openssl</group>
      <name>openssl</name>
      <version>3.0.13</version>
      <scope>required</scope>
      <hashes><hash alg="SHA-256">f498a8ff2dd007e29c2074f5e4b01a9a01775c3ff3aeaf6906ea503bc5791b7b</hash></hashes>
      <licenses><license acknowledgement="declared"><id>Apache-2.0</id></license></licenses>
      <copyright>Copyright OpenSSL</copyright>
      <cpe>cpe:2.3:a:openssl:openssl:3.0.13:*:*:*:*:*:*:*</cpe>
      <purl>pkg:generic/openssl@3.0.13</purl>
      <omniborId>gitoid:blob:sha1:261eeb9e9f8b2b4b0d119366dda99c6fd7d35c64</omniborId>
      <swid tagId="swidgen-1" name="openssl"/>
      <externalReferences><reference type="website"><url>https://openssl.org</url></reference></externalReferences>
      <properties><property name="cdx:fda:levelOfSupport">supported</property></properties>
      <components><component type="file" bom-ref="crypto"><name>libcrypto.so</name></component></components>
    </component>
    <component type="library"><name>zlib</name><version>1.3</version><licenses><expression>Zlib OR MIT</expression></licenses></component>
  </components>
  <dependencies>
    <dependency ref="pump"><dependency ref="ssl"/></dependency>
    <dependency ref="ssl"><dependency ref="crypto"/></dependency>
  </dependencies>
  <compositions><composition><aggregate>complete</aggregate><assemblies><assembly ref="ssl"/></assemblies></composition></compositions>
  <vulnerabilities><vulnerability bom-ref="v1"><id>CVE-2024-0001</id></vulnerability></vulnerabilities>
</bom>
)";

void ExpectModel(const Document& d) {
  EXPECT_EQ(d.spec_version, "1.6");
  EXPECT_EQ(d.serial_number, "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79");
  EXPECT_EQ(d.version, 3);
  EXPECT_EQ(d.timestamp, "2024-05-01T10:00:00Z");
  EXPECT_EQ(d.lifecycle_phases, (std::vector<Text>{"build", "qa"}));
  ASSERT_EQ(d.tools.size(), 1u);
  EXPECT_EQ(d.tools[0].vendor, "acme");
  EXPECT_EQ(d.tools[0].name, "gen");
  EXPECT_EQ(d.tools[0].version, "2.1");
  ASSERT_EQ(d.authors.size(), 1u);
  EXPECT_EQ(d.authors[0].email, "ann@example.com");
  ASSERT_TRUE(d.subject.has_value());
  EXPECT_EQ(d.subject->name, "infusion-pump");
  EXPECT_EQ(d.subject->ref, "pump");
  ASSERT_TRUE(d.supplier.has_value());
  EXPECT_EQ(d.supplier->urls, (std::vector<Text>{"https://acme.example"}));
  ASSERT_EQ(d.properties.size(), 1u);
  EXPECT_EQ(d.properties[0].name, "cdx:fda:deviceClass");
  EXPECT_EQ(d.properties[0].value, "II");

  // Flattened, in document order: the metadata component's child, then the
  // top-level components with their children after them.
  ASSERT_EQ(d.components.size(), 4u);
  const Component& boot = d.components[0];
  EXPECT_EQ(boot.name, "boot");
  EXPECT_EQ(boot.parent_ref, "pump");
  EXPECT_EQ(boot.parent_index, -2);
  const Component& ssl = d.components[1];
  EXPECT_EQ(ssl.ref, "ssl");
  EXPECT_EQ(ssl.type, "library");
  EXPECT_EQ(ssl.group, "org.openssl");
  EXPECT_EQ(ssl.version, "3.0.13");
  EXPECT_EQ(ssl.scope, "required");
  EXPECT_EQ(ssl.purl, "pkg:generic/openssl@3.0.13");
  EXPECT_EQ(ssl.cpe, "cpe:2.3:a:openssl:openssl:3.0.13:*:*:*:*:*:*:*");
  EXPECT_EQ(ssl.swid_tag_id, "swidgen-1");
  ASSERT_TRUE(ssl.supplier.has_value());
  EXPECT_EQ(ssl.supplier->name, "OpenSSL Foundation");
  ASSERT_EQ(ssl.hashes.size(), 1u);
  EXPECT_EQ(ssl.hashes[0].alg, "SHA-256");
  EXPECT_EQ(ssl.hashes[0].value.size(), 64u);
  ASSERT_EQ(ssl.licenses.size(), 1u);
  EXPECT_EQ(ssl.licenses[0].kind, License::Kind::kId);
  EXPECT_EQ(ssl.licenses[0].value, "Apache-2.0");
  EXPECT_EQ(ssl.licenses[0].acknowledgement, "declared");
  EXPECT_EQ(ssl.copyright, "Copyright OpenSSL");
  EXPECT_EQ(ssl.omnibor_ids.size(), 1u);
  ASSERT_EQ(ssl.external_references.size(), 1u);
  EXPECT_EQ(ssl.external_references[0].type, "website");
  EXPECT_EQ(ssl.external_references[0].url, "https://openssl.org");
  ASSERT_EQ(ssl.properties.size(), 1u);
  EXPECT_EQ(ssl.properties[0].name, "cdx:fda:levelOfSupport");
  EXPECT_EQ(ssl.parent_index, -1);
  const Component& crypto = d.components[2];
  EXPECT_EQ(crypto.name, "libcrypto.so");
  EXPECT_EQ(crypto.parent_ref, "ssl");
  EXPECT_EQ(crypto.parent_index, 1);
  const Component& zlib = d.components[3];
  ASSERT_EQ(zlib.licenses.size(), 1u);
  EXPECT_EQ(zlib.licenses[0].kind, License::Kind::kExpression);
  EXPECT_EQ(zlib.licenses[0].value, "Zlib OR MIT");

  ASSERT_EQ(d.dependencies.size(), 2u);
  EXPECT_EQ(d.dependencies[1].ref, "ssl");
  EXPECT_EQ(d.dependencies[1].depends_on, (std::vector<Text>{"crypto"}));
  ASSERT_EQ(d.compositions.size(), 1u);
  EXPECT_EQ(d.compositions[0].aggregate, "complete");
  EXPECT_EQ(d.compositions[0].assemblies, (std::vector<Text>{"ssl"}));
  EXPECT_EQ(d.vulnerability_count, 1u);
  EXPECT_NE(d.vulnerabilities_raw.find("CVE-2024-0001"), std::string::npos);
}

TEST(CycloneDxJson, FillsTheModel) {
  CollectingSink sink;
  Result<Document> d = Decode(kJson, "a.json", sink);
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->format, Format::kCycloneDxJson);
  EXPECT_EQ(DescribeFormat(*d), "CycloneDX 1.6 JSON");
  EXPECT_EQ(d->components[1].location, "/components/0");
  EXPECT_EQ(d->components[2].location, "/components/0/components/0");
  ExpectModel(*d);
  // Kept for triage as written, without the white space.
  EXPECT_EQ(d->vulnerabilities_raw, R"([{"id":"CVE-2024-0001","bom-ref":"v1"}])");
  EXPECT_EQ(sink.size(), 0u);
}

// A string with room after its bytes (as Env::ReadFile leaves) is parsed in
// place; what that room holds does not matter, and the model is the same as
// from a copy.
TEST(CycloneDxJson, DecodesInPlaceWhenTheInputHasRoom) {
  std::string roomy = kJson;
  roomy.reserve(roomy.size() + kInputPadding);
  const Input input(roomy);
  ASSERT_GE(input.readable_past_end, kInputPadding);
  CollectingSink sink;
  Result<Document> in_place = Decode(input, "a.json", sink);
  ASSERT_TRUE(in_place.ok()) << in_place.status().message();
  ExpectModel(*in_place);
  Result<Document> copied = Decode(std::string_view(roomy), "a.json", sink);
  ASSERT_TRUE(copied.ok()) << copied.status().message();
  ExpectModel(*copied);
  EXPECT_EQ(sink.size(), 0u);
}

TEST(CycloneDxXml, FillsTheSameModel) {
  CollectingSink sink;
  Result<Document> d = Decode(kXml, "a.xml", sink);
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->format, Format::kCycloneDxXml);
  EXPECT_EQ(DescribeFormat(*d), "CycloneDX 1.6 XML");
  EXPECT_EQ(d->components[1].location, "line 15");
  ExpectModel(*d);
  EXPECT_EQ(sink.size(), 0u);
}

TEST(CycloneDxJson, DocumentOwnsItsData) {
  std::string bytes = kJson;
  CollectingSink sink;
  Result<Document> d = Decode(bytes, "a.json", sink);
  ASSERT_TRUE(d.ok());
  bytes.assign(bytes.size(), 'x');
  bytes.clear();
  bytes.shrink_to_fit();
  EXPECT_EQ(d->components[1].name, "openssl");
}

// Decodes `text` and returns the first error, or "" when it decodes.
std::string FirstError(const std::string& text, StatusCode* code = nullptr) {
  CollectingSink sink;
  Result<Document> d = Decode(text, "f", sink);
  if (code != nullptr) *code = d.status().code();
  return d.ok() ? "" : d.status().message();
}

std::string Cdx16(const std::string& components) {
  return R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":)" + components +
         "}";
}

// Components are decoded in place: a parent whose fields follow its
// children (which move it when the list grows) keeps every field, and each
// child names its parent, at every depth.
TEST(CycloneDxJson, FieldsAfterNestedComponentsStayWithTheirComponent) {
  // Top-level i (of 3) has 40 children, each with 2 grandchildren; every
  // object lists "components" before its own name and purl.
  std::string list = "[";
  for (int i = 0; i < 3; ++i) {
    std::string kids = "[";
    for (int k = 0; k < 40; ++k) {
      const std::string id = "t" + std::to_string(i) + "k" + std::to_string(k);
      kids += std::string(k ? "," : "") + R"({"type":"library","bom-ref":")" + id +
              R"(","components":[{"type":"file","name":")" + id +
              R"(g0"},{"type":"file","name":")" + id + R"(g1"}],"name":")" + id +
              R"(","purl":"pkg:generic/)" + id + R"(@1"})";
    }
    kids += "]";
    list += std::string(i ? "," : "") + R"({"type":"library","bom-ref":"t)" + std::to_string(i) +
            R"(","components":)" + kids + R"(,"name":"t)" + std::to_string(i) +
            R"(","purl":"pkg:generic/t)" + std::to_string(i) + R"(@1"})";
  }
  list += "]";
  CollectingSink sink;
  Result<Document> d = Decode(Cdx16(list), "n.json", sink);
  ASSERT_TRUE(d.ok()) << d.status().message();
  ASSERT_EQ(d->components.size(), 3u * (1 + 40 * 3));
  size_t at = 0;
  for (int i = 0; i < 3; ++i) {
    const std::string top = "t" + std::to_string(i);
    const size_t top_at = at;
    const Component& t = d->components[at++];
    EXPECT_EQ(t.name, top);
    EXPECT_EQ(t.purl, "pkg:generic/" + top + "@1");
    EXPECT_EQ(t.parent_index, -1);
    EXPECT_EQ(t.location, "/components/" + std::to_string(i));
    for (int k = 0; k < 40; ++k) {
      const std::string id = top + "k" + std::to_string(k);
      const size_t kid_at = at;
      const Component& c = d->components[at++];
      EXPECT_EQ(c.name, id);
      EXPECT_EQ(c.ref, id);
      EXPECT_EQ(c.purl, "pkg:generic/" + id + "@1");
      EXPECT_EQ(c.parent_ref, top);
      EXPECT_EQ(c.parent_index, static_cast<int>(top_at));
      for (int g = 0; g < 2; ++g) {
        const Component& gc = d->components[at++];
        EXPECT_EQ(gc.name, id + "g" + std::to_string(g));
        EXPECT_EQ(gc.parent_ref, id);
        EXPECT_EQ(gc.parent_index, static_cast<int>(kid_at));
        EXPECT_EQ(gc.location, "/components/" + std::to_string(i) + "/components/" +
                                   std::to_string(k) + "/components/" + std::to_string(g));
      }
    }
  }
}

TEST(CycloneDxJson, NamesTheValueAndThePlace) {
  EXPECT_EQ(FirstError(Cdx16(R"([{"type":"library","name":"a"},{"type":"library","name":"b",
      "hashes":[{"alg":"SHA-256","content":"f498a8ff2dd007e29c2074f5e4b01a9a01775c3ff3aeaf6906ea503bc5791b7b"},
                {"alg":"SHA-999","content":"3942447fac867ae5cdb3229b658f4d48"}]}])")),
            "f: /components/1/hashes/1/alg: 'SHA-999' is not one of MD5, SHA-1, SHA-256, SHA-384, "
            "SHA-512, SHA3-256, SHA3-384, SHA3-512, BLAKE2b-256, BLAKE2b-384, BLAKE2b-512, BLAKE3 "
            "(hash algorithm, CycloneDX 1.6)");
  EXPECT_EQ(FirstError(Cdx16(R"([{"type":"library","name":"a","colour":"red"}])")),
            "f: /components/0/colour: property 'colour' is not allowed in a component "
            "(CycloneDX 1.6)");
  // A key with '/' and '~' is escaped in the pointer (RFC 6901).
  EXPECT_EQ(FirstError(Cdx16(R"([{"type":"library","name":"a","a/b~c":1}])")),
            "f: /components/0/a~1b~0c: property 'a/b~c' is not allowed in a component "
            "(CycloneDX 1.6)");
  EXPECT_EQ(FirstError(Cdx16(R"([{"type":"library","name":7}])")),
            "f: /components/0/name: expected a string, got an integer");
  // Added in 1.6: not allowed in a 1.5 document.
  EXPECT_EQ(FirstError(R"({"bomFormat":"CycloneDX","specVersion":"1.5","components":[
      {"type":"cryptographic-asset","name":"k"}]})"),
            "f: /components/0/type: 'cryptographic-asset' is not one of application, framework, "
            "library, container, platform, operating-system, device, device-driver, firmware, "
            "file, machine-learning-model, data (component type, CycloneDX 1.5)");
}

TEST(CycloneDxJson, CountsEveryError) {
  CollectingSink sink;
  Result<Document> d = Decode(Cdx16(R"([{"type":"x","name":"a"},{"name":"b"}])"), "f", sink);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kParseError);
  EXPECT_EQ(sink.error_count(), 2u);
  EXPECT_NE(d.status().message().find("(and 1 more errors)"), std::string::npos);
}

TEST(CycloneDxJson, DuplicateBomRefIsAnError) {
  EXPECT_EQ(FirstError(Cdx16(R"([{"type":"library","name":"a","bom-ref":"r"},
      {"type":"library","name":"b","bom-ref":"r"}])")),
            "f: /components/1/bom-ref: duplicate bom-ref 'r' (every bom-ref must be unique)");
}

TEST(CycloneDxJson, DanglingDependencyIsAWarning) {
  CollectingSink sink;
  Result<Document> d = Decode(R"({"bomFormat":"CycloneDX","specVersion":"1.6",
      "components":[{"type":"library","name":"a","bom-ref":"a"}],
      "dependencies":[{"ref":"a","dependsOn":["ghost","urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#x"]}]})",
                              "f", sink);
  ASSERT_TRUE(d.ok()) << d.status().message();
  std::vector<Diagnostic> diags = sink.Take();
  ASSERT_EQ(diags.size(), 1u);  // the BOM-Link is not dangling
  EXPECT_EQ(diags[0].severity, Severity::kWarning);
  EXPECT_EQ(diags[0].ToString(),
            "f: /dependencies/0: dependsOn 'ghost' of 'a' names no bom-ref of this document");
}

TEST(CycloneDxJson, AcceptsAUtf8ByteOrderMark) {
  CollectingSink sink;
  Result<Document> d = Decode("\xEF\xBB\xBF" + Cdx16("[]"), "f", sink);
  ASSERT_TRUE(d.ok()) << d.status().message();
}

TEST(CycloneDxJson, BadBytes) {
  EXPECT_EQ(
      FirstError(Cdx16("[{\"type\":\"library\",\"name\":\"a")),
      "f: not valid JSON: " + std::string(simdjson::error_message(simdjson::UNCLOSED_STRING)));
  EXPECT_EQ(FirstError(Cdx16("[{\"type\":\"library\",\"name\":\"\xC3\x28\"}]")),
            "f: not valid JSON: " + std::string(simdjson::error_message(simdjson::UTF8_ERROR)));
  NullSink null_sink;
  EXPECT_EQ(cdx::DecodeJson("\xFF\xFE{", "f", null_sink).status().message(),
            "f: UTF-16 text; CycloneDX JSON must be UTF-8");
  std::string deep = R"({"bomFormat":"CycloneDX","specVersion":"1.6","x":)" +
                     std::string(100000, '[') + std::string(100000, ']') + "}";
  // The 127th '[' opens the 128th container, the document being the first
  // level: 49 bytes of prefix before it.
  EXPECT_EQ(FirstError(deep),
            "f: not valid JSON at line 1, column 176: nesting deeper than 128 levels");
  EXPECT_EQ(FirstError("[1,2]"),
            "f: not a recognized SBOM (supported: CycloneDX 1.2-1.7 JSON and XML; SPDX 2.1-2.3 "
            "JSON, YAML and tag-value; SPDX 3.0 JSON-LD)");
  EXPECT_EQ(FirstError(R"({"bomFormat":"CycloneDX","specVersion":6})"),
            "f: /specVersion: expected a string");
}

// Keys and strings with escapes mean what they spell.
TEST(CycloneDxJson, EscapesInKeysAndStrings) {
  CollectingSink sink;
  Result<Document> d =
      Decode(Cdx16(R"([{"type":"library","n\u0061me":"caf\u00e9","bom-ref":"a\/b"}])"), "f", sink);
  ASSERT_TRUE(d.ok()) << d.status().message();
  ASSERT_EQ(d->components.size(), 1u);
  EXPECT_EQ(d->components[0].name, "caf\xC3\xA9");
  EXPECT_EQ(d->components[0].ref, "a/b");
}

// Every part of a document is checked against the JSON grammar, also parts
// the model does not keep; a document that is not JSON gets its first syntax
// error alone, placed by line and column, not the rule violations before it.
TEST(CycloneDxJson, NotJsonGetsItsFirstSyntaxErrorAlone) {
  const std::string head = R"({"bomFormat":"CycloneDX","specVersion":"1.6","colour":1,)";
  EXPECT_EQ(FirstError(head + "\n" + R"("formulation":[{"x":tru}]})"),
            "f: not valid JSON at line 2, column 21: Problem while parsing an atom starting with "
            "the letter 't'");
  CollectingSink sink;
  // ':' where ',' belongs, after a value of the wrong type.
  EXPECT_FALSE(Decode(head + R"("metadata":"timestamp":"x"})", "f", sink).ok());
  std::vector<Diagnostic> reported = sink.Take();
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_EQ(reported[0].message.rfind("not valid JSON at line 1, column ", 0), 0u)
      << reported[0].message;
  const std::string doc = Cdx16("[]");
  EXPECT_EQ(FirstError(doc + " {}"), "f: not valid JSON at line 1, column " +
                                         std::to_string(doc.size() + 2) +
                                         ": Unexpected trailing content in the JSON input.");
}

TEST(CycloneDxJson, UnsupportedVersion) {
  StatusCode code;
  EXPECT_EQ(FirstError(R"({"bomFormat":"CycloneDX","specVersion":"1.8"})", &code),
            "f: /specVersion: CycloneDX 1.8 is not supported (1.2 to 1.7 are)");
  EXPECT_EQ(code, StatusCode::kUnsupported);
  EXPECT_EQ(FirstError(R"({"bomFormat":"CycloneDX","specVersion":"one"})", &code),
            "f: /specVersion: 'one' is not a CycloneDX version");
  EXPECT_EQ(code, StatusCode::kParseError);
}

TEST(CycloneDxJson, BadIdentifiersAreWarnings) {
  CollectingSink sink;
  Result<Document> d =
      Decode(Cdx16(R"([{"type":"library","name":"a","purl":"npm/left-pad","cpe":"cpe:2.3:a"}])"),
             "f", sink);
  ASSERT_TRUE(d.ok());
  std::vector<Diagnostic> diags = sink.Take();
  ASSERT_EQ(diags.size(), 2u);
  EXPECT_EQ(diags[0].location, "/components/0");
  EXPECT_EQ(diags[0].message.rfind("purl: ", 0), 0u) << diags[0].message;
  EXPECT_EQ(diags[1].message.rfind("cpe: ", 0), 0u) << diags[1].message;
}

std::string Xml16(const std::string& body) {
  return "<?xml version=\"1.0\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\" "
         "version=\"1\">\n" +
         body + "\n</bom>\n";
}

TEST(CycloneDxXml, NamesTheLine) {
  EXPECT_EQ(FirstError(Xml16("<components>\n<component type=\"library\"><name>a</name>"
                             "<hashes><hash alg=\"SHA-999\">3942447fac867ae5cdb3229b658f4d48</hash>"
                             "</hashes></component>\n</components>")),
            "f: line 4: 'SHA-999' is not one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, SHA3-256, "
            "SHA3-384, SHA3-512, BLAKE2b-256, BLAKE2b-384, BLAKE2b-512, BLAKE3 (hash algorithm, "
            "CycloneDX 1.6)");
  EXPECT_EQ(FirstError(Xml16("<components>\n<component type=\"library\"><name>a</name>\n"
                             "<colour>red</colour></component></components>")),
            "f: line 5: element <colour> is not allowed in <component> (CycloneDX 1.6)");
  // Elements of other namespaces are extensions.
  EXPECT_EQ(
      FirstError(Xml16("<components><component type=\"library\"><name>a</name>"
                       "<x:colour xmlns:x=\"urn:x\">red</x:colour></component></components>")),
      "");
}

TEST(CycloneDxXml, PrefixedNamespace) {
  CollectingSink sink;
  Result<Document> d = Decode(
      "<c:bom xmlns:c=\"http://cyclonedx.org/schema/bom/1.4\"><c:components>"
      "<c:component type=\"library\"><c:name>a</c:name></c:component></c:components></c:bom>",
      "f", sink);
  ASSERT_TRUE(d.ok()) << d.status().message();
  ASSERT_EQ(d->components.size(), 1u);
  EXPECT_EQ(d->components[0].name, "a");
}

TEST(CycloneDxXml, BadBytes) {
  EXPECT_EQ(FirstError(Xml16("<components>\n<component type=\"library\"><name>a")),
            "f: line 5: not well-formed XML: Start-end tags mismatch");
  EXPECT_EQ(FirstError("\xEF\xBB\xBF" + Xml16("<components/>")), "");
  EXPECT_EQ(FirstError(Xml16("<components><component type=\"library\"><name>\xC3\x28</name>"
                             "</component></components>")),
            "f: not valid UTF-8");
  std::string nested;
  for (int i = 0; i < 200; ++i) nested += "<components><component type=\"library\"><name>a</name>";
  for (int i = 0; i < 200; ++i) nested += "</component></components>";
  EXPECT_EQ(FirstError(Xml16(nested)).find("f: line 3: components nested deeper than 128 levels"),
            0u);
  StatusCode code;
  EXPECT_EQ(FirstError("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.1\"/>", &code),
            "f: line 1: CycloneDX 1.1 is not supported (1.2 to 1.7 are)");
  EXPECT_EQ(code, StatusCode::kUnsupported);
}

TEST(SbomJson, ShowsTheNormalizedDocument) {
  CollectingSink sink;
  Result<Document> d = Decode(Cdx16(R"([{"type":"library","name":"a","version":"1"}])"), "f", sink);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(ToJson(*d, false),
            R"({"format":"CycloneDX JSON","specVersion":"1.6","version":1,"components":[)"
            R"({"type":"library","name":"a","version":"1","location":"/components/0"}],)"
            R"("dependencies":[]})");
}

}  // namespace
}  // namespace soupkeeper::sbom
