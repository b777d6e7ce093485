// Fuzz target `online_memory` (R9-R12, R14-R28): a decoded op stream driven straight into
// oracle::Memory and oracle::OfflineMemory (no scenario runner in between), checked after every
// op against a naive map and a naive, independently written statement of R27's check order:
// - both engines accept or reject each op alike, with the error kind R27 predicts;
// - a failing op changes nothing: clock, log/record/adapter counts, cell values, the blocks
//   around it (R28);
// - a read returns the last values written (R10), a write returns/records the old ones (R11, R16);
// - access records carry the clock, and prev_timestamp is below it but not below the last
//   access of any cell in the range (R16);
// - adapter records are well formed: power-of-two n in [2, max_access_adapter_n], equal split
//   timestamps, values as they are at that moment (R18, R19);
// - finalize returns sorted, chunk-aligned blocks holding the naive values, covering every
//   accessed cell, and leaves the clock alone (R23-R25).
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "oracle/memory.hpp"
#include "oracle/offline_memory.hpp"
#include "spec/vocabulary/scenario.hpp"
#include "fuzz/check.hpp"
#include "fuzz/fuzzed_data.hpp"

using namespace memspec;

namespace {

using Cell = std::pair<std::uint64_t, std::uint64_t>;
std::string s(std::uint64_t x) { return std::to_string(x); }

// R27, written out again from the rule rather than calling spec/vocabulary/preconditions.hpp, so that a slip in
// either shows up as a disagreement.
std::optional<ErrorKind> expected_error(const MemoryConfig& c, const Op& op, std::uint64_t clock) {
    const std::uint64_t limit = std::uint64_t{1} << c.clk_max_bits;
    const std::uint64_t advance = op.kind == OpKind::Tick ? op.by : 1;
    const bool clock_ok = clock + advance < limit && advance < limit;  // advance < limit guards the sum
    if (op.kind == OpKind::Tick) return clock_ok ? std::nullopt : std::optional(ErrorKind::TimestampViolation);
    const std::uint64_t len = op.kind == OpKind::Read ? op.len : op.data.size();
    if (op.address_space == 0) {
        if (op.kind == OpKind::Write || len != 1) return ErrorKind::InvalidAddressSpace;
        if (op.pointer >= BabyBear::P) return ErrorKind::InvalidValue;
        return clock_ok ? std::nullopt : std::optional(ErrorKind::TimestampViolation);
    }
    const std::uint64_t first_as = c.as_offset, end_as = first_as + (std::uint64_t{1} << c.as_height);
    if (op.address_space < first_as || op.address_space >= end_as) return ErrorKind::InvalidAddressSpace;
    bool pow2 = false;
    for (std::uint64_t p = 1; p != 0 && p <= len; p <<= 1) pow2 = pow2 || p == len;
    if (!pow2) return ErrorKind::SizeNotPowerOfTwo;
    if (len > c.max_access_adapter_n) return ErrorKind::OutOfBounds;
    const std::uint64_t size = std::uint64_t{1} << c.pointer_max_bits;
    if (op.pointer >= size || op.pointer + len > size) return ErrorKind::OutOfBounds;
    if (c.strict_alignment && op.pointer % len != 0) return ErrorKind::UnalignedAccess;
    return clock_ok ? std::nullopt : std::optional(ErrorKind::TimestampViolation);
}

struct Harness {
    Scenario setup_sc;  // config, block size, image and the ops run so far, for reports
    MemoryConfig config;
    oracle::Memory online;
    oracle::OfflineMemory offline;
    oracle::AccessAdapterInventory adapters;
    std::map<Cell, BabyBear> naive;                 // absent = 0
    std::map<Cell, std::uint32_t> last_access;      // the clock of the last access per cell

    Harness(const Scenario& sc, const Setup& setup)
        : setup_sc(sc), config(setup.config), online(setup.config, setup.initial_memory),
          offline(setup.initial_memory, setup.initial_block_size, setup.config) {
        for (const auto& cell : setup.initial_memory.cells()) naive[{cell.address_space, cell.pointer}] = cell.value;
    }

    [[noreturn]] void fail(const std::string& what, const std::string& details = {}) const {
        fuzz::fail(what, setup_sc, details);
    }

    BabyBear value(std::uint64_t as, std::uint64_t ptr) const {
        auto it = naive.find({as, ptr});
        return it == naive.end() ? BabyBear{} : it->second;
    }

    // The op's own range reads the same in both engines as in the naive model (cheap, every op).
    void check_range(const Op& op, const char* when) const {
        const std::uint64_t len = op.kind == OpKind::Write ? op.data.size() : op.len;
        if (op.address_space == 0 || op.address_space > UINT32_MAX) return;
        for (std::uint64_t i = 0; i < len && i < fuzz::MAX_WRITE_LEN && op.pointer + i <= UINT32_MAX; ++i)
            check_cell(op.address_space, op.pointer + i, value(op.address_space, op.pointer + i), when);
    }
    // Every cell the naive model knows (once, at the end: it is the expensive check).
    void check_all(const char* when) const {
        for (const auto& [cell, v] : naive) check_cell(cell.first, cell.second, v, when);
    }
    void check_cell(std::uint64_t as64, std::uint64_t ptr64, BabyBear v, const char* when) const {
        const auto as = static_cast<std::uint32_t>(as64), ptr = static_cast<std::uint32_t>(ptr64);
        if (online.get(as, ptr) != v || offline.get(as, ptr) != v)
            fail(std::string(when) + ": cell (" + s(as) + ", " + s(ptr) + ") holds " + s(online.get(as, ptr).v) + " online, " +
                 s(offline.get(as, ptr).v) + " offline, expected " + s(v.v));
    }

    // The offline partition around the op's range (R14), to show that a failing op left it alone.
    std::vector<oracle::OfflineMemory::Block> blocks_in_range(const Op& op) const {
        std::vector<oracle::OfflineMemory::Block> out;
        const std::uint64_t len = op.kind == OpKind::Write ? op.data.size() : op.len;
        if (op.kind == OpKind::Tick || op.address_space == 0 || op.address_space > UINT32_MAX) return out;
        for (std::uint64_t i = 0; i < len && i < fuzz::MAX_WRITE_LEN && op.pointer + i <= UINT32_MAX; ++i)
            out.push_back(offline.block_containing(static_cast<std::uint32_t>(op.address_space), static_cast<std::uint32_t>(op.pointer + i)));
        return out;
    }

    void check_adapter_records(std::size_t from) const {
        for (std::size_t i = from; i < adapters.records.size(); ++i) {
            const AccessAdapterRecord& r = adapters.records[i];
            const std::string w = "adapter record " + s(i) + " (n " + s(r.n) + ", ptr " + s(r.pointer) + ")";
            if (!is_power_of_two(r.n) || r.n < 2 || r.n > config.max_access_adapter_n) fail(w + ": no AccessAdapterAir<n> exists (R18, R19)");
            if (r.data.size() != r.n) fail(w + ": data has " + s(r.data.size()) + " values");
            if (r.address_space < config.as_offset || r.address_space >= config.as_end()) fail(w + ": not a memory address space");
            if (std::uint64_t{r.pointer} + r.n > config.memory_size()) fail(w + ": runs past the address space (R6)");
            if (r.kind == AdapterKind::Split && r.left_timestamp != r.right_timestamp) fail(w + ": split with two timestamps (R18)");
            if (r.timestamp() >= offline.timestamp()) fail(w + ": timestamp not below the clock");
            for (std::uint32_t k = 0; k < r.n; ++k)
                if (r.data[k] != value(r.address_space, std::uint64_t{r.pointer} + k))
                    fail(w + ": value " + s(k) + " is not the cell's value at that moment (R18, R19)");
        }
    }

    void step(const Op& op) {
        setup_sc.ops.push_back(op);
        const std::uint32_t clock = online.timestamp();
        if (offline.timestamp() != clock) fail("online and offline clocks differ before an op");
        const std::size_t log0 = online.log().size(), rec0 = offline.records().size(), ad0 = adapters.records.size();
        const std::optional<ErrorKind> expected = expected_error(config, op, clock);
        const auto blocks_before = expected ? blocks_in_range(op) : std::vector<oracle::OfflineMemory::Block>{};

        // Typed values are field elements already (R1): reduce the decoded ones.
        std::vector<BabyBear> values;
        for (std::uint64_t v : op.data) values.push_back(BabyBear::reduce(v));
        std::vector<BabyBear> before;
        const std::uint64_t len = op.kind == OpKind::Write ? op.data.size() : op.len;
        if (!expected && op.kind != OpKind::Tick)
            for (std::uint64_t i = 0; i < len; ++i) before.push_back(op.address_space == 0 ? BabyBear::from_canonical(static_cast<std::uint32_t>(op.pointer))
                                                                                         : value(op.address_space, op.pointer + i));

        Status on, off;
        std::vector<BabyBear> returned;
        switch (op.kind) {
            case OpKind::Read: {
                auto r = online.read(op.address_space, op.pointer, op.len);
                if (r) returned = *r;
                else on = r.error();
                off = offline.read(op.address_space, op.pointer, op.len, adapters);
                break;
            }
            case OpKind::Write: {
                auto r = online.write(op.address_space, op.pointer, values);
                if (r) returned = *r;
                else on = r.error();
                off = offline.write(op.address_space, op.pointer, values, adapters);
                break;
            }
            case OpKind::Tick:
                on = online.increment_timestamp_by(op.by);
                off = offline.increment_timestamp_by(op.by);
                break;
        }

        auto kind_name = [](const Status& st) { return st ? std::string("ok") : std::string(to_string(st.error().kind)); };
        const std::string want = expected ? std::string(to_string(*expected)) : "ok";
        if (kind_name(on) != want || kind_name(off) != want)
            fail("R27: expected " + want + ", online gave " + kind_name(on) + ", offline gave " + kind_name(off),
                 on ? std::string() : on.error().message);

        if (expected) {  // R28: nothing changed
            if (online.timestamp() != clock || offline.timestamp() != clock) fail("a failing op moved the clock (R28)");
            if (online.log().size() != log0) fail("a failing op was logged (R28)");
            if (offline.records().size() != rec0 || adapters.records.size() != ad0) fail("a failing op left records (R28)");
            check_range(op, "after a failing op");
            if (blocks_in_range(op) != blocks_before) fail("a failing op changed the block partition (R28)");
            return;
        }

        const std::uint32_t advance = op.kind == OpKind::Tick ? static_cast<std::uint32_t>(op.by) : 1;
        if (online.timestamp() != clock + advance || offline.timestamp() != clock + advance) fail("the clock did not advance by the op (R9)");
        if (online.log().size() != log0 + 1) fail("the op was not logged exactly once (R12)");
        if (op.kind == OpKind::Tick) {
            if (offline.records().size() != rec0 || adapters.records.size() != ad0) fail("a tick left records");
            return;
        }
        if (returned != before) fail(op.kind == OpKind::Read ? "R10: read did not return the last written values"
                                                             : "R11: write did not return the overwritten values");
        check_adapter_records(ad0);  // splits and merges happen before the op's own write
        if (offline.records().size() != rec0 + 1) fail("R16: not exactly one access record");
        const AccessRecord& rec = offline.records().back();
        if (rec.op != (op.kind == OpKind::Read ? AccessKind::Read : AccessKind::Write) || rec.address_space != op.address_space ||
            rec.pointer != op.pointer || rec.timestamp != clock)
            fail("R16: the access record does not describe the op");
        if (rec.prev_timestamp >= rec.timestamp) fail("R16: prev_timestamp not below timestamp");
        if (op.kind == OpKind::Read ? rec.data != before : (rec.data != values || rec.prev_data != before))
            fail("R16: access record data/prev_data wrong");
        if (op.address_space != 0) {
            for (std::uint64_t i = 0; i < len; ++i) {
                const Cell cell{op.address_space, op.pointer + i};
                auto it = last_access.find(cell);
                if (it != last_access.end() && rec.prev_timestamp < it->second)
                    fail("R16: prev_timestamp " + s(rec.prev_timestamp) + " is older than the last access " + s(it->second) +
                         " of cell " + s(cell.second));
                last_access[cell] = clock;
                if (op.kind == OpKind::Write) naive[cell] = values[i];
            }
        }
        check_range(op, "after a successful op");
    }

    void finalize(std::uint64_t chunk) {
        const std::uint32_t clock = offline.timestamp();
        const std::size_t ad0 = adapters.records.size();
        auto eq = offline.finalize(chunk, adapters);
        if (!eq) fail("finalize failed on a chunk validate_setup accepted", eq.error().message);
        if (offline.timestamp() != clock) fail("R25: finalize moved the clock");
        check_adapter_records(ad0);
        if (eq->chunk != chunk) fail("R24: wrong chunk");
        std::optional<Cell> prev;
        for (const FinalBlock& b : eq->blocks) {
            const Cell key{b.address_space, b.pointer};
            if (prev && !(*prev < key)) fail("R24: final blocks not strictly sorted");
            prev = key;
            if (b.pointer % chunk != 0 || b.values.size() != chunk) fail("R24: final block not one aligned chunk");
            if (b.timestamp >= clock) fail("R24: final timestamp not below the clock");
            for (std::uint64_t i = 0; i < chunk; ++i) {
                if (b.values[i] != value(b.address_space, b.pointer + i)) fail("R24: final value differs from the last write");
                auto it = last_access.find({b.address_space, b.pointer + i});
                if (it != last_access.end() && b.timestamp < it->second) fail("R24: final timestamp older than an access in the chunk");
            }
        }
        // R22: every accessed cell lies in a touched chunk.
        std::set<Cell> chunks;
        for (const FinalBlock& b : eq->blocks) chunks.insert({b.address_space, b.pointer});
        for (const auto& [cell, ts] : last_access)
            if (!chunks.count({cell.first, cell.second - cell.second % chunk}))
                fail("R22: accessed cell (" + s(cell.first) + ", " + s(cell.second) + ") missing from the final memory");
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzedData in(data, size);
    fuzz::ScenarioDecoder decoder(in);
    Scenario sc = decoder.setup();
    auto setup = validate_setup(sc);
    if (!setup) return 0;  // invalid static parts are the parser/differential targets' business
    Harness h(sc, *setup);
    for (std::size_t i = 0; i < fuzz::MAX_OPS && !in.empty(); ++i) h.step(decoder.op(h.online.timestamp()));
    h.check_all("after the last op");
    if (setup->finalize_chunk) h.finalize(*setup->finalize_chunk);
    return 0;
}
