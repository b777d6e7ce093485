// impl behind the one engine interface (R37): the fused online/offline memory of
// impl/offline_memory.hpp, whose records go to the sink after each operation and are then
// forgotten, so a run holds only its touched cells (R70).
#pragma once

#include <memory>

#include "spec/vocabulary/engine.hpp"

namespace memspec::impl {

// Precondition: `setup` came from validate_setup.
std::unique_ptr<Engine> make_engine(const Setup& setup);

}  // namespace memspec::impl
