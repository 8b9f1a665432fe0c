// The stored form of a record's JSON in vuln_records.data: zstd-compressed
// bytes since schema 14; rows written before hold the JSON as text (or, on
// PostgreSQL, as the bytes of that text) and are read as they are. A compressed NVD record is about
// 7 times smaller, an OSV record about 3 times (docs/parts/feeds-performance.md).
#include <zstd.h>

#include <memory>

#include "soupkeeper/vuln.h"

namespace soupkeeper::vuln {
namespace {

// Level 1: the ratio of the default level on records of a few KB, faster.
constexpr int kLevel = 1;
// No stored record comes near this; a frame claiming more is corrupt.
constexpr unsigned long long kMaxRecordBytes = 256ull << 20;

struct Contexts {
  std::unique_ptr<ZSTD_CCtx, size_t (*)(ZSTD_CCtx*)> c{ZSTD_createCCtx(), ZSTD_freeCCtx};
  std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> d{ZSTD_createDCtx(), ZSTD_freeDCtx};
};

// One pair per thread, reused: creating a context costs more than
// compressing a record.
Contexts& ThreadContexts() {
  thread_local Contexts contexts;
  return contexts;
}

}  // namespace

store::Value PackRecordData(std::string_view json) {
  std::string out(ZSTD_compressBound(json.size()), '\0');
  size_t n = ZSTD_compressCCtx(ThreadContexts().c.get(), out.data(), out.size(), json.data(),
                               json.size(), kLevel);
  // Compressing into a buffer of ZSTD_compressBound cannot fail but for
  // memory; keep the text then, which reads back the same.
  if (ZSTD_isError(n)) return std::string(json);
  out.resize(n);
  return store::Bytes{std::move(out)};
}

Result<std::string> UnpackRecordData(const store::Value& data) {
  if (const std::string* text = std::get_if<std::string>(&data)) return *text;
  const store::Bytes* bytes = std::get_if<store::Bytes>(&data);
  if (bytes == nullptr) return Corruption("record data is neither JSON text nor compressed JSON");
  const std::string& in = bytes->data;
  // JSON text as bytes: PostgreSQL rows that schema 14 turned from text into
  // bytea. A zstd frame starts with 28 b5 2f fd, never with '{'.
  if (!in.empty() && in[0] == '{') return in;
  unsigned long long size = ZSTD_getFrameContentSize(in.data(), in.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN) {
    return Corruption("record data is not a zstd frame with its size");
  }
  if (size > kMaxRecordBytes) {
    return Corruption("record data claims " + std::to_string(size) + " bytes");
  }
  std::string out(size, '\0');
  size_t n =
      ZSTD_decompressDCtx(ThreadContexts().d.get(), out.data(), out.size(), in.data(), in.size());
  if (ZSTD_isError(n) || n != size) {
    return Corruption(std::string("record data does not decompress: ") +
                      (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "short frame"));
  }
  return out;
}

}  // namespace soupkeeper::vuln
