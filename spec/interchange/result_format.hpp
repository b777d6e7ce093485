// Direct output of results (R29, R38): records are formatted straight from their views into a
// TextWriter, with no JSON document in between. The bytes are exactly those spec/interchange.md
// specifies (the compact form: no spaces, keys in the documented order).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "spec/interchange/output.hpp"
#include "spec/interchange/record_store.hpp"
#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/record_sink.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec {

void write_values(TextWriter& w, std::span<const BabyBear> values);
void write_record(TextWriter& w, const AccessRecordView& r);
void write_record(TextWriter& w, const AdapterRecordView& r);
void write_record(TextWriter& w, const FinalBlockView& b);

// The v1 result object (no trailing newline). `with_final_memory`: the scenario asked for
// finalize (R24), so "final_memory" is present even when empty; `roots` (R75a) follow
// "final_timestamp" when present. Large stores are formatted on `threads` threads in slices and
// written in order; the bytes do not depend on `threads`.
void write_result(ByteSink& out, const RecordStore& store, bool with_final_memory, std::uint32_t final_timestamp,
                  const std::optional<ResultRoots>& roots, unsigned threads = 0);
void write_result(TextWriter& w, const RunResult& result);

// A JSON string: `"`, `\\` and control bytes escaped (\b \f \n \r \t, else \u00xx), every other
// byte of valid UTF-8 as it is; a byte that is not part of valid UTF-8 becomes U+FFFD, so the
// output is always valid JSON in UTF-8.
void write_string(TextWriter& w, std::string_view text);
// The error object {"error":{"kind":…,"message":…[,"op_index":N]}} (R28, R29; no newline).
void write_error(TextWriter& w, const MemoryError& e);

// R38: a RecordSink printing one JSON Lines object per record as it arrives:
// {"record":{…}}, {"adapter_record":{…}}, {"final_block":{…}}; `end` prints
// {"finalize_chunk":C} when the run was finalized (so an empty final memory still shows), then
// the roots when present ({"initial_root":[…]}, {"final_root":[…]}, R75a), then
// {"final_timestamp":N}.
class JsonLinesWriter final : public RecordSink {
public:
    explicit JsonLinesWriter(TextWriter& w) : w_(w) {}
    void access(const AccessRecordView& r) override;
    void adapter(const AdapterRecordView& r) override;
    void final_block(const FinalBlockView& b) override;
    void end(std::uint32_t final_timestamp, std::optional<std::uint64_t> finalize_chunk, const std::optional<ResultRoots>& roots);

private:
    TextWriter& w_;
};

}  // namespace memspec
