// CThumbgenJPEG: the only place that includes libjpeg(-turbo) headers.
//
// libjpeg reports fatal errors by calling error_exit, whose default calls exit(); Swift cannot
// catch a longjmp. Every function here installs its own error manager, calls setjmp inside C,
// and returns CTHUMBGEN_JPEG_OK or CTHUMBGEN_JPEG_ERROR with the library's message kept in the
// decoder (or copied into the caller's buffer for the encoder). No input can end the process.
#ifndef CTHUMBGEN_JPEG_H
#define CTHUMBGEN_JPEG_H

#include <stddef.h>
#include <stdint.h>

#define CTHUMBGEN_JPEG_OK 0
#define CTHUMBGEN_JPEG_ERROR 1
/// The decoder needs more memory than `max_memory` (progressive and multi-scan JPEGs keep
/// every DCT coefficient: about 2 bytes per sample for the whole image).
#define CTHUMBGEN_JPEG_MEMORY 2
/// The file has more than CTHUMBGEN_JPEG_MAX_SCANS scans (see shim.c, "scan limit").
#define CTHUMBGEN_JPEG_SCANS 3

/// The most scans a decoder accepts: 100 (real progressive files have about 10).
#define CTHUMBGEN_JPEG_MAX_SCANS 100
/// The most APP1 EXIF plus APP2 ICC bytes a decoder keeps: 4 MiB. EXIF is one segment
/// (≤ 65,533 bytes); an ICC profile may span up to 255 segments (16 MB), real ones under 1 MB.
/// Segments beyond the bound are skipped (the profile is then ignored).
#define CTHUMBGEN_JPEG_MAX_SAVED_BYTES (4u << 20)

/// Colour space of the compressed data (libjpeg's jpeg_color_space, reduced).
#define CTHUMBGEN_JPEG_CS_UNKNOWN 0
#define CTHUMBGEN_JPEG_CS_GRAY 1
#define CTHUMBGEN_JPEG_CS_YCBCR 2
#define CTHUMBGEN_JPEG_CS_RGB 3
#define CTHUMBGEN_JPEG_CS_CMYK 4
#define CTHUMBGEN_JPEG_CS_YCCK 5

/// What jpeg_read_header learned; no pixel memory has been allocated yet.
typedef struct {
    int width;          // pixels, as stored (before EXIF orientation)
    int height;         // pixels, as stored
    int components;     // num_components
    int color_space;    // CTHUMBGEN_JPEG_CS_*
    int saw_adobe;      // APP14 Adobe marker present (CMYK then stored inverted)
    int progressive;    // SOF2/SOF6/SOF10
    int arithmetic;     // arithmetic-coded
} cthumbgen_jpeg_header;

typedef struct cthumbgen_jpeg_decoder cthumbgen_jpeg_decoder;

/// Creates a decoder over `size` bytes at `data` (not copied: keep them alive). NULL when out of memory.
cthumbgen_jpeg_decoder *cthumbgen_jpeg_decoder_create(const uint8_t *data, size_t size);
/// Frees the decoder and everything it allocated. Accepts NULL.
void cthumbgen_jpeg_decoder_destroy(cthumbgen_jpeg_decoder *decoder);
/// The message of the last failure (empty string when none). Valid until destroy.
const char *cthumbgen_jpeg_decoder_message(const cthumbgen_jpeg_decoder *decoder);
/// Reads the markers up to the first SOS; keeps the first EXIF APP1 and the ICC_PROFILE APP2
/// segments (CTHUMBGEN_JPEG_MAX_SAVED_BYTES in all) and skips every other marker unread.
int cthumbgen_jpeg_decoder_read_header(cthumbgen_jpeg_decoder *decoder, cthumbgen_jpeg_header *header);
/// The first APP1 segment starting with "Exif\0\0" (pointer into the decoder, valid until destroy).
int cthumbgen_jpeg_decoder_exif(cthumbgen_jpeg_decoder *decoder, const uint8_t **bytes, size_t *length);
/// The ICC profile reassembled from all APP2 ICC_PROFILE segments (valid until destroy).
int cthumbgen_jpeg_decoder_icc(cthumbgen_jpeg_decoder *decoder, const uint8_t **bytes, size_t *length);
/// Starts decompression at scale `scale_num`/8 (1...8) into gray (1 channel), RGB (3) or CMYK (4),
/// with libjpeg's large buffers limited to `max_memory` bytes (0 = no limit; max_memory_to_use,
/// libjpeg.txt "Memory management"). Returns the output width, height (pixels) and channels.
/// Multi-scan files are read whole here: CTHUMBGEN_JPEG_SCANS past CTHUMBGEN_JPEG_MAX_SCANS,
/// CTHUMBGEN_JPEG_MEMORY past `max_memory`.
int cthumbgen_jpeg_decoder_start(cthumbgen_jpeg_decoder *decoder, int scale_num, long max_memory,
                                 int *out_width, int *out_height, int *out_channels);
/// Decodes every scanline into `buffer` (out_height rows of `stride` bytes).
int cthumbgen_jpeg_decoder_read(cthumbgen_jpeg_decoder *decoder, uint8_t *buffer, size_t stride,
                                size_t capacity);

/// Encodes 8-bit gray (channels 1) or RGB (channels 3) pixels into a JFIF JPEG in memory.
///
/// quality 1...100; progressive via jpeg_simple_progression; optimized Huffman tables;
/// chroma 4:2:0 when subsample is nonzero, else 4:4:4. `exif` (may be NULL) is written as an
/// APP1 segment after the JFIF APP0. On success *out is malloc'd: free it with cthumbgen_jpeg_free.
int cthumbgen_jpeg_encode(const uint8_t *pixels, int width, int height, int channels, size_t stride,
                          int quality, int progressive, int subsample,
                          const uint8_t *exif, size_t exif_length,
                          uint8_t **out, size_t *out_length, char *message, size_t message_capacity);
/// Frees memory returned by cthumbgen_jpeg_encode.
void cthumbgen_jpeg_free(void *pointer);

#endif
