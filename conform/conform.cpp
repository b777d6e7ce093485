#include "conform/conform.hpp"

#include <atomic>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "conform/batch.hpp"
#include "conform/stream_framing.hpp"

namespace memspec::conform {

std::string_view to_string(TestStatus s) {
    switch (s) {
        case TestStatus::Passed: return "passed";
        case TestStatus::Failed: return "failed";
        case TestStatus::Waived: return "waived";
        case TestStatus::Skipped: return "skipped";
    }
    return "?";
}

void Counts::add(TestStatus s) {
    switch (s) {
        case TestStatus::Passed: ++passed; break;
        case TestStatus::Failed: ++failed; break;
        case TestStatus::Waived: ++waived; break;
        case TestStatus::Skipped: ++skipped; break;
    }
}

std::size_t ConformReport::judged() const {
    std::size_t n = 0;
    for (const auto& o : outcomes) n += o.status != TestStatus::Skipped;
    return n;
}

bool ConformReport::ok() const {
    for (const auto& o : outcomes)
        if (o.status == TestStatus::Failed) return false;
    // R202: a run that judged nothing (a command for a kind the files do not hold, say) has shown
    // nothing; passing it would let a misconfigured CI job stay green.
    return judged() > 0;
}

namespace {

std::string_view type_name(VectorTest::Kind k);

TestOutcome run_one(const VectorFile& file, std::size_t fi, std::size_t ti, const ConformOptions& options, BatchProcess* batch) {
    const VectorTest& t = file.tests[ti];
    TestOutcome o;
    o.file = fi, o.test = ti;
    // R245: outside the declared scope: skipped, with the reason, never run.
    if (auto why = out_of_scope(file, t, options.scope)) {
        o.status = TestStatus::Skipped;
        o.skip_reason = *why;
        o.out_of_scope = true;
        return o;
    }
    // R202: the command for this kind of test, or none: skipped.
    const std::string& command = t.kind == VectorTest::Kind::Trace  ? options.check_command
                                 : t.kind == VectorTest::Kind::Root ? options.root_command
                                                                    : options.command;
    if (command.empty()) {
        o.status = TestStatus::Skipped;
        o.skip_reason = std::string(type_name(t.kind)) + "s need " +
                        (t.kind == VectorTest::Kind::Trace ? "--check-cmd" : t.kind == VectorTest::Kind::Root ? "--root-cmd" : "--cmd");
        return o;
    }
    const Expect expect{t.result, &t.expected, t.finalize_order};
    if (t.kind == VectorTest::Kind::Trace) {
        o.difference = judge_trace(run_program(command, t.input, options.limits), t.result);
    } else if (t.kind == VectorTest::Kind::Root) {
        o.difference = judge_roots(expect, run_program(command, t.input, options.limits), t.input);
    } else if (batch) {
        // R246: one line in, one line out, through the job's long-lived process.
        o.difference = judge_scenario(expect, batch->ask(t.input), t.input);
    } else if (options.stream) {
        // R201: the program reads the scenario as JSON Lines and answers in JSON Lines.
        o.difference = judge_scenario_stream(expect, run_program(command, scenario_as_stream(t.input), options.limits), t.input);
    } else {
        o.difference = judge_scenario(expect, run_program(command, t.input, options.limits), t.input);
    }
    if (!o.difference) return o;
    for (const std::string& flag : t.flags)
        if (options.waivers.count(flag)) o.waived_by.push_back(flag);
    o.status = o.waived_by.empty() ? TestStatus::Failed : TestStatus::Waived;
    return o;
}

std::string join(const std::vector<std::string>& v, std::string_view sep = ", ") {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
    return out;
}

std::string pad(std::string s, std::size_t width) {
    if (s.size() < width) s.append(width - s.size(), ' ');
    return s;
}

std::string rpad(const std::string& s, std::size_t width) { return s.size() < width ? std::string(width - s.size(), ' ') + s : s; }

std::string counts_row(const Counts& c) {
    return rpad(std::to_string(c.total()), 6) + rpad(std::to_string(c.passed), 8) + rpad(std::to_string(c.failed), 8) +
           rpad(std::to_string(c.waived), 8) + rpad(std::to_string(c.skipped), 9);
}

// The flags in order of first appearance, with their counts and bug type.
struct FlagRow {
    std::string bug_type;
    Counts counts;
};

std::vector<std::pair<std::string, FlagRow>> flag_rows(const std::vector<VectorFile>& files, const ConformReport& report) {
    std::vector<std::pair<std::string, FlagRow>> rows;
    std::map<std::string, std::size_t> at;
    for (const auto& o : report.outcomes) {
        const VectorFile& f = files[o.file];
        const VectorTest& t = f.tests[o.test];
        std::vector<std::string> flags = t.flags;
        if (flags.empty()) flags.push_back("(no flag)");
        for (const auto& flag : flags) {
            auto [it, fresh] = at.emplace(flag, rows.size());
            if (fresh) {
                auto note = f.notes.find(flag);
                rows.push_back({flag, FlagRow{note == f.notes.end() ? "" : note->second.bug_type, {}}});
            }
            rows[it->second].second.counts.add(o.status);
        }
    }
    return rows;
}

std::string_view type_name(VectorTest::Kind k) {
    return k == VectorTest::Kind::Trace ? "TraceTest" : k == VectorTest::Kind::Root ? "RootTest" : "ScenarioTest";
}

// Why tests were skipped: the commands missing for the kinds that were (R202), and the scope (R245).
std::string skip_reasons(const std::vector<VectorFile>& files, const ConformReport& report) {
    bool kind[3] = {false, false, false};
    bool scope = false;
    for (const auto& o : report.outcomes) {
        if (o.status != TestStatus::Skipped) continue;
        if (o.out_of_scope) scope = true;
        else kind[static_cast<int>(files[o.file].tests[o.test].kind)] = true;
    }
    std::vector<std::string> why;
    if (kind[static_cast<int>(VectorTest::Kind::Scenario)]) why.push_back("ScenarioTests need --cmd");
    if (kind[static_cast<int>(VectorTest::Kind::Trace)]) why.push_back("TraceTests need --check-cmd");
    if (kind[static_cast<int>(VectorTest::Kind::Root)]) why.push_back("RootTests need --root-cmd");
    if (scope) why.push_back("outside the implementation's scope, listed above");
    return why.empty() ? std::string() : " (" + join(why) + ")";
}

std::string test_title(const VectorFile& f, const VectorTest& t) {
    std::string s = f.path + " tcId " + std::to_string(t.tc_id) + " (" + std::string(to_string(t.result));
    if (t.kind != VectorTest::Kind::Scenario) s += ", " + std::string(type_name(t.kind));
    s += ")";
    if (!t.flags.empty()) s += " [" + join(t.flags) + "]";
    if (!t.comment.empty()) s += ": " + excerpt_text(t.comment, 120);
    return s;
}

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

}  // namespace

std::string reproduce_command(const VectorFile& file, const VectorTest& test, const ConformOptions& options) {
    std::string cmd = "memspec conform";
    if (test.kind == VectorTest::Kind::Trace) cmd += " --check-cmd " + shell_quote(options.check_command);
    else if (test.kind == VectorTest::Kind::Root) cmd += " --root-cmd " + shell_quote(options.root_command);
    else {
        if (options.stream) cmd += " --stream";
        if (options.batch) cmd += " --batch";
        cmd += " --cmd " + shell_quote(options.command);
    }
    if (options.limits.timeout != RunLimits{}.timeout) {
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%g", static_cast<double>(options.limits.timeout.count()) / 1000.0);
        cmd += " --timeout " + std::string(seconds);
    }
    return cmd + " --file " + shell_quote(file.path) + " --tc-id " + std::to_string(test.tc_id);
}

ConformReport run_conform(const std::vector<VectorFile>& files, const ConformOptions& options) {
    std::vector<std::pair<std::size_t, std::size_t>> work;
    for (std::size_t f = 0; f < files.size(); ++f)
        for (std::size_t t = 0; t < files[f].tests.size(); ++t)
            if (options.tc_ids.empty() || options.tc_ids.count(files[f].tests[t].tc_id)) work.push_back({f, t});
    ConformReport report;
    report.outcomes.resize(work.size());
    std::atomic<std::size_t> next{0};
    std::mutex progress_mutex;
    std::size_t done = 0;
    auto worker = [&] {
        // R246: each job keeps its own process of the implementation, started at its first ScenarioTest.
        std::unique_ptr<BatchProcess> batch;
        if (options.batch && !options.command.empty()) batch = std::make_unique<BatchProcess>(options.command, options.limits);
        for (std::size_t i = next++; i < work.size(); i = next++) {
            report.outcomes[i] = run_one(files[work[i].first], work[i].first, work[i].second, options, batch.get());
            if (options.progress) {
                std::lock_guard lock(progress_mutex);
                options.progress(++done, work.size());
            }
        }
        if (batch) batch->stop();
    };
    const unsigned jobs = std::max(1u, std::min<unsigned>(options.jobs, static_cast<unsigned>(std::max<std::size_t>(work.size(), 1))));
    std::vector<std::thread> threads;
    for (unsigned j = 1; j < jobs; ++j) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
    return report;
}

std::string report_text(const std::vector<VectorFile>& files, const ConformReport& report, const ConformOptions& options) {
    std::string out = "memspec conform: " + (options.command.empty() ? std::string("(no --cmd)") : options.command) +
                      (options.stream && !options.command.empty() ? " (JSON Lines)" : "") + "\n";
    if (!options.check_command.empty()) out += "verifier (TraceTests): " + options.check_command + "\n";
    if (!options.root_command.empty()) out += "roots (RootTests): " + options.root_command + "\n";
    std::vector<Counts> per_file(files.size());
    Counts total;
    for (const auto& o : report.outcomes) per_file[o.file].add(o.status), total.add(o.status);
    std::size_t wf = 4;
    for (const auto& f : files) wf = std::max(wf, f.path.size() + 2);
    out += "\n" + pad("file", wf) + pad("profile", 24) + " tests  passed  failed  waived  skipped\n";
    for (std::size_t i = 0; i < files.size(); ++i) out += pad(files[i].path, wf) + pad(files[i].profile, 24) + counts_row(per_file[i]) + "\n";
    const auto flags = flag_rows(files, report);
    std::size_t wl = 4;
    for (const auto& [name, row] : flags) wl = std::max(wl, name.size() + 2);
    out += "\n" + pad("flag", wl) + pad("bugType", 16) + " tests  passed  failed  waived  skipped\n";
    for (const auto& [name, row] : flags) out += pad(name, wl) + pad(row.bug_type, 16) + counts_row(row.counts) + "\n";
    for (TestStatus kind : {TestStatus::Failed, TestStatus::Waived}) {
        bool header = false;
        for (const auto& o : report.outcomes) {
            if (o.status != kind) continue;
            if (!header) out += kind == TestStatus::Failed ? "\nfailures (first difference of each):\n" : "\nwaived (failing, accepted by --waive):\n";
            header = true;
            const VectorFile& f = files[o.file];
            out += (kind == TestStatus::Failed ? "FAIL " : "WAIVED ") + test_title(f, f.tests[o.test]);
            if (!o.waived_by.empty()) out += " — waived by " + join(o.waived_by);
            out += "\n";
            if (o.difference) out += o.difference->text();
            if (kind == TestStatus::Failed) out += "    reproduce: " + reproduce_command(f, f.tests[o.test], options) + "\n";
        }
    }
    {
        // R245: what the scope left out, and why, one line each.
        bool header = false;
        for (const auto& o : report.outcomes) {
            if (!o.out_of_scope) continue;
            if (!header) out += "\nskipped (outside the implementation's scope):\n";
            header = true;
            const VectorFile& f = files[o.file];
            out += "SKIP " + f.path + " tcId " + std::to_string(f.tests[o.test].tc_id) + ": " + o.skip_reason + "\n";
        }
    }
    out += "\n" + std::to_string(total.total()) + " tests: " + std::to_string(total.passed) + " passed, " + std::to_string(total.failed) +
           " failed, " + std::to_string(total.waived) + " waived, " + std::to_string(total.skipped) + " skipped" +
           skip_reasons(files, report) + "\n";
    if (report.judged() == 0) out += "no test was judged: give the command for the kinds of test these files hold (R202)\n";
    return out;
}

Json report_json(const std::vector<VectorFile>& files, const ConformReport& report, const ConformOptions& options) {
    auto counts_json = [](const Counts& c) {
        return Json{{"tests", c.total()}, {"passed", c.passed}, {"failed", c.failed}, {"waived", c.waived}, {"skipped", c.skipped}};
    };
    std::vector<Counts> per_file(files.size());
    Counts total;
    for (const auto& o : report.outcomes) per_file[o.file].add(o.status), total.add(o.status);
    Json j = Json::object();
    j["command"] = options.command;
    if (!options.check_command.empty()) j["check_command"] = options.check_command;
    if (!options.root_command.empty()) j["root_command"] = options.root_command;
    if (options.stream) j["stream"] = true;
    if (options.batch) j["batch"] = true;
    j["waivers"] = Json::array();
    for (const auto& w : options.waivers) j["waivers"].push_back(w);
    j["files"] = Json::array();
    for (std::size_t i = 0; i < files.size(); ++i) {
        Json f = counts_json(per_file[i]);
        f["path"] = files[i].path;
        f["profile"] = files[i].profile;
        j["files"].push_back(f);
    }
    j["flags"] = Json::object();
    for (const auto& [name, row] : flag_rows(files, report)) {
        Json f = counts_json(row.counts);
        if (!row.bug_type.empty()) f["bugType"] = row.bug_type;
        j["flags"][name] = f;
    }
    for (const char* key : {"failures", "waived", "skipped"}) j[key] = Json::array();
    for (const auto& o : report.outcomes) {
        if (o.status == TestStatus::Passed) continue;
        const VectorFile& f = files[o.file];
        const VectorTest& t = f.tests[o.test];
        Json e = {{"file", f.path}, {"tcId", t.tc_id}, {"flags", t.flags}, {"result", std::string(to_string(t.result))},
                  {"type", std::string(type_name(t.kind))}};
        if (!t.comment.empty()) e["comment"] = t.comment;
        if (o.difference) e["difference"] = o.difference->to_json();
        if (!o.waived_by.empty()) e["waived_by"] = o.waived_by;
        if (o.status == TestStatus::Skipped) e["reason"] = o.skip_reason;
        if (o.status == TestStatus::Failed) e["reproduce"] = reproduce_command(f, t, options);
        j[o.status == TestStatus::Failed ? "failures" : o.status == TestStatus::Waived ? "waived" : "skipped"].push_back(e);
    }
    j["totals"] = counts_json(total);
    j["ok"] = report.ok();
    return j;
}

}  // namespace memspec::conform
