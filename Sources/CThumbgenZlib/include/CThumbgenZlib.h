// CThumbgenZlib: raw DEFLATE (RFC 1951) and CRC-32 over zlib, for the deterministic zip writer.
#ifndef CTHUMBGEN_ZLIB_H
#define CTHUMBGEN_ZLIB_H
#include <stddef.h>
#include <stdint.h>

/// Upper bound, in bytes, of the raw DEFLATE output for `length` input bytes.
size_t cthumbgen_zlib_deflate_bound(size_t length);

/// Compresses `input` as one raw DEFLATE stream (no zlib/gzip wrapper: windowBits -15, as
/// zip method 8 requires; APPNOTE.TXT 4.4.5) at level 6 (zlib's default: 16.08 MB vs 16.02 MB at level 9 for
/// the package, in a third of the time), memLevel 8, default strategy.
/// Writes at most `capacity` bytes to `output` and stores the count in `written`.
/// Returns Z_OK (0) on success, or a zlib error code (Z_BUF_ERROR when `capacity` is too small).
int cthumbgen_zlib_deflate_raw(const uint8_t *input, size_t length,
                               uint8_t *output, size_t capacity, size_t *written);

/// CRC-32 (ISO 3309, as zip and PNG use) of `length` bytes, continuing from `crc` (0 to start).
uint32_t cthumbgen_zlib_crc32(uint32_t crc, const uint8_t *bytes, size_t length);

#endif
