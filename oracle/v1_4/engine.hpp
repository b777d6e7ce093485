// The literal oracle of OpenVM v1.4's memory (R262-R270) behind the one engine interface (R37):
// TracingMemory written out as an ordered map of blocks, one function per rule.
#pragma once

#include <memory>

#include "spec/vocabulary/engine.hpp"

namespace memspec::oracle::v1_4 {

// Precondition: `setup` came from validate_setup under an openvm-v1.4 profile (R261, R271).
std::unique_ptr<Engine> make_engine(const Setup& setup);

}  // namespace memspec::oracle::v1_4
