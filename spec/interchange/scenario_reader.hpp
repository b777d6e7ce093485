// Reading scenarios in linear time (R29, R38): simdjson's On-Demand parser straight into ops, never
// a document tree. Two framings of the same objects: a v1 scenario document, and JSON Lines (a
// header line, then one op per line), read as the lines arrive. Each is also an OpSource (R190):
// the reader parses and hands over ops; it never runs an engine (the driver, run_source in
// spec/vocabulary/engine.hpp, does).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/op_source.hpp"
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

// R29, R190: a v1 scenario document (a file, or "-" for stdin) as an op source: each op is parsed
// when the driver asks for it and is never stored, when the document gives config,
// initial_block_size, initial_memory and profile before its ops (as memspec writes them). Run by
// run_source, the outcome is exactly run_scenario(parse_scenario(text)) (ErrorOrder::document_first):
// an error of the document anywhere (found as parse_scenario finds it) outranks a setup error
// (R28), which outranks an op error. A document that gives a setup key after its ops is read again
// whole (reread). head() reports what load_scenario would for a file that cannot be read.
class DocumentSource final : public OpSource {
public:
    explicit DocumentSource(std::string path);
    ~DocumentSource() override;
    DocumentSource(const DocumentSource&) = delete;
    DocumentSource& operator=(const DocumentSource&) = delete;

    Result<const Scenario*> head() override;
    Result<const Op*> next(Op& slot) override;
    ErrorOrder error_order() const override { return ErrorOrder::document_first; }
    // Bytes parsed of the document's bytes.
    SourcePosition position() const override;
    Result<std::optional<Scenario>> reread() override;

private:
    struct State;
    std::unique_ptr<State> state_;
};

// R38, R190: a JSON Lines scenario read from `fd` as an op source (ErrorOrder::in_sequence): the
// header is the head; each op line is parsed into the driver's slot as it arrives; a closing
// {"finalize_chunk": C} line sets the head's finalize_chunk. An error names its line.
class StreamSource final : public OpSource {
public:
    explicit StreamSource(int fd);
    Result<const Scenario*> head() override;
    Result<const Op*> next(Op& slot) override;
    ErrorOrder error_order() const override { return ErrorOrder::in_sequence; }
    // Bytes read so far (the total is unknown).
    SourcePosition position() const override { return {reader_.bytes(), 0}; }

private:
    ScenarioStreamReader reader_;
    Scenario head_;
};

}  // namespace memspec
