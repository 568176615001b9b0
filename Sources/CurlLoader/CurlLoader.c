#include "CurlLoader.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

// From curl/curl.h (CURLOPT(name, type, number) = type + number; CURLOPTTYPE_LONG 0,
// OBJECTPOINT 10000, FUNCTIONPOINT 20000, OFF_T 30000; CURLINFO_LONG 0x200000).
enum {
    CURLOPT_WRITEDATA = 10001,
    CURLOPT_URL = 10002,
    CURLOPT_ERRORBUFFER = 10010,
    CURLOPT_POSTFIELDS = 10015,
    CURLOPT_LOW_SPEED_LIMIT = 19,
    CURLOPT_LOW_SPEED_TIME = 20,
    CURLOPT_HTTPHEADER = 10023,
    CURLOPT_CUSTOMREQUEST = 10036,
    CURLOPT_NOSIGNAL = 99,
    CURLOPT_CONNECTTIMEOUT_MS = 156,
    CURLOPT_WRITEFUNCTION = 20011,
    CURLOPT_POSTFIELDSIZE_LARGE = 30120,
    CURLINFO_RESPONSE_CODE = 0x200002,
    CURL_GLOBAL_ALL = 3,
};

#define FIND(field, symbol)                                                                        \
    do {                                                                                           \
        *(void **)&functions->field = dlsym(library, symbol);                                      \
        if (functions->field == NULL) {                                                            \
            snprintf(problem, size, "%s has no %s", name, symbol);                                 \
            dlclose(library);                                                                      \
            return -1;                                                                             \
        }                                                                                          \
    } while (0)

int curl_functions_open(const char *name, CurlFunctions *functions, char *problem, size_t size) {
    memset(functions, 0, sizeof *functions);
    void *library = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(problem, size, "%s", reason != NULL ? reason : name);
        return -1;
    }
    FIND(global_init, "curl_global_init");
    FIND(easy_init, "curl_easy_init");
    FIND(easy_setopt, "curl_easy_setopt");
    FIND(easy_perform, "curl_easy_perform");
    FIND(easy_getinfo, "curl_easy_getinfo");
    FIND(easy_cleanup, "curl_easy_cleanup");
    FIND(easy_strerror, "curl_easy_strerror");
    FIND(slist_append, "curl_slist_append");
    FIND(slist_free_all, "curl_slist_free_all");
    functions->library = library;
    int code = functions->global_init(CURL_GLOBAL_ALL);
    if (code != 0) {
        snprintf(problem, size, "%s did not start: %s", name, functions->easy_strerror(code));
        dlclose(library);
        functions->library = NULL;
        return -1;
    }
    return 0;
}

void *curl_request_make(
    const CurlFunctions *functions, const char *method, const char *url, void *headers,
    const void *body, int64_t bodySize, long idleSeconds, CurlBodyWriter writer, void *context,
    char *problem) {
    void *handle = functions->easy_init();
    if (handle == NULL) return NULL;
    problem[0] = 0;
    // libcurl keeps `problem`, `url` and `method` only for the transfer; the caller holds them.
    functions->easy_setopt(handle, CURLOPT_ERRORBUFFER, problem);
    functions->easy_setopt(handle, CURLOPT_URL, url);
    functions->easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    functions->easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, idleSeconds * 1000L);
    functions->easy_setopt(handle, CURLOPT_LOW_SPEED_LIMIT, 1L);
    functions->easy_setopt(handle, CURLOPT_LOW_SPEED_TIME, idleSeconds);
    if (headers != NULL) functions->easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
    if (bodySize >= 0) {
        functions->easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, bodySize);
        functions->easy_setopt(handle, CURLOPT_POSTFIELDS, body != NULL ? body : "");
    }
    const char *implied = bodySize >= 0 ? "POST" : "GET";
    if (strcmp(method, implied) != 0) functions->easy_setopt(handle, CURLOPT_CUSTOMREQUEST, method);
    functions->easy_setopt(handle, CURLOPT_WRITEFUNCTION, writer);
    functions->easy_setopt(handle, CURLOPT_WRITEDATA, context);
    return handle;
}

void *curl_headers_append(const CurlFunctions *functions, void *list, const char *text) {
    return functions->slist_append(list, text);
}

void curl_headers_free(const CurlFunctions *functions, void *list) {
    functions->slist_free_all(list);
}

int curl_request_perform(const CurlFunctions *functions, void *handle) {
    return functions->easy_perform(handle);
}

const char *curl_request_error(const CurlFunctions *functions, int code) {
    return functions->easy_strerror(code);
}

void curl_request_free(const CurlFunctions *functions, void *handle) {
    functions->easy_cleanup(handle);
}

long curl_request_status(const CurlFunctions *functions, void *handle) {
    long status = 0;
    if (functions->easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status) != 0) return 0;
    return status;
}
