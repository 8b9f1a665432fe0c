// Unit tests of purl parsing, building and printing. Expected values are
// worked out by hand from ECMA-427 and the purl-spec how-to-parse/how-to-build
// procedures, not taken from the code's output.
#include "soupkeeper/purl.h"

#include <gtest/gtest.h>

#include <string>

namespace soupkeeper::purl {
namespace {

Purl MustParse(std::string_view text, ParseMode mode = ParseMode::kStrict) {
  Result<Purl> p = Parse(text, mode);
  EXPECT_TRUE(p.ok()) << p.status().message();
  return p.ok() ? *p : Purl{};
}

std::string ParseErrorOf(std::string_view text, ParseMode mode = ParseMode::kStrict) {
  Result<Purl> p = Parse(text, mode);
  EXPECT_FALSE(p.ok()) << "parsed: " << text;
  if (p.ok()) return "";
  EXPECT_EQ(p.status().code(), StatusCode::kParseError);
  return p.status().message();
}

TEST(PurlParse, AllComponents) {
  Purl p = MustParse("pkg:deb/debian/curl@7.50.3-1?distro=jessie&arch=i386#usr/bin");
  EXPECT_EQ(p.type, "deb");
  EXPECT_EQ(p.namespace_, "debian");
  EXPECT_EQ(p.name, "curl");
  EXPECT_EQ(p.version, "7.50.3-1");
  ASSERT_EQ(p.qualifiers.size(), 2u);
  EXPECT_EQ(p.qualifiers[0], (Qualifier{"arch", "i386"}));  // sorted by key
  EXPECT_EQ(p.qualifiers[1], (Qualifier{"distro", "jessie"}));
  EXPECT_EQ(p.subpath, "usr/bin");
  ASSERT_NE(p.FindQualifier("distro"), nullptr);
  EXPECT_EQ(*p.FindQualifier("distro"), "jessie");
  EXPECT_EQ(p.FindQualifier("epoch"), nullptr);
  EXPECT_EQ(ToString(p), "pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie#usr/bin");
}

TEST(PurlParse, DecodesAndReencodes) {
  Purl p = MustParse("pkg:npm/%40angular/animation@12.3.1");
  EXPECT_EQ(p.namespace_, "@angular");
  EXPECT_EQ(ToString(p), "pkg:npm/%40angular/animation@12.3.1");
  // An unencoded '@' followed by '/' belongs to the namespace, not the version.
  p = MustParse("pkg:npm/@babel/core", ParseMode::kLenient);
  EXPECT_EQ(p.namespace_, "@babel");
  EXPECT_EQ(p.name, "core");
  EXPECT_EQ(p.version, "");
  // The last '@' separates the version; earlier ones are part of the name.
  p = MustParse("pkg:brew/node@20@20.10.0");
  EXPECT_EQ(p.name, "node@20");
  EXPECT_EQ(p.version, "20.10.0");
  EXPECT_EQ(ToString(p), "pkg:brew/node%4020@20.10.0");
  // ':' is never encoded; "%3A" decodes to it. '+' is encoded, lower-case hex
  // escapes decode like upper-case ones, and the output uses upper case.
  p = MustParse("pkg:deb/debian/attr@1%3a2.4.47-2+b1");
  EXPECT_EQ(p.version, "1:2.4.47-2+b1");
  EXPECT_EQ(ToString(p), "pkg:deb/debian/attr@1:2.4.47-2%2Bb1");
  // Qualifier values: '/' and '&' and '=' are encoded; a space is %20.
  p = MustParse("pkg:generic/x?u=https://a.b/c%26d%3De%20f");
  EXPECT_EQ(*p.FindQualifier("u"), "https://a.b/c&d=e f");
  EXPECT_EQ(ToString(p), "pkg:generic/x?u=https:%2F%2Fa.b%2Fc%26d%3De%20f");
  // Non-ASCII: UTF-8 bytes percent-encoded in the canonical form.
  p = MustParse("pkg:generic/caf%C3%A9");
  EXPECT_EQ(p.name, "caf\xC3\xA9");
  EXPECT_EQ(ToString(p), "pkg:generic/caf%C3%A9");
}

TEST(PurlParse, NormalizesSlashesAndCase) {
  Purl p = MustParse("pkg:///Maven//org.apache.commons//io/");
  EXPECT_EQ(p.type, "maven");
  EXPECT_EQ(p.namespace_, "org.apache.commons");
  EXPECT_EQ(p.name, "io");
  EXPECT_EQ(ToString(p), "pkg:maven/org.apache.commons/io");
  // Subpath: leading, trailing, empty, "." and ".." segments dropped, also
  // when the dots are percent-encoded.
  p = MustParse("pkg:golang/google.golang.org/genproto#/a//./b/%2E%2E/c/");
  EXPECT_EQ(p.subpath, "a/b/c");
  // Empty values mean no qualifier; an empty qualifier string is none.
  p = MustParse("pkg:npm/foo@?a=&b=1&&");
  EXPECT_EQ(p.version, "");
  ASSERT_EQ(p.qualifiers.size(), 1u);
  EXPECT_EQ(ToString(p), "pkg:npm/foo?b=1");
  EXPECT_EQ(ToString(MustParse("pkg:npm/foo?#")), "pkg:npm/foo");
}

TEST(PurlParse, TypeRules) {
  EXPECT_EQ(ToString(MustParse("pkg:PYPI/Django_Package@1.11.1.DEV1")),
            "pkg:pypi/django-package@1.11.1.dev1");  // pypi version is case-insensitive
  EXPECT_EQ(ToString(MustParse("pkg:pub/Flutter-Test@1.0")), "pkg:pub/flutter_test@1.0");
  EXPECT_EQ(ToString(MustParse("pkg:cpan/drolsky/DateTime@1.55")),
            "pkg:cpan/DROLSKY/DateTime@1.55");
  EXPECT_EQ(ToString(MustParse("pkg:Deb/Debian/Curl")), "pkg:deb/debian/curl");
  EXPECT_EQ(ToString(MustParse("pkg:maven/HTTPClient/HTTPClient")),
            "pkg:maven/HTTPClient/HTTPClient");  // case-sensitive type
  Purl git = MustParse("pkg:git/codeberg.org/forgejo/forgejo@abc");
  EXPECT_EQ(git.namespace_, "codeberg.org");
  EXPECT_EQ(git.name, "forgejo/forgejo");
  EXPECT_EQ(ToString(git), "pkg:git/codeberg.org/forgejo/forgejo@abc");
  // mlflow: lower case only for a Databricks registry.
  EXPECT_EQ(MustParse("pkg:mlflow/Model?repository_url=https://x.azuredatabricks.net/api").name,
            "model");
  EXPECT_EQ(MustParse("pkg:mlflow/Model?repository_url=https://x.azureml.ms/api").name, "Model");
  // Types without a definition follow the general rules only.
  EXPECT_EQ(ToString(MustParse("pkg:bintray/Apache/CouchDB/couchdb-mac@2.3.0")),
            "pkg:bintray/Apache/CouchDB/couchdb-mac@2.3.0");
}

TEST(PurlParse, ErrorsSayWhatAndWhere) {
  EXPECT_EQ(ParseErrorOf("pkg:npm/%zz"),
            "invalid purl 'pkg:npm/%zz': bad percent-encoding at offset 8");
  EXPECT_EQ(ParseErrorOf("pkg:npm/foo@1%4"),
            "invalid purl 'pkg:npm/foo@1%4': bad percent-encoding at offset 13");
  EXPECT_EQ(ParseErrorOf("npm/foo"), "invalid purl 'npm/foo': missing 'pkg:' scheme at offset 0");
  EXPECT_EQ(ParseErrorOf("pkg%3Anpm/foo"),
            "invalid purl 'pkg%3Anpm/foo': missing 'pkg:' scheme at offset 0");
  EXPECT_EQ(ParseErrorOf("http:npm/foo"),
            "invalid purl 'http:npm/foo': scheme is not 'pkg' at offset 0");
  EXPECT_EQ(ParseErrorOf("pkg:/"), "invalid purl 'pkg:/': type is required at offset 5");
  EXPECT_EQ(ParseErrorOf("pkg:3nginx/nginx"),
            "invalid purl 'pkg:3nginx/nginx': type must start with an ASCII letter at offset 4");
  EXPECT_EQ(ParseErrorOf("pkg:ng_x/nginx"),
            "invalid purl 'pkg:ng_x/nginx': type has a character other than ASCII letters, "
            "digits, '.', '-' at offset 6");
  EXPECT_EQ(ParseErrorOf("pkg:npm"), "invalid purl 'pkg:npm': name is required at offset 7");
  EXPECT_EQ(ParseErrorOf("pkg:maven/@1.3.4"),
            "invalid purl 'pkg:maven/@1.3.4': name is required at offset 10");
  EXPECT_EQ(ParseErrorOf("pkg:npm/foo?in%20production=true"),
            "invalid purl 'pkg:npm/foo?in%20production=true': qualifier key 'in%20production' "
            "has a character other than a-z, 0-9, '.', '-', '_' at offset 14");
  EXPECT_EQ(ParseErrorOf("pkg:npm/foo?Arch=x86"),
            "invalid purl 'pkg:npm/foo?Arch=x86': qualifier key 'Arch' must be lower case at "
            "offset 12");
  EXPECT_EQ(ParseErrorOf("pkg:npm/foo?a=1&b"),
            "invalid purl 'pkg:npm/foo?a=1&b': qualifier without '=' at offset 16");
  EXPECT_EQ(ParseErrorOf("pkg:npm/foo?a=1&b=2&a=3"),
            "invalid purl 'pkg:npm/foo?a=1&b=2&a=3': duplicate qualifier key 'a' at offset 20");
  EXPECT_EQ(ParseErrorOf("pkg:npm/foo#a%2Fb"),
            "invalid purl 'pkg:npm/foo#a%2Fb': subpath segment holds an encoded '/' at offset 12");
  EXPECT_EQ(ParseErrorOf("pkg:npm/a%2Fb/foo"),
            "invalid purl 'pkg:npm/a%2Fb/foo': namespace segment holds an encoded '/' at offset 8");
  EXPECT_EQ(ParseErrorOf("pkg:npm/foo%FF"),
            "invalid purl 'pkg:npm/foo%FF': invalid UTF-8 in name at offset 8");
  EXPECT_EQ(ParseErrorOf(std::string_view("pkg:npm/f\no", 11)),
            "invalid purl 'pkg:npm/f\\x0ao': unencoded control character at offset 9");
  EXPECT_EQ(ParseErrorOf("pkg:swift/Alamofire@5.4.3"),
            "invalid purl 'pkg:swift/Alamofire@5.4.3': type 'swift' requires a namespace at "
            "offset 10");
  EXPECT_EQ(ParseErrorOf("pkg:otp/ns/hex"),
            "invalid purl 'pkg:otp/ns/hex': type 'otp' does not allow a namespace at offset 8");
  EXPECT_EQ(ParseErrorOf("pkg:julia/Dates"),
            "invalid purl 'pkg:julia/Dates': type 'julia' requires the 'uuid' qualifier at offset "
            "15");
  EXPECT_EQ(ParseErrorOf("pkg:chrome-extension/abc@1"),
            "invalid purl 'pkg:chrome-extension/abc@1': type 'chrome-extension' needs a name of "
            "32 letters a-p (the extension id), not 'abc' at offset 21");
  // Long inputs are cut in the message; the offset still counts in the input.
  std::string long_name(300, 'a');
  std::string msg = ParseErrorOf("pkg:npm/" + long_name + "%");
  EXPECT_NE(msg.find("...': bad percent-encoding at offset 308"), std::string::npos) << msg;
}

TEST(PurlParse, LenientLowerCasesQualifierKeys) {
  Purl p = MustParse("pkg:rpm/fedora/curl?Arch=i386&Distro=fedora-25", ParseMode::kLenient);
  EXPECT_EQ(ToString(p), "pkg:rpm/fedora/curl?arch=i386&distro=fedora-25");
  // Keys that differ only in case are the same key.
  EXPECT_NE(ParseErrorOf("pkg:npm/foo?a=1&A=2", ParseMode::kLenient).find("duplicate"),
            std::string::npos);
}

TEST(PurlParse, CanonicalIsFixedPoint) {
  for (const char* text :
       {"pkg:npm/%40angular/animation@12.3.1?a=%2F%20&b=:#x/y", "pkg:generic/a%2Fb@1%402",
        "pkg:git/host/a/b/c#d", "pkg:swid/Acme/example.com/Enterprise+Server@1.0.0?tag_id=x"}) {
    Purl p = MustParse(text, ParseMode::kLenient);
    std::string canonical = ToString(p);
    Purl again = MustParse(canonical);
    EXPECT_EQ(again, p) << text;
    EXPECT_EQ(ToString(again), canonical);
  }
}

TEST(PurlParse, ParseIntoReusesAndResets) {
  Purl p;
  ASSERT_TRUE(ParseInto("pkg:deb/debian/curl@1?arch=i386&distro=x#a", &p).ok());
  ASSERT_TRUE(ParseInto("pkg:npm/foo", &p).ok());
  EXPECT_EQ(p, MustParse("pkg:npm/foo"));
  EXPECT_TRUE(p.qualifiers.empty());
  EXPECT_TRUE(p.subpath.empty());
}

TEST(PurlBuild, NormalizesComponents) {
  Purl c;
  c.type = "PyPI";
  c.name = "Django_Package";
  c.version = "1.0";
  c.qualifiers = {{"File_Name", "Django-1.0.tar.gz"}, {"arch", ""}};
  c.subpath = "/a/../b/";
  Result<Purl> p = Build(c);
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(ToString(*p), "pkg:pypi/django-package@1.0?file_name=Django-1.0.tar.gz#a/b");

  c = Purl{};
  c.type = "maven";
  c.namespace_ = "/org.apache//commons/";
  c.name = "io";
  p = Build(c);
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->namespace_, "org.apache/commons");

  c = Purl{};
  c.type = "generic";
  c.name = "a/b";  // a name may hold '/', encoded
  p = Build(c);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(ToString(*p), "pkg:generic/a%2Fb");
  EXPECT_EQ(MustParse(ToString(*p)), *p);
}

// Components for Build: type, namespace, name, qualifiers.
Purl Components(std::string type, std::string ns, std::string name,
                std::vector<Qualifier> qualifiers = {}) {
  Purl c;
  c.type = std::move(type);
  c.namespace_ = std::move(ns);
  c.name = std::move(name);
  c.qualifiers = std::move(qualifiers);
  return c;
}

TEST(PurlBuild, Errors) {
  auto error_of = [](Purl c) -> std::string {
    Result<Purl> p = Build(std::move(c));
    EXPECT_FALSE(p.ok());
    if (p.ok()) return "";
    EXPECT_EQ(p.status().code(), StatusCode::kInvalidArgument);
    return p.status().message();
  };
  EXPECT_EQ(error_of(Components("", "", "x")), "invalid purl components: type is required");
  EXPECT_EQ(error_of(Components("npm", "", "")), "invalid purl components: name is required");
  EXPECT_EQ(error_of(Components("npm", "", "//")), "invalid purl components: name is required");
  EXPECT_EQ(error_of(Components("n:x", "", "a")),
            "invalid purl components: type 'n:x' must be ASCII letters, digits, '.', '-' and "
            "start with a letter");
  EXPECT_EQ(error_of(Components("npm", "", "a", {{"a b", "1"}})),
            "invalid purl components: qualifier key 'a b' has a character other than a-z, 0-9, "
            "'.', '-', '_'");
  EXPECT_EQ(error_of(Components("npm", "", "a", {{"K", "1"}, {"k", "2"}})),
            "invalid purl components: duplicate qualifier key 'k'");
  EXPECT_EQ(error_of(Components("npm", "", "a\xFF")),
            "invalid purl components: name is not valid UTF-8");
  EXPECT_EQ(error_of(Components("vcpkg", "boost", "asio")),
            "invalid purl components: type 'vcpkg' does not allow a namespace");
  EXPECT_EQ(error_of(Components("git", "a/b", "c")),
            "invalid purl components: type 'git' needs the host alone as namespace, not 'a/b'");
}

TEST(PurlIdentity, WithoutVersionDropsReleaseAndArtifactParts) {
  EXPECT_EQ(WithoutVersion(MustParse("pkg:deb/debian/curl@7.50.3-1?arch=i386#usr")),
            "pkg:deb/debian/curl");
  EXPECT_EQ(WithoutVersion(MustParse("pkg:npm/%40angular/animation@12.3.1")),
            "pkg:npm/%40angular/animation");
  EXPECT_EQ(WithoutVersion(MustParse("pkg:PyPI/Django_Package@1.0")), "pkg:pypi/django-package");
  // Different versions of one package share the identity.
  EXPECT_EQ(WithoutVersion(MustParse("pkg:maven/g/a@1")),
            WithoutVersion(MustParse("pkg:maven/g/a@2")));
}

}  // namespace
}  // namespace soupkeeper::purl
