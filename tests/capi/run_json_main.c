/*
 * capi_run: `memspec run` through the C ABI — reads a scenario document (a file, or - for stdin),
 * prints what memspec_run_json returns and exits as memspec run does (0, or 2 on an error
 * result). The capi_vectors tests run the conformance vectors through it and compare its bytes
 * with the CLI's, so that memspec_run_json is checked to be memspec run and not a look-alike.
 *
 *   capi_run [--engine impl|oracle] FILE
 */
#include "include/memspec/memspec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char* read_all(FILE* f, size_t* len) {
    size_t cap = 1 << 16, n = 0;
    char* text = (char*)malloc(cap);
    if (!text) return NULL;
    for (;;) {
        size_t got;
        if (n == cap) {
            char* t = (char*)realloc(text, cap * 2);
            if (!t) {
                free(text);
                return NULL;
            }
            text = t;
            cap *= 2;
        }
        got = fread(text + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    if (ferror(f)) {
        free(text);
        return NULL;
    }
    *len = n;
    return text;
}

int main(int argc, char** argv) {
    memspec_engine engine = MEMSPEC_ENGINE_IMPL;
    const char* path = NULL;
    int i;
    FILE* f;
    char *text, *out = NULL;
    size_t len = 0, out_len = 0;
    memspec_status st;
    for (i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--engine") == 0 && i + 1 < argc) {
            ++i;
            if (strcmp(argv[i], "oracle") == 0) engine = MEMSPEC_ENGINE_ORACLE;
            else if (strcmp(argv[i], "impl") != 0) {
                fprintf(stderr, "capi_run: unknown engine %s\n", argv[i]);
                return 64;
            }
        } else {
            path = argv[i];
        }
    }
    if (!path) {
        fprintf(stderr, "usage: capi_run [--engine impl|oracle] FILE\n");
        return 64;
    }
    f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "capi_run: cannot open %s\n", path);
        return 66;
    }
    text = read_all(f, &len);
    if (f != stdin) fclose(f);
    if (!text) {
        fprintf(stderr, "capi_run: cannot read %s\n", path);
        return 66;
    }
    st = memspec_run_json(text, len, engine, &out, &out_len);
    free(text);
    if (!out) {
        fprintf(stderr, "capi_run: memspec_run_json failed: %s\n", memspec_status_name(st));
        return 70;
    }
    fwrite(out, 1, out_len, stdout);
    memspec_string_free(out);
    return st == MEMSPEC_OK ? 0 : 2;
}
