#!/usr/bin/env python3
"""Benchmark thumbgen's fixed cost per process (start-up, memory, libraries) against peers, in one run.

Builds nothing of thumbgen: it takes the binary (default .build/release/thumbgen).

Measures, per tool, over --runs runs (tools alternate run by run, so load spikes hit all alike):
  version   `thumbgen --version` to exit: wall ms (median, min), CPU ms (user + system, median;
            steadier than wall when other work shares the cores) and peak RSS (MB, the highest of
            5 runs under GNU time, /usr/bin/time -f %M). Peer: a Swift `print("hi")` built here with `swiftc -O -static-stdlib`
            (the floor of any Swift program on this machine).
  tiny      an 8x8 JPEG -> 256 px thumbnail: wall ms and peak RSS. Peers, where installed:
            `gm convert -size 512x512 ... -thumbnail`, `vipsthumbnail`, `djpeg` (decode only).
  libs      shared objects mapped at exit of `--version` / the thumbnail (LD_DEBUG=files counts
            each `file=NAME [0]; needed by` / `dynamically loaded by` once; vDSO excluded).
Ratios are tool / thumbgen (above 1: the peer is slower or bigger).

Usage: bench/startup_bench.py [BINARY] [--runs 60]
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run_once(argv):
    """Wall ms (spawn to exit) and CPU ms (user + system, from wait4) of one run. CPU time is
    the steadier figure on a loaded machine: it does not count time spent waiting for a core."""
    begin = time.perf_counter_ns()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = (time.perf_counter_ns() - begin) / 1e6
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("%s exited with %d" % (" ".join(argv), os.waitstatus_to_exitcode(status)))
    return wall, (usage.ru_utime + usage.ru_stime) * 1e3


def peak_rss_mb(argv, runs=5):
    """Peak RSS (MB) of `argv`, the highest of `runs`, from GNU time's %M (wait4's ru_maxrss).

    Not from this script's own wait4: a child forked (or vforked) from Python inherits Python's
    ~15 MB high-water mark until exec, and ru_maxrss keeps it. GNU time forks from a ~2 MB process.
    """
    best = 0
    for _ in range(runs):
        with tempfile.NamedTemporaryFile("r") as out:
            subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out.name] + argv,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            best = max(best, int(out.read().split()[-1]))
    return best / 1024.0


def libraries(argv):
    """Count of shared objects the loader maps (LD_DEBUG=files), dlopen'ed ones included."""
    env = dict(os.environ, LD_DEBUG="files")
    result = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
    names = set()
    for line in result.stderr.splitlines():
        if "file=" in line and ("needed by" in line or "dynamically loaded by" in line):
            names.add(line.split("file=", 1)[1].split()[0])
    return len(names)


def make_inputs(workdir):
    """An 8x8 JPEG (written by cjpeg, not by thumbgen) and the Swift hello built with -static-stdlib."""
    tiny = os.path.join(workdir, "tiny8.jpg")
    ppm = os.path.join(workdir, "tiny8.ppm")
    with open(ppm, "wb") as f:  # an 8x8 gradient, written as binary PPM
        f.write(b"P6 8 8 255\n" + bytes(v for y in range(8) for x in range(8) for v in (x * 32, y * 32, 128)))
    if shutil.which("cjpeg"):
        subprocess.run(["cjpeg", "-quality", "90", "-outfile", tiny, ppm], check=True)
    elif shutil.which("vips"):
        subprocess.run(["vips", "copy", ppm, tiny], check=True)
    else:
        raise SystemExit("needs cjpeg (apt-get install libjpeg-turbo-progs) or vips to write the 8x8 JPEG")
    hello = None
    swiftc = shutil.which("swiftc")
    if swiftc:
        source = os.path.join(workdir, "hello.swift")
        with open(source, "w") as f:
            f.write('print("hi")\n')
        hello = os.path.join(workdir, "hello-static")
        subprocess.run([swiftc, "-O", "-static-stdlib", source, "-o", hello], check=True, cwd=workdir)
    return tiny, hello


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary", nargs="?", default=os.path.join(ROOT, ".build", "release", "thumbgen"))
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    workdir = tempfile.mkdtemp(prefix="thumbgen-startup-bench-")
    tiny, hello = make_inputs(workdir)
    out = lambda name: os.path.join(workdir, name)

    version = [("thumbgen --version", [binary, "--version"])]
    if hello:
        version.append(("swift hello -static-stdlib", [hello]))
    thumb = [("thumbgen resize", [binary, "resize", tiny, "-o", out("t.jpg"), "--size", "256", "--quiet"])]
    if shutil.which("gm"):
        thumb.append(("gm convert", ["gm", "convert", "-size", "512x512", tiny, "-thumbnail", "256x256", out("g.jpg")]))
    if shutil.which("vipsthumbnail"):
        thumb.append(("vipsthumbnail", ["vipsthumbnail", tiny, "--size", "256x256", "-o", out("v.jpg")]))
    if shutil.which("djpeg"):
        thumb.append(("djpeg (decode only)", ["djpeg", "-outfile", out("d.ppm"), tiny]))

    print("binary: %s\nruns: %d per tool, alternating\n" % (binary, args.runs))
    for title, tools in (("== --version / hello", version), ("== 8x8 JPEG -> thumbnail", thumb)):
        samples = {name: [] for name, _ in tools}
        for _, argv in tools:  # warm the page cache
            run_once(argv)
        for _ in range(args.runs):
            for name, argv in tools:
                samples[name].append(run_once(argv))
        print(title)
        print("  %-28s %9s %8s %9s %7s %9s %6s %8s %6s" % (
            "tool", "median ms", "min ms", "ratio", "CPU ms", "ratio", "RSS MB", "ratio", "libs"))
        base_wall = base_cpu = base_rss = None
        for name, argv in tools:
            walls = [wall for wall, _ in samples[name]]
            median, cpu, rss = statistics.median(walls), statistics.median(c for _, c in samples[name]), peak_rss_mb(argv)
            base_wall, base_cpu, base_rss = base_wall or median, base_cpu or cpu, base_rss or rss
            print("  %-28s %9.2f %8.2f %8.2fx %7.2f %8.2fx %6.1f %7.2fx %6d" % (
                name, median, min(walls), median / base_wall, cpu, cpu / max(base_cpu, 0.001), rss, rss / base_rss, libraries(argv)))
        print()
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
