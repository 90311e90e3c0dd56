#!/usr/bin/env bash
# Draws the site's icons and share picture from icon.html and share.html with Debian's Chromium and the Noto CJK fonts
# (the browser tests' own needs) and writes them into wwwroot: favicon.ico (16, 32, 48 px), apple-touch-icon.png
# (180 px, square: iOS rounds it), img/share.png (1200 × 630, og:image). Run after changing either page; commit the files.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
wwwroot="$here/../../src/FamilyMutualAid.Web/wwwroot"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

shot() { # page, width, height, output
  "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --no-first-run --hide-scrollbars --default-background-color=00000000 --user-data-dir="$work/profile" \
    --window-size="$2,$3" --screenshot="$4" "file://$here/$1" 2>/dev/null
}

for size in 16 32 48; do shot icon.html "$size" "$size" "$work/icon-$size.png"; done
mkdir -p "$wwwroot/img"
shot "icon.html?square" 180 180 "$wwwroot/apple-touch-icon.png"
shot share.html 1200 630 "$wwwroot/img/share.png"

# An .ico holding the three PNGs as they are (every browser since IE 9 reads PNG entries).
python3 - "$work" "$wwwroot/favicon.ico" <<'PY'
import struct, sys
work, target = sys.argv[1], sys.argv[2]
images = [open(f"{work}/icon-{size}.png", "rb").read() for size in (16, 32, 48)]
header = struct.pack("<HHH", 0, 1, len(images))
offset = len(header) + 16 * len(images)
entries = b""
for size, data in zip((16, 32, 48), images):
    entries += struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(data), offset)
    offset += len(data)
open(target, "wb").write(header + entries + b"".join(images))
PY
ls -l "$wwwroot/favicon.ico" "$wwwroot/apple-touch-icon.png" "$wwwroot/img/share.png"
