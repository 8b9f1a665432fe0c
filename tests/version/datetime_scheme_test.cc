// The datetime scheme against RFC 3339 (section 5.6 grammar, section 5.8
// examples) and the vers "datetime" rule: order by the instant named.
#include <gtest/gtest.h>

#include "version/scheme_test_support.h"

namespace soupkeeper::version::testing {
namespace {

TEST(DatetimeScheme, OrdersByInstant) {
  // RFC 3339 5.8: these name the same instants.
  ExpectSame("datetime", "1996-12-19T16:39:57-08:00", "1996-12-20T00:39:57Z");
  ExpectSame("datetime", "1990-12-31T15:59:60-08:00", "1990-12-31T23:59:60Z");
  ExpectSame("datetime", "2024-01-01t00:00:00z", "2024-01-01T00:00:00Z");
  ExpectSame("datetime", "2024-01-01T00:00:00.5Z", "2024-01-01T00:00:00.500Z");
  ExpectSame("datetime", "2024-01-01T00:00:00-00:00", "2024-01-01T00:00:00Z");
  ExpectAscending("datetime", {"1990-12-31T23:59:59Z", "1990-12-31T23:59:59.999Z",
                               "1990-12-31T23:59:60Z", "1991-01-01T00:00:00Z"});
  ExpectAscending("datetime", {"2024-01-01T12:00:00+02:00", "2024-01-01T12:00:00Z",
                               "2024-01-01T12:00:00-05:00"});
  ExpectAscending("datetime",
                  {"2024-02-28T23:59:59Z", "2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z"});
}

TEST(DatetimeScheme, CanonicalIsUtc) {
  EXPECT_EQ(Canonical("datetime", "1996-12-19T16:39:57-08:00"), "1996-12-20T00:39:57Z");
  EXPECT_EQ(Canonical("datetime", "1985-04-12T23:20:50.520Z"), "1985-04-12T23:20:50.52Z");
  EXPECT_EQ(Canonical("datetime", "1937-01-01T12:00:27.87+00:20"), "1937-01-01T11:40:27.87Z");
  EXPECT_EQ(Canonical("datetime", "2000-03-01T00:30:00+01:00"), "2000-02-29T23:30:00Z");
}

TEST(DatetimeScheme, ParseErrors) {
  EXPECT_EQ(ParseError("datetime", ""),
            "invalid datetime version '': expected 4-digit year at offset 0");
  EXPECT_EQ(ParseError("datetime", "2024-02-30T00:00:00Z"),
            "invalid datetime version '2024-02-30T00:00:00Z': day out of range at offset 8");
  EXPECT_NE(ParseError("datetime", "2023-02-29T00:00:00Z"), "");
  EXPECT_EQ(ParseError("datetime", "2024-13-01T00:00:00Z"),
            "invalid datetime version '2024-13-01T00:00:00Z': month out of range at offset 5");
  EXPECT_EQ(ParseError("datetime", "2024-01-01T24:00:00Z"),
            "invalid datetime version '2024-01-01T24:00:00Z': hour out of range at offset 11");
  EXPECT_EQ(ParseError("datetime", "2024-01-01 00:00:00Z"),
            "invalid datetime version '2024-01-01 00:00:00Z': expected 'T' at offset 10");
  EXPECT_EQ(ParseError("datetime", "2024-01-01T00:00:00"),
            "invalid datetime version '2024-01-01T00:00:00': expected 'Z' or a '+hh:mm'/'-hh:mm' "
            "offset at offset 19");
  EXPECT_EQ(
      ParseError("datetime", "2024-01-01T00:00:00.Z"),
      "invalid datetime version '2024-01-01T00:00:00.Z': expected fraction digits at offset 20");
  EXPECT_EQ(ParseError("datetime", "2024-01-01T00:00:00+0100"),
            "invalid datetime version '2024-01-01T00:00:00+0100': expected ':' at offset 22");
  EXPECT_EQ(ParseError("datetime", "2024-01-01T00:00:00Zx"),
            "invalid datetime version '2024-01-01T00:00:00Zx': unexpected 'x' at offset 20");
}

}  // namespace
}  // namespace soupkeeper::version::testing
