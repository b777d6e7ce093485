// What a run did, counted once, where it happens: the driver (run_scenario, engine.hpp) counts the
// ops it steps and the records as they pass on to the caller's sink; the engine, which holds the
// blocks, counts the touched cells (R22). A summary of a run (`memspec run --workload`) prints
// these figures and works none of them out again (R197).
#pragma once

#include <array>
#include <cstdint>

namespace memspec {

struct AdapterCounts {
    std::uint64_t splits = 0, merges = 0;
};

struct RunCounts {
    std::uint64_t reads = 0, writes = 0;  // access records (R16), by kind
    std::uint64_t ticks = 0;              // tick ops stepped (R9)
    std::uint64_t adapter_records = 0;    // R17-R20, finalize's included
    // AccessAdapter<2^k> records at index k (a block size is a power of two, R14).
    std::array<AdapterCounts, 32> adapters_by_log_n{};
    std::uint64_t final_blocks = 0;   // R24
    std::uint64_t touched_cells = 0;  // R22, the engine's count at the end of the run
};

}  // namespace memspec
