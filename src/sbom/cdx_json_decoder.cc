// CycloneDX JSON decoder (spec versions 1.2-1.7).
//
// simdjson On-Demand indexes the bytes (its stage 1: UTF-8, strings,
// structure); one walk over the document then reads each value where it
// stands, checks the rules of the document's spec version (cdx_rules.h:
// required properties, enumerations, patterns, formats,
// additionalProperties:false, unique bom-refs) and fills the normalized model
// at the same time. No tree is built: a string without escapes is copied once,
// from the input into the Document's arena, and the parser's memory is its
// structural index alone. Input that carries simdjson's padding after its
// end (Env::ReadFile's does) is read in place, without a copy.
//
// On-Demand checks a scalar only when it is read, so the walk reads every
// value, also those it does not model (Walk). When anything is wrong, a second
// pass walks the whole document for its first JSON syntax error: a document
// that is not JSON gets that one error, as a tree parser would give, not the
// rule violations of what came before it.
//
// The walk keeps the JSON pointer of where it is as a stack of keys and
// indices and formats it only when it reports something.
//
// Parts of the document outside the model (formulation, annotations,
// declarations, model cards, cryptographic properties, ...) are only scanned
// for bom-refs; their inner structure is not validated.
#include <simdjson.h>

#include <array>
#include <bit>
#include <charconv>
#include <climits>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/swar.h"
#include "sbom/cdx_decoders.h"
#include "sbom/cdx_rules.h"
#include "sbom/list_scratch.h"

namespace soupkeeper::sbom {
namespace {

namespace od = simdjson::ondemand;

// A JSON syntax error met while walking, and where (null when unknown).
struct SyntaxError {
  simdjson::error_code code;
  const char* where = nullptr;
};

// The value of an On-Demand result; throws SyntaxError on an error.
template <typename T>
T Take(simdjson::simdjson_result<T>&& result) {
  T out;
  const simdjson::error_code e = std::move(result).get(out);
  if (e != simdjson::SUCCESS) [[unlikely]] {
    throw SyntaxError{e};
  }
  return out;
}

enum class Kind { kObject, kArray, kString, kNumber, kBool, kNull, kNone };

// The value of an On-Demand result, where it is: a copy of the value just
// written there would stall on store forwarding. Throws SyntaxError on an
// error.
template <typename T>
T& In(simdjson::simdjson_result<T>& result) {
  if (result.error() != simdjson::SUCCESS) [[unlikely]] {
    throw SyntaxError{result.error()};
  }
  return const_cast<T&>(std::as_const(result).value_unsafe());
}

// The kind of a value by its token's first byte.
constexpr std::array<Kind, 256> kKindOfByte = [] {
  std::array<Kind, 256> kinds{};
  kinds.fill(Kind::kNone);
  kinds['{'] = Kind::kObject;
  kinds['['] = Kind::kArray;
  kinds['"'] = Kind::kString;
  kinds['t'] = kinds['f'] = Kind::kBool;
  kinds['n'] = Kind::kNull;
  kinds['-'] = Kind::kNumber;
  for (char c = '0'; c <= '9'; ++c) kinds[static_cast<unsigned char>(c)] = Kind::kNumber;
  return kinds;
}();

inline Kind KindOfToken(std::string_view t) {
  return t.empty() ? Kind::kNone : kKindOfByte[static_cast<unsigned char>(t[0])];
}

// The kind of a value, without reading it.
inline Kind KindOf(od::value& v) { return KindOfToken(v.raw_json_token()); }

// "an integer", "a string", ... for messages; `fractional` for a number
// with a fraction or exponent.
std::string KindName(Kind kind, bool fractional) {
  switch (kind) {
    case Kind::kArray:
      return "an array";
    case Kind::kObject:
      return "an object";
    case Kind::kNumber:
      return fractional ? "a number" : "an integer";
    case Kind::kString:
      return "a string";
    case Kind::kBool:
      return "a boolean";
    case Kind::kNull:
      return "null";
    case Kind::kNone:
      break;
  }
  return "a value";
}

// Strings are scanned eight bytes at a time (swar.h). They lie in a padded
// document, so the bytes after them may be read.
// Whether `s` has a '\\'.
inline bool HasBackslash(std::string_view s) {
  for (size_t i = 0; i < s.size(); i += 8) {
    uint64_t found = swar::BytesEqual(swar::Load(s.data() + i), '\\');
    if (s.size() - i < 8) found &= (uint64_t{1} << (8 * (s.size() - i))) - 1;
    if (found != 0) return true;
  }
  return false;
}

// The text of a string value, or false when `v` is not a string. A string
// without escapes is a view into the input; one with escapes is unescaped
// into the parser's buffer (and checked). The value is consumed: On-Demand
// checks the token after a value only when the value was read (when it skips
// one, a string followed by ':' passes for a key).
bool StringOf(od::value& v, std::string_view* out) {
  const std::string_view t = v.raw_json_token();
  if (t.empty() || t[0] != '"') return false;
  // The token runs to the next one: the closing quote, then white space.
  size_t close = t.size() - 1;
  while (close > 0 && t[close] != '"') --close;
  std::string_view s = t.substr(1, close > 0 ? close - 1 : 0);
  if (HasBackslash(s)) [[unlikely]] {
    s = Take(v.get_string());
  } else {
    Take(v.get_raw_json_string());
  }
  *out = s;
  return true;
}

// A member's key: a view into the input, or unescaped when it has escapes.
std::string_view KeyOf(od::field& f) {
  const char* const start = f.key().raw();
  // Stage 1 found the closing quote.
  for (const char* p = start;; p += 8) {
    const uint64_t word = swar::Load(p);
    const uint64_t found = swar::BytesEqual(word, '"') | swar::BytesEqual(word, '\\');
    if (found == 0) continue;
    const char* const end = p + std::countr_zero(found) / 8;
    if (*end == '"') [[likely]] {
      return {start, static_cast<size_t>(end - start)};
    }
    return Take(f.unescaped_key());
  }
}

// Reads a scalar to its end, which checks it against the JSON grammar.
void CheckScalar(od::value& v) {
  const char* const where = v.raw_json_token().data();
  simdjson::error_code e = simdjson::SUCCESS;
  switch (KindOf(v)) {
    case Kind::kString: {
      std::string_view s;
      StringOf(v, &s);
      return;
    }
    case Kind::kNumber:
      e = v.get_number().error();
      break;
    case Kind::kBool:
      // get_bool says INCORRECT_TYPE of "tru".
      if (v.get_bool().error() != simdjson::SUCCESS) {
        e = *where == 't' ? simdjson::T_ATOM_ERROR : simdjson::F_ATOM_ERROR;
      }
      break;
    case Kind::kNull: {
      bool is_null = false;
      if (v.is_null().get(is_null) != simdjson::SUCCESS || !is_null) e = simdjson::N_ATOM_ERROR;
      break;
    }
    default:
      e = simdjson::TAPE_ERROR;
  }
  if (e != simdjson::SUCCESS) throw SyntaxError{e, where};
}

// simdjson's DOM parsers count the document as a level of its own: at most
// 127 containers are nested, as in the SPDX JSON decoders.
bool TooDeep(size_t containers_around) {
  return containers_around + 1 >= static_cast<size_t>(cdx::kMaxDepth);
}

// Walks `v` to its end, as the JSON grammar requires: On-Demand checks a
// scalar only when it is read. `depth` containers are open around `v`. The
// string value of each "bom-ref" member goes into `refs` unless it is null.
void Walk(od::value& v, size_t depth, cdx::ViewSet* refs) {
  const Kind kind = KindOf(v);
  if (kind != Kind::kObject && kind != Kind::kArray) {
    CheckScalar(v);
    return;
  }
  if (TooDeep(depth)) {
    throw SyntaxError{simdjson::DEPTH_ERROR, v.raw_json_token().data()};
  }
  if (kind == Kind::kArray) {
    od::array a = Take(v.get_array());
    for (auto item : a) {
      od::value& child = In(item);
      Walk(child, depth + 1, refs);
    }
    return;
  }
  od::object o = Take(v.get_object());
  for (auto item : o) {
    od::field& f = In(item);
    const std::string_view key = KeyOf(f);
    od::value& child = f.value();
    std::string_view ref;
    if (refs != nullptr && key == "bom-ref" && StringOf(child, &ref)) {
      // Collected for reference checks only: the JSON schema cannot
      // express uniqueness, and the specification's own valid examples
      // repeat bom-refs inside formulation.
      if (!ref.empty()) refs->Insert(ref);
    } else {
      Walk(child, depth + 1, refs);
    }
  }
}

// KindName of a value; reads (and checks) a number.
std::string TypeName(od::value& v) {
  const Kind kind = KindOf(v);
  if (kind == Kind::kNone) throw SyntaxError{simdjson::TAPE_ERROR, v.raw_json_token().data()};
  return KindName(kind, kind == Kind::kNumber && Take(v.get_number()).is_double());
}

// Appends `key` to a JSON pointer, escaping '~' and '/' (RFC 6901).
void AppendPointerToken(std::string* out, std::string_view key) {
  out->push_back('/');
  bool plain = true;
  for (char c : key) plain &= c != '~' && c != '/';
  if (plain) {
    out->append(key);
    return;
  }
  for (char c : key) {
    if (c == '~') {
      out->append("~0");
    } else if (c == '/') {
      out->append("~1");
    } else {
      out->push_back(c);
    }
  }
}

// A rule violation found by the walk, reported once the document is known to
// be JSON.
struct Violation {
  std::string place;
  std::string message;
};

// One member of an object being walked.
struct Field {
  std::string_view key;
  od::value& value;
};

class JsonWalker {
 public:
  JsonWalker(int minor, std::vector<Violation>& violations, Document& doc, od::document& json,
             size_t size_hint)
      // About one bom-ref per few hundred bytes in generated SBOMs.
      : minor_(minor), violations_(violations), doc_(doc), json_(json), refs_(size_hint / 512) {
    lists_.Use(*doc.arena);
  }

  void Bom(od::object& root);
  const cdx::ViewSet& refs() const { return refs_; }

 private:
  struct Step {
    std::string_view key;
    size_t index;
    bool is_index;
  };
  // Pushes one pointer step for the lifetime of the guard.
  class At {
   public:
    At(JsonWalker* w, std::string_view key) : w_(w) { w_->Push(key, 0, false); }
    At(JsonWalker* w, size_t index) : w_(w) { w_->Push({}, index, true); }
    ~At() { --w_->depth_; }
    At(const At&) = delete;
    At& operator=(const At&) = delete;

   private:
    JsonWalker* w_;
  };

  // Field by field: copying a whole Step built a moment before stalls on
  // store forwarding.
  void Push(std::string_view key, size_t index, bool is_index) {
    if (depth_ == path_.size()) [[unlikely]] {
      path_.resize(2 * depth_ + 16);
    }
    Step& s = path_[depth_++];
    s.key = key;
    s.index = index;
    s.is_index = is_index;
  }

  std::string Pointer() const {
    std::string p;
    PointerInto(&p);
    return p;
  }
  // The pointer into `out` (cleared first; its storage reused).
  void PointerInto(std::string* out) const {
    out->clear();
    for (size_t i = 0; i < depth_; ++i) {
      const Step& s = path_[i];
      if (s.is_index) {
        char digits[24];
        out->push_back('/');
        out->append(digits, std::to_chars(digits, digits + sizeof digits, s.index).ptr);
      } else {
        AppendPointerToken(out, s.key);
      }
    }
    if (out->empty()) out->push_back('/');
  }
  void Error(std::string message) { violations_.push_back({Pointer(), std::move(message)}); }
  std::string Version() const { return "CycloneDX 1." + std::to_string(minor_); }
  void Unknown(std::string_view key, std::string_view where) {
    Error("property '" + std::string(key) + "' is not allowed in " + std::string(where) + " (" +
          Version() + ")");
  }
  void Missing(std::string_view key, std::string_view where) {
    Error("missing required property '" + std::string(key) + "' of " + std::string(where));
  }
  bool Since(int minor) const { return minor_ >= minor; }

  // A container at the current place: the JSON nesting limit.
  void Enter(od::value& e) const {
    if (TooDeep(depth_)) {
      throw SyntaxError{simdjson::DEPTH_ERROR, e.raw_json_token().data()};
    }
  }
  // Typed access: report and return false on a type mismatch.
  void Mismatch(std::string_view expected, od::value& e) {
    Error("expected " + std::string(expected) + ", got " + TypeName(e));
  }
  // A container of `kind` (od::object or od::array) into `out`.
  template <typename T>
  bool Container(od::value& e, Kind kind, std::string_view expected, T* out) {
    if (KindOf(e) != kind) {
      Mismatch(expected, e);
      return false;
    }
    Enter(e);
    *out = Take(e.get<T>());
    return true;
  }
  bool Object(od::value& e, od::object* out) {
    return Container(e, Kind::kObject, "an object", out);
  }
  bool Array(od::value& e, od::array* out) { return Container(e, Kind::kArray, "an array", out); }
  bool View(od::value& e, std::string_view* out) {
    if (StringOf(e, out)) return true;
    Mismatch("a string", e);
    return false;
  }
  void Str(od::value& e, Text* out) {
    std::string_view v;
    if (View(e, &v)) *out = doc_.Keep(v);
  }
  // A boolean; its value into `out` unless null.
  void Bool(od::value& e, bool* out = nullptr) {
    if (KindOf(e) != Kind::kBool) {
      Mismatch("a boolean", e);
      return;
    }
    const bool b = Take(e.get_bool());
    if (out != nullptr) *out = b;
  }
  // An integer (the number into `out`), or false (reported).
  bool Integer(od::value& e, od::number* out) {
    if (KindOf(e) == Kind::kNumber) {
      *out = Take(e.get_number());
      if (!out->is_double()) return true;
      Error("expected an integer, got a number");
      return false;
    }
    Mismatch("an integer", e);
    return false;
  }
  void Enum(od::value& e, const cdx::EnumDef& def, Text* out = nullptr) {
    std::string_view v;
    if (!View(e, &v)) return;
    if (!cdx::InEnum(def, v, minor_)) {
      Error(cdx::EnumMessage(def, v, minor_));
      return;
    }
    if (out != nullptr) *out = doc_.Keep(v);
  }
  // A string that must pass `valid` (cdx::NotA names it otherwise).
  void Checked(od::value& e, bool (*valid)(std::string_view), std::string_view what, Text* out) {
    std::string_view v;
    if (!View(e, &v)) return;
    if (!valid(v)) {
      Error(cdx::NotA(v, what));
      return;
    }
    if (out != nullptr) *out = doc_.Keep(v);
  }
  void DateTime(od::value& e, Text* out = nullptr) {
    Checked(e, cdx::IsDateTime, "an RFC 3339 date-time", out);
  }
  void Iri(od::value& e, Text* out = nullptr) {
    Checked(e, cdx::IsIriReference, "an IRI reference", out);
  }
  void Email(od::value& e, Text* out) {
    // The 1.2 and 1.3 schemas have no format on contact e-mails.
    Checked(
        e, Since(4) ? cdx::IsEmail : [](std::string_view) { return true; }, "an e-mail address",
        out);
  }
  // An array of strings: the number of items, or nothing when `e` is not an
  // array (reported).
  std::optional<size_t> StringArray(od::value& e, std::vector<Text>* out, bool unique) {
    od::array a;
    if (!Array(e, &a)) return std::nullopt;
    cdx::UniqueViews seen;
    size_t i = 0;
    for (auto result : a) {
      od::value& item = In(result);
      At at(this, i++);
      std::string_view v;
      if (!View(item, &v)) continue;
      if (unique && !seen.Insert(v)) {
        Error("duplicate item '" + std::string(v) + "' (items must be unique)");
      }
      if (out != nullptr) out->push_back(doc_.Keep(v));
    }
    return i;
  }
  // Applies `fn(field)` to each member of `o`, with its key pushed.
  template <typename Fn>
  void Members(od::object& o, Fn fn) {
    for (auto result : o) {
      od::field& f = In(result);
      Field field{KeyOf(f), f.value()};
      At at(this, field.key);
      fn(field);
    }
  }
  // Members of an object; false (and reported) when `e` is not an object.
  template <typename Fn>
  bool Fields(od::value& e, Fn fn) {
    od::object o;
    if (!Object(e, &o)) return false;
    Members(o, fn);
    return true;
  }
  // Applies `fn(item)` to each item of an array, with its index pushed.
  template <typename Fn>
  void Each(od::value& e, Fn fn) {
    od::array a;
    if (Array(e, &a)) Items(a, fn);
  }
  template <typename Fn>
  void Items(od::array& a, Fn fn) {
    size_t i = 0;
    for (auto result : a) {
      od::value& item = In(result);
      At at(this, i++);
      fn(item);
    }
  }
  // Whether `o` has members `a` and `b`; `o` is then read again from its
  // start. (A oneOf between two properties, checked before the members.)
  void Has(od::object& o, std::string_view a, bool* has_a, std::string_view b, bool* has_b) {
    *has_a = *has_b = false;
    for (auto result : o) {
      od::field& f = In(result);
      const std::string_view key = KeyOf(f);
      if (key == a) *has_a = true;
      if (key == b) *has_b = true;
    }
    Take(o.reset());
  }

  // refType: registers a bom-ref, which must be unique in the document.
  void BomRef(od::value& e, Text* out = nullptr);
  // refType used as a reference (not a definition).
  void RefValue(od::value& e, Text* out);
  // Everything not modelled: only bom-refs are collected.
  void Opaque(od::value& e) { Walk(e, depth_, &refs_); }

  void Metadata(od::value& e);
  void Tools(od::value& e);
  void LegacyTool(od::value& e, Tool* out);
  void Lifecycle(od::value& e);
  // `out` may be null (validation only, e.g. pedigree ancestors). Children
  // are added to doc_.components with `self_index` as their parent index
  // when `collect` is true; when `self_index` >= 0, `out` is
  // doc_.components[self_index] and is looked up again after they are added.
  void ComponentBody(od::value& e, Component* out, int self_index, bool collect);
  // Components are decoded in place in doc_.components. `parent_ref` is the
  // parent's bom-ref when the parent is not one of them (the subject); else
  // it is read from doc_.components[parent_index].
  void Components(od::value& e, const Text* parent_ref, int parent_index, bool collect);
  void Organization(od::value& e, sbom::Organization* out);
  void Contact(od::value& e, sbom::Contact* out);
  void PostalAddress(od::value& e);
  void Hash(od::value& e, sbom::Hash* out);
  void Hashes(od::value& e, std::vector<sbom::Hash>* out);
  void Licenses(od::value& e, std::vector<License>* out);
  void LicenseObject(od::value& e, License* out);
  void Attachment(od::value& e);
  void Swid(od::value& e, Text* tag_id);
  void ExternalReferences(od::value& e, std::vector<ExternalReference>* out);
  void Properties(od::value& e, std::vector<Property>* out);
  void Pedigree(od::value& e);
  void Commit(od::value& e);
  void IdentifiableAction(od::value& e);
  void Patch(od::value& e);
  void Issue(od::value& e);
  void Evidence(od::value& e);
  void Services(od::value& e);
  void ServiceData(od::value& e);
  void Dependencies(od::value& e);
  void Compositions(od::value& e);
  void Vulnerabilities(od::value& e);
  void Citation(od::value& e);

  const int minor_;
  std::vector<Violation>& violations_;
  Document& doc_;
  od::document& json_;
  // A component's location, built here and then kept.
  std::string location_;
  // The lists being built (see list_scratch.h).
  ListBuilder<sbom::Hash, sbom::License, sbom::ExternalReference, sbom::Property, sbom::Contact,
              Text>
      lists_;
  // The pointer is path_[0, depth_): steps are pushed and popped once per
  // JSON value, so the storage only grows and is never freed in between.
  std::vector<Step> path_;
  size_t depth_ = 0;
  cdx::ViewSet refs_;
};

void JsonWalker::BomRef(od::value& e, Text* out) {
  std::string_view v;
  if (!View(e, &v)) return;
  if (v.empty()) {
    // refType has minLength 1 since 1.5; before, an empty bom-ref is
    // allowed and identifies nothing.
    if (Since(5)) Error("bom-ref must not be empty");
    return;
  }
  if (!refs_.Insert(v)) {
    Error("duplicate bom-ref '" + std::string(v) + "' (every bom-ref must be unique)");
  }
  if (out != nullptr) *out = doc_.Keep(v);
}

void JsonWalker::RefValue(od::value& e, Text* out) {
  std::string_view v;
  if (!View(e, &v)) return;
  if (v.empty() && Since(5)) {
    Error("reference must not be empty");
    return;
  }
  if (out != nullptr) *out = doc_.Keep(v);
}

void JsonWalker::Bom(od::object& root) {
  bool has_format = false, has_spec = false, has_version = false;
  Members(root, [&](Field& f) {
    std::string_view k = f.key;
    od::value& v = f.value;
    if (k == "bomFormat") {
      has_format = true;
      std::string_view s;
      if (View(v, &s) && s != "CycloneDX") Error("'" + std::string(s) + "' is not 'CycloneDX'");
    } else if (k == "specVersion") {
      has_spec = true;  // checked by the decoder before the walk
      Walk(v, depth_, nullptr);
    } else if (k == "$schema") {
      std::string_view s;
      View(v, &s);
    } else if (k == "serialNumber") {
      std::string_view s;
      if (View(v, &s)) {
        if (!cdx::IsSerialNumber(s)) {
          Error("'" + std::string(s) +
                "' is not a serial number of the form urn:uuid:<RFC 4122 UUID>");
        } else {
          doc_.serial_number = doc_.Keep(s);
        }
      }
    } else if (k == "version") {
      has_version = true;
      od::number number;
      if (!Integer(v, &number)) {
        // reported
      } else if (number.is_uint64() || number.get_int64() > std::numeric_limits<int>::max()) {
        Error("version is too large");
      } else {
        int64_t n = number.get_int64();
        if (n < 1 && Since(5)) {
          Error("version must be at least 1, got " + std::to_string(n));
        } else {
          doc_.version = static_cast<int>(n);
        }
      }
    } else if (k == "metadata") {
      Metadata(v);
    } else if (k == "components") {
      Components(v, nullptr, -1, true);
    } else if (k == "services") {
      Services(v);
    } else if (k == "externalReferences") {
      ExternalReferences(v, nullptr);
    } else if (k == "dependencies") {
      Dependencies(v);
    } else if (k == "compositions" && Since(3)) {
      Compositions(v);
    } else if (k == "vulnerabilities" && Since(4)) {
      Vulnerabilities(v);
    } else if (k == "signature" && Since(4)) {
      Opaque(v);
    } else if ((k == "annotations" || k == "formulation") && Since(5)) {
      if (KindOf(v) == Kind::kArray) {
        Opaque(v);
      } else {
        Mismatch("an array", v);
      }
    } else if (k == "properties" && Since(5)) {
      Properties(v, &doc_.properties);
    } else if ((k == "declarations" || k == "definitions") && Since(6)) {
      if (KindOf(v) == Kind::kObject) {
        Opaque(v);
      } else {
        Mismatch("an object", v);
      }
    } else if (k == "citations" && Since(7)) {
      Each(v, [&](od::value& c) { Citation(c); });
    } else {
      Unknown(k, "the BOM");
    }
  });
  if (!has_format) Missing("bomFormat", "the BOM");
  if (!has_spec) Missing("specVersion", "the BOM");
  if (!has_version && !Since(5)) Missing("version", "the BOM");
}

void JsonWalker::Metadata(od::value& e) {
  Fields(e, [&](Field& f) {
    std::string_view k = f.key;
    od::value& v = f.value;
    if (k == "timestamp") {
      DateTime(v, &doc_.timestamp);
    } else if (k == "tools") {
      Tools(v);
    } else if (k == "authors") {
      Each(v, [&](od::value& a) { Contact(a, &doc_.authors.emplace_back()); });
    } else if (k == "component") {
      Component c;
      c.location = doc_.Keep(Pointer());
      ComponentBody(v, &c, -2, true);
      doc_.subject = std::move(c);
    } else if (k == "manufacture") {
      Organization(v, &doc_.manufacturer.emplace());
    } else if (k == "manufacturer" && Since(6)) {
      Organization(v, &doc_.manufacturer.emplace());
    } else if (k == "supplier") {
      Organization(v, &doc_.supplier.emplace());
    } else if (k == "licenses" && Since(3)) {
      Licenses(v, nullptr);
    } else if (k == "properties" && Since(3)) {
      Properties(v, &doc_.properties);
    } else if (k == "lifecycles" && Since(5)) {
      Each(v, [&](od::value& l) { Lifecycle(l); });
    } else if (k == "distributionConstraints" && Since(7)) {
      Fields(v, [&](Field& g) {
        if (g.key == "tlp") {
          Enum(g.value, cdx::kTlp);
        } else {
          Unknown(g.key, "distributionConstraints");
        }
      });
    } else {
      Unknown(k, "metadata");
    }
  });
}

void JsonWalker::Tools(od::value& e) {
  if (KindOf(e) == Kind::kArray || !Since(5)) {
    Each(e, [&](od::value& t) { LegacyTool(t, &doc_.tools.emplace_back()); });
    return;
  }
  // 1.5+: {components: [...], services: [...]}.
  Fields(e, [&](Field& f) {
    if (f.key == "components") {
      Each(f.value, [&](od::value& c) {
        Component tool;
        ComponentBody(c, &tool, -3, false);
        Text vendor = tool.group;
        if (vendor.empty() && tool.supplier) vendor = tool.supplier->name;
        if (vendor.empty() && tool.author.empty() && !tool.authors.empty()) {
          vendor = tool.authors.front().name;
        }
        if (vendor.empty()) vendor = tool.author;
        doc_.tools.push_back(Tool{vendor, tool.name, tool.version});
      });
    } else if (f.key == "services") {
      Services(f.value);
    } else {
      Unknown(f.key, "tools");
    }
  });
}

void JsonWalker::LegacyTool(od::value& e, Tool* out) {
  Fields(e, [&](Field& f) {
    if (f.key == "vendor") {
      Str(f.value, &out->vendor);
    } else if (f.key == "name") {
      Str(f.value, &out->name);
    } else if (f.key == "version") {
      Str(f.value, &out->version);
    } else if (f.key == "hashes") {
      Hashes(f.value, nullptr);
    } else if (f.key == "externalReferences" && Since(4)) {
      ExternalReferences(f.value, nullptr);
    } else {
      Unknown(f.key, "tool");
    }
  });
}

void JsonWalker::Lifecycle(od::value& e) {
  od::object o;
  if (!Object(e, &o)) return;
  // oneOf: {phase: enum} or {name, description}.
  bool has_phase, has_name;
  Has(o, "phase", &has_phase, "name", &has_name);
  if (has_phase == has_name) {
    Error(has_phase ? "a lifecycle has either 'phase' or 'name', not both"
                    : "a lifecycle needs 'phase' or 'name'");
    return;
  }
  Members(o, [&](Field& f) {
    if (has_phase && f.key == "phase") {
      Enum(f.value, cdx::kLifecyclePhase, &doc_.lifecycle_phases.emplace_back());
    } else if (has_name && f.key == "name") {
      Str(f.value, &doc_.lifecycle_phases.emplace_back());
    } else if (has_name && f.key == "description") {
      std::string_view s;
      View(f.value, &s);
    } else {
      Unknown(f.key, "lifecycle");
    }
  });
}

void JsonWalker::Components(od::value& e, const Text* parent_ref, int parent_index, bool collect) {
  od::array a;
  if (!Array(e, &a)) return;
  if (collect && parent_index == -1 && parent_ref == nullptr) {
    // The document's own list: counted first (a skip over the array), so the
    // list is not moved while it grows.
    doc_.components.reserve(doc_.components.size() + Take(a.count_elements()));
  }
  Items(a, [&](od::value& item) {
    if (!collect) {
      ComponentBody(item, nullptr, -1, false);
      return;
    }
    const int index = static_cast<int>(doc_.components.size());
    Component& c = doc_.components.emplace_back();
    PointerInto(&location_);
    c.location = doc_.Keep(location_);
    c.parent_index = parent_index;
    if (parent_ref != nullptr) {
      c.parent_ref = *parent_ref;
    } else if (parent_index >= 0) {
      c.parent_ref = doc_.components[parent_index].ref;
    }
    ComponentBody(item, &c, index, true);
  });
}

void JsonWalker::ComponentBody(od::value& e, Component* out, int self_index, bool collect) {
  od::object o;
  if (!Object(e, &o)) return;
  std::optional<Component> scratch;
  Component* c = out != nullptr ? out : &scratch.emplace();
  bool has_type = false, has_name = false, has_version = false, has_range = false;
  int is_external = -1;  // -1 absent, 0 false, 1 true
  Members(o, [&](Field& f) {
    std::string_view k = f.key;
    od::value& v = f.value;
    if (Text Component::*text = cdx::ComponentTextField(k)) {
      Str(v, &(c->*text));
    } else if (k == "type") {
      has_type = true;
      Enum(v, cdx::kComponentType, &c->type);
    } else if (k == "name") {
      has_name = true;
      Str(v, &c->name);
    } else if (k == "version") {
      has_version = true;
      Str(v, &c->version);
      if (Since(6) && c->version.size() > 1024) Error("version is longer than 1024 characters");
    } else if (k == "bom-ref") {
      BomRef(v, &c->ref);
    } else if (k == "hashes") {
      Hashes(v, lists_.Into(&c->hashes));
    } else if (k == "licenses") {
      Licenses(v, lists_.Into(&c->licenses));
    } else if (k == "scope") {
      Enum(v, cdx::kScope, &c->scope);
    } else if (k == "externalReferences") {
      ExternalReferences(v, lists_.Into(&c->external_references));
    } else if (k == "properties" && Since(3)) {
      Properties(v, lists_.Into(&c->properties));
    } else if (k == "supplier") {
      Organization(v, &c->supplier.emplace());
    } else if (k == "components") {
      // The subject is not in doc_.components; its bom-ref stays put.
      Components(v, self_index >= 0 ? nullptr : &c->ref, self_index, collect);
      // Adding the children may have moved this component.
      if (self_index >= 0 && collect) c = &doc_.components[self_index];
    } else if (k == "mime-type") {
      std::string_view s;
      if (View(v, &s) && !cdx::IsMimeType(s)) {
        Error("'" + std::string(s) + "' is not a media type of the form type/subtype");
      }
    } else if (k == "swid") {
      Swid(v, &c->swid_tag_id);
    } else if (k == "modified") {
      Bool(v);
    } else if (k == "pedigree") {
      Pedigree(v);
    } else if (k == "evidence" && Since(3)) {
      Evidence(v);
    } else if ((k == "releaseNotes" || k == "signature") && Since(4)) {
      Opaque(v);
    } else if ((k == "modelCard" || k == "data") && Since(5)) {
      Opaque(v);
    } else if (k == "manufacturer" && Since(6)) {
      Organization(v, nullptr);
    } else if (k == "authors" && Since(6)) {
      ListInto<sbom::Contact> authors = lists_.Into(&c->authors);
      Each(v, [&](od::value& a) { Contact(a, &authors->emplace_back()); });
    } else if (k == "omniborId" && Since(6)) {
      StringArray(v, lists_.Into(&c->omnibor_ids), false);
    } else if (k == "swhid" && Since(6)) {
      StringArray(v, lists_.Into(&c->swhids), false);
    } else if (k == "cryptoProperties" && Since(6)) {
      Opaque(v);
    } else if (k == "tags" && Since(6)) {
      StringArray(v, nullptr, false);
    } else if (k == "versionRange" && Since(7)) {
      has_range = true;
      std::string_view s;
      if (View(v, &s) && (s.empty() || s.size() > 4096)) {
        Error("versionRange must have 1 to 4096 characters");
      }
    } else if (k == "isExternal" && Since(7)) {
      const bool is_bool = KindOf(v) == Kind::kBool;
      bool b = false;
      Bool(v, &b);
      if (is_bool) is_external = b ? 1 : 0;
    } else if (k == "patentAssertions" && Since(7)) {
      Opaque(v);
    } else {
      Unknown(k, "a component");
    }
  });
  if (!has_type) Missing("type", "a component");
  if (!has_name) Missing("name", "a component");
  if (!has_version && !Since(4)) Missing("version", "a component");
  if (has_version && has_range)
    Error("a component has either 'version' or 'versionRange', not both");
  if (has_range && is_external != 1) {
    Error("'versionRange' is allowed only on external components (isExternal: true)");
  }
}

void JsonWalker::Organization(od::value& e, sbom::Organization* out) {
  sbom::Organization scratch;
  sbom::Organization& org = out != nullptr ? *out : scratch;
  Fields(e, [&](Field& f) {
    if (f.key == "name") {
      Str(f.value, &org.name);
    } else if (f.key == "url") {
      ListInto<Text> urls = lists_.Into(&org.urls);
      Each(f.value, [&](od::value& u) {
        // 1.2 leaves the url items untyped.
        if (Since(3)) {
          Iri(u, &urls->emplace_back());
        } else {
          Str(u, &urls->emplace_back());
        }
      });
    } else if (f.key == "contact") {
      ListInto<sbom::Contact> contacts = lists_.Into(&org.contacts);
      Each(f.value, [&](od::value& c) { Contact(c, &contacts->emplace_back()); });
    } else if (f.key == "bom-ref" && Since(5)) {
      BomRef(f.value);
    } else if (f.key == "address" && Since(6)) {
      PostalAddress(f.value);
    } else {
      Unknown(f.key, "an organizational entity");
    }
  });
}

void JsonWalker::Contact(od::value& e, sbom::Contact* out) {
  Fields(e, [&](Field& f) {
    if (f.key == "name") {
      Str(f.value, &out->name);
    } else if (f.key == "email") {
      Email(f.value, &out->email);
    } else if (f.key == "phone") {
      Str(f.value, &out->phone);
    } else if (f.key == "bom-ref" && Since(5)) {
      BomRef(f.value);
    } else {
      Unknown(f.key, "an organizational contact");
    }
  });
}

void JsonWalker::PostalAddress(od::value& e) {
  Fields(e, [&](Field& f) {
    std::string_view k = f.key;
    std::string_view s;
    if (k == "bom-ref") {
      BomRef(f.value);
    } else if (k == "country" || k == "region" || k == "locality" || k == "postOfficeBoxNumber" ||
               k == "postalCode" || k == "streetAddress") {
      View(f.value, &s);
    } else {
      Unknown(k, "a postal address");
    }
  });
}

void JsonWalker::Hash(od::value& e, sbom::Hash* out) {
  bool has_alg = false, has_content = false;
  const bool is_object = Fields(e, [&](Field& f) {
    if (f.key == "alg") {
      has_alg = true;
      Enum(f.value, cdx::kHashAlg, out != nullptr ? &out->alg : nullptr);
    } else if (f.key == "content") {
      has_content = true;
      std::string_view s;
      if (!View(f.value, &s)) return;
      if (!cdx::IsHashContent(s)) {
        Error("'" + std::string(s) +
              "' is not a hash value (32, 40, 64, 96 or 128 hexadecimal digits)");
      } else if (out != nullptr) {
        out->value = doc_.Keep(s);
      }
    } else {
      Unknown(f.key, "a hash");
    }
  });
  if (!is_object) return;
  if (!has_alg) Missing("alg", "a hash");
  if (!has_content) Missing("content", "a hash");
}

void JsonWalker::Hashes(od::value& e, std::vector<sbom::Hash>* out) {
  Each(e, [&](od::value& h) {
    if (out == nullptr) {
      Hash(h, nullptr);
    } else {
      Hash(h, &out->emplace_back());
    }
  });
}

void JsonWalker::Licenses(od::value& e, std::vector<License>* out) {
  std::vector<License> scratch;
  std::vector<License>& list = out != nullptr ? *out : scratch;
  size_t expressions = 0, licenses = 0;
  Each(e, [&](od::value& item) {
    od::object o;
    if (!Object(item, &o)) return;
    bool has_license, has_expression;
    Has(o, "license", &has_license, "expression", &has_expression);
    if (has_license == has_expression) {
      Error(has_license ? "a license choice has either 'license' or 'expression', not both"
                        : "a license choice needs 'license' or 'expression'");
      return;
    }
    License lic;
    if (has_expression) {
      ++expressions;
      lic.kind = License::Kind::kExpression;
    } else {
      ++licenses;
    }
    Members(o, [&](Field& f) {
      std::string_view k = f.key;
      if (k == "license" && has_license) {
        LicenseObject(f.value, &lic);
      } else if (k == "expression" && has_expression) {
        Str(f.value, &lic.value);
      } else if (has_expression && Since(5) && k == "bom-ref") {
        BomRef(f.value);
      } else if (has_expression && Since(6) && k == "acknowledgement") {
        Enum(f.value, cdx::kLicenseAcknowledgement, &lic.acknowledgement);
      } else if (has_expression && Since(7) && (k == "expressionDetails" || k == "licensing")) {
        Opaque(f.value);
      } else if (has_expression && Since(7) && k == "properties") {
        Properties(f.value, nullptr);
      } else {
        Unknown(k, "a license choice");
      }
    });
    list.push_back(std::move(lic));
  });
  // In 1.5 and 1.6 the choice is the whole array: licenses, or one
  // expression; 1.7 makes it a choice per item again.
  if (Since(5) && !Since(7) && expressions > 0 && (expressions > 1 || licenses > 0)) {
    Error("licenses holds either license objects or exactly one expression (" +
          std::to_string(licenses) + " licenses and " + std::to_string(expressions) +
          " expressions)");
  }
}

void JsonWalker::LicenseObject(od::value& e, License* out) {
  bool has_id = false, has_name = false;
  const bool is_object = Fields(e, [&](Field& f) {
    std::string_view k = f.key;
    if (k == "id") {
      has_id = true;
      std::string_view s;
      if (!View(f.value, &s)) return;
      if (!cdx::IsSpdxLicenseId(s)) {
        Error("'" + std::string(s) + "' is not an SPDX license identifier");
      }
      out->kind = License::Kind::kId;
      out->value = doc_.Keep(s);
    } else if (k == "name") {
      has_name = true;
      out->kind = License::Kind::kName;
      Str(f.value, &out->value);
    } else if (k == "text") {
      Attachment(f.value);
    } else if (k == "url") {
      Iri(f.value, &out->url);
    } else if (k == "bom-ref" && Since(5)) {
      BomRef(f.value);
    } else if (k == "licensing" && Since(5)) {
      Opaque(f.value);
    } else if (k == "properties" && Since(5)) {
      Properties(f.value, nullptr);
    } else if (k == "acknowledgement" && Since(6)) {
      Enum(f.value, cdx::kLicenseAcknowledgement, &out->acknowledgement);
    } else {
      Unknown(k, "a license");
    }
  });
  if (!is_object) return;
  if (has_id && has_name) Error("a license has either 'id' or 'name', not both");
  if (!has_id && !has_name) Error("a license needs 'id' or 'name'");
}

void JsonWalker::Attachment(od::value& e) {
  bool has_content = false;
  const bool is_object = Fields(e, [&](Field& f) {
    std::string_view s;
    if (f.key == "contentType") {
      View(f.value, &s);
    } else if (f.key == "encoding") {
      Enum(f.value, cdx::kEncoding);
    } else if (f.key == "content") {
      has_content = true;
      View(f.value, &s);
    } else {
      Unknown(f.key, "an attachment");
    }
  });
  if (!is_object) return;
  if (!has_content) Missing("content", "an attachment");
}

void JsonWalker::Swid(od::value& e, Text* tag_id) {
  bool has_tag = false, has_name = false;
  const bool is_object = Fields(e, [&](Field& f) {
    std::string_view k = f.key;
    std::string_view s;
    if (k == "tagId") {
      has_tag = true;
      Str(f.value, tag_id);
    } else if (k == "name") {
      has_name = true;
      View(f.value, &s);
    } else if (k == "version") {
      View(f.value, &s);
    } else if (k == "tagVersion") {
      od::number number;
      Integer(f.value, &number);
    } else if (k == "patch") {
      Bool(f.value);
    } else if (k == "text") {
      Attachment(f.value);
    } else if (k == "url") {
      Iri(f.value);
    } else {
      Unknown(k, "a SWID tag");
    }
  });
  if (!is_object) return;
  if (!has_tag) Missing("tagId", "a SWID tag");
  if (!has_name) Missing("name", "a SWID tag");
}

void JsonWalker::ExternalReferences(od::value& e, std::vector<ExternalReference>* out) {
  Each(e, [&](od::value& item) {
    ExternalReference ref;
    bool has_url = false, has_type = false;
    const bool is_object = Fields(item, [&](Field& f) {
      if (f.key == "url") {
        has_url = true;
        Iri(f.value, &ref.url);
      } else if (f.key == "type") {
        has_type = true;
        Enum(f.value, cdx::kExternalReferenceType, &ref.type);
      } else if (f.key == "comment") {
        Str(f.value, &ref.comment);
      } else if (f.key == "hashes" && Since(3)) {
        Hashes(f.value, lists_.Into(&ref.hashes));
      } else if (f.key == "properties" && Since(7)) {
        Properties(f.value, nullptr);
      } else {
        Unknown(f.key, "an external reference");
      }
    });
    if (!is_object) return;
    if (!has_url) Missing("url", "an external reference");
    if (!has_type) Missing("type", "an external reference");
    if (out != nullptr) out->push_back(std::move(ref));
  });
}

void JsonWalker::Properties(od::value& e, std::vector<Property>* out) {
  Each(e, [&](od::value& item) {
    Property p;
    bool has_name = false;
    const bool is_object = Fields(item, [&](Field& f) {
      if (f.key == "name") {
        has_name = true;
        Str(f.value, &p.name);
      } else if (f.key == "value") {
        Str(f.value, &p.value);
      } else if (Since(6)) {
        Unknown(f.key, "a property");
      }
    });
    if (!is_object) return;
    // Since 1.6 a property must be named and holds nothing else.
    if (!has_name && Since(6)) Missing("name", "a property");
    if (out != nullptr) out->push_back(std::move(p));
  });
}

void JsonWalker::Pedigree(od::value& e) {
  Fields(e, [&](Field& f) {
    std::string_view k = f.key;
    if (k == "ancestors" || k == "descendants" || k == "variants") {
      Components(f.value, nullptr, -1, false);
    } else if (k == "commits") {
      Each(f.value, [&](od::value& c) { Commit(c); });
    } else if (k == "patches") {
      Each(f.value, [&](od::value& p) { Patch(p); });
    } else if (k == "notes") {
      std::string_view s;
      View(f.value, &s);
    } else {
      Unknown(k, "a pedigree");
    }
  });
}

void JsonWalker::Commit(od::value& e) {
  Fields(e, [&](Field& f) {
    std::string_view s;
    if (f.key == "uid" || f.key == "message") {
      View(f.value, &s);
    } else if (f.key == "url") {
      Iri(f.value);
    } else if (f.key == "author" || f.key == "committer") {
      IdentifiableAction(f.value);
    } else {
      Unknown(f.key, "a commit");
    }
  });
}

void JsonWalker::IdentifiableAction(od::value& e) {
  Fields(e, [&](Field& f) {
    Text scratch;
    if (f.key == "timestamp") {
      DateTime(f.value);
    } else if (f.key == "name") {
      Str(f.value, &scratch);
    } else if (f.key == "email") {
      std::string_view s;
      if (View(f.value, &s) && !cdx::IsEmail(s)) {
        Error("'" + std::string(s) + "' is not an e-mail address");
      }
    } else {
      Unknown(f.key, "an identifiable action");
    }
  });
}

void JsonWalker::Patch(od::value& e) {
  bool has_type = false;
  const bool is_object = Fields(e, [&](Field& f) {
    if (f.key == "type") {
      has_type = true;
      Enum(f.value, cdx::kPatchType);
    } else if (f.key == "diff") {
      Fields(f.value, [&](Field& g) {
        if (g.key == "text") {
          Attachment(g.value);
        } else if (g.key == "url") {
          Iri(g.value);
        } else {
          Unknown(g.key, "a diff");
        }
      });
    } else if (f.key == "resolves") {
      Each(f.value, [&](od::value& i) { Issue(i); });
    } else {
      Unknown(f.key, "a patch");
    }
  });
  if (!is_object) return;
  if (!has_type) Missing("type", "a patch");
}

void JsonWalker::Issue(od::value& e) {
  bool has_type = false;
  const bool is_object = Fields(e, [&](Field& f) {
    std::string_view k = f.key;
    std::string_view s;
    if (k == "type") {
      has_type = true;
      Enum(f.value, cdx::kIssueType);
    } else if (k == "id" || k == "name" || k == "description") {
      View(f.value, &s);
    } else if (k == "source") {
      Fields(f.value, [&](Field& g) {
        if (g.key == "name") {
          View(g.value, &s);
        } else if (g.key == "url") {
          Iri(g.value);
        } else {
          Unknown(g.key, "an issue source");
        }
      });
    } else if (k == "references") {
      Each(f.value, [&](od::value& r) { Iri(r); });
    } else {
      Unknown(k, "an issue");
    }
  });
  if (!is_object) return;
  if (!has_type) Missing("type", "an issue");
}

void JsonWalker::Evidence(od::value& e) {
  Fields(e, [&](Field& f) {
    std::string_view k = f.key;
    if (k == "licenses") {
      Licenses(f.value, nullptr);
    } else if (k == "copyright") {
      Each(f.value, [&](od::value& c) {
        bool has_text = false;
        const bool is_object = Fields(c, [&](Field& g) {
          std::string_view s;
          if (g.key == "text") {
            has_text = true;
            View(g.value, &s);
          } else {
            Unknown(g.key, "a copyright");
          }
        });
        if (!is_object) return;
        if (!has_text) Missing("text", "a copyright");
      });
    } else if ((k == "identity" || k == "occurrences" || k == "callstack") && Since(5)) {
      Opaque(f.value);
    } else {
      Unknown(k, "component evidence");
    }
  });
}

void JsonWalker::Services(od::value& e) {
  Each(e, [&](od::value& item) {
    ++doc_.service_count;
    bool has_name = false;
    const bool is_object = Fields(item, [&](Field& f) {
      std::string_view k = f.key;
      std::string_view s;
      if (k == "bom-ref") {
        BomRef(f.value);
      } else if (k == "provider") {
        Organization(f.value, nullptr);
      } else if (k == "name") {
        has_name = true;
        View(f.value, &s);
      } else if (k == "group" || k == "version" || k == "description" ||
                 (k == "trustZone" && Since(5))) {
        View(f.value, &s);
      } else if (k == "endpoints") {
        Each(f.value, [&](od::value& u) { Iri(u); });
      } else if (k == "authenticated" || k == "x-trust-boundary") {
        Bool(f.value);
      } else if (k == "data") {
        Each(f.value, [&](od::value& d) { ServiceData(d); });
      } else if (k == "licenses") {
        Licenses(f.value, nullptr);
      } else if (k == "externalReferences") {
        ExternalReferences(f.value, nullptr);
      } else if (k == "services") {
        Services(f.value);
      } else if (k == "properties" && Since(3)) {
        Properties(f.value, nullptr);
      } else if ((k == "releaseNotes" || k == "signature") && Since(4)) {
        Opaque(f.value);
      } else if (k == "tags" && Since(6)) {
        StringArray(f.value, nullptr, false);
      } else if (k == "patentAssertions" && Since(7)) {
        Opaque(f.value);
      } else {
        Unknown(k, "a service");
      }
    });
    if (!is_object) return;
    if (!has_name) Missing("name", "a service");
  });
}

void JsonWalker::ServiceData(od::value& e) {
  bool has_flow = false, has_class = false;
  const bool is_object = Fields(e, [&](Field& f) {
    std::string_view k = f.key;
    std::string_view s;
    if (k == "flow") {
      has_flow = true;
      Enum(f.value, cdx::kDataFlow);
    } else if (k == "classification") {
      has_class = true;
      View(f.value, &s);
    } else if ((k == "name" || k == "description") && Since(5)) {
      View(f.value, &s);
    } else if ((k == "governance" || k == "source" || k == "destination") && Since(5)) {
      Opaque(f.value);
    } else {
      Unknown(k, "service data");
    }
  });
  if (!is_object) return;
  if (!has_flow) Missing("flow", "service data");
  if (!has_class) Missing("classification", "service data");
}

void JsonWalker::Dependencies(od::value& e) {
  Each(e, [&](od::value& item) {
    Dependency d;
    bool has_ref = false;
    const bool is_object = Fields(item, [&](Field& f) {
      if (f.key == "ref") {
        has_ref = true;
        RefValue(f.value, &d.ref);
      } else if (f.key == "dependsOn") {
        od::array a;
        if (!Array(f.value, &a)) return;
        cdx::UniqueViews seen;
        ListInto<Text> depends_on = lists_.Into(&d.depends_on);
        size_t i = 0;
        for (auto result : a) {
          od::value& to = In(result);
          At at2(this, i++);
          std::string_view s;
          if (!View(to, &s)) continue;
          if (s.empty() && Since(5)) {
            Error("reference must not be empty");
          } else if (!seen.Insert(s)) {
            Error("duplicate item '" + std::string(s) + "' (items must be unique)");
          } else {
            depends_on->push_back(doc_.Keep(s));
          }
        }
      } else if (f.key == "provides" && Since(6)) {
        StringArray(f.value, nullptr, true);
      } else {
        Unknown(f.key, "a dependency");
      }
    });
    if (!is_object) return;
    if (!has_ref) Missing("ref", "a dependency");
    doc_.dependencies.push_back(std::move(d));
  });
}

void JsonWalker::Compositions(od::value& e) {
  Each(e, [&](od::value& item) {
    Composition comp;
    bool has_aggregate = false;
    const bool is_object = Fields(item, [&](Field& f) {
      std::string_view k = f.key;
      if (k == "aggregate") {
        has_aggregate = true;
        Enum(f.value, cdx::kAggregate, &comp.aggregate);
      } else if (k == "assemblies") {
        StringArray(f.value, lists_.Into(&comp.assemblies), true);
      } else if (k == "dependencies") {
        StringArray(f.value, lists_.Into(&comp.dependencies), true);
      } else if (k == "signature" && Since(4)) {
        Opaque(f.value);
      } else if (k == "bom-ref" && Since(5)) {
        BomRef(f.value);
      } else if (k == "vulnerabilities" && Since(5)) {
        StringArray(f.value, nullptr, true);
      } else {
        Unknown(k, "a composition");
      }
    });
    if (!is_object) return;
    if (!has_aggregate) Missing("aggregate", "a composition");
    doc_.compositions.push_back(std::move(comp));
  });
}

void JsonWalker::Vulnerabilities(od::value& e) {
  // The records are kept as raw JSON for triage, without white space; only
  // their bom-refs (unique across the document) are collected.
  const char* const start = e.raw_json_token().data();
  od::array a;
  if (!Array(e, &a)) return;
  size_t count = 0;
  for (auto result : a) {
    od::value& item = In(result);
    ++count;
    Walk(item, depth_ + 1, &refs_);
  }
  doc_.vulnerability_count = count;
  // The array ends before the next token (the root's ',' or '}').
  std::string_view raw(start, static_cast<size_t>(Take(json_.current_location()) - start));
  while (!raw.empty() && raw.back() != ']') raw.remove_suffix(1);
  std::string minified(raw.size(), '\0');
  size_t length = 0;
  if (simdjson::minify(raw.data(), raw.size(), minified.data(), length) != simdjson::SUCCESS) {
    throw SyntaxError{simdjson::TAPE_ERROR, start};
  }
  minified.resize(length);
  doc_.vulnerabilities_raw = doc_.Keep(minified);
}

void JsonWalker::Citation(od::value& e) {
  bool has_pointers = false, has_expressions = false, has_timestamp = false;
  bool has_attributed = false, has_process = false;
  const bool is_object = Fields(e, [&](Field& f) {
    std::string_view k = f.key;
    Text scratch;
    if (k == "bom-ref") {
      BomRef(f.value);
    } else if (k == "pointers" || k == "expressions") {
      (k == "pointers" ? has_pointers : has_expressions) = true;
      if (StringArray(f.value, nullptr, false) == size_t{0}) Error("must have at least one item");
    } else if (k == "timestamp") {
      has_timestamp = true;
      DateTime(f.value);
    } else if (k == "attributedTo" || k == "process") {
      (k == "attributedTo" ? has_attributed : has_process) = true;
      RefValue(f.value, &scratch);
    } else if (k == "note") {
      Str(f.value, &scratch);
    } else if (k == "signature") {
      Opaque(f.value);
    } else {
      Unknown(k, "a citation");
    }
  });
  if (!is_object) return;
  if (!has_timestamp) Missing("timestamp", "a citation");
  if (!has_attributed && !has_process) Error("a citation needs 'attributedTo' or 'process'");
  if (has_pointers == has_expressions) {
    Error(has_pointers ? "a citation has either 'pointers' or 'expressions', not both"
                       : "a citation needs 'pointers' or 'expressions'");
  }
}

// Nothing may follow the root value.
void CheckEnd(od::document& json) {
  const char* next = nullptr;
  // OUT_OF_BOUNDS: the document ends there.
  if (json.current_location().get(next) == simdjson::SUCCESS) {
    throw SyntaxError{simdjson::TRAILING_CONTENT, next};
  }
}

// KindName of a document's root; reads (and checks) a number.
std::string RootTypeName(od::document& json) {
  const Kind kind = KindOfToken(Take(json.raw_json_token()));
  return KindName(kind, kind == Kind::kNumber && Take(json.get_number()).is_double());
}

// The minor number of the document's spec version, read before the walk; -1
// when the document is not a CycloneDX object of a version soupkeeper reads
// (in `violations`; `unsupported` for a version it does not read).
int SpecVersion(od::document& json, Document& doc, std::vector<Violation>& violations,
                bool* unsupported) {
  const od::json_type type = Take(json.type());
  if (type != od::json_type::object) {
    violations.push_back({"/", "a CycloneDX document is a JSON object, not " + RootTypeName(json)});
    return -1;
  }
  od::object root = Take(json.get_object());
  for (auto result : root) {
    od::field& f = In(result);
    if (KeyOf(f) != "specVersion") continue;
    od::value& v = f.value();
    std::string_view text;
    if (!StringOf(v, &text)) {
      violations.push_back({"/specVersion", "expected a string"});
      return -1;
    }
    doc.spec_version = doc.Keep(text);
    const int minor = cdx::ParseSpecVersion(text);
    if (minor >= 0) return minor;
    if (cdx::IsVersionNumber(text)) {
      violations.push_back({"/specVersion", "CycloneDX " + std::string(text) +
                                                " is not supported (1.2 to 1.7 are)"});
      *unsupported = true;
    } else {
      violations.push_back(
          {"/specVersion", "'" + std::string(text) + "' is not a CycloneDX version"});
    }
    return -1;
  }
  violations.push_back({"/", "missing required property 'specVersion' of the BOM"});
  return -1;
}

// The document's bytes where simdjson can read them: in place when at least
// kInputPadding bytes after them may be read, else a padded copy in the
// thread's buffer. The thread's parser (its structural index is about the
// size of the document) and buffer are kept for the next document unless
// they grew past 64 MiB.
class ThreadJson {
  static_assert(kInputPadding >= simdjson::SIMDJSON_PADDING);

 public:
  ThreadJson(std::string_view bytes, size_t readable_past_end) : state_(State()) {
    data_ = bytes.data();
    size_ = bytes.size();
    capacity_ = size_ + readable_past_end;
    if (readable_past_end < kInputPadding) {
      const size_t need = size_ + kInputPadding;
      if (state_.copy_capacity < need) {
        state_.copy.reset(new char[need]);
        state_.copy_capacity = need;
      }
      std::memcpy(state_.copy.get(), bytes.data(), size_);
      std::memset(state_.copy.get() + size_, 0, kInputPadding);
      data_ = state_.copy.get();
      capacity_ = need;
    }
  }
  ~ThreadJson() {
    if (state_.parser.capacity() > kKeptBytes) state_.parser = od::parser();
    if (state_.copy_capacity > kKeptBytes) {
      state_.copy.reset();
      state_.copy_capacity = 0;
    }
  }
  ThreadJson(const ThreadJson&) = delete;
  ThreadJson& operator=(const ThreadJson&) = delete;

  // Indexes the document anew (stage 1); a document iterated before is
  // then no longer valid.
  simdjson::error_code Iterate(od::document* out) {
    return state_.parser.iterate(data_, size_, capacity_).get(*out);
  }

  // The document's first JSON syntax error in document order, as Message
  // gives it; empty when the document is JSON. Walks the whole document.
  std::string FirstSyntaxError() {
    od::document json;
    if (simdjson::error_code e = Iterate(&json); e != simdjson::SUCCESS) {
      return Message(e, nullptr);
    }
    try {
      switch (Take(json.type())) {
        case od::json_type::array:
        case od::json_type::object: {
          od::value root = Take(json.get_value());
          Walk(root, 0, nullptr);
          break;
        }
        case od::json_type::number:
          Take(json.get_number());
          break;
        case od::json_type::string:
          Take(json.get_string());
          break;
        case od::json_type::boolean:
          Take(json.get_bool());
          break;
        case od::json_type::null:
          if (!Take(json.is_null())) throw SyntaxError{simdjson::N_ATOM_ERROR};
          break;
      }
      CheckEnd(json);
    } catch (const SyntaxError& e) {
      const char* where = e.where;
      if (where == nullptr && json.current_location().get(where) != simdjson::SUCCESS) {
        where = nullptr;
      }
      return Message(e.code, where);
    }
    return {};
  }

  // "not valid JSON[ at line L, column C]: what", for an error at `where`
  // (null when unknown).
  std::string Message(simdjson::error_code e, const char* where) const {
    const std::string what =
        e == simdjson::DEPTH_ERROR
            ? "nesting deeper than " + std::to_string(cdx::kMaxDepth) + " levels"
            : std::string(simdjson::error_message(e));
    if (where == nullptr || where < data_ || where > data_ + size_) {
      return "not valid JSON: " + what;
    }
    size_t line = 1;
    const char* line_start = data_;
    for (const char* p = data_; p < where; ++p) {
      if (*p == '\n') {
        ++line;
        line_start = p + 1;
      }
    }
    return "not valid JSON at line " + std::to_string(line) + ", column " +
           std::to_string(where - line_start + 1) + ": " + what;
  }

 private:
  static constexpr size_t kKeptBytes = size_t{64} << 20;
  struct PerThread {
    od::parser parser;
    std::unique_ptr<char[]> copy;
    size_t copy_capacity = 0;
  };
  static PerThread& State() {
    thread_local PerThread state;
    return state;
  }

  PerThread& state_;
  const char* data_;
  size_t size_;
  size_t capacity_;
};

class CycloneDxJsonDecoder final : public SbomDecoder {
 public:
  std::string_view Name() const override { return "cyclonedx-json"; }

  bool Identify(std::string_view bytes) const override {
    // The "bomFormat" key is CycloneDX's own (its value is checked by
    // Decode); it is normally a first key.
    return cdx::Sniff(bytes, '{', "\"bomFormat\"");
  }

  Result<Document> Decode(Input input, const std::string& source_name,
                          DiagnosticSink& sink) const override {
    return cdx::DecodeJson(input.bytes, source_name, sink, input.readable_past_end);
  }
};

}  // namespace

namespace cdx {

std::string_view StripUtf8Bom(std::string_view bytes) {
  if (bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xEF &&
      static_cast<unsigned char>(bytes[1]) == 0xBB &&
      static_cast<unsigned char>(bytes[2]) == 0xBF) {
    bytes.remove_prefix(3);
  }
  return bytes;
}

Result<Document> DecodeJson(std::string_view bytes, const std::string& source_name,
                            DiagnosticSink& sink, size_t readable_past_end) {
  Reporter reporter(source_name, sink);
  bytes = StripUtf8Bom(bytes);
  if (!CheckInput(bytes, "UTF-16 text; CycloneDX JSON must be UTF-8", reporter)) {
    return reporter.ToStatus();
  }
  ThreadJson json(bytes, readable_past_end);
  od::document root_doc;
  if (simdjson::error_code e = json.Iterate(&root_doc); e != simdjson::SUCCESS) {
    reporter.Error("", json.Message(e, nullptr));
    return reporter.ToStatus();
  }
  Document doc;
  doc.format = Format::kCycloneDxJson;
  std::vector<Violation> violations;
  std::optional<SyntaxError> syntax;
  std::optional<JsonWalker> walker;
  bool unsupported = false;
  try {
    const int minor = SpecVersion(root_doc, doc, violations, &unsupported);
    if (minor >= 0) {
      root_doc.rewind();
      od::object root = Take(root_doc.get_object());
      walker.emplace(minor, violations, doc, root_doc, bytes.size());
      walker->Bom(root);
      CheckEnd(root_doc);
    }
  } catch (const SyntaxError& e) {
    syntax = e;
  }
  if (syntax || !violations.empty()) {
    // A document that is not JSON gets its first syntax error alone.
    std::string message = json.FirstSyntaxError();
    if (message.empty() && syntax) message = json.Message(syntax->code, syntax->where);
    if (!message.empty()) {
      reporter.Error("", message);
      return reporter.ToStatus();
    }
    for (Violation& v : violations) reporter.Error(std::move(v.place), std::move(v.message));
    if (unsupported) return Status(StatusCode::kUnsupported, reporter.ToStatus().message());
    return reporter.ToStatus();
  }
  CheckReferences(doc, walker->refs(), reporter,
                  [](size_t i) { return "/dependencies/" + std::to_string(i); });
  CheckIdentifiers(doc, reporter);
  CheckLicenseExpressions(doc, reporter);
  return doc;
}

}  // namespace cdx

std::unique_ptr<SbomDecoder> NewCycloneDxJsonDecoder() {
  return std::make_unique<CycloneDxJsonDecoder>();
}

}  // namespace soupkeeper::sbom
