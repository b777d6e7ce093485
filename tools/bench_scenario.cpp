#include "tools/bench_scenario.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "impl/engine.hpp"
#include "oracle/engine.hpp"
#include "spec/output.hpp"
#include "spec/record_store.hpp"
#include "spec/result_format.hpp"
#include "spec/scenario_reader.hpp"
#include "tools/command.hpp"
#include "tools/io.hpp"

namespace memspec::cli {
namespace {

double wall_now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

long peak_rss_kib() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

// One measured phase: wall seconds and the process's peak RSS when it ended.
struct Phase {
    std::string name;
    double seconds = 0;
    long peak_rss_kib = 0;
};

struct Report {
    std::vector<Phase> phases;
    std::uint64_t accesses = 0;
    std::string error;
};

// Runs `f` in a child process, so that each measurement's peak memory is its own; its Report
// comes back through a pipe as JSON.
template <class F>
Report in_child(F&& f) {
    int fds[2];
    if (pipe(fds) != 0) return Report{{}, 0, "pipe failed"};
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        Report r = f();
        nlohmann::json j{{"accesses", r.accesses}, {"error", r.error}, {"phases", nlohmann::json::array()}};
        for (const Phase& p : r.phases) j["phases"].push_back({{"name", p.name}, {"s", p.seconds}, {"rss", p.peak_rss_kib}});
        const std::string msg = j.dump();
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
    if (text.empty()) return Report{{}, 0, "measuring process failed"};
    auto j = nlohmann::json::parse(text);
    Report r{{}, j["accesses"], j["error"]};
    for (const auto& p : j["phases"]) r.phases.push_back({p["name"], p["s"], p["rss"]});
    return r;
}

std::uint64_t count_accesses(const Scenario& sc) {
    std::uint64_t n = 0;
    for (const Op& op : sc.ops) n += op.kind != OpKind::Tick;
    return n;
}

// What `memspec run FILE > out` does, phase by phase, in the same code path: parse, the engine
// (records gathered into the RecordStore that run prints from), print.
Report end_to_end(const std::string& path, const std::string& engine, const std::string& out_path) {
    Report r;
    double t = wall_now();
    auto sc = load_scenario(path);
    if (!sc) return r.error = sc.error().message, r;
    r.accesses = count_accesses(*sc);
    r.phases.push_back({"parse", wall_now() - t, peak_rss_kib()});
    t = wall_now();
    RecordStore store;
    auto clock = run_scenario(engine_factory(engine), *sc, store);
    if (!clock) return r.error = clock.error().message, r;
    const bool with_final = sc->finalize_chunk.has_value();
    *sc = Scenario{};
    r.phases.push_back({"engine", wall_now() - t, peak_rss_kib()});
    t = wall_now();
    const int fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    FdSink out(fd);
    write_result(out, store, with_final, *clock);
    out.write("\n", 1);
    ::close(fd);
    r.phases.push_back({"print", wall_now() - t, peak_rss_kib()});
    return r;
}

// The engine alone: parsing done beforehand (not timed), records dropped as they are made.
Report engine_alone(const std::string& path, const std::string& engine) {
    Report r;
    auto sc = load_scenario(path);
    if (!sc) return r.error = sc.error().message, r;
    r.accesses = count_accesses(*sc);
    const long before = peak_rss_kib();
    const double t = wall_now();
    NullSink sink;
    auto clock = run_scenario(engine_factory(engine), *sc, sink);
    if (!clock) return r.error = clock.error().message, r;
    // The engine's own peak: the process's peak minus what the parsed scenario took before.
    r.phases.push_back({"engine", wall_now() - t, peak_rss_kib() - before});
    return r;
}

// `memspec run --stream FILE > out`: parse, engine and print fused, one op at a time.
Report stream(const std::string& path, const std::string& engine, const std::string& out_path) {
    Report r;
    const double t = wall_now();
    const int in = ::open(path.c_str(), O_RDONLY);
    if (in < 0) return r.error = "cannot read " + path, r;
    ScenarioStreamReader reader(in);
    auto head = reader.header();
    if (!head) return r.error = head.error().message, r;
    auto setup = validate_setup(*head);
    if (!setup) return r.error = setup.error().message, r;
    const int fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    {
        FdSink out(fd);
        TextWriter w(out, std::size_t{1} << 20);
        JsonLinesWriter sink(w);
        auto e = engine_factory(engine)(*setup);
        Op op;
        for (;;) {
            auto more = reader.next(op);
            if (!more) return r.error = more.error().message, r;
            if (!*more) break;
            r.accesses += op.kind != OpKind::Tick;
            if (auto st = e->step(op, sink); !st) return r.error = st.error().message, r;
        }
        const auto chunk = head->finalize_chunk ? head->finalize_chunk : reader.trailing_finalize_chunk();
        if (chunk)
            if (auto st = e->finalize(*chunk, sink); !st) return r.error = st.error().message, r;
        sink.end(e->timestamp(), chunk);
    }
    ::close(fd);
    ::close(in);
    r.phases.push_back({"stream", wall_now() - t, peak_rss_kib()});
    return r;
}

nlohmann::ordered_json to_json(const std::string& what, const Report& r) {
    nlohmann::ordered_json j{{"measure", what}, {"accesses", r.accesses}};
    double total = 0;
    nlohmann::ordered_json phases = nlohmann::ordered_json::array();
    for (const Phase& p : r.phases) {
        total += p.seconds;
        phases.push_back({{"phase", p.name}, {"seconds", p.seconds}, {"peak_rss_bytes", p.peak_rss_kib * 1024}});
    }
    j["phases"] = phases;
    j["total_seconds"] = total;
    j["accesses_per_s"] = total > 0 ? static_cast<double>(r.accesses) / total : 0.0;
    j["error"] = r.error.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(r.error);
    return j;
}

}  // namespace

int bench_scenario(const std::string& path, bool json, bool is_stream) {
    const std::string out_path = "/tmp/memspec-bench-" + std::to_string(getpid()) + ".out";
    nlohmann::ordered_json measures = nlohmann::ordered_json::array();
    if (is_stream) {
        measures.push_back(to_json("impl stream end-to-end", in_child([&] { return stream(path, "impl", out_path); })));
    } else {
        measures.push_back(to_json("impl end-to-end", in_child([&] { return end_to_end(path, "impl", out_path); })));
        measures.push_back(to_json("impl engine alone", in_child([&] { return engine_alone(path, "impl"); })));
        measures.push_back(to_json("oracle engine alone", in_child([&] { return engine_alone(path, "oracle"); })));
    }
    ::unlink(out_path.c_str());
    if (json) {
        std::cout << nlohmann::ordered_json{{"scenario", path}, {"measures", measures}}.dump() << std::endl;
        return EXIT_OK;
    }
    std::printf("%s (wall seconds; peak RSS of the measuring process after each phase; engine alone: RSS beyond the parsed input)\n",
                path.c_str());
    std::printf("%-24s %12s %-40s %10s %14s\n", "measure", "accesses", "phases: seconds (peak MiB)", "total s", "accesses/s");
    for (const auto& m : measures) {
        std::string phases;
        for (const auto& p : m["phases"]) {
            char buf[96];
            std::snprintf(buf, sizeof buf, "%s %.3f (%.0f) ", p["phase"].get<std::string>().c_str(), p["seconds"].get<double>(),
                          p["peak_rss_bytes"].get<double>() / (1 << 20));
            phases += buf;
        }
        std::printf("%-24s %12llu %-40s %10.3f %14.3g", m["measure"].get<std::string>().c_str(),
                    static_cast<unsigned long long>(m["accesses"].get<std::uint64_t>()), phases.c_str(), m["total_seconds"].get<double>(),
                    m["accesses_per_s"].get<double>());
        if (!m["error"].is_null()) std::printf("  stopped: %s", m["error"].get<std::string>().c_str());
        std::printf("\n");
    }
    return EXIT_OK;
}

}  // namespace memspec::cli
