// A solver over smt::Expr and the models it returns (R80). A query is bounded by the solver's
// deterministic resource limit (R180): the same query reaches the same answer, or the limit, on
// any machine at any load. Z3 4.8.12's wall-clock `timeout` can deadlock in its timer thread pool,
// so none is set here; the wall-clock guard is the child process of util/isolated.hpp.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "proofs/smt/expr.hpp"

namespace memspec::proofs::smt {

// How a solver decides (R180). Every strategy is deterministic: no step runs under a wall-clock
// limit, so the same query spends the same resource count and reaches the same answer at any
// load. (Z3's default solver is not: for these queries it runs a tactic whose sub-tactics are
// raced against `try_for` timers, so which one answers depends on the CPU the process gets.)
//   Plain:               Z3's SMT core on the assertions as given (`simple` solver).
//   Preprocess:          simplify, propagate-values, solve-eqs, then the SMT core; eliminating
//                        the equalities first is what answers the row-level audits quickly.
//   PreprocessNoCuts:    the same with the arithmetic solver's Gomory cuts effectively off
//                        (arith.branch_cut_ratio 10^7, as in Z3's own QF_LIA strategy); the
//                        comparison gadgets' necessity instances need it.
// A solver that is pushed (incremental goals) keeps its assertions and reruns the pipeline on
// each check, so incremental problems name Plain.
enum class Strategy { Plain, Preprocess, PreprocessNoCuts };
inline constexpr Strategy ALL_STRATEGIES[] = {Strategy::Plain, Strategy::Preprocess, Strategy::PreprocessNoCuts};
std::string_view to_string(Strategy s);
std::optional<Strategy> strategy_from_string(std::string_view name);

// ResourceLimit: the check spent its whole resource budget (R180) without an answer; Unknown:
// the solver gave up for another reason (why_unknown() says which).
enum class Answer { Sat, Unsat, Unknown, ResourceLimit };

// A satisfying assignment. Terms are evaluated with model completion: a variable the solver left
// free gets a value too.
class Model {
public:
    ~Model();
    Model(Model&&) noexcept;
    // The value of a numeric term, in decimal.
    std::string decimal(const Expr& e) const;
    bool is_true(const Expr& e) const;

private:
    friend class Solver;
    struct Impl;
    explicit Model(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

class Solver {
public:
    Solver(Context& ctx, unsigned random_seed, Strategy strategy = Strategy::Plain);
    ~Solver();
    Solver(const Solver&) = delete;
    Solver& operator=(const Solver&) = delete;

    void add(const Expr& e);
    void push();
    void pop();
    // Decides the assertions, spending at most `rlimit` units of Z3's resource counter (its
    // statistic "rlimit count"); 0: no limit. Z3 takes a 32-bit budget per check, so a larger one
    // is cut to 2^32 - 2^24 (about 4.28e9; solver.cpp says why), and a check without a limit
    // is counted exactly only below 2^32 units.
    Answer check(std::uint64_t rlimit);
    Model model() const;  // after Sat
    // After Unknown or ResourceLimit: why, naming the solver ("z3 returned unknown: ...").
    std::string why_unknown() const;
    // Resource units spent by every check of this solver so far.
    std::uint64_t rlimit_count() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace memspec::proofs::smt
