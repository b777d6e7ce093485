/* A C program using the installed libmemspec (pkg-config memspec, or CMake's memspec::c): one
 * scenario through memspec_run_json, the same ops through the step API, the two compared. */
#include <memspec/memspec.h>

#include <stdio.h>
#include <string.h>

int main(void) {
    static const char scenario[] =
        "{\"ops\":[{\"op\":\"write\",\"as\":1,\"ptr\":0,\"data\":[1,2,3,4]},{\"op\":\"read\",\"as\":1,\"ptr\":1,\"len\":2}],\"finalize_chunk\":1}";
    static const uint32_t values[4] = {1, 2, 3, 4};
    char* out = NULL;
    size_t len = 0;
    memspec_config config;
    memspec_memory* m = NULL;
    uint32_t read[2] = {0, 0};
    int ok;
    if (memspec_abi_version() != MEMSPEC_ABI_VERSION) return 1;
    if (memspec_run_json(scenario, sizeof scenario - 1, MEMSPEC_ENGINE_IMPL, &out, &len) != MEMSPEC_OK) return 1;
    ok = strstr(out, "\"reads\":[[2,3]]") != NULL;
    fputs(out, stdout);
    memspec_string_free(out);
    memspec_config_default(&config);
    if (memspec_memory_new(&config, NULL, 0, MEMSPEC_ENGINE_ORACLE, &m, NULL) != MEMSPEC_OK) return 1;
    ok = ok && memspec_memory_write(m, 1, 0, values, 4, NULL) == MEMSPEC_OK;
    ok = ok && memspec_memory_read(m, 1, 1, 2, read) == MEMSPEC_OK && read[0] == 2 && read[1] == 3;
    ok = ok && memspec_memory_finalize(m, 1) == MEMSPEC_OK && memspec_memory_pending_records(m) > 0;
    memspec_memory_free(m);
    printf("c consumer (libmemspec %s): %s\n", memspec_version(), ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
