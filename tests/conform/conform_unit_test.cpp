// The pieces of `memspec conform` and `memspec diff` on their own (R130, R131, R134): the program
// runner's outcomes (exit, crash, timeout, flood, a program that does not read its input), the
// judge's verdicts and localization, the multiset comparison of finalize's records, the shrinker
// and the scenario generator's reproducibility and error rate.
#include <algorithm>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "conform/conform.hpp"
#include "conform/diff.hpp"
#include "conform/judge.hpp"
#include "conform/program.hpp"
#include "conform/scenario_gen.hpp"
#include "conform/shrink.hpp"

namespace memspec::conform {
namespace {

using namespace std::chrono_literals;

TEST(RunProgram, R130_captures_stdout_and_exit_status) {
    const ProgramRun r = run_program("cat; echo oops >&2; exit 3", "abc");
    EXPECT_EQ(r.outcome, ProgramRun::Outcome::Exited);
    EXPECT_EQ(r.exit_status, 3);
    EXPECT_EQ(r.out, "abc");
    EXPECT_EQ(r.err, "oops\n");
}

TEST(RunProgram, R130_a_crash_is_reported_with_its_signal) {
    const ProgramRun r = run_program("kill -SEGV $$", "");
    EXPECT_EQ(r.outcome, ProgramRun::Outcome::Signaled);
    EXPECT_EQ(r.signal, 11);
    EXPECT_NE(r.describe().find("SIGSEGV"), std::string::npos) << r.describe();
}

TEST(RunProgram, R130_a_hang_times_out_and_its_children_die_with_it) {
    RunLimits limits;
    limits.timeout = 300ms;
    // The background sleep keeps stdout open: only killing the whole group ends the run.
    const ProgramRun r = run_program("sleep 30 & sleep 30", "", limits);
    EXPECT_EQ(r.outcome, ProgramRun::Outcome::TimedOut);
    EXPECT_LT(r.seconds, 10.0);
}

TEST(RunProgram, R130_a_program_that_ignores_its_input_is_not_an_error) {
    const std::string big(std::size_t{8} << 20, 'x');  // far more than a pipe holds
    const ProgramRun r = run_program("echo done", big);
    EXPECT_EQ(r.outcome, ProgramRun::Outcome::Exited);
    EXPECT_EQ(r.exit_status, 0);
    EXPECT_EQ(r.out, "done\n");
}

TEST(RunProgram, R130_reading_and_writing_at_once_does_not_deadlock) {
    const std::string big(std::size_t{4} << 20, 'y');  // the echo fills stdout while stdin is still being written
    const ProgramRun r = run_program("cat", big);
    EXPECT_EQ(r.outcome, ProgramRun::Outcome::Exited);
    EXPECT_EQ(r.out.size(), big.size());
}

TEST(RunProgram, R130_R161_a_flood_of_output_is_cut_at_the_cap) {
    RunLimits limits;
    limits.max_output = 1 << 20;
    const ProgramRun r = run_program("yes", "", limits);
    EXPECT_EQ(r.outcome, ProgramRun::Outcome::OutputTooLarge);
    // What is kept, and what was reserved for it, stay within the cap.
    EXPECT_LE(r.out.size(), limits.max_output);
    EXPECT_LE(r.out.capacity(), limits.max_output);
    EXPECT_NE(r.describe().find("output exceeded 1048576 bytes"), std::string::npos) << r.describe();
}

TEST(RunProgram, R161_output_up_to_the_cap_is_kept_whole) {
    RunLimits limits;
    limits.max_output = 100'000;
    ProgramRun r = run_program("head -c 100000 /dev/zero", "", limits);
    EXPECT_EQ(r.outcome, ProgramRun::Outcome::Exited);
    EXPECT_EQ(r.out.size(), 100'000u);
    r = run_program("head -c 100001 /dev/zero", "", limits);
    EXPECT_EQ(r.outcome, ProgramRun::Outcome::OutputTooLarge);
}

TEST(RunProgram, R161_the_default_cap_is_64_MiB) { EXPECT_EQ(RunLimits{}.max_output, std::size_t{64} << 20); }

// A program answering with `text` and exit status `status`.
ProgramRun answered(const std::string& text, int status = 0) {
    ProgramRun r;
    r.outcome = ProgramRun::Outcome::Exited;
    r.exit_status = status;
    r.out = text;
    return r;
}

Scenario example() {
    // Op 0 writes two cells (a merge of two fresh cells), op 1 ticks, op 2 reads one cell (a split),
    // op 3 rewrites cell 1 (nothing to split), op 4 writes two more cells (a merge), and finalize
    // (chunk 1) splits that block.
    Scenario sc;
    sc.ops = {Op::write(1, 0, {1, 2}), Op::tick(2), Op::read(1, 1, 1), Op::write(1, 1, {5}), Op::write(1, 4, {3, 4})};
    sc.finalize_chunk = 1;
    return sc;
}

TEST(Judge, R131_a_right_answer_passes) {
    const Scenario sc = example();
    const MemspecAnswer a = memspec_answer(sc);
    const std::string text = scenario_text(sc);
    EXPECT_FALSE(judge_scenario(Expect{a.result, &a.expected, a.finalize_order}, answered(a.expected.dump()), text));
}

TEST(Judge, R150_a_right_answer_with_a_key_given_twice_fails) {
    // The last value of the repeated key is the right one: a reader that keeps the last value would
    // pass this output, though it says two things.
    const Scenario sc = example();
    const MemspecAnswer a = memspec_answer(sc);
    const std::string right = a.expected.dump();
    ASSERT_EQ(right.front(), '{');
    const std::string key = a.expected.begin().key();
    const std::string twice = "{\"" + key + "\":0," + right.substr(1);
    const auto d = judge_scenario(Expect{a.result, &a.expected, a.finalize_order}, answered(twice), scenario_text(sc));
    ASSERT_TRUE(d);
    EXPECT_NE(d->summary.find("not JSON"), std::string::npos) << d->summary;
}

TEST(Judge, R131_an_access_record_field_is_localized_to_its_op) {
    const Scenario sc = example();
    const MemspecAnswer a = memspec_answer(sc);
    Json got = a.expected;
    got["records"][2]["prev_data"][0] = 9;  // records[2] is op 3's (op 1 is a tick)
    auto d = judge_scenario(Expect{a.result, &a.expected, a.finalize_order}, answered(got.dump()), scenario_text(sc));
    ASSERT_TRUE(d);
    EXPECT_EQ(d->path, "records[2].prev_data[0]");
    EXPECT_EQ(d->record, "records[2]");
    EXPECT_EQ(d->field, "prev_data[0]");
    ASSERT_TRUE(d->op_index);
    EXPECT_EQ(*d->op_index, 3u);
    EXPECT_EQ(d->op.dump(), R"({"op":"write","as":1,"ptr":1,"data":[5]})");
    EXPECT_EQ(*d->got, 9);
}

TEST(Judge, R131_an_adapter_record_is_localized_to_the_access_that_emitted_it) {
    const Scenario sc = example();
    const MemspecAnswer a = memspec_answer(sc);
    const Json& ar = a.expected["adapter_records"];
    // Op 0's merge, op 2's split, op 4's merge, finalize's split.
    ASSERT_EQ(ar.size(), 4u);
    for (std::size_t k = 0; k < ar.size(); ++k) {
        Json got = a.expected;
        got["adapter_records"][k]["left_timestamp"] = 77;
        auto d = judge_scenario(Expect{a.result, &a.expected, a.finalize_order}, answered(got.dump()), scenario_text(sc));
        ASSERT_TRUE(d);
        EXPECT_EQ(d->path, "adapter_records[" + std::to_string(k) + "].left_timestamp");
        ASSERT_TRUE(d->index_in_op && d->records_of_op);
        if (k == 0) EXPECT_EQ(d->op_index, std::optional<std::size_t>(0));
        else if (k == 1) EXPECT_EQ(d->op_index, std::optional<std::size_t>(2));
        else if (k == 2) EXPECT_EQ(d->op_index, std::optional<std::size_t>(4));
        else {
            EXPECT_TRUE(d->at_finalize) << k;
            EXPECT_FALSE(d->op_index);
            EXPECT_EQ(*d->index_in_op, 0u);
            EXPECT_EQ(*d->records_of_op, 1u);
        }
        EXPECT_NE(d->text().find("its adapter record"), std::string::npos) << d->text();
    }
}

TEST(Judge, R131_a_read_is_localized_to_its_read_op) {
    const Scenario sc = example();
    const MemspecAnswer a = memspec_answer(sc);
    Json got = a.expected;
    got["reads"][0][0] = 3;
    auto d = judge_scenario(Expect{a.result, &a.expected, a.finalize_order}, answered(got.dump()), scenario_text(sc));
    ASSERT_TRUE(d);
    EXPECT_EQ(d->path, "reads[0][0]");
    EXPECT_EQ(d->op_index, std::optional<std::size_t>(2));
}

TEST(Judge, R131_missing_and_extra_records_and_keys) {
    const Scenario sc = example();
    const MemspecAnswer a = memspec_answer(sc);
    Json got = a.expected;
    got["records"].erase(3);  // op 4's
    auto d = judge_scenario(Expect{a.result, &a.expected, a.finalize_order}, answered(got.dump()), scenario_text(sc));
    ASSERT_TRUE(d);
    EXPECT_EQ(d->path, "records[3]");
    EXPECT_EQ(d->op_index, std::optional<std::size_t>(4));
    EXPECT_FALSE(d->got);
    got = a.expected;
    got["extra"] = 1;
    d = judge_scenario(Expect{a.result, &a.expected, a.finalize_order}, answered(got.dump()), scenario_text(sc));
    ASSERT_TRUE(d);
    EXPECT_EQ(d->path, "extra");
}

TEST(Judge, R131_finalize_records_compare_as_a_multiset_only_when_they_may_vary) {
    // Persistent: chunks 0 and 8 each touched in pieces, so finalize merges in both.
    Scenario sc;
    sc.profile = Profile::openvm_v1_0_persistent;
    sc.initial_block_size = 8;
    sc.finalize_chunk = 8;
    sc.ops = {Op::write(1, 0, {1}), Op::write(1, 9, {2})};
    const MemspecAnswer a = memspec_answer(sc);
    ASSERT_EQ(a.result, Expectation::Acceptable);
    const std::size_t k = *a.finalize_order;
    Json got = a.expected;
    auto& ar = got["adapter_records"];
    ASSERT_GE(ar.size(), k + 2);
    std::reverse(ar.begin() + static_cast<std::ptrdiff_t>(k), ar.end());
    const std::string text = scenario_text(sc);
    EXPECT_FALSE(judge_scenario(Expect{Expectation::Acceptable, &a.expected, k}, answered(got.dump()), text));
    EXPECT_TRUE(judge_scenario(Expect{Expectation::Valid, &a.expected, std::nullopt}, answered(got.dump()), text));
    // A record changed, not moved: missing from the multiset, named with finalize as its origin.
    got = a.expected;
    got["adapter_records"][k]["right_timestamp"] = 5;
    auto d = judge_scenario(Expect{Expectation::Acceptable, &a.expected, k}, answered(got.dump()), text);
    ASSERT_TRUE(d);
    EXPECT_TRUE(d->at_finalize);
    EXPECT_NE(d->summary.find("multiset"), std::string::npos);
    // Only finalize's records may move: a swap before k still fails.
    if (k >= 2) {
        got = a.expected;
        std::swap(got["adapter_records"][0], got["adapter_records"][1]);
        EXPECT_TRUE(judge_scenario(Expect{Expectation::Acceptable, &a.expected, k}, answered(got.dump()), text));
    }
}

TEST(Judge, R131_errors_compare_kind_and_op_index_and_exit_status) {
    Scenario sc;
    sc.ops = {Op::tick(1), Op::read(1, 0, 3)};
    const MemspecAnswer a = memspec_answer(sc);
    ASSERT_EQ(a.result, Expectation::Invalid);
    const std::string text = scenario_text(sc);
    const Expect e{a.result, &a.expected, std::nullopt};
    EXPECT_FALSE(judge_scenario(e, answered(R"({"error":{"kind":"SizeNotPowerOfTwo","message":"any words","op_index":1}})", 2), text));
    auto d = judge_scenario(e, answered(R"({"error":{"kind":"OutOfBounds","op_index":1}})", 2), text);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->path, "error.kind");
    EXPECT_EQ(d->op_index, std::optional<std::size_t>(1));
    d = judge_scenario(e, answered(R"({"error":{"kind":"SizeNotPowerOfTwo","op_index":0}})", 2), text);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->path, "error.op_index");
    d = judge_scenario(e, answered(R"({"error":{"kind":"SizeNotPowerOfTwo","op_index":1}})", 1), text);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->path, "exit status");
    d = judge_scenario(e, answered(R"({"reads":[]})", 0), text);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->path, "error");
}

TEST(Judge, R131_output_that_is_not_json_or_a_crash_fails_with_the_reason) {
    Scenario sc;
    const MemspecAnswer a = memspec_answer(sc);
    const Expect e{a.result, &a.expected, std::nullopt};
    auto d = judge_scenario(e, answered("Traceback (most recent call last):"), scenario_text(sc));
    ASSERT_TRUE(d);
    EXPECT_NE(d->summary.find("not JSON"), std::string::npos);
    ProgramRun crashed;
    crashed.outcome = ProgramRun::Outcome::Signaled;
    crashed.signal = 6;
    d = judge_scenario(e, crashed, scenario_text(sc));
    ASSERT_TRUE(d);
    EXPECT_NE(d->summary.find("signal 6"), std::string::npos);
}

TEST(Judge, R160_an_exploit_passes_only_on_a_rejection_verdict_with_exit_status_1) {
    EXPECT_FALSE(judge_trace(answered(R"({"verdict":"rejected"})", 1), Expectation::Invalid));
    EXPECT_FALSE(judge_trace(answered(R"({"verdict":"rejected","reason":{"kind":"bus"}})" "\n", 1), Expectation::Invalid));
    auto d = judge_trace(answered(R"({"verdict":"accepted"})", 0), Expectation::Invalid);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->path, "verdict");
    EXPECT_EQ(d->expected, Json("rejected"));
    EXPECT_EQ(d->got, Json("accepted"));
}

TEST(Judge, R160_an_honest_trace_set_passes_only_on_an_acceptance_verdict_with_exit_status_0) {
    EXPECT_FALSE(judge_trace(answered(R"({"verdict":"accepted"})", 0), Expectation::Valid));
    auto d = judge_trace(answered(R"({"verdict":"rejected","reason":{}})", 1), Expectation::Valid);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->got, Json("rejected"));
    EXPECT_NE(d->summary.find("honest"), std::string::npos) << d->summary;
}

// What a crashing verifier looks like: `false`, a Python traceback (exit 1, nothing on stdout),
// a signal, a hang, bad input, or a verdict its exit status contradicts. None of them is a
// rejection, and none an acceptance.
TEST(Judge, R160_a_verifier_that_gives_no_verdict_fails_both_kinds_of_test) {
    ProgramRun traceback = answered("", 1);
    traceback.err = "Traceback (most recent call last):\n  File \"verify.py\", line 3\nKeyError: 'chips'\n";
    ProgramRun segv;
    segv.outcome = ProgramRun::Outcome::Signaled;
    segv.signal = 11;
    ProgramRun hang;
    hang.outcome = ProgramRun::Outcome::TimedOut;
    const std::vector<std::pair<std::string, ProgramRun>> runs = {
        {"false", answered("", 1)},
        {"a traceback", traceback},
        {"half a verdict", answered(R"({"verdict":"rejec)", 1)},
        {"a verdict among other lines", answered("checking\n{\"verdict\":\"rejected\"}\n", 1)},
        {"another word", answered(R"({"verdict":"refused"})", 1)},
        {"bad input", answered(R"({"error":{"kind":"ParseError","message":"x"}})", 2)},
        {"rejected with exit 0", answered(R"({"verdict":"rejected"})", 0)},
        {"accepted with exit 1", answered(R"({"verdict":"accepted"})", 1)},
        {"rejected with exit 2", answered(R"({"verdict":"rejected"})", 2)},
        {"a signal", segv},
        {"a timeout", hang},
    };
    for (const auto& [what, run] : runs)
        for (Expectation want : {Expectation::Invalid, Expectation::Valid}) {
            const auto d = judge_trace(run, want);
            ASSERT_TRUE(d) << what << " passed a " << to_string(want) << " TraceTest";
            EXPECT_NE(d->summary.find("the verifier failed"), std::string::npos) << what << ": " << d->summary;
        }
    const auto d = judge_trace(traceback, Expectation::Invalid);
    EXPECT_NE(d->detail.find("KeyError"), std::string::npos) << "the traceback is shown: " << d->detail;
}

TEST(Judge, R161_bytes_that_are_not_utf8_are_shown_escaped) {
    EXPECT_EQ(excerpt_text("a\xff" "b"), "a\\xffb");
    EXPECT_EQ(excerpt_text("\xc0\x80"), "\\xc0\\x80");          // an overlong NUL
    EXPECT_EQ(excerpt_text("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a surrogate
    EXPECT_EQ(excerpt_text("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");  // past U+10FFFF
    EXPECT_EQ(excerpt_text("\xe2\x82"), "\\xe2\\x82");          // a character cut short
    EXPECT_EQ(excerpt_text("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"), "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
    // A cut at `max` bytes never splits a character: "é" (two bytes) straddling it is kept whole.
    EXPECT_EQ(excerpt_text("ab\xc3\xa9x", 3), "ab\xc3\xa9…");
    EXPECT_EQ(excerpt_text("abc\xc3\xa9", 3), "abc…");
    // A program's answer that is not UTF-8 still makes a difference the JSON report can print.
    Scenario sc;
    const MemspecAnswer a = memspec_answer(sc);
    const Expect e{a.result, &a.expected, std::nullopt};
    ProgramRun run = answered("{\"reads\":\"\xff\xfe\"}", 0);
    run.err = "\x80 oops";
    const auto d = judge_scenario(e, run, scenario_text(sc));
    ASSERT_TRUE(d);
    std::string dumped;
    EXPECT_NO_THROW(dumped = Json(d->to_json()).dump());
    EXPECT_NE(dumped.find(R"(\\xff\\xfe)"), std::string::npos) << dumped;
    EXPECT_NE(dumped.find(R"(\\x80 oops)"), std::string::npos) << dumped;
}

TEST(Judge, R161_output_nested_deeper_than_1024_levels_is_not_parsed) {
    Scenario sc;
    const MemspecAnswer a = memspec_answer(sc);
    const Expect e{a.result, &a.expected, std::nullopt};
    // Well-formed JSON a million levels deep: judged "not JSON" without building the value (whose
    // copy into the report would recurse once per level and overflow the stack).
    const std::size_t levels = 1'000'000;
    const std::string deep = std::string(levels, '[') + std::string(levels, ']');
    auto d = judge_scenario(e, answered(deep), scenario_text(sc));
    ASSERT_TRUE(d);
    EXPECT_NE(d->summary.find("not JSON"), std::string::npos) << d->summary;
    d = judge_trace(answered(deep, 1), Expectation::Invalid);
    ASSERT_TRUE(d);
    // 1024 levels are still read (brackets inside strings do not count).
    const std::string fine = "{\"x\":\"[[[[\",\"y\":" + std::string(1023, '[') + std::string(1023, ']') + "}";
    d = judge_scenario(e, answered(fine), scenario_text(sc));
    ASSERT_TRUE(d);
    EXPECT_EQ(d->summary.find("not JSON"), std::string::npos) << d->summary;
}

// The roots of an empty memory in the default config (d_29, R74), as vectors/merkle_roots.json
// tcId 1 spells them: literal values, not computed here, for the judge to compare against.
const Json empty_roots = Json::parse(
    R"({"initial_root":[1164049896,253034003,841114130,1897258050,1186077553,309431251,1806896828,87556115],)"
    R"("final_root":[1164049896,253034003,841114130,1897258050,1186077553,309431251,1806896828,87556115]})");

TEST(Judge, R200_a_root_test_passes_only_on_both_roots_exactly) {
    const std::string scenario = R"({"ops":[]})";
    const Expect e{Expectation::Valid, &empty_roots, std::nullopt};
    EXPECT_FALSE(judge_roots(e, answered(empty_roots.dump() + "\n"), scenario));
    // One element of the final root one off: named by its place.
    Json wrong = empty_roots;
    wrong["final_root"][7] = 87556116;
    auto d = judge_roots(e, answered(wrong.dump()), scenario);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->path, "final_root[7]");
    EXPECT_EQ(d->expected, Json(87556115));
    EXPECT_EQ(d->got, Json(87556116));
    // A root missing, a root cut short, a result in place of the roots, an error, the right roots
    // with a failing exit status: each fails.
    Json only_initial = empty_roots;
    only_initial.erase("final_root");
    EXPECT_TRUE(judge_roots(e, answered(only_initial.dump()), scenario));
    Json short_root = empty_roots;
    short_root["initial_root"].erase(7);
    d = judge_roots(e, answered(short_root.dump()), scenario);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->path, "initial_root[7]");
    EXPECT_TRUE(judge_roots(e, answered(R"({"reads":[],"records":[],"adapter_records":[],"final_timestamp":0})"), scenario));
    EXPECT_TRUE(judge_roots(e, answered(R"({"error":{"kind":"InvalidAddressSpace","message":"m"}})", 2), scenario));
    EXPECT_TRUE(judge_roots(e, answered(empty_roots.dump(), 1), scenario));
    // An invalid RootTest: the error kind with exit status 2, and nothing else, passes.
    const Json err = Json::parse(R"({"error":{"kind":"InvalidAddressSpace"}})");
    const Expect ee{Expectation::Invalid, &err, std::nullopt};
    const std::string bad_image = R"({"initial_memory":[{"as":9,"ptr":0,"value":1}],"ops":[]})";
    EXPECT_FALSE(judge_roots(ee, answered(R"({"error":{"kind":"InvalidAddressSpace","message":"as 9"}})", 2), bad_image));
    EXPECT_TRUE(judge_roots(ee, answered(empty_roots.dump()), bad_image));
    EXPECT_TRUE(judge_roots(ee, answered(R"({"error":{"kind":"OutOfBounds"}})", 2), bad_image));
}

// The v1 result as a JSON Lines stream, written the way interchange.md lays it out (adapter and
// access records, final blocks, finalize_chunk, final_timestamp), for the stream judge to read back.
std::string as_lines(const Json& result) {
    std::string out;
    for (const Json& r : result["adapter_records"]) out += Json{{"adapter_record", r}}.dump() + "\n";
    for (const Json& r : result["records"]) out += Json{{"record", r}}.dump() + "\n";
    if (result.contains("final_memory")) {
        for (const Json& b : result["final_memory"]) out += Json{{"final_block", b}}.dump() + "\n";
        out += "{\"finalize_chunk\":1}\n";
    }
    return out + Json{{"final_timestamp", result["final_timestamp"]}}.dump() + "\n";
}

TEST(Judge, R201_a_stream_answer_is_judged_as_the_result_it_stands_for) {
    const Scenario sc = example();
    const MemspecAnswer a = memspec_answer(sc);
    const Expect e{a.result, &a.expected, a.finalize_order};
    const std::string text = scenario_text(sc);
    const std::string right = as_lines(a.expected);
    EXPECT_FALSE(judge_scenario_stream(e, answered(right), text));
    // One byte changed: the first access record's timestamp (1 -> 7), found and localized as in a document.
    const std::string needle = "\"timestamp\":1,";
    const std::size_t at = right.find(needle);
    ASSERT_NE(at, std::string::npos);
    std::string changed = right;
    changed[at + needle.size() - 2] = '7';
    auto d = judge_scenario_stream(e, answered(changed), text);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->path, "records[0].timestamp");
    EXPECT_EQ(d->op_index, 0u);
    // The document itself is no stream; nor is a stream without its last line.
    d = judge_scenario_stream(e, answered(a.expected.dump() + "\n"), text);
    ASSERT_TRUE(d);
    EXPECT_NE(d->summary.find("not a JSON Lines result"), std::string::npos) << d->summary;
    d = judge_scenario_stream(e, answered(right.substr(0, right.rfind("{\"final_timestamp\""))), text);
    ASSERT_TRUE(d);
    EXPECT_NE(d->summary.find("cut short"), std::string::npos) << d->summary;
}

// One file holding a test of each kind, built in memory.
VectorFile one_of_each_kind() {
    VectorFile f;
    f.path = "kinds.json";
    f.profile = "generalized";
    VectorTest scenario, trace, root;
    scenario.kind = VectorTest::Kind::Scenario, scenario.tc_id = 1, scenario.input = R"({"ops":[]})";
    scenario.expected = Json::parse(R"({"reads":[],"records":[],"adapter_records":[],"final_timestamp":0})");
    trace.kind = VectorTest::Kind::Trace, trace.tc_id = 2, trace.result = Expectation::Invalid, trace.input = "{}";
    trace.expected = Json::parse(R"({"verdict":"rejected"})");
    root.kind = VectorTest::Kind::Root, root.tc_id = 3, root.input = R"({"ops":[]})", root.expected = empty_roots;
    f.tests = {scenario, trace, root};
    return f;
}

TEST(Conform, R202_each_kind_of_test_is_judged_only_by_its_own_command) {
    const std::vector<VectorFile> files{one_of_each_kind()};
    ConformOptions only_roots;
    only_roots.root_command = "cat >/dev/null; echo '" + empty_roots.dump() + "'";
    ConformReport r = run_conform(files, only_roots);
    ASSERT_EQ(r.outcomes.size(), 3u);
    EXPECT_EQ(r.outcomes[0].status, TestStatus::Skipped);
    EXPECT_EQ(r.outcomes[1].status, TestStatus::Skipped);
    EXPECT_EQ(r.outcomes[2].status, TestStatus::Passed);
    EXPECT_TRUE(r.ok());
    const std::string text = report_text(files, r, only_roots);
    EXPECT_NE(text.find("ScenarioTests need --cmd, TraceTests need --check-cmd"), std::string::npos) << text;
    // The root command answering the scenario test's result would fail it: the kinds do not mix.
    ConformOptions roots_to_program;
    roots_to_program.command = only_roots.root_command;
    r = run_conform(files, roots_to_program);
    EXPECT_EQ(r.outcomes[0].status, TestStatus::Failed);
    EXPECT_EQ(r.outcomes[2].status, TestStatus::Skipped);
    EXPECT_FALSE(r.ok());
    // A verifier alone judges the TraceTest only; the roots' command, when it answers wrong, fails its test.
    ConformOptions verifier;
    verifier.check_command = "cat >/dev/null; echo '{\"verdict\":\"rejected\"}'; exit 1";
    verifier.root_command = "cat >/dev/null; echo '{\"initial_root\":[],\"final_root\":[]}'";
    r = run_conform(files, verifier);
    EXPECT_EQ(r.outcomes[0].status, TestStatus::Skipped);
    EXPECT_EQ(r.outcomes[1].status, TestStatus::Passed);
    EXPECT_EQ(r.outcomes[2].status, TestStatus::Failed);
    EXPECT_EQ(report_json(files, r, verifier)["failures"][0]["type"], "RootTest");
}

TEST(Conform, R202_a_run_that_judges_nothing_fails) {
    VectorFile f = one_of_each_kind();
    f.tests.resize(1);  // the ScenarioTest only
    const std::vector<VectorFile> files{f};
    ConformOptions only_roots;
    only_roots.root_command = "cat";
    const ConformReport r = run_conform(files, only_roots);
    EXPECT_EQ(r.judged(), 0u);
    EXPECT_FALSE(r.ok());
    EXPECT_NE(report_text(files, r, only_roots).find("no test was judged"), std::string::npos);
    EXPECT_EQ(report_json(files, r, only_roots)["ok"], false);
    EXPECT_FALSE(run_conform({}, only_roots).ok());
}

TEST(Shrink, R134_reaches_a_minimal_scenario_and_stops) {
    // The "bug": any write of a value >= 3. The minimal scenario is one 1-cell write of such a
    // value (halving 9 stops at 4) at (1, 0), with every other setting at its default.
    Scenario sc;
    sc.initial_block_size = 4;
    sc.config.pointer_max_bits = 12;
    sc.finalize_chunk = 4;
    sc.initial_memory = {{1, 3, 8}};
    sc.ops = {Op::tick(3), Op::write(2, 40, {1, 9, 4, 4}), Op::read(1, 8, 8), Op::write(1, 17, {2})};
    auto bug = [](const Scenario& c) {
        for (const Op& op : c.ops)
            if (op.kind == OpKind::Write && std::any_of(op.data.begin(), op.data.end(), [](std::uint64_t v) { return v >= 3; })) return true;
        return false;
    };
    ShrinkStats stats;
    const Scenario m = shrink(sc, bug, 10000, stats);
    ASSERT_EQ(m.ops.size(), 1u);
    EXPECT_EQ(m.ops[0].kind, OpKind::Write);
    EXPECT_EQ(m.ops[0].address_space, 1u);
    EXPECT_EQ(m.ops[0].pointer, 0u);
    ASSERT_EQ(m.ops[0].data.size(), 1u);
    EXPECT_GE(m.ops[0].data[0], 3u);
    EXPECT_LE(m.ops[0].data[0], 4u);
    EXPECT_TRUE(m.initial_memory.empty());
    EXPECT_FALSE(m.finalize_chunk);
    EXPECT_EQ(m.config, MemoryConfig{});
    EXPECT_EQ(m.initial_block_size, 1u);
    EXPECT_LT(stats.runs, 10000u);  // it ended by itself, not by the budget
}

TEST(ScenarioGen, R134_scenarios_are_reproducible_and_errors_come_at_a_steady_rate) {
    for (Profile p : {Profile::openvm_v1_0_volatile, Profile::openvm_v1_0_persistent, Profile::generalized}) {
        std::map<std::string, int> kinds;
        int errors = 0;
        const int n = 600;
        for (int i = 0; i < n; ++i) {
            const Scenario sc = random_scenario(42, static_cast<std::uint64_t>(i), p);
            EXPECT_EQ(sc, random_scenario(42, static_cast<std::uint64_t>(i), p));
            EXPECT_EQ(sc.profile, p);
            const MemspecAnswer a = memspec_answer(sc);
            if (a.error_kind) ++errors, ++kinds[*a.error_kind];
        }
        EXPECT_NE(random_scenario(42, 0, p), random_scenario(43, 0, p));
        // Errors included, but most scenarios run to the end (R134).
        EXPECT_GT(errors, n / 8) << profile_name(p);
        EXPECT_LT(errors, n / 2) << profile_name(p);
        for (const char* k : {"InvalidConfig", "InvalidAddressSpace", "SizeNotPowerOfTwo", "OutOfBounds", "InvalidValue", "TimestampViolation"})
            EXPECT_GT(kinds[k], 0) << profile_name(p) << " never gave " << k;
    }
}

// R236: the v2.0 generator (a generator per semantics family) reproduces its scenarios, keeps the
// error rate of R134, reaches every error kind a v2.0 scenario can end in — the checks of R217 in
// turn, R215's clock, R213's config, R214's image and R13's repeated cell — and its valid accesses
// are aligned 4-cell blocks of the table's address spaces (R216).
TEST(ScenarioGen, R236_v2_scenarios_reach_every_v2_error_kind) {
    const Profile p = Profile::openvm_v2_0;
    std::map<std::string, int> kinds;
    int errors = 0, accesses = 0;
    const int n = 600;
    for (int i = 0; i < n; ++i) {
        const Scenario sc = random_scenario(42, static_cast<std::uint64_t>(i), p);
        EXPECT_EQ(sc, random_scenario(42, static_cast<std::uint64_t>(i), p));
        EXPECT_EQ(sc.profile, p);
        const MemspecAnswer a = memspec_answer(sc);
        if (a.error_kind) {
            ++errors, ++kinds[*a.error_kind];
            continue;
        }
        for (const Op& op : sc.ops) {
            if (op.kind == OpKind::Tick) continue;
            ++accesses;
            EXPECT_EQ(op.pointer % 4, 0u);
            EXPECT_TRUE(op.address_space >= 1 && op.address_space <= 4);
        }
    }
    EXPECT_GT(errors, n / 8);
    EXPECT_LT(errors, n / 2);
    EXPECT_GT(accesses, n);  // most scenarios run accesses to the end
    for (const char* k : {"InvalidConfig", "InvalidAddressSpace", "SizeNotPowerOfTwo", "OutOfBounds", "UnalignedAccess", "InvalidValue",
                          "TimestampViolation", "ParseError"})
        EXPECT_GT(kinds[k], 0) << "openvm-v2.0 never gave " << k;
}

// R320: the v1.4 generator reproduces its scenarios under both profiles, keeps the error rate of
// R134, reaches every error kind a v1.4 scenario can end in (R263's checks, R264's clock, R261's
// config, R271's image, R13; a repeated cell only under the persistent profile), turns the legacy switch on in some, and its valid accesses are whole
// minimum blocks of address spaces 1-4, aligned to them, of several sizes.
TEST(ScenarioGen, R320_v1_4_scenarios_reach_every_v1_4_error_kind) {
    for (const Profile p : {Profile::openvm_v1_4_volatile, Profile::openvm_v1_4_persistent}) {
        std::map<std::string, int> kinds;
        std::set<std::uint64_t> sizes;
        int errors = 0, accesses = 0, legacy = 0;
        const int n = 600;
        for (int i = 0; i < n; ++i) {
            const Scenario sc = random_scenario(42, static_cast<std::uint64_t>(i), p);
            EXPECT_EQ(sc, random_scenario(42, static_cast<std::uint64_t>(i), p));
            EXPECT_EQ(sc.profile, p);
            legacy += sc.config.legacy_v1_3_mem_align;
            const MemspecAnswer a = memspec_answer(sc);
            if (a.error_kind) {
                ++errors, ++kinds[*a.error_kind];
                continue;
            }
            for (const Op& op : sc.ops) {
                if (op.kind == OpKind::Tick) continue;
                ++accesses;
                const std::uint64_t len = op.kind == OpKind::Read ? op.len : op.data.size();
                sizes.insert(len);
                EXPECT_TRUE(op.address_space >= 1 && op.address_space <= 4);
                // By hand (R262): AS4 has minimum 1, AS2 1 under the switch, the others 4.
                const std::uint64_t min = op.address_space == 4 || (op.address_space == 2 && sc.config.legacy_v1_3_mem_align) ? 1 : 4;
                EXPECT_EQ(op.pointer % min, 0u);
                EXPECT_EQ(len % min, 0u);
            }
        }
        EXPECT_GT(errors, n / 8) << profile_name(p);
        EXPECT_LT(errors, n / 2) << profile_name(p);
        EXPECT_GT(accesses, n) << profile_name(p);
        EXPECT_GT(legacy, n / 8) << profile_name(p);
        for (std::uint64_t s : {1u, 2u, 4u, 8u, 16u, 32u}) EXPECT_TRUE(sizes.count(s)) << profile_name(p) << " never accessed " << s << " cells";
        for (const char* k : {"InvalidConfig", "InvalidAddressSpace", "SizeNotPowerOfTwo", "OutOfBounds", "UnalignedAccess", "InvalidValue",
                              "TimestampViolation"})
            EXPECT_GT(kinds[k], 0) << profile_name(p) << " never gave " << k;
        // A repeated image cell (R13) only where an image is taken at all: the volatile memory
        // refuses any image first.
        if (p == Profile::openvm_v1_4_persistent) {
            EXPECT_GT(kinds["ParseError"], 0);
        }
    }
}

}  // namespace
}  // namespace memspec::conform
