// Helpers shared by the version scheme files; see scheme_support.h.
#include "version/scheme_support.h"

#include <cstring>

namespace soupkeeper::version::internal {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

bool DecimalAtMost(std::string_view digits, uint64_t limit) {
  digits = StripLeadingZeros(digits);
  if (digits.size() > 20) return false;
  uint64_t v = 0;
  for (char c : digits) {
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) return false;
    v = v * 10 + d;
  }
  return v <= limit;
}

size_t ParseNumberList(std::string_view t, size_t i, std::string_view separators, NumberList* out) {
  while (i < t.size() && IsDigit(t[i])) {
    size_t start = i;
    while (i < t.size() && IsDigit(t[i])) ++i;
    std::string_view d = StripLeadingZeros(t.substr(start, i - start));
    out->push_back(MakeSpan(i - d.size(), d.size()));
    if (i + 1 < t.size() && separators.find(t[i]) != std::string_view::npos && IsDigit(t[i + 1])) {
      ++i;
    } else {
      break;
    }
  }
  return i;
}

int ComparePadded(std::string_view at, const NumberList& a, std::string_view bt,
                  const NumberList& b) {
  size_t n = a.size() > b.size() ? a.size() : b.size();
  for (size_t k = 0; k < n; ++k) {
    std::string_view x = k < a.size() ? a[k].In(at) : "0";
    std::string_view y = k < b.size() ? b[k].In(bt) : "0";
    if (int c = CompareDecimal(x, y)) return c;
  }
  return 0;
}

std::string_view TrimSpace(std::string_view s, size_t* begin) {
  size_t b = 0;
  size_t e = s.size();
  while (b < e && IsSpace(s[b])) ++b;
  while (e > b && IsSpace(s[e - 1])) --e;
  *begin = b;
  return s.substr(b, e - b);
}

int CompareVercmpRun(std::string_view a, size_t* i, std::string_view b, size_t* j) {
  size_t si = *i;
  size_t sj = *j;
  bool is_num = IsDigit(a[si]);
  bool (*same_kind)(char) = is_num ? IsDigit : IsAlpha;
  while (*i < a.size() && same_kind(a[*i])) ++*i;
  while (*j < b.size() && same_kind(b[*j])) ++*j;
  if (sj == *j) return is_num ? 1 : -1;
  std::string_view x = a.substr(si, *i - si);
  std::string_view y = b.substr(sj, *j - sj);
  return is_num ? CompareDecimal(x, y) : CompareBytes(x, y);
}

namespace {

struct NumberListVersion : ParsedVersion {
  std::string text;
  NumberList numbers;
};

class NumberListScheme : public VersionScheme {
 public:
  explicit NumberListScheme(const NumberListSchemeSpec& spec) : spec_(spec) {}
  std::string_view Name() const override { return spec_.name; }
  std::string_view Description() const override { return spec_.description; }

  Result<std::unique_ptr<ParsedVersion>> Parse(std::string_view input) const override {
    auto v = std::make_unique<NumberListVersion>();
    v->text.assign(input);
    size_t i = (spec_.v_prefix && !input.empty() && input[0] == 'v') ? 1 : 0;
    size_t end = ParseNumberList(v->text, i, spec_.separators, &v->numbers);
    if (end == i || end != input.size()) return UnexpectedAt(spec_.name, input, end);
    return std::unique_ptr<ParsedVersion>(std::move(v));
  }

  int Compare(const ParsedVersion& pa, const ParsedVersion& pb) const override {
    const auto& a = As<NumberListVersion>(pa);
    const auto& b = As<NumberListVersion>(pb);
    if (int c = ComparePadded(a.text, a.numbers, b.text, b.numbers)) return c;
    return Sign(static_cast<long>(a.numbers.size()) - static_cast<long>(b.numbers.size()));
  }

  std::string Canonical(const ParsedVersion& pv) const override {
    const auto& v = As<NumberListVersion>(pv);
    std::string out;
    for (size_t k = 0; k < v.numbers.size(); ++k) {
      if (k > 0) out += '.';
      out.append(v.numbers[k].In(v.text));
    }
    return out;
  }

 private:
  NumberListSchemeSpec spec_;
};

}  // namespace

std::unique_ptr<VersionScheme> NewNumberListScheme(const NumberListSchemeSpec& spec) {
  return std::make_unique<NumberListScheme>(spec);
}

Result<Evr> SplitEvr(std::string_view scheme, std::string_view t) {
  if (t.empty()) return VersionError(scheme, t, "empty version");
  for (size_t k = 0; k < t.size(); ++k) {
    auto c = static_cast<unsigned char>(t[k]);
    if (c <= ' ' || c == 0x7f) {
      return VersionError(scheme, t, "space or control character at offset " + std::to_string(k));
    }
  }
  Evr evr;
  size_t s = 0;
  while (s < t.size() && IsDigit(t[s])) ++s;
  size_t vstart = 0;
  if (s < t.size() && t[s] == ':') {
    std::string_view e = StripLeadingZeros(t.substr(0, s));
    if (e != "0") evr.epoch = MakeSpan(s - e.size(), e.size());
    vstart = s + 1;
  }
  size_t hyphen = t.rfind('-');
  size_t vend = t.size();
  if (hyphen != std::string_view::npos && hyphen >= s) {
    vend = hyphen;
    evr.has_release = true;
    evr.release = MakeSpan(hyphen + 1, t.size() - hyphen - 1);
  }
  evr.version = MakeSpan(vstart, vend - vstart);
  return evr;
}

int CompareEpochs(std::string_view at, const Evr& a, std::string_view bt, const Evr& b) {
  std::string_view ea = a.epoch.empty() ? "0" : a.epoch.In(at);
  std::string_view eb = b.epoch.empty() ? "0" : b.epoch.In(bt);
  return CompareDecimal(ea, eb);
}

std::string EvrCanonical(std::string_view text, const Evr& evr) {
  std::string out;
  std::string_view version = evr.version.In(text);
  if (!evr.epoch.empty() || version.empty() || version.find(':') != std::string_view::npos) {
    out += evr.epoch.empty() ? std::string_view("0") : evr.epoch.In(text);
    out += ':';
  }
  out += version;
  if (evr.has_release) {
    out += '-';
    out += evr.release.In(text);
  }
  return out;
}

Status VersionError(std::string_view scheme, std::string_view text, std::string_view problem) {
  std::string m = "invalid ";
  m += scheme;
  m += " version '";
  m += text;
  m += "': ";
  m += problem;
  return ParseError(std::move(m));
}

Status UnexpectedAt(std::string_view scheme, std::string_view text, size_t offset) {
  if (offset >= text.size()) {
    return VersionError(scheme, text, "unexpected end at offset " + std::to_string(offset));
  }
  return VersionError(
      scheme, text,
      "unexpected '" + std::string(text.substr(offset)) + "' at offset " + std::to_string(offset));
}

}  // namespace soupkeeper::version::internal
