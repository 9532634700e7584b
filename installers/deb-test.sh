#!/usr/bin/env bash
# Installs the .deb, runs the installed app's checks (smoke-test.sh against /usr/bin/whetstone), removes the
# package, and checks that the removal took the app and its links away and left the user's engine home exactly
# as it was. Needs root (dpkg) and a machine where no other `whetstone` package is installed.
#
#   sudo installers/deb-test.sh installers/target/whetstone_0.1.0_amd64.deb [WORK_DIR]
#
# Not part of `mvn -B verify` (it changes the system); CI's Linux job of .github/workflows/installers.yml runs it.
set -euo pipefail

DEB=${1:?usage: deb-test.sh PACKAGE.deb [WORK_DIR]}
WORK=${2:-$(dirname "$DEB")/deb-test}
HERE=$(cd "$(dirname "$0")" && pwd)
fail() { echo "deb-test: FAIL: $*" >&2; exit 1; }
pass() { echo "deb-test: ok: $*"; }

[ "$(id -u)" = 0 ] || fail "run it as root (dpkg -i)"
if [ "$(dpkg-query -W -f='${Status}' whetstone 2>/dev/null || true)" = "install ok installed" ]; then
  fail "a whetstone package is already installed; remove it first (dpkg -r whetstone)"
fi

size=$(stat -c %s "$DEB")
pass "package $(basename "$DEB"): $((size / 1024 / 1024)) MiB, Installed-Size $(dpkg-deb -f "$DEB" Installed-Size) KiB"
dpkg -i "$DEB" || fail "dpkg -i failed (missing dependencies? apt-get install -f, then run this again)"
trap 'dpkg -r whetstone >/dev/null 2>&1 || true' EXIT
[ -x /opt/whetstone/bin/whetstone ] || fail "no launcher at /opt/whetstone/bin/whetstone"
[ "$(readlink /usr/bin/whetstone)" = /opt/whetstone/bin/whetstone ] || fail "/usr/bin/whetstone is not the launcher"
entry=/usr/share/applications/whetstone.desktop
[ -f "$entry" ] || fail "no desktop entry at $entry"
grep -q '^Exec=/opt/whetstone/bin/whetstone app$' "$entry" || fail "the desktop entry does not start the app: $(cat "$entry")"
grep -q '^Icon=/opt/whetstone/lib/whetstone.png$' "$entry" && [ -f /opt/whetstone/lib/whetstone.png ] \
    || fail "the desktop entry's icon is missing"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$entry" || fail "desktop-file-validate rejects $entry"
fi
[ -s /opt/whetstone/lib/app/whetstone.jsa ] || fail "postinst made no class-data-sharing archive"
pass "installed: /usr/bin/whetstone, $entry, /opt/whetstone ($(du -sm /opt/whetstone | cut -f1) MiB with its CDS archive)"

"$HERE/smoke-test.sh" /usr/bin/whetstone "$WORK"

engine_home=$WORK/engine-home
(cd "$engine_home" && find . -type f -exec sha256sum {} + | sort -k2) > "$WORK/home-before.txt"
dpkg -r whetstone || fail "dpkg -r whetstone failed"
trap - EXIT
[ ! -e /opt/whetstone ] || fail "/opt/whetstone is still there after removal"
[ ! -e /usr/bin/whetstone ] && [ ! -L /usr/bin/whetstone ] || fail "/usr/bin/whetstone is still there after removal"
[ ! -e "$entry" ] && [ ! -L "$entry" ] || fail "$entry is still there after removal"
(cd "$engine_home" && find . -type f -exec sha256sum {} + | sort -k2) > "$WORK/home-after.txt"
diff -q "$WORK/home-before.txt" "$WORK/home-after.txt" >/dev/null \
    || fail "removing the package changed the engine home: $(diff "$WORK/home-before.txt" "$WORK/home-after.txt" | head)"
pass "removed: /opt/whetstone and the links are gone; the engine home's $(wc -l < "$WORK/home-after.txt") files are untouched"
echo "deb-test: all checks passed for $DEB"
