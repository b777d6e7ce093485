// Judging a program's answer to one test (R130, R131), and saying where it went wrong: the first
// difference, localized to the operation that produced it — the op's index and text, the record
// and field, expected against got, and for an adapter record which access emitted it and its place
// among that access's records (or finalize's). An implementer reads this line and knows which
// rule of spec/memory.md to look at.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conform/program.hpp"
#include "conform/vector_file.hpp"

namespace memspec::conform {

// What conform knows about a scenario to localize a difference: its ops and, from a run of
// memspec's own engine (impl) with a sink that notes op boundaries, which op emitted each record.
struct Locator {
    struct Origin {
        std::optional<std::size_t> op;  // absent: finalize
        std::size_t index = 0;          // 0-based place among the records that op (or finalize) emitted
        std::size_t count = 0;          // how many it emitted
    };
    std::vector<Json> ops;                // as the scenario spells them
    std::vector<std::size_t> access_ops;  // records[i] belongs to ops[access_ops[i]] (R16: one per read/write)
    std::vector<std::size_t> read_ops;    // reads[i] belongs to ops[read_ops[i]]
    std::vector<Origin> adapter_origins;  // adapter_records[i] per memspec's run (R17-R20, R23)
};
Locator locate(std::string_view scenario_text);

struct Difference {
    std::string path;                    // in the output: "records[1].prev_timestamp", "error.kind", "" for the whole
    std::string summary;                 // the difference in words, when not a plain expected/got
    std::optional<Json> expected, got;   // the values at `path` (absent: missing there)
    std::optional<std::size_t> op_index; // the operation concerned
    Json op;                             // its text
    bool at_finalize = false;            // the record belongs to finalize
    std::string block;                   // final_memory: "block (as 1, ptr 8)"
    std::string record;                  // "adapter_records[4]"
    std::string field;                   // "left_timestamp", "data[2]"
    std::optional<std::size_t> index_in_op, records_of_op;  // adapter records: place among the op's (0-based), how many
    std::string detail;                  // e.g. the program's standard error

    // Two or three lines, indented by `indent`: where (op or finalize), what (path: expected, got).
    std::string text(std::string_view indent = "    ") const;
    Json to_json() const;
};

struct Expect {
    Expectation result = Expectation::Valid;
    const Json* expected = nullptr;
    std::optional<std::size_t> finalize_order;
};

// nullopt: the program's answer is right. Otherwise the first difference, localized with `where`
// (computed on demand: only failures pay for memspec's run).
std::optional<Difference> judge_scenario(const Expect& expect, const ProgramRun& run, std::string_view scenario_text);

// R201: the same judgement of a program run in stream mode: its output, JSON Lines (spec/
// interchange.md), is framed back into the v1 result (conform/stream_framing.hpp) and judged as a
// document's answer; output that is not such a stream (cut short, a line of an unknown kind) fails.
std::optional<Difference> judge_scenario_stream(const Expect& expect, const ProgramRun& run, std::string_view scenario_text);

// R200: a RootTest, judged like a ScenarioTest whose expected result is
// {"initial_root":[…],"final_root":[…]} (`memspec root --json`) or an error: equal as JSON, every
// element of both roots, or the same error kind and op_index with exit status 2.
std::optional<Difference> judge_roots(const Expect& expect, const ProgramRun& run, std::string_view scenario_text);

// A TraceTest (R160): `want` Invalid (an exploit vector) passes on a rejection, Valid (an honest
// trace set) on an acceptance. A verdict is exit status 0 with {"verdict":"accepted"} or exit
// status 1 with {"verdict":"rejected"} on standard output; anything else (no verdict, a verdict
// the exit status contradicts, a signal, a timeout, bad input) fails the test either way.
std::optional<Difference> judge_trace(const ProgramRun& run, Expectation want);

// Compact JSON, cut to `max` bytes (with "…") so one huge array cannot flood a report. Text is
// made one printable line of valid UTF-8: control characters become '?', and each byte that is
// not part of well-formed UTF-8 is shown as \xNN (R161); a cut never splits a character.
std::string excerpt(const Json& value, std::size_t max = 160);
std::string excerpt_text(std::string_view text, std::size_t max = 160);

}  // namespace memspec::conform
