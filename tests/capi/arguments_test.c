/*
 * The C ABI's argument checks and what each status leaves behind (include/memspec/README.md,
 * "Arguments" and "What each status leaves"), from C99 under ASan and UBSan like capi_test.c.
 *
 * For every function, each invalid argument gives its status, writes no output, and leaves the
 * handle as it was: the same valid calls then give, on that handle and on one made alike that
 * never saw the bad call, the same statuses, values, clocks, messages and records. Lengths far
 * beyond any access (2^32 + 1, 2^33, SIZE_MAX) come with buffers of four values: a library that
 * read or copied `len` values before checking `len` would read past them (ASan reports it) or
 * try to allocate gigabytes (ASan reports that too; oom_test.c catches it under a memory limit).
 */
#include "include/memspec/memspec.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/capi/check.h"

static const memspec_engine ENGINES[2] = {MEMSPEC_ENGINE_IMPL, MEMSPEC_ENGINE_ORACLE};
static const uint32_t SENTINEL = 0xA5A5A5A5u;
static const uint32_t P = 2013265921u; /* BabyBear's p: the first value that is not a field element (R1) */
#define FOUR_G ((size_t)1 << 32)       /* 2^32: size_t is 64 bits where these tests run */

/* ------------------------------------------------------------------------------------------ */
/* Everything a sequence of calls returns, as numbers, so that two handles can be compared. */

typedef struct {
    uint32_t v[4096];
    size_t n;
} trace;

static void put(trace* t, uint64_t x) {
    if (t->n + 2 > sizeof t->v / sizeof t->v[0]) {
        fprintf(stderr, "trace full\n");
        exit(2);
    }
    t->v[t->n++] = (uint32_t)x;
    t->v[t->n++] = (uint32_t)(x >> 32);
}

static void put_values(trace* t, const uint32_t* v, size_t n) {
    size_t i;
    put(t, n);
    for (i = 0; i < n; ++i) put(t, v[i]);
}

/* The status, and whether the handle's message is empty (it is exactly when the call succeeded). */
static void put_call(trace* t, memspec_memory* m, memspec_status status) {
    put(t, (uint64_t)(uint32_t)status);
    put(t, strlen(memspec_memory_last_error(m)) == 0);
}

static void put_records(trace* t, memspec_memory* m) {
    memspec_record r;
    put(t, memspec_memory_pending_records(m));
    for (;;) {
        const memspec_status st = memspec_memory_next_record(m, &r);
        put(t, (uint64_t)(uint32_t)st);
        if (st != MEMSPEC_OK || r.tag == MEMSPEC_RECORD_NONE) break;
        put(t, (uint64_t)(uint32_t)r.tag);
        put(t, r.address_space);
        put(t, r.pointer);
        put(t, r.timestamp);
        put(t, r.prev_timestamp);
        put(t, r.n);
        put(t, r.left_timestamp);
        put(t, r.right_timestamp);
        put_values(t, r.data, r.data_len);
        put_values(t, r.prev_data, r.prev_data_len);
    }
}

static void put_clock(trace* t, memspec_memory* m) {
    uint32_t ts = 0, chunk = 0;
    put(t, (uint64_t)(uint32_t)memspec_memory_timestamp(m, &ts));
    put(t, ts);
    put(t, (uint64_t)(uint32_t)memspec_memory_declared_finalize_chunk(m, &chunk));
    put(t, chunk);
}

/* The handles these tests make: generalized profile, initial blocks of 4, an image of two cells. */
static const char* HEADER = "{\"initial_block_size\":4,\"initial_memory\":[{\"as\":1,\"ptr\":5,\"value\":50},{\"as\":2,\"ptr\":0,\"value\":7}],"
                            "\"finalize_chunk\":4}";

/* The calls before the bad one: some records left pending and the clock moved, so that a bad call
 * that dropped records or advanced the clock would show. */
static memspec_memory* prepared(memspec_engine engine) {
    static const uint32_t V[2] = {11, 12};
    memspec_memory* m = NULL;
    CHECK_STATUS(memspec_memory_from_header(HEADER, strlen(HEADER), engine, &m, NULL), MEMSPEC_OK);
    if (!m) exit(2);
    CHECK_STATUS(memspec_memory_write(m, 1, 2, V, 2, NULL), MEMSPEC_OK);
    CHECK_STATUS(memspec_memory_tick(m, 3), MEMSPEC_OK);
    return m;
}

/* Valid calls after the bad one: every step kind, records pulled, finalize and its records. */
static void continuation(memspec_memory* m, trace* t) {
    static const uint32_t V4[4] = {1, 2, 3, 4}, V1[1] = {9};
    uint32_t out[4], prev[4];
    put_clock(t, m);
    put_records(t, m);
    put_call(t, m, memspec_memory_write(m, 1, 4, V4, 4, prev));
    put_values(t, prev, 4);
    put_call(t, m, memspec_memory_read(m, 1, 2, 4, out));
    put_values(t, out, 4);
    put_call(t, m, memspec_memory_tick(m, 2));
    put_call(t, m, memspec_memory_write(m, 2, 1, V1, 1, prev));
    put_values(t, prev, 1);
    put_call(t, m, memspec_memory_read(m, 0, 77, 1, out));
    put_values(t, out, 1);
    put_clock(t, m);
    put_records(t, m);
    put_call(t, m, memspec_memory_finalize(m, 4));
    put_records(t, m);
    put_clock(t, m);
}

/* The handle `m` (which saw a bad call) goes on exactly as a handle that never saw it; frees m. */
static void same_as_untouched(memspec_memory* m, memspec_engine engine, int line) {
    static trace got, want;
    memspec_memory* ref = prepared(engine);
    memset(&got, 0, sizeof got);
    memset(&want, 0, sizeof want);
    continuation(m, &got);
    continuation(ref, &want);
    check_at(got.n == want.n && memcmp(got.v, want.v, got.n * sizeof got.v[0]) == 0,
             "after the failing call the handle goes on as one that never saw it", line);
    memspec_memory_free(ref);
    memspec_memory_free(m);
}

static void fill(uint32_t* v, size_t n) {
    size_t i;
    for (i = 0; i < n; ++i) v[i] = SENTINEL;
}

static int untouched(const uint32_t* v, size_t n) {
    size_t i;
    for (i = 0; i < n; ++i)
        if (v[i] != SENTINEL) return 0;
    return 1;
}

/* One bad call on a prepared handle: its status, a message, no output written, nothing changed. */
#define BAD_CALL(engine, call, status)                                                             \
    do {                                                                                           \
        memspec_memory* m = prepared(engine);                                                      \
        fill(out, 4);                                                                              \
        fill(prev, 4);                                                                             \
        CHECK_STATUS(call, status);                                                                \
        CHECK(strlen(memspec_memory_last_error(m)) > 0);                                           \
        CHECK(untouched(out, 4) && untouched(prev, 4));                                            \
        same_as_untouched(m, engine, __LINE__);                                                    \
    } while (0)

/* ------------------------------------------------------------------------------------------ */

/* Read: a NULL buffer, then lengths and addresses R27 refuses, in R27's order (address space
 * before size, size before bounds), whatever the length. */
static void test_read(memspec_engine e) {
    uint32_t out[4], prev[4];
    BAD_CALL(e, memspec_memory_read(m, 1, 0, 4, NULL), MEMSPEC_INVALID_ARGUMENT);
    BAD_CALL(e, memspec_memory_read(m, 1, 0, FOUR_G + 1, out), MEMSPEC_SIZE_NOT_POWER_OF_TWO);
    BAD_CALL(e, memspec_memory_read(m, 1, 0, SIZE_MAX, out), MEMSPEC_SIZE_NOT_POWER_OF_TWO);
    BAD_CALL(e, memspec_memory_read(m, 1, 0, 2 * FOUR_G, out), MEMSPEC_OUT_OF_BOUNDS);     /* R7: > 32 */
    BAD_CALL(e, memspec_memory_read(m, 0, 0, FOUR_G + 1, out), MEMSPEC_INVALID_ADDRESS_SPACE); /* R5 first */
    BAD_CALL(e, memspec_memory_read(m, 9, 0, 2 * FOUR_G, out), MEMSPEC_INVALID_ADDRESS_SPACE); /* R4 first */
    BAD_CALL(e, memspec_memory_read(m, 1, (1u << 29) - 2, 4, out), MEMSPEC_OUT_OF_BOUNDS);  /* R6 */
    BAD_CALL(e, memspec_memory_read(m, 0, P, 1, out), MEMSPEC_INVALID_VALUE);               /* R5's immediate */
    BAD_CALL(e, memspec_memory_read(m, 1, 0, 0, NULL), MEMSPEC_SIZE_NOT_POWER_OF_TWO);      /* NULL is fine with 0 */
}

/* Write: the values are not read before len has passed R27's checks 1-6, so a length of 2^32 + 1
 * with a buffer of four values is the length's error, not a read past the buffer or a copy of
 * 2^32 + 1 values. */
static void test_write(memspec_engine e) {
    uint32_t out[4], prev[4];
    static const uint32_t V[4] = {1, 2, 3, 4}, BAD[2] = {1, 2013265921u};
    BAD_CALL(e, memspec_memory_write(m, 1, 0, NULL, 4, prev), MEMSPEC_INVALID_ARGUMENT);
    BAD_CALL(e, memspec_memory_write(m, 1, 0, V, FOUR_G + 1, prev), MEMSPEC_SIZE_NOT_POWER_OF_TWO);
    BAD_CALL(e, memspec_memory_write(m, 1, 0, V, SIZE_MAX, prev), MEMSPEC_SIZE_NOT_POWER_OF_TWO);
    BAD_CALL(e, memspec_memory_write(m, 1, 0, V, 2 * FOUR_G, prev), MEMSPEC_OUT_OF_BOUNDS);      /* R7: > 32 */
    BAD_CALL(e, memspec_memory_write(m, 1, 0, V, 64, prev), MEMSPEC_OUT_OF_BOUNDS);              /* R7: > 32 */
    BAD_CALL(e, memspec_memory_write(m, 0, 0, V, FOUR_G + 1, prev), MEMSPEC_INVALID_ADDRESS_SPACE); /* R5 first */
    BAD_CALL(e, memspec_memory_write(m, 9, 0, V, FOUR_G + 1, prev), MEMSPEC_INVALID_ADDRESS_SPACE); /* R4 first */
    BAD_CALL(e, memspec_memory_write(m, 1, (1u << 29) - 1, V, 2, prev), MEMSPEC_OUT_OF_BOUNDS);   /* R6 */
    BAD_CALL(e, memspec_memory_write(m, 1, 0, BAD, 2, prev), MEMSPEC_INVALID_VALUE);              /* R1 */
    BAD_CALL(e, memspec_memory_write(m, 1, 0, NULL, 0, prev), MEMSPEC_SIZE_NOT_POWER_OF_TWO);     /* NULL is fine with 0 */
    /* NULL handle: nothing to change, and the values are not read either. */
    CHECK_STATUS(memspec_memory_write(NULL, 1, 0, V, FOUR_G + 1, prev), MEMSPEC_INVALID_ARGUMENT);
}

static void test_tick_finalize_and_records(memspec_engine e) {
    uint32_t out[4], prev[4];
    BAD_CALL(e, memspec_memory_tick(m, 1u << 29), MEMSPEC_TIMESTAMP_VIOLATION); /* R9 */
    BAD_CALL(e, memspec_memory_tick(m, UINT32_MAX), MEMSPEC_TIMESTAMP_VIOLATION);
    BAD_CALL(e, memspec_memory_finalize(m, 0), MEMSPEC_SIZE_NOT_POWER_OF_TWO);  /* R26 */
    BAD_CALL(e, memspec_memory_finalize(m, 3), MEMSPEC_SIZE_NOT_POWER_OF_TWO);
    BAD_CALL(e, memspec_memory_finalize(m, 64), MEMSPEC_OUT_OF_BOUNDS);
    BAD_CALL(e, memspec_memory_finalize(m, UINT32_MAX), MEMSPEC_SIZE_NOT_POWER_OF_TWO);
    BAD_CALL(e, memspec_memory_next_record(m, NULL), MEMSPEC_INVALID_ARGUMENT); /* the queue stays */
    /* The const calls: no message of their own, nothing changed. */
    {
        memspec_memory* m = prepared(e);
        CHECK_STATUS(memspec_memory_timestamp(m, NULL), MEMSPEC_INVALID_ARGUMENT);
        CHECK_STATUS(memspec_memory_declared_finalize_chunk(m, NULL), MEMSPEC_INVALID_ARGUMENT);
        same_as_untouched(m, e, __LINE__);
    }
}

/* R37 before R27: once finalized, any access is InvalidConfig, its length unseen — the write's
 * values included (a buffer of four with a length of 2^32 + 1). */
static void test_after_finalize(memspec_engine e) {
    static const uint32_t V[4] = {1, 2, 3, 4};
    uint32_t out[4], prev[4], ts = 0;
    memspec_memory* m = prepared(e);
    CHECK_STATUS(memspec_memory_finalize(m, 4), MEMSPEC_OK);
    CHECK_STATUS(memspec_memory_clear_records(m), MEMSPEC_OK);
    fill(out, 4);
    fill(prev, 4);
    CHECK_STATUS(memspec_memory_write(m, 1, 0, V, FOUR_G + 1, prev), MEMSPEC_INVALID_CONFIG);
    CHECK_STATUS(memspec_memory_write(m, 0, 0, V, 3, prev), MEMSPEC_INVALID_CONFIG);
    CHECK_STATUS(memspec_memory_read(m, 1, 0, SIZE_MAX, out), MEMSPEC_INVALID_CONFIG);
    CHECK_STATUS(memspec_memory_write(m, 1, 0, NULL, 4, prev), MEMSPEC_INVALID_ARGUMENT); /* the ABI's rules first */
    CHECK(untouched(out, 4) && untouched(prev, 4));
    CHECK(memspec_memory_pending_records(m) == 0);
    CHECK_STATUS(memspec_memory_timestamp(m, &ts), MEMSPEC_OK);
    CHECK(ts == 5); /* the prepared write and tick of 3 */
    memspec_memory_free(m);
}

/* ------------------------------------------------------------------------------------------ */
/* Constructors: on any failure *out is NULL (whatever it held), and the message is as documented. */

static void test_memory_new(memspec_engine e) {
    memspec_config c, bad;
    memspec_memory* const STALE = (memspec_memory*)&c; /* never dereferenced: only overwritten */
    memspec_memory* m;
    char* message;
    const memspec_cell one = {1, 0, 5};
    memspec_config_default(&c);

#define NEW_FAILS(config, cells, count, engine, status)                                              \
    do {                                                                                             \
        m = STALE;                                                                                   \
        message = (char*)"stale";                                                                    \
        CHECK_STATUS(memspec_memory_new(config, cells, count, engine, &m, &message), status);        \
        CHECK(m == NULL && message != NULL && strlen(message) > 0);                                  \
        memspec_string_free(message);                                                                \
    } while (0)

    m = STALE;
    CHECK_STATUS(memspec_memory_new(&c, NULL, 0, e, NULL, NULL), MEMSPEC_INVALID_ARGUMENT);
    message = (char*)"stale";
    CHECK_STATUS(memspec_memory_new(&c, NULL, 0, e, NULL, &message), MEMSPEC_INVALID_ARGUMENT);
    CHECK(message == NULL); /* no handle to return, no message */
    NEW_FAILS(NULL, NULL, 0, e, MEMSPEC_INVALID_ARGUMENT);
    NEW_FAILS(&c, NULL, 3, e, MEMSPEC_INVALID_ARGUMENT);
    NEW_FAILS(&c, NULL, 0, 2, MEMSPEC_INVALID_ARGUMENT);
    NEW_FAILS(&c, NULL, 0, -1, MEMSPEC_INVALID_ARGUMENT);
    /* A count no buffer can hold: refused before a cell is read or the copy allocated. */
    NEW_FAILS(&c, &one, SIZE_MAX, e, MEMSPEC_INVALID_ARGUMENT);
    NEW_FAILS(&c, &one, (size_t)PTRDIFF_MAX / sizeof(memspec_cell) + 1, e, MEMSPEC_INVALID_ARGUMENT);
    bad = c;
    bad.profile = 99;
    NEW_FAILS(&bad, NULL, 0, e, MEMSPEC_INVALID_ARGUMENT);
    bad.profile = -1;
    NEW_FAILS(&bad, NULL, 0, e, MEMSPEC_INVALID_ARGUMENT);
    /* R28: the config, the block size and the profile's rules come before the cells — so with a
     * count of 2^40 and one real cell, the config's error, not a read past it or a 24 TiB copy. */
    bad = c;
    bad.as_height = 29; /* R3 */
    NEW_FAILS(&bad, &one, (size_t)1 << 40, e, MEMSPEC_INVALID_CONFIG);
    bad = c;
    bad.initial_block_size = 3; /* R15 */
    NEW_FAILS(&bad, &one, (size_t)1 << 40, e, MEMSPEC_SIZE_NOT_POWER_OF_TWO);
    bad = c;
    bad.profile = MEMSPEC_PROFILE_OPENVM_V1_0_VOLATILE; /* R13: no image at all */
    NEW_FAILS(&bad, &one, (size_t)1 << 40, e, MEMSPEC_INVALID_CONFIG);
    /* Then the cells, in order (R4, R6, R1, repeats). */
    {
        memspec_cell cells[3] = {{1, 0, 5}, {1, 1, P}, {9, 0, 0}};
        NEW_FAILS(&c, cells, 3, e, MEMSPEC_INVALID_VALUE);
        cells[1].value = 6;
        NEW_FAILS(&c, cells, 3, e, MEMSPEC_INVALID_ADDRESS_SPACE);
        cells[2] = cells[0];
        NEW_FAILS(&c, cells, 3, e, MEMSPEC_PARSE_ERROR);
        cells[2].pointer = 1u << 29;
        NEW_FAILS(&c, cells, 3, e, MEMSPEC_OUT_OF_BOUNDS);
        cells[2].pointer = 2;
        CHECK_STATUS(memspec_memory_new(&c, cells, 3, e, &m, NULL), MEMSPEC_OK);
        memspec_memory_free(m);
    }
#undef NEW_FAILS
}

static void test_from_header_arguments(memspec_engine e) {
    memspec_memory* m;
    char* message;
    memspec_memory* const STALE = (memspec_memory*)&message;
    m = STALE;
    message = (char*)"stale";
    CHECK_STATUS(memspec_memory_from_header("{}", 2, e, NULL, &message), MEMSPEC_INVALID_ARGUMENT);
    CHECK(message == NULL);
    CHECK_STATUS(memspec_memory_from_header(NULL, 5, e, &m, &message), MEMSPEC_INVALID_ARGUMENT);
    CHECK(m == NULL && message != NULL);
    memspec_string_free(message);
    m = STALE;
    CHECK_STATUS(memspec_memory_from_header("{}", 2, 7, &m, &message), MEMSPEC_INVALID_ARGUMENT);
    CHECK(m == NULL && message != NULL);
    memspec_string_free(message);
    m = STALE;
    CHECK_STATUS(memspec_memory_from_header("{}", 2, -1, &m, NULL), MEMSPEC_INVALID_ARGUMENT);
    CHECK(m == NULL);
}

static void test_run_json_arguments(memspec_engine e) {
    char* out;
    size_t len;
    char* const STALE = (char*)&len;
    out = STALE;
    len = 99;
    CHECK_STATUS(memspec_run_json("{}", 2, e, &out, NULL), MEMSPEC_INVALID_ARGUMENT);
    CHECK(out == NULL);
    CHECK_STATUS(memspec_run_json("{}", 2, e, NULL, &len), MEMSPEC_INVALID_ARGUMENT);
    CHECK(len == 0);
    out = STALE;
    len = 99;
    CHECK_STATUS(memspec_run_json(NULL, 2, e, &out, &len), MEMSPEC_INVALID_ARGUMENT);
    CHECK(out == NULL && len == 0);
    out = STALE;
    CHECK_STATUS(memspec_run_json("{}", 2, 2, &out, &len), MEMSPEC_INVALID_ARGUMENT);
    CHECK(out == NULL && len == 0);
    /* A document that asks for a huge access: the op's error, like memspec run. */
    {
        static const char* DOC = "{\"ops\":[{\"op\":\"read\",\"as\":1,\"ptr\":0,\"len\":4294967297}]}";
        CHECK_STATUS(memspec_run_json(DOC, strlen(DOC), e, &out, &len), MEMSPEC_SIZE_NOT_POWER_OF_TWO);
        CHECK(out != NULL && strstr(out, "\"op_index\":0") != NULL);
        memspec_string_free(out);
    }
}

/* Calls on a NULL handle: InvalidArgument (or their documented value), no output written. */
static void test_null_handle(void) {
    uint32_t v[4], ts = SENTINEL;
    memspec_record r, before;
    fill(v, 4);
    memset(&r, 0xA5, sizeof r);
    before = r;
    CHECK_STATUS(memspec_memory_read(NULL, 1, 0, 4, v), MEMSPEC_INVALID_ARGUMENT);
    CHECK_STATUS(memspec_memory_read(NULL, 1, 0, FOUR_G + 1, v), MEMSPEC_INVALID_ARGUMENT);
    CHECK_STATUS(memspec_memory_write(NULL, 1, 0, v, 4, v), MEMSPEC_INVALID_ARGUMENT);
    CHECK(untouched(v, 4));
    CHECK_STATUS(memspec_memory_tick(NULL, 1), MEMSPEC_INVALID_ARGUMENT);
    CHECK_STATUS(memspec_memory_finalize(NULL, 1), MEMSPEC_INVALID_ARGUMENT);
    CHECK_STATUS(memspec_memory_timestamp(NULL, &ts), MEMSPEC_INVALID_ARGUMENT);
    CHECK_STATUS(memspec_memory_declared_finalize_chunk(NULL, &ts), MEMSPEC_INVALID_ARGUMENT);
    CHECK(ts == SENTINEL);
    CHECK_STATUS(memspec_memory_next_record(NULL, &r), MEMSPEC_INVALID_ARGUMENT);
    CHECK(memcmp(&r, &before, sizeof r) == 0);
    CHECK_STATUS(memspec_memory_clear_records(NULL), MEMSPEC_INVALID_ARGUMENT);
    CHECK(memspec_memory_pending_records(NULL) == 0);
    CHECK(memspec_memory_last_error(NULL) != NULL && strlen(memspec_memory_last_error(NULL)) > 0);
    memspec_memory_free(NULL);
    memspec_config_default(NULL);
    memspec_string_free(NULL);
}

int main(void) {
    int e;
    for (e = 0; e < 2; ++e) {
        test_read(ENGINES[e]);
        test_write(ENGINES[e]);
        test_tick_finalize_and_records(ENGINES[e]);
        test_after_finalize(ENGINES[e]);
        test_memory_new(ENGINES[e]);
        test_from_header_arguments(ENGINES[e]);
        test_run_json_arguments(ENGINES[e]);
    }
    test_null_handle();
    return report();
}
