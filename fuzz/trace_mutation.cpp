// Fuzz target `trace_mutation` (R40-R69): the traces of a valid run must be accepted (R67, R68);
// then the traces are mutated and checked again. Never a crash, whatever the cell or value.
//
// The mutation is read from a fixed header *before* the scenario, so that every input chooses
// it (a scenario decoder reads until the input ends, and anything read after it would be 0):
//   byte 0     bit 0: finalize chunk 8 (persistent boundary) or 1 (volatile);
//              bit 1: mode — one cell, or a bus-preserving pair;
//              bits 2-7 all set: keep decomp 17 (OpenVM's) instead of folding decomp > 10 into
//              1..10 — its 2^18-row range table makes an input cost about 1 s, so 1 input in 64
//   byte 1     which trace (mod the number of traces)
//   bytes 2-3  which row (little endian, mod the height)
//   byte 4     which column (one cell) or which message field (pair)
//   bytes 5-8  the delta: v < 2^31 gives 1 + v mod (p - 1), else -(1 + v mod 256)
//   byte 9     which send of the producer row (pair)
// One cell: the checker must reject — unless the change leaves every interaction of every row
// (bus, message, count) exactly as it was, which is what an unconstrained cell means for the
// memory argument (e.g. IsZero's inverse when the input is 0).
// Pair: a message some row sends and another row receives is changed in the same field on both
// sides (the cells behind that field), so the bus stays balanced for that pair and only the
// constraints and the rest of the bus can object.
// Whatever the mode, accepted traces must still describe a consistent memory: in timestamp
// order, each access's prev_data (a read's data) equals the data of the latest earlier access
// to that cell (R10, R11, R48, R51). An accepted mutation that breaks this, or a one-cell
// mutation that changes what a row says on a bus, is a soundness hole.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "spec/air/check.hpp"
#include "spec/air/chips.hpp"
#include "spec/air/tracegen.hpp"
#include "oracle/run.hpp"
#include "fuzz/check.hpp"
#include "fuzz/fuzzed_data.hpp"
#include "fuzz/trace_mutation.hpp"

using namespace memspec;

namespace {
constexpr std::size_t HEADER_BYTES = 10;
using fuzz::interactions;
using fuzz::memory_inconsistency;
using fuzz::mutate_pair;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::uint8_t header[HEADER_BYTES] = {};
    std::copy(data, data + std::min(size, HEADER_BYTES), header);
    const std::size_t skip = std::min(size, HEADER_BYTES);
    fuzz::FuzzedData in(data + skip, size - skip);
    Scenario sc = fuzz::ScenarioDecoder(in).scenario();
    // Only the two boundaries OpenVM has are traceable (spec/memory.md §11); a small range-checker table
    // keeps each input fast, except decomp 17 (OpenVM's) when the header asks for it.
    sc.finalize_chunk = (header[0] & 1) ? 8u : 1u;
    const bool pair = (header[0] & 2) != 0;
    if (sc.finalize_chunk == 1u) sc.initial_memory.clear();
    const bool keep_decomp_17 = (header[0] >> 2) == 0x3F;
    if (sc.config.decomp > 10 && !(keep_decomp_17 && sc.config.decomp == 17)) sc.config.decomp = 1 + sc.config.decomp % 10;
    auto setup = validate_setup(sc);
    if (!setup) return 0;
    auto result = oracle::run(sc);
    if (!result) return 0;
    auto set = air::generate_traces(*setup, *result);
    if (!set) return 0;

    const air::ChipSet chips = air::make_chip_set(set->config, set->chunk);
    const std::vector<air::Air> airs = chips.airs();
    const air::Verdict valid = air::check(airs, set->traces);
    if (!valid.accepted) fuzz::fail("the traces of a valid run were rejected: " + air::to_text(*valid.reason), sc);
    if (const air::Trace* access = set->find(chips.access.air.name)) {
        const std::string why = memory_inconsistency(chips.access, *access);
        if (!why.empty()) fuzz::fail("the access trace of a valid run is not memory-consistent: " + why, sc);
    }

    if (set->traces.empty()) return 0;
    air::TraceSet mutated = *set;
    const std::size_t t = header[1] % mutated.traces.size();
    air::Trace& trace = mutated.traces[t];
    if (trace.cells.empty()) return 0;
    const std::size_t row = (header[2] | std::size_t{header[3]} << 8) % trace.height;
    const std::uint32_t raw = static_cast<std::uint32_t>(header[5] | header[6] << 8 | header[7] << 16) |
                              static_cast<std::uint32_t>(header[8]) << 24;
    const BabyBear delta = raw < (1u << 31) ? BabyBear::from_canonical(1 + raw % (BabyBear::P - 1))
                                            : BabyBear::from_canonical(BabyBear::P - 1 - (raw & 0xFF));  // never 0
    std::string what;
    if (pair) {
        if (!mutate_pair(airs, mutated, t, row, header[4], header[9], delta)) return 0;
        what = "a bus-preserving pair mutation from chip " + trace.chip + ", row " + std::to_string(row);
    } else {
        const std::size_t column = header[4] % trace.width;
        trace.at(row, column) = trace.at(row, column) + delta;
        what = "a one-cell mutation: chip " + trace.chip + ", row " + std::to_string(row) + ", column " +
               std::to_string(column);
    }

    const air::Verdict verdict = air::check(airs, mutated.traces);
    if (!verdict.accepted) return 0;
    if (!pair && interactions(airs, mutated) != interactions(airs, *set))
        fuzz::fail("the checker accepted " + what + " that changes a bus interaction", sc);
    if (const air::Trace* access = mutated.find(chips.access.air.name)) {
        const std::string why = memory_inconsistency(chips.access, *access);
        if (!why.empty()) fuzz::fail("the checker accepted " + what + " whose access trace is not memory-consistent: " + why, sc);
    }
    return 0;
}
