// `soupkeeper supplier ...` end to end, on every backend.
#include <gtest/gtest.h>

#include <fstream>

#include "soupkeeper/hash.h"
#include "store/backends.h"
#include "support/corpus.h"

namespace soupkeeper::testing {
namespace {

class SupplierCliTest : public BackendTest {
 protected:
  CliResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", uri_, "--actor", "alice"});
    return RunCli(args);
  }

  std::string WriteFile(const std::string& name, const std::string& text) {
    std::string path = (dir_.path() / name).string();
    std::ofstream(path) << text;
    return path;
  }

  void AddAcme() {
    CliResult r = Run({"supplier", "add", "Acme Embedded GmbH", "--kind", "custom-developer",
                       "--contact", "psirt@acme.example", "--reason", "new contractor"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "added supplier Acme Embedded GmbH\n");
  }
};

TEST_P(SupplierCliTest, AgreementAndCheck) {
  AddAcme();
  // Without an agreement every default clause (all but escrow) is missing.
  CliResult r = Run({"supplier", "check", "Acme Embedded GmbH"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 9) << r.out;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "requirements-communicated: no quality agreement");

  r = Run({"supplier",
           "agreement",
           "Acme Embedded GmbH",
           "--ref",
           "QA-2026-017",
           "--signed",
           "2026-01-15",
           "--valid-until",
           "2028-01-14",
           "--clause",
           "requirements-communicated=present@3",
           "--clause",
           "lifecycle-activities-required=present@3.2",
           "--clause",
           "vulnerability-notification-time=present:72h@4.2",
           "--clause",
           "patch-sla-by-severity=present:critical=7,high=30,medium=90,low=180@5",
           "--clause",
           "sbom-and-vex-per-release=present@6",
           "--clause",
           "change-notification-before-implementation=partial@6.3",
           "--clause",
           "disclosure-contact=present@4.1",
           "--clause",
           "end-of-support-notice-period=present:12mo@9",
           "--clause",
           "right-to-audit=absent",
           "--reason",
           "signed"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "recorded agreement QA-2026-017 of supplier Acme Embedded GmbH (9 clauses)\n");

  r = Run({"supplier", "check", "Acme Embedded GmbH"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out,
            "change-notification-before-implementation: partial (@6.3)\n"
            "right-to-audit: absent\n");

  r = Run({"--format", "json", "supplier", "check", "Acme Embedded GmbH", "--require",
           "disclosure-contact", "--require", "escrow"});
  EXPECT_EQ(r.exit_code, 1);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["required"], nlohmann::json::array({"disclosure-contact", "escrow"}));
  ASSERT_EQ(j["missing"].size(), 1u);
  EXPECT_EQ(j["missing"][0]["key"], "escrow");
  EXPECT_EQ(j["missing"][0]["why"], "not recorded");

  r = Run({"supplier", "check", "Acme Embedded GmbH", "--require", "disclosure-contact"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "supplier Acme Embedded GmbH: all 1 required clauses present\n");

  r = Run({"supplier", "check", "Acme Embedded GmbH", "--require", "audit"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("soupkeeper: --require: unknown clause 'audit' (allowed: ", 0), 0u)
      << r.err;

  r = Run({"supplier", "show", "Acme Embedded GmbH"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("agreement:         QA-2026-017, signed 2026-01-15, valid until "
                       "2028-01-14\n"
                       "  requirements-communicated                   present @3\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  patch-sla-by-severity                       present "
                       "critical=7,high=30,medium=90,low=180 @5\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  escrow                                      not recorded\n"),
            std::string::npos)
      << r.out;

  // An open-source project needs no clauses.
  ASSERT_EQ(Run({"supplier", "add", "zlib", "--kind", "open-source-project"}).exit_code, 0);
  r = Run({"supplier", "check", "zlib"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out,
            "supplier zlib is of kind open-source-project: no agreement clauses are required\n");
}

TEST_P(SupplierCliTest, BadInputIsRefusedWithTheAllowedValues) {
  CliResult r = Run({"supplier", "add", "X", "--kind", "vendor"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: unknown supplier kind 'vendor' (allowed: open-source-project, "
            "commercial-vendor, custom-developer, cloud-provider)\n");
  r = Run({"supplier", "add", "X"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "soupkeeper: supplier add: --kind is required\n");
  AddAcme();
  r = Run({"supplier", "agreement", "Acme Embedded GmbH", "--ref", "QA", "--signed", "2026-01-15",
           "--clause", "escrow=present", "--clause", "right-to-audit=maybe"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: --clause right-to-audit=maybe: clause right-to-audit: unknown clause "
            "state 'maybe' (allowed: present, absent, partial)\n");
  r = Run({"supplier", "agreement", "Acme Embedded GmbH", "--ref", "QA", "--signed", "01/15/2026"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: invalid agreement signing date '01/15/2026': not in the form YYYY-MM-DD "
            "(expected YYYY-MM-DD)\n");
  r = Run({"supplier", "evaluate", "Acme Embedded GmbH", "--result", "fine", "--evaluator", "qa",
           "--date", "2026-01-01", "--next-due", "2027-01-01"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: unknown evaluation result 'fine' (allowed: acceptable, conditional, "
            "unacceptable)\n");
  r = Run({"supplier", "evidence", "Acme Embedded GmbH", "--product", "fw", "--release", "1",
           "--kind", "pdf", "--ref", "R", "--received", "2026-01-01"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: unknown evidence kind 'pdf' (allowed: sbom, vex, security-notes, "
            "test-report, certificate)\n");
  r = Run({"supplier", "responsibility", "Acme Embedded GmbH", "--area", "patching=shared"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(
      r.err.rfind("soupkeeper: supplier 'Acme Embedded GmbH' is of kind custom-developer; ", 0), 0u)
      << r.err;
  r = Run({"supplier", "show", "Nobody"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "soupkeeper: no supplier named 'Nobody'\n");
  // Only the add reached the trail.
  r = Run({"log", "verify"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.rfind("audit trail intact: 1 events, head 1 ", 0), 0u) << r.out;
}

TEST_P(SupplierCliTest, ResponsibilityEvaluationsDueAndEvidence) {
  AddAcme();
  CliResult r = Run({"supplier", "add", "AWS", "--kind", "cloud-provider", "--contact",
                     "https://aws.amazon.com/security/"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Run({"supplier", "responsibility", "AWS", "--area",
           "patching=shared:AWS patches the hypervisor, we the images", "--area",
           "backup=manufacturer"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "recorded 2 responsibility areas of supplier AWS\n");
  r = Run({"supplier", "show", "AWS"});
  EXPECT_NE(r.out.find("responsibilities:\n"
                       "  backup              manufacturer\n"
                       "  patching            shared        AWS patches the hypervisor, we the "
                       "images\n"),
            std::string::npos)
      << r.out;

  r = Run({"supplier", "evaluate", "Acme Embedded GmbH", "--result", "conditional", "--evaluator",
           "qa-lead", "--date", "2025-01-10", "--next-due", "2025-07-10", "--notes",
           "no SBOM yet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "recorded evaluation #1 of supplier Acme Embedded GmbH: conditional, next due "
            "2025-07-10\n");
  r = Run({"supplier", "evaluate", "AWS", "--result", "acceptable", "--evaluator", "qa-lead",
           "--date", "2026-01-05", "--next-due", "2027-01-05"});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  r = Run({"supplier", "due", "--as-of", "2026-03-04"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "due 2025-07-10   Acme Embedded GmbH (last result conditional)\n");
  r = Run({"supplier", "due", "--as-of", "2025-07-10"});
  EXPECT_EQ(r.out, "no re-evaluations overdue on 2025-07-10\n");
  r = Run({"--format", "json", "supplier", "due", "--as-of", "2027-02-01"});
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["as_of"], "2027-02-01");
  ASSERT_EQ(j["overdue"].size(), 2u);
  EXPECT_EQ(j["overdue"][0]["supplier"], "Acme Embedded GmbH");
  EXPECT_EQ(j["overdue"][1]["supplier"], "AWS");
  EXPECT_EQ(j["overdue"][1]["next_due"], "2027-01-05");
  r = Run({"supplier", "due", "--as-of", "2026-02-29"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "soupkeeper: invalid as-of date '2026-02-29': day 29 does not exist (expected "
            "YYYY-MM-DD)\n");

  const std::string content = "{\"bomFormat\":\"CycloneDX\"}\n";
  std::string file = WriteFile("acme-4.1.0.cdx.json", content);
  r = Run({"--format", "json", "supplier", "evidence", "Acme Embedded GmbH", "--product",
           "pump-firmware", "--release", "4.1.0", "--kind", "sbom", "--ref", "ACME-SBOM-4.1.0",
           "--file", file, "--received", "2026-02-20"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["file_name"], "acme-4.1.0.cdx.json");
  EXPECT_EQ(j["file_sha256"], Sha256Hex(content));
  EXPECT_EQ(j["number"], 1);

  r = Run({"supplier", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "AWS  cloud-provider  agreement none  re-evaluation due 2027-01-05\n"
            "Acme Embedded GmbH  custom-developer  agreement none  re-evaluation due "
            "2025-07-10\n");
  r = Run({"--format", "json", "supplier", "show", "Acme Embedded GmbH"});
  j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["evaluations"][0]["notes"], "no SBOM yet");
  EXPECT_EQ(j["evidence"][0]["kind"], "sbom");
  EXPECT_TRUE(j["agreement"].is_null());

  r = Run({"supplier", "update", "AWS", "--website", "https://aws.amazon.com", "--reason", "x"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "updated supplier AWS\n");
  r = Run({"log", "verify"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  // 2 adds, 2 areas, 2 evaluations, 1 evidence, 1 update.
  EXPECT_EQ(r.out.rfind("audit trail intact: 8 events", 0), 0u) << r.out;
}

TEST_P(SupplierCliTest, Import) {
  std::string good = WriteFile("suppliers.yaml",
                               "suppliers:\n"
                               "  - name: AWS\n"
                               "    kind: cloud-provider\n"
                               "    responsibilities:\n"
                               "      patching: shared\n"
                               "  - name: zlib\n"
                               "    kind: open-source-project\n");
  CliResult r = Run({"supplier", "import", good, "--reason", "initial list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "imported 2 suppliers from " + good + "\n");

  std::string bad = WriteFile("bad.yaml",
                              "suppliers:\n"
                              "  - name: Acme\n"
                              "    kind: custom-developer\n"
                              "  - name: Beta\n"
                              "    kind: contractor\n");
  r = Run({"supplier", "import", bad});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "soupkeeper: " + bad +
                       ": line 5: unknown supplier kind 'contractor' (allowed: "
                       "open-source-project, commercial-vendor, custom-developer, "
                       "cloud-provider)\n");
  r = Run({"--format", "json", "supplier", "list"});
  EXPECT_EQ(nlohmann::json::parse(r.out).size(), 2u);
}

SK_INSTANTIATE_BACKENDS(SupplierCliTest);

}  // namespace
}  // namespace soupkeeper::testing
