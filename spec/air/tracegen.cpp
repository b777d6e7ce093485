#include "spec/air/tracegen.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include "util/parallel.hpp"
#include "spec/vocabulary/merkle.hpp"
#include "spec/vocabulary/poseidon2.hpp"
#include "spec/vocabulary/profiles/openvm_v2_0_boundary.hpp"
#include "spec/vocabulary/profiles/registry.hpp"

namespace memspec::air {

Trace* TraceSet::find(std::string_view chip) {
    for (auto& t : traces)
        if (t.chip == chip) return &t;
    return nullptr;
}
const Trace* TraceSet::find(std::string_view chip) const {
    for (const auto& t : traces)
        if (t.chip == chip) return &t;
    return nullptr;
}

std::size_t padded_height(std::size_t rows) {
    std::size_t h = 1;
    while (h < rows) h *= 2;
    return h;
}

Trace empty_trace(const Air& air, std::size_t rows) {
    Trace t;
    t.chip = air.name;
    t.width = air.width();
    t.height = padded_height(rows);
    t.cells.assign(t.width * t.height, BabyBear{});
    t.public_values.assign(air.public_values.size(), BabyBear{});
    return t;
}

namespace {
BabyBear u(std::uint64_t x) { return BabyBear::reduce(x); }
const BabyBear MINUS_ONE = BabyBear::from_i64(-1);

void trace_access(const AccessChip& c, const RunResult& r, Trace& t) {
    for (std::size_t i = 0; i < r.records.size(); ++i) {
        const AccessRecord& rec = r.records[i];
        BabyBear* row = t.row(i);
        const bool is_write = rec.op == AccessKind::Write;
        row[c.is_valid] = u(1);
        row[c.is_write] = u(is_write);
        row[c.size_flag[log2_exact(rec.data.size())]] = u(1);
        row[c.address_space] = u(rec.address_space);
        row[c.pointer] = u(rec.pointer);
        row[c.timestamp] = u(rec.timestamp);
        row[c.prev_timestamp] = u(rec.prev_timestamp);
        for (std::size_t k = 0; k < rec.data.size(); ++k) {
            row[c.data[k]] = rec.data[k];
            row[c.prev_data[k]] = is_write ? rec.prev_data[k] : rec.data[k];
        }
        row[c.is_immediate] = u(rec.address_space == 0);
        fill_is_zero(row, c.immediate_aux, u(rec.address_space));
        fill_assert_less_than(row, c.ts_lt, rec.prev_timestamp, rec.timestamp);
    }
}

void trace_adapter(const AdapterChip& c, const std::vector<const AccessAdapterRecord*>& recs, std::uint32_t decomp, Trace& t) {
    for (std::size_t i = 0; i < recs.size(); ++i) {
        const AccessAdapterRecord& rec = *recs[i];
        BabyBear* row = t.row(i);
        row[c.is_valid] = u(1);
        row[c.is_split] = u(rec.kind == AdapterKind::Split);
        row[c.address_space] = u(rec.address_space);
        row[c.pointer] = u(rec.pointer);
        for (std::uint32_t k = 0; k < c.n; ++k) row[c.values[k]] = rec.data[k];
        row[c.left_timestamp] = u(rec.left_timestamp);
        row[c.right_timestamp] = u(rec.right_timestamp);
        row[c.is_right_larger] = u(rec.left_timestamp < rec.right_timestamp);
        fill_is_less_than(row, c.lt, rec.left_timestamp, rec.right_timestamp);
        // R251: the parent's timestamp is the later half's (R19).
        if (!c.parent_ts_limbs.empty())
            fill_decomposition(row, c.parent_ts_limbs, std::max(rec.left_timestamp, rec.right_timestamp), decomp);
    }
}

void trace_volatile(const VolatileBoundaryChip& c, const MemoryConfig& config, const std::vector<FinalBlock>& blocks,
                    Trace& t) {
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const FinalBlock& b = blocks[i];
        BabyBear* row = t.row(i);
        fill_decomposition(row, c.as_limbs, b.address_space, config.decomp);
        fill_decomposition(row, c.ptr_limbs, b.pointer, config.decomp);
        row[c.initial_data] = BabyBear{};
        row[c.final_data] = b.values[0];
        row[c.final_timestamp] = u(b.timestamp);
        row[c.is_valid] = u(1);
        // R58: the comparison with the next row is only constrained when that row is valid;
        // other rows keep all-zero aux, whose range checks are trivially satisfied.
        if (i + 1 < blocks.size())
            fill_is_less_than_array(row, c.addr_lt, {b.address_space, b.pointer},
                                    {blocks[i + 1].address_space, blocks[i + 1].pointer});
    }
    // The last row's comparison range checks wrap around to row 0 (count is_valid of row 0),
    // so OpenVM fills it with the witness of comparing [0, 0] with [0, 0]; we do the same.
    if (!blocks.empty()) fill_is_less_than_array(t.row(t.height - 1), c.addr_lt, {0, 0}, {0, 0});
}

void trace_persistent(const PersistentBoundaryChip& c, const MemoryImage& initial, const std::vector<FinalBlock>& blocks,
                      Trace& t) {
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const FinalBlock& b = blocks[i];
        BabyBear* init = t.row(2 * i);
        BabyBear* fin = t.row(2 * i + 1);
        init[c.expand_direction] = u(1);
        fin[c.expand_direction] = MINUS_ONE;
        for (BabyBear* row : {init, fin}) {
            row[c.address_space] = u(b.address_space);
            row[c.leaf_label] = u(b.pointer / PERSISTENT_CHUNK);
        }
        for (std::uint32_t k = 0; k < PERSISTENT_CHUNK; ++k) {
            init[c.values[k]] = initial.get(b.address_space, b.pointer + k);
            fin[c.values[k]] = b.values[k];
        }
        init[c.timestamp] = BabyBear{};
        fin[c.timestamp] = u(b.timestamp);
        // R76: each row's leaf hash.
        for (BabyBear* row : {init, fin}) {
            poseidon2::Digest values;
            for (std::uint32_t k = 0; k < PERSISTENT_CHUNK; ++k) values[k] = row[c.values[k]];
            poseidon2::Digest h = poseidon2::hash(values);
            for (std::uint32_t k = 0; k < PERSISTENT_CHUNK; ++k) row[c.hash[k]] = h[k];
        }
    }
}

// R78: MemoryMerkleAir's rows, as OpenVM's MemoryMerkleChip::finalize makes them. The touched nodes
// are the paths from the touched leaves (the final blocks) to the root; when no leaf is touched,
// node (height 1, index 0) is touched so that a row below the address-space section exists.
struct MerkleTraceBuilder {
    const MemoryMerkleChip& c;
    merkle::Dimensions dims;
    const merkle::Leaves& initial;
    std::map<std::uint64_t, poseidon2::Digest> final_leaves;  // leaf index -> final chunk values
    std::vector<merkle::Digest> defaults;
    std::map<std::pair<std::uint32_t, std::uint64_t>, bool> touched;
    std::vector<std::vector<BabyBear>> rows;  // each row's cells

    void touch(std::uint32_t h, std::uint64_t index) {
        for (; h <= dims.overall_height(); ++h, index >>= 1) touched[{h, index}] = true;
    }
    bool is_touched(std::uint32_t h, std::uint64_t index) const { return touched.count({h, index}) != 0; }
    std::pair<std::uint64_t, std::uint64_t> labels(std::uint32_t h, std::uint64_t index) const {
        if (h >= dims.address_height) return {index, 0};
        return {index >> (dims.address_height - h), index & ((std::uint64_t{1} << (dims.address_height - h)) - 1)};
    }
    merkle::Digest leaf_values(std::uint64_t index, bool final) const {
        if (final)
            if (auto it = final_leaves.find(index); it != final_leaves.end()) return it->second;
        auto it = initial.find(index);
        return it == initial.end() ? merkle::Digest{} : it->second;
    }
    void add_row(std::uint32_t h, std::uint64_t index, bool final, const merkle::Digest& parent, const merkle::Digest& l,
                 const merkle::Digest& r, bool ldd, bool rdd) {
        std::vector<BabyBear> row(c.air.width());
        auto [as_l, addr_l] = labels(h, index);
        row[c.expand_direction] = final ? MINUS_ONE : u(1);
        row[c.height_section] = u(h > dims.address_height ? 1 : 0);
        row[c.parent_height] = u(h);
        // R227: v2.0's witness that parent_height != 0 (a node row is never at height 0).
        if (c.parent_height_inv) row[*c.parent_height_inv] = u(h).inverse();
        row[c.is_root] = u(h == dims.overall_height() ? 1 : 0);
        row[c.parent_as_label] = u(as_l);
        row[c.parent_address_label] = u(addr_l);
        for (std::uint32_t k = 0; k < PERSISTENT_CHUNK; ++k) {
            row[c.parent_hash[k]] = parent[k];
            row[c.left_child_hash[k]] = l[k];
            row[c.right_child_hash[k]] = r[k];
        }
        row[c.left_direction_different] = u(ldd ? 1 : 0);
        row[c.right_direction_different] = u(rdd ? 1 : 0);
        rows.push_back(std::move(row));
    }
    // The (initial, final) digests of a touched node; rows for non-leaves, children first.
    std::pair<merkle::Digest, merkle::Digest> recur(std::uint32_t h, std::uint64_t index) {
        if (h == 0) return {poseidon2::hash(leaf_values(index, false)), poseidon2::hash(leaf_values(index, true))};
        std::pair<merkle::Digest, merkle::Digest> child[2];
        bool untouched[2];
        for (int s = 0; s < 2; ++s) {
            std::uint64_t ci = 2 * index + static_cast<std::uint64_t>(s);
            untouched[s] = !is_touched(h - 1, ci);
            if (untouched[s]) {
                merkle::Digest d = merkle::node_digest(initial, defaults, h - 1, ci);
                child[s] = {d, d};
            } else {
                child[s] = recur(h - 1, ci);
            }
        }
        merkle::Digest init = poseidon2::compress(child[0].first, child[1].first);
        merkle::Digest fin = poseidon2::compress(child[0].second, child[1].second);
        add_row(h, index, false, init, child[0].first, child[1].first, false, false);
        add_row(h, index, true, fin, child[0].second, child[1].second, untouched[0], untouched[1]);
        return {init, fin};
    }
};

Status trace_merkle(const MemoryMerkleChip& c, const MemoryConfig& config, const MemoryImage& image,
                    const std::vector<FinalBlock>& blocks, Trace& out) {
    auto dims = merkle::dimensions(config);
    if (!dims) return dims.error();
    auto leaves = merkle::leaves_of(config, image);
    if (!leaves) return leaves.error();
    MerkleTraceBuilder tb{c, *dims, *leaves, {}, merkle::default_digests(*dims), {}, {}};
    for (const auto& b : blocks) {
        std::uint64_t index = dims->leaf_index(b.address_space, b.pointer / PERSISTENT_CHUNK);
        for (std::uint32_t k = 0; k < PERSISTENT_CHUNK; ++k) tb.final_leaves[index][k] = b.values[k];
        tb.touch(0, index);
    }
    if (tb.touched.empty()) tb.touch(1, 0);
    auto [init_root, final_root] = tb.recur(dims->overall_height(), 0);
    // Rows by descending parent height; the sort is stable, so the root's initial row comes first.
    std::stable_sort(tb.rows.begin(), tb.rows.end(), [&](const auto& x, const auto& y) {
        return x[c.parent_height].v > y[c.parent_height].v;
    });
    out = empty_trace(c.air, tb.rows.size());
    for (std::size_t r = 0; r < tb.rows.size(); ++r)
        for (std::size_t k = 0; k < out.width; ++k) out.at(r, k) = tb.rows[r][k];
    for (std::uint32_t k = 0; k < PERSISTENT_CHUNK; ++k) {
        out.public_values[PV_INITIAL_ROOT + k] = init_root[k];
        out.public_values[PV_FINAL_ROOT + k] = final_root[k];
    }
    return {};
}

// R224: one access row per record of a v2.0 run, each a 4-cell block.
void trace_access_v2(const AccessV2Chip& c, const RunResult& r, Trace& t) {
    for (std::size_t i = 0; i < r.records.size(); ++i) {
        const AccessRecord& rec = r.records[i];
        BabyBear* row = t.row(i);
        const bool is_write = rec.op == AccessKind::Write;
        row[c.is_valid] = u(1);
        row[c.is_write] = u(is_write);
        row[c.address_space] = u(rec.address_space);
        row[c.pointer] = u(rec.pointer);
        row[c.timestamp] = u(rec.timestamp);
        row[c.prev_timestamp] = u(rec.prev_timestamp);
        for (std::uint32_t k = 0; k < V2_BLOCK_SIZE; ++k) {
            row[c.data[k]] = rec.data[k];
            row[c.prev_data[k]] = is_write ? rec.prev_data[k] : rec.data[k];
        }
        fill_assert_less_than(row, c.ts_lt, rec.prev_timestamp, rec.timestamp);
    }
}

// R230: the boundary rows of R222, with each row's leaf hash (R226).
void trace_persistent_v2(const PersistentBoundaryV2Chip& c, const std::vector<v2_0::BoundaryRow>& rows, Trace& t) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const v2_0::BoundaryRow& br = rows[i];
        BabyBear* row = t.row(i);
        row[c.expand_direction] = br.expand_direction > 0 ? u(1) : MINUS_ONE;
        row[c.address_space] = u(br.address_space);
        row[c.leaf_label] = u(br.label);
        poseidon2::Digest values;
        for (std::uint32_t k = 0; k < PERSISTENT_CHUNK; ++k) values[k] = row[c.values[k]] = br.values[k];
        const poseidon2::Digest h = poseidon2::hash(values);
        for (std::uint32_t k = 0; k < PERSISTENT_CHUNK; ++k) row[c.hash[k]] = h[k];
        for (std::size_t k = 0; k < c.timestamps.size(); ++k) row[c.timestamps[k]] = u(br.timestamps[k]);
    }
}

// R63-R65: the range checker's fixed table, the system row, then every chip's range requests counted.
void finish_traces(const ChipSet& chips, const MemoryConfig& config, const RunResult& result, TraceSet& set) {
    Trace rc = empty_trace(chips.range_checker.air, range_table_height(config.decomp));
    for (const FixedColumn& f : chips.range_checker.air.fixed)
        for (std::size_t r = 0; r < rc.height; ++r) rc.at(r, f.column) = f.values[r];
    set.traces.push_back(std::move(rc));
    Trace sys = empty_trace(chips.system.air, 1);
    sys.public_values = {u(1), u(result.final_timestamp)};
    fill_decomposition(sys.row(0), chips.system.final_ts_limbs, result.final_timestamp, config.decomp);
    set.traces.push_back(std::move(sys));
    fill_range_counts(chips.airs(), set);
}

// R223, R230: a v2.0 run's traces. Records come from any engine or a parsed result, so their shapes
// are checked before they are indexed.
Result<TraceSet> generate_v2_traces(const Setup& setup, const RunResult& result) {
    const MemoryConfig& config = setup.config;
    if (!setup.finalize_chunk || !result.final_memory)
        return make_error(ErrorKind::Untraceable,
                          "the scenario has no finalize_chunk, so no boundary chip closes the memory bus; tracing a "
                          "v2.0 run needs finalize_chunk 4 (R230)");
    if (auto s = traceable(config, PERSISTENT_CHUNK, Variant::OpenVmV2_0); !s) return s.error();
    auto in_memory = [&](std::uint64_t as, std::uint64_t ptr) {
        return as >= config.as_offset && as < config.as_end() && ptr + V2_BLOCK_SIZE <= config.memory_size();
    };
    for (const auto& rec : result.records)
        if (rec.data.size() != V2_BLOCK_SIZE || rec.pointer % V2_BLOCK_SIZE != 0 || !in_memory(rec.address_space, rec.pointer) ||
            (rec.op == AccessKind::Write && rec.prev_data.size() != V2_BLOCK_SIZE))
            return make_error(ErrorKind::Untraceable, "access record (" + std::to_string(rec.address_space) + ", " +
                                                          std::to_string(rec.pointer) +
                                                          ") is not an aligned 4-cell block of memory (R230)");
    std::vector<FinalBlock> blocks = result.final_memory->blocks;
    std::sort(blocks.begin(), blocks.end(), [](const FinalBlock& x, const FinalBlock& y) {
        return std::pair(x.address_space, x.pointer) < std::pair(y.address_space, y.pointer);
    });
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const FinalBlock& b = blocks[i];
        const bool repeated = i > 0 && blocks[i - 1].address_space == b.address_space && blocks[i - 1].pointer == b.pointer;
        if (b.values.size() != V2_BLOCK_SIZE || b.pointer % V2_BLOCK_SIZE != 0 || !in_memory(b.address_space, b.pointer) ||
            repeated)
            return make_error(ErrorKind::Untraceable, "final block (" + std::to_string(b.address_space) + ", " +
                                                          std::to_string(b.pointer) +
                                                          ") is not a distinct aligned 4-cell block of memory (R230)");
    }
    const std::vector<v2_0::BoundaryRow> rows = v2_0::boundary_rows(setup.initial_memory, blocks);

    ChipSet chips = make_chip_set(config, PERSISTENT_CHUNK, Variant::OpenVmV2_0);
    TraceSet set;
    set.config = config;
    set.chunk = PERSISTENT_CHUNK;
    set.variant = Variant::OpenVmV2_0;
    Trace access_trace = empty_trace(chips.access_v2.air, result.records.size());
    Trace boundary_trace = empty_trace(chips.persistent_boundary_v2.air, rows.size());
    std::vector<std::function<void()>> tasks{[&] { trace_access_v2(chips.access_v2, result, access_trace); },
                                             [&] { trace_persistent_v2(chips.persistent_boundary_v2, rows, boundary_trace); }};
    run_tasks(tasks, access_trace.cells.size() + boundary_trace.cells.size());
    set.traces.push_back(std::move(access_trace));
    set.traces.push_back(std::move(boundary_trace));
    // R227, R228: the Merkle chip over the chunks' final values (the final rows), as v1.0's over its
    // 8-cell final blocks; the artificial touch of an untouched memory is the same (R230).
    std::vector<FinalBlock> chunks;
    for (const v2_0::BoundaryRow& br : rows)
        if (br.expand_direction < 0)
            chunks.push_back(FinalBlock{br.address_space, br.label * PERSISTENT_CHUNK, 0,
                                        std::vector<BabyBear>(br.values.begin(), br.values.end())});
    Trace m;
    if (auto s = trace_merkle(chips.memory_merkle, config, setup.initial_memory, chunks, m); !s) return s.error();
    set.traces.push_back(std::move(m));
    set.traces.push_back(empty_trace(chips.poseidon2_compression.air, 0));
    fill_compression_table(chips.airs(), set);
    finish_traces(chips, config, result, set);
    return set;
}
}  // namespace

Result<std::vector<AccessAdapterRecord>> reconcile_initial_blocks(const Setup& setup,
                                                                  const std::vector<FinalBlock>& blocks) {
    std::vector<AccessAdapterRecord> out;
    const std::uint32_t chunk = *setup.finalize_chunk, ibs = setup.initial_block_size;
    auto initial = [&](std::uint32_t as, std::uint32_t ptr, std::uint32_t n) {
        std::vector<BabyBear> v;
        for (std::uint32_t k = 0; k < n; ++k) v.push_back(setup.initial_memory.get(as, ptr + k));
        return v;
    };
    if (ibs < chunk) {
        // Split each boundary chunk down to initial blocks, largest first (a split chain per level).
        for (const FinalBlock& b : blocks)
            for (std::uint32_t n = chunk; n > ibs; n /= 2)
                for (std::uint32_t q = b.pointer; q < b.pointer + chunk; q += n)
                    out.push_back(AccessAdapterRecord{n, AdapterKind::Split, b.address_space, q, 0, 0,
                                                      initial(b.address_space, q, n)});
    } else if (ibs > chunk) {
        // Merge the chunks of each initial block, smallest first. Every chunk of a touched initial
        // block is in the final partition (materialising a block materialises all of it, R22).
        std::size_t i = 0;
        while (i < blocks.size()) {
            const std::uint32_t as = blocks[i].address_space, start = blocks[i].pointer - blocks[i].pointer % ibs;
            for (std::uint32_t k = 0; k < ibs / chunk; ++k)
                if (i + k >= blocks.size() || blocks[i + k].address_space != as ||
                    blocks[i + k].pointer != start + k * chunk)
                    return make_error(ErrorKind::Untraceable,
                                      "initial block (" + std::to_string(as) + ", " + std::to_string(start) +
                                          ") is only partly in the final memory, so no boundary row can create it (R66)");
            for (std::uint32_t n = 2 * chunk; n <= ibs; n *= 2)
                for (std::uint32_t q = start; q < start + ibs; q += n)
                    out.push_back(AccessAdapterRecord{n, AdapterKind::Merge, as, q, 0, 0, initial(as, q, n)});
            i += ibs / chunk;
        }
    }
    return out;
}

// R63: one chip's range-bus requests, tallied per (value, bits) row of the range table.
void count_range_requests(const Air& air, const Trace& t, std::uint32_t decomp, std::vector<BabyBear>& counts) {
    counts.assign(range_table_height(decomp), BabyBear{});
    for (const Interaction& it : air.interactions) {
        if (it.bus != RANGE_BUS || it.message.size() != RangeMessageLayout::SIZE) continue;
        for (std::size_t r = 0; r < t.height; ++r) {
            RowView v{t.row(r), t.row((r + 1) % t.height), t.public_values.data(), t.width, t.public_values.size()};
            BabyBear count = eval(it.count, v);
            if (count.is_zero()) continue;
            BabyBear value = eval(it.message[RangeMessageLayout::VALUE], v), bits = eval(it.message[RangeMessageLayout::BITS], v);
            if (bits.v > decomp || value.v >= (std::uint64_t{1} << bits.v)) continue;
            counts[range_table_row(value.v, bits.v)] += count;
        }
    }
}

void fill_range_counts(const std::vector<Air>& airs, TraceSet& set) {
    const std::uint32_t decomp = set.config.decomp;
    // Each chip counts its own requests (in parallel for large traces); the sums are added after.
    std::vector<std::vector<BabyBear>> per_air(airs.size());
    std::vector<std::function<void()>> tasks;
    std::size_t work = 0;
    for (std::size_t a = 0; a < airs.size(); ++a) {
        const Air& air = airs[a];
        if (air.name == "range_checker") continue;
        const Trace* t = set.find(air.name);
        if (!t || t->width != air.width()) continue;
        work += t->cells.size() * air.interactions.size();
        tasks.push_back([&air, t, &counts = per_air[a], decomp] { count_range_requests(air, *t, decomp, counts); });
    }
    run_tasks(tasks, work);
    std::vector<BabyBear> counts(range_table_height(decomp));
    for (const auto& part : per_air)
        for (std::size_t i = 0; i < part.size(); ++i) counts[i] += part[i];
    Trace* rc = set.find("range_checker");
    if (!rc) return;
    const Air* rc_air = nullptr;
    for (const Air& a : airs)
        if (a.name == "range_checker") rc_air = &a;
    if (!rc_air || rc->height != counts.size()) return;
    const std::uint32_t mult = *rc_air->column("mult");
    for (std::size_t r = 0; r < counts.size(); ++r) rc->at(r, mult) = counts[r];
}

void fill_compression_table(const std::vector<Air>& airs, TraceSet& set) {
    const Air* table_air = nullptr;
    for (const Air& a : airs)
        if (a.name == "poseidon2_compression") table_air = &a;
    if (!table_air) return;
    std::map<std::vector<std::uint32_t>, BabyBear> requests;
    for (const Air& air : airs) {
        if (&air == table_air) continue;
        const Trace* t = set.find(air.name);
        if (!t || t->width != air.width()) continue;
        for (const Interaction& it : air.interactions) {
            if (it.bus != COMPRESSION_BUS) continue;
            for (std::size_t r = 0; r < t->height; ++r) {
                RowView v{t->row(r), t->row((r + 1) % t->height), t->public_values.data(), t->width, t->public_values.size()};
                BabyBear count = eval(it.count, v);
                if (count.is_zero()) continue;
                std::vector<std::uint32_t> key;
                for (const Expr& e : it.message) key.push_back(eval(e, v).v);
                requests[key] += it.direction == Direction::Send ? count : -count;
            }
        }
    }
    std::vector<std::pair<std::vector<std::uint32_t>, BabyBear>> rows;
    const std::size_t in = poseidon2::WIDTH, out = poseidon2::DIGEST;
    for (const auto& [key, count] : requests) {
        if (count.is_zero() || key.size() != in + out) continue;
        poseidon2::Digest l, r;
        for (std::size_t i = 0; i < out; ++i) {
            l[i] = BabyBear::from_canonical(key[i]);
            r[i] = BabyBear::from_canonical(key[out + i]);
        }
        poseidon2::Digest d = poseidon2::compress(l, r);
        bool matches = true;
        for (std::size_t i = 0; i < out; ++i) matches = matches && d[i].v == key[in + i];
        if (matches) rows.emplace_back(key, count);
    }
    Trace t = empty_trace(*table_air, rows.size());
    const std::uint32_t mult = *table_air->column("mult");
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t i = 0; i < in + out; ++i) t.at(r, i) = BabyBear::from_canonical(rows[r].first[i]);
        t.at(r, mult) = rows[r].second;
    }
    if (Trace* existing = set.find(table_air->name)) *existing = std::move(t);
    else set.traces.push_back(std::move(t));
}

Result<TraceSet> generate_traces(const Setup& setup, const RunResult& result, Variant variant) {
    // R212: the profile's chip set decides; a profile without one is refused first, and a run is traced
    // only with the chips of its own OpenVM version.
    const ProfileEntry& profile = profile_entry(setup.profile);
    if (profile.chips == ChipSetId::none)
        return make_error(ErrorKind::Untraceable, "profile " + std::string(profile.name) +
                                                      " has no chip set in memspec yet: its traces cannot be generated or checked (R212)");
    if (profile.chips == ChipSetId::openvm_v2_0) {
        if (variant == Variant::FixedAdapter)
            return make_error(ErrorKind::Untraceable, "profile " + std::string(profile.name) +
                                                          " has OpenVM v2.0's chips, which have no access adapters to fix (R212)");
        return generate_v2_traces(setup, result);
    }
    if (variant == Variant::OpenVmV2_0)
        return make_error(ErrorKind::Untraceable, "profile " + std::string(profile.name) +
                                                      " runs OpenVM v1.0's memory; OpenVM v2.0's chips cannot trace it (R212)");
    // R310, R311: a v1.6 or v1.7 profile's run is traced with its own tag's Merkle chip (the default
    // variant, or its own name, asks for it); any other variant is another version's chips (R212).
    const std::optional<Variant> own = profile.chips == ChipSetId::openvm_v1_6   ? std::optional(Variant::OpenVmV1_6)
                                       : profile.chips == ChipSetId::openvm_v1_7 ? std::optional(Variant::OpenVmV1_7)
                                                                                 : std::nullopt;
    if (own && variant != Variant::OpenVmV1_0 && variant != *own)
        return make_error(ErrorKind::Untraceable, "profile " + std::string(profile.name) + " is traced with " +
                                                      std::string(to_string(*own)) + "'s chips, not " + std::string(to_string(variant)) +
                                                      "'s (R212, R310, R311)");
    if (!own && (variant == Variant::OpenVmV1_6 || variant == Variant::OpenVmV1_7))
        return make_error(ErrorKind::Untraceable, "profile " + std::string(profile.name) + " does not run OpenVM " +
                                                      std::string(to_string(variant)).substr(7) + "; its chips cannot trace it (R212)");
    if (own) variant = *own;
    if (!setup.finalize_chunk || !result.final_memory)
        return make_error(ErrorKind::Untraceable,
                          "the scenario has no finalize_chunk, so no boundary chip closes the memory bus; tracing "
                          "needs finalize_chunk 1 or 8 (R66)");
    const std::uint32_t chunk = *setup.finalize_chunk;
    if (auto s = traceable(setup.config, chunk, variant); !s) return s.error();
    if (chunk == 1 && !setup.initial_memory.empty())
        return make_error(ErrorKind::Untraceable,
                          "chunk 1 (volatile boundary) creates every cell with value 0, so the initial image must be "
                          "empty, as OpenVM's volatile memory asserts (R66)");

    const MemoryConfig& config = setup.config;
    ChipSet chips = make_chip_set(config, chunk, variant);
    TraceSet set;
    set.config = config;
    set.chunk = chunk;
    set.variant = variant;

    std::vector<FinalBlock> blocks = result.final_memory->blocks;
    std::sort(blocks.begin(), blocks.end(), [](const FinalBlock& x, const FinalBlock& y) {
        return std::pair(x.address_space, x.pointer) < std::pair(y.address_space, y.pointer);
    });
    for (const auto& b : blocks)
        if (b.values.size() != chunk || b.pointer % chunk != 0 || b.pointer >= config.memory_size() ||
            b.address_space < config.as_offset || b.address_space >= config.as_end())
            return make_error(ErrorKind::Untraceable, "final block (" + std::to_string(b.address_space) + ", " + std::to_string(b.pointer) + ") with " +
                                                          std::to_string(b.values.size()) + " values for chunk " +
                                                          std::to_string(chunk) + " is not a chunk of memory (R66)");
    auto initial_reconciliation = reconcile_initial_blocks(setup, blocks);
    if (!initial_reconciliation) return initial_reconciliation.error();
    std::vector<AccessAdapterRecord> adapter_rows = std::move(*initial_reconciliation);
    adapter_rows.insert(adapter_rows.end(), result.adapter_records.begin(), result.adapter_records.end());

    // Records come from any engine (or a parsed result): check their shapes before indexing.
    for (const auto& rec : adapter_rows)
        if (rec.n < 2 || rec.n > config.max_access_adapter_n || !is_power_of_two(rec.n) || rec.data.size() != rec.n)
            return make_error(ErrorKind::Untraceable,
                              "adapter record of size " + std::to_string(rec.n) + " has no AccessAdapterAir (R66)");
    for (const auto& rec : result.records)
        if (rec.data.size() == 0 || rec.data.size() > config.max_access_adapter_n || !is_power_of_two(rec.data.size()) ||
            (rec.op == AccessKind::Write && rec.prev_data.size() != rec.data.size()))
            return make_error(ErrorKind::Untraceable, "access record of malformed size (R66)");

    // Every chip's rows depend only on the records, so the chips are filled independently (in
    // parallel for large runs) and appended in AIR order.
    std::vector<std::vector<const AccessAdapterRecord*>> adapter_recs(chips.adapters.size());
    for (std::size_t i = 0; i < chips.adapters.size(); ++i)
        for (const auto& rec : adapter_rows)  // R20: per-N order is emission order
            if (rec.n == chips.adapters[i].n) adapter_recs[i].push_back(&rec);
    Trace access_trace = empty_trace(chips.access.air, result.records.size());
    std::vector<Trace> adapter_traces;
    for (std::size_t i = 0; i < chips.adapters.size(); ++i) adapter_traces.push_back(empty_trace(chips.adapters[i].air, adapter_recs[i].size()));
    Trace boundary_trace = chunk == 1 ? empty_trace(chips.volatile_boundary.air, blocks.size())
                                      : empty_trace(chips.persistent_boundary.air, 2 * blocks.size());
    std::vector<std::function<void()>> tasks;
    std::size_t work = access_trace.cells.size() + boundary_trace.cells.size();
    for (const Trace& t : adapter_traces) work += t.cells.size();
    tasks.push_back([&] { trace_access(chips.access, result, access_trace); });
    for (std::size_t i = 0; i < chips.adapters.size(); ++i)
        tasks.push_back([&, i] { trace_adapter(chips.adapters[i], adapter_recs[i], config.decomp, adapter_traces[i]); });
    tasks.push_back([&] {
        if (chunk == 1) trace_volatile(chips.volatile_boundary, config, blocks, boundary_trace);
        else trace_persistent(chips.persistent_boundary, setup.initial_memory, blocks, boundary_trace);
    });
    run_tasks(tasks, work);
    set.traces.push_back(std::move(access_trace));
    for (Trace& t : adapter_traces) set.traces.push_back(std::move(t));
    set.traces.push_back(std::move(boundary_trace));
    if (chunk == PERSISTENT_CHUNK && has_merkle_side(config)) {
        // R76-R78: the Merkle side, then the compression lookup serving both it and the boundary.
        Trace m;
        if (auto s = trace_merkle(chips.memory_merkle, config, setup.initial_memory, blocks, m); !s) return s.error();
        set.traces.push_back(std::move(m));
        set.traces.push_back(empty_trace(chips.poseidon2_compression.air, 0));
        fill_compression_table(chips.airs(), set);
    }

    // The range checker's table is fixed: its trace is exactly the table, multiplicities counted.
    finish_traces(chips, config, result, set);
    return set;
}

}  // namespace memspec::air
