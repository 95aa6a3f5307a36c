#!/usr/bin/env bash
# Installs the Debian libraries Qt needs (and Xvfb + xdotool for the end-to-end test)
# when any is missing. Only acts as root on a dpkg system; otherwise it says what to install.
set -euo pipefail

packages=(
    # offscreen platform
    libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0
    # a real window under Xvfb (the xcb platform plugin)
    xvfb xdotool x11-utils libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
    libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0
    fonts-dejavu-core
    # the launcher files' validators (tests/packaging)
    desktop-file-utils appstream
    # building the bundle: ICU's icupkg and binutils (packaging/trim_icu.py, PyInstaller's strip),
    # and libpq5, which the bundle carries for the team library (packaging/sales-notebook.spec)
    icu-devtools binutils libpq5
)

command -v dpkg-query >/dev/null 2>&1 || exit 0
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    echo "Installing Qt system libraries: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
else
    echo "Missing Debian packages (install them as root): ${missing[*]}" >&2
fi
