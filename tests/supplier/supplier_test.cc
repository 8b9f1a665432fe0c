// Suppliers on every store backend: add/update with validation, agreements
// and their clause checklist, MissingClauses, the responsibility matrix
// (cloud providers only), evaluations and `Due`, evidence, append-only
// records in the database, and the audit trail.
#include "soupkeeper/supplier.h"

#include <gtest/gtest.h>

#include "store/backends.h"

namespace soupkeeper::testing {
namespace {

namespace sp = supplier;

sp::Supplier Sup(const std::string& name, sp::Kind kind = sp::Kind::kOpenSourceProject,
                 const std::string& contact = "", const std::string& advisory = "",
                 const std::string& website = "") {
  sp::Supplier s;
  s.name = name;
  s.kind = kind;
  s.security_contact = contact;
  s.advisory_url = advisory;
  s.website = website;
  return s;
}

sp::Agreement Agr(const std::string& ref, const std::string& signed_on,
                  std::optional<std::string> valid_until = std::nullopt,
                  std::vector<sp::Clause> clauses = {}) {
  sp::Agreement a;
  a.document_id = ref;
  a.signed_on = signed_on;
  a.valid_until = std::move(valid_until);
  a.clauses = std::move(clauses);
  return a;
}

sp::Evaluation Eval(const std::string& date, const std::string& next_due,
                    sp::Verdict result = sp::Verdict::kAcceptable, const std::string& notes = "") {
  sp::Evaluation e;
  e.date = date;
  e.evaluator = "qa-lead";
  e.result = result;
  e.notes = notes;
  e.next_due = next_due;
  return e;
}

sp::Evidence Evid(const std::string& received, const std::string& file_name = "",
                  const std::string& sha = "") {
  sp::Evidence e;
  e.product = "pump-firmware";
  e.release = "4.1.0";
  e.kind = sp::EvidenceKind::kSbom;
  e.reference = "ACME-SBOM-4.1.0";
  e.received = received;
  e.file_name = file_name;
  e.file_sha256 = sha;
  return e;
}

class SupplierTest : public BackendTest {
 protected:
  // A store holding one custom developer "Acme Embedded GmbH".
  std::unique_ptr<store::Store> StoreWithAcme() {
    auto s = OpenStore();
    sp::Supplier acme =
        Sup("Acme Embedded GmbH", sp::Kind::kCustomDeveloper, "psirt@acme.example",
            "https://acme.example/.well-known/csaf/provider-metadata.json", "https://acme.example");
    auto added = sp::Add(*s, {"alice", "new contractor"}, acme);
    EXPECT_TRUE(added.ok()) << added.status().message();
    return s;
  }

  static sp::Clause Clause(const std::string& text) {
    auto c = sp::ParseClause(text);
    EXPECT_TRUE(c.ok()) << text << ": " << c.status().message();
    return c.ok() ? *c : sp::Clause{};
  }

  int64_t Count(const std::string& table) {
    auto raw = Raw();
    auto rows = raw->Query("SELECT COUNT(*) FROM " + table, {});
    EXPECT_TRUE(rows.ok());
    return *rows->rows[0].Int(0);
  }
};

TEST_P(SupplierTest, AddGetListUpdate) {
  auto s = StoreWithAcme();
  auto got = sp::Get(*s, "Acme Embedded GmbH");
  ASSERT_TRUE(got.ok()) << got.status().message();
  EXPECT_EQ(got->kind, sp::Kind::kCustomDeveloper);
  EXPECT_EQ(got->security_contact, "psirt@acme.example");
  EXPECT_EQ(got->website, "https://acme.example");
  EXPECT_EQ(got->created_at, "2026-03-04T05:06:07Z");
  EXPECT_FALSE(got->agreement);

  sp::Supplier aws = Sup("AWS", sp::Kind::kCloudProvider);
  ASSERT_TRUE(sp::Add(*s, {"alice", ""}, aws).ok());
  auto all = sp::List(*s);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "AWS");  // byte order: 'W' < 'c'
  EXPECT_EQ((*all)[1].name, "Acme Embedded GmbH");

  auto dup = sp::Add(*s, {"alice", ""}, aws);
  EXPECT_EQ(dup.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(dup.status().message(), "supplier 'AWS' already exists");

  sp::SupplierChanges changes;
  changes.security_contact = "https://aws.amazon.com/security/";
  auto updated = sp::Update(*s, {"bob", "moved"}, "AWS", changes);
  ASSERT_TRUE(updated.ok()) << updated.status().message();
  EXPECT_EQ(updated->security_contact, "https://aws.amazon.com/security/");
  EXPECT_EQ(updated->kind, sp::Kind::kCloudProvider);

  EXPECT_EQ(sp::Update(*s, {"bob", ""}, "nobody", changes).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(sp::Update(*s, {"bob", ""}, "AWS", {}).status().code(), StatusCode::kInvalidArgument);

  auto events = s->Events({"supplier:AWS", 0});
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].action, "supplier.add");
  EXPECT_EQ((*events)[1].action, "supplier.update");
  EXPECT_EQ((*events)[1].actor, "bob");
  EXPECT_EQ((*events)[1].Reason(), "moved");
  EXPECT_TRUE(s->Verify(std::nullopt)->ok());
}

TEST_P(SupplierTest, BadFieldsAreRefusedAndNothingStored) {
  auto s = OpenStore();
  auto bad = [&](sp::Supplier sup) { return sp::Add(*s, {"alice", ""}, sup).status(); };
  EXPECT_EQ(bad(Sup("")).message(), "supplier name is empty");
  EXPECT_EQ(bad(Sup(" Acme")).message(), "supplier name ' Acme' begins or ends with a space");
  EXPECT_EQ(bad(Sup("Acme", sp::Kind::kCommercialVendor, "nobody")).message(),
            "security contact: 'nobody' is neither an email address nor an http(s) URL");
  EXPECT_EQ(bad(Sup("Acme", sp::Kind::kCommercialVendor, "", "ftp://acme.example")).message(),
            "advisory URL: 'ftp://acme.example' is not an http:// or https:// URL");
  EXPECT_EQ(bad(Sup("Acme", sp::Kind::kCommercialVendor, "", "", "https:///x")).message(),
            "website: 'https:///x' is not a valid URL (host missing or spaces in it)");
  EXPECT_TRUE(
      sp::Add(*s, {"a", ""}, Sup("B", sp::Kind::kCommercialVendor, "mailto:sec@b.example")).ok());
  EXPECT_EQ(Count("suppliers"), 1);
  EXPECT_EQ(s->Events({})->size(), 1u);
}

TEST_P(SupplierTest, EnumErrorsNameTheAllowedValues) {
  EXPECT_EQ(sp::ParseKind("vendor").status().message(),
            "unknown supplier kind 'vendor' (allowed: open-source-project, commercial-vendor, "
            "custom-developer, cloud-provider)");
  EXPECT_EQ(sp::ParseVerdict("ok").status().message(),
            "unknown evaluation result 'ok' (allowed: acceptable, conditional, unacceptable)");
  EXPECT_EQ(sp::ParseEvidenceKind("pdf").status().message(),
            "unknown evidence kind 'pdf' (allowed: sbom, vex, security-notes, test-report, "
            "certificate)");
  EXPECT_EQ(*sp::ParseKind("cloud-provider"), sp::Kind::kCloudProvider);
}

TEST_P(SupplierTest, ParsesClauses) {
  sp::Clause c = Clause("vulnerability-notification-time=present:72h@4.2");
  EXPECT_EQ(c.key, "vulnerability-notification-time");
  EXPECT_EQ(c.state, sp::ClauseState::kPresent);
  EXPECT_EQ(c.value, "72h");
  EXPECT_EQ(c.section, "4.2");
  EXPECT_EQ(sp::DescribeClause(c), "present 72h @4.2");

  c = Clause("patch-sla-by-severity=present:low=180,critical=7,high=30,medium=90@§5");
  EXPECT_EQ(c.patch_sla_days.at("critical"), 7);
  EXPECT_EQ(c.patch_sla_days.at("low"), 180);
  EXPECT_EQ(sp::DescribeClause(c), "present critical=7,high=30,medium=90,low=180 @§5");

  c = Clause("escrow=absent");
  EXPECT_EQ(c.state, sp::ClauseState::kAbsent);
  EXPECT_EQ(c.section, "");
  c = Clause("patch-sla-by-severity=partial:critical=14");
  EXPECT_EQ(c.patch_sla_days.size(), 1u);

  auto err = [](const std::string& text) { return sp::ParseClause(text).status().message(); };
  EXPECT_EQ(err("right-to-audit"),
            "clause 'right-to-audit' is not KEY=present|absent|partial[:VALUE][@SECTION]");
  EXPECT_EQ(err("right-to-audit=yes"),
            "clause right-to-audit: unknown clause state 'yes' (allowed: present, absent, "
            "partial)");
  EXPECT_EQ(err("audit=present").substr(0, 46), "unknown clause 'audit' (allowed: requirements-");
  EXPECT_EQ(err("right-to-audit=present:yearly"),
            "clause right-to-audit: takes no value, got 'yearly'");
  EXPECT_EQ(err("vulnerability-notification-time=present"),
            "clause vulnerability-notification-time: a present clause needs its value, a "
            "duration such as 72h, 5d, 2w or 6mo");
  EXPECT_EQ(err("end-of-support-notice-period=present:12 months"),
            "clause end-of-support-notice-period: '12 months' is not a duration (<N>h, <N>d, "
            "<N>w or <N>mo, e.g. 72h)");
  EXPECT_EQ(err("patch-sla-by-severity=present:critical=7,high=30"),
            "clause patch-sla-by-severity: a present clause needs days for every severity "
            "(critical, high, medium, low); medium is missing");
  EXPECT_EQ(err("patch-sla-by-severity=partial:urgent=1"),
            "clause patch-sla-by-severity: unknown severity 'urgent' (allowed: critical, high, "
            "medium, low)");
  EXPECT_EQ(err("patch-sla-by-severity=partial:critical=0"),
            "patch-sla-by-severity critical: '0' is not a number of days from 1 to 3650");
}

TEST_P(SupplierTest, AgreementAndMissingClauses) {
  auto s = StoreWithAcme();
  auto acme = sp::Get(*s, "Acme Embedded GmbH");
  ASSERT_TRUE(acme.ok());
  // No agreement: every required clause is missing.
  auto missing = sp::MissingClauses(*acme);
  ASSERT_EQ(missing.size(), 9u);
  EXPECT_EQ(missing[0].ToString(), "requirements-communicated: no quality agreement");

  sp::Agreement a =
      Agr("QA-2026-017", "2026-01-15", "2028-01-14",
          {Clause("right-to-audit=absent@7.1"), Clause("requirements-communicated=present@3"),
           Clause("lifecycle-activities-required=present@3.2"),
           Clause("vulnerability-notification-time=present:72h@4.2"),
           Clause("patch-sla-by-severity=partial:critical=7@5"),
           Clause("sbom-and-vex-per-release=present@6"), Clause("disclosure-contact=present@4.1")});
  auto after = sp::SetAgreement(*s, {"alice", "signed"}, "Acme Embedded GmbH", a);
  ASSERT_TRUE(after.ok()) << after.status().message();
  ASSERT_TRUE(after->agreement);
  EXPECT_EQ(after->agreement->document_id, "QA-2026-017");
  EXPECT_EQ(after->agreement->valid_until, "2028-01-14");
  // Kept in checklist order.
  ASSERT_EQ(after->agreement->clauses.size(), 7u);
  EXPECT_EQ(after->agreement->clauses[0].key, "requirements-communicated");
  EXPECT_EQ(after->agreement->clauses[6].key, "right-to-audit");
  EXPECT_EQ(after->agreement->clauses[3].patch_sla_days.at("critical"), 7);

  missing = sp::MissingClauses(*after);
  std::vector<std::string> lines;
  for (const auto& m : missing) lines.push_back(m.ToString());
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "patch-sla-by-severity: partial (@5)",
                       "change-notification-before-implementation: not recorded",
                       "end-of-support-notice-period: not recorded",
                       "right-to-audit: absent (@7.1)",
                   }));
  // The caller chooses the required set.
  missing = sp::MissingClauses(*after, {"escrow", "disclosure-contact"});
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].key, "escrow");

  // Other kinds need no clauses.
  sp::Supplier oss = Sup("OpenSSL Project");
  EXPECT_TRUE(sp::MissingClauses(oss).empty());

  // A new agreement replaces the old one; the trail keeps both.
  a.document_id = "QA-2026-017 rev 2";
  a.clauses = {Clause("escrow=present")};
  after = sp::SetAgreement(*s, {"alice", "amended"}, "Acme Embedded GmbH", a);
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_EQ(after->agreement->document_id, "QA-2026-017 rev 2");
  EXPECT_EQ(after->agreement->clauses.size(), 1u);
  EXPECT_EQ(Count("supplier_agreements"), 1);
  auto events = s->Events({"agreement:Acme Embedded GmbH", 0});
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[1].action, "supplier.agreement");
  EXPECT_TRUE(s->Verify(std::nullopt)->ok());
}

TEST_P(SupplierTest, BadAgreementsStoreNothing) {
  auto s = StoreWithAcme();
  auto set = [&](sp::Agreement a) {
    return sp::SetAgreement(*s, {"alice", ""}, "Acme Embedded GmbH", a).status();
  };
  EXPECT_EQ(set(Agr("QA", "2026-02-30")).message(),
            "invalid agreement signing date '2026-02-30': day 30 does not exist (expected "
            "YYYY-MM-DD)");
  EXPECT_EQ(set(Agr("QA", "15.01.2026")).message(),
            "invalid agreement signing date '15.01.2026': not in the form YYYY-MM-DD (expected "
            "YYYY-MM-DD)");
  EXPECT_EQ(set(Agr("QA", "2026-01-15", "2025-12-31")).message(),
            "agreement: valid until 2025-12-31 is before it was signed (2026-01-15)");
  EXPECT_EQ(set(Agr("", "2026-01-15")).message(), "agreement: the document id (--ref) is empty");
  EXPECT_EQ(set(Agr("QA", "2026-01-15", std::nullopt,
                    {Clause("escrow=present"), Clause("escrow=absent")}))
                .message(),
            "clause escrow is given twice");
  EXPECT_EQ(sp::SetAgreement(*s, {"alice", ""}, "Nobody", Agr("QA", "2026-01-15")).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(Count("supplier_agreements"), 0);
  EXPECT_EQ(s->Events({})->size(), 1u);
}

TEST_P(SupplierTest, ResponsibilityMatrixForCloudProvidersOnly) {
  auto s = StoreWithAcme();
  ASSERT_TRUE(sp::Add(*s, {"alice", ""}, Sup("AWS", sp::Kind::kCloudProvider)).ok());
  auto patching = sp::ParseResponsibility("patching=shared:AWS patches the host, we the AMI");
  ASSERT_TRUE(patching.ok());
  EXPECT_EQ(patching->party, sp::Party::kShared);
  EXPECT_EQ(patching->note, "AWS patches the host, we the AMI");
  auto backup = sp::ParseResponsibility("backup=manufacturer");
  ASSERT_TRUE(backup.ok());

  auto after = sp::SetResponsibilities(*s, {"alice", ""}, "AWS", {*patching, *backup});
  ASSERT_TRUE(after.ok()) << after.status().message();
  ASSERT_EQ(after->responsibilities.size(), 2u);
  EXPECT_EQ(after->responsibilities[0].area, "backup");
  EXPECT_EQ(after->responsibilities[1].area, "patching");

  // Setting an area again changes it; the others stay.
  after = sp::SetResponsibilities(*s, {"alice", ""}, "AWS",
                                  {*sp::ParseResponsibility("backup=provider:AWS Backup")});
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->responsibilities.size(), 2u);
  EXPECT_EQ(after->responsibilities[0].party, sp::Party::kProvider);
  EXPECT_EQ(after->responsibilities[0].note, "AWS Backup");
  EXPECT_EQ(s->Events({"responsibility:AWS/backup", 0})->size(), 2u);

  auto refused = sp::SetResponsibilities(*s, {"alice", ""}, "Acme Embedded GmbH", {*backup});
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(
      refused.status().message(),
      "supplier 'Acme Embedded GmbH' is of kind custom-developer; a shared-responsibility matrix "
      "is kept for cloud providers only (change its kind with `supplier update --kind`)");
  EXPECT_EQ(sp::ParseResponsibility("patching=vendor").status().message(),
            "responsibility patching: unknown responsible party 'vendor' (allowed: provider, "
            "manufacturer, shared)");
  EXPECT_EQ(sp::ParseResponsibility("Patching=shared").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Count("supplier_responsibilities"), 2);
}

TEST_P(SupplierTest, EvaluationsAndDue) {
  auto s = StoreWithAcme();
  ASSERT_TRUE(sp::Add(*s, {"alice", ""}, Sup("AWS", sp::Kind::kCloudProvider)).ok());
  ASSERT_TRUE(sp::Add(*s, {"alice", ""}, Sup("Zlib")).ok());
  auto e1 =
      sp::Evaluate(*s, {"alice", ""}, "Acme Embedded GmbH",
                   Eval("2025-01-10", "2025-07-10", sp::Verdict::kConditional, "no SBOM yet"));
  ASSERT_TRUE(e1.ok()) << e1.status().message();
  EXPECT_EQ(e1->number, 1);
  auto e2 = sp::Evaluate(*s, {"alice", ""}, "AWS", Eval("2025-06-01", "2026-06-01"));
  ASSERT_TRUE(e2.ok());

  // On 2026-03-04: Acme is overdue since 2025-07-10, Zlib was never evaluated,
  // AWS is due later.
  auto due = sp::Due(*s, "2026-03-04");
  ASSERT_TRUE(due.ok()) << due.status().message();
  ASSERT_EQ(due->size(), 2u);
  EXPECT_EQ((*due)[0].supplier, "Zlib");
  EXPECT_FALSE((*due)[0].next_due);
  EXPECT_EQ((*due)[1].supplier, "Acme Embedded GmbH");
  EXPECT_EQ((*due)[1].next_due, "2025-07-10");
  EXPECT_EQ((*due)[1].last_result, sp::Verdict::kConditional);
  // Due on the day itself is not yet overdue.
  due = sp::Due(*s, "2026-06-01");
  EXPECT_EQ(due->size(), 2u);
  due = sp::Due(*s, "2026-06-02");
  EXPECT_EQ(due->size(), 3u);

  // A new evaluation clears Acme.
  auto e3 = sp::Evaluate(*s, {"alice", ""}, "Acme Embedded GmbH", Eval("2026-03-01", "2027-03-01"));
  ASSERT_TRUE(e3.ok());
  EXPECT_EQ(e3->number, 2);
  due = sp::Due(*s, "2026-03-04");
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].supplier, "Zlib");

  EXPECT_EQ(
      sp::Evaluate(*s, {"alice", ""}, "AWS", Eval("2026-03-01", "2026-02-01")).status().message(),
      "re-evaluation due date 2026-02-01 is before the evaluation date 2026-03-01");
  EXPECT_EQ(sp::Due(*s, "tomorrow").status().message(),
            "invalid as-of date 'tomorrow': not in the form YYYY-MM-DD (expected YYYY-MM-DD)");
  EXPECT_EQ(s->Events({"evaluation:Acme Embedded GmbH#2", 0})->size(), 1u);
  EXPECT_EQ(Count("supplier_evaluations"), 3);
}

TEST_P(SupplierTest, EvidenceAndAppendOnlyRecords) {
  auto s = StoreWithAcme();
  const std::string sha(64, 'a');
  auto ev = sp::AddEvidence(*s, {"alice", "delivered"}, "Acme Embedded GmbH",
                            Evid("2026-02-20", "pump-firmware-4.1.0.cdx.json", sha));
  ASSERT_TRUE(ev.ok()) << ev.status().message();
  EXPECT_EQ(ev->number, 1);
  EXPECT_EQ(ev->file_sha256, sha);
  auto got = sp::Get(*s, "Acme Embedded GmbH");
  ASSERT_EQ(got->evidence.size(), 1u);
  EXPECT_EQ(got->evidence[0].kind, sp::EvidenceKind::kSbom);
  EXPECT_EQ(got->evidence[0].release, "4.1.0");

  EXPECT_EQ(sp::AddEvidence(*s, {"alice", ""}, "Acme Embedded GmbH", Evid("2026-02-20", "f", "ABC"))
                .status()
                .message(),
            "evidence: file SHA-256 'ABC' is not 64 lower-case hex digits");
  EXPECT_EQ(sp::AddEvidence(*s, {"alice", ""}, "Acme Embedded GmbH", Evid("2026-13-01"))
                .status()
                .message(),
            "invalid evidence received date '2026-13-01': month 13 does not exist (expected "
            "YYYY-MM-DD)");
  ASSERT_TRUE(
      sp::Evaluate(*s, {"alice", ""}, "Acme Embedded GmbH", Eval("2026-01-01", "2027-01-01")).ok());

  // The database refuses changes and deletions behind the library's back.
  auto raw = Raw();
  EXPECT_FALSE(raw->ExecScript("UPDATE supplier_evidence SET release_version = '9'").ok());
  EXPECT_FALSE(raw->ExecScript("DELETE FROM supplier_evidence").ok());
  EXPECT_FALSE(raw->ExecScript("UPDATE supplier_evaluations SET result = 'acceptable'").ok());
  EXPECT_FALSE(raw->ExecScript("DELETE FROM supplier_evaluations").ok());
  EXPECT_EQ(Count("supplier_evidence"), 1);
  EXPECT_TRUE(s->Verify(std::nullopt)->ok());
}

TEST_P(SupplierTest, RowChangedBehindTheTrailIsDetected) {
  auto s = StoreWithAcme();
  Attack("UPDATE suppliers SET kind = 'commercial-vendor'");
  auto report = s->Verify(std::nullopt);
  ASSERT_TRUE(report.ok());
  ASSERT_FALSE(report->ok());
  EXPECT_EQ(report->problems[0].kind, "row_changed");
}

SK_INSTANTIATE_BACKENDS(SupplierTest);

}  // namespace
}  // namespace soupkeeper::testing
