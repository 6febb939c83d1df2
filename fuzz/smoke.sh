#!/usr/bin/env bash
# CI's short fuzzing run: builds the harness, replays each format's kept corpus and seeds, then
# runs FUZZ_SMOKE_RUNS (default 4000) mutations from seed 1 (at most FUZZ_SMOKE_SECONDS, default
# 60). Fails on any crash, leak, timeout or OOM.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzz/build.sh >/dev/null
for format in jpeg png webp avif; do
    echo "== fuzz smoke: $format"
    log=".build-fuzz/smoke-$format.log"
    status=0
    # The smoke build carries AddressSanitizer, whose shadow memory and quarantine count towards
    # RSS (the JPEG replay peaked at 230 MB): the process limit gets that headroom, while the
    # single-allocation limit stays at the product's 256 MB.
    # A fixed seed and run count: the smoke is the same run every time (a regression check of
    # the kept corpus plus a bounded search), so CI never fails on what a new random search
    # happened to find; the open-ended search is fuzz/run.sh's (fuzz/README.md).
    fuzz/run.sh "$format" -seed=1 -runs="${FUZZ_SMOKE_RUNS:-4000}" -max_total_time="${FUZZ_SMOKE_SECONDS:-60}" \
        -rss_limit_mb=448 >"$log" 2>&1 || status=$?
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY)' "$log" || true
    if [ "$status" -ne 0 ]; then
        tail -40 "$log"
        echo "fuzz smoke: $format failed (exit $status; inputs in .build-fuzz/artifacts/$format/)"
        exit 1
    fi
done
