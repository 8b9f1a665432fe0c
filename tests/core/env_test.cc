#include "soupkeeper/env.h"

#include <gtest/gtest.h>

#include "soupkeeper/hash.h"
#include "support/corpus.h"

namespace soupkeeper {
namespace {

TEST(Time, FormatsAndParsesRfc3339) {
  auto t = ParseTime("2024-02-29T13:14:15Z");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(FormatTime(*t), "2024-02-29T13:14:15Z");
  EXPECT_EQ(t->time_since_epoch().count(), 1709212455LL * 1000000);
  EXPECT_EQ(FormatTime(*ParseTime("2024-02-29T13:14:15.5+01:30")), "2024-02-29T11:44:15.500000Z");
  EXPECT_EQ(FormatTime(*ParseTime("2021-12-10")), "2021-12-10T00:00:00Z");
  EXPECT_EQ(FormatTime(*ParseTime("1999-12-30T05:00:00")), "1999-12-30T05:00:00Z");
  EXPECT_EQ(FormatTime(*ParseTime("1969-12-31T23:59:59Z")), "1969-12-31T23:59:59Z");
}

TEST(Time, RejectsMalformed) {
  for (const char* bad : {"", "2024", "2024-13-01", "2024-01-01T25:00:00Z", "2024-01-01T10:00Z",
                          "2024-01-01T10:00:00Zjunk", "2024/01/01"}) {
    auto t = ParseTime(bad);
    EXPECT_FALSE(t.ok()) << bad;
    if (!t.ok()) {
      EXPECT_EQ(t.status().code(), StatusCode::kParseError);
    }
  }
}

TEST(MemEnv, FilesClockAndVariables) {
  MemEnv env(*ParseTime("2026-01-01T00:00:00Z"));
  EXPECT_EQ(env.ReadFile("/a/b.txt").status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(env.WriteFile("/a/b.txt", "hello").ok());
  ASSERT_TRUE(env.WriteFile("/a/c/d.txt", "x").ok());
  EXPECT_EQ(*env.ReadFile("/a/b.txt"), "hello");
  EXPECT_TRUE(env.IsDirectory("/a"));
  EXPECT_FALSE(env.IsDirectory("/a/b.txt"));
  EXPECT_EQ(*env.ListDirectory("/a"), (std::vector<std::string>{"b.txt", "c"}));
  env.Advance(std::chrono::hours(24));
  EXPECT_EQ(FormatTime(env.Now()), "2026-01-02T00:00:00Z");
  EXPECT_FALSE(env.GetVariable("X").has_value());
  env.SetVariable("X", "1");
  EXPECT_EQ(*env.GetVariable("X"), "1");
}

TEST(PosixEnv, WriteIsAtomicAndReadable) {
  testing::TempDir dir;
  Env* env = Env::Default();
  std::string path = (dir.path() / "f.bin").string();
  std::string data("a\0b", 3);
  ASSERT_TRUE(env->WriteFile(path, data).ok());
  EXPECT_EQ(*env->ReadFile(path), data);
  EXPECT_EQ(env->ReadFile(path + ".missing").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(*env->ListDirectory(dir.path().string()), std::vector<std::string>{"f.bin"});
  EXPECT_FALSE(env->UserName().empty());
}

TEST(Hash, Sha256KnownAnswers) {
  // FIPS 180-2 test vectors.
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256 h;
  h.Update("ab");
  h.Update("c");
  EXPECT_EQ(h.FinishHex(), Sha256Hex("abc"));
}

}  // namespace
}  // namespace soupkeeper
