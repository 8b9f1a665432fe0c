// The backend-independent parts of the connection layer: typed row access,
// placeholder numbering, URI scheme dispatch and password redaction.
#include "store/connection.h"

#include <cctype>

namespace soupkeeper::store {
namespace {

std::string ColumnName(const std::shared_ptr<const std::vector<std::string>>& columns, size_t i) {
  if (columns != nullptr && i < columns->size()) return (*columns)[i];
  return "#" + std::to_string(i);
}

// The scheme of "scheme://rest" (lower-cased), or "" when `uri` has none.
std::string SchemeOf(std::string_view uri) {
  size_t sep = uri.find("://");
  if (sep == std::string_view::npos || sep == 0) return "";
  std::string scheme;
  for (size_t i = 0; i < sep; ++i) {
    unsigned char c = static_cast<unsigned char>(uri[i]);
    bool ok = std::isalpha(c) || (i > 0 && (std::isdigit(c) || c == '+' || c == '-' || c == '.'));
    if (!ok) return "";
    scheme += static_cast<char>(std::tolower(c));
  }
  return scheme;
}

// What a value is, for messages.
const char* Kind(const Value& v) {
  switch (v.index()) {
    case 0:
      return "NULL";
    case 1:
      return "an integer";
    case 2:
      return "text";
    default:
      return "bytes";
  }
}

}  // namespace

Result<int64_t> Row::Int(size_t i) const {
  if (const int64_t* v = std::get_if<int64_t>(&values_[i])) return *v;
  return Corruption("column " + ColumnName(columns_, i) + ": expected an integer, found " +
                    Kind(values_[i]));
}

Result<std::string> Row::Text(size_t i) const {
  if (const std::string* v = std::get_if<std::string>(&values_[i])) return *v;
  return Corruption("column " + ColumnName(columns_, i) + ": expected text, found " +
                    Kind(values_[i]));
}

Result<std::optional<std::string>> Row::OptionalText(size_t i) const {
  if (IsNull(i)) return std::optional<std::string>();
  SK_ASSIGN_OR_RETURN(std::string text, Text(i));
  return std::optional<std::string>(std::move(text));
}

std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  size_t i = 0;
  // Copies sql[i..] up to and including the first `close` (or to the end).
  auto copy_through = [&](std::string_view close) {
    size_t end = sql.find(close, i);
    end = end == std::string_view::npos ? sql.size() : end + close.size();
    out.append(sql.substr(i, end - i));
    i = end;
  };
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\'' || c == '"') {
      // A doubled quote inside a literal reads as two adjacent literals, which
      // copies the same characters.
      out += c;
      ++i;
      copy_through(std::string_view(&c, 1));
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      copy_through("\n");
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      copy_through("*/");
    } else if (c == '?') {
      out += '$' + std::to_string(++n);
      ++i;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

bool IsPlainIdentifier(std::string_view name) {
  if (name.empty() || !(std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_')) {
    return false;
  }
  for (char c : name) {
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '_')) {
      return false;
    }
  }
  return true;
}

namespace {

// The [begin, end) offsets of the passwords written in a URI: the userinfo's
// (scheme://user:PASSWORD@host) and any "password=" query parameter's.
std::vector<std::pair<size_t, size_t>> PasswordRanges(std::string_view uri) {
  std::vector<std::pair<size_t, size_t>> ranges;
  if (SchemeOf(uri).empty()) return ranges;
  // The last '@' before the query ends the userinfo even when the password
  // holds an unescaped '/', so a mistyped URI still has its password found.
  size_t start = uri.find("://") + 3;
  size_t query = uri.find_first_of("?#", start);
  if (query == std::string_view::npos) query = uri.size();
  size_t at = query > start ? uri.rfind('@', query - 1) : std::string_view::npos;
  if (at != std::string_view::npos && at >= start) {
    size_t colon = uri.find(':', start);
    if (colon < at) ranges.emplace_back(colon + 1, at);
  }
  static constexpr std::string_view kKey = "password=";
  for (size_t pos = uri.find('?'); pos != std::string_view::npos; pos = uri.find('&', pos + 1)) {
    if (uri.substr(pos + 1, kKey.size()) != kKey) continue;
    size_t value = pos + 1 + kKey.size();
    size_t end = uri.find_first_of("&#", value);
    ranges.emplace_back(value, end == std::string_view::npos ? uri.size() : end);
  }
  return ranges;
}

}  // namespace

std::string RedactUri(std::string_view uri) {
  std::string out(uri);
  auto ranges = PasswordRanges(uri);
  for (auto it = ranges.rbegin(); it != ranges.rend(); ++it) {
    out.replace(it->first, it->second - it->first, "***");
  }
  return out;
}

std::string ScrubPasswords(std::string_view message, std::string_view uri) {
  std::string out(message);
  for (auto [begin, end] : PasswordRanges(uri)) {
    std::string_view password = uri.substr(begin, end - begin);
    if (password.empty()) continue;
    for (size_t pos; (pos = out.find(password)) != std::string::npos;) {
      out.replace(pos, password.size(), "***");
    }
  }
  return out;
}

Result<std::unique_ptr<Connection>> OpenConnection(std::string_view uri) {
  if (uri.empty()) return InvalidArgument("database: empty path or URI");
  std::string scheme = SchemeOf(uri);
  if (scheme.empty()) return OpenSqlite(std::string(uri));
  if (scheme == "postgresql" || scheme == "postgres") return OpenPostgres(std::string(uri));
  return InvalidArgument(RedactUri(uri) + ": unsupported database URI scheme '" + scheme +
                         "' (use a SQLite file path or postgresql://...)");
}

}  // namespace soupkeeper::store
