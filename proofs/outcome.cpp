#include "proofs/outcome.hpp"

namespace memspec::proofs {

std::string_view to_string(ProofStatus s) {
    switch (s) {
        case ProofStatus::Proved: return "proved";
        case ProofStatus::Counterexample: return "counterexample";
        case ProofStatus::ResourceLimit: return "resource_limit";
        case ProofStatus::Error: return "error";
    }
    return "error";
}

}  // namespace memspec::proofs
