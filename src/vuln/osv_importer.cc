// OSV importer (OSV schema 1.x): JSON records, JSON arrays of records (dumps),
// and YAML records (PyPA advisory database). Every ecosystem is taken as
// written; the ranges and versions lists are kept so range::EvaluateOsv can
// evaluate them. GitHub advisory database records keep their
// database_specific (cwe_ids, severity, github_reviewed...); its cwe_ids
// become the record's CWEs.
//
// YAML is converted to JSON (every scalar a string, `~`/`null` null) and
// read by the same decoder, so both forms follow one set of rules; YAML
// syntax errors name the line.
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

#include "soupkeeper/hash.h"
#include "vuln/importers.h"
#include "vuln/json_support.h"

namespace soupkeeper::vuln {
namespace {

bool IsCvssType(std::string_view type) {
  return type == "CVSS_V2" || type == "CVSS_V3" || type == "CVSS_V4";
}

void ReadSeverities(Reader& r, const Node& obj, std::vector<SeverityScore>& out) {
  for (const Node& s : r.Arr(obj, "severity")) {
    SeverityScore sev;
    sev.type = r.Str(s, "type", true);
    sev.vector = r.Str(s, "score", true);
    if (!r.ok()) return;
    if (IsCvssType(sev.type)) {
      ScoreSeverity(sev);
    } else {
      sev.rating = sev.vector;  // e.g. Ubuntu's "medium"
    }
    out.push_back(std::move(sev));
  }
}

std::string MinifiedMember(Reader& r, const Node& obj, std::string_view key) {
  std::optional<Node> n = r.Member(obj, key);
  if (!n) return {};
  return simdjson::minify(n->e);
}

bool ReadEvent(Reader& r, const Node& e, range::OsvEvent& out) {
  int found = 0;
  for (auto kind : {range::OsvEvent::Kind::kIntroduced, range::OsvEvent::Kind::kFixed,
                    range::OsvEvent::Kind::kLastAffected, range::OsvEvent::Kind::kLimit}) {
    std::optional<Node> n = r.Member(e, range::OsvEventKindName(kind));
    if (!n) continue;
    out.kind = kind;
    out.version = r.AsString(*n);
    ++found;
  }
  if (!r.ok()) return false;
  if (found != 1) {
    r.Fail(e, "an event must have exactly one of introduced, fixed, last_affected, limit (found " +
                  std::to_string(found) + ")");
    return false;
  }
  return true;
}

void ReadAffected(Reader& r, const Node& a, Vulnerability& v) {
  PackageAffected pa;
  if (std::optional<Node> pkg = r.Member(a, "package")) {
    pa.ecosystem = r.Str(*pkg, "ecosystem", true);
    pa.name = r.Str(*pkg, "name", true);
    pa.purl = r.Str(*pkg, "purl");
  }
  pa.ranges.ecosystem = pa.ecosystem;
  for (const Node& rg : r.Arr(a, "ranges")) {
    range::OsvRange range;
    range.type = r.Str(rg, "type", true);
    std::string repo = r.Str(rg, "repo");
    if (r.ok() && range.type == "GIT" && repo.empty()) {
      r.Fail(rg, "a GIT range must name its repo");
    }
    std::vector<Node> events = r.Arr(rg, "events", true);
    if (r.ok() && events.empty()) r.Fail(rg, "a range must have at least one event");
    for (const Node& e : events) {
      range::OsvEvent ev;
      if (!ReadEvent(r, e, ev)) return;
      range.events.push_back(std::move(ev));
    }
    if (!r.ok()) return;
    pa.ranges.ranges.push_back(std::move(range));
    pa.range_repos.push_back(std::move(repo));
  }
  pa.ranges.versions = r.Strings(a, "versions");
  pa.ecosystem_specific = MinifiedMember(r, a, "ecosystem_specific");
  pa.database_specific = MinifiedMember(r, a, "database_specific");
  // Per-package severities (OSV 1.5) join the record's list.
  ReadSeverities(r, a, v.severities);
  if (r.ok()) v.affected.push_back(std::move(pa));
}

// Decodes one OSV record object.
void DecodeRecord(Reader& r, const Node& rec, Vulnerability& v) {
  v.id = r.Str(rec, "id", true);
  v.modified = r.Time(rec, "modified", true);
  v.published = r.Time(rec, "published");
  v.withdrawn = r.Time(rec, "withdrawn");
  v.aliases = r.Strings(rec, "aliases");
  v.related = r.Strings(rec, "related");
  v.summary = r.Str(rec, "summary");
  v.details = r.Str(rec, "details");
  ReadSeverities(r, rec, v.severities);
  for (const Node& a : r.Arr(rec, "affected")) ReadAffected(r, a, v);
  for (const Node& ref : r.Arr(rec, "references")) {
    Reference out;
    out.type = r.Str(ref, "type");
    out.url = r.Str(ref, "url", true);
    v.references.push_back(std::move(out));
  }
  if (std::optional<Node> db = r.Member(rec, "database_specific")) {
    v.database_specific = simdjson::minify(db->e);
    if (db->e.is_object()) {
      dom::element cwes;
      if (db->e.at_key("cwe_ids").get(cwes) == simdjson::SUCCESS && cwes.is_array()) {
        for (const Node& c : r.Arr(*db, "cwe_ids")) AddUnique(v.cwes, r.AsString(c));
      }
    }
  }
  v.provenance.source = "osv";
  v.provenance.source_id = v.id;
  v.provenance.source_modified = v.modified;
  v.provenance.sha256 = RecordHash(rec.e);
}

Status DecodeJsonText(std::string_view bytes, const std::string& source_name, const RecordFn& emit,
                      DiagnosticSink& sink) {
  return DecodeEach(bytes, source_name, emit, sink, DecodeRecord);
}

// YAML to JSON: maps, sequences, scalars as strings.
nlohmann::json YamlToJson(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: {
      nlohmann::json o = nlohmann::json::object();
      for (const auto& kv : n) o[kv.first.as<std::string>()] = YamlToJson(kv.second);
      return o;
    }
    case YAML::NodeType::Sequence: {
      nlohmann::json a = nlohmann::json::array();
      for (const auto& e : n) a.push_back(YamlToJson(e));
      return a;
    }
    case YAML::NodeType::Scalar:
      return n.Scalar();
    default:
      return nullptr;
  }
}

bool LooksLikeYamlOsv(std::string_view head) {
  if (head.empty() || head[0] == '{' || head[0] == '[') return false;
  bool id = false, modified = false;
  size_t pos = 0;
  while (pos < head.size()) {
    size_t end = head.find('\n', pos);
    std::string_view line = head.substr(pos, end == std::string_view::npos ? end : end - pos);
    if (line.substr(0, 3) == "id:") id = true;
    if (line.substr(0, 9) == "modified:") modified = true;
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return id && modified;
}

class OsvImporter final : public FeedImporter {
 public:
  std::string_view Name() const override { return "osv"; }

  bool Identify(std::string_view bytes) const override {
    std::string_view head = Head(bytes, 65536);
    if (!head.empty() && (head[0] == '{' || head[0] == '[')) {
      return HasKey(head, "id") && HasKey(head, "modified");
    }
    return LooksLikeYamlOsv(head);
  }

  Status Decode(std::string_view bytes, const std::string& source_name, const RecordFn& emit,
                DiagnosticSink& sink) const override {
    std::string_view head = Head(bytes, 1);
    if (!head.empty() && (head[0] == '{' || head[0] == '[')) {
      return DecodeJsonText(bytes, source_name, emit, sink);
    }
    std::string json_text;
    try {
      YAML::Node doc = YAML::Load(std::string(bytes));
      if (!doc.IsMap()) return ParseError(source_name + ": line 1: an OSV YAML record is a map");
      nlohmann::json j = YamlToJson(doc);
      try {
        json_text = j.dump();
      } catch (const nlohmann::json::exception&) {
        // Latin-1 bytes in a YAML file (seen in real advisories): kept as
        // U+FFFD, and said so.
        json_text = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        sink.Report({Severity::kWarning, source_name, "",
                     "invalid UTF-8 replaced by U+FFFD (the record hash is over the original "
                     "bytes)"});
      }
    } catch (const YAML::Exception& e) {
      return ParseError(source_name + ": line " + std::to_string(e.mark.line + 1) +
                        ": not valid YAML: " + e.msg);
    }
    // The record hash of YAML is over the file bytes (there is no canonical
    // YAML form to minify to).
    std::string file_hash = Sha256Hex(bytes);
    return DecodeJsonText(
        json_text, source_name,
        [&](Vulnerability&& v) {
          v.provenance.sha256 = file_hash;
          v.provenance.location = source_name;
          return emit(std::move(v));
        },
        sink);
  }
};

}  // namespace

std::unique_ptr<FeedImporter> NewOsvImporter() { return std::make_unique<OsvImporter>(); }

}  // namespace soupkeeper::vuln
