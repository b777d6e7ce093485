// `memspec bench`: the command line of the benchmark harness in bench/ — accesses per second on the
// deterministic workloads (bench/workload_rates.hpp), or one scenario timed phase by phase
// (bench/scenario_phases.hpp) — printed as a table or JSON. A measurement, never a test.
#include <algorithm>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "bench/scenario_phases.hpp"
#include "bench/workload_rates.hpp"
#include "bench/workloads.hpp"
#include "tools/checked_stdout.hpp"
#include "tools/command.hpp"

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

// One --scenario measure as JSON (its phases and totals).
nlohmann::ordered_json to_json(const bench::Measure& m) {
    nlohmann::ordered_json j{{"measure", m.what}, {"accesses", m.accesses}};
    double total = 0, cpu = 0;
    long rss = 0;
    nlohmann::ordered_json phases = nlohmann::ordered_json::array();
    for (const bench::Phase& p : m.phases) {
        total += p.seconds;
        cpu += p.cpu_seconds;
        rss = std::max(rss, p.peak_rss_kib);
        phases.push_back({{"phase", p.name}, {"seconds", p.seconds}, {"cpu_seconds", p.cpu_seconds}, {"peak_rss_bytes", p.peak_rss_kib * 1024}});
    }
    j["phases"] = phases;
    j["total_seconds"] = total;
    j["total_cpu_seconds"] = cpu;
    j["peak_rss_bytes"] = rss * 1024;
    j["accesses_per_s"] = total > 0 ? static_cast<double>(m.accesses) / total : 0.0;
    j["accesses_per_cpu_s"] = cpu > 0 ? static_cast<double>(m.accesses) / cpu : 0.0;
    j["error"] = m.error.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(m.error);
    return j;
}

// `memspec bench --scenario FILE`: bench/scenario_phases.hpp measures, this prints a table or JSON.
int print_scenario_measures(const std::string& path, bool json, bool is_stream, bool with_oracle) {
    nlohmann::ordered_json measures = nlohmann::ordered_json::array();
    for (const bench::Measure& m : bench::time_scenario(path, is_stream, with_oracle)) measures.push_back(to_json(m));
    if (json) {
        std::cout << nlohmann::ordered_json{{"scenario", path}, {"measures", measures}}.dump() << std::endl;
        return EXIT_OK;
    }
    print_stdout("%s\n(wall s / CPU s of all threads; peak RSS of the measuring process after each phase; engine alone: RSS beyond "
                "the parsed input)\n",
                path.c_str());
    print_stdout("%-24s %10s %-52s %8s %8s %12s\n", "measure", "accesses", "phases: wall/cpu s (peak MiB)", "wall s", "cpu s", "acc/cpu-s");
    for (const auto& m : measures) {
        std::string phases;
        for (const auto& p : m["phases"]) {
            char buf[128];
            std::snprintf(buf, sizeof buf, "%s %.3f/%.3f (%.0f) ", p["phase"].get<std::string>().c_str(), p["seconds"].get<double>(),
                          p["cpu_seconds"].get<double>(), p["peak_rss_bytes"].get<double>() / (1 << 20));
            phases += buf;
        }
        print_stdout("%-24s %10llu %-52s %8.3f %8.3f %12.3g", m["measure"].get<std::string>().c_str(),
                    static_cast<unsigned long long>(m["accesses"].get<std::uint64_t>()), phases.c_str(), m["total_seconds"].get<double>(),
                    m["total_cpu_seconds"].get<double>(), m["accesses_per_cpu_s"].get<double>());
        if (!m["error"].is_null()) print_stdout("  stopped: %s", m["error"].get<std::string>().c_str());
        print_stdout("\n");
    }
    return EXIT_OK;
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
        if (!opts->scenario.empty()) return print_scenario_measures(opts->scenario, opts->json, opts->stream, !opts->no_oracle);
        std::vector<bench::WorkloadRates> rows;
        for (const auto& w : bench::workloads())
            if (opts->only.empty() || std::find(opts->only.begin(), opts->only.end(), w.name) != opts->only.end())
                rows.push_back(bench::measure(w, opts->quick, opts->oracle_full));
        if (opts->json) {
            nlohmann::ordered_json j;
            j["workloads"] = nlohmann::ordered_json::array();
            for (const bench::WorkloadRates& r : rows)
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
        for (const bench::WorkloadRates& r : rows)
            print_stdout("%-9s %9llu %9llu %12.3g %12.3g %12.3g %12.3g %8.1f %9.1f %9.2f\n", r.name.c_str(),
                        static_cast<unsigned long long>(r.accesses), static_cast<unsigned long long>(r.oracle_accesses),
                        r.oracle_per_s, r.impl_per_s, r.impl_run_per_s, r.baseline_per_s, r.bytes_per_access,
                        r.impl_per_s / r.oracle_per_s, r.baseline_per_s / r.impl_per_s);
        return EXIT_OK;
    };
}}};

}  // namespace
}  // namespace memspec::cli
