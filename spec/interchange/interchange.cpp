#include "spec/interchange/interchange.hpp"

#include <cstdint>
#include <limits>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "spec/interchange/indent.hpp"
#include "spec/interchange/output.hpp"
#include "spec/interchange/result_format.hpp"
#include "spec/interchange/scenario_writer.hpp"
#include "spec/vocabulary/strict_json.hpp"

namespace memspec {

// nlohmann reads (through the strict parse, R150); every output is written directly, once, by the
// compact writers, and indented by re-indenting their bytes (R196).
using nlohmann::json;

namespace {

struct Bad {
    ErrorKind kind;
    std::string message;
};

[[noreturn]] void parse_fail(const std::string& msg) { throw Bad{ErrorKind::ParseError, msg}; }

// R150: the parse every document-tree reader shares (duplicate keys, trailing bytes, malformed
// JSON are ParseError); the objects' allowed keys are checked below, reader by reader.
json parse_strict(std::string_view text, const std::string& where = "") {
    auto j = parse_json_strict(text);
    if (!j) parse_fail(where.empty() ? j.error().message : where + ": " + j.error().message);
    return std::move(*j);
}

void require_object(const json& j, const std::string& where, std::initializer_list<const char*> allowed,
                    std::initializer_list<const char*> required) {
    if (!j.is_object()) parse_fail(where + " must be a JSON object");
    for (const auto& [k, _] : j.items()) {
        bool ok = false;
        for (const char* a : allowed) ok = ok || k == a;
        if (!ok) parse_fail(where + ": unknown key \"" + k + "\"");
    }
    for (const char* r : required)
        if (!j.contains(r)) parse_fail(where + ": missing key \"" + r + "\"");
}

std::uint64_t get_uint(const json& j, const std::string& where) {
    if (j.is_number_unsigned()) return j.get<std::uint64_t>();
    if (j.is_number_integer()) parse_fail(where + " must be a non-negative integer, got " + j.dump());
    if (j.is_number_float()) parse_fail(where + " must be an integer that fits in 64 bits, got " + j.dump());
    parse_fail(where + " must be a non-negative integer, got " + std::string(j.type_name()));
}

std::uint32_t get_config_u32(const json& j, const std::string& key) {
    std::uint64_t v = get_uint(j, "config." + key);
    if (v > std::numeric_limits<std::uint32_t>::max())
        throw Bad{ErrorKind::InvalidConfig, "config." + key + " = " + std::to_string(v) + " is far outside its bounds (R3)"};
    return static_cast<std::uint32_t>(v);
}

std::vector<std::uint64_t> get_uint_array(const json& j, const std::string& where) {
    if (!j.is_array()) parse_fail(where + " must be an array of non-negative integers");
    std::vector<std::uint64_t> out;
    out.reserve(j.size());
    for (std::size_t i = 0; i < j.size(); ++i) out.push_back(get_uint(j[i], where + "[" + std::to_string(i) + "]"));
    return out;
}

std::string get_string(const json& j, const std::string& where) {
    if (!j.is_string()) parse_fail(where + " must be a string");
    return j.get<std::string>();
}

void check_version(const json& j) {
    if (j.contains("version") && get_uint(j["version"], "version") != INTERCHANGE_VERSION)
        parse_fail("unsupported interchange version " + j["version"].dump() + " (this is v1)");
}

MemoryConfig parse_config(const json& j) {
    require_object(j, "config",
                   {"as_height", "as_offset", "pointer_max_bits", "clk_max_bits", "decomp", "max_access_adapter_n",
                    "access_capacity", "strict_alignment", "legacy_v1_3_mem_align", "num_cells"},
                   {});
    MemoryConfig c;
    if (j.contains("as_height")) c.as_height = get_config_u32(j["as_height"], "as_height");
    if (j.contains("as_offset")) c.as_offset = get_config_u32(j["as_offset"], "as_offset");
    if (j.contains("pointer_max_bits")) c.pointer_max_bits = get_config_u32(j["pointer_max_bits"], "pointer_max_bits");
    if (j.contains("clk_max_bits")) c.clk_max_bits = get_config_u32(j["clk_max_bits"], "clk_max_bits");
    if (j.contains("decomp")) c.decomp = get_config_u32(j["decomp"], "decomp");
    if (j.contains("max_access_adapter_n"))
        c.max_access_adapter_n = get_config_u32(j["max_access_adapter_n"], "max_access_adapter_n");
    if (j.contains("access_capacity")) c.access_capacity = get_uint(j["access_capacity"], "config.access_capacity");
    if (j.contains("strict_alignment")) {
        if (!j["strict_alignment"].is_boolean()) parse_fail("config.strict_alignment must be true or false");
        c.strict_alignment = j["strict_alignment"].get<bool>();
    }
    if (j.contains("legacy_v1_3_mem_align")) {  // R262
        if (!j["legacy_v1_3_mem_align"].is_boolean()) parse_fail("config.legacy_v1_3_mem_align must be true or false");
        c.legacy_v1_3_mem_align = j["legacy_v1_3_mem_align"].get<bool>();
    }
    if (j.contains("num_cells")) c.num_cells = get_uint_array(j["num_cells"], "config.num_cells");  // R330
    return c;
}

std::vector<BabyBear> get_values(const json& j, const std::string& where) {
    std::vector<BabyBear> out;
    for (std::uint64_t x : get_uint_array(j, where)) {
        auto v = BabyBear::from_u64(x);
        if (!v) throw Bad{ErrorKind::InvalidValue, where + ": " + std::to_string(x) + " is not a field element (R1)"};
        out.push_back(*v);
    }
    return out;
}

std::uint32_t get_u32(const json& j, const std::string& where) {
    std::uint64_t v = get_uint(j, where);
    if (v > std::numeric_limits<std::uint32_t>::max()) parse_fail(where + " does not fit in 32 bits");
    return static_cast<std::uint32_t>(v);
}

AccessRecord parse_access_record(const json& e, const std::string& w) {
    if (!e.is_object() || !e.contains("op")) parse_fail(w + " must be an object with \"op\"");
    const std::string op = get_string(e["op"], w + ".op");
    AccessRecord rec{};
    if (op == "read") {
        require_object(e, w, {"op", "as", "ptr", "timestamp", "prev_timestamp", "data"}, {"as", "ptr", "timestamp", "prev_timestamp", "data"});
        rec.op = AccessKind::Read;
    } else if (op == "write") {
        require_object(e, w, {"op", "as", "ptr", "timestamp", "prev_timestamp", "data", "prev_data"},
                       {"as", "ptr", "timestamp", "prev_timestamp", "data", "prev_data"});
        rec.op = AccessKind::Write;
        rec.prev_data = get_values(e["prev_data"], w + ".prev_data");
    } else {
        parse_fail(w + ".op must be \"read\" or \"write\"");
    }
    rec.address_space = get_u32(e["as"], w + ".as");
    rec.pointer = get_u32(e["ptr"], w + ".ptr");
    rec.timestamp = get_u32(e["timestamp"], w + ".timestamp");
    rec.prev_timestamp = get_u32(e["prev_timestamp"], w + ".prev_timestamp");
    rec.data = get_values(e["data"], w + ".data");
    return rec;
}

AccessAdapterRecord parse_adapter_record(const json& e, const std::string& w) {
    require_object(e, w, {"n", "kind", "as", "ptr", "left_timestamp", "right_timestamp", "data"},
                   {"n", "kind", "as", "ptr", "left_timestamp", "right_timestamp", "data"});
    AccessAdapterRecord a{};
    a.n = get_u32(e["n"], w + ".n");
    const std::string kind = get_string(e["kind"], w + ".kind");
    if (kind == "split") a.kind = AdapterKind::Split;
    else if (kind == "merge") a.kind = AdapterKind::Merge;
    else parse_fail(w + ".kind must be \"split\" or \"merge\"");
    a.address_space = get_u32(e["as"], w + ".as");
    a.pointer = get_u32(e["ptr"], w + ".ptr");
    a.left_timestamp = get_u32(e["left_timestamp"], w + ".left_timestamp");
    a.right_timestamp = get_u32(e["right_timestamp"], w + ".right_timestamp");
    a.data = get_values(e["data"], w + ".data");
    return a;
}

// R75a: a Merkle root, 8 field elements.
poseidon2::Digest get_digest(const json& j, const std::string& w) {
    const auto values = get_values(j, w);
    if (values.size() != poseidon2::DIGEST) parse_fail(w + " must have " + std::to_string(poseidon2::DIGEST) + " values");
    poseidon2::Digest d{};
    std::copy(values.begin(), values.end(), d.begin());
    return d;
}

FinalBlock parse_final_block(const json& e, const std::string& w) {
    require_object(e, w, {"as", "ptr", "timestamp", "values"}, {"as", "ptr", "timestamp", "values"});
    return FinalBlock{get_u32(e["as"], w + ".as"), get_u32(e["ptr"], w + ".ptr"), get_u32(e["timestamp"], w + ".timestamp"),
                      get_values(e["values"], w + ".values")};
}

RunResult parse_result_json(const json& j) {
    require_object(j, "result",
                   {"version", "reads", "records", "adapter_records", "final_memory", "final_timestamp", "initial_root", "final_root"},
                   {"reads", "records", "adapter_records", "final_timestamp"});
    check_version(j);
    RunResult r;
    if (!j["reads"].is_array()) parse_fail("reads must be an array");
    for (std::size_t i = 0; i < j["reads"].size(); ++i) r.reads.push_back(get_values(j["reads"][i], "reads[" + std::to_string(i) + "]"));
    if (!j["records"].is_array()) parse_fail("records must be an array");
    for (std::size_t i = 0; i < j["records"].size(); ++i)
        r.records.push_back(parse_access_record(j["records"][i], "records[" + std::to_string(i) + "]"));
    if (!j["adapter_records"].is_array()) parse_fail("adapter_records must be an array");
    for (std::size_t i = 0; i < j["adapter_records"].size(); ++i)
        r.adapter_records.push_back(parse_adapter_record(j["adapter_records"][i], "adapter_records[" + std::to_string(i) + "]"));
    if (j.contains("final_memory")) {
        const json& fm = j["final_memory"];
        if (!fm.is_array()) parse_fail("final_memory must be an array");
        TimestampedEquipartition eq;
        for (std::size_t i = 0; i < fm.size(); ++i) {
            eq.blocks.push_back(parse_final_block(fm[i], "final_memory[" + std::to_string(i) + "]"));
            eq.chunk = static_cast<std::uint32_t>(eq.blocks.back().values.size());
        }
        r.final_memory = std::move(eq);
    }
    r.final_timestamp = get_u32(j["final_timestamp"], "final_timestamp");
    // R75a: the roots, under the persistent profile; a final root needs an initial one.
    if (j.contains("initial_root")) {
        r.roots.emplace();
        r.roots->initial_root = get_digest(j["initial_root"], "initial_root");
        if (j.contains("final_root")) r.roots->final_root = get_digest(j["final_root"], "final_root");
    } else if (j.contains("final_root")) {
        parse_fail("final_root without initial_root");
    }
    return r;
}

// R38: one object per line; a "finalize_chunk" line (after the final blocks) says the run was
// finalized, so final_memory is present even when empty.
RunResult parse_result_lines(std::string_view text) {
    RunResult r;
    bool ended = false;
    std::size_t line = 0;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        const std::string_view piece = text.substr(0, nl);
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        ++line;
        if (piece.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        const std::string w = "line " + std::to_string(line);
        const json j = parse_strict(piece, w);
        if (!j.is_object() || j.size() != 1) parse_fail(w + " must be an object with one key");
        if (ended) parse_fail(w + ": nothing may follow final_timestamp");
        const std::string key = j.begin().key();
        const json& value = j.begin().value();
        if (key == "record") {
            r.records.push_back(parse_access_record(value, w + ".record"));
            if (r.records.back().op == AccessKind::Read) r.reads.push_back(r.records.back().data);
        } else if (key == "adapter_record") {
            r.adapter_records.push_back(parse_adapter_record(value, w + ".adapter_record"));
        } else if (key == "final_block") {
            if (!r.final_memory) r.final_memory.emplace();
            r.final_memory->blocks.push_back(parse_final_block(value, w + ".final_block"));
            r.final_memory->chunk = static_cast<std::uint32_t>(r.final_memory->blocks.back().values.size());
        } else if (key == "finalize_chunk") {
            const std::uint64_t chunk = get_uint(value, w + ".finalize_chunk");
            if (!r.final_memory) r.final_memory.emplace();
            r.final_memory->chunk = static_cast<std::uint32_t>(chunk);
        } else if (key == "initial_root") {
            if (r.roots) parse_fail(w + ": a second initial_root");
            r.roots.emplace();
            r.roots->initial_root = get_digest(value, w + ".initial_root");
        } else if (key == "final_root") {
            if (!r.roots || r.roots->final_root) parse_fail(w + ": final_root must follow one initial_root");
            r.roots->final_root = get_digest(value, w + ".final_root");
        } else if (key == "final_timestamp") {
            r.final_timestamp = get_u32(value, w + ".final_timestamp");
            ended = true;
        } else if (key == "error") {
            require_object(value, w + ".error", {"kind", "message", "op_index"}, {"kind", "message"});
            const std::string kind = get_string(value["kind"], w + ".error.kind");
            std::optional<ErrorKind> k;
            for (ErrorKind e : {ErrorKind::ParseError, ErrorKind::InvalidConfig, ErrorKind::InvalidAddressSpace, ErrorKind::SizeNotPowerOfTwo,
                                ErrorKind::OutOfBounds, ErrorKind::UnalignedAccess, ErrorKind::InvalidValue, ErrorKind::TimestampViolation,
                                ErrorKind::Untraceable})
                if (to_string(e) == kind) k = e;
            if (!k) parse_fail(w + ".error.kind is not an error kind");
            MemoryError e{*k, get_string(value["message"], w + ".error.message"), std::nullopt};
            if (value.contains("op_index")) e.op_index = get_uint(value["op_index"], w + ".error.op_index");
            throw e;
        } else {
            parse_fail(w + ": unknown key \"" + key + "\"");
        }
    }
    if (!ended) parse_fail("the stream has no final_timestamp line: it ended early");
    return r;
}

// An allocation failed while reading: the input may be valid, the process cannot hold it.
MemoryError out_of_memory() { return make_error(ErrorKind::OutOfMemory, "out of memory"); }

// R196: one writer per format; `indent` >= 0 lays the compact bytes out.
template <class Write>
std::string written(int indent, Write&& write) {
    StringSink out;
    {
        IndentSink indented(out, indent);
        ByteSink& sink = indent < 0 ? static_cast<ByteSink&>(out) : indented;
        TextWriter w(sink);
        write(w);
    }
    return std::move(out.text);
}

}  // namespace

Result<MemoryConfig> parse_config(std::string_view text) {
    try {
        return parse_config(parse_strict(text));
    } catch (const Bad& b) {
        return make_error(b.kind, b.message);
    } catch (const std::bad_alloc&) {
        return out_of_memory();
    } catch (const std::length_error&) {
        return out_of_memory();
    } catch (const std::exception& e) {
        return make_error(ErrorKind::ParseError, e.what());
    }
}

Result<RunResult> parse_result_jsonl(std::string_view text) {
    try {
        return parse_result_lines(text);
    } catch (const MemoryError& e) {
        return e;
    } catch (const Bad& b) {
        return make_error(b.kind, b.message);
    } catch (const std::bad_alloc&) {
        return out_of_memory();
    } catch (const std::length_error&) {
        return out_of_memory();
    } catch (const std::exception& e) {
        return make_error(ErrorKind::ParseError, e.what());
    }
}

std::string to_json(const MemoryConfig& config, int indent) {
    return written(indent, [&](TextWriter& w) { write_config(w, config); });
}

Result<RunResult> parse_result(std::string_view text) {
    try {
        return parse_result_json(parse_strict(text));
    } catch (const Bad& b) {
        return make_error(b.kind, b.message);
    } catch (const std::bad_alloc&) {
        return out_of_memory();
    } catch (const std::length_error&) {
        return out_of_memory();
    } catch (const std::exception& e) {
        return make_error(ErrorKind::ParseError, e.what());
    }
}

std::string to_json(const Scenario& sc, int indent) {
    return written(indent, [&](TextWriter& w) { write_scenario(w, sc); });
}

// The compact form is the canonical one (R29, R39): printed directly, the same code path
// `memspec run` uses.
std::string to_json(const RunResult& r, int indent) {
    return written(indent, [&](TextWriter& w) { write_result(w, r); });
}

std::string to_json(const MemoryError& e, int indent) {
    return written(indent, [&](TextWriter& w) { write_error(w, e); });
}

}  // namespace memspec
