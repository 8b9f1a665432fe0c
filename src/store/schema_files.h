// The SQL schema files embedded into the binary at build time.
//
// cmake/embed_schema.cmake turns every schema/<dialect>/<NNN>_<name>.sql into
// one SchemaFile entry of the generated schema_files.cc, sorted by path, so a
// migration is a checked-in, readable SQL file and the binary carries them all.
#ifndef SOUPKEEPER_SRC_STORE_SCHEMA_FILES_H_
#define SOUPKEEPER_SRC_STORE_SCHEMA_FILES_H_

#include <string_view>
#include <vector>

namespace soupkeeper::store {

struct SchemaFile {
  std::string_view dialect;  // "sqlite" or "postgresql": the folder under schema/
  int version;               // NNN of the file name
  std::string_view path;     // e.g. "sqlite/001_initial.sql"
  std::string_view sql;      // the file's contents
};

// Every embedded schema file, sorted by dialect then version.
const std::vector<SchemaFile>& SchemaFiles();

}  // namespace soupkeeper::store

#endif  // SOUPKEEPER_SRC_STORE_SCHEMA_FILES_H_
