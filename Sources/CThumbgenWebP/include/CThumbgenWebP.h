// CThumbgenWebP: the only place that includes libwebp headers (decode, demux, encode).
//
// libwebp reports every failure by return value (VP8StatusCode, NULL or 0) and never aborts or
// exits on bad input; each function here turns that into CTHUMBGEN_WEBP_OK / _ERROR and keeps a
// one-line message. The decoder works on the caller's bytes (not copied: keep them alive).
#ifndef CTHUMBGEN_WEBP_H
#define CTHUMBGEN_WEBP_H

#include <stddef.h>
#include <stdint.h>

#define CTHUMBGEN_WEBP_OK 0
#define CTHUMBGEN_WEBP_ERROR 1

/// What the RIFF container declares (VP8X canvas or the VP8/VP8L frame header); no pixels yet.
typedef struct {
    uint32_t width;     // canvas width in pixels
    uint32_t height;    // canvas height in pixels
    int has_alpha;      // VP8X alpha flag, ALPH chunk or VP8L alpha
    int has_animation;  // ANIM/ANMF: only the first frame is decoded (always RGBA)
    int lossless;       // VP8L bitstream (0 for lossy or mixed)
} cthumbgen_webp_header;

typedef struct cthumbgen_webp_decoder cthumbgen_webp_decoder;

/// Creates a decoder over `size` bytes at `data`. NULL when out of memory.
cthumbgen_webp_decoder *cthumbgen_webp_decoder_create(const uint8_t *data, size_t size);
/// Frees the decoder. Accepts NULL.
void cthumbgen_webp_decoder_destroy(cthumbgen_webp_decoder *decoder);
/// The message of the last failure (empty when none).
const char *cthumbgen_webp_decoder_message(const cthumbgen_webp_decoder *decoder);
/// Parses the RIFF container (WebPDemux) and the bitstream header (WebPGetFeatures).
int cthumbgen_webp_decoder_read_header(cthumbgen_webp_decoder *decoder, cthumbgen_webp_header *header);
/// The ICCP chunk payload (valid until destroy), or NULL/0 when absent. After read_header.
void cthumbgen_webp_decoder_icc(cthumbgen_webp_decoder *decoder, const uint8_t **bytes, size_t *length);
/// The EXIF chunk payload (TIFF data, sometimes with an "Exif\0\0" prefix), or NULL/0.
void cthumbgen_webp_decoder_exif(cthumbgen_webp_decoder *decoder, const uint8_t **bytes, size_t *length);
/// Decodes the (first frame's full canvas) into `buffer`: height rows of `stride` bytes, `channels`
/// 3 (RGB) or 4 (RGBA, not premultiplied). Animations need `channels` 4. `scaled_width` and
/// `scaled_height`, when both are non-zero and no animation is present, make libwebp's own
/// rescaler (`use_scaling`, an area average applied row by row as the picture decodes) write
/// the picture at that size instead, so no full-size buffer ever exists; the buffer's rows are
/// then of the scaled size.
int cthumbgen_webp_decoder_read(cthumbgen_webp_decoder *decoder, uint8_t *buffer, size_t stride, size_t capacity,
                                int channels, uint32_t scaled_width, uint32_t scaled_height);

/// Encodes 8-bit RGB (`channels` 3) or RGBA (4) pixels as a still WebP in memory.
///
/// `quality` 0...100 is libwebp's lossy quality factor (WebPConfig.quality); `method` 0...6 its
/// speed/size trade-off. Alpha, when present, is kept (lossless alpha plane, filter by
/// heuristics). No metadata chunks. On success *out is malloc'd: free it with cthumbgen_webp_free.
int cthumbgen_webp_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int channels, size_t stride,
                          float quality, int method,
                          uint8_t **out, size_t *out_length, char *message, size_t message_capacity);
/// Frees memory returned by cthumbgen_webp_encode.
void cthumbgen_webp_free(void *pointer);

#endif
