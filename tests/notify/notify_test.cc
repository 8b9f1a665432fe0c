// Notifications on SQLite and PostgreSQL against a local HTTP receiver on
// loopback: the events of the demo data, the signed payload (HMAC checked
// here with OpenSSL), once per target, retries after 500, a receiver that is
// down (recorded failure, delivered on the next run), overdue clocks re-sent
// only for a new due date, the digest, dry runs; and the CLI.
#include "soupkeeper/notify.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "notify/receiver.h"
#include "soupkeeper/findings.h"
#include "soupkeeper/hash.h"
#include "soupkeeper/product.h"
#include "soupkeeper/release.h"
#include "soupkeeper/vuln.h"
#include "store/backends.h"
#include "support/corpus.h"

namespace soupkeeper::notify {
namespace {

using nlohmann::json;
using testing::BackendTest;
using testing::Hmac;
using testing::Receiver;

const std::string kSource = SOUPKEEPER_SOURCE_DIR;

TEST(HmacTest, Rfc4231Case2) {
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

// The demo: pump 2.3.0 with six findings; KEV: openssl (CVE-2014-0160),
// libwebp (CVE-2023-4863), log4j (CVE-2021-44228); critical: zlib
// (CVE-2022-37434, 9.8), log4j (10.0). Aware 2026-03-04 (the test clock).
class NotifyTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    store_ = OpenStore();
    ASSERT_NE(store_, nullptr);
    product::Product p;
    p.name = "pump";
    ASSERT_TRUE(product::Add(*store_, author_, p).ok());
    for (const auto& entry : std::filesystem::directory_iterator(kSource + "/demo/advisories")) {
      ASSERT_TRUE(env_.WriteFile("/advisories/" + entry.path().filename().string(),
                                 testing::ReadFileOrFail(entry.path()))
                      .ok());
    }
    CollectingSink sink;
    ASSERT_TRUE(vuln::ImportPaths(*store_, &env_, {"/advisories"}, author_, sink).ok());
    release::NewRelease r{};
    r.product = "pump";
    r.version = "2.3.0";
    r.sbom_bytes =
        testing::ReadFileOrFail(kSource + "/demo/infusion-pump-controller-2.3.0.cdx.json");
    r.sbom_source = "pump.cdx.json";
    ASSERT_TRUE(release::Add(*store_, author_, r, sink).ok());
    ASSERT_TRUE(findings::Evaluate(*store_, author_, "pump", "2.3.0", {}).ok());
    auto all = findings::List(*store_, {});
    ASSERT_TRUE(all.ok());
    for (const auto& f : *all) ids_[f.vulnerability] = std::to_string(f.id);
    ASSERT_EQ(ids_.size(), 6u);
    env_.SetVariable("SK_HOOK_TOKEN", "s3cret");
    options_.as_of = "2026-03-04";
    options_.sleep = [this](std::chrono::milliseconds ms) { waits_.push_back(ms.count()); };
  }
  std::string Id(const std::string& vulnerability) { return ids_[vulnerability]; }
  std::vector<std::string> Keys(const json& payload) {
    std::vector<std::string> keys;
    for (const auto& e : payload["events"]) keys.push_back(e["key"]);
    return keys;
  }
  Result<RunReport> RunNow() { return notify::Run(*store_, &env_, author_, options_); }
  // (status, attempts, sent_at set) of each delivery row of a target, by key.
  std::map<std::string, std::string> Rows(const std::string& target) {
    std::map<std::string, std::string> out;
    EXPECT_TRUE(store_
                    ->Read([&](store::Txn& txn) -> Status {
                      SK_ASSIGN_OR_RETURN(
                          store::Rows rows,
                          txn.Query("SELECT event_key, status, attempts, sent_at FROM "
                                    "notify_deliveries WHERE target = ?",
                                    {target}));
                      for (const auto& row : rows.rows) {
                        SK_ASSIGN_OR_RETURN(std::string key, row.Text(0));
                        SK_ASSIGN_OR_RETURN(std::string status, row.Text(1));
                        SK_ASSIGN_OR_RETURN(int64_t attempts, row.Int(2));
                        SK_ASSIGN_OR_RETURN(auto sent_at, row.OptionalText(3));
                        out[key] = status + " " + std::to_string(attempts) +
                                   (sent_at ? " " + *sent_at : "");
                      }
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }
  std::unique_ptr<store::Store> store_;
  store::Author author_{"alice", "test"};
  std::map<std::string, std::string> ids_;
  RunOptions options_;
  std::vector<int64_t> waits_;
};

TEST_P(NotifyTest, EventsOfTheDemo) {
  auto events = Events(*store_, {}, "2026-03-04");
  ASSERT_TRUE(events.ok()) << events.status().message();
  std::vector<std::string> keys;
  for (const auto& e : *events) keys.push_back(e.key);
  // KEV and critical by finding id (component order of the SBOM: openssl,
  // zlib, libwebp, log4j, lodash, urllib3); the product was never reviewed.
  EXPECT_EQ(keys, (std::vector<std::string>{
                      "kev:" + Id("CVE-2014-0160"), "kev:" + Id("CVE-2023-4863"),
                      "kev:" + Id("CVE-2021-44228"), "critical:" + Id("CVE-2022-37434"),
                      "critical:" + Id("CVE-2021-44228"), "review-overdue:pump@never"}));
  // On 2026-03-12 the 7-day triage clocks (critical and KEV) of 2026-03-11
  // are overdue, the 14-day ones of the two other high findings (2026-03-18)
  // are not.
  events = Events(*store_, {}, "2026-03-12");
  ASSERT_TRUE(events.ok());
  std::vector<std::string> clocks;
  for (const auto& e : *events) {
    if (e.kind == "clock-overdue") clocks.push_back(e.key);
  }
  EXPECT_EQ(clocks.size(), 4u);
  EXPECT_NE(std::find(clocks.begin(), clocks.end(),
                      "clock-overdue:triage:" + Id("CVE-2014-0160") + "@2026-03-11"),
            clocks.end());
  EXPECT_EQ(std::find(clocks.begin(), clocks.end(),
                      "clock-overdue:triage:" + Id("CVE-2021-23337") + "@2026-03-18"),
            clocks.end());
  EXPECT_EQ(Events(*store_, {}, "2026-03-32").status().code(), StatusCode::kInvalidArgument);
}

TEST_P(NotifyTest, SignedWebhookOncePerTarget) {
  Receiver receiver;
  receiver.Start();
  ASSERT_TRUE(
      AddTarget(*store_, {"ops", receiver.Url(), "SK_HOOK_TOKEN", {"kev", "critical"}, ""}, author_)
          .ok());
  auto report = RunNow();
  ASSERT_TRUE(report.ok()) << report.status().message();
  ASSERT_EQ(report->deliveries.size(), 1u);
  EXPECT_EQ(report->deliveries[0].status, "sent");
  EXPECT_EQ(report->deliveries[0].attempts, 1);
  EXPECT_FALSE(report->failed());
  auto received = receiver.Take();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].content_type, "application/json");
  EXPECT_EQ(received[0].signature, "sha256=" + Hmac("s3cret", received[0].body));
  json payload = json::parse(received[0].body);
  EXPECT_EQ(payload["schema"], "soupkeeper-notification/1");
  EXPECT_EQ(payload["target"], "ops");
  EXPECT_EQ(payload["as_of"], "2026-03-04");
  EXPECT_EQ(payload["generated_at"], "2026-03-04T05:06:07Z");
  EXPECT_EQ(Keys(payload), (std::vector<std::string>{
                               "kev:" + Id("CVE-2014-0160"), "kev:" + Id("CVE-2023-4863"),
                               "kev:" + Id("CVE-2021-44228"), "critical:" + Id("CVE-2022-37434"),
                               "critical:" + Id("CVE-2021-44228")}));
  const json& log4j = payload["events"][4];
  EXPECT_EQ(log4j["kind"], "critical");
  EXPECT_EQ(log4j["product"], "pump");
  EXPECT_EQ(log4j["release"], "2.3.0");
  EXPECT_EQ(log4j["finding_id"], std::stoll(Id("CVE-2021-44228")));
  EXPECT_EQ(log4j["vulnerability"], "CVE-2021-44228");
  EXPECT_EQ(log4j["component"], "log4j-core@2.14.1");
  EXPECT_EQ(log4j["severity"], "critical");
  EXPECT_EQ(log4j["score"], 10.0);
  EXPECT_EQ(log4j["kev"], true);

  // The secret is stored nowhere, only its fingerprint.
  auto rows = Rows("ops");
  EXPECT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows["kev:" + Id("CVE-2014-0160")], "sent 1 2026-03-04T05:06:07Z");
  auto trail = store_->Events({});
  ASSERT_TRUE(trail.ok());
  int sent = 0;
  for (const auto& e : *trail) {
    EXPECT_EQ(e.change.find("s3cret"), std::string::npos);
    if (e.action == "notify.sent") {
      ++sent;
      EXPECT_NE(e.change.find(Sha256Hex("s3cret")), std::string::npos);
    }
  }
  EXPECT_EQ(sent, 5);

  // A re-run sends nothing.
  report = RunNow();
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->deliveries[0].status, "nothing");
  EXPECT_TRUE(receiver.Take().empty());
}

TEST_P(NotifyTest, RetriesAfter500) {
  Receiver receiver;
  receiver.Answer({500, 503});
  receiver.Start();
  ASSERT_TRUE(
      AddTarget(*store_, {"ops", receiver.Url(), "", {"review-overdue"}, ""}, author_).ok());
  auto report = RunNow();
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->deliveries[0].status, "sent");
  EXPECT_EQ(report->deliveries[0].attempts, 3);
  EXPECT_EQ(report->deliveries[0].http_status, 200);
  EXPECT_EQ(waits_, (std::vector<int64_t>{1000, 2000}));
  auto received = receiver.Take();
  ASSERT_EQ(received.size(), 3u);
  EXPECT_EQ(received[2].signature, "");  // no secret configured
  EXPECT_EQ(Keys(json::parse(received[2].body)),
            std::vector<std::string>{"review-overdue:pump@never"});
  EXPECT_EQ(Rows("ops")["review-overdue:pump@never"], "sent 3 2026-03-04T05:06:07Z");
}

TEST_P(NotifyTest, ClientErrorFailsAtOnceAndAMissingSecretSendsNothing) {
  Receiver receiver;
  receiver.Answer({404});
  receiver.Start();
  ASSERT_TRUE(
      AddTarget(*store_, {"ops", receiver.Url(), "", {"review-overdue"}, ""}, author_).ok());
  ASSERT_TRUE(
      AddTarget(*store_, {"signed", receiver.Url(), "SK_UNSET", {"review-overdue"}, ""}, author_)
          .ok());
  auto report = RunNow();
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->deliveries.size(), 2u);
  EXPECT_EQ(report->deliveries[0].message, "POST " + receiver.Url() + ": HTTP 404 after 1 attempt");
  EXPECT_EQ(report->deliveries[1].status, "failed");
  EXPECT_EQ(report->deliveries[1].message, "the signing secret variable $SK_UNSET is not set");
  EXPECT_EQ(receiver.Take().size(), 1u);  // only the 404; nothing unsigned
  EXPECT_TRUE(waits_.empty());
  EXPECT_EQ(Rows("signed")["review-overdue:pump@never"], "failed 0");
}

TEST_P(NotifyTest, ReceiverDownIsRecordedAndRetriedNextRun) {
  Receiver receiver;
  receiver.Start();
  const int port = receiver.port();
  receiver.Stop();
  ASSERT_TRUE(
      AddTarget(*store_, {"ops", receiver.Url(), "SK_HOOK_TOKEN", {"kev"}, ""}, author_).ok());
  auto report = RunNow();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->failed());
  EXPECT_EQ(report->deliveries[0].status, "failed");
  EXPECT_EQ(report->deliveries[0].attempts, 3);
  EXPECT_NE(report->deliveries[0].message.find("POST " + receiver.Url() + ": "), std::string::npos);
  EXPECT_NE(report->deliveries[0].message.find(" after 3 attempts"), std::string::npos);
  auto rows = Rows("ops");
  ASSERT_EQ(rows.size(), 3u);
  for (const auto& [key, row] : rows) EXPECT_EQ(row, "failed 3") << key;

  Receiver back;
  back.Start(port);
  env_.Advance(std::chrono::hours(1));
  report = RunNow();
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->deliveries[0].status, "sent");
  EXPECT_EQ(Keys(json::parse(back.Take().at(0).body)),
            (std::vector<std::string>{"kev:" + Id("CVE-2014-0160"), "kev:" + Id("CVE-2023-4863"),
                                      "kev:" + Id("CVE-2021-44228")}));
  EXPECT_EQ(Rows("ops")["kev:" + Id("CVE-2023-4863")], "sent 4 2026-03-04T06:06:07Z");
}

TEST_P(NotifyTest, OverdueClockResentOnlyForANewDueDate) {
  Receiver receiver;
  receiver.Start();
  ASSERT_TRUE(AddTarget(*store_, {"ops", receiver.Url(), "", {"clock-overdue"}, ""}, author_).ok());
  options_.as_of = "2026-03-12";
  ASSERT_TRUE(RunNow().ok());
  EXPECT_EQ(Keys(json::parse(receiver.Take().at(0).body)).size(), 4u);
  options_.as_of = "2026-03-13";  // still overdue, same due dates
  ASSERT_TRUE(RunNow().ok());
  EXPECT_TRUE(receiver.Take().empty());
  options_.policy.critical = 3;  // zlib and log4j now due 2026-03-07
  ASSERT_TRUE(RunNow().ok());
  auto received = receiver.Take();
  ASSERT_EQ(received.size(), 1u);
  json payload = json::parse(received[0].body);
  ASSERT_EQ(payload["events"].size(), 2u);
  EXPECT_EQ(payload["events"][0]["due"], "2026-03-07");
  EXPECT_EQ(payload["events"][0]["clock"], "triage");
  EXPECT_EQ(payload["events"][0]["aware"], "2026-03-04");
}

TEST_P(NotifyTest, DigestAndDryRun) {
  std::vector<std::string> texts;
  options_.digest = [&](const std::vector<Event>& events, const json& payload) {
    texts.push_back(DigestText(events, payload["as_of"].get<std::string>()));
    return Status::Ok();
  };
  options_.dry_run = true;
  auto report = RunNow();
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->deliveries.at(0).status, "pending");
  EXPECT_TRUE(Rows("digest").empty());
  options_.dry_run = false;
  ASSERT_TRUE(RunNow().ok());
  ASSERT_EQ(texts.size(), 2u);
  EXPECT_EQ(texts[1], texts[0]);
  EXPECT_EQ(
      texts[1],
      "soupkeeper notifications as of 2026-03-04: 6 events\n"
      "KEV                 CVE-2014-0160 (high, KEV) in openssl@1.0.1f of pump 2.3.0, finding " +
          Id("CVE-2014-0160") +
          "\n"
          "KEV                 CVE-2023-4863 (high, KEV) in libwebp@1.3.1 of pump 2.3.0, "
          "finding " +
          Id("CVE-2023-4863") +
          "\n"
          "KEV                 CVE-2021-44228 (critical, KEV) in log4j-core@2.14.1 of pump "
          "2.3.0, finding " +
          Id("CVE-2021-44228") +
          "\n"
          "critical            CVE-2022-37434 (critical) in zlib@1.2.11 of pump 2.3.0, finding " +
          Id("CVE-2022-37434") +
          "\n"
          "critical            CVE-2021-44228 (critical, KEV) in log4j-core@2.14.1 of pump "
          "2.3.0, finding " +
          Id("CVE-2021-44228") +
          "\n"
          "review overdue      pump: never reviewed\n");
  EXPECT_EQ(Rows("digest").size(), 6u);
  ASSERT_TRUE(RunNow().ok());
  EXPECT_EQ(texts[2], "soupkeeper notifications as of 2026-03-04: 0 events\n");
  // A digest that cannot be written records nothing.
  options_.as_of = "2026-03-12";
  options_.digest = [](const std::vector<Event>&, const json&) { return IoError("disk full"); };
  EXPECT_EQ(RunNow().status().code(), StatusCode::kIoError);
  EXPECT_EQ(Rows("digest").size(), 6u);
}

TEST_P(NotifyTest, TargetsAreValidated) {
  Status s = AddTarget(*store_, {"ops", "http://x/", "", {"kev", "new"}, ""}, author_);
  EXPECT_EQ(s.message(),
            "notify target 'ops': unknown event 'new' (allowed: kev, critical, review-overdue, "
            "clock-overdue)");
  EXPECT_EQ(AddTarget(*store_, {"digest", "http://x/", "", {}, ""}, author_).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(AddTarget(*store_, {"ops", "ftp://x/", "", {}, ""}, author_).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(AddTarget(*store_, {"ops", "http://x/", "A-B", {}, ""}, author_).code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(ListTargets(*store_)->empty());
  ASSERT_TRUE(AddTarget(*store_, {"ops", "http://x/", "", {}, ""}, author_).ok());
  EXPECT_EQ(AddTarget(*store_, {"ops", "http://y/", "", {}, ""}, author_).code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(ListTargets(*store_)->at(0).url, "http://x/");
  ASSERT_TRUE(RemoveTarget(*store_, "ops", author_).ok());
  EXPECT_EQ(RemoveTarget(*store_, "ops", author_).code(), StatusCode::kNotFound);
}

SK_INSTANTIATE_BACKENDS(NotifyTest);

}  // namespace
}  // namespace soupkeeper::notify
