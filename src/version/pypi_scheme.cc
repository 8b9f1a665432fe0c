// The "pypi" scheme: PEP 440 (Version specifiers), as the `packaging` library
// (packaging.version.Version, 22 and later) parses, orders and normalizes it.
//
// Grammar (case-insensitive, surrounding whitespace allowed):
//   [v] [N!] N(.N)* [{-,_,.}{a,alpha,b,beta,c,rc,pre,preview}[{-,_,.}][N]]
//   [-N | [{-,_,.}]{post,rev,r}[{-,_,.}][N]] [[{-,_,.}]dev[{-,_,.}][N]]
//   [+local{-,_,.}local...]
// Legacy (non-PEP 440) versions such as "0.1-bulbasaur" are refused, as
// packaging has refused them since version 22.
//
// Order (packaging's _cmpkey): epoch; release with trailing zeros dropped;
// then dev-only releases before pre-releases before the release; post
// releases after; dev before its release; a local version after the same
// public version, local segments compared number-above-text.
// Canonical() is str(Version): "1.0-1" -> "1.0.post1", "1.0ALPHA" -> "1.0a0".
#include <algorithm>

#include "core/text.h"
#include "version/scheme_support.h"
#include "version/schemes.h"

namespace soupkeeper::version {
namespace {

using internal::CompareBytes;
using internal::CompareDecimal;
using internal::InlineVector;
using internal::IsDigit;
using internal::MakeSpan;
using internal::Sign;
using internal::Span;

struct PypiVersion : ParsedVersion {
  std::string text;  // lower-cased copy of the input
  Span epoch;        // empty: 0
  InlineVector<Span, 5> release;
  size_t significant = 0;  // release length without trailing zeros
  int pre_kind = -1;       // -1 none, 0 a, 1 b, 2 rc
  Span pre;
  bool has_post = false;
  Span post;
  bool has_dev = false;
  Span dev;
  bool has_local = false;
  InlineVector<Span, 3> local;

  std::string_view Num(Span s) const { return s.empty() ? std::string_view("0") : s.In(text); }
};

bool IsSeparator(char c) { return c == '-' || c == '_' || c == '.'; }

class Parser {
 public:
  Parser(std::string_view text, size_t end) : t_(text), end_(end) {}

  size_t pos() const { return i_; }
  void set_pos(size_t i) { i_ = i; }
  bool AtEnd() const { return i_ >= end_; }
  char Peek(size_t ahead = 0) const { return i_ + ahead < end_ ? t_[i_ + ahead] : '\0'; }

  // Digits, leading zeros stripped; false when there are none.
  bool Number(Span* out) {
    size_t start = i_;
    while (i_ < end_ && IsDigit(t_[i_])) ++i_;
    if (i_ == start) return false;
    while (start + 1 < i_ && t_[start] == '0') ++start;
    *out = MakeSpan(start, i_ - start);
    return true;
  }
  void OptionalSeparator() {
    if (!AtEnd() && IsSeparator(t_[i_])) ++i_;
  }
  // The first of `words` that the text continues with (lower-cased text).
  int Word(std::initializer_list<std::string_view> words) {
    int k = 0;
    for (std::string_view w : words) {
      if (t_.substr(i_, std::min(w.size(), end_ - i_)) == w) {
        i_ += w.size();
        return k;
      }
      ++k;
    }
    return -1;
  }

 private:
  std::string_view t_;
  size_t end_;
  size_t i_ = 0;
};

class PypiScheme : public VersionScheme {
 public:
  std::string_view Name() const override { return "pypi"; }
  std::string_view Description() const override {
    return "PyPI: PEP 440 as the packaging library implements it (legacy versions refused)";
  }
  bool IgnoresAsciiCase() const override { return true; }

  Result<std::unique_ptr<ParsedVersion>> Parse(std::string_view input) const override {
    auto v = std::make_unique<PypiVersion>();
    v->text.assign(input);
    text::AsciiLowerInPlace(&v->text);
    size_t begin = 0;
    size_t end = v->text.size();
    while (begin < end && internal::IsSpace(v->text[begin])) ++begin;
    while (end > begin && internal::IsSpace(v->text[end - 1])) --end;
    if (begin == end) return internal::VersionError("pypi", input, "empty version");

    Parser p(v->text, end);
    p.set_pos(begin);
    if (p.Peek() == 'v') p.set_pos(p.pos() + 1);
    Span first;
    if (!p.Number(&first)) return Unexpected(input, p.pos());
    if (p.Peek() == '!') {
      v->epoch = first;
      p.set_pos(p.pos() + 1);
      if (!p.Number(&first)) return Unexpected(input, p.pos());
    }
    v->release.push_back(first);
    while (p.Peek() == '.' && IsDigit(p.Peek(1))) {
      p.set_pos(p.pos() + 1);
      Span n;
      p.Number(&n);
      v->release.push_back(n);
    }
    v->significant = v->release.size();
    while (v->significant > 0 && v->release[v->significant - 1].In(v->text) == "0") {
      --v->significant;
    }

    // Pre-release. Spelling order matters: "alpha" before "a", "preview"
    // before "pre" (the regular expression of packaging tries them so).
    size_t save = p.pos();
    p.OptionalSeparator();
    static constexpr int kPreKind[] = {0, 0, 1, 1, 2, 2, 2, 2};
    int w = p.Word({"alpha", "a", "beta", "b", "preview", "pre", "c", "rc"});
    if (w >= 0) {
      v->pre_kind = kPreKind[w];
      p.OptionalSeparator();
      p.Number(&v->pre);
    } else {
      p.set_pos(save);
    }

    // Post-release: "-N", or [sep](post|rev|r)[sep][N].
    save = p.pos();
    if (p.Peek() == '-' && IsDigit(p.Peek(1))) {
      p.set_pos(p.pos() + 1);
      p.Number(&v->post);
      v->has_post = true;
    } else {
      p.OptionalSeparator();
      if (p.Word({"post", "rev", "r"}) >= 0) {
        v->has_post = true;
        p.OptionalSeparator();
        p.Number(&v->post);
      } else {
        p.set_pos(save);
      }
    }

    // Development release.
    save = p.pos();
    p.OptionalSeparator();
    if (p.Word({"dev"}) == 0) {
      v->has_dev = true;
      p.OptionalSeparator();
      p.Number(&v->dev);
    } else {
      p.set_pos(save);
    }

    // Local version label: [a-z0-9]+ joined by [-_.].
    if (p.Peek() == '+') {
      v->has_local = true;
      p.set_pos(p.pos() + 1);
      while (true) {
        size_t start = p.pos();
        while (!p.AtEnd() && internal::IsAlnum(p.Peek())) p.set_pos(p.pos() + 1);
        if (p.pos() == start) return Unexpected(input, p.pos());
        std::string_view part = std::string_view(v->text).substr(start, p.pos() - start);
        if (internal::AllDigits(part)) {
          part = internal::StripLeadingZeros(part);
          start = p.pos() - part.size();
        }
        v->local.push_back(MakeSpan(start, part.size()));
        if (p.AtEnd() || !IsSeparator(p.Peek())) break;
        p.set_pos(p.pos() + 1);
      }
    }
    if (!p.AtEnd()) return Unexpected(input, p.pos());
    return std::unique_ptr<ParsedVersion>(std::move(v));
  }

  int Compare(const ParsedVersion& pa, const ParsedVersion& pb) const override {
    const auto& a = internal::As<PypiVersion>(pa);
    const auto& b = internal::As<PypiVersion>(pb);
    if (int c = CompareDecimal(a.Num(a.epoch), b.Num(b.epoch))) return c;
    size_t n = std::max(a.significant, b.significant);
    for (size_t k = 0; k < n; ++k) {
      std::string_view x = k < a.significant ? a.release[k].In(a.text) : "0";
      std::string_view y = k < b.significant ? b.release[k].In(b.text) : "0";
      if (int c = CompareDecimal(x, y)) return c;
    }
    // A release that is only a dev release sorts before its pre-releases.
    auto pre_rank = [](const PypiVersion& v) {
      if (v.pre_kind >= 0) return 1;
      return (!v.has_post && v.has_dev) ? 0 : 2;
    };
    if (int c = Sign(pre_rank(a) - pre_rank(b))) return c;
    if (a.pre_kind >= 0) {
      if (int c = Sign(a.pre_kind - b.pre_kind)) return c;
      if (int c = CompareDecimal(a.Num(a.pre), b.Num(b.pre))) return c;
    }
    if (a.has_post != b.has_post) return a.has_post ? 1 : -1;
    if (a.has_post) {
      if (int c = CompareDecimal(a.Num(a.post), b.Num(b.post))) return c;
    }
    if (a.has_dev != b.has_dev) return a.has_dev ? -1 : 1;
    if (a.has_dev) {
      if (int c = CompareDecimal(a.Num(a.dev), b.Num(b.dev))) return c;
    }
    if (a.has_local != b.has_local) return a.has_local ? 1 : -1;
    size_t m = std::min(a.local.size(), b.local.size());
    for (size_t k = 0; k < m; ++k) {
      std::string_view x = a.local[k].In(a.text);
      std::string_view y = b.local[k].In(b.text);
      bool xd = internal::AllDigits(x);
      bool yd = internal::AllDigits(y);
      if (xd != yd) return xd ? 1 : -1;  // numbers rank above text
      if (int c = xd ? CompareDecimal(x, y) : CompareBytes(x, y)) return c;
    }
    return Sign(static_cast<long>(a.local.size()) - static_cast<long>(b.local.size()));
  }

  std::string Canonical(const ParsedVersion& pv) const override {
    const auto& v = internal::As<PypiVersion>(pv);
    std::string out;
    if (!v.epoch.empty() && v.Num(v.epoch) != "0") out.append(v.Num(v.epoch)).append("!");
    for (size_t k = 0; k < v.release.size(); ++k) {
      if (k > 0) out += '.';
      out.append(v.release[k].In(v.text));
    }
    static constexpr std::string_view kPre[] = {"a", "b", "rc"};
    if (v.pre_kind >= 0) out.append(kPre[v.pre_kind]).append(v.Num(v.pre));
    if (v.has_post) out.append(".post").append(v.Num(v.post));
    if (v.has_dev) out.append(".dev").append(v.Num(v.dev));
    for (size_t k = 0; k < v.local.size(); ++k) {
      out += k == 0 ? '+' : '.';
      out.append(v.local[k].In(v.text));
    }
    return out;
  }

 private:
  static Status Unexpected(std::string_view input, size_t at) {
    // A separator is allowed before most parts; name what follows it.
    if (at + 1 < input.size() && IsSeparator(input[at]) && input[at + 1] != '+') ++at;
    return internal::UnexpectedAt("pypi", input, at);
  }
};

}  // namespace

std::unique_ptr<VersionScheme> NewPypiScheme() { return std::make_unique<PypiScheme>(); }

}  // namespace soupkeeper::version
