// Small helpers shared by the version scheme files of src/version/: ASCII
// character classes, exact comparison of decimal numbers of any length, an
// inline vector that keeps short lists off the heap, and the one wording of
// parse errors ("invalid <scheme> version '<text>': <problem>").
//
// Parsed versions keep their own copy of the text (short strings stay in the
// std::string's inline buffer) and refer to pieces of it with Span, so that
// parsing and comparing a typical version allocates nothing beyond the
// ParsedVersion object itself.
#ifndef SOUPKEEPER_SRC_VERSION_SCHEME_SUPPORT_H_
#define SOUPKEEPER_SRC_VERSION_SCHEME_SUPPORT_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>

#include "soupkeeper/status.h"
#include "soupkeeper/version.h"

namespace soupkeeper::version::internal {

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
inline bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
// `s` without leading and trailing white space; *begin is set to the offset
// of the first character kept.
std::string_view TrimSpace(std::string_view s, size_t* begin);
// True when every character is an ASCII digit (and there is at least one).
bool AllDigits(std::string_view s);
// `s` without leading '0's, keeping a single "0" for zero.
inline std::string_view StripLeadingZeros(std::string_view s) {
  size_t i = 0;
  while (i + 1 < s.size() && s[i] == '0') ++i;
  return s.substr(i);
}

// -1, 0 or +1.
template <typename T>
int Sign(T v) {
  return (v > T{}) - (v < T{});
}
// Three-way comparison of byte strings.
inline int CompareBytes(std::string_view a, std::string_view b) { return Sign(a.compare(b)); }
// Three-way comparison of two decimal digit strings by value, of any length
// (leading zeros are ignored). Inline: every scheme compares numbers this way.
inline int CompareDecimal(std::string_view a, std::string_view b) {
  a = StripLeadingZeros(a);
  b = StripLeadingZeros(b);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return Sign(std::memcmp(a.data(), b.data(), a.size()));
}
// The value of a digit string when it is at most `limit`.
bool DecimalAtMost(std::string_view digits, uint64_t limit);

// A piece of a parsed version's own text.
struct Span {
  uint32_t off = 0;
  uint32_t len = 0;
  std::string_view In(std::string_view text) const { return text.substr(off, len); }
  bool empty() const { return len == 0; }
};
inline Span MakeSpan(size_t off, size_t len) {
  return Span{static_cast<uint32_t>(off), static_cast<uint32_t>(len)};
}

// "invalid <scheme> version '<text>': <problem>".
Status VersionError(std::string_view scheme, std::string_view text, std::string_view problem);
// "... unexpected '<rest>' at offset N" for the unparsed rest of `text`.
Status UnexpectedAt(std::string_view scheme, std::string_view text, size_t offset);

// A vector of trivially copyable values that keeps up to N of them inline.
template <typename T, size_t N>
class InlineVector {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  InlineVector() = default;
  InlineVector(const InlineVector&) = delete;
  InlineVector& operator=(const InlineVector&) = delete;

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& operator[](size_t i) const { return data()[i]; }
  T& operator[](size_t i) { return data()[i]; }
  const T& back() const { return data()[size_ - 1]; }
  T& back() { return data()[size_ - 1]; }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size_; }
  void pop_back() { --size_; }
  void clear() { size_ = 0; }

  void push_back(const T& v) {
    if (size_ == capacity_) Grow();
    data()[size_++] = v;
  }

 private:
  T* data() { return heap_ ? heap_.get() : inline_; }
  const T* data() const { return heap_ ? heap_.get() : inline_; }
  void Grow() {
    size_t cap = capacity_ * 2;
    auto bigger = std::make_unique<T[]>(cap);
    for (size_t i = 0; i < size_; ++i) bigger[i] = data()[i];
    heap_ = std::move(bigger);
    capacity_ = cap;
  }

  T inline_[N] = {};
  std::unique_ptr<T[]> heap_;
  size_t size_ = 0;
  size_t capacity_ = N;
};

// Decimal numbers: spans without leading zeros.
using NumberList = InlineVector<Span, 6>;
// Parses [0-9]+ ([sep][0-9]+)* from t[i...], where sep is any character of
// `separators`, appending to *out; returns the offset where it stopped (i
// itself when t[i] is not a digit). A separator not followed by a digit is
// left unparsed.
size_t ParseNumberList(std::string_view t, size_t i, std::string_view separators, NumberList* out);
// Compares number lists with missing numbers read as 0 (1.0 == 1.0.0).
int ComparePadded(std::string_view at, const NumberList& a, std::string_view bt,
                  const NumberList& b);

// A scheme of plain number lists (cran, hackage): an optional 'v' where
// allowed, then [0-9]+ ([sep][0-9]+)*. Order: numbers one by one with missing
// ones read as 0, then the version with more numbers ranks higher (1.0 <
// 1.0.0). Canonical(): the numbers without leading zeros joined by '.'.
struct NumberListSchemeSpec {
  std::string_view name;
  std::string_view description;
  std::string_view separators;
  bool v_prefix = false;
};
std::unique_ptr<VersionScheme> NewNumberListScheme(const NumberListSchemeSpec& spec);

// [epoch:]version[-release], split as rpm's parseEVR splits it (rpm and alpm):
// the epoch is the leading digits when a ':' follows them, kept without
// leading zeros and empty when zero or absent; the release is everything after
// the last '-' behind the epoch. Spans are into the text that was split.
struct Evr {
  Span epoch;
  Span version;
  Span release;
  bool has_release = false;
};
// Splits `text`; fails for an empty text or one with white space or control
// characters (package metadata cannot hold them).
Result<Evr> SplitEvr(std::string_view scheme, std::string_view text);
// Three-way comparison of the epochs (a missing epoch is 0).
int CompareEpochs(std::string_view at, const Evr& a, std::string_view bt, const Evr& b);
// The epoch (left out when zero, unless the version is empty or holds a ':',
// where it would then read differently), the version, and "-release".
std::string EvrCanonical(std::string_view text, const Evr& evr);

// One step of rpmvercmp-style comparison (rpm, alpm): reads the run of digits
// or of letters that starts at a[*i] (its kind decides) and the run of the
// same kind at b[*j], advancing both. A digit run beats a letter run (or a
// missing run); digit runs compare by value, letter runs by bytes. Returns the
// comparison, 0 when the runs are equal.
int CompareVercmpRun(std::string_view a, size_t* i, std::string_view b, size_t* j);

// The scheme's own parsed type behind a ParsedVersion reference. Callers
// guarantee (VersionScheme's contract) that it came from that scheme's Parse.
template <typename T>
const T& As(const ParsedVersion& v) {
  return static_cast<const T&>(v);
}

}  // namespace soupkeeper::version::internal

#endif  // SOUPKEEPER_SRC_VERSION_SCHEME_SUPPORT_H_
