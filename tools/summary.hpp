// A readable summary of a run, for people (`memspec run --workload` without --json), from the
// counts the run kept (R197), so a summary never holds the run.
#pragma once

#include <string>

#include "spec/vocabulary/engine.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec::cli {

// R197: every figure is the run's own count (RunEnd::counts: the driver's and the engine's);
// only the time is measured here.
std::string summarize(const std::string& name, const Scenario& scenario, const RunEnd& end, double seconds);

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
