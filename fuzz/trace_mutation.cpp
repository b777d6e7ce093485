// Fuzz target `trace_mutation` (R40-R69): the traces of a valid run must be accepted (R67, R68);
// after one cell is changed, the checker must reject them — unless the change leaves every
// interaction of every row (bus, message, count) exactly as it was, which is what an
// unconstrained cell means for the memory argument (e.g. IsZero's inverse when the input is 0).
// An accepted mutation that changes what a row says on a bus would be a soundness hole.
// And never a crash, whatever the cell or value.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/check.hpp"
#include "fuzz/fuzzed_data.hpp"
#include "oracle/run.hpp"
#include "spec/air/check.hpp"
#include "spec/air/chips.hpp"
#include "spec/air/tracegen.hpp"

using namespace memspec;

namespace {

// Every row's evaluated interactions, chip by chip: what the traces claim on the buses.
struct RowInteraction {
    std::size_t air, row, interaction;
    BabyBear count;
    std::vector<BabyBear> message;
    friend bool operator==(const RowInteraction&, const RowInteraction&) = default;
};

std::vector<RowInteraction> interactions(const std::vector<air::Air>& airs, const air::TraceSet& set) {
    std::vector<RowInteraction> out;
    for (std::size_t a = 0; a < airs.size(); ++a) {
        const air::Trace* t = set.find(airs[a].name);
        if (!t) continue;
        for (std::size_t r = 0; r < t->height; ++r) {
            const air::RowView view{t->row(r), t->row((r + 1) % t->height), t->public_values.data(), t->width,
                                    t->public_values.size()};
            for (std::size_t i = 0; i < airs[a].interactions.size(); ++i) {
                const auto& it = airs[a].interactions[i];
                RowInteraction ri{a, r, i, air::eval(it.count, view), {}};
                if (ri.count.is_zero()) continue;  // a zero count says nothing
                for (const auto& m : it.message) ri.message.push_back(air::eval(m, view));
                out.push_back(std::move(ri));
            }
        }
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzedData in(data, size);
    Scenario sc = fuzz::ScenarioDecoder(in).scenario();
    // Only the two boundaries OpenVM has are traceable (spec/memory.md §11); a small range-checker table
    // keeps each input fast.
    sc.finalize_chunk = (in.byte() & 1) ? 8u : 1u;
    if (sc.finalize_chunk == 1u) sc.initial_memory.clear();
    if (sc.config.decomp > 10) sc.config.decomp = 1 + sc.config.decomp % 10;
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

    if (set->traces.empty()) return 0;
    air::TraceSet mutated = *set;
    air::Trace& t = mutated.traces[in.byte() % mutated.traces.size()];
    if (t.cells.empty()) return 0;
    const std::size_t cell = static_cast<std::size_t>(in.little_endian(4) % t.cells.size());
    const std::uint64_t delta = 1 + in.little_endian(4) % (BabyBear::P - 1);  // never 0: a real change
    t.cells[cell] = t.cells[cell] + BabyBear::from_canonical(static_cast<std::uint32_t>(delta));

    const air::Verdict verdict = air::check(airs, mutated.traces);
    if (verdict.accepted && interactions(airs, mutated) != interactions(airs, *set))
        fuzz::fail("the checker accepted a one-cell mutation that changes a bus interaction: chip " + t.chip + ", row " +
                       std::to_string(cell / t.width) + ", column " + std::to_string(cell % t.width),
                   sc);
    return 0;
}
