#!/usr/bin/env bash
# Draws assets/icon/eap-explorer.png (256×256), the launcher's and the .deb's desktop icon, with ImageMagick:
# a small circuit graph, edges coloured as the window colours scores (red positive, blue negative, RdBu).
set -euo pipefail
cd "$(dirname "$0")"
convert -size 256x256 xc:none \
    -fill '#f7f7f7' -stroke '#4d4d4d' -strokewidth 6 -draw 'roundrectangle 8,8 248,248 36,36' \
    -fill none -strokewidth 14 \
    -stroke '#b2182b' -draw 'line 128,208 70,128' -draw 'line 70,128 128,52' \
    -stroke '#2166ac' -draw 'line 128,208 186,128' \
    -stroke '#ef8a62' -strokewidth 8 -draw 'line 186,128 128,52' \
    -stroke '#67a9cf' -strokewidth 5 -draw 'line 70,128 186,128' \
    -stroke '#333333' -strokewidth 5 -fill white \
    -draw 'circle 128,208 128,186' -draw 'circle 70,128 70,108' \
    -draw 'circle 186,128 186,108' -draw 'circle 128,52 128,30' \
    -depth 8 -strip eap-explorer.png
