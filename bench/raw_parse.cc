// raw_parse: the time simdjson alone takes to parse a set of feed files, the
// baseline bench/scale.sh gives each import's time as a ratio of
// (docs/parts/scale.md).
//
//   raw_parse PATH...
//
// Every *.json file under each PATH (a file or a folder, recursively) and
// every entry of every *.zip file is read into memory and parsed into a
// simdjson DOM with one reused parser. Reading and unzipping are not timed;
// the CPU time of the parse calls alone is. Prints one line:
//   <documents> documents, <bytes> bytes, parse <seconds> s CPU
// Exit 2 on a file that cannot be read or a document that is not JSON.
#include <archive.h>
#include <archive_entry.h>
#include <simdjson.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

double CpuSeconds() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

struct Totals {
  long long documents = 0, bytes = 0;
  double seconds = 0;
};

bool Parse(simdjson::dom::parser& parser, const simdjson::padded_string& text,
           const std::string& name, Totals& totals) {
  const double start = CpuSeconds();
  simdjson::dom::element root;
  const auto error = parser.parse(text).get(root);
  totals.seconds += CpuSeconds() - start;
  if (error != simdjson::SUCCESS) {
    std::cerr << "raw_parse: " << name << ": " << simdjson::error_message(error) << "\n";
    return false;
  }
  ++totals.documents;
  totals.bytes += static_cast<long long>(text.size());
  return true;
}

bool ParseZip(simdjson::dom::parser& parser, const fs::path& path, Totals& totals) {
  archive* a = archive_read_new();
  archive_read_support_format_zip(a);
  bool ok = archive_read_open_filename(a, path.c_str(), 1 << 16) == ARCHIVE_OK;
  archive_entry* entry = nullptr;
  std::string text;
  char block[1 << 16];
  while (ok && archive_read_next_header(a, &entry) == ARCHIVE_OK) {
    text.clear();
    la_ssize_t n;
    while ((n = archive_read_data(a, block, sizeof block)) > 0) text.append(block, n);
    ok = n == 0 && Parse(parser, simdjson::padded_string(text),
                         path.string() + ":" + archive_entry_pathname(entry), totals);
  }
  archive_read_free(a);
  if (!ok) std::cerr << "raw_parse: cannot read " << path << "\n";
  return ok;
}

bool ParseFile(simdjson::dom::parser& parser, const fs::path& path, Totals& totals) {
  if (path.extension() == ".zip") return ParseZip(parser, path, totals);
  if (path.extension() != ".json") return true;
  simdjson::padded_string text;
  if (simdjson::padded_string::load(path.string()).get(text) != simdjson::SUCCESS) {
    std::cerr << "raw_parse: cannot read " << path << "\n";
    return false;
  }
  return Parse(parser, text, path.string(), totals);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: raw_parse PATH...\n";
    return 2;
  }
  simdjson::dom::parser parser;
  Totals totals;
  for (int i = 1; i < argc; ++i) {
    std::vector<fs::path> files;
    if (fs::is_directory(argv[i])) {
      for (const auto& e : fs::recursive_directory_iterator(argv[i])) {
        if (e.is_regular_file()) files.push_back(e.path());
      }
    } else {
      files.push_back(argv[i]);
    }
    for (const fs::path& f : files) {
      if (!ParseFile(parser, f, totals)) return 2;
    }
  }
  std::printf("%lld documents, %lld bytes, parse %.3f s CPU\n", totals.documents, totals.bytes,
              totals.seconds);
  return 0;
}
