// Access to the shared conformance corpora (../shared/data, see its SOURCES.md).
//
// Tests find the corpus through $SOUPKEEPER_CORPUS, else ../shared/data beside
// the source tree. When it is missing, corpus tests skip with a loud message,
// unless $SOUPKEEPER_REQUIRE_CORPUS=1 (as CI sets), when they fail.
//
//   TEST(Purl, SpecificationSuite) {
//     SK_REQUIRE_CORPUS(root);             // std::filesystem::path root
//     auto file = root / "purl/tests/spec/specification-test.json";
//     ...
//   }
#ifndef SOUPKEEPER_TESTS_SUPPORT_CORPUS_H_
#define SOUPKEEPER_TESTS_SUPPORT_CORPUS_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace soupkeeper::testing {

// The corpus root, if it exists.
std::optional<std::filesystem::path> CorpusRoot();
// True when $SOUPKEEPER_REQUIRE_CORPUS is 1.
bool CorpusRequired();
// The message printed when the corpus is missing.
std::string MissingCorpusMessage();

// How many documents the heaviest whole-corpus tests step over per document
// they take: 1 (all of them) in a normal build, 8 under AddressSanitizer,
// where a document costs ten times as much. The sanitizers look for memory
// errors, which a deterministic eighth of the corpus exercises; the figures
// of conformance come from the normal build, which CI runs too.
size_t CorpusStride();

// Reads a whole file; fails the current test (and returns "") if it cannot.
std::string ReadFileOrFail(const std::filesystem::path& path);

// All regular files below `dir` whose names end with `suffix`, sorted.
std::vector<std::filesystem::path> FilesBelow(const std::filesystem::path& dir,
                                              const std::string& suffix);

// A fresh temporary directory, removed when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The outcome of running the soupkeeper binary.
struct CliResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs the built soupkeeper binary with `args` (no shell involved), feeding
// `input` on stdin, with extra environment variables `env` ("NAME=value").
CliResult RunCli(const std::vector<std::string>& args, const std::string& input = "",
                 const std::vector<std::string>& env = {});

// Runs `program` (looked up on PATH) the same way.
CliResult RunProgram(const std::string& program, const std::vector<std::string>& args,
                     const std::string& input = "", const std::vector<std::string>& env = {});

// Validates JSON documents against a JSON schema with
// tests/support/validate_json_schema.py (python3-jsonschema; $refs resolved
// by file name in the schema's folder and `ref_dirs`, offline), one python
// process for all of them: exit code 0 when every document is valid; out has
// "ok FILE" or "invalid FILE: POINTER: MESSAGE" lines.
CliResult ValidateJsonSchema(const std::filesystem::path& schema,
                             const std::vector<std::filesystem::path>& documents,
                             const std::vector<std::filesystem::path>& ref_dirs = {});

}  // namespace soupkeeper::testing

// Binds `var` to the corpus root, or skips (fails when required) the test.
#define SK_REQUIRE_CORPUS(var)                                     \
  auto sk_corpus_opt_ = ::soupkeeper::testing::CorpusRoot();       \
  if (!sk_corpus_opt_) {                                           \
    if (::soupkeeper::testing::CorpusRequired()) {                 \
      FAIL() << ::soupkeeper::testing::MissingCorpusMessage();     \
    }                                                              \
    GTEST_SKIP() << ::soupkeeper::testing::MissingCorpusMessage(); \
  }                                                                \
  const std::filesystem::path var = *sk_corpus_opt_

#endif  // SOUPKEEPER_TESTS_SUPPORT_CORPUS_H_
