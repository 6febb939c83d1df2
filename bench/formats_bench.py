#!/usr/bin/env python3
"""WebP and AVIF thumbnails: thumbgen against vipsthumbnail and Pillow, and the --quality mapping.

Modes
  mapping  For each photo: thumbgen's PNG thumbnail (the resampled pixels before any lossy
           encoding) is encoded by cwebp (-m 4, as thumbgen) over a sweep of quality factors
           and by avifenc (aom, --avif-speed, default 6 as thumbgen, 4:2:0) over a sweep of quantizers, and
           thumbgen's own JPEG over a sweep of --quality. Each output is decoded by dwebp /
           avifdec / Pillow and scored by SSIM against a float Lanczos-3 reference made from the
           full decode (bench/resize_bench.py's reference_thumbnail and ssim_psnr). Prints, for
           each JPEG quality, the WebP factor and AVIF quantizer with the same mean SSIM, and the
           bytes each needs: the table behind ThumbgenImaging's QualityMapping.
  compare  One process per image, tools alternating: thumbgen --format jpeg|webp|avif, 
           vipsthumbnail -o x.webp[Q=q] / x.avif[Q=q], Pillow save(WEBP/AVIF, quality=q).
           Reports ms/image, bytes/thumbnail and SSIM, with ratios to thumbgen's JPEG and to vips.

Needs: apt-get install libvips-tools webp libavif-bin; a venv with pillow numpy scipy
(/opt/thumbgen-test-tools/references); a release build (swift build -c release).
Usage: bench/formats_bench.py [--size 256] [--quality 80] [--count 12] [--modes mapping,compare]
"""
import argparse, glob, os, statistics, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from resize_bench import ROOT, reference_thumbnail, ssim_psnr, run  # noqa: E402

JPEG_QUALITIES = [50, 60, 70, 80, 90, 95]
WEBP_FACTORS = list(range(20, 101, 5))
AVIF_QUANTIZERS = list(range(4, 61, 4))

PILLOW_SAVE = r"""
import sys
from PIL import Image, ImageOps
size, quality, fmt = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
im = Image.open(sys.argv[4])
im.draft("RGB", (size, size))
im = ImageOps.exif_transpose(im).convert("RGB")
im.thumbnail((size, size), Image.LANCZOS)
im.save(sys.argv[5], fmt, quality=quality)
"""


def decode(path):
    import numpy as np
    from PIL import Image
    if path.endswith(".webp") or path.endswith(".avif"):
        png = path + ".png"
        tool = ["dwebp", path, "-o", png] if path.endswith(".webp") else ["avifdec", "-d", "8", path, png]
        subprocess.run(tool, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        path = png
    return np.asarray(Image.open(path).convert("RGB"), dtype=np.float64)


def score(path, ref):
    return ssim_psnr(decode(path), ref)[0]


def mapping(images, thumbgen, size, work, avif_speed):
    jpeg = {q: [] for q in JPEG_QUALITIES}
    webp = {f: [] for f in WEBP_FACTORS}
    avif = {q: [] for q in AVIF_QUANTIZERS}
    for src in images:
        ref = reference_thumbnail(src, size)
        stem = os.path.join(work, os.path.splitext(os.path.basename(src))[0])
        png = stem + ".png"
        run([thumbgen, "resize", src, "-o", png, "--size", str(size), "--quiet"])
        for q in JPEG_QUALITIES:
            out = f"{stem}-q{q}.jpg"
            run([thumbgen, "resize", src, "-o", out, "--size", str(size), "--quality", str(q), "--quiet"])
            jpeg[q].append((score(out, ref), os.path.getsize(out)))
        for f in WEBP_FACTORS:
            out = f"{stem}-f{f}.webp"
            run(["cwebp", "-quiet", "-q", str(f), "-m", "4", png, "-o", out])
            webp[f].append((score(out, ref), os.path.getsize(out)))
        for q in AVIF_QUANTIZERS:
            out = f"{stem}-a{q}.avif"
            run(["avifenc", "-c", "aom", "-s", str(avif_speed), "-j", "1", "-y", "420", "--min", str(q), "--max", str(q),
                 "--minalpha", str(q), "--maxalpha", str(q), png, out])
            avif[q].append((score(out, ref), os.path.getsize(out)))
    mean = lambda rows: (statistics.mean(s for s, _ in rows), statistics.mean(b for _, b in rows))
    jpeg, webp, avif = ({k: mean(v) for k, v in d.items()} for d in (jpeg, webp, avif))

    def match(curve, target):
        """The parameter whose mean SSIM equals target, interpolated between sweep points."""
        points = sorted(curve.items(), key=lambda kv: kv[1][0])
        for (p0, (s0, b0)), (p1, (s1, b1)) in zip(points, points[1:]):
            if s0 <= target <= s1:
                t = 0 if s1 == s0 else (target - s0) / (s1 - s0)
                return p0 + t * (p1 - p0), b0 + t * (b1 - b0)
        best = min(points, key=lambda kv: abs(kv[1][0] - target))
        return best[0], best[1][1]

    print(f"\nQuality mapping ({len(images)} photos, {size} px; mean SSIM vs float Lanczos-3, mean bytes):")
    print("  JPEG q   SSIM    bytes | WebP factor  bytes  saved | AVIF quantizer  bytes  saved")
    for q, (s, b) in jpeg.items():
        wf, wb = match(webp, s)
        aq, ab = match(avif, s)
        print(f"  {q:6d} {s:.4f} {b:8.0f} | {wf:11.1f} {wb:6.0f} {100 * (1 - wb / b):5.1f}% | {aq:14.1f} {ab:6.0f} {100 * (1 - ab / b):5.1f}%")


def compare(images, thumbgen, size, quality, work):
    from resize_bench import tool_commands  # noqa: F401  (same conventions as resize_bench)
    tools = {
        "thumbgen jpeg": lambda s, o: [thumbgen, "resize", s, "-o", o + ".jpg", "--size", str(size), "--quality", str(quality), "--quiet"],
        "thumbgen webp": lambda s, o: [thumbgen, "resize", s, "-o", o + ".webp", "--size", str(size), "--quality", str(quality), "--quiet"],
        "thumbgen avif": lambda s, o: [thumbgen, "resize", s, "-o", o + ".avif", "--size", str(size), "--quality", str(quality), "--quiet"],
        "vips jpeg": lambda s, o: ["vipsthumbnail", s, "--size", f"{size}x{size}", "-o", o + f".jpg[Q={quality},optimize_coding,strip]"],
        "vips webp": lambda s, o: ["vipsthumbnail", s, "--size", f"{size}x{size}", "-o", o + f".webp[Q={quality},strip]"],
        "vips avif": lambda s, o: ["vipsthumbnail", s, "--size", f"{size}x{size}", "-o", o + f".avif[Q={quality},strip]"],
        "pillow webp": lambda s, o: [sys.executable, "-c", PILLOW_SAVE, str(size), str(quality), "WEBP", s, o + ".webp"],
        "pillow avif": lambda s, o: [sys.executable, "-c", PILLOW_SAVE, str(size), str(quality), "AVIF", s, o + ".avif"],
    }
    names = list(tools)
    rows = {n: [] for n in names}
    for index, src in enumerate(images):
        ref = reference_thumbnail(src, size)
        order = names[index % len(names):] + names[:index % len(names)]
        for name in order:
            out = os.path.join(work, name.replace(" ", "-") + "-" + os.path.splitext(os.path.basename(src))[0])
            seconds, _ = run(tools[name](src, out))
            path = out + "." + name.split()[1].replace("jpeg", "jpg")
            rows[name].append((seconds * 1000, os.path.getsize(path), score(path, ref)))
    base_bytes = statistics.mean(b for _, b, _ in rows["thumbgen jpeg"])
    print(f"\nOne process per image, --quality {quality} ({len(images)} photos, {size} px):")
    print("  tool            ms/img  ratio-to-vips   bytes  vs-thumbgen-jpeg   SSIM")
    for name in names:
        ms = statistics.mean(r[0] for r in rows[name])
        vips = statistics.mean(r[0] for r in rows["vips " + name.split()[1]])
        size_b = statistics.mean(r[1] for r in rows[name])
        ssim = statistics.mean(r[2] for r in rows[name])
        print(f"  {name:14s} {ms:7.1f} {ms / vips:9.2f}     {size_b:8.0f}   {100 * (size_b / base_bytes - 1):+6.1f}%       {ssim:.4f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--quality", type=int, default=80)
    parser.add_argument("--count", type=int, default=12, help="photos used (the first N of the folders)")
    parser.add_argument("--images", nargs="*", default=[os.path.join(ROOT, "..", "shared", "corpus", "photos-jpeg")])
    parser.add_argument("--modes", default="mapping,compare")
    parser.add_argument("--avif-speed", type=int, default=6, help="aom speed for the mapping sweep (thumbgen's AVIFCodec.encoderSpeed)")
    parser.add_argument("--thumbgen", default=os.path.join(ROOT, ".build", "release", "thumbgen"))
    args = parser.parse_args()
    images = []
    for item in args.images:
        images += sorted(glob.glob(os.path.join(item, "*.jpg"))) if os.path.isdir(item) else [item]
    images = images[:args.count]
    if not images:
        sys.exit("no images: pass --images DIR (the shared corpus is at ../shared/corpus)")
    work = tempfile.mkdtemp(prefix="thumbgen-formats-")
    print(f"{len(images)} images, {args.size} px; work in {work}")
    if "mapping" in args.modes:
        mapping(images, args.thumbgen, args.size, work, args.avif_speed)
    if "compare" in args.modes:
        compare(images, args.thumbgen, args.size, args.quality, work)


if __name__ == "__main__":
    main()
