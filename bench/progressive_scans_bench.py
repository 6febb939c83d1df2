#!/usr/bin/env python3
"""Time and memory of `thumbgen resize` on a hostile progressive JPEG, against `djpeg -scale 1/8`.

The file: a flat 4096 x 4096 picture at 4:4:4 (cjpeg), rewritten by `jpegtran -scans` into 98
scans: the DCs at Al = 1, then 96 AC scans of one coefficient each (zigzag positions 10...41,
every component), then the DCs refined last, so no scan can be skipped. Each AC scan costs almost
no bytes (one end-of-band run) but passes over every block of a component: about 200 KB that
make a decoder walk 25 million blocks. thumbgen decodes it at 1/8 through the DC-only
coefficient store (CThumbgenJPEG/shim.c), djpeg through libjpeg's whole coefficient arrays.

Reports the median wall time and peak RSS (from wait4) of each tool over --repeat runs, the tools
alternating, and thumbgen's time as a ratio of djpeg's.
Needs: cjpeg, jpegtran, djpeg (libjpeg-turbo-progs); a release build (swift build -c release).

Usage: bench/progressive_scans_bench.py [--thumbgen PATH] [--repeat 5]
"""
import argparse, os, statistics, subprocess, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def make_file(directory):
    side = 4096
    ppm = os.path.join(directory, "flat.ppm")
    with open(ppm, "wb") as out:
        out.write(b"P6\n%d %d\n255\n" % (side, side))
        out.write(bytes([100, 150, 200]) * (side * side))
    script = os.path.join(directory, "scans.txt")
    with open(script, "w") as out:
        out.write("0,1,2: 0 0 0 1;\n")
        for k in range(10, 42):
            for component in range(3):
                out.write(f"{component}: {k} {k} 0 0;\n")
        out.write("0,1,2: 0 0 1 0;\n")
    baseline = os.path.join(directory, "baseline.jpg")
    hostile = os.path.join(directory, "scans.jpg")
    subprocess.run(f"cjpeg -quality 90 -sample 1x1 {ppm} > {baseline}", shell=True, check=True)
    subprocess.run(f"jpegtran -scans {script} {baseline} > {hostile}", shell=True, check=True)
    return hostile


def run(argv, stdout):
    start = time.monotonic()
    process = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.monotonic() - start
    if status != 0:
        raise SystemExit(f"{argv[0]} failed: {process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--thumbgen", default=os.path.join(ROOT, ".build", "release", "thumbgen"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        hostile = make_file(directory)
        print(f"file: {os.path.getsize(hostile)} bytes, 4096 x 4096, 98 scans")
        results = {"thumbgen": [], "djpeg": []}
        output = os.path.join(directory, "out.jpg")
        for round_number in range(args.repeat):
            order = ["thumbgen", "djpeg"] if round_number % 2 == 0 else ["djpeg", "thumbgen"]
            for tool in order:
                if tool == "thumbgen":
                    results[tool].append(run([args.thumbgen, "resize", hostile, "-o", output, "--size", "256", "--quiet"], None))
                else:
                    with open(os.devnull, "wb") as sink:
                        results[tool].append(run(["djpeg", "-dct", "int", "-scale", "1/8", hostile], sink))
        medians = {tool: (statistics.median(t for t, _ in runs), max(m for _, m in runs)) for tool, runs in results.items()}
        for tool, (seconds, megabytes) in medians.items():
            print(f"{tool:9} {seconds * 1000:8.1f} ms  peak RSS {megabytes:6.1f} MB")
        print(f"thumbgen / djpeg time: {medians['thumbgen'][0] / medians['djpeg'][0]:.2f}x")


if __name__ == "__main__":
    main()
