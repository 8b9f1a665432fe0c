// The built-in feed importers: the one list where a format is registered.
//
// Order matters only for Identify: the more specific sniffs come first (OSV's
// "id" + "modified" is the most generic, so it is last). Adding a format:
// write src/vuln/<name>_importer.cc with a New...Importer() factory, declare
// it in importers.h and add one line here.
#include "vuln/importers.h"

namespace soupkeeper::vuln {
namespace {

std::vector<std::unique_ptr<FeedImporter>> RegisterBuiltinImporters() {
  std::vector<std::unique_ptr<FeedImporter>> importers;
  importers.push_back(NewCsafImporter());
  importers.push_back(NewCve5Importer());
  importers.push_back(NewKevImporter());
  importers.push_back(NewNvdImporter());
  importers.push_back(NewEpssImporter());
  importers.push_back(NewOsvImporter());
  return importers;
}

}  // namespace

const std::vector<std::unique_ptr<FeedImporter>>& BuiltinImporters() {
  static const auto* importers =
      new std::vector<std::unique_ptr<FeedImporter>>(RegisterBuiltinImporters());
  return *importers;
}

const FeedImporter* FindImporter(std::string_view bytes) {
  for (const auto& i : BuiltinImporters()) {
    if (i->Identify(bytes)) return i.get();
  }
  return nullptr;
}

const FeedImporter* ImporterByName(std::string_view name) {
  for (const auto& i : BuiltinImporters()) {
    if (i->Name() == name) return i.get();
  }
  return nullptr;
}

}  // namespace soupkeeper::vuln
