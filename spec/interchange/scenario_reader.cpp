#include "spec/interchange/scenario_reader.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cstring>
#include <new>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <simdjson.h>

#include "spec/interchange/input.hpp"
#include "spec/interchange/interchange.hpp"
#include "spec/vocabulary/profiles/registry.hpp"

namespace memspec {

namespace {

namespace od = simdjson::ondemand;

// ---------------------------------------------------------------------------------------------
// Errors. A syntax error (malformed JSON, nesting deeper than MAX_DEPTH) ends parsing at once and
// outranks everything. A semantic error (a well-formed document that breaks the format) carries
// a rank: when a document has several, the lowest rank is reported, which is the order
// interchange.md gives ("Which error"): duplicate keys, unknown top-level keys, version, config
// (its unknown keys, then its fields in declaration order), initial_block_size, initial_memory,
// ops, finalize_chunk. Within one rank the first in document order wins.

struct SyntaxError {
    std::string message;
};

struct SemanticError {
    int rank;
    ErrorKind kind;
    std::string message;
};

enum Rank : int {
    RANK_DUPLICATE = 0,
    RANK_TOP = 1,
    RANK_VERSION = 2,
    RANK_PROFILE = 3,
    RANK_CONFIG = 4,  // config not an object, or an unknown config key
    RANK_CONFIG_FIELD = 5,  // + the field's index (10 fields)
    RANK_IBS = 15,
    RANK_IMAGE = 16,
    RANK_OPS = 17,
    RANK_FINALIZE = 18,
    RANK_NONE = INT_MAX,
};

constexpr std::size_t MAX_DEPTH = 1024;

[[noreturn]] void syntax(simdjson::error_code e) {
    // simdjson's index of the document could not be allocated: the input may be fine.
    if (e == simdjson::MEMALLOC) throw std::bad_alloc();
    throw SyntaxError{std::string("malformed JSON: ") + simdjson::error_message(e)};
}

template <class T>
T get(simdjson::simdjson_result<T>&& r) {
    T value;
    if (auto e = std::move(r).get(value)) syntax(e);
    return value;
}

// Where a value sits, built into a string only when an error is reported.
struct Where {
    const char* section;  // "ops", "initial_memory", "config", or a top-level key
    std::size_t index = SIZE_MAX;  // array index, when the section is an array
    const char* field = nullptr;
    std::size_t sub = SIZE_MAX;  // index inside the field's array

    std::string str() const {
        std::string s = section;
        if (index != SIZE_MAX) s += "[" + std::to_string(index) + "]";
        if (field) s += std::string(".") + field;
        if (sub != SIZE_MAX) s += "[" + std::to_string(sub) + "]";
        return s;
    }
};

// Input text quoted in a message: at most 40 bytes, anything but printable ASCII as '?', so that a
// message is always valid UTF-8 (a cut multi-byte character, a control byte) and stays short.
std::string quote(std::string_view text) {
    std::string out(text.substr(0, 40));
    for (char& c : out)
        if (c < 0x20 || c > 0x7e) c = '?';
    if (text.size() > 40) out += "...";
    return out;
}

[[noreturn]] void semantic(int rank, const std::string& message, ErrorKind kind = ErrorKind::ParseError) {
    throw SemanticError{rank, kind, message};
}

const char* type_name(od::json_type t) {
    switch (t) {
        case od::json_type::array: return "array";
        case od::json_type::object: return "object";
        case od::json_type::number: return "number";
        case od::json_type::string: return "string";
        case od::json_type::boolean: return "boolean";
        case od::json_type::null: return "null";
    }
    return "value";
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// RFC 8259 number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? (simdjson's structural
// pass does not check it for values read as raw tokens).
bool is_json_number(std::string_view s) {
    std::size_t i = 0, n = s.size();
    auto digits = [&] {
        const std::size_t from = i;
        while (i < n && s[i] >= '0' && s[i] <= '9') ++i;
        return i > from;
    };
    if (i < n && s[i] == '-') ++i;
    if (i < n && s[i] == '0') ++i;
    else if (!digits()) return false;
    if (i < n && s[i] == '.') {
        ++i;
        if (!digits()) return false;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
        if (!digits()) return false;
    }
    return i == n;
}

od::json_type type_of(od::value& v) { return get(v.type()); }

// A number token, checked: malformed is a syntax error; negative, fractional or too large is
// the format's ParseError (interchange.md).
std::uint64_t read_uint(od::value& v, const Where& where, int rank) {
    // The common case in one call: simdjson's integer parser checks the token's grammar too.
    std::uint64_t fast = 0;
    const auto e = v.get_uint64().get(fast);
    if (e == simdjson::SUCCESS) return fast;
    if (e != simdjson::INCORRECT_TYPE && e != simdjson::NUMBER_OUT_OF_RANGE) syntax(e);
    const od::json_type t = type_of(v);
    if (t != od::json_type::number) semantic(rank, where.str() + " must be a non-negative integer, got " + type_name(t));
    const std::string_view tok = trim(v.raw_json_token());
    if (!is_json_number(tok)) throw SyntaxError{"malformed JSON: invalid number '" + quote(tok) + "'"};
    if (tok[0] == '-') semantic(rank, where.str() + " must be a non-negative integer, got " + quote(tok));
    std::uint64_t x = 0;
    const auto [end, ec] = std::from_chars(tok.data(), tok.data() + tok.size(), x);
    if (ec != std::errc() || end != tok.data() + tok.size())
        semantic(rank, where.str() + " must be an integer that fits in 64 bits, got " + quote(tok));
    return x;
}

std::string_view read_string(od::value& v, const Where& where, int rank) {
    const od::json_type t = type_of(v);
    if (t != od::json_type::string) semantic(rank, where.str() + " must be a string, got " + type_name(t));
    return get(v.get_string());
}

od::object read_object(od::value& v, const Where& where, int rank) {
    const od::json_type t = type_of(v);
    if (t != od::json_type::object) semantic(rank, where.str() + " must be a JSON object");
    return get(v.get_object());
}

od::array read_array(od::value& v, const std::string& what, int rank) {
    const od::json_type t = type_of(v);
    if (t != od::json_type::array) semantic(rank, what);
    return get(v.get_array());
}

// Looks `key` up in `names`; -1 when absent.
template <std::size_t N>
int key_index(std::string_view key, const std::array<const char*, N>& names) {
    for (std::size_t i = 0; i < N; ++i)
        if (key == names[i]) return static_cast<int>(i);
    return -1;
}

[[noreturn]] void duplicate(std::string_view key) { semantic(RANK_DUPLICATE, "duplicate key \"" + quote(key) + "\""); }

// ---------------------------------------------------------------------------------------------
// The format's objects.

constexpr std::array<const char*, 10> CONFIG_KEYS = {"as_height", "as_offset", "pointer_max_bits", "clk_max_bits",
                                                     "decomp", "max_access_adapter_n", "access_capacity", "strict_alignment",
                                                     "legacy_v1_3_mem_align", "num_cells"};

std::vector<std::uint64_t>& read_uint_array(od::value& v, Where where, int rank, std::vector<std::uint64_t>& out);

// R2, R3: every field optional. Errors rank by field (unknown keys first), so the whole object
// is read before the best of its errors is thrown.
MemoryConfig read_config(od::value& v) {
    od::object obj = read_object(v, Where{"config"}, RANK_CONFIG);
    MemoryConfig c;
    std::optional<SemanticError> best;
    auto offer = [&](SemanticError e) {
        if (!best || e.rank < best->rank) best = std::move(e);
    };
    unsigned seen = 0;
    for (auto field : obj) {
        const std::string_view key = get(field.unescaped_key());
        const int k = key_index(key, CONFIG_KEYS);
        od::value val = get(field.value());
        if (k < 0) {
            offer({RANK_CONFIG, ErrorKind::ParseError, "config: unknown key \"" + quote(key) + "\""});
            continue;
        }
        if (seen & (1u << k)) duplicate(key);
        seen |= 1u << k;
        const int rank = RANK_CONFIG_FIELD + k;
        const Where where{"config", SIZE_MAX, CONFIG_KEYS[static_cast<std::size_t>(k)]};
        try {
            if (k == 7) {
                if (type_of(val) != od::json_type::boolean) semantic(rank, "config.strict_alignment must be true or false");
                c.strict_alignment = get(val.get_bool());
                continue;
            }
            if (k == 8) {  // R262: OpenVM v1.4's legacy-v1-3-mem-align feature
                if (type_of(val) != od::json_type::boolean) semantic(rank, "config.legacy_v1_3_mem_align must be true or false");
                c.legacy_v1_3_mem_align = get(val.get_bool());
                continue;
            }
            if (k == 9) {  // R330: OpenVM v2.0's per-address-space cell counts (checked by the profile)
                read_uint_array(val, where, rank, c.num_cells);
                continue;
            }
            const std::uint64_t x = read_uint(val, where, rank);
            if (k == 6) {
                c.access_capacity = x;
                continue;
            }
            if (x > UINT32_MAX)
                semantic(rank, std::string("config.") + CONFIG_KEYS[static_cast<std::size_t>(k)] + " = " + std::to_string(x) +
                                   " is far outside its bounds (R3)",
                         ErrorKind::InvalidConfig);
            const auto x32 = static_cast<std::uint32_t>(x);
            switch (k) {
                case 0: c.as_height = x32; break;
                case 1: c.as_offset = x32; break;
                case 2: c.pointer_max_bits = x32; break;
                case 3: c.clk_max_bits = x32; break;
                case 4: c.decomp = x32; break;
                case 5: c.max_access_adapter_n = x32; break;
                default: break;
            }
        } catch (SemanticError& e) {
            offer(std::move(e));
        }
    }
    if (best) throw *best;
    return c;
}

std::vector<std::uint64_t>& read_uint_array(od::value& v, Where where, int rank, std::vector<std::uint64_t>& out) {
    od::array arr = read_array(v, where.str() + " must be an array of non-negative integers", rank);
    out.clear();
    std::size_t i = 0;
    for (auto element : arr) {
        od::value x = get(std::move(element));
        where.sub = i++;
        out.push_back(read_uint(x, where, rank));
    }
    return out;
}

constexpr std::array<const char*, 7> OP_KEYS = {"op", "as", "ptr", "len", "data", "by", "finalize_chunk"};

// One op object: {"op":"read","as","ptr","len"}, {"op":"write","as","ptr","data"},
// {"op":"tick","by"}. Its fields may come in any order, so they are read first and checked
// against the kind afterwards. `op.data` keeps its capacity from one op to the next.
// `finalize`: in a stream, a line {"finalize_chunk": C} ends the ops; it is stored there instead.
void read_op(od::value& v, Where where, Op& op, std::optional<std::uint64_t>* finalize = nullptr) {
    od::object obj = read_object(v, where, RANK_OPS);
    unsigned seen = 0;
    std::string_view kind;
    std::optional<std::string> unknown;  // the first unknown key (which may be "")
    for (auto field : obj) {
        const std::string_view key = get(field.unescaped_key());
        int k = key_index(key, OP_KEYS);
        od::value val = get(field.value());
        if (k == 6) {
            if (!finalize) k = -1;  // only a stream's closing line has it
            else if (finalize->has_value()) duplicate(key);
            else {
                *finalize = read_uint(val, Where{"finalize_chunk"}, RANK_FINALIZE);
                continue;
            }
        }
        if (k < 0) {
            if (!unknown) unknown = quote(key);
            continue;
        }
        if (seen & (1u << k)) duplicate(key);
        seen |= 1u << k;
        where.field = OP_KEYS[static_cast<std::size_t>(k)];
        switch (k) {
            case 0: kind = read_string(val, where, RANK_OPS); break;
            case 1: op.address_space = read_uint(val, where, RANK_OPS); break;
            case 2: op.pointer = read_uint(val, where, RANK_OPS); break;
            case 3: op.len = read_uint(val, where, RANK_OPS); break;
            case 4: read_uint_array(val, where, RANK_OPS, op.data); break;
            case 5: op.by = read_uint(val, where, RANK_OPS); break;
            default: break;
        }
    }
    where.field = nullptr;
    if (finalize && finalize->has_value()) {
        if (seen != 0 || unknown) semantic(RANK_FINALIZE, "the finalize_chunk line has no other key (R38)");
        return;
    }
    auto w = [&] { return where.str(); };  // built only for an error
    if (!(seen & 1u)) semantic(RANK_OPS, w() + ": missing key \"op\"");
    unsigned allowed = 0;
    if (kind == "read") op.kind = OpKind::Read, allowed = 0b01111;
    else if (kind == "write") op.kind = OpKind::Write, allowed = 0b10111;
    else if (kind == "tick") op.kind = OpKind::Tick, allowed = 0b100001;
    else semantic(RANK_OPS, w() + ".op must be \"read\", \"write\" or \"tick\", got \"" + quote(kind) + "\"");
    if (unknown) semantic(RANK_OPS, w() + ": unknown key \"" + *unknown + "\"");
    for (std::size_t k = 1; k < 6; ++k) {
        const unsigned bit = 1u << k;
        if ((seen & bit) && !(allowed & bit)) semantic(RANK_OPS, w() + ": unknown key \"" + OP_KEYS[k] + "\"");
        if (!(seen & bit) && (allowed & bit)) semantic(RANK_OPS, w() + ": missing key \"" + OP_KEYS[k] + "\"");
    }
    if (op.kind != OpKind::Read) op.len = 0;
    if (op.kind != OpKind::Write) op.data.clear();
    if (op.kind != OpKind::Tick) op.by = 0;
    if (op.kind == OpKind::Tick) op.address_space = op.pointer = 0;
}

constexpr std::array<const char*, 3> CELL_KEYS = {"as", "ptr", "value"};

InitialCell read_cell(od::value& v, Where where) {
    od::object obj = read_object(v, where, RANK_IMAGE);
    std::uint64_t x[3] = {0, 0, 0};
    unsigned seen = 0;
    for (auto field : obj) {
        const std::string_view key = get(field.unescaped_key());
        const int k = key_index(key, CELL_KEYS);
        od::value val = get(field.value());
        if (k < 0) semantic(RANK_IMAGE, where.str() + ": unknown key \"" + quote(key) + "\"");
        if (seen & (1u << k)) duplicate(key);
        seen |= 1u << k;
        where.field = CELL_KEYS[static_cast<std::size_t>(k)];
        x[k] = read_uint(val, where, RANK_IMAGE);
        where.field = nullptr;
    }
    for (std::size_t k = 0; k < 3; ++k)
        if (!(seen & (1u << k))) semantic(RANK_IMAGE, where.str() + ": missing key \"" + CELL_KEYS[k] + "\"");
    return {x[0], x[1], x[2]};
}

void read_image(od::value& v, std::vector<InitialCell>& out) {
    od::array arr = read_array(v, "initial_memory must be an array", RANK_IMAGE);
    std::size_t i = 0;
    for (auto element : arr) {
        od::value cell = get(std::move(element));
        out.push_back(read_cell(cell, Where{"initial_memory", i++}));
    }
}

// ---------------------------------------------------------------------------------------------
// The top level of a scenario document, or of a stream's header line (no "ops").

constexpr std::array<const char*, 7> TOP_KEYS = {"version", "config", "initial_block_size", "initial_memory", "ops", "finalize_chunk", "profile"};

// Keeps the best-ranked semantic error (see Rank).
struct Best {
    std::optional<SemanticError> error;
    void offer(SemanticError e) {
        if (!error || e.rank < error->rank) error = std::move(e);
    }
};

// One top-level key (its index in TOP_KEYS, or -1): an unknown key, "ops" in a stream's header,
// or a key seen before is an error; `seen` records the keys read so far.
int top_key(std::string_view key, int k, unsigned& seen, bool header) {
    if (k < 0 || (header && k == 4))
        semantic(RANK_TOP, std::string(header ? "stream header" : "scenario") + ": unknown key \"" + quote(key) + "\"" +
                               (header && k == 4 ? " (a stream has one op per line after the header)" : ""));
    if (seen & (1u << k)) duplicate(key);
    seen |= 1u << k;
    return k;
}

// The value of a top-level key other than "ops"; `seen` holds the keys read so far, this one included.
void read_top_value(int k, od::value& val, Scenario& sc, unsigned seen) {
    switch (k) {
        case 0: {
            const std::uint64_t version = read_uint(val, Where{"version"}, RANK_VERSION);
            if (version != INTERCHANGE_VERSION)
                semantic(RANK_VERSION, "unsupported interchange version " + std::to_string(version) + " (this is v1)");
            break;
        }
        case 1: sc.config = read_config(val); break;
        case 2: sc.initial_block_size = read_uint(val, Where{"initial_block_size"}, RANK_IBS); break;
        case 3: read_image(val, sc.initial_memory); break;
        case 5: sc.finalize_chunk = read_uint(val, Where{"finalize_chunk"}, RANK_FINALIZE); break;
        case 6: {
            const std::string_view name = read_string(val, Where{"profile"}, RANK_PROFILE);
            const auto profile = profile_from_name(name);
            if (!profile)
                semantic(RANK_PROFILE, "profile must be " + profile_names_quoted() + ", got \"" + quote(name) + "\" (R3a)");
            sc.profile = *profile;
            // R240: an absent initial_block_size is the one the profile fixes (8 persistent,
            // 1 volatile); a key given earlier or later keeps its own value.
            if (!(seen & (1u << 2)))
                if (auto fixed = profile_chunk(*profile)) sc.initial_block_size = *fixed;
            break;
        }
        default: break;
    }
}

// Is key k part of the setup a run needs before its ops (config, initial_block_size,
// initial_memory, profile)?
bool setup_key(int k) { return (k >= 1 && k <= 3) || k == 6; }

// Reads the scenario object, its ops kept in `ops`. `collect`: record each top-level field's
// semantic error and go on with the next field (used once the document is known to be
// well-formed); otherwise throw at the first. `header`: a stream's header, where "ops" is not a key.
Scenario read_scenario(od::document& doc, bool collect, bool header, Best& best) {
    Scenario sc;
    if (get(doc.type()) != od::json_type::object) semantic(RANK_TOP, header ? "the stream's header line must be a JSON object" : "scenario must be a JSON object");
    od::object obj = get(doc.get_object());
    unsigned seen = 0;
    for (auto field : obj) {
        const std::string_view key = get(field.unescaped_key());
        const int k = key_index(key, TOP_KEYS);
        od::value val = get(field.value());
        try {
            if (top_key(key, k, seen, header) != 4) {
                read_top_value(k, val, sc, seen);
                continue;
            }
            od::array ops = read_array(val, "ops must be an array", RANK_OPS);
            std::size_t i = 0;
            for (auto element : ops) {
                od::value opv = get(std::move(element));
                Op op;
                read_op(opv, Where{"ops", i}, op);
                sc.ops.push_back(std::move(op));
                ++i;
            }
        } catch (SemanticError& e) {
            if (!collect) throw;
            best.offer(std::move(e));
        }
    }
    return sc;
}

// A well-formedness walk of any value: every token checked, every object's keys checked for
// duplicates (recorded in `best`), nesting bounded by MAX_DEPTH.
void walk(od::value v, std::size_t depth, Best& best) {
    if (depth > MAX_DEPTH) throw SyntaxError{"malformed JSON: nesting deeper than " + std::to_string(MAX_DEPTH) + " levels"};
    switch (type_of(v)) {
        case od::json_type::object: {
            std::set<std::string, std::less<>> keys;
            for (auto field : get(v.get_object())) {
                const std::string_view key = get(field.unescaped_key());
                if (!keys.emplace(key).second) best.offer({RANK_DUPLICATE, ErrorKind::ParseError, "duplicate key \"" + quote(key) + "\""});
                walk(get(field.value()), depth + 1, best);
            }
            break;
        }
        case od::json_type::array:
            for (auto element : get(v.get_array())) walk(get(std::move(element)), depth + 1, best);
            break;
        case od::json_type::number: {
            const std::string_view tok = trim(v.raw_json_token());
            if (!is_json_number(tok)) throw SyntaxError{"malformed JSON: invalid number '" + quote(tok) + "'"};
            break;
        }
        case od::json_type::string: (void)get(v.get_string()); break;
        case od::json_type::boolean: (void)get(v.get_bool()); break;
        case od::json_type::null:
            if (!get(v.is_null())) throw SyntaxError{"malformed JSON: invalid literal"};
            break;
    }
}

void expect_end(od::document& doc) {
    const char* at = nullptr;
    if (doc.current_location().get(at) == simdjson::SUCCESS) throw SyntaxError{"malformed JSON: content after the top-level value"};
}

// The whole-document walk: a scalar at the top level is checked as a one-element value.
void walk_document(od::document& doc, Best& best) {
    const od::json_type t = get(doc.type());
    if (t == od::json_type::object || t == od::json_type::array) {
        walk(get(doc.get_value()), 1, best);
    } else if (t == od::json_type::number) {
        const std::string_view tok = trim(get(doc.raw_json_token()));
        if (!is_json_number(tok)) throw SyntaxError{"malformed JSON: invalid number"};
    } else if (t == od::json_type::string) {
        (void)get(doc.get_string());
    } else if (t == od::json_type::boolean) {
        (void)get(doc.get_bool());
    } else if (!get(doc.is_null())) {
        throw SyntaxError{"malformed JSON: invalid literal"};
    }
    expect_end(doc);
}

// An allocation failed while reading (simdjson's index, an op's data): the document may be valid,
// the process cannot hold it.
MemoryError out_of_memory() {
    return make_error(ErrorKind::OutOfMemory, "out of memory reading or running the scenario; give a large run as a stream (--stream, R38)");
}

// Runs `attempt`, a reading of the document in [data, data + len) that throws at its first error;
// when it throws, finds the error the format reports: a syntax error anywhere first, then the
// best-ranked semantic error (see Rank), by walking the document and reading it again with `read`
// in collect mode. Returns that error, or nullopt when `attempt` succeeded.
template <class Attempt, class Read>
std::optional<MemoryError> guarded_reading(Attempt&& attempt, od::parser& parser, const char* data, std::size_t len,
                                           std::size_t capacity, Read&& read) {
    try {
        attempt();
        return std::nullopt;
    } catch (const SyntaxError& e) {
        return make_error(ErrorKind::ParseError, e.message);
    } catch (const SemanticError&) {
        // Fall through: the document has an error; find the one the format reports.
    } catch (const std::bad_alloc&) {
        return out_of_memory();
    } catch (const std::length_error&) {
        return out_of_memory();
    }
    try {
        Best best;
        od::document doc = get(parser.iterate(data, len, capacity));
        walk_document(doc, best);
        if (best.error) return make_error(best.error->kind, best.error->message);
        doc = get(parser.iterate(data, len, capacity));
        (void)read(doc, /*collect=*/true, best);
        if (best.error) return make_error(best.error->kind, best.error->message);
        return make_error(ErrorKind::ParseError, "invalid document");
    } catch (const SyntaxError& e) {
        return make_error(ErrorKind::ParseError, e.message);
    } catch (const SemanticError& e) {
        return make_error(e.kind, e.message);
    } catch (const std::bad_alloc&) {
        return out_of_memory();
    } catch (const std::length_error&) {
        return out_of_memory();
    }
}

// Runs `read` on the document in `buf` at once, with guarded_reading's errors.
template <class T, class Read>
Result<T> parse_document(od::parser& parser, const char* data, std::size_t len, std::size_t capacity, Read&& read) {
    std::optional<T> value;
    auto attempt = [&] {
        od::document doc = get(parser.iterate(data, len, capacity));
        Best unused;
        value.emplace(read(doc, /*collect=*/false, unused));
        expect_end(doc);
    };
    if (auto e = guarded_reading(attempt, parser, data, len, capacity, read)) return std::move(*e);
    return std::move(*value);
}

MemoryError document_limit(const std::string& what) {
    return limit_error(what, MAX_DOCUMENT_BYTES, "give larger runs as a stream (--stream, R38)");
}

Result<Scenario> parse_padded(const char* data, std::size_t len, std::size_t capacity) {
    if (len > MAX_DOCUMENT_BYTES) return document_limit("a scenario document");
    od::parser parser;
    return parse_document<Scenario>(parser, data, len, capacity,
                                    [](od::document& doc, bool collect, Best& best) { return read_scenario(doc, collect, false, best); });
}

}  // namespace

namespace {

// A scenario's bytes with simdjson's padding after them, in a mapping: a regular file is mapped (no
// copy, no zeroing: its pages come from the page cache) over an anonymous mapping one page longer so
// the padding is readable; anything else (a pipe) is read into an anonymous mapping that grows by
// mremap as the bytes arrive (no copy, no zeroing: only the pages read into become resident), up to
// MAX_READ_BYTES (R136: refused as soon as the bytes pass it, not when memory runs out).
class Input {
public:
    Input() = default;
    Input(const Input&) = delete;
    Input& operator=(const Input&) = delete;
    ~Input() {
        if (map_) ::munmap(map_, map_len_);
    }
    const char* data() const { return static_cast<const char*>(map_); }
    std::size_t size() const { return size_; }
    std::size_t capacity() const { return map_len_; }

    // `what` names the input in messages.
    Status load(int fd, const std::string& what) {
        struct stat st {};
        const bool file = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
        if (file && static_cast<std::uint64_t>(st.st_size) > MAX_DOCUMENT_BYTES) return document_limit(what);
        if (file && st.st_size > 0) {
            size_ = static_cast<std::size_t>(st.st_size);
            map_len_ = round_up(size_ + simdjson::SIMDJSON_PADDING) + page();
            void* area = ::mmap(nullptr, map_len_, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (area == MAP_FAILED) return out_of_memory();
            if (::mmap(area, size_, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) != MAP_FAILED) {
                map_ = area;
                return {};
            }
            ::munmap(area, map_len_);  // a file that cannot be mapped (procfs, some FUSE) is read
        }
        return read_stream(fd, what, file ? MAX_DOCUMENT_BYTES : MAX_READ_BYTES);
    }

private:
    static std::size_t page() { return static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)); }
    static std::size_t round_up(std::size_t n) { return (n + page() - 1) / page() * page(); }

    Status read_stream(int fd, const std::string& what, std::uint64_t limit) {
        constexpr std::size_t PAD = simdjson::SIMDJSON_PADDING;
        map_len_ = std::size_t{1} << 20;
        size_ = 0;
        void* area = ::mmap(nullptr, map_len_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (area == MAP_FAILED) return out_of_memory();
        map_ = area;
        for (;;) {
            if (map_len_ - size_ < PAD + (std::size_t{1} << 16)) {
                void* grown = ::mremap(map_, map_len_, 2 * map_len_, MREMAP_MAYMOVE);
                if (grown == MAP_FAILED) return out_of_memory();
                map_ = grown;
                map_len_ *= 2;
            }
            // At most one byte past the limit: enough to know the input is over it.
            const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(map_len_ - size_ - PAD, limit + 1 - size_));
            auto n = read_some(fd, static_cast<char*>(map_) + size_, want, what);
            if (!n) return n.error();
            if (*n == 0) return {};
            size_ += *n;
            if (size_ > limit)
                return limit == MAX_DOCUMENT_BYTES ? document_limit(what)
                                                   : limit_error(what, limit, "give a large run as a file or as a stream (--stream, R38)");
        }
    }

    void* map_ = nullptr;
    std::size_t map_len_ = 0, size_ = 0;
};

// Loads a file, or stdin for "-".
Result<std::unique_ptr<Input>> load_padded(const std::string& path) {
    const std::string what = input_name(path, "scenario file");
    const int fd = path == "-" ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return make_error(ErrorKind::ParseError, "cannot open " + what + ": " + std::strerror(errno));
    auto input = std::make_unique<Input>();
    auto st = input->load(fd, what);
    if (fd != 0) ::close(fd);
    if (!st) return st.error();
    return input;
}

}  // namespace

// A document read by a cursor over simdjson's On-Demand iterators: head() reads the top-level keys
// up to the "ops" array, each next() reads one op, and past the array the keys after it. The first
// reading throws at the document's first error; guarded_reading then finds the one it reports.
struct DocumentSource::State {
    std::string path;
    std::unique_ptr<Input> input;
    od::parser parser;
    od::document doc;
    od::object_iterator field, fields_end;
    od::array_iterator op, ops_end;
    bool in_ops = false;
    bool ops_begun = false;
    bool setup_after_ops = false;  // a setup key came after the ops began
    bool ended = false;
    unsigned seen = 0;
    std::size_t index = 0;
    Scenario head;

    // Reads top-level keys until the ops array opens (its ops are next) or the object ends.
    void advance() {
        while (field != fields_end) {
            auto f = *field;  // read exactly as read_scenario's loop reads a field
            const std::string_view key = get(f.unescaped_key());
            int k = key_index(key, TOP_KEYS);
            od::value val = get(f.value());
            k = top_key(key, k, seen, false);
            if (k == 4) {
                ops_begun = true;
                od::array ops = read_array(val, "ops must be an array", RANK_OPS);
                op = get(ops.begin());
                ops_end = get(ops.end());
                in_ops = true;
                return;  // the object's iterator moves on once the array has been read
            }
            read_top_value(k, val, head, seen);
            if (ops_begun && setup_key(k)) setup_after_ops = true;
            ++field;
        }
        expect_end(doc);
        ended = true;
    }

    // Runs a step of the first reading; on a throw, the document's error.
    template <class Step>
    Status guarded(Step&& step) {
        auto read = [](od::document& d, bool collect, Best& best) { return read_scenario(d, collect, false, best); };
        if (auto e = guarded_reading(step, parser, input->data(), input->size(), input->capacity(), read)) {
            ended = true;
            return std::move(*e);
        }
        return {};
    }
};

DocumentSource::DocumentSource(std::string path) : state_(std::make_unique<State>()) { state_->path = std::move(path); }
DocumentSource::~DocumentSource() = default;

Result<const Scenario*> DocumentSource::head() {
    State& s = *state_;
    auto loaded = load_padded(s.path);
    if (!loaded) return loaded.error();
    s.input = std::move(*loaded);
    auto st = s.guarded([&] {
        s.doc = get(s.parser.iterate(s.input->data(), s.input->size(), s.input->capacity()));
        if (get(s.doc.type()) != od::json_type::object) semantic(RANK_TOP, "scenario must be a JSON object");
        od::object obj = get(s.doc.get_object());
        s.field = get(obj.begin());
        s.fields_end = get(obj.end());
        s.advance();
    });
    if (!st) return st.error();
    return &s.head;
}

Result<const Op*> DocumentSource::next(Op& slot) {
    State& s = *state_;
    const Op* got = nullptr;
    auto st = s.guarded([&] {
        while (!got && !s.ended) {
            if (!s.in_ops) {
                s.advance();
                continue;
            }
            if (s.op != s.ops_end) {
                od::value v = get(*s.op);
                read_op(v, Where{"ops", s.index}, slot);
                ++s.op;
                ++s.index;
                got = &slot;
                continue;
            }
            s.in_ops = false;
            ++s.field;
        }
    });
    if (!st) return st.error();
    return got;
}

SourcePosition DocumentSource::position() const {
    State& s = *state_;  // simdjson's location query is not const; it changes nothing
    if (!s.input) return {};
    const char* at = nullptr;
    if (!s.ended && s.doc.current_location().get(at) == simdjson::SUCCESS)
        return {static_cast<std::uint64_t>(at - s.input->data()), s.input->size()};
    return {s.input->size(), s.input->size()};
}

Result<std::optional<Scenario>> DocumentSource::reread() {
    const State& s = *state_;
    if (!s.setup_after_ops) return std::optional<Scenario>{};
    auto sc = parse_padded(s.input->data(), s.input->size(), s.input->capacity());
    if (!sc) return sc.error();
    return std::optional<Scenario>{std::move(*sc)};
}

Result<Scenario> parse_scenario(std::string_view text) {
    std::string padded;
    padded.reserve(text.size() + simdjson::SIMDJSON_PADDING);
    padded.assign(text);
    return parse_padded(padded.data(), padded.size(), padded.capacity());
}

Result<Scenario> parse_stream_header(std::string_view text) {
    if (text.size() > MAX_DOCUMENT_BYTES) return document_limit("a stream header");
    std::string padded;
    padded.reserve(text.size() + simdjson::SIMDJSON_PADDING);
    padded.assign(text);
    od::parser parser;
    return parse_document<Scenario>(parser, padded.data(), padded.size(), padded.capacity(),
                                    [](od::document& doc, bool collect, Best& best) { return read_scenario(doc, collect, true, best); });
}

Result<Scenario> load_scenario(const std::string& path) {
    auto text = load_padded(path);
    if (!text) return text.error();
    return parse_padded((*text)->data(), (*text)->size(), (*text)->capacity());
}

// ---------------------------------------------------------------------------------------------
// JSON Lines (R38).

struct ScenarioStreamReader::State {
    int fd;
    std::vector<char> buf;  // [begin, end) unread; SIMDJSON_PADDING spare bytes always follow end
    std::size_t begin = 0, end = 0;
    std::size_t scanned = 0;  // [begin, scanned) holds no newline: a long line is searched once
    bool eof = false;
    std::size_t line = 0;
    std::uint64_t bytes = 0;
    std::size_t ops = 0;
    bool finished = false;  // a finalize line was read: nothing may follow
    od::parser parser;

    explicit State(int f) : fd(f), buf((std::size_t{1} << 20) + simdjson::SIMDJSON_PADDING) {}

    // The next line (without its newline), nullopt at the end of the input, InputError when a
    // read fails (R136: never taken for the end, or the stream would look complete), LimitExceeded when
    // the line grows past `limit` bytes (found before more than `limit` + one read are buffered).
    Result<std::optional<std::string_view>> next_line(std::size_t limit) {
        for (;;) {
            if (scanned < begin) scanned = begin;
            if (const void* nl = std::memchr(buf.data() + scanned, '\n', end - scanned)) {
                const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(nl) - buf.data());
                std::string_view line_text(buf.data() + begin, at - begin);
                begin = scanned = at + 1;
                ++line;
                if (line_text.size() > limit) return too_long(limit);
                return std::optional<std::string_view>(line_text);
            }
            scanned = end;
            if (end - begin > limit) {
                ++line;
                return too_long(limit);
            }
            if (eof) {
                if (begin == end) return std::optional<std::string_view>();
                std::string_view line_text(buf.data() + begin, end - begin);
                begin = end;
                ++line;
                return std::optional<std::string_view>(line_text);
            }
            // Move what is left to the front, grow if one line fills the buffer, read more.
            if (begin > 0) {
                std::memmove(buf.data(), buf.data() + begin, end - begin);
                end -= begin;
                scanned -= begin;
                begin = 0;
            }
            if (buf.size() - end < (std::size_t{1} << 16) + simdjson::SIMDJSON_PADDING) buf.resize(buf.size() * 2);
            auto n = read_some(fd, buf.data() + end, buf.size() - end - simdjson::SIMDJSON_PADDING, "the stream");
            if (!n) return at_line(n.error(), line + 1);
            if (*n == 0) eof = true;
            end += *n;
            bytes += *n;
        }
    }

    MemoryError too_long(std::size_t limit) const {
        return at_line(limit_error("a stream line", limit, limit == MAX_STREAM_LINE_BYTES ? "a valid op line is under 1 KiB" : "give a large initial memory as a document file"));
    }

    // The line's bytes, with the buffer's spare bytes as simdjson's padding.
    std::size_t capacity_after(std::string_view line_text) const {
        return static_cast<std::size_t>(buf.data() + buf.size() - line_text.data());
    }

    MemoryError at_line(MemoryError e) const { return at_line(std::move(e), line); }
    static MemoryError at_line(MemoryError e, std::size_t n) {
        e.message = "line " + std::to_string(n) + ": " + e.message;
        return e;
    }
};

ScenarioStreamReader::ScenarioStreamReader(int fd) : state_(std::make_unique<State>(fd)) {}
ScenarioStreamReader::~ScenarioStreamReader() = default;

std::size_t ScenarioStreamReader::line() const { return state_->line; }
std::uint64_t ScenarioStreamReader::bytes() const { return state_->bytes; }

namespace {
bool blank(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}
}  // namespace

Result<Scenario> ScenarioStreamReader::header() {
    State& s = *state_;
    std::optional<std::string_view> text;
    do {
        // The header holds the initial memory: it may be as large as anything read whole.
        auto got = s.next_line(MAX_READ_BYTES);
        if (!got) return got.error();
        text = *got;
    } while (text && blank(*text));
    if (!text) return make_error(ErrorKind::ParseError, "the stream is empty: its first line must be the header (R38)");
    auto sc = parse_document<Scenario>(s.parser, text->data(), text->size(), s.capacity_after(*text),
                                       [](od::document& doc, bool collect, Best& best) { return read_scenario(doc, collect, true, best); });
    if (!sc) return s.at_line(sc.error());
    header_has_finalize_ = sc->finalize_chunk.has_value();
    return sc;
}

Result<bool> ScenarioStreamReader::next(Op& op) {
    State& s = *state_;
    for (;;) {
        auto got = s.next_line(MAX_STREAM_LINE_BYTES);
        if (!got) return got.error();
        const std::optional<std::string_view>& text = *got;
        if (!text) return false;
        if (blank(*text)) continue;
        if (s.finished) return s.at_line(make_error(ErrorKind::ParseError, "nothing may follow the finalize_chunk line (R38)"));
        // A closing {"finalize_chunk": C} line, or an op.
        const std::size_t index = s.ops;
        std::optional<std::uint64_t> finalize;
        auto parsed = parse_document<bool>(s.parser, text->data(), text->size(), s.capacity_after(*text),
                                           [&](od::document& doc, bool, Best&) {
                                               if (get(doc.type()) != od::json_type::object)
                                                   semantic(RANK_OPS, "ops[" + std::to_string(index) + "] must be a JSON object");
                                               od::value v = get(doc.get_value());
                                               finalize.reset();
                                               read_op(v, Where{"ops", index}, op, &finalize);
                                               return true;
                                           });
        if (!parsed) return s.at_line(parsed.error());
        if (finalize) {
            if (header_has_finalize_)
                return s.at_line(make_error(ErrorKind::ParseError, "finalize_chunk is given twice: in the header and on a closing line (R38)"));
            trailing_finalize_ = finalize;
            s.finished = true;
            continue;
        }
        ++s.ops;
        return true;
    }
}

StreamSource::StreamSource(int fd) : reader_(fd) {}

Result<const Scenario*> StreamSource::head() {
    auto sc = reader_.header();
    if (!sc) return sc.error();
    head_ = std::move(*sc);
    return &head_;
}

Result<const Op*> StreamSource::next(Op& slot) {
    auto more = reader_.next(slot);
    if (!more) return more.error();
    if (*more) return &slot;
    // R38: the closing line's finalize_chunk completes the header's setup.
    if (!head_.finalize_chunk) head_.finalize_chunk = reader_.trailing_finalize_chunk();
    return static_cast<const Op*>(nullptr);
}

}  // namespace memspec
