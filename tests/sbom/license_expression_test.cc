// SPDX license expressions (SPDX 2.3 Annex D): known answers worked out from
// the grammar, and the generated identifier lists against the Debian files
// they come from.
#include "soupkeeper/license_expression.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "sbom/spdx_license_list.h"

namespace soupkeeper::sbom {
namespace {

std::string Canonical(std::string_view text) {
  Result<ParsedLicenseExpression> e = ParseLicenseExpression(text);
  if (!e.ok()) return "error: " + e.status().message();
  return e->canonical;
}

TEST(LicenseExpression, SimpleIds) {
  EXPECT_EQ(Canonical("MIT"), "MIT");
  EXPECT_EQ(Canonical("mit"), "MIT");  // ids match case-insensitively
  EXPECT_EQ(Canonical("apache-2.0"), "Apache-2.0");
  EXPECT_EQ(Canonical("GPL-2.0+"), "GPL-2.0+");
  EXPECT_EQ(Canonical("LicenseRef-my.license-1"), "LicenseRef-my.license-1");
  EXPECT_EQ(Canonical("DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2"),
            "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2");
  Result<ParsedLicenseExpression> e = ParseLicenseExpression("BSD-3-Clause");
  ASSERT_TRUE(e.ok());
  EXPECT_TRUE(e->single_listed_id);
  EXPECT_EQ(e->tree.kind, LicenseExpression::Kind::kLicense);
  e = ParseLicenseExpression("GPL-2.0-or-later+");
  ASSERT_TRUE(e.ok());
  EXPECT_FALSE(e->single_listed_id);
  EXPECT_TRUE(e->tree.or_later);
}

TEST(LicenseExpression, OperatorsAndPrecedence) {
  // AND binds tighter than OR: "a OR b AND c" is "a OR (b AND c)".
  Result<ParsedLicenseExpression> e = ParseLicenseExpression("MIT OR Apache-2.0 AND BSD-2-Clause");
  ASSERT_TRUE(e.ok()) << e.status().message();
  ASSERT_EQ(e->tree.kind, LicenseExpression::Kind::kOr);
  ASSERT_EQ(e->tree.operands.size(), 2u);
  EXPECT_EQ(e->tree.operands[0].id, "MIT");
  EXPECT_EQ(e->tree.operands[1].kind, LicenseExpression::Kind::kAnd);
  EXPECT_EQ(e->canonical, "MIT OR Apache-2.0 AND BSD-2-Clause");
  // Parentheses that change the grouping stay; redundant ones go.
  EXPECT_EQ(Canonical("(MIT OR Apache-2.0) AND BSD-2-Clause"),
            "(MIT OR Apache-2.0) AND BSD-2-Clause");
  EXPECT_EQ(Canonical("((MIT))"), "MIT");
  EXPECT_EQ(Canonical("MIT AND (Zlib AND ISC)"), "MIT AND Zlib AND ISC");
  // Operators in any case.
  EXPECT_EQ(Canonical("mit or zlib"), "MIT OR Zlib");
  EXPECT_EQ(Canonical("GPL-2.0-only with Classpath-exception-2.0"),
            "GPL-2.0-only WITH Classpath-exception-2.0");
  EXPECT_EQ(Canonical("(GPL-2.0-only WITH classpath-exception-2.0 Or MIT)"),
            "GPL-2.0-only WITH Classpath-exception-2.0 OR MIT");
  // WITH binds tighter than AND.
  e = ParseLicenseExpression("Apache-2.0 WITH LLVM-exception AND MIT");
  ASSERT_TRUE(e.ok());
  ASSERT_EQ(e->tree.kind, LicenseExpression::Kind::kAnd);
  EXPECT_EQ(e->tree.operands[0].kind, LicenseExpression::Kind::kWith);
  EXPECT_EQ(e->tree.operands[0].exception, "LLVM-exception");
}

TEST(LicenseExpression, UnknownIdsAreReportedNotRejected) {
  Result<ParsedLicenseExpression> e =
      ParseLicenseExpression("Made-Up-License-9.9 OR MIT WITH Made-Up-exception");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->unknown_licenses, std::vector<std::string>{"Made-Up-License-9.9"});
  EXPECT_EQ(e->unknown_exceptions, std::vector<std::string>{"Made-Up-exception"});
  // Deprecated ids are listed, and reported as deprecated.
  e = ParseLicenseExpression("GPL-2.0");
  ASSERT_TRUE(e.ok());
  EXPECT_TRUE(e->unknown_licenses.empty());
  EXPECT_EQ(e->deprecated, std::vector<std::string>{"GPL-2.0"});
}

TEST(LicenseExpression, SyntaxErrorsNameTheColumn) {
  EXPECT_EQ(Canonical(""),
            "error: invalid license expression '': empty license expression (column 1)");
  EXPECT_EQ(Canonical("MIT OR"),
            "error: invalid license expression 'MIT OR': expected a license after 'OR' (column 7)");
  EXPECT_EQ(Canonical("MIT Apache-2.0"),
            "error: invalid license expression 'MIT Apache-2.0': expected AND, OR or WITH before "
            "'Apache-2.0' (column 5)");
  EXPECT_EQ(Canonical("(MIT"), "error: invalid license expression '(MIT': missing ')' (column 5)");
  EXPECT_EQ(Canonical("MIT)"),
            "error: invalid license expression 'MIT)': ')' without a matching '(' (column 4)");
  EXPECT_EQ(Canonical("AND MIT"),
            "error: invalid license expression 'AND MIT': expected a license before 'AND' "
            "(column 1)");
  EXPECT_EQ(Canonical("Apache 2.0"),
            "error: invalid license expression 'Apache 2.0': expected AND, OR or WITH before "
            "'2.0' (column 8)");
  EXPECT_EQ(Canonical("MIT/X11"),
            "error: invalid license expression 'MIT/X11': unexpected character '/' (column 4)");
  EXPECT_EQ(Canonical("LicenseRef-a+"),
            "error: invalid license expression 'LicenseRef-a+': '+' cannot follow a LicenseRef "
            "('LicenseRef-a+') (column 1)");
  EXPECT_EQ(Canonical("(MIT OR Zlib) WITH LLVM-exception"),
            "error: invalid license expression '(MIT OR Zlib) WITH LLVM-exception': WITH must "
            "follow a single license, not '(...)' (column 15)");
  EXPECT_EQ(Canonical("MIT WITH"),
            "error: invalid license expression 'MIT WITH': expected an exception id after WITH "
            "(column 9)");
  EXPECT_EQ(Canonical("DocumentRef-x:MIT"),
            "error: invalid license expression 'DocumentRef-x:MIT': 'DocumentRef-x:MIT' is not "
            "DocumentRef-<id>:LicenseRef-<id> (column 1)");
  EXPECT_EQ(Canonical("NOASSERTION"), "NOASSERTION");  // an idstring, not listed
  std::string deep(100, '(');
  EXPECT_NE(Canonical(deep + "MIT" + std::string(100, ')')).find("nested deeper than 64"),
            std::string::npos);
}

std::vector<std::string> ReadIds(const std::string& path) {
  std::ifstream in(path);
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  std::vector<std::string> out;
  if (j.is_array()) {
    for (const auto& x : j) out.push_back(x.get<std::string>());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> Strings(std::span<const std::string_view> ids) {
  return std::vector<std::string>(ids.begin(), ids.end());
}

// The generated lists are exactly the Debian packages' files.
TEST(LicenseExpression, ListsAreTheDebianPackagesFiles) {
  std::vector<std::string> licenses = ReadIds("/usr/share/nodejs/spdx-license-ids/index.json");
  std::vector<std::string> deprecated =
      ReadIds("/usr/share/nodejs/spdx-license-ids/deprecated.json");
  std::vector<std::string> exceptions = ReadIds("/usr/share/nodejs/spdx-exceptions/index.json");
  ASSERT_GT(licenses.size(), 400u);
  EXPECT_EQ(Strings(spdx_list::Licenses()), licenses);
  EXPECT_EQ(Strings(spdx_list::DeprecatedLicenses()), deprecated);
  EXPECT_EQ(Strings(spdx_list::Exceptions()), exceptions);
  std::cout << "SPDX lists: " << licenses.size() << " licenses, " << deprecated.size()
            << " deprecated, " << exceptions.size() << " exceptions\n";
  EXPECT_EQ(ListedLicenseId("gpl-3.0-or-later"), "GPL-3.0-or-later");
  EXPECT_EQ(ListedExceptionId("llvm-EXCEPTION"), "LLVM-exception");
  EXPECT_EQ(ListedLicenseId("Not-A-License"), "");
}

}  // namespace
}  // namespace soupkeeper::sbom
