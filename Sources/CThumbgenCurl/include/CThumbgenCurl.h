// CThumbgenCurl: typed wrappers over libcurl's variadic calls.
//
// `curl_easy_setopt` and `curl_easy_getinfo` are variadic, which Swift cannot call; each
// option thumbgen uses gets one typed function here. Reference: libcurl's
// curl_easy_setopt(3) and curl_easy_getinfo(3) man pages (curl 7.88).
//
// libcurl is loaded lazily: the binary has no DT_NEEDED on it, and the first call of
// cthumbgen_curl_global_init dlopen(3)s CTHUMBGEN_CURL_SONAME and resolves every libcurl
// function used here with dlsym(3). Commands that never touch the network (resize, --version)
// so skip libcurl's ~30-library closure (TLS, Kerberos, LDAP, SSH, ...) at start-up. Only the
// cthumbgen_curl_* functions below may be called from Swift; libcurl's own functions are not
// linked. The Lambda package carries the library anyway (LambdaPackage.lazyLibraries).
#ifndef CTHUMBGEN_CURL_H
#define CTHUMBGEN_CURL_H

#include <curl/curl.h>

/// Reads up to `size * nitems` bytes of request body into `buffer`; returns bytes written,
/// 0 at end, or CURL_READFUNC_ABORT. (CURLOPT_READFUNCTION)
typedef size_t (*cthumbgen_curl_read_fn)(char *buffer, size_t size, size_t nitems, void *userdata);
/// Receives `size * nmemb` bytes of response body; returns the count consumed. (CURLOPT_WRITEFUNCTION)
typedef size_t (*cthumbgen_curl_write_fn)(char *data, size_t size, size_t nmemb, void *userdata);
/// Receives one response header line, CRLF included. (CURLOPT_HEADERFUNCTION)
typedef size_t (*cthumbgen_curl_header_fn)(char *data, size_t size, size_t nitems, void *userdata);
/// Progress in bytes; non-zero return aborts the transfer. (CURLOPT_XFERINFOFUNCTION)
typedef int (*cthumbgen_curl_progress_fn)(void *userdata, curl_off_t dltotal, curl_off_t dlnow,
                                          curl_off_t ultotal, curl_off_t ulnow);

/// The library loaded on first use: libcurl's soname on Debian 12 and Amazon Linux 2023.
#define CTHUMBGEN_CURL_SONAME "libcurl.so.4"

/// Loads libcurl (dlopen CTHUMBGEN_CURL_SONAME, dlsym of each function) and calls
/// curl_global_init(CURL_GLOBAL_DEFAULT), exactly once per process (thread-safe); returns the
/// result on every call: CURLE_FAILED_INIT when the library or one of its functions is missing
/// (cthumbgen_curl_load_error then says which).
CURLcode cthumbgen_curl_global_init(void);

/// After a failed cthumbgen_curl_global_init: one line such as `libcurl.so.4: cannot open shared
/// object file: No such file or directory`; NULL when libcurl loaded. Static storage; do not free.
const char *cthumbgen_curl_load_error(void);

/// curl_easy_init(3); NULL before a successful cthumbgen_curl_global_init.
CURL *cthumbgen_curl_easy_init(void);
/// curl_easy_cleanup(3).
void cthumbgen_curl_easy_cleanup(CURL *handle);
/// curl_easy_reset(3): every option back to its default; connections stay open.
void cthumbgen_curl_easy_reset(CURL *handle);
/// curl_easy_perform(3).
CURLcode cthumbgen_curl_easy_perform(CURL *handle);
/// curl_easy_strerror(3): a static message for `code`.
const char *cthumbgen_curl_easy_strerror(CURLcode code);
/// curl_slist_append(3): `list` with a copy of `line` appended; NULL on allocation failure.
struct curl_slist *cthumbgen_curl_slist_append(struct curl_slist *list, const char *line);
/// curl_slist_free_all(3); NULL is allowed.
void cthumbgen_curl_slist_free_all(struct curl_slist *list);

/// Settings every thumbgen request uses: HTTP/1.1, CURLOPT_NOSIGNAL, CURLOPT_PATH_AS_IS
/// (S3 keys may contain `..` and `//`, which must reach the server unchanged), no
/// redirects, TCP keep-alive, and `error_buffer` (CURL_ERROR_SIZE bytes) for messages.
CURLcode cthumbgen_curl_set_defaults(CURL *handle, char *error_buffer);

/// CURLOPT_URL.
CURLcode cthumbgen_curl_set_url(CURL *handle, const char *url);

/// Selects the method. `GET` (CURLOPT_HTTPGET), `HEAD` (CURLOPT_NOBODY), `PUT` (CURLOPT_UPLOAD
/// with CURLOPT_INFILESIZE_LARGE = `body_size`), `POST` (CURLOPT_POST with
/// CURLOPT_POSTFIELDSIZE_LARGE = `body_size`, body from the read callback); any other
/// method is sent with CURLOPT_CUSTOMREQUEST. `body_size` is in bytes; -1 means no body.
CURLcode cthumbgen_curl_set_method(CURL *handle, const char *method, curl_off_t body_size);

/// CURLOPT_HTTPHEADER; the list must outlive the transfer.
CURLcode cthumbgen_curl_set_headers(CURL *handle, struct curl_slist *headers);

/// CURLOPT_CONNECTTIMEOUT_MS, CURLOPT_TIMEOUT_MS (0 = no whole-request limit),
/// CURLOPT_LOW_SPEED_LIMIT (bytes per second) and CURLOPT_LOW_SPEED_TIME (seconds;
/// 0 disables the low-speed check).
CURLcode cthumbgen_curl_set_timeouts(CURL *handle, long connect_ms, long total_ms,
                                     long low_speed_bytes_per_second, long low_speed_seconds);

/// CURLOPT_CAINFO: path of a PEM CA bundle; NULL leaves libcurl's built-in default.
CURLcode cthumbgen_curl_set_ca_file(CURL *handle, const char *path);

/// Installs the four callbacks with one `userdata` (CURLOPT_READDATA, CURLOPT_WRITEDATA,
/// CURLOPT_HEADERDATA, CURLOPT_XFERINFODATA) and enables progress (CURLOPT_NOPROGRESS 0).
CURLcode cthumbgen_curl_set_callbacks(CURL *handle, void *userdata,
                                      cthumbgen_curl_read_fn read_fn,
                                      cthumbgen_curl_write_fn write_fn,
                                      cthumbgen_curl_header_fn header_fn,
                                      cthumbgen_curl_progress_fn progress_fn);

/// CURLINFO_RESPONSE_CODE: the last HTTP status received, 0 if none yet.
long cthumbgen_curl_response_code(CURL *handle);

#endif
