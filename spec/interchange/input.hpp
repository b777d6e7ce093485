// Reading input bytes so that the end of the input is never confused with a failed read (R136),
// with the size caps of spec/interchange.md ("Limits and input errors"). Every reader of a
// scenario, a stream, traces, a chip or a vector file reads through here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "spec/vocabulary/error.hpp"

namespace memspec {

// A scenario document in a file: simdjson's index of it is 32-bit (the file is mapped, not copied).
inline constexpr std::uint64_t MAX_DOCUMENT_BYTES = 0xFFFFFFFFull - 64;
// Anything read whole into memory as it arrives — a document on a pipe or standard input, a stream's
// header line, a traces, chip or vector file: 1 GiB, about 2.5 * 10^7 ops, where a run of that
// size goes as a stream (R38) or a file.
inline constexpr std::uint64_t MAX_READ_BYTES = std::uint64_t{1} << 30;
// One op line (or closing line) of a stream: a valid op is under 1 KiB (at most 32 values).
inline constexpr std::size_t MAX_STREAM_LINE_BYTES = std::size_t{1} << 20;

// Up to `n` bytes of `fd` into `buf`: how many (0 only at the end of the input), or InputError
// "reading <what>: <strerror>". An interrupted read is retried, and a non-blocking descriptor with
// nothing to read yet is waited for (poll), so it reads exactly as a blocking one does.
Result<std::size_t> read_some(int fd, char* buf, std::size_t n, const std::string& what);

// How `path` is named in messages: "standard input" for "-", else "<kind> '<path>'".
std::string input_name(const std::string& path, const std::string& kind);

// The whole of `path` (a `kind` of file: "traces file"), or of standard input for "-". A path that
// cannot be opened is ParseError (bad input, as a missing file); a failed read is InputError; more
// than `limit` bytes is LimitExceeded, refused from a file's size before reading it, or as soon as
// a pipe passes the limit.
Result<std::string> read_whole(const std::string& path, const std::string& kind, std::uint64_t limit = MAX_READ_BYTES);

// The LimitExceeded error for `what` over `limit` bytes, naming the limit in MiB or GiB.
MemoryError limit_error(const std::string& what, std::uint64_t limit, const std::string& advice);

}  // namespace memspec
