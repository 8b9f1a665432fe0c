#include "core/text.h"

#include <algorithm>
#include <string>

namespace soupkeeper::text {

std::vector<std::string_view> SplitWhitespace(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

namespace {
bool Digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
}  // namespace

Status ValidateDate(std::string_view what, std::string_view date) {
  auto bad = [&](const std::string& why) {
    return InvalidArgument("invalid " + std::string(what) + " '" + std::string(date) + "': " + why +
                           " (expected YYYY-MM-DD)");
  };
  if (date.size() != 10 || date[4] != '-' || date[7] != '-' || !Digits(date.substr(0, 4)) ||
      !Digits(date.substr(5, 2)) || !Digits(date.substr(8, 2))) {
    return bad("not in the form YYYY-MM-DD");
  }
  int year = std::stoi(std::string(date.substr(0, 4)));
  int month = std::stoi(std::string(date.substr(5, 2)));
  int day = std::stoi(std::string(date.substr(8, 2)));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return bad("month " + std::to_string(month) + " does not exist");
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  if (day < 1 || day > days) return bad("day " + std::to_string(day) + " does not exist");
  return Status::Ok();
}

}  // namespace soupkeeper::text
