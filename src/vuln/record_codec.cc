// The stored form of a record (vuln_records.data), written and read without a
// nlohmann tree: the import writes one per new or changed record and a scan
// reads one per candidate vulnerability, so both are on the hot paths.
//
// EncodeRecord writes, byte for byte, what dumping ToJson(v) without
// "provenance" (indent -1, error_handler_t::replace) writes: keys in
// std::map's byte order, the fields ToJson leaves out when empty left out,
// numbers as nlohmann formats them (its own to_chars, so a double reads
// "10.0", "7.5", "1e-07"), strings escaped as nlohmann escapes them (", \,
// \b \f \n \r \t, other control characters as lower-case \u00XX, nothing
// else) with ill-formed UTF-8 replaced by U+FFFD as its replace handler does.
// Embedded JSON (database_specific, ecosystem_specific) is written as
// nlohmann parses and dumps it: keys sorted, the last of duplicate keys kept.
//
// DecodeRecord reads that form with simdjson's DOM into what ToJson was made
// from (RecordFields::kMatching leaves what matching does not read unread,
// see vuln.h). Unknown members are ignored and null stands for
// a missing member (embedded JSON keeps its null, as ToJson writes it back);
// a member of another type than ToJson writes is Corruption naming the record
// and the JSON pointer (the store writes nothing else: it is damage).
#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>

#include "core/swar.h"
#include "soupkeeper/vuln.h"
#include "vuln/json_support.h"
#include "vuln/record_form.h"

namespace soupkeeper::vuln {
namespace {

// --- Writing ---

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the UTF-8 sequence at s[i] (a byte >= 0x80) and whether it is
// well formed (Unicode table 3-7, as nlohmann's decoder checks it). An
// ill-formed one's length is that of its well-formed prefix, at least 1:
// nlohmann's replace handler writes one U+FFFD for it and reads on from the
// byte after that prefix.
std::pair<size_t, bool> Utf8Sequence(std::string_view s, size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  size_t need = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the second byte's range
  if (lead >= 0xC2 && lead <= 0xDF) {
    need = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    need = 2;
    if (lead == 0xE0) lo = 0xA0;
    if (lead == 0xED) hi = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    need = 3;
    if (lead == 0xF0) lo = 0x90;
    if (lead == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return {1, false};
  }
  for (size_t n = 1; n <= need; ++n) {
    if (i + n >= s.size()) return {n, false};
    const auto c = static_cast<unsigned char>(s[i + n]);
    if (c < lo || c > hi) return {n, false};
    lo = 0x80;
    hi = 0xBF;
  }
  return {need + 1, true};
}

// True when one of the 8 bytes of `w` is a control character, '"', '\\' or
// a byte >= 0x80 (the classic "has a byte less than n" bit tricks, exact for
// whether any byte is).
bool NeedsAttention(uint64_t w) {
  return (swar::BytesBelow(w, 0x20) | swar::BytesEqual(w, '"') | swar::BytesEqual(w, '\\') |
          swar::NonAscii(w)) != 0;
}

void AppendString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t run = 0;  // start of the bytes not yet copied
  size_t i = 0;
  while (i < s.size()) {
    if (i + 8 <= s.size()) {  // eight plain ASCII bytes at a time
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (!NeedsAttention(w)) {
        i += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      auto [n, ok] = Utf8Sequence(s, i);
      if (ok) {
        i += n;
        continue;
      }
      out.append(s.data() + run, i - run);
      out += kReplacement;
      i += n;
      run = i;
      continue;
    }
    out.append(s.data() + run, i - run);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
    run = ++i;
  }
  out.append(s.data() + run, i - run);
  out += '"';
}

void AppendDouble(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";  // as nlohmann's serializer
    return;
  }
  char buf[64];
  // nlohmann's own formatting (Grisu2, ".0" on integral values, "e-07").
  char* end = nlohmann::detail::to_chars(buf, buf + sizeof buf, d);
  out.append(buf, end);
}

template <typename Int>
void AppendInteger(std::string& out, Int i) {
  char buf[24];
  out.append(buf, std::to_chars(buf, buf + sizeof buf, i).ptr);
}

void AppendStrings(std::string& out, const std::vector<std::string>& list) {
  out += '[';
  for (size_t i = 0; i < list.size(); ++i) {
    if (i > 0) out += ',';
    AppendString(out, list[i]);
  }
  out += ']';
}

// `e` as nlohmann parses and dumps it: members sorted by key, the last of
// equal keys kept (nlohmann's parser overwrites), numbers as it writes them.
void AppendCanonical(std::string& out, dom::element e) {
  switch (e.type()) {
    case dom::element_type::ARRAY: {
      const dom::array array = e.get_array().value_unsafe();
      out += '[';
      bool first = true;
      for (dom::element child : array) {
        if (!first) out += ',';
        first = false;
        AppendCanonical(out, child);
      }
      out += ']';
      return;
    }
    case dom::element_type::OBJECT: {
      const dom::object object = e.get_object().value_unsafe();
      std::vector<std::pair<std::string_view, dom::element>> members;
      for (dom::key_value_pair kv : object) {
        members.emplace_back(kv.key, kv.value);
      }
      std::stable_sort(members.begin(), members.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      out += '{';
      bool first = true;
      for (size_t i = 0; i < members.size(); ++i) {
        if (i + 1 < members.size() && members[i + 1].first == members[i].first) continue;
        if (!first) out += ',';
        first = false;
        AppendString(out, members[i].first);
        out += ':';
        AppendCanonical(out, members[i].second);
      }
      out += '}';
      return;
    }
    case dom::element_type::INT64:
      AppendInteger(out, e.get_int64().value_unsafe());
      return;
    case dom::element_type::UINT64:
      AppendInteger(out, e.get_uint64().value_unsafe());
      return;
    case dom::element_type::DOUBLE:
      AppendDouble(out, e.get_double().value_unsafe());
      return;
    case dom::element_type::STRING:
      AppendString(out, e.get_string().value_unsafe());
      return;
    case dom::element_type::BOOL:
      out += e.get_bool().value_unsafe() ? "true" : "false";
      return;
    case dom::element_type::NULL_VALUE:
      out += "null";
      return;
  }
}

// The members of one object, written in the order given (which must be
// std::map's byte order of the keys, as nlohmann's dump has it).
class ObjectWriter {
 public:
  explicit ObjectWriter(std::string& out) : out_(out) { out_ += '{'; }
  void Close() { out_ += '}'; }

  // Writes `"key":` and returns the output for the value.
  std::string& Key(std::string_view key) {
    out_ += first_ ? std::string_view("\"") : std::string_view(",\"");
    first_ = false;
    out_ += key;
    out_ += std::string_view("\":");
    return out_;
  }
  void Text(std::string_view key, const std::string& v) {
    if (!v.empty()) AppendString(Key(key), v);
  }
  void TextAlways(std::string_view key, const std::string& v) { AppendString(Key(key), v); }
  void List(std::string_view key, const std::vector<std::string>& v) {
    if (!v.empty()) AppendStrings(Key(key), v);
  }
  void Bool(std::string_view key, bool b) { Key(key) += b ? "true" : "false"; }
  void Number(std::string_view key, double d) { AppendDouble(Key(key), d); }
  // Minified JSON text as the JSON value it is; text that is not JSON is left
  // out (as ToJson does).
  void RawJson(std::string_view key, const std::string& text) {
    if (text.empty()) return;
    thread_local dom::parser parser;
    dom::element e;
    if (parser.parse(text).get(e) == simdjson::SUCCESS) {
      AppendCanonical(Key(key), e);
      return;
    }
    // simdjson refuses some text nlohmann reads (a byte order mark, integers
    // beyond 64 bits): ToJson's own way then.
    nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!j.is_discarded()) {
      Key(key) += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
  }
  // Opens an array member; elements are separated by Next().
  void OpenArray(std::string_view key) {
    Key(key) += '[';
    first_element_ = true;
  }
  std::string& Next() {
    if (!first_element_) out_ += ',';
    first_element_ = false;
    return out_;
  }
  void CloseArray() { out_ += ']'; }

 private:
  std::string& out_;
  bool first_ = true;
  bool first_element_ = true;
};

void WriteSeverity(std::string& out, const SeverityScore& s) {
  ObjectWriter o(out);
  if (s.base_score) o.Number("base_score", OneDecimal(*s.base_score));
  o.Text("kind", s.kind);
  o.Text("problem", s.problem);
  if (s.published_score) o.Number("published_score", OneDecimal(*s.published_score));
  o.Text("rating", s.rating);
  o.Text("source", s.source);
  o.Text("type", s.type);
  o.Text("vector", s.vector);
  o.Text("version", s.version);
  o.Close();
}

void WriteAffected(std::string& out, const PackageAffected& a) {
  ObjectWriter o(out);
  o.RawJson("database_specific", a.database_specific);
  o.Text("ecosystem", a.ecosystem);
  o.RawJson("ecosystem_specific", a.ecosystem_specific);
  o.Text("name", a.name);
  o.Text("purl", a.purl);
  if (!a.ranges.ranges.empty()) {
    o.OpenArray("ranges");
    for (size_t i = 0; i < a.ranges.ranges.size(); ++i) {
      const range::OsvRange& r = a.ranges.ranges[i];
      ObjectWriter jr(o.Next());
      jr.OpenArray("events");
      for (const range::OsvEvent& e : r.events) {
        ObjectWriter je(jr.Next());
        je.TextAlways(range::OsvEventKindName(e.kind), e.version);
        je.Close();
      }
      jr.CloseArray();
      if (i < a.range_repos.size()) jr.Text("repo", a.range_repos[i]);
      jr.TextAlways("type", r.type);
      jr.Close();
    }
    o.CloseArray();
  }
  o.List("versions", a.ranges.versions);
  o.Close();
}

void WriteConfiguration(std::string& out, const Configuration& c) {
  ObjectWriter o(out);
  o.Bool("negate", c.negate);
  o.OpenArray("nodes");
  for (const ConfigNode& n : c.nodes) {
    ObjectWriter jn(o.Next());
    jn.OpenArray("cpe_match");
    for (const CpeMatch& m : n.matches) {
      ObjectWriter jm(jn.Next());
      jm.TextAlways("criteria", m.criteria);
      jm.Text("match_criteria_id", m.match_criteria_id);
      jm.Text("version_end_excluding", m.bounds.end_excluding);
      jm.Text("version_end_including", m.bounds.end_including);
      jm.Text("version_start_excluding", m.bounds.start_excluding);
      jm.Text("version_start_including", m.bounds.start_including);
      jm.Bool("vulnerable", m.vulnerable);
      jm.Close();
    }
    jn.CloseArray();
    jn.Bool("negate", n.negate);
    jn.TextAlways("operator", n.op);
    jn.Close();
  }
  o.CloseArray();
  o.TextAlways("operator", c.op);
  o.List("platforms", Platforms(c));
  o.Close();
}

// --- Reading ---

// Calls `fn(key, member)` for each member of object `n` (checked to be one),
// until the reader has a problem. (Reader::Members would build a vector per
// object; this is the hot loop of a scan.)
template <typename Fn>
void ForMembers(Reader& r, const Node& n, Fn&& fn) {
  const dom::object o = n.e.get_object().value_unsafe();
  for (dom::key_value_pair kv : o) {
    if (!r.ok()) return;
    Node m;
    m.e = kv.value;
    m.parent = &n;
    m.key = kv.key;
    fn(m.key, m);
  }
}

// Calls `fn(element)` for each element of array `n`, until the reader has a
// problem.
template <typename Fn>
void ForElements(Reader& r, const Node& n, Fn&& fn) {
  dom::array a;
  if (n.e.get(a) != simdjson::SUCCESS) {
    r.Fail(n, "expected an array, found " + std::string(TypeName(n.e)));
    return;
  }
  size_t i = 0;
  for (dom::element child : a) {
    if (!r.ok()) return;
    Node e;
    e.e = child;
    e.parent = &n;
    e.index = i++;
    e.in_array = true;
    fn(e);
  }
}

// Typed readers of one member: null is a missing member (nothing read); a
// type other than the one ToJson writes is the reader's problem.
void Read(Reader& r, const Node& n, std::string& out) {
  if (!n.e.is_null()) out = r.AsString(n);
}

void Read(Reader& r, const Node& n, std::vector<std::string>& out) {
  if (n.e.is_null()) return;
  ForElements(r, n, [&](const Node& e) { out.push_back(r.AsString(e)); });
}

void Read(Reader& r, const Node& n, std::optional<double>& out) {
  double d = 0;
  if (n.e.is_null()) return;
  if (n.e.get(d) == simdjson::SUCCESS) {
    out = d;
    return;
  }
  r.Fail(n, "expected a number, found " + std::string(TypeName(n.e)));
}

void Read(Reader& r, const Node& n, double& out) {
  std::optional<double> d;
  Read(r, n, d);
  if (d) out = *d;
}

void Read(Reader& r, const Node& n, bool& out) {
  if (n.e.is_null()) return;
  if (n.e.get(out) != simdjson::SUCCESS) {
    r.Fail(n, "expected a boolean, found " + std::string(TypeName(n.e)));
  }
}

// An object member (not null).
bool IsObject(Reader& r, const Node& n) { return !n.e.is_null() && r.IsObject(n); }

// Calls `fn(element)` for each element of array `n` (null: none), which must
// be objects.
template <typename Fn>
void ForObjects(Reader& r, const Node& n, Fn&& fn) {
  if (n.e.is_null()) return;
  ForElements(r, n, [&](const Node& e) {
    if (r.IsObject(e)) fn(e);
  });
}

// Embedded JSON (any value, null too) as ToJson writes it.
std::string Canonical(const Node& n) {
  std::string out;
  AppendCanonical(out, n.e);
  return out;
}

SeverityScore ReadSeverity(Reader& r, const Node& n) {
  SeverityScore s;
  ForMembers(r, n, [&](std::string_view k, const Node& m) {
    if (k == "base_score") Read(r, m, s.base_score);
    if (k == "kind") Read(r, m, s.kind);
    if (k == "problem") Read(r, m, s.problem);
    if (k == "published_score") Read(r, m, s.published_score);
    if (k == "rating") Read(r, m, s.rating);
    if (k == "source") Read(r, m, s.source);
    if (k == "type") Read(r, m, s.type);
    if (k == "vector") Read(r, m, s.vector);
    if (k == "version") Read(r, m, s.version);
  });
  return s;
}

void ReadEvent(Reader& r, const Node& n, std::vector<range::OsvEvent>& events) {
  dom::object o;
  std::string_view s;
  if (n.e.get(o) != simdjson::SUCCESS || o.size() != 1 || (*o.begin()).value.get(s)) {
    r.Fail(n, "malformed OSV event " + simdjson::minify(n.e));
    return;
  }
  const std::string_view k = (*o.begin()).key;
  std::optional<range::OsvEvent::Kind> kind = range::OsvEventKindFromName(k);
  if (!kind) {
    r.Fail(n, "unknown OSV event '" + std::string(k) + "'");
    return;
  }
  range::OsvEvent e;
  e.kind = *kind;
  e.version = std::string(s);
  events.push_back(std::move(e));
}

PackageAffected ReadAffected(Reader& r, const Node& n, bool all) {
  PackageAffected p;
  ForMembers(r, n, [&](std::string_view k, const Node& m) {
    if (k == "database_specific" && all) p.database_specific = Canonical(m);
    if (k == "ecosystem") Read(r, m, p.ecosystem);
    if (k == "ecosystem_specific" && all) p.ecosystem_specific = Canonical(m);
    if (k == "name") Read(r, m, p.name);
    if (k == "purl") Read(r, m, p.purl);
    if (k == "versions") Read(r, m, p.ranges.versions);
    if (k != "ranges") return;
    ForObjects(r, m, [&](const Node& jr) {
      range::OsvRange range;
      std::string repo;
      ForMembers(r, jr, [&](std::string_view rk, const Node& rm) {
        if (rk == "events" && !rm.e.is_null()) {
          ForElements(r, rm, [&](const Node& e) { ReadEvent(r, e, range.events); });
        }
        if (rk == "repo") Read(r, rm, repo);
        if (rk == "type") Read(r, rm, range.type);
      });
      p.ranges.ranges.push_back(std::move(range));
      p.range_repos.push_back(std::move(repo));
    });
  });
  p.ranges.ecosystem = p.ecosystem;
  return p;
}

CpeMatch ReadMatch(Reader& r, const Node& n) {
  CpeMatch c;
  ForMembers(r, n, [&](std::string_view k, const Node& m) {
    if (k == "criteria") Read(r, m, c.criteria);
    if (k == "match_criteria_id") Read(r, m, c.match_criteria_id);
    if (k == "version_end_excluding") Read(r, m, c.bounds.end_excluding);
    if (k == "version_end_including") Read(r, m, c.bounds.end_including);
    if (k == "version_start_excluding") Read(r, m, c.bounds.start_excluding);
    if (k == "version_start_including") Read(r, m, c.bounds.start_including);
    if (k == "vulnerable") Read(r, m, c.vulnerable);
  });
  return c;
}

Configuration ReadConfiguration(Reader& r, const Node& n) {
  Configuration c;
  c.op.clear();  // "" when missing (the store always writes it)
  ForMembers(r, n, [&](std::string_view k, const Node& m) {
    if (k == "negate") Read(r, m, c.negate);
    if (k == "operator") Read(r, m, c.op);
    if (k != "nodes") return;
    ForObjects(r, m, [&](const Node& jn) {
      ConfigNode node;
      node.op.clear();
      ForMembers(r, jn, [&](std::string_view nk, const Node& nm) {
        if (nk == "negate") Read(r, nm, node.negate);
        if (nk == "operator") Read(r, nm, node.op);
        if (nk == "cpe_match") {
          ForObjects(r, nm, [&](const Node& jm) { node.matches.push_back(ReadMatch(r, jm)); });
        }
      });
      c.nodes.push_back(std::move(node));
    });
  });
  return c;
}

Kev ReadKev(Reader& r, const Node& n) {
  Kev k;
  ForMembers(r, n, [&](std::string_view key, const Node& m) {
    if (key == "catalog_version") Read(r, m, k.catalog_version);
    if (key == "date_added") Read(r, m, k.date_added);
    if (key == "due_date") Read(r, m, k.due_date);
    if (key == "known_ransomware_campaign_use") Read(r, m, k.known_ransomware_campaign_use);
    if (key == "notes") Read(r, m, k.notes);
    if (key == "product") Read(r, m, k.product);
    if (key == "required_action") Read(r, m, k.required_action);
    if (key == "vendor_project") Read(r, m, k.vendor_project);
    if (key == "vulnerability_name") Read(r, m, k.vulnerability_name);
  });
  return k;
}

Epss ReadEpss(Reader& r, const Node& n) {
  Epss e;
  ForMembers(r, n, [&](std::string_view k, const Node& m) {
    if (k == "date") Read(r, m, e.date);
    if (k == "model_version") Read(r, m, e.model_version);
    if (k == "percentile") Read(r, m, e.percentile);
    if (k == "score") Read(r, m, e.score);
  });
  return e;
}

Provenance ReadProvenance(Reader& r, const Node& n) {
  Provenance p;
  ForMembers(r, n, [&](std::string_view k, const Node& m) {
    if (k == "fetched_at") Read(r, m, p.fetched_at);
    if (k == "imported_at") Read(r, m, p.imported_at);
    if (k == "location") Read(r, m, p.location);
    if (k == "sha256") Read(r, m, p.sha256);
    if (k == "source") Read(r, m, p.source);
    if (k == "source_id") Read(r, m, p.source_id);
    if (k == "source_modified") Read(r, m, p.source_modified);
  });
  return p;
}

void ReadMember(Reader& r, std::string_view k, const Node& m, RecordFields fields,
                Vulnerability& v) {
  const bool all = fields == RecordFields::kAll;
  if (k == "advisory_id") Read(r, m, v.advisory_id);
  if (k == "affected")
    ForObjects(r, m, [&](const Node& a) { v.affected.push_back(ReadAffected(r, a, all)); });
  if (k == "aliases") Read(r, m, v.aliases);
  if (k == "configurations") {
    ForObjects(r, m, [&](const Node& c) { v.configurations.push_back(ReadConfiguration(r, c)); });
  }
  if (k == "cwes" && all) Read(r, m, v.cwes);
  if (k == "database_specific" && all) v.database_specific = Canonical(m);
  if (k == "details" && all) Read(r, m, v.details);
  if (k == "epss" && IsObject(r, m)) v.epss = ReadEpss(r, m);
  if (k == "flags") {
    ForObjects(r, m, [&](const Node& f) {
      Flag flag;
      ForMembers(r, f, [&](std::string_view fk, const Node& fm) {
        if (fk == "label") Read(r, fm, flag.label);
        if (fk == "product_ids") Read(r, fm, flag.product_ids);
      });
      v.flags.push_back(std::move(flag));
    });
  }
  if (k == "id") Read(r, m, v.id);
  if (k == "kev" && IsObject(r, m)) v.kev = ReadKev(r, m);
  if (k == "modified") Read(r, m, v.modified);
  if (k == "products") {
    ForObjects(r, m, [&](const Node& p) {
      ProductStatus ps;
      ForMembers(r, p, [&](std::string_view pk, const Node& pm) {
        if (pk == "cpe") Read(r, pm, ps.cpe);
        if (pk == "name") Read(r, pm, ps.name);
        if (pk == "product_id") Read(r, pm, ps.product_id);
        if (pk == "purl") Read(r, pm, ps.purl);
        if (pk == "status") Read(r, pm, ps.status);
      });
      v.products.push_back(std::move(ps));
    });
  }
  if (k == "provenance" && IsObject(r, m)) v.provenance = ReadProvenance(r, m);
  if (k == "published") Read(r, m, v.published);
  if (k == "references" && all) {
    ForObjects(r, m, [&](const Node& ref) {
      Reference out;
      ForMembers(r, ref, [&](std::string_view rk, const Node& rm) {
        if (rk == "tags") Read(r, rm, out.tags);
        if (rk == "type") Read(r, rm, out.type);
        if (rk == "url") Read(r, rm, out.url);
      });
      v.references.push_back(std::move(out));
    });
  }
  if (k == "related" && all) Read(r, m, v.related);
  if (k == "remediations" && all) {
    ForObjects(r, m, [&](const Node& rem) {
      Remediation out;
      ForMembers(r, rem, [&](std::string_view rk, const Node& rm) {
        if (rk == "category") Read(r, rm, out.category);
        if (rk == "details") Read(r, rm, out.details);
        if (rk == "product_ids") Read(r, rm, out.product_ids);
        if (rk == "url") Read(r, rm, out.url);
      });
      v.remediations.push_back(std::move(out));
    });
  }
  if (k == "severities") {
    ForObjects(r, m, [&](const Node& s) { v.severities.push_back(ReadSeverity(r, s)); });
  }
  if (k == "status") Read(r, m, v.status);
  if (k == "summary") Read(r, m, v.summary);
  if (k == "withdrawn") Read(r, m, v.withdrawn);
}

}  // namespace

std::string EncodeRecord(const Vulnerability& v) {
  // Written into a buffer that keeps its capacity, then copied once at the
  // right size (a fresh string grew and was copied three times for an NVD
  // record).
  thread_local std::string out;
  out.clear();
  ObjectWriter o(out);
  o.Text("advisory_id", v.advisory_id);
  if (!v.affected.empty()) {
    o.OpenArray("affected");
    for (const PackageAffected& a : v.affected) WriteAffected(o.Next(), a);
    o.CloseArray();
  }
  o.List("aliases", v.aliases);
  if (!v.configurations.empty()) {
    o.OpenArray("configurations");
    for (const Configuration& c : v.configurations) WriteConfiguration(o.Next(), c);
    o.CloseArray();
  }
  o.List("cwes", v.cwes);
  o.RawJson("database_specific", v.database_specific);
  o.Text("details", v.details);
  if (v.epss) {
    ObjectWriter e(o.Key("epss"));
    e.TextAlways("date", v.epss->date);
    e.TextAlways("model_version", v.epss->model_version);
    e.Number("percentile", v.epss->percentile);
    e.Number("score", v.epss->score);
    e.Close();
  }
  if (!v.flags.empty()) {
    o.OpenArray("flags");
    for (const Flag& f : v.flags) {
      ObjectWriter jf(o.Next());
      jf.TextAlways("label", f.label);
      AppendStrings(jf.Key("product_ids"), f.product_ids);
      jf.Close();
    }
    o.CloseArray();
  }
  o.TextAlways("id", v.id);
  if (v.kev) {
    const Kev& k = *v.kev;
    ObjectWriter jk(o.Key("kev"));
    jk.Text("catalog_version", k.catalog_version);
    jk.Text("date_added", k.date_added);
    jk.Text("due_date", k.due_date);
    jk.Text("known_ransomware_campaign_use", k.known_ransomware_campaign_use);
    jk.Text("notes", k.notes);
    jk.Text("product", k.product);
    jk.Text("required_action", k.required_action);
    jk.Text("vendor_project", k.vendor_project);
    jk.Text("vulnerability_name", k.vulnerability_name);
    jk.Close();
  }
  o.Text("modified", v.modified);
  if (!v.products.empty()) {
    o.OpenArray("products");
    for (const ProductStatus& p : v.products) {
      ObjectWriter jp(o.Next());
      jp.Text("cpe", p.cpe);
      jp.Text("name", p.name);
      jp.TextAlways("product_id", p.product_id);
      jp.Text("purl", p.purl);
      jp.TextAlways("status", p.status);
      jp.Close();
    }
    o.CloseArray();
  }
  o.Text("published", v.published);
  if (!v.references.empty()) {
    o.OpenArray("references");
    for (const Reference& r : v.references) {
      ObjectWriter jr(o.Next());
      jr.List("tags", r.tags);
      jr.Text("type", r.type);
      jr.TextAlways("url", r.url);
      jr.Close();
    }
    o.CloseArray();
  }
  o.List("related", v.related);
  if (!v.remediations.empty()) {
    o.OpenArray("remediations");
    for (const Remediation& r : v.remediations) {
      ObjectWriter jr(o.Next());
      jr.TextAlways("category", r.category);
      jr.Text("details", r.details);
      jr.List("product_ids", r.product_ids);
      jr.Text("url", r.url);
      jr.Close();
    }
    o.CloseArray();
  }
  if (!v.severities.empty()) {
    o.OpenArray("severities");
    for (const SeverityScore& s : v.severities) WriteSeverity(o.Next(), s);
    o.CloseArray();
  }
  o.Text("status", v.status);
  o.Text("summary", v.summary);
  o.Text("withdrawn", v.withdrawn);
  o.Close();
  return std::string(out);
}

Result<Vulnerability> DecodeRecord(std::string_view text, RecordFields fields) {
  thread_local dom::parser parser;
  dom::element root;
  if (simdjson::error_code err = parser.parse(text.data(), text.size()).get(root); err) {
    return Corruption(std::string("stored record: not JSON: ") + simdjson::error_message(err));
  }
  Reader r;
  const Node top = Node::Root(root);
  if (!r.IsObject(top, /*report=*/false)) {
    return Corruption("stored record: not a JSON object but " + std::string(TypeName(root)));
  }
  Vulnerability v;
  ForMembers(r, top, [&](std::string_view k, const Node& m) { ReadMember(r, k, m, fields, v); });
  if (!r.ok()) {
    // The id, when it could be read, names the record.
    std::string_view id;
    if (root["id"].get(id) != simdjson::SUCCESS) id = "";
    return Corruption("stored record" + (id.empty() ? "" : " " + std::string(id)) + ": " +
                      r.pointer() + ": " + r.problem());
  }
  return v;
}

}  // namespace soupkeeper::vuln
