// The purl type table and the code behind its name rules.
//
// One row per type of package-url/purl-spec types/ (42 types). Columns:
// type, namespace requirement, lower-case namespace / name / version /
// subpath (the definition's case_sensitive: false), required qualifier, name
// rule. Adding a type is one row here (keep the rows sorted by type).
#include "purl/type_rules.h"

#include <algorithm>

#include "core/text.h"

namespace soupkeeper::purl::internal {
namespace {

using enum Requirement;
using enum NameRule;

// clang-format off
constexpr TypeRule kTypeRules[] = {
    // type               namespace    ns     name   vers   subp   required qualifier
    {"alpm",             kRequired,   true,  true,  false, false, "",       kNone},
    {"apk",              kRequired,   true,  true,  false, false, "",       kNone},
    {"bazel",            kProhibited, false, false, false, false, "",       kNone},
    {"bitbucket",        kRequired,   true,  true,  false, false, "",       kNone},
    {"bitnami",          kProhibited, false, true,  false, false, "",       kNone},
    {"brew",             kOptional,   true,  true,  false, false, "",       kNone},
    {"cargo",            kProhibited, false, false, false, false, "",       kNone},
    {"chrome-extension", kProhibited, false, true,  false, false, "",       kChromeExtension},
    {"cocoapods",        kProhibited, false, false, false, false, "",       kNone},
    {"composer",         kRequired,   true,  true,  false, false, "",       kNone},
    {"conan",            kOptional,   false, false, false, false, "",       kNone},
    {"conda",            kProhibited, false, false, false, false, "",       kNone},
    {"cpan",             kOptional,   false, false, false, false, "",       kCpan},
    {"cran",             kProhibited, false, false, false, false, "",       kNone},
    {"deb",              kRequired,   true,  true,  false, false, "",       kNone},
    {"docker",           kOptional,   false, false, false, false, "",       kNone},
    {"gem",              kProhibited, false, false, false, false, "",       kNone},
    {"generic",          kOptional,   false, false, false, false, "",       kNone},
    {"git",              kRequired,   false, false, false, false, "",       kGit},
    {"github",           kRequired,   true,  true,  false, false, "",       kNone},
    {"golang",           kRequired,   false, false, false, false, "",       kNone},
    {"hackage",          kProhibited, false, false, false, false, "",       kNone},
    {"hex",              kOptional,   true,  true,  false, false, "",       kNone},
    {"huggingface",      kRequired,   false, false, true,  false, "",       kNone},
    {"julia",            kProhibited, false, false, false, false, "uuid",   kNone},
    {"luarocks",         kOptional,   true,  true,  false, false, "",       kNone},
    {"maven",            kRequired,   false, false, false, false, "",       kNone},
    {"mlflow",           kProhibited, false, false, false, false, "",       kMlflow},
    {"npm",              kOptional,   false, false, false, false, "",       kNone},
    {"nuget",            kProhibited, false, false, false, false, "",       kNone},
    {"oci",              kProhibited, false, true,  true,  false, "",       kNone},
    {"opam",             kProhibited, false, false, false, false, "",       kNone},
    {"otp",              kProhibited, false, true,  false, true,  "",       kNone},
    {"pub",              kProhibited, false, true,  false, false, "",       kPub},
    {"pypi",             kProhibited, false, true,  true,  false, "",       kPypi},
    {"qpkg",             kRequired,   true,  false, false, false, "",       kNone},
    {"rpm",              kRequired,   true,  false, false, false, "",       kNone},
    {"swid",             kOptional,   false, false, false, false, "tag_id", kNone},
    {"swift",            kRequired,   false, false, false, false, "",       kNone},
    {"vcpkg",            kProhibited, false, false, false, false, "",       kNone},
    {"vscode-extension", kRequired,   true,  true,  true,  false, "",       kNone},
    {"yocto",            kOptional,   true,  false, false, false, "",       kNone},
};
// clang-format on

std::string TypeQuoted(const TypeRule& rule) { return "type '" + std::string(rule.type) + "'"; }

// ^[a-p]{32}$
bool IsChromeExtensionId(std::string_view s) {
  return s.size() == 32 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'p'; });
}

// ^\d+(\.\d+){0,3}$
bool IsChromeExtensionVersion(std::string_view s) {
  int parts = 0;
  size_t i = 0;
  while (true) {
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return false;
    if (++parts > 4) return false;
    if (i == s.size()) return true;
    if (s[i] != '.') return false;
    ++i;
  }
}

// pub: lower case is applied by the row; every other character outside
// [a-z0-9_] becomes one '_' (one per code point, not per UTF-8 byte).
void NormalizePubName(std::string* name) {
  std::string out;
  out.reserve(name->size());
  for (unsigned char c : *name) {
    if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    out.push_back(keep ? static_cast<char>(c) : '_');
  }
  *name = std::move(out);
}

// The mlflow definition: model names are case-insensitive (lower case) on
// Databricks and case-sensitive elsewhere (Azure ML). The registry is told by
// the host of the repository_url qualifier.
bool IsDatabricksRegistry(const Purl& p) {
  const std::string* url = p.FindQualifier("repository_url");
  if (url == nullptr) return false;
  std::string_view host = *url;
  if (size_t scheme = host.find("://"); scheme != std::string_view::npos) {
    host.remove_prefix(scheme + 3);
  }
  host = host.substr(0, host.find('/'));
  return text::ToAsciiLower(host).find("databricks") != std::string::npos;
}

}  // namespace

std::span<const TypeRule> TypeRules() { return kTypeRules; }

const TypeRule* FindTypeRule(std::string_view type) {
  auto it = std::lower_bound(std::begin(kTypeRules), std::end(kTypeRules), type,
                             [](const TypeRule& r, std::string_view t) { return r.type < t; });
  if (it == std::end(kTypeRules) || it->type != type) return nullptr;
  return &*it;
}

std::optional<Violation> ApplyTypeRule(const TypeRule* rule, Purl* p) {
  if (rule == nullptr) return std::nullopt;
  if (rule->namespace_lower) text::AsciiLowerInPlace(&p->namespace_);
  if (rule->name_lower) text::AsciiLowerInPlace(&p->name);
  if (rule->version_lower) text::AsciiLowerInPlace(&p->version);
  if (rule->subpath_lower) text::AsciiLowerInPlace(&p->subpath);

  switch (rule->name_rule) {
    case kNone:
      break;
    case kPypi:
      std::replace(p->name.begin(), p->name.end(), '_', '-');
      break;
    case kPub:
      NormalizePubName(&p->name);
      break;
    case kCpan:
      text::AsciiUpperInPlace(&p->namespace_);
      if (p->name.find("::") != std::string::npos) {
        return Violation{Component::kName,
                         "name '" + p->name +
                             "' is a CPAN module name; type 'cpan' needs the distribution name "
                             "(no '::')"};
      }
      break;
    case kChromeExtension:
      if (!IsChromeExtensionId(p->name)) {
        return Violation{Component::kName,
                         "type 'chrome-extension' needs a name of 32 letters a-p (the "
                         "extension id), not '" +
                             p->name + "'"};
      }
      if (!p->version.empty() && !IsChromeExtensionVersion(p->version)) {
        return Violation{Component::kVersion,
                         "type 'chrome-extension' needs a version of 1 to 4 dot-separated "
                         "numbers, not '" +
                             p->version + "'"};
      }
      break;
    case kMlflow:
      if (IsDatabricksRegistry(*p)) text::AsciiLowerInPlace(&p->name);
      break;
    case kGit:
      if (p->namespace_.find('/') != std::string::npos) {
        return Violation{
            Component::kNamespace,
            "type 'git' needs the host alone as namespace, not '" + p->namespace_ + "'"};
      }
      break;
  }

  if (rule->namespace_requirement == kRequired && p->namespace_.empty()) {
    return Violation{Component::kNamespace, TypeQuoted(*rule) + " requires a namespace"};
  }
  if (rule->namespace_requirement == kProhibited && !p->namespace_.empty()) {
    return Violation{Component::kNamespace, TypeQuoted(*rule) + " does not allow a namespace"};
  }
  if (!rule->required_qualifier.empty() && p->FindQualifier(rule->required_qualifier) == nullptr) {
    return Violation{Component::kQualifiers, TypeQuoted(*rule) + " requires the '" +
                                                 std::string(rule->required_qualifier) +
                                                 "' qualifier"};
  }
  return std::nullopt;
}

}  // namespace soupkeeper::purl::internal
