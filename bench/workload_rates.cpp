#include "bench/workload_rates.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "impl/engine.hpp"
#include "impl/run.hpp"
#include "oracle/run.hpp"
#include "spec/interchange/record_store.hpp"

namespace memspec::bench {

WorkloadRates measure(const Workload& w, bool quick, bool oracle_full) {
    const std::uint64_t size = quick ? w.quick : w.full;
    const Scenario sc = w.make(size);
    WorkloadRates row{w.name, accesses(sc)};
    const int reps = quick ? 1 : 3;
    // impl: the engine proper through the engine interface (R37), records dropped as they are
    // made (finalize included); best of `reps`.
    double best = 1e300;
    for (int i = 0; i < reps; ++i) {
        best = std::min(best, seconds([&] {
            NullSink sink;
            auto clock = run_scenario(impl::make_engine, sc, sink);
            if (!clock) throw std::runtime_error("impl rejected a benchmark workload: " + clock.error().message);
        }));
    }
    row.impl_per_s = static_cast<double>(row.accesses) / best;
    // impl with the records gathered the way `memspec run` gathers them before printing; their
    // compact size per access.
    std::size_t bytes = 0;
    row.impl_run_per_s = static_cast<double>(row.accesses) / seconds([&] {
                             RecordStore store;
                             (void)run_scenario(impl::make_engine, sc, store);
                             bytes = store.bytes();
                         });
    row.bytes_per_access = static_cast<double>(bytes) / static_cast<double>(row.accesses);
    // baseline.
    std::vector<BaselineRecord> out;
    out.reserve(row.accesses);
    best = 1e300;
    for (int i = 0; i < reps; ++i) best = std::min(best, seconds([&] { run_baseline(sc, out); }));
    row.baseline_per_s = static_cast<double>(row.accesses) / best;
    // oracle: possibly on a smaller instance of the same workload (rates are per access).
    const Scenario small = w.make(oracle_full ? size : std::min(size, w.oracle));
    row.oracle_accesses = accesses(small);
    Result<RunResult> expected = RunResult{};
    const double t = seconds([&] { expected = oracle::run(small); });
    row.oracle_per_s = static_cast<double>(row.oracle_accesses) / t;
    auto actual = impl::run(small);
    if (!expected || !actual || !(*expected == *actual)) throw std::runtime_error("impl and oracle disagree on workload " + w.name);
    return row;
}

}  // namespace memspec::bench
