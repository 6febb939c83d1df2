#!/usr/bin/env python3
"""PngSuite reference decodes by Pillow, for every valid file (names not starting with x).

Run:  /opt/thumbgen-test-tools/references/bin/python make_pngsuite_references.py "$THUMBGEN_CORPUS"
Writes pngsuite-pillow.tsv (file, width, height, bit depth, MD5 of 8-bit RGBA rows) and
pngsuite-16bit.rgba (the 8-bit RGBA rows of the 16-bit files, concatenated in TSV order).
Needs: Pillow, numpy.

The picture is what PNG defines (no gamma, no chromaticities: neither Pillow nor thumbgen applies
gAMA/cHRM; PngSuite carries no iCCP): palette expanded, tRNS made alpha, gray copied to R, G, B,
alpha 255 where there is none. 8-bit and smaller files must match exactly (MD5). For 16-bit
files Pillow keeps gray at 16 bits ("I" mode, scaled here by v * 255 / 65535 rounded) but
reduces colour samples to their high byte (v >> 8), which differs from exact rounding by at
most 1: the Swift test allows 1 per sample for those files.
"""
import hashlib
import os
import sys

import numpy as np
from PIL import Image


def rgba(image, depth, sample_depth):
    mode = image.mode
    transparency = image.info.get("transparency")
    if mode == "L" and transparency is not None and sample_depth < 8:
        # PNG §11.3.2.1: a gray tRNS value is in the image's own bit depth. Pillow 13.0 compares
        # it with the 8-bit-expanded samples unscaled (15 for 4-bit white matches nothing), so
        # the key is scaled here as the samples are (v * 255 / (2^depth - 1)).
        key = transparency * 255 // ((1 << sample_depth) - 1)
        gray = np.asarray(image)
        alpha = np.where(gray == key, 0, 255).astype(np.uint8)
        return np.dstack([gray, gray, gray, alpha])
    if mode in ("I", "I;16", "I;16B"):
        values = np.asarray(image, dtype=np.float64)
        gray = np.clip(np.floor(values * 255 / 65535 + 0.5), 0, 255).astype(np.uint8)
        alpha = np.full_like(gray, 255)
        if transparency is not None:
            alpha[np.asarray(image) == transparency] = 0
        return np.dstack([gray, gray, gray, alpha])
    if mode == "RGB" and depth == 16 and transparency is not None:
        # Pillow keeps only the high bytes here; the key is 16-bit. A pixel is transparent when
        # its high bytes equal the key's (PngSuite's tRNS keys have equal high and low bytes).
        pixels = np.asarray(image)
        key = np.array([c >> 8 for c in transparency], dtype=np.uint8)
        alpha = np.where(np.all(pixels == key, axis=-1), 0, 255).astype(np.uint8)
        return np.dstack([pixels, alpha])
    return np.asarray(image.convert("RGBA"))


def main(corpus):
    folder = os.path.join(corpus, "pngsuite")
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "pngsuite-pillow.tsv"), "w") as table, \
         open(os.path.join(here, "pngsuite-16bit.rgba"), "wb") as raw:
        table.write("file\twidth\theight\tdepth\trgba_md5\n")
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".png") or name.startswith("x"):
                continue
            with Image.open(os.path.join(folder, name)) as image:
                sample_depth = int(name[-6:-4])  # PngSuite names end in the bit depth: ...g04.png
                depth = 16 if sample_depth == 16 else 8
                pixels = rgba(image, depth, sample_depth).astype(np.uint8)
                data = pixels.tobytes()
                table.write(f"{name}\t{image.width}\t{image.height}\t{depth}\t{hashlib.md5(data).hexdigest()}\n")
                if depth == 16:
                    raw.write(data)


if __name__ == "__main__":
    main(sys.argv[1])
