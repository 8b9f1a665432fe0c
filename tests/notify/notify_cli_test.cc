// `soupkeeper notify` end to end on the demo data with a receiver on
// loopback: targets, a signed run and a re-run, a receiver that is down
// (exit 1, then delivered), the digest on stdout and as a JSON file.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "notify/receiver.h"
#include "support/corpus.h"

namespace soupkeeper::testing {
namespace {

using nlohmann::json;

const std::string kSource = SOUPKEEPER_SOURCE_DIR;

class NotifyCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (dir_.path() / "sk.db").string();
    ASSERT_EQ(Run({"product", "add", "pump"}).exit_code, 0);
    ASSERT_EQ(Run({"release", "add", "pump", "2.3.0", "--sbom",
                   kSource + "/demo/infusion-pump-controller-2.3.0.cdx.json"})
                  .exit_code,
              0);
    ASSERT_EQ(Run({"feed", "import", kSource + "/demo/advisories"}).exit_code, 0);
  }
  CliResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_});
    return RunCli(args, "", {"SK_HOOK_TOKEN=t0ken"});
  }
  TempDir dir_;
  std::string db_;
};

TEST_F(NotifyCliTest, Targets) {
  CliResult bad = Run({"notify", "target", "add", "ops", "--webhook", "http://127.0.0.1:1/h",
                       "--events", "kev,nope"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err,
            "soupkeeper: notify target add: notify target 'ops': unknown event 'nope' (allowed: "
            "kev, critical, review-overdue, clock-overdue)\n");
  CliResult added = Run({"notify", "target", "add", "ops", "--webhook", "http://127.0.0.1:1/h",
                         "--secret-env", "SK_HOOK_TOKEN", "--events", "kev,critical"});
  EXPECT_EQ(added.exit_code, 0) << added.err;
  EXPECT_EQ(added.out, "added notify target ops http://127.0.0.1:1/h\n");
  CliResult list = Run({"notify", "target", "list"});
  EXPECT_EQ(list.out,
            "NAME  URL                   SECRET          EVENTS\n"
            "ops   http://127.0.0.1:1/h  $SK_HOOK_TOKEN  kev,critical\n");
  EXPECT_EQ(Run({"notify", "target", "remove", "ops"}).out, "removed notify target ops\n");
  EXPECT_EQ(Run({"notify", "target", "remove", "ops"}).exit_code, 2);
}

TEST_F(NotifyCliTest, RunSignedThenNothingNew) {
  Receiver receiver;
  receiver.Start();
  ASSERT_EQ(Run({"notify", "target", "add", "ops", "--webhook", receiver.Url(), "--secret-env",
                 "SK_HOOK_TOKEN", "--events", "kev,critical"})
                .exit_code,
            0);
  CliResult run = Run({"notify", "run"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "ops: sent 5 events (1 attempt, HTTP 200)\n");
  auto received = receiver.Take();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].signature, "sha256=" + Hmac("t0ken", received[0].body));
  json payload = json::parse(received[0].body);
  EXPECT_EQ(payload["schema"], "soupkeeper-notification/1");
  EXPECT_EQ(payload["events"].size(), 5u);
  EXPECT_EQ(payload["events"][0]["vulnerability"], "CVE-2014-0160");
  run = Run({"notify", "run"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "ops: nothing new\n");
  EXPECT_TRUE(receiver.Take().empty());
}

TEST_F(NotifyCliTest, ReceiverDownExits1ThenDelivers) {
  Receiver receiver;
  receiver.Start();
  const int port = receiver.port();
  receiver.Stop();
  ASSERT_EQ(Run({"notify", "target", "add", "ops", "--webhook", receiver.Url(), "--events", "kev"})
                .exit_code,
            0);
  CliResult run = Run({"notify", "run"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out.rfind("ops: FAILED 3 events: POST " + receiver.Url() + ": ", 0), 0u) << run.out;
  EXPECT_NE(run.err.find("soupkeeper: notify run: delivery to 'ops' failed (recorded; retried on "
                         "the next run): POST "),
            std::string::npos)
      << run.err;
  Receiver back;
  back.Start(port);
  run = Run({"notify", "run"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "ops: sent 3 events (1 attempt, HTTP 200)\n");
  EXPECT_EQ(json::parse(back.Take().at(0).body)["events"].size(), 3u);
}

TEST_F(NotifyCliTest, FeedImportNotify) {
  Receiver receiver;
  receiver.Start();
  ASSERT_EQ(Run({"notify", "target", "add", "ops", "--webhook", receiver.Url(), "--events", "kev"})
                .exit_code,
            0);
  CliResult import = Run({"feed", "import", "--notify", kSource + "/demo/advisories"});
  EXPECT_EQ(import.exit_code, 0) << import.err;
  EXPECT_EQ(import.err, "notify: ops: sent 3 events (1 attempt, HTTP 200)\n");
  EXPECT_EQ(receiver.Take().size(), 1u);
  receiver.Stop();
  ASSERT_EQ(Run({"notify", "target", "add", "down", "--webhook", receiver.Url()}).exit_code, 0);
  import = Run({"feed", "import", "--notify", kSource + "/demo/advisories"});
  EXPECT_EQ(import.exit_code, 1);
  EXPECT_NE(import.err.find("notify: down: FAILED 6 events: POST " + receiver.Url()),
            std::string::npos)
      << import.err;
}

TEST_F(NotifyCliTest, Digest) {
  CliResult digest = Run({"notify", "digest", "--as-of", "2026-01-01"});
  EXPECT_EQ(digest.exit_code, 0) << digest.err;
  EXPECT_EQ(
      digest.out.rfind("soupkeeper notifications as of 2026-01-01: 6 events\nKEV                 "
                       "CVE-2014-0160 (high, KEV) in openssl@1.0.1f of pump 2.3.0, finding 1\n",
                       0),
      0u)
      << digest.out;
  EXPECT_NE(digest.out.find("\nreview overdue      pump: never reviewed\n"), std::string::npos);
  // Not recorded: the digest still shows the same.
  EXPECT_EQ(Run({"notify", "digest", "--as-of", "2026-01-01"}).out, digest.out);
  const std::string file = (dir_.path() / "digest.json").string();
  CliResult run = Run({"--format", "json", "notify", "run", "--digest", file});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  json out = json::parse(run.out);
  EXPECT_EQ(out["deliveries"][0]["target"], "digest");
  EXPECT_EQ(out["deliveries"][0]["status"], "sent");
  json written = json::parse(ReadFileOrFail(file));
  EXPECT_EQ(written["target"], "digest");
  EXPECT_EQ(written["events"].size(), 6u);
  EXPECT_EQ(Run({"notify", "digest"}).out.rfind("soupkeeper notifications as of ", 0), 0u);
  EXPECT_NE(Run({"notify", "digest"}).out.find(": 0 events\n"), std::string::npos);
  EXPECT_EQ(Run({"notify", "digest", "--as-of", "2026-13-01"}).exit_code, 2);
}

}  // namespace
}  // namespace soupkeeper::testing
