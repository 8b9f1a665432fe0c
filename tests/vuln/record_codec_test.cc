// The stored record codec: EncodeRecord against the form the store wrote
// before it (the nlohmann dump of ToJson without provenance, the oracle here),
// byte for byte, on every record the importers decode from the real corpus
// and on hand-written cases whose text is worked out here from nlohmann's
// rules; DecodeRecord back to the same record (for matching, without the
// references and database_specific), and Corruption on damage.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "soupkeeper/vuln.h"
#include "support/corpus.h"

namespace soupkeeper::vuln {
namespace {

// What RecordFields::kMatching reads of `v` (as documented in vuln.h).
Vulnerability WithoutWhatMatchingSkips(Vulnerability v) {
  v.references.clear();
  v.details.clear();
  v.cwes.clear();
  v.related.clear();
  v.remediations.clear();
  v.database_specific.clear();
  for (PackageAffected& a : v.affected) {
    a.ecosystem_specific.clear();
    a.database_specific.clear();
  }
  return v;
}

using nlohmann::json;

// The stored form as the store wrote it before EncodeRecord.
std::string Stored(const Vulnerability& v) {
  json data = ToJson(v);
  data.erase("provenance");
  return data.dump(-1, ' ', false, json::error_handler_t::replace);
}

// EncodeRecord equals the oracle and the text reads back to the same record.
void ExpectRoundTrip(const Vulnerability& v, const std::string& where) {
  const std::string expected = Stored(v);
  const std::string text = EncodeRecord(v);
  ASSERT_EQ(text, expected) << where;
  Result<Vulnerability> back = DecodeRecord(text);
  ASSERT_TRUE(back.ok()) << where << ": " << back.status().message();
  EXPECT_EQ(Stored(*back), expected) << where;
}

// A record with only an id and one string field.
Vulnerability WithSummary(const std::string& summary) {
  Vulnerability v;
  v.id = "X-1";
  v.summary = summary;
  return v;
}

TEST(RecordCodec, EscapesAsNlohmann) {
  // '"' '\\' and the five short escapes; other control characters as
  // lower-case \u00XX; '/', DEL and non-ASCII as they are.
  Vulnerability v = WithSummary(
      "a\"b\\c\b\f\n\r\t\x01\x1f/\x7f"
      "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
  EXPECT_EQ(EncodeRecord(v),
            "{\"id\":\"X-1\",\"summary\":\"a\\\"b\\\\c\\b\\f\\n\\r\\t\\u0001\\u001f/\x7f"
            "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\"}");
  ExpectRoundTrip(v, "escapes");
  // A NUL inside a string.
  ExpectRoundTrip(WithSummary(std::string("a\0b", 3)), "nul");
  EXPECT_EQ(EncodeRecord(WithSummary(std::string("a\0b", 3))),
            "{\"id\":\"X-1\",\"summary\":\"a\\u0000b\"}");
  // Plain text is skipped eight bytes at a time: every byte that needs
  // attention at every position of a 20-byte string, against the oracle.
  const std::vector<std::string> specials = {
      "\"", "\\", std::string(1, '\0'), "\x1f", " ", "~", "\x7f", "\xC3\xA9", "\xFF", "\xE2\x82"};
  for (const std::string& special : specials) {
    for (size_t at = 0; at <= 20; ++at) {
      std::string text(20, 'a');
      text.insert(at, special);
      Vulnerability one = WithSummary(text);
      EXPECT_EQ(EncodeRecord(one), Stored(one)) << at;
    }
  }
}

TEST(RecordCodec, ReplacesIllFormedUtf8AsNlohmann) {
  const std::string r = "\xEF\xBF\xBD";  // U+FFFD
  struct Case {
    std::string in, out;
  };
  std::vector<Case> cases = {
      {"a\xFF"
       "b",
       "a" + r + "b"},  // a byte that never starts a sequence
      {"\xE0\x80"
       "c",
       r + r + "c"},                        // E0 needs A0..BF, then 80 alone
      {"\xED\xA0\x80", r + r + r},          // a surrogate: ED needs 80..9F
      {"\xF4\x90\x80\x80", r + r + r + r},  // above U+10FFFF
      {"\xC0\xAF", r + r},                  // overlong
      {"x\xF0\x9F\x98", "x" + r},           // cut short at the end
      {"\xF0\x9F\x98"
       "A",
       r + "A"},                                 // cut short before ASCII
      {"\xC3", r},                               // a lone lead byte at the end
      {"\xE2\x82\xAC\x80", "\xE2\x82\xAC" + r},  // a stray continuation byte
  };
  for (const Case& c : cases) {
    Vulnerability v = WithSummary(c.in);
    EXPECT_EQ(EncodeRecord(v), "{\"id\":\"X-1\",\"summary\":\"" + c.out + "\"}");
    ExpectRoundTrip(v, c.out);
  }
}

TEST(RecordCodec, NumbersAsNlohmann) {
  Vulnerability v;
  v.id = "CVE-1";
  for (double d : {10.0, 7.5, 9.8, 0.1, 0.0}) {
    SeverityScore s;
    s.base_score = d;
    v.severities.push_back(s);
  }
  SeverityScore published;
  published.published_score = 4.25;  // written with one decimal: 4.3
  v.severities.push_back(published);
  v.epss = Epss{1e-7, 1e300, "2025-01-01", "v2025"};
  EXPECT_EQ(EncodeRecord(v),
            "{\"epss\":{\"date\":\"2025-01-01\",\"model_version\":\"v2025\","
            "\"percentile\":1e+300,\"score\":1e-07},\"id\":\"CVE-1\",\"severities\":["
            "{\"base_score\":10.0},{\"base_score\":7.5},{\"base_score\":9.8},"
            "{\"base_score\":0.1},{\"base_score\":0.0},{\"published_score\":4.3}]}");
  ExpectRoundTrip(v, "numbers");
  // Integral up to 15 digits with ".0", beyond in exponent form; 17
  // significant digits where needed; -0.0 keeps its sign; NaN is null.
  struct Case {
    double d;
    std::string text;
  };
  std::vector<Case> cases = {
      {1e14, "100000000000000.0"},
      {1e15, "1e+15"},
      {123456789012345678.0, "1.2345678901234568e+17"},
      {0.0001, "0.0001"},
      {0.00001, "1e-05"},
      {-0.0, "-0.0"},
      {0.30000000000000004, "0.30000000000000004"},
      {std::numeric_limits<double>::quiet_NaN(), "null"},
      {std::numeric_limits<double>::infinity(), "null"},
  };
  for (const Case& c : cases) {
    Vulnerability e;
    e.id = "E";
    e.epss = Epss{c.d, 0.5, "", ""};
    EXPECT_EQ(EncodeRecord(e),
              "{\"epss\":{\"date\":\"\",\"model_version\":\"\",\"percentile\":0.5,"
              "\"score\":" +
                  c.text + "},\"id\":\"E\"}");
    EXPECT_EQ(EncodeRecord(e), Stored(e));
  }
}

TEST(RecordCodec, EmptyFieldsLeftOutAsToJson) {
  Vulnerability v;  // even the id is written when empty
  EXPECT_EQ(EncodeRecord(v), "{\"id\":\"\"}");
  ExpectRoundTrip(v, "empty");
  v.id = "A";
  v.kev = Kev{};
  v.affected.emplace_back();
  v.references.push_back({"https://x", "", {}});
  v.flags.push_back({"", {}});
  v.products.push_back({});
  v.remediations.push_back({});
  v.configurations.emplace_back();
  v.configurations[0].nodes.emplace_back();
  v.configurations[0].nodes[0].matches.emplace_back();
  EXPECT_EQ(EncodeRecord(v),
            "{\"affected\":[{}],\"configurations\":[{\"negate\":false,\"nodes\":[{\"cpe_match\":"
            "[{\"criteria\":\"\",\"vulnerable\":true}],\"negate\":false,\"operator\":\"OR\"}],"
            "\"operator\":\"OR\"}],\"flags\":[{\"label\":\"\",\"product_ids\":[]}],\"id\":\"A\","
            "\"kev\":{},\"products\":[{\"product_id\":\"\",\"status\":\"\"}],\"references\":["
            "{\"url\":\"https://x\"}],\"remediations\":[{\"category\":\"\"}]}");
  ExpectRoundTrip(v, "empty fields");
}

// A record with every field set, the platforms of an AND configuration and
// an OSV range with a repo.
Vulnerability Full() {
  Vulnerability v;
  v.id = "GHSA-aaaa-bbbb-cccc";
  v.aliases = {"CVE-2024-1"};
  v.related = {"CVE-2024-2"};
  v.summary = "summary";
  v.details = "details";
  v.published = "2024-01-01T00:00:00Z";
  v.modified = "2024-01-02T00:00:00Z";
  v.withdrawn = "2024-01-03T00:00:00Z";
  v.status = "Analyzed";
  SeverityScore s;
  s.type = "CVSS_V3";
  s.vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
  ScoreSeverity(s);
  s.source = "nvd@nist.gov";
  s.kind = "Primary";
  s.published_score = 9.8;
  v.severities.push_back(s);
  v.cwes = {"CWE-79"};
  v.references.push_back({"https://example.com/a", "WEB", {"Patch", "Vendor Advisory"}});
  PackageAffected a;
  a.ecosystem = "PyPI";
  a.name = "pkg";
  a.purl = "pkg:pypi/pkg";
  a.ranges.ecosystem = "PyPI";
  a.ranges.ranges.push_back({"ECOSYSTEM",
                             {{range::OsvEvent::Kind::kIntroduced, "0"},
                              {range::OsvEvent::Kind::kFixed, "1.2"},
                              {range::OsvEvent::Kind::kLastAffected, "1.1"},
                              {range::OsvEvent::Kind::kLimit, "2.0"}}});
  a.ranges.ranges.push_back({"GIT", {{range::OsvEvent::Kind::kIntroduced, "abc"}}});
  a.range_repos = {"", "https://github.com/x/y"};
  a.ranges.versions = {"1.0", "1.1"};
  a.ecosystem_specific = R"({"severity":"HIGH","affects":{"arch":["x86"]}})";
  a.database_specific = R"({"source":"https://x/y.json"})";
  v.affected.push_back(a);
  Configuration c;
  c.op = "AND";
  ConfigNode vulnerable;
  CpeMatch m;
  m.criteria = "cpe:2.3:a:vendor:product:*:*:*:*:*:*:*:*";
  m.match_criteria_id = "ID-1";
  m.bounds.start_including = "1.0";
  m.bounds.start_excluding = "0.9";
  m.bounds.end_including = "2.0";
  m.bounds.end_excluding = "2.1";
  vulnerable.matches.push_back(m);
  ConfigNode platform;
  platform.negate = true;
  platform.matches.push_back({false, "cpe:2.3:o:linux:linux_kernel:-:*:*:*:*:*:*:*", "", {}});
  c.nodes = {vulnerable, platform};
  v.configurations.push_back(c);
  v.products.push_back({"CSAFPID-1", "Device 1.0", "pkg:generic/d",
                        "cpe:2.3:h:v:d:1.0:*:*:*:*:*:*:*", "known_affected"});
  v.remediations.push_back({"vendor_fix", "update", "https://v/fix", {"CSAFPID-1"}});
  v.flags.push_back({"vulnerable_code_not_present", {"CSAFPID-2"}});
  v.advisory_id = "ICSMA-24-001-01";
  v.database_specific = R"({"github_reviewed":true,"cwe_ids":["CWE-79"],"n":12})";
  v.kev = Kev{"2024-01-01", "2024-01-22", "Unknown", "Apply",     "Vendor",
              "Product",    "Name",       "notes",   "2024.01.01"};
  v.epss = Epss{0.97, 0.999, "2024-01-01", "v2023.03.01"};
  v.provenance.source = "osv";
  v.provenance.source_id = v.id;
  v.provenance.sha256 = "00";
  return v;
}

TEST(RecordCodec, FullRecordRoundTrips) {
  const Vulnerability v = Full();
  ExpectRoundTrip(v, "full");
  Result<Vulnerability> back = DecodeRecord(EncodeRecord(v));
  ASSERT_TRUE(back.ok()) << back.status().message();
  // What the matcher reads, checked field by field.
  ASSERT_EQ(back->affected.size(), 1u);
  const PackageAffected& a = back->affected[0];
  EXPECT_EQ(a.ranges.ecosystem, "PyPI");
  ASSERT_EQ(a.ranges.ranges.size(), 2u);
  EXPECT_EQ(a.ranges.ranges[0].events.size(), 4u);
  EXPECT_EQ(a.ranges.ranges[0].events[2].kind, range::OsvEvent::Kind::kLastAffected);
  EXPECT_EQ(a.ranges.ranges[0].events[2].version, "1.1");
  EXPECT_EQ(a.range_repos, (std::vector<std::string>{"", "https://github.com/x/y"}));
  // Embedded JSON comes back as nlohmann dumps it: keys sorted.
  EXPECT_EQ(a.ecosystem_specific, R"({"affects":{"arch":["x86"]},"severity":"HIGH"})");
  EXPECT_EQ(back->database_specific, R"({"cwe_ids":["CWE-79"],"github_reviewed":true,"n":12})");
  ASSERT_EQ(back->configurations.size(), 1u);
  EXPECT_EQ(back->configurations[0].op, "AND");
  EXPECT_TRUE(back->configurations[0].nodes[1].negate);
  EXPECT_FALSE(back->configurations[0].nodes[1].matches[0].vulnerable);
  EXPECT_EQ(back->configurations[0].nodes[0].matches[0].bounds.end_excluding, "2.1");
  EXPECT_EQ(back->severities[0].base_score, 9.8);
  EXPECT_EQ(back->severities[0].rating, "critical");
  EXPECT_EQ(back->epss->percentile, 0.999);
  EXPECT_EQ(back->kev->catalog_version, "2024.01.01");
  // For matching, what it never reads is left out, everything else read the
  // same.
  Result<Vulnerability> matching = DecodeRecord(EncodeRecord(v), RecordFields::kMatching);
  ASSERT_TRUE(matching.ok()) << matching.status().message();
  EXPECT_TRUE(matching->references.empty());
  EXPECT_TRUE(matching->database_specific.empty());
  EXPECT_TRUE(matching->details.empty());
  EXPECT_EQ(Stored(*matching), Stored(WithoutWhatMatchingSkips(v)));
  // The stored form has no provenance; a record that has one is read.
  EXPECT_TRUE(back->provenance.source.empty());
  Result<Vulnerability> with =
      DecodeRecord(R"({"id":"A","provenance":{"source":"nvd","source_id":"CVE-1"}})");
  ASSERT_TRUE(with.ok()) << with.status().message();
  EXPECT_EQ(with->provenance.source, "nvd");
  EXPECT_EQ(with->provenance.source_id, "CVE-1");
}

TEST(RecordCodec, EmbeddedJsonAsNlohmannParsesAndDumpsIt) {
  struct Case {
    std::string raw, written;  // "" written: left out
  };
  std::vector<Case> cases = {
      {R"({"b":1.50,"a":[100000.0e0,-0,true,null,"x\/y\u00e9"]})",
       "{\"a\":[100000.0,0,true,null,\"x/y\xC3\xA9\"],\"b\":1.5}"},
      {R"({"k":1,"k":2})", R"({"k":2})"},  // the last of equal keys
      {"null", "null"},
      {"[]", "[]"},
      {"18446744073709551615", "18446744073709551615"},
      {"-9223372036854775808", "-9223372036854775808"},
      // Beyond 64 bits nlohmann reads a double; simdjson refuses it.
      {"18446744073709551616", "1.8446744073709552e+19"},
      {"\xEF\xBB\xBF{\"a\":1}", R"({"a":1})"},  // a byte order mark: nlohmann skips it
      {"{", ""},                                // not JSON: left out
  };
  for (const Case& c : cases) {
    Vulnerability v;
    v.id = "D";
    v.database_specific = c.raw;
    std::string expected = c.written.empty()
                               ? "{\"id\":\"D\"}"
                               : "{\"database_specific\":" + c.written + ",\"id\":\"D\"}";
    EXPECT_EQ(EncodeRecord(v), expected) << c.raw;
    ExpectRoundTrip(v, c.raw);
  }
}

// The Corruption message of decoding `text`.
std::string Damage(std::string_view text) {
  Result<Vulnerability> r = DecodeRecord(text);
  EXPECT_FALSE(r.ok()) << text;
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption) << text;
  return r.status().message();
}

TEST(RecordCodec, DamageIsCorruptionNamingRecordAndPlace) {
  EXPECT_EQ(Damage(""), "stored record: not JSON: Empty: no JSON found");
  EXPECT_EQ(Damage("not json").rfind("stored record: not JSON: ", 0), 0u);
  EXPECT_EQ(Damage(R"({"id":"A")").rfind("stored record: not JSON: ", 0), 0u);
  EXPECT_EQ(Damage("[1]"), "stored record: not a JSON object but an array");
  EXPECT_EQ(Damage(R"({"id":"A","summary":5})"),
            "stored record A: /summary: expected a string, found an integer");
  EXPECT_EQ(Damage(R"({"aliases":["X",1],"id":"A"})"),
            "stored record A: /aliases/1: expected a string, found an integer");
  EXPECT_EQ(Damage(R"({"id":7})"), "stored record: /id: expected a string, found an integer");
  EXPECT_EQ(Damage(R"({"affected":[{"ranges":[{"events":[{"fixed":"1","introduced":"0"}],)"
                   R"("type":"SEMVER"}]}],"id":"GO-1"})"),
            "stored record GO-1: /affected/0/ranges/0/events/0: malformed OSV event "
            R"({"fixed":"1","introduced":"0"})");
  EXPECT_EQ(
      Damage(R"({"affected":[{"ranges":[{"events":[{"fixed":1}]}]}],"id":"GO-1"})"),
      R"(stored record GO-1: /affected/0/ranges/0/events/0: malformed OSV event {"fixed":1})");
  EXPECT_EQ(Damage(R"({"affected":[{"ranges":[{"events":["0"]}]}],"id":"GO-1"})"),
            R"(stored record GO-1: /affected/0/ranges/0/events/0: malformed OSV event "0")");
  EXPECT_EQ(Damage(R"({"affected":[{"ranges":[{"events":[{"removed":"1"}]}]}],"id":"GO-1"})"),
            "stored record GO-1: /affected/0/ranges/0/events/0: unknown OSV event 'removed'");
  EXPECT_EQ(Damage(R"({"configurations":[{"negate":"no"}],"id":"CVE-1"})"),
            "stored record CVE-1: /configurations/0/negate: expected a boolean, found a string");
  EXPECT_EQ(Damage(R"({"id":"CVE-1","severities":[{"base_score":"9.8"}]})"),
            "stored record CVE-1: /severities/0/base_score: expected a number, found a string");
  EXPECT_EQ(Damage(R"({"id":"CVE-1","kev":[]})"),
            "stored record CVE-1: /kev: expected an object, found an array");
  EXPECT_EQ(Damage(R"({"id":"CVE-1","references":["https://x"]})"),
            "stored record CVE-1: /references/0: expected an object, found a string");
  EXPECT_EQ(Damage(R"({"id":"CVE-1","severities":{}})"),
            "stored record CVE-1: /severities: expected an array, found an object");
  // Ill-formed UTF-8 in the stored bytes.
  EXPECT_EQ(Damage("{\"id\":\"\xFF\"}").rfind("stored record: not JSON: ", 0), 0u);
}

TEST(RecordCodec, NullIsAMissingMemberAndUnknownMembersAreIgnored) {
  Result<Vulnerability> r =
      DecodeRecord(R"({"affected":[{"ecosystem_specific":null,"name":null}],"epss":null,"id":"A",)"
                   R"("later_field":{"x":[1]},"summary":null})");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->id, "A");
  EXPECT_TRUE(r->summary.empty());
  EXPECT_FALSE(r->epss.has_value());
  ASSERT_EQ(r->affected.size(), 1u);
  EXPECT_TRUE(r->affected[0].name.empty());
  // Embedded JSON keeps its null, as ToJson would write it back.
  EXPECT_EQ(r->affected[0].ecosystem_specific, "null");
}

// Every record the importers decode from the corpus (every CorpusStride()th
// under AddressSanitizer).
TEST(RecordCodecCorpus, EveryImportedRecordEncodesAsBeforeAndReadsBack) {
  SK_REQUIRE_CORPUS(root);
  const size_t stride = testing::CorpusStride();
  std::map<std::string, size_t> checked;
  size_t seen = 0;
  for (const char* dir : {"osv", "nvd", "cvelist", "csaf", "kev"}) {
    CollectingSink sink;
    Status s = ReadInputs(
        Env::Default(), (root / dir).string(),
        [&](const std::string& name, std::string_view bytes) -> Status {
          const FeedImporter* importer = FindImporter(bytes);
          if (importer == nullptr) return Status::Ok();
          // A document an importer cannot read is the importers' tests' concern.
          importer
              ->Decode(
                  bytes, name,
                  [&](Vulnerability&& v) -> Status {
                    if (seen++ % stride != 0) return Status::Ok();
                    ++checked[std::string(importer->Name())];
                    const std::string where = name + " " + v.id;
                    const std::string expected = Stored(v);
                    const std::string text = EncodeRecord(v);
                    EXPECT_EQ(text, expected) << where;
                    Result<Vulnerability> back = DecodeRecord(text);
                    EXPECT_TRUE(back.ok()) << where << ": " << back.status().message();
                    if (back.ok()) {
                      EXPECT_EQ(Stored(*back), expected) << where;
                    }
                    Result<Vulnerability> matching = DecodeRecord(text, RecordFields::kMatching);
                    EXPECT_TRUE(matching.ok()) << where << ": " << matching.status().message();
                    if (matching.ok()) {
                      EXPECT_EQ(Stored(*matching), Stored(WithoutWhatMatchingSkips(v))) << where;
                    }
                    return Status::Ok();
                  },
                  sink)
              .IgnoreError();
          return Status::Ok();
        },
        sink);
    ASSERT_TRUE(s.ok()) << s.message();
  }
  for (const auto& [importer, n] : checked) {
    std::cout << "[ corpus ] stored form of " << n << " " << importer << " records checked\n";
  }
  // Floors from the corpus counts (tests/vuln/corpus_test.cc), over the stride.
  EXPECT_GE(checked["osv"], 5800 / stride);
  EXPECT_GE(checked["nvd"], 500 / stride);
  EXPECT_GE(checked["cve5"], 500 / stride);
  EXPECT_GE(checked["csaf"], 1000 / stride);
  EXPECT_GE(checked["kev"], 1404 / stride);
}

}  // namespace
}  // namespace soupkeeper::vuln
