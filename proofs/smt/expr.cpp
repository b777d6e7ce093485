#include "proofs/smt/expr.hpp"

#include "proofs/smt/z3_bridge.hpp"

namespace memspec::proofs::smt {

namespace {

std::string decimal(i128 v) {
    if (v == 0) return "0";
    const bool neg = v < 0;
    unsigned __int128 u = neg ? static_cast<unsigned __int128>(-v) : static_cast<unsigned __int128>(v);
    std::string s;
    while (u) {
        s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
        u /= 10;
    }
    return neg ? "-" + s : s;
}

bool bit_vectors(const Expr& e) { return e.context().numbers() == Numbers::BitVector128; }

// Applies a z3 operation to the terms of a and b.
template <class Op>
Expr binary(const Expr& a, const Expr& b, Op op) {
    return guarded([&] { return Bridge::wrap(a.context(), op(Bridge::z3(a), Bridge::z3(b))); });
}

}  // namespace

Expr::Expr(Context* ctx, _Z3_ast* ast) : ctx_(ctx), ast_(ast) {
    if (ast_) Z3_inc_ref(ctx_->impl_->z3, ast_);
}
Expr::Expr(const Expr& other) : Expr(other.ctx_, other.ast_) {}
Expr::Expr(Expr&& other) noexcept : ctx_(other.ctx_), ast_(other.ast_) { other.ast_ = nullptr; }
Expr& Expr::operator=(const Expr& other) {
    if (this != &other) {
        if (other.ast_) Z3_inc_ref(other.ctx_->impl_->z3, other.ast_);
        if (ast_) Z3_dec_ref(ctx_->impl_->z3, ast_);
        ctx_ = other.ctx_;
        ast_ = other.ast_;
    }
    return *this;
}
// The term this Expr held is not released here but when its context ends, exactly as z3::expr's
// move assignment does in Z3 4.8.12. Releasing it would let Z3 reuse its id for the next term, and
// ids steer Z3's search: the same queries would come back with other (equally valid) models than
// the ones the catalogue has always printed.
Expr& Expr::operator=(Expr&& other) noexcept {
    if (this != &other) {
        ctx_ = other.ctx_;
        ast_ = other.ast_;
        other.ast_ = nullptr;
    }
    return *this;
}
Expr::~Expr() {
    if (ast_) Z3_dec_ref(ctx_->impl_->z3, ast_);
}

Expr operator+(const Expr& a, const Expr& b) { return binary(a, b, [](const z3::expr& x, const z3::expr& y) { return x + y; }); }
Expr operator-(const Expr& a, const Expr& b) { return binary(a, b, [](const z3::expr& x, const z3::expr& y) { return x - y; }); }
Expr operator*(const Expr& a, const Expr& b) { return binary(a, b, [](const z3::expr& x, const z3::expr& y) { return x * y; }); }
Expr operator==(const Expr& a, const Expr& b) { return binary(a, b, [](const z3::expr& x, const z3::expr& y) { return x == y; }); }
Expr operator&&(const Expr& a, const Expr& b) { return binary(a, b, [](const z3::expr& x, const z3::expr& y) { return x && y; }); }
Expr operator||(const Expr& a, const Expr& b) { return binary(a, b, [](const z3::expr& x, const z3::expr& y) { return x || y; }); }
Expr operator!(const Expr& a) {
    return guarded([&] { return Bridge::wrap(a.context(), !Bridge::z3(a)); });
}

Expr le(const Expr& a, const Expr& b) {
    if (bit_vectors(a)) return binary(a, b, [](const z3::expr& x, const z3::expr& y) { return z3::sle(x, y); });
    return binary(a, b, [](const z3::expr& x, const z3::expr& y) { return x <= y; });
}
Expr lt(const Expr& a, const Expr& b) {
    if (bit_vectors(a)) return binary(a, b, [](const z3::expr& x, const z3::expr& y) { return z3::slt(x, y); });
    return binary(a, b, [](const z3::expr& x, const z3::expr& y) { return x < y; });
}
Expr implies(const Expr& a, const Expr& b) {
    return binary(a, b, [](const z3::expr& x, const z3::expr& y) { return z3::implies(x, y); });
}
Expr ite(const Expr& cond, const Expr& then, const Expr& otherwise) {
    return guarded([&] {
        return Bridge::wrap(cond.context(), z3::ite(Bridge::z3(cond), Bridge::z3(then), Bridge::z3(otherwise)));
    });
}

Context::Context(Numbers numbers) : numbers_(numbers) {
    guarded([&] { impl_ = std::make_unique<Impl>(); });
}
Context::~Context() = default;

Expr Context::boolean(bool v) {
    return guarded([&] { return Bridge::wrap(*this, impl_->z3.bool_val(v)); });
}
Expr Context::num(i128 v) {
    const std::string s = decimal(v);
    return guarded([&] {
        return Bridge::wrap(*this, numbers_ == Numbers::BitVector128 ? impl_->z3.bv_val(s.c_str(), 128)
                                                                      : impl_->z3.int_val(s.c_str()));
    });
}
Expr Context::var(const std::string& name) {
    return guarded([&] {
        return Bridge::wrap(*this, numbers_ == Numbers::BitVector128 ? impl_->z3.bv_const(name.c_str(), 128)
                                                                      : impl_->z3.int_const(name.c_str()));
    });
}

namespace {
z3::expr_vector vector_of(z3::context& ctx, const std::vector<Expr>& parts) {
    z3::expr_vector v(ctx);
    for (const auto& e : parts) v.push_back(Bridge::z3(e));
    return v;
}
}  // namespace

Expr Context::all(const std::vector<Expr>& parts) {
    return guarded([&] { return Bridge::wrap(*this, z3::mk_and(vector_of(impl_->z3, parts))); });
}
Expr Context::any(const std::vector<Expr>& parts) {
    return guarded([&] { return Bridge::wrap(*this, z3::mk_or(vector_of(impl_->z3, parts))); });
}

}  // namespace memspec::proofs::smt
