#include "CThumbgenPNG.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <png.h>

#define CTHUMBGEN_PNG_MESSAGE 200

typedef struct {
    char message[CTHUMBGEN_PNG_MESSAGE];
} cthumbgen_png_error;

static void cthumbgen_png_on_error(png_structp png, png_const_charp text) {
    cthumbgen_png_error *error = (cthumbgen_png_error *)png_get_error_ptr(png);
    if (error) snprintf(error->message, sizeof error->message, "%s", text ? text : "unknown error");
    png_longjmp(png, 1);
}

static void cthumbgen_png_on_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text; // warnings (bad ancillary chunks, odd gamma) do not stop decoding
}

// MARK: decoder

struct cthumbgen_png_decoder {
    png_structp png;
    png_infop info;
    cthumbgen_png_error error;
    const uint8_t *data;
    size_t size;
    size_t offset;
    uint32_t height;
    size_t row_bytes;
    int header_read;
    int prepared;
};

static void cthumbgen_png_read_data(png_structp png, png_bytep out, size_t length) {
    cthumbgen_png_decoder *decoder = (cthumbgen_png_decoder *)png_get_io_ptr(png);
    if (length > decoder->size - decoder->offset) png_error(png, "Read beyond end of data (file is truncated)");
    memcpy(out, decoder->data + decoder->offset, length);
    decoder->offset += length;
}

cthumbgen_png_decoder *cthumbgen_png_decoder_create(const uint8_t *data, size_t size) {
    cthumbgen_png_decoder *decoder = calloc(1, sizeof(cthumbgen_png_decoder));
    if (!decoder) return NULL;
    decoder->data = data;
    decoder->size = size;
    decoder->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &decoder->error,
                                          cthumbgen_png_on_error, cthumbgen_png_on_warning);
    if (!decoder->png) { free(decoder); return NULL; }
    decoder->info = png_create_info_struct(decoder->png);
    if (!decoder->info) {
        png_destroy_read_struct(&decoder->png, NULL, NULL);
        free(decoder);
        return NULL;
    }
    png_set_read_fn(decoder->png, decoder, cthumbgen_png_read_data);
    return decoder;
}

void cthumbgen_png_decoder_destroy(cthumbgen_png_decoder *decoder) {
    if (!decoder) return;
    png_destroy_read_struct(&decoder->png, &decoder->info, NULL);
    free(decoder);
}

const char *cthumbgen_png_decoder_message(const cthumbgen_png_decoder *decoder) {
    return decoder ? decoder->error.message : "out of memory";
}

// The IHDR as declared (PNG spec 11.2.2: the first chunk, at byte 8), read from the raw
// bytes so that the limits are checked before libpng sees the image at all.
static int cthumbgen_png_peek_ihdr(const cthumbgen_png_decoder *decoder, uint32_t *width, uint32_t *height,
                                   int *bit_depth, int *color_type) {
    const uint8_t *p = decoder->data;
    if (decoder->size < 8 + 8 + 13 || memcmp(p + 12, "IHDR", 4) != 0) return 0;
    *width = (uint32_t)p[16] << 24 | (uint32_t)p[17] << 16 | (uint32_t)p[18] << 8 | p[19];
    *height = (uint32_t)p[20] << 24 | (uint32_t)p[21] << 16 | (uint32_t)p[22] << 8 | p[23];
    *bit_depth = p[24];
    *color_type = p[25];
    return 1;
}

// Channels after the transforms of cthumbgen_png_decoder_prepare (palette and gray expanded,
// tRNS to alpha).
static int cthumbgen_png_output_channels(int color_type, int has_trns) {
    switch (color_type) {
    case PNG_COLOR_TYPE_GRAY: return has_trns ? 2 : 1;
    case PNG_COLOR_TYPE_GRAY_ALPHA: return 2;
    case PNG_COLOR_TYPE_PALETTE: return has_trns ? 4 : 3;
    case PNG_COLOR_TYPE_RGB: return has_trns ? 4 : 3;
    default: return 4;
    }
}

// 0 when width x height and the widest row libpng will buffer fit the limits, else a message.
static int cthumbgen_png_check_limits(cthumbgen_png_decoder *decoder, uint32_t width, uint32_t height,
                                      int bit_depth, int color_type, int has_trns,
                                      uint64_t max_pixels, uint64_t max_row_bytes) {
    uint64_t area = (uint64_t)width * (uint64_t)height;
    if (max_pixels && area > max_pixels) {
        snprintf(decoder->error.message, sizeof decoder->error.message,
                 "%ux%u is %llu pixels, more than the limit of %llu", width, height,
                 (unsigned long long)area, (unsigned long long)max_pixels);
        return 1;
    }
    // libpng's row buffer holds a row at the widest intermediate depth: every output channel
    // at 16 bits for 16-bit files (scaled to 8 afterwards), else at 8 bits.
    uint64_t row = (uint64_t)width * (uint64_t)cthumbgen_png_output_channels(color_type, has_trns) * (bit_depth == 16 ? 2 : 1);
    if (max_row_bytes && row > max_row_bytes) {
        snprintf(decoder->error.message, sizeof decoder->error.message,
                 "a row of %u pixels needs %llu bytes, more than the limit of %llu", width,
                 (unsigned long long)row, (unsigned long long)max_row_bytes);
        return 1;
    }
    return 0;
}

// Whether every chunk before IDAT fits in the bytes there are (PNG spec 5.3: length, type,
// data, CRC; a length is at most 2^31 - 1). libpng 1.6.39 allocates an eXIf chunk's declared
// length before reading it, without its chunk_malloc_max: a 100-byte file declaring a 1 GiB
// eXIf made it ask for 1 GiB (found by fuzzing). The whole file is in memory, so a chunk that
// claims more than is left is a truncated file, refused before libpng sees it.
static int cthumbgen_png_chunks_fit(cthumbgen_png_decoder *decoder) {
    size_t offset = 8;
    while (decoder->size - offset >= 8) {
        const uint8_t *p = decoder->data + offset;
        uint32_t length = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
        if (memcmp(p + 4, "IDAT", 4) == 0) return 1;
        if (length > 0x7fffffffu || (size_t)length + 12 > decoder->size - offset) return 0;
        offset += (size_t)length + 12;
    }
    return 1;
}

int cthumbgen_png_decoder_read_header(cthumbgen_png_decoder *decoder, cthumbgen_png_header *header,
                                      uint64_t max_pixels, uint64_t max_row_bytes) {
    png_structp png = decoder->png;
    png_infop info = decoder->info;
    uint32_t width = 0, height = 0;
    int bit_depth = 0, color_type = 0;
    // tRNS is not known yet: check the IHDR as if it had none, then again after png_read_info.
    if (cthumbgen_png_peek_ihdr(decoder, &width, &height, &bit_depth, &color_type) &&
        cthumbgen_png_check_limits(decoder, width, height, bit_depth, color_type, 0, max_pixels, max_row_bytes)) {
        return CTHUMBGEN_PNG_LIMIT;
    }
    if (decoder->size >= 8 && !cthumbgen_png_chunks_fit(decoder)) {
        snprintf(decoder->error.message, sizeof decoder->error.message,
                 "Read beyond end of data (file is truncated)");
        return CTHUMBGEN_PNG_ERROR;
    }
    if (setjmp(png_jmpbuf(png))) return CTHUMBGEN_PNG_ERROR;
    // libpng's own limits (libpng manual, "Setting limits"), the same as the check above, so
    // nothing of a larger declared size is ever allocated even if the bytes were read differently.
    png_uint_32 side = max_pixels && max_pixels < 0x7fffffff ? (png_uint_32)max_pixels : 0x7fffffff;
    png_set_user_limits(png, side, side);
    // Ancillary chunks kept at most (sPLT, text, unknown) and the largest one inflated
    // (iCCP, eXIf): libpng's documented defaults (PNG_USER_CHUNK_CACHE_MAX 1000,
    // PNG_USER_CHUNK_MALLOC_MAX 8000000), stated here rather than inherited from the build.
    png_set_chunk_cache_max(png, 1000);
    png_set_chunk_malloc_max(png, CTHUMBGEN_PNG_MAX_CHUNK_BYTES);
    // Chunks that are never used are skipped unread, not inflated (libpng manual,
    // "Unknown-chunk handling": known chunks listed with PNG_HANDLE_CHUNK_NEVER are discarded).
    // Text (tEXt, zTXt, iTXt) is not metadata thumbgen keeps; a zTXt may inflate to 8 MB each.
    // gAMA and cHRM are not applied (see PNGCodec.swift); skipping them also keeps an
    // out-of-range gAMA from marking the colour space invalid, which makes libpng drop a
    // valid iCCP that follows.
    static const png_byte ignored[] = {
        'g', 'A', 'M', 'A', 0, 'c', 'H', 'R', 'M', 0, 't', 'E', 'X', 't', 0, 'z', 'T', 'X', 't', 0,
        'i', 'T', 'X', 't', 0, 's', 'P', 'L', 'T', 0, 'h', 'I', 'S', 'T', 0, 'p', 'C', 'A', 'L', 0,
        's', 'C', 'A', 'L', 0, 't', 'I', 'M', 'E', 0, 'b', 'K', 'G', 'D', 0, 'p', 'H', 'Y', 's', 0,
        's', 'B', 'I', 'T', 0, 'o', 'F', 'F', 's', 0,
    };
    png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, ignored, (int)(sizeof ignored / 5));
    png_read_info(png, info);
    header->width = png_get_image_width(png, info);
    header->height = png_get_image_height(png, info);
    header->bit_depth = png_get_bit_depth(png, info);
    header->color_type = png_get_color_type(png, info);
    header->interlaced = png_get_interlace_type(png, info) != PNG_INTERLACE_NONE;
    header->has_trns = png_get_valid(png, info, PNG_INFO_tRNS) ? 1 : 0;
    header->has_srgb = png_get_valid(png, info, PNG_INFO_sRGB) ? 1 : 0;
    header->channels = cthumbgen_png_output_channels(header->color_type, header->has_trns);
    if (cthumbgen_png_check_limits(decoder, header->width, header->height, header->bit_depth,
                                   header->color_type, header->has_trns, max_pixels, max_row_bytes)) {
        return CTHUMBGEN_PNG_LIMIT;
    }
    decoder->header_read = 1;
    return CTHUMBGEN_PNG_OK;
}

int cthumbgen_png_decoder_prepare(cthumbgen_png_decoder *decoder) {
    png_structp png = decoder->png;
    png_infop info = decoder->info;
    if (!decoder->header_read) {
        snprintf(decoder->error.message, sizeof decoder->error.message, "header not read");
        return CTHUMBGEN_PNG_ERROR;
    }
    if (setjmp(png_jmpbuf(png))) return CTHUMBGEN_PNG_ERROR;
    // Transforms (libpng manual, "Transformations"): everything becomes 8-bit gray, gray+alpha,
    // RGB or RGBA. gAMA and cHRM are not applied (see PNGCodec.swift).
    int color_type = png_get_color_type(png, info);
    int bit_depth = png_get_bit_depth(png, info);
    if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
    if (bit_depth == 16) png_set_scale_16(png);
    if (png_get_interlace_type(png, info) != PNG_INTERLACE_NONE) png_set_interlace_handling(png);
    // Allocates libpng's row buffers: only after the limits were checked.
    png_read_update_info(png, info);
    decoder->height = png_get_image_height(png, info);
    decoder->row_bytes = png_get_rowbytes(png, info);
    decoder->prepared = 1;
    return CTHUMBGEN_PNG_OK;
}

int cthumbgen_png_decoder_icc(cthumbgen_png_decoder *decoder, const uint8_t **bytes, size_t *length) {
    *bytes = NULL;
    *length = 0;
    if (setjmp(png_jmpbuf(decoder->png))) return CTHUMBGEN_PNG_ERROR;
    png_charp name = NULL;
    int compression = 0;
    png_bytep profile = NULL;
    png_uint_32 profile_length = 0;
    if (png_get_iCCP(decoder->png, decoder->info, &name, &compression, &profile, &profile_length)) {
        *bytes = profile;
        *length = profile_length;
    }
    return CTHUMBGEN_PNG_OK;
}

int cthumbgen_png_decoder_exif(cthumbgen_png_decoder *decoder, const uint8_t **bytes, size_t *length) {
    *bytes = NULL;
    *length = 0;
    if (setjmp(png_jmpbuf(decoder->png))) return CTHUMBGEN_PNG_ERROR;
    png_uint_32 count = 0;
    png_bytep exif = NULL;
    if (png_get_eXIf_1(decoder->png, decoder->info, &count, &exif) && exif && count > 0) {
        *bytes = exif;
        *length = count;
    }
    return CTHUMBGEN_PNG_OK;
}

int cthumbgen_png_decoder_read(cthumbgen_png_decoder *decoder, uint8_t *buffer, size_t stride, size_t capacity) {
    png_structp png = decoder->png;
    png_bytep *volatile rows = NULL;
    if (setjmp(png_jmpbuf(png))) {
        free(rows);
        return CTHUMBGEN_PNG_ERROR;
    }
    if (!decoder->prepared || stride < decoder->row_bytes || capacity < stride * decoder->height) {
        snprintf(decoder->error.message, sizeof decoder->error.message, "output buffer too small");
        return CTHUMBGEN_PNG_ERROR;
    }
    rows = malloc(sizeof(png_bytep) * (decoder->height ? decoder->height : 1));
    if (!rows) {
        snprintf(decoder->error.message, sizeof decoder->error.message, "out of memory");
        return CTHUMBGEN_PNG_ERROR;
    }
    for (uint32_t y = 0; y < decoder->height; y++) rows[y] = buffer + (size_t)y * stride;
    png_read_image(png, rows);
    free(rows);
    // The chunks after the image (png_read_end) carry no pixels; not reading them keeps a
    // damaged ancillary chunk at the end from failing a complete picture.
    return CTHUMBGEN_PNG_OK;
}

// MARK: encoder

typedef struct {
    uint8_t *bytes;
    size_t length;
    size_t capacity;
} cthumbgen_png_sink;

static void cthumbgen_png_write_data(png_structp png, png_bytep data, size_t length) {
    cthumbgen_png_sink *sink = (cthumbgen_png_sink *)png_get_io_ptr(png);
    if (length > sink->capacity - sink->length) {
        size_t capacity = sink->capacity ? sink->capacity : 4096;
        while (length > capacity - sink->length) {
            if (capacity > SIZE_MAX / 2) png_error(png, "output too large");
            capacity *= 2;
        }
        uint8_t *bytes = realloc(sink->bytes, capacity);
        if (!bytes) png_error(png, "out of memory");
        sink->bytes = bytes;
        sink->capacity = capacity;
    }
    memcpy(sink->bytes + sink->length, data, length);
    sink->length += length;
}

static void cthumbgen_png_flush(png_structp png) { (void)png; }

int cthumbgen_png_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int channels, size_t stride,
                         int level, int filters,
                         uint8_t **out, size_t *out_length, char *message, size_t message_capacity) {
    cthumbgen_png_error error = { { 0 } };
    cthumbgen_png_sink *volatile sink = calloc(1, sizeof(cthumbgen_png_sink));
    *out = NULL;
    if (!sink) {
        if (message && message_capacity) snprintf(message, message_capacity, "out of memory");
        return CTHUMBGEN_PNG_ERROR;
    }
    *out_length = 0;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &error,
                                              cthumbgen_png_on_error, cthumbgen_png_on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info) {
        png_destroy_write_struct(&png, NULL);
        free(sink);
        if (message && message_capacity) snprintf(message, message_capacity, "out of memory");
        return CTHUMBGEN_PNG_ERROR;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(sink->bytes);
        free(sink);
        if (message && message_capacity) snprintf(message, message_capacity, "%s", error.message);
        return CTHUMBGEN_PNG_ERROR;
    }
    int color_type;
    switch (channels) {
    case 1: color_type = PNG_COLOR_TYPE_GRAY; break;
    case 2: color_type = PNG_COLOR_TYPE_GRAY_ALPHA; break;
    case 3: color_type = PNG_COLOR_TYPE_RGB; break;
    case 4: color_type = PNG_COLOR_TYPE_RGB_ALPHA; break;
    default: png_error(png, "unsupported channel count");
    }
    png_set_write_fn(png, sink, cthumbgen_png_write_data, cthumbgen_png_flush);
    png_set_compression_level(png, level < 0 ? 0 : level > 9 ? 9 : level);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, filters ? PNG_ALL_FILTERS : PNG_FILTER_NONE);
    png_set_IHDR(png, info, width, height, 8, color_type, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_sRGB(png, info, PNG_sRGB_INTENT_PERCEPTUAL);
    png_write_info(png, info);
    for (uint32_t y = 0; y < height; y++) png_write_row(png, (png_const_bytep)(pixels + (size_t)y * stride));
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    *out = sink->bytes;
    *out_length = sink->length;
    free(sink);
    return CTHUMBGEN_PNG_OK;
}

void cthumbgen_png_free(void *pointer) { free(pointer); }
