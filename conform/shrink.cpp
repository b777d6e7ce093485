#include "conform/shrink.hpp"

#include <algorithm>
#include <vector>

#include "spec/vocabulary/profiles/registry.hpp"

namespace memspec::conform {

namespace {

class Shrinker {
public:
    Shrinker(Scenario sc, const std::function<bool(const Scenario&)>& diverges, std::size_t max_runs, ShrinkStats& stats)
        : sc_(std::move(sc)), diverges_(diverges), max_runs_(max_runs), stats_(stats) {}

    Scenario run() {
        bool changed = true;
        while (changed && !spent()) {
            changed = false;
            changed |= drop(&Scenario::ops);
            changed |= drop(&Scenario::initial_memory);
            changed |= setup();
            changed |= config();
            changed |= together();
            for (std::size_t i = 0; i < sc_.ops.size(); ++i) changed |= simplify_op(i);
            for (std::size_t i = 0; i < sc_.initial_memory.size(); ++i) changed |= simplify_cell(i);
        }
        return std::move(sc_);
    }

private:
    bool spent() const { return stats_.runs >= max_runs_; }

    // Keeps `candidate` if it still diverges.
    bool attempt(const Scenario& candidate) {
        if (spent() || candidate == sc_) return false;
        ++stats_.runs;
        if (!diverges_(candidate)) return false;
        sc_ = candidate;
        ++stats_.accepted;
        return true;
    }

    // Removes runs of elements, the longest first: halves, quarters, … single ones.
    template <class T>
    bool drop(std::vector<T> Scenario::*list) {
        bool changed = false;
        for (std::size_t chunk = (sc_.*list).size(); chunk >= 1; chunk /= 2) {
            for (std::size_t at = 0; at < (sc_.*list).size() && !spent();) {
                Scenario c = sc_;
                auto& v = c.*list;
                v.erase(v.begin() + static_cast<std::ptrdiff_t>(at), v.begin() + static_cast<std::ptrdiff_t>(std::min(at + chunk, v.size())));
                if (attempt(c)) changed = true;
                else at += chunk;
            }
        }
        return changed;
    }

    // Tries `set(value)` for each value in turn, stopping at the first kept.
    template <class F>
    bool first_of(std::initializer_list<std::uint64_t> values, F set) {
        for (std::uint64_t v : values) {
            Scenario c = sc_;
            if (!set(c, v)) continue;
            if (attempt(c)) return true;
        }
        return false;
    }

    // finalize_chunk: absent, then smaller; initial_block_size: smaller (generalized only: the
    // OpenVM profiles fix both).
    bool setup() {
        bool changed = false;
        if (sc_.finalize_chunk) {
            Scenario c = sc_;
            c.finalize_chunk.reset();
            changed |= attempt(c);
        }
        if (!profile_entry(sc_.profile).setup_shrinkable) return changed;
        if (sc_.finalize_chunk)
            changed |= first_of({1, *sc_.finalize_chunk / 2}, [](Scenario& c, std::uint64_t v) {
                if (v == 0 || v == *c.finalize_chunk) return false;
                c.finalize_chunk = v;
                return true;
            });
        changed |= first_of({1, sc_.initial_block_size / 2}, [](Scenario& c, std::uint64_t v) {
            if (v == 0 || v == c.initial_block_size) return false;
            c.initial_block_size = v;
            return true;
        });
        return changed;
    }

    // Each config field to its default, OpenVM's (a field only ever moves to its default, so the
    // passes cannot cycle between two values that both diverge).
    bool config() {
        const MemoryConfig d;
        bool changed = false;
        // All at once first: fields tied by a profile's rules (clk_max_bits and decomp, R3a) cannot
        // reach their defaults one by one.
        if (!(sc_.config == d)) {
            Scenario c = sc_;
            c.config = d;
            changed |= attempt(c);
        }
        std::uint32_t MemoryConfig::*fields[] = {&MemoryConfig::as_height, &MemoryConfig::as_offset, &MemoryConfig::pointer_max_bits,
                                                 &MemoryConfig::clk_max_bits, &MemoryConfig::decomp, &MemoryConfig::max_access_adapter_n};
        for (auto f : fields) {
            changed |= first_of({d.*f}, [f](Scenario& c, std::uint64_t v) {
                if (c.config.*f == v) return false;
                c.config.*f = static_cast<std::uint32_t>(v);
                return true;
            });
        }
        if (sc_.config.access_capacity != d.access_capacity) {
            Scenario c = sc_;
            c.config.access_capacity = d.access_capacity;
            changed |= attempt(c);
        }
        if (sc_.config.strict_alignment) {
            Scenario c = sc_;
            c.config.strict_alignment = false;
            changed |= attempt(c);
        }
        // R320: the legacy switch off (v1.4's minimum block of AS2 back to 4), still inside the profile.
        if (sc_.config.legacy_v1_3_mem_align) {
            Scenario c = sc_;
            c.config.legacy_v1_3_mem_align = false;
            changed |= attempt(c);
        }
        return changed;
    }

    // Changes no single op can make alone, because the divergence needs the ops to meet: every
    // memory address space to the first one, and every pointer moved down by the same multiple of
    // 32 (no block is larger, so the alignments that matter stay the same).
    bool together() {
        bool changed = false;
        Scenario c = sc_;
        for (Op& op : c.ops)
            if (op.kind != OpKind::Tick && op.address_space != 0 && op.address_space > c.config.as_offset) op.address_space = c.config.as_offset;
        for (InitialCell& cell : c.initial_memory)
            if (cell.address_space > c.config.as_offset) cell.address_space = c.config.as_offset;
        changed |= attempt(c);
        std::uint64_t low = ~std::uint64_t{0};
        for (const Op& op : sc_.ops)
            if (op.kind != OpKind::Tick && op.address_space != 0) low = std::min(low, op.pointer);
        for (const InitialCell& cell : sc_.initial_memory) low = std::min(low, cell.pointer);
        if (low != ~std::uint64_t{0} && low >= 32) {
            const std::uint64_t shift = low - low % 32;
            c = sc_;
            for (Op& op : c.ops)
                if (op.kind != OpKind::Tick && op.address_space != 0) op.pointer -= shift;
            for (InitialCell& cell : c.initial_memory) cell.pointer -= shift;
            changed |= attempt(c);
        }
        return changed;
    }

    bool simplify_op(std::size_t i) {
        bool changed = false;
        const Op op = sc_.ops[i];
        if (op.kind == OpKind::Tick) {
            return first_of({0, op.by / 2, op.by - 1}, [i](Scenario& c, std::uint64_t v) {
                if (c.ops[i].by == v || v > c.ops[i].by) return false;
                c.ops[i].by = v;
                return true;
            });
        }
        // Address space: the first memory space (an immediate read stays one).
        if (op.address_space != 0)
            changed |= first_of({sc_.config.as_offset}, [i](Scenario& c, std::uint64_t v) {
                if (c.ops[i].address_space == v) return false;
                c.ops[i].address_space = v;
                return true;
            });
        // Pointer toward 0.
        const std::uint64_t ptr = sc_.ops[i].pointer;
        changed |= first_of({0, ptr / 2, ptr - 1}, [i](Scenario& c, std::uint64_t v) {
            if (c.ops[i].pointer <= v) return false;
            c.ops[i].pointer = v;
            return true;
        });
        if (sc_.ops[i].kind == OpKind::Read) {
            const std::uint64_t len = sc_.ops[i].len;
            changed |= first_of({1, len / 2}, [i](Scenario& c, std::uint64_t v) {
                if (v == 0 || c.ops[i].len <= v) return false;
                c.ops[i].len = v;
                return true;
            });
            return changed;
        }
        // A write: fewer values (one, or either half: the pointer moves with the second), then each
        // value toward 0.
        const std::size_t n = sc_.ops[i].data.size();
        bool fewer = false;
        for (std::size_t keep : {std::size_t{1}, n / 2}) {
            if (keep == 0 || keep >= n || fewer) continue;
            for (bool tail : {false, true}) {
                Scenario c = sc_;
                auto& data = c.ops[i].data;
                if (tail) {
                    data.erase(data.begin(), data.end() - static_cast<std::ptrdiff_t>(keep));
                    c.ops[i].pointer += n - keep;
                } else {
                    data.resize(keep);
                }
                if (attempt(c)) {
                    fewer = changed = true;
                    break;
                }
            }
        }
        {
            Scenario c = sc_;
            for (auto& v : c.ops[i].data) v = 0;
            changed |= attempt(c);
        }
        for (std::size_t k = 0; k < sc_.ops[i].data.size(); ++k) {
            const std::uint64_t v0 = sc_.ops[i].data[k];
            changed |= first_of({0, 1, v0 / 2}, [i, k](Scenario& c, std::uint64_t v) {
                if (c.ops[i].data[k] <= v) return false;
                c.ops[i].data[k] = v;
                return true;
            });
        }
        return changed;
    }

    bool simplify_cell(std::size_t i) {
        bool changed = false;
        changed |= first_of({sc_.config.as_offset}, [i](Scenario& c, std::uint64_t v) {
            if (c.initial_memory[i].address_space == v) return false;
            c.initial_memory[i].address_space = v;
            return true;
        });
        changed |= first_of({0, sc_.initial_memory[i].pointer / 2}, [i](Scenario& c, std::uint64_t v) {
            if (c.initial_memory[i].pointer <= v) return false;
            c.initial_memory[i].pointer = v;
            return true;
        });
        changed |= first_of({1, 0}, [i](Scenario& c, std::uint64_t v) {
            if (c.initial_memory[i].value <= v) return false;
            c.initial_memory[i].value = v;
            return true;
        });
        return changed;
    }

    Scenario sc_;
    const std::function<bool(const Scenario&)>& diverges_;
    std::size_t max_runs_;
    ShrinkStats& stats_;
};

}  // namespace

Scenario shrink(Scenario scenario, const std::function<bool(const Scenario&)>& diverges, std::size_t max_runs, ShrinkStats& stats) {
    return Shrinker(std::move(scenario), diverges, max_runs, stats).run();
}

}  // namespace memspec::conform
