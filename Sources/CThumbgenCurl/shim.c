// CThumbgenCurl: typed wrappers over libcurl's variadic curl_easy_setopt / curl_easy_getinfo.
#include <pthread.h>
#include <string.h>
#include <curl/curl.h>
#include "CThumbgenCurl.h"

static pthread_once_t cthumbgen_curl_once = PTHREAD_ONCE_INIT;
static CURLcode cthumbgen_curl_init_result = CURLE_FAILED_INIT;

static void cthumbgen_curl_do_global_init(void) {
    cthumbgen_curl_init_result = curl_global_init(CURL_GLOBAL_DEFAULT);
}

CURLcode cthumbgen_curl_global_init(void) {
    pthread_once(&cthumbgen_curl_once, cthumbgen_curl_do_global_init);
    return cthumbgen_curl_init_result;
}

#define CTHUMBGEN_TRY(call) do { CURLcode rc_ = (call); if (rc_ != CURLE_OK) return rc_; } while (0)

CURLcode cthumbgen_curl_set_defaults(CURL *handle, char *error_buffer) {
    CTHUMBGEN_TRY(curl_easy_setopt(handle, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1));
    CTHUMBGEN_TRY(curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L));
    CTHUMBGEN_TRY(curl_easy_setopt(handle, CURLOPT_PATH_AS_IS, 1L));
    CTHUMBGEN_TRY(curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L));
    CTHUMBGEN_TRY(curl_easy_setopt(handle, CURLOPT_TCP_KEEPALIVE, 1L));
    if (error_buffer != NULL) {
        error_buffer[0] = '\0';
        CTHUMBGEN_TRY(curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer));
    }
    return CURLE_OK;
}

CURLcode cthumbgen_curl_set_url(CURL *handle, const char *url) {
    return curl_easy_setopt(handle, CURLOPT_URL, url);
}

CURLcode cthumbgen_curl_set_method(CURL *handle, const char *method, curl_off_t body_size) {
    if (strcmp(method, "GET") == 0 && body_size < 0) {
        return curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
    }
    if (strcmp(method, "HEAD") == 0) {
        return curl_easy_setopt(handle, CURLOPT_NOBODY, 1L);
    }
    if (strcmp(method, "PUT") == 0) {
        CTHUMBGEN_TRY(curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L));
        return curl_easy_setopt(handle, CURLOPT_INFILESIZE_LARGE, body_size < 0 ? (curl_off_t)0 : body_size);
    }
    if (strcmp(method, "POST") == 0) {
        CTHUMBGEN_TRY(curl_easy_setopt(handle, CURLOPT_POST, 1L));
        return curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, body_size < 0 ? (curl_off_t)0 : body_size);
    }
    if (body_size >= 0) {
        CTHUMBGEN_TRY(curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L));
        CTHUMBGEN_TRY(curl_easy_setopt(handle, CURLOPT_INFILESIZE_LARGE, body_size));
    }
    return curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, method);
}

CURLcode cthumbgen_curl_set_headers(CURL *handle, struct curl_slist *headers) {
    return curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
}

CURLcode cthumbgen_curl_set_timeouts(CURL *handle, long connect_ms, long total_ms,
                                     long low_speed_bytes_per_second, long low_speed_seconds) {
    CTHUMBGEN_TRY(curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, connect_ms));
    CTHUMBGEN_TRY(curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, total_ms));
    CTHUMBGEN_TRY(curl_easy_setopt(handle, CURLOPT_LOW_SPEED_LIMIT, low_speed_bytes_per_second));
    return curl_easy_setopt(handle, CURLOPT_LOW_SPEED_TIME, low_speed_seconds);
}

CURLcode cthumbgen_curl_set_ca_file(CURL *handle, const char *path) {
    if (path == NULL) return CURLE_OK;
    return curl_easy_setopt(handle, CURLOPT_CAINFO, path);
}

CURLcode cthumbgen_curl_set_callbacks(CURL *handle, void *userdata,
                                      cthumbgen_curl_read_fn read_fn,
                                      cthumbgen_curl_write_fn write_fn,
                                      cthumbgen_curl_header_fn header_fn,
                                      cthumbgen_curl_progress_fn progress_fn) {
    CTHUMBGEN_TRY(curl_easy_setopt(handle, CURLOPT_READFUNCTION, read_fn));
    CTHUMBGEN_TRY(curl_easy_setopt(handle, CURLOPT_READDATA, userdata));
    CTHUMBGEN_TRY(curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, write_fn));
    CTHUMBGEN_TRY(curl_easy_setopt(handle, CURLOPT_WRITEDATA, userdata));
    CTHUMBGEN_TRY(curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, header_fn));
    CTHUMBGEN_TRY(curl_easy_setopt(handle, CURLOPT_HEADERDATA, userdata));
    CTHUMBGEN_TRY(curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, progress_fn));
    CTHUMBGEN_TRY(curl_easy_setopt(handle, CURLOPT_XFERINFODATA, userdata));
    return curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L);
}

long cthumbgen_curl_response_code(CURL *handle) {
    long code = 0;
    if (curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &code) != CURLE_OK) return 0;
    return code;
}
