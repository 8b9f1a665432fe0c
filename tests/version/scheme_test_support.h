// Assertions shared by the per-scheme unit tests in tests/version/.
#ifndef SOUPKEEPER_TESTS_VERSION_SCHEME_TEST_SUPPORT_H_
#define SOUPKEEPER_TESTS_VERSION_SCHEME_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "soupkeeper/version.h"

namespace soupkeeper::version::testing {

inline const VersionScheme& Scheme(const std::string& name) {
  const VersionScheme* s = FindScheme(name);
  EXPECT_NE(s, nullptr) << "scheme " << name << " not registered";
  return *s;
}

inline int Cmp(const std::string& scheme, const std::string& a, const std::string& b) {
  Result<int> c = Scheme(scheme).CompareText(a, b);
  EXPECT_TRUE(c.ok()) << scheme << ": " << a << " vs " << b << ": " << c.status().message();
  return c.ok() ? (*c > 0) - (*c < 0) : 99;
}

// Every version ranks strictly below the next, in both directions.
inline void ExpectAscending(const std::string& scheme, const std::vector<std::string>& versions) {
  for (size_t i = 0; i + 1 < versions.size(); ++i) {
    EXPECT_EQ(Cmp(scheme, versions[i], versions[i + 1]), -1)
        << scheme << ": " << versions[i] << " < " << versions[i + 1];
    EXPECT_EQ(Cmp(scheme, versions[i + 1], versions[i]), 1)
        << scheme << ": " << versions[i + 1] << " > " << versions[i];
  }
}

inline void ExpectSame(const std::string& scheme, const std::string& a, const std::string& b) {
  EXPECT_EQ(Cmp(scheme, a, b), 0) << scheme << ": " << a << " == " << b;
  EXPECT_EQ(Cmp(scheme, b, a), 0) << scheme << ": " << b << " == " << a;
}

inline std::string Canonical(const std::string& scheme, const std::string& v) {
  auto p = Scheme(scheme).Parse(v);
  if (!p.ok()) return "error: " + p.status().message();
  return Scheme(scheme).Canonical(**p);
}

// The scheme's Upstream() of `v`, "(none)" when the scheme has none, or
// "error: ..." when `v` does not parse.
inline std::string Upstream(const std::string& scheme, const std::string& v) {
  auto p = Scheme(scheme).Parse(v);
  if (!p.ok()) return "error: " + p.status().message();
  std::optional<std::string_view> u = Scheme(scheme).Upstream(**p);
  return u ? std::string(*u) : "(none)";
}

// The parse error message, or "" when `v` parses.
inline std::string ParseError(const std::string& scheme, const std::string& v) {
  auto p = Scheme(scheme).Parse(v);
  if (p.ok()) return "";
  EXPECT_EQ(p.status().code(), StatusCode::kParseError);
  return p.status().message();
}

}  // namespace soupkeeper::version::testing

#endif  // SOUPKEEPER_TESTS_VERSION_SCHEME_TEST_SUPPORT_H_
