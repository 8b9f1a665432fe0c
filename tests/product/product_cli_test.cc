// `soupkeeper product ...` end to end, on every backend.
#include <gtest/gtest.h>

#include <regex>

#include "store/backends.h"
#include "support/corpus.h"

namespace soupkeeper::testing {
namespace {

class ProductCliTest : public BackendTest {
 protected:
  CliResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", uri_, "--actor", "alice"});
    return RunCli(args);
  }
};

TEST_P(ProductCliTest, AddShowListUpdate) {
  CliResult r = Run({"product", "add", "infusion-pump-controller", "--description",
                     "Fictional pump controller", "--intended-use", "IV delivery",
                     "--review-cadence", "14", "--reason", "first product"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "added product infusion-pump-controller\n");
  EXPECT_EQ(r.err, "");

  r = Run({"product", "show", "infusion-pump-controller"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::regex_match(
      r.out,
      std::regex("name:            infusion-pump-controller\n"
                 "description:     Fictional pump controller\n"
                 "intended use:    IV delivery\n"
                 "environment:     \n"
                 "cyber device:    no\n"
                 "owners:          \n"
                 "review cadence:  14 days\n"
                 "created:         \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?Z\n"
                 "updated:         \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?Z\n")))
      << r.out;

  r = Run({"product", "add", "b-product"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Run({"product", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "b-product  every 30 days  \n"
            "infusion-pump-controller  every 14 days  Fictional pump controller\n");

  r = Run({"product", "update", "infusion-pump-controller", "--review-cadence", "7", "--reason",
           "faster"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "updated product infusion-pump-controller\n");

  r = Run({"--format", "json", "product", "show", "infusion-pump-controller"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["name"], "infusion-pump-controller");
  EXPECT_EQ(j["description"], "Fictional pump controller");
  EXPECT_EQ(j["intended_use"], "IV delivery");
  EXPECT_EQ(j["review_cadence_days"], 7);
  EXPECT_EQ(r.out.back(), '\n');
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1);

  r = Run({"--format", "json", "product", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["name"], "b-product");
  EXPECT_EQ(j[1]["review_cadence_days"], 7);

  r = Run({"--format", "json", "product", "add", "c", "--description", "see"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["description"], "see");
}

TEST_P(ProductCliTest, EmptyList) {
  CliResult r = Run({"product", "list"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "no products\n");
  r = Run({"--format", "json", "product", "list"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "[]\n");
}

TEST_P(ProductCliTest, Errors) {
  ASSERT_EQ(Run({"product", "add", "pump"}).exit_code, 0);
  CliResult r = Run({"product", "add", "pump"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "soupkeeper: product 'pump' already exists\n");

  r = Run({"product", "show", "nope"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "soupkeeper: no product named 'nope'\n");

  r = Run({"product", "update", "nope", "--description", "x"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "soupkeeper: no product named 'nope'\n");

  r = Run({"product", "update", "pump"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: product update pump: nothing to change (give a description, intended "
            "use, intended environment, cyber-device flag, owners or review cadence)\n");

  r = Run({"product", "add", "Pump"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: invalid product name 'Pump': character 'P' at offset 0 is not allowed "
            "(expected [a-z0-9][a-z0-9._-]*)\n");

  r = Run({"product", "add", "x", "--review-cadence", "0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "soupkeeper: review cadence must be 1 to 3650 days, got 0\n");

  r = Run({"product", "add", "x", "--review-cadence", "soon"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--review-cadence"), std::string::npos) << r.err;

  r = Run({"--format", "yaml", "product", "list"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "soupkeeper: product list: --format must be text or json, not \"yaml\"\n");

  r = Run({"product"});
  EXPECT_EQ(r.exit_code, 2);

  // Only the first add reached the trail.
  r = Run({"log", "verify"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.rfind("audit trail intact: 1 events, head 1 ", 0), 0u) << r.out;
}

TEST_P(ProductCliTest, EnvironmentCyberDeviceAndOwners) {
  CliResult r = Run({"product", "add", "pump", "--intended-environment", "hospital ICU",
                     "--cyber-device", "true", "--owner", "alice", "--owner", "qa-team"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Run({"product", "show", "pump"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("environment:     hospital ICU\n"
                       "cyber device:    yes\n"
                       "owners:          alice, qa-team\n"),
            std::string::npos)
      << r.out;
  r = Run({"product", "update", "pump", "--cyber-device", "false", "--owner", "bob"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Run({"--format", "json", "product", "show", "pump"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["cyber_device"], false);
  EXPECT_EQ(j["owners"], nlohmann::json::array({"bob"}));
  EXPECT_EQ(j["intended_environment"], "hospital ICU");
  r = Run({"product", "update", "pump", "--owner", "bob", "--owner", "bob"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "soupkeeper: owner 'bob' is given twice\n");
  r = Run({"log", "verify"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

SK_INSTANTIATE_BACKENDS(ProductCliTest);

}  // namespace
}  // namespace soupkeeper::testing
