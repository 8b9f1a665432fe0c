// Reading feed inputs: files, folders (recursive, sorted) and archives.
//
// Archives are recognized by their first bytes, not their names: gzip
// (1f 8b), zip (PK\3\4), tar ("ustar" at offset 257), and libarchive reads
// them (a .gz of one file through its "raw" format, so nvdcve-2.0.json.gz and
// osv-all.zip work alike). Members that are archives themselves are opened in
// turn, up to a small depth.
#include <archive.h>
#include <archive_entry.h>

#include <memory>

#include "soupkeeper/vuln.h"

namespace soupkeeper::vuln {
namespace {

constexpr int kMaxArchiveDepth = 3;

bool IsArchive(std::string_view bytes) {
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
      static_cast<unsigned char>(bytes[1]) == 0x8b) {
    return true;
  }
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) return true;
  return bytes.size() > 262 && bytes.substr(257, 5) == "ustar";
}

using InputFn = std::function<Status(const std::string& name, std::string_view bytes)>;

Status ReadBytes(const std::string& name, std::string_view bytes, const InputFn& fn,
                 DiagnosticSink& sink, int depth);

// The name of the one member of a raw (non-tar) .gz: the file name without
// ".gz".
std::string RawMemberName(const std::string& name) {
  std::string base = name;
  if (base.size() > 3 && base.compare(base.size() - 3, 3, ".gz") == 0) {
    base.resize(base.size() - 3);
  }
  size_t slash = base.find_last_of("/!");
  return slash == std::string::npos ? base : base.substr(slash + 1);
}

Status ReadArchive(const std::string& name, std::string_view bytes, const InputFn& fn,
                   DiagnosticSink& sink, int depth) {
  std::unique_ptr<archive, int (*)(archive*)> a(archive_read_new(), archive_read_free);
  archive_read_support_filter_all(a.get());
  // Only the container formats feeds come in: with every format enabled, a
  // small gzipped CSV reads as an mtree specification.
  archive_read_support_format_tar(a.get());
  archive_read_support_format_zip(a.get());
  archive_read_support_format_raw(a.get());
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
    sink.Report({Severity::kError, name, "",
                 std::string("cannot open archive: ") + archive_error_string(a.get())});
    return Status::Ok();
  }
  archive_entry* entry = nullptr;
  int rc;
  while ((rc = archive_read_next_header(a.get(), &entry)) == ARCHIVE_OK) {
    if (archive_entry_filetype(entry) != AE_IFREG &&
        archive_format(a.get()) != ARCHIVE_FORMAT_RAW) {
      continue;
    }
    const char* path = archive_entry_pathname(entry);
    std::string member = archive_format(a.get()) == ARCHIVE_FORMAT_RAW || path == nullptr
                             ? RawMemberName(name)
                             : std::string(path);
    std::string data;
    char buf[65536];
    la_ssize_t n;
    while ((n = archive_read_data(a.get(), buf, sizeof buf)) > 0) {
      data.append(buf, static_cast<size_t>(n));
    }
    std::string member_name = name + "!" + member;
    if (n < 0) {
      sink.Report({Severity::kError, member_name, "",
                   std::string("cannot read archive member: ") + archive_error_string(a.get())});
      continue;
    }
    SK_RETURN_IF_ERROR(ReadBytes(member_name, data, fn, sink, depth + 1));
  }
  if (rc != ARCHIVE_EOF) {
    sink.Report({Severity::kError, name, "",
                 std::string("archive is damaged: ") + archive_error_string(a.get())});
  }
  return Status::Ok();
}

Status ReadBytes(const std::string& name, std::string_view bytes, const InputFn& fn,
                 DiagnosticSink& sink, int depth) {
  if (IsArchive(bytes)) {
    if (depth >= kMaxArchiveDepth) {
      sink.Report(
          {Severity::kError, name, "",
           "archive nested more than " + std::to_string(kMaxArchiveDepth) + " deep; not opened"});
      return Status::Ok();
    }
    return ReadArchive(name, bytes, fn, sink, depth);
  }
  return fn(name, bytes);
}

Status ReadPath(Env* env, const std::string& path, const InputFn& fn, DiagnosticSink& sink) {
  if (env->IsDirectory(path)) {
    SK_ASSIGN_OR_RETURN(std::vector<std::string> names, env->ListDirectory(path));
    for (const std::string& n : names) {
      std::string child = path.empty() || path.back() == '/' ? path + n : path + "/" + n;
      SK_RETURN_IF_ERROR(ReadPath(env, child, fn, sink));
    }
    return Status::Ok();
  }
  Result<std::string> bytes = env->ReadFile(path);
  if (!bytes.ok()) {
    sink.Report({Severity::kError, path, "", bytes.status().message()});
    return Status::Ok();
  }
  return ReadBytes(path, *bytes, fn, sink, 0);
}

}  // namespace

Status ReadInputBytes(const std::string& name, std::string_view bytes, const InputFn& fn,
                      DiagnosticSink& sink) {
  return ReadBytes(name, bytes, fn, sink, 0);
}

Status ReadInputs(Env* env, const std::string& path, const InputFn& fn, DiagnosticSink& sink) {
  if (!env->FileExists(path) && !env->IsDirectory(path)) {
    return NotFound(path + ": no such file or folder");
  }
  return ReadPath(env, path, fn, sink);
}

}  // namespace soupkeeper::vuln
