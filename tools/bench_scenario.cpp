#include "tools/bench_scenario.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "impl/engine.hpp"
#include "spec/interchange/output.hpp"
#include "spec/interchange/record_store.hpp"
#include "spec/interchange/result_format.hpp"
#include "spec/interchange/scenario_reader.hpp"
#include "oracle/engine.hpp"
#include "util/isolated.hpp"
#include "spec/vocabulary/strict_json.hpp"
#include "tools/checked_stdout.hpp"
#include "tools/command.hpp"
#include "tools/io.hpp"

namespace memspec::cli {
namespace {

double wall_now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

// CPU seconds of the whole process (all threads, user and system): on a shared machine this is
// what the work costs, where wall time also measures the neighbours.
double cpu_now() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + 1e-6 * static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}

// Wall and CPU seconds since construction.
struct Clock {
    double wall = wall_now(), cpu = cpu_now();
    void restart() { wall = wall_now(), cpu = cpu_now(); }
};

long peak_rss_kib() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

// One measured phase: wall seconds and the process's peak RSS when it ended.
struct Phase {
    std::string name;
    double seconds = 0;  // wall
    double cpu = 0;
    long peak_rss_kib = 0;
    Phase(std::string n, const Clock& c, long rss) : name(std::move(n)), seconds(wall_now() - c.wall), cpu(cpu_now() - c.cpu), peak_rss_kib(rss) {}
    Phase(std::string n, double s, double c, long rss) : name(std::move(n)), seconds(s), cpu(c), peak_rss_kib(rss) {}
};

struct Report {
    std::vector<Phase> phases;
    std::uint64_t accesses = 0;
    std::string error;
};

// Runs `f` in a child process (util/isolated.hpp), so that each measurement's peak memory is its
// own; its Report comes back as JSON.
template <class F>
Report in_child(F&& f) {
    const util::ChildResult child = util::run_isolated([&] {
        Report r = f();
        nlohmann::json j{{"accesses", r.accesses}, {"error", r.error}, {"phases", nlohmann::json::array()}};
        for (const Phase& p : r.phases) j["phases"].push_back({{"name", p.name}, {"s", p.seconds}, {"cpu", p.cpu}, {"rss", p.peak_rss_kib}});
        return j.dump();
    });
    if (child.end != util::ChildEnd::Returned) return Report{{}, 0, "measuring process failed"};
    // R150: the child's report is read as strictly as any input; a garbled one is a failed measure.
    auto parsed = parse_json_strict(child.message);
    if (!parsed) return Report{{}, 0, "measuring process failed: its report: " + parsed.error().message};
    const nlohmann::json& j = *parsed;
    try {
        Report r{{}, j.at("accesses"), j.at("error")};
        for (const auto& p : j.at("phases")) r.phases.emplace_back(p.at("name"), p.at("s"), p.at("cpu"), p.at("rss"));
        return r;
    } catch (const nlohmann::json::exception& e) {
        return Report{{}, 0, std::string("measuring process failed: its report: ") + e.what()};
    }
}

std::uint64_t count_accesses(const Scenario& sc) {
    std::uint64_t n = 0;
    for (const Op& op : sc.ops) n += op.kind != OpKind::Tick;
    return n;
}

// Counts access records on their way to another sink.
struct CountingSink final : RecordSink {
    RecordSink& next;
    std::uint64_t accesses = 0;
    explicit CountingSink(RecordSink& n) : next(n) {}
    void access(const AccessRecordView& r) override { ++accesses, next.access(r); }
    void adapter(const AdapterRecordView& r) override { next.adapter(r); }
    void final_block(const FinalBlockView& b) override { next.final_block(b); }
};

// Parsing alone: the document read into a Scenario (the ops kept), as parse_scenario does.
Report parse_alone(const std::string& path) {
    Report r;
    Clock t;
    auto sc = load_scenario(path);
    if (!sc) return r.error = sc.error().message, r;
    r.accesses = count_accesses(*sc);
    r.phases.emplace_back("parse", t, peak_rss_kib());
    return r;
}

std::string output_error(const std::string& path, int error) { return "cannot write " + path + ": " + std::strerror(error); }

// What `memspec run FILE > out` does, in the same code path: the document read and run in one
// pass (records gathered into the RecordStore that run prints from), then printed.
Report end_to_end(const std::string& path, const std::string& engine, const std::string& out_path) {
    Report r;
    Clock t;
    RecordStore store;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) store.reserve(static_cast<std::size_t>(st.st_size) / 32);
    CountingSink counted(store);
    DocumentSource source(path);
    auto run = run_source(engine_factory(engine), source, counted, {{}, [&] { store = RecordStore{}, counted.accesses = 0; }});
    if (!run) return r.error = run.error().message, r;
    r.accesses = counted.accesses;
    r.phases.emplace_back("read+engine", t, peak_rss_kib());
    t.restart();
    const int fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return r.error = output_error(out_path, errno), r;
    FdSink out(fd);
    write_result(out, store, run->finalize_chunk.has_value(), run->final_timestamp, run->roots);
    out.write("\n", 1);
    // A measure whose output was lost did not print the result: it is no measure of printing.
    if (::close(fd) != 0 && !out.failed()) out.fail(errno);
    if (out.failed()) return r.error = output_error(out_path, out.error()), r;
    r.phases.emplace_back("print", t, peak_rss_kib());
    return r;
}

// The engine alone: parsing done beforehand (not timed), records dropped as they are made.
Report engine_alone(const std::string& path, const std::string& engine) {
    Report r;
    auto sc = load_scenario(path);
    if (!sc) return r.error = sc.error().message, r;
    r.accesses = count_accesses(*sc);
    const long before = peak_rss_kib();
    Clock t;
    NullSink sink;
    auto clock = run_scenario(engine_factory(engine), *sc, sink);
    if (!clock) return r.error = clock.error().message, r;
    // The engine's own peak: the process's peak minus what the parsed scenario took before.
    r.phases.emplace_back("engine", t, peak_rss_kib() - before);
    return r;
}

// `memspec run --stream FILE > out`: parse, engine and print fused, one op at a time.
Report stream(const std::string& path, const std::string& engine, const std::string& out_path) {
    Report r;
    Clock t;
    const int in = ::open(path.c_str(), O_RDONLY);
    if (in < 0) return r.error = "cannot read " + path, r;
    const int fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return ::close(in), r.error = output_error(out_path, errno), r;
    FdSink out(fd);
    {
        TextWriter w(out, std::size_t{1} << 20);
        JsonLinesWriter sink(w);
        StreamSource source(in);
        auto run = run_source(engine_factory(engine), source, sink);
        if (!run) return r.error = run.error().message, r;
        r.accesses = run->accesses;
        sink.end(run->final_timestamp, run->finalize_chunk, run->roots);
    }
    if (::close(fd) != 0 && !out.failed()) out.fail(errno);
    ::close(in);
    if (out.failed()) return r.error = output_error(out_path, out.error()), r;
    r.phases.emplace_back("stream", t, peak_rss_kib());
    return r;
}

nlohmann::ordered_json to_json(const std::string& what, const Report& r) {
    nlohmann::ordered_json j{{"measure", what}, {"accesses", r.accesses}};
    double total = 0, cpu = 0;
    long rss = 0;
    nlohmann::ordered_json phases = nlohmann::ordered_json::array();
    for (const Phase& p : r.phases) {
        total += p.seconds;
        cpu += p.cpu;
        rss = std::max(rss, p.peak_rss_kib);
        phases.push_back({{"phase", p.name}, {"seconds", p.seconds}, {"cpu_seconds", p.cpu}, {"peak_rss_bytes", p.peak_rss_kib * 1024}});
    }
    j["phases"] = phases;
    j["total_seconds"] = total;
    j["total_cpu_seconds"] = cpu;
    j["peak_rss_bytes"] = rss * 1024;
    j["accesses_per_s"] = total > 0 ? static_cast<double>(r.accesses) / total : 0.0;
    j["accesses_per_cpu_s"] = cpu > 0 ? static_cast<double>(r.accesses) / cpu : 0.0;
    j["error"] = r.error.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(r.error);
    return j;
}

}  // namespace

int bench_scenario(const std::string& path, bool json, bool is_stream, bool with_oracle) {
    const std::string out_path = "/tmp/memspec-bench-" + std::to_string(getpid()) + ".out";
    nlohmann::ordered_json measures = nlohmann::ordered_json::array();
    if (is_stream) {
        measures.push_back(to_json("impl stream end-to-end", in_child([&] { return stream(path, "impl", out_path); })));
    } else {
        measures.push_back(to_json("impl end-to-end", in_child([&] { return end_to_end(path, "impl", out_path); })));
        measures.push_back(to_json("parse alone", in_child([&] { return parse_alone(path); })));
        measures.push_back(to_json("impl engine alone", in_child([&] { return engine_alone(path, "impl"); })));
        if (with_oracle) measures.push_back(to_json("oracle engine alone", in_child([&] { return engine_alone(path, "oracle"); })));
    }
    ::unlink(out_path.c_str());
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

}  // namespace memspec::cli
