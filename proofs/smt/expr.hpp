// The SMT layer (R80), in the style of alive2's smt/: a context, a term type with the operators
// the encoder needs, and (smt/solver.hpp) a solver and its models. proofs/smt/*.cpp are the only
// files that include the solver's headers; the encoder and the solve loop see these types alone.
//
// Terms are booleans or numbers. Numbers are unbounded integers (linear integer arithmetic, the
// default) or signed 128-bit bit-vectors, chosen once per context (R81 measures both); the
// operators and comparisons below pick the matching operation.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

// The solver's term handle, opaque outside proofs/smt/*.cpp.
struct _Z3_ast;

namespace memspec::proofs::smt {

using i128 = __int128;

enum class Numbers { Int, BitVector128 };

// Anything the solver reports as an error (out of memory, a sort mismatch). what() names the
// solver: "z3: <message>".
struct Error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Context;

// A term of one context; it keeps its term alive (reference counted), so a copy is cheap. Moving a
// new term into an Expr leaves the old one alive until the context ends (expr.cpp says why). The
// context must outlive every Expr made in it.
class Expr {
public:
    Expr(const Expr& other);
    Expr(Expr&& other) noexcept;
    Expr& operator=(const Expr& other);
    Expr& operator=(Expr&& other) noexcept;
    ~Expr();

    Context& context() const { return *ctx_; }

    friend Expr operator+(const Expr& a, const Expr& b);
    friend Expr operator-(const Expr& a, const Expr& b);
    friend Expr operator*(const Expr& a, const Expr& b);
    friend Expr operator==(const Expr& a, const Expr& b);
    friend Expr operator!(const Expr& a);
    friend Expr operator&&(const Expr& a, const Expr& b);
    friend Expr operator||(const Expr& a, const Expr& b);

private:
    friend class Context;
    friend class Solver;
    friend class Model;
    friend struct Bridge;
    Expr(Context* ctx, _Z3_ast* ast);  // takes a new reference on ast
    Context* ctx_;
    _Z3_ast* ast_;
};

// Numeric order (signed for bit-vectors).
Expr le(const Expr& a, const Expr& b);
Expr lt(const Expr& a, const Expr& b);
Expr implies(const Expr& a, const Expr& b);
Expr ite(const Expr& cond, const Expr& then, const Expr& otherwise);

class Context {
public:
    explicit Context(Numbers numbers);
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    Numbers numbers() const { return numbers_; }
    Expr boolean(bool v);
    Expr num(i128 v);
    // A numeric variable; the name is what the solver's own output shows.
    Expr var(const std::string& name);
    // The conjunction / disjunction of `parts` (true / false when empty).
    Expr all(const std::vector<Expr>& parts);
    Expr any(const std::vector<Expr>& parts);

private:
    friend class Expr;
    friend class Solver;
    friend class Model;
    friend struct Bridge;
    struct Impl;
    std::unique_ptr<Impl> impl_;
    Numbers numbers_;
};

}  // namespace memspec::proofs::smt
