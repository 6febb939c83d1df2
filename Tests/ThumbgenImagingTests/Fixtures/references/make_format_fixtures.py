#!/usr/bin/env python3
"""Small WebP/AVIF fixtures and their expected upright pixels, made with tools outside thumbgen.

Run from Tests/ThumbgenImagingTests/Fixtures:
    /opt/thumbgen-test-tools/references/bin/python references/make_format_fixtures.py > references/formats-upright.tsv
Needs: cwebp, webpmux, img2webp (Debian 12 package webp 1.2.4), avifenc (libavif-bin 0.11.1), Pillow.

Every fixture is lossless, so its decode is exact; the expected picture is computed by Pillow
from the source picture (transforms applied with Image.transpose), never by thumbgen. The source
is a 24 x 16 RGBA picture drawn here with no symmetry (R grows with x, G with y, B with x*y,
alpha with x+y), so every wrong turn or flip, and a lost alpha, changes the pixels:
- avif-alpha.avif: the source, lossless; and avif-irotA-imirM.avif, the same with
  irot/imir properties. MIAF order: rotate A × 90° anti-clockwise, then mirror (imir mode 0:
  top and bottom exchanged, 1: left and right exchanged).
- webp-orient-6.webp: the source (RGB) lossless, with an EXIF chunk whose Orientation is 6
  (rotate 90° clockwise to display).
- webp-animated.webp: two frames (the source, then its mirror image); the first is expected.
- webp-p3.webp: patches-p3.png's pixels lossless with its Display P3 ICC profile in an ICCP
  chunk (expected: the same pixels as the PNG decodes to; checked in the Swift test).
Columns: fixture, width, height, MD5 of the expected upright 8-bit RGBA rows.
"""
import hashlib
import os
import struct
import subprocess
import tempfile

from PIL import Image

ROT = {0: None, 1: Image.Transpose.ROTATE_90, 2: Image.Transpose.ROTATE_180, 3: Image.Transpose.ROTATE_270}
MIR = {-1: None, 0: Image.Transpose.FLIP_TOP_BOTTOM, 1: Image.Transpose.FLIP_LEFT_RIGHT}


def row(name, image):
    rgba = image.convert("RGBA")
    print(f"{name}\t{rgba.width}\t{rgba.height}\t{hashlib.md5(rgba.tobytes()).hexdigest()}")


def run(*args):
    subprocess.run(list(args), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def tiff_orientation(value):
    """Little-endian TIFF with one IFD entry: Orientation (0x0112, SHORT, 1) = value."""
    return b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 1) + struct.pack("<HHIHH", 0x0112, 3, 1, value, 0) + struct.pack("<I", 0)


def asymmetric():
    image = Image.new("RGBA", (24, 16))
    image.putdata([(x * 10, y * 15, (x * y) % 256, 55 + 5 * (x + y)) for y in range(16) for x in range(24)])
    return image


def main():
    print("fixture\twidth\theight\trgba_md5")
    scratch_dir = tempfile.TemporaryDirectory()
    source = asymmetric()
    source_png = os.path.join(scratch_dir.name, "source.png")
    source.save(source_png)
    rgb_png = os.path.join(scratch_dir.name, "source-rgb.png")
    source.convert("RGB").save(rgb_png)
    for angle, mode in [(0, -1), (1, -1), (3, -1), (0, 0), (0, 1), (1, 0), (3, 1)]:
        name = "avif-alpha.avif" if (angle, mode) == (0, -1) else f"avif-irot{angle}-imir{mode if mode >= 0 else 'none'}.avif"
        args = ["avifenc", "-l", "-s", "10"]
        if angle:
            args += ["--irot", str(angle)]
        if mode >= 0:
            args += ["--imir", str(mode)]
        run(*args, source_png, name)
        expected = source
        if ROT[angle] is not None:
            expected = expected.transpose(ROT[angle])
        if MIR[mode] is not None:
            expected = expected.transpose(MIR[mode])
        row(name, expected)

    with tempfile.TemporaryDirectory() as scratch:
        plain = os.path.join(scratch, "plain.webp")
        run("cwebp", "-lossless", "-exact", "-quiet", rgb_png, "-o", plain)
        exif = os.path.join(scratch, "exif.bin")
        open(exif, "wb").write(tiff_orientation(6))
        run("webpmux", "-set", "exif", exif, plain, "-o", "webp-orient-6.webp")
        row("webp-orient-6.webp", Image.open(rgb_png).transpose(Image.Transpose.ROTATE_270))

        mirrored = os.path.join(scratch, "mirrored.png")
        source.transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(mirrored)
        run("img2webp", "-lossless", "-d", "100", source_png, mirrored, "-o", "webp-animated.webp")
        row("webp-animated.webp", source)

        p3 = Image.open("patches-p3.png")
        icc = os.path.join(scratch, "p3.icc")
        open(icc, "wb").write(p3.info["icc_profile"])
        bare = os.path.join(scratch, "bare.png")
        p3.save(bare)  # Pillow writes no iCCP unless asked
        run("cwebp", "-lossless", "-exact", "-quiet", bare, "-o", plain)
        run("webpmux", "-set", "icc", icc, plain, "-o", "webp-p3.webp")


if __name__ == "__main__":
    main()
