#include "proofs/smt/solver.hpp"

#include <algorithm>

#include "proofs/smt/z3_bridge.hpp"

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
    unsigned random_seed;
    std::uint64_t spent = 0;  // resource units of the checks so far
};

namespace {

// Z3 4.8.12 reports the resource counter of the solver's context (one counter per context,
// across checks) as a 32-bit statistic "rlimit count", so it wraps at 2^32; differences are
// taken modulo 2^32, exact for a check that spends less than that.
std::uint32_t context_count(const z3::solver& s) {
    const z3::stats st = s.statistics();
    for (unsigned i = 0; i < st.size(); ++i)
        if (st.key(i) == "rlimit count")
            return st.is_uint(i) ? st.uint_value(i) : static_cast<std::uint32_t>(static_cast<std::uint64_t>(st.double_value(i)));
    return 0;
}

// The largest budget one check takes: Z3's parameter is 32-bit, and the counter overshoots its
// limit by a little before the solver stops (a few thousand units measured), which must not wrap.
constexpr std::uint64_t MAX_CHECK_BUDGET = (std::uint64_t{1} << 32) - (std::uint64_t{1} << 24);

}  // namespace

std::string_view to_string(Strategy s) {
    switch (s) {
        case Strategy::Plain: return "plain";
        case Strategy::Preprocess: return "preprocess";
        case Strategy::PreprocessNoCuts: return "preprocess_nocuts";
    }
    return "?";
}

std::optional<Strategy> strategy_from_string(std::string_view name) {
    for (Strategy s : ALL_STRATEGIES)
        if (to_string(s) == name) return s;
    return std::nullopt;
}

namespace {

// R180: the solver of a strategy, built only from steps without a wall-clock timer (no try_for,
// no `timeout`, never the default `z3::solver(c)`, which picks timed tactics by logic).
z3::solver make_solver(z3::context& c, Strategy strategy) {
    if (strategy == Strategy::Plain) return z3::solver(c, z3::solver::simple());
    z3::tactic smt(c, "smt");
    if (strategy == Strategy::PreprocessNoCuts) {
        z3::params p(c);
        p.set("arith.branch_cut_ratio", 10'000'000u);
        smt = z3::with(smt, p);
    }
    const z3::tactic pipeline = z3::tactic(c, "simplify") & z3::tactic(c, "propagate-values") & z3::tactic(c, "solve-eqs") & smt;
    return pipeline.mk_solver();
}

}  // namespace

Solver::Solver(Context& ctx, unsigned random_seed, Strategy strategy) {
    guarded([&] {
        z3::context& c = Bridge::z3(ctx);
        impl_ = std::make_unique<Impl>(Impl{make_solver(c, strategy), random_seed});
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

Answer Solver::check(std::uint64_t rlimit) {
    return guarded([&] {
        // Z3's "rlimit" parameter is a budget relative to the counter at the start of each check
        // (in 4.8.12 the API pushes count + rlimit as the context's limit for the check), so each
        // check gets its own; 0 lifts it.
        const unsigned budget = static_cast<unsigned>(std::min(rlimit, MAX_CHECK_BUDGET));
        z3::params params(impl_->z3.ctx());
        params.set("random_seed", impl_->random_seed);
        params.set("rlimit", budget);
        impl_->z3.set(params);
        const std::uint32_t before = context_count(impl_->z3);
        const z3::check_result r = impl_->z3.check();
        const std::uint32_t used = context_count(impl_->z3) - before;
        impl_->spent += used;
        switch (r) {
            case z3::unsat: return Answer::Unsat;
            case z3::sat: return Answer::Sat;
            case z3::unknown: break;
        }
        // Hitting the limit reads "max. resource limit exceeded" or "canceled" depending on where
        // the solver noticed it; the counter says it either way.
        return budget > 0 && used >= budget ? Answer::ResourceLimit : Answer::Unknown;
    });
}

Model Solver::model() const {
    return guarded([&] { return Model(std::make_unique<Model::Impl>(Model::Impl{impl_->z3.get_model()})); });
}

std::uint64_t Solver::rlimit_count() const { return impl_->spent; }

std::string Solver::why_unknown() const {
    return guarded([&] { return "z3 returned unknown: " + impl_->z3.reason_unknown(); });
}

}  // namespace memspec::proofs::smt
