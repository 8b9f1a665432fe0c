// `supplier::Import` on every backend: a full file round trips into the
// store; every kind of error names the file and line and stores nothing.
#include <gtest/gtest.h>

#include "soupkeeper/supplier.h"
#include "store/backends.h"

namespace soupkeeper::testing {
namespace {

namespace sp = supplier;

constexpr const char* kGood = R"(suppliers:
  - name: Acme Embedded GmbH
    kind: custom-developer
    contact: psirt@acme.example
    csaf_url: https://acme.example/.well-known/csaf/provider-metadata.json
    website: https://acme.example
    agreement:
      ref: QA-2026-017
      signed: 2026-01-15
      valid_until: 2028-01-14
      clauses:
        vulnerability-notification-time: {state: present, value: 72h, section: "4.2"}
        patch-sla-by-severity:
          state: present
          sla: {critical: 7, high: 30, medium: 90, low: 180}
          section: "5"
        escrow: {state: absent}
  - name: AWS
    kind: cloud-provider
    responsibilities:
      patching: {party: shared, note: AWS patches the hypervisor}
      backup: manufacturer
  - name: OpenSSL Project
    kind: open-source-project
    website: https://www.openssl.org
)";

// The error of parsing `yaml` (as "s.yaml").
std::string ErrorOf(const std::string& yaml) {
  auto r = sp::ParseImport(yaml, "s.yaml");
  return r.ok() ? "ok" : r.status().message();
}

class SupplierImportTest : public BackendTest {};

TEST_P(SupplierImportTest, ImportsEverything) {
  auto s = OpenStore();
  auto count = sp::Import(*s, {"alice", "initial list"}, kGood, "s.yaml");
  ASSERT_TRUE(count.ok()) << count.status().message();
  EXPECT_EQ(*count, 3u);
  auto acme = sp::Get(*s, "Acme Embedded GmbH");
  ASSERT_TRUE(acme.ok());
  EXPECT_EQ(acme->security_contact, "psirt@acme.example");
  ASSERT_TRUE(acme->agreement);
  EXPECT_EQ(acme->agreement->document_id, "QA-2026-017");
  EXPECT_EQ(acme->agreement->signed_on, "2026-01-15");
  ASSERT_EQ(acme->agreement->clauses.size(), 3u);
  EXPECT_EQ(sp::DescribeClause(acme->agreement->clauses[0]), "present 72h @4.2");
  EXPECT_EQ(sp::DescribeClause(acme->agreement->clauses[1]),
            "present critical=7,high=30,medium=90,low=180 @5");
  EXPECT_EQ(sp::DescribeClause(acme->agreement->clauses[2]), "absent");
  auto aws = sp::Get(*s, "AWS");
  ASSERT_EQ(aws->responsibilities.size(), 2u);
  EXPECT_EQ(aws->responsibilities[0].area, "backup");
  EXPECT_EQ(aws->responsibilities[0].party, sp::Party::kManufacturer);
  EXPECT_EQ(aws->responsibilities[1].note, "AWS patches the hypervisor");
  // 3 suppliers, 1 agreement, 2 areas.
  auto events = s->Events({});
  ASSERT_EQ(events->size(), 6u);
  EXPECT_EQ((*events)[0].Reason(), "initial list");
  EXPECT_TRUE(s->Verify(std::nullopt)->ok());
}

TEST_P(SupplierImportTest, AnExistingSupplierStopsTheWholeImport) {
  auto s = OpenStore();
  sp::Supplier aws;
  aws.name = "AWS";
  aws.kind = sp::Kind::kCloudProvider;
  ASSERT_TRUE(sp::Add(*s, {"alice", ""}, aws).ok());
  auto count = sp::Import(*s, {"alice", ""}, kGood, "s.yaml");
  EXPECT_EQ(count.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(count.status().message(), "s.yaml: line 18: supplier 'AWS' already exists");
  EXPECT_EQ(sp::List(*s)->size(), 1u);
  EXPECT_EQ(s->Events({})->size(), 1u);
}

TEST(SupplierImportParse, ErrorsNameFileAndLine) {
  EXPECT_EQ(ErrorOf(""), "s.yaml: line 1: the file must be a mapping with 'suppliers'");
  EXPECT_EQ(ErrorOf("suppliers: x\n"), "s.yaml: line 1: 'suppliers' must be a list");
  EXPECT_EQ(ErrorOf("vendors: []\n"),
            "s.yaml: line 1: unknown key 'vendors' in the file (allowed: suppliers)");
  EXPECT_EQ(ErrorOf("suppliers:\n  - name: A\n    kind: vendor\n"),
            "s.yaml: line 3: unknown supplier kind 'vendor' (allowed: open-source-project, "
            "commercial-vendor, custom-developer, cloud-provider)");
  EXPECT_EQ(ErrorOf("suppliers:\n  - kind: cloud-provider\n"),
            "s.yaml: line 2: a supplier needs a name");
  EXPECT_EQ(ErrorOf("suppliers:\n  - name: A\n"), "s.yaml: line 2: supplier 'A' needs a kind");
  EXPECT_EQ(ErrorOf("suppliers:\n  - name: A\n    kind: cloud-provider\n    colour: red\n"),
            "s.yaml: line 4: unknown key 'colour' in a supplier (allowed: name, kind, contact, "
            "csaf_url, website, agreement, responsibilities)");
  EXPECT_EQ(ErrorOf("suppliers:\n  - name: A\n    kind: custom-developer\n    agreement:\n"
                    "      ref: QA\n      signed: 2026-02-30\n"),
            "s.yaml: line 5: invalid agreement signing date '2026-02-30': day 30 does not exist "
            "(expected YYYY-MM-DD)");
  EXPECT_EQ(ErrorOf("suppliers:\n  - name: A\n    kind: custom-developer\n    agreement:\n"
                    "      ref: QA\n      signed: 2026-01-01\n      clauses:\n"
                    "        right-to-audit: {state: maybe}\n"),
            "s.yaml: line 8: clause right-to-audit: unknown clause state 'maybe' (allowed: "
            "present, absent, partial)");
  EXPECT_EQ(ErrorOf("suppliers:\n  - name: A\n    kind: custom-developer\n    agreement:\n"
                    "      ref: QA\n      signed: 2026-01-01\n      clauses:\n"
                    "        patch-sla-by-severity:\n          state: partial\n"
                    "          sla: {critical: soon}\n"),
            "s.yaml: line 10: patch-sla-by-severity critical: 'soon' is not a number of days "
            "from 1 to 3650");
  EXPECT_EQ(
      ErrorOf("suppliers:\n  - name: A\n    kind: commercial-vendor\n"
              "    responsibilities:\n      patching: shared\n"),
      "s.yaml: line 2: supplier 'A' is of kind commercial-vendor; responsibilities are kept for "
      "cloud providers only");
  EXPECT_EQ(ErrorOf("suppliers:\n  - name: A\n    kind: cloud-provider\n"
                    "    responsibilities:\n      patching: {party: vendor}\n"),
            "s.yaml: line 5: responsibility patching: unknown responsible party 'vendor' "
            "(allowed: provider, manufacturer, shared)");
  EXPECT_EQ(ErrorOf("suppliers:\n  - name: A\n    kind: cloud-provider\n"
                    "  - name: A\n    kind: cloud-provider\n"),
            "s.yaml: line 4: supplier 'A' is listed twice");
  EXPECT_EQ(ErrorOf("suppliers:\n  - name: A\n    name: B\n"),
            "s.yaml: line 3: key 'name' is given twice");
  EXPECT_EQ(ErrorOf("suppliers:\n  - name: [A\n"),
            "s.yaml: line 3: not valid YAML: end of sequence flow not found");
}

SK_INSTANTIATE_BACKENDS(SupplierImportTest);

}  // namespace
}  // namespace soupkeeper::testing
