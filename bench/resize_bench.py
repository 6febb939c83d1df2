#!/usr/bin/env python3
"""Benchmark `thumbgen resize` against its peers on the same photos, in one run.

Peers: vipsthumbnail (libvips-tools), GraphicsMagick `gm convert -size ... -thumbnail`,
ImageMagick `convert -define jpeg:size=... -thumbnail`, Pillow `Image.thumbnail` after `draft`
(the serverless Python recipe), and the decode floor `djpeg -scale 1/8`.

Modes
  per-image  one process per image (the CLI and a cold Lambda); tools alternate per image.
  batch      one process for the whole set (a warm Lambda, a batch job); --repeat rounds, the
             tools taking turns to go first, median reported with each round's ratio.
  quality    PNG outputs compared with a Lanczos-3 reference made in floating point from the
             full decode (upright, sRGB): SSIM (Gaussian 11x11, sigma 1.5, on luma) and PSNR.

Reports ms per image, the ratio of each peer to thumbgen, peak RSS (from wait4) and quality.
Needs: apt-get install libvips-tools graphicsmagick imagemagick libjpeg-turbo-progs;
pip install pillow numpy scipy; a release build (swift build -c release).

Usage: bench/resize_bench.py [--size 256] [--quality 85] [--images DIR ...] [--modes per-image,batch,quality] [--repeat 5]
"""
import argparse, glob, os, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_IMAGES = [os.path.join(ROOT, "..", "shared", "corpus", d) for d in ("photos-jpeg", "large-jpeg")]
# ImageMagick's own binary (Debian names it convert-im6.q16; IM7 is `magick`); None when not installed.
IM_CONVERT = shutil.which("convert-im6.q16") or shutil.which("magick")

PILLOW_ONE = r"""
import sys
from PIL import Image, ImageOps
size, quality = int(sys.argv[1]), int(sys.argv[2])
for src, dst in zip(sys.argv[3::2], sys.argv[4::2]):
    im = Image.open(src)
    im.draft("RGB", (size, size))
    im = ImageOps.exif_transpose(im)
    im.thumbnail((size, size), Image.LANCZOS)
    if dst.endswith(".png"):
        im.save(dst)
    else:
        im.convert("RGB").save(dst, quality=quality, optimize=True)
"""


def tool_commands(thumbgen, size, quality, fmt):
    """Each tool as a function (inputs, outputs) -> argv for one process over those files."""
    ext = fmt
    def tg(ins, outs):
        if len(ins) == 1:
            return [thumbgen, "resize", ins[0], "-o", outs[0], "--size", str(size), "--quality", str(quality), "--quiet"]
        out_dir = os.path.dirname(outs[0])
        return [thumbgen, "resize", *ins, "--out-dir", out_dir, "--size", str(size), "--quality", str(quality),
                "--format", "png" if fmt == "png" else "jpeg", "--quiet"]
    def vips(ins, outs):
        out_dir = os.path.dirname(outs[0])
        q = "" if fmt == "png" else f"[Q={quality},optimize_coding,strip]"
        return ["vipsthumbnail", *ins, "--size", f"{size}x{size}", "-o", os.path.join(out_dir, "%s." + ext + q)]
    def gm(ins, outs):
        return ["gm", "convert", "-size", f"{size*2}x{size*2}", ins[0], "-auto-orient", "-thumbnail", f"{size}x{size}",
                "-quality", str(quality), "-strip", outs[0]]
    def im(ins, outs):
        return [IM_CONVERT, "-define", f"jpeg:size={size*2}x{size*2}", ins[0], "-auto-orient", "-thumbnail",
                f"{size}x{size}", "-quality", str(quality), outs[0]]
    def pillow(ins, outs):
        args = [sys.executable, "-c", PILLOW_ONE, str(size), str(quality)]
        for i, o in zip(ins, outs):
            args += [i, o]
        return args
    tools = {"thumbgen": tg, "vipsthumbnail": vips, "gm": gm, "imagemagick": im, "pillow": pillow}
    if not IM_CONVERT:
        del tools["imagemagick"]  # reported as skipped in main()
    return tools


def run(argv):
    """Runs argv; returns (seconds, peak RSS in MB). Raises on failure."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{argv[0]} failed: {err.strip()[:300]}")
    return elapsed, usage.ru_maxrss / 1024.0


def out_name(out_dir, src, ext):
    return os.path.join(out_dir, os.path.splitext(os.path.basename(src))[0] + "." + ext)


def per_image(images, tools, workdir):
    names = list(tools)
    times = {n: [] for n in names}
    peaks = {n: 0.0 for n in names}
    floor = []
    for index, src in enumerate(images):
        order = names[index % len(names):] + names[:index % len(names)]  # alternate who goes first
        for name in order:
            out = out_name(os.path.join(workdir, name), src, "jpg")
            seconds, peak = run(tools[name]([src], [out]))
            times[name].append(seconds * 1000)
            peaks[name] = max(peaks[name], peak)
        seconds, _ = run(["djpeg", "-scale", "1/8", "-outfile", "/dev/null", src])
        floor.append(seconds * 1000)
    return times, peaks, floor


def batch(images, tools, workdir, repeat):
    """Each tool over the whole set, `repeat` rounds, the tools' order rotating each round.

    Returns {tool: (median ms/img, peak RSS MB, [ms/img of each round])}."""
    names = ["thumbgen", "vipsthumbnail", "pillow"]
    rounds = {name: [] for name in names}
    peaks = {name: 0.0 for name in names}
    for round_index in range(repeat):
        order = names[round_index % len(names):] + names[:round_index % len(names)]
        for name in order:
            out_dir = os.path.join(workdir, "batch-" + name)
            shutil.rmtree(out_dir, ignore_errors=True)
            os.makedirs(out_dir)
            outs = [out_name(out_dir, s, "jpg") for s in images]
            seconds, peak = run(tools[name](images, outs))
            rounds[name].append(seconds * 1000 / len(images))
            peaks[name] = max(peaks[name], peak)
    return {name: (statistics.median(rounds[name]), peaks[name], rounds[name]) for name in names}


def reference_thumbnail(src, size):
    """Lanczos-3 in float64-ish (Pillow 'F' mode, float32) from the full decode, upright, sRGB."""
    import io
    import numpy as np
    from PIL import Image, ImageCms, ImageOps
    im = Image.open(src)
    icc = im.info.get("icc_profile")
    im = ImageOps.exif_transpose(im)
    if icc and im.mode in ("RGB", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            im = ImageCms.profileToProfile(im, source, ImageCms.createProfile("sRGB"), outputMode="RGB")
        except Exception:
            pass
    im = im.convert("RGB")
    w, h = im.size
    scale = size / max(w, h)
    tw, th = max(1, round(w * scale)), max(1, round(h * scale))
    channels = [np.asarray(c.convert("F").resize((tw, th), Image.LANCZOS)) for c in im.split()]
    return np.clip(np.stack(channels, axis=-1), 0, 255)


def ssim_psnr(a, b):
    import numpy as np
    from scipy.ndimage import gaussian_filter
    h, w = min(a.shape[0], b.shape[0]), min(a.shape[1], b.shape[1])
    a, b = a[:h, :w].astype(np.float64), b[:h, :w].astype(np.float64)
    weights = np.array([0.299, 0.587, 0.114])
    ya, yb = a @ weights, b @ weights
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    mu_a, mu_b = gaussian_filter(ya, 1.5, truncate=3.5), gaussian_filter(yb, 1.5, truncate=3.5)
    saa = gaussian_filter(ya * ya, 1.5, truncate=3.5) - mu_a ** 2
    sbb = gaussian_filter(yb * yb, 1.5, truncate=3.5) - mu_b ** 2
    sab = gaussian_filter(ya * yb, 1.5, truncate=3.5) - mu_a * mu_b
    ssim = ((2 * mu_a * mu_b + c1) * (2 * sab + c2)) / ((mu_a ** 2 + mu_b ** 2 + c1) * (saa + sbb + c2))
    mse = np.mean((a - b) ** 2)
    psnr = float("inf") if mse == 0 else 10 * np.log10(255 ** 2 / mse)
    return float(ssim.mean()), float(psnr)


def quality(images, thumbgen, size, workdir):
    import numpy as np
    from PIL import Image
    tools = tool_commands(thumbgen, size, 95, "png")
    scores = {}
    for name in [n for n in ("thumbgen", "vipsthumbnail", "imagemagick", "gm", "pillow") if n in tools]:
        scores[name] = []
        for src in images:
            out = out_name(os.path.join(workdir, "q-" + name), src, "png")
            run(tools[name]([src], [out]))
            got = np.asarray(Image.open(out).convert("RGB"), dtype=np.float64)
            ref = reference_thumbnail(src, size)
            if got.shape != ref.shape:
                ref = np.asarray(Image.fromarray(ref.astype("uint8")).resize((got.shape[1], got.shape[0]), Image.LANCZOS), dtype=np.float64)
            scores[name].append(ssim_psnr(got, ref))
    return scores


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--quality", type=int, default=85)
    parser.add_argument("--images", nargs="*", default=DEFAULT_IMAGES, help="folders or files (JPEG)")
    parser.add_argument("--modes", default="per-image,batch,quality")
    parser.add_argument("--thumbgen", default=os.path.join(ROOT, ".build", "release", "thumbgen"))
    parser.add_argument("--repeat", type=int, default=5, help="batch mode: rounds per tool (median reported)")
    args = parser.parse_args()
    images = []
    for item in args.images:
        images += sorted(glob.glob(os.path.join(item, "*.jpg"))) if os.path.isdir(item) else [item]
    if not images:
        sys.exit("no images: pass --images DIR (the shared corpus is at ../shared/corpus)")
    if not os.access(args.thumbgen, os.X_OK):
        sys.exit(f"{args.thumbgen} not found: run swift build -c release first")
    modes = args.modes.split(",")
    workdir = tempfile.mkdtemp(prefix="thumbgen-bench-")
    for sub in ("thumbgen", "vipsthumbnail", "gm", "imagemagick", "pillow"):
        for prefix in ("", "batch-", "q-"):
            os.makedirs(os.path.join(workdir, prefix + sub), exist_ok=True)
    tools = tool_commands(args.thumbgen, args.size, args.quality, "jpg")
    print(f"{len(images)} images, {args.size} px, JPEG quality {args.quality}; work in {workdir}")
    if not IM_CONVERT:
        print("ImageMagick not installed (convert-im6.q16 or magick): skipped")
    if "per-image" in modes:
        times, peaks, floor = per_image(images, tools, workdir)
        base = statistics.mean(times["thumbgen"])
        print("\nOne process per image (mean ms/img, peak RSS MB, peer/thumbgen time ratio):")
        for name, values in times.items():
            mean = statistics.mean(values)
            print(f"  {name:14s} {mean:8.1f} ms  {peaks[name]:7.1f} MB  ratio {mean / base:5.2f}")
        print(f"  {'djpeg 1/8':14s} {statistics.mean(floor):8.1f} ms  (decode floor)")
    if "batch" in modes:
        results = batch(images, tools, workdir, args.repeat)
        base = results["thumbgen"][0]
        print(f"\nOne process for the whole set (median of {args.repeat} rounds, ms/img; peak RSS MB;"
              " peer/thumbgen ratio of the medians; thumbgen/peer per round):")
        for name, (ms, peak, per_round) in results.items():
            own = "" if name == "thumbgen" else "  per round " + " ".join(
                f"{t / p:.2f}" for t, p in zip(results["thumbgen"][2], per_round))
            print(f"  {name:14s} {ms:8.1f} ms  {peak:7.1f} MB  ratio {ms / base:5.2f}{own}")
    if "quality" in modes:
        scores = quality(images, args.thumbgen, args.size, workdir)
        print("\nQuality vs float Lanczos-3 reference (PNG output; mean SSIM, min SSIM, mean PSNR dB):")
        for name, values in scores.items():
            ssims = [s for s, _ in values]
            psnrs = [p for _, p in values if p != float("inf")]
            print(f"  {name:14s} SSIM {statistics.mean(ssims):.4f} (min {min(ssims):.4f})  PSNR {statistics.mean(psnrs):.2f}")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
