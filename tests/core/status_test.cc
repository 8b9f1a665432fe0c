#include "soupkeeper/status.h"

#include <gtest/gtest.h>

#include "soupkeeper/diagnostics.h"

namespace soupkeeper {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return InvalidArgument("odd: " + std::to_string(x));
  return x / 2;
}

Result<int> Quarter(int x) {
  SK_ASSIGN_OR_RETURN(int h, Half(x));
  SK_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

Status CheckEven(int x) {
  SK_RETURN_IF_ERROR(Half(x));
  return Status::Ok();
}

TEST(Status, OkAndError) {
  EXPECT_TRUE(Status::Ok().ok());
  Status s = NotFound("product 'pump' not found");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.ToString(), "product 'pump' not found");
  EXPECT_EQ(StatusCodeName(s.code()), "not_found");
}

TEST(Status, WithContextPrefixesMessage) {
  Status s = ParseError("/components/3: missing name").WithContext("sbom.json");
  EXPECT_EQ(s.message(), "sbom.json: /components/3: missing name");
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_TRUE(Status::Ok().WithContext("x").ok());
}

TEST(Result, PropagatesThroughMacros) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "odd: 3");
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_EQ(CheckEven(5).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Quarter(5).value_or(-1), -1);
}

TEST(Diagnostics, CollectsAndFormats) {
  CollectingSink sink;
  sink.Report({Severity::kError, "feed.json", "/vulns/2", "missing id"});
  sink.Report({Severity::kWarning, "feed.json", "", "unknown field"});
  EXPECT_EQ(sink.size(), 2u);
  EXPECT_EQ(sink.error_count(), 1u);
  auto items = sink.Take();
  EXPECT_EQ(items[0].ToString(), "feed.json: /vulns/2: missing id");
  EXPECT_EQ(items[1].ToString(), "feed.json: unknown field");
  EXPECT_EQ(sink.size(), 0u);
}

}  // namespace
}  // namespace soupkeeper
