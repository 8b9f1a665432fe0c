// Test-only reader of the specs' WFN notation, so examples can be copied from
// NISTIR 7695/7696 as written:
//   wfn:[part="a",vendor="microsoft",version="8\.0\.6001",update=NA]
// Unlisted attributes are ANY. Fails the current test on malformed notation.
#ifndef SOUPKEEPER_TESTS_CPE_WFN_NOTATION_H_
#define SOUPKEEPER_TESTS_CPE_WFN_NOTATION_H_

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "soupkeeper/cpe.h"

namespace soupkeeper::cpe::testing {

inline Attribute AttributeNamed(std::string_view name) {
  for (size_t i = 0; i < kAttributeCount; ++i) {
    if (AttributeName(static_cast<Attribute>(i)) == name) return static_cast<Attribute>(i);
  }
  ADD_FAILURE() << "unknown attribute " << name;
  return Attribute::kOther;
}

inline Wfn W(std::string_view notation) {
  Wfn wfn;
  std::string_view s = notation;
  if (s.substr(0, 5) != "wfn:[" || s.back() != ']') {
    ADD_FAILURE() << "not WFN notation: " << notation;
    return wfn;
  }
  s = s.substr(5, s.size() - 6);
  while (!s.empty()) {
    size_t eq = s.find('=');
    std::string_view name = s.substr(0, eq);
    s.remove_prefix(eq + 1);
    Value v;
    if (s.front() == '"') {
      size_t i = 1;
      while (i < s.size() && s[i] != '"') i += s[i] == '\\' ? 2 : 1;
      auto value = Value::FromWfn(s.substr(1, i - 1));
      EXPECT_TRUE(value.ok()) << value.status().message();
      if (value.ok()) v = *value;
      s.remove_prefix(i + 1);
    } else {
      size_t end = s.find(',');
      std::string_view logical = s.substr(0, end);
      if (logical == "NA") {
        v = Value::Na();
      } else if (logical != "ANY") {
        ADD_FAILURE() << "bad logical value " << logical;
      }
      s.remove_prefix(logical.size());
    }
    Status st = wfn.Set(AttributeNamed(name), v);
    EXPECT_TRUE(st.ok()) << st.message();
    if (!s.empty() && s.front() == ',') s.remove_prefix(1);
  }
  return wfn;
}

}  // namespace soupkeeper::cpe::testing

#endif  // SOUPKEEPER_TESTS_CPE_WFN_NOTATION_H_
