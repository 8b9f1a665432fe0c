// The built-in feed importers, one file each (<name>_importer.cc), listed
// once in registry.cc.
#ifndef SOUPKEEPER_SRC_VULN_IMPORTERS_H_
#define SOUPKEEPER_SRC_VULN_IMPORTERS_H_

#include <memory>

#include "soupkeeper/vuln.h"

namespace soupkeeper::vuln {

std::unique_ptr<FeedImporter> NewOsvImporter();
std::unique_ptr<FeedImporter> NewNvdImporter();
std::unique_ptr<FeedImporter> NewKevImporter();
std::unique_ptr<FeedImporter> NewCsafImporter();
std::unique_ptr<FeedImporter> NewEpssImporter();
std::unique_ptr<FeedImporter> NewCve5Importer();

}  // namespace soupkeeper::vuln

#endif  // SOUPKEEPER_SRC_VULN_IMPORTERS_H_
