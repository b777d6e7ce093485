// The fast engine of OpenVM v1.4's memory (R262-R270) behind the one engine interface (R37): like
// OpenVM's TracingMemory, flat paged cells and per-segment access metadata (a block's size and
// timestamp at its first segment, the offset back to it elsewhere), allocated on first touch.
#pragma once

#include <memory>

#include "spec/vocabulary/engine.hpp"

namespace memspec::impl::v1_4 {

// Precondition: `setup` came from validate_setup under an openvm-v1.4 profile (R261, R271).
std::unique_ptr<Engine> make_engine(const Setup& setup);

}  // namespace memspec::impl::v1_4
