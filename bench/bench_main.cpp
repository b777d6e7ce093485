// Google Benchmark workloads (bench/workloads.hpp): accesses/s of the oracle, impl and the
// record-appending baseline. Never part of ctest. MEMSPEC_BENCH_QUICK=1 uses the small sizes.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <map>
#include <string>

#include "bench/workloads.hpp"
#include "impl/engine.hpp"
#include "oracle/run.hpp"

namespace {

using memspec::Scenario;
namespace mb = memspec::bench;

bool quick() {
    const char* q = std::getenv("MEMSPEC_BENCH_QUICK");
    return q && std::string(q) == "1";
}

// Scenarios are built once per (workload, size), outside the timed region.
const Scenario& scenario(const mb::Workload& w, bool oracle_size) {
    static std::map<std::pair<std::string, bool>, Scenario> cache;
    auto key = std::make_pair(w.name, oracle_size);
    auto it = cache.find(key);
    if (it == cache.end()) {
        std::uint64_t n = quick() ? w.quick : w.full;
        if (oracle_size) n = std::min(n, w.oracle);
        it = cache.emplace(key, w.make(n)).first;
    }
    return it->second;
}

void set_rate(benchmark::State& state, const Scenario& sc) {
    state.counters["accesses/s"] = benchmark::Counter(static_cast<double>(mb::accesses(sc)) * static_cast<double>(state.iterations()),
                                                      benchmark::Counter::kIsRate);
}

void BM_impl(benchmark::State& state, mb::Workload w) {
    const Scenario& sc = scenario(w, false);
    for (auto _ : state) {
        memspec::NullSink sink;
        auto clock = memspec::run_scenario(memspec::impl::make_engine, sc, sink);
        if (!clock) {
            state.SkipWithError(clock.error().message.c_str());
            return;
        }
        benchmark::DoNotOptimize(*clock);
    }
    set_rate(state, sc);
}

void BM_oracle(benchmark::State& state, mb::Workload w) {
    const Scenario& sc = scenario(w, true);
    for (auto _ : state) {
        auto r = memspec::oracle::run(sc);
        benchmark::DoNotOptimize(r.ok());
    }
    set_rate(state, sc);
}

void BM_baseline(benchmark::State& state, mb::Workload w) {
    const Scenario& sc = scenario(w, false);
    std::vector<mb::BaselineRecord> out;
    out.reserve(mb::accesses(sc));
    for (auto _ : state) benchmark::DoNotOptimize(mb::run_baseline(sc, out));
    set_rate(state, sc);
}

const bool registered = [] {
    for (const auto& w : mb::workloads()) {
        benchmark::RegisterBenchmark(("oracle/" + w.name).c_str(), BM_oracle, w)->Unit(benchmark::kMillisecond)->Iterations(1);
        benchmark::RegisterBenchmark(("impl/" + w.name).c_str(), BM_impl, w)->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("baseline/" + w.name).c_str(), BM_baseline, w)->Unit(benchmark::kMillisecond);
    }
    return true;
}();

}  // namespace

BENCHMARK_MAIN();
