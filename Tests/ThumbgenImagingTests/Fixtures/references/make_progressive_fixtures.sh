#!/bin/sh
# Progressive JPEG fixtures with unusual scan orders, and their pixels decoded by djpeg.
#
# Run from Tests/ThumbgenImagingTests/Fixtures:
#     sh references/make_progressive_fixtures.sh > references/progressive-djpeg.tsv
# Needs: cjpeg, jpegtran, djpeg (Debian 12 package libjpeg-turbo-progs 2.1.5), md5sum, python3.
#
# The source is kodim23_384x256.rgb (see README.md). Each fixture exercises a path of the
# decoder's DC-only coefficient store (CThumbgenJPEG/shim.c), which serves scale 1/8:
#   progressive-444.jpg        4:4:4, jpegtran's default script: every component DC-only;
#                              reading stops after the DC scans.
#   progressive-420.jpg        4:2:0: luma DC-only, chroma kept whole (scaled 2x2 by libjpeg).
#   progressive-444-dclast.jpg 4:4:4, DC refined last, after AC refinement scans: the store
#                              must know which AC coefficients are nonzero to parse them.
#   progressive-noninterleaved.jpg 4:2:0, one DC scan per component, chroma DC after luma AC.
#   progressive-gray.jpg       one component, DC refined between AC scans.
#   progressive-arithmetic.jpg 4:4:4, arithmetic-coded progression.
#   progressive-444-cut.jpg    progressive-444-dclast.jpg cut after its last DC scan: every
#                              coefficient a 1/8 decode needs is there, yet the file is
#                              truncated and must fail as a whole decode does.
#   progressive-dconly.jpg     4:4:4, one DC scan and no AC data at all (jpegtran allows it):
#                              block smoothing then rewrites every DC from its neighbours
#                              (libjpeg-turbo 2.1), so reading must not stop after that scan.
#   progressive-gray-dchalf.jpg one component, DC sent at Al = 1 and never refined: smoothing
#                              reads, at output iMCU row 1, a row beyond the rows it asks for.
#   progressive-chroma-over-luma.jpg  -sample 1x1,2x2,1x1 (Cb sampled more than Y): at 1/8
#                              only Cb is DC-only.
#   progressive-bands.jpg      4:4:4, DC refined last; AC sent and refined in bands that differ
#                              from scan to scan: the store rebuilds and folds back only the
#                              band Ss...Se of each AC scan, keeping the bits outside it.
#   progressive-bands-arithmetic.jpg the same scans, arithmetic-coded.
#   progressive-dc-resent.jpg  progressive-444-dclast.jpg with its first DC scan (Ah = 0,
#                              Al = 2) sent again before EOI: T.81 forbids it, libjpeg decodes
#                              the DCs anew without a warning, so reading must not stop early.
#   progressive-420-ac-resent.jpg progressive-420.jpg with its first Cr AC scan sent again
#                              (Cr is not DC-only at 1/8: every coefficient of it counts).
#   progressive-bad-last-scan.jpg progressive-444.jpg whose last scan (luma AC, after every
#                              coefficient a 1/8 decode needs) has Ah = Al = 1, which libjpeg
#                              refuses: refused at 1/8 too, though that scan is never decoded.
#   progressive-cut-com-eoi.jpg progressive-444-cut.jpg followed by a comment holding FF D9:
#                              no EOI marker, so still cut short.
# Columns: fixture, scale (numerator over 8), width, height, MD5 of djpeg's 8-bit pixel rows
# (`djpeg -dct int -scale N/8`, the decode every libjpeg program does, no store), or the error.
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
{ printf 'P6\n384 256\n255\n'; cat kodim23_384x256.rgb; } > "$work/source.ppm"
cat > "$work/dclast.txt" <<'SCANS'
0,1,2: 0 0 0 2;
0: 1 5 0 2;
2: 1 63 0 1;
1: 1 63 0 1;
0: 6 63 0 2;
0: 1 63 2 1;
0,1,2: 0 0 2 1;
0,1,2: 0 0 1 0;
2: 1 63 1 0;
1: 1 63 1 0;
0: 1 63 1 0;
SCANS
cat > "$work/noninterleaved.txt" <<'SCANS'
0: 0 0 0 1;
0: 1 9 0 0;
1: 0 0 0 0;
2: 0 0 0 0;
1: 1 63 0 0;
0: 10 63 0 0;
2: 1 63 0 0;
0: 0 0 1 0;
SCANS
cat > "$work/gray.txt" <<'SCANS'
0: 0 0 0 3;
0: 1 5 0 2;
0: 0 0 3 2;
0: 6 63 0 2;
0: 1 63 2 1;
0: 0 0 2 1;
0: 0 0 1 0;
0: 1 63 1 0;
SCANS
cjpeg -quality 90 -sample 1x1 -progressive "$work/source.ppm" > progressive-444.jpg
cjpeg -quality 90 -sample 2x2 -progressive "$work/source.ppm" > progressive-420.jpg
cjpeg -quality 90 -sample 1x1 "$work/source.ppm" > "$work/444.jpg"
cjpeg -quality 90 -sample 2x2 "$work/source.ppm" > "$work/420.jpg"
jpegtran -scans "$work/dclast.txt" "$work/444.jpg" > progressive-444-dclast.jpg
jpegtran -scans "$work/noninterleaved.txt" "$work/420.jpg" > progressive-noninterleaved.jpg
cjpeg -quality 90 -grayscale "$work/source.ppm" | jpegtran -scans "$work/gray.txt" > progressive-gray.jpg
jpegtran -arithmetic -progressive "$work/444.jpg" > progressive-arithmetic.jpg
cat > "$work/bands.txt" <<'SCANS'
0,1,2: 0 0 0 1;
0: 1 2 0 2;
0: 3 9 0 2;
0: 10 63 0 2;
1: 1 63 0 1;
2: 1 63 0 1;
0: 1 63 2 1;
0: 5 20 1 0;
0: 1 4 1 0;
0: 21 63 1 0;
1: 1 30 1 0;
1: 31 63 1 0;
2: 1 63 1 0;
0,1,2: 0 0 1 0;
SCANS
jpegtran -scans "$work/bands.txt" "$work/444.jpg" > progressive-bands.jpg
jpegtran -arithmetic -scans "$work/bands.txt" "$work/444.jpg" > progressive-bands-arithmetic.jpg
printf '0,1,2: 0 0 0 0;\n' > "$work/dconly.txt"
printf '0: 0 0 0 1;\n' > "$work/dchalf.txt"
jpegtran -scans "$work/dconly.txt" "$work/444.jpg" > progressive-dconly.jpg
cjpeg -quality 90 -grayscale "$work/source.ppm" | jpegtran -scans "$work/dchalf.txt" > progressive-gray-dchalf.jpg
cjpeg -quality 90 -sample 1x1,2x2,1x1 -progressive "$work/source.ppm" > progressive-chroma-over-luma.jpg
# The byte before the first AC scan after the last DC scan (SOS marker FF DA number 9).
cut=$(od -An -v -tx1 progressive-444-dclast.jpg | tr -s ' \n' '\n\n' | grep -v '^$' \
    | awk 'prev == "ff" && $1 == "da" { n++; if (n == 9) { print NR - 2; exit } } { prev = $1 }')
head -c "$cut" progressive-444-dclast.jpg > progressive-444-cut.jpg
# Scans are cut out with the Huffman tables (DHT, FF C4) sent just before them: an SOS marker
# segment (FF DA) and the entropy-coded data after it, which runs to the next marker other than
# FF 00 and RSTn (T.81 B.1.1.5).
python3 - <<'PY'
def scans(data):
    found, tables, at = [], b"", 2
    while data[at + 1] != 0xD9:
        end = at + 2 + int.from_bytes(data[at + 2:at + 4], "big")
        if data[at + 1] == 0xDA:
            while not (data[end] == 0xFF and data[end + 1] != 0 and not 0xD0 <= data[end + 1] <= 0xD7):
                end += 1
            found.append(tables + data[at:end])
        tables = tables + data[at:end] if data[at + 1] == 0xC4 else b""
        at = end
    return found
def resend(source, index, target):
    data = open(source, "rb").read()
    assert data.endswith(b"\xff\xd9")
    open(target, "wb").write(data[:-2] + scans(data)[index] + b"\xff\xd9")
resend("progressive-444-dclast.jpg", 0, "progressive-dc-resent.jpg")
resend("progressive-420.jpg", 2, "progressive-420-ac-resent.jpg")
last = bytearray(open("progressive-444.jpg", "rb").read())
at = last.rfind(b"\xff\xda")
last[at + 2 + int.from_bytes(last[at + 2:at + 4], "big") - 1] = 0x11  # Ah = 1, Al = 1
open("progressive-bad-last-scan.jpg", "wb").write(last)
cut = open("progressive-444-cut.jpg", "rb").read()
open("progressive-cut-com-eoi.jpg", "wb").write(cut + b"\xff\xfe\x00\x06ab\xff\xd9")
PY
printf 'fixture\tscale\twidth\theight\tmd5 or error\n'
for file in progressive-444.jpg progressive-420.jpg progressive-444-dclast.jpg progressive-noninterleaved.jpg \
    progressive-gray.jpg progressive-arithmetic.jpg progressive-444-cut.jpg progressive-dconly.jpg \
    progressive-gray-dchalf.jpg progressive-chroma-over-luma.jpg progressive-dc-resent.jpg \
    progressive-420-ac-resent.jpg progressive-cut-com-eoi.jpg progressive-bands.jpg progressive-bands-arithmetic.jpg \
    progressive-bad-last-scan.jpg; do
    for scale in 1 2 8; do
        if djpeg -dct int -scale "$scale/8" "$file" > "$work/out.pnm" 2> "$work/err.txt" && [ ! -s "$work/err.txt" ]; then
            size=$(head -2 "$work/out.pnm" | tail -1)
            md5=$(tail -c +$(( $(head -3 "$work/out.pnm" | wc -c) + 1 )) "$work/out.pnm" | md5sum | cut -d' ' -f1)
            printf '%s\t%s\t%s\t%s\t%s\n' "$file" "$scale" "${size% *}" "${size#* }" "$md5"
        else
            printf '%s\t%s\t-\t-\terror: %s\n' "$file" "$scale" "$(sed 's/^djpeg: //;s/^Corrupt JPEG data: //' "$work/err.txt" | head -1)"
        fi
    done
done
