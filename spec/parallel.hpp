// Independent work (per chip in trace generation and checking, per address space in impl's
// finalize) spread over the machine's cores when it is large enough to pay for the threads;
// callers arrange that results never depend on the schedule.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <thread>
#include <vector>

namespace memspec {

// Below this much work (cells times expressions evaluated) threads cost more than they save.
inline constexpr std::size_t PARALLEL_WORK = std::size_t{1} << 22;

// Runs every task once: in order on this thread when `work` is small, else on a pool.
inline void run_tasks(const std::vector<std::function<void()>>& tasks, std::size_t work) {
    const std::size_t threads = work < PARALLEL_WORK ? 1 : std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), tasks.size());
    if (threads <= 1) {
        for (const auto& t : tasks) t();
        return;
    }
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> pool;
    for (std::size_t i = 0; i < threads; ++i)
        pool.emplace_back([&] {
            for (std::size_t k; (k = next.fetch_add(1)) < tasks.size();) tasks[k]();
        });
    for (auto& th : pool) th.join();
}

}  // namespace memspec
