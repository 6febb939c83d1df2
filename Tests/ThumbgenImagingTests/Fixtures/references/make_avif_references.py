#!/usr/bin/env python3
"""AVIF reference decodes: avifdec's pixels for every file in the corpus's avif/ folder.

Run:  /opt/thumbgen-test-tools/references/bin/python make_avif_references.py "$THUMBGEN_CORPUS" > avif-avifdec.tsv
Needs: avifdec (Debian 12 package libavif-bin 0.11.1), Pillow.

For each file, `avifdec -d 8 FILE out.png` (default chroma upsampling, no irot/imir applied:
avifdec writes the stored picture), then Pillow reads the PNG. Columns: file, width, height,
whether it has alpha, and the MD5 of the pixels as 8-bit RGBA rows (alpha 255 when absent).

One exception: for 8-bit monochrome (YUV 4:0:0) files avifdec 0.11.1 writes the luma plane to a
gray PNG as stored, without expanding limited range (16...235) to full range, so its PNG is not
the displayed picture. For those, the reference is avifdec's Y4M output (the luma plane) with
the limited-to-full expansion of ITU-T H.273 / BT.601 (round((Y - 16) * 255 / 219), clamped)
computed here in numpy.
"""
import hashlib
import numpy as np
import os
import subprocess
import sys
import tempfile

from PIL import Image


def monochrome_from_y4m(path, scratch, width, height):
    """RGBA bytes of an 8-bit 4:0:0 AVIF from avifdec's Y4M luma, range-expanded when limited."""
    y4m = os.path.join(scratch, "out.y4m")
    subprocess.run(["avifdec", path, y4m], check=True, stdout=subprocess.DEVNULL)
    data = open(y4m, "rb").read()
    header = data[:data.index(b"\n")].decode()
    start = data.index(b"FRAME\n") + 6
    luma = np.frombuffer(data[start:start + width * height], dtype=np.uint8).reshape(height, width).astype(np.float64)
    if "XCOLORRANGE=LIMITED" in header:
        luma = np.clip(np.round((luma - 16) / 219 * 255), 0, 255)
    gray = luma.astype(np.uint8)
    return np.dstack([gray, gray, gray, np.full_like(gray, 255)]).tobytes()


def main(corpus):
    folder = os.path.join(corpus, "avif")
    print("file\twidth\theight\talpha\trgba_md5")
    with tempfile.TemporaryDirectory() as scratch:
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".avif"):
                continue
            out = os.path.join(scratch, "out.png")
            subprocess.run(["avifdec", "-d", "8", os.path.join(folder, name), out],
                           check=True, stdout=subprocess.DEVNULL)
            with Image.open(out) as image:
                alpha = image.mode in ("RGBA", "LA")
                if image.mode == "L":
                    pixels = monochrome_from_y4m(os.path.join(folder, name), scratch, image.width, image.height)
                else:
                    pixels = image.convert("RGBA").tobytes()
                digest = hashlib.md5(pixels).hexdigest()
                print(f"{name}\t{image.width}\t{image.height}\t{int(alpha)}\t{digest}")


if __name__ == "__main__":
    main(sys.argv[1])
