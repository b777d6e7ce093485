// R80: the isolated child-process runner (util/isolated.hpp) that proofs/ and
// `memspec bench --scenario` share: what the child returns or throws comes back, a child past its
// limit is killed, a child that dies is reported as dead.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include <sys/wait.h>
#include <vector>

#include "util/isolated.hpp"

using namespace memspec::util;

TEST(UtilIsolated, R80_ReturnedMessageComesBack) {
    const std::string big(200000, 'x');  // more than one pipe buffer
    ChildResult r = run_isolated([&] { return big; });
    EXPECT_EQ(r.end, ChildEnd::Returned);
    EXPECT_EQ(r.message, big);
    EXPECT_GE(r.seconds, 0);
}

TEST(UtilIsolated, R80_ExceptionComesBack) {
    ChildResult r = run_isolated([]() -> std::string { throw std::runtime_error("no answer"); });
    EXPECT_EQ(r.end, ChildEnd::Threw);
    EXPECT_EQ(r.message, "no answer");
}

TEST(UtilIsolated, R80_ChildIsKilledAtTheLimit) {
    const auto start = std::chrono::steady_clock::now();
    ChildResult r = run_isolated(
        [] {
            std::this_thread::sleep_for(std::chrono::seconds(30));
            return std::string("late");
        },
        ChildLimits{0.5, 0});
    EXPECT_EQ(r.end, ChildEnd::TimedOut);
    EXPECT_TRUE(r.message.empty());
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 10.0);
}

TEST(UtilIsolated, R80_DeadChildIsReported) {
    ChildResult r = run_isolated([]() -> std::string { std::_Exit(3); });
    EXPECT_EQ(r.end, ChildEnd::Died);
    EXPECT_TRUE(WIFEXITED(r.wait_status));
}

TEST(UtilIsolated, R80_ParentStateIsUntouched) {
    int counter = 1;
    ChildResult r = run_isolated([&] {
        counter = 2;
        return std::to_string(counter);
    });
    EXPECT_EQ(r.message, "2");
    EXPECT_EQ(counter, 1);
}
