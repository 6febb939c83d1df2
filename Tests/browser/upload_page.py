#!/usr/bin/env python3
"""The upload page in a real browser: headless Chromium from Debian, driven by Playwright.

Run by ServeBrowserTests.swift (so `swift test` runs it) against a `thumbgen serve` started
by that test on 127.0.0.1. Chooses the given images and one corrupt file through the file
input, waits until every file has a result, and checks: one gallery item per file; a
thumbnail (decoded <img>, "W × H px · N KB · TYPE" facts, a link) for each good image; the
function's error message beside the corrupt file only; keyboard focus reaches the file
input first; the live region spoke; no request left the server's origin; then a file
dropped on the drop zone gets its thumbnail too. Saves a full-page screenshot (before the drop).

Exit status: 0 passed, 1 failed (reason on stderr), 77 skipped (no Playwright/Chromium).
Prints one JSON line with what it saw.
"""
import argparse
import json
import os
import re
import sys
import time

try:
    from playwright.sync_api import sync_playwright
except ImportError:
    print("skip: Python package 'playwright' is not installed (pip install playwright)", file=sys.stderr)
    sys.exit(77)


def write_large_png(path: str, width: int, height: int) -> None:
    """An RGB gradient PNG stored without compression (zlib level 0): about 5 MB, over the
    function's 4.5 MB synchronous limit, so the page must use the presigned-upload path."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            rows += bytes(((x * 255) // width, (y * 255) // height, 160))
    with open(path, "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n")
        out.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        out.write(chunk(b"IDAT", zlib.compress(bytes(rows), 0)))
        out.write(chunk(b"IEND", b""))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True, help="page URL, e.g. http://127.0.0.1:8080/")
    parser.add_argument("--image", action="append", default=[], help="a good JPEG/PNG (repeat)")
    parser.add_argument("--corrupt", required=True, help="a damaged image file")
    parser.add_argument("--large-png", help="write a PNG over the synchronous limit here and upload it too "
                                            "(it goes through POST uploads, the presigned PUT and polling)")
    parser.add_argument("--screenshot", required=True, help="where to save the PNG screenshot")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--timeout", type=float, default=90.0, help="seconds to wait for all results")
    args = parser.parse_args()

    if not os.access(args.chromium, os.X_OK):
        print(f"skip: no Chromium at {args.chromium} (apt-get install chromium)", file=sys.stderr)
        return 77

    if args.large_png:
        write_large_png(args.large_png, width=1400, height=1200)
        args.image.append(args.large_png)

    origin = re.match(r"^https?://[^/]+", args.url).group(0)
    foreign = []
    console_errors = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, headless=True,
                                    args=["--no-sandbox"] if os.geteuid() == 0 else [])
        page = browser.new_page(viewport={"width": 1100, "height": 760}, device_scale_factor=1)
        page.on("request", lambda r: foreign.append(r.url)
                if not (r.url.startswith(origin) or r.url.startswith("blob:") or r.url.startswith("data:")) else None)
        page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
        page.goto(args.url, wait_until="load")

        # Keyboard: the first Tab stop is the file input (named by its label).
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement && document.activeElement.id")
        label = page.evaluate("document.querySelector('#files').labels[0].textContent.trim()")

        files = args.image + [args.corrupt]
        page.set_input_files("#files", files)
        total = len(files)
        # Poll from Python: wait_for_function would evaluate a string, which the page's CSP forbids.
        finished = page.locator("#gallery .item.done, #gallery .item.failed")
        deadline = time.monotonic() + args.timeout
        while finished.count() < total and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        page.wait_for_timeout(200)

        items = page.evaluate("""() => Array.from(document.querySelectorAll('#gallery .item')).map(li => ({
            name: li.querySelector('.name').textContent,
            state: li.classList.contains('done') ? 'done' : (li.classList.contains('failed') ? 'failed' : 'working'),
            status: li.querySelector('.status').textContent,
            facts: li.querySelector('.facts').hidden ? '' : li.querySelector('.facts').textContent,
            imageWidth: li.querySelector('img') ? li.querySelector('img').naturalWidth : 0,
            imageHeight: li.querySelector('img') ? li.querySelector('img').naturalHeight : 0,
            alt: li.querySelector('img') ? li.querySelector('img').alt : '',
            link: li.querySelector('a') ? li.querySelector('a').href : '',
        }))""")
        summary = page.text_content("#summary")
        announced = page.text_content("#announcer")
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        page.screenshot(path=args.screenshot, full_page=True)

        # Drag and drop: drop the first image on the drop zone; one more thumbnail must appear.
        import base64
        with open(args.image[0], "rb") as handle:
            encoded = base64.b64encode(handle.read()).decode("ascii")
        transfer = page.evaluate_handle(
            """([name, data]) => {
                const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], name, { type: name.endsWith('.png') ? 'image/png' : 'image/jpeg' }));
                return transfer;
            }""", ["dropped-" + os.path.basename(args.image[0]), encoded])
        page.dispatch_event("#drop", "dragenter", {"dataTransfer": transfer})
        dragging = page.evaluate("() => document.querySelector('#drop').classList.contains('dragging')")
        page.dispatch_event("#drop", "drop", {"dataTransfer": transfer})
        deadline = time.monotonic() + args.timeout
        while finished.count() < total + 1 and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        dropped = page.evaluate("""() => { const li = document.querySelector('#gallery .item:last-child');
            return { name: li.querySelector('.name').textContent, state: li.className }; }""")
        browser.close()

    report = {"items": items, "summary": summary, "announced": announced, "focused": focused,
              "label": label, "foreign": foreign, "consoleErrors": console_errors, "dropped": dropped,
              "dragging": dragging}
    print(json.dumps(report))

    problems = []
    if focused != "files":
        problems.append(f"first Tab focused {focused!r}, not the file input")
    if foreign:
        problems.append(f"requests left the origin: {foreign}")
    if len(items) != total:
        problems.append(f"{len(items)} gallery items for {total} files")
    by_name = {item["name"]: item for item in items}
    for path in args.image:
        item = by_name.get(os.path.basename(path))
        if not item or item["state"] != "done":
            problems.append(f"{os.path.basename(path)}: no thumbnail ({item and item['status']})")
            continue
        match = re.match(r"^(\d+) × (\d+) px · [\d.]+ (B|KB|MB)( · (AVIF|WebP|JPEG|PNG))?$", item["facts"])
        if not match or int(match.group(1)) != item["imageWidth"] or int(match.group(2)) != item["imageHeight"]:
            problems.append(f"{item['name']}: facts {item['facts']!r} do not match the image "
                            f"{item['imageWidth']}×{item['imageHeight']}")
        if max(item["imageWidth"], item["imageHeight"]) <= 0 or not item["link"] or not item["alt"]:
            problems.append(f"{item['name']}: thumbnail not shown with alt text and link")
    bad = by_name.get(os.path.basename(args.corrupt))
    if not bad or bad["state"] != "failed" or "corrupt" not in bad["status"].lower():
        problems.append(f"corrupt file: expected an error beside it, got {bad}")
    failed = [item["name"] for item in items if item["state"] == "failed"]
    if failed != [os.path.basename(args.corrupt)]:
        problems.append(f"errors shown for {failed}, expected only the corrupt file")
    if not (announced or "").strip():
        problems.append("the live region announced nothing")
    if not dragging:
        problems.append("dragenter did not highlight the drop zone")
    if dropped["name"] != "dropped-" + os.path.basename(args.image[0]) or "done" not in dropped["state"]:
        problems.append(f"the dropped file gave no thumbnail: {dropped}")
    for problem in problems:
        print(f"FAIL: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
