// Properties of the one engine interface and of the input/output path (R37-R39): both engines
// behave alike step by step; a whole document read while it runs, a JSON Lines stream and the
// parsed scenario run by run_scenario give the same records; digests are SHA-256 of the bytes.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "impl/engine.hpp"
#include "impl/run.hpp"
#include "spec/interchange/interchange.hpp"
#include "spec/interchange/output.hpp"
#include "spec/interchange/record_store.hpp"
#include "spec/interchange/result_format.hpp"
#include "spec/interchange/scenario_reader.hpp"
#include "spec/interchange/scenario_writer.hpp"
#include "oracle/engine.hpp"
#include "oracle/run.hpp"
#include "tests/property/generators.hpp"
#include "tests/support/temp_file.hpp"

using namespace memspec;

namespace {

std::string describe(const Result<RunResult>& r) { return r.ok() ? to_json(*r) : to_json(r.error()); }

using test::TempFile;

std::string jsonl_of(const Scenario& sc) {
    StringSink out;
    {
        TextWriter w(out);
        write_stream_header(w, sc);
        for (const Op& op : sc.ops) {
            write_op(w, op);
            w.put('\n');
        }
    }
    return out.text;
}

// What `memspec run --stream` prints for `sc` on the given engine (the same steps as the CLI).
std::string stream_output(const Scenario& sc, const EngineFactory& make) {
    TempFile in(jsonl_of(sc));
    StringSink out;
    {
        TextWriter w(out);
        JsonLinesWriter sink(w);
        StreamSource source(in.fd);
        auto run = run_source(make, source, sink);
        if (run) sink.end(run->final_timestamp, run->finalize_chunk, run->roots);
        else w.put(to_json(run.error()) + "\n");
    }
    return out.text;
}

// What `memspec run FILE` prints: the document read while it runs, records printed directly.
std::string run_whole_document(const Scenario& sc, const EngineFactory& make) {
    TempFile in(to_json(sc));
    RecordStore store;
    DocumentSource source(in.path);
    auto run = run_source(make, source, store, {{}, [&] { store = RecordStore{}; }});
    if (!run) return to_json(run.error());
    StringSink out;
    write_result(out, store, run->finalize_chunk.has_value(), run->final_timestamp, run->roots, /*threads=*/2);
    return out.text;
}

}  // namespace

// R37: through the engine interface, a failing step emits nothing and changes nothing: stepping
// every op (failures skipped) gives exactly the records of the run of the successful ops alone,
// on both engines.
RC_GTEST_PROP(Engine, R37_failing_step_emits_nothing_and_changes_nothing, ()) {
    Scenario sc = *gen::scenario(gen::Mix{false, true, true});
    RC_LOG() << "scenario: " << to_json(sc) << "\n";
    auto setup = validate_setup(sc);
    RC_PRE(setup.ok());
    for (const EngineFactory& make : {EngineFactory(oracle::make_engine), EngineFactory(impl::make_engine)}) {
        auto engine = make(*setup);
        RecordStore with_failures;
        Scenario good = sc;
        good.ops.clear();
        for (const Op& op : sc.ops) {
            RecordStore before = with_failures;
            if (engine->step(op, with_failures)) good.ops.push_back(op);
            else RC_ASSERT(with_failures.accesses.size() == before.accesses.size() && with_failures.adapters.size() == before.adapters.size());
        }
        RC_CLASSIFY(good.ops.size() < sc.ops.size(), "has failing ops");
        if (sc.finalize_chunk) {
            RC_ASSERT(engine->finalize(*sc.finalize_chunk, with_failures).ok());
            // After finalize the engine takes nothing more.
            RC_ASSERT(!engine->step(Op::tick(1), with_failures).ok());
        }
        const auto clean = run_to_result(make, good);
        RC_ASSERT(clean.ok());
        StringSink printed;
        // gen::scenario makes generalized scenarios: no roots (R75a).
        RC_PRE(!profile_has_roots(sc.profile));
        write_result(printed, with_failures, sc.finalize_chunk.has_value(), engine->timestamp(), std::nullopt);
        RC_ASSERT(printed.text == to_json(*clean));
    }
}

// R38: a scenario run as a JSON Lines stream gives the same records, final memory and clock as
// the whole document (and the same error where it fails), on both engines.
RC_GTEST_PROP(Engine, R38_stream_equals_whole_document, ()) {
    const Scenario sc = *gen::scenario(gen::Mix{true, true});
    RC_LOG() << "scenario: " << to_json(sc) << "\n";
    const auto expected = oracle::run(sc);
    RC_LOG() << "whole: " << describe(expected) << "\n";
    RC_CLASSIFY(expected.ok(), "ok");
    for (const EngineFactory& make : {EngineFactory(oracle::make_engine), EngineFactory(impl::make_engine)}) {
        const std::string lines = stream_output(sc, make);
        RC_LOG() << "stream:\n" << lines << "\n";
        const auto streamed = parse_result_jsonl(lines);
        RC_ASSERT(streamed.ok() == expected.ok());
        if (!expected.ok()) {
            RC_ASSERT(streamed.error().kind == expected.error().kind);
            RC_ASSERT(streamed.error().op_index == expected.error().op_index);
            continue;
        }
        RC_ASSERT(*streamed == *expected);
    }
}

// R75a: under the persistent profile every way of running a scenario — in memory, as a document
// read while it runs, as a JSON Lines stream — reports the same roots (and records), on both engines.
RC_GTEST_PROP(Engine, R75a_every_driver_reports_the_same_roots, ()) {
    Scenario sc = *gen::scenario(gen::Mix{true, true});
    // Bend the generated setup into one OpenVM's persistent memory can build (R3a).
    sc.profile = Profile::openvm_v1_0_persistent;
    sc.initial_block_size = 8;
    if (sc.finalize_chunk) sc.finalize_chunk = 8;
    sc.config.as_offset = 1;
    sc.config.as_height = std::max(sc.config.as_height, 1u);
    sc.config.pointer_max_bits = std::max(sc.config.pointer_max_bits, 4u);
    sc.config.max_access_adapter_n = std::max(sc.config.max_access_adapter_n, 8u);
    sc.config.strict_alignment = false;
    sc.config.clk_max_bits = std::max(sc.config.clk_max_bits, 2u);
    sc.config.decomp = (sc.config.clk_max_bits + 1) / 2;
    RC_LOG() << "scenario: " << to_json(sc) << "\n";
    const auto expected = oracle::run(sc);
    RC_CLASSIFY(expected.ok() && expected->roots && expected->roots->final_root, "final root");
    if (expected.ok()) RC_ASSERT(expected->roots.has_value());
    const std::string want = expected.ok() ? to_json(*expected) : to_json(expected.error());
    for (const EngineFactory& make : {EngineFactory(oracle::make_engine), EngineFactory(impl::make_engine)}) {
        RC_ASSERT(run_whole_document(sc, make) == want);
        const auto streamed = parse_result_jsonl(stream_output(sc, make));
        RC_ASSERT(streamed.ok() == expected.ok());
        if (expected.ok()) RC_ASSERT(*streamed == *expected);
    }
    const auto fast = impl::run(sc);
    RC_ASSERT(fast.ok() == expected.ok());
    if (expected.ok()) RC_ASSERT(*fast == *expected);
}

// R29, R37: `memspec run FILE` (the document read while it runs, records printed directly on two
// threads) prints exactly to_json(run_scenario(parse_scenario(FILE))), errors included.
RC_GTEST_PROP(Engine, R29_document_run_prints_the_parsed_run, ()) {
    const Scenario sc = *gen::scenario(gen::Mix{true, true});
    RC_LOG() << "scenario: " << to_json(sc) << "\n";
    const auto expected = impl::run(sc);
    const std::string want = expected.ok() ? to_json(*expected) : to_json(expected.error());
    RC_ASSERT(run_whole_document(sc, impl::make_engine) == want);
    RC_ASSERT(run_whole_document(sc, oracle::make_engine) == want);
}

// R29: the direct writers print byte for byte what the interchange document form is, and the
// reader reads it back (scenario -> text -> scenario).
RC_GTEST_PROP(Engine, R29_scenario_text_round_trips, ()) {
    const Scenario sc = *gen::scenario(gen::Mix{true, true});
    const auto back = parse_scenario(to_json(sc));
    RC_ASSERT(back.ok());
    RC_ASSERT(*back == sc);
    RC_ASSERT(to_json(*back) == to_json(sc));
}

// R39: the digest is SHA-256 of exactly the bytes the result prints as (known answers for the
// empty string and "abc", then a result).
TEST(Engine, R39_digest_is_sha256_of_the_bytes) {
    Sha256Sink empty;
    EXPECT_EQ(empty.hex(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    Sha256Sink abc;
    abc.write("abc", 3);
    EXPECT_EQ(abc.hex(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    Sha256Sink split;
    split.write("a", 1);
    split.write("bc", 2);
    EXPECT_EQ(split.hex(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// R29: the printer's slices (2^15 rows each, formatted on several threads) join into the same
// bytes as one thread.
TEST(Engine, R29_sliced_printing_equals_one_thread) {
    Scenario sc;
    sc.finalize_chunk = 1;
    for (std::uint64_t i = 0; i < 70000; ++i) sc.ops.push_back(i % 3 ? Op::read(1, i % 5000, 1) : Op::write(1, i % 5000, {i}));
    RecordStore store;
    auto end = run_scenario(impl::make_engine, sc, store);
    ASSERT_TRUE(end.ok());
    StringSink one, four;
    write_result(one, store, true, end->final_timestamp, end->roots, 1);
    write_result(four, store, true, end->final_timestamp, end->roots, 4);
    EXPECT_EQ(one.text, four.text);
    const auto r = impl::run(sc);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(one.text, to_json(*r));
}

// R37: a document whose setup keys come after its ops is run after reading (the records made
// under the provisional setup are dropped), and an op error never outranks a later document or
// setup error (R28).
TEST(Engine, R37_document_order_does_not_change_the_outcome) {
    const std::vector<std::string> docs = {
        R"({"ops":[{"op":"write","as":1,"ptr":0,"data":[5,6]},{"op":"read","as":1,"ptr":1,"len":1}],"config":{"as_height":4},"initial_block_size":2,"finalize_chunk":2})",
        R"({"ops":[{"op":"write","as":9,"ptr":0,"data":[5]}],"config":{"as_height":4}})",
        R"({"ops":[{"op":"write","as":0,"ptr":0,"data":[5]}],"finalize_chunk":3})",
        R"({"ops":[{"op":"write","as":0,"ptr":0,"data":[5]}],"x":1})",
        R"({"config":{"decomp":8},"ops":[{"op":"write","as":0,"ptr":0,"data":[5]}],"initial_memory":[{"as":1,"ptr":0,"value":3}],"finalize_chunk":1})",
        R"({"initial_memory":[{"as":1,"ptr":0,"value":3}],"ops":[{"op":"read","as":1,"ptr":0,"len":1}],"finalize_chunk":8,"initial_block_size":8})",
    };
    for (const std::string& doc : docs) {
        auto sc = parse_scenario(doc);
        const auto expected = sc.ok() ? impl::run(*sc) : Result<RunResult>(sc.error());
        const std::string want = expected.ok() ? to_json(*expected) : to_json(expected.error());
        TempFile in(doc);
        RecordStore store;
        bool restarted = false;
        DocumentSource source(in.path);
        auto run = run_source(impl::make_engine, source, store, {{}, [&] {
                                  restarted = true;
                                  store = RecordStore{};
                              }});
        StringSink out;
        if (run) write_result(out, store, run->finalize_chunk.has_value(), run->final_timestamp, run->roots);
        EXPECT_EQ(run ? out.text : to_json(run.error()), want) << doc;
        if (doc == docs[0]) {
            EXPECT_TRUE(restarted);
        }
    }
}
