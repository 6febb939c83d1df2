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
    // The DC-only coefficient store (see "DC-only coefficient store" below).
    int dc_only[MAX_COMPONENTS];          // the component's output uses only its DC coefficient
    struct cthumbgen_dc_array *dc_arrays[MAX_COMPONENTS];
    int arrays_requested;                 // whole-image coefficient arrays requested so far
    jvirt_barray_ptr (*base_request)(j_common_ptr, int, boolean, JDIMENSION, JDIMENSION, JDIMENSION);
    void (*base_realize)(j_common_ptr);
    JBLOCKARRAY (*base_access)(j_common_ptr, jvirt_barray_ptr, JDIMENSION, JDIMENSION, boolean);
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
                     "premature end of arithmetic-coded data");
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

// MARK: DC-only coefficient store

// A progressive (or multi-scan) JPEG is decoded by keeping every DCT coefficient of the whole
// image until the last scan: 64 coefficients × 2 bytes per 8×8 block and component, 127 MiB for
// 22 MP at 4:4:4 — more than the rest of a thumbnail's work together. At scale 1/8 a component
// whose DCT is scaled to 1×1 (every component of a 4:4:4 or gray picture; the luma of 4:2:0,
// whose chroma libjpeg-turbo scales by 2×2 instead of upsampling) is output from its DC
// coefficient alone (jidctred.c, jpeg_idct_1x1). Such a component gets this store instead of
// libjpeg's virtual array: per block the DC coefficient and a 64-bit mask of which AC
// coefficients are nonzero, 10 bytes instead of 128. The mask is what later scans need: an AC
// refinement scan reads a correction bit for each coefficient already nonzero (ITU T.81
// G.1.2.3), so the stream parses only if zero/nonzero is known; the values themselves never
// reach a 1×1 output. Blocks are handed to libjpeg a window of rows at a time (its
// access_virt_barray contract, libjpeg.txt "Memory management"); the window is rebuilt from the
// store on access and folded back when another range is asked for. Only what the caller reads
// is rebuilt: the DC, and for a progressive AC scan the coefficients of its band Ss...Se (AC
// placeholders of +1, which refinement never turns to zero). The entropy decoders touch no
// other AC coefficient (jdphuff.c, jdarith.c: the arithmetic refinement's end-of-band search
// below Ss only decides k > kex for k ≥ Ss), and neither the 1×1 IDCT nor block smoothing's DC
// reads any; rebuilding whole blocks for every AC scan made a 200 KB file of 96 one-coefficient
// scans over 16 MP take 1.46 s instead of libjpeg's 0.29 s (now 0.26 s;
// bench/progressive_scans_bench.py).
//
// Components are matched to arrays by request order: jdcoefct.c (jinit_d_coef_controller)
// requests one whole-image array per component, in component order, and nothing else in a
// decompressor requests block arrays. Other components keep libjpeg's own arrays.

typedef struct cthumbgen_dc_array {
    JDIMENSION rows, blocks_per_row, max_access;
    JCOEF *dc;                    // rows × blocks_per_row DC coefficients
    uint64_t *nonzero;            // rows × blocks_per_row masks; bit k: natural-order coefficient k ≠ 0
    JBLOCKARRAY window;           // max_access rows of whole blocks: the rows last handed out
    JDIMENSION window_start, window_rows;
    int window_valid;             // the window holds rows window_start ..< + window_rows
    int window_first, window_last; // and the AC band (zigzag positions) rebuilt; none when first > last
    uint64_t window_band;         // that band as natural-order bits
    int window_dirty;             // written since loaded: DC and band to fold back
} cthumbgen_dc_array;

// Zigzag position → natural (row-major) index in a block (ITU T.81 Figure A.6).
static const unsigned char cthumbgen_zigzag_natural[DCTSIZE2] = {
    0,  1,  8,  16, 9,  2,  3,  10, 17, 24, 32, 25, 18, 11, 4,  5,  12, 19, 26, 33, 40, 48,
    41, 34, 27, 20, 13, 6,  7,  14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23,
    30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
};

static cthumbgen_dc_array *cthumbgen_dc_array_of(cthumbgen_jpeg_decoder *decoder, jvirt_barray_ptr pointer) {
    for (int c = 0; c < MAX_COMPONENTS; c++) {
        if (decoder->dc_arrays[c] && (jvirt_barray_ptr)decoder->dc_arrays[c] == pointer) return decoder->dc_arrays[c];
    }
    return NULL;
}

static jvirt_barray_ptr cthumbgen_dc_request(j_common_ptr common, int pool_id, boolean pre_zero, JDIMENSION blocks_per_row,
                                             JDIMENSION rows, JDIMENSION max_access) {
    cthumbgen_jpeg_decoder *decoder = (cthumbgen_jpeg_decoder *)common;
    int component = decoder->arrays_requested++;
    if (component >= MAX_COMPONENTS || !decoder->dc_only[component] || !pre_zero) {
        return decoder->base_request(common, pool_id, pre_zero, blocks_per_row, rows, max_access);
    }
    cthumbgen_dc_array *array = (*common->mem->alloc_small)(common, pool_id, sizeof(cthumbgen_dc_array));
    memset(array, 0, sizeof *array);
    array->rows = rows;
    array->blocks_per_row = blocks_per_row;
    array->max_access = max_access;
    decoder->dc_arrays[component] = array;
    return (jvirt_barray_ptr)array;
}

// Allocates the stores (counted against max_memory_to_use like libjpeg's own arrays, which it
// realizes afterwards with what is left), then libjpeg's arrays.
static void cthumbgen_dc_realize(j_common_ptr common) {
    cthumbgen_jpeg_decoder *decoder = (cthumbgen_jpeg_decoder *)common;
    size_t total = 0;
    for (int c = 0; c < MAX_COMPONENTS; c++) {
        cthumbgen_dc_array *array = decoder->dc_arrays[c];
        if (!array || array->dc) continue;
        size_t blocks = (size_t)array->rows * array->blocks_per_row;
        total += blocks * (sizeof(JCOEF) + sizeof(uint64_t)) + (size_t)array->max_access * array->blocks_per_row * sizeof(JBLOCK);
        long limit = common->mem->max_memory_to_use;
        if (limit > 0 && total > (size_t)limit) ERREXIT(common, JERR_NO_BACKING_STORE);
        array->dc = (*common->mem->alloc_large)(common, JPOOL_IMAGE, blocks * sizeof(JCOEF));
        array->nonzero = (*common->mem->alloc_large)(common, JPOOL_IMAGE, blocks * sizeof(uint64_t));
        memset(array->dc, 0, blocks * sizeof(JCOEF));
        memset(array->nonzero, 0, blocks * sizeof(uint64_t));
        array->window = (*common->mem->alloc_barray)(common, JPOOL_IMAGE, array->blocks_per_row, array->max_access);
    }
    decoder->base_realize(common);
}

// A band this wide or narrower is rebuilt and folded coefficient by coefficient; a wider one
// whole-block (memset, and a compare of all 63 AC coefficients, which the compiler vectorizes).
#define CTHUMBGEN_DC_NARROW_BAND 8

static void cthumbgen_dc_fold(cthumbgen_dc_array *array) {
    if (!array->window_valid || !array->window_dirty) return;
    int first = array->window_first, last = array->window_last;
    uint64_t band = array->window_band;
    for (JDIMENSION r = 0; r < array->window_rows; r++) {
        size_t base = (size_t)(array->window_start + r) * array->blocks_per_row;
        JBLOCKROW row = array->window[r];
        for (JDIMENSION b = 0; b < array->blocks_per_row; b++) {
            const JCOEF *block = row[b];
            array->dc[base + b] = block[0];
            if (!band) continue;
            uint64_t mask = 0;
            if (last - first < CTHUMBGEN_DC_NARROW_BAND) {
                for (int k = first; k <= last; k++) {
                    int n = cthumbgen_zigzag_natural[k];
                    mask |= (uint64_t)(block[n] != 0) << n;
                }
            } else {
                for (int n = 1; n < DCTSIZE2; n++) mask |= (uint64_t)(block[n] != 0) << n;
                mask &= band;
            }
            array->nonzero[base + b] = (array->nonzero[base + b] & ~band) | mask;
        }
    }
    array->window_dirty = 0;
}

static void cthumbgen_dc_load(cthumbgen_dc_array *array, JDIMENSION start, JDIMENSION count, int first, int last) {
    uint64_t band = 0;
    for (int k = first; k <= last; k++) band |= (uint64_t)1 << cthumbgen_zigzag_natural[k];
    for (JDIMENSION r = 0; r < count; r++) {
        size_t base = (size_t)(start + r) * array->blocks_per_row;
        JBLOCKROW row = array->window[r];
        for (JDIMENSION b = 0; b < array->blocks_per_row; b++) {
            JCOEF *block = row[b];
            uint64_t mask = array->nonzero[base + b];
            if (band && last - first < CTHUMBGEN_DC_NARROW_BAND) {
                for (int k = first; k <= last; k++) {
                    int n = cthumbgen_zigzag_natural[k];
                    block[n] = (JCOEF)((mask >> n) & 1);
                }
            } else if (band) {
                memset(block, 0, sizeof(JBLOCK));
                for (mask &= band; mask; mask &= mask - 1) block[__builtin_ctzll(mask)] = 1;
            }
            block[0] = array->dc[base + b];
        }
    }
    array->window_start = start;
    array->window_rows = count;
    array->window_valid = 1;
    array->window_first = first;
    array->window_last = last;
    array->window_band = band;
}

static JBLOCKARRAY cthumbgen_dc_access(j_common_ptr common, jvirt_barray_ptr pointer, JDIMENSION start, JDIMENSION count,
                                       boolean writable) {
    cthumbgen_jpeg_decoder *decoder = (cthumbgen_jpeg_decoder *)common;
    cthumbgen_dc_array *array = cthumbgen_dc_array_of(decoder, pointer);
    if (!array) return decoder->base_access(common, pointer, start, count, writable);
    if (!array->dc || count > array->max_access || start > array->rows || count > array->rows - start) {
        ERREXIT(common, JERR_BAD_VIRTUAL_ACCESS);
    }
    // The AC band a progressive AC scan reads and writes; nothing else reads AC coefficients
    // (a sequential scan writes them, and they are never read back).
    j_decompress_ptr cinfo = (j_decompress_ptr)common;
    int first = 1, last = 0;
    if (writable && cinfo->progressive_mode && cinfo->Ss > 0) {
        first = cinfo->Ss;
        last = cinfo->Se < DCTSIZE2 - 1 ? cinfo->Se : DCTSIZE2 - 1;
    }
    // Block smoothing in libjpeg-turbo 2.1 reads, at output iMCU row 1, one iMCU row more than
    // the rows it asks for from row 0 (the line `access_rows += compptr->v_samp_factor` lost in
    // 2.1 and restored in 3.0.1, libjpeg-turbo issue #721); its own arrays hold every row, so
    // the read went unnoticed. A read-only window from row 0 therefore holds every row it can
    // when smoothing may run.
    JDIMENSION load = count;
    if (!writable && start == 0 && cinfo->do_block_smoothing) {
        load = array->max_access < array->rows ? array->max_access : array->rows;
    }
    int same = array->window_valid && array->window_start == start && array->window_rows == load
        && array->window_first == first && array->window_last == last;
    if (!same) {
        cthumbgen_dc_fold(array);
        cthumbgen_dc_load(array, start, load, first, last);
    }
    if (writable) array->window_dirty = 1;
    return array->window;
}

// What the input not yet read holds, once every coefficient the output reads is final
// (jpeg_mem_src holds it all): a walk over its markers, skipping segments by their length and
// entropy-coded data to the next marker (T.81 B.1.1.5: FF 00 and RSTn only inside it).
enum {
    CTHUMBGEN_REST_ENDS = 0,      // an EOI after scans and segments that cannot change the output
    CTHUMBGEN_REST_TRUNCATED = 1, // no EOI: the file is cut short
    CTHUMBGEN_REST_READ_ON = 2,   // a scan that carries a coefficient the output reads, or a
                                  // marker only libjpeg should judge: keep decoding
};

// T.81 G.1.1.1.2 forbids sending a coefficient again once it is exact, but libjpeg only checks
// that a scan's Ah matches coef_bits, and a first scan (Ah = 0) of a finished coefficient
// passes that check: it decodes the coefficient anew, without a warning. A scan carrying a DC of
// a DC-only component, or anything of another component, therefore keeps reading going, so the
// output is the whole decode's (djpeg's) for every file djpeg reads without a warning.
static int cthumbgen_dc_rest(const cthumbgen_jpeg_decoder *decoder) {
    const struct jpeg_decompress_struct *cinfo = &decoder->cinfo;
    const JOCTET *at = cinfo->src->next_input_byte;
    const JOCTET *end = at + cinfo->src->bytes_in_buffer;
    int marker = cinfo->unread_marker;
    for (;;) {
        while (marker == 0) {
            const JOCTET *mark = at < end ? memchr(at, 0xFF, (size_t)(end - at)) : NULL;
            if (!mark) return CTHUMBGEN_REST_TRUNCATED;
            at = mark + 1;
            while (at < end && *at == 0xFF) at++; // fill bytes (T.81 B.1.1.2)
            if (at == end) return CTHUMBGEN_REST_TRUNCATED;
            int code = *at++;
            if (code != 0 && !(code >= JPEG_RST0 && code <= JPEG_RST0 + 7)) marker = code;
        }
        if (marker == JPEG_EOI) return CTHUMBGEN_REST_ENDS;
        if ((marker >= JPEG_RST0 && marker <= JPEG_RST0 + 7) || marker == 0x01) { // no length (TEM: 0x01)
            marker = 0;
            continue;
        }
        int skippable = (marker >= JPEG_APP0 && marker <= JPEG_APP0 + 15) || marker == JPEG_COM
            || marker == 0xC4 || marker == 0xCC || marker == 0xDB || marker == 0xDD; // DHT DAC DQT DRI
        if (marker != 0xDA && !skippable) return CTHUMBGEN_REST_READ_ON; // SOS excepted
        if (end - at < 2) return CTHUMBGEN_REST_TRUNCATED;
        size_t length = (size_t)at[0] << 8 | at[1];
        if (length < 2) return CTHUMBGEN_REST_READ_ON;
        if (length > (size_t)(end - at)) return CTHUMBGEN_REST_TRUNCATED;
        if (marker == 0xDA) {
            int count = length >= 3 ? at[2] : 0;
            if (count < 1 || count > MAX_COMPS_IN_SCAN || length != (size_t)(6 + 2 * count)) return CTHUMBGEN_REST_READ_ON;
            int first = at[3 + 2 * count], last = at[4 + 2 * count]; // Ss, Se
            int high = at[5 + 2 * count] >> 4, low = at[5 + 2 * count] & 15; // Ah, Al
            // Parameters libjpeg refuses (jdphuff.c, jdarith.c: start_pass) fail as they would.
            if (first > last || last >= DCTSIZE2 || (first > 0 && count != 1) || (high != 0 && low != high - 1)
                || low > 13) {
                return CTHUMBGEN_REST_READ_ON;
            }
            for (int i = 0; i < count; i++) {
                int c = 0;
                while (c < cinfo->num_components && cinfo->comp_info[c].component_id != at[3 + 2 * i]) c++;
                if (c == cinfo->num_components || c >= MAX_COMPONENTS) return CTHUMBGEN_REST_READ_ON;
                if (!decoder->dc_only[c] || first == 0) return CTHUMBGEN_REST_READ_ON;
            }
        }
        at += length;
        marker = 0;
    }
}

// Decides, after jpeg_calc_output_dimensions, which components can use the store, and installs
// it when any can. Returns whether any can.
static int cthumbgen_dc_install(cthumbgen_jpeg_decoder *decoder) {
    j_decompress_ptr cinfo = &decoder->cinfo;
    int any = 0;
    for (int c = 0; c < cinfo->num_components && c < MAX_COMPONENTS; c++) {
        const jpeg_component_info *component = &cinfo->comp_info[c];
#if JPEG_LIB_VERSION >= 70
        decoder->dc_only[c] = component->DCT_h_scaled_size == 1 && component->DCT_v_scaled_size == 1;
#else
        decoder->dc_only[c] = component->DCT_scaled_size == 1;
#endif
        any |= decoder->dc_only[c];
    }
    if (!any) return 0;
    struct jpeg_memory_mgr *mem = cinfo->mem;
    decoder->base_request = mem->request_virt_barray;
    decoder->base_realize = mem->realize_virt_arrays;
    decoder->base_access = mem->access_virt_barray;
    mem->request_virt_barray = cthumbgen_dc_request;
    mem->realize_virt_arrays = cthumbgen_dc_realize;
    mem->access_virt_barray = cthumbgen_dc_access;
    return 1;
}

// Whether every coefficient the output reads is final: the DC of a DC-only component, all 64 of
// any other (coef_bits[c][k] is the Al of the last scan to carry coefficient k, 0 when exact,
// -1 before any). Progressive files only; the scans after that point are not read.
//
// Block smoothing (on by default, as in djpeg) also rewrites the DC of a component that has no
// data for any of AC coefficients 1...9 at the end of the file: libjpeg-turbo 2.1 interpolates it
// from the 5×5 neighbouring DCs ("change_dc" in jdcoefct.c, decompress_smooth_data). Whether a
// later scan brings such data is unknown until it is read, so a component with none yet keeps
// reading going (coef_bits never returns to -1, so once it has some, its DC is kept as decoded).
static int cthumbgen_dc_output_complete(const cthumbgen_jpeg_decoder *decoder) {
    const struct jpeg_decompress_struct *cinfo = &decoder->cinfo;
    if (!cinfo->progressive_mode || !cinfo->coef_bits) return 0;
    for (int c = 0; c < cinfo->num_components && c < MAX_COMPONENTS; c++) {
        int needed = decoder->dc_only[c] ? 1 : DCTSIZE2;
        for (int k = 0; k < needed; k++) {
            if (cinfo->coef_bits[c][k] != 0) return 0;
        }
        int has_low_ac = 0;
        for (int k = 1; k <= 9; k++) has_low_ac |= cinfo->coef_bits[c][k] >= 0;
        if (!has_low_ac) return 0;
    }
    return 1;
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
    jpeg_calc_output_dimensions(cinfo);
    if (cthumbgen_dc_install(decoder) && cinfo->progressive_mode) {
        // Buffered-image mode (libjpeg.txt "Buffered-image mode") so reading can stop once no
        // scan left can change the output (cthumbgen_dc_output_complete, cthumbgen_dc_rest):
        // the output is then the whole decode's for every file djpeg reads without a warning.
        cinfo->buffered_image = TRUE;
        jpeg_start_decompress(cinfo);
        for (;;) {
            int status = jpeg_consume_input(cinfo);
            cthumbgen_jpeg_progress((j_common_ptr)cinfo);
            if (status == JPEG_SUSPENDED) ERREXIT(cinfo, JERR_CANT_SUSPEND);
            if (status == JPEG_REACHED_EOI) break;
            if (status == JPEG_SCAN_COMPLETED && cthumbgen_dc_output_complete(decoder)) {
                int rest = cthumbgen_dc_rest(decoder);
                if (rest == CTHUMBGEN_REST_READ_ON) continue;
                // A truncated file still fails as it would when read to the end.
                if (rest == CTHUMBGEN_REST_TRUNCATED) WARNMS(cinfo, JWRN_JPEG_EOF);
                // Block smoothing estimates coefficients not yet received; none the output
                // reads are missing, and the rest will never arrive.
                cinfo->do_block_smoothing = FALSE;
                break;
            }
        }
        jpeg_start_output(cinfo, cinfo->input_scan_number);
    } else {
        jpeg_start_decompress(cinfo);
    }
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
