// Hand-kept SOUP lists: the table of kListColumns, its CSV, YAML and XLSX
// forms, and the import with per-row errors.
#include <archive.h>
#include <archive_entry.h>
#include <xlsxwriter.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <pugixml.hpp>

#include "inventory/internal.h"
#include "soupkeeper/env.h"
#include "soupkeeper/inventory.h"

namespace soupkeeper::inventory {
namespace {

constexpr size_t kColumnCount = std::size(kListColumns);

std::string YesNo(bool b) { return b ? "yes" : "no"; }

std::string JoinPlaces(const std::vector<std::string>& places) {
  std::string out;
  for (const std::string& p : places) out += (out.empty() ? "" : ";") + p;
  return out;
}

std::vector<std::string> Row(const Item& it, const Version* v) {
  std::vector<std::string> row = {it.key,
                                  it.name,
                                  it.purl,
                                  it.category ? it.category_term : "",
                                  it.supplier,
                                  YesNo(it.custom_developed),
                                  YesNo(it.security_impact),
                                  it.purpose,
                                  JoinPlaces(it.runs_on)};
  if (v == nullptr) {
    row.resize(kColumnCount);
    return row;
  }
  row.insert(row.end(), {v->version, v->support_level, v->support_justification,
                         v->end_of_support.value_or(""), v->end_of_support_justification,
                         v->support_source, v->support_date.value_or(""),
                         v->anomaly_review_date.value_or(""), v->anomaly_reviewer});
  return row;
}

bool NeedsQuotes(const std::string& s) { return s.find_first_of(",\"\r\n") != std::string::npos; }

// Column index of an XLSX cell reference ("C12" -> 2), or -1.
int64_t ColumnOf(std::string_view ref) {
  int64_t col = 0;
  size_t i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    col = col * 26 + (ref[i] - 'A' + 1);
    if (col > 16384) return -1;  // Excel's last column, XFD
    ++i;
  }
  return i == 0 ? -1 : col - 1;
}

// The files of a zip archive that `wanted` names.
Result<std::map<std::string, std::string>> ReadZip(std::string_view bytes,
                                                   const std::vector<std::string>& wanted,
                                                   const std::string& source) {
  std::map<std::string, std::string> out;
  archive* a = archive_read_new();
  archive_read_support_format_zip(a);
  if (archive_read_open_memory(a, bytes.data(), bytes.size()) != ARCHIVE_OK) {
    std::string why = archive_error_string(a) ? archive_error_string(a) : "unreadable";
    archive_read_free(a);
    return ParseError(source + ": not an XLSX (zip) file: " + why);
  }
  archive_entry* entry = nullptr;
  Status status = Status::Ok();
  while (true) {
    int r = archive_read_next_header(a, &entry);
    if (r == ARCHIVE_EOF) break;
    if (r != ARCHIVE_OK) {
      status = ParseError(source + ": broken zip: " +
                          (archive_error_string(a) ? archive_error_string(a) : "unreadable"));
      break;
    }
    std::string name = archive_entry_pathname(entry) ? archive_entry_pathname(entry) : "";
    if (std::find(wanted.begin(), wanted.end(), name) == wanted.end()) continue;
    std::string content;
    char buf[8192];
    la_ssize_t n;
    while ((n = archive_read_data(a, buf, sizeof buf)) > 0) {
      content.append(buf, static_cast<size_t>(n));
      if (content.size() > (size_t{64} << 20)) {
        n = -1;
        break;
      }
    }
    if (n < 0) {
      status = ParseError(source + ": " + name + ": cannot read (broken or larger than 64 MiB)");
      break;
    }
    out[name] = std::move(content);
  }
  archive_read_free(a);
  SK_RETURN_IF_ERROR(status);
  return out;
}

std::string CellText(const pugi::xml_node& cell, const std::vector<std::string>& shared) {
  std::string type = cell.attribute("t").value();
  if (type == "s") {
    size_t i = static_cast<size_t>(cell.child("v").text().as_ullong(~0ull));
    return i < shared.size() ? shared[i] : "";
  }
  if (type == "inlineStr") {
    std::string s;
    for (pugi::xpath_node t : cell.child("is").select_nodes(".//t")) s += t.node().text().get();
    return s;
  }
  return cell.child("v").text().get();
}

// "yes"/"no" (also "true"/"false"), else an error.
Result<bool> ParseBool(const std::string& s) {
  if (s == "yes" || s == "true") return true;
  if (s == "no" || s == "false" || s.empty()) return false;
  return InvalidArgument("'" + s + "' is not yes or no");
}

std::vector<std::string> SplitPlaces(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(';', start);
    if (end == std::string::npos) end = s.size();
    std::string p = s.substr(start, end - start);
    if (!p.empty()) out.push_back(p);
    start = end + 1;
  }
  return out;
}

// One data row, checked: the item and version it describes.
struct Parsed {
  Item item;
  std::string category;  // as given
  Version version;
};

Result<Parsed> ParseRow(const ListTable& t, size_t r,
                        const std::map<std::string, std::string>& terms,
                        std::vector<ImportError>& errors) {
  const int64_t row = t.first_row + static_cast<int64_t>(r);
  std::map<std::string, std::string> cell;
  for (size_t c = 0; c < t.columns.size(); ++c) cell[t.columns[c]] = t.rows[r][c];
  size_t before = errors.size();
  auto error = [&](const std::string& column, const std::string& message) {
    errors.push_back({row, column, message});
  };
  Parsed p;
  p.item.key = cell["key"];
  p.item.name = cell["name"].empty() ? p.item.key : cell["name"];
  p.item.purl = cell["purl"];
  p.item.supplier = cell["supplier"];
  p.item.purpose = cell["purpose"];
  if (p.item.key.empty()) error("key", "empty key");
  p.category = cell["category"];
  if (!p.category.empty() && !ParseCategory(p.category).ok() && !terms.count(p.category)) {
    error("category", "unknown category '" + p.category +
                          "' (expected maintained, supported, required or a mapped term)");
  }
  for (const char* flag : {"custom_developed", "security_impact"}) {
    Result<bool> b = ParseBool(cell[flag]);
    if (!b.ok()) {
      error(flag, b.status().message());
    } else {
      (std::string(flag) == "custom_developed" ? p.item.custom_developed : p.item.security_impact) =
          *b;
    }
  }
  p.item.runs_on = SplitPlaces(cell["runs_on"]);
  for (const std::string& place : p.item.runs_on) {
    if (!IsPlace(place)) {
      error("runs_on",
            "unknown place '" + place + "' (expected device, app, cloud or update-server)");
    }
  }
  Version& v = p.version;
  v.item_key = p.item.key;
  v.version = cell["version"];
  v.support_level = cell["support_level"];
  if (!v.support_level.empty() && !IsSupportLevel(v.support_level)) {
    error("support_level", "unknown support level '" + v.support_level + "'");
  }
  v.support_justification = cell["support_justification"];
  v.end_of_support_justification = cell["end_of_support_justification"];
  v.support_source = cell["support_source"];
  v.anomaly_reviewer = cell["anomaly_reviewer"];
  for (auto [column, field] :
       {std::pair{"end_of_support", &v.end_of_support}, std::pair{"support_date", &v.support_date},
        std::pair{"anomaly_review_date", &v.anomaly_review_date}}) {
    const std::string& d = cell[column];
    if (d.empty()) continue;
    Status s = ValidateDate("date", d);
    if (!s.ok()) {
      error(column, s.message());
    } else {
      *field = d;
    }
  }
  if (errors.size() == before) {
    Status s = internal::CheckItem(p.item);
    if (s.ok() && !v.version.empty()) s = internal::CheckVersion(v);
    if (s.ok() && !v.version.empty()) s = release::ValidateVersion(v.version);
    if (!s.ok()) error("", s.message());
  }
  if (errors.size() != before) return InvalidArgument("bad row");
  return p;
}

Status WriteRow(store::Txn& txn, const store::Author& author, const Parsed& p) {
  if (!internal::GetItemIn(txn, p.item.key).ok()) {
    Item bare = p.item;
    bare.category.reset();
    SK_RETURN_IF_ERROR(internal::AddItem(txn, bare));
  }
  ItemChanges c;
  if (!p.category.empty()) c.category = p.category;
  c.supplier = p.item.supplier;
  c.custom_developed = p.item.custom_developed;
  c.security_impact = p.item.security_impact;
  c.purpose = p.item.purpose;
  c.runs_on = p.item.runs_on;
  SK_RETURN_IF_ERROR(internal::UpdateIn(txn, author, p.item.key, c).status());
  if (p.version.version.empty()) return Status::Ok();
  const Version& v = p.version;
  VersionChanges vc;
  vc.support_level = v.support_level;
  vc.support_justification = v.support_justification;
  vc.end_of_support = v.end_of_support.value_or("");
  vc.end_of_support_justification = v.end_of_support_justification;
  vc.support_source = v.support_source;
  vc.support_date = v.support_date.value_or("");
  vc.anomaly_review_date = v.anomaly_review_date.value_or("");
  vc.anomaly_reviewer = v.anomaly_reviewer;
  return internal::SetVersionIn(txn, p.item.key, v.version, vc).status();
}

}  // namespace

std::string ImportError::ToString(const std::string& row_word) const {
  std::string out = row == 0 ? std::string("header") : row_word + " " + std::to_string(row);
  if (!column.empty()) out += ", column " + column;
  return out + ": " + message;
}

Result<ListTable> ExportTable(store::Store& store) {
  ListTable t;
  for (std::string_view c : kListColumns) t.columns.emplace_back(c);
  SK_ASSIGN_OR_RETURN(std::vector<Item> items, List(store, {}));
  for (const Item& it : items) {
    SK_ASSIGN_OR_RETURN(std::vector<Version> versions, Versions(store, it.key));
    if (versions.empty()) t.rows.push_back(Row(it, nullptr));
    for (const Version& v : versions) t.rows.push_back(Row(it, &v));
  }
  return t;
}

std::string ToCsv(const ListTable& t) {
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out += ',';
      // A record of one empty field is written "" (an empty line is no record).
      if (!NeedsQuotes(cells[i]) && !(cells.size() == 1 && cells[i].empty())) {
        out += cells[i];
        continue;
      }
      out += '"';
      for (char c : cells[i]) out += c == '"' ? std::string("\"\"") : std::string(1, c);
      out += '"';
    }
    out += "\r\n";
  };
  line(t.columns);
  for (const auto& row : t.rows) line(row);
  return out;
}

Result<ListTable> ParseCsv(std::string_view bytes, const std::string& source) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  size_t line = 1;
  size_t i = 0;
  bool any = false;  // the current record has content
  auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
  };
  while (i < bytes.size()) {
    char c = bytes[i];
    if (c == '"' && field.empty() &&
        (i == 0 || bytes[i - 1] == ',' || bytes[i - 1] == '\n' || bytes[i - 1] == '\r')) {
      size_t start_line = line;
      ++i;
      while (true) {
        if (i >= bytes.size()) {
          return ParseError(source + ": line " + std::to_string(start_line) +
                            ": quoted field is not closed");
        }
        if (bytes[i] == '"') {
          if (i + 1 < bytes.size() && bytes[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (bytes[i] == '\n') ++line;
        field += bytes[i++];
      }
      any = true;
      if (i < bytes.size() && bytes[i] != ',' && bytes[i] != '\r' && bytes[i] != '\n') {
        return ParseError(source + ": line " + std::to_string(line) +
                          ": text after a closing quote");
      }
      continue;
    }
    if (c == ',') {
      end_field();
      any = true;
      ++i;
      continue;
    }
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
      ++i;
      ++line;
      if (any || !field.empty()) {
        end_field();
        records.push_back(std::move(record));
      }
      record.clear();
      any = false;
      continue;
    }
    if (c == '"') {
      return ParseError(source + ": line " + std::to_string(line) +
                        ": quote inside an unquoted field");
    }
    field += c;
    ++i;
  }
  if (any || !field.empty()) {
    end_field();
    records.push_back(std::move(record));
  }
  if (records.empty()) return ParseError(source + ": empty file (expected a header row)");
  ListTable t;
  t.columns = std::move(records[0]);
  for (size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != t.columns.size()) {
      return ParseError(source + ": row " + std::to_string(r + 1) + " has " +
                        std::to_string(records[r].size()) + " fields, the header " +
                        std::to_string(t.columns.size()));
    }
    t.rows.push_back(std::move(records[r]));
  }
  return t;
}

std::string ToYaml(const ListTable& t) {
  YAML::Emitter out;
  out << YAML::BeginSeq;
  for (const auto& row : t.rows) {
    out << YAML::BeginMap;
    for (size_t c = 0; c < t.columns.size(); ++c) {
      out << YAML::Key << t.columns[c] << YAML::Value << YAML::DoubleQuoted << row[c];
    }
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  return std::string(out.c_str()) + "\n";
}

Result<ListTable> ParseYaml(std::string_view bytes, const std::string& source) {
  YAML::Node doc;
  try {
    doc = YAML::Load(std::string(bytes));
  } catch (const YAML::Exception& e) {
    return ParseError(source + ": line " + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  ListTable t;
  t.first_row = 1;
  t.row_word = "entry";
  for (std::string_view c : kListColumns) t.columns.emplace_back(c);
  if (doc.IsNull()) return t;
  if (!doc.IsSequence()) return ParseError(source + ": expected a list of entries");
  for (size_t i = 0; i < doc.size(); ++i) {
    const YAML::Node& e = doc[i];
    std::string where = source + ": entry " + std::to_string(i + 1);
    if (!e.IsMap()) return ParseError(where + ": not a mapping");
    std::vector<std::string> row(t.columns.size());
    for (const auto& kv : e) {
      if (!kv.first.IsScalar() || !(kv.second.IsScalar() || kv.second.IsNull())) {
        return ParseError(where + ": keys and values must be plain text");
      }
      std::string key = kv.first.Scalar();
      auto it = std::find(t.columns.begin(), t.columns.end(), key);
      if (it == t.columns.end()) return ParseError(where + ": unknown column '" + key + "'");
      row[static_cast<size_t>(it - t.columns.begin())] =
          kv.second.IsNull() ? "" : kv.second.Scalar();
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

Status WriteXlsx(const ListTable& t, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) return IoError(path + ": cannot create the workbook");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "SOUP");
  auto put = [&](size_t r, const std::vector<std::string>& cells) {
    for (size_t c = 0; c < cells.size(); ++c) {
      if (cells[c].empty()) continue;
      worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                             cells[c].c_str(), nullptr);
    }
  };
  put(0, t.columns);
  for (size_t r = 0; r < t.rows.size(); ++r) put(r + 1, t.rows[r]);
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return IoError(path + ": " + lxw_strerror(err));
  return Status::Ok();
}

Result<ListTable> ParseXlsx(std::string_view bytes, const std::string& source) {
  const std::string kShared = "xl/sharedStrings.xml";
  const std::string kSheet = "xl/worksheets/sheet1.xml";
  SK_ASSIGN_OR_RETURN(auto files, ReadZip(bytes, {kShared, kSheet}, source));
  if (!files.count(kSheet)) return ParseError(source + ": no " + kSheet + " in the workbook");
  std::vector<std::string> shared;
  if (files.count(kShared)) {
    pugi::xml_document sdoc;
    pugi::xml_parse_result pr = sdoc.load_buffer(files[kShared].data(), files[kShared].size());
    if (!pr) return ParseError(source + ": " + kShared + ": " + pr.description());
    for (pugi::xml_node si : sdoc.child("sst").children("si")) {
      std::string s;
      for (pugi::xpath_node t : si.select_nodes(".//t")) s += t.node().text().get();
      shared.push_back(std::move(s));
    }
  }
  pugi::xml_document doc;
  pugi::xml_parse_result pr = doc.load_buffer(files[kSheet].data(), files[kSheet].size());
  if (!pr) return ParseError(source + ": " + kSheet + ": " + pr.description());
  std::map<int64_t, std::map<int64_t, std::string>> cells;  // row (1-based) -> column -> text
  for (pugi::xml_node row : doc.child("worksheet").child("sheetData").children("row")) {
    int64_t r = row.attribute("r").as_llong(0);
    if (r < 1 || r > 1048576) {
      return ParseError(source + ": " + kSheet + ": row number '" + row.attribute("r").value() +
                        "' is not valid");
    }
    for (pugi::xml_node c : row.children("c")) {
      int64_t col = ColumnOf(c.attribute("r").value());
      if (col < 0) {
        return ParseError(source + ": " + kSheet + ": cell reference '" + c.attribute("r").value() +
                          "' is not valid");
      }
      cells[r][col] = CellText(c, shared);
    }
  }
  if (!cells.count(1)) return ParseError(source + ": no header row (row 1 is empty)");
  ListTable t;
  int64_t width = cells[1].empty() ? 0 : cells[1].rbegin()->first + 1;
  for (int64_t c = 0; c < width; ++c) t.columns.push_back(cells[1][c]);
  int64_t last = cells.rbegin()->first;
  for (int64_t r = 2; r <= last; ++r) {
    std::vector<std::string> row(static_cast<size_t>(width));
    for (const auto& [c, text] : cells[r]) {
      if (c >= width) {
        return ParseError(source + ": row " + std::to_string(r) +
                          " has a cell right of the header");
      }
      row[static_cast<size_t>(c)] = text;
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

Result<ImportReport> Import(store::Store& store, const store::Author& author,
                            const ListTable& table, bool partial) {
  ImportReport report;
  report.rows = static_cast<int64_t>(table.rows.size());
  for (const std::string& c : table.columns) {
    if (std::find(std::begin(kListColumns), std::end(kListColumns), c) == std::end(kListColumns)) {
      report.errors.push_back({0, c, "unknown column '" + c + "'"});
    }
  }
  if (std::find(table.columns.begin(), table.columns.end(), "key") == table.columns.end()) {
    report.errors.push_back({0, "key", "the column key is required"});
  }
  if (!report.errors.empty()) return report;
  SK_ASSIGN_OR_RETURN(auto map, CategoryMap(store));
  std::map<std::string, std::string> terms;
  for (const auto& [term, c] : map) terms[term] = std::string(CategoryName(c));
  std::vector<Parsed> good;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    Result<Parsed> p = ParseRow(table, r, terms, report.errors);
    if (p.ok()) good.push_back(std::move(*p));
  }
  if (!report.errors.empty() && !partial) return report;
  if (good.empty()) return report;
  SK_RETURN_IF_ERROR(store.Write(author, [&](store::Txn& txn) -> Status {
    for (const Parsed& p : good) SK_RETURN_IF_ERROR(WriteRow(txn, author, p));
    return Status::Ok();
  }));
  report.imported = static_cast<int64_t>(good.size());
  return report;
}

}  // namespace soupkeeper::inventory
