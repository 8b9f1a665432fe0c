// Version bounds of index entries: the stored form (match_index.bounds) and
// the test a scan makes before it reads a record (MayConcern).
//
// The stored form is one clause per line:
//   o<ecosystem>{TAB<range>}   an OSV affected entry; a range is its type
//                              letter (E ECOSYSTEM, S SEMVER, G GIT) and its
//                              events joined by ',', each the kind letter
//                              (i introduced, f fixed, l last_affected,
//                              m limit) and the version;
//   c{<field>}                 a cpeMatch: fields joined by TAB, each a
//                              letter and a version (v criteria version,
//                              s / S start including / excluding, e / E end
//                              including / excluding).
// "onpm\tSi3.0.0,f3.4.2" is npm's SEMVER range [3.0.0, 3.4.2); "cs1.0\tE2.0"
// a cpeMatch from 1.0 up to 2.0 excluded. A version holding a separator
// cannot be written: the entry is stored without bounds (any version).
#include <algorithm>
#include <set>

#include "match/internal.h"

namespace soupkeeper::match {
namespace {

constexpr std::pair<char, std::string_view> kRangeTypes[] = {
    {'E', "ECOSYSTEM"}, {'S', "SEMVER"}, {'G', "GIT"}};
constexpr std::pair<char, range::OsvEvent::Kind> kEventKinds[] = {
    {'i', range::OsvEvent::Kind::kIntroduced},
    {'f', range::OsvEvent::Kind::kFixed},
    {'l', range::OsvEvent::Kind::kLastAffected},
    {'m', range::OsvEvent::Kind::kLimit},
};

bool Writable(std::string_view s) { return s.find_first_of("\n\t,") == std::string_view::npos; }

std::optional<std::string> EncodeOsv(const range::OsvAffected& a) {
  if (!Writable(a.ecosystem) || !a.versions.empty()) return std::nullopt;
  std::string out = "o" + a.ecosystem;
  for (const range::OsvRange& r : a.ranges) {
    auto type = std::find_if(std::begin(kRangeTypes), std::end(kRangeTypes),
                             [&](const auto& t) { return t.second == r.type; });
    if (type == std::end(kRangeTypes)) return std::nullopt;
    out += '\t';
    out += type->first;
    for (size_t i = 0; i < r.events.size(); ++i) {
      const range::OsvEvent& e = r.events[i];
      if (!Writable(e.version)) return std::nullopt;
      auto kind = std::find_if(std::begin(kEventKinds), std::end(kEventKinds),
                               [&](const auto& k) { return k.second == e.kind; });
      if (i > 0) out += ',';
      out += kind->first;
      out += e.version;
    }
  }
  return out;
}

// The cpeMatch fields of the stored form, by letter (one table for both
// directions).
constexpr std::pair<char, std::string range::CpeMatchBounds::*> kCpeFields[] = {
    {'v', &range::CpeMatchBounds::criteria_version}, {'s', &range::CpeMatchBounds::start_including},
    {'S', &range::CpeMatchBounds::start_excluding},  {'e', &range::CpeMatchBounds::end_including},
    {'E', &range::CpeMatchBounds::end_excluding},
};

std::optional<std::string> EncodeCpe(const range::CpeMatchBounds& b) {
  std::string out = "c";
  bool first = true;
  for (const auto& [letter, field] : kCpeFields) {
    const std::string& value = b.*field;
    if (value.empty()) continue;
    if (!Writable(value)) return std::nullopt;
    if (!first) out += '\t';
    first = false;
    out += letter;
    out += value;
  }
  return out;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  for (size_t at = 0;;) {
    size_t end = s.find(sep, at);
    out.push_back(s.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
    if (end == std::string_view::npos) return out;
    at = end + 1;
  }
}

Result<range::OsvAffected> DecodeOsv(std::string_view clause) {
  std::vector<std::string_view> parts = Split(clause.substr(1), '\t');
  range::OsvAffected a;
  a.ecosystem = std::string(parts[0]);
  for (size_t i = 1; i < parts.size(); ++i) {
    std::string_view text = parts[i];
    auto type = std::find_if(std::begin(kRangeTypes), std::end(kRangeTypes),
                             [&](const auto& t) { return !text.empty() && t.first == text[0]; });
    if (type == std::end(kRangeTypes)) {
      return InvalidArgument("range '" + std::string(text) + "': unknown type letter");
    }
    range::OsvRange r;
    r.type = std::string(type->second);
    if (text.size() > 1) {
      for (std::string_view ev : Split(text.substr(1), ',')) {
        auto kind = std::find_if(std::begin(kEventKinds), std::end(kEventKinds),
                                 [&](const auto& k) { return !ev.empty() && k.first == ev[0]; });
        if (kind == std::end(kEventKinds)) {
          return InvalidArgument("event '" + std::string(ev) + "': unknown kind letter");
        }
        r.events.push_back({kind->second, std::string(ev.substr(1))});
      }
    }
    a.ranges.push_back(std::move(r));
  }
  return a;
}

Result<range::CpeMatchBounds> DecodeCpe(std::string_view clause) {
  range::CpeMatchBounds b;
  if (clause.size() == 1) return b;
  for (std::string_view field : Split(clause.substr(1), '\t')) {
    auto it = std::find_if(std::begin(kCpeFields), std::end(kCpeFields),
                           [&](const auto& f) { return !field.empty() && f.first == field[0]; });
    if (it == std::end(kCpeFields)) {
      return InvalidArgument("cpeMatch field '" + std::string(field) + "': unknown letter");
    }
    b.*(it->second) = std::string(field.substr(1));
  }
  return b;
}

}  // namespace

std::optional<std::string> EncodeBounds(const VersionBounds& bounds) {
  std::vector<std::string> lines;
  std::set<std::string> seen;
  auto add = [&](std::optional<std::string> line) {
    if (!line) return false;
    if (seen.insert(*line).second) lines.push_back(std::move(*line));
    return true;
  };
  for (const range::OsvAffected& a : bounds.osv) {
    if (!add(EncodeOsv(a))) return std::nullopt;
  }
  for (const range::CpeMatchBounds& b : bounds.cpe) {
    if (!add(EncodeCpe(b))) return std::nullopt;
  }
  std::string out;
  for (const std::string& line : lines) {
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

Result<VersionBounds> DecodeBounds(std::string_view text) {
  VersionBounds out;
  if (text.empty()) return out;
  for (std::string_view clause : Split(text, '\n')) {
    if (!clause.empty() && clause[0] == 'o') {
      SK_ASSIGN_OR_RETURN(range::OsvAffected a, DecodeOsv(clause));
      out.osv.push_back(std::move(a));
    } else if (!clause.empty() && clause[0] == 'c') {
      SK_ASSIGN_OR_RETURN(range::CpeMatchBounds b, DecodeCpe(clause));
      out.cpe.push_back(std::move(b));
    } else {
      return InvalidArgument("clause '" + std::string(clause) + "': neither 'o' nor 'c'");
    }
  }
  return out;
}

PreparedBounds::PreparedBounds(VersionBounds bounds)
    : bounds_(std::move(bounds)), cpe_(bounds_.cpe.size()) {
  for (const range::OsvAffected& a : bounds_.osv) osv_.emplace_back(a);
}

bool PreparedBounds::MayConcern(const VersionProbe& probe) const {
  if (probe.any) return true;
  for (const range::OsvEvaluator& osv : osv_) {
    for (const std::string& v : probe.osv) {
      if (osv.Evaluate(v).verdict != range::Verdict::kNotAffected) return true;
    }
  }
  for (size_t i = 0; i < bounds_.cpe.size(); ++i) {
    for (const VersionProbe::Cpe& c : probe.cpe) {
      auto it = cpe_[i].find(c.vers_type);
      if (it == cpe_[i].end()) {
        it = cpe_[i].emplace(c.vers_type, range::CpeMatchToVers(bounds_.cpe[i], c.vers_type)).first;
      }
      if (range::EvaluateIn(it->second, c.version).verdict != range::Verdict::kNotAffected) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace soupkeeper::match
