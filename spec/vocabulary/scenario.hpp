// Scenario and RunResult: the unit of work both engines execute (R29, spec/interchange.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "spec/vocabulary/config.hpp"
#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/image.hpp"
#include "spec/vocabulary/poseidon2.hpp"
#include "spec/vocabulary/profile.hpp"
#include "spec/vocabulary/records.hpp"

namespace memspec {

enum class OpKind { Read, Write, Tick };

// Fields stay as parsed (64-bit, unvalidated) so that each engine reports errors in R27's order
// at the operation that carries them, not at parse time.
struct Op {
    OpKind kind = OpKind::Tick;
    std::uint64_t address_space = 0;
    std::uint64_t pointer = 0;
    std::uint64_t len = 0;             // Read
    std::vector<std::uint64_t> data;   // Write
    std::uint64_t by = 0;              // Tick

    static Op read(std::uint64_t as, std::uint64_t ptr, std::uint64_t len) { return {OpKind::Read, as, ptr, len, {}, 0}; }
    static Op write(std::uint64_t as, std::uint64_t ptr, std::vector<std::uint64_t> data) {
        return {OpKind::Write, as, ptr, 0, std::move(data), 0};
    }
    static Op tick(std::uint64_t by) { return {OpKind::Tick, 0, 0, 0, {}, by}; }

    friend bool operator==(const Op&, const Op&) = default;
};

struct InitialCell {
    std::uint64_t address_space;
    std::uint64_t pointer;
    std::uint64_t value;
    friend bool operator==(const InitialCell&, const InitialCell&) = default;
};

struct Scenario {
    Profile profile = Profile::generalized;  // R3a; absent in a document: generalized
    MemoryConfig config;
    std::uint64_t initial_block_size = 1;
    std::vector<InitialCell> initial_memory;
    std::vector<Op> ops;
    std::optional<std::uint64_t> finalize_chunk;  // absent: nothing is finalized

    friend bool operator==(const Scenario&, const Scenario&) = default;
};

// R75a: the Merkle roots a result carries under the openvm-v1.0-persistent profile.
struct ResultRoots {
    poseidon2::Digest initial_root{};
    std::optional<poseidon2::Digest> final_root;  // present iff the run was finalized
    friend bool operator==(const ResultRoots&, const ResultRoots&) = default;
};

struct RunResult {
    std::vector<std::vector<BabyBear>> reads;             // one per read op, in op order
    std::vector<AccessRecord> records;                    // one per read/write op, in op order
    std::vector<AccessAdapterRecord> adapter_records;     // emission order (R20)
    std::optional<TimestampedEquipartition> final_memory; // present iff finalize_chunk was given
    std::uint32_t final_timestamp = 1;
    std::optional<ResultRoots> roots;                     // R75a: persistent profile only

    friend bool operator==(const RunResult&, const RunResult&) = default;
};

// What a scenario's static part becomes once validated (R28: checked before any op runs).
struct Setup {
    Profile profile = Profile::generalized;
    MemoryConfig config;
    std::uint32_t initial_block_size;
    std::optional<std::uint32_t> finalize_chunk;
    MemoryImage initial_memory;
};

// R28: config (R3), initial_block_size (R15), the profile's rules (R3a), finalize_chunk (R26, R3a),
// then the image (R13).
Result<Setup> validate_setup(const Scenario& scenario);

// validate_setup in the pieces a reader that sees the scenario in document order needs (R28):
// the head (config, initial_block_size), finalize_chunk with its tie to the image (R13, R26), and
// the image's cells. validate_setup is exactly these three in this order.
Status check_setup_head(Profile profile, const MemoryConfig& config, std::uint64_t initial_block_size);
Status check_setup_finalize(Profile profile, const MemoryConfig& config, std::optional<std::uint64_t> finalize_chunk, bool image_empty);
// R214: the profile's own cell rule applies after R4, R6 and R1.
Result<MemoryImage> build_image(Profile profile, const MemoryConfig& config, const std::vector<InitialCell>& cells);
// The Setup of a scenario whose head passed the checks above, with its built image. A reader that
// has not yet seen finalize_chunk (it may come after the ops) passes with_finalize = false.
Setup setup_of(const Scenario& scenario, MemoryImage image, bool with_finalize = true);

}  // namespace memspec
