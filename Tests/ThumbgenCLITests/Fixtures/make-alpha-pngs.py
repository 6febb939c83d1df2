#!/usr/bin/env python3
"""Writes the two RGBA PNG fixtures for `--format auto` (standard library only: zlib, struct).

opaque-rgba.png:            64x48 RGBA (colour type 6), a colour gradient, alpha 255 everywhere.
one-translucent-pixel.png:  the same, except the top-left pixel has alpha 254.

Run from this folder: python3 make-alpha-pngs.py
"""
import struct
import zlib


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png(width, height, alpha_at):
    rows = b""
    for y in range(height):
        rows += b"\x00" + b"".join(
            bytes([x * 4 % 256, y * 5 % 256, (x + y) * 2 % 256, alpha_at(x, y)]) for x in range(width))
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


with open("opaque-rgba.png", "wb") as f:
    f.write(png(64, 48, lambda x, y: 255))
with open("one-translucent-pixel.png", "wb") as f:
    f.write(png(64, 48, lambda x, y: 254 if (x, y) == (0, 0) else 255))
