#include "proofs/user_chip.hpp"

#include <cctype>

#include <nlohmann/json.hpp>

#include "proofs/props_util.hpp"
#include "spec/vocabulary/strict_json.hpp"

namespace memspec::proofs {
using namespace detail;

namespace {

struct ExprParser {
    std::string_view s;
    const std::vector<std::string>& columns;
    std::size_t i = 0;
    std::string error;

    void skip() {
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    }
    bool eat(char c) {
        skip();
        if (i < s.size() && s[i] == c) {
            ++i;
            return true;
        }
        return false;
    }
    std::optional<air::Expr> primary() {
        skip();
        if (eat('(')) {
            auto e = sum();
            if (!e) return std::nullopt;
            if (!eat(')')) return fail("expected ')'");
            return e;
        }
        if (eat('-')) {
            auto e = primary();
            if (!e) return std::nullopt;
            return -*e;
        }
        if (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
            std::uint64_t v = 0;
            while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
                v = v * 10 + static_cast<std::uint64_t>(s[i++] - '0');
                if (v >= (std::uint64_t{1} << 40)) return fail("integer too large");
            }
            return air::constant(v);
        }
        const std::size_t start = i;
        while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_' || s[i] == '.' ||
                                s[i] == '[' || s[i] == ']'))
            ++i;
        if (start == i) return fail("expected a column, an integer or '('");
        const std::string name(s.substr(start, i - start));
        for (std::uint32_t c = 0; c < columns.size(); ++c)
            if (columns[c] == name) return air::local(c);
        return fail("unknown column " + name);
    }
    std::optional<air::Expr> product() {
        auto e = primary();
        while (e && eat('*')) {
            auto r = primary();
            if (!r) return std::nullopt;
            e = *e * *r;
        }
        return e;
    }
    std::optional<air::Expr> sum() {
        auto e = product();
        for (;;) {
            if (!e) return std::nullopt;
            if (eat('+')) {
                auto r = product();
                if (!r) return std::nullopt;
                e = *e + *r;
            } else if (eat('-')) {
                auto r = product();
                if (!r) return std::nullopt;
                e = *e - *r;
            } else {
                return e;
            }
        }
    }
    std::optional<air::Expr> fail(std::string why) {
        if (error.empty()) error = why + " at offset " + std::to_string(i);
        return std::nullopt;
    }
};

MemoryError bad(const std::string& why) { return make_error(ErrorKind::ParseError, "user chip: " + why); }

}  // namespace

Result<air::Expr> parse_expr(std::string_view text, const std::vector<std::string>& columns) {
    ExprParser p{text, columns, 0, {}};
    auto e = p.sum();
    p.skip();
    if (e && p.i != text.size()) p.fail("unexpected text");
    if (!e || !p.error.empty()) return bad("expression '" + std::string(text) + "': " + p.error);
    return *e;
}

Result<air::Air> parse_user_chip(std::string_view json_text) {
    // R150: a duplicate key (a constraint's "expr" given twice), bytes after the chip, or a key
    // the form does not have, at any level, is refused rather than half-read.
    auto parsed = parse_json_strict(json_text);
    if (!parsed) return bad(parsed.error().message);
    const nlohmann::json& j = *parsed;
    auto form_error = [](const nlohmann::json& o, std::initializer_list<std::string_view> allowed,
                         const std::string& where) -> std::optional<MemoryError> {
        if (!o.is_object()) return bad(where + " must be an object");
        if (auto k = unknown_key(o, allowed)) return bad(where + ": unknown key \"" + *k + "\"");
        return std::nullopt;
    };
    auto items_error = [&](const char* list, std::initializer_list<std::string_view> allowed) -> std::optional<MemoryError> {
        const auto& items = j.value(list, nlohmann::json::array());
        if (!items.is_array()) return bad(std::string(list) + " must be an array");
        for (std::size_t i = 0; i < items.size(); ++i)
            if (auto e = form_error(items[i], allowed, std::string(list) + "[" + std::to_string(i) + "]")) return e;
        return std::nullopt;
    };
    try {
        if (auto e = form_error(j, {"name", "columns", "constraints", "range_checks", "interactions", "comment"}, "the chip"))
            return *e;
        if (auto e = items_error("constraints", {"name", "expr"})) return *e;
        if (auto e = items_error("range_checks", {"name", "value", "bits", "count"})) return *e;
        if (auto e = items_error("interactions", {"name", "bus", "direction", "message", "count"})) return *e;
        air::AirBuilder b;
        b.air.name = j.at("name").get<std::string>();
        for (const auto& c : j.at("columns")) b.add_column(c.get<std::string>());
        const auto& cols = b.air.columns;
        auto expr = [&](const nlohmann::json& v) -> Result<air::Expr> {
            if (v.is_number_integer()) return air::Expr(static_cast<int>(v.get<std::int64_t>()));
            return parse_expr(v.get<std::string>(), cols);
        };
        for (const auto& c : j.value("constraints", nlohmann::json::array())) {
            auto e = expr(c.at("expr"));
            if (!e) return e.error();
            b.constrain(b.air.name + "." + c.at("name").get<std::string>(), "R102", *e);
        }
        for (const auto& r : j.value("range_checks", nlohmann::json::array())) {
            auto v = expr(r.at("value"));
            auto n = expr(r.value("count", nlohmann::json(1)));
            if (!v) return v.error();
            if (!n) return n.error();
            const auto bits = r.at("bits").get<std::uint32_t>();
            if (bits > 29) return bad("range check of more than 29 bits");
            b.range_check(b.air.name + "." + r.at("name").get<std::string>(), "R102", *v, bits, *n);
        }
        for (const auto& it : j.value("interactions", nlohmann::json::array())) {
            const std::string bus = it.at("bus").get<std::string>(), dir = it.at("direction").get<std::string>();
            if (bus != "memory") return bad("only the memory bus is supported, not " + bus);
            if (dir != "send" && dir != "receive") return bad("direction must be send or receive");
            std::vector<air::Expr> msg;
            for (const auto& f : it.at("message")) {
                auto e = expr(f);
                if (!e) return e.error();
                msg.push_back(*e);
            }
            if (msg.size() < 4) return bad("a memory message is [address_space, pointer, data..., timestamp]");
            auto n = expr(it.at("count"));
            if (!n) return n.error();
            b.interact(b.air.name + "." + it.at("name").get<std::string>(), "R102", air::MEMORY_BUS,
                       dir == "send" ? air::Direction::Send : air::Direction::Receive, msg, *n);
        }
        return b.air;
    } catch (const nlohmann::json::exception& e) {
        return bad(std::string("malformed: ") + e.what());
    }
}

namespace {

std::vector<const air::Interaction*> memory_interactions(const air::Air& a, air::Direction d) {
    std::vector<const air::Interaction*> out;
    for (const auto& it : a.interactions)
        if (it.bus == air::MEMORY_BUS && it.direction == d) out.push_back(&it);
    return out;
}

Problem access_lemma_problem(const air::Air& chip, const MemoryConfig& cfg) {
    Problem p;
    p.name = chip.name + " access_lemma";
    p.blocks.push_back(Block{chip, 1, {}, {}});
    auto recv = memory_interactions(chip, air::Direction::Receive), send = memory_interactions(chip, air::Direction::Send);
    auto msg = [](const air::Interaction* it) { return MemoryMessageTerms(0, 0, *it); };
    // What the row receives is on the bus, hence below 2^clk_max_bits (lemma L1's induction).
    for (auto* r : recv) p.assumptions.push_back(implies(!is(msg(r).count(), 0), below(msg(r).timestamp(), cfg.clk_max_bits)));
    std::vector<Claim> silent, pairs;
    for (auto* r : recv) silent.push_back(is(msg(r).count(), 0));
    for (auto* s : send) silent.push_back(is(msg(s).count(), 0));
    for (auto* r : recv)
        for (auto* s : send) {
            if (msg(r).size() != msg(s).size()) continue;
            std::vector<Claim> pc{is(msg(r).count(), 1), is(msg(s).count(), 1), eq(msg(r).address_space(), msg(s).address_space()),
                                  eq(msg(r).pointer(), msg(s).pointer()), lt(msg(r).timestamp(), msg(s).timestamp()),
                                  below(msg(s).timestamp(), cfg.clk_max_bits)};
            for (auto* o : recv)
                if (o != r) pc.push_back(is(msg(o).count(), 0));
            for (auto* o : send)
                if (o != s) pc.push_back(is(msg(o).count(), 0));
            pairs.push_back(all_of(pc));
        }
    p.goal = all_of(silent) || any_of(pairs);
    return p;
}

Problem user_bus_problem(const air::Air& chip, bool vacuity) {
    const MemoryConfig cfg = small_config();
    const BusChips chips = bus_chips();
    Problem p;
    p.name = chip.name + " bus_consistency" + (vacuity ? " vacuity" : "");
    p.memory_bus_balanced = true;
    struct Acc {
        bool write;
        std::uint32_t ptr, len, ts;
    };
    const std::vector<Acc> prog{{true, 0, 2, 1}, {false, 0, 1, 4}, {false, 1, 1, 5}};
    // Blocks: access program, AccessAdapter<2>, volatile boundary, the user chip.
    const std::uint32_t A = 0, U = 3;
    p.blocks.push_back(Block{chips.access, prog.size(), {}, {}});
    p.blocks.push_back(Block{chips.adapter_2, 2, {}, {}});
    p.blocks.push_back(Block{chips.volatile_boundary, 2, {}, {}});
    p.blocks.push_back(Block{chip, 2, {}, {}});
    for (std::size_t r = 0; r < prog.size(); ++r) {
        Block& blk = p.blocks[A];
        bool ok = blk.fix(r, "is_valid", 1) && blk.fix(r, "is_write", prog[r].write) && blk.fix(r, "address_space", 1) &&
                  blk.fix(r, "pointer", prog[r].ptr) && blk.fix(r, "timestamp", prog[r].ts);
        for (std::uint32_t j = 0; (1u << j) <= cfg.max_access_adapter_n; ++j)
            ok = ok && blk.fix(r, "size_flag[" + std::to_string(j) + "]", (1u << j) == prog[r].len);
        if (!ok) throw std::runtime_error("access chip lacks a program column");
    }
    if (vacuity) {
        p.goal = truth(false);
        return p;
    }
    // No timestamp is assumed bounded: the access rows' timestamps are constants.
    std::vector<Claim> goals;
    for (std::size_t r = 1; r < prog.size(); ++r) {
        const std::uint32_t cell = prog[r].ptr;
        const Term v = col(p, A, r, "data[0]");
        // The access chip's own last write before r: row 0 wrote both cells at timestamp 1.
        Claim by_access = eq(v, col(p, A, 0, "data[" + std::to_string(cell) + "]"));
        std::vector<Claim> by_user;
        for (std::size_t u = 0; u < 2; ++u)
            for (auto* s : memory_interactions(chip, air::Direction::Send)) {
                const MemoryMessageTerms sent(U, u, *s);
                if (sent.size() != 1) continue;
                by_user.push_back(!is(sent.count(), 0) && is(sent.address_space(), 1) && is(sent.pointer(), cell) &&
                                  int_lt(lin_const(prog[0].ts), lin(sent.timestamp())) &&
                                  int_lt(lin(sent.timestamp()), lin_const(prog[r].ts)) && eq(sent.value(0), v));
            }
        goals.push_back(by_access || any_of(by_user));
    }
    p.goal = all_of(goals);
    return p;
}

}  // namespace

// R180: the user-chip bus instance's budget: with the plain strategy (the default) the corrected
// seed chip's proof and witness spend 8.7 and 5.3 million units; a user chip may be wider, so 23
// times that. The access lemma is one row (1,332 units for the corrected chip) and keeps the default.
constexpr std::uint64_t USER_BUS_RLIMIT = 200'000'000;

std::vector<Property> user_chip_properties(const air::Air& chip) {
    std::vector<Property> ps;
    const MemoryConfig cfg = small_config();
    ps.push_back(prop("user." + chip.name + ".access_lemma", "R102",
                      "every row is silent or receives and sends one message at one address, the timestamp increasing",
                      ProofStatus::Proved, false, [chip, cfg] { return std::vector<Problem>{access_lemma_problem(chip, cfg)}; }));
    ps.push_back(prop("user." + chip.name + ".bus_consistency", "R102",
                      "next to memspec's chips, reads return the latest value written before them",
                      ProofStatus::Proved, false, [chip] { return std::vector<Problem>{user_bus_problem(chip, false)}; }));
    ps.back().rlimit = USER_BUS_RLIMIT;
    ps.back().wall_guard_seconds = 3000;
    ps.push_back(prop("user." + chip.name + ".bus_consistency.vacuity", "R96",
                      "a balanced trace of the user-chip instance exists", ProofStatus::Counterexample, false,
                      [chip] { return std::vector<Problem>{user_bus_problem(chip, true)}; }));
    ps.back().rlimit = USER_BUS_RLIMIT;
    ps.back().wall_guard_seconds = 3000;
    return ps;
}

}  // namespace memspec::proofs
