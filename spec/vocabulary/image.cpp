#include "spec/vocabulary/image.hpp"

namespace memspec {

void MemoryImage::insert(std::uint32_t as, std::uint32_t ptr, BabyBear value) {
    auto& page = pages_[{as, ptr / PAGE_SIZE}];
    if (!page) page = std::make_shared<Page>();
    else if (page.use_count() > 1) page = std::make_shared<Page>(*page);  // copy on write
    const std::uint32_t i = ptr % PAGE_SIZE;
    if (!page->present[i]) ++count_;
    page->present[i] = true;
    page->values[i] = value;
}

std::optional<BabyBear> MemoryImage::find(std::uint32_t as, std::uint32_t ptr) const {
    auto it = pages_.find({as, ptr / PAGE_SIZE});
    if (it == pages_.end() || !it->second->present[ptr % PAGE_SIZE]) return std::nullopt;
    return it->second->values[ptr % PAGE_SIZE];
}

std::vector<MemoryImage::Cell> MemoryImage::cells() const {
    std::vector<Cell> out;
    out.reserve(count_);
    for (const auto& [key, page] : pages_)
        for (std::uint32_t i = 0; i < PAGE_SIZE; ++i)
            if (page->present[i]) out.push_back({key.first, key.second * PAGE_SIZE + i, page->values[i]});
    return out;
}

}  // namespace memspec
