#include "spec/vocabulary/result_roots.hpp"

namespace memspec {

void RootsTap::final_block(const FinalBlockView& b) {
    if (keep_) {
        final_memory_.chunk = static_cast<std::uint32_t>(b.values.size());
        final_memory_.blocks.push_back({b.address_space, b.pointer, b.timestamp, {b.values.begin(), b.values.end()}});
    }
    inner_.final_block(b);
}

Result<std::optional<ResultRoots>> RootsTap::roots(const Setup& setup, bool finalized) const {
    if (!profile_has_roots(setup.profile)) return std::optional<ResultRoots>{};
    // R74: the initial image's root; R75: the initial tree with every final chunk written over it.
    auto initial = merkle::root(setup.config, setup.initial_memory);
    if (!initial) return initial.error();
    ResultRoots roots{*initial, std::nullopt};
    if (finalized) {
        auto final_root = merkle::updated_root(setup.config, setup.initial_memory, final_memory_);
        if (!final_root) return final_root.error();
        roots.final_root = *final_root;
    }
    return std::optional<ResultRoots>{roots};
}

}  // namespace memspec
