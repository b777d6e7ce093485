// The classes each engine is built from — online Memory, OfflineMemory, AccessAdapterInventory —
// for the rule tests that drive them directly rather than through the Engine interface. A test
// body is written once as a template over the parts and runs with the parts of its parameter's
// engine (support/engines.hpp):
//
//   TEST_P(Online, R9_…) {
//       with_parts(GetParam(), []<class E>() { typename E::Memory m(MemoryConfig{}, MemoryImage{}); … });
//   }
#pragma once

#include <gtest/gtest.h>

#include <vector>

#include "engines/engines.hpp"
#include "impl/access_adapter_inventory.hpp"
#include "impl/memory.hpp"
#include "impl/offline_memory.hpp"
#include "oracle/access_adapter_inventory.hpp"
#include "oracle/memory.hpp"
#include "oracle/offline_memory.hpp"
#include "spec/vocabulary/records.hpp"

namespace memspec::testing {

struct OracleParts {
    using Memory = oracle::Memory;
    using OfflineMemory = oracle::OfflineMemory;
    using AccessAdapterInventory = oracle::AccessAdapterInventory;
};

struct ImplParts {
    using Memory = impl::Memory;
    using OfflineMemory = impl::OfflineMemory;
    using AccessAdapterInventory = impl::AccessAdapterInventory;
};

// The adapter records an inventory holds, in emission order (R20): the oracle keeps them as they
// are, impl as rows it converts on request.
inline std::vector<AccessAdapterRecord> adapter_records(const oracle::AccessAdapterInventory& a) { return a.records; }
inline std::vector<AccessAdapterRecord> adapter_records(const impl::AccessAdapterInventory& a) { return a.records(); }

// Calls body.operator()<Parts>() with the parts of `engine`; an engine without parts here is a
// failure, so that a new engine in engines::all() cannot pass these tests by running none of them.
template <class Body>
void with_parts(const engines::NamedEngine& engine, Body&& body) {
    if (engine.name == "oracle")
        body.template operator()<OracleParts>();
    else if (engine.name == "impl")
        body.template operator()<ImplParts>();
    else
        ADD_FAILURE() << "tests/support/engine_parts.hpp knows no parts of the engine " << engine.name;
}

}  // namespace memspec::testing
