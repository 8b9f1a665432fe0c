// Hand-kept SOUP lists: the CSV reader on RFC 4180 cases, per-row import
// errors that write nothing (or only the good rows with partial), and the
// export -> import round trip in CSV, YAML and XLSX on every backend.
#include <gtest/gtest.h>

#include "soupkeeper/env.h"
#include "soupkeeper/inventory.h"
#include "store/backends.h"

namespace soupkeeper::testing {
namespace {

using inventory::ListTable;

TEST(SoupCsv, QuotedFieldsAndLineEnds) {
  // RFC 4180 section 2: quoted fields may hold commas, CRLF and doubled quotes.
  auto t =
      inventory::ParseCsv("a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n,,\n", "l.csv");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->columns, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0], (std::vector<std::string>{"x,1", "say \"hi\"", "two\r\nlines"}));
  EXPECT_EQ(t->rows[1], (std::vector<std::string>{"", "", ""}));
  EXPECT_EQ(inventory::ToCsv(*t), "a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n,,\r\n");
}

TEST(SoupCsv, OneEmptyFieldRoundTrips) {
  // Found by fuzz/soup_csv_fuzz.cc: the input `""` is one record of one
  // empty field, which must not be written as an empty line.
  auto t = inventory::ParseCsv("\"\"", "l.csv");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->columns, std::vector<std::string>{""});
  EXPECT_EQ(inventory::ToCsv(*t), "\"\"\r\n");
  EXPECT_TRUE(inventory::ParseCsv(inventory::ToCsv(*t), "again.csv").ok());
}

TEST(SoupCsv, Errors) {
  EXPECT_EQ(inventory::ParseCsv("a,b\n\"open,1\n", "l.csv").status().message(),
            "l.csv: line 2: quoted field is not closed");
  EXPECT_EQ(inventory::ParseCsv("a,b\n1,2,3\n", "l.csv").status().message(),
            "l.csv: row 2 has 3 fields, the header 2");
  EXPECT_EQ(inventory::ParseCsv("a,b\nx\"y,1\n", "l.csv").status().message(),
            "l.csv: line 2: quote inside an unquoted field");
  EXPECT_EQ(inventory::ParseCsv("", "l.csv").status().code(), StatusCode::kParseError);
}

TEST(SoupXlsx, NotAZip) {
  auto t = inventory::ParseXlsx("PK\x03\x04 broken", "l.xlsx");
  EXPECT_EQ(t.status().code(), StatusCode::kParseError);
  EXPECT_NE(t.status().message().find("l.xlsx"), std::string::npos);
}

class SoupListTest : public BackendTest {
 protected:
  // Two items: zlib classified with one version carrying every support
  // field (a comma and a quote in the texts), busybox without versions.
  std::unique_ptr<store::Store> Filled() {
    auto s = OpenStore();
    const std::string csv =
        "key,name,purl,category,supplier,custom_developed,security_impact,purpose,runs_on,"
        "version,support_level,support_justification,end_of_support,"
        "end_of_support_justification,support_source,support_date,anomaly_review_date,"
        "anomaly_reviewer\r\n"
        "pkg:generic/zlib,zlib,pkg:generic/zlib,required,zlib project,no,yes,"
        "\"compression, of logs\",device;update-server,1.2.11,no-longer-maintained,,"
        "2024-01-22,,https://zlib.net,2026-03-01,2026-03-02,\"bob \"\"qa\"\"\"\r\n"
        "pkg:generic/busybox,busybox,pkg:generic/busybox,,,yes,no,shell,device,,,,,,,,,\r\n";
    auto table = inventory::ParseCsv(csv, "list.csv");
    EXPECT_TRUE(table.ok()) << table.status().message();
    auto report = inventory::Import(*s, {"alice", "import"}, *table, false);
    EXPECT_TRUE(report.ok()) << report.status().message();
    EXPECT_TRUE(report->errors.empty());
    EXPECT_EQ(report->imported, 2);
    return s;
  }

  std::string Path(const std::string& name) { return (dir_.path() / name).string(); }
};

TEST_P(SoupListTest, ImportedRecordsAreTheRowsValues) {
  auto s = Filled();
  auto zlib = inventory::Get(*s, "pkg:generic/zlib");
  ASSERT_TRUE(zlib.ok());
  EXPECT_EQ(zlib->category, inventory::Category::kRequired);
  EXPECT_EQ(zlib->purpose, "compression, of logs");
  EXPECT_EQ(zlib->runs_on, (std::vector<std::string>{"device", "update-server"}));
  EXPECT_TRUE(zlib->security_impact);
  auto versions = inventory::Versions(*s, "pkg:generic/zlib");
  ASSERT_EQ(versions->size(), 1u);
  EXPECT_EQ((*versions)[0].anomaly_reviewer, "bob \"qa\"");
  EXPECT_EQ((*versions)[0].end_of_support, "2024-01-22");
  EXPECT_TRUE(inventory::Versions(*s, "pkg:generic/busybox")->empty());
  EXPECT_TRUE(inventory::Get(*s, "pkg:generic/busybox")->custom_developed);
}

TEST_P(SoupListTest, RoundTripInEveryFormat) {
  auto s = Filled();
  auto table = inventory::ExportTable(*s);
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->rows.size(), 2u);  // busybox (no version), zlib 1.2.11
  const std::string csv = inventory::ToCsv(*table);
  const std::string yaml = inventory::ToYaml(*table);
  ASSERT_TRUE(inventory::WriteXlsx(*table, Path("list.xlsx")).ok());
  auto xlsx_bytes = Env::Default()->ReadFile(Path("list.xlsx"));
  ASSERT_TRUE(xlsx_bytes.ok());
  std::vector<Result<ListTable>> parsed;
  parsed.push_back(inventory::ParseCsv(csv, "x.csv"));
  parsed.push_back(inventory::ParseYaml(yaml, "x.yaml"));
  parsed.push_back(inventory::ParseXlsx(*xlsx_bytes, "x.xlsx"));
  for (size_t i = 0; i < parsed.size(); ++i) {
    ASSERT_TRUE(parsed[i].ok()) << i << ": " << parsed[i].status().message();
    EXPECT_EQ(parsed[i]->columns, table->columns) << i;
    EXPECT_EQ(parsed[i]->rows, table->rows) << i;
    // Into a fresh database: the same records, so the same export.
    MemEnv env(TestTime());
    TempDir dir;
    auto fresh = store::Store::Open((dir.path() / "fresh.db").string(), &env);
    ASSERT_TRUE(fresh.ok());
    auto report = inventory::Import(**fresh, {"bob", "import"}, *parsed[i], false);
    ASSERT_TRUE(report.ok() && report->errors.empty()) << i;
    auto again = inventory::ExportTable(**fresh);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(inventory::ToCsv(*again), csv) << i;
  }
  // Importing the export into the same database changes nothing.
  auto events = s->Events({});
  auto report = inventory::Import(*s, {"alice", "again"}, *parsed[0], false);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(s->Events({})->size(), events->size());
}

TEST_P(SoupListTest, RowErrorsNameRowAndColumnAndWriteNothing) {
  auto s = OpenStore();
  const std::string csv =
      "key,category,end_of_support,custom_developed\n"
      "pkg:generic/a,required,2026-01-01,no\n"
      "pkg:generic/b,vendor-patched,2026-13-01,maybe\n"
      ",,,\n";
  auto table = inventory::ParseCsv(csv, "list.csv");
  ASSERT_TRUE(table.ok());
  auto report = inventory::Import(*s, {"alice", "import"}, *table, false);
  ASSERT_TRUE(report.ok());
  std::vector<std::string> errors;
  for (const auto& e : report->errors) errors.push_back(e.ToString("row"));
  EXPECT_EQ(errors,
            (std::vector<std::string>{
                "row 3, column category: unknown category 'vendor-patched' (expected "
                "maintained, supported, required or a mapped term)",
                "row 3, column custom_developed: 'maybe' is not yes or no",
                "row 3, column end_of_support: invalid date '2026-13-01': month 13 does not "
                "exist (expected YYYY-MM-DD)",
                "row 4, column key: empty key"}));
  EXPECT_EQ(report->imported, 0);
  EXPECT_TRUE(inventory::List(*s, {})->empty());

  report = inventory::Import(*s, {"alice", "import"}, *table, /*partial=*/true);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->imported, 1);
  auto items = inventory::List(*s, {});
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0].key, "pkg:generic/a");

  auto unknown = inventory::ParseCsv("key,colour\npkg:generic/c,red\n", "l.csv");
  report = inventory::Import(*s, {"alice", "import"}, *unknown, true);
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].ToString("row"), "header, column colour: unknown column 'colour'");
  EXPECT_EQ(report->imported, 0);
}

SK_INSTANTIATE_BACKENDS(SoupListTest);

}  // namespace
}  // namespace soupkeeper::testing
