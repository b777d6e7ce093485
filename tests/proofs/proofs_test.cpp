// R80-R99: the Z3 layer and the fast subset of the property catalogue. Every catalogue test
// asserts the status its property must reach: the real AIRs prove, weakened variants (audit
// findings) and vacuity checks give a counterexample that the concrete checker has confirmed.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "spec/air/check.hpp"
#include "spec/air/gadgets.hpp"
#include "spec/air/tracegen.hpp"
#include "proofs/catalogue.hpp"
#include "proofs/emit.hpp"
#include "proofs/isolated.hpp"
#include "proofs/outcome_json.hpp"
#include "proofs/poly.hpp"
#include "proofs/props_util.hpp"
#include "proofs/user_chip.hpp"

using namespace memspec;
using namespace memspec::proofs;

namespace {

// The catalogue's own limits (R180): each property's resource budget decides its outcome, and
// the wall-clock guard (R80) only catches a hung child.
Settings settings() { return Settings{}; }

Problem is_less_than_sound(std::uint32_t max_bits) {
    air::AirBuilder b;
    b.air.name = "is_less_than";
    auto x = b.add_column("x"), y = b.add_column("y"), out = b.add_column("out");
    air::is_less_than(b, "lt", "R44", air::local(y) - air::local(x), air::local(out), 1, max_bits, 17);
    Problem p;
    p.name = "is_less_than sound";
    p.blocks.push_back(Block{b.air, 1, {}, {}});
    Term tx{0, 0, air::local(x)}, ty{0, 0, air::local(y)}, to{0, 0, air::local(out)};
    p.assumptions = {int_lt(lin(tx), lin_const(std::int64_t{1} << max_bits)),
                     int_lt(lin(ty), lin_const(std::int64_t{1} << max_bits))};
    Claim less = int_lt(lin(tx), lin(ty));
    p.goal = implies(less, field_eq(to, 1)) && implies(!less, field_eq(to, 0));
    return p;
}

}  // namespace

// R84: a model is shown only after the concrete evaluator confirms it; the rows name columns.
TEST(ProofsTranslation, R84_CounterexampleIsConcreteAndNamed) {
    Outcome o = solve(is_less_than_sound(30), Settings{});
    ASSERT_EQ(o.status, ProofStatus::Counterexample) << o.detail;
    ASSERT_TRUE(o.counterexample);
    ASSERT_EQ(o.counterexample->rows.size(), 1u);
    EXPECT_EQ(o.counterexample->rows[0].chip, "is_less_than");
    const auto& cells = o.counterexample->rows[0].cells;
    const std::uint64_t x = cells.at("x"), y = cells.at("y"), out = cells.at("out");
    EXPECT_LT(x, std::uint64_t{1} << 30);
    EXPECT_LT(y, std::uint64_t{1} << 30);
    EXPECT_NE(out, static_cast<std::uint64_t>(x < y)) << "the model must really be a wrong answer";
    EXPECT_NE(o.counterexample->text.find("is_less_than row 0: x="), std::string::npos) << o.counterexample->text;
}

TEST(ProofsTranslation, R85_IsLessThanProvesAt29Bits) {
    EXPECT_EQ(solve(is_less_than_sound(29), Settings{}).status, ProofStatus::Proved);
}

// R81: the bit-vector encoding decides the same question.
TEST(ProofsTranslation, R81_BitVectorEncodingAgrees) {
    Settings bv;
    bv.encoding = Encoding::Bv;
    EXPECT_EQ(solve(is_less_than_sound(29), bv).status, ProofStatus::Proved);
    EXPECT_EQ(solve(is_less_than_sound(31), bv).status, ProofStatus::Counterexample);
}

// R81: a boolean (trit) cell is recognised from the expanded constraint, however it is written.
TEST(ProofsTranslation, R81_SmallDomainsInAnyForm) {
    const Poly x = variable_poly(0), y = variable_poly(1), one = constant_poly(BabyBear::from_canonical(1));
    auto minus = [](Poly a, const Poly& b) {
        add_into(a, b, true);
        return a;
    };
    auto scaled = [](const Poly& a, std::int64_t c) { return mul(a, constant_poly(BabyBear::from_i64(c))); };
    for (const Poly& boolean : {mul(x, minus(x, one)), minus(mul(x, x), x), mul(minus(one, x), x), scaled(mul(x, minus(x, one)), 5)}) {
        auto d = small_domain(boolean);
        ASSERT_TRUE(d);
        EXPECT_EQ(d->var, 0u);
        EXPECT_EQ(d->values, (std::vector<BabyBear>{BabyBear{}, BabyBear::from_canonical(1)}));
    }
    for (const Poly& trit : {minus(mul(mul(x, x), x), x), mul(x, mul(minus(x, one), minus(x, scaled(one, -1))))}) {
        auto d = small_domain(trit);
        ASSERT_TRUE(d);
        EXPECT_EQ(d->values.size(), 3u);
        EXPECT_EQ(d->values[2], BabyBear::from_i64(-1));
    }
    for (const Poly& other : {minus(mul(x, y), x), minus(mul(x, x), scaled(x, 2)), mul(x, x), minus(x, one),
                              minus(mul(x, x), y)})
        EXPECT_FALSE(small_domain(other));
}

// R84: a goal that holds is not contradicted; an assumption set that is contradictory proves anything.
TEST(ProofsTranslation, R84_ConcreteSemanticsOfClaims) {
    Problem p = is_less_than_sound(8);
    Assignment a;
    a.cells = {{BabyBear::from_canonical(3), BabyBear::from_canonical(5), BabyBear::from_canonical(1),
                BabyBear::from_canonical(1)}};
    a.publics = {{}};
    EXPECT_TRUE(holds(p, a, p.goal));
    EXPECT_EQ(air_violation(p, a), "");  // lower = 5 - 3 + 255 - 256 = 1
    a.cells[0][2] = BabyBear::from_canonical(0);
    EXPECT_FALSE(holds(p, a, p.goal));
    EXPECT_NE(air_violation(p, a), "");
}

// R80: queries run in a child that is killed at the wall-clock guard (Z3's own timeout can
// deadlock); being killed is an error, never a status a property could expect (R180).
TEST(ProofsRunner, R80_ChildIsKilledAtTheLimit) {
    auto start = std::chrono::steady_clock::now();
    Outcome o = run_isolated(
        [] {
            std::this_thread::sleep_for(std::chrono::seconds(30));
            Outcome proved;
            proved.status = ProofStatus::Proved;
            return proved;
        },
        0.5);
    EXPECT_EQ(o.status, ProofStatus::Error);
    EXPECT_NE(o.detail.find("wall-clock guard"), std::string::npos) << o.detail;
    EXPECT_EQ(o.wall_guard_seconds, 0.5);
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 10.0);
}

TEST(ProofsRunner, R80_ChildOutcomeComesBack) {
    Outcome o = run_isolated([] { return solve(is_less_than_sound(31), Settings{}); }, 60);
    EXPECT_EQ(o.status, ProofStatus::Counterexample);
    ASSERT_TRUE(o.counterexample);
    EXPECT_FALSE(o.counterexample->text.empty());
    EXPECT_FALSE(o.counterexample->rows.empty());
}

// R80: an outcome crosses the pipe from the child whole: JSON at the edge, typed values on both sides.
TEST(ProofsRunner, R80_OutcomeSurvivesTheEdge) {
    Outcome o = solve(is_less_than_sound(30), Settings{});
    ASSERT_TRUE(o.counterexample);
    Outcome back = outcome_from_json(nlohmann::json::parse(to_json(o).dump()));
    EXPECT_EQ(back.status, o.status);
    EXPECT_EQ(back.detail, o.detail);
    ASSERT_TRUE(back.counterexample);
    EXPECT_EQ(back.counterexample->text, o.counterexample->text);
    ASSERT_EQ(back.counterexample->rows.size(), o.counterexample->rows.size());
    EXPECT_EQ(back.counterexample->rows[0].cells, o.counterexample->rows[0].cells);
    EXPECT_FALSE(back.counterexample->fixture);
    EXPECT_EQ(to_json(o.counterexample->rows)[0]["cells"]["x"], o.counterexample->rows[0].cells.at("x"));
}

namespace memspec::proofs {
// gtest prints parameters; a Property prints as its name.
void PrintTo(const Property& p, std::ostream* os) { *os << p.name; }
}  // namespace memspec::proofs

// R98: each fast catalogue property reaches its expected status.
class FastCatalogue : public ::testing::TestWithParam<Property> {};

TEST_P(FastCatalogue, ReachesExpectedStatus) {
    const Property& p = GetParam();
    auto results = run_catalogue({p}, "", settings());
    ASSERT_EQ(results.size(), 1u);
    const Outcome& o = results[0].outcome;
    EXPECT_EQ(o.status, p.expected) << p.name << ": " << o.detail << "\n" << (o.counterexample ? o.counterexample->text : "");
    EXPECT_EQ(o.counterexample.has_value(), o.status == ProofStatus::Counterexample);
    if (o.counterexample) {
        EXPECT_FALSE(o.counterexample->rows.empty());
    }
}

namespace {
std::vector<Property> fast_properties() {
    std::vector<Property> out;
    for (auto& p : catalogue())
        if (p.fast) out.push_back(std::move(p));
    return out;
}
std::string test_name(const ::testing::TestParamInfo<Property>& info) {
    std::string n = info.param.name;
    for (char& c : n)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return n;
}
}  // namespace

INSTANTIATE_TEST_SUITE_P(R98, FastCatalogue, ::testing::ValuesIn(fast_properties()), test_name);

// R97: the adapter's split rule and the read rule are necessary (their removal is caught).
TEST(ProofsNecessity, R97_AdapterAndReadRulesAreNecessary) {
    int found = 0;
    for (const auto& p : necessity_properties()) {
        if (p.name != "necessity.access_adapter_2.split_same_timestamp" && p.name != "necessity.access.read_keeps_data[0]")
            continue;
        ++found;
        auto r = run_catalogue({p}, "", settings());
        EXPECT_EQ(r[0].outcome.status, ProofStatus::Counterexample) << p.name << ": " << r[0].outcome.detail;
    }
    EXPECT_EQ(found, 2);
}

// R97, R78: every constraint of MemoryMerkleAir has its own necessity entry (a counterexample
// from the Merkle guards, or a stated reason), and the persistent instance's two entries state
// "redundant" (proofs/properties_persistent.cpp says why; spec/memory.md R79 agrees).
TEST(ProofsNecessity, R97_R78_EveryMerkleConstraintHasAnEntry) {
    std::set<std::string> entries;
    for (const auto& p : necessity_properties()) entries.insert(p.name);
    const air::Air merkle = air::make_memory_merkle_chip(detail::merkle_config()).air;
    ASSERT_FALSE(merkle.constraints.empty());
    for (const auto& k : merkle.constraints) EXPECT_TRUE(entries.count("necessity." + k.name)) << k.name;
    int persistent = 0;
    for (const auto& p : persistent_properties())
        if (p.name.ends_with(".persistent_instance")) {
            ++persistent;
            EXPECT_EQ(p.expected, ProofStatus::Proved) << p.name;
        }
    EXPECT_EQ(persistent, 2);
}

// R97: every necessity entry of the default run reaches its stated outcome: a counterexample
// from one of its chip's guards, or (for the listed redundant constraints) a proof of every guard.
class NecessityTable : public ::testing::TestWithParam<Property> {};

TEST_P(NecessityTable, ReachesStatedOutcome) {
    const Property& p = GetParam();
    auto r = run_catalogue({p}, "", settings());
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].outcome.status, p.expected) << p.name << ": " << r[0].outcome.detail;
}

namespace {
std::vector<Property> default_necessity() {
    std::vector<Property> out;
    for (auto& p : necessity_properties())
        if (!p.extended) out.push_back(std::move(p));
    return out;
}
}  // namespace

INSTANTIATE_TEST_SUITE_P(R97, NecessityTable, ::testing::ValuesIn(default_necessity()), test_name);

// The catalogue is well-formed: unique names, every rule in R80-R99 style, the fast subset non-empty.
TEST(ProofsCatalogue, R99_NamesAreUnique) {
    std::set<std::string> names;
    for (const auto& p : catalogue()) {
        EXPECT_TRUE(names.insert(p.name).second) << p.name;
        EXPECT_FALSE(p.rule.empty()) << p.name;
    }
    EXPECT_GT(fast_properties().size(), 20u);
}

// R101: a counterexample of a weakened bus instance becomes a full trace set that the sound AIR
// rejects and the weakened AIR accepts.
TEST(ProofsFixtures, R101_BusCounterexampleReplaysAgainstBothAirs) {
    Property prop;
    for (auto& p : catalogue())
        if (p.name == "bus.consistency.2cells.w2r1.without_access_timestamp_lt") prop = p;
    ASSERT_FALSE(prop.name.empty());
    auto r = run_catalogue({prop}, "", settings());
    ASSERT_EQ(r[0].outcome.status, ProofStatus::Counterexample) << r[0].outcome.detail;
    ASSERT_TRUE(r[0].outcome.counterexample);
    auto f = make_fixture(*r[0].outcome.counterexample);
    ASSERT_TRUE(f) << f.error().message;
    EXPECT_TRUE(f->balanced);
    EXPECT_EQ(f->without, (std::vector<std::string>{"access.timestamp_lt.decomp", "access.timestamp_lt.range[0]",
                                                    "access.timestamp_lt.range[1]"}));
    auto sound = air::check(f->traces);
    ASSERT_FALSE(sound.accepted);
    EXPECT_EQ(sound.reason->constraint, "access.timestamp_lt.decomp");
    auto weak = air::check(weakened_airs(f->traces, f->without), f->traces.traces);
    EXPECT_TRUE(weak.accepted) << air::to_text(*weak.reason);
}

// R101: a gadget on its own AIR is no memspec trace set and is reported as not emittable.
TEST(ProofsFixtures, R101_GadgetCounterexampleIsNotATraceSet) {
    Outcome o = solve(is_less_than_sound(30), Settings{});
    ASSERT_EQ(o.status, ProofStatus::Counterexample);
    ASSERT_TRUE(o.counterexample);
    EXPECT_FALSE(o.counterexample->fixture);
    EXPECT_FALSE(make_fixture(*o.counterexample));
}

namespace {
std::string example(const std::string& file) {
    auto path = std::filesystem::path(__FILE__).parent_path() / "../../proofs/examples" / file;
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
Outcome run_user(const air::Air& chip, const std::string& suffix) {
    for (const auto& p : user_chip_properties(chip))
        if (p.name.ends_with(suffix)) return run_catalogue({p}, "", settings())[0].outcome;
    return Outcome{};
}
}  // namespace

// R102: the naive CustomMemoryAir (proofs/examples/custom_memory_air.json) sends without receiving (is_write on an inactive row),
// so its rows are no memory accesses, and next to memspec's chips a read returns a forged value.
TEST(ProofsUserChip, R102_SeedCustomMemoryAirIsWrong) {
    auto chip = parse_user_chip(example("custom_memory_air.json"));
    ASSERT_TRUE(chip) << chip.error().message;
    EXPECT_EQ(run_user(*chip, ".access_lemma").status, ProofStatus::Counterexample);
    Outcome bus = run_user(*chip, ".bus_consistency");
    EXPECT_EQ(bus.status, ProofStatus::Counterexample) << bus.detail;
}

// R102: the corrected chip satisfies the access lemma (its bus instance is in `memspec prove --air`).
TEST(ProofsUserChip, R102_CorrectedCustomMemoryAirProves) {
    auto chip = parse_user_chip(example("custom_memory_air_fixed.json"));
    ASSERT_TRUE(chip) << chip.error().message;
    Outcome o = run_user(*chip, ".access_lemma");
    EXPECT_EQ(o.status, ProofStatus::Proved) << o.detail << (o.counterexample ? o.counterexample->text : "");
}

TEST(ProofsUserChip, R102_MalformedChipsAreParseErrors) {
    EXPECT_FALSE(parse_user_chip("{"));
    EXPECT_FALSE(parse_user_chip(R"({"name":"x","columns":["a"],"constraints":[{"name":"c","expr":"b"}]})"));
    EXPECT_FALSE(parse_user_chip(R"({"name":"x","columns":["a"],"constraints":[{"name":"c","expr":"a *"}]})"));
    EXPECT_FALSE(parse_user_chip(R"({"name":"x","columns":["a"],"extra":1})"));
    auto ok = parse_user_chip(R"({"name":"x","columns":["a","b"],"constraints":[{"name":"c","expr":"(a - 1) * b + 2"}]})");
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->constraints.size(), 1u);
    EXPECT_EQ(ok->constraints[0].name, "x.c");
}

// R104: the AccessAdapterAir's IsLessThan compares timestamps by their difference mod p, which is
// a cyclic order when nothing bounds the timestamps themselves. A cell can then be carried
// "forward" around the field in three merge+split steps of 2^29 - 1 each (the partner half of
// every step circulates between its split and its merge, so it needs no source) and demoted back
// below the write that produced it: a read at timestamp 4 returns the value written at
// timestamp 5. Every constraint holds and every bus balances. The read returns what its own write
// wrote, which an honest volatile run with that initial value could return too; the witness that
// no honest execution can produce is R250 (tests/unit/air_time_loop_test.cpp).
TEST(ProofsTimeTravel, R104_AdapterTimestampsUnboundedAcceptATimeLoop) {
    const MemoryConfig cfg = memspec::proofs::detail::small_config();
    auto chips = air::make_chip_set(cfg, 1);
    air::TraceSet set;
    set.config = cfg;
    set.chunk = 1;
    auto set_col = [](air::Trace& t, const air::Air& a, std::size_t r, const std::string& c, std::uint64_t v) {
        t.at(r, *a.column(c)) = BabyBear::reduce(v);
    };
    // Access chip: read (1,1) at 4 (prev 3), write (1,1) at 5 (prev 4), both of value 7.
    const air::Air& acc = chips.access.air;
    air::Trace at = air::empty_trace(acc, 2);
    for (std::size_t r = 0; r < 2; ++r) {
        set_col(at, acc, r, "is_valid", 1);
        set_col(at, acc, r, "is_write", r);
        set_col(at, acc, r, "size_flag[0]", 1);
        set_col(at, acc, r, "address_space", 1);
        set_col(at, acc, r, "pointer", 1);
        set_col(at, acc, r, "timestamp", 4 + r);
        set_col(at, acc, r, "prev_timestamp", 3 + r);
        set_col(at, acc, r, "data[0]", 7);
        set_col(at, acc, r, "prev_data[0]", 7);
        set_col(at, acc, r, "access.is_immediate.inv", 1);
    }
    // AccessAdapter<2> over cells (1,0), (1,1): three promotions of cell (1,1) by D = 2^29 - 1,
    // then a demotion to timestamp 3.
    const std::uint64_t P = BabyBear::P, D = (1u << 29) - 1;
    std::vector<std::uint64_t> t{5, 5 + D, 5 + 2 * D, (5 + 3 * D) % P};
    ASSERT_GE(t[3], P - (1u << 29) + 4);  // in NEG: an IsLessThan reads it as a small negative
    const air::Air& ad = chips.adapters[0].air;
    air::Trace tt = air::empty_trace(ad, 8);
    auto adapter_row = [&](std::size_t r, bool split, std::uint64_t left, std::uint64_t right) {
        set_col(tt, ad, r, "is_valid", 1);
        set_col(tt, ad, r, "is_split", split);
        set_col(tt, ad, r, "address_space", 1);
        set_col(tt, ad, r, "pointer", 0);
        set_col(tt, ad, r, "values[1]", 7);
        set_col(tt, ad, r, "left_timestamp", left);
        set_col(tt, ad, r, "right_timestamp", right);
        // is_right_larger = 0: lower = right - left + 2^29 - 1 (mod p), 17 + 12 bit limbs.
        const std::uint64_t lower = (right + P - left + (1u << 29) - 1) % P;
        ASSERT_LT(lower, 1u << 29);
        air::fill_decomposition(tt.row(r), chips.adapters[0].lt.lower_decomp, lower, cfg.decomp);
    };
    for (std::size_t k = 0; k < 3; ++k) {
        adapter_row(2 * k, false, t[k + 1], t[k]);     // merge: parent at the partner's t[k+1]
        adapter_row(2 * k + 1, true, t[k + 1], t[k + 1]);  // split: partner back, cell at t[k+1]
    }
    adapter_row(6, false, 3, t[3]);  // merge: t[3] - 3 is "negative", so the parent takes 3
    adapter_row(7, true, 3, 3);
    // Volatile boundary: cell (1,1) created with 0 at timestamp 0 and consumed unchanged.
    const auto& vb = chips.volatile_boundary;
    air::Trace bt = air::empty_trace(vb.air, 1);
    air::fill_decomposition(bt.row(0), vb.as_limbs, 1, cfg.decomp);
    air::fill_decomposition(bt.row(0), vb.ptr_limbs, 1, cfg.decomp);
    set_col(bt, vb.air, 0, "is_valid", 1);
    air::fill_is_less_than_array(bt.row(0), vb.addr_lt, {0, 0}, {0, 0});
    air::Trace rc = air::empty_trace(chips.range_checker.air, air::range_table_height(cfg.decomp));
    for (const auto& f : chips.range_checker.air.fixed)
        for (std::size_t r = 0; r < rc.height; ++r) rc.at(r, f.column) = f.values[r];
    air::Trace sys = air::empty_trace(chips.system.air, 1);
    sys.public_values = {BabyBear::from_canonical(1), BabyBear::from_canonical(6)};
    air::fill_decomposition(sys.row(0), chips.system.final_ts_limbs, 6, cfg.decomp);
    set.traces = {at, tt, air::empty_trace(chips.adapters[1].air, 1), bt, rc, sys};
    air::fill_range_counts(chips.airs(), set);
    auto v = air::check(set);
    // The sound AIR of OpenVM v1.0 as memspec writes it accepts a read of 7 from a cell whose only
    // earlier state is the boundary's 0.
    EXPECT_TRUE(v.accepted) << air::to_text(*v.reason);
}

// R41a: the LogUp bound counts height × interactions over all chips, and p is the first count
// that no longer proves multiset equality.
TEST(ProofsLogUp, R41a_InteractionCountAndBound) {
    const MemoryConfig cfg = memspec::proofs::detail::small_config();
    auto chips = air::make_chip_set(cfg, 1);
    std::vector<air::Trace> traces;
    std::uint64_t want = 0;
    std::size_t h = 1;
    for (const auto& a : chips.airs()) {
        traces.push_back(air::empty_trace(a, h));
        want += traces.back().height * a.interactions.size();
        h *= 2;
    }
    EXPECT_EQ(air::logup_interaction_count(chips.airs(), traces), want);
    EXPECT_GT(want, 0u);
    EXPECT_TRUE(air::within_logup_bound(BabyBear::P - 1));
    EXPECT_FALSE(air::within_logup_bound(BabyBear::P));
}
