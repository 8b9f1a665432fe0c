// Conformance of soupkeeper::range against the vers test suites of the
// corpus: vers-spec's tests/*range*_test.json, vers_canonical_parse_test.json
// and lexicographic-test.json, univers' schema/range/** (including the GitLab
// native-range sets), test-suite-data.json and npm_advisory.json.
//
// Counts are printed per file and per scheme. Every case must pass except
// those in kKnownWrong (each with its reason, also in
// docs/parts/range-conformance.md); a case whose scheme is not registered
// fails and names the scheme.
#include <algorithm>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "soupkeeper/range.h"
#include "support/corpus.h"

namespace soupkeeper::range {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct KnownWrong {
  const char* file;   // file name
  const char* input;  // vers or native range of the case
  const char* reason;
};

#include "known_wrong.inc"

struct Tally {
  int passed = 0, failed = 0, excepted = 0;
};

class Conformance {
 public:
  // Records one case. `scheme` names the vers type, `ok` the outcome,
  // `detail` what differed.
  void Record(const std::string& file, const std::string& scheme, const std::string& input, bool ok,
              const std::string& detail) {
    Tally& f = per_file_[file];
    Tally& s = per_scheme_[scheme];
    if (ok) {
      ++f.passed, ++s.passed;
      return;
    }
    for (const KnownWrong& k : kKnownWrong) {
      if (file == k.file && input == k.input) {
        ++f.excepted, ++s.excepted;
        used_.insert(&k);
        return;
      }
    }
    ++f.failed, ++s.failed;
    failures_.push_back(file + ": " + input + ": " + detail);
  }

  void Report() {
    auto print = [](const char* title, const std::map<std::string, Tally>& m) {
      std::cout << title << "\n";
      for (const auto& [name, t] : m) {
        std::cout << "  " << name << ": " << t.passed << " passed, " << t.failed << " failed, "
                  << t.excepted << " known-wrong\n";
      }
    };
    print("vers conformance per file:", per_file_);
    print("vers conformance per scheme:", per_scheme_);
    for (const std::string& f : failures_) ADD_FAILURE() << f;
    for (const KnownWrong& k : kKnownWrong) {
      if (!used_.count(&k))
        ADD_FAILURE() << "known-wrong case not seen or now passing: " << k.file << ": " << k.input;
    }
  }

 private:
  std::map<std::string, Tally> per_file_, per_scheme_;
  std::vector<std::string> failures_;
  std::set<const KnownWrong*> used_;
};

std::string TypeOf(const std::string& vers) {
  size_t colon = vers.find(':'), slash = vers.find('/');
  if (colon == std::string::npos || slash == std::string::npos || slash < colon) return "?";
  return vers.substr(colon + 1, slash - colon - 1);
}

std::string MissingScheme(const std::string& type) {
  return SchemeForVersType(type) ? "" : "needs scheme '" + type + "', not registered";
}

// One vers-spec style case (vers-spec tests and univers schema/range files).
void RunCase(Conformance& c, const std::string& file, const json& t) {
  const std::string type = t.at("test_type");
  const json& in = t.at("input");
  bool expect_fail = t.value("expected_failure", false);
  if (type == "parse") {
    std::string vers = in;
    std::string scheme = TypeOf(vers);
    auto r = VersRange::Parse(vers);
    if (expect_fail) {
      std::string want = t.value("expected_message", "");
      size_t colon = want.find(": ");
      if (colon != std::string::npos) want = want.substr(colon + 2);
      bool ok = !r.ok() && r.status().message().find(want) != std::string::npos;
      std::string missing = MissingScheme(scheme);
      c.Record(file, scheme, vers, ok,
               !missing.empty() ? missing
               : r.ok()         ? "parsed, expected failure '" + want + "'"
                                : "message '" + r.status().message() + "', want '" + want + "'");
      return;
    }
    if (!r.ok()) {
      c.Record(file, scheme, vers, false, r.status().message());
      return;
    }
    const json& want = t.at("expected_output");
    bool ok = r->type() == want.at("scheme").get<std::string>() &&
              r->constraints().size() == want.at("version_constraints").size();
    for (size_t i = 0; ok && i < r->constraints().size(); ++i) {
      std::string cmp(ComparatorText(r->constraints()[i].comparator));
      if (cmp.empty()) cmp = "=";
      ok = want["version_constraints"][i][0] == cmp &&
           want["version_constraints"][i][1] == r->constraints()[i].version;
    }
    c.Record(file, scheme, vers, ok, "constraints differ from " + want.dump());
    return;
  }
  if (type == "validate" || type == "roundtrip") {
    std::string vers = in.is_string() ? in.get<std::string>() : in.at("vers").get<std::string>();
    std::string scheme = TypeOf(vers);
    auto r = VersRange::ParseLenient(vers);
    std::string want = t.at("expected_output");
    c.Record(file, scheme, vers, r.ok() && r->ToString() == want,
             r.ok() ? "got " + r->ToString() + ", want " + want : r.status().message());
    return;
  }
  if (type == "containment") {
    std::string vers = in.at("vers");
    std::string version = in.at("version");
    std::string scheme = TypeOf(vers);
    auto r = VersRange::ParseLenient(vers);
    if (!r.ok()) {
      c.Record(file, scheme, vers, false, r.status().message());
      return;
    }
    auto got = r->Contains(version);
    bool want = t.at("expected_output");
    c.Record(file, scheme, vers + " " + version, got.ok() && *got == want,
             got.ok() ? std::string("got ") + (*got ? "true" : "false") : got.status().message());
    return;
  }
  if (type == "from_native") {
    std::string scheme = in.at("scheme");
    std::string native = in.at("native_range");
    std::string want = t.at("expected_output");
    auto n = ParseNative(scheme, native);
    if (!n.ok()) {
      c.Record(file, scheme, native, false, n.status().message());
      return;
    }
    auto flat = n->FlatVers();
    if (!flat.ok() || *flat != want) {
      c.Record(file, scheme, native, false,
               flat.ok() ? "got " + *flat + ", want " + want : flat.status().message());
      return;
    }
    // Where the expected vers is valid, the union must mean the same.
    auto expected = VersRange::Parse(want);
    if (expected.ok()) {
      auto mine = n->ToVers();
      bool same = mine.ok() && mine->Canonical() == expected->Canonical();
      c.Record(file, scheme, native, same,
               "union " + (mine.ok() ? mine->Canonical() : mine.status().message()) +
                   " differs from " + expected->Canonical());
      return;
    }
    c.Record(file, scheme, native, true, "");
    return;
  }
  if (type == "comparison") {
    std::string scheme = in.at("input_scheme");
    const version::VersionScheme* s = SchemeForVersType(scheme);
    if (!s) {
      c.Record(file, scheme, in.at("versions").dump(), false, MissingScheme(scheme));
      return;
    }
    std::vector<std::string> v = in.at("versions");
    bool ok = true;
    std::stable_sort(v.begin(), v.end(), [&](const std::string& a, const std::string& b) {
      auto r = s->CompareText(a, b);
      ok = ok && r.ok();
      return r.ok() && *r < 0;
    });
    c.Record(file, scheme, in.at("versions").dump(), ok && json(v) == t.at("expected_output"),
             "sorted " + json(v).dump());
    return;
  }
  c.Record(file, "?", t.dump(), false, "unknown test type " + type);
}

TEST(RangeConformance, VersSuites) {
  SK_REQUIRE_CORPUS(root);
  Conformance c;
  std::vector<fs::path> files;
  for (const fs::path& p : testing::FilesBelow(root / "vers/vers-spec/tests", ".json")) {
    std::string name = p.filename().string();
    if (name.find("range") != std::string::npos || name == "vers_canonical_parse_test.json" ||
        name == "lexicographic-test.json") {
      files.push_back(p);
    }
  }
  for (const fs::path& p : testing::FilesBelow(root / "vers/univers/schema/range", ".json")) {
    files.push_back(p);
  }
  ASSERT_GE(files.size(), 25u);
  for (const fs::path& p : files) {
    json doc = json::parse(testing::ReadFileOrFail(p));
    const json& tests = doc.is_array() ? doc : doc.at("tests");
    for (const json& t : tests) RunCase(c, p.filename().string(), t);
  }

  // univers' own flat suite: vers in, canonical vers out.
  json suite = json::parse(testing::ReadFileOrFail(root / "vers/univers/test-suite-data.json"));
  for (const json& t : suite) {
    std::string vers = t.at("vers");
    auto r = VersRange::ParseLenient(vers);
    bool invalid = t.at("is_invalid");
    std::string want = t.at("canonical_vers");
    c.Record("test-suite-data.json", t.at("scheme"), vers,
             invalid ? !r.ok() : (r.ok() && r->ToString() == want),
             r.ok() ? "got " + r->ToString() : r.status().message());
  }

  // univers' npm advisory ranges: native npm in, vers out.
  json npm = json::parse(testing::ReadFileOrFail(root / "vers/univers/npm_advisory.json"));
  for (const json& t : npm) {
    json as_case = {{"test_type", "from_native"},
                    {"input", {{"scheme", t.at("scheme")}, {"native_range", t.at("npm_native")}}},
                    {"expected_output", t.at("expected_vers")}};
    RunCase(c, "npm_advisory.json", as_case);
  }
  c.Report();
}

}  // namespace
}  // namespace soupkeeper::range
