// A readable summary of a run, for people (`memspec run --workload` without --json).
#pragma once

#include <string>

#include "spec/scenario.hpp"

namespace memspec::cli {

std::string summarize(const std::string& name, const Scenario& scenario, const RunResult& result, double seconds);

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
