// R196: the indented form of every JSON output (`--indent K`) is the compact form with whitespace
// added between tokens, and nothing else: there is one writer per format (the compact one, R29),
// and this filter lays its bytes out. The layout is the common pretty-print: each member or
// element of a non-empty object or array on its own line, indented K spaces per level (K = 0:
// new lines, no spaces), ": " after a key, and empty objects and arrays kept as {} and [].
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "spec/interchange/output.hpp"

namespace memspec {

// A ByteSink that re-indents compact JSON as it passes through to `out`, in one pass and in
// constant memory (a run's result of any size). Bytes inside strings pass unchanged; a new line
// outside any value (after a top-level value) passes unchanged too. Call flush() (or destroy the
// sink) before using `out`.
class IndentSink final : public ByteSink {
public:
    IndentSink(ByteSink& out, int indent) : out_(out), indent_(indent < 0 ? 0 : static_cast<std::size_t>(indent)) {}
    IndentSink(const IndentSink&) = delete;
    IndentSink& operator=(const IndentSink&) = delete;
    ~IndentSink() override { flush(); }
    void write(const char* data, std::size_t size) override;
    void flush();

private:
    void new_line();
    ByteSink& out_;
    std::size_t indent_;
    std::string buf_;
    std::size_t depth_ = 0;
    char open_ = 0;  // a '{' or '[' just written: its line break waits for the next byte ({}, [])
    bool in_string_ = false, escaped_ = false;
};

// The compact JSON `compact` laid out with `indent` spaces per level (indent < 0: unchanged).
std::string reindent(std::string_view compact, int indent);

}  // namespace memspec
