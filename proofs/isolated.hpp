// Solving in a child process (R80): each property runs in a forked child that the parent kills at
// its limit, so a hang is a timeout and never a stuck run (util/isolated.hpp).
#pragma once

#include <functional>

#include <memspec/proofs/outcome.hpp>

namespace memspec::proofs {

// Runs `fn` in a forked child (address space capped at 4 GiB: the machine is shared, and a runaway
// query is then an error instead of swapping) and returns its Outcome; Timeout once
// `timeout_seconds` pass, Error if the child dies or throws. `seconds` is wall time measured here.
Outcome run_isolated(const std::function<Outcome()>& fn, double timeout_seconds);

}  // namespace memspec::proofs
