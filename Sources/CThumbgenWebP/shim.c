#include "CThumbgenWebP.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <webp/decode.h>
#include <webp/demux.h>
#include <webp/encode.h>

#define CTHUMBGEN_WEBP_MESSAGE 200

struct cthumbgen_webp_decoder {
    const uint8_t *data;
    size_t size;
    WebPDemuxer *demux;
    WebPChunkIterator icc;
    WebPChunkIterator exif;
    int has_icc;
    int has_exif;
    int has_animation;
    uint32_t width;
    uint32_t height;
    char message[CTHUMBGEN_WEBP_MESSAGE];
};

/// VP8StatusCode (decode.h) as words for the one-line message.
static const char *cthumbgen_webp_status_text(VP8StatusCode status) {
    switch (status) {
    case VP8_STATUS_OK: return "ok";
    case VP8_STATUS_OUT_OF_MEMORY: return "out of memory";
    case VP8_STATUS_INVALID_PARAM: return "invalid parameter";
    case VP8_STATUS_BITSTREAM_ERROR: return "bitstream error";
    case VP8_STATUS_UNSUPPORTED_FEATURE: return "unsupported feature";
    case VP8_STATUS_SUSPENDED: return "decoding suspended";
    case VP8_STATUS_USER_ABORT: return "decoding aborted";
    case VP8_STATUS_NOT_ENOUGH_DATA: return "file is truncated";
    }
    return "unknown error";
}

cthumbgen_webp_decoder *cthumbgen_webp_decoder_create(const uint8_t *data, size_t size) {
    cthumbgen_webp_decoder *decoder = calloc(1, sizeof(cthumbgen_webp_decoder));
    if (!decoder) return NULL;
    decoder->data = data;
    decoder->size = size;
    return decoder;
}

void cthumbgen_webp_decoder_destroy(cthumbgen_webp_decoder *decoder) {
    if (!decoder) return;
    if (decoder->has_icc) WebPDemuxReleaseChunkIterator(&decoder->icc);
    if (decoder->has_exif) WebPDemuxReleaseChunkIterator(&decoder->exif);
    WebPDemuxDelete(decoder->demux);
    free(decoder);
}

const char *cthumbgen_webp_decoder_message(const cthumbgen_webp_decoder *decoder) {
    return decoder ? decoder->message : "out of memory";
}

int cthumbgen_webp_decoder_read_header(cthumbgen_webp_decoder *decoder, cthumbgen_webp_header *header) {
    memset(header, 0, sizeof *header);
    WebPBitstreamFeatures features;
    VP8StatusCode status = WebPGetFeatures(decoder->data, decoder->size, &features);
    if (status != VP8_STATUS_OK) {
        snprintf(decoder->message, sizeof decoder->message, "%s", cthumbgen_webp_status_text(status));
        return CTHUMBGEN_WEBP_ERROR;
    }
    // The demuxer validates the RIFF chunk layout and gives the ICCP/EXIF chunks (container spec,
    // "Extended File Format"). It needs the whole file: a truncated one fails here.
    if (!decoder->demux) {
        WebPData whole = { decoder->data, decoder->size };
        WebPDemuxState state = WEBP_DEMUX_PARSE_ERROR;
        decoder->demux = WebPDemuxPartial(&whole, &state);
        if (!decoder->demux || state != WEBP_DEMUX_DONE) {
            snprintf(decoder->message, sizeof decoder->message, "%s",
                     state == WEBP_DEMUX_PARSED_HEADER || state == WEBP_DEMUX_PARSING_HEADER
                         ? "file is truncated" : "invalid RIFF container");
            return CTHUMBGEN_WEBP_ERROR;
        }
        decoder->has_icc = WebPDemuxGetChunk(decoder->demux, "ICCP", 1, &decoder->icc);
        decoder->has_exif = WebPDemuxGetChunk(decoder->demux, "EXIF", 1, &decoder->exif);
    }
    header->width = WebPDemuxGetI(decoder->demux, WEBP_FF_CANVAS_WIDTH);
    header->height = WebPDemuxGetI(decoder->demux, WEBP_FF_CANVAS_HEIGHT);
    header->has_animation = features.has_animation ? 1 : 0;
    header->has_alpha = features.has_alpha || features.has_animation ? 1 : 0;
    header->lossless = features.format == 2 ? 1 : 0;
    if (header->width == 0 || header->height == 0) {
        snprintf(decoder->message, sizeof decoder->message, "zero canvas size");
        return CTHUMBGEN_WEBP_ERROR;
    }
    decoder->has_animation = header->has_animation;
    decoder->width = header->width;
    decoder->height = header->height;
    return CTHUMBGEN_WEBP_OK;
}

void cthumbgen_webp_decoder_icc(cthumbgen_webp_decoder *decoder, const uint8_t **bytes, size_t *length) {
    *bytes = decoder->has_icc ? decoder->icc.chunk.bytes : NULL;
    *length = decoder->has_icc ? decoder->icc.chunk.size : 0;
}

void cthumbgen_webp_decoder_exif(cthumbgen_webp_decoder *decoder, const uint8_t **bytes, size_t *length) {
    *bytes = decoder->has_exif ? decoder->exif.chunk.bytes : NULL;
    *length = decoder->has_exif ? decoder->exif.chunk.size : 0;
}

/// The first frame of an animation, composed on its canvas (WebPAnimDecoder: transparent
/// background, frame offset and blending applied), copied into `buffer`.
static int cthumbgen_webp_read_first_frame(cthumbgen_webp_decoder *decoder, uint8_t *buffer, size_t stride) {
    WebPAnimDecoderOptions options;
    if (!WebPAnimDecoderOptionsInit(&options)) {
        snprintf(decoder->message, sizeof decoder->message, "libwebp version mismatch");
        return CTHUMBGEN_WEBP_ERROR;
    }
    options.color_mode = MODE_RGBA;
    options.use_threads = 0;
    WebPData whole = { decoder->data, decoder->size };
    WebPAnimDecoder *animation = WebPAnimDecoderNew(&whole, &options);
    if (!animation) {
        snprintf(decoder->message, sizeof decoder->message, "invalid animation");
        return CTHUMBGEN_WEBP_ERROR;
    }
    uint8_t *canvas = NULL;
    int timestamp = 0;
    if (!WebPAnimDecoderGetNext(animation, &canvas, &timestamp) || !canvas) {
        WebPAnimDecoderDelete(animation);
        snprintf(decoder->message, sizeof decoder->message, "first frame cannot be decoded");
        return CTHUMBGEN_WEBP_ERROR;
    }
    size_t row = (size_t)decoder->width * 4;
    for (uint32_t y = 0; y < decoder->height; y++) memcpy(buffer + (size_t)y * stride, canvas + (size_t)y * row, row);
    WebPAnimDecoderDelete(animation);
    return CTHUMBGEN_WEBP_OK;
}

int cthumbgen_webp_decoder_read(cthumbgen_webp_decoder *decoder, uint8_t *buffer, size_t stride, size_t capacity,
                                int channels, uint32_t scaled_width, uint32_t scaled_height) {
    int scaled = scaled_width != 0 && scaled_height != 0 && !decoder->has_animation
                 && scaled_width <= decoder->width && scaled_height <= decoder->height
                 && (scaled_width != decoder->width || scaled_height != decoder->height);
    uint32_t out_width = scaled ? scaled_width : decoder->width;
    uint32_t out_height = scaled ? scaled_height : decoder->height;
    if (!decoder->demux || (channels != 3 && channels != 4) || stride == 0 || stride < (size_t)out_width * (size_t)channels
        || capacity / stride < out_height || (decoder->has_animation && channels != 4)) {
        snprintf(decoder->message, sizeof decoder->message, "output buffer too small");
        return CTHUMBGEN_WEBP_ERROR;
    }
    if (decoder->has_animation) return cthumbgen_webp_read_first_frame(decoder, buffer, stride);

    WebPDecoderConfig config;
    if (!WebPInitDecoderConfig(&config)) {
        snprintf(decoder->message, sizeof decoder->message, "libwebp version mismatch");
        return CTHUMBGEN_WEBP_ERROR;
    }
    // dwebp's defaults: fancy upsampling on, in-loop filtering on, one thread.
    config.output.colorspace = channels == 4 ? MODE_RGBA : MODE_RGB;
    config.output.is_external_memory = 1;
    config.output.u.RGBA.rgba = buffer;
    config.output.u.RGBA.stride = (int)stride;
    config.output.u.RGBA.size = capacity;
    if (scaled) {
        config.options.use_scaling = 1;
        config.options.scaled_width = (int)scaled_width;
        config.options.scaled_height = (int)scaled_height;
    }
    VP8StatusCode status = WebPDecode(decoder->data, decoder->size, &config);
    WebPFreeDecBuffer(&config.output);
    if (status != VP8_STATUS_OK) {
        snprintf(decoder->message, sizeof decoder->message, "%s", cthumbgen_webp_status_text(status));
        return CTHUMBGEN_WEBP_ERROR;
    }
    return CTHUMBGEN_WEBP_OK;
}

// MARK: encoder

/// WebPEncodingError (encode.h) as words.
static const char *cthumbgen_webp_encode_text(WebPEncodingError error) {
    switch (error) {
    case VP8_ENC_ERROR_OUT_OF_MEMORY: case VP8_ENC_ERROR_BITSTREAM_OUT_OF_MEMORY: return "out of memory";
    case VP8_ENC_ERROR_BAD_DIMENSION: return "image too large for WebP (16383 pixels a side at most)";
    case VP8_ENC_ERROR_FILE_TOO_BIG: return "output larger than 4 GiB";
    default: return "encoder error";
    }
}

int cthumbgen_webp_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int channels, size_t stride,
                          float quality, int method,
                          uint8_t **out, size_t *out_length, char *message, size_t message_capacity) {
    *out = NULL;
    *out_length = 0;
    WebPConfig config;
    WebPPicture picture;
    if (!WebPConfigInit(&config) || !WebPPictureInit(&picture)) {
        if (message && message_capacity) snprintf(message, message_capacity, "libwebp version mismatch");
        return CTHUMBGEN_WEBP_ERROR;
    }
    config.quality = quality < 0 ? 0 : quality > 100 ? 100 : quality;
    config.method = method < 0 ? 0 : method > 6 ? 6 : method;
    config.thread_level = 0;
    if (!WebPValidateConfig(&config) || (channels != 3 && channels != 4) || width > WEBP_MAX_DIMENSION
        || height > WEBP_MAX_DIMENSION || stride > 0x7fffffff) {
        if (message && message_capacity) snprintf(message, message_capacity, "invalid WebP settings or size");
        return CTHUMBGEN_WEBP_ERROR;
    }
    picture.width = (int)width;
    picture.height = (int)height;
    int imported = channels == 4 ? WebPPictureImportRGBA(&picture, pixels, (int)stride)
                                 : WebPPictureImportRGB(&picture, pixels, (int)stride);
    if (!imported) {
        WebPPictureFree(&picture);
        if (message && message_capacity) snprintf(message, message_capacity, "out of memory");
        return CTHUMBGEN_WEBP_ERROR;
    }
    WebPMemoryWriter writer;
    WebPMemoryWriterInit(&writer);
    picture.writer = WebPMemoryWrite;
    picture.custom_ptr = &writer;
    int ok = WebPEncode(&config, &picture);
    WebPEncodingError error = picture.error_code;
    WebPPictureFree(&picture);
    if (!ok) {
        WebPMemoryWriterClear(&writer);
        if (message && message_capacity) snprintf(message, message_capacity, "%s", cthumbgen_webp_encode_text(error));
        return CTHUMBGEN_WEBP_ERROR;
    }
    *out = writer.mem;
    *out_length = writer.size;
    return CTHUMBGEN_WEBP_OK;
}

void cthumbgen_webp_free(void *pointer) { WebPFree(pointer); }
