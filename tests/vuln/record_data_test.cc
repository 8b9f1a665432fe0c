// The stored form of records (vuln_records.data): zstd-compressed JSON, with
// the forms written before schema 14 still read.
#include <gtest/gtest.h>

#include <string>

#include "soupkeeper/vuln.h"
#include "store/backends.h"

namespace soupkeeper::vuln {
namespace {

const std::string kJson =
    R"({"affected":[{"ecosystem":"PyPI","name":"jinja2","ranges":[{"events":[{"introduced":"0"},)"
    R"({"fixed":"2.11.3"}],"type":"ECOSYSTEM"}]}],"id":"GHSA-g3rq-g295-4j3m","summary":"ReDoS ü"})";

TEST(RecordData, CompressesAndReadsBack) {
  store::Value packed = PackRecordData(kJson);
  const auto* bytes = std::get_if<store::Bytes>(&packed);
  ASSERT_NE(bytes, nullptr);
  // A zstd frame: magic number 0xFD2FB528, little-endian.
  ASSERT_GE(bytes->data.size(), 4u);
  EXPECT_EQ(bytes->data.substr(0, 4), std::string("\x28\xb5\x2f\xfd", 4));
  auto text = UnpackRecordData(packed);
  ASSERT_TRUE(text.ok()) << text.status().message();
  EXPECT_EQ(*text, kJson);
  // Repetitive JSON, as records are, gets smaller.
  std::string big;
  for (int i = 0; i < 50; ++i)
    big += R"({"url":"https://nvd.nist.gov/vuln/detail/CVE-2024-)" + std::to_string(i) + "\"},";
  store::Value big_packed = PackRecordData(big);
  EXPECT_LT(std::get<store::Bytes>(big_packed).data.size(), big.size() / 4);
  EXPECT_EQ(*UnpackRecordData(big_packed), big);
}

TEST(RecordData, ReadsTheFormsWrittenBeforeSchema14) {
  // SQLite rows: the JSON as text.
  auto text = UnpackRecordData(store::Value(kJson));
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, kJson);
  // PostgreSQL rows converted to bytea by the migration: the JSON's bytes.
  auto bytes = UnpackRecordData(store::Value(store::Bytes{kJson}));
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(*bytes, kJson);
}

TEST(RecordData, DamagedValuesAreCorruption) {
  std::string frame = std::get<store::Bytes>(PackRecordData(kJson)).data;
  // Truncated frame.
  auto cut = UnpackRecordData(store::Value(store::Bytes{frame.substr(0, frame.size() - 3)}));
  EXPECT_EQ(cut.status().code(), StatusCode::kCorruption);
  // Not a frame at all, NULL, an integer.
  EXPECT_EQ(UnpackRecordData(store::Value(store::Bytes{"\x01\x02\x03"})).status().code(),
            StatusCode::kCorruption);
  EXPECT_EQ(UnpackRecordData(store::Value(nullptr)).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(UnpackRecordData(store::Value(int64_t{7})).status().code(), StatusCode::kCorruption);
  // A frame header claiming a terabyte is refused before any allocation:
  // single segment, 8-byte content size 2^40.
  std::string huge("\x28\xb5\x2f\xfd\xe0", 5);
  huge += std::string("\x00\x00\x00\x00\x00\x01\x00\x00", 8);
  auto claimed = UnpackRecordData(store::Value(store::Bytes{huge}));
  EXPECT_EQ(claimed.status().code(), StatusCode::kCorruption);
  EXPECT_NE(claimed.status().message().find("claims 1099511627776 bytes"), std::string::npos)
      << claimed.status().message();
}

class RecordDataStoreTest : public testing::BackendTest {};

TEST_P(RecordDataStoreTest, ImportStoresCompressedJson) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(env_.WriteFile("/f/a.json", R"({"id": "GHSA-1", "modified": "2024-01-01T00:00:00Z",
      "summary": "one", "affected": [{"package": {"ecosystem": "npm", "name": "left-pad"}}]})")
                  .ok());
  CollectingSink sink;
  ASSERT_TRUE(ImportPaths(*store, &env_, {"/f"}, {"tester", ""}, sink).ok());
  ASSERT_TRUE(store
                  ->Read([&](store::Txn& txn) -> Status {
                    SK_ASSIGN_OR_RETURN(store::Rows rows,
                                        txn.Query("SELECT data FROM vuln_records"));
                    EXPECT_EQ(rows.size(), 1u);
                    EXPECT_TRUE(std::holds_alternative<store::Bytes>(rows.rows.at(0)[0]));
                    SK_ASSIGN_OR_RETURN(std::string json, UnpackRecordData(rows.rows.at(0)[0]));
                    auto j = nlohmann::json::parse(json);
                    EXPECT_EQ(j["summary"], "one");
                    EXPECT_EQ(j["affected"][0]["name"], "left-pad");
                    return Status::Ok();
                  })
                  .ok());
}

SK_INSTANTIATE_BACKENDS(RecordDataStoreTest);

}  // namespace
}  // namespace soupkeeper::vuln
