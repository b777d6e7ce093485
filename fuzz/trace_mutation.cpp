// Fuzz target `trace_mutation` (R40-R69): the traces of a valid run must be accepted (R67, R68);
// then the traces are mutated and checked again. Never a crash, whatever the cell or value.
//
// The mutation is read from a fixed header *before* the scenario, so that every input chooses
// it (a scenario decoder reads until the input ends, and anything read after it would be 0):
//   byte 0     bit 0: finalize chunk 8 (persistent boundary) or 1 (volatile);
//              bit 1: mode — one cell, or a bus-preserving pair;
//              bit 2: keep decomp 17 (OpenVM's) instead of capping it at 10 (range table size)
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
#include <map>
#include <optional>
#include <string>
#include <utility>
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

constexpr std::size_t HEADER_BYTES = 10;

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

// The column a message field reads, when the field is a plain local column.
std::optional<std::uint32_t> column_of(const air::Expr& e) {
    if (e->kind == air::NodeKind::Local) return e->index;
    return std::nullopt;
}

// Changes one field of a message sent by a row of `t` (from row `row` on, the first row that
// sends) and of a row receiving the same message, by `delta` on both sides. false when no such
// pair with plain-column fields exists.
bool mutate_pair(const std::vector<air::Air>& airs, air::TraceSet& set, std::size_t t, std::size_t row,
                 std::uint8_t field_pick, std::uint8_t send_pick, BabyBear delta) {
    const std::vector<RowInteraction> all = interactions(airs, set);
    std::size_t a = airs.size();
    for (std::size_t i = 0; i < airs.size(); ++i)
        if (airs[i].name == set.traces[t].chip) a = i;
    if (a == airs.size()) return false;
    const auto is_send = [&](const RowInteraction& ri) {
        return airs[ri.air].interactions[ri.interaction].direction == air::Direction::Send;
    };
    // The producer: the first row at or after `row` (cyclically) of this chip that sends.
    const std::size_t height = set.traces[t].height;
    std::vector<const RowInteraction*> sends;
    for (std::size_t k = 0; k < height && sends.empty(); ++k)
        for (const RowInteraction& ri : all)
            if (ri.air == a && ri.row == (row + k) % height && is_send(ri)) sends.push_back(&ri);
    if (sends.empty()) return false;
    const RowInteraction& producer = *sends[send_pick % sends.size()];
    const air::Interaction& pi = airs[producer.air].interactions[producer.interaction];
    // The consumer: a row receiving the same message on the same bus, another row if possible.
    const RowInteraction* consumer = nullptr;
    for (const RowInteraction& ri : all) {
        const air::Interaction& ci = airs[ri.air].interactions[ri.interaction];
        if (is_send(ri) || ci.bus != pi.bus || ri.message != producer.message) continue;
        if (!consumer || (ri.air != producer.air || ri.row != producer.row)) consumer = &ri;
        if (ri.air != producer.air || ri.row != producer.row) break;
    }
    if (!consumer) return false;
    const air::Interaction& ci = airs[consumer->air].interactions[consumer->interaction];
    const std::size_t n = pi.message.size();
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t f = (field_pick + k) % n;
        const auto pc = column_of(pi.message[f]), cc = column_of(ci.message[f]);
        if (!pc || !cc) continue;
        air::Trace* pt = set.find(airs[producer.air].name);
        air::Trace* ct = set.find(airs[consumer->air].name);
        pt->at(producer.row, *pc) = pt->at(producer.row, *pc) + delta;
        if (pt != ct || producer.row != consumer->row || *pc != *cc)
            ct->at(consumer->row, *cc) = ct->at(consumer->row, *cc) + delta;
        return true;
    }
    return false;
}

// R10, R11, R48, R51 read back from an access trace: in timestamp order, every access's
// prev_data equals the data the latest earlier access to the same cell left there. A cell's first
// access defines its initial value (the boundary's, which this does not re-derive). Returns a
// description of the first violation, or an empty string (also when two accesses share a
// timestamp).
std::string memory_inconsistency(const air::AccessChip& chip, const air::Trace& t) {
    struct Row {
        std::uint32_t timestamp;
        std::size_t row;
    };
    std::vector<Row> rows;
    for (std::size_t r = 0; r < t.height; ++r)
        if (t.at(r, chip.is_valid) == BabyBear::from_canonical(1) && t.at(r, chip.is_immediate).is_zero())
            rows.push_back({t.at(r, chip.timestamp).v, r});
    std::stable_sort(rows.begin(), rows.end(), [](const Row& x, const Row& y) { return x.timestamp < y.timestamp; });
    // Two accesses at one timestamp leave their order open (a self-cancelling pair is harmless,
    // shared/reference/audit-findings.md); this check then says nothing rather than guess.
    for (std::size_t i = 1; i < rows.size(); ++i)
        if (rows[i].timestamp == rows[i - 1].timestamp) return {};
    std::map<std::pair<std::uint32_t, std::uint64_t>, BabyBear> memory;
    for (const Row& x : rows) {
        std::size_t size = 0;
        for (std::size_t j = 0; j < chip.size_flag.size(); ++j)
            if (t.at(x.row, chip.size_flag[j]) == BabyBear::from_canonical(1)) size = std::size_t{1} << j;
        const std::uint32_t as = t.at(x.row, chip.address_space).v;
        const std::uint64_t ptr = t.at(x.row, chip.pointer).v;
        for (std::size_t i = 0; i < size; ++i) {
            auto [it, fresh] = memory.try_emplace({as, ptr + i}, t.at(x.row, chip.prev_data[i]));
            if (!fresh && !(it->second == t.at(x.row, chip.prev_data[i])))
                return "access row " + std::to_string(x.row) + " (timestamp " + std::to_string(x.timestamp) + ") finds " +
                       std::to_string(t.at(x.row, chip.prev_data[i]).v) + " at (" + std::to_string(as) + ", " +
                       std::to_string(ptr + i) + ") where the latest earlier access left " + std::to_string(it->second.v);
            it->second = t.at(x.row, chip.data[i]);
        }
    }
    return {};
}

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
    if (sc.config.decomp > 10 && !((header[0] & 4) && sc.config.decomp == 17)) sc.config.decomp = 1 + sc.config.decomp % 10;
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
