// The "datetime" scheme: versions that are RFC 3339 timestamps, ordered by the
// instant they name (vers' "datetime" scheme).
//
// Grammar (RFC 3339 section 5.6, date-time):
//   YYYY-MM-DD "T" hh:mm:ss [.fraction] ("Z" / "+hh:mm" / "-hh:mm")
// "T" and "Z" may be lower case (RFC 3339 5.6 note). Fields are range
// checked (month length, leap years; second 60 for a leap second). The
// offset is applied, so "2024-01-01T00:00:00Z" equals
// "2023-12-31T19:00:00-05:00"; fractions compare by value at any precision
// (".5" == ".500"); a leap second sorts after second 59 of its minute and
// before the next minute. Canonical(): the same instant in UTC,
// "YYYY-MM-DDThh:mm:ss[.fraction]Z", without trailing fraction zeros.
#include <cstdio>

#include "version/scheme_support.h"
#include "version/schemes.h"

namespace soupkeeper::version {
namespace {

using internal::Span;

constexpr std::string_view kScheme = "datetime";

struct DatetimeVersion : ParsedVersion {
  std::string text;
  int64_t minute = 0;  // minutes since 1970-01-01T00:00Z
  int second = 0;      // 0..60
  Span fraction;       // digits without trailing zeros
};

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t y, int m) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil).
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// The inverse (civil_from_days).
void CivilFromDays(int64_t z, int64_t* y, int* m, int* d) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

class DatetimeScheme : public VersionScheme {
 public:
  std::string_view Name() const override { return kScheme; }
  std::string_view Description() const override {
    return "RFC 3339 timestamps ordered by the instant they name";
  }

  Result<std::unique_ptr<ParsedVersion>> Parse(std::string_view input) const override {
    auto v = std::make_unique<DatetimeVersion>();
    v->text.assign(input);
    std::string_view t = v->text;
    size_t i = 0;
    Status bad;
    // Reads exactly n digits at i.
    auto field = [&](size_t n, const char* name, int* out) -> bool {
      int value = 0;
      for (size_t k = 0; k < n; ++k) {
        if (i + k >= t.size() || !internal::IsDigit(t[i + k])) {
          bad = internal::VersionError(kScheme, input,
                                       std::string("expected ") + std::to_string(n) + "-digit " +
                                           name + " at offset " + std::to_string(i));
          return false;
        }
        value = value * 10 + (t[i + k] - '0');
      }
      i += n;
      *out = value;
      return true;
    };
    auto expect = [&](std::string_view chars) -> bool {
      if (i < t.size() && chars.find(t[i]) != std::string_view::npos) {
        ++i;
        return true;
      }
      bad = internal::VersionError(
          kScheme, input,
          "expected '" + std::string(chars.substr(0, 1)) + "' at offset " + std::to_string(i));
      return false;
    };
    auto range = [&](int value, int lo, int hi, const char* name, size_t at) -> bool {
      if (value >= lo && value <= hi) return true;
      bad = internal::VersionError(
          kScheme, input, std::string(name) + " out of range at offset " + std::to_string(at));
      return false;
    };
    int year, month, day, hour, minute, second;
    if (!field(4, "year", &year) || !expect("-") || !field(2, "month", &month) ||
        !range(month, 1, 12, "month", 5) || !expect("-") || !field(2, "day", &day) ||
        !range(day, 1, DaysInMonth(year, month), "day", 8) || !expect("Tt") ||
        !field(2, "hour", &hour) || !range(hour, 0, 23, "hour", 11) || !expect(":") ||
        !field(2, "minute", &minute) || !range(minute, 0, 59, "minute", 14) || !expect(":") ||
        !field(2, "second", &second) || !range(second, 0, 60, "second", 17)) {
      return bad;
    }
    if (i < t.size() && t[i] == '.') {
      size_t start = ++i;
      while (i < t.size() && internal::IsDigit(t[i])) ++i;
      if (i == start) {
        return internal::VersionError(
            kScheme, input, "expected fraction digits at offset " + std::to_string(start));
      }
      size_t end = i;
      while (end > start && t[end - 1] == '0') --end;
      v->fraction = internal::MakeSpan(start, end - start);
    }
    int offset = 0;
    if (i < t.size() && (t[i] == 'Z' || t[i] == 'z')) {
      ++i;
    } else if (i < t.size() && (t[i] == '+' || t[i] == '-')) {
      int sign = t[i] == '-' ? -1 : 1;
      ++i;
      int oh, om;
      size_t at = i;
      if (!field(2, "offset hour", &oh) || !range(oh, 0, 23, "offset hour", at) || !expect(":") ||
          !field(2, "offset minute", &om) || !range(om, 0, 59, "offset minute", at + 3)) {
        return bad;
      }
      offset = sign * (oh * 60 + om);
    } else {
      return internal::VersionError(
          kScheme, input,
          "expected 'Z' or a '+hh:mm'/'-hh:mm' offset at offset " + std::to_string(i));
    }
    if (i < t.size()) return internal::UnexpectedAt(kScheme, input, i);
    v->minute = DaysFromCivil(year, month, day) * 1440 + hour * 60 + minute - offset;
    v->second = second;
    return std::unique_ptr<ParsedVersion>(std::move(v));
  }

  int Compare(const ParsedVersion& pa, const ParsedVersion& pb) const override {
    const auto& a = internal::As<DatetimeVersion>(pa);
    const auto& b = internal::As<DatetimeVersion>(pb);
    if (a.minute != b.minute) return a.minute < b.minute ? -1 : 1;
    if (a.second != b.second) return a.second < b.second ? -1 : 1;
    // Fractions without trailing zeros compare as byte strings.
    return internal::CompareBytes(a.fraction.In(a.text), b.fraction.In(b.text));
  }

  std::string Canonical(const ParsedVersion& pv) const override {
    const auto& v = internal::As<DatetimeVersion>(pv);
    int64_t days = FloorDiv(v.minute, 1440);
    int64_t in_day = v.minute - days * 1440;
    int64_t year;
    int month, day;
    CivilFromDays(days, &year, &month, &day);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02d", static_cast<long long>(year),
                  month, day, static_cast<int>(in_day / 60), static_cast<int>(in_day % 60),
                  v.second);
    std::string out = buf;
    if (!v.fraction.empty()) {
      out += '.';
      out += v.fraction.In(v.text);
    }
    out += 'Z';
    return out;
  }
};

}  // namespace

std::unique_ptr<VersionScheme> NewDatetimeScheme() { return std::make_unique<DatetimeScheme>(); }

}  // namespace soupkeeper::version
