// Where an engine's records go (R37): borrowed views of the records, handed to a RecordSink the
// moment each exists, so that nothing on the path has to hold the whole run unless the sink chooses
// to (streaming, digests). Writers and stores implement RecordSink without knowing any engine.
#pragma once

#include <cstdint>
#include <span>

#include "spec/vocabulary/field.hpp"
#include "spec/vocabulary/records.hpp"

namespace memspec {

// Records as borrowed views: an engine keeps the values in its own storage, valid only during the
// sink call, so emitting a record never allocates.
struct AccessRecordView {
    AccessKind op;
    std::uint32_t address_space;
    std::uint32_t pointer;
    std::uint32_t timestamp;
    std::uint32_t prev_timestamp;
    std::span<const BabyBear> data;       // values read, or values written
    std::span<const BabyBear> prev_data;  // writes only
};

struct AdapterRecordView {
    std::uint32_t n;
    AdapterKind kind;
    std::uint32_t address_space;
    std::uint32_t pointer;
    std::uint32_t left_timestamp;
    std::uint32_t right_timestamp;
    std::span<const BabyBear> data;
};

struct FinalBlockView {
    std::uint32_t address_space;
    std::uint32_t pointer;
    std::uint32_t timestamp;
    std::span<const BabyBear> values;
};

inline AccessRecordView view(const AccessRecord& r) {
    return {r.op, r.address_space, r.pointer, r.timestamp, r.prev_timestamp, r.data, r.prev_data};
}
inline AdapterRecordView view(const AccessAdapterRecord& r) {
    return {r.n, r.kind, r.address_space, r.pointer, r.left_timestamp, r.right_timestamp, r.data};
}
inline FinalBlockView view(const FinalBlock& b) { return {b.address_space, b.pointer, b.timestamp, b.values}; }

// Where records go, in the order the engine produces them: for each step, its adapter records
// (R17-R20) and then its access record (R16); for finalize, its adapter records, then the final
// blocks in (address space, pointer) order (R23, R24).
class RecordSink {
public:
    virtual ~RecordSink() = default;
    virtual void access(const AccessRecordView& record) = 0;
    virtual void adapter(const AdapterRecordView& record) = 0;
    virtual void final_block(const FinalBlockView& block) = 0;
};

// A sink that drops everything (for timing the engine alone, and for callers that only want
// the final state).
class NullSink final : public RecordSink {
public:
    void access(const AccessRecordView&) override {}
    void adapter(const AdapterRecordView&) override {}
    void final_block(const FinalBlockView&) override {}
};

}  // namespace memspec
