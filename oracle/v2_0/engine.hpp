// The literal oracle of OpenVM v2.0's memory (R215-R220) behind the one engine interface (R37):
// TracingMemory written out with ordered maps, one function per rule.
#pragma once

#include <memory>

#include "spec/vocabulary/engine.hpp"

namespace memspec::oracle::v2_0 {

// Precondition: `setup` came from validate_setup under the openvm-v2.0 profile (R213, R214).
std::unique_ptr<Engine> make_engine(const Setup& setup);

}  // namespace memspec::oracle::v2_0
