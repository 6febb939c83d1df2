#!/usr/bin/env bash
# Makes fuzz/seeds/webp and fuzz/seeds/avif: small files (under -max_len, 16 KB) that reach every
# branch of the WebP and AVIF decode paths, encoded by libwebp's and libavif's own tools (cwebp,
# img2webp, webpmux, avifenc: Debian's webp and libavif-bin) from the Kodak photo already in the
# test fixtures (kodim23, Kodak: free for any use) and the shims' small drawn pictures.
# Also copies the libwebp conformance files under 4 KB (BSD-3-Clause, libwebp-test-data) when
# the shared corpus is present (THUMBGEN_CORPUS, default ../shared/corpus).
# Run once; the seeds are committed. Needs a python3 with Pillow (PYTHON=…, e.g. the references venv) for the source pictures.
set -euo pipefail
cd "$(dirname "$0")/.."
fixtures=Tests/ThumbgenImagingTests/Fixtures
webp=fuzz/seeds/webp avif=fuzz/seeds/avif
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"${PYTHON:-python3}" - "$fixtures" "$tmp" <<'PY'
import sys
from PIL import Image
fixtures, tmp = sys.argv[1:]
photo = Image.open(f"{fixtures}/kodim23-96x64.png").convert("RGB")
photo.save(f"{tmp}/photo.png")
photo.resize((48, 32)).save(f"{tmp}/small.png")
photo.resize((128, 128)).save(f"{tmp}/grid.png")  # AVIF grid cells are at least 64 x 64
rgba = photo.convert("RGBA")
alpha = Image.linear_gradient("L").resize(photo.size)
rgba.putalpha(alpha)
rgba.save(f"{tmp}/alpha.png")
photo.convert("L").save(f"{tmp}/gray.png")
photo.transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(f"{tmp}/mirrored.png")
with open(f"{tmp}/profile.icc", "wb") as f:  # Display P3, from the fixture the ICC tests use
    f.write(Image.open(f"{fixtures}/patches-p3.png").info["icc_profile"])
PY
exif="$tmp/orient6.exif"
# A minimal big-endian TIFF/EXIF block holding only Orientation = 6.
printf 'MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00\x00\x00\x00\x00' > "$exif"
icc="$tmp/profile.icc"

cwebp -quiet -q 60 "$tmp/photo.png" -o "$webp/lossy.webp"
cwebp -quiet -q 40 -sharp_yuv "$tmp/small.png" -o "$webp/lossy-small.webp"
cwebp -quiet -lossless "$tmp/small.png" -o "$webp/lossless.webp"
cwebp -quiet -q 60 -alpha_q 50 "$tmp/alpha.png" -o "$webp/lossy-alpha.webp"
cwebp -quiet -lossless "$tmp/alpha.png" -o "$webp/lossless-alpha.webp"
cwebp -quiet -q 60 "$tmp/gray.png" -o "$webp/gray.webp"
webpmux -set exif "$exif" "$webp/lossy-small.webp" -o "$webp/exif-orient6.webp" >/dev/null 2>&1
webpmux -set icc "$icc" "$webp/lossy-small.webp" -o "$webp/icc.webp" >/dev/null 2>&1
img2webp -loop 0 -lossy -d 100 "$tmp/photo.png" -d 100 "$tmp/mirrored.png" -o "$webp/animated.webp" >/dev/null 2>&1
cp "$fixtures"/webp-*.webp "$webp/"
corpus="${THUMBGEN_CORPUS:-../shared/corpus}"
if [ -d "$corpus/webp" ]; then
    find "$corpus/webp" -name '*.webp' -size -4k -exec cp {} "$webp/" \;
fi

avifenc -j 1 -s 8 --min 20 --max 40 "$tmp/photo.png" "$avif/yuv420-8bit.avif" >/dev/null
avifenc -j 1 -s 8 --min 20 --max 40 -d 10 -y 422 "$tmp/small.png" "$avif/yuv422-10bit.avif" >/dev/null
avifenc -j 1 -s 8 --min 20 --max 40 -d 12 -y 444 "$tmp/small.png" "$avif/yuv444-12bit.avif" >/dev/null
avifenc -j 1 -s 8 --min 20 --max 40 -y 400 "$tmp/gray.png" "$avif/monochrome.avif" >/dev/null
avifenc -j 1 -s 8 --min 20 --max 40 "$tmp/alpha.png" "$avif/alpha.avif" >/dev/null
avifenc -j 1 -s 8 --min 20 --max 40 --premultiply "$tmp/alpha.png" "$avif/alpha-premultiplied.avif" >/dev/null
avifenc -j 1 -s 8 --min 20 --max 40 --grid 2x2 "$tmp/grid.png" "$avif/grid-2x2.avif" >/dev/null
avifenc -j 1 -s 8 --min 20 --max 40 --irot 1 --imir 0 --exif "$exif" "$tmp/small.png" "$avif/irot-imir-exif.avif" >/dev/null
avifenc -j 1 -s 8 --min 20 --max 40 --icc "$icc" "$tmp/small.png" "$avif/icc.avif" >/dev/null
avifenc -j 1 -s 8 --min 20 --max 40 --clap 40,1,28,1,0,1,0,1 "$tmp/small.png" "$avif/clap.avif" >/dev/null
cp "$fixtures"/avif-*.avif "$avif/"
ls -l "$webp" "$avif" | awk '$5 > 16384 {print "over max_len: " $0}'
echo "webp: $(ls "$webp" | wc -l) seeds, avif: $(ls "$avif" | wc -l) seeds"
