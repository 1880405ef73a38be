#!/usr/bin/env bash
# Repacks jpackage's .deb so that it installs and removes anywhere, with or without a desktop (issue 26): the command
# on the PATH, the menu entry and the icon become files of the package, as Debian's own packages ship them, which dpkg
# installs and removes; the menu and icon caches are refreshed by the triggers that desktop-file-utils and
# hicolor-icon-theme declare on these folders, where those are installed, and need nothing where they are not. The
# package then has no maintainer scripts at all (jpackage's, without --linux-shortcut, do nothing), so none can fail.
# Usage: repack.sh DEB RESOURCE_DIR ICON_PNG WORK_DIR (DEB is replaced; WORK_DIR is emptied and left for inspection).
set -euo pipefail

deb=$1
resources=$2
icon=$3
root=$4

rm -rf "$root"
dpkg-deb -R "$deb" "$root"
rm -f "$root"/DEBIAN/{preinst,postinst,prerm,postrm}
mkdir -p "$root/usr/bin" "$root/usr/share/applications" "$root/usr/share/icons/hicolor/256x256/apps"
ln -s /opt/eap-explorer/bin/eap-explorer "$root/usr/bin/eap-explorer"
install -m 644 "$resources/eap-explorer.desktop" "$root/usr/share/applications/eap-explorer.desktop"
size=$(file -b "$icon")
[[ "$size" == "PNG image data, 256 x 256,"* ]] || { echo "error: $icon: expected a 256 x 256 PNG for hicolor/256x256, got: $size" >&2; exit 1; }
install -m 644 "$icon" "$root/usr/share/icons/hicolor/256x256/apps/eap-explorer.png"

# xdg-utils was needed only by jpackage's xdg-desktop-menu calls.
sed -i -E '/^Depends:/{s/ xdg-utils,//; s/, xdg-utils($|,)/\1/}' "$root/DEBIAN/control"
sed -i "s/^Installed-Size: .*/Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)/" "$root/DEBIAN/control"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
# gzip: the bulk is jars, compressed already; xz (jpackage's choice) made 179.1 MB of what gzip makes 183.3 MB, and took
# minutes where this whole repack took 39 s (measured on the 2-core build machine, jlink/README.md).
dpkg-deb --root-owner-group -Zgzip -b "$root" "$deb" > /dev/null
echo "repacked $deb: /usr/bin/eap-explorer link, menu entry and hicolor icon as package files, no maintainer scripts"
