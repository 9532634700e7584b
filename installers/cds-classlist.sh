#!/usr/bin/env bash
# Records the classes the app image loads from its start to a ready window (whetstone.classlist, beside the jars),
# the input of lib/app/cds-archive.sh. Runs the image once, as `app --screenshot`, under Xvfb when there is no
# display, with a throwaway engine and user home. Without a display or Xvfb it records nothing (the app then
# starts without its archive) and says so.
#
#   installers/cds-classlist.sh APP_IMAGE_DIR
set -euo pipefail
image=${1:?usage: cds-classlist.sh APP_IMAGE_DIR}
app=$image/lib/app
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run=("$image/bin/whetstone" app --home "$work/home" --screenshot "$work/window.png")
if [ -z "${DISPLAY:-}" ]; then
  if ! command -v xvfb-run >/dev/null; then
    echo "cds-classlist: no display and no xvfb-run: no class list, the app will start without its CDS archive"
    exit 0
  fi
  run=(xvfb-run -a -s "-screen 0 1280x800x24" "${run[@]}")
fi
JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$app/whetstone.classlist -Duser.home=$work/user" "${run[@]}" > "$work/out.txt" 2>&1 \
    || { echo "cds-classlist: the recording run failed: no class list"; tail -5 "$work/out.txt"; rm -f "$app/whetstone.classlist"; exit 0; }
echo "cds-classlist: $(grep -vc '^#' "$app/whetstone.classlist") classes recorded in $app/whetstone.classlist"
