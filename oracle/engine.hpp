// The oracle behind the one engine interface (R37): online memory executes each operation and
// logs it (R9-R12), offline memory replays that log entry at once (R12, R14-R22), and the records
// it makes go to the sink.
#pragma once

#include <memory>

#include "spec/vocabulary/engine.hpp"

namespace memspec::oracle {

// Precondition: `setup` came from validate_setup.
std::unique_ptr<Engine> make_engine(const Setup& setup);

}  // namespace memspec::oracle
