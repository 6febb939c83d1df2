#!/usr/bin/env python3
"""CMYK and YCCK JPEGs with an embedded CMYK ICC profile, and LittleCMS's sRGB conversion of
each as the reference (Pillow ImageCms), made outside thumbgen. Licence-clean: the picture is
Kodak PhotoCD image 23 (released by Eastman Kodak for unrestricted use; `../kodim23_384x256.rgb`)
and the profile is made here by `make_cmyk_references.c` from a made-up ink model (no
third-party characterisation data), so everything written is our own.

Run:  /opt/thumbgen-test-tools/references/bin/python make_cmyk_references.py
Needs: Pillow (with LittleCMS), numpy, a C compiler, liblcms2-dev, libjpeg-dev (libjpeg-turbo).

Writes, beside this script's parent folder's fixtures:
  ../kodim23-cmyk-icc.jpg   4-component Adobe CMYK (APP14, values inverted) + the profile in APP2
  ../kodim23-ycck-icc.jpg   the same pixels as Adobe YCCK (libjpeg's CMYK -> YCCK transform)
  kodim23-cmyk-icc.littlecms.png, kodim23-ycck-icc.littlecms.png
                            Pillow decodes each JPEG (its own libjpeg-turbo; Adobe inversion
                            undone), ImageCms.profileToProfile converts it from the embedded
                            profile to LittleCMS's built-in sRGB, perceptual intent, RGB.
The CMYK pixels come from the 384x256 RGB picture halved by 2x2 means (192x128), then
C, M, Y = 1 - R, G, B with 70 % grey component replaced by K (K = 0.7 min(C, M, Y)).
"""
import io
import os
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image, ImageCms

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.dirname(HERE)


def cmyk_pixels():
    rgb = np.fromfile(os.path.join(FIXTURES, "kodim23_384x256.rgb"), dtype=np.uint8).reshape(256, 384, 3)
    small = rgb.astype(np.float64).reshape(128, 2, 192, 2, 3).mean(axis=(1, 3)) / 255
    cmy = 1 - small
    k = 0.7 * cmy.min(axis=2)
    ink = np.concatenate([(cmy - k[..., None]) / np.maximum(1 - k[..., None], 1e-9), k[..., None]], axis=2)
    return np.floor(ink.clip(0, 1) * 255 + 0.5).astype(np.uint8)


def main():
    with tempfile.TemporaryDirectory() as work:
        tool = os.path.join(work, "tool")
        subprocess.run(["cc", "-O2", "-o", tool, os.path.join(HERE, "make_cmyk_references.c"), "-llcms2", "-ljpeg", "-lm"], check=True)
        profile = os.path.join(work, "cmyk.icc")
        subprocess.run([tool, "profile", profile], check=True)
        ink = cmyk_pixels()
        raw = os.path.join(work, "in.cmyk")
        (255 - ink).tofile(raw)  # Adobe convention: stored inverted
        for space in ["cmyk", "ycck"]:
            jpeg = os.path.join(FIXTURES, f"kodim23-{space}-icc.jpg")
            subprocess.run([tool, "jpeg", raw, "192", "128", profile, space, jpeg], check=True)
            with Image.open(jpeg) as image:
                assert image.mode == "CMYK", image.mode
                embedded = ImageCms.ImageCmsProfile(io.BytesIO(image.info["icc_profile"]))
                reference = ImageCms.profileToProfile(
                    image, embedded, ImageCms.createProfile("sRGB"),
                    renderingIntent=ImageCms.Intent.PERCEPTUAL, outputMode="RGB")
                reference.save(os.path.join(HERE, f"kodim23-{space}-icc.littlecms.png"), optimize=True)
            print(f"{jpeg}: {os.path.getsize(jpeg)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
