// End-to-end tests of `soupkeeper purl parse`: output lines, errors, exit codes.
#include <gtest/gtest.h>

#include "support/corpus.h"

namespace soupkeeper::testing {
namespace {

TEST(PurlCli, ParsePrintsOneJsonObjectPerPurl) {
  CliResult r = RunCli({"purl", "parse", "pkg:npm/%40angular/animation@12.3.1",
                        "pkg:Deb/debian/curl@7.50.3-1?distro=jessie&arch=i386#usr/bin"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
            "{\"type\":\"npm\",\"namespace\":\"@angular\",\"name\":\"animation\",\"version\":"
            "\"12.3.1\",\"qualifiers\":{},\"subpath\":null,\"canonical\":\"pkg:npm/%40angular/"
            "animation@12.3.1\"}\n"
            "{\"type\":\"deb\",\"namespace\":\"debian\",\"name\":\"curl\",\"version\":\"7.50.3-1\","
            "\"qualifiers\":{\"arch\":\"i386\",\"distro\":\"jessie\"},\"subpath\":\"usr/bin\","
            "\"canonical\":\"pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie#usr/bin\"}\n");
}

TEST(PurlCli, InvalidPurlStopsWithExitTwo) {
  CliResult r = RunCli({"purl", "parse", "pkg:pypi/Django_Package", "pkg:npm/%zz", "pkg:npm/x"});
  EXPECT_EQ(r.exit_code, 2);
  // The valid purl before the bad one is printed; nothing after it.
  EXPECT_EQ(r.out,
            "{\"type\":\"pypi\",\"namespace\":null,\"name\":\"django-package\",\"version\":null,"
            "\"qualifiers\":{},\"subpath\":null,\"canonical\":\"pkg:pypi/django-package\"}\n");
  EXPECT_EQ(r.err, "soupkeeper: invalid purl 'pkg:npm/%zz': bad percent-encoding at offset 8\n");
}

TEST(PurlCli, LenientLowerCasesQualifierKeys) {
  CliResult strict = RunCli({"purl", "parse", "pkg:gem/jruby-launcher@1.1.2?Platform=java"});
  EXPECT_EQ(strict.exit_code, 2);
  EXPECT_EQ(strict.err,
            "soupkeeper: invalid purl 'pkg:gem/jruby-launcher@1.1.2?Platform=java': qualifier key "
            "'Platform' must be lower case at offset 29\n");
  CliResult lenient =
      RunCli({"purl", "parse", "--lenient", "pkg:gem/jruby-launcher@1.1.2?Platform=java"});
  EXPECT_EQ(lenient.exit_code, 0) << lenient.err;
  EXPECT_NE(lenient.out.find("\"canonical\":\"pkg:gem/jruby-launcher@1.1.2?platform=java\""),
            std::string::npos)
      << lenient.out;
}

TEST(PurlCli, MissingArgumentIsBadUsage) {
  CliResult r = RunCli({"purl", "parse"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(r.err.empty());
}

}  // namespace
}  // namespace soupkeeper::testing
