#include "tools/bench_scenario.hpp"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <optional>

#include <nlohmann/json.hpp>

#include "bench/workloads.hpp"
#include "impl/memory.hpp"
#include "impl/offline_memory.hpp"
#include "oracle/memory.hpp"
#include "oracle/offline_memory.hpp"
#include "oracle/run.hpp"
#include "spec/checks.hpp"
#include "tools/command.hpp"
#include "tools/io.hpp"

namespace memspec::cli {
namespace {

// What one engine's child reports. Stages as in OpenVM's pipeline: online execution, offline
// replay (blocks, access and adapter records), finalize.
struct Stages {
    double online = 0, replay = 0, finalize = 0;
    long peak_rss_kib = 0;
    std::string error;  // a failing scenario stops the engine; its error is reported
};

// Applies the scenario's ops to an online memory (either engine's): same calls, same checks.
template <class Online>
std::optional<MemoryError> execute_online(Online& m, const Scenario& sc) {
    std::vector<BabyBear> values;
    for (std::size_t i = 0; i < sc.ops.size(); ++i) {
        const Op& op = sc.ops[i];
        Status st;
        if (op.kind == OpKind::Read) {
            auto r = m.read(op.address_space, op.pointer, op.len);
            if (!r) st = r.error();
        } else if (op.kind == OpKind::Write) {
            st = check_write(sc.config, op.address_space, op.pointer, std::span<const std::uint64_t>(op.data), m.timestamp());
            if (st) {
                values.clear();
                for (auto v : op.data) values.push_back(BabyBear::from_canonical(static_cast<std::uint32_t>(v)));
                auto r = m.write(op.address_space, op.pointer, values);
                if (!r) st = r.error();
            }
        } else {
            st = m.increment_timestamp_by(op.by);
        }
        if (!st) return st.error();
    }
    return std::nullopt;
}

Stages run_oracle(const Scenario& sc, const Setup& setup) {
    Stages s;
    oracle::Memory online(setup.config, setup.initial_memory);
    std::optional<MemoryError> err;
    s.online = bench::seconds([&] { err = execute_online(online, sc); });
    if (err) return s.error = err->message, s;
    oracle::OfflineMemory offline(setup.initial_memory, setup.initial_block_size, setup.config);
    oracle::AccessAdapterInventory adapters;
    s.replay = bench::seconds([&] { (void)oracle::replay(online.log(), offline, adapters); });
    if (setup.finalize_chunk) s.finalize = bench::seconds([&] { (void)offline.finalize(*setup.finalize_chunk, adapters); });
    return s;
}

Stages run_impl(const Scenario& sc, const Setup& setup) {
    Stages s;
    impl::Memory online(setup.config, setup.initial_memory);
    std::optional<MemoryError> err;
    s.online = bench::seconds([&] { err = execute_online(online, sc); });
    if (err) return s.error = err->message, s;
    // impl's offline memory replays the same operations; its log form is the scenario's ops.
    impl::OfflineMemory offline(setup.initial_memory, setup.initial_block_size, setup.config, sc.ops.size() + 1);
    impl::AccessAdapterInventory adapters;
    s.replay = bench::seconds([&] {
        for (const Op& op : sc.ops) {
            if (op.kind == OpKind::Read) (void)offline.read(op.address_space, op.pointer, op.len, adapters);
            else if (op.kind == OpKind::Write) (void)offline.write(op.address_space, op.pointer, std::span<const std::uint64_t>(op.data), adapters);
            else (void)offline.increment_timestamp_by(op.by);
        }
    });
    if (setup.finalize_chunk) s.finalize = bench::seconds([&] { (void)offline.finalize_flat(*setup.finalize_chunk, adapters); });
    return s;
}

// Runs `f` in a child; its Stages and peak RSS come back through a pipe.
template <class F>
Stages in_child(F&& f) {
    int fds[2];
    if (pipe(fds) != 0) return Stages{0, 0, 0, 0, "pipe failed"};
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        Stages s = f();
        rusage ru{};
        getrusage(RUSAGE_SELF, &ru);
        s.peak_rss_kib = ru.ru_maxrss;
        const std::string msg = nlohmann::json{{"online", s.online}, {"replay", s.replay}, {"finalize", s.finalize},
                                               {"rss", s.peak_rss_kib}, {"error", s.error}}.dump();
        (void)!write(fds[1], msg.data(), msg.size());
        _exit(0);
    }
    close(fds[1]);
    std::string text;
    char buf[4096];
    for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) text.append(buf, static_cast<std::size_t>(n));
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (text.empty()) return Stages{0, 0, 0, 0, "engine process failed"};
    auto j = nlohmann::json::parse(text);
    return Stages{j["online"], j["replay"], j["finalize"], j["rss"], j["error"]};
}

}  // namespace

int bench_scenario(const std::string& path, bool json) {
    auto sc = load_scenario(path);  // parsing is not timed
    if (!sc) return print_error(sc.error());
    auto setup = validate_setup(*sc);
    if (!setup) return print_error(setup.error());
    const std::uint64_t n = bench::accesses(*sc);
    const Stages o = in_child([&] { return run_oracle(*sc, *setup); });
    const Stages i = in_child([&] { return run_impl(*sc, *setup); });
    auto engine = [&](const char* name, const Stages& s) {
        const double total = s.online + s.replay + s.finalize;
        return nlohmann::ordered_json{{"engine", name},
                                      {"online_s", s.online},
                                      {"replay_s", s.replay},
                                      {"finalize_s", s.finalize},
                                      {"total_s", total},
                                      {"accesses_per_s", total > 0 ? static_cast<double>(n) / total : 0.0},
                                      {"peak_rss_bytes", s.peak_rss_kib * 1024},
                                      {"error", s.error.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s.error)}};
    };
    nlohmann::ordered_json out{{"scenario", path}, {"accesses", n}, {"engines", {engine("oracle", o), engine("impl", i)}}};
    if (json) {
        std::cout << out.dump() << std::endl;
        return EXIT_OK;
    }
    std::printf("%s: %llu accesses (CPU seconds; peak RSS of each engine's own process, which includes the parsed scenario)\n", path.c_str(),
                static_cast<unsigned long long>(n));
    std::printf("%-7s %10s %10s %10s %10s %14s %12s\n", "engine", "online", "replay", "finalize", "total", "accesses/s", "peak MiB");
    for (const auto& e : out["engines"]) {
        std::printf("%-7s %10.4f %10.4f %10.4f %10.4f %14.3g %12.1f", e["engine"].get<std::string>().c_str(), e["online_s"].get<double>(),
                    e["replay_s"].get<double>(), e["finalize_s"].get<double>(), e["total_s"].get<double>(),
                    e["accesses_per_s"].get<double>(), e["peak_rss_bytes"].get<double>() / (1 << 20));
        if (!e["error"].is_null()) std::printf("  stopped: %s", e["error"].get<std::string>().c_str());
        std::printf("\n");
    }
    return EXIT_OK;
}

}  // namespace memspec::cli
