#include "impl/v2_0/engine.hpp"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>
#include <span>

#include "impl/paged.hpp"
#include "spec/vocabulary/profiles/openvm_v2_0.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec::impl::v2_0 {

namespace {

using memspec::v2_0::BLOCK_SIZE;
constexpr std::uint32_t BLOCKS_PER_PAGE = PAGE_CELLS / BLOCK_SIZE;
// R214: the table's address spaces 1..8 (index 0 unused, as in OpenVM's table).
constexpr std::uint32_t SPACES = (1u << memspec::v2_0::AS_HEIGHT) + 1;

// One page: 4096 cells and the last-access timestamps of their 1024 blocks (0: never accessed).
struct Page {
    std::array<BabyBear, PAGE_CELLS> values;
    std::array<std::uint32_t, BLOCKS_PER_PAGE> last_access;
};

class TracingMemoryImpl final : public Engine {
public:
    explicit TracingMemoryImpl(const Setup& setup) : setup_(setup), image_(setup.initial_memory.cells()) {}

    Status step(const Op& op, RecordSink& sink) override {
        if (finalized_) return finalized_engine_error();
        switch (op.kind) {
            case OpKind::Read: {
                if (auto st = memspec::v2_0::check_read(setup_.config, op.address_space, op.pointer, op.len, clock_); !st) return st;
                const Block b = touch(op);
                sink.access({AccessKind::Read, static_cast<std::uint32_t>(op.address_space), static_cast<std::uint32_t>(op.pointer), clock_, b.prev,
                             std::span<const BabyBear>(&b.page.values[b.off], BLOCK_SIZE), {}});
                ++clock_;
                return {};
            }
            case OpKind::Write: {
                if (auto st = memspec::v2_0::check_write(setup_.config, op.address_space, op.pointer, op.data, clock_); !st) return st;
                const Block b = touch(op);
                for (std::uint32_t i = 0; i < BLOCK_SIZE; ++i) {
                    prev_values_[i] = b.page.values[b.off + i];
                    b.page.values[b.off + i] = BabyBear::from_canonical(static_cast<std::uint32_t>(op.data[i]));
                }
                sink.access({AccessKind::Write, static_cast<std::uint32_t>(op.address_space), static_cast<std::uint32_t>(op.pointer), clock_, b.prev,
                             std::span<const BabyBear>(&b.page.values[b.off], BLOCK_SIZE), prev_values_});
                ++clock_;
                return {};
            }
            case OpKind::Tick: {
                if (auto st = memspec::v2_0::check_tick(setup_.config, op.by, clock_); !st) return st;
                clock_ += static_cast<std::uint32_t>(op.by);
                return {};
            }
        }
        return {};
    }

    Status finalize(std::uint64_t chunk, RecordSink& sink) override {
        if (finalized_) return finalized_engine_error();
        if (auto st = check_setup_finalize(setup_.profile, setup_.config, chunk, setup_.initial_memory.empty()); !st) return st;
        finalized_ = true;
        // R219: touched blocks in (address space, pointer) order: spaces in order, pages in order.
        for (std::uint32_t as = 1; as < SPACES; ++as) {
            spaces_[as].for_each_page([&](std::uint32_t index, Page& page) {
                for (std::uint32_t b = 0; b < BLOCKS_PER_PAGE; ++b) {
                    if (page.last_access[b] == 0) continue;
                    sink.final_block({as, index * PAGE_CELLS + b * BLOCK_SIZE, page.last_access[b],
                                      std::span<const BabyBear>(&page.values[b * BLOCK_SIZE], BLOCK_SIZE)});
                }
            });
        }
        return {};
    }

    std::uint32_t timestamp() const override { return clock_; }
    // R197: the cells of the blocks accessed so far; finalize touches no further cell (R219).
    std::uint64_t touched_cells() const override { return touched_blocks_ * BLOCK_SIZE; }

private:
    // The accessed block: its page, its offset there, and its last-access timestamp before this access.
    struct Block {
        Page& page;
        std::uint32_t off;
        std::uint32_t prev;
    };

    // R216: what a read and a write share once R217's checks passed: find the block and swap its
    // last-access timestamp for the current clock.
    Block touch(const Op& op) {
        Page& page = page_of(op.address_space, op.pointer);
        const std::uint32_t off = static_cast<std::uint32_t>(op.pointer) & PAGE_MASK;
        std::uint32_t& last = page.last_access[off / BLOCK_SIZE];
        const std::uint32_t prev = last;
        if (prev == 0) ++touched_blocks_;  // R197: counted as the block is first touched
        last = clock_;
        return {page, off, prev};
    }

    // The page holding (as, ptr), created on first touch with the initial image's cells (R214).
    Page& page_of(std::uint64_t as, std::uint64_t ptr) {
        const auto space = static_cast<std::uint32_t>(as);
        return spaces_[space].get(static_cast<std::uint32_t>(ptr) >> PAGE_BITS, [&](Page& page, std::uint32_t index) {
            page.values.fill(BabyBear{});
            page.last_access.fill(0);
            // The image's cells are sorted by (address space, pointer): those of this page are one run.
            const std::uint32_t base = index * PAGE_CELLS;
            auto it = std::lower_bound(image_.begin(), image_.end(), std::pair{space, base}, [](const MemoryImage::Cell& c, const std::pair<std::uint32_t, std::uint32_t>& key) {
                return std::pair{c.address_space, c.pointer} < key;
            });
            for (; it != image_.end() && it->address_space == space && it->pointer < base + PAGE_CELLS; ++it) page.values[it->pointer - base] = it->value;
        });
    }

    Setup setup_;
    std::vector<MemoryImage::Cell> image_;  // sorted (MemoryImage::cells)
    std::array<PagedSpace<Page>, SPACES> spaces_;
    std::array<BabyBear, BLOCK_SIZE> prev_values_{};
    std::uint64_t touched_blocks_ = 0;
    std::uint32_t clock_ = 1;  // R215: INITIAL_TIMESTAMP + 1
    bool finalized_ = false;
};

}  // namespace

std::unique_ptr<Engine> make_engine(const Setup& setup) { return std::make_unique<TracingMemoryImpl>(setup); }

}  // namespace memspec::impl::v2_0
