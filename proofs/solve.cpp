// The solve loop (R80-R84): one query per problem (or one push/pop per goal conjunct), the
// concrete re-check of every model (R84), and the retry without the inverse encoding when a
// model is spurious.
#include "proofs/solve.hpp"

#include <chrono>
#include <ctime>

#include "proofs/emit.hpp"
#include "proofs/encoder.hpp"
#include "proofs/smt/solver.hpp"

namespace memspec::proofs {

namespace {

double now_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// CPU time of this process: what the solver costs, whatever else the machine runs.
double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

// The model as rows of named cells, every block in order.
Counterexample counterexample_of(const Problem& problem, const Assignment& a) {
    Counterexample c{render(problem, a), {}, fixture_info(problem, a)};
    for (std::uint32_t b = 0; b < problem.blocks.size(); ++b) {
        const Block& blk = problem.blocks[b];
        for (std::size_t r = 0; r < blk.rows; ++r) {
            CounterexampleRow row{blk.air.name, r, {}};
            for (std::size_t col = 0; col < blk.air.width(); ++col)
                row.cells[blk.air.columns[col]] = a.cells[b][r * blk.air.width() + col].v;
            c.rows.push_back(std::move(row));
        }
    }
    return c;
}

// One attempt with at most `budget` resource units (0: none); out.rlimit_used says what it spent.
// `retry` is set when a model was spurious while witness-only inverses were encoded as products
// (EncoderOptions::inverses): solve() then tries again without them.
Outcome solve_once(const Problem& problem, const Settings& settings, EncoderOptions options, std::uint64_t budget,
                   bool& retry) {
    Outcome out;
    retry = false;
    try {
        smt::Context ctx(settings.encoding == Encoding::Bv ? smt::Numbers::BitVector128 : smt::Numbers::Int);
        Encoder enc(problem, ctx, options);
        for (const auto& a : problem.assumptions) enc.absorb_bounds(a);
        smt::Solver solver(ctx, settings.seed, settings.strategy);
        // R180: every check draws on the one budget of the attempt. A spent budget is never
        // passed on as 0, which would mean "no limit".
        std::string why_unknown;
        auto check = [&] {
            if (budget > 0 && out.rlimit_used >= budget) {
                why_unknown = "nothing left for this query";
                return smt::Answer::ResourceLimit;
            }
            const smt::Answer a = solver.check(budget == 0 ? 0 : budget - out.rlimit_used);
            out.rlimit_used = solver.rlimit_count();
            if (a == smt::Answer::Unknown || a == smt::Answer::ResourceLimit) why_unknown = solver.why_unknown();
            return a;
        };
        const bool assume = problem.air_role == AirRole::Assume;
        std::vector<smt::Expr> query;
        for (const auto& a : problem.assumptions) query.push_back(enc.claim(a));
        if (assume) {
            query.push_back(enc.air_formula());
            if (problem.memory_bus_balanced) query.push_back(enc.bus_formula());
            query.push_back(enc.symmetry());
            if (!problem.incremental_goals) query.push_back(!enc.claim(problem.goal));
        } else {
            query.push_back(!enc.air_formula());
        }
        for (const auto& s : enc.side()) solver.add(s);
        for (const auto& q : query) solver.add(q);
        // Incremental goals: one solver, one push/pop per conjunct of the goal, so what the solver
        // learns about the AIR and the bus is kept from one conjunct to the next.
        Problem single;
        const Problem* checked = &problem;
        smt::Answer answer = smt::Answer::Unsat;
        if (assume && problem.incremental_goals) {
            std::size_t sides = enc.side().size();
            std::vector<Claim> goals = problem.goal.kind == Claim::Kind::And ? problem.goal.kids
                                                                              : std::vector<Claim>{problem.goal};
            for (std::size_t g = 0; g < goals.size() && answer == smt::Answer::Unsat; ++g) {
                solver.push();
                smt::Expr neg = !enc.claim(goals[g]);
                for (std::size_t i = sides; i < enc.side().size(); ++i) solver.add(enc.side()[i]);
                sides = enc.side().size();
                solver.add(neg);
                answer = check();
                if (answer != smt::Answer::Unsat) {
                    single = problem;
                    single.goal = goals[g];
                    checked = &single;
                    out.detail = "goal conjunct " + std::to_string(g);
                    break;
                }
                solver.pop();
            }
            if (answer == smt::Answer::Unsat) out.detail = std::to_string(goals.size()) + " goal conjuncts proved incrementally";
        } else {
            answer = check();
        }
        const Problem& problem_checked = *checked;
        switch (answer) {
            case smt::Answer::Unsat:
                out.status = ProofStatus::Proved;
                break;
            case smt::Answer::ResourceLimit:
                out.status = ProofStatus::ResourceLimit;
                out.detail = (out.detail.empty() ? "" : out.detail + ": ") + "resource limit: " +
                             std::to_string(out.rlimit_used) + " of " + std::to_string(budget) + " units spent (" +
                             why_unknown + ")";
                break;
            case smt::Answer::Unknown:
                out.status = ProofStatus::Error;
                out.detail = why_unknown;
                break;
            case smt::Answer::Sat: {
                Assignment a = enc.assignment(solver.model());
                // R84: a model is shown only if the concrete evaluator agrees it is one.
                std::string why;
                for (const auto& c : problem.assumptions)
                    if (!holds(problem, a, c)) why = "a precondition does not hold concretely";
                std::string viol = air_violation(problem, a);
                if (assume) {
                    if (!viol.empty()) why = "the concrete checker rejects the model: " + viol;
                    if (holds(problem_checked, a, problem_checked.goal)) why = "the goal holds concretely on the model";
                } else if (viol.empty()) {
                    why = "the concrete checker accepts the model, so it is no counterexample";
                }
                if (!why.empty()) {
                    retry = enc.used_inverses();
                    out.status = ProofStatus::Error;
                    out.detail = "spurious model (encoding bug): " + why + "\n" + render(problem, a);
                    break;
                }
                out.status = ProofStatus::Counterexample;
                if (!assume) out.detail = "rejected by: " + viol;
                out.counterexample = counterexample_of(problem, a);
                break;
            }
        }
    } catch (const Unsupported& e) {
        out.status = ProofStatus::Error;
        out.detail = std::string("unsupported by the translation: ") + e.what();
    } catch (const smt::Error& e) {
        out.status = ProofStatus::Error;
        out.detail = e.what();
    }
    return out;
}

}  // namespace

Outcome solve(const Problem& problem, const Settings& settings) {
    const double start = now_seconds(), cpu_start = cpu_seconds();
    bool retry = false;
    Outcome out = solve_once(problem, settings, EncoderOptions{true}, settings.rlimit, retry);
    std::uint64_t used = out.rlimit_used;
    if (retry) {
        // The retry spends what the first attempt left (R180: one budget per problem).
        if (settings.rlimit > 0 && used >= settings.rlimit) {
            out = Outcome{};
            out.status = ProofStatus::ResourceLimit;
            out.detail = "resource limit: the first attempt's model was spurious and spent the whole budget";
        } else {
            out = solve_once(problem, settings, EncoderOptions{false}, settings.rlimit == 0 ? 0 : settings.rlimit - used,
                             retry);
            used += out.rlimit_used;
        }
    }
    out.rlimit = settings.rlimit;
    out.rlimit_used = used;
    out.seconds = now_seconds() - start;
    out.cpu_seconds = cpu_seconds() - cpu_start;
    return out;
}

}  // namespace memspec::proofs
