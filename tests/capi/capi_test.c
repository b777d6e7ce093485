/*
 * The C ABI (include/memspec/memspec.h) tested from C, as a C caller uses it: compiled as C99 with
 * -fsanitize=address,undefined and linked against libmemspec.so, so that a misuse on the C side,
 * a buffer overrun, or a handle or string left unfreed (LeakSanitizer at exit) fails the test.
 *
 * Expected values are written by hand from the spec: OpenVM v1.0's own offline.rs sequences (as in
 * tests/unit/oracle_openvm_test.cpp) and the rules they illustrate, not copied from memspec's output.
 * The pseudo-random programs compare the step API with memspec_run_json on the same ops (both
 * engines), the JSON of the pulled records being built here from the interchange format's text.
 *
 * Prints every failed check with its line, then "N passed, N failed"; exit status 1 on any failure.
 */
#include "include/memspec/memspec.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed = 0;
static int failed = 0;

#define CHECK(cond) check((cond) != 0, #cond, __LINE__)
#define CHECK_STATUS(expr, want) check_status((expr), (want), #expr, __LINE__)

static void check(int ok, const char* what, int line) {
    if (ok) {
        ++passed;
    } else {
        ++failed;
        fprintf(stderr, "FAIL line %d: %s\n", line, what);
    }
}

static void check_status(memspec_status got, memspec_status want, const char* what, int line) {
    if (got == want) {
        ++passed;
    } else {
        ++failed;
        fprintf(stderr, "FAIL line %d: %s returned %s (%d), expected %s (%d)\n", line, what, memspec_status_name(got), (int)got,
                memspec_status_name(want), (int)want);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* A growable text buffer, for building scenarios and the expected JSON. */

typedef struct {
    char* text;
    size_t len;
    size_t cap;
} buf;

static void buf_put(buf* b, const char* s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (b->len + n + 1 > cap) cap *= 2;
        char* t = (char*)realloc(b->text, cap);
        if (!t) {
            fprintf(stderr, "out of memory\n");
            exit(2);
        }
        b->text = t;
        b->cap = cap;
    }
    memcpy(b->text + b->len, s, n);
    b->len += n;
    b->text[b->len] = '\0';
}

static void buf_printf(buf* b, const char* fmt, ...) {
    char tmp[512];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp) {
        fprintf(stderr, "buf_printf: line too long\n");
        exit(2);
    }
    buf_put(b, tmp, (size_t)n);
}

static void buf_str(buf* b, const char* s) { buf_put(b, s, strlen(s)); }

static void buf_values(buf* b, const uint32_t* v, size_t n) {
    size_t i;
    buf_str(b, "[");
    for (i = 0; i < n; ++i) buf_printf(b, i ? ",%" PRIu32 : "%" PRIu32, v[i]);
    buf_str(b, "]");
}

static void buf_free(buf* b) {
    free(b->text);
    b->text = NULL;
    b->len = b->cap = 0;
}

/* ------------------------------------------------------------------------------------------ */
/* The v1 result object (spec/interchange.md, "Result") rebuilt from pulled records: the reads are
 * the read records' data, then the access records, the adapter records, the final blocks. */

typedef struct {
    buf reads, records, adapters, finals;
    int n_reads, n_records, n_adapters, n_finals;
    int finalized;
} result_builder;

static void comma(buf* b, int* count) {
    if ((*count)++) buf_str(b, ",");
}

static void add_record(result_builder* r, const memspec_record* rec) {
    switch (rec->tag) {
        case MEMSPEC_RECORD_READ:
        case MEMSPEC_RECORD_WRITE: {
            const int write = rec->tag == MEMSPEC_RECORD_WRITE;
            if (!write) {
                int n = r->n_reads;
                comma(&r->reads, &n);
                r->n_reads = n;
                buf_values(&r->reads, rec->data, rec->data_len);
            }
            comma(&r->records, &r->n_records);
            buf_printf(&r->records, "{\"op\":\"%s\",\"as\":%" PRIu32 ",\"ptr\":%" PRIu32 ",\"timestamp\":%" PRIu32 ",\"prev_timestamp\":%" PRIu32 ",\"data\":",
                       write ? "write" : "read", rec->address_space, rec->pointer, rec->timestamp, rec->prev_timestamp);
            buf_values(&r->records, rec->data, rec->data_len);
            if (write) {
                buf_str(&r->records, ",\"prev_data\":");
                buf_values(&r->records, rec->prev_data, rec->prev_data_len);
            }
            buf_str(&r->records, "}");
            break;
        }
        case MEMSPEC_RECORD_SPLIT:
        case MEMSPEC_RECORD_MERGE:
            comma(&r->adapters, &r->n_adapters);
            buf_printf(&r->adapters, "{\"n\":%" PRIu32 ",\"kind\":\"%s\",\"as\":%" PRIu32 ",\"ptr\":%" PRIu32 ",\"left_timestamp\":%" PRIu32 ",\"right_timestamp\":%" PRIu32 ",\"data\":",
                       rec->n, rec->tag == MEMSPEC_RECORD_SPLIT ? "split" : "merge", rec->address_space, rec->pointer,
                       rec->left_timestamp, rec->right_timestamp);
            buf_values(&r->adapters, rec->data, rec->data_len);
            buf_str(&r->adapters, "}");
            break;
        case MEMSPEC_RECORD_FINAL_BLOCK:
            comma(&r->finals, &r->n_finals);
            buf_printf(&r->finals, "{\"as\":%" PRIu32 ",\"ptr\":%" PRIu32 ",\"timestamp\":%" PRIu32 ",\"values\":", rec->address_space,
                       rec->pointer, rec->timestamp);
            buf_values(&r->finals, rec->data, rec->data_len);
            buf_str(&r->finals, "}");
            break;
        default:
            check(0, "unknown record tag", __LINE__);
    }
}

/* Pulls every pending record into the builder. */
static void drain(memspec_memory* m, result_builder* r) {
    memspec_record rec;
    for (;;) {
        CHECK_STATUS(memspec_memory_next_record(m, &rec), MEMSPEC_OK);
        if (rec.tag == MEMSPEC_RECORD_NONE) break;
        add_record(r, &rec);
    }
}

static void result_text(result_builder* r, uint32_t final_timestamp, buf* out) {
    buf_str(out, "{\"reads\":[");
    if (r->reads.len) buf_str(out, r->reads.text);
    buf_str(out, "],\"records\":[");
    if (r->records.len) buf_str(out, r->records.text);
    buf_str(out, "],\"adapter_records\":[");
    if (r->adapters.len) buf_str(out, r->adapters.text);
    buf_str(out, "]");
    if (r->finalized) {
        buf_str(out, ",\"final_memory\":[");
        if (r->finals.len) buf_str(out, r->finals.text);
        buf_str(out, "]");
    }
    buf_printf(out, ",\"final_timestamp\":%" PRIu32 "}\n", final_timestamp);
}

static void result_free(result_builder* r) {
    buf_free(&r->reads);
    buf_free(&r->records);
    buf_free(&r->adapters);
    buf_free(&r->finals);
}

/* run_json on `scenario`, expecting `want_status`; returns the output (caller frees). */
static char* run_json(const char* scenario, memspec_engine engine, memspec_status want_status, size_t* len) {
    char* out = NULL;
    CHECK_STATUS(memspec_run_json(scenario, strlen(scenario), engine, &out, len), want_status);
    CHECK(out != NULL);
    if (out) CHECK(strlen(out) == *len); /* NUL-terminated, no NUL inside */
    return out;
}

static int starts_with(const char* s, const char* prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }
static int ends_with(const char* s, const char* suffix) {
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static const memspec_engine ENGINES[2] = {MEMSPEC_ENGINE_IMPL, MEMSPEC_ENGINE_ORACLE};

/* ------------------------------------------------------------------------------------------ */
/* Known answers: OpenVM v1.0 offline.rs test_records_initial_block_len_1 (R16-R20). */

static const char* OPENVM_RECORDS_LEN_1 =
    "{\"ops\":[{\"op\":\"write\",\"as\":1,\"ptr\":0,\"data\":[1,2,3,4]},{\"op\":\"read\",\"as\":1,\"ptr\":0,\"len\":4},"
    "{\"op\":\"write\",\"as\":1,\"ptr\":0,\"data\":[10,11]},{\"op\":\"read\",\"as\":1,\"ptr\":0,\"len\":4}]}";

/* Written from offline.rs: the first write merges 1+1 twice and 2+2 (zeros at timestamp 0), the
 * 2-cell write splits the 4-block, the last read merges back with left timestamp 3, right 2. */
static const char* OPENVM_RECORDS_LEN_1_RESULT =
    "{\"reads\":[[1,2,3,4],[10,11,3,4]],"
    "\"records\":["
    "{\"op\":\"write\",\"as\":1,\"ptr\":0,\"timestamp\":1,\"prev_timestamp\":0,\"data\":[1,2,3,4],\"prev_data\":[0,0,0,0]},"
    "{\"op\":\"read\",\"as\":1,\"ptr\":0,\"timestamp\":2,\"prev_timestamp\":1,\"data\":[1,2,3,4]},"
    "{\"op\":\"write\",\"as\":1,\"ptr\":0,\"timestamp\":3,\"prev_timestamp\":2,\"data\":[10,11],\"prev_data\":[1,2]},"
    "{\"op\":\"read\",\"as\":1,\"ptr\":0,\"timestamp\":4,\"prev_timestamp\":3,\"data\":[10,11,3,4]}],"
    "\"adapter_records\":["
    "{\"n\":2,\"kind\":\"merge\",\"as\":1,\"ptr\":0,\"left_timestamp\":0,\"right_timestamp\":0,\"data\":[0,0]},"
    "{\"n\":2,\"kind\":\"merge\",\"as\":1,\"ptr\":2,\"left_timestamp\":0,\"right_timestamp\":0,\"data\":[0,0]},"
    "{\"n\":4,\"kind\":\"merge\",\"as\":1,\"ptr\":0,\"left_timestamp\":0,\"right_timestamp\":0,\"data\":[0,0,0,0]},"
    "{\"n\":4,\"kind\":\"split\",\"as\":1,\"ptr\":0,\"left_timestamp\":2,\"right_timestamp\":2,\"data\":[1,2,3,4]},"
    "{\"n\":4,\"kind\":\"merge\",\"as\":1,\"ptr\":0,\"left_timestamp\":3,\"right_timestamp\":2,\"data\":[10,11,3,4]}],"
    "\"final_timestamp\":5}\n";

/* offline.rs test_finalize_block_len_8: initial blocks of 8, three writes, finalize::<8> (R23, R24). */
static const char* OPENVM_FINALIZE_LEN_8 =
    "{\"initial_block_size\":8,\"ops\":[{\"op\":\"write\",\"as\":1,\"ptr\":0,\"data\":[1,2,3,4]},"
    "{\"op\":\"write\",\"as\":1,\"ptr\":16,\"data\":[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]},"
    "{\"op\":\"write\",\"as\":2,\"ptr\":64,\"data\":[8,7,6,5,4,3,2,1]}],\"finalize_chunk\":8}";

/* The 4-cell write splits 8@0; the 16-cell write merges the two initial blocks at 16 and 24; the
 * write at (2, 64) is exactly one initial block. Finalize merges [0,4)+[4,8) (timestamps 1 and 0)
 * and splits the 16-block at 16 back into chunks (OpenVM counts 1 + 1 finalize adapters). */
static const char* OPENVM_FINALIZE_LEN_8_RESULT =
    "{\"reads\":[],"
    "\"records\":["
    "{\"op\":\"write\",\"as\":1,\"ptr\":0,\"timestamp\":1,\"prev_timestamp\":0,\"data\":[1,2,3,4],\"prev_data\":[0,0,0,0]},"
    "{\"op\":\"write\",\"as\":1,\"ptr\":16,\"timestamp\":2,\"prev_timestamp\":0,\"data\":[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1],"
    "\"prev_data\":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]},"
    "{\"op\":\"write\",\"as\":2,\"ptr\":64,\"timestamp\":3,\"prev_timestamp\":0,\"data\":[8,7,6,5,4,3,2,1],\"prev_data\":[0,0,0,0,0,0,0,0]}],"
    "\"adapter_records\":["
    "{\"n\":8,\"kind\":\"split\",\"as\":1,\"ptr\":0,\"left_timestamp\":0,\"right_timestamp\":0,\"data\":[0,0,0,0,0,0,0,0]},"
    "{\"n\":16,\"kind\":\"merge\",\"as\":1,\"ptr\":16,\"left_timestamp\":0,\"right_timestamp\":0,\"data\":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]},"
    "{\"n\":8,\"kind\":\"merge\",\"as\":1,\"ptr\":0,\"left_timestamp\":1,\"right_timestamp\":0,\"data\":[1,2,3,4,0,0,0,0]},"
    "{\"n\":16,\"kind\":\"split\",\"as\":1,\"ptr\":16,\"left_timestamp\":2,\"right_timestamp\":2,\"data\":[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}],"
    "\"final_memory\":["
    "{\"as\":1,\"ptr\":0,\"timestamp\":1,\"values\":[1,2,3,4,0,0,0,0]},"
    "{\"as\":1,\"ptr\":16,\"timestamp\":2,\"values\":[1,1,1,1,1,1,1,1]},"
    "{\"as\":1,\"ptr\":24,\"timestamp\":2,\"values\":[1,1,1,1,1,1,1,1]},"
    "{\"as\":2,\"ptr\":64,\"timestamp\":3,\"values\":[8,7,6,5,4,3,2,1]}],"
    "\"final_timestamp\":4}\n";

static void test_version_and_names(void) {
    CHECK(memspec_abi_version() == MEMSPEC_ABI_VERSION);
    CHECK(memspec_version() != NULL && strlen(memspec_version()) >= 5);
    CHECK(strcmp(memspec_status_name(MEMSPEC_OK), "OK") == 0);
    CHECK(strcmp(memspec_status_name(MEMSPEC_PARSE_ERROR), "ParseError") == 0);
    CHECK(strcmp(memspec_status_name(MEMSPEC_INVALID_CONFIG), "InvalidConfig") == 0);
    CHECK(strcmp(memspec_status_name(MEMSPEC_INVALID_ADDRESS_SPACE), "InvalidAddressSpace") == 0);
    CHECK(strcmp(memspec_status_name(MEMSPEC_SIZE_NOT_POWER_OF_TWO), "SizeNotPowerOfTwo") == 0);
    CHECK(strcmp(memspec_status_name(MEMSPEC_OUT_OF_BOUNDS), "OutOfBounds") == 0);
    CHECK(strcmp(memspec_status_name(MEMSPEC_UNALIGNED_ACCESS), "UnalignedAccess") == 0);
    CHECK(strcmp(memspec_status_name(MEMSPEC_INVALID_VALUE), "InvalidValue") == 0);
    CHECK(strcmp(memspec_status_name(MEMSPEC_TIMESTAMP_VIOLATION), "TimestampViolation") == 0);
    CHECK(strcmp(memspec_status_name(MEMSPEC_UNTRACEABLE), "Untraceable") == 0);
    CHECK(strcmp(memspec_status_name(MEMSPEC_LIMIT_EXCEEDED), "LimitExceeded") == 0);
    CHECK(strcmp(memspec_status_name(MEMSPEC_INPUT_ERROR), "InputError") == 0);
    CHECK(strcmp(memspec_status_name(MEMSPEC_OUTPUT_ERROR), "OutputError") == 0);
    CHECK(strcmp(memspec_status_name(MEMSPEC_OUT_OF_MEMORY), "OutOfMemory") == 0);
    CHECK(MEMSPEC_LIMIT_EXCEEDED == 10 && MEMSPEC_INPUT_ERROR == 11 && MEMSPEC_OUTPUT_ERROR == 12 && MEMSPEC_OUT_OF_MEMORY == 13);
    CHECK(strcmp(memspec_status_name(MEMSPEC_INVALID_ARGUMENT), "InvalidArgument") == 0);
    CHECK(strcmp(memspec_status_name(MEMSPEC_INTERNAL), "Internal") == 0);
    CHECK(strcmp(memspec_status_name(12345), "Unknown") == 0);
    CHECK(strcmp(memspec_status_name(-1), "Unknown") == 0);
}

/* The struct layouts the Rust crate declares too (bindings/rust/memspec/src/ffi.rs asserts the
 * same numbers): a change here must change both. */
static void test_layout(void) {
    CHECK(sizeof(memspec_config) == 48);
    CHECK(offsetof(memspec_config, access_capacity) == 24);
    CHECK(offsetof(memspec_config, strict_alignment) == 32);
    CHECK(offsetof(memspec_config, initial_block_size) == 36);
    CHECK(offsetof(memspec_config, profile) == 40);
    CHECK(sizeof(memspec_cell) == 12);
    CHECK(sizeof(memspec_record) == 64);
    CHECK(offsetof(memspec_record, data) == 32);
    CHECK(offsetof(memspec_record, data_len) == 40);
    CHECK(offsetof(memspec_record, prev_data) == 48);
    CHECK(offsetof(memspec_record, prev_data_len) == 56);
}

static void test_run_json_known_answers(void) {
    int e;
    for (e = 0; e < 2; ++e) {
        size_t len = 0;
        char* out = run_json(OPENVM_RECORDS_LEN_1, ENGINES[e], MEMSPEC_OK, &len);
        CHECK(out && strcmp(out, OPENVM_RECORDS_LEN_1_RESULT) == 0);
        if (out && strcmp(out, OPENVM_RECORDS_LEN_1_RESULT) != 0) fprintf(stderr, "  got %s  want %s", out, OPENVM_RECORDS_LEN_1_RESULT);
        memspec_string_free(out);

        out = run_json(OPENVM_FINALIZE_LEN_8, ENGINES[e], MEMSPEC_OK, &len);
        CHECK(out && strcmp(out, OPENVM_FINALIZE_LEN_8_RESULT) == 0);
        if (out && strcmp(out, OPENVM_FINALIZE_LEN_8_RESULT) != 0) fprintf(stderr, "  got %s  want %s", out, OPENVM_FINALIZE_LEN_8_RESULT);
        memspec_string_free(out);

        /* Nothing touched, finalized: final_memory present and empty (R24); clock 1 (R9). */
        out = run_json("{\"finalize_chunk\":1}", ENGINES[e], MEMSPEC_OK, &len);
        CHECK(out && strcmp(out, "{\"reads\":[],\"records\":[],\"adapter_records\":[],\"final_memory\":[],\"final_timestamp\":1}\n") == 0);
        memspec_string_free(out);

        /* R75a: under openvm-v1.0-persistent the result ends with the Merkle roots. An empty memory
         * of the default config: the roots of vectors/merkle_roots.json tcId 1 (both the
         * same, nothing having been written). */
        {
            static const char* ROOT = "[1164049896,253034003,841114130,1897258050,1186077553,309431251,1806896828,87556115]";
            char want[512];
            snprintf(want, sizeof want, "{\"reads\":[],\"records\":[],\"adapter_records\":[],\"final_memory\":[],\"final_timestamp\":1,"
                     "\"initial_root\":%s,\"final_root\":%s}\n", ROOT, ROOT);
            out = run_json("{\"profile\":\"openvm-v1.0-persistent\",\"initial_block_size\":8,\"finalize_chunk\":8}", ENGINES[e], MEMSPEC_OK, &len);
            CHECK(out && strcmp(out, want) == 0);
            memspec_string_free(out);
        }

        /* The input need not be NUL-terminated: only scenario_len bytes are read. */
        {
            const char text[] = "{\"ops\":[{\"op\":\"tick\",\"by\":3}]}garbage";
            char* o = NULL;
            size_t n = 0;
            CHECK_STATUS(memspec_run_json(text, strlen(text) - strlen("garbage"), ENGINES[e], &o, &n), MEMSPEC_OK);
            CHECK(o && strcmp(o, "{\"reads\":[],\"records\":[],\"adapter_records\":[],\"final_timestamp\":4}\n") == 0);
            memspec_string_free(o);
        }
    }
}

/* Errors: the status is the kind; the bytes are memspec run's {"error":...} line (R28, R29). Only
 * kind and op_index are the contract, so the message is checked for presence, not wording. */
static void test_run_json_errors(void) {
    int e;
    for (e = 0; e < 2; ++e) {
        size_t len = 0;
        char* out;
        out = run_json("{\"ops\":[}", ENGINES[e], MEMSPEC_PARSE_ERROR, &len);
        CHECK(out && starts_with(out, "{\"error\":{\"kind\":\"ParseError\",\"message\":\"") && ends_with(out, "\"}}\n"));
        memspec_string_free(out);

        out = run_json("{\"colour\":1}", ENGINES[e], MEMSPEC_PARSE_ERROR, &len);
        CHECK(out && starts_with(out, "{\"error\":{\"kind\":\"ParseError\",\"message\":\"") && strstr(out, "colour") != NULL);
        memspec_string_free(out);

        /* R3: as_height 29 is out of bounds; before any op runs. */
        out = run_json("{\"config\":{\"as_height\":29},\"ops\":[{\"op\":\"read\",\"as\":1,\"ptr\":0,\"len\":3}]}", ENGINES[e],
                       MEMSPEC_INVALID_CONFIG, &len);
        CHECK(out && starts_with(out, "{\"error\":{\"kind\":\"InvalidConfig\",") && strstr(out, "op_index") == NULL);
        memspec_string_free(out);

        /* R4: address space 9 is outside [1, 9) with the defaults; op 1 fails, op 0 ran. */
        out = run_json("{\"ops\":[{\"op\":\"tick\",\"by\":1},{\"op\":\"read\",\"as\":9,\"ptr\":0,\"len\":1}]}", ENGINES[e],
                       MEMSPEC_INVALID_ADDRESS_SPACE, &len);
        CHECK(out && starts_with(out, "{\"error\":{\"kind\":\"InvalidAddressSpace\",\"message\":\"ops[1]: ") &&
              ends_with(out, ",\"op_index\":1}}\n"));
        memspec_string_free(out);

        out = run_json("{\"ops\":[{\"op\":\"read\",\"as\":1,\"ptr\":0,\"len\":3}]}", ENGINES[e], MEMSPEC_SIZE_NOT_POWER_OF_TWO, &len);
        CHECK(out && starts_with(out, "{\"error\":{\"kind\":\"SizeNotPowerOfTwo\",") && ends_with(out, ",\"op_index\":0}}\n"));
        memspec_string_free(out);

        out = run_json("{\"ops\":[{\"op\":\"write\",\"as\":1,\"ptr\":0,\"data\":[2013265921]}]}", ENGINES[e], MEMSPEC_INVALID_VALUE, &len);
        CHECK(out && starts_with(out, "{\"error\":{\"kind\":\"InvalidValue\",") && ends_with(out, ",\"op_index\":0}}\n"));
        memspec_string_free(out);
    }
}

static void test_run_json_arguments(void) {
    char* out = (char*)"untouched";
    size_t len = 99;
    CHECK_STATUS(memspec_run_json("{}", 2, MEMSPEC_ENGINE_IMPL, NULL, &len), MEMSPEC_INVALID_ARGUMENT);
    CHECK(len == 0);
    CHECK_STATUS(memspec_run_json("{}", 2, MEMSPEC_ENGINE_IMPL, &out, NULL), MEMSPEC_INVALID_ARGUMENT);
    CHECK(out == NULL);
    CHECK_STATUS(memspec_run_json(NULL, 2, MEMSPEC_ENGINE_IMPL, &out, &len), MEMSPEC_INVALID_ARGUMENT);
    CHECK(out == NULL && len == 0);
    CHECK_STATUS(memspec_run_json("{}", 2, 7, &out, &len), MEMSPEC_INVALID_ARGUMENT);
    CHECK(out == NULL);
    /* NULL with length 0 is the empty document: malformed JSON, reported as memspec run would. */
    CHECK_STATUS(memspec_run_json(NULL, 0, MEMSPEC_ENGINE_IMPL, &out, &len), MEMSPEC_PARSE_ERROR);
    CHECK(out && starts_with(out, "{\"error\":{\"kind\":\"ParseError\""));
    memspec_string_free(out);
    memspec_string_free(NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* The step API on the same known answers. */

static memspec_memory* new_memory(const memspec_config* config, const memspec_cell* cells, size_t n, memspec_engine engine) {
    memspec_memory* m = NULL;
    char* message = (char*)"untouched";
    CHECK_STATUS(memspec_memory_new(config, cells, n, engine, &m, &message), MEMSPEC_OK);
    CHECK(m != NULL);
    CHECK(message == NULL);
    return m;
}

static void expect_record(memspec_memory* m, memspec_record_tag tag, uint32_t as, uint32_t ptr, uint32_t timestamp,
                          uint32_t prev_timestamp, const uint32_t* data, size_t data_len, const uint32_t* prev, size_t prev_len,
                          int line) {
    memspec_record r;
    int ok;
    memset(&r, 0xAB, sizeof r);
    ok = memspec_memory_next_record(m, &r) == MEMSPEC_OK && r.tag == tag && r.address_space == as && r.pointer == ptr &&
         r.timestamp == timestamp && r.prev_timestamp == prev_timestamp && r.data_len == data_len && r.prev_data_len == prev_len &&
         (data_len == 0 ? r.data == NULL : memcmp(r.data, data, data_len * 4) == 0) &&
         (prev_len == 0 ? r.prev_data == NULL : memcmp(r.prev_data, prev, prev_len * 4) == 0) && r.n == 0 && r.left_timestamp == 0 &&
         r.right_timestamp == 0;
    check(ok, "access or final-block record as expected", line);
}

static void expect_adapter(memspec_memory* m, memspec_record_tag tag, uint32_t n, uint32_t ptr, uint32_t left, uint32_t right,
                           const uint32_t* data, int line) {
    memspec_record r;
    int ok;
    memset(&r, 0xAB, sizeof r);
    ok = memspec_memory_next_record(m, &r) == MEMSPEC_OK && r.tag == tag && r.n == n && r.address_space == 1 && r.pointer == ptr &&
         r.left_timestamp == left && r.right_timestamp == right && r.timestamp == (left > right ? left : right) && r.data_len == n &&
         memcmp(r.data, data, n * 4) == 0 && r.prev_timestamp == 0 && r.prev_data == NULL && r.prev_data_len == 0;
    check(ok, "adapter record as expected", line);
}

static void test_step_known_answers(void) {
    static const uint32_t V1234[4] = {1, 2, 3, 4}, Z[16] = {0}, V1011[2] = {10, 11}, V12[2] = {1, 2}, V1011_34[4] = {10, 11, 3, 4};
    int e;
    for (e = 0; e < 2; ++e) {
        memspec_config c;
        memspec_memory* m;
        uint32_t out[4], prev[4], ts = 0;
        memspec_record none;
        memspec_config_default(&c);
        m = new_memory(&c, NULL, 0, ENGINES[e]);
        if (!m) continue;
        CHECK_STATUS(memspec_memory_timestamp(m, &ts), MEMSPEC_OK);
        CHECK(ts == 1); /* R9: the clock starts at 1 */

        CHECK_STATUS(memspec_memory_write(m, 1, 0, V1234, 4, prev), MEMSPEC_OK);
        CHECK(memcmp(prev, Z, 16) == 0);
        CHECK(strcmp(memspec_memory_last_error(m), "") == 0);
        CHECK(memspec_memory_pending_records(m) == 4); /* three merges, then the access record */
        expect_adapter(m, MEMSPEC_RECORD_MERGE, 2, 0, 0, 0, Z, __LINE__);
        expect_adapter(m, MEMSPEC_RECORD_MERGE, 2, 2, 0, 0, Z, __LINE__);
        expect_adapter(m, MEMSPEC_RECORD_MERGE, 4, 0, 0, 0, Z, __LINE__);
        expect_record(m, MEMSPEC_RECORD_WRITE, 1, 0, 1, 0, V1234, 4, Z, 4, __LINE__);
        CHECK(memspec_memory_pending_records(m) == 0);

        CHECK_STATUS(memspec_memory_read(m, 1, 0, 4, out), MEMSPEC_OK);
        CHECK(memcmp(out, V1234, 16) == 0);
        expect_record(m, MEMSPEC_RECORD_READ, 1, 0, 2, 1, V1234, 4, NULL, 0, __LINE__);

        CHECK_STATUS(memspec_memory_write(m, 1, 0, V1011, 2, NULL), MEMSPEC_OK); /* out_prev may be NULL */
        expect_adapter(m, MEMSPEC_RECORD_SPLIT, 4, 0, 2, 2, V1234, __LINE__);
        expect_record(m, MEMSPEC_RECORD_WRITE, 1, 0, 3, 2, V1011, 2, V12, 2, __LINE__);

        CHECK_STATUS(memspec_memory_read(m, 1, 0, 4, out), MEMSPEC_OK);
        CHECK(memcmp(out, V1011_34, 16) == 0);
        expect_adapter(m, MEMSPEC_RECORD_MERGE, 4, 0, 3, 2, V1011_34, __LINE__);
        expect_record(m, MEMSPEC_RECORD_READ, 1, 0, 4, 3, V1011_34, 4, NULL, 0, __LINE__);

        /* R5, R21: an immediate read returns its pointer and makes one access record. */
        CHECK_STATUS(memspec_memory_read(m, 0, 77, 1, out), MEMSPEC_OK);
        CHECK(out[0] == 77);
        {
            const uint32_t imm[1] = {77};
            expect_record(m, MEMSPEC_RECORD_READ, 0, 77, 5, 0, imm, 1, NULL, 0, __LINE__);
        }
        /* R9: a tick advances the clock and makes no record. */
        CHECK_STATUS(memspec_memory_tick(m, 10), MEMSPEC_OK);
        CHECK_STATUS(memspec_memory_tick(m, 0), MEMSPEC_OK);
        CHECK(memspec_memory_pending_records(m) == 0);
        CHECK_STATUS(memspec_memory_timestamp(m, &ts), MEMSPEC_OK);
        CHECK(ts == 16);
        CHECK_STATUS(memspec_memory_next_record(m, &none), MEMSPEC_OK);
        CHECK(none.tag == MEMSPEC_RECORD_NONE && none.data == NULL && none.data_len == 0);
        memspec_memory_free(m);
    }
}

/* offline.rs test_finalize_block_len_8 through the step API: finalize and its records (R23, R24),
 * then nothing but records and the clock (R37). */
static void test_step_finalize(void) {
    int e;
    for (e = 0; e < 2; ++e) {
        memspec_config c;
        memspec_memory* m;
        uint32_t ones[16], v8[8] = {8, 7, 6, 5, 4, 3, 2, 1}, out[1] = {0xDEADBEEFu}, ts = 0, chunk = 99;
        static const uint32_t V1234[4] = {1, 2, 3, 4}, Z[16] = {0}, F0[8] = {1, 2, 3, 4, 0, 0, 0, 0};
        int i;
        for (i = 0; i < 16; ++i) ones[i] = 1;
        memspec_config_default(&c);
        c.initial_block_size = 8;
        m = new_memory(&c, NULL, 0, ENGINES[e]);
        if (!m) continue;
        CHECK_STATUS(memspec_memory_declared_finalize_chunk(m, &chunk), MEMSPEC_OK);
        CHECK(chunk == 0);
        CHECK_STATUS(memspec_memory_write(m, 1, 0, V1234, 4, NULL), MEMSPEC_OK);
        CHECK_STATUS(memspec_memory_write(m, 1, 16, ones, 16, NULL), MEMSPEC_OK);
        CHECK_STATUS(memspec_memory_write(m, 2, 64, v8, 8, NULL), MEMSPEC_OK);
        CHECK_STATUS(memspec_memory_clear_records(m), MEMSPEC_OK);
        CHECK(memspec_memory_pending_records(m) == 0);

        /* R26: a chunk that is not a power of two fails and changes nothing. */
        CHECK_STATUS(memspec_memory_finalize(m, 3), MEMSPEC_SIZE_NOT_POWER_OF_TWO);
        CHECK(strstr(memspec_memory_last_error(m), "R26") != NULL || strlen(memspec_memory_last_error(m)) > 0);
        CHECK(memspec_memory_pending_records(m) == 0);
        CHECK_STATUS(memspec_memory_finalize(m, 64), MEMSPEC_OUT_OF_BOUNDS); /* above max_access_adapter_n */
        CHECK_STATUS(memspec_memory_finalize(m, 8), MEMSPEC_OK);
        CHECK(strcmp(memspec_memory_last_error(m), "") == 0);
        CHECK(memspec_memory_pending_records(m) == 6);
        {
            memspec_record r;
            CHECK_STATUS(memspec_memory_next_record(m, &r), MEMSPEC_OK);
            CHECK(r.tag == MEMSPEC_RECORD_MERGE && r.n == 8 && r.pointer == 0 && r.left_timestamp == 1 && r.right_timestamp == 0 &&
                  r.timestamp == 1 && memcmp(r.data, F0, 32) == 0);
            CHECK_STATUS(memspec_memory_next_record(m, &r), MEMSPEC_OK);
            CHECK(r.tag == MEMSPEC_RECORD_SPLIT && r.n == 16 && r.pointer == 16 && r.left_timestamp == 2 && r.right_timestamp == 2 &&
                  memcmp(r.data, ones, 64) == 0);
        }
        expect_record(m, MEMSPEC_RECORD_FINAL_BLOCK, 1, 0, 1, 0, F0, 8, NULL, 0, __LINE__);
        expect_record(m, MEMSPEC_RECORD_FINAL_BLOCK, 1, 16, 2, 0, ones, 8, NULL, 0, __LINE__);
        expect_record(m, MEMSPEC_RECORD_FINAL_BLOCK, 1, 24, 2, 0, ones, 8, NULL, 0, __LINE__);
        expect_record(m, MEMSPEC_RECORD_FINAL_BLOCK, 2, 64, 3, 0, v8, 8, NULL, 0, __LINE__);
        (void)Z;

        /* R37: after finalize, every operation is InvalidConfig and changes nothing. */
        CHECK_STATUS(memspec_memory_read(m, 1, 0, 1, out), MEMSPEC_INVALID_CONFIG);
        CHECK(out[0] == 0xDEADBEEFu);
        CHECK(strlen(memspec_memory_last_error(m)) > 0);
        CHECK_STATUS(memspec_memory_write(m, 1, 0, V1234, 4, NULL), MEMSPEC_INVALID_CONFIG);
        CHECK_STATUS(memspec_memory_tick(m, 1), MEMSPEC_INVALID_CONFIG);
        CHECK_STATUS(memspec_memory_finalize(m, 8), MEMSPEC_INVALID_CONFIG);
        CHECK(memspec_memory_pending_records(m) == 0);
        CHECK_STATUS(memspec_memory_timestamp(m, &ts), MEMSPEC_OK);
        CHECK(ts == 4); /* R25: finalize keeps the clock */
        memspec_memory_free(m);
    }
}

/* Every error kind the step API can produce, each followed by a check that nothing changed: the
 * clock, the pending records, the caller's buffers — and that the memory goes on (R28, R37). */
static void test_step_errors_are_atomic(void) {
    int e;
    for (e = 0; e < 2; ++e) {
        memspec_config c;
        memspec_memory* m;
        uint32_t out[8], prev[4], ts = 0;
        static const uint32_t V4[4] = {5, 6, 7, 8}, BAD[2] = {1, 2013265921u};
        size_t i;
        memspec_config_default(&c);
        c.strict_alignment = 1;
        c.clk_max_bits = 4; /* the clock must stay below 16 (R9) */
        c.decomp = 2;
        m = new_memory(&c, NULL, 0, ENGINES[e]);
        if (!m) continue;
        CHECK_STATUS(memspec_memory_write(m, 1, 0, V4, 4, NULL), MEMSPEC_OK);
        CHECK(memspec_memory_pending_records(m) == 4);

        for (i = 0; i < 8; ++i) out[i] = 0xDEADBEEFu;
        for (i = 0; i < 4; ++i) prev[i] = 0xDEADBEEFu;
#define EXPECT_FAILS(call, status)                                                     \
    do {                                                                               \
        size_t k;                                                                      \
        CHECK_STATUS(call, status);                                                    \
        CHECK(strlen(memspec_memory_last_error(m)) > 0);                               \
        CHECK(memspec_memory_pending_records(m) == 4);                                 \
        CHECK(memspec_memory_timestamp(m, &ts) == MEMSPEC_OK && ts == 2);              \
        for (k = 0; k < 8; ++k) CHECK(out[k] == 0xDEADBEEFu);                          \
        for (k = 0; k < 4; ++k) CHECK(prev[k] == 0xDEADBEEFu);                         \
    } while (0)
        EXPECT_FAILS(memspec_memory_write(m, 0, 0, V4, 1, prev), MEMSPEC_INVALID_ADDRESS_SPACE); /* R5 */
        EXPECT_FAILS(memspec_memory_read(m, 0, 5, 2, out), MEMSPEC_INVALID_ADDRESS_SPACE);       /* R5 */
        EXPECT_FAILS(memspec_memory_read(m, 9, 0, 1, out), MEMSPEC_INVALID_ADDRESS_SPACE);       /* R4 */
        EXPECT_FAILS(memspec_memory_read(m, 1, 0, 3, out), MEMSPEC_SIZE_NOT_POWER_OF_TWO);       /* R7 */
        EXPECT_FAILS(memspec_memory_read(m, 1, 0, 0, NULL), MEMSPEC_SIZE_NOT_POWER_OF_TWO);      /* R7: 0 */
        EXPECT_FAILS(memspec_memory_write(m, 1, 0, NULL, 0, prev), MEMSPEC_SIZE_NOT_POWER_OF_TWO);
        EXPECT_FAILS(memspec_memory_read(m, 1, 0, 64, out), MEMSPEC_OUT_OF_BOUNDS);                   /* R7: > 32 */
        EXPECT_FAILS(memspec_memory_read(m, 1, (1u << 29) - 2, 4, out), MEMSPEC_OUT_OF_BOUNDS);       /* R6 */
        EXPECT_FAILS(memspec_memory_read(m, 1, 2, 4, out), MEMSPEC_UNALIGNED_ACCESS);                 /* R8 */
        EXPECT_FAILS(memspec_memory_write(m, 1, 0, BAD, 2, prev), MEMSPEC_INVALID_VALUE);             /* R1 */
        EXPECT_FAILS(memspec_memory_read(m, 0, 2013265921u, 1, out), MEMSPEC_INVALID_VALUE);          /* R5 */
        EXPECT_FAILS(memspec_memory_tick(m, 14), MEMSPEC_TIMESTAMP_VIOLATION);                        /* R9: 2 + 14 = 16 */
        EXPECT_FAILS(memspec_memory_finalize(m, 3), MEMSPEC_SIZE_NOT_POWER_OF_TWO);                   /* R26 */
        EXPECT_FAILS(memspec_memory_read(m, 1, 0, 4, NULL), MEMSPEC_INVALID_ARGUMENT);
        EXPECT_FAILS(memspec_memory_write(m, 1, 0, NULL, 4, prev), MEMSPEC_INVALID_ARGUMENT);
        EXPECT_FAILS(memspec_memory_next_record(m, NULL), MEMSPEC_INVALID_ARGUMENT);
#undef EXPECT_FAILS

        /* ... and the memory goes on as if the failures had not been: the write's access record is
         * still first in line, then the read sees its values at clock 2. */
        expect_adapter(m, MEMSPEC_RECORD_MERGE, 2, 0, 0, 0, (const uint32_t[2]){0, 0}, __LINE__);
        expect_adapter(m, MEMSPEC_RECORD_MERGE, 2, 2, 0, 0, (const uint32_t[2]){0, 0}, __LINE__);
        expect_adapter(m, MEMSPEC_RECORD_MERGE, 4, 0, 0, 0, (const uint32_t[4]){0, 0, 0, 0}, __LINE__);
        expect_record(m, MEMSPEC_RECORD_WRITE, 1, 0, 1, 0, V4, 4, (const uint32_t[4]){0, 0, 0, 0}, 4, __LINE__);
        CHECK_STATUS(memspec_memory_read(m, 1, 0, 4, out), MEMSPEC_OK);
        CHECK(strcmp(memspec_memory_last_error(m), "") == 0); /* a success clears the message */
        CHECK(memcmp(out, V4, 16) == 0 && out[4] == 0xDEADBEEFu);
        expect_record(m, MEMSPEC_RECORD_READ, 1, 0, 2, 1, V4, 4, NULL, 0, __LINE__);
        CHECK_STATUS(memspec_memory_tick(m, 13), MEMSPEC_TIMESTAMP_VIOLATION); /* 3 + 13 = 16 */
        CHECK_STATUS(memspec_memory_tick(m, 12), MEMSPEC_OK);                  /* 3 + 12 = 15, the last clock */
        CHECK(memspec_memory_timestamp(m, &ts) == MEMSPEC_OK && ts == 15);
        memspec_memory_free(m);
    }
}

static void test_construction_errors(void) {
    memspec_config c;
    memspec_memory* m = (memspec_memory*)&c; /* any non-NULL value: must be overwritten */
    char* message = NULL;
    memspec_cell cells[2] = {{1, 5, 7}, {1, 5, 8}};

    memspec_config_default(&c);
    c.as_height = 29; /* R3 */
    CHECK_STATUS(memspec_memory_new(&c, NULL, 0, MEMSPEC_ENGINE_IMPL, &m, &message), MEMSPEC_INVALID_CONFIG);
    CHECK(m == NULL && message != NULL && strlen(message) > 0);
    memspec_string_free(message);

    memspec_config_default(&c);
    c.initial_block_size = 3; /* R15 */
    CHECK_STATUS(memspec_memory_new(&c, NULL, 0, MEMSPEC_ENGINE_ORACLE, &m, &message), MEMSPEC_SIZE_NOT_POWER_OF_TWO);
    CHECK(m == NULL && message != NULL);
    memspec_string_free(message);

    memspec_config_default(&c);
    CHECK_STATUS(memspec_memory_new(&c, cells, 2, MEMSPEC_ENGINE_IMPL, &m, &message), MEMSPEC_PARSE_ERROR); /* R13: twice */
    CHECK(m == NULL && message != NULL && strstr(message, "initial_memory[1]") != NULL);
    memspec_string_free(message);
    cells[1].address_space = 9; /* R4 */
    CHECK_STATUS(memspec_memory_new(&c, cells, 2, MEMSPEC_ENGINE_IMPL, &m, NULL), MEMSPEC_INVALID_ADDRESS_SPACE);
    CHECK(m == NULL);
    cells[1].address_space = 1;
    cells[1].value = 2013265921u; /* R1 */
    CHECK_STATUS(memspec_memory_new(&c, cells, 2, MEMSPEC_ENGINE_IMPL, &m, NULL), MEMSPEC_INVALID_VALUE);

    /* R13: an image is allowed, but then finalize with chunk 1 (the volatile boundary) is refused. */
    {
        memspec_cell one = {1, 5, 7};
        uint32_t out[1];
        c.initial_block_size = 1;
        m = new_memory(&c, &one, 1, MEMSPEC_ENGINE_ORACLE);
        if (m) {
            CHECK_STATUS(memspec_memory_read(m, 1, 5, 1, out), MEMSPEC_OK);
            CHECK(out[0] == 7);
            CHECK_STATUS(memspec_memory_finalize(m, 1), MEMSPEC_INVALID_CONFIG);
            CHECK_STATUS(memspec_memory_finalize(m, 2), MEMSPEC_OK);
            memspec_memory_free(m);
        }
    }
}

/* Profiles (R3a) through the C struct and through a header: OpenVM's fixed block sizes and
 * chunks, its config assertions, the volatile profile's empty image; generalized by default. */
static void test_profiles(void) {
    int e;
    for (e = 0; e < 2; ++e) {
        memspec_config c;
        memspec_memory* m = NULL;
        char* message = NULL;
        const memspec_cell cell = {1, 3, 9};
        uint32_t out[1];
        memspec_config_default(&c);
        CHECK(c.profile == MEMSPEC_PROFILE_GENERALIZED);

        c.profile = MEMSPEC_PROFILE_OPENVM_V1_0_PERSISTENT; /* needs initial blocks of 8 */
        CHECK_STATUS(memspec_memory_new(&c, NULL, 0, ENGINES[e], &m, &message), MEMSPEC_INVALID_CONFIG);
        CHECK(m == NULL && message != NULL && strstr(message, "R3a") != NULL);
        memspec_string_free(message);
        c.initial_block_size = 8;
        c.as_offset = 2; /* MemoryController::with_persistent_memory asserts as_offset == 1 */
        CHECK_STATUS(memspec_memory_new(&c, NULL, 0, ENGINES[e], &m, NULL), MEMSPEC_INVALID_CONFIG);
        c.as_offset = 1;
        m = new_memory(&c, &cell, 1, ENGINES[e]);
        if (m) {
            CHECK_STATUS(memspec_memory_read(m, 1, 3, 1, out), MEMSPEC_OK);
            CHECK(out[0] == 9);
            CHECK_STATUS(memspec_memory_finalize(m, 16), MEMSPEC_INVALID_CONFIG); /* CHUNK is 8 */
            CHECK_STATUS(memspec_memory_finalize(m, 8), MEMSPEC_OK);
            memspec_memory_free(m);
        }

        memspec_config_default(&c);
        c.profile = MEMSPEC_PROFILE_OPENVM_V1_0_VOLATILE;
        CHECK_STATUS(memspec_memory_new(&c, &cell, 1, ENGINES[e], &m, NULL), MEMSPEC_INVALID_CONFIG); /* R13 */
        c.decomp = 10; /* clk_max_bits 29 needs 3 limbs of 10 bits; OpenVM has 2 */
        CHECK_STATUS(memspec_memory_new(&c, NULL, 0, ENGINES[e], &m, NULL), MEMSPEC_INVALID_CONFIG);
        c.decomp = 17;
        m = new_memory(&c, NULL, 0, ENGINES[e]);
        if (m) {
            CHECK_STATUS(memspec_memory_finalize(m, 2), MEMSPEC_INVALID_CONFIG); /* CHUNK is 1 */
            CHECK_STATUS(memspec_memory_finalize(m, 1), MEMSPEC_OK);
            memspec_memory_free(m);
        }

        c.profile = 99;
        CHECK_STATUS(memspec_memory_new(&c, NULL, 0, ENGINES[e], &m, &message), MEMSPEC_INVALID_ARGUMENT);
        CHECK(m == NULL && message != NULL && strstr(message, "profile") != NULL);
        memspec_string_free(message);

        /* The same rules from a header's "profile" key. */
        {
            static const char* H = "{\"profile\":\"openvm-v1.0-persistent\",\"initial_block_size\":8}";
            static const char* BAD = "{\"profile\":\"openvm-v1.0-persistent\",\"initial_block_size\":1}";
            /* R240: without initial_block_size the header gets the profile's 8. */
            static const char* DEFAULTED = "{\"profile\":\"openvm-v1.0-persistent\"}";
            CHECK_STATUS(memspec_memory_from_header(DEFAULTED, strlen(DEFAULTED), ENGINES[e], &m, NULL), MEMSPEC_OK);
            memspec_memory_free(m);
            m = NULL;
            CHECK_STATUS(memspec_memory_from_header(H, strlen(H), ENGINES[e], &m, NULL), MEMSPEC_OK);
            if (m) {
                CHECK_STATUS(memspec_memory_finalize(m, 1), MEMSPEC_INVALID_CONFIG);
                memspec_memory_free(m);
            }
            CHECK_STATUS(memspec_memory_from_header(BAD, strlen(BAD), ENGINES[e], &m, NULL), MEMSPEC_INVALID_CONFIG);
        }
    }
}

/* R238: OpenVM v2.0 through the step interface, worked by hand from spec/memory.md R213-R219: the
 * config it refuses, aligned 4-cell accesses with one last-access timestamp per block, an
 * immediate as a tick of 1, the checks of R217 leaving the memory unchanged, finalize with chunk 4
 * emitting the touched blocks in (as, ptr) order and no adapter record; and from a header. */
static void test_profile_v2_0(void) {
    static const uint32_t V1234[4] = {1, 2, 3, 4}, Z[4] = {0}, IMG[4] = {0, 7, 0, 0}, BIG[4] = {0, 0, 0, 256};
    int e;
    for (e = 0; e < 2; ++e) {
        memspec_config c;
        memspec_memory* m = NULL;
        char* message = NULL;
        const memspec_cell cell = {2, 9, 7};
        uint32_t out[4], ts = 0;
        memspec_record none;
        memspec_config_default(&c);
        c.profile = MEMSPEC_PROFILE_OPENVM_V2_0; /* initial_block_size 1 is v1.0's: R213, R221 */
        CHECK_STATUS(memspec_memory_new(&c, NULL, 0, ENGINES[e], &m, &message), MEMSPEC_INVALID_CONFIG);
        CHECK(m == NULL && message != NULL && strstr(message, "R213") != NULL);
        memspec_string_free(message);
        c.initial_block_size = 4;
        {
            const memspec_cell outside = {1, 128, 1}; /* the registers have 128 cells (R214) */
            CHECK_STATUS(memspec_memory_new(&c, &outside, 1, ENGINES[e], &m, NULL), MEMSPEC_OUT_OF_BOUNDS);
        }
        m = new_memory(&c, &cell, 1, ENGINES[e]);
        if (!m) continue;
        CHECK_STATUS(memspec_memory_write(m, 1, 4, V1234, 4, NULL), MEMSPEC_OK); /* at 1 */
        CHECK_STATUS(memspec_memory_tick(m, 1), MEMSPEC_OK);                     /* an immediate: 2 */
        CHECK_STATUS(memspec_memory_read(m, 2, 8, 4, out), MEMSPEC_OK);          /* at 3: the image's 7 */
        CHECK(memcmp(out, IMG, sizeof IMG) == 0);
        CHECK_STATUS(memspec_memory_read(m, 1, 4, 4, out), MEMSPEC_OK);          /* at 4, previous 1 */
        CHECK(memcmp(out, V1234, sizeof V1234) == 0);
        /* R217, each refused with nothing changed. */
        CHECK_STATUS(memspec_memory_read(m, 0, 0, 1, out), MEMSPEC_INVALID_ADDRESS_SPACE);
        CHECK_STATUS(memspec_memory_read(m, 9, 0, 4, out), MEMSPEC_INVALID_ADDRESS_SPACE);
        CHECK_STATUS(memspec_memory_read(m, 2, 0, 3, out), MEMSPEC_SIZE_NOT_POWER_OF_TWO);
        CHECK_STATUS(memspec_memory_read(m, 2, 0, 1, out), MEMSPEC_OUT_OF_BOUNDS);
        CHECK_STATUS(memspec_memory_read(m, 2, 2, 4, out), MEMSPEC_UNALIGNED_ACCESS);
        CHECK_STATUS(memspec_memory_read(m, 1, 128, 4, out), MEMSPEC_OUT_OF_BOUNDS);
        CHECK_STATUS(memspec_memory_read(m, 5, 0, 4, out), MEMSPEC_OUT_OF_BOUNDS);
        CHECK_STATUS(memspec_memory_write(m, 2, 0, BIG, 4, NULL), MEMSPEC_INVALID_VALUE);
        CHECK_STATUS(memspec_memory_timestamp(m, &ts), MEMSPEC_OK);
        CHECK(ts == 5);
        expect_record(m, MEMSPEC_RECORD_WRITE, 1, 4, 1, 0, V1234, 4, Z, 4, __LINE__);
        expect_record(m, MEMSPEC_RECORD_READ, 2, 8, 3, 0, IMG, 4, NULL, 0, __LINE__);
        expect_record(m, MEMSPEC_RECORD_READ, 1, 4, 4, 1, V1234, 4, NULL, 0, __LINE__);
        CHECK_STATUS(memspec_memory_finalize(m, 8), MEMSPEC_INVALID_CONFIG); /* R213: chunk 4 */
        CHECK_STATUS(memspec_memory_finalize(m, 4), MEMSPEC_OK);
        expect_record(m, MEMSPEC_RECORD_FINAL_BLOCK, 1, 4, 4, 0, V1234, 4, NULL, 0, __LINE__);
        expect_record(m, MEMSPEC_RECORD_FINAL_BLOCK, 2, 8, 3, 0, IMG, 4, NULL, 0, __LINE__);
        CHECK_STATUS(memspec_memory_next_record(m, &none), MEMSPEC_OK);
        CHECK(none.tag == MEMSPEC_RECORD_NONE);
        memspec_memory_free(m);
        {
            static const char* H = "{\"profile\":\"openvm-v2.0\",\"initial_block_size\":4,\"finalize_chunk\":4}";
            m = NULL;
            CHECK_STATUS(memspec_memory_from_header(H, strlen(H), ENGINES[e], &m, NULL), MEMSPEC_OK);
            CHECK_STATUS(memspec_memory_declared_finalize_chunk(m, &ts), MEMSPEC_OK);
            CHECK(ts == 4);
            memspec_memory_free(m);
        }
    }
}

/* R323: OpenVM v1.4 through the step interface, worked by hand from spec/memory.md R261-R270: each
 * profile's config, whole-minimum-block accesses, untouched pieces merged from cells (volatile) or
 * split from the initial block (persistent), the checks of R263 leaving the memory unchanged,
 * finalize's rows before its final blocks; and the legacy switch from a header. */
static void test_profile_v1_4(void) {
    static const uint32_t V1234[4] = {1, 2, 3, 4}, Z[8] = {0}, V12[2] = {1, 2}, V34[2] = {3, 4}, SEVEN[1] = {7},
                          BIG[4] = {0, 0, 0, 256}, V1234_0[8] = {1, 2, 3, 4, 0, 0, 0, 0}, V56[2] = {5, 6};
    int e;
    uint32_t i;
    for (e = 0; e < 2; ++e) {
        memspec_config c;
        memspec_memory* m = NULL;
        char* message = NULL;
        uint32_t out[4], wide[64], ts = 0;
        memspec_record none;

        /* Volatile: initial block 1, chunk 1, no image. */
        memspec_config_default(&c);
        c.profile = MEMSPEC_PROFILE_OPENVM_V1_4_VOLATILE;
        c.initial_block_size = 8; /* the persistent memory's: R261 */
        CHECK_STATUS(memspec_memory_new(&c, NULL, 0, ENGINES[e], &m, &message), MEMSPEC_INVALID_CONFIG);
        CHECK(m == NULL && message != NULL && strstr(message, "R261") != NULL);
        memspec_string_free(message);
        c.initial_block_size = 1;
        m = new_memory(&c, NULL, 0, ENGINES[e]);
        if (!m) continue;
        CHECK_STATUS(memspec_memory_write(m, 1, 0, V1234, 4, NULL), MEMSPEC_OK); /* at 1 */
        CHECK_STATUS(memspec_memory_write(m, 4, 3, SEVEN, 1, NULL), MEMSPEC_OK); /* at 2: native, minimum 1 */
        CHECK_STATUS(memspec_memory_tick(m, 1), MEMSPEC_OK);                    /* an immediate: 3 */
        CHECK_STATUS(memspec_memory_read(m, 1, 0, 4, out), MEMSPEC_OK);         /* at 4: one block, no rows */
        CHECK(memcmp(out, V1234, sizeof V1234) == 0);
        /* R263, each refused with nothing changed. */
        CHECK_STATUS(memspec_memory_read(m, 0, 0, 1, out), MEMSPEC_INVALID_ADDRESS_SPACE);
        CHECK_STATUS(memspec_memory_read(m, 9, 0, 4, out), MEMSPEC_INVALID_ADDRESS_SPACE);
        CHECK_STATUS(memspec_memory_read(m, 2, 0, 3, out), MEMSPEC_SIZE_NOT_POWER_OF_TWO);
        CHECK_STATUS(memspec_memory_read(m, 4, 0, 64, wide), MEMSPEC_OUT_OF_BOUNDS);
        CHECK_STATUS(memspec_memory_read(m, 2, 0, 2, out), MEMSPEC_UNALIGNED_ACCESS);
        CHECK_STATUS(memspec_memory_read(m, 1, 6, 4, out), MEMSPEC_UNALIGNED_ACCESS);
        CHECK_STATUS(memspec_memory_read(m, 1, 128, 4, out), MEMSPEC_OUT_OF_BOUNDS);
        CHECK_STATUS(memspec_memory_read(m, 5, 0, 1, out), MEMSPEC_OUT_OF_BOUNDS);
        CHECK_STATUS(memspec_memory_write(m, 2, 0, BIG, 4, NULL), MEMSPEC_INVALID_VALUE);
        CHECK_STATUS(memspec_memory_timestamp(m, &ts), MEMSPEC_OK);
        CHECK(ts == 5);
        /* R267: the untouched piece merged from four initial cells, level by level (R269). */
        expect_adapter(m, MEMSPEC_RECORD_MERGE, 2, 0, 0, 0, Z, __LINE__);
        expect_adapter(m, MEMSPEC_RECORD_MERGE, 2, 2, 0, 0, Z, __LINE__);
        expect_adapter(m, MEMSPEC_RECORD_MERGE, 4, 0, 0, 0, Z, __LINE__);
        expect_record(m, MEMSPEC_RECORD_WRITE, 1, 0, 1, 0, V1234, 4, Z, 4, __LINE__);
        expect_record(m, MEMSPEC_RECORD_WRITE, 4, 3, 2, 0, SEVEN, 1, Z, 1, __LINE__);
        expect_record(m, MEMSPEC_RECORD_READ, 1, 0, 4, 1, V1234, 4, NULL, 0, __LINE__);
        CHECK_STATUS(memspec_memory_finalize(m, 8), MEMSPEC_INVALID_CONFIG); /* R261: chunk 1 */
        CHECK_STATUS(memspec_memory_finalize(m, 1), MEMSPEC_OK);
        /* R270: the 4-cell block split to cells at its timestamp, then one final block per cell. */
        expect_adapter(m, MEMSPEC_RECORD_SPLIT, 2, 0, 4, 4, V12, __LINE__);
        expect_adapter(m, MEMSPEC_RECORD_SPLIT, 2, 2, 4, 4, V34, __LINE__);
        expect_adapter(m, MEMSPEC_RECORD_SPLIT, 4, 0, 4, 4, V1234, __LINE__);
        for (i = 0; i < 4; ++i) expect_record(m, MEMSPEC_RECORD_FINAL_BLOCK, 1, i, 4, 0, V1234 + i, 1, NULL, 0, __LINE__);
        expect_record(m, MEMSPEC_RECORD_FINAL_BLOCK, 4, 3, 2, 0, SEVEN, 1, NULL, 0, __LINE__);
        CHECK_STATUS(memspec_memory_next_record(m, &none), MEMSPEC_OK);
        CHECK(none.tag == MEMSPEC_RECORD_NONE);
        memspec_memory_free(m);

        /* Persistent: initial block 8, chunk 8. */
        c.profile = MEMSPEC_PROFILE_OPENVM_V1_4_PERSISTENT;
        CHECK_STATUS(memspec_memory_new(&c, NULL, 0, ENGINES[e], &m, NULL), MEMSPEC_INVALID_CONFIG); /* 1: R261 */
        c.initial_block_size = 8;
        {
            const memspec_cell outside = {3, 32, 1}; /* the public values have 32 cells (R271) */
            CHECK_STATUS(memspec_memory_new(&c, &outside, 1, ENGINES[e], &m, NULL), MEMSPEC_OUT_OF_BOUNDS);
        }
        m = new_memory(&c, NULL, 0, ENGINES[e]);
        if (!m) continue;
        CHECK_STATUS(memspec_memory_write(m, 1, 0, V1234, 4, NULL), MEMSPEC_OK); /* at 1 */
        CHECK_STATUS(memspec_memory_read(m, 1, 0, 4, out), MEMSPEC_OK);         /* at 2 */
        /* R267: the initial 8-block cut into minimum pieces at timestamp 0; R265: the read is one block. */
        expect_adapter(m, MEMSPEC_RECORD_SPLIT, 8, 0, 0, 0, Z, __LINE__);
        expect_record(m, MEMSPEC_RECORD_WRITE, 1, 0, 1, 0, V1234, 4, Z, 4, __LINE__);
        expect_record(m, MEMSPEC_RECORD_READ, 1, 0, 2, 1, V1234, 4, NULL, 0, __LINE__);
        CHECK_STATUS(memspec_memory_finalize(m, 1), MEMSPEC_INVALID_CONFIG); /* R261: chunk 8 */
        CHECK_STATUS(memspec_memory_finalize(m, 8), MEMSPEC_OK);
        /* R270: the chunk merged from its pieces at 2 and 0, its final block at the larger. */
        expect_adapter(m, MEMSPEC_RECORD_MERGE, 8, 0, 2, 0, V1234_0, __LINE__);
        expect_record(m, MEMSPEC_RECORD_FINAL_BLOCK, 1, 0, 2, 0, V1234_0, 8, NULL, 0, __LINE__);
        CHECK_STATUS(memspec_memory_next_record(m, &none), MEMSPEC_OK);
        CHECK(none.tag == MEMSPEC_RECORD_NONE);
        memspec_memory_free(m);

        /* R262: the legacy switch, which memspec_config does not carry, from a header. */
        {
            static const char* LEGACY = "{\"profile\":\"openvm-v1.4-volatile\",\"config\":{\"legacy_v1_3_mem_align\":true}}";
            static const char* PLAIN = "{\"profile\":\"openvm-v1.4-volatile\"}";
            m = NULL;
            CHECK_STATUS(memspec_memory_from_header(LEGACY, strlen(LEGACY), ENGINES[e], &m, NULL), MEMSPEC_OK);
            if (m) {
                CHECK_STATUS(memspec_memory_write(m, 2, 1, V56, 2, NULL), MEMSPEC_OK);
                memspec_memory_free(m);
            }
            m = NULL;
            CHECK_STATUS(memspec_memory_from_header(PLAIN, strlen(PLAIN), ENGINES[e], &m, NULL), MEMSPEC_OK);
            if (m) {
                CHECK_STATUS(memspec_memory_write(m, 2, 1, V56, 2, NULL), MEMSPEC_UNALIGNED_ACCESS);
                memspec_memory_free(m);
            }
        }

        /* R309, R323: v1.6.0's and v1.7.0's persistent memory is v1.4's: the same setup rule
         * (initial block 8), the same accesses and the same records as worked above. */
        {
            const memspec_profile LATER[2] = {MEMSPEC_PROFILE_OPENVM_V1_6_PERSISTENT, MEMSPEC_PROFILE_OPENVM_V1_7_PERSISTENT};
            int l;
            for (l = 0; l < 2; ++l) {
                memspec_config_default(&c);
                c.profile = LATER[l];
                CHECK_STATUS(memspec_memory_new(&c, NULL, 0, ENGINES[e], &m, NULL), MEMSPEC_INVALID_CONFIG); /* R261 */
                c.initial_block_size = 8;
                m = new_memory(&c, NULL, 0, ENGINES[e]);
                if (!m) continue;
                CHECK_STATUS(memspec_memory_write(m, 1, 0, V1234, 4, NULL), MEMSPEC_OK);
                CHECK_STATUS(memspec_memory_read(m, 1, 0, 4, out), MEMSPEC_OK);
                CHECK(out[0] == 1 && out[1] == 2 && out[2] == 3 && out[3] == 4);
                CHECK_STATUS(memspec_memory_read(m, 1, 2, 4, out), MEMSPEC_UNALIGNED_ACCESS); /* R263 */
                expect_adapter(m, MEMSPEC_RECORD_SPLIT, 8, 0, 0, 0, Z, __LINE__);
                expect_record(m, MEMSPEC_RECORD_WRITE, 1, 0, 1, 0, V1234, 4, Z, 4, __LINE__);
                expect_record(m, MEMSPEC_RECORD_READ, 1, 0, 2, 1, V1234, 4, NULL, 0, __LINE__);
                CHECK_STATUS(memspec_memory_finalize(m, 8), MEMSPEC_OK);
                expect_adapter(m, MEMSPEC_RECORD_MERGE, 8, 0, 2, 0, V1234_0, __LINE__);
                expect_record(m, MEMSPEC_RECORD_FINAL_BLOCK, 1, 0, 2, 0, V1234_0, 8, NULL, 0, __LINE__);
                memspec_memory_free(m);
            }
        }
    }
}

static void test_null_arguments(void) {
    memspec_config c;
    memspec_memory* m = NULL;
    char* message = NULL;
    uint32_t v[1] = {0}, ts = 0;
    memspec_record r;
    memspec_config_default(&c);

    CHECK_STATUS(memspec_memory_new(&c, NULL, 0, MEMSPEC_ENGINE_IMPL, NULL, &message), MEMSPEC_INVALID_ARGUMENT);
    CHECK(message == NULL);
    CHECK_STATUS(memspec_memory_new(NULL, NULL, 0, MEMSPEC_ENGINE_IMPL, &m, &message), MEMSPEC_INVALID_ARGUMENT);
    CHECK(m == NULL && message != NULL && strstr(message, "config") != NULL);
    memspec_string_free(message);
    CHECK_STATUS(memspec_memory_new(&c, NULL, 3, MEMSPEC_ENGINE_IMPL, &m, NULL), MEMSPEC_INVALID_ARGUMENT);
    CHECK_STATUS(memspec_memory_new(&c, NULL, 0, 2, &m, &message), MEMSPEC_INVALID_ARGUMENT);
    CHECK(m == NULL && message != NULL);
    memspec_string_free(message);
    CHECK_STATUS(memspec_memory_from_header(NULL, 5, MEMSPEC_ENGINE_IMPL, &m, NULL), MEMSPEC_INVALID_ARGUMENT);
    CHECK_STATUS(memspec_memory_from_header("{}", 2, MEMSPEC_ENGINE_IMPL, NULL, NULL), MEMSPEC_INVALID_ARGUMENT);
    CHECK_STATUS(memspec_memory_from_header("{}", 2, -1, &m, NULL), MEMSPEC_INVALID_ARGUMENT);

    CHECK_STATUS(memspec_memory_read(NULL, 1, 0, 1, v), MEMSPEC_INVALID_ARGUMENT);
    CHECK_STATUS(memspec_memory_write(NULL, 1, 0, v, 1, NULL), MEMSPEC_INVALID_ARGUMENT);
    CHECK_STATUS(memspec_memory_tick(NULL, 1), MEMSPEC_INVALID_ARGUMENT);
    CHECK_STATUS(memspec_memory_finalize(NULL, 1), MEMSPEC_INVALID_ARGUMENT);
    CHECK_STATUS(memspec_memory_timestamp(NULL, &ts), MEMSPEC_INVALID_ARGUMENT);
    CHECK_STATUS(memspec_memory_declared_finalize_chunk(NULL, &ts), MEMSPEC_INVALID_ARGUMENT);
    CHECK_STATUS(memspec_memory_next_record(NULL, &r), MEMSPEC_INVALID_ARGUMENT);
    CHECK_STATUS(memspec_memory_clear_records(NULL), MEMSPEC_INVALID_ARGUMENT);
    CHECK(memspec_memory_pending_records(NULL) == 0);
    CHECK(memspec_memory_last_error(NULL) != NULL);
    memspec_memory_free(NULL);
    memspec_config_default(NULL);

    m = new_memory(&c, NULL, 0, MEMSPEC_ENGINE_IMPL);
    if (m) {
        CHECK_STATUS(memspec_memory_timestamp(m, NULL), MEMSPEC_INVALID_ARGUMENT);
        CHECK_STATUS(memspec_memory_declared_finalize_chunk(m, NULL), MEMSPEC_INVALID_ARGUMENT);
        memspec_memory_free(m);
    }
}

/* A JSON Lines header (R38): config, image and finalize_chunk from JSON, "ops" refused. */
static void test_from_header(void) {
    static const char* HEADER =
        "{\"version\":1,\"config\":{\"pointer_max_bits\":20},\n\"initial_block_size\":8,\n"
        "\"initial_memory\":[{\"as\":1,\"ptr\":3,\"value\":42},{\"as\":2,\"ptr\":0,\"value\":9}],\"finalize_chunk\":8}\n";
    int e;
    for (e = 0; e < 2; ++e) {
        memspec_memory* m = NULL;
        char* message = (char*)"untouched";
        uint32_t out[4], chunk = 0;
        CHECK_STATUS(memspec_memory_from_header(HEADER, strlen(HEADER), ENGINES[e], &m, &message), MEMSPEC_OK);
        CHECK(message == NULL);
        if (!m) continue;
        CHECK_STATUS(memspec_memory_declared_finalize_chunk(m, &chunk), MEMSPEC_OK);
        CHECK(chunk == 8);
        CHECK_STATUS(memspec_memory_read(m, 1, 2, 2, out), MEMSPEC_OK);
        CHECK(out[0] == 0 && out[1] == 42);
        CHECK_STATUS(memspec_memory_read(m, 1, (1u << 20) - 1, 1, out), MEMSPEC_OK); /* pointer_max_bits 20 came through */
        CHECK_STATUS(memspec_memory_read(m, 1, 1u << 20, 1, out), MEMSPEC_OUT_OF_BOUNDS);
        CHECK_STATUS(memspec_memory_finalize(m, chunk), MEMSPEC_OK);
        memspec_memory_free(m);

        CHECK_STATUS(memspec_memory_from_header("{\"ops\":[]}", 10, ENGINES[e], &m, &message), MEMSPEC_PARSE_ERROR);
        CHECK(m == NULL && message != NULL && strstr(message, "ops") != NULL);
        memspec_string_free(message);
        CHECK_STATUS(memspec_memory_from_header("{\"config\":", 10, ENGINES[e], &m, &message), MEMSPEC_PARSE_ERROR);
        CHECK(m == NULL && message != NULL);
        memspec_string_free(message);
        /* R28 via the header: the volatile boundary with an image (R13). */
        {
            static const char* H = "{\"initial_memory\":[{\"as\":1,\"ptr\":0,\"value\":1}],\"finalize_chunk\":1}";
            CHECK_STATUS(memspec_memory_from_header(H, strlen(H), ENGINES[e], &m, NULL), MEMSPEC_INVALID_CONFIG);
            CHECK(m == NULL);
        }
        /* An empty header object is every default. */
        CHECK_STATUS(memspec_memory_from_header("{}", 2, ENGINES[e], &m, NULL), MEMSPEC_OK);
        memspec_memory_free(m);
    }
}

/* The pointers of a pulled record stay valid across later calls that add records (ASan would
 * report a use after free), until the next pull. */
static void test_record_lifetime(void) {
    memspec_config c;
    memspec_memory* m;
    memspec_record r;
    uint32_t values[32];
    int i;
    memspec_config_default(&c);
    m = new_memory(&c, NULL, 0, MEMSPEC_ENGINE_IMPL);
    if (!m) return;
    for (i = 0; i < 32; ++i) values[i] = (uint32_t)(100 + i);
    CHECK_STATUS(memspec_memory_write(m, 1, 0, values, 32, NULL), MEMSPEC_OK);
    CHECK_STATUS(memspec_memory_clear_records(m), MEMSPEC_OK);
    CHECK_STATUS(memspec_memory_read(m, 1, 0, 32, values), MEMSPEC_OK);
    CHECK_STATUS(memspec_memory_next_record(m, &r), MEMSPEC_OK);
    CHECK(r.tag == MEMSPEC_RECORD_READ && r.data_len == 32);
    for (i = 0; i < 200; ++i) CHECK_STATUS(memspec_memory_write(m, 1, (uint32_t)(i % 8), values, 1, NULL), MEMSPEC_OK);
    CHECK(r.data[0] == 100 && r.data[31] == 131);
    memspec_memory_free(m);
}

/* ------------------------------------------------------------------------------------------ */
/* Pseudo-random programs: the step API's pulled records, rebuilt into the v1 result, equal
 * memspec_run_json's output on the ops that succeeded; the failing ops (about one in eight) are
 * left out of the scenario, since a failing step changes nothing (R28). */

static uint64_t rng_state;
static uint32_t rng(uint32_t bound) {
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)((rng_state >> 33) % bound);
}

/* The first difference between run_json's bytes and the records' JSON, with some context. */
static void report_difference(const char* got, const char* want, uint64_t seed, int persistent) {
    size_t i = 0, from;
    while (got[i] && got[i] == want[i]) ++i;
    from = i > 120 ? i - 120 : 0;
    fprintf(stderr, "  seed %" PRIu64 " persistent %d: first difference at byte %zu\n  run_json ...%.240s\n  records  ...%.240s\n", seed,
            persistent, i, got + from, want + from);
}

static void random_program(memspec_engine engine, uint64_t seed, int persistent) {
    memspec_config c;
    memspec_memory* m;
    memspec_cell image[6];
    size_t n_image = 0, i;
    result_builder r;
    buf scenario = {0}, expected = {0};
    int op, n_ops = 0, n_failed = 0;
    uint32_t ts = 0, chunk;
    memset(&r, 0, sizeof r);
    rng_state = seed;
    memspec_config_default(&c);
    c.pointer_max_bits = 8;
    c.max_access_adapter_n = 16;
    c.initial_block_size = persistent ? 8 : 1;
    chunk = persistent ? 8 : 1;
    if (persistent)
        for (i = 0; i < 6; ++i) {
            image[n_image].address_space = 1 + rng(2);
            image[n_image].pointer = (uint32_t)(i * 37 % 256);
            image[n_image].value = rng(1000);
            ++n_image;
        }
    m = new_memory(&c, image, n_image, engine);
    if (!m) return;
    buf_printf(&scenario, "{\"config\":{\"pointer_max_bits\":8,\"max_access_adapter_n\":16},\"initial_block_size\":%u,\"initial_memory\":[",
               persistent ? 8u : 1u);
    for (i = 0; i < n_image; ++i)
        buf_printf(&scenario, "%s{\"as\":%" PRIu32 ",\"ptr\":%" PRIu32 ",\"value\":%" PRIu32 "}", i ? "," : "", image[i].address_space,
                   image[i].pointer, image[i].value);
    buf_str(&scenario, "],\"ops\":[");
    for (op = 0; op < 300; ++op) {
        const uint32_t kind = rng(10);
        const uint32_t as = rng(8) == 0 ? 0 : 1 + rng(2);
        const uint32_t sizes[7] = {1, 2, 4, 8, 16, 3, 32}; /* 3 and 32 fail (R7) */
        const uint32_t len = sizes[rng(rng(4) == 0 ? 7 : 5)];
        const uint32_t ptr = rng(260); /* past 256 - len fails (R6) */
        uint32_t values[32], out[32];
        memspec_status st;
        buf op_text = {0};
        if (kind < 4) {
            const uint32_t read_len = as == 0 ? 1 : len;
            st = memspec_memory_read(m, as, ptr, read_len, out);
            buf_printf(&op_text, "{\"op\":\"read\",\"as\":%" PRIu32 ",\"ptr\":%" PRIu32 ",\"len\":%" PRIu32 "}", as, ptr, read_len);
        } else if (kind < 9) {
            uint32_t k;
            for (k = 0; k < len && k < 32; ++k) values[k] = rng(50) == 0 ? 2013265921u : rng(1000); /* p fails (R1) */
            st = memspec_memory_write(m, as == 0 ? 1 : as, ptr, values, len, NULL);
            buf_printf(&op_text, "{\"op\":\"write\",\"as\":%" PRIu32 ",\"ptr\":%" PRIu32 ",\"data\":", as == 0 ? 1 : as, ptr);
            buf_values(&op_text, values, len);
            buf_str(&op_text, "}");
        } else {
            const uint32_t by = rng(5);
            st = memspec_memory_tick(m, by);
            buf_printf(&op_text, "{\"op\":\"tick\",\"by\":%" PRIu32 "}", by);
        }
        if (st == MEMSPEC_OK) {
            if (n_ops++) buf_str(&scenario, ",");
            buf_str(&scenario, op_text.text);
            drain(m, &r); /* interleaved pulls and steps */
        } else {
            ++n_failed;
            CHECK(st != MEMSPEC_INVALID_ARGUMENT && st != MEMSPEC_INTERNAL);
        }
        buf_free(&op_text);
    }
    buf_printf(&scenario, "],\"finalize_chunk\":%" PRIu32 "}", chunk);
    CHECK_STATUS(memspec_memory_finalize(m, chunk), MEMSPEC_OK);
    r.finalized = 1;
    drain(m, &r);
    CHECK_STATUS(memspec_memory_timestamp(m, &ts), MEMSPEC_OK);
    result_text(&r, ts, &expected);
    CHECK(n_failed > 10 && n_ops > 200); /* the program exercised both paths */
    {
        size_t len = 0;
        char* got = run_json(scenario.text, engine, MEMSPEC_OK, &len);
        const int same = got && len == expected.len && memcmp(got, expected.text, len) == 0;
        CHECK(same);
        if (!same) report_difference(got ? got : "", expected.text, seed, persistent);
        memspec_string_free(got);
    }
    buf_free(&scenario);
    buf_free(&expected);
    result_free(&r);
    memspec_memory_free(m);
}

int main(void) {
    uint64_t seed;
    int e;
    test_version_and_names();
    test_layout();
    test_run_json_known_answers();
    test_run_json_errors();
    test_run_json_arguments();
    test_step_known_answers();
    test_step_finalize();
    test_step_errors_are_atomic();
    test_construction_errors();
    test_profiles();
    test_profile_v2_0();
    test_profile_v1_4();
    test_null_arguments();
    test_from_header();
    test_record_lifetime();
    for (e = 0; e < 2; ++e)
        for (seed = 1; seed <= 8; ++seed) {
            random_program(ENGINES[e], seed, 0);
            random_program(ENGINES[e], seed, 1);
        }
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
