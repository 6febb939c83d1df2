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
    struct jpeg_decompress_struct cinfo; // first: the marker and progress callbacks cast back
    cthumbgen_jpeg_error error;
    struct jpeg_progress_mgr progress;
    const uint8_t *data;
    size_t size;
    int created;
    int started;
    int too_many_scans;
    uint8_t *exif;                  // the first APP1 "Exif\0\0" segment's payload
    size_t exif_length;
    uint8_t *icc_segments[256];     // APP2 ICC_PROFILE data by sequence number 1...255
    size_t icc_segment_lengths[256];
    int icc_declared_count;         // the segment count the first ICC segment declares
    size_t saved_bytes;             // EXIF + ICC bytes kept, at most CTHUMBGEN_JPEG_MAX_SAVED_BYTES
    JOCTET *icc;
    unsigned int icc_length;
};

// MARK: markers kept (EXIF and ICC only, bounded)

// One byte of marker data through the source manager (jpeg_mem_src: fill_input_buffer inserts
// a fake EOI and warns JWRN_JPEG_EOF, which emit_message turns into an error).
static int cthumbgen_jpeg_next_byte(j_decompress_ptr cinfo) {
    struct jpeg_source_mgr *src = cinfo->src;
    if (src->bytes_in_buffer == 0 && !(*src->fill_input_buffer)(cinfo)) ERREXIT(cinfo, JERR_CANT_SUSPEND);
    src->bytes_in_buffer--;
    return *src->next_input_byte++;
}

static void cthumbgen_jpeg_read_bytes(j_decompress_ptr cinfo, uint8_t *out, size_t count) {
    for (size_t i = 0; i < count; i++) out[i] = (uint8_t)cthumbgen_jpeg_next_byte(cinfo);
}

// The APP1/APP2 processor (libjpeg.txt "Special markers", jpeg_set_marker_processor). Instead of
// jpeg_save_markers, which keeps every APP1/APP2 and appends each to the end of a linked list
// (time quadratic in their number: 100,000 empty APP1s took 11 s), this keeps only the first
// EXIF APP1 and the ICC_PROFILE APP2 segments (ICC.1:2022 B.4), within
// CTHUMBGEN_JPEG_MAX_SAVED_BYTES in total, and skips every other byte unread.
static boolean cthumbgen_jpeg_read_app(j_decompress_ptr cinfo) {
    cthumbgen_jpeg_decoder *decoder = (cthumbgen_jpeg_decoder *)cinfo;
    int high = cthumbgen_jpeg_next_byte(cinfo);
    long length = ((long)high << 8 | cthumbgen_jpeg_next_byte(cinfo)) - 2;
    if (length <= 0) return TRUE;
    uint8_t ident[14];
    size_t peek = length < 14 ? (size_t)length : 14;
    cthumbgen_jpeg_read_bytes(cinfo, ident, peek);
    long rest = length - (long)peek;
    int marker = cinfo->unread_marker;
    size_t room = CTHUMBGEN_JPEG_MAX_SAVED_BYTES - decoder->saved_bytes;
    if (marker == JPEG_APP0 + 1 && !decoder->exif && peek >= 6 && memcmp(ident, "Exif\0\0", 6) == 0
        && (size_t)length <= room) {
        uint8_t *exif = malloc((size_t)length);
        if (!exif) ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 10);
        // Owned by the decoder before reading: a truncated segment longjmps out of the read.
        decoder->exif = exif;
        memcpy(exif, ident, peek);
        cthumbgen_jpeg_read_bytes(cinfo, exif + peek, (size_t)rest);
        decoder->exif_length = (size_t)length;
        decoder->saved_bytes += (size_t)length;
        return TRUE;
    }
    if (marker == JPEG_APP0 + 2 && peek == 14 && memcmp(ident, "ICC_PROFILE\0", 12) == 0) {
        int sequence = ident[12], count = ident[13];
        if (decoder->icc_declared_count == 0) decoder->icc_declared_count = count;
        if (sequence >= 1 && sequence <= count && count == decoder->icc_declared_count
            && !decoder->icc_segments[sequence] && (size_t)rest <= room) {
            uint8_t *segment = malloc(rest > 0 ? (size_t)rest : 1);
            if (!segment) ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 10);
            decoder->icc_segments[sequence] = segment; // freed by destroy even if the read fails
            cthumbgen_jpeg_read_bytes(cinfo, segment, (size_t)rest);
            decoder->icc_segment_lengths[sequence] = (size_t)rest;
            decoder->saved_bytes += (size_t)rest;
            return TRUE;
        }
    }
    if (rest > 0) (*cinfo->src->skip_input_data)(cinfo, rest);
    return TRUE;
}

// MARK: scan limit and early end of arithmetic-coded data

// A progressive JPEG may repeat scans without end; each costs a pass over every coefficient
// block (~8 ms per 94-byte scan of a small picture here). libjpeg-turbo's guidance for
// security-sensitive callers ("Two Issues with the JPEG Standard", libjpeg-turbo.org, 2019;
// djpeg -maxscans, TurboJPEG TJPARAM_SCANLIMIT) is a progress monitor that refuses more than a
// set number of scans. Real encoders write 10 or so (jpegtran's default script: 10; mozjpeg's
// optimised scripts: under 20); CTHUMBGEN_JPEG_MAX_SCANS leaves ample room.
//
// Arithmetic-coded data that ends early: the arithmetic decoder, on meeting a marker inside a
// scan, supplies zero bits until the scan is complete (ITU T.81 D.2.6, "legal in arithmetic
// coding" in jdarith.c) and warns nothing, so 288 bytes declaring 14041 x 808 pixels made
// libjpeg decode 11 MP of made-up data (found by fuzz/, over 2 s). The Huffman decoder warns
// JWRN_HIT_MARKER in the same case, which is already an error; here a marker other than a
// restart met before the last two iMCU rows of a scan is the same error.
static int cthumbgen_jpeg_arithmetic_data_ended(j_decompress_ptr cinfo) {
    int marker = cinfo->unread_marker;
    return cinfo->arith_code && marker != 0 && !(marker >= JPEG_RST0 && marker <= JPEG_RST0 + 7)
        && cinfo->input_iMCU_row + 1 < cinfo->total_iMCU_rows;
}

static void cthumbgen_jpeg_progress(j_common_ptr common) {
    if (common->is_decompressor) {
        j_decompress_ptr cinfo = (j_decompress_ptr)common;
        cthumbgen_jpeg_decoder *decoder = (cthumbgen_jpeg_decoder *)cinfo;
        if (cthumbgen_jpeg_arithmetic_data_ended(cinfo)) {
            snprintf(decoder->error.message, sizeof decoder->error.message,
                     "Corrupt JPEG data: premature end of arithmetic-coded data");
            longjmp(decoder->error.jump, 1);
        }
        if (cinfo->input_scan_number > CTHUMBGEN_JPEG_MAX_SCANS) {
            decoder->too_many_scans = 1;
            snprintf(decoder->error.message, sizeof decoder->error.message,
                     "more than %d scans (a progressive JPEG normally has about 10)", CTHUMBGEN_JPEG_MAX_SCANS);
            longjmp(decoder->error.jump, 1);
        }
    }
}

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
    jpeg_set_marker_processor(&decoder->cinfo, JPEG_APP0 + 1, cthumbgen_jpeg_read_app);
    jpeg_set_marker_processor(&decoder->cinfo, JPEG_APP0 + 2, cthumbgen_jpeg_read_app);
    decoder->progress.progress_monitor = cthumbgen_jpeg_progress;
    decoder->cinfo.progress = &decoder->progress;
    return decoder;
}

void cthumbgen_jpeg_decoder_destroy(cthumbgen_jpeg_decoder *decoder) {
    if (!decoder) return;
    if (decoder->created) jpeg_destroy_decompress(&decoder->cinfo);
    free(decoder->exif);
    for (int i = 0; i < 256; i++) free(decoder->icc_segments[i]);
    free(decoder->icc);
    free(decoder);
}

const char *cthumbgen_jpeg_decoder_message(const cthumbgen_jpeg_decoder *decoder) {
    return decoder ? decoder->error.message : "out of memory";
}

int cthumbgen_jpeg_decoder_read_header(cthumbgen_jpeg_decoder *decoder, cthumbgen_jpeg_header *header) {
    struct jpeg_decompress_struct *cinfo = &decoder->cinfo;
    if (setjmp(decoder->error.jump)) return CTHUMBGEN_JPEG_ERROR;
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
    *bytes = decoder->exif;
    *length = decoder->exif_length;
    return CTHUMBGEN_JPEG_OK;
}

int cthumbgen_jpeg_decoder_icc(cthumbgen_jpeg_decoder *decoder, const uint8_t **bytes, size_t *length) {
    *bytes = NULL;
    *length = 0;
    int count = decoder->icc_declared_count;
    if (!decoder->icc && count > 0) {
        // Every segment 1...count present (as jpeg_read_icc_profile requires); a broken
        // profile is ignored rather than failing the picture.
        size_t total = 0;
        for (int i = 1; i <= count; i++) {
            if (!decoder->icc_segments[i]) return CTHUMBGEN_JPEG_OK;
            total += decoder->icc_segment_lengths[i];
        }
        if (total == 0 || total > 0xFFFFFFFFu) return CTHUMBGEN_JPEG_OK;
        JOCTET *icc = malloc(total);
        if (!icc) return CTHUMBGEN_JPEG_OK;
        size_t offset = 0;
        for (int i = 1; i <= count; i++) {
            memcpy(icc + offset, decoder->icc_segments[i], decoder->icc_segment_lengths[i]);
            offset += decoder->icc_segment_lengths[i];
        }
        decoder->icc = icc;
        decoder->icc_length = (unsigned int)total;
    }
    *bytes = decoder->icc;
    *length = decoder->icc_length;
    return CTHUMBGEN_JPEG_OK;
}

int cthumbgen_jpeg_decoder_start(cthumbgen_jpeg_decoder *decoder, int scale_num, long max_memory,
                                 int *out_width, int *out_height, int *out_channels) {
    struct jpeg_decompress_struct *cinfo = &decoder->cinfo;
    if (setjmp(decoder->error.jump)) {
        if (decoder->too_many_scans) return CTHUMBGEN_JPEG_SCANS;
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
    if (setjmp(decoder->error.jump)) return decoder->too_many_scans ? CTHUMBGEN_JPEG_SCANS : CTHUMBGEN_JPEG_ERROR;
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
