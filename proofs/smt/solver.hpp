// A solver over smt::Expr and the models it returns (R80). Z3 4.8.12's own `timeout` can deadlock
// in its timer thread pool, so none is set here: callers bound a query from outside, by running
// it in a child process (util/isolated.hpp).
#pragma once

#include <memory>
#include <string>

#include <memspec/proofs/smt/expr.hpp>

namespace memspec::proofs::smt {

enum class Answer { Sat, Unsat, Unknown };

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
    Answer check();
    Model model() const;  // after Sat
    // After Unknown: why, naming the solver ("z3 returned unknown: ...").
    std::string why_unknown() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace memspec::proofs::smt
