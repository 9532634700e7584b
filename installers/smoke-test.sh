#!/usr/bin/env bash
# The installed app's checks, run against a launcher: the app image's (CI: `mvn -B verify` with
# WHETSTONE_INSTALLER_SMOKE=true) or the one a package put on PATH (installers/deb-test.sh).
#
#   installers/smoke-test.sh LAUNCHER WORK_DIR
#
# On Linux as a new user would: a fresh user home under WORK_DIR (JAVA_TOOL_OPTIONS=-Duser.home, since Java reads the
# home from the password file, not $HOME), an empty PATH (so no JDK), no network (a new network namespace
# when `unshare -n` is allowed), the engine home WORK_DIR/engine-home. Checks:
#   1. `--version` prints the build's version and the bundled libtorch;
#   2. `doctor` finds the CPU and the bundled libtorch, and the terminal shows no library log lines;
#   3. `starter` fine-tunes the starter offline (15 steps: the training loss falls to under half its first step's,
#      the held-out metric does not fall; the full run's metric is StarterCommandTest's);
#   4. `train --detach` starts a run through the launcher (no `java` anywhere) that finishes;
#   5. `starter --engine process` trains on an engine process started through the launcher, which finds the
#      bundled libtorch (Settings → Engine's "engine process"; loopback, so with the shell's network, as 6);
#   6. `serve` answers Tinker's HTTP API on a loopback port (the server's jars are in the image; this one step
#      runs with the network namespace of the shell, since it needs loopback), and `pull --help` answers;
#   7. the window opens under Xvfb with every pane showing its data (`app --screenshot`);
#   8. nothing was extracted under the user's home (no ~/.djl.ai, ~/.openjfx, ~/.cache/JNA).
# Exit code 0 when all pass; the first failure stops it with what was expected and what came.
set -euo pipefail

LAUNCHER=${1:?usage: smoke-test.sh LAUNCHER WORK_DIR}
WORK=${2:?usage: smoke-test.sh LAUNCHER WORK_DIR}
LINUX=false
[ "$(uname -s)" = Linux ] && LINUX=true
if $LINUX && [ -z "${DISPLAY:-}" ]; then   # the window check needs a display: the whole run goes under a virtual one
  command -v xvfb-run >/dev/null || { echo "smoke-test: no display and no xvfb-run (apt-get install xvfb xauth)" >&2; exit 2; }
  exec xvfb-run -a -s "-screen 0 1280x800x24" bash "$0" "$@"
fi
STEPS=${SMOKE_STARTER_STEPS:-15}   # enough for the loss to fall; 40 took 7-10 minutes at load 15 on 2 cores
[ -x "$LAUNCHER" ] || { echo "smoke-test: $LAUNCHER is not an executable launcher" >&2; exit 2; }
LAUNCHER=$(cd "$(dirname "$LAUNCHER")" && pwd)/$(basename "$LAUNCHER")
rm -rf "$WORK"
mkdir -p "$WORK/user" "$WORK/empty-path"
WORK=$(cd "$WORK" && pwd)
USER_HOME=$WORK/user
ENGINE_HOME=$WORK/engine-home

fail() { echo "smoke-test: FAIL: $*" >&2; exit 1; }
pass() { echo "smoke-test: ok: $*"; }
# `TEXT | grep -q` fails now and then under pipefail: grep stops reading at its match and, where SIGPIPE is ignored
# (as under Maven's exec), the writer's error fails the pipeline. Here-strings have no writer to fail.
has() { grep -Eq -- "$1" <<<"$2"; }
first_line() { printf '%s' "${1%%$'\n'*}"; }

OFFLINE=()
if ! $LINUX; then
  echo "smoke-test: note: not Linux: the launcher runs in this shell's environment, with the network"
elif unshare -n true 2>/dev/null; then
  OFFLINE=(unshare -n)
elif unshare -rn true 2>/dev/null; then
  OFFLINE=(unshare -rn)
else
  echo "smoke-test: note: no network namespace available here; running with the network"
fi

# The launcher as a new user runs it: nothing from this shell's environment but the display; 10 minutes at most.
# (Windows and macOS runners: as this shell runs it.) The engine process and serve (steps 5, 6) run
# the same way but with this shell's network, for loopback.
as_user() {
  if $LINUX; then
    "${OFFLINE[@]}" "${USER_ENV[@]}" "$LAUNCHER" "$@"
  else
    "$LAUNCHER" "$@"
  fi
}
USER_ENV=(timeout 600 env -i HOME="$USER_HOME" PATH="$WORK/empty-path" LANG=C.UTF-8
          ${DISPLAY:+DISPLAY="$DISPLAY"} ${XAUTHORITY:+XAUTHORITY="$XAUTHORITY"}
          JAVA_TOOL_OPTIONS="-Duser.home=$USER_HOME")

# 1. --version
out=$(as_user --version 2>"$WORK/version.err") || fail "--version exited $?: $(cat "$WORK/version.err")"
has '^whetstone [0-9]+\.[0-9]+\.[0-9]+' "$(first_line "$out")" || fail "--version's first line: $(first_line "$out")"
has 'libtorch:    .* cpu, bundled in ' "$out" || fail "--version does not name the bundled libtorch: $out"
pass "--version: $(first_line "$out")"

# 2. doctor
out=$(as_user doctor --home "$ENGINE_HOME" 2>"$WORK/doctor.err") || fail "doctor exited $?: $(cat "$WORK/doctor.err")"
has '^device:        cpu' "$out" || fail "doctor's device: $out"
has '^libtorch:      cpu \(.* bundled in ' "$out" || fail "doctor's libtorch: $out"
if [ -n "$(grep -v '^Picked up JAVA_TOOL_OPTIONS' "$WORK/doctor.err" || true)" ]; then
  fail "doctor wrote to the terminal's stderr: $(cat "$WORK/doctor.err")"
fi
ls "$ENGINE_HOME"/logs/whetstone-*.log >/dev/null 2>&1 || fail "no log file under $ENGINE_HOME/logs"
grep -q 'ai.djl' "$ENGINE_HOME"/logs/whetstone-*.log || fail "DJL's lines are not in the log file"
pass "doctor: $(echo "$out" | grep '^device:')"

# 3. starter
out=$(as_user starter --home "$ENGINE_HOME" --steps "$STEPS" 2>"$WORK/starter.err") \
    || fail "starter exited $?: $(tail -5 "$WORK/starter.err")"
last=$(echo "$out" | tail -1)
has '"metric"' "$last" || fail "starter's last line is not its JSON: $last"
before=$(echo "$last" | sed -E 's/.*"before": *([0-9.]+).*/\1/')
after=$(echo "$last" | sed -E 's/.*"after": *([0-9.]+).*/\1/')
first_loss=$(echo "$out" | sed -n "s|^step 1/$STEPS  *loss \([0-9.]*\).*|\1|p")
last_loss=$(echo "$out" | sed -n "s|^step $STEPS/$STEPS  *loss \([0-9.]*\).*|\1|p")
[ -n "$first_loss" ] && [ -n "$last_loss" ] || fail "starter printed no first and last step losses: $(sed -n 1,8p <<<"$out")"
awk -v f="$first_loss" -v l="$last_loss" 'BEGIN { exit !(l < f / 2) }' \
    || fail "the training loss did not fall to under half: step 1 $first_loss, step $STEPS $last_loss"
awk -v b="$before" -v a="$after" 'BEGIN { exit !(a >= b) }' || fail "the held-out metric fell: $last"
pass "starter ($STEPS steps): loss $first_loss -> $last_loss; $last"

# 4. train --detach
model=$ENGINE_HOME/models/whetstone-starter
data=$ENGINE_HOME/datasets/whetstone-starter/word-kind/train.jsonl
[ -f "$data" ] || fail "the starter dataset is not at $data"
out=$(as_user train --home "$ENGINE_HOME" --model "$model" --data "$data" --steps 5 --run-id smoke-detached --detach \
      2>"$WORK/detach.err") || fail "train --detach exited $?: $(cat "$WORK/detach.err")"
has 'smoke-detached' "$out" || fail "train --detach did not name its run: $out"
status=none
for _ in $(seq 1 120); do   # "interrupted" is how a run still going looks from outside
  sleep 2
  status=$(as_user runs show smoke-detached --home "$ENGINE_HOME" 2>/dev/null | sed -n 's/^status: *//p' || true)
  case "$status" in
    completed) break ;;
    failed|diverged|stopped) fail "the detached run ended $status: $(tail -20 "$ENGINE_HOME/runs/smoke-detached.train.log")" ;;
  esac
done
[ "$status" = completed ] || fail "the detached run did not complete in 4 minutes (status '$status')"
pass "train --detach: run smoke-detached $status"

# 5. an engine process (a child `serve` on loopback: with this shell's network, as serve below)
process=("$LAUNCHER" starter --home "$ENGINE_HOME" --steps 2 --engine process --run-id smoke-process)
$LINUX && process=("${USER_ENV[@]}" "${process[@]}")
out=$("${process[@]}" 2>"$WORK/process.err") || fail "starter --engine process exited $?: $(tail -5 "$WORK/process.err")
$(tail -20 "$ENGINE_HOME/app/engine-process.log" 2>/dev/null)"
last=$(tail -1 <<<"$out")
has '"metric"' "$last" || fail "starter --engine process's last line is not its JSON: $last"
has 'Whetstone serves Tinker' "$(cat "$ENGINE_HOME/app/engine-process.log")" || fail "no engine process log"
pass "engine process: starter --engine process (2 steps): $last"

# 6. serve and pull
serve=("$LAUNCHER" serve --home "$ENGINE_HOME" --port 0)
$LINUX && serve=("${USER_ENV[@]}" "${serve[@]}")   # started directly, so that its id is the one to stop
"${serve[@]}" >"$WORK/serve.out" 2>"$WORK/serve.err" &
serve_pid=$!
url=
for _ in $(seq 1 120); do   # the first line names the address once the server listens
  url=$(sed -n 's/^Whetstone serves Tinker.s API at \(http:[^ ]*\) .*/\1/p' "$WORK/serve.out")
  [ -n "$url" ] || ! kill -0 "$serve_pid" 2>/dev/null && break
  sleep 1
done
[ -n "$url" ] || { kill "$serve_pid" 2>/dev/null || true; fail "serve did not start: $(tail -5 "$WORK/serve.err")"; }
caps=$(curl -sf --max-time 30 "$url/api/v1/get_server_capabilities") || caps=
kill "$serve_pid" 2>/dev/null || true
wait "$serve_pid" 2>/dev/null || true
has '"supported_models"' "$caps" || fail "serve at $url did not answer get_server_capabilities: '$caps'"
out=$(as_user pull --help 2>&1) || fail "pull --help exited $?: $out"
has 'REPO_ID' "$out" || fail "pull --help: $out"
pass "serve: $url answered get_server_capabilities; pull --help answers"

# 7. the window
as_user app --home "$ENGINE_HOME" --screenshot "$WORK/window.png" 2>"$WORK/window.err" \
    || fail "the window did not open and close cleanly: $(tail -5 "$WORK/window.err")"
[ -s "$WORK/window.png" ] || fail "no screenshot at $WORK/window.png"
grep -q 'Ready .* every pane shows its first data; starter model in ' "$ENGINE_HOME"/logs/whetstone-*.log \
    || fail "the log does not say the window became ready"
pass "window: $(grep -ho 'First frame .*' "$ENGINE_HOME"/logs/whetstone-*.log | tail -1); screenshot $WORK/window.png"

# 8. nothing unpacked under the user's home (Linux: the only place the home is a fresh one)
$LINUX || { echo "smoke-test: all checks passed for $LAUNCHER (extraction check: Linux only)"; exit 0; }
for cache in .djl.ai .openjfx .cache/JNA; do
  [ ! -e "$USER_HOME/$cache" ] || fail "the app extracted into ~/$cache: $(find "$USER_HOME/$cache" | sed -n 1,5p)"
done
pass "nothing extracted under the user's home"
echo "smoke-test: all checks passed for $LAUNCHER"
