#include "spec/vocabulary/poseidon2.hpp"

namespace memspec::poseidon2 {
namespace {

constexpr std::uint32_t P = BabyBear::P;

// Round constants, carried over as facts from HorizenLabs/poseidon2 commit
// bb476b9ca38198cf5092487283c8b8c5d4317c4e (the zkhash rev pinned by OpenVM v1.0.0's Cargo.toml),
// plain_implementations/src/poseidon2/poseidon2_instance_babybear.rs, table RC16 (21 rows of 16).
// OpenVM v1.0.0 crates/circuits/poseidon2-air/src/babybear.rs (horizen_round_consts) takes rows
// 0..3 as the initial external constants, lane 0 of rows 4..16 as the internal constants and rows
// 17..20 as the terminal external constants; the other lanes of rows 4..16 are zero in RC16.
constexpr std::uint32_t RC_INITIAL[HALF_FULL_ROUNDS][WIDTH] = {
        {0x69cbb6af, 0x46ad93f9, 0x60a00f4e, 0x6b1297cd, 0x23189afe, 0x732e7bef, 0x72c246de, 0x2c941900, 0x0557eede, 0x1580496f, 0x3a3ea77b, 0x54f3f271, 0x0f49b029, 0x47872fe1, 0x221e2e36, 0x1ab7202e},
        {0x487779a6, 0x3851c9d8, 0x38dc17c0, 0x209f8849, 0x268dcee8, 0x350c48da, 0x5b9ad32e, 0x0523272b, 0x3f89055b, 0x01e894b2, 0x13ddedde, 0x1b2ef334, 0x7507d8b4, 0x6ceeb94e, 0x52eb6ba2, 0x50642905},
        {0x05453f3f, 0x06349efc, 0x6922787c, 0x04bfff9c, 0x768c714a, 0x3e9ff21a, 0x15737c9c, 0x2229c807, 0x0d47f88c, 0x097e0ecc, 0x27eadba0, 0x2d7d29e4, 0x3502aaa0, 0x0f475fd7, 0x29fbda49, 0x018afffd},
        {0x0315b618, 0x6d4497d1, 0x1b171d9e, 0x52861abd, 0x2e5d0501, 0x3ec8646c, 0x6e5f250a, 0x148ae8e6, 0x17f5fa4a, 0x3e66d284, 0x0051aa3b, 0x483f7913, 0x2cfe5f15, 0x023427ca, 0x2cc78315, 0x1e36ea47},
};
constexpr std::uint32_t RC_PARTIAL[PARTIAL_ROUNDS] = {
        0x5a8053c0, 0x693be639, 0x3858867d, 0x19334f6b, 0x128f0fd8, 0x4e2b1ccb, 0x61210ce0, 0x3c318939, 0x0b5b2f22, 0x2edb11d5, 0x213effdf, 0x0cac4606, 0x241af16d,
};
constexpr std::uint32_t RC_TERMINAL[HALF_FULL_ROUNDS][WIDTH] = {
        {0x7290a80d, 0x6f7e5329, 0x598ec8a8, 0x76a859a0, 0x6559e868, 0x657b83af, 0x13271d3f, 0x1f876063, 0x0aeeae37, 0x706e9ca6, 0x46400cee, 0x72a05c26, 0x2c589c9e, 0x20bd37a7, 0x6a2d3d10, 0x20523767},
        {0x5b8fe9c4, 0x2aa501d6, 0x1e01ac3e, 0x1448bc54, 0x5ce5ad1c, 0x4918a14d, 0x2c46a83f, 0x4fcf6876, 0x61d8d5c8, 0x6ddf4ff9, 0x11fda4d3, 0x02933a8f, 0x170eaf81, 0x5a9c314f, 0x49a12590, 0x35ec52a1},
        {0x58eb1611, 0x5e481e65, 0x367125c9, 0x0eba33ba, 0x1fc28ded, 0x066399ad, 0x0cbec0ea, 0x75fd1af0, 0x50f5bf4e, 0x643d5f41, 0x6f4fe718, 0x5b3cbbde, 0x1e3afb3e, 0x296fb027, 0x45e1547b, 0x4a8db2ab},
        {0x59986d19, 0x30bcdfa3, 0x1db63932, 0x1d7c2824, 0x53b33681, 0x0673b747, 0x038a98a3, 0x2c5bce60, 0x351979cd, 0x5008fb73, 0x547bca78, 0x711af481, 0x3f93bf64, 0x644d987b, 0x3c8bcd87, 0x608758b8},
};

// Plonky3 p3-baby-bear (src/poseidon2.rs, INTERNAL_DIAG_MONTY_16, unchanged from 2024-12-01 to the
// field refactor of 2025-02-10, the window of the rev 1ba4e5c OpenVM v1.0.0 pins):
// V = [-2, 1, 2, 1/2, 3, 4, -1/2, -3, -4, 1/2^8, 1/4, 1/8, 1/2^27, -1/2^8, -1/16, -1/2^27].
// Written as residues: for n <= 27, -1/2^n = (p - 1) >> n (since p - 1 = 15 * 2^27) and
// 1/2^n = p - ((p - 1) >> n); 1/2^27 = -15 and -1/2^27 = 15.
constexpr std::uint32_t DIAG[WIDTH] = {
    P - 2, 1, 2, (P + 1) >> 1, 3, 4, (P - 1) >> 1, P - 3, P - 4,
    P - ((P - 1) >> 8), P - ((P - 1) >> 2), P - ((P - 1) >> 3), P - 15,
    (P - 1) >> 8, (P - 1) >> 4, 15,
};

State to_state(const std::uint32_t (&a)[WIDTH]) {
    State s;
    for (std::size_t i = 0; i < WIDTH; ++i) s[i] = BabyBear::from_canonical(a[i]);
    return s;
}

Constants make_openvm_constants() {
    Constants c;
    for (std::size_t r = 0; r < HALF_FULL_ROUNDS; ++r) {
        c.initial[r] = to_state(RC_INITIAL[r]);
        c.terminal[r] = to_state(RC_TERMINAL[r]);
    }
    for (std::size_t r = 0; r < PARTIAL_ROUNDS; ++r) c.partial[r] = BabyBear::from_canonical(RC_PARTIAL[r]);
    return c;
}

// x^7 = x^4 * x^2 * x (SBOX_DEGREE, R71).
BabyBear sbox(BabyBear x) {
    static_assert(SBOX_DEGREE == 7);
    BabyBear x2 = x * x;
    BabyBear x4 = x2 * x2;
    return x4 * x2 * x;
}

// Plonky3's MDSMat4, rows [2 3 1 1], [1 2 3 1], [1 1 2 3], [3 1 1 2], by additions only.
void mat4(BabyBear* x) {
    const BabyBear a = x[0], b = x[1], c = x[2], d = x[3];
    const BabyBear ab = a + b, cd = c + d, all = ab + cd;
    x[0] = all + a + b + b;  // 2a + 3b + c + d
    x[1] = all + b + c + c;  // a + 2b + 3c + d
    x[2] = all + c + d + d;  // a + b + 2c + 3d
    x[3] = all + d + a + a;  // 3a + b + c + 2d
}

void full_rounds(State& s, const std::array<State, HALF_FULL_ROUNDS>& rc) {
    for (const State& round : rc) {
        for (std::size_t i = 0; i < WIDTH; ++i) s[i] = sbox(s[i] + round[i]);
        external_linear_layer(s);
    }
}

}  // namespace

const Constants& openvm_constants() {
    static const Constants c = make_openvm_constants();
    return c;
}

const State& internal_diagonal() {
    static const State d = to_state(DIAG);
    return d;
}

void external_linear_layer(State& s) {
    // The circulant (2 M4, M4, M4, M4) of the Poseidon2 paper's Appendix B: M4 on each block, then
    // each lane adds the sum of its lane class over all blocks.
    for (std::size_t b = 0; b < WIDTH; b += 4) mat4(&s[b]);
    BabyBear sums[4];
    for (std::size_t i = 0; i < WIDTH; ++i) sums[i % 4] += s[i];
    for (std::size_t i = 0; i < WIDTH; ++i) s[i] += sums[i % 4];
}

void internal_linear_layer(State& s) {
    BabyBear sum;
    for (BabyBear x : s) sum += x;
    const State& d = internal_diagonal();
    for (std::size_t i = 0; i < WIDTH; ++i) s[i] = sum + d[i] * s[i];
}

void permute_in_place(State& s, const Constants& c) {
    external_linear_layer(s);
    full_rounds(s, c.initial);
    for (BabyBear rc : c.partial) {
        s[0] = sbox(s[0] + rc);
        internal_linear_layer(s);
    }
    full_rounds(s, c.terminal);
}

State permute(State s, const Constants& c) {
    permute_in_place(s, c);
    return s;
}

Digest compress(const Digest& left, const Digest& right) {
    State s;
    for (std::size_t i = 0; i < DIGEST; ++i) {
        s[i] = left[i];
        s[DIGEST + i] = right[i];
    }
    permute_in_place(s, openvm_constants());
    Digest out;
    for (std::size_t i = 0; i < DIGEST; ++i) out[i] = s[i];
    return out;
}

Digest hash(const Digest& values) { return compress(values, Digest{}); }

}  // namespace memspec::poseidon2
