#include "CThumbgenZlib.h"
#include <string.h>
#include <zlib.h>

size_t cthumbgen_zlib_deflate_bound(size_t length) {
    // deflateBound needs an initialised stream; this is zlib's documented conservative bound
    // for raw streams plus a margin for the final empty block.
    return length + (length >> 12) + (length >> 14) + (length >> 25) + 13 + 64;
}

int cthumbgen_zlib_deflate_raw(const uint8_t *input, size_t length,
                               uint8_t *output, size_t capacity, size_t *written) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    int rc = deflateInit2(&stream, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
    if (rc != Z_OK) return rc;
    size_t consumed = 0, produced = 0;
    const size_t chunk = 1u << 30;
    do {
        size_t in_now = length - consumed < chunk ? length - consumed : chunk;
        size_t out_now = capacity - produced < chunk ? capacity - produced : chunk;
        stream.next_in = (Bytef *)(input + consumed);
        stream.avail_in = (uInt)in_now;
        stream.next_out = output + produced;
        stream.avail_out = (uInt)out_now;
        int flush = (consumed + in_now == length) ? Z_FINISH : Z_NO_FLUSH;
        rc = deflate(&stream, flush);
        consumed += in_now - stream.avail_in;
        produced += out_now - stream.avail_out;
        if (rc == Z_STREAM_END) break;
        if (rc != Z_OK || (stream.avail_out == 0 && produced == capacity)) {
            deflateEnd(&stream);
            return rc == Z_OK ? Z_BUF_ERROR : rc;
        }
    } while (1);
    deflateEnd(&stream);
    *written = produced;
    return Z_OK;
}

uint32_t cthumbgen_zlib_crc32(uint32_t crc, const uint8_t *bytes, size_t length) {
    uLong value = crc;
    while (length > 0) {
        uInt now = length > (1u << 30) ? (1u << 30) : (uInt)length;
        value = crc32(value, bytes, now);
        bytes += now;
        length -= now;
    }
    return (uint32_t)value;
}
