// RFC 3339 formatting and parsing of UTC time points.
//
// Advisory feeds write times in many shapes ("2024-01-02T03:04:05.123Z",
// "2024-01-02T03:04:05", "2024-01-02"); all are read here, and every time that
// soupkeeper writes is RFC 3339 UTC with a 'Z'.
#include <charconv>
#include <cstdio>
#include <ctime>

#include "soupkeeper/env.h"

namespace soupkeeper {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool ReadDigits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  std::from_chars(s.data() + pos, s.data() + pos + n, *out);
  return true;
}

}  // namespace

Status ValidateDate(std::string_view what, std::string_view date) {
  auto bad = [&](const std::string& why) {
    return InvalidArgument("invalid " + std::string(what) + " '" + std::string(date) + "': " + why +
                           " (expected YYYY-MM-DD)");
  };
  int year = 0, month = 0, day = 0;
  if (date.size() != 10 || date[4] != '-' || date[7] != '-' || !ReadDigits(date, 0, 4, &year) ||
      !ReadDigits(date, 5, 2, &month) || !ReadDigits(date, 8, 2, &day)) {
    return bad("not in the form YYYY-MM-DD");
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return bad("month " + std::to_string(month) + " does not exist");
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  if (day < 1 || day > days) return bad("day " + std::to_string(day) + " does not exist");
  return Status::Ok();
}

std::string FormatTime(TimePoint t) {
  auto us = t.time_since_epoch().count();
  int64_t secs = us / 1000000;
  int64_t frac = us % 1000000;
  if (frac < 0) {
    frac += 1000000;
    secs -= 1;
  }
  std::time_t tt = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[96];
  if (frac == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<long long>(frac));
  }
  return buf;
}

Result<TimePoint> ParseTime(std::string_view s) {
  auto bad = [&] {
    return ParseError("invalid date-time '" + std::string(s) +
                      "' (expected RFC 3339, e.g. 2024-01-02T03:04:05Z, or a date 2024-01-02)");
  };
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!ReadDigits(s, 0, 4, &year) || s.size() < 10 || s[4] != '-' || s[7] != '-' ||
      !ReadDigits(s, 5, 2, &month) || !ReadDigits(s, 8, 2, &day)) {
    return bad();
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return bad();
  int64_t micros = 0;
  int64_t offset_seconds = 0;
  size_t pos = 10;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return bad();
    if (!ReadDigits(s, pos + 1, 2, &hour) || s.size() < pos + 9 || s[pos + 3] != ':' ||
        !ReadDigits(s, pos + 4, 2, &minute) || s[pos + 6] != ':' ||
        !ReadDigits(s, pos + 7, 2, &second)) {
      return bad();
    }
    if (hour > 23 || minute > 59 || second > 60) return bad();
    pos += 9;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      int64_t scale = 100000;
      size_t start = pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        micros += (s[pos] - '0') * scale;
        scale /= 10;
        ++pos;
      }
      if (pos == start) return bad();
    }
    if (pos < s.size()) {
      if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
      } else if (s[pos] == '+' || s[pos] == '-') {
        int oh = 0, om = 0;
        if (!ReadDigits(s, pos + 1, 2, &oh)) return bad();
        size_t mpos = pos + 3;
        if (mpos < s.size() && s[mpos] == ':') ++mpos;
        if (!ReadDigits(s, mpos, 2, &om)) return bad();
        offset_seconds = (oh * 3600 + om * 60) * (s[pos] == '-' ? -1 : 1);
        pos = mpos + 2;
      }
    }
    if (pos != s.size()) return bad();
  }
  int64_t days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  int64_t secs = days * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
  return TimePoint(std::chrono::microseconds(secs * 1000000 + micros));
}

}  // namespace soupkeeper
