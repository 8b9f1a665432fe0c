// Factories of the built-in version schemes, one per file in src/version/.
// Each is listed once in registry.cc; nothing registers itself.
#ifndef SOUPKEEPER_SRC_VERSION_SCHEMES_H_
#define SOUPKEEPER_SRC_VERSION_SCHEMES_H_

#include <memory>

#include "soupkeeper/version.h"

namespace soupkeeper::version {

// Add one line per scheme file: std::unique_ptr<VersionScheme> New<Name>Scheme();

std::unique_ptr<VersionScheme> NewSemverScheme();
std::unique_ptr<VersionScheme> NewNpmScheme();
std::unique_ptr<VersionScheme> NewCargoScheme();
std::unique_ptr<VersionScheme> NewPypiScheme();
std::unique_ptr<VersionScheme> NewGolangScheme();
std::unique_ptr<VersionScheme> NewNugetScheme();
std::unique_ptr<VersionScheme> NewGemScheme();
std::unique_ptr<VersionScheme> NewComposerScheme();
std::unique_ptr<VersionScheme> NewConanScheme();
std::unique_ptr<VersionScheme> NewPubScheme();
std::unique_ptr<VersionScheme> NewHackageScheme();
std::unique_ptr<VersionScheme> NewCranScheme();
std::unique_ptr<VersionScheme> NewGenericScheme();
std::unique_ptr<VersionScheme> NewMavenScheme();
std::unique_ptr<VersionScheme> NewDebScheme();
std::unique_ptr<VersionScheme> NewRpmScheme();
std::unique_ptr<VersionScheme> NewApkScheme();
std::unique_ptr<VersionScheme> NewAlpmScheme();
std::unique_ptr<VersionScheme> NewGentooScheme();
std::unique_ptr<VersionScheme> NewOpensslScheme();
std::unique_ptr<VersionScheme> NewDatetimeScheme();
std::unique_ptr<VersionScheme> NewLexicographicScheme();

}  // namespace soupkeeper::version

#endif  // SOUPKEEPER_SRC_VERSION_SCHEMES_H_
