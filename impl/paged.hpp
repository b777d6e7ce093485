// Paged flat storage shared by impl's online and offline memory (R70): pages of 4096 cells,
// allocated on first touch, found through a two-level directory per address space so that a
// lookup is two indexed loads and an address space near 2^29 costs no large table.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <vector>

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
public:
    using Group = std::array<std::unique_ptr<Page>, (1u << DIR_BITS)>;

    const Page* find(std::uint32_t page_index) const {
        const std::uint32_t g = page_index >> DIR_BITS;
        if (g >= groups_.size() || !groups_[g]) return nullptr;
        return (*groups_[g])[page_index & ((1u << DIR_BITS) - 1)].get();
    }

    // The last page used is cached: accesses cluster, and a block's cells share a page.
    template <class Init>
    Page& get(std::uint32_t page_index, Init&& init) {
        if (page_index == last_index_ && last_) return *last_;
        return get_slow(page_index, init);
    }

    // Visits allocated pages in ascending page order (R23's order within one address space).
    template <class F>
    void for_each_page(F&& f) const {
        for (std::uint32_t g = 0; g < groups_.size(); ++g) {
            if (!groups_[g]) continue;
            for (std::uint32_t i = 0; i < (1u << DIR_BITS); ++i)
                if (const Page* p = (*groups_[g])[i].get()) f((g << DIR_BITS) | i, *p);
        }
    }

    std::size_t page_count() const { return page_count_; }
    std::size_t bytes() const {
        std::size_t b = page_count_ * sizeof(Page) + groups_.capacity() * sizeof(std::unique_ptr<Group>);
        for (const auto& g : groups_)
            if (g) b += sizeof(Group);
        return b;
    }

private:
    template <class Init>
    [[gnu::noinline]] Page& get_slow(std::uint32_t page_index, Init& init) {
        const std::uint32_t g = page_index >> DIR_BITS;
        if (g >= groups_.size()) groups_.resize(g + 1);
        if (!groups_[g]) groups_[g] = std::make_unique<Group>();
        auto& slot = (*groups_[g])[page_index & ((1u << DIR_BITS) - 1)];
        if (!slot) {
            slot.reset(new Page);  // default-initialised: `init` writes what is not already set
            init(*slot, page_index);
            ++page_count_;
        }
        last_index_ = page_index;
        last_ = slot.get();
        return *slot;
    }

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
    const PagedSpace<Page>* find_space(std::uint32_t address_space) const {
        auto it = spaces_.find(address_space);
        return it == spaces_.end() ? nullptr : it->second.get();
    }
    template <class F>
    void for_each_space(F&& f) const {
        for (const auto& [as, sp] : spaces_) f(as, *sp);
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
