// The store's backends for parameterized tests: every store test (and every
// test of a domain repository) runs once on SQLite and once on PostgreSQL.
//
// PostgreSQL needs $SOUPKEEPER_TEST_PG (a libpq URI, as scripts/with-postgres.sh
// exports); when it is unset the PostgreSQL instances skip with a loud
// message, unless $SOUPKEEPER_REQUIRE_PG=1, when they fail. Each test gets a
// fresh schema (search_path set through the URI's `options`), dropped after.
//
//   class ProductTest : public soupkeeper::testing::BackendTest {};
//   TEST_P(ProductTest, Adds) { auto store = OpenStore(); ... }
//   SK_INSTANTIATE_BACKENDS(ProductTest);
#ifndef SOUPKEEPER_TESTS_STORE_BACKENDS_H_
#define SOUPKEEPER_TESTS_STORE_BACKENDS_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <random>
#include <string>

#include "soupkeeper/env.h"
#include "soupkeeper/store.h"
#include "store/connection.h"
#include "support/corpus.h"

namespace soupkeeper::testing {

enum class Backend { kSqlite, kPostgres };

inline std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

// 2026-03-04T05:06:07Z, the fixed clock of the tests.
inline TimePoint TestTime() { return TimePoint(std::chrono::seconds(1772600767)); }

class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kSqlite) {
      uri_ = (dir_.path() / "soupkeeper.db").string();
      return;
    }
    const char* base = std::getenv("SOUPKEEPER_TEST_PG");
    if (base == nullptr || *base == '\0') {
      const char* required = std::getenv("SOUPKEEPER_REQUIRE_PG");
      std::string msg =
          "\n*** POSTGRESQL NOT TESTED: set SOUPKEEPER_TEST_PG to a libpq URI, or run the tests "
          "under scripts/with-postgres.sh ***\n";
      std::cerr << msg;
      if (required != nullptr && std::string(required) == "1") FAIL() << msg;
      GTEST_SKIP() << msg;
    }
    base_ = base;
    static std::atomic<int> counter{0};
    std::random_device rd;
    schema_ = "sk_test_" + std::to_string(::getpid()) + "_" + std::to_string(rd() % 1000000) + "_" +
              std::to_string(counter++);
    auto admin = store::OpenPostgres(base_);
    ASSERT_TRUE(admin.ok()) << admin.status().message();
    admin_ = std::move(*admin);
    ASSERT_TRUE(admin_->ExecScript("CREATE SCHEMA " + schema_).ok());
    uri_ = base_ + (base_.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
           schema_;
  }

  void TearDown() override {
    if (admin_) {
      EXPECT_TRUE(admin_->ExecScript("DROP SCHEMA " + schema_ + " CASCADE").ok());
    }
  }

  // The store of this test, opened (and migrated) on the test's clock.
  std::unique_ptr<store::Store> OpenStore() {
    auto s = store::Store::Open(uri_, &env_);
    EXPECT_TRUE(s.ok()) << s.status().message();
    return s.ok() ? std::move(*s) : nullptr;
  }

  // A raw connection to the same database, as an attacker would use.
  std::unique_ptr<store::Connection> Raw() {
    auto c = store::OpenConnection(uri_);
    EXPECT_TRUE(c.ok()) << c.status().message();
    return c.ok() ? std::move(*c) : nullptr;
  }

  // Runs attacker SQL on a raw connection; fails the test if it fails.
  void Attack(const std::string& sql) {
    auto raw = Raw();
    ASSERT_NE(raw, nullptr);
    Status s = raw->ExecScript(sql);
    ASSERT_TRUE(s.ok()) << s.message() << "\n" << sql;
  }

  // SQL that removes audit_events' append-only guards, as an attacker would.
  std::string DropGuardsSql() const {
    return GetParam() == Backend::kSqlite
               ? "DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;"
               : "DROP TRIGGER audit_events_no_change ON audit_events; "
                 "DROP TRIGGER audit_events_no_truncate ON audit_events;";
  }

  TempDir dir_;
  MemEnv env_{TestTime()};
  std::string uri_;
  std::string base_;
  std::string schema_;
  std::unique_ptr<store::Connection> admin_;
};

}  // namespace soupkeeper::testing

#define SK_INSTANTIATE_BACKENDS(suite)                                                   \
  INSTANTIATE_TEST_SUITE_P(Backends, suite,                                              \
                           ::testing::Values(::soupkeeper::testing::Backend::kSqlite,    \
                                             ::soupkeeper::testing::Backend::kPostgres), \
                           ::soupkeeper::testing::BackendName)

#endif  // SOUPKEEPER_TESTS_STORE_BACKENDS_H_
