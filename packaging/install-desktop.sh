#!/bin/sh
# Shipped at the top of the bundle. Puts Sales Notebook in this user's launcher, with its icon:
#     ./install-desktop.sh                 (PREFIX=DIR to install under DIR/share, default ~/.local)
#     ./install-desktop.sh --uninstall     (removes exactly those files)
# The files come ready in _internal/share (make bundle renders the icons); only the launcher's
# Exec line is set here, to this folder's program.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
source="$here/_internal/share"
share="${PREFIX:-$HOME/.local}/share"
files=$(cd "$source" && find . -type f | sort)
# What the first bundle installed under the old app id (sales-notebook): one entry, not two.
earlier=$(printf '%s\n' "$files" | sed 's/org\.salesnotebook\.SalesNotebook/sales-notebook/')
for f in $earlier; do rm -f "$share/$f"; done

if [ "${1:-}" = "--uninstall" ]; then
    for f in $files; do rm -f "$share/$f"; done
    echo "Sales Notebook is out of the launcher."
    exit 0
fi
for f in $files; do
    mkdir -p "$(dirname "$share/$f")"
    cp "$source/$f" "$share/$f"
done
# The Desktop Entry spec's quoting: double quotes, with \ " ` $ escaped inside them.
program=$(printf '%s' "$here/sales-notebook" | sed 's/[\\"`$]/\\\\&/g')
entry="$share/applications/org.salesnotebook.SalesNotebook.desktop"
awk -v exec="Exec=\"$program\"" '/^Exec=/ { print exec; next } { print }' "$entry" > "$entry.new"
mv "$entry.new" "$entry"
echo "Sales Notebook is in the launcher ($entry)."
