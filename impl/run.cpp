#include "impl/run.hpp"

#include "impl/engine.hpp"

namespace memspec::impl {

Result<RunResult> run(const Scenario& sc, const ProgressFn& progress) { return run_to_result(make_engine, sc, progress); }

}  // namespace memspec::impl
