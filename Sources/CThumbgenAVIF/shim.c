#include "CThumbgenAVIF.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <avif/avif.h>

// libavif (and the AV1 codecs and abseil it brings: 24 libraries) is loaded on first use with
// dlopen/dlsym, not at process start, so commands that never touch AVIF do not pay for it
// (issue 14). Every libavif function this file calls is listed once here; the #defines below
// route the calls through the resolved pointers.
#define CTHUMBGEN_AVIF_FUNCTIONS(X) \
    X(avifResultToString) \
    X(avifRWDataFree) \
    X(avifRGBImageSetDefaults) \
    X(avifDecoderCreate) \
    X(avifDecoderDestroy) \
    X(avifDecoderSetIOMemory) \
    X(avifDecoderParse) \
    X(avifDecoderNextImage) \
    X(avifImageYUVToRGB) \
    X(avifImageRGBToYUV) \
    X(avifImageCreate) \
    X(avifImageDestroy) \
    X(avifEncoderCreate) \
    X(avifEncoderWrite) \
    X(avifEncoderDestroy) \
    X(avifCodecVersions)

static struct {
#define CTHUMBGEN_AVIF_SLOT(name) __typeof__(&name) name;
    CTHUMBGEN_AVIF_FUNCTIONS(CTHUMBGEN_AVIF_SLOT)
#undef CTHUMBGEN_AVIF_SLOT
} cthumbgen_avif_library;

static pthread_once_t cthumbgen_avif_once = PTHREAD_ONCE_INIT;
static int cthumbgen_avif_loaded = 0;
static char cthumbgen_avif_error[512];

static void cthumbgen_avif_do_load(void) {
    // RTLD_LOCAL: libavif's symbols stay out of the global scope. The search path is the
    // executable's DT_RPATH/RUNPATH, then the system's (so the Lambda package's $ORIGIN works).
    void *library = dlopen(CTHUMBGEN_AVIF_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(cthumbgen_avif_error, sizeof cthumbgen_avif_error,
                 "%s is needed for AVIF but could not be loaded (%s); install libavif15", CTHUMBGEN_AVIF_SONAME,
                 reason ? reason : "not found");
        return;
    }
#define CTHUMBGEN_AVIF_RESOLVE(name)                                                                        \
    if ((*(void **)&cthumbgen_avif_library.name = dlsym(library, #name)) == NULL) {                        \
        snprintf(cthumbgen_avif_error, sizeof cthumbgen_avif_error, "%s has no %s", CTHUMBGEN_AVIF_SONAME, #name); \
        return;                                                                                             \
    }
    CTHUMBGEN_AVIF_FUNCTIONS(CTHUMBGEN_AVIF_RESOLVE)
#undef CTHUMBGEN_AVIF_RESOLVE
    cthumbgen_avif_loaded = 1;
}

// 1 when libavif is loaded (loading it on the first call), else 0 with cthumbgen_avif_load_error set.
static int cthumbgen_avif_load(void) {
    pthread_once(&cthumbgen_avif_once, cthumbgen_avif_do_load);
    return cthumbgen_avif_loaded;
}

const char *cthumbgen_avif_load_error(void) {
    cthumbgen_avif_load();
    return cthumbgen_avif_error[0] == '\0' ? NULL : cthumbgen_avif_error;
}

#define avifResultToString cthumbgen_avif_library.avifResultToString
#define avifRWDataFree cthumbgen_avif_library.avifRWDataFree
#define avifRGBImageSetDefaults cthumbgen_avif_library.avifRGBImageSetDefaults
#define avifDecoderCreate cthumbgen_avif_library.avifDecoderCreate
#define avifDecoderDestroy cthumbgen_avif_library.avifDecoderDestroy
#define avifDecoderSetIOMemory cthumbgen_avif_library.avifDecoderSetIOMemory
#define avifDecoderParse cthumbgen_avif_library.avifDecoderParse
#define avifDecoderNextImage cthumbgen_avif_library.avifDecoderNextImage
#define avifImageYUVToRGB cthumbgen_avif_library.avifImageYUVToRGB
#define avifImageRGBToYUV cthumbgen_avif_library.avifImageRGBToYUV
#define avifImageCreate cthumbgen_avif_library.avifImageCreate
#define avifImageDestroy cthumbgen_avif_library.avifImageDestroy
#define avifEncoderCreate cthumbgen_avif_library.avifEncoderCreate
#define avifEncoderWrite cthumbgen_avif_library.avifEncoderWrite
#define avifEncoderDestroy cthumbgen_avif_library.avifEncoderDestroy
#define avifCodecVersions cthumbgen_avif_library.avifCodecVersions

#define CTHUMBGEN_AVIF_MESSAGE 200

struct cthumbgen_avif_decoder {
    avifDecoder *decoder;
    int parsed;
    char message[CTHUMBGEN_AVIF_MESSAGE];
};

// The failure in a user's words: libavif's own strings and diagnostics name its internals
// ("BMFF parsing failed (Exceeded avifIO's sizeHint…)"), which a message must not show.
static const char *cthumbgen_avif_plain(avifResult result) {
    switch (result) {
    case AVIF_RESULT_TRUNCATED_DATA:
    case AVIF_RESULT_BMFF_PARSE_FAILED:
    case AVIF_RESULT_IO_ERROR: return "truncated or damaged file";
    case AVIF_RESULT_INVALID_FTYP: return "not an AVIF image (unknown brand)";
    case AVIF_RESULT_NO_CONTENT:
    case AVIF_RESULT_NO_AV1_ITEMS_FOUND:
    case AVIF_RESULT_NO_IMAGES_REMAINING: return "holds no image";
    case AVIF_RESULT_DECODE_COLOR_FAILED:
    case AVIF_RESULT_DECODE_ALPHA_FAILED: return "damaged image data";
    case AVIF_RESULT_COLOR_ALPHA_SIZE_MISMATCH:
    case AVIF_RESULT_ISPE_SIZE_MISMATCH:
    case AVIF_RESULT_INVALID_IMAGE_GRID: return "inconsistent image sizes";
    case AVIF_RESULT_UNSUPPORTED_DEPTH:
    case AVIF_RESULT_NOT_IMPLEMENTED: return "uses a feature that is not supported";
    case AVIF_RESULT_NO_CODEC_AVAILABLE: return "no AV1 codec is available";
    case AVIF_RESULT_OUT_OF_MEMORY: return "out of memory";
    default: return "cannot be decoded";
    }
}

static void cthumbgen_avif_fail(cthumbgen_avif_decoder *decoder, avifResult result) {
    snprintf(decoder->message, sizeof decoder->message, "%s", cthumbgen_avif_plain(result));
}

cthumbgen_avif_decoder *cthumbgen_avif_decoder_create(const uint8_t *data, size_t size) {
    if (!cthumbgen_avif_load()) return NULL;
    cthumbgen_avif_decoder *decoder = calloc(1, sizeof(cthumbgen_avif_decoder));
    if (!decoder) return NULL;
    decoder->decoder = avifDecoderCreate();
    if (!decoder->decoder) { free(decoder); return NULL; }
    decoder->decoder->maxThreads = 1;
    decoder->decoder->ignoreExif = AVIF_TRUE;
    decoder->decoder->ignoreXMP = AVIF_TRUE;
    if (avifDecoderSetIOMemory(decoder->decoder, data, size) != AVIF_RESULT_OK) {
        avifDecoderDestroy(decoder->decoder);
        free(decoder);
        return NULL;
    }
    return decoder;
}

void cthumbgen_avif_decoder_destroy(cthumbgen_avif_decoder *decoder) {
    if (!decoder) return;
    avifDecoderDestroy(decoder->decoder);
    free(decoder);
}

const char *cthumbgen_avif_decoder_message(const cthumbgen_avif_decoder *decoder) {
    return decoder ? decoder->message : "out of memory";
}

int cthumbgen_avif_decoder_read_header(cthumbgen_avif_decoder *decoder, cthumbgen_avif_header *header) {
    memset(header, 0, sizeof *header);
    if (!decoder->parsed) {
        avifResult result = avifDecoderParse(decoder->decoder);
        if (result != AVIF_RESULT_OK) { cthumbgen_avif_fail(decoder, result); return CTHUMBGEN_AVIF_ERROR; }
        decoder->parsed = 1;
    }
    const avifImage *image = decoder->decoder->image;
    header->width = image->width;
    header->height = image->height;
    header->depth = (int)image->depth;
    header->has_alpha = decoder->decoder->alphaPresent ? 1 : 0;
    header->monochrome = image->yuvFormat == AVIF_PIXEL_FORMAT_YUV400 ? 1 : 0;
    header->rotation = (image->transformFlags & AVIF_TRANSFORM_IROT) ? (image->irot.angle & 3) : 0;
    header->mirror = (image->transformFlags & AVIF_TRANSFORM_IMIR) ? (image->imir.mode & 1) : -1;
    header->image_count = decoder->decoder->imageCount;
    if (header->width == 0 || header->height == 0) {
        snprintf(decoder->message, sizeof decoder->message, "zero image size");
        return CTHUMBGEN_AVIF_ERROR;
    }
    return CTHUMBGEN_AVIF_OK;
}

void cthumbgen_avif_decoder_icc(cthumbgen_avif_decoder *decoder, const uint8_t **bytes, size_t *length) {
    const avifImage *image = decoder->parsed ? decoder->decoder->image : NULL;
    *bytes = image && image->icc.size ? image->icc.data : NULL;
    *length = image ? image->icc.size : 0;
}

int cthumbgen_avif_decoder_read(cthumbgen_avif_decoder *decoder, uint8_t *buffer, size_t stride, size_t capacity,
                                int channels, uint32_t max_pixels) {
    if (!decoder->parsed || (channels != 3 && channels != 4)) {
        snprintf(decoder->message, sizeof decoder->message, "decoder used out of order");
        return CTHUMBGEN_AVIF_ERROR;
    }
    // The AV1 decoder's own frame-size limit (dav1d frame_size_limit), read when its codec opens.
    decoder->decoder->imageSizeLimit = max_pixels == 0 || max_pixels > AVIF_DEFAULT_IMAGE_SIZE_LIMIT
                                           ? AVIF_DEFAULT_IMAGE_SIZE_LIMIT : max_pixels;
    avifResult result = avifDecoderNextImage(decoder->decoder);
    if (result != AVIF_RESULT_OK) { cthumbgen_avif_fail(decoder, result); return CTHUMBGEN_AVIF_ERROR; }
    const avifImage *image = decoder->decoder->image;
    if (stride < (size_t)image->width * (size_t)channels || capacity / stride < image->height) {
        snprintf(decoder->message, sizeof decoder->message, "image size changed while decoding");
        return CTHUMBGEN_AVIF_ERROR;
    }
    avifRGBImage rgb;
    avifRGBImageSetDefaults(&rgb, image);
    rgb.depth = 8;
    rgb.format = channels == 4 ? AVIF_RGB_FORMAT_RGBA : AVIF_RGB_FORMAT_RGB;
    rgb.pixels = buffer;
    rgb.rowBytes = (uint32_t)stride;
    result = avifImageYUVToRGB(image, &rgb);
    if (result != AVIF_RESULT_OK) { cthumbgen_avif_fail(decoder, result); return CTHUMBGEN_AVIF_ERROR; }
    return CTHUMBGEN_AVIF_OK;
}

// MARK: encoder

static avifCodecChoice cthumbgen_avif_codec(const char *name) {
    if (!name) return AVIF_CODEC_CHOICE_AUTO;
    if (strcmp(name, "aom") == 0) return AVIF_CODEC_CHOICE_AOM;
    if (strcmp(name, "rav1e") == 0) return AVIF_CODEC_CHOICE_RAV1E;
    if (strcmp(name, "svt") == 0) return AVIF_CODEC_CHOICE_SVT;
    return AVIF_CODEC_CHOICE_AUTO;
}

int cthumbgen_avif_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int channels, size_t stride,
                          int quantizer, int speed, const char *codec,
                          uint8_t **out, size_t *out_length, char *message, size_t message_capacity) {
    *out = NULL;
    *out_length = 0;
    if (!cthumbgen_avif_load()) {
        if (message && message_capacity) snprintf(message, message_capacity, "%s", cthumbgen_avif_error);
        return CTHUMBGEN_AVIF_ERROR;
    }
    if ((channels != 3 && channels != 4) || stride > UINT32_MAX || width == 0 || height == 0) {
        if (message && message_capacity) snprintf(message, message_capacity, "invalid AVIF settings or size");
        return CTHUMBGEN_AVIF_ERROR;
    }
    int q = quantizer < 0 ? 0 : quantizer > 63 ? 63 : quantizer;
    avifImage *image = avifImageCreate(width, height, 8, AVIF_PIXEL_FORMAT_YUV420);
    avifEncoder *encoder = avifEncoderCreate();
    avifRWData output = AVIF_DATA_EMPTY;
    avifResult result = AVIF_RESULT_OUT_OF_MEMORY;
    if (!image || !encoder) goto done;
    image->matrixCoefficients = AVIF_MATRIX_COEFFICIENTS_BT601;
    image->yuvRange = AVIF_RANGE_FULL;
    image->colorPrimaries = AVIF_COLOR_PRIMARIES_BT709;
    image->transferCharacteristics = AVIF_TRANSFER_CHARACTERISTICS_SRGB;
    avifRGBImage rgb;
    avifRGBImageSetDefaults(&rgb, image);
    rgb.depth = 8;
    rgb.format = channels == 4 ? AVIF_RGB_FORMAT_RGBA : AVIF_RGB_FORMAT_RGB;
    rgb.pixels = (uint8_t *)pixels;
    rgb.rowBytes = (uint32_t)stride;
    result = avifImageRGBToYUV(image, &rgb);
    if (result != AVIF_RESULT_OK) goto done;
    encoder->codecChoice = cthumbgen_avif_codec(codec);
    encoder->maxThreads = 1;
    encoder->speed = speed < 0 ? 0 : speed > 10 ? 10 : speed;
    encoder->minQuantizer = q;
    encoder->maxQuantizer = q;
    encoder->minQuantizerAlpha = q;
    encoder->maxQuantizerAlpha = q;
    result = avifEncoderWrite(encoder, image, &output);
done:
    if (encoder) avifEncoderDestroy(encoder);
    if (image) avifImageDestroy(image);
    if (result != AVIF_RESULT_OK) {
        avifRWDataFree(&output);
        if (message && message_capacity) snprintf(message, message_capacity, "%s", avifResultToString(result));
        return CTHUMBGEN_AVIF_ERROR;
    }
    // Hand the caller a malloc'd copy so that one free function fits every shim.
    *out = malloc(output.size ? output.size : 1);
    if (!*out) {
        avifRWDataFree(&output);
        if (message && message_capacity) snprintf(message, message_capacity, "out of memory");
        return CTHUMBGEN_AVIF_ERROR;
    }
    memcpy(*out, output.data, output.size);
    *out_length = output.size;
    avifRWDataFree(&output);
    return CTHUMBGEN_AVIF_OK;
}

void cthumbgen_avif_free(void *pointer) { free(pointer); }

void cthumbgen_avif_codec_versions(char *buffer, size_t capacity) {
    char versions[256];
    if (!cthumbgen_avif_load()) {
        if (buffer && capacity) snprintf(buffer, capacity, "unavailable");
        return;
    }
    avifCodecVersions(versions);
    if (buffer && capacity) snprintf(buffer, capacity, "%s", versions);
}
