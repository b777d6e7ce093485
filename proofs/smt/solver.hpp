// A solver over smt::Expr and the models it returns (R80). A query is bounded by the solver's
// deterministic resource limit (R180): the same query reaches the same answer, or the limit, on
// any machine at any load. Z3 4.8.12's wall-clock `timeout` can deadlock in its timer thread pool,
// so none is set here; the wall-clock guard is the child process of util/isolated.hpp.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "proofs/smt/expr.hpp"

namespace memspec::proofs::smt {

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
    Solver(Context& ctx, unsigned random_seed);
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
