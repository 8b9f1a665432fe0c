// Unit tests of the store's backend-independent pieces: placeholder
// numbering, URI redaction, anchors, canonical JSON, table-name checks.
#include <gtest/gtest.h>

#include "soupkeeper/store.h"
#include "store/connection.h"

namespace soupkeeper::store {
namespace {

TEST(NumberPlaceholders, NumbersOutsideLiteralsAndComments) {
  EXPECT_EQ(NumberPlaceholders("SELECT ? , ?"), "SELECT $1 , $2");
  EXPECT_EQ(NumberPlaceholders("INSERT INTO t VALUES (?, '?', ?)"),
            "INSERT INTO t VALUES ($1, '?', $2)");
  EXPECT_EQ(NumberPlaceholders("SELECT 'it''s ?', ?"), "SELECT 'it''s ?', $1");
  EXPECT_EQ(NumberPlaceholders("SELECT \"a?b\" FROM t WHERE x = ?"),
            "SELECT \"a?b\" FROM t WHERE x = $1");
  EXPECT_EQ(NumberPlaceholders("SELECT ? -- why?\n, ?"), "SELECT $1 -- why?\n, $2");
  EXPECT_EQ(NumberPlaceholders("SELECT /* ? */ ?"), "SELECT /* ? */ $1");
  EXPECT_EQ(NumberPlaceholders("SELECT 'unterminated ?"), "SELECT 'unterminated ?");
  EXPECT_EQ(NumberPlaceholders("no placeholders"), "no placeholders");
}

TEST(RedactUri, HidesPasswords) {
  EXPECT_EQ(RedactUri("postgresql://alice:s3cret@db.example/sk"),
            "postgresql://alice:***@db.example/sk");
  EXPECT_EQ(RedactUri("postgres://alice:p%40ss@db:5432/sk?sslmode=require"),
            "postgres://alice:***@db:5432/sk?sslmode=require");
  EXPECT_EQ(RedactUri("postgresql://alice@db/sk?password=s3cret&sslmode=disable"),
            "postgresql://alice@db/sk?password=***&sslmode=disable");
  EXPECT_EQ(RedactUri("postgresql://a:b/c@db/sk"), "postgresql://a:***@db/sk");
  EXPECT_EQ(RedactUri("postgresql:///sk?host=/tmp/x"), "postgresql:///sk?host=/tmp/x");
  EXPECT_EQ(RedactUri("postgresql://db:5432/sk"), "postgresql://db:5432/sk");
  EXPECT_EQ(RedactUri("soupkeeper.db"), "soupkeeper.db");
  EXPECT_EQ(RedactUri("dir:with:colons@/x.db"), "dir:with:colons@/x.db");
}

TEST(RedactUri, ScrubsPasswordsFromMessages) {
  EXPECT_EQ(ScrubPasswords("bad token near s3cret/x", "postgresql://u:s3cret@h/d"),
            "bad token near ***/x");
  EXPECT_EQ(ScrubPasswords("nothing to hide", "postgresql://u@h/d"), "nothing to hide");
}

TEST(OpenConnection, RejectsUnsupportedSchemesAndEmpty) {
  auto c = OpenConnection("mysql://root:pw@localhost/sk");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(c.status().message(),
            "mysql://root:***@localhost/sk: unsupported database URI scheme 'mysql' (use a SQLite "
            "file path or postgresql://...)");
  c = OpenConnection("");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(c.status().message(), "database: empty path or URI");
}

TEST(Anchor, Parses) {
  const std::string hash(64, 'f');
  auto a = Anchor::Parse("12:" + hash);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->seq, 12);
  EXPECT_EQ(a->hash, hash);
}

TEST(Anchor, RejectsMalformed) {
  const std::string hash(64, 'f');
  struct Case {
    std::string text, why;
  } cases[] = {
      {"12" + hash, "missing ':'"},
      {":" + hash, "SEQ must be a positive integer"},
      {"0:" + hash, "SEQ must be a positive integer"},
      {"-1:" + hash, "SEQ must be a positive integer"},
      {"1x:" + hash, "SEQ must be a positive integer"},
      {"99999999999999999999:" + hash, "SEQ must be a positive integer"},
      {"1:" + hash.substr(1), "HASH must be 64 lower-case hexadecimal digits"},
      {"1:" + std::string(64, 'F'), "HASH must be 64 lower-case hexadecimal digits"},
      {"1:" + hash + "0", "HASH must be 64 lower-case hexadecimal digits"},
  };
  for (const Case& c : cases) {
    auto a = Anchor::Parse(c.text);
    ASSERT_FALSE(a.ok()) << c.text;
    EXPECT_EQ(a.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(a.status().message(), "invalid anchor '" + c.text + "': " + c.why +
                                        " (expected SEQ:HASH as printed by `soupkeeper log show`)");
  }
}

TEST(CanonicalJson, SortsKeysAndKeepsUtf8) {
  nlohmann::json v = {{"b", 1}, {"a", {{"z", nullptr}, {"y", "é\"\n"}}}, {"B", -2}};
  auto text = CanonicalJson(v);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "{\"B\":-2,\"a\":{\"y\":\"é\\\"\\n\",\"z\":null},\"b\":1}");
}

TEST(CanonicalJson, RejectsInvalidUtf8) {
  auto text = CanonicalJson(std::string("bad \xff byte"));
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(text.status().message(), "text is not valid UTF-8");
}

TEST(AuditEventHash, HashesTheDocumentedArray) {
  AuditEvent e;
  e.seq = 1;
  e.time = "2026-03-04T05:06:07Z";
  e.actor = "alice";
  e.action = "product.add";
  e.entity = "product:a";
  e.digest = "4b68dc0060acd353f96c8d35e936e69b87b0fbfdcedebc9c0bc8a86b631a5152";
  e.prev_hash = std::string(kGenesisHash);
  // printf '%s' '[1,"2026-03-04T05:06:07Z","alice","product.add","product:a","4b68...","000..."]'
  //   | sha256sum
  EXPECT_EQ(AuditEventHash(e), "f8cd44fc8126b721fb2f50e033ae5edcf770d75de7d80cc3eb92598adc05c90d");
  e.change = "not hashed directly";
  EXPECT_EQ(AuditEventHash(e), "f8cd44fc8126b721fb2f50e033ae5edcf770d75de7d80cc3eb92598adc05c90d");
  e.actor = "mallory";
  EXPECT_NE(AuditEventHash(e), "f8cd44fc8126b721fb2f50e033ae5edcf770d75de7d80cc3eb92598adc05c90d");
}

TEST(IsPlainIdentifier, AcceptsOnlyLowerSnakeCase) {
  EXPECT_TRUE(IsPlainIdentifier("products"));
  EXPECT_TRUE(IsPlainIdentifier("_x1"));
  EXPECT_FALSE(IsPlainIdentifier(""));
  EXPECT_FALSE(IsPlainIdentifier("1x"));
  EXPECT_FALSE(IsPlainIdentifier("Products"));
  EXPECT_FALSE(IsPlainIdentifier("products; DROP TABLE x"));
}

}  // namespace
}  // namespace soupkeeper::store
