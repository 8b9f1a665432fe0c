// The host of the shared precompiled headers (sk_pch in CMakeLists.txt): a
// target needs one source file to compile its precompiled header with.
