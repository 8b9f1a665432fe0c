#!/usr/bin/env bash
# Issue 6's portfolio re-evaluation timing: a portfolio of releases stored on
# a copy of a full-scale knowledge base (bench/scale.sh's), then `feed import`
# of changed advisories, which re-evaluates every monitored release
# incrementally (triage::Monitor, docs/parts/findings.md). Prints a Markdown
# table of wall time, CPU time (user + system), peak RSS and the 1-minute
# load average of each step (docs/parts/scale.md).
#
#   bench/portfolio.sh BUILD_DIR KB_DB [WORK_DIR]
#
# BUILD_DIR holds soupkeeper, bench/scale_gen and bench/portfolio_setup;
# KB_DB is the database bench/scale.sh left (WORK_DIR/kb.db), copied, not
# changed. WORK_DIR (default /tmp/soupkeeper-portfolio) is emptied first.
# Environment: PORTFOLIO_RELEASES (default 5000), PORTFOLIO_PRODUCTS (50),
# PORTFOLIO_COMPONENTS (1000), PORTFOLIO_CHANGED (1000 NVD records changed),
# SCALE_PACKAGES (20000, as for scale.sh).
set -euo pipefail
build=${1:?usage: portfolio.sh BUILD_DIR KB_DB [WORK_DIR]}
kb=${2:?usage: portfolio.sh BUILD_DIR KB_DB [WORK_DIR]}
work=${3:-/tmp/soupkeeper-portfolio}
releases=${PORTFOLIO_RELEASES:-5000}
products=${PORTFOLIO_PRODUCTS:-50}
components=${PORTFOLIO_COMPONENTS:-1000}
changed=${PORTFOLIO_CHANGED:-1000}
packages=${SCALE_PACKAGES:-20000}
sk=$build/soupkeeper
for tool in "$sk" "$build/bench/scale_gen" "$build/bench/portfolio_setup" /usr/bin/time; do
  [ -x "$tool" ] || { echo "portfolio.sh: $tool is missing" >&2; exit 2; }
done
rm -rf "$work"
mkdir -p "$work"
db=$work/portfolio.db
cp "$kb" "$db"
[ ! -s "$kb-wal" ] || cp "$kb-wal" "$db-wal"

# shellcheck source=bench/measure.sh
source "$(dirname "$0")/measure.sh"

echo "| step | wall | CPU | peak RSS | load |"
echo "|---|---|---|---|---|"
measure "store $releases releases of $components components ($products products), each evaluated" \
  "$build/bench/portfolio_setup" "$db" --releases "$releases" --products "$products" \
  --components "$components" --packages "$packages"
echo
echo "| open findings after the setup | $(tail -1 "$work/$step.log" | cut -d, -f2) | | | |"
# Revision 2: scale.sh already imported revision 1 of the first records.
"$build/bench/scale_gen" "$work/data" --nvd "$changed" --osv 0 --csaf 0 --changed "$changed" \
  --revision 2 --packages "$packages" --sbom 1 >/dev/null
measure "feed import: $changed changed NVD records, then re-evaluation of $releases releases" \
  "$sk" --db "$db" feed import "$work/data/nvd-changed"
echo
echo "| releases re-evaluated incrementally | $(grep -c 'incremental' "$work/$step.log" || true) | | | |"
echo "| database size | $(($(stat -c %s "$db") / 1000000)) MB | | | |"
