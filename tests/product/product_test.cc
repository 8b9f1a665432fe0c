// Products on every store backend: add, get, list, update, and their errors.
#include "soupkeeper/product.h"

#include <gtest/gtest.h>

#include "store/backends.h"

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
            "product update x: nothing to change (give a description, intended use or review "
            "cadence)");
  EXPECT_TRUE(product::List(*s)->empty());
  EXPECT_TRUE(s->Events({})->empty());
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
