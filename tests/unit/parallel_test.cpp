// run_tasks (util/parallel.hpp), the pool behind impl's parallel finalize (R70) and the AIR
// layer's per-chip work: every task runs once, and an exception thrown by a task on a pool thread
// comes back to the caller instead of terminating the process — the C ABI promises that no
// exception escapes and nothing aborts (include/memspec/README.md).
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

#include "util/parallel.hpp"

using namespace memspec;

// Covers R70 (parallel finalize runs every address space's task once).
TEST(Parallel, R70_every_task_runs_once_on_the_pool) {
    std::atomic<int> runs[64] = {};
    std::vector<std::function<void()>> tasks;
    for (int i = 0; i < 64; ++i) tasks.push_back([&runs, i] { runs[i].fetch_add(1); });
    run_tasks(tasks, PARALLEL_WORK);  // enough work for threads
    for (const auto& r : runs) EXPECT_EQ(r.load(), 1);
}

// Covers R70: a task's exception is rethrown on the calling thread after every thread is joined.
TEST(Parallel, R70_a_task_exception_reaches_the_caller) {
    std::vector<std::function<void()>> tasks;
    for (int i = 0; i < 16; ++i)
        tasks.push_back([i] {
            if (i == 5) throw std::runtime_error("task 5");
        });
    EXPECT_THROW(run_tasks(tasks, PARALLEL_WORK), std::runtime_error);
    EXPECT_THROW(run_tasks(tasks, 0), std::runtime_error);  // and on the serial path
}
