// `memspec run`: execute a scenario and print its result (R29), stream one (R38), or print only
// the SHA-256 of what would be printed (R39); or run a built-in workload and print a readable
// summary (--json for the full result). Either engine: impl (the default) or the oracle, both
// through the one engine interface (R37), with identical output.
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>
#include <memory>

#include "spec/interchange/indent.hpp"
#include "spec/interchange/interchange.hpp"
#include "spec/interchange/output.hpp"
#include "spec/interchange/record_store.hpp"
#include "spec/interchange/result_format.hpp"
#include "spec/interchange/scenario_writer.hpp"
#include "spec/workloads/workloads.hpp"
#include "tools/checked_stdout.hpp"
#include "tools/command.hpp"
#include "tools/io.hpp"
#include "tools/summary.hpp"

namespace memspec::cli {
namespace {

struct RunOptions {
    std::string scenario;
    std::string engine = "impl";
    std::string workload;
    std::uint64_t accesses = 0;
    bool json = false;
    bool list = false;
    bool print_scenario = false;
    bool jsonl = false;
    bool stream = false;
    bool digest = false;
    bool progress = false;
    int indent = -1;
};

// What a run of each workload at its default size does, counted from the ops it generates (not
// its nominal size: `default` mixes ticks in, the pattern-based ones round to whole patterns): ops,
// accesses (reads and writes, immediates included) and ticks, as the run's summary counts them.
int list_workloads() {
    for (const auto& w : workloads()) {
        std::uint64_t ops = 0, ticks = 0;
        if (auto st = for_each_workload_op(w.name, 0, [&](Op&& op) { ++ops, ticks += op.kind == OpKind::Tick; }); !st) {
            std::cerr << "memspec run: " << st.error().message << "\n";
            return EXIT_BAD_INPUT;
        }
        std::cout << w.name << "  (" << ops << " ops: " << ops - ticks << " accesses, " << ticks << " ticks)  " << w.description << "\n";
    }
    return EXIT_OK;
}

// Where the bytes go: stdout, or a SHA-256 of them printed at the end (R39), so that
// `memspec run --digest X` prints what `memspec run X | sha256sum` does (the hash part).
struct Output {
    ByteSink& fd = stdout_sink();
    Sha256Sink sha;
    bool digest;
    explicit Output(bool d) : digest(d) {}
    ByteSink& sink() { return digest ? static_cast<ByteSink&>(sha) : fd; }
    int finish(int status) {
        if (digest) {
            const std::string line = sha.hex() + "\n";
            fd.write(line.data(), line.size());
        }
        return status;
    }
};

int emit_error(Output& out, const MemoryError& e) {
    {
        TextWriter w(out.sink());
        w.put(to_json(e));
        w.put('\n');
    }
    return out.finish(exit_status(e));
}

MemoryError out_of_memory() { return make_error(ErrorKind::OutOfMemory, "out of memory; give a large run as a stream (--stream, R38)"); }

// The v1 result: printed once, directly, in the document's order, compact or (--indent) laid out
// from the compact bytes as they pass (R196).
void print_result(const RunOptions& o, Output& out, const RecordStore& store, bool with_final, std::uint32_t final_timestamp,
                  const std::optional<ResultRoots>& roots) {
    IndentSink indented(out.sink(), o.indent);
    ByteSink& sink = o.indent >= 0 ? static_cast<ByteSink&>(indented) : out.sink();
    write_result(sink, store, with_final, final_timestamp, roots);
    sink.write("\n", 1);
}

// A whole scenario: records gathered compactly while the engine runs, then printed.
int run_whole(const RunOptions& o, Scenario scenario, Output& out) {
    RecordStore store;
    store.reserve(scenario.ops.size());
    std::unique_ptr<ProgressBar> bar;
    ProgressFn progress;
    if (o.progress) {
        bar = std::make_unique<ProgressBar>("run (" + o.engine + ")");
        progress = [&](std::size_t done, std::size_t total) { bar->update(done, total); };
    }
    auto end = run_scenario(engine_factory(o.engine), scenario, store, progress);
    bar.reset();
    if (!end) return emit_error(out, end.error());
    const bool with_final = scenario.finalize_chunk.has_value();
    scenario = Scenario{};  // the ops are done with: free them before printing
    print_result(o, out, store, with_final, end->final_timestamp, end->roots);
    return out.finish(EXIT_OK);
}

// A scenario file: read and run in one pass (DocumentSource through the driver), printed as
// run_whole does.
int run_file(const RunOptions& o, Output& out) {
    RecordStore store;
    std::unique_ptr<ProgressBar> bar;
    ProgressFn progress;
    if (o.progress) {
        bar = std::make_unique<ProgressBar>("run (" + o.engine + ")");
        progress = [&](std::size_t done, std::size_t total) { bar->update(done, total); };
    }
    // Room for the records of as many ops as the file could hold (address space only).
    struct stat st {};
    if (o.scenario != "-" && ::stat(o.scenario.c_str(), &st) == 0) store.reserve(static_cast<std::size_t>(st.st_size) / 32);
    DocumentSource document(o.scenario);
    auto run = run_source(engine_factory(o.engine), document, store, {progress, [&] { store = RecordStore{}; }});
    bar.reset();
    if (!run) return emit_error(out, run.error());
    print_result(o, out, store, run->finalize_chunk.has_value(), run->final_timestamp, run->roots);
    return out.finish(EXIT_OK);
}

// R38: JSON Lines in, JSON Lines out, one op at a time: memory holds the touched cells only.
int run_stream_file(const RunOptions& o, Output& out) {
    const int fd = o.scenario == "-" ? 0 : ::open(o.scenario.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return emit_error(out, make_error(ErrorKind::ParseError, "cannot open scenario file '" + o.scenario + "': " + std::strerror(errno)));
    struct stat st {};
    const std::uint64_t file_size = fd != 0 && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? static_cast<std::uint64_t>(st.st_size) : 0;
    std::unique_ptr<ProgressBar> bar;
    if (o.progress && file_size) bar = std::make_unique<ProgressBar>("stream (" + o.engine + ")");
    int status = EXIT_OK;
    {
        TextWriter w(out.sink(), std::size_t{1} << 20);
        JsonLinesWriter sink(w);
        // R38: a stream ends with its final line or, after the records printed so far, one error
        // line (a read error and running out of memory included): never the final line after a
        // partial input.
        Result<RunEnd> run = out_of_memory();
        try {
            StreamSource stream(fd);
            run = run_source(engine_factory(o.engine), stream, sink, {[&](std::size_t bytes, std::size_t) {
                                 if (bar) bar->update(bytes, file_size);
                             }});
        } catch (const std::bad_alloc&) {
        } catch (const std::length_error&) {
        }
        if (run) {
            sink.end(run->final_timestamp, run->finalize_chunk, run->roots);
        } else {
            w.put(to_json(run.error()));
            w.put('\n');
            status = exit_status(run.error());
        }
    }
    if (fd > 0) ::close(fd);
    return out.finish(status);
}

int print_workload_scenario(const RunOptions& o) {
    TextWriter w(stdout_sink(), std::size_t{1} << 20);
    if (!o.jsonl) {
        auto scenario = make_workload(o.workload, o.accesses);
        if (!scenario) return print_error(scenario.error());
        if (o.indent >= 0) w.put(to_json(*scenario, o.indent));
        else write_scenario(w, *scenario);
        w.put('\n');
        return EXIT_OK;
    }
    // JSON Lines: generated op by op, so any size fits in constant memory.
    auto head = workload_head(o.workload, o.accesses);
    if (!head) return print_error(head.error());
    write_stream_header(w, *head);
    auto st = for_each_workload_op(o.workload, o.accesses, [&](Op&& op) {
        write_op(w, op);
        w.put('\n');
    });
    if (!st) return print_error(st.error());
    return EXIT_OK;
}

int print_file_scenario(const RunOptions& o) {
    auto scenario = load_scenario(o.scenario);
    if (!scenario) return print_error(scenario.error());
    TextWriter w(stdout_sink(), std::size_t{1} << 20);
    if (!o.jsonl) {
        write_scenario(w, *scenario);
        w.put('\n');
        return EXIT_OK;
    }
    write_stream_header(w, *scenario);
    for (const Op& op : scenario->ops) {
        write_op(w, op);
        w.put('\n');
    }
    return EXIT_OK;
}

int run_workload(const RunOptions& o) {
    auto scenario = make_workload(o.workload, o.accesses);
    if (!scenario) return print_error(scenario.error());
    if (o.json || o.digest) {
        Output out(o.digest);
        return run_whole(o, std::move(*scenario), out);
    }
    ProgressBar bar("run " + o.workload + " (" + o.engine + ")");
    NullSink records;  // the summary needs the run's counts only (R197)
    const auto start = std::chrono::steady_clock::now();
    auto end = run_scenario(engine_factory(o.engine), *scenario, records, [&](std::size_t done, std::size_t total) { bar.update(done, total); });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!end) return print_error(end.error());
    std::cout << summarize(o.workload + " (engine " + o.engine + ")", *scenario, *end, seconds);
    return EXIT_OK;
}

Register reg{{[](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<RunOptions>();
    auto* sub = app.add_subcommand("run", "Run a scenario (prints the result JSON) or a built-in workload (prints a summary)");
    sub->add_option("scenario", o->scenario, "scenario JSON file, or - for stdin");
    add_engine_option(*sub, o->engine);
    auto* wl = sub->add_option("--workload,-w", o->workload, "run a built-in workload instead (see --list-workloads)");
    sub->add_option("--accesses,-n", o->accesses, "workload size in ops (default: the workload's own; --list-workloads shows what each does)")->needs(wl);
    sub->add_flag("--json", o->json, "with --workload: print the full result JSON instead of the summary");
    sub->add_flag("--list-workloads", o->list, "list the built-in workloads");
    sub->add_flag("--print-scenario", o->print_scenario, "print the scenario (of --workload, or of the given file) instead of running it");
    sub->add_flag("--jsonl", o->jsonl, "with --print-scenario: print it as JSON Lines, the framing --stream reads (R38)");
    sub->add_flag("--stream", o->stream,
                  "read the scenario as JSON Lines (a header line, then one op per line, as they arrive) and print each record "
                  "as a JSON line when it is made (R38)");
    sub->add_flag("--digest", o->digest, "print the SHA-256 of the output instead of the output (R39)");
    sub->add_flag("--progress", o->progress, "show a progress bar on stderr (when it is a terminal)");
    sub->add_option("--indent", o->indent, "pretty-print the JSON with this indent");
    return [o]() -> int {
        if (o->list) return list_workloads();
        if (!o->workload.empty() && !o->scenario.empty())
            return print_error(make_error(ErrorKind::ParseError, "give either a scenario file or --workload, not both"));
        if (o->jsonl && !o->print_scenario) return print_error(make_error(ErrorKind::ParseError, "--jsonl goes with --print-scenario"));
        if (!o->workload.empty()) {
            if (o->stream) return print_error(make_error(ErrorKind::ParseError, "--stream reads a file or stdin, not --workload"));
            return o->print_scenario ? print_workload_scenario(*o) : run_workload(*o);
        }
        if (o->scenario.empty())
            return print_error(make_error(ErrorKind::ParseError, "run needs a scenario file, - for stdin, or --workload NAME"));
        if (o->print_scenario) return print_file_scenario(*o);
        Output out(o->digest);
        if (o->stream) {
            if (o->indent >= 0) return print_error(make_error(ErrorKind::ParseError, "--indent does not go with --stream (one object per line)"));
            return run_stream_file(*o, out);
        }
        // Out of memory holding the records: the error goes where the result would (the digest too).
        try {
            return run_file(*o, out);
        } catch (const std::bad_alloc&) {
        } catch (const std::length_error&) {
        }
        return emit_error(out, out_of_memory());
    };
}}};

}  // namespace
}  // namespace memspec::cli
