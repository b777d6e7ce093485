// MemoryImage: a sparse, paged initial memory (R13).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "spec/vocabulary/field.hpp"

namespace memspec {

// Pages of 4096 cells allocated on first insert, like OpenVM's PagedVec. Cells never inserted
// read as 0. Iteration is in (address_space, pointer) order.
class MemoryImage {
public:
    static constexpr std::uint32_t PAGE_SIZE = 4096;

    void insert(std::uint32_t address_space, std::uint32_t pointer, BabyBear value);
    // Value of a cell, or nullopt when never inserted.
    std::optional<BabyBear> find(std::uint32_t address_space, std::uint32_t pointer) const;
    BabyBear get(std::uint32_t address_space, std::uint32_t pointer) const {
        return find(address_space, pointer).value_or(BabyBear{});
    }
    bool empty() const { return count_ == 0; }
    std::size_t size() const { return count_; }

    struct Cell {
        std::uint32_t address_space;
        std::uint32_t pointer;
        BabyBear value;
        friend bool operator==(const Cell&, const Cell&) = default;
    };
    // All inserted cells, sorted.
    std::vector<Cell> cells() const;

    friend bool operator==(const MemoryImage& a, const MemoryImage& b) { return a.cells() == b.cells(); }

private:
    struct Page {
        std::array<BabyBear, PAGE_SIZE> values{};
        std::array<bool, PAGE_SIZE> present{};
    };
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::shared_ptr<Page>> pages_;
    std::size_t count_ = 0;
};

}  // namespace memspec
