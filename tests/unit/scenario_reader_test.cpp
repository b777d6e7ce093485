// The linear-time scenario reader (R29, R38): strictness, which error a document with several
// reports (the format's order, not the document's), limits, and the JSON Lines framing.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "spec/interchange/input.hpp"
#include "spec/interchange/scenario_reader.hpp"
#include "tests/support/temp_file.hpp"

using namespace memspec;

namespace {

ErrorKind kind_of(const std::string& text) {
    auto r = parse_scenario(text);
    EXPECT_FALSE(r.ok()) << text;
    return r.ok() ? ErrorKind::Untraceable : r.error().kind;
}

std::string message_of(const std::string& text) {
    auto r = parse_scenario(text);
    return r.ok() ? "" : r.error().message;
}

// A ScenarioStreamReader over `text`, from a file descriptor as `memspec run --stream` reads it.
struct Stream {
    test::TempFile file;
    std::unique_ptr<ScenarioStreamReader> reader;
    explicit Stream(const std::string& text) : file(text), reader(std::make_unique<ScenarioStreamReader>(file.fd)) {}
};

}  // namespace

TEST(ScenarioReader, R29_reads_every_key_in_any_order) {
    auto r = parse_scenario(R"({"finalize_chunk":8,"ops":[{"len":2,"ptr":3,"as":1,"op":"read"},{"by":4,"op":"tick"},
        {"data":[5,6],"op":"write","as":2,"ptr":0}],"initial_memory":[{"value":9,"ptr":1,"as":1}],"initial_block_size":8,
        "config":{"strict_alignment":true,"decomp":8},"version":1})");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->ops, (std::vector<Op>{Op::read(1, 3, 2), Op::tick(4), Op::write(2, 0, {5, 6})}));
    EXPECT_EQ(r->initial_memory, (std::vector<InitialCell>{{1, 1, 9}}));
    EXPECT_EQ(r->finalize_chunk, 8u);
    EXPECT_EQ(r->initial_block_size, 8u);
    EXPECT_TRUE(r->config.strict_alignment);
    EXPECT_EQ(r->config.decomp, 8u);
    EXPECT_EQ(r->config.as_height, MemoryConfig{}.as_height);
}

TEST(ScenarioReader, R29_escaped_keys_are_the_same_keys) {
    auto r = parse_scenario(R"({"\u006fps":[{"op":"tick","by":1}]})");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->ops.size(), 1u);
}

// The error reported is the format's first, whatever the document's key order (interchange.md,
// "Which error"): an InvalidConfig outranks a bad op that comes before it in the document...
TEST(ScenarioReader, R29_config_error_outranks_an_earlier_op_error) {
    EXPECT_EQ(kind_of(R"({"ops":[{"op":"jump"}],"config":{"as_height":4294967296}})"), ErrorKind::InvalidConfig);
    EXPECT_EQ(kind_of(R"({"ops":"none","config":{"decomp":99999999999}})"), ErrorKind::InvalidConfig);
}

// ...config fields rank in declaration order, not document order...
TEST(ScenarioReader, R29_config_fields_rank_in_declaration_order) {
    EXPECT_EQ(kind_of(R"({"config":{"as_offset":4294967296,"as_height":-1}})"), ErrorKind::ParseError);
    EXPECT_EQ(kind_of(R"({"config":{"as_offset":-1,"as_height":4294967296}})"), ErrorKind::InvalidConfig);
    EXPECT_EQ(kind_of(R"({"config":{"as_height":4294967296,"bogus":1}})"), ErrorKind::ParseError);
}

// ...and malformed JSON or a duplicate key anywhere outranks everything.
TEST(ScenarioReader, R29_syntax_and_duplicates_outrank_config_errors) {
    EXPECT_EQ(kind_of(R"({"config":{"as_height":4294967296},"ops":[{"op":"tick","by":1,"by":2}]})"), ErrorKind::ParseError);
    EXPECT_NE(message_of(R"({"config":{"as_height":4294967296},"ops":[{"op":"tick","by":1,"by":2}]})").find("duplicate"), std::string::npos);
    EXPECT_EQ(kind_of(R"({"config":{"as_height":4294967296},"x":{"a":1,"a":2}})"), ErrorKind::ParseError);
    EXPECT_EQ(kind_of(R"({"config":{"as_height":4294967296},"ops":[1,,2]})"), ErrorKind::ParseError);
    EXPECT_EQ(kind_of(R"({"config":{"as_height":4294967296}} x)"), ErrorKind::ParseError);
    EXPECT_EQ(kind_of(R"({"config":{"as_height":4294967296},"ops":[01]})"), ErrorKind::ParseError);
}

TEST(ScenarioReader, R29_numbers_are_non_negative_64_bit_integers) {
    EXPECT_NE(message_of(R"({"ops":[{"op":"tick","by":-1}]})").find("non-negative"), std::string::npos);
    EXPECT_NE(message_of(R"({"ops":[{"op":"tick","by":1.5}]})").find("fits in 64 bits"), std::string::npos);
    EXPECT_NE(message_of(R"({"ops":[{"op":"tick","by":18446744073709551616}]})").find("fits in 64 bits"), std::string::npos);
    EXPECT_NE(message_of(R"({"ops":[{"op":"tick","by":"1"}]})").find("got string"), std::string::npos);
    auto max = parse_scenario(R"({"ops":[{"op":"tick","by":18446744073709551615}]})");
    ASSERT_TRUE(max.ok());
    EXPECT_EQ(max->ops[0].by, 18446744073709551615ull);
    // The message says where: the op's index and field.
    EXPECT_NE(message_of(R"({"ops":[{"op":"tick","by":1},{"op":"read","as":1,"ptr":-3,"len":1}]})").find("ops[1].ptr"), std::string::npos);
}

TEST(ScenarioReader, R29_ops_have_exactly_their_keys) {
    EXPECT_EQ(kind_of(R"({"ops":[{"op":"read","as":1,"ptr":0}]})"), ErrorKind::ParseError);
    EXPECT_EQ(kind_of(R"({"ops":[{"op":"read","as":1,"ptr":0,"len":1,"data":[1]}]})"), ErrorKind::ParseError);
    EXPECT_EQ(kind_of(R"({"ops":[{"as":1,"ptr":0,"len":1}]})"), ErrorKind::ParseError);
    EXPECT_EQ(kind_of(R"({"ops":[{"op":"tick","by":1,"finalize_chunk":1}]})"), ErrorKind::ParseError);
    EXPECT_EQ(kind_of(R"({"ops":[{"op":"write","as":1,"ptr":0,"data":[1,-1]}]})"), ErrorKind::ParseError);
    EXPECT_EQ(kind_of(R"({"ops":[{"op":"tick","by":1,"":0}]})"), ErrorKind::ParseError);  // the empty key is a key
}

// A message quotes input only as printable ASCII, so it is always valid UTF-8 to print.
TEST(ScenarioReader, R29_messages_quote_input_safely) {
    const std::string msg = message_of("{\"ops\":[{\"op\":\"tick\",\"by\":1,\"k\xc3\xa9y\":0}]}");
    EXPECT_NE(msg.find("k??y"), std::string::npos) << msg;
    const std::string long_key = message_of("{\"" + std::string(100, 'x') + "\":1}");
    EXPECT_NE(long_key.find("..."), std::string::npos) << long_key;
}

// Bad input of any shape is an error, never a crash: deep nesting is bounded (1024 levels).
TEST(ScenarioReader, R29_deep_nesting_is_a_parse_error) {
    EXPECT_EQ(kind_of(std::string(100000, '[') + std::string(100000, ']')), ErrorKind::ParseError);
    EXPECT_EQ(kind_of(R"({"x":)" + std::string(5000, '[') + std::string(5000, ']') + "}"), ErrorKind::ParseError);
    EXPECT_EQ(kind_of(std::string(100000, '{')), ErrorKind::ParseError);
    EXPECT_EQ(kind_of(""), ErrorKind::ParseError);
    EXPECT_EQ(kind_of("\"\xff\xfe\""), ErrorKind::ParseError);
}

TEST(ScenarioReader, R38_stream_header_ops_and_closing_finalize_line) {
    Stream s("{\"config\":{\"decomp\":8},\"initial_block_size\":4}\n"
             "{\"op\":\"write\",\"as\":1,\"ptr\":0,\"data\":[1,2]}\n\n"
             "{\"op\":\"tick\",\"by\":2}\r\n"
             "{\"finalize_chunk\":4}\n");
    auto head = s.reader->header();
    ASSERT_TRUE(head.ok()) << head.error().message;
    EXPECT_EQ(head->initial_block_size, 4u);
    EXPECT_TRUE(head->ops.empty());
    Op op;
    auto more = s.reader->next(op);
    ASSERT_TRUE(more.ok() && *more);
    EXPECT_EQ(op, Op::write(1, 0, {1, 2}));
    more = s.reader->next(op);
    ASSERT_TRUE(more.ok() && *more);
    EXPECT_EQ(op, Op::tick(2));
    more = s.reader->next(op);
    ASSERT_TRUE(more.ok());
    EXPECT_FALSE(*more);
    EXPECT_EQ(s.reader->trailing_finalize_chunk(), 4u);
}

TEST(ScenarioReader, R38_stream_errors_name_their_line) {
    Stream s("{}\n{\"op\":\"tick\",\"by\":1}\n{\"op\":\"tick\",\"by\":-1}\n");
    ASSERT_TRUE(s.reader->header().ok());
    Op op;
    ASSERT_TRUE(s.reader->next(op).ok());
    auto bad = s.reader->next(op);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().kind, ErrorKind::ParseError);
    EXPECT_NE(bad.error().message.find("line 3"), std::string::npos) << bad.error().message;
    EXPECT_NE(bad.error().message.find("ops[1].by"), std::string::npos) << bad.error().message;
}

TEST(ScenarioReader, R38_stream_header_rules) {
    EXPECT_EQ(Stream("{\"ops\":[]}\n").reader->header().error().kind, ErrorKind::ParseError);
    EXPECT_EQ(Stream("").reader->header().error().kind, ErrorKind::ParseError);
    EXPECT_EQ(Stream("{\"config\":{\"as_height\":4294967296}}\n").reader->header().error().kind, ErrorKind::InvalidConfig);
    {
        Stream s("{\"finalize_chunk\":1}\n{\"finalize_chunk\":1}\n");
        ASSERT_TRUE(s.reader->header().ok());
        Op op;
        EXPECT_FALSE(s.reader->next(op).ok());  // given twice
    }
    {
        Stream s("{}\n{\"finalize_chunk\":1}\n{\"op\":\"tick\",\"by\":1}\n");
        ASSERT_TRUE(s.reader->header().ok());
        Op op;
        EXPECT_FALSE(s.reader->next(op).ok());  // nothing after the closing line
    }
    {
        Stream s("{}\n{\"finalize_chunk\":1,\"op\":\"tick\"}\n");
        ASSERT_TRUE(s.reader->header().ok());
        Op op;
        EXPECT_FALSE(s.reader->next(op).ok());  // a closing line has one key
    }
}

// A line longer than the reader's buffer (1 MiB) is read whole.
TEST(ScenarioReader, R38_long_lines_are_read_whole) {
    std::string data = "{\"op\":\"write\",\"as\":1,\"ptr\":0,\"data\":[1";
    for (int i = 0; i < 400000; ++i) data += ",7";
    data += "]}\n";
    Stream s("{}\n" + data);
    ASSERT_TRUE(s.reader->header().ok());
    Op op;
    auto more = s.reader->next(op);
    ASSERT_TRUE(more.ok()) << more.error().message;
    EXPECT_EQ(op.data.size(), 400001u);
}

namespace {

// A directory opened for reading: every read(2) of it fails with EISDIR, a real read error.
struct Directory {
    std::string path = "/tmp/memspec-test-dir-XXXXXX";
    int fd = -1;
    Directory() {
        if (mkdtemp(path.data())) fd = open(path.c_str(), O_RDONLY);
    }
    ~Directory() {
        if (fd >= 0) close(fd);
        rmdir(path.c_str());
    }
};

// An op line padded with spaces to exactly `bytes` bytes (newline excluded).
std::string op_line(std::size_t bytes) {
    std::string line = "{\"op\":\"tick\",\"by\":1";
    line += std::string(bytes - line.size() - 1, ' ');
    return line + "}";
}

}  // namespace

// R136: a read error is an InputError, never the end of the stream (which would make it "empty", or
// complete after fewer ops).
TEST(ScenarioReader, R136_stream_read_error_is_not_the_end) {
    Directory dir;
    ASSERT_GE(dir.fd, 0);
    ScenarioStreamReader reader(dir.fd);
    auto head = reader.header();
    ASSERT_FALSE(head.ok());
    EXPECT_EQ(head.error().kind, ErrorKind::InputError) << head.error().message;
    EXPECT_EQ(head.error().message, "line 1: reading the stream: " + std::string(std::strerror(EISDIR)));
}

TEST(ScenarioReader, R136_document_read_error_is_an_input_error) {
    Directory dir;
    ASSERT_GE(dir.fd, 0);
    auto sc = load_scenario(dir.path);
    ASSERT_FALSE(sc.ok());
    EXPECT_EQ(sc.error().kind, ErrorKind::InputError) << sc.error().message;
    auto missing = load_scenario(dir.path + "/nope.json");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().kind, ErrorKind::ParseError) << missing.error().message;  // bad input, not a read error
}

// R136: an op line of 1 MiB is read; one byte more is LimitExceeded, naming its line, whether the
// line ends in a newline or the input ends first.
TEST(ScenarioReader, R136_op_lines_are_capped_at_1_MiB) {
    {
        Stream s("{}\n" + op_line(MAX_STREAM_LINE_BYTES) + "\n");
        ASSERT_TRUE(s.reader->header().ok());
        Op op;
        auto more = s.reader->next(op);
        ASSERT_TRUE(more.ok()) << more.error().message;
        EXPECT_EQ(op, Op::tick(1));
    }
    for (const char* end : {"\n", ""}) {
        Stream s("{}\n" + op_line(MAX_STREAM_LINE_BYTES + 1) + end);
        ASSERT_TRUE(s.reader->header().ok());
        Op op;
        auto more = s.reader->next(op);
        ASSERT_FALSE(more.ok());
        EXPECT_EQ(more.error().kind, ErrorKind::LimitExceeded) << more.error().message;
        EXPECT_EQ(more.error().message.rfind("line 2: a stream line is limited to 1 MiB", 0), 0u) << more.error().message;
    }
}

// R136: a non-blocking pipe fed a few bytes at a time is read exactly as a file: EAGAIN waits.
TEST(ScenarioReader, R136_non_blocking_pipe_is_waited_for) {
    int p[2];
    ASSERT_EQ(pipe(p), 0);
    ASSERT_EQ(fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK), 0);
    const std::string text = "{}\n{\"op\":\"tick\",\"by\":3}\n{\"op\":\"write\",\"as\":1,\"ptr\":0,\"data\":[7]}\n";
    std::thread writer([&] {
        for (std::size_t i = 0; i < text.size(); i += 5) {
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
            (void)!write(p[1], text.data() + i, std::min<std::size_t>(5, text.size() - i));
        }
        close(p[1]);
    });
    ScenarioStreamReader reader(p[0]);
    auto head = reader.header();
    Op op;
    auto first = reader.next(op);
    const Op tick = op;
    auto second = reader.next(op);
    const Op write_op = op;
    auto end = reader.next(op);
    writer.join();
    close(p[0]);
    ASSERT_TRUE(head.ok()) << head.error().message;
    ASSERT_TRUE(first.ok() && *first);
    EXPECT_EQ(tick, Op::tick(3));
    ASSERT_TRUE(second.ok() && *second);
    EXPECT_EQ(write_op, Op::write(1, 0, {7}));
    ASSERT_TRUE(end.ok());
    EXPECT_FALSE(*end);
}
