#!/usr/bin/env bash
# End-to-end timings of the soupkeeper CLI at the scale of issues 5 and 6, on
# data written by bench/scale_gen (docs/parts/scale.md explains the figures).
# Prints a Markdown table: wall time, CPU time (user + system) and peak RSS of
# each step, and the database size.
#
#   bench/scale.sh [BUILD_DIR] [WORK_DIR]
#
# BUILD_DIR (default build-bench) must hold a Release build with benchmarks
# (cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release
#  -DSOUPKEEPER_TESTS=OFF && ninja -C build-bench soupkeeper scale_gen).
# WORK_DIR (default /tmp/soupkeeper-scale) is emptied first; it needs about
# 4 GB. Environment: SCALE_NVD (default 400000 records), SCALE_OSV (500000),
# SCALE_CHANGED (2000), SCALE_PACKAGES (20000 names per ecosystem),
# SCALE_SBOMS (1000,10000,50000 components).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-bench}
work=${2:-/tmp/soupkeeper-scale}
nvd=${SCALE_NVD:-400000}
osv=${SCALE_OSV:-500000}
changed=${SCALE_CHANGED:-2000}
packages=${SCALE_PACKAGES:-20000}
sboms=${SCALE_SBOMS:-1000,10000,50000}
sk=$build/soupkeeper
gen=$build/bench/scale_gen
for tool in "$sk" "$gen" /usr/bin/time /usr/bin/python3; do
  [ -x "$tool" ] || { echo "scale.sh: $tool is missing (see the header of $0)" >&2; exit 2; }
done

rm -rf "$work"
mkdir -p "$work"
db=$work/kb.db
stats=$work/time.txt

# measure LABEL COMMAND...: one table row; the command's output goes to
# WORK_DIR/<n>.log.
step=0
measure() {
  local label=$1
  shift
  step=$((step + 1))
  if ! /usr/bin/time -f "%e %U %S %M" -o "$stats" "$@" >"$work/$step.log" 2>&1; then
    echo "scale.sh: step '$label' failed; see $work/$step.log" >&2
    tail -5 "$work/$step.log" >&2
    exit 1
  fi
  read -r wall user sys rss <"$stats"
  printf "| %s | %.1f s | %.1f s | %d MB |\n" "$label" "$wall" "$(awk "BEGIN{print $user + $sys}")" \
    $((rss / 1024))
}

echo "| step | wall | CPU | peak RSS |"
echo "|---|---|---|---|"
measure "generate $nvd NVD, $osv OSV records, SBOMs of $sboms components" \
  "$gen" "$work/data" --nvd "$nvd" --osv "$osv" --changed "$changed" --packages "$packages" \
  --sbom "$sboms"
measure "feed import: $nvd NVD records ($(du -sh "$work/data/nvd" | cut -f1) of JSON)" \
  "$sk" --db "$db" feed import "$work/data/nvd"
measure "feed import: $osv OSV records (4 ecosystem zips, $(du -sh "$work/data/osv" | cut -f1))" \
  "$sk" --db "$db" feed import "$work/data/osv"
measure "feed import: $changed changed NVD records" \
  "$sk" --db "$db" feed import "$work/data/nvd-changed"
measure "first scan after the imports (builds the match index), 1,000 components" \
  "$sk" --db "$db" scan "$work/data/sbom-1000.cdx.json" --format json
IFS=, read -r -a sizes <<<"$sboms"
for k in "${sizes[@]}"; do
  measure "scan, $k components" "$sk" --db "$db" scan "$work/data/sbom-$k.cdx.json" --format json
  echo "| findings in $k components | $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$work/$step.log") | | |"
done
echo "| database size | $(du -m "$db" | cut -f1) MB | | |"
