/*
 * check.h: the counting checks of the C ABI's C tests that came after capi_test.c
 * (arguments_test.c, oom_test.c). Each failed check is printed with its line; report() prints
 * "N passed, N failed" and gives the exit status (1 on any failure). C99, header only: each test
 * program is one translation unit.
 */
#ifndef MEMSPEC_TESTS_CAPI_CHECK_H
#define MEMSPEC_TESTS_CAPI_CHECK_H

#include "include/memspec/memspec.h"

#include <stdio.h>

static int checks_passed = 0;
static int checks_failed = 0;

#define CHECK(cond) check_at((cond) != 0, #cond, __LINE__)
#define CHECK_STATUS(expr, want) check_status_at((expr), (want), #expr, __LINE__)

static inline void check_at(int ok, const char* what, int line) {
    if (ok) {
        ++checks_passed;
    } else {
        ++checks_failed;
        fprintf(stderr, "FAIL line %d: %s\n", line, what);
    }
}

static inline void check_status_at(memspec_status got, memspec_status want, const char* what, int line) {
    if (got == want) {
        ++checks_passed;
    } else {
        ++checks_failed;
        fprintf(stderr, "FAIL line %d: %s returned %s (%d), expected %s (%d)\n", line, what, memspec_status_name(got), (int)got,
                memspec_status_name(want), (int)want);
    }
}

static inline int report(void) {
    printf("%d passed, %d failed\n", checks_passed, checks_failed);
    return checks_failed == 0 ? 0 : 1;
}

#endif /* MEMSPEC_TESTS_CAPI_CHECK_H */
