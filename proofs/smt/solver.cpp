#include <memspec/proofs/smt/solver.hpp>

#include <memspec/proofs/smt/z3_bridge.hpp>

namespace memspec::proofs::smt {

struct Model::Impl {
    z3::model z3;
};

Model::Model(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Model::Model(Model&&) noexcept = default;
Model::~Model() = default;

std::string Model::decimal(const Expr& e) const {
    return guarded([&] { return impl_->z3.eval(Bridge::z3(e), true).get_decimal_string(0); });
}

bool Model::is_true(const Expr& e) const {
    return guarded([&] { return impl_->z3.eval(Bridge::z3(e), true).is_true(); });
}

struct Solver::Impl {
    z3::solver z3;
};

Solver::Solver(Context& ctx, unsigned random_seed) {
    guarded([&] {
        z3::context& c = Bridge::z3(ctx);
        impl_ = std::make_unique<Impl>(Impl{z3::solver(c)});
        z3::params params(c);
        params.set("random_seed", random_seed);
        impl_->z3.set(params);
    });
}
Solver::~Solver() = default;

void Solver::add(const Expr& e) {
    guarded([&] { impl_->z3.add(Bridge::z3(e)); });
}
void Solver::push() {
    guarded([&] { impl_->z3.push(); });
}
void Solver::pop() {
    guarded([&] { impl_->z3.pop(); });
}

Answer Solver::check() {
    return guarded([&] {
        switch (impl_->z3.check()) {
            case z3::unsat: return Answer::Unsat;
            case z3::sat: return Answer::Sat;
            case z3::unknown: break;
        }
        return Answer::Unknown;
    });
}

Model Solver::model() const {
    return guarded([&] { return Model(std::make_unique<Model::Impl>(Model::Impl{impl_->z3.get_model()})); });
}

std::string Solver::why_unknown() const {
    return guarded([&] { return "z3 returned unknown: " + impl_->z3.reason_unknown(); });
}

}  // namespace memspec::proofs::smt
