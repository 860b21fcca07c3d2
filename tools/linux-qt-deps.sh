#!/usr/bin/env bash
# Installs the Debian/Ubuntu system libraries Qt needs, when they are missing
# and we may (root with apt-get). Elsewhere (Windows, macOS, a desktop that has
# them) it does nothing. Usage: tools/linux-qt-deps.sh [offscreen|xcb]
set -euo pipefail
mode=${1:-offscreen}
command -v apt-get >/dev/null 2>&1 || exit 0
command -v dpkg >/dev/null 2>&1 || exit 0
libs="libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 poppler-utils"
if [ "$mode" = xcb ]; then
  libs="$libs libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
        libxkbcommon-x11-0 libxcb-xinerama0 libxcb-randr0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1"
fi
missing=""
for lib in $libs; do
  dpkg -s "$lib" >/dev/null 2>&1 || missing="$missing $lib"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Qt needs these system packages:$missing (install them with apt-get as root)" >&2
  exit 0
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
