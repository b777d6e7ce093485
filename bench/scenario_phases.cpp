#include "bench/scenario_phases.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cerrno>
#include <cstring>

#include <nlohmann/json.hpp>

#include "engines/engines.hpp"
#include "spec/interchange/output.hpp"
#include "spec/interchange/record_store.hpp"
#include "spec/interchange/result_format.hpp"
#include "spec/interchange/scenario_reader.hpp"
#include "spec/vocabulary/strict_json.hpp"
#include "util/isolated.hpp"

namespace memspec::bench {
namespace {

double wall_now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

double cpu_now() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + 1e-6 * static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}

// Wall and CPU seconds since construction.
struct Clock {
    double wall = wall_now(), cpu = cpu_now();
    void restart() { wall = wall_now(), cpu = cpu_now(); }
    Phase phase(std::string name, long rss) const { return Phase{std::move(name), wall_now() - wall, cpu_now() - cpu, rss}; }
};

long peak_rss_kib() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

// The named engine of the scenario's own profile family (R210): a --scenario file may be any profile.
EngineFactory factory(const std::string& engine) { return *engines::by_name(engine == "oracle" ? "oracle" : "impl"); }

// Runs `f` in a child process, so that each measurement's peak memory is its own; its Measure
// comes back as JSON.
template <class F>
Measure in_child(const std::string& what, F&& f) {
    const util::ChildResult child = util::run_isolated([&] {
        Measure m = f();
        nlohmann::json j{{"accesses", m.accesses}, {"error", m.error}, {"phases", nlohmann::json::array()}};
        for (const Phase& p : m.phases) j["phases"].push_back({{"name", p.name}, {"s", p.seconds}, {"cpu", p.cpu_seconds}, {"rss", p.peak_rss_kib}});
        return j.dump();
    });
    if (child.end != util::ChildEnd::Returned) return Measure{what, 0, {}, "measuring process failed"};
    // R150: the child's report is read as strictly as any input; a garbled one is a failed measure.
    auto parsed = parse_json_strict(child.message);
    if (!parsed) return Measure{what, 0, {}, "measuring process failed: its report: " + parsed.error().message};
    const nlohmann::json& j = *parsed;
    try {
        Measure m{what, j.at("accesses"), {}, j.at("error")};
        for (const auto& p : j.at("phases")) m.phases.push_back(Phase{p.at("name"), p.at("s"), p.at("cpu"), p.at("rss")});
        return m;
    } catch (const nlohmann::json::exception& e) {
        return Measure{what, 0, {}, std::string("measuring process failed: its report: ") + e.what()};
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
Measure parse_alone(const std::string& path) {
    Measure m;
    Clock t;
    auto sc = load_scenario(path);
    if (!sc) return m.error = sc.error().message, m;
    m.accesses = count_accesses(*sc);
    m.phases.push_back(t.phase("parse", peak_rss_kib()));
    return m;
}

std::string output_error(const std::string& path, int error) { return "cannot write " + path + ": " + std::strerror(error); }

// What `memspec run FILE > out` does, in the same code path: the document read and run in one
// pass (records gathered into the RecordStore that run prints from), then printed.
Measure end_to_end(const std::string& path, const std::string& engine, const std::string& out_path) {
    Measure m;
    Clock t;
    RecordStore store;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) store.reserve(static_cast<std::size_t>(st.st_size) / 32);
    CountingSink counted(store);
    DocumentSource source(path);
    auto run = run_source(factory(engine), source, counted, {{}, [&] { store = RecordStore{}, counted.accesses = 0; }});
    if (!run) return m.error = run.error().message, m;
    m.accesses = counted.accesses;
    m.phases.push_back(t.phase("read+engine", peak_rss_kib()));
    t.restart();
    const int fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return m.error = output_error(out_path, errno), m;
    FdSink out(fd);
    write_result(out, store, run->finalize_chunk.has_value(), run->final_timestamp, run->roots);
    out.write("\n", 1);
    // A measure whose output was lost did not print the result: it is no measure of printing.
    if (::close(fd) != 0 && !out.failed()) out.fail(errno);
    if (out.failed()) return m.error = output_error(out_path, out.error()), m;
    m.phases.push_back(t.phase("print", peak_rss_kib()));
    return m;
}

// The engine alone: parsing done beforehand (not timed), records dropped as they are made.
Measure engine_alone(const std::string& path, const std::string& engine) {
    Measure m;
    auto sc = load_scenario(path);
    if (!sc) return m.error = sc.error().message, m;
    m.accesses = count_accesses(*sc);
    const long before = peak_rss_kib();
    Clock t;
    NullSink sink;
    auto clock = run_scenario(factory(engine), *sc, sink);
    if (!clock) return m.error = clock.error().message, m;
    // The engine's own peak: the process's peak minus what the parsed scenario took before.
    m.phases.push_back(t.phase("engine", peak_rss_kib() - before));
    return m;
}

// `memspec run --stream FILE > out`: parse, engine and print fused, one op at a time.
Measure stream(const std::string& path, const std::string& engine, const std::string& out_path) {
    Measure m;
    Clock t;
    const int in = ::open(path.c_str(), O_RDONLY);
    if (in < 0) return m.error = "cannot read " + path, m;
    const int fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return ::close(in), m.error = output_error(out_path, errno), m;
    FdSink out(fd);
    {
        TextWriter w(out, std::size_t{1} << 20);
        JsonLinesWriter sink(w);
        StreamSource source(in);
        auto run = run_source(factory(engine), source, sink);
        if (!run) return m.error = run.error().message, m;
        m.accesses = run->counts.reads + run->counts.writes;
        sink.end(run->final_timestamp, run->finalize_chunk, run->roots);
    }
    if (::close(fd) != 0 && !out.failed()) out.fail(errno);
    ::close(in);
    if (out.failed()) return m.error = output_error(out_path, out.error()), m;
    m.phases.push_back(t.phase("stream", peak_rss_kib()));
    return m;
}

}  // namespace

std::vector<Measure> time_scenario(const std::string& path, bool is_stream, bool with_oracle) {
    const std::string out_path = "/tmp/memspec-bench-" + std::to_string(getpid()) + ".out";
    std::vector<Measure> measures;
    if (is_stream) {
        measures.push_back(in_child("impl stream end-to-end", [&] { return stream(path, "impl", out_path); }));
    } else {
        measures.push_back(in_child("impl end-to-end", [&] { return end_to_end(path, "impl", out_path); }));
        measures.push_back(in_child("parse alone", [&] { return parse_alone(path); }));
        measures.push_back(in_child("impl engine alone", [&] { return engine_alone(path, "impl"); }));
        if (with_oracle) measures.push_back(in_child("oracle engine alone", [&] { return engine_alone(path, "oracle"); }));
    }
    ::unlink(out_path.c_str());
    return measures;
}

}  // namespace memspec::bench
