// CThumbgenCurl: typed wrappers over libcurl's variadic curl_easy_setopt / curl_easy_getinfo,
// with libcurl itself loaded on first use (dlopen/dlsym) rather than at process start.
#define CURL_DISABLE_TYPECHECK 1  // the typed wrappers below pass the right types already
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <curl/curl.h>
#include "CThumbgenCurl.h"

// Every libcurl function thumbgen calls, resolved once by cthumbgen_curl_load.
static struct {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    void (*easy_reset)(CURL *);
    CURLcode (*easy_perform)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
} cthumbgen_curl;

static pthread_once_t cthumbgen_curl_once = PTHREAD_ONCE_INIT;
static CURLcode cthumbgen_curl_init_result = CURLE_FAILED_INIT;
static char cthumbgen_curl_error[512];

// dlsym of `name` into `*slot`; false (and the message set) when absent.
static int cthumbgen_curl_resolve(void *library, const char *name, void **slot) {
    *slot = dlsym(library, name);
    if (*slot == NULL) {
        snprintf(cthumbgen_curl_error, sizeof cthumbgen_curl_error, "%s has no %s", CTHUMBGEN_CURL_SONAME, name);
        return 0;
    }
    return 1;
}

static void cthumbgen_curl_do_global_init(void) {
    // RTLD_LOCAL: libcurl's symbols stay out of the global scope. The search path is the
    // executable's DT_RPATH/RUNPATH, then the system's (so the Lambda package's $ORIGIN works).
    void *library = dlopen(CTHUMBGEN_CURL_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(cthumbgen_curl_error, sizeof cthumbgen_curl_error, "%s", reason ? reason : CTHUMBGEN_CURL_SONAME ": cannot be loaded");
        return;
    }
#define CTHUMBGEN_RESOLVE(field, symbol) \
    if (!cthumbgen_curl_resolve(library, symbol, (void **)&cthumbgen_curl.field)) return
    CTHUMBGEN_RESOLVE(global_init, "curl_global_init");
    CTHUMBGEN_RESOLVE(easy_init, "curl_easy_init");
    CTHUMBGEN_RESOLVE(easy_cleanup, "curl_easy_cleanup");
    CTHUMBGEN_RESOLVE(easy_reset, "curl_easy_reset");
    CTHUMBGEN_RESOLVE(easy_perform, "curl_easy_perform");
    CTHUMBGEN_RESOLVE(easy_strerror, "curl_easy_strerror");
    CTHUMBGEN_RESOLVE(easy_setopt, "curl_easy_setopt");
    CTHUMBGEN_RESOLVE(easy_getinfo, "curl_easy_getinfo");
    CTHUMBGEN_RESOLVE(slist_append, "curl_slist_append");
    CTHUMBGEN_RESOLVE(slist_free_all, "curl_slist_free_all");
#undef CTHUMBGEN_RESOLVE
    cthumbgen_curl_init_result = cthumbgen_curl.global_init(CURL_GLOBAL_DEFAULT);
}

CURLcode cthumbgen_curl_global_init(void) {
    pthread_once(&cthumbgen_curl_once, cthumbgen_curl_do_global_init);
    return cthumbgen_curl_init_result;
}

const char *cthumbgen_curl_load_error(void) {
    return cthumbgen_curl_error[0] == '\0' ? NULL : cthumbgen_curl_error;
}

CURL *cthumbgen_curl_easy_init(void) {
    return cthumbgen_curl.easy_init ? cthumbgen_curl.easy_init() : NULL;
}

void cthumbgen_curl_easy_cleanup(CURL *handle) { cthumbgen_curl.easy_cleanup(handle); }

void cthumbgen_curl_easy_reset(CURL *handle) { cthumbgen_curl.easy_reset(handle); }

CURLcode cthumbgen_curl_easy_perform(CURL *handle) { return cthumbgen_curl.easy_perform(handle); }

const char *cthumbgen_curl_easy_strerror(CURLcode code) {
    return cthumbgen_curl.easy_strerror ? cthumbgen_curl.easy_strerror(code) : "libcurl not loaded";
}

struct curl_slist *cthumbgen_curl_slist_append(struct curl_slist *list, const char *line) {
    return cthumbgen_curl.slist_append(list, line);
}

void cthumbgen_curl_slist_free_all(struct curl_slist *list) {
    if (list != NULL) cthumbgen_curl.slist_free_all(list);
}

// Below, libcurl's names resolve to the loaded pointers.
#undef curl_easy_setopt
#undef curl_easy_getinfo
#define curl_easy_setopt cthumbgen_curl.easy_setopt
#define curl_easy_getinfo cthumbgen_curl.easy_getinfo

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
