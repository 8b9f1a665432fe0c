// End-to-end tests of `soupkeeper cpe match` and `soupkeeper cpe parse`.
#include <gtest/gtest.h>

#include "support/corpus.h"

namespace soupkeeper::testing {
namespace {

TEST(CpeCli, MatchPrintsTrueOrFalse) {
  CliResult r = RunCli({"cpe", "match", "cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*",
                        "cpe:2.3:a:openssl:openssl:3.0.7:*:*:*:*:*:*:*"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "true\n");
  r = RunCli({"cpe", "match", "cpe:2.3:a:openssl:openssl:3.0.7:*:*:*:*:*:*:*",
              "cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "false\n");
  // Either binding on either side; wildcards in the pattern.
  r = RunCli({"cpe", "match", "cpe:/a:microsoft:internet_explorer:8.%02",
              "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "true\n");
}

TEST(CpeCli, ParsePrintsOneJsonObjectPerName) {
  CliResult r =
      RunCli({"cpe", "parse", "cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~",
              R"(cpe:2.3:a:gnu:g\+\+:-:*:*:*:*:*:*:*)"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(
      r.out,
      R"({"edition":"*","fs":"cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*",)"
      R"("language":"*","other":"*","part":"a","product":"insight_diagnostics",)"
      R"("sw_edition":"online","target_hw":"x64","target_sw":"win2003",)"
      R"("update":"-","uri":"cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~",)"
      R"("vendor":"hp","version":"7.4.0.1570"})"
      "\n"
      R"({"edition":"*","fs":"cpe:2.3:a:gnu:g\\+\\+:-:*:*:*:*:*:*:*","language":"*",)"
      R"("other":"*","part":"a","product":"g++","sw_edition":"*","target_hw":"*",)"
      R"("target_sw":"*","update":"*","uri":"cpe:/a:gnu:g%2b%2b:-","vendor":"gnu",)"
      R"("version":"-"})"
      "\n");
}

TEST(CpeCli, BadInputIsExitTwoWithOneLineNamingThePlace) {
  CliResult r = RunCli({"cpe", "parse", "cpe:2.3:a:vendor"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "soupkeeper: invalid CPE 'cpe:2.3:a:vendor': expected 13 components, found 4\n");
  r = RunCli({"cpe", "match", "cpe:2.3:a:v:p:*:*:*:*:*:*:*:*", "cpe:/a:v:p:1.%02.2"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: invalid CPE 'cpe:/a:v:p:1.%02.2': version at offset 13: "
            "%02 ('*') is allowed only at the start or the end of a value\n");
  r = RunCli({"cpe", "match", "cpe:2.3:a:v:p:*:*:*:*:*:*:*:*"});
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace soupkeeper::testing
