// The fast engine of OpenVM v2.0's memory (R215-R220) behind the one engine interface (R37):
// like OpenVM's TracingMemory, flat paged cells and one last-access timestamp per 4-cell block,
// allocated on first touch (impl/paged.hpp).
#pragma once

#include <memory>

#include "spec/vocabulary/engine.hpp"

namespace memspec::impl::v2_0 {

// Precondition: `setup` came from validate_setup under the openvm-v2.0 profile (R213, R214).
std::unique_ptr<Engine> make_engine(const Setup& setup);

}  // namespace memspec::impl::v2_0
