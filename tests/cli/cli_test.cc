// End-to-end tests of the CLI shell: global options, help, exit codes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/corpus.h"

namespace soupkeeper::testing {
namespace {

TEST(Cli, VersionAndHelp) {
  CliResult r = RunCli({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "soupkeeper " SOUPKEEPER_VERSION_STRING "\n");
  r = RunCli({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("demo"), std::string::npos);
}

TEST(Cli, UnknownCommandIsBadUsage) {
  CliResult r = RunCli({"no-such-command"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(r.err.empty());
  r = RunCli({});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(Cli, DemoRunsInFreshWorkspace) {
  TempDir dir;
  auto ws = (dir.path() / "ws").string();
  CliResult r = RunCli({"demo", "--workspace", ws});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Demo complete"), std::string::npos);
  // Findings kept per release: the six scan findings for 2.3.0; 2.4.0 fixes
  // Heartbleed, zlib and libwebp (upgraded or removed) and keeps three.
  EXPECT_NE(r.out.find("infusion-pump-controller 2.3.0: 6 new, 0 withdrawn"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  3 fixed, 0 new, 3 remaining vulnerabilities\n"), std::string::npos)
      << r.out;
  // A non-empty workspace is refused: the demo never overwrites a user's files.
  auto used = dir.path() / "used";
  std::filesystem::create_directories(used);
  std::ofstream(used / "notes.txt") << "mine";
  r = RunCli({"demo", "--workspace", used.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("new or empty folder"), std::string::npos);
}

}  // namespace
}  // namespace soupkeeper::testing
