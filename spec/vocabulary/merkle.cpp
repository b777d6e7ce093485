#include "spec/vocabulary/merkle.hpp"

#include <algorithm>
#include <string>

namespace memspec::merkle {

Result<Dimensions> dimensions(const MemoryConfig& config) {
    if (config.pointer_max_bits < LOG_CHUNK)
        return make_error(ErrorKind::InvalidConfig, "pointer_max_bits " + std::to_string(config.pointer_max_bits) +
                                                        " is below log2(CHUNK) = 3: no Merkle tree (R73)");
    return Dimensions{config.as_height, config.pointer_max_bits - LOG_CHUNK, config.as_offset};
}

Result<Leaves> leaves_of(const MemoryConfig& config, const MemoryImage& image) {
    auto dims = dimensions(config);
    if (!dims) return dims.error();
    Leaves leaves;
    for (const auto& c : image.cells()) {
        if (c.address_space < config.as_offset ||
            c.address_space - config.as_offset >= (std::uint64_t{1} << config.as_height))
            return make_error(ErrorKind::InvalidAddressSpace,
                              "cell in address space " + std::to_string(c.address_space) + " is outside the tree (R73)");
        if (c.pointer >= (std::uint64_t{1} << config.pointer_max_bits))
            return make_error(ErrorKind::OutOfBounds,
                              "cell at pointer " + std::to_string(c.pointer) + " is outside the tree (R73)");
        leaves[dims->leaf_index(c.address_space, c.pointer / CHUNK)][c.pointer % CHUNK] = c.value;
    }
    return leaves;
}

std::vector<Digest> default_digests(const Dimensions& dims) {
    std::vector<Digest> d{poseidon2::hash(Digest{})};
    for (std::uint32_t h = 1; h <= dims.overall_height(); ++h) d.push_back(poseidon2::compress(d.back(), d.back()));
    return d;
}

namespace {
using It = Leaves::const_iterator;

// The digest of the subtree of height h whose leaves are [from, from + 2^h), given the leaves
// in [first, last) (all inside that range). Empty subtrees take the default digest (R74).
Digest subtree(std::uint32_t h, std::uint64_t from, It first, It last, const std::vector<Digest>& defaults) {
    if (first == last) return defaults[h];
    if (h == 0) return poseidon2::hash(first->second);
    std::uint64_t mid = from + (std::uint64_t{1} << (h - 1));
    It split = first;
    while (split != last && split->first < mid) ++split;
    return poseidon2::compress(subtree(h - 1, from, first, split, defaults), subtree(h - 1, mid, split, last, defaults));
}
}  // namespace

Digest node_digest(const Leaves& leaves, const std::vector<Digest>& defaults, std::uint32_t h, std::uint64_t index) {
    const std::uint64_t from = index << h;
    return subtree(h, from, leaves.lower_bound(from), leaves.lower_bound(from + (std::uint64_t{1} << h)), defaults);
}

Digest root_of_leaves(const Dimensions& dims, const Leaves& leaves) {
    return subtree(dims.overall_height(), 0, leaves.begin(), leaves.end(), default_digests(dims));
}

Result<Digest> root(const MemoryConfig& config, const MemoryImage& image) {
    auto dims = dimensions(config);
    if (!dims) return dims.error();
    auto leaves = leaves_of(config, image);
    if (!leaves) return leaves.error();
    return root_of_leaves(*dims, *leaves);
}

Result<Digest> dense_root(const MemoryConfig& config, const MemoryImage& image) {
    auto dims = dimensions(config);
    if (!dims) return dims.error();
    if (dims->overall_height() > MAX_DENSE_HEIGHT)
        return make_error(ErrorKind::InvalidConfig, "dense tree of height " + std::to_string(dims->overall_height()) +
                                                        " is too large (R74)");
    // Every cell of every chunk, zero where the image has nothing, hashed leaf by leaf.
    std::uint64_t n = std::uint64_t{1} << dims->overall_height();
    std::vector<Digest> level(n);
    for (std::uint64_t i = 0; i < n; ++i) {
        std::uint32_t as = config.as_offset + static_cast<std::uint32_t>(i >> dims->address_height);
        std::uint32_t label = static_cast<std::uint32_t>(i & ((std::uint64_t{1} << dims->address_height) - 1));
        Digest values{};
        for (std::uint32_t k = 0; k < CHUNK; ++k) values[k] = image.get(as, label * CHUNK + k);
        level[i] = poseidon2::hash(values);
    }
    for (const auto& c : image.cells())
        if (c.address_space < config.as_offset || c.address_space - config.as_offset >= (std::uint64_t{1} << config.as_height) ||
            c.pointer >= (std::uint64_t{1} << config.pointer_max_bits))
            return make_error(ErrorKind::OutOfBounds, "image cell outside the tree (R73)");
    while (level.size() > 1) {
        std::vector<Digest> up(level.size() / 2);
        for (std::size_t i = 0; i < up.size(); ++i) up[i] = poseidon2::compress(level[2 * i], level[2 * i + 1]);
        level = std::move(up);
    }
    return level[0];
}

MemoryImage overlay(const MemoryImage& initial, const TimestampedEquipartition& final_memory) {
    MemoryImage out = initial;
    for (const auto& b : final_memory.blocks)
        for (std::size_t i = 0; i < b.values.size(); ++i)
            out.insert(b.address_space, b.pointer + static_cast<std::uint32_t>(i), b.values[i]);
    return out;
}

Result<Digest> updated_root(const MemoryConfig& config, const MemoryImage& initial,
                            const TimestampedEquipartition& final_memory) {
    auto dims = dimensions(config);
    if (!dims) return dims.error();
    auto leaves = leaves_of(config, initial);
    if (!leaves) return leaves.error();
    const std::uint32_t height = dims->overall_height();
    const std::vector<Digest> defaults = default_digests(*dims);
    // Every node of the initial tree that differs from the default, keyed by (height, index):
    // what MemoryNode keeps of the initial tree.
    std::map<std::pair<std::uint32_t, std::uint64_t>, Digest> nodes;
    for (const auto& [index, values] : *leaves) nodes[{0, index}] = poseidon2::hash(values);
    for (std::uint32_t h = 0; h < height; ++h) {
        for (auto it = nodes.lower_bound({h, 0}); it != nodes.end() && it->first.first == h; ++it) {
            std::uint64_t parent = it->first.second >> 1;
            if (nodes.count({h + 1, parent})) continue;
            auto l = nodes.find({h, parent * 2});
            auto r = nodes.find({h, parent * 2 + 1});
            nodes[{h + 1, parent}] = poseidon2::compress(l == nodes.end() ? defaults[h] : l->second,
                                                         r == nodes.end() ? defaults[h] : r->second);
        }
    }
    auto node = [&](std::uint32_t h, std::uint64_t i) {
        auto it = nodes.find({h, i});
        return it == nodes.end() ? defaults[h] : it->second;
    };
    // Each final block rewrites cells of one leaf; then every changed leaf's path is rehashed
    // bottom-up, level by level, each node once (OpenVM's TreeHelper::recur visits each touched
    // node once as well).
    std::vector<std::uint64_t> dirty;
    for (const auto& b : final_memory.blocks) {
        if (b.address_space < config.as_offset || b.address_space - config.as_offset >= (std::uint64_t{1} << config.as_height) ||
            std::uint64_t{b.pointer} + b.values.size() > (std::uint64_t{1} << config.pointer_max_bits) ||
            b.values.empty() || b.pointer / CHUNK != (b.pointer + b.values.size() - 1) / CHUNK)
            return make_error(ErrorKind::OutOfBounds, "final block at (" + std::to_string(b.address_space) + ", " +
                                                          std::to_string(b.pointer) + ") is not inside one leaf (R75)");
        std::uint64_t index = dims->leaf_index(b.address_space, b.pointer / CHUNK);
        Digest& values = (*leaves)[index];
        for (std::size_t i = 0; i < b.values.size(); ++i) values[(b.pointer % CHUNK) + i] = b.values[i];
        dirty.push_back(index);
    }
    std::sort(dirty.begin(), dirty.end());
    dirty.erase(std::unique(dirty.begin(), dirty.end()), dirty.end());
    for (std::uint64_t index : dirty) nodes[{0, index}] = poseidon2::hash((*leaves)[index]);
    for (std::uint32_t h = 0; h < height; ++h) {
        std::vector<std::uint64_t> parents;
        for (std::uint64_t index : dirty)
            if (parents.empty() || parents.back() != (index >> 1)) parents.push_back(index >> 1);
        for (std::uint64_t parent : parents)
            nodes[{h + 1, parent}] = poseidon2::compress(node(h, parent * 2), node(h, parent * 2 + 1));
        dirty = std::move(parents);
    }
    return node(height, 0);
}

}  // namespace memspec::merkle
