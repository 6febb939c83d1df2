// CThumbgenAVIF: the only place that includes libavif headers.
//
// libavif reports every failure as an avifResult (it never aborts or exits on bad input); each
// function here returns CTHUMBGEN_AVIF_OK / _ERROR and keeps libavif's one-line message. The
// decoder reads the caller's bytes in place (not copied: keep them alive).
#ifndef CTHUMBGEN_AVIF_H
#define CTHUMBGEN_AVIF_H

#include <stddef.h>
#include <stdint.h>

#define CTHUMBGEN_AVIF_OK 0
#define CTHUMBGEN_AVIF_ERROR 1

/// What the HEIF boxes declare (ispe, pixi, av1C, irot, imir, colr); no pixels decoded yet.
typedef struct {
    uint32_t width;     // pixels, as stored (before irot/imir)
    uint32_t height;    // pixels, as stored
    int depth;          // bits per sample: 8, 10 or 12
    int has_alpha;      // an auxiliary alpha image is present
    int monochrome;     // YUV 4:0:0
    int rotation;       // irot angle in units of 90° anti-clockwise (0...3), 0 when absent
    int mirror;         // imir mode: -1 absent, 0 top/bottom exchanged, 1 left/right exchanged
    int image_count;    // 1 for a still image, the frame count of an image sequence (avis)
} cthumbgen_avif_header;

typedef struct cthumbgen_avif_decoder cthumbgen_avif_decoder;

/// The libavif soname the shim loads with dlopen on first use (not at process start); the
/// Lambda package carries it because `LambdaPackage.lazyLibraries` names it.
#define CTHUMBGEN_AVIF_SONAME "libavif.so.15"

/// Why libavif could not be loaded (trying to load it first if that was not tried yet), or
/// NULL when it is loaded: one line naming the library and the loader's reason.
const char *cthumbgen_avif_load_error(void);

/// Creates a decoder over `size` bytes at `data`. EXIF and XMP are ignored (thumbnails strip
/// them). NULL when out of memory or when libavif cannot be loaded (cthumbgen_avif_load_error).
cthumbgen_avif_decoder *cthumbgen_avif_decoder_create(const uint8_t *data, size_t size);
/// Frees the decoder. Accepts NULL.
void cthumbgen_avif_decoder_destroy(cthumbgen_avif_decoder *decoder);
/// The message of the last failure (empty when none).
const char *cthumbgen_avif_decoder_message(const cthumbgen_avif_decoder *decoder);
/// Parses the boxes (avifDecoderParse); allocates no pixel planes.
int cthumbgen_avif_decoder_read_header(cthumbgen_avif_decoder *decoder, cthumbgen_avif_header *header);
/// The colr/prof ICC profile (valid until destroy), or NULL/0 when absent. After read_header.
void cthumbgen_avif_decoder_icc(cthumbgen_avif_decoder *decoder, const uint8_t **bytes, size_t *length);
/// Decodes the first image and converts it to 8-bit RGB (`channels` 3) or RGBA (4, not
/// premultiplied) into `buffer` (height rows of `stride` bytes), as avifdec -d 8 does.
/// `max_pixels` caps what the AV1 decoder may allocate (dav1d's frame size limit).
int cthumbgen_avif_decoder_read(cthumbgen_avif_decoder *decoder, uint8_t *buffer, size_t stride, size_t capacity,
                                int channels, uint32_t max_pixels);

/// Encodes 8-bit RGB (`channels` 3) or RGBA (4) pixels as an AVIF still image in memory.
///
/// `quantizer` 0 (best) ... 63 (worst) for colour and alpha (alpha is kept); `speed` 0...10
/// (libavif's AVIF_SPEED); `codec` "aom", "rav1e", "svt" or NULL for libavif's default. YUV
/// 4:2:0 (what the quality mapping was measured with), BT.601 full range, one thread. On success *out is malloc'd: free
/// it with cthumbgen_avif_free.
int cthumbgen_avif_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int channels, size_t stride,
                          int quantizer, int speed, const char *codec,
                          uint8_t **out, size_t *out_length, char *message, size_t message_capacity);
/// Frees memory returned by cthumbgen_avif_encode.
void cthumbgen_avif_free(void *pointer);
/// The AV1 codecs libavif was built with, e.g. "dav1d [dec]:1.0.0, aom [enc/dec]:v3.6.0".
void cthumbgen_avif_codec_versions(char *buffer, size_t capacity);

#endif
