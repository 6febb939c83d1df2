#!/usr/bin/env python3
"""LittleCMS references for every corpus JPEG that needs colour conversion (embedded ICC profile,
CMYK or YCCK), made with Pillow's ImageCms, not by thumbgen.

Run:  /opt/thumbgen-test-tools/references/bin/python make_icc_jpeg_references.py "$THUMBGEN_CORPUS"
Writes icc-jpeg-littlecms.tsv (file, stored width, height, block, reference width, height) and
icc-jpeg-littlecms.rgb (the references' RGB rows, concatenated in TSV order). Needs: Pillow,
numpy.

For each JPEG in photos-jpeg, large-jpeg, special-jpeg and exif-orientation with an ICC profile
or CMYK data: Pillow decodes it at full size in stored orientation (libjpeg-turbo; Adobe CMYK
un-inverted by Pillow), ImageCms.profileToProfile converts the whole image from the embedded
profile to LittleCMS's built-in sRGB (perceptual intent, RGB output; gray becomes R = G = B);
CMYK without a profile uses R = (255 - C)(255 - K) / 255 (and G with M, B with Y), the
documented naive rule. Both sides are then reduced the same way: the mean of each BLOCK x BLOCK
square (BLOCK = ceil(longest side / 48), partial edge squares dropped), rounded. The Swift test
requires thumbgen's decode, reduced identically, within 1 per channel of this (different
libjpeg-turbo and LittleCMS builds round differently).
"""
import io
import math
import os
import sys

import numpy as np
from PIL import Image, ImageCms

FOLDERS = ["photos-jpeg", "large-jpeg", "special-jpeg", "exif-orientation"]


def unknown_licence(corpus):
    """Files whose MANIFEST.tsv licence column says 'unknown': nothing derived from them is stored."""
    names = set()
    with open(os.path.join(corpus, "MANIFEST.tsv")) as manifest:
        for line in manifest:
            fields = line.split("\t")
            if len(fields) > 3 and "unknown" in fields[3]:
                names.add(fields[0])
    return names


def reduce(pixels, block):
    h, w = pixels.shape[0] // block, pixels.shape[1] // block
    cropped = pixels[:h * block, :w * block].astype(np.float64)
    return np.floor(cropped.reshape(h, block, w, block, 3).mean(axis=(1, 3)) + 0.5).astype(np.uint8)


def convert(image):
    icc = image.info.get("icc_profile")
    if icc:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        srgb = ImageCms.createProfile("sRGB")
        return np.asarray(ImageCms.profileToProfile(image, source, srgb, renderingIntent=ImageCms.Intent.PERCEPTUAL,
                                                    outputMode="RGB"))
    cmyk = np.asarray(image, dtype=np.float64)
    c, m, y, k = (cmyk[..., i] for i in range(4))
    rgb = np.stack([(255 - c) * (255 - k) / 255, (255 - m) * (255 - k) / 255, (255 - y) * (255 - k) / 255], axis=-1)
    return np.floor(rgb + 0.5).astype(np.uint8)


def main(corpus):
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "icc-jpeg-littlecms.tsv"), "w") as table, \
         open(os.path.join(here, "icc-jpeg-littlecms.rgb"), "wb") as raw:
        table.write("file\twidth\theight\tblock\tref_width\tref_height\n")
        excluded = unknown_licence(corpus)
        for folder in FOLDERS:
            for name in sorted(os.listdir(os.path.join(corpus, folder))):
                if not name.endswith(".jpg") or f"{folder}/{name}" in excluded:
                    continue
                with Image.open(os.path.join(corpus, folder, name)) as image:
                    if not image.info.get("icc_profile") and image.mode != "CMYK":
                        continue
                    try:
                        rgb = convert(image)
                    except ImageCms.PyCMSError as error:
                        print(f"skipped {folder}/{name}: LittleCMS cannot use its profile ({error})", file=sys.stderr)
                        continue
                    block = math.ceil(max(image.width, image.height) / 48)
                    small = reduce(rgb, block)
                    table.write(f"{folder}/{name}\t{image.width}\t{image.height}\t{block}\t{small.shape[1]}\t{small.shape[0]}\n")
                    raw.write(small.tobytes())


if __name__ == "__main__":
    main(sys.argv[1])
