#!/usr/bin/env python3
"""Benchmark the Lambda runtime of `thumbgen` (started as `bootstrap`) against peers, in one run.

A small Runtime API server (this script's own, speaking version 2018-06-01 over HTTP/1.1
keep-alive on 127.0.0.1) hands out events and timestamps every request.

Measures
  startup   process spawn -> first `GET /2018-06-01/runtime/invocation/next` (ms), median of
            --runs. Peers: `thumbgen --version` run to exit (the binary's exec floor), a Python
            urllib runtime loop, and the shell+curl `bootstrap` of AWS's custom-runtime tutorial.
  first S3  process spawn -> the answer to a first event that needs S3 (an S3 notification for a
            key the bench's own server answers 404 for), median of --runs: start-up plus loading
            libcurl (S3's transport), the signed GET and the error report. thumbgen only.
  overhead  per-event time for events that need no image work and no S3 (CORS preflight
            `OPTIONS /thumbnails` through API Gateway v2): the runtime loop, event decoding,
            routing, response encoding and the log line; i.e. the per-event cost beyond the
            resize itself (which bench/resize_bench.py measures). Peers: the Python and
            shell+curl loops echoing the event.
  memory    VmRSS of the bootstrap process after 10 and after --events (default 1000) mixed events
            (OPTIONS, 415 not-an-image POST, 422 corrupt-JPEG POST that runs the decoder,
            unknown event -> error report), read from /proc/PID/status while it waits in `next`.

  package   with --package ZIP (repeatable; as root): startup of each deployment package
            `thumbgen deploy --package-only` wrote, unpacked into an empty root at /var/task
            (plus /proc) and started as Lambda starts it: `/var/task/bootstrap` under chroot
            with /var/task as working directory. Compares packages (e.g. before/after a change
            of how bootstrap finds its loader) in one run; ratios against the first.

Usage: bench/lambda_bench.py [--binary .build/release/thumbgen] [--runs 20] [--events 1000] [--package ZIP ...]
"""
import argparse, base64, json, os, queue, shutil, statistics, subprocess, sys, tempfile, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FIXTURES = os.path.join(ROOT, "Tests", "ThumbgenServiceTests", "Fixtures")


class RuntimeAPI:
    """Queue of events; timestamps (perf_counter_ns) of each `next` and each response/error POST."""

    def __init__(self):
        self.events = queue.Queue()
        self.next_times = []
        self.post_times = []
        self.lock = threading.Lock()
        self.on_next = None
        self.waiting = 0
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # else headers and body in two writes wait on delayed ACKs

            def log_message(self, *args):
                pass

            def do_GET(self):
                if self.path != "/2018-06-01/runtime/invocation/next":
                    return self.reply(404, b"{}")
                with api.lock:
                    api.next_times.append(time.perf_counter_ns())
                    count = len(api.next_times)
                if api.on_next:
                    api.on_next(count)
                with api.lock:
                    api.waiting += 1
                request_id, body = api.events.get()
                with api.lock:
                    api.waiting -= 1
                if request_id is None:
                    self.close_connection = True
                    return
                self.reply(200, body, {"Lambda-Runtime-Aws-Request-Id": request_id,
                                       "Lambda-Runtime-Deadline-Ms": str(int(time.time() * 1000) + 60000),
                                       "Lambda-Runtime-Invoked-Function-Arn": "arn:aws:lambda:eu-west-1:123456789012:function:bench",
                                       "Lambda-Runtime-Trace-Id": "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Sampled=0"})

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                self.rfile.read(length)
                with api.lock:
                    api.post_times.append(time.perf_counter_ns())
                self.reply(202, b'{"status":"OK"}')

            def reply(self, status, body, headers=None):
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                pass  # killed runtimes reset their connections; expected here

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.endpoint = "127.0.0.1:%d" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def reset(self):
        with self.lock:
            self.next_times, self.post_times = [], []
        self.on_next = None

    def wait_posts(self, count, timeout=120):
        end = time.time() + timeout
        while time.time() < end:
            with self.lock:
                if len(self.post_times) >= count:
                    return
            time.sleep(0.001)
        raise SystemExit("timed out waiting for %d posts" % count)

    def wait_next(self, count, timeout=30):
        end = time.time() + timeout
        while time.time() < end:
            with self.lock:
                if len(self.next_times) >= count:
                    return self.next_times[count - 1]
            time.sleep(0.0002)
        raise SystemExit("timed out waiting for next #%d" % count)


PY_RUNTIME = r"""
import json, os, urllib.request
base = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime/invocation/"
while True:
    with urllib.request.urlopen(base + "next") as r:
        rid = r.headers["Lambda-Runtime-Aws-Request-Id"]; event = r.read()
    print(json.dumps({"requestId": rid, "bytes": len(event)}), flush=True)
    urllib.request.urlopen(urllib.request.Request(base + rid + "/response", data=event, method="POST")).read()
"""

SH_RUNTIME = r"""
set -eu
while true; do
  HEADERS="$(mktemp)"
  EVENT=$(curl -sS -LD "$HEADERS" "http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/next")
  RID=$(grep -Fi Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)
  rm -f "$HEADERS"
  curl -sS -X POST "http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/$RID/response" -d "$EVENT" >/dev/null
done
"""


def http_v2(method, path, body=None):
    event = {"version": "2.0", "routeKey": "%s %s" % (method, path), "rawPath": path, "headers": {"content-type": "image/jpeg"},
             "requestContext": {"http": {"method": method, "path": path}, "requestId": "bench", "stage": "$default"},
             "isBase64Encoded": body is not None}
    if body is not None:
        event["body"] = base64.b64encode(body).decode()
    return json.dumps(event).encode()


def start(command, api, workdir, root=None, s3="127.0.0.1:9"):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "AWS_LAMBDA_RUNTIME_API": api.endpoint,
           "AWS_ACCESS_KEY_ID": "AKIDBENCH", "AWS_SECRET_ACCESS_KEY": "bench-secret", "AWS_REGION": "eu-west-1",
           "AWS_ENDPOINT_URL_S3": "http://" + s3, "THUMBGEN_ORIGINALS_BUCKET": "bench-originals",
           "THUMBGEN_THUMBNAILS_BUCKET": "bench-thumbnails", "THUMBGEN_SIZES": "256"}
    def enter_root():
        os.chroot(root)
        os.chdir(workdir)
    spawned = time.perf_counter_ns()
    process = subprocess.Popen(command, cwd=None if root else workdir, env=env, stdout=subprocess.DEVNULL, start_new_session=True,
                               preexec_fn=enter_root if root else None,
                               stderr=None if os.environ.get("BENCH_DEBUG") else subprocess.DEVNULL)
    return process, spawned


def stop(process, api):
    os.killpg(process.pid, 9)  # the whole group: the shell peer's curl children too
    process.wait()
    time.sleep(0.02)
    with api.lock:
        blocked = api.waiting
    for _ in range(blocked):  # release handler threads still blocked in `next` for the dead process
        api.events.put((None, None))
    end = time.time() + 5
    while time.time() < end:
        with api.lock:
            if api.waiting == 0:
                break
        time.sleep(0.005)
    while not api.events.empty():
        api.events.get_nowait()


def startup_ms(command, api, workdir, runs, root=None):
    samples = []
    for _ in range(runs):
        api.reset()
        process, spawned = start(command, api, workdir, root)
        first = api.wait_next(1)
        samples.append((first - spawned) / 1e6)
        stop(process, api)
    return statistics.median(samples), min(samples)


def first_s3_event_ms(command, api, workdir, runs):
    """Spawn -> the first POST for an S3 event whose object the server answers 404 for."""
    event = json.dumps({"Records": [{"eventSource": "aws:s3", "eventName": "ObjectCreated:Put", "awsRegion": "eu-west-1",
                                     "s3": {"bucket": {"name": "bench-originals"}, "object": {"key": "missing.jpg", "size": 3}}}]}).encode()
    samples = []
    for _ in range(runs):
        api.reset()
        api.events.put(("s3-first", event))
        process, spawned = start(command, api, workdir, s3=api.endpoint)
        api.wait_posts(1)
        with api.lock:
            samples.append((api.post_times[0] - spawned) / 1e6)
        stop(process, api)
    return statistics.median(samples), min(samples)


def exec_floor_ms(binary, runs):
    samples = []
    for _ in range(runs):
        begin = time.perf_counter_ns()
        subprocess.run([binary, "--version"], stdout=subprocess.DEVNULL, check=True)
        samples.append((time.perf_counter_ns() - begin) / 1e6)
    return statistics.median(samples), min(samples)


def per_event_ms(command, api, workdir, events, payload):
    api.reset()
    process, _ = start(command, api, workdir)
    api.wait_next(1)
    for index in range(20):  # warm-up
        api.events.put(("warm-%d" % index, payload))
    api.wait_posts(20)
    begin = time.perf_counter_ns()
    for index in range(events):
        api.events.put(("event-%d" % index, payload))
    api.wait_posts(20 + events)
    elapsed = (time.perf_counter_ns() - begin) / 1e6
    stop(process, api)
    return elapsed / events


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def memory(command, api, workdir, total):
    jpeg = open(os.path.join(FIXTURES, "kodim23-baseline.jpg"), "rb").read()
    corrupt = open(os.path.join(FIXTURES, "kodim23-truncated.jpg"), "rb").read()
    mix = [http_v2("OPTIONS", "/thumbnails"), http_v2("POST", "/thumbnails", b"not an image"),
           http_v2("POST", "/thumbnails", corrupt), b"[1,2,3]"]
    api.reset()
    process, _ = start(command, api, workdir)
    readings = {}
    marks = {11: "after 10", total + 1: "after %d" % total}

    def on_next(count):  # called when `next` #count arrives: events 1..count-1 are done
        if count in marks:
            readings[marks[count]] = rss_kib(process.pid)
    api.on_next = on_next
    api.wait_next(1)
    for index in range(total):
        api.events.put(("mem-%d" % index, mix[index % len(mix)]))
    api.wait_next(total + 1)
    time.sleep(0.05)
    stop(process, api)
    del jpeg
    return readings


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    release = os.path.join(ROOT, ".build", "release", "thumbgen")
    parser.add_argument("--binary", default=release if os.path.exists(release) else os.path.join(ROOT, ".build", "debug", "thumbgen"))
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--package", action="append", default=[], help="a deployment zip to start from an empty root (root only)")
    args = parser.parse_args()
    if args.package:
        return package_startup(args.package, args.runs)

    workdir = tempfile.mkdtemp(prefix="thumbgen-lambda-bench-")
    bootstrap = os.path.join(workdir, "bootstrap")
    shutil.copy(args.binary, bootstrap)
    with open(os.path.join(workdir, "runtime.py"), "w") as f:
        f.write(PY_RUNTIME)
    with open(os.path.join(workdir, "runtime.sh"), "w") as f:
        f.write(SH_RUNTIME)
    api = RuntimeAPI()
    peers = [("thumbgen bootstrap", [bootstrap]), ("python3 urllib loop", [sys.executable, "-S", "runtime.py"])]
    if shutil.which("curl"):
        peers.append(("sh + curl (AWS tutorial)", ["/bin/sh", "runtime.sh"]))

    print("binary: %s" % args.binary)
    print("\n== start-up: spawn -> first next (ms), median / min of %d" % args.runs)
    floor = exec_floor_ms(args.binary, args.runs)
    print("  %-28s %8.2f / %6.2f   (exec to exit, the floor)" % ("thumbgen --version", floor[0], floor[1]))
    base = None
    for name, command in peers:
        median, low = startup_ms(command, api, workdir, args.runs)
        base = base or median
        print("  %-28s %8.2f / %6.2f   ratio %.2f" % (name, median, low, median / base))

    median, low = first_s3_event_ms([bootstrap], api, workdir, args.runs)
    print("\n== first event that needs S3 (loads libcurl): spawn -> its answer (ms), median / min of %d" % args.runs)
    print("  %-28s %8.2f / %6.2f" % ("thumbgen bootstrap", median, low))

    print("\n== per-event overhead beyond the resize: OPTIONS /thumbnails (API Gateway v2), ms per event")
    payload = http_v2("OPTIONS", "/thumbnails")
    base = None
    for name, command in peers:
        count = args.events if "thumbgen" in name else min(args.events, 200)
        value = per_event_ms(command, api, workdir, count, payload)
        base = base or value
        print("  %-28s %8.3f   ratio %.2f   (%d events)" % (name, value, value / base, count))

    print("\n== memory of thumbgen bootstrap (VmRSS, KiB), mixed events")
    readings = memory([bootstrap], api, workdir, args.events)
    for label, value in readings.items():
        print("  %-28s %8d" % (label, value))
    values = list(readings.values())
    if len(values) == 2:
        print("  growth                       %8d KiB" % (values[1] - values[0]))
    shutil.rmtree(workdir, ignore_errors=True)


def package_startup(packages, runs):
    """Start-up of each package's bootstrap in its own empty root (/var/task + /proc), as Lambda runs it."""
    api = RuntimeAPI()
    print("\n== package start-up: spawn -> first next (ms), median / min of %d; chroot ROOT, cwd /var/task" % runs)
    base = None
    for package in packages:
        root = tempfile.mkdtemp(prefix="thumbgen-package-bench-")
        task = os.path.join(root, "var", "task")
        os.makedirs(task)
        os.makedirs(os.path.join(root, "proc"))
        subprocess.run(["unzip", "-q", package, "-d", task], check=True)
        subprocess.run(["mount", "--bind", "/proc", os.path.join(root, "proc")], check=True)
        try:
            median, low = startup_ms(["/var/task/bootstrap"], api, "/var/task", runs, root=root)
        finally:
            subprocess.run(["umount", os.path.join(root, "proc")], check=True)
        base = base or median
        print("  %-40s %8.2f / %6.2f   ratio %.2f" % (os.path.basename(package), median, low, median / base))
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
