// Outcomes as JSON, at the two places they leave a process: the pipe from the isolated child that
// solved them (isolated.hpp) and `memspec prove --json`.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "proofs/outcome.hpp"

namespace memspec::proofs {

// [{"chip", "row", "cells": {column: value}}], the `counterexample` of `memspec prove --json`.
nlohmann::json to_json(const std::vector<CounterexampleRow>& rows);

// The whole outcome, losslessly (outcome_from_json(to_json(o)) == o).
nlohmann::json to_json(const Outcome& o);
Outcome outcome_from_json(const nlohmann::json& j);

}  // namespace memspec::proofs
