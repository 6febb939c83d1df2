#include "CThumbgenJPEG.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>

// MARK: error manager

typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
} cthumbgen_jpeg_error;

static void cthumbgen_jpeg_error_exit(j_common_ptr cinfo) {
    cthumbgen_jpeg_error *error = (cthumbgen_jpeg_error *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, error->message);
    longjmp(error->jump, 1);
}

// Warnings that mean the data is damaged or truncated become errors: a thumbnail made from
// half a picture (libjpeg fills the missing rows with grey) is worse than a clear failure.
// Other warnings (extraneous bytes before a marker, unknown JFIF revision, bogus progression)
// are common in real camera files and stay warnings (libjpeg.txt, "Error handling").
static void cthumbgen_jpeg_emit_message(j_common_ptr cinfo, int level) {
    if (level >= 0) return; // trace messages
    switch (cinfo->err->msg_code) {
    case JWRN_JPEG_EOF:
    case JWRN_HIT_MARKER:
    case JWRN_HUFF_BAD_CODE:
    case JWRN_ARITH_BAD_CODE:
    case JWRN_MUST_RESYNC:
        cthumbgen_jpeg_error_exit(cinfo);
        break;
    default:
        cinfo->err->num_warnings++;
    }
}

static void cthumbgen_jpeg_output_message(j_common_ptr cinfo) { (void)cinfo; }

static void cthumbgen_jpeg_error_init(cthumbgen_jpeg_error *error) {
    jpeg_std_error(&error->base);
    error->base.error_exit = cthumbgen_jpeg_error_exit;
    error->base.emit_message = cthumbgen_jpeg_emit_message;
    error->base.output_message = cthumbgen_jpeg_output_message;
    error->message[0] = 0;
}

// MARK: decoder

struct cthumbgen_jpeg_decoder {
    struct jpeg_decompress_struct cinfo;
    cthumbgen_jpeg_error error;
    const uint8_t *data;
    size_t size;
    int created;
    int started;
    JOCTET *icc;
    unsigned int icc_length;
};

cthumbgen_jpeg_decoder *cthumbgen_jpeg_decoder_create(const uint8_t *data, size_t size) {
    cthumbgen_jpeg_decoder *decoder = calloc(1, sizeof(cthumbgen_jpeg_decoder));
    if (!decoder) return NULL;
    decoder->data = data;
    decoder->size = size;
    cthumbgen_jpeg_error_init(&decoder->error);
    decoder->cinfo.err = &decoder->error.base;
    if (setjmp(decoder->error.jump)) {
        jpeg_destroy_decompress(&decoder->cinfo);
        free(decoder);
        return NULL;
    }
    jpeg_create_decompress(&decoder->cinfo);
    decoder->created = 1;
    jpeg_mem_src(&decoder->cinfo, data, (unsigned long)size);
    return decoder;
}

void cthumbgen_jpeg_decoder_destroy(cthumbgen_jpeg_decoder *decoder) {
    if (!decoder) return;
    if (decoder->created) jpeg_destroy_decompress(&decoder->cinfo);
    free(decoder->icc);
    free(decoder);
}

const char *cthumbgen_jpeg_decoder_message(const cthumbgen_jpeg_decoder *decoder) {
    return decoder ? decoder->error.message : "out of memory";
}

int cthumbgen_jpeg_decoder_read_header(cthumbgen_jpeg_decoder *decoder, cthumbgen_jpeg_header *header) {
    struct jpeg_decompress_struct *cinfo = &decoder->cinfo;
    if (setjmp(decoder->error.jump)) return CTHUMBGEN_JPEG_ERROR;
    jpeg_save_markers(cinfo, JPEG_APP0 + 1, 0xFFFF);
    jpeg_save_markers(cinfo, JPEG_APP0 + 2, 0xFFFF);
    jpeg_read_header(cinfo, TRUE);
    header->width = (int)cinfo->image_width;
    header->height = (int)cinfo->image_height;
    header->components = cinfo->num_components;
    switch (cinfo->jpeg_color_space) {
    case JCS_GRAYSCALE: header->color_space = CTHUMBGEN_JPEG_CS_GRAY; break;
    case JCS_YCbCr: header->color_space = CTHUMBGEN_JPEG_CS_YCBCR; break;
    case JCS_RGB: header->color_space = CTHUMBGEN_JPEG_CS_RGB; break;
    case JCS_CMYK: header->color_space = CTHUMBGEN_JPEG_CS_CMYK; break;
    case JCS_YCCK: header->color_space = CTHUMBGEN_JPEG_CS_YCCK; break;
    default: header->color_space = CTHUMBGEN_JPEG_CS_UNKNOWN; break;
    }
    header->saw_adobe = cinfo->saw_Adobe_marker ? 1 : 0;
    header->progressive = cinfo->progressive_mode ? 1 : 0;
    header->arithmetic = cinfo->arith_code ? 1 : 0;
    return CTHUMBGEN_JPEG_OK;
}

int cthumbgen_jpeg_decoder_exif(cthumbgen_jpeg_decoder *decoder, const uint8_t **bytes, size_t *length) {
    *bytes = NULL;
    *length = 0;
    for (jpeg_saved_marker_ptr marker = decoder->cinfo.marker_list; marker; marker = marker->next) {
        if (marker->marker == JPEG_APP0 + 1 && marker->data_length >= 6 &&
            memcmp(marker->data, "Exif\0\0", 6) == 0) {
            *bytes = marker->data;
            *length = marker->data_length;
            return CTHUMBGEN_JPEG_OK;
        }
    }
    return CTHUMBGEN_JPEG_OK;
}

int cthumbgen_jpeg_decoder_icc(cthumbgen_jpeg_decoder *decoder, const uint8_t **bytes, size_t *length) {
    *bytes = NULL;
    *length = 0;
    if (setjmp(decoder->error.jump)) return CTHUMBGEN_JPEG_ERROR;
    if (!decoder->icc) {
        JOCTET *icc = NULL;
        unsigned int icc_length = 0;
        // jpeg_read_icc_profile warns (JWRN_BOGUS_ICC) and returns FALSE on bad segments;
        // a broken profile is ignored rather than failing the picture.
        if (jpeg_read_icc_profile(&decoder->cinfo, &icc, &icc_length)) {
            decoder->icc = icc;
            decoder->icc_length = icc_length;
        }
    }
    *bytes = decoder->icc;
    *length = decoder->icc_length;
    return CTHUMBGEN_JPEG_OK;
}

int cthumbgen_jpeg_decoder_start(cthumbgen_jpeg_decoder *decoder, int scale_num, long max_memory,
                                 int *out_width, int *out_height, int *out_channels) {
    struct jpeg_decompress_struct *cinfo = &decoder->cinfo;
    if (setjmp(decoder->error.jump)) {
        // With no backing store (jmemnobs), exceeding max_memory_to_use ends in this error.
        return decoder->error.base.msg_code == JERR_NO_BACKING_STORE ? CTHUMBGEN_JPEG_MEMORY : CTHUMBGEN_JPEG_ERROR;
    }
    if (max_memory > 0) cinfo->mem->max_memory_to_use = max_memory;
    if (scale_num < 1 || scale_num > 8) scale_num = 8;
    cinfo->scale_num = (unsigned int)scale_num;
    cinfo->scale_denom = 8;
    cinfo->dct_method = JDCT_ISLOW;
    switch (cinfo->jpeg_color_space) {
    case JCS_GRAYSCALE: cinfo->out_color_space = JCS_GRAYSCALE; break;
    case JCS_CMYK:
    case JCS_YCCK: cinfo->out_color_space = JCS_CMYK; break;
    default: cinfo->out_color_space = JCS_RGB; break;
    }
    jpeg_start_decompress(cinfo);
    decoder->started = 1;
    *out_width = (int)cinfo->output_width;
    *out_height = (int)cinfo->output_height;
    *out_channels = cinfo->output_components;
    return CTHUMBGEN_JPEG_OK;
}

int cthumbgen_jpeg_decoder_read(cthumbgen_jpeg_decoder *decoder, uint8_t *buffer, size_t stride,
                                size_t capacity) {
    struct jpeg_decompress_struct *cinfo = &decoder->cinfo;
    if (setjmp(decoder->error.jump)) return CTHUMBGEN_JPEG_ERROR;
    size_t row_bytes = (size_t)cinfo->output_width * (size_t)cinfo->output_components;
    if (!decoder->started || stride < row_bytes || capacity < stride * cinfo->output_height) {
        snprintf(decoder->error.message, sizeof decoder->error.message, "output buffer too small");
        return CTHUMBGEN_JPEG_ERROR;
    }
    while (cinfo->output_scanline < cinfo->output_height) {
        JSAMPROW rows[4];
        JDIMENSION first = cinfo->output_scanline;
        int count = 0;
        for (; count < 4 && first + (JDIMENSION)count < cinfo->output_height; count++) {
            rows[count] = buffer + (size_t)(first + (JDIMENSION)count) * stride;
        }
        jpeg_read_scanlines(cinfo, rows, (JDIMENSION)count);
    }
    // Reading the EOI is not needed for the pixels; skipping jpeg_finish_decompress keeps
    // trailing garbage after the last scan from failing an otherwise complete picture.
    return CTHUMBGEN_JPEG_OK;
}

// MARK: encoder

int cthumbgen_jpeg_encode(const uint8_t *pixels, int width, int height, int channels, size_t stride,
                          int quality, int progressive, int subsample,
                          const uint8_t *exif, size_t exif_length,
                          uint8_t **out, size_t *out_length, char *message, size_t message_capacity) {
    struct jpeg_compress_struct cinfo;
    cthumbgen_jpeg_error error;
    unsigned char *volatile buffer = NULL;
    unsigned long buffer_length = 0;
    *out = NULL;
    *out_length = 0;
    cthumbgen_jpeg_error_init(&error);
    cinfo.err = &error.base;
    if (setjmp(error.jump)) {
        jpeg_destroy_compress(&cinfo);
        free(buffer);
        if (message && message_capacity) snprintf(message, message_capacity, "%s", error.message);
        return CTHUMBGEN_JPEG_ERROR;
    }
    jpeg_create_compress(&cinfo);
    if ((channels != 1 && channels != 3) || width < 1 || height < 1) {
        snprintf(error.message, sizeof error.message, "cannot encode %d-channel %dx%d pixels", channels, width, height);
        longjmp(error.jump, 1);
    }
    jpeg_mem_dest(&cinfo, (unsigned char **)&buffer, &buffer_length);
    cinfo.image_width = (JDIMENSION)width;
    cinfo.image_height = (JDIMENSION)height;
    cinfo.input_components = channels;
    cinfo.in_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality < 1 ? 1 : quality > 100 ? 100 : quality, TRUE);
    cinfo.optimize_coding = TRUE;
    cinfo.dct_method = JDCT_ISLOW;
    if (channels == 3 && !subsample) {
        cinfo.comp_info[0].h_samp_factor = 1;
        cinfo.comp_info[0].v_samp_factor = 1;
    }
    if (progressive) jpeg_simple_progression(&cinfo);
    jpeg_start_compress(&cinfo, TRUE);
    if (exif && exif_length > 0 && exif_length <= 65533) {
        jpeg_write_marker(&cinfo, JPEG_APP0 + 1, exif, (unsigned int)exif_length);
    }
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)cinfo.next_scanline * stride);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    *out = buffer;
    *out_length = buffer_length;
    return CTHUMBGEN_JPEG_OK;
}

void cthumbgen_jpeg_free(void *pointer) { free(pointer); }
