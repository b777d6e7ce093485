// A growable flat array for trivially copyable values. R71: impl keeps records in such arenas
// and turns them into spec types only at the end. `grow(n)` hands out n uninitialised slots at
// the end, so appending a record's values costs one capacity check and the copy, without
// std::vector's value-initialisation of the new tail.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <new>
#include <cstdint>
#include <type_traits>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace memspec::impl {

template <class T>
class Arena {
    static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

public:
    Arena() = default;
    Arena(const Arena&) = delete;
    Arena& operator=(const Arena&) = delete;
    Arena(Arena&& o) noexcept : populated_(o.populated_), data_(o.data_), size_(o.size_), cap_(o.cap_) {
        o.data_ = nullptr, o.size_ = o.cap_ = o.populated_ = 0;
    }
    Arena& operator=(Arena&& o) noexcept {
        if (this != &o) {
            std::free(data_);
            data_ = o.data_, size_ = o.size_, cap_ = o.cap_, populated_ = o.populated_;
            o.data_ = nullptr, o.size_ = o.cap_ = o.populated_ = 0;
        }
        return *this;
    }
    ~Arena() { std::free(data_); }

    void reserve(std::size_t n) {
        if (n <= cap_) return;
        // realloc: large blocks are moved by remapping pages, not copied.
        void* p = std::realloc(data_, n * sizeof(T));
        if (!p) throw std::bad_alloc();
        if (p != data_) populated_ = 0;  // moved: nothing known about the new block
        data_ = static_cast<T*>(p);
        cap_ = n;
    }
    // n new slots at the end, to be written by the caller.
    T* grow(std::size_t n) {
        if (size_ + n > cap_) reserve(std::max<std::size_t>(size_ + n, cap_ ? 2 * cap_ : 64));
        T* out = data_ + size_;
        size_ += n;
        if (size_ * sizeof(T) > populated_) populate();
        return out;
    }
    void push_back(const T& v) { *grow(1) = v; }
    // Forgets the contents and keeps the memory: an engine that hands records on after each
    // operation reuses the same few (hot) slots for the next one.
    void clear() { size_ = 0; }

    std::size_t size() const { return size_; }
    std::size_t capacity() const { return cap_; }
    T* data() { return data_; }
    const T* data() const { return data_; }
    T& operator[](std::size_t i) { return data_[i]; }
    const T& operator[](std::size_t i) const { return data_[i]; }
    const T* begin() const { return data_; }
    const T* end() const { return data_ + size_; }

private:
    // Pre-faults the next stretch of the arena in one system call: appending hundreds of
    // megabytes of records otherwise takes a page fault every 4 KiB, which under virtualisation
    // costs more than writing the records. Only a hint; without it pages fault in on first write.
    void populate() {
        constexpr std::size_t STEP = std::size_t{1} << 20, PAGE = 4096;
        const auto base = reinterpret_cast<std::uintptr_t>(data_);
        const std::uintptr_t end = base + cap_ * sizeof(T);
        const std::uintptr_t from = (base + std::max(populated_, size_ * sizeof(T)) + PAGE - 1) & ~(PAGE - 1);
        const std::uintptr_t to = std::min(end & ~(PAGE - 1), from + STEP);
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
        if (to > from && cap_ * sizeof(T) >= 4 * STEP) (void)madvise(reinterpret_cast<void*>(from), to - from, MADV_POPULATE_WRITE);
#endif
        populated_ = std::max<std::size_t>(to > base ? to - base : 0, size_ * sizeof(T));
    }

    std::size_t populated_ = 0;  // bytes from data_ known to be faulted in
    T* data_ = nullptr;
    std::size_t size_ = 0;
    std::size_t cap_ = 0;
};

}  // namespace memspec::impl
