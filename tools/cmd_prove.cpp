// `memspec prove`: runs the Z3 property catalogue (proofs/, R85-R99), each property in its own
// child process within its resource budget (R180), and prints a table or JSON with the budget and
// what was spent of it. Exit 0 iff every property reached its expected status (necessity entries
// too: each states whether its constraint is needed or redundant).
#include <cstring>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>
#include <system_error>

#include "explain/story.hpp"
#include "explain/trace_view.hpp"
#include "spec/air/check.hpp"
#include "spec/air/trace_io.hpp"
#include "proofs/catalogue.hpp"
#include "proofs/emit.hpp"
#include "proofs/outcome_json.hpp"
#include "proofs/user_chip.hpp"
#include "tools/checked_stdout.hpp"
#include "tools/command.hpp"
#include "tools/io.hpp"
#include "tools/version.hpp"

namespace memspec::cli {
namespace {

struct ProveOptions {
    std::string filter;
    bool json = false;
    bool fast = false;
    bool list = false;
    bool extended = false;
    std::uint64_t rlimit = 0;
    double wall_guard = 0;
    unsigned seed = 0;
    std::string encoding = "int";
    std::string strategy;
    std::string emit;
    bool emit_range_table = false;
    std::string emit_variant;
    std::string air;
};

// R101: writes the counterexample as DIR/<name>.traces.json and replays it: the sound AIR must
// reject it, and (when the problem balanced the memory bus) the weakened AIR must accept it; when
// nothing was removed and the bus balanced, the sound AIR must accept it (R288).
// Returns a one-line report; `ok` is false when a replay disagrees. A fixture that could not be
// written sets `write_error` (its errno): prove then ends with EXIT_OUTPUT_FAILED, not a verdict.
// R307: the range checker's table is left out ("range_checker": "derived") unless `range_table`
// is Written; either way the replay reads back the written text, so it checks what a reader gets.
std::string emit_fixture(const std::string& dir, const proofs::Property& p, const proofs::Counterexample& given,
                         air::RangeTable range_table, std::optional<air::Variant> variant, bool& ok, int& write_error) {
    ok = true;
    proofs::Counterexample c = given;
    if (variant && c.fixture) {
        // R343: written for the chip set the user asked for, when its rows mean the same there.
        auto info = proofs::retarget(*c.fixture, *variant);
        if (!info) return "not emitted: " + info.error().message;
        c.fixture = std::move(*info);
    }
    auto f = proofs::make_fixture(c);
    if (!f) return "not emitted: " + f.error().message;
    std::error_code dir_error;
    std::filesystem::create_directories(dir, dir_error);
    const std::string path = dir + "/" + p.name + ".traces.json";
    const std::string text = air::traces_to_json(f->traces, -1, range_table);
    const int error = dir_error ? dir_error.value() : write_file(path, text + "\n");
    if (error != 0) {
        if (write_error == 0) write_error = error;
        std::cerr << "memspec prove: cannot write " << path << ": " << std::strerror(error) << "\n";
        return "not emitted: cannot write " + path + ": " + std::strerror(error);
    }
    auto read_back = air::parse_traces(text);
    if (!read_back) {
        ok = false;
        return "emitted " + path + " but it does not read back: " + read_back.error().message;
    }
    std::string cmd = "memspec check --traces " + path;
    for (const auto& w : f->without) cmd += " --without '" + w + "'";
    const bool sound_rejects = !air::check(*read_back).accepted;
    if (f->completeness) {
        // A completeness counterexample is an honest row that a changed AIR rejects.
        ok = !sound_rejects;
        return "emitted " + path + ": honest rows, sound AIR " + (sound_rejects ? "REJECTS" : "accepts") + " (" + cmd + ")";
    }
    if (f->balanced && f->without.empty()) {
        // R288: nothing was removed, so the counterexample refutes an assumption, not a constraint
        // (R285: L4 dropped): the sound AIR itself must accept it.
        ok = !sound_rejects;
        return "emitted " + path + ": no constraint removed, sound AIR " + (sound_rejects ? "REJECTS" : "accepts") + " (" +
               cmd + ")";
    }
    const auto weak_airs = proofs::weakened_airs(*read_back, f->without);
    air::rederive_range_table(weak_airs, *read_back);
    const auto weak = air::check(weak_airs, read_back->traces);
    ok = sound_rejects && (!f->balanced || weak.accepted);
    return "emitted " + path + ": sound AIR " + (sound_rejects ? "rejects" : "ACCEPTS") + ", weakened AIR (" + cmd +
           ") " + (weak.accepted ? "accepts" : "rejects: " + weak.reason->constraint + " " + weak.reason->detail) +
           (f->balanced ? "" : " (row-level problem: no bus balance was claimed)");
}

// R300: a counterexample told as memory: its rows as a trace set of a memspec configuration (the
// fixture of R101), checked with the sound AIR, and the rejection's memory story. Nothing when the
// rows are no memspec chip's (a gadget on its own AIR) or the sound AIR accepts them.
std::vector<std::string> counterexample_story(const proofs::Counterexample& c) {
    auto f = proofs::make_fixture(c);
    if (!f || f->completeness) return {};
    auto airs = explain::airs_without(f->traces, {});
    if (!airs) return {};
    const air::Verdict v = air::check(*airs, f->traces.traces);
    auto story = explain::memory_story(*airs, f->traces.traces, v);
    if (!story.empty()) {
        const air::Rejection& r = *v.reason;
        story.insert(story.begin(), "memory story (the sound AIR rejects it: " + r.chip +
                                        (r.row ? " row " + std::to_string(*r.row) : "") + " " + r.constraint + "):");
    }
    return story;
}

// Necessity entries (R97) print "redundant" for a proof; each still has an asserted outcome.
bool informational(const proofs::Property& p) { return p.rule == "R97"; }

// A resource count for the table: 412k, 37.5M, 1.20G.
std::string units(std::uint64_t n) {
    std::ostringstream os;
    os << std::fixed << std::setprecision(n < 10'000 ? 0 : 1);
    if (n >= 1'000'000'000) os << std::setprecision(2) << static_cast<double>(n) / 1e9 << "G";
    else if (n >= 1'000'000) os << static_cast<double>(n) / 1e6 << "M";
    else if (n >= 10'000) os << static_cast<double>(n) / 1e3 << "k";
    else os << n;
    return os.str();
}

// R180: "spent/budget (p%)", or "spent (no limit)".
std::string budget_column(const proofs::Outcome& o) {
    if (o.rlimit == 0) return units(o.rlimit_used) + " (no limit)";
    const double pct = 100.0 * static_cast<double>(o.rlimit_used) / static_cast<double>(o.rlimit);
    std::ostringstream os;
    os << units(o.rlimit_used) << "/" << units(o.rlimit) << " (" << std::fixed << std::setprecision(pct < 10 ? 1 : 0)
       << pct << "%)";
    return os.str();
}

Register reg{{[](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<ProveOptions>();
    auto* sub = app.add_subcommand("prove", "Run the Z3 property catalogue over the spec's AIRs");
    sub->add_option("--filter", o->filter, "only properties whose name contains this text");
    sub->add_flag("--json", o->json, "print {\"properties\":[...]} instead of a table");
    sub->add_flag("--fast", o->fast, "only the fast subset (the one ctest runs)");
    sub->add_flag("--list", o->list, "list the property names and exit");
    sub->add_flag("--extended", o->extended, "also the stretch instances (minutes each)");
    auto* rlimit_opt = sub->add_option("--rlimit", o->rlimit,
                                       "Z3 resource budget per property (units of its \"rlimit count\"), overriding "
                                       "each property's own; 0: no limit (R180)");
    auto* guard_opt = sub->add_option("--wall-guard", o->wall_guard,
                                      "seconds of wall time after which a property's process is killed (an error, "
                                      "never a status), overriding each property's own (default 600)");
    sub->add_option("--seed", o->seed, "Z3 random seed");
    auto* strategy_opt = sub->add_option("--strategy", o->strategy,
                                         "deterministic solver strategy for every property, overriding each "
                                         "property's own: plain, preprocess or preprocess_nocuts (R180)")
                             ->check(CLI::IsMember({"plain", "preprocess", "preprocess_nocuts"}));
    sub->add_option("--air", o->air,
                    "prove a user chip (JSON: columns, constraints, range_checks, interactions) keeps memory "
                    "consistent, instead of the catalogue (R102)");
    sub->add_option("--emit", o->emit,
                    "write each counterexample as DIR/<property>.traces.json and replay it with the sound and the "
                    "weakened AIR (R101); the range checker's table is left out and marked derived (R307)");
    sub->add_option("--emit-variant", o->emit_variant,
                    "with --emit: write each counterexample as a trace set of this chip-set variant (openvm-v1.6, "
                    "openvm-v1.7: a later tag's chips) when its chips are the same there (R343)");
    sub->add_flag("--emit-range-table", o->emit_range_table,
                  "with --emit: write the range checker's table too (2^(decomp+1) rows) instead of marking it derived "
                  "(R307)");
    sub->add_option("--encoding", o->encoding, "int (linear integer arithmetic) or bv (128-bit bit-vectors)")
        ->check(CLI::IsMember({"int", "bv"}));
    return [o, rlimit_opt, guard_opt, strategy_opt]() -> int {
        std::optional<air::Variant> emit_variant;
        if (!o->emit_variant.empty()) {
            emit_variant = air::parse_variant(o->emit_variant);
            if (!emit_variant || o->emit.empty())
                return print_error(make_error(ErrorKind::ParseError, "--emit-variant " + o->emit_variant +
                                                                         ": needs --emit and a chip-set variant's name "
                                                                         "(openvm-v1.0, fixed-adapter, openvm-v1.6, openvm-v1.7, openvm-v2.0)"));
        }
        std::vector<proofs::Property> props;
        if (!o->air.empty()) {
            auto text = read_input(o->air, "chip file");
            if (!text) return print_error(text.error());
            auto chip = proofs::parse_user_chip(*text);
            if (!chip) return print_error(chip.error());
            props = proofs::user_chip_properties(*chip);
        } else {
            for (auto& p : proofs::catalogue())
                if ((!o->fast || p.fast) && (o->extended || !p.extended)) props.push_back(std::move(p));
        }
        if (o->list && o->json) {
            // The catalogue's declarations without running it (proofs/soundness_table.py reads them).
            nlohmann::json arr = nlohmann::json::array();
            for (const auto& p : props)
                arr.push_back({{"name", p.name}, {"rule", p.rule}, {"expected", std::string(proofs::to_string(p.expected))},
                               {"fast", p.fast}, {"extended", p.extended}, {"statement", p.statement}});
            std::cout << nlohmann::json{{"memspec", version_json()}, {"properties", arr}}.dump(2) << std::endl;
            return EXIT_OK;
        }
        if (o->list) {
            for (const auto& p : props)
                std::cout << p.name << "  [" << p.rule << ", expect " << proofs::to_string(p.expected) << ", rlimit "
                          << (p.rlimit > 0 ? p.rlimit : proofs::DEFAULT_RLIMIT) << ", "
                          << proofs::smt::to_string(p.strategy) << "]  "
                          << p.statement << "\n";
            return EXIT_OK;
        }
        proofs::Settings s;
        const proofs::LimitOverride override_limits{rlimit_opt->count() > 0, guard_opt->count() > 0,
                                                    strategy_opt->count() > 0};
        if (override_limits.strategy) s.strategy = *proofs::smt::strategy_from_string(o->strategy);
        if (override_limits.rlimit) s.rlimit = o->rlimit;
        if (override_limits.wall_guard) s.wall_guard_seconds = o->wall_guard;
        s.seed = o->seed;
        s.encoding = o->encoding == "bv" ? proofs::Encoding::Bv : proofs::Encoding::Int;
        bool all_ok = true;
        int emit_error = 0;
        nlohmann::json arr = nlohmann::json::array();
        for (const auto& p : props) {
            if (!o->filter.empty() && p.name.find(o->filter) == std::string::npos) continue;
            auto results = proofs::run_catalogue({p}, "", s, override_limits);
            const auto& r = results.front();
            bool ok = r.as_expected();
            std::string emitted;
            const auto& cx = r.outcome.counterexample;
            if (!o->emit.empty() && cx) {
                bool replay_ok = true;
                emitted = emit_fixture(o->emit, p, *cx,
                                       o->emit_range_table ? air::RangeTable::Written : air::RangeTable::Derived,
                                       emit_variant, replay_ok, emit_error);
                ok = ok && replay_ok;
            }
            all_ok = all_ok && ok;
            if (o->json) {
                nlohmann::json j{{"name", p.name},
                                 {"rule", p.rule},
                                 {"status", std::string(proofs::to_string(r.outcome.status))},
                                 {"expected", std::string(proofs::to_string(p.expected))},
                                 {"seconds", r.outcome.seconds},
                                 {"cpu_seconds", r.outcome.cpu_seconds},
                                 {"rlimit", r.outcome.rlimit},
                                 {"rlimit_used", r.outcome.rlimit_used},
                                 {"wall_guard_seconds", r.outcome.wall_guard_seconds},
                                 {"strategy", std::string(proofs::smt::to_string(override_limits.strategy ? s.strategy : p.strategy))},
                                 {"detail", r.outcome.detail}};
                if (!emitted.empty()) j["emitted"] = emitted;
                if (cx) j["counterexample"] = proofs::to_json(cx->rows);
                else j["counterexample"] = nullptr;
                // R300: the counterexample's memory story, when it is a trace set of memspec's chips.
                if (cx) j["story"] = counterexample_story(*cx);
                arr.push_back(j);
                continue;
            }
            std::string status(proofs::to_string(r.outcome.status));
            if (informational(p) && r.outcome.status == proofs::ProofStatus::Proved) status = "redundant";
            std::cout << std::left << std::setw(58) << p.name << " " << std::setw(15) << status << std::right
                      << std::setw(8) << std::fixed << std::setprecision(2) << r.outcome.seconds << "s"
                      << std::setw(8) << r.outcome.cpu_seconds << "s cpu  " << std::left << std::setw(22)
                      << budget_column(r.outcome) << std::right
                      << (ok ? "" : "   UNEXPECTED (expected " + std::string(proofs::to_string(p.expected)) + ")") << "\n";
            if (!r.outcome.detail.empty() && (r.outcome.status != proofs::ProofStatus::Proved || informational(p)))
                std::cout << "    " << r.outcome.detail << "\n";
            if (cx) {
                std::cout << cx->text;
                for (const auto& line : counterexample_story(*cx)) std::cout << "    " << line << "\n";
            }
            if (!emitted.empty()) std::cout << "    " << emitted << "\n";
            std::cout.flush();
        }
        if (o->json) std::cout << nlohmann::json{{"memspec", version_json()}, {"properties", arr}}.dump(2) << std::endl;  // R242
        if (emit_error != 0) return EXIT_OUTPUT_FAILED;
        return all_ok ? EXIT_OK : EXIT_REJECTED;
    };
}}};

}  // namespace
}  // namespace memspec::cli
