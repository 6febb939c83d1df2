#!/usr/bin/env python3
"""Writes flat-4mp.png: a 2000 x 2000 8-bit RGB PNG of one grey (4 megapixels, under
thumbgen's default --max-pixels of 100 M), small on disk but a real decode and resize:
the slow image job of ServeImagePoolTests."""
import struct, zlib, sys

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

width = height = 2000
row = b"\x00" + b"\x80" * (3 * width)
compressor = zlib.compressobj(9)
data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
open(sys.argv[1] if len(sys.argv) > 1 else "flat-4mp.png", "wb").write(png)
