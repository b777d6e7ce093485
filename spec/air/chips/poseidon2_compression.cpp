// The Poseidon2 compression lookup (R77), standing for OpenVM v1.0's Poseidon2 periphery chip
// (crates/vm/src/system/poseidon2/air.rs: a lookup keyed by the 16 inputs and the first 8 outputs
// of the permutation, with a multiplicity). memspec does not model Poseidon2SubAir's round-by-round
// constraints: the checker computes each used row's output with spec/vocabulary/poseidon2 (R71, R72) instead.
#include "spec/air/chips.hpp"
#include "spec/vocabulary/poseidon2.hpp"

namespace memspec::air {

Poseidon2CompressionChip make_poseidon2_compression_chip() {
    AirBuilder b;
    b.air.name = "poseidon2_compression";
    Poseidon2CompressionChip c;
    c.input = b.add_columns("input", poseidon2::WIDTH);
    c.output = b.add_columns("output", poseidon2::DIGEST);
    c.mult = b.add_column("mult");
    std::vector<Expr> key;
    for (auto x : c.input) key.push_back(local(x));
    for (auto x : c.output) key.push_back(local(x));
    b.interact("poseidon2_compression.table", "R77", COMPRESSION_BUS, Direction::Receive, key, local(c.mult));
    ComputedTable t;
    t.name = "poseidon2_compression.output_is_compress";
    t.rule = "R77";
    t.inputs = c.input;
    t.outputs = c.output;
    t.multiplicity = c.mult;
    t.function = [](const std::vector<BabyBear>& in) {
        poseidon2::Digest l, r;
        for (std::size_t i = 0; i < poseidon2::DIGEST; ++i) {
            l[i] = in[i];
            r[i] = in[poseidon2::DIGEST + i];
        }
        auto d = poseidon2::compress(l, r);
        return std::vector<BabyBear>(d.begin(), d.end());
    };
    b.air.computed.push_back(std::move(t));
    c.air = std::move(b.air);
    return c;
}

}  // namespace memspec::air
