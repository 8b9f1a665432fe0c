// Version-ordering conformance: one data-driven runner over every
// version-ordering corpus file of ../shared/data/vers, for every scheme.
//
// kCorpus maps each file to the scheme that must reproduce it; formats:
//   lines  "a < b", "a = b", "a > b" (osv-scalibr testdata, apk-tools); blank
//          lines and lines starting with '#' or '//' are comments. Each line
//          is checked both ways (a against b and b against a).
//   json   univers / vers-spec test objects: "equality" (true or false) and
//          "comparison" (the expected ascending order of the input).
//   csv    rpmvercmp vectors "a, b, expected" with expected -1, 0 or 1.
// Cases believed wrong in the corpus are listed in kKnownWrong with the
// reason (and in docs/parts/version-conformance.md); every other case must
// pass, and every listed case must still be failing (so the list stays true).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "soupkeeper/version.h"
#include "support/corpus.h"

namespace soupkeeper::version {
namespace {

namespace fs = std::filesystem;

enum class Format { kLines, kJson, kCsv };

struct CorpusFile {
  const char* path;  // below the corpus root
  const char* scheme;
  Format format;
};

// How gtest names a row in its output.
void PrintTo(const CorpusFile& f, std::ostream* os) { *os << f.path << " [" << f.scheme << "]"; }

// Every version-ordering corpus file and the scheme that must reproduce it.
// osv-scalibr runs semver-versions.txt for npm, crates.io, Go and Hex; it
// runs here for golang and npm (cargo and strict semver refuse its 'v'
// prefixes and shorthand versions by design; their own tests cover them).
constexpr CorpusFile kCorpus[] = {
    {"vers/osv-scalibr-semantic/alpine-versions-generated.txt", "apk", Format::kLines},
    {"vers/osv-scalibr-semantic/alpine-versions.txt", "apk", Format::kLines},
    {"vers/osv-scalibr-semantic/cran-versions-generated.txt", "cran", Format::kLines},
    {"vers/osv-scalibr-semantic/cran-versions.txt", "cran", Format::kLines},
    {"vers/osv-scalibr-semantic/debian-versions-generated.txt", "deb", Format::kLines},
    {"vers/osv-scalibr-semantic/debian-versions.txt", "deb", Format::kLines},
    {"vers/osv-scalibr-semantic/hackage-versions.txt", "hackage", Format::kLines},
    {"vers/osv-scalibr-semantic/maven-versions-generated.txt", "maven", Format::kLines},
    {"vers/osv-scalibr-semantic/maven-versions.txt", "maven", Format::kLines},
    {"vers/osv-scalibr-semantic/nuget-versions.txt", "nuget", Format::kLines},
    {"vers/osv-scalibr-semantic/packagist-versions-generated.txt", "composer", Format::kLines},
    {"vers/osv-scalibr-semantic/packagist-versions.txt", "composer", Format::kLines},
    {"vers/osv-scalibr-semantic/pub-versions.txt", "pub", Format::kLines},
    {"vers/osv-scalibr-semantic/pypi-versions-generated.txt", "pypi", Format::kLines},
    {"vers/osv-scalibr-semantic/pypi-versions.txt", "pypi", Format::kLines},
    {"vers/osv-scalibr-semantic/redhat-versions.txt", "rpm", Format::kLines},
    {"vers/osv-scalibr-semantic/rubygems-versions-generated.txt", "gem", Format::kLines},
    {"vers/osv-scalibr-semantic/rubygems-versions.txt", "gem", Format::kLines},
    {"vers/osv-scalibr-semantic/semver-versions.txt", "golang", Format::kLines},
    {"vers/osv-scalibr-semantic/semver-versions.txt", "npm", Format::kLines},
    {"vers/univers/alpine_test.txt", "apk", Format::kLines},
    {"vers/univers/rpmvercmp_vectors.csv", "rpm", Format::kCsv},
    {"vers/univers/schema/alpine_version_cmp.json", "apk", Format::kJson},
    {"vers/univers/schema/alpm_version_cmp.json", "alpm", Format::kJson},
    {"vers/univers/schema/conan_version_cmp.json", "conan", Format::kJson},
    {"vers/univers/schema/deb_version_python_pkg_test.json", "deb", Format::kJson},
    {"vers/univers/schema/gentoo_version_cmp.json", "gentoo", Format::kJson},
    {"vers/univers/schema/maven_version_cmp.json", "maven", Format::kJson},
    {"vers/univers/schema/nuget_version_cmp.json", "nuget", Format::kJson},
    {"vers/univers/schema/openssl_version_cmp.json", "openssl", Format::kJson},
    {"vers/vers-spec/tests/alpine_version_cmp_test.json", "apk", Format::kJson},
    {"vers/vers-spec/tests/alpm_version_cmp_test.json", "alpm", Format::kJson},
    {"vers/vers-spec/tests/conan_version_cmp_test.json", "conan", Format::kJson},
    {"vers/vers-spec/tests/datetime_version_cmp_test.json", "datetime", Format::kJson},
    {"vers/vers-spec/tests/gentoo_version_cmp_test.json", "gentoo", Format::kJson},
    {"vers/vers-spec/tests/lexicographic-test.json", "lexicographic", Format::kJson},
    {"vers/vers-spec/tests/maven_version_cmp_test.json", "maven", Format::kJson},
    {"vers/vers-spec/tests/nuget_version_cmp_test.json", "nuget", Format::kJson},
    {"vers/vers-spec/tests/openssl_version_cmp_test.json", "openssl", Format::kJson},
};

// Corpus cases believed wrong: file name, scheme, the case as the runner
// names it (the line, or "a | b" for JSON and CSV cases), and why.
struct KnownWrong {
  const char* file;
  const char* scheme;
  const char* case_text;
  const char* reason;
};

// Why corpus cases are believed wrong.
constexpr char kNugetInt32[] =
    "NuGet version numbers are Int32: NuGetVersion.TryParse refuses this (osv-scalibr compares big "
    "integers)";
constexpr char kComposerRawCompare[] =
    "generated with raw PHP version_compare(); Composer first normalizes both to four numbers, so "
    "X.Y == X.Y.0.0 and the beta ranks below it";
constexpr char kComposerCase[] =
    "generated with raw version_compare(), which is case-sensitive; Composer lower-cases the "
    "stability, so alpha1 < beta1";
constexpr char kComposerStable[] =
    "Composer's normalize() drops '-stable' (5.1.0.0), which ranks above 5.1.0.0-beta2";
constexpr char kComposerInvalid[] =
    "not a Composer version: VersionParser::normalize() throws 'Invalid version string'";
constexpr char kComposerPadding[] =
    "Composer normalizes both to 1.0.0.0 (raw version_compare() ranks the longer one higher)";
constexpr char kPypiLegacy[] =
    "not a PEP 440 version: packaging (22 and later) raises InvalidVersion; osv-scalibr still "
    "orders legacy versions";
constexpr char kGemMalformed[] =
    "Gem::Version.correct? is false (RubyGems raises 'Malformed version number string')";
constexpr char kGoInvalid[] =
    "not a Go module version (semver.IsValid is false); osv-scalibr reads the extra numbers as "
    "build metadata";
constexpr char kNpmTooLarge[] =
    "node-semver refuses numbers above Number.MAX_SAFE_INTEGER ('Invalid major version')";
constexpr char kMaven38[] =
    "Maven 3.8 order (maven-artifact 3.8.6, univers): since Maven 3.9 (MNG-7644) a qualifier after "
    "'.' reads like one after '-', and we follow current Maven";
constexpr char kMavenGaLevel[] =
    "wrong in every Maven: ComparableVersion reads 1-ga-1 as [1, [[1]]], which sorts below 1-1";
constexpr char kApkInvalid[] =
    "apk-tools refuses this version (apk_version_validate); osv-scalibr orders malformed versions";
constexpr char kApkOrder[] =
    "apk-tools orders these the other way: after '.', an expected number meeting a letter makes "
    "the version the greater";
constexpr char kNpmInvalid[] =
    "not a node-semver version, even in loose mode (four or more numbers)";

constexpr KnownWrong kKnownWrong[] = {
    {"nuget-versions.txt", "nuget",
     "999999999999999999999999999991 < 999999999999999999999999999999", kNugetInt32},
    {"nuget-versions.txt", "nuget",
     "999999999999999999999999999991.999999999999999999999999999991.999999999999999999999999999991 "
     "< "
     "999999999999999999999999999999.999999999999999999999999999991.999999999999999999999999999991",
     kNugetInt32},
    {"packagist-versions-generated.txt", "composer", "v3.0 < v3.0.0-beta", kComposerRawCompare},
    {"packagist-versions-generated.txt", "composer", "v3.4 < v3.4.0-alpha", kComposerRawCompare},
    {"packagist-versions-generated.txt", "composer", "v4-beta4 < v4.0-alpha", kComposerRawCompare},
    {"packagist-versions-generated.txt", "composer", "v1.9.0-ALPHA.1 = v1.9.0-BETA.1",
     kComposerCase},
    {"packagist-versions-generated.txt", "composer", "v1.9.0-BETA.1 < v1.9.0-ALPHA.2",
     kComposerCase},
    {"packagist-versions-generated.txt", "composer", "v1.9.0-ALPHA.2 = v1.9.0-BETA.2",
     kComposerCase},
    {"packagist-versions-generated.txt", "composer", "5.1.0-stable < 5.1.0-beta2", kComposerStable},
    {"packagist-versions-generated.txt", "composer", "0.0.1-test1 < 3.0.0-alpha4",
     kComposerInvalid},
    {"packagist-versions-generated.txt", "composer", "3.0.0b1 < 3.0.0b1.post1", kComposerInvalid},
    {"packagist-versions-generated.txt", "composer", "3.0.0b1.post1 < 3.0.0b1.post2",
     kComposerInvalid},
    {"packagist-versions-generated.txt", "composer", "3.0.0b1.post2 < 3.0.0b2", kComposerInvalid},
    {"packagist-versions-generated.txt", "composer", "3.0.0b2 < 3.0.0b2.post1", kComposerInvalid},
    {"packagist-versions-generated.txt", "composer", "3.0.0b2.post1 < 3.0.0b2.post2",
     kComposerInvalid},
    {"packagist-versions-generated.txt", "composer", "3.0.0b2.post2 < 3.0.0b3", kComposerInvalid},
    {"packagist-versions-generated.txt", "composer", "3.1.0 < 3.1.0.post1", kComposerInvalid},
    {"packagist-versions-generated.txt", "composer", "3.1.0.post1 < 3.2.0rc1", kComposerInvalid},
    {"packagist-versions-generated.txt", "composer", "3.2.0rc1 < 3.2.0rc1.post1", kComposerInvalid},
    {"packagist-versions-generated.txt", "composer", "3.2.0rc1.post1 < 3.2.0rc2", kComposerInvalid},
    {"packagist-versions-generated.txt", "composer", "3.4.0 < 3.5.0.post1", kComposerInvalid},
    {"packagist-versions-generated.txt", "composer", "3.5.0.post1 < 3.5.1", kComposerInvalid},
    {"packagist-versions-generated.txt", "composer", "3.5.2 < 3.5.2.post1", kComposerInvalid},
    {"packagist-versions-generated.txt", "composer", "3.5.2.post1 < 3.6.0", kComposerInvalid},
    {"packagist-versions-generated.txt", "composer", "v4.4 < v4.4.0-beta", kComposerRawCompare},
    {"packagist-versions-generated.txt", "composer", "v6.5 < v6.5.0-beta-0", kComposerRawCompare},
    {"packagist-versions-generated.txt", "composer", "v6.6 < v6.6.0-beta", kComposerRawCompare},
    {"packagist-versions-generated.txt", "composer", "1.5 < 1.5.1.dev100", kComposerInvalid},
    {"packagist-versions-generated.txt", "composer", "1.5.1.dev100 < 1.5.1.dev101",
     kComposerInvalid},
    {"packagist-versions-generated.txt", "composer", "1.5.1.dev101 < 1.5.1a1", kComposerInvalid},
    {"packagist-versions.txt", "composer", "4.3-2RC1 < 4.3-2RC2", kComposerInvalid},
    {"packagist-versions.txt", "composer", "4.3-2RC2 > 4.3-2beta5", kComposerInvalid},
    {"packagist-versions.txt", "composer", "4.3-2 > 4.3-2beta1", kComposerInvalid},
    {"packagist-versions.txt", "composer", "1.0.0 > 1.0", kComposerPadding},
    {"packagist-versions.txt", "composer", "1.2.3.# = 1.2.3", kComposerInvalid},
    {"packagist-versions.txt", "composer", "1.2.3.# = 1.2.3.#", kComposerInvalid},
    {"packagist-versions.txt", "composer", "1.2.3.# = 1.2.3.1", kComposerInvalid},
    {"packagist-versions.txt", "composer", "1.2.3.#.1 > 1.2.3", kComposerInvalid},
    {"packagist-versions.txt", "composer", "1.2.3.#.p3 > 1.2.3", kComposerInvalid},
    {"packagist-versions.txt", "composer", "1.2.3.#.beta < 1.2.3", kComposerInvalid},
    {"packagist-versions.txt", "composer",
     "999999999999999999999999999991 < 999999999999999999999999999999", kComposerInvalid},
    {"packagist-versions.txt", "composer",
     "999999999999999999999999999991.999999999999999999999999999991.999999999999999999999999999991 "
     "< "
     "999999999999999999999999999999.999999999999999999999999999991.999999999999999999999999999991",
     kComposerInvalid},
    {"pypi-versions-generated.txt", "pypi", "0.1-bulbasaur < 0.1-charmander", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.1-charmander < 0.9-doduo", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.9-doduo < 0.9-eevee", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.9-eevee < 0.9-fearow", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.9-fearow < 0.9-gyarados", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.9-gyarados < 0.9-horsea", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.9-horsea < 0.9-ivysaur", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.9-ivysaur < 1.0", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "2.0.1rc2-git < 0.8", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.7.1.fix1 < 0.7.4.svn.r2010", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.7.4.svn.r2010 < 0.6.4", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "2013-01-21T20:33:09+0100 < 2013-01-23T17:11:52+0100",
     kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "2013-01-23T17:11:52+0100 < 2013-02-01T20:50:46+0100",
     kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "2013-02-01T20:50:46+0100 < 2013-02-02T19:59:03+0100",
     kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "2013-02-02T19:59:03+0100 < 2013-02-02T20:23:17+0100",
     kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "2013-02-02T20:23:17+0100 < 2013-02-08T17:40:57+0000",
     kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "2013-02-08T17:40:57+0000 < 2013-03-27T16:32:26+0100",
     kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "2013-03-27T16:32:26+0100 < 2013-05-09T12:47:53+0200",
     kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "2013-05-09T12:47:53+0200 < 2013-05-10T17:55:56+0200",
     kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "2013-05-10T17:55:56+0200 < 2013-05-14T20:16:05+0200",
     kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "2013-05-14T20:16:05+0200 < 2013-06-01T10:32:51+0200",
     kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "2013-06-01T10:32:51+0200 < 2013-07-19T09:11:08+0000",
     kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "2013-07-19T09:11:08+0000 < 2013-08-12T21:48:56+0200",
     kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "2013-08-12T21:48:56+0200 < 2013-09-11T19-27-10",
     kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "2013-09-11T19-27-10 < 2013-12-23T17-51-15",
     kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "2013-12-23T17-51-15 < 2014-01-12T15-52-10",
     kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "2014-01-12T15-52-10 < 0.2016.3.21", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.0.1-test1 < 3.0.0a4", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.7.10p1 < 0.7.11p1", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.7.11p1 < 0.7.11p2", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.7.11p2 < 0.7.11p3", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.7.11p3 < 0.8.1p1", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.8.1p1 < 0.8.3p1", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.8.3p1 < 0.8.4p1", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.8.4p1 < 0.8.4p2", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.8.4p2 < 0.8.6p1", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.8.6p1 < 0.8.7p1", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.8.7p1 < 0.7.3", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "-class.-jw.util.version.Version- < 1.0.dev1",
     kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "trunk < 3.2.3", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.3m1 < 0.3m2", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.3m2 < 0.3m3", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.3m3 < 0.3m4", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.3m4 < 0.3m5", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.3m5 < 0.4m1", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.4m1 < 0.4m2", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.4m2 < 0.4m3", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.4m3 < 0.4m4", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.4m4 < 0.4m5", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.4m5 < 0.5m1", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.5m1 < 0.5m2", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.5m2 < 0.5m3", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.5m3 < 0.5m4", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.5m4 < 0.5m5", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.5m5 < 0.6m1", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.6m1 < 0.6m2", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.6m2 < 0.6m3", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.6m3 < 0.6m4", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.6m4 < 0.6m5", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.6m5 < 0.6m6", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.6m6 < 0.2rc0", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "1.3.1-STAGING < 0.0.1", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "4.11-final < 5.0-final", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "5.0-final < 5.1", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "a3 < 2.0b1", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "2.0.0-final < 0.10", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "1.0beta6.1 < 1.0b6", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.3.1-p1 < 0.4.0-p1", kPypiLegacy},
    {"pypi-versions-generated.txt", "pypi", "0.4.0-p1 < 0.0.1", kPypiLegacy},
    {"pypi-versions.txt", "pypi", "0.1-bulbasaur < 0.1-charmander", kPypiLegacy},
    {"pypi-versions.txt", "pypi", "0.1-charmander < 0.9-doduo", kPypiLegacy},
    {"pypi-versions.txt", "pypi", "0.9-doduo < 0.9-eevee", kPypiLegacy},
    {"pypi-versions.txt", "pypi", "0.9-eevee < 0.9-fearow", kPypiLegacy},
    {"pypi-versions.txt", "pypi", "0.9-fearow < 0.9-gyarados", kPypiLegacy},
    {"pypi-versions.txt", "pypi", "0.9-gyarados < 0.9-horsea", kPypiLegacy},
    {"pypi-versions.txt", "pypi", "0.9-horsea < 0.9-ivysaur", kPypiLegacy},
    {"pypi-versions.txt", "pypi", "0.9-ivysaur < 1.0", kPypiLegacy},
    {"pypi-versions.txt", "pypi", "-class.-jw.util.version.version-pre < 1.0", kPypiLegacy},
    {"pypi-versions.txt", "pypi", "-class.-jw.util.version.version-preview < 1.0", kPypiLegacy},
    {"pypi-versions.txt", "pypi", "-class.-jw.util.version.version-dev < 1.0", kPypiLegacy},
    {"rubygems-versions.txt", "gem", "1 > 1beta", kGemMalformed},
    {"rubygems-versions.txt", "gem", "1 > 1gamma", kGemMalformed},
    {"semver-versions.txt", "golang", "1.1.3.4.5 = 1.1.3.4.5", kGoInvalid},
    {"semver-versions.txt", "npm",
     "999999999999999999999999999991 < 999999999999999999999999999999", kNpmTooLarge},
    {"semver-versions.txt", "npm",
     "999999999999999999999999999991.999999999999999999999999999991.999999999999999999999999999991 "
     "< "
     "999999999999999999999999999999.999999999999999999999999999991.999999999999999999999999999991",
     kNpmTooLarge},
    {"semver-versions.txt", "npm", "1.1.3.4.5 = 1.1.3.4.5", kNpmInvalid},
    {"alpine-versions.txt", "apk", "1-r-0 < 1-r0", kApkInvalid},
    {"alpine-versions.txt", "apk", "1-r-1 < 1-r0", kApkInvalid},
    {"alpine-versions.txt", "apk", "0.r1 < 0r2", kApkOrder},
    {"alpine-versions.txt", "apk", "0.8.21.r2 < 0.8.21r2", kApkOrder},
    {"alpine-versions.txt", "apk", "1.2.0A < 1.2.0d", kApkInvalid},
    {"alpine-versions.txt", "apk", "1.2.0D < 1.2.0d", kApkInvalid},
    {"alpine-versions.txt", "apk", "1-r2 > 1-r-1", kApkInvalid},
    {"alpine-versions.txt", "apk", "1 > 1-ruff", kApkInvalid},
    {"alpine-versions.txt", "apk", "1-r0-1 = 1-r-2", kApkInvalid},
    {"alpine-versions.txt", "apk", "1-r0-1 = 1-r0-2", kApkInvalid},
    {"alpine-versions.txt", "apk", "1-ruff2 = 1-ruff1", kApkInvalid},
    {"alpine-versions.txt", "apk", "1-ruff2 = 1--ruff1", kApkInvalid},
    {"alpine-versions.txt", "apk", "1-r0-ruff2 = 1-r0-ruff1", kApkInvalid},
    {"alpine-versions.txt", "apk", "1.2 > 1.2_blah", kApkInvalid},
    {"alpine-versions.txt", "apk", "1.2_svn1 > 1.2_csv2", kApkInvalid},
    {"alpine-versions.txt", "apk", "1.2_cvs1 > 1.2_blah", kApkInvalid},
    {"alpine-versions.txt", "apk", "23_foo > 4_beta", kApkInvalid},
    {"alpine-versions.txt", "apk", "1.0 < 1.0bc", kApkInvalid},
    {"maven-versions-generated.txt", "maven", "1.0.0-RC16 < 1.0.0.RC8-beta", kMaven38},
    {"maven-versions-generated.txt", "maven", "1.0.0-gradle-rework-beta3 < 1.0.0.RC7-3", kMaven38},
    {"maven-versions-generated.txt", "maven", "2.9.0-1 < 2.9.0.RC1", kMaven38},
    {"maven-versions-generated.txt", "maven", "6.1.12.rc5 < 6.1.12rc1", kMaven38},
    {"maven-versions-generated.txt", "maven", "1.1.31.sec10 < 1.1.31_noneautotype", kMaven38},
    {"maven-versions-generated.txt", "maven", "1.1.34.sec10 < 1.1.34_noneautotype", kMaven38},
    {"maven-versions-generated.txt", "maven", "1.1.46.sec10 < 1.1.46_noneautotype", kMaven38},
    {"maven-versions-generated.txt", "maven", "1.2.8.sec10_noneautotype < 1.2.8_noneautotype",
     kMaven38},
    {"maven-versions-generated.txt", "maven", "1.2.31.sec10 < 1.2.31_noneautotype", kMaven38},
    {"maven-versions-generated.txt", "maven", "1.2.48.sec10 < 1.2.48_noneautotype", kMaven38},
    {"maven-versions-generated.txt", "maven", "1.2.50.sec10 < 1.2.50_noneautotype", kMaven38},
    {"maven-versions-generated.txt", "maven", "1.2.54.sec10 < 1.2.54_noneautotype", kMaven38},
    {"maven-versions-generated.txt", "maven", "1.2.57.sec10 < 1.2.57_noneautotype", kMaven38},
    {"maven-versions-generated.txt", "maven", "1.2.60.sec10 < 1.2.60_noneautotype", kMaven38},
    {"maven-versions-generated.txt", "maven", "1.2.67.sec10 < 1.2.67_noneautotype", kMaven38},
    {"maven-versions-generated.txt", "maven", "1.0.0rc0 < 1.0.beta8", kMaven38},
    {"maven-versions-generated.txt", "maven", "1.5.9.RC1 < 1.5.9-RC0", kMaven38},
    {"maven-versions-generated.txt", "maven", "1.1.0-01-glassfish < 1.1.0.Beta1", kMaven38},
    {"maven-versions.txt", "maven", "1-1 = 1-ga-1", kMavenGaLevel},
    {"maven_version_cmp.json", "maven", "2-1 | 2.0.a", kMaven38},
    {"maven_version_cmp.json", "maven", "2-1 | 2.0.0.a", kMaven38},
    {"maven_version_cmp_test.json", "maven", "2-1 | 2.0.a", kMaven38},
    {"maven_version_cmp_test.json", "maven", "2-1 | 2.0.0.a", kMaven38},
};

struct Outcome {
  int passed = 0;
  int failed = 0;   // failures not in kKnownWrong
  int excused = 0;  // failures listed in kKnownWrong
  std::vector<std::string> failures;
  std::set<std::string> excused_cases;
  std::string missing_scheme;
};

const KnownWrong* FindKnownWrong(const CorpusFile& f, const std::string& case_text) {
  std::string file = fs::path(f.path).filename().string();
  for (const KnownWrong& k : kKnownWrong) {
    if (file == k.file && std::string_view(f.scheme) == k.scheme && case_text == k.case_text) {
      return &k;
    }
  }
  return nullptr;
}

const char* Symbol(int c) { return c < 0 ? "<" : c > 0 ? ">" : "="; }

class Runner {
 public:
  Runner(const CorpusFile& file, const VersionScheme& scheme, Outcome* out)
      : file_(file), scheme_(scheme), out_(out) {}

  void Record(const std::string& case_text, bool ok, const std::string& detail) {
    if (ok) {
      ++out_->passed;
    } else if (FindKnownWrong(file_, case_text) != nullptr) {
      ++out_->excused;
      out_->excused_cases.insert(case_text);
    } else {
      ++out_->failed;
      out_->failures.push_back(case_text + ": " + detail);
    }
  }

  // Compares two texts; on a parse error returns false and sets *detail.
  bool Compare(const std::string& a, const std::string& b, int* result, std::string* detail) {
    Result<int> c = scheme_.CompareText(a, b);
    if (!c.ok()) {
      *detail = c.status().message();
      return false;
    }
    *result = *c;
    return true;
  }

  void Lines(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() || line[0] == '#' || line.rfind("//", 0) == 0) continue;
      std::istringstream fields(line);
      std::string a, op, b, extra;
      fields >> a >> op >> b;
      if (a.empty() || b.empty() || (op != "<" && op != "=" && op != ">") || (fields >> extra)) {
        Record(line, false, "malformed corpus line");
        continue;
      }
      int want = op == "<" ? -1 : op == ">" ? 1 : 0;
      int ab = 0;
      int ba = 0;
      std::string detail;
      if (!Compare(a, b, &ab, &detail) || !Compare(b, a, &ba, &detail)) {
        Record(line, false, detail);
        continue;
      }
      bool ok = (ab > 0) - (ab < 0) == want && (ba > 0) - (ba < 0) == -want;
      Record(line, ok, std::string("got ") + Symbol(ab) + " (and " + Symbol(ba) + " reversed)");
    }
  }

  void Csv(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      size_t c1 = line.find(", ");
      size_t c2 = line.rfind(", ");
      if (c1 == std::string::npos || c1 == c2) {
        Record(line, false, "malformed corpus line");
        continue;
      }
      std::string a = line.substr(0, c1);
      std::string b = line.substr(c1 + 2, c2 - c1 - 2);
      int want = std::stoi(line.substr(c2 + 2));
      int got = 0;
      std::string detail;
      std::string case_text = a + " | " + b;
      if (!Compare(a, b, &got, &detail)) {
        Record(case_text, false, detail);
        continue;
      }
      Record(case_text, (got > 0) - (got < 0) == want, std::string("got ") + Symbol(got));
    }
  }

  void Json(const std::string& text) {
    nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) {
      Record("(file)", false, "not JSON");
      return;
    }
    const nlohmann::json& tests = doc.is_object() ? doc["tests"] : doc;
    for (const auto& t : tests) {
      std::vector<std::string> versions = t["input"]["versions"].get<std::vector<std::string>>();
      std::string case_text;
      for (const std::string& v : versions) case_text += (case_text.empty() ? "" : " | ") + v;
      if (t["input"]["input_scheme"].get<std::string>() != file_.scheme) {
        Record(case_text, false, "input_scheme differs from the table's scheme");
        continue;
      }
      std::vector<std::unique_ptr<ParsedVersion>> parsed;
      std::string detail;
      for (const std::string& v : versions) {
        auto p = scheme_.Parse(v);
        if (!p.ok()) {
          detail = p.status().message();
          break;
        }
        parsed.push_back(std::move(*p));
      }
      if (!detail.empty()) {
        Record(case_text, false, detail);
        continue;
      }
      const std::string type = t["test_type"].get<std::string>();
      if (type == "equality") {
        bool want = t["expected_output"].get<bool>();
        int c = scheme_.Compare(*parsed[0], *parsed[1]);
        Record(case_text, (c == 0) == want, std::string("got ") + Symbol(c));
      } else if (type == "comparison") {
        std::vector<size_t> order(versions.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
          return scheme_.Compare(*parsed[x], *parsed[y]) < 0;
        });
        auto expected = t["expected_output"].get<std::vector<std::string>>();
        bool ok = expected.size() == versions.size();
        std::string got;
        for (size_t i = 0; i < order.size(); ++i) {
          got += (i ? " | " : "") + versions[order[i]];
          if (!ok) continue;
          // The expected texts may be normalized (univers lower-cases NuGet
          // labels): compare under the scheme, not as bytes.
          auto e = scheme_.Parse(expected[i]);
          ok = e.ok() && scheme_.Compare(*parsed[order[i]], **e) == 0;
        }
        Record(case_text, ok, "sorted as " + got);
      } else {
        Record(case_text, false, "unknown test_type " + type);
      }
    }
  }

 private:
  const CorpusFile& file_;
  const VersionScheme& scheme_;
  Outcome* out_;
};

Outcome RunCorpusFile(const fs::path& root, const CorpusFile& f) {
  Outcome out;
  const VersionScheme* scheme = FindScheme(f.scheme);
  if (scheme == nullptr) {
    out.missing_scheme = f.scheme;
    return out;
  }
  std::string text = testing::ReadFileOrFail(root / f.path);
  Runner runner(f, *scheme, &out);
  switch (f.format) {
    case Format::kLines:
      runner.Lines(text);
      break;
    case Format::kCsv:
      runner.Csv(text);
      break;
    case Format::kJson:
      runner.Json(text);
      break;
  }
  return out;
}

std::string RowName(const CorpusFile& f) {
  std::string name = fs::path(f.path).stem().string() + "_" + f.scheme;
  for (char& c : name) {
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

class VersionCorpus : public ::testing::TestWithParam<CorpusFile> {};

TEST_P(VersionCorpus, OrdersAsTheEcosystem) {
  SK_REQUIRE_CORPUS(root);
  const CorpusFile& f = GetParam();
  Outcome out = RunCorpusFile(root, f);
  ASSERT_TRUE(out.missing_scheme.empty())
      << f.path << ": scheme '" << out.missing_scheme << "' is not registered";
  std::cout << f.path << " [" << f.scheme << "]: " << out.passed << " passed, " << out.failed
            << " failed, " << out.excused << " known wrong\n";
  EXPECT_GT(out.passed + out.failed + out.excused, 0) << f.path << ": no cases";
  size_t shown = 0;
  for (const std::string& failure : out.failures) {
    if (++shown > 25) break;
    ADD_FAILURE() << f.path << " [" << f.scheme << "]: " << failure;
  }
  EXPECT_EQ(out.failed, 0) << f.path;
  std::string file = fs::path(f.path).filename().string();
  for (const KnownWrong& k : kKnownWrong) {
    if (file == k.file && std::string_view(f.scheme) == k.scheme) {
      EXPECT_TRUE(out.excused_cases.count(k.case_text))
          << "listed as known wrong but passes now: " << k.case_text;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, VersionCorpus, ::testing::ValuesIn(kCorpus),
                         [](const ::testing::TestParamInfo<CorpusFile>& info) {
                           return RowName(info.param);
                         });

// Prints the counts per file and per scheme in one table.
TEST(VersionCorpusSummary, CountsPerFileAndScheme) {
  SK_REQUIRE_CORPUS(root);
  std::map<std::string, Outcome> per_scheme;
  std::set<std::string> missing;
  std::cout << "\nfile [scheme]: passed / failed / known wrong\n";
  for (const CorpusFile& f : kCorpus) {
    Outcome out = RunCorpusFile(root, f);
    if (!out.missing_scheme.empty()) {
      missing.insert(out.missing_scheme);
      std::cout << "  " << f.path << " [" << f.scheme << "]: scheme not registered\n";
      continue;
    }
    std::cout << "  " << f.path << " [" << f.scheme << "]: " << out.passed << " / " << out.failed
              << " / " << out.excused << "\n";
    Outcome& s = per_scheme[f.scheme];
    s.passed += out.passed;
    s.failed += out.failed;
    s.excused += out.excused;
  }
  std::cout << "scheme: passed / failed / known wrong\n";
  int failed = 0;
  for (const auto& [name, s] : per_scheme) {
    std::cout << "  " << name << ": " << s.passed << " / " << s.failed << " / " << s.excused
              << "\n";
    failed += s.failed;
  }
  for (const std::string& m : missing) ADD_FAILURE() << "scheme '" << m << "' is not registered";
  EXPECT_EQ(failed, 0);
}

// Every version-ordering file of the corpus is in kCorpus.
TEST(VersionCorpusSummary, EveryOrderingFileIsMapped) {
  SK_REQUIRE_CORPUS(root);
  std::set<std::string> mapped;
  for (const CorpusFile& f : kCorpus) mapped.insert((root / f.path).string());
  std::vector<fs::path> files = testing::FilesBelow(root / "vers/osv-scalibr-semantic", ".txt");
  for (const char* suffix : {"_version_cmp.json", "_version_cmp_test.json"}) {
    for (const fs::path& p : testing::FilesBelow(root / "vers", suffix)) files.push_back(p);
  }
  for (const fs::path& p : files) {
    EXPECT_TRUE(mapped.count(p.string())) << p << " has no row in kCorpus";
  }
}

}  // namespace
}  // namespace soupkeeper::version
