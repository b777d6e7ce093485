// Solving in a child process (R80): each property runs in a forked child that the parent kills at
// a wall-clock guard, so a hang is an error and never a stuck run (util/isolated.hpp). What
// decides a property's outcome is its resource budget inside the child (R180); the guard only
// catches a hung or starved child.
#pragma once

#include <functional>

#include "proofs/outcome.hpp"

namespace memspec::proofs {

// Runs `fn` in a forked child (address space capped at 4 GiB: the machine is shared, and a runaway
// query is then an error instead of swapping) and returns its Outcome; an Error once
// `wall_guard_seconds` pass (the detail says the guard killed it) or if the child dies or throws.
// `seconds` is wall time measured here.
Outcome run_isolated(const std::function<Outcome()>& fn, double wall_guard_seconds);

}  // namespace memspec::proofs
