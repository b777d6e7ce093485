#include "spec/interchange/scenario_writer.hpp"

namespace memspec {

void write_config(TextWriter& w, const MemoryConfig& c) {
    w.field(R"({"as_height":)", c.as_height);
    w.field(R"(,"as_offset":)", c.as_offset);
    w.field(R"(,"pointer_max_bits":)", c.pointer_max_bits);
    w.field(R"(,"clk_max_bits":)", c.clk_max_bits);
    w.field(R"(,"decomp":)", c.decomp);
    w.field(R"(,"max_access_adapter_n":)", c.max_access_adapter_n);
    w.field(R"(,"access_capacity":)", c.access_capacity);
    w.put(c.strict_alignment ? R"(,"strict_alignment":true)" : R"(,"strict_alignment":false)");
    // R262: written only when set, so that every scenario without it keeps its bytes.
    if (c.legacy_v1_3_mem_align) w.put(R"(,"legacy_v1_3_mem_align":true)");
    // R330: likewise written only when given.
    if (!c.num_cells.empty()) {
        w.put(R"(,"num_cells":[)");
        for (std::size_t i = 0; i < c.num_cells.size(); ++i) w.field(i == 0 ? "" : ",", c.num_cells[i]);
        w.put("]");
    }
    w.put("}");
}

void write_op(TextWriter& w, const Op& op) {
    switch (op.kind) {
        case OpKind::Read:
            w.field(R"({"op":"read","as":)", op.address_space);
            w.field(R"(,"ptr":)", op.pointer);
            w.field(R"(,"len":)", op.len);
            w.put('}');
            return;
        case OpKind::Write:
            w.field(R"({"op":"write","as":)", op.address_space);
            w.field(R"(,"ptr":)", op.pointer);
            w.put(R"(,"data":[)");
            for (std::size_t i = 0; i < op.data.size(); ++i) {
                if (i) w.put(',');
                w.number(op.data[i]);
            }
            w.put("]}");
            return;
        case OpKind::Tick:
            w.field(R"({"op":"tick","by":)", op.by);
            w.put('}');
            return;
    }
}

namespace {

// Everything but the ops, with no closing brace: both framings start this way.
void write_head(TextWriter& w, const Scenario& sc) {
    // The profile first (R3a): a reader knows the rules before it meets the config.
    w.put(R"({"profile":")");
    w.put(profile_name(sc.profile));
    w.put(R"(","config":)");
    write_config(w, sc.config);
    w.field(R"(,"initial_block_size":)", sc.initial_block_size);
    w.put(R"(,"initial_memory":[)");
    for (std::size_t i = 0; i < sc.initial_memory.size(); ++i) {
        const InitialCell& c = sc.initial_memory[i];
        w.put(i ? R"(,{"as":)" : R"({"as":)");
        w.number(c.address_space);
        w.field(R"(,"ptr":)", c.pointer);
        w.field(R"(,"value":)", c.value);
        w.put('}');
    }
    w.put(']');
}

void write_finalize(TextWriter& w, const Scenario& sc) {
    if (!sc.finalize_chunk) return;
    w.field(R"(,"finalize_chunk":)", *sc.finalize_chunk);
}

}  // namespace

void write_scenario(TextWriter& w, const Scenario& sc) {
    write_head(w, sc);
    w.put(R"(,"ops":[)");
    for (std::size_t i = 0; i < sc.ops.size(); ++i) {
        if (i) w.put(',');
        write_op(w, sc.ops[i]);
    }
    w.put(']');
    write_finalize(w, sc);
    w.put('}');
}

void write_stream_header(TextWriter& w, const Scenario& sc) {
    write_head(w, sc);
    write_finalize(w, sc);
    w.put("}\n");
}

}  // namespace memspec
