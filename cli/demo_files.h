// The demo's sample files (demo/*.json, *.csv, *.yaml), embedded into the binary at build
// time by cmake/embed_demo.cmake, byte for byte.
#ifndef SOUPKEEPER_CLI_DEMO_FILES_H_
#define SOUPKEEPER_CLI_DEMO_FILES_H_

#include <string_view>
#include <vector>

namespace soupkeeper::cli {

struct DemoFile {
  std::string_view name;   // file name under demo/, e.g. "infusion-pump-controller-2.3.0.cdx.json",
                           // "advisories/kev.json"
  std::string_view bytes;  // its contents
};

// Every embedded demo file, sorted by name.
const std::vector<DemoFile>& DemoFiles();

}  // namespace soupkeeper::cli

#endif  // SOUPKEEPER_CLI_DEMO_FILES_H_
