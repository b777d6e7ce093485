// Independent work (per chip in trace generation and checking, per address space in impl's
// finalize) spread over the machine's cores when it is large enough to pay for the threads;
// callers arrange that results never depend on the schedule.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace memspec {

// Below this much work (cells times expressions evaluated) threads cost more than they save.
inline constexpr std::size_t PARALLEL_WORK = std::size_t{1} << 22;

// Runs every task once: in order on this thread when `work` is small, else on a pool.
// Exception-safe, because the C ABI promises that no exception escapes and nothing aborts: a task
// that throws (std::bad_alloc on a big finalize) has its first exception rethrown here after
// every thread has been joined, where a throw inside a std::thread would call std::terminate; and
// when a thread cannot be started, the threads already running are joined and the calling thread
// finishes the tasks.
inline void run_tasks(const std::vector<std::function<void()>>& tasks, std::size_t work) {
    const std::size_t threads = work < PARALLEL_WORK ? 1 : std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), tasks.size());
    if (threads <= 1) {
        for (const auto& t : tasks) t();
        return;
    }
    std::atomic<std::size_t> next{0};
    std::mutex failure_mutex;
    std::exception_ptr failure;
    auto worker = [&]() noexcept {
        for (std::size_t k; (k = next.fetch_add(1)) < tasks.size();) {
            try {
                tasks[k]();
            } catch (...) {
                std::lock_guard<std::mutex> lock(failure_mutex);
                if (!failure) failure = std::current_exception();
                next.store(tasks.size());  // stop handing out tasks: the run has failed
            }
        }
    };
    std::vector<std::thread> pool;
    try {
        pool.reserve(threads - 1);
        for (std::size_t i = 0; i + 1 < threads; ++i) pool.emplace_back(worker);  // this thread is the last worker
    } catch (...) {
        // Fewer threads than wanted (possibly none): the tasks still all run, on this one too.
    }
    worker();
    for (auto& th : pool) th.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace memspec
