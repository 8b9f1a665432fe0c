#!/usr/bin/env bash
# End-to-end timings of the soupkeeper CLI at the scale of issues 5 and 6, on
# data written by bench/scale_gen (docs/parts/scale.md explains the figures).
# Prints Markdown tables: wall time, CPU time (user + system), peak RSS and
# the 1-minute load average at the end of each step (the machine is shared;
# CPU time is the figure to compare), each import's CPU time as a multiple of
# simdjson's raw parse of the same files (bench/raw_parse), the database
# size, and the scan time against components and against advisories.
#
#   bench/scale.sh [BUILD_DIR] [WORK_DIR]
#
# BUILD_DIR (default build-bench) must hold a Release build with benchmarks
# (cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release
#  -DSOUPKEEPER_TESTS=OFF && ninja -C build-bench soupkeeper scale_gen raw_parse).
# WORK_DIR (default /tmp/soupkeeper-scale) is emptied first; it needs about
# 12 GB at the default scale. Environment: SCALE_NVD (default 400000
# records), SCALE_OSV (500000), SCALE_CSAF (10000 advisories), SCALE_CHANGED
# (2000), SCALE_PACKAGES (20000 names per ecosystem), SCALE_SBOMS
# (100,1000,10000,50000 components), SCALE_FRACTIONS (10,25,50: the
# knowledge base at these percentages of every feed for the curve against
# advisories, scanned with the SCALE_CURVE_SBOM-component SBOM, default
# 10000; empty to skip).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-bench}
work=${2:-/tmp/soupkeeper-scale}
nvd=${SCALE_NVD:-400000}
osv=${SCALE_OSV:-500000}
csaf=${SCALE_CSAF:-10000}
changed=${SCALE_CHANGED:-2000}
packages=${SCALE_PACKAGES:-20000}
sboms=${SCALE_SBOMS:-100,1000,10000,50000}
fractions=${SCALE_FRACTIONS-10,25,50}
curve_sbom=${SCALE_CURVE_SBOM:-10000}
sk=$build/soupkeeper
gen=$build/bench/scale_gen
raw=$build/bench/raw_parse
for tool in "$sk" "$gen" "$raw" /usr/bin/time /usr/bin/python3; do
  [ -x "$tool" ] || { echo "scale.sh: $tool is missing (see the header of $0)" >&2; exit 2; }
done

rm -rf "$work"
mkdir -p "$work"
# shellcheck source=bench/measure.sh
source "$root/bench/measure.sh"

# raw_parse LABEL PATH...: a row of simdjson's parse CPU seconds of the files,
# also left in $rawsec.
rawsec=0
raw_parse() {
  local label=$1 line
  shift
  line=$("$raw" "$@")
  rawsec=$(sed 's/.*parse \([0-9.]*\) s.*/\1/' <<<"$line")
  printf "| simdjson raw parse, %s: %s | | %s s | | | |\n" "$label" "${line%, parse*}" "$rawsec"
}

# import LABEL RAW_SECONDS RECORDS DB PATH...: an import row with records per
# CPU second and the multiple of the raw parse.
import() {
  local label=$1 rawsec=$2 records=$3 db=$4
  shift 4
  measure "$label" "$sk" --db "$db" feed import "$@"
  printf " %s records/s CPU, %s × raw parse |\n" \
    "$(awk "BEGIN{printf \"%d\", ($cpu > 0 ? $records / $cpu : 0)}")" \
    "$(awk "BEGIN{printf \"%.0f\", ($rawsec > 0 ? $cpu / $rawsec : 0)}")"
}

findings() {
  python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$work/$step.log"
}

data=$work/data
db=$work/kb.db
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| step | wall | CPU | peak RSS | load | rate |"
echo "|---|---|---|---|---|---|"
measure "generate $nvd NVD, $osv OSV records, $csaf CSAF advisories, SBOMs of $sboms components" \
  "$gen" "$data" --nvd "$nvd" --osv "$osv" --csaf "$csaf" --changed "$changed" \
  --packages "$packages" --sbom "$sboms,$curve_sbom"
echo " |"
raw_parse NVD "$data/nvd"
import "feed import: $nvd NVD records ($(du -sh "$data/nvd" | cut -f1) of JSON)" "$rawsec" "$nvd" \
  "$db" "$data/nvd"
raw_parse OSV "$data/osv"
import "feed import: $osv OSV records (4 ecosystem zips, $(du -sh "$data/osv" | cut -f1))" \
  "$rawsec" "$osv" "$db" "$data/osv"
raw_parse CSAF "$data/csaf"
import "feed import: $csaf CSAF advisories ($(du -sh "$data/csaf" | cut -f1))" "$rawsec" "$csaf" \
  "$db" "$data/csaf"
raw_parse "changed NVD" "$data/nvd-changed"
import "feed import: $changed changed NVD records" "$rawsec" "$changed" "$db" "$data/nvd-changed"
first=${sboms%%,*}
measure "first scan after the imports (builds the match index), $first components" \
  "$sk" --db "$db" scan "$data/sbom-$first.cdx.json" --format json
echo " |"
echo "| database size | $(($(stat -c %s "$db") / 1000000)) MB | | | | |"

echo
echo "Scan time against components (knowledge base: all feeds):"
echo
echo "| components | wall | CPU | peak RSS | load | findings |"
echo "|---|---|---|---|---|---|"
IFS=, read -r -a sizes <<<"$sboms"
for k in "${sizes[@]}"; do
  measure "$k" "$sk" --db "$db" scan "$data/sbom-$k.cdx.json" --format json
  echo " $(findings) |"
done

[ -n "$fractions" ] || exit 0
echo
echo "Scan time against advisories ($curve_sbom components; the first N% of every feed):"
echo
echo "| knowledge base | wall | CPU | peak RSS | load | findings |"
echo "|---|---|---|---|---|---|"
IFS=, read -r -a percents <<<"$fractions"
for f in "${percents[@]}" 100; do
  kb=$db
  if [ "$f" != 100 ]; then
    part=$work/part-$f
    kb=$part/kb.db
    "$gen" "$part" --nvd $((nvd * f / 100)) --osv $((osv * f / 100)) --csaf $((csaf * f / 100)) \
      --changed 0 --packages "$packages" --sbom 1 >/dev/null
    for feed in nvd osv csaf; do
      "$sk" --db "$kb" feed import "$part/$feed" >"$part/import-$feed.log" 2>&1
    done
    # The first scan builds the match index; the second is the one timed.
    "$sk" --db "$kb" scan "$data/sbom-$first.cdx.json" --format json >/dev/null
  fi
  measure "$f% ($((nvd * f / 100)) NVD, $((osv * f / 100)) OSV, $((csaf * f / 100)) CSAF)" \
    "$sk" --db "$kb" scan "$data/sbom-$curve_sbom.cdx.json" --format json
  echo " $(findings) |"
  [ "$f" = 100 ] || rm -rf "$part"
done
