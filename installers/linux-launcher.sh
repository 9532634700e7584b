#!/usr/bin/env bash
# Replaces jpackage's Linux launcher in an app image (bin/NAME) with a shell script that starts the bundled Java
# runtime directly, with exactly the options, class path (in its order: the CDS archive is keyed to it) and main
# class of the image's lib/app/NAME.cfg.
#
# Why: jpackage's native launcher asks the package managers which package owns it before every start
# (`rpm -qf`, then `dpkg -S`, twice: once in the launcher, once in its libapplauncher). On a Debian or Ubuntu
# system `dpkg -S` reads every installed package's file list: 0.5-1.2 s of each start before Java even begins
# (decision record 0045). The script sets what that launcher set for the app: jpackage.app-path (how
# `train --detach` finds the launcher) and the cfg's java-options; the process keeps its id and its name (`exec -a`: GTK
# takes the window's class from it, which desktops match to the desktop entry).
#
#   installers/linux-launcher.sh APP_IMAGE_DIR [NAME]      # NAME: whetstone unless given
set -euo pipefail
image=${1:?usage: linux-launcher.sh APP_IMAGE_DIR [NAME]}
name=${2:-whetstone}
cfg=$image/lib/app/$name.cfg
launcher=$image/bin/$name
[ -f "$cfg" ] || { echo "linux-launcher: no $cfg" >&2; exit 2; }
[ -f "$launcher" ] || { echo "linux-launcher: no $launcher" >&2; exit 2; }

main=$(sed -n 's/^app\.mainclass=//p' "$cfg")
[ -n "$main" ] || { echo "linux-launcher: $cfg names no app.mainclass" >&2; exit 2; }
# $APPDIR in the cfg is the jars' folder; the script knows it as "$app" once it has found itself
quote() { sed -e 's/\$APPDIR/${app}/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$/"/'; }
classpath=$(sed -n 's/^app\.classpath=//p' "$cfg" | sed 's/\$APPDIR/${app}/g' | paste -sd: -)
options=$(sed -n 's/^java-options=//p' "$cfg" | quote | sed 's/^/    /; s/$/ \\/')

tmp=$(mktemp "$image/bin/.$name.XXXXXX")
{
  cat <<EOF
#!/bin/bash
# Whetstone's launcher: starts the Java runtime bundled beside it with the app's options (generated at build time
# from lib/app/$name.cfg by installers/linux-launcher.sh; jpackage's own launcher spent up to a second of every
# start asking dpkg and rpm which package owns it).
# where it really is (/usr/bin/whetstone is a link); PATH may be empty, and the app gets it as it was
self=\$(PATH=/usr/bin:/bin\${PATH:+:\$PATH} readlink -f -- "\$0") || self=\$0
image=\${self%/*/*}
app=\$image/lib/app
# named $name, not java: GTK names the window's class after it, which desktops match to whetstone.desktop
exec -a "$name" "\$image/lib/runtime/bin/java" \\
    "-Djpackage.app-path=\$self" \\
$options
    -cp "$classpath" \\
    $main "\$@"
EOF
} > "$tmp"
chmod 755 "$tmp"
mv "$tmp" "$launcher"
echo "linux-launcher: $launcher starts $main on the bundled runtime ($(sed -n 's/^app\.classpath=//p' "$cfg" | wc -l) jars)"
