#include "core/text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace soupkeeper::text {
namespace {

TEST(Text, SplitWhitespace) {
  EXPECT_EQ(SplitWhitespace(" a\t bc  d "), (std::vector<std::string_view>{"a", "bc", "d"}));
  EXPECT_TRUE(SplitWhitespace(" \t ").empty());
}

TEST(Text, SplitWhitespaceIntoAReusedVector) {
  std::vector<std::string_view> words = {"left", "over", "from", "before"};
  SplitWhitespace("x\ty  z", &words);
  EXPECT_EQ(words, (std::vector<std::string_view>{"x", "y", "z"}));
  SplitWhitespace("", &words);
  EXPECT_TRUE(words.empty());
}

TEST(Text, CaseMappingTouchesOnlyAsciiLetters) {
  EXPECT_EQ(AsciiLower('A'), 'a');
  EXPECT_EQ(AsciiLower('Z'), 'z');
  EXPECT_EQ(AsciiLower('@'), '@');  // 'A' - 1
  EXPECT_EQ(AsciiLower('['), '[');  // 'Z' + 1
  EXPECT_EQ(AsciiUpper('a'), 'A');
  EXPECT_EQ(AsciiUpper('`'), '`');  // 'a' - 1
  EXPECT_EQ(AsciiUpper('{'), '{');  // 'z' + 1
  // "Äb-1" in UTF-8: the two bytes of 'Ä' stay as they are.
  EXPECT_EQ(ToAsciiLower("\xC3\x84"
                         "B-1"),
            "\xC3\x84"
            "b-1");
  EXPECT_EQ(ToAsciiUpper("\xC3\xA4"
                         "b-1"),
            "\xC3\xA4"
            "B-1");
  std::string s = "SHA-256";
  AsciiLowerInPlace(&s);
  EXPECT_EQ(s, "sha-256");
  AsciiUpperInPlace(&s);
  EXPECT_EQ(s, "SHA-256");
}

TEST(Text, EqualsIgnoreAsciiCase) {
  EXPECT_TRUE(EqualsIgnoreAsciiCase("LicenseRef-Foo", "licenseref-foo"));
  EXPECT_TRUE(EqualsIgnoreAsciiCase("", ""));
  EXPECT_FALSE(EqualsIgnoreAsciiCase("abc", "abcd"));
  EXPECT_FALSE(EqualsIgnoreAsciiCase("abc", "abd"));
  // '@' and '`' differ from 'A' and 'a' by 32 but are not letters.
  EXPECT_FALSE(EqualsIgnoreAsciiCase("@", "`"));
  EXPECT_FALSE(EqualsIgnoreAsciiCase("\xC3\x84", "\xC3\xA4"));  // 'Ä' vs 'ä'
}

TEST(Text, StartsWithIgnoreAsciiCase) {
  EXPECT_TRUE(StartsWithIgnoreAsciiCase("CPE:2.3:a", "cpe:2.3:"));
  EXPECT_TRUE(StartsWithIgnoreAsciiCase("dev-main", ""));
  EXPECT_FALSE(StartsWithIgnoreAsciiCase("cp", "cpe"));
  EXPECT_FALSE(StartsWithIgnoreAsciiCase("cpx:/", "cpe:/"));
}

}  // namespace
}  // namespace soupkeeper::text
