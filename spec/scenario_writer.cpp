#include "spec/scenario_writer.hpp"

namespace memspec {

void write_config(TextWriter& w, const MemoryConfig& c) {
    w.put(R"({"as_height":)");
    w.number(c.as_height);
    w.put(R"(,"as_offset":)");
    w.number(c.as_offset);
    w.put(R"(,"pointer_max_bits":)");
    w.number(c.pointer_max_bits);
    w.put(R"(,"clk_max_bits":)");
    w.number(c.clk_max_bits);
    w.put(R"(,"decomp":)");
    w.number(c.decomp);
    w.put(R"(,"max_access_adapter_n":)");
    w.number(c.max_access_adapter_n);
    w.put(R"(,"access_capacity":)");
    w.number(c.access_capacity);
    w.put(c.strict_alignment ? R"(,"strict_alignment":true})" : R"(,"strict_alignment":false})");
}

void write_op(TextWriter& w, const Op& op) {
    switch (op.kind) {
        case OpKind::Read:
            w.put(R"({"op":"read","as":)");
            w.number(op.address_space);
            w.put(R"(,"ptr":)");
            w.number(op.pointer);
            w.put(R"(,"len":)");
            w.number(op.len);
            w.put('}');
            return;
        case OpKind::Write:
            w.put(R"({"op":"write","as":)");
            w.number(op.address_space);
            w.put(R"(,"ptr":)");
            w.number(op.pointer);
            w.put(R"(,"data":[)");
            for (std::size_t i = 0; i < op.data.size(); ++i) {
                if (i) w.put(',');
                w.number(op.data[i]);
            }
            w.put("]}");
            return;
        case OpKind::Tick:
            w.put(R"({"op":"tick","by":)");
            w.number(op.by);
            w.put('}');
            return;
    }
}

namespace {

// Everything but the ops, with no closing brace: both framings start this way.
void write_head(TextWriter& w, const Scenario& sc) {
    w.put(R"({"config":)");
    write_config(w, sc.config);
    w.put(R"(,"initial_block_size":)");
    w.number(sc.initial_block_size);
    w.put(R"(,"initial_memory":[)");
    for (std::size_t i = 0; i < sc.initial_memory.size(); ++i) {
        const InitialCell& c = sc.initial_memory[i];
        w.put(i ? R"(,{"as":)" : R"({"as":)");
        w.number(c.address_space);
        w.put(R"(,"ptr":)");
        w.number(c.pointer);
        w.put(R"(,"value":)");
        w.number(c.value);
        w.put('}');
    }
    w.put(']');
}

void write_finalize(TextWriter& w, const Scenario& sc) {
    if (!sc.finalize_chunk) return;
    w.put(R"(,"finalize_chunk":)");
    w.number(*sc.finalize_chunk);
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
