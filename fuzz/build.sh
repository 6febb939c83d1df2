#!/usr/bin/env bash
# Builds fuzz/FuzzThumbnail.swift with the ThumbgenImaging sources and the C shims into one
# libFuzzer binary: .build-fuzz/fuzz-thumbnail (fuzz-thumbnail-fast without sanitizers). C shims with AddressSanitizer and libFuzzer's
# coverage; the Swift code with -sanitize=fuzzer,address. Uses the Swift toolchain's clang
# (it carries libFuzzer): SWIFT_BIN (default: the directory of `swiftc` on PATH, else /opt/swift/usr/bin).
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT_BIN="${SWIFT_BIN:-$(dirname "$(command -v swiftc || echo /opt/swift/usr/bin/swiftc)")}"
OUT=.build-fuzz
mkdir -p "$OUT/modules"
# FUZZ_SANITIZE: address (default), undefined, or none (about twice the executions per second,
# for long runs; crashes still show, silent memory errors in C do not).
SANITIZE="${FUZZ_SANITIZE:-address}"
if [ "$SANITIZE" = none ]; then C_SANITIZE=fuzzer-no-link; SWIFT_SANITIZE=fuzzer; BINARY=fuzz-thumbnail-fast
else C_SANITIZE="fuzzer-no-link,$SANITIZE"; SWIFT_SANITIZE="fuzzer,$SANITIZE"; BINARY=fuzz-thumbnail; fi

shims=()
for target in CThumbgenJPEG CThumbgenPNG CThumbgenLCMS CThumbgenWebP CThumbgenAVIF; do
    "$SWIFT_BIN/clang" -c -g -O1 -fsanitize="$C_SANITIZE" -I "Sources/$target/include" \
        "Sources/$target/shim.c" -o "$OUT/$target-$SANITIZE.o"
    mkdir -p "$OUT/modules/$target"
    printf 'module %s {\n    header "%s"\n    export *\n}\n' "$target" "$PWD/Sources/$target/include/$target.h" \
        > "$OUT/modules/$target/module.modulemap"
    shims+=("$OUT/$target-$SANITIZE.o")
done

# Every ThumbgenImaging source plus the entry point, as one module (no `import ThumbgenImaging`).
mapfile -t sources < <(find Sources/ThumbgenImaging -name '*.swift' | sort)
"$SWIFT_BIN/swiftc" -O -g -parse-as-library -sanitize="$SWIFT_SANITIZE" \
    -enable-upcoming-feature ExistentialAny -module-name ThumbgenFuzz -package-name thumbgen \
    -I "$OUT/modules/CThumbgenJPEG" -I "$OUT/modules/CThumbgenPNG" -I "$OUT/modules/CThumbgenLCMS" \
    -I "$OUT/modules/CThumbgenWebP" -I "$OUT/modules/CThumbgenAVIF" \
    "${sources[@]}" fuzz/FuzzThumbnail.swift "${shims[@]}" -ljpeg -lpng16 -llcms2 -lwebp -lwebpdemux -lavif \
    -o "$OUT/$BINARY"
echo "$OUT/$BINARY"
