// Products on every store backend: add, get, list, update, and their errors.
#include "soupkeeper/product.h"

#include <gtest/gtest.h>

#include "soupkeeper/hash.h"
#include "store/backends.h"
#include "store/schema_files.h"

namespace soupkeeper::testing {
namespace {

class ProductTest : public BackendTest {};

product::Product Pump() {
  product::Product p;
  p.name = "infusion-pump-controller";
  p.description = "Controller of a fictional infusion pump";
  p.intended_use = "Delivers IV fluids at a set rate";
  p.review_cadence_days = 14;
  return p;
}

TEST_P(ProductTest, AddThenGet) {
  auto s = OpenStore();
  auto added = product::Add(*s, {"alice", ""}, Pump());
  ASSERT_TRUE(added.ok()) << added.status().message();
  EXPECT_EQ(added->created_at, "2026-03-04T05:06:07Z");
  EXPECT_EQ(added->updated_at, "2026-03-04T05:06:07Z");
  auto got = product::Get(*s, "infusion-pump-controller");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, "infusion-pump-controller");
  EXPECT_EQ(got->description, "Controller of a fictional infusion pump");
  EXPECT_EQ(got->intended_use, "Delivers IV fluids at a set rate");
  EXPECT_EQ(got->review_cadence_days, 14);
  EXPECT_EQ(product::ToJson(*got), nlohmann::json::parse(R"({"name":"infusion-pump-controller",
              "description":"Controller of a fictional infusion pump",
              "intended_use":"Delivers IV fluids at a set rate","review_cadence_days":14,
              "intended_environment":"","cyber_device":false,"owners":[],
              "created_at":"2026-03-04T05:06:07Z","updated_at":"2026-03-04T05:06:07Z"})"));
}

TEST_P(ProductTest, DefaultCadenceIs30Days) {
  auto s = OpenStore();
  product::Product p;
  p.name = "x";
  auto added = product::Add(*s, {"alice", ""}, p);
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(added->review_cadence_days, 30);
}

TEST_P(ProductTest, DuplicateIsAlreadyExistsAndAddsNoEvent) {
  auto s = OpenStore();
  ASSERT_TRUE(product::Add(*s, {"alice", ""}, Pump()).ok());
  auto again = product::Add(*s, {"bob", ""}, Pump());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(again.status().message(), "product 'infusion-pump-controller' already exists");
  EXPECT_EQ(s->Events({})->size(), 1u);
}

TEST_P(ProductTest, UnknownIsNotFound) {
  auto s = OpenStore();
  auto got = product::Get(*s, "nope");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(got.status().message(), "no product named 'nope'");
  product::ProductChanges ch;
  ch.review_cadence_days = 7;
  auto upd = product::Update(*s, {"alice", ""}, "nope", ch);
  ASSERT_FALSE(upd.ok());
  EXPECT_EQ(upd.status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(s->Events({})->empty());
}

TEST_P(ProductTest, UpdateChangesOnlyGivenFields) {
  auto s = OpenStore();
  ASSERT_TRUE(product::Add(*s, {"alice", ""}, Pump()).ok());
  env_.Advance(std::chrono::hours(24));
  product::ProductChanges ch;
  ch.review_cadence_days = 7;
  auto upd = product::Update(*s, {"bob", "faster reviews"}, "infusion-pump-controller", ch);
  ASSERT_TRUE(upd.ok()) << upd.status().message();
  EXPECT_EQ(upd->review_cadence_days, 7);
  EXPECT_EQ(upd->description, "Controller of a fictional infusion pump");
  EXPECT_EQ(upd->created_at, "2026-03-04T05:06:07Z");
  EXPECT_EQ(upd->updated_at, "2026-03-05T05:06:07Z");
  auto events = s->Events({"product:infusion-pump-controller", 0});
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[1].action, "product.update");
  EXPECT_EQ((*events)[1].actor, "bob");
  EXPECT_EQ((*events)[1].Reason(), "faster reviews");
  EXPECT_TRUE(s->Verify(std::nullopt)->ok());
}

TEST_P(ProductTest, ListIsSortedByName) {
  auto s = OpenStore();
  for (const char* name : {"zeta", "a-b", "a.b", "a_b", "0day"}) {
    product::Product p;
    p.name = name;
    ASSERT_TRUE(product::Add(*s, {"alice", ""}, p).ok()) << name;
  }
  auto all = product::List(*s);
  ASSERT_TRUE(all.ok());
  std::vector<std::string> names;
  for (const auto& p : *all) names.push_back(p.name);
  // Byte order: '-' (0x2d) < '.' (0x2e) < '_' (0x5f).
  EXPECT_EQ(names, (std::vector<std::string>{"0day", "a-b", "a.b", "a_b", "zeta"}));
}

TEST_P(ProductTest, InvalidInputIsRejectedBeforeWriting) {
  auto s = OpenStore();
  product::Product p = Pump();
  p.review_cadence_days = 0;
  auto r = product::Add(*s, {"alice", ""}, p);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "review cadence must be 1 to 3650 days, got 0");
  p = Pump();
  p.description = "bad \xc3 byte";
  r = product::Add(*s, {"alice", ""}, p);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "description: text is not valid UTF-8");
  auto u = product::Update(*s, {"alice", ""}, "x", {});
  EXPECT_EQ(u.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(u.status().message(),
            "product update x: nothing to change (give a description, intended use, intended "
            "environment, cyber-device flag, owners or review cadence)");
  EXPECT_TRUE(product::List(*s)->empty());
  EXPECT_TRUE(s->Events({})->empty());
}

TEST_P(ProductTest, EnvironmentCyberDeviceAndOwners) {
  auto s = OpenStore();
  product::Product p = Pump();
  p.intended_environment = "hospital ICU network";
  p.cyber_device = true;
  p.owners = {"alice", "qa-team"};
  ASSERT_TRUE(product::Add(*s, {"alice", ""}, p).ok());
  auto got = product::Get(*s, p.name);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->intended_environment, "hospital ICU network");
  EXPECT_TRUE(got->cyber_device);
  EXPECT_EQ(got->owners, (std::vector<std::string>{"alice", "qa-team"}));

  product::ProductChanges c;
  c.owners = std::vector<std::string>{"bob"};
  c.cyber_device = false;
  auto u = product::Update(*s, {"alice", "handover"}, p.name, c);
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_EQ(u->owners, (std::vector<std::string>{"bob"}));
  EXPECT_FALSE(u->cyber_device);
  EXPECT_EQ(u->intended_environment, "hospital ICU network");
  // The trail records the owners as the stored JSON array.
  auto events = s->Events({});
  ASSERT_EQ(events->size(), 2u);
  auto change = nlohmann::json::parse(events->back().change);
  EXPECT_EQ(change["before"]["owners"], "[\"alice\",\"qa-team\"]");
  EXPECT_EQ(change["after"]["owners"], "[\"bob\"]");
  EXPECT_EQ(change["after"]["cyber_device"], 0);
  EXPECT_TRUE(s->Verify(std::nullopt)->ok());

  product::ProductChanges twice;
  twice.owners = std::vector<std::string>{"bob", "bob"};
  auto bad = product::Update(*s, {"alice", ""}, p.name, twice);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(), "owner 'bob' is given twice");
  product::ProductChanges empty_owner;
  empty_owner.owners = std::vector<std::string>{""};
  EXPECT_EQ(product::Update(*s, {"alice", ""}, p.name, empty_owner).status().message(),
            "owner 1: empty name");
  EXPECT_EQ(s->Events({})->size(), 2u);
}

// A product written by schema version 1 (before environment, cyber-device
// flag and owners existed) migrates, reads back with the defaults, and its
// trail stays verifiable before and after it is next updated.
TEST_P(ProductTest, VersionOneProductMigratesAndVerifies) {
  {
    auto raw = Raw();
    ASSERT_NE(raw, nullptr);
    const std::string dialect(raw->dialect());
    for (const store::SchemaFile& f : store::SchemaFiles()) {
      if (f.dialect == dialect && f.version == 1) {
        ASSERT_TRUE(raw->ExecScript(f.sql).ok());
      }
    }
    nlohmann::json row = {{"name", "old-pump"},
                          {"description", "d"},
                          {"intended_use", "u"},
                          {"review_cadence_days", 30},
                          {"created_at", "2025-01-01T00:00:00Z"},
                          {"updated_at", "2025-01-01T00:00:00Z"}};
    store::AuditEvent e;
    e.seq = 1;
    e.time = "2025-01-01T00:00:00Z";
    e.actor = "alice";
    e.action = "product.add";
    e.entity = "product:old-pump";
    e.change = *store::CanonicalJson(
        {{"after", row}, {"before", nullptr}, {"reason", nullptr}, {"table", "products"}});
    e.digest = Sha256Hex(e.change);
    e.prev_hash = std::string(store::kGenesisHash);
    e.hash = store::AuditEventHash(e);
    ASSERT_TRUE(raw->Query("INSERT INTO schema_version (version, applied_at) VALUES (1, ?)",
                           {std::string("2025-01-01T00:00:00Z")})
                    .ok());
    ASSERT_TRUE(raw->Query("INSERT INTO products (name, entity, description, intended_use, "
                           "review_cadence_days, created_at, updated_at, audit_seq) VALUES "
                           "('old-pump', 'product:old-pump', 'd', 'u', 30, "
                           "'2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 1)",
                           {})
                    .ok());
    ASSERT_TRUE(raw->Query("INSERT INTO audit_events (seq, time, actor, action, entity, change, "
                           "digest, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           {e.seq, e.time, e.actor, e.action, e.entity, e.change, e.digest,
                            e.prev_hash, e.hash})
                    .ok());
  }
  auto s = OpenStore();
  ASSERT_NE(s, nullptr);
  EXPECT_GE(s->schema_version(), 2);
  auto report = s->Verify(std::nullopt);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problems[0].message;
  auto got = product::Get(*s, "old-pump");
  ASSERT_TRUE(got.ok()) << got.status().message();
  EXPECT_EQ(got->intended_environment, "");
  EXPECT_FALSE(got->cyber_device);
  EXPECT_TRUE(got->owners.empty());

  // A change behind the trail's back to a new column is still caught.
  Attack("UPDATE products SET cyber_device = 1 WHERE name = 'old-pump'");
  report = s->Verify(std::nullopt);
  ASSERT_EQ(report->problems.size(), 1u);
  EXPECT_EQ(report->problems[0].message,
            "product:old-pump: the row differs from the state recorded by event 1 in "
            "cyber_device (changed outside the audit trail)");
  Attack("UPDATE products SET cyber_device = NULL WHERE name = 'old-pump'");

  product::ProductChanges c;
  c.owners = std::vector<std::string>{"alice"};
  ASSERT_TRUE(product::Update(*s, {"alice", ""}, "old-pump", c).ok());
  report = s->Verify(std::nullopt);
  EXPECT_TRUE(report->ok()) << report->problems[0].message;
}

SK_INSTANTIATE_BACKENDS(ProductTest);

TEST(ProductName, Validation) {
  for (const char* ok : {"a", "0", "infusion-pump-controller", "a.b_c-d", "x9"}) {
    EXPECT_TRUE(product::ValidateName(ok).ok()) << ok;
  }
  struct Case {
    std::string name, why;
  } bad[] = {
      {"", "empty"},
      {"Pump", "character 'P' at offset 0 is not allowed"},
      {"-pump", "character '-' at offset 0 is not allowed"},
      {".pump", "character '.' at offset 0 is not allowed"},
      {"pump controller", "character '\\x20' at offset 4 is not allowed"},
      {"pump/x", "character '/' at offset 4 is not allowed"},
      {"pümp", "character '\\xc3' at offset 1 is not allowed"},
  };
  for (const Case& c : bad) {
    Status s = product::ValidateName(c.name);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << c.name;
    EXPECT_EQ(s.message(), "invalid product name '" + c.name + "': " + c.why +
                               " (expected [a-z0-9][a-z0-9._-]*)");
  }
}

}  // namespace
}  // namespace soupkeeper::testing
