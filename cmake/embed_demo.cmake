# Writes OUT, a C++ file holding every ROOT/**.json, .csv and .yaml (the sample SBOMs,
# advisories, SOUP list and suppliers)
# as a string, so `soupkeeper demo` works wherever the binary is installed.
# The bytes are kept exactly: the demo stores them as release baselines.
file(GLOB_RECURSE files RELATIVE ${ROOT} ${ROOT}/*.json ${ROOT}/*.csv ${ROOT}/*.yaml)
list(SORT files)
set(body "// Generated from demo/ by cmake/embed_demo.cmake. Do not edit.\n#include \"demo_files.h\"\n\nnamespace soupkeeper::cli {\n\nconst std::vector<DemoFile>& DemoFiles() {\n  static const std::vector<DemoFile> files = {\n")
foreach(f ${files})
  file(READ ${ROOT}/${f} content)
  string(APPEND body "      {\"${f}\", R\"sk_demo(${content})sk_demo\"},\n")
endforeach()
string(APPEND body "  };\n  return files;\n}\n\n}  // namespace soupkeeper::cli\n")
file(WRITE ${OUT} "${body}")
