// A readable summary of a run, for people (`memspec run --workload` without --json), gathered by
// a RecordSink as the records stream past, so a summary never holds the run.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_set>
#include <utility>

#include "spec/vocabulary/engine.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec::cli {

class SummarySink final : public RecordSink {
public:
    void access(const AccessRecordView& r) override;
    void adapter(const AdapterRecordView& r) override;
    void final_block(const FinalBlockView& b) override;

    std::size_t reads = 0, writes = 0, adapter_records = 0, final_blocks = 0;
    std::uint32_t chunk = 0;
    std::map<std::uint32_t, std::pair<std::size_t, std::size_t>> per_n;  // n -> (splits, merges)
    std::unordered_set<std::uint64_t> touched;                            // R22, as (as << 32 | ptr)
};

std::string summarize(const std::string& name, const Scenario& scenario, const SummarySink& s, std::uint32_t final_timestamp,
                      double seconds);

// A progress bar on stderr, redrawn in place; silent when stderr is not a terminal.
class ProgressBar {
public:
    explicit ProgressBar(std::string label);
    ~ProgressBar();
    void update(std::size_t done, std::size_t total);

private:
    std::string label_;
    bool enabled_;
    int last_percent_ = -1;
};

}  // namespace memspec::cli
