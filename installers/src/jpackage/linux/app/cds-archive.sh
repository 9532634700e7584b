#!/bin/sh
# Writes the app's class-data-sharing archive, whetstone.jsa, beside this script: the classes a window start
# loads (whetstone.classlist, recorded when the app was built) parsed, verified and laid out once, so every
# start maps them instead (about a quarter less CPU to the first window). The archive holds the jar paths as
# they are here, so it is made where the app lives: by the build for the app image, by the package's postinst
# after installing. Without the class list it does nothing; if it fails the app starts without it.
#
#   cds-archive.sh [APP_DIR]     APP_DIR: the folder of the jars and whetstone.cfg (default: this script's)
set -e
app=${1:-$(cd "$(dirname "$0")" && pwd)}
java=$app/../runtime/bin/java
[ -f "$app/whetstone.classlist" ] || exit 0
[ -x "$java" ] || { echo "cds-archive: no $java" >&2; exit 1; }
# the class path exactly as the launcher builds it from its configuration, in its order
cp=$(sed -n 's/^app\.classpath=//p' "$app/whetstone.cfg" | sed "s|\$APPDIR|$app|g" | paste -sd: -)
rm -f "$app/whetstone.jsa"
"$java" -Xshare:dump -XX:SharedClassListFile="$app/whetstone.classlist" -XX:SharedArchiveFile="$app/whetstone.jsa" \
    -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$cp" > /dev/null
