#include "support/corpus.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace soupkeeper::testing {

namespace fs = std::filesystem;

std::optional<fs::path> CorpusRoot() {
  const char* env = std::getenv("SOUPKEEPER_CORPUS");
  fs::path root = env != nullptr && *env != '\0' ? fs::path(env)
                                                  : fs::path(SOUPKEEPER_SOURCE_DIR) / ".." /
                                                        "shared" / "data";
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return std::nullopt;
  return fs::weakly_canonical(root, ec);
}

bool CorpusRequired() {
  const char* env = std::getenv("SOUPKEEPER_REQUIRE_CORPUS");
  return env != nullptr && std::string(env) == "1";
}

std::string MissingCorpusMessage() {
  std::string msg =
      "\n*** CORPUS MISSING: conformance test not run. Set SOUPKEEPER_CORPUS to the shared "
      "data folder (default ../shared/data beside the source tree). ***\n";
  std::cerr << msg;
  return msg;
}

std::string ReadFileOrFail(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return "";
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  return std::move(buf).str();
}

std::vector<fs::path> FilesBelow(const fs::path& dir, const std::string& suffix) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const std::string name = it->path().filename().string();
    if (name.size() >= suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.push_back(it->path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "soupkeeper-test-XXXXXX").string();
  char* made = ::mkdtemp(tmpl.data());
  path_ = made != nullptr ? fs::path(made) : fs::path();
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) fs::remove_all(path_, ec);
}

}  // namespace soupkeeper::testing
