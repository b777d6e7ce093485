// Private to proofs/smt/*.cpp: the way from smt's opaque types to Z3's C++ API and back.
#pragma once

#include <string>

#include <z3++.h>

#include "proofs/smt/expr.hpp"

namespace memspec::proofs::smt {

struct Context::Impl {
    z3::context z3;
};

struct Bridge {
    static z3::context& z3(Context& c) { return c.impl_->z3; }
    static z3::expr z3(const Expr& e) { return z3::expr(e.ctx_->impl_->z3, e.ast_); }
    static Expr wrap(Context& c, const z3::expr& e) { return Expr(&c, e); }
};

// Runs f, turning the solver's exceptions into smt::Error.
template <class F>
auto guarded(F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const z3::exception& e) {
        throw Error(std::string("z3: ") + e.msg());
    }
}

}  // namespace memspec::proofs::smt
