# Sourced by bench/scale.sh and bench/portfolio.sh: the timing of one step.
#
# measure LABEL COMMAND...: runs COMMAND under /usr/bin/time and prints the
# start of a Markdown table row, "| LABEL | wall | CPU | peak RSS | load |",
# without a newline, so the caller can add columns. CPU is user + system;
# load is the 1-minute load average when the step ended. The command's
# output goes to $work/<step>.log, its CPU seconds to $cpu. A failing
# command stops the script with the end of its log.
step=0
cpu=0
measure() {
  local label=$1 wall user sys rss
  shift
  step=$((step + 1))
  if ! /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >"$work/$step.log" 2>&1; then
    echo "$(basename "$0"): step '$label' failed; see $work/$step.log" >&2
    tail -5 "$work/$step.log" >&2
    exit 1
  fi
  read -r wall user sys rss <"$work/time.txt"
  cpu=$(awk "BEGIN{print $user + $sys}")
  printf "| %s | %.1f s | %.1f s | %d MB | %s |" "$label" "$wall" "$cpu" $((rss / 1024)) \
    "$(cut -d' ' -f1 /proc/loadavg)"
}
