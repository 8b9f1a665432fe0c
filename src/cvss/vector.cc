// Parsing and printing of CVSS vector strings.
//
// One parser serves every version: the prefix picks the metric table
// (metrics.cc), then each "/"-separated METRIC:VALUE field is checked against
// it. Errors name the byte offset of the offending field in the original
// text, so "(AV:N/...)" offsets count the parenthesis.
#include <string>

#include "cvss/metrics.h"
#include "soupkeeper/cvss.h"

namespace soupkeeper::cvss {
namespace {

Status ErrorAt(size_t offset, std::string_view what) {
  return ParseError("CVSS vector: offset " + std::to_string(offset) + ": " + std::string(what));
}

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

// "N, A, L or P"
std::string ListValues(const MetricDef& m) {
  std::string out;
  for (int i = 0; i < m.count; ++i) {
    if (i > 0) out += (i + 1 == m.count) ? " or " : ", ";
    out += m.values[i];
  }
  return out;
}

int FindMetric(const VersionDef& def, std::string_view key) {
  for (size_t i = 0; i < def.metrics.size(); ++i) {
    if (def.metrics[i].key == key) return static_cast<int>(i);
  }
  return -1;
}

int FindValue(const MetricDef& m, std::string_view value) {
  for (int i = 0; i < m.count; ++i) {
    if (m.values[i] == value) return i;
  }
  return -1;
}

std::string VersionLabel(Version version) { return "CVSS v" + std::string(VersionName(version)); }

// Parses the "/"-separated fields of `body`, which starts at `base_offset`
// in the original text.
Result<Vector> ParseFields(Version version, std::string_view body, size_t base_offset,
                           size_t text_size) {
  const VersionDef& def = DefinitionOf(version);
  VectorAccess::Values values;
  values.fill(-1);
  std::array<size_t, Vector::kMaxMetrics> seen_at{};
  int last_index = -1;
  size_t pos = 0;
  while (true) {
    size_t end = body.find('/', pos);
    std::string_view field = body.substr(pos, end == std::string_view::npos ? end : end - pos);
    size_t offset = base_offset + pos;
    if (field.empty()) return ErrorAt(offset, "empty metric (a stray \"/\")");
    size_t colon = field.find(':');
    if (colon == std::string_view::npos) {
      return ErrorAt(offset, Quote(field) + " is not METRIC:VALUE");
    }
    std::string_view key = field.substr(0, colon);
    std::string_view value = field.substr(colon + 1);
    int index = FindMetric(def, key);
    if (index < 0) {
      std::string what = "unknown metric " + Quote(key) + " for " + VersionLabel(version);
      if (version == Version::kV2_0 && FindMetric(DefinitionOf(Version::kV3_1), key) >= 0) {
        what += " (CVSS v3 vectors start with \"CVSS:3.0/\" or \"CVSS:3.1/\")";
      }
      return ErrorAt(offset, what);
    }
    const MetricDef& metric = def.metrics[index];
    if (values[index] >= 0) {
      return ErrorAt(offset, std::string(key) + ": metric given twice (first at offset " +
                                 std::to_string(seen_at[index]) + ")");
    }
    int value_index = FindValue(metric, value);
    if (value_index < 0) {
      return ErrorAt(offset + colon + 1, std::string(key) + ": unknown value " + Quote(value) +
                                             " (expected " + ListValues(metric) + ")");
    }
    if (def.ordered && index < last_index) {
      return ErrorAt(offset, std::string(key) + ": out of order; " + VersionLabel(version) +
                                 " requires it before " + std::string(def.metrics[last_index].key));
    }
    last_index = index;
    values[index] = static_cast<int8_t>(value_index);
    seen_at[index] = offset;
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  std::string missing;
  for (size_t i = 0; i < def.metrics.size(); ++i) {
    if (def.metrics[i].group == Group::kBase && values[i] < 0) {
      if (!missing.empty()) missing += ", ";
      missing += def.metrics[i].key;
    }
  }
  if (!missing.empty()) {
    return ErrorAt(text_size,
                   "missing mandatory Base metric(s) " + missing + " of " + VersionLabel(version));
  }
  return VectorAccess::Make(version, values);
}

}  // namespace

std::string_view VersionName(Version version) {
  switch (version) {
    case Version::kV2_0:
      return "2.0";
    case Version::kV3_0:
      return "3.0";
    case Version::kV3_1:
      return "3.1";
    case Version::kV4_0:
      break;
  }
  return "4.0";
}

Result<Vector> Parse(std::string_view text) {
  if (text.empty()) return ParseError("CVSS vector: empty");
  constexpr std::string_view kPrefix = "CVSS:";
  if (text.starts_with(kPrefix)) {
    size_t slash = text.find('/');
    std::string_view label =
        text.substr(kPrefix.size(), slash == std::string_view::npos ? std::string_view::npos
                                                                    : slash - kPrefix.size());
    Version version;
    if (label == "3.0") {
      version = Version::kV3_0;
    } else if (label == "3.1") {
      version = Version::kV3_1;
    } else if (label == "4.0") {
      version = Version::kV4_0;
    } else {
      return ErrorAt(kPrefix.size(), "unsupported CVSS version " + Quote(label) +
                                         " (expected 3.0, 3.1 or 4.0; 2.0 vectors have no prefix)");
    }
    if (slash == std::string_view::npos) {
      return ErrorAt(text.size(), "no metrics after \"CVSS:" + std::string(label) + "\"");
    }
    return ParseFields(version, text.substr(slash + 1), slash + 1, text.size());
  }
  // CVSS 2.0: bare, or in parentheses as NVD writes it.
  if (text.front() == '(') {
    if (text.back() != ')' || text.size() < 2) {
      return ErrorAt(0, "\"(\" without a closing \")\" at the end");
    }
    return ParseFields(Version::kV2_0, text.substr(1, text.size() - 2), 1, text.size());
  }
  if (text.back() == ')') return ErrorAt(text.size() - 1, "\")\" without an opening \"(\"");
  return ParseFields(Version::kV2_0, text, 0, text.size());
}

std::string_view Vector::Get(std::string_view metric) const {
  const VersionDef& def = DefinitionOf(version_);
  int index = FindMetric(def, metric);
  if (index < 0 || values_[index] < 0) return {};
  return def.metrics[index].values[values_[index]];
}

std::string Vector::ToString() const {
  const VersionDef& def = DefinitionOf(version_);
  std::string out;
  if (version_ != Version::kV2_0) {
    out = "CVSS:";
    out += VersionName(version_);
  }
  for (size_t i = 0; i < def.metrics.size(); ++i) {
    if (values_[i] < 0) continue;
    if (!out.empty()) out += '/';
    out += def.metrics[i].key;
    out += ':';
    out += def.metrics[i].values[values_[i]];
  }
  return out;
}

}  // namespace soupkeeper::cvss
