// CThumbgenPNG: the only place that includes libpng headers.
//
// libpng reports errors by calling the error function, then longjmp; every function here
// installs its own error and warning functions, calls setjmp inside C, and returns
// CTHUMBGEN_PNG_OK or CTHUMBGEN_PNG_ERROR with libpng's message kept for the caller.
#ifndef CTHUMBGEN_PNG_H
#define CTHUMBGEN_PNG_H

#include <stddef.h>
#include <stdint.h>

#define CTHUMBGEN_PNG_OK 0
#define CTHUMBGEN_PNG_ERROR 1
/// The declared size exceeds the caller's pixel or row-bytes limit (nothing was allocated for it).
#define CTHUMBGEN_PNG_LIMIT 2

/// The largest ancillary chunk libpng may allocate or inflate (iCCP, eXIf), in bytes:
/// libpng's documented default PNG_USER_CHUNK_MALLOC_MAX (png_set_chunk_malloc_max).
#define CTHUMBGEN_PNG_MAX_CHUNK_BYTES 8000000

/// What the IHDR (and the chunks before IDAT) declare, before any pixel memory is allocated.
typedef struct {
    uint32_t width;       // pixels
    uint32_t height;      // pixels
    int bit_depth;        // 1, 2, 4, 8 or 16
    int color_type;       // PNG spec 11.2.2: 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA
    int interlaced;       // Adam7
    int has_trns;         // tRNS chunk present (becomes an alpha channel)
    int has_srgb;         // sRGB chunk present
    int channels;         // output channels after the transforms: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA
} cthumbgen_png_header;

typedef struct cthumbgen_png_decoder cthumbgen_png_decoder;

/// Creates a decoder over `size` bytes at `data` (not copied: keep them alive). NULL when out of memory.
cthumbgen_png_decoder *cthumbgen_png_decoder_create(const uint8_t *data, size_t size);
/// Frees the decoder. Accepts NULL.
void cthumbgen_png_decoder_destroy(cthumbgen_png_decoder *decoder);
/// The message of the last failure (empty when none).
const char *cthumbgen_png_decoder_message(const cthumbgen_png_decoder *decoder);
/// Reads the signature and the chunks up to the first IDAT. Text, time and other unused
/// ancillary chunks are skipped without being inflated. Before libpng reads anything, and
/// again after the chunks before IDAT, width x height is checked against `max_pixels` and the
/// widest row libpng will buffer against `max_row_bytes` (0 = no limit): CTHUMBGEN_PNG_LIMIT
/// with a message when either is exceeded. Allocates no row or pixel memory.
int cthumbgen_png_decoder_read_header(cthumbgen_png_decoder *decoder, cthumbgen_png_header *header,
                                      uint64_t max_pixels, uint64_t max_row_bytes);
/// Sets up the transforms to 8-bit gray, gray+alpha, RGB or RGBA (palette expanded, tRNS to
/// alpha, 16 bits scaled, Adam7 handled) and lets libpng allocate its row buffers. Call after a
/// successful read_header, before read.
int cthumbgen_png_decoder_prepare(cthumbgen_png_decoder *decoder);
/// The iCCP profile, decompressed (pointer valid until destroy), or NULL/0 when absent.
int cthumbgen_png_decoder_icc(cthumbgen_png_decoder *decoder, const uint8_t **bytes, size_t *length);
/// The eXIf chunk (TIFF data, no "Exif\0\0" prefix; pointer valid until destroy), or NULL/0.
int cthumbgen_png_decoder_exif(cthumbgen_png_decoder *decoder, const uint8_t **bytes, size_t *length);
/// Decodes the whole image into `buffer` (height rows of `stride` bytes).
int cthumbgen_png_decoder_read(cthumbgen_png_decoder *decoder, uint8_t *buffer, size_t stride, size_t capacity);

/// Encodes 8-bit pixels (channels 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA) into a PNG in memory.
///
/// `level` is the zlib level 0...9; `filters` nonzero enables adaptive filtering (all five
/// filters), zero uses filter None for every row. No time or text chunks: output is deterministic.
/// On success *out is malloc'd: free it with cthumbgen_png_free.
int cthumbgen_png_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int channels, size_t stride,
                         int level, int filters,
                         uint8_t **out, size_t *out_length, char *message, size_t message_capacity);
/// Frees memory returned by cthumbgen_png_encode.
void cthumbgen_png_free(void *pointer);

#endif
