// Native ranges: the dispatcher from a vers type to its reader, the helpers
// the readers share, and NativeRange's two ways of writing a result.
#include <algorithm>

#include "range/membership.h"
#include "range/native_support.h"

namespace soupkeeper::range {
namespace native {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::vector<std::string_view> Split(std::string_view s, std::string_view sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t at = s.find(sep, start);
    if (at == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, at - start));
    start = at + sep.size();
  }
}

Status NativeError(std::string_view type, std::string_view native, size_t offset,
                   std::string_view what) {
  return ParseError("invalid " + std::string(type) + " range '" + std::string(native) +
                    "': " + std::string(what) + " at offset " + std::to_string(offset));
}

size_t OffsetIn(std::string_view whole, std::string_view part) {
  return static_cast<size_t>(part.data() - whole.data());
}

Disjunction Distribute(const std::vector<Disjunction>& factors) {
  Disjunction out{Conjunction{}};
  for (const Disjunction& f : factors) {
    Disjunction next;
    for (const Conjunction& a : out) {
      for (const Conjunction& b : f) {
        Conjunction c = a;
        c.insert(c.end(), b.begin(), b.end());
        next.push_back(std::move(c));
      }
    }
    out = std::move(next);
  }
  return out;
}

Constraint Make(Comparator c, std::string version) { return Constraint{c, std::move(version)}; }

}  // namespace native

Result<NativeRange> ParseNative(std::string_view vers_type, std::string_view text) {
  using namespace native;
  Result<Disjunction> d = Disjunction{};
  if (vers_type == "npm") {
    d = ReadNpm(text);
  } else if (vers_type == "pypi") {
    d = ReadPypi(text);
  } else if (vers_type == "gem") {
    d = ReadGem(text);
  } else if (vers_type == "nuget" || vers_type == "maven") {
    d = ReadInterval(vers_type, text);
  } else if (vers_type == "composer") {
    d = ReadComposer(text);
  } else if (vers_type == "golang") {
    d = ReadGolang(text);
  } else if (vers_type == "conan") {
    d = ReadConan(text);
  } else if (vers_type == "openssl") {
    d = ReadOpenssl(text);
  } else if (vers_type == "nginx") {
    d = ReadNginx(text);
  } else {
    return InvalidArgument("no native range syntax known for '" + std::string(vers_type) +
                           "' (known: npm, pypi, gem, nuget, maven, composer, golang, conan, "
                           "openssl, nginx)");
  }
  if (!d.ok()) return d.status();
  return NativeRange{std::string(vers_type), std::move(*d)};
}

namespace {

Result<const version::VersionScheme*> SchemeOf(std::string_view type) {
  const version::VersionScheme* s = SchemeForVersType(type);
  if (s == nullptr) {
    return InvalidArgument("unknown versioning scheme '" + std::string(type) + "'");
  }
  return s;
}

}  // namespace

Result<std::string> NativeRange::FlatVers() const {
  SK_ASSIGN_OR_RETURN(const version::VersionScheme* scheme, SchemeOf(type));
  std::vector<Constraint> flat;
  for (const auto& alt : alternatives) flat.insert(flat.end(), alt.begin(), alt.end());
  SK_ASSIGN_OR_RETURN(auto items, MembershipBuilder::ParseAll(*scheme, flat));
  MembershipBuilder::Sort(*scheme, items);
  std::vector<Constraint> sorted;
  for (auto& pc : items) sorted.push_back(std::move(pc.constraint));
  if (sorted.empty()) return "vers:" + type + "/";
  SK_ASSIGN_OR_RETURN(VersRange r, VersRange::Build(type, std::move(sorted)));
  return r.ToString();
}

Result<VersRange> NativeRange::ToVers() const {
  SK_ASSIGN_OR_RETURN(const version::VersionScheme* scheme, SchemeOf(type));
  std::vector<std::vector<ParsedConstraint>> parsed;
  for (const auto& alt : alternatives) {
    SK_ASSIGN_OR_RETURN(auto items, MembershipBuilder::ParseAll(*scheme, alt));
    parsed.push_back(std::move(items));
  }
  VersRange r = MembershipBuilder::FromUnion(type, *scheme, parsed);
  if (MembershipBuilder::IsEmpty(r)) {
    return InvalidArgument("the " + type + " range holds no version; vers cannot write it");
  }
  return r;
}

}  // namespace soupkeeper::range
