// Releases on every store backend: adding with an SBOM, the exact bytes round
// trip, content addressing, the forward-only status, immutability in the
// library and in the database (raw SQL), errata, errors that write nothing,
// and the audit trail's coverage of snapshots.
#include "soupkeeper/release.h"

#include <gtest/gtest.h>

#include <set>

#include "release/sbom_fixtures.h"
#include "soupkeeper/hash.h"
#include "soupkeeper/product.h"
#include "store/backends.h"

namespace soupkeeper::testing {
namespace {

namespace fs = std::filesystem;
using release::ReleaseStatus;

class ReleaseTest : public BackendTest {
 protected:
  std::unique_ptr<store::Store> StoreWithProduct() {
    auto s = OpenStore();
    product::Product p;
    p.name = "pump";
    EXPECT_TRUE(product::Add(*s, {"alice", ""}, p).ok());
    return s;
  }

  Result<release::Release> AddRelease(store::Store& s, const std::string& version,
                                      const std::string& bytes,
                                      std::optional<std::string> previous = std::nullopt) {
    release::NewRelease r;
    r.product = "pump";
    r.version = version;
    r.sbom_bytes = bytes;
    r.sbom_source = "sbom-" + version + ".json";
    r.source_revision = "0123abcd";
    r.build_id = "build-" + version;
    r.release_date = "2026-10-05";
    r.previous_version = std::move(previous);
    CollectingSink sink;
    return release::Add(s, {"alice", "release " + version}, r, sink);
  }

  // Runs SQL on a raw connection and returns its Status (the attack may fail).
  Status RawSql(const std::string& sql) {
    auto raw = Raw();
    if (raw == nullptr) return Internal("no raw connection");
    return raw->ExecScript(sql);
  }

  int64_t Count(const std::string& table) {
    auto raw = Raw();
    auto rows = raw->Query("SELECT COUNT(*) FROM " + table, {});
    EXPECT_TRUE(rows.ok());
    return *rows->rows[0].Int(0);
  }

  bool TrailIntact(store::Store& s) {
    auto report = s.Verify(std::nullopt);
    auto snapshots = release::CheckSnapshots(s);
    EXPECT_TRUE(report.ok() && snapshots.ok());
    for (const auto& p : report->problems) ADD_FAILURE() << p.message;
    for (const auto& p : *snapshots) ADD_FAILURE() << p.message;
    return report->ok() && snapshots->empty();
  }
};

TEST_P(ReleaseTest, AddStoresDraftWithNormalizedComponents) {
  auto s = StoreWithProduct();
  const std::string bytes = CycloneDx({
      {"zlib", "1.3.1", "pkg:generic/zlib@1.3.1", Hex64('a'), "Zlib", "zlib project", "", {}},
      {"openssl",
       "3.0.13",
       "pkg:generic/openssl@3.0.13",
       Hex64('b'),
       "Apache-2.0",
       "OpenSSL",
       "",
       {"zlib@1.3.1"}},
  });
  auto r = AddRelease(*s, "2.4.0", bytes);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->status, ReleaseStatus::kDraft);
  EXPECT_EQ(r->sbom_sha256, Sha256Hex(bytes));
  EXPECT_EQ(r->source_revision, "0123abcd");
  EXPECT_EQ(r->build_id, "build-2.4.0");
  EXPECT_EQ(r->release_date, "2026-10-05");
  EXPECT_EQ(r->created_at, "2026-03-04T05:06:07Z");
  EXPECT_FALSE(r->frozen_at.has_value());

  auto snap = release::Snapshot(*s, r->sbom_sha256);
  ASSERT_TRUE(snap.ok()) << snap.status().message();
  EXPECT_EQ(snap->format, "CycloneDX JSON");
  EXPECT_EQ(snap->spec_version, "1.6");
  EXPECT_EQ(snap->size_bytes, static_cast<int64_t>(bytes.size()));
  ASSERT_EQ(snap->components.size(), 2u);
  const release::SnapshotComponent& o = snap->components[1];
  EXPECT_EQ(o.ordinal, 1);
  EXPECT_EQ(o.ref, "openssl@3.0.13");
  EXPECT_EQ(o.name, "openssl");
  EXPECT_EQ(o.version, "3.0.13");
  EXPECT_EQ(o.purl, "pkg:generic/openssl@3.0.13");
  EXPECT_EQ(o.supplier, "OpenSSL");
  EXPECT_EQ(o.hashes, (std::vector<std::pair<std::string, std::string>>{{"SHA-256", Hex64('b')}}));
  EXPECT_EQ(o.licenses, (std::vector<std::pair<std::string, std::string>>{{"id", "Apache-2.0"}}));
  ASSERT_EQ(snap->dependencies.size(), 1u);
  EXPECT_EQ(snap->dependencies[0].from, "openssl@3.0.13");
  EXPECT_EQ(snap->dependencies[0].to, "zlib@1.3.1");
  EXPECT_EQ(snap->components_sha256,
            release::ComponentsDigest(snap->components, snap->dependencies));
  EXPECT_EQ(r->components_sha256, snap->components_sha256);

  // sbom.store then release.add, one transaction.
  auto events = s->Events({});
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[1].action, "sbom.store");
  EXPECT_EQ((*events)[1].entity, "sbom:" + Sha256Hex(bytes));
  EXPECT_EQ((*events)[2].action, "release.add");
  EXPECT_EQ((*events)[2].entity, "release:pump@2.4.0");
  EXPECT_EQ((*events)[2].Reason(), "release 2.4.0");
  auto change = nlohmann::json::parse((*events)[2].change);
  EXPECT_EQ(change["after"]["sbom_sha256"], Sha256Hex(bytes));
  EXPECT_TRUE(TrailIntact(*s));
}

TEST_P(ReleaseTest, DemoSbomBytesRoundTripExactly) {
  auto s = StoreWithProduct();
  const std::string bytes = ReadFileOrFail(DemoSbomPath());
  ASSERT_TRUE(AddRelease(*s, "2.3.0", bytes).ok());
  auto out = release::OriginalSbom(*s, "pump", "2.3.0");
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(Sha256Hex(*out), Sha256Hex(bytes));
  EXPECT_EQ(*out, bytes);
  // 10 components and 12 edges in the demo document, counted by hand.
  auto snap = release::Snapshot(*s, Sha256Hex(bytes));
  EXPECT_EQ(snap->components.size(), 10u);
  EXPECT_EQ(snap->dependencies.size(), 12u);
}

TEST_P(ReleaseTest, BytesWithCrLfAndNoFinalNewlineRoundTrip) {
  auto s = StoreWithProduct();
  std::string bytes = CycloneDx({{"zlib", "1.3.1", "pkg:generic/zlib@1.3.1", "", "", "", "", {}}});
  std::string crlf;
  for (char c : bytes) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  crlf.resize(crlf.size() - 2);  // no final line break
  crlf = "\xEF\xBB\xBF" + crlf;  // and a byte order mark, if the decoder takes it
  CollectingSink sink;
  if (!sbom::Decode(crlf, "x", sink).ok()) crlf = crlf.substr(3);
  ASSERT_TRUE(AddRelease(*s, "1.0", crlf).ok());
  auto out = release::OriginalSbom(*s, "pump", "1.0");
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, crlf);
}

TEST_P(ReleaseTest, RealSbomsRoundTripExactly) {
  SK_REQUIRE_CORPUS(root);
  auto s = StoreWithProduct();
  int stored = 0, refused = 0, shared = 0;
  std::set<std::string> seen;
  for (const fs::path& file : FilesBelow(root / "real-sboms", "")) {
    const std::string name = file.filename().string();
    if (name.ends_with(".md") || name.ends_with(".csv")) continue;
    const std::string bytes = ReadFileOrFail(file);
    const size_t events_before = s->Events({})->size();
    auto r = AddRelease(*s, "1.0." + std::to_string(stored + refused), bytes);
    if (!r.ok()) {
      // Not decodable by this build (SPDX, invalid documents): nothing written.
      ++refused;
      EXPECT_EQ(s->Events({})->size(), events_before) << name;
      continue;
    }
    ++stored;
    if (!seen.insert(Sha256Hex(bytes)).second) ++shared;
    auto out = release::OriginalSbom(*s, "pump", r->version);
    ASSERT_TRUE(out.ok()) << name << ": " << out.status().message();
    EXPECT_EQ(Sha256Hex(*out), Sha256Hex(bytes)) << name;
  }
  std::cout << "  real SBOMs: " << stored << " stored and returned byte for byte, " << refused
            << " refused by the decoders (nothing written), " << shared
            << " duplicates shared a snapshot\n";
  EXPECT_GE(stored, 20);
  EXPECT_EQ(Count("sbom_snapshots"), static_cast<int64_t>(seen.size()));
  EXPECT_TRUE(TrailIntact(*s));
}

TEST_P(ReleaseTest, SameBytesAreStoredOnce) {
  auto s = StoreWithProduct();
  const std::string bytes = ReadFileOrFail(DemoSbomPath());
  ASSERT_TRUE(AddRelease(*s, "2.3.0", bytes).ok());
  ASSERT_TRUE(AddRelease(*s, "2.3.1", bytes, "2.3.0").ok());
  EXPECT_EQ(Count("sbom_snapshots"), 1);
  EXPECT_EQ(Count("sbom_documents"), 1);
  EXPECT_EQ(Count("sbom_components"), 10);
  // product.add, sbom.store, release.add, release.add: no second sbom.store.
  auto events = s->Events({});
  ASSERT_EQ(events->size(), 4u);
  EXPECT_EQ((*events)[3].action, "release.add");
  // One more byte is another document.
  ASSERT_TRUE(AddRelease(*s, "2.3.2", bytes + "\n").ok());
  EXPECT_EQ(Count("sbom_snapshots"), 2);
  EXPECT_TRUE(TrailIntact(*s));
}

TEST_P(ReleaseTest, StatusMovesOnlyForward) {
  auto s = StoreWithProduct();
  ASSERT_TRUE(AddRelease(*s, "1.0", ReadFileOrFail(DemoSbomPath())).ok());
  auto retire_draft = release::Advance(*s, {"alice", ""}, "pump", "1.0", ReleaseStatus::kRetired);
  EXPECT_EQ(retire_draft.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(retire_draft.status().message(),
            "release pump 1.0 is draft; it cannot become retired (status moves only forward: "
            "draft, released, end-of-support, retired; a draft is frozen before it is retired)");

  env_.Advance(std::chrono::seconds(60));
  auto frozen = release::Freeze(*s, {"bob", "QA approved"}, "pump", "1.0");
  ASSERT_TRUE(frozen.ok()) << frozen.status().message();
  EXPECT_EQ(frozen->status, ReleaseStatus::kReleased);
  EXPECT_EQ(frozen->frozen_at, "2026-03-04T05:07:07Z");
  EXPECT_EQ(frozen->status_changed_at, "2026-03-04T05:07:07Z");

  auto again = release::Freeze(*s, {"bob", ""}, "pump", "1.0");
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(again.status().message(), "release pump 1.0 is already released");

  auto eos = release::Advance(*s, {"bob", ""}, "pump", "1.0", ReleaseStatus::kEndOfSupport);
  ASSERT_TRUE(eos.ok());
  EXPECT_EQ(eos->status, ReleaseStatus::kEndOfSupport);
  EXPECT_EQ(eos->frozen_at, "2026-03-04T05:07:07Z");
  auto back = release::Freeze(*s, {"bob", ""}, "pump", "1.0");
  EXPECT_EQ(back.status().code(), StatusCode::kFailedPrecondition);
  auto retired = release::Advance(*s, {"bob", ""}, "pump", "1.0", ReleaseStatus::kRetired);
  ASSERT_TRUE(retired.ok());
  EXPECT_EQ(retired->status, ReleaseStatus::kRetired);
  auto after_retire =
      release::Advance(*s, {"bob", ""}, "pump", "1.0", ReleaseStatus::kEndOfSupport);
  EXPECT_EQ(after_retire.status().code(), StatusCode::kFailedPrecondition);

  std::vector<std::string> actions;
  auto events = s->Events({"release:pump@1.0", 0});
  ASSERT_TRUE(events.ok());
  for (const auto& e : *events) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"release.add", "release.freeze",
                                               "release.end-of-support", "release.retire"}));
  EXPECT_TRUE(TrailIntact(*s));
}

TEST_P(ReleaseTest, FreezeGateCanStopTheFreeze) {
  auto s = StoreWithProduct();
  ASSERT_TRUE(AddRelease(*s, "1.0", ReadFileOrFail(DemoSbomPath())).ok());
  std::string seen_version;
  auto refused =
      release::Freeze(*s, {"bob", ""}, "pump", "1.0", [&](store::Txn&, const release::Release& r) {
        seen_version = r.version;
        return FailedPrecondition("gate: 3 components not assessed");
      });
  EXPECT_EQ(seen_version, "1.0");
  EXPECT_EQ(refused.status().message(), "gate: 3 components not assessed");
  EXPECT_EQ(release::Get(*s, "pump", "1.0")->status, ReleaseStatus::kDraft);
  EXPECT_EQ(s->Events({})->size(), 3u);
}

TEST_P(ReleaseTest, ErrataRecordCorrectionsWithoutChangingTheBaseline) {
  auto s = StoreWithProduct();
  auto added = AddRelease(*s, "1.0", ReadFileOrFail(DemoSbomPath()));
  ASSERT_TRUE(added.ok());
  auto on_draft = release::AddErratum(*s, {"alice", ""}, "pump", "1.0", "typo");
  EXPECT_EQ(on_draft.status().code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(release::Freeze(*s, {"alice", ""}, "pump", "1.0").ok());
  auto e1 = release::AddErratum(*s, {"alice", "CAPA-12"}, "pump", "1.0",
                                "zlib hash in the SBOM is of the source tarball");
  ASSERT_TRUE(e1.ok()) << e1.status().message();
  EXPECT_EQ(e1->number, 1);
  auto e2 = release::AddErratum(*s, {"alice", ""}, "pump", "1.0", "second note");
  ASSERT_TRUE(e2.ok());
  EXPECT_EQ(e2->number, 2);
  EXPECT_EQ(release::AddErratum(*s, {"alice", ""}, "pump", "1.0", "  ").status().message(),
            "erratum of release pump 1.0: the note is empty");
  auto errata = release::Errata(*s, "pump", "1.0");
  ASSERT_EQ(errata->size(), 2u);
  EXPECT_EQ((*errata)[0].note, "zlib hash in the SBOM is of the source tarball");
  auto events = s->Events({"erratum:pump@1.0#1", 0});
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].action, "release.erratum");
  EXPECT_EQ((*events)[0].Reason(), "CAPA-12");
  auto r = release::Get(*s, "pump", "1.0");
  EXPECT_EQ(r->sbom_sha256, added->sbom_sha256);
  EXPECT_EQ(r->status, ReleaseStatus::kReleased);
  // Errata are append-only in the database too.
  EXPECT_FALSE(RawSql("UPDATE release_errata SET note = 'x'").ok());
  EXPECT_FALSE(RawSql("DELETE FROM release_errata").ok());
  EXPECT_TRUE(TrailIntact(*s));
}

TEST_P(ReleaseTest, ReleasedBaselineIsRefusedByTriggers) {
  auto s = StoreWithProduct();
  const std::string bytes = ReadFileOrFail(DemoSbomPath());
  ASSERT_TRUE(AddRelease(*s, "1.0", bytes).ok());
  // A draft's rows may change (the library offers no such change, but the
  // baseline is not fixed yet) ...
  EXPECT_TRUE(RawSql("UPDATE releases SET build_id = 'build-1.0b' WHERE version = '1.0'").ok());
  EXPECT_TRUE(RawSql("UPDATE releases SET build_id = 'build-1.0' WHERE version = '1.0'").ok());
  ASSERT_TRUE(release::Freeze(*s, {"alice", ""}, "pump", "1.0").ok());
  const std::string sha = Sha256Hex(bytes);
  // ... a released one's never, nor its snapshot.
  for (const std::string& sql : {
           std::string("UPDATE releases SET build_id = 'x' WHERE version = '1.0'"),
           std::string("UPDATE releases SET source_revision = 'x'"),
           std::string("UPDATE releases SET release_date = NULL"),
           std::string("UPDATE releases SET components_sha256 = 'x'"),
           std::string("UPDATE releases SET frozen_at = NULL"),
           std::string("UPDATE releases SET status = 'draft'"),
           std::string("DELETE FROM releases"),
           std::string("UPDATE sbom_snapshots SET format = 'CycloneDX XML'"),
           std::string("UPDATE sbom_snapshots SET audit_seq = 0"),
           std::string("DELETE FROM sbom_snapshots"),
           std::string("UPDATE sbom_documents SET content = content || ' '"),
           std::string("DELETE FROM sbom_documents"),
           std::string("UPDATE sbom_components SET version = '9.9' WHERE name = 'openssl'"),
           std::string("DELETE FROM sbom_components WHERE name = 'openssl'"),
           std::string("UPDATE sbom_dependencies SET to_ref = 'x'"),
           std::string("DELETE FROM sbom_dependencies"),
       }) {
    Status st = RawSql(sql);
    EXPECT_FALSE(st.ok()) << sql;
    EXPECT_TRUE(st.message().find("immutable") != std::string::npos ||
                st.message().find("only moves forward") != std::string::npos ||
                st.message().find("FOREIGN KEY") != std::string::npos ||
                st.message().find("foreign key") != std::string::npos)
        << sql << ": " << st.message();
  }
  if (GetParam() == Backend::kPostgres) {
    EXPECT_FALSE(RawSql("TRUNCATE sbom_components").ok());
  }
  auto out = release::OriginalSbom(*s, "pump", "1.0");
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, bytes);
  EXPECT_TRUE(TrailIntact(*s));
}

TEST_P(ReleaseTest, TamperingBehindTheTriggersIsDetected) {
  auto s = StoreWithProduct();
  const std::string bytes = ReadFileOrFail(DemoSbomPath());
  ASSERT_TRUE(AddRelease(*s, "1.0", bytes).ok());
  ASSERT_TRUE(release::Freeze(*s, {"alice", ""}, "pump", "1.0").ok());
  const std::string sha = Sha256Hex(bytes);
  const std::string drop =
      GetParam() == Backend::kSqlite
          ? "DROP TRIGGER sbom_documents_no_update; DROP TRIGGER sbom_components_no_update;"
          : "DROP TRIGGER sbom_documents_guard ON sbom_documents; "
            "DROP TRIGGER sbom_components_guard ON sbom_components;";
  Attack(drop);
  Attack("UPDATE sbom_documents SET content = replace(content, '1.0.1f', '1.0.1g')");
  std::string tampered = bytes;
  for (size_t at = tampered.find("1.0.1f"); at != std::string::npos;
       at = tampered.find("1.0.1f", at)) {
    tampered.replace(at, 6, "1.0.1g");
  }
  auto out = release::OriginalSbom(*s, "pump", "1.0");
  EXPECT_EQ(out.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(out.status().message(),
            "stored SBOM of release pump 1.0 does not match its SHA-256: recorded " + sha +
                ", the stored bytes hash to " + Sha256Hex(tampered) +
                " (changed outside soupkeeper; not printed)");
  Attack("UPDATE sbom_components SET version = '1.0.1g' WHERE name = 'openssl'");
  auto problems = release::CheckSnapshots(*s);
  ASSERT_TRUE(problems.ok());
  ASSERT_EQ(problems->size(), 2u);
  EXPECT_EQ((*problems)[0].kind, "sbom_bytes");
  EXPECT_EQ((*problems)[0].message, "sbom:" + sha + ": the stored bytes (" +
                                        std::to_string(bytes.size()) + " bytes, SHA-256 " +
                                        Sha256Hex(tampered) +
                                        ") do not match the snapshot's SHA-256 and size (" +
                                        std::to_string(bytes.size()) + " bytes)");
  EXPECT_EQ((*problems)[1].kind, "sbom_components");
  EXPECT_EQ((*problems)[1].message,
            "sbom:" + sha +
                ": the stored components (10) and dependencies (12) do not match the snapshot's "
                "digest and counts (changed outside soupkeeper)");
}

TEST_P(ReleaseTest, ErrorsWriteNothing) {
  auto s = StoreWithProduct();
  const std::string bytes = ReadFileOrFail(DemoSbomPath());
  release::NewRelease r;
  r.product = "nope";
  r.version = "1.0";
  r.sbom_bytes = bytes;
  r.sbom_source = "demo.json";
  CollectingSink sink;
  auto unknown = release::Add(*s, {"alice", ""}, r, sink);
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(unknown.status().message(), "no product named 'nope'");

  r.product = "pump";
  r.sbom_bytes = R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,)"
                 R"("components":[{"type":"library","name":"x","hashes":[{"alg":"SHA-999",)"
                 R"("content":"ab"}]}]})";
  auto bad = release::Add(*s, {"alice", ""}, r, sink);
  EXPECT_EQ(bad.status().code(), StatusCode::kParseError);
  EXPECT_EQ(bad.status().message().rfind("demo.json: /components/0/hashes/0/alg: ", 0), 0u)
      << bad.status().message();

  r.sbom_bytes = "not an sbom";
  auto garbage = release::Add(*s, {"alice", ""}, r, sink);
  EXPECT_EQ(garbage.status().code(), StatusCode::kParseError);
  EXPECT_EQ(garbage.status().message().rfind("demo.json: ", 0), 0u);

  r.sbom_bytes = bytes;
  r.previous_version = "0.9";
  auto no_prev = release::Add(*s, {"alice", ""}, r, sink);
  EXPECT_EQ(no_prev.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(no_prev.status().message(), "previous release: product 'pump' has no release '0.9'");
  r.previous_version.reset();

  r.release_date = "2026-02-30";
  EXPECT_EQ(release::Add(*s, {"alice", ""}, r, sink).status().message(),
            "invalid release date '2026-02-30': day 30 does not exist (expected YYYY-MM-DD)");
  r.release_date.reset();
  r.version = "1 0";
  EXPECT_EQ(release::Add(*s, {"alice", ""}, r, sink).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s->Events({})->size(), 1u);
  EXPECT_EQ(Count("sbom_snapshots"), 0);

  r.version = "1.0";
  ASSERT_TRUE(release::Add(*s, {"alice", ""}, r, sink).ok());
  auto dup = release::Add(*s, {"bob", ""}, r, sink);
  EXPECT_EQ(dup.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(dup.status().message(),
            "release pump 1.0 already exists (a stored release is never replaced; add a new "
            "version)");
  EXPECT_EQ(s->Events({})->size(), 3u);

  EXPECT_EQ(release::Get(*s, "pump", "2.0").status().message(),
            "product 'pump' has no release '2.0'");
  EXPECT_EQ(release::List(*s, "nope").status().message(), "no product named 'nope'");
}

TEST_P(ReleaseTest, ListSortsByProductThenCreation) {
  auto s = StoreWithProduct();
  product::Product other;
  other.name = "analyzer";
  ASSERT_TRUE(product::Add(*s, {"alice", ""}, other).ok());
  const std::string bytes = ReadFileOrFail(DemoSbomPath());
  ASSERT_TRUE(AddRelease(*s, "2.10.0", bytes).ok());
  env_.Advance(std::chrono::seconds(1));
  ASSERT_TRUE(AddRelease(*s, "2.9.0", bytes).ok());
  auto all = release::List(*s);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].version, "2.10.0");
  EXPECT_EQ((*all)[1].version, "2.9.0");
  EXPECT_TRUE(release::List(*s, "analyzer")->empty());
}

SK_INSTANTIATE_BACKENDS(ReleaseTest);

TEST(ReleaseVersion, Validation) {
  for (const char* ok : {"1", "2.3.0", "1:2.4-1+b1", "v2.0.0-rc.1", "2024.01~beta"}) {
    EXPECT_TRUE(release::ValidateVersion(ok).ok()) << ok;
  }
  for (const char* bad : {"", "-1", "1 0", "1/0", "é"}) {
    EXPECT_EQ(release::ValidateVersion(bad).code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_EQ(release::ValidateVersion("1/0").message(),
            "invalid release version '1/0': character at offset 1 is not allowed (expected 1 to "
            "128 of [A-Za-z0-9._+~:-], starting with a letter or digit)");
}

}  // namespace
}  // namespace soupkeeper::testing
