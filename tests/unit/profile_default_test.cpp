// R240: under an OpenVM profile an absent initial_block_size is the one the profile allows (8
// persistent, 1 volatile), wherever the profile key stands; a given value keeps its own (and R3a
// judges it). Through the document parser, the stream header and a document run while it is read
// (which sets the engine up at the first op, before the document's end).
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "engines/engines.hpp"
#include "spec/interchange/interchange.hpp"
#include "spec/interchange/record_store.hpp"
#include "spec/interchange/scenario_reader.hpp"

using namespace memspec;

namespace {

std::uint64_t parsed_block_size(const std::string& text) {
    auto r = parse_scenario(text);
    EXPECT_TRUE(r.ok()) << text << " -> " << (r.ok() ? "" : r.error().message);
    return r.ok() ? r->initial_block_size : 0;
}

const char* const WRITE = R"("ops":[{"op":"write","as":1,"ptr":0,"data":[5]}])";

}  // namespace

TEST(Interchange, R240_persistent_block_size_defaults_to_8) {
    EXPECT_EQ(parsed_block_size(std::string(R"({"profile":"openvm-v1.0-persistent",)") + WRITE + R"(,"finalize_chunk":8})"), 8u);
    // The profile after the ops: the default follows it all the same.
    EXPECT_EQ(parsed_block_size(std::string("{") + WRITE + R"(,"finalize_chunk":8,"profile":"openvm-v1.0-persistent"})"), 8u);
}

TEST(Interchange, R240_volatile_block_size_defaults_to_1) {
    EXPECT_EQ(parsed_block_size(std::string(R"({"profile":"openvm-v1.0-volatile",)") + WRITE + "}"), 1u);
}

TEST(Interchange, R240_generalized_keeps_the_default_1) {
    EXPECT_EQ(parsed_block_size(std::string("{") + WRITE + "}"), 1u);
    EXPECT_EQ(parsed_block_size(std::string(R"({"profile":"generalized",)") + WRITE + "}"), 1u);
}

TEST(Interchange, R240_a_given_block_size_is_kept_before_or_after_the_profile) {
    EXPECT_EQ(parsed_block_size(std::string(R"({"initial_block_size":4,"profile":"openvm-v1.0-persistent",)") + WRITE + "}"), 4u);
    EXPECT_EQ(parsed_block_size(std::string(R"({"profile":"openvm-v1.0-persistent","initial_block_size":4,)") + WRITE + "}"), 4u);
    // ... and R3a still refuses it when the scenario runs.
    auto sc = parse_scenario(std::string(R"({"profile":"openvm-v1.0-persistent","initial_block_size":4,)") + WRITE + "}");
    ASSERT_TRUE(sc.ok());
    RecordStore store;
    auto run = run_scenario(engines::all()[1].make, *sc, store);
    ASSERT_FALSE(run.ok());
    EXPECT_EQ(run.error().kind, ErrorKind::InvalidConfig);
}

TEST(Interchange, R240_stream_header_defaults_too) {
    auto h = parse_stream_header(R"({"profile":"openvm-v1.0-persistent","finalize_chunk":8})");
    ASSERT_TRUE(h.ok()) << h.error().message;
    EXPECT_EQ(h->initial_block_size, 8u);
}

// A document run as it is read sets the engine up at its first op: the default must already hold there.
TEST(Interchange, R240_document_run_while_read_uses_the_default) {
    char path[] = "/tmp/memspec_r240_XXXXXX";
    const int fd = mkstemp(path);
    ASSERT_GE(fd, 0);
    close(fd);
    {
        std::ofstream f(path);
        f << R"({"profile":"openvm-v1.0-persistent",)" << WRITE << R"(,"finalize_chunk":8})";
    }
    for (const auto& engine : engines::all()) {
        RecordStore store;
        DocumentSource source(path);
        auto run = run_source(engine.make, source, store, {{}, [&] { store = RecordStore{}; }});
        EXPECT_TRUE(run.ok()) << engine.name << ": " << (run.ok() ? "" : run.error().message);
        // A 1-cell write at 0 in an initial block of 8: three splits (8, 4, 2), and finalize's
        // three merges (2, 4, 8) back to the chunk. With blocks of 1 it would be seven merges.
        EXPECT_EQ(store.adapters.size(), 6u) << engine.name;
    }
    std::remove(path);
}
