#!/usr/bin/env bash
# Measures the installed app's cold start to a visible window: runs `LAUNCHER app --screenshot` RUNS + 1 times in a
# row (a new process each time, one engine home), under Xvfb when there is no display, and reads from the app's log
# how long after its process started the window drew its first frame and every pane had its first data. The first
# frame is also timed from outside: from the moment this script launches the command to the log line's clock time
# (so the number does not rest on the app's own clock). The first launch (which copies the starter model into the
# new engine home) is printed but left out of the medians.
#
#   installers/start-time.sh LAUNCHER [RUNS] [WORK_DIR]        # RUNS: 5 unless given
#
# START_JAVA_OPTIONS adds JVM options to every launch (e.g. -Xshare:off: the same starts without the CDS archive).
# Prints one line per launch (with the load average before it) and the medians; exit code 1 when a launch fails.
set -euo pipefail

LAUNCHER=${1:?usage: start-time.sh LAUNCHER [RUNS] [WORK_DIR]}
RUNS=${2:-5}
WORK=${3:-$(mktemp -d)}
if [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}" ]; then
  command -v xvfb-run >/dev/null || { echo "start-time: no display and no xvfb-run (apt-get install xvfb xauth)" >&2; exit 2; }
  exec xvfb-run -a -s "-screen 0 1280x800x24" bash "$0" "$LAUNCHER" "$RUNS" "$WORK"
fi
mkdir -p "$WORK/user"
HOME_DIR=$WORK/engine-home
LOG_GLOB="$HOME_DIR/logs/whetstone-*.log"

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

shown=()
outside=()
cpu=()
ready=()
wall=()
for i in $(seq 0 "$RUNS"); do
  load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
  lines_before=$( (cat $LOG_GLOB 2>/dev/null || true) | wc -l)
  start=$(date +%s%N)
  JAVA_TOOL_OPTIONS="-Duser.home=$WORK/user ${START_JAVA_OPTIONS:-}" "$LAUNCHER" app --home "$HOME_DIR" --screenshot "$WORK/window-$i.png" \
      > "$WORK/launch-$i.txt" 2>&1 || { echo "start-time: launch $i failed:" >&2; tail -5 "$WORK/launch-$i.txt" >&2; exit 1; }
  end=$(date +%s%N)
  new=$(cat $LOG_GLOB | tail -n +"$((lines_before + 1))")
  s=$(echo "$new" | sed -n 's/.*First frame \([0-9]*\) ms after the process started.*/\1/p' | tail -1)
  c=$(echo "$new" | sed -n 's/.*First frame .*(\([0-9]*\) ms of CPU time).*/\1/p' | tail -1)
  at=$(echo "$new" | sed -n 's/^\([0-9-]* [0-9:.]*\) .*First frame .*/\1/p' | tail -1)
  o=$(( $(date -d "$at" +%s%3N) - start / 1000000 ))
  r=$(echo "$new" | sed -n 's/.*Ready \([0-9]*\) ms after the process started.*/\1/p' | tail -1)
  w=$(( (end - start) / 1000000 ))
  [ -n "$s" ] && [ -n "$r" ] && [ -n "$at" ] || { echo "start-time: launch $i logged no first frame or ready line" >&2; exit 1; }
  label=$([ "$i" = 0 ] && echo "first launch" || echo "launch $i")
  printf '%-13s load %5s  first frame %5d ms (from the command %5d ms; CPU %5d ms)  ready %5d ms  process until exit %5d ms\n' \
      "$label" "$load" "$s" "$o" "$c" "$r" "$w"
  if [ "$i" != 0 ]; then shown+=("$s"); outside+=("$o"); cpu+=("$c"); ready+=("$r"); wall+=("$w"); fi
done
printf 'median of %d: first frame %s ms (from the command %s ms; CPU %s ms), ready %s ms, process until exit %s ms\n' "$RUNS" \
    "$(printf '%s\n' "${shown[@]}" | median)" "$(printf '%s\n' "${outside[@]}" | median)" "$(printf '%s\n' "${cpu[@]}" | median)" \
    "$(printf '%s\n' "${ready[@]}" | median)" "$(printf '%s\n' "${wall[@]}" | median)"
