// R190: the one driver (run_source) over sources written here, with an engine that only logs what
// it is asked: the order of prefetches and steps, the index a failing op's error carries, and which
// error wins under each ErrorOrder. The expected logs are written out by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "spec/vocabulary/engine.hpp"

using namespace memspec;

namespace {

// Logs "p<by>" for a prefetch and "s<by>" for a step of tick(by); fails the step of tick(fail_by).
struct LogEngine final : Engine {
    std::vector<std::string>& log;
    std::optional<std::uint64_t> fail_by;
    std::uint32_t clock = 1;
    LogEngine(std::vector<std::string>& l, std::optional<std::uint64_t> f) : log(l), fail_by(f) {}
    Status step(const Op& op, RecordSink&) override {
        log.push_back("s" + std::to_string(op.by));
        if (fail_by && op.by == *fail_by) return make_error(ErrorKind::TimestampViolation, "planted failure");
        ++clock;
        return {};
    }
    Status finalize(std::uint64_t chunk, RecordSink&) override {
        log.push_back("f" + std::to_string(chunk));
        return {};
    }
    std::uint32_t timestamp() const override { return clock; }
    std::uint64_t touched_cells() const override { return 0; }  // it holds no memory
    void prefetch(const Op& op) override { log.push_back("p" + std::to_string(op.by)); }
};

// Hands out tick(0), tick(1), ... tick(count - 1), each written into the driver's slot (so a slot
// overwritten before its op is stepped shows in the log), then the end or `error_at_end`.
struct TickSource final : OpSource {
    Scenario sc;
    std::size_t count;
    ErrorOrder order;
    std::optional<MemoryError> error_at_end;
    std::optional<Scenario> again;
    std::size_t next_by = 0;
    TickSource(std::size_t n, ErrorOrder o) : count(n), order(o) {}
    Result<const Scenario*> head() override { return &sc; }
    Result<const Op*> next(Op& slot) override {
        if (next_by < count) {
            slot = Op::tick(next_by++);
            return &slot;
        }
        if (error_at_end) return *error_at_end;
        return static_cast<const Op*>(nullptr);
    }
    ErrorOrder error_order() const override { return order; }
    SourcePosition position() const override { return {next_by, count}; }
    Result<std::optional<Scenario>> reread() override { return again; }
};

struct DriverRun {
    std::vector<std::string> log;
    Result<RunEnd> end = make_error(ErrorKind::ParseError, "not run");
    void go(OpSource& source, std::optional<std::uint64_t> fail_by = std::nullopt, const DriveOptions& options = {}) {
        NullSink sink;
        end = run_source([&](const Setup&) { return std::make_unique<LogEngine>(log, fail_by); }, source, sink, options);
    }
};

std::vector<std::string> ticks(const std::string& prefix, std::size_t from, std::size_t to) {
    std::vector<std::string> out;
    for (std::size_t i = from; i < to; ++i) out.push_back(prefix + std::to_string(i));
    return out;
}

}  // namespace

// Each op is prefetched when it is queued and stepped once eight more have been queued behind it:
// p0..p8, then s0, p9, s1, ... and at the end the last eight steps.
TEST(Driver, R190_lookahead_prefetches_eight_ahead_and_steps_in_order) {
    TickSource source(20, ErrorOrder::in_sequence);
    DriverRun run;
    run.go(source);
    ASSERT_TRUE(run.end.ok()) << run.end.error().message;
    std::vector<std::string> want = ticks("p", 0, 9);
    for (std::size_t i = 9; i < 20; ++i) {
        want.push_back("s" + std::to_string(i - 9));
        want.push_back("p" + std::to_string(i));
    }
    for (const auto& s : ticks("s", 11, 20)) want.push_back(s);
    EXPECT_EQ(run.log, want);
    EXPECT_EQ(run.end->final_timestamp, 21u);
    EXPECT_EQ(run.end->counts.ticks, 20u);  // R197: every op a tick
    EXPECT_EQ(run.end->counts.reads + run.end->counts.writes, 0u);
}

// A failing op's error carries its index; no op after it is stepped, and the source's later error
// is not reported (in sequence).
TEST(Driver, R190_in_sequence_first_failing_op_wins_with_its_index) {
    TickSource source(20, ErrorOrder::in_sequence);
    source.error_at_end = make_error(ErrorKind::ParseError, "line 22: bad line");
    DriverRun run;
    run.go(source, 3);
    ASSERT_FALSE(run.end.ok());
    EXPECT_EQ(run.end.error().kind, ErrorKind::TimestampViolation);
    EXPECT_EQ(run.end.error().op_index, std::optional<std::size_t>(3));
    EXPECT_EQ(run.log.back(), "s3");
}

// A stream's bad line comes after the ops before it have been stepped: their error wins if one
// fails, else the line's is reported.
TEST(Driver, R190_in_sequence_source_error_after_the_ops_before_it) {
    TickSource source(5, ErrorOrder::in_sequence);
    source.error_at_end = make_error(ErrorKind::ParseError, "line 7: bad line");
    DriverRun run;
    run.go(source);
    ASSERT_FALSE(run.end.ok());
    EXPECT_EQ(run.end.error().message, "line 7: bad line");
    const std::vector<std::string> want = {"p0", "p1", "p2", "p3", "p4", "s0", "s1", "s2", "s3", "s4"};
    EXPECT_EQ(run.log, want);

    TickSource failing(5, ErrorOrder::in_sequence);
    failing.error_at_end = make_error(ErrorKind::ParseError, "line 7: bad line");
    DriverRun second;
    second.go(failing, 4);
    ASSERT_FALSE(second.end.ok());
    EXPECT_EQ(second.end.error().kind, ErrorKind::TimestampViolation);
    EXPECT_EQ(second.end.error().op_index, std::optional<std::size_t>(4));
}

// A document's error anywhere outranks an op that failed before it.
TEST(Driver, R190_document_first_source_error_outranks_an_earlier_op_error) {
    TickSource source(12, ErrorOrder::document_first);
    source.error_at_end = make_error(ErrorKind::ParseError, "malformed JSON: late");
    DriverRun run;
    run.go(source, 1);
    ASSERT_FALSE(run.end.ok());
    EXPECT_EQ(run.end.error().message, "malformed JSON: late");
    // Op 1 is stepped when op 9 is queued (p0..p8, s0, p9, s1); after it failed nothing more was
    // prefetched or stepped, though the document was read to its end.
    EXPECT_EQ(run.log.back(), "s1");
    EXPECT_EQ(run.log.size(), 12u);
    EXPECT_EQ(source.next_by, 12u);
}

// A document's setup error (R28: finalize_chunk 3 is no power of two, R26) outranks an op error,
// and the op error outranks finalize.
TEST(Driver, R190_document_first_setup_error_outranks_an_op_error) {
    TickSource source(3, ErrorOrder::document_first);
    source.sc.finalize_chunk = 3;
    DriverRun run;
    run.go(source, 0);
    ASSERT_FALSE(run.end.ok());
    EXPECT_EQ(run.end.error().kind, ErrorKind::SizeNotPowerOfTwo) << run.end.error().message;

    TickSource valid(3, ErrorOrder::document_first);
    valid.sc.finalize_chunk = 4;
    DriverRun second;
    second.go(valid, 2);
    ASSERT_FALSE(second.end.ok());
    EXPECT_EQ(second.end.error().op_index, std::optional<std::size_t>(2));
    EXPECT_EQ(std::count(second.log.begin(), second.log.end(), "f4"), 0);
}

// In sequence, an invalid setup runs no op at all.
TEST(Driver, R190_in_sequence_setup_error_runs_no_op) {
    TickSource source(3, ErrorOrder::in_sequence);
    source.sc.config.as_offset = 0;  // R3
    DriverRun run;
    run.go(source);
    ASSERT_FALSE(run.end.ok());
    EXPECT_EQ(run.end.error().kind, ErrorKind::InvalidConfig);
    EXPECT_TRUE(run.log.empty());
}

// A source that rereads (setup keys after the ops) is run again from its start, after restart.
TEST(Driver, R190_reread_restarts_and_runs_the_whole_scenario) {
    TickSource source(2, ErrorOrder::document_first);
    Scenario whole;
    whole.ops = {Op::tick(7), Op::tick(8), Op::tick(9)};
    whole.finalize_chunk = 2;
    source.again = whole;
    DriverRun run;
    bool restarted = false;
    run.go(source, std::nullopt, {{}, [&] {
                                      restarted = true;
                                      run.log.push_back("restart");
                                  }});
    ASSERT_TRUE(run.end.ok()) << run.end.error().message;
    EXPECT_TRUE(restarted);
    const std::vector<std::string> want = {"p0", "p1", "s0", "s1", "restart", "p7", "p8", "p9", "s7", "s8", "s9", "f2"};
    EXPECT_EQ(run.log, want);
    EXPECT_EQ(run.end->finalize_chunk, std::optional<std::uint64_t>(2));
    EXPECT_EQ(run.end->final_timestamp, 4u);
}
