#!/usr/bin/env python3
"""Float Lanczos-3 reference thumbnails of real photos, computed here in numpy (not by thumbgen).

Run:  /opt/thumbgen-test-tools/references/bin/python make_lanczos_references.py "$THUMBGEN_CORPUS"
Writes ../lanczos-kodimNN-256.png for the Kodak photos kodim01, 03, 04, 05 of the corpus's
png-photos/ (Kodak Lossless True Colour Image Suite; released by Eastman Kodak for unrestricted
use). Needs: numpy, Pillow (only to read and write PNG).

The filter: Lanczos-3, L(x) = sinc(x) sinc(x / 3) for |x| < 3, stretched by the scale factor
when shrinking (support 3 × in/out source pixels), pixel centres aligned ((i + 0.5) × in/out),
edge pixels repeated, weights normalised to sum 1, separable (rows, then columns), in float64 on
the sRGB-encoded values, rounded once at the end. The size is thumbgen's `contain` box of 256:
the long side 256, the short side rounded (768 x 512 -> 256 x 171).
"""
import math
import os
import sys

import numpy as np
from PIL import Image

PHOTOS = ["kodim01", "kodim03", "kodim04", "kodim05"]


def lanczos3(x):
    x = np.abs(x)
    out = np.where(x < 1e-12, 1.0, np.sinc(x) * np.sinc(x / 3))
    return np.where(x < 3, out, 0.0)


def weights(in_size, out_size):
    scale = in_size / out_size
    stretch = max(scale, 1.0)
    matrix = np.zeros((out_size, in_size))
    for i in range(out_size):
        center = (i + 0.5) * scale
        first = math.floor(center - 3 * stretch)
        last = math.ceil(center + 3 * stretch)
        taps = np.arange(first, last + 1)
        w = lanczos3((taps + 0.5 - center) / stretch)
        for tap, weight in zip(np.clip(taps, 0, in_size - 1), w):
            matrix[i, tap] += weight
        matrix[i] /= matrix[i].sum()
    return matrix


def main(corpus):
    here = os.path.dirname(os.path.abspath(__file__))
    for name in PHOTOS:
        source = np.asarray(Image.open(os.path.join(corpus, "png-photos", name + ".png")).convert("RGB"), dtype=np.float64)
        height, width = source.shape[:2]
        scale = 256 / max(width, height)
        out_w, out_h = max(1, round(width * scale)), max(1, round(height * scale))
        rows = weights(height, out_h)
        cols = weights(width, out_w)
        result = np.einsum("oh,hwc->owc", rows, source)
        result = np.einsum("pw,owc->opc", cols, result)
        pixels = np.clip(np.floor(result + 0.5), 0, 255).astype(np.uint8)
        Image.fromarray(pixels, "RGB").save(os.path.join(here, "..", f"lanczos-{name}-256.png"))
        print(name, width, height, "->", out_w, out_h)


if __name__ == "__main__":
    main(sys.argv[1])
