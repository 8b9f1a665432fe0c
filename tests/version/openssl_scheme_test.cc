// The openssl scheme against OpenSSL's release numbering (its release
// history: letter releases up to 1.1.1, semantic versions from 3.0.0) and
// univers' OpensslVersion ordering, worked by hand.
#include <gtest/gtest.h>

#include "version/scheme_test_support.h"

namespace soupkeeper::version::testing {
namespace {

TEST(OpensslScheme, ReleaseHistoryOrder) {
  ExpectAscending("openssl",
                  {"0.9.8",       "0.9.8a", "0.9.8z",       "0.9.8za",     "0.9.8zh", "1.0.0-beta1",
                   "1.0.0-beta5", "1.0.0",  "1.0.0a",       "1.0.1",       "1.0.2u",  "1.1.0-pre1",
                   "1.1.0",       "1.1.1w", "3.0.0-alpha1", "3.0.0-beta1", "3.0.0",   "3.0.1",
                   "3.0.13",      "3.1.0",  "3.10.0",       "4.0.0"});
  ExpectSame("openssl", "3.0.0+build7", "3.0.0");
}

TEST(OpensslScheme, ParseErrors) {
  EXPECT_EQ(ParseError("openssl", ""), "invalid openssl version '': empty version");
  EXPECT_EQ(ParseError("openssl", "2.0.16"),
            "invalid openssl version '2.0.16': not an OpenSSL release: expected 0.9.1 to 1.1.1 "
            "with letters, or 3.0.0 and later");
  EXPECT_NE(ParseError("openssl", "0.9.9a"), "");
  EXPECT_NE(ParseError("openssl", "1.0.10"), "");
  EXPECT_EQ(ParseError("openssl", "1.0.1F"),
            "invalid openssl version '1.0.1F': unexpected 'F' at offset 5");
  EXPECT_EQ(ParseError("openssl", "3.0"),
            "invalid openssl version '3.0': unexpected end at offset 3");
  EXPECT_EQ(
      ParseError("openssl", "03.0.0"),
      "invalid openssl version '03.0.0': expected a number without leading zeros at offset 0");
  EXPECT_EQ(
      ParseError("openssl", "1.0.0-gamma1"),
      "invalid openssl version '1.0.0-gamma1': expected -alphaN, -betaN or -preN at offset 5");
  EXPECT_EQ(ParseError("openssl", "3.0.0-"),
            "invalid openssl version '3.0.0-': empty identifier at offset 6");
  EXPECT_EQ(Canonical("openssl", "1.1.1w"), "1.1.1w");
}

}  // namespace
}  // namespace soupkeeper::version::testing
