#!/usr/bin/env bash
# Builds soupkeeper and runs every test: the GoogleTest suites (through CTest)
# in a normal build and again under AddressSanitizer + UndefinedBehaviorSanitizer,
# the store suite on SQLite and on a throwaway PostgreSQL cluster, and each
# libFuzzer target for a short, bounded time. Ends with "N passed, N failed".
#
# Environment: SOUPKEEPER_CORPUS (default ../shared/data), SOUPKEEPER_REQUIRE_CORPUS=1
# to fail instead of skip when the corpus is missing, SOUPKEEPER_FUZZ_SECONDS
# (default 6 per target), SOUPKEEPER_JOBS (default 2).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=${SOUPKEEPER_JOBS:-2}

"$root/scripts/bootstrap.sh" || exit 1

build_failed=0
build() {  # dir, cmake options...
  local dir=$1
  shift
  echo "== building $dir"
  if ! cmake -S "$root" -B "$root/$dir" -G Ninja "$@" >"$root/$dir.cmake.log" 2>&1; then
    cat "$root/$dir.cmake.log"
    build_failed=$((build_failed + 1))
    return 1
  fi
  rm -f "$root/$dir.cmake.log"
  if ! ninja -C "$root/$dir" -j"$jobs"; then
    build_failed=$((build_failed + 1))
    return 1
  fi
}

# The gcc build is optimized (-O1) without debug info: it compiles about a
# third faster than -O2 -g, and the sanitizer build below keeps debug info
# for backtraces. Benchmarks are measured in their own Release build
# (docs/performance.md).
build build -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE=-O1
build build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ \
  -DSOUPKEEPER_SANITIZE=ON -DSOUPKEEPER_FUZZ=ON

SOUPKEEPER_BUILD_FAILURES=$build_failed SOUPKEEPER_REQUIRE_PG=1 \
  exec "$root/scripts/with-postgres.sh" "$root/scripts/run-tests.sh"
