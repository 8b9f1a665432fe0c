// Opening what is not a usable soupkeeper database: one clear error naming
// the database, the right code, and nothing written.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "soupkeeper/store.h"
#include "store/backends.h"
#include "support/corpus.h"

namespace soupkeeper::testing {
namespace {

namespace fs = std::filesystem;

TEST(StoreOpen, GarbageFileIsCorruptionAndUntouched) {
  TempDir dir;
  const std::string path = (dir.path() / "soupkeeper.db").string();
  const std::string garbage = "this is a text file, not a database\n" + std::string(5000, 'x');
  std::ofstream(path, std::ios::binary) << garbage;
  MemEnv env(TestTime());
  auto s = store::Store::Open(path, &env);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(s.status().message(),
            path + ": file is not a database (not a readable SQLite database)");
  EXPECT_EQ(ReadFileOrFail(path), garbage);
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    names.push_back(entry.path().filename().string());
  }
  EXPECT_EQ(names, std::vector<std::string>{"soupkeeper.db"});
}

TEST(StoreOpen, DirectoryIsDatabaseError) {
  TempDir dir;
  MemEnv env(TestTime());
  auto s = store::Store::Open(dir.path().string(), &env);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kDatabaseError);
  EXPECT_EQ(s.status().message(), dir.path().string() + ": unable to open database file");
}

TEST(StoreOpen, MissingFolderIsDatabaseError) {
  TempDir dir;
  const std::string path = (dir.path() / "no" / "such" / "soupkeeper.db").string();
  MemEnv env(TestTime());
  auto s = store::Store::Open(path, &env);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kDatabaseError);
  EXPECT_EQ(s.status().message(), path + ": unable to open database file");
  EXPECT_FALSE(fs::exists(dir.path() / "no"));
}

TEST(StoreOpen, MalformedPostgresUriIsInvalidArgument) {
  MemEnv env(TestTime());
  auto s = store::Store::Open("postgresql://alice:s3cret@db.example/sk?colour=blue", &env);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.status().message(),
            "postgresql://alice:***@db.example/sk?colour=blue: invalid PostgreSQL URI: invalid "
            "URI query parameter: \"colour\"");
  s = store::Store::Open("postgresql://[::1/sk", &env);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.status().message(),
            "postgresql://[::1/sk: invalid PostgreSQL URI: end of string reached when looking for "
            "matching \"]\" in IPv6 host address in URI: \"postgresql://[::1/sk\"");
}

TEST(StoreOpen, UnreachableServerIsDatabaseErrorWithoutPassword) {
  MemEnv env(TestTime());
  auto s = store::Store::Open("postgresql://alice:s3cret@127.0.0.1:1/sk", &env);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kDatabaseError);
  const std::string m = s.status().message();
  EXPECT_EQ(m.rfind("postgresql://alice:***@127.0.0.1:1/sk: cannot connect: ", 0), 0u) << m;
  EXPECT_NE(m.find("Connection refused"), std::string::npos) << m;
  EXPECT_EQ(m.find("s3cret"), std::string::npos) << m;
  EXPECT_EQ(m.find('\n'), std::string::npos) << m;
}

}  // namespace
}  // namespace soupkeeper::testing
