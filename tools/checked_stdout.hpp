// The process's one checked stdout: every command writes through it (std::cout is redirected into
// it, and the JSON writers take `stdout_sink()`), and main() ends with `finish_stdout`, so a write,
// flush or close that fails is reported and turns into EXIT_OUTPUT_FAILED in one place.
#pragma once

#include <string>
#include <string_view>

#include "spec/interchange/output.hpp"

namespace memspec::cli {

// First thing in main(): a standard descriptor (0, 1, 2) that was closed when the process started
// is opened on /dev/null, so that no file the command opens later can take its number; stdout
// remembers it was closed and fails (EBADF) on its first write. Then std::cout is pointed at
// `stdout_sink()`.
void guard_standard_streams();

// Everything bound for stdout. The first failed write marks it failed and drops the rest.
ByteSink& stdout_sink();

// Writes `text` to the file at `path` (created or truncated), checking the open, every write and
// the close: returns 0 or the errno of the step that failed.
int write_file(const std::string& path, std::string_view text);

// printf into std::cout (stdio's own stdout would bypass the checks and the order).
void print_stdout(const char* format, ...) __attribute__((format(printf, 1, 2)));

// Last thing in main(): flushes std::cout, closes stdout and checks both. Returns `status`, or,
// when any write, the flush or the close failed, prints one line on stderr naming the cause and
// returns EXIT_OUTPUT_FAILED.
int finish_stdout(int status);

}  // namespace memspec::cli
