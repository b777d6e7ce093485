// `memspec prove`: runs the Z3 property catalogue (proofs/, R85-R99), each property in its own
// child process, and prints a table or JSON. Exit 0 iff every property reached its expected
// status (necessity entries too: each states whether its constraint is needed or redundant).
#include <cstring>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <system_error>

#include <memspec/air/check.hpp>
#include <memspec/air/trace_io.hpp>
#include <memspec/proofs/catalogue.hpp>
#include <memspec/proofs/emit.hpp>
#include <memspec/proofs/outcome_json.hpp>
#include <memspec/proofs/user_chip.hpp>
#include "checked_stdout.hpp"
#include "command.hpp"
#include "io.hpp"

namespace memspec::cli {
namespace {

struct ProveOptions {
    std::string filter;
    bool json = false;
    bool fast = false;
    bool list = false;
    bool extended = false;
    double timeout = 60;
    unsigned seed = 0;
    std::string encoding = "int";
    std::string emit;
    std::string air;
};

// R101: writes the counterexample as DIR/<name>.traces.json and replays it: the sound AIR must
// reject it, and (when the problem balanced the memory bus) the weakened AIR must accept it.
// Returns a one-line report; `ok` is false when a replay disagrees. A fixture that could not be
// written sets `write_error` (its errno): prove then ends with EXIT_OUTPUT_FAILED, not a verdict.
std::string emit_fixture(const std::string& dir, const proofs::Property& p, const proofs::Counterexample& c, bool& ok,
                         int& write_error) {
    ok = true;
    auto f = proofs::make_fixture(c);
    if (!f) return "not emitted: " + f.error().message;
    std::error_code dir_error;
    std::filesystem::create_directories(dir, dir_error);
    const std::string path = dir + "/" + p.name + ".traces.json";
    const int error = dir_error ? dir_error.value() : write_file(path, air::traces_to_json(f->traces) + "\n");
    if (error != 0) {
        if (write_error == 0) write_error = error;
        std::cerr << "memspec prove: cannot write " << path << ": " << std::strerror(error) << "\n";
        return "not emitted: cannot write " + path + ": " + std::strerror(error);
    }
    std::string cmd = "memspec check --traces " + path;
    for (const auto& w : f->without) cmd += " --without '" + w + "'";
    const bool sound_rejects = !air::check(f->traces).accepted;
    if (f->completeness) {
        // A completeness counterexample is an honest row that a changed AIR rejects.
        ok = !sound_rejects;
        return "emitted " + path + ": honest rows, sound AIR " + (sound_rejects ? "REJECTS" : "accepts") + " (" + cmd + ")";
    }
    const auto weak = air::check(proofs::weakened_airs(f->traces, f->without), f->traces.traces);
    ok = sound_rejects && (!f->balanced || weak.accepted);
    return "emitted " + path + ": sound AIR " + (sound_rejects ? "rejects" : "ACCEPTS") + ", weakened AIR (" + cmd +
           ") " + (weak.accepted ? "accepts" : "rejects: " + weak.reason->constraint + " " + weak.reason->detail) +
           (f->balanced ? "" : " (row-level problem: no bus balance was claimed)");
}

// Necessity entries (R97) print "redundant" for a proof; each still has an asserted outcome.
bool informational(const proofs::Property& p) { return p.rule == "R97"; }

Register reg{{[](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<ProveOptions>();
    auto* sub = app.add_subcommand("prove", "Run the Z3 property catalogue over the spec's AIRs");
    sub->add_option("--filter", o->filter, "only properties whose name contains this text");
    sub->add_flag("--json", o->json, "print {\"properties\":[...]} instead of a table");
    sub->add_flag("--fast", o->fast, "only the fast subset (the one ctest runs)");
    sub->add_flag("--list", o->list, "list the property names and exit");
    sub->add_flag("--extended", o->extended, "also the stretch instances (minutes each)");
    auto* timeout_opt = sub->add_option("--timeout", o->timeout,
                                        "seconds per property, overriding each property's own limit (default 60)");
    sub->add_option("--seed", o->seed, "Z3 random seed");
    sub->add_option("--air", o->air,
                    "prove a user chip (JSON: columns, constraints, range_checks, interactions) keeps memory "
                    "consistent, instead of the catalogue (R102)");
    sub->add_option("--emit", o->emit,
                    "write each counterexample as DIR/<property>.traces.json and replay it with the sound and the "
                    "weakened AIR (R101)");
    sub->add_option("--encoding", o->encoding, "int (linear integer arithmetic) or bv (128-bit bit-vectors)")
        ->check(CLI::IsMember({"int", "bv"}));
    return [o, timeout_opt]() -> int {
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
        if (o->list) {
            for (const auto& p : props)
                std::cout << p.name << "  [" << p.rule << ", expect " << proofs::to_string(p.expected) << "]  "
                          << p.statement << "\n";
            return EXIT_OK;
        }
        proofs::Settings s;
        s.timeout_seconds = o->timeout;
        s.seed = o->seed;
        s.encoding = o->encoding == "bv" ? proofs::Encoding::Bv : proofs::Encoding::Int;
        bool all_ok = true;
        int emit_error = 0;
        nlohmann::json arr = nlohmann::json::array();
        for (const auto& p : props) {
            if (!o->filter.empty() && p.name.find(o->filter) == std::string::npos) continue;
            auto results = proofs::run_catalogue({p}, "", s, timeout_opt->count() > 0);
            const auto& r = results.front();
            bool ok = r.as_expected();
            std::string emitted;
            const auto& cx = r.outcome.counterexample;
            if (!o->emit.empty() && cx) {
                bool replay_ok = true;
                emitted = emit_fixture(o->emit, p, *cx, replay_ok, emit_error);
                ok = ok && replay_ok;
            }
            all_ok = all_ok && ok;
            if (o->json) {
                nlohmann::json j{{"name", p.name},
                                 {"rule", p.rule},
                                 {"status", std::string(proofs::to_string(r.outcome.status))},
                                 {"expected", std::string(proofs::to_string(p.expected))},
                                 {"seconds", r.outcome.seconds},
                                 {"detail", r.outcome.detail}};
                if (!emitted.empty()) j["emitted"] = emitted;
                if (cx) j["counterexample"] = proofs::to_json(cx->rows);
                else j["counterexample"] = nullptr;
                arr.push_back(j);
                continue;
            }
            std::string status(proofs::to_string(r.outcome.status));
            if (informational(p) && r.outcome.status == proofs::ProofStatus::Proved) status = "redundant";
            std::cout << std::left << std::setw(58) << p.name << " " << std::setw(15) << status << std::right
                      << std::setw(8) << std::fixed << std::setprecision(2) << r.outcome.seconds << "s"
                      << (ok ? "" : "   UNEXPECTED (expected " + std::string(proofs::to_string(p.expected)) + ")") << "\n";
            if (!r.outcome.detail.empty() && (r.outcome.status != proofs::ProofStatus::Proved || informational(p)))
                std::cout << "    " << r.outcome.detail << "\n";
            if (cx) std::cout << cx->text;
            if (!emitted.empty()) std::cout << "    " << emitted << "\n";
            std::cout.flush();
        }
        if (o->json) std::cout << nlohmann::json{{"properties", arr}}.dump(2) << std::endl;
        if (emit_error != 0) return EXIT_OUTPUT_FAILED;
        return all_ok ? EXIT_OK : EXIT_REJECTED;
    };
}}};

}  // namespace
}  // namespace memspec::cli
