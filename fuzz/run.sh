#!/usr/bin/env bash
# Fuzzes one format: fuzz/run.sh FORMAT [extra libFuzzer flags...]
#   FORMAT: jpeg | png | webp | avif (seeds in fuzz/seeds/FORMAT).
# Limits are issue 12's goals: 256 MB RSS (and no single allocation over it), 2 s per input.
# New interesting inputs go to fuzz/corpus/FORMAT (kept in git, small); seeds are read-only.
# Crashes, timeouts and out-of-memory inputs are written to .build-fuzz/artifacts/FORMAT/.
set -euo pipefail
cd "$(dirname "$0")/.."
format="$1"; shift
binary="${FUZZ_BINARY:-.build-fuzz/fuzz-thumbnail}"
[ -x "$binary" ] || fuzz/build.sh >/dev/null
mkdir -p "fuzz/corpus/$format" ".build-fuzz/artifacts/$format"
THUMBGEN_FUZZ_FORMAT="$format" ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:quarantine_size_mb=16}" exec "$binary" \
    -rss_limit_mb=256 -malloc_limit_mb=256 -timeout=2 -max_len=16384 -print_final_stats=1 \
    -artifact_prefix=".build-fuzz/artifacts/$format/" "$@" "fuzz/corpus/$format" "fuzz/seeds/$format"
