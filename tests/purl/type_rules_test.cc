// Checks the type table of src/purl/type_rules.cc against the purl-spec type
// definitions (purl/types/*-definition.json of the corpus): every defined type
// has a row, and each row's namespace requirement, case folding and required
// qualifiers say what the definition says.
#include "purl/type_rules.h"

#include <gtest/gtest.h>

#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "support/corpus.h"

namespace soupkeeper::purl::internal {
namespace {

using nlohmann::json;

bool LowerCased(const json& def, const char* component) {
  // case_sensitive defaults to true (purl-type-definition.schema-1.1.json).
  return def.contains(component) && !def[component].value("case_sensitive", true);
}

TEST(PurlTypeRules, MatchDefinitions) {
  SK_REQUIRE_CORPUS(root);
  std::set<std::string> defined;
  for (const auto& path : testing::FilesBelow(root / "purl" / "types", "-definition.json")) {
    json def = json::parse(testing::ReadFileOrFail(path));
    std::string type = def.at("type");
    defined.insert(type);
    const TypeRule* rule = FindTypeRule(type);
    ASSERT_NE(rule, nullptr) << "no table row for type " << type;
    std::string requirement =
        def.value("namespace_definition", json::object()).value("requirement", "optional");
    Requirement want = requirement == "required"     ? Requirement::kRequired
                       : requirement == "prohibited" ? Requirement::kProhibited
                                                     : Requirement::kOptional;
    EXPECT_EQ(rule->namespace_requirement, want) << type;
    EXPECT_EQ(rule->namespace_lower, LowerCased(def, "namespace_definition")) << type;
    EXPECT_EQ(rule->name_lower, LowerCased(def, "name_definition")) << type;
    EXPECT_EQ(rule->version_lower, LowerCased(def, "version_definition")) << type;
    EXPECT_EQ(rule->subpath_lower, LowerCased(def, "subpath_definition")) << type;
    std::string required;
    for (const json& q : def.value("qualifiers_definition", json::array())) {
      if (q.value("requirement", "") == "required") required = q.at("key");
    }
    EXPECT_EQ(rule->required_qualifier, required) << type;
  }
  std::cout << "purl type table: " << defined.size() << " definitions checked\n";
  EXPECT_EQ(defined.size(), TypeRules().size()) << "table rows without a definition";
}

TEST(PurlTypeRules, TableIsSortedForLookup) {
  auto rules = TypeRules();
  for (size_t i = 1; i < rules.size(); ++i) EXPECT_LT(rules[i - 1].type, rules[i].type);
  EXPECT_EQ(FindTypeRule("bintray"), nullptr);
  ASSERT_NE(FindTypeRule("yocto"), nullptr);
  EXPECT_EQ(FindTypeRule("alpm")->type, "alpm");
}

}  // namespace
}  // namespace soupkeeper::purl::internal
