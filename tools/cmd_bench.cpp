// `memspec bench`: accesses per second of the oracle, impl and a record-appending baseline on the
// deterministic workloads of bench/workloads.hpp. A measurement, never a test: no thresholds.
#include <algorithm>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "bench/workloads.hpp"
#include "engines/engines.hpp"
#include "impl/engine.hpp"
#include "impl/run.hpp"
#include "spec/interchange/record_store.hpp"
#include "oracle/run.hpp"
#include "tools/bench_scenario.hpp"
#include "tools/checked_stdout.hpp"
#include "tools/command.hpp"
#include "tools/io.hpp"

namespace memspec::cli {
namespace {

struct BenchOptions {
    bool quick = false;
    bool json = false;
    bool oracle_full = false;
    std::vector<std::string> only;
    std::string scenario;
    bool stream = false;
    bool no_oracle = false;
};

struct Row {
    std::string name;
    std::uint64_t accesses = 0, oracle_accesses = 0;
    double oracle_per_s = 0, impl_per_s = 0, impl_run_per_s = 0, baseline_per_s = 0, bytes_per_access = 0;
};

Row measure(const bench::Workload& w, bool quick, bool oracle_full) {
    const std::uint64_t size = quick ? w.quick : w.full;
    const Scenario sc = w.make(size);
    Row row{w.name, bench::accesses(sc)};
    const int reps = quick ? 1 : 3;
    // impl: the engine proper through the engine interface (R37), records dropped as they are
    // made (finalize included); best of `reps`.
    double best = 1e300;
    for (int i = 0; i < reps; ++i) {
        best = std::min(best, bench::seconds([&] {
            NullSink sink;
            auto clock = run_scenario(engines::make_impl, sc, sink);
            if (!clock) throw std::runtime_error("impl rejected a benchmark workload: " + clock.error().message);
        }));
    }
    row.impl_per_s = static_cast<double>(row.accesses) / best;
    // impl with the records gathered the way `memspec run` gathers them before printing; their
    // compact size per access.
    std::size_t bytes = 0;
    row.impl_run_per_s = static_cast<double>(row.accesses) / bench::seconds([&] {
                             RecordStore store;
                             (void)run_scenario(engines::make_impl, sc, store);
                             bytes = store.bytes();
                         });
    row.bytes_per_access = static_cast<double>(bytes) / static_cast<double>(row.accesses);
    // baseline.
    std::vector<bench::BaselineRecord> out;
    out.reserve(row.accesses);
    best = 1e300;
    for (int i = 0; i < reps; ++i) best = std::min(best, bench::seconds([&] { bench::run_baseline(sc, out); }));
    row.baseline_per_s = static_cast<double>(row.accesses) / best;
    // oracle: possibly on a smaller instance of the same workload (rates are per access).
    const Scenario small = w.make(oracle_full ? size : std::min(size, w.oracle));
    row.oracle_accesses = bench::accesses(small);
    Result<RunResult> expected = RunResult{};
    const double t = bench::seconds([&] { expected = oracle::run(small); });
    row.oracle_per_s = static_cast<double>(row.oracle_accesses) / t;
    // The numbers only mean something if both engines agree on the measured workload.
    auto actual = impl::run(small);
    if (!expected || !actual || !(*expected == *actual))
        throw std::runtime_error("impl and oracle disagree on workload " + w.name);
    return row;
}

Register reg{{[](CLI::App& app) -> std::function<int()> {
    auto opts = std::make_shared<BenchOptions>();
    auto* sub = app.add_subcommand("bench", "Measure accesses/s of oracle, impl and a baseline on fixed workloads");
    sub->add_flag("--quick", opts->quick, "smaller workloads (the whole run takes well under a minute)");
    sub->add_flag("--json", opts->json, "print {\"workloads\":[...]} instead of a table");
    sub->add_option("--workload", opts->only, "measure only these workloads (seq8, rand1, mixed, pingpong)");
    sub->add_flag("--oracle-full", opts->oracle_full,
                  "run the oracle at the full workload size too (slow: minutes); by default it runs a smaller "
                  "instance of the same workload and its rate is reported per access");
    sub->add_option("--scenario", opts->scenario,
                    "time both engines on this scenario instead, stage by stage (online, replay, finalize; parsing "
                    "time the whole path instead: parse, engine and print as `memspec run` does them, and the engines alone, with "
                    "peak memory per phase");
    sub->add_flag("--stream", opts->stream, "with --scenario: the file is JSON Lines, timed as `memspec run --stream` (R38)");
    sub->add_flag("--no-oracle", opts->no_oracle, "with --scenario: skip the oracle (slow on large files)");
    return [opts]() -> int {
        if (!opts->scenario.empty()) return bench_scenario(opts->scenario, opts->json, opts->stream, !opts->no_oracle);
        std::vector<Row> rows;
        for (const auto& w : bench::workloads())
            if (opts->only.empty() || std::find(opts->only.begin(), opts->only.end(), w.name) != opts->only.end())
                rows.push_back(measure(w, opts->quick, opts->oracle_full));
        if (opts->json) {
            nlohmann::ordered_json j;
            j["workloads"] = nlohmann::ordered_json::array();
            for (const Row& r : rows)
                j["workloads"].push_back({{"name", r.name},
                                          {"accesses", r.accesses},
                                          {"oracle_per_s", r.oracle_per_s},
                                          {"impl_per_s", r.impl_per_s},
                                          {"baseline_per_s", r.baseline_per_s},
                                          {"impl_bytes_per_access", r.bytes_per_access}});
            std::cout << j.dump() << std::endl;
            return EXIT_OK;
        }
        print_stdout("%-9s %9s %9s %12s %12s %12s %12s %8s %9s %9s\n", "workload", "accesses", "oracle_n", "oracle/s",
                    "impl/s", "impl+store/s", "baseline/s", "B/acc", "impl/orc", "base/impl");
        for (const Row& r : rows)
            print_stdout("%-9s %9llu %9llu %12.3g %12.3g %12.3g %12.3g %8.1f %9.1f %9.2f\n", r.name.c_str(),
                        static_cast<unsigned long long>(r.accesses), static_cast<unsigned long long>(r.oracle_accesses),
                        r.oracle_per_s, r.impl_per_s, r.impl_run_per_s, r.baseline_per_s, r.bytes_per_access,
                        r.impl_per_s / r.oracle_per_s, r.baseline_per_s / r.impl_per_s);
        return EXIT_OK;
    };
}}};

}  // namespace
}  // namespace memspec::cli
