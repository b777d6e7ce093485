/*
 * The C ABI when memory runs out (include/memspec/README.md, "What each status leaves"), run by
 * oom_test.sh under `ulimit -v` so that allocations really fail. Built without sanitizers: their
 * shadow memory needs more address space than any such limit leaves.
 *
 * - A length far beyond any access is refused by its R27 check before anything is allocated: under
 *   the limit, a library that copied 2^32 + 1 values first would run out of memory instead.
 * - A memory that grows until an allocation fails returns MEMSPEC_OUT_OF_MEMORY (not Internal, not
 *   a crash) and is then broken: every later call on it is MEMSPEC_INTERNAL, it reports no pending
 *   records, and it can be freed.
 * - A constructor or memspec_run_json that runs out returns MEMSPEC_OUT_OF_MEMORY with no handle
 *   or output, and the library goes on working once memory is back.
 */
#include "include/memspec/memspec.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/capi/check.h"

static const memspec_engine ENGINES[2] = {MEMSPEC_ENGINE_IMPL, MEMSPEC_ENGINE_ORACLE};
#define FOUR_G ((size_t)1 << 32)

static memspec_memory* new_memory(memspec_engine engine) {
    memspec_config c;
    memspec_memory* m = NULL;
    memspec_config_default(&c);
    CHECK_STATUS(memspec_memory_new(&c, NULL, 0, engine, &m, NULL), MEMSPEC_OK);
    if (!m) exit(2);
    return m;
}

/* Under the limit, 2^32 + 1 values could not even be copied: the status is the length's. */
static void test_huge_lengths_allocate_nothing(memspec_engine e) {
    static const uint32_t V[4] = {1, 2, 3, 4};
    uint32_t out[4] = {0};
    memspec_memory* m = new_memory(e);
    memspec_config c;
    memspec_cell one = {1, 0, 5};
    memspec_memory* none = NULL;
    CHECK_STATUS(memspec_memory_write(m, 1, 0, V, FOUR_G + 1, NULL), MEMSPEC_SIZE_NOT_POWER_OF_TWO);
    CHECK_STATUS(memspec_memory_write(m, 1, 0, V, SIZE_MAX / 8, NULL), MEMSPEC_SIZE_NOT_POWER_OF_TWO);
    CHECK_STATUS(memspec_memory_read(m, 1, 0, FOUR_G + 1, out), MEMSPEC_SIZE_NOT_POWER_OF_TWO);
    /* ... and the handle is not broken: it goes on. */
    CHECK_STATUS(memspec_memory_write(m, 1, 0, V, 4, NULL), MEMSPEC_OK);
    CHECK_STATUS(memspec_memory_read(m, 1, 0, 4, out), MEMSPEC_OK);
    CHECK(memcmp(out, V, sizeof V) == 0);
    memspec_memory_free(m);
    /* A bad config with 2^40 cells claimed: the config's error, before a copy of the cells. */
    memspec_config_default(&c);
    c.as_height = 29;
    CHECK_STATUS(memspec_memory_new(&c, &one, (size_t)1 << 40, e, &none, NULL), MEMSPEC_INVALID_CONFIG);
    CHECK(none == NULL);
}

/* Every call on a broken handle: MEMSPEC_INTERNAL, nothing written, no records reported. */
static void expect_broken(memspec_memory* m) {
    static const uint32_t V[1] = {1};
    uint32_t out[1] = {0xA5A5A5A5u}, ts = 0xA5A5A5A5u;
    memspec_record r;
    CHECK(strstr(memspec_memory_last_error(m), "out of memory") != NULL);
    CHECK_STATUS(memspec_memory_read(m, 1, 0, 1, out), MEMSPEC_INTERNAL);
    CHECK(strstr(memspec_memory_last_error(m), "broken") != NULL);
    CHECK_STATUS(memspec_memory_write(m, 1, 0, V, 1, out), MEMSPEC_INTERNAL);
    CHECK_STATUS(memspec_memory_tick(m, 1), MEMSPEC_INTERNAL);
    CHECK_STATUS(memspec_memory_finalize(m, 1), MEMSPEC_INTERNAL);
    CHECK_STATUS(memspec_memory_next_record(m, &r), MEMSPEC_INTERNAL);
    CHECK_STATUS(memspec_memory_clear_records(m), MEMSPEC_INTERNAL);
    CHECK_STATUS(memspec_memory_timestamp(m, &ts), MEMSPEC_INTERNAL);
    CHECK_STATUS(memspec_memory_declared_finalize_chunk(m, &ts), MEMSPEC_INTERNAL);
    CHECK(memspec_memory_pending_records(m) == 0);
    CHECK(out[0] == 0xA5A5A5A5u && ts == 0xA5A5A5A5u);
}

/* Writes of 32 cells, each in a cell range of its own, until a call fails; the records are left
 * to accumulate (`keep_records`) or cleared after each write, so that the allocation that fails is
 * in the records' queue or in the engine. The failure must be MEMSPEC_OUT_OF_MEMORY. */
static void test_step_runs_out(memspec_engine e, int keep_records) {
    uint32_t values[32];
    memspec_memory* m = new_memory(e);
    memspec_status st = MEMSPEC_OK;
    uint32_t as = 1, ptr = 0, i;
    unsigned long writes = 0;
    for (i = 0; i < 32; ++i) values[i] = i + 1;
    while (st == MEMSPEC_OK) {
        st = memspec_memory_write(m, as, ptr, values, 32, NULL);
        if (st == MEMSPEC_OK && !keep_records) st = memspec_memory_clear_records(m);
        ++writes;
        ptr += 4096; /* a page of impl's and an image page of its own each time */
        if (ptr >= (1u << 29)) {
            ptr = (ptr + 32) % 4096;
            if (++as > 8) as = 1;
        }
    }
    CHECK_STATUS(st, MEMSPEC_OUT_OF_MEMORY);
    if (st != MEMSPEC_OUT_OF_MEMORY) fprintf(stderr, "  engine %d keep_records %d: after %lu writes: %s\n", e, keep_records, writes,
                                             memspec_memory_last_error(m));
    expect_broken(m);
    memspec_memory_free(m);
    /* Memory is back: a new memory works. */
    m = new_memory(e);
    CHECK_STATUS(memspec_memory_write(m, 1, 0, values, 32, NULL), MEMSPEC_OK);
    memspec_memory_free(m);
}

/* An image larger than what its copies and the engine's pages can have under the limit. */
static void test_constructor_runs_out(memspec_engine e, size_t n) {
    memspec_cell* cells = (memspec_cell*)malloc(n * sizeof *cells);
    memspec_config c;
    memspec_memory* m = (memspec_memory*)&c;
    char* message = (char*)"stale";
    size_t i;
    if (!cells) {
        fprintf(stderr, "the test's own image of %zu cells does not fit: lower it\n", n);
        exit(2);
    }
    for (i = 0; i < n; ++i) {
        /* one cell per 4096: every cell a page of its own */
        cells[i].address_space = 1 + (uint32_t)(i >> 17);
        cells[i].pointer = (uint32_t)(i & ((1u << 17) - 1)) << 12;
        cells[i].value = (uint32_t)i % 1000u;
    }
    memspec_config_default(&c);
    CHECK_STATUS(memspec_memory_new(&c, cells, n, e, &m, &message), MEMSPEC_OUT_OF_MEMORY);
    CHECK(m == NULL);
    CHECK(message == NULL || strcmp(message, "out of memory") == 0);
    memspec_string_free(message);
    free(cells);
    m = new_memory(e);
    memspec_memory_free(m);
}

/* A document whose run needs far more memory than its text: writes of 32 cells, each on a page
 * of its own, whose cells, blocks and records outweigh the 100 bytes of each op. */
static void test_run_json_runs_out(memspec_engine e, size_t ops) {
    static const char* DATA = "[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]";
    size_t cap = 64 + ops * 128, len = 0, i, out_len = 99;
    char* doc = (char*)malloc(cap);
    char* out = (char*)&cap;
    if (!doc) exit(2);
    len += (size_t)sprintf(doc, "{\"ops\":[");
    for (i = 0; i < ops; ++i)
        len += (size_t)sprintf(doc + len, "%s{\"op\":\"write\",\"as\":%u,\"ptr\":%u,\"data\":%s}", i ? "," : "",
                               1u + (unsigned)(i >> 17), (unsigned)(i & ((1u << 17) - 1)) << 12, DATA);
    len += (size_t)sprintf(doc + len, "]}");
    CHECK_STATUS(memspec_run_json(doc, len, e, &out, &out_len), MEMSPEC_OUT_OF_MEMORY);
    CHECK(out == NULL && out_len == 0);
    free(doc);
    CHECK_STATUS(memspec_run_json("{}", 2, e, &out, &out_len), MEMSPEC_OK);
    memspec_string_free(out);
}

int main(int argc, char** argv) {
    /* oom_test.sh passes the sizes that overflow its limit: image cells, document ops. */
    const size_t cells = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 0;
    const size_t ops = argc > 2 ? (size_t)strtoull(argv[2], NULL, 10) : 0;
    int e;
    if (!cells || !ops) {
        fprintf(stderr, "usage: %s CELLS OPS (under ulimit -v; see oom_test.sh)\n", argv[0]);
        return 2;
    }
    for (e = 0; e < 2; ++e) {
        test_huge_lengths_allocate_nothing(ENGINES[e]);
        test_step_runs_out(ENGINES[e], 0);
        test_step_runs_out(ENGINES[e], 1);
        test_constructor_runs_out(ENGINES[e], cells);
        test_run_json_runs_out(ENGINES[e], ops);
    }
    return report();
}
