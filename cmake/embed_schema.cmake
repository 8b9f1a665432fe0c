# Writes OUT, a C++ file holding every ROOT/<dialect>/<NNN>_<name>.sql as a
# string, so the binary carries its own schema and migrations.
file(GLOB files RELATIVE ${ROOT} ${ROOT}/*/*.sql)
list(SORT files)
set(body "// Generated from schema/ by cmake/embed_schema.cmake. Do not edit.\n#include \"store/schema_files.h\"\n\nnamespace soupkeeper::store {\n\nconst std::vector<SchemaFile>& SchemaFiles() {\n  static const std::vector<SchemaFile> files = {\n")
foreach(f ${files})
  file(READ ${ROOT}/${f} content)
  string(REGEX MATCH "^([a-z]+)/([0-9]+)_" m ${f})
  set(dialect ${CMAKE_MATCH_1})
  math(EXPR version "${CMAKE_MATCH_2}")
  string(APPEND body "      {\"${dialect}\", ${version}, \"${f}\", R\"sk_sql(${content})sk_sql\"},\n")
endforeach()
string(APPEND body "  };\n  return files;\n}\n\n}  // namespace soupkeeper::store\n")
file(WRITE ${OUT} "${body}")
