// libcurl's easy interface, opened with dlopen when a sync starts: `lianxi` links no libcurl,
// so a review session does not load it and its thirty libraries (docs/BENCHMARKS.md).
// libcurl's header is not needed: the few option numbers used are written out in CurlLoader.c
// from curl/curl.h, which keeps them stable across versions (they are its ABI).
#pragma once

#include <stddef.h>
#include <stdint.h>

/// What libcurl calls with each piece of the answer's body.
typedef size_t (*CurlBodyWriter)(char *bytes, size_t size, size_t count, void *context);

/// The functions of an opened libcurl.
typedef struct CurlFunctions {
    void *library;
    int (*global_init)(long flags);
    void *(*easy_init)(void);
    int (*easy_setopt)(void *handle, int option, ...);
    int (*easy_perform)(void *handle);
    int (*easy_getinfo)(void *handle, int info, ...);
    void (*easy_cleanup)(void *handle);
    const char *(*easy_strerror)(int code);
    void *(*slist_append)(void *list, const char *text);
    void (*slist_free_all)(void *list);
} CurlFunctions;

/// Opens the library `name` and finds its functions; 0 when done, otherwise -1 with the
/// loader's reason in `problem`.
int curl_functions_open(const char *name, CurlFunctions *functions, char *problem, size_t size);

/// `list` with the header line `text` appended (a new list when `list` is NULL).
void *curl_headers_append(const CurlFunctions *functions, void *list, const char *text);

/// Frees a list of header lines.
void curl_headers_free(const CurlFunctions *functions, void *list);

/// An easy handle set up for one request: `method` to `url` with `headers` (a list from
/// `curl_headers_append`) and `body` (`bodySize` bytes; no body when `bodySize` is negative),
/// the answer's body to `writer` with `context`, libcurl's words for a failure to `problem`
/// (CURL_PROBLEM_SIZE bytes); `idleSeconds` without a byte, or as long to connect, ends the
/// transfer. `body`, `headers` and `problem` must outlive the transfer. NULL when libcurl
/// cannot make a handle.
void *curl_request_make(
    const CurlFunctions *functions, const char *method, const char *url, void *headers,
    const void *body, int64_t bodySize, long idleSeconds, CurlBodyWriter writer, void *context,
    char *problem);

/// Performs the request: 0 (CURLE_OK) when an answer came, otherwise libcurl's error code.
int curl_request_perform(const CurlFunctions *functions, void *handle);

/// The HTTP status of a performed request, 0 when there was none.
long curl_request_status(const CurlFunctions *functions, void *handle);

/// libcurl's short description of an error code.
const char *curl_request_error(const CurlFunctions *functions, int code);

/// Frees a request's handle.
void curl_request_free(const CurlFunctions *functions, void *handle);

/// The size of the buffer libcurl writes its words for a failure into (CURL_ERROR_SIZE).
enum { CURL_PROBLEM_SIZE = 256 };
