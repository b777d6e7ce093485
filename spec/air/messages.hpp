// The layouts of the bus messages that more than one chip, the checker or proofs/ read (R41), in one
// place: chips build a memory-bus message from its named parts, and readers take a part by name, so
// no code counts positions in a message.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "spec/air/expr.hpp"

namespace memspec::air {

// A memory-bus message [address_space, pointer, values..., timestamp] (R41): a block of cells
// with the timestamp of its last access. Sent when the block is produced, received when consumed.
struct MemoryMessage {
    Expr address_space;
    Expr pointer;
    std::vector<Expr> values;
    Expr timestamp;

    // The message as the bus carries it.
    std::vector<Expr> fields() const {
        std::vector<Expr> f{address_space, pointer};
        f.insert(f.end(), values.begin(), values.end());
        f.push_back(timestamp);
        return f;
    }
};

// Where each part of a memory-bus message of `size` fields sits.
struct MemoryMessageLayout {
    static constexpr std::size_t ADDRESS_SPACE = 0;
    static constexpr std::size_t POINTER = 1;
    static constexpr std::size_t PARTS_BESIDE_VALUES = 3;  // address space, pointer, timestamp
    static constexpr std::size_t value(std::size_t i) { return 2 + i; }
    static constexpr std::size_t value_count(std::size_t size) { return size - PARTS_BESIDE_VALUES; }
    static constexpr std::size_t timestamp(std::size_t size) { return size - 1; }
};

// A range-check request [value, bits] on the range bus (R63): value < 2^bits.
struct RangeMessageLayout {
    static constexpr std::size_t VALUE = 0;
    static constexpr std::size_t BITS = 1;
    static constexpr std::size_t SIZE = 2;
};

}  // namespace memspec::air
