// A process killed during an import leaves the database at its previous
// consistent state: the import is one transaction.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include "soupkeeper/vuln.h"
#include "support/corpus.h"

namespace soupkeeper::vuln {
namespace {

TEST(FeedImportKill, KilledImportLeavesThePreviousState) {
  testing::TempDir dir;
  const std::string db = (dir.path() / "kb.db").string();
  const std::string small = (dir.path() / "small.json").string();
  const std::string big = (dir.path() / "big.json").string();
  {
    std::ofstream(small) << R"({"id": "GO-1", "modified": "2024-01-01T00:00:00Z"})";
    std::ofstream out(big);
    out << "[";
    for (int i = 0; i < 200000; ++i) {
      out << (i ? "," : "") << R"({"id": "GHSA-k-)" << i
          << R"(", "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-2024-)" << i
          << R"("], "details": ")" << std::string(300, 'x') << R"("})";
    }
    out << "]";
  }
  ASSERT_EQ(testing::RunCli({"--db", db, "feed", "import", small}).exit_code, 0);

  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (freopen("/dev/null", "w", stdout) == nullptr) _exit(126);
    execl(SOUPKEEPER_BINARY, SOUPKEEPER_BINARY, "--db", db.c_str(), "feed", "import", big.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  // Long enough to be inside the transaction (decoding and writing 200,000
  // records takes seconds), short enough not to finish.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the import finished before it was killed; the test "
                                      "needs more records";

  auto store = store::Store::Open(db, Env::Default());
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto st = FeedStatus(**store, Env::Default()->Now(), std::chrono::hours(24));
  ASSERT_TRUE(st.ok());
  for (const auto& s : *st) {
    if (s.source == "osv") {
      EXPECT_EQ(s.records, 1);
    }
  }
  auto verify = (*store)->Verify(std::nullopt);
  ASSERT_TRUE(verify.ok());
  EXPECT_TRUE(verify->ok());
  auto events = (*store)->Events({});
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->size(), 1u);
}

}  // namespace
}  // namespace soupkeeper::vuln
