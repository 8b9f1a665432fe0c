// SPDX license expressions: a recursive-descent parser over the Annex D
// grammar, and case-insensitive lookups in the generated identifier lists.
#include "soupkeeper/license_expression.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include "core/text.h"
#include "sbom/spdx_license_list.h"

namespace soupkeeper::sbom {
namespace {

// Parentheses nest at most this deep (bounded recursion).
constexpr int kMaxDepth = 64;

// A list keyed by lower-case id, for case-insensitive lookups.
class FoldedList {
 public:
  explicit FoldedList(std::span<const std::string_view> ids) {
    for (std::string_view id : ids) entries_.emplace_back(text::ToAsciiLower(id), id);
    std::sort(entries_.begin(), entries_.end());
  }
  std::string_view Find(std::string_view id) const {
    std::string key = text::ToAsciiLower(id);
    auto it = std::lower_bound(entries_.begin(), entries_.end(), key,
                               [](const auto& e, const std::string& k) { return e.first < k; });
    if (it == entries_.end() || it->first != key) return {};
    return it->second;
  }

 private:
  std::vector<std::pair<std::string, std::string_view>> entries_;
};

const FoldedList& LicenseList() {
  static const FoldedList* list = [] {
    std::vector<std::string_view> all(spdx_list::Licenses().begin(), spdx_list::Licenses().end());
    all.insert(all.end(), spdx_list::DeprecatedLicenses().begin(),
               spdx_list::DeprecatedLicenses().end());
    return new FoldedList(all);
  }();
  return *list;
}

const FoldedList& DeprecatedList() {
  static const FoldedList* list = new FoldedList(spdx_list::DeprecatedLicenses());
  return *list;
}

const FoldedList& ExceptionList() {
  static const FoldedList* list = new FoldedList(spdx_list::Exceptions());
  return *list;
}

bool IsIdstring(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') return false;
  }
  return true;
}

struct Token {
  enum Kind { kOpen, kClose, kWord, kEnd } kind;
  std::string_view text;
  size_t column;  // 1-based
};

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Result<ParsedLicenseExpression> Run() {
    SK_RETURN_IF_ERROR(Tokenize());
    ParsedLicenseExpression out;
    result_ = &out;
    if (tokens_.size() == 1) return Fail(1, "empty license expression");
    Result<LicenseExpression> tree = Or(0);
    if (!tree.ok()) return tree.status();
    if (Peek().kind != Token::kEnd) {
      return Fail(Peek().column,
                  Peek().kind == Token::kClose
                      ? "')' without a matching '('"
                      : "expected AND, OR or WITH before '" + std::string(Peek().text) + "'");
    }
    out.tree = std::move(*tree);
    out.single_listed_id = out.tree.kind == LicenseExpression::Kind::kLicense &&
                           !out.tree.or_later && !ListedLicenseId(out.tree.id).empty();
    out.canonical = Write(out.tree);
    return out;
  }

 private:
  Status Fail(size_t column, const std::string& what) const {
    return ParseError("invalid license expression '" + std::string(text_) + "': " + what +
                      " (column " + std::to_string(column) + ")");
  }

  Status Tokenize() {
    size_t i = 0;
    while (i < text_.size()) {
      char c = text_[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++i;
      } else if (c == '(' || c == ')') {
        tokens_.push_back({c == '(' ? Token::kOpen : Token::kClose, text_.substr(i, 1), i + 1});
        ++i;
      } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '+' ||
                 c == ':') {
        size_t start = i;
        while (i < text_.size()) {
          char d = text_[i];
          if (!std::isalnum(static_cast<unsigned char>(d)) && d != '-' && d != '.' && d != '+' &&
              d != ':') {
            break;
          }
          ++i;
        }
        tokens_.push_back({Token::kWord, text_.substr(start, i - start), start + 1});
      } else {
        std::string shown = (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
                                ? "control character"
                                : "character '" + std::string(1, c) + "'";
        if (static_cast<unsigned char>(c) >= 0x80) shown = "non-ASCII character";
        return Fail(i + 1, "unexpected " + shown);
      }
    }
    tokens_.push_back({Token::kEnd, {}, text_.size() + 1});
    return Status::Ok();
  }

  const Token& Peek() const { return tokens_[pos_]; }
  bool PeekOperator(std::string_view op) const {
    return Peek().kind == Token::kWord && text::EqualsIgnoreAsciiCase(Peek().text, op);
  }
  static bool IsOperator(std::string_view w) {
    return text::EqualsIgnoreAsciiCase(w, "AND") || text::EqualsIgnoreAsciiCase(w, "OR") ||
           text::EqualsIgnoreAsciiCase(w, "WITH");
  }

  Result<LicenseExpression> Or(int depth) {
    return Binary(depth, "OR", LicenseExpression::Kind::kOr, [this](int d) { return And(d); });
  }
  Result<LicenseExpression> And(int depth) {
    return Binary(depth, "AND", LicenseExpression::Kind::kAnd, [this](int d) { return With(d); });
  }

  template <typename Next>
  Result<LicenseExpression> Binary(int depth, std::string_view op, LicenseExpression::Kind kind,
                                   Next next) {
    Result<LicenseExpression> first = next(depth);
    if (!first.ok()) return first.status();
    if (!PeekOperator(op)) return first;
    LicenseExpression node;
    node.kind = kind;
    auto add = [&](LicenseExpression e) {
      if (e.kind == kind) {
        for (auto& o : e.operands) node.operands.push_back(std::move(o));
      } else {
        node.operands.push_back(std::move(e));
      }
    };
    add(std::move(*first));
    while (PeekOperator(op)) {
      ++pos_;
      Result<LicenseExpression> more = next(depth);
      if (!more.ok()) return more.status();
      add(std::move(*more));
    }
    return node;
  }

  Result<LicenseExpression> With(int depth) {
    bool simple = Peek().kind == Token::kWord;
    Result<LicenseExpression> base = Primary(depth);
    if (!base.ok()) return base.status();
    if (!PeekOperator("WITH")) return base;
    if (!simple) return Fail(Peek().column, "WITH must follow a single license, not '(...)'");
    ++pos_;
    const Token& t = Peek();
    if (t.kind != Token::kWord || IsOperator(t.text)) {
      return Fail(t.column, "expected an exception id after WITH");
    }
    ++pos_;
    std::string_view id = t.text;
    std::string_view local = id;
    if (text::StartsWithIgnoreAsciiCase(id, "DocumentRef-")) {
      size_t colon = id.find(':');
      if (colon == std::string_view::npos || !IsIdstring(id.substr(12, colon - 12))) {
        return Fail(t.column, "'" + std::string(id) + "' is not DocumentRef-<id>:AdditionRef-<id>");
      }
      local = id.substr(colon + 1);
      if (!text::StartsWithIgnoreAsciiCase(local, "AdditionRef-")) {
        return Fail(t.column, "'" + std::string(id) + "' is not DocumentRef-<id>:AdditionRef-<id>");
      }
    }
    LicenseExpression node;
    node.kind = LicenseExpression::Kind::kWith;
    if (text::StartsWithIgnoreAsciiCase(local, "AdditionRef-")) {
      if (!IsIdstring(local.substr(12))) {
        return Fail(t.column, "'" + std::string(id) + "' is not a valid AdditionRef");
      }
      node.exception.assign(id);
    } else {
      if (!IsIdstring(id)) {
        return Fail(t.column, "'" + std::string(id) + "' is not a valid exception id");
      }
      std::string_view listed = ListedExceptionId(id);
      if (listed.empty()) {
        result_->unknown_exceptions.emplace_back(id);
        node.exception.assign(id);
      } else {
        node.exception.assign(listed);
      }
    }
    node.operands.push_back(std::move(*base));
    return node;
  }

  Result<LicenseExpression> Primary(int depth) {
    const Token& t = Peek();
    if (t.kind == Token::kOpen) {
      if (depth >= kMaxDepth) {
        return Fail(t.column, "parentheses nested deeper than " + std::to_string(kMaxDepth));
      }
      ++pos_;
      Result<LicenseExpression> inner = Or(depth + 1);
      if (!inner.ok()) return inner.status();
      if (Peek().kind != Token::kClose) {
        return Fail(Peek().column, Peek().kind == Token::kEnd
                                       ? "missing ')'"
                                       : "expected ')' before '" + std::string(Peek().text) + "'");
      }
      ++pos_;
      return inner;
    }
    if (t.kind == Token::kClose) return Fail(t.column, "expected a license before ')'");
    if (t.kind == Token::kEnd) {
      return Fail(t.column, pos_ == 0 ? "empty license expression"
                                      : "expected a license after '" +
                                            std::string(tokens_[pos_ - 1].text) + "'");
    }
    if (IsOperator(t.text)) {
      return Fail(t.column, "expected a license before '" + std::string(t.text) + "'");
    }
    ++pos_;
    return Simple(t);
  }

  Result<LicenseExpression> Simple(const Token& t) {
    std::string_view id = t.text;
    LicenseExpression node;
    node.kind = LicenseExpression::Kind::kLicense;
    std::string_view local = id;
    if (text::StartsWithIgnoreAsciiCase(id, "DocumentRef-")) {
      size_t colon = id.find(':');
      if (colon == std::string_view::npos || !IsIdstring(id.substr(12, colon - 12)) ||
          !text::StartsWithIgnoreAsciiCase(id.substr(colon + 1), "LicenseRef-")) {
        return Fail(t.column, "'" + std::string(id) + "' is not DocumentRef-<id>:LicenseRef-<id>");
      }
      local = id.substr(colon + 1);
    }
    if (text::StartsWithIgnoreAsciiCase(local, "LicenseRef-")) {
      if (local.back() == '+') {
        return Fail(t.column, "'+' cannot follow a LicenseRef ('" + std::string(id) + "')");
      }
      if (!IsIdstring(local.substr(11))) {
        return Fail(t.column, "'" + std::string(id) + "' is not a valid LicenseRef");
      }
      node.id.assign(id);
      return node;
    }
    if (!id.empty() && id.back() == '+') {
      node.or_later = true;
      id.remove_suffix(1);
    }
    if (!IsIdstring(id)) {
      return Fail(t.column, "'" + std::string(t.text) + "' is not a valid license id");
    }
    std::string_view listed = ListedLicenseId(id);
    if (listed.empty()) {
      result_->unknown_licenses.emplace_back(id);
      node.id.assign(id);
    } else {
      node.id.assign(listed);
      if (IsDeprecatedLicenseId(listed)) result_->deprecated.emplace_back(listed);
    }
    return node;
  }

  static std::string Write(const LicenseExpression& e) {
    switch (e.kind) {
      case LicenseExpression::Kind::kLicense:
        return e.id + (e.or_later ? "+" : "");
      case LicenseExpression::Kind::kWith:
        return Write(e.operands[0]) + " WITH " + e.exception;
      case LicenseExpression::Kind::kAnd:
      case LicenseExpression::Kind::kOr: {
        std::string out;
        const bool is_and = e.kind == LicenseExpression::Kind::kAnd;
        for (size_t i = 0; i < e.operands.size(); ++i) {
          if (i > 0) out += is_and ? " AND " : " OR ";
          const LicenseExpression& o = e.operands[i];
          // AND binds tighter than OR: an OR inside an AND needs parentheses
          // (an OR inside an OR is flattened by the parser).
          bool parens = o.kind == LicenseExpression::Kind::kOr;
          out += parens ? "(" + Write(o) + ")" : Write(o);
        }
        return out;
      }
    }
    return "";
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  ParsedLicenseExpression* result_ = nullptr;
};

}  // namespace

Result<ParsedLicenseExpression> ParseLicenseExpression(std::string_view text) {
  return Parser(text).Run();
}

std::string_view ListedLicenseId(std::string_view id) { return LicenseList().Find(id); }
std::string_view ListedExceptionId(std::string_view id) { return ExceptionList().Find(id); }
bool IsDeprecatedLicenseId(std::string_view id) { return !DeprecatedList().Find(id).empty(); }

}  // namespace soupkeeper::sbom
