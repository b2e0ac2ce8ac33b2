#!/bin/sh
# Install callpanel's desktop entry, icons and AppStream metadata for the current user
# (or system-wide with DATA_DIR=/usr/local/share, as root).
#   packaging/linux/install-desktop.sh                 # ~/.local/share
#   packaging/linux/install-desktop.sh --set-default   # also handle tel:/callto:/sip: links
#   packaging/linux/install-desktop.sh --uninstall
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data=${DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}}
metainfo=io.github.callpanel.CallPanel.metainfo.xml
sizes="64 128 256"

files() {
    echo "applications/callpanel.desktop"
    echo "metainfo/$metainfo"
    echo "icons/hicolor/scalable/apps/callpanel.svg"
    for s in $sizes; do echo "icons/hicolor/${s}x${s}/apps/callpanel.png"; done
}

refresh() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$data/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$data/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
    fi
}

case "${1:-}" in
--uninstall)
    for f in $(files); do rm -f "$data/$f"; done
    refresh
    echo "removed callpanel's desktop files from $data"
    exit 0
    ;;
""|--set-default) ;;
*)
    echo "usage: $0 [--set-default | --uninstall]" >&2
    exit 2
    ;;
esac

install -D -m 644 "$here/callpanel.desktop" "$data/applications/callpanel.desktop"
install -D -m 644 "$here/$metainfo" "$data/metainfo/$metainfo"
install -D -m 644 "$root/resources/icons/callpanel.svg" "$data/icons/hicolor/scalable/apps/callpanel.svg"
for s in $sizes; do
    install -D -m 644 "$root/resources/icons/hicolor/${s}x${s}/apps/callpanel.png" \
        "$data/icons/hicolor/${s}x${s}/apps/callpanel.png"
done
refresh

if [ "${1:-}" = "--set-default" ]; then
    for scheme in tel callto sip; do
        xdg-mime default callpanel.desktop "x-scheme-handler/$scheme"
    done
    echo "callpanel now opens tel:, callto: and sip: links"
fi
echo "installed callpanel's desktop entry, icons and metainfo into $data"
