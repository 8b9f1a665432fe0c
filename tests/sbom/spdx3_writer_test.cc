// SPDX 3.0.1 JSON-LD output checked independently of the encoder, for every
// valid-* CycloneDX document 1.4-1.7, every real SBOM and every SPDX example
// of the corpus that decodes:
//  - against the SPDX 3.0.1 JSON schema of the corpus by python3-jsonschema
//    (tests/support/validate_json_schema.py), in one run: every 48th
//    document of at most 100 elements by default (the schema costs
//    python-jsonschema about 0.1 s of CPU per element: the whole corpus
//    takes hours), all of them with SOUPKEEPER_SPDX3_SCHEMA_ALL=1;
//  - round trip: the SPDX 3 decoder reads the output back into the same
//    normalized model, less what SPDX 3 (or the mapping) cannot carry. The
//    expected model is worked out here from the source model, field by
//    field, with each difference and its reason (docs/parts/sbom-writers.md,
//    "SPDX 3.0 round trip");
//  - determinism: a second encoding gives the same bytes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "soupkeeper/env.h"
#include "soupkeeper/license_expression.h"
#include "soupkeeper/sbom.h"
#include "support/corpus.h"

namespace soupkeeper::sbom {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Text of the expected models, kept for the whole test run.
Arena& TestArena() {
  static Arena arena;
  return arena;
}
Text K(std::string_view text) { return TestArena().Keep(text); }
template <typename T>
List<T> KeepList(const std::vector<T>& items) {
  return TestArena().KeepList(items);
}

// "SHA-256", "SHA256", "sha256" -> "SHA256"; "SHA3-256", "sha3_256" ->
// "SHA3256"; "BLAKE2b-256", "blake2b256" -> "BLAKE2B256".
std::string AlgKey(std::string_view alg) {
  std::string out;
  for (char c : alg) {
    if (c == '-' || c == '_') continue;
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// The CycloneDX component types SPDX 3 has a software purpose for (the
// others are written as "other", which names no CycloneDX type).
bool HasPurpose(const std::string& type) {
  static const std::set<std::string> kTypes = {"application",
                                               "framework",
                                               "library",
                                               "container",
                                               "platform",
                                               "operating-system",
                                               "device",
                                               "device-driver",
                                               "firmware",
                                               "file",
                                               "machine-learning-model",
                                               "data"};
  return kTypes.count(type) > 0;
}

// "LicenseRef-" and the name with every character outside the SPDX
// idstring replaced by '-'.
std::string LicenseRef(const std::string& name) {
  std::string id = "LicenseRef-";
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-';
    id += ok ? c : '-';
  }
  return id;
}

// One SPDX license per acknowledgement: every part joined with AND, as the
// SPDX decoder reads it back (canonical text; a listed id alone is an id).
std::vector<License> ExpectedLicenses(std::span<const License> licenses) {
  std::vector<License> out;
  for (const char* ack : {"declared", "concluded"}) {
    std::vector<std::string> parts;
    for (const License& l : licenses) {
      if ((l.acknowledgement == "concluded") != (std::string(ack) == "concluded")) continue;
      parts.push_back(l.kind == License::Kind::kName ? LicenseRef(l.value) : l.value);
    }
    if (parts.empty()) continue;
    std::string expr;
    for (const std::string& p : parts) {
      if (!expr.empty()) expr += " AND ";
      expr += parts.size() > 1 && p.find(' ') != std::string::npos ? "(" + p + ")" : p;
    }
    Result<ParsedLicenseExpression> e = ParseLicenseExpression(expr);
    if (!e.ok()) {
      out.push_back({License::Kind::kExpression, K("unparsable: " + expr), K(ack), ""});
      continue;
    }
    out.push_back({e->single_listed_id ? License::Kind::kId : License::Kind::kExpression,
                   K(e->canonical), K(ack), ""});
  }
  return out;
}

bool HasSpace(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return c <= 0x20; });
}

// What of a component comes back. `ref_of` maps a source ref to its IRI.
Component ExpectedComponent(const Component& c, const std::string& iri,
                            const std::set<std::string>& spdx3_algs) {
  Component w;
  w.ref = K(iri);
  if (HasPurpose(c.type)) w.type = c.type;  // else written as purpose "other"
  // group, publisher, scope: no SPDX 3 field.
  w.name = c.name;
  w.version = c.version;
  w.description = c.description;
  if (c.supplier) w.supplier = Organization{c.supplier->name, {}, {}};  // name only
  // Every author is an originating Person; the decoder joins their names
  // into the one author text (e-mail addresses stay on the Person).
  std::string author;
  for (const Contact& a : c.authors) author += (author.empty() ? "" : ", ") + a.name;
  if (!c.author.empty()) author += (author.empty() ? "" : ", ") + c.author;
  w.author = K(author);
  w.purl = c.purl;
  w.cpe = c.cpe;
  w.swid_tag_id = c.swid_tag_id;
  w.omnibor_ids = c.omnibor_ids;
  w.swhids = c.swhids;
  std::vector<Hash> hashes;
  for (const Hash& h : c.hashes) {
    if (spdx3_algs.count(AlgKey(h.alg))) hashes.push_back({K(AlgKey(h.alg)), K(Lower(h.value))});
  }
  w.hashes = KeepList(hashes);
  w.licenses = KeepList(ExpectedLicenses(c.licenses));
  w.copyright = c.copyright == "NOASSERTION" ? "" : c.copyright;
  // External references: compared by locator and comment (the type comes
  // back in SPDX 3 spelling, "issueTracker"); their hashes have no field,
  // a locator with white space is not written.
  // The first distribution and website become the download location and
  // home page, which have no comment.
  bool download = false, home = false;
  std::vector<ExternalReference> refs;
  for (const ExternalReference& r : c.external_references) {
    if (r.type == "distribution" && !download && !HasSpace(r.url)) {
      download = true;  // NOASSERTION: the property is left out
      if (!r.url.empty() && r.url != "NOASSERTION") {
        refs.push_back({"", r.url, "", {}});
      }
      continue;
    }
    if (r.type == "website" && !home && !HasSpace(r.url)) {
      home = true;
      if (!r.url.empty()) refs.push_back({"", r.url, "", {}});
      continue;
    }
    if (r.url.empty() || HasSpace(r.url) || r.type.empty() || HasSpace(r.type)) continue;
    refs.push_back({"", r.url, r.comment, {}});
  }
  w.external_references = KeepList(refs);
  w.properties = c.properties;
  // annotations: SPDX 2 annotations are not written (as for SPDX 2.3).
  return w;
}

// The comparable form of a component: sorted external references and
// properties (the decoder reads the download location and home page first
// and the support data before the extension), hashes by algorithm key,
// no spdx:* properties (the SPDX decoders derive them from SPDX fields),
// no location.
json Comparable(Component c) {
  std::vector<ExternalReference> refs = c.external_references.vector();
  for (ExternalReference& r : refs) r.type = {};
  std::vector<Hash> hashes = c.hashes.vector();
  for (Hash& h : hashes) {
    h.alg = K(AlgKey(h.alg));
    h.value = K(Lower(h.value));
  }
  std::vector<Property> properties = c.properties.vector();
  std::erase_if(properties, [](const Property& p) { return p.name.rfind("spdx:", 0) == 0; });
  auto by_text = [](const auto& a, const auto& b) { return a.url + a.comment < b.url + b.comment; };
  std::sort(refs.begin(), refs.end(), by_text);
  std::sort(properties.begin(), properties.end(), [](const Property& a, const Property& b) {
    return std::tie(a.name, a.value) < std::tie(b.name, b.value);
  });
  c.external_references = KeepList(refs);
  c.hashes = KeepList(hashes);
  c.properties = KeepList(properties);
  c.location = {};
  Document d;
  d.components.push_back(std::move(c));
  return json::parse(ToJson(d, false))["components"][0];
}

std::string SpdxTime(const std::string& text) {
  Result<TimePoint> t = ParseTime(text);
  if (!t.ok()) return "1970-01-01T00:00:00Z";
  auto secs = std::chrono::floor<std::chrono::seconds>(t->time_since_epoch());
  return FormatTime(TimePoint(std::chrono::duration_cast<TimePoint::duration>(secs)));
}

struct Tally {
  int documents = 0, failures = 0;
  size_t components = 0, edges = 0;
};

// Compares decode(encode(src)) = `got` with what must come back of `src`.
void CheckRoundTrip(const Document& src, const Document& got, const std::string& what,
                    const std::set<std::string>& spdx3_algs, Tally& t) {
  std::vector<std::string> errors;
  // Source components in writing order (subject first) and their IRIs,
  // paired with the decoded ones by position.
  std::vector<const Component*> in;
  if (src.subject) in.push_back(&*src.subject);
  for (const Component& c : src.components) in.push_back(&c);
  std::vector<const Component*> out;
  if (got.subject) out.push_back(&*got.subject);
  for (const Component& c : got.components) out.push_back(&c);
  // The top-level components (those of no parent before them).
  std::vector<size_t> top;
  for (size_t i = 0; i < src.components.size(); ++i) {
    int p = src.components[i].parent_index;
    bool nested = (p >= 0 && static_cast<size_t>(p) < i) || (p == -2 && src.subject);
    if (!nested) top.push_back(i);
  }
  // Without a primary component the document describes the top-level ones;
  // describing exactly one makes it the primary component on reading (SPDX
  // cannot tell the two apart).
  const bool promoted = !src.subject && top.size() == 1;
  if (promoted) {
    const size_t k = top[0];
    in.erase(in.begin() + static_cast<std::ptrdiff_t>(k));
    in.insert(in.begin(), &src.components[k]);
  }
  if (in.size() != out.size()) {
    ADD_FAILURE() << what << ": " << in.size() << " components written, " << out.size()
                  << " read back";
    ++t.failures;
    return;
  }
  t.components += in.size();
  std::map<const Component*, std::string> iri;
  std::map<std::string, std::string> iri_of_ref;
  std::set<std::string> iris;
  const std::string base = got.serial_number + "#";
  for (size_t i = 0; i < in.size(); ++i) {
    iri[in[i]] = out[i]->ref;
    if (!in[i]->ref.empty()) iri_of_ref.emplace(in[i]->ref, out[i]->ref);
    if (!iris.insert(out[i]->ref).second) errors.push_back("IRI used twice: " + out[i]->ref);
    const bool own = src.format == Format::kSpdxJsonLd && out[i]->ref == in[i]->ref;
    if (!own && out[i]->ref.rfind(base + "SPDXRef-", 0) != 0) {
      errors.push_back("IRI " + out[i]->ref + " is not namespace#SPDXRef-...");
    }
  }
  // Nesting: the parent's IRI; the parent's position among the read
  // components (-2: the primary one).
  std::vector<Component> want;
  for (size_t i = 0; i < in.size(); ++i) {
    want.push_back(ExpectedComponent(*in[i], out[i]->ref, spdx3_algs));
  }
  for (size_t i = 0; i < src.components.size(); ++i) {
    const Component& c = src.components[i];
    const Component* parent = nullptr;
    if (c.parent_index >= 0 && static_cast<size_t>(c.parent_index) < i) {
      parent = &src.components[c.parent_index];
    } else if (c.parent_index == -2 && src.subject) {
      parent = &*src.subject;
    }
    if (parent == nullptr) continue;
    size_t at = std::find(in.begin(), in.end(), &c) - in.begin();
    size_t p = std::find(in.begin(), in.end(), parent) - in.begin();
    want[at].parent_ref = K(iri[parent]);
    const bool has_subject = src.subject || promoted;
    want[at].parent_index = !has_subject ? static_cast<int>(p)
                            : p == 0     ? -2
                                         : static_cast<int>(p) - 1;
  }
  for (size_t i = 0; i < in.size(); ++i) {
    json w = Comparable(want[i]), g = Comparable(*out[i]);
    if (w != g) {
      errors.push_back("component " + std::to_string(i) + " (" + in[i]->name +
                       "): " + json::diff(w, g).dump().substr(0, 1500));
    }
  }
  // The dependency graph: CycloneDX's direction, edges between components
  // only, each once, nodes without edges not kept.
  std::vector<std::pair<std::string, std::vector<std::string>>> deps;
  std::set<std::pair<std::string, std::string>> seen;
  std::map<std::string, size_t> node;
  for (const Dependency& d : src.dependencies) {
    auto from = iri_of_ref.find(d.ref);
    for (const Text to_ref : d.depends_on) {
      auto to = iri_of_ref.find(to_ref);
      if (from == iri_of_ref.end() || to == iri_of_ref.end()) continue;
      if (!seen.insert({from->second, to->second}).second) continue;
      auto [it, fresh] = node.emplace(from->second, deps.size());
      if (fresh) deps.push_back({from->second, {}});
      deps[it->second].second.push_back(to->second);
      ++t.edges;
    }
  }
  json want_deps = json::array(), got_deps = json::array();
  for (const auto& [ref, depends_on] : deps) want_deps.push_back({ref, depends_on});
  for (const Dependency& d : got.dependencies) got_deps.push_back({d.ref, d.depends_on});
  if (want_deps != got_deps) {
    errors.push_back("dependencies: " + json::diff(want_deps, got_deps).dump().substr(0, 1500));
  }
  // What the document describes.
  std::vector<std::string> described;
  if (src.subject || promoted) {
    described.push_back(out[0]->ref);
  } else {
    for (size_t k : top) described.push_back(iri[&src.components[k]]);
  }
  if (described != std::vector<std::string>(got.describes.begin(), got.describes.end())) {
    errors.push_back("describes");
  }
  // Document: identity, time, name and properties come back; the creators
  // as agents (people and organizations, e-mail addresses on the agent) and
  // tools (one name each), soupkeeper among them.
  std::string serial = src.serial_number;
  if (FormatFamily(src.format) == "CycloneDX" && serial.rfind("urn:uuid:", 0) == 0) {
    serial = "urn:cdx:" + serial.substr(9) + "/" + std::to_string(src.version);
  }
  if (serial.empty() ? got.serial_number.rfind("urn:uuid:", 0) != 0 : got.serial_number != serial) {
    errors.push_back("serial " + got.serial_number);
  }
  if (got.timestamp != (src.timestamp.empty() ? "1970-01-01T00:00:00Z" : SpdxTime(src.timestamp))) {
    errors.push_back("timestamp " + got.timestamp + " for " + src.timestamp);
  }
  if (got.name != src.name) errors.push_back("name " + got.name);
  json want_props = json::array(), got_props = json::array();
  for (const Property& p : src.properties) want_props.push_back({p.name, p.value});
  for (const Property& p : got.properties) got_props.push_back({p.name, p.value});
  if (want_props != got_props) errors.push_back("document properties");
  std::vector<std::string> authors, tools;
  for (const Contact& a : src.authors) authors.push_back(a.name);
  if (src.manufacturer) authors.push_back(src.manufacturer->name);
  if (src.supplier) authors.push_back(src.supplier->name);
  if (authors.empty()) authors.push_back("soupkeeper");
  for (const Tool& tool : src.tools) {
    std::string name = tool.vendor.empty() ? tool.name : tool.vendor + " " + tool.name;
    tools.push_back(tool.version.empty() ? name : name + "-" + tool.version);
  }
  tools.push_back("soupkeeper");
  std::vector<std::string> got_authors, got_tools;
  for (const Contact& a : got.authors) got_authors.push_back(a.name);
  for (const Tool& tool : got.tools) got_tools.push_back(tool.name);
  if (authors != got_authors) errors.push_back("authors " + json(got_authors).dump());
  if (tools != got_tools) errors.push_back("tools " + json(got_tools).dump());
  if (!errors.empty()) {
    ++t.failures;
    std::string all;
    for (size_t i = 0; i < errors.size() && i < 8; ++i) all += "\n  " + errors[i];
    ADD_FAILURE() << what << ": " << errors.size() << " differences" << all;
  }
}

std::vector<fs::path> CorpusDocuments(const fs::path& root) {
  std::vector<fs::path> files;
  for (const std::string version : {"1.4", "1.5", "1.6", "1.7"}) {
    for (const fs::path& f :
         testing::FilesBelow(root / "cyclonedx/spec/test-resources" / version, "")) {
      if (f.filename().string().rfind("valid-", 0) == 0) files.push_back(f);
    }
  }
  for (const char* dir : {"real-sboms", "spdx"}) {
    for (const fs::path& f : testing::FilesBelow(root / dir, "")) files.push_back(f);
  }
  return files;
}

TEST(Spdx3Writer, CorpusDocumentsValidateAndRoundTrip) {
  SK_REQUIRE_CORPUS(root);
  const fs::path schema = root / "spdx/spec-3.0.1/spdx-json-schema.json";
  const json schema_json = json::parse(testing::ReadFileOrFail(schema));
  std::set<std::string> spdx3_algs;
  for (const json& a : schema_json["$defs"]["prop_Hash_algorithm"]["enum"]) {
    spdx3_algs.insert(AlgKey(a.get<std::string>()));
  }
  ASSERT_GT(spdx3_algs.size(), 20u);
  const SbomEncoder* encoder = FindEncoder("spdx3-jsonld");
  ASSERT_NE(encoder, nullptr);
  testing::TempDir tmp;
  std::vector<fs::path> written;
  const char* env = std::getenv("SOUPKEEPER_SPDX3_SCHEMA_ALL");
  const bool all = env != nullptr && std::string(env) == "1";
  Tally t;
  const std::vector<fs::path> documents = CorpusDocuments(root);
  const size_t stride = testing::CorpusStride();
  for (size_t i = 0; i < documents.size(); i += stride) {
    const fs::path& f = documents[i];
    const std::string bytes = testing::ReadFileOrFail(f);
    const SbomDecoder* decoder = FindDecoder(bytes);
    if (decoder == nullptr) continue;
    NullSink sink;
    Result<Document> doc = decoder->Decode(bytes, f.string(), sink);
    if (!doc.ok()) continue;  // the known invalid ones
    ++t.documents;
    const std::string what = fs::relative(f, root).string();
    NullSink losses;
    Result<std::string> text = encoder->Encode(*doc, {}, losses);
    ASSERT_TRUE(text.ok()) << what << ": " << text.status().message();
    Result<std::string> again = encoder->Encode(*doc, {}, losses);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*text, *again) << what << ": not deterministic";
    const size_t elements = json::parse(*text)["@graph"].size();
    if (all || (t.documents % 48 == 1 && elements <= 100)) {
      fs::path out = tmp.path() / (std::to_string(written.size()) + ".spdx3.json");
      std::ofstream(out, std::ios::binary) << *text;
      written.push_back(out);
    }
    CollectingSink read_sink;
    const SbomDecoder* reader = FindDecoder(*text);
    ASSERT_NE(reader, nullptr) << what;
    EXPECT_EQ(reader->Name(), "spdx3-jsonld") << what;
    Result<Document> back = reader->Decode(*text, what + " (SPDX 3)", read_sink);
    if (!back.ok()) {
      ++t.failures;
      ADD_FAILURE() << what << ": written SPDX 3 not read back: " << back.status().message();
      continue;
    }
    EXPECT_EQ(back->spec_version, "SPDX-3.0.1") << what;
    CheckRoundTrip(*doc, *back, what, spdx3_algs, t);
  }
  testing::CliResult r = testing::ValidateJsonSchema(schema, written);
  size_t valid = 0;
  for (size_t at = r.out.find("ok "); at != std::string::npos; at = r.out.find("\nok ", at + 1)) {
    ++valid;
  }
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out.substr(0, 6000);
  EXPECT_EQ(valid, written.size()) << r.err;
  std::cout << "SPDX 3.0.1 JSON-LD written for " << t.documents << " documents: " << valid << " of "
            << written.size() << " checked valid against spdx-json-schema.json, " << t.components
            << " components and " << t.edges << " dependency edges read back, " << t.failures
            << " documents with differences\n";
  EXPECT_GE(t.documents, 450 / stride);
  EXPECT_GE(written.size(), all ? t.documents : 6 / stride);
  EXPECT_EQ(t.failures, 0);
}

}  // namespace
}  // namespace soupkeeper::sbom
