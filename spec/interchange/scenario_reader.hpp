// Reading scenarios in linear time (R29, R38): simdjson's On-Demand parser straight into ops, never
// a document tree. Two framings of the same objects: a v1 scenario document, and JSON Lines (a
// header line, then one op per line), read as the lines arrive.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "spec/vocabulary/engine.hpp"
#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec {

// R29: a whole v1 scenario document. Strict (spec/interchange.md): malformed JSON, duplicate or
// unknown keys, wrong types, negative, fractional or over-64-bit numbers are ParseError; a
// config value over 32 bits is InvalidConfig. When a document has several errors, the one
// reported is the one the format's order puts first (interchange.md, "Which error"), whatever the
// order of the keys in the document.
Result<Scenario> parse_scenario(std::string_view text);
// The same, read from a file or, for "-", from standard input (R136): a path that cannot be opened
// is ParseError, a failed read InputError, a file over MAX_DOCUMENT_BYTES or a pipe over
// MAX_READ_BYTES LimitExceeded (spec/interchange/input.hpp), an allocation failure OutOfMemory.
Result<Scenario> load_scenario(const std::string& path);
// R38: a JSON Lines stream's header given on its own (the C ABI's memspec_memory_from_header):
// the scenario object without "ops", read exactly as ScenarioStreamReader::header reads the first
// line ("ops" is an unknown key), except that the text may span lines.
Result<Scenario> parse_stream_header(std::string_view text);

// R29, R37: runs a v1 scenario document (a file, or "-" for stdin) through an engine while
// reading it: when the document gives config, initial_block_size and initial_memory before its
// ops (as memspec writes them), each op goes to the engine as soon as it is read and is never
// stored. The outcome is exactly run_scenario(parse_scenario(text)): a document error outranks a
// setup error (R28), which outranks an op error; records go to `sink`, and when the document
// turns out to order its keys otherwise, `restart` is called (the caller drops what `sink`
// received) and the document is read again, then run. `progress` reports bytes read.
struct DocumentRun {
    std::uint32_t final_timestamp = 0;
    std::optional<std::uint64_t> finalize_chunk;
    std::optional<ResultRoots> roots;  // R75a
};
Result<DocumentRun> run_document(const std::string& path, const EngineFactory& make, RecordSink& sink,
                                 const std::function<void()>& restart, const ProgressFn& progress = {});

// R38: runs a JSON Lines scenario read from `fd` through an engine, one op at a time as the lines
// arrive (a few ops behind the reader, with prefetch: Lookahead): the header is validated (R28),
// each op line is read and stepped, then finalize runs with the header's finalize_chunk or the
// closing line's. Records go to `sink` as they are made; on an error, what was emitted stands and
// the error is returned (with its op_index when an op failed; the ops read before a bad line are
// stepped first). `progress` gets the bytes read so far, now and then.
struct StreamRun {
    std::uint32_t final_timestamp = 0;
    std::optional<std::uint64_t> finalize_chunk;
    std::optional<ResultRoots> roots;  // R75a
    std::uint64_t accesses = 0;
};
Result<StreamRun> run_stream(int fd, const EngineFactory& make, RecordSink& sink,
                             const std::function<void(std::uint64_t bytes)>& progress = {});

// R38: a JSON Lines scenario, read line by line from a file descriptor.
class ScenarioStreamReader {
public:
    explicit ScenarioStreamReader(int fd);
    ~ScenarioStreamReader();
    ScenarioStreamReader(const ScenarioStreamReader&) = delete;
    ScenarioStreamReader& operator=(const ScenarioStreamReader&) = delete;

    // The header line: a scenario object without "ops" (its `ops` stay empty).
    Result<Scenario> header();
    // The next op into `op` (true), or the end of the input (false). An error names its line; a
    // failed read is InputError, never the end, and a line over MAX_STREAM_LINE_BYTES (the header:
    // MAX_READ_BYTES) is LimitExceeded (R136).
    // A line {"finalize_chunk": C} may end the stream when the header had no finalize_chunk; it
    // is then returned by `trailing_finalize_chunk()`.
    Result<bool> next(Op& op);
    std::optional<std::uint64_t> trailing_finalize_chunk() const { return trailing_finalize_; }
    // 1-based number of the last line read.
    std::size_t line() const;
    // Bytes read so far.
    std::uint64_t bytes() const;

private:
    struct State;
    std::unique_ptr<State> state_;
    bool header_has_finalize_ = false;
    std::optional<std::uint64_t> trailing_finalize_;
};

}  // namespace memspec
