// SPDX 2.2 / 2.3 tag-value: read "Tag: value" lines (and multi-line
// <text>...</text> values) into the same tree the JSON reader makes, each
// node marked with its line, then apply the SPDX 2 rules.
//
// Sections follow the spec: PackageName opens a package, FileName a file,
// SnippetSPDXID a snippet, LicenseID an extracted license, Annotator an
// annotation (its SPDXREF names the element it annotates), Reviewer a review.
// A file that follows a package is contained in it (hasFiles), as the spec
// says of tag-value.
#include <cstring>
#include <iterator>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/text.h"
#include "sbom/spdx_decoders.h"

namespace soupkeeper::sbom::spdx {
namespace {

enum class Section {
  kDocument,
  kCreation,
  kPackage,
  kFile,
  kSnippet,
  kLicense,
  kAnnotation,
  kReview,
  kRelationship,
  kAny
};
enum class Shape {
  kString,       // one string
  kStrings,      // appended to a string array
  kBool,         // true / false
  kChecksum,     // "SHA1: hex" into `checksums`
  kExternalRef,  // "CATEGORY TYPE LOCATOR"
  kExternalRefComment,
  kVerification,  // "hex (excludes: a, b)"
  kRange,         // "start:end" (bytes or lines)
  kExternalDoc,   // "DocumentRef-x URI ALG: hex"
  kRelationship,  // "A TYPE B"
  kRelationshipComment,
  kArtifactOf,  // ArtifactOfProject* (SPDX 2.2 files)
};

struct TagSpec {
  std::string_view tag;
  Section section;
  std::string_view field;
  Shape shape;
};

// Every tag of SPDX 2.2 and 2.3; SPDXID is handled apart (it names the
// current element, or the document before any element).
constexpr TagSpec kTags[] = {
    {"SPDXVersion", Section::kDocument, "spdxVersion", Shape::kString},
    {"DataLicense", Section::kDocument, "dataLicense", Shape::kString},
    {"DocumentName", Section::kDocument, "name", Shape::kString},
    {"DocumentNamespace", Section::kDocument, "documentNamespace", Shape::kString},
    {"DocumentComment", Section::kDocument, "comment", Shape::kString},
    {"ExternalDocumentRef", Section::kDocument, "externalDocumentRefs", Shape::kExternalDoc},
    {"LicenseListVersion", Section::kCreation, "licenseListVersion", Shape::kString},
    {"Creator", Section::kCreation, "creators", Shape::kStrings},
    {"Created", Section::kCreation, "created", Shape::kString},
    {"CreatorComment", Section::kCreation, "comment", Shape::kString},
    {"PackageName", Section::kPackage, "name", Shape::kString},
    {"PackageVersion", Section::kPackage, "versionInfo", Shape::kString},
    {"PackageFileName", Section::kPackage, "packageFileName", Shape::kString},
    {"PackageSupplier", Section::kPackage, "supplier", Shape::kString},
    {"PackageOriginator", Section::kPackage, "originator", Shape::kString},
    {"PackageDownloadLocation", Section::kPackage, "downloadLocation", Shape::kString},
    {"FilesAnalyzed", Section::kPackage, "filesAnalyzed", Shape::kBool},
    {"PackageVerificationCode", Section::kPackage, "packageVerificationCode", Shape::kVerification},
    {"PackageChecksum", Section::kPackage, "checksums", Shape::kChecksum},
    {"PackageHomePage", Section::kPackage, "homepage", Shape::kString},
    {"PackageSourceInfo", Section::kPackage, "sourceInfo", Shape::kString},
    {"PackageLicenseConcluded", Section::kPackage, "licenseConcluded", Shape::kString},
    {"PackageLicenseInfoFromFiles", Section::kPackage, "licenseInfoFromFiles", Shape::kStrings},
    {"PackageLicenseDeclared", Section::kPackage, "licenseDeclared", Shape::kString},
    {"PackageLicenseComments", Section::kPackage, "licenseComments", Shape::kString},
    {"PackageCopyrightText", Section::kPackage, "copyrightText", Shape::kString},
    {"PackageSummary", Section::kPackage, "summary", Shape::kString},
    {"PackageDescription", Section::kPackage, "description", Shape::kString},
    {"PackageComment", Section::kPackage, "comment", Shape::kString},
    {"ExternalRef", Section::kPackage, "externalRefs", Shape::kExternalRef},
    {"ExternalRefComment", Section::kPackage, "comment", Shape::kExternalRefComment},
    {"PackageAttributionText", Section::kPackage, "attributionTexts", Shape::kStrings},
    {"PrimaryPackagePurpose", Section::kPackage, "primaryPackagePurpose", Shape::kString},
    {"ReleaseDate", Section::kPackage, "releaseDate", Shape::kString},
    {"BuiltDate", Section::kPackage, "builtDate", Shape::kString},
    {"ValidUntilDate", Section::kPackage, "validUntilDate", Shape::kString},
    {"FileName", Section::kFile, "fileName", Shape::kString},
    {"FileType", Section::kFile, "fileTypes", Shape::kStrings},
    {"FileChecksum", Section::kFile, "checksums", Shape::kChecksum},
    {"LicenseConcluded", Section::kFile, "licenseConcluded", Shape::kString},
    {"LicenseInfoInFile", Section::kFile, "licenseInfoInFiles", Shape::kStrings},
    {"LicenseComments", Section::kFile, "licenseComments", Shape::kString},
    {"FileCopyrightText", Section::kFile, "copyrightText", Shape::kString},
    {"FileComment", Section::kFile, "comment", Shape::kString},
    {"FileNotice", Section::kFile, "noticeText", Shape::kString},
    {"FileContributor", Section::kFile, "fileContributors", Shape::kStrings},
    {"FileAttributionText", Section::kFile, "attributionTexts", Shape::kStrings},
    {"FileDependency", Section::kFile, "fileDependencies", Shape::kStrings},
    {"ArtifactOfProjectName", Section::kFile, "name", Shape::kArtifactOf},
    {"ArtifactOfProjectHomePage", Section::kFile, "homePage", Shape::kArtifactOf},
    {"ArtifactOfProjectURI", Section::kFile, "projectUri", Shape::kArtifactOf},
    {"SnippetSPDXID", Section::kSnippet, "SPDXID", Shape::kString},
    {"SnippetFromFileSPDXID", Section::kSnippet, "snippetFromFile", Shape::kString},
    {"SnippetByteRange", Section::kSnippet, "offset", Shape::kRange},
    {"SnippetLineRange", Section::kSnippet, "lineNumber", Shape::kRange},
    {"SnippetLicenseConcluded", Section::kSnippet, "licenseConcluded", Shape::kString},
    {"LicenseInfoInSnippet", Section::kSnippet, "licenseInfoInSnippets", Shape::kStrings},
    {"SnippetLicenseComments", Section::kSnippet, "licenseComments", Shape::kString},
    {"SnippetCopyrightText", Section::kSnippet, "copyrightText", Shape::kString},
    {"SnippetComment", Section::kSnippet, "comment", Shape::kString},
    {"SnippetName", Section::kSnippet, "name", Shape::kString},
    {"SnippetAttributionText", Section::kSnippet, "attributionTexts", Shape::kStrings},
    {"LicenseID", Section::kLicense, "licenseId", Shape::kString},
    {"ExtractedText", Section::kLicense, "extractedText", Shape::kString},
    {"LicenseName", Section::kLicense, "name", Shape::kString},
    {"LicenseCrossReference", Section::kLicense, "seeAlsos", Shape::kStrings},
    {"LicenseComment", Section::kLicense, "comment", Shape::kString},
    {"Relationship", Section::kRelationship, "", Shape::kRelationship},
    {"RelationshipComment", Section::kRelationship, "comment", Shape::kRelationshipComment},
    {"Annotator", Section::kAnnotation, "annotator", Shape::kString},
    {"AnnotationDate", Section::kAnnotation, "annotationDate", Shape::kString},
    {"AnnotationType", Section::kAnnotation, "annotationType", Shape::kString},
    {"SPDXREF", Section::kAnnotation, "", Shape::kString},
    {"AnnotationComment", Section::kAnnotation, "comment", Shape::kString},
    {"Reviewer", Section::kReview, "reviewer", Shape::kString},
    {"ReviewDate", Section::kReview, "reviewDate", Shape::kString},
    {"ReviewComment", Section::kReview, "comment", Shape::kString},
};

constexpr size_t kTagCount = std::size(kTags);

const TagSpec* FindTag(std::string_view tag) {
  static const auto* const kByTag = [] {
    auto* m = new std::unordered_map<std::string_view, const TagSpec*>;
    for (const TagSpec& t : kTags) m->emplace(t.tag, &t);
    return m;
  }();
  auto it = kByTag->find(tag);
  return it == kByTag->end() ? nullptr : it->second;
}

// Where the line that goes on at `pos` ends: its CR or LF, else the end.
size_t LineEnd(std::string_view bytes, size_t pos) {
  size_t end = bytes.find('\n', pos);  // memchr, unlike find_first_of
  if (end == std::string_view::npos) end = bytes.size();
  const void* cr = std::memchr(bytes.data() + pos, '\r', end - pos);
  return cr == nullptr ? end : static_cast<size_t>(static_cast<const char*>(cr) - bytes.data());
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Makes the (new) node `n` the string `text`, in place.
Node& SetText(Node& n, std::string_view text, int line) {
  n.kind = Node::Kind::kString;
  n.text = text;
  n.line = line;
  return n;
}
Node String(std::string_view text, int line) {
  Node n;
  SetText(n, text, line);
  return n;
}

// Makes the (new) node `n` an object with room for `members` members.
Node& MakeObject(Node& n, int line, size_t members = 0) {
  n.kind = Node::Kind::kObject;
  n.line = line;
  n.members.reserve(members);
  return n;
}
Node Object(int line, size_t members = 0) {
  Node n;
  MakeObject(n, line, members);
  return n;
}

class Reader {
 public:
  Reader(cdx::Reporter& reporter) : r_(reporter) { root_ = Object(1); }

  Result<Node> Run(std::string_view bytes);

 private:
  void Error(int line, const std::string& msg) { r_.Error("line " + std::to_string(line), msg); }

  // The array member `key` of `obj`, created when missing.
  static Node& ArrayOf(Node& obj, std::string_view key, int line) {
    for (Member& m : obj.members) {
      if (SameText(m.key, key)) return m.value;
    }
    Node& a = obj.Add(key);
    a.kind = Node::Kind::kArray;
    a.line = line;
    return a;
  }
  Node& Creation(int line) {
    for (Member& m : root_.members) {
      if (SameText(m.key, "creationInfo")) return m.value;
    }
    Node& c = root_.Add("creationInfo");
    c = Object(line);
    return c;
  }
  // The package, file or snippet the tags now describe, or nullptr.
  Node* Current(Section s) {
    if (s == Section::kLicense) return license_;
    return s == current_ ? element_ : nullptr;
  }
  Node* Last(std::string_view key) {
    for (Member& m : root_.members) {
      if (SameText(m.key, key) && !m.value.items.empty()) return &m.value.items.back();
    }
    return nullptr;
  }
  Node& Open(std::string_view key, int line) {
    Node& list = ArrayOf(root_, key, line);
    // Room for the tags packages usually have; files and others have fewer.
    return MakeObject(list.items.emplace_back(), line, key == "packages" ? 12 : 8);
  }

  void SetString(Node& obj, std::string_view field, std::string_view tag, std::string_view value,
                 int line) {
    if (obj.Get(field) != nullptr) {
      Error(line, std::string(tag) + " given twice for the same " + SectionName());
      return;
    }
    SetText(obj.Add(field), value, line);
  }
  std::string SectionName() const {
    switch (current_) {
      case Section::kPackage:
        return "package";
      case Section::kFile:
        return "file";
      case Section::kSnippet:
        return "snippet";
      default:
        return "document";
    }
  }

  // The spec of `tag` (not SPDXID), or nullptr: the tag that followed the
  // previous one last time is tried first (tools write every package's
  // tags in one order), then the table.
  const TagSpec* Spec(std::string_view tag) {
    const TagSpec* spec = follows_[previous_];
    if (spec == nullptr || !SameText(spec->tag, tag)) {
      spec = FindTag(tag);
      follows_[previous_] = spec;
    }
    previous_ = spec == nullptr ? kTagCount : static_cast<size_t>(spec - kTags);
    return spec;
  }
  void Handle(std::string_view tag, std::string_view value, int line);
  void Finish();

  cdx::Reporter& r_;
  Node root_;
  Section current_ = Section::kDocument;  // package, file or snippet being described
  // The element of current_, the last package and the last license opened:
  // items of the lists Open adds to, which stay in place until Open adds to
  // the same list again.
  Node* element_ = nullptr;
  Node* package_ = nullptr;
  Node* license_ = nullptr;
  bool after_element_ = false;  // an element opened: SPDXID no longer names the document
  // Annotations wait for their SPDXREF; attached at the end.
  struct PendingAnnotation {
    Node node;
    std::string ref;
    int line;
  };
  std::vector<PendingAnnotation> annotations_;
  std::string last_package_id_;          // files that follow it are contained in it
  std::vector<std::string_view> words_;  // of the value being read
  // For Spec: the index in kTags of the last tag (kTagCount: none or
  // unknown) and, by index, the tag that followed it.
  size_t previous_ = kTagCount;
  const TagSpec* follows_[kTagCount + 1] = {};
};

void Reader::Handle(std::string_view tag, std::string_view value, int line) {
  if (SameText(tag, "SPDXID")) {
    Node* target = nullptr;
    if (current_ == Section::kPackage || current_ == Section::kFile) target = Current(current_);
    if (target == nullptr && !after_element_) target = &root_;
    if (target == nullptr) {
      Error(line, "SPDXID outside a package or file");
      return;
    }
    SetString(*target, "SPDXID", tag, value, line);
    if (current_ == Section::kPackage) last_package_id_ = value;
    if (current_ == Section::kFile && !last_package_id_.empty()) {
      if (Node* package = package_) {
        SetText(ArrayOf(*package, "hasFiles", line).items.emplace_back(), value, line);
      }
    }
    return;
  }
  const TagSpec* spec = Spec(tag);
  if (spec == nullptr) {
    Error(line, "unknown tag '" + std::string(tag) + "'");
    return;
  }
  Node* obj = nullptr;
  switch (spec->section) {
    case Section::kDocument:
      obj = &root_;
      break;
    case Section::kCreation:
      obj = &Creation(line);
      break;
    case Section::kPackage:
      if (tag == "PackageName") {
        obj = element_ = package_ = &Open("packages", line);
        current_ = Section::kPackage;
        after_element_ = true;
        last_package_id_.clear();
      } else {
        obj = Current(Section::kPackage);
      }
      break;
    case Section::kFile:
      if (tag == "FileName") {
        obj = element_ = &Open("files", line);
        current_ = Section::kFile;
        after_element_ = true;
      } else {
        obj = Current(Section::kFile);
      }
      break;
    case Section::kSnippet:
      if (tag == "SnippetSPDXID") {
        obj = element_ = &Open("snippets", line);
        current_ = Section::kSnippet;
        after_element_ = true;
      } else {
        obj = Current(Section::kSnippet);
      }
      break;
    case Section::kLicense:
      if (tag == "LicenseID") {
        obj = license_ = &Open("hasExtractedLicensingInfos", line);
      } else {
        obj = Current(Section::kLicense);
      }
      break;
    case Section::kAnnotation:
      if (tag == "Annotator") {
        annotations_.push_back({Object(line), "", line});
      }
      if (annotations_.empty()) {
        Error(line, std::string(tag) + " before any Annotator");
        return;
      }
      if (tag == "SPDXREF") {
        if (!annotations_.back().ref.empty()) {
          Error(line, "SPDXREF given twice for the same annotation");
        }
        annotations_.back().ref = value;
        return;
      }
      SetString(annotations_.back().node, spec->field, tag, value, line);
      return;
    case Section::kReview:
      if (tag == "Reviewer") Open("revieweds", line);
      if (Last("revieweds") == nullptr) {
        Error(line, std::string(tag) + " before any Reviewer");
        return;
      }
      SetString(*Last("revieweds"), spec->field, tag, value, line);
      return;
    case Section::kRelationship:
    case Section::kAny:
      break;
  }
  if (spec->section == Section::kPackage || spec->section == Section::kFile ||
      spec->section == Section::kSnippet || spec->section == Section::kLicense) {
    if (obj == nullptr) {
      static constexpr std::string_view kOpeners[] = {"PackageName", "FileName", "SnippetSPDXID",
                                                      "LicenseID"};
      std::string_view opener = spec->section == Section::kPackage   ? kOpeners[0]
                                : spec->section == Section::kFile    ? kOpeners[1]
                                : spec->section == Section::kSnippet ? kOpeners[2]
                                                                     : kOpeners[3];
      Error(line,
            std::string(tag) + " outside its section (no " + std::string(opener) + " before it)");
      return;
    }
  }
  switch (spec->shape) {
    case Shape::kString:
      SetString(*obj, spec->field, tag, value, line);
      return;
    case Shape::kStrings:
      SetText(ArrayOf(*obj, spec->field, line).items.emplace_back(), value, line);
      return;
    case Shape::kBool: {
      Node n;
      n.line = line;
      if (value == "true" || value == "false") {
        n.kind = Node::Kind::kBool;
        n.boolean = value == "true";
      } else {
        Error(line, std::string(tag) + " must be true or false, not '" + std::string(value) + "'");
        return;
      }
      if (obj->Get(spec->field) != nullptr) {
        Error(line, std::string(tag) + " given twice for the same " + SectionName());
        return;
      }
      obj->Add(spec->field) = std::move(n);
      return;
    }
    case Shape::kChecksum: {
      size_t colon = value.find(':');
      if (colon == std::string_view::npos) {
        Error(line, std::string(tag) + " '" + std::string(value) + "' must be 'ALGORITHM: value'");
        return;
      }
      Node& c = MakeObject(ArrayOf(*obj, "checksums", line).items.emplace_back(), line, 2);
      SetText(c.Add("algorithm"), Trim(value.substr(0, colon)), line);
      SetText(c.Add("checksumValue"), Trim(value.substr(colon + 1)), line);
      return;
    }
    case Shape::kExternalRef: {
      text::SplitWhitespace(value, &words_);
      const std::vector<std::string_view>& w = words_;
      if (w.size() != 3) {
        Error(line, "ExternalRef '" + std::string(value) +
                        "' must be 'CATEGORY TYPE LOCATOR' (three words)");
        return;
      }
      Node& x = MakeObject(ArrayOf(*obj, "externalRefs", line).items.emplace_back(), line, 3);
      SetText(x.Add("referenceCategory"), w[0], line);
      SetText(x.Add("referenceType"), w[1], line);
      SetText(x.Add("referenceLocator"), w[2], line);
      return;
    }
    case Shape::kExternalRefComment: {
      const Node* refs = obj->Get("externalRefs");
      if (refs == nullptr || refs->items.empty()) {
        Error(line, "ExternalRefComment without an ExternalRef before it");
        return;
      }
      SetString(ArrayOf(*obj, "externalRefs", line).items.back(), "comment", tag, value, line);
      return;
    }
    case Shape::kVerification: {
      Node v = Object(line);
      std::string_view code = value;
      size_t open = value.find('(');
      std::vector<std::string_view> excluded;
      if (open != std::string_view::npos) {
        code = Trim(value.substr(0, open));
        std::string_view rest = value.substr(open + 1);
        size_t close = rest.rfind(')');
        if (close == std::string_view::npos) {
          Error(line, "PackageVerificationCode: '(' without ')'");
          return;
        }
        rest = Trim(rest.substr(0, close));
        if (rest.rfind("excludes:", 0) == 0) rest = Trim(rest.substr(9));
        size_t start = 0;
        while (start <= rest.size() && !rest.empty()) {
          size_t comma = rest.find(',', start);
          std::string_view item =
              Trim(rest.substr(start, comma == std::string_view::npos ? rest.npos : comma - start));
          if (!item.empty()) excluded.push_back(item);
          if (comma == std::string_view::npos) break;
          start = comma + 1;
        }
      }
      v.Add("packageVerificationCodeValue") = String(code, line);
      if (!excluded.empty()) {
        Node& list = v.Add("packageVerificationCodeExcludedFiles");
        list.kind = Node::Kind::kArray;
        list.line = line;
        for (std::string_view e : excluded) list.items.push_back(String(e, line));
      }
      if (obj->Get(spec->field) != nullptr) {
        Error(line, "PackageVerificationCode given twice for the same package");
        return;
      }
      obj->Add(spec->field) = std::move(v);
      return;
    }
    case Shape::kRange: {
      size_t colon = value.find(':');
      auto number = [](std::string_view s, Node* out) {
        s = Trim(s);
        if (s.empty() || s.size() > 18) return false;
        for (char c : s) {
          if (c < '0' || c > '9') return false;
        }
        out->kind = Node::Kind::kInt;
        out->text = s;
        return true;
      };
      Node start, end;
      start.line = end.line = line;
      if (colon == std::string_view::npos || !number(value.substr(0, colon), &start) ||
          !number(value.substr(colon + 1), &end)) {
        Error(line, std::string(tag) + " '" + std::string(value) + "' must be 'start:end'");
        return;
      }
      Node range = Object(line);
      Node& sp = range.Add("startPointer");
      sp = Object(line);
      sp.Add(spec->field) = std::move(start);
      Node& ep = range.Add("endPointer");
      ep = Object(line);
      ep.Add(spec->field) = std::move(end);
      ArrayOf(*obj, "ranges", line).items.push_back(std::move(range));
      return;
    }
    case Shape::kExternalDoc: {
      // "DocumentRef-x URI ALG: hex"
      text::SplitWhitespace(value, &words_);
      const std::vector<std::string_view>& w = words_;
      if (w.size() != 4 || w[2].empty() || w[2].back() != ':') {
        Error(line, "ExternalDocumentRef '" + std::string(value) +
                        "' must be 'DocumentRef-<id> <URI> <ALGORITHM>: <value>'");
        return;
      }
      Node x = Object(line);
      x.Add("externalDocumentId") = String(w[0], line);
      x.Add("spdxDocument") = String(w[1], line);
      Node& c = x.Add("checksum");
      c = Object(line);
      c.Add("algorithm") = String(w[2].substr(0, w[2].size() - 1), line);
      c.Add("checksumValue") = String(w[3], line);
      ArrayOf(root_, "externalDocumentRefs", line).items.push_back(std::move(x));
      return;
    }
    case Shape::kRelationship: {
      text::SplitWhitespace(value, &words_);
      const std::vector<std::string_view>& w = words_;
      if (w.size() != 3) {
        Error(line, "Relationship '" + std::string(value) +
                        "' must be '<element> <TYPE> <element>' (three words)");
        return;
      }
      Node& x = MakeObject(ArrayOf(root_, "relationships", line).items.emplace_back(), line, 3);
      SetText(x.Add("spdxElementId"), w[0], line);
      SetText(x.Add("relationshipType"), w[1], line);
      SetText(x.Add("relatedSpdxElement"), w[2], line);
      return;
    }
    case Shape::kRelationshipComment:
      if (Last("relationships") == nullptr) {
        Error(line, "RelationshipComment without a Relationship before it");
        return;
      }
      SetString(*Last("relationships"), "comment", tag, value, line);
      return;
    case Shape::kArtifactOf: {
      Node& list = ArrayOf(*obj, "artifactOfs", line);
      if (tag == "ArtifactOfProjectName" || list.items.empty()) list.items.push_back(Object(line));
      SetString(list.items.back(), spec->field, tag, value, line);
      return;
    }
  }
}

void Reader::Finish() {
  // Snippet ranges point into snippetFromFile.
  if (const Node* snippets = root_.Get("snippets")) {
    for (Member& m : root_.members) {
      if (m.key != "snippets") continue;
      for (Node& s : m.value.items) {
        const Node* from = s.Get("snippetFromFile");
        for (Member& sm : s.members) {
          if (sm.key != "ranges") continue;
          for (Node& range : sm.value.items) {
            for (Member& p : range.members) {
              p.value.members.insert(p.value.members.begin(), Member{});
              p.value.members.front().key = "reference";
              p.value.members.front().value = String(from ? from->text : "", p.value.line);
            }
          }
        }
      }
    }
    (void)snippets;
  }
  // Annotations go to the element their SPDXREF names.
  for (PendingAnnotation& a : annotations_) {
    if (a.ref.empty()) {
      Error(a.line, "annotation without SPDXREF (the element it annotates)");
      continue;
    }
    Node* target = nullptr;
    if (a.ref == "SPDXRef-DOCUMENT") target = &root_;
    for (std::string_view key : {"packages", "files", "snippets"}) {
      if (target) break;
      for (Member& m : root_.members) {
        if (m.key != key) continue;
        for (Node& e : m.value.items) {
          const Node* id = e.Get("SPDXID");
          if (id && id->text == a.ref) target = &e;
        }
      }
    }
    if (target == nullptr) {
      Error(a.line, "annotation SPDXREF '" + a.ref + "' names no element of this document");
      continue;
    }
    ArrayOf(*target, "annotations", a.line).items.push_back(std::move(a.node));
  }
}

Result<Node> Reader::Run(std::string_view bytes) {
  size_t pos = 0;
  int line = 0;
  auto next_line = [&](std::string_view* out) {
    if (pos >= bytes.size()) return false;
    const size_t end = LineEnd(bytes, pos);
    *out = bytes.substr(pos, end - pos);
    pos = end;
    if (pos < bytes.size() && bytes[pos] == '\r') {
      ++pos;
      if (pos < bytes.size() && bytes[pos] == '\n') ++pos;
    } else if (pos < bytes.size() && bytes[pos] == '\n') {
      ++pos;
    }
    ++line;
    return true;
  };
  std::string_view text;
  while (next_line(&text)) {
    std::string_view t = Trim(text);
    if (t.empty() || t.front() == '#') continue;
    size_t colon = t.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      Error(line, "expected 'Tag: value', not '" + std::string(t.substr(0, 60)) + "'");
      if (r_.error_count() >= 100) break;
      continue;
    }
    std::string_view tag = Trim(t.substr(0, colon));
    std::string_view value = Trim(t.substr(colon + 1));
    const int tag_line = line;
    std::string_view multi;  // in `bytes`, as the tree views its text
    if (value.rfind("<text>", 0) == 0) {
      std::string_view rest = value.substr(6);
      size_t close = rest.find("</text>");
      if (close != std::string_view::npos) {
        multi = rest.substr(0, close);
        rest = Trim(rest.substr(close + 7));
        if (!rest.empty()) Error(line, "text after </text>: '" + std::string(rest) + "'");
      } else {
        // Keep the rest of this line (after <text>) and following lines
        // verbatim, up to </text>.
        size_t start = static_cast<size_t>(value.data() - bytes.data()) + 6;
        size_t end = bytes.find("</text>", start);
        if (end == std::string_view::npos) {
          Error(tag_line, std::string(tag) + ": <text> is not closed by </text>");
          break;
        }
        multi = bytes.substr(start, end - start);
        for (char c : multi) {
          if (c == '\n') ++line;
        }
        // CR-only line ends count too.
        for (size_t i = 0; i < multi.size(); ++i) {
          if (multi[i] == '\r' && (i + 1 >= multi.size() || multi[i + 1] != '\n')) ++line;
        }
        pos = end + 7;
        const size_t eol = LineEnd(bytes, pos);
        std::string_view after = Trim(bytes.substr(pos, eol - pos));
        if (!after.empty()) Error(line, "text after </text>: '" + std::string(after) + "'");
        pos = eol;
        if (pos < bytes.size() && bytes[pos] == '\r') {
          ++pos;
          if (pos < bytes.size() && bytes[pos] == '\n') ++pos;
        } else if (pos < bytes.size() && bytes[pos] == '\n') {
          ++pos;
        }
      }
      value = multi;
    }
    Handle(tag, value, tag_line);
    if (r_.error_count() >= 100) break;
  }
  Finish();
  SK_RETURN_IF_ERROR(r_.ToStatus());
  return std::move(root_);
}

}  // namespace

Result<Document> DecodeTagValue(std::string_view bytes, const std::string& source_name,
                                DiagnosticSink& sink) {
  cdx::Reporter reporter(source_name, sink);
  if (!Prepare(bytes, "SPDX tag-value", reporter)) return reporter.ToStatus();
  Reader reader(reporter);
  Result<Node> root = reader.Run(bytes);
  if (!root.ok()) return root.status();
  SK_ASSIGN_OR_RETURN(Document doc,
                      DecodeSpdx2(std::move(*root), Syntax::kTagValue, source_name, sink));
  doc.format = Format::kSpdxTagValue;
  return doc;
}

}  // namespace soupkeeper::sbom::spdx
