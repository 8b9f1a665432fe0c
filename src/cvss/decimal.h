// Exact decimal arithmetic for the CVSS 2.0 and 3.x equations.
//
// The specifications define their equations on decimal numbers and their
// rounding (v2 round_to_1_decimal, v3.0 Roundup) on the exact results; binary
// floating point misses by one tenth when an exact result lands on a rounding
// boundary (e.g. 10 x 0.92 = 9.2000000000000002 rounds up to 9.3). Decimal
// holds a value as an integer count of 10^-18, which represents every
// weight, sum and product of these equations exactly; only the Scope Changed
// power terms, (x - 0.02)^15 and (0.9731 x - 0.02)^13, lose digits beyond
// 10^-18, far below anything the rounding can see.
#ifndef SOUPKEEPER_SRC_CVSS_DECIMAL_H_
#define SOUPKEEPER_SRC_CVSS_DECIMAL_H_

#include <cstdint>

namespace soupkeeper::cvss {

class Decimal {
 public:
  // Magnitudes in the CVSS equations stay below 100, so products of two
  // values (below 10^40 before rescaling) fit in 128 bits.
  using Raw = __int128;
  static constexpr Raw kScale = 1000000000000000000;  // 10^18

  constexpr Decimal() = default;
  // `digits` x 10^-`places`, e.g. Decimal(1176, 3) is 1.176.
  constexpr Decimal(int64_t digits, int places) : raw_(digits * Pow10(18 - places)) {}
  static constexpr Decimal FromInt(int64_t n) { return Decimal(n, 0); }
  // A count of tenths, e.g. a rounded score.
  static constexpr Decimal FromTenths(int64_t tenths) { return Decimal(tenths, 1); }

  constexpr Decimal operator+(Decimal o) const { return FromRaw(raw_ + o.raw_); }
  constexpr Decimal operator-(Decimal o) const { return FromRaw(raw_ - o.raw_); }
  // Exact whenever the true product has at most 18 decimals; truncated
  // toward zero otherwise.
  constexpr Decimal operator*(Decimal o) const { return FromRaw(raw_ * o.raw_ / kScale); }
  constexpr Decimal Pow(int n) const {
    Decimal r = FromInt(1);
    for (int i = 0; i < n; ++i) r = r * *this;
    return r;
  }
  constexpr auto operator<=>(const Decimal&) const = default;

  // Tenths, rounded half away from zero (v2 round_to_1_decimal).
  constexpr int64_t RoundHalfUpTenths() const {
    constexpr Raw kTenth = kScale / 10;
    Raw q = (raw_ < 0 ? -raw_ : raw_);
    Raw t = (q + kTenth / 2) / kTenth;
    return static_cast<int64_t>(raw_ < 0 ? -t : t);
  }
  // Tenths, the smallest one-decimal number not below the value (v3.0
  // Roundup).
  constexpr int64_t CeilTenths() const {
    constexpr Raw kTenth = kScale / 10;
    Raw t = raw_ / kTenth;  // truncated toward zero
    if (t * kTenth < raw_) ++t;
    return static_cast<int64_t>(t);
  }
  // Tenths by the CVSS v3.1 specification, Appendix A: the value rounded to
  // five decimals (half up), then rounded up to one decimal.
  constexpr int64_t RoundUp31Tenths() const {
    constexpr Raw kUnit = kScale / 100000;  // 10^-5
    Raw int_input = (raw_ + kUnit / 2) / kUnit;
    if (raw_ < 0) int_input = -((-raw_ + kUnit / 2) / kUnit);
    if (int_input % 10000 == 0) return static_cast<int64_t>(int_input / 10000);
    Raw floor = int_input / 10000 - (int_input < 0 ? 1 : 0);
    return static_cast<int64_t>(floor + 1);
  }

 private:
  static constexpr Raw Pow10(int n) {
    Raw r = 1;
    for (int i = 0; i < n; ++i) r *= 10;
    return r;
  }
  static constexpr Decimal FromRaw(Raw raw) {
    Decimal d;
    d.raw_ = raw;
    return d;
  }

  Raw raw_ = 0;
};

}  // namespace soupkeeper::cvss

#endif  // SOUPKEEPER_SRC_CVSS_DECIMAL_H_
