// Reading inputs whole (R136): the end of the input against a failed read, and the size cap, both
// for files (refused from their size) and pipes (refused as the bytes pass the cap).
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "spec/interchange/input.hpp"
#include "tests/support/temp_file.hpp"

using namespace memspec;

namespace {

// `text` on standard input through a pipe while `body` runs, then the old stdin back.
template <class F>
void with_piped_stdin(const std::string& text, F&& body) {
    int p[2];
    ASSERT_EQ(pipe(p), 0);
    const int saved = dup(0);
    dup2(p[0], 0);
    close(p[0]);
    std::thread writer([&] {
        (void)!write(p[1], text.data(), text.size());
        close(p[1]);
    });
    body();
    writer.join();
    dup2(saved, 0);
    close(saved);
}

}  // namespace

TEST(Input, R136_a_file_is_read_whole_up_to_its_cap) {
    test::TempFile file("0123456789");
    auto at_cap = read_whole(file.path, "traces file", 10);
    ASSERT_TRUE(at_cap.ok()) << at_cap.error().message;
    EXPECT_EQ(*at_cap, "0123456789");
    auto over = read_whole(file.path, "traces file", 9);
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.error().kind, ErrorKind::LimitExceeded);
    EXPECT_EQ(over.error().message.rfind("traces file '" + file.path + "' is limited to", 0), 0u) << over.error().message;
}

TEST(Input, R136_a_pipe_is_refused_as_it_passes_the_cap) {
    const std::string text(100000, 'x');
    with_piped_stdin(text, [&] {
        auto whole = read_whole("-", "traces file", text.size());
        ASSERT_TRUE(whole.ok()) << whole.error().message;
        EXPECT_EQ(*whole, text);
    });
    with_piped_stdin(text, [&] {
        auto over = read_whole("-", "traces file", text.size() - 1);
        ASSERT_FALSE(over.ok());
        EXPECT_EQ(over.error().kind, ErrorKind::LimitExceeded);
        EXPECT_EQ(over.error().message.rfind("standard input is limited to", 0), 0u) << over.error().message;
    });
}

TEST(Input, R136_a_failed_read_is_an_input_error_and_a_missing_file_bad_input) {
    std::string dir = "/tmp/memspec-test-dir-XXXXXX";
    ASSERT_NE(mkdtemp(dir.data()), nullptr);
    auto read = read_whole(dir, "vector file");
    auto missing = read_whole(dir + "/nope", "vector file");
    rmdir(dir.c_str());
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().kind, ErrorKind::InputError);
    EXPECT_EQ(read.error().message, "reading vector file '" + dir + "': " + std::strerror(EISDIR));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().kind, ErrorKind::ParseError);
}

TEST(Input, R136_limits_are_named_in_their_unit) {
    EXPECT_EQ(limit_error("x", MAX_DOCUMENT_BYTES, "").message, "x is limited to 4 GiB");
    EXPECT_EQ(limit_error("x", MAX_READ_BYTES, "").message, "x is limited to 1 GiB");
    EXPECT_EQ(limit_error("x", MAX_STREAM_LINE_BYTES, "advice").message, "x is limited to 1 MiB; advice");
}
