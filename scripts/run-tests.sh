#!/usr/bin/env bash
# Runs the built test suites and fuzzers (called by scripts/test.sh, inside a
# throwaway PostgreSQL cluster) and prints the closing "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=${SOUPKEEPER_JOBS:-2}
fuzz_seconds=${SOUPKEEPER_FUZZ_SECONDS:-6}
passed=0
failed=${SOUPKEEPER_BUILD_FAILURES:-0}
[ "$failed" -gt 0 ] && echo "!! $failed build(s) failed"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

run_ctest() {  # label, build dir
  local label=$1 dir=$root/$2 log
  [ -d "$dir" ] || { echo "!! $label: $2 was not built"; failed=$((failed + 1)); return; }
  log=$(mktemp)
  echo "== tests: $label"
  ctest --test-dir "$dir" -j"$jobs" --output-on-failure --no-tests=error 2>&1 | tee "$log" |
    grep -E "tests passed|tests failed|\*\*\*Failed|Exception|Timeout|CORPUS MISSING" | sort -u
  local summary total bad
  summary=$(grep -E "tests failed out of [0-9]+" "$log" | tail -1)
  if [ -z "$summary" ]; then
    echo "!! $label: ctest did not run"
    tail -20 "$log"
    failed=$((failed + 1))
  else
    total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$summary")
    bad=$(sed -E 's/.* ([0-9]+) tests failed.*/\1/' <<<"$summary")
    passed=$((passed + total - bad))
    failed=$((failed + bad))
    [ "$bad" -gt 0 ] && grep -A200 "The following tests FAILED" "$log"
  fi
  rm -f "$log"
}

run_ctest "gcc" build
run_ctest "clang, AddressSanitizer + UndefinedBehaviorSanitizer" build-asan

echo "== fuzz: each target for ${fuzz_seconds}s"
for fuzzer in "$root"/build-asan/fuzz/*_fuzz; do
  [ -x "$fuzzer" ] || continue
  name=$(basename "$fuzzer")
  work=$(mktemp -d)
  if (cd "$work" && "$fuzzer" -max_total_time="$fuzz_seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=0 "$work" >"$work/log" 2>&1); then
    echo "   $name: ok ($(grep -Eo '#[0-9]+' "$work/log" | tail -1 | tr -d '#') runs)"
    passed=$((passed + 1))
  else
    echo "!! $name: failed"
    tail -40 "$work/log"
    failed=$((failed + 1))
  fi
  rm -rf "$work"
done

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
