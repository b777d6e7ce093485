// Paged flat storage shared by impl's online and offline memory (R70): pages of 4096 cells,
// allocated on first touch, found through a two-level directory per address space so that a
// lookup is two indexed loads and an address space near 2^29 costs no large table.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <new>
#include <type_traits>
#include <vector>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace memspec::impl {

inline constexpr std::uint32_t PAGE_BITS = 12;
inline constexpr std::uint32_t PAGE_CELLS = 1u << PAGE_BITS;
inline constexpr std::uint32_t PAGE_MASK = PAGE_CELLS - 1;
// Pages per directory entry; pointers are below 2^29 (R3), so at most 2^17 pages and 256 entries.
inline constexpr std::uint32_t DIR_BITS = 9;

// One address space: a directory of page groups. `Page` must be default-constructible; the
// owner passes an initialiser that runs once when a page is created and must set every field
// that default-initialisation leaves indeterminate.
template <class Page>
class PagedSpace {
    static_assert(std::is_trivially_destructible_v<Page>, "pages are released with their slab, never destroyed one by one");

public:
    using Group = std::array<Page*, (1u << DIR_BITS)>;

    PagedSpace() = default;
    PagedSpace(const PagedSpace&) = delete;
    PagedSpace& operator=(const PagedSpace&) = delete;

    const Page* find(std::uint32_t page_index) const {
        const std::uint32_t g = page_index >> DIR_BITS;
        if (g >= groups_.size() || !groups_[g]) return nullptr;
        return (*groups_[g])[page_index & ((1u << DIR_BITS) - 1)];
    }

    // The last page used is cached: accesses cluster, and a block's cells share a page.
    template <class Init>
    Page& get(std::uint32_t page_index, Init&& init) {
        if (page_index == last_index_ && last_) return *last_;
        return get_slow(page_index, init);
    }

    // Visits allocated pages in ascending page order (R23's order within one address space).
    // `f` may modify the pages it is given and those already allocated, but must not allocate.
    template <class F>
    void for_each_page(F&& f) {
        for (std::uint32_t g = 0; g < groups_.size(); ++g) {
            if (!groups_[g]) continue;
            for (std::uint32_t i = 0; i < (1u << DIR_BITS); ++i)
                if (Page* p = (*groups_[g])[i]) f((g << DIR_BITS) | i, *p);
        }
    }

    template <class F>
    void for_each_page(F&& f) const {
        for (std::uint32_t g = 0; g < groups_.size(); ++g) {
            if (!groups_[g]) continue;
            for (std::uint32_t i = 0; i < (1u << DIR_BITS); ++i)
                if (const Page* p = (*groups_[g])[i]) f((g << DIR_BITS) | i, *p);
        }
    }

    std::size_t page_count() const { return page_count_; }
    std::size_t bytes() const {
        std::size_t b = slab_bytes_ + groups_.capacity() * sizeof(std::unique_ptr<Group>);
        for (const auto& g : groups_)
            if (g) b += sizeof(Group);
        return b;
    }

private:
    template <class Init>
    [[gnu::noinline]] Page& get_slow(std::uint32_t page_index, Init& init) {
        const std::uint32_t g = page_index >> DIR_BITS;
        if (g >= groups_.size()) groups_.resize(g + 1);
        if (!groups_[g]) groups_[g] = std::make_unique<Group>(Group{});
        Page*& slot = (*groups_[g])[page_index & ((1u << DIR_BITS) - 1)];
        if (!slot) {
            slot = new (allocate()) Page;  // default-initialised: `init` writes what is not already set
            init(*slot, page_index);
            ++page_count_;
        }
        last_index_ = page_index;
        last_ = slot;
        return *slot;
    }

    // Pages come from slabs that double in size (1, 2, 4... pages), so a small program pays for
    // a few pages only; slabs of 2 MiB and more are 2 MiB-aligned and ask for transparent huge
    // pages, because random accesses over many pages are otherwise dominated by TLB misses.
    void* allocate() {
        if (slab_left_ == 0) {
            constexpr std::size_t HUGE = std::size_t{2} << 20;
            const std::size_t pages = slabs_.empty() ? 1 : std::min<std::size_t>(2 * last_slab_pages_, 256);
            std::size_t bytes = pages * sizeof(Page);
            void* mem = nullptr;
            if (bytes >= HUGE) {
                bytes = (bytes + HUGE - 1) / HUGE * HUGE;
                mem = std::aligned_alloc(HUGE, bytes);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
                if (mem) (void)madvise(mem, bytes, MADV_HUGEPAGE);  // a hint; failure is harmless
#endif
            } else {
                mem = std::malloc(bytes);
            }
            if (!mem) throw std::bad_alloc();
            slabs_.emplace_back(mem);
            slab_next_ = static_cast<char*>(mem);
            slab_left_ = bytes / sizeof(Page);
            last_slab_pages_ = pages;
            slab_bytes_ += bytes;
        }
        void* p = slab_next_;
        slab_next_ += sizeof(Page);
        --slab_left_;
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
        // Once a space has many pages, fault each new one in with one system call rather than
        // one fault per 4 KiB (the page is initialised in full right after). Only a hint.
        if (slabs_.size() > 4) {
            constexpr std::uintptr_t OS_PAGE = 4096;
            const auto b = reinterpret_cast<std::uintptr_t>(p);
            const std::uintptr_t from = (b + OS_PAGE - 1) & ~(OS_PAGE - 1), to = (b + sizeof(Page)) & ~(OS_PAGE - 1);
            if (to > from) (void)madvise(reinterpret_cast<void*>(from), to - from, MADV_POPULATE_WRITE);
        }
#endif
        return p;
    }

    struct Free {
        void operator()(void* p) const { std::free(p); }
    };
    std::vector<std::unique_ptr<void, Free>> slabs_;
    char* slab_next_ = nullptr;
    std::size_t slab_left_ = 0;
    std::size_t last_slab_pages_ = 0;
    std::size_t slab_bytes_ = 0;
    std::vector<std::unique_ptr<Group>> groups_;
    std::size_t page_count_ = 0;
    std::uint32_t last_index_ = 0;
    Page* last_ = nullptr;
};

// All address spaces, ordered so that finalize can walk them in ascending order (R23). The last
// space used is cached: programs touch few address spaces and usually the same one repeatedly.
template <class Page>
class PagedMemory {
public:
    PagedSpace<Page>& space(std::uint32_t address_space) {
        if (last_ && last_as_ == address_space) return *last_;
        return space_slow(address_space);
    }

private:
    [[gnu::noinline]] PagedSpace<Page>& space_slow(std::uint32_t address_space) {
        auto& slot = spaces_[address_space];
        if (!slot) slot = std::make_unique<PagedSpace<Page>>();
        last_as_ = address_space;
        last_ = slot.get();
        return *slot;
    }

public:
    // The cached space if it is `address_space`, else nullptr; never searches (for prefetching).
    const PagedSpace<Page>* peek_space(std::uint32_t address_space) const {
        return last_ && last_as_ == address_space ? last_ : nullptr;
    }
    const PagedSpace<Page>* find_space(std::uint32_t address_space) const {
        auto it = spaces_.find(address_space);
        return it == spaces_.end() ? nullptr : it->second.get();
    }
    // Visits the address spaces in ascending order.
    template <class F>
    void for_each_space(F&& f) {
        for (auto& [as, sp] : spaces_) f(as, *sp);
    }
    template <class F>
    void for_each_space(F&& f) const {
        for (const auto& [as, sp] : spaces_) f(as, static_cast<const PagedSpace<Page>&>(*sp));
    }
    std::size_t bytes() const {
        std::size_t b = 0;
        for (const auto& [as, sp] : spaces_) b += sizeof(PagedSpace<Page>) + sp->bytes();
        return b;
    }

private:
    std::map<std::uint32_t, std::unique_ptr<PagedSpace<Page>>> spaces_;
    std::uint32_t last_as_ = 0;
    PagedSpace<Page>* last_ = nullptr;
};

}  // namespace memspec::impl
